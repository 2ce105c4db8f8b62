"""Agreement helpers against values worked out by hand, the traps, and the bootstrap against a direct computation."""

import random
from collections import Counter

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask

from newslab import agreement

# ---------------------------------------------------------------- case 1: two coders, ten units, eight agreements
# A: y y y y y n n n n n
# B: y y y y n y n n n n   (they differ on units 5 and 6)
# Observed agreement Ao = 8/10 = .80.
# Kappa: each coder says yes 5 times in 10, so chance agreement Ae = .5*.5 + .5*.5 = .50;
#        kappa = (.80 - .50) / (1 - .50) = .60.
# Alpha: 20 values, 10 yes and 10 no. Each disagreeing unit adds one (y,n) and one (n,y) pair to the
#        coincidence matrix (1 / (2 coders - 1)), so o(y,n) + o(n,y) = 4; Do = 4/20 = .20.
#        De = 2 * 10 * 10 / (20 * 19) = 200/380. alpha = 1 - .20 * 380/200 = 1 - .38 = .62.
A = "y y y y y n n n n n".split()
B = "y y y y n y n n n n".split()
CASE1 = [("A", f"u{i}", a) for i, a in enumerate(A, 1)] + [("B", f"u{i}", b) for i, b in enumerate(B, 1)]


def test_case1_by_hand():
    assert agreement.observed_agreement(CASE1) == pytest.approx(0.80)
    value, note = agreement.kappa(CASE1)
    assert value == pytest.approx(0.60) and note == ""
    value, note = agreement.alpha(CASE1)
    assert value == pytest.approx(0.62) and note == ""
    assert agreement.code_counts(CASE1) == {"y": 10, "n": 10}
    assert len(agreement.units_of(CASE1)) == 10


# ---------------------------------------------------------------- case 2: three coders, five units, complete
#        u1 u2 u3 u4 u5
#   A:   y  y  n  n  y
#   B:   y  y  n  y  y
#   C:   y  n  n  n  y
# Pairwise Cohen's kappa:
#   A-B: Ao = 4/5; yes rates .6 and .8; Ae = .6*.8 + .4*.2 = .56; kappa = .24/.44 = 6/11
#   A-C: Ao = 4/5; yes rates .6 and .4; Ae = .24 + .24 = .48; kappa = .32/.52 = 8/13
#   B-C: Ao = 3/5; yes rates .8 and .4; Ae = .32 + .12 = .44; kappa = .16/.56 = 2/7
#   NLTK's kappa() = mean = (6/11 + 8/13 + 2/7) / 3 = 1448/3003 = .48218
#   average observed agreement = (.8 + .8 + .6) / 3 = 11/15
# Alpha: coincidences per unit (ordered pairs / (3 - 1)):
#   u1 yyy: o(y,y) += 3; u2 yyn: o(y,y) += 1, o(y,n) += 1, o(n,y) += 1; u3 nnn: o(n,n) += 3;
#   u4 nyn: o(n,n) += 1, o(n,y) += 1, o(y,n) += 1; u5 yyy: o(y,y) += 3.
#   o(y,y) = 7, o(n,n) = 4, o(y,n) = o(n,y) = 2; n(y) = 9, n(n) = 6, n = 15.
#   Do = 4/15; De = 2*9*6 / (15*14) = 18/35; alpha = 1 - (4/15)/(18/35) = 1 - 14/27 = 13/27 = .48148
CASE2 = [(coder, f"u{i}", code) for coder, codes in
         {"A": "y y n n y", "B": "y y n y y", "C": "y n n n y"}.items()
         for i, code in enumerate(codes.split(), 1)]


def test_case2_three_coders_by_hand():
    value, note = agreement.kappa(CASE2)
    assert value == pytest.approx(1448 / 3003)
    assert "average of Cohen's kappa over every pair" in note
    assert agreement.observed_agreement(CASE2) == pytest.approx(11 / 15)
    assert agreement.alpha(CASE2)[0] == pytest.approx(13 / 27)


# ---------------------------------------------------------------- case 3: a missing code
#        u1 u2 u3 u4
#   A:   y  n  y  n
#   B:   y  n  n  n
#   C:   y  n  -  y     (C did not code u3)
# Alpha uses every unit with at least two codes: 11 values.
#   u1 yyy: o(y,y) += 3; u2 nnn: o(n,n) += 3; u3 yn (2 coders, divide by 1): o(y,n) += 1, o(n,y) += 1;
#   u4 nny: o(n,n) += 1, o(n,y) += 1, o(y,n) += 1.
#   n(y) = 5, n(n) = 6, n = 11; Do = 4/11; De = 2*5*6 / (11*10) = 6/11; alpha = 1 - 4/6 = 1/3.
# Kappa needs every coder on every unit: not computed. On the complete units u1, u2, u4 only:
#   A: y n n, B: y n n, C: y n y.
#   A-B: Ao = 1, Ae = 1/9 + 4/9 = 5/9, kappa = 1.
#   A-C: Ao = 2/3; yes rates 1/3 and 2/3; Ae = 2/9 + 2/9 = 4/9; kappa = (2/9)/(5/9) = .4. B-C the same.
#   mean = (1 + .4 + .4) / 3 = .6
CASE3 = [("A", "u1", "y"), ("A", "u2", "n"), ("A", "u3", "y"), ("A", "u4", "n"),
         ("B", "u1", "y"), ("B", "u2", "n"), ("B", "u3", "n"), ("B", "u4", "n"),
         ("C", "u1", "y"), ("C", "u2", "n"), ("C", "u4", "y")]


def test_case3_missing_code_by_hand():
    assert agreement.alpha(CASE3)[0] == pytest.approx(1 / 3)
    assert agreement.missing_codes(CASE3) == {"C": ["u3"]}
    value, note = agreement.kappa(CASE3)
    assert value is None
    assert "needs every coder to code every unit" in note and "C did not code 1 unit (u3)" in note
    value, note = agreement.kappa(CASE3, complete_only=True)
    assert value == pytest.approx(0.6)
    assert "3 units every coder coded (1 left out)" in note
    assert agreement.observed_agreement(CASE3) is None


def test_nltk_kappa_itself_fails_on_missing_codes():
    """The reason for the message: NLTK's kappa() cannot handle a skipped unit."""
    with pytest.raises((RuntimeError, StopIteration)):
        AnnotationTask(data=CASE3).kappa()


# ---------------------------------------------------------------- the trap: one code only
ALL_NO = [(c, f"u{i}", "no") for c in "AB" for i in range(10)]


def test_one_code_only_is_undefined_not_perfect():
    assert AnnotationTask(data=ALL_NO).alpha() == 1  # what NLTK says
    value, note = agreement.alpha(ALL_NO)
    assert value is None and "undefined" in note and "returns 1" in note
    value, note = agreement.kappa(ALL_NO)
    assert value is None and "undefined" in note


def test_one_code_among_pairable_units_only():
    # u2 has a "yes", but only one coder coded it: alpha cannot use it, so only "no" remains.
    triples = [("A", "u1", "no"), ("B", "u1", "no"), ("A", "u2", "yes")]
    assert agreement.alpha(triples)[0] is None


# ---------------------------------------------------------------- bootstrap
def direct_bootstrap(triples, resamples, seed):
    """The same resampling written out plainly: draw units with replacement, alpha by NLTK, percentiles by numpy."""
    units = sorted({u for _, u, _ in triples})
    rng = random.Random(seed)
    values = []
    for _ in range(resamples):
        drawn = [rng.choice(units) for _ in units]
        data = [(c, f"{u}#{k}", code) for k, u in enumerate(drawn) for c, unit, code in triples if unit == u]
        if len({code for _, _, code in data}) > 1:
            values.append(AnnotationTask(data=data).alpha())
    return numpy.percentile(values, [2.5, 97.5]), len(values)


@pytest.mark.parametrize("triples", [CASE1, CASE2], ids=["case1", "case2"])
def test_bootstrap_matches_a_direct_computation(triples):
    result = agreement.bootstrap_alpha(triples, resamples=300, seed=7)
    (low, high), used = direct_bootstrap(triples, 300, 7)
    assert result["used"] == used and result["undefined"] == 300 - used
    assert result["low"] == pytest.approx(low) and result["high"] == pytest.approx(high)
    assert result["low"] <= agreement.alpha(triples)[0] <= result["high"]


def test_bootstrap_is_repeatable_with_its_seed():
    first = agreement.bootstrap_alpha(CASE2, resamples=200)
    assert first == agreement.bootstrap_alpha(CASE2, resamples=200)
    assert first != agreement.bootstrap_alpha(CASE2, resamples=200, seed=1)


def test_percentile_interpolates_like_numpy():
    values = [0.3, -0.1, 0.9, 0.5, 0.2, 0.7]
    for q in (0, 2.5, 50, 97.5, 100):
        assert agreement.percentile(values, q) == pytest.approx(numpy.percentile(values, q))


# ---------------------------------------------------------------- thresholds and reports
def test_thresholds():
    assert agreement.verdict(0.80) == "reliable (≥ .800)"
    assert agreement.verdict(0.7999) == "tentative only (.667 to .800)"
    assert agreement.verdict(0.667) == "tentative only (.667 to .800)"
    assert agreement.verdict(0.6) == "not reliable (< .667)"
    assert agreement.verdict(None) == "undefined"
    assert agreement.interval_caveat(0.85, 0.70) == ("but the interval's lower end (0.700) is below .800, "
                                                     "so these data cannot show it")
    assert agreement.interval_caveat(0.9, 0.85) == ""


def test_report_on_too_few_units_gives_no_alpha():
    report = agreement.report(CASE1[:3] + CASE1[10:13])  # three units
    assert report.units == 3 and report.alpha is None and report.verdict == "too few units"
    assert "3 units are too few" in report.alpha_note
    assert report.kappa is None and "too few units" in report.kappa_note


def test_report_describes_units_codes_and_interval():
    report = agreement.report(CASE1, "case 1", min_units=10, resamples=200)
    text = report.describe()
    assert "10 units, 2 coders" in text and "“y” 10, “n” 10" in text
    assert "alpha = 0.620" in text and "bootstrap interval" in text and "200 resamples" in text
    assert report.as_dict()["kappa"] == 0.6


def test_triples_from_codings():
    codings = {"A": {"p1": {"x": "yes", "y": "no"}}, "B": {"p1": {"x": "no", "y": ""}}}
    assert agreement.triples_for_question(codings, "x") == [("A", "p1", "yes"), ("B", "p1", "no")]
    assert agreement.triples_for_questions(codings) == [("A", "p1|x", "yes"), ("A", "p1|y", "no"), ("B", "p1|x", "no")]


def test_disagreements_table():
    codings = {"A": {"p1": {"x": "yes"}, "p2": {"x": "no"}},
               "B": {"p1": {"x": "no"}, "p2": {"x": "no"}},
               "C": {"p1": {"x": "no"}, "p2": {"x": "no"}}}
    assert agreement.disagreements(codings) == [
        {"unit": "p1", "question": "x", "codes": {"no": 2, "yes": 1}, "coders": {"A": "yes", "B": "no", "C": "no"}}]


# ---------------------------------------------------------------- the fast formula used inside the bootstrap
@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abc"), min_size=0, max_size=5), min_size=1, max_size=12))
def test_nominal_alpha_equals_nltk(units):
    """For any units and codes, the counts formula gives NLTK's alpha (or None where NLTK would return 1)."""
    triples = [(f"c{k}", f"u{i}", code) for i, codes in enumerate(units) for k, code in enumerate(codes)]
    counts = [Counter(codes) for codes in units]
    value = agreement.nominal_alpha(counts)
    expected, _ = agreement.alpha(triples) if triples else (None, "")
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected)


def test_nominal_alpha_by_hand():
    # Case 1 as counts: eight units with two equal codes, two with one y and one n: .62
    counts = [Counter({"y": 2})] * 4 + [Counter({"y": 1, "n": 1})] * 2 + [Counter({"n": 2})] * 4
    assert agreement.nominal_alpha(counts) == pytest.approx(0.62)


# ---------------------------------------------------------------- per question, pooled, Fleiss, against a reference

def test_per_question_reports_each_question_from_its_own_units():
    # q1 is case 1 (alpha .62); q2 has 12 units all "no" for both coders: the one-code trap, not alpha = 1.
    codings = {"A": {f"u{i}": {"q1": a} for i, a in enumerate(A, 1)}, "B": {f"u{i}": {"q1": b} for i, b in enumerate(B, 1)}}
    for coder in codings:
        for i in range(1, 13):
            codings[coder].setdefault(f"u{i}", {})["q2"] = "n"
    reports = agreement.per_question(codings, {"q1": "first", "q2": "second"}, interval=False)
    assert reports["q1"].units == 10 and reports["q1"].alpha == pytest.approx(0.62)
    assert reports["q1"].kappa == pytest.approx(0.60)
    assert reports["q2"].units == 12 and reports["q2"].alpha is None and "NLTK's alpha() returns 1" in reports["q2"].alpha_note
    # with 9 units of q1 there is no alpha at all (fewer than MIN_UNITS)
    short = {c: {u: a for u, a in units.items() if u != "u10"} for c, units in codings.items()}
    assert agreement.per_question(short, {"q1": "first"}, interval=False)["q1"].alpha is None


def test_prevalence_paradox_is_named_where_one_code_dominates():
    # 20 units, two coders; "yes" 38 of 40 codes, the two "no" on different units: agreement .90, alpha about -.05
    a = ["yes"] * 19 + ["no"]
    b = ["no"] + ["yes"] * 19
    codings = {"A": {f"u{i}": {"q": c} for i, c in enumerate(a)}, "B": {f"u{i}": {"q": c} for i, c in enumerate(b)}}
    report = agreement.per_question(codings, {"q": "q"}, interval=False)["q"]
    assert report.observed == pytest.approx(0.9) and report.alpha < 0
    assert any("Prevalence paradox: 38 of 40 codes are “yes”" in note for note in report.notes)
    balanced = agreement.per_question({"A": {f"u{i}": {"q": x} for i, x in enumerate(A)},
                                       "B": {f"u{i}": {"q": x} for i, x in enumerate(B)}}, {"q": "q"}, interval=False)
    assert balanced["q"].notes == []


def test_pooled_alpha_always_carries_its_caveat():
    codings = {"A": {"article": {f"q{i}": x for i, x in enumerate(A)}}, "B": {"article": {f"q{i}": x for i, x in enumerate(B)}}}
    pooled = agreement.pooled(codings, interval=False)
    assert pooled.units == 10 and pooled.alpha == pytest.approx(0.62)
    assert "not the reliability of any one question" in pooled.describe()


def test_fleiss_kappa_is_nltk_pi():
    # case 2's three coders (below): pi() is Fleiss' kappa; on case 1, two coders, it is Scott's pi.
    value, note = agreement.fleiss_kappa(CASE1)
    # Scott's pi on case 1: expected agreement from the pooled codes .5*.5 + .5*.5 = .5, so (.8 - .5) / .5 = .6
    assert value == pytest.approx(0.6) and "pi()" in note
    assert agreement.fleiss_kappa([("A", "u1", "y"), ("B", "u2", "y")])[0] is None


def test_reference_comparison_counts_only_the_units_coded():
    reference = {f"s{i}": {"f": "yes" if i % 3 == 0 else "no", "g": "no"} for i in range(1, 45)}
    mine = {"s1": {"f": "no", "g": "no"}, "s2": {"f": "yes", "g": "no"}, "s3": {"f": "yes"}}
    counts = agreement.reference_comparison(mine, reference, ["f", "g"], {"s2": {"f": "because"}})
    assert (counts["compared"], counts["same"], counts["different"]) == (5, 4, 1)
    assert counts["coded_units"] == 3 and counts["reference_units"] == 44
    assert counts["rows"] == [{"unit": "s2", "question": "f", "mine": "yes", "reference": "no", "reason": "because"}]
    assert counts["questions"]["g"] == {"compared": 2, "same": 2, "different": 0}
