"""A warm build (an unchanged deck taken from its record, the changed note alone processed,
the rules across notes run on the kept per-note inputs) reports the same findings and writes
the same package bytes as a cold build (``--no-cache``) of the same tree, whatever changed: a
note's content, a duplicate question appearing and going away, a note removed, a deck renamed
(its name, or its folder)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from ankigen.cli import main
from tests.conftest import decoded_note_names, write

_NOTES = {
    "alpha": {
        "augment.md": "# Why does data augmentation reduce overfitting?\n\nMore varied data.\n",
        "dropout.md": "# What does dropout switch off during training?\n\nRandom units.\n",
        "relu.md": "# Which activation outputs max(0, x)?\n\nReLU.\n",
    },
    "beta": {
        "batch.md": "# What does batch normalization normalize?\n\nLayer inputs.\n",
        "momentum.md": "# What does momentum add to gradient descent?\n\nA velocity.\n",
        "stride.md": "# What does a convolution's stride set?\n\nThe step of the kernel.\n",
    },
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two decks of three notes, with the current directory at their root."""
    for deck, notes in _NOTES.items():
        write(tmp_path / "content" / deck / "deck.yaml", f"name: {deck.title()}\n")
        for name, body in notes.items():
            write(tmp_path / "content" / deck / name, f"---\nid: {name[:-3]}\n---\n{body}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    main(list(args))
    return capsys.readouterr().out


def _warm_equals_cold(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Build warm into build/ and cold into cold/ (which starts with the same previous
    packages, so that both report the same removed notes and updates); the same report,
    findings and package bytes. Then ``lint`` warm and cold: the same findings. Returns
    the warm build's report."""
    cold = project / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    cold.mkdir()
    for package in (project / "build").glob("*.apkg"):
        shutil.copy2(package, cold / package.name)
    warm_out = _run(capsys, "build")
    cold_out = _run(capsys, "build", "--no-cache", "--out", "cold")
    assert cold_out.replace("cold/", "build/") == warm_out.replace("up to date ", "wrote ")
    built = sorted(path.name for path in (project / "build").glob("*.apkg"))
    assert built == sorted(path.name for path in cold.glob("*.apkg"))
    for name in built:
        assert (project / "build" / name).read_bytes() == (cold / name).read_bytes(), name
    assert _run(capsys, "lint") == _run(capsys, "lint", "--no-cache")
    return warm_out


def _edit(project: Path, deck: str, name: str, old: str, new: str) -> None:
    note = project / "content" / deck / name
    text = note.read_text()
    assert old in text
    note.write_text(text.replace(old, new, 1))


def test_a_changed_note(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "build")
    _edit(project, "beta", "momentum.md", "A velocity.", "A running average of gradients.")
    decoded = decoded_note_names(monkeypatch)
    out = _warm_equals_cold(project, capsys)
    assert "up to date build/alpha.apkg: 3 notes, 3 cards" in out
    # Only the changed deck's unchanged notes are decoded (its package is written again);
    # the unchanged deck comes from its record.
    assert sorted(decoded[:2]) == ["batch.md", "stride.md"]


def test_a_duplicate_appears_and_goes_away(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "build")
    asked = "# Why does data augmentation reduce overfitting?"
    _edit(project, "beta", "stride.md", "# What does a convolution's stride set?", asked)
    decoded = decoded_note_names(monkeypatch)
    out = _warm_equals_cold(project, capsys)
    assert "AG140" in out and "alpha/augment.md" in out  # the unchanged deck's note, named
    assert "up to date build/alpha.apkg" in out
    assert not {"augment.md", "dropout.md", "relu.md"} & set(decoded[:2])
    _edit(project, "beta", "stride.md", asked, "# What does a convolution's stride set?")
    assert "AG140" not in _warm_equals_cold(project, capsys)


def test_a_duplicate_in_the_unchanged_deck_stays_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both notes of a duplicate pair in a deck taken from its record: the finding comes
    from the kept inputs alone."""
    _edit(project, "alpha", "relu.md", "# Which activation outputs max(0, x)?", "# Why does "
          "data augmentation reduce overfitting?")  # fmt: skip
    assert "AG140" in _run(capsys, "build")
    _edit(project, "beta", "batch.md", "Layer inputs.", "The inputs of a layer.")
    out = _warm_equals_cold(project, capsys)
    assert "AG140" in out and "up to date build/alpha.apkg" in out


def test_a_removed_note(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(project, "beta", "stride.md", "# What does a convolution's stride set?", "# Why does "
          "data augmentation reduce overfitting?")  # fmt: skip
    assert "AG140" in _run(capsys, "build")
    (project / "content" / "beta" / "stride.md").unlink()
    out = _warm_equals_cold(project, capsys)
    assert "AG140" not in out
    assert "beta.apkg: 2 notes" in out


def test_a_renamed_deck(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "build")
    write(project / "content" / "beta" / "deck.yaml", "name: Beta renamed\n")
    out = _warm_equals_cold(project, capsys)
    assert "wrote build/beta.apkg: 3 notes, 3 cards" in out


def test_a_deck_folder_renamed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "build")
    (project / "content" / "beta").rename(project / "content" / "gamma")
    (project / "build" / "beta.apkg").unlink()  # its notes now belong to another deck
    out = _warm_equals_cold(project, capsys)
    assert "wrote build/gamma.apkg: 3 notes, 3 cards" in out
    assert "up to date build/alpha.apkg" in out


def test_a_note_of_a_recorded_deck_written_after_its_reading_stops_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deck record is checked against the bytes the up-to-date check read; a note written
    after that reading is not read again by the check, so the source-changed guard is what
    stops the build: nothing is written, and the next build is the new text's."""
    from ankigen.pipeline import uptodate

    _run(capsys, "build")
    before = {path.name: path.read_bytes() for path in (project / "build").glob("*.apkg")}
    _edit(project, "beta", "batch.md", "Layer inputs.", "The inputs of a layer.")
    original = uptodate.fingerprint

    def then_written(*args: Any, **kwargs: Any) -> str | None:
        found = original(*args, **kwargs)
        _edit(project, "alpha", "relu.md", "ReLU.", "The rectified linear unit.")
        return found

    monkeypatch.setattr(uptodate, "fingerprint", then_written)
    assert main(["build"]) != 0
    assert "was written while the build read it" in capsys.readouterr().err
    after = {path.name: path.read_bytes() for path in (project / "build").glob("*.apkg")}
    assert after == before
    monkeypatch.setattr(uptodate, "fingerprint", original)
    assert "wrote build/alpha.apkg" in _warm_equals_cold(project, capsys)


def test_a_same_size_edit_with_its_time_set_back_is_built(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the file stats in use (no racy margin, so every file counts as old), an edit that
    keeps the size and sets the modification time back is still seen (the change time moved),
    and a touched note that did not change is read again and found the same."""
    import os

    from ankigen.cache import file_stats

    monkeypatch.setattr(file_stats, "RACY_MARGIN_NS", 0)
    _run(capsys, "build")
    _run(capsys, "build")  # every file known by its stat now
    old_package = (project / "build" / "beta.apkg").read_bytes()
    note = project / "content" / "beta" / "momentum.md"
    before = os.stat(note)
    _edit(project, "beta", "momentum.md", "A velocity.", "A momentum.")
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(note).st_size == before.st_size
    os.utime(project / "content" / "alpha" / "relu.md")  # touched, unchanged
    out = _warm_equals_cold(project, capsys)
    assert "wrote build/beta.apkg" in out  # and the same bytes as a cold build's
    assert (project / "build" / "beta.apkg").read_bytes() != old_package
