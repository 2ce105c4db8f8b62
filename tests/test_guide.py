"""For instructors: a complete plan per lesson, a generated guide, answer key and syllabus that are current,
a Binder and a JupyterHub link per lesson in the README, and a doctor that explains a hub's data-folder mistakes."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newslab import catalogue, config, docs, guide, links
from tests.notebook_runner import ROOT

LESSONS = catalogue.entries("lesson")
LESSON_IDS = [e.lesson for e in LESSONS]


# ---------------------------------------------------------------- plans

@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_every_lesson_has_a_complete_plan(lesson):
    path = guide.plan_path(lesson)
    assert path.exists(), (f"lesson {lesson.lesson} ({lesson.path}) has no instructor's plan: write "
                           f"{path.relative_to(ROOT)} in the format CONTRIBUTING.md gives")
    problems = guide.plan_problems(lesson, path.read_text(encoding="utf-8"), guide.exercise_ids(lesson.lesson))
    assert not problems, "\n".join(problems)


GOOD_PLAN = """# 00 · Start here
## 50-minute session
- 0–20 min: demonstration.
- 20–50 min: the practice set.
## 90-minute session
- 0-45 min: demonstration.
- 45-90 min: the practice set.
## Discussion prompts
- What counts as the article?
## Misconceptions
- *Everything in the file is the story.* Surfaced by: `video-caption`, `page-furniture`.
"""


def lesson_00():
    return next(e for e in LESSONS if e.lesson == "00")


KNOWN = {"video-caption": "00_tour", "page-furniture": "00_tour"}


def test_the_plan_checker_accepts_the_format_of_contributing():
    assert guide.plan_problems(lesson_00(), GOOD_PLAN, KNOWN) == []


@pytest.mark.parametrize("change, complaint", [
    (("## Discussion prompts\n- What counts as the article?\n", ""), "'## Discussion prompts' is missing"),
    (("## Misconceptions\n", "## Common errors\n"), "'## Misconceptions' is missing"),
    (("- 0–20 min: demonstration.", "- demonstration first."), "every item starts with its time"),
    (("- 20–50 min", "- 25–50 min"), "should start at minute 20"),
    (("45-90 min", "45-80 min"), "ends at minute 80, not 90"),
    (("`page-furniture`", "`page-furnture`"), "names `page-furnture`, which is not an exercise"),
    ((" Surfaced by: `video-caption`, `page-furniture`.", ""), "without 'Surfaced by"),
    (("# 00 · Start here", "# Lesson zero"), "the first line must be '# 00 · Start here'"),
    (("- What counts as the article?", "What counts as the article?"), "'## Discussion prompts' has no list items"),
])
def test_the_plan_checker_names_what_a_plan_misses(change, complaint):
    old, new = change
    assert old in GOOD_PLAN
    problems = guide.plan_problems(lesson_00(), GOOD_PLAN.replace(old, new), KNOWN)
    assert any(complaint in p for p in problems), problems


def test_surfaced_by_ids_are_looked_up_in_the_lessons_own_sets():
    ids = guide.exercise_ids("00")
    for s in guide.sets_for("00"):
        for exercise in s.exercises:
            assert ids[exercise["id"]] == s.name
    assert "no-such-exercise" not in ids


# ---------------------------------------------------------------- generated files

@pytest.fixture(scope="module")
def generated():
    """Everything python -m newslab docs writes, generated once for this module (the answer key takes seconds)."""
    return docs.outputs()


@pytest.mark.parametrize("path", [guide.SYLLABUS, guide.GUIDE, guide.ANSWER_KEY], ids=lambda p: p.name)
def test_generated_file_is_current(path, generated):
    assert path in generated, f"docs.outputs() does not generate {path.relative_to(ROOT)}"
    assert path.exists() and path.read_text(encoding="utf-8") == generated[path], \
        f"{path.relative_to(ROOT)} is out of date: run python -m newslab docs"


def test_staleness_is_detected(monkeypatch):
    # A new objective in a notebook's metadata must change the syllabus and the guide.
    entries = catalogue.entries

    def with_extra_objective(kind=None):
        found = entries(kind)
        for e in found:
            if e.kind == "lesson" and e.lesson == "00":
                e.meta = {**e.meta, "objectives": [*e.meta["objectives"], {"id": "00.9", "text": "A new objective."}]}
        return found

    monkeypatch.setattr(catalogue, "entries", with_extra_objective)
    for path, text in ((guide.SYLLABUS, guide.syllabus_markdown()), (guide.GUIDE, guide.guide_markdown())):
        assert "00.9: A new objective." in text
        assert text != path.read_text(encoding="utf-8"), f"{path.name} did not change with the metadata"


def test_syllabus_and_guide_cover_every_lesson_and_objective():
    syllabus = guide.SYLLABUS.read_text(encoding="utf-8")
    guide_text = guide.GUIDE.read_text(encoding="utf-8")
    for e in LESSONS:
        heading = f"## {e.lesson} · {e.title}"
        assert heading in syllabus and heading in guide_text
        for objective in e.objectives:
            assert f"{objective['id']}: {objective['text']}" in syllabus
            assert f"{objective['id']}: " in guide_text
        teaching, exercises = e.minutes["teaching"], e.minutes["exercises"]
        assert f"{teaching} minutes of teaching, {exercises} minutes of exercises" in syllabus
    total = sum(e.minutes["teaching"] + e.minutes["exercises"] for e in LESSONS)
    assert f"{len(LESSONS)} lessons:" in syllabus and guide._hours(total) in syllabus


def test_guide_lists_each_exercise_under_its_objective():
    guide_text = guide.GUIDE.read_text(encoding="utf-8")
    lesson_numbers = {e.lesson for e in LESSONS}
    for s in guide.exercise_sets():
        if s.lesson not in lesson_numbers:
            continue
        for exercise in s.exercises:
            rows = [line for line in guide_text.splitlines() if f"`{exercise['id']}` ({s.name}," in line]
            assert rows, f"{s.name}/{exercise['id']} is not in the guide"
            assert any(line.startswith(f"| {exercise.get('objective')}") for line in rows), \
                f"{s.name}/{exercise['id']} is not in the row of its objective {exercise.get('objective')}"


def rationales(value, inside=False):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from rationales(v, inside or k == "rationale")
    elif isinstance(value, list):
        for v in value:
            yield from rationales(v, inside)
    elif isinstance(value, str) and inside:
        yield value


def test_answer_key_has_every_exercise_and_gives_reasons_for_interpretive_ones():
    key = guide.ANSWER_KEY.read_text(encoding="utf-8")
    assert len(key.splitlines()) < 1000, "the answer key must fit a class: under 1,000 lines for the whole course"
    for path in sorted(config.EXERCISES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert f"## {data['set']}: {data['title']}" in key, f"{path.name} has no section in the answer key"
        for exercise in data["exercises"]:
            assert f"`{exercise['id']}`" in key, f"{path.name}: {exercise['id']} is not in the answer key"
            if exercise.get("interpretive") and exercise.get("reference"):
                reasons = list(rationales(exercise["reference"]))
                assert reasons, f"{path.name}: the interpretive exercise {exercise['id']} has no rationale"
                for reason in reasons:
                    if reason.startswith("The reference marks no "):  # collapsed: one line per paragraph note
                        reason = reason.split("Its paragraph, in the reference reading: ", 1)[-1]
                    assert reason in key, f"{path.name}/{exercise['id']}: a rationale is missing from the key: {reason[:60]}"


def test_answer_key_is_written_for_the_post_article_whatever_the_setting(monkeypatch, generated):
    monkeypatch.setenv("NEWSLAB_ARTICLE", "invented-port-alder-bridge")
    assert guide.answer_key_markdown() == generated[guide.ANSWER_KEY]


def test_heading_demotion_leaves_code_alone():
    text = "# Title\n## Part\n```\n# a comment\n```\n###### deepest"
    assert guide.demote(text, 1) == "## Title\n### Part\n```\n# a comment\n```\n###### deepest"


def test_docs_check_reports_a_stale_file(tmp_path, monkeypatch):
    target = tmp_path / "SYLLABUS.md"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(config, "ROOT", tmp_path)
    monkeypatch.setattr(docs, "outputs", lambda: {target: "new\n"})
    assert docs.stale() == [target]
    assert docs.main(["--check"]) == 1
    assert docs.main([]) == 0 and target.read_text(encoding="utf-8") == "new\n"
    assert docs.main(["--check"]) == 0


# ---------------------------------------------------------------- links in the README and the written pages

def readme():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_has_a_binder_and_a_hub_link_per_lesson():
    block = readme().split(docs.START, 1)[1].split(docs.END, 1)[0]
    rows = [line for line in block.splitlines() if re.match(r"^\| \d\d[a-z]? \|", line)]
    assert [row.split("|")[1].strip() for row in rows] == LESSON_IDS
    for e, row in zip(LESSONS, rows):
        assert f"({links.binder_url(e.path)})" in row, f"lesson {e.lesson}: no Binder link opening {e.path}"
        assert f"({links.nbgitpuller_url(e.path)})" in row, f"lesson {e.lesson}: no nbgitpuller link opening {e.path}"
        assert "lab/tree/notebooks/" in links.binder_url(e.path)
        assert "branch=main" in links.nbgitpuller_url(e.path)


def test_readme_sections_for_hubs_offline_rooms_and_instructors():
    text = readme()
    for heading in ("## On a JupyterHub", "## Without internet", "## For instructors"):
        assert heading in text, f"README.md has no section {heading!r}"
    for target in ("SYLLABUS.md", "instructors/GUIDE.md", "instructors/ANSWER_KEY.md", "instructors/JUPYTERHUB.md",
                   "instructors/OFFLINE.md", "instructors/plans/"):
        assert f"]({target})" in text, f"README.md does not link to {target}"
    assert "python -m newslab bundle" in text and "--no-index --find-links wheelhouse" in text


WRITTEN = ["README.md", "SYLLABUS.md", "instructors/GUIDE.md", "instructors/ANSWER_KEY.md", "instructors/JUPYTERHUB.md",
           "instructors/OFFLINE.md", *sorted(p.relative_to(ROOT).as_posix() for p in guide.PLANS.glob("*.md"))]


@pytest.mark.parametrize("name", WRITTEN)
def test_local_links_resolve(name):
    path = ROOT / name
    text = path.read_text(encoding="utf-8")
    for label, target in re.findall(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)", text):
        assert label.strip().lower() not in {"here", "click here", "this", "link", "more"}, f"{name}: vague link {label!r}"
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        assert (path.parent / target.split("#")[0]).exists(), f"{name}: the link to {target} does not resolve"


def test_hub_setup_page_pins_and_protects_the_data():
    text = (ROOT / "instructors" / "JUPYTERHUB.md").read_text(encoding="utf-8")
    for needed in ("requirements.txt", "python -m newslab setup --dir /usr/local/share/nltk_data",
                   "chown -R root:root", "chmod -R go-w", "python -m newslab check", "user-redirect/git-pull"):
        assert needed in text, f"instructors/JUPYTERHUB.md does not mention {needed!r}"


# ---------------------------------------------------------------- the doctor on a hub's mistakes

def check_with_data(folder: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("NLTK_DATA", "PYTHONPATH")}
    env["HOME"] = str(tmp_path / "home")
    code = (f"import sys, nltk; nltk.data.path[:] = [{str(folder)!r}]\n"
            "from newslab import doctor; sys.exit(doctor.main([]))")
    return subprocess.run([sys.executable, "-W", "ignore", "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def shared_copy(tmp_path: Path) -> Path:
    """A copy of the stopwords folder of the shared data, private and owned by this account."""
    data = tmp_path / "nltk_data"
    (data / "corpora" / "stopwords").mkdir(parents=True)
    (data / "corpora" / "stopwords" / "english").write_text("the\nof\n", encoding="utf-8")
    for p in [data, *data.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return data


def fix_lines(result):
    return [line for line in result.stdout.splitlines() if line.startswith("→ ")]


def test_check_gives_the_fix_for_group_writable_hub_data(tmp_path):
    data = shared_copy(tmp_path)
    for p in [data, *data.rglob("*")]:
        p.chmod(0o775 if p.is_dir() else 0o664)  # what a fix-permissions step in an image does
    result = check_with_data(data, tmp_path)
    assert result.returncode == 1
    assert "can be written by other accounts" in result.stdout and "mode 775" in result.stdout
    assert any(f"chmod -R go-w {data}" in line for line in fix_lines(result)), result.stdout
    assert "first fix the data folders above" in result.stdout


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give files to another account")
def test_check_gives_the_fix_for_hub_data_owned_by_another_account(tmp_path):
    data = shared_copy(tmp_path)
    for p in [data, *data.rglob("*")]:
        os.chown(p, 1000, 1000)  # e.g. jovyan built the image's data, and the hub's users are other accounts
    result = check_with_data(data, tmp_path)
    assert result.returncode == 1
    assert "(uid 1000)" in result.stdout and "NLTK refuses data owned by another account unless root owns it" in result.stdout
    assert any(f"chown -R root:root {data}" in line for line in fix_lines(result)), result.stdout
    assert "can be written by other accounts" not in result.stdout  # the modes are fine: only the owner is named
    # Once root owns it, the folder passes.
    for p in [data, *data.rglob("*")]:
        os.chown(p, 0, 0)
    assert "belongs to" not in check_with_data(data, tmp_path).stdout


def test_check_gives_the_fix_for_unreadable_hub_data(tmp_path, monkeypatch, capsys):
    from newslab import doctor

    data = shared_copy(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p).endswith("english") else real_access(p, mode))
    lines = doctor.data_folder_problems(data)
    assert ("PROBLEM", f"NLTK data in {data} cannot be read by you (1 files and folders, e.g. "
                       f"{data / 'corpora' / 'stopwords' / 'english'}); NLTK reports it as missing.") in lines
    assert any(level == "fix" and f"chmod -R a+rX {data}" in text for level, text in lines)


def test_check_is_quiet_about_a_correct_data_folder(tmp_path):
    data = shared_copy(tmp_path)
    result = check_with_data(data, tmp_path)
    assert "can be written" not in result.stdout and "belongs to" not in result.stdout
    assert "cannot be read" not in result.stdout
