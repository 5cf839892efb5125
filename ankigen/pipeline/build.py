"""The pipeline: find decks, load and validate, render, then compile every deck atomically."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ankigen.cache.files import code_fingerprint, digest
from ankigen.cache.stores import NoteStore, NullPackageStore, PackageStore
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import LintResult, lint
from ankigen.package.compile import DeckBuild, package_notes, write_package
from ankigen.package.output_gate import audit, with_derived_guid
from ankigen.package.temporaries import hold, remove_stale
from ankigen.package.timestamps import (
    FileStamp,
    file_stamps,
    modification_times,
    shallow_history_warning,
    written_since,
)
from ankigen.package.update_checks import PublishedPackage, read_package, update_warnings
from ankigen.pipeline.check import CheckedDeck, CheckResult, check
from ankigen.pipeline.progress import Progress
from ankigen.render.note import render_description
from ankigen.source.discover import SourceFiles


@dataclass(frozen=True)
class RemovedNote:
    """A note that the previous package of a deck had and the new one has not."""

    deck: str
    guid: str
    text: str


@dataclass(frozen=True)
class BuildResult:
    lint: LintResult
    outputs: tuple[Path, ...]  # empty when the content has errors
    removed: tuple[RemovedNote, ...] = ()
    unchanged: tuple[Path, ...] = ()  # outputs kept as they were: already what would be written
    warnings: tuple[str, ...] = ()  # updates Anki would not apply, a shallow history

    @property
    def check(self) -> CheckResult:
        return self.lint.check


class SourceChangedError(OSError):
    """A source file was written while the build read it: its text and time may not match."""


def _times(
    files: list[Path], sources: SourceFiles | None, stamps: dict[str, FileStamp]
) -> dict[Path, int]:
    """Modification times of ``files``, from the up-to-date check when it covered them, else
    with file times from the stamps taken before the files were read."""
    known = sources.times if sources is not None else None
    if known is not None and all(str(path) in known for path in files):
        return {path: known[str(path)] for path in files}
    return modification_times(files, stamps)


def _refuse_written(stamps: dict[str, FileStamp], files: list[Path]) -> None:
    """Stop before anything is renamed into place if a source changed during the build."""
    written = written_since(stamps, files)
    if written:
        raise SourceChangedError(
            f"{written[0]} was written while the build read it (its text and its time may not "
            "match): nothing written; build again once the edit is saved"
        )


def _time(times: dict[Path, int], path: Path) -> int:
    # Paths found under a resolved deck folder are resolved already, unless a file is a symlink.
    return times[path] if path in times else times[path.resolve()]


def _deck_build(checked: CheckedDeck, times: dict[Path, int]) -> DeckBuild:
    spec = checked.deck.spec
    deck_mod = _time(times, spec.config_path)
    # A note shows deck.yaml data (its citation, the deck's tags), so it changes with it too.
    notes = tuple(
        # The GUID from deck and id for all; the audit follows for each package written.
        (with_derived_guid(rendered), max(_time(times, rendered.note.path), deck_mod))
        for rendered in checked.notes
    )
    return DeckBuild(
        spec.slug, spec.config.name, render_description(spec.config.description), deck_mod, notes
    )


def build(
    paths: list[Path],
    out_dir: Path,
    config: LintConfig | None = None,
    progress: Progress | None = None,
    cache: NoteStore | None = None,
    packages: PackageStore | None = None,
    sources: SourceFiles | None = None,
) -> BuildResult:
    """Write ``<out_dir>/<deck>.apkg`` for every deck, or nothing if any error (lint included).

    Packages are written to temporary files first and renamed into place only when all of
    them are complete, so a failed build leaves the previous packages untouched. With
    ``packages`` (a record of what was written), a package whose every input is unchanged and
    whose file is still the one written is kept as it is.
    """
    config = config or LintConfig()
    packages = packages or NullPackageStore()
    stamps = file_stamps(paths)  # before any file is read
    everything = check(paths, progress, config, cache, sources)
    if progress is not None:
        progress("linting", 0, 1)  # the rules across notes: one step, but it can take a while
    linted = lint(everything, config)
    if progress is not None:
        progress("linting", 1, 1)
    result = linted.check
    if not linted.ok or not result.decks:
        return BuildResult(linted, ())
    files = [d.deck.spec.config_path for d in result.decks]
    files += [n.note.path for d in result.decks for n in d.notes]
    times = _times(files, sources, stamps)
    history = shallow_history_warning(files)
    published: dict[str, PublishedPackage] = {}
    for checked in result.decks:
        package = read_package(out_dir / f"{checked.deck.slug}.apkg")
        if package is not None:
            published[checked.deck.slug] = package
    builds = [_deck_build(checked, times) for checked in result.decks]
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir)  # left by a build that was killed
    finished: list[tuple[Path, Path]] = []
    held: list[int] = []  # open, locked temporary files: a later build must not remove them
    kept: list[Path] = []
    digests: dict[Path, tuple[str, str]] = {}
    removed: list[RemovedNote] = []
    try:
        for index, (checked, deck_build) in enumerate(
            zip(result.decks, builds, strict=True), start=1
        ):
            if progress is not None:
                progress("writing", index, len(result.decks))
            target = out_dir / f"{checked.deck.slug}.apkg"
            key = _package_key(deck_build)
            if _still_written(packages, target, key):
                kept.append(target)
                continue
            handle, name = tempfile.mkstemp(
                prefix=f".{checked.deck.slug}.", suffix=".apkg.tmp", dir=out_dir
            )
            held.append(handle)
            hold(handle)
            temporary = Path(name)
            finished.append((temporary, target))
            for rendered, _ in deck_build.notes:  # the last gate before a package's bytes
                audit(rendered)
            write_package(deck_build, temporary)
            removed += _removed_since(target, checked)
            with temporary.open("rb") as written:
                os.fsync(written.fileno())
                digests[target] = (key, hashlib.sha256(written.read()).hexdigest())
        _refuse_written(stamps, files)
        for temporary, target in finished:
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
    finally:
        for temporary, _ in finished:
            temporary.unlink(missing_ok=True)
        for handle in held:
            os.close(handle)
    for target, (key, sha) in sorted(digests.items()):
        packages.record(target, key, sha)
    outputs = sorted([*kept, *(target for _, target in finished)])
    warnings = [w.format() for w in update_warnings(builds, published)]
    warnings = [f"warning: {history}", *warnings] if history else warnings
    return BuildResult(linted, tuple(outputs), tuple(removed), tuple(kept), tuple(warnings))


def _package_key(deck_build: DeckBuild) -> str:
    """Everything a package's bytes are made of, as one digest."""
    parts: list[str] = [code_fingerprint(), deck_build.slug, deck_build.name]
    parts += [deck_build.description_html, str(deck_build.deck_mod)]
    for rendered, mod in deck_build.notes:
        parts += [rendered.guid, str(rendered.note_type.id), str(mod), *rendered.fields]
        parts += ["\0".join(rendered.tags), "\0".join(m.name for m in rendered.media)]
        parts += [str(m.source) for m in rendered.media]
    return digest(*parts)


def _still_written(packages: PackageStore, target: Path, key: str) -> bool:
    """Whether ``target`` is the package a previous build wrote from exactly these inputs."""
    written = packages.written_from(target, key)
    if written is None:
        return False
    try:
        return hashlib.sha256(target.read_bytes()).hexdigest() == written
    except OSError:
        return False


def _removed_since(previous: Path, checked: CheckedDeck) -> list[RemovedNote]:
    """Notes of the previous package that the new one drops: Anki never deletes them, so the
    maintainer must hear about it (and tell learners) instead of orphaning them silently."""
    if not previous.is_file():
        return []
    kept = {note.guid for note in checked.notes}
    old = package_notes(previous)
    return [
        RemovedNote(checked.deck.slug, guid, _plain(old[guid]))
        for guid in sorted(old)
        if guid not in kept
    ]


def _plain(html: str, limit: int = 80) -> str:
    """The sort field as a person reads it: no tags, one line, not too long."""
    text = " ".join(re.sub(r"<[^>]*>", " ", html).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
