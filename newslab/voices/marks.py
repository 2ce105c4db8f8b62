"""Stage 1 (marks): quotation marks paired into spans, each quote direct or partial by where it stands."""

from __future__ import annotations

import re

from .quote import Span
from .reading import _Paragraph, _State, _masked, _sentence_spans, find_verbs

CURLY_OPEN, CURLY_CLOSE, STRAIGHT = "“", "”", '"'
QUOTATION_MARK = re.compile('[“”"]')


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
        before = info.reporter_tail(s_start, pos)
        direct = (not info.reporter_words_before(s_start, pos) or before.endswith(":")
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
