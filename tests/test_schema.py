"""The JSON Schemas in schemas/ match the Pydantic models and accept what the models accept."""

from __future__ import annotations

import json

from ankigen.source.schema import stale_schemas
from tests.conftest import REPO


def test_committed_schemas_are_current() -> None:
    assert stale_schemas(REPO / "schemas") == [], "run 'ankigen schema' and commit the result"


def test_note_schema_describes_the_front_matter() -> None:
    schema = json.loads((REPO / "schemas" / "note.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["id"]
    assert set(schema["properties"]) == {"id", "type", "tags", "source", "guid", "lint-ignore"}
    assert schema["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"
