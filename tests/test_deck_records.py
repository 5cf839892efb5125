"""Deck records (``pipeline.deck_record``): a build takes an unchanged deck from its record
without decoding its notes, with the same packages, output and findings as without it; a
record that does not fit the files (forged, a changed image, a package gone) is not trusted."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ankigen.cache.files import CACHE_DIR, NoteCache, _read_checked, _write_checked
from ankigen.cli import main
from ankigen.pipeline import check as check_module
from tests.conftest import SAMPLE, decoded_note_names, write


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample deck and a second deck, with the current directory at their root."""
    shutil.copytree(SAMPLE, tmp_path / "content" / "sample")
    other = tmp_path / "content" / "other"
    write(other / "deck.yaml", "name: Other\n")
    write(other / "sky.md", "---\nid: sky\n---\n# Why is the sky blue?\n\nRayleigh scattering.\n")
    write(other / "sea.md", "---\nid: sea\n---\n# Why is the sea salty?\n\nRivers.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edit_sea(project: Path) -> None:
    note = project / "content" / "other" / "sea.md"
    note.write_text(note.read_text().replace("Rivers.", "Rivers carry salts.", 1))


def _build(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    main(["build", *args])
    return capsys.readouterr().out


def _record_files(project: Path) -> list[Path]:
    return sorted((project / "build" / CACHE_DIR / "decks").glob("*.json"))


def test_an_unchanged_deck_is_taken_from_its_record(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(capsys)
    assert len(_record_files(project)) == 2  # one per deck
    _edit_sea(project)
    decoded = decoded_note_names(monkeypatch)
    out = _build(capsys)
    assert out.splitlines() == [
        "wrote build/other.apkg: 2 notes, 2 cards",
        "up to date build/sample.apkg: 6 notes, 9 cards",
    ]
    assert decoded == ["sky.md"]  # not one note of the sample deck
    # The same output and packages as a build without any cache.
    cold = _build(capsys, "--no-cache", "--out", "cold")
    assert cold.replace("cold/", "build/") == out.replace("up to date", "wrote")
    for name in ("other.apkg", "sample.apkg"):
        assert (project / "build" / name).read_bytes() == (project / "cold" / name).read_bytes()


def test_a_deck_from_its_record_whose_package_is_gone_is_written_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(capsys)
    sample = project / "build" / "sample.apkg"
    good = sample.read_bytes()
    sample.unlink()
    _edit_sea(project)
    decoded = decoded_note_names(monkeypatch)
    assert "wrote build/sample.apkg: 6 notes, 9 cards" in _build(capsys)
    assert sample.read_bytes() == good
    assert len([name for name in decoded if name not in ("sky.md", "sea.md")]) == 6


def _forge(project: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change every deck record and write it back with a valid checksum."""
    for path in _record_files(project):
        payload = _read_checked(path)
        change(payload["record"])
        _write_checked(path, payload)


def test_a_record_that_states_another_id_is_a_miss(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(capsys)
    before = (project / "build" / "sample.apkg").read_bytes()

    def other_id(record: dict[str, Any]) -> None:
        record["notes"][0][0] = "forged-id"

    _forge(project, other_id)
    _edit_sea(project)
    decoded = decoded_note_names(monkeypatch)
    assert "up to date build/sample.apkg" in _build(capsys)
    assert len(decoded) == 7  # every note of the sample deck, and sky
    assert (project / "build" / "sample.apkg").read_bytes() == before


def test_a_malformed_record_is_a_miss(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(capsys)

    def malformed(record: dict[str, Any]) -> None:
        record["notes"][-1][7] = "two"  # the cards of a note

    _forge(project, malformed)
    _edit_sea(project)
    decoded = decoded_note_names(monkeypatch)
    assert "up to date build/sample.apkg: 6 notes, 9 cards" in _build(capsys)
    assert len(decoded) == 7


def test_a_changed_image_makes_the_record_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "content" / "d"
    write(deck / "deck.yaml", "name: D\n")
    write(deck / "a.md", "---\nid: a\n---\n# Which picture?\n\n![chart](chart.png)\n")
    write(deck / "b.md", "---\nid: b\n---\n# Which colour?\n\nBlue.\n")
    (deck / "chart.png").write_bytes(b"\x89PNG first")
    monkeypatch.chdir(tmp_path)
    _build(capsys)
    assert len(_record_files(tmp_path)) == 1
    (deck / "chart.png").write_bytes(b"\x89PNG second")
    decoded = decoded_note_names(monkeypatch)
    assert "wrote build/d.apkg: 2 notes, 2 cards" in _build(capsys)
    assert sorted(decoded) == ["a.md", "b.md"]  # the record missed: each entry is tried
    _build(capsys, "--no-cache", "--out", "cold")
    assert (tmp_path / "build" / "d.apkg").read_bytes() == (
        tmp_path / "cold" / "d.apkg"
    ).read_bytes()


def test_a_deck_with_a_suppression_has_no_record(tmp_path: Path) -> None:
    from ankigen.lint.rule import LintConfig

    deck = tmp_path / "content" / "d"
    write(deck / "deck.yaml", "name: D\n")
    write(deck / "a.md", "---\nid: a\nlint-ignore: [AG150]\n---\n# Why?\n\nBecause.\n")
    cache = NoteCache(tmp_path / "cache")
    check_module.check([tmp_path / "content"], config=LintConfig(), cache=cache, on_deck=print)
    assert not (tmp_path / "cache" / "decks").exists()
