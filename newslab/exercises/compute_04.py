"""Named computations for lesson 04's practice set (words in context), done as the lesson does them."""

from __future__ import annotations

from .compute import computation


def _folded_words(article):
    import nltk
    return [t.lower() for t in nltk.word_tokenize(article.body_text) if any(ch.isalpha() for ch in t)]


def _finder(article):
    from nltk.collocations import BigramCollocationFinder
    return BigramCollocationFinder.from_words(_folded_words(article))


@computation("bigram_types", "the different bigrams of the folded words of the body")
def bigram_types(article):
    return len(_finder(article).ngram_fd)


@computation("bigrams_seen_twice", "the different bigrams left after apply_freq_filter(2)")
def bigrams_seen_twice(article):
    finder = _finder(article)
    finder.apply_freq_filter(2)
    return len(finder.ngram_fd)


@computation("bigrams_seen_twice_no_stop", "the bigrams left after apply_freq_filter(2) and a stopword filter")
def bigrams_seen_twice_no_stop(article):
    from nltk.corpus import stopwords
    stop = set(stopwords.words("english"))
    finder = _finder(article)
    finder.apply_freq_filter(2)
    finder.apply_word_filter(lambda w: w in stop)
    return len(finder.ngram_fd)


@computation("naive_key_top5", "the five most 'key' tokens against Brown news, compared without normalising")
def naive_key_top5(article):
    import nltk
    from nltk import FreqDist
    from nltk.corpus import brown
    from nltk.metrics import BigramAssocMeasures, ContingencyMeasures
    contingency = ContingencyMeasures(BigramAssocMeasures())
    reference = FreqDist(w.lower() for w in brown.words(categories="news"))
    counts = FreqDist(t.lower() for t in nltk.word_tokenize(article.body_text))
    c, d = counts.N(), reference.N()
    rows = [(contingency.likelihood_ratio(a, c - a, reference[w], d - reference[w]), w)
            for w, a in counts.items() if a >= 3 and a / c > reference[w] / d]
    return " ".join(w for _, w in sorted(rows, reverse=True)[:5])
