"""The progress store: atomic writes under a lock, corruption, concurrent writers, a read-only
folder, the per-lesson widget, CSV export and import, and the Binder warning."""

import csv
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newslab import config, progress
from newslab.progress import ProgressError, ProgressStore, on_binder, progress_widget

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    monkeypatch.setenv("NEWSLAB_HOME", str(folder))
    for name in ("BINDER_LAUNCH_HOST", "BINDER_REQUEST", "JUPYTERHUB_SERVICE_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """Two small practice sets, so the per-lesson counts below are known by hand."""
    folder = tmp_path / "sets"
    folder.mkdir()
    for name, lesson, title, ids in (("00_tour", "00", "A tour", ["video-caption", "acronym", "pick"]),
                                     ("01_article", "01", "The article", ["a", "b"])):
        data = {"set": name, "lesson": lesson, "title": title, "exercises": [{"id": i} for i in ids]}
        (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(config, "EXERCISES", folder)
    return folder


def record(store, exercise="one", event="attempt", outcome="wrong", set_name="00_tour", lesson="00"):
    return store.record(set_name=set_name, lesson=lesson, exercise=exercise, kind="choice", event=event,
                        outcome=outcome, key="option:a")


def test_a_fresh_store_is_created_under_newslab_home(home):
    store = ProgressStore()
    assert store.path == home / "progress.json" and store.events() == []
    assert record(store) is None
    data = json.loads((home / "progress.json").read_text(encoding="utf-8"))
    assert data["format"] == "newslab-progress" and data["version"] == 1
    (event,) = data["events"]
    assert {k: event[k] for k in ("set", "lesson", "exercise", "kind", "event", "outcome", "key")} == {
        "set": "00_tour", "lesson": "00", "exercise": "one", "kind": "choice", "event": "attempt",
        "outcome": "wrong", "key": "option:a"}
    assert len(event["id"]) == 16 and event["time"].endswith("+00:00")


def test_default_home_is_dot_newslab(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSLAB_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "someone"))
    assert ProgressStore().home == tmp_path / "someone" / ".newslab"


def test_writes_leave_no_temporary_files(home):
    store = ProgressStore()
    for i in range(5):
        record(store, exercise=f"e{i}")
    assert sorted(p.name for p in home.iterdir()) == ["progress.json", "progress.json.lock"]
    assert len(store.events()) == 5


def test_an_unknown_event_is_refused():
    with pytest.raises(ValueError):
        record(ProgressStore(), event="cheated")


@pytest.mark.parametrize("damage", [b"{\"format\": \"newslab-progress\", \"events\": [", b"", b"\xff\xfe\x00garbage",
                                    b"[1, 2, 3]", b'{"format": "something else", "events": []}',
                                    b'{"format": "newslab-progress", "events": [1]}'])
def test_a_corrupt_store_is_moved_aside_with_a_warning(home, capsys, damage):
    home.mkdir()
    (home / "progress.json").write_bytes(damage)
    store = ProgressStore()
    warning = record(store, exercise="after")
    assert warning and "was damaged" in warning and "moved to progress.json.corrupt-" in warning
    assert "nothing was deleted" in warning
    assert warning in capsys.readouterr().err
    (aside,) = list(home.glob("progress.json.corrupt-*"))
    assert aside.read_bytes() == damage
    assert [e["exercise"] for e in store.events()] == ["after"]
    assert store.warnings == [warning]


def _writer(home, worker, writes):
    store = ProgressStore(home)
    for i in range(writes):
        store.record(set_name="s", lesson="00", exercise=f"w{worker}-{i}", kind="answer", event="attempt",
                     outcome="wrong", key="other")


def test_concurrent_writers_lose_no_updates(home):
    processes, writes = 6, 25
    home.mkdir()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(home), w, writes)) for w in range(processes)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(120)
        assert p.exitcode == 0
    events = ProgressStore(home).events()
    assert len(events) == processes * writes
    assert {e["exercise"] for e in events} == {f"w{w}-{i}" for w in range(processes) for i in range(writes)}
    assert len({e["id"] for e in events}) == processes * writes
    assert not list(home.glob("*.tmp"))


READ_ONLY_CHILD = textwrap.dedent('''
    import json, sys, time
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    from newslab.progress import ProgressStore, ProgressError
    home = Path(sys.argv[2])
    out = {}
    store = ProgressStore(home)
    out["events"] = [e["exercise"] for e in store.events()]
    start = time.perf_counter()
    try:
        store.record(set_name="s", lesson="00", exercise="x", kind="choice", event="attempt")
        out["error"] = None
    except ProgressError as error:
        out["error"] = str(error)
    out["seconds"] = time.perf_counter() - start
    missing = ProgressStore(home / "not-yet")
    try:
        missing.record(set_name="s", lesson="00", exercise="x", kind="choice", event="attempt")
        out["mkdir_error"] = None
    except ProgressError as error:
        out["mkdir_error"] = str(error)
    import newslab
    from newslab.exercises import PracticeSet
    data = {"set": "ro", "lesson": "99", "title": "RO", "written_for": "any",
            "objectives": [{"id": "o", "text": "o"}],
            "exercises": [{"id": "q", "kind": "answer", "objective": "o", "question": "2+2?", "hints": ["h"],
                           "solution": "4", "type": "number", "answer": 4, "right": "Yes, 4."}]}
    practice = PracticeSet(data, article=newslab.load_article(), store=ProgressStore(home))
    ex = practice["q"]
    feedback = ex.answer("4")
    out["feedback"] = [feedback.key, feedback.text]
    out["exercise_error"] = ex.progress_error
    out["note"] = ex.note_box.value
    print(json.dumps(out))
''')


def _run_read_only(home):
    """Run the child with `home` read-only; as root, without the capability that ignores permissions."""
    command = [sys.executable, "-c", READ_ONLY_CHILD, str(ROOT), str(home)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if not setpriv:
            pytest.fail("Running as root, this test needs setpriv (util-linux) to drop the capability that "
                        "ignores file permissions: apt-get install util-linux.")
        command = [setpriv, "--bounding-set=-all", "--inh-caps=-all", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NEWSLAB_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_read_only_folder_gives_a_clear_error_and_feedback_still_works(home):
    store = ProgressStore(home)
    record(store, exercise="before")
    home.chmod(0o555)
    (home / "progress.json").chmod(0o444)
    try:
        out = _run_read_only(home)
    finally:
        home.chmod(0o755)
    assert out["events"] == ["before"]
    assert out["error"].startswith(f"Could not save your progress in {home} (")
    assert "set NEWSLAB_HOME to a folder you can write to" in out["error"] and "\n" not in out["error"]
    assert out["seconds"] < 5  # a clear error at once, not a lock timeout
    assert out["mkdir_error"].startswith(f"Could not save your progress in {home / 'not-yet'} (")
    assert out["feedback"] == ["right", "Yes, 4."]
    assert out["exercise_error"].startswith(f"Could not save your progress in {home} (")
    assert "Could not save your progress" in out["note"]
    assert [e["exercise"] for e in ProgressStore(home).events()] == ["before"]


def test_a_home_below_a_file_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    store = ProgressStore(blocker / "newslab")
    with pytest.raises(ProgressError, match=r"^Could not save your progress in .*plain-file/newslab \(Not a directory\)"):
        record(store)
    assert store.events() == []


# ---------------------------------------------------------------- summary, CSV, widget

def test_summary_counts_done_per_lesson(catalogue):
    store = ProgressStore()
    record(store, exercise="video-caption", event="attempt", outcome="wrong")
    record(store, exercise="video-caption", event="complete", outcome="right")
    record(store, exercise="acronym", event="complete", outcome="right")
    record(store, exercise="acronym", event="complete", outcome="right")
    record(store, exercise="a", event="complete", set_name="elsewhere")  # another set's "a" does not count
    assert store.summary() == [{"lesson": "00", "done": 2, "total": 3, "title": "A tour"},
                               {"lesson": "01", "done": 0, "total": 2, "title": "The article"}]


def test_an_attempt_and_its_completion_are_one_write(home):
    store = ProgressStore()
    store.record(set_name="s", lesson="00", exercise="e", kind="answer", event="attempt", outcome="right",
                 key="right", complete=True)
    events = store.events()
    assert [e["event"] for e in events] == ["attempt", "complete"] and events[0]["time"] == events[1]["time"]


def test_csv_export_and_import_round_trip(home, tmp_path, monkeypatch):
    store = ProgressStore()
    store.set_learner("Ana Lima")
    record(store, exercise="a")
    record(store, exercise="a", event="complete", outcome="right")
    path = store.export_csv()
    assert path.parent == tmp_path and path.name.startswith("newslab-progress-Ana-Lima-")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["learner"], r["exercise"], r["event"]) for r in rows] == [("Ana Lima", "a", "attempt"),
                                                                          ("Ana Lima", "a", "complete")]
    fresh = ProgressStore(tmp_path / "new-home")
    assert fresh.import_csv(path) == 2
    assert fresh.import_csv(path.read_bytes()) == 0  # importing twice adds nothing
    assert fresh.completed() == {("00_tour", "a")} and fresh.learner() == "Ana Lima"
    assert [e["id"] for e in fresh.events()] == [e["id"] for e in store.events()]


def test_importing_something_else_fails_clearly(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,score\nana,3\n", encoding="utf-8")
    with pytest.raises(ProgressError, match="not a newslab progress export: it lacks the column"):
        ProgressStore().import_csv(bad)
    with pytest.raises(ProgressError, match="Could not read"):
        ProgressStore().import_csv(tmp_path / "missing.csv")


@pytest.mark.parametrize("env,expected", [
    ({}, False), ({"BINDER_LAUNCH_HOST": "https://mybinder.org/"}, True), ({"BINDER_REQUEST": "v2/gh/x/y/main"}, True),
    ({"JUPYTERHUB_SERVICE_PREFIX": "/binder/jupyter/user/x-y-abc/"}, True),
    ({"JUPYTERHUB_SERVICE_PREFIX": "/user/ana/"}, False)])
def test_binder_is_detected(monkeypatch, env, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert on_binder() is expected


def _texts(widget):
    stack, texts = [widget], []
    while stack:
        w = stack.pop()
        stack.extend(getattr(w, "children", ()))
        texts.append(str(getattr(w, "value", "")))
    return "\n".join(texts)


def test_the_widget_warns_on_binder_only(monkeypatch, catalogue):
    assert "lost when this session ends" not in _texts(progress_widget())
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    text = _texts(progress_widget())
    assert "You are on Binder" in text and "lost when this session ends" in text and "import it here" in text


def test_the_widget_exports_and_imports(tmp_path, catalogue):
    import ipywidgets as w
    store = ProgressStore()
    record(store, exercise="video-caption", event="complete", outcome="right")
    widget = progress_widget(store)
    assert "1 of 3" in _texts(widget) and "0 of 2" in _texts(widget)
    buttons = {b.description: b for b in _all(widget) if isinstance(b, w.Button)}
    buttons["Export my progress"].click()
    (exported,) = list(tmp_path.glob("newslab-progress-*.csv"))
    assert "Exported to newslab-progress-" in _texts(widget)
    other = ProgressStore(tmp_path / "other-home")
    other_widget = progress_widget(other)
    upload = next(u for u in _all(other_widget) if isinstance(u, w.FileUpload))
    upload.value = ({"name": exported.name, "type": "text/csv", "size": exported.stat().st_size,
                     "content": memoryview(exported.read_bytes()),
                     "last_modified": datetime.now(timezone.utc)},)
    next(b for b in _all(other_widget) if isinstance(b, w.Button) and b.description == "Import").click()
    assert "Imported 1 new event(s)" in _texts(other_widget) and "1 of 3" in _texts(other_widget)


def _all(widget):
    stack, found = [widget], []
    while stack:
        w = stack.pop()
        found.append(w)
        stack.extend(getattr(w, "children", ()))
    return found


def test_lock_timeout_is_reported_not_raised(monkeypatch, home):
    monkeypatch.setattr(progress, "LOCK_TIMEOUT", 0.2)
    home.mkdir()
    ctx = multiprocessing.get_context("spawn")
    ready, done = ctx.Event(), ctx.Event()
    p = ctx.Process(target=_hold_lock, args=(str(home / "progress.json.lock"), ready, done))
    p.start()
    try:
        assert ready.wait(30)
        start = time.perf_counter()
        with pytest.raises(ProgressError, match="another program has held"):
            record(ProgressStore())
        assert time.perf_counter() - start < 5
    finally:
        done.set()
        p.join(30)


def _hold_lock(path, ready, done):
    from filelock import FileLock
    with FileLock(path):
        ready.set()
        done.wait(30)
