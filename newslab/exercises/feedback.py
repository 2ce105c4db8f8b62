"""Feedback: the plain record every exercise keeps, and how it looks on screen.

Feedback is never colour alone: each status has a word and a symbol, and its colour comes
from the colour-blind-safe palette in newslab.config.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .. import config

# status -> (symbol, word, palette colour name)
STATUSES = {
    "right": ("✓", "Right.", "bluish green"),
    "wrong": ("✗", "Not yet.", "vermillion"),
    "partial": ("✗", "Nearly.", "orange"),
    "compare": ("?", "Compare.", "blue"),
    "info": ("ℹ", "Note.", "sky blue"),
    "notice": ("ℹ", "Note.", "reddish purple"),
}


@dataclass
class Feedback:
    """What an exercise last said, as plain Python for tests and for the progress store.

    key: which outcome fired (e.g. "option:b", "wrong:0", "right", "case:2", "error").
    entries: the names of every feedback entry from the data file that the text shows.
    status: one of STATUSES; right is True, False or None (None: not graded, e.g. interpretive).
    """

    key: str
    status: str
    text: str
    entries: list = field(default_factory=list)
    details: dict = field(default_factory=dict)

    @property
    def symbol(self) -> str:
        return STATUSES[self.status][0]

    @property
    def right(self):
        if self.status == "right":
            return True
        if self.status in ("wrong", "partial"):
            return False
        return None

    def plain(self) -> str:
        """The feedback as one plain-text string: symbol, word, text."""
        symbol, word, _ = STATUSES[self.status]
        return f"{symbol} {word} {strip_markup(without_repeated_word(word, self.text))}"

    def html(self) -> str:
        return feedback_html(self.status, self.text)


def colour(status: str) -> str:
    return config.PALETTE[STATUSES[status][2]]


def feedback_html(status: str, text: str) -> str:
    """A feedback box: a coloured bar at the left, the symbol and word in bold, then the text."""
    symbol, word, _ = STATUSES[status]
    return (f'<div class="newslab-feedback-box newslab-{status}" role="status" '
            f'style="border-left:6px solid {colour(status)};padding:4px 10px;margin:4px 0;line-height:1.45;'
            f'background:#fff;color:#000">'
            f'<strong><span aria-hidden="true">{symbol}</span> {html.escape(word)}</strong> '
            f'{markdown(without_repeated_word(word, text))}</div>')


def without_repeated_word(word: str, text: str) -> str:
    """The text without a leading word that repeats the status word ("✓ Right. Right: …" reads as a stutter)."""
    stem = word.rstrip(".").strip()
    match = re.match(rf"\s*{re.escape(stem)}\s*[.:,!;]\s*", text or "", flags=re.IGNORECASE)
    if not match or not text[match.end():].strip():
        return text or ""
    rest = text[match.end():]
    return rest[0].upper() + rest[1:]


def plain_label(text: str) -> str:
    """Option and code labels are shown in plain widgets (radio buttons, check boxes), which cannot render
    Markdown: the marks come off, so `text.split()` reads as text.split(), not with its backticks."""
    text = strip_markup(text or "")
    return re.sub(r"^\s*>\s?", "", text).strip()


# ---------------------------------------------------------------- a small Markdown

# A code span: one backtick, or several to hold backticks inside (CommonMark: ``` `` ``` shows ``).
_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# Linear in the text: an emphasis never spans another "*", a link's text never another "[" (issue 14).
_EM = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"\[([^\[\]]+)\]\((https?://[^)\s]+)\)")


def inline(text: str) -> str:
    """Escape HTML, then `code`, **bold**, *emphasis* and [links](https://…)."""
    out = []
    parts, at = [], 0
    for match in _CODE.finditer(text):
        parts += [(False, text[at:match.start()]), (True, _code_text(match))]
        at = match.end()
    parts.append((False, text[at:]))
    for is_code, part in parts:
        if is_code:
            out.append(f"<code>{html.escape(part)}</code>")
            continue
        part = html.escape(part, quote=False)
        part = _LINK.sub(r'<a href="\2" target="_blank" rel="noopener">\1</a>', part)
        part = _BOLD.sub(r"<strong>\1</strong>", part)
        part = _EM.sub(r"<em>\1</em>", part)
        out.append(part)
    return "".join(out)


def _code_text(match) -> str:
    inside = match.group(2)
    if len(inside) > 2 and inside.startswith(" ") and inside.endswith(" ") and inside.strip():
        inside = inside[1:-1]  # CommonMark strips one space each side
    return inside


def markdown(text: str) -> str:
    """The little Markdown that set files use: paragraphs, ``` code blocks, - lists, and inline marks."""
    if not text:
        return ""
    blocks = re.split(r"\n\s*\n", text.strip())
    out = []
    fence = None
    for block in blocks:
        if fence is not None:
            fence.append(block)
            if block.rstrip().endswith("```"):
                out.append(_code_block("\n\n".join(fence)))
                fence = None
            continue
        if block.lstrip().startswith("```"):
            if block.rstrip().endswith("```") and block.strip() != "```":
                out.append(_code_block(block))
            else:
                fence = [block]
            continue
        lines = block.split("\n")
        if all(line.strip().startswith("|") for line in lines) and len(lines) >= 2:
            out.append(_table(lines))
        elif all(line.lstrip().startswith(">") for line in lines):
            quoted = "<br>".join(inline(re.sub(r"^\s*>\s?", "", line)) for line in lines)
            out.append(f'<blockquote style="border-left:3px solid #999;margin:4px 0;padding:2px 10px">{quoted}</blockquote>')
        elif all(line.lstrip().startswith(("- ", "* ")) for line in lines):
            items = "".join(f"<li>{inline(line.lstrip()[2:])}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append(f"<p>{'<br>'.join(inline(line) for line in lines)}</p>")
    if fence is not None:
        out.append(_code_block("\n\n".join(fence)))
    if len(out) == 1 and out[0].startswith("<p>"):
        return f'<span class="newslab-text">{out[0][3:-4]}</span>'
    return "".join(out)


def _table(lines) -> str:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    header, body = rows[0], [r for r in rows[1:] if not all(set(c) <= set("-: ") for c in r)]
    cell = 'style="border:1px solid #999;padding:2px 6px;text-align:left"'
    head = "".join(f"<th scope=\"col\" {cell}>{inline(c)}</th>" for c in header)
    rows_html = "".join("<tr>" + "".join(f"<td {cell}>{inline(c)}</td>" for c in r) + "</tr>" for r in body)
    return f'<table style="border-collapse:collapse;margin:4px 0"><thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table>'


def _code_block(block: str) -> str:
    body = block.strip()
    body = re.sub(r"^```[\w-]*\n?", "", body)
    body = re.sub(r"\n?```$", "", body)
    return f'<pre style="background:#f4f4f4;padding:6px;margin:4px 0"><code>{html.escape(body)}</code></pre>'


def strip_markup(text: str) -> str:
    """Text without the Markdown marks, for plain records and CSV files."""
    text = re.sub(r"```[\w-]*\n?", "", text or "")
    text = _LINK.sub(r"\1 (\2)", text)
    text = _CODE.sub(_code_text, text)
    text = _BOLD.sub(r"\1", text)
    return _EM.sub(r"\1", text)
