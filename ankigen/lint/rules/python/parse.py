"""Parsing, truncation (AG124) and syntax errors (AG120)."""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.problem import SYNTAX, Problem
from ankigen.lint.rules.python.scan import PAIRS, Scan


def parse(text: str) -> ast.Module | SyntaxError:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings (escapes, "is" literal) are not ours
        try:
            return ast.parse(text)
        except SyntaxError as error:
            return error
        except (ValueError, MemoryError, RecursionError):
            return SyntaxError("the code cannot be parsed")


# Syntax of Python 3.12 that the 3.11 parser rejects: type parameters ("def first[T](…)",
# "class Box[T]:") and type aliases ("type Pair = tuple[int, int]").
_TYPE_PARAMETERS = lazy_regex(
    r"^([ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+\w+)(\[[^\]\n]*\])", re.M
)
_TYPE_ALIAS = lazy_regex(r"^([ \t]*)type[ \t]+(\w+)[ \t]*(\[[^\]\n]*\])?[ \t]*=", re.M)
# '...' as a placeholder argument after keyword arguments ("fit(x, y, epochs=10, ...)"):
# written '*()' (same length) it is an argument Python accepts there.
_PLACEHOLDER_ARGUMENT = lazy_regex(r"(?<=,)([ \t]*)\.\.\.(?=[ \t]*[,)])")
_FSTRING_START = lazy_regex(r"(?<![\w'\"])(?:[rR]?[fF]|[fF][rR])(['\"])(?!\1\1)")


def parse_modern(text: str) -> tuple[str, ast.Module | SyntaxError]:
    """Parse ``text``; when it fails, try again with Python 3.12 syntax written the 3.11 way
    (type parameters dropped, an f-string's inner quotes swapped) and ``...`` placeholder
    arguments after keywords written ``*()``. Returns the text that was
    parsed, so that valid modern code is never reported as a syntax error."""
    tree = parse(text)
    if isinstance(tree, ast.Module):
        return text, tree
    modern = _TYPE_PARAMETERS.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    modern = _TYPE_ALIAS.sub(lambda m: m.group(1) + m.group(2) + " =", modern)
    modern = _PLACEHOLDER_ARGUMENT.sub(r"\1*()", modern)
    modern = "\n".join(_older_fstrings(line) for line in modern.split("\n"))
    if modern == text:
        return text, tree
    retried = parse(modern)
    return (modern, retried) if isinstance(retried, ast.Module) else (text, tree)


def _older_fstrings(line: str) -> str:
    """The line with quotes inside an f-string's replacement fields swapped when they are the
    string's own quote, as Python 3.12 allows (f"{row["name"]}")."""
    if "{" not in line:
        return line
    chars = list(line)
    for match in _FSTRING_START.finditer(line):
        quote = match.group(1)
        other = "'" if quote == '"' else '"'
        depth, index = 0, match.end()
        while index < len(chars):
            char = chars[index]
            if depth == 0 and char == quote:
                break
            if char == "{":
                depth += 1
            elif char == "}" and depth > 0:
                depth -= 1
            elif char == quote:  # depth > 0: a string inside the replacement field
                chars[index] = other
            index += 1
    return "".join(chars)


_COMPOUND_HEADER = lazy_regex(
    r"^(?P<indent>[ \t]*)(?:async[ \t]+)?"
    r"(?:if|elif|else|for|while|try|except|finally|with|def|class|match|case)\b.*:[ \t]*$"
)


def repairs(text: str, scan: Scan) -> Iterator[tuple[str, int, str]]:
    """Endings that would complete a cut-off snippet: (suffix, where to report, message)."""
    closers = "".join(PAIRS[text[i]] for i in reversed(scan.unclosed))
    last = scan.strings[-1] if scan.strings else None
    if last is not None and not last.closed and len(last.quote) == 3:
        message = "the code is cut off inside a string that is never closed: complete the snippet"
        yield last.quote + closers, last.start, message
    code_end = len(scan.masked.rstrip())
    if scan.unclosed and not scan.mismatched:
        opened = scan.unclosed[0]
        bracket = text[opened]
        message = f"the code is cut off: this '{bracket}' is never closed; complete the snippet"
        where = opened
        if "\n" in scan.masked[opened:code_end]:
            # The code runs on past the bracket's line: it was cut where it stops.
            line = text.count("\n", 0, opened) + 1
            message = (
                f"the code is cut off here: the '{bracket}' opened on line {{L{line}}} is never "
                "closed; complete the snippet"
            )
            where = code_end - 1
        yield closers, where, message
        yield " None" + closers, where, message
        return
    last_line = scan.masked[:code_end].rsplit("\n", 1)[-1]
    header = _COMPOUND_HEADER.match(last_line)
    if header and not scan.mismatched:
        suffix = "\n" + header.group("indent") + "    pass"
        keyword = last_line.split()[0]
        message = f"the code is cut off after '{keyword} …:': its block is missing; complete it"
        yield suffix, code_end - 1, message
    if not scan.mismatched:
        message = "the code is cut off in the middle of an expression: complete the snippet"
        yield " None", code_end - 1, message


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line + 1, offset - (text.rfind("\n", 0, offset) + 1)


def syntax_problem(error: SyntaxError, text: str) -> Problem:
    lines = text.split("\n")
    line = min(max(error.lineno or 1, 1), len(lines))
    col = max((error.offset or 1) - 1, 0)
    end_line = error.end_lineno or line
    end_col = (error.end_offset or col + 2) - 1
    if end_line != line or end_col <= col:
        end_line, end_col = line, col + 1
    message = re.sub(r"\bon line (\d+)", r"on line {L\1}", error.msg)
    hint = _dot_for_comma_hint(error, lines[line - 1][col:end_col])
    return Problem(SYNTAX, line, col, end_line, end_col, hint or _syntax_message(message))


def _syntax_message(message: str) -> str:
    message = message.rstrip(".")
    return f"the Python code does not parse ({message}): fix the syntax"


def _dot_for_comma_hint(error: SyntaxError, segment: str) -> str | None:
    """``tf.Variable([.3].dtype=tf.float32)``: a dot typed where a comma belongs."""
    match = re.fullmatch(r"(?P<value>.*[\])\w'\"])\.(?P<name>[A-Za-z_]\w*)=?", segment)
    if not error.msg.startswith("expression cannot contain assignment") or match is None:
        return None
    value, name = match.group("value"), match.group("name")
    return (
        f"'{value}.{name}=' is not valid Python: a '.' stands where a ',' belongs; "
        f"write '{value}, {name}='"
    )


@dataclass(frozen=True)
class Parsed:
    """A syntax tree and the text it came from; shifts place one-line fallback parses."""

    tree: ast.Module
    lines: tuple[str, ...]
    line_shift: int = 0
    col_shift: int = 0

    @cached_property
    def nodes(self) -> tuple[ast.AST, ...]:
        """Every node in ``ast.walk`` order: walked once, searched by several checks."""
        return tuple(ast.walk(self.tree))

    def col(self, line: int, byte_col: int) -> int:
        """Character column of an AST (UTF-8 byte) column."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    def span(self, node: Any, name_only: str | None = None) -> tuple[int, int, int, int]:
        line, end_line = node.lineno, node.end_lineno or node.lineno
        col = self.col(line, node.col_offset)
        end_col = self.col(end_line, node.end_col_offset or node.col_offset)
        if name_only is not None:  # just the attribute or keyword name
            if isinstance(node, ast.Attribute):
                line, col = end_line, end_col - len(name_only)
            else:
                end_line, end_col = line, col + len(name_only)
        shift = self.line_shift
        return line + shift, col + self.col_shift, end_line + shift, end_col + self.col_shift

    def problem(self, code: str, node: Any, message: str, **options: Any) -> Problem:
        fix = options.pop("fix", None)
        deprecated = bool(options.pop("deprecated", False))
        return Problem(code, *self.span(node, **options), message, fix, deprecated)


def line_parses(text: str) -> list[Parsed]:
    """When the block does not parse, each line that parses alone (for removed APIs)."""
    parsed = []
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        for candidate in (stripped, stripped + " pass"):
            tree = parse(candidate)
            if isinstance(tree, ast.Module):
                parsed.append(Parsed(tree, (candidate,), number, lead))
                break
    return parsed
