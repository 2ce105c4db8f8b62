"""Reading a class's coding files: the example class, and each kind of bad file on its own."""

from pathlib import Path

from nltk.metrics.agreement import AnnotationTask

from newslab import agreement, classroom, config
from newslab.exercises.coding import write_codings_csv

SET = "10_generic_frames_agreement"
EXAMPLE = config.DATA / "class_example"
CODERS = ["ana", "bo", "chen", "dee", "eli", "fay", "gus", "hana", "ivo", "jo", "lee", "mo"]


def problems_by_file(result):
    found = {}
    for p in result.problems:
        found.setdefault(p["file"], []).append(p["problem"])
    return found


def test_example_class_is_read_with_every_problem_reported():
    result = classroom.read_class_folder(EXAMPLE, SET)
    assert result.article == "wapo-2015-09-19-kerry-assad"
    assert result.coders("frames-by-paragraph") == CODERS
    assert result.coders("frames-whole-article") == CODERS
    assert result.read == 30  # every file but README.md
    problems = problems_by_file(result)
    name = f"coding-{SET}-frames-by-paragraph-"
    assert problems[name + "ana (1).csv"] == [f"an exact copy of {name}ana.csv; left out"]
    assert "empty" in problems[name + "kai.csv"][0]
    assert "another article (invented-port-alder-bridge)" in problems[name + "sam.csv"][0]
    assert "a second file from coder “mo”" in problems[name + "mo.csv"][0]
    assert any("“maybe”" in p for p in problems[name + "lee.csv"])
    assert any("“humour”" in p for p in problems[name + "lee.csv"])
    assert "no columns coder, unit, question, code" in problems["grades.csv"][0]
    assert "not a CSV file" in problems["notes.txt"][0]
    assert len(result.problems) == 8
    text = result.describe()
    assert "codes from 24 of them are used" in text and "8 problems" in text


def test_example_class_keeps_the_fuller_file_and_drops_bad_rows():
    result = classroom.read_class_folder(EXAMPLE, SET)
    paragraphs = result.for_exercise("frames-by-paragraph")
    assert len(paragraphs["mo"]) == 16  # the complete "-v2" file, not the first 8 paragraphs
    assert len(paragraphs["jo"]) == 10  # jo stopped after ten paragraphs
    assert "morality" not in paragraphs["lee"]["p4"]  # "maybe" left out
    assert "humour" not in paragraphs["lee"]["p4"]
    assert all(len(units) == 1 for units in result.for_exercise("frames-whole-article").values())


def test_example_class_agreement_equals_nltk_directly():
    result = classroom.read_class_folder(EXAMPLE, SET)
    paragraphs = result.for_exercise("frames-by-paragraph")
    for frame in ("responsibility", "human-interest", "conflict", "morality"):
        triples = [(c, u, q[frame]) for c, units in paragraphs.items() for u, q in units.items() if frame in q]
        assert agreement.alpha(agreement.triples_for_question(paragraphs, frame))[0] == \
            AnnotationTask(data=triples).alpha()
    # Nobody coded the economic frame "yes": alpha is undefined, not 1.
    value, note = agreement.alpha(agreement.triples_for_question(paragraphs, "economic"))
    assert value is None and "undefined" in note
    # jo's missing paragraphs stop kappa, with a message.
    value, note = agreement.kappa(agreement.triples_for_question(paragraphs, "conflict"))
    assert value is None and "jo did not code 6 units" in note


def test_a_missing_folder_is_reported(tmp_path):
    result = classroom.read_class_folder(tmp_path / "nowhere", SET)
    assert result.codings == {} and "there is no such folder" in result.problems[0]["problem"]


def row(coder, unit, question, code, article="wapo-2015-09-19-kerry-assad", exercise="frames-by-paragraph"):
    return {"coder": coder, "unit": unit, "question": question, "code": code, "set": SET, "exercise": exercise,
            "article": article}


def test_bad_files_one_by_one(tmp_path: Path):
    write_codings_csv(tmp_path / "a.csv", [row("a", "p1", "conflict", "yes"), row("a", "p2", "conflict", "no")])
    write_codings_csv(tmp_path / "b.csv", [row("b", "p1", "conflict", "yes"), row("b", "p1", "conflict", "no"),
                                           row("", "p2", "conflict", "no")])
    write_codings_csv(tmp_path / "c.csv", [row("c", "p1", "conflict", "yes", exercise="entman-sentences")])
    (tmp_path / "latin.csv").write_bytes("coder,unit,question,code\nJosé,p1,conflict,yes\n".encode("latin-1"))
    (tmp_path / "header-only.csv").write_text("coder,unit,question,code\n", encoding="utf-8")
    (tmp_path / ".hidden.csv").write_text("junk", encoding="utf-8")
    result = classroom.read_class_folder(tmp_path, SET)
    problems = problems_by_file(result)
    assert ".hidden.csv" not in problems and result.read == 5
    assert sorted(problems["b.csv"]) == ["1 code given twice for the same unit and question (the last one kept)",
                                         "1 row without a coder name; left out"]
    assert result.for_exercise("frames-by-paragraph")["b"] == {"p1": {"conflict": "no"}}
    assert "not a coding sheet of 10_generic_frames_agreement (entman-sentences)" in problems["c.csv"][0]
    assert "not UTF-8" in problems["latin.csv"][0]
    assert "no codes" in problems["header-only.csv"][0]
    assert result.coders("frames-by-paragraph") == ["a", "b"]


def test_without_a_set_name_any_codes_are_kept(tmp_path: Path):
    write_codings_csv(tmp_path / "a.csv", [row("a", "p1", "anything", "maybe")])
    result = classroom.read_class_folder(tmp_path)
    assert result.for_exercise("frames-by-paragraph") == {"a": {"p1": {"anything": "maybe"}}}
    assert result.problems == []


# ---------------------------------------------------------------- the instructor notebook on the example class

def test_instructor_notebook_on_the_example_class():
    from tests.notebook_runner import notebook_values
    values = notebook_values("instructors/class_codings.ipynb", "post")
    assert values["class_files_used"] == 24 and values["class_problems"] == 8
    frames_ = values["alpha_per_frame"]
    assert frames_["Economic consequences"]["verdict"] == "undefined"
    assert frames_["Conflict"]["counts"] == {"no": 93, "yes": 93} and frames_["Conflict"]["units"] == 16
    assert all(f["low"] is None or f["low"] <= f["alpha"] <= f["high"] for f in frames_.values())
    assert values["all_questions_alpha"]["units"] == 19
    # The example class was written with 14 planned splits (paragraph, frame); none is lost to the bad rows.
    assert len(values["disagreement_rows"]) == 14
    top = values["disagreement_rows"][0]  # the most even split: p2 conflict, 7 against 5
    assert top["frame"] == "Conflict" and top["codes"] == "no 7 · yes 5" and top["minority"] == "ana, bo, dee, fay, jo"
    # ana differs from the reference on 3 of 80 codes; jo coded 10 paragraphs (50 codes) and differs on 1;
    # lee's "maybe" leaves 79 codes, 3 of them different. The reference says yes 15 + 4 + 8 = 27 times (none for
    # morality and economic); ana adds p2 conflict and p2 human interest and drops p14 conflict: 28 yes, 52 no.
    versus = values["coders_vs_reference"]
    assert versus["ana"] == {"codes compared": 80, "same as the reference": 77, "share": 0.963, "yes given": 28,
                             "no given": 52}
    assert versus["jo"]["codes compared"] == 50 and versus["jo"]["same as the reference"] == 49
    assert versus["lee"]["codes compared"] == 79 and versus["lee"]["same as the reference"] == 76
