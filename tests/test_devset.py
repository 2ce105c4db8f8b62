"""The development set of real news: the hand labels are valid and point at real quotes; the scorer scores as DEVSET-FORMAT.md says."""

import json
import re
from types import SimpleNamespace

import pytest

from newslab import devset, voices
from newslab.realnews import brown_article

MARK = re.compile('[“”"]')
FILES = devset.labelled_fileids()


# ---------------------------------------------------------------- the label files

def opening_spans(paragraphs: list) -> list:
    """(paragraph index, text after the opening mark) of every pair of double marks, read independently
    of the project's quote finder: a quote left open at a paragraph end that the next paragraph reopens
    with a mark is one span; one left open otherwise ends with its paragraph."""
    spans, carried = [], False
    for index, text in enumerate(paragraphs):
        marks = [m.start() for m in MARK.finditer(text)]
        i = 0
        if carried and text.startswith(('"', "“")):
            i = 2 if len(marks) > 1 else len(marks)  # the reopening mark (and the closing one) continue the quote
            carried = len(marks) == 1
        else:
            carried = False
        while i < len(marks):
            end = marks[i + 1] if i + 1 < len(marks) else len(text)
            spans.append((index, text[marks[i] + 1:end]))
            carried = i + 1 >= len(marks)
            i += 2
    return spans


def misplaced(segments: list, paragraphs: list) -> list:
    """The labelled segments whose words do not open a quotation-mark span in their paragraph, in text order."""
    spans = opening_spans(paragraphs)
    wrong, position = [], 0
    for segment in segments:
        words = segment["words"]
        hit = next((k for k in range(position, len(spans)) if spans[k][0] == segment["paragraph"]
                    and " ".join(spans[k][1].split()).startswith(words)), None)
        if hit is None:
            wrong.append(f"paragraph {segment['paragraph']}: {words!r}")
        else:
            position = hit + 1
    return wrong


def paragraphs_of(fileid: str) -> list:
    return [p.text for p in brown_article(fileid).paragraphs]


def raw(fileid: str) -> dict:
    return json.loads((devset.LABELS_DIR / f"{fileid}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fileid", FILES)
def test_label_file_fields_and_values_are_allowed(fileid):
    data = raw(fileid)
    assert data["fileid"] == fileid
    assert data["segments"], f"{fileid} has no segments"
    assert devset.problems_in(data) == []


@pytest.mark.parametrize("fileid", FILES)
def test_every_label_opens_a_quote_in_its_paragraph_in_text_order(fileid):
    segments = devset.load_labels(fileid)
    assert misplaced(segments, paragraphs_of(fileid)) == []


@pytest.mark.parametrize("fileid", FILES)
def test_every_quote_of_the_file_is_labelled(fileid):
    # a lone mark followed by punctuation only ('... for welfare".' in ca23) opens no quote
    spans = [s for s in opening_spans(paragraphs_of(fileid)) if any(c.isalnum() for c in s[1])]
    assert len(devset.load_labels(fileid)) == len(spans)


def test_a_mistyped_or_misplaced_label_is_caught():
    fileid = "ca01" if "ca01" in FILES else FILES[0]
    data, paragraphs = raw(fileid), paragraphs_of(fileid)
    good = data["segments"][0]
    assert devset.problems_in({**data, "segments": [{**good, "kind": "quote"}]})
    assert devset.problems_in({**data, "segments": [{**good, "speaker_kind": "people"}]})
    assert devset.problems_in({**data, "segments": [{**good, "speker": "jury"}]})
    assert devset.problems_in({**data, "segments": [{**good, "words": "one two three four five six seven eight nine"}]})
    assert devset.problems_in({**data, "segments": [{**good, "kind": "term"}]})  # a term with a speaker
    assert devset.problems_in({**data, "set": "test"})  # the only set a file may name is "validation"
    assert devset.problems_in({**data, "set": "validation"}) == []
    assert misplaced([{**good, "paragraph": good["paragraph"] + 1}], paragraphs)
    assert misplaced([{**good, "words": good["words"] + "x"}], paragraphs)
    assert misplaced(list(reversed(data["segments"][:2])), paragraphs)  # out of text order


def test_the_development_set_is_large_enough():
    # At least 250 segments over at least 12 Brown news files (ca01–ca06 and ca07–ca14 by two labellers).
    counts = {fileid: len(devset.load_labels(fileid)) for fileid in FILES}
    assert len(counts) >= 12, f"only {len(counts)} files labelled: {sorted(counts)}"
    assert sum(counts.values()) >= 250, f"only {sum(counts.values())} segments labelled"


def test_load_labels_names_the_labelled_files_when_one_is_missing():
    with pytest.raises(FileNotFoundError, match="labelled files"):
        devset.load_labels("cz99")


# ---------------------------------------------------------------- the scorer on hand-made cases

def label(words, speaker=None, full_name=None, speaker_kind=None, kind="direct", paragraph=0):
    return {"paragraph": paragraph, "words": words, "kind": kind, "speaker": speaker,
            "full_name": full_name, "speaker_kind": speaker_kind}


PYE = label("We will win", "Pye", "Durwood Pye", "person")
ALLEN = label("Ivan said so", "Allen", "Ivan Allen Jr.", "person")
ANNOUNCER = label("Stay tuned", "announcer", "the announcer", "nominal")
TITLE = label("Cosby", kind="title")


def found(text, speaker=None, kind="direct", paragraph=0, **more):
    return SimpleNamespace(paragraph=paragraph, kind=kind, text=text, speaker=speaker, **more)


def scored(labels, quotes):
    return devset.score({"f": quotes}, {"f": labels})


def test_right_speaker_counts_as_right():
    result = scored([PYE, ALLEN], [found("We will win,", "Pye"), found("Ivan said so", "Mr", full_name="Ivan Allen Jr.")])
    assert result["segments_found"] == {"n": 2, "of": 2, "share": 1.0}
    assert result["named_speaker_accuracy"] == {"n": 2, "of": 2, "share": 1.0}
    assert result["wrong_person"]["n"] == 0
    assert result["mistakes"] == []


def test_speaker_names_are_compared_by_surname_without_case_or_suffix():
    result = scored([PYE, ALLEN], [found("We will win", "Judge Durwood PYE"), found("Ivan said so", "Ivan Allen Jr.")])
    assert result["named_speaker_accuracy"]["n"] == 2


def test_wrong_person_is_wrong_and_counted():
    result = scored([PYE, ANNOUNCER, TITLE], [found("We will win", "Allen")])
    assert result["named_speaker_accuracy"] == {"n": 0, "of": 1, "share": 0.0}
    assert result["wrong_person"] == {"n": 1, "of": 3, "share": 1 / 3}
    assert result["mistakes"][0]["what"] == "wrong person" and result["mistakes"][0]["found_speaker"] == "Allen"


def test_unknown_speaker_is_not_a_wrong_person():
    result = scored([PYE, ANNOUNCER], [found("We will win", None), found("Stay tuned", None, speaker_kind=None)])
    assert result["segments_found"]["n"] == 2
    assert result["named_speaker_accuracy"]["n"] == 0
    assert result["wrong_person"]["n"] == 0


def test_a_person_found_for_a_nominal_label_is_a_wrong_person():
    with_kind = scored([ANNOUNCER], [found("Stay tuned", "Smith", speaker_kind="person", full_name="John Smith")])
    without_kind = scored([ANNOUNCER], [found("Stay tuned", "Smith")])
    kind_left_empty = scored([ANNOUNCER], [found("Stay tuned", "Smith", speaker_kind=None)])
    assert with_kind["wrong_person"]["n"] == 1 and without_kind["wrong_person"]["n"] == 1
    assert kind_left_empty["wrong_person"]["n"] == 1
    assert with_kind["organisation_nominal_accuracy"] == {"n": 0, "of": 1, "share": 0.0}
    right = scored([ANNOUNCER], [found("Stay tuned", "announcer", speaker_kind="nominal")])
    assert right["wrong_person"]["n"] == 0 and right["organisation_nominal_accuracy"]["n"] == 1


def test_a_speaker_found_for_a_term_or_title_is_a_wrong_person_and_none_is_recognised():
    assert scored([TITLE], [found("Cosby", "Cosby", kind="partial")])["wrong_person"]["n"] == 1
    assert scored([TITLE], [found("Cosby", None, kind="title")])["term_title_recognised"]["n"] == 1
    assert scored([TITLE], [found("Cosby", None, kind="partial")])["term_title_recognised"]["n"] == 1
    assert scored([TITLE], [found("Cosby", "Cosby", kind="partial")])["term_title_recognised"]["n"] == 0


def test_an_unmatched_segment_is_not_found_and_counts_against_named_accuracy():
    result = scored([PYE], [found("We will win", "Pye", paragraph=1),  # another paragraph
                            found("we shall win", "Pye"),  # other words
                            found("We will win", "Pye", kind="indirect")])  # an indirect quote is no segment
    assert result["segments_found"] == {"n": 0, "of": 1, "share": 0.0}
    assert result["named_speaker_accuracy"] == {"n": 0, "of": 1, "share": 0.0}
    assert result["wrong_person"]["n"] == 0
    assert result["extra"] == 2
    assert result["mistakes"][0]["what"] == "not found"


def test_curly_and_straight_marks_match_and_a_leading_mark_or_trailing_stop_may_be_missing():
    straight = label("We won't say 'no' to", "Pye", "Durwood Pye", "person")
    assert scored([straight], [found("“We won’t say ‘no’ to  them.”", "Pye")])["segments_found"]["n"] == 1
    curly = label("“Never,” he", "Pye", "Durwood Pye", "person")
    assert scored([curly], [found('"Never," he said', "Pye")])["segments_found"]["n"] == 1
    short = label("Never.", "Pye", "Durwood Pye", "person")
    assert scored([short], [found("Never", "Pye")])["segments_found"]["n"] == 1
    assert scored([short], [found("Nev", "Pye")])["segments_found"]["n"] == 0


def test_one_found_quote_matches_one_label_only():
    twice = [label("Yes", "Pye", "Durwood Pye", "person"), label("Yes", "Pye", "Durwood Pye", "person")]
    result = scored(twice, [found("Yes", "Pye")])
    assert result["segments_found"]["n"] == 1


def test_quote_dicts_are_scored_like_objects():
    result = scored([PYE], [{"paragraph": 0, "kind": "direct", "text": "We will win", "speaker": "Pye"}])
    assert result["named_speaker_accuracy"]["n"] == 1


# ---------------------------------------------------------------- running the finder

def test_evaluate_scores_the_development_set_unless_told_otherwise():
    development = devset.fileids_in("development")
    result = devset.evaluate()
    assert result["files"] == development and result["stage"] == "all" and result["which"] == "development"
    assert result["labelled"] == sum(len(devset.load_labels(f)) for f in development)
    assert 0 <= result["segments_found"]["n"] <= result["labelled"]


def test_evaluate_and_per_stage_take_the_set(monkeypatch):
    seen = []
    monkeypatch.setattr(voices, "extract_quotes", lambda article, up_to=None: seen.append(article) or [])
    monkeypatch.setattr(voices, "STAGES", ("marks", "speakers"), raising=False)
    for which in devset.WHICH:
        result = devset.evaluate(which=which)
        assert result["files"] == devset.fileids_in(which) and result["which"] == which
        assert result["labelled"] == sum(len(devset.load_labels(f)) for f in devset.fileids_in(which))
    stages = devset.per_stage(which="validation")
    assert [r["files"] for r in stages.values()] == [devset.fileids_in("validation")] * 2
    with pytest.raises(ValueError, match="development"):
        devset.evaluate(which="test")


def test_the_development_and_validation_sets_are_disjoint_and_validation_files_say_so():
    development, validation = devset.fileids_in("development"), devset.fileids_in("validation")
    assert validation, "no validation files (data/reference/brown-news/*.json with \"set\": \"validation\")"
    assert not set(development) & set(validation)
    assert sorted(development + validation) == devset.fileids_in("all") == FILES
    assert all(raw(f).get("set") == "validation" for f in validation)
    assert all("set" not in raw(f) for f in development)
    # the finder was built on ca01–ca14; the validation files were labelled after it and are none of them
    assert not set(validation) & {f"ca{n:02d}" for n in range(1, 15)}


def test_per_stage_falls_back_to_the_whole_finder_without_stages(monkeypatch):
    monkeypatch.delattr(voices, "STAGES", raising=False)
    monkeypatch.setattr(voices, "extract_quotes", lambda article: [])
    stages = devset.per_stage(fileids=FILES[:1])
    assert list(stages) == ["all"] and stages["all"]["segments_found"]["n"] == 0
    with pytest.raises(ValueError, match="no stages"):
        devset.evaluate(up_to="marks", fileids=FILES[:1])


def test_per_stage_runs_the_finder_up_to_each_stage(monkeypatch):
    fileid = FILES[0]
    first = devset.load_labels(fileid)[0]
    calls = []

    def extract_quotes(article, up_to=None):
        calls.append(up_to)
        return [found(first["words"], first["speaker"], kind=first["kind"], paragraph=first["paragraph"])] \
            if up_to == "speakers" else []

    monkeypatch.setattr(voices, "STAGES", ("marks", "speakers"), raising=False)
    monkeypatch.setattr(voices, "extract_quotes", extract_quotes)
    stages = devset.per_stage(fileids=[fileid])
    assert list(stages) == ["marks", "speakers"] and calls == ["marks", "speakers"]
    assert stages["marks"]["segments_found"]["n"] == 0 and stages["speakers"]["segments_found"]["n"] == 1
