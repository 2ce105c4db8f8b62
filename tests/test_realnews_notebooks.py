"""Every notebook also runs on real news nobody here wrote: Brown news files rebuilt as plain-text articles.

At test time, Brown news files (none of them in the labelled development set) are written as .txt files
into a temporary folder and given to the notebooks the way a learner gives their own article
(NEWSLAB_ARTICLE = the file's path). Every lesson and practice set runs on one file, lessons 06–11 and
their practice sets on three. Each run must end with no error and nothing on stderr, and where a
notebook computes a finding step by step beside the package (or says that a reference does not apply),
the two must agree on these texts as they do on the bundled ones.

The runs the selected tests need are made first, two kernels at a time (one per core of the CI machine),
and then read back from the runner's cache by each test.
"""

import os

import pytest

import newslab
from newslab.realnews import brown_text, news_fileids
from tests.notebook_runner import ROOT, notebook_run, run_in_parallel

ONE_FILE = "ca15"
THREE_FILES = ("ca15", "ca20", "ca31")
NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix() for folder in ("notebooks", "exercises")
                   for p in (ROOT / folder).glob("*.ipynb"))
ON_THREE = [path for path in NOTEBOOKS if path.split("/")[1][:2] in {"06", "07", "08", "09", "10", "11"}]
RUNS = [(path, ONE_FILE) for path in NOTEBOOKS] + \
       [(path, fileid) for fileid in THREE_FILES if fileid != ONE_FILE for path in ON_THREE]

# Values a lesson computes twice, step by step in its cells and with the package: equal on any article.
AGREEMENTS = {
    "notebooks/01_article_as_data.ipynb": ["same_blocks"],
    "notebooks/05_grammar_of_news.ipynb": ["same_as_packaged"],
    "notebooks/06_actors_and_names.ipynb": ["same_mentions", "same_pairs"],
    "notebooks/07_voices_and_quotes.ipynb": ["same_passages_as_stage_marks", "same_as_last_stage", "same_summary"],
    "notebooks/08_tone.ipynb": ["same_as_package"],
    "notebooks/11_capstone.ipynb": ["same_as_package", "same_measures"],
}
# Disagreements found on these files that belong to the package: {(path, fileid or "*", value): reason}, each
# run as a strict xfail, so its marker must go when the package is fixed.
KNOWN_DISAGREEMENTS = {}  # none left: the faults of actors.py the markers named are fixed (issue 10)
# Lessons whose reference readings exist only for the bundled articles: on other text they must say so.
NO_REFERENCE = {
    "notebooks/09_framing_entman.ipynb": "No reference spans for this article",
    "notebooks/10_generic_frames_agreement.ipynb": "No reference scores for this article",
}


@pytest.fixture(scope="session")
def brown_files(tmp_path_factory):
    """The Brown files as a learner's plain-text articles: {fileid: path}."""
    folder = tmp_path_factory.mktemp("brown-news")
    files = {}
    for fileid in THREE_FILES:
        files[fileid] = folder / f"brown-{fileid}.txt"
        files[fileid].write_text(brown_text(fileid), encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def brown_runs(request, brown_files):
    """Run, two at a time, every (notebook, file) that the selected tests of this module ask for."""
    wanted = []
    for item in request.session.items:
        params = getattr(item, "callspec", None) and item.callspec.params
        if item.module is request.module and params and {"path", "fileid"} <= set(params):
            wanted.append((params["path"], params["fileid"]))
    run_in_parallel([(path, str(brown_files[fileid])) for path, fileid in wanted], workers=min(2, os.cpu_count() or 1))
    return brown_files


def test_the_files_are_news_and_not_in_the_development_set():
    labelled = {p.stem for p in (ROOT / "data/reference/brown-news").glob("*.json")}
    assert set(THREE_FILES) <= set(news_fileids())
    assert not set(THREE_FILES) & labelled, "the notebooks must be tried on files the methods were not measured on"


def test_every_lesson_and_practice_set_is_run():
    # 13 lessons (00, 00b, 01 … 11) and their 13 practice sets; lessons 06–11 and their sets on three files.
    assert len(NOTEBOOKS) == 26 and len(ON_THREE) == 12
    assert len(RUNS) == 26 + 2 * 12


def corpus_paragraphs(fileid):
    from nltk.corpus import brown
    return len(brown.paras(fileid))


@pytest.mark.parametrize("fileid", THREE_FILES)
def test_the_file_loads_as_a_learners_article_with_every_paragraph_as_body(brown_files, fileid):
    article = newslab.load_article(str(brown_files[fileid]))
    assert article.id == f"brown-{fileid}"
    # one block per paragraph of the corpus (ca15 has a paragraph that is only ".")
    assert len(article.body) == len(article.paragraphs) == corpus_paragraphs(fileid) > 40


@pytest.mark.notebooks
def test_lesson_00_counts_the_blocks_of_the_corpus_file(brown_runs):
    values = notebook_run("notebooks/00_start_here.ipynb", str(brown_runs[ONE_FILE])).values
    paragraphs = corpus_paragraphs(ONE_FILE)
    assert values["blocks"] == values["body_paragraphs"] == paragraphs
    assert values["kinds"] == {"body": paragraphs}


@pytest.mark.notebooks
@pytest.mark.parametrize("path,fileid", RUNS)
def test_notebook_runs_clean_on_real_news(brown_runs, path, fileid):
    run = notebook_run(path, str(brown_runs[fileid]))
    assert not run.problems, f"{path} on Brown {fileid}:\n" + "\n".join(run.problems)


def agreement_cases():
    cases = []
    for path, fileid in RUNS:
        for name in AGREEMENTS.get(path, []):
            reason = KNOWN_DISAGREEMENTS.get((path, fileid, name)) or KNOWN_DISAGREEMENTS.get((path, "*", name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(path, fileid, name, marks=marks, id=f"{path.split('/')[1][:2]}-{fileid}-{name}"))
    return cases


@pytest.mark.notebooks
@pytest.mark.parametrize("path,fileid,name", agreement_cases())
def test_step_by_step_agrees_with_the_package_on_real_news(brown_runs, path, fileid, name):
    run = notebook_run(path, str(brown_runs[fileid]))
    assert not run.problems
    assert run.values.get(name) is True, f"{path} on Brown {fileid}: {name} is {run.values.get(name)!r}"


@pytest.mark.notebooks
@pytest.mark.parametrize("path,fileid", [run for run in RUNS if run[0] in NO_REFERENCE])
def test_reference_readings_say_they_do_not_apply_to_real_news(brown_runs, path, fileid):
    run = notebook_run(path, str(brown_runs[fileid]))
    assert not run.problems
    assert run.values["reference_applies"] is False
    text = run.outputs_text()
    assert f"do not apply to brown-{fileid}" in text and NO_REFERENCE[path] in text


@pytest.mark.notebooks
@pytest.mark.parametrize("fileid", THREE_FILES)
def test_lesson_06_takes_the_names_nltk_finds_on_real_news(brown_files, fileid):
    values = notebook_run("notebooks/06_actors_and_names.ipynb", str(brown_files[fileid])).values
    assert values["from_curated_list"] is False  # the course's list is for its own articles
    people = {m["actor"] for m in values["mentions"] if m["kind"] == "person"}
    assert len(people) >= 5, f"lesson 06 on Brown {fileid} finds only {sorted(people)}"
    if fileid == "ca20":  # "No comments by U.S." ends a sentence: the abbreviation keeps its full stop
        assert any(sentence[-1][0] == "U.S." for sentence in values["tagged_sentences"])


# ---------------------------------------------------------------- an article that names nobody

NO_NAMES = """Rain and a bridge

The rain came early this year and the river rose fast.

The old bridge was closed for a day while water ran over the road. "It was the worst week in years," one shop owner said.

By the weekend the water had gone down and traffic was back to normal.
"""
NO_NAMES_RUNS = [path for path in NOTEBOOKS if path.split("/")[1][:2] in {"06", "07", "09", "11"}]


@pytest.fixture(scope="session")
def no_names_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("no-names") / "no-names.txt"
    path.write_text(NO_NAMES, encoding="utf-8")
    return path


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NO_NAMES_RUNS)
def test_lessons_cope_with_an_article_that_names_nobody(no_names_file, path):
    run = notebook_run(path, str(no_names_file))
    assert not run.problems, f"{path} on an article that names nobody:\n" + "\n".join(run.problems)
    if path == "notebooks/06_actors_and_names.ipynb":
        assert run.values["mentions"] == [] and run.values["cooccurrence"] == [] and run.values["top_pair"] is None
    if path == "notebooks/07_voices_and_quotes.ipynb":
        # the one quote is an unnamed shop owner's: a nominal speaker, never a named person
        assert [kind for _, _, kind in run.values["speaker_names"]] == ["nominal"]
        assert run.values["never_quoted_people"] == []
