"""Benchmark: time and kernel peak memory of every notebook, the bare kernel's floor, and the other figures.

Run with `make bench` (or `python -m newslab bench`). It prints figures and the targets beside them;
it never fails on a missed target: targets are reported, not tested.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.notebook_runner import all_notebooks, run_notebook  # noqa: E402

PEAK = ("import resource as _r, sys as _s\n"
        "bench_peak_mb = _r.getrusage(_r.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if _s.platform == 'darwin' else 1024)\n")
FLOOR = ("import nltk, matplotlib.pyplot, pandas, ipywidgets\n"
         "import sys, pathlib\n"
         "sys.path.insert(0, str(pathlib.Path.cwd().parent))\n"
         "import newslab\n")

TARGET_TOTAL, TARGET_NOTEBOOK, TARGET_MB = 60.0, 15.0, 300.0


def floor(article: str) -> tuple:
    """Time and peak memory of a kernel that only imports the collection's libraries."""
    import nbformat

    scratch = ROOT / "notebooks" / ".bench-floor.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(FLOOR))
    nbformat.write(notebook, scratch)
    try:
        run = run_notebook(scratch.relative_to(ROOT), article, extra_code=PEAK)
    finally:
        scratch.unlink()
    return run.seconds, run.values.get("bench_peak_mb") or 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default="post", help="post, invented, an article id or a path")
    parser.add_argument("--only", help="only notebooks whose path contains this text")
    parser.add_argument("--skip-extras", action="store_true", help="skip the exercise and analyze benchmarks")
    args = parser.parse_args(argv)

    seconds, mb = floor(args.article)
    print(f"floor: a kernel that imports nltk, matplotlib, pandas, ipywidgets and newslab: {seconds:5.1f} s, {mb:5.0f} MB")
    print(f"{'notebook':52} {'seconds':>8} {'peak MB':>8}")
    total, worst_time, worst_mb, misses = 0.0, 0.0, 0.0, []
    for path in all_notebooks():
        if args.only and args.only not in path:
            continue
        run = run_notebook(path, args.article, extra_code=PEAK)
        peak = run.values.get("bench_peak_mb") or 0.0
        flag = " problems: " + "; ".join(run.problems)[:200] if run.problems else ""
        print(f"{path:52} {run.seconds:8.1f} {peak:8.0f}{flag}")
        total += run.seconds
        worst_time, worst_mb = max(worst_time, run.seconds), max(worst_mb, peak)
        if run.seconds > TARGET_NOTEBOOK:
            misses.append(f"{path} took {run.seconds:.1f} s (target {TARGET_NOTEBOOK:.0f} s)")
        if peak > TARGET_MB:
            misses.append(f"{path} peaked at {peak:.0f} MB (target {TARGET_MB:.0f} MB)")
    print(f"whole collection: {total:.1f} s (target {TARGET_TOTAL:.0f} s); slowest notebook {worst_time:.1f} s "
          f"(target {TARGET_NOTEBOOK:.0f} s); largest kernel {worst_mb:.0f} MB (target {TARGET_MB:.0f} MB)")
    if total > TARGET_TOTAL:
        misses.append(f"the whole collection took {total:.1f} s (target {TARGET_TOTAL:.0f} s)")
    for miss in misses:
        print(f"MISSED TARGET: {miss}")

    if not args.skip_extras:
        for extra in ("bench_exercises.py", "bench_analyze.py", "bench_quotes.py", "bench_voices_time.py", "bench_adversarial.py"):
            script = ROOT / "scripts" / extra
            if script.exists():
                print(f"\n== {extra} ==", flush=True)
                subprocess.run([sys.executable, str(script)], cwd=ROOT)
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"\nbenchmark finished in {time.perf_counter() - started:.0f} s")
    sys.exit(code)
