"""Note mod times from the whole git history: strictly later for every change of content.

Anki updates a note on import only when the incoming mod time is newer than its copy. A
commit's own time cannot promise that: merges bring older commits onto the branch, clocks
are wrong, rebases keep old dates, and two commits can share a second. So the history is
replayed, oldest commit first, with every file's content (blob) at every commit:

* a file whose content equals what the newest of its parents had keeps that parent's mod
  (a rebuild, or a merge that kept the published text, updates nothing);
* any other content gets ``max(commit time, newest parent mod + 1)``: later than every
  version it descends from, whatever the commit's date.

A note shows its ``deck.yaml`` too (citation, deck tags), so a note's content is the pair
(note blob, deck.yaml blob), and a note's mod is never below its deck's: the package's
``max(note, deck)`` then moves exactly when the pair does. With a linear history and
increasing commit times this is exactly the time of the last commit that touched the pair.

One ``git log`` pass covers all files: ``--full-history --parents`` keeps every merge and
rewrites parents past commits that touch none of the folders, ``-m --raw`` lists each
changed file with its new blob.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DECK_FILE = "deck.yaml"

# A file's state at one commit: (blob or None when absent, deck.yaml blob, mod).
Entry = tuple[str | None, str | None, int]
# A commit's state: folder -> file name -> Entry (paths as git records them, "/"-separated).
State = dict[str, dict[str, Entry]]
_ABSENT: Entry = (None, None, 0)


@dataclass
class _Commit:
    name: str
    parents: list[str]
    time: int
    blobs: dict[str, str | None] = field(default_factory=dict)  # changed path -> new blob


def git(args: list[str], cwd: Path) -> bytes | None:
    """Git's standard output, or None when git is missing or fails."""
    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except OSError:
        return None
    return completed.stdout if completed.returncode == 0 else None


def _log(root: Path, specs: list[str]) -> bytes:
    args = ["log", "--reverse", "--topo-order", "--full-history", "--parents", "-m", "--root"]
    args += ["--raw", "--no-abbrev", "--no-renames", "--no-show-signature", "-z"]
    args += ["--format=\x01%H %P %ct"]
    return git([*args, "--", *specs], root) or b""


def _commits(output: bytes) -> Iterator[_Commit]:
    """The commits of ``_log`` output, oldest first; a merge's per-parent diffs are joined."""
    current: _Commit | None = None
    tokens = iter(output.split(b"\x00"))
    for token in tokens:
        entry = token.lstrip(b"\n")
        if entry.startswith(b"\x01"):
            name, *parents, time = entry[1:].decode().split()
            if current is not None and current.name != name:
                yield current
            if current is None or current.name != name:  # -m repeats a merge per parent
                current = _Commit(name, parents, int(time))
        elif entry.startswith(b":") and current is not None:
            path = next(tokens, b"").decode("utf-8", "surrogateescape")
            new_blob = entry.split()[3].decode()
            current.blobs[path] = None if new_blob.strip("0") == "" else new_blob
    if current is not None:
        yield current


def _next_mod(time: int, content: tuple[str | None, str | None], parents: list[Entry]) -> int:
    newest = max((mod for _, _, mod in parents), default=0)
    if any(mod == newest and (blob, deck) == content for blob, deck, mod in parents):
        return newest
    return max(time, newest + 1)


def _split(path: str) -> tuple[str, str]:
    folder, _, name = path.rpartition("/")
    return folder, name


def _copy(state: State) -> State:
    return {folder: dict(files) for folder, files in state.items()}


def _candidates(commit: _Commit, own: State, others: list[State]) -> dict[str, set[str]]:
    """Per folder, the files whose entry may change at ``commit``: changed files, every file
    of a folder whose deck.yaml changed, and files on which the parents disagree."""
    found: dict[str, set[str]] = {}
    for path in commit.blobs:
        folder, name = _split(path)
        found.setdefault(folder, set()).add(name)
    for folder, names in list(found.items()):
        if DECK_FILE in names:
            names.update(own.get(folder, {}))
            for other in others:
                names.update(other.get(folder, {}))
    for other in others:
        for folder, files in other.items():
            mine = own.get(folder, {})
            if files is not mine:
                differing = {name for name, entry in files.items() - mine.items()}
                differing |= mine.keys() - files.keys()
                if differing:
                    found.setdefault(folder, set()).update(differing)
    return found


def _apply(commit: _Commit, own: State, others: list[State]) -> None:
    """Turn ``own`` (a copy of the first parent's state) into ``commit``'s state."""
    parents = [own, *others]
    for folder, names in sorted(_candidates(commit, own, others).items()):
        files = own.setdefault(folder, {})
        deck_path = f"{folder}/{DECK_FILE}" if folder else DECK_FILE
        deck_blob = commit.blobs.get(deck_path, files.get(DECK_FILE, _ABSENT)[0])
        deck_mod = 0
        for name in sorted(names, key=lambda n: n != DECK_FILE):  # deck.yaml first
            path = f"{folder}/{name}" if folder else name
            blob = commit.blobs.get(path, files.get(name, _ABSENT)[0])
            content = (blob, deck_blob if blob is not None else None)
            before = [p.get(folder, {}).get(name, _ABSENT) for p in parents]
            mod = _next_mod(commit.time, content, before)
            if name == DECK_FILE:
                deck_mod = mod
            elif blob is not None:
                mod = max(mod, deck_mod)  # a note is never older than the deck it shows
            files[name] = (*content, mod)


def replay(root: Path, specs: list[str]) -> State | None:
    """Every file's entry at HEAD (paths relative to ``root``), or None without history."""
    states: dict[str, State] = {}
    waiting: dict[str, int] = {}  # commit -> children not yet replayed
    commits = list(_commits(_log(root, specs)))
    for commit in commits:
        for parent in commit.parents:
            waiting[parent] = waiting.get(parent, 0) + 1
    last: State | None = None
    for commit in commits:
        first, *rest = commit.parents or [""]
        own = _take(states, waiting, first)
        others = [states.get(parent, {}) for parent in rest]
        _apply(commit, own, others)
        for parent in rest:
            _release(states, waiting, parent)
        states[commit.name] = last = own
    return last


def _take(states: dict[str, State], waiting: dict[str, int], parent: str) -> State:
    """The parent's state to build on: itself when no other child needs it, else a copy."""
    if parent not in states:
        return {}
    waiting[parent] -= 1
    if waiting[parent] == 0:
        return states.pop(parent)
    return _copy(states[parent])


def _release(states: dict[str, State], waiting: dict[str, int], parent: str) -> None:
    if parent in waiting:
        waiting[parent] -= 1
        if waiting[parent] == 0:
            states.pop(parent, None)


def is_shallow(root: Path) -> bool:
    output = git(["rev-parse", "--is-shallow-repository"], root)
    return output is not None and output.strip() == b"true"
