"""Predict, then reveal: the result stays hidden until the learner commits a guess; then the guess
and the result are shown side by side, with the explanation.

A guess is a number, a choice among options, or a short text. The result is computed from the
article ("result_from") or given ("result"); it is not sent to the screen before the commit.
"""

from __future__ import annotations

import html
import re

from ..normalise import parse_number
from . import compute
from .base import Exercise
from .content import ID, Required, check_computation
from .feedback import Feedback, plain_label

_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


class PredictExercise(Exercise):
    kind = "predict"
    check_label = "Commit my guess"
    check_tooltip = "Commit your guess and reveal the result"
    fields = {"guess": Required(str), "options": list, "result": (int, float, str, list, dict),
              "result_from": str, "result_label": str, "close_within": (int, float, str), "feedback": dict,
              "explanation": Required(str), "typical": list}

    @classmethod
    def validate(cls, spec, problem, context):
        guess = spec.get("guess")
        if guess not in ("number", "choice", "text"):
            problem(f'"guess" must be "number", "choice" or "text", not {guess!r}.')
            return
        if ("result" in spec) == ("result_from" in spec):
            problem('give exactly one of "result" (the value) or "result_from" (a computation).')
        if "result_from" in spec:
            check_computation(spec["result_from"], problem, '"result_from"')
        feedback = spec.get("feedback", {})
        if guess == "choice":
            options = spec.get("options")
            if not isinstance(options, list) or len(options) < 2:
                problem('a "choice" guess needs "options": at least two {"id", "text", "feedback"}.')
            else:
                ids = set()
                for n, option in enumerate(options, 1):
                    if not isinstance(option, dict) or set(option) != {"id", "text", "feedback"} \
                            or not all(isinstance(option[k], str) and option[k].strip() for k in option):
                        problem(f'option {n} must be {{"id", "text", "feedback"}} with non-empty texts: the feedback '
                                "says what choosing it shows about the learner's expectation.")
                        continue
                    if not ID.match(option["id"]) or option["id"] in ids:
                        problem(f"option {n}: the id {option['id']!r} is not a short unique lower-case id.")
                    ids.add(option["id"])
            if "close_within" in spec or feedback:
                problem('"close_within" and "feedback" are for number guesses; options carry their own feedback.')
        elif "options" in spec:
            problem('"options" is only for "guess": "choice".')
        if guess == "number":
            if "close_within" in spec:
                within = spec["close_within"]
                if isinstance(within, str) and not _PERCENT.match(within) or \
                        isinstance(within, (int, float)) and within < 0:
                    problem('"close_within" must be a number (e.g. 5) or a percentage (e.g. "10%").')
                if set(feedback) != {"close", "far"} or not all(isinstance(v, str) and v.strip()
                                                                for v in feedback.values()):
                    problem('with "close_within", "feedback" must be {"close": …, "far": …} with non-empty texts.')
            elif feedback:
                problem('"feedback" {"close", "far"} needs "close_within" to say what counts as close.')
        if guess == "text" and ("close_within" in spec or feedback):
            problem('"close_within" and "feedback" are for number guesses only.')
        for n, typical in enumerate(spec.get("typical", []), 1):
            if guess != "number":
                problem('"typical" (common wrong numbers) is for number guesses only.')
                break
            if not isinstance(typical, dict) or not set(typical) <= {"value", "value_from", "tolerance", "feedback"} \
                    or ("value" in typical) == ("value_from" in typical) \
                    or not isinstance(typical.get("feedback"), str) or not typical["feedback"].strip():
                problem(f'typical guess {n} must be {{"value": … or "value_from": …, "feedback": …}} '
                        '(optional "tolerance"): a number learners often guess and what it shows.')
            elif "value_from" in typical:
                check_computation(typical["value_from"], problem, f'typical guess {n}: "value_from"')

    # ------------------------------------------------------------
    @property
    def guess_type(self) -> str:
        return self.spec["guess"]

    def result(self):
        if "result_from" in self.spec:
            return compute.compute(self.spec["result_from"], self.article)
        return self.spec["result"]

    def _build_controls(self):
        import ipywidgets as w
        if self.guess_type == "choice":
            self.input = w.RadioButtons(options=[(plain_label(self.fill(o["text"])), o["id"]) for o in self.spec["options"]],
                                        value=None, layout=w.Layout(width="auto"))
            label = w.HTML("<em>Choose your prediction, then commit it: the result stays hidden until you do.</em>")
        else:
            placeholder = "type a number" if self.guess_type == "number" else "type your prediction"
            self.input = w.Text(value="", placeholder=placeholder, description="Your guess",
                                style={"description_width": "initial"}, layout=w.Layout(width="24em"))
            label = w.HTML("<em>Type your prediction, then commit it: the result stays hidden until you do.</em>")
        self.input.add_class("newslab-guess")
        self.reveal_box = w.HTML("")
        self.reveal_box.add_class("newslab-reveal")
        return [label, self.input, self.reveal_box]

    def answer(self, guess) -> Feedback:
        """Enter a guess (an option id for a choice) and commit it."""
        self.widget()
        if not self.applies:
            return self.submit()
        self.input.value = guess if self.guess_type == "choice" else str(guess)
        self.check_button.click()
        return self.last_feedback

    @property
    def committed(self) -> bool:
        return self.attempts > 0

    def _clear_controls(self):
        self.input.value = None if self.guess_type == "choice" else ""
        self.input.disabled = False
        self.reveal_box.value = ""

    def _answer_state(self):
        value = self.input.value
        return None if value is None or not str(value).strip() else value

    def _restore_answer(self, value) -> None:
        if self.guess_type == "choice":
            if value in {o["id"] for o in self.spec["options"]}:
                self.input.value = value
        else:
            self.input.value = str(value)

    def _restore_feedback(self, feedback) -> None:
        # A committed guess stays committed: the input locked and the result shown beside the guess.
        if self.committed and "guess" in feedback.details:
            self.input.disabled = True
            self.check_button.disabled = True
            self._reveal(feedback.details["guess"], feedback.details.get("result", ""))

    def _grade(self) -> Feedback:
        if self.committed:
            return Feedback("empty", "info", "Your guess is committed. Press Reset to guess again.")
        value = self.input.value
        if value is None or not str(value).strip():
            return Feedback("empty", "info", "Make your prediction first, then commit it.")
        result = self.result()
        explanation = self.text("explanation")
        if self.guess_type == "number":
            guess = parse_number(value)
            if guess is None:
                return Feedback("not-a-number", "info",
                                f"I cannot read “{str(value).strip()}” as a number: type digits, such as 40.")
            shown_guess = _number(guess)
            typical = self._typical(guess, float(result))
            if typical is not None:
                key = f"typical:{typical}"
                text = f"{self.fill(self.spec['typical'][typical]['feedback'])}\n\n{explanation}"
                entries = [key, "explanation"]
            elif "close_within" in self.spec:
                close = abs(guess - float(result)) <= self._within(float(result))
                key = "close" if close else "far"
                text, entries = f"{self.fill(self.spec['feedback'][key])}\n\n{explanation}", [key, "explanation"]
            else:
                key, text, entries = "revealed", explanation, ["explanation"]
        elif self.guess_type == "choice":
            option = next(o for o in self.spec["options"] if o["id"] == value)
            shown_guess = self.fill(option["text"])
            key, entries = f"option:{value}", [f"option:{value}", "explanation"]
            text = f"{self.fill(option['feedback'])}\n\n{explanation}"
        else:
            shown_guess = str(value).strip()
            key, text, entries = "revealed", explanation, ["explanation"]
        self.input.disabled = True
        self.check_button.disabled = True
        self._reveal(shown_guess, result)
        return Feedback(key, "compare", text, entries, {"guess": shown_guess, "result": result})

    def _is_complete(self, feedback) -> bool:
        return True  # committing a guess completes a prediction: nothing is marked

    def _typical_value(self, typical: dict) -> float:
        if "value_from" in typical:
            return float(compute.compute(typical["value_from"], self.article))
        return float(typical["value"])

    def _typical(self, guess: float, result: float):
        """The index of the common wrong number this guess is (never the result itself), or None."""
        for n, typical in enumerate(self.spec.get("typical", [])):
            value = self._typical_value(typical)
            if value != result and abs(guess - value) <= typical.get("tolerance", 0) \
                    and abs(guess - result) > 0:
                return n
        return None

    def _within(self, result: float) -> float:
        within = self.spec["close_within"]
        if isinstance(within, str):
            return abs(result) * float(_PERCENT.match(within).group(1)) / 100
        return float(within)

    def _reveal(self, guess, result):
        label = html.escape(self.text("result_label") or "The result")
        cell = ('style="flex:1;border:1px solid #999;padding:6px 10px;min-width:12em"')
        self.reveal_box.value = (
            '<div class="newslab-side-by-side" style="display:flex;gap:8px;margin:4px 0">'
            f'<div {cell}><div><strong>Your guess</strong></div><div class="newslab-your-guess">{html.escape(str(guess))}</div></div>'
            f'<div {cell}><div><strong>{label}</strong></div><div class="newslab-result">{html.escape(_shown(result))}</div></div>'
            '</div>')

    def feedback_entries(self) -> dict:
        entries = {"explanation": self.text("explanation")}
        if self.guess_type == "choice":
            entries.update({f"option:{o['id']}": self.fill(o["feedback"]) for o in self.spec["options"]})
        if "close_within" in self.spec:
            entries.update({k: self.fill(v) for k, v in self.spec["feedback"].items()})
        result = self.result() if self.guess_type == "number" else None
        for n, typical in enumerate(self.spec.get("typical", [])):
            if self._typical_value(typical) != float(result):  # a typical number that is the result cannot fire
                entries[f"typical:{n}"] = self.fill(typical["feedback"])
        return entries

    def trigger_value(self, entry: str):
        """A guess that fires a feedback entry (for the test that every entry can be reached)."""
        if entry.startswith("option:"):
            return entry.split(":", 1)[1]
        if self.guess_type == "choice":
            return self.spec["options"][0]["id"]
        if self.guess_type == "text":
            return "a guess"
        result = float(self.result())
        if entry.startswith("typical:"):
            return _number(self._typical_value(self.spec["typical"][int(entry.split(":")[1])]))
        if entry == "far":
            return _number(result + self._within(result) + 1 + abs(result))
        return _number(result)

    def solution_markdown(self) -> str:
        return f"{self.text('result_label') or 'The result'}: {_shown(self.result())}.\n\n{self.text('solution')}"

    def key_markdown(self) -> str:
        source = f" (computed by `{self.spec['result_from']}` from {self.article.id})" if "result_from" in self.spec else ""
        lines = [f"Predict ({self.guess_type}), then reveal. Result: {_shown(self.result())}{source}.", "",
                 f"Explanation: {self.text('explanation')}"]
        if self.guess_type == "choice":
            lines += [f"- “{self.fill(o['text'])}”: {self.fill(o['feedback'])}" for o in self.spec["options"]]
        if "close_within" in self.spec:
            lines += [f"- close (within {self.spec['close_within']}): {self.fill(self.spec['feedback']['close'])}",
                      f"- far: {self.fill(self.spec['feedback']['far'])}"]
        for typical in self.spec.get("typical", []):
            value = _shown(self._typical_value(typical))
            lines.append(f"- a guess of {value}: {self.fill(typical['feedback'])}")
        return "\n".join(lines)


def _number(value):
    value = float(value)
    return int(value) if value.is_integer() else value


def _shown(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)

