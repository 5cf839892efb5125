"""A forged or planted cache cannot change a package, and cannot crash or hang a run.

The cache is JSON whose checksum anyone can recompute, and the shipped workflow restores it from
a shared CI cache. Forged entries (script, event handlers, ``javascript:`` links, remote images,
non-math MathJax, a chosen GUID or note id) are misses: the package is byte for byte the one a
build without the cache writes. Cache files that are symlinks, FIFOs or too large are never
read, and a symlinked cache folder is neither read nor written through.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ankigen.cache import files as cache_module
from ankigen.cache.files import CACHE_DIR, NoteCache
from ankigen.cli import main
from ankigen.package.output_gate import UnsafeOutputError, outgoing
from ankigen.pipeline import uptodate
from ankigen.pipeline.check import check
from tests.conftest import SAMPLE, AnkiCollection
from tests.test_hostile_content import audit

HOSTILE = (
    '<script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a>'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample deck as content/sample, built once (so the cache holds every note)."""
    shutil.copytree(SAMPLE, tmp_path / "content" / "sample")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    return tmp_path


class Hung(BaseException):
    """Not an OSError, so that no ``except OSError`` on the way swallows it."""


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging: a FIFO read without O_NONBLOCK never returns."""

    def expired(signum: int, frame: Any) -> None:
        raise Hung("the run hung on a cache file")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _pack(root: Path) -> Path:
    (pack,) = (root / "build" / CACHE_DIR / "notes").iterdir()
    return pack


def _rewrite(pack: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change every entry and store the pack with a recomputed, valid checksum (and the
    current format, so that the forged pack is read)."""
    entries = json.loads(pack.read_bytes().partition(b"\n")[2])
    for entry in entries.values():
        change(entry)
    body = json.dumps(entries).encode()
    header = json.dumps(
        {"format": cache_module.FORMAT, "sha256": hashlib.sha256(body).hexdigest()}
    ).encode()
    pack.write_bytes(header + b"\n" + body)
    assert cache_module._read_checked(pack) is not None  # read as a valid pack


def _script_and_guid(entry: dict[str, Any]) -> None:
    entry["rendered"]["fields"][0] = HOSTILE + entry["rendered"]["fields"][0]
    entry["rendered"]["guid"] = "chosen-guid"


def _guid_only(entry: dict[str, Any]) -> None:
    entry["rendered"]["guid"] = "chosen-guid"


def _kept_guid(entry: dict[str, Any]) -> None:
    entry["note"]["meta"]["guid"] = "chosen-guid"
    entry["rendered"]["guid"] = "chosen-guid"


def _note_id(entry: dict[str, Any]) -> None:
    entry["note"]["meta"]["id"] = "someone-elses-note"


def _mathjax(entry: dict[str, Any]) -> None:
    entry["rendered"]["fields"][1] += "<p>\\(\\href{javascript:alert(1)}{x}\\)</p>"


def _remote_image(entry: dict[str, Any]) -> None:
    entry["rendered"]["fields"][1] += '<p><img src="https://evil.example/x.png"></p>'


FORGERIES = {
    "script-and-guid": _script_and_guid,
    "guid": _guid_only,
    "kept-guid": _kept_guid,
    "note-id": _note_id,
    "mathjax-link": _mathjax,
    "remote-image": _remote_image,
}


@pytest.mark.parametrize("name", list(FORGERIES))
def test_a_forged_entry_changes_nothing_in_the_package(
    project: Path, name: str, anki: AnkiCollection
) -> None:
    package = project / "build" / "sample.apkg"
    assert main(["build", "--no-cache", "--out", "cold"]) == 0
    _rewrite(_pack(project), FORGERIES[name])
    package.unlink()  # so the build runs instead of answering "up to date"

    checked = check([project / "content"], cache=NoteCache(project / "build" / CACHE_DIR))
    assert checked.reused == 0  # every forged entry is a miss
    assert main(["build"]) == 0
    assert package.read_bytes() == (project / "cold" / "sample.apkg").read_bytes()

    anki.import_package(package)
    col = anki.col
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        assert note.guid != "chosen-guid"
        assert all(audit(field).problems == [] for field in note.fields)


def test_the_last_gate_refuses_a_field_that_is_still_unsafe(project: Path) -> None:
    (deck,) = check([project / "content"]).decks
    rendered = deck.notes[0]
    forged = replace(rendered, fields=('<img src="https://evil.example/x.png">',) * 3)
    with pytest.raises(UnsafeOutputError, match=re.escape("src='https://evil.example/x.png'")):
        outgoing(forged)
    assert outgoing(replace(rendered, guid="chosen-guid")).guid == rendered.guid


def _same_as_uncached(root: Path) -> None:
    content = [root / "content"]
    expected = [n.fields for d in check(content).decks for n in d.notes]
    checked = check(content, cache=NoteCache(root / "build" / CACHE_DIR))
    assert [n.fields for d in checked.decks for n in d.notes] == expected
    assert checked.reused == 0


def test_a_symlinked_pack_is_not_followed(project: Path, deadline: None) -> None:
    pack = _pack(project)
    outside = project / "elsewhere.json"
    shutil.move(pack, outside)  # a valid pack: followed, it would give six hits
    pack.symlink_to(outside)
    _same_as_uncached(project)


def test_a_fifo_pack_is_refused_without_hanging(project: Path, deadline: None) -> None:
    pack = _pack(project)
    pack.unlink()
    os.mkfifo(pack)
    _same_as_uncached(project)
    assert main(["build"]) == 0  # the CLI path too


def test_a_symlinked_cache_folder_is_neither_read_nor_written_through(
    project: Path, deadline: None
) -> None:
    notes = project / "build" / CACHE_DIR / "notes"
    elsewhere = project / "elsewhere"
    shutil.move(notes, elsewhere)
    notes.symlink_to(elsewhere, target_is_directory=True)
    before = {path.name: path.read_bytes() for path in elsewhere.iterdir()}
    (project / "build" / "sample.apkg").unlink()
    _same_as_uncached(project)
    assert main(["build"]) == 0
    assert {path.name: path.read_bytes() for path in elsewhere.iterdir()} == before


def test_a_pack_over_the_size_limit_is_not_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_CACHE_FILE_BYTES", 100)
    _same_as_uncached(project)


def test_stored_records_naming_a_fifo_are_not_read(tmp_path: Path, deadline: None) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    # (/dev/zero is refused the same way; not tried here, since a regression would read it
    # until memory runs out instead of failing.)
    assert not uptodate.files_intact([[str(fifo), "0" * 64]])


def test_release_builds_never_use_a_restored_cache() -> None:
    from tests.test_workflow import position, step, steps, workflow

    restore = step("actions/cache")
    assert restore["if"] == "${{ !startsWith(github.ref, 'refs/tags/') }}"
    (wipe,) = [s for s in steps() if "rm -rf build/.cache" in str(s.get("run", ""))]
    assert wipe["if"] == "startsWith(github.ref, 'refs/tags/')"
    first_ankigen = min(position(s) for s in steps() if "ankigen " in str(s.get("run", "")))
    assert position(wipe) < first_ankigen
    assert workflow()["jobs"]["release"]["needs"] == "decks"  # it releases only that build


def _second_deck(root: Path) -> Path:
    """A copy of the sample deck under another folder and name: a deck of its own."""
    other = root / "content" / "other"
    shutil.copytree(SAMPLE, other)
    spec = other / "deck.yaml"
    spec.write_text(spec.read_text().replace('"ankigen Sample"', '"Other Sample"'))
    return other


def test_a_forged_field_in_a_deck_written_again_is_rendered_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build audits the fields of cache hits only for a package it writes: a forged
    field there is a miss all the same, and the package is the one a build without the
    cache writes (here the deck is written because another of its notes changed)."""
    _rewrite(_pack(project), _mathjax)
    edited = project / "content" / "sample" / "softmax.md"
    edited.write_text(edited.read_text() + "\nOne more line.\n")
    assert main(["build", "--no-cache", "--out", "cold"]) == 0
    assert main(["build"]) == 0
    package = project / "build" / "sample.apkg"
    assert package.read_bytes() == (project / "cold" / "sample.apkg").read_bytes()
    # The forged entries were replaced: every note is a hit that passes the audit now.
    checked = check([project / "content"], cache=NoteCache(project / "build" / CACHE_DIR))
    assert checked.reused == 6


def test_only_the_fields_of_packages_written_are_audited(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ankigen.package.output_gate import field_problems

    _second_deck(project)
    assert main(["build"]) == 0  # both decks in the cache, both packages recorded
    audited: list[str] = []

    def counting(rendered: Any) -> list[str]:
        audited.append(rendered.deck_slug)
        return field_problems(rendered)

    monkeypatch.setattr("ankigen.pipeline.check.field_problems", counting)
    edited = project / "content" / "other" / "softmax.md"
    edited.write_text(edited.read_text() + "\nOne more line.\n")
    assert main(["build"]) == 0
    # The five unchanged notes of the written deck, none of the kept one's.
    assert audited == ["other"] * 5
