"""Stage 4 (speakers): a cue's words read as a named person, an organisation or a nominal speaker."""

from __future__ import annotations

import re
from functools import lru_cache

from .wordlists import _words
from .reading import _State
from .names import _known_people, _surname
from .cues import _Cue


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


def _document_author(state: _State, cue: _Cue) -> None:
    """'the council's resolution said', 'a statement adopted by the board … the statement said': a document
    never speaks; its author does, when the cue's own words or an earlier sentence (up to four back) names
    one as the document's possessor or after 'by'. Else nobody: cue.speaker stays None."""
    words = _words()
    groups = words["organisation"] | words["nominal"]
    owner = re.search(r"(\w+)(?:['’]s|s['’])\s+(?:[\w-]+\s+){0,2}" + re.escape(cue.head) + r"\b", cue.cue)
    if owner:
        word = owner.group(1) + ("s" if re.search(r"s['’]\s", owner.group(0)) else "")
        _set_author(cue, word, groups)
        if cue.speaker is None and word.islower():  # "the trustees' statement": the possessor wrote it
            cue.speaker, cue.speaker_kind = word, "nominal"
        return
    from .pronouns import _previous_sentences
    stem = cue.head[:-1] if cue.head.endswith("s") and cue.head[:-1] in words["documents"] else cue.head
    by = re.compile(r"\b" + re.escape(stem) + r"s?\b[^.;]{0,60}?\bby\s+(?:the\s+|a\s+|an\s+|its\s+)?"
                    r"((?:[\w-]+\s+){0,3}[\w-]+)")
    places = [(cue.paragraph, cue.sentence)] + list(_previous_sentences(state, cue.paragraph, cue.sentence, 4))
    for index, number in places:
        info = state.reading[index]
        s_start, s_end = info.sentences[number]
        for match in by.finditer(info.reporter[s_start:s_end]):
            found = [w for w in match.group(1).split() if w.lower() in groups]
            named = [w for w in match.group(1).split() if w[:1].isupper()]
            if found or named:
                _set_author(cue, (found or named)[0], groups)
                return


def _set_author(cue: _Cue, word: str, groups: set) -> None:
    if word.lower() in _words()["organisation"]:
        cue.speaker, cue.speaker_kind = word.lower(), "organisation"
    elif word.lower() in groups:
        cue.speaker, cue.speaker_kind = word.lower(), "nominal"
    elif word[:1].isupper() and word not in _words()["function_words"]:
        kind = "organisation" if _is_organisation_name(word) else "person"
        cue.speaker, cue.speaker_kind, cue.full_name = (_surname(word) if kind == "person" else word), kind, word


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
                if cue.head in _words()["documents"]:
                    _document_author(state, cue)
                elif cue.head in _words()["organisation"]:
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
