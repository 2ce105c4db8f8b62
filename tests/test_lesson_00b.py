"""Lesson 00b (a first hour of Python): the notebook and its practice set run on both articles, its
findings against values counted by hand, and every exercise answered right (in equivalent forms) and
with each typical wrong answer.

Expected values are written out from the texts in data/articles/; comments show the counting.
"""

import json

import pytest

from newslab import catalogue
from newslab.exercises import read_set
from tests.conftest import INVENTED, WAPO, practice
from tests.notebook_runner import ROOT, notebook_run, notebook_values

LESSON = "notebooks/00b_first_hour_of_python.ipynb"
SET = "00b_first_hour_of_python"


def practice_path():
    lesson = next(e for e in catalogue.entries("lesson") if e.lesson == "00b")
    return catalogue.practice_for(lesson).path


# ---------------------------------------------------------------- the notebooks

def test_post_findings():
    values = notebook_values(LESSON)
    assert values["outlet_length"] == len("The Washington Post") == 19
    # "Secretary of State John F. Kerry said Saturday that … to negotiate his exit." has 40 pieces
    # between spaces; longer than six characters: Secretary, Saturday, willing, negotiate, conditions,
    # President, al-Assad, persuade, negotiate.
    assert values["lede_word_count"] == 40
    assert values["first_word"] == "Secretary"
    assert values["long_words"] == values["long_words_by_function"] == 9


def test_invented_findings():
    values = notebook_values(LESSON, "invented")
    # "Mayor Elena Ruiz said Tuesday … to pay for half of the repairs." has 30 pieces; longer than six:
    # Tuesday, Harbour, "months,", regional, council, "repairs.".
    assert values["lede_word_count"] == 30
    assert values["first_word"] == "Mayor"
    assert values["long_words"] == values["long_words_by_function"] == 6


@pytest.mark.parametrize("article", ["post", "invented"])
def test_the_practice_notebook_runs_cleanly(article):
    run = notebook_run(practice_path(), article)
    assert not run.problems, run.problems
    assert run.values["words"] == ["Assad", "has", "to", "go"]
    # the starter function returns 0 until the learner completes it, and the cell that uses it still runs
    words = {"post": 40, "invented": 30}[article]
    assert f"0 characters in {words} words" in run.outputs_text()


def test_the_lesson_teaches_what_lessons_01_and_02_need():
    text = (ROOT / LESSON).read_text(encoding="utf-8")
    for needed in ("kernel", "command mode", "click inside", "comment", "string", "list", "`len`", "`for`",
                   "call a function", "NameError", "TypeError", "last line"):
        assert needed in text, f"lesson 00b does not explain {needed!r}"


def test_lesson_00_points_new_programmers_to_00b():
    text = (ROOT / "notebooks/00_start_here.ipynb").read_text(encoding="utf-8")
    assert "00b_first_hour_of_python.ipynb" in text


def test_metadata_and_set_agree():
    data = read_set(SET)
    lesson = json.loads((ROOT / LESSON).read_text(encoding="utf-8"))["metadata"]["newslab"]
    assert lesson["lesson"] == data["lesson"] == "00b"
    assert data["objectives"] == lesson["objectives"]
    assert {e["objective"] for e in data["exercises"]} == {o["id"] for o in lesson["objectives"]}
    assert len(data["exercises"]) >= 6 and len({e["kind"] for e in data["exercises"]}) >= 3


def test_00b_sits_between_lessons_00_and_01():
    order = [(e.lesson, e.kind) for e in catalogue.entries() if e.kind in ("lesson", "practice")]
    assert order.index(("00", "practice")) < order.index(("00b", "lesson")) < order.index(("00b", "practice")) \
        < order.index(("01", "lesson"))


# ---------------------------------------------------------------- the exercises, both ways

def option_feedback(exercise, option_id):
    return next(o["feedback"] for o in exercise.spec["options"] if o["id"] == option_id)


@pytest.mark.parametrize("article_id", [WAPO, INVENTED])
@pytest.mark.parametrize("exercise_id, right", [("typing-into-a-new-cell", "shortcuts"),
                                                ("what-the-kernel-remembers", "nameerror"),
                                                ("call-with-brackets", "brackets"),
                                                ("read-a-type-error", "kind")])
def test_choices_every_option(article_id, exercise_id, right):
    exercise = practice(SET, article_id).exercise(exercise_id)
    for option in exercise.spec["options"]:
        exercise.reset()
        feedback = exercise.answer(option["id"])
        assert feedback.right is (option["id"] == right)
        assert feedback.text == option["feedback"] and feedback.entries == [f"option:{option['id']}"]


@pytest.mark.parametrize("typed", ["4", " 4 ", "4.0"])
def test_count_the_items_right(typed):
    assert practice(SET).exercise("count-the-items").answer(typed).right is True


@pytest.mark.parametrize("typed, says", [("3", "position of the last item"), ("12", "number of letters"),
                                         ("15", "spaces included"), ("5", "Count the items")])
def test_count_the_items_wrong(typed, says):
    feedback = practice(SET).exercise("count-the-items").answer(typed)
    assert feedback.right is False and says in feedback.text


@pytest.mark.parametrize("typed", ["has", "HAS", " has ", "“has”", '"has"', "'has'"])
def test_second_item_right(typed):
    assert practice(SET).exercise("second-item").answer(typed).right is True


@pytest.mark.parametrize("typed, key", [("Assad", "wrong:0"), ("to", "wrong:1"), ("a", "wrong:2"), ("go", "other")])
def test_second_item_wrong(typed, key):
    assert practice(SET).exercise("second-item").answer(typed).key == key


@pytest.mark.parametrize("typed", ["artcle", "'artcle'", " artcle "])
def test_read_a_name_error_right(typed):
    assert practice(SET).exercise("read-a-name-error").answer(typed).right is True


@pytest.mark.parametrize("typed, key", [("article", "wrong:0"), ("NameError", "wrong:1"), ("not defined", "wrong:2"),
                                        ("len", "other")])
def test_read_a_name_error_wrong(typed, key):
    assert practice(SET).exercise("read-a-name-error").answer(typed).key == key


@pytest.mark.parametrize("guess, key, says", [(5, "revealed", "5 lines"), (4, "typical:0", "not indented"),
                                              (8, "typical:1", "once per word"), (2, "typical:2", "more than once"),
                                              (7, "revealed", "5 lines")])
def test_loop_prints(guess, key, says):
    feedback = practice(SET).exercise("loop-prints").answer(guess)
    assert feedback.key == key and says in feedback.text


def total_by_loop(words):
    total = 0
    for word in words:
        total = total + len(word)
    return total


def total_by_joining(words):
    return len("".join(words))


def total_counts_words(words):
    total = 0
    for word in words:
        total = total + 1
    return total


def total_replaced(words):
    total = 0
    for word in words:
        total = len(word)
    return total


def total_returns_too_early(words):
    total = 0
    for word in words:
        total = total + len(word)
        return total
    return total


def total_starter(words):
    total = 0
    # for each word, add its length to total
    return total


def total_without_return(words):
    total = 0
    for word in words:
        total = total + len(word)


@pytest.mark.parametrize("function", [total_by_loop, total_by_joining])
def test_total_letters_right_in_different_ways(function):
    assert practice(SET).exercise("total-letters").check(function).right is True


@pytest.mark.parametrize("function, key", [(total_counts_words, "case:0:wrong:0"), (total_replaced, "case:0:wrong:1"),
                                           (total_returns_too_early, "case:0:wrong:2"), (total_starter, "case:0:wrong:3"),
                                           (total_without_return, "case:0")])
def test_total_letters_typical_mistakes_get_their_question(function, key):
    exercise = practice(SET).exercise("total-letters")
    feedback = exercise.check(function)
    assert feedback.key == key
    if key == "case:0":
        assert "end with a `return` line" in feedback.text
    else:
        assert exercise.feedback_entries()[key] in feedback.text


def test_the_function_exercise_says_its_template_is_already_in_the_next_cell():
    exercise = practice(SET).exercise("total-letters")
    exercise.widget()
    shown = " ".join(getattr(part, "value", "") for part in exercise._build_controls())
    assert "already holds this start" in shown and "Copy this" not in shown
