"""Named computations for lesson 07 (voices and quotes): answers computed from the article's quotes."""

from __future__ import annotations

from .compute import computation


def _quotes(article):
    from .. import voices
    return voices.extract_quotes(article)


def _summary(article):
    from .. import voices
    return voices.speaker_summary(_quotes(article), article)


def _run_on(article):
    """The first quote that runs across a paragraph break: its paragraphs (block numbers), or ()."""
    from .. import voices
    for span in voices.quoted_spans(article):
        paragraphs = tuple(dict.fromkeys(i for i, _, _ in span.pieces))
        if len(paragraphs) > 1 and article.paragraphs[paragraphs[0]].kind == "body":
            return paragraphs
    return ()


def _most_quoted(article):
    summary = _summary(article)
    return max(summary, key=lambda s: summary[s]["quoted_words"]) if summary else None


@computation("run_on_paragraph", "the block number of the first paragraph that ends inside a quote running on into the next")
def run_on_paragraph(article):
    found = _run_on(article)
    return found[0] if found else None


@computation("run_on_next_paragraph", "the block number of the paragraph where that running quote goes on")
def run_on_next_paragraph(article):
    found = _run_on(article)
    return found[1] if found else None


@computation("most_quoted_speaker", "the speaker with the most words inside quotation marks")
def most_quoted_speaker(article):
    return _most_quoted(article)


@computation("most_quoted_share_percent", "the most quoted speaker's share of all quoted words, in whole per cent")
def most_quoted_share_percent(article):
    speaker = _most_quoted(article)
    return round(100 * _summary(article)[speaker]["share_of_quoted_words"]) if speaker else 0


@computation("most_quoted_first_direct_position",
             "the body paragraph (counting from 1) of the most quoted speaker's first direct quote")
def most_quoted_first_direct_position(article):
    speaker = _most_quoted(article)
    position = {p.index: n for n, p in enumerate(article.body, start=1)}
    return next((position[q.paragraph] for q in _quotes(article) if q.speaker == speaker and q.kind == "direct"), None)


@computation("most_quoted_first_quote_position",
             "the body paragraph (counting from 1) of the most quoted speaker's first quote of any kind")
def most_quoted_first_quote_position(article):
    speaker = _most_quoted(article)
    return _summary(article)[speaker]["first_body_position"] if speaker else None
