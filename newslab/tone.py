"""Tone: VADER's word-level valence for each sentence, averaged over paragraphs and over voices."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import mean

from nltk import sent_tokenize
from nltk.sentiment.vader import SentimentIntensityAnalyzer

SCORES = ("compound", "pos", "neu", "neg")


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """The one VADER analyser of the process (loading its lexicon once)."""
    return SentimentIntensityAnalyzer()


# Quotation marks: double (straight, curly, low, guillemets), `` and '' of converted corpora, and single marks
# used as quotes (at the edge of a word, never an apostrophe inside one: "Syria’s", "don't" keep theirs).
QUOTE_MARKS = re.compile(r"``|''|[\"“”„‟«»]|(?<![^\W_])['‘’‛]|['‘’‛](?![^\W_])")


def without_quote_marks(text: str) -> str:
    """The text with its quotation marks removed: VADER scores a word wrapped in them as 0 (“Great,” he said.)."""
    return QUOTE_MARKS.sub("", text)


def score(text: str) -> dict:
    """VADER's scores of one text, its quotation marks removed first: {"compound", "pos", "neu", "neg"}."""
    return analyzer().polarity_scores(without_quote_marks(text))


@dataclass(frozen=True)
class SentenceScore:
    """VADER's scores of one sentence of a paragraph (sentences by nltk.sent_tokenize)."""

    paragraph: int
    number: int  # the sentence's place in its paragraph, from 0
    text: str
    start: int  # offsets into the paragraph's text
    end: int
    compound: float
    pos: float
    neu: float
    neg: float


def sentences(paragraph) -> list:
    """(start, end, text) of each sentence of a paragraph, by nltk.sent_tokenize."""
    found, pos = [], 0
    for sentence in sent_tokenize(paragraph.text):
        start = paragraph.text.find(sentence, pos)
        start = pos if start < 0 else start
        found.append((start, start + len(sentence), sentence))
        pos = start + len(sentence)
    return found


def sentence_scores(article, kinds=None) -> list:
    """VADER's scores of every sentence, paragraph by paragraph (every block, or only the kinds given)."""
    scores = []
    for paragraph in article.paragraphs:
        if kinds is not None and paragraph.kind not in kinds:
            continue
        for number, (start, end, text) in enumerate(sentences(paragraph)):
            s = score(text)
            scores.append(SentenceScore(paragraph=paragraph.index, number=number, text=text, start=start, end=end,
                                        compound=s["compound"], pos=s["pos"], neu=s["neu"], neg=s["neg"]))
    return scores


def paragraph_scores(article, scores=None, kinds=None) -> list:
    """Each paragraph's scores as the mean of its sentences' scores (VADER saturates on long texts).

    [{"paragraph", "kind", "sentences", "compound", "pos", "neu", "neg"}], in paragraph order.
    """
    scores = sentence_scores(article, kinds) if scores is None else scores
    by_paragraph = {}
    for s in scores:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    rows = []
    for paragraph in article.paragraphs:
        found = by_paragraph.get(paragraph.index)
        if not found:
            continue
        row = {"paragraph": paragraph.index, "kind": paragraph.kind, "sentences": len(found)}
        row.update({name: round(mean(getattr(s, name) for s in found), 4) for name in SCORES})
        rows.append(row)
    return rows


def voice_units(article, quotes=None) -> list:
    """The body's sentences cut by voice: each sentence's words inside quotation marks (one unit, the quote's
    speaker) and its words outside them (one unit, the reporter), each scored on its own.

    [{"paragraph", "voice": "quoted"|"reporter", "speaker", "text", "compound"}]; speaker is the quote's speaker,
    "reporter" for the reporter's words, None for quoted words with no speaker (a scare quote, a title).
    """
    from . import voices
    quotes = voices.extract_quotes(article) if quotes is None else quotes
    spans = voices.quoted_spans(article)
    owner = {}
    for quote in quotes:
        if quote.kind in ("direct", "partial"):
            owner[quote.pieces] = quote.speaker
    units = []
    for paragraph in article.body:
        pieces = sorted((start, end, owner.get(span.pieces)) for span in spans
                        for i, start, end in span.pieces if i == paragraph.index)
        for start, end, _ in sentences(paragraph):
            quoted, reporter, said_by, pos = [], [], None, start
            for lo, hi, who in pieces:
                lo, hi = max(lo, start), min(hi, end)
                if lo >= hi:
                    continue
                reporter.append(paragraph.text[pos:lo])
                quoted.append(paragraph.text[lo:hi])
                said_by = said_by or who
                pos = hi
            reporter.append(paragraph.text[pos:end])
            units += _units(paragraph.index, " ".join(quoted), said_by, " ".join(reporter))
    return units


def _units(index: int, quoted: str, speaker, reporter: str) -> list:
    units = []
    for voice, text, who in (("quoted", quoted, speaker), ("reporter", reporter, "reporter")):
        text = " ".join(text.replace("“", " ").replace("”", " ").replace('"', " ").split())
        if any(c.isalpha() for c in text):
            units.append({"paragraph": index, "voice": voice, "speaker": who, "text": text,
                          "compound": score(text)["compound"]})
    return units


def voice_scores(article, quotes=None, by: str = "speaker") -> dict:
    """Mean compound score per voice: by="speaker" gives {"reporter", "Kerry", "Hammond", …};
    by="voice" gives {"reporter", "quoted"}. Each: {"compound", "units"}."""
    groups = {}
    for unit in voice_units(article, quotes):
        key = unit["voice"] if by == "voice" else (unit["speaker"] or "quoted, no speaker")
        groups.setdefault(key, []).append(unit["compound"])
    return {key: {"compound": round(mean(values), 4), "units": len(values)} for key, values in groups.items()}
