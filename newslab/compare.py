"""Two texts side by side: choosing the second text, the paste box, quote matching (selection) and the earlier lessons' measures."""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean

from . import config
from .article import ArticleError, article_from_text, load_article

SECOND_ENV = "NEWSLAB_SECOND_ARTICLE"
PASTE_FILE = Path("capstone") / "second-text.txt"  # under config.newslab_home()
NEAR_AT_LEAST = 0.8  # word-sequence similarity from which a quote counts as nearly found
SLACK = 3  # words around the best stretch that a near quote's differences are read in
LEAD = 3  # body paragraphs that count as the lead
TOP = 10  # most frequent content words shown


# ---------------------------------------------------------------- choosing the second text

@dataclass(frozen=True)
class Choice:
    """The second text and how it was chosen: source is "SECOND_TEXT", "NEWSLAB_SECOND_ARTICLE", "pasted" or "default"."""

    article: object
    source: str
    message: str


def default_second_id(first) -> str:
    """The invented article, or the Post article when the first text is the invented one."""
    return config.DEFAULT_ARTICLE if getattr(first, "id", None) == config.INVENTED_ARTICLE else config.INVENTED_ARTICLE


def one_line(problem: Exception) -> str:
    """A problem as one plain line: an ArticleError's own message, or what could not be read and why."""
    if isinstance(problem, OSError):
        where = f" {problem.filename}" if problem.filename else ""
        return f"could not read{where}: {problem.strerror or problem}."
    return " ".join(str(problem).split())


def choose_second(first, path: str = "", environ=None) -> Choice:
    """The second text: `path` (an id or a file) if given, else NEWSLAB_SECOND_ARTICLE, else the default.

    A text that cannot be loaded is reported in one line and the default is used instead."""
    environ = os.environ if environ is None else environ
    problems = []
    for source, value in (("SECOND_TEXT", str(path or "").strip()), (SECOND_ENV, environ.get(SECOND_ENV, "").strip())):
        if not value:
            continue
        try:
            second = load_article(value)
        except (ArticleError, OSError) as problem:
            problems.append(f"{source} could not be loaded: {one_line(problem)}")
            continue
        said = " ".join(problems + [f"The second text comes from {source} ({value})."])
        return Choice(second, source, _chosen(first, second, said))
    second = load_article(default_second_id(first))
    said = " ".join(problems + [f"No second text given{' that loads' if problems else ''}: using {second.id}, "
                                "so the notebook always runs. Give your own text to compare with."])
    return Choice(second, "default", _chosen(first, second, said))


def _chosen(first, second, message: str) -> str:
    if second.text == first.text:
        message += " It is the same text as the first: every comparison will show no difference."
    return message


def save_text(text: str, path) -> Path:
    """Write a text file atomically: a temporary file in the same folder, then a rename over the target."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def paste_path() -> Path:
    """Where the paste box keeps the last text pasted: NEWSLAB_HOME/capstone/second-text.txt."""
    return config.newslab_home() / PASTE_FILE


def _earlier_paste(saved: Path) -> str:
    """The text pasted last time, read through the guarded reader; "" when there is none or it cannot be used."""
    from .reading import ReadError, check_pasted_text, read_user_bytes
    if not saved.exists():
        return ""
    try:
        return check_pasted_text(read_user_bytes(saved, config.MAX_ARTICLE_BYTES, "pasted text"),
                                 config.MAX_ARTICLE_BYTES, "the last pasted text")
    except (ReadError, OSError):  # an unreadable old paste is simply not offered again
        return ""


class PasteBox:
    """A text box and a button: the pasted text is saved under NEWSLAB_HOME and loaded as the second text.

    After a click, `article` is the loaded text (or None) and `message` says in one line what happened."""

    def __init__(self, name: str = "pasted-text"):
        import ipywidgets as widgets

        self.name = name
        self.article = None
        self.path = None
        saved = paste_path()
        earlier = _earlier_paste(saved)
        self.text = widgets.Textarea(value=earlier, placeholder="Paste the second text here, with a blank line "
                                     "between paragraphs.", layout=widgets.Layout(width="100%", height="12em"),
                                     description="Second text", style={"description_width": "initial"})
        self.button = widgets.Button(description="Use this text", tooltip="Save the text and load it as the second text")
        self.status = widgets.HTML()
        self.message = (f"The text you pasted last time is in the box ({saved}); press “Use this text” to use it again."
                        if earlier else "Paste a text and press “Use this text”.")
        self.status.value = self.message
        self.button.on_click(lambda _: self.use())
        self.widget = widgets.VBox([self.text, self.button, self.status])

    def use(self, text: str | None = None):
        """Save the box's text (or `text`) and load it; returns the article, or None with the reason in `message`."""
        text = self.text.value if text is None else text
        self.article = None
        try:
            from .reading import check_pasted_text
            text = check_pasted_text(text, config.MAX_ARTICLE_BYTES, "The pasted text")
            article = article_from_text(text, self.name)
        except ArticleError as problem:
            return self._say(f"Not loaded: {one_line(problem)}")
        try:
            self.path = save_text(text, paste_path())
            kept = f"saved in {self.path}"
        except OSError as problem:
            self.path = None
            kept = f"not saved ({problem.strerror or problem}), so it lasts only until the kernel restarts"
        self.article = replace(article, path=self.path) if self.path else article
        return self._say(f"Loaded: {len(article.body)} body paragraphs, {len(article.paragraphs)} blocks in all; "
                         f"{kept}. Now run the cells below again.", self.article)

    def _say(self, message: str, article=None):
        import html
        self.message = message
        self.status.value = html.escape(message)
        return article


# ---------------------------------------------------------------- selection: is a quote in the second text?

QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
ODD_SPACES = re.compile(r"[\u00a0\u2007\u2009\u200a\u202f]")  # no-break, figure, thin, hair, narrow no-break
WORD = re.compile(r"\w+(?:'\w+)*")


def comparable(text: str) -> str:
    """Lower case, straight quotation marks and apostrophes, plain single spaces, double marks dropped, ". . ." as "..."."""
    text = ODD_SPACES.sub(" ", text.translate(QUOTE_MARKS))
    text = text.replace('"', " ").replace("…", "...")
    text = re.sub(r"(?<=\.) (?=\.)", "", text)
    return " ".join(text.lower().split())


def words(text: str) -> list:
    """The words of a text after `comparable`, punctuation left out ("we're" is one word)."""
    return WORD.findall(comparable(text))


def best_window(quote_words: list, text_words: list) -> tuple:
    """(similarity, start) of the stretch of text_words, as long as the quote, most like it (difflib's ratio)."""
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote_words)
    best = (0.0, 0)
    for start in range(max(1, len(text_words) - len(quote_words) + 1)):
        matcher.set_seq1(text_words[start:start + len(quote_words)])
        if matcher.quick_ratio() > best[0]:
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, start)
    return best


def differences(quote_words: list, window_words: list) -> list:
    """[(the quote's words, the second text's words)] where the two differ, in order; words the second text has
    before the quote's first word or after its last are not differences."""
    opcodes = difflib.SequenceMatcher(None, quote_words, window_words, autojunk=False).get_opcodes()
    while opcodes and opcodes[0][0] == "insert":
        opcodes = opcodes[1:]
    while opcodes and opcodes[-1][0] == "insert":
        opcodes = opcodes[:-1]
    return [(" ".join(quote_words[i1:i2]), " ".join(window_words[j1:j2])) for tag, i1, i2, j1, j2 in opcodes if tag != "equal"]


def find_quote(quote_text: str, second_text: str, second_words: list | None = None) -> dict:
    """Is a quote in a text? {"status": "exact" | "near" | "not found", "similarity", "differences"}."""
    if comparable(quote_text) and comparable(quote_text) in comparable(second_text):
        return {"status": "exact", "similarity": 1.0, "differences": []}
    quoted = words(quote_text)
    text_words = words(second_text) if second_words is None else second_words
    if not quoted or not text_words:
        return {"status": "not found", "similarity": 0.0, "differences": []}
    similarity, start = best_window(quoted, text_words)
    status = "near" if similarity >= NEAR_AT_LEAST else "not found"
    context = text_words[max(0, start - SLACK):start + len(quoted) + SLACK]  # a little room for added or lost words
    found = differences(quoted, context) if status == "near" else []
    return {"status": status, "similarity": round(similarity, 3), "differences": found}


def quotes_in_marks(article) -> list:
    """The article's direct and partial quotes (the words inside quotation marks), from lesson 07's finder."""
    from . import voices
    return [q for q in voices.extract_quotes(article) if q.kind in ("direct", "partial")]


def selection(first, second) -> list:
    """For each quote in marks of the first text: is it in the second's body? One row per quote, in order."""
    from . import voices
    text = second.body_text
    text_words = words(text)
    rows = []
    for quote in quotes_in_marks(first):
        found = find_quote(quote.text, text, text_words)
        rows.append({"paragraph": quote.paragraph, "speaker": quote.speaker, "kind": quote.kind,
                     "words": voices.quoted_words(quote.text), "text": quote.text, **found})
    return rows


def selection_summary(rows: list, second) -> dict:
    """Counts and shares of a selection: quotes found exactly, nearly, not at all, and the found words' share of the second's body."""
    from . import voices
    exact = sum(r["status"] == "exact" for r in rows)
    near = sum(r["status"] == "near" for r in rows)
    found_words = sum(r["words"] for r in rows if r["status"] != "not found")
    body_words = voices.quoted_words(second.body_text)
    return {"quotes_checked": len(rows), "exact": exact, "near": near, "not_found": len(rows) - exact - near,
            "found_share": round((exact + near) / len(rows), 3) if rows else None,
            "found_words": found_words,
            "quoted_share_of_second": round(found_words / body_words, 3) if body_words else None}


# ---------------------------------------------------------------- the earlier lessons' measures of one text

def size(article) -> dict:
    """Blocks of each kind, body words (lesson 07's count) and body sentences (nltk.sent_tokenize per paragraph)."""
    import nltk
    from . import voices
    return {"blocks": len(article.paragraphs), "body paragraphs": len(article.body),
            "captions": len(article.of_kind("caption")), "related links": len(article.of_kind("related")),
            "body words": voices.quoted_words(article.body_text),
            "body sentences": sum(len(nltk.sent_tokenize(p.text)) for p in article.body)}


def top_content_words(article, n: int = TOP) -> list:
    """Lesson 03's count: word_tokenize the body, keep tokens with a letter, lower-case, drop NLTK's stopwords."""
    import nltk
    from nltk.corpus import stopwords
    stop = set(stopwords.words("english"))
    folded = [t.lower() for t in nltk.word_tokenize(article.body_text) if any(c.isalpha() for c in t)]
    return nltk.FreqDist(w for w in folded if w not in stop).most_common(n)


def naming(article) -> dict:
    """Lesson 06: {actor: {"reporter": {variant: n}, "quoted": {variant: n}}} over the body paragraphs."""
    from . import actors
    body = {p.index for p in article.body}
    mentions = [m for m in actors.find_mentions(article) if m.paragraph in body]
    return {actor: {voice: dict(counts) for voice, counts in by_voice.items()}
            for actor, by_voice in actors.naming_by_voice(mentions).items()}


def speakers(article) -> dict:
    """Lesson 07: voices.speaker_summary of the article's quotes."""
    from . import voices
    return voices.speaker_summary(voices.extract_quotes(article), article)


def tone_mean(article):
    """Lesson 08: the mean of the body paragraphs' VADER compound scores (each the mean of its sentences), 4 decimals."""
    from . import tone
    scores = [row["compound"] for row in tone.paragraph_scores(article, kinds=("body",))]
    return round(mean(scores), 4) if scores else None


def cue_shares(article) -> dict:
    """Lesson 10: {frame id: share of body paragraphs with at least one of its cue words}, 3 decimals."""
    from . import frames
    found = frames.cue_paragraphs(article)
    body = len(article.body)
    return {frame: round(len(paragraphs) / body, 3) if body else 0.0 for frame, paragraphs in found.items()}


def lead_frames(article, n: int = LEAD) -> list:
    """Lesson 10: the frames with a cue word in the first n body paragraphs, in the cue list's order."""
    from . import frames
    lead = {p.index for p in article.body[:n]}
    return [frame for frame, paragraphs in frames.cue_paragraphs(article).items() if lead & set(paragraphs)]


def profile(article) -> dict:
    """Every measure of one text, as the capstone notebook computes it."""
    from . import voices
    summary = speakers(article)
    quoted = sum(row["quoted_words"] for row in summary.values())
    body_words = voices.quoted_words(article.body_text)
    return {"size": size(article), "top_words": top_content_words(article), "naming": naming(article),
            "speakers": summary, "people_quoted": sorted({n for s in summary for n in s.split(" and ")}),
            "quoted_share_of_body": round(quoted / body_words, 3) if body_words else None,
            "tone_mean": tone_mean(article), "cue_shares": cue_shares(article), "lead_frames": lead_frames(article)}


def compare(first, second) -> dict:
    """Both profiles and the selection of the first's quotes in the second: {"first", "second", "selection", "summary"}."""
    rows = selection(first, second)
    return {"first": profile(first), "second": profile(second), "selection": rows,
            "summary": selection_summary(rows, second)}


def side_by_side(first, second, found: dict | None = None) -> list:
    """One row per measure, [{"measure", "first", "second"}], for a table of the two texts (found: compare()'s result)."""
    found = compare(first, second) if found is None else found
    a, b = found["first"], found["second"]
    rows = [{"measure": name, "first": a["size"][name], "second": b["size"][name]} for name in a["size"]]

    def row(measure, value):
        rows.append({"measure": measure, "first": value(a), "second": value(b)})

    row("top content words", lambda p: ", ".join(w for w, _ in p["top_words"][:5]))
    row("actors named in the body", lambda p: len(p["naming"]))
    row("people quoted", lambda p: ", ".join(p["people_quoted"]) or "nobody")
    row("share of body words inside quotation marks", lambda p: p["quoted_share_of_body"])
    row("mean VADER compound of body paragraphs", lambda p: p["tone_mean"])
    row("frames with a cue word in the lead", lambda p: ", ".join(p["lead_frames"]) or "none")
    summary = found["summary"]
    rows.append({"measure": "quotes of the first found in the second (exactly or nearly)",
                 "first": f"{summary['exact'] + summary['near']} of {summary['quotes_checked']}", "second": ""})
    return rows
