"""What a one-process, --no-cache ``ankigen build`` holds, traced by tracemalloc (issue #14).

    python benchmarks/traced_memory.py PROJECT [--stats OUT.json]

PROJECT holds ``content/`` (``benchmarks/generate.py`` writes one). Prints, in MB, the traced
memory just before the cross-file checks (where every note's kept part is live and none is in
flight) and the traced peak before and after that point; ``--stats`` writes the live memory
at that point by allocating line (``{"file:line": [bytes, objects]}``). Run it at two sizes:
the difference over the difference in notes is what a note keeps. Traced bytes are Python
objects only; the RSS is 1.6-1.8 times as much (allocator pools), see docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import tracemalloc
from pathlib import Path
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--stats", type=Path)
    args = parser.parse_args()
    os.environ["ANKIGEN_JOBS"] = "1"
    os.environ.setdefault("ANKIGEN_PATTERN_STORE", "off")
    import ankigen.pipeline.check as check_module
    from ankigen.app.build import run_build
    from ankigen.settings import load_settings

    root = args.project.resolve()
    cross_file_checks = getattr(check_module, "cross_file_checks")  # noqa: B009
    marks: dict[str, int] = {}

    def probe(decks: Any) -> Any:
        gc.collect()
        if args.stats is not None:
            lines = tracemalloc.take_snapshot().statistics("lineno")
            stats = {f"{s.traceback[0].filename}:{s.traceback[0].lineno}": [s.size, s.count]
                     for s in lines}  # fmt: skip
            args.stats.write_text(json.dumps(stats), encoding="utf-8")
        marks["cross_file_current"], marks["peak_before_cross_file"] = (
            tracemalloc.get_traced_memory()
        )
        tracemalloc.reset_peak()
        return cross_file_checks(decks)

    setattr(check_module, "cross_file_checks", probe)  # noqa: B010 (check calls it by this name)
    tracemalloc.start(1)
    settings = load_settings(root)
    os.chdir(root)
    run_build(settings, [root / "content"], root / "build", True)
    marks["peak_after_cross_file"] = tracemalloc.get_traced_memory()[1]
    print(json.dumps({name: round(value / 1e6, 2) for name, value in marks.items()}))


if __name__ == "__main__":
    main()
