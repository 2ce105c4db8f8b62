"""Lesson 09 (Entman's four functions): the notebook's findings against values worked out by hand from the
two articles and the team's reference reading, and every exercise of its practice set answered right, in
equivalent forms, and wrong.

Expected values are written out here by reading data/articles/ and data/frames/reference/, never computed
by the code under test.
"""

import copy
import json

import pytest

import newslab
from newslab.exercises import PracticeSet, read_set
from tests.notebook_runner import ROOT, run_notebook, notebook_values

LESSON = "notebooks/09_framing_entman.ipynb"
SET = "09_framing_entman"
WAPO = "wapo-2015-09-19-kerry-assad"
INVENTED = "invented-port-alder-bridge"


@pytest.fixture(scope="module")
def post():
    return notebook_values(LESSON, "post")


@pytest.fixture(scope="module")
def invented():
    return notebook_values(LESSON, "invented")


# ---------------------------------------------------------------- the Post article

def test_post_sentences(post):
    # 16 body paragraphs; sent_tokenize gives 1+1+4+5+1+5+2+2+2+1+3 (blocks 1-11) and 3+1+10+1+2 (blocks 13-17).
    assert post["sentence_count"] == 44
    # In block 15 "Obviously. . . ." splits into "“Obviously.", ".", ". ." and "There’s a lack of logic if . . ."
    # into "… if .", ". .": three pieces without a letter, s35, s36 and s39.
    assert post["sentences_without_letters"] == 3


def test_post_reference_spans(post):
    assert post["reference_applies"] is True
    # problem: refugee crisis, conflict urgent, violence, unstable, Russian build-up, bigger problem (6)
    # cause: refusal, exodus, root cause, blame, prop up, magnet, Russian engagement (7)
    # moral: really negotiate, not doctrinaire, has to go, spoken with their feet, ostensibly, lack of logic (6)
    # remedy: negotiate exit, diplomatic effort, has to go, process, opening for talks, settlement,
    #         root cause (remedy), cooperation, airstrikes (9)
    assert post["spans_per_function"] == {"problem definition": 6, "causal interpretation": 7,
                                          "moral evaluation": 6, "treatment recommendation": 9}
    # The lede (body paragraph 1) is a remedy; the refugee crisis comes in paragraph 2, Kerry's
    # "Really negotiate?" in 3, the refusals in 4.
    assert post["first_position_of_function"] == {"problem definition": 2, "causal interpretation": 4,
                                                  "moral evaluation": 3, "treatment recommendation": 1}


def test_post_reference_sentences(post):
    # Sentence numbers as sent_tokenize counts them through the body (s1 = the lede, s2 = paragraph 2,
    # s3-s6 = paragraph 3, s7-s11 = paragraph 4, s12 = paragraph 5, s13-s17 = paragraph 6, …).
    assert post["reference_sentences"] == {
        "problem": ["s2", "s6", "s18", "s26", "s44"],
        "cause": ["s10", "s22", "s24", "s25", "s27", "s37", "s43"],
        "moral": ["s4", "s5", "s8", "s12", "s16", "s26", "s38"],
        "remedy": ["s1", "s2", "s12", "s14", "s19", "s20", "s24", "s31", "s42"]}
    # 24 different sentences carry a function, so 44 - 24 = 20 carry none.
    assert post["sentences_with_no_function"] == 20


def test_speakers_with_their_full_names(post, invented):
    # the quote finder's speakers, with the fullest name each article gives (read from the texts)
    assert post["who"] == {"Kerry": "John F. Kerry (person)", "Hammond": "Philip Hammond (person)",
                           "Kerry and Hammond": "Kerry and Hammond (person)"}
    assert list(post["speaking"]) == ["Kerry", "Kerry and Hammond", "Hammond"]  # in order of first quote
    assert invented["who"] == {"Ruiz": "Elena Ruiz (person)", "Becker": "Tom Becker (person)"}


def test_post_voices(post):
    # Reporter's own words: the refugee crisis "engulfing Europe", "increasingly unstable" (problem); the exodus
    # (cause); "ostensibly" (moral); the opening for talks (remedy): 5 spans. Washington's alarm, the allies'
    # worry and Kerry's "raised the prospect" are reported (the voice rule, pinned in the reference data).
    assert post["reporter_spans"] == 5
    assert post["problem_definition_voices"] == {"the reporter": 2, "Kerry": 2, "Hammond": 1, "Washington": 1}
    assert post["voices_by_function"] == {
        "problem definition": {"the reporter": 2, "Kerry (reported)": 1, "Kerry (quoted)": 1, "Hammond (quoted)": 1,
                               "Washington (reported)": 1},
        "causal interpretation": {"Kerry (quoted)": 3, "Hammond (quoted)": 1, "Kerry and Hammond (reported)": 1,
                                  "the reporter": 1, "the United States and its allies (reported)": 1},
        "moral evaluation": {"Kerry (quoted)": 5, "the reporter": 1},
        "treatment recommendation": {"Kerry (reported)": 3, "Kerry (quoted)": 4, "the reporter": 1,
                                     "Hammond (reported)": 1}}
    assert post["pinned_spans"] == ["problem-russian-buildup", "cause-prop-up", "remedy-cooperation"]


# The voice rule: words the text attributes to a named person, government or organisation as the subject of a
# verb of saying, thinking or feeling are reported, not the reporter's own. Each contested span, with the
# subject and verb that decide it, read from the sentence it sits in.
CONTESTED = [("s26", "problem-russian-buildup", "Washington has watched with alarm", "Washington"),
             ("s27", "cause-prop-up", "the United States and its allies worry that", "the United States and its allies"),
             ("s31", "remedy-cooperation", "Kerry raised the prospect of", "Kerry")]


@pytest.mark.parametrize("sentence_id, span_id, attribution, speaker", CONTESTED, ids=[c[0] for c in CONTESTED])
def test_voice_rule_for_each_contested_span(sentence_id, span_id, attribution, speaker):
    from newslab import frames
    article = newslab.load_article(WAPO)
    reference = frames.reference_for(article)
    sentences = {s.id: s for s in frames.sentence_units(article)}
    span = next(s for s in frames.located_spans(article, reference) if s["id"] == span_id)
    assert frames.sentences_of_span(span, list(sentences.values())) == [sentence_id]
    # the sentence names the source as the subject of a verb of saying, thinking or feeling ...
    assert attribution in sentences[sentence_id].text
    # ... so the span is reported, in that source's voice, whatever the quote finder (verbs of saying) says
    voice = frames.span_voice(article, span, quotes=[])
    assert voice == {"voice": "reported", "speaker": speaker, "pinned": True}
    assert "subject of a verb of saying, thinking or feeling" in reference["entman"]["voice_rule"]


def test_the_reporters_own_ostensibly_stays_the_reporters():
    """The rule does not reach the reporter's own adverb: "ostensibly" qualifies Russia's stated aim, and no
    source is the subject of a verb that owns it."""
    from newslab import frames, voices
    article = newslab.load_article(WAPO)
    reference = frames.reference_for(article)
    span = next(s for s in frames.located_spans(article, reference) if s["id"] == "moral-ostensibly")
    assert "voice" not in span
    assert frames.span_voice(article, span, voices.extract_quotes(article))["voice"] == "reporter"


def test_post_without_codes_the_learner_has_marked_nothing(post):
    assert post["my_marked_count"] == 0 and post["my_problem_voices"] == {}
    # nothing coded, nothing compared: no sentence counts as "only the reference"
    assert post["comparison"]["problem definition"] == {"both": 0, "only mine": 0, "only the reference": 0}
    assert post["comparison"]["treatment recommendation"]["only the reference"] == 0


def test_post_with_a_learners_saved_codes(tmp_path):
    """A learner marked s7 (“We’ve made it very clear.”: Kerry quoted), s22 (the exodus: the reporter) and
    s44 (Hammond's “bigger problem”: quoted) as problem definitions, and s26 as a moral evaluation."""
    folder = tmp_path / "home" / "codings" / SET / "entman-sentences"
    folder.mkdir(parents=True)
    codes = {"s7": {"problem": "yes"}, "s22": {"problem": "yes"}, "s44": {"problem": "yes"}, "s26": {"moral": "yes"}}
    (folder / "me.json").write_text(json.dumps({"article": WAPO, "codes": codes, "reasons": {}}), encoding="utf-8")
    run = run_notebook(LESSON, "post", home=tmp_path / "home")
    assert not run.problems
    values = run.values
    assert values["my_marked_count"] == 4
    assert values["my_problem_voices"] == {"Kerry": 1, "the reporter": 1, "Hammond": 1}
    # Compared over the four sentences coded (s7, s22, s26, s44) only. Reference problem sentences among them:
    # s26, s44; s44 is shared, s26 is only the reference's (this learner coded s26 for moral, not problem).
    assert values["comparison"]["problem definition"] == {"both": 1, "only mine": 2, "only the reference": 1}
    # reference moral sentences among them: s26 only, which the learner marked.
    assert values["comparison"]["moral evaluation"] == {"both": 1, "only mine": 0, "only the reference": 0}


# ---------------------------------------------------------------- the invented article

def test_invented_runs_without_a_reference(invented):
    # 7 body paragraphs: 1 + 1 + 3 + 2 + 1 + 2 + 1 sentences.
    assert invented["sentence_count"] == 11
    assert invented["sentences_without_letters"] == 0
    assert invented["reference_applies"] is False
    assert invented["spans_per_function"] == {"problem definition": 0, "causal interpretation": 0,
                                              "moral evaluation": 0, "treatment recommendation": 0}
    assert invented["problem_definition_voices"] == {} and invented["reporter_spans"] == 0


def test_invented_says_plainly_that_the_reference_does_not_apply():
    from tests.notebook_runner import notebook_run
    text = notebook_run(LESSON, "invented").outputs_text()
    assert "do not apply to invented-port-alder-bridge" in text
    assert "No reference spans for this article" in text


# ---------------------------------------------------------------- the practice set

def practice(article_id=WAPO):
    return PracticeSet(copy.deepcopy(read_set(SET)), article=newslab.load_article(article_id))


def test_the_set_serves_every_objective_with_enough_kinds():
    data = read_set(SET)
    assert len(data["exercises"]) >= 6 and len({e["kind"] for e in data["exercises"]}) >= 3
    assert {e["objective"] for e in data["exercises"]} == {"09.1", "09.2", "09.3", "09.4"}
    lesson = json.loads((ROOT / LESSON).read_text(encoding="utf-8"))["metadata"]["newslab"]
    assert data["objectives"] == lesson["objectives"]


@pytest.mark.parametrize("exercise_id, right", [("salience", "a"), ("whose-problem", "a")])
@pytest.mark.parametrize("article_id", [WAPO, INVENTED])
def test_one_answer_choices(exercise_id, right, article_id):
    exercise = practice(article_id).exercise(exercise_id)
    for option in exercise.spec["options"]:
        exercise.reset()
        feedback = exercise.answer(option["id"])
        assert feedback.right is (option["id"] == right)
        assert option["feedback"] in feedback.text and feedback.entries == [f"option:{option['id']}"]


def test_four_functions():
    exercise = practice().exercise("four-functions")
    right = {"problem", "cause", "moral", "remedy"}
    assert exercise.answer(sorted(right)).right is True
    options = {o["id"]: o for o in exercise.spec["options"]}
    for option_id in right:
        exercise.reset()
        feedback = exercise.answer(sorted(right - {option_id}))
        assert feedback.status == "partial" and options[option_id]["missed"] in feedback.text
    for option_id in ("source", "news-value"):
        exercise.reset()
        feedback = exercise.answer(sorted(right | {option_id}))
        assert feedback.right is False and options[option_id]["feedback"] in feedback.text


def test_entman_sheet_compares_and_never_marks_wrong():
    exercise = practice().exercise("entman-sentences")
    exercise.widget()
    reference = exercise.spec["reference"]["codes"]
    assert [u.id for u in exercise.units()] == [f"s{n}" for n in range(1, 45)]
    for unit, answers in reference.items():
        for question, code in answers.items():
            exercise.code(unit, question, code, save=False)
    feedback = exercise.compare_with_reference()
    assert feedback.key == "agree" and "agree on all 176 codes" in feedback.text
    # A learner who reads the Carter-Shoigu call (s29) as a remedy gets the paragraph's note, not a mark.
    exercise.code("s29", "remedy", "yes", save=False)
    # … and one who does not see a remedy in the lede gets the span's reason.
    exercise.code("s1", "remedy", "no", save=False)
    feedback = exercise.compare_with_reference()
    assert feedback.key == "differ" and feedback.status == "compare" and feedback.right is None
    assert feedback.entries == ["rationale:s1:remedy", "rationale:s29:remedy"]
    assert "The lede opens with a remedy" in feedback.text and "inadvertent accident" in feedback.text
    assert "wrong" not in feedback.plain().lower()


def test_entman_sheet_on_the_invented_article_has_no_reference():
    exercise = practice(INVENTED).exercise("entman-sentences")
    assert len(exercise.units()) == 11
    exercise.code("s1", "remedy", "yes", save=False)
    feedback = exercise.compare_with_reference()
    assert feedback.key == "no-reference" and "written for the Washington Post article" in feedback.text


def test_ostensibly_guess_then_reveal():
    exercise = practice().exercise("ostensibly")
    for option in exercise.spec["options"]:
        exercise.reset()
        feedback = exercise.answer(option["id"])
        assert feedback.key == f"option:{option['id']}" and feedback.status == "compare"
        assert option["feedback"] in feedback.text and "moral evaluation" in feedback.text
    assert exercise.result() == "moral evaluation (in the reporter's own voice)"
    assert practice(INVENTED).exercise("ostensibly").applies is False


def test_ostensibly_matches_the_reference():
    from newslab import frames
    reference = frames.reference_for(newslab.load_article(WAPO))
    span = next(s for s in reference["entman"]["spans"] if s["text"].startswith("ostensibly"))
    assert span["function"] == "moral"


def test_whose_words():
    exercise = practice().exercise("whose-words")
    assert exercise.answer(["Kerry", "Hammond", "said"]).key == "right"
    notes = exercise.spec["notes"]
    exercise.reset()
    feedback = exercise.answer(["Kerry", "Hammond", "Assad"])
    assert feedback.details == {"missed": ["said"], "extra": ["Assad"]}
    assert notes["said"] in feedback.text and notes["Assad"] in feedback.text
    exercise.reset()
    feedback = exercise.answer(["Kerry", "Hammond", "said", "blame"])
    assert notes["blame"] in feedback.text


@pytest.mark.parametrize("typed", ["2", " 2 ", "2.0", "2\u2009"])
def test_problem_voices_right(typed):
    assert practice().exercise("problem-voices").answer(typed).key == "right"


@pytest.mark.parametrize("typed, key", [("6", "wrong:0"), ("3", "wrong:1"), ("1", "wrong:2"), ("5", "other")])
def test_problem_voices_wrong(typed, key):
    exercise = practice().exercise("problem-voices")
    feedback = exercise.answer(typed)
    assert feedback.key == key
    assert feedback.text == exercise.feedback_entries()[key if key != "other" else "other"]


def test_problem_voices_answer_is_the_lessons_finding(post):
    assert next(e for e in read_set(SET)["exercises"] if e["id"] == "problem-voices")["answer"] == post["problem_definition_voices"]["the reporter"]
    assert practice(INVENTED).exercise("problem-voices").applies is False


def compare_with_sets(mine, reference):
    mine, reference = set(mine), set(reference)
    return {"both": len(mine & reference), "only_mine": len(mine - reference), "only_reference": len(reference - mine)}


def compare_with_loops(mine, reference):
    counts = {"both": 0, "only_mine": 0, "only_reference": 0}
    for sid in set(mine):
        counts["both" if sid in reference else "only_mine"] += 1
    for sid in set(reference):
        if sid not in mine:
            counts["only_reference"] += 1
    return counts


def compare_swapped(mine, reference):
    mine, reference = set(mine), set(reference)
    return {"both": len(mine & reference), "only_mine": len(reference - mine), "only_reference": len(mine - reference)}


def compare_lists(mine, reference):
    return {"both": sum(1 for s in mine if s in reference), "only_mine": sum(1 for s in mine if s not in reference),
            "only_reference": sum(1 for s in reference if s not in mine)}


def compare_forgets_empty(mine, reference):
    if not mine:
        return {}
    return compare_with_sets(mine, reference)


@pytest.mark.parametrize("function", [compare_with_sets, compare_with_loops])
def test_compare_readings_right(function):
    assert practice().exercise("compare-readings").check(function).key == "right"


@pytest.mark.parametrize("function, key", [(compare_swapped, "case:0:wrong:0"), (compare_lists, "case:1:wrong:0"),
                                           (compare_forgets_empty, "case:2")])
def test_compare_readings_typical_mistakes(function, key):
    exercise = practice().exercise("compare-readings")
    feedback = exercise.check(function)
    assert feedback.key == key and exercise.feedback_entries()[key] in feedback.text


def test_the_50_minute_plan_opens_notebooks_and_names_its_cuts():
    from newslab import guide
    plan = guide.read_plan((ROOT / "instructors/plans/09_framing_entman.md").read_text(encoding="utf-8"))
    items = guide.bullets(plan.sections["50-minute session"])
    assert "open" in items[0] and "Run All" in items[0]
    assert "Cut for time" in "\n".join(plan.sections["50-minute session"])
    assert not guide.plan_problems(next(e for e in __import__("newslab").catalogue.entries("lesson") if e.lesson == "09"),
                                   (ROOT / "instructors/plans/09_framing_entman.md").read_text(encoding="utf-8"),
                                   guide.exercise_ids("09"))


def test_sheet_against_the_reference_gives_counts_and_against_a_classmate_alpha_per_question(tmp_path):
    import csv
    from nltk.metrics.agreement import AnnotationTask
    exercise = practice().exercise("entman-sentences")
    exercise.widget()
    reference = exercise.spec["reference"]["codes"]
    for unit in [f"s{n}" for n in range(1, 13)]:  # the plan's first twelve sentences
        for question, code in reference[unit].items():
            exercise.code(unit, question, code, save=False)
    feedback = exercise.compare_with_reference()
    # only the twelve coded sentences are compared: 48 codes, all the same; no coefficient against a reference
    assert feedback.details["compared"] == 48 and feedback.details["comparison"]["different"] == 0
    assert "12 of 44 units" in feedback.text and "κ" not in feedback.text and "α" not in feedback.text
    # a classmate who coded all 44 sentences, reading s3, s7 and s9 as moral evaluations
    for unit in reference:
        for question, code in reference[unit].items():
            exercise.code(unit, question, code, save=False)
    classmate = {u: dict(a) for u, a in reference.items()}
    for unit in ("s3", "s7", "s9"):
        classmate[unit]["moral"] = "yes"
    path = tmp_path / "ben.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["coder", "unit", "question", "code", "set", "exercise", "article"])
        for unit, answers in classmate.items():
            for question, code in answers.items():
                writer.writerow(["ben", unit, question, code, SET, "entman-sentences", WAPO])
    feedback = exercise.compare_with(path)
    reliability = feedback.details["reliability"]
    triples = [(c, u, codes[u]["moral"]) for c, codes in (("me", reference), ("ben", classmate)) for u in codes]
    assert reliability["moral"]["units"] == 44
    assert reliability["moral"]["alpha"] == round(AnnotationTask(data=triples).alpha(), 3)
    assert reliability["problem"]["alpha"] == 1.0  # variation and no disagreement: alpha is defined and perfect
    assert "Krippendorff's α" in feedback.text and "Cohen's κ" in feedback.text
