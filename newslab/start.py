"""Set-up commands that run before anything is installed: start JupyterLab, run the tests, run the benchmark.

This module uses only Python's standard library, so `python -m newslab start` works on a fresh
machine (Windows too, where there is no `make`). It creates a virtual environment in `.venv`,
installs the pinned requirements into it (only when they changed), downloads the NLTK data that
is missing, and then runs JupyterLab, pytest or the benchmark inside that environment.

JupyterLab starts with the collection's settings (lab-settings/overrides.json: widget state saved
with notebooks, no news prompt, no update check) merged into the environment's overrides, and as
root it either says how to start (outside a container) or passes --allow-root with a note (inside).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".newslab-installed"
LAB_SETTINGS = ROOT / "lab-settings" / "overrides.json"
ROOT_FLAG = "--allow-root"


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


def lab_settings_file(prefix) -> Path:
    """Where JupyterLab reads default settings for the Python installed at `prefix`."""
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def install_lab_settings(prefix=None) -> Path:
    """Merge lab-settings/overrides.json into PREFIX/share/jupyter/lab/settings/overrides.json (atomically).

    Settings already there for other plugins, or other keys of the same plugins, are kept."""
    ours = json.loads(LAB_SETTINGS.read_text(encoding="utf-8"))
    target = lab_settings_file(prefix or sys.prefix)
    try:
        current = json.loads(target.read_text(encoding="utf-8"))
        if not isinstance(current, dict):
            raise ValueError("not an object")
    except FileNotFoundError:
        current = {}
    except ValueError as error:
        raise SystemExit(f"[newslab] {target} is not valid JSON ({error}): fix or remove it, then run this again.")
    for plugin, values in ours.items():
        merged = current.get(plugin) if isinstance(current.get(plugin), dict) else {}
        current[plugin] = {**merged, **values}
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".overrides-", suffix=".tmp", dir=target.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as f:
        json.dump(current, f, indent=2)
        f.write("\n")
    os.replace(temporary, target)
    return target


def main_lab_settings(argv) -> int:
    """`python -m newslab lab-settings [--prefix PREFIX]`: install the collection's JupyterLab settings."""
    prefix = None
    if argv[:1] == ["--prefix"] and len(argv) == 2:
        prefix = argv[1]
    elif argv:
        print("usage: python -m newslab lab-settings [--prefix PREFIX]  (default: this Python's prefix)",
              file=sys.stderr)
        return 2
    _say(f"JupyterLab settings for newslab written to {install_lab_settings(prefix)}")
    return 0


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def in_container() -> bool:
    """True inside Docker, Podman or Kubernetes, where running as root is the usual thing."""
    if os.path.exists("/.dockerenv") or os.path.exists("/run/.containerenv") or os.environ.get("container"):
        return True
    if os.environ.get("KUBERNETES_SERVICE_HOST"):
        return True
    try:
        cgroup = Path("/proc/1/cgroup").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(word in cgroup for word in ("docker", "kubepods", "containerd", "libpod", "lxc"))


def root_decision(argv, root: bool, container: bool):
    """(arguments for JupyterLab, a line to print, exit code or None) for a start as root.

    JupyterLab refuses to run as root without --allow-root. In a container (Docker, Binder-like images,
    CI) root is normal and nothing else is running there, so the flag is passed with a note. On a
    person's own machine, root usually means `sudo` by mistake: stop before installing anything and
    say how to start as oneself (or with the flag, for someone who means it)."""
    argv = list(argv)
    if not root or ROOT_FLAG in argv:
        return argv, None, None
    if container:
        return argv + [ROOT_FLAG], ("running as root inside a container, so JupyterLab gets --allow-root "
                                    "(it refuses root without it; outside a container, start as your own user)."), None
    return argv, ("you are running as root (with sudo?): JupyterLab refuses that and your notebooks would belong to "
                  "root. Run `make lab` (or `python -m newslab start`) as your own user, without sudo; to run as root "
                  "anyway: `python -m newslab start --allow-root` (or `make lab ARGS=--allow-root`)."), 1


def main_start(argv) -> int:
    """Install what is needed and open JupyterLab on lesson 00 (extra arguments go to JupyterLab)."""
    argv, message, stop = root_decision(argv, is_root(), in_container())
    if message:
        _say(message)
    if stop is not None:
        return stop
    python = ensure_environment("requirements.txt", editable=True)
    ensure_nltk_data(python)
    install_lab_settings(VENV)
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
