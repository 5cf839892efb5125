"""What changed in the notes since a git revision: added, changed and removed notes per deck.

The base revision's files are exported into a temporary folder under the same relative paths,
both trees go through ``check``, and notes are matched by GUID (deck slug + note id), exactly
as Anki matches them on import: a renamed file that keeps its id is no change at all.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from ankigen.diagnostics import Severity, display_path, printable
from ankigen.package.update_checks import (
    UpdateWarning,
    moved_note_message,
    note_type_message,
    renamed_deck_message,
)
from ankigen.pipeline.check import CheckedDeck, CheckResult, check
from ankigen.render.note import RenderedNote
from ankigen.source.identity import guid_of

BASE_SIDE = "base"
WORK_SIDE = "working tree"
TEXT_LIMIT = 80  # characters of a note's first field shown in the report
QUERY_LIMIT = 100  # literal characters of a search pattern; the rest is a wildcard


class ChangesError(Exception):
    """A problem with the request (no git, not a repository, unknown revision)."""


@dataclass(frozen=True)
class AddedNote:
    id: str
    guid: str
    path: str
    text: str


@dataclass(frozen=True)
class ChangedNote:
    id: str
    guid: str
    path: str
    text: str
    fields: tuple[str, ...]  # fields whose rendered HTML differs, in note type order
    tags_added: tuple[str, ...]
    tags_removed: tuple[str, ...]
    note_type: str
    note_type_from: str | None  # the base's note type when it differs


@dataclass(frozen=True)
class RemovedNote:
    id: str
    guid: str
    path: str
    text: str
    search: str  # an Anki browser query that finds the note in a learner's collection


@dataclass(frozen=True)
class DeckChanges:
    slug: str
    name: str
    renamed_from: str | None
    added: tuple[AddedNote, ...]
    changed: tuple[ChangedNote, ...]
    removed: tuple[RemovedNote, ...]


@dataclass(frozen=True)
class Problem:
    side: str
    path: str
    line: int
    column: int
    code: str
    message: str


@dataclass(frozen=True)
class ChangeReport:
    base: str
    commit: str
    decks: tuple[DeckChanges, ...]  # only decks with a change, sorted by slug
    problems: tuple[Problem, ...]  # content errors: their notes are left out of the comparison
    warnings: tuple[UpdateWarning, ...] = ()  # changes Anki's import would not apply

    def count(self, kind: str) -> int:
        return sum(len(getattr(deck, kind)) for deck in self.decks)


# --- git ---------------------------------------------------------------------------------


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise ChangesError("git is not installed: 'ankigen changes' needs git") from None


def _existing(path: Path) -> Path:
    """The nearest existing folder at or above ``path`` (git needs a real working folder)."""
    for folder in (path, *path.parents):
        if folder.is_dir():
            return folder
    return Path.cwd()


def _repo_root(targets: list[Path]) -> Path:
    roots = set()
    for target in targets:
        done = _git(_existing(target), "rev-parse", "--show-toplevel")
        if done.returncode != 0:
            raise ChangesError(
                f"{target} is not inside a git repository: 'ankigen changes' compares the "
                "working tree with a git revision"
            )
        roots.add(Path(done.stdout.decode().strip()).resolve())
    if len(roots) > 1:
        raise ChangesError("the paths belong to different git repositories: name one at a time")
    return roots.pop()


def _commit(root: Path, base: str) -> str:
    done = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}")
    if done.returncode != 0 or not base:
        raise ChangesError(f"unknown git revision '{printable(base)}' in {root}")
    return done.stdout.decode().strip()


def _under(path: str, prefixes: list[PurePosixPath]) -> bool:
    pure = PurePosixPath(path)
    return any(prefix == PurePosixPath(".") or pure.is_relative_to(prefix) for prefix in prefixes)


def _blobs(root: Path, commit: str, prefixes: list[PurePosixPath]) -> list[tuple[str, str]]:
    """(object id, path) of the regular files under ``prefixes`` at ``commit``."""
    output = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit).stdout
    listing = output.decode("utf-8", "surrogateescape")  # git stores names as raw bytes
    blobs = []
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        mode, kind, object_id = meta.split()
        # Only regular files: a symlink or submodule in the history is not content.
        if kind == "blob" and mode in ("100644", "100755") and _under(path, prefixes):
            blobs.append((object_id, path))
    return blobs


def _export(root: Path, commit: str, prefixes: list[PurePosixPath], into: Path) -> None:
    """Write the files under ``prefixes`` at ``commit`` into ``into`` (same relative paths)."""
    blobs = _blobs(root, commit, prefixes)
    if not blobs:
        return
    request = "".join(f"{object_id}\n" for object_id, _ in blobs).encode()
    output = _git(root, "cat-file", "--batch", stdin=request).stdout
    offset = 0
    for _, path in blobs:
        header_end = output.index(b"\n", offset)
        size = int(output[offset:header_end].split()[2])
        content = output[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        if ".." in PurePosixPath(path).parts:
            continue
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


# --- comparison --------------------------------------------------------------------------


def _target(path: Path) -> Path:
    """A note file stands for its whole deck, as in every other command."""
    resolved = path.resolve()
    return resolved.parent if resolved.is_file() else resolved


def _plain(field: str) -> str:
    """A field's HTML as one line of text, for people reading the report."""
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", field)).split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rstrip() + "…"


def _escape_search(text: str) -> str:
    """Text matched literally by Anki's search (its wildcards are '*' and '_')."""
    return re.sub(r'([\\"*_])', r"\\\1", text)


# Markup, entities and line breaks become wildcards: a learner's Anki (or its editor) may
# store them slightly differently, and the words alone identify the note.
_MARKUP = re.compile(r"<[^>]*>|&#?\w+;|\s*[^\S ]\s*| {2,}")
_BREAKS = re.compile(r"\s*[^\S ]\s*| {2,}")


def _pattern(field: str, splitter: re.Pattern[str]) -> str:
    """``field`` as a search pattern: literal text, a wildcard for each separator, and a
    wildcard instead of whatever follows the first QUERY_LIMIT characters."""
    pieces: list[str] = []  # "" is a wildcard: literal pieces are never empty
    budget = QUERY_LIMIT
    for index, part in enumerate(splitter.split(field)):
        if index and pieces[-1:] != [""]:
            pieces.append("")
            budget -= 1
        text = part.strip(" ")
        if len(text) > budget:
            cut = text.rfind(" ", 0, budget)
            text = text[: cut if cut > 0 else max(budget, 0)].rstrip()
            pieces += [text] if text else []
            if pieces[-1:] != [""]:
                pieces.append("")
            break
        if text:
            pieces.append(text)
            budget -= len(text)
    return "".join(_escape_search(piece) if piece else "*" for piece in pieces)


def search_query(deck_name: str, note: RenderedNote) -> str:
    """An Anki browser query for ``note``: its deck and its first (sort) field.

    Anki's search has no GUID search, so the note is found by what the learner sees.
    """
    field = note.fields[0].strip()
    pattern = _pattern(field, _MARKUP)
    if not pattern.strip("*"):
        pattern = _pattern(field, _BREAKS)  # markup only (an image): match the markup itself
    name = note.note_type.fields[0]
    return f'"deck:{_escape_search(deck_name)}" "{name}:{pattern}"'


def _changed(old: RenderedNote, new: RenderedNote, root: Path) -> ChangedNote | None:
    before = dict(zip(old.note_type.fields, old.fields, strict=True))
    after = dict(zip(new.note_type.fields, new.fields, strict=True))
    names = [*new.note_type.fields, *(f for f in old.note_type.fields if f not in after)]
    fields = tuple(name for name in names if before.get(name, "") != after.get(name, ""))
    added = tuple(sorted(set(new.tags) - set(old.tags)))
    removed = tuple(sorted(set(old.tags) - set(new.tags)))
    type_from = old.note_type.name if old.note_type.id != new.note_type.id else None
    if not (fields or added or removed or type_from):
        return None
    return ChangedNote(
        new.note.meta.id,
        new.guid,
        display_path(new.note.path, root),
        _plain(new.fields[0]),
        fields,
        added,
        removed,
        new.note_type.name,
        type_from,
    )


def _loaded_guids(deck: CheckedDeck | None) -> set[str]:
    """GUIDs of every note whose front matter loaded, rendered or not."""
    if deck is None:
        return set()
    return {guid_of(deck.deck.slug, note.id, note.guid) for note in deck.deck.notes}


def _rendered(deck: CheckedDeck | None) -> dict[str, RenderedNote]:
    return {} if deck is None else {note.guid: note for note in deck.notes}


def _added(old: CheckedDeck | None, new: CheckedDeck, root: Path) -> list[AddedNote]:
    # A note that exists on both sides but does not render on one is neither added nor
    # removed: it is left out, and its error is in the report's problems.
    known = _loaded_guids(old)
    return [
        AddedNote(n.note.meta.id, n.guid, display_path(n.note.path, root), _plain(n.fields[0]))
        for n in new.notes
        if n.guid not in known
    ]


def _removed(old: CheckedDeck, new: CheckedDeck | None, root: Path) -> list[RemovedNote]:
    known = _loaded_guids(new)
    name = old.deck.spec.config.name  # where the note is in learners' collections
    return [
        RemovedNote(
            n.note.meta.id,
            n.guid,
            display_path(n.note.path, root),
            _plain(n.fields[0]),
            search_query(name, n),
        )
        for n in old.notes
        if n.guid not in known
    ]


def _compare_deck(
    slug: str, old: CheckedDeck | None, new: CheckedDeck | None, roots: tuple[Path, Path]
) -> DeckChanges:
    base_root, work_root = roots
    before, after = _rendered(old), _rendered(new)
    changed = [
        change
        for guid in sorted(before.keys() & after.keys())
        if (change := _changed(before[guid], after[guid], work_root)) is not None
    ]
    added = _added(old, new, work_root) if new else []
    removed = _removed(old, new, base_root) if old else []
    old_name = old.deck.spec.config.name if old else None
    name = new.deck.spec.config.name if new else old_name or slug
    return DeckChanges(
        slug,
        name,
        old_name if new and old_name not in (None, name) else None,
        tuple(sorted(added, key=lambda n: n.id)),
        tuple(sorted(changed, key=lambda n: n.id)),
        tuple(sorted(removed, key=lambda n: n.id)),
    )


def _problems(side: str, result: CheckResult, root: Path) -> list[Problem]:
    return [
        Problem(side, display_path(d.path, root), d.line, d.column, d.code, printable(d.message))
        for d in result.diagnostics
        if d.severity is Severity.ERROR
    ]


def _report(
    base: str, commit: str, old: CheckResult, new: CheckResult, roots: tuple[Path, Path]
) -> ChangeReport:
    before = {deck.deck.slug: deck for deck in old.decks}
    after = {deck.deck.slug: deck for deck in new.decks}
    decks = [
        _compare_deck(slug, before.get(slug), after.get(slug), roots)
        for slug in sorted(before.keys() | after.keys())
    ]
    kept = tuple(
        deck
        for deck in decks
        if deck.added or deck.changed or deck.removed or deck.renamed_from is not None
    )
    problems = _problems(BASE_SIDE, old, roots[0]) + _problems(WORK_SIDE, new, roots[1])
    order = {BASE_SIDE: 0, WORK_SIDE: 1}
    problems.sort(key=lambda p: (order[p.side], p.path, p.line, p.column, p.code, p.message))
    return ChangeReport(base, commit, kept, tuple(problems), tuple(_warnings(decks)))


def _warnings(decks: list[DeckChanges]) -> list[UpdateWarning]:
    """The changes that learners who imported the base's packages would never receive."""
    warnings = []
    for deck in decks:
        if deck.renamed_from is not None:
            message = renamed_deck_message(deck.renamed_from, deck.name)
            warnings.append(UpdateWarning(deck.slug, "", message))
        for note in deck.changed:
            if note.note_type_from is not None:
                warnings.append(
                    UpdateWarning(deck.slug, note.id, note_type_message(note.note_type))
                )
    gone = {(deck.slug, note.id): note.guid for deck in decks for note in deck.removed}
    for deck in decks:
        for added in deck.added:
            for (slug, note_id), guid in sorted(gone.items()):
                if note_id == added.id and slug != deck.slug and guid != added.guid:
                    message = moved_note_message(slug, guid)
                    warnings.append(UpdateWarning(deck.slug, added.id, message))
    return sorted(warnings)


def compare(base: str, paths: list[Path]) -> ChangeReport:
    """Compare the notes under ``paths`` at git revision ``base`` with the working tree."""
    targets = sorted({_target(path) for path in paths})
    root = _repo_root(targets)
    commit = _commit(root, base)
    prefixes = []
    for target in targets:
        if not target.is_relative_to(root):
            raise ChangesError(f"{target} is outside the git repository {root}")
        prefixes.append(PurePosixPath(target.relative_to(root).as_posix()))
    with tempfile.TemporaryDirectory(prefix="ankigen-changes-") as name:
        tree = Path(name).resolve()
        _export(root, commit, prefixes, tree)
        old_targets = [tree / prefix for prefix in prefixes if (tree / prefix).exists()]
        old = check(old_targets) if old_targets else CheckResult((), [])
        new = check(targets)
        return _report(base, commit, old, new, (tree, root))


# --- output ------------------------------------------------------------------------------


def to_json(report: ChangeReport) -> str:
    data = {
        "base": report.base,
        "commit": report.commit,
        "summary": {kind: report.count(kind) for kind in ("added", "changed", "removed")},
        "decks": [asdict(deck) for deck in report.decks],
        "problems": [asdict(problem) for problem in report.problems],
        "warnings": [asdict(warning) for warning in report.warnings],
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    """Plain text that Markdown (GitHub's included: '$' math, '~' strikethrough) shows as is."""
    return re.sub(r"([\\`*_\[\]<>|~&$#])", r"\\\1", text)


def _code(text: str) -> str:
    """A code span holding ``text`` exactly, whatever backticks it contains."""
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _label(note_id: str, text: str) -> str:
    return f"{_code(note_id)}: {_md(text)}" if text else _code(note_id)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _change_details(note: ChangedNote) -> str:
    details = []
    if note.note_type_from:
        details.append(f"note type: {_md(note.note_type_from)} → {_md(note.note_type)}")
    if note.fields:
        details.append("fields: " + ", ".join(note.fields))
    tags = [f"+{tag}" for tag in note.tags_added] + [f"-{tag}" for tag in note.tags_removed]
    if tags:
        details.append("tags: " + " ".join(_code(tag) for tag in tags))
    return "; ".join(details)


def _deck_markdown(deck: DeckChanges) -> list[str]:
    title = f"### {_md(deck.name)} ({_code(deck.slug)})"
    if deck.renamed_from is not None:
        title = f"### {_md(deck.name)} ({_code(deck.slug)}, renamed from {_md(deck.renamed_from)})"
    lines = ["", title]
    if deck.added:
        lines += ["", "**Added**", ""]
        lines += [f"- {_label(note.id, note.text)}" for note in deck.added]
    if deck.changed:
        lines += ["", "**Changed**", ""]
        lines += [
            f"- {_label(note.id, note.text)} ({_change_details(note)})" for note in deck.changed
        ]
    if deck.removed:
        lines += ["", "**Removed**", ""]
        for note in deck.removed:
            lines.append(f"- {_label(note.id, note.text)}")
            lines.append(f"  GUID {_code(note.guid)}, in Anki's browser: {_code(note.search)}")
    return lines


def _problems_markdown(problems: tuple[Problem, ...]) -> list[str]:
    lines = ["", "### Content errors", "", "Notes that do not load or render are left out:", ""]
    for problem in problems:
        where = f"{problem.path}:{problem.line}:{problem.column}"
        lines.append(f"- {problem.side}: {_code(where)} {problem.code} {_md(problem.message)}")
    return lines


def to_markdown(report: ChangeReport) -> str:
    lines = [f"## Note changes since {_code(report.base)} ({_code(report.commit[:12])})", ""]
    counts = [report.count(kind) for kind in ("added", "changed", "removed")]
    if report.decks:
        lines.append(
            f"{counts[0]} added, {counts[1]} changed, {counts[2]} removed "
            f"in {_plural(len(report.decks), 'deck')}."
        )
    else:
        lines.append("No notes added, changed or removed.")
    for deck in report.decks:
        lines += _deck_markdown(deck)
    if counts[2]:
        lines += [
            "",
            "Anki never deletes notes on import: learners who want the removed notes gone can "
            "paste each query into the browser's search bar and delete what it finds.",
        ]
    if report.warnings:
        lines += _warnings_markdown(report.warnings)
    if report.problems:
        lines += _problems_markdown(report.problems)
    return "\n".join(lines) + "\n"


def _warnings_markdown(warnings: tuple[UpdateWarning, ...]) -> list[str]:
    lines = ["", "### Changes Anki will not apply", ""]
    for warning in warnings:
        where = f"{warning.deck}/{warning.subject}" if warning.subject else warning.deck
        lines.append(f"- {_code(where)}: {_md(warning.message)}")
    return lines
