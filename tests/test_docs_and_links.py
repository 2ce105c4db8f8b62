"""Generated documentation is current, links come from one setting, and the set-up commands are where the README says."""

import re
import subprocess
import sys

from newslab import config, docs, links
from tests.notebook_runner import ROOT


def test_generated_docs_are_current():
    assert not docs.stale(), "generated documentation is out of date: run python -m newslab docs"


def test_binder_and_hub_links_come_from_the_one_setting(monkeypatch):
    assert links.binder_url("notebooks/03_counting_words.ipynb") == (
        "https://mybinder.org/v2/gh/newslab-course/newslab/main?urlpath=lab/tree/notebooks/03_counting_words.ipynb")
    monkeypatch.setattr(config, "REPOSITORY", "someone/elsewhere")
    assert "/someone/elsewhere/main?urlpath=lab/tree/notebooks/00_start_here.ipynb" in links.binder_url()
    hub = links.nbgitpuller_url("notebooks/00_start_here.ipynb", hub="https://hub.school.edu")
    assert hub.startswith("https://hub.school.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fsomeone%2Felsewhere")
    assert "&branch=main&" in hub and hub.endswith("urlpath=lab%2Ftree%2Felsewhere%2Fnotebooks%2F00_start_here.ipynb")


def test_readme_badge_opens_lesson_00():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badge = re.search(r"\[!\[Launch on Binder\][^\n]*\]\(([^)]+)\)", readme).group(1)
    assert badge == links.binder_url("notebooks/00_start_here.ipynb")
    for command in ("make lab", "make test", "python -m newslab start", "python -m newslab test"):
        assert f"`{command}`" in readme


def test_binder_files():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    post_build = (ROOT / "postBuild").read_text()
    assert "set -e" in post_build and "python -m newslab setup" in post_build
    assert (ROOT / "postBuild").stat().st_mode & 0o111
    assert not (ROOT / "binder").exists(), "a binder/ folder would make repo2docker ignore the root files"
    pins = (ROOT / "requirements.txt").read_text()
    for package in ("jupyterlab==", "notebook==", "ipywidgets==", "nltk=="):
        assert package in pins


def test_cli_help_needs_nothing_installed():
    # python -m newslab start/test must run on a bare Python: the package's import uses the standard library only.
    code = ("import sys; sys.modules['nltk'] = None; sys.modules['ipywidgets'] = None; "
            "import newslab.__main__ as m; sys.exit(m.main(['--help']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "start" in result.stdout and "test" in result.stdout


def test_unknown_command_is_one_line():
    result = subprocess.run([sys.executable, "-m", "newslab", "strat"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "unknown command 'strat'" in result.stderr


def test_jupyterlab_opens_with_the_project_folder_as_its_root(tmp_path):
    # Named on the command line alone, a notebook's own folder would become JupyterLab's root.
    from newslab.start import lab_command

    command = lab_command("python", tmp_path, ["--no-browser"])
    assert command[1:3] == ["-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path}" in command
    assert command.index("notebooks/00_start_here.ipynb") > command.index(f"--ServerApp.root_dir={tmp_path}")
    assert command[-1] == "--no-browser"


def test_docs_without_nltk_data_says_what_to_do(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NLTK_DATA", "PYTHONPATH")}
    env["HOME"] = str(tmp_path)
    code = "import sys, nltk; nltk.data.path[:] = []\nfrom newslab import docs\nsys.exit(docs.main(['--check']))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "python -m newslab setup" in result.stderr
