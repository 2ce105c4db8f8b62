"""A practice set in a notebook: `practice = practice_set("03_counting")`, then one line per exercise."""

from __future__ import annotations

import difflib

from .content import kind_classes, read_set, validate_set


class PracticeSet:
    """The exercises of one set file, on the loaded article, with progress saved under NEWSLAB_HOME."""

    def __init__(self, data: dict, article=None, store=None, source: str = "<set>"):
        from ..progress import ProgressStore
        validate_set(data, source)
        self.data = data
        self.name = data["set"]
        self.lesson = data["lesson"]
        self.title = data["title"]
        self.written_for = data["written_for"]
        self.objectives = {o["id"]: o["text"] for o in data["objectives"]}
        self._article = article
        self.store = store or ProgressStore()
        classes = kind_classes()
        self._exercises = {spec["id"]: classes[spec["kind"]](spec, self) for spec in data["exercises"]}

    @property
    def article(self):
        if self._article is None:
            from ..article import load_article
            self._article = load_article()
        return self._article

    @property
    def exercises(self) -> list:
        """The exercises, in the order of the set file."""
        return list(self._exercises.values())

    def objective_text(self, objective_id: str) -> str:
        return self.objectives.get(objective_id, objective_id)

    def exercise(self, exercise_id: str):
        """One exercise object (the same one every time), e.g. to read its `last_feedback`."""
        try:
            return self._exercises[exercise_id]
        except KeyError:
            close = difflib.get_close_matches(str(exercise_id), self._exercises, n=1)
            guess = f" Did you mean {close[0]!r}?" if close else ""
            raise KeyError(f"No exercise {exercise_id!r} in the set {self.name}.{guess} "
                           f"Its exercises: {', '.join(self._exercises)}.") from None

    __getitem__ = exercise

    def show(self, exercise_id: str) -> None:
        """Show an exercise in the notebook."""
        from IPython.display import display
        display(self.exercise(exercise_id).widget())

    def check(self, exercise_id: str, func) -> None:
        """Check a function you wrote against the exercise's test cases; the feedback appears below."""
        from IPython.display import display
        exercise = self.exercise(exercise_id)
        if exercise.kind != "function":
            raise TypeError(f"{exercise_id!r} is a {exercise.kind} exercise: show it with "
                            f"practice.show({exercise_id!r}) and answer with its buttons.")
        exercise.check(func)
        display(exercise.check_widget())

    def answer_key(self) -> str:
        """The instructor's answer key for this set, as Markdown."""
        from .key import set_answer_key
        return set_answer_key(self)

    def __repr__(self):
        ids = ", ".join(f"{e.id} ({e.kind})" for e in self.exercises)
        return f"<practice set {self.name} · lesson {self.lesson} · {len(self.exercises)} exercises: {ids}>"


def practice_set(name: str, article=None) -> PracticeSet:
    """Load a practice set by name (data/exercises/<name>.json) for the loaded article."""
    from .content import _label, set_path
    data = read_set(name)
    return PracticeSet(data, article=article, source=_label(set_path(name)))
