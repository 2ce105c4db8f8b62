"""The learner's choice of what counts as the article: kinds per block, saved and applied only when asked.

A choice is {paragraph index: kind}, kept per article in NEWSLAB_HOME/choices/<article id>.json.
Lessons use the bundled structure by default; a lesson applies the saved choice only when it calls
article_with_my_choice(article).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path

from . import config
from .article import KINDS

FORMAT = "newslab-choice/1"


class ChoiceError(OSError):
    """A choice that cannot be saved; its message is one line that says what to do."""

    def _render_traceback_(self):
        # IPython shows this instead of a traceback: one line a learner can act on.
        return [f"ChoiceError: {self}"]


def choices_folder() -> Path:
    """The folder where saved choices live, under the learner's newslab home."""
    return config.newslab_home() / "choices"


# Characters an article id may keep in a file name; any other run becomes "-".
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_id(article_id) -> str:
    """An article id made safe as a file name inside one folder: letters, digits, "_", "-" and inner dots only,
    at most 80 characters; an id that had to change gets a short hash of the original, so two ids never share a file.
    "../../escaped" becomes "escaped-" and a hash; bundled ids stay as they are."""
    text = str(article_id)
    cleaned = _UNSAFE.sub("-", text).strip(".-")[:80].strip(".-")
    if cleaned == text and cleaned.lower() not in _RESERVED:
        return cleaned
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{cleaned or 'article'}-{digest}"


def choice_path(article) -> Path:
    """The file that holds the saved choice for one article (its id made safe: it never leaves the folder).

    A choice saved before ids were made safe, under the plain id, is still found when that file lies
    directly in the choices folder."""
    folder = choices_folder()
    path = folder / f"{safe_id(article.id)}.json"
    if path.name != f"{article.id}.json" and not path.exists():
        earlier = folder / f"{article.id}.json"
        try:
            if earlier.parent.resolve() == folder.resolve() and earlier.is_file():
                return earlier
        except (OSError, ValueError):
            pass
    return path


def _fingerprint(article) -> str:
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def check_kinds(article, kinds: dict) -> dict:
    """The choice as {int index: kind}; raise ValueError for an unknown kind or an index outside the article."""
    checked = {}
    for index, kind in dict(kinds).items():
        try:
            number = int(index)
        except (TypeError, ValueError):
            raise ValueError(f"{index!r} is not a paragraph number.") from None
        if not 0 <= number < len(article.paragraphs):
            raise ValueError(f"There is no paragraph {number}: this article has paragraphs 0 to "
                             f"{len(article.paragraphs) - 1}.")
        if kind not in KINDS:
            raise ValueError(f"Unknown kind {kind!r} for paragraph {number}: use one of {', '.join(KINDS)}.")
        checked[number] = kind
    return checked


def save_choice(article, kinds: dict) -> Path:
    """Save {paragraph index: kind} for this article (atomically) and return the file's path."""
    kinds = check_kinds(article, kinds)
    record = {"format": FORMAT, "article": article.id, "text_sha256": _fingerprint(article),
              "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "kinds": {str(index): kind for index, kind in sorted(kinds.items())}}
    path = choice_path(article)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)
        reason = error.strerror or type(error).__name__
        raise ChoiceError(f"Could not save your choice in {path.parent} ({reason}): set NEWSLAB_HOME to a folder "
                          "you can write to, then save again.") from None
    return path


def _move_aside(path: Path, why: str) -> None:
    aside = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
    try:
        os.replace(path, aside)
        where = f"it was moved to {aside.name}"
    except OSError:
        where = "it could not be moved aside"
    print(f"Warning: your saved choice for this article could not be read ({why}); {where}. "
          "The bundled structure is used until you save a new choice.")


def load_choice(article) -> dict:
    """The saved {paragraph index: kind} for this article, or {} when there is none (or it cannot be used)."""
    path = choice_path(article)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        _move_aside(path, "it is not UTF-8 text")
        return {}
    except OSError as error:
        print(f"Warning: your saved choice in {path} could not be read ({error.strerror}); the bundled structure is used.")
        return {}
    try:
        record = json.loads(raw)
    except json.JSONDecodeError:
        _move_aside(path, "it is not valid JSON")
        return {}
    try:
        if not isinstance(record, dict) or record.get("format") != FORMAT or not isinstance(record.get("kinds"), dict):
            raise ValueError("it is not a newslab choice file")
        kinds = check_kinds(article, record["kinds"])
    except ValueError as error:
        _move_aside(path, str(error).rstrip("."))
        return {}
    if record.get("text_sha256") != _fingerprint(article):
        print(f"Note: your saved choice for {article.id} was made on a different version of its text, so it is "
              "not applied; look at the blocks again and save a new choice.")
        return {}
    return kinds


def forget_choice(article) -> bool:
    """Delete the saved choice for this article; True when there was one."""
    try:
        choice_path(article).unlink()
        return True
    except FileNotFoundError:
        return False


def changes_from(article, kinds: dict) -> dict:
    """The part of a choice that differs from the article's current kinds."""
    return {index: kind for index, kind in check_kinds(article, kinds).items()
            if article.paragraphs[index].kind != kind}


def article_with_my_choice(article):
    """The article with the learner's saved kinds applied (unchanged when nothing is saved)."""
    changes = changes_from(article, load_choice(article))
    return article.with_kinds(changes) if changes else article


class ChoiceSheet:
    """A widget: one drop-down of kinds per block, a button to save, and one to go back to the bundled kinds."""

    def __init__(self, article, preview: int = 90):
        import ipywidgets as widgets

        self.article = article
        saved = load_choice(article)
        self.restored = bool(saved)  # True when the menus show a choice saved earlier (reading never writes)
        self.menus = {}
        rows = []
        for paragraph in article.paragraphs:
            menu = widgets.Dropdown(options=list(KINDS), value=saved.get(paragraph.index, paragraph.kind),
                                    description=f"Block {paragraph.index}", style={"description_width": "5em"},
                                    layout=widgets.Layout(width="14em"))
            text = paragraph.text if len(paragraph.text) <= preview else paragraph.text[:preview] + "…"
            label = widgets.Label(f"(bundled: {paragraph.kind}) {text}")
            self.menus[paragraph.index] = menu
            rows.append(widgets.HBox([menu, label]))
        self.save_button = widgets.Button(description="Save my choice", tooltip="Save these kinds in your newslab folder")
        self.reset_button = widgets.Button(description="Use the bundled kinds",
                                           tooltip="Delete your saved choice for this article")
        self.output = widgets.Output()
        self.restored_note = widgets.HTML(_restored_note(article) if saved else "")
        self.restored_note.add_class("newslab-restored")
        self.last = ""  # the last message, kept as plain text for tests and screen readers
        self.save_button.on_click(lambda _: self.save())
        self.reset_button.on_click(lambda _: self.reset())
        self.widget = widgets.VBox([self.restored_note] + rows
                                   + [widgets.HBox([self.save_button, self.reset_button]), self.output])
        self.widget.add_class("newslab-choice-sheet")

    def kinds(self) -> dict:
        """The kinds the menus show now."""
        return {index: menu.value for index, menu in self.menus.items()}

    def _say(self, message: str) -> str:
        self.last = message
        self.output.clear_output()
        with self.output:
            print(message)
        return message

    def save(self) -> str:
        """Save the menus' kinds and say what changed."""
        try:
            path = save_choice(self.article, self.kinds())
        except ChoiceError as error:
            return self._say(f"Not saved: {error}")
        changes = changes_from(self.article, self.kinds())
        if changes:
            listed = ", ".join(f"block {index} as {kind}" for index, kind in sorted(changes.items()))
            summary = f"you differ from the bundled kinds on {listed}."
        else:
            summary = "your choice is the same as the bundled kinds."
        return self._say(f"Saved in {path}: {summary}")

    def reset(self) -> str:
        """Forget the saved choice and set the menus back to the bundled kinds."""
        had = forget_choice(self.article)
        self.restored_note.value = ""
        for paragraph in self.article.paragraphs:
            self.menus[paragraph.index].value = paragraph.kind
        return self._say("Your saved choice is deleted: the bundled kinds apply." if had
                         else "There was no saved choice: the bundled kinds apply.")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def _restored_note(article) -> str:
    """The line that says the menus show the learner's saved choice, and when it was saved."""
    from datetime import datetime

    from .exercises.base import restored_html
    try:
        record = json.loads(choice_path(article).read_text(encoding="utf-8"))
        stamp = datetime.strptime(record["saved"], "%Y-%m-%dT%H:%M:%S%z").isoformat()
    except (OSError, ValueError, KeyError, TypeError):
        stamp = ""
    return restored_html(stamp, "The menus show the choice you saved; change one and press Save my choice.")


def choice_sheet(article) -> ChoiceSheet:
    """A sheet to decide, block by block, what counts as the article, and save that choice."""
    return ChoiceSheet(article)
