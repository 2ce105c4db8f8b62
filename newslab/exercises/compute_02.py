"""Named computations for lesson 02 (tokens and sentences): one test sentence, token, type and sentence counts."""

from __future__ import annotations

import re

from .compute import computation


def _nltk():
    import nltk
    return nltk


def _body_sentences(article) -> list:
    nltk = _nltk()
    return [s for p in article.body for s in nltk.sent_tokenize(p.text)]


def _body_tokens(article) -> list:
    nltk = _nltk()
    return [t for p in article.body for t in nltk.word_tokenize(p.text)]


@computation("l02_apostrophe_sentence", "the first body sentence with a curly apostrophe (else the first body sentence)")
def apostrophe_sentence(article):
    sentences = _body_sentences(article)
    return next((s for s in sentences if "\u2019" in s), sentences[0])


@computation("l02_apostrophe_sentence_split_count", "the tokens str.split() makes of that sentence")
def apostrophe_sentence_split_count(article):
    return len(apostrophe_sentence(article).split())


@computation("l02_apostrophe_sentence_regex_count", "the tokens re.findall(r'\\w+|[^\\w\\s]') makes of that sentence")
def apostrophe_sentence_regex_count(article):
    return len(re.findall(r"\w+|[^\w\s]", apostrophe_sentence(article)))


@computation("l02_apostrophe_sentence_word_tokenize_count", "the tokens nltk.word_tokenize makes of that sentence")
def apostrophe_sentence_word_tokenize_count(article):
    return len(_nltk().word_tokenize(apostrophe_sentence(article)))


@computation("l02_body_sentence_count", "sentences in the body, sent_tokenize run one body paragraph at a time")
def body_sentence_count(article):
    return len(_body_sentences(article))


@computation("l02_whole_file_sentence_count", "sentences when sent_tokenize is run on the whole file at once")
def whole_file_sentence_count(article):
    return len(_nltk().sent_tokenize(article.text))


@computation("l02_all_blocks_sentence_count", "sentences in every block (captions and related links too), block by block")
def all_blocks_sentence_count(article):
    nltk = _nltk()
    return sum(len(nltk.sent_tokenize(p.text)) for p in article.paragraphs)


@computation("l02_body_token_count", "tokens in the body: word_tokenize, one body paragraph at a time")
def body_token_count(article):
    return len(_body_tokens(article))


@computation("l02_body_type_count", "types (distinct tokens, case kept, punctuation included) in the body")
def body_type_count(article):
    return len(set(_body_tokens(article)))


@computation("l02_body_word_type_count", "types among the body's tokens that contain a letter, case kept")
def body_word_type_count(article):
    return len({t for t in _body_tokens(article) if any(c.isalpha() for c in t)})


@computation("l02_body_folded_type_count", "types among the body's tokens that contain a letter, lower-cased")
def body_folded_type_count(article):
    return len({t.lower() for t in _body_tokens(article) if any(c.isalpha() for c in t)})


@computation("l02_apostrophe_sentence_space_count", "the spaces between the pieces str.split() makes of that sentence")
def apostrophe_sentence_space_count(article):
    return max(apostrophe_sentence_split_count(article) - 1, 0)
