"""Names in the reporter's words: name tokens, titles and honorifics dropped, surnames (shared by the stages)."""

from __future__ import annotations

import re
from functools import lru_cache

from .wordlists import _words, cue_verbs
from .reading import _ABBREVIATION

_TOKEN = re.compile(r"\S+")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'.\-]*|al-[A-Z][\w’'\-]*|[A-Z]\.|Mc[A-Z]\w*|O'[A-Z]\w*)$")
_CONNECTORS = {"&", "of", "al", "bin", "ibn", "de", "da", "di", "du", "van", "von", "der", "le", "la"}
_POSSESSIVE = re.compile(r"[’']s?$")
_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}


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
    cut = [k for k, token in enumerate(run) if token[0] in words["function_words"]]
    if cut:  # "Hmpf But", "Oddly But Smith": a capitalised function word is never part of a name
        run = run[cut[-1] + 1:]
        if not run:
            return None
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


def _surname(name: str) -> str:
    """A person's surname as the text spells it: the actor list's surname when it knows the name."""
    known = _known_people()
    if name in known:
        return known[name]["surname"]
    words = [w.rstrip(",") for w in name.split() if w.rstrip(",") not in _SUFFIXES]
    return words[-1] if words else name


@lru_cache(maxsize=1)
def _known_people() -> dict:
    from .. import actors
    people = {}
    for actor in actors.load_actors():
        if actor.kind == "person" and actor.surname:
            for variant in actor.variants:
                people[variant] = {"surname": actor.surname, "pronoun": actor.pronoun}
    return people
