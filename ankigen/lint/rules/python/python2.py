"""Python 2 syntax (AG121): each construct found, with a Python 3 stand-in for parsing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.scan import PAIRS, Scan


@dataclass(frozen=True)
class Rewrite:
    """A Python 2 construct: its problem, and a same-length Python 3 stand-in for parsing."""

    start: int
    end: int
    message: str
    fix: str | None
    stand_in: str | None  # same length as source[start:end]; None when it parses already


_KEYWORDS_AFTER_NAME = r"(?!(?:in|is|if|else|and|or|for|not)\b)"
_PRINT_LIKE = lazy_regex(
    rf"(?:^|(?<=;))[ \t]*(?P<kw>print|exec)\b(?:(?P<gap>[ \t]+){_KEYWORDS_AFTER_NAME}"
    r"(?=[\w\"'`\[{])|[ \t]*(?=>>))",
    re.MULTILINE,
)
_BACKTICKS = lazy_regex(r"`([^`\n]*)`")
_EXCEPT_COMMA = lazy_regex(
    r"^[ \t]*except[ \t]+(?P<exc>[\w.]+|\([^()\n]*\))[ \t]*,[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*:",
    re.MULTILINE,
)
_RAISE_COMMA = lazy_regex(r"^[ \t]*raise[ \t]+(?P<exc>[\w.]+)[ \t]*(?P<comma>,)", re.MULTILINE)
_NUMBER_START = r"(?<![\w.])(?<![eE][+-])"
_OCTAL = lazy_regex(rf"{_NUMBER_START}0+(?P<digits>[1-7][0-7]*)(?P<long>[lL]?)(?![\w.])")
_LONG = lazy_regex(rf"{_NUMBER_START}(?P<number>0[xX][0-9a-fA-F]+|[1-9]\d*|0)[lL](?![\w.])")


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _logical_rest(source: str, masked: str, start: int) -> tuple[str, bool]:
    """The statement text from ``start`` to its end, and whether it stays on one line."""
    line_end = masked.find("\n", start)
    line_end = len(masked) if line_end < 0 else line_end
    semicolon = masked.find(";", start, line_end)
    end = semicolon if semicolon >= 0 else line_end
    segment = masked[start:end]
    balanced = all(segment.count(o) == segment.count(c) for o, c in PAIRS.items())
    single = balanced and not segment.rstrip().endswith("\\")
    return source[start : start + len(segment.rstrip())], single


def _print_like(source: str, scan: Scan) -> Iterator[Rewrite]:
    for match in _PRINT_LIKE.finditer(scan.masked):
        kw_start = match.start("kw")
        line = scan.masked.count("\n", 0, kw_start)
        at_line_start = not scan.masked[:kw_start].rsplit("\n", 1)[-1].strip()
        if at_line_start and line not in scan.statement_lines:
            continue
        gap = match.group("gap")
        rest, single = _logical_rest(source, scan.masked, match.end())
        keyword = match.group("kw")
        modern, fix = _print_modern(keyword, rest, gap is None)
        if not single:
            modern, fix = f"{keyword}(…)", None
        # The stand-in covers only 'print ' ('print,' makes a tuple) so that rewrites inside
        # the statement (backticks) still apply.
        stand_in = None if gap is None else keyword + "," + gap[1:]
        end = match.end("gap") if gap is not None else match.end("kw")
        if fix is not None:
            end = match.end() + len(rest)
        yield Rewrite(
            kw_start,
            end,
            f"Python 2 {keyword} statement: in Python 3 write {modern}",
            fix,
            stand_in,
        )


def _print_modern(keyword: str, rest: str, redirected: bool) -> tuple[str, str | None]:
    """The Python 3 call for ``print rest`` / ``exec rest``, and a safe fix when there is one."""
    if keyword == "exec":
        code, _, namespace = rest.partition(" in ")
        args = f"{code.strip()}, {namespace.strip()}" if namespace else rest
        return f"exec({_shorten(args)})", None if namespace else f"exec({rest})"
    if redirected:
        target, _, args = rest.lstrip(">").partition(",")
        call = f"print({args.strip()}, file={target.strip()})" if args.strip() else "print()"
        return _shorten(call, 50), None
    if rest.rstrip().endswith(","):
        return f'print({_shorten(rest.rstrip()[:-1])}, end=" ")', None
    return f"print({_shorten(rest)})", f"print({rest})"


def python2_rewrites(source: str, scan: Scan) -> list[Rewrite]:
    found = list(_print_like(source, scan))
    for match in _BACKTICKS.finditer(scan.masked):
        inner = source[match.start(1) : match.end(1)]
        found.append(
            Rewrite(
                match.start(),
                match.end(),
                f"backticks are Python 2 syntax for repr(): write repr({_shorten(inner)})",
                f"repr({inner})",
                f"({inner})",
            )
        )
    for match in re.finditer("<>", scan.masked):
        message = "'<>' is Python 2 syntax: write '!='"
        found.append(Rewrite(match.start(), match.end(), message, "!=", "!="))
    for match in _EXCEPT_COMMA.finditer(scan.masked):
        exc, name = match.group("exc"), match.group("name")
        start, end = match.start("exc"), match.end("name")
        blanked = exc + " " * (end - start - len(exc))
        message = f"Python 2 except syntax: write 'except {exc} as {name}:'"
        found.append(Rewrite(start, end, message, f"{exc} as {name}", blanked))
    for match in _RAISE_COMMA.finditer(scan.masked):
        exc = match.group("exc")
        message = f"Python 2 raise syntax: write 'raise {exc}(message)'"
        found.append(Rewrite(match.start("comma"), match.end("comma"), message, None, ";"))
    found.extend(_number_rewrites(scan.masked))
    found.extend(_prefix_rewrites(source, scan))
    return found


def _number_rewrites(masked: str) -> Iterator[Rewrite]:
    for match in _OCTAL.finditer(masked):
        modern = "0o" + match.group("digits")
        text = match.group(0)
        message = f"Python 2 octal literal {text}: write {modern}"
        stand_in = "1" + text[1:-1] + " " if match.group("long") else "1" + text[1:]
        yield Rewrite(match.start(), match.end(), message, modern, stand_in)
    for match in _LONG.finditer(masked):
        number = match.group("number")
        message = f"Python 2 long literal {match.group(0)}: write {number}"
        yield Rewrite(match.start(), match.end(), message, number, number + " ")


def _prefix_rewrites(source: str, scan: Scan) -> Iterator[Rewrite]:
    for literal in scan.strings:
        if literal.prefix.lower() == "ur":
            text = source[literal.start : literal.end]
            stand_in = text[1:] + " "  # drop the 'u'; a space keeps the length
            message = f"Python 2 string prefix {literal.prefix!r}: write r{literal.quote}…"
            yield Rewrite(literal.start, literal.end, message, None, stand_in)


def without_overlaps(found: list[Rewrite]) -> list[Rewrite]:
    kept: list[Rewrite] = []
    for rewrite in sorted(found, key=lambda r: (r.start, -r.end)):
        if not kept or rewrite.start >= kept[-1].end:
            kept.append(rewrite)
    return kept


def apply_rewrites(source: str, rewrites: list[Rewrite]) -> str:
    """The source with every stand-in put in (each replaces the start of its span)."""
    text = source
    for rewrite in rewrites:
        if rewrite.stand_in is not None:
            stand_in = rewrite.stand_in[: rewrite.end - rewrite.start]
            text = text[: rewrite.start] + stand_in + text[rewrite.start + len(stand_in) :]
    return text
