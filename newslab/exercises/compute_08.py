"""Named computations for lesson 08 (tone): VADER's scores of the article, its headline and its voices."""

from __future__ import annotations

from statistics import mean

from .compute import computation


def _score(text):
    from .. import tone
    return tone.score(text)


def _label(compound):
    from ..tone_widgets import label
    return label(compound)


@computation("headline_compound", "VADER's compound score of the headline (from the metadata), two decimals")
def headline_compound(article):
    return round(_score(article.headline)["compound"], 2) if article.headline else None


@computation("headline_label", "VADER's label for the headline: positive, neutral or negative (cut-offs ±0.05)")
def headline_label(article):
    return _label(_score(article.headline)["compound"]) if article.headline else "no headline in the metadata"


@computation("headline_lexicon_words", "the headline's words that are in VADER's lexicon, with their valence")
def headline_lexicon_words(article):
    from ..tone_widgets import lexicon_words
    words = lexicon_words(article.headline) if article.headline else []
    return ", ".join(f"“{w}” ({v:+.1f})" for w, v in words) or "none"


@computation("whole_body_compound", "VADER's compound score of the whole body text scored at once, two decimals")
def whole_body_compound(article):
    return round(_score(article.body_text)["compound"], 2)


@computation("whole_body_pos", "the 'pos' share VADER gives the whole body text, two decimals")
def whole_body_pos(article):
    return round(_score(article.body_text)["pos"], 2)


@computation("mean_sentence_compound", "the mean of the compound scores of the body's sentences, two decimals")
def mean_sentence_compound(article):
    from .. import tone
    return round(mean(s.compound for s in tone.sentence_scores(article, kinds=("body",))), 2)


def _speaker_means(article):
    from .. import tone
    return {who: v for who, v in tone.voice_scores(article).items() if who not in ("reporter", "quoted, no speaker")}


@computation("most_positive_speaker", "the quoted speaker whose words have the highest mean compound score")
def most_positive_speaker(article):
    means = _speaker_means(article)
    return max(means, key=lambda who: means[who]["compound"]) if means else "nobody is quoted"


@computation("speaker_tone_summary", "each quoted speaker's mean compound score and how many pieces of text it rests on")
def speaker_tone_summary(article):
    means = _speaker_means(article)
    return "; ".join(f"{who}: {v['compound']:+.2f} over {v['units']} piece(s) of text" for who, v in means.items()) \
        or "nobody is quoted"


def _quoted_sentences(article):
    """(as written, marks removed) compound of each body sentence that holds a quotation mark."""
    from nltk import sent_tokenize
    from .. import tone
    rows = []
    for paragraph in article.body:
        for sentence in sent_tokenize(paragraph.text):
            if tone.without_quote_marks(sentence) != sentence:
                rows.append((tone.analyzer().polarity_scores(sentence)["compound"], tone.score(sentence)["compound"]))
    return rows


@computation("sentences_with_quote_marks", "how many body sentences hold a quotation mark")
def sentences_with_quote_marks(article):
    return len(_quoted_sentences(article))


@computation("sentences_changed_by_quote_marks",
             "how many body sentences VADER scores differently once their quotation marks are removed")
def sentences_changed_by_quote_marks(article):
    return sum(1 for as_written, removed in _quoted_sentences(article) if as_written != removed)
