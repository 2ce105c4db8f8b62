"""Lesson 11 (capstone): the notebook's findings on the Post article (second text: the invented one) and the other
way round, the second text given by NEWSLAB_SECOND_ARTICLE (an id, or a path to a transcript-like text), a bad
SECOND_TEXT reported in one line, the paste box inside a kernel, and every exercise of the set answered.

Expected values are written out by reading the texts in data/articles/ and the test text in test_compare.py.
"""

import re

import nbformat
import pytest
from nbclient import NotebookClient

from newslab import compare
from newslab.exercises import PracticeSet, compute_11, read_set  # noqa: F401  (compute_11 registers the set's computations)
from tests.notebook_runner import DUMP_CELL, ROOT, SESSION_DIR, kernel_env, notebook_values, problems_in
from tests.test_compare import EXPECTED_STATUS, TRANSCRIPT_LIKE

LESSON = "notebooks/11_capstone.ipynb"
PRACTICE = "exercises/11_capstone.ipynb"
POST = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


@pytest.fixture(scope="module")
def post():
    return notebook_values(LESSON, "post")


@pytest.fixture(scope="module")
def invented():
    return notebook_values(LESSON, "invented")


def run(article, tmp_path, second_env=None, second_text=None, extra_code=""):
    """Run a copy of the lesson with NEWSLAB_SECOND_ARTICLE and/or SECOND_TEXT set: (values, outputs, problems)."""
    import json
    notebook = nbformat.read(ROOT / LESSON, as_version=4)
    if second_text is not None:
        cells = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith("SECOND_TEXT = ")]
        assert len(cells) == 1, "the lesson must set SECOND_TEXT in one cell of its own"
        cells[0].source = f"SECOND_TEXT = {second_text!r}"
    if extra_code:
        notebook.cells.append(nbformat.v4.new_code_cell(extra_code))
    dump = tmp_path / "values.json"
    notebook.cells.append(nbformat.v4.new_code_cell(DUMP_CELL % str(dump)))
    env = kernel_env(article, home=tmp_path / "home")
    env.pop(compare.SECOND_ENV, None)
    if second_env:
        env[compare.SECOND_ENV] = second_env
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute(env=env, cwd=str(ROOT / "notebooks"))
    values = json.loads(dump.read_text(encoding="utf-8")) if dump.exists() else {}
    outputs = "\n".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", [])
                        if o.get("output_type") == "stream")
    return values, outputs, problems_in(notebook)


# ---------------------------------------------------------------- the Post article, the invented one second

def test_post_chooses_the_invented_article(post):
    assert (post["second_source"], post["second_id"]) == ("default", INVENTED)


def test_post_size_and_page_furniture(post):
    # Post: 22 blocks, captions 0 and 12, "Read more" 18 with headlines 19–21; 809 words (lesson 07), 39
    # sentences by reading, 44 from sent_tokenize (paragraph 15 in 10 pieces instead of 5). Invented: 11 blocks,
    # caption 0, related 8–10; 155 words between spaces plus "cannot" split in two: 156; 11 sentences.
    assert post["size"] == {
        "first": {"blocks": 22, "body paragraphs": 16, "captions": 2, "related links": 4, "body words": 809,
                  "body sentences": 44},
        "second": {"blocks": 11, "body paragraphs": 7, "captions": 1, "related links": 3, "body words": 156,
                   "body sentences": 11}}
    assert post["length_ratio"] == 0.19  # 156 / 809


def test_post_top_words(post):
    assert post["top_words"]["first"] == [["said", 12], ["syria", 12], ["kerry", 9], ["russia", 9], ["assad", 8],
                                          ["state", 7], ["islamic", 6], ["united", 5], ["negotiate", 5], ["isil", 5]]
    assert post["top_words"]["second"][:3] == [["said", 4], ["bridge", 4], ["ruiz", 3]]
    assert post["shared_top_words"] == ["said"]


def test_post_selection_finds_none_of_its_quotes_in_the_invented_article(post):
    # 14 quotes in quotation marks (lesson 07: 11 direct, 3 partial); none is in a story about a bridge
    assert post["quotes_checked"] == 14
    assert [row["status"] for row in post["selection"]] == ["not found"] * 14
    assert [row["paragraph"] for row in post["selection"]] == [3, 3, 4, 5, 5, 6, 6, 8, 8, 10, 15, 15, 17, 17]
    assert (post["exact_count"], post["near_count"], post["found_share"]) == (0, 0, 0.0)
    assert post["near_differences"] == [] and post["quoted_share_of_second"] == 0.0
    assert post["same_as_package"] is True


def test_post_naming(post):
    first = post["naming"]["first"]
    # the officials say ISIL (inside quotation marks), the reporter says Islamic State (¶2, 8, 11 ×2, 14, 16)
    assert first["Islamic State"] == {"reporter": {"Islamic State": 6}, "quoted": {"ISIL": 5}}
    # the reporter: "Syrian President Bashar al-Assad" (¶1), "Assad" in ¶11 ×2 and ¶14 (two more are in related
    # headlines, not the body); inside quotation marks ¶3, ¶4, ¶5, ¶15 ×2
    assert first["Bashar al-Assad"] == {"reporter": {"Syrian President Bashar al-Assad": 1, "Assad": 3},
                                        "quoted": {"Assad": 5}}
    assert post["naming"]["second"]["Elena Ruiz"] == {"reporter": {"Mayor Elena Ruiz": 1, "Ruiz": 2}, "quoted": {}}
    assert post["actors_in_both"] == [] and post["named_differently"] == {}


def test_post_voices(post):
    assert post["people_quoted"] == {"first": ["Hammond", "Kerry"], "second": ["Becker", "Ruiz"]}
    assert post["quoted_share_of_body"] == {"first": 0.465, "second": 0.346}  # 376 / 809 and (37 + 17) / 156
    assert post["most_quoted"] == {"first": "Kerry", "second": "Ruiz"}
    assert post["speakers"]["first"]["Hammond"]["quoted_words"] == 43
    assert post["speakers"]["second"]["Becker"]["verbs"] == {"said": 3}


def test_post_tone(post):
    # checked against VADER called directly (quotation marks removed) in test_compare.py; the Post's mean sits on
    # the +0.05 cut-off, the invented one is below -0.05 once its quoted words ("accident", "worse") count
    assert post["tone_means"]["first"] == pytest.approx(0.0505, abs=1e-4)
    assert post["tone_means"]["second"] == pytest.approx(-0.1797, abs=1e-4)
    assert post["tone_difference"] == pytest.approx(-0.2302, abs=1e-4)


def test_post_frame_cues(post):
    # read from the texts: see test_compare.test_profile_of_both_articles
    assert post["cue_shares"]["first"] == {"responsibility": 0.562, "human-interest": 0.188, "conflict": 0.5,
                                           "morality": 0.0, "economic": 0.0}
    assert post["cue_shares"]["second"]["economic"] == 0.429
    assert post["lead_frames"] == {"first": ["responsibility", "conflict"], "second": ["economic"]}
    assert post["same_measures"] is True


# ---------------------------------------------------------------- the invented article, the Post second

def test_invented_chooses_the_post_and_mirrors_the_findings(invented):
    assert (invented["second_source"], invented["second_id"]) == ("default", POST)
    assert invented["size"]["first"]["body words"] == 156 and invented["size"]["second"]["body words"] == 809
    assert invented["length_ratio"] == 5.19  # 809 / 156
    # Ruiz ¶3 ×2, ¶4; Becker ¶5 (partial), ¶6 ×2
    assert invented["quotes_checked"] == 6 and invented["found_share"] == 0.0
    assert invented["most_quoted"] == {"first": "Ruiz", "second": "Kerry"}
    assert invented["lead_frames"] == {"first": ["economic"], "second": ["responsibility", "conflict"]}
    assert invented["tone_difference"] == pytest.approx(0.2302, abs=1e-4)
    assert invented["same_as_package"] is True and invented["same_measures"] is True


# ---------------------------------------------------------------- the other ways in

@pytest.mark.notebooks
def test_second_article_from_the_environment_by_id(tmp_path):
    values, outputs, problems = run("invented", tmp_path, second_env=POST)
    assert not problems, problems
    assert (values["second_source"], values["second_id"]) == (compare.SECOND_ENV, POST)
    assert f"The second text comes from {compare.SECOND_ENV} ({POST})." in outputs
    assert values["quotes_checked"] == 6 and values["size"]["second"]["body words"] == 809


@pytest.mark.notebooks
def test_bad_second_text_then_a_transcript_from_the_environment_then_a_paste(tmp_path):
    transcript = tmp_path / "transcript-like.txt"
    transcript.write_text(TRANSCRIPT_LIKE, encoding="utf-8")
    paste = (f"paste.text.value = {TRANSCRIPT_LIKE!r}\n"
             "paste.button.click()\n"
             "pasted_message = paste.message\n"
             "pasted_id = paste.article.id if paste.article else None\n"
             "bad_paste = compare.PasteBox()\n"
             "bad_paste.use('<html><body>' + '<p>x</p>' * 6 + '</body></html>')\n"
             "bad_message = bad_paste.message\n")
    values, outputs, problems = run("post", tmp_path, second_env=str(transcript),
                                    second_text="no-such-folder/my-text.txt", extra_code=paste)
    assert not problems, problems
    # the bad path: one line, then the environment variable's text
    line = next(l for l in outputs.splitlines() if l.startswith("SECOND_TEXT could not be loaded: "))
    assert "No file at no-such-folder/my-text.txt" in line and f"comes from {compare.SECOND_ENV}" in line
    assert "Traceback" not in outputs
    assert (values["second_source"], values["second_id"]) == (compare.SECOND_ENV, "transcript-like")
    # selection, read by hand in test_compare.py: 4 exact, 3 near, 7 not found
    assert [row["status"] for row in values["selection"]] == EXPECTED_STATUS
    assert (values["exact_count"], values["near_count"], values["found_share"]) == (4, 3, 0.5)
    assert [d["differences"] for d in values["near_differences"]] == [[], [["done", ""]],
                                                                       [["could", "can"], ["they are", "they're"]]]
    assert values["quoted_share_of_second"] == round(187 / 219, 3)
    assert "the same words; only punctuation or capitals differ" in outputs  # “… negotiate? Really …” / “…, really …”
    # naming: no quotation marks in a transcript, so no quoted voice; the group's names differ
    assert all(not by_voice["quoted"] for by_voice in values["naming"]["second"].values())
    assert values["named_differently"]["Islamic State"] == {"first": ["ISIL", "Islamic State"],
                                                            "second": ["Daesh", "ISIL"]}
    assert "Syria" in values["actors_in_both"] and "Syria" not in values["named_differently"]
    assert values["same_as_package"] is True and values["same_measures"] is True
    # the paste box in a kernel: saved under NEWSLAB_HOME, loaded; bad text gets one line
    assert values["pasted_id"] == "pasted-text"
    saved = tmp_path / "home" / "capstone" / "second-text.txt"
    assert saved.read_text(encoding="utf-8") == TRANSCRIPT_LIKE
    assert values["pasted_message"].startswith("Loaded: 6 body paragraphs")
    assert values["bad_message"].startswith("Not loaded: pasted-text looks like HTML")


# ---------------------------------------------------------------- the practice set

def test_practice_notebook_shows_at_least_six_exercises_of_three_kinds():
    notebook = nbformat.read(ROOT / PRACTICE, as_version=4)
    shown = {i for c in notebook.cells if c.cell_type == "code" for i in re.findall(r'practice\.(?:show|check)\("([^"]+)"', c.source)}
    kinds = {e["id"]: e["kind"] for e in read_set("11_capstone")["exercises"]}
    assert len(shown) >= 6 and len({kinds[i] for i in shown}) >= 3
    lesson = nbformat.read(ROOT / LESSON, as_version=4)
    in_lesson = {i for c in lesson.cells if c.cell_type == "code" for i in re.findall(r'checks\.show\("([^"]+)"', c.source)}
    assert shown | in_lesson == set(kinds), "every exercise of the set is shown in the lesson or the practice set"


@pytest.fixture
def practice(tmp_path, monkeypatch):
    import newslab
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(compare.SECOND_ENV, raising=False)

    def make(article_id):
        return PracticeSet(read_set("11_capstone"), article=newslab.load_article(article_id))
    return make


def test_right_answers(practice):
    for article_id, checked, direction in ((POST, 14, "lower"), (INVENTED, 6, "higher")):
        s = practice(article_id)
        assert s["which-second"].answer("post").right
        assert s["check-the-loader"].answer(["kinds", "edit"]).right
        assert s["transcript-voice"].answer("marks").right
        assert s["exact-or-near"].answer("near").right
        assert s["one-word-quote"].answer("context").right
        assert s["longer-text-more-cues"].answer("shares").right
        assert s["found-share"].answer("79").right and s["found-share"].answer("78.6").right
        assert s["quotes-to-check"].answer(str(checked)).right
        # 21 quotes in all on the Post (lesson 07), 8 on the invented article: the typical wrong answer
        wrong = s["quotes-to-check"].answer("21" if article_id == POST else "8")
        assert not wrong.right and "indirect speech included" in wrong.text
        assert s["tone-higher-or-lower"].result() == direction


def test_the_normalise_function_exercise(practice):
    s = practice(POST)

    def good(text):
        for curly, straight in [("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")]:
            text = text.replace(curly, straight)
        return " ".join(text.split())

    def starter(text):
        return text.replace("“", '"').replace("”", '"')

    def no_squeeze(text):
        return good(text).replace("Assad has", "Assad  has") if "Assad" in text else good(text)

    exercise = s["normalise-quotes"]
    assert exercise.check(good).key == "right"
    assert exercise.check(starter).key == "case:0:wrong:0" and "apostrophe" in exercise.last_feedback.text
    assert exercise.check(no_squeeze).key == "case:2:wrong:0" and "Two spaces are left" in exercise.last_feedback.text


def test_interpretive_exercises_never_mark_a_reading_wrong(practice):
    s = practice(POST)
    for option in ("a", "b", "c", "d", "e", "f"):
        s["headline-change"].reset()
        feedback = s["headline-change"].answer(option)
        assert feedback.key == f"option:{option}" and "team reads F" in feedback.text
    sheet = s["lead-salience"]
    assert sheet.interpretive
