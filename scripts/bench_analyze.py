"""Benchmark of `newslab analyze`: articles per second over the Brown corpus cut into ~800-word texts, and memory."""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

TARGET = 20.0  # articles per second
WORDS_PER_TEXT = 800


def brown_texts(words_per_text: int = WORDS_PER_TEXT) -> list:
    """The whole Brown corpus as plain texts of about words_per_text words: whole paragraphs of one file,
    detokenised (`` and '' become straight quotation marks), paragraphs separated by blank lines."""
    from nltk.corpus import brown
    from nltk.tokenize.treebank import TreebankWordDetokenizer
    detokenize = TreebankWordDetokenizer().detokenize
    texts = []
    for fileid in brown.fileids():
        paragraphs, count = [], 0
        for paragraph in brown.paras(fileid):
            words = [w for sentence in paragraph for w in sentence]
            paragraphs.append(" ".join(detokenize(sentence) for sentence in paragraph))
            count += len(words)
            if count >= words_per_text:
                texts.append("\n\n".join(paragraphs))
                paragraphs, count = [], 0
        if count >= words_per_text // 4:
            texts.append("\n\n".join(paragraphs))
    return texts


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    """The resident memory now, in MB (Linux only; the peak elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except OSError:
        return peak_rss_mb()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="analyse only the first N texts (0: all)")
    options = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # serial, on one core
    from newslab import analyze, load_article

    print("cutting the Brown corpus into texts of about 800 words …", flush=True)
    texts = brown_texts()
    if options.limit:
        texts = texts[:options.limit]
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, text in enumerate(texts):
            path = Path(folder) / f"brown-{n:04d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        for path in paths[:20]:  # warm-up: tokenizer, VADER lexicon, actor list, regular expressions
            analyze.analyze(load_article(path))
        memory = [("start (after warm-up)", peak_rss_mb(), current_rss_mb())]
        quotes = 0
        load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        started, cpu_started = time.perf_counter(), time.process_time()
        for n, path in enumerate(paths, 1):
            quotes += len(analyze.analyze(load_article(path))["quotes"])
            if n == len(paths) // 2:
                memory.append(("middle", peak_rss_mb(), current_rss_mb()))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        memory.append(("end", peak_rss_mb(), current_rss_mb()))
    rate = len(paths) / elapsed
    print(f"texts: {len(paths)} (the whole Brown corpus in pieces of ~{WORDS_PER_TEXT} Brown tokens; {words:,} words, "
          f"{words / len(paths):.0f} words each on average)")
    print(f"quotes found: {quotes:,}")
    print(f"time: {elapsed:.1f} s serial on one core after warm-up — {rate:.1f} articles/s "
          f"({1000 / rate:.1f} ms each); target ≥ {TARGET:.0f}/s: {'met' if rate >= TARGET else 'MISSED'}")
    print(f"CPU time of this process: {cpu:.1f} s — {len(paths) / cpu:.1f} articles per CPU-second")
    if load_before is not None:
        print(f"machine load average (1 min) at the start: {load_before:.1f} on {os.cpu_count()} cores "
              "(other work on the machine slows the wall-clock figure, not the CPU-time one)")
    for label, peak, now in memory:
        print(f"memory at {label:<22} peak RSS {peak:7.1f} MB, current RSS {now:7.1f} MB")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
