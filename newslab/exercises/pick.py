"""Pick the tokens: a sentence shown as toggle buttons; the learner selects, say, every verb of saying.

Targets and notes name tokens by their text ("said": every "said" in the sentence) or one
occurrence ("Russia#2": the second "Russia"). A note on a target is shown when it is missed; a
note on any other token is shown when it is selected.
"""

from __future__ import annotations

import re

from .base import Exercise
from .content import Required
from .feedback import Feedback

# Tokens for display: abbreviations such as "U.S." kept whole, words with inner apostrophes or
# hyphens ("We’re", "al-Assad") kept whole, every other mark on its own.
TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[’'\-]\w+)*|[^\w\s]")


def tokenize(sentence: str) -> list:
    """The tokens a pick exercise shows for a sentence (the rule is in SCHEMA.md)."""
    return TOKEN.findall(sentence)


def resolve(name: str, tokens: list):
    """The token positions a target or note name refers to, or None when it matches nothing."""
    text, _, nth = name.rpartition("#") if re.search(r"#\d+$", name) else (name, "", "")
    positions = [i for i, t in enumerate(tokens) if t == text]
    if nth:
        n = int(nth)
        return [positions[n - 1]] if 1 <= n <= len(positions) else None
    return positions or None


class PickExercise(Exercise):
    kind = "pick"
    fields = {"sentence": str, "tokens": list, "targets": Required(list), "notes": dict, "right": Required(str)}

    @classmethod
    def validate(cls, spec, problem, context):
        if ("sentence" in spec) == ("tokens" in spec):
            problem('give either "sentence" (split into tokens by the kit) or "tokens" (a list), not both or neither.')
            return
        if "tokens" in spec:
            tokens = spec["tokens"]
            if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) and t.strip() for t in tokens):
                problem('"tokens" must be a list of non-empty texts.')
                return
        else:
            if not isinstance(spec.get("sentence"), str):
                return
            tokens = tokenize(spec["sentence"])
            if not tokens:
                problem('"sentence" has no tokens.')
                return
        targets = spec.get("targets")
        target_positions = set()
        if isinstance(targets, list):
            if not targets:
                problem('"targets" is empty: name at least one token to pick.')
            for name in targets:
                found = resolve(name, tokens) if isinstance(name, str) else None
                if found is None:
                    problem(f"target {name!r} is not a token of the sentence; its tokens are: {tokens}.")
                else:
                    target_positions.update(found)
        notes = spec.get("notes", {})
        if isinstance(notes, dict):
            for name, text in notes.items():
                found = resolve(name, tokens)
                if found is None:
                    problem(f"note {name!r} is not a token of the sentence; its tokens are: {tokens}.")
                    continue
                if not isinstance(text, str) or not text.strip():
                    problem(f"note {name!r} is empty.")
                inside = {p in target_positions for p in found}
                if len(inside) > 1:
                    problem(f"note {name!r} covers both a target and a non-target occurrence: "
                            f"name one occurrence with {name}#1, {name}#2, ….")
        if isinstance(spec.get("right"), str) and not spec["right"].strip():
            problem('"right" is empty: say why the picked tokens are the answer.')

    # ------------------------------------------------------------
    @property
    def tokens(self) -> list:
        if "tokens" in self.spec:
            return list(self.spec["tokens"])
        return tokenize(self.spec["sentence"])

    @property
    def targets(self) -> set:
        positions = set()
        for name in self.spec["targets"]:
            positions.update(resolve(name, self.tokens))
        return positions

    def _notes(self) -> dict:
        """{position: (note name, text)}."""
        notes = {}
        for name, text in self.spec.get("notes", {}).items():
            for p in resolve(name, self.tokens):
                notes[p] = (name, self.fill(text))
        return notes

    def _build_controls(self):
        import ipywidgets as w
        self.buttons = []
        for i, token in enumerate(self.tokens):
            button = w.ToggleButton(value=False, description=token, tooltip=f"Select “{token}” (token {i + 1})",
                                    layout=w.Layout(width="auto", margin="1px"))
            button.add_class("newslab-token")
            button.observe(lambda change, i=i: self._mark(i, change["new"]), names="value")
            self.buttons.append(button)
        label = w.HTML("<em>Select the tokens (a selected token shows ✓), then press Check.</em>")
        return [label, w.HBox(self.buttons, layout=w.Layout(flex_flow="row wrap"))]

    def _mark(self, i, selected):
        token = self.tokens[i]
        button = self.buttons[i]
        button.description = f"✓ {token}" if selected else token
        button.tooltip = f"Selected: “{token}” (token {i + 1}); press to unselect" if selected \
            else f"Select “{token}” (token {i + 1})"

    def selected(self) -> set:
        self.widget()
        return {i for i, b in enumerate(self.buttons) if b.value}

    def answer(self, picks) -> Feedback:
        """Select tokens (positions, or names as in the data: "said", "Russia#2") and press Check."""
        self.widget()
        if not self.applies:
            return self.submit()
        positions = set()
        for pick in picks:
            if isinstance(pick, int):
                positions.add(pick)
            else:
                found = resolve(pick, self.tokens)
                if found is None:
                    raise KeyError(f"{pick!r} is not a token of {self.id}: {self.tokens}")
                positions.update(found)
        for i, button in enumerate(self.buttons):
            button.value = i in positions
        self.check_button.click()
        return self.last_feedback

    def _clear_controls(self):
        for button in self.buttons:
            button.value = False

    def _answer_state(self):
        chosen = self.selected()
        # positions, with the tokens they were, so a changed sentence is not restored wrongly
        return {"positions": sorted(chosen), "tokens": self.tokens} if chosen else None

    def _restore_answer(self, value) -> None:
        if not isinstance(value, dict) or value.get("tokens") != self.tokens:
            return
        chosen = set(value.get("positions") or [])
        for i, button in enumerate(self.buttons):
            button.value = i in chosen

    def _grade(self) -> Feedback:
        chosen = self.selected()
        if not chosen:
            return Feedback("empty", "info", "Select at least one token first, then press Check.")
        targets = self.targets
        tokens = self.tokens
        missed = sorted(targets - chosen)
        extra = sorted(chosen - targets)
        if not missed and not extra:
            return Feedback("right", "right", self.text("right"), ["right"])
        notes = self._notes()
        parts, entries = [], []
        found = len(targets & chosen)
        parts.append(f"You found {found} of the {len(targets)} tokens.")
        if missed:
            parts.append("Missed: " + ", ".join(f"“{tokens[i]}”" for i in missed) + ".")
        if extra:
            parts.append("Not part of the answer: " + ", ".join(f"“{tokens[i]}”" for i in extra) + ".")
        shown = set()
        for i in missed + extra:
            if i in notes and notes[i][0] not in shown:
                name, text = notes[i]
                shown.add(name)
                parts.append(f"“{tokens[i]}”: {text}")
                entries.append(f"note:{name}")
        key = "missed+extra" if missed and extra else ("missed" if missed else "extra")
        status = "partial" if found else "wrong"
        return Feedback(key, status, "\n\n".join(parts), entries,
                        {"missed": [tokens[i] for i in missed], "extra": [tokens[i] for i in extra]})

    def feedback_entries(self) -> dict:
        entries = {"right": self.text("right")}
        entries.update({f"note:{name}": self.fill(text) for name, text in self.spec.get("notes", {}).items()})
        return entries

    def solution_markdown(self) -> str:
        picked = ", ".join(f"“{self.tokens[i]}”" for i in sorted(self.targets))
        return f"The tokens to pick: {picked}.\n\n{self.text('solution')}"

    def key_markdown(self) -> str:
        tokens = self.tokens
        marked = " ".join(f"**[{t}]**" if i in self.targets else t for i, t in enumerate(tokens))
        lines = [f"Pick the tokens. Targets in brackets: {marked}", "", f"Right: {self.text('right')}"]
        for name, text in self.spec.get("notes", {}).items():
            positions = resolve(name, tokens)
            when = "if missed" if positions[0] in self.targets else "if picked"
            lines.append(f"- “{name}” ({when}): {self.fill(text)}")
        return "\n".join(lines)
