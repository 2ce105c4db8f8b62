"""Computations for lesson 00's quick checks."""

from .compute import computation


@computation("last_block_number", "the number of the last block when blocks are counted from 0")
def last_block_number(article):
    return len(article.paragraphs) - 1
