"""``[tool.ankigen]`` of the nearest pyproject.toml: where content and builds live, and what
every note of the project must carry (``required``, ``required-tag-prefixes``).

The table is validated here, without pydantic (this module loads on every command): an
unknown key or a value of the wrong type is a ``SettingsError`` that names the file, the key
and how to fix it. ``[tool.ankigen.lint]`` is validated by the lint config when linting.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PYPROJECT = "pyproject.toml"
# Front matter keys a project can make compulsory: the others are required or have defaults.
REQUIRABLE_KEYS = ("source", "tags")
_TAG_PREFIX = re.compile(r'^[^\s"]+$')  # the characters an Anki tag allows
_STRING_KEYS = ("content", "build")
_LIST_KEYS = ("required", "required-tag-prefixes")
KNOWN_KEYS = tuple(sorted((*_STRING_KEYS, *_LIST_KEYS, "lint")))


class SettingsError(Exception):
    """pyproject.toml cannot be used; the message says where and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """``[tool.ankigen]`` of the nearest pyproject.toml, with paths made absolute."""

    root: Path
    content: Path
    build: Path
    lint: dict[str, Any] = field(default_factory=dict)  # [tool.ankigen.lint], unvalidated
    required: tuple[str, ...] = ()  # front matter keys every note must have
    required_tag_prefixes: tuple[str, ...] = ()  # each needs at least one tag starting with it
    pyproject: Path | None = None  # the file the settings come from, if any

    @property
    def origin(self) -> str:
        """Where the content folder setting comes from, for messages."""
        if self.pyproject is None:
            return f"the default: no {PYPROJECT} with [tool.ankigen] from {self.root} upwards"
        return f"[tool.ankigen] content in {self.pyproject}"


def load_settings(start: Path) -> Settings:
    """The settings of the nearest pyproject.toml with a ``[tool.ankigen]`` table (from
    ``start`` upwards), else the defaults (``content``, ``build``) under ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            table = _read_table(pyproject)
            if table is not None:
                return _settings(folder, pyproject, table)
    return Settings(start, start / "content", start / "build")


def _read_table(pyproject: Path) -> dict[str, Any] | None:
    try:
        with pyproject.open("rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{pyproject}: not valid TOML: {error}") from None
    except OSError as error:
        raise SettingsError(f"{pyproject}: cannot read it: {error.strerror or error}") from None
    tool = document.get("tool", {})
    table = tool.get("ankigen") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise SettingsError(f"{pyproject}: tool.ankigen must be a table ([tool.ankigen])")
    return table


def _settings(folder: Path, pyproject: Path, table: dict[str, Any]) -> Settings:
    for key in sorted(table):
        if key not in KNOWN_KEYS:
            raise SettingsError(_unknown_key(pyproject, key))
    for key in _STRING_KEYS:
        if not isinstance(table.get(key, ""), str):
            raise SettingsError(f'{pyproject}: [tool.ankigen] {key} must be a string, e.g. "{key}"')
    lint_table = table.get("lint", {})
    if not isinstance(lint_table, dict):
        raise SettingsError(
            f"{pyproject}: [tool.ankigen] lint must be a table ([tool.ankigen.lint])"
        )
    return Settings(
        folder,
        folder / (table.get("content") or "content"),
        folder / (table.get("build") or "build"),
        lint_table,
        _required_keys(pyproject, table.get("required", [])),
        _tag_prefixes(pyproject, table.get("required-tag-prefixes", [])),
        pyproject,
    )


def _unknown_key(pyproject: Path, key: str) -> str:
    close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return (
        f"{pyproject}: unknown key '{key}' in [tool.ankigen]{hint}; "
        f"the known keys are {', '.join(KNOWN_KEYS)}"
    )


def _string_list(pyproject: Path, key: str, value: object, example: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SettingsError(
            f"{pyproject}: [tool.ankigen] {key} must be a list of strings, e.g. {key} = {example}"
        )
    return tuple(value)


def _required_keys(pyproject: Path, value: object) -> tuple[str, ...]:
    keys = _string_list(pyproject, "required", value, '["source"]')
    for key in keys:
        if key not in REQUIRABLE_KEYS:
            raise SettingsError(
                f"{pyproject}: [tool.ankigen] required lists '{key}', which is not a front "
                f"matter key a project can require; use {' or '.join(REQUIRABLE_KEYS)}"
            )
    return tuple(sorted(set(keys)))


def _tag_prefixes(pyproject: Path, value: object) -> tuple[str, ...]:
    example = '["topic::", "difficulty::"]'
    prefixes = _string_list(pyproject, "required-tag-prefixes", value, example)
    for prefix in prefixes:
        if not _TAG_PREFIX.match(prefix):
            raise SettingsError(
                f"{pyproject}: [tool.ankigen] required-tag-prefixes: {prefix!r} cannot start "
                "a tag (it is empty or has a space or a quote)"
            )
    return tuple(sorted(set(prefixes)))
