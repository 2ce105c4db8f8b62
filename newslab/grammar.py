"""Lesson 05's steps packaged: tagged sentences in two voices, verbs of saying, stance markers, passives."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import config

# Curly quotation marks and apostrophes made straight: NLTK's word tokenizer was built for straight
# ones, and then marks an opening quote `` and a closing one '' (lesson 02).
STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
OPENING, CLOSING = "``", "''"
# Forms of "be" that can carry a passive; they count only where the tagger calls them a verb.
BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"})
VOICES = ("reporter", "quoted")
# Lesson 05 measures the tagger on the first 100 of the treebank sample's 199 files (about half of
# it), so the notebook stays quick; pass None to treebank_score for the whole sample.
TREEBANK_FILES = 100


@dataclass(frozen=True)
class Sentence:
    """One sentence of a body paragraph: (word, tag, voice) for each token, quotation marks left out."""

    paragraph: int
    tokens: tuple

    @property
    def words(self) -> list:
        return [word for word, _, _ in self.tokens]


def is_word(token: str) -> bool:
    """A token with at least one letter or digit (punctuation and quotation marks are not words)."""
    return any(character.isalnum() for character in token)


def voiced_sentences(article) -> list:
    """Every body sentence, tagged with nltk.pos_tag, each token marked "reporter" or "quoted".

    A token is quoted between an opening `` and a closing '' mark; each paragraph starts in the
    reporter's voice, so a quote left open at a paragraph break ends there (the next paragraph
    opens it again, as newspapers do).
    """
    import nltk

    sentences = []
    for paragraph in article.body:
        inside = False
        for sentence in nltk.sent_tokenize(paragraph.text.translate(STRAIGHT)):
            tokens = []
            for word, tag in nltk.pos_tag(nltk.word_tokenize(sentence)):
                if word == OPENING:
                    inside = True
                elif word == CLOSING:
                    inside = False
                else:
                    tokens.append((word, tag, "quoted" if inside else "reporter"))
            sentences.append(Sentence(paragraph.index, tuple(tokens)))
    return sentences


def words_by_voice(sentences) -> dict:
    """{"reporter": n, "quoted": n}: the words (tokens with a letter or digit) in each voice."""
    counts = Counter(voice for s in sentences for word, _, voice in s.tokens if is_word(word))
    return {voice: counts[voice] for voice in VOICES}


# ---------------------------------------------------------------- the tagger against hand-made tags

@lru_cache(maxsize=2)
def treebank_score(files: int | None = TREEBANK_FILES) -> tuple:
    """(right, total): tokens where nltk.pos_tag_sents agrees with the treebank sample's hand-made tags,
    in its first `files` files (all with None); empty elements tagged -NONE- are left out."""
    import nltk
    from nltk.corpus import treebank

    fileids = treebank.fileids()[:files] if files else treebank.fileids()
    gold = [[(word, tag) for word, tag in sentence if tag != "-NONE-"] for sentence in treebank.tagged_sents(fileids)]
    guessed = nltk.pos_tag_sents([[word for word, _ in sentence] for sentence in gold])
    pairs = [(g[1], p[1]) for gs, ps in zip(gold, guessed) for g, p in zip(gs, ps)]
    return sum(a == b for a, b in pairs), len(pairs)


# ---------------------------------------------------------------- word lists

def _wordlist(name: str) -> dict:
    with open(config.WORDLISTS / name, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def stance_lists() -> dict:
    """{"modal": [...], "hedge": [...], "booster": [...]} from data/wordlists/stance.json."""
    data = _wordlist("stance.json")
    modals = [word for group in data["modals"]["groups"].values() for word in group]
    return {"modal": modals, "hedge": list(data["hedges"]["words"]), "booster": list(data["boosters"]["words"])}


@lru_cache(maxsize=1)
def modal_groups() -> dict:
    """{modal: "possibility" | "necessity" | "prediction"} from data/wordlists/stance.json."""
    groups = _wordlist("stance.json")["modals"]["groups"]
    return {word: group for group, words in groups.items() for word in words}


@lru_cache(maxsize=1)
def saying_forms() -> dict:
    """{form: verb} from data/wordlists/reporting_verbs.json ("said": "say", "called for": "call for")."""
    data = _wordlist("reporting_verbs.json")
    return {form: entry["verb"] for entry in data["verbs"] for form in entry["forms"]}


# ---------------------------------------------------------------- finding words and phrases

def find_phrases(sentence: Sentence, phrases) -> list:
    """(position, phrase) for every phrase of the list that starts at a position of the sentence (lower case)."""
    words = [word.lower() for word in sentence.words]
    found = []
    for start in range(len(words)):
        for phrase in phrases:
            parts = phrase.split()
            if words[start:start + len(parts)] == parts:
                found.append((start, phrase))
    return found


def stance_markers(sentences) -> list:
    """Every modal, hedge and booster: {"paragraph", "kind", "phrase", "voice"}; a modal only where its
    first word is tagged as a verb (MD or VB…)."""
    lists = stance_lists()
    markers = []
    for sentence in sentences:
        for kind, phrases in lists.items():
            for position, phrase in find_phrases(sentence, phrases):
                word, tag, voice = sentence.tokens[position]
                if kind == "modal" and not (tag == "MD" or tag.startswith("VB")):
                    continue
                markers.append({"paragraph": sentence.paragraph, "kind": kind, "phrase": phrase, "voice": voice})
    return markers


def stance_counts(markers) -> dict:
    """{kind: {"reporter": n, "quoted": n}} for modal, hedge and booster."""
    counts = {kind: {voice: 0 for voice in VOICES} for kind in ("modal", "hedge", "booster")}
    for marker in markers:
        counts[marker["kind"]][marker["voice"]] += 1
    return counts


def saying_verbs(sentences) -> list:
    """Every form of a verb of saying: {"paragraph", "form", "verb", "voice"}. A two-word form ("called
    for") is matched as it stands; a one-word form only where the tagger calls it a verb (VB…)."""
    forms = saying_forms()
    found = []
    for sentence in sentences:
        words = [word.lower() for word in sentence.words]
        for i, (word, tag, voice) in enumerate(sentence.tokens):
            two = " ".join(words[i:i + 2])
            if two in forms:
                found.append({"paragraph": sentence.paragraph, "form": two, "verb": forms[two], "voice": voice})
            elif words[i] in forms and tag.startswith("VB"):
                found.append({"paragraph": sentence.paragraph, "form": words[i], "verb": forms[words[i]],
                              "voice": voice})
    return found


# ---------------------------------------------------------------- passives

def by_agent(sentence: Sentence, position: int):
    """The words of a "by …" phrase that starts at position, up to the next punctuation, or None.
    "by" before a verb in -ing ("by dealing with …") names a means, not an agent: None."""
    tokens = sentence.tokens
    if position >= len(tokens) or tokens[position][0].lower() != "by":
        return None
    if position + 1 >= len(tokens) or tokens[position + 1][1] == "VBG":
        return None
    words = []
    for word, tag, _ in tokens[position + 1:]:
        if not is_word(word) or len(words) == 6:
            break
        words.append(word)
    return " ".join(words) or None


def find_passives(sentences) -> list:
    """A form of "be" (tagged as a verb), any adverbs ("not", "fully"), then a past participle (VBN).

    Returns {"paragraph", "words", "voice", "agent"}: voice is the participle's; agent the words of a
    "by" phrase right after it, or None when nobody is named as the one who acts.
    """
    passives = []
    for sentence in sentences:
        tokens = sentence.tokens
        for i, (word, tag, _) in enumerate(tokens):
            if word.lower() not in BE or not tag.startswith("VB"):
                continue
            j = i + 1
            while j < len(tokens) and tokens[j][1].startswith("RB"):
                j += 1
            if j < len(tokens) and tokens[j][1] == "VBN":
                passives.append({"paragraph": sentence.paragraph,
                                 "words": " ".join(w for w, _, _ in tokens[i:j + 1]),
                                 "voice": tokens[j][2], "agent": by_agent(sentence, j + 1)})
    return passives


# ---------------------------------------------------------------- everything at once

def analyse(article) -> dict:
    """Lesson 05's findings for an article, as plain Python values."""
    sentences = voiced_sentences(article)
    markers = stance_markers(sentences)
    verbs = saying_verbs(sentences)
    passives = find_passives(sentences)
    by_voice = {voice: dict(Counter(v["verb"] for v in verbs if v["voice"] == voice)) for voice in VOICES}
    return {
        "sentences": len(sentences),
        "words_by_voice": words_by_voice(sentences),
        "saying_verbs": by_voice,
        "stance_counts": stance_counts(markers),
        "passives": passives,
    }
