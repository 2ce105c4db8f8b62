"""NLTK data: setup downloads only what is missing (through a file:// index), says what to do offline; the doctor."""

import hashlib
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import nltk
import pytest

from newslab import nltkdata
from newslab.nltkdata import Resource

ROOT = Path(__file__).resolve().parent.parent
DEMO = Resource("newslab_demo", ("corpora/newslab_demo/",), True, "the download test")
OPTIONAL_DEMO = Resource("newslab_absent", ("corpora/newslab_absent/",), False, "an optional extra")


def make_index(folder: Path) -> str:
    """A one-package NLTK index and its zip, as NLTK's server would serve them, in a local folder."""
    package = folder / "newslab_demo.zip"
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("newslab_demo/README", "a tiny package for the download test\n")
        z.writestr("newslab_demo/words.txt", "flexible\nmodality\n")
    data = package.read_bytes()
    unzipped = sum(i.file_size for i in zipfile.ZipFile(package).infolist())
    (folder / "index.xml").write_text(
        '<?xml version="1.0"?>\n<nltk_data><packages>\n'
        f'<package id="newslab_demo" name="demo" subdir="corpora" url="{package.as_uri()}" '
        f'checksum="{hashlib.md5(data).hexdigest()}" sha256_checksum="{hashlib.sha256(data).hexdigest()}" size="{len(data)}" unzipped_size="{unzipped}" unzip="1" />\n'
        "</packages><collections></collections></nltk_data>\n", encoding="utf-8")
    return (folder / "index.xml").as_uri()


@pytest.fixture
def isolated_path(monkeypatch):
    monkeypatch.setattr(nltk.data, "path", [])
    return nltk.data.path


def test_setup_downloads_what_is_missing_through_a_file_index(tmp_path, isolated_path):
    server, target = tmp_path / "server", tmp_path / "data"
    server.mkdir()
    index_url = make_index(server)
    isolated_path.append(str(server))  # NLTK 3.10 only opens file:// URLs inside its data path
    lines = []
    code = nltkdata.setup(download_dir=target, index_url=index_url, resources=(DEMO, OPTIONAL_DEMO), out=lines.append)
    assert code == 0, lines
    assert (target / "corpora" / "newslab_demo" / "words.txt").read_text() == "flexible\nmodality\n"
    assert any("downloaded newslab_demo" in line for line in lines)
    assert any("optional, not installed: newslab_absent" in line for line in lines)
    for p in [target, *target.rglob("*")]:
        assert not p.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH), f"{p} is writable by others"
    # A second run finds it and downloads nothing.
    lines.clear()
    assert nltkdata.setup(download_dir=target, index_url=index_url, resources=(DEMO,), out=lines.append) == 0
    assert lines == ["NLTK data: everything the lessons use is already here."]


def test_setup_never_downloads_into_nltk_data(monkeypatch, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setenv("NLTK_DATA", str(shared))
    assert nltkdata.default_download_dir() != shared


def test_setup_fixes_permissions(tmp_path):
    (tmp_path / "corpora").mkdir()
    f = tmp_path / "corpora" / "x.txt"
    f.write_text("x")
    f.chmod(0o666)
    assert nltkdata.others_can_write(tmp_path)
    nltkdata.fix_permissions(tmp_path)
    assert not nltkdata.others_can_write(tmp_path)


def isolated_run(code: str, tmp_path: Path):
    """Run Python with HOME, NLTK_DATA and the environment's own NLTK folders out of the way."""
    env = {k: v for k, v in os.environ.items() if k not in ("NLTK_DATA", "PYTHONPATH")}
    env["HOME"] = str(tmp_path / "home")
    prelude = "import sys, nltk; nltk.data.path[:] = []\n"
    return subprocess.run([sys.executable, "-c", prelude + code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_offline_setup_names_what_is_missing_and_what_to_do(tmp_path):
    unreachable = (tmp_path / "no-server" / "index.xml").as_uri()
    result = isolated_run("from newslab.nltkdata import main_setup\n"
                          f"sys.exit(main_setup(['--dir', {str(tmp_path / 'dl')!r}, '--index-url', {unreachable!r}]))",
                          tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    for resource in nltkdata.RESOURCES:
        if resource.required:
            assert resource.id in last
    assert "set NLTK_DATA" in last and "internet" in last


def test_offline_setup_exits_0_when_only_optional_data_is_missing(tmp_path, isolated_path):
    lines = []
    unreachable = (tmp_path / "no-server" / "index.xml").as_uri()
    assert nltkdata.setup(download_dir=tmp_path / "dl", index_url=unreachable, resources=(OPTIONAL_DEMO,),
                          out=lines.append) == 0
    assert any("optional, not installed: newslab_absent" in line for line in lines)


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="only where NLTK's server is known to be unreachable (CI)")
def test_offline_setup_against_nltks_real_server(tmp_path):
    result = isolated_run(f"from newslab.nltkdata import main_setup\nsys.exit(main_setup(['--dir', {str(tmp_path)!r}]))",
                          tmp_path)
    assert result.returncode == 1 and "missing and required" in result.stdout


def test_check_passes_with_the_shared_data():
    if not os.environ.get("NLTK_DATA"):
        pytest.skip("NLTK_DATA is not set")
    result = subprocess.run([sys.executable, "-m", "newslab", "check"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "newslab check: ready" in result.stdout
    assert "multiclass" in result.stdout and "optional" in result.stdout  # missing optional data is information


def test_check_fails_in_a_few_lines_with_an_empty_search_path(tmp_path):
    result = isolated_run("from newslab import doctor\nsys.exit(doctor.main([]))", tmp_path)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    lines = out.strip().splitlines()
    assert len(lines) <= 16
    for resource in nltkdata.RESOURCES:
        if resource.required:
            assert any(resource.label in line and "missing" in line for line in lines), resource.label
    assert any(line.startswith("→ To fix") and "python -m newslab setup" in line for line in lines)


def test_check_reports_data_that_others_can_write(tmp_path):
    data = tmp_path / "nltk_data" / "corpora" / "stopwords"
    data.mkdir(parents=True)
    (data / "english").write_text("the\n")
    (data / "english").chmod(0o666)
    result = isolated_run(f"nltk.data.path.append({str(tmp_path / 'nltk_data')!r})\n"
                          "from newslab import doctor\nsys.exit(doctor.main([]))", tmp_path)
    assert result.returncode == 1
    assert "can be written by other accounts" in result.stdout and "chmod -R go-w" in result.stdout
