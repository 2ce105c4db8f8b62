"""Lesson 02 (tokens and sentences): the notebook's findings against values read by hand from the two
articles, the tokenizer helpers and playground, and every exercise of the practice set answered
right, in equivalent forms, and with each typical wrong answer.

Expected values are written out here from the texts in data/articles/; comments show the counting.
"""

import json
import re

import nltk
import pytest
from nltk.tokenize import TreebankWordTokenizer

from newslab import tokens as tk
from newslab.exercises import read_set
from tests.conftest import practice
from tests.notebook_runner import ROOT, notebook_values

LESSON = "notebooks/02_tokens_and_sentences.ipynb"
WAPO = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"
ELLIPSIS = ".\u2009.\u2009."


@pytest.fixture(scope="module")
def post():
    return notebook_values(LESSON, "post")


@pytest.fixture(scope="module")
def invented():
    return notebook_values(LESSON, "invented")


# ---------------------------------------------------------------- the notebook on the Post article

def test_post_four_tokenizers_on_the_lede(post):
    # The lede has 40 pieces between spaces. The regex also cuts "F." (+1), "al-Assad" (+2),
    # "power," (+1) and "exit." (+1); Treebank and word_tokenize cut only "power," and "exit.".
    assert post["lede_token_counts"] == {"str.split": 40, "regex": 45, "Treebank": 42, "word_tokenize": 42}
    assert post["stuck"] == ["F.", "power,", "exit."]


def test_post_hard_cases_found_in_the_body(post):
    cases = post["hard_cases"]
    # in order of first appearance: paragraph 3 We’re; 4 We’ve, that’s, we’re; 6 doesn’t, There’s,
    # don’t; 7 Syria’s; 8 That’s; 9 Kerry’s; 13 Russia’s; 15 they’re (Assad’s is in a related headline)
    assert cases["curly apostrophe"] == ["We’re", "We’ve", "that’s", "we’re", "doesn’t", "There’s", "don’t",
                                         "Syria’s", "That’s", "Kerry’s", "Russia’s", "they’re"]
    assert cases["curly quotation marks"] == ["“", "”"]
    assert cases["abbreviation with full stops"] == ["U.N.", "U.S."]  # paragraph 9, then paragraph 16
    assert cases["middle initial"] == ["John F. Kerry", "Ashton B. Carter"]
    assert cases["spaced ellipsis"] == [ELLIPSIS]  # the same ellipsis twice in paragraph 15
    assert cases["hyphenated word"] == ["al-Assad"]
    assert cases["number"] == ["2012"]


def test_post_curly_apostrophe_and_ellipsis(post):
    assert post["contraction"] == "We’re"
    assert post["curly_tokens"] == ["We", "’", "re"]
    assert post["straight_tokens"] == ["We", "'re"]
    assert post["ellipsis_spaces"] == ["THIN SPACE", "THIN SPACE"]
    assert post["ellipsis_typed_is_found"] is False


def test_post_hyphenated_name(post):
    # "Assad" in the body: al-Assad (1), Is Assad prepared (3), Assad has refused (4), Assad has to go
    # (5), Assad is to blame and prop up Assad (11), bolsters Assad (14), is Assad and shoring up Assad (15)
    assert post["hyphenated"] == "al-Assad"
    assert post["last_part_in_text"] == 9
    assert post["last_part_tokens"] == 8


def test_post_table_of_hard_cases(post):
    kept = post["kept_whole"]
    tools = ["str.split", "regex", "Treebank", "word_tokenize"]

    def row(*values):
        return dict(zip(tools, values))

    assert kept["abbreviation with full stops: U.S."] == row(True, False, True, True)
    assert kept["abbreviation with full stops: U.N."] == row(True, False, True, True)
    assert kept["middle initial: F."] == row(True, False, True, True)
    assert kept["middle initial: B."] == row(True, False, True, True)
    assert kept["hyphenated word: al-Assad"] == row(True, False, True, True)
    assert kept["curly apostrophe: We’re"] == row(False, False, False, False)
    assert kept["spaced ellipsis: .⟨thin space⟩.⟨thin space⟩."] == row(False, False, False, False)
    assert kept["number: 2012"] == row(True, True, True, True)
    # “We’re: split glues the mark to the word, and so does Treebank (it knows only straight quotes)
    assert kept["curly quotation marks: “"] == row(False, True, False, True)


def test_post_sentences(post):
    # Block by block: body 44 (1+1+4+5+1+5+2+2+2+1+3+3+1+10+1+2), captions 2 + 2, related 4: 52.
    # The whole file at once merges the photo credit with the lede, the video credit with paragraph
    # 13, and "Read more" with the three headlines: 52 − 1 − 1 − 3 = 47.
    assert len(post["body_sentences"]) == 44
    assert len(post["sentences_whole_file"]) == 47
    assert len(post["across_blocks"]) == 3
    assert post["across_blocks"][0].startswith("(Evan Vucci/Associated Press)\n\nSecretary of State John F. Kerry said")
    assert post["lede_sentence_has_more_in_front"] is True
    assert post["letterless_sentences"] == [".", ".\u2009.", ".\u2009."]
    assert post["lowercase_starts"] == ["he asked.", "they’re bringing in more equipment, shoring up Assad and say "
                                                     "they’re going after ISIL."]
    # paragraph 15 goes from 10 pieces to 6 sentences once each ellipsis is one character
    assert len(post["repaired_sentences"]) == 40
    assert post["repaired_letterless"] == []


def test_post_types_and_tokens(post):
    assert (len(post["example"]), len(set(post["example"]))) == (6, 4)
    # Token and type totals recorded from the notebook; the differences were checked by hand:
    # lower-casing merges 11 word types (But, Foreign, In, Is, Peace, So, That, The, There, They, We
    # with their small-letter forms), and 8 types have no letter (, . : ? ’ “ ” and 2012).
    assert post["token_count"] == 963
    assert post["type_count"] == 375
    assert post["word_token_count"] == 827
    assert post["word_type_count"] == 367
    assert post["folded_type_count"] == 356
    assert post["token_count"] - post["word_token_count"] == 136


# ---------------------------------------------------------------- the notebook on the invented article

def test_invented_hard_cases_present_and_absent(invented):
    cases = invented["hard_cases"]
    assert cases["curly apostrophe"] == ["We’re", "We’ve"]
    assert cases["curly quotation marks"] == ["“", "”"]
    assert cases["number"] == ["2019", "4.2"]
    for absent in ("abbreviation with full stops", "middle initial", "spaced ellipsis", "hyphenated word"):
        assert cases[absent] == []
    assert invented["ellipsis_spaces"] == []
    assert invented["hyphenated"] is None
    kept = invented["kept_whole"]
    assert kept["number: 4.2"] == {"str.split": True, "regex": False, "Treebank": True, "word_tokenize": True}
    assert kept["number: 2019"] == {"str.split": False, "regex": True, "Treebank": True, "word_tokenize": True}


def test_invented_lede_and_sentences(invented):
    # 30 pieces; "months," and "repairs." each add one for the others
    assert invented["lede_token_counts"] == {"str.split": 30, "regex": 32, "Treebank": 32, "word_tokenize": 32}
    # body 1+1+3+2+1+2+1 = 11; caption 2 and related 3 make 16 block by block; the whole file merges
    # the credit with the lede and "Read more" with two headlines: 16 − 1 − 2 = 13
    assert len(invented["body_sentences"]) == 11
    assert len(invented["sentences_whole_file"]) == 13
    assert len(invented["across_blocks"]) == 2
    assert invented["lede_sentence_has_more_in_front"] is True
    assert invented["letterless_sentences"] == [] and invented["lowercase_starts"] == []
    assert len(invented["repaired_sentences"]) == 11


def test_invented_types_and_tokens(invented):
    # str.split gives 30 + 21 + 33 + 15 + 24 + 15 + 17 = 155 pieces. word_tokenize adds the marks it
    # splits off, paragraph by paragraph: +2, +4 (two commas, the full stop, and "cannot" → can + not),
    # +9, +9, +3, +7, +1 = 35, so 190 tokens; 156 of them contain a letter.
    assert invented["token_count"] == 190
    assert invented["word_token_count"] == 156
    assert invented["type_count"] == 114
    assert invented["word_type_count"] == 107
    assert invented["folded_type_count"] == 104


# ---------------------------------------------------------------- newslab.tokens

def test_find_hard_cases_by_hand():
    text = "“We’re here,” said U.S. envoy Ann B. Ruiz in al-Qamishli. Obviously. .\u2009.\u2009. It cost 4.2 million in 2012."
    found = tk.find_hard_cases(text)
    assert found == {"curly apostrophe": ["We’re"], "curly quotation marks": ["“", "”"],
                     "abbreviation with full stops": ["U.S."], "middle initial": ["Ann B. Ruiz"],
                     "spaced ellipsis": [ELLIPSIS], "hyphenated word": ["al-Qamishli"], "number": ["4.2", "2012"]}
    assert tk.find_hard_cases("plain words only") == {name: [] for name in tk.HARD_CASES}


def test_an_ellipsis_after_a_full_stop_is_found_once_and_whole():
    # "Obviously." ends with a full stop just before the ellipsis: the pattern must not start there
    assert tk.find_hard_cases("Obviously. . . . The")["spaced ellipsis"] == [". . ."]
    assert tk.HARD_CASES["spaced ellipsis"][0].findall("Obviously. . . . The") == [". . ."]


def test_visible_space_names_and_show_tokens():
    assert tk.visible(ELLIPSIS) == ".⟨thin space⟩.⟨thin space⟩."
    assert tk.visible("a\u00a0b\nc") == "a⟨no-break space⟩b⟨line break⟩c"
    assert tk.space_names(". .\u2009.") == ["SPACE", "THIN SPACE"]
    assert tk.show_tokens(["We", "’", "re"]) == "We │ ’ │ re"


def test_around_stays_inside_one_paragraph():
    text = "First block ends here.\n\nOne two three four FIVE six seven eight nine.\n\nNext block."
    assert tk.around(text, "FIVE", words=2) == "three four FIVE six seven"
    assert tk.around(text, "One", words=3) == "One two three four"
    assert tk.around(text, "absent") == ""


def test_side_by_side_counts_and_lines():
    shown = tk.side_by_side("U.S. talks.", {"split": str.split, "regex": lambda s: re.findall(r"\w+|[^\w\s]", s)})
    lines = shown.splitlines()
    assert lines[0] == "text: U.S. talks."
    assert lines[1:3] == ["split  2 tokens", "    U.S. │ talks."]
    assert lines[3:5] == ["regex  6 tokens", "    U │ . │ S │ . │ talks │ ."]


LONG = ("Secretary of State John F. Kerry said Saturday that the United States is willing to negotiate "
        "the conditions and timing for Syrian President Bashar al-Assad to step down from power.")


def test_side_by_side_wraps_between_tokens_never_inside_one():
    shown = tk.side_by_side(LONG, {"str.split": str.split, "word_tokenize": lambda s: s.replace(".", " .").split()})
    lines = shown.splitlines()
    assert all(len(line) <= tk.WIDTH for line in lines), [line for line in lines if len(line) > tk.WIDTH]
    assert len(lines) > 4  # the text and both token lists did wrap
    # Every word of the text survives whole on some line: nothing was cut inside a word.
    words_shown = {w for line in lines for w in line.replace("│", " ").split()}
    assert set(LONG.split()) <= words_shown | {"text:"}
    header = f"str.split  {len(LONG.split())} tokens"
    tokens_again = [t.strip() for line in lines[lines.index(header) + 1:lines.index(header) + 5]
                    if line.startswith("    ") for t in line.split("│") if t.strip()]
    assert tokens_again[:len(LONG.split())] == LONG.split()


def test_show_tokens_wraps_at_the_width_and_keeps_a_long_token_whole():
    tokens = ["negotiate"] * 20 + ["x" * 100]
    lines = tk.show_tokens(tokens, width=40).splitlines()
    assert all(len(line) <= 40 for line in lines[:-1]) and lines[-1] == "x" * 100
    assert [t.strip() for line in lines for t in line.split("│") if t.strip()] == tokens


def test_the_playground_compares_the_ticked_tokenizers():
    board = tk.playground("“We’re open,” he said.")
    assert "word_tokenize" in board.last and "str.split" in board.last
    board.ticks["str.split"].value = False
    board.ticks["regex"].value = False
    board.text.value = "the U.S. approach"
    board.button.click()
    assert "str.split" not in board.last and "TreebankWordTokenizer" in board.last
    assert "U.S. │ approach" in board.last
    for tick in board.ticks.values():
        tick.value = False
    assert board.compare() == "Tick at least one tokenizer."
    board.text.value = "   "
    assert board.compare() == "Type a sentence in the box first."


def test_standard_tokenizers_are_the_four_of_the_lesson():
    tools = tk.standard_tokenizers()
    assert list(tools) == ["str.split", "regex", "TreebankWordTokenizer", "word_tokenize"]
    assert tools["regex"]("power, and") == ["power", ",", "and"]


# ---------------------------------------------------------------- the practice set

SET = "02_tokens_and_sentences"  # the practice set of the wapo_set and invented_set fixtures (tests/conftest.py)


def test_the_set_has_enough_exercises_of_enough_kinds_and_serves_the_objectives():
    data = read_set("02_tokens_and_sentences")
    kinds = {e["kind"] for e in data["exercises"]}
    assert len(data["exercises"]) >= 6 and len(kinds) >= 3
    assert {"predict", "function"} <= kinds
    assert {e["objective"] for e in data["exercises"]} == {"02.1", "02.2", "02.3", "02.4"}
    lesson = json.loads((ROOT / LESSON).read_text(encoding="utf-8"))["metadata"]["newslab"]
    assert data["objectives"] == lesson["objectives"]


@pytest.mark.parametrize("exercise_id", ["ellipsis-thin-spaces", "caption-runs-into-lede"])
def test_one_answer_choices_every_option(wapo_set, exercise_id):
    exercise = wapo_set.exercise(exercise_id)
    for option in exercise.spec["options"]:
        exercise.reset()
        feedback = exercise.answer(option["id"])
        assert feedback.right is option["correct"] and feedback.text == option["feedback"]


@pytest.mark.parametrize("exercise_id, right", [("split-keeps-punctuation", {"regex", "treebank", "word-tokenize"}),
                                                ("bad-boundary", {"asked", "dots"})])
def test_several_answer_choices(wapo_set, exercise_id, right):
    exercise = wapo_set.exercise(exercise_id)
    assert exercise.answer(sorted(right)).right is True
    options = {o["id"]: o for o in exercise.spec["options"]}
    for option_id in right:
        exercise.reset()
        feedback = exercise.answer(sorted(right - {option_id}))
        assert feedback.status == "partial" and options[option_id]["missed"] in feedback.text
    for option_id in set(options) - right:
        exercise.reset()
        feedback = exercise.answer(sorted(right | {option_id}))
        assert feedback.right is False and options[option_id]["feedback"] in feedback.text


def test_split_keeps_punctuation_answer_matches_the_tokenizers():
    cut = {"split": "said,".split(), "words-only": re.findall(r"\w+", "said,"),
           "regex": re.findall(r"\w+|[^\w\s]", "said,"), "treebank": TreebankWordTokenizer().tokenize("He said, no"),
           "word-tokenize": nltk.word_tokenize("He said, no")}
    assert cut["split"] == ["said,"] and cut["words-only"] == ["said"]
    assert cut["regex"] == ["said", ","]
    assert cut["treebank"][1:3] == ["said", ","] and cut["word-tokenize"][1:3] == ["said", ","]


def test_bad_boundary_options_are_what_sent_tokenize_returns(post):
    quoted = [o["text"].strip("“”") for o in read_set("02_tokens_and_sentences")["exercises"][-2]["options"]]
    assert "he asked." in post["body_sentences"] and "Really negotiate?" in post["body_sentences"]
    assert "They are leaving Syria.”" in post["body_sentences"] and "“We’re open." in post["body_sentences"]
    assert quoted[0] == "he asked."


def test_written_for_the_post_only(invented_set):
    for exercise_id in ("ellipsis-thin-spaces", "bad-boundary"):
        assert invented_set.exercise(exercise_id).applies is False


@pytest.mark.parametrize("typed, key", [("7", "right"), (" 7.0 ", "right"), ("9", "wrong:0"), ("6", "wrong:1"),
                                        ("5", "wrong:2"), ("8", "other")])
def test_types_in_example(invented_set, typed, key):
    assert invented_set.exercise("types-in-example").answer(typed).key == key


def test_types_in_example_values_by_nltk():
    tokens = nltk.word_tokenize("The cat and the dog saw the cat.")
    assert len(tokens) == 9 and len(set(tokens)) == 7
    assert len({t.lower() for t in tokens}) == 6 and len({t for t in tokens if t.isalpha()}) == 6
    assert len({t.lower() for t in tokens if t.isalpha()}) == 5


@pytest.mark.parametrize("article_id, split_count, word_count", [(WAPO, 16, 22), (INVENTED, 17, 23)])
def test_predict_token_counts(article_id, split_count, word_count):
    # “We’re prepared to negotiate,” Kerry said at a news conference with British Foreign Minister
    # Philip Hammond. → 16 pieces; word_tokenize adds “, We/’/re (+2), the comma, ” and the full stop: 22.
    # “We’re not going to wait for an accident,” Ruiz said at a news conference beside the river. → 17 and 23.
    exercises = practice(SET, article_id)
    split = exercises.exercise("predict-split-count")
    assert split.result() == split_count
    assert split.answer(split_count + 1).key == "close"
    split.reset()
    assert split.answer(split_count * 3).key == "far"
    word = exercises.exercise("predict-word-tokenize-count")
    assert word.result() == word_count
    feedback = word.answer(word_count)
    assert feedback.key == "close" and f"makes {word_count} tokens" in feedback.text
    word.reset()
    # a guess equal to the str.split count is the typical mistake "word_tokenize cuts where split does"
    feedback = word.answer(split_count)
    assert feedback.key == "typical:0" and "only where `str.split()` does" in feedback.text
    word.reset()
    assert word.answer(split_count * 3).key == "far"


@pytest.mark.parametrize("article_id", [WAPO, INVENTED])
def test_predict_closeness_is_relative_so_similar_misses_read_alike(article_id):
    # 15 against 16 and 20 against 22 are both a miss by about a tenth: both are "close".
    exercises = practice(SET, article_id)
    word = exercises.exercise("predict-word-tokenize-count")
    result = word.result()
    assert word.answer(result - 2).key == "close"
    split = exercises.exercise("predict-split-count")
    assert split.answer(split.result() + 1).key == "close"


@pytest.mark.parametrize("article_id, split_count", [(WAPO, 16), (INVENTED, 17)])
def test_predict_split_count_off_by_one_counts_the_spaces(article_id, split_count):
    split = practice(SET, article_id).exercise("predict-split-count")
    feedback = split.answer(split_count - 1)
    assert feedback.key == "typical:0" and "number of spaces" in feedback.text
    split.reset()
    assert split.answer(split_count).key == "close"  # the right number is never told it is a typical mistake


def test_hard_cases_pick(invented_set):
    exercise = invented_set.exercise("hard-cases-pick")
    assert exercise.answer(["U.S.", "B.", "al-Qamishli"]).right is True
    exercise.reset()
    feedback = exercise.answer(["U.S.", "B."])
    assert feedback.entries == ["note:al-Qamishli"]
    exercise.reset()
    feedback = exercise.answer(["U.S.", "B.", "al-Qamishli", "We’re"])
    assert feedback.entries == ["note:We’re"] and "Both cut it" in feedback.text


def test_hard_cases_pick_targets_are_where_the_tokenizers_differ():
    spec = next(e for e in read_set("02_tokens_and_sentences")["exercises"] if e["id"] == "hard-cases-pick")
    differ = [word for word in spec["tokens"]
              if re.findall(r"\w+|[^\w\s]", word) != nltk.word_tokenize(f"x {word} y")[1:-1]]
    assert differ == spec["targets"]


def tokenize_reference(text):
    return re.findall(r"(?:[A-Z]\.){2,}|\w+|[^\w\s]", text)


def tokenize_plus(text):
    return re.findall(r"(?:[A-Z]\.)+(?=[A-Z]|\s|$)|\w+|[^\w\s]", text)


def tokenize_split(text):
    return text.split()


def tokenize_words_only(text):
    return re.findall(r"\w+", text)


def tokenize_lesson_pattern(text):
    return re.findall(r"\w+|[^\w\s]", text)


def tokenize_needs_a_space_after(text):
    return re.findall(r"(?:[A-Z]\.){2,}(?=\s)|[A-Z](?:\.[A-Z])+|\w+|[^\w\s]", text)


def tokenize_ascii_marks(text):
    return re.findall(r"(?:[A-Z]\.){2,}|\w+|[.,!?]", text)


def tokenize_none_when_empty(text):
    return tokenize_reference(text) if text else None


@pytest.mark.parametrize("function", [tokenize_reference, tokenize_plus])
def test_abbreviation_tokenizer_right(wapo_set, function):
    assert wapo_set.exercise("abbreviation-tokenizer").check(function).right is True


@pytest.mark.parametrize("function, key", [
    (tokenize_split, "case:0:wrong:0"),
    (tokenize_words_only, "case:0:wrong:1"),
    (tokenize_lesson_pattern, "case:1:wrong:0"),
    (tokenize_needs_a_space_after, "case:2:wrong:0"),
    (tokenize_ascii_marks, "case:4"),
    (tokenize_none_when_empty, "case:5"),
])
def test_abbreviation_tokenizer_typical_mistakes(wapo_set, function, key):
    exercise = wapo_set.exercise("abbreviation-tokenizer")
    feedback = exercise.check(function)
    assert feedback.key == key
    assert exercise.feedback_entries()[key] in feedback.text


@pytest.mark.parametrize("article_id, right, wrong", [
    (WAPO, 44, {47: 0, 52: 1, 16: 2}),
    (INVENTED, 11, {13: 0, 16: 1, 7: 2})])
def test_sentence_count(article_id, right, wrong):
    exercise = practice(SET, article_id).exercise("sentence-count")
    for typed in (str(right), f"{right}.0"):
        exercise.reset()
        assert exercise.answer(typed).right is True
    for value, n in wrong.items():
        exercise.reset()
        assert exercise.answer(value).key == f"wrong:{n}"


@pytest.mark.parametrize("article_id, right, wrong", [
    (WAPO, 375, {963: 0, 367: 1, 356: 2}),
    (INVENTED, 114, {190: 0, 107: 1, 104: 2})])
def test_types_tokens_body(article_id, right, wrong):
    exercise = practice(SET, article_id).exercise("types-tokens-body")
    assert exercise.answer(f" {right} ").right is True
    for value, n in wrong.items():
        exercise.reset()
        feedback = exercise.answer(value)
        assert feedback.key == f"wrong:{n}" and feedback.text == exercise.spec["wrong"][n]["feedback"]
