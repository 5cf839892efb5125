"""`ankigen init`: start a deck repository that builds, lints clean and has CI from the start.

The files come from the package's templates (``ankigen/templates``); the workflow template is
the same file as ankigen's own workflow apart from the install step (a test holds them
together). Nothing existing is overwritten without ``force``, and nothing is left half-way:
either every file is written or none.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ankigen import __version__
from ankigen.source.discover import DECK_FILE, SLUG

DEFAULT_DECK_NAME = "My Deck"
GITIGNORE = ".gitignore"
BUILD_IGNORED = frozenset({"build", "build/", "/build", "/build/"})
EXAMPLE_NOTE = "what-does-spaced-repetition-schedule.md"
WORKFLOW = ".github/workflows/ankigen.yml"


class InitError(Exception):
    """The repository cannot be started; the message says why and what to do."""


@dataclass(frozen=True)
class InitResult:
    folder: Path
    written: tuple[Path, ...]  # in the order written
    gitignore: str  # "written", "extended" (build/ appended) or "kept" (already ignores it)
    deck_folder: Path


def template(name: str) -> str:
    """A template file shipped in the package."""
    return resources.files("ankigen").joinpath("templates", name).read_text(encoding="utf-8")


def planned_files(deck_slug: str, deck_name: str) -> dict[str, str]:
    """Relative POSIX path -> text of every file ``init`` writes (except .gitignore)."""
    deck = f"content/{deck_slug}"
    return {
        "pyproject.toml": template("pyproject.toml.tmpl"),
        f"{deck}/{DECK_FILE}": template("deck.yaml").replace(
            "{name}", json.dumps(deck_name, ensure_ascii=False)
        ),
        f"{deck}/{EXAMPLE_NOTE}": template("example-note.md"),
        WORKFLOW: template("workflow.yml").replace("{version}", __version__),
        ".pre-commit-config.yaml": template("pre-commit-config.yaml"),
    }


def deck_identity(name: str | None, slug: str | None) -> tuple[str, str]:
    """(slug, name) of the first deck: each derived from the other when only one is given."""
    from ankigen.tools.scaffold import deck_name_from_slug, slugify

    if name is None:
        name = deck_name_from_slug(slug) if slug else DEFAULT_DECK_NAME
    slug = slug if slug is not None else slugify(name)
    if not SLUG.match(slug):
        raise InitError(
            f"deck slug '{slug}' is not valid: use lowercase letters, digits and '-' "
            "(e.g. --deck my-deck)"
        )
    _check_deck_name(name)
    return slug, name


def _check_deck_name(name: str) -> None:
    from pydantic import ValidationError

    from ankigen.source.model import DeckConfig

    try:
        DeckConfig(name=name)
    except ValidationError as error:
        reason = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise InitError(f"deck name {name!r} cannot be used: {reason}") from None


def init_repository(
    folder: Path, deck_slug: str, deck_name: str, force: bool = False
) -> InitResult:
    """Write the files of a new deck repository into ``folder`` (created if missing)."""
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file: give a folder for the deck repository")
    files = {
        folder / relative: text for relative, text in planned_files(deck_slug, deck_name).items()
    }
    existing = sorted(path for path in files if path.exists())
    if existing and not force:
        listed = "\n".join(f"  {path}" for path in existing)
        raise InitError(
            f"these files exist already, so nothing was written:\n{listed}\n"
            "move them away, or run again with --force to overwrite them"
        )
    gitignore, ignore_text = _gitignore(folder / GITIGNORE)
    if ignore_text is not None:
        files[folder / GITIGNORE] = ignore_text
    written = _write_all(files)
    return InitResult(folder, written, gitignore, folder / "content" / deck_slug)


def _gitignore(path: Path) -> tuple[str, str | None]:
    """What to do with .gitignore: a new one, the old one plus /build/, or nothing."""
    if not path.exists():
        return "written", template("gitignore")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InitError(f"cannot read {path}: {error}") from None
    if any(line.strip() in BUILD_IGNORED for line in text.splitlines()):
        return "kept", None
    separator = "" if not text or text.endswith("\n") else "\n"
    return "extended", text + separator + template("gitignore")


def _write_all(files: dict[Path, str]) -> tuple[Path, ...]:
    """Write every file, or, when one fails, remove what was written and raise."""
    created_dirs: list[Path] = []
    backups: dict[Path, bytes | None] = {}
    try:
        for path, text in files.items():
            created_dirs += _make_parents(path.parent)
            backups[path] = path.read_bytes() if path.exists() else None
            path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        _undo(backups, created_dirs)
        raise InitError(
            f"cannot write {error.filename}: {error.strerror}; nothing was written"
        ) from None
    return tuple(files)


def _make_parents(folder: Path) -> list[Path]:
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    for parent in reversed(missing):
        parent.mkdir()
    return list(reversed(missing))


def _undo(backups: dict[Path, bytes | None], created_dirs: list[Path]) -> None:
    for path, old in backups.items():
        try:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        except OSError:
            pass  # best effort: the original error is what the user needs to see
    for folder in reversed(created_dirs):
        with contextlib.suppress(OSError):
            folder.rmdir()
