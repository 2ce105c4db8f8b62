"""VADER through newslab.tone: one analyser, sentence scores, and paragraph and voice means of them."""

from statistics import mean

import pytest
from nltk import sent_tokenize

from newslab import config, load_article, tone, voices

WAPO, INVENTED = config.DEFAULT_ARTICLE, config.INVENTED_ARTICLE


@pytest.fixture(scope="module")
def wapo():
    return load_article(WAPO)


def test_the_analyser_is_created_once(monkeypatch, wapo):
    created = []

    class Counting(tone.SentimentIntensityAnalyzer):
        def __init__(self, *args, **kwargs):
            created.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(tone, "SentimentIntensityAnalyzer", Counting)
    tone.analyzer.cache_clear()
    try:
        tone.paragraph_scores(wapo)
        tone.paragraph_scores(load_article(INVENTED))
        tone.voice_scores(wapo)
        assert len(created) == 1
    finally:
        tone.analyzer.cache_clear()


def test_sentences_come_from_sent_tokenize_per_paragraph(wapo):
    scores = tone.sentence_scores(wapo)
    for paragraph in wapo.paragraphs:
        mine = [s.text for s in scores if s.paragraph == paragraph.index]
        assert mine == sent_tokenize(paragraph.text)
    for s in scores:
        assert wapo.paragraphs[s.paragraph].text[s.start:s.end] == s.text
        assert -1 <= s.compound <= 1
        # a "sentence" with no word (punkt cuts the ellipsis ". . ." into pieces) scores 0 everywhere
        assert s.pos + s.neu + s.neg == pytest.approx(1 if any(c.isalnum() for c in s.text) else 0, abs=0.01)


def test_paragraph_score_is_the_mean_of_its_sentences(wapo):
    scores = tone.sentence_scores(wapo)
    rows = tone.paragraph_scores(wapo, scores)
    assert [r["paragraph"] for r in rows] == [p.index for p in wapo.paragraphs]
    for row in rows:
        compounds = [s.compound for s in scores if s.paragraph == row["paragraph"]]
        assert row["compound"] == pytest.approx(mean(compounds), abs=1e-4)
        assert row["sentences"] == len(compounds)
        assert row["kind"] == wapo.paragraphs[row["paragraph"]].kind


def test_only_some_kinds(wapo):
    rows = tone.paragraph_scores(wapo, kinds=("body",))
    assert {r["kind"] for r in rows} == {"body"} and len(rows) == len(wapo.body)


def test_whole_paragraphs_saturate_but_means_do_not(wapo):
    longest = max(wapo.body, key=lambda p: len(sent_tokenize(p.text)))
    whole = abs(tone.score(longest.text)["compound"])
    per_sentence = abs(next(r for r in tone.paragraph_scores(wapo) if r["paragraph"] == longest.index)["compound"])
    assert whole >= per_sentence


def test_the_headline_scores_positive_because_of_flexible(wapo):
    headline = wapo.headline
    assert tone.score(headline)["compound"] > 0
    assert tone.score(headline.replace("flexible", "undecided"))["compound"] <= 0


def test_known_limits_of_the_lexicon():
    assert tone.score("He has gassed his own people.")["compound"] == 0.0


def test_voice_scores_are_means_of_units(wapo):
    quotes = voices.extract_quotes(wapo)
    units = tone.voice_units(wapo, quotes)
    assert {u["voice"] for u in units} == {"quoted", "reporter"}
    assert {u["speaker"] for u in units if u["voice"] == "quoted"} == {"Kerry", "Hammond"}
    by_speaker = tone.voice_scores(wapo, quotes)
    assert set(by_speaker) == {"reporter", "Kerry", "Hammond"}
    for speaker, row in by_speaker.items():
        values = [u["compound"] for u in units if u["speaker"] == speaker]
        assert row["units"] == len(values) and row["compound"] == pytest.approx(mean(values), abs=1e-4)
    by_voice = tone.voice_scores(wapo, quotes, by="voice")
    assert set(by_voice) == {"reporter", "quoted"}
    assert by_voice["quoted"]["units"] == by_speaker["Kerry"]["units"] + by_speaker["Hammond"]["units"]


def test_partial_quotes_are_cut_out_of_the_reporters_sentence(wapo):
    units = [u for u in tone.voice_units(wapo) if u["paragraph"] == 5]
    quoted = next(u for u in units if u["voice"] == "quoted")
    reporter = next(u for u in units if u["voice"] == "reporter")
    assert quoted["text"] == "Assad has to go modality"
    assert "Assad has to go" not in reporter["text"] and reporter["text"].startswith("Kerry declared that")


# ---------------------------------------------------------------- quotation marks

@pytest.mark.parametrize("quoted", ["“Great,” he said.", '"Great," he said.', "'Great,' he said.", "‘Great,’ he said.",
                                    "``Great,'' he said.", "«Great,» he said."])
def test_quoted_words_score_as_unquoted(quoted):
    # NLTK's VADER alone gives every one of these 0.0 (it takes at most one punctuation mark off a word)
    assert tone.analyzer().polarity_scores(quoted)["compound"] == 0.0
    assert tone.without_quote_marks(quoted) == "Great, he said."
    assert tone.score(quoted) == tone.analyzer().polarity_scores("Great, he said.")
    assert tone.score(quoted)["compound"] == pytest.approx(0.6249, abs=1e-4)


def test_apostrophes_inside_words_stay():
    text = "Syria’s talks don't end; the players' union met in the ’90s."
    assert tone.without_quote_marks(text) == "Syria’s talks don't end; the players union met in the 90s."
    assert tone.without_quote_marks("We’re open.") == "We’re open."


def test_quoted_words_count_on_the_invented_article():
    article = load_article(INVENTED)
    scored = {s.text: s.compound for s in tone.sentence_scores(article)}
    accident = next(text for text in scored if "wait for an accident" in text)
    assert tone.analyzer().polarity_scores(accident)["compound"] == 0.0
    assert scored[accident] == pytest.approx(-0.4767, abs=1e-4)  # accident -2.1: -2.1 / sqrt(2.1² + 15)


def test_the_post_scores_do_not_move(wapo):
    # the Post's quotation marks touch only words VADER does not know, so its figures stay as they were
    for s in tone.sentence_scores(wapo):
        assert s.compound == tone.analyzer().polarity_scores(s.text)["compound"]
    rows = tone.paragraph_scores(wapo, kinds=("body",))
    assert round(mean(r["compound"] for r in rows), 4) == 0.0505
