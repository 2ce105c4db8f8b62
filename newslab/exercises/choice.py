"""Multiple choice, with one right answer (radio buttons) or several (check boxes).

Every option carries feedback: a wrong option names the misconception it reveals, a right one
says why it is right. With several right answers, each right option also says what leaving it
out misses ("missed").
"""

from __future__ import annotations

from .base import Exercise
from .content import ID, Required
from .feedback import Feedback, plain_label


class ChoiceExercise(Exercise):
    kind = "choice"
    fields = {"options": Required(list), "multiple": bool}

    @classmethod
    def validate(cls, spec, problem, context):
        options = spec.get("options")
        if not isinstance(options, list):
            return
        if len(options) < 2:
            problem('"options" needs at least two options.')
        multiple = spec.get("multiple", False)
        ids = set()
        for n, option in enumerate(options, 1):
            if not isinstance(option, dict):
                problem(f"option {n} must be an object {{\"id\", \"text\", \"correct\", \"feedback\"}}.")
                continue
            oid = option.get("id")
            where = f"option {oid!r}" if isinstance(oid, str) else f"option {n}"
            allowed = {"id", "text", "correct", "feedback", "missed"}
            for field in sorted(set(option) - allowed):
                problem(f"{where}: unknown field {field!r} (allowed: {', '.join(sorted(allowed))}).")
            if not isinstance(oid, str) or not ID.match(oid):
                problem(f'{where}: "id" must be a short lower-case id such as "a".')
            elif oid in ids:
                problem(f"{where}: the id is used twice.")
            ids.add(oid)
            if not isinstance(option.get("text"), str) or not option["text"].strip():
                problem(f'{where}: "text" (what the learner sees) is missing or empty.')
            if not isinstance(option.get("correct"), bool):
                problem(f'{where}: "correct" must be true or false.')
            if not isinstance(option.get("feedback"), str) or not option["feedback"].strip():
                what = "why it is right" if option.get("correct") else "the misconception this option reveals"
                problem(f'{where}: no "feedback": write {what}.')
            if multiple and option.get("correct") is True:
                if not isinstance(option.get("missed"), str) or not option["missed"].strip():
                    problem(f'{where}: a right option of a multiple-answer question needs "missed": '
                            "what a learner who leaves it out has not seen.")
            if option.get("correct") is False and "missed" in option:
                problem(f'{where}: "missed" is for right options only (a wrong option cannot be missed), '
                        "so this feedback could never be shown.")
            if not multiple and "missed" in option:
                problem(f'{where}: "missed" is only shown with "multiple": true; it could never be shown here.')
        texts = [o.get("text") for o in options if isinstance(o, dict)]
        if len(set(texts)) != len(texts):
            problem("two options have the same text.")
        right = [o for o in options if isinstance(o, dict) and o.get("correct") is True]
        if not multiple and len(right) != 1:
            problem(f'a one-answer question needs exactly one option with "correct": true (it has {len(right)}); '
                    'for several right answers set "multiple": true.')
        if multiple and not right:
            problem('a multiple-answer question needs at least one option with "correct": true.')

    # ------------------------------------------------------------
    @property
    def multiple(self) -> bool:
        return bool(self.spec.get("multiple", False))

    @property
    def options(self) -> list:
        return self.spec["options"]

    @property
    def correct_ids(self) -> set:
        return {o["id"] for o in self.options if o["correct"]}

    def _option(self, oid):
        return next(o for o in self.options if o["id"] == oid)

    def _build_controls(self):
        import ipywidgets as w
        if self.multiple:
            self.boxes = {o["id"]: w.Checkbox(value=False, description=plain_label(self.fill(o["text"])), indent=False,
                                              layout=w.Layout(width="auto"))
                          for o in self.options}
            for box in self.boxes.values():
                box.add_class("newslab-option")
            group = w.VBox(list(self.boxes.values()))
            label = w.HTML("<em>Choose every answer that applies, then press Check.</em>")
            return [label, group]
        self.radio = w.RadioButtons(options=[(plain_label(self.fill(o["text"])), o["id"]) for o in self.options], value=None,
                                    layout=w.Layout(width="auto"))
        self.radio.add_class("newslab-options")
        label = w.HTML("<em>Choose one answer, then press Check.</em>")
        return [label, self.radio]

    def selected(self):
        self.widget()
        if self.multiple:
            return {oid for oid, box in self.boxes.items() if box.value}
        return self.radio.value

    def answer(self, choice) -> Feedback:
        """Select an option id (or, with several answers, a list of ids) and press Check."""
        self.widget()
        if self.applies:
            if self.multiple:
                chosen = {choice} if isinstance(choice, str) else set(choice)
                unknown = chosen - set(self.boxes)
                if unknown:
                    raise KeyError(f"No option {sorted(unknown)} in {self.id}: options are {sorted(self.boxes)}.")
                for oid, box in self.boxes.items():
                    box.value = oid in chosen
            else:
                self.radio.value = choice
        self.check_button.click() if self.applies else self.submit()
        return self.last_feedback

    def _clear_controls(self):
        if self.multiple:
            for box in self.boxes.values():
                box.value = False
        else:
            self.radio.value = None

    def _answer_state(self):
        chosen = self.selected()
        if self.multiple:
            return sorted(chosen) or None
        return chosen

    def _restore_answer(self, value) -> None:
        if self.multiple:
            chosen = {value} if isinstance(value, str) else set(value or [])
            for oid, box in self.boxes.items():
                box.value = oid in chosen
        elif value in {o["id"] for o in self.options}:
            self.radio.value = value

    def _grade(self) -> Feedback:
        chosen = self.selected()
        if not chosen:
            return Feedback("empty", "info", "Choose an answer first, then press Check.")
        if not self.multiple:
            option = self._option(chosen)
            status = "right" if option["correct"] else "wrong"
            return Feedback(f"option:{chosen}", status, self.fill(option["feedback"]), [f"option:{chosen}"])
        wrong = [o for o in self.options if o["id"] in chosen and not o["correct"]]
        missed = [o for o in self.options if o["id"] not in chosen and o["correct"]]
        if not wrong and not missed:
            right = [o for o in self.options if o["correct"]]
            text = "\n\n".join(f"{_quoted(self.fill(o['text']))}: {self.fill(o['feedback'])}" for o in right)
            return Feedback("right", "right", text, [f"option:{o['id']}" for o in right])
        parts = [f"You chose {_quoted(self.fill(o['text']))}: {self.fill(o['feedback'])}" for o in wrong]
        parts += [f"You left out {_quoted(self.fill(o['text']))}: {self.fill(o['missed'])}" for o in missed]
        entries = [f"option:{o['id']}" for o in wrong] + [f"missed:{o['id']}" for o in missed]
        key = "wrong" if wrong else "missed"
        status = "partial" if not wrong or len(chosen) > len(wrong) else "wrong"
        return Feedback(key, status, "\n\n".join(parts), entries,
                        {"wrong": [o["id"] for o in wrong], "missed": [o["id"] for o in missed]})

    def feedback_entries(self) -> dict:
        entries = {f"option:{o['id']}": self.fill(o["feedback"]) for o in self.options}
        if self.multiple:
            entries.update({f"missed:{o['id']}": self.fill(o["missed"]) for o in self.options if o["correct"]})
        return entries

    def key_markdown(self) -> str:
        lines = ["| | option | feedback |", "|---|---|---|"]
        for o in self.options:
            mark = "✓ right" if o["correct"] else "✗ wrong"
            feedback = self.fill(o["feedback"])
            if self.multiple and o["correct"]:
                feedback += f" *If left out:* {self.fill(o['missed'])}"
            lines.append(f"| {mark} | {_cell(self.fill(o['text']))} | {_cell(feedback)} |")
        kind = "several answers" if self.multiple else "one answer"
        return f"Multiple choice ({kind}).\n\n" + "\n".join(lines)


def _quoted(text: str) -> str:
    """An option's text in quotation marks, unless it already has them."""
    return text if text[:1] in "“\"'‘" else f"“{text}”"


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split())
