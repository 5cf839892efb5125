"""`build`: check, lint and write one package per deck, or replay the stored outcome of the
same inputs when its packages are still on disk."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ankigen.app.lint import LintRequest, lint_and_fix
from ankigen.app.options import (
    cache_use,
    file_stats,
    lint_config,
    note_cache,
    policy_option,
    policy_problems,
    resolved,
    stored_outcomes,
    tune_gc,
)
from ankigen.diagnostics import Diagnostic
from ankigen.settings import Settings
from ankigen.source.discover import SourceFiles

if TYPE_CHECKING:
    from ankigen.cache.files import ResultCache
    from ankigen.pipeline.build import BuildResult, RemovedNote
    from ankigen.pipeline.progress import Progress


class BuildStatus(Enum):
    UP_TO_DATE = "up to date"  # a stored outcome replayed: nothing written
    WRITTEN = "written"  # every deck's package is in place (some may be unchanged)
    REFUSED_BY_POLICY = "refused by policy"  # notes miss what [tool.ankigen] requires
    REFUSED = "refused"  # errors in the content: nothing written
    NO_DECKS = "no decks"


@dataclass(frozen=True)
class DeckOutput:
    path: Path
    notes: int
    cards: int
    unchanged: bool  # the package on disk already was what this build would write


@dataclass(frozen=True)
class BuildOutcome:
    status: BuildStatus
    diagnostics: list[Diagnostic]
    seconds: float
    cache_use: str = ""  # empty when a stored outcome was replayed
    outputs: tuple[DeckOutput, ...] = ()
    removed: tuple[RemovedNote, ...] = ()  # notes gone since the previous build
    warnings: tuple[str, ...] = ()


class PackagesNotWritten(Exception):
    """The packages could not be written (a full disk, a read-only folder)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(f"cannot write the packages: {error}")


def run_build(
    settings: Settings,
    targets: list[Path],
    out: Path,
    no_cache: bool,
    progress: Progress | None = None,
) -> BuildOutcome:
    started = time.monotonic()
    stored = None if no_cache else stored_outcomes(settings)
    options = {"out": str(out.resolve()), "lint": settings.lint, "policy": policy_option(settings)}
    name = f"build {options['out']} {resolved(targets)}"
    inputs = None
    sources = SourceFiles()
    if stored is not None:
        from ankigen.pipeline import uptodate

        inputs = uptodate.fingerprint(
            "build", targets, options, True, sources, file_stats(settings)
        )
        record = stored.get(name, inputs) if inputs else None
        replayed = _replayed(record, started) if record is not None else None
        if replayed is not None:
            return replayed
    if policy_problems(targets, settings):
        # Show them with everything else lint finds, and write nothing.
        run = lint_and_fix(settings, LintRequest(targets, no_cache=no_cache), sources)
        seconds = time.monotonic() - started
        return BuildOutcome(BuildStatus.REFUSED_BY_POLICY, run.diagnostics, seconds, run.cache_use)

    from ankigen.pipeline.build import (
        build,  # genanki is imported only by commands that write packages
    )

    config = lint_config(settings)
    tune_gc()
    cache = note_cache(settings.build, no_cache)  # shared with lint, whatever --out says
    try:
        result = build(targets, out, config, progress, cache, stored, sources)
    except OSError as error:
        raise PackagesNotWritten(error) from error
    diagnostics = result.lint.diagnostics
    seconds = time.monotonic() - started
    used = cache_use(cache, result.check)
    if not result.lint.ok:
        return BuildOutcome(BuildStatus.REFUSED, diagnostics, seconds, used)
    if not result.outputs:
        return BuildOutcome(BuildStatus.NO_DECKS, diagnostics, seconds, used)
    outputs = tuple(
        DeckOutput(output, *result.counts.get(output.stem, (0, 0)), output in result.unchanged)
        for output in result.outputs
    )
    if stored is not None and inputs is not None:
        _store(stored, name, inputs, result, outputs)
    return BuildOutcome(
        BuildStatus.WRITTEN,
        diagnostics,
        seconds,
        used,
        outputs,
        result.removed,
        result.warnings,
    )


def _store(
    stored: ResultCache,
    name: str,
    inputs: str,
    result: BuildResult,
    outputs: tuple[DeckOutput, ...],
) -> None:
    """Keep what this build reported and wrote, for the next run with the same inputs."""
    from ankigen.pipeline import uptodate

    if not uptodate.storable(result.lint.diagnostics):
        return
    counts = {output.path.stem: [output.notes, output.cards] for output in outputs}
    record = {
        "diagnostics": uptodate.encode_diagnostics(result.lint.diagnostics),
        "outputs": uptodate.file_record(list(result.outputs)),
        "counts": dict(sorted(counts.items())),
        "media": uptodate.file_record(list(result.media)),
    }
    stored.put(name, inputs, record)


def _replayed(record: dict[str, Any], started: float) -> BuildOutcome | None:
    """The stored outcome, if its packages and media are intact; else None (build anew)."""
    from ankigen.pipeline import uptodate

    diagnostics = uptodate.decode_diagnostics(record.get("diagnostics"))
    outputs = record.get("outputs")
    counts = record.get("counts")
    if diagnostics is None or not isinstance(outputs, list) or not isinstance(counts, dict):
        return None
    if not uptodate.files_intact(outputs) or not uptodate.files_intact(record.get("media")):
        return None
    decks = []
    for path, _sha in outputs:
        notes, cards = counts.get(Path(path).stem, (0, 0))
        decks.append(DeckOutput(Path(path), notes, cards, unchanged=True))
    seconds = time.monotonic() - started
    return BuildOutcome(BuildStatus.UP_TO_DATE, diagnostics, seconds, outputs=tuple(decks))
