"""The records the quote finder returns: Span (words inside one pair of marks) and Quote, and their kinds."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("direct", "partial", "indirect")
NOT_SPEECH = ("term", "title")  # quoted words that are nobody's speech: no speaker, not a voice


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
