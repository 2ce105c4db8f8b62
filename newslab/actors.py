"""Actors: who is in the story, under which names, in whose voice, and who shares paragraphs with whom.

Two layers: the curated actor list (data/actors.json: the bundled articles' actors with titles and
affiliations), used where it applies; and names found in any article with NLTK's NE chunker
(`find_names`, `found_actors`), typed person / organisation / place by the documented rules of
`type_name`. `actors_for(article)` gives the curated actors when the article names any of them, else the
found ones, so every article has actors (or none, when it names nobody, which every caller copes with).
"""

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
    # whole words: no letter, digit or single hyphen beside it ("pro-Kerry" is no mention); a double hyphen
    # ("three--Miles J. Cooperman", Brown's dash) or an em dash is a boundary, as it is a token of its own
    return re.compile(rf"(?<!\w)(?<!(?<!-)-)(?:{alternatives})(?!\w)(?!-(?!-))")


def find_mentions(article, actors=None) -> list:
    """Every mention of a listed actor in every block of the article, in text order.

    Found with the actor list (never the chunker): case-sensitive, the longest variant wins, a
    variant must stand as whole words (a double hyphen "--" or an em dash beside it is a boundary, a single
    hyphen is not). voice is "quoted" for a mention inside quotation marks and
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


# ---------------------------------------------------------------- names for any article (NLTK's NE chunker)

@dataclass(frozen=True)
class Name:
    """One name the NE chunker found in a body paragraph, typed by type_name."""

    paragraph: int
    text: str  # the name as the text spells it, titles left out
    kind: str  # "person", "organisation" or "place"
    start: int  # offsets into the paragraph's text
    end: int
    gender: str | None = None  # from an honorific (Mr. he, Mrs. she)


def type_name(words: list, before: str, after: str, label: str | None = None, people=()) -> tuple:
    """(kind, gender) of a name found by the chunker, by these rules, in order:

    1. the multiclass chunker's label where that model is installed (PERSON, ORGANIZATION, GPE …);
    2. a name ending in an organisation suffix (Inc., Corp., Co., Service, Committee …, speaker_cues.json)
       or made of capitals (NATO): organisation;
    3. a title or honorific right before it (Mr., Sen., Secretary …): person (gender from the honorific);
    4. a word of place_words in it (New, County, Street …), or "in/from/at/to" right before it: place;
    5. a reporting or cue verb right after it (said, says, told …): person;
    6. two to four capitalised words, or the surname of a person already found: person;
    7. otherwise: organisation.
    """
    cues = voices._words()
    gender = cues["honorifics"].get(before) if before in cues["honorifics"] else None
    if label:
        kind = {"PERSON": "person", "ORGANIZATION": "organisation", "GPE": "place", "LOCATION": "place",
                "FACILITY": "place", "GSP": "place"}.get(label)
        if kind:
            return kind, gender
    if words[-1] in cues["org_suffixes"] or (len(words) == 1 and len(words[0]) > 1 and words[0].isupper()):
        return "organisation", None
    if before in cues["titles"] or before in cues["honorifics"]:
        return "person", gender
    if any(w in cues["places"] for w in words) or before.lower() in ("in", "from", "at", "to", "near"):
        return "place", None
    if after.lower() in voices.cue_verbs():
        return "person", None
    if 2 <= len(words) <= 4 or words[-1] in people:
        return "person", None
    return "organisation", None


def find_names(article) -> list:
    """Every name in the article's body found with NLTK's NE chunker (the binary model every install has;
    the multiclass one where installed), loaded once per process, typed by type_name. Only sentences with
    a capital letter after their first word are tagged and chunked."""
    import nltk
    from nltk.tokenize import NLTKWordTokenizer
    chunker = voices.chunker()
    tokenizer = NLTKWordTokenizer()  # the tokenizer of nltk.word_tokenize, as lesson 06 uses
    cues = voices._words()
    found, people = [], set()
    for paragraph in article.body:
        text = paragraph.text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
        for s_start, s_end in _sentence_offsets(text):
            sentence = text[s_start:s_end]
            if not any(c.isupper() for c in sentence[1:]):
                continue
            spans = list(tokenizer.span_tokenize(sentence))
            tags_of = tokenizer.tokenize(sentence)  # quotation marks as `` and '', so they are tagged as quotes
            if len(tags_of) != len(spans):
                tags_of = [sentence[a:b] for a, b in spans]
            if len(spans) >= 2 and tags_of[-1] == "." and ABBREVIATION.fullmatch(tags_of[-2]):
                spans[-2:] = [(spans[-2][0], spans[-1][1])]  # "U.S." at a sentence's end keeps its full stop
                tags_of[-2:] = [tags_of[-2] + "."]
            words = [sentence[a:b] for a, b in spans]
            tagged = [(word, tag) for word, (_, tag) in zip(words, nltk.pos_tag(tags_of))]
            for first, last, label in _name_runs(chunker.parse(tagged), tagged):
                first, last, nickname = _without_quotes(words, first, last)
                if first > last:
                    continue
                tokens = words[first:last + 1]
                while last + 1 < len(words) and words[last + 1] in cues["org_suffixes"]:
                    last += 1  # "Harbour Transit Co.": the suffix the chunker left out
                    tokens = words[first:last + 1]
                while tokens and (tokens[0] in cues["titles"] or tokens[0] in cues["honorifics"]
                                  or tokens[0] in cues["not_names"]):
                    tokens, first = tokens[1:], first + 1
                if not tokens or all(t in cues["months"] for t in tokens) \
                        or not any(c.isalpha() for c in "".join(tokens)):
                    continue
                before = words[first - 1] if first > 0 else ""
                after = words[last + 1] if last + 1 < len(words) else ""
                kind, gender = type_name(tokens, before, after, label, people)
                if nickname:
                    kind = "person"  # "Tex" Burgess: a nickname in quotation marks marks a person
                if kind == "person":
                    people.add(tokens[-1])
                start, end = s_start + spans[first][0], s_start + spans[last][1]
                found.append(Name(paragraph.index, paragraph.text[start:end], kind, start, end, gender))
    return found


QUOTES = {'"', "``", "''", "'", "`", "“", "”", "‘", "’"}
# A token of capital letters with dots ("U.S", "K.J.P", "U") or Jr, Sr, Inc, Co, Corp, Ltd: when the sentence
# ends right after it, the tokenizer splits its full stop off as the sentence's end; lesson 06 puts it back too.
ABBREVIATION = re.compile(r"(?:[A-Z]\.)*[A-Z]|Jr|Sr|Inc|Co|Corp|Ltd")


def _without_quotes(words, first, last) -> tuple:
    """(first, last, nickname) of a name run without quotation marks: marks at its edges are left out, and a
    nickname in quotation marks inside it ("Tex" Burgess) is left out too, its words ending at the closing
    mark; nickname is True when one was (the name then belongs to a person)."""
    nickname = False
    while first <= last and words[first] in QUOTES:
        first += 1
    while first <= last and words[last] in QUOTES:
        last -= 1
    inner = [k for k in range(first, last + 1) if words[k] in QUOTES]
    if inner:
        return inner[-1] + 1, last, True

    def quoted_before(k):  # the word at k follows a capitalised word in quotation marks: "Tex" Burgess
        return k >= 3 and words[k - 1] in QUOTES and words[k - 3] in QUOTES and words[k - 2][:1].isupper()

    if first <= last and last + 2 < len(words) and quoted_before(last + 2) and words[last + 2][:1].isupper():
        return last + 1, last, False  # the nickname itself, split off by the chunker: not a name of its own
    return first, last, first <= last and quoted_before(first)


def _name_runs(tree, tagged) -> list:
    """(first, last, label) token positions of each name: every NE chunk of the chunker, and every run of
    proper nouns (NNP, NNPS) the tagger marks that no chunk covers ("Mayor Ana Ortiz" when the binary
    model misses it). label is the multiclass model's label, None for the binary model and for tag runs."""
    runs, covered, k = [], set(), 0
    for node in tree:
        if hasattr(node, "label"):
            size = len(node.leaves())
            runs.append((k, k + size - 1, node.label() if node.label() != "NE" else None))
            covered.update(range(k, k + size))
            k += size
        else:
            k += 1
    k = 0
    while k < len(tagged):
        if tagged[k][1] in ("NNP", "NNPS") and k not in covered:
            j = k
            while j + 1 < len(tagged) and tagged[j + 1][1] in ("NNP", "NNPS") and j + 1 not in covered:
                j += 1
            runs.append((k, j, None))
            k = j + 1
        else:
            k += 1
    return sorted(runs)


def _sentence_offsets(text: str) -> list:
    from nltk.tokenize import _get_punkt_tokenizer
    return list(_get_punkt_tokenizer("english").span_tokenize(text))


def found_actors(article, names=None) -> tuple:
    """The names of find_names grouped into actors: a person's forms (Edward Egnuss, Mr. Egnuss, Egnuss)
    are one actor named by the fullest form; an organisation or place is one actor per spelling."""
    names = find_names(article) if names is None else names
    people, others = {}, {}
    for name in names:
        if name.kind == "person":
            surname = voices._surname(name.text)
            entry = people.setdefault(surname, {"forms": [], "gender": None})
            entry["forms"].append(name.text)
            entry["gender"] = entry["gender"] or name.gender
        else:
            others.setdefault(name.text, name.kind)
    actors = []
    for surname, entry in people.items():
        full = max(entry["forms"], key=lambda f: len(f.split()))
        variants = tuple(sorted(set(entry["forms"]) | {surname}, key=len, reverse=True))
        actors.append(Actor(id=f"found-{surname.lower()}", name=full, kind="person", affiliation=full,
                            variants=variants, surname=surname, pronoun=entry["gender"]))
    for text, kind in others.items():
        if text in people:
            continue
        actors.append(Actor(id=f"found-{text.lower()}", name=text, kind="organisation" if kind == "organisation"
                            else "place", affiliation=text, variants=(text,)))
    return tuple(actors)


def actors_for(article) -> tuple:
    """The actors of an article: the curated list (data/actors.json) for a bundled article or one whose body
    names two of its people in full, else the names NLTK's chunker finds (found_actors). Empty when the
    article names nobody."""
    curated = load_actors()
    article_id = getattr(article, "id", None)
    if article_id and (config.ARTICLES / f"{article_id}.txt").exists():
        return curated  # a bundled article: the list was written for it
    body = {p.index for p in article.body}
    people = {m.actor for m in find_mentions(article, curated)
              if m.paragraph in body and len(m.text.split()) >= 2
              and any(a.name == m.actor and a.kind == "person" for a in curated)}
    return curated if len(people) >= 2 else found_actors(article)
