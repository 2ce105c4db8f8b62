"""The instructor's answer key, generated from a set file: Markdown for the instructor guide."""

from __future__ import annotations


def answer_key(set_name: str, article=None) -> str:
    """The answer key of a practice set as Markdown (computed answers use the loaded article)."""
    from .practice import practice_set
    return set_answer_key(practice_set(set_name, article=article))


def set_answer_key(practice) -> str:
    from .content import describe_article_id
    written = "any article" if practice.written_for == "any" else describe_article_id(practice.written_for)
    lines = [f"# Answer key: {practice.title}", "",
             f"Practice set `{practice.name}` for lesson {practice.lesson}, written for {written}. "
             f"Computed answers below are for {practice.article.describe()}", "", "## Objectives", ""]
    lines += [f"- **{oid}**: {text}" for oid, text in practice.objectives.items()]
    for n, ex in enumerate(practice.exercises, 1):
        lines += ["", f"## {n}. `{ex.id}` ({ex.kind})", "", f"*Objective:* {practice.objective_text(ex.objective)}", ""]
        if ex.written_for != "any":
            lines += [f"*Written for:* {describe_article_id(ex.written_for)}", ""]
        lines += [f"**Question.** {ex.text('question')}", ""]
        if ex.applies:
            lines += [ex.key_markdown(), ""]
        else:
            lines += ["(Not computed: the loaded article is not the one this exercise is written for.)", ""]
        lines += ["**Hints.**", ""] + [f"{i}. {ex.fill(h)}" for i, h in enumerate(ex.hints, 1)]
        lines += ["", "**Solution.**", "", ex.text("solution")]
    return "\n".join(lines).rstrip() + "\n"
