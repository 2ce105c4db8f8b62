"""CSV cells that are safe to open in a spreadsheet, read back exactly, and CSV text read with one-line problems."""

from __future__ import annotations

import csv
import io
import re

from .reading import ReadError, decode_user_text

# A cell that starts with one of these may run as a formula in a spreadsheet (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A cell that safe_cell changed: one or more single quotes, then a formula start.
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def safe_cell(value) -> str:
    """The cell as text, with a single quote in front when it would start a formula (=, +, -, @, tab, CR).

    A cell that already starts with quotes before such a character gets one more quote, so restore_cell
    gives back exactly the original."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) or _QUOTED.match(text):
        return "'" + text
    return text


def restore_cell(value) -> str:
    """What safe_cell was given: the one quote it added is taken off again; other cells are unchanged."""
    text = "" if value is None else str(value)
    return text[1:] if _QUOTED.match(text) else text


def safe_row(row: dict) -> dict:
    """safe_cell of every value of a row."""
    return {key: safe_cell(value) for key, value in row.items()}


def read_csv_text(text, what: str = "CSV file", restore: bool = True) -> tuple:
    """(columns, rows) of a CSV given as text (or bytes, which must be UTF-8), each row a dict of its cells
    with restore_cell applied; a cell over csv.field_size_limit or any csv.Error raises ReadError in one line."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = decode_user_text(bytes(text), what, what="CSV file")
        except ReadError as error:
            if error.reason != "binary":
                raise
            raise ReadError(f"{what} is not a CSV text file (a spreadsheet saved as .xlsx, or another kind of file?): "
                            "export it again as CSV.", "binary") from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise ReadError(f"{what} contains NUL characters, so it is not a CSV text file: export it again.", "binary")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = [c.strip() for c in (reader.fieldnames or [])]
        rows = []
        for row in reader:
            cells = {}
            for key, value in row.items():
                if key is None:  # cells beyond the header's columns
                    continue
                cells[key.strip()] = restore_cell(value) if restore and isinstance(value, str) else (value or "")
            rows.append(cells)
    except csv.Error as error:
        limit = csv.field_size_limit()
        if "field larger than field limit" in str(error):
            raise ReadError(f"{what} has a cell over {limit:,} characters (line {reader.line_num}), so it is not a "
                            "file exported by newslab: export it again.", "csv") from None
        raise ReadError(f"{what} is not a well-formed CSV file (line {reader.line_num}: {error}): "
                        "export it again.", "csv") from None
    return columns, rows


def keep_known(rows, column: str, known, what: str = "this file") -> tuple:
    """(rows whose `column` is one of `known`, one-line problem or None): unknown values (a unit "p999", "pX",
    "../../etc/passwd") are left out and named, at most three of them, so nothing later meets them."""
    known = set(known)
    kept, unknown = [], []
    for row in rows:
        value = row.get(column, "")
        if value in known:
            kept.append(row)
        else:
            unknown.append(value)
    if not unknown:
        return kept, None
    names = sorted(set(unknown), key=str)
    shown = ", ".join(repr(str(v)[:40]) for v in names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    rows_word = "row" if len(unknown) == 1 else "rows"
    return kept, f"{what}: {len(unknown)} {rows_word} with an unknown {column} ({shown}); left out"


def write_csv(handle, fieldnames, rows) -> None:
    """Write rows as CSV to an open text file, every cell through safe_cell."""
    writer = csv.DictWriter(handle, fieldnames=list(fieldnames))
    writer.writeheader()
    for row in rows:
        writer.writerow({key: safe_cell(row.get(key, "")) for key in fieldnames})


__all__ = ["FORMULA_START", "keep_known", "read_csv_text", "restore_cell", "safe_cell", "safe_row", "write_csv"]
