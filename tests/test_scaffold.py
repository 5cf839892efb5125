"""`ankigen new`: every scaffold validates, gets a free id, never overwrites, fails clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ankigen.cli import main
from ankigen.source.model import NOTE_ID_PATTERN, NoteType
from ankigen.tools.scaffold import MAX_ID, ScaffoldError, new_note, slugify
from tests.conftest import MINIMAL_DECK, note_file, write

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def new(capsys: pytest.CaptureFixture[str], deck: Path, question: str, *options: str) -> Path:
    code, out, err = run(capsys, "new", str(deck), question, *options)
    assert code == 0, err
    written = re.fullmatch(r"wrote (.+)\n", out)
    assert written is not None, out
    return Path(written.group(1)).resolve()


def front_matter(path: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
    return data


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the cwd) with [tool.ankigen] and one empty deck, content/test-deck."""
    write(tmp_path / "pyproject.toml", '[tool.ankigen]\ncontent = "content"\n')
    write(tmp_path / "content" / "test-deck" / "deck.yaml", MINIMAL_DECK)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content" / "test-deck"


@pytest.mark.parametrize("note_type", ["basic", "cloze", "code"])
def test_each_type_validates_and_lint_flags_only_the_placeholder(
    project: Path, capsys: pytest.CaptureFixture[str], note_type: str
) -> None:
    path = new(capsys, project, "What does dropout do during training?", "--type", note_type)

    assert path == project / "what-does-dropout-do-during-training.md"
    assert front_matter(path) == {
        "id": "what-does-dropout-do-during-training",
        "type": note_type,
        "tags": [],
    }
    assert "# What does dropout do during training?\n" in path.read_text("utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 0, err
    # The answer is a placeholder on purpose: lint (and so build) stops until it is written.
    code, out, _ = run(capsys, "lint", "--format", "concise", str(path))
    assert code == 1
    assert {line.split()[1] for line in out.splitlines()} == {"AG130"}


def test_cloze_and_code_bodies_have_their_required_parts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cloze = new(capsys, project, "Softmax outputs", "--type", "cloze")
    code = new(capsys, project, "How do you reverse a list in place?", "--type", "code")

    assert "{{c1::" in cloze.read_text("utf-8")
    assert "```python\n" in code.read_text("utf-8")


def test_deck_named_by_slug_is_found_under_the_content_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new(capsys, Path("test-deck"), "What is an epoch?")

    assert path == project / "what-is-an-epoch.md"


def test_same_question_gets_numbered_ids(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [new(capsys, project, "What is an epoch?") for _ in range(3)]

    assert [p.stem for p in paths] == [
        "what-is-an-epoch",
        "what-is-an-epoch-2",
        "what-is-an-epoch-3",
    ]
    assert [front_matter(p)["id"] for p in paths] == [p.stem for p in paths]
    code, _, err = run(capsys, "validate", str(project))
    assert code == 0, err  # no duplicate ids (AG020)


def test_id_used_by_a_differently_named_file_is_not_reused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "epoch.md", note_file("what-is-an-epoch", "# What is an epoch?\n\nOne pass.\n"))

    path = new(capsys, project, "What is an epoch?")

    assert path.stem == "what-is-an-epoch-2"
    code, _, err = run(capsys, "validate", str(project))
    assert code == 0, err


def test_existing_file_is_never_overwritten(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Not even a valid note: its name alone reserves the id.
    existing = write(project / "what-is-an-epoch.md", "my draft, not yet a note\n")

    path = new(capsys, project, "What is an epoch?")

    assert existing.read_text("utf-8") == "my draft, not yet a note\n"
    assert path.stem == "what-is-an-epoch-2"


def test_long_questions_make_ids_of_at_most_64_characters(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    question = (
        "How many iterations make one epoch of 10,000 samples at a batch size of 200 when the "
        "last batch is smaller than the others?"
    )
    first = new(capsys, project, question)
    second = new(capsys, project, question)

    for path in (first, second):
        assert len(path.stem) <= MAX_ID
        assert re.fullmatch(NOTE_ID_PATTERN, path.stem)
    assert first.stem.startswith("how-many-iterations-make-one-epoch-10000-samples")
    assert second.stem.endswith("-2")
    code, _, err = run(capsys, "validate", str(project))
    assert code == 0, err


LONG_WORD = "pneumonoultramicroscopicsilicovolcanoconiosis"


@pytest.mark.parametrize(
    ("question", "slug"),
    [
        ("What's the role of Dropout?", "whats-the-role-of-dropout"),
        ("Wie groß ist die Übergröße?", "wie-gross-ist-die-ubergrosse"),
        # The Turkish dotless i is an "i", not dropped ("Liste nas\u0131l s\u0131ralan\u0131r?").
        ("Liste nas\u0131l s\u0131ralan\u0131r?", "liste-nasil-siralanir"),
        ("What is `x[::-1]` in Python 3?", "what-is-x-1-in-python-3"),
        ("???", "note"),
        (LONG_WORD * 2, (LONG_WORD * 2)[:MAX_ID]),  # one word longer than an id: cut mid-word
    ],
)
def test_slugs(question: str, slug: str) -> None:
    assert slugify(question) == slug
    assert re.fullmatch(NOTE_ID_PATTERN, slug)


def test_a_missing_deck_is_created_with_a_name_from_its_slug(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", "deep-nets", "What is an epoch?")

    assert code == 0, err
    deck = project.parent / "deep-nets"
    assert out.splitlines() == [
        "created deck content/deep-nets: content/deep-nets/deck.yaml names it 'Deep Nets'; "
        "edit its name and description",
        "wrote content/deep-nets/what-is-an-epoch.md",
    ]
    assert yaml.safe_load((deck / "deck.yaml").read_text("utf-8")) == {
        "name": "Deep Nets",
        "description": "",
    }
    code, _, err = run(capsys, "validate")
    assert code == 0, err
    assert err.endswith("ok: 2 deck(s), 1 note(s)\n")


def test_a_new_deck_at_a_path_is_created_there(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", "other/more-cards", "What is a batch?")

    assert code == 0, err
    assert (project.parent.parent / "other" / "more-cards" / "what-is-a-batch.md").is_file()


def test_a_deck_that_cannot_be_created_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_slug = run(capsys, "new", "My_Deck", "What is an epoch?")
    bad_question = run(capsys, "new", "fresh", "{{c1::Softmax}} outputs", "--type", "cloze")

    assert bad_slug[0] == 1 and "is a slug of lowercase letters" in bad_slug[2]
    assert bad_question[0] == 1 and "nothing was written" in bad_question[2]
    assert "Traceback" not in bad_slug[2] + bad_question[2]
    assert sorted(p.name for p in project.parent.iterdir()) == ["test-deck"]


def test_dot_inside_a_deck_folder_is_that_deck(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)

    code, out, err = run(capsys, "new", ".", "What is an epoch?")

    assert code == 0, err
    assert out == "wrote what-is-an-epoch.md\n"
    assert front_matter(project / "what-is-an-epoch.md")["id"] == "what-is-an-epoch"


def test_folder_without_deck_yaml_is_a_clear_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project.parent / "drafts"
    folder.mkdir()

    code, _, err = run(capsys, "new", str(folder), "What is an epoch?")

    assert code == 1
    assert "is not a deck: it has no deck.yaml" in err
    assert list(folder.iterdir()) == []


def test_question_that_cannot_make_a_valid_note_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", str(project), "{{c1::Softmax}} outputs", "--type", "cloze")

    assert code == 1
    assert "AG036" in err
    assert "nothing was written" in err
    assert sorted(p.name for p in project.iterdir()) == ["deck.yaml"]


@pytest.mark.parametrize(
    ("question", "message"),
    [("   ", "the question is empty"), ("What is\nan epoch?", "must be a single line")],
)
def test_unusable_questions_are_refused(project: Path, question: str, message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        new_note(project, question, NoteType.BASIC)
