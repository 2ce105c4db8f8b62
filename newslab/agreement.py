"""Agreement between coders around nltk.metrics.agreement.AnnotationTask, with the traps reported, not hidden.

Data are (coder, unit, code) triples, the shape AnnotationTask takes. Every figure comes with the
number of units and how often each code occurs. Wording used by the lessons:
- between a learner and a reference reading: "agreement with a reference, not reliability";
- among coders who worked independently (classmates): reliability.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field

from nltk.metrics.agreement import AnnotationTask

# Krippendorff's conventions for alpha: rely on data at or above RELIABLE; draw only tentative
# conclusions between TENTATIVE and RELIABLE.
RELIABLE = 0.800
TENTATIVE = 0.667
# The course's own cut-off (a convention, not a rule from the literature): below this many units,
# alpha is not reported for a group of questions.
MIN_UNITS = 10
SEED = 20150919
RESAMPLES = 1000

KAPPA_MANY_CODERS = ("with more than two coders, NLTK's kappa() is the average of Cohen's kappa over every pair "
                     "of coders, not Fleiss' kappa")
REFERENCE_WORDING = "agreement with a reference, not reliability"


def triples_for_question(codings: dict, question: str) -> list:
    """(coder, unit, code) triples for one question from {coder: {unit: {question: code}}}; empty codes left out."""
    return [(coder, unit, answers[question]) for coder in sorted(codings)
            for unit, answers in sorted(codings[coder].items()) if answers.get(question) not in (None, "")]


def triples_for_questions(codings: dict, questions=None) -> list:
    """(coder, "unit|question", code) triples pooling several questions (all when questions is None): each
    unit-question pair is one unit of the pooled data."""
    triples = []
    for coder in sorted(codings):
        for unit, answers in sorted(codings[coder].items()):
            for question, code in sorted(answers.items()):
                if (questions is None or question in questions) and code not in (None, ""):
                    triples.append((coder, f"{unit}|{question}", code))
    return triples


def units_of(triples) -> list:
    """The units, sorted."""
    return sorted({unit for _, unit, _ in triples})


def coders_of(triples) -> list:
    """The coders, sorted."""
    return sorted({coder for coder, _, _ in triples})


def code_counts(triples) -> dict:
    """How often each code was given, most frequent first: {code: n}."""
    return dict(Counter(code for _, _, code in triples).most_common())


def missing_codes(triples) -> dict:
    """{coder: [units that coder did not code]} for every coder who skipped a unit others coded."""
    units = units_of(triples)
    coded = {}
    for coder, unit, _ in triples:
        coded.setdefault(coder, set()).add(unit)
    return {c: [u for u in units if u not in coded[c]] for c in sorted(coded) if len(coded[c]) < len(units)}


def pairable(triples) -> list:
    """The triples of units that at least two coders coded: the only ones alpha can use."""
    per_unit = Counter(unit for _, unit, _ in triples)
    return [t for t in triples if per_unit[t[1]] >= 2]


def alpha(triples):
    """(alpha, note): Krippendorff's alpha by NLTK, or None with the reason when it is undefined.

    NLTK returns 1 when only one code occurs among the units two coders coded; there is no variation
    to agree about, so alpha is undefined, and this function says so instead.
    """
    usable = pairable(triples)
    if not usable:
        return None, "undefined: no unit was coded by two or more coders"
    codes = {code for _, _, code in usable}
    if len(codes) == 1:
        return None, (f"undefined: every coder chose the same code (“{next(iter(codes))}”) for every unit, so there is "
                      "no variation to agree about; NLTK's alpha() returns 1 here, which says nothing about reliability")
    return AnnotationTask(data=usable).alpha(), ""


def kappa(triples, complete_only: bool = False):
    """(kappa, note): Cohen's kappa by NLTK (the average over coder pairs when there are more than two coders).

    NLTK's kappa() assumes every coder coded every unit. With missing codes it returns None and a message,
    unless complete_only=True, which keeps only the units every coder coded and says how many it dropped.
    """
    coders = coders_of(triples)
    if len(coders) < 2:
        return None, "undefined: kappa needs at least two coders"
    missing = missing_codes(triples)
    note = ""
    if missing:
        if not complete_only:
            who = "; ".join(f"{c} did not code {len(u)} unit{'s' if len(u) != 1 else ''} ({', '.join(map(str, u[:4]))}"
                            f"{', …' if len(u) > 4 else ''})" for c, u in missing.items())
            return None, (f"not computed: Cohen's kappa needs every coder to code every unit, and {who}. Use alpha, "
                          "which allows missing codes, or compare only the units everyone coded (complete_only=True).")
        dropped = {u for units in missing.values() for u in units}
        triples = [t for t in triples if t[1] not in dropped]
        note = f"computed on the {len(units_of(triples))} units every coder coded ({len(dropped)} left out)"
        if not triples:
            return None, "undefined: no unit was coded by every coder"
    if len({code for _, _, code in triples}) == 1:
        return None, ("undefined: every coder chose the same code for every unit; NLTK's kappa() returns 1 here, "
                      "which says nothing about agreement beyond chance")
    value = AnnotationTask(data=triples).kappa()
    if len(coders) > 2:
        note = "; ".join(filter(None, [note, KAPPA_MANY_CODERS]))
    return value, note


def observed_agreement(triples):
    """The share of coder pairs that gave a unit the same code, averaged over pairs (NLTK's avg_Ao); None with
    missing codes."""
    if len(coders_of(triples)) < 2 or missing_codes(triples):
        return None
    return AnnotationTask(data=triples).avg_Ao()


def percentile(values, q: float) -> float:
    """The q-th percentile (0–100) of values by linear interpolation between the two nearest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def nominal_alpha(unit_counts) -> float | None:
    """Krippendorff's alpha for nominal codes from each unit's code counts [{code: n}, ...], by the same formula
    as NLTK's AnnotationTask.alpha() with its default binary distance (the tests check they agree); units with
    fewer than two codes are skipped. None when only one code occurs. Fast enough for a thousand resamples."""
    usable = [counts for counts in unit_counts if sum(counts.values()) >= 2]
    totals = Counter()
    observed = 0.0
    for counts in usable:
        m = sum(counts.values())
        totals.update(counts)
        observed += (m * m - sum(n * n for n in counts.values())) / (m - 1)
    n = sum(totals.values())
    if len(totals) < 2:
        return None
    expected = (n * n - sum(v * v for v in totals.values())) / (n - 1)
    return 1.0 - observed / expected


def bootstrap_alpha(triples, resamples: int = RESAMPLES, seed: int = SEED, level: float = 0.95) -> dict:
    """A percentile bootstrap interval for alpha: draw the units with replacement, as many as there are, from
    their sorted list with random.Random(seed).choice (so a run can be repeated exactly), and recompute alpha
    (by nominal_alpha, which gives NLTK's value for these codes).

    Returns {"low", "high", "level", "resamples", "used", "undefined"}: "undefined" counts the resamples in
    which alpha was undefined (one code only); they are left out. low and high are None when fewer than
    half of the resamples gave a value.
    """
    by_unit = {}
    for _, unit, code in triples:
        by_unit.setdefault(unit, Counter())[code] += 1
    units = sorted(by_unit)
    rng = random.Random(seed)
    values = []
    undefined = 0
    for _ in range(resamples):
        value = nominal_alpha([by_unit[rng.choice(units)] for _ in units])
        if value is None:
            undefined += 1
        else:
            values.append(value)
    result = {"low": None, "high": None, "level": level, "resamples": resamples, "used": len(values),
              "undefined": undefined}
    if values and len(values) >= resamples / 2:
        tail = (1 - level) / 2 * 100
        result["low"], result["high"] = percentile(values, tail), percentile(values, 100 - tail)
    return result


def verdict(value) -> str:
    """Where an alpha falls by Krippendorff's conventions."""
    if value is None:
        return "undefined"
    if value >= RELIABLE:
        return "reliable (≥ .800)"
    if value >= TENTATIVE:
        return "tentative only (.667 to .800)"
    return "not reliable (< .667)"


def interval_caveat(value, low) -> str:
    """What the lower end of the interval adds: '' when it stays in the same band as alpha itself."""
    if value is None or low is None or verdict(low) == verdict(value):
        return ""
    floor = ".800" if value >= RELIABLE else ".667"
    return f"but the interval's lower end ({low:.3f}) is below {floor}, so these data cannot show it"


@dataclass
class Report:
    """Agreement on one group of units: the figures, the counts behind them and every caveat."""

    label: str
    units: int
    coders: list
    counts: dict
    observed: float | None = None
    alpha: float | None = None
    alpha_note: str = ""
    interval: dict = field(default_factory=dict)
    kappa: float | None = None
    kappa_note: str = ""
    notes: list = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """The band alpha falls in, or "undefined" / "too few units"."""
        if self.alpha is None:
            return "undefined" if self.units >= MIN_UNITS else "too few units"
        return verdict(self.alpha)

    @property
    def caveat(self) -> str:
        """What the interval's lower end says against the band, or ''."""
        return interval_caveat(self.alpha, self.interval.get("low"))

    def as_dict(self) -> dict:
        """The report as plain values (for tables and tests)."""
        return {"label": self.label, "units": self.units, "coders": len(self.coders), "counts": self.counts,
                "observed": _round(self.observed), "alpha": _round(self.alpha),
                "low": _round(self.interval.get("low")), "high": _round(self.interval.get("high")),
                "kappa": _round(self.kappa), "verdict": self.verdict, "caveat": self.caveat}

    def describe(self) -> str:
        """The report in sentences: figures, units, code counts, the interval and the caveats."""
        counts = ", ".join(f"“{code}” {n}" for code, n in self.counts.items())
        lines = [f"{self.label}: {self.units} units, {len(self.coders)} coders; codes given: {counts}."]
        if self.observed is not None:
            lines.append(f"Observed agreement: {self.observed:.2f}.")
        if self.alpha is not None:
            text = f"Krippendorff's alpha = {self.alpha:.3f}"
            if self.interval.get("low") is not None:
                text += (f", {self.interval['level']:.0%} bootstrap interval {self.interval['low']:.3f} to "
                         f"{self.interval['high']:.3f} ({self.interval['used']} of {self.interval['resamples']} "
                         "resamples of the units")
                if self.interval["undefined"]:
                    text += f"; {self.interval['undefined']} had one code only and were left out"
                text += ")"
            lines.append(text + f": {self.verdict}" + (f", {self.caveat}" if self.caveat else "") + ".")
        elif self.alpha_note:
            lines.append(f"Krippendorff's alpha: {self.alpha_note}.")
        if self.kappa is not None:
            lines.append(f"Cohen's kappa = {self.kappa:.3f}" + (f" ({self.kappa_note})" if self.kappa_note else "") + ".")
        elif self.kappa_note:
            lines.append(f"Cohen's kappa: {self.kappa_note}" + ("" if self.kappa_note.endswith(".") else "."))
        lines.extend(self.notes)
        return "\n".join(lines)


def _round(value, places: int = 3):
    return None if value is None else round(value, places)


def report(triples, label: str = "all units", interval: bool = True, min_units: int = MIN_UNITS,
           resamples: int = RESAMPLES, seed: int = SEED) -> Report:
    """Agreement on a group of (coder, unit, code) triples: alpha (with its bootstrap interval), kappa, observed
    agreement, the number of units and the code counts; alpha and kappa only from min_units units up."""
    units = units_of(triples)
    result = Report(label=label, units=len(units), coders=coders_of(triples), counts=code_counts(triples))
    result.observed = observed_agreement(triples)
    if len(units) < min_units:
        result.kappa_note = "not reported either: too few units"
        result.alpha_note = (f"not reported: {len(units)} units are too few (this course reports alpha from "
                             f"{min_units} units up; with a handful of units one changed code moves alpha a lot "
                             "and its interval is too wide to clear .667 or .800)")
        return result
    result.kappa, result.kappa_note = kappa(triples)
    result.alpha, result.alpha_note = alpha(triples)
    if result.alpha is not None and interval:
        result.interval = bootstrap_alpha(triples, resamples=resamples, seed=seed)
    return result


def disagreements(codings: dict, questions=None) -> list:
    """Every unit and question on which the coders did not all give the same code:
    [{"unit", "question", "codes": {code: n}, "coders": {coder: code}}], most split first."""
    table = {}
    for coder, units in codings.items():
        for unit, answers in units.items():
            for question, code in answers.items():
                if questions is not None and question not in questions or code in (None, ""):
                    continue
                table.setdefault((unit, question), {})[coder] = code
    rows = []
    for (unit, question), by_coder in table.items():
        counts = Counter(by_coder.values())
        if len(counts) > 1:
            rows.append({"unit": unit, "question": question, "codes": dict(counts.most_common()),
                         "coders": dict(sorted(by_coder.items()))})
    rows.sort(key=lambda r: (-min(r["codes"].values()), r["question"], _natural(r["unit"])))
    return rows


def _natural(unit: str):
    digits = "".join(ch for ch in unit if ch.isdigit())
    return (unit.rstrip("0123456789"), int(digits) if digits else 0, unit)


# ---------------------------------------------------------------- more than two coders: Fleiss' kappa

FLEISS_NOTE = ("NLTK's AnnotationTask.pi() is Fleiss' kappa (Fleiss 1971 generalised Scott's pi to many coders; "
               "NLTK calls it multi-pi): chance agreement from all coders' codes pooled")


def fleiss_kappa(triples):
    """(Fleiss' kappa, note) by NLTK's AnnotationTask.pi() (multi-pi); None with the reason when it is undefined.

    Like Cohen's kappa in NLTK it needs every coder on every unit."""
    if len(coders_of(triples)) < 2:
        return None, "undefined: Fleiss' kappa needs at least two coders"
    missing = missing_codes(triples)
    if missing:
        return None, (f"not computed: Fleiss' kappa needs every coder to code every unit, and {len(missing)} "
                      f"coder{'s' if len(missing) != 1 else ''} skipped units; use alpha")
    if len({code for _, _, code in triples}) == 1:
        return None, "undefined: every coder chose the same code for every unit"
    return AnnotationTask(data=triples).pi(), FLEISS_NOTE


# ---------------------------------------------------------------- against a reference: counts, no coefficients

def reference_comparison(mine: dict, reference: dict, questions, rationale=None) -> dict:
    """A learner's codes against a reference reading, over the units the learner coded only.

    mine, reference: {unit: {question: code}}. Returns {"questions": {qid: {"compared", "same", "different"}},
    "compared", "same", "different", "rows": [{"unit", "question", "mine", "reference", "reason"}],
    "coded_units", "reference_units"}. Agreement with a reference is not reliability: no kappa or alpha here."""
    rationale = rationale or {}
    result = {"questions": {q: {"compared": 0, "same": 0, "different": 0} for q in questions}, "rows": []}
    for unit, answers in reference.items():
        for question in questions:
            theirs, given = answers.get(question), mine.get(unit, {}).get(question)
            if theirs in (None, "") or given in (None, ""):
                continue
            counts = result["questions"][question]
            counts["compared"] += 1
            if given == theirs:
                counts["same"] += 1
            else:
                counts["different"] += 1
                result["rows"].append({"unit": unit, "question": question, "mine": given, "reference": theirs,
                                       "reason": rationale.get(unit, {}).get(question, "")})
    for key in ("compared", "same", "different"):
        result[key] = sum(c[key] for c in result["questions"].values())
    result["coded_units"] = sum(1 for unit, answers in mine.items() if unit in reference and answers)
    result["reference_units"] = len(reference)
    return result


# ---------------------------------------------------------------- among independent coders: per question

POOLED_CAVEAT = ("a pooled figure: each question (or unit and question) counts as one unit of a single alpha, so it "
                 "is not the reliability of any one question and hides which question is unreliable; read the "
                 "per-question figures")
PREVALENCE_SHARE = 0.9  # one code at or above this share of all codes: the prevalence paradox may show


def prevalence_note(triples) -> str:
    """The one-code trap in words when one code dominates: high observed agreement, low alpha; '' otherwise."""
    counts = code_counts(triples)
    total = sum(counts.values())
    if not total or len(counts) < 2:
        return ""
    code, n = next(iter(counts.items()))
    if n / total < PREVALENCE_SHARE:
        return ""
    return (f"Prevalence paradox: {n} of {total} codes are “{code}”. When nearly every code is the same, chance "
            "agreement is already high, so a few disagreements pull alpha far down although coders agree on "
            "most units.")


def per_question(codings: dict, questions: dict, min_units: int = MIN_UNITS, interval: bool = True,
                 resamples: int = RESAMPLES) -> dict:
    """{question id: Report} among independent coders, one alpha per question from min_units units up, with
    the one-code trap and the prevalence paradox added to its notes. questions: {id: label}."""
    reports = {}
    for question, label in questions.items():
        triples = triples_for_question(codings, question)
        result = report(triples, label, interval=interval, min_units=min_units, resamples=resamples)
        note = prevalence_note(triples)
        if note and result.units >= min_units:
            result.notes.append(note)
        reports[question] = result
    return reports


def pooled(codings: dict, questions=None, label: str = "all questions pooled", **options) -> Report:
    """One alpha over several questions pooled (each unit-question pair one unit), always with its caveat."""
    result = report(triples_for_questions(codings, questions), label, **options)
    result.notes.append("This is " + POOLED_CAVEAT + ".")
    return result
