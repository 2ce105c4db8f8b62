"""The offline bundle: what the archive holds and with which modes, the wheelhouse for another system,
and (one slow test) the Linux bundle installed in a fresh folder without network, passing the check
with NLTK_DATA unset."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from newslab import bundle, config, nltkdata
from tests.notebook_runner import ROOT

ARTIFACTS = ROOT / "test-artifacts"
PY = f"{sys.version_info[0]}.{sys.version_info[1]}"


def data_here() -> bool:
    found, missing = bundle.nltk_data_found()
    return not [r for r in missing if r.required]


needs_data = pytest.mark.skipif(not data_here(), reason="the NLTK data is not set up here: set NLTK_DATA to a prepared "
                                                         "folder (CI uses ../shared/nltk_data) or run python -m newslab setup")


@pytest.fixture
def no_nltk_server(monkeypatch):
    """Fail if anything tries NLTK's downloader: the bundle packs the data already here."""
    from nltk import downloader

    def refuse(*args, **kwargs):
        raise AssertionError("the bundle command must not use NLTK's download server")

    monkeypatch.setattr(downloader.Downloader, "download", refuse)
    monkeypatch.setattr(downloader.Downloader, "_update_index", refuse)


# ---------------------------------------------------------------- the archive (fast, no wheels)

@needs_data
def test_tar_bundle_holds_the_course_and_the_nltk_data_with_safe_modes(tmp_path, no_nltk_server, capsys):
    archive = bundle.build(bundle.TARGETS["linux-x86_64"], PY, tmp_path, wheels=False)
    assert archive.name == f"newslab-offline-linux-x86_64-py{PY}.tar.gz"
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
        manifest = json.loads(tar.extractfile(f"{bundle.TOP}/bundle.json").read())
    names = set(members)
    for needed in ("notebooks/00_start_here.ipynb", "requirements.txt", "README.md", "newslab/__main__.py",
                   "newslab/bundle.py", "start.sh", "start.bat", "bundle.json", "data/articles"):
        assert f"{bundle.TOP}/{needed}" in names, needed
    for name, member in members.items():
        assert name == bundle.TOP or name.startswith(bundle.TOP + "/"), name
        assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "root", "root"), name
        assert not any(part in ("__pycache__", ".venv", "tests", "offline-bundle", ".git") for part in name.split("/"))
        if member.isdir():
            assert member.mode == 0o755, name
        elif name.endswith("/start.sh"):
            assert member.mode == 0o755
        else:
            assert member.isfile() and member.mode == 0o644, f"{name}: {oct(member.mode)}"
    found, missing = bundle.nltk_data_found()
    for resource, source, inside in found:
        entry = f"{bundle.TOP}/nltk_data/{inside}"
        assert entry in names, f"{resource.label}: {entry} is not in the bundle"
    assert manifest["nltk_data"] == [r.label for r, _, _ in found]
    assert manifest["python"] == PY and manifest["wheels"] == []
    out = capsys.readouterr().out
    assert str(archive) in out and "Tell the learners" in out and "./start.sh" in out


@needs_data
def test_windows_bundle_is_a_zip_with_the_same_modes(tmp_path, no_nltk_server, capsys):
    archive = bundle.build(bundle.target_named("windows"), "3.11", tmp_path, wheels=False)
    assert archive.suffix == ".zip"
    with zipfile.ZipFile(archive) as z:
        infos = z.infolist()
        assert f"{bundle.TOP}/start.bat" in z.namelist()
        assert b"py -3.11 -m newslab offline" in z.read(f"{bundle.TOP}/start.bat")
    for info in infos:
        mode = (info.external_attr >> 16) & 0o777
        assert mode == (0o755 if info.is_dir() or info.filename.endswith("start.sh") else 0o644), info.filename
    assert "start.bat" in capsys.readouterr().out


def test_the_build_stops_with_the_fix_when_required_data_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(bundle, "nltk_data_found", lambda: ([], list(nltkdata.RESOURCES)))
    with pytest.raises(SystemExit) as stop:
        bundle.build(bundle.TARGETS["linux-x86_64"], PY, tmp_path, wheels=False)
    assert "python -m newslab setup" in str(stop.value) and "punkt_tab" in str(stop.value)
    assert not list(tmp_path.iterdir())


def test_platform_names():
    assert bundle.target_named("linux").name == "linux-x86_64"
    assert bundle.target_named("win_amd64").archive == "zip"
    assert "manylinux2014_x86_64" in bundle.TARGETS["linux-x86_64"].platforms
    assert "manylinux_2_28_x86_64" in bundle.TARGETS["linux-x86_64"].platforms
    with pytest.raises(SystemExit, match="unknown platform 'amiga'"):
        bundle.target_named("amiga")


# ---------------------------------------------------------------- the wheelhouse for another system (fast)

def fake_wheel(folder: Path, name: str, requires=()):
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as z:
        lines = ["Metadata-Version: 2.1", f"Name: {name}", "Version: 1.0", *[f"Requires-Dist: {r}" for r in requires]]
        z.writestr(f"{name}-1.0.dist-info/METADATA", "\n".join(lines) + "\n")


def test_dependencies_for_another_system_are_found_with_its_markers(tmp_path):
    fake_wheel(tmp_path, "tool", ['colorama; platform_system == "Windows"', 'appnope; sys_platform == "darwin"',
                                  'pexpect; sys_platform != "win32"', 'helper[fast]'])
    fake_wheel(tmp_path, "pexpect")
    fake_wheel(tmp_path, "helper", ['speedup; extra == "fast"', 'slowdown; extra == "slow"'])
    windows = bundle.marker_environment(bundle.TARGETS["windows-amd64"], "3.11")
    mac = bundle.marker_environment(bundle.TARGETS["macos-arm64"], "3.11")
    linux = bundle.marker_environment(bundle.TARGETS["linux-x86_64"], "3.11")
    assert set(bundle.missing_for_target(tmp_path, ["tool==1.0"], windows)) == {"colorama", "speedup"}
    assert set(bundle.missing_for_target(tmp_path, ["tool==1.0"], mac)) == {"appnope", "speedup"}
    assert set(bundle.missing_for_target(tmp_path, ["tool==1.0"], linux)) == {"speedup"}
    fake_wheel(tmp_path, "speedup")
    assert bundle.missing_for_target(tmp_path, ["tool==1.0"], linux) == {}


# ---------------------------------------------------------------- the learner's side (fast)

def test_offline_start_refuses_a_folder_that_is_not_a_bundle(tmp_path):
    with pytest.raises(SystemExit, match="not an unpacked offline bundle"):
        bundle.install(tmp_path)


def test_offline_start_refuses_a_bundle_for_another_python(tmp_path):
    (tmp_path / "bundle.json").write_text(json.dumps({"python": "3.99", "wheels": ["x.whl"],
                                                      "markers": {"sys_platform": sys.platform}}))
    with pytest.raises(SystemExit) as stop:
        bundle.install(tmp_path)
    assert "Python 3.99" in str(stop.value) and f"--python-version {PY}" in str(stop.value)
    assert not (tmp_path / ".venv").exists()


def test_the_learners_side_needs_only_the_standard_library(tmp_path):
    # A learner's Python has no packages yet: `python -m newslab offline` must get as far as its own message.
    code = ("import sys\n"
            "for name in ('nltk', 'ipywidgets', 'packaging', 'matplotlib', 'pandas', 'numpy'): sys.modules[name] = None\n"
            "import newslab.__main__ as m\n"
            "sys.exit(m.main(['offline', '--no-lab']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "not an unpacked offline bundle" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_commands_are_listed():
    result = subprocess.run([sys.executable, "-m", "newslab", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert "bundle" in result.stdout and "offline" in result.stdout


# ---------------------------------------------------------------- one slow test: the Linux bundle, installed offline

def pypi_reachable() -> bool:
    try:
        with urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=15) as response:
            return response.status == 200
    except OSError:
        return False


def without_network() -> list:
    """A command prefix that runs a process with no network at all, where this machine allows it."""
    unshare = shutil.which("unshare")
    if unshare and hasattr(os, "geteuid") and os.geteuid() == 0:
        if subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
            return [unshare, "-n"]
    return []


@needs_data
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the installed test builds the Linux bundle")
def test_linux_bundle_installs_in_a_fresh_folder_without_network_and_passes_the_check(tmp_path):
    if not pypi_reachable():
        message = ("PyPI is unreachable, so the wheelhouse cannot be downloaded: this test builds the bundle from "
                   "PyPI and is skipped without it")
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI must reach PyPI)")
        pytest.skip(message)
    started = time.perf_counter()
    build = subprocess.run([sys.executable, "-m", "newslab", "bundle", "--platform", "linux", "--python-version", PY,
                            "--out", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stdout + build.stderr
    build_seconds = time.perf_counter() - started
    archive = tmp_path / "out" / f"newslab-offline-linux-x86_64-py{PY}.tar.gz"
    assert archive.exists(), build.stdout
    assert "Tell the learners" in build.stdout

    room = tmp_path / "learner"  # a fresh folder, as on a learner's machine
    room.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(room, filter="tar")
    folder = room / bundle.TOP
    wheels = list((folder / "wheelhouse").glob("*.whl"))
    assert len(wheels) > 50

    env = {k: v for k, v in os.environ.items() if k not in ("NLTK_DATA", "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path / "home"), NEWSLAB_HOME=str(tmp_path / "newslab-home"))
    # The learner's way in: start.sh, which finds a python3.11 (here the one this venv was made from) on PATH.
    base = Path(getattr(sys, "_base_executable", sys.executable)).parent
    env["PATH"] = f"{base}{os.pathsep}{env.get('PATH', '')}"
    prefix = without_network()
    started = time.perf_counter()
    install = subprocess.run([*prefix, "sh", str(folder / "start.sh"), "--no-lab"], cwd=room, env=env,
                             capture_output=True, text=True, timeout=900)
    install_seconds = time.perf_counter() - started
    assert install.returncode == 0, install.stdout + install.stderr
    assert "newslab check: ready" in install.stdout
    python = folder / ".venv" / "bin" / "python"
    assert python.exists()

    check = subprocess.run([*prefix, str(python), "-m", "newslab", "check", "--verbose"], cwd=folder, env=env,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    data = folder / ".venv" / "share" / "nltk_data"
    for resource in nltkdata.RESOURCES:
        if resource.required:
            assert f"NLTK data {resource.label}: {data}" in check.stdout, resource.label
    # The package versions are the pinned ones, installed from the wheelhouse alone.
    from newslab.doctor import pinned_requirements

    for name, version in pinned_requirements().items():
        assert f"✓ {name} {version}" in check.stdout, name

    ARTIFACTS.mkdir(exist_ok=True)
    report = {"archive": archive.name, "megabytes": round(archive.stat().st_size / 1e6, 1), "wheels": len(wheels),
              "build_seconds": round(build_seconds, 1), "install_seconds": round(install_seconds, 1),
              "network_cut_off": bool(prefix)}
    (ARTIFACTS / "offline-bundle.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"\noffline bundle: {report}")
