"""Summaries of found quotes the lessons use: quoted words, speakers, actors and affiliations never quoted."""

from __future__ import annotations

from collections import Counter

from nltk import word_tokenize


def quoted_words(text: str) -> int:
    """Words in a text, counted with nltk.word_tokenize: tokens with a letter or digit, a clitic such as
    "'re" or "n't" not counted as a word of its own (curly apostrophes are read as straight ones)."""
    tokens = word_tokenize(text.replace("’", "'"), preserve_line=True)
    return sum(1 for t in tokens if any(c.isalnum() for c in t) and not t.startswith("'") and t.lower() != "n't")


def speaker_summary(quotes: list, article=None) -> dict:
    """Per speaker, in order of first quote: quotes of each kind, quoted words (inside quotation marks:
    direct and partial quotes), their share of all quoted words, the verbs, and where the first quote comes.

    {speaker: {"direct", "partial", "indirect", "quotes", "quoted_words", "share_of_quoted_words",
               "verbs": {verb: n}, "first_paragraph", "first_body_position", "first_direct_paragraph"}}
    first_body_position counts body paragraphs from 1 (needs the article; None without it).
    """
    body_order = {p.index: n + 1 for n, p in enumerate(article.body)} if article is not None else {}
    summary = {}
    for quote in quotes:
        if quote.speaker is None:
            continue
        entry = summary.setdefault(quote.speaker, {
            "direct": 0, "partial": 0, "indirect": 0, "quotes": 0, "quoted_words": 0,
            "share_of_quoted_words": 0.0, "verbs": Counter(), "first_paragraph": quote.paragraph,
            "first_body_position": body_order.get(quote.paragraph), "first_direct_paragraph": None})
        if quote.kind == "direct" and entry["first_direct_paragraph"] is None:
            entry["first_direct_paragraph"] = quote.paragraph
        entry[quote.kind] += 1
        entry["quotes"] += 1
        if quote.verb:
            entry["verbs"][quote.verb] += 1
        if quote.kind in ("direct", "partial"):
            entry["quoted_words"] += quoted_words(quote.text)
    total = sum(e["quoted_words"] for e in summary.values())
    for entry in summary.values():
        entry["share_of_quoted_words"] = round(entry["quoted_words"] / total, 3) if total else 0.0
        entry["verbs"] = dict(entry["verbs"])
    return summary


def speakers_of(quotes: list) -> set:
    """Every single speaker in the quotes, pairs ("Kerry and Hammond") split into their names."""
    names = set()
    for quote in quotes:
        if quote.speaker:
            names.update(quote.speaker.split(" and "))
    return names


def unquoted_actors(article, quotes: list, mentions=None) -> list:
    """Actors the body talks about but never quotes (no quote of any kind), most mentioned first.

    [{"actor", "affiliation", "kind", "mentions", "first_paragraph"}]; places are left out.
    """
    from .. import actors
    listed = actors.actors_for(article)
    if mentions is None:
        mentions = actors.find_mentions(article, listed)
    body = {p.index for p in article.body}
    speaking = speakers_of(quotes)
    table = {a.name: a for a in listed}
    counts, first = Counter(), {}
    for mention in mentions:
        if mention.paragraph in body:
            counts[mention.actor] += 1
            first.setdefault(mention.actor, mention.paragraph)
    rows = []
    for name, n in counts.items():
        actor = table.get(name)
        if actor is None or actor.kind == "place" or actor.speaks_as(speaking):
            continue
        rows.append({"actor": name, "affiliation": actor.affiliation, "kind": actor.kind, "mentions": n,
                     "first_paragraph": first[name]})
    rows.sort(key=lambda r: (-r["mentions"], r["first_paragraph"]))
    return rows


def unquoted_affiliations(article, quotes: list, mentions=None) -> list:
    """Affiliations whose actors the body names but none of whose people is quoted, most mentioned first.

    [{"affiliation", "mentions", "actors": [names]}]; places are left out.
    """
    from .. import actors
    speaking = speakers_of(quotes)
    people = actors.actors_for(article)
    heard = {a.affiliation for a in people if a.speaks_as(speaking)}
    rows = {}
    for row in unquoted_actors(article, quotes, mentions):
        if row["affiliation"] in heard:
            continue
        entry = rows.setdefault(row["affiliation"], {"affiliation": row["affiliation"], "mentions": 0, "actors": []})
        entry["mentions"] += row["mentions"]
        entry["actors"].append(row["actor"])
    return sorted(rows.values(), key=lambda r: -r["mentions"])
