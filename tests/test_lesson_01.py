"""Lesson 01 (the article as data): the notebook's findings against values read by hand from the two
articles, the learner's saved choice inside the notebook, and every exercise of the practice set
answered right, in equivalent forms, and with each typical wrong answer.

Expected values are written out here from the texts in data/articles/, not computed by the code
under test; comments show the counting.
"""

import json

import pytest

import newslab
from newslab.exercises import read_set
from tests.conftest import practice
from tests.notebook_runner import ROOT, run_notebook, notebook_values

LESSON = "notebooks/01_article_as_data.ipynb"
WAPO = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


@pytest.fixture(scope="module")
def post():
    return notebook_values(LESSON, "post")


@pytest.fixture(scope="module")
def invented():
    return notebook_values(LESSON, "invented")


# ---------------------------------------------------------------- the notebook on the Post article

def test_post_the_string(post):
    # 22 blocks, one line each, with 21 blank lines between them and no line break at the end.
    assert post["lines"] == 22 + 21
    # 20 curly apostrophes (We’re ×3 … Assad’s), 15 opening and 14 closing double quotation marks
    # (one quotation runs on across a paragraph break), 4 thin spaces in the two ellipses. Each takes
    # 3 bytes in UTF-8 but is one character, so characters = bytes − 2 × 53.
    size = (ROOT / "data/articles/wapo-2015-09-19-kerry-assad.txt").stat().st_size
    assert post["characters"] == size - 2 * (20 + 15 + 14 + 4) == 5227
    assert post["special_names"] == ["THIN SPACE", "RIGHT SINGLE QUOTATION MARK", "LEFT DOUBLE QUOTATION MARK",
                                     "RIGHT DOUBLE QUOTATION MARK"]
    # Counted paragraph by paragraph: 3:1, 4:5, 6:4, 7:1, 8:1, 9:1, 10:1, 13:1, 15:4, 21:1.
    assert post["curly_apostrophe"] == 20
    assert post["typed_apostrophe"] == 0


def test_post_blocks_and_kinds(post):
    assert post["same_blocks"] is True
    assert post["kind_counts"] == {"body": 16, "caption": 2, "related": 4}
    # photo caption, video caption, "Read more", three related headlines
    assert post["furniture_positions"] == [0, 12, 18, 19, 20, 21]


def test_post_what_the_text_does_not_say(post):
    assert post["headline"] == "Kerry says Syria's Assad has to go, but U.S. is flexible as to when"
    assert post["headline_in_text"] is False
    assert post["starts_with_dateline"] is False  # the lede starts "Secretary of State …"
    assert post["dateline_blocks"] == [0, 2]  # "… on Saturday in London." and "Kerry, who is in London …"
    assert post["date_weekday"] == "Saturday"  # 19 September 2015
    assert post["days_in_lede"] == ["Saturday"]
    assert post["lede_day_is_date_weekday"] is True


def test_post_furniture_word_counts(post):
    # photo caption 32 words (… London. (Evan Vucci/Associated Press)), video caption 21,
    # "Read more" 2, related headlines 8 + 7 + 12.
    assert post["furniture_words"] == 32 + 21 + 2 + 8 + 7 + 12 == 82
    assert post["related_words"] == 2 + 8 + 7 + 12
    assert post["words_in_file"] - post["words_in_body"] == 82
    assert post["words_in_body"] == 815
    assert post["furniture_share"] == round(100 * 82 / 897, 1) == 9.1


def test_post_credits_are_not_sources(post):
    assert post["credits"] == ["Evan Vucci/Associated Press", "The Washington Post"]
    assert post["credit_names_only_in_furniture"] == ["Evan Vucci", "Associated Press", "The Washington Post"]
    assert post["credit_mentions"]["Associated Press"] == {"whole file": 1, "body": 0}


def test_post_words_only_in_related_headlines(post):
    # "Read more / Assad blames West … / Russia gambles in Syria, ramping up involvement / Islamic
    # State has killed many Syrians, but Assad’s forces have killed more": every other word (more,
    # Assad, for, refugee, crisis, in, Europe, Russia, Syria, up, Islamic, State, has, many, but, s,
    # have) is in the body too.
    assert post["words_only_in_related"] == ["blames", "forces", "gambles", "involvement", "killed", "ramping",
                                             "read", "syrians", "west"]


def test_post_without_a_saved_choice_the_bundled_kinds_apply(post):
    assert post["my_choice"] == {}
    assert post["my_changes"] == {}
    assert post["my_body_words"] == post["words_in_body"]


def test_the_notebook_applies_a_saved_choice(tmp_path, monkeypatch):
    from newslab import choices

    home = tmp_path / "home-with-a-choice"
    monkeypatch.setenv("NEWSLAB_HOME", str(home))
    choices.save_choice(newslab.load_article(WAPO), {12: "body"})  # the learner counts the video caption as story
    run = run_notebook(LESSON, "post", home=home)
    assert not run.problems, run.problems
    assert run.values["my_choice"] == {"12": "body"}
    assert run.values["my_changes"] == {"12": "body"}
    assert run.values["my_body_words"] == 815 + 21  # the video caption's 21 words join the body
    assert run.values["words_in_body"] == 815, "the lesson's own findings still use the bundled kinds"


# ---------------------------------------------------------------- the notebook on the invented article

def test_invented_findings(invented):
    assert invented["lines"] == 11 + 10
    size = (ROOT / "data/articles/invented-port-alder-bridge.txt").stat().st_size
    # We’re, We’ve; 7 opening and 6 closing quotation marks (Ruiz's quotation runs on from paragraph 3)
    assert invented["characters"] == size - 2 * (2 + 7 + 6) == 1097
    assert invented["special_names"] == ["RIGHT SINGLE QUOTATION MARK", "LEFT DOUBLE QUOTATION MARK",
                                         "RIGHT DOUBLE QUOTATION MARK"]
    assert invented["curly_apostrophe"] == 2
    assert invented["kind_counts"] == {"body": 7, "caption": 1, "related": 3}
    assert invented["furniture_positions"] == [0, 8, 9, 10]
    assert invented["headline_in_text"] is False
    assert invented["starts_with_dateline"] is False
    assert invented["dateline_blocks"] == [0, 9]  # the caption "… in Port Alder." and "Port Alder votes …"
    assert invented["date_weekday"] == "Friday"  # 27 November 2026
    assert invented["days_in_lede"] == ["Tuesday"]
    assert invented["lede_day_is_date_weekday"] is False


def test_invented_furniture(invented):
    # caption 23 words; "Read more" 2; "Port Alder votes on new harbour plan" 7; "Council delays ferry decision again" 5
    assert invented["furniture_words"] == 23 + 2 + 7 + 5 == 37
    assert invented["related_words"] == 14
    # body paragraphs: 30 + 21 + 33 + 15 + 24 + 15 + 17
    assert invented["words_in_body"] == 155
    assert invented["words_in_file"] == 192
    assert invented["furniture_share"] == 19.3
    assert invented["credits"] == ["Sam Ortega/Port Alder Gazette"]
    assert invented["credit_names_only_in_furniture"] == ["Sam Ortega", "Port Alder Gazette"]
    # council and harbour are in the body; nothing else of the related blocks is
    assert invented["words_only_in_related"] == ["again", "alder", "decision", "delays", "ferry", "more", "new", "on",
                                                 "plan", "port", "read", "votes"]
    assert invented["my_body_words"] == 155


# ---------------------------------------------------------------- the practice set

SET = "01_article_as_data"  # the practice set of the wapo_set and invented_set fixtures (tests/conftest.py)


def option_feedback(exercise, option_id):
    return next(o["feedback"] for o in exercise.spec["options"] if o["id"] == option_id)


def test_the_set_has_enough_exercises_of_enough_kinds_and_serves_the_objectives():
    data = read_set("01_article_as_data")
    kinds = {e["kind"] for e in data["exercises"]}
    assert len(data["exercises"]) >= 6 and len(kinds) >= 3
    assert {e["objective"] for e in data["exercises"]} == {"01.1", "01.2", "01.3", "01.4"}
    lesson = json.loads((ROOT / LESSON).read_text(encoding="utf-8"))["metadata"]["newslab"]
    assert data["objectives"] == lesson["objectives"]


@pytest.mark.parametrize("exercise_id", ["len-counts-characters", "caption-credit-kind", "credit-is-not-a-source"])
@pytest.mark.parametrize("article_id", [WAPO, INVENTED])
def test_one_answer_choices_every_option(exercise_id, article_id):
    exercise = practice(SET, article_id).exercise(exercise_id)
    for option in exercise.spec["options"]:
        exercise.reset()
        feedback = exercise.answer(option["id"])
        assert feedback.right is option["correct"]
        assert feedback.text == option["feedback"] and feedback.entries == [f"option:{option['id']}"]


@pytest.mark.parametrize("exercise_id, right", [("not-in-the-text", {"headline", "byline", "dateline"}),
                                                ("whose-words", {"photo-caption", "video-caption", "related-headline"}),
                                                ("metadata-only", {"date", "headline", "dateline"})])
def test_several_answer_choices(wapo_set, exercise_id, right):
    exercise = wapo_set.exercise(exercise_id)
    assert exercise.answer(sorted(right)).right is True
    options = {o["id"]: o for o in exercise.spec["options"]}
    for option_id in right:  # leaving out one right option says what it misses
        exercise.reset()
        feedback = exercise.answer(sorted(right - {option_id}))
        assert feedback.status == "partial" and options[option_id]["missed"] in feedback.text
    for option_id in set(options) - right:  # adding a wrong option names its misconception
        exercise.reset()
        feedback = exercise.answer(sorted(right | {option_id}))
        assert feedback.right is False and options[option_id]["feedback"] in feedback.text


@pytest.mark.parametrize("exercise_id", ["not-in-the-text", "whose-words", "metadata-only", "classify-blocks",
                                         "related-only-word"])
def test_exercises_written_for_the_post_say_so_on_the_invented_article(invented_set, exercise_id):
    exercise = invented_set.exercise(exercise_id)
    assert exercise.applies is False
    assert "written for the Washington Post article" in exercise.not_for_this_article()


@pytest.mark.parametrize("article_id, lines", [(WAPO, 43), (INVENTED, 21)])
def test_predict_lines(article_id, lines):
    exercise = practice(SET, article_id).exercise("predict-lines")
    assert exercise.result() == lines
    feedback = exercise.answer(lines - 1)  # one above is the typical "a blank line after every block" (below)
    assert feedback.key == "close" and f"give {lines} lines" in feedback.text
    exercise.reset()
    assert exercise.answer(lines).key == "close"  # the right number is never one of the typical mistakes
    exercise.reset()
    assert exercise.answer(lines + 40).key == "far"


# The Post: 22 blocks (43 lines), 16 body paragraphs. The invented article: 11 blocks (21 lines), 7 body.
@pytest.mark.parametrize("article_id, guess, key, says", [
    (WAPO, 22, "typical:0", "You counted the blocks (22)"),  # the blocks, without the blank lines
    (WAPO, 44, "typical:1", "Off by one"),  # a blank line after the last block too
    (WAPO, 31, "typical:2", "body paragraphs only (16)"),  # 16 body paragraphs and the 15 blank lines between them
    (INVENTED, 11, "typical:0", "You counted the blocks (11)"),
    (INVENTED, 22, "typical:1", "Off by one"),
    (INVENTED, 13, "typical:2", "body paragraphs only (7)"),
])
def test_predict_lines_diagnoses_the_common_wrong_numbers(article_id, guess, key, says):
    exercise = practice(SET, article_id).exercise("predict-lines")
    feedback = exercise.answer(guess)
    assert feedback.key == key and says in feedback.text
    assert "sentences" not in feedback.text  # not the question about sentences meant for a far-off guess


def test_classify_blocks_reference_agrees_with_the_bundled_roles(wapo_set):
    article = newslab.load_article(WAPO)
    exercise = wapo_set.exercise("classify-blocks")
    names = {"paragraph": "body paragraph", "photo caption": "photo caption", "video caption": "video caption",
             "read-more label": "read-more label", "related headline": "related headline"}
    codes = exercise.spec["reference"]["codes"]
    assert [u.id for u in exercise.units()] == [f"p{i}" for i in range(22)]
    assert codes == {f"p{p.index}": {"kind": names[p.role]} for p in article.paragraphs}


def test_classify_blocks_right_and_wrong(wapo_set):
    exercise = wapo_set.exercise("classify-blocks")
    exercise.widget()
    for unit, answers in exercise.spec["reference"]["codes"].items():
        exercise.code(unit, "kind", answers["kind"])
    assert exercise.compare_with_reference().right is True
    exercise.code("p12", "kind", "body paragraph")  # the video caption taken for a paragraph
    exercise.code("p0", "kind", "body paragraph")  # the photo caption too
    feedback = exercise.compare_with_reference()
    assert feedback.right is False
    assert feedback.entries == ["rationale:p0:kind", "rationale:p12:kind"]
    assert "(The Washington Post)" in feedback.text


@pytest.mark.parametrize("article_id, right, wrong", [
    (WAPO, 82, {897: 0, 815: 1, 53: 2, 29: 3}),
    (INVENTED, 37, {192: 0, 155: 1, 23: 2, 14: 3})])
def test_furniture_words(article_id, right, wrong):
    exercise = practice(SET, article_id).exercise("furniture-words")
    for typed in (str(right), f" {right} ", f"{right}.0"):
        exercise.reset()
        assert exercise.answer(typed).right is True
    for value, n in wrong.items():
        exercise.reset()
        feedback = exercise.answer(value)
        assert feedback.key == f"wrong:{n}" and feedback.text == exercise.spec["wrong"][n]["feedback"]


def credit_by_regex(block):
    import re
    match = re.search(r"\(([^()]+)\)\s*$", block)
    return match.group(1) if match else None


def credit_by_string_methods(block):
    block = block.rstrip()
    if not block.endswith(")"):
        return None
    start = block.rfind("(")
    inside = block[start + 1:-1]
    return inside if start >= 0 and "(" not in inside and ")" not in inside else None


def credit_starter(block):  # the starter the exercise gives: any text in brackets
    import re
    match = re.search(r"\((.*)\)", block)
    return match.group(1) if match else None


def credit_unanchored(block):
    import re
    match = re.search(r"\(([^()]+)\)", block)
    return match.group(1) if match else None


def credit_with_brackets(block):
    import re
    match = re.search(r"\([^()]+\)\s*$", block)
    return match.group(0) if match else None


def credit_no_trailing_space(block):
    import re
    match = re.search(r"\(([^()]+)\)$", block)
    return match.group(1) if match else None


def credit_greedy(block):
    import re
    match = re.search(r"\((.+)\)\s*$", block)
    return match.group(1) if match else None


def credit_empty_string(block):
    import re
    match = re.search(r"\(([^()]+)\)\s*$", block)
    return match.group(1) if match else ""


def credit_never_matches(block):  # a pattern that finds nothing; the function does end with `return`
    import re
    match = re.search(r"\[([^\[\]]+)\]\s*$", block)
    return match.group(1) if match else None


def test_find_credit_returning_none_from_a_function_that_returns_is_not_asked_about_return(wapo_set):
    exercise = wapo_set.exercise("find-credit")
    feedback = exercise.check(credit_never_matches)
    assert feedback.key == "case:0:wrong:1" and "its pattern found nothing" in feedback.text
    assert "end with a `return` line" not in feedback.text


def credit_without_return(block):
    import re
    re.search(r"\(([^()]+)\)\s*$", block)


def test_find_credit_without_a_return_line_is_asked_about_it(wapo_set):
    exercise = wapo_set.exercise("find-credit")
    feedback = exercise.check(credit_without_return)
    assert feedback.key == "case:0" and "does your function end with a `return` line?" in feedback.text


@pytest.mark.parametrize("function", [credit_by_regex, credit_by_string_methods])
def test_find_credit_right_in_different_ways(wapo_set, function):
    feedback = wapo_set.exercise("find-credit").check(function)
    assert feedback.right is True


@pytest.mark.parametrize("function, key", [
    (credit_starter, "case:1:wrong:0"),
    (credit_unanchored, "case:1:wrong:0"),
    (credit_with_brackets, "case:0:wrong:0"),
    (credit_no_trailing_space, "case:2"),
    (credit_empty_string, "case:1"),
    (credit_greedy, "case:4:wrong:0"),
])
def test_find_credit_typical_mistakes_get_their_question(wapo_set, function, key):
    exercise = wapo_set.exercise("find-credit")
    feedback = exercise.check(function)
    assert feedback.key == key
    assert exercise.feedback_entries()[key] in feedback.text


def test_find_credit_solution_finds_the_articles_credits():
    for article_id, expected in [(WAPO, ["Evan Vucci/Associated Press", "The Washington Post"]),
                                 (INVENTED, ["Sam Ortega/Port Alder Gazette"])]:
        article = newslab.load_article(article_id)
        assert [c for c in (credit_by_regex(p.text) for p in article.paragraphs) if c] == expected


@pytest.mark.parametrize("typed", ["killed", "KILLED", "“killed”", " Syrians ", "West", "ramping"])
def test_related_only_word_right(wapo_set, typed):
    assert wapo_set.exercise("related-only-word").answer(typed).right is True


@pytest.mark.parametrize("typed, key", [("Assad’s", "wrong:0"), ("Assad's", "wrong:0"), ("Syria", "wrong:1"),
                                        ("Europe", "wrong:2"), ("more", "wrong:3"), ("Read", "wrong:4"),
                                        ("banana", "other")])
def test_related_only_word_wrong(wapo_set, typed, key):
    assert wapo_set.exercise("related-only-word").answer(typed).key == key


def test_related_only_word_accepts_exactly_the_words_the_lesson_finds(post):
    accepted = {a.lower() for a in read_set("01_article_as_data")["exercises"][-1]["accept"]}
    assert accepted == set(post["words_only_in_related"]) - {"read"}
