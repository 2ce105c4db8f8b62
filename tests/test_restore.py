"""Work comes back: every exercise kind restores its answer, verdict, hints and solution from the
progress store when it is shown again, marked as restored; showing a widget never writes; the coding
sheet asks for a name once and never saves an empty sheet over a learner's codes (issue 12's overwrite).

"Shown again" is a fresh PracticeSet on the same NEWSLAB_HOME: what a re-run of the set's first cell,
a kernel restart or a reopened notebook gives. The kernel-level tests do the same through nbclient.
"""

import copy
import json
import os
from pathlib import Path

import pytest

import newslab
from newslab.exercises import PracticeSet
from newslab.progress import ProgressStore
from tests.test_exercise_kit import (CHOICE_MANY, CHOICE_ONE, CODING, FUNCTION, NUMBER, PICK, PREDICT_CHOICE,
                                     PREDICT_NUMBER, TEXT, WAPO, make_set)

ALL = (CHOICE_ONE, CHOICE_MANY, PICK, NUMBER, TEXT, FUNCTION, PREDICT_NUMBER, PREDICT_CHOICE, CODING)


@pytest.fixture(scope="module")
def wapo():
    return newslab.load_article(WAPO)


def fresh(article):
    """The set as a restarted kernel shows it: new objects, the same progress store, every widget built."""
    practice = PracticeSet(make_set(*copy.deepcopy(ALL)), article=article)
    for ex in practice.exercises:
        ex.widget()
    return practice


def store_bytes(home: Path):
    path = home / "progress.json"
    return path.read_bytes() if path.exists() else None


def restored(ex) -> bool:
    from newslab.exercises.base import RESTORED_TEXT
    return RESTORED_TEXT in ex.restored_box.value


# ---------------------------------------------------------------- each kind, wrong then right, then shown again

def test_choice_one_comes_back_with_its_verdict_hints_and_solution(wapo):
    ex = fresh(wapo)["one"]
    assert ex.answer("b").status == "wrong"
    ex.hint()
    assert ex.answer("a").status == "right"
    ex.reveal_solution()
    again = fresh(wapo)["one"]
    again.widget()
    assert again.radio.value == "a" and again.selected() == "a"
    assert again.last_feedback.key == "option:a" and again.last_feedback.status == "right"
    assert "Alpha is right because of A." in again.feedback_box.value
    assert again.hints_shown == 1 and "first hint" in again.hint_box.value and "second hint" not in again.hint_box.value
    assert again.hint_button.description == "Hint 2 of 3"
    assert again.solution_shown and "Solution of one." in again.solution_box.value
    assert again.attempts == 2 and not again.solution_button.disabled
    assert restored(again)


def test_choice_many_comes_back(wapo):
    ex = fresh(wapo)["many"]
    assert ex.answer(["a", "c"]).status == "partial"
    again = fresh(wapo)["many"]
    assert again.selected() == {"a", "c"}
    assert again.last_feedback.status == "partial" and "C is story" in again.last_feedback.text
    assert restored(again) and not again.solution_shown and again.hints_shown == 0


def test_pick_comes_back(wapo):
    ex = fresh(wapo)["pick"]
    assert ex.answer(["said#1"]).status == "partial"
    again = fresh(wapo)["pick"]
    assert again.selected() == {1}
    assert again.buttons[1].description == "✓ said"
    assert again.last_feedback.key == "missed" and restored(again)


def test_number_and_text_answers_come_back(wapo):
    practice = fresh(wapo)
    assert practice["number"].answer("22").status == "wrong"
    assert practice["number"].answer("16").status == "right"
    assert practice["text"].answer("USA").status == "wrong"
    again = fresh(wapo)
    assert again["number"].input.value == "16" and again["number"].last_feedback.status == "right"
    assert again["text"].input.value == "USA" and again["text"].last_feedback.key == "wrong:0"
    assert "Without the full stops" in again["text"].feedback_box.value
    assert restored(again["number"]) and restored(again["text"])


def test_predict_stays_committed_with_its_reveal(wapo):
    practice = fresh(wapo)
    assert practice["guess-number"].answer("200").key == "far"
    practice["guess-choice"].answer("hi")
    again = fresh(wapo)
    number = again["guess-number"]
    number.widget()
    assert number.input.value == "200" and number.input.disabled and number.check_button.disabled
    assert number.committed and "newslab-your-guess\">200<" in number.reveal_box.value
    assert "newslab-result\">100<" in number.reveal_box.value and restored(number)
    choice = again["guess-choice"]
    choice.widget()
    assert choice.input.value == "hi" and choice.input.disabled and "10 or more" in choice.reveal_box.value
    # Reset still opens it again, and that cleared state is what comes back next time.
    number.reset()
    assert not number.input.disabled and number.input.value == ""
    third = fresh(wapo)["guess-number"]
    third.widget()
    assert third.input.value == "" and not third.committed and not restored(third) and third.last_feedback is None


def test_function_feedback_comes_back(wapo):
    ex = fresh(wapo)["counter"]
    ex.check(lambda tokens, word: sum(t == word for t in tokens))
    assert ex.last_feedback.key == "case:1:wrong:0"
    again = fresh(wapo)["counter"]
    again.widget()
    assert again.last_feedback.key == "case:1:wrong:0" and "did you lower-case" in again.feedback_box.value
    assert again.check_widget().value == again.last_feedback.html() and restored(again)


def test_coding_sheet_verdict_and_codes_come_back(wapo):
    ex = fresh(wapo)["sheet"]
    ex.widget()
    ex.coder_input.value = "ana"
    ex.radios["voice"].value = "speaker"
    fb = ex.compare_with_reference()
    assert fb.key == "differ"
    again = fresh(wapo)["sheet"]
    again.widget()
    assert again.coder_input.value == "ana" and again.codes == {"p1": {"voice": "speaker"}}
    assert again.radios["voice"].value == "speaker" and again.last_feedback.key == "differ"
    assert restored(again) and "1 of 3 units coded under “ana”" in again.restored_box.value


# ---------------------------------------------------------------- the rules

def test_showing_widgets_never_writes(wapo, home):
    practice = fresh(wapo)
    for ex in practice.exercises:
        ex.widget()
    assert not home.exists() or not any(home.rglob("*.json")), "showing the widgets wrote a file"
    # With saved work in the store, showing everything again changes not one byte.
    practice["one"].answer("b")
    practice["sheet"].widget()
    practice["sheet"].coder_input.value = "ana"
    practice["sheet"].code("p1", "voice", "reporter")
    before = store_bytes(home)
    coding_file = home / "codings" / "kit_test" / "sheet" / "ana.json"
    coding_before = coding_file.read_bytes()
    for _ in range(2):
        for ex in fresh(wapo).exercises:
            ex.widget()
    assert store_bytes(home) == before and coding_file.read_bytes() == coding_before


def test_an_empty_check_does_not_replace_a_saved_answer(wapo):
    ex = fresh(wapo)["number"]
    ex.answer("16")
    again = fresh(wapo)["number"]
    again.input.value = ""
    assert again.check_button.click() is None and again.last_feedback.key == "empty"
    third = fresh(wapo)["number"]
    assert third.input.value == "16" and third.last_feedback.status == "right"


def test_a_new_check_replaces_the_restored_mark(wapo):
    fresh(wapo)["number"].answer("22")
    again = fresh(wapo)["number"]
    assert restored(again)
    again.answer("16")
    assert not restored(again) and again.last_feedback.status == "right"


def test_work_is_kept_per_article(wapo):
    fresh(wapo)["number"].answer("16")
    invented = newslab.load_article("invented-port-alder-bridge")
    other = fresh(invented)["number"]
    other.widget()
    assert other.input.value == "" and other.last_feedback is None and not restored(other)


def test_a_damaged_saved_state_leaves_a_usable_widget(wapo, home):
    fresh(wapo)["one"].answer("a")
    data = json.loads((home / "progress.json").read_text(encoding="utf-8"))
    key = next(iter(data["answers"]))
    data["answers"][key]["feedback"] = {"status": "right", "entries": 5}
    (home / "progress.json").write_text(json.dumps(data), encoding="utf-8")
    again = fresh(wapo)["one"]
    again.widget()
    assert "could not be put back" in again.note_box.value
    assert again.answer("a").status == "right"


def test_store_keeps_answers_beside_events(tmp_path):
    store = ProgressStore(tmp_path)
    store.record(set_name="s", lesson="00", exercise="e", kind="choice", event="attempt", outcome="right")
    store.save_answer("s", "e", WAPO, {"answer": "a", "attempts": 1})
    assert store.saved_answer("s", "e", WAPO)["answer"] == "a"
    assert store.saved_answer("s", "e", "other-article") is None
    assert len(store.events()) == 1 and store.read()["format"] == "newslab-progress"


# ---------------------------------------------------------------- the coding sheet's name (issue 12)

def test_issue_12_retyping_the_name_after_a_restart_keeps_the_codes(wapo, home):
    """Restart + run all showed "me" and 0 units coded; retyping the name saved an empty sheet over the
    4 coded sentences. Now the name comes back, and typing it loads the codes and writes nothing."""
    ex = fresh(wapo)["sheet"]
    ex.widget()
    ex.coder_input.value = "ana"
    for unit, code in [("p1", "reporter"), ("p2", "speaker"), ("p3", "speaker")]:
        ex.code(unit, "voice", code)
    ex.code("p1", "remedy", "yes")
    path = home / "codings" / "kit_test" / "sheet" / "ana.json"
    saved = path.read_bytes()
    assert len(json.loads(saved)["codes"]) == 3

    again = fresh(wapo)["sheet"]  # restart + run all
    again.widget()
    assert again.coder_input.value != "me"
    again.coder_input.value = ""  # the learner clears the box and types their name again
    again.coder_input.value = "ana"
    assert path.read_bytes() == saved, "typing the name wrote the sheet"
    assert again.codes == json.loads(saved)["codes"]
    assert "Showing the codes saved under <strong>ana</strong>" in again.name_note.value, "no word whose codes these are"
    assert again.radios["voice"].value == "reporter"  # unit p1, shown first


def test_the_name_is_asked_once_and_remembered(wapo, home):
    from newslab.exercises.coding import NAME_PROMPT
    ex = fresh(wapo)["sheet"]
    ex.widget()
    assert ex.coder_input.value == "" and ex.coder_input.placeholder
    assert NAME_PROMPT in ex.name_note.value and ex.radios["voice"].disabled
    ex.coder_input.value = "ben"
    assert not ex.radios["voice"].disabled and "No codes saved under <strong>ben</strong> yet" in ex.name_note.value
    assert not (home / "codings").exists() and ProgressStore().learner() == ""  # nothing written yet
    ex.radios["voice"].value = "reporter"
    assert ProgressStore().learner() == "ben"
    again = fresh(wapo)["sheet"]
    again.widget()
    assert again.coder_input.value == "ben" and again.codes == {"p1": {"voice": "reporter"}}
    assert not again.radios["voice"].disabled


def test_typing_another_name_shows_that_names_codes_only(wapo, home):
    ex = fresh(wapo)["sheet"]
    ex.widget()
    ex.coder_input.value = "ana"
    ex.code("p1", "voice", "reporter")
    ex.coder_input.value = "ben"
    assert ex.codes == {} and ex.radios["voice"].value is None
    ex.coder_input.value = "ana"
    assert ex.codes == {"p1": {"voice": "reporter"}}


def test_codes_saved_under_me_by_the_old_sheet_are_pointed_to(wapo, home):
    folder = home / "codings" / "kit_test" / "sheet"
    folder.mkdir(parents=True)
    (folder / "me.json").write_text(json.dumps({"article": WAPO, "codes": {"p2": {"voice": "speaker"}}}),
                                    encoding="utf-8")
    ex = fresh(wapo)["sheet"]
    ex.widget()
    assert ex.coder_input.value == "" and ex.codes == {}
    assert "type me to see them" in ex.name_note.value
    ex.coder_input.value = "me"
    assert ex.codes == {"p2": {"voice": "speaker"}}


def test_a_sentence_is_shown_in_its_paragraph_with_the_unit_marked():
    from newslab.exercises.coding import Unit, unit_in_context
    unit = Unit("s3", "Sentence 3", "“Is Assad <prepared> to negotiate?",
                "Kerry asked: “Is Assad <prepared> to negotiate?” He did not say more.")
    shown, note = unit_in_context(unit)
    assert shown == ("Kerry asked: <mark class=\"newslab-unit-mark\" style=\"background:#fff3b0;color:#000;"
                     "padding:0 1px;border-bottom:2px solid #000\">“Is Assad &lt;prepared&gt; to negotiate?</mark>"
                     "” He did not say more.")
    assert "highlighted" in note
    alone, note = unit_in_context(Unit("p1", "Paragraph 1", "A <b> paragraph."))
    assert alone == "A &lt;b&gt; paragraph." and note == ""


def test_sentence_sheets_show_each_sentence_in_its_paragraph(wapo):
    spec = copy.deepcopy(CODING) | {"units": "sentences", "first": 4, "reference": None}
    spec.pop("reference")
    ex = PracticeSet(make_set(spec), article=wapo)["sheet"]
    ex.widget()
    ex.coder_input.value = "ana"
    ex.go(2)
    unit = ex.units()[2]
    assert unit.context and unit.text in unit.context
    assert f"{unit.text.replace('’', '’')}</mark>".split("<")[0][-10:] in ex.unit_text.value
    assert ex.unit_text.value.count("<mark") == 1


# ---------------------------------------------------------------- in a real kernel

def test_kernel_restart_and_run_all_restores_every_kind(tmp_path):
    """Run the tour practice set, answer through the widgets, then run it again in a new kernel (a restart
    + run all): every exercise shows the answer and verdict again, and showing it wrote nothing."""
    from tests.notebook_runner import run_notebook
    home = tmp_path / "home"
    answer = """
practice["video-caption"].answer("a")
practice["video-caption"].answer("b")
practice["page-furniture"].hint()
practice["verbs-of-saying"].answer(["said"])
practice["body-paragraphs"].answer("22")
practice["acronym"].answer("US")
practice["split-or-tokenize"].answer(practice["split-or-tokenize"].spec["options"][0]["id"])
practice["count-word"].check(lambda tokens, word: 0)
sheet = practice["voices-and-remedies"]
sheet.widget()
sheet.coder_input.value = "ana"
sheet.code(sheet.units()[0].id, sheet.codebook[0]["id"], sheet.codebook[0]["codes"][0])
first_code = {sheet.units()[0].id: {sheet.codebook[0]["id"]: sheet.codebook[0]["codes"][0]}}
"""
    first = run_notebook("exercises/00_start_here_practice.ipynb", "post", extra_code=answer, home=home)
    assert not first.problems, first.problems
    saved = json.loads((home / "progress.json").read_text(encoding="utf-8"))["answers"]
    before = (home / "progress.json").read_bytes()
    check = """
import json as _j
_kinds = {e.id: e.kind for e in practice.exercises}
restored_state = {e.id: {"answer": e._answer_state(), "feedback": e.last_feedback and e.last_feedback.key,
                         "hints": e.hints_shown, "restored": "Restored from your saved work" in e.restored_box.value}
                  for e in practice.exercises if e._widget is not None and e.applies}
sheet = practice["voices-and-remedies"]
sheet_state = {"name": sheet.coder_input.value, "codes": sheet.codes, "restored": sheet.restored_box.value}
"""
    second = run_notebook("exercises/00_start_here_practice.ipynb", "post", extra_code=check, home=home)
    assert not second.problems, second.problems
    state = second.values["restored_state"]
    assert (home / "progress.json").read_bytes() != before  # the check cell re-ran count-word's check: a write
    assert {key.split("/")[1] for key in saved} == {"video-caption", "page-furniture", "verbs-of-saying",
                                                     "body-paragraphs", "acronym", "split-or-tokenize", "count-word"}
    for key in saved:
        exercise = key.split("/")[1]
        if exercise == "count-word":  # its check cell ran again: a fresh verdict, not a restored one
            assert state[exercise]["feedback"] and not state[exercise]["restored"]
        else:
            assert state[exercise]["restored"], exercise
    assert state["video-caption"]["answer"] and state["video-caption"]["feedback"].startswith("option:")
    assert state["page-furniture"]["hints"] == 1
    assert state["body-paragraphs"]["answer"] == "22" and state["acronym"]["answer"] == "US"
    assert state["verbs-of-saying"]["feedback"] in ("missed", "missed+extra", "extra")
    sheet = second.values["sheet_state"]
    assert sheet["name"] == "ana" and sheet["codes"] == first.values["first_code"]
    assert "Restored from your saved work" in sheet["restored"] and "1 of" in sheet["restored"]


def test_kernel_run_all_without_answers_writes_nothing(tmp_path):
    from tests.notebook_runner import run_notebook
    home = tmp_path / "home"
    for path in ("exercises/00_start_here_practice.ipynb", "exercises/01_article_as_data_practice.ipynb"):
        run = run_notebook(path, "post", home=home)
        assert not run.problems, run.problems
    written = [p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()] if home.exists() else []
    # The tour's check cell runs the starter function: that is a check (a learner's action), so it is saved.
    assert all(name in ("progress.json", "progress.json.lock") for name in written), written
    if (home / "progress.json").exists():
        answers = json.loads((home / "progress.json").read_text(encoding="utf-8")).get("answers", {})
        assert {k.split("/")[1] for k in answers} <= {"count-word", "find-credit"}, answers


# ---------------------------------------------------------------- the other sheets that hold learner input

def test_the_choice_sheet_says_its_menus_are_restored_and_showing_writes_nothing(wapo, home):
    from newslab import choices
    sheet = choices.choice_sheet(wapo)
    assert not sheet.restored and sheet.restored_note.value == "" and not home.exists()
    sheet.menus[12].value = "body"
    sheet.save()
    saved = choices.choice_path(wapo).read_bytes()
    again = choices.choice_sheet(wapo)
    assert again.restored and "Restored from your saved work" in again.restored_note.value
    assert again.menus[12].value == "body" and choices.choice_path(wapo).read_bytes() == saved
    again.reset()
    assert again.restored_note.value == ""


def test_the_rating_sheet_says_its_ratings_are_restored(wapo, home):
    from newslab.tone_widgets import RatingSheet
    sheet = RatingSheet(wapo, first=2, scores={"p1": 0.1, "p2": -0.3})
    sheet.widget()
    assert "Restored" not in str([c.value for c in sheet.widget().children if hasattr(c, "value")])
    unit = sheet.units[0].id
    sheet.rate(unit, "negative")
    saved = sheet.path.read_bytes()
    again = RatingSheet(wapo, first=2, scores={"p1": 0.1, "p2": -0.3})
    texts = [c.value for c in again.widget().children if hasattr(c, "value") and isinstance(c.value, str)]
    assert any("Restored from your saved work" in t for t in texts)
    assert again._toggles[unit].value == "negative" and again.path.read_bytes() == saved


def test_a_front_end_without_the_widget_shows_a_note_to_run_the_cell(wapo):
    from newslab.exercises.base import RUN_NOTE
    from tests.browser_support import PLAIN_TEXT_WIDGET
    box = fresh(wapo)["one"].widget()
    bundle = box._repr_mimebundle_()
    assert bundle["text/plain"] == f"{RUN_NOTE} one: your saved answer comes back."
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert any(bundle["text/plain"].startswith(marker) for marker in PLAIN_TEXT_WIDGET)
