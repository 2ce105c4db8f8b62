"""The offline bundle: everything a room without internet needs, in one archive.

An instructor, on a machine with internet and the NLTK data already set up, runs

    python -m newslab bundle --platform linux --python-version 3.11

and gets offline-bundle/newslab-offline-linux-x86_64-py3.11.tar.gz (a .zip for Windows): the
notebooks, the data, the newslab package, the requirements, the NLTK data found on this machine,
and a wheelhouse of every pinned package for the learners' system. The command never contacts
NLTK's server; it needs PyPI only for the wheels.

A learner unpacks it and, in the unpacked folder, runs

    python3 -m newslab offline          (or ./start.sh; start.bat on Windows)

which creates .venv, installs from the wheelhouse with --no-index, copies the NLTK data into
.venv/share/nltk_data (a folder on NLTK's own search path, so no NLTK_DATA is needed), runs
`python -m newslab check` and opens JupyterLab on lesson 00. Nothing touches the network.

The learner's side uses the standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import config

TOP = "newslab-offline"  # the folder the archive unpacks into
OUT = config.ROOT / "offline-bundle"
MANIFEST = "bundle.json"
CONTENT_DIRS = ("notebooks", "exercises", "instructors", "data", "newslab")
CONTENT_FILES = ("README.md", "SYLLABUS.md", "LICENSE", "LICENSE-content.md", "CITATION.cff", "requirements.txt",
                 "pyproject.toml")
SKIP_NAMES = {"__pycache__", ".ipynb_checkpoints", ".DS_Store", ".pytest_cache"}
SKIP_SUFFIXES = (".pyc", ".pyo")
DIR_MODE, FILE_MODE, SCRIPT_MODE = 0o755, 0o644, 0o755


# ---------------------------------------------------------------- target systems

@dataclass(frozen=True)
class Target:
    """A learners' system: pip's platform tags for it and its environment markers."""

    name: str
    platforms: tuple  # for pip download --platform (pip does not widen manylinux_2_x tags itself)
    markers: dict  # PEP 508 markers, because pip evaluates dependencies' markers for *this* machine
    archive: str  # "tar.gz" or "zip"
    note: str


def _manylinux(arch: str) -> tuple:
    # glibc 2.17 (CentOS 7) up to 2.28 (Debian 10, Ubuntu 20.04, RHEL 8): wheels for any of them run there.
    return tuple(f"manylinux_2_{minor}_{arch}" for minor in range(28, 16, -1)) + (f"manylinux2014_{arch}",)


TARGETS = {
    "linux-x86_64": Target("linux-x86_64", _manylinux("x86_64"),
                           {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                            "platform_machine": "x86_64"}, "tar.gz", "Linux on Intel/AMD, glibc 2.28 or newer"),
    "linux-aarch64": Target("linux-aarch64", _manylinux("aarch64"),
                            {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                             "platform_machine": "aarch64"}, "tar.gz", "Linux on ARM, glibc 2.28 or newer"),
    "macos-arm64": Target("macos-arm64", ("macosx_11_0_arm64",),
                          {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix",
                           "platform_machine": "arm64"}, "tar.gz", "a Mac with Apple silicon, macOS 11 or newer"),
    "macos-x86_64": Target("macos-x86_64", ("macosx_12_0_x86_64",),
                           {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix",
                            "platform_machine": "x86_64"}, "tar.gz", "an Intel Mac, macOS 12 or newer"),
    "windows-amd64": Target("windows-amd64", ("win_amd64",),
                            {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                             "platform_machine": "AMD64"}, "zip", "64-bit Windows 10 or 11"),
}
ALIASES = {"linux": "linux-x86_64", "macos": "macos-arm64", "mac": "macos-arm64", "windows": "windows-amd64",
           "win": "windows-amd64", "win_amd64": "windows-amd64", "manylinux2014_x86_64": "linux-x86_64",
           "manylinux2014_aarch64": "linux-aarch64", "macosx_11_0_arm64": "macos-arm64",
           "macosx_12_0_x86_64": "macos-x86_64"}


def target_named(name: str) -> Target:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in TARGETS:
        raise SystemExit(f"newslab bundle: unknown platform {name!r}: use one of {', '.join(TARGETS)} "
                         f"(or {', '.join(sorted(ALIASES))}).")
    return TARGETS[key]


def this_machine() -> str:
    """The target that matches the machine the command runs on."""
    machine = platform.machine().lower()
    if sys.platform.startswith("linux"):
        return "linux-aarch64" if machine in ("aarch64", "arm64") else "linux-x86_64"
    if sys.platform == "darwin":
        return "macos-arm64" if machine == "arm64" else "macos-x86_64"
    if sys.platform == "win32":
        return "windows-amd64"
    raise SystemExit("newslab bundle: name the learners' system with --platform (this one has no preset).")


def marker_environment(target: Target, python_version: str) -> dict:
    """The PEP 508 environment of the target, for evaluating dependencies' markers."""
    return {"implementation_name": "cpython", "platform_python_implementation": "CPython",
            "implementation_version": f"{python_version}.0", "python_version": python_version,
            "python_full_version": f"{python_version}.0", "platform_release": "", "platform_version": "",
            **target.markers}


# ---------------------------------------------------------------- the NLTK data found here

def nltk_data_found():
    """([(resource, source path on disk, path inside nltk_data)], [resources not found])."""
    import nltk

    from . import nltkdata

    roots = [Path(p).resolve() for p in nltk.data.path if Path(p).is_dir()]
    found, missing = [], []
    for resource in nltkdata.RESOURCES:
        where = nltkdata.find(resource)
        if where is None:
            missing.append(resource)
            continue
        source = Path(where)
        while not source.exists() and source.parent != source:  # inside a zip: ".../corpora/brown.zip/brown"
            source = source.parent
        source = source.resolve()
        root = max((r for r in roots if source.is_relative_to(r)), key=lambda r: len(r.parts), default=None)
        if root is None:
            missing.append(resource)
            continue
        found.append((resource, source, source.relative_to(root).as_posix()))
    return found, missing


# ---------------------------------------------------------------- the wheelhouse

def _packaging():
    try:
        from packaging.requirements import Requirement
        from packaging.utils import canonicalize_name
    except ImportError:  # pip always carries a copy
        from pip._vendor.packaging.requirements import Requirement
        from pip._vendor.packaging.utils import canonicalize_name
    return Requirement, canonicalize_name


def read_requirements(path: Path) -> list:
    """The requirement lines of a requirements file (no options, no comments)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith(("#", "-")):
            lines.append(line)
    return lines


def wheel_metadata(wheelhouse: Path) -> dict:
    """{canonical name: [Requires-Dist strings]} for every wheel in the folder."""
    from email.parser import HeaderParser

    _, canonical = _packaging()
    found = {}
    for wheel in sorted(wheelhouse.glob("*.whl")):
        with zipfile.ZipFile(wheel) as z:
            name = next(n for n in z.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
            meta = HeaderParser().parsestr(z.read(name).decode("utf-8"))
        found[canonical(meta["Name"])] = meta.get_all("Requires-Dist") or []
    return found


def missing_for_target(wheelhouse: Path, requirements: list, environment: dict) -> dict:
    """{name: requirement text} that the target needs and the wheelhouse lacks.

    pip download --platform evaluates dependencies' markers for the machine it runs on, so a Windows
    wheelhouse built on Linux lacks e.g. colorama and pywinpty; this walks the dependencies again
    with the target's markers (extras included) to find them.
    """
    Requirement, canonical = _packaging()
    wheels = wheel_metadata(wheelhouse)
    todo = [(Requirement(r), "") for r in requirements]
    seen, missing = set(), {}
    while todo:
        req, extra = todo.pop()
        if req.marker is not None and not req.marker.evaluate({**environment, "extra": extra}):
            continue
        name = canonical(req.name)
        for wanted in ["", *sorted(req.extras)]:
            if (name, wanted) in seen:
                continue
            seen.add((name, wanted))
            if name not in wheels:
                missing[name] = f"{req.name}{req.specifier}"
                continue
            todo += [(Requirement(r), wanted) for r in wheels[name]]
    return missing


def pip_download(requirements, wheelhouse: Path, target: Target, python_version: str, deps: bool, out=print) -> None:
    args = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "-d", str(wheelhouse),
            "--only-binary=:all:", "--implementation", "cp", "--python-version", python_version]
    for tag in target.platforms:
        args += ["--platform", tag]
    if not deps:
        args.append("--no-deps")
    args += requirements
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")] or \
            result.stderr.strip().splitlines()[-3:]
        raise SystemExit("newslab bundle: pip could not download the wheels for "
                         f"{target.name}, Python {python_version}:\n  " + "\n  ".join(errors) +
                         "\nCheck that this machine reaches PyPI, and that every pinned version has a wheel for "
                         "that system and Python (try another --python-version).")


def build_wheelhouse(wheelhouse: Path, target: Target, python_version: str, out=print) -> list:
    """Download every pinned requirement and its dependencies as wheels for the target; the wheel files."""
    requirements_file = config.ROOT / "requirements.txt"
    out(f"Downloading wheels for {target.name} ({target.note}), Python {python_version} …")
    pip_download(["-r", str(requirements_file)], wheelhouse, target, python_version, deps=True, out=out)
    environment = marker_environment(target, python_version)
    requirements = read_requirements(requirements_file)
    for _ in range(10):
        missing = missing_for_target(wheelhouse, requirements, environment)
        if not missing:
            break
        out(f"  adding what {target.name} needs besides: {', '.join(sorted(missing.values()))}")
        pip_download(sorted(missing.values()), wheelhouse, target, python_version, deps=False, out=out)
    else:
        raise SystemExit(f"newslab bundle: the wheelhouse for {target.name} is still incomplete: {', '.join(missing)}.")
    return sorted(wheelhouse.glob("*.whl"))


# ---------------------------------------------------------------- the archive

def start_sh(python_version: str) -> str:
    return ("#!/bin/sh\n"
            "# Install newslab from this folder's wheelhouse (no internet needed) and open JupyterLab.\n"
            'cd "$(dirname "$0")" || exit 1\n'
            f"for python in python{python_version} python3 python; do\n"
            '  if command -v "$python" >/dev/null 2>&1; then exec "$python" -m newslab offline "$@"; fi\n'
            "done\n"
            f'echo "Python {python_version} is needed: install it, then run ./start.sh again." >&2\n'
            "exit 1\n")


def start_bat(python_version: str) -> str:
    return ("@echo off\r\n"
            "rem Install newslab from this folder's wheelhouse (no internet needed) and open JupyterLab.\r\n"
            'cd /d "%~dp0"\r\n'
            "where py >nul 2>nul\r\n"
            f"if %errorlevel%==0 (py -{python_version} -m newslab offline %*) else (python -m newslab offline %*)\r\n"
            "pause\r\n")


def project_files() -> list:
    """(path on disk, path in the bundle) for the notebooks, data, package and top-level files."""
    files = []
    for name in CONTENT_FILES:
        if (config.ROOT / name).is_file():
            files.append((config.ROOT / name, name))
    for folder in CONTENT_DIRS:
        for path in sorted((config.ROOT / folder).rglob("*")):
            relative = path.relative_to(config.ROOT)
            if any(part in SKIP_NAMES for part in relative.parts) or path.suffix in SKIP_SUFFIXES:
                continue
            if path.is_file():
                files.append((path, relative.as_posix()))
    return files


def nltk_files(found) -> list:
    """(path on disk, path in the bundle) for every file of the NLTK data found."""
    files = []
    for _, source, inside in found:
        if source.is_file():
            files.append((source, f"nltk_data/{inside}"))
        else:
            for path in sorted(source.rglob("*")):
                if path.is_file():
                    files.append((path, f"nltk_data/{inside}/{path.relative_to(source).as_posix()}"))
    return files


class ArchiveWriter:
    """A .tar.gz or .zip whose entries all sit under TOP/, owned by root, with modes 755 and 644."""

    def __init__(self, path: Path, kind: str):
        self.kind = kind
        self.dirs = set()
        self.archive = tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) if kind == "tar.gz" \
            else zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)

    def _dir(self, name: str) -> None:
        parts = name.split("/")
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            if folder in self.dirs:
                continue
            self.dirs.add(folder)
            if self.kind == "tar.gz":
                info = self._info(folder, DIR_MODE, tarfile.DIRTYPE)
                self.archive.addfile(info)
            else:
                info = zipfile.ZipInfo(folder + "/", date_time=time.localtime()[:6])
                info.external_attr = (stat.S_IFDIR | DIR_MODE) << 16 | 0x10
                self.archive.writestr(info, b"")

    @staticmethod
    def _info(name: str, mode: int, kind=tarfile.REGTYPE, size: int = 0, mtime: float | None = None):
        info = tarfile.TarInfo(name)
        info.type, info.mode, info.size = kind, mode, size
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = int(mtime if mtime is not None else time.time())
        return info

    def add_bytes(self, name: str, data: bytes, mode: int = FILE_MODE, mtime: float | None = None) -> None:
        name = f"{TOP}/{name}"
        self._dir(name.rsplit("/", 1)[0])
        if self.kind == "tar.gz":
            self.archive.addfile(self._info(name, mode, size=len(data), mtime=mtime), io.BytesIO(data))
        else:
            info = zipfile.ZipInfo(name, date_time=time.localtime(mtime if mtime is not None else time.time())[:6])
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            self.archive.writestr(info, data)

    def add_file(self, source: Path, name: str, mode: int = FILE_MODE) -> None:
        if self.kind == "tar.gz":
            full = f"{TOP}/{name}"
            self._dir(full.rsplit("/", 1)[0])
            with open(source, "rb") as f:
                self.archive.addfile(self._info(full, mode, size=source.stat().st_size, mtime=source.stat().st_mtime), f)
        else:
            self.add_bytes(name, source.read_bytes(), mode, mtime=source.stat().st_mtime)

    def close(self) -> None:
        self.archive.close()


def build(target: Target, python_version: str, out_dir: Path = OUT, wheels: bool = True, out=print) -> Path:
    """Build the bundle for a target system and Python version; the archive's path."""
    found, missing = nltk_data_found()
    required = [r for r in missing if r.required]
    if required:
        raise SystemExit("newslab bundle: this machine lacks required NLTK data: "
                         f"{', '.join(sorted({r.label for r in required}))}. Run 'python -m newslab setup' here "
                         "(with internet), or set NLTK_DATA to a prepared NLTK data folder, then build again.")
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"newslab-offline-{target.name}-py{python_version}.{target.archive}"
    with tempfile.TemporaryDirectory(prefix="newslab-wheels-") as tmp:
        wheel_files = build_wheelhouse(Path(tmp), target, python_version, out=out) if wheels else []
        manifest = {"platform": target.name, "pip_platforms": list(target.platforms), "python": python_version,
                    "markers": target.markers, "note": target.note,
                    "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "nltk_data": [r.label for r, _, _ in found], "nltk_data_not_included": [r.label for r in missing],
                    "wheels": [w.name for w in wheel_files]}
        partial = archive.with_name(archive.name + ".partial")
        writer = ArchiveWriter(partial, target.archive)
        try:
            for source, name in project_files():
                writer.add_file(source, name)
            for source, name in nltk_files(found):
                writer.add_file(source, name)
            for wheel in wheel_files:
                writer.add_file(wheel, f"wheelhouse/{wheel.name}")
            writer.add_bytes(MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode("utf-8"))
            writer.add_bytes("start.sh", start_sh(python_version).encode("utf-8"), SCRIPT_MODE)
            writer.add_bytes("start.bat", start_bat(python_version).encode("utf-8"))
        finally:
            writer.close()
        partial.replace(archive)
    size = archive.stat().st_size / 1e6
    out(f"Wrote {archive} ({size:.0f} MB): the notebooks, the data, the newslab package, "
        f"{len(found)} NLTK resources, and {len(wheel_files)} wheels for {target.note}, Python {python_version}.")
    for resource in missing:
        out(f"  not included (optional, not on this machine): {resource.label}, for {resource.used_for}")
    out(tell_learners(archive, target, python_version))
    return archive


def tell_learners(archive: Path, target: Target, python_version: str) -> str:
    """What the instructor tells the learners."""
    windows = target.archive == "zip"
    unpack = f"unzip {archive.name}" if windows else f"tar xzf {archive.name}"
    run = (f"double-click start.bat, or run 'py -{python_version} -m newslab offline' in a terminal there" if windows
           else f"run './start.sh' (or 'python{python_version} -m newslab offline') in a terminal there")
    return ("\nTell the learners:\n"
            f"  1. You need Python {python_version} on {target.note} (no internet needed).\n"
            f"  2. Copy {archive.name} to your computer and unpack it ({unpack}).\n"
            f"  3. In the unpacked folder {TOP}, {run}.\n"
            "     The first time it installs everything from the bundle (a minute or two), checks it, and opens\n"
            "     JupyterLab on lesson 00; after that it just opens JupyterLab.\n")


def main(argv=()) -> int:
    """python -m newslab bundle [--platform NAME] [--python-version X.Y] [--out DIR]"""
    parser = argparse.ArgumentParser(prog="python -m newslab bundle",
                                     description="Build an offline bundle for a room without internet: notebooks, "
                                                 "data, NLTK data and a wheelhouse for the learners' system.")
    parser.add_argument("--platform", default=None,
                        help=f"the learners' system: {', '.join(TARGETS)} (default: this machine's)")
    parser.add_argument("--python-version", default=f"{sys.version_info[0]}.{sys.version_info[1]}",
                        help="the learners' Python, e.g. 3.11 (default: this Python's)")
    parser.add_argument("--out", default=str(OUT), help="where to write the archive (default: offline-bundle/)")
    parser.add_argument("--no-wheels", action="store_true",
                        help="leave out the wheelhouse (for a room whose machines already have the packages)")
    args = parser.parse_args(argv)
    target = target_named(args.platform or this_machine())
    build(target, args.python_version, Path(args.out).resolve(), wheels=not args.no_wheels)
    return 0


# ---------------------------------------------------------------- the learner's side (standard library only)

def _venv_python(folder: Path) -> Path:
    return folder / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _quiet_pip_env() -> dict:
    """An environment in which pip reads no configuration: it can use nothing but the wheelhouse."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    return env


def _say(message: str) -> None:
    print(f"[newslab offline] {message}", flush=True)


def install(folder: Path) -> Path:
    """Create .venv in an unpacked bundle, install from its wheelhouse, and put its NLTK data in place."""
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise SystemExit(f"[newslab offline] {folder} is not an unpacked offline bundle (it has no {MANIFEST}). "
                         "In a copy of the project with internet, use 'python -m newslab start'.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    mine = f"{sys.version_info[0]}.{sys.version_info[1]}"
    if manifest.get("wheels") and manifest["python"] != mine:
        raise SystemExit(f"[newslab offline] this bundle's packages are for Python {manifest['python']}, and this is "
                         f"Python {mine} ({sys.executable}). Run it with Python {manifest['python']} "
                         f"(python{manifest['python']} -m newslab offline, or py -{manifest['python']} on Windows), "
                         f"or ask for a bundle built with --python-version {mine}.")
    expected = manifest.get("markers", {}).get("sys_platform")
    if manifest.get("wheels") and expected and not sys.platform.startswith(expected):
        raise SystemExit(f"[newslab offline] this bundle's packages are for {manifest.get('note', expected)}, "
                         f"not for this system ({sys.platform}): ask for a bundle built for yours.")
    python = _venv_python(folder)
    if not python.exists():
        _say(f"creating a virtual environment in {folder / '.venv'}")
        import venv

        try:
            # A bundle without wheels is for machines whose Python already has the packages: let .venv see them.
            venv.EnvBuilder(with_pip=True, system_site_packages=not manifest.get("wheels")).create(folder / ".venv")
        except (subprocess.CalledProcessError, OSError) as error:
            shutil.rmtree(folder / ".venv", ignore_errors=True)
            raise SystemExit(f"[newslab offline] could not create a virtual environment ({error}). On Debian and "
                             f"Ubuntu, Python's venv module is a separate package: install python{mine}-venv "
                             "(before class, while there is internet), then run this again.") from None
    stamp = folder / ".venv" / ".newslab-offline-installed"
    wanted = hashlib.sha256(((folder / "requirements.txt").read_text(encoding="utf-8") +
                             "\n".join(manifest.get("wheels", []))).encode("utf-8")).hexdigest()
    if not stamp.exists() or stamp.read_text().strip() != wanted:
        if manifest.get("wheels"):
            _say("installing the packages from the bundle's wheelhouse (no internet needed; a minute or two)")
            result = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-index", "--find-links",
                                     str(folder / "wheelhouse"), "-r", str(folder / "requirements.txt")],
                                    env=_quiet_pip_env())
            if result.returncode != 0:
                raise SystemExit("[newslab offline] installing from the wheelhouse failed (see above): the bundle "
                                 "may be for another system or Python; ask your instructor.")
        stamp.write_text(wanted + "\n")
    data = folder / "nltk_data"
    if data.is_dir():
        target = folder / ".venv" / "share" / "nltk_data"  # on NLTK's default search path in that environment
        shutil.copytree(data, target, dirs_exist_ok=True)
        for p in [target, *target.rglob("*")]:
            if not p.is_symlink():
                p.chmod(DIR_MODE if p.is_dir() else FILE_MODE)  # NLTK refuses data that others can write
        _say(f"NLTK data in place: {target}")
    return python


def main_offline(argv=()) -> int:
    """python -m newslab offline [--no-lab] [JupyterLab options]: install from the bundle and open lesson 00."""
    parser = argparse.ArgumentParser(prog="python -m newslab offline",
                                     description="In an unpacked offline bundle: install from its wheelhouse without "
                                                 "internet, check, and open JupyterLab on lesson 00.")
    parser.add_argument("--no-lab", action="store_true", help="install and check only; do not open JupyterLab")
    args, rest = parser.parse_known_args(argv)
    folder = config.ROOT
    python = install(folder)
    check = subprocess.run([str(python), "-m", "newslab", "check"], cwd=folder)
    if check.returncode != 0:
        _say("the check found a problem (see above); fix it, or show this to your instructor.")
        return check.returncode
    if args.no_lab:
        return 0
    _say("opening JupyterLab on notebooks/00_start_here.ipynb (stop it with Ctrl+C)")
    from .start import lab_command

    return subprocess.call(lab_command(python, Path(folder), rest), cwd=folder)
