"""newslab: the helpers that the lesson notebooks import for loading, widgets, checks and plots."""

from . import catalogue
from .article import Article, ArticleError, Paragraph, load_article

__all__ = ["Article", "ArticleError", "Paragraph", "load_article"]
__version__ = "0.1.0"
