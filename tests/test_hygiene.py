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
    assert re.fullmatch(r"\d\d", str(m.get("lesson", ""))), f"{path}: metadata.newslab.lesson like '03'"
    objectives = m.get("objectives")
    assert objectives and all(o.get("id") and o.get("text") for o in objectives), f"{path}: objectives with id and text"
    assert m.get("key_points") and all(isinstance(k, str) and k for k in m["key_points"]), f"{path}: key_points"
    assert isinstance(m.get("prerequisites"), list), f"{path}: prerequisites (a list, may be empty)"
    minutes = m.get("minutes", {})
    assert isinstance(minutes.get("teaching"), int) and isinstance(minutes.get("exercises"), int), \
        f"{path}: minutes.teaching and minutes.exercises (whole numbers)"
    assert Path(path).stem[:2] == m["lesson"], f"{path}: the file name starts with its lesson number"
