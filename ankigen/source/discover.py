"""Which folders are decks and which files are notes: plain file-system rules, no parsing.

Kept free of heavy imports so that the up-to-date check of a build can use it too. Nothing
here raises for what it finds on disk: an unreadable folder, a broken or looping symlink, a
file name that is not UTF-8 or a file that looks like a note but would be skipped (``X.MD``, a
folder called ``x.md``, a note outside any deck folder) is a located diagnostic, so no note is
ever left out in silence.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic

DECK_FILE = "deck.yaml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NOTE_SUFFIX = ".md"


def _is_file(path: Path) -> bool:
    """``Path.is_file`` that answers False instead of raising (permissions, symlink loops)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _visible(name: str) -> bool:
    return not name.startswith((".", "_"))


def _utf8_name(name: str) -> bool:
    """Whether a file name decoded from the file system is valid UTF-8 (Python keeps bytes
    it cannot decode as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """A file name as a person can read it, its non-UTF-8 bytes written as ``\\xe9``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _is_note_entry(entry: os.DirEntry[str]) -> bool:
    if not (entry.name.endswith(NOTE_SUFFIX) and _visible(entry.name)):
        return False
    if not _utf8_name(entry.name):
        return False
    try:
        return entry.is_file()
    except OSError:  # a symlink loop, a name too long: reported by find_deck_folders
        return False


def note_names(folder: str) -> list[tuple[str, bool]]:
    """(name, is a symlink) of each note file in a deck folder, sorted by name: visible
    regular files (or symlinks to one) ending in '.md' with a UTF-8 name, found with one
    directory read. An unreadable folder has none: ``find_deck_folders`` reports it."""
    try:
        with os.scandir(folder) as entries:
            found = [(entry.name, entry.is_symlink()) for entry in entries if _is_note_entry(entry)]
    except OSError:
        return []
    return sorted(found)


def note_files(folder: Path) -> list[Path]:
    """The note files of a deck folder, sorted."""
    return [folder / name for name, _ in note_names(str(folder))]


def _unreadable_folder(folder: Path, error: OSError) -> Diagnostic:
    reason = error.strerror or str(error)
    return Diagnostic(
        folder,
        1,
        1,
        CheckCode.UNREADABLE_FILE,
        f"cannot read folder: {reason}: make it readable (chmod u+rx) or move it out of the "
        "content folder",
    )


def _entries(folder: Path) -> tuple[list[os.DirEntry[str]], list[Diagnostic]]:
    """The entries of a folder, or the diagnostic saying why it cannot be read."""
    try:
        with os.scandir(folder) as scanned:
            return list(scanned), []  # diagnostics are sorted in the end
    except OSError as error:
        return [], [_unreadable_folder(folder, error)]


def _broken_link(entry: os.DirEntry[str]) -> str | None:
    """Why a symlinked note cannot be followed, or None when it can."""
    try:
        os.stat(entry.path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symlink loop (the link leads back to itself): point it at a real note file"
        if error.errno == errno.ENOENT:
            return "symlink to a missing file: fix the link or remove it"
        return f"cannot follow symlink: {error.strerror}: fix the link or remove it"
    return None


def _entry_is_dir(entry: os.DirEntry[str]) -> bool:
    """``DirEntry.is_dir`` (no system call for most entries) that never raises."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _entry_problem(entry: os.DirEntry[str]) -> tuple[str, str] | None:
    """(code, message) for an entry of a deck folder that would otherwise be skipped silently."""
    name = entry.name
    if not (_visible(name) and name.lower().endswith(NOTE_SUFFIX)):
        return None
    if not _utf8_name(name):
        return (
            CheckCode.UNREADABLE_FILE,
            "name is not valid UTF-8: rename it (UTF-8 characters only)",
        )
    if entry.is_symlink():
        broken = _broken_link(entry)
        if broken is not None:
            return CheckCode.UNREADABLE_FILE, broken
    if _entry_is_dir(entry):
        return CheckCode.SKIPPED_FILE, "a folder named like a note is skipped: rename it (no '.md')"
    if not name.endswith(NOTE_SUFFIX):
        fixed = name[: -len(NOTE_SUFFIX)] + NOTE_SUFFIX
        return (
            CheckCode.SKIPPED_FILE,
            f"note files end in lowercase '.md', so this one is skipped: rename it to {fixed}",
        )
    return None


def _looks_like_note(path: Path) -> bool:
    """A Markdown file that opens with front matter, as notes do (a README does not)."""
    try:
        with path.open("rb") as file:
            return file.read(3) == b"---"
    except OSError:
        return False


def _stray_note(path: Path) -> Diagnostic:
    return Diagnostic(
        path,
        1,
        1,
        CheckCode.SKIPPED_FILE,
        "note outside any deck folder is skipped: move it into a deck folder (a folder with "
        f"{DECK_FILE}) under the content folder",
    )


def _deck_folder_problems(folder: Path) -> list[Diagnostic]:
    entries, diagnostics = _entries(folder)
    for entry in entries:
        problem = _entry_problem(entry)
        if problem is not None:  # a Path only for the few entries with a problem: it is slow
            code, message = problem
            diagnostics.append(Diagnostic(folder / shown_name(entry.name), 1, 1, code, message))
    return diagnostics


def _content_folder(path: Path, folders: set[Path], diagnostics: list[Diagnostic]) -> None:
    """Deck folders of a content folder into ``folders``; its problems into ``diagnostics``."""
    entries, problems = _entries(path)
    diagnostics += problems
    for entry in entries:
        child = path / entry.name
        if not _visible(entry.name):
            continue
        if not _utf8_name(entry.name):
            diagnostics.append(
                Diagnostic(
                    path / shown_name(entry.name),
                    1,
                    1,
                    CheckCode.UNREADABLE_FILE,
                    "name is not valid UTF-8: rename it (UTF-8 characters only)",
                )
            )
            continue
        if not _is_dir(child):
            if entry.name.lower().endswith(NOTE_SUFFIX) and _looks_like_note(child):
                diagnostics.append(_stray_note(child))
            continue
        if _is_file(child / DECK_FILE):
            folders.add(child)
            continue
        inside, problems = _entries(child)
        diagnostics += problems
        if any(
            entry.name.lower().endswith(NOTE_SUFFIX) and _visible(entry.name) for entry in inside
        ):
            diagnostics.append(
                Diagnostic(
                    child,
                    1,
                    1,
                    CheckCode.MISSING_DECK_YAML,
                    f"folder has notes but no {DECK_FILE}: add one (name, description, "
                    "sources) or move the notes into a deck folder",
                )
            )


def _resolved(raw: Path) -> Path | Diagnostic:
    try:
        return raw.resolve()
    except (OSError, RuntimeError):  # a symlink loop on the command line
        return Diagnostic(
            raw, 1, 1, CheckCode.UNREADABLE_FILE, "cannot resolve path (a symlink loop?): fix it"
        )


def find_deck_folders(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Deck folders for the given files, deck folders or content folders; sorted, unique."""
    folders: set[Path] = set()
    diagnostics: list[Diagnostic] = []
    for raw in paths:
        path = _resolved(raw)
        if isinstance(path, Diagnostic):
            diagnostics.append(path)
        elif _is_file(path):
            folders.add(path.parent)
        elif _is_file(path / DECK_FILE):
            folders.add(path)
        elif _is_dir(path):
            _content_folder(path, folders, diagnostics)
        else:
            try:
                os.stat(path)
            except OSError as error:
                if error.errno != errno.ENOENT:  # a missing path finds nothing, as before
                    diagnostics.append(_unreadable_folder(path, error))
    decks = []
    for folder in sorted(folders):
        if _is_file(folder / DECK_FILE):
            decks.append(folder)
            diagnostics += _deck_folder_problems(folder)
        else:
            diagnostics.append(
                Diagnostic(
                    folder,
                    1,
                    1,
                    CheckCode.MISSING_DECK_YAML,
                    f"deck folder has no {DECK_FILE}: add one",
                )
            )
    return decks, sorted(diagnostics, key=lambda diagnostic: diagnostic.sort_key)


class SourceFiles:
    """What one run has read of its source files, handed from the up-to-date check to the
    build: a digest of each note's bytes (not the bytes: a note waits from this listing to
    its check, and 100,000 notes' bytes would all wait at once) and the files' modification
    times, each given out once (so memory does not grow with the run)."""

    def __init__(self) -> None:
        # Path -> ``cache.files.content_digest`` of the bytes the up-to-date check read.
        self._digests: dict[str, bytes] = {}
        # Path -> the id and GUID lines its front matter states, read of the same bytes (a
        # build's; ``source.identity.stated_identity``): a deck record is checked against
        # them without the note file being read again.
        self._identities: dict[str, Any] = {}
        self.times: dict[str, int] | None = None  # resolved path -> time, when computed
        # Resolved path -> the file's stamp (``package.timestamps.FileStamp``) taken when
        # its bytes were read, for every file: set once the reading is complete.
        self.stamps: dict[str, bytes] | None = None
        # Deck folder -> its ``note_names``, as the up-to-date check listed them: the check
        # takes its note files from the same listing, not from a second directory read.
        self._listings: dict[str, list[tuple[str, bool]]] = {}

    def keep(self, path: str, content: bytes, identity: Any = None) -> None:
        """Keep the ``content_digest`` of the bytes read of ``path`` (and, for a build, the
        identity its front matter states in those bytes)."""
        self._digests[path] = content
        if identity is not None:
            self._identities[path] = identity

    def identity(self, path: Path) -> Any:
        """The identity kept for ``path`` (given out once), or None."""
        return self._identities.pop(str(path), None)

    def keep_listing(self, folder: str, names: list[tuple[str, bool]]) -> None:
        self._listings[folder] = names

    def note_files(self, folder: Path) -> list[Path]:
        """``note_files(folder)``, from the listing the up-to-date check made (given out
        once), else read now."""
        names = self._listings.pop(str(folder), None)
        if names is None:
            return note_files(folder)
        return [folder / name for name, _ in names]

    def take_stamps(self) -> dict[str, bytes] | None:
        """The stamps of the files read (None when not taken), forgotten here."""
        stamps, self.stamps = self.stamps, None
        return stamps

    def take_times(self) -> dict[str, int] | None:
        """The modification times (None when not computed), forgotten here."""
        times, self.times = self.times, None
        return times

    def content(self, path: Path) -> bytes | None:
        """The digest of the bytes the up-to-date check read of ``path`` (given out once), or
        None when it did not read it: the check reads the file again and makes sure it still
        has those bytes."""
        return self._digests.pop(str(path), None)
