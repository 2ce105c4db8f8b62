"""Stage 5 (pronouns): he, she and they given to the nearest fitting person or group mentioned before."""

from __future__ import annotations

import re
from bisect import bisect_right

from .wordlists import _wordlist_cached, _words
from .reading import _State
from .names import _CONNECTORS, _bare, _is_name_token, _known_people, _strip_titles, _surname, _tokens
from .cues import _Cue
from .speakers import _copy_from_cues


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


_ONE_WORD_ITEM_BEFORE = re.compile(r"[A-Z][\w’'-]+,\s*$")
_ONE_WORD_ITEM_AFTER = re.compile(r"^,\s*(?:and\s+|or\s+)?[A-Z][\w’'-]+(?:,|\s+(?:and|or)\b|\s*[.;:]|\s*$)")


def _in_list_of_one_word_items(before: str, after: str) -> bool:
    """True for a capitalised run in the middle of a comma list whose neighbours are single capitalised words
    ("Japan, Hong Kong, Manila and Rome"): a list of places or things, not a person (whose neighbours in a
    list of people would be full names too). `after` starts at the comma that closes the run."""
    tail = before.split()[-2:]
    one_word = len(tail) == 1 or (len(tail) == 2 and not tail[0][:1].isupper()) or \
        (len(tail) == 2 and (tail[0] in _words()["function_words"] or tail[0][-1:] in ",;:"))
    return bool(one_word and _ONE_WORD_ITEM_BEFORE.search(before) and _ONE_WORD_ITEM_AFTER.match(after))


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
                if taken and _is_person_run(state, taken, next_words) and not _in_list_of_one_word_items(
                        text[:run[0][1] - s_start], text[tokens[j - 1][2] - s_start - 1:] if j > 0 else ""):
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
