"""A real browser: JupyterLab and Debian's Chromium run the tour notebook; one exercise is answered
wrong (its diagnostic shows), then right (success shows, from the keyboard), and the attempts are
in the progress store. Prints the click-to-feedback times and the screenshot's path."""

import json
import time

import pytest

from tests.browser_support import (arm_timer, lab_session, open_notebook, read_timer, run_all, save_screenshot,
                             wait_for_widgets, wait_idle)

pytestmark = pytest.mark.browser

EXERCISE = ".newslab-ex-video-caption"
FEEDBACK = f"{EXERCISE} .newslab-feedback"
WRONG_DIAGNOSTIC = "This shows the idea that everything in the file is the article"
RIGHT_TEXT = "marks a caption; this one belonged to a video"


def test_tour_in_jupyterlab_and_chromium():
    started = time.perf_counter()
    with lab_session() as (server, page):
        open_notebook(page, server, "exercises/00_start_here_practice.ipynb")
        run_all(page)
        wait_for_widgets(page, EXERCISE)
        page.wait_for_selector(".newslab-progress", timeout=60_000)  # the last cell has run
        wait_idle(page)
        exercise = page.locator(EXERCISE)
        exercise.scroll_into_view_if_needed()

        # Every button in the exercise has an accessible name.
        names = exercise.locator("button").evaluate_all("bs => bs.map(b => b.textContent.trim())")
        assert names[:4] == ["Check", "Hint 1 of 2", "Show solution", "Reset"]

        # Wrong, with the mouse: the diagnostic written for that option appears.
        exercise.get_by_text("A paragraph of the story, written by the reporter").click()
        check = exercise.locator("button.newslab-check")
        check.hover()
        arm_timer(page, FEEDBACK, WRONG_DIAGNOSTIC)
        check.click()
        wrong_ms = read_timer(page)
        feedback = page.locator(FEEDBACK).inner_text()
        assert feedback.startswith("✗ Not yet.") and WRONG_DIAGNOSTIC in feedback

        # Right, from the keyboard: focus the right option, select it with Space, press Enter on Check.
        radio = exercise.get_by_role("radio", name="The caption of a video in the middle of the page")
        radio.focus()
        page.keyboard.press("Space")
        assert radio.is_checked()
        check.focus()
        arm_timer(page, FEEDBACK, RIGHT_TEXT)
        page.keyboard.press("Enter")
        right_ms = read_timer(page)
        feedback = page.locator(FEEDBACK).inner_text()
        assert feedback.startswith("✓ Right.") and RIGHT_TEXT in feedback

        shot = save_screenshot(page, "browser-tour-video-caption", EXERCISE)
        save_screenshot(page, "browser-tour-page")

        # The attempts are in the progress store of the server's NEWSLAB_HOME.
        store = server.home / "progress.json"
        deadline = time.monotonic() + 10
        keys = []
        while time.monotonic() < deadline:
            if store.exists():
                events = json.loads(store.read_text(encoding="utf-8"))["events"]
                keys = [(e["event"], e["key"]) for e in events if e["exercise"] == "video-caption"]
                if ("complete", "option:b") in keys:
                    break
            time.sleep(0.1)
        assert keys == [("attempt", "option:a"), ("attempt", "option:b"), ("complete", "option:b")]
    seconds = time.perf_counter() - started
    print(f"click to feedback on screen: wrong answer {wrong_ms:.0f} ms, right answer (keyboard) {right_ms:.0f} ms; "
          f"whole browser test {seconds:.1f} s; screenshot {shot}")
    assert wrong_ms <= 300 and right_ms <= 300, "click to feedback over the 300 ms target"


def test_without_chromium_the_test_is_skipped_with_how_to_install_it(monkeypatch):
    from tests.browser_support import chromium_path
    monkeypatch.setenv("NEWSLAB_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        chromium_path()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true and No Chromium at /nonexistent/chromium"):
        chromium_path()
