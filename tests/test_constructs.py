"""Every Python construct a code cell uses is explained, in a plain sentence, no later than its first use.

The constructs are found in the code cells of every lesson and practice set with `ast`; which notebook
explains each, and with which words, is in data/constructs.json. The test fails when a notebook uses a
construct before (in course order) the notebook that explains it, or when the explaining sentence is
missing or comes after the first use. The first code cell of every notebook (the same set-up cell
everywhere) is left out.
"""

from __future__ import annotations

import ast
import json
import re

import nbformat
import pytest

from newslab import catalogue, config

TABLE = json.loads((config.DATA / "constructs.json").read_text(encoding="utf-8"))
EXPLAINED = TABLE["constructs"]
GAPS = TABLE["not_yet_explained"]
RE_FUNCTIONS = {"search", "findall", "finditer", "match", "fullmatch", "sub", "split", "compile"}
KIND_ORDER = {"lesson": 0, "practice": 1}


def constructs_in(source: str) -> set:
    """The names (as in data/constructs.json) of the constructs a piece of code uses."""
    source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    found = set()
    for node in ast.walk(ast.parse(source)):
        simple = {ast.Import: "import", ast.ImportFrom: "import", ast.For: "for", ast.If: "if",
                  ast.FunctionDef: "def", ast.List: "list", ast.Dict: "dict", ast.Set: "set",
                  ast.ListComp: "comprehension", ast.SetComp: "comprehension", ast.DictComp: "comprehension",
                  ast.GeneratorExp: "comprehension", ast.Lambda: "lambda", ast.JoinedStr: "f-string",
                  ast.IfExp: "conditional expression", ast.With: "with", ast.Try: "try", ast.While: "while",
                  ast.Break: "break", ast.AugAssign: "+="}
        if type(node) in simple:
            found.add(simple[type(node)])
        if isinstance(node, ast.FormattedValue) and (node.format_spec is not None or node.conversion != -1):
            found.add("f-string format")
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            found.add("slice")
        if isinstance(node, ast.FunctionDef) and (node.args.defaults or node.args.kw_defaults):
            found.add("default argument")
        if isinstance(node, (ast.Assign, ast.For)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Tuple) for target in targets):
                found.add("tuple unpacking")
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "DataFrame":
                found.add("DataFrame")
            if name in ("set", "dict"):
                found.add(name)
            if isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "re" and name in RE_FUNCTIONS:
                found.add("regex")
                pattern = node.args[0] if node.args else None
                if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
                    if re.search(r"(?<!\\)\((?!\?)", pattern.value):
                        found.add("regex group")
                    if re.search(r"\(\?<?[=!]", pattern.value):
                        found.add("regex lookaround")
    return found


def course():
    """Lessons and practice sets in course order: 00, its practice, 00b, its practice, 01 …"""
    entries = [e for e in catalogue.entries() if e.kind in KIND_ORDER]
    return sorted(entries, key=lambda e: (e.lesson, KIND_ORDER[e.kind]))


def position(lesson: str, kind: str) -> tuple:
    return (lesson, KIND_ORDER[kind])


def cells_of(entry):
    """[(kind, source, constructs)] for every cell after the set-up cell; constructs only for code."""
    notebook = nbformat.read(config.ROOT / entry.path, as_version=4)
    cells, seen_setup = [], False
    for cell in notebook.cells:
        if cell.cell_type == "code" and not seen_setup:
            seen_setup = True
            continue
        used = constructs_in(cell.source) if cell.cell_type == "code" else set()
        cells.append((cell.cell_type, cell.source, used))
    return cells


COURSE = course()
USES = {entry.path: cells_of(entry) for entry in COURSE}


def first_uses() -> dict:
    """{construct: the first entry (in course order) whose code uses it}."""
    first = {}
    for entry in COURSE:
        for _, _, used in USES[entry.path]:
            for construct in used:
                first.setdefault(construct, entry)
    return first


def test_the_detector_finds_what_it_should():
    code = ('import re\nfrom x import y\nfor a, b in pairs:\n    if a:\n        break\n'
            'def f(x, n=2):\n    return [w for w in x][:n] + [1]\n'
            't = {"k": 1}\ns = set()\nprint(f"{a!r:8}")\ng = lambda v: v\nre.findall(r"(?<=x)(\\w+)", s)\n')
    assert constructs_in(code) >= {"import", "for", "tuple unpacking", "if", "break", "def", "default argument",
                                   "comprehension", "slice", "dict", "set", "f-string", "f-string format",
                                   "lambda", "regex", "regex group", "regex lookaround", "list"}
    assert constructs_in('print("plain")\nx = len(words)') == set()
    assert "regex group" not in constructs_in('re.findall(r"(?:ab)+\\(", s)')


def test_every_construct_the_code_uses_is_in_the_table():
    unknown = set(first_uses()) - set(EXPLAINED) - set(GAPS)
    assert not unknown, f"constructs with no row in data/constructs.json: {sorted(unknown)}"


@pytest.mark.parametrize("entry", COURSE, ids=lambda e: e.path)
def test_no_notebook_uses_a_construct_before_the_notebook_that_explains_it(entry):
    here = position(entry.lesson, entry.kind)
    early = []
    for _, _, used in USES[entry.path]:
        for construct in used & set(EXPLAINED):
            row = EXPLAINED[construct]
            if position(row["lesson"], row["kind"]) > here:
                early.append(f"{construct} (explained only in {row['lesson']} {row['kind']})")
    assert not early, f"{entry.path} uses, before they are explained: {sorted(set(early))}"


@pytest.mark.parametrize("construct", sorted(EXPLAINED))
def test_the_explaining_sentence_is_there_no_later_than_the_first_use(construct):
    row = EXPLAINED[construct]
    entry = next((e for e in COURSE if (e.lesson, e.kind) == (row["lesson"], row["kind"])), None)
    assert entry is not None, f"{construct}: no {row['kind']} notebook for lesson {row['lesson']}"
    cells = USES[entry.path]
    first_use = next((n for n, (_, _, used) in enumerate(cells) if construct in used), None)
    last = len(cells) - 1 if first_use is None else min(first_use + 1, len(cells) - 1)
    prose = []
    for kind, source, _ in cells[:last + 1]:
        if kind == "markdown":
            prose.append(source)
        elif kind == "code":
            prose += [line.split("#", 1)[1] for line in source.splitlines() if "#" in line]
    assert any(row["phrase"] in text for text in prose), (
        f"{entry.path} should explain {row['what']} ({row['phrase']!r}) before or right after its first use")


@pytest.mark.parametrize("construct", sorted(GAPS))
def test_the_list_of_unexplained_constructs_is_current(construct):
    """A gap is where its first use really is; once it is explained there, move it to 'constructs'."""
    row = GAPS[construct]
    first = first_uses().get(construct)
    assert first is not None, f"{construct} is no longer used: take it off 'not_yet_explained'"
    assert (first.lesson, first.kind) == (row["lesson"], row["kind"]), (
        f"{construct} is now first used in {first.path}, before lesson {row['lesson']}: explain it there")


def test_lessons_00_to_02_use_nothing_unexplained():
    owned = [e for e in COURSE if e.lesson in ("00", "00b", "01", "02")]
    for entry in owned:
        used = set().union(*(u for _, _, u in USES[entry.path]))
        assert not used & set(GAPS), f"{entry.path} uses {sorted(used & set(GAPS))}, which no lesson explains yet"
