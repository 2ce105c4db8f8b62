"""Reading a class's coding files: the example class, and each kind of bad file on its own."""

from pathlib import Path

import pytest

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
    assert "an earlier export by coder “mo”" in problems[name + "mo.csv"][0]
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
    assert values["sheets_handed_in"] == ["frames-whole-article", "frames-by-paragraph"]
    frames_ = values["reliability_per_question"]["frames-by-paragraph"]
    assert frames_["economic"]["verdict"] == "undefined"
    assert frames_["conflict"]["counts"] == {"no": 93, "yes": 93} and frames_["conflict"]["units"] == 16
    assert all(f["low"] is None or f["low"] <= f["alpha"] <= f["high"] for f in frames_.values())
    # the prevalence paradox where it occurs: responsibility, 174 "yes" of 186 codes, alpha .375
    assert frames_["responsibility"]["counts"] == {"yes": 174, "no": 12} and frames_["responsibility"]["alpha"] == 0.375
    assert values["pooled_alpha"]["frames-whole-article"]["units"] == 19
    # The example class was written with 14 planned splits (paragraph, frame); none is lost to the bad rows.
    rows = values["split_rows"]["frames-by-paragraph"]
    assert len(rows) == 14
    assert rows[0]["question"] == "Conflict" and rows[0]["codes"] == "no 7 · yes 5" and rows[0]["minority"] == "ana, bo, dee, fay, jo"
    # jo stopped after ten paragraphs; lee's "maybe" leaves 79 codes: both partial, nobody straight-lined
    assert values["partial_files"]["frames-by-paragraph"] == {"jo": "50 of 80", "lee": "79 of 80"}
    assert values["straight_lining"] == {"frames-whole-article": {}, "frames-by-paragraph": {}}
    assert set(values["talk_to"]) == {"jo", "lee"}
    versus = values["coders_vs_reference"]["frames-by-paragraph"]
    assert versus["jo"]["codes compared"] == 50 and versus["lee"]["codes compared"] == 79


# ---------------------------------------------------------------- a simulated class of 30, lessons 09 and 10

SETS = classroom.CLASS_SETS
WAPO = "wapo-2015-09-19-kerry-assad"


def reference_sheets():
    import newslab
    from newslab import frames
    article = newslab.load_article(WAPO)
    reference = frames.reference_for(article)
    return {("09_framing_entman", "entman-sentences"): frames.entman_sheet_reference(article, reference)["codes"],
            ("10_generic_frames_agreement", "frames-whole-article"): frames.generic_article_sheet_reference(reference)["codes"],
            ("10_generic_frames_agreement", "frames-by-paragraph"): frames.generic_paragraph_sheet_reference(reference)["codes"]}


def sheet_rows(coder, set_name, exercise, codes):
    return [{"coder": coder, "unit": unit, "question": q, "code": code, "set": set_name, "exercise": exercise,
             "article": WAPO} for unit, answers in codes.items() for q, code in answers.items()]


def flipped(codes, n):
    """The codes with the n-th code (in order) flipped: each careful student differs from the reference once."""
    out = {u: dict(a) for u, a in codes.items()}
    pairs = [(u, q) for u, a in out.items() for q in a]
    u, q = pairs[n % len(pairs)]
    out[u][q] = "no" if out[u][q] == "yes" else "yes"
    return out


CAREFUL = [f"s{n:02d}" for n in range(1, 22)]  # 21 careful students


def write_class(folder, sheets=None, whole_only=False):
    """30 files: 21 careful students (each sheet), carl (everything yes) and nora (everything no), pat who
    stopped early, two students called alex, an empty file, a file with the wrong columns, a file with
    unknown units, a file with a cell over csv's field limit."""
    sheets = sheets or reference_sheets()
    if whole_only:
        sheets = {k: v for k, v in sheets.items() if k[1] == "frames-whole-article"}
    files = 0
    for number, coder in enumerate(CAREFUL):
        rows = []
        for (set_name, exercise), codes in sheets.items():
            rows += sheet_rows(coder, set_name, exercise, flipped(codes, number * 7))
        write_codings_csv(folder / f"{coder}.csv", rows)
        files += 1
    for coder, code in (("carl", "yes"), ("nora", "no")):
        rows = []
        for (set_name, exercise), codes in sheets.items():
            rows += sheet_rows(coder, set_name, exercise, {u: {q: code for q in a} for u, a in codes.items()})
        write_codings_csv(folder / f"{coder}.csv", rows)
    rows = []
    for (set_name, exercise), codes in sheets.items():
        rows += sheet_rows("pat", set_name, exercise, dict(list(codes.items())[:3]) if len(codes) > 1 else
                           {u: dict(list(a.items())[:5]) for u, a in codes.items()})
    write_codings_csv(folder / "pat.csv", rows)
    for name, n in (("alex.csv", 3), ("alex (from laptop).csv", 11)):
        rows = []
        for (set_name, exercise), codes in sheets.items():
            rows += sheet_rows("alex", set_name, exercise, flipped(flipped(codes, n), n + 1))
        write_codings_csv(folder / name, rows)
    (folder / "emma.csv").write_text("", encoding="utf-8")
    (folder / "walt.csv").write_text("name,paragraph,frame,answer\nwalt,p1,conflict,yes\n", encoding="utf-8")
    (set_name, exercise), codes = next(iter(sheets.items()))
    unit, answers = next(iter(codes.items()))
    question = next(iter(answers))
    bad = sheet_rows("uma", set_name, exercise, codes)
    bad += [dict(bad[0], unit=u) for u in ("p999", "pX", "../../etc/passwd")]
    write_codings_csv(folder / "uma.csv", bad)
    (folder / "huge.csv").write_text("coder,unit,question,code\nhu,p1,conflict,\"" + "y" * 140_000 + "\"\n",
                                     encoding="utf-8")
    return len(list(folder.iterdir()))


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class30")
    assert write_class(folder) == 30
    return folder


def test_a_class_of_30_is_read_with_one_line_per_problem(simulated):
    result = classroom.read_class_folder(simulated, SETS)
    assert result.read == 30
    problems = problems_by_file(result)
    assert set(problems) == {"emma.csv", "walt.csv", "uma.csv", "huge.csv", "alex.csv"}
    assert all(len(lines) == 1 for name, lines in problems.items() if name != "alex.csv")
    assert len(problems["alex.csv"]) == 3  # one line per sheet the two alexes coded differently
    assert "empty" in problems["emma.csv"][0]
    assert "no columns coder, unit, question, code" in problems["walt.csv"][0]
    assert problems["uma.csv"] == ["3 rows with a unit the sheet does not have (e.g. “p999”); left out"]
    assert "over 131,072 characters" in problems["huge.csv"][0] and "\n" not in problems["huge.csv"][0]
    # the two alexes differ: both kept, the second as “alex (2)”, and flagged
    assert "same name" in problems["alex.csv"][0] and "“alex (2)”" in problems["alex.csv"][0]
    for exercise in ("entman-sentences", "frames-whole-article", "frames-by-paragraph"):
        coders = result.coders(exercise)
        # careful, carl and nora, pat, two alexes; uma's good rows are on the sentence sheet only
        assert len(coders) == 21 + 2 + 1 + 2 + (exercise == "entman-sentences")
        assert {"alex", "alex (2)"} <= set(coders)
    assert len(result.for_exercise("entman-sentences")["uma"]) == 44  # the unknown units are left out


def test_a_class_of_30_flags_careless_partial_and_same_name(simulated):
    result = classroom.read_class_folder(simulated, SETS)
    reports = [classroom.sheet_report(result, e, resamples=200) for e in sorted(result.codings)]
    for report in reports:
        assert report.straight == {"carl": "yes", "nora": "no"}
        assert set(report.partial) == {"pat"}
    people = classroom.talk_to(result, reports)
    assert {"carl", "nora", "pat", "alex", "alex (2)"} <= set(people)
    assert not any(c in people for c in CAREFUL)  # careful students agree with the class majority
    by_name = {r.exercise: r for r in reports}
    # each careful student differs from the reference (and from the class majority) on one code only
    sentences = by_name["entman-sentences"]
    assert sentences.majority["s01"]["share"] > 0.99 and sentences.majority["carl"]["share"] < 0.5
    # reliability per question from the units, equal to NLTK's alpha on the same codes
    assert set(sentences.per_question) == {"problem", "cause", "moral", "remedy"}
    codings = result.for_exercise("entman-sentences")
    triples = agreement.triples_for_question(codings, "moral")
    assert sentences.per_question["moral"].alpha == pytest.approx(AnnotationTask(data=triples).alpha())
    assert sentences.per_question["moral"].units == 44
    # the whole-article sheet has one unit per question: no alpha per question, a pooled figure with its caveat
    whole = by_name["frames-whole-article"]
    assert whole.per_question == {} and "not the reliability of any one question" in whole.pooled.describe()
    text = classroom.summary(result, reports)
    assert "Talk to" in text and "carl: gave “yes” to everything" in text and len(text.splitlines()) < 30


def test_leaving_a_coder_out_recomputes_everything(simulated):
    result = classroom.read_class_folder(simulated, SETS)
    everyone = classroom.sheet_report(result, "frames-by-paragraph", resamples=200)
    without = classroom.sheet_report(result, "frames-by-paragraph", leave_out=["carl", "nora"], resamples=200)
    assert len(without.coders) == len(everyone.coders) - 2 and without.left_out == ["carl", "nora"]
    assert "carl" not in without.majority and "carl" not in without.straight
    codings = result.for_exercise("frames-by-paragraph", ["carl", "nora"])
    triples = agreement.triples_for_question(codings, "conflict")
    assert without.per_question["conflict"].alpha == pytest.approx(AnnotationTask(data=triples).alpha())
    assert without.per_question["conflict"].alpha > everyone.per_question["conflict"].alpha


def test_a_whole_article_only_class(tmp_path):
    write_class(tmp_path, whole_only=True)
    result = classroom.read_class_folder(tmp_path, SETS)
    assert sorted(result.codings) == ["frames-whole-article"]
    report = classroom.sheet_report(result, "frames-whole-article", resamples=200)
    assert report.pooled.units == 19 and report.pooled.alpha is not None
    assert report.straight == {"carl": "yes", "nora": "no"} and set(report.partial) == {"pat"}


def test_instructor_notebook_on_a_class_of_30(simulated, monkeypatch):
    from tests.notebook_runner import run_notebook
    monkeypatch.setenv("NEWSLAB_CLASS_FOLDER", str(simulated))
    run = run_notebook("instructors/class_codings.ipynb", "post", timeout=300)
    assert not run.problems
    values = run.values
    assert values["class_files_used"] == 26 * 3 + 1  # 26 files with good codes, three sheets each
    assert values["sheets_handed_in"] == ["entman-sentences", "frames-whole-article", "frames-by-paragraph"]
    assert set(values["reliability_per_question"]) == {"entman-sentences", "frames-by-paragraph"}
    assert set(values["reliability_per_question"]["frames-by-paragraph"]) == {
        "responsibility", "human-interest", "conflict", "morality", "economic"}
    assert values["straight_lining"]["entman-sentences"] == {"carl": "yes", "nora": "no"}
    assert values["partial_files"]["frames-by-paragraph"] == {"pat": "15 of 80"}
    assert {"carl", "nora", "pat", "alex", "alex (2)"} <= set(values["talk_to"])
    assert "not the reliability of any one question" in run.outputs_text()
    assert any("huge.csv" in line for line in values["class_problem_lines"])


def test_interval_chart_draws_error_bars_not_separate_bars(capsys):
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.container import BarContainer, ErrorbarContainer
    from newslab import plots
    ax = plots.interval_chart(["a", "b", "c"], [0.5, None, 0.8], [0.3, None, 0.7], [0.6, None, 0.9], title="t",
                              xlabel="x", ylabel="alpha", alt_text="a .5, c .8", lines={".667": 0.667})
    assert [c for c in ax.containers if isinstance(c, ErrorbarContainer)] and \
        not [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "c"]  # no value, no point
    assert "Chart description: a .5, c .8" in capsys.readouterr().out


def test_instructor_notebook_on_a_whole_article_only_class(tmp_path, monkeypatch):
    from tests.notebook_runner import run_notebook
    write_class(tmp_path, whole_only=True)
    monkeypatch.setenv("NEWSLAB_CLASS_FOLDER", str(tmp_path))
    run = run_notebook("instructors/class_codings.ipynb", "post", timeout=300)
    assert not run.problems
    values = run.values
    assert values["sheets_handed_in"] == ["frames-whole-article"]
    assert values["reliability_per_question"] == {}
    assert values["pooled_alpha"]["frames-whole-article"]["units"] == 19
    assert values["straight_lining"]["frames-whole-article"] == {"carl": "yes", "nora": "no"}
    assert "no alpha per question" in values["class_summary"]
