"""What a one-process, --no-cache ``ankigen build`` holds, traced by tracemalloc (issue #14).

    python benchmarks/traced_memory.py PROJECT [--stats OUT.json] [--lint-stats OUT.json]

PROJECT holds ``content/`` (``benchmarks/generate.py`` writes one). Prints, in MB, the traced
memory just before the cross-file checks (where every note's kept part is live and none is in
flight) and the traced peak before and after that point; ``--stats`` writes the live memory
at that point by allocating line (``{"file:line": [bytes, objects]}``). The lint step after it
(AG140 comparing every note's units) is traced too: the live memory when AG140 has hashed every
unit's word subsets (``lint_at_signatures``, its largest arrays) and when it scores the
candidate pairs (``lint_at_scoring``); ``--lint-stats`` writes the first by allocating line.
Run it at two sizes: the difference over the difference in notes is what a note keeps. Traced
bytes are Python objects and numpy arrays only; the RSS is 1.6-1.8 times as much (allocator
pools), see docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import tracemalloc
from pathlib import Path
from typing import Any


def _write_stats(out: Path | None) -> None:
    if out is None:
        return
    lines = tracemalloc.take_snapshot().statistics("lineno")
    stats = {f"{s.traceback[0].filename}:{s.traceback[0].lineno}": [s.size, s.count]
             for s in lines}  # fmt: skip
    out.write_text(json.dumps(stats), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--stats", type=Path)
    parser.add_argument("--lint-stats", type=Path)
    args = parser.parse_args()
    os.environ["ANKIGEN_JOBS"] = "1"
    os.environ.setdefault("ANKIGEN_PATTERN_STORE", "off")
    import ankigen.lint.rules.duplicates as duplicates
    import ankigen.pipeline.check as check_module
    from ankigen.app.build import run_build
    from ankigen.settings import load_settings

    root = args.project.resolve()
    cross_file_checks = getattr(check_module, "cross_file_checks")  # noqa: B009
    pairs_sharing = getattr(duplicates, "_pairs_sharing")  # noqa: B009
    scorer = duplicates.process
    marks: dict[str, int] = {}

    def probe(decks: Any) -> Any:
        gc.collect()
        _write_stats(args.stats)
        marks["cross_file_current"], marks["peak_before_cross_file"] = (
            tracemalloc.get_traced_memory()
        )
        tracemalloc.reset_peak()
        return cross_file_checks(decks)

    def at_signatures(*given: Any) -> Any:
        marks["lint_at_signatures"] = tracemalloc.get_traced_memory()[0]
        _write_stats(args.lint_stats)
        return pairs_sharing(*given)

    class Scoring:  # AG140's ``process`` module, its scoring of the candidate pairs traced
        def cpdist(self, *given: Any, **named: Any) -> Any:
            marks["lint_at_scoring"] = tracemalloc.get_traced_memory()[0]
            return scorer.cpdist(*given, **named)

        def __getattr__(self, name: str) -> Any:
            return getattr(scorer, name)

    # The modules call them by these names.
    setattr(check_module, "cross_file_checks", probe)  # noqa: B010
    setattr(duplicates, "_pairs_sharing", at_signatures)  # noqa: B010
    setattr(duplicates, "process", Scoring())  # noqa: B010
    tracemalloc.start(1)
    settings = load_settings(root)
    os.chdir(root)
    run_build(settings, [root / "content"], root / "build", True)
    marks["peak_after_cross_file"] = tracemalloc.get_traced_memory()[1]
    print(json.dumps({name: round(value / 1e6, 2) for name, value in marks.items()}))


if __name__ == "__main__":
    main()
