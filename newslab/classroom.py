"""A class's codings (lessons 09, 10): bad and same-name files reported; the class measured per question and coder."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import agreement
from .reading import ReadError, read_user_bytes, walk_user_folder
from .spreadsheet import read_csv_text

# The columns of the coding sheet's export (newslab/exercises/coding.py); the first four are required.
REQUIRED = ("coder", "unit", "question", "code")
IGNORED_NAMES = {"readme", "readme.md", "readme.txt"}
# The practice sets whose coding sheets a class hands in.
CLASS_SETS = ("09_framing_entman", "10_generic_frames_agreement")
MAX_FILE_BYTES = 2_000_000  # a coding file of a whole sheet is a few hundred kB at most
STRAIGHT_LINE_MIN = 5  # this many codes or more, all the same: flagged as straight-lining
LOW_MAJORITY = 0.75  # a share of codes the same as the class majority below this: talk to the coder


@dataclass
class ClassCodings:
    """What a folder held: the codes that can be used, the files read, the sheets, and every problem found."""

    folder: Path
    article: str | None
    codings: dict = field(default_factory=dict)  # {exercise: {coder: {unit: {question: code}}}}
    files: list = field(default_factory=list)  # [{"file", "coder", "exercise", "codes", "used"}]
    problems: list = field(default_factory=list)  # [{"file", "problem"}]
    read: int = 0  # files looked at (hidden files and a README left aside)
    sheets: dict = field(default_factory=dict)  # {exercise: {"set", "units", "questions", "labels", "unit_kind"}}
    same_name: list = field(default_factory=list)  # [(exercise, name, [coder names given])]

    def coders(self, exercise: str) -> list:
        """The coders whose codes for an exercise are used, sorted."""
        return sorted(self.codings.get(exercise, {}))

    def for_exercise(self, exercise: str, leave_out=()) -> dict:
        """{coder: {unit: {question: code}}} for one exercise (empty when nobody coded it), without leave_out."""
        return {c: v for c, v in self.codings.get(exercise, {}).items() if c not in set(leave_out)}

    def describe(self) -> str:
        """A short report: files read and used, the article, and each problem on its own line."""
        used = sum(1 for f in self.files if f["used"])
        lines = [f"Looked at {self.read} files in {self.folder}; codes from {used} of them are used."]
        if self.article:
            lines.append(f"The class coded the article {self.article}.")
        for exercise in sorted(self.codings):
            lines.append(f"{exercise}: {len(self.coders(exercise))} coders ({', '.join(self.coders(exercise))}).")
        if self.problems:
            lines.append(f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} (nothing was stopped by them):")
            lines.extend(f"- {p['file']}: {p['problem']}" for p in self.problems)
        return "\n".join(lines)


def read_class_folder(folder, set_name=None, article: str | None = None) -> ClassCodings:
    """Read every coding file in a folder.

    set_name: a practice set's name or several (CLASS_SETS for lessons 09 and 10): keep only their rows and
    check units, questions and codes against their coding sheets. article: keep only codes of this article
    id; by default the article most files coded. Bad files (not CSV, empty, too big, not UTF-8, broken CSV,
    without the coding columns), exact duplicates, rows with unknown units, questions or codes are reported,
    never fatal. Two different files naming the same coder are kept as two coders ("alex", "alex (2)") and
    flagged, unless one is an earlier export of the other (every code it has is the same in the fuller file).
    """
    folder = Path(folder).expanduser()
    result = ClassCodings(folder=folder, article=article)
    if not folder.is_dir():
        result.problems.append({"file": str(folder), "problem": "there is no such folder: set CLASS_FOLDER to the "
                                "folder that holds your class's coding files"})
        return result
    set_names = (set_name,) if isinstance(set_name, str) else tuple(set_name or ())
    paths, walk_problems = walk_user_folder(folder)
    result.problems.extend({"file": folder.name, "problem": p} for p in walk_problems)
    candidates = []
    for path in paths:
        if path.name.startswith(".") or path.name.lower() in IGNORED_NAMES:
            continue
        result.read += 1
        problem = lambda text, name=path.name: result.problems.append({"file": name, "problem": text})  # noqa: E731
        if path.suffix.lower() != ".csv":
            problem("not a CSV file, so not a coding file; skipped")
            continue
        try:
            data = read_user_bytes(path, MAX_FILE_BYTES, "coding file")
        except ReadError as error:
            problem(f"{error}; skipped")
            continue
        if not data.strip():
            problem("the file is empty; ask the learner to export it again")
            continue
        candidates.append((path.name, data))
    # Of files with the same bytes, keep the one with the shortest name ("ana.csv" before "ana (1).csv").
    first_of = {}
    for name, data in sorted(candidates, key=lambda c: (len(c[0]), c[0])):
        first_of.setdefault(hashlib.sha256(data).hexdigest(), name)
    parsed = []
    for name, data in candidates:
        original = first_of[hashlib.sha256(data).hexdigest()]
        if original != name:
            result.problems.append({"file": name, "problem": f"an exact copy of {original}; left out"})
            continue
        rows, error = _rows(data, name)
        if error:
            result.problems.append({"file": name, "problem": error})
            continue
        parsed.append((name, rows))
    if result.article is None:
        articles = Counter(row.get("article") or None for _, rows in parsed for row in rows)
        articles.pop(None, None)
        result.article = articles.most_common(1)[0][0] if articles else None
    result.sheets = _sheets(set_names, result.article) if set_names else {}
    by_coder = {}
    for name, rows in parsed:
        codes = _file_codes(name, rows, result, set_names)
        for (exercise, coder), coded in codes.items():
            by_coder.setdefault((exercise, coder), []).append((name, coded))
    for (exercise, coder), versions in sorted(by_coder.items()):
        _keep(result, exercise, coder, versions)
    return result


def _keep(result, exercise, coder, versions) -> None:
    """Keep one coder's file(s) for an exercise: the fuller of two exports, or same-name files as two coders."""
    versions.sort(key=lambda v: (-_size(v[1]), v[0]))
    kept, coded = versions[0]
    names = [coder]
    result.codings.setdefault(exercise, {})[coder] = coded
    result.files.append({"file": kept, "coder": coder, "exercise": exercise, "codes": _size(coded), "used": True})
    for other, other_coded in versions[1:]:
        if _earlier_export(other_coded, coded):
            result.files.append({"file": other, "coder": coder, "exercise": exercise, "codes": _size(other_coded),
                                 "used": False})
            result.problems.append({"file": other, "problem": (
                f"an earlier export by coder “{coder}” for {exercise}: its {_size(other_coded)} codes are all the "
                f"same in {kept} ({_size(coded)} codes), which is kept; left out")})
            continue
        name = f"{coder} ({len(names) + 1})"
        names.append(name)
        result.codings[exercise][name] = other_coded
        result.files.append({"file": other, "coder": name, "exercise": exercise, "codes": _size(other_coded),
                             "used": True})
        result.problems.append({"file": other, "problem": (
            f"same name: a second file from coder “{coder}” for {exercise} with different codes; kept as a second "
            f"coder, “{name}” ({kept} stays “{coder}”): check whether two students share the name")})
    if len(names) > 1:
        result.same_name.append((exercise, coder, names))


def _earlier_export(smaller: dict, fuller: dict) -> bool:
    """True when every code of smaller is the same in fuller (an export made before the sheet was finished)."""
    return all(fuller.get(unit, {}).get(q) == code for unit, answers in smaller.items() for q, code in answers.items())


def _rows(data: bytes, name: str):
    """(rows, None) or (None, what is wrong, in one line)."""
    try:
        columns, rows = read_csv_text(data, name)
    except ReadError as error:
        return None, f"{error}; skipped"
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        return None, (f"not a coding file: it has no column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                      f"(its columns: {', '.join(columns) or 'none'}); skipped")
    rows = [{k: (v or "").strip() for k, v in row.items()} for row in rows]
    if not rows:
        return None, "has the coding columns but no codes; skipped"
    return rows, None


def _file_codes(name, rows, result, set_names) -> dict:
    """{(exercise, coder): {unit: {question: code}}} from one file's rows, reporting the rows left out."""
    problem = lambda text: result.problems.append({"file": name, "problem": text})  # noqa: E731
    sheets = result.sheets if set_names else None
    left_out = Counter()
    examples = {}
    codes = {}
    for row in rows:
        exercise, coder = row.get("exercise", ""), row.get("coder", "")
        sheet = sheets.get(exercise) if sheets is not None else None
        reason = None
        if not coder:
            reason = "rows without a coder name"
        elif set_names and row.get("set") and row["set"] not in set_names:
            reason = f"rows of another practice set ({row['set']})"
        elif result.article and row.get("article") and row["article"] != result.article:
            reason = f"rows coding another article ({row['article']})"
        elif sheets is not None and sheet is None:
            reason = f"rows of an exercise that is not a coding sheet of {' or '.join(set_names)} ({exercise or 'none named'})"
        elif sheet is not None and row["question"] not in sheet["questions"]:
            reason = "rows with a question the codebook does not have"
            examples.setdefault(reason, row["question"])
        elif sheet is not None and row["code"] not in sheet["questions"][row["question"]]:
            reason = "rows with a code the codebook does not allow"
            examples.setdefault(reason, row["code"])
        elif not row["unit"] or not row["code"]:
            reason = "rows without a unit or a code"
        elif sheet is not None and sheet["units"] is not None and row["unit"] not in sheet["units"]:
            reason = "rows with a unit the sheet does not have"
            examples.setdefault(reason, row["unit"][:40])
        if reason:
            left_out[reason] += 1
            continue
        unit = codes.setdefault((exercise, coder), {}).setdefault(row["unit"], {})
        if row["question"] in unit and unit[row["question"]] != row["code"]:
            left_out["codes given twice for the same unit and question (the last one kept)"] += 1
        unit[row["question"]] = row["code"]
    for reason, n in left_out.items():
        example = f" (e.g. “{examples[reason]}”)" if reason in examples else ""
        kept = "" if "last one kept" in reason else "; left out"
        if n == 1:
            reason = reason.replace("rows ", "row ", 1).replace("codes given", "code given", 1)
        problem(f"{n} {reason}{example}{kept}")
    if not codes and not left_out:
        problem("no codes found")
    return codes


def _size(coded: dict) -> int:
    return sum(len(questions) for questions in coded.values())


def _sheets(set_names, article_id) -> dict:
    """{exercise id: {"set", "unit_kind", "units" (ids, or None without the article), "questions": {id: [codes]},
    "labels": {question id: short label}}} for the coding sheets of the practice sets."""
    from .exercises import PracticeSet, read_set
    from .frames import frame_names, function_names
    article = None
    if article_id:
        try:
            from .article import load_article
            article = load_article(article_id)
        except Exception:  # an unknown article: units cannot be checked, codes still can
            article = None
    labels = {**frame_names(), **function_names()}
    sheets = {}
    for set_name in set_names:
        data = read_set(set_name)
        practice = PracticeSet(data, article=article) if article is not None else None
        for spec in data["exercises"]:
            if spec["kind"] != "coding":
                continue
            units = None
            if practice is not None:
                try:
                    units = [u.id for u in practice.exercise(spec["id"]).units()]
                except Exception:  # the sheet does not apply to this article
                    units = None
            sheets[spec["id"]] = {"set": set_name, "unit_kind": spec["units"], "units": units,
                                  "questions": {q["id"]: list(q["codes"]) for q in spec["codebook"]},
                                  "labels": {q["id"]: labels.get(q["id"], q["id"]) for q in spec["codebook"]}}
    return sheets


# ---------------------------------------------------------------- the class measured

def with_majority(codings: dict) -> dict:
    """Each coder's agreement with the class: for every code they gave, is it the code most of the other
    coders gave that unit and question? Ties among the others are left out.
    {coder: {"compared", "same", "share"}}."""
    majority = _majority_of_others(codings)
    result = {}
    for coder in sorted(codings):
        pairs = [(code, majority[(coder, unit, q)]) for unit, answers in codings[coder].items()
                 for q, code in answers.items() if (coder, unit, q) in majority]
        same = sum(mine == theirs for mine, theirs in pairs)
        result[coder] = {"compared": len(pairs), "same": same, "share": round(same / len(pairs), 3) if pairs else None}
    return result


def straight_lining(codings: dict, minimum: int = STRAIGHT_LINE_MIN) -> dict:
    """{coder: the one code} for coders who gave the same code to everything (at least `minimum` codes) where
    the other coders' majority gave another code at least once (a uniform column the class shares is not careless)."""
    majority = _majority_of_others(codings)
    found = {}
    for coder, units in sorted(codings.items()):
        given = [(unit, q, code) for unit, answers in units.items() for q, code in answers.items()]
        codes = {code for _, _, code in given}
        if len(given) >= minimum and len(codes) == 1 and \
                any(majority.get((coder, unit, q)) not in (None, code) for unit, q, code in given):
            found[coder] = given[0][2]
    return found


def _majority_of_others(codings: dict) -> dict:
    """{(coder, unit, question): the code most other coders gave}, ties left out."""
    table = {}
    for coder, units in codings.items():
        for unit, answers in units.items():
            for question, code in answers.items():
                table.setdefault((unit, question), {})[coder] = code
    result = {}
    for (unit, question), by_coder in table.items():
        for coder in by_coder:
            others = Counter(code for c, code in by_coder.items() if c != coder).most_common(2)
            if others and not (len(others) > 1 and others[0][1] == others[1][1]):
                result[(coder, unit, question)] = others[0][0]
    return result


def partial(codings: dict, sheet: dict | None) -> dict:
    """{coder: (codes given, codes the sheet has)} for coders who did not code every unit on every question."""
    if not sheet or sheet.get("units") is None:
        return {}
    expected = len(sheet["units"]) * len(sheet["questions"])
    return {coder: (_size(units), expected) for coder, units in sorted(codings.items()) if _size(units) < expected}


@dataclass
class SheetReport:
    """One coding sheet measured for a class (after leaving out any coders)."""

    exercise: str
    coders: list
    left_out: list
    unit_kind: str
    per_question: dict  # {question id: agreement.Report}; empty for the whole-article sheet (one unit each)
    pooled: agreement.Report | None
    majority: dict
    straight: dict
    partial: dict
    splits: list
    labels: dict

    def table(self) -> list:
        """Rows for a table of reliability per question (frame or function)."""
        return [{"question": self.labels.get(q, q), **r.as_dict(), "notes": " ".join(r.notes)}
                for q, r in self.per_question.items()]


def sheet_report(class_codings: ClassCodings, exercise: str, leave_out=(), resamples: int = agreement.RESAMPLES,
                 min_units: int = agreement.MIN_UNITS) -> SheetReport:
    """Reliability per question, the pooled figure with its caveat, each coder against the class majority,
    straight-lining and partial files, and the splits, all without the coders in leave_out."""
    codings = class_codings.for_exercise(exercise, leave_out)
    sheet = class_codings.sheets.get(exercise, {})
    questions = list(sheet.get("questions") or sorted({q for u in codings.values() for a in u.values() for q in a}))
    labels = sheet.get("labels") or {q: q for q in questions}
    unit_kind = sheet.get("unit_kind", "")
    per_question = {} if unit_kind == "article" else \
        agreement.per_question(codings, {q: labels.get(q, q) for q in questions}, min_units=min_units,
                               resamples=resamples)
    pooled = agreement.pooled(codings, None, f"{exercise}: all questions pooled", min_units=min_units,
                              resamples=resamples) if codings else None
    return SheetReport(exercise=exercise, coders=sorted(codings), left_out=sorted(set(leave_out)), unit_kind=unit_kind,
                       per_question=per_question, pooled=pooled, majority=with_majority(codings),
                       straight=straight_lining(codings), partial=partial(codings, sheet),
                       splits=agreement.disagreements(codings), labels=labels)


def talk_to(class_codings: ClassCodings, reports) -> dict:
    """{coder: [reasons]}: who to talk to, over all sheets (straight-lining, partial, same name, low agreement
    with the class majority)."""
    who = {}
    for report in reports:
        for coder, code in report.straight.items():
            who.setdefault(coder, []).append(f"gave “{code}” to everything on {report.exercise}")
        for coder, (given, expected) in report.partial.items():
            who.setdefault(coder, []).append(f"coded {given} of {expected} on {report.exercise}")
        for coder, m in report.majority.items():
            if m["share"] is not None and m["share"] < LOW_MAJORITY and coder not in report.straight:
                who.setdefault(coder, []).append(f"{m['share']:.0%} of codes with the class majority on {report.exercise}")
    for exercise, name, names in class_codings.same_name:
        for coder in names:
            who.setdefault(coder, []).append(f"shares the name “{name}” with another file on {exercise}")
    return dict(sorted(who.items()))


def summary(class_codings: ClassCodings, reports, top: int = 5) -> str:
    """What an instructor reads in one screen: files, who to talk to, which units split the class, and
    reliability per question."""
    lines = [f"{sum(1 for f in class_codings.files if f['used'])} coding files used, "
             f"{len(class_codings.problems)} problems reported (listed above)."]
    people = talk_to(class_codings, reports)
    lines.append(f"Talk to {len(people)} coder{'s' if len(people) != 1 else ''}:" if people else "Nobody to follow up.")
    lines += [f"- {coder}: {'; '.join(reasons)}" for coder, reasons in people.items()]
    for report in reports:
        left = f" (left out: {', '.join(report.left_out)})" if report.left_out else ""
        lines.append(f"{report.exercise}: {len(report.coders)} coders{left}.")
        even = [s for s in report.splits if min(s["codes"].values()) * 3 >= sum(s["codes"].values())]
        shown = even[:top] or report.splits[:top]
        if shown:
            lines.append("  Units that split the class: " + "; ".join(
                f"{s['unit']} {report.labels.get(s['question'], s['question'])} "
                f"({' · '.join(f'{c} {n}' for c, n in s['codes'].items())})" for s in shown) + ".")
        if report.per_question:
            lines.append("  Alpha per question: " + "; ".join(
                f"{r.label} {r.alpha:.2f}" if r.alpha is not None else f"{r.label} {r.verdict}"
                for r in report.per_question.values()) + ".")
        elif report.pooled is not None:
            value = f"{report.pooled.alpha:.2f}" if report.pooled.alpha is not None else report.pooled.verdict
            lines.append(f"  One unit per question: no alpha per question; pooled alpha {value} (only with its caveat: "
                         "not the reliability of any one question).")
    return "\n".join(lines)
