"""Hygiene of every committed notebook: clean, valid, runnable anywhere, accessible, with lesson metadata."""

import re
from pathlib import Path

import nbformat
import pytest

from tests.notebook_runner import ROOT, all_notebooks

NOTEBOOKS = all_notebooks()
FIRST_CELL_MARKERS = ("sys.path.insert", "import newslab", "newslab.load_article()")
VAGUE_LINK_TEXT = {"here", "click here", "this", "link", "this link", "more", "read more"}


def read(path):
    return nbformat.read(ROOT / path, as_version=4)


def meta(path):
    return read(path).metadata.get("newslab", {})


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_valid_nbformat_and_python3_kernel(path):
    notebook = read(path)
    nbformat.validate(notebook)
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3", f"{path}: kernelspec must be python3"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_committed_without_outputs(path):
    for number, cell in enumerate(read(path).cells):
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path} cell {number} has outputs: clear them before committing"
            assert cell.execution_count is None, f"{path} cell {number} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_first_code_cell_makes_the_package_importable(path):
    code_cells = [c for c in read(path).cells if c.cell_type == "code"]
    assert code_cells, f"{path} has no code"
    first = code_cells[0].source
    for marker in FIRST_CELL_MARKERS:
        assert marker in first, f"{path}: the first code cell must contain {marker!r} (see notebooks/00_start_here.ipynb)"
    assert first.lstrip().startswith("#"), f"{path}: the first code cell must say in a comment why it changes sys.path"


def markdown_of(path):
    return [c.source for c in read(path).cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_images_have_alt_text(path):
    for source in markdown_of(path):
        for alt in re.findall(r"!\[([^\]]*)\]\(", source):
            assert alt.strip(), f"{path}: a Markdown image without alt text"
        for tag in re.findall(r"<img\b[^>]*>", source, flags=re.I):
            assert re.search(r'\balt\s*=\s*"[^"]+"', tag), f"{path}: an <img> without alt text: {tag}"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_links_resolve_and_say_where_they_go(path):
    for source in markdown_of(path):
        for text, target in re.findall(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)[^)]*\)", source):
            assert text.strip().lower() not in VAGUE_LINK_TEXT, f"{path}: link text {text!r} does not say where it goes"
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            local = (ROOT / path).parent / target.split("#")[0]
            assert local.exists(), f"{path}: the link to {target} does not resolve"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_headings_go_in_order(path):
    levels = []
    for source in markdown_of(path):
        in_code = False
        for line in source.splitlines():
            if line.startswith("```"):
                in_code = not in_code
            match = re.match(r"^(#{1,6})\s", line)
            if match and not in_code:
                levels.append(len(match.group(1)))
    assert levels and levels[0] == 1, f"{path}: the first heading must be a level-1 title"
    assert levels.count(1) == 1, f"{path}: one level-1 heading (the title) only"
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"{path}: a heading jumps from level {before} to level {after}"


LESSONS = [p for p in NOTEBOOKS if meta(p).get("kind") in ("lesson", "practice")]


def test_every_lesson_and_practice_set_has_metadata():
    kinds = {p: meta(p).get("kind") for p in NOTEBOOKS}
    unknown = [p for p, kind in kinds.items() if kind not in ("lesson", "practice", "instructor")]
    assert not unknown, f"notebooks without metadata.newslab.kind (lesson, practice or instructor): {unknown}"


@pytest.mark.parametrize("path", LESSONS)
def test_lesson_metadata(path):
    m = meta(path)
    assert isinstance(m.get("title"), str) and m["title"], f"{path}: metadata.newslab.title"
    assert re.fullmatch(r"\d\d[a-z]?", str(m.get("lesson", ""))), f"{path}: metadata.newslab.lesson like '03' or '00b'"
    objectives = m.get("objectives")
    assert objectives and all(o.get("id") and o.get("text") for o in objectives), f"{path}: objectives with id and text"
    assert m.get("key_points") and all(isinstance(k, str) and k for k in m["key_points"]), f"{path}: key_points"
    assert isinstance(m.get("prerequisites"), list), f"{path}: prerequisites (a list, may be empty)"
    minutes = m.get("minutes", {})
    assert isinstance(minutes.get("teaching"), int) and isinstance(minutes.get("exercises"), int), \
        f"{path}: minutes.teaching and minutes.exercises (whole numbers)"
    assert Path(path).stem.startswith(m["lesson"] + "_"), f"{path}: the file name starts with its lesson number"



# ---------------------------------------------------------------- what a learner alone tripped over (issue 11)

import json  # noqa: E402

import newslab  # noqa: E402
from newslab import catalogue, config  # noqa: E402
from newslab.exercises import PracticeSet, read_set  # noqa: E402
from newslab.exercises.feedback import Feedback, markdown, plain_label  # noqa: E402

SET_NAMES = sorted(p.stem for p in config.EXERCISES.glob("*.json"))
ARTICLE_IDS = (config.DEFAULT_ARTICLE, config.INVENTED_ARTICLE)
MARKDOWN_MARKS = re.compile(r"(?<!`)`(?!`)|\*\*|^\s*>|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|\[[^\]]+\]\(", re.M)


def exercises_of(set_name):
    return read_set(set_name)["exercises"]


@pytest.mark.parametrize("set_name", SET_NAMES)
def test_option_and_code_labels_show_no_markdown_marks(set_name):
    """Radio buttons and check boxes cannot render Markdown: what they show must hold none."""
    for exercise in exercises_of(set_name):
        for option in exercise.get("options", []):
            shown = plain_label(option["text"])
            assert not MARKDOWN_MARKS.search(shown), f"{set_name}/{exercise['id']}: option shows {shown!r}"
        for question in exercise.get("codebook", []):
            for text in [question["text"], question.get("help", ""), *question["codes"]]:
                assert not MARKDOWN_MARKS.search(text), f"{set_name}/{exercise['id']}: codebook text {text!r}"


def test_plain_labels_take_the_marks_off():
    assert plain_label("`text.split()`") == "text.split()"
    assert plain_label("> a **quoted** line") == "a quoted line"
    assert plain_label("`in` only finds whole words") == "in only finds whole words"


@pytest.mark.parametrize("set_name", SET_NAMES)
def test_questions_render_as_markdown_with_no_raw_marks_left(set_name):
    for exercise in exercises_of(set_name):
        rendered = markdown(exercise["question"])
        text = re.sub(r"<pre.*?</pre>|<code>.*?</code>", "", rendered, flags=re.S)  # code may hold any mark
        text = re.sub(r"<[^>]+>", "\n", text)
        assert "**" not in text and "`" not in text, f"{set_name}/{exercise['id']}: raw Markdown in {text!r}"
        assert not re.search(r"^\s*&gt;", text, re.M), f"{set_name}/{exercise['id']}: a '> ' shown raw"


def test_a_block_quote_renders_as_a_quotation():
    html = markdown("Here is a sentence:\n\n> “We’re prepared,” Kerry said.\n\nHow many?")
    assert "<blockquote" in html and "&gt;" not in html and "“We’re prepared,” Kerry said." in html


def test_feedback_does_not_repeat_the_status_word():
    for text in ("Right: running everything from the top.", "Right. It is.", "right, because"):
        shown = Feedback("right", "right", text)
        assert "Right. Right" not in shown.plain() and "Right.</strong> Right" not in shown.html()
        assert re.search(r"Right\.</strong> (<span[^>]*>)?[A-Z]", shown.html())
    # a text that only says "Right." keeps it; other statuses are untouched
    assert Feedback("right", "right", "Right.").plain() == "✓ Right. Right."
    assert "Right: the caption" in Feedback("option:a", "wrong", "Right: the caption is not").plain()


@pytest.mark.parametrize("set_name", SET_NAMES)
def test_no_coding_sheet_unit_label_contains_its_expected_code(set_name):
    for exercise in exercises_of(set_name):
        if exercise["kind"] != "coding":
            continue
        for article_id in ARTICLE_IDS:
            article = newslab.load_article(article_id)
            sheet = PracticeSet(read_set(set_name), article=article).exercise(exercise["id"])
            if not sheet.applies:
                continue
            codes = {c.lower() for q in exercise["codebook"] for c in q["codes"]}
            paragraphs = {f"p{p.index}": p for p in article.paragraphs}
            for unit in sheet.units():
                label = unit.label.lower()
                given_away = [c for c in codes if c in label]
                p = paragraphs.get(unit.id)
                if p is not None:
                    code_words = {w for c in codes for w in c.split()}
                    given_away += [k for k in (p.kind, p.role) if k in code_words
                                   and re.search(rf"\b{re.escape(k)}\b", label)]
                assert not given_away, f"{set_name}/{exercise['id']}: unit label {unit.label!r} gives away {given_away}"


def _time_line(path):
    first = read(path).cells[0].source.replace("\n", " ")
    match = re.search(r"\*\*Time:\*\*([^*]*)", first)
    return match.group(1) if match else ""


@pytest.mark.parametrize("entry", [e for e in catalogue.entries() if e.kind in ("lesson", "practice")],
                         ids=lambda e: e.path)
def test_minutes_have_one_source_the_lesson_metadata(entry):
    """The lesson map, the syllabus and the notebook's own Time line all show the lesson's minutes."""
    minutes = entry.minutes
    line = _time_line(entry.path)
    if entry.kind == "lesson":
        assert entry.meta["minutes"] == minutes
        assert f"{minutes['teaching']} minutes of teaching and {minutes['exercises']} minutes of exercises" in line, \
            f"{entry.path}: the Time line {line!r} does not state the metadata's minutes {minutes}"
    else:
        lesson = catalogue.lesson_entry(entry.lesson)
        assert minutes == {"teaching": 0, "exercises": lesson.minutes["exercises"]}
        own = entry.meta.get("minutes")
        assert own in (None, minutes), f"{entry.path}: its metadata says {own}, its lesson {minutes}"
        assert f"about {minutes['exercises']} minutes" in line, \
            f"{entry.path}: the Time line {line!r} differs from the lesson's {minutes['exercises']} exercise minutes"
    assert catalogue.lesson_map_markdown().count(f"| {entry.lesson} |") == 1


# Placeholders in practice sets of lessons 03–11 that are still all comments; the lead (or the helper
# who owns the lesson) turns each into an empty cell with the example in the prose above it.
COMMENT_ONLY_KNOWN = {
    "exercises/03_counting_words", "exercises/04_words_in_context", "exercises/05_grammar_of_news",
    "exercises/06_actors_and_names", "exercises/07_voices_and_quotes", "exercises/08_tone",
    "exercises/09_framing_entman", "exercises/10_generic_frames_agreement", "exercises/11_capstone",
    "notebooks/11_capstone",
}


def _known(path):
    stem = path.rsplit(".", 1)[0]
    return stem in COMMENT_ONLY_KNOWN or stem.removesuffix("_practice") in COMMENT_ONLY_KNOWN


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_no_code_cell_is_only_comments(path):
    """A cell of comments runs and shows nothing: a learner cannot tell it ran. Leave a cell for the learner
    empty, and put the example in the text above it or in code that prints."""
    cells = [c for c in read(path).cells if c.cell_type == "code" and c.source.strip()]
    only_comments = [c.source.splitlines()[0] for c in cells
                     if all(not line.strip() or line.lstrip().startswith("#") for line in c.source.splitlines())]
    if _known(path):
        return
    assert not only_comments, f"{path}: code cells that are only comments: {only_comments}"


SHOW = re.compile(r'(\w+)\.show\("([^"]+)"\)')
SETS = re.compile(r'(\w+)\s*=\s*practice_set\("([^"]+)"\)')


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_a_function_exercise_says_where_its_template_is(path):
    """'Copy this into a new code cell' only where the next cell does not already hold the template."""
    code = [c.source for c in read(path).cells if c.cell_type == "code"]
    sets = {}
    for n, source in enumerate(code):
        for variable, set_name in SETS.findall(source):
            sets[variable] = {e["id"]: e for e in exercises_of(set_name)}
        for variable, exercise_id in SHOW.findall(source):
            spec = sets.get(variable, {}).get(exercise_id)
            if not spec or spec["kind"] != "function" or not spec.get("starter"):
                continue
            following = code[n + 1] if n + 1 < len(code) else ""
            holds_template = f"def {spec['name']}(" in following
            assert spec.get("starter_in_notebook", True) == holds_template, (
                f"{path}: {exercise_id} {'says copy the template, but the next cell holds it' if holds_template else 'says the next cell holds the template, but it does not'}"
                " (\"starter_in_notebook\": false in its set file when the notebook has no template cell)")


def test_printed_output_wraps_between_words_in_a_notebook():
    """JupyterLab breaks printed lines anywhere (word-break: break-all); newslab adds a rule that wraps
    between words when a notebook imports it."""
    from newslab import display
    from tests.notebook_runner import notebook_run

    assert "word-break: normal" in display.style_html()
    run = notebook_run("notebooks/00_start_here.ipynb")
    first_outputs = [o for c in run.notebook.cells if c.cell_type == "code" for o in c.outputs][:3]
    assert any("newslab-wrap" in o.get("data", {}).get("text/html", "") for o in first_outputs)
    assert not display.wrap_between_words(), "outside a notebook nothing is shown"


# Code lines that run off the right edge of a notebook: checked for lessons 00-02 and their practice
# sets; lessons 03-11 still have such lines (their owners shorten them, then widen this to all).
WIDE_CODE_CHECKED = ("00_", "00b_", "01_", "02_")


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if Path(p).name.startswith(WIDE_CODE_CHECKED)])
def test_code_lines_fit_the_notebook(path):
    cells = [c for c in read(path).cells if c.cell_type == "code"][1:]  # the shared set-up cell aside
    wide = [line for c in cells for line in c.source.splitlines() if len(line) > 100]
    assert not wide, f"{path}: code lines over 100 characters run off the right edge: {wide}"


# ---------------------------------------------------------------- practice sets have names of their own

def test_every_practice_set_is_named_after_its_lesson_with_practice():
    for lesson in catalogue.entries("lesson"):
        practice = catalogue.practice_for(lesson)
        if practice is not None:
            assert practice.path == catalogue.practice_path(lesson.path), \
                f"{practice.path}: name it {catalogue.practice_path(lesson.path)} (git mv), so its tab differs from the lesson's"
    names = [Path(p).name for p in NOTEBOOKS]
    assert len(names) == len(set(names)), "two notebooks share a file name"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_links_to_practice_sets_use_the_new_names(path):
    for source in markdown_of(path):
        for target in re.findall(r"\]\((\.\./exercises/[^)#\s]+)", source):
            assert target.endswith(catalogue.PRACTICE_SUFFIX + ".ipynb"), f"{path}: links to {target}, an old name"


@pytest.mark.parametrize("old, new", [
    ("exercises/00_tour.ipynb", "exercises/00_start_here_practice.ipynb"),
    ("exercises/01_article_as_data.ipynb", "exercises/01_article_as_data_practice.ipynb"),
    ("../exercises/02_tokens_and_sentences.ipynb", "../exercises/02_tokens_and_sentences_practice.ipynb"),
    ("exercises/01_article_as_data_practice.ipynb", "exercises/01_article_as_data_practice.ipynb"),
    ("notebooks/01_article_as_data.ipynb", "notebooks/01_article_as_data.ipynb"),
])
def test_old_practice_set_paths_lead_to_the_new_files(old, new):
    assert catalogue.current_path(old) == new
    if not new.startswith(".."):
        assert (ROOT / new).exists()


def test_progress_saved_under_the_old_names_still_counts(tmp_path, monkeypatch):
    """Progress is kept by set name (00_tour, 01_article_as_data), which the renamed notebooks still load."""
    from newslab.progress import ProgressStore

    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))
    store = ProgressStore()
    store.record("00_tour", "00", "video-caption", "choice", "attempt", outcome="right", complete=True)
    store.record("01_article_as_data", "01", "whose-words", "choice", "attempt", outcome="right", complete=True)
    done = {row["lesson"]: row["done"] for row in store.summary()}
    assert done["00"] >= 1 and done["01"] >= 1
    for old_set, old_notebook in [("00_tour", "exercises/00_tour.ipynb"),
                                  ("01_article_as_data", "exercises/01_article_as_data.ipynb")]:
        source = "".join(c.source for c in read(catalogue.current_path(old_notebook)).cells if c.cell_type == "code")
        assert f'practice_set("{old_set}")' in source, f"{old_notebook} renamed, but it no longer loads {old_set}"


def test_coding_files_exported_before_the_rename_still_load_in_the_class_notebook(tmp_path):
    from newslab.classroom import read_class_folder
    from newslab.exercises.coding import write_codings_csv

    rows = [{"coder": "ana", "unit": "p0", "question": "kind", "code": "photo caption", "set": "01_article_as_data",
             "exercise": "classify-blocks", "article": config.DEFAULT_ARTICLE, "reason": ""}]
    write_codings_csv(tmp_path / "coding-01_article_as_data-classify-blocks-ana.csv", rows)
    result = read_class_folder(tmp_path, set_name="01_article_as_data")
    assert result.codings["classify-blocks"]["ana"] == {"p0": {"kind": "photo caption"}}
