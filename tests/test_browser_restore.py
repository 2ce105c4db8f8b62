"""A real browser: a learner works through lessons 00–02 and their practice sets, then finds the work
again. In JupyterLab (with the settings the collection ships) and Debian's Chromium:

1. each practice set is run; a choice and a typed answer are answered wrong, then right (the focus
   leaves Check after each check);
2. lesson 00's progress widget gets the learner's name, lesson 01's choice sheet a saved choice;
3. each notebook is saved, its kernel shut down, and the page reloaded: the widgets show from the state
   saved with the notebook — the learner's answer and verdict — and nowhere "model not found";
4. then Kernel > Restart Kernel and Run All: the fresh widgets show the answer and verdict again, marked
   "Restored from your saved work", from the progress store.
"""

import json
import re
import time
from pathlib import Path

import pytest

import newslab
from newslab.exercises import practice_set
from tests.browser_support import LabServer, browser_page, chromium_path, run_all, save_screenshot, wait_for_widgets, \
    wait_idle

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
WAPO = "wapo-2015-09-19-kerry-assad"
RESTORED = "Restored from your saved work"
MISSING = "model not found"


class RestoreLab(LabServer):
    """JupyterLab with the collection's own settings (lab-settings/overrides.json) as the user's settings."""

    def _settings(self) -> Path:
        settings = self.tmp / "lab-settings"
        ours = json.loads((ROOT / "lab-settings" / "overrides.json").read_text(encoding="utf-8"))
        for plugin, values in ours.items():
            extension, name = plugin.split(":")
            path = settings / extension / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        return settings


def practice_path(lesson: str) -> str:
    """The practice set of a lesson, whatever its file is called (exercises/00_*.ipynb)."""
    found = sorted(p for p in (ROOT / "exercises").glob(f"{lesson}_*.ipynb"))
    assert found, f"no practice notebook for lesson {lesson}"
    return found[0].relative_to(ROOT).as_posix()


def shown_in(path: str):
    """(set name, [exercise ids shown]) of a practice notebook: practice_set("…") and practice.show("…")."""
    import nbformat
    source = "\n".join(c.source for c in nbformat.read(ROOT / path, as_version=4).cells if c.cell_type == "code")
    return re.search(r'practice_set\("([^"]+)"', source).group(1), re.findall(r'practice\.show\("([^"]+)"', source)


def plan(path: str) -> list:
    """[(exercise id, kind, wrong input, right input)] for the first choice and the first number answer the
    notebook shows: a typical wrong answer that has its own feedback, then the right one. A choice input is
    the list of option positions to select."""
    set_name, shown = shown_in(path)
    practice = practice_set(set_name, article=newslab.load_article(WAPO))
    exercises = [practice[i] for i in shown if practice[i].applies]
    choice = next(e for e in exercises if e.kind == "choice")
    right = [i for i, o in enumerate(choice.options) if o["correct"]]
    wrong = [next(i for i, o in enumerate(choice.options) if not o["correct"])]
    number = next(e for e in exercises if e.kind == "answer" and e.type == "number"
                  and any(k.startswith("wrong:") for k in e.feedback_entries()))
    wrong_entry = next(k for k in number.feedback_entries() if k.startswith("wrong:"))
    return [(choice.id, "choice", wrong, right),
            (number.id, "answer", str(number.trigger_value(wrong_entry)), str(number.trigger_value("right")))]


def exercise(page, exercise_id):
    return page.locator(f".newslab-ex-{exercise_id}")


def answer(page, exercise_id, kind, value) -> str:
    box = exercise(page, exercise_id)
    box.scroll_into_view_if_needed()
    before = box.locator(".newslab-feedback").text_content()
    if kind == "choice":
        inputs = box.locator("input[type=radio], input[type=checkbox]")
        for i in range(inputs.count()):
            if i in value:
                inputs.nth(i).check()
            elif inputs.nth(i).get_attribute("type") == "checkbox":
                inputs.nth(i).uncheck()
    else:
        box.locator(".newslab-answer-input input").fill(value)
    box.locator("button.newslab-check").click()
    page.wait_for_function("""([sel, before]) => {
        const f = document.querySelector(sel + " .newslab-feedback");
        return f && f.textContent.trim() && f.textContent !== before; }""",
                           arg=[f".newslab-ex-{exercise_id}", before])
    # The focus left the Check button for the feedback, so Enter cannot press Check again.
    page.wait_for_function("() => document.activeElement.classList.contains('newslab-feedback-holder')",
                           timeout=5_000)
    return box.locator(".newslab-feedback").text_content().strip()


ACTIVE_CELL = """() => { const c = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell.jp-mod-active');
                        return [...c.parentNode.children].indexOf(c); }"""


def shift_enter_moves_on(page, exercise_id, said):
    """With the focus on the feedback, Shift+Enter runs the cell and selects the next one, as in any cell;
    the answered exercise stays on screen (the same widget is shown again)."""
    before = page.evaluate(ACTIVE_CELL)
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(f"() => ({ACTIVE_CELL})() === {before + 1}", timeout=10_000)
    wait_idle(page)
    assert exercise(page, exercise_id).locator(".newslab-feedback").text_content().strip() == said


def shown_answer(page, exercise_id, kind):
    box = exercise(page, exercise_id)
    if kind == "choice":
        return box.locator("input[type=radio], input[type=checkbox]").evaluate_all(
            "rs => rs.map((r, i) => r.checked ? i : -1).filter(i => i >= 0)")
    return box.locator(".newslab-answer-input input").input_value()


def assert_no_missing_models(page, where):
    # textContent, not innerText: JupyterLab skips rendering cells out of view, and innerText skips them too
    text = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").text_content()
    assert MISSING not in text and "Error displaying widget" not in text, f"{where}: a widget shows {MISSING!r}"


def open_alone(page, server, path):
    """Open a notebook as the only tab (?reset: a fresh workspace) and wait for its kernel."""
    page.goto(f"{server.base}/lab/tree/{path}?reset&token={server.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
    wait_idle(page, 60_000)


def shutdown_kernel(page):
    page.locator(".lm-MenuBar-item", has_text="Kernel").first.click()
    page.locator("li.lm-Menu-item[data-command='kernelmenu:shutdown']").click()
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count():
        dialog.click()
    page.wait_for_function("""() => { const n = document.querySelector(".jp-NotebookPanel .jp-KernelName");
                                      return n && /no kernel/i.test(n.innerText); }""")


def sessions(server) -> list:
    import urllib.request
    request = urllib.request.Request(f"{server.base}/api/sessions", headers={"Authorization": f"token {server.token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def save_shutdown_reopen(page, server, path):
    """Save (as autosave would), File > Close and Shut Down Notebook, then open it again: a notebook
    reopened another day, with a new kernel."""
    page.locator(".lm-MenuBar-item", has_text="File").first.click()
    page.locator("li.lm-Menu-item[data-command='docmanager:save']").click()
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')")
    page.locator(".lm-MenuBar-item", has_text="File").first.click()
    page.locator("li.lm-Menu-item[data-command='filemenu:close-and-cleanup']").click()
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    dialog.wait_for(timeout=5_000)
    dialog.click()
    page.wait_for_selector(".jp-NotebookPanel", state="detached")
    deadline = time.monotonic() + 20
    running = lambda: [x for x in sessions(server) if x.get("path") == path]  # noqa: E731
    while running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not running(), f"{path}: its kernel is still running after Close and Shut Down"
    page.goto(server.url(f"lab/tree/{path}"))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")


def restart_and_run_all(page):
    page.locator(".lm-MenuBar-item", has_text="Kernel").first.click()
    page.locator("li.lm-Menu-item[data-command='runmenu:restart-and-run-all']").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()


def wait_until_run(page, selector, text):
    """Wait until an element matching `selector` contains `text` (the run has reached it) and the kernel is idle."""
    page.wait_for_function("""([sel, text]) => [...document.querySelectorAll(sel)].some(e => e.textContent.includes(text))""",
                           arg=[selector, text], timeout=90_000)
    wait_idle(page, 90_000)


def test_a_learners_work_comes_back_after_reopening_and_restarting():
    chromium_path()
    started = time.perf_counter()
    timings = {}
    plans = {lesson: plan(practice_path(lesson)) for lesson in ("00", "01", "02")}
    with RestoreLab() as server, browser_page() as page:
        try:
            # ------------------------------------------------ the practice sets: wrong, then right
            for lesson in ("00", "01", "02"):
                t = time.perf_counter()
                path = practice_path(lesson)
                steps = plans[lesson]
                open_alone(page, server, path)
                run_all(page)
                last = steps[-1][0]
                wait_for_widgets(page, f".newslab-ex-{last}")
                wait_idle(page, 90_000)
                print(f"{path}: ran in {time.perf_counter() - t:.1f} s")
                verdicts = {}
                for exercise_id, kind, wrong, right in steps:
                    said = answer(page, exercise_id, kind, wrong)
                    assert said.startswith("✗"), f"{exercise_id}: {said[:80]}"
                    if lesson == "00" and kind == "choice":
                        shift_enter_moves_on(page, exercise_id, said)
                    said = answer(page, exercise_id, kind, right)
                    assert said.startswith("✓ Right."), f"{exercise_id}: {said[:80]}"
                    verdicts[exercise_id] = said[:60]

                # Reopened later: the saved widget state shows the answer and the verdict.
                save_shutdown_reopen(page, server, path)
                wait_for_widgets(page, f".newslab-ex-{last}")
                assert_no_missing_models(page, f"{path} reopened")
                for exercise_id, kind, wrong, right in steps:
                    assert shown_answer(page, exercise_id, kind) == right, f"{path} reopened: {exercise_id}"
                    assert exercise(page, exercise_id).locator(".newslab-feedback").text_content().strip()[:60] == verdicts[exercise_id]

                print(f"{path}: answered and reopened at {time.perf_counter() - t:.1f} s")
                # Restart and run all: fresh widgets, the work restored from the progress store.
                restart_and_run_all(page)
                wait_until_run(page, f".newslab-ex-{last} .newslab-restored", RESTORED)
                assert_no_missing_models(page, f"{path} re-run")
                for exercise_id, kind, wrong, right in steps:
                    box = exercise(page, exercise_id)
                    assert RESTORED in box.locator(".newslab-restored").text_content(), exercise_id
                    assert shown_answer(page, exercise_id, kind) == right, f"{path} re-run: {exercise_id}"
                    assert box.locator(".newslab-feedback").text_content().strip()[:60] == verdicts[exercise_id]
                save_screenshot(page, f"browser-restore-{lesson}", f".newslab-ex-{steps[0][0]}")
                shutdown_kernel(page)
                timings[path] = round(time.perf_counter() - t, 1)

            # ------------------------------------------------ the lessons
            t = time.perf_counter()
            open_alone(page, server, "notebooks/00_start_here.ipynb")
            run_all(page)
            wait_for_widgets(page, ".newslab-progress")
            wait_idle(page, 90_000)
            name = page.locator(".newslab-progress input[type=text]").first
            name.fill("Ana Learner")
            name.press("Enter")
            page.wait_for_timeout(300)
            save_shutdown_reopen(page, server, "notebooks/00_start_here.ipynb")
            wait_for_widgets(page, ".newslab-progress")
            assert_no_missing_models(page, "lesson 00 reopened")
            restart_and_run_all(page)
            wait_for_widgets(page, ".newslab-progress")
            wait_idle(page, 90_000)
            page.wait_for_function("() => [...document.querySelectorAll('.newslab-progress input[type=text]')]"
                                   ".some(i => i.value === 'Ana Learner')")
            table = page.locator(".newslab-progress-table").first.inner_text()
            assert "00" in table and "of" in table
            assert_no_missing_models(page, "lesson 00 re-run")
            timings["lesson 00"] = round(time.perf_counter() - t, 1)
            shutdown_kernel(page)

            t = time.perf_counter()
            open_alone(page, server, "notebooks/01_article_as_data.ipynb")
            run_all(page)
            wait_for_widgets(page, ".newslab-choice-sheet")
            wait_idle(page, 90_000)
            sheet = page.locator(".newslab-choice-sheet")
            menu = sheet.locator("select").nth(12)
            menu.scroll_into_view_if_needed()
            menu.select_option("body")
            sheet.get_by_role("button", name="Save my choice").click()
            page.wait_for_function("() => document.querySelector('.newslab-choice-sheet').textContent.includes('Saved in')")
            save_shutdown_reopen(page, server, "notebooks/01_article_as_data.ipynb")
            wait_for_widgets(page, ".newslab-choice-sheet")
            assert_no_missing_models(page, "lesson 01 reopened")
            assert page.locator(".newslab-choice-sheet select").nth(12).input_value() == "body"
            restart_and_run_all(page)
            wait_until_run(page, ".newslab-choice-sheet .newslab-restored", RESTORED)
            assert page.locator(".newslab-choice-sheet select").nth(12).input_value() == "body"
            assert_no_missing_models(page, "lesson 01 re-run")
            timings["lesson 01"] = round(time.perf_counter() - t, 1)
            shutdown_kernel(page)

            t = time.perf_counter()
            open_alone(page, server, "notebooks/02_tokens_and_sentences.ipynb")
            run_all(page)
            wait_idle(page, 90_000)
            save_shutdown_reopen(page, server, "notebooks/02_tokens_and_sentences.ipynb")
            wait_idle(page, 90_000)
            assert_no_missing_models(page, "lesson 02 reopened")
            timings["lesson 02"] = round(time.perf_counter() - t, 1)
        except BaseException:
            print(f"JupyterLab log (last lines):\n{server.log_tail()}")
            save_screenshot(page, "browser-restore-failure")
            raise
    print("seconds per notebook:", timings, "total:", round(time.perf_counter() - started, 1))
