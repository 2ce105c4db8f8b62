"""newslab: the helpers that the lesson notebooks import for loading, widgets, checks and plots."""

from . import catalogue  # noqa: F401  (lesson 00 shows newslab.catalogue.lesson_map_markdown)
from .article import Article, ArticleError, Paragraph, load_article

from .display import wrap_between_words

wrap_between_words()  # in a notebook: printed lines wrap between words, not inside them

__all__ = ["Article", "ArticleError", "Paragraph", "load_article"]
__version__ = "0.1.0"
