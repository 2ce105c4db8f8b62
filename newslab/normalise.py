"""Normalising a learner's typed answer so that equivalent forms compare equal.

Two answers are the same when they differ only in:
- letter case ("ISIL" = "isil");
- curly or straight quotation marks and apostrophes ("We’re" = "We're", “go” = "go");
- the kind and number of spaces: thin spaces (U+2009, as in the article's ". . ."), no-break
  spaces and other Unicode spaces count as one ordinary space;
- spaces at either end, and quotation marks wrapped around the whole answer.
"""

from __future__ import annotations

import re
import unicodedata

# Curly, angled and prime-like quotation marks, mapped to their straight forms.
QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'", "`": "'",
    "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
}
# Dashes and the minus sign, mapped to a hyphen-minus.
DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
_TRANSLATE = str.maketrans({**QUOTES, **DASHES})
# Every character Unicode calls a space separator, plus tabs and line breaks, and the
# zero-width characters that sneak in when text is copied from a web page.
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def straighten(text: str) -> str:
    """Curly quotes and apostrophes made straight, dashes made hyphens; nothing else changed."""
    return text.translate(_TRANSLATE)


def squeeze_spaces(text: str) -> str:
    """Every run of spaces (of any Unicode kind) made one ordinary space, and the ends stripped."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def normalise_text(text) -> str:
    """The form answers are compared in: case-folded, straight quotes, single plain spaces, stripped."""
    text = unicodedata.normalize("NFC", str(text))
    text = squeeze_spaces(straighten(text)).casefold()
    # Quotation marks around the whole answer ("ISIL" typed with its quotes) do not count.
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return text


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_number(text):
    """A typed number as a float, or None when it is not one.

    Accepts surrounding spaces, thin spaces or commas between thousands ("1,234", "1 234"), a
    leading "." (".62"), a Unicode minus sign, and a comma as the decimal mark when it cannot be a
    thousands separator ("0,62").
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    text = squeeze_spaces(straighten(unicodedata.normalize("NFKC", str(text))))
    text = text.replace(" ", "")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value
