"""A class's codings: read a folder of the coding sheet's CSV exports, reporting bad and duplicate files instead of failing."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# The columns of the coding sheet's export (newslab/exercises/coding.py); the first four are required.
REQUIRED = ("coder", "unit", "question", "code")
IGNORED_NAMES = {"readme", "readme.md", "readme.txt"}


@dataclass
class ClassCodings:
    """What a folder held: the codes that can be used, the files read, and every problem found."""

    folder: Path
    article: str | None
    codings: dict = field(default_factory=dict)  # {exercise: {coder: {unit: {question: code}}}}
    files: list = field(default_factory=list)  # [{"file", "coder", "exercise", "codes", "used"}]
    problems: list = field(default_factory=list)  # [{"file", "problem"}]
    read: int = 0  # files looked at (hidden files and a README left aside)

    def coders(self, exercise: str) -> list:
        """The coders whose codes for an exercise are used, sorted."""
        return sorted(self.codings.get(exercise, {}))

    def for_exercise(self, exercise: str) -> dict:
        """{coder: {unit: {question: code}}} for one exercise (empty when nobody coded it)."""
        return self.codings.get(exercise, {})

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


def read_class_folder(folder, set_name: str | None = None, article: str | None = None) -> ClassCodings:
    """Read every coding file in a folder.

    set_name: keep only rows of this practice set, and check questions and codes against its coding
    sheets' codebooks. article: keep only codes of this article id; by default the article most files
    coded. Bad files (not CSV, empty, not UTF-8, without the coding columns), exact duplicates, rows with
    unknown questions or codes, and two different files from one coder are reported, never fatal.
    """
    folder = Path(folder).expanduser()
    result = ClassCodings(folder=folder, article=article)
    if not folder.is_dir():
        result.problems.append({"file": str(folder), "problem": "there is no such folder: set CLASS_FOLDER to the "
                                "folder that holds your class's coding files"})
        return result
    codebooks = _codebooks(set_name) if set_name else None
    candidates = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.name.lower() in IGNORED_NAMES:
            continue
        result.read += 1
        problem = lambda text, name=path.name: result.problems.append({"file": name, "problem": text})  # noqa: E731
        if path.suffix.lower() != ".csv":
            problem("not a CSV file, so not a coding file; skipped")
            continue
        data = path.read_bytes()
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
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.problems.append({"file": name, "problem": "not UTF-8 text (was it opened and saved again in a "
                                                             "spreadsheet?); skipped"})
            continue
        rows, error = _rows(text)
        if error:
            result.problems.append({"file": name, "problem": error})
            continue
        parsed.append((name, rows))
    if result.article is None:
        articles = Counter(row.get("article") or None for _, rows in parsed for row in rows)
        articles.pop(None, None)
        result.article = articles.most_common(1)[0][0] if articles else None
    by_coder = {}
    for name, rows in parsed:
        codes = _file_codes(name, rows, result, set_name, codebooks)
        for (exercise, coder), coded in codes.items():
            by_coder.setdefault((exercise, coder), []).append((name, coded))
    for (exercise, coder), versions in sorted(by_coder.items()):
        versions.sort(key=lambda v: (-_size(v[1]), v[0]))
        kept, coded = versions[0]
        result.codings.setdefault(exercise, {})[coder] = coded
        result.files.append({"file": kept, "coder": coder, "exercise": exercise, "codes": _size(coded), "used": True})
        for other, other_coded in versions[1:]:
            result.files.append({"file": other, "coder": coder, "exercise": exercise, "codes": _size(other_coded),
                                 "used": False})
            result.problems.append({"file": other, "problem": (
                f"a second file from coder “{coder}” for {exercise}, with different codes; kept {kept} "
                f"({_size(coded)} codes, against {_size(other_coded)} here): check with the learner")})
    return result


def _rows(text: str):
    """(rows, None) or (None, what is wrong)."""
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        return None, (f"not a coding file: it has no column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                      f"(its columns: {', '.join(columns) or 'none'}); skipped")
    rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    if not rows:
        return None, "has the coding columns but no codes; skipped"
    return rows, None


def _file_codes(name, rows, result, set_name, codebooks) -> dict:
    """{(exercise, coder): {unit: {question: code}}} from one file's rows, reporting the rows left out."""
    problem = lambda text: result.problems.append({"file": name, "problem": text})  # noqa: E731
    left_out = Counter()
    examples = {}
    codes = {}
    for row in rows:
        exercise, coder = row.get("exercise", ""), row["coder"]
        reason = None
        if not coder:
            reason = "rows without a coder name"
        elif set_name and row.get("set") and row["set"] != set_name:
            reason = f"rows of another practice set ({row['set']})"
        elif result.article and row.get("article") and row["article"] != result.article:
            reason = f"rows coding another article ({row['article']})"
        elif codebooks is not None and exercise not in codebooks:
            reason = f"rows of an exercise that is not a coding sheet of {set_name} ({exercise or 'none named'})"
        elif codebooks is not None and row["question"] not in codebooks[exercise]:
            reason = "rows with a question the codebook does not have"
            examples.setdefault(reason, row["question"])
        elif codebooks is not None and row["code"] not in codebooks[exercise][row["question"]]:
            reason = "rows with a code the codebook does not allow"
            examples.setdefault(reason, row["code"])
        elif not row["unit"] or not row["code"]:
            reason = "rows without a unit or a code"
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


def _codebooks(set_name: str) -> dict:
    """{exercise id: {question id: [codes]}} for the coding sheets of a practice set."""
    from .exercises import read_set
    data = read_set(set_name)
    return {spec["id"]: {q["id"]: list(q["codes"]) for q in spec["codebook"]}
            for spec in data["exercises"] if spec["kind"] == "coding"}
