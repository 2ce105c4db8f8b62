"""Lesson 08 (tone): the notebook's findings against values worked out by hand from VADER's lexicon
ratings and its formula, every practice exercise answered right, in equivalent forms and wrong, and
the rate-first sheet driven in plain Python.

VADER's compound is s / sqrt(s² + 15), where s is the sum of the lexicon ratings of the words it knows,
adjusted by its rules (words after "but" weigh 1.5, before it 0.5; "very" adds 0.293; a "not" up to
three words before a word multiplies it by -0.74). The expected values below are that arithmetic on
ratings read from the lexicon file, written out by hand.
"""

import json
import math

import pytest

import newslab
from newslab import config
from newslab.exercises import read_set
from newslab.tone_widgets import RatingSheet, label
from tests.notebook_runner import notebook_values

LESSON = "notebooks/08_tone.ipynb"
WAPO = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


def compound(s):
    return s / math.sqrt(s * s + 15)


@pytest.fixture(scope="module")
def post():
    return notebook_values(LESSON, "post")


@pytest.fixture(scope="module")
def invented():
    return notebook_values(LESSON, "invented")


# ---------------------------------------------------------------- the Post article

def test_post_headline_is_positive_because_of_flexible(post):
    # "flexible" +0.9, after "but": 0.9 × 1.5 = 1.35
    assert post["headline_words"] == [["flexible", 0.9]]
    assert post["headline_scores"]["compound"] == pytest.approx(compound(1.35), abs=1e-4)  # 0.3291


def test_post_first_sentence_scores_only_a_name(post):
    assert post["first_sentence_words"] == [["United", 1.8]]  # "the United States"


def test_post_sentences(post):
    counts = {}
    for row in post["sentence_rows"]:
        counts[row["paragraph"]] = counts.get(row["paragraph"], 0) + 1
    # sent_tokenize's sentences per paragraph; paragraph 15's ". . ." gives three pieces of dots and
    # '“Would we …?” he asked.' is cut after the question mark, so 10 pieces there
    assert counts == {1: 1, 2: 1, 3: 4, 4: 5, 5: 1, 6: 5, 7: 2, 8: 2, 9: 2, 10: 1, 11: 3, 13: 3, 14: 1, 15: 10, 16: 1, 17: 2}
    assert len(post["letterless"]) == 3


def test_post_most_positive_and_negative_sentences(post):
    top, bottom = post["most_positive_sentence"], post["most_negative_sentence"]
    # United 1.8 + hopes 1.8 + gain 2.4 + accomplish 1.8 = 7.8
    assert top["paragraph"] == 13 and top["sentence"].startswith("The United States also hopes to gain understanding")
    assert top["compound"] == pytest.approx(compound(7.8), abs=1e-4)
    assert post["top_words"] == [["United", 1.8], ["hopes", 1.8], ["gain", 2.4], ["accomplish", 1.8]]
    # crisis -3.1, violence -3.1, lack -1.3, hope +1.9, violence -3.1 = -8.7
    assert bottom["paragraph"] == 10 and bottom["compound"] == pytest.approx(compound(-8.7), abs=1e-4)


def test_post_phone_call_paragraph_whole_and_averaged(post):
    row = next(r for r in post["paragraph_rows"] if r["paragraph"] == 13)
    # sentences: Defense 0.5 × 2 = 1.0; sure 1.3 + accident -2.1 = -0.8; 7.8 (above)
    sentences = [compound(1.0), compound(-0.8), compound(7.8)]
    assert row["whole paragraph"] == pytest.approx(compound(1.0 - 0.8 + 7.8), abs=1e-4)  # 0.9001
    assert row["mean of sentences"] == pytest.approx(sum(sentences) / 3, abs=1e-4)  # 0.3145
    assert post["most_positive_whole"]["paragraph"] == 13


def test_post_saturation(post):
    assert post["whole_body_compound"] > 0.95  # the whole body at once
    assert abs(post["mean_sentence_compound"]) < 0.1
    # the 10 paragraphs with more than one sentence (3, 4, 6, 7, 8, 9, 11, 13, 15, 17) all score further from 0 whole
    assert len(post["longer"]) == 10 and post["stronger_when_whole"] == 10
    assert post["same_as_package"] is True


def test_post_paragraph_labels(post):
    labels = {r["paragraph"]: label(r["mean of sentences"]) for r in post["paragraph_rows"]}
    # paragraph 4: "very clear" (1.6 + 0.293), then refused -1.2, serious -0.3, refused -1.2, help +1.7 after "But" (× 1.5)
    p4 = (compound(1.893) + compound(-1.0 * 1.5)) / 5
    assert next(r for r in post["paragraph_rows"] if r["paragraph"] == 4)["mean of sentences"] == pytest.approx(p4, abs=1e-4)
    assert [i for i, v in labels.items() if v == "negative"] == [2, 10, 11, 17]
    assert [i for i, v in labels.items() if v == "neutral"] == [4]
    assert post["paragraph_labels"] == {"positive": 11, "negative": 4, "neutral": 1}


def test_post_voices(post):
    # Hammond's two sentences: engagement +2.0; problem -1.7, pressures -1.3, crisis -3.1, well +1.1, defeat -2.0 = -7.0
    assert post["voice_means"]["Hammond"]["pieces"] == 2
    assert post["voice_means"]["Hammond"]["mean"] == pytest.approx((compound(2.0) + compound(-7.0)) / 2, abs=1e-3)
    assert set(post["voice_means"]) == {"reporter", "Kerry", "Hammond"}
    assert post["voice_means"]["Kerry"]["mean"] > post["voice_means"]["Hammond"]["mean"]


def test_post_words_vader_misses_or_misreads(post):
    assert post["unknown_charged"] == ["airstrikes", "bolsters", "caliphate", "doctrinaire", "exodus", "humanitarian",
                                       "migration", "militants", "negotiate", "refugee", "refugees"]
    assert post["known_charged"] == ["conflict", "crisis", "violence", "warring"]
    assert post["diplomatic_words"] == ["flexibility", "engagement", "parties", "united", "defense", "hopefully",
                                        "hopes", "gain", "accomplish"]
    # "United" in the United States (paragraphs 1, 11, 13, 14) and the United Nations (9); "Defense Minister" (13)
    assert post["name_words"] == {"United": 5, "Defense": 1}


def test_post_lexicon_size_and_coverage(post):
    assert post["lexicon_coverage"] < 0.25
    assert "refugees" not in post["known_words"] and "violence" in post["known_words"]


def test_post_validity_against_the_reference_reading(post):
    # VADER (mean of sentences) agrees with the reference on paragraphs 2, 8, 10, 11, 17
    agree = [r["paragraph"] for r in post["validity_rows"] if r["reference"] == r["VADER"]]
    assert agree == [2, 8, 10, 11, 17] and post["vader_agrees"] == 5


def test_not_multiplies_by_minus_0_74(post):
    # success +2.7; after "not" 2.7 × -0.74 = -1.998
    assert post["success_scores"] == {"a success": round(compound(2.7), 4), "not a success": round(compound(2.7 * -0.74), 4)}
    assert post["negation_factor"] == -0.74


def test_post_quote_marks_change_no_score(post):
    # quotation marks in the Post touch only words VADER does not know (“We’re, “Is, place.”), so no score moves
    assert len(post["quote_changes"]) == 18
    assert post["changed_by_marks"] == [] and post["biggest_quote_change"] is None


def test_post_mean_of_paragraphs_sits_on_the_cut_off(post):
    # the mean of the 16 paragraph means is 0.0505 (rounded 0.050): on the +0.05 cut-off, so the lesson gives no label
    assert post["article_score"] == 0.05 and post["on_the_cut_off"] is True
    # paragraph 10 (violence, crisis ...) to paragraph 5 ("Assad has to go" ... flexible)
    assert post["paragraph_spread"] == [pytest.approx(compound(-8.7), abs=1e-4), 0.4767]


# ---------------------------------------------------------------- the invented article

def test_invented_findings(invented):
    assert invented["headline_scores"]["compound"] == 0.0 and invented["headline_words"] == []
    top, bottom = invented["most_positive_sentence"], invented["most_negative_sentence"]
    assert top["sentence"] == "“The bridge is safe for cars today." and top["compound"] == pytest.approx(compound(1.9), abs=1e-4)
    # accident -2.1, once the quotation mark no longer hides “…accident,” (paragraph 5's "worse" ties, and comes later)
    assert bottom["paragraph"] == 3 and bottom["compound"] == pytest.approx(compound(-2.1), abs=1e-4)
    # "It will not be safe …": safe 1.9 × -0.74
    not_safe = next(r for r in invented["sentence_rows"] if r["sentence"].startswith("It will not be safe"))
    assert not_safe["compound"] == pytest.approx(compound(1.9 * -0.74), abs=1e-4)
    assert invented["unknown_charged"] == ["cracks", "detour", "repairs"]
    assert invented["diplomatic_words"] == [] and invented["name_words"] == {}
    assert invented["stronger_when_whole"] == 3 and invented["letterless"] == []
    # the reference reads all 7 paragraphs as negative; VADER: all negative but paragraph 4 (positive)
    assert [r["paragraph"] for r in invented["validity_rows"] if r["reference"] == r["VADER"]] == [1, 2, 3, 5, 6, 7]
    assert invented["vader_agrees"] == 6
    assert set(invented["voice_means"]) == {"reporter", "Ruiz", "Becker"}


def test_invented_quote_marks_hid_negative_words(invented):
    # “…accident,” (-2.1) and “worse than we expected” (worse -2.1) counted 0 with their marks; the third,
    # “But the numbers leave us no choice.”, moves because VADER's "but" rule now sees “But”
    changed = {r["sentence"][:20]: (r["as written"], r["marks removed"]) for r in invented["changed_by_marks"]}
    assert len(changed) == 3
    assert changed["“We’re not going to "] == (0.0, pytest.approx(compound(-2.1), abs=1e-4))
    assert changed["Engineer Tom Becker "] == (0.0, pytest.approx(compound(-2.1), abs=1e-4))
    assert changed["“But the numbers lea"][1] < changed["“But the numbers lea"][0] < 0
    assert invented["biggest_quote_change"]["sentence"].startswith("“We’re not going to wait for an accident")
    assert invented["article_score"] == -0.18 and invented["on_the_cut_off"] is False


# ---------------------------------------------------------------- the practice set

@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


SET = "08_tone"  # the practice set of the wapo_set and invented_set fixtures (tests/conftest.py)


def test_set_has_enough_exercises_of_enough_kinds():
    data = read_set("08_tone")
    assert len(data["exercises"]) >= 6 and len({e["kind"] for e in data["exercises"]}) >= 3
    assert {e["objective"] for e in data["exercises"]} == {"08.1", "08.2", "08.3", "08.4"}
    assert "quote-marks" in {e["id"] for e in data["exercises"]}


def test_coding_reference_is_the_reference_file():
    spec = next(e for e in read_set("08_tone")["exercises"] if e["id"] == "rate-paragraphs")
    with open(config.DATA / "reference" / f"tone-{WAPO}.json", encoding="utf-8") as f:
        reference = json.load(f)["codes"]
    assert spec["reference"]["codes"] == {f"p{k}": {"tone": v["tone"]} for k, v in reference.items()}
    assert spec["reference"]["rationale"] == {f"p{k}": {"tone": v["reason"]} for k, v in reference.items()}
    # one code per body paragraph of the Post: blocks 1-11 and 13-17
    assert sorted(int(k) for k in reference) == [*range(1, 12), *range(13, 18)]


@pytest.mark.parametrize("option,right,phrase", [("share", True, "add up to 1"), ("chance", False, "probabilities"),
                                                 ("scale", False, "compound score is"), ("readers", False, "survey")])
def test_read_scores(wapo_set, option, right, phrase):
    fb = wapo_set["read-scores"].answer(option)
    assert fb.right is right and phrase in fb.text


def tone_label(compound):
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"


def test_tone_label_right(wapo_set):
    assert wapo_set["tone-label"].check(tone_label).key == "right"


@pytest.mark.parametrize("function,key", [
    (lambda c: "positive" if c > 0 else "negative" if c < 0 else "neutral", "case:2:wrong:0"),  # cut-off at 0
    (lambda c: "positive" if c > 0.05 else "negative" if c < -0.05 else "neutral", "case:3:wrong:0"),  # > for >=
    (lambda c: "positive" if c >= 0.05 else "negative" if c < -0.05 else "neutral", "case:4:wrong:0"),  # < for <=
    (lambda c: "neutral", "case:0"),  # the starter
    (lambda c: "positive" if c >= 0.05 else "neutral", "case:1"),  # forgot negative
])
def test_tone_label_typical_mistakes(wapo_set, function, key):
    assert wapo_set["tone-label"].check(function).key == key


@pytest.mark.parametrize("typed,key", [("0", "right"), ("0.0", "right"), ("18", "wrong:0"), ("3", "other")])
def test_quote_marks(wapo_set, typed, key):
    # the Post: 18 body sentences with quotation marks, none scored differently without them
    fb = wapo_set["quote-marks"].answer(typed)
    assert fb.key == key
    if key == "right":
        assert "0 of the 18 sentences" in fb.text


@pytest.mark.parametrize("typed,key", [("3", "right"), ("7", "wrong:0"), ("0", "other")])
def test_quote_marks_invented(invented_set, typed, key):
    # the invented article: 7 sentences with marks; “…accident,”, “worse …” and “But …” change
    assert invented_set["quote-marks"].answer(typed).key == key


def test_quote_marks_answer_is_what_the_lesson_computes(post, invented):
    from newslab import load_article
    from newslab.exercises.compute_08 import sentences_changed_by_quote_marks, sentences_with_quote_marks
    for values, article_id in ((post, WAPO), (invented, INVENTED)):
        article = load_article(article_id)
        assert sentences_with_quote_marks(article) == len(values["quote_changes"])
        assert sentences_changed_by_quote_marks(article) == len(values["changed_by_marks"])


@pytest.mark.parametrize("option", ["same", "higher", "lower"])
def test_saturation(wapo_set, option):
    fb = wapo_set["saturation"].answer(option)
    assert fb.key == f"option:{option}" and "7.6 / √(7.6² + 15) = 0.89" in fb.text


def test_saturation_result_is_what_vader_gives():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer
    scores = SentimentIntensityAnalyzer().polarity_scores("The plan is good. " * 4)
    assert round(scores["compound"], 2) == 0.89 == round(compound(4 * 1.9), 2)


@pytest.mark.parametrize("typed,key", [("0.98", "right"), (".98", "right"), ("0.977", "right"), ("0.07", "wrong:0"),
                                       ("0.13", "wrong:1"), ("0.5", "other")])
def test_whole_body(wapo_set, typed, key):
    # whole body 0.9773; mean of 44 sentences 0.068; pos 0.13
    assert wapo_set["whole-body"].answer(typed).key == key


def test_whole_body_invented(invented_set):
    # quotation marks removed: whole body -0.768; mean of 11 sentences -0.14
    ex = invented_set["whole-body"]
    assert ex.answer("-0.77").key == "right"
    assert ex.answer("-0.14").key == "wrong:0"
    # scored with the marks in, the body gave +0.36: not accepted, and the feedback says to remove the marks
    fb = ex.answer("0.36")
    assert fb.key == "other" and "tone.without_quote_marks" in fb.text


def test_speaker_tone(wapo_set, invented_set):
    fb = wapo_set["speaker-tone"].answer("most-quoted")
    assert fb.key == "option:most-quoted" and "Hammond: -0.21 over 2 piece(s)" in fb.text
    assert fb.details["result"] == "Kerry"
    assert invented_set["speaker-tone"].answer("other").details["result"] == "Ruiz"


def test_unknown_words(wapo_set):
    ex = wapo_set["unknown-words"]
    assert ex.answer(["refugees", "militants", "regime"]).key == "right"
    fb = ex.answer(["refugees", "militants"])
    assert fb.key == "missed" and fb.entries == ["missed:regime"]
    fb = ex.answer(["refugees", "militants", "regime", "flexible"])
    assert fb.key == "wrong" and "+0.9" in fb.text


def test_unknown_words_are_really_unknown():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer
    lexicon = SentimentIntensityAnalyzer().lexicon
    assert not {"refugees", "militants", "regime"} & set(lexicon)
    assert (lexicon["violence"], lexicon["crisis"], lexicon["flexible"], lexicon["engagement"]) == (-3.1, -3.1, 0.9, 2.0)


def test_engagement(wapo_set):
    ex = wapo_set["engagement"]
    assert ex.answer(["engagement"]).key == "right"
    fb = ex.answer(["complicated"])
    assert fb.key == "missed+extra" and fb.entries == ["note:engagement", "note:complicated"]


@pytest.mark.parametrize("option", ["positive", "neutral", "negative"])
def test_headline_predict(wapo_set, option):
    fb = wapo_set["headline-predict"].answer(option)
    assert fb.details["result"] == "positive" and "“flexible” (+0.9)" in fb.text and "0.33" in fb.text


def test_headline_predict_invented(invented_set):
    fb = invented_set["headline-predict"].answer("neutral")
    assert fb.details["result"] == "neutral" and "The words it knows: none" in fb.text


@pytest.mark.parametrize("typed,key", [("flexible", "right"), (" Flexible ", "right"), ("“flexible”", "right"),
                                       ("Assad", "wrong:0"), ("Assad’s", "wrong:0"), ("has to go", "wrong:1"),
                                       ("but", "wrong:2"), ("when", "other")])
def test_headline_word(wapo_set, typed, key):
    assert wapo_set["headline-word"].answer(typed).key == key


def test_headline_word_only_on_the_post(invented_set):
    assert invented_set["headline-word"].answer("flexible").key == "not-for-this-article"


def test_rate_paragraphs_is_interpretive(wapo_set):
    ex = wapo_set["rate-paragraphs"]
    for unit in ex.units():
        ex.code(unit.id, "tone", "positive", save=False)
    fb = ex.compare_with_reference()
    assert fb.right is None and fb.key == "differ"  # an interpretive sheet never marks a reading wrong
    # the reference reads only paragraph 8 as positive: 15 of 16 differ, each with its reason
    assert "differ on 15 of 16 codes" in fb.text
    assert "rationale:p13:tone" in fb.entries and "rationale:p8:tone" not in fb.entries


@pytest.mark.parametrize("option,right", [("construct", True), ("trust-vader", False), ("bug", False), ("impossible", False)])
def test_validity(wapo_set, option, right):
    assert wapo_set["validity"].answer(option).right is right


# ---------------------------------------------------------------- the rate-first sheet

def test_label_cut_offs():
    assert [label(x) for x in (0.05, 0.049, 0.0, -0.049, -0.05, 0.9)] == \
        ["positive", "neutral", "neutral", "neutral", "negative", "positive"]


def test_rating_sheet_hides_vader_until_compare_and_counts_agreement(home):
    article = newslab.load_article(WAPO)
    sheet = RatingSheet(article, first=3)
    assert [u.id for u in sheet.units] == ["p1", "p2", "p3"]
    widget = sheet.widget()
    assert "+0.42" not in sheet._result_box.value  # nothing of VADER's before Compare
    assert sheet.compare() == {"rated": 0, "agree": 0, "rows": []}
    assert "Rate at least one paragraph" in sheet._result_box.value
    sheet._toggles["p1"].value = "neutral"  # as a learner clicking
    sheet.rate("p2", "negative")
    result = sheet.compare()
    # p1 mean 0.4215 (positive), p2 -0.6705 (negative)
    assert result["rated"] == 2 and result["agree"] == 1
    assert [(r["unit"], r["you"], r["vader"], r["agree"]) for r in result["rows"]] == \
        [("p1", "neutral", "positive", False), ("p2", "negative", "negative", True)]
    assert "1 of 2" in sheet._result_box.value and "✗ differs" in sheet._result_box.value
    assert "United (+1.8)" in sheet._result_box.value
    assert widget is sheet.widget()


def test_rating_sheet_saves_and_restores(home):
    article = newslab.load_article(INVENTED)
    sheet = RatingSheet(article, first=None)
    assert len(sheet.units) == 7
    sheet.rate("p3", "negative")
    saved = json.loads((home / "tone" / f"{INVENTED}.json").read_text(encoding="utf-8"))
    assert saved == {"p3": "negative"}
    again = RatingSheet(article, first=None)
    assert again.ratings == {"p3": "negative"}
    assert again.widget() and again._toggles["p3"].value == "negative"
    again.rate("p3", None)
    assert RatingSheet(article).ratings == {}


def test_rating_sheet_rejects_bad_input(home):
    sheet = RatingSheet(newslab.load_article(WAPO), first=2)
    with pytest.raises(ValueError, match="negative, neutral, positive"):
        sheet.rate("p1", "great")
    with pytest.raises(KeyError, match="p1, p2"):
        sheet.rate("p9", "neutral")


def test_rating_sheet_without_a_writable_home_still_works(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    sheet = RatingSheet(newslab.load_article(WAPO), first=2, home=blocker)
    sheet.widget()
    sheet.rate("p1", "positive")
    assert sheet.save_problem and "could not be saved" in sheet.save_problem
    assert "Note." in sheet._note_box.value
    assert sheet.compare()["agree"] == 1
