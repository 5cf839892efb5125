"""A note file written between its listing and its check (#14, session 23).

The check lists every note first, keeping only a digest of its bytes (for its cache key), and
reads each note again when its turn comes, so that 100,000 notes' bytes never wait at once.
A file whose bytes then differ from the listed ones is an error (UNREADABLE_FILE: run again),
and nothing is cached from it: no entry under the key of the bytes the listing read, no deck
record. The next run checks the file as it is.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.cache.files import NoteCache, content_digest
from ankigen.codes import CheckCode
from ankigen.lint.rule import LintConfig
from ankigen.pipeline.check import CheckResult, check
from ankigen.pipeline.progress import Progress
from ankigen.source.discover import SourceFiles
from tests.conftest import write

_OLD = "---\nid: a\n---\n# What is a tensor?\n\nAn array.\n"
_NEW = "---\nid: a\n---\n# What is a scalar?\n\nA single number.\n"


def _content(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    write(content / "deck" / "deck.yaml", "name: Deck\n")
    note = write(content / "deck" / "a.md", _OLD)
    write(content / "deck" / "b.md", "---\nid: b\n---\n# What is ReLU?\n\nmax(0, x).\n")
    return content, note


def _changed_codes(result: CheckResult, note: Path) -> list[str]:
    return [d.code for d in result.diagnostics if d.path == note and "was written" in d.message]


def _questions(result: CheckResult) -> list[str]:
    return [entry.id for deck in result.decks for entry in deck.deck.notes]


def _rewriting(note: Path, when: int) -> Progress:
    """A progress callback that writes ``_NEW`` into ``note`` as the ``when``-th note is
    listed: after ``note`` (the first) was listed, before it is checked."""

    def progress(stage: str, index: int, total: int) -> None:
        if stage == "reading" and index == when:
            note.write_text(_NEW, encoding="utf-8")

    return progress


def test_a_note_written_after_its_listing_is_an_error_and_not_cached(tmp_path: Path) -> None:
    content, note = _content(tmp_path)
    cache = NoteCache(tmp_path / "cache")
    written = check([content], _rewriting(note, 2), LintConfig(), cache)
    assert _changed_codes(written, note) == [CheckCode.UNREADABLE_FILE]
    assert not written.ok
    assert _questions(written) == ["b"]  # the other note is checked as usual
    # Nothing was cached from it: the next run, with the file as it is now, processes it, and
    # its outcome is the new text's.
    again = check([content], None, LintConfig(), NoteCache(tmp_path / "cache"))
    assert again.ok and again.processed == 1 and again.reused == 1
    assert _questions(again) == ["a", "b"]
    fresh = check([content], None, LintConfig())
    assert again.diagnostics == fresh.diagnostics
    assert again.findings == fresh.findings


def test_a_cached_note_written_after_its_listing_is_not_taken_from_the_cache(
    tmp_path: Path,
) -> None:
    content, note = _content(tmp_path)
    assert check([content], None, LintConfig(), NoteCache(tmp_path / "cache")).ok  # all cached
    cache = NoteCache(tmp_path / "cache")
    written = check([content], _rewriting(note, 2), LintConfig(), cache)
    assert _changed_codes(written, note) == [CheckCode.UNREADABLE_FILE]
    # Whatever the cache kept, it holds no outcome of one text under the other's key: with
    # either text in the file, a run gives what a run without a cache gives.
    for text in (_NEW, _OLD):
        note.write_text(text, encoding="utf-8")
        cached = check([content], None, LintConfig(), NoteCache(tmp_path / "cache"))
        fresh = check([content], None, LintConfig())
        assert cached.ok and cached.diagnostics == fresh.diagnostics
        assert cached.findings == fresh.findings


def test_bytes_other_than_the_up_to_date_checks_are_an_error(tmp_path: Path) -> None:
    """The up-to-date check hands each note's digest on; a note that no longer has those
    bytes when it is checked must not be checked (its outcome would be stored under the
    up-to-date check's fingerprint of other bytes)."""
    content, note = _content(tmp_path)
    for cache in (None, NoteCache(tmp_path / "cache")):
        sources = SourceFiles()
        sources.keep(str(note), content_digest(_NEW.encode()))  # what it read was other bytes
        result = check([content], None, LintConfig(), cache, sources)
        assert _changed_codes(result, note) == [CheckCode.UNREADABLE_FILE]
        same = SourceFiles()
        same.keep(str(note), content_digest(note.read_bytes()))
        assert check([content], None, LintConfig(), cache, same).ok


def test_a_note_that_vanishes_after_its_listing_is_an_error(tmp_path: Path) -> None:
    content, note = _content(tmp_path)

    def progress(stage: str, index: int, total: int) -> None:
        if stage == "reading" and index == 2:
            note.unlink()

    result = check([content], progress, LintConfig(), NoteCache(tmp_path / "cache"))
    assert _changed_codes(result, note) == [CheckCode.UNREADABLE_FILE]
