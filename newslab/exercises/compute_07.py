"""Named computations for lesson 07 (voices and quotes): answers computed from the article's quotes."""

from __future__ import annotations

from functools import lru_cache

from .compute import computation


def _quotes(article):
    from .. import voices
    return voices.extract_quotes(article)


def _summary(article):
    from .. import voices
    return voices.speaker_summary(_quotes(article), article)


def _run_on(article):
    """The first quote that runs across a paragraph break: its paragraphs (block numbers), or ()."""
    from .. import voices
    for span in voices.quoted_spans(article):
        paragraphs = tuple(dict.fromkeys(i for i, _, _ in span.pieces))
        if len(paragraphs) > 1 and article.paragraphs[paragraphs[0]].kind == "body":
            return paragraphs
    return ()


def _most_quoted(article):
    summary = _summary(article)
    return max(summary, key=lambda s: summary[s]["quoted_words"]) if summary else None


@computation("run_on_paragraph", "the block number of the first paragraph that ends inside a quote running on into the next")
def run_on_paragraph(article):
    found = _run_on(article)
    return found[0] if found else None


@computation("run_on_next_paragraph", "the block number of the paragraph where that running quote goes on")
def run_on_next_paragraph(article):
    found = _run_on(article)
    return found[1] if found else None


@computation("most_quoted_speaker", "the speaker with the most words inside quotation marks")
def most_quoted_speaker(article):
    return _most_quoted(article)


@computation("most_quoted_share_percent", "the most quoted speaker's share of all quoted words, in whole per cent")
def most_quoted_share_percent(article):
    speaker = _most_quoted(article)
    return round(100 * _summary(article)[speaker]["share_of_quoted_words"]) if speaker else 0


@computation("most_quoted_first_direct_position",
             "the body paragraph (counting from 1) of the most quoted speaker's first direct quote")
def most_quoted_first_direct_position(article):
    speaker = _most_quoted(article)
    position = {p.index: n for n, p in enumerate(article.body, start=1)}
    return next((position[q.paragraph] for q in _quotes(article) if q.speaker == speaker and q.kind == "direct"), None)


@computation("most_quoted_first_quote_position",
             "the body paragraph (counting from 1) of the most quoted speaker's first quote of any kind")
def most_quoted_first_quote_position(article):
    speaker = _most_quoted(article)
    return _summary(article)[speaker]["first_body_position"] if speaker else None


# ---------------------------------------------------------------- a real mistake of the finder (any article)
# The story comes from the development set (Brown news files labelled by hand), so these values are the same
# whatever article is loaded: they compare the finder's attributions with the labels, never a typed answer.

@lru_cache(maxsize=1)
def finder_mistake() -> dict | None:
    """The development set's first passage the whole finder gives to a wrong person (a labelled named person
    first), with the stretch of its story shown to the learner: {fileid, paragraphs, attributions (numbered
    from 1: paragraph, words, speaker, right), number, label, found, stage}; None when the finder makes no
    such mistake."""
    from .. import devset, voices
    from ..realnews import brown_article
    mistakes = [m for m in devset.evaluate()["mistakes"] if m["what"] == "wrong person"]
    chosen = next((m for m in mistakes if m["speaker_kind"] == "person"), mistakes[0] if mistakes else None)
    if chosen is None:
        return None
    fileid = chosen["fileid"]
    article = brown_article(fileid)
    labels = devset.load_labels(fileid)
    label = next(s for s in labels if s["paragraph"] == chosen["paragraph"] and s["words"] == chosen["words"])
    quotes = voices.extract_quotes(article)
    pairs = devset.match_file(quotes, labels)
    judged = {id(found): devset.same_speaker(found, segment) for segment, found in zip(labels, pairs) if found is not None}
    wrong = pairs[labels.index(label)]
    voices_found = [q for q in quotes if q.kind in ("direct", "partial")]
    body = [p.index for p in article.body]
    last = body.index(chosen["paragraph"])
    first = max(0, last - 2)
    while first > 0 and last - first < 8 and not any(
            judged.get(id(q)) for q in voices_found if body[first] <= q.paragraph <= chosen["paragraph"]):
        first -= 1
    shown = body[first:last + 1]
    rows = [q for q in voices_found if q.paragraph in shown]
    stage = next((s for s in voices.STAGES
                  if (lambda q: q is not None and q.speaker and devset.surname(q.speaker) == devset.surname(wrong.speaker))(
                      devset.match_file(voices.extract_quotes(article, up_to=s), [label])[0])), voices.STAGES[-1])
    return {"fileid": fileid, "paragraphs": shown, "texts": [article.paragraphs[i].text for i in shown],
            "attributions": [{"paragraph": q.paragraph, "words": q.text, "speaker": q.full_name or q.speaker,
                              "right": judged.get(id(q), False)} for q in rows],
            "number": next(n for n, q in enumerate(rows, start=1) if q is wrong),
            "label": label, "found": wrong.full_name or wrong.speaker, "stage": stage}


def _short(words: str, most: int = 12) -> str:
    parts = words.split()
    return " ".join(parts[:most]) + (" …" if len(parts) > most else "")


@computation("finder_mistake_story", "a stretch of a real Brown news story and the finder's numbered attributions in it")
def finder_mistake_story(article):
    found = finder_mistake()
    if found is None:
        return "(The quote finder gives no passage of the development set to a wrong person.)"
    paragraphs = "\n\n".join(f"> ¶{i}: {text}" for i, text in zip(found["paragraphs"], found["texts"]))
    rows = "\n".join(f"{n}. ¶{a['paragraph']} “{_short(a['words'])}” → **{a['speaker'] or 'nobody (no speaker)'}**"
                     for n, a in enumerate(found["attributions"], start=1))
    return f"Brown news file `{found['fileid']}`, paragraphs {found['paragraphs'][0]}–{found['paragraphs'][-1]}:\n\n" \
           f"{paragraphs}\n\nThe finder's attributions in these paragraphs:\n\n{rows}"


@computation("finder_mistake_fileid", "the Brown file of the development set that holds the finder's mistake")
def finder_mistake_fileid(article):
    found = finder_mistake()
    return found["fileid"] if found else None


@computation("finder_mistake_number", "the number of the attribution the finder gets wrong, in the list shown")
def finder_mistake_number(article):
    found = finder_mistake()
    return found["number"] if found else None


@computation("finder_mistake_decoy_number", "the number of the attribution shown nearest the mistake that the labels confirm")
def finder_mistake_decoy_number(article):
    found = finder_mistake()
    if found is None:
        return None
    others = [n for n, a in enumerate(found["attributions"], start=1) if n != found["number"]]
    right = [n for n in others if found["attributions"][n - 1]["right"]] or others
    return min(right, key=lambda n: abs(n - found["number"])) if right else None


@computation("finder_mistake_found", "the speaker the finder gives the mistaken passage")
def finder_mistake_found(article):
    found = finder_mistake()
    return found["found"] if found else None


@computation("finder_mistake_labelled", "the speaker the development set's label gives that passage")
def finder_mistake_labelled(article):
    found = finder_mistake()
    return (found["label"]["full_name"] or found["label"]["speaker"] or "nobody") if found else None


@computation("finder_mistake_stage", "the first stage of the sieve after which the passage has the wrong speaker")
def finder_mistake_stage(article):
    found = finder_mistake()
    return found["stage"] if found else None


@computation("finder_mistake_stage_rule", "what that stage of the sieve does")
def finder_mistake_stage_rule(article):
    from .. import voices
    found = finder_mistake()
    return voices.STAGE_TITLES[found["stage"]] if found else None


@computation("finder_mistake_other_stages", "the stages that give speakers other than the one that gave the wrong one")
def finder_mistake_other_stages(article):
    found = finder_mistake()
    return [s for s in ("speakers", "pronouns", "no_cue", "one_person") if not found or s != found["stage"]]


@computation("finder_mistake_words", "the first words of the passage the finder gives to a wrong person")
def finder_mistake_words(article):
    found = finder_mistake()
    return " ".join(found["label"]["words"].split()[:3]) if found else None


@computation("finder_mistake_unknown_number", "the number of the first attribution shown with no speaker (0 when every one has a speaker)")
def finder_mistake_unknown_number(article):
    found = finder_mistake()
    unknown = [n for n, a in enumerate(found["attributions"], start=1) if not a["speaker"]] if found else []
    return unknown[0] if unknown else 0
