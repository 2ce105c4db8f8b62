"""Set-up commands that run before anything is installed: start JupyterLab, run the tests, run the benchmark.

This module uses only Python's standard library, so `python -m newslab start` works on a fresh
machine (Windows too, where there is no `make`). It creates a virtual environment in `.venv`,
installs the pinned requirements into it (only when they changed), downloads the NLTK data that
is missing, and then runs JupyterLab, pytest or the benchmark inside that environment.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".newslab-installed"


def venv_python() -> Path:
    """The Python of the project's virtual environment."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _say(message: str) -> None:
    print(f"[newslab] {message}", flush=True)


def _run(args, **kwargs) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"[newslab] this step failed (exit {result.returncode}): {' '.join(map(str, args))}")


def _wanted(files, editable: bool) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update((ROOT / name).read_bytes())
    digest.update(b"editable" if editable else b"plain")
    return digest.hexdigest()


def ensure_environment(requirements: str, editable: bool) -> Path:
    """Create .venv if needed and install the requirements (and the package, when editable) when they changed."""
    if sys.version_info < (3, 10):
        raise SystemExit("[newslab] Python 3.10 or newer is needed (3.11 is tested): install it and run this again.")
    python = venv_python()
    if not python.exists():
        _say(f"creating a virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = ["requirements.txt", requirements] if requirements != "requirements.txt" else ["requirements.txt"]
    wanted = _wanted(files, editable)
    installed = STAMP.read_text().split() if STAMP.exists() else []
    if wanted not in installed:
        _say(f"installing the pinned requirements from {requirements} (a few minutes the first time)")
        _run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", ROOT / requirements])
        if editable:
            _say("installing the newslab package in editable mode")
            _run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", "-e", ROOT])
        STAMP.write_text("\n".join([*installed, wanted]) + "\n")
    return python


def ensure_nltk_data(python: Path) -> None:
    """Download the NLTK data the lessons need, only what is missing; stop when a required resource is missing."""
    result = subprocess.run([str(python), "-m", "newslab", "setup"], cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit("[newslab] required NLTK data is missing (see above); fix that and run this again.")


def lab_command(python, folder: Path, argv=()) -> list:
    """The command that opens JupyterLab on lesson 00 with the project folder as its root.

    JupyterLab makes the folder of a notebook named on its command line its root, which would hide
    exercises/ and data/ from the file browser and break the links between lessons: so say the root.
    """
    return [str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", "notebooks/00_start_here.ipynb", *argv]


def main_start(argv) -> int:
    """Install what is needed and open JupyterLab on lesson 00 (extra arguments go to JupyterLab)."""
    python = ensure_environment("requirements.txt", editable=True)
    ensure_nltk_data(python)
    _say("starting JupyterLab on notebooks/00_start_here.ipynb (stop it with Ctrl+C)")
    return subprocess.call(lab_command(python, ROOT, argv), cwd=ROOT)


def main_test(argv) -> int:
    """Install what is needed and run the whole test suite (extra arguments go to pytest)."""
    python = ensure_environment("requirements-test.txt", editable=False)
    ensure_nltk_data(python)
    return subprocess.call([str(python), "-m", "pytest", *argv], cwd=ROOT)


def main_bench(argv) -> int:
    """Install what is needed and print the benchmark's figures."""
    python = ensure_environment("requirements-test.txt", editable=False)
    ensure_nltk_data(python)
    return subprocess.call([str(python), str(ROOT / "scripts" / "bench.py"), *argv], cwd=ROOT)
