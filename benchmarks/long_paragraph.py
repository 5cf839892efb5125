"""Lint time of one long cloze paragraph as it grows: the guard against a reader that looks
back from every number to the paragraph's start (session 23's set-up reader made a 1,000-line
paragraph take 21 s and hung the 10,000-line test; see docs/evaluation.md, session 24).

    .venv/bin/python benchmarks/long_paragraph.py                    # 1,000 / 2,000 / 4,000 lines
    .venv/bin/python benchmarks/long_paragraph.py --lines 500 1000   # other sizes

Each size is linted once, in its own process, with ``--no-cache`` and the project's own
``content/`` beside it (the command always lints the whole content folder): the table gives the
CPU seconds of that process, the part above the empty deck's, and that part's ratio to the size
before. Doubling the lines should about double the part (a ratio near 2, not 4).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECK = 'name: "Long"\ndescription: "One long cloze paragraph."\n'


def note(lines: int) -> str:
    """A cloze note of one paragraph with a number, a product and its result on every line."""
    body = "\n".join(f"Line {i}: {{{{c1::{i}}}}} items at 3 x 4 = 12 each." for i in range(lines))
    return f"---\nid: long\ntype: cloze\n---\n# T\n\n{body}\n"


def cpu_seconds(folder: Path) -> float:
    """The CPU time of one ``ankigen lint --no-cache`` of ``folder``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "ankigen", "lint", "--no-cache", "--quiet", str(folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(lines: int, work: Path) -> float:
    deck = work / f"c{lines}" / "long"
    deck.mkdir(parents=True)
    (deck / "deck.yaml").write_text(DECK, encoding="utf-8")
    if lines:
        (deck / "long.md").write_text(note(lines), encoding="utf-8")
    return cpu_seconds(deck.parent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 2000, 4000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        empty = measure(0, work)
        print(f"empty deck: {empty:.2f} s CPU")
        print("| lines | CPU s | above the empty deck | ratio to the size before |")
        print("|---:|---:|---:|---:|")
        previous = None
        for lines in args.lines:
            seconds = measure(lines, work)
            part = max(seconds - empty, 0.0)
            ratio = f"{part / previous:.2f}" if previous else ""
            print(f"| {lines:,} | {seconds:.2f} | {part:.2f} | {ratio} |")
            previous = part or None


if __name__ == "__main__":
    main()
