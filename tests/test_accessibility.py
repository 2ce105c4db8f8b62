"""axe-core in a real browser: a lesson and a practice set, run to the end in JupyterLab, checked for
accessibility violations. The test fails on serious or critical violations whose elements lie inside
a notebook cell (its input, its outputs or its widgets): those are ours to fix. Violations in
JupyterLab's own interface are counted and reported, not failed on; that includes the few controls
JupyterLab itself draws inside a cell (the code editor's text box, the prompt, the button that
collapses a heading), which no notebook can label.

Charts get a test of their own: matplotlib's figures reach JupyterLab as image/png outputs, which
JupyterLab 4.6 shows as an <img> without an alt attribute (it ignores an "alt" in the output's
metadata; see jupyter/enhancement-proposals#120). newslab.plots therefore shows every chart as an
HTML <img> with its alt text; test_chart_images_have_alt_text fails if a bare PNG chart appears.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser_support import (ARTIFACTS, LabServer, browser_page, chromium_path, in_ci, open_notebook, run_all,
                                   wait_for_widgets, wait_idle)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "tests" / "a11y"
TOOLS = ARTIFACTS / "a11y-tools"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {"lesson": "notebooks/03_counting_words.ipynb", "practice-set": "exercises/00_start_here_practice.ipynb"}
IMPACTS = ("critical", "serious", "moderate", "minor")
FAIL_ON = {"critical", "serious"}


def axe_source() -> str:
    """axe.min.js from the pinned npm package, installed with npm ci into test-artifacts/a11y-tools/."""
    TOOLS.mkdir(parents=True, exist_ok=True)
    current = AXE.exists() and all((TOOLS / name).exists() and filecmp.cmp(LOCK / name, TOOLS / name, shallow=False)
                                   for name in ("package.json", "package-lock.json"))
    if not current:
        npm = shutil.which("npm")
        if npm is None:
            message = "npm is missing: install Node.js and npm (apt-get install -y npm) to run axe-core"
            pytest.fail(message) if in_ci() else pytest.skip(message)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(LOCK / name, TOOLS / name)
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=TOOLS,
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not AXE.exists():
            message = f"npm ci could not install axe-core (is the npm registry reachable?):\n{result.stderr[-800:]}"
            pytest.fail(message) if in_ci() else pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


class AuditedLab(LabServer):
    """JupyterLab with every cell kept in the page (no windowing), so axe sees the whole notebook."""

    def _settings(self) -> Path:
        settings = super()._settings()
        tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
        tracker.parent.mkdir(parents=True, exist_ok=True)
        tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
        return settings


# Violations that test_chart_images_have_alt_text reports on their own: (axe rule, CSS selector).
KNOWN_OPEN = [["image-alt", ".jp-RenderedImage > img"]]

# Runs axe on the whole page, then marks each violating element by where it lies: in a cell's input,
# in its outputs (widgets apart), in a widget, elsewhere in a cell, or outside the notebook's cells.
AUDIT = """async () => {
    const KNOWN_OPEN = %s;
    const JUPYTERLAB_IN_CELL = ".cm-content, .jp-InputPrompt, .jp-OutputPrompt, .jp-collapseHeadingButton";
    const results = await axe.run(document, {resultTypes: ["violations"]});
    const find = (target) => {
        let root = document, element = null;
        for (const part of target) {
            const selectors = Array.isArray(part) ? part : [part];
            for (const selector of selectors) {
                element = root.querySelector(selector);
                if (!element) return null;
                root = element.shadowRoot || element;
            }
        }
        return element;
    };
    for (const violation of results.violations) {
        for (const node of violation.nodes) {
            let element = null;
            try { element = find(node.target); } catch (error) { element = null; }
            const cell = element && element.closest(".jp-Cell");
            let area = "outside cells";
            if (cell) {
                if (element.closest(JUPYTERLAB_IN_CELL)) area = "JupyterLab control in a cell";
                else if (element.closest(".jp-Cell-inputArea")) area = "cell input";
                else if (element.closest(".jupyter-widgets, .widget-output, .lm-Widget.jp-OutputArea .jupyter-widgets")) area = "widget";
                else if (element.closest(".jp-Cell-outputArea")) area = "cell output";
                else area = "cell";
            }
            node.newslabArea = area;
            node.newslabInCell = Boolean(cell) && area !== "JupyterLab control in a cell";
            node.newslabKnown = KNOWN_OPEN.some(([rule, selector]) => rule === violation.id && element && element.matches(selector));
        }
    }
    return {url: results.url, testEngine: results.testEngine, violations: results.violations};
}""" % json.dumps(KNOWN_OPEN)

# Every code cell has run when each prompt shows an execution count; a run that stopped at an error
# (nothing running, an error output shown) ends the wait at once instead of at the timeout.
WAIT_FOR_RUN_ALL = """() => {
    const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
    if (!panel) return false;
    // JupyterLab does not run an empty code cell (a practice set leaves some for the learner): skip them.
    const cells = [...panel.querySelectorAll(".jp-CodeCell")]
        .filter(c => (c.querySelector(".cm-content")?.textContent || "").trim());
    const texts = cells.map(c => c.querySelector(".jp-InputPrompt").textContent.trim());
    if (!texts.length || texts.some(t => t.includes("*"))) return false;
    const waiting = texts.filter(t => !/\\[\\d+\\]/.test(t)).length;
    if (!waiting) return "done";
    const errors = panel.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
    return errors.length ? `${waiting} cells did not run` : false;
}"""


def run_to_the_end(page, timeout: float = 120_000) -> None:
    """Run all cells and wait until every code cell has run (an execution count in its prompt)."""
    run_all(page)
    state = page.wait_for_function(WAIT_FOR_RUN_ALL, timeout=timeout).json_value()
    wait_idle(page)
    if state != "done":
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
        pytest.fail(f"run-all stopped: {state}; the first error output: {errors[:1]}")


def counts(violations, where=lambda node: True) -> dict:
    """Violating elements per impact, among the nodes `where` accepts."""
    tally = {impact: 0 for impact in IMPACTS}
    for violation in violations:
        for node in violation["nodes"]:
            if where(node):
                tally[violation.get("impact") or "minor"] += 1
    return tally


def serious_in_cells(report, known: bool) -> list:
    """The serious and critical violations inside cells, known ones or the others, one line each."""
    return [f"{v['id']} ({v['impact']}, {node['newslabArea']}): {v['help']} — {node['html'][:160]}"
            for v in report["violations"] if v.get("impact") in FAIL_ON
            for node in v["nodes"] if node["newslabInCell"] and node["newslabKnown"] == known]


def audit(page, name: str) -> dict:
    """Inject axe-core, run it on the page, save the report."""
    page.add_script_tag(content=axe_source())
    report = page.evaluate(AUDIT)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report


@pytest.fixture(scope="module")
def reports():
    """axe-core's report on each page after run-all: {name: report}; the counts are printed and saved."""
    chromium_path()  # skips (or fails under CI) before anything starts
    axe_source()  # installs axe-core before JupyterLab starts
    found = {}
    for name, path in PAGES.items():
        # A fresh server per notebook: JupyterLab reopens the last session's notebooks otherwise.
        with AuditedLab() as server, browser_page() as page:
            try:
                open_notebook(page, server, path)
                run_to_the_end(page)
                if name == "practice-set":
                    wait_for_widgets(page, ".newslab-exercise")
                found[name] = audit(page, name)
            except BaseException:
                print(f"JupyterLab log (last lines):\n{server.log_tail()}")
                raise
    summary = {}
    for name, report in found.items():
        violations = report["violations"]
        summary[name] = {
            "notebook": PAGES[name], "axe-core": report["testEngine"]["version"],
            "whole page": counts(violations),
            "inside cells": counts(violations, lambda n: n["newslabInCell"]),
            "JupyterLab controls in cells": counts(violations, lambda n: n["newslabArea"] == "JupyterLab control in a cell"),
            "outside cells": counts(violations, lambda n: n["newslabArea"] == "outside cells"),
            "rules": {v["id"]: sorted({n["newslabArea"] for n in v["nodes"]}) for v in violations}}
    (ARTIFACTS / "axe-summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    lines = []
    for name, facts in summary.items():
        lines.append(f"axe-core {facts['axe-core']} on {facts['notebook']} after run-all, violating elements per "
                     f"impact: inside cells {facts['inside cells']}; JupyterLab's controls in cells "
                     f"{facts['JupyterLab controls in cells']}; outside cells {facts['outside cells']}; "
                     f"rules: {facts['rules']}")
    print("\n" + "\n".join(lines) + f"\nreports: {ARTIFACTS}/axe-<page>.json and axe-summary.json")
    return found


def test_axe_finds_no_serious_violations_inside_cells(reports):
    problems = [f"{name}: {line}" for name, report in reports.items() for line in serious_in_cells(report, known=False)]
    assert not problems, "serious or critical accessibility violations inside notebook cells:\n" + "\n".join(problems)


def test_chart_images_have_alt_text(reports):
    known = [f"{name}: {line}" for name, report in reports.items() for line in serious_in_cells(report, known=True)]
    assert not known, "\n".join(known)


def test_the_audit_marks_where_each_element_lies():
    """The classification itself, on a small page with cells and JupyterLab-like chrome around them."""
    chromium_path()
    source = axe_source()
    page_html = """<!doctype html><html lang="en"><head><title>t</title></head><body><main>
      <div class="jp-Toolbar"><button></button></div>
      <div class="jp-Cell jp-CodeCell">
        <div class="jp-Cell-inputArea"><div class="cm-content" role="textbox" contenteditable="true">x = 1</div>
          <img src="x.png"></div>
        <div class="jp-Cell-outputArea"><div class="jp-OutputArea-output"><img src="y.png"></div>
          <div class="jp-RenderedImage"><img src="data:image/png;base64,iVBORw0KGgo="></div>
          <div class="jupyter-widgets"><button></button></div></div></div>
      </main></body></html>"""
    with browser_page() as page:
        page.set_content(page_html)
        page.add_script_tag(content=source)
        report = page.evaluate(AUDIT)
    areas = {(v["id"], n["newslabArea"], n["newslabInCell"], n["newslabKnown"]) for v in report["violations"]
             for n in v["nodes"]}
    assert ("image-alt", "cell output", True, False) in areas  # an <img> of ours without alt: a failure
    assert ("image-alt", "cell output", True, True) in areas  # a rendered chart: the known, tracked one
    assert ("image-alt", "cell input", True, False) in areas  # an image in a cell's Markdown
    assert ("button-name", "widget", True, False) in areas
    assert ("button-name", "outside cells", False, False) in areas
    assert ("aria-input-field-name", "JupyterLab control in a cell", False, False) in areas
    assert all(v["impact"] in IMPACTS for v in report["violations"])
    failing = serious_in_cells(report, known=False)
    assert len(failing) == 3 and not any("aria-input-field-name" in line for line in failing)
