"""Actors: who is in the story, under which names, in whose voice, and who shares paragraphs with whom."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from . import config, voices

ACTORS_FILE = config.DATA / "actors.json"


@dataclass(frozen=True)
class Actor:
    """One actor of the actor list: canonical name, kind, affiliation and the variants that name it."""

    id: str
    name: str
    kind: str  # person, country, government, institution, group, place, media
    affiliation: str
    variants: tuple
    surname: str | None = None
    pronoun: str | None = None
    role: str | None = None
    only_in: tuple = ()  # article ids the actor is looked for in; empty: every article

    def speaks_as(self, speakers) -> bool:
        """True when one of the speakers (surnames as the quotes give them) is this actor."""
        return any(s == self.surname or s in self.variants for s in speakers)


@dataclass(frozen=True)
class Mention:
    """A name of an actor in the text, found with the actor list, and whose voice it is in."""

    paragraph: int
    text: str  # the variant as the text spells it
    actor: str  # the actor's canonical name
    affiliation: str
    voice: str  # "quoted" inside quotation marks, "reporter" everywhere else
    start: int  # offsets into the paragraph's text
    end: int
    actor_id: str = ""

    def as_dict(self) -> dict:
        """The shape `newslab analyze --json` writes."""
        return {"paragraph": self.paragraph, "text": self.text, "actor": self.actor, "voice": self.voice}


def load_actors(path=None) -> tuple:
    """The actor list (data/actors.json by default) as a tuple of Actor."""
    return _load(str(Path(path) if path else ACTORS_FILE))


@lru_cache(maxsize=8)
def _load(path: str) -> tuple:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return tuple(Actor(id=a["id"], name=a["name"], kind=a["kind"], affiliation=a["affiliation"],
                       variants=tuple(a["variants"]), surname=a.get("surname"), pronoun=a.get("pronoun"),
                       role=a.get("role"), only_in=tuple(a.get("only_in", ())))
                 for a in data["actors"])


def affiliations(path=None) -> dict:
    """{affiliation: one-line description} from the actor list."""
    with open(Path(path) if path else ACTORS_FILE, encoding="utf-8") as f:
        return json.load(f)["affiliations"]


def variant_table(actors, article_id: str | None = None) -> dict:
    """{variant as matched: actor} for the actors that apply to this article; lower-case variants also
    with a capital first letter, for the start of a sentence."""
    table = {}
    for actor in actors:
        if actor.only_in and article_id not in actor.only_in:
            continue
        for variant in actor.variants:
            table.setdefault(variant, actor)
            if variant[:1].islower():
                table.setdefault(variant[:1].upper() + variant[1:], actor)
    return table


@lru_cache(maxsize=16)
def _pattern(variants: tuple) -> re.Pattern:
    ordered = sorted(variants, key=len, reverse=True)  # the longest variant wins where several start
    alternatives = "|".join(re.escape(v) for v in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def find_mentions(article, actors=None) -> list:
    """Every mention of a listed actor in every block of the article, in text order.

    Found with the actor list (never the chunker): case-sensitive, the longest variant wins, a
    variant must stand as whole words. voice is "quoted" for a mention inside quotation marks and
    "reporter" everywhere else, indirect speech included.
    """
    actors = load_actors() if actors is None else tuple(actors)
    table = variant_table(actors, getattr(article, "id", None))
    if not table:
        return []
    pattern = _pattern(tuple(sorted(table)))
    inside = _quoted_ranges(article)
    mentions = []
    for paragraph in article.paragraphs:
        ranges = inside.get(paragraph.index, ())
        for match in pattern.finditer(paragraph.text):
            actor = table[match.group()]
            quoted = any(lo <= match.start() < hi for lo, hi in ranges)
            mentions.append(Mention(paragraph=paragraph.index, text=match.group(), actor=actor.name,
                                    affiliation=actor.affiliation, voice="quoted" if quoted else "reporter",
                                    start=match.start(), end=match.end(), actor_id=actor.id))
    return mentions


def _quoted_ranges(article) -> dict:
    ranges = {}
    for span in voices.quoted_spans(article):
        for index, start, end in span.pieces:
            ranges.setdefault(index, []).append((start, end))
    return ranges


def naming_by_voice(mentions, actor: str | None = None) -> dict:
    """How each actor is named in each voice: {actor: {"reporter": Counter(variant), "quoted": Counter(variant)}}."""
    table = {}
    for mention in mentions:
        if actor is not None and mention.actor != actor:
            continue
        voices_of = table.setdefault(mention.actor, {"reporter": Counter(), "quoted": Counter()})
        voices_of[mention.voice][mention.text] += 1
    return table


def mention_counts(mentions, by: str = "actor") -> Counter:
    """How often each actor (by="actor") or affiliation (by="affiliation") is mentioned."""
    return Counter(getattr(m, by) for m in mentions)


def cooccurrence(mentions, paragraphs=None) -> dict:
    """In how many paragraphs each pair of actors appears together: {(actor a, actor b): n}, a < b.

    paragraphs: the paragraph indices to count (e.g. the body's); all by default.
    """
    by_paragraph = {}
    for mention in mentions:
        if paragraphs is None or mention.paragraph in paragraphs:
            by_paragraph.setdefault(mention.paragraph, set()).add(mention.actor)
    pairs = Counter()
    for names in by_paragraph.values():
        pairs.update(combinations(sorted(names), 2))
    return dict(sorted(pairs.items(), key=lambda item: (-item[1], item[0])))


def cooccurrence_matrix(mentions, paragraphs=None, actors=None) -> tuple:
    """(names, matrix) for a heat map: matrix[i][j] = paragraphs shared by names[i] and names[j]; the
    diagonal holds the paragraphs each actor appears in. names: the given actors, or all mentioned,
    most mentioned first."""
    chosen = [m for m in mentions if paragraphs is None or m.paragraph in paragraphs]
    if actors is None:
        counts = Counter(m.actor for m in chosen)
        actors = [name for name, _ in counts.most_common()]
    names = list(actors)
    position = {name: k for k, name in enumerate(names)}
    matrix = [[0] * len(names) for _ in names]
    by_paragraph = {}
    for mention in chosen:
        by_paragraph.setdefault(mention.paragraph, set()).add(mention.actor)
    for present in by_paragraph.values():
        listed = [position[n] for n in present if n in position]
        for i in listed:
            for j in listed:
                matrix[i][j] += 1
    return names, matrix
