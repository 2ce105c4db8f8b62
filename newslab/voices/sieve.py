"""The sieve: extract_quotes runs the seven stages in order, stopping after any of them."""

from __future__ import annotations

import gc
from contextlib import contextmanager

from .quote import Quote
from .marks import stage_marks
from .not_speech import stage_not_speech
from .cues import stage_cues
from .speakers import stage_speakers
from .pronouns import stage_pronouns
from .no_cue import stage_no_cue
from .people import stage_one_person

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
