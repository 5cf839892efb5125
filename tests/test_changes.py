"""`ankigen changes`: notes added, changed and removed since a git revision, per deck."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.package.update_checks import note_type_message
from ankigen.pipeline.build import build
from ankigen.pipeline.check import check
from ankigen.source.identity import note_guid
from ankigen.tools.changes import ChangesError, compare, search_query, to_json, to_markdown
from tests.conftest import CONTENT, SAMPLE, AnkiCollection, git, make_repo, note_file, write

T0 = 1_700_000_000


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _edit(deck: Path) -> None:
    """One of each kind of change, left uncommitted in the working tree."""
    _replace(deck / "list-comprehension.md", "A new **list**", "A brand-new **list**")
    _replace(deck / "python-types.md", "tags: [python]", "tags: [python, sequences]")
    _replace(deck / "squares-code.md", "type: code", "type: basic")
    (deck / "diagram.md").unlink()
    (deck / "fill-in-code.md").rename(deck / "fill-in-mode.md")  # same id: no change
    body = "# What does `{}` create in Python?\n\nAn empty **dict**, not a set.\n"
    write(deck / "set-literal.md", note_file("set-literal", body))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path, SAMPLE, T0)


def _head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def test_markdown_lists_added_changed_and_removed_notes(repo: Path) -> None:
    _edit(repo / "content" / "sample")
    report = compare("HEAD", [repo / "content"])
    guid = note_guid("sample", "diagram")
    assert to_markdown(report) == (
        f"## Note changes since `HEAD` (`{_head(repo)[:12]}`)\n"
        "\n"
        "1 added, 3 changed, 1 removed in 1 deck.\n"
        "\n"
        "### ankigen Sample (`sample`)\n"
        "\n"
        "**Added**\n"
        "\n"
        "- `set-literal`: What does {} create in Python?\n"
        "\n"
        "**Changed**\n"
        "\n"
        "- `list-comprehension`: What does a list comprehension build? (fields: Back)\n"
        "- `python-types`: A {{c1::list}} is mutable, while a {{c2::tuple::immutable sequence}} "
        "cannot cha… (tags: `+sequences`)\n"
        "- `squares-code`: How do you build the squares of the even numbers below 10 in one "
        "line? (note type: ankigen Code v1 → ankigen Basic v1)\n"
        "\n"
        "**Removed**\n"
        "\n"
        "- `diagram`: Which way does data flow in a pipeline?\n"
        f"  GUID `{guid}`, in Anki's browser: "
        '`"deck:ankigen Sample" "Front:Which way does data flow in a pipeline?"`\n'
        "\n"
        "Anki never deletes notes on import: learners who want the removed notes gone can paste "
        "each query into the browser's search bar and delete what it finds.\n"
        "\n"
        "### Changes Anki will not apply\n"
        "\n"
        f"- `sample/squares-code`: {note_type_message('ankigen Basic v1')}\n"
    )
    assert note_type_message("ankigen Basic v1").startswith(
        "note type changed to 'ankigen Basic v1': Anki reports the note as conflicting"
    )


def test_json_report_is_exact_and_canonical(repo: Path) -> None:
    _edit(repo / "content" / "sample")
    text = to_json(compare("HEAD", [repo / "content"]))
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    unchanged: dict[str, object] = {
        "fields": [],
        "tags_added": [],
        "tags_removed": [],
        "note_type_from": None,
    }
    assert data == {
        "base": "HEAD",
        "commit": _head(repo),
        "summary": {"added": 1, "changed": 3, "removed": 1},
        "problems": [],
        "warnings": [
            {
                "deck": "sample",
                "subject": "squares-code",
                "message": note_type_message("ankigen Basic v1"),
            }
        ],
        "decks": [
            {
                "slug": "sample",
                "name": "ankigen Sample",
                "renamed_from": None,
                "added": [
                    {
                        "id": "set-literal",
                        "guid": note_guid("sample", "set-literal"),
                        "path": "content/sample/set-literal.md",
                        "text": "What does {} create in Python?",
                    }
                ],
                "changed": [
                    {
                        **unchanged,
                        "id": "list-comprehension",
                        "guid": note_guid("sample", "list-comprehension"),
                        "path": "content/sample/list-comprehension.md",
                        "text": "What does a list comprehension build?",
                        "fields": ["Back"],
                        "note_type": "ankigen Basic v1",
                    },
                    {
                        **unchanged,
                        "id": "python-types",
                        "guid": note_guid("sample", "python-types"),
                        "path": "content/sample/python-types.md",
                        "text": "A {{c1::list}} is mutable, while a "
                        "{{c2::tuple::immutable sequence}} cannot cha…",
                        "tags_added": ["sequences"],
                        "note_type": "ankigen Cloze v1",
                    },
                    {
                        **unchanged,
                        "id": "squares-code",
                        "guid": note_guid("sample", "squares-code"),
                        "path": "content/sample/squares-code.md",
                        "text": "How do you build the squares of the even numbers below 10 "
                        "in one line?",
                        "note_type": "ankigen Basic v1",
                        "note_type_from": "ankigen Code v1",
                    },
                ],
                "removed": [
                    {
                        "id": "diagram",
                        "guid": note_guid("sample", "diagram"),
                        "path": "content/sample/diagram.md",
                        "text": "Which way does data flow in a pipeline?",
                        "search": '"deck:ankigen Sample" '
                        '"Front:Which way does data flow in a pipeline?"',
                    }
                ],
            }
        ],
    }


def test_renamed_file_that_keeps_its_id_is_no_change(repo: Path) -> None:
    deck = repo / "content" / "sample"
    (deck / "softmax.md").rename(deck / "softmax-probabilities.md")
    report = compare("HEAD", [repo / "content"])
    assert report.decks == ()
    assert to_markdown(report).endswith("\n\nNo notes added, changed or removed.\n")


def test_removed_tag_and_older_revision(repo: Path) -> None:
    _replace(repo / "content" / "sample" / "softmax.md", "tags: [math]", "tags: []")
    git(repo, "commit", "-qam", "untag", date=T0 + 60)
    assert compare("HEAD", [repo / "content"]).decks == ()  # the working tree is HEAD
    (deck,) = compare("HEAD~1", [repo / "content"]).decks
    (note,) = deck.changed
    assert (note.id, note.tags_removed, note.tags_added, note.fields) == (
        "softmax",
        ("math",),
        (),
        (),
    )


def test_note_file_or_deck_folder_compares_the_whole_deck(repo: Path) -> None:
    _edit(repo / "content" / "sample")
    content = repo / "content"
    expected = compare("HEAD", [content])
    assert compare("HEAD", [content / "sample"]) == expected
    assert compare("HEAD", [content / "sample" / "softmax.md"]) == expected


def test_decks_added_removed_and_renamed(repo: Path) -> None:
    extra = repo / "content" / "extra"
    write(extra / "deck.yaml", 'name: "Extra"\ndescription: "more"\n')
    write(extra / "one.md", note_file("one", "# One?\n\nYes.\n"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "extra deck", date=T0 + 60)
    shutil.rmtree(extra)
    write(repo / "content" / "fresh" / "deck.yaml", 'name: "Fresh"\ndescription: "new"\n')
    write(repo / "content" / "fresh" / "two.md", note_file("two", "# Two?\n\nYes.\n"))
    _replace(repo / "content" / "sample" / "deck.yaml", '"ankigen Sample"', '"ankigen Examples"')
    report = compare("HEAD", [repo / "content"])
    summary = [
        (d.slug, d.name, d.renamed_from, [n.id for n in d.added], [n.id for n in d.removed])
        for d in report.decks
    ]
    assert summary == [
        ("extra", "Extra", None, [], ["one"]),
        ("fresh", "Fresh", None, ["two"], []),
        ("sample", "ankigen Examples", "ankigen Sample", [], []),
    ]
    assert report.decks[2].changed == ()  # the deck name is not part of any note
    assert "### ankigen Examples (`sample`, renamed from ankigen Sample)\n" in to_markdown(report)


def test_content_errors_are_reported_and_not_counted_as_changes(repo: Path) -> None:
    deck = repo / "content" / "sample"
    write(deck / "broken.md", note_file("broken", "No heading here.\n"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "broken note", date=T0 + 60)
    write(deck / "broken.md", note_file("broken", "# Fixed?\n\nYes.\n"))
    _replace(deck / "list-comprehension.md", "# What does", "What does")
    report = compare("HEAD", [repo / "content"])
    # Neither note counts as added or removed: each exists on both sides, broken on one.
    assert report.decks == ()
    assert [(p.side, p.path, p.code) for p in report.problems] == [
        ("base", "content/sample/broken.md", "AG030"),
        ("working tree", "content/sample/list-comprehension.md", "AG030"),
    ]
    markdown = to_markdown(report)
    assert "### Content errors\n" in markdown
    assert "- working tree: `content/sample/list-comprehension.md:7:1` AG030 no question" in (
        markdown
    )


def test_unknown_revision_and_no_repository_are_changes_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(ChangesError, match="unknown git revision 'no-such-rev'"):
        compare("no-such-rev", [repo / "content"])
    with pytest.raises(ChangesError, match="unknown git revision '--output=x'"):
        compare("--output=x", [repo / "content"])
    plain = tmp_path / "plain"
    shutil.copytree(SAMPLE, plain / "sample")
    with pytest.raises(ChangesError, match="not inside a git repository"):
        compare("HEAD", [plain])


def test_cli(
    repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _edit(repo / "content" / "sample")
    report = compare("HEAD", [repo / "content"])
    capsys.readouterr()
    assert main(["changes", str(repo / "content")]) == 0
    assert capsys.readouterr().out == to_markdown(report)
    monkeypatch.chdir(repo)  # the default PATHS: ./content
    assert main(["changes", "--format", "json", "--base", "HEAD"]) == 0
    assert capsys.readouterr().out == to_json(report)
    assert main(["changes", "--base", "no-such-rev"]) == 2
    assert "unknown git revision 'no-such-rev'" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLE, tmp_path / "plain" / "sample")
    assert main(["changes", "plain"]) == 2
    assert "not inside a git repository" in capsys.readouterr().err


def _found(anki: AnkiCollection, query: str) -> list[str]:
    return sorted(anki.col.get_note(nid).guid for nid in anki.col.find_notes(query))


def test_removed_notes_search_finds_them_in_a_real_collection(
    repo: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    deck = repo / "content" / "sample"
    # A front that is only markup (an image) is searched for by that markup.
    write(deck / "picture.md", note_file("picture", "# ![pipeline](img/pipeline.svg)\n\nA.\n"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "picture", date=T0 + 60)
    result = build([repo / "content"], tmp_path / "out")
    assert result.outputs, result.lint.diagnostics
    anki.import_package(result.outputs[0])
    removed = ("diagram", "fill-in-code", "picture", "softmax", "squares-code")
    for name in removed:  # basic, cloze with code, image only, cloze with math, code
        (deck / f"{name}.md").unlink()
    (sample,) = compare("HEAD", [repo / "content"]).decks
    assert tuple(note.id for note in sample.removed) == removed
    assert '"Front:<img src=\\"' in sample.removed[2].search
    for note in sample.removed:
        assert _found(anki, note.search) == [note.guid], note.search


def test_search_query_finds_exactly_each_bundled_note(tmp_path: Path, anki: AnkiCollection) -> None:
    result = build([CONTENT, SAMPLE], tmp_path / "out")
    assert result.outputs, result.lint.diagnostics
    for package in result.outputs:
        anki.import_package(package)
    checked = check([CONTENT, SAMPLE]).decks  # a build keeps no rendered notes
    assert sum(len(deck.notes) for deck in checked) > 150
    for deck in checked:
        for note in deck.notes:
            query = search_query(deck.deck.spec.config.name, note)
            assert _found(anki, query) == [note.guid], query


def test_anki_has_no_guid_search(tmp_path: Path, anki: AnkiCollection) -> None:
    """Why the queries search by deck and first field: 'guid:' is not part of Anki's syntax."""
    result = build([SAMPLE], tmp_path / "out")
    anki.import_package(result.outputs[0])
    assert anki.col.find_notes(f"guid:{note_guid('sample', 'diagram')}") == []
    assert len(anki.col.find_notes("deck:*")) == 6
