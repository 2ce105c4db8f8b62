"""Benchmark: seconds each public entry point takes on 1 MB of adversarial text (quotes, brackets, slashes, no newlines).

Run with `python scripts/bench_adversarial.py` (`make bench` runs it too). The target is at most 10 s per
entry point (issue 14); the quote finder (voices.extract_quotes) is timed last and separately.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

SIZE = 1_000_000
TARGET = 10.0  # seconds per entry point


def adversarial_texts(size: int = SIZE) -> dict:
    """{name: text of `size` characters}: shapes that make backtracking regexes and quadratic loops slow."""
    rng = random.Random(14)
    alphabet = '"“”‘’\'()[]{}/\\ aAb.,:;-=@*_`<>|#'
    texts = {
        "credit": "(" + "a/" * (size // 2),  # the caption-credit shape: an unclosed parenthesis and slashes
        "quotes": ('“He said ‘so (a/b) [c]’, ' * (size // 24 + 1))[:size],  # quotation marks never closed in step
        "brackets": ("([{/" * (size // 4 + 1))[:size],
        "markup": ("*a [b](c `d **e _f <p " * (size // 22 + 1))[:size],
        "random": "".join(rng.choice(alphabet) for _ in range(size)),
    }
    return {name: fit(text.replace("\n", " "), size) for name, text in texts.items()}


def fit(text: str, size: int) -> str:
    """The text cut to at most `size` bytes of UTF-8 (never in the middle of a character)."""
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def entry_points(folder: Path) -> dict:
    """{name: function(text)} for every public entry point that meets a learner's text, the quote finder aside."""
    from newslab import actors, article, choices, compare, context, frames, normalise, progress, reading, spreadsheet, tokens, tone
    from newslab.exercises import coding, feedback

    def as_file(text, name="adversarial.txt"):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def loaded(text):
        """The text as an Article, its blocks guessed as load_article does (no check refuses it)."""
        return article.Article(id="adversarial", text=text, paragraphs=article._guess_paragraphs(text))

    def expect_error(call):
        def run(text):
            try:
                call(text)
            except (article.ArticleError, ValueError, progress.ProgressError):
                pass
        return run

    return {
        "reading.check_pasted_text": expect_error(lambda t: reading.check_pasted_text(t)),
        "reading.read_user_text (file)": expect_error(lambda t: reading.read_user_text(as_file(t))),
        "article.load_article (file)": expect_error(lambda t: article.load_article(str(as_file(t)))),
        "article.article_from_text": expect_error(lambda t: article.article_from_text(t, "adversarial")),
        "article.guess_kind": lambda t: article.guess_kind(t, False),
        "actors.find_mentions": lambda t: actors.find_mentions(loaded(t)),
        "tone.paragraph_scores": lambda t: tone.paragraph_scores(loaded(t)),
        "frames.sentence_units": lambda t: frames.sentence_units(loaded(t)),
        "compare.words": lambda t: compare.words(t),
        "compare.find_quote": lambda t: compare.find_quote("he said so and then he said it again to them", t),
        "context.concordance_search": lambda t: context.concordance_search(t, "said"),
        "tokens.find_hard_cases": lambda t: tokens.find_hard_cases(t),
        "normalise.normalise_text": lambda t: normalise.normalise_text(t),
        "feedback.markdown": lambda t: feedback.markdown(t),
        "choices.safe_id": lambda t: choices.safe_id(t),
        "spreadsheet.safe_cell/restore_cell": lambda t: spreadsheet.restore_cell(spreadsheet.safe_cell(t)),
        "spreadsheet.read_csv_text": expect_error(lambda t: spreadsheet.read_csv_text("a,b\n" + t[:100_000] + "\n" * 0)),
        "progress.import_csv": expect_error(lambda t: progress.ProgressStore(folder / "home").import_csv(t.encode())),
        "coding.read_codings_csv": expect_error(lambda t: coding.read_codings_csv(as_file(t, "adversarial.csv"))),
    }


def time_all(size: int = SIZE, only=None):
    """Yields (entry point, worst seconds over the texts, the text that was worst)."""
    texts = adversarial_texts(size)
    with tempfile.TemporaryDirectory() as folder:
        for name, call in entry_points(Path(folder)).items():
            if only and only not in name:
                continue
            worst = (0.0, "")
            for shape, text in texts.items():
                started = time.perf_counter()
                call(text)
                worst = max(worst, (time.perf_counter() - started, shape))
            yield name, worst[0], worst[1]


def time_quote_finder(size: int = SIZE, call=None) -> list:
    """[(shape, seconds)] of voices.extract_quotes (or of `call`) on each adversarial text."""
    from newslab import article, voices
    call = call or voices.extract_quotes
    rows = []
    for shape, text in adversarial_texts(size).items():
        art = article.Article(id="adversarial", text=text, paragraphs=article._guess_paragraphs(text))
        started = time.perf_counter()
        call(art)
        rows.append((shape, time.perf_counter() - started))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=SIZE, help="characters of adversarial text (default 1 MB)")
    parser.add_argument("--only", help="only entry points whose name contains this text")
    parser.add_argument("--skip-quote-finder", action="store_true", help="leave out voices.extract_quotes")
    parser.add_argument("--analyze", action="store_true",
                        help="also time analyze.analyze (quotes, names with NLTK's chunker, tone): minutes at 1 MB")
    args = parser.parse_args(argv)
    os.environ.setdefault("NEWSLAB_HOME", tempfile.mkdtemp(prefix="newslab-bench-"))
    print(f"{'entry point (1 MB adversarial text)':42} {'seconds':>8}  worst text")
    misses = []
    for name, seconds, shape in time_all(args.size, args.only):
        print(f"{name:42} {seconds:8.2f}  {shape}", flush=True)
        if seconds > TARGET:
            misses.append(f"{name} took {seconds:.1f} s on the {shape!r} text (target {TARGET:.0f} s)")
    finders = [] if args.skip_quote_finder else [("voices.extract_quotes", None)]
    if args.analyze:
        from newslab import analyze
        finders.append(("analyze.analyze", analyze.analyze))
    for name, call in finders:
        seconds, shape = max((s, shape) for shape, s in time_quote_finder(args.size, call))
        print(f"{name:42} {seconds:8.2f}  {shape}", flush=True)
        if seconds > TARGET:
            misses.append(f"{name} took {seconds:.1f} s on the {shape!r} text (target {TARGET:.0f} s)")
    for miss in misses:
        print(f"MISSED TARGET: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
