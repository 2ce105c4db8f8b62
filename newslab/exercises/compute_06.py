"""Named computations for lesson 06 (actors and names): the chunker on people, names by voice, co-occurrence."""

from __future__ import annotations

from collections import Counter

from .compute import computation

STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _cast(article) -> tuple:
    """The article's actors as lesson 06 takes them: the course's list for its articles, else the names NLTK finds."""
    from .. import actors
    return actors.actors_for(article)


def _body_mentions(article):
    """The actors' mentions in the body (newslab.actors, the packaged form of the lesson's steps)."""
    from .. import actors
    return [m for m in actors.find_mentions(article, _cast(article)) if article.paragraphs[m.paragraph].kind == "body"]


def _actor_kinds(article) -> dict:
    return {a.name: a for a in _cast(article)}


def _tokens(sentence: str) -> list:
    """word_tokenize with an abbreviation's full stop put back at a sentence end, as lesson 06 does."""
    import re
    import nltk
    tokens = nltk.word_tokenize(sentence)
    if len(tokens) >= 2 and tokens[-1] == "." and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]|Jr|Sr|Inc|Co|Corp|Ltd", tokens[-2]):
        tokens[-2:] = [tokens[-2] + "."]
    return tokens


def _chunked(article):
    """(tagged sentences, chunk trees) of the body, as lesson 06 makes them: one chunker call for all."""
    import nltk
    tagged = [nltk.pos_tag(_tokens(s)) for p in article.body
              for s in nltk.sent_tokenize(p.text.translate(STRAIGHT))]
    return tagged, list(nltk.ne_chunk_sents(tagged, binary=True))


def _chunk_spans(tree):
    import nltk
    spans, position = [], 0
    for child in tree:
        if isinstance(child, nltk.Tree):
            spans.append((position, position + len(child)))
            position += len(child)
        else:
            position += 1
    return spans


_PEOPLE_CACHE: dict = {}


def chunker_on_people(article) -> list:
    """chunker_on_people, computed once per article text (several computations below share it)."""
    key = (article.id, article.text, tuple(p.kind for p in article.paragraphs))
    if key not in _PEOPLE_CACHE:
        _PEOPLE_CACHE.clear()
        _PEOPLE_CACHE[key] = _chunker_on_people(article)
    return _PEOPLE_CACHE[key]


def _chunker_on_people(article) -> list:
    """For every mention of a listed person in the body: {"mention", "outcome", "name_words_left_out"}, with
    outcome "whole" (the name in one chunk), "broken" (in pieces, or partly outside every chunk) or "missed"."""
    from .. import actors
    table = actors.variant_table(_cast(article), article.id)
    by_length = sorted(table, key=lambda v: len(v.split()), reverse=True)
    tagged_sentences, trees = _chunked(article)
    rows = []
    for tagged, tree in zip(tagged_sentences, trees):
        words = [w for w, _ in tagged]
        taken, found = set(), []
        for variant in by_length:
            parts = variant.split()
            for start in range(len(words) - len(parts) + 1):
                span = set(range(start, start + len(parts)))
                if words[start:start + len(parts)] == parts and not span & taken:
                    taken |= span
                    found.append((start, start + len(parts), table[variant]))
        spans = _chunk_spans(tree)
        chunk_of = {k: n for n, (a, b) in enumerate(spans) for k in range(a, b)}
        for start, end, actor in sorted(found, key=lambda f: f[0]):
            if actor.kind != "person":
                continue
            name_words = set(actor.name.split()) | {actor.surname}  # "Assad" as well as "Bashar al-Assad"
            positions = [k for k in range(start, end) if words[k] in name_words]
            chunks = {chunk_of[k] for k in positions if k in chunk_of}
            left_out = [words[k] for k in positions if k not in chunk_of]
            outcome = "missed" if not chunks else "whole" if len(chunks) == 1 and not left_out else "broken"
            rows.append({"mention": " ".join(words[start:end]), "outcome": outcome, "name_words_left_out": left_out})
    return rows


@computation("person_mention_count", "mentions of listed people in the body (actor list, longest variant first)")
def person_mention_count(article):
    return len(chunker_on_people(article))


@computation("person_mentions_not_whole", "mentions of people the binary chunker broke into pieces or missed")
def person_mentions_not_whole(article):
    return sum(1 for row in chunker_on_people(article) if row["outcome"] != "whole")


@computation("person_mentions_broken", "mentions of people the binary chunker broke into pieces")
def person_mentions_broken(article):
    return sum(1 for row in chunker_on_people(article) if row["outcome"] == "broken")


@computation("person_mentions_missed", "mentions of people the binary chunker missed altogether")
def person_mentions_missed(article):
    return sum(1 for row in chunker_on_people(article) if row["outcome"] == "missed")


def _first_person(article):
    kinds = _actor_kinds(article)
    people = [m for m in _body_mentions(article) if kinds[m.actor].kind == "person"]
    if not people:
        return None, []
    first = people[0]
    return first, [m.text for m in people if m.actor == first.actor]


@computation("first_person", "the person the body mentions first (the actor's usual name)")
def first_person(article):
    first, _ = _first_person(article)
    return first.actor if first else None


@computation("first_person_first_name", "how the body names that person the first time")
def first_person_first_name(article):
    first, _ = _first_person(article)
    return first.text if first else None


@computation("first_person_later_name", "the most common of that person's later names")
def first_person_later_name(article):
    _, names = _first_person(article)
    later = Counter(names[1:]).most_common(1)
    return later[0][0] if later else None


def _pairs(article) -> list:
    from .. import actors
    return list(actors.cooccurrence(_body_mentions(article)).items())


def _paragraphs_of(article, actor) -> set:
    return {m.paragraph for m in _body_mentions(article) if m.actor == actor}


@computation("top_pair_first", "the first actor of the pair sharing most body paragraphs (ties: alphabetical)")
def top_pair_first(article):
    pairs = _pairs(article)
    return pairs[0][0][0] if pairs else None


@computation("top_pair_second", "the second actor of that pair")
def top_pair_second(article):
    pairs = _pairs(article)
    return pairs[0][0][1] if pairs else None


@computation("top_pair_paragraphs", "the body paragraphs both actors of that pair are mentioned in")
def top_pair_paragraphs(article):
    pairs = _pairs(article)
    return pairs[0][1] if pairs else 0


@computation("top_pair_either_paragraphs", "the body paragraphs that mention either actor of that pair (a union)")
def top_pair_either_paragraphs(article):
    pairs = _pairs(article)
    if not pairs:
        return 0
    (a, b), _ = pairs[0]
    return len(_paragraphs_of(article, a) | _paragraphs_of(article, b))


@computation("top_pair_mentions", "the mentions of both actors of that pair, counted in every body paragraph")
def top_pair_mentions(article):
    pairs = _pairs(article)
    if not pairs:
        return 0
    (a, b), _ = pairs[0]
    return sum(1 for m in _body_mentions(article) if m.actor in (a, b))
