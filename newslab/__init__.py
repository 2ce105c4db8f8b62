"""newslab: the helpers that the lesson notebooks import for loading, widgets, checks and plots."""

from . import catalogue  # noqa: F401  (lesson 00 shows newslab.catalogue.lesson_map_markdown)
from .article import Article, ArticleError, Paragraph, load_article

__all__ = ["Article", "ArticleError", "Paragraph", "load_article"]
__version__ = "0.1.0"
