"""Images: only files inside the content folder reach a package, each under a content-hash name."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from ankigen.lint.rule import LintConfig
from ankigen.pipeline.build import build
from ankigen.pipeline.check import check
from tests.conftest import AnkiCollection, write

# Style and spelling rules (AG1xx) are not what these tests are about.
NO_LINT = LintConfig(ignore=("AG1",))
SECRET = b"TOP-SECRET-OUTSIDE-THE-CONTENT-FOLDER"


def _note(image: str) -> str:
    return f"---\nid: pic\n---\n# Q\n\n![diagram]({image})\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A readable image file next to, not inside, the content folder."""
    path = tmp_path / "secret.png"
    path.write_bytes(SECRET)
    return path


def _assert_refused(deck_dir: Path, message: str) -> None:
    out = deck_dir.parent.parent / "out"
    result = build([deck_dir], out)
    assert result.outputs == ()
    assert not out.exists() or list(out.iterdir()) == []
    located = [(d.path.name, d.line, d.code) for d in result.check.diagnostics]
    assert located == [("pic.md", 6, "AG040")]
    (diagnostic,) = result.check.diagnostics
    assert diagnostic.message.endswith(message), diagnostic.message


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("/etc/hostname", "absolute image path: use a path relative to the note file"),
        ("{outside}", "absolute image path: use a path relative to the note file"),
        (
            "C:\\Windows\\win.ini",
            "remote or non-file image URL: images must be files inside the deck folder",
        ),
        (
            "C:/Windows/win.png",
            "remote or non-file image URL: images must be files inside the deck folder",
        ),
        ("\\\\server\\share\\x.png", "absolute image path: use a path relative to the note file"),
        ("%2Fetc%2Fhostname", "absolute image path: use a path relative to the note file"),
        (
            "../../secret.png",
            "image path leads outside the content folder (through '..' or a symlink)",
        ),
        (
            "img/../../../secret.png",
            "image path leads outside the content folder (through '..' or a symlink)",
        ),
        (
            "%2e%2e/%2e%2e/secret.png",
            "image path leads outside the content folder (through '..' or a symlink)",
        ),
        (
            "https://example.org/x.png",
            "remote or non-file image URL: images must be files inside the deck folder",
        ),
        (
            "http://127.0.0.1/x.png",
            "remote or non-file image URL: images must be files inside the deck folder",
        ),
        (
            "//example.org/x.png",
            "remote or non-file image URL: images must be files inside the deck folder",
        ),
        (
            "file:///etc/hostname",
            "remote or non-file image URL: images must be files inside the deck folder",
        ),
        (
            "data:image/png;base64,iVBORw0KGgo=",
            "remote or non-file image URL: images must be files inside the deck folder",
        ),
        ("img/missing.png", "image file not found: img/missing.png"),
        ("img", "image file not found: img"),
        ("pic.md", "unsupported image type '.md': use one of .gif, .jpeg, .jpg, .png, .svg, .webp"),
        (
            "deck.yaml",
            "unsupported image type '.yaml': use one of .gif, .jpeg, .jpg, .png, .svg, .webp",
        ),
    ],
)
def test_image_reference_is_refused(
    deck_dir: Path, outside: Path, image: str, message: str
) -> None:
    (deck_dir / "img").mkdir()
    write(deck_dir / "pic.md", _note(image.format(outside=outside)))
    _assert_refused(deck_dir, message)


def test_symlink_to_a_file_outside_is_refused_and_never_read(deck_dir: Path, outside: Path) -> None:
    (deck_dir / "img").mkdir()
    (deck_dir / "img" / "diagram.png").symlink_to(outside)
    write(deck_dir / "pic.md", _note("img/diagram.png"))
    _assert_refused(
        deck_dir, "image path leads outside the content folder (through '..' or a symlink)"
    )


def test_symlinked_folder_leading_outside_is_refused(
    deck_dir: Path, outside: Path, tmp_path: Path
) -> None:
    (deck_dir / "img").symlink_to(tmp_path, target_is_directory=True)
    write(deck_dir / "pic.md", _note("img/secret.png"))
    _assert_refused(
        deck_dir, "image path leads outside the content folder (through '..' or a symlink)"
    )


def test_symlink_chain_ending_outside_is_refused(deck_dir: Path, outside: Path) -> None:
    (deck_dir / "img").mkdir()
    (deck_dir / "img" / "hop.png").symlink_to(outside)
    (deck_dir / "img" / "diagram.png").symlink_to(deck_dir / "img" / "hop.png")
    write(deck_dir / "pic.md", _note("img/diagram.png"))
    _assert_refused(
        deck_dir, "image path leads outside the content folder (through '..' or a symlink)"
    )


def test_symlink_loop_is_an_error_not_a_crash(deck_dir: Path) -> None:
    (deck_dir / "img").mkdir()
    (deck_dir / "img" / "a.png").symlink_to(deck_dir / "img" / "b.png")
    (deck_dir / "img" / "b.png").symlink_to(deck_dir / "img" / "a.png")
    write(deck_dir / "pic.md", _note("img/a.png"))
    out = deck_dir.parent.parent / "out"
    result = build([deck_dir], out)
    assert result.outputs == ()
    assert [(d.line, d.code) for d in result.check.diagnostics] == [(6, "AG040")]


def test_nothing_outside_the_content_folder_reaches_a_package(
    tmp_path: Path, deck_dir: Path, outside: Path
) -> None:
    """One good image and several ways to the secret: no package, and no secret anywhere."""
    (deck_dir / "img").mkdir()
    (deck_dir / "img" / "ok.png").write_bytes(b"fine")
    (deck_dir / "img" / "leak.png").symlink_to(outside)
    write(deck_dir / "good.md", "---\nid: good\n---\n# Q\n\n![ok](img/ok.png)\n")
    write(
        deck_dir / "pic.md",
        f"---\nid: pic\n---\n# Q\n\n![a](img/leak.png) ![b](../../secret.png)\n\n![c]({outside})\n",
    )
    out = tmp_path / "out"
    result = build([deck_dir], out)
    assert result.outputs == ()
    assert sorted((d.line, d.code) for d in result.check.diagnostics) == [
        (6, "AG040"),
        (6, "AG040"),
        (8, "AG040"),
    ]
    # No rendered note carries the file (a build keeps none: ask the check), and nothing in
    # the output folder holds its bytes.
    rendered_notes = [n for checked in check([deck_dir]).decks for n in checked.notes]
    assert [n.note.meta.id for n in rendered_notes] == ["good"]  # "pic" has errors: unrendered
    for rendered in rendered_notes:
        assert all(m.source.is_relative_to(deck_dir) for m in rendered.media)
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert all(SECRET not in p.read_bytes() for p in written)


def test_symlink_inside_the_content_folder_is_followed(
    tmp_path: Path, deck_dir: Path, anki: AnkiCollection
) -> None:
    shared = deck_dir.parent / "shared-images"
    shared.mkdir()
    (shared / "logo.png").write_bytes(b"logo bytes")
    (deck_dir / "img").mkdir()
    (deck_dir / "img" / "logo.png").symlink_to(shared / "logo.png")
    write(deck_dir / "pic.md", _note("img/logo.png"))
    result = build([deck_dir], tmp_path / "out", NO_LINT)
    assert result.check.diagnostics == []
    (package,) = result.outputs
    anki.import_package(package)
    (name,) = [p.name for p in Path(anki.col.media.dir()).iterdir()]
    assert (Path(anki.col.media.dir()) / name).read_bytes() == b"logo bytes"


def _card_images(anki: AnkiCollection) -> dict[str, list[str]]:
    """Image names each note's answer shows, keyed by the note's first field (the question)."""
    shown: dict[str, list[str]] = {}
    for note_id in anki.col.find_notes(""):
        note = anki.col.get_note(note_id)
        answer = anki.col.get_card(note.card_ids()[0]).render_output().answer_text
        shown[note.fields[0]] = re.findall(r'<img src="([^"]+)"', answer)
    return shown


def test_same_basename_in_two_folders_gives_two_media_files(
    tmp_path: Path, deck_dir: Path, anki: AnkiCollection
) -> None:
    write(deck_dir / "a" / "diagram.png", "picture A")
    write(deck_dir / "b" / "diagram.png", "picture B")
    write(deck_dir / "c" / "same-as-a.png", "picture A")
    write(deck_dir / "one.md", "---\nid: one\n---\n# One\n\n![a](a/diagram.png)\n")
    write(deck_dir / "two.md", "---\nid: two\n---\n# Two\n\n![b](b/diagram.png)\n")
    write(
        deck_dir / "three.md",
        "---\nid: three\n---\n# Three\n\n![b](b/diagram.png) ![a](c/same-as-a.png)\n",
    )
    result = build([deck_dir], tmp_path / "out", NO_LINT)
    assert result.check.diagnostics == []
    (package,) = result.outputs

    with zipfile.ZipFile(package) as archive:
        index: dict[str, str] = json.loads(archive.read("media"))
        stored = {name: archive.read(number) for number, name in index.items()}
    # Two distinct contents, two distinct names; identical bytes share one name.
    assert sorted(stored.values()) == [b"picture A", b"picture B"]
    names = {content: name for name, content in stored.items()}
    assert all(re.fullmatch(r"ankigen-[0-9a-f]{20}\.png", name) for name in names.values())
    assert "diagram.png" not in stored

    anki.import_package(package)
    a, b = names[b"picture A"], names[b"picture B"]
    assert _card_images(anki) == {"One": [a], "Two": [b], "Three": [b, a]}
    media = Path(anki.col.media.dir())
    assert (media / a).read_bytes() == b"picture A"
    assert (media / b).read_bytes() == b"picture B"
