"""Read a source file: decoded text, YAML front matter with node positions, and the body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ankigen.diagnostics import Diagnostic

YamlPath = tuple[str | int, ...]

FENCE = "---"


class Position(tuple[int, int]):
    """A 1-based (line, column) pair."""

    @property
    def line(self) -> int:
        return self[0]

    @property
    def column(self) -> int:
        return self[1]


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML plus where each key and value stands, so errors can point at them."""

    data: object
    start: Position
    value_positions: dict[YamlPath, Position]
    key_positions: dict[YamlPath, Position]

    def position_of(self, path: YamlPath, *, key: bool = False) -> Position:
        """The position of the value (or key) at ``path``, else of its nearest ancestor."""
        table = self.key_positions if key else self.value_positions
        for cut in range(len(path), 0, -1):
            found = table.get(path[:cut]) or self.value_positions.get(path[:cut])
            if found is not None:
                return found
        return self.start


@dataclass(frozen=True)
class SourceFile:
    """A note file split into front matter and Markdown body."""

    path: Path
    front_matter: YamlDocument
    body: str
    body_line: int  # the 1-based line of the file where the body starts


def read_text(path: Path) -> tuple[str | None, list[Diagnostic]]:
    """Decode a file as UTF-8 (a leading BOM is dropped) with normalised line endings."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Diagnostic(path, 1, 1, "AG001", f"cannot read file: {error.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it with UTF-8 encoding"
        )
        return None, [Diagnostic(path, line, column, "AG001", message)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def parse_yaml(
    text: str, path: Path, first_line: int = 1
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document, keeping the position of every key and value.

    ``first_line`` is the file line on which ``text`` starts, so positions are file positions.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + first_line
        column = (mark.column if mark else 0) + 1
        problem = error.problem or error.context or "invalid YAML"
        return None, [Diagnostic(path, line, column, "AG005", f"YAML syntax error: {problem}")]
    except yaml.YAMLError as error:
        return None, [Diagnostic(path, first_line, 1, "AG005", f"YAML error: {error}")]
    finally:
        loader.dispose()

    start = Position((first_line, 1))
    values: dict[YamlPath, Position] = {}
    keys: dict[YamlPath, Position] = {}
    diagnostics: list[Diagnostic] = []
    if node is not None:
        start = _position(node, first_line)
        _index(node, (), first_line, values, keys, diagnostics, path)
    return YamlDocument(data, start, values, keys), diagnostics


def _position(node: yaml.Node, first_line: int) -> Position:
    return Position((node.start_mark.line + first_line, node.start_mark.column + 1))


def _index(
    node: yaml.Node,
    path: YamlPath,
    first_line: int,
    values: dict[YamlPath, Position],
    keys: dict[YamlPath, Position],
    diagnostics: list[Diagnostic],
    file: Path,
) -> None:
    values[path] = _position(node, first_line)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            if key in seen:
                where = _position(key_node, first_line)
                diagnostics.append(
                    Diagnostic(
                        file,
                        where.line,
                        where.column,
                        "AG007",
                        f"duplicate key '{key}': YAML keeps only the last one; remove one",
                    )
                )
            seen.add(key)
            keys[child] = _position(key_node, first_line)
            _index(value_node, child, first_line, values, keys, diagnostics, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*path, index), first_line, values, keys, diagnostics, file)


def split_front_matter(
    text: str, path: Path
) -> tuple[tuple[str, str, int] | None, list[Diagnostic]]:
    """Split ``---``-fenced front matter from the body: (front matter, body, body line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None, [
            Diagnostic(
                path,
                1,
                1,
                "AG003",
                "missing front matter: the file must start with a '---' line, then YAML "
                "(at least 'id: ...'), then a closing '---' line",
            )
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return (front, body, index + 2), []
    return None, [
        Diagnostic(
            path,
            1,
            1,
            "AG004",
            "front matter is not closed: add a '---' line after the YAML",
        )
    ]


def read_note_source(path: Path) -> tuple[SourceFile | None, list[Diagnostic]]:
    text, diagnostics = read_text(path)
    if text is None:
        return None, diagnostics
    split, diagnostics = split_front_matter(text, path)
    if split is None:
        return None, diagnostics
    front, body, body_line = split
    document, diagnostics = parse_yaml(front, path, first_line=2)
    if document is None:
        return None, diagnostics
    return SourceFile(path, document, body, body_line), diagnostics
