"""What every exercise has: a question, a hint ladder, a solution after an attempt, a reset,
feedback kept as plain Python in `last_feedback`, and saved progress.

A kind (choice.py, pick.py, …) subclasses Exercise and fills in:
- `validate(spec, problem, context)`: report mistakes in its part of a set file;
- `_build_controls()`: the widgets a learner answers with;
- `_grade()`: read those widgets and return a Feedback;
- `_clear_controls()`: empty them again for a reset;
- `feedback_entries()`: every feedback text the data file holds, by entry name;
- `key_markdown()`: its part of the instructor's answer key;
- `_answer_state()` / `_restore_answer(value)`: what the controls hold, as JSON, and how to put it back.

Saved work comes back. After every learner action (a check, a hint, the solution, a reset) the
exercise's state (its answer, attempts, hints shown, solution shown and last feedback) is written to
the progress store (`ProgressStore.save_answer`, atomic, under the store's lock). When the widget is
built again (the cell re-run, the kernel restarted, the notebook reopened) that state is put back
into the controls and the feedback, marked "Restored from your saved work (date)". Building or
showing a widget never writes: an empty widget can never replace what a learner did. A front end
that cannot draw the widget shows its text form, a one-line note to run the cell. After a check the
keyboard focus moves from Check to the feedback, so Shift+Enter runs on instead of pressing Check.
"""

from __future__ import annotations

import html
import re
import time
from datetime import datetime

from . import compute
from .feedback import STATUSES, Feedback, feedback_html, markdown

# Feedback keys that do not count as an attempt: nothing was answered yet.
NOT_ATTEMPTS = {"empty", "not-a-number", "not-callable", "not-for-this-article", "no-units", "no-reference",
                "no-file"}


def css_name(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", str(text).lower()).strip("-") or "x"


def short(value, limit: int = 160) -> str:
    """A value shown in feedback, cut if long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Exercise:
    kind = ""
    check_label = "Check"
    check_tooltip = "Check my answer"
    # keys a spec of this kind may have, besides the common ones
    fields: dict = {}

    def __init__(self, spec: dict, practice):
        self.spec = spec
        self.practice = practice
        self.id = spec["id"]
        self.objective = spec["objective"]
        self.hints = list(spec["hints"])
        self.attempts = 0
        self.hints_shown = 0
        self.solution_shown = False
        self.last_feedback = None
        self.history = []  # every Feedback since the last reset
        self.progress_error = None  # the last message from the progress store, if any
        self._widget = None
        self._completed_recorded = False
        self.restored = None  # the saved state put back when the widget was built, or None

    # ------------------------------------------------------------ data
    @classmethod
    def validate(cls, spec: dict, problem, context) -> None:
        """Call problem("what is wrong") for each mistake in this kind's fields."""

    def feedback_entries(self) -> dict:
        """Every feedback text the data file holds for this exercise: {entry name: text}."""
        return {}

    def key_markdown(self) -> str:
        return ""

    @property
    def article(self):
        return self.practice.article

    @property
    def written_for(self) -> str:
        return self.spec.get("written_for") or self.practice.written_for

    @property
    def applies(self) -> bool:
        """True when this exercise can be graded on the loaded article."""
        return self.written_for == "any" or self.written_for == self.article.id

    def text(self, name: str, default: str = "") -> str:
        """A text field of the spec with its {{computation}} placeholders filled."""
        return self.fill(self.spec.get(name, default))

    def fill(self, text: str) -> str:
        if not text or "{{" not in text:
            return text
        if not self.applies:
            return text
        return compute.fill(text, self.article)

    def not_for_this_article(self) -> str:
        from .content import describe_article_id
        return (f"This exercise is written for {describe_article_id(self.written_for)}, "
                f"but the article loaded now is {self.article.describe()} "
                f"To do this exercise, set NEWSLAB_ARTICLE={self.written_for} and restart the kernel, "
                "or skip it: the other exercises work on any article.")

    # ------------------------------------------------------------ widgets
    def widget(self):
        """The exercise's widget, built the first time it is asked for."""
        if self._widget is None:
            self._build()
        return self._widget

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget())

    def _warm(self) -> None:
        """Compute the named computations the exercise uses now, while its cell runs, so that the
        first answer gets its feedback at once (nothing is shown: a hidden result stays hidden)."""
        names = []

        def walk(value):
            if isinstance(value, dict):
                for key, item in value.items():
                    if key.endswith("_from") and isinstance(item, str):
                        names.append(item)
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(self.spec)
        for name in dict.fromkeys(names):
            try:
                compute.compute(name, self.article)
            except Exception:
                pass  # the exercise reports it when it is answered

    def _build(self):
        import ipywidgets as w
        from .. import config

        if self.applies:
            self._warm()

        title = w.HTML(f'<div class="newslab-exercise-title"><strong>Exercise {html.escape(self.id)}</strong> '
                       f'<span style="color:#333">· {html.escape(self.practice.objective_text(self.objective))}</span></div>')
        question = w.HTML(f'<div class="newslab-question" style="line-height:1.45">{markdown(self.text("question"))}</div>')
        self.feedback_box = w.HTML("", layout=w.Layout(width="100%"))
        self.feedback_box.add_class("newslab-feedback")
        # The box around the feedback takes the focus after a check (tabbable=False: tabindex -1, so it is
        # not in the Tab order; an HTML widget's own focus() targets an inner element that cannot take it).
        self.feedback_holder = w.VBox([self.feedback_box], layout=w.Layout(width="100%"), tabbable=False)
        self.feedback_holder.add_class("newslab-feedback-holder")
        self.hint_box = w.HTML("")
        self.hint_box.add_class("newslab-hints")
        self.solution_box = w.HTML("")
        self.solution_box.add_class("newslab-solution")
        self.note_box = w.HTML("")
        self.note_box.add_class("newslab-note")
        self.restored_box = w.HTML("")
        self.restored_box.add_class("newslab-restored")
        children = [title, question]
        if not self.applies:
            self.feedback_box.value = feedback_html("notice", self.not_for_this_article())
            children.append(self.feedback_box)
        else:
            children.extend(self._build_controls())
            self.check_button = w.Button(description=self.check_label, tooltip=self.check_tooltip,
                                         layout=w.Layout(width="auto"))
            self.check_button.style.button_color = config.PALETTE["sky blue"]
            self.check_button.add_class("newslab-check")
            self.check_button.on_click(lambda _: self.submit())
            self.hint_button = w.Button(description=self._hint_label(), tooltip="Show one more hint",
                                        layout=w.Layout(width="auto"), disabled=not self.hints)
            self.hint_button.add_class("newslab-hint")
            self.hint_button.on_click(lambda _: self.hint())
            self.solution_button = w.Button(description="Show solution", disabled=True,
                                            tooltip="Available after your first attempt",
                                            layout=w.Layout(width="auto"))
            self.solution_button.add_class("newslab-show-solution")
            self.solution_button.on_click(lambda _: self.reveal_solution())
            self.reset_button = w.Button(description="Reset", tooltip="Clear your answer, the hints and the solution",
                                         layout=w.Layout(width="auto"))
            self.reset_button.add_class("newslab-reset")
            self.reset_button.on_click(lambda _: self._on_reset_click())
            buttons = [b for b in self._buttons() if b is not None]
            children.append(w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")))
            children.extend([self.restored_box, self.feedback_holder, self.hint_box, self.solution_box, self.note_box])
        box = exercise_box_class()(children, layout=w.Layout(border="1px solid #bbb", padding="6px 10px",
                                                             margin="6px 0", width="100%"))
        box.plain_text = f"{RUN_NOTE} {self.id}: your saved answer comes back."
        box.add_class("newslab-exercise")
        box.add_class(f"newslab-kind-{self.kind}")
        box.add_class(f"newslab-ex-{css_name(self.id)}")
        self._widget = box
        if self.applies:
            self._restore()

    def _buttons(self) -> list:
        return [self.check_button, self.hint_button, self.solution_button, self.reset_button]

    def _build_controls(self) -> list:
        return []

    def _hint_label(self) -> str:
        if not self.hints:
            return "No hints"
        if self.hints_shown >= len(self.hints):
            return "No more hints"
        return f"Hint {self.hints_shown + 1} of {len(self.hints)}"

    # ------------------------------------------------------------ actions
    def submit(self, grade=None) -> Feedback:
        """Grade what the widgets hold now (or call `grade`), show the feedback, save the attempt."""
        self.widget()
        if not self.applies:
            return self._show(Feedback("not-for-this-article", "notice", self.not_for_this_article()))
        feedback = (grade or self._grade)()
        counted = feedback.key not in NOT_ATTEMPTS
        if counted:
            self.attempts += 1
            self.solution_button.disabled = False
            self.solution_button.tooltip = "Show the solution"
            self.restored_box.value = ""
        self._show(feedback)
        if counted:
            self._after_attempt(feedback)
            self._save_state()
        self._focus_feedback()
        return feedback

    def _focus_feedback(self) -> None:
        """Move the keyboard focus from the Check button to the feedback it produced.

        With the focus still on the button, Enter presses Check again; a bare blur() leaves the focus on
        the page's body, where JupyterLab's Shift+Enter does nothing. On the feedback (inside the cell,
        not editable) Shift+Enter runs the notebook on as in any cell, and a screen reader reads the
        feedback. DOMWidget.focus() of ipywidgets 8 sends the front end a "focus" message."""
        if self._widget is None or not self.applies:
            return
        try:
            self.feedback_holder.focus()
        except Exception:  # no front end (a test, a script): nothing to move
            pass

    def _show(self, feedback: Feedback) -> Feedback:
        self.last_feedback = feedback
        self.history.append(feedback)
        if self._widget is not None:
            self.feedback_box.value = feedback.html()
        return feedback

    def _after_attempt(self, feedback: Feedback) -> None:
        outcome = {True: "right", False: "wrong", None: "done"}[feedback.right]
        self._record("attempt", outcome, feedback.key, complete=self._is_complete(feedback))

    def _is_complete(self, feedback: Feedback) -> bool:
        return feedback.right is True

    def _record(self, event: str, outcome: str = "", key: str = "", complete: bool = False) -> None:
        from ..progress import ProgressError
        try:
            message = self.practice.store.record(set_name=self.practice.name, lesson=self.practice.lesson,
                                                 exercise=self.id, kind=self.kind, event=event,
                                                 outcome=outcome, key=key, complete=complete)
        except ProgressError as error:
            message = str(error)
            self.progress_error = message
        if message and self._widget is not None and self.applies:
            self.note_box.value = feedback_html("notice", message)

    def hint(self):
        """Show the next hint of the ladder; returns its text, or None when there are no more."""
        self.widget()
        if not self.applies or self.hints_shown >= len(self.hints):
            return None
        self.hints_shown += 1
        self._show_hints()
        self._save_state()
        return self.fill(self.hints[self.hints_shown - 1])

    def _show_hints(self) -> None:
        shown = self.hints[: self.hints_shown]
        items = "".join(f"<li><strong>Hint {i} of {len(self.hints)}:</strong> {markdown(self.fill(h))}</li>"
                        for i, h in enumerate(shown, 1))
        self.hint_box.value = (f'<ol class="newslab-hint-list" style="list-style:none;padding-left:0;line-height:1.45">'
                               f'{items}</ol>') if shown else ""
        self.hint_button.description = self._hint_label()
        self.hint_button.disabled = self.hints_shown >= len(self.hints)

    def solution_markdown(self) -> str:
        return self.text("solution")

    def reveal_solution(self):
        """Show the solution; only after at least one attempt. Returns its text, or None."""
        self.widget()
        if not self.applies:
            return None
        if self.attempts < 1:
            self.note_box.value = feedback_html("info", "Try at least once before you look at the solution.")
            return None
        text = self._show_solution()
        self.solution_shown = True
        self._record("solution")
        self._save_state()
        return text

    def _show_solution(self) -> str:
        text = self.solution_markdown()
        self.solution_box.value = (f'<div class="newslab-solution-text" style="border:1px dashed #888;padding:4px 10px;line-height:1.45">'
                                   f'<strong>Solution.</strong> {markdown(text)}</div>')
        return text

    def reset(self) -> None:
        """Clear the answer, the feedback, the hints and the solution (saved progress stays)."""
        self.widget()
        self.attempts = 0
        self.hints_shown = 0
        self.solution_shown = False
        self.last_feedback = None
        self.history = []
        if not self.applies:
            return
        self._clear_controls()
        self.feedback_box.value = ""
        self.hint_box.value = ""
        self.solution_box.value = ""
        self.note_box.value = ""
        self.restored_box.value = ""
        self.hint_button.description = self._hint_label()
        self.hint_button.disabled = not self.hints
        self.solution_button.disabled = True
        self.solution_button.tooltip = "Available after your first attempt"
        self.check_button.disabled = False
        self._save_state()  # a reset is a learner's action: the cleared state is what comes back

    def _on_reset_click(self) -> None:
        self.reset()

    def _clear_controls(self) -> None:
        pass

    # ------------------------------------------------------------ saved work
    def _answer_state(self):
        """What the controls hold now, as JSON (None when they are empty); a kind fills this in."""
        return None

    def _restore_answer(self, value) -> None:
        """Put a saved answer (from _answer_state) back into the controls; a kind fills this in."""

    def state(self) -> dict:
        """Everything a learner did here that comes back: answer, attempts, hints, solution, feedback."""
        feedback = self.last_feedback
        if feedback is not None and feedback.key in NOT_ATTEMPTS:
            feedback = next((f for f in reversed(self.history) if f.key not in NOT_ATTEMPTS), None)
        return {"answer": self._answer_state(), "attempts": self.attempts, "hints_shown": self.hints_shown,
                "solution_shown": self.solution_shown,
                "feedback": None if feedback is None else {"key": feedback.key, "status": feedback.status,
                                                           "text": feedback.text, "entries": list(feedback.entries),
                                                           "details": feedback.details}}

    def _save_state(self) -> None:
        """Write the state to the progress store: called only after a learner's action, never on show."""
        from ..progress import ProgressError
        try:
            message = self.practice.store.save_answer(self.practice.name, self.id, self.article.id, self.state(),
                                                      **self._save_learner())
        except ProgressError as error:
            message = str(error)
            self.progress_error = message
        if message and self._widget is not None and self.applies:
            self.note_box.value = feedback_html("notice", message)

    def _save_learner(self) -> dict:
        return {}

    def saved_state(self):
        """The state saved for this exercise on the loaded article, or None (reading never writes)."""
        from ..progress import ProgressError
        try:
            return self.practice.store.saved_answer(self.practice.name, self.id, self.article.id)
        except ProgressError as error:
            self.progress_error = str(error)
            return None

    def _restore(self) -> None:
        """Put the saved state back into the widget just built (never writes)."""
        saved = self.saved_state()
        if self.progress_error and self._widget is not None:
            self.note_box.value = feedback_html("notice", self.progress_error)
        if not saved or not _has_work(saved):
            return
        try:
            if saved.get("answer") is not None:
                self._restore_answer(saved["answer"])
            self.attempts = int(saved.get("attempts") or 0)
            if self.attempts:
                self.solution_button.disabled = False
                self.solution_button.tooltip = "Show the solution"
            self.hints_shown = max(0, min(int(saved.get("hints_shown") or 0), len(self.hints)))
            self._show_hints()
            if saved.get("solution_shown") and self.attempts:
                self._show_solution()
                self.solution_shown = True
            fb = saved.get("feedback")
            if isinstance(fb, dict) and fb.get("status") in STATUSES:
                feedback = Feedback(fb.get("key", ""), fb["status"], fb.get("text", ""), list(fb.get("entries") or []),
                                    dict(fb.get("details") or {}))
                self._show(feedback)
                self._restore_feedback(feedback)
        except Exception as error:  # a saved state from another version: keep the widget usable
            self.note_box.value = feedback_html("notice", f"Your saved answer could not be put back ({error}); "
                                                "answer again, it is saved as before.")
            return
        self.restored = saved
        self.restored_box.value = restored_html(saved.get("saved", ""))

    def _restore_feedback(self, feedback: Feedback) -> None:
        """A kind that shows more than the feedback box (a reveal) puts that back here."""

    def _grade(self) -> Feedback:
        raise NotImplementedError

    def timed_submit(self):
        """(seconds, Feedback): how long grading and showing took; used by the benchmark."""
        start = time.perf_counter()
        feedback = self.submit()
        return time.perf_counter() - start, feedback

    def __repr__(self):
        return f"<{self.kind} exercise {self.id!r} · objective {self.objective!r}>"


# What a front end that cannot draw the widget shows instead (its text/plain): a one-line note.
RUN_NOTE = "Run this cell to show exercise"
_BOX_CLASS = None


def exercise_box_class():
    """A VBox whose plain-text form says to run the cell (not "VBox(children=…"), made once."""
    global _BOX_CLASS
    if _BOX_CLASS is None:
        import ipywidgets as w

        class ExerciseBox(w.VBox):
            plain_text = ""

            def __repr__(self):
                return self.plain_text or super().__repr__()
        _BOX_CLASS = ExerciseBox
    return _BOX_CLASS


def _has_work(state: dict) -> bool:
    return bool(state.get("answer") not in (None, "", [], {}) or state.get("attempts") or state.get("hints_shown")
                or state.get("solution_shown") or state.get("feedback"))


def saved_when(stamp: str) -> str:
    """A saved time (ISO, UTC) in the learner's local time: "3 Dec 2026, 11:40"."""
    try:
        when = datetime.fromisoformat(stamp).astimezone()
    except (TypeError, ValueError):
        return ""
    return f"{when.day} {when:%b %Y, %H:%M}"


RESTORED_TEXT = "Restored from your saved work"


def restored_html(stamp: str, extra: str = "") -> str:
    """The mark on a widget whose work came back from the progress store."""
    when = saved_when(stamp)
    text = f"{RESTORED_TEXT} ({when})." if when else f"{RESTORED_TEXT}."
    return (f'<div class="newslab-restored-note" role="note" style="color:#333;font-size:0.95em;margin:2px 0">'
            f'<span aria-hidden="true">↺</span> {html.escape(text)} {html.escape(extra or "Check again to update it, or Reset to start over.")}</div>')


def key_list(title: str, entries) -> str:
    """A Markdown list for the answer key."""
    lines = [f"- {e}" for e in entries]
    return (f"{title}\n\n" if title else "") + "\n".join(lines)
