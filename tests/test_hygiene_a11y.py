"""Accessibility hygiene beyond tests/test_hygiene.py: every plot has a text description next to it,
images shown from code have alt text, and plot colours come from the colour-blind-safe palette.

The rules are static (they read the code, they do not run it), so each is tested here on small
examples that must pass and must fail, as well as on every notebook and on the newslab package.

A plot is described when the cell that draws it also
- calls a newslab function that prints a description (newslab.plots.describe, or any newslab function
  that calls it, such as plots.bar_chart or context.finish_dispersion_plot) with a non-empty alt text, or
- prints a line that starts with "Chart description", or
- is followed at once by a Markdown cell that starts with "Chart description".
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from newslab import config
from tests.notebook_runner import ROOT, all_notebooks

NOTEBOOKS = all_notebooks()
PACKAGE = sorted((ROOT / "newslab").rglob("*.py"))

# Methods that draw a chart (matplotlib's Axes and pyplot, pandas' .plot, seaborn, NLTK's dispersion plot).
DRAWING = {"plot", "bar", "barh", "hist", "hist2d", "scatter", "imshow", "matshow", "pie", "boxplot", "violinplot",
           "pcolormesh", "pcolor", "contour", "contourf", "errorbar", "stackplot", "hexbin", "fill_between",
           "heatmap", "barplot", "countplot", "lineplot", "histplot", "dispersion_plot", "eventplot"}
# Functions that show an image without a text alternative of their own.
IMAGES = {"Image", "SVG"}

# The Okabe & Ito (2008) palette: the one set of colours the charts may use.
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
NEUTRAL = {"black", "white", "none", "k", "w", "gray", "grey", "lightgray", "lightgrey", "darkgray", "darkgrey"}
# Colour maps that stay readable with colour-blindness and in greyscale (perceptually uniform, one hue path).
SAFE_CMAPS = {"cividis", "viridis", "magma", "inferno", "plasma", "Greys", "gray", "binary", "gist_gray"}
COLOUR_KEYWORDS = {"color", "colors", "colour", "colours", "c", "facecolor", "facecolors", "edgecolor",
                   "edgecolors", "fc", "ec", "mfc", "mec", "markerfacecolor", "markeredgecolor"}
CMAP_KEYWORDS = {"cmap", "colormap", "palette"}
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


# ---------------------------------------------------------------- reading code

def parse(source: str):
    """The AST of a cell, with IPython's magics and shell lines blanked out; None if it is not Python."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def call_owner(call: ast.Call) -> str:
    """The dotted name a method is called on: 'plots' for plots.bar_chart(…), '' for a bare name."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return ""
    parts, value = [], func.value
    while isinstance(value, ast.Attribute):
        parts.append(value.attr)
        value = value.value
    if isinstance(value, ast.Name):
        parts.append(value.id)
    return ".".join(reversed(parts))


def describing_functions() -> set:
    """The newslab functions that print a chart description: plots.describe and every function that calls one."""
    found = {"describe"}
    functions = [node for path in PACKAGE for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.FunctionDef)]
    while True:  # callers of callers, until nothing new is found
        more = {f.name for f in functions if f.name not in found and any(
            isinstance(n, ast.Call) and call_name(n) in found and (n.args or n.keywords) for n in ast.walk(f))}
        if not more:
            return found
        found |= more


DESCRIBERS = describing_functions()


def is_description(call: ast.Call) -> bool:
    """A call that prints a chart description with a text that is not empty."""
    name = call_name(call)
    if name == "print":
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value.startswith("Chart description")
        if isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
            return str(first.values[0].value).startswith("Chart description")
        return False
    if name not in DESCRIBERS:
        return False
    if name == "describe" and call_owner(call) not in ("", "plots", "newslab.plots"):
        return False  # article.describe() and the like describe other things
    texts = [k.value for k in call.keywords if k.arg == "alt_text"]
    texts += [a for a in call.args if isinstance(a, ast.Name) and a.id == "alt_text"]  # passed on by a helper
    if name == "describe" and call.args:
        texts.append(call.args[0])
    return any(not (isinstance(t, ast.Constant) and not str(t.value).strip()) for t in texts)


def plot_problems(source: str, next_markdown: str = "") -> list:
    """Why a cell's plots or images lack a description; [] when every one has one."""
    tree = parse(source)
    if tree is None:
        draws = re.search(r"\.(%s)\(" % "|".join(sorted(DRAWING)), source)
        described = "Chart description" in source or re.search(r"\b(%s)\(" % "|".join(sorted(DESCRIBERS)), source)
        return [f"draws with .{draws.group(1)}() without a description"] if draws and not described else []
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    # A newslab chart helper called with an empty alt text draws a chart and describes nothing.
    drawing = [c for c in calls if (call_name(c) in DRAWING or call_name(c) in DESCRIBERS - {"describe"})
               and not is_description(c)]
    images = [c for c in calls if call_name(c) in IMAGES and call_owner(c) in ("", "display", "IPython.display")]
    described = any(is_description(c) for c in calls) or next_markdown.lstrip("*_ ").startswith("Chart description")
    problems = []
    if drawing and not described:
        names = sorted({call_name(c) for c in drawing})
        problems.append(f"draws a chart ({', '.join(names)}) but prints no description: call plots.describe(...) "
                        "or a newslab.plots helper with alt_text=…")
    if images and not described:
        problems.append("shows an image with no text description next to it")
    in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    for node in ast.walk(tree):
        text = None
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings:
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = ast.unparse(node)  # an f-string: its alt may be filled in from a variable
        if text is not None:
            for tag in re.findall(r"<img\b[^>]*>", text, flags=re.I):
                if not re.search(r"\balt\s*=\s*[\"'][^\"']+[\"']", tag):
                    problems.append(f"an <img> without alt text: {tag[:60]}")
    return problems


def literal_strings(node) -> list:
    """The string constants of a keyword's value: a string, or a list or tuple of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def colour_ok(value: str) -> bool:
    if HEX.match(value):
        return value[:7].upper() in OKABE_ITO
    return value.lower() in NEUTRAL or value.upper() in OKABE_ITO


def cmap_ok(value: str) -> bool:
    return value.removesuffix("_r") in SAFE_CMAPS


def colour_problems(source: str) -> list:
    """Hard-coded colours outside the palette and colour maps outside the safe list."""
    tree = parse(source)
    if tree is None:
        return []
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and HEX.match(node.value):
            if not colour_ok(node.value):
                problems.append(f"the colour {node.value} is not in the Okabe–Ito palette (config.PALETTE)")
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in COLOUR_KEYWORDS:
                    for value in literal_strings(keyword.value):
                        if not HEX.match(value) and not colour_ok(value):
                            problems.append(f"{keyword.arg}={value!r} is not a palette colour: use config.PALETTE")
                if keyword.arg in CMAP_KEYWORDS:
                    for value in literal_strings(keyword.value):
                        if not cmap_ok(value):
                            problems.append(f"{keyword.arg}={value!r} is not a colour-blind-safe colour map "
                                            f"({', '.join(sorted(SAFE_CMAPS))})")
            if call_name(node) in ("get_cmap", "set_cmap", "color_palette"):
                for value in literal_strings(node.args[0]) if node.args else []:
                    if not cmap_ok(value):
                        problems.append(f"{call_name(node)}({value!r}) is not a colour-blind-safe colour map")
        if isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Attribute, ast.Name)):
            owner = node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id
            if owner == "colormaps":
                for value in literal_strings(node.slice):
                    if not cmap_ok(value):
                        problems.append(f"colormaps[{value!r}] is not a colour-blind-safe colour map")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "cm":
            if node.attr[:1].isalpha() and node.attr not in ("get_cmap", "ScalarMappable", "register_cmap") \
                    and not cmap_ok(node.attr):
                problems.append(f"cm.{node.attr} is not a colour-blind-safe colour map")
    return problems


# ---------------------------------------------------------------- the rules on examples

DESCRIBED = [
    'plots.bar_chart(["a"], [1], title="t", xlabel="x", ylabel="y", alt_text=f"One bar: a {1}.")',
    'text.dispersion_plot(words)\nax = plt.gca()\nfinish_dispersion_plot(ax, alt_text="Rows: " + ", ".join(words))',
    'fd.plot(10)\nplots.describe("The ten most frequent words, most frequent first.")',
    'ax.barh(labels, values, color=config.PALETTE["blue"])\nprint(f"Chart description: {len(labels)} bars")',
    'newslab.plots.heatmap(m, rows, cols, title="t", alt_text=summary)',
    '%matplotlib inline\nplt.hist(lengths)\nprint("Chart description: sentence lengths")',
]
UNDESCRIBED = [
    "fd.plot(10)",
    "text.dispersion_plot(words)",
    "fig, ax = plt.subplots()\nax.bar(labels, values)\nprint(article.describe())",
    'plots.bar_chart(["a"], [1], title="t", xlabel="x", ylabel="y", alt_text="")',
    "ax.barh(labels, values)\nplots.describe('')",
    "from IPython.display import Image\nImage('figure.png')",
    'display(HTML(\'<img src="chart.png">\'))',
]


@pytest.mark.parametrize("source", DESCRIBED)
def test_rule_accepts_a_described_plot(source):
    assert plot_problems(source) == []


@pytest.mark.parametrize("source", UNDESCRIBED)
def test_rule_flags_a_plot_without_description(source):
    assert plot_problems(source), source


def test_rule_accepts_a_description_in_the_next_markdown_cell():
    assert plot_problems("fd.plot(10)", "Chart description: the ten most frequent words.") == []
    assert plot_problems("fd.plot(10)", "The chart above shows the ten most frequent words.")


def test_describers_include_the_plot_helpers():
    assert {"describe", "bar_chart", "grouped_bar_chart", "heatmap"} <= DESCRIBERS


SAFE_COLOURS = [
    'ax.bar(x, y, color=config.PALETTE["orange"])',
    'ax.bar(x, y, color="#0072B2", edgecolor="black")',
    'ax.imshow(m, cmap="cividis")',
    'ax.text(0, 0, "3", color="white")',
    'plt.get_cmap("viridis_r")',
]
UNSAFE_COLOURS = [
    'ax.bar(x, y, color="red")',
    'ax.bar(x, y, color=["green", "#0072B2"])',
    'ax.plot(x, y, "o", c="tab:orange")',
    'style = "#FF0000"',
    'ax.imshow(m, cmap="jet")',
    'plt.get_cmap("RdYlGn")',
    "ax.imshow(m, cmap=plt.cm.rainbow)",
    'matplotlib.colormaps["coolwarm"]',
    'sns.heatmap(m, cmap="RdBu")',
]


@pytest.mark.parametrize("source", SAFE_COLOURS)
def test_rule_accepts_palette_colours(source):
    assert colour_problems(source) == []


@pytest.mark.parametrize("source", UNSAFE_COLOURS)
def test_rule_flags_colours_outside_the_palette(source):
    assert colour_problems(source), source


# ---------------------------------------------------------------- the rules on the collection

def cells(path):
    return nbformat.read(ROOT / path, as_version=4).cells


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_plot_and_image_in_a_notebook_is_described(path):
    notebook_cells = cells(path)
    problems = []
    for number, cell in enumerate(notebook_cells):
        if cell.cell_type != "code":
            continue
        following = notebook_cells[number + 1] if number + 1 < len(notebook_cells) else None
        next_markdown = following.source if following is not None and following.cell_type == "markdown" else ""
        problems += [f"cell {number}: {p}" for p in plot_problems(cell.source, next_markdown)]
    assert not problems, f"{path}: " + "; ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_plot_colours_come_from_the_palette(path):
    problems = [f"cell {n}: {p}" for n, cell in enumerate(cells(path)) if cell.cell_type == "code"
                for p in colour_problems(cell.source)]
    assert not problems, f"{path}: " + "; ".join(problems)


def plotting_modules() -> list:
    """The package's modules that draw charts (those that use matplotlib or draw with NLTK)."""
    return [p for p in PACKAGE if re.search(r"matplotlib|dispersion_plot|\.barh?\(|\.imshow\(", p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", plotting_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_package_plots_use_the_palette_and_describe_themselves(path):
    source = path.read_text(encoding="utf-8")
    problems = colour_problems(source)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            body = ast.get_source_segment(source, node) or ""
            problems += [f"{node.name}(): {p}" for p in plot_problems(body)]
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)


def test_the_palette_is_okabe_ito():
    assert {c.upper() for c in config.PALETTE.values()} == OKABE_ITO
    assert {c.upper() for c in config.PLOT_COLOURS} <= OKABE_ITO


def test_plot_helpers_print_their_description(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    import matplotlib

    matplotlib.use("Agg")
    from newslab import plots

    plots.bar_chart(["ISIL", "Islamic State"], [3, 2], title="Names", xlabel="times", ylabel="name",
                    alt_text="Two bars: ISIL 3, Islamic State 2.")
    plots.grouped_bar_chart(["a", "b"], {"one": [1, 2], "two": [2, 1]}, title="t", xlabel="x", ylabel="y",
                            alt_text="Grouped bars.")
    ax = plots.heatmap([[1, 0], [0, 2]], ["r1", "r2"], ["c1", "c2"], title="t", alt_text="A heat map.")
    out = capsys.readouterr().out.splitlines()
    assert out == ["Chart description: Two bars: ISIL 3, Islamic State 2.", "Chart description: Grouped bars.",
                   "Chart description: A heat map."]
    assert ax.images[0].get_cmap().name in SAFE_CMAPS
    import matplotlib.pyplot as plt

    plt.close("all")
