"""A project's own requirements on every note, from ``[tool.ankigen]`` in pyproject.toml:

    required = ["source"]                              # front matter keys every note must have
    required-tag-prefixes = ["topic::", "difficulty::"]  # one tag starting with each

They turn a contribution guide's rules into located errors (AG011 for a missing key, AG012
for tags without a required kind), reported by ``validate``, ``lint`` and ``build``. They
hold for the decks of the project's content folder only (a sample deck elsewhere in the
repository is not bound by them). Only the front matter is read; files that cannot be
parsed are left to the structural checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic, sorted_diagnostics
from ankigen.source.discover import find_deck_folders, note_files
from ankigen.source.files import YamlDocument, read_note_source

MISSING_KEY = CheckCode.MISSING_KEY
INVALID_VALUE = CheckCode.INVALID_VALUE
_HOW_TO_ADD = {
    "source": "add 'source: {doc: <key of sources in deck.yaml>, question: <number>}'",
    "tags": "add 'tags: [...]' with at least one tag",
}


@dataclass(frozen=True)
class Policy:
    """What every note of the project must carry."""

    required: tuple[str, ...] = ()
    required_tag_prefixes: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.required or self.required_tag_prefixes)


def check_policy(paths: list[Path], policy: Policy, content: Path) -> list[Diagnostic]:
    """The notes under ``paths`` and in ``content`` that miss something ``policy`` requires,
    sorted."""
    if not policy.active:
        return []
    folders, _ = find_deck_folders(paths)  # folders without deck.yaml: the checks report them
    content = content.resolve()
    found: list[Diagnostic] = []
    for folder in folders:
        if not folder.is_relative_to(content):
            continue
        deck_tags = _deck_tags(folder)
        for path in note_files(folder):
            found += _note_problems(path, policy, deck_tags)
    return sorted_diagnostics(found)


def _deck_tags(folder: Path) -> tuple[str, ...]:
    """Tags deck.yaml gives every note of the deck (they count towards the prefixes)."""
    from ankigen.source.load import load_deck_config

    spec, _ = load_deck_config(folder)
    return spec.config.tags if spec is not None else ()


def _note_problems(path: Path, policy: Policy, deck_tags: tuple[str, ...]) -> list[Diagnostic]:
    source, _ = read_note_source(path)
    if source is None or not isinstance(source.front_matter.data, dict):
        return []  # unreadable or malformed: reported by the structural checks
    document = source.front_matter
    data = document.data
    assert isinstance(data, dict)
    problems = [
        _missing(path, document, key)
        for key in policy.required
        if data.get(key) in (None, [], {}, "")
    ]
    tags = data.get("tags")
    note_tags = [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []
    for prefix in policy.required_tag_prefixes:
        if not any(tag.startswith(prefix) for tag in (*note_tags, *deck_tags)):
            problems.append(_missing_tag(path, document, prefix, "tags" in data))
    return problems


def _missing(path: Path, document: YamlDocument, key: str) -> Diagnostic:
    where = document.position_of((key,)) if key in _as_dict(document) else document.start
    return Diagnostic(
        path,
        where.line,
        where.column,
        MISSING_KEY,
        f"'{key}' is missing: [tool.ankigen] required (pyproject.toml) asks every note for "
        f"it; {_HOW_TO_ADD.get(key, f'add {key!r}')}",
    )


def _missing_tag(path: Path, document: YamlDocument, prefix: str, has_tags: bool) -> Diagnostic:
    where = document.position_of(("tags",)) if has_tags else document.start
    code = INVALID_VALUE if has_tags else MISSING_KEY
    return Diagnostic(
        path,
        where.line,
        where.column,
        code,
        f"no tag starts with '{prefix}': [tool.ankigen] required-tag-prefixes "
        f"(pyproject.toml) asks every note for one; add a '{prefix}…' tag to 'tags'",
    )


def _as_dict(document: YamlDocument) -> dict[object, object]:
    return document.data if isinstance(document.data, dict) else {}
