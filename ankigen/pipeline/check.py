"""Load and render everything: the structural checks that every command runs first.

Each note file is handled on its own (load, render and, when a lint config is given, the
per-note lint rules), so that its outcome can come from the cache when its bytes, its deck.yaml
and ankigen are unchanged. Checks across files always run on the whole set.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen.cache.files import content_digest, digest
from ankigen.cache.stores import NoteStore, NullNoteStore
from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic, has_errors, shared_diagnostics, sorted_diagnostics
from ankigen.lint.suppress import may_suppress
from ankigen.package.deck_description import description_problems
from ankigen.package.deck_names import merged_deck_names
from ankigen.package.output_gate import field_problems, trusted_cached_note
from ankigen.pipeline.deck_record import (
    DeckRecord,
    DeckSummary,
    RecordWriter,
    deck_key,
    decode_record,
    recordable,
    rendered_digest,
)
from ankigen.pipeline.note_record import NoteOutcome, decode_outcome, encode_outcome, findings_of
from ankigen.pipeline.progress import Progress
from ankigen.render.note import RenderedNote
from ankigen.source.discover import SourceFiles
from ankigen.source.files import read_text
from ankigen.source.identity import StatedIdentity, stated_identity
from ankigen.source.load import DeckSpec, Note
from ankigen.source.project import Deck, NoteEntry, cross_file_checks, load_deck_specs

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ankigen.lint.rule import LintConfig


@dataclass(frozen=True)
class CheckedDeck:
    deck: Deck
    notes: tuple[RenderedNote, ...]


@dataclass(frozen=True)
class CheckResult:
    """What the check found. Its decks hold a compact entry per note (``NoteEntry``), not the
    note: a stage that needs a whole note reads it again, or takes it from the rendered notes
    (which a check without ``on_deck`` keeps)."""

    decks: tuple[CheckedDeck, ...]
    diagnostics: list[Diagnostic]
    # What the lint rules take from each note (findings before suppressions, project rules'
    # inputs), made during the check, by the note's path string (``NoteEntry.file``):
    # ``NoteLint.encoded``, one bytes object a note (``NoteLint.decoded`` gives it back).
    findings: dict[str, bytes] = field(default_factory=dict)
    # The note and text of every note read that may hold a suppression, when linting: the
    # few the lint stage reads whole.
    suppressing: dict[Path, tuple[Note, str]] = field(default_factory=dict)
    reused: int = 0  # notes whose outcome came from the note store
    processed: int = 0  # notes loaded, rendered and linted in this run

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def config_key(config: LintConfig | None) -> str:
    return "" if config is None else digest(config.model_dump_json())


class Changed:
    """Stands for the bytes of a note file that are not the ones its listing read (for its
    cache key or for the up-to-date check): it was written in between."""


def _read_again(path: Path, content: bytes | None) -> bytes | Changed | None:
    """A note's bytes as the check reads them, after its listing: ``Changed`` when they are
    not the bytes whose digest the listing kept (``content``: None when it read nothing), so
    that a note is never checked, or cached, under the key of other bytes; None when the
    file cannot be read (``process_note`` says why)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None if content is None else Changed()
    if content is not None and content_digest(raw) != content:
        return Changed()
    return raw


def _changed(path: Path) -> Diagnostic:
    return Diagnostic(
        path,
        1,
        1,
        CheckCode.UNREADABLE_FILE,
        "the file was written while ankigen read it (its bytes are not the ones it read "
        "first): nothing was checked or cached from it; run the command again",
    )


def process_note(
    path: Path, raw: bytes | Changed | None, spec: DeckSpec, config: LintConfig | None
) -> NoteOutcome:
    """Everything one note file yields on its own: the note, its rendering, its problems."""
    from ankigen.render.note import render_note
    from ankigen.source.load import load_note

    if isinstance(raw, Changed):
        return NoteOutcome(None, None, (_changed(path),), None)

    note, diagnostics = load_note(path, raw)
    rendered = None
    if note is not None:
        rendered, problems = render_note(note, spec)
        diagnostics += problems
    findings = findings_of(note, raw, spec, config) if note is not None else None
    return NoteOutcome(note, rendered, tuple(diagnostics), findings)


# Below this many notes to process, worker processes cost more to start than they save.
POOL_THRESHOLD = 1000


def _jobs() -> int:
    """Worker processes for cold work: ANKIGEN_JOBS, else one per CPU."""
    setting = os.environ.get("ANKIGEN_JOBS", "")
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    return os.cpu_count() or 1


_Task = tuple[Path, bytes | Changed | None, DeckSpec, "LintConfig | None"]
# A listed note: path, the digest of its bytes (``content_digest``; None if not read).
_Listed = tuple[Path, bytes | None]
# A note to check: path, deck, the digest of its bytes, whether the cache has an entry for it.
_Planned = tuple[Path, DeckSpec, bytes | None, bool]
_CHUNK = 64  # notes per job sent to a worker
_AHEAD = 4  # unfinished chunks per worker: enough that no worker waits for its next chunk
_HELD = 8  # chunks per worker sent and not yet read: bounds what waits in memory (2 x _AHEAD)


def _process_chunk(chunk: list[_Task]) -> list[NoteOutcome]:
    return [process_note(*task) for task in chunk]


def _process_all(tasks: Iterator[_Task], count: int) -> Iterator[NoteOutcome]:
    """``process_note`` over every task (``count`` of them), in order; in worker processes
    when there are many. Tasks are taken only as they are sent, so their bytes are not held
    all at once."""
    # At least half a threshold's worth of notes for each worker.
    jobs = min(_jobs(), count // (POOL_THRESHOLD // 2))
    if count < POOL_THRESHOLD or jobs < 2:
        for task in tasks:
            yield process_note(*task)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # The first note here, before forking: what it loads and compiles on first use (word
    # lists, lazily compiled patterns) is then inherited by every worker, not redone in each.
    yield process_note(*next(tasks))
    # fork where there is one: the workers start with everything imported already.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        # Not pool.map, which sends every task at once and keeps every outcome until it is
        # read. Outcomes are read in order, but a slow chunk at the head does not idle the
        # other workers: chunks are sent while fewer than _AHEAD per worker are unfinished, and
        # finished ones wait to be read, at most _HELD per worker, so memory stays bounded.
        waiting: deque[Future[list[NoteOutcome]]] = deque()
        more = True
        while True:
            while more and len(waiting) < jobs * _HELD and _unfinished(waiting) < jobs * _AHEAD:
                chunk = list(itertools.islice(tasks, _CHUNK))
                if not chunk:
                    more = False
                    break
                waiting.append(pool.submit(_process_chunk, chunk))
            if not waiting:
                return
            if waiting[0].done():
                yield from waiting.popleft().result()
            else:  # until some chunk finishes: the head, or one whose worker can take more
                wait([f for f in waiting if not f.done()], return_when=FIRST_COMPLETED)


def _unfinished(futures: deque[Future[list[NoteOutcome]]]) -> int:
    return sum(1 for future in futures if not future.done())


class _Checker:
    def __init__(
        self,
        config: LintConfig | None,
        cache: NoteStore,
        sources: SourceFiles,
        defer_audit: bool = False,
    ) -> None:
        self.config = config
        self.config_key = config_key(config)
        self.cache = cache
        self.sources = sources
        # Whether the fields of a cache hit are audited only when asked (``retrusted``): the
        # build asks for the decks whose package it writes, so the notes of a package kept
        # as it is (written from the same fields by a build that audited them) cost no audit.
        self.defer_audit = defer_audit
        self.deck_bytes: dict[Path, bytes] = {}  # deck folder -> its deck.yaml's bytes
        # The bytes of the notes handed to ``_process_all`` and not yet taken back, in order.
        self.in_flight: deque[bytes | Changed | None] = deque()
        self.reused = 0
        self.processed = 0

    def cached(
        self, path: Path, raw: bytes, spec: DeckSpec, key: str
    ) -> tuple[NoteOutcome, str] | None:
        """The cached outcome of a note and its text, or None."""
        entry = self.cache.get(spec.folder, key)
        if entry is None:
            return None
        text, _ = read_text(path, raw)
        if text is None:
            return None
        cached = decode_outcome(entry, path, text, spec, self.config_key)
        # A forged entry (its checksum recomputed) is a miss: rendered again from the source.
        fields = not self.defer_audit
        if cached is None or not trusted_cached_note(cached[0].rendered, spec, text, fields):
            return None
        outcome, complete = cached
        if not complete:  # rendered before, but not yet linted with this config
            findings = findings_of(outcome.note, raw, spec, self.config)
            outcome = NoteOutcome(outcome.note, outcome.rendered, outcome.diagnostics, findings)
            entry = encode_outcome(outcome, self.config_key, entry) or entry
        self.reused += 1
        self.cache.keep(spec.folder, key, entry, changed=not complete)
        return outcome, text

    def key(self, spec: DeckSpec, path: Path, content: bytes | None) -> str | None:
        """A note's cache key from the digest of its bytes (None without either)."""
        if content is None or not self.cache.enabled:
            return None
        return self.cache.key(self.deck_bytes.get(spec.folder, b""), path, content)

    def _tasks(self, plan: list[_Planned | None]) -> Iterator[_Task]:
        """The notes of ``plan`` to process, each read only as it is needed (its bytes are
        kept in ``in_flight`` until its outcome is taken)."""
        for entry in plan:
            if entry is not None and not entry[3]:
                path, spec, content, _ = entry
                raw = _read_again(path, content)
                self.in_flight.append(raw)
                yield path, raw, spec, self.config

    def _keyed_read(self, spec: DeckSpec, path: Path) -> tuple[bytes | None, str | None]:
        """A note's bytes read now and the cache key of exactly those bytes."""
        try:
            raw = path.read_bytes()
        except OSError:
            return None, None
        return raw, self.key(spec, path, content_digest(raw))

    def retrusted(
        self,
        spec: DeckSpec,
        notes: tuple[RenderedNote, ...],
        unaudited: tuple[tuple[int, str], ...],
    ) -> tuple[RenderedNote, ...]:
        """A deck's rendered notes with the fields of each cache hit whose audit was deferred
        (``unaudited``: its index in ``notes`` and its cache key) audited now: a hit that fails
        is a miss after all, rendered again from its file (and its entry replaced)."""
        fixed = list(notes)
        changed = False
        for index, key in unaudited:
            if not field_problems(notes[index]):
                continue
            path = notes[index].note.path
            raw, now = self._keyed_read(spec, path)
            outcome = process_note(path, raw, spec, self.config)
            if outcome.rendered is None:
                continue  # the last gate stops the build on the cached fields
            fixed[index] = outcome.rendered
            changed = True
            self.reused -= 1
            self.processed += 1
            # The entry is replaced only if the file is still the one the key was made from.
            fresh = encode_outcome(outcome, self.config_key, None)
            if fresh is not None and now == key:
                self.cache.keep(spec.folder, key, fresh, changed=True)
        return tuple(fixed) if changed else notes

    def listed(
        self,
        spec: DeckSpec,
        paths: list[Path],
        progress: Progress | None = None,
        counts: tuple[int, int] = (0, 0),  # notes listed before these, of how many in all
    ) -> list[_Listed]:
        """Each note file with the digest of its bytes, for its cache key: the up-to-date
        check's, else read and hashed here (None without a cache, or for a file that cannot
        be read). Only the digest waits for the note's check, which reads the file again."""
        listed: list[_Listed] = []
        for index, path in enumerate(paths, start=counts[0] + 1):
            if progress is not None:
                progress("reading", index, counts[1])
            content = self.sources.content(path)
            if content is None and self.cache.enabled:
                try:
                    content = content_digest(path.read_bytes())
                except OSError:
                    content = None
            listed.append((path, content))
        return listed

    def recorded(
        self,
        spec: DeckSpec,
        notes: list[_Listed],
        key: str,
        identities: list[StatedIdentity | None],
    ) -> DeckRecord | None:
        """The deck's record (``key``: its ``deck_key``), when the cache holds one. Its ids
        and kept GUIDs are checked against what each note's front matter states: in the bytes
        the listing read (``identities``, the up-to-date check's, of the very bytes the key
        was made from), else in the note read again, where a note whose bytes changed since
        its listing means no record."""
        stored = self.cache.deck_record(spec.folder, key)
        if stored is None:
            return None
        stated: list[tuple[Path, StatedIdentity]] = []
        for (path, content), identity in zip(notes, identities, strict=True):
            if identity is None:
                raw = _read_again(path, content)
                text = read_text(path, raw)[0] if isinstance(raw, bytes) else None
                if text is None:
                    return None
                identity = stated_identity(text)
            stated.append((path, identity))
        return decode_record(stored, spec, stated)

    def rendered_again(self, spec: DeckSpec, paths: tuple[Path, ...]) -> tuple[RenderedNote, ...]:
        """The rendered notes of a deck taken from its record, for a package written after
        all: each from its cache entry with its fields audited, else rendered again."""
        reused, processed = self.reused, self.processed  # counted when the record was used
        rendered = []
        for path in paths:
            raw, key = self._keyed_read(spec, path)
            hit = None
            if raw is not None and key is not None and self.cache.get(spec.folder, key) is not None:
                hit = self.cached(path, raw, spec, key)
            note = None if hit is None else hit[0].rendered
            if note is None or field_problems(note):
                outcome = process_note(path, raw, spec, self.config)
                fresh = encode_outcome(outcome, self.config_key, None) if key else None
                if key is not None and fresh is not None:
                    self.cache.keep(spec.folder, key, fresh, changed=True)
                note = outcome.rendered
                reused, processed = reused - 1, processed + 1
            if note is not None:
                rendered.append(note)
        self.reused, self.processed = reused, processed
        return tuple(rendered)

    def outcomes(
        self, notes: list[tuple[Path, DeckSpec, bytes | None]], progress: Progress | None
    ) -> Iterator[tuple[NoteOutcome, str | None, str | None]]:
        """The outcome of every listed note (path, deck, digest of its bytes), the note's text
        (None if unreadable) and, for a cache hit whose fields are not audited yet, its cache
        key; in order and one at a time (so that a caller can release them deck by deck):
        from the cache, else processed. Each note is read again only when its turn comes (or
        its turn in the worker pool's queue): a note whose bytes are not the listed ones is
        an error, and nothing is cached from it. ``notes`` is emptied once every note is
        planned."""
        plan: list[_Planned | None] = []
        count = 0  # notes to process
        for path, spec, content in notes:
            key = self.key(spec, path, content)
            stored = key is not None and self.cache.get(spec.folder, key) is not None
            plan.append((path, spec, content, stored))
            count += not stored
        notes.clear()  # planned: each entry is released from the plan once it is done
        processed = _process_all(self._tasks(plan), count)
        done = 0
        for index, entry in enumerate(plan):
            if entry is None:  # never: an entry is cleared only once it has been read
                continue
            path, spec, content, stored = entry
            key = self.key(spec, path, content)
            raw: bytes | Changed | None
            if stored and key is not None:
                raw = _read_again(path, content)
                hit = self.cached(path, raw, spec, key) if isinstance(raw, bytes) else None
                if hit is not None:
                    plan[index] = None
                    yield *hit, key if self.defer_audit else None
                    continue
                outcome = process_note(path, raw, spec, self.config)
            else:
                outcome = next(processed)
                raw = self.in_flight.popleft()
                done += 1
                if progress is not None:
                    progress("checking", done, count)
            self.processed += 1
            if key is not None and isinstance(raw, bytes):
                fresh = encode_outcome(outcome, self.config_key, None)
                if fresh is not None:
                    self.cache.keep(spec.folder, key, fresh, changed=True)
            plan[index] = None  # done with
            yield outcome, read_text(path, raw)[0] if isinstance(raw, bytes) else None, None


@dataclass(frozen=True)
class DeckChecked:
    """One deck whose notes are all checked, as ``check`` hands it over to ``on_deck``."""

    checked: CheckedDeck  # its rendered notes are empty for a deck taken from its record
    number: int  # 1-based, of ``total``
    total: int
    # Every deck.yaml and note file the whole check reads, as path strings (a note's is its
    # entry's ``file``): the build keeps them to its end, one string a note, not a ``Path``.
    files: tuple[str, ...]
    errors_so_far: bool  # an error was found already: the result will have errors
    # What the package writer needs of the notes (their digests, identities, cards, media).
    summary: DeckSummary
    # The deck's notes with every field audited (cache hits' fields are audited only then):
    # what a package may be written from. None: ``checked.notes`` are audited already.
    audited: Callable[[], tuple[RenderedNote, ...]] | None = None

    def trusted_notes(self) -> tuple[RenderedNote, ...]:
        """The notes a package may be written from (a forged cache hit rendered again)."""
        return self.checked.notes if self.audited is None else self.audited()


def check(
    paths: list[Path],
    progress: Progress | None = None,
    config: LintConfig | None = None,
    cache: NoteStore | None = None,
    sources: SourceFiles | None = None,
    on_deck: Callable[[DeckChecked], None] | None = None,
) -> CheckResult:
    """Load and render everything under ``paths``; every problem is collected, none raised.

    With ``config``, the per-note lint rules run too (``CheckResult.findings``); with
    ``cache``, unchanged notes are taken from it and each deck's entries are saved once its
    notes are done. With ``on_deck``, each deck is handed over as soon as its notes are
    checked, and its rendered notes are not kept (the result's decks hold none): the build
    writes and releases one deck at a time, so memory does not grow with the whole corpus.
    With ``on_deck``, ``config`` and ``cache`` together, a deck whose every note is unchanged
    is taken from its deck record (``deck_record``) without decoding its notes; its rendered
    notes are decoded only if ``on_deck`` asks for them (``DeckChecked.trusted_notes``).
    """
    specs, diagnostics = load_deck_specs(paths)
    for spec, stand_in in specs:  # the description is shown as HTML, like a field
        diagnostics += [] if stand_in else description_problems(spec)
    checker = _Checker(
        config, cache or NullNoteStore(), sources or SourceFiles(), defer_audit=on_deck is not None
    )
    records = on_deck is not None and config is not None and checker.cache.enabled
    files_by_deck: list[list[Path]] = []
    for spec, _stand_in in specs:
        try:
            deck_bytes = spec.config_path.read_bytes()
        except OSError:
            deck_bytes = b""
        checker.deck_bytes[spec.folder] = deck_bytes
        files_by_deck.append(checker.sources.note_files(spec.folder))
    total = sum(map(len, files_by_deck))
    # Every note not taken from a deck record, to check: its bytes' digest, not its bytes.
    notes: list[tuple[Path, DeckSpec, bytes | None]] = []
    recorded: list[DeckRecord | None] = []
    deck_keys: list[str | None] = []  # each deck's ``deck_key``, when it may have a record
    counted = 0  # notes listed so far
    for (spec, _stand_in), paths_of_deck in zip(specs, files_by_deck, strict=True):
        listed = checker.listed(spec, paths_of_deck, progress, (counted, total))
        identities = [checker.sources.identity(path) for path, _ in listed]  # given out once
        counted += len(listed)
        keyed = [(path, checker.key(spec, path, content)) for path, content in listed]
        every = [(path, key) for path, key in keyed if key is not None]
        whole = records and len(every) == len(listed) and len(listed) > 0
        deck_keys.append(deck_key(checker.config_key, every) if whole else None)
        key_of_deck = deck_keys[-1]
        recorded.append(
            None if key_of_deck is None else checker.recorded(spec, listed, key_of_deck, identities)
        )
        del identities
        if recorded[-1] is None:
            notes += [(path, spec, content) for path, content in listed]
        else:
            checker.reused += len(listed)
    outcomes = checker.outcomes(notes, progress)
    del notes  # the plan that ``outcomes`` makes of it is released note by note
    files = (
        *(str(spec.config_path) for spec, _ in specs),
        *(str(p) for f in files_by_deck for p in f),
    )
    decks: list[Deck] = []
    rendered_by_deck: list[tuple[RenderedNote, ...]] = []
    findings: dict[str, bytes] = {}
    suppressing: dict[Path, tuple[Note, str]] = {}
    for number, ((spec, stand_in), paths_of_deck, from_record) in enumerate(
        zip(specs, files_by_deck, recorded, strict=True), start=1
    ):
        if from_record is not None and on_deck is not None:
            for recorded_note in from_record.notes:
                if recorded_note.diagnostics:  # most have none: no ``Path`` made for them
                    path = recorded_note.entry.path
                    diagnostics += shared_diagnostics(recorded_note.diagnostics, path)
                findings[recorded_note.entry.file] = recorded_note.lint
            decks.append(Deck(spec, tuple(n.entry for n in from_record.notes), stand_in))
            audited = functools.partial(checker.rendered_again, spec, from_record.summary.paths)
            done = DeckChecked(
                CheckedDeck(decks[-1], ()),
                number,
                len(specs),
                files,
                has_errors(diagnostics),
                from_record.summary,
                audited,
            )
            on_deck(done)
            checker.cache.release(spec.folder)  # entries read if the package was written
            rendered_by_deck.append(())
            files_by_deck[number - 1] = []  # done with: its notes' paths are kept as strings
            continue
        deck_notes = []
        rendered_notes: list[RenderedNote] = []
        unaudited: list[tuple[int, str]] = []  # cache hits whose fields are not audited yet
        # The outcomes and keys of the deck's notes while they can make its record.
        digests: list[str] = []  # of each rendered note (``rendered_digest``)
        # The deck's record, while every note so far can go into it.
        record: RecordWriter | None = RecordWriter() if deck_keys[number - 1] else None
        for path in paths_of_deck:
            outcome, text, unaudited_key = next(outcomes)
            diagnostics += shared_diagnostics(outcome.diagnostics, path)
            note = outcome.note
            if outcome.rendered is not None:
                digests.append(rendered_digest(outcome.rendered))
            lint = None if outcome.findings is None else outcome.findings.encoded(path)
            if record is not None:
                if recordable(outcome) and lint is not None:
                    record.add(outcome, digests[-1], lint)
                else:
                    record = None
            if note is not None:
                # ``path``, not the note's own copy (a worker's is unpickled anew): one object.
                deck_notes.append(NoteEntry.of(note, path))
                # Only a note that may hold a suppression is read whole to lint.
                if config is not None and text is not None and may_suppress(note):
                    suppressing[path] = (note, text)
            if outcome.rendered is not None:
                if unaudited_key is not None:
                    unaudited.append((len(rendered_notes), unaudited_key))
                rendered_notes.append(outcome.rendered)
            if lint is not None:
                findings[os.fspath(path)] = lint
        decks.append(Deck(spec, tuple(deck_notes), stand_in))
        if on_deck is None:
            checker.cache.release(spec.folder)
            rendered_by_deck.append(tuple(rendered_notes))
            continue
        checked_deck = CheckedDeck(decks[-1], tuple(rendered_notes))
        summary = DeckSummary.of(checked_deck.notes, digests)
        audited = functools.partial(checker.retrusted, spec, checked_deck.notes, tuple(unaudited))
        errors = has_errors(diagnostics)
        processed = checker.processed
        on_deck(DeckChecked(checked_deck, number, len(specs), files, errors, summary, audited))
        key_of_deck = deck_keys[number - 1]
        # Not when the audit rendered a forged hit again: the record would hold its digest.
        if record is not None and key_of_deck and checker.processed == processed:
            checker.cache.keep_deck_record(spec.folder, key_of_deck, record.encoded())
        checker.cache.release(spec.folder)  # after any entry the audit replaced
        rendered_by_deck.append(())
        files_by_deck[number - 1] = []  # done with: its notes' paths are kept as strings
    diagnostics += cross_file_checks(decks) + merged_deck_names(decks)
    checker.cache.save()
    checked = tuple(
        CheckedDeck(deck, notes) for deck, notes in zip(decks, rendered_by_deck, strict=True)
    )
    return CheckResult(
        checked,
        sorted_diagnostics(diagnostics),
        findings,
        suppressing,
        checker.reused,
        checker.processed,
    )
