"""Shared test helpers: building decks, real Anki collections, temporary git repositories."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "sample"
CONTENT = REPO / "content"
SEEDS = REPO.parent / "shared" / "seeds"
TEMPLATE_ERROR = "templates/errors"

# A rule that fails on a note becomes a warning for users; in the tests it must fail loudly.
os.environ["ANKIGEN_RAISE_RULE_ERRORS"] = "1"
# No store of compiled patterns in the user's cache folder (tests/test_pattern_store.py tests it).
os.environ.setdefault("ANKIGEN_PATTERN_STORE", "off")


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as a module (scripts/ is not a package: mypy checks each file).

    Like running the script, scripts/ comes first on the import path, for its shared modules.
    """
    if str(REPO / "scripts") not in sys.path:
        sys.path.insert(0, str(REPO / "scripts"))
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def decoded_note_names(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names of the notes whose cache entries the check decodes from now on."""
    from ankigen.pipeline import check as check_module
    from ankigen.pipeline import note_record

    names: list[str] = []
    original = note_record.decode_outcome

    def counting(entry: Any, path: Path, *args: Any) -> Any:
        names.append(path.name)
        return original(entry, path, *args)

    monkeypatch.setattr(check_module, "decode_outcome", counting)
    return names


def note_file(note_id: str, body: str, front_matter: str = "") -> str:
    return f"---\nid: {note_id}\n{front_matter}---\n{body}"


MINIMAL_DECK = 'name: "Test Deck"\ndescription: "for tests"\n'


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    """An empty deck folder ``content/test-deck`` with a minimal deck.yaml."""
    folder = tmp_path / "content" / "test-deck"
    write(folder / "deck.yaml", MINIMAL_DECK)
    return folder


def git(repo: Path, *args: str, date: int | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{date} +0000"
    completed = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return completed.stdout


def make_repo(tmp_path: Path, source: Path, date: int) -> Path:
    """A git repository holding a copy of ``source`` as content/<name>, committed at ``date``."""
    repo = tmp_path / "repo"
    shutil.copytree(source, repo / "content" / source.name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial", date=date)
    return repo


class AnkiCollection:
    """A real, temporary Anki collection (official ``anki`` package)."""

    def __init__(self, path: Path) -> None:
        from anki.collection import Collection

        self.col: Any = Collection(str(path))

    def import_package(self, package: Path) -> Any:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        options = ImportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, merge_notetypes=False
        )
        request = ImportAnkiPackageRequest(package_path=str(package), options=options)
        return self.col.import_anki_package(request).log

    def notes_by_guid(self) -> dict[str, Any]:
        return {
            self.col.get_note(nid).guid: self.col.get_note(nid) for nid in self.col.find_notes("")
        }

    def close(self) -> None:
        self.col.close()


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[AnkiCollection]:
    collection = AnkiCollection(tmp_path / "collection.anki2")
    yield collection
    collection.close()
