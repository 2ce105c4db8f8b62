"""Named computations for lesson 03's practice set (counting words), done as the lesson does them."""

from __future__ import annotations

from .compute import computation


def _tokens(article):
    import nltk
    return nltk.word_tokenize(article.body_text)


def _words(article):
    """Tokens with at least one letter, as lesson 03 defines a word."""
    return [t for t in _tokens(article) if any(ch.isalpha() for ch in t)]


def _folded(article):
    return [w.lower() for w in _words(article)]


def _stop():
    from nltk.corpus import stopwords
    return set(stopwords.words("english"))


@computation("top_token_count", "how often the most common token of FreqDist(word_tokenize(body)) occurs")
def top_token_count(article):
    from nltk import FreqDist
    return FreqDist(_tokens(article)).most_common(1)[0][1]


@computation("top_folded_count", "how often the most common lower-cased word occurs, stopwords kept")
def top_folded_count(article):
    from nltk import FreqDist
    return FreqDist(_folded(article)).most_common(1)[0][1]


@computation("top_content_count", "how often the most common content word occurs (folded, NLTK stopwords out)")
def top_content_count(article):
    from nltk import FreqDist
    stop = _stop()
    return FreqDist(w for w in _folded(article) if w not in stop).most_common(1)[0][1]


@computation("stopword_percent", "the share of the body's words that are on NLTK's English stopword list, in %")
def stopword_percent(article):
    stop = _stop()
    folded = _folded(article)
    return round(100 * sum(1 for w in folded if w in stop) / len(folded))


@computation("ttr_folded_words", "types / tokens of the lower-cased words of the body, 3 decimals")
def ttr_folded_words(article):
    folded = _folded(article)
    return round(len(set(folded)) / len(folded), 3)


@computation("ttr_unfolded_words", "types / tokens of the words of the body without lower-casing, 3 decimals")
def ttr_unfolded_words(article):
    words = _words(article)
    return round(len(set(words)) / len(words), 3)


@computation("ttr_all_tokens", "types / tokens of all tokens of the body, punctuation included, 3 decimals")
def ttr_all_tokens(article):
    tokens = _tokens(article)
    return round(len(set(tokens)) / len(tokens), 3)


@computation("ttr_inverted", "tokens / types of the lower-cased words (the ratio upside down), 3 decimals")
def ttr_inverted(article):
    folded = _folded(article)
    return round(len(folded) / len(set(folded)), 3)


@computation("ttr_first_100_and_whole", "the type/token ratio of the first 100 folded words and of all of them")
def ttr_first_100_and_whole(article):
    folded = _folded(article)
    first = folded[:100]
    return (f"first {len(first)} words: {len(set(first)) / len(first):.3f}; "
            f"all {len(folded)} words: {len(set(folded)) / len(folded):.3f}")
