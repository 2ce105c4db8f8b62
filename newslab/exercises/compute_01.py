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


# Common wrong guesses for "how many lines?", computed so that their feedback fits any article.

@computation("l01_lines_with_a_blank_after_every_block", "two lines per block: a blank line after the last block too")
def lines_with_a_blank_after_every_block(article):
    return 2 * len(article.paragraphs)


@computation("l01_body_lines_only", "the lines the body paragraphs and the blank lines between them would take")
def body_lines_only(article):
    return max(2 * len(article.body) - 1, 0)
