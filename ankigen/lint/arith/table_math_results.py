"""A calculation written as math in a table cell whose next cell is its result: "| all layers |
$24 \\times 128$ MiB | 3,072 MiB |" under "| quantity | expression | value |".

The prose view blanks math, so the row readers of ``arith.inline`` never see such a cell; this
reads the cell around a math span, the headers of its table, and the number of the next cell,
under the same header conditions those readers use (a result header after, a formula header
on the cell, or a count computed by the cell). A unit may follow the math when the result
carries the same one; a scaled unit on the result alone ("| $24 \\times 128$ | 3 GiB |") is a
conversion, no result.
"""

from __future__ import annotations

import re

from ankigen.lint.arith.inline import header_names_result
from ankigen.lint.lazy_pattern import lazy_regex

# A unit word written in a cell after the math or after the result: "MiB", "B", "tokens".
_UNIT = r"[A-Za-z][A-Za-z/]{0,11}"
_AFTER_MATH = lazy_regex(rf"[ \t]*(?P<unit>{_UNIT})?[ \t]*")
_RESULT_CELL = lazy_regex(
    r"[ \t]*(?:\*\*|__)?(?P<number>-?\d[\d,]*(?:\.\d+)?)(?:\*\*|__)?"
    rf"(?:[ \t]*(?P<unit>{_UNIT}))?"
    # the result may go on with a conversion: "134,217,728 B = 128 MiB"
    r"(?:[ \t]*(?:=|\N{ALMOST EQUAL TO}|\()[^|]*)?[ \t]*"
)
# A result in a larger unit than the calculation's: the cell converts, it does not compute.
_SCALED_UNIT = lazy_regex(
    r"(?:[kKMGTP]i?B|[kKMGTP]|bn|thousand|million|billion|[mun\N{MICRO SIGN}]s|min|h|hours?|days?)"
)


def table_math_result(text: str, start: int, end: int) -> str | None:
    """The result the next cell gives for the math at ``text[start:end]`` (with its dollar
    signs), when the math fills a table cell (a unit after it allowed) under headers that say
    the cells are a calculation and its result; else None."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if not line.lstrip().startswith("|") or not line.rstrip().endswith("|"):
        return None
    before = text[line_start:start]
    cell_start = before.rfind("|")
    if before[cell_start + 1 :].strip():
        return None  # words before the math: no cell of a calculation
    after = _AFTER_MATH.match(text, end)
    if after is None or after.end() >= line_end or text[after.end()] != "|":
        return None
    next_end = text.find("|", after.end() + 1, line_end)
    if next_end < 0:
        return None
    result = _RESULT_CELL.fullmatch(text, after.end() + 1, next_end)
    if result is None or not _same_unit(after.group("unit"), result.group("unit")):
        return None
    column = before.count("|") - 1
    header = _header_of(text, line_start)
    if header is None or column + 1 >= len(header):
        return None
    if not header_names_result(header[column], header[column + 1]):
        return None
    return result.group("number")


def _same_unit(calculation: str | None, result: str | None) -> bool:
    if calculation is not None:
        return calculation == result
    return result is None or _SCALED_UNIT.fullmatch(result) is None


def _header_of(text: str, line_start: int) -> list[str] | None:
    """The header cells of the table a row starts at ``line_start`` in: the first line of the
    run of table lines above, followed by its rule line."""
    lines: list[str] = []
    position = line_start
    while position > 0:
        previous = text.rfind("\n", 0, position - 1) + 1
        candidate = text[previous : position - 1]
        if not candidate.lstrip().startswith("|"):
            break
        lines.append(candidate)
        position = previous
    if len(lines) < 2 or not re.fullmatch(r"[\s|:-]+", lines[-2]):
        return None
    return [cell.strip().lower() for cell in lines[-1].strip().strip("|").split("|")]
