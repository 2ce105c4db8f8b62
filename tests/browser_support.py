"""Reusable pieces for tests that drive JupyterLab in a real browser.

    from tests.browser_support import lab_session, open_notebook, run_all, wait_for_widgets

    with lab_session() as (server, page):          # JupyterLab on a copy of the notebooks + Chromium
        open_notebook(page, server, "exercises/00_start_here_practice.ipynb")
        run_all(page)
        wait_for_widgets(page, ".newslab-exercise")

- JupyterLab serves a throwaway copy of notebooks/, exercises/, data/ and newslab/ (it autosaves
  into whatever it opens), on 127.0.0.1 with a random free port and a random token, `--allow-root`,
  and throwaway JUPYTER_CONFIG_DIR, JUPYTER_RUNTIME_DIR, JUPYTER_DATA_DIR, IPYTHONDIR, settings,
  workspaces and NEWSLAB_HOME. It is stopped by its process id.
- The browser is Debian's Chromium (/usr/bin/chromium, or NEWSLAB_CHROMIUM) through Playwright;
  `playwright install` is never used. Without Chromium the test is skipped with a message that
  says how to install it, except under CI=true, where that is a failure.
- Widgets that render as plain text ("VBox(children=…") fail at once, not at a timeout.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
COPIED = ("notebooks", "exercises", "data", "newslab")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL_HINT = ("install Debian's Chromium with `sudo apt-get update && sudo apt-get install -y chromium` "
                "(or point NEWSLAB_CHROMIUM at a Chromium binary); never `playwright install`")
# A widget drawn as text: ipywidgets' repr, or the exercise kit's note (newslab.exercises.base.RUN_NOTE).
PLAIN_TEXT_WIDGET = ("VBox(children=", "HBox(children=", "HTML(value=", "Button(description=",
                     "Run this cell to show exercise")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def chromium_path() -> str:
    """The Chromium binary; skips the test (fails under CI=true) when there is none."""
    path = os.environ.get("NEWSLAB_CHROMIUM") or "/usr/bin/chromium"
    if not Path(path).exists():
        message = f"No Chromium at {path}: {INSTALL_HINT}."
        if in_ci():
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        message = "The Playwright package is missing: pip install -r requirements-test.txt."
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """JupyterLab on a temporary copy of the course's notebooks."""

    def __init__(self, env: dict | None = None, folders=COPIED):
        self.tmp = Path(tempfile.mkdtemp(prefix="newslab-lab-"))
        self.root = self.tmp / "course"
        self.home = self.tmp / "newslab-home"
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.folders = folders
        self.extra_env = env or {}
        self.process = None
        self.log_path = self.tmp / "jupyterlab.log"

    # ------------------------------------------------------------
    def _copy(self):
        ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc", "kernel-ipc-*")
        self.root.mkdir(parents=True)
        for name in self.folders:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, self.root / name, ignore=ignore)

    def _settings(self) -> Path:
        settings = self.tmp / "lab-settings"
        notification = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
        notification.parent.mkdir(parents=True)
        notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
        return settings

    def env(self) -> dict:
        dirs = {name: self.tmp / name.lower() for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR",
                                                           "JUPYTER_DATA_DIR", "IPYTHONDIR")}
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, **{k: str(v) for k, v in dirs.items()}, "NEWSLAB_HOME": str(self.home),
               "JUPYTER_PLATFORM_DIRS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("NEWSLAB_ARTICLE", None)
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 60) -> "LabServer":
        self._copy()
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                   f"--LabApp.user_settings_dir={self._settings()}",
                   f"--LabApp.workspaces_dir={self.tmp / 'lab-workspaces'}"]
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(command, cwd=self.root, env=self.env(), stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                request = urllib.request.Request(f"{self.base}/api/status",
                                                 headers={"Authorization": f"token {self.token}"})
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{self.log_tail()}")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}?token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            pid = self.process.pid
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGTERM)  # the server and the kernels it started
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
                self.process.wait(10)
        if getattr(self, "_log", None):
            self._log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@contextlib.contextmanager
def browser_page(width: int = 1280, height: int = 900):
    """A Playwright page in headless Debian Chromium."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


@contextlib.contextmanager
def lab_session(env: dict | None = None):
    """(server, page): JupyterLab on a copy of the notebooks, and a Chromium page to drive it."""
    chromium_path()  # skip or fail before starting anything
    with LabServer(env) as server, browser_page() as page:
        try:
            yield server, page
        except BaseException:
            print(f"JupyterLab log (last lines):\n{server.log_tail()}")
            raise


def open_notebook(page, server: LabServer, path: str, timeout: float = 60_000) -> None:
    """Open a notebook and wait until its kernel has started and is idle."""
    page.goto(server.url(f"lab/tree/{path}"))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout)
    wait_idle(page, timeout)


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait for a kernel (not "No Kernel", which also shows as idle) that is idle."""
    page.wait_for_function(
        """() => {
            const name = document.querySelector(".jp-NotebookPanel .jp-KernelName");
            const state = document.querySelector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator");
            return name && !/no kernel/i.test(name.innerText) && state && state.getAttribute("data-status") === "idle";
        }""", timeout=timeout)


def run_all(page) -> None:
    """Run > Run All Cells, through the menu."""
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()


def wait_for_widgets(page, selector: str, timeout: float = 60_000) -> None:
    """Wait until `selector` is in the page as a widget; fail at once when widgets render as plain text."""
    markers = json.dumps(PLAIN_TEXT_WIDGET)
    state = page.wait_for_function(
        f"""() => {{
            if (document.querySelector({json.dumps(selector)})) return "widget";
            for (const out of document.querySelectorAll(".jp-Cell-outputArea .jp-OutputArea-output")) {{
                const text = out.innerText || "";
                if ({markers}.some(m => text.startsWith(m))) return "text: " + text.slice(0, 120);
            }}
            return false;
        }}""", timeout=timeout).json_value()
    if state != "widget":
        pytest.fail(f"Widgets render as plain text ({state!r}): the JupyterLab widgets front end "
                    "(jupyterlab_widgets) is missing or broken.", pytrace=False)


def arm_timer(page, watch: str, text: str) -> None:
    """Start listening: the next pointer press or key press starts the clock, and the first moment an
    element matching `watch` contains `text` stops it (both measured in the page)."""
    page.evaluate(
        """([watch, text]) => {
            const t = window.__newslabTimer = {start: null, end: null};
            const begin = () => { if (t.start === null) t.start = performance.now(); };
            for (const type of ["pointerdown", "mousedown", "keydown"]) {
                document.addEventListener(type, begin, {capture: true, once: true});
            }
            const done = () => [...document.querySelectorAll(watch)].some(e => e.textContent.includes(text));
            const observer = new MutationObserver(() => {
                if (t.start !== null && done()) { t.end = performance.now(); observer.disconnect(); }
            });
            observer.observe(document.body, {subtree: true, childList: true, characterData: true});
        }""", [watch, text])


def read_timer(page, timeout: float = 10_000) -> float:
    """Milliseconds from the input to the expected text on screen (waits for it)."""
    page.wait_for_function("() => window.__newslabTimer && window.__newslabTimer.end !== null", timeout=timeout)
    return page.evaluate("() => window.__newslabTimer.end - window.__newslabTimer.start")


def save_screenshot(page, name: str, selector: str | None = None) -> Path:
    """Save a PNG under test-artifacts/ and print its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if selector:
        page.locator(selector).first.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path
