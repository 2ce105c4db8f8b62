"""Real news nobody here wrote: the Brown corpus's news files rebuilt as plain-text articles (the development set).

Each Brown file is a 2,000-word sample of a 1961 newspaper that may hold several stories. The text is
rebuilt from the corpus's tokens with NLTK's Treebank detokenizer, one blank line between paragraphs;
the corpus marks quotations with `` and '' and the detokenizer turns them into straight quotation
marks ("), the way a plain-text file of news usually has them. Nothing here is stored in the project:
the text is rebuilt from the NLTK data every time (and `data/reference/brown-news/` keeps only labels).
"""

from __future__ import annotations

import re
from functools import lru_cache

DEVELOPMENT_CATEGORY = "news"


def news_fileids() -> list:
    """The file ids of Brown's news category (ca01 … ca44)."""
    from nltk.corpus import brown
    return list(brown.fileids(categories=DEVELOPMENT_CATEGORY))


@lru_cache(maxsize=64)
def brown_text(fileid: str) -> str:
    """One Brown file as plain text: paragraphs separated by a blank line, quotation marks as "."""
    from nltk.corpus import brown
    from nltk.tokenize.treebank import TreebankWordDetokenizer
    detokenizer = TreebankWordDetokenizer()
    paragraphs = []
    for paragraph in brown.paras(fileid):
        sentences = [detokenizer.detokenize(sentence) for sentence in paragraph]
        paragraphs.append(_tidy(" ".join(sentences)))
    return "\n\n".join(paragraphs) + "\n"


def brown_article(fileid: str):
    """One Brown file as an Article (every block a body paragraph: the corpus has no captions)."""
    from .article import article_from_text
    article = article_from_text(brown_text(fileid), name=f"brown-{fileid}")
    not_body = {p.index: "body" for p in article.paragraphs if p.kind != "body"}
    return article.with_kinds(not_body) if not_body else article


def _tidy(text: str) -> str:
    # The corpus doubles a full stop after an abbreviation that ends a sentence ("Jr. .").
    return re.sub(r"(\b[A-Z][a-z]{0,3}\.) \.", r"\1", text)
