"""Documentation's conventions inside a Python block that Python does not parse: signature
listings (``def iter_sse() -> Iterator[Event]`` with no colon or body), ``...`` standing
for code left out and placeholders to fill in (``load(<path-to-file>)``, ``einx.{OP}(…)``).
Each reading rewrites the block the way a reader takes it; when the rewrite parses, the
syntax error is the convention's, not a slip, and is reported as a warning (the card still
cannot be run as written)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.parse import parse
from ankigen.lint.rules.python.prepare import bracket_change

_HEADER = lazy_regex(r"(?:async[ \t]+)?(?:def|class)[ \t]+[A-Za-z_]\w*\b")
# 'get(key: str, collection: str | None = None) -> dict | None': a call-shaped signature.
_CALL_SIGNATURE = lazy_regex(r"[A-Za-z_][\w.]*\((?:.|\n)*\)[ \t]*->[^\n]*")
# 'slugify(text, *, separator="-")': a bare '*' or '/' among the arguments marks parameters.
_PARAMETER_MARK = lazy_regex(r"[(,][ \t\n]*[*/][ \t\n]*[,)]")
_COMMENT = lazy_regex(r"[ \t]*#.*$")


def documented(text: str) -> tuple[str, str] | None:
    """(what the block reads as, the rewritten text that parses), or None."""
    for what, reading in _READINGS:
        rewritten = reading(text)
        if rewritten != text and isinstance(parse(rewritten), ast.Module):
            return what, rewritten
    return None


def _statements(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line indexes of each top-level statement that starts unindented,
    following brackets across lines."""
    spans, i = [], 0
    while i < len(lines):
        if not lines[i].strip() or lines[i][:1] in " \t#":
            i += 1
            continue
        first, depth = i, bracket_change(lines[i])
        while depth > 0 and i + 1 < len(lines):
            i += 1
            depth += bracket_change(lines[i])
        spans.append((first, i))
        i += 1
    return spans


def _has_body(lines: list[str], last: int) -> bool:
    following = next((line for line in lines[last + 1 :] if line.strip()), "")
    return following[:1] in (" ", "\t")


def signatures(text: str) -> str:
    """Each bodiless header or call-shaped signature given ': ...' (and 'def ')."""
    lines = text.split("\n")
    for first, last in _statements(lines):
        statement = "\n".join(lines[first : last + 1])
        code = _COMMENT.sub("", lines[last]).rstrip()
        if code.endswith(":") and _has_body(lines, last):
            continue
        if _HEADER.match(statement):
            if code.endswith(":") or _has_body(lines, last):
                continue  # a colon with its body unindented, or a body without the colon: slips
            lines[last] = code.rstrip(":") + ": ..."
        elif _CALL_SIGNATURE.fullmatch(statement.rstrip(":").rstrip()) or (
            _PARAMETER_MARK.search(statement) and lines[first][:1].isalpha()
        ):
            name = re.match(r"[\w.]+", lines[first])
            assert name is not None
            lines[first] = "def " + name.group().replace(".", "_") + lines[first][name.end() :]
            lines[last] = _COMMENT.sub("", lines[last]).rstrip().rstrip(":") + ": ..."
    return "\n".join(lines)


# A line that is only an elision: '...', '…', '.......', '... (etc.)', '...  # and so on'.
_ELISION_LINE = lazy_regex(
    r"[ \t]*(?:\.{3,}|\u2026)[ \t]*(?:\(?etc\.?\)?)?[ \t]*(?:#.*)?$", re.IGNORECASE
)
# ', ...' at the end of an argument or import list: 'import OpenAPI, ...'.
_TRAILING_ELISION = lazy_regex(r"[ \t]*,[ \t]*(?:\.{3}|\u2026)[ \t]*(?=[,)\]}]|[ \t]*(?:#.*)?$)")


def elisions(text: str) -> str:
    """Elision lines dropped (a bare '...' only inside brackets: elsewhere it is a valid
    statement), a trailing ', ...' dropped and '…' written '...'."""
    lines, depth = text.split("\n"), 0
    for i, line in enumerate(lines):
        if _ELISION_LINE.fullmatch(line) and (depth > 0 or line.strip() != "..."):
            lines[i] = ""
            continue
        lines[i] = _TRAILING_ELISION.sub("", line)
        depth = max(0, depth + bracket_change(line))
    return "\n".join(lines).replace("\u2026", "...")


# '<path-to-adapter>' where an argument or a value belongs, '.{OP}' where a name belongs: a
# placeholder the reader fills in (not a comparison: '<' follows a bracket, ',', '=' or ':').
_ANGLE_PLACEHOLDER = lazy_regex(r"(?<=[(\[,=:])([ \t]*)<[A-Za-z][\w\-. ]*>")
_BRACE_PLACEHOLDER = lazy_regex(r"(?<=[\w)]\.)\{[A-Za-z_]\w*\}")


def placeholders(text: str) -> str:
    """Each placeholder written as a name."""
    text = _ANGLE_PLACEHOLDER.sub(r"\1_placeholder", text)
    return _BRACE_PLACEHOLDER.sub("_placeholder", text)


_READINGS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("a signature listing", signatures),
    ("an excerpt with '...' for code left out", elisions),
    ("a signature listing with '...' for code left out", lambda text: signatures(elisions(text))),
    ("a template with placeholders to fill in", placeholders),
)
