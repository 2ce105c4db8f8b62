"""The exercise kit, kind by kind: right answers and their equivalent forms, each typical wrong
answer's own feedback, hints, reveal-after-attempt, reset, progress, and the coding sheet's
agreement against a hand calculation. The last test drives the tour notebook in a real kernel.

Expected values are written by hand here, never computed by the kit under test.
"""

import copy
import csv
import json
import os
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newslab
from newslab.exercises import PracticeSet, practice_set
from newslab import agreement
from newslab.exercises.coding import read_codings_csv
from newslab.exercises.feedback import STATUSES
from newslab.exercises.pick import tokenize
from newslab.normalise import normalise_text, parse_number
from newslab.progress import ProgressStore

ROOT = Path(__file__).resolve().parent.parent
WAPO = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Every test saves its progress and codings in its own throwaway NEWSLAB_HOME."""
    folder = tmp_path / "newslab-home"
    monkeypatch.setenv("NEWSLAB_HOME", str(folder))
    monkeypatch.delenv("NEWSLAB_ARTICLE", raising=False)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture(scope="module")
def wapo():
    return newslab.load_article(WAPO)


@pytest.fixture(scope="module")
def invented():
    return newslab.load_article(INVENTED)


def make_set(*exercises, written_for="any"):
    return {"set": "kit_test", "lesson": "99", "title": "Kit test", "written_for": written_for,
            "objectives": [{"id": "o1", "text": "Test the kit."}], "exercises": list(exercises)}


def common(id_, kind, **fields):
    return {"id": id_, "kind": kind, "objective": "o1", "question": f"Question of {id_}?",
            "hints": ["first hint", "second hint", "third hint"], "solution": f"Solution of {id_}.", **fields}


CHOICE_ONE = common("one", "choice", options=[
    {"id": "a", "text": "Alpha", "correct": True, "feedback": "Alpha is right because of A."},
    {"id": "b", "text": "Beta", "correct": False, "feedback": "Beta shows misconception B."},
    {"id": "c", "text": "Gamma", "correct": False, "feedback": "Gamma shows misconception C."}])
CHOICE_MANY = common("many", "choice", multiple=True, options=[
    {"id": "a", "text": "Alpha", "correct": True, "feedback": "A is furniture.", "missed": "You missed A: why A."},
    {"id": "b", "text": "Beta", "correct": True, "feedback": "B is furniture.", "missed": "You missed B: why B."},
    {"id": "c", "text": "Gamma", "correct": False, "feedback": "C is story: misconception C."}])
PICK = common("pick", "pick", sentence="Kerry said that Russia and Hammond said nothing.",
              targets=["said#1", "Hammond"], right="Right: said and Hammond.",
              notes={"said#1": "The first said was missed.", "Kerry": "Kerry is extra here.",
                     "said#2": "The second said is not a target."})
NUMBER = common("number", "answer", type="number", answer=16,
                wrong=[{"value": 22, "feedback": "22 counts every block."},
                       {"value_from": "body_and_caption_count", "feedback": "That adds the captions."}],
                right="16 body paragraphs.", other="Count again.")
DECIMAL = common("decimal", "answer", type="number", answer=0.62, tolerance=0.005,
                 wrong=[{"value": 0.8, "feedback": "0.8 is the observed agreement, not alpha."}],
                 right="alpha is .62")
TEXT = common("text", "answer", type="text", accept=["U.S.", "United States"],
              wrong=[{"value": ["US", "USA"], "feedback": "Without the full stops: the article writes U.S."},
                     {"value": "We’re", "feedback": "A curly-apostrophe wrong answer."}],
              right="The article writes U.S.")
FUNCTION = common("counter", "function", name="count_word", cases=[
    {"args": [["a", "b", "a"], "a"], "expected": 2, "question": "Do you add 1 for each match?"},
    {"args": [["Russia", "russia"], "russia"], "expected": 2, "question": "Did you lower-case the tokens?",
     "wrong": [{"result": 1, "question": "Only one matched: did you lower-case the tokens before counting?"}]},
    {"args": [[], "x"], "expected": 0, "question": "What about an empty list?"}],
    right="It counts.")
PREDICT_NUMBER = common("guess-number", "predict", guess="number", result=100, result_label="The count",
                        close_within="10%", feedback={"close": "Close guess.", "far": "Far guess."},
                        explanation="It is 100 because of reasons.")
PREDICT_CHOICE = common("guess-choice", "predict", guess="choice", result_from="body_paragraph_count",
                        options=[{"id": "lo", "text": "Under 10", "feedback": "You expected a short story."},
                                 {"id": "hi", "text": "10 or more", "feedback": "You expected a long story."}],
                        explanation="There are {{body_paragraph_count}} body paragraphs.")
CODING = common("sheet", "coding", units="paragraphs", first=3, interpretive=True,
                codebook=[{"id": "voice", "text": "Whose words?", "codes": ["reporter", "speaker"]},
                          {"id": "remedy", "text": "A remedy?", "codes": ["yes", "no"]}],
                reference={"written_for": WAPO, "coder": "ref",
                           "codes": {"p1": {"voice": "reporter", "remedy": "yes"},
                                     "p2": {"voice": "reporter", "remedy": "yes"},
                                     "p3": {"voice": "speaker", "remedy": "no"}},
                           "rationale": {"p1": {"voice": "R1v", "remedy": "R1r"}, "p2": {"voice": "R2v", "remedy": "R2r"},
                                         "p3": {"voice": "R3v", "remedy": "R3r"}}})


@pytest.fixture
def kit(wapo):
    data = make_set(CHOICE_ONE, CHOICE_MANY, PICK, NUMBER, DECIMAL, TEXT, FUNCTION, PREDICT_NUMBER, PREDICT_CHOICE,
                    CODING)
    return PracticeSet(copy.deepcopy(data), article=wapo)


# ---------------------------------------------------------------- normalising answers

def test_normalise_text_by_hand():
    assert normalise_text("  ISIL ") == "isil"
    assert normalise_text("“ISIL”") == "isil"
    assert normalise_text("We’re") == normalise_text("we're") == "we're"
    assert normalise_text("United\u2009States") == "united states"
    assert normalise_text("United\u00a0\u00a0States\n") == "united states"
    assert normalise_text(". .\u2009.\u2009.") == ". . . ."
    assert normalise_text("Da\u2019esh") == "da'esh"
    assert normalise_text("a\u200bb") == "ab"


def test_parse_number_by_hand():
    assert parse_number(" 16 ") == 16.0
    assert parse_number("16.0") == 16.0
    assert parse_number(".62") == 0.62
    assert parse_number("0,62") == 0.62
    assert parse_number("1,234") == 1234.0
    assert parse_number("1\u2009234") == 1234.0
    assert parse_number("\u221212") == -12.0
    assert parse_number("twelve") is None
    assert parse_number("nan") is None
    assert parse_number(True) is None


@settings(max_examples=200, deadline=None)
@given(word=st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=12),
       left=st.sampled_from(["", " ", "\u2009", "\u00a0", "\t", "\u202f "]),
       right=st.sampled_from(["", " ", "\u2009", "\n", "\u3000"]))
def test_normalise_ignores_spaces_quotes_and_apostrophes(word, left, right):
    base = normalise_text(f"{word}'s")
    assert normalise_text(f"{left}{word}\u2019s{right}") == base
    assert normalise_text(f"“{word}'s”") == base
    assert normalise_text(f"{left}{word}'s{right}".upper()) == normalise_text(f"{word}'s".upper())


def test_pick_tokenizer_by_hand():
    assert tokenize("The U.S. and al-Assad’s forces said: “go.”") == [
        "The", "U.S.", "and", "al-Assad’s", "forces", "said", ":", "“", "go", ".", "”"]


# ---------------------------------------------------------------- choice

def test_choice_one_answer_each_option_has_its_own_feedback(kit):
    ex = kit["one"]
    fb = ex.answer("b")
    assert (fb.key, fb.status, fb.right) == ("option:b", "wrong", False)
    assert "misconception B" in fb.text and fb.plain().startswith("✗")
    assert ex.answer("c").text == "Gamma shows misconception C."
    fb = ex.answer("a")
    assert (fb.key, fb.right) == ("option:a", True)
    assert fb.plain().startswith("✓ Right.") and "because of A" in fb.text
    assert ex.attempts == 3


def test_choice_nothing_selected_is_not_an_attempt(kit):
    ex = kit["one"]
    fb = ex.answer(None)
    assert fb.key == "empty" and ex.attempts == 0
    assert ex.reveal_solution() is None and ex.solution_button.disabled


def test_choice_several_answers(kit):
    ex = kit["many"]
    fb = ex.answer(["a"])
    assert fb.key == "missed" and fb.entries == ["missed:b"] and "why B" in fb.text and fb.right is False
    fb = ex.answer(["a", "c"])
    assert fb.key == "wrong" and fb.entries == ["option:c", "missed:b"]
    assert "misconception C" in fb.text and "why B" in fb.text
    fb = ex.answer(["b", "a"])
    assert fb.key == "right" and fb.right and "A is furniture." in fb.text and "B is furniture." in fb.text
    # the check boxes hold what was answered
    assert [box.value for box in ex.boxes.values()] == [True, True, False]


# ---------------------------------------------------------------- pick

def test_pick_names_missed_and_extra_tokens(kit):
    ex = kit["pick"]
    assert ex.tokens == ["Kerry", "said", "that", "Russia", "and", "Hammond", "said", "nothing", "."]
    fb = ex.answer(["Hammond", "Kerry", 6])
    assert fb.details == {"missed": ["said"], "extra": ["Kerry", "said"]}
    assert "Missed: “said”." in fb.text and "Not part of the answer: “Kerry”, “said”." in fb.text
    assert fb.entries == ["note:said#1", "note:Kerry", "note:said#2"]
    assert fb.status == "partial" and fb.key == "missed+extra"
    fb = ex.answer([1, "Hammond"])
    assert fb.key == "right" and fb.text == "Right: said and Hammond."
    assert ex.buttons[1].description == "✓ said" and ex.buttons[0].description == "Kerry"


def test_pick_nothing_selected(kit):
    ex = kit["pick"]
    assert ex.answer([]).key == "empty" and ex.attempts == 0


# ---------------------------------------------------------------- answer

@pytest.mark.parametrize("typed", ["16", " 16 ", "16.0", "16\u2009", "\u00a016"])
def test_number_right_in_equivalent_forms(kit, typed):
    fb = kit["number"].answer(typed)
    assert fb.key == "right" and fb.right


def test_number_typical_wrong_answers_have_their_own_feedback(kit):
    ex = kit["number"]
    assert ex.answer("22").text == "22 counts every block."
    fb = ex.answer("18")  # 16 body paragraphs + 2 captions, counted by hand
    assert fb.key == "wrong:1" and fb.text == "That adds the captions."
    fb = ex.answer("17")
    assert fb.key == "other" and fb.text == "Count again."
    fb = ex.answer("sixteen")
    assert fb.key == "not-a-number" and ex.attempts == 3


@pytest.mark.parametrize("typed,key", [(".62", "right"), ("0,62", "right"), ("0.624", "right"), ("0.616", "right"),
                                       ("0.63", "other"), ("0.8", "wrong:0"), (".80", "wrong:0")])
def test_number_tolerance(kit, typed, key):
    assert kit["decimal"].answer(typed).key == key


@pytest.mark.parametrize("typed", ["U.S.", "u.s.", " U.S. ", "“U.S.”", "'U.S.'", "United States", "united\u2009states",
                                   "UNITED\u00a0STATES"])
def test_text_right_in_equivalent_forms(kit, typed):
    assert kit["text"].answer(typed).key == "right"


@pytest.mark.parametrize("typed,key", [("US", "wrong:0"), ("usa", "wrong:0"), ("we're", "wrong:1"), ("We’re", "wrong:1"),
                                       ("Britain", "other"), ("   ", "empty")])
def test_text_typical_wrong_answers(kit, typed, key):
    assert kit["text"].answer(typed).key == key


# ---------------------------------------------------------------- function

def test_function_right(kit):
    def count_word(tokens, word):
        return sum(1 for t in tokens if t.lower() == word.lower())
    fb = kit["counter"].check(count_word)
    assert fb.key == "right" and fb.text == "All 3 checks pass. It counts."


def test_function_guiding_question_for_first_failing_case(kit):
    def count_word(tokens, word):
        return tokens.count(word)
    fb = kit["counter"].check(count_word)
    assert fb.key == "case:1:wrong:0"
    assert "did you lower-case the tokens before counting?" in fb.text
    assert "count_word(['Russia', 'russia'], 'russia')" in fb.text and "returned `1`" in fb.text

    def count_word(tokens, word):
        return len(tokens)
    fb = kit["counter"].check(count_word)
    assert fb.key == "case:0" and "Do you add 1 for each match?" in fb.text


def test_function_forgotten_return(kit):
    def count_word(tokens, word):
        sum(1 for t in tokens if t == word)
    fb = kit["counter"].check(count_word)
    assert fb.key == "case:0" and "does your function end with a `return` line?" in fb.text


def test_function_error_is_shown_kindly_with_the_learners_line(kit):
    def count_word(tokens, word):
        lowered = tokens.lower()  # a list has no lower()
        return lowered
    fb = kit["counter"].check(count_word)
    assert fb.key == "error" and fb.status == "wrong"
    assert "AttributeError: 'list' object has no attribute 'lower'" in fb.text
    assert "lowered = tokens.lower()  # a list has no lower()" in fb.text
    assert "test_exercise_kit.py" in fb.text and "Traceback" not in fb.text


def test_function_error_in_a_notebook_cell_names_the_cell_line(kit):
    namespace = {}
    code = "def count_word(tokens, word):\n    x = 1\n    return undefined_name\n"
    exec(compile(code, "/tmp/ipykernel_123/4567.py", "exec"), namespace)
    fb = kit["counter"].check(namespace["count_word"])
    assert "line 3 of the cell where you wrote it" in fb.text
    assert "NameError" in fb.text and "spelled the same" in fb.text


def test_function_the_checker_survives_anything(kit):
    class Weird:
        def __eq__(self, other):
            raise RuntimeError("no comparing me")
    fb = kit["counter"].check(lambda tokens, word: Weird())
    assert fb.key == "case:0"
    fb = kit["counter"].check(lambda tokens, word: 1 / 0)
    assert fb.key == "error" and "ZeroDivisionError" in fb.text
    fb = kit["counter"].check(42)
    assert fb.key == "not-callable" and kit["counter"].attempts == 2


def test_function_that_never_ends_is_stopped_with_a_question(kit, monkeypatch):
    import time

    from newslab import config

    monkeypatch.setattr(config, "FUNCTION_TIME_LIMIT_SECONDS", 0.3)

    def endless(tokens, word):
        while True:
            try:
                time.sleep(0.01)
            except Exception:  # a learner's broad except must not swallow the stop
                pass

    started = time.perf_counter()
    fb = kit["counter"].check(endless)
    assert time.perf_counter() - started < 3
    assert fb.key == "timeout" and "still running after 0.3 seconds" in fb.text and "loop that never ends" in fb.text
    assert kit["counter"].check(lambda tokens, word: sum(t.lower() == word.lower() for t in tokens)).right


def test_function_cannot_change_the_test_cases(kit):
    def count_word(tokens, word):
        tokens.clear()
        return 0
    kit["counter"].check(count_word)
    assert kit["counter"].cases[0]["args"] == [["a", "b", "a"], "a"]


# ---------------------------------------------------------------- predict

def test_predict_hides_the_result_until_the_guess_is_committed(kit):
    ex = kit["guess-number"]
    widget = ex.widget()
    assert ex.reveal_box.value == ""
    assert "100" not in json.dumps([getattr(c, "value", "") for c in widget.children if hasattr(c, "value")])
    assert ex.answer("").key == "empty"
    fb = ex.answer("95")
    assert fb.key == "close" and fb.status == "compare" and "Close guess." in fb.text
    assert "It is 100 because of reasons." in fb.text
    assert "<strong>Your guess</strong>" in ex.reveal_box.value and ">95<" in ex.reveal_box.value
    assert ">100<" in ex.reveal_box.value and ex.input.disabled and ex.check_button.disabled
    assert ex.submit().key == "empty" and ex.attempts == 1
    ex.reset()
    assert ex.reveal_box.value == "" and not ex.input.disabled
    assert ex.answer("150").key == "far"


def test_predict_choice_uses_a_computed_result(kit):
    fb = kit["guess-choice"].answer("lo")
    assert fb.key == "option:lo" and "You expected a short story." in fb.text
    assert "There are 16 body paragraphs." in fb.text  # 16, counted by hand in the article
    assert ">16<" in kit["guess-choice"].reveal_box.value


# ---------------------------------------------------------------- hints, solution, reset

def test_hint_ladder_solution_after_an_attempt_and_reset(kit):
    ex = kit["one"]
    ex.widget()
    assert ex.hint_button.description == "Hint 1 of 3"
    assert ex.hint() == "first hint"
    assert ex.hint_button.description == "Hint 2 of 3" and "second hint" not in ex.hint_box.value
    ex.hint_button.click()
    assert "second hint" in ex.hint_box.value and ex.hints_shown == 2
    assert ex.hint() == "third hint" and ex.hint_button.disabled and ex.hint() is None
    assert ex.solution_button.disabled and ex.reveal_solution() is None and ex.solution_box.value == ""
    ex.answer("b")
    assert not ex.solution_button.disabled
    ex.solution_button.click()
    assert ex.solution_shown and "Solution of one." in ex.solution_box.value
    ex.reset_button.click()
    assert (ex.attempts, ex.hints_shown, ex.solution_shown, ex.last_feedback) == (0, 0, False, None)
    assert ex.radio.value is None and ex.feedback_box.value == "" and ex.hint_box.value == ""
    assert ex.solution_box.value == "" and ex.solution_button.disabled
    assert ex.hint_button.description == "Hint 1 of 3" and not ex.hint_button.disabled


@pytest.mark.parametrize("exercise_id,answer", [("many", ["c"]), ("pick", ["Kerry"]), ("number", "3"),
                                                 ("text", "x"), ("guess-number", "1")])
def test_every_kind_resets(kit, exercise_id, answer):
    ex = kit[exercise_id]
    ex.answer(answer)
    assert ex.attempts == 1
    ex.reset()
    assert ex.attempts == 0 and ex.feedback_box.value == "" and ex.solution_button.disabled
    assert ex.submit().key == "empty"


def test_feedback_is_never_colour_alone(kit):
    for status, (symbol, word, colour_name) in STATUSES.items():
        assert symbol and word
        assert newslab.config.PALETTE[colour_name]
    html = kit["one"].answer("b").html()
    assert "✗" in html and "Not yet." in html and newslab.config.PALETTE["vermillion"] in html
    html = kit["one"].answer("a").html()
    assert "✓" in html and "Right." in html and newslab.config.PALETTE["bluish green"] in html


def test_every_control_has_a_label(kit):
    import ipywidgets as w
    for ex in kit.exercises:
        stack = [ex.widget()]
        while stack:
            widget = stack.pop()
            stack.extend(getattr(widget, "children", ()))
            if isinstance(widget, (w.Button, w.ToggleButton)):
                assert widget.description.strip() and widget.tooltip, (ex.id, widget)
            elif isinstance(widget, (w.Text, w.Textarea, w.Dropdown, w.Checkbox)):
                assert widget.description.strip(), (ex.id, widget)
            elif isinstance(widget, w.RadioButtons):
                assert all(str(label).strip() for label in widget._options_labels), (ex.id, widget)


# ---------------------------------------------------------------- articles

def test_an_exercise_for_another_article_says_so_instead_of_grading(invented):
    data = make_set(common("furniture", "choice", written_for=WAPO, options=CHOICE_ONE["options"]))
    practice = PracticeSet(data, article=invented)
    ex = practice["furniture"]
    fb = ex.submit()
    assert fb.key == "not-for-this-article" and ex.attempts == 0
    assert fb.text.startswith("This exercise is written for the Washington Post article “Kerry says Syria's Assad")
    assert "invented-port-alder-bridge" in fb.text
    assert "written for the Washington Post article" in ex.widget().children[-1].value
    assert ProgressStore().events() == []


def test_computed_answers_follow_the_article(invented):
    practice = PracticeSet(make_set(_number_from()), article=invented)
    # The invented article has 7 body paragraphs, 1 caption and 11 blocks (counted by hand).
    ex = practice["number"]
    assert ex.answer("7").key == "right"
    assert ex.answer("8").key == "wrong:1"
    assert ex.answer("11").key == "wrong:0"
    assert ex.last_feedback.text == "All 11 blocks."


def _number_from():
    spec = common("number", "answer", type="number", answer_from="body_paragraph_count",
                  wrong=[{"value_from": "block_count", "feedback": "All {{block_count}} blocks."},
                         {"value_from": "body_and_caption_count", "feedback": "Captions too."}],
                  right="{{body_paragraph_count}}.")
    return spec


# ---------------------------------------------------------------- progress from exercises

def test_attempts_and_completions_are_saved(kit, home):
    kit["one"].answer("b")
    kit["one"].answer("a")
    store = ProgressStore()
    attempts = store.attempts("kit_test", "one")
    assert [(e["outcome"], e["key"]) for e in attempts] == [("wrong", "option:b"), ("right", "option:a")]
    assert store.completed() == {("kit_test", "one")}
    assert (home / "progress.json").exists()


def test_a_read_only_home_still_gives_feedback(kit, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSLAB_HOME", str(blocker / "newslab"))
    fb = kit["one"].answer("a")
    assert fb.key == "option:a" and fb.right
    assert kit["one"].progress_error.startswith("Could not save your progress in ")
    assert "\n" not in kit["one"].progress_error
    assert "Could not save your progress" in kit["one"].note_box.value


# ---------------------------------------------------------------- coding sheet

def test_agreement_matches_a_hand_calculation():
    # 2 coders, 10 binary items, 8 agreements, each coder 5 yes / 5 no.
    # Ao = 8/10 = .80; Cohen's kappa: Ae = .5*.5 + .5*.5 = .50, so (.80 - .50) / (1 - .50) = .60;
    # Krippendorff's alpha: Do = 2/10 = .20, De = 2*10*10 / (20*19) = .5263, so 1 - .20/.5263 = .62.
    a = ["yes"] * 5 + ["no"] * 5
    b = ["yes"] * 4 + ["no"] + ["yes"] + ["no"] * 4
    codings = {"A": {f"u{i}": {"q": a[i]} for i in range(10)}, "B": {f"u{i}": {"q": b[i]} for i in range(10)}}
    stats = agreement.per_question(codings, {"q": "q"}, interval=False)["q"]
    assert stats.units == 10
    assert stats.observed == pytest.approx(0.80)
    assert stats.kappa == pytest.approx(0.60)
    assert stats.alpha == pytest.approx(0.62)


def test_agreement_reports_no_alpha_on_few_units_and_no_coefficient_against_a_reference():
    codings = {"A": {"u1": {"q": "no"}, "u2": {"q": "no"}, "u3": {"q": "no"}},
               "B": {"u1": {"q": "no"}, "u2": {"q": "no"}}}
    stats = agreement.per_question(codings, {"q": "q"}, interval=False)["q"]
    assert stats.alpha is None and stats.kappa is None and "too few" in stats.alpha_note
    counts = agreement.reference_comparison(codings["B"], codings["A"], ["q"])
    assert (counts["compared"], counts["same"], counts["different"]) == (2, 2, 0)
    assert set(counts) >= {"questions", "rows"} and "alpha" not in str(counts)


def reference_like(ex, flip=None):
    codes = {"p1": {"voice": "reporter", "remedy": "yes"}, "p2": {"voice": "reporter", "remedy": "yes"},
             "p3": {"voice": "speaker", "remedy": "no"}}
    if flip:
        unit, question = flip
        codes[unit][question] = {"reporter": "speaker", "speaker": "reporter", "yes": "no", "no": "yes"}[codes[unit][question]]
    for unit, answers in codes.items():
        for question, code in answers.items():
            ex.code(unit, question, code)


def test_coding_interpretive_compares_and_never_marks_wrong(kit):
    ex = kit["sheet"]
    assert [u.id for u in ex.units()] == ["p1", "p2", "p3"]
    assert ex.compare_with_reference().key == "empty"
    reference_like(ex, flip=("p2", "voice"))
    fb = ex.compare_with_reference()
    assert fb.key == "differ" and fb.status == "compare" and fb.right is None
    assert fb.entries == ["rationale:p2:voice"] and "R2v" in fb.text and "R1v" not in fb.text
    assert "✗" not in fb.plain() and "wrong" not in fb.plain().lower()
    assert "You: **speaker** · the reference: **reporter**" in fb.text
    assert "what in the text made you choose" in fb.text
    # 6 codes compared, 5 the same; counts only, no kappa or alpha against a reference
    assert fb.details["comparison"]["same"] == 5 and fb.details["comparison"]["different"] == 1
    assert fb.details["comparison"]["questions"]["remedy"] == {"compared": 3, "same": 3, "different": 0}
    assert "κ" not in fb.text and "α" not in fb.text and "agreement with a reference" in fb.text
    ex.code("p2", "voice", "reporter")
    fb = ex.compare_with_reference()
    assert fb.key == "agree" and "agree on all 6 codes" in fb.text


def test_coding_graded_sheet_marks_differences(wapo):
    spec = copy.deepcopy(CODING) | {"interpretive": False}
    ex = PracticeSet(make_set(spec), article=wapo)["sheet"]
    reference_like(ex, flip=("p3", "remedy"))
    fb = ex.compare_with_reference()
    assert fb.status == "wrong" and fb.right is False and "R3r" in fb.text
    ex.code("p3", "remedy", "no")
    assert ex.compare_with_reference().status == "right"


def test_coding_saves_exports_and_compares_with_a_classmate(kit, home, tmp_path, wapo):
    ex = kit["sheet"]
    ex.widget()
    ex.coder_input.value = "ana"
    ex.radios["voice"].value = "reporter"  # through the widget, on the first unit
    ex.go(1)
    ex.radios["voice"].value = "speaker"
    ex.reason_input.value = "The quote marks."
    saved = json.loads((home / "codings" / "kit_test" / "sheet" / "ana.json").read_text(encoding="utf-8"))
    assert saved["codes"] == {"p1": {"voice": "reporter"}, "p2": {"voice": "speaker"}}
    assert saved["reasons"] == {"p2": "The quote marks."} and saved["article"] == WAPO
    path = ex.export_csv(tmp_path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["coder"], r["unit"], r["question"], r["code"]) for r in rows] == [
        ("ana", "p1", "voice", "reporter"), ("ana", "p2", "voice", "speaker")]
    assert rows[1]["reason"] == "The quote marks." and rows[0]["article"] == WAPO

    # A classmate's file: ben agrees on p1 and differs on p2.
    classmate = tmp_path / "coding-ben.csv"
    with open(classmate, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["coder", "unit", "question", "code", "set", "exercise", "article", "reason"])
        writer.writerow(["ben", "p1", "voice", "reporter", "kit_test", "sheet", WAPO, ""])
        writer.writerow(["ben", "p2", "voice", "reporter", "kit_test", "sheet", WAPO, ""])
        writer.writerow(["ben", "p2", "voice", "speaker", "kit_test", "other-exercise", WAPO, ""])
    assert read_codings_csv(classmate, exercise="sheet") == {"ben": {"p1": {"voice": "reporter"},
                                                                       "p2": {"voice": "reporter"}}}
    fb = ex.compare_with(classmate)
    assert fb.key == "classmate-differ" and fb.status == "compare"
    assert "your classmate: **reporter**" in fb.text and fb.details["compared"] == 2
    assert ex.compare_with(tmp_path / "nope.csv").key == "no-file"

    # A new session restores ana's codes.
    again = PracticeSet(make_set(copy.deepcopy(CODING)), article=wapo)["sheet"]
    again.coder = "ana"
    assert again.load_saved() and again.codes == saved["codes"]


def test_coding_reset_takes_two_presses_and_erases(kit, home):
    ex = kit["sheet"]
    ex.widget()
    ex.coder_input.value = "ana"
    ex.code("p1", "voice", "reporter")
    ex.reset_button.click()
    assert ex.codes and "Press again" in ex.reset_button.description
    ex.reset_button.click()
    assert ex.codes == {} and ex.reset_button.description == "Reset"
    saved = json.loads((home / "codings" / "kit_test" / "sheet" / "ana.json").read_text(encoding="utf-8"))
    assert saved["codes"] == {}


def test_coding_completion_is_recorded_once_all_units_are_coded(kit):
    ex = kit["sheet"]
    reference_like(ex)
    assert ProgressStore().completed() == {("kit_test", "sheet")}


def test_coding_reference_only_on_its_article(invented):
    ex = PracticeSet(make_set(copy.deepcopy(CODING)), article=invented)["sheet"]
    assert [u.id for u in ex.units()] == ["p1", "p2", "p3"]
    ex.code("p1", "voice", "reporter")
    fb = ex.compare_with_reference()
    assert fb.key == "no-reference" and "written for the Washington Post article" in fb.text
    assert ex.attempts == 0


def test_coding_rejects_unknown_codes(kit):
    with pytest.raises(ValueError, match="not a code of 'voice'"):
        kit["sheet"].code("p1", "voice", "editor")


# ---------------------------------------------------------------- the notebook API

def test_practice_set_api(kit):
    assert [e.id for e in kit.exercises][:3] == ["one", "many", "pick"]
    with pytest.raises(KeyError, match="Did you mean 'one'"):
        kit.exercise("onee")
    with pytest.raises(TypeError, match="is a choice exercise"):
        kit.check("one", print)
    key = kit.answer_key()
    assert key.startswith("# Answer key: Kit test")
    assert "| ✓ right | Alpha | Alpha is right because of A. |" in key
    assert "· 22: 22 counts every block." in key and "“U.S.” · “United States”" in key
    assert "| p1 | " in key and "| voice **reporter**: R1v · remedy **yes**: R1r |" in key


def test_tour_set_loads_and_its_key_is_complete(wapo):
    practice = practice_set("00_tour", article=wapo)
    kinds = {e.kind for e in practice.exercises}
    assert kinds == {"choice", "pick", "answer", "function", "predict", "coding"}
    key = practice.answer_key()
    for ex in practice.exercises:
        assert f"`{ex.id}`" in key


# ---------------------------------------------------------------- in a real kernel

DRIVE = r'''
import json
results = {}
ex = practice.exercise("video-caption")
results["choice-wrong"] = ex.answer("a").key
results["choice-right"] = ex.answer("b").key
ex = practice.exercise("page-furniture")
results["many"] = ex.answer(["photo", "read-more"]).key
ex = practice.exercise("verbs-of-saying")
results["pick"] = [ex.answer(["Kerry", "declared"]).key, ex.answer(["declared", "said"]).key]
ex = practice.exercise("body-paragraphs")
results["number"] = [ex.answer("22").key, ex.answer(" 16 ").key]
ex = practice.exercise("acronym")
results["text"] = [ex.answer("Daesh").key, ex.answer("“isil”").key]
def count_word(tokens, word):
    return sum(1 for t in tokens if t.lower() == word.lower())
practice.check("count-word", count_word)
results["function"] = practice.exercise("count-word").last_feedback.key
ex = practice.exercise("split-or-tokenize")
results["predict"] = ex.answer("more").key
ex = practice.exercise("voices-and-remedies")
ex.code("p1", "voice", "both")
results["coding"] = [ex.compare_with_reference().key, ex.compare_with_reference().status]
results["hint"] = practice.exercise("acronym").hint()
results["completed"] = sorted(e for _, e in practice.store.completed())
print("RESULTS" + json.dumps(results))
'''


def run_notebook(nb, env, cwd):
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    import tempfile
    old = dict(os.environ)
    os.environ.update(env)
    # IPC sockets are files named after `ip`: keep the path short (Unix sockets allow ~100 bytes).
    sockets = tempfile.mkdtemp(prefix="nl-")
    try:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k"))
        client = NotebookClient(nb, km=km, timeout=120, resources={"metadata": {"path": str(cwd)}})
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
        import shutil
        shutil.rmtree(sockets, ignore_errors=True)
    return nb


@pytest.mark.notebooks
def test_tour_notebook_in_a_kernel(home, tmp_path):
    nb = nbformat.read(ROOT / "exercises" / "00_start_here_practice.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(DRIVE))
    env = {"NEWSLAB_HOME": str(home), "NLTK_DATA": os.environ.get("NLTK_DATA", "")}
    run_notebook(nb, env, ROOT / "exercises")
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    results = json.loads(text.split("RESULTS", 1)[1])
    assert results == {
        "choice-wrong": "option:a", "choice-right": "option:b", "many": "missed",
        "pick": ["missed+extra", "right"], "number": ["wrong:0", "right"], "text": ["wrong:1", "right"],
        "function": "right", "predict": "option:more", "coding": ["differ", "compare"],
        "hint": "Run `article.paragraphs[8].text` in a new cell.",
        "completed": ["acronym", "body-paragraphs", "count-word", "split-or-tokenize", "verbs-of-saying",
                      "video-caption"],
    }
    # every widget was displayed as a widget, and no cell raised
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
    shown = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "display_data"
             and "newslab-wrap" not in o["data"].get("text/html", "")]  # the style newslab.display adds
    assert all("application/vnd.jupyter.widget-view+json" in o["data"] for o in shown)
    events = json.loads((home / "progress.json").read_text(encoding="utf-8"))["events"]
    assert any(e["exercise"] == "video-caption" and e["key"] == "option:a" for e in events)


def test_tour_notebook_is_committed_clean():
    nb = nbformat.read(ROOT / "exercises" / "00_start_here_practice.ipynb", as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert code[0].source == (
        "# Let Python find the course's helper package, newslab, in this copy of the project,\n"
        "# even where it is not installed (for example on a JupyterHub that only copies the files).\n"
        "import sys, pathlib\n"
        "sys.path.insert(0, str(next(p for p in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents] "
        "if (p / \"newslab\").is_dir())))\n"
        "import newslab\n"
        "article = newslab.load_article()  # the article named by NEWSLAB_ARTICLE, or the Washington Post article\n"
        "print(article.describe())")
    meta = nb.metadata["newslab"]
    assert meta["kind"] == "practice" and meta["lesson"] == "00"
    assert meta["minutes"] == {"teaching": 0, "exercises": 15}
    assert nb.metadata["kernelspec"]["name"] == "python3"
    tour = json.loads((ROOT / "data" / "exercises" / "00_tour.json").read_text(encoding="utf-8"))
    assert meta["objectives"] == tour["objectives"]
    shown = {line.split('"')[1] for c in code for line in c.source.splitlines()
             if line.startswith(("practice.show(", "practice.check("))}
    assert shown == {e["id"] for e in tour["exercises"]}


def sheet(units, **extra):
    return common("units", "coding", units=units, interpretive=True,
                  codebook=[{"id": "q", "text": "Q?", "codes": ["x", "y"]}], **extra)


def test_coding_units_article_sentences_spans(wapo, invented):
    (unit,) = PracticeSet(make_set(sheet("article")), article=wapo)["units"].units()
    assert unit.id == "article" and unit.text.startswith("Secretary of State John F. Kerry said Saturday")
    assert unit.text.endswith("as well as the need to defeat ISIL.”")
    units = PracticeSet(make_set(sheet("sentences", first=3)), article=wapo)["units"].units()
    assert [u.id for u in units] == ["s1", "s2", "s3"]
    assert units[2].text == "“We’re prepared to negotiate,” Kerry said at a news conference with British Foreign Minister Philip Hammond."
    spans = [{"id": "go", "text": "Assad has to go"}, {"id": "feet", "text": "spoken with their feet"}]
    ex = PracticeSet(make_set(sheet("spans", spans=spans), written_for=WAPO), article=wapo)["units"]
    assert [(u.id, u.text) for u in ex.units()] == [("go", "Assad has to go"), ("feet", "spoken with their feet")]
    other = PracticeSet(make_set(sheet("spans", spans=spans), written_for=WAPO), article=invented)["units"]
    assert other.submit().key == "not-for-this-article"
    picked = PracticeSet(make_set(sheet("paragraphs", paragraphs=[12, 18]), written_for=WAPO), article=wapo)["units"]
    assert [u.label for u in picked.units()] == ["Block 12", "Block 18"]
