"""Lesson 07 (voices and quotes): the notebook's findings against values counted by hand from the
two articles, and every exercise of its practice set answered right, in equivalent forms, and wrong.

Expected values are written out here by reading the texts in data/articles/, never computed by the
code under test.
"""

import re

import pytest

import newslab
from newslab.exercises import read_set
from tests.notebook_runner import notebook_values

LESSON = "notebooks/07_voices_and_quotes.ipynb"
WAPO = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


@pytest.fixture(scope="module")
def post():
    return notebook_values(LESSON, "post")


@pytest.fixture(scope="module")
def invented():
    return notebook_values(LESSON, "invented")


# ---------------------------------------------------------------- the Post article

def test_post_quotation_marks(post):
    # Paragraph 3 holds “We’re prepared to negotiate,” (2 marks) and the opening mark of “Is Assad
    # prepared … violence? with no closing mark: 3. Paragraph 10 has one partial quote: 2.
    assert post["odd_paragraphs"] == [3]
    assert post["marks_per_paragraph"]["3"] == 3
    assert post["marks_per_paragraph"]["10"] == 2
    assert post["marks_per_paragraph"]["1"] == 0
    # 15 pairs of marks (counting the open one); the open one and the first of paragraph 4 are one quote
    assert len(post["spans"]) == 15
    assert len(post["open_spans"]) == 1 and post["open_spans"][0]["paragraph"] == 3
    assert post["runs_across"] == [[3, 4]]
    assert len(post["quotes"]) == 14


def test_post_kinds_of_quotes_in_marks(post):
    # partial: “Assad has to go”, “modality” (paragraph 5), “by dealing with the root cause …” (paragraph 10)
    assert post["kinds_in_marks"] == {"direct": 11, "partial": 3}
    partial = [(q["paragraphs"][0], q["words"]) for q in post["quotes"] if q["kind"] == "partial"]
    assert partial[:2] == [(5, "Assad has to go"), (5, "modality")]
    assert partial[2][0] == 10 and partial[2][1].startswith("by dealing with the root cause")
    assert post["dropped"] == []


def test_post_examples_of_each_kind(post):
    assert post["examples"]["direct"].startswith("“We’re prepared to negotiate,” Kerry said")
    assert post["examples"]["partial"].startswith("Kerry declared that “Assad has to go”")
    assert post["examples"]["indirect"].startswith("Secretary of State John F. Kerry said Saturday")


def test_post_speakers_and_verbs_of_quotes_in_marks(post):
    by_hand = [  # (paragraphs, kind, speaker, verb) read from the text
        ([3], "direct", "Kerry", "said"), ([3, 4], "direct", "Kerry", "added"), ([4], "direct", "Kerry", "added"),
        ([5], "partial", "Kerry", "declared"), ([5], "partial", "Kerry", "said"),
        ([6], "direct", "Kerry", "said"), ([6], "direct", "Kerry", "said"),
        ([8], "direct", "Kerry", "said"), ([8], "direct", "Kerry", "said"),
        ([10], "partial", "Kerry", "said"),
        ([15], "direct", "Kerry", "asked"), ([15], "direct", "Kerry", "asked"),
        ([17], "direct", "Hammond", "said"), ([17], "direct", "Hammond", "said")]
    assert [(q["paragraphs"], q["kind"], q["speaker"], q["verb"]) for q in post["quotes"]] == by_hand


def test_post_he_is_the_last_speaker_not_the_nearest_name(post):
    # "he added" (paragraph 4): the reporter last named British Foreign Minister Philip Hammond (paragraph 3);
    # "he said" (paragraph 6): Kerry declared … (paragraph 5); "he asked" (paragraph 15): "… bolsters Assad."
    rows = [(r["paragraph"], r["cue"], r["nearest name"], r["last speaker"]) for r in post["pronoun_cues"]]
    assert rows == [(4, "he", "Hammond", "Kerry"), (6, "he", "Kerry", "Kerry"), (15, "he", "Assad", "Kerry")]
    assert post["nearest_name_wrong"] == 2


def test_post_indirect_speech_and_the_package_agree(post):
    # Kerry said … and urged (1); called for …, which he said (2); Kerry and Hammond both said (11);
    # Hammond said … and said (16)
    assert [i for i, _ in post["indirect_sentences"]] == [1, 2, 11, 16]
    assert post["same_quotes_in_marks"] is True
    assert post["same_indirect_paragraphs"] is True
    assert post["same_summary"] is True


def test_post_who_speaks_and_how_much(post):
    kerry, hammond, pair = post["speakers"]["Kerry"], post["speakers"]["Hammond"], post["speakers"]["Kerry and Hammond"]
    assert set(post["speakers"]) == {"Kerry", "Hammond", "Kerry and Hammond"}
    # Kerry: indirect in 1 (said, urged) and 2 (called for, he said); 11 quotes in marks minus Hammond's 2 ...
    assert (kerry["direct"], kerry["partial"], kerry["indirect"]) == (9, 3, 4)
    assert (hammond["direct"], hammond["partial"], hammond["indirect"]) == (2, 0, 2)
    assert (pair["direct"], pair["partial"], pair["indirect"]) == (0, 0, 1)
    # Hammond's two sentences in paragraph 17, counted by hand: 13 + 30 words
    assert hammond["quoted words"] == 43
    assert kerry["quoted words"] == 333
    assert post["all_quoted_words"] == 376
    assert kerry["share of quoted words"] == 0.886 and hammond["share of quoted words"] == 0.114
    # body paragraph positions: block 1 is body paragraph 1; block 11 is 11; block 16 is 15 (the video caption, block 12, is not body)
    assert (kerry["first quote"], kerry["first direct quote"]) == (1, 3)
    assert (hammond["first quote"], hammond["first direct quote"]) == (15, 16)
    assert pair["first quote"] == 11
    assert post["most_quoted"] == "Kerry"


def test_post_word_counts_cross_checked_by_whitespace():
    """An independent count: pieces between spaces that hold a letter or digit ("We’re" is one word)."""
    article = newslab.load_article(WAPO)
    words = [w for w in article.body_text.split() if re.search(r"\w", w)]
    quoted = re.findall(r"“([^“”]*)(?:”|\n)", article.body_text + "\n")
    assert len(words) == 809
    assert sum(1 for q in quoted for w in q.split() if re.search(r"\w", w)) == 376


def test_post_body_share_in_quotation_marks(post):
    assert post["body_words"] == 809
    assert post["quoted_share_of_body"] == 0.465  # 376 / 809


def test_post_reporting_verbs(post):
    # one verb per quote: said ×14 (indirect 1, 2, 11, 16 ×2; direct 3, 6 ×2, 8 ×2, 17 ×2; partial 5, 10), …
    assert post["verb_counts"] == {"said": 14, "added": 2, "asked": 2, "urged": 1, "called for": 1, "declared": 1}
    assert post["verbs_by_speaker"]["Hammond"] == {"said": 4}
    assert post["verbs_by_speaker"]["Kerry"] == {"said": 9, "urged": 1, "called for": 1, "added": 2, "declared": 1,
                                                 "asked": 2}


def test_post_absent_voices(post):
    assert set(post["voiced_affiliations"]) == {"U.S. government", "U.K. government"}
    assert {"Russia", "Syrian government", "the Islamic State", "refugees", "Syrian people"} <= set(post["absent_voices"])
    assert "U.S. government" not in post["absent_voices"] and "U.K. government" not in post["absent_voices"]
    assert post["never_quoted_people"] == ["Ashton B. Carter", "Bashar al-Assad", "Sergei Shoigu"]


# ---------------------------------------------------------------- the invented article

def test_invented_findings(invented):
    # “The bridge is safe for cars today. It will not be safe for trucks much longer. (paragraph 3, no closing mark)
    assert invented["odd_paragraphs"] == [3]
    assert invented["runs_across"] == [[3, 4]]
    # “worse than we expected” is the only partial quote
    assert invented["kinds_in_marks"] == {"direct": 5, "partial": 1}
    rows = [(r["paragraph"], r["cue"], r["nearest name"], r["last speaker"]) for r in invented["pronoun_cues"]]
    assert rows == [(4, "she", "Ruiz", "Ruiz")]
    assert invented["nearest_name_wrong"] == 0
    assert [i for i, _ in invented["indirect_sentences"]] == [1]
    assert invented["same_quotes_in_marks"] is True and invented["same_summary"] is True


def test_invented_voices(invented):
    ruiz, becker = invented["speakers"]["Ruiz"], invented["speakers"]["Becker"]
    assert (ruiz["direct"], ruiz["partial"], ruiz["indirect"]) == (3, 0, 2)
    assert (becker["direct"], becker["partial"], becker["indirect"]) == (2, 1, 0)
    # Ruiz: 8 + 16 + 7 + 6 words; Becker: 4 + 6 + 7 (counted by hand)
    assert (ruiz["quoted words"], becker["quoted words"]) == (37, 17)
    assert (ruiz["first quote"], ruiz["first direct quote"]) == (1, 3)
    assert (becker["first quote"], becker["first direct quote"]) == (5, 6)
    # 155 pieces between spaces; word_tokenize splits "cannot" into two words: 156
    assert invented["body_words"] == 156
    assert invented["most_quoted"] == "Ruiz"
    assert set(invented["absent_voices"]) == {"regional council", "local businesses"}
    assert invented["never_quoted_people"] == []
    assert invented["verb_counts"] == {"said": 5, "added": 2, "urged": 1}


# ---------------------------------------------------------------- the practice set

@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))


SET = "07_voices_and_quotes"  # the practice set of the wapo_set and invented_set fixtures (tests/conftest.py)


def test_set_has_enough_exercises_of_enough_kinds():
    data = read_set("07_voices_and_quotes")
    kinds = {e["kind"] for e in data["exercises"]}
    assert len(data["exercises"]) >= 6 and len(kinds) >= 3
    lesson_objectives = {"07.1", "07.2", "07.3", "07.4", "07.5"}
    assert {e["objective"] for e in data["exercises"]} == lesson_objectives


@pytest.mark.parametrize("option,right", [("partial", True), ("direct", False), ("indirect", False), ("none", False)])
def test_kind_of_speech(wapo_set, option, right):
    fb = wapo_set["kind-of-speech"].answer(option)
    assert fb.key == f"option:{option}" and fb.right is right


def test_kind_of_speech_feedback_names_the_misconception(wapo_set):
    assert "any quotation marks make a quote direct" in wapo_set["kind-of-speech"].answer("direct").text
    assert "always indirect" in wapo_set["kind-of-speech"].answer("indirect").text


@pytest.mark.parametrize("option,right", [("no-comma", True), ("colon", False), ("after", False), ("fragment", False)])
def test_which_rule(wapo_set, option, right):
    assert wapo_set["which-rule"].answer(option).right is right


@pytest.mark.parametrize("typed", ["3", " 3 ", "3.0", "3\u2009"])
def test_run_on_paragraph_right_forms(wapo_set, typed):
    assert wapo_set["run-on-paragraph"].answer(typed).key == "right"


def test_run_on_paragraph_wrong_answers(wapo_set, invented_set):
    ex = wapo_set["run-on-paragraph"]
    fb = ex.answer("4")  # the paragraph that opens the new mark
    assert fb.key == "wrong:0" and "goes on" in fb.text
    assert ex.answer("10").key == "other"
    # the invented article: “The bridge is safe … longer. ends paragraph 3 and goes on in 4
    assert invented_set["run-on-paragraph"].answer("3").key == "right"
    assert invented_set["run-on-paragraph"].answer("4").key == "wrong:0"


def ends_inside_quote(text):
    return len(re.findall(r'[“”"]', text)) % 2 == 1


def test_ends_inside_quote_right(wapo_set):
    assert wapo_set["ends-inside-quote"].check(ends_inside_quote).key == "right"
    assert wapo_set["ends-inside-quote"].check(lambda t: len(re.findall('["“”]', t)) % 2 != 0).key == "right"


@pytest.mark.parametrize("function,key", [
    (lambda t: len(re.findall(r'[“”"’]', t)) % 2 == 1, "case:0:wrong:0"),  # apostrophes counted as marks
    (lambda t: False, "case:2:wrong:0"),  # the starter, unchanged
    (lambda t: len(re.findall("“", t)) % 2 == 1, "case:1"),  # only opening marks: a closed quote looks open
    (lambda t: len(re.findall("[“”]", t)) % 2 == 1, "case:3"),  # straight marks forgotten
    (lambda t: None, "case:0"),  # no return value
])
def test_ends_inside_quote_typical_mistakes(wapo_set, function, key):
    assert wapo_set["ends-inside-quote"].check(function).key == key


def test_speaker_and_verb(wapo_set):
    ex = wapo_set["speaker-and-verb"]
    assert ex.answer(["he", "asked"]).key == "right"
    fb = ex.answer(["Russia’s", "asked"])
    assert fb.key == "missed+extra" and "note:Russia’s" in fb.entries and "note:he" in fb.entries
    fb = ex.answer(["asked"])
    assert fb.key == "missed" and "note:he" in fb.entries


@pytest.mark.parametrize("option,right,phrase", [("kerry", True, "last single speaker"),
                                                 ("assad", False, "nearest-name rule"),
                                                 ("hammond", False, "other man at the news conference"),
                                                 ("reporter", False, "comes from the journalist")])
def test_who_is_he(wapo_set, option, right, phrase):
    fb = wapo_set["who-is-he"].answer(option)
    assert fb.right is right and phrase in fb.text


def test_who_is_he_only_on_the_post(invented_set):
    assert invented_set["who-is-he"].answer("kerry").key == "not-for-this-article"


@pytest.mark.parametrize("guess,key", [("89", "close"), ("80", "close"), ("95", "close"), ("50", "far"), ("10", "far")])
def test_share_of_words(wapo_set, guess, key):
    fb = wapo_set["share-of-words"].answer(guess)
    assert fb.key == key and "Kerry has 89%" in fb.text  # 333 of 376 quoted words


def test_share_of_words_invented(invented_set):
    fb = invented_set["share-of-words"].answer("70")
    assert fb.key == "close" and "Ruiz has 68%" in fb.text  # 37 of 54


@pytest.mark.parametrize("typed,key", [("3", "right"), ("3.0", "right"), ("1", "wrong:0"), ("4", "other")])
def test_first_direct_quote(wapo_set, typed, key):
    assert wapo_set["first-direct-quote"].answer(typed).key == key


def test_first_direct_quote_invented(invented_set):
    assert invented_set["first-direct-quote"].answer("3").key == "right"  # “We’re not going to wait …” in paragraph 3
    assert invented_set["first-direct-quote"].answer("1").key == "wrong:0"


@pytest.mark.parametrize("option,right", [("distance", True), ("same", False), ("firm", False), ("concede", False)])
def test_verb_connotation(wapo_set, option, right):
    assert wapo_set["verb-connotation"].answer(option).right is right


def test_absent_voices(wapo_set):
    ex = wapo_set["absent-voices"]
    assert ex.answer(["assad", "russia", "refugees"]).key == "right"
    fb = ex.answer(["assad", "russia"])
    assert fb.key == "missed" and fb.entries == ["missed:refugees"]
    fb = ex.answer(["assad", "russia", "refugees", "hammond"])
    assert fb.key == "wrong" and fb.entries == ["option:hammond"] and "comes late" in fb.text
    assert ex.answer(["kerry"]).entries == ["option:kerry", "missed:assad", "missed:russia", "missed:refugees"]
