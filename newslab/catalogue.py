"""The catalogue of notebooks: each lesson's and practice set's metadata, read from the notebooks themselves."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import config


@dataclass
class Entry:
    """One notebook's place in the collection, from its metadata.newslab."""

    path: str  # relative to the project root, e.g. "notebooks/03_counting_words.ipynb"
    kind: str  # "lesson", "practice" or "instructor"
    lesson: str  # "00" … "11"
    title: str
    meta: dict = field(default_factory=dict)

    @property
    def objectives(self) -> list:
        return self.meta.get("objectives", [])

    @property
    def minutes(self) -> dict:
        """Teaching and exercise minutes. The lesson's metadata is the one source: a practice set's time is
        its lesson's exercise minutes (the lesson map shows the same number), whatever its own copy says."""
        if self.kind == "practice":
            lesson = lesson_entry(self.lesson)
            if lesson is not None:
                return {"teaching": 0, "exercises": lesson.minutes.get("exercises", 0)}
        return self.meta.get("minutes", {})


# Where practice sets live, and how they are named: exercises/<the lesson notebook's name>_practice.ipynb,
# so that a lesson and its practice set never share a file name (two tabs reading "01_article_as_data").
PRACTICE_FOLDER = "exercises"
PRACTICE_SUFFIX = "_practice"

# Before that rule, a practice set had its lesson's file name, and lesson 00's was called "00_tour".
OLD_PRACTICE_NAMES = {"00_tour": "00_start_here"}


def practice_path(lesson_path: str) -> str:
    """The practice set's path for a lesson's path: notebooks/01_x.ipynb -> exercises/01_x_practice.ipynb."""
    return f"{PRACTICE_FOLDER}/{Path(lesson_path).stem}{PRACTICE_SUFFIX}.ipynb"


def current_path(path: str) -> str:
    """A notebook path as it is now: a practice set's old name (exercises/01_x.ipynb, exercises/00_tour.ipynb,
    from bookmarks, hub links or an instructor's notes) becomes its new one; any other path is returned as is."""
    path = Path(path).as_posix()
    folder, _, name = path.rpartition("/")
    stem = name[:-len(".ipynb")] if name.endswith(".ipynb") else name
    if folder.rsplit("/", 1)[-1] != PRACTICE_FOLDER or stem.endswith(PRACTICE_SUFFIX):
        return path
    stem = OLD_PRACTICE_NAMES.get(stem, stem)
    new = f"{stem}{PRACTICE_SUFFIX}.ipynb"
    return f"{folder}/{new}" if folder else new


def read_entry(path: Path) -> Entry | None:
    """The catalogue entry of one notebook, or None when it has no newslab metadata."""
    with open(path, encoding="utf-8") as f:
        meta = json.load(f).get("metadata", {}).get("newslab")
    if not meta:
        return None
    return Entry(path=path.relative_to(config.ROOT).as_posix(), kind=meta.get("kind", ""),
                 lesson=str(meta.get("lesson", "")), title=meta.get("title", path.stem), meta=meta)


def entries(kind: str | None = None) -> list:
    """Every notebook with newslab metadata, by lesson number, lessons before their practice sets."""
    found = []
    for folder in config.NOTEBOOK_FOLDERS:
        for path in sorted((config.ROOT / folder).glob("*.ipynb")):
            entry = read_entry(path)
            if entry and (kind is None or entry.kind == kind):
                found.append(entry)
    order = {"lesson": 0, "practice": 1, "instructor": 2}
    return sorted(found, key=lambda e: (e.lesson, order.get(e.kind, 3), e.path))


def lesson_entry(lesson: str) -> Entry | None:
    """The lesson notebook with this number ("01", "00b"), if there is one."""
    for entry in entries("lesson"):
        if entry.lesson == lesson:
            return entry
    return None


def practice_for(lesson: Entry) -> Entry | None:
    """The practice set that belongs to a lesson, if there is one."""
    for entry in entries("practice"):
        if entry.lesson == lesson.lesson:
            return entry
    return None


def lesson_map_markdown(relative_to: str = "") -> str:
    """A Markdown table of the lessons that exist, with links to each lesson and its practice set."""
    base = Path(relative_to) if relative_to else None

    def link(entry: Entry) -> str:
        target = Path(entry.path)
        if base is not None:
            target = Path(*([".."] * len(base.parts))) / target
        return f"[{entry.title}]({target.as_posix()})"

    rows = ["| # | lesson | practice | minutes (teaching + exercises) |", "|---|---|---|---|"]
    for lesson in entries("lesson"):
        practice = practice_for(lesson)
        minutes = lesson.minutes
        practice_link = link(practice) if practice else "—"
        rows.append(f"| {lesson.lesson} | {link(lesson)} | {practice_link} | "
                    f"{minutes.get('teaching', '?')} + {minutes.get('exercises', '?')} |")
    return "\n".join(rows)
