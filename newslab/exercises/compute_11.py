"""Named computations for lesson 11 (capstone): the loaded article against the second text the notebook would choose."""

from __future__ import annotations

from .compute import computation

SAME_WITHIN = 0.05  # tone means closer than this count as "about the same"


def _second(article):
    """The second text chosen by NEWSLAB_SECOND_ARTICLE, or the default one (no path, no paste: the kit cannot see them)."""
    from .. import compare
    return compare.choose_second(article).article


def _tone(article):
    from .. import compare
    return compare.tone_mean(article)


@computation("capstone_second_id", "the id of the second text: NEWSLAB_SECOND_ARTICLE's, or the default one")
def capstone_second_id(article):
    return _second(article).id


@computation("capstone_first_tone", "the mean VADER compound of the loaded article's body paragraphs, signed, 2 decimals")
def capstone_first_tone(article):
    return f"{_tone(article):+.2f}"


@computation("capstone_second_tone", "the mean VADER compound of the second text's body paragraphs, signed, 2 decimals")
def capstone_second_tone(article):
    return f"{_tone(_second(article)):+.2f}"


@computation("capstone_tone_direction", "is the second text's mean tone higher, lower or about the same (within 0.05)?")
def capstone_tone_direction(article):
    difference = _tone(_second(article)) - _tone(article)
    if abs(difference) < SAME_WITHIN:
        return "about the same"
    return "higher" if difference > 0 else "lower"


@computation("capstone_quotes_checked", "how many quotes of the loaded article have words in quotation marks (direct or partial)")
def capstone_quotes_checked(article):
    from .. import compare
    return len(compare.quotes_in_marks(article))


@computation("capstone_all_quotes", "how many quotes of any kind (indirect included) lesson 07's finder gives")
def capstone_all_quotes(article):
    from .. import voices
    return sum(1 for q in voices.extract_quotes(article) if q.kind in voices.KINDS)  # terms and titles are no quotes
