"""Voices: who speaks in an article, found by a sieve of seven small stages (quotes, their kinds, cues and speakers).

The sieve follows the idea of G. Muzny, M. Fang, A. X. Chang and D. Jurafsky (2017), "A Two-stage Sieve
Approach for Quote Attribution", Proceedings of the 15th Conference of the European Chapter of the
Association for Computational Linguistics (EACL 2017), Valencia: many small, precise rules run one
after the other, each one deciding only what it is sure of and leaving the rest to the next. Each stage below is one function with a docstring;
`extract_quotes(article, up_to=stage)` stops after any of them, so a learner can see what each adds.

    marks       the words inside each pair of quotation marks
    not_speech  titles of works, scare quotes and nicknames: quoted words nobody says
    cues        the reporting verb and the words that name who speaks, next to or around each quote
    speakers    those words read as a named person, an organisation or an unnamed ("nominal") speaker
    pronouns    he / she / they: the nearest person mentioned before that fits, not the last speaker
    no_cue      a quote with no cue: the speaker of its paragraph, or the person the sentence before is about
    one_person  "Edward Egnuss", "Mr. Egnuss" and "Egnuss" are one speaker

Reported (indirect) speech keeps its own meaning: a verb of reporting_verbs.json with a speaker and no
quotation marks; it is found with the cues and its speaker read by the same later stages.
Word lists: data/wordlists/cue_verbs.json, reporting_verbs.json, speaker_cues.json and not_speech.json.

NLTK: sentence ends come from one pass that reads Punkt's learned abbreviations (Punkt's own tokenizer
costs 3-5 s per MB on the course machines); NLTK's Treebank tokenizer, POS tagger and NE chunker (loaded
once per process) run only on the reporter's words of sentences that hold a cue. Every step is linear in
the text: positions are looked up with bisect or by sentence, never by scanning all quotes.
"""

from __future__ import annotations

import gc
import json
import re
from bisect import bisect_right
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from nltk import sent_tokenize, word_tokenize

from . import config

KINDS = ("direct", "partial", "indirect")
NOT_SPEECH = ("term", "title")  # quoted words that are nobody's speech: no speaker, not a voice

STAGES = ("marks", "not_speech", "cues", "speakers", "pronouns", "no_cue", "one_person")
STAGE_TITLES = {
    "marks": "Find the words inside each pair of quotation marks (straight, curly, `` '', or British single marks).",
    "not_speech": "Set aside quoted words nobody says: titles of works, scare quotes, nicknames.",
    "cues": "Find the reporting verb and the words naming who speaks next to or around each quote.",
    "speakers": "Read those words as a named person, an organisation or an unnamed speaker.",
    "pronouns": "Give he, she or they to the nearest fitting person mentioned before, not to the last speaker.",
    "no_cue": "Give a quote with no cue the speaker of its paragraph or the person the sentence before is about.",
    "one_person": "Join the forms of one name (Edward Egnuss, Mr. Egnuss, Egnuss) into one speaker.",
}

CURLY_OPEN, CURLY_CLOSE, STRAIGHT = "“", "”", '"'
QUOTATION_MARK = re.compile('[“”"]')


# ---------------------------------------------------------------- word lists

def _wordlist(name: str) -> dict:
    with open(config.WORDLISTS / name, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def reporting_verbs() -> dict:
    """The reporting verbs from data/wordlists/reporting_verbs.json: {form: {"verb", "connotation"}}."""
    data = _wordlist("reporting_verbs.json")
    return {form: {"verb": entry["verb"], "connotation": entry["connotation"]}
            for entry in data["verbs"] for form in entry["forms"]}


@lru_cache(maxsize=1)
def cue_verbs() -> dict:
    """Every form of a verb that can tie quoted words to a speaker: {form: {"verb", "form", "reports"}}.

    form is past, present, base or ing (data/wordlists/cue_verbs.json); reports is True for the forms of
    reporting_verbs.json, the only ones that also introduce reported speech without quotation marks."""
    forms = {}
    for entry in _wordlist("cue_verbs.json")["verbs"]:
        for tense in ("past", "present", "base", "ing"):
            forms.setdefault(entry[tense], {"verb": entry["verb"], "form": tense, "reports": False})
    for form, entry in reporting_verbs().items():
        forms[form] = {"verb": entry["verb"], "form": "past", "reports": True}
    return forms


@lru_cache(maxsize=1)
def _words() -> dict:
    data = _wordlist("speaker_cues.json")
    between = _wordlist("reporting_verbs.json")["between"]
    return {"titles": set(data["titles"]), "not_names": set(data["not_names"]), "pronouns": data["pronouns"],
            "between": set(between) | {"as", "would", "will", "did", "does", "do", "is", "was", "were", "are", "has",
                                      "have", "had", "also", "then", "later", "once", "again", "not", "never",
                                      "simply", "just", "still", "often", "always", "sometimes", "would've"},
            "honorifics": data["honorifics"], "first_person": set(data["first_person"]),
            "nominal": set(data["nominal_heads"]), "organisation": set(data["organisation_heads"]),
            "org_suffixes": set(data["organisation_suffixes"]), "determiners": set(data["determiners"]),
            "places": set(data["place_words"]), "months": set(data["months"])}


_WORD = re.compile(r"[A-Za-z][\w’'-]*")


@lru_cache(maxsize=1)
def _two_word_forms() -> dict:
    table = {}
    for form in cue_verbs():
        if " " in form:
            first, second = form.split(" ", 1)
            table.setdefault(first, set()).add(second)
    return table


def find_verbs(text: str) -> list:
    """Every cue verb form in a text, in order: [(start, end, form)]. One pass over the words with a
    dictionary look-up each (linear in the text); two-word forms ("according to", "put it") included."""
    forms, pairs = cue_verbs(), _two_word_forms()
    found, words = [], list(_WORD.finditer(text))
    for k, match in enumerate(words):
        word = match.group().lower()
        if word in pairs and k + 1 < len(words):
            nxt = words[k + 1]
            if nxt.group().lower() in pairs[word] and not text[match.end():nxt.start()].strip():
                found.append((match.start(), nxt.end(), f"{word} {nxt.group().lower()}"))
                continue
        if word in forms:
            found.append((match.start(), match.end(), word))
    return found


@lru_cache(maxsize=1)
def _verb_pattern() -> re.Pattern:
    forms = sorted(cue_verbs(), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
    return re.compile(rf"(?<![\w’'-])(?:{alternatives})(?![\w’'-])", re.IGNORECASE)


# ---------------------------------------------------------------- what the finder returns

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
    """One quote: its words, kind, speaker (surname or head word), the cue naming the speaker and the verb."""

    paragraph: int  # where the quote starts (index over all blocks of the file)
    kind: str  # "direct", "partial", "indirect"; "term" or "title" for quoted words nobody says
    text: str
    speaker: str | None
    cue: str | None
    verb: str | None
    paragraphs: tuple = ()  # every paragraph the quote runs through
    pieces: tuple = ()  # ((paragraph index, start, end), ...) of the quoted words
    full_name: str | None = None  # the fullest form of the speaker's name the article gives
    speaker_kind: str | None = None  # "person", "organisation", "nominal" or None

    def as_dict(self) -> dict:
        """The shape `newslab analyze --json` writes."""
        return {"paragraph": self.paragraph, "speaker": self.speaker, "cue": self.cue,
                "text": self.text, "verb": self.verb, "kind": self.kind,
                "full_name": self.full_name, "speaker_kind": self.speaker_kind}


@dataclass
class _Cue:
    """A cue verb outside quotation marks with the words that name who speaks."""

    paragraph: int
    sentence: int
    verb: str
    verb_start: int
    verb_end: int
    cue: str  # the words naming the speaker, titles left out, or the pronoun
    cue_start: int
    cue_kind: str  # "name", "pair", "pronoun", "nominal"
    names: tuple = ()
    phrase_start: int | None = None
    reports: bool = False  # the verb is one of reporting_verbs.json: it may introduce indirect speech
    gender: str | None = None  # from an honorific ("Mr." he, "Mrs." she) or the pronoun
    head: str | None = None  # a nominal speaker's head noun
    determiner: bool = False  # the phrase opens with the/a/one …
    titled: bool = False  # a title or honorific stood before the name
    first_in_sentence: bool = False  # the name opens its sentence (its capital says nothing)
    used: bool = False
    speaker: str | None = None
    full_name: str | None = None
    speaker_kind: str | None = None

    @property
    def start(self) -> int:
        first = self.cue_start if self.phrase_start is None else min(self.phrase_start, self.cue_start)
        return min(first, self.verb_start)


# ---------------------------------------------------------------- stage 1: quotation marks

_OPENS_AFTER = "([{—–-/"
_CLOSES_BEFORE = ".,;:!?)]}—–"


def _uses_single_marks(texts) -> bool:
    """True when an article marks speech with single marks only (the British way): no double mark
    anywhere, and at least two single marks that open a word at the start of a stretch of words."""
    if any(QUOTATION_MARK.search(t) or "``" in t or "''" in t for t in texts):
        return False
    openers = sum(len(re.findall(r"(?:^|[\s(\[—–])[‘'](?=[A-Za-z0-9])", t)) for t in texts)
    return openers >= 2


def _single_to_double(text: str) -> str:
    """Single marks read as quotation marks: an opening ‘ or ' becomes “, its closing ’ or ' becomes ”;
    an apostrophe inside a word (don’t, O'Brien) stays. Same length as the text, so offsets hold."""
    chars, open_ = list(text), False
    for k, char in enumerate(text):
        if char not in "‘’'":
            continue
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        if not open_ and (before.isspace() or before in _OPENS_AFTER) and (after.isalnum() or after in "‘'\""):
            chars[k], open_ = CURLY_OPEN, True
        elif open_ and not after.isalnum() and not before.isspace():
            chars[k], open_ = CURLY_CLOSE, False
    return "".join(chars)


def marked_texts(article) -> dict:
    """{paragraph index: the paragraph's text with every quotation mark as “ ” or "}, same length as the text.

    `` and '' (converted corpora) become “ and ”; in an article that uses single marks for speech
    (decided once for the whole article) the single marks that open and close quotes become “ and ”."""
    texts = {p.index: p.text.replace("``", " “").replace("''", "” ") for p in article.paragraphs}
    if _uses_single_marks([texts[p.index] for p in article.body]):
        texts = {i: _single_to_double(t) for i, t in texts.items()}
    return texts


def _mark_role(text: str, pos: int) -> str:
    char = text[pos]
    if char == CURLY_OPEN:
        return "open"
    if char == CURLY_CLOSE:
        return "close"
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    opens = before.isspace() or before in _OPENS_AFTER
    closes = after.isspace() or after in _CLOSES_BEFORE or after in "”\""
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _family(char: str) -> str:
    return "straight" if char == STRAIGHT else "curly"


def quoted_spans(article, texts=None) -> list:
    """Every span inside quotation marks, in text order, including one that runs across a paragraph break.

    A body paragraph that ends inside a quote continues it when the next body paragraph opens with a
    quotation mark (the newspaper convention); otherwise the quote ends with its paragraph. Nested
    marks of the other kind are part of the quote. Captions and related links are read on their own.
    """
    texts = marked_texts(article) if texts is None else texts
    spans = []
    carried = None  # an unfinished span from the previous body paragraph
    for paragraph in article.paragraphs:
        if paragraph.kind == "body":
            carried = _spans_in(texts[paragraph.index], paragraph.index, carried, spans)
        else:
            leftover = _spans_in(texts[paragraph.index], paragraph.index, None, spans)
            if leftover:
                spans.append(_finish(leftover, None))
    if carried:
        spans.append(_finish(carried, None))
    spans.sort(key=lambda s: s.opening)
    return spans


def _spans_in(text, index, carried, spans):
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


def _inside_ranges(spans) -> dict:
    """{paragraph index: [(start, end), ...]} of the characters inside quotation marks, marks included."""
    ranges = {}
    for span in spans:
        for n, (i, start, end) in enumerate(span.pieces):
            lo = start - 1 if n == 0 else start
            hi = end + 1 if (n == len(span.pieces) - 1 and span.closing) else end
            ranges.setdefault(i, []).append((max(lo, 0), hi))
    return ranges


def _masked(text: str, ranges) -> tuple:
    """(masked, reporter): the paragraph with quoted words blanked out, same length. In masked, each quoted
    stretch becomes one "X" and spaces, its marks and a sentence-final .?! stay (sentence ends still read);
    in reporter, everything quoted, marks included, is spaces. Built by slicing: linear in the text."""
    masked, reporter, pos = [], [], 0
    for start, end in sorted(ranges):
        end = min(end, len(text))
        if start < pos:
            continue
        masked.append(text[pos:start])
        reporter.append(text[pos:start])
        inner_start = start + 1 if text[start:start + 1] in ("“", "”", '"') else start
        inner_end = end - 1 if end > inner_start and text[end - 1] in "“”\"" else end
        inner = text[inner_start:inner_end].rstrip()
        final = inner[-1:] if inner[-1:] in (".", "?", "!") else ""
        width = inner_end - inner_start
        body = ("X" if inner.strip() else " ") + " " * max(width - 1, 0)
        if final:
            cut = inner_start + len(inner) - 1 - inner_start
            body = body[:cut] + final + body[cut + 1:] if cut > 0 else body
        masked.append(text[start:inner_start] + body[:width] + text[inner_end:end])
        reporter.append(" " * (end - start))
        pos = end
    masked.append(text[pos:])
    reporter.append(text[pos:])
    return "".join(masked), "".join(reporter)


_BOUNDARY = re.compile(r"[.?!]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9])")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset:
    """The abbreviations NLTK's Punkt model for English learned ('mr', 'dr', 'u.s', 'jr' …)."""
    from nltk.tokenize import _get_punkt_tokenizer
    return frozenset(_get_punkt_tokenizer("english")._params.abbrev_types)


def _boundaries(text: str) -> list:
    """Sentence ends in one pass: a full stop, ? or ! (and closing marks) before a capital, unless the
    word before the full stop is one of Punkt's learned abbreviations or an initial. This reads NLTK's
    Punkt model (its abbreviation list) in linear time: Punkt's own tokenizer costs 3-5 s per MB here."""
    abbreviations, ends = _abbreviations(), []
    for match in _BOUNDARY.finditer(text):
        if match.group() == ".":
            window = max(0, match.start() - 40)  # bounded look-back: linear even in a 1 MB paragraph
            word_start = max(text.rfind(" ", window, match.start()), text.rfind("\n", window, match.start()),
                             window - 1) + 1
            word = text[word_start:match.start()].lstrip("“\"‘'([").lower()
            if word in abbreviations or len(word) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                continue
        ends.append(match.end())
    return ends


def _sentence_spans(text: str, original: str) -> list:
    """(start, end) of each sentence of the masked paragraph (see _boundaries); a piece that starts in lower
    case in the original text ('?” he asked.'), follows a title ('Gen. Nugent') or opens with a cue verb
    after a closing mark ('“…”!! Exclaimed Stram.') joins the one before."""
    spans, pos, words = [], 0, _words()
    for end in _boundaries(text) + [len(text)]:
        start = pos
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            continue
        piece = original[start:min(end, start + 40)]
        first = piece.lstrip("“”\"'‘’([ ")[:1]
        first_word = piece.split()[0].lower() if piece.split() else ""
        previous_word = original[max(spans[-1][0], spans[-1][1] - 40):spans[-1][1]].rsplit(None, 1)[-1] if spans else ""
        if spans and (first.islower() or not first.isalnum() or previous_word in words["titles"]
                      or _ABBREVIATION.match(previous_word)
                      or (first_word in cue_verbs() and re.search(r"[”\"][!?.]*$", previous_word))):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        pos = end
    return spans or [(0, len(text))]


@dataclass
class _Paragraph:
    """One body paragraph as the sieve reads it."""

    index: int
    text: str  # marks normalised to “ ” "
    masked: str
    reporter: str
    sentences: list
    starts: list
    cues: list = field(default_factory=list)
    verbs: list = field(default_factory=list)  # [(start, end, form)] of cue verbs outside quotes
    verb_starts: list = field(default_factory=list)

    def verbs_between(self, start: int, end: int) -> list:
        """The cue verbs that start in [start, end), by bisect."""
        lo = bisect_right(self.verb_starts, start - 1)
        hi = bisect_right(self.verb_starts, end - 1)
        return self.verbs[lo:hi]

    def sentence_of(self, pos: int) -> int:
        """The number of the sentence that holds pos (bisect: no scan over all sentences)."""
        return max(bisect_right(self.starts, pos) - 1, 0)


@dataclass
class _State:
    """What the sieve knows so far about one article."""

    article: object
    texts: dict
    spans: list
    reading: dict  # {paragraph index: _Paragraph}
    quotes: list  # working records (dicts), in text order
    body_order: list  # body paragraph indices in order
    people: dict = field(default_factory=dict)  # {surname: {"full": str, "gender": str|None}}
    tagged: dict = field(default_factory=dict)  # {(paragraph, sentence): [(word, tag, start, ne)]}
    mentions: dict = field(default_factory=dict)  # {(paragraph, sentence): [(surname, start)]}
    cues_by_sentence: dict = field(default_factory=dict)  # {(paragraph, sentence): [_Cue]}
    mention_gender: dict = field(default_factory=dict)  # {(surname, start): gender its honorific gives}


def stage_marks(article) -> _State:
    """Stage 1. Every quote inside quotation marks, direct or partial by where it stands.

    Direct: nothing of the reporter's before it in its sentence, or a colon, or "… said," right before it.
    Partial: a fragment inside the reporter's own sentence."""
    texts = marked_texts(article)
    body = {p.index for p in article.body}
    spans = [s for s in quoted_spans(article, texts) if s.paragraph in body]
    inside = _inside_ranges(spans)
    reading = {}
    for paragraph in article.body:
        text = texts[paragraph.index]
        masked, reporter = _masked(text, inside.get(paragraph.index, []))
        sentences = _sentence_spans(masked, text)
        info = _Paragraph(paragraph.index, text, masked, reporter, sentences, [s for s, _ in sentences])
        info.verbs = find_verbs(masked)
        info.verb_starts = [v[0] for v in info.verbs]
        reading[paragraph.index] = info
    state = _State(article, texts, spans, reading, [], [p.index for p in article.body])
    for span in spans:
        words = span.text(article)
        if not re.search(r"\w", words):
            continue  # empty marks
        index, pos = span.opening
        info = reading[index]
        number = info.sentence_of(pos)
        s_start, _ = info.sentences[number]
        before = info.reporter[s_start:pos].rstrip()
        direct = (not re.search(r"\w", before) or before.endswith(":")
                  or (before.endswith(",") and info.verbs_between(s_start, pos)))
        state.quotes.append({
            "span": span, "pieces": span.pieces, "paragraph": index, "text": _clean(words),
            "kind": "direct" if direct else "partial", "sentence": number, "cue": None,
            "speaker": None, "full_name": None, "speaker_kind": None,
            "opens_paragraph": pos == len(info.text) - len(info.text.lstrip()),
            "ends_sentence": _ends_sentence(span, reading)})
    return state


def _ends_sentence(span: Span, reading: dict) -> bool:
    """True when no words of the reporter follow the closing mark in its sentence (or it never closes)."""
    if not span.closing:
        return True
    index, pos = span.closing
    info = reading[index]
    _, s_end = info.sentences[info.sentence_of(pos)]
    return not re.search(r"\w", info.reporter[pos + 1:s_end])


def _clean(text: str) -> str:
    """The quoted words without a final comma: that comma belongs to the reporter's sentence."""
    return text.strip().rstrip(",").rstrip()


# ---------------------------------------------------------------- stage 2: what is not speech

@lru_cache(maxsize=1)
def _not_speech_words() -> dict:
    data = _wordlist("not_speech.json")
    return {"naming": set(data["naming"]), "works": set(data["works"]), "speech": set(data["speech"])}


def _words_before_say(before: str, kind: str) -> bool:
    """True when the one or two words before an opening mark are in the not_speech.json list `kind`."""
    last = [w.strip(",;:()").lower() for w in before.split()[-2:]]
    table = _not_speech_words()[kind]
    return bool(last) and (last[-1] in table or " ".join(last) in table)


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "is", "de"}


def _title_case(words: str) -> bool:
    tokens = re.findall(r"[A-Za-z][\w’'-]*", words)
    return bool(tokens) and tokens[0][0].isupper() and all(t[0].isupper() or t.lower() in _SMALL_WORDS
                                                             for t in tokens)


def _cue_near(info, start: int, end: int) -> bool:
    """True when a cue verb stands within a few of the reporter's words before start or after end."""
    return bool(info.verbs_between(max(0, start - 40), start) or info.verbs_between(end, end + 40))


def stage_not_speech(state: _State) -> None:
    """Stage 2. Quoted words that nobody says become kind "title" or "term" (no speaker, not a voice).

    - title: words in title case ("The Music Man", "Cosby") with no cue verb next to them and no
      sentence of their own, or words after film / show / book / titled …;
    - term: a nickname between two parts of a name (Sam "Lefty" Jones), words after so-called / called /
      dubbed / known as / the word …, or a fragment of three words or fewer in a sentence with no cue verb
      (a scare quote)."""
    for quote in state.quotes:
        span, info = quote["span"], state.reading[quote["paragraph"]]
        raw = span.text(state.article).strip()
        start = span.opening[1]
        end = span.closing[1] + 1 if span.closing and span.closing[0] == quote["paragraph"] else len(info.text)
        before = info.reporter[max(0, start - 40):start]
        s_start, s_end = info.sentences[quote["sentence"]]
        sentence_has_cue = bool(info.verbs_between(s_start, s_end))
        speech_like = raw[-1:] in ",.?!;:…" or (quote["kind"] == "direct" and quote["ends_sentence"])
        nickname = (re.search(r"[A-Z][\w.]*\s+$", info.text[max(0, start - 30):start])
                    and re.match(r"\s+[A-Z]", info.text[end:end + 3]) and len(raw.split()) <= 3
                    and not _cue_near(info, start, end))
        if _words_before_say(before, "works") and not speech_like:
            quote["kind"] = "title" if _title_case(raw) else "term"
        elif nickname:
            quote["kind"] = "term"
        elif _words_before_say(before, "naming") and not speech_like:
            quote["kind"] = "title" if _title_case(raw) and len(raw.split()) > 1 else "term"
        elif _title_case(raw) and not speech_like and not _cue_near(info, start, end) and len(raw.split()) <= 8:
            quote["kind"] = "title"
        elif quote["kind"] == "partial" and len(raw.split()) <= 3 and not sentence_has_cue \
                and not _words_before_say(before, "speech"):
            quote["kind"] = "term"


# ---------------------------------------------------------------- stage 3: cues

_TOKEN = re.compile(r"\S+")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'.\-]*|al-[A-Z][\w’'\-]*|[A-Z]\.|Mc[A-Z]\w*|O'[A-Z]\w*)$")
_CONNECTORS = {"&", "of", "al", "bin", "ibn", "de", "da", "di", "du", "van", "von", "der", "le", "la"}
_CLAUSE_OPENERS = {"who", "whose", "a", "an", "the", "his", "her", "its", "their", "one", "now", "then",
                   "also", "himself", "herself", "in", "at", "after", "when", "speaking", "president",
                   "chairman", "director", "secretary", "head", "spokesman", "spokeswoman", "owner"}
_POSSESSIVE = re.compile(r"[’']s?$")
_NOUN_WORD = re.compile(r"^[a-z][a-z’'-]*$")
_PREPOSITIONS = {"for", "of", "at", "with", "from", "in", "on"}


_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$")


def _bare(word: str) -> str:
    """A word without the punctuation that follows it; the full stop of an initial or title (J., Jr., Mr.) stays."""
    word = word.rstrip(",;:!?)")
    words = _words()
    keep = _ABBREVIATION.match(word) or word in words["titles"] or word in words["honorifics"] or word in _SUFFIXES
    return word if keep else word.rstrip(".")


def _is_name_token(word: str) -> bool:
    return bool(_NAME_TOKEN.match(word)) and not _POSSESSIVE.search(word)


def _tokens(text: str, offset: int) -> list:
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


def _name_run(tokens: list, end: int):
    """The capitalised run that ends at tokens[end - 1]: {"run", "names", "phrase_start", "gender", "titled"}."""
    words = _words()
    i = end
    while i > 0 and (_is_name_token(tokens[i - 1][0]) or
                     (tokens[i - 1][0] in _CONNECTORS and i > 1 and _is_name_token(tokens[i - 2][0]) and i < end)):
        i -= 1
    run = tokens[i:end]
    if i > 0 and tokens[i - 1][0].lower() in ("the", "rev.") and run:
        pass  # "the Rev. John Smith", "the Vicar Hummerstone": the article is not part of the name
    return _strip_titles(run, sentence_start=(i == 0), determiner=i > 0 and tokens[i - 1][0] in words["determiners"])


def _strip_titles(run: list, sentence_start: bool = False, determiner: bool = False):
    words = _words()
    if not run:
        return None
    phrase_start = run[0][1]
    gender, titles = None, []
    while run and (run[0][0] in words["titles"] or run[0][0] in words["not_names"] or run[0][0] in _CONNECTORS
                   or run[0][0] in words["honorifics"] or run[0][0].lower() in cue_verbs()):
        if run[0][0] in words["honorifics"]:
            gender = words["honorifics"][run[0][0]] or gender
        if run[0][0] in words["titles"] or run[0][0] in words["honorifics"]:
            titles.append(run[0][0].lower().rstrip("."))
        run = run[1:]
    inner = [k for k, token in enumerate(run[:-1]) if token[0] in words["titles"] and token[0] not in _CONNECTORS
             and token[0] not in words["places"]]
    if inner:  # "Labor Secretary James P. Mitchell": the name starts after the last title
        titles.extend(t[0].lower().rstrip(".") for t in run[:inner[-1] + 1] if t[0] in words["titles"])
        run = run[inner[-1] + 1:]
    for k, token in enumerate(run):  # "Charles E. Hughes of Sherman", "Jones R-Bergen": the name ends there
        if (token[0] == "of" or re.match(r"^[RDI]-[A-Z]", token[0])) and k > 0:
            run = run[:k]
            break
    while run and (run[-1][0] in _CONNECTORS or run[-1][0] in words["months"]):
        run = run[:-1]
    if len(run) > 4:  # "Boston Red Sox Outfielder Jackie Jensen": the name is at the end
        run = run[-3:] if run[-1][0].rstrip(".") not in ("Jr", "Sr", "II", "III") else run[-4:]
    if not run:
        return None
    return {"run": run, "names": (" ".join(t[0] for t in run),), "phrase_start": phrase_start, "gender": gender,
            "titled": bool(titles), "titles": tuple(titles),
            "first_in_sentence": sentence_start and phrase_start == run[0][1] and not titles,
            "determiner": determiner}


def _nominal_before(tokens: list, end: int):
    """An unnamed speaker before the verb: "one station manager", "a White House spokesman", "the jury",
    "a spokesman for the company" (the head before for/of/at wins). None when the last word is no noun head."""
    words = _words()
    head_word = tokens[end - 1][0].rstrip(",")
    if not _NOUN_WORD.match(head_word):
        return None
    i = end - 1
    while i > 0 and end - i < 6:
        word = tokens[i - 1][0]
        if word in words["determiners"] or word.lower() in words["determiners"]:
            i -= 1
            break
        if word.endswith(",") or word.endswith(".") or word in words["between"] or word in _PREPOSITIONS:
            break
        if not (_NOUN_WORD.match(word) or _is_name_token(word) or re.match(r"^\w+[’']s$", word) or word[:1].isdigit()):
            break
        i -= 1
    determiner = i < end - 1 and (tokens[i][0] in words["determiners"] or tokens[i][0].lower() in words["determiners"])
    # "a spokesman for the company said": the head before the preposition speaks
    if i >= 2 and tokens[i - 1][0] in _PREPOSITIONS:
        outer = _nominal_before(tokens, i - 1)
        if outer and (outer["head"] in words["nominal"]):
            return outer
    head = head_word.lower()
    if head not in words["nominal"] and head not in words["organisation"] and not determiner:
        return None
    return {"kind": "nominal", "head": head, "start": tokens[i][1], "end": tokens[end - 1][1] + len(head_word),
            "determiner": determiner, "names": ()}


def _cue_before(tokens: list, previous):
    """Who speaks, read backwards from the verb: a pronoun, a name (titles and honorifics dropped), two
    names joined by "and", a name before an apposition or a clause between commas, an unnamed speaker,
    or the speaker of a verb this one is coordinated with."""
    words = _words()
    i = len(tokens)
    while i > 0 and tokens[i - 1][0].lower() in words["between"]:
        i -= 1
    if i > 0 and tokens[i - 1][0].endswith(")"):  # "Sen. Lloyd Bentsen (D., Texas) said": skip the brackets
        j = i - 1
        while j > 0 and not tokens[j][0].startswith("(") and i - j < 6:
            j -= 1
        if tokens[j][0].startswith("("):
            tokens, i = tokens[:j], j
    if i == 0:
        return None
    last = tokens[i - 1][0]
    if last in words["pronouns"]:
        return {"kind": "pronoun", "cue": last, "start": tokens[i - 1][1], "gender": words["pronouns"][last],
                "names": ()}
    if last == "who" and i >= 2 and tokens[i - 2][0].endswith(","):
        # "Acting Judge John M. Karns, who charged that …": the name before the relative clause
        trimmed = tokens[:i - 2] + [(tokens[i - 2][0][:-1], tokens[i - 2][1], tokens[i - 2][2] - 1)]
        found = _name_run(trimmed, len(trimmed))
        if found:
            return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
        return None
    if last in words["first_person"] or last.lower() in ("i", "we", "you", "it"):
        return None
    if last in words["titles"] and i >= 2 and tokens[i - 2][0] in ("the", "The"):
        # "The President recommended": a description, resolved with the pronouns
        return {"kind": "nominal", "head": last.lower().rstrip("."), "start": tokens[i - 2][1],
                "end": tokens[i - 1][2], "determiner": True, "names": ()}
    if last in ("and", "but"):
        if previous is not None:
            return {"kind": "coordinated", "start": tokens[i - 1][1], "previous": previous}
        return _sentence_subject(tokens)
    if last.endswith(","):
        return _cue_before_apposition(tokens[:i])
    found = _name_run(tokens, i)
    if not found:
        for j in range(i - 2, max(-1, i - 30), -1):
            if tokens[j][0].endswith(",") and tokens[j + 1][0] in ("who", "whose"):
                trimmed = tokens[:j] + [(tokens[j][0][:-1], tokens[j][1], tokens[j][2] - 1)]
                found = _name_run(trimmed, len(trimmed))
                break
    if found:
        first_index = next((n for n, t in enumerate(tokens) if t[1] == found["run"][0][1]), 0)
        if first_index >= 2 and tokens[first_index - 1][0] == "and":
            other = _name_run(tokens, first_index - 1)
            if other:
                return {"kind": "pair", "start": other["run"][0][1], "end": found["run"][-1][2],
                        "phrase_start": other["phrase_start"], "names": other["names"] + found["names"]}
        return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
    return _nominal_before(tokens, i)


def _sentence_subject(tokens: list):
    """'Judge Parsons leaned over the bench and inquired': the name (or he/she) that opens the sentence speaks."""
    words = _words()
    if tokens and tokens[0][0] in words["pronouns"]:
        return {"kind": "pronoun", "cue": tokens[0][0], "start": tokens[0][1],
                "gender": words["pronouns"][tokens[0][0]], "names": ()}
    k = 0
    while k < min(len(tokens), 8):  # "Decries joblessness Mitchell decried …": a headline may come first
        if not _is_name_token(tokens[k][0]):
            k += 1
            continue
        j = k
        while j < len(tokens) and (_is_name_token(tokens[j][0]) or tokens[j][0] in _CONNECTORS):
            j += 1
        if j < len(tokens) and tokens[j][0][:1].islower():
            found = _strip_titles(tokens[k:j], sentence_start=(k == 0))
            if found:
                return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
        k = j
    return None


def _cue_before_apposition(tokens: list):
    """'Kerry, who is in London …, said', 'Edward Egnuss, a White Plains investor, said',
    'Pierre Salinger, White House press secretary, replied': the name before the commas speaks."""
    for j in range(len(tokens) - 2, -1, -1):
        word = tokens[j][0]
        if not word.endswith(","):
            continue
        if len(tokens) - j > 30:
            break
        trimmed = tokens[:j] + [(word[:-1], tokens[j][1], tokens[j][2] - 1)]
        found = _name_run(trimmed, len(trimmed))
        if found:
            return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
        nominal = _nominal_before(trimmed, len(trimmed))
        if nominal and tokens[j + 1][0].lower() in _CLAUSE_OPENERS:
            return nominal
    return None


def _cue_after(text: str, pos: int):
    """Who speaks, read forwards from the verb ('”, said Kerry', 'says Mr. Hammond', 'complains Edward
    Egnuss, a White Plains investor', 'said one station manager', 'Says the organization's founder,
    John Cannell,'), or the source after 'according to'."""
    words = _words()
    tokens = _tokens(text[pos:pos + 160], pos)
    if not tokens:
        return None
    first = _bare(tokens[0][0])
    if first in words["pronouns"]:
        return {"kind": "pronoun", "cue": first, "start": tokens[0][1], "gender": words["pronouns"][first], "names": ()}
    k = 0
    determiner = False
    while k < len(tokens) and tokens[k][0] in words["determiners"]:
        k, determiner = k + 1, True
    run = []
    for word, start, end in tokens[k:k + 7]:
        bare = _bare(word)
        if _is_name_token(bare) or (run and bare in _CONNECTORS):
            run.append((bare, start, start + len(bare)))
            if bare != word:
                break
        else:
            break
    found = _strip_titles(run, determiner=determiner)
    if found and not (determiner and len(found["run"]) == 1 and not found["titled"]
                      and found["run"][0][0].lower() in words["organisation"] | words["nominal"]):
        return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
    # an unnamed speaker, perhaps followed by an apposition that names them
    phrase = []
    for word, start, end in tokens[k:k + 6]:
        bare = _bare(word)
        if bare in _PREPOSITIONS or bare.lower() in ("who", "that", "which"):
            break
        phrase.append((bare, start, end))
        if bare != word:
            break
    if not phrase or not _NOUN_WORD.match(phrase[-1][0]):
        return None
    head = phrase[-1][0].lower()
    after = phrase[-1][2]
    if tokens[k + len(phrase) - 1][0].endswith(","):
        rest = [t for t in tokens if t[1] >= after][:6]
        named = []
        for word, start, end in rest:
            bare = _bare(word)
            if not _is_name_token(bare):
                break
            named.append((bare, start, start + len(bare)))
            if bare != word:
                break
        found = _strip_titles(named)
        if found and len(found["run"]) >= 2:
            return {"kind": "name", "start": found["run"][0][1], "end": found["run"][-1][2], **found}
    if head not in words["nominal"] and head not in words["organisation"] and not determiner:
        return None
    return {"kind": "nominal", "head": head, "start": phrase[0][1], "end": phrase[-1][1] + len(phrase[-1][0]),
            "determiner": determiner, "names": ()}


_BASE_BEFORE = {"they", "we", "you", "i", "will", "would", "did", "does", "do", "can", "could", "may", "might",
                "should", "must", "shall", "people", "officials", "critics", "experts", "residents", "police", "also",
                "both", "all", "often", "always", "never", "sometimes"}
_ING_BEFORE = {"as", "is", "was", "were", "are", "been", "be", "kept", "keeps", "continued", "went"}


def _follows_closing(info, pos: int) -> bool:
    """True when only a comma, ! or ? and spaces stand between a closing quotation mark and pos."""
    masked, k = info.masked, pos - 1
    while k >= 0 and (masked[k].isspace() or masked[k] in ",!?"):
        k -= 1
    return k >= 0 and masked[k] in "”\"" and _mark_role(info.text, k) != "open"


def _cues_in(info: _Paragraph) -> list:
    """Every cue verb with a speaker in one paragraph, in text order."""
    found = []
    forms = cue_verbs()
    for number, (s_start, s_end) in enumerate(info.sentences):
        verbs = info.verbs_between(s_start, s_end)
        if not verbs:
            continue
        sentence = info.masked[s_start:s_end]
        quoting = bool(QUOTATION_MARK.search(sentence)) or sentence.rstrip().endswith(":")
        previous = None
        for v_start, v_end, form in verbs:
            entry = forms.get(form)
            if entry is None or not (entry["reports"] or quoting):
                continue  # a cue verb of cue_verbs.json only counts in a sentence that quotes
            if info.masked[v_start].isupper() and re.search(r"\w", info.reporter[s_start:v_start]) \
                    and not _follows_closing(info, v_start):
                continue  # "Islamic State", "Chief Justice Warren": a capital inside a sentence is a name
            before_words = sentence[:v_start - s_start].split()
            if entry["form"] == "base" and (not before_words or before_words[-1].lower() not in _BASE_BEFORE):
                continue  # "to say", "the state", "a remark": a base form is a cue only after they/we/will/did …
            if entry["form"] == "ing" and (not before_words or before_words[-1].lower() not in _ING_BEFORE):
                continue
            if before_words and before_words[-1].lower() in _words()["determiners"]:
                continue  # "the rules", "his notes": a noun
            if form == "according to":
                cue = _cue_after(info.masked, v_end)
            else:
                tokens = _tokens(sentence[:v_start - s_start], s_start)
                cue = _cue_before(tokens, previous)
                sentence_first = not re.search(r"\w", info.reporter[s_start:v_start])
                if cue is None and (_follows_closing(info, v_start) or sentence_first
                                    or (before_words and before_words[-1].endswith(","))):
                    cue = _cue_after(info.masked, v_end)
            if cue is None:
                continue
            if cue["kind"] == "coordinated":
                p = cue["previous"]
                made = _Cue(info.index, number, form, v_start, v_end, p.cue, cue["start"], p.cue_kind, p.names,
                            reports=entry["reports"], gender=p.gender, head=p.head, determiner=p.determiner)
            else:
                text = cue.get("cue") or info.text[cue["start"]:cue["end"]]
                made = _Cue(info.index, number, form, v_start, v_end, text, cue["start"], cue["kind"],
                            cue.get("names", ()), phrase_start=cue.get("phrase_start"), reports=entry["reports"],
                            gender=cue.get("gender"), head=cue.get("head"), determiner=cue.get("determiner", False),
                            titled=cue.get("titled", False), first_in_sentence=cue.get("first_in_sentence", False))
            found.append(made)
            previous = made
    return found


def stage_cues(state: _State) -> None:
    """Stage 3. Tie each quote to the cue verb next to it and the words that name who speaks.

    A direct quote takes a cue right before it ('Kerry said: “…”', '… he said, “…”') or right after its
    closing mark ('“…,” Kerry said', '“…,” said Kerry'); a partial quote the last cue before it in its
    sentence, else the first after. Split quotes ('“A,” he said, “B.”') both take the cue between them.
    Reporting verbs left over, with a speaker and no quotation marks, are reported (indirect) speech."""
    by_sentence = {}
    for info in state.reading.values():
        info.cues = _cues_in(info)
        for cue in info.cues:
            by_sentence.setdefault((info.index, cue.sentence), []).append(cue)
    for quote in state.quotes:
        if quote["kind"] in NOT_SPEECH:
            continue
        span, index = quote["span"], quote["paragraph"]
        info, pos_open = state.reading[index], span.opening[1]
        in_sentence = by_sentence.get((index, quote["sentence"]), [])
        if quote["kind"] == "direct":
            leading = [c for c in in_sentence if c.verb_end <= pos_open
                       and re.fullmatch(r"\s*[,:]?\s*", info.reporter[c.verb_end:pos_open])]
            cue = leading[-1] if leading else _trailing(span, state, by_sentence)
            before = info.reporter[info.sentences[quote["sentence"]][0]:pos_open].rstrip()
            if cue is None and before.endswith((":", ",")):
                earlier = [c for c in in_sentence if c.verb_end <= pos_open]
                cue = earlier[-1] if earlier else None
            if cue is None and quote["opens_paragraph"]:
                cue = _colon_before(state, index)
        else:
            earlier = [c for c in in_sentence if c.verb_end <= pos_open]
            later = [c for c in in_sentence if c.start >= pos_open]
            cue = earlier[-1] if earlier else (later[0] if later else None)
        if cue is not None:
            quote["cue"] = cue
            cue.used = True
    state.quotes.extend(_indirect_quotes(state, by_sentence))
    state.quotes.sort(key=lambda q: (q["pieces"][0][0], q["pieces"][0][1]))


def _colon_before(state: _State, index: int):
    """'The Mayor said:' closing the paragraph before: its cue speaks the quote that opens this one."""
    p = bisect_right(state.body_order, index) - 1
    if p <= 0:
        return None
    info = state.reading[state.body_order[p - 1]]
    if not info.cues or not info.reporter.rstrip().endswith(":"):
        return None
    last = info.cues[-1]
    return last if re.fullmatch(r"\s*:\s*", info.reporter[last.verb_end:].rstrip() + " ") or \
        info.reporter[last.verb_end:].strip() == ":" else None


def _trailing(span: Span, state: _State, by_sentence: dict):
    """A cue right after the closing mark: '”, Kerry said' / '” he added' / '”, said Kerry'."""
    if not span.closing:
        return None
    index, pos = span.closing
    info = state.reading[index]
    number = info.sentence_of(pos)
    candidates = by_sentence.get((index, number), []) + by_sentence.get((index, number + 1), [])
    for cue in candidates:
        between = info.reporter[pos + 1:cue.start].strip(" ,!?")
        if cue.start > pos and (not between or between in _words()["determiners"] or between == "as"):
            return cue
    return None


_BEFORE_THAT = re.compile(r"\s*(?:(?:[A-Z][\w.]*|on|last|this|reporters|journalists|lawmakers|him|her|them|us|me)\s+){0,3}?that\s+")


def _indirect_quotes(state: _State, by_sentence: dict) -> list:
    """Reported speech: a reporting verb (reporting_verbs.json) with a speaker that no quote took."""
    quotes = []
    for info in state.reading.values():
        text = state.article.paragraphs[info.index].text
        for cue in info.cues:
            if cue.used or not cue.reports:
                continue
            s_start, s_end = info.sentences[cue.sentence]
            if cue.verb == "according to":
                start, end = _according_to_content(text, cue, s_start, s_end)
            else:
                same = by_sentence.get((info.index, cue.sentence), [])
                nxt = [b for b in same if b.start > cue.verb_end and b.reports]
                start, end = cue.verb_end, (nxt[0].start if nxt else s_end)
                match = _BEFORE_THAT.match(text[start:end])
                start = start + match.end() if match else start
            words = _trim_content(text[start:end])
            if len(words.split()) < 2 or re.search('[“”"]', words):
                continue
            cue.used = True
            offset = text.find(words, start)
            quotes.append({"span": None, "pieces": ((info.index, offset, offset + len(words)),), "paragraph": info.index,
                           "text": words, "kind": "indirect", "sentence": cue.sentence, "cue": cue, "speaker": None,
                           "full_name": None, "speaker_kind": None, "opens_paragraph": False, "ends_sentence": False})
    return quotes


def _according_to_content(text: str, cue: _Cue, s_start: int, s_end: int):
    cue_end = text.find(cue.cue, cue.cue_start) + len(cue.cue) if cue.cue else cue.verb_end
    before = text[s_start:cue.verb_start]
    if re.search(r"\w", before):
        return s_start, cue.verb_start
    return cue_end, s_end


def _trim_content(words: str) -> str:
    words = words.strip().lstrip(",;: ").strip()
    previous = None
    while previous != words:
        previous = words
        words = re.sub(r"(?:,?\s*\b(?:and|but|which|who)\b|[,;:!?—–-]|(?<![A-Z])\.)\s*$", "", words).strip()
    return words


# ---------------------------------------------------------------- stage 4: speakers

_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}


@lru_cache(maxsize=1)
def _multiclass() -> bool:
    import nltk
    try:
        nltk.data.find("chunkers/maxent_ne_chunker_tab/english_ace_multiclass/")
        return True
    except LookupError:
        return False


@lru_cache(maxsize=1)
def chunker():
    """NLTK's NE chunker, loaded once per process: the multiclass model where installed, else the binary one."""
    import nltk
    try:
        nltk.data.find("chunkers/maxent_ne_chunker_tab/english_ace_multiclass/")
        return nltk.chunk.ne_chunker(fmt="multiclass")
    except LookupError:
        return nltk.chunk.ne_chunker(fmt="binary")


def _tagged(state: _State, index: int, number: int) -> list:
    """The reporter's words of one sentence, tokenized, POS-tagged and NE-chunked by NLTK (once per sentence,
    and only for sentences that hold a cue): [(word, tag, start offset, entity label or None)]."""
    key = (index, number)
    if key not in state.tagged:
        import nltk
        from nltk.tokenize import TreebankWordTokenizer
        info = state.reading[index]
        s_start, s_end = info.sentences[number]
        sentence = info.reporter[s_start:s_end]
        spans = list(TreebankWordTokenizer().span_tokenize(sentence))
        words = [sentence[a:b] for a, b in spans]
        rows = []
        if words:
            tree = chunker().parse(nltk.pos_tag(words))
            k = 0
            for node in tree:
                leaves = node.leaves() if hasattr(node, "label") else [node]
                label = node.label() if hasattr(node, "label") else None
                for word, tag in leaves:
                    rows.append((word, tag, s_start + spans[k][0], label))
                    k += 1
        state.tagged[key] = rows
    return state.tagged[key]


def _token_at(state: _State, cue: _Cue, pos: int):
    for row in _tagged(state, cue.paragraph, cue.sentence):
        if row[2] == pos:
            return row
    return None


def _surname(name: str) -> str:
    """A person's surname as the text spells it: the actor list's surname when it knows the name."""
    known = _known_people()
    if name in known:
        return known[name]["surname"]
    words = [w.rstrip(",") for w in name.split() if w.rstrip(",") not in _SUFFIXES]
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


_CORPORATE = {"Inc", "Corp", "Co", "Ltd", "LLC", "plc", "PLC", "Incorporated"}


def _is_organisation_name(name: str) -> bool:
    words = _words()
    tokens = name.split()
    return (tokens[-1] in words["org_suffixes"] or name.lower() in words["organisation"] or tokens[-1] in words["places"]
            or (len(tokens) == 1 and len(name) >= 2 and name.isupper() and name.isalpha()))


def _type_name(state: _State, cue: _Cue) -> None:
    words = _words()
    name = cue.names[0]
    single = len(name.split()) == 1
    if _is_organisation_name(name):
        last = name.split()[-1]
        bare = " ".join(t for t in name.split() if t.rstrip(".,") not in _CORPORATE).rstrip(" &,") or name
        cue.speaker = last.lower() if last.lower() in words["organisation"] else bare
        cue.speaker_kind, cue.full_name = "organisation", name
        return
    if single and not cue.titled and name not in _known_people():
        lower = name.lower()
        if name in words["places"]:
            cue.speaker, cue.speaker_kind, cue.full_name = name, "organisation", name
            return
        if cue.determiner or getattr(cue, "first_in_sentence", False):
            if lower in words["nominal"]:
                cue.speaker, cue.speaker_kind = lower, "nominal"
                return
            if lower in words["organisation"]:
                cue.speaker, cue.speaker_kind = lower, "organisation"
                return
        if getattr(cue, "first_in_sentence", False):
            row = _token_at(state, cue, cue.cue_start)
            if row is not None and row[3] is None and not row[1].startswith("NNP"):
                return  # a capitalised word that opens the sentence and is no name: nobody
        if cue.determiner:
            cue.speaker, cue.speaker_kind, cue.full_name = name, "organisation", name
            return
        row = _token_at(state, cue, cue.cue_start) if _multiclass() else None  # the binary model has no types
        if row is not None and row[3] in ("ORGANIZATION", "GPE", "LOCATION", "FACILITY"):
            cue.speaker, cue.speaker_kind, cue.full_name = name, "organisation", name
            return
    cue.speaker, cue.speaker_kind, cue.full_name = _surname(name), "person", name


def stage_speakers(state: _State) -> None:
    """Stage 4. Read the words of each cue as a speaker.

    - a name (titles and honorifics dropped, 'Mr.' 'Mrs.' noted for he/she): a person, speaker = surname;
      a name ending in Inc., Corp., Service, Committee … or in capitals (NATO): an organisation;
    - "the jury", "police": an organisation, speaker = the head word;
    - "the announcer", "one station manager", "a disembodied male voice": a nominal speaker, speaker =
      the head noun, never a named person;
    - two names joined by "and": "A and B".
    A capitalised word that opens the sentence counts as a name only if NLTK's tagger and NE chunker
    read it as one (they run on the reporter's words of that sentence only)."""
    for info in state.reading.values():
        for cue in info.cues:
            if cue.cue_kind == "name":
                _type_name(state, cue)
            elif cue.cue_kind == "pair":
                cue.speaker = " and ".join(_surname(n) for n in cue.names)
                cue.full_name, cue.speaker_kind = " and ".join(cue.names), "person"
            elif cue.cue_kind == "nominal":
                if cue.head in _words()["organisation"]:
                    cue.speaker, cue.speaker_kind = cue.head, "organisation"
                elif cue.head in _words()["nominal"]:
                    cue.speaker, cue.speaker_kind = cue.head, "nominal"
                else:
                    row = _token_at(state, cue, cue.cue_start + cue.cue.rfind(cue.cue.split()[-1]))
                    if row is not None and row[1] in ("NN", "NNS"):
                        cue.speaker, cue.speaker_kind = cue.head, "nominal"
            if cue.speaker_kind == "person":
                state.people.setdefault(cue.speaker, {"gender": None})
                if cue.gender in ("he", "she"):
                    state.people[cue.speaker]["gender"] = cue.gender
    _copy_from_cues(state)


def _copy_from_cues(state: _State) -> None:
    for quote in state.quotes:
        cue = quote["cue"]
        if cue is not None:
            quote["speaker"], quote["full_name"], quote["speaker_kind"] = cue.speaker, cue.full_name, cue.speaker_kind


# ---------------------------------------------------------------- stage 5: pronouns

def _gender_of(state: _State, surname: str):
    known = state.people.get(surname, {}).get("gender")
    if known:
        return known
    for person in _known_people().values():
        if person["surname"] == surname:
            return person["pronoun"]
    return None


def _title_word(title: str) -> str:
    title = title.lower().rstrip(".")
    return _wordlist_cached("speaker_cues.json")["title_forms"].get(title, title)


@lru_cache(maxsize=4)
def _wordlist_cached(name: str) -> dict:
    return _wordlist(name)


def _is_person_run(state: _State, taken: dict, next_words: list) -> bool:
    """A name run is a person when the article or the actor list already knows them as one, when a person's
    title or honorific stands before it, when an apposition follows it (", a Tyler lawyer,"), or when it is
    two or three capitalised words none of which makes it a place or an organisation."""
    words = _words()
    name = taken["names"][0]
    tokens = name.split()
    if any(t in words["not_names"] or t in words["determiners"] for t in tokens):
        return False
    placeish = any(t in words["places"] or t in words["org_suffixes"] or t in words["months"] for t in tokens)
    if name in _known_people():
        return True
    if placeish or re.fullmatch(r"[A-Z]\.", tokens[-1]):
        return False
    if _surname(name) in state.people:
        return True
    last_title = taken["titles"][-1] if taken["titles"] else None
    if last_title and last_title.capitalize() not in words["places"] and last_title not in {
            t.lower().rstrip(".") for t in words["org_suffixes"]}:
        return True
    if len(next_words) >= 2 and next_words[0] == "," and next_words[1].lower() in ("a", "an", "who", "the"):
        return True
    return 2 <= len(tokens) <= 4 and not name.isupper() and all(t[0].isupper() for t in tokens)


def _scan_people(state: _State) -> None:
    """Every person the reporter's words name, sentence by sentence in text order: state.mentions
    {(paragraph, sentence): [(surname, start)]}. A definite description ("the sheriff", "The President",
    "the former secretary") counts as a mention of the last person introduced with that title."""
    words = _words()
    person_titles = {}  # title word -> surname of the last person introduced with it
    state.mentions = {}
    descriptive = re.compile(r"\b[Tt]he((?:\s+[A-Za-z][\w-]*){1,4})")
    stop_words = {"of", "for", "in", "at", "on", "to", "and", "or", "who", "that", "with", "from", "by"}
    for index in state.body_order:
        info = state.reading[index]
        for number, (s_start, s_end) in enumerate(info.sentences):
            text = info.reporter[s_start:s_end]
            tokens = _tokens(text, s_start)
            found, k = [], 0
            while k < len(tokens):
                word = _bare(tokens[k][0])
                if not _is_name_token(re.sub(r"[’']s$", "", word)):
                    k += 1
                    continue
                j, run = k, []
                while j < len(tokens):
                    raw = tokens[j][0]
                    bare = _bare(raw)
                    possessive = re.search(r"[’']s$", bare)
                    bare = re.sub(r"[’']s$", "", bare)
                    if not (_is_name_token(bare) or (run and bare in _CONNECTORS)):
                        break
                    run.append((bare, tokens[j][1], tokens[j][1] + len(bare)))
                    j += 1
                    if bare != raw or possessive:
                        break
                taken = _strip_titles(run)
                after = text[(tokens[j - 1][2] - s_start) if j > 0 else 0:][:12].split()
                next_words = ([","] + after[:1]) if tokens[j - 1][0].endswith(",") else after[:2]
                if taken and _is_person_run(state, taken, next_words):
                    surname = _surname(taken["names"][0])
                    entry = state.people.setdefault(surname, {"gender": None})
                    if taken["gender"] in ("he", "she"):
                        entry["gender"] = entry["gender"] or taken["gender"]
                        state.mention_gender[(surname, taken["run"][0][1])] = taken["gender"]
                    for title in taken["titles"]:
                        if title.capitalize() not in words["places"] and title.capitalize() not in words["org_suffixes"]:
                            person_titles[_title_word(title)] = surname
                    found.append((surname, taken["run"][0][1]))
                k = max(j, k + 1)
            for match in descriptive.finditer(text):
                words_after = match.group(1).split()
                rest = text[match.end():match.end() + 20].split()
                for k, word in enumerate(words_after):
                    if word.lower() in stop_words:
                        break
                    title = _title_word(word)
                    following = words_after[k + 1] if k + 1 < len(words_after) else (rest[0] if rest else "")
                    if title in person_titles and not _is_name_token(_bare(following)):
                        found.append((person_titles[title], s_start + match.start()))
                        break
            found.sort(key=lambda f: f[1])
            state.mentions[(index, number)] = found


def _people_in(state: _State, index: int, number: int, end: int | None = None) -> list:
    """The people a sentence names (see _scan_people), those before `end` only when it is given."""
    found = state.mentions.get((index, number), [])
    return found if end is None else [f for f in found if f[1] < end]


def _previous_sentences(state: _State, index: int, number: int, limit: int = 4):
    """(paragraph, sentence) of up to `limit` sentences before this one, nearest first, across paragraphs."""
    order = state.body_order
    p = bisect_right(order, index) - 1
    count = 0
    while p >= 0 and count < limit:
        here = order[p]
        first = number - 1 if here == index else len(state.reading[here].sentences) - 1
        for s in range(first, -1, -1):
            yield here, s
            count += 1
            if count >= limit:
                return
        p -= 1


def stage_pronouns(state: _State) -> None:
    """Stage 5. He, she, they: the nearest fitting mention before the pronoun, not the last speaker.

    He/she: a person named earlier in the same sentence, else the first person named in the nearest
    sentence before that names one whose gender fits (from an honorific, the actor list, or a pronoun
    already resolved to them). They: the nearest organisation, group, or pair that speaks before."""
    _scan_people(state)
    for index in state.body_order:
        info = state.reading[index]
        for cue in info.cues:
            if cue.cue_kind == "nominal" and re.match(r"[Tt]he\b", cue.cue):
                _resolve_description(state, cue)
                continue
            if cue.cue_kind != "pronoun":
                continue
            wanted = cue.gender
            if wanted in ("they", "it"):
                _resolve_they(state, cue)
                continue
            chosen = None
            candidates = [(index, cue.sentence, cue.cue_start)] + [(p, s, None) for p, s in
                                                                   _previous_sentences(state, index, cue.sentence)]
            for p, s, end in candidates:
                people = _people_in(state, p, s, end)
                fitting = [name for name, at in people
                           if (state.mention_gender.get((name, at)) or _gender_of(state, name)) in (None, wanted)]
                if fitting:
                    chosen = fitting[0]
                    break
            if chosen:
                state.mentions.setdefault((index, cue.sentence), []).append((chosen, cue.cue_start))
                state.mentions[(index, cue.sentence)].sort(key=lambda m: m[1])
                cue.speaker, cue.speaker_kind = chosen, "person"
                state.people.setdefault(chosen, {"gender": None})
                if not state.people[chosen]["gender"]:
                    state.people[chosen]["gender"] = wanted
    _copy_from_cues(state)


def _resolve_description(state: _State, cue: _Cue) -> None:
    """"the sheriff said": the person last introduced as sheriff; "The former secretary of labor said",
    when no one was introduced with that title: the person the sentence before opens with, if that
    sentence is in the same paragraph or the one before and the head is a person's title."""
    for surname, start in _people_in(state, cue.paragraph, cue.sentence):
        if start == cue.cue_start or (cue.phrase_start is not None and start == cue.phrase_start):
            cue.speaker, cue.speaker_kind, cue.full_name = surname, "person", None
            return
    if cue.head is None or cue.head.capitalize() not in _words()["titles"] or cue.head.capitalize() in _words()["places"]:
        return
    for p, s in _previous_sentences(state, cue.paragraph, cue.sentence, 2):
        people = _people_in(state, p, s)
        if people:
            cue.speaker, cue.speaker_kind, cue.full_name = people[0][0], "person", None
            return


def _resolve_they(state: _State, cue: _Cue) -> None:
    """They / it: the nearest organisation, group or pair that speaks in this sentence or the four before."""
    if not state.cues_by_sentence:
        for info in state.reading.values():
            for other in info.cues:
                state.cues_by_sentence.setdefault((info.index, other.sentence), []).append(other)
    for p, s in [(cue.paragraph, cue.sentence)] + list(_previous_sentences(state, cue.paragraph, cue.sentence)):
        for other in reversed(state.cues_by_sentence.get((p, s), [])):
            if other is not cue and other.start < (cue.start if (p, s) == (cue.paragraph, cue.sentence) else 10**12) \
                    and (other.speaker_kind in ("organisation", "nominal") or other.cue_kind == "pair"):
                cue.speaker, cue.speaker_kind, cue.full_name = other.speaker, other.speaker_kind, other.full_name
                return


# ---------------------------------------------------------------- stage 6: quotes without a cue

def _subject_of(state: _State, index: int, number: int, before: int | None = None):
    """The person a sentence opens with as its subject (a name at its start), or None."""
    info = state.reading[index]
    s_start, _ = info.sentences[number]
    people = _people_in(state, index, number)
    if not people:
        return None
    name, start = people[0]
    lead = info.reporter[s_start:start].split()
    if len(lead) > 2 or (before is not None and any(other != name and at < before for other, at in people[1:])):
        return None
    return name


def stage_no_cue(state: _State) -> None:
    """Stage 6. A quote with no cue of its own:
    - the speaker of the other quotes of its paragraph ('“A,” he said. “B.”': B is his too), the one before
      it first, else the one after;
    - a quote that opens its paragraph as a sentence of its own: the speaker of the sentence before when
      that sentence quotes someone, else the person that sentence opens with (its subject);
    - a partial quote in a sentence that opens with a person ('Rick Wamre, an asset manager, would like
      … because “…”'): that person.
    Otherwise no speaker: an honest unknown beats a wrong name."""
    # per paragraph, in text order: the quotes that already have a speaker, and how many speakers they are
    # (computed once, so the stage stays linear however many quotes a paragraph holds)
    spoken, speakers_here = {}, {}
    for quote in state.quotes:
        if quote["kind"] in ("direct", "partial") and quote["speaker"]:
            for index in {i for i, _, _ in quote["pieces"]}:
                spoken.setdefault(index, []).append(quote)
                speakers_here.setdefault(index, set()).add(quote["speaker"])
    spoken_at = {index: [q["pieces"][0] if q["pieces"][0][0] == index else (index, -1, -1) for q in quotes]
                 for index, quotes in spoken.items()}
    last_in_sentence = {}
    for info in state.reading.values():
        for cue in info.cues:
            if cue.speaker:
                last_in_sentence[(info.index, cue.sentence)] = {"cue": cue, "speaker": cue.speaker,
                                                                 "full_name": cue.full_name,
                                                                 "speaker_kind": cue.speaker_kind}
    for quote in state.quotes:
        if quote["speaker"] and quote["kind"] in KINDS:
            last_in_sentence[(quote["paragraph"], quote["sentence"])] = quote
    for quote in state.quotes:
        if quote["kind"] not in ("direct", "partial") or quote["cue"] is not None or quote["speaker"]:
            continue
        index = quote["paragraph"]
        here, at = spoken.get(index, []), spoken_at.get(index, [])
        k = bisect_right(at, quote["pieces"][0])
        source = here[k - 1] if k > 0 else (here[k] if k < len(here) else None)
        if source is not None and (quote["kind"] == "direct" or len(speakers_here.get(index, ())) == 1):
            _take(quote, source)
            spoken.setdefault(index, []).insert(k, quote)  # a later quote of the paragraph may follow it
            spoken_at.setdefault(index, []).insert(k, quote["pieces"][0])
            continue
        if quote["kind"] == "direct" and quote["ends_sentence"]:
            previous = next(iter(_previous_sentences(state, quote["paragraph"], quote["sentence"], 1)), None)
            if previous:
                earlier = last_in_sentence.get(previous)
                if earlier is not None:
                    _take(quote, earlier)
                    continue
                subject = _subject_of(state, *previous)
                if subject:
                    quote["speaker"], quote["speaker_kind"] = subject, "person"
                    continue
        if quote["kind"] == "partial" and len(quote["text"].split()) >= 2:
            subject = _subject_of(state, quote["paragraph"], quote["sentence"], quote["span"].opening[1])
            if subject:
                quote["speaker"], quote["speaker_kind"] = subject, "person"


def _take(quote: dict, source: dict) -> None:
    quote["cue"] = source["cue"]
    quote["speaker"], quote["full_name"], quote["speaker_kind"] = (source["speaker"], source["full_name"],
                                                                   source["speaker_kind"])


# ---------------------------------------------------------------- stage 7: one person, one speaker

def stage_one_person(state: _State) -> None:
    """Stage 7. Join the forms of one person's name: every person speaker keeps their surname as `speaker`
    and gets as `full_name` the fullest form of the name found in the article's reporter words
    ("Edward Egnuss" for "Mr. Egnuss" and "Egnuss"); a single name first read as an organisation that is
    the surname of a person of the article becomes that person."""
    fullest, given = {}, {}  # given: {first or middle name: [((paragraph, offset), surname)]} in text order
    people = set(state.people)
    for index in state.body_order:
        info = state.reading[index]
        for match in re.finditer(r"(?:[A-Z][\w’'.\-]*\s+){1,4}[A-Z][\w’'\-]*", info.reporter):
            run = [(w, 0, 0) for w in match.group().split()]
            taken = _strip_titles(run)
            if not taken:
                continue
            name = taken["names"][0]
            surname = _surname(name)
            if len(name.split()) > len(fullest.get(surname, "").split()):
                fullest[surname] = name
            if surname in people:
                for token in name.split()[:-1]:
                    if not _ABBREVIATION.match(token):
                        given.setdefault(token, []).append(((index, match.start()), surname))
    for quote in state.quotes:
        speaker = quote["speaker"]
        if not speaker:
            continue
        partial_name = all(token in given for token in fullest.get(speaker, speaker).split())
        cue_name = quote["full_name"] or ""
        if len(cue_name.split()) >= 2 and not any(cue_name in name and cue_name != name for name in fullest.values()):
            partial_name = False  # "Tom Williams said": a full name of its own, not part of another's
        if quote["speaker_kind"] == "person" and partial_name:
            at = (quote["paragraph"], quote["pieces"][0][1])
            earlier = [surname for where, surname in given[speaker] if where < at]
            if earlier:  # "Willie said" after "Willie Chisholm": the last Willie named before
                speaker = quote["speaker"] = earlier[-1]
        if quote["speaker_kind"] == "organisation" and speaker in people:
            quote["speaker_kind"] = "person"
        if quote["speaker_kind"] == "person" and " and " not in speaker:
            quote["full_name"] = fullest.get(speaker) or quote["full_name"] or speaker


# ---------------------------------------------------------------- the sieve

_STAGE_FUNCTIONS = {"not_speech": stage_not_speech, "cues": stage_cues, "speakers": stage_speakers,
                    "pronouns": stage_pronouns, "no_cue": stage_no_cue, "one_person": stage_one_person}


def extract_quotes(article, up_to: str | None = None) -> list:
    """All quotes in the article's body paragraphs, in text order, found by the sieve's stages.

    up_to: the last stage to run (one of STAGES); None runs them all. Kinds: direct (a sentence or more
    in quotation marks), partial (a fragment inside the reporter's sentence), indirect (reported speech
    without quotation marks, from the cues stage on), term and title (quoted words nobody says: no
    speaker; not voices). Captions and related links are not read."""
    if up_to is not None and up_to not in STAGES:
        raise ValueError(f"up_to must be one of {', '.join(STAGES)} (or None for all); got {up_to!r}")
    last = STAGES.index(up_to) if up_to else len(STAGES) - 1
    with _no_cyclic_gc():
        state = stage_marks(article)
        for name in STAGES[1:last + 1]:
            _STAGE_FUNCTIONS[name](state)
        return [_as_quote(q) for q in state.quotes]


@contextmanager
def _no_cyclic_gc():
    """Python's cyclic garbage collector paused while the sieve runs: the sieve's many small records hold
    no reference cycles (reference counting frees them), and on a 1 MB text the collector's repeated scans
    of them made the time grow faster than the text. It is switched back on (if it was on) afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _as_quote(q: dict) -> Quote:
    cue = q["cue"]
    paragraphs = tuple(range(q["pieces"][0][0], q["pieces"][-1][0] + 1)) if q["pieces"] else ()
    if len(q["pieces"]) > 1:
        paragraphs = tuple(sorted({i for i, _, _ in q["pieces"]}))
    return Quote(paragraph=q["paragraph"], kind=q["kind"], text=q["text"], speaker=q["speaker"],
                 cue=cue.cue if cue else None, verb=cue.verb if cue else None, paragraphs=paragraphs,
                 pieces=q["pieces"], full_name=q["full_name"] if q["speaker"] else None,
                 speaker_kind=q["speaker_kind"] if q["speaker"] else None)


# ---------------------------------------------------------------- summaries the lessons use

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
    from . import actors
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
