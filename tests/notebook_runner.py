"""Run a notebook top to bottom in a fresh kernel, on a chosen article, and read back its variables."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = {"post": "wapo-2015-09-19-kerry-assad", "invented": "invented-port-alder-bridge"}

# Shared by every kernel the tests start: learner data goes to a throwaway folder, and
# matplotlib builds its font cache once (otherwise its first-run message lands on stderr).
SESSION_DIR = Path(tempfile.mkdtemp(prefix="newslab-tests-"))
atexit.register(shutil.rmtree, SESSION_DIR, ignore_errors=True)

DUMP_CELL = """
import json as _json, types as _types
def _plain(value):
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError
_values = {}
for _name, _value in list(globals().items()):
    if _name.startswith("_") or isinstance(_value, (_types.ModuleType, _types.FunctionType, type)):
        continue
    try:
        _values[_name] = _json.loads(_json.dumps(_value, default=_plain))
    except (TypeError, ValueError, RecursionError):
        pass
with open(%r, "w", encoding="utf-8") as _f:
    _json.dump(_values, _f)
"""


class NotebookRun:
    """What one run left behind: the executed notebook, its variables, its problems and its time."""

    def __init__(self, notebook, values, problems, seconds):
        self.notebook = notebook
        self.values = values
        self.problems = problems
        self.seconds = seconds

    def outputs_text(self) -> str:
        """All text the notebook printed or displayed, joined."""
        parts = []
        for cell in self.notebook.cells:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream":
                    parts.append(output.get("text", ""))
                elif "data" in output:
                    parts.append(output["data"].get("text/plain", ""))
                    parts.append(output["data"].get("text/markdown", ""))
                    parts.append(output["data"].get("text/html", ""))
        return "\n".join(parts)


def article_label(article: str) -> str:
    """A short name for an article ("post", "invented", or a file's stem), safe in a file name."""
    return Path(article).stem if ("/" in article or "\\" in article) else article


def kernel_env(article: str, home: Path | None = None) -> dict:
    """The environment a test kernel starts with (article: "post", "invented", a bundled id or a .txt path)."""
    env = dict(os.environ)
    env["NEWSLAB_ARTICLE"] = ARTICLES.get(article, article)
    env["NEWSLAB_HOME"] = str(home or SESSION_DIR / f"home-{article_label(article)}")
    env["MPLCONFIGDIR"] = str(SESSION_DIR / "matplotlib")
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYTHONWARNINGS"] = "default"
    env.pop("PYTHONPATH", None)
    return env


def problems_in(notebook) -> list:
    """Error outputs and anything written to stderr (warnings included), per cell."""
    problems = []
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                problems.append(f"cell {number} wrote to stderr: {output.get('text', '')[:300]}")
    return problems


def run_notebook(path, article: str = "post", extra_code: str = "", timeout: int = 120,
                 home: Path | None = None) -> NotebookRun:
    """Execute a copy of the notebook (the file is never touched) and collect its variables."""
    path = ROOT / path
    notebook = nbformat.read(path, as_version=4)
    dump = SESSION_DIR / f"values-{path.stem}-{article_label(article)}-{time.monotonic_ns()}.json"
    if extra_code:
        notebook.cells.append(nbformat.v4.new_code_cell(extra_code))
    notebook.cells.append(nbformat.v4.new_code_cell(DUMP_CELL % str(dump)))
    # IPC transport (no TCP ports, no warning about unencrypted TCP), its socket files kept out of the repository.
    config = Config({"KernelManager": {"transport": "ipc",
                                       "ip": str(SESSION_DIR / f"kernel-ipc-{time.monotonic_ns()}")}})
    client = NotebookClient(notebook, config=config, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    client.execute(env=kernel_env(article, home), cwd=str(path.parent))
    seconds = time.perf_counter() - started
    values = json.loads(dump.read_text(encoding="utf-8")) if dump.exists() else {}
    return NotebookRun(notebook, values, problems_in(notebook), seconds)


_CACHE: dict = {}


def notebook_run(path, article: str = "post") -> NotebookRun:
    """The run of a notebook on an article, executed once per test session and then reused."""
    key = (str(path), article)
    if key not in _CACHE:
        _CACHE[key] = run_notebook(path, article)
    return _CACHE[key]


def notebook_values(path, article: str = "post") -> dict:
    """The JSON-able variables a notebook left behind after running top to bottom."""
    run = notebook_run(path, article)
    assert not run.problems, f"{path} on the {article} article: " + "; ".join(run.problems)
    return run.values


def all_notebooks() -> list:
    """Every notebook of the collection, relative to the project root."""
    found = []
    for folder in ("notebooks", "exercises", "instructors"):
        found += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / folder).glob("*.ipynb"))
    return found
