"""Hostile and unusual inputs on disk: each is a located error (file, line, column, what is
wrong, how to fix it) or a located warning, exit 1 for errors, no traceback, no package
written; nothing that looks like a note is skipped in silence (issue #13, items 4 and 6)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.package.deck_names import anki_deck_key
from tests.conftest import MINIMAL_DECK, REPO, AnkiCollection, note_file, write

GOOD = note_file("good", "# What is good?\n\nThis.\n")


def _build(deck_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Build the content folder of ``deck_dir`` from inside it; the structural lines printed."""
    out = deck_dir.parent.parent / "build"
    code = main(["build", str(deck_dir.parent), "--out", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    if code == 1:
        assert "nothing written" in captured.err
        assert not out.exists() or not any(out.glob("*.apkg"))
    return code, [line for line in captured.out.splitlines() if ": AG0" in line]


# --- cloze numbers --------------------------------------------------------------------------

BIG = [
    ("c501", "501"),
    ("c65537", "65537"),
    ("twenty digits", "99999999999999999999"),
    ("five thousand digits", "9" * 5000),  # more digits than Python converts to an int
]


@pytest.mark.parametrize("digits", [d for _, d in BIG], ids=[name for name, _ in BIG])
def test_cloze_number_over_500_is_a_located_error(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], digits: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        deck_dir / "a.md",
        note_file("a", f"The {{{{c1::x}}}} and {{{{c{digits}::y}}}}.\n", "type: cloze\n"),
    )
    monkeypatch.chdir(deck_dir)
    code, lines = _build(deck_dir, capsys)
    assert code == 1
    assert lines == [
        "a.md:5:19: AG033 cloze number too large: Anki makes cards for c1 to c500 only; renumber it"
    ]


def test_anki_makes_cards_up_to_c500_only(tmp_path: Path, anki: AnkiCollection) -> None:
    """Why the bound is 500: real Anki renders c500, but for a note with c501 it makes an
    empty card for c500 ("No cloze 500 found") and none that hides c501's text."""
    col = anki.col
    for number, expected_ords in ((500, [0, 499]), (501, [0, 499])):
        note = col.new_note(col.models.by_name("Cloze"))
        note["Text"] = f"{{{{c1::a}}}} {{{{c{number}::b}}}}"
        col.add_note(note, col.decks.id("Default"))
        cards = sorted(note.cards(), key=lambda card: card.ord)
        assert [card.ord for card in cards] == expected_ords
        question = cards[1].question()
        if number == 500:
            assert 'data-cloze="b" data-ordinal="500">[...]</span>' in question
        else:
            assert "No cloze \u2068500\u2069 found on card" in question


def test_c500_builds_and_imports_with_its_card(
    deck_dir: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(deck_dir / "a.md", note_file("a", "The {{c1::x}} and {{c500::y}}.\n", "type: cloze\n"))
    monkeypatch.chdir(deck_dir)
    assert main(["build", str(deck_dir), "--out", str(tmp_path / "build")]) == 0
    anki.import_package(tmp_path / "build" / "test-deck.apkg")
    assert sorted(anki.col.db.list("SELECT ord FROM cards")) == [0, 499]


# --- files and folders ----------------------------------------------------------------------


def _lines_for(deck_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    content = deck_dir.parent
    os.chdir(content.parent)
    code, lines = _build(deck_dir, capsys)
    assert code == 1
    return lines


def test_symlink_loop_and_dangling_symlink_are_reported(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(deck_dir)
    write(deck_dir / "good.md", GOOD)
    (deck_dir / "loop.md").symlink_to("loop.md")
    (deck_dir / "ping.md").symlink_to("pong.md")
    (deck_dir / "pong.md").symlink_to("ping.md")
    (deck_dir / "gone.md").symlink_to("missing.md")
    assert _lines_for(deck_dir, capsys) == [
        "content/test-deck/gone.md:1:1: AG001 symlink to a missing file: fix the link or remove it",
        "content/test-deck/loop.md:1:1: AG001 symlink loop (the link leads back to itself): "
        "point it at a real note file",
        "content/test-deck/ping.md:1:1: AG001 symlink loop (the link leads back to itself): "
        "point it at a real note file",
        "content/test-deck/pong.md:1:1: AG001 symlink loop (the link leads back to itself): "
        "point it at a real note file",
    ]


def test_file_names_that_would_be_skipped_are_reported(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(deck_dir)
    write(deck_dir / "good.md", GOOD)
    write(deck_dir / "Shout.MD", note_file("shout", "# What?\n\nThat.\n"))
    (deck_dir / "folder.md").mkdir()
    (deck_dir / os.fsdecode(b"caf\xe9.md")).write_text(note_file("cafe", "# Q?\n\nA.\n"))
    write(deck_dir.parent / "stray.md", note_file("stray", "# Q?\n\nA.\n"))
    write(deck_dir.parent / "README.md", "# About this content\n")  # not a note: no finding
    (deck_dir.parent / os.fsdecode(b"d\xe9ck")).mkdir()
    assert _lines_for(deck_dir, capsys) == [
        "content/d\\xe9ck:1:1: AG001 name is not valid UTF-8: rename it (UTF-8 characters only)",
        "content/stray.md:1:1: AG014 note outside any deck folder is skipped: move it into a "
        "deck folder (a folder with deck.yaml) under the content folder",
        "content/test-deck/Shout.MD:1:1: AG014 note files end in lowercase '.md', so this one "
        "is skipped: rename it to Shout.md",
        "content/test-deck/caf\\xe9.md:1:1: AG001 name is not valid UTF-8: rename it (UTF-8 "
        "characters only)",
        "content/test-deck/folder.md:1:1: AG014 a folder named like a note is skipped: rename "
        "it (no '.md')",
    ]


def _without_root_powers() -> list[str]:
    """A command prefix under which file permissions hold: none for a normal user; for root
    (who reads everything), setpriv dropping the two capabilities that bypass them."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


@pytest.mark.parametrize(
    ("mode", "where"),
    [(0o000, "content/test-deck"), (0o300, "content/test-deck"), (0o000, "content")],
    ids=["no access", "no read", "content folder"],
)
def test_unreadable_folder_is_a_located_error(tmp_path: Path, mode: int, where: str) -> None:
    deck = tmp_path / "content" / "test-deck"
    write(deck / "deck.yaml", MINIMAL_DECK)
    write(deck / "good.md", GOOD)
    locked = tmp_path / where
    locked.chmod(mode)
    try:
        completed = subprocess.run(
            # No path: the content folder comes from the settings (click itself refuses an
            # unreadable path given on the command line, with exit 2).
            [*_without_root_powers(), sys.executable, "-m", "ankigen", "build"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            check=False,
        )
    finally:
        locked.chmod(0o755)
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    assert f"{where}:1:1: AG001 cannot read folder: Permission denied: make it readable " in (
        completed.stdout
    )
    assert not (tmp_path / "build").exists() or not any((tmp_path / "build").glob("*.apkg"))


# --- text and image paths -------------------------------------------------------------------

TEXT_CASES = [
    (
        "NUL in the body",
        "# What?\n\nA\x00B.\n",
        "a.md:6:2: AG051 NUL character (U+0000) in the text: remove it (it is invisible)",
    ),
    (
        "NUL in an image path",
        "# What?\n\n![x](a%00.png)\n",
        "a.md:6:6: AG040 image 'a%00.png': image path contains a NUL character: remove it (or "
        "the '%00' that encodes it)",
    ),
    (
        "very long image path",
        f"# What?\n\n![x]({'a' * 5000}.png)\n",
        f"a.md:6:6: AG040 image '{'a' * 60}': image path is too long (5004 characters, at most "
        "1024): use a shorter file name",
    ),
    (
        "image name too long for the file system",
        f"# What?\n\n![x]({'b' * 300}.png)\n",
        f"a.md:6:6: AG040 image '{'b' * 60}': image file cannot be read (File name too long): "
        f"{'b' * 300}.png",
    ),
    (
        "deep image path",
        f"# What?\n\n![x]({'d/' * 400}x.png)\n",
        f"a.md:6:6: AG040 image '{('d/' * 30)}': image file not found: {'d/' * 400}x.png",
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"), [(b, e) for _, b, e in TEXT_CASES], ids=[n for n, _, _ in TEXT_CASES]
)
def test_hostile_text_is_a_located_error(
    deck_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    body: str,
    expected: str,
) -> None:
    write(deck_dir / "a.md", note_file("a", body))
    monkeypatch.chdir(deck_dir)
    code, lines = _build(deck_dir, capsys)
    assert code == 1
    assert lines == [expected]


# --- deck names Anki merges -----------------------------------------------------------------

MERGED = [
    ("case", "Deep Learning", "deep learning"),
    ("case folding", "Straße", "STRASSE"),
    ("spaces around ::", "Deep::Keras", "Deep :: Keras"),
    ("three colons", "Deep::Keras", "Deep:::Keras"),
    ("NFC and NFD", "Café", unicodedata.normalize("NFD", "Café")),
]


@pytest.mark.parametrize(
    ("first", "second"), [(a, b) for _, a, b in MERGED], ids=[n for n, _, _ in MERGED]
)
def test_deck_names_anki_would_merge_are_an_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    first: str,
    second: str,
) -> None:
    for slug, name in (("one", first), ("two", second)):
        write(tmp_path / "content" / slug / "deck.yaml", f'name: "{name}"\ndescription: x\n')
        write(tmp_path / "content" / slug / "a.md", GOOD)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "content"]) == 1
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "AG023" in line]
    assert line.startswith(
        f"content/two/deck.yaml:1:1: AG023 deck name '{second}' is the same deck in Anki as "
        f"'{first}' ("
    )
    assert line.endswith("give the decks distinct names")


def test_the_deck_name_rule_matches_real_anki(tmp_path: Path, anki: AnkiCollection) -> None:
    """Every pair of names: ankigen says "same deck" exactly when Anki gives them one id."""
    names = [
        "Deep Learning",
        "deep learning",
        "DEEP LEARNING",
        "A::B",
        "A :: B",
        " A::B ",
        "A:::B",
        "A::::B",
        "A::B:",
        "A::B::",
        "Café",
        unicodedata.normalize("NFD", "Café"),
        "Straße",
        "STRASSE",
        "A\tB",
        "AB",
        "A  B",
        "A B",
        "x",
        "x\u200b",
        "A::\u00a0B",
        "K",
        "\u212a",
        "\ufb01",
        "fi",
        "İ",
        "i\u0307",
    ]
    ids = {name: anki.col.decks.id(name) for name in names}
    for first in names:
        for second in names:
            same_in_anki = ids[first] == ids[second]
            assert (anki_deck_key(first) == anki_deck_key(second)) is same_in_anki, (first, second)


# --- import --deck ----------------------------------------------------------------------------


@pytest.mark.parametrize("deck", ["../../escaped", "/tmp/abs", "a/b", "Upper", ""])
def test_import_deck_must_be_a_slug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, deck: str
) -> None:
    article = write(tmp_path / "work" / "article.md", "## What is x?\n\nx is y.\n")
    monkeypatch.chdir(tmp_path / "work")
    before = sorted(tmp_path.rglob("*"))
    assert main(["import", "article", str(article), "--deck", deck]) == 1
    assert f"--deck {deck!r} is not a deck folder slug" in capsys.readouterr().err
    assert sorted(tmp_path.rglob("*")) == before


# --- temporary packages left by a killed build ------------------------------------------------

_KILLED_BUILD = """
import os, signal, sys
from pathlib import Path
import ankigen.pipeline.build as build
real = build.write_package
def write_then_die(deck_build, path):
    real(deck_build, path)
    os.kill(os.getpid(), signal.SIGKILL)  # as a kill -9 or a power cut would
build.write_package = write_then_die
build.build([Path("content")], Path("build"))
"""


def test_temporary_packages_of_a_killed_build_are_removed_by_the_next(
    deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(deck_dir / "good.md", GOOD)
    monkeypatch.chdir(tmp_path)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_BUILD],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -9
    build = tmp_path / "build"
    (left,) = build.glob(".test-deck.*.apkg.tmp")
    # Files that only look alike are not ours: they stay.
    others = [build / ".test-deck.short.apkg.tmp", build / "notes.apkg.tmp", build / "keep.txt"]
    for other in others:
        other.write_text("mine")
    (build / ".test-deck.abcdefgh.apkg.tmp").symlink_to(build / "keep.txt")
    others.append(build / ".test-deck.abcdefgh.apkg.tmp")
    # One held by a build that is still running (its lock): it stays too.
    running = build / ".test-deck.12345678.apkg.tmp"
    running.write_text("being written")
    with running.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert main(["build", "content", "--no-cache"]) == 0
        assert running.exists()
    assert not left.exists()
    assert all(other.exists() or other.is_symlink() for other in others)
    assert (build / "test-deck.apkg").is_file()
