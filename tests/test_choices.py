"""The learner's saved choice of what counts as the article: saving, loading, damage and applying it."""

import json
import os

import pytest

import newslab
from newslab import choices


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def post():
    return newslab.load_article("wapo-2015-09-19-kerry-assad")


@pytest.fixture(scope="module")
def invented():
    return newslab.load_article("invented-port-alder-bridge")


def test_nothing_saved_means_the_bundled_structure(home, post):
    assert choices.load_choice(post) == {}
    assert choices.article_with_my_choice(post) is post


def test_save_then_load_round_trip(home, post):
    path = choices.save_choice(post, {12: "body", "0": "caption"})
    assert path == home / "choices" / f"{post.id}.json"
    assert choices.load_choice(post) == {0: "caption", 12: "body"}
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["article"] == post.id and record["kinds"] == {"0": "caption", "12": "body"}


def test_the_choice_is_applied_only_when_asked(home, post):
    choices.save_choice(post, {12: "body"})
    mine = choices.article_with_my_choice(post)
    assert mine.paragraphs[12].kind == "body"
    assert len(mine.body) == len(post.body) + 1
    # Loading the article again gives the bundled structure: nothing else reads the choice.
    assert newslab.load_article(post.id).paragraphs[12].kind == "caption"


def test_only_the_differences_are_marked_as_corrected(home, post):
    choices.save_choice(post, {p.index: p.kind for p in post.paragraphs} | {21: "body"})
    mine = choices.article_with_my_choice(post)
    corrected = [p.index for p in mine.paragraphs if "corrected" in p.role]
    assert corrected == [21]


def test_choices_are_kept_per_article(home, post, invented):
    choices.save_choice(post, {12: "body"})
    assert choices.load_choice(invented) == {}
    choices.save_choice(invented, {0: "body"})
    assert choices.load_choice(post) == {12: "body"}
    assert choices.load_choice(invented) == {0: "body"}


def test_the_write_is_atomic_and_leaves_no_temporary_file(home, post, monkeypatch):
    choices.save_choice(post, {12: "body"})
    seen = {}
    real_replace = os.replace

    def replace(source, target):
        seen["source"], seen["target"] = str(source), str(target)
        assert json.loads(open(source, encoding="utf-8").read())["kinds"] == {"12": "caption"}
        # The old file is still complete while the new one is being written.
        assert json.loads(open(target, encoding="utf-8").read())["kinds"] == {"12": "body"}
        return real_replace(source, target)

    monkeypatch.setattr(choices.os, "replace", replace)
    choices.save_choice(post, {12: "caption"})
    assert seen["target"].endswith(f"{post.id}.json") and seen["source"] != seen["target"]
    assert sorted(p.name for p in (home / "choices").iterdir()) == [f"{post.id}.json"]


def test_a_failed_write_keeps_the_old_choice(home, post, monkeypatch):
    choices.save_choice(post, {12: "body"})

    def fail(source, target):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patched:
        patched.setattr(choices.os, "replace", fail)
        with pytest.raises(choices.ChoiceError):
            choices.save_choice(post, {12: "caption"})
    assert choices.load_choice(post) == {12: "body"}
    assert [p.name for p in (home / "choices").iterdir()] == [f"{post.id}.json"]


@pytest.mark.parametrize("damage", ["{not json", json.dumps([1, 2]), json.dumps({"format": "other", "kinds": {}}),
                                    json.dumps({"format": choices.FORMAT, "kinds": {"99": "body"}}),
                                    json.dumps({"format": choices.FORMAT, "kinds": {"3": "advert"}})])
def test_a_corrupt_file_is_moved_aside_with_a_warning(home, post, capsys, damage):
    path = choices.choice_path(post)
    path.parent.mkdir(parents=True)
    path.write_text(damage, encoding="utf-8")
    assert choices.load_choice(post) == {}
    out = capsys.readouterr()
    assert "Warning" in out.out and "moved to" in out.out and out.err == ""
    assert not path.exists()
    moved = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1 and moved[0].read_text(encoding="utf-8") == damage
    assert choices.article_with_my_choice(post) is post


def test_a_file_that_is_not_utf8_is_moved_aside(home, post, capsys):
    path = choices.choice_path(post)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe{}")
    assert choices.load_choice(post) == {}
    assert "not UTF-8" in capsys.readouterr().out


def test_a_choice_for_another_version_of_the_text_is_not_applied(home, post, capsys):
    path = choices.save_choice(post, {12: "body"})
    record = json.loads(path.read_text(encoding="utf-8"))
    record["text_sha256"] = "0" * 64
    path.write_text(json.dumps(record), encoding="utf-8")
    assert choices.load_choice(post) == {}
    assert "different version" in capsys.readouterr().out
    assert path.exists(), "a choice for another version is not corrupt: it stays where it is"


def test_a_home_that_cannot_be_written_gives_a_one_line_error(tmp_path, monkeypatch, post):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the home folder should be", encoding="utf-8")
    monkeypatch.setenv("NEWSLAB_HOME", str(blocker))
    with pytest.raises(choices.ChoiceError) as caught:
        choices.save_choice(post, {12: "body"})
    message = str(caught.value)
    assert "\n" not in message and "NEWSLAB_HOME" in message
    assert caught.value._render_traceback_() == [f"ChoiceError: {message}"]


def test_a_read_only_home_gives_a_one_line_error(home, post, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(choices.tempfile, "mkstemp", refuse)
    with pytest.raises(choices.ChoiceError, match="Permission denied") as caught:
        choices.save_choice(post, {12: "body"})
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("kinds, message", [({40: "body"}, "no paragraph 40"), ({3: "advert"}, "Unknown kind"),
                                            ({"three": "body"}, "not a paragraph number")])
def test_bad_choices_are_refused_before_saving(home, post, kinds, message):
    with pytest.raises(ValueError, match=message):
        choices.save_choice(post, kinds)
    assert not choices.choice_path(post).exists()


def test_forget_choice(home, post):
    assert choices.forget_choice(post) is False
    choices.save_choice(post, {12: "body"})
    assert choices.forget_choice(post) is True
    assert choices.load_choice(post) == {}


def test_the_sheet_saves_what_its_menus_show_and_resets(home, post):
    sheet = choices.choice_sheet(post)
    assert sheet.kinds() == {p.index: p.kind for p in post.paragraphs}
    sheet.menus[12].value = "body"
    message = sheet.save()
    assert "block 12 as body" in message and sheet.last == message
    assert choices.load_choice(post)[12] == "body"
    again = choices.choice_sheet(post)
    assert again.menus[12].value == "body", "a new sheet starts from the saved choice"
    assert "deleted" in again.reset()
    assert again.menus[12].value == "caption" and choices.load_choice(post) == {}


def test_the_sheet_reports_a_failed_save_in_one_line(tmp_path, monkeypatch, post):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("NEWSLAB_HOME", str(blocker))
    sheet = choices.choice_sheet(post)
    assert sheet.save().startswith("Not saved: Could not save your choice")
