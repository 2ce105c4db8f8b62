"""Voices: who gets to speak in an article — direct, partial and indirect quotes, their speakers and reporting verbs."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from nltk import sent_tokenize, word_tokenize

from . import config

KINDS = ("direct", "partial", "indirect")

# Quotation marks. A quote opened with a curly mark is closed by a curly mark; one opened with a
# straight mark by the next straight mark. Single marks (‘ ’) are never top-level quotation
# marks here: inside a quote they are a nested quote, elsewhere mostly apostrophes.
CURLY_OPEN, CURLY_CLOSE, STRAIGHT = "“", "”", '"'
QUOTATION_MARK = re.compile('[“”"]')


# ---------------------------------------------------------------- word lists

@lru_cache(maxsize=1)
def reporting_verbs() -> dict:
    """The reporting verbs from data/wordlists/reporting_verbs.json: {form: {"verb", "connotation"}}."""
    data = _wordlist("reporting_verbs.json")
    return {form: {"verb": entry["verb"], "connotation": entry["connotation"]}
            for entry in data["verbs"] for form in entry["forms"]}


@lru_cache(maxsize=1)
def _cue_words() -> dict:
    data = _wordlist("speaker_cues.json")
    between = _wordlist("reporting_verbs.json")["between"]
    return {"titles": set(data["titles"]), "not_names": set(data["not_names"]),
            "pronouns": data["pronouns"], "between": set(between)}


def _wordlist(name: str) -> dict:
    with open(config.WORDLISTS / name, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def _verb_pattern() -> re.Pattern:
    forms = sorted(reporting_verbs(), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
    return re.compile(rf"(?<![\w’'-])(?:{alternatives})(?![\w’'-])", re.IGNORECASE)


# ---------------------------------------------------------------- what the extractor returns

@dataclass(frozen=True)
class Span:
    """The words inside one pair of quotation marks; a quote left open at a paragraph break continues."""

    pieces: tuple  # ((paragraph index, start, end), ...): offsets into each paragraph's text, marks excluded
    opening: tuple  # (paragraph index, offset of the opening mark)
    closing: tuple | None  # (paragraph index, offset of the closing mark), None when it never closes

    @property
    def paragraph(self) -> int:
        return self.opening[0]

    def text(self, article) -> str:
        """The quoted words, pieces from different paragraphs joined by a space."""
        parts = [article.paragraphs[i].text[start:end].strip() for i, start, end in self.pieces]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Quote:
    """One quote: its words, kind, speaker (surname), cue (the words naming the speaker) and reporting verb."""

    paragraph: int  # where the quote starts (index over all blocks of the file)
    kind: str  # "direct", "partial" or "indirect"
    text: str
    speaker: str | None
    cue: str | None
    verb: str | None
    paragraphs: tuple = ()  # every paragraph the quote runs through
    pieces: tuple = ()  # ((paragraph index, start, end), ...) of the quoted words

    def as_dict(self) -> dict:
        """The shape `newslab analyze --json` writes."""
        return {"paragraph": self.paragraph, "speaker": self.speaker, "cue": self.cue,
                "text": self.text, "verb": self.verb, "kind": self.kind}


@dataclass
class _Attribution:
    """A reporting verb outside quotation marks with the words that name who speaks."""

    paragraph: int
    sentence: int
    verb: str
    verb_start: int
    verb_end: int
    cue: str
    cue_start: int  # where the attribution starts (for coordinated verbs: the "and"/"but")
    cue_kind: str  # "name", "pair", "pronoun"
    names: tuple = ()
    phrase_start: int | None = None  # where the words naming the speaker start, titles included
    used: bool = False
    speaker: str | None = None

    @property
    def start(self) -> int:
        first = self.cue_start if self.phrase_start is None else min(self.phrase_start, self.cue_start)
        return min(first, self.verb_start)


# ---------------------------------------------------------------- 1. quotation marks

def _mark_role(text: str, pos: int) -> str:
    char = text[pos]
    if char == CURLY_OPEN:
        return "open"
    if char == CURLY_CLOSE:
        return "close"
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    opens = before.isspace() or before in "([{—–-/"
    closes = after.isspace() or after in ".,;:!?)]}—–"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _family(char: str) -> str:
    return "straight" if char == STRAIGHT else "curly"


def quoted_spans(article) -> list:
    """Every span inside quotation marks, in text order, including one that runs across a paragraph break.

    A body paragraph that ends inside a quote continues it when the next body paragraph opens with a
    quotation mark (the newspaper convention); otherwise the quote ends with its paragraph.
    Captions and related links are read on their own.
    """
    spans = []
    carried = None  # an unfinished span from the previous body paragraph
    for paragraph in article.paragraphs:
        if paragraph.kind == "body":
            carried = _spans_in(paragraph, carried, spans)
        else:
            leftover = _spans_in(paragraph, None, spans)
            if leftover:
                spans.append(_finish(leftover, None))
    if carried:
        spans.append(_finish(carried, None))
    spans.sort(key=lambda s: s.opening)
    return spans


def _spans_in(paragraph, carried, spans):
    text, index = paragraph.text, paragraph.index
    marks = [(m.start(), _mark_role(text, m.start())) for m in QUOTATION_MARK.finditer(text)]
    current, piece_start = None, 0
    if carried:
        first = marks[0] if marks else None
        if first and first[0] == len(text) - len(text.lstrip()) and first[1] != "close" \
                and _family(text[first[0]]) == carried["family"]:
            current, piece_start = carried, first[0] + 1
            marks = marks[1:]
        else:
            spans.append(_finish(carried, None))
    for pos, role in marks:
        family = _family(text[pos])
        if current is None:
            if role != "close":
                current = {"family": family, "opening": (index, pos), "pieces": []}
                piece_start = pos + 1
            continue
        if family != current["family"]:
            continue  # a nested quote of the other kind of mark: part of the quoted words
        if role == "open" and family == "curly":  # a new quote before the last one closed
            current["pieces"].append((index, piece_start, pos))
            spans.append(_finish(current, None))
            current = {"family": family, "opening": (index, pos), "pieces": []}
            piece_start = pos + 1
            continue
        current["pieces"].append((index, piece_start, pos))
        spans.append(_finish(current, (index, pos)))
        current = None
    if current is not None:
        current["pieces"].append((index, piece_start, len(text)))
    return current


def _finish(current: dict, closing) -> Span:
    return Span(pieces=tuple(current["pieces"]), opening=current["opening"], closing=closing)


# ---------------------------------------------------------------- 2. the reporter's sentences

def _inside_ranges(spans) -> dict:
    """{paragraph index: [(start, end), ...]} of the characters inside quotation marks, marks included."""
    ranges = {}
    for span in spans:
        for n, (i, start, end) in enumerate(span.pieces):
            lo = start - 1 if n == 0 else start
            hi = end + 1 if (n == len(span.pieces) - 1 and span.closing) else end
            ranges.setdefault(i, []).append((max(lo, 0), hi))
    return ranges


def _masked(text: str, ranges) -> str:
    """The paragraph with quoted words blanked out ("x"), so verbs and names inside quotes are not read as
    the reporter's, while a sentence-final mark at the end of a quote still ends the sentence."""
    chars = list(text)
    for start, end in ranges:
        inner_end = end - 1 if end <= len(text) and end > start and text[end - 1] in "“”\"" else end
        inner_start = start + 1 if text[start:start + 1] in ("“", "”", '"') else start
        last = inner_end - 1
        while last > inner_start and text[last].isspace():
            last -= 1
        for k in range(inner_start, inner_end):
            if chars[k].isalnum():
                chars[k] = "x"
            elif not chars[k].isspace() and not (k == last and chars[k] in ".?!"):
                chars[k] = " "
    return "".join(chars)


def _sentence_spans(text: str, original: str | None = None) -> list:
    """(start, end) of each sentence by nltk.sent_tokenize; a piece that starts in lower case in the
    original text ('?” he asked.') joins the one before."""
    original = text if original is None else original
    spans, pos = [], 0
    for sentence in sent_tokenize(text):
        start = text.find(sentence, pos)
        if start < 0:  # sent_tokenize returns slices of the text; this is only a guard
            continue
        end = start + len(sentence)
        first = original[start:end].lstrip("“”\"'‘’([ ")[:1]
        if spans and (first.islower() or not first.isalnum()):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        pos = end
    return spans or [(0, len(text))]


# ---------------------------------------------------------------- 3. attributions: verb + speaker

_TOKEN = re.compile(r"\S+")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'.\-]*|al-[A-Z][\w’'\-]*|[A-Z]\.)$")
_CONNECTORS = {"of", "al", "bin", "ibn", "de", "da", "di", "du", "van", "von", "der", "le", "la"}
_CLAUSE_OPENERS = {"who", "whose", "a", "an", "the", "his", "her", "its", "their"}
_POSSESSIVE = re.compile(r"[’']s?$")


def _is_name_token(word: str) -> bool:
    return bool(_NAME_TOKEN.match(word)) and not _POSSESSIVE.search(word)


def _name_before(tokens: list, end: int):
    """The name that ends at tokens[end - 1], titles dropped: (cue text start, cue text end, names) or None."""
    words = _cue_words()
    i = end
    while i > 0 and (_is_name_token(tokens[i - 1][0]) or
                     (tokens[i - 1][0] in _CONNECTORS and i > 1 and _is_name_token(tokens[i - 2][0]) and i < end)):
        i -= 1
    run = tokens[i:end]
    phrase_start = run[0][1] if run else None
    while run and (run[0][0] in words["titles"] or run[0][0] in words["not_names"] or run[0][0] in _CONNECTORS):
        run = run[1:]
    if not run or len(run) > 5:
        return None
    return run[0][1], run[-1][2], run, phrase_start


def _cue_before(sentence_text: str, offset: int, verb_start: int, previous):
    """Find who speaks before a reporting verb: a name, two names, he/she, or the speaker of a coordinated verb."""
    words = _cue_words()
    tokens = [(m.group(), offset + m.start(), offset + m.end())
              for m in _TOKEN.finditer(sentence_text[:verb_start - offset])]
    i = len(tokens)
    while i > 0 and tokens[i - 1][0].lower() in words["between"]:
        i -= 1
    if i == 0:
        return None
    last = tokens[i - 1][0]
    if last in words["pronouns"]:
        return {"cue": last, "start": tokens[i - 1][1], "kind": "pronoun", "names": ()}
    if last in ("and", "but") and previous is not None:
        return {"cue": previous.cue, "start": tokens[i - 1][1], "kind": previous.cue_kind,
                "names": previous.names, "coordinated": True}
    if last.endswith(","):
        return _cue_before_clause(tokens[:i])
    return _name_cue(tokens, i)


def _name_cue(tokens: list, end: int):
    found = _name_before(tokens, end)
    if not found:
        return None
    start, stop, run, phrase_start = found
    first_index = tokens.index(run[0])
    if first_index >= 2 and tokens[first_index - 1][0] == "and":
        other = _name_before(tokens, first_index - 1)
        if other:
            return {"cue": None, "start": other[0], "end": stop, "kind": "pair", "phrase_start": other[3],
                    "names": (_words(other[2]), _words(run))}
    return {"cue": None, "start": start, "end": stop, "kind": "name", "phrase_start": phrase_start,
            "names": (_words(run),)}


def _words(run) -> str:
    return " ".join(token[0] for token in run)


def _cue_before_clause(tokens: list):
    """'Kerry, who is in London …, called for …': skip a clause between commas back to the name."""
    for j, (word, _, _) in enumerate(tokens[:-1]):
        if word.endswith(",") and tokens[j + 1][0].lower() in _CLAUSE_OPENERS and len(tokens) - j <= 30:
            trimmed = tokens[:j] + [(word[:-1], tokens[j][1], tokens[j][2] - 1)]
            cue = _name_cue(trimmed, len(trimmed))
            if cue:
                return cue
    return None


def _cue_after(text: str, pos: int):
    """'… according to Hammond' or '”, said Kerry': a name or pronoun right after the verb."""
    words = _cue_words()
    tokens = [(m.group(), pos + m.start(), pos + m.end()) for m in _TOKEN.finditer(text[pos:pos + 120])]
    if not tokens:
        return None
    first = tokens[0][0].rstrip(",.;:")
    if first in words["pronouns"]:
        return {"cue": first, "start": tokens[0][1], "kind": "pronoun", "names": ()}
    run = []
    for word, start, end in tokens[:6]:
        bare = word.rstrip(",.;:")
        if _is_name_token(bare) or (run and bare in _CONNECTORS):
            run.append((bare, start, start + len(bare)))
            if bare != word:
                break
        else:
            break
    while run and (run[0][0] in words["titles"] or run[0][0] in words["not_names"]):
        run = run[1:]
    while run and run[-1][0] in _CONNECTORS:
        run = run[:-1]
    if not run:
        return None
    return {"cue": None, "start": run[0][1], "end": run[-1][2], "kind": "name", "names": (_words(run),)}


def _attributions(paragraph, masked: str, sentences: list, closings: set) -> list:
    """Every reporting verb outside quotes in one paragraph that has a speaker, in text order."""
    found = []
    for number, (s_start, s_end) in enumerate(sentences):
        sentence = masked[s_start:s_end]
        previous = None
        for match in _verb_pattern().finditer(sentence):
            verb = re.sub(r"\s+", " ", match.group().lower())
            v_start, v_end = s_start + match.start(), s_start + match.end()
            if verb == "according to":
                cue = _cue_after(masked, v_end)
            else:
                cue = _cue_before(sentence, s_start, v_start, previous)
                if cue is None and _follows_closing(masked, v_start, closings):
                    cue = _cue_after(masked, v_end)
            if cue is None:
                continue
            # a pronoun or a coordinated verb carries its cue; a name is read from the paragraph's own text
            cue_text = cue["cue"] if cue["cue"] is not None else paragraph.text[cue["start"]:cue["end"]]
            attribution = _Attribution(paragraph=paragraph.index, sentence=number, verb=verb, verb_start=v_start,
                                       verb_end=v_end, cue=cue_text, cue_start=cue["start"], cue_kind=cue["kind"],
                                       names=cue["names"], phrase_start=cue.get("phrase_start"))
            found.append(attribution)
            previous = attribution
    return found


def _follows_closing(masked: str, pos: int, closings: set) -> bool:
    """True when only a comma and spaces stand between a closing quotation mark and pos."""
    k = pos - 1
    while k >= 0 and (masked[k].isspace() or masked[k] == ","):
        k -= 1
    return k in closings


# ---------------------------------------------------------------- 4. the quotes

def extract_quotes(article) -> list:
    """All quotes in the article's body paragraphs, in text order: direct, partial and indirect.

    - direct: one or more sentences inside quotation marks (a quote may run across a paragraph break);
    - partial: a fragment inside quotation marks within the reporter's own sentence, attributed by a
      reporting verb in that sentence (a fragment with no attribution is a scare quote or a title: left out);
    - indirect: a reporting verb with a speaker and no quotation marks in what it reports.
    Speakers: a name gives its surname; two names joined by "and" give "A and B"; "he"/"she" is the last
    single speaker a quote was attributed to (not the nearest name). Captions and related links are not read.
    """
    spans = [s for s in quoted_spans(article) if article.paragraphs[s.paragraph].kind == "body"]
    inside = _inside_ranges(spans)
    closings = {}
    for span in spans:
        if span.closing:
            closings.setdefault(span.closing[0], set()).add(span.closing[1])
    reading = {}
    for paragraph in article.body:
        masked = _masked(paragraph.text, inside.get(paragraph.index, []))
        sentences = _sentence_spans(masked, paragraph.text)
        reading[paragraph.index] = {
            "masked": masked, "sentences": sentences,
            "attributions": _attributions(paragraph, masked, sentences, closings.get(paragraph.index, set())),
        }
    marked = _quotes_in_marks(article, spans, reading)
    indirect = _indirect_quotes(article, reading)
    quotes = marked + indirect
    _resolve_speakers(quotes, reading)
    quotes.sort(key=lambda q: (q["pieces"][0][0], q["pieces"][0][1]) if q["pieces"] else (q["paragraph"], 0))
    return [_as_quote(q) for q in quotes if q["kind"]]


def _sentence_of(sentences: list, pos: int) -> int:
    for number, (start, end) in enumerate(sentences):
        if start <= pos < end or (pos == end and number == len(sentences) - 1):
            return number
    for number, (start, _) in enumerate(sentences):
        if pos < start:
            return max(number - 1, 0)
    return len(sentences) - 1


def _reporter_words_between(paragraph_text: str, ranges: list, start: int, end: int) -> str:
    """The reporter's own words in text[start:end], quoted words left out."""
    chars = []
    for k in range(start, end):
        if not any(lo <= k < hi for lo, hi in ranges):
            chars.append(paragraph_text[k])
    return "".join(chars)


def _quotes_in_marks(article, spans: list, reading: dict) -> list:
    inside = _inside_ranges(spans)
    quotes = []
    for span in spans:
        if not re.search(r"\w", span.text(article)):
            continue  # empty marks
        p_open, pos_open = span.opening
        info = reading[p_open]
        text = article.paragraphs[p_open].text
        number = _sentence_of(info["sentences"], pos_open)
        s_start, s_end = info["sentences"][number]
        before = _reporter_words_between(text, inside.get(p_open, []), s_start, pos_open)
        attributions = info["attributions"]
        in_sentence = [a for a in attributions if a.sentence == number]
        leading = [a for a in in_sentence if a.verb_end <= pos_open and re.fullmatch(r"\s*[,:]\s*", text[a.verb_end:pos_open])]
        quote = {"span": span, "pieces": span.pieces, "paragraph": p_open, "text": _clean(span.text(article)),
                 "attribution": None, "kind": None, "floating": False}
        if leading or before.rstrip().endswith(":") or not re.search(r"\w", before):
            quote["kind"] = "direct"
            quote["attribution"] = leading[-1] if leading else _trailing(span, reading, article)
            quote["opens_paragraph"] = not text[:pos_open].strip()
            quote["ends_sentence"] = _ends_sentence(span, reading, inside, article)
        else:
            quote["kind"] = "partial"
            earlier = [a for a in in_sentence if a.verb_end <= pos_open]
            later = [a for a in in_sentence if a.start >= pos_open]
            quote["attribution"] = earlier[-1] if earlier else (later[0] if later else None)
            if quote["attribution"] is None:
                quote["kind"] = None  # a scare quote, a term or a title: not a quote of anyone
        quotes.append(quote)
    _inherit_within_paragraph(quotes)
    for quote in quotes:
        if quote["attribution"]:
            quote["attribution"].used = True
    return quotes


def _ends_sentence(span: Span, reading: dict, inside: dict, article) -> bool:
    """True when no words of the reporter follow the closing mark in its sentence (or the quote never closes)."""
    if not span.closing:
        return True
    p_close, pos_close = span.closing
    info = reading[p_close]
    _, s_end = info["sentences"][_sentence_of(info["sentences"], pos_close)]
    after = _reporter_words_between(article.paragraphs[p_close].text, inside.get(p_close, []), pos_close + 1, s_end)
    return not re.search(r"\w", after)


def _clean(text: str) -> str:
    """The quoted words without a final comma: that comma belongs to the reporter's sentence."""
    return text.strip().rstrip(",").rstrip()


def _trailing(span: Span, reading: dict, article):
    """An attribution right after the closing mark: '”, Kerry said' / '” he added' / '”, said Kerry'."""
    if not span.closing:
        return None
    p_close, pos_close = span.closing
    info = reading.get(p_close)
    if not info:
        return None
    text = info["masked"]
    for a in info["attributions"]:
        if a.start > pos_close and not text[pos_close + 1:a.start].strip(" ,"):
            return a
    return None


def _inherit_within_paragraph(quotes: list) -> None:
    """A direct quote with no attribution of its own takes the one of the quote before it in the same
    paragraph (“A,” he said. “B.”), or else of the next one (“A.” “B,” he said); one that opens a
    paragraph with none at all is a floating quote of the last speaker."""
    direct = [q for q in quotes if q["kind"] == "direct"]
    for quote in direct:
        if quote["attribution"]:
            continue
        here, start = quote["paragraph"], quote["pieces"][0][1]
        others = [q for q in direct if q["attribution"] and q is not quote]
        before = [q for q in others if q["pieces"][-1][0] == here and q["pieces"][-1][2] <= start]
        after = [q for q in others if q["paragraph"] == here and q["pieces"][0][1] > start]
        if before:
            quote["attribution"] = before[-1]["attribution"]
        elif after:
            quote["attribution"] = after[0]["attribution"]
        elif quote.get("opens_paragraph") and quote.get("ends_sentence"):
            quote["floating"] = True
        else:
            quote["kind"] = None  # a quoted title or term opening a sentence, with nobody saying it


def _indirect_quotes(article, reading: dict) -> list:
    quotes = []
    for index, info in reading.items():
        text = article.paragraphs[index].text
        attributions = info["attributions"]
        for n, a in enumerate(attributions):
            if a.used:
                continue
            s_start, s_end = info["sentences"][a.sentence]
            if a.verb == "according to":
                start, end = _according_to_content(text, a, s_start, s_end)
            else:
                nxt = [b for b in attributions[n + 1:] if b.sentence == a.sentence and b.start > a.verb_end]
                start, end = a.verb_end, (nxt[0].start if nxt else s_end)
                start = _after_that(text, start, end)
            words = _trim_content(text[start:end])
            if len(words.split()) < 2:
                continue
            a.used = True
            offset = text.find(words, start)
            quotes.append({"pieces": ((index, offset, offset + len(words)),), "paragraph": index, "text": words,
                           "attribution": a, "kind": "indirect", "floating": False})
    return quotes


_BEFORE_THAT = re.compile(r"\s*(?:(?:[A-Z][\w.]*|on|last|this|reporters|journalists|lawmakers|him|her|them|us|me)\s+){0,3}?that\s+")


def _after_that(text: str, start: int, end: int) -> int:
    """Skip 'Saturday that' / 'reporters that' / 'that' before the reported clause."""
    match = _BEFORE_THAT.match(text[start:end])
    return start + match.end() if match else start


def _according_to_content(text: str, a: _Attribution, s_start: int, s_end: int):
    cue_end = text.find(a.cue, a.cue_start) + len(a.cue) if a.cue else a.verb_end
    before = text[s_start:a.verb_start]
    if re.search(r"\w", before):
        return s_start, a.verb_start
    return cue_end, s_end


def _trim_content(words: str) -> str:
    words = words.strip().lstrip(",;: ").strip()
    previous = None
    while previous != words:
        previous = words
        words = re.sub(r"(?:,?\s*\b(?:and|but|which|who)\b|[,;:!?—–-]|(?<![A-Z])\.)\s*$", "", words).strip()
    return words


# ---------------------------------------------------------------- 5. speakers

def _surname(name: str) -> str:
    """The speaker's surname as the text spells it: the actor list's surname when it knows the name."""
    known = _known_people()
    if name in known:
        return known[name]["surname"]
    words = [w for w in name.split() if w not in ("Jr.", "Jr", "Sr.", "Sr", "II", "III")]
    return words[-1] if words else name


@lru_cache(maxsize=1)
def _known_people() -> dict:
    from . import actors
    people = {}
    for actor in actors.load_actors():
        if actor.kind == "person" and actor.surname:
            for variant in actor.variants:
                people[variant] = {"surname": actor.surname, "pronoun": actor.pronoun}
    return people


def _pronoun_of(surname: str):
    for person in _known_people().values():
        if person["surname"] == surname:
            return person["pronoun"]
    return None


def _resolve_speakers(quotes: list, reading: dict) -> None:
    """Give every quote a speaker, in text order: names as they come, he/she to the last single speaker."""
    pronouns = _cue_words()["pronouns"]
    events = []
    for quote in quotes:
        a = quote["attribution"]
        if a is not None:
            events.append(((a.paragraph, a.start), a))
        elif quote["floating"]:
            events.append(((quote["paragraph"], quote["pieces"][0][1]), quote))
    events.sort(key=lambda e: e[0])
    history = []  # [surname, pronoun or None] of single speakers, most recent last
    done = set()
    for _, item in events:
        if isinstance(item, dict):  # a floating quote: the last speaker's, or nobody's (then not a quote)
            item["speaker"] = history[-1][0] if history else None
            if item["speaker"] is None:
                item["kind"] = None
            continue
        if id(item) in done:
            continue
        done.add(id(item))
        if item.cue_kind == "pronoun":
            wanted = pronouns[item.cue]
            match = next((h for h in reversed(history) if h[1] in (None, wanted)), None)
            if match:
                match[1] = wanted
                item.speaker = match[0]
                history.append(match)
        elif item.cue_kind == "pair":
            item.speaker = " and ".join(_surname(name) for name in item.names)
        else:
            item.speaker = _surname(item.names[0])
            history.append([item.speaker, _pronoun_of(item.speaker)])
    for quote in quotes:
        if quote["attribution"] is not None:
            quote["speaker"] = quote["attribution"].speaker


def _as_quote(q: dict) -> Quote:
    a = q["attribution"]
    paragraphs = tuple(dict.fromkeys(i for i, _, _ in q["pieces"]))
    return Quote(paragraph=q["paragraph"], kind=q["kind"], text=q["text"], speaker=q.get("speaker"),
                 cue=a.cue if a else None, verb=a.verb if a else None, paragraphs=paragraphs, pieces=q["pieces"])


# ---------------------------------------------------------------- 6. summaries

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
    from . import actors
    if mentions is None:
        mentions = actors.find_mentions(article)
    body = {p.index for p in article.body}
    speaking = speakers_of(quotes)
    table = {a.name: a for a in actors.load_actors()}
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
    from . import actors
    speaking = speakers_of(quotes)
    people = actors.load_actors()
    heard = {a.affiliation for a in people if a.speaks_as(speaking)}
    rows = {}
    for row in unquoted_actors(article, quotes, mentions):
        if row["affiliation"] in heard:
            continue
        entry = rows.setdefault(row["affiliation"], {"affiliation": row["affiliation"], "mentions": 0, "actors": []})
        entry["mentions"] += row["mentions"]
        entry["actors"].append(row["actor"])
    return sorted(rows.values(), key=lambda r: -r["mentions"])
