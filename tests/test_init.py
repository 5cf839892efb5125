"""`ankigen init`: a new deck repository builds for real (subprocess, then a real Anki import),
lints clean, refuses to overwrite, and its pre-commit config runs ankigen's own hook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.cli import main
from ankigen.tools.init import EXAMPLE_NOTE, InitError, init_repository
from tests.conftest import REPO, TEMPLATE_ERROR, AnkiCollection

INIT_FILES = [
    ".github/workflows/ankigen.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "content/my-deck/deck.yaml",
    f"content/my-deck/{EXAMPLE_NOTE}",
    "pyproject.toml",
]


def ankigen(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command line, as a user runs it (a fresh interpreter in ``folder``)."""
    return subprocess.run(
        [sys.executable, "-m", "ankigen", *args],
        cwd=folder,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in files_under(folder)}


def test_a_new_repository_builds_and_imports_into_anki(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    folder = tmp_path / "decks"

    created = ankigen(tmp_path, "init", "decks")
    assert created.returncode == 0, created.stderr
    assert files_under(folder) == INIT_FILES
    assert "cd decks" in created.stdout and "git init" in created.stdout

    built = ankigen(folder, "build")

    assert built.returncode == 0, built.stderr
    assert built.stdout == "wrote build/my-deck.apkg: 1 notes, 1 cards\n"
    assert built.stderr == ""  # no lint finding, not even a warning
    log = anki.import_package(folder / "build" / "my-deck.apkg")
    assert len(log.new) == 1
    (card_id,) = anki.col.find_cards("")
    card = anki.col.get_card(card_id)
    rendered = card.render_output()
    assert "What does spaced repetition schedule?" in rendered.question_text
    assert "shortly before you would forget it" in rendered.answer_text
    assert TEMPLATE_ERROR not in rendered.answer_text
    assert anki.col.decks.name(card.did) == "My Deck"
    assert sorted(anki.col.get_note(card.nid).tags) == ["difficulty::easy", "topic::learning"]


def test_lint_and_validate_pass_and_the_policy_is_on(tmp_path: Path) -> None:
    assert ankigen(tmp_path, "init").returncode == 0

    linted = ankigen(tmp_path, "lint")
    validated = ankigen(tmp_path, "validate")

    assert (linted.returncode, linted.stdout, linted.stderr) == (0, "", "")
    assert validated.returncode == 0 and validated.stderr == "ok: 1 deck(s), 1 note(s)\n"
    # The generated pyproject.toml asks every note for a source and topic/difficulty tags.
    note = tmp_path / "content" / "my-deck" / EXAMPLE_NOTE
    note.write_text(note.read_text("utf-8").replace("topic::learning, ", ""), encoding="utf-8")
    refused = ankigen(tmp_path, "build")
    assert refused.returncode == 1
    assert f"content/my-deck/{EXAMPLE_NOTE}:4:7: AG012 no tag starts with 'topic::'" in (
        refused.stdout
    )
    assert not list((tmp_path / "build").glob("*.apkg"))


def test_deck_name_and_slug_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["init", str(tmp_path / "a"), "--deck-name", "Deep Learning::Keras"])
    assert code == 0
    deck = tmp_path / "a" / "content" / "deep-learning-keras" / "deck.yaml"
    assert yaml.safe_load(deck.read_text("utf-8"))["name"] == "Deep Learning::Keras"

    assert main(["init", str(tmp_path / "b"), "--deck", "dl-keras"]) == 0
    deck = tmp_path / "b" / "content" / "dl-keras" / "deck.yaml"
    assert yaml.safe_load(deck.read_text("utf-8"))["name"] == "Dl Keras"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--deck", "My_Deck"], "deck slug 'My_Deck' is not valid"),
        (["--deck-name", 'The "best" deck'], "cannot be used: a deck name must not contain"),
        (["--deck-name", "Parent::"], "every part of a deck name"),
    ],
)
def test_unusable_deck_names_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    assert main(["init", str(tmp_path / "new"), *options]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_existing_files_are_listed_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'mine'\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    before = snapshot(tmp_path)

    code = main(["init", str(tmp_path)])

    err = capsys.readouterr().err
    assert code == 1
    assert "these files exist already, so nothing was written" in err
    assert f"  {tmp_path / '.pre-commit-config.yaml'}\n  {tmp_path / 'pyproject.toml'}\n" in err
    assert "--force" in err
    assert snapshot(tmp_path) == before


def test_force_overwrites(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'mine'\n")

    assert main(["init", str(tmp_path), "--force"]) == 0

    assert "[tool.ankigen]" in (tmp_path / "pyproject.toml").read_text("utf-8")


def test_a_non_empty_folder_keeps_its_files_and_gitignore_gets_build(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    (tmp_path / ".gitignore").write_text("*.pyc")  # no final newline

    assert main(["init", str(tmp_path)]) == 0

    assert (tmp_path / "notes.txt").read_text() == "mine\n"
    assert (tmp_path / ".gitignore").read_text().startswith("*.pyc\n")
    assert "/build/" in (tmp_path / ".gitignore").read_text().splitlines()
    assert main(["init", str(tmp_path / "again")]) == 0
    (tmp_path / "again" / ".gitignore").write_text("build/\n")
    result = init_repository(tmp_path / "again", "other", "Other", force=True)
    assert result.gitignore == "kept"
    assert (tmp_path / "again" / ".gitignore").read_text() == "build/\n"


def test_in_a_git_repository_no_git_init_is_suggested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)

    assert main(["init"]) == 0

    out = capsys.readouterr().out
    assert "git init" not in out and "cd " not in out
    assert "wrote pyproject.toml\n" in out
    assert 'ankigen new my-deck "Your question?"' in out


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / ".github").write_text("a file where a folder must go")
    before = snapshot(tmp_path)

    with pytest.raises(InitError, match="nothing was written"):
        init_repository(tmp_path, "my-deck", "My Deck")

    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".github"]


def test_a_file_as_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "decks").write_text("")
    assert main(["init", str(tmp_path / "decks")]) == 2  # click: not a folder
    assert "is a file" in capsys.readouterr().err


def manifest_hooks() -> dict[str, dict[str, Any]]:
    manifest: list[dict[str, Any]] = yaml.safe_load(
        (REPO / ".pre-commit-hooks.yaml").read_text("utf-8")
    )
    return {hook["id"]: hook for hook in manifest}


def test_pre_commit_config_runs_the_hook_ankigen_ships(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 0
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))

    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    shipped = manifest_hooks()[hook["id"]]
    assert repo["repo"] == "local" and hook["language"] == "system"
    for key in ("name", "entry", "require_serial"):
        assert hook[key] == shipped[key], key
    assert hook["files"] == r"^content/.*\.md$"


def test_pre_commit_config_is_valid_for_pre_commit(tmp_path: Path) -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    assert main(["init", str(tmp_path)]) == 0

    loaded = clientlib.load_config(str(tmp_path / ".pre-commit-config.yaml"))

    assert loaded["repos"][0]["hooks"][0]["id"] == "ankigen-lint"
