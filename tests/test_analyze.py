"""`python -m newslab analyze`: the JSON shape, the summary, folders, bad input, and never a crash."""

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslab import analyze, config, load_article
from newslab.article import ArticleError

WAPO, INVENTED = config.DEFAULT_ARTICLE, config.INVENTED_ARTICLE
TOP_KEYS = {"paragraphs", "quotes", "mentions", "tone"}
ITEM_KEYS = {
    "paragraphs": {"index", "kind", "text"},
    "quotes": {"paragraph", "speaker", "cue", "text", "verb", "kind", "full_name", "speaker_kind"},
    "mentions": {"paragraph", "text", "actor", "voice"},
    "tone": {"paragraph", "compound"},
}
GOOD_TEXT = "“We are ready,” Kerry said in London.\n\nHammond said Britain agrees.\n"


def run(capsys, *argv):
    code = analyze.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def check_shape(report, article=None):
    assert set(report) == TOP_KEYS
    for name, keys in ITEM_KEYS.items():
        assert isinstance(report[name], list)
        for item in report[name]:
            assert set(item) == keys, (name, item)
    blocks = report["paragraphs"]
    assert [p["index"] for p in blocks] == list(range(len(blocks)))
    assert all(p["kind"] in ("body", "caption", "related") for p in blocks)
    body = {p["index"] for p in blocks if p["kind"] == "body"}
    for q in report["quotes"]:
        assert q["kind"] in ("direct", "partial", "indirect", "term", "title") and q["paragraph"] in body
        assert q["speaker_kind"] in ("person", "organisation", "nominal", None)
        assert (q["speaker"] is None) == (q["speaker_kind"] is None)
        assert q["speaker"] is None or q["kind"] not in ("term", "title")
    for m in report["mentions"]:
        assert m["voice"] in ("quoted", "reporter") and 0 <= m["paragraph"] < len(blocks)
        assert m["text"] in blocks[m["paragraph"]]["text"]
    for t in report["tone"]:
        assert -1 <= t["compound"] <= 1 and 0 <= t["paragraph"] < len(blocks)
    if article is not None:
        assert [(p["index"], p["kind"], p["text"]) for p in blocks] == \
               [(p.index, p.kind, p.text) for p in article.paragraphs]


def one_line_error(err):
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("newslab analyze: ") and "Traceback" not in err
    return lines[0]


# ---------------------------------------------------------------- the bundled article

def test_json_has_exactly_the_keys_of_the_issue(capsys):
    code, out, err = run(capsys, WAPO, "--json")
    assert code == 0 and not err
    report = json.loads(out)
    check_shape(report, load_article(WAPO))
    kinds = {p["index"]: p["kind"] for p in report["paragraphs"]}
    assert kinds[0] == kinds[12] == "caption" and {kinds[i] for i in range(18, 22)} == {"related"}
    assert {i for i, k in kinds.items() if k == "body"} == set(range(1, 12)) | set(range(13, 18))


@pytest.mark.parametrize("article_id", [WAPO, INVENTED])
def test_json_quotes_are_the_reference(capsys, article_id):
    report = json.loads(run(capsys, article_id, "--json")[1])
    with open(config.DATA / "reference" / f"quotes-{article_id}.json", encoding="utf-8") as f:
        expected = [{k: v for k, v in q.items() if k != "paragraphs"} for q in json.load(f)["quotes"]]
    assert report["quotes"] == expected


def test_json_tone_and_mentions_cover_the_article(capsys):
    report = json.loads(run(capsys, WAPO, "--json")[1])
    assert [t["paragraph"] for t in report["tone"]] == [p["index"] for p in report["paragraphs"]]
    isil = [m for m in report["mentions"] if m["text"] == "ISIL"]
    assert isil and all(m["voice"] == "quoted" for m in isil)


def test_readable_summary(capsys):
    code, out, err = run(capsys, WAPO)
    assert code == 0 and not err
    assert out.startswith(load_article(WAPO).describe())
    for words in ("Kerry", "Hammond", "never quoted", "Bashar al-Assad", "“ISIL”", "Tone", "VADER"):
        assert words in out, words
    assert not out.lstrip().startswith("{")


def test_summary_of_the_invented_article_says_it_is_invented(capsys):
    code, out, _ = run(capsys, INVENTED)
    assert code == 0 and "INVENTED" in out and "Ruiz" in out and "Becker" in out


def test_help_and_usage_errors(capsys):
    assert run(capsys, "--help")[0] == 0
    code, _, err = run(capsys)
    assert code == 2 and "usage" in err and "Traceback" not in err


def test_the_command_is_wired_and_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    env = {**os.environ, "NLTK_DATA": os.environ.get("NLTK_DATA", "")}
    result = subprocess.run([sys.executable, "-m", "newslab", "analyze", str(bad)], cwd=config.ROOT,
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "empty" in result.stderr


# ---------------------------------------------------------------- bad input

BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (bytes(range(256)) * 4, "not a text file"),
    "latin1.txt": ("Kerry said the café is closed.\n\nHammond agreed.".encode("latin-1"), "not UTF-8"),
    "page.txt": (b"<!DOCTYPE html><html><body><p>Kerry said</p></body></html>", "HTML"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_alone_exits_2_with_one_line(capsys, tmp_path, name):
    data, words = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, str(path), "--json")
    assert code == 2 and out == ""
    assert words in one_line_error(err)


def test_the_message_is_the_loaders(capsys, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"   \n")
    with pytest.raises(ArticleError) as problem:
        load_article(path)
    assert one_line_error(run(capsys, str(path))[2]) == f"newslab analyze: {problem.value}"


def test_a_missing_path_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path / "nowhere.txt"))
    assert code == 2 and out == "" and "No file at" in one_line_error(err)


def test_an_unknown_id_exits_2(capsys):
    code, _, err = run(capsys, "no-such-article")
    assert code == 2 and "No article with id" in one_line_error(err)


def test_an_empty_folder_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path))
    assert code == 2 and out == "" and "no .txt files" in err


# ---------------------------------------------------------------- folders

def test_a_folder_with_one_bad_file(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.txt").write_bytes((config.ARTICLES / f"{INVENTED}.txt").read_bytes())
    (tmp_path / "notes.md").write_text("not analysed", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path))
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [os.path.basename(r["file"]) for r in records] == ["a.txt", "c.txt"]
    for record in records:
        check_shape({k: v for k, v in record.items() if k != "file"})
    assert records[1]["quotes"][0]["speaker"] == "Ruiz"
    errors = [line for line in err.replace("\r", "\n").splitlines() if line.startswith("newslab analyze:")]
    assert len(errors) == 1 and "b.txt" in errors[0] and "Traceback" not in err
    assert "[" in err and "3/3" in err, "a progress bar on stderr"


def test_a_folder_of_good_files_exits_0(capsys, tmp_path):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(GOOD_TEXT, encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path), "--json")
    assert code == 0 and len(out.splitlines()) == 2 and "2/2" in err


def test_several_inputs_with_one_bad_exit_1(capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    code, out, err = run(capsys, str(good), str(tmp_path / "missing.txt"), WAPO)
    assert code == 1
    assert [json.loads(line)["file"] for line in out.splitlines()] == [str(good), WAPO]


# ---------------------------------------------------------------- never a crash

NEWSY = st.sampled_from(["“", "”", '"', "‘", "’", "'", "\n\n", "\n", " ", ",", ".", "?", ":", "said", "he", "she",
                         "Kerry", "Hammond", "and", "according to", "ISIL", "Assad", "who", "that", "(AP)",
                         "Read more", "Secretary of State", "added", "called for", "—", "…", "\u2009", "x"])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def analysed_or_refused(text):
    try:
        report = analyze.analyze_text(text)
    except ArticleError:
        return None
    check_shape(report)
    return report


@SETTINGS
@given(st.text())
def test_analyze_never_crashes_on_arbitrary_unicode(text):
    analysed_or_refused(text)


@SETTINGS
@given(st.lists(NEWSY, max_size=60).map(" ".join))
def test_analyze_never_crashes_on_quote_heavy_text(text):
    report = analysed_or_refused(text)
    if report:
        for quote in report["quotes"]:
            if quote["kind"] != "indirect":
                assert quote["text"].split(" ")[0] in text


@SETTINGS
@given(st.binary(max_size=300))
def test_main_never_crashes_on_arbitrary_bytes(tmp_path, data):
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    code = analyze.main([str(path), "--json"])
    assert code in (0, 2)


def test_missing_nltk_data_is_one_line_with_the_fix(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("NLTK_DATA", "PYTHONPATH")}
    env["HOME"] = str(tmp_path)
    code = ("import sys, nltk; nltk.data.path[:] = []\nfrom newslab import analyze\n"
            "sys.exit(analyze.main(['wapo-2015-09-19-kerry-assad']))")
    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "'punkt_tab' is missing" in result.stderr
    assert "python -m newslab setup" in result.stderr
