"""`lint`: the rule catalog over the whole content, replayed from the cache when nothing
changed, with safe fixes applied until stable on request."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

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

FIX_ROUNDS = 10


@dataclass(frozen=True)
class LintRequest:
    targets: list[Path]  # everything linted (the content folder, for cross-file rules)
    paths: tuple[Path, ...] = ()  # only these are reported, when given
    select: str = ""
    ignore: str = ""
    fix: bool = False
    no_cache: bool = False


@dataclass(frozen=True)
class LintRun:
    """What running the rules produced (as opposed to replaying a stored outcome)."""

    diagnostics: list[Diagnostic]  # of everything linted, sorted
    cache_use: str
    fixed: tuple[tuple[Path, int], ...] = ()  # files changed by --fix, with how many fixes


@dataclass(frozen=True)
class LintOutcome:
    reported: list[Diagnostic]  # of the requested paths
    run: LintRun | None  # None when a stored outcome was replayed


def reported(diagnostics: list[Diagnostic], paths: tuple[Path, ...]) -> list[Diagnostic]:
    """Diagnostics of the named paths only (the whole content was linted for context)."""
    if not paths:
        return diagnostics
    roots = [path.resolve() for path in paths]
    return [
        d
        for d in diagnostics
        if any(d.path.resolve() == root or d.path.resolve().is_relative_to(root) for root in roots)
    ]


def run_lint(settings: Settings, request: LintRequest) -> LintOutcome:
    """Replay the stored outcome of the same inputs, else lint (and fix) and store it."""
    stored = None if request.no_cache else stored_outcomes(settings)
    options = {
        "lint": settings.lint,
        "select": request.select,
        "ignore": request.ignore,
        "policy": policy_option(settings),
    }
    name = f"lint {resolved(request.targets)}"
    inputs = None
    sources = SourceFiles()  # what the up-to-date check reads, handed on to the check
    if stored is not None:
        from ankigen.pipeline import uptodate

        inputs = uptodate.fingerprint(
            "lint", request.targets, options, False, sources, file_stats(settings)
        )
        record = stored.get(name, inputs) if inputs else None
        if record is not None:
            diagnostics = uptodate.decode_diagnostics(record.get("diagnostics"))
            # With something to fix, run for real.
            if diagnostics is not None and not (request.fix and any(d.fix for d in diagnostics)):
                return LintOutcome(reported(diagnostics, request.paths), None)
    run = lint_and_fix(settings, request, sources)
    # After --fix the files differ from what the fingerprint saw: store nothing then.
    if stored is not None and inputs is not None and not request.fix:
        from ankigen.pipeline import uptodate

        if uptodate.storable(run.diagnostics):
            stored.put(name, inputs, {"diagnostics": uptodate.encode_diagnostics(run.diagnostics)})
    return LintOutcome(reported(run.diagnostics, request.paths), run)


def lint_and_fix(
    settings: Settings, request: LintRequest, sources: SourceFiles | None = None
) -> LintRun:
    """Lint everything (applying safe fixes until stable with ``request.fix``)."""
    from ankigen.lint.fix import apply_fixes
    from ankigen.lint.runner import lint
    from ankigen.pipeline.check import check

    config = lint_config(settings, request.select, request.ignore)
    cache = note_cache(settings.build, request.no_cache)
    tune_gc()
    result = lint(check(request.targets, config=config, cache=cache, sources=sources), config)
    used = cache_use(cache, result.check)
    fixed: Counter[Path] = Counter()
    if request.fix:
        for _ in range(FIX_ROUNDS):
            applied = apply_fixes(reported(result.diagnostics, request.paths))
            if not applied:
                break
            fixed.update(applied)
            result = lint(check(request.targets, config=config, cache=cache), config)
    diagnostics = result.diagnostics
    policy = policy_problems(request.targets, settings)
    if policy:
        from ankigen.diagnostics import sorted_diagnostics

        diagnostics = sorted_diagnostics([*diagnostics, *policy])
    return LintRun(diagnostics, used, tuple(sorted(fixed.items())))
