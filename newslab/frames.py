"""Framing: the generic-frames instrument and Entman's functions from data/frames, the team's reference readings,
word-list cues, and where frames and functions sit in an article."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from . import config

FRAMES_DATA = config.DATA / "frames"
CUES_FILE = config.WORDLISTS / "frame_cues.json"


# ---------------------------------------------------------------- the instrument and the functions

@lru_cache(maxsize=1)
def load_instrument() -> dict:
    """The generic-frames instrument (adapted from Semetko & Valkenburg, 2000) from data/frames/generic_frames.json."""
    return _read(FRAMES_DATA / "generic_frames.json")


@lru_cache(maxsize=1)
def load_functions() -> dict:
    """Entman's four functions, explained, from data/frames/entman_functions.json."""
    return _read(FRAMES_DATA / "entman_functions.json")


def _read(path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def frame_names() -> dict:
    """{frame id: frame name}, in the instrument's order."""
    return {frame["id"]: frame["name"] for frame in load_instrument()["frames"]}


def function_names() -> dict:
    """{function id: Entman's name for it}, in Entman's order."""
    return {f["id"]: f["name"] for f in load_functions()["functions"]}


def text_questions() -> list:
    """The questions a text can answer (the picture question is left out), each with its frame:
    [{"id", "text", "frame", "frame_name", "reconstructed"}]."""
    rows = []
    for frame in load_instrument()["frames"]:
        for question in frame["questions"]:
            if question.get("applies_to") == "pictures":
                continue
            rows.append({"id": question["id"], "text": question["text"], "frame": frame["id"],
                         "frame_name": frame["name"], "reconstructed": bool(question.get("reconstructed"))})
    return rows


def frame_scores(answers: dict) -> dict:
    """{frame id: the mean of its answered questions (yes = 1, no = 0)}, or None for a frame with no answers.

    answers: {question id: "yes" or "no"}; other questions and empty answers are not counted."""
    scores = {}
    for frame in load_instrument()["frames"]:
        coded = [answers[q["id"]] for q in frame["questions"]
                 if q.get("applies_to") != "pictures" and answers.get(q["id"]) in ("yes", "no")]
        scores[frame["id"]] = sum(code == "yes" for code in coded) / len(coded) if coded else None
    return scores


# ---------------------------------------------------------------- the team's reference readings

def reference_for(article):
    """The team's reference reading of this article, or None when there is none for it (or its text changed)."""
    path = FRAMES_DATA / "reference" / f"{article.id}.json"
    if not path.exists():
        return None
    reference = _read(path)
    if article.bundled and reference.get("sha256") not in (None, article.meta.get("sha256")):
        return None
    return reference


def reference_note(article) -> str:
    """One plain sentence: does a reference reading apply to the loaded article?"""
    if reference_for(article) is not None:
        return (f"The newslab team's reference reading applies to this article ({article.id}). It is one defensible "
                "reading with a reason for every decision, not an answer key.")
    return (f"The team's reference readings were written for the Washington Post article only; they do not apply "
            f"to {article.id}. Everything below still runs on this article, but the comparisons with a "
            "reference are left out: compare your reading with a classmate's instead.")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a body paragraph, numbered like the coding sheet's sentence units (s1, s2, …)."""

    id: str
    paragraph: int  # block index of the paragraph (article.paragraphs)
    start: int  # offsets in the paragraph's text
    end: int
    text: str


def sentence_units(article) -> list:
    """The body's sentences as nltk.sent_tokenize splits each body paragraph, with their places in the text."""
    import nltk
    units = []
    for paragraph in article.body:
        position = 0
        for sentence in nltk.sent_tokenize(paragraph.text):
            start = paragraph.text.find(sentence, position)
            start = position if start < 0 else start
            end = start + len(sentence)
            units.append(Sentence(f"s{len(units) + 1}", paragraph.index, start, end, sentence))
            position = end
    return units


def located_spans(article, reference) -> list:
    """The reference's Entman spans with their offsets: [{"id", "function", "paragraph", "start", "end", "text",
    "rationale"}], in text order."""
    spans = []
    for span in reference["entman"]["spans"]:
        text = article.paragraphs[span["paragraph"]].text
        start = text.find(span["text"])
        if start < 0:
            raise ValueError(f"The reference span {span['id']!r} is not in paragraph {span['paragraph']} of {article.id}.")
        spans.append({**span, "start": start, "end": start + len(span["text"])})
    spans.sort(key=lambda s: (s["paragraph"], s["start"]))
    return spans


def sentences_of_span(span: dict, sentences: list) -> list:
    """The ids of the sentences a span overlaps."""
    return [s.id for s in sentences
            if s.paragraph == span["paragraph"] and s.start < span["end"] and span["start"] < s.end]


def entman_sentence_codes(article, reference) -> dict:
    """{sentence id: {function id: "yes" or "no"}}: a sentence is evidence for a function when a reference
    span of that function overlaps it."""
    sentences = sentence_units(article)
    codes = {s.id: {f: "no" for f in function_names()} for s in sentences}
    for span in located_spans(article, reference):
        for sid in sentences_of_span(span, sentences):
            codes[sid][span["function"]] = "yes"
    return codes


def spans_by_function(article, reference) -> dict:
    """{function id: [located spans]}, in Entman's order."""
    grouped = {f: [] for f in function_names()}
    for span in located_spans(article, reference):
        grouped[span["function"]].append(span)
    return grouped


# ---------------------------------------------------------------- the reference as coding-sheet data

def entman_sheet_reference(article, reference) -> dict:
    """The reference reading in the coding sheet's format for sentence units: codes and a reason for each."""
    sentences = sentence_units(article)
    names = function_names()
    notes = reference["entman"]["paragraph_notes"]
    spans = located_spans(article, reference)
    codes, rationale = {}, {}
    for sentence in sentences:
        codes[sentence.id], rationale[sentence.id] = {}, {}
        for function, name in names.items():
            marked = [s for s in spans if s["function"] == function and sentence.id in sentences_of_span(s, [sentence])]
            if marked:
                codes[sentence.id][function] = "yes"
                rationale[sentence.id][function] = " ".join(f"“{s['text']}”: {s['rationale']}" for s in marked)
            else:
                codes[sentence.id][function] = "no"
                rationale[sentence.id][function] = (f"The reference marks no {name} in this sentence. "
                                                    f"Its paragraph, in the reference reading: {notes[str(sentence.paragraph)]}")
    return {"written_for": article.id, "coder": reference["coders"], "codes": codes, "rationale": rationale}


def generic_article_sheet_reference(reference) -> dict:
    """The whole-article coding of the generic frames in the coding sheet's format (unit "article")."""
    coded = reference["generic"]["whole_article"]
    return {"written_for": reference["article"], "coder": reference["coders"],
            "codes": {"article": {q: entry["code"] for q, entry in coded.items()}},
            "rationale": {"article": {q: entry["rationale"] for q, entry in coded.items()}}}


def generic_paragraph_sheet_reference(reference) -> dict:
    """The per-paragraph coding (an adaptation) in the coding sheet's format (units p<block index>)."""
    coded = reference["generic"]["per_paragraph"]["codes"]
    return {"written_for": reference["article"], "coder": reference["coders"],
            "codes": {unit: {frame: entry[0] for frame, entry in frames.items()} for unit, frames in coded.items()},
            "rationale": {unit: {frame: entry[1] for frame, entry in frames.items()} for unit, frames in coded.items()}}


def paragraphs_with_frame(reference) -> dict:
    """{frame id: set of block indexes whose per-paragraph reference code is "yes"}."""
    found = {frame: set() for frame in frame_names()}
    for unit, frames in reference["generic"]["per_paragraph"]["codes"].items():
        for frame, (code, _) in frames.items():
            if code == "yes":
                found[frame].add(int(unit[1:]))
    return found


# ---------------------------------------------------------------- word-list cues

@lru_cache(maxsize=1)
def load_cues() -> dict:
    """{frame id: [cue words and phrases]} from data/wordlists/frame_cues.json."""
    return _read(CUES_FILE)["cues"]


def cues_in(tokens, cues) -> list:
    """The cues (single words or phrases of several words) that occur in a list of lower-cased tokens."""
    found = []
    for cue in cues:
        words = cue.split()
        n = len(words)
        if any(tokens[i:i + n] == words for i in range(len(tokens) - n + 1)):
            found.append(cue)
    return found


def cue_paragraphs(article, cues=None) -> dict:
    """{frame id: {block index: [cues found]}} over the body paragraphs, tokens from nltk.word_tokenize."""
    import nltk
    cues = cues or load_cues()
    found = {frame: {} for frame in cues}
    for paragraph in article.body:
        tokens = nltk.word_tokenize(paragraph.text.lower().replace("’", "'"), preserve_line=True)
        for frame, words in cues.items():
            hits = cues_in(tokens, words)
            if hits:
                found[frame][paragraph.index] = hits
    return found


def precision_recall(human: set, cued: set):
    """(precision, recall) of cue-found units against human codes, by nltk.metrics; None where undefined
    (precision with no cued units, recall with no human-coded units)."""
    from nltk.metrics import precision, recall
    return precision(set(human), set(cued)), recall(set(human), set(cued))


# ---------------------------------------------------------------- where things sit

def body_position(article) -> dict:
    """{block index: position among the body paragraphs, counting from 1}."""
    return {p.index: n for n, p in enumerate(article.body, 1)}


def first_body_position(article, paragraphs) -> int | None:
    """The body position (from 1) of the earliest of some paragraphs (block indexes), or None."""
    positions = body_position(article)
    found = [positions[i] for i in paragraphs if i in positions]
    return min(found) if found else None


def in_first_paragraphs(article, paragraphs, n: int = 3) -> bool:
    """True when any of the paragraphs (block indexes) is among the first n body paragraphs."""
    first = first_body_position(article, paragraphs)
    return first is not None and first <= n


# ---------------------------------------------------------------- whose voice

def voice_of(article, paragraph: int, start: int, end: int, quotes) -> dict:
    """Whose voice carries the text at paragraph[start:end], by the majority of its characters:
    {"voice": "quoted" | "reported" | "reporter", "speaker": surname or None}.

    quoted: inside quotation marks, attributed to a speaker (direct and partial quotes);
    reported: a speaker's words paraphrased by the reporter (indirect quotes);
    reporter: the reporter's own words. quotes come from newslab.voices.extract_quotes(article)."""
    counts = {}
    for position in range(start, end):
        if article.paragraphs[paragraph].text[position].isspace():
            continue
        key = ("reporter", None)
        for quote in quotes:
            if quote.speaker is None:
                continue
            if any(p == paragraph and lo <= position < hi for p, lo, hi in quote.pieces):
                key = ("reported" if quote.kind == "indirect" else "quoted", quote.speaker)
                break
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return {"voice": "reporter", "speaker": None}
    voice, speaker = max(counts, key=lambda k: (counts[k], k[0] != "reporter"))
    return {"voice": voice, "speaker": speaker}


def voice_label(voice: dict) -> str:
    """'Kerry (quoted)', 'Hammond (reported)' or 'the reporter'."""
    if voice["voice"] == "reporter":
        return "the reporter"
    return f"{voice['speaker']} ({voice['voice']})"


def span_voice(article, span: dict, quotes) -> dict:
    """Whose voice carries a reference span: the voice pinned in the reference data (its "voice" entry, by the
    reference's voice_rule), or else voice_of by the quote finder. {"voice", "speaker", "pinned": bool}."""
    pinned = span.get("voice")
    if pinned:
        return {"voice": pinned["voice"], "speaker": pinned["speaker"], "pinned": True}
    return {**voice_of(article, span["paragraph"], span["start"], span["end"], quotes), "pinned": False}
