"""Write a function: the learner defines it in a cell, then `practice.check("id", func)` runs it.

The checker runs the test cases from the data in order and answers the first failing one with
the guiding question written for it ("Did you lower-case the tokens before counting?"). An
exception in the learner's code is shown kindly, with the line of their cell that raised it;
the checker itself never crashes.
"""

from __future__ import annotations

import contextlib
import copy
import math
import os
import signal
import threading
import traceback
from collections.abc import Mapping

from .. import config
from . import compute
from .base import Exercise, short
from .content import Required, check_computation
from .feedback import Feedback

_KIT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the newslab package


class FunctionExercise(Exercise):
    kind = "function"
    check_label = "Check"
    fields = {"name": Required(str), "starter": str, "cases": Required(list), "right": Required(str),
              "tolerance": (int, float), "unordered": bool, "starter_in_notebook": bool}

    @classmethod
    def validate(cls, spec, problem, context):
        name = spec.get("name")
        if isinstance(name, str) and not name.isidentifier():
            problem(f'"name" {name!r} is not a Python name: use letters, digits and _ (e.g. "count_words").')
        cases = spec.get("cases")
        if not isinstance(cases, list):
            return
        if not cases:
            problem('"cases" is empty: give at least one test case.')
        seen_args = {}
        for n, case in enumerate(cases, 1):
            where = f"case {n}"
            if not isinstance(case, dict):
                problem(f'{where} must be {{"args": […], "expected": …, "question": …}}.')
                continue
            allowed = {"args", "args_from", "expected", "expected_from", "question", "wrong", "note"}
            for field in sorted(set(case) - allowed):
                problem(f"{where}: unknown field {field!r} (allowed: {', '.join(sorted(allowed))}).")
            if ("args" in case) == ("args_from" in case):
                problem(f'{where} needs exactly one of "args" (a list of arguments) or "args_from" (a computation).')
            elif "args" in case and not isinstance(case["args"], list):
                problem(f'{where}: "args" must be a list of the arguments, e.g. [["a", "b"]] for one list argument.')
            if "args_from" in case:
                check_computation(case["args_from"], problem, f'{where}: "args_from"')
            if ("expected" in case) == ("expected_from" in case):
                problem(f'{where} needs exactly one of "expected" or "expected_from".')
            if "expected_from" in case:
                check_computation(case["expected_from"], problem, f'{where}: "expected_from"')
            if not isinstance(case.get("question"), str) or not case["question"].strip():
                problem(f'{where} has no "question": the guiding question shown when this case is the first to fail.')
            if "args" in case and "expected" in case:
                key = repr(case["args"])
                if key in seen_args and seen_args[key] != case["expected"]:
                    problem(f"{where} has the same arguments as an earlier case but expects something else.")
                seen_args.setdefault(key, case["expected"])
            for m, wrong in enumerate(case.get("wrong", []) if isinstance(case.get("wrong"), list) else []):
                if not isinstance(wrong, dict) or set(wrong) != {"result", "question"} \
                        or not isinstance(wrong["question"], str) or not wrong["question"].strip():
                    problem(f'{where}, wrong result {m + 1}: must be {{"result": …, "question": …}}.')
                elif "expected" in case and _same(wrong["result"], case["expected"], spec):
                    problem(f"{where}, wrong result {m + 1} equals the expected result, so its question "
                            "could never be shown.")

    # ------------------------------------------------------------
    @property
    def cases(self) -> list:
        return self.spec["cases"]

    def case_args(self, case) -> list:
        if "args_from" in case:
            args = compute.compute(case["args_from"], self.article)
            return list(args) if isinstance(args, (list, tuple)) else [args]
        return case["args"]

    def case_expected(self, case):
        if "expected_from" in case:
            return compute.compute(case["expected_from"], self.article)
        return case["expected"]

    def _build_controls(self):
        import ipywidgets as w
        from .feedback import markdown
        parts = []
        starter = self.spec.get("starter")
        if starter:
            where = ("The code cell under this exercise already holds this start: complete it there and run it."
                     if self.spec.get("starter_in_notebook", True) else "Copy this into a new code cell and complete it:")
            parts.append(w.HTML(markdown(where + "\n\n```\n" + starter.rstrip() + "\n```")))
        call = f'practice.check("{self.id}", {self.spec["name"]})'
        parts.append(w.HTML(markdown(f"When it is ready, run `{call}` in the cell below it. "
                                     "The feedback appears there and here.")))
        return parts

    def _buttons(self):
        return [self.hint_button, self.solution_button, self.reset_button]

    def check(self, func) -> Feedback:
        """Run the learner's function on every test case; show and return the feedback."""
        self.widget()
        self._function = func
        try:
            return self.submit()
        finally:
            self._function = None

    def check_widget(self):
        """A small widget with the last feedback, for the cell that called check()."""
        import ipywidgets as w
        box = w.HTML(self.last_feedback.html() if self.last_feedback else "")
        box.add_class("newslab-feedback")
        box.add_class(f"newslab-check-{self.id}")
        return box

    def _grade(self) -> Feedback:
        func = getattr(self, "_function", None)
        name = self.spec["name"]
        if not callable(func):
            got = type(func).__name__
            return Feedback("not-callable", "info",
                            f"`practice.check` needs the function itself, but it got a {got}. Write its name "
                            f"without brackets: `practice.check(\"{self.id}\", {name})`, not `{name}(…)`.")
        total = len(self.cases)
        for n, case in enumerate(self.cases):
            args = self.case_args(case)
            expected = self.case_expected(case)
            shown_args = ", ".join(short(a, 80) for a in args)
            try:
                with _time_limit(config.FUNCTION_TIME_LIMIT_SECONDS):
                    result = func(*copy.deepcopy(args))
            except _TooSlow:
                seconds = f"{config.FUNCTION_TIME_LIMIT_SECONDS:g}"
                return Feedback("timeout", "wrong",
                                f"Check {n + 1} of {total}: `{_call(func, shown_args)}` was still running after "
                                f"{seconds} seconds, so the check stopped it. Is there a loop that never ends, "
                                "such as a `while` whose condition never becomes false?",
                                [], {"case": n})
            except Exception as error:  # the learner's code: never let it crash the checker
                return Feedback("error", "wrong", _explain_error(error, func, shown_args),
                                [], {"case": n, "error": type(error).__name__})
            if _same(result, expected, self.spec):
                continue
            intro = (f"Check {n + 1} of {total}: with `{_call(func, shown_args)}` your function returned "
                     f"`{short(result)}`, but the check expected `{short(expected)}`.")
            extra = ""
            if result is None and expected is not None and not _returns_a_value(func):
                # No `return` with a value at all: that, not a typical wrong result, is why it gave None.
                extra = "\n\nIt returned `None`: does your function end with a `return` line?"
            for m, wrong in enumerate([] if extra else case.get("wrong", [])):
                if _same(result, wrong["result"], self.spec):
                    return Feedback(f"case:{n}:wrong:{m}", "wrong", f"{intro}\n\n{self.fill(wrong['question'])}",
                                    [f"case:{n}:wrong:{m}"], {"case": n})
            return Feedback(f"case:{n}", "wrong", f"{intro}\n\n{self.fill(case['question'])}{extra}",
                            [f"case:{n}"], {"case": n})
        return Feedback("right", "right", f"All {total} checks pass. {self.text('right')}", ["right"])

    def feedback_entries(self) -> dict:
        entries = {"right": self.text("right")}
        for n, case in enumerate(self.cases):
            entries[f"case:{n}"] = self.fill(case["question"])
            for m, wrong in enumerate(case.get("wrong", [])):
                entries[f"case:{n}:wrong:{m}"] = self.fill(wrong["question"])
        return entries

    def fake_function(self, entry: str):
        """A function that fires a feedback entry (for the test that every entry can be reached)."""
        if entry == "right":
            target, result = len(self.cases), None
        else:
            parts = entry.split(":")
            target = int(parts[1])
            result = self.cases[target]["wrong"][int(parts[3])]["result"] if len(parts) == 4 else _Unlike()
        answers = [(self.case_args(c), self.case_expected(c)) for c in self.cases[:target]]

        def fake(*args):
            for known_args, expected in answers:
                if list(args) == list(known_args):
                    return copy.deepcopy(expected)
            return copy.deepcopy(result)
        fake.__name__ = self.spec["name"]
        return fake

    def solution_markdown(self) -> str:
        return self.text("solution")

    def key_markdown(self) -> str:
        lines = [f"Write `{self.spec['name']}`. Test cases, in order, with the guiding question for the first that fails:",
                 "", "| args | expected | guiding question |", "|---|---|---|"]
        for case in self.cases:
            args = case.get("args_from") and f"computed: `{case['args_from']}`" or f"`{short(case['args'], 60)}`"
            expected = (f"computed: `{case['expected_from']}`" if "expected_from" in case
                        else f"`{short(case['expected'], 60)}`")
            question = self.fill(case["question"])
            for wrong in case.get("wrong", []):
                question += f" (returns `{short(wrong['result'], 40)}`: {self.fill(wrong['question'])})"
            lines.append(f"| {_cell(args)} | {_cell(expected)} | {_cell(question)} |")
        return "\n".join(lines)


class _Unlike:
    """A result equal to nothing, so a fake function fails exactly where it should."""

    def __eq__(self, other):
        return False

    def __repr__(self):
        return "<a deliberately wrong result>"


class _TooSlow(BaseException):
    """Raised inside a learner's function that runs past the time limit (a BaseException, so that a
    learner's `except Exception` cannot swallow it)."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop the code inside after `seconds`, where the platform has interval timers and this is the main thread."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or not seconds:
        yield
        return

    def stop(signum, frame):
        raise _TooSlow()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split())


def _call(func, shown_args: str) -> str:
    return f"{getattr(func, '__name__', 'your_function')}({shown_args})"


def _plain(value, unordered=False):
    """A value in a form that compares like JSON: tuples as lists, counters as dicts, numpy as Python."""
    if hasattr(value, "item") and callable(value.item) and type(value).__module__.startswith("numpy"):
        try:
            value = value.item()
        except (ValueError, TypeError):
            value = value.tolist()
    if isinstance(value, Mapping):
        return {str(k) if not isinstance(k, (str, int, float, bool)) else k: _plain(v, unordered)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = [_plain(v, unordered) for v in value]
        return sorted(items, key=repr) if unordered else items
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v, unordered) for v in value), key=repr)
    return value


def _same(result, expected, spec) -> bool:
    try:
        tolerance = float(spec.get("tolerance", 1e-9))
        return _equal(_plain(result, spec.get("unordered", False)), _plain(expected, spec.get("unordered", False)),
                      tolerance)
    except Exception:
        return False


def _equal(a, b, tolerance) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or (type(a) is type(b) and a == b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=0, abs_tol=tolerance) or a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y, tolerance) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k], tolerance) for k in a)
    return bool(a == b)


def _explain_error(error: BaseException, func, shown_args: str) -> str:
    """A kind message: what went wrong, on which line of the learner's code."""
    frames = traceback.extract_tb(error.__traceback__)
    outside_kit = [f for f in frames if not os.path.abspath(f.filename).startswith(_KIT)]
    # Prefer the learner's own cells; else the last frame outside the kit (e.g. their module).
    theirs = [f for f in outside_kit if _is_cell(f.filename)] or \
        [f for f in outside_kit if "site-packages" not in f.filename] or outside_kit
    message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    text = f"Your function stopped with an error when called as `{_call(func, shown_args)}`:\n\n`{message}`"
    if theirs:
        frame = theirs[-1]
        where = "of the cell where you wrote it" if _is_cell(frame.filename) else f"of {os.path.basename(frame.filename)}"
        deeper = frames[-1] is not frame and frames[-1] in outside_kit
        inside = f" (inside {os.path.basename(frames[-1].filename)}, called from that line)" if deeper else ""
        if frame.line:
            text += f"\n\nIt happened on line {frame.lineno} {where}{inside}:\n\n```\n{frame.line.strip()}\n```"
        else:
            text += f"\n\nIt happened on line {frame.lineno} {where}."
    hint = _ERROR_HINTS.get(type(error).__name__)
    if hint:
        text += f"\n\n{hint}"
    return text


def _is_cell(filename: str) -> bool:
    return "ipykernel_" in filename or filename.startswith("<ipython-input") or filename.startswith("<cell")


_ERROR_HINTS = {
    "NameError": "A name in that line is not defined: is it spelled the same as where you created it?",
    "TypeError": "A value of the wrong type reached that line: print what your function receives to see it.",
    "AttributeError": "That value does not have the method or attribute you asked for: what type is it?",
    "KeyError": "A dictionary did not have that key yet: does your code add a key before it adds to it?",
    "IndexError": "An index went past the end of a list: what happens with an empty list?",
    "ZeroDivisionError": "Something was divided by zero: what happens when the input is empty?",
}


def _returns_a_value(func) -> bool:
    """Whether the function's source has a `return` with a value (unknown source: assume it has)."""
    import ast
    import inspect
    import textwrap
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return True
    return any(isinstance(node, ast.Return) and node.value is not None for node in ast.walk(tree))
