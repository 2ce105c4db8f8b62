"""The development set of real news (Brown news files labelled by hand) and how the quote finder scores on it."""

from __future__ import annotations

import inspect
import json
import re
import time
from functools import lru_cache

from . import config

LABELS_DIR = config.DATA / "reference" / "brown-news"

KINDS = ("direct", "partial", "term", "title")  # the kinds of a segment (words inside one pair of marks)
SPEAKER_KINDS = ("person", "organisation", "nominal")
SEGMENT_FIELDS = {"paragraph", "words", "kind", "speaker", "full_name", "speaker_kind", "note"}
FILE_FIELDS = {"fileid", "segments", "notes", "set"}
SETS = ("validation",)  # the values of a file's "set"; a file without "set" belongs to the development set
MAX_WORDS = 8
TARGET_NAMED, TARGET_WRONG = 0.92, 0.03  # named-speaker accuracy at least, wrong-person share at most

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "3d", "3"}
_CURLY = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                        "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'"})
_EDGE_MARKS = "\"' "
_TRAILING = " \t\n\"'.,;:!?)-—–"


# ---------------------------------------------------------------- the labels

def labelled_fileids() -> list:
    """The Brown file ids that have a label file, in order (ca01, ca02, …)."""
    return sorted(path.stem for path in LABELS_DIR.glob("*.json"))


WHICH = ("development", "validation", "all")


def set_of(fileid: str) -> str:
    """The set a labelled file belongs to: "validation" when its file says so, else "development"."""
    return _read(fileid).get("set", "development")


def fileids_in(which: str = "development") -> list:
    """The labelled files of one set: "development" (the files without "set", which the quote finder was
    built on), "validation" (files with "set": "validation", labelled after it was built; used since to correct it)
    or "all"."""
    if which not in WHICH:
        raise ValueError(f"which must be one of {WHICH}, not {which!r}")
    return [f for f in labelled_fileids() if which == "all" or set_of(f) == which]


@lru_cache(maxsize=64)
def _read(fileid: str) -> dict:
    path = LABELS_DIR / f"{fileid}.json"
    if not path.exists():
        raise FileNotFoundError(f"no labels for Brown file {fileid!r}: the labelled files are {labelled_fileids()}")
    return json.loads(path.read_text(encoding="utf-8"))


def load_labels(fileid: str) -> list:
    """The labelled segments of one Brown news file: a list of dicts (paragraph, words, kind, speaker, …)."""
    return [dict(segment) for segment in _read(fileid)["segments"]]


def problems_in(data: dict) -> list:
    """What is wrong with one label file's fields and values (an empty list when it is valid)."""
    found = []
    if not isinstance(data, dict) or set(data) - FILE_FIELDS or not {"fileid", "segments"} <= set(data):
        return [f"a label file has exactly the fields {sorted(FILE_FIELDS)} (notes and set optional)"]
    if "set" in data and data["set"] not in SETS:
        return [f"{data['fileid']}: set {data['set']!r} is not one of {SETS} (leave set out for the development set)"]
    for number, segment in enumerate(data["segments"]):
        where = f"{data['fileid']} segment {number}"
        if set(segment) - SEGMENT_FIELDS or not SEGMENT_FIELDS - {"note"} <= set(segment):
            found.append(f"{where}: fields must be {sorted(SEGMENT_FIELDS)} (note optional), not {sorted(segment)}")
            continue
        if not isinstance(segment["paragraph"], int) or segment["paragraph"] < 0:
            found.append(f"{where}: paragraph must be a whole number from 0")
        words = segment["words"]
        if not isinstance(words, str) or not words.strip() or len(words.split()) > MAX_WORDS:
            found.append(f"{where}: words must be 1 to {MAX_WORDS} words of the segment")
        if segment["kind"] not in KINDS:
            found.append(f"{where}: kind {segment['kind']!r} is not one of {KINDS}")
        speaker, full_name, kind = segment["speaker"], segment["full_name"], segment["speaker_kind"]
        if segment["kind"] in ("term", "title") and (speaker, full_name, kind) != (None, None, None):
            found.append(f"{where}: a {segment['kind']} has no speaker, full_name or speaker_kind")
        if speaker is None and (full_name, kind) != (None, None):
            found.append(f"{where}: no speaker, so full_name and speaker_kind are null too")
        if speaker is not None and (not isinstance(speaker, str) or not isinstance(full_name, str)
                                    or kind not in SPEAKER_KINDS):
            found.append(f"{where}: a speaker needs a full_name and a speaker_kind from {SPEAKER_KINDS}")
    return found


# ---------------------------------------------------------------- matching a found quote to a label

def _get(quote, name: str, default=None):
    if isinstance(quote, dict):
        return quote.get(name, default)
    return getattr(quote, name, default)


def fold(text: str) -> str:
    """Text for comparison: curly marks made straight, whitespace folded, leading marks and trailing
    punctuation dropped, lower case."""
    text = " ".join((text or "").translate(_CURLY).split())
    return text.lstrip(_EDGE_MARKS).rstrip(_TRAILING).lower()


def matches(found, segment: dict) -> bool:
    """Whether a found quote is the labelled segment: same paragraph, and its text starts with the label's words."""
    if _get(found, "paragraph") != segment["paragraph"]:
        return False
    text = " ".join((_get(found, "text") or "").translate(_CURLY).split()).lstrip(_EDGE_MARKS).lower()
    return text.startswith(fold(segment["words"]))


def _words(name) -> list:
    return [w for w in re.findall(r"[\w'.-]+", fold(name or "")) if w not in _SUFFIXES and w.strip(".")]


def surname(name) -> str:
    """The last word of a name, without Jr., Sr., III or a possessive ('Allen' for 'Ivan Allen Jr.')."""
    words = _words(name)
    return re.sub(r"'s$", "", words[-1]).strip(".") if words else ""


def _found_names(found) -> list:
    return [n for n in (_get(found, "speaker"), _get(found, "full_name")) if n]


def same_person(found, segment: dict) -> bool:
    """The finder's speaker (or full_name) names the labelled person: surnames equal, case-insensitive."""
    wanted = {surname(segment.get("speaker")), surname(segment.get("full_name"))} - {""}
    return any(surname(name) in wanted for name in _found_names(found))


def same_speaker(found, segment: dict) -> bool:
    """The finder names the labelled speaker: a person by surname; an organisation or a nominal speaker
    by its name or head word (the last word of the finder's name is the label's speaker or the last word
    of the label's full name)."""
    if segment.get("speaker") is None:
        return False
    if segment.get("speaker_kind") == "person":
        return same_person(found, segment)
    heads = {fold(segment["speaker"]), surname(segment["speaker"]), surname(segment.get("full_name"))} - {""}
    full = fold(segment.get("full_name"))
    return any(fold(name) in heads or surname(name) in heads or (full and fold(name) == full)
               for name in _found_names(found))


def names_a_person(found) -> bool:
    """The finder attributes the quote to a person: a speaker whose speaker_kind is "person", or a speaker
    with no speaker_kind at all (a finder without speaker_kind, or one that left it empty)."""
    return bool(_get(found, "speaker")) and _get(found, "speaker_kind") in (None, "person")


def _segments_found(quotes) -> list:
    return [q for q in quotes if _get(q, "kind") in KINDS]


def match_file(found: list, segments: list) -> list:
    """For every labelled segment (in order), the found segment that matches it, or None (one to one)."""
    candidates = _segments_found(found)
    used, pairs = set(), []
    for segment in segments:
        hit = next((i for i, q in enumerate(candidates) if i not in used and matches(q, segment)), None)
        if hit is not None:
            used.add(hit)
        pairs.append(candidates[hit] if hit is not None else None)
    return pairs


# ---------------------------------------------------------------- scoring

def _share(n: int, of: int) -> dict:
    return {"n": n, "of": of, "share": n / of if of else None}


def _tally(rows: list) -> dict:
    named = [r for r in rows if r["label"]["speaker_kind"] == "person" and r["label"]["kind"] in ("direct", "partial")]
    group = [r for r in rows if r["label"]["speaker_kind"] in ("organisation", "nominal")
             and r["label"]["kind"] in ("direct", "partial")]
    terms = [r for r in rows if r["label"]["kind"] in ("term", "title")]
    return {
        "segments_found": _share(sum(r["found"] is not None for r in rows), len(rows)),
        "named_speaker_accuracy": _share(sum(r["right"] for r in named), len(named)),
        "wrong_person": _share(sum(r["wrong_person"] for r in rows), len(rows)),
        "organisation_nominal_accuracy": _share(sum(r["right"] for r in group), len(group)),
        "term_title_recognised": _share(sum(r["found"] is not None and (
            _get(r["found"], "kind") in ("term", "title") or not _get(r["found"], "speaker")) for r in terms), len(terms)),
    }


def score(found_by_file: dict, labels_by_file: dict | None = None) -> dict:
    """Score the quotes a finder found ({fileid: [Quote-like]}) against the labels (read from
    data/reference/brown-news/ unless labels_by_file gives them), as DEVSET-FORMAT.md defines it.

    Returns the totals (each a dict n, of, share), "by_file" with the same figures per file, "extra"
    (found segments that match no label), and "mistakes": every labelled segment missed or wrongly attributed.
    """
    rows, by_file, extra = [], {}, 0
    for fileid, found in found_by_file.items():
        segments = labels_by_file[fileid] if labels_by_file is not None else load_labels(fileid)
        pairs = match_file(list(found), segments)
        extra += len(_segments_found(found)) - sum(p is not None for p in pairs)
        file_rows = []
        for segment, hit in zip(segments, pairs):
            right = hit is not None and same_speaker(hit, segment)
            wrong = hit is not None and names_a_person(hit) and not same_speaker(hit, segment)
            file_rows.append({"fileid": fileid, "label": segment, "found": hit, "right": right, "wrong_person": wrong})
        by_file[fileid] = _tally(file_rows)
        rows.extend(file_rows)
    result = _tally(rows)
    result["labelled"] = len(rows)
    result["files"] = list(found_by_file)
    result["extra"] = extra
    result["by_file"] = by_file
    result["mistakes"] = [_mistake(r) for r in rows if _is_mistake(r)]
    return result


def _is_mistake(row: dict) -> bool:
    label = row["label"]
    if row["found"] is None or row["wrong_person"]:
        return True
    return label["kind"] in ("direct", "partial") and label["speaker"] is not None and not row["right"]


def _mistake(row: dict) -> dict:
    label, hit = row["label"], row["found"]
    what = ("not found" if hit is None else "wrong person" if row["wrong_person"] else "speaker missed")
    return {"fileid": row["fileid"], "paragraph": label["paragraph"], "words": label["words"],
            "kind": label["kind"], "speaker": label["speaker"], "speaker_kind": label["speaker_kind"],
            "found_speaker": _get(hit, "speaker") if hit is not None else None, "what": what}


# ---------------------------------------------------------------- running the finder

def _stages() -> list:
    from . import voices
    stages = getattr(voices, "STAGES", None)
    if not stages:
        return []
    if isinstance(stages, dict):
        return list(stages)
    return [s if isinstance(s, str) else getattr(s, "name", str(s)) for s in stages]


def _takes_up_to() -> bool:
    from . import voices
    try:
        return "up_to" in inspect.signature(voices.extract_quotes).parameters
    except (TypeError, ValueError):
        return False


def evaluate(up_to=None, fileids=None, which="development") -> dict:
    """Run the quote finder (newslab.voices; up to the stage named up_to, or all of it) on the labelled files
    of one set (which: "development", "validation" or "all"; fileids, when given, instead) and score it."""
    from . import voices
    from .realnews import brown_article
    if up_to is not None and not _takes_up_to():
        raise ValueError(f"this quote finder has no stages (voices.extract_quotes takes no up_to): "
                         f"call evaluate() without up_to, not up_to={up_to!r}")
    chosen = list(fileids) if fileids else fileids_in(which)
    started = time.perf_counter()
    found = {}
    for fileid in chosen:
        article = brown_article(fileid)
        found[fileid] = voices.extract_quotes(article, up_to=up_to) if up_to is not None else voices.extract_quotes(article)
    result = score(found)
    result["stage"] = up_to if up_to is not None else "all"
    result["which"] = "chosen files" if fileids else which
    result["seconds"] = time.perf_counter() - started
    return result


def per_stage(fileids=None, which="development") -> dict:
    """evaluate() for every stage of voices.STAGES in order ({stage: result}) on one set of files (which, as
    for evaluate); a finder without stages is evaluated once, as the stage "all"."""
    names = _stages() if _takes_up_to() else []
    if not names:
        return {"all": evaluate(fileids=fileids, which=which)}
    return {name: evaluate(up_to=name, fileids=fileids, which=which) for name in names}
