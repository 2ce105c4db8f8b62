"""The doctor: `python -m newslab check` says what is missing or broken, one line per problem with its fix."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from . import config

OK, INFO, PROBLEM, FIX = "ok", "info", "PROBLEM", "fix"


def pinned_requirements() -> dict:
    """The package versions pinned in requirements.txt, by name."""
    pins = {}
    path = config.ROOT / "requirements.txt"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^\s*([A-Za-z0-9_.\-]+)==([^\s;#]+)", line)
            if match:
                pins[match.group(1)] = match.group(2)
    return pins


def check_python():
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < (3, 10):
        return [(PROBLEM, f"Python {version} is too old: install Python 3.11 (3.10 at least) and run 'make lab' again.")]
    return [(OK, f"Python {version} ({sys.executable})")]


def check_packages():
    lines = []
    for name, pinned in pinned_requirements().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            lines.append((PROBLEM, f"{name} is not installed: run 'pip install -r requirements.txt' (or 'make lab')."))
            continue
        if installed != pinned:
            lines.append((INFO, f"{name} {installed} is installed; the tested version is {pinned}."))
        else:
            lines.append((OK, f"{name} {installed}"))
    return lines


def check_nltk_data():
    from . import nltkdata

    lines = []
    try:
        import nltk
    except ImportError:
        return [(PROBLEM, "nltk is not installed: run 'pip install -r requirements.txt' (or 'make lab').")]
    seen_dirs = set()
    missing_required = []
    for resource in nltkdata.RESOURCES:
        where = nltkdata.find(resource)
        if where is not None:
            lines.append((OK, f"NLTK data {resource.label}: {where}"))
        elif resource.required:
            missing_required.append(resource)
            lines.append((PROBLEM, f"NLTK data {resource.label} is missing (for {resource.used_for})."))
        else:
            lines.append((INFO, f"NLTK data {resource.label} is not installed (optional, for {resource.used_for}); "
                                "the lessons work without it."))
    folder_lines = []
    for folder in nltk.data.path:
        folder = Path(folder)
        if folder.is_dir() and folder not in seen_dirs:
            seen_dirs.add(folder)
            folder_lines += data_folder_problems(folder)
    lines += folder_lines  # before the advice on missing data: a refused folder is the likeliest cause
    if missing_required:
        first = ("first fix the data folders above (NLTK skips a folder it refuses, and the data in it "
                 "counts as missing); then ") if folder_lines else ""
        lines.append((FIX, f"To fix the missing NLTK data: {first}run 'python -m newslab setup' (it downloads only what is "
                               f"missing), or if this machine has no internet, {nltkdata.OFFLINE_ADVICE.split(', or ', 1)[1]}."))
    return lines


def _account(uid: int) -> str:
    """An account's name and number, e.g. "jovyan (uid 1000)"."""
    try:
        import pwd

        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except (ImportError, KeyError):
        return f"uid {uid}"


def data_folder_problems(folder: Path) -> list:
    """What NLTK 3.10 refuses in a data folder, or cannot read, each with its fix.

    NLTK 3.10 skips data that an account other than the reader can write (a group or world write bit)
    and data owned by another account unless root owns it, and then says "Resource … not found".
    On a JupyterHub the data is shared by every user: it must belong to root and be writable by
    root alone, and be readable by everyone.
    """
    import os
    import stat

    from . import nltkdata

    lines = []
    me = os.getuid() if hasattr(os, "getuid") else None
    bad = nltkdata.others_can_write(folder)
    writable, foreign = [], []
    for p in bad:
        try:
            st = p.lstat()
        except OSError:
            continue
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            writable.append((p, st))
        if me is not None and st.st_uid not in (me, 0):
            foreign.append((p, st))
    who = "the account that owns it, or root" if me != 0 else "root"
    if writable:
        p, st = writable[0]
        lines.append((PROBLEM, f"NLTK data in {folder} can be written by other accounts ({len(writable)} files and "
                               f"folders, e.g. {p} with mode {stat.S_IMODE(st.st_mode):o}); NLTK refuses such "
                               "data and then reports it as missing."))
        lines.append((FIX, f"As {who}, run 'chmod -R go-w {folder}'. On a JupyterHub image, do it after any "
                           "build step that adds group write to everything (such as a fix-permissions script), "
                           "or install the data last, as root: 'python -m newslab setup --dir "
                           "/usr/local/share/nltk_data' (see instructors/JUPYTERHUB.md)."))
    if foreign:
        p, st = foreign[0]
        owners = ", ".join(sorted({_account(s.st_uid) for _, s in foreign}))
        reader = "to root" if me == 0 else f"to you ({_account(me)}) or to root"
        lines.append((PROBLEM, f"NLTK data in {folder} belongs to {owners}, not {reader} "
                               f"({len(foreign)} files and folders, e.g. {p}); NLTK refuses data owned by another "
                               "account unless root owns it."))
        lines.append((FIX, f"Data that everyone shares (a JupyterHub, a lab machine) must belong to root: as root, "
                           f"run 'chown -R root:root {folder} && chmod -R go-w {folder}'. Data only you use can "
                           "live in your own folder instead: 'python -m newslab setup --dir ~/nltk_data'."))
    unreadable = _unreadable(folder)
    if unreadable:
        lines.append((PROBLEM, f"NLTK data in {folder} cannot be read by you ({len(unreadable)} files and folders, "
                               f"e.g. {unreadable[0]}); NLTK reports it as missing."))
        lines.append((FIX, f"As root, run 'chmod -R a+rX {folder}' (folders 755, files 644): shared data must be "
                           "readable by every account, and a root umask of 077 during set-up makes it private."))
    return lines


def _unreadable(folder: Path) -> list:
    """Files under folder this account cannot read, and folders it cannot list or enter."""
    import os

    found = []
    for root, dirs, files in os.walk(folder, onerror=lambda error: found.append(Path(error.filename or folder))):
        for name in dirs:
            if not os.access(Path(root) / name, os.R_OK | os.X_OK):
                found.append(Path(root) / name)
        for name in files:
            if not os.access(Path(root) / name, os.R_OK):
                found.append(Path(root) / name)
    return list(dict.fromkeys(found))


def labextension_dirs() -> list:
    """The folders where JupyterLab looks for prebuilt extensions."""
    try:
        from jupyter_core.paths import jupyter_path

        return [Path(p) for p in jupyter_path("labextensions")]
    except ImportError:
        return [Path(sys.prefix) / "share" / "jupyter" / "labextensions"]


def check_widgets():
    try:
        metadata.version("ipywidgets")
    except metadata.PackageNotFoundError:
        return [(PROBLEM, "ipywidgets is not installed: run 'pip install -r requirements.txt'.")]
    for folder in labextension_dirs():
        if (folder / "@jupyter-widgets" / "jupyterlab-manager" / "package.json").exists():
            return [(OK, f"JupyterLab widget front end: {folder / '@jupyter-widgets' / 'jupyterlab-manager'}")]
    return [(PROBLEM, "JupyterLab's widget front end is missing, so exercises would show as plain text: "
                      "run 'pip install jupyterlab_widgets' in the environment that runs JupyterLab.")]


def check_articles():
    from .article import ArticleError, bundled_ids, load_article

    lines = []
    for article_id in bundled_ids():
        try:
            load_article(article_id)
            lines.append((OK, f"article {article_id}: checksum matches"))
        except (ArticleError, OSError, KeyError, ValueError) as error:
            lines.append((PROBLEM, f"article {article_id}: {error}"))
    return lines


CHECKS = (check_python, check_packages, check_nltk_data, check_widgets, check_articles)


def run_checks() -> list:
    """Every check's lines as (level, message); a check that crashes becomes one PROBLEM line."""
    lines = []
    for check in CHECKS:
        try:
            lines += check()
        except Exception as error:  # the doctor must report, never crash
            lines.append((PROBLEM, f"{check.__name__} could not run: {type(error).__name__}: {error}"))
    return lines


def main(argv=()) -> int:
    """Print the report; exit 0 exactly when nothing required is missing or broken."""
    verbose = "--verbose" in argv or "-v" in argv
    lines = run_checks()
    for level, message in lines:
        if level != OK or verbose:
            mark = {"ok": "✓", "info": "i", "PROBLEM": "✗", "fix": "→"}[level]
            print(f"{mark} {message}")
    problems = sum(1 for level, _ in lines if level == PROBLEM)
    infos = sum(1 for level, _ in lines if level == INFO)
    oks = sum(1 for level, _ in lines if level == OK)
    if problems:
        print(f"newslab check: {problems} problem(s) to fix ({oks} checks passed, {infos} notes).")
        return 1
    print(f"newslab check: ready ({oks} checks passed, {infos} notes; --verbose lists them all).")
    return 0
