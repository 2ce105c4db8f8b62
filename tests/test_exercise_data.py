"""Every practice-set file in data/exercises/: valid, and every feedback entry it holds reachable.

New set files are picked up automatically. A failure names the file, the exercise and, for
feedback, the article it was tried on and the entry that never showed.
"""

import json
import re
from pathlib import Path

import pytest

import newslab
from newslab import config
from newslab.exercises import PracticeSet, SetFileError, read_set, validate_set
from newslab.exercises.pick import resolve

SCHEMA = config.EXERCISES / "SCHEMA.md"
SET_FILES = sorted(config.EXERCISES.glob("*.json"))
BUNDLED = ("wapo-2015-09-19-kerry-assad", "invented-port-alder-bridge")


_ARTICLES = {}


def article(article_id):
    if article_id not in _ARTICLES:
        _ARTICLES[article_id] = newslab.load_article(article_id)
    return _ARTICLES[article_id]


def cases():
    """(file, exercise id, article id) for every exercise on every article it can be graded on."""
    found = []
    for path in SET_FILES:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            exercises = data["exercises"]
            set_for = data["written_for"]
        except (ValueError, KeyError, TypeError):
            continue  # test_set_file_is_valid reports it
        for spec in exercises if isinstance(exercises, list) else []:
            if not isinstance(spec, dict) or "id" not in spec:
                continue
            written_for = spec.get("written_for") or set_for
            reference = spec.get("reference") if isinstance(spec.get("reference"), dict) else {}
            if reference.get("written_for"):
                articles = [reference["written_for"]]
            else:
                articles = list(BUNDLED) if written_for == "any" else [written_for]
            for article_id in articles:
                found.append(pytest.param(path.name, spec["id"], article_id,
                                          id=f"{path.stem}::{spec['id']}@{article_id.split('-')[0]}"))
    return found


def test_there_are_set_files():
    assert any(p.name == "00_tour.json" for p in SET_FILES)


@pytest.mark.parametrize("path", SET_FILES, ids=[p.stem for p in SET_FILES])
def test_set_file_is_valid(path):
    try:
        data = read_set(path.stem)
    except SetFileError as error:
        pytest.fail(f"{path.name} has problems:\n{error}", pytrace=False)
    assert data["set"] == path.stem


@pytest.mark.parametrize("path", SET_FILES, ids=[p.stem for p in SET_FILES])
def test_answer_key_names_every_exercise(path):
    data = read_set(path.stem)
    practice = PracticeSet(data, article=article(BUNDLED[0]))
    key = practice.answer_key()
    for spec in data["exercises"]:
        assert f"`{spec['id']}`" in key, f"{path.name}: the answer key lacks {spec['id']}"


@pytest.mark.parametrize("filename,exercise_id,article_id", cases())
def test_every_feedback_entry_can_be_triggered(filename, exercise_id, article_id):
    where = f"{filename}, exercise {exercise_id!r}, on {article_id}"
    try:
        data = read_set(Path(filename).stem)
    except SetFileError:
        pytest.skip("reported by test_set_file_is_valid")
    practice = PracticeSet(data, article=article(article_id))
    ex = practice[exercise_id]
    ex.widget()
    assert ex.applies, f"{where}: the exercise does not apply to the article it is written for: {ex.not_for_this_article()}"
    entries = ex.feedback_entries()
    assert entries, f"{where}: no feedback entries at all"
    for name, text in entries.items():
        assert isinstance(text, str) and text.strip(), f"{where}: feedback entry {name!r} is empty"
    unreachable = []
    for name, text in entries.items():
        ex.reset()
        feedback = TRIGGERS[ex.kind](ex, name)
        if feedback is None or name not in feedback.entries or text not in feedback.text:
            got = "nothing" if feedback is None else f"{feedback.key!r} with entries {feedback.entries}"
            unreachable.append(f"  - {name!r} never showed (the trigger got {got})")
    assert not unreachable, f"{where}: unreachable feedback:\n" + "\n".join(unreachable)


# ---------------------------------------------------------------- how to trigger each kind's entries

def trigger_choice(ex, name):
    what, oid = name.split(":", 1)
    if not ex.multiple:
        return ex.answer(oid)
    correct = ex.correct_ids
    wrong = [o["id"] for o in ex.options if not o["correct"]]
    if what == "option" and oid in correct:
        return ex.answer(sorted(correct))
    if what == "option":
        return ex.answer([oid])
    chosen = sorted(correct - {oid}) or wrong[:1]
    return ex.answer(chosen) if chosen else None


def trigger_pick(ex, name):
    targets = ex.targets
    if name == "right":
        return ex.answer(sorted(targets))
    positions = set(resolve(name.split(":", 1)[1], ex.tokens))
    if positions <= targets:
        chosen = targets - positions
        if not chosen:
            others = [i for i in range(len(ex.tokens)) if i not in targets]
            chosen = set(others[:1])
    else:
        chosen = targets | positions
    return ex.answer(sorted(chosen)) if chosen else None


def trigger_answer(ex, name):
    return ex.answer(ex.trigger_value(name))


def trigger_function(ex, name):
    return ex.check(ex.fake_function(name))


def trigger_predict(ex, name):
    return ex.answer(ex.trigger_value(name))


def trigger_coding(ex, name):
    _, unit, question = name.split(":")
    reference = ex.reference
    if reference is None:
        return None
    units = {u.id for u in ex.units()}
    missing = sorted(set(reference["codes"]) - units)
    assert not missing, f"{ex.id}: the reference codes units {missing} that the sheet does not have on {ex.article.id}"
    for unit_id, answers in reference["codes"].items():
        for qid, code in answers.items():
            if (unit_id, qid) == (unit, question):
                codes = ex._question(qid)["codes"]
                code = next(c for c in codes if c != code)
            ex.code(unit_id, qid, code, save=False)
    return ex.compare_with_reference()


TRIGGERS = {"choice": trigger_choice, "pick": trigger_pick, "answer": trigger_answer, "function": trigger_function,
            "predict": trigger_predict, "coding": trigger_coding}


# ---------------------------------------------------------------- the validator fails loudly

def base_set(*exercises):
    return {"set": "broken", "lesson": "99", "title": "Broken", "written_for": "any",
            "objectives": [{"id": "o", "text": "An objective."}], "exercises": list(exercises)}


def choice(**changes):
    spec = {"id": "q1", "kind": "choice", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
            "options": [{"id": "a", "text": "A", "correct": True, "feedback": "Why A."},
                        {"id": "b", "text": "B", "correct": False, "feedback": "Misconception B."}]}
    spec.update(changes)
    return spec


@pytest.mark.parametrize("spec,message", [
    ({k: v for k, v in choice().items() if k != "hints"}, 'missing the field "hints"'),
    (choice(options=[{"id": "a", "text": "A", "correct": True, "feedback": "Why."},
                     {"id": "b", "text": "B", "correct": False}]), "option 'b': no \"feedback\""),
    (choice(options=[{"id": "a", "text": "A", "correct": True, "feedback": "Why."},
                     {"id": "b", "text": "B", "correct": True, "feedback": "Why."}]), "exactly one option"),
    (choice(multiple=True), "needs \"missed\""),
    (choice(kind="essay"), '"kind" must be one of'),
    (choice(objective="elsewhere"), "is not one of the set's objectives"),
    (choice(hint=["typo"]), "unknown field(s) 'hint'"),
    (choice(question="Count {{no_such_thing}}"), "names no computation"),
    (choice(written_for="some-other-article"), '"written_for" must be "any" or a bundled article id'),
    ({"id": "q1", "kind": "answer", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "type": "text", "accept": ["ISIL"], "right": "Yes.", "wrong": [{"value": "“isil”", "feedback": "Never."}]},
     "is also an accepted answer"),
    ({"id": "q1", "kind": "answer", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "type": "number", "answer": 16, "tolerance": 1, "right": "Yes.", "wrong": [{"value": 17, "feedback": "Never."}]},
     "counts as right"),
    ({"id": "q1", "kind": "answer", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "type": "number", "answer_from": "no_such_count", "right": "Yes."}, "names no computation"),
    ({"id": "q1", "kind": "pick", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "sentence": "Kerry said so.", "targets": ["declared"], "right": "Yes."}, "target 'declared' is not a token"),
    ({"id": "q1", "kind": "pick", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "sentence": "He said and said.", "targets": ["said#1"], "notes": {"said": "?"}, "right": "Yes."},
     "covers both a target and a non-target"),
    ({"id": "q1", "kind": "function", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "name": "f", "right": "Yes.", "cases": [{"args": [1], "expected": 2}]}, 'has no "question"'),
    ({"id": "q1", "kind": "predict", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "guess": "number", "result": 3, "close_within": 1, "explanation": "E."}, '"feedback" must be {"close"'),
    ({"id": "q1", "kind": "coding", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "units": "paragraphs", "first": 2, "interpretive": True,
      "codebook": [{"id": "v", "text": "V?", "codes": ["x", "y"]}],
      "reference": {"written_for": "wapo-2015-09-19-kerry-assad", "codes": {"p1": {"v": "x"}}}},
     "has no rationale"),
    ({"id": "q1", "kind": "coding", "objective": "o", "question": "Q?", "hints": ["h"], "solution": "S.",
      "units": "paragraphs", "paragraphs": [1, 2], "interpretive": True,
      "codebook": [{"id": "v", "text": "V?", "codes": ["x", "y"]}]}, "fit one article only"),
])
def test_a_broken_exercise_fails_naming_file_and_exercise(spec, message):
    with pytest.raises(SetFileError) as error:
        validate_set(base_set(spec), "data/exercises/broken.json")
    text = str(error.value)
    assert message in text
    assert "data/exercises/broken.json: exercise 'q1': " in text or "data/exercises/broken.json: exercise number 1" in text


def test_every_problem_is_listed_at_once():
    broken = base_set(choice(id="q1", hints=[]), choice(id="q1"))
    with pytest.raises(SetFileError) as error:
        validate_set(broken, "broken.json")
    lines = str(error.value).splitlines()
    assert any('"hints" must be a list of at least one' in line for line in lines)
    assert any("this id is used twice" in line for line in lines)


def test_a_file_that_is_not_json_fails_with_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "EXERCISES", tmp_path)
    (tmp_path / "bad.json").write_text('{"set": "bad",\n  "lesson": }', encoding="utf-8")
    with pytest.raises(SetFileError, match=r"bad.json: not valid JSON at line 2"):
        read_set("bad")
    (tmp_path / "named.json").write_text(json.dumps(base_set(choice()) | {"set": "other"}), encoding="utf-8")
    with pytest.raises(SetFileError, match=r'"set" is \'other\' but the file is named named.json'):
        read_set("named")


def test_schema_examples_are_valid():
    text = SCHEMA.read_text(encoding="utf-8")
    examples = [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", text, flags=re.S)]
    kinds = {e["kind"] for e in examples}
    assert kinds == {"choice", "pick", "answer", "function", "predict", "coding"}
    objectives = [{"id": f"00.p{i}", "text": "An objective."} for i in (1, 2, 3)]
    validate_set({"set": "schema", "lesson": "00", "title": "Schema", "written_for": "any",
                  "objectives": objectives, "exercises": examples}, "SCHEMA.md")
