"""``[tool.ankigen]`` of the nearest pyproject.toml: where content and builds live."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    """``[tool.ankigen]`` of the nearest pyproject.toml, with paths made absolute."""

    root: Path
    content: Path
    build: Path
    lint: dict[str, Any] = field(default_factory=dict)  # [tool.ankigen.lint], unvalidated


def load_settings(start: Path) -> Settings:
    start = start.resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            with pyproject.open("rb") as handle:
                table = tomllib.load(handle).get("tool", {}).get("ankigen")
            if isinstance(table, dict):
                lint_table = table.get("lint", {})
                return Settings(
                    folder,
                    folder / str(table.get("content", "content")),
                    folder / str(table.get("build", "build")),
                    lint_table if isinstance(lint_table, dict) else {},
                )
    return Settings(start, start / "content", start / "build")
