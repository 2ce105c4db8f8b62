"""Stage 6 (no_cue): a quote with no cue takes its paragraph's speaker or the subject of the sentence before."""

from __future__ import annotations

from bisect import bisect_right

from .quote import KINDS
from .reading import _State
from .pronouns import _people_in, _previous_sentences
from .names import _name_run, _surname, _tokens


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
        if quote.get("namer") and _take_namer(state, quote):
            continue
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


def _take_namer(state: _State, quote: dict) -> bool:
    """'Jo Smith calls the clashes “The Battle of the Gate”': the name before calls / termed / dubbed speaks
    (stage not_speech noted where it ends). A pronoun there is left to the other rules."""
    start, end = quote["namer"]
    info = state.reading[quote["paragraph"]]
    tokens = _tokens(info.reporter[start:end], start)
    found = _name_run(tokens, len(tokens)) if tokens else None
    if not found:
        return False
    quote["speaker"], quote["full_name"], quote["speaker_kind"] = _surname(found["names"][0]), found["names"][0], "person"
    state.people.setdefault(quote["speaker"], {"gender": None})
    return True
