"""Read a source file: decoded text, YAML front matter with node positions, and the body."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic, printable
from ankigen.source.text import decoded_text

YamlPath = tuple[str | int, ...]

FENCE = "---"

# Limits that keep hostile YAML cheap to reject (see docs/reliability.md).
MAX_YAML_DEPTH = 20  # nested lists/mappings
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_YAML_BYTES = 1024 * 1024  # deck.yaml and any other YAML file


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


def read_text(path: Path, raw: bytes | None = None) -> tuple[str | None, list[Diagnostic]]:
    """Decode a file (or its ``raw`` bytes, already read) as UTF-8, a leading BOM dropped,
    with normalised line endings."""
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            return None, [
                Diagnostic(
                    path, 1, 1, CheckCode.UNREADABLE_FILE, f"cannot read file: {error.strerror}"
                )
            ]
    text = decoded_text(raw)
    if text is None:
        start = _utf8_error_start(raw)
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        message = f"file is not valid UTF-8 (byte 0x{raw[start]:02x}); save it with UTF-8 encoding"
        return None, [Diagnostic(path, line, column, CheckCode.UNREADABLE_FILE, message)]
    return text, []


def _utf8_error_start(raw: bytes) -> int:
    """Where the first byte that is not UTF-8 is (``raw`` is known not to be UTF-8)."""
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return int(error.start)
    raise AssertionError("valid UTF-8")


class _Refused(yaml.MarkedYAMLError):
    """YAML that is well-formed but not accepted, with its own diagnostic code and message."""

    def __init__(self, code: str, message: str, mark: Any) -> None:
        super().__init__(problem=message, problem_mark=mark)
        self.code = code


_YAML_TAG = "tag:yaml.org,2002:"
_KINDS = {"timestamp": "date (YYYY-MM-DD)", "int": "integer", "float": "number"}


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


if TYPE_CHECKING:
    _LoaderBase = yaml.SafeLoader  # what the mixin is always combined with
else:
    _LoaderBase = object


class _StrictComposing(_LoaderBase):
    """Refuses anchors and aliases and deep nesting while composing, unknown tags and bad
    scalars while constructing.

    Refusing them here, before any node is constructed or walked, keeps a "billion laughs"
    document as cheap to reject as it is to read, and keeps the composer's recursion bounded.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                CheckCode.YAML_ALIAS,
                f"YAML alias '*{event.anchor}' is not allowed: write the value out in full "
                "(anchors and aliases are not supported)",
                event.start_mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(
                CheckCode.YAML_ALIAS,
                f"YAML anchor '&{anchor}' is not allowed: remove it and write every value out "
                "in full (anchors and aliases are not supported)",
                event.start_mark,
            )
        nests = isinstance(event, yaml.CollectionStartEvent)
        if nests:
            self._depth += 1
            if self._depth > MAX_YAML_DEPTH:
                raise _Refused(
                    CheckCode.YAML_TOO_LARGE,
                    f"YAML nested more than {MAX_YAML_DEPTH} levels deep: flatten the lists "
                    "and mappings",
                    event.start_mark,
                )
        try:
            node: yaml.Node | None = super().compose_node(parent, index)
        finally:
            if nests:
                self._depth -= 1
        return node

    def construct_undefined(self, node: yaml.Node) -> NoReturn:
        raise _Refused(
            CheckCode.YAML_SYNTAX,
            f"YAML tag '{_tag_name(str(node.tag))}' is not allowed: remove it; only plain "
            "text, numbers, dates, lists and mappings are read",
            node.start_mark,
        )

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, OverflowError) as error:
            # PyYAML lets a bad scalar escape as a plain exception (``2023-02-30``,
            # ``!!int abc``, ``!!timestamp x``); turn it into a located error.
            value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
            shown = value if len(value) <= 40 else value[:37] + "..."
            kind = _tag_name(str(node.tag)).removeprefix("!!")
            raise _Refused(
                CheckCode.YAML_SYNTAX,
                f"invalid YAML value '{shown}': not a valid {_KINDS.get(kind, kind)}; "
                "correct it, or quote it to make it text",
                node.start_mark,
            ) from error


class _StrictLoader(_StrictComposing, yaml.SafeLoader):
    """The pure-Python loader: its error messages and positions are the ones users see."""


_StrictLoader.add_constructor(None, _StrictLoader.construct_undefined)

# libyaml's event parser, when PyYAML was built with it; the composer stays in Python so the
# checks above run unchanged.
try:
    _CParser: Any = importlib.import_module("yaml._yaml").CParser
except (ImportError, AttributeError):
    _CParser = None


if _CParser is not None:

    class _FastStrictLoader(
        _StrictComposing,
        yaml.composer.Composer,
        _CParser,  # type: ignore[misc]
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """The same checks over libyaml's events: several times faster on valid YAML."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)

    _FastStrictLoader.add_constructor(None, _FastStrictLoader.construct_undefined)


def _compose_fast(text: str) -> tuple[yaml.Node | None, Any] | None:
    """(node, data) from libyaml, or None when anything is wrong (the slow path then reports
    it with PyYAML's own messages and positions)."""
    if _CParser is None:
        return None
    try:
        loader = _FastStrictLoader(text)
    except Exception:
        return None
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except Exception:
        return None
    finally:
        loader.dispose()


def parse_yaml(
    text: str, path: Path, first_line: int = 1, *, max_bytes: int = MAX_YAML_BYTES
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document, keeping the position of every key and value.

    ``first_line`` is the file line on which ``text`` starts, so positions are file positions.
    Only plain data is read: no tags beyond the standard ones, no anchors or aliases, at most
    ``MAX_YAML_DEPTH`` levels of nesting and ``max_bytes`` bytes of UTF-8.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return None, [
            Diagnostic(
                path,
                first_line,
                1,
                CheckCode.YAML_TOO_LARGE,
                f"YAML is too large ({size // 1024} KiB, at most {max_bytes // 1024} KiB): "
                "move long text into the Markdown body",
            )
        ]
    fast = _compose_fast(text)
    if fast is not None:
        node, data = fast
        return _document(node, data, path, first_line)
    try:
        # The reader checks every character already here, so this belongs inside the try.
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as error:
        return None, [_unprintable(text, error, path, first_line)]
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as error:
        return None, [_unprintable(text, error, path, first_line)]
    except _Refused as error:
        mark = error.problem_mark
        line = (mark.line if mark else 0) + first_line
        column = (mark.column if mark else 0) + 1
        return None, [Diagnostic(path, line, column, error.code, printable(str(error.problem)))]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + first_line
        column = (mark.column if mark else 0) + 1
        problem = error.problem or error.context or "invalid YAML"
        message = printable(f"YAML syntax error: {problem}; {_syntax_hint(problem)}")
        return None, [Diagnostic(path, line, column, CheckCode.YAML_SYNTAX, message)]
    except yaml.YAMLError as error:
        message = printable(f"YAML error: {error}")
        return None, [Diagnostic(path, first_line, 1, CheckCode.YAML_SYNTAX, message)]
    finally:
        loader.dispose()
    return _document(node, data, path, first_line)


# PyYAML's problem texts for the mistakes people make in front matter, and how to fix each
# (PyYAML says what it expected, not what to change).
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    ("expected ',' or ']'", "close the list with ']', or quote an item that holds a comma"),
    ("expected ',' or '}'", "close the mapping with '}', or quote a value that holds a comma"),
    (
        "mapping values are not allowed",
        "quote a value that holds ': ', or line up the keys of one mapping",
    ),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("could not find expected ':'", "write 'key: value' on one line, or quote the value"),
    ("found unexpected end of stream", "close the quoted value"),
    ("expected <block end>", "line up the keys of one mapping at the same indentation"),
    ("did not find expected key", "line up the keys of one mapping at the same indentation"),
    ("did not find expected '-'", "start every item of the list with '- ' at one indentation"),
)


def _syntax_hint(problem: str) -> str:
    for start, hint in _SYNTAX_HINTS:
        if start in problem:
            return hint
    return "check the quotes, brackets and indentation at this position"


def _document(
    node: yaml.Node | None, data: Any, path: Path, first_line: int
) -> tuple[YamlDocument, list[Diagnostic]]:
    start = Position((first_line, 1))
    values: dict[YamlPath, Position] = {}
    keys: dict[YamlPath, Position] = {}
    diagnostics: list[Diagnostic] = []
    if node is not None:
        start = _position(node, first_line)
        _index(node, (), first_line, values, keys, diagnostics, path)
    return YamlDocument(data, start, values, keys), diagnostics


def _unprintable(
    text: str, error: yaml.reader.ReaderError, path: Path, first_line: int
) -> Diagnostic:
    """A character that YAML does not allow (control characters), located in the file."""
    offset = min(max(error.position, 0), len(text))
    line = first_line + text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Diagnostic(
        path,
        line,
        column,
        CheckCode.YAML_SYNTAX,
        f"character U+{error.character:04X} is not allowed in YAML: remove it",
    )


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
                        CheckCode.DUPLICATE_YAML_KEY,
                        printable(
                            f"duplicate key '{key}': YAML keeps only the last one; remove one"
                        ),
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
                CheckCode.MISSING_FRONT_MATTER,
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
            CheckCode.UNCLOSED_FRONT_MATTER,
            "front matter is not closed: add a '---' line after the YAML",
        )
    ]


def read_note_source(
    path: Path, raw: bytes | None = None
) -> tuple[SourceFile | None, list[Diagnostic]]:
    text, diagnostics = read_text(path, raw)
    if text is None:
        return None, diagnostics
    split, diagnostics = split_front_matter(text, path)
    if split is None:
        return None, diagnostics
    front, body, body_line = split
    document, diagnostics = parse_yaml(front, path, first_line=2, max_bytes=MAX_FRONT_MATTER_BYTES)
    if document is None:
        return None, diagnostics
    return SourceFile(path, document, body, body_line), diagnostics
