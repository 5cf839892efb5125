"""Malformed files: each gives a located, explained error, exit code 1, and no package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ankigen.cli import main
from tests.conftest import write

CASES: list[tuple[str, bytes, str]] = [
    (
        "no front matter",
        b"# Q\n\nA\n",
        "bad.md:1:1: AG003 missing front matter: the file must start with a '---' line, then YAML "
        "(at least 'id: ...'), then a closing '---' line",
    ),
    (
        "front matter not closed",
        b"---\nid: bad\n# Q\n",
        "bad.md:1:1: AG004 front matter is not closed: add a '---' line after the YAML",
    ),
    (
        "bad yaml",
        b"---\nid: bad\ntags: [a, b\n---\n# Q\n\nA\n",
        "bad.md:3:12: AG005 YAML syntax error: expected ',' or ']', but got '<stream end>'; "
        "close the list with ']', or quote an item that holds a comma",
    ),
    (
        "colon in an unquoted value",
        b"---\nid: bad\ntitle: ratio: 2\n---\n# Q\n\nA\n",
        "bad.md:3:13: AG005 YAML syntax error: mapping values are not allowed here; quote a value "
        "that holds ': ', or line up the keys of one mapping",
    ),
    (
        "tab indentation",
        b"---\nid: bad\ntags:\n\t- x\n---\n# Q\n\nA\n",
        "bad.md:4:1: AG005 YAML syntax error: found character '\\t' that cannot start any token; "
        "indent with spaces, not tabs",
    ),
    (
        "unclosed quote",
        b'---\nid: bad\nnote: "abc\n---\n# Q\n\nA\n',
        "bad.md:3:11: AG005 YAML syntax error: found unexpected end of stream; "
        "close the quoted value",
    ),
    (
        "not a mapping",
        b"---\n- id\n---\n# Q\n\nA\n",
        "bad.md:2:1: AG006 expected a YAML mapping of 'key: value' lines",
    ),
    (
        "unknown key",
        b"---\nid: bad\ntgas: [x]\n---\n# Q\n\nA\n",
        "bad.md:3:1: AG010 unknown key 'tgas': did you mean 'tags'?",
    ),
    (
        "unknown nested key",
        b"---\nid: bad\nsource: {doc: s, qestion: 2}\n---\n# Q\n\nA\n",
        "bad.md:3:9: AG011 missing required key 'source.question'\n"
        "bad.md:3:18: AG010 unknown key 'source.qestion': did you mean 'question'?",
    ),
    (
        "missing id",
        b"---\ntype: basic\n---\n# Q\n\nA\n",
        "bad.md:2:1: AG011 missing required key 'id'",
    ),
    (
        "bad id",
        b"---\nid: Bad_Id\n---\n# Q\n\nA\n",
        "bad.md:2:5: AG012 invalid 'id' 'Bad_Id': use lowercase letters, digits and '-', starting "
        "with a letter or digit",
    ),
    (
        "wrong type",
        b"---\nid: bad\ntype: flashcard\n---\n# Q\n\nA\n",
        "bad.md:3:7: AG012 invalid 'type': Input should be 'basic', 'cloze' or 'code' "
        "(got 'flashcard')",
    ),
    (
        "tag with space",
        b'---\nid: bad\ntags: [ok, "not ok"]\n---\n# Q\n\nA\n',
        "bad.md:3:12: AG012 invalid 'tags.1': String should match pattern '^[^\\s\"]+$' "
        "(got 'not ok')",
    ),
    (
        "duplicate yaml key",
        b"---\nid: bad\nid: bad\n---\n# Q\n\nA\n",
        "bad.md:3:1: AG007 duplicate key 'id': YAML keeps only the last one; remove one",
    ),
    (
        "unknown source",
        b"---\nid: bad\nsource: {doc: nope, question: 1}\n---\n# Q\n\nA\n",
        "bad.md:3:15: AG021 source 'nope' is not in deck.yaml: add it under 'sources' in deck.yaml",
    ),
    (
        "no question heading",
        b"---\nid: bad\n---\nJust text.\n",
        "bad.md:4:1: AG030 no question: the body must start with a level-1 heading '# Question?' "
        "(the front of the card)",
    ),
    (
        "text before heading",
        b"---\nid: bad\n---\nIntro.\n\n# Q\n\nA\n",
        "bad.md:4:1: AG031 text before the question heading: move it below the '# \u2026' line",
    ),
    (
        "empty front",
        b"---\nid: bad\n---\n#\n\nA\n",
        "bad.md:4:1: AG032 empty question: write the question after '# '",
    ),
    (
        "empty back",
        b"---\nid: bad\n---\n# Q\n",
        "bad.md:4:1: AG032 empty answer: write the answer below the question heading",
    ),
    (
        "cloze without deletion",
        b"---\nid: bad\ntype: cloze\n---\nNothing hidden.\n",
        "bad.md:5:1: AG033 cloze note without a cloze: mark hidden text as {{c1::text}}, or use "
        "type: basic (Anki would make no card from this note)",
    ),
    (
        "unclosed cloze",
        b"---\nid: bad\ntype: cloze\n---\nA {{c1::b} c.\n",
        "bad.md:5:3: AG033 cloze is never closed: add '}}' after the hidden text",
    ),
    (
        "cloze number too large",
        b"---\nid: bad\ntype: cloze\n---\nA {{c501::b}} c.\n",
        "bad.md:5:3: AG033 cloze number too large: Anki makes cards for c1 to c500 only; "
        "renumber it",
    ),
    (
        "cloze in title",
        b"---\nid: bad\ntype: cloze\n---\n# {{c1::T}}\n\nA {{c2::b}}.\n",
        "bad.md:5:1: AG036 cloze inside the title heading: Anki never hides it there; move it "
        "into the text",
    ),
    (
        "cloze ends inside math",
        b"---\nid: bad\ntype: cloze\n---\n{{c1::$e^{x_{1}}$}}\n",
        "bad.md:5:15: AG038 a cloze opens or ends inside math or code: Anki ends a cloze at the "
        "first '}}', so write '} }' for braces inside math, or put the whole cloze inside or "
        "outside the math/code",
    ),
    (
        "code note without code",
        b"---\nid: bad\ntype: code\n---\n# Q\n\nNo code.\n",
        "bad.md:5:1: AG034 code note without a fenced code block: add ```python (or another "
        "language) around the code, or use type: basic",
    ),
    (
        "javascript link",
        b"---\nid: bad\n---\n# Q\n\n[x](javascript:alert(1))\n",
        "bad.md:6:5: AG041 link 'javascript:alert(1)' is not allowed: links must start with "
        "http://, https:// or mailto:",
    ),
    (
        "math link command",
        b"---\nid: bad\n---\n# Q\n\n$\\href{javascript:alert(1)}{x}$\n",
        "bad.md:6:2: AG042 math command '\\href' is not allowed: it can carry links, styles or "
        "scripts past the sanitiser; write the math without it",
    ),
    (
        "image outside content",
        b"---\nid: bad\n---\n# Q\n\n![x](../../../etc/passwd)\n",
        "bad.md:6:6: AG040 image '../../../etc/passwd': image path leads outside the content "
        "folder (through '..' or a symlink)",
    ),
    (
        "remote image",
        b"---\nid: bad\n---\n# Q\n\n![x](https://example.org/a.png)\n",
        "bad.md:6:6: AG040 image 'https://example.org/a.png': remote or non-file image URL: "
        "images must be files inside the deck folder",
    ),
    (
        "missing image",
        b"---\nid: bad\n---\n# Q\n\n![x](img/none.png)\n",
        "bad.md:6:6: AG040 image 'img/none.png': image file not found: img/none.png",
    ),
    (
        "not utf-8",
        b"---\nid: bad\n---\n# Q\n\ncaf\xe9\n",
        "bad.md:6:4: AG001 file is not valid UTF-8 (byte 0xe9); save it with UTF-8 encoding",
    ),
    (
        "NUL character",
        b"---\nid: bad\n---\n# Q\n\nA\x00B\n",
        "bad.md:6:2: AG051 NUL character (U+0000) in the text: remove it (it is invisible)",
    ),
    (
        "reserved character",
        "---\nid: bad\n---\n# Q\n\nx\ue000\n".encode(),
        "bad.md:6:2: AG050 reserved character U+E000: remove it",
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"), [(c, e) for _, c, e in CASES], ids=[name for name, _, _ in CASES]
)
def test_bad_note_is_reported_and_nothing_is_written(
    deck_dir: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (deck_dir / "bad.md").write_bytes(content)
    write(deck_dir / "good.md", "---\nid: good\n---\n# Q\n\nA\n")
    out = deck_dir.parent.parent / "build"
    monkeypatch.chdir(deck_dir)
    assert main(["build", str(deck_dir), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    # Structural errors only: lint warnings about the same text are not what this tests.
    structural = [line for line in captured.out.splitlines() if ": AG0" in line]
    assert structural == expected.splitlines()
    assert "nothing written" in captured.err
    assert "Traceback" not in captured.out + captured.err
    assert not out.exists() or os.listdir(out) == []


def test_duplicate_id_points_at_the_second_file(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(deck_dir / "a.md", "---\nid: same\n---\n# Q\n\nA\n")
    write(deck_dir / "b.md", "---\ntags: [x]\nid: same\n---\n# Q\n\nA\n")
    monkeypatch.chdir(deck_dir)
    assert main(["validate", "."]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "b.md:3:5: AG020 duplicate id 'same': already used by a.md; "
        "ids must be unique within a deck"
    ]


def test_all_problems_of_a_run_are_reported_sorted(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(deck_dir / "z.md", "---\nid: z\ntpye: code\n---\n# Q\n\nA\n")
    write(deck_dir / "a.md", "---\nid: a\n---\nno heading\n")
    write(deck_dir / "deck.yaml", "name: D\ndescripton: x\n")
    monkeypatch.chdir(deck_dir)
    assert main(["validate", "."]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "a.md:4:1: AG030 no question: the body must start with a level-1 heading '# Question?' "
        "(the front of the card)",
        "deck.yaml:2:1: AG010 unknown key 'descripton': did you mean 'description'?",
        "z.md:3:1: AG010 unknown key 'tpye': did you mean 'type'?",
    ]


def test_folder_of_notes_without_deck_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "content" / "lost" / "a.md", "---\nid: a\n---\n# Q\n\nA\n")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "content"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/lost:1:1: AG002 folder has notes but no deck.yaml: add one (name, description, "
        "sources) or move the notes into a deck folder"
    ]
    assert not (tmp_path / "build").exists()


def test_kept_guid_is_used_and_must_be_unique(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(deck_dir / "a.md", "---\nid: a\nguid: 'Ab3#x!'\n---\n# Q\n\nA\n")
    write(deck_dir / "b.md", "---\nid: b\nguid: 'Ab3#x!'\n---\n# Q2\n\nA\n")
    monkeypatch.chdir(deck_dir)
    assert main(["validate", "."]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "b.md:2:5: AG024 GUID Ab3#x! collides with "
        f"{deck_dir / 'a.md'}: two notes would be one in Anki; change the id, or the 'guid' of "
        "an imported note"
    ]
