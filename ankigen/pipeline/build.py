"""The pipeline: find decks, load and validate, render, then compile every deck atomically."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
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
    keyed_by_files,
    shallow_history_warning,
    times_by_name,
    written_since,
)
from ankigen.package.update_checks import (
    DeckIdentities,
    UpdateWarning,
    deck_update_warnings,
    moved_warnings,
    read_package,
)
from ankigen.pipeline.check import CheckedDeck, CheckResult, DeckChecked, check
from ankigen.pipeline.deck_record import DeckSummary
from ankigen.pipeline.progress import Progress
from ankigen.render.note import render_description
from ankigen.source.discover import SourceFiles
from ankigen.source.project import Deck


@dataclass(frozen=True)
class RemovedNote:
    """A note that the previous package of a deck had and the new one has not."""

    deck: str
    guid: str
    text: str


@dataclass(frozen=True)
class BuildResult:
    """What a build did. Its ``check`` holds no rendered notes: each deck's were written and
    released as soon as the deck was checked (``pipeline.check.check``'s ``on_deck``)."""

    lint: LintResult
    outputs: tuple[Path, ...]  # empty when the content has errors
    removed: tuple[RemovedNote, ...] = ()
    unchanged: tuple[Path, ...] = ()  # outputs kept as they were: already what would be written
    warnings: tuple[str, ...] = ()  # updates Anki would not apply, a shallow history
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # slug -> notes, cards
    media: tuple[Path, ...] = ()  # every media file the packages hold, sorted

    @property
    def check(self) -> CheckResult:
        return self.lint.check


class SourceChangedError(OSError):
    """A source file was written while the build read it: its text and time may not match."""


def _times(
    files: list[str], sources: SourceFiles | None, stamps: dict[str, FileStamp]
) -> dict[str, int]:
    """Modification times of ``files`` (path strings, which key the map), from the up-to-date
    check when it covered them, else with file times from the stamps taken before the files
    were read."""
    known = sources.take_times() if sources is not None else None
    if known is not None and all(path in known for path in files):
        return {path: known[path] for path in files}
    return times_by_name(files, stamps)


def _refuse_written(stamps: dict[str, FileStamp], files: list[str]) -> None:
    """Stop before anything is renamed into place if a source changed during the build."""
    written = written_since(stamps, files)
    if written:
        raise SourceChangedError(
            f"{written[0]} was written while the build read it (its text and its time may not "
            "match): nothing written; build again once the edit is saved"
        )


def _time(times: dict[str, int], path: Path) -> int:
    # Paths found under a resolved deck folder are resolved already, unless a file is a symlink.
    name = os.fspath(path)
    return times[name] if name in times else times[os.fspath(path.resolve())]


def _deck_build(checked: CheckedDeck, times: dict[str, int]) -> DeckBuild:
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

    Each deck's package is written to a temporary file as soon as the deck's notes are
    checked, and its rendered notes are released; the packages are renamed into place only
    when every note is checked and linted without error, so a failed build leaves the
    previous packages untouched. With ``packages`` (a record of what was written), a package
    whose every input is unchanged and whose file is still the one written is kept as it is.
    """
    config = config or LintConfig()
    # Before any file is read: the stamps the up-to-date check took as it read the files
    # (whose bytes' digests the check uses), else new ones.
    taken = sources.take_stamps() if sources is not None else None
    stamps = taken if taken is not None else file_stamps(paths)
    writer = _PackageWriter(out_dir, packages or NullPackageStore(), sources, stamps, progress)
    del taken, stamps  # the writer's own: it re-keys them (``keyed_by_files``) and drops these
    try:
        everything = check(paths, progress, config, cache, sources, writer.write)
        if progress is not None:
            progress("linting", 0, 1)  # the rules across notes: one step, but it can take a while
        linted = lint(everything, config)
        if progress is not None:
            progress("linting", 1, 1)
        if not linted.ok or not linted.check.decks:
            return BuildResult(linted, ())
        return writer.publish(linted)
    finally:
        writer.close()


class _PackageWriter:
    """Writes each checked deck's package to a temporary file and keeps only what the build
    reports of it; ``publish`` renames them all into place."""

    def __init__(
        self,
        out_dir: Path,
        packages: PackageStore,
        sources: SourceFiles | None,
        stamps: dict[str, FileStamp],
        progress: Progress | None,
    ) -> None:
        self.out_dir = out_dir
        self.packages = packages
        self.sources = sources
        self.stamps = stamps
        self.progress = progress
        self.times: dict[str, int] | None = None  # by path string
        self.files: tuple[str, ...] = ()
        self.created = False  # the output folder did not exist before this build
        self.finished: list[tuple[Path, Path]] = []  # temporary file, target
        self.held: list[int] = []  # open, locked temporary files: no later build removes them
        self.kept: list[Path] = []
        self.digests: dict[Path, tuple[str, str]] = {}
        self.removed: list[RemovedNote] = []
        self.warnings: list[UpdateWarning] = []
        self.notes: dict[str, DeckIdentities] = {}  # slug -> (GUID, id) of each note
        self.published: dict[str, frozenset[str]] = {}  # slug -> GUIDs of the previous package
        self.counts: dict[str, tuple[int, int]] = {}
        self.media: set[Path] = set()

    def write(self, done: DeckChecked) -> None:
        if done.errors_so_far:
            return  # the build will be refused: nothing needs writing any more
        checked = done.checked
        if self.times is None:
            self.files = done.files
            self.times = _times(list(done.files), self.sources, self.stamps)
            self.stamps = keyed_by_files(self.stamps, done.files)  # kept to the end
            self.created = not self.out_dir.exists()
            self.out_dir.mkdir(parents=True, exist_ok=True)
            remove_stale(self.out_dir)  # left by a build that was killed
        if self.progress is not None:
            self.progress("writing", done.number, done.total)
        deck = checked.deck
        slug = deck.slug
        summary = done.summary
        deck_mod = _time(self.times, deck.spec.config_path)
        mods = tuple(max(_time(self.times, path), deck_mod) for path in summary.paths)
        target = self.out_dir / f"{slug}.apkg"
        key = _package_key(deck, deck_mod, summary.digests, mods)
        kept = _still_written(self.packages, target, key)
        if not kept:
            # Written from these notes: the fields of cache hits are audited now, a forged
            # one is rendered again from its file (and a deck taken from its record is
            # decoded note by note).
            trusted = done.trusted_notes()
            if trusted is not checked.notes or not summary.paths:
                checked = CheckedDeck(deck, trusted)
                summary = DeckSummary.of(trusted)
                mods = tuple(max(_time(self.times, path), deck_mod) for path in summary.paths)
                key = _package_key(deck, deck_mod, summary.digests, mods)
        self.notes[slug] = DeckIdentities.of(slug, summary.identities)
        self.counts[slug] = (len(summary.paths), summary.cards)
        self.media.update(summary.media)
        if kept:
            # The package on disk is the one this build would write (its name, note types,
            # GUIDs, fields and mod times are in the key), written from the same fields by a
            # build that audited them: Anki would apply every note of it, and its notes are
            # this build's, so it need not be read to compare.
            self.published[slug] = frozenset(guid for guid, _ in self.notes[slug])
            self.kept.append(target)
            return
        deck_build = _deck_build(checked, self.times)
        package = read_package(target)
        if package is not None:
            self.published[slug] = frozenset(package.notes)
            self.warnings += deck_update_warnings(deck_build, package)
        handle, name = tempfile.mkstemp(prefix=f".{slug}.", suffix=".apkg.tmp", dir=self.out_dir)
        self.held.append(handle)
        hold(handle)
        temporary = Path(name)
        self.finished.append((temporary, target))
        for rendered, _ in deck_build.notes:  # the last gate before a package's bytes
            audit(rendered)
        write_package(deck_build, temporary)
        self.removed += _removed_since(target, checked)
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
            self.digests[target] = (key, hashlib.sha256(written.read()).hexdigest())

    def publish(self, linted: LintResult) -> BuildResult:
        """Rename every written package into place, unless a source changed meanwhile."""
        history = shallow_history_warning(self.files)
        _refuse_written(self.stamps, list(self.files))
        for temporary, target in self.finished:
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        outputs = sorted([*self.kept, *(target for _, target in self.finished)])
        self.finished.clear()  # in place: nothing for ``close`` to remove
        self.created = False
        for target, (key, sha) in sorted(self.digests.items()):
            self.packages.record(target, key, sha)
        updates = sorted(self.warnings + moved_warnings(self.notes, self.published))
        warnings = [w.format() for w in updates]
        warnings = [f"warning: {history}", *warnings] if history else warnings
        return BuildResult(
            linted,
            tuple(outputs),
            tuple(self.removed),
            tuple(self.kept),
            tuple(warnings),
            dict(sorted(self.counts.items())),
            tuple(sorted(self.media)),
        )

    def close(self) -> None:
        """Remove what was not renamed into place (all of it when the build failed)."""
        for temporary, _ in self.finished:
            temporary.unlink(missing_ok=True)
        for handle in self.held:
            os.close(handle)
        self.finished.clear()
        self.held.clear()
        if self.created:
            with contextlib.suppress(OSError):  # only if it is still empty
                self.out_dir.rmdir()


def _package_key(deck: Deck, deck_mod: int, digests: tuple[str, ...], mods: tuple[int, ...]) -> str:
    """Everything a package's bytes are made of, as one digest: the deck's name, description
    and time, and each note's ``rendered_digest`` and mod time."""
    config = deck.spec.config
    parts: list[str] = [code_fingerprint(), deck.slug, config.name]
    parts += [render_description(config.description), str(deck_mod)]
    for note_digest, mod in zip(digests, mods, strict=True):
        parts += [note_digest, str(mod)]
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
