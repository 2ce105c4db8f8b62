"""The framing data (instrument, functions, reference readings, cue lists) and newslab.frames."""

import json

import pytest

import newslab
from newslab import config, frames

POST = newslab.load_article("wapo-2015-09-19-kerry-assad")
INVENTED = newslab.load_article("invented-port-alder-bridge")
REFERENCE = frames.reference_for(POST)


def test_instrument_is_labelled_as_an_unchecked_adaptation():
    instrument = frames.load_instrument()
    assert instrument["label"] == "adapted from Semetko & Valkenburg (2000), wording not checked against the original"
    assert "Journal of Communication, 50(2), 93–109" in instrument["citation"]
    assert list(frames.frame_names()) == ["responsibility", "human-interest", "conflict", "morality", "economic"]
    sizes = {f["id"]: len(f["questions"]) for f in instrument["frames"]}
    assert sizes == {"responsibility": 5, "human-interest": 5, "conflict": 4, "morality": 3, "economic": 3}
    # The picture question is left out of everything a text is coded on.
    assert len(frames.text_questions()) == 19
    assert "h5" not in {q["id"] for q in frames.text_questions()}
    reconstructed = {q["id"] for q in frames.text_questions() if q["reconstructed"]}
    assert reconstructed == {"h2", "h3", "c2", "c4"}  # the items METHODS.md marks as reconstructions


def test_four_functions():
    assert frames.function_names() == {"problem": "problem definition", "cause": "causal interpretation",
                                       "moral": "moral evaluation", "remedy": "treatment recommendation"}
    assert "43(4), 51–58" in frames.load_functions()["citation"]


def test_frame_scores_are_means_of_answered_questions():
    # conflict: yes yes yes no -> 3/4; morality: one answer, no -> 0; economic: nothing answered -> None;
    # h5 (pictures) never counts, so human interest yes + no -> 1/2.
    answers = {"c1": "yes", "c2": "yes", "c3": "yes", "c4": "no", "m1": "no", "h1": "yes", "h2": "no", "h5": "yes"}
    scores = frames.frame_scores(answers)
    assert scores == {"responsibility": None, "human-interest": 0.5, "conflict": 0.75, "morality": 0.0,
                      "economic": None}


def test_reference_applies_to_the_post_only():
    assert REFERENCE is not None and REFERENCE["article"] == POST.id
    assert frames.reference_for(INVENTED) is None
    assert "do not apply to invented-port-alder-bridge" in frames.reference_note(INVENTED)
    assert "not an answer key" in frames.reference_note(POST)


def test_every_reference_span_is_in_the_text_once_with_a_reason():
    for span in REFERENCE["entman"]["spans"]:
        assert POST.paragraphs[span["paragraph"]].kind == "body"
        assert POST.paragraphs[span["paragraph"]].text.count(span["text"]) == 1, span["id"]
        assert span["function"] in frames.function_names()
        assert len(span["rationale"]) > 30
    ids = [s["id"] for s in REFERENCE["entman"]["spans"]]
    assert len(ids) == len(set(ids))
    # Every body paragraph has a note (the reason for every "no" decision on its sentences).
    assert set(REFERENCE["entman"]["paragraph_notes"]) == {str(p.index) for p in POST.body}


def test_every_generic_decision_has_a_reason():
    whole = REFERENCE["generic"]["whole_article"]
    assert set(whole) == {q["id"] for q in frames.text_questions()}
    assert all(entry["code"] in ("yes", "no") and entry["rationale"] for entry in whole.values())
    per_paragraph = REFERENCE["generic"]["per_paragraph"]
    assert "adaptation" in per_paragraph["adaptation"].lower()
    assert set(per_paragraph["codes"]) == {f"p{p.index}" for p in POST.body}
    for unit, codes in per_paragraph["codes"].items():
        assert set(codes) == set(frames.frame_names()), unit
        assert all(code in ("yes", "no") and reason for code, reason in codes.values()), unit


def test_reference_scores_by_hand():
    # From the reference's whole-article answers: r1-r5 all yes -> 1.0; h1 no, h2 no, h3 yes, h4 no -> 1/4;
    # c1-c3 yes, c4 no -> 3/4; m1-m3 no -> 0; e1-e3 no -> 0.
    answers = {q: entry["code"] for q, entry in REFERENCE["generic"]["whole_article"].items()}
    assert frames.frame_scores(answers) == {"responsibility": 1.0, "human-interest": 0.25, "conflict": 0.75,
                                            "morality": 0.0, "economic": 0.0}


def test_sentence_units_match_the_coding_sheet():
    from newslab.exercises.coding import _find_units
    sheet = [u.id for u in _find_units({"units": "sentences"}, POST)]
    mine = frames.sentence_units(POST)
    assert [s.id for s in mine] == sheet
    for sentence in mine:
        assert POST.paragraphs[sentence.paragraph].text[sentence.start:sentence.end] == sentence.text


def test_entman_sentence_codes_by_hand():
    codes = frames.entman_sentence_codes(POST, REFERENCE)
    # s1 is the lede (a remedy only); s12 "Kerry declared that “Assad has to go” …" is both a verdict and a remedy;
    # s28, on the Carter-Shoigu call, carries none.
    assert codes["s1"] == {"problem": "no", "cause": "no", "moral": "no", "remedy": "yes"}
    assert codes["s12"] == {"problem": "no", "cause": "no", "moral": "yes", "remedy": "yes"}
    assert codes["s28"] == {"problem": "no", "cause": "no", "moral": "no", "remedy": "no"}
    # "Is Assad prepared to negotiate? Really negotiate?" runs over two of NLTK's sentences.
    spans = {s["id"]: s for s in frames.located_spans(POST, REFERENCE)}
    assert frames.sentences_of_span(spans["moral-really-negotiate"], frames.sentence_units(POST)) == ["s4", "s5"]


def test_the_exercise_data_carries_the_reference_from_data_frames():
    sets = {name: json.loads((config.EXERCISES / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("09_framing_entman", "10_generic_frames_agreement")}
    sheets = {spec["id"]: spec for data in sets.values() for spec in data["exercises"] if spec["kind"] == "coding"}
    assert sheets["entman-sentences"]["reference"] == frames.entman_sheet_reference(POST, REFERENCE)
    assert sheets["frames-whole-article"]["reference"] == frames.generic_article_sheet_reference(REFERENCE)
    assert sheets["frames-by-paragraph"]["reference"] == frames.generic_paragraph_sheet_reference(REFERENCE)
    assert [q["id"] for q in sheets["frames-whole-article"]["codebook"]] == [q["id"] for q in frames.text_questions()]


def test_cues_match_whole_tokens_and_phrases():
    tokens = "we need to resolve the conflict , not blame".split()
    assert frames.cues_in(tokens, ["need to", "resolve", "blamed", "conflict", "to blame"]) == ["need to", "resolve",
                                                                                              "conflict"]


def test_cue_lists_are_lower_case_and_cover_every_frame():
    cues = frames.load_cues()
    assert set(cues) == set(frames.frame_names())
    for words in cues.values():
        assert words and all(w == w.lower() and w.strip() == w for w in words)


def test_precision_and_recall_by_hand():
    # human {1,2,3,4}, cued {3,4,5}: both {3,4}; precision 2/3, recall 2/4.
    assert frames.precision_recall({1, 2, 3, 4}, {3, 4, 5}) == (pytest.approx(2 / 3), 0.5)
    assert frames.precision_recall(set(), {1}) == (0.0, None)
    assert frames.precision_recall({1}, set()) == (None, 0.0)


def test_positions():
    # Body paragraphs of the Post are blocks 1-11 and 13-17 (block 12 is the video caption).
    positions = frames.body_position(POST)
    assert positions[1] == 1 and positions[11] == 11 and positions[13] == 12 and 12 not in positions
    assert frames.first_body_position(POST, {13, 6}) == 6
    assert frames.first_body_position(POST, set()) is None
    assert frames.in_first_paragraphs(POST, {3}) and not frames.in_first_paragraphs(POST, {4})


def test_voice_of_a_span():
    from newslab import voices
    quotes = voices.extract_quotes(POST)
    spans = {s["id"]: s for s in frames.located_spans(POST, REFERENCE)}

    def voice(span_id):
        s = spans[span_id]
        return frames.voice_label(frames.voice_of(POST, s["paragraph"], s["start"], s["end"], quotes))

    assert voice("moral-ostensibly") == "the reporter"
    assert voice("problem-bigger") == "Hammond (quoted)"
    assert voice("remedy-negotiate-exit") == "Kerry (reported)"
    assert voice("cause-blame-is") == "Kerry and Hammond (reported)"
