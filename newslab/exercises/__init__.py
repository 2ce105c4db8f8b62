"""The exercise kit: widget exercises with specific feedback, hints, solutions and saved progress.

In a practice notebook:

    from newslab.exercises import practice_set
    practice = practice_set("03_counting")
    practice.show("top-word")                           # one line per exercise
    practice.check("lowercase-counter", count_words)    # for "write a function" exercises

The exercises live in data/exercises/<set>.json (the format: data/exercises/SCHEMA.md).
"""

from .compute import COMPUTATIONS, computation
from .content import KINDS, SetFileError, read_set, set_names, validate_set
from .feedback import Feedback
from .key import answer_key
from .practice import PracticeSet, practice_set

__all__ = ["COMPUTATIONS", "Feedback", "KINDS", "PracticeSet", "SetFileError", "answer_key",
           "computation", "practice_set", "read_set", "set_names", "validate_set"]
