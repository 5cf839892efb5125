"""Source files -> validated decks and notes; schema errors located at the YAML key or value."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic
from ankigen.source.files import (
    Position,
    YamlDocument,
    parse_yaml,
    read_note_source,
    read_text,
)
from ankigen.source.model import DeckConfig, NoteFrontMatter, Source, SourceRef

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Note:
    path: Path
    meta: NoteFrontMatter
    body: str
    body_line: int
    id_position: Position
    source_position: Position


@dataclass(frozen=True)
class DeckSpec:
    slug: str
    folder: Path
    config_path: Path
    config: DeckConfig


def _keys_of(model: type[BaseModel]) -> list[str]:
    return sorted(info.alias or name for name, info in model.model_fields.items())


# Which model's keys are allowed at each depth, for "did you mean" hints.
_NOTE_KEYS: dict[tuple[str, ...], list[str]] = {
    (): _keys_of(NoteFrontMatter),
    ("source",): _keys_of(SourceRef),
}
_DECK_KEYS: dict[tuple[str, ...], list[str]] = {
    (): _keys_of(DeckConfig),
    ("sources", "*"): _keys_of(Source),
}


def _allowed_keys(
    table: dict[tuple[str, ...], list[str]], parent: tuple[str | int, ...]
) -> list[str]:
    for pattern, keys in table.items():
        if len(pattern) == len(parent) and all(
            p in ("*", str(q)) for p, q in zip(pattern, parent, strict=True)
        ):
            return keys
    return []


def _describe_input(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _schema_diagnostics(
    error: ValidationError,
    document: YamlDocument,
    path: Path,
    keys: dict[tuple[str, ...], list[str]],
) -> list[Diagnostic]:
    diagnostics = []
    for item in error.errors():
        loc = tuple(part for part in item["loc"] if not isinstance(part, str) or part != "__root__")
        kind = item["type"]
        dotted = ".".join(str(part) for part in loc)
        if kind == "extra_forbidden":
            where = document.position_of(loc, key=True)
            allowed = _allowed_keys(keys, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            message = f"unknown key '{dotted}': {hint}"
            code = CheckCode.UNKNOWN_KEY
        elif kind == "missing":
            where = document.position_of(loc[:-1])
            message = f"missing required key '{dotted}'"
            code = CheckCode.MISSING_KEY
        else:
            where = document.position_of(loc)
            subject = f"'{dotted}'" if dotted else "value"
            # A model's own validators write the whole advice; pydantic prefixes their text.
            reason = item["msg"].removeprefix("Value error, ")
            message = f"invalid {subject}: {reason} (got {_describe_input(item['input'])})"
            if kind == "string_pattern_mismatch" and loc == ("id",):
                message = (
                    f"invalid 'id' {_describe_input(item['input'])}: use lowercase letters, "
                    "digits and '-', starting with a letter or digit"
                )
            code = CheckCode.INVALID_VALUE
        diagnostics.append(Diagnostic(path, where.line, where.column, code, message))
    return diagnostics


def _validate(
    model: type[ModelT], document: YamlDocument, path: Path, keys: dict[tuple[str, ...], list[str]]
) -> tuple[ModelT | None, list[Diagnostic]]:
    if not isinstance(document.data, dict):
        return None, [
            Diagnostic(
                path,
                document.start.line,
                document.start.column,
                CheckCode.YAML_NOT_MAPPING,
                "expected a YAML mapping of 'key: value' lines",
            )
        ]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, _schema_diagnostics(error, document, path, keys)


def load_deck_config(folder: Path) -> tuple[DeckSpec | None, list[Diagnostic]]:
    config_path = folder / "deck.yaml"
    text, diagnostics = read_text(config_path)
    if text is None:
        return None, diagnostics
    document, diagnostics = parse_yaml(text, config_path)
    if document is None:
        return None, diagnostics
    config, problems = _validate(DeckConfig, document, config_path, _DECK_KEYS)
    diagnostics += problems
    if config is None:
        return None, diagnostics
    return DeckSpec(folder.name, folder, config_path, config), diagnostics


def _nul_characters(path: Path, body: str, body_line: int) -> list[Diagnostic]:
    """The first NUL character of each line of a note's body: invisible, and C code (SQLite's
    text functions, many tools) reads it as the end of the text."""
    diagnostics = []
    for line_number, line in enumerate(body.split("\n"), start=body_line):
        column = line.find("\0")
        if column >= 0:
            message = "NUL character (U+0000) in the text: remove it (it is invisible)"
            diagnostics.append(
                Diagnostic(path, line_number, column + 1, CheckCode.NUL_CHARACTER, message)
            )
    return diagnostics


def load_note(path: Path, raw: bytes | None = None) -> tuple[Note | None, list[Diagnostic]]:
    source, diagnostics = read_note_source(path, raw)
    if source is None:
        return None, diagnostics
    meta, problems = _validate(NoteFrontMatter, source.front_matter, path, _NOTE_KEYS)
    diagnostics += problems
    if meta is None:
        return None, diagnostics
    diagnostics += _nul_characters(path, source.body, source.body_line)
    note = Note(
        path=path,
        meta=meta,
        body=source.body,
        body_line=source.body_line,
        id_position=source.front_matter.position_of(("id",)),
        source_position=source.front_matter.position_of(("source", "doc")),
    )
    return note, diagnostics
