"""Set files: finding, loading and validating data/exercises/<set>.json (format: SCHEMA.md there).

A file with a mistake fails loudly: SetFileError lists every problem, each naming the file and
the exercise.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import config
from . import compute


class SetFileError(ValueError):
    """A practice-set file that cannot be used; the message names the file and each exercise."""


ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
SET_FIELDS = {"set": str, "lesson": str, "title": str, "written_for": str, "objectives": list, "exercises": list}
SET_OPTIONAL = {"description": str, "$schema": str}
COMMON_FIELDS = {"id": str, "kind": str, "objective": str, "question": str, "hints": list, "solution": str}
COMMON_OPTIONAL = {"written_for": str, "title": str}


def kind_classes() -> dict:
    """{kind name: Exercise subclass}."""
    from .answer import AnswerExercise
    from .choice import ChoiceExercise
    from .coding import CodingExercise
    from .function import FunctionExercise
    from .pick import PickExercise
    from .predict import PredictExercise
    return {cls.kind: cls for cls in (ChoiceExercise, PickExercise, AnswerExercise, FunctionExercise,
                                      PredictExercise, CodingExercise)}


KINDS = ("choice", "pick", "answer", "function", "predict", "coding")


def set_path(name) -> Path:
    """The file of a practice set, from its name ("03_counting") or a path."""
    path = Path(str(name))
    if path.suffix == ".json" or path.parent != Path("."):
        return path
    return config.EXERCISES / f"{name}.json"


def set_names() -> list:
    """The names of every practice set in data/exercises/."""
    return sorted(p.stem for p in config.EXERCISES.glob("*.json"))


def read_set(name) -> dict:
    """Load and validate one set file; raise SetFileError naming the file and its problems."""
    path = set_path(name)
    label = _label(path)
    if not path.exists():
        known = ", ".join(set_names()) or "none yet"
        raise SetFileError(f"{label}: no such practice set (the sets in {_label(config.EXERCISES)}/ are: {known}).")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SetFileError(f"{label}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}.") from None
    except UnicodeDecodeError:
        raise SetFileError(f"{label}: not UTF-8 text; save it as UTF-8.") from None
    validate_set(data, label, expected_name=path.stem)
    return data


def _label(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(config.ROOT))
    except ValueError:
        return str(path)


def validate_set(data, label: str = "<set>", expected_name: str | None = None) -> None:
    """Raise SetFileError listing every problem in a set's data, or return None when it is usable."""
    problems = []

    def top(message):
        problems.append(f"{label}: {message}")

    if not isinstance(data, dict):
        raise SetFileError(f"{label}: the file must hold one JSON object {{…}} with the set's fields.")
    _check_fields(data, SET_FIELDS, SET_OPTIONAL, top, "the set")
    if problems:
        raise SetFileError("\n".join(problems))
    if expected_name is not None and data["set"] != expected_name:
        top(f'"set" is {data["set"]!r} but the file is named {expected_name}.json: make them the same.')
    if not re.fullmatch(r"\d\d[a-z]?", data["lesson"]):
        top(f'"lesson" must be the lesson\'s two-digit number such as "03" ("00b" for a lesson in between), '
            f'not {data["lesson"]!r}.')
    _check_written_for(data["written_for"], top, '"written_for"')
    objective_ids = []
    for i, objective in enumerate(data["objectives"]):
        if not isinstance(objective, dict) or not isinstance(objective.get("id"), str) \
                or not isinstance(objective.get("text"), str) or not objective["text"].strip():
            top(f"objective {i + 1} must be {{\"id\": …, \"text\": …}} with a non-empty text.")
            continue
        objective_ids.append(objective["id"])
    if not objective_ids:
        top('"objectives" must list at least one objective {"id": …, "text": …}.')
    if not data["exercises"]:
        top('"exercises" is empty: a set needs at least one exercise.')
    classes = kind_classes()
    seen = set()
    for n, spec in enumerate(data["exercises"], 1):
        name = spec.get("id") if isinstance(spec, dict) else None
        where = f"{label}: exercise {name!r}" if isinstance(name, str) else f"{label}: exercise number {n}"

        def problem(message, where=where):
            problems.append(f"{where}: {message}")

        if not isinstance(spec, dict):
            problem("must be a JSON object {…}.")
            continue
        kind = spec.get("kind")
        if kind not in classes:
            problem(f'"kind" must be one of {", ".join(KINDS)}, not {kind!r}.')
            continue
        cls = classes[kind]
        _check_fields(spec, COMMON_FIELDS, {**COMMON_OPTIONAL, **cls.fields}, problem, f"a {kind} exercise",
                      required_extra={k for k, v in cls.fields.items() if isinstance(v, Required)})
        if not isinstance(name, str):
            continue
        if not ID.match(name):
            problem('"id" must be lower-case letters, digits, "-" or "_", e.g. "top-word".')
        if name in seen:
            problem("this id is used twice in the set: every exercise needs its own id.")
        seen.add(name)
        if isinstance(spec.get("objective"), str) and spec["objective"] not in objective_ids:
            problem(f'"objective" {spec["objective"]!r} is not one of the set\'s objectives: {", ".join(objective_ids)}.')
        for field in ("question", "solution"):
            if isinstance(spec.get(field), str) and not spec[field].strip():
                problem(f'"{field}" is empty.')
        hints = spec.get("hints")
        if isinstance(hints, list) and (not hints or not all(isinstance(h, str) and h.strip() for h in hints)):
            problem('"hints" must be a list of at least one non-empty text (the ladder, from gentle to plain).')
        if "written_for" in spec:
            _check_written_for(spec["written_for"], problem, '"written_for"')
        context = {"written_for": spec.get("written_for") or data["written_for"]}
        _check_placeholders(spec, problem)
        cls.validate(spec, problem, context)
    if problems:
        raise SetFileError("\n".join(problems))


class Required:
    """Marks a kind-specific field as required: fields = {"options": Required(list)}."""

    def __init__(self, *types):
        self.types = types


def _type_names(types) -> str:
    names = {str: "a text", list: "a list", dict: "an object {…}", bool: "true or false", int: "a whole number",
             float: "a number"}
    return " or ".join(names.get(t, t.__name__) for t in types)


def _check_fields(data, required, optional, problem, what, required_extra=()):
    for field, kind in required.items():
        if field not in data:
            problem(f'missing the field "{field}" ({_type_names((kind,))}) that {what} needs.')
        elif not isinstance(data[field], kind) or isinstance(data[field], bool) and kind is not bool:
            problem(f'"{field}" must be {_type_names((kind,))}.')
    for field, kind in optional.items():
        types = kind.types if isinstance(kind, Required) else (kind if isinstance(kind, tuple) else (kind,))
        if field not in data:
            if field in required_extra:
                problem(f'missing the field "{field}" ({_type_names(types)}) that {what} needs.')
            continue
        value = data[field]
        ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
        if float in types and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            problem(f'"{field}" must be {_type_names(types)}.')
    unknown = sorted(set(data) - set(required) - set(optional))
    if unknown:
        allowed = ", ".join(sorted(set(required) | set(optional)))
        problem(f"unknown field(s) {', '.join(map(repr, unknown))} (a typo?). Allowed: {allowed}.")


def _check_written_for(value, problem, field):
    from ..article import bundled_ids
    if value != "any" and value not in bundled_ids():
        problem(f'{field} must be "any" or a bundled article id ({", ".join(bundled_ids())}), not {value!r}.')


def _check_placeholders(spec, problem):
    def walk(value):
        if isinstance(value, str):
            for name in compute.placeholders(value):
                if name not in compute.COMPUTATIONS:
                    problem(f"the placeholder {{{{{name}}}}} names no computation; known: "
                            f"{', '.join(sorted(compute.COMPUTATIONS))} (add one in newslab/exercises/compute.py).")
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
    walk(spec)


def check_computation(name, problem, field):
    """Report a computation name that the registry does not know."""
    if not isinstance(name, str) or name not in compute.COMPUTATIONS:
        problem(f'{field} {name!r} names no computation; known: {", ".join(sorted(compute.COMPUTATIONS))} '
                "(add one in newslab/exercises/compute.py).")
        return False
    return True


def describe_article_id(article_id: str) -> str:
    """'the Washington Post article “Kerry says …” (wapo-…)' for a bundled id."""
    try:
        with open(config.ARTICLES / f"{article_id}.json", encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError):
        return f"the article {article_id}"
    if meta.get("invented"):
        return f"the invented article {article_id}"
    outlet = meta.get("outlet") or "the"
    return f"the {outlet.removeprefix('The ')} article “{meta.get('headline')}” ({article_id})"
