"""A number (with a tolerance) or a short text answer (normalised, several accepted forms).

Typical wrong answers get their own feedback: "wrong" lists values (or computations, e.g. the
count a learner gets when they forget to leave the captions out) with what each one reveals.
"""

from __future__ import annotations

from ..normalise import normalise_text, parse_number
from . import compute
from .base import Exercise
from .content import Required, check_computation
from .feedback import Feedback

DEFAULT_OTHER = {
    "number": "That is not the number the exercise expects. Check what you counted, or take a hint.",
    "text": "That is not one of the answers the exercise expects. Check the spelling, or take a hint.",
}


class AnswerExercise(Exercise):
    kind = "answer"
    fields = {"type": Required(str), "answer": (int, float), "accept": list, "answer_from": str,
              "tolerance": (int, float), "wrong": list, "right": Required(str), "other": str}

    @classmethod
    def validate(cls, spec, problem, context):
        kind = spec.get("type")
        if kind not in ("number", "text"):
            problem(f'"type" must be "number" or "text", not {kind!r}.')
            return
        sources = [f for f in ("answer", "accept", "answer_from") if f in spec]
        if kind == "number":
            if sources not in (["answer"], ["answer_from"]):
                problem('a number answer needs exactly one of "answer" (the number) or "answer_from" (a computation).')
            if "accept" in spec:
                problem('"accept" is for text answers; a number answer uses "answer" and "tolerance".')
        else:
            if "accept" not in spec and "answer_from" not in spec:
                problem('a text answer needs "accept" (a list of accepted forms) and/or "answer_from".')
            if "answer" in spec:
                problem('a text answer lists its forms in "accept", not "answer".')
            if "tolerance" in spec:
                problem('"tolerance" is for number answers only.')
            accept = spec.get("accept", [])
            if not isinstance(accept, list) or not all(isinstance(a, str) and a.strip() for a in accept):
                problem('"accept" must be a list of non-empty texts.')
        if "answer_from" in spec:
            check_computation(spec["answer_from"], problem, '"answer_from"')
        tolerance = spec.get("tolerance", 0)
        if isinstance(tolerance, (int, float)) and tolerance < 0:
            problem('"tolerance" cannot be negative.')
        accepted = {normalise_text(a) for a in spec.get("accept", []) if isinstance(a, str)}
        for n, wrong in enumerate(spec.get("wrong", []) if isinstance(spec.get("wrong"), list) else []):
            where = f"wrong answer {n + 1}"
            if not isinstance(wrong, dict):
                problem(f'{where} must be {{"value": …, "feedback": …}}.')
                continue
            allowed = {"value", "value_from", "feedback", "tolerance"}
            for field in sorted(set(wrong) - allowed):
                problem(f"{where}: unknown field {field!r} (allowed: {', '.join(sorted(allowed))}).")
            if ("value" in wrong) == ("value_from" in wrong):
                problem(f'{where} needs exactly one of "value" or "value_from".')
            if "value_from" in wrong:
                check_computation(wrong["value_from"], problem, f"{where}: \"value_from\"")
            if not isinstance(wrong.get("feedback"), str) or not wrong["feedback"].strip():
                problem(f'{where} has no "feedback": say what this answer reveals.')
            value = wrong.get("value")
            if kind == "number" and "value" in wrong:
                if parse_number(value) is None or isinstance(value, str):
                    problem(f"{where}: \"value\" must be a number, not {value!r}.")
                elif "answer" in spec and isinstance(spec["answer"], (int, float)):
                    reach = float(tolerance if isinstance(tolerance, (int, float)) else 0)
                    if abs(float(value) - float(spec["answer"])) <= reach + 1e-9:
                        problem(f"{where}: {value} counts as right (within the tolerance), "
                                "so its feedback could never be shown.")
            if kind == "text" and "value" in wrong:
                values = value if isinstance(value, list) else [value]
                if not values or not all(isinstance(v, str) and v.strip() for v in values):
                    problem(f'{where}: "value" must be a text or a list of texts.')
                    continue
                for v in values:
                    if normalise_text(v) in accepted:
                        problem(f"{where}: {v!r} is also an accepted answer, so its feedback could never be shown.")

    # ------------------------------------------------------------
    @property
    def type(self) -> str:
        return self.spec["type"]

    def expected(self):
        """The right number, or the set of accepted texts in their normalised form."""
        if self.type == "number":
            if "answer_from" in self.spec:
                return float(compute.compute(self.spec["answer_from"], self.article))
            return float(self.spec["answer"])
        forms = list(self.spec.get("accept", []))
        if "answer_from" in self.spec:
            forms.append(str(compute.compute(self.spec["answer_from"], self.article)))
        return forms

    def _wrong_values(self):
        for n, wrong in enumerate(self.spec.get("wrong", [])):
            if "value_from" in wrong:
                value = compute.compute(wrong["value_from"], self.article)
            else:
                value = wrong["value"]
            yield n, wrong, value

    def _build_controls(self):
        import ipywidgets as w
        hint = "type a number" if self.type == "number" else "type your answer"
        self.input = w.Text(value="", placeholder=hint, description="Your answer",
                            style={"description_width": "initial"}, layout=w.Layout(width="24em"))
        self.input.add_class("newslab-answer-input")
        return [self.input]

    def answer(self, value) -> Feedback:
        """Type an answer and press Check."""
        self.widget()
        if not self.applies:
            return self.submit()
        self.input.value = str(value)
        self.check_button.click()
        return self.last_feedback

    def _clear_controls(self):
        self.input.value = ""

    def _answer_state(self):
        return self.input.value if self.input.value.strip() else None

    def _restore_answer(self, value) -> None:
        self.input.value = str(value)

    def _grade(self) -> Feedback:
        typed = self.input.value
        if not typed.strip():
            return Feedback("empty", "info", "Type an answer first, then press Check.")
        if self.type == "number":
            value = parse_number(typed)
            if value is None:
                return Feedback("not-a-number", "info",
                                f"I cannot read “{typed.strip()}” as a number: type digits only, such as 42 or 0.5.")
            tolerance = float(self.spec.get("tolerance", 0))
            if abs(value - self.expected()) <= tolerance + 1e-9:
                return Feedback("right", "right", self.text("right"), ["right"])
            for n, wrong, target in self._wrong_values():
                if abs(value - float(target)) <= float(wrong.get("tolerance", 0)) + 1e-9:
                    return Feedback(f"wrong:{n}", "wrong", self.fill(wrong["feedback"]), [f"wrong:{n}"])
        else:
            value = normalise_text(typed)
            if value in {normalise_text(a) for a in self.expected()}:
                return Feedback("right", "right", self.text("right"), ["right"])
            for n, wrong, target in self._wrong_values():
                targets = target if isinstance(target, list) else [target]
                if value in {normalise_text(t) for t in targets}:
                    return Feedback(f"wrong:{n}", "wrong", self.fill(wrong["feedback"]), [f"wrong:{n}"])
        entries = ["other"] if "other" in self.spec else []
        return Feedback("other", "wrong", self.text("other") or DEFAULT_OTHER[self.type], entries)

    def feedback_entries(self) -> dict:
        entries = {"right": self.text("right")}
        entries.update({f"wrong:{n}": self.fill(w["feedback"]) for n, w, _ in self._wrong_values()})
        if "other" in self.spec:
            entries["other"] = self.text("other")
        return entries

    def trigger_value(self, entry: str):
        """An answer that fires a feedback entry (for the test that every entry can be reached)."""
        if entry == "right":
            expected = self.expected()
            return _number(expected) if self.type == "number" else expected[0]
        if entry.startswith("wrong:"):
            n = int(entry.split(":")[1])
            value = next(v for i, _, v in self._wrong_values() if i == n)
            value = value[0] if isinstance(value, list) else value
            return _number(value) if self.type == "number" else value
        if entry == "other":
            return "987654321.5" if self.type == "number" else "zzz-not-an-answer"
        raise KeyError(entry)

    def _accepted_text(self) -> str:
        if self.type == "number":
            value = _number(self.expected())
            tolerance = self.spec.get("tolerance", 0)
            return f"{value}" + (f" (± {tolerance})" if tolerance else "")
        return " · ".join(f"“{a}”" for a in self.expected())

    def solution_markdown(self) -> str:
        return f"The answer: {self._accepted_text()}.\n\n{self.text('solution')}"

    def key_markdown(self) -> str:
        source = ""
        if "answer_from" in self.spec:
            source = f" (computed by `{self.spec['answer_from']}` from {self.article.id})"
        lines = [f"Answer ({self.type}): {self._accepted_text()}{source}.", "", f"Right: {self.text('right')}"]
        for n, wrong, value in self._wrong_values():
            if self.type == "number":
                shown = _number(value)
            else:
                shown = " / ".join(f"“{v}”" for v in (value if isinstance(value, list) else [value]))
            lines.append(f"- {shown}: {self.fill(wrong['feedback'])}")
        if "other" in self.spec:
            lines.append(f"- any other answer: {self.text('other')}")
        return "\n".join(lines)


def _number(value):
    value = float(value)
    return int(value) if value.is_integer() else value
