"""JSON Schemas of the front matter and deck.yaml, exported from the Pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ankigen.source.model import DeckConfig, NoteFrontMatter

SCHEMAS: dict[str, type[BaseModel]] = {
    "deck.schema.json": DeckConfig,
    "note.schema.json": NoteFrontMatter,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def stale_schemas(folder: Path) -> list[Path]:
    """Schema files that are missing or differ from what the models say."""
    stale = []
    for name, model in sorted(SCHEMAS.items()):
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(model):
            stale.append(path)
    return stale


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in sorted(SCHEMAS.items()):
        path = folder / name
        path.write_text(schema_text(model), encoding="utf-8", newline="\n")
        written.append(path)
    return written
