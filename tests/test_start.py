"""Starting as a person would: the JupyterLab settings the collection ships, and a start as root."""

import json
import subprocess
import sys
from pathlib import Path

from newslab import start

ROOT = Path(__file__).resolve().parent.parent
WIDGETS = "@jupyter-widgets/jupyterlab-manager:plugin"
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def test_the_shipped_settings_save_widget_state_and_silence_the_news():
    settings = json.loads((ROOT / "lab-settings" / "overrides.json").read_text(encoding="utf-8"))
    assert settings == {WIDGETS: {"saveState": True},
                        NOTIFICATION: {"fetchNews": "false", "checkForUpdates": False}}


def test_install_merges_into_existing_overrides(tmp_path):
    target = start.lab_settings_file(tmp_path)
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                  NOTIFICATION: {"doNotDisturbMode": True, "fetchNews": "true"}}), encoding="utf-8")
    assert start.install_lab_settings(tmp_path) == target
    merged = json.loads(target.read_text(encoding="utf-8"))
    assert merged["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert merged[NOTIFICATION] == {"doNotDisturbMode": True, "fetchNews": "false", "checkForUpdates": False}
    assert merged[WIDGETS] == {"saveState": True}
    assert [p.name for p in target.parent.iterdir()] == ["overrides.json"]  # no temporary file left


def test_jupyterlab_reads_the_installed_overrides(tmp_path):
    """The same function JupyterLab 4.6's server uses to read <app dir>/settings/overrides.json."""
    from jupyterlab_server.settings_utils import _get_overrides
    target = start.install_lab_settings(tmp_path)
    overrides, error = _get_overrides(str(target.parent))
    assert not error and overrides[WIDGETS]["saveState"] is True and overrides[NOTIFICATION]["fetchNews"] == "false"


def test_the_lab_settings_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newslab", "lab-settings", "--prefix", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert str(start.lab_settings_file(tmp_path)) in result.stdout
    bad = subprocess.run([sys.executable, "-m", "newslab", "lab-settings", "--nope"], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_a_damaged_overrides_file_is_named_not_replaced(tmp_path):
    target = start.lab_settings_file(tmp_path)
    target.parent.mkdir(parents=True)
    target.write_text("{not json", encoding="utf-8")
    try:
        start.install_lab_settings(tmp_path)
    except SystemExit as stop:
        assert str(target) in str(stop) and "fix or remove it" in str(stop)
    else:
        raise AssertionError("a damaged overrides.json was overwritten")
    assert target.read_text(encoding="utf-8") == "{not json"


def test_root_outside_a_container_stops_with_one_line_and_the_flag():
    argv, message, stop = start.root_decision([], root=True, container=False)
    assert stop == 1 and argv == [] and "\n" not in message
    assert "as your own user" in message and "--allow-root" in message


def test_root_in_a_container_passes_the_flag_with_a_note():
    argv, message, stop = start.root_decision(["--no-browser"], root=True, container=True)
    assert stop is None and argv == ["--no-browser", "--allow-root"] and "container" in message


def test_no_note_when_not_root_or_when_the_flag_is_given():
    assert start.root_decision(["x"], root=False, container=False) == (["x"], None, None)
    assert start.root_decision(["--allow-root"], root=True, container=False) == (["--allow-root"], None, None)


def test_start_as_root_stops_before_installing(monkeypatch, capsys):
    monkeypatch.setattr(start, "is_root", lambda: True)
    monkeypatch.setattr(start, "in_container", lambda: False)
    monkeypatch.setattr(start, "ensure_environment", lambda *a, **k: (_ for _ in ()).throw(AssertionError("installed")))
    assert start.main_start([]) == 1
    out = capsys.readouterr().out
    assert out.startswith("[newslab] you are running as root") and out.count("\n") == 1


def test_lab_still_opens_on_lesson_00(tmp_path):
    command = start.lab_command("python", tmp_path)
    assert command[-1] == "notebooks/00_start_here.ipynb"
