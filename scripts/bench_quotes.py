"""Benchmark of the quote finder on real news: each stage on the development set, then the whole finder on the validation set (labelled after the finder was built; used since to correct it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from newslab import devset  # noqa: E402


def _cell(figure: dict) -> str:
    share = "  –  " if figure["share"] is None else f"{100 * figure['share']:5.1f}%"
    return f"{figure['n']:>4}/{figure['of']:<4} {share}"


def table(stages: dict) -> list:
    """The lines of the per-stage table: segments found, named-speaker accuracy, wrong-person share."""
    lines = [f"{'stage':22} {'segments found':>17} {'named speaker right':>19} {'wrong person':>17} {'seconds':>8}"]
    for name, result in stages.items():
        lines.append(f"{name:22} {_cell(result['segments_found']):>17} {_cell(result['named_speaker_accuracy']):>19} "
                     f"{_cell(result['wrong_person']):>17} {result['seconds']:8.1f}")
    return lines


def totals(result: dict) -> list:
    """The lines of the whole finder's figures, with the targets beside them."""
    named, wrong = result["named_speaker_accuracy"], result["wrong_person"]
    lines = [
        f"files: {', '.join(result['files'])} ({result['labelled']} labelled segments)",
        f"segments found:                  {_cell(result['segments_found'])}"
        f"   (found segments matching no label: {result['extra']})",
        f"named-speaker accuracy:          {_cell(named)}   target >= {100 * devset.TARGET_NAMED:.0f}%",
        f"wrong-person share:              {_cell(wrong)}   target <= {100 * devset.TARGET_WRONG:.0f}%",
        f"organisation/nominal accuracy:   {_cell(result['organisation_nominal_accuracy'])}",
        f"term/title recognised:           {_cell(result['term_title_recognised'])}",
    ]
    if named["share"] is not None and named["share"] < devset.TARGET_NAMED:
        lines.append(f"MISSED TARGET: named-speaker accuracy {100 * named['share']:.1f}% "
                     f"(target {100 * devset.TARGET_NAMED:.0f}%)")
    if wrong["share"] is not None and wrong["share"] > devset.TARGET_WRONG:
        lines.append(f"MISSED TARGET: wrong-person share {100 * wrong['share']:.1f}% "
                     f"(target {100 * devset.TARGET_WRONG:.0f}%)")
    return lines


def mistakes(result: dict) -> list:
    """One line per labelled segment missed or wrongly attributed."""
    return [f"{m['fileid']} para {m['paragraph']:<3} {m['what']:15} label {m['speaker']!s:12} found "
            f"{m['found_speaker']!s:12} \"{m['words']}\"" for m in result["mistakes"]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", action="store_true", help="also list every segment missed or wrongly attributed")
    args = parser.parse_args(argv)
    if not devset.labelled_fileids():
        print(f"no labelled files in {devset.LABELS_DIR}")
        return 0
    print("DEVELOPMENT SET (the files the quote finder was built on), stage by stage:")
    stages = devset.per_stage(which="development")
    for line in table(stages):
        print(line)
    whole = list(stages.values())[-1]
    print("\nthe whole finder (last stage), development set:")
    for line in totals(whole):
        print(line)
    if args.mistakes:
        for line in mistakes(whole):
            print(line)
    if devset.fileids_in("validation"):
        validation = devset.evaluate(which="validation")
        print("\nVALIDATION SET (labelled after the finder was built; used since to correct it; "
              "see data/reference/brown-news/README.md), "
              "the whole finder:")
        for line in totals(validation):
            print(line)
        if args.mistakes:
            for line in mistakes(validation):
                print(line)
    print("(Brown news files, hand-labelled; the Penn Treebank sample is held out and never used here)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
