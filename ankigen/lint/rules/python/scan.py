"""Scanning the source: strings and comments masked, brackets counted."""

from __future__ import annotations

from dataclasses import dataclass

from ankigen.lint.lazy_pattern import lazy_regex

_LEXEME = lazy_regex(
    r"(?P<comment>\#[^\n]*)"
    r"|(?:(?<![\w])(?P<prefix>[rRbBuUfF]{1,2}))?(?P<quote>'''|\"\"\"|'|\")"
    r"|(?P<open>[(\[{])|(?P<close>[)\]}])"
)
PAIRS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True)
class StringLiteral:
    start: int  # the prefix, or the opening quote
    end: int
    prefix: str
    quote: str
    closed: bool


@dataclass(frozen=True)
class Scan:
    masked: str  # the source with string contents and comments blanked (same length)
    strings: tuple[StringLiteral, ...]
    unclosed: tuple[int, ...]  # offsets of brackets still open at the end, outermost first
    mismatched: bool
    statement_lines: frozenset[int]  # 0-based lines that start a new statement


def _string_end(text: str, start: int, quote: str) -> tuple[int, bool]:
    """End of a string whose contents begin at ``start``, and whether it was closed."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(quote, i):
            return i + len(quote), True
        elif text[i] == "\n" and len(quote) == 1:
            return i, False
        else:
            i += 1
    return len(text), False


def scan_source(source: str) -> Scan:
    chars = list(source)
    strings: list[StringLiteral] = []
    stack: list[int] = []
    mismatched = False
    depth_at: dict[int, int] = {}  # offset of a bracket or string -> depth there

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    pos = 0
    while match := _LEXEME.search(source, pos):
        pos = match.end()
        if match.group("comment"):
            blank(match.start(), match.end())
        elif quote := match.group("quote"):
            end, closed = _string_end(source, match.end(), quote)
            blank(match.end(), end - len(quote) if closed else end)
            strings.append(
                StringLiteral(match.start(), end, match.group("prefix") or "", quote, closed)
            )
            depth_at[match.start()] = len(stack)
            pos = end
        elif match.group("open"):
            stack.append(match.start())
        elif stack and PAIRS[source[stack[-1]]] == match.group("close"):
            stack.pop()
        else:
            mismatched = True
    masked = "".join(chars)
    return Scan(masked, tuple(strings), tuple(stack), mismatched, _statement_lines(masked, strings))


def _statement_lines(masked: str, strings: list[StringLiteral]) -> frozenset[int]:
    """Lines at bracket depth 0, not inside a string, not continued by a backslash."""
    inside: set[int] = set()
    for literal in strings:
        first = masked.count("\n", 0, literal.start)
        inside.update(range(first + 1, first + 1 + masked.count("\n", literal.start, literal.end)))
    lines, depth, result = masked.split("\n"), 0, set()
    for number, line in enumerate(lines):
        continued = number > 0 and lines[number - 1].rstrip().endswith("\\")
        if depth == 0 and number not in inside and not continued:
            result.add(number)
        for char in line:
            depth += 1 if char in "([{" else -1 if char in ")]}" else 0
        depth = max(depth, 0)
    return frozenset(result)
