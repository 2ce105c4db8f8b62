"""The word lists of data/wordlists/ the sieve reads, each loaded once and cached."""

from __future__ import annotations

import json
from functools import lru_cache

from .. import config


def _wordlist(name: str) -> dict:
    with open(config.WORDLISTS / name, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def reporting_verbs() -> dict:
    """The reporting verbs from data/wordlists/reporting_verbs.json: {form: {"verb", "connotation"}}."""
    data = _wordlist("reporting_verbs.json")
    return {form: {"verb": entry["verb"], "connotation": entry["connotation"]}
            for entry in data["verbs"] for form in entry["forms"]}


@lru_cache(maxsize=1)
def cue_verbs() -> dict:
    """Every form of a verb that can tie quoted words to a speaker: {form: {"verb", "form", "reports"}}.

    form is past, present, base or ing (data/wordlists/cue_verbs.json); reports is True for the forms of
    reporting_verbs.json, the only ones that also introduce reported speech without quotation marks."""
    forms = {}
    for entry in _wordlist("cue_verbs.json")["verbs"]:
        for tense in ("past", "present", "base", "ing"):
            forms.setdefault(entry[tense], {"verb": entry["verb"], "form": tense, "reports": False})
    for form, entry in reporting_verbs().items():
        forms[form] = {"verb": entry["verb"], "form": "past", "reports": True}
    return forms


@lru_cache(maxsize=1)
def _words() -> dict:
    data = _wordlist("speaker_cues.json")
    between = _wordlist("reporting_verbs.json")["between"]
    return {"titles": set(data["titles"]), "not_names": set(data["not_names"]), "function_words": set(data["function_words"]),
            "documents": set(data["document_heads"]), "pronouns": data["pronouns"],
            "between": set(between) | {"as", "would", "will", "did", "does", "do", "is", "was", "were", "are", "has",
                                      "have", "had", "also", "then", "later", "once", "again", "not", "never",
                                      "simply", "just", "still", "often", "always", "sometimes", "would've"},
            "honorifics": data["honorifics"], "first_person": set(data["first_person"]),
            "nominal": set(data["nominal_heads"]), "organisation": set(data["organisation_heads"]),
            "org_suffixes": set(data["organisation_suffixes"]), "determiners": set(data["determiners"]),
            "places": set(data["place_words"]), "months": set(data["months"])}


@lru_cache(maxsize=1)
def _not_speech_words() -> dict:
    data = _wordlist("not_speech.json")
    return {"naming": set(data["naming"]), "works": set(data["works"]), "speech": set(data["speech"])}


@lru_cache(maxsize=4)
def _wordlist_cached(name: str) -> dict:
    return _wordlist(name)
