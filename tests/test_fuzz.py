"""Fuzzing the readers (issue 14): files, pasted text, class CSVs and progress CSVs get a value or a one-line error, never a crash.

Hypothesis strategies with a bounded time per example; the whole file runs in well under a minute.
"""

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslab.article import Article, ArticleError, article_from_text, load_article
from newslab.progress import CSV_FIELDS, ProgressError, ProgressStore
from newslab.reading import ReadError, check_pasted_text, read_user_text
from newslab.spreadsheet import FORMULA_START, keep_known, read_csv_text, restore_cell, safe_cell, write_csv

FAST = settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=4000, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])

# Characters that have broken text handling before: quotation marks, brackets, slashes, control characters,
# line ends of every kind, a lone surrogate, a BOM, zero-width and non-breaking spaces.
TRICKY = list('"“”‘’\'()[]{}/\\<>=+-@*_`#|.,:; aAzZ0\t\n\r\x00\x01\x0b\x1b\x7f\ufeff\u200b\u00a0\u2028\ud800é')
tricky_text = st.one_of(st.text(max_size=400), st.text(alphabet=st.sampled_from(TRICKY), max_size=400))

# Bytes as a learner's file may hold them: random bytes, or text in some encoding, behind some prefix.
PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-", b"PK\x03\x04", b"<!DOCTYPE html>", b"\x00"]
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


@st.composite
def file_bytes(draw):
    prefix = draw(st.sampled_from(PREFIXES))
    if draw(st.booleans()):
        body = draw(st.binary(max_size=3000))
    else:
        text = draw(st.text(max_size=800))
        body = text.encode(draw(st.sampled_from(ENCODINGS)), "replace")
    return prefix + body


def one_line(message) -> str:
    message = str(message)
    assert message and "\n" not in message and "\r" not in message and len(message) < 500, message
    return message


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


# ---------------------------------------------------------------- files

@FAST
@given(data=file_bytes())
@example(data=b"The mayor said yes.".decode().encode("utf-16-le"))
@example(data=b"x" * 5000 + b"\x00")
def test_any_file_is_text_or_one_line_error(folder, data):
    path = folder / "fuzz.txt"
    path.write_bytes(data)
    try:
        text = read_user_text(path)
    except ReadError as error:
        one_line(error)
        assert error.reason in {"empty", "encoding", "binary", "html", "too-big"}
        return
    assert "\x00" not in text and "\r" not in text and text.strip()
    text.encode("utf-8")  # valid Unicode: it can be saved again
    try:
        article = load_article(str(path))
    except ArticleError as error:
        one_line(error)
        return
    assert isinstance(article, Article) and article.body


# ---------------------------------------------------------------- pasted text

@FAST
@given(text=tricky_text)
@example(text="The mayor said yes.\x00")
@example(text="Lone \ud800 surrogate")
def test_any_pasted_text_is_an_article_or_one_line_error(text):
    try:
        article = article_from_text(text, "pasted")
    except ArticleError as error:
        one_line(error)
        return
    assert "\x00" not in article.text and article.body
    article.text.encode("utf-8")
    for p in article.paragraphs:
        assert article.text[p.start:p.end] == p.text


@FAST
@given(data=st.one_of(st.binary(max_size=500), tricky_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_pasted_bytes_are_utf8_text_or_one_line_error(data):
    try:
        text = check_pasted_text(data, 1000, "pasted")
    except ReadError as error:
        one_line(error)
        return
    assert isinstance(text, str) and "\x00" not in text
    assert text == data.decode("utf-8-sig")


# ---------------------------------------------------------------- class CSVs

cell = st.text(alphabet=st.sampled_from([c for c in TRICKY if c not in "\x00\ud800"]), max_size=40) | \
    st.text(max_size=40).filter(lambda t: "\x00" not in t)
CODING_COLUMNS = ["coder", "unit", "question", "code", "set", "exercise", "article", "reason"]


@FAST
@given(value=st.one_of(cell, st.sampled_from(FORMULA_START).flatmap(lambda s: cell.map(lambda c: s + c))))
def test_safe_cell_round_trips_and_never_starts_a_formula(value):
    safe = safe_cell(value)
    assert not safe.startswith(FORMULA_START)
    assert restore_cell(safe) == value


@FAST
@given(rows=st.lists(st.fixed_dictionaries({c: cell for c in CODING_COLUMNS}), max_size=8))
def test_class_csv_round_trip_through_safe_cells(rows):
    buffer = io.StringIO(newline="")
    write_csv(buffer, CODING_COLUMNS, rows)
    columns, back = read_csv_text(buffer.getvalue(), "ana.csv")
    assert columns == CODING_COLUMNS
    assert back == rows


@FAST
@given(text=st.one_of(tricky_text, st.lists(st.lists(cell, max_size=6), max_size=6).map(
    lambda rows: "\n".join(",".join(r) for r in rows))), known=st.sets(st.sampled_from(["p1", "p2", "s3"])))
def test_any_class_csv_text_reads_or_is_one_line_problem(text, known):
    try:
        columns, rows = read_csv_text(text, "class.csv")
    except ReadError as error:
        assert one_line(error).startswith("class.csv")
        return
    assert all(isinstance(c, str) for c in columns)
    kept, problem = keep_known(rows, "unit", known, "class.csv")
    assert all(r.get("unit") in known for r in kept)
    assert (problem is None) == (len(kept) == len(rows))
    if problem:
        one_line(problem)


@SLOW
@given(data=file_bytes())
def test_any_coding_file_compares_or_is_one_line(folder, data):
    from newslab.exercises.coding import read_codings_csv
    path = folder / "classmate.csv"
    path.write_bytes(b"coder,unit,question,code\n" + data if data[:1] != b"\x00" else data)
    try:
        codings = read_codings_csv(path)
    except ValueError as error:  # ReadError is a ValueError
        one_line(error)
        return
    assert isinstance(codings, dict)


# ---------------------------------------------------------------- progress CSVs

event = st.fixed_dictionaries({"set": cell, "lesson": cell, "exercise": cell, "kind": cell,
                               "event": st.sampled_from(["attempt", "complete", "solution"]), "outcome": cell,
                               "key": cell, "time": st.just("2026-01-01T00:00:00.000+00:00")})


@SLOW
@given(learner=cell, events=st.lists(event, min_size=1, max_size=5))
def test_progress_export_then_import_gives_back_every_event(folder, learner, events):
    with tempfile.TemporaryDirectory(dir=folder) as home:
        store = ProgressStore(Path(home) / "a")
        store.set_learner(learner)
        store.update(lambda data: data["events"].extend({**e, "id": f"id-{n}"} for n, e in enumerate(events)))
        path = store.export_csv(Path(home) / "export.csv")
        other = ProgressStore(Path(home) / "b")
        assert other.import_csv(path) == len(events)  # from the file's bytes, as the widget gives them
        assert other.learner() == store.learner()
        back = {e["id"]: e for e in other.read()["events"]}
        for n, e in enumerate(events):
            assert {k: back[f"id-{n}"][k] for k in e} == e


@SLOW
@given(data=st.one_of(file_bytes(), st.lists(st.lists(cell, min_size=len(CSV_FIELDS), max_size=len(CSV_FIELDS)),
                                             max_size=4).map(lambda rows: "\n".join(
                                                 [",".join(CSV_FIELDS)] + [",".join(r) for r in rows]).encode())))
def test_any_progress_import_is_merged_or_one_line(folder, data):
    with tempfile.TemporaryDirectory(dir=folder) as home:
        store = ProgressStore(Path(home))
        try:
            added = store.import_csv(data)
        except ProgressError as error:
            one_line(error)
            return
        assert added >= 0 and len(store.read()["events"]) == added

