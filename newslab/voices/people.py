"""Stage 7 (one_person): the forms of one person's name joined into one speaker with the fullest name."""

from __future__ import annotations

import re

from .reading import _ABBREVIATION, _State
from .names import _strip_titles, _surname


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
