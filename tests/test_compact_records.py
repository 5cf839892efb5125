"""What a check keeps of each note for the whole run is a compact entry, not the note: the
cross-file checks, lint and the tools get the same answers from it, and findings kept for the
run encode to the same data as the ones the rules made; a deck's cache pack, written piece by
piece, has the bytes of one dump."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from ankigen.cache.files import FORMAT, _read_checked, _write_checked
from ankigen.diagnostics import Diagnostic, Fix, Severity, diagnostic_to_json
from ankigen.lint.document import LintDocument
from ankigen.lint.rule import LintConfig
from ankigen.lint.rules.duplicates import NearDuplicate
from ankigen.lint.runner import NoteLint, documents_of, lint
from ankigen.pipeline.check import check
from ankigen.source.load import DeckSpec, Note, load_note
from ankigen.source.model import DeckConfig
from ankigen.source.project import NoteEntry
from tests.conftest import write

_SOURCED = (
    "---\nid: dropout\ntags: [ml]\nsource:\n  doc: book\n  question: 3\nguid: 'a1!b2'\n---\n"
    "# What is dropout?\n\nRandomly zeroing units in training.\n"
)


_SPEC = DeckSpec("deck", Path("deck"), Path("deck/deck.yaml"), DeckConfig(name="Deck"))


def _loaded(path: Path) -> Note:
    note, problems = load_note(path)
    assert note is not None, problems
    return note


def test_an_entry_keeps_what_the_later_stages_read(tmp_path: Path) -> None:
    path = tmp_path / "content" / "deck" / "dropout.md"
    write(path, _SOURCED)
    note = _loaded(path)
    entry = NoteEntry.of(note)
    assert (entry.path, entry.id, entry.guid, entry.source) == (path, "dropout", "a1!b2", "book")
    assert entry.id_position == note.id_position == (2, 5)
    assert entry.source_position == note.source_position == (5, 8)
    same = Path(str(path))
    # The caller's path string (the one the build's stamps and times are keyed by), not a
    # copy, and no Path kept.
    assert NoteEntry.of(note, same).file is str(same)
    assert type(entry.file) is str and entry.path == path
    assert not hasattr(entry, "__dict__")  # slots: a few words per note


def test_an_entry_without_source_or_guid(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    write(path, "---\nid: plain\n---\n# Q?\n\nA.\n")
    entry = NoteEntry.of(_loaded(path))
    assert (entry.guid, entry.source) == (None, None)


def test_the_check_keeps_entries_and_the_notes_that_may_suppress(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "deck" / "deck.yaml", "name: Deck\n")
    write(content / "deck" / "a.md", "---\nid: a\n---\n# What is a tensor?\n\nAn array.\n")
    write(
        content / "deck" / "b.md",
        "---\nid: b\nlint-ignore: [AG150]\n---\n# What is ReLU?\n\nmax(0, x).\n",
    )
    result = check([content], config=LintConfig(), on_deck=lambda done: None)
    (deck,) = result.decks
    assert all(type(entry) is NoteEntry for entry in deck.deck.notes)
    assert [entry.id for entry in deck.deck.notes] == ["a", "b"]
    assert list(result.suppressing) == [content / "deck" / "b.md"]  # read whole only if it may
    note, text = result.suppressing[content / "deck" / "b.md"]
    assert note.meta.lint_ignore == ("AG150",) and text.startswith("---")
    # Lint reads the other notes' findings and inputs, not the notes.
    whole = lint(check([content]), LintConfig())
    assert lint(result, LintConfig()).diagnostics == whole.diagnostics


def test_documents_are_read_again_from_entries(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "deck" / "deck.yaml", "name: Deck\n")
    write(content / "deck" / "a.md", "---\nid: a\n---\n# What is a tensor?\n\nAn array.\n")
    built = check([content], on_deck=lambda done: None)  # keeps no rendered notes
    kept = check([content])
    (read,) = documents_of(built)
    (from_rendered,) = documents_of(kept)
    assert read.note == from_rendered.note and read.text == from_rendered.text


def test_an_encoded_note_lint_decodes_to_every_field(tmp_path: Path) -> None:
    """What a run keeps of a note's lint is one bytes object (``NoteLint.encoded``): decoded,
    every finding's every field is back (its path the note's own object, or another file's),
    and every project rule's input (AG140's front, body digest and units) is the same JSON."""
    path = tmp_path / "n.md"
    copy = Path(str(path))
    findings = (
        Diagnostic(copy, 3, 1, "AG130", "a placeholder", Severity.WARNING, rule="leftover"),
        Diagnostic(
            copy,
            7,
            2,
            "AG150",
            "doubled « word » \u2028",
            Severity.ERROR,
            7,
            9,
            "doubled",
            Fix(10, 14, "the\n"),
        ),
        Diagnostic(tmp_path / "other\udcff.md", 1, 1, "AG190", "x", Severity.WARNING, 1, 1, "r"),
    )
    document = LintDocument(path, _SOURCED, _loaded(write(path, _SOURCED)), _SPEC)
    project = {
        "AG140": NearDuplicate().note_input(document, LintConfig()),
        "AG999": {"n": [1, 2.5, None, True], "s": "é" * 30},
    }
    assert project["AG140"]["units"] and NearDuplicate().valid_input(project["AG140"])
    original = NoteLint(findings, project)
    encoded = original.encoded(path)
    assert type(encoded) is bytes
    decoded = NoteLint.decoded(path, encoded)
    assert decoded.findings == original.findings
    assert [d.path for d in decoded.findings] == [path, path, tmp_path / "other\udcff.md"]
    assert decoded.findings[0].path is path  # the note's own object, not a copy per finding
    assert [diagnostic_to_json(d) for d in decoded.findings] == [
        diagnostic_to_json(d) for d in findings
    ]
    assert json.dumps(decoded.project) == json.dumps(project)  # tuples encode as lists
    assert decoded.project["AG140"]["units"] == tuple(map(tuple, project["AG140"]["units"]))
    assert NoteLint.decoded(path, NoteLint((), {}).encoded(path)) == NoteLint((), {})
    assert decoded.encoded(path) == encoded
    # AG140 judges the decoded inputs as it judges the ones the rule made.
    other = tmp_path / "m.md"
    inputs = [(str(path), project["AG140"]), (str(other), project["AG140"])]
    kept = [
        (p, NoteLint.decoded(Path(p), NoteLint((), project).encoded(Path(p))).project["AG140"])
        for p, _ in inputs
    ]
    rule = NearDuplicate()
    assert list(rule.check_inputs(kept, LintConfig())) == list(
        rule.check_inputs(inputs, LintConfig())
    )
    assert list(rule.check_inputs(inputs, LintConfig()))  # identical bodies: a finding


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"k1": {"fields": ['<b>é</b> \u2028 "q"', "x"], "n": [1, 2.5, None, True]}, "k2": []},
        {f"key{number}": {"text": "w" * 5000, "n": number} for number in range(600)},  # > 1 block
        ["a list", {"b": 1}],
    ],
)
def test_a_pack_written_in_pieces_has_the_bytes_of_one_dump(tmp_path: Path, payload: Any) -> None:
    path = tmp_path / "pack.json"
    _write_checked(path, payload)
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    header = json.dumps({"format": FORMAT, "sha256": hashlib.sha256(body).hexdigest()})
    assert path.read_bytes() == header.encode("ascii") + b"\n" + body
    assert _read_checked(path) == payload
    assert [p.name for p in tmp_path.iterdir()] == ["pack.json"]  # no temporary file left
