"""Named computations for lesson 01 (the article as data): word counts of the file, the body and the furniture."""

from __future__ import annotations

from .compute import computation


def _split_count(paragraphs) -> int:
    return sum(len(p.text.split()) for p in paragraphs)


@computation("l01_whole_file_split_count", "the pieces str.split() makes of the whole file, page furniture included")
def whole_file_split_count(article):
    return len(article.text.split())


@computation("l01_furniture_split_count", "the pieces str.split() makes of every block that is not body")
def furniture_split_count(article):
    return _split_count(p for p in article.paragraphs if p.kind != "body")


@computation("l01_caption_split_count", "the pieces str.split() makes of the captions only")
def caption_split_count(article):
    return _split_count(article.of_kind("caption"))


@computation("l01_related_split_count", "the pieces str.split() makes of the 'Read more' label and related headlines")
def related_split_count(article):
    return _split_count(article.of_kind("related"))


@computation("l01_blank_line_piece_count", "the pieces text.split('\\n\\n') makes of the file (cut at blank lines)")
def blank_line_piece_count(article):
    return len(article.text.split("\n\n"))


@computation("l01_line_count", "the lines text.splitlines() makes of the file, blank lines included")
def line_count(article):
    return len(article.text.splitlines())
