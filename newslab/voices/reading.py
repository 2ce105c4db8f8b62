"""How the sieve reads a body paragraph: quoted words masked, sentence ends, cue verb positions."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .wordlists import _words, cue_verbs

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


_WORD_CHARACTER = re.compile(r"\w")


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
    _first_word: dict = field(default_factory=dict, init=False, repr=False)  # {start: first word char at or after}

    def verbs_between(self, start: int, end: int) -> list:
        """The cue verbs that start in [start, end), by bisect."""
        lo = bisect_right(self.verb_starts, start - 1)
        hi = bisect_right(self.verb_starts, end - 1)
        return self.verbs[lo:hi]

    def sentence_of(self, pos: int) -> int:
        """The number of the sentence that holds pos (bisect: no scan over all sentences)."""
        return max(bisect_right(self.starts, pos) - 1, 0)

    def reporter_words_before(self, start: int, pos: int) -> bool:
        """True when the reporter's words in [start, pos) hold a letter or digit: the first one at or after
        start is found once per start and kept, so many quotes in one long sentence cost no rescans."""
        if start not in self._first_word:
            found = _WORD_CHARACTER.search(self.reporter, start)
            self._first_word[start] = found.start() if found else len(self.reporter)
        return self._first_word[start] < pos

    def reporter_tail(self, start: int, pos: int, width: int = 200) -> str:
        """The reporter's words just before pos (at most `width` characters, not before start), trailing
        space removed: enough to see a colon or comma before a quote without copying a whole sentence."""
        return self.reporter[max(start, pos - width):pos].rstrip()


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


_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$")
