"""Lesson 00: its computed findings on both articles, and its quick checks answered right and wrong."""

import pytest

import newslab
from newslab.exercises import practice_set
from tests.notebook_runner import notebook_values

LESSON = "notebooks/00_start_here.ipynb"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))


def test_findings_on_the_post_article():
    values = notebook_values(LESSON)
    # Counted by hand in data/articles/wapo-2015-09-19-kerry-assad.txt: 22 blocks between blank lines,
    # of which block 0 (photo caption), 12 (video caption) and 18–21 (Read more + 3 headlines) are not body.
    assert values["blocks"] == 22
    assert values["body_paragraphs"] == 16
    assert values["kinds"] == {"caption": 2, "body": 16, "related": 4}


def test_findings_on_the_invented_article():
    values = notebook_values(LESSON, "invented")
    # data/articles/invented-port-alder-bridge.txt: a caption, 7 body paragraphs, Read more + 2 headlines.
    assert values["blocks"] == 11
    assert values["body_paragraphs"] == 7
    assert values["kinds"] == {"caption": 1, "body": 7, "related": 3}


@pytest.fixture
def checks():
    return practice_set("00_start_here", article=newslab.load_article("wapo-2015-09-19-kerry-assad"))


@pytest.mark.parametrize("typed", ["22", " 22 ", "22.0"])
def test_blocks_right_in_equivalent_forms(checks, typed):
    assert checks["blocks-in-file"].answer(typed).right


def test_blocks_typical_wrong_answers(checks):
    exercise = checks["blocks-in-file"]
    assert "**body** paragraphs only" in exercise.answer("16").text
    assert "counts from 0" in exercise.answer("21").text
    assert exercise.answer("30").key == "other"


def test_blocks_on_the_invented_article_computes_its_answer():
    checks = practice_set("00_start_here", article=newslab.load_article("invented-port-alder-bridge"))
    assert checks["blocks-in-file"].answer("11").right
    assert "**body** paragraphs only" in checks["blocks-in-file"].answer("7").text


def test_choice_checks(checks):
    restart = checks["restart-run-all"]
    assert restart.answer("restart").right
    assert "hides the real cause" in restart.answer("retype").text
    assert "Saving keeps what you typed" in restart.answer("save").text
    furniture = checks["not-in-text"]
    assert furniture.answer("headline").right
    assert "block 0" in furniture.answer("caption").text
    assert "other stories" in furniture.answer("related").text
