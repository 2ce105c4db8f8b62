"""The analyze command: who is quoted, who is named and how VADER scores each paragraph, for an article or a folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import actors, tone, voices
from .article import Article, ArticleError, load_article
from .article import article_from_text as _article_from_text

USAGE_EPILOG = """\
SOURCE is a bundled article's id, a plain-text (.txt) file, or a folder: every .txt file in a folder
is analysed and written as one JSON object per line, each with a "file" key (progress on stderr).
A file that cannot be read gets a one-line message on stderr. Exit status: 0 when everything was
analysed; 2 when the only input could not be; 1 when some files of a folder (or of several inputs)
were skipped.
"""


# ---------------------------------------------------------------- the analysis

def analyze(article) -> dict:
    """The analysis of one article as `--json` writes it:

    {"paragraphs": [{"index", "kind", "text"}],
     "quotes": [{"paragraph", "speaker", "cue", "text", "verb", "kind", "full_name", "speaker_kind"}],
     "mentions": [{"paragraph", "text", "actor", "voice"}],
     "tone": [{"paragraph", "compound"}]}
    Paragraph numbers count every block of the file from 0; quotes come from body paragraphs only,
    mentions and tone from every block (see each paragraph's kind). A quote's kind is "direct", "partial"
    or "indirect" (speech), or "term" / "title" for quoted words nobody says (a scare quote, a nickname,
    the title of a show): those have speaker null and are not voices. speaker is a person's surname or
    the head word of an organisation ("jury") or of an unnamed speaker ("spokesman"); full_name the
    fullest form of the name the article gives; speaker_kind "person", "organisation", "nominal" or null
    (speaker unknown). Mentions come from the curated actor list for the bundled articles, and from
    names found by NLTK's NE chunker for any other article (newslab.actors.actors_for).
    """
    quotes, mentions, scores = _parts(article)
    return {
        "paragraphs": [{"index": p.index, "kind": p.kind, "text": p.text} for p in article.paragraphs],
        "quotes": [q.as_dict() for q in quotes],
        "mentions": [m.as_dict() for m in mentions],
        "tone": [{"paragraph": row["paragraph"], "compound": row["compound"]} for row in scores],
    }


def _parts(article):
    mentions = actors.find_mentions(article, actors.actors_for(article))
    return voices.extract_quotes(article), mentions, tone.paragraph_scores(article)


def article_from_text(text: str, name: str = "text") -> Article:
    """An Article made from a string, its blocks' kinds guessed as load_article guesses a file's."""
    return _article_from_text(text, name)


def analyze_text(text: str, name: str = "text") -> dict:
    """analyze() of a string (raises ArticleError when it has no body paragraph)."""
    return analyze(article_from_text(text, name))


# ---------------------------------------------------------------- the readable summary

def summary(article) -> str:
    """A readable summary: the blocks, who is quoted how much and with which verbs, who is never quoted,
    how actors are named in each voice, and each paragraph's mean VADER score."""
    quotes, mentions, scores = _parts(article)
    lines = [article.describe(), _blocks_line(article), ""]
    lines += _voices_lines(article, quotes, mentions)
    lines += [""] + _naming_lines(mentions)
    lines += [""] + _tone_lines(scores)
    return "\n".join(lines)


def _blocks_line(article) -> str:
    counts = {kind: len(article.of_kind(kind)) for kind in ("body", "caption", "related")}
    parts = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    return f"{len(article.paragraphs)} blocks ({parts}); quotes are read from body paragraphs only."


def _voices_lines(article, quotes, mentions) -> list:
    table = voices.speaker_summary(quotes, article)
    lines = ["Voices (quoted words: words inside quotation marks, direct and partial quotes)"]
    if not table:
        lines.append("  nobody is quoted")
    else:
        width = max(len(s) for s in table) + 2
        lines.append(f"  {'speaker':<{width}}direct  partial  indirect  quoted words  first quote")
        for speaker, row in table.items():
            share = f"{row['quoted_words']:>4} ({row['share_of_quoted_words']:.0%})"
            lines.append(f"  {speaker:<{width}}{row['direct']:>6}  {row['partial']:>7}  {row['indirect']:>8}  "
                         f"{share:>12}  paragraph {row['first_paragraph']}")
        verbs = {}
        for quote in quotes:
            if quote.verb:
                verbs[quote.verb] = verbs.get(quote.verb, 0) + 1
        lines.append("  reporting verbs: " + ", ".join(f"{v} ×{n}" for v, n in sorted(verbs.items(), key=lambda i: -i[1])))
    absent = voices.unquoted_actors(article, quotes, mentions)
    if absent:
        lines.append("  talked about, never quoted: " + ", ".join(f"{r['actor']} ({r['mentions']})" for r in absent))
    silent = voices.unquoted_affiliations(article, quotes, mentions)
    if silent:
        lines.append("  affiliations with no voice: " + ", ".join(f"{r['affiliation']} ({r['mentions']})" for r in silent))
    return lines


def _naming_lines(mentions) -> list:
    lines = ["Names (the actor list for the bundled articles, else names NLTK's NE chunker finds), by voice"]
    if not mentions:
        return lines + ["  nobody is named"]
    for actor, by_voice in actors.naming_by_voice(mentions).items():
        parts = []
        for voice in ("reporter", "quoted"):
            if by_voice[voice]:
                names = ", ".join(f"“{name}” ×{n}" for name, n in by_voice[voice].most_common())
                parts.append(f"{voice}: {names}")
        lines.append(f"  {actor}: " + "; ".join(parts))
    return lines


def _tone_lines(scores) -> list:
    lines = ["Tone (VADER compound, mean of the sentences; word-level valence, not the article's tone)"]
    for row in scores:
        bar = "+" * round(max(row["compound"], 0) * 10) or "-" * round(max(-row["compound"], 0) * 10)
        lines.append(f"  ¶{row['paragraph']:>3} {row['kind']:<8}{row['compound']:+.3f} {bar}")
    return lines


# ---------------------------------------------------------------- the command

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newslab analyze", epilog=USAGE_EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     description="Summarise quotes, names and tone of an article or a folder of .txt files.")
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="a bundled article id, a .txt file, or a folder")
    parser.add_argument("--json", action="store_true", help="write one JSON object instead of the summary")
    return parser


def main(argv=None) -> int:
    """Run `python -m newslab analyze`; returns the exit status."""
    try:
        options = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:  # --help, or a usage error argparse has already explained
        return int(stop.code or 0)
    inputs = [Path(s) if Path(s).is_dir() else s for s in options.sources]
    if len(inputs) == 1 and not isinstance(inputs[0], Path):
        return _one(inputs[0], options.json)
    return _many(inputs)


def _one(source: str, as_json: bool) -> int:
    try:
        article = load_article(source)
        text = json.dumps(analyze(article), ensure_ascii=False) if as_json else summary(article)
    except Exception as problem:  # every failure is one line on stderr, never a traceback
        _error(_explain(source, problem))
        return 2
    _write(text)
    return 0


def _many(inputs: list) -> int:
    files, problems = [], 0
    for item in inputs:
        if isinstance(item, Path):
            found = sorted(p for p in item.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
            if not found:
                _error(f"{item} has no .txt files: put the articles' plain-text files in it.")
                problems += 1
            files += found
        else:
            files.append(item)
    bar = _Progress(len(files))
    for n, source in enumerate(files, 1):
        bar.show(n - 1, source)
        try:
            record = {"file": str(source), **analyze(load_article(source))}
        except Exception as problem:
            bar.clear()
            _error(_explain(source, problem))
            problems += 1
            continue
        _write(json.dumps(record, ensure_ascii=False))
    bar.finish()
    if len(inputs) == 1 and not files:
        return 2  # the only input was a folder with nothing to analyse
    return 1 if problems else 0


def _explain(source, problem: Exception) -> str:
    if isinstance(problem, ArticleError):
        return str(problem)
    if isinstance(problem, OSError):
        return f"could not read {source}: {problem.strerror or problem}."
    if isinstance(problem, LookupError) and "Resource" in str(problem):
        resource = str(problem).split("Resource", 1)[1].split("not found", 1)[0].strip(" '\n")
        return (f"could not analyse {source}: the NLTK data {resource!r} is missing; run 'python -m newslab setup', "
                "or set NLTK_DATA to a prepared NLTK data folder.")
    message = " ".join(str(problem).split())[:200]
    return (f"could not analyse {source}: {type(problem).__name__}: {message} "
            "(a bug in newslab: please report it with the file).")


def _error(message: str) -> None:
    print(f"newslab analyze: {' '.join(str(message).split())}", file=sys.stderr, flush=True)


def _write(text: str) -> None:
    try:
        print(text, flush=True)
    except UnicodeEncodeError:  # a console that cannot show every character
        encoding = sys.stdout.encoding or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding), flush=True)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()


class _Progress:
    """A one-line progress bar on stderr: [#####-----] 12/40 name."""

    WIDTH = 30

    def __init__(self, total: int):
        self.total = total
        self.shown = False

    def show(self, done: int, source) -> None:
        if not self.total:
            return
        filled = round(self.WIDTH * done / self.total)
        name = Path(str(source)).name[:40]
        sys.stderr.write(f"\r[{'#' * filled}{'-' * (self.WIDTH - filled)}] {done}/{self.total} {name:<40}")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * (self.WIDTH + 60) + "\r")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.total:
            self.show(self.total, "done")
            sys.stderr.write("\n")
            sys.stderr.flush()
