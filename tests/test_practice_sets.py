"""Every lesson has a practice set that fits the course's rules, and every exercise a notebook shows exists."""

import json
import re

import pytest

from newslab import catalogue, config
from tests.notebook_runner import ROOT, all_notebooks

LESSONS = [e for e in catalogue.entries("lesson") if e.lesson != "00"]
SHOWN = re.compile(r'(\w+)\s*=\s*practice_set\("([^"]+)"\)|(\w+)\.(?:show|check)\("([^"]+)"')


def set_file(lesson):
    return config.EXERCISES / f"{ROOT.joinpath(lesson.path).stem}.json"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda e: e.lesson)
def test_each_lesson_has_a_practice_set_of_six_exercises_of_three_kinds(lesson):
    data = json.loads(set_file(lesson).read_text(encoding="utf-8"))
    assert catalogue.practice_for(lesson) is not None, f"lesson {lesson.lesson} has no practice notebook"
    assert len(data["exercises"]) >= 6, f"{set_file(lesson).name}: fewer than six exercises"
    assert len({e["kind"] for e in data["exercises"]}) >= 3, f"{set_file(lesson).name}: fewer than three kinds"
    assert data["objectives"] == lesson.objectives, f"{set_file(lesson).name}: objectives differ from the lesson's"
    served = {e["objective"] for e in data["exercises"]}
    assert served <= {o["id"] for o in lesson.objectives}


@pytest.mark.parametrize("path", all_notebooks())
def test_every_exercise_a_notebook_shows_exists(path):
    source = "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                       for c in json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
                       if c["cell_type"] == "code")
    sets = {}
    for variable, set_name, owner, exercise_id in SHOWN.findall(source):
        if set_name:
            sets[variable] = {e["id"] for e in json.loads((config.EXERCISES / f"{set_name}.json")
                                                         .read_text(encoding="utf-8"))["exercises"]}
        elif owner in sets:
            assert exercise_id in sets[owner], f"{path} shows {exercise_id!r}, which its set does not have"


def shown_ids(path) -> set:
    source = "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                       for c in json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
                       if c["cell_type"] == "code")
    return {exercise_id for _, _, owner, exercise_id in SHOWN.findall(source) if exercise_id}


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda e: e.lesson)
def test_every_exercise_of_a_set_is_shown_in_the_lesson_or_its_practice_set(lesson):
    data = json.loads(set_file(lesson).read_text(encoding="utf-8"))
    shown = shown_ids(lesson.path) | shown_ids(catalogue.practice_for(lesson).path)
    unshown = [e["id"] for e in data["exercises"] if e["id"] not in shown]
    assert not unshown, f"{set_file(lesson).name}: exercises no notebook shows: {unshown}"
