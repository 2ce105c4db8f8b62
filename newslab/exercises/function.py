"""Write a function: the learner defines it in a cell, then `practice.check("id", func)` runs it.

The checker runs the test cases from the data in order and answers the first failing one with
the guiding question written for it ("Did you lower-case the tokens before counting?"). An
exception in the learner's code is shown kindly, with the line of their cell that raised it;
the checker itself never crashes.

Where the platform can fork (Linux, macOS), the learner's function runs in a child process forked
from the kernel and killed at config.FUNCTION_TIME_LIMIT_SECONDS per test case, so no `except:` and
no C-level loop can outlast the limit; the child's printed output is captured and shown in the
feedback, never written to the kernel's streams, and the verdict comes back through a pipe as JSON.
Where there is no fork (Windows), the function runs in the kernel itself, stopped by an interval
timer where the platform has one (Windows has none, so there the limit is not enforced and a loop
that never ends needs the Stop button). SystemExit and every other exception from the learner's
code become feedback and count as an attempt; the kernel's Stop button (KeyboardInterrupt) stops
the check with a one-line note and records no attempt.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import math
import os
import signal
import sys
import threading
import time
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
        """Run the learner's function on every test case; show and return the feedback.

        The kernel's Stop button ends the check with a one-line note and records no attempt."""
        self.widget()
        self._function = func
        try:
            return self.submit()
        except _Stopped:
            return self._show(Feedback("stopped", "notice", "The check was stopped (the Stop button): nothing was "
                                       "recorded. Run the check again when your function is ready."))
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
        work = [(self.case_args(case), self.case_expected(case)) for case in self.cases]
        limit = config.FUNCTION_TIME_LIMIT_SECONDS
        run = _run_forked if can_fork() else _run_here
        verdicts, output = run(func, work, self.cases, self.spec, limit)
        printed = _printed(output)
        for verdict in verdicts:
            n = verdict["case"]
            case = self.cases[n]
            args, expected = work[n]
            shown_args = ", ".join(short(a, 80) for a in args)
            kind = verdict["kind"]
            if kind == "same":
                continue
            if kind == "timeout":
                return Feedback("timeout", "wrong",
                                f"Check {n + 1} of {total}: `{_call(func, shown_args)}` was still running after "
                                f"{limit:g} seconds, so the check stopped it. Is there a loop that never ends, "
                                "such as a `while` whose condition never becomes false?" + printed,
                                [], {"case": n})
            if kind == "error":
                return Feedback("error", "wrong", verdict["text"] + printed,
                                [], {"case": n, "error": verdict["error"]})
            if kind == "ended":
                return Feedback("error", "wrong",
                                f"Check {n + 1} of {total}: `{_call(func, shown_args)}` ended the Python process it "
                                "ran in before it returned (does it call `os._exit`, or crash Python?)." + printed,
                                [], {"case": n, "error": "ended"})
            intro = (f"Check {n + 1} of {total}: with `{_call(func, shown_args)}` your function returned "
                     f"`{verdict['shown']}`, but the check expected `{short(expected)}`.")
            extra = ""
            if verdict.get("none") and expected is not None and not _returns_a_value(func):
                # No `return` with a value at all: that, not a typical wrong result, is why it gave None.
                extra = "\n\nIt returned `None`: does your function end with a `return` line?"
            m = None if extra else verdict.get("wrong")
            if m is not None:
                wrong = case["wrong"][m]
                return Feedback(f"case:{n}:wrong:{m}", "wrong", f"{intro}\n\n{self.fill(wrong['question'])}{printed}",
                                [f"case:{n}:wrong:{m}"], {"case": n})
            return Feedback(f"case:{n}", "wrong", f"{intro}\n\n{self.fill(case['question'])}{extra}{printed}",
                            [f"case:{n}"], {"case": n})
        return Feedback("right", "right", f"All {total} checks pass. {self.text('right')}{printed}", ["right"])

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


class _Stopped(Exception):
    """The kernel's Stop button (KeyboardInterrupt) ended a check: no feedback, no attempt."""


OUTPUT_SHOWN = 2000  # characters of the learner's printed output shown in the feedback
OUTPUT_KEPT = 64_000  # bytes of it read from the child; the rest is read and dropped


def can_fork() -> bool:
    """True where a check can run in a forked child process (POSIX); False on Windows."""
    return hasattr(os, "fork") and hasattr(os, "waitpid")


def _evaluate(func, args, expected, case, spec, passthrough=(_TooSlow, KeyboardInterrupt)) -> dict:
    """Run the learner's function on one case and judge the result; a JSON-able verdict:
    {"kind": "same"}, {"kind": "differs", "shown", "wrong", "none"} or {"kind": "error", "text", "error"}.

    `passthrough`: exceptions that are the checker's, not the learner's (the timer's stop and, in the kernel,
    the Stop button); in the forked child there are none, so a learner's own KeyboardInterrupt is feedback."""
    shown_args = ", ".join(short(a, 80) for a in args)
    try:
        result = func(*copy.deepcopy(args))
    except passthrough:
        raise
    except BaseException as error:  # the learner's code, SystemExit too: never let it crash the checker
        return {"kind": "error", "text": _explain_error(error, func, shown_args), "error": type(error).__name__}
    if _same(result, expected, spec):
        return {"kind": "same"}
    wrong = next((m for m, w in enumerate(case.get("wrong", [])) if _same(result, w["result"], spec)), None)
    try:
        shown = str(short(result))
    except Exception:
        shown = f"<a {type(result).__name__} that cannot be shown>"
    return {"kind": "differs", "shown": shown, "wrong": wrong, "none": result is None}


def _run_here(func, work, cases, spec, limit) -> tuple:
    """The check in the kernel itself (no fork: Windows), each case under _time_limit where the platform has it."""
    verdicts = []
    for n, ((args, expected), case) in enumerate(zip(work, cases)):
        try:
            with _time_limit(limit):
                verdict = _evaluate(func, args, expected, case, spec)
        except _TooSlow:
            verdict = {"kind": "timeout"}
        except KeyboardInterrupt:
            raise _Stopped() from None
        verdicts.append({"case": n, **verdict})
        if verdict["kind"] != "same":
            break
    return verdicts, ""


def _send(fd: int, message: dict) -> None:
    data = (json.dumps(message) + "\n").encode("utf-8")
    while data:
        data = data[os.write(fd, data):]


def _child(func, work, cases, spec, messages: int, output: int) -> None:
    """In the forked child: output to the pipe, no Stop signal, no kernel streams; one message per case."""
    import builtins
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the Stop button is the parent's to handle
    for number in (signal.SIGALRM, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(output, 1)
    os.dup2(output, 2)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace",
                                  line_buffering=True)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace",
                                  line_buffering=True)

    def no_input(prompt=""):
        raise EOFError("input() cannot be answered during a check: give the function its values as arguments")
    builtins.input = no_input
    for n, ((args, expected), case) in enumerate(zip(work, cases)):
        _send(messages, {"start": n})
        verdict = _evaluate(func, args, expected, case, spec, passthrough=())
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        _send(messages, {"case": n, **verdict})
        if verdict["kind"] != "same":
            break
    _send(messages, {"done": True})


def _reap(pid: int) -> None:
    """Kill the child (if it still runs) and wait for it, so no zombie is left."""
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    while True:
        try:
            os.waitpid(pid, 0)
            return
        except ChildProcessError:
            return
        except (InterruptedError, KeyboardInterrupt):  # a second press of Stop while the child is reaped
            continue


def _run_forked(func, work, cases, spec, limit) -> tuple:
    """The check in a child forked from the kernel, killed when one case runs past `limit` seconds.

    Returns (verdicts, the child's output). KeyboardInterrupt (the Stop button) kills the child and raises _Stopped."""
    import selectors
    import warnings
    message_r, message_w = os.pipe()
    output_r, output_w = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork() with threads: the child starts none
        pid = os.fork()
    if pid == 0:  # the child never returns: no exit handlers, no flush of the kernel's streams or sockets
        code = 0
        try:
            os.close(message_r)
            os.close(output_r)
            _child(func, work, cases, spec, message_w, output_w)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(message_w)
    os.close(output_w)
    verdicts, output, pending, running, done = [], bytearray(), b"", None, False
    selector = selectors.DefaultSelector()
    try:
        selector.register(message_r, selectors.EVENT_READ)
        selector.register(output_r, selectors.EVENT_READ)
        deadline = time.monotonic() + limit if limit else None
        open_fds = 2
        while open_fds:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                if not done:
                    verdicts.append({"case": running if running is not None else len(verdicts), "kind": "timeout"})
                break
            for key, _ in selector.select(wait):
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fd)
                    open_fds -= 1
                elif key.fd == output_r:
                    output += data[:max(0, OUTPUT_KEPT - len(output))]
                else:
                    pending += data
                    *lines, pending = pending.split(b"\n")
                    for line in lines:
                        try:
                            message = json.loads(line)
                        except ValueError:  # not the checker's message
                            continue
                        if "start" in message:
                            running = message["start"]
                            deadline = time.monotonic() + limit if limit else None
                        elif "case" in message:
                            verdicts.append(message)
                            running = None
                        elif message.get("done"):
                            done = True  # read what is left of the output for a moment, then stop waiting
                            deadline = time.monotonic() + 0.5
        if not done and running is not None and not (verdicts and verdicts[-1]["kind"] == "timeout"):
            verdicts.append({"case": running, "kind": "ended"})  # the child ended in the middle of a case
    except KeyboardInterrupt:
        raise _Stopped() from None
    finally:
        selector.close()
        _reap(pid)
        for fd in (message_r, output_r):
            try:
                os.close(fd)
            except OSError:
                pass
    return verdicts, output.decode("utf-8", "replace")


def _printed(output: str) -> str:
    """The learner's printed output as a feedback paragraph (or "")."""
    output = output.rstrip()
    if not output:
        return ""
    if len(output) > OUTPUT_SHOWN:
        output = output[:OUTPUT_SHOWN] + f"\n… ({len(output) - OUTPUT_SHOWN:,} more characters not shown)"
    output = output.replace("```", "'''")
    return f"\n\nYour function printed:\n\n```\n{output}\n```"


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
