"""Saved progress: every attempt and completion, in one JSON file under NEWSLAB_HOME.

- The store is NEWSLAB_HOME/progress.json (NEWSLAB_HOME defaults to ~/.newslab).
- Every change happens under a file lock (progress.json.lock) and is written to a temporary
  file in the same folder, then renamed over the store: two kernels never lose each other's
  updates, and a crash never leaves half a file.
- A damaged store is moved aside (progress.json.corrupt-<time>) with a visible warning and a
  fresh one is started: nothing is silently lost.
- A folder that cannot be written gives a one-line ProgressError; exercises still give feedback.
- Each exercise's last answer, verdict, hints shown and solution state are kept under "answers"
  ({"<set>/<exercise>/<article>": state}), written only by a learner's action (check, hint,
  reveal, reset, a changed code) and read back when the exercise is shown again.
- `show_progress()` shows what is done per lesson, with export to CSV (for an instructor, or to
  keep on Binder, where everything is lost when the session ends) and import of that CSV.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from . import config

STORE_NAME = "progress.json"
FORMAT = "newslab-progress"
VERSION = 1
LOCK_TIMEOUT = 10  # seconds
LEFTOVER_SECONDS = 60  # a temporary file older than this was left by a writer that was killed
EVENTS = ("attempt", "complete", "solution")
CSV_FIELDS = ["learner", "set", "lesson", "exercise", "kind", "event", "outcome", "key", "time", "id"]


class ProgressError(RuntimeError):
    """Progress could not be saved or read; the message is one line that says what to do."""


def on_binder() -> bool:
    """True on mybinder.org and other BinderHubs, where the session's files vanish when it ends."""
    if os.environ.get("BINDER_LAUNCH_HOST") or os.environ.get("BINDER_REQUEST"):
        return True
    return "binder" in os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "").lower()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "learner": "", "events": []}


class ProgressStore:
    """The learner's progress file. Pass a folder, or leave it out to use NEWSLAB_HOME at each call."""

    def __init__(self, home=None):
        self._home = Path(home) if home is not None else None
        self.warnings = []  # messages about stores moved aside, newest last

    @property
    def home(self) -> Path:
        return self._home if self._home is not None else config.newslab_home()

    @property
    def path(self) -> Path:
        return self.home / STORE_NAME

    # ------------------------------------------------------------ low level
    def _lock(self):
        from filelock import FileLock
        return FileLock(str(self.home / f"{STORE_NAME}.lock"), timeout=LOCK_TIMEOUT)

    def _cannot(self, action: str, error: OSError) -> ProgressError:
        reason = error.strerror or type(error).__name__
        return ProgressError(f"Could not {action} your progress in {self.home} ({reason}): your answers are still "
                             f"checked, but to keep them set NEWSLAB_HOME to a folder you can write to.")

    def _read_unlocked(self):
        """The store's data; a damaged file is moved aside. Returns (data, warning or None)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return _empty(), None
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("events"), list):
                raise ValueError("not a newslab progress store")
            if not all(isinstance(e, dict) for e in data["events"]):
                raise ValueError("an event is not an object")
            return data, None
        except (ValueError, UnicodeDecodeError):
            return _empty(), self._move_aside()

    def _move_aside(self) -> str:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"{STORE_NAME}.corrupt-{stamp}")
        os.replace(self.path, aside)
        message = (f"newslab: your progress file {self.path} was damaged; it was moved to {aside.name} "
                   "and a fresh one was started (nothing was deleted).")
        self.warnings.append(message)
        print(message, file=sys.stderr)
        return message

    def _write_unlocked(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{STORE_NAME}.", suffix=".tmp", dir=self.home)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def _clean_leftovers(self) -> int:
        """Delete temporary files (.progress.json.*.tmp) older than LEFTOVER_SECONDS that a killed writer left;
        returns how many went. A write in progress is younger than that, so it is never touched."""
        removed = 0
        try:
            entries = list(os.scandir(self.home))
        except OSError:
            return 0
        now = time.time()
        for entry in entries:
            if not (entry.name.startswith(f".{STORE_NAME}.") and entry.name.endswith(".tmp")):
                continue
            try:
                if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > LEFTOVER_SECONDS:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:  # gone already, or not ours to delete: leave it
                continue
        return removed

    def update(self, change) -> tuple:
        """Apply change(data) under the lock and save atomically. Returns (result, warning or None)."""
        from filelock import Timeout
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            with self._lock():
                self._clean_leftovers()
                data, warning = self._read_unlocked()
                result = change(data)
                self._write_unlocked(data)
        except Timeout:
            raise ProgressError(f"Could not save your progress: another program has held {self.path}.lock for "
                                f"{LOCK_TIMEOUT} s. Your answers are still checked; try again in a moment.") from None
        except OSError as error:
            raise self._cannot("save", error) from None
        return result, warning

    def read(self) -> dict:
        """The store's data (empty when there is none yet)."""
        self._clean_leftovers()
        if not self.path.exists():
            return _empty()
        from filelock import Timeout
        try:
            with self._lock():
                data, _ = self._read_unlocked()
        except Timeout:
            raise ProgressError(f"Could not read your progress: {self.path}.lock is held by another program.") from None
        except OSError:
            # A folder we cannot lock in (read-only) can still be read without the lock.
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise ProgressError(f"Could not read your progress in {self.home}: {error}.") from None
        return data

    # ------------------------------------------------------------ recording
    def record(self, set_name: str, lesson: str, exercise: str, kind: str, event: str,
               outcome: str = "", key: str = "", complete: bool = False):
        """Save one event (and, with complete=True, a "complete" event in the same write).

        Returns a warning to show (the store was damaged and moved aside) or None."""
        if event not in EVENTS:
            raise ValueError(f"event must be one of {EVENTS}, not {event!r}")
        now = _now()
        entries = [{"id": uuid.uuid4().hex[:16], "time": now, "set": set_name, "lesson": lesson,
                    "exercise": exercise, "kind": kind, "event": e, "outcome": outcome, "key": key}
                   for e in ([event, "complete"] if complete and event != "complete" else [event])]
        _, warning = self.update(lambda data: data["events"].extend(entries))
        return warning

    def events(self) -> list:
        return list(self.read()["events"])

    def learner(self) -> str:
        return self.read().get("learner", "")

    def set_learner(self, name: str) -> None:
        self.update(lambda data: data.__setitem__("learner", name.strip()))

    # ------------------------------------------------------------ saved answers
    @staticmethod
    def answer_key(set_name: str, exercise: str, article: str) -> str:
        return f"{set_name}/{exercise}/{article}"

    def save_answer(self, set_name: str, exercise: str, article: str, state: dict, learner: str | None = None):
        """Keep an exercise's state (its answer, verdict, hints, solution) under the lock, atomically.

        `learner` also remembers the learner's name when given. Returns a warning to show, or None."""
        entry = json.loads(json.dumps(dict(state, saved=_now()), ensure_ascii=False, default=str))
        key = self.answer_key(set_name, exercise, article)

        def change(data):
            answers = data.get("answers")
            if not isinstance(answers, dict):
                answers = data["answers"] = {}
            answers[key] = entry
            if learner is not None and learner.strip():
                data["learner"] = learner.strip()
        _, warning = self.update(change)
        return warning

    def saved_answer(self, set_name: str, exercise: str, article: str):
        """The state saved by save_answer, or None."""
        answers = self.read().get("answers")
        entry = answers.get(self.answer_key(set_name, exercise, article)) if isinstance(answers, dict) else None
        return entry if isinstance(entry, dict) else None

    def completed(self) -> set:
        """{(set, exercise)} for every exercise completed at least once."""
        return {(e.get("set"), e.get("exercise")) for e in self.events() if e.get("event") == "complete"}

    def attempts(self, set_name=None, exercise=None) -> list:
        return [e for e in self.events() if e.get("event") == "attempt"
                and (set_name is None or e.get("set") == set_name)
                and (exercise is None or e.get("exercise") == exercise)]

    def summary(self) -> list:
        """One row per lesson: {lesson, title, done, total, exercises} over every set in data/exercises."""
        done = self.completed()
        rows = {}
        for info in _set_catalogue():
            row = rows.setdefault(info["lesson"], {"lesson": info["lesson"], "titles": [], "done": 0, "total": 0})
            row["titles"].append(info["title"])
            row["total"] += len(info["exercises"])
            row["done"] += sum(1 for ex in info["exercises"] if (info["set"], ex) in done)
        return [dict(r, title=" · ".join(r.pop("titles"))) for _, r in sorted(rows.items())]

    # ------------------------------------------------------------ CSV
    def export_csv(self, path=None) -> Path:
        """Write every event as CSV (one row each); default: newslab-progress-<learner>-<date>.csv here.

        Cells that a spreadsheet would run as a formula (=, +, -, @ …) get a leading quote (spreadsheet.safe_cell);
        import_csv takes it off again."""
        from .spreadsheet import write_csv
        data = self.read()
        learner = data.get("learner", "")
        if path is None:
            slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in learner).strip("-") or "learner"
            path = Path.cwd() / f"newslab-progress-{slug}-{datetime.now():%Y-%m-%d}.csv"
        path = Path(path)
        with open(path, "w", newline="", encoding="utf-8") as f:
            write_csv(f, CSV_FIELDS, ({"learner": learner, **{k: event.get(k, "") for k in CSV_FIELDS[1:]}}
                                      for event in data["events"]))
        return path

    def import_csv(self, source) -> int:
        """Merge a CSV written by export_csv (a path, or its bytes/text); returns how many events were new.

        Every problem (not UTF-8, UTF-16, a cell over the csv module's limit, a broken CSV) is one ProgressError line."""
        from .reading import ReadError, read_user_bytes
        from .spreadsheet import read_csv_text
        what = "This progress export"
        try:
            if isinstance(source, (bytes, bytearray, memoryview)):
                text = bytes(source)
            elif isinstance(source, str) and "\n" in source:
                text = source
            else:
                what = Path(str(source)).name
                try:
                    text = read_user_bytes(source, config.MAX_CSV_BYTES, "progress export")
                except ReadError as error:
                    raise ReadError(f"Could not read the progress export: {error}", error.reason) from None
            columns, rows = read_csv_text(text, what)
        except ReadError as error:
            raise ProgressError(str(error)) from None
        except OSError as error:
            raise ProgressError(f"Could not read {source}: {error.strerror or error}.") from None
        missing = set(CSV_FIELDS) - set(columns)
        if missing:
            raise ProgressError(f"This is not a newslab progress export: it lacks the column(s) {', '.join(sorted(missing))}.")
        bad = [r for r in rows if r.get("event") not in EVENTS or not r.get("id")]
        if bad:
            raise ProgressError(f"This progress export has {len(bad)} row(s) without a known event or id; nothing was imported.")

        def merge(data):
            known = {e.get("id") for e in data["events"]}
            new = [{k: r[k] for k in CSV_FIELDS[1:]} for r in rows if r["id"] not in known]
            data["events"].extend(new)
            data["events"].sort(key=lambda e: e.get("time", ""))
            if not data.get("learner") and rows and rows[0].get("learner"):
                data["learner"] = rows[0]["learner"]
            return len(new)

        added, _ = self.update(merge)
        return added


def _set_catalogue() -> list:
    """[{set, lesson, title, exercises}] read plainly from data/exercises/*.json (unreadable files skipped)."""
    catalogue = []
    for path in sorted(config.EXERCISES.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            catalogue.append({"set": data["set"], "lesson": data["lesson"], "title": data.get("title", data["set"]),
                              "exercises": [e["id"] for e in data["exercises"]]})
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return catalogue


# ---------------------------------------------------------------- the widget

BINDER_NOTE = ("You are on Binder: everything you do here, your progress and your codings, is lost when this "
               "session ends. Before you leave, press “Export my progress”, then download the file the link "
               "points to (right-click it, “Save link as…”). Next time, import it here.")


def progress_widget(store: ProgressStore | None = None):
    """A widget that shows what is done per lesson, with export and import."""
    import html

    import ipywidgets as w
    from IPython.display import FileLink, display

    from .exercises.feedback import feedback_html

    store = store or ProgressStore()
    table = w.HTML("")
    table.add_class("newslab-progress-table")
    message = w.HTML("")
    message.add_class("newslab-progress-message")
    link = w.Output()

    def refresh(_=None):
        try:
            rows = store.summary()
            warnings = list(store.warnings)
        except ProgressError as error:
            message.value = feedback_html("notice", str(error))
            return
        body = []
        for r in rows:
            share = r["done"] / r["total"] if r["total"] else 0
            bar = (f'<div role="img" aria-label="{r["done"]} of {r["total"]} done" '
                   f'style="width:10em;height:0.9em;border:1px solid #555;display:inline-block;vertical-align:middle">'
                   f'<div style="width:{share:.0%};height:100%;background:{config.PALETTE["bluish green"]}"></div></div>')
            mark = " ✓ all done" if r["total"] and r["done"] == r["total"] else ""
            body.append(f"<tr><td>{html.escape(r['lesson'])}</td><td>{html.escape(r['title'])}</td>"
                        f"<td>{r['done']} of {r['total']}{mark}</td><td>{bar}</td></tr>")
        if not body:
            body = ["<tr><td colspan='4'>No practice sets yet.</td></tr>"]
        table.value = ("<table class='newslab-progress'><caption style='text-align:left'><strong>Your progress "
                       "per lesson</strong></caption><thead><tr><th scope='col'>lesson</th><th scope='col'>practice set</th>"
                       "<th scope='col'>exercises done</th><th scope='col'>bar</th></tr></thead><tbody>"
                       + "".join(body) + "</tbody></table>"
                       f"<div style='color:#333'>Saved in {html.escape(str(store.path))}</div>")
        if warnings:
            message.value = feedback_html("notice", warnings[-1])

    name = w.Text(value="", description="Your name (for your instructor)", continuous_update=False,
                  style={"description_width": "initial"}, layout=w.Layout(width="26em"))
    try:
        name.value = store.learner()
    except ProgressError as error:
        message.value = feedback_html("notice", str(error))

    def save_name(change):
        try:
            store.set_learner(change["new"])
        except ProgressError as error:
            message.value = feedback_html("notice", str(error))
    name.observe(save_name, names="value")

    export = w.Button(description="Export my progress", tooltip="Write your progress to a CSV file you can download",
                      layout=w.Layout(width="auto"))

    def do_export(_):
        try:
            path = store.export_csv()
        except (ProgressError, OSError) as error:
            message.value = feedback_html("notice", f"Could not export: {error}")
            return
        message.value = feedback_html("info", f"Exported to {path.name} in this folder. Download it from the link below.")
        link.clear_output()
        with link:
            display(FileLink(path.name))
    export.on_click(do_export)

    upload = w.FileUpload(accept=".csv", multiple=False, description="Choose export file",
                          tooltip="Choose a progress CSV you exported earlier")
    do_import = w.Button(description="Import", tooltip="Merge the chosen file into your progress",
                         layout=w.Layout(width="auto"))

    def import_(_):
        if not upload.value:
            message.value = feedback_html("info", "Choose a file first (the CSV you exported earlier).")
            return
        item = upload.value[0]
        try:
            added = store.import_csv(item["content"])
        except (ProgressError, UnicodeDecodeError) as error:
            message.value = feedback_html("wrong", str(error))
            return
        message.value = feedback_html("right", f"Imported {added} new event(s) from {html.escape(item['name'])}.")
        refresh()
    do_import.on_click(import_)

    refresh_button = w.Button(description="Refresh", tooltip="Read the progress file again",
                              layout=w.Layout(width="auto"))
    refresh_button.on_click(refresh)
    refresh()
    children = []
    if on_binder():
        children.append(w.HTML(feedback_html("notice", BINDER_NOTE)))
    children += [table, name, w.HBox([refresh_button, export, upload, do_import],
                                     layout=w.Layout(flex_flow="row wrap")), message, link]
    box = w.VBox(children)
    box.add_class("newslab-progress")
    return box


def show_progress(store: ProgressStore | None = None) -> None:
    """Display the progress widget."""
    from IPython.display import display
    display(progress_widget(store))
