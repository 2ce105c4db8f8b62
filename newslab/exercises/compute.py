"""Named computations: answers that exercises compute from the article instead of typing them in.

A set file names a computation ("answer_from": "body_paragraph_count") and the kit calls the
function registered under that name with the loaded Article. The same names fill placeholders
such as {{body_split_count}} in questions and feedback.

To add one, write a small function of the article here and decorate it:

    @computation("caption_count", "the number of photo and video captions")
    def caption_count(article):
        return len(article.of_kind("caption"))

Keep each one short and plain: an instructor reads them to see where an answer comes from.
A lesson's computations may live in their own module beside this one, compute_<lesson>.py
(e.g. compute_07.py); the kit imports every compute_*.py here when it starts.
"""

from __future__ import annotations

import re

COMPUTATIONS: dict = {}
DESCRIPTIONS: dict = {}


def computation(name: str, description: str):
    """Register a function of the article under a name that set files can use."""
    def register(function):
        if name in COMPUTATIONS:
            raise ValueError(f"A computation named {name!r} is registered twice.")
        COMPUTATIONS[name] = function
        DESCRIPTIONS[name] = description
        return function
    return register


def compute(name: str, article):
    """The value of a named computation for an article (cached on the article object)."""
    if name not in COMPUTATIONS:
        known = ", ".join(sorted(COMPUTATIONS))
        raise KeyError(f"No computation named {name!r}; the kit knows: {known}.")
    cache = _cache_for(article)
    if name not in cache:
        cache[name] = COMPUTATIONS[name](article)
    return cache[name]


_CACHES: dict = {}


def _cache_for(article) -> dict:
    # Articles are frozen dataclasses; key the cache on identity and keep at most a few.
    key = id(article)
    entry = _CACHES.get(key)
    if entry is None or entry[0] is not article:
        if len(_CACHES) > 8:
            _CACHES.clear()
        entry = _CACHES[key] = (article, {})
    return entry[1]


_PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


def placeholders(text: str) -> list:
    """The computation names used as {{name}} in a text."""
    return _PLACEHOLDER.findall(text or "")


def fill(text: str, article) -> str:
    """A text with each {{name}} replaced by that computation's value for the article."""
    if not text or "{{" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: _show(compute(m.group(1), article)), text)


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# ---------------------------------------------------------------- the computations

@computation("block_count", "every block of the file between blank lines: body, captions and related links")
def block_count(article):
    return len(article.paragraphs)


@computation("body_paragraph_count", "the paragraphs of the kind 'body'")
def body_paragraph_count(article):
    return len(article.body)


@computation("caption_count", "the photo and video captions")
def caption_count(article):
    return len(article.of_kind("caption"))


@computation("related_count", "the blocks of the kind 'related' (a 'Read more' line and related headlines)")
def related_count(article):
    return len(article.of_kind("related"))


@computation("body_and_caption_count", "body paragraphs plus captions (a count that forgot to leave captions out)")
def body_and_caption_count(article):
    return len(article.body) + len(article.of_kind("caption"))


@computation("body_split_count", "the pieces str.split() makes of the body text")
def body_split_count(article):
    return len(article.body_text.split())


@computation("body_word_tokenize_count", "the tokens nltk.word_tokenize(body_text) makes (the count lessons 02-03 use)")
def body_word_tokenize_count(article):
    import nltk
    return len(nltk.word_tokenize(article.body_text))


@computation("first_body_paragraph", "the text of the first body paragraph")
def first_body_paragraph(article):
    return article.body[0].text


@computation("article_id", "the id of the loaded article")
def article_id(article):
    return article.id


def _load_lesson_modules() -> None:
    """Import every compute_*.py beside this module, so their computations are registered."""
    import importlib
    import pkgutil
    from pathlib import Path
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if info.name.startswith("compute_"):
            importlib.import_module(f"{__package__}.{info.name}")


_load_lesson_modules()
