"""The instructor's answer key from a set file: compact, one table per coding sheet with the reference's reasons."""

from __future__ import annotations

import re

GENERATED_NO = "The reference marks no "  # the start of a generated reason for a function a sentence does not carry
PARAGRAPH_NOTE = "Its paragraph, in the reference reading: "
TEXT_WIDTH = 110  # characters of a paragraph unit's text shown in a coding sheet's table


def answer_key(set_name: str, article=None) -> str:
    """The answer key of a practice set as Markdown (computed answers use the loaded article)."""
    from .practice import practice_set
    return set_answer_key(practice_set(set_name, article=article))


def set_answer_key(practice) -> str:
    """A set's key: the objectives on one line, then per exercise a heading, one line with the question, the
    hints and the solution, and the exercise's own key without blank lines (coding sheets: one table)."""
    from .content import describe_article_id
    written = "any article" if practice.written_for == "any" else describe_article_id(practice.written_for)
    objectives = "; ".join(f"**{oid}** {text}" for oid, text in practice.objectives.items())
    lines = [f"# Answer key: {practice.title}", "",
             f"Practice set `{practice.name}` for lesson {practice.lesson}, written for {written}. Computed answers "
             f"are for {practice.article.describe()} *Objectives:* {objectives}"]
    lines.append("")
    for n, ex in enumerate(practice.exercises, 1):
        # a heading ends the table before it, so no blank line is needed between exercises
        written_for = "" if ex.written_for == "any" else f", written for {ex.written_for}"
        lines.append(f"### {n}. `{ex.id}` ({ex.kind}, {ex.objective}{written_for})")
        hints = " ".join(f"({i}) {_flat(ex.fill(h))}" for i, h in enumerate(ex.hints, 1))
        line = f"**Q.** {_flat(ex.text('question'))} **Solution.** {_flat(ex.text('solution'))}" + \
            (f" *Hints:* {hints}" if hints else "")
        if not ex.applies:
            body = ["(Not computed: the loaded article is not the one this exercise is written for.)"]
        elif ex.kind == "coding":
            body = coding_key(ex)
        else:
            body = compact(ex.key_markdown())
        if body and not body[0].lstrip().startswith("|"):
            line = f"{line} {body.pop(0)}"
        lines += [line, *body]
    return "\n".join(lines).rstrip() + "\n"


def compact(markdown: str) -> list:
    """The lines of a Markdown fragment without blank lines: consecutive text lines joined into one (a list
    item after a middle dot), a blank line kept only where text follows a table (so the table ends there)."""
    out = []
    for line in markdown.splitlines():
        if not line.strip():
            continue
        table = line.lstrip().startswith("|")
        previous_table = bool(out) and out[-1].lstrip().startswith("|")
        item = re.match(r"\s*(?:[-*]|\d+\.) (.*)", line)
        if table or not out or out[-1] == "":
            out.append(line)
        elif previous_table:
            out += ["", line]
        elif item:  # a list item joins the line before it, marked by a middle dot
            out[-1] = f"{out[-1]} · {item.group(1).strip()}"
        else:
            out[-1] = f"{out[-1]} {line.strip()}"
    return out


def coding_key(ex) -> list:
    """One table for a coding sheet: each unit with its text and the reference's codes and reasons; units with
    no "yes" and only generated reasons are collapsed into one line per paragraph note."""
    from .coding import UnitsError
    book = "; ".join(f"**{q['id']}** {_flat(q['text'])} ({'/'.join(q['codes'])})" for q in ex.codebook)
    what = "interpretive: one defensible reading, never marked wrong" if ex.interpretive else "graded against the reference"
    lines = [f"Coding sheet on {ex.spec['units']} ({what}). Codebook: {book}"]
    reference = ex.reference
    if reference is None:
        return lines
    try:
        texts = {u.id: u.text for u in ex.units()}
    except UnitsError:
        texts = {}
    rows, collapsed = [], {}
    for unit, answers in reference["codes"].items():
        reasons = reference.get("rationale", {}).get(unit, {})
        cells = []
        generated_notes = set()
        for qid, code in answers.items():
            reason = ex.fill(reasons.get(qid, ""))
            if code == "no" and reason.startswith(GENERATED_NO):
                generated_notes.add(reason.split(PARAGRAPH_NOTE, 1)[-1])
                continue
            cells.append(f"{qid} **{code}**" + (f": {reason}" if reason else ""))
        for note in sorted(generated_notes):
            collapsed.setdefault(note, []).append(unit if cells else f"**{unit}**")
        if not cells:
            continue
        text = _flat(texts.get(unit, ""))
        if ex.spec["units"] != "sentences" and len(text) > TEXT_WIDTH:
            text = text[:TEXT_WIDTH].rsplit(" ", 1)[0] + " …"
        rows.append(f"| {unit} | {_cell(text)} | {_cell(' · '.join(cells))} |")
    lines += ["| unit | text | reference codes and reasons |", "|---|---|---|", *rows]
    if collapsed:
        names = "/".join(q["id"] for q in ex.codebook)
        lines += ["", f"Where the reference says “no” to {names}, its reason is the paragraph's note (units in bold "
                  "carry no function at all and are not in the table):"]
        lines += [f"- {', '.join(units)}: {_flat(note)}" for note, units in collapsed.items()]
    return lines


def _flat(text) -> str:
    return " ".join(str(text).split())


def _cell(text: str) -> str:
    return _flat(text).replace("|", "\\|")


__all__ = ["answer_key", "coding_key", "compact", "set_answer_key"]
