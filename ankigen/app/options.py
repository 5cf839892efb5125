"""What a run is configured with: the lint configuration, the contribution policy, the caches."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ankigen.diagnostics import Diagnostic
from ankigen.settings import Settings

if TYPE_CHECKING:
    from ankigen.cache.file_stats import FileStats
    from ankigen.cache.files import ResultCache
    from ankigen.cache.stores import NoteStore
    from ankigen.lint.rule import LintConfig
    from ankigen.pipeline.check import CheckResult


class ConfigError(ValueError):
    """[tool.ankigen] holds something a run cannot use: a usage error, not a content error."""


def lint_config(settings: Settings, select: str = "", ignore: str = "") -> LintConfig:
    """[tool.ankigen.lint] with the command line's --select/--ignore on top."""
    from pydantic import ValidationError

    from ankigen.lint.rule import LintConfig

    try:
        config = LintConfig.model_validate(settings.lint)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise ConfigError(f"invalid [tool.ankigen.lint] in pyproject.toml: {problems}") from None
    from ankigen.lint.rule_options import option_problems

    wrong_options = option_problems(config)
    if wrong_options:
        raise ConfigError(
            f"invalid [tool.ankigen.lint] in pyproject.toml: {'; '.join(wrong_options)}"
        )
    extra_select = tuple(code.strip() for code in select.split(",") if code.strip())
    extra_ignore = tuple(code.strip() for code in ignore.split(",") if code.strip())
    return config.model_copy(
        update={
            "select": extra_select or config.select,
            "ignore": (*config.ignore, *extra_ignore),
        }
    )


def policy_problems(targets: list[Path], settings: Settings) -> list[Diagnostic]:
    """Notes that miss what [tool.ankigen] requires (nothing is loaded without a policy)."""
    if not (settings.required or settings.required_tag_prefixes):
        return []
    from ankigen.source.policy import Policy, check_policy

    policy = Policy(settings.required, settings.required_tag_prefixes)
    return check_policy(targets, policy, settings.content)


def policy_option(settings: Settings) -> list[list[str]]:
    """The policy as part of a run's fingerprint (a stored outcome depends on it)."""
    return [list(settings.required), list(settings.required_tag_prefixes)]


def note_cache(folder: Path, disabled: bool) -> NoteStore:
    """The per-note cache under the build folder (the null store with ``disabled``)."""
    from ankigen.cache.files import CACHE_DIR, NoteCache, keep_derived_data_in
    from ankigen.cache.stores import NullNoteStore

    keep_derived_data_in(None if disabled else folder / CACHE_DIR)
    return NullNoteStore() if disabled else NoteCache(folder / CACHE_DIR)


def stored_outcomes(settings: Settings) -> ResultCache:
    """Whole-command outcomes kept for runs whose inputs have not changed."""
    from ankigen.cache.files import CACHE_DIR, ResultCache

    return ResultCache(settings.build / CACHE_DIR)


def file_stats(settings: Settings) -> FileStats:
    """The stats of the source files as the last run read them (``cache.file_stats``): a file
    whose stat is unchanged is not read again by the up-to-date check."""
    from ankigen.cache.file_stats import FileStats
    from ankigen.cache.files import CACHE_DIR

    return FileStats(settings.build / CACHE_DIR)


def cache_use(cache: NoteStore, checked: CheckResult) -> str:
    if not cache.enabled:
        return "cache off"
    return f"{checked.reused} note(s) from the cache, {checked.processed} processed"


def resolved(targets: list[Path]) -> list[str]:
    return sorted(str(target.resolve()) for target in targets)


def collect_rarely() -> None:
    """Hardly collect while a command imports what it needs: the rules, pydantic and numpy
    make about 100,000 long-lived objects, over which the default thresholds ran some 130
    collections (0.04-0.06 s of CPU) before ``tune_gc`` was reached, and a young generation
    of 50,000 one collection of 0.03 s. ``tune_gc`` then freezes them and settles on 50,000."""
    import gc

    gc.set_threshold(200_000, 20, 100)


def skip_exit_collection() -> None:
    """At the very end of a command-line run: the interpreter's last full collection would walk
    every object the run made after ``tune_gc`` (0.03-0.04 s of a cold lint or a 1-of-10,000
    build) only to free memory that the process gives back anyway. Frozen objects are not
    walked; every file is closed by then, and the exit handlers (the pattern store's save)
    run all the same."""
    import gc

    gc.freeze()


def tune_gc() -> None:
    """Collect cycles rarely: a build makes hundreds of thousands of small objects that are
    freed by reference counting, and the default thresholds make the collector rescan the
    long-lived ones over and over (about 15 % of a cold build)."""
    import gc

    gc.freeze()  # what is loaded so far (modules, compiled rules) is never garbage
    gc.set_threshold(50_000, 20, 100)
