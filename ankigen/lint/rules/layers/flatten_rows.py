"""A Flatten row of a shape listing (a model summary, a table of layers, a list walking through
the shapes): its size is the product of the shape on the row just above it.

"max_pooling2d_1 … (None, 6, 6, 64)" then "flatten … (None, 1600)" cannot both be right:
6·6·64 = 2,304. The listing is reported at the Flatten row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_FLATTEN = lazy_regex(r"\bflatten(?!ed)", re.I)
# A row of a listing: a table row, a list item, or a line of a code block (a printed summary)
_LISTING_ROW = lazy_regex(r"^[ \t]*(?:\||[-*+][ \t]|\d+[.)][ \t])")
_TUPLE = lazy_regex(r"(?<![\w.])[(\[]\s*(?:None|\d+)(?:\s*,\s*(?:None|\d+))*\s*,?\s*[)\]]")
_CROSSED = lazy_regex(r"(?<![\d,.])\d+(?:\s*[x\N{MULTIPLICATION SIGN}]\s*\d+)+(?![\d.]|\s*[=+])")
_NUMBER = lazy_regex(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?![\w.,]\d)")
_CALCULATION = lazy_regex(r"[=\N{MIDDLE DOT}*x\N{MULTIPLICATION SIGN}]\s*\d|\d\s*[=+*]")
_SEPARATOR = lazy_regex(r"^[ \t]*\|?[ \t:|-]*$|^[ \t]*[=_-]{3,}[ \t]*$")


def _shape(line: str) -> tuple[int, int, list[int], bool] | None:
    """The last shape written on the line: its span, its sizes (no None) and whether it
    is a tuple (which may start with the batch)."""
    shapes = [(m.start(), m.end(), m.group(), True) for m in _TUPLE.finditer(line)]
    shapes += [(m.start(), m.end(), m.group(), False) for m in _CROSSED.finditer(line)]
    if not shapes:
        return None
    start, end, written, is_tuple = max(shapes)
    sizes = [int(value) for value in re.findall(r"\d+", written)]
    return start, end, sizes, is_tuple


def _flattened(line: str, after: int) -> tuple[int, int, int] | None:
    """The size a Flatten row states: the last size of its shape tuple, or its one number."""
    shape = _shape(line[after:])
    if shape is not None:
        start, end, sizes, is_tuple = shape
        if not is_tuple or not sizes:
            return None
        last = list(re.finditer(r"\d+", line[after + start : after + end]))[-1]
        return after + start + last.start(), after + start + last.end(), sizes[-1]
    numbers = list(_NUMBER.finditer(line, after))
    if len(numbers) != 1 or _CALCULATION.search(line, after):
        return None
    number = numbers[0]
    return number.start(), number.end(), int(number.group().replace(",", ""))


def flatten_findings(document: LintDocument) -> Iterator[Finding]:
    """A Flatten row whose size is not the product of the shape on the row above."""
    text = document.text
    body = document.body_offset
    if not _FLATTEN.search(text, body):
        return
    in_code = [
        (block.first_line, block.first_line + block.code.count("\n"))
        for block in document.code_blocks
    ]
    offset = body
    rows: list[tuple[int, str]] = []
    for line in text[body:].split("\n"):
        rows.append((offset, line))
        offset += len(line) + 1
    for index, (start, line) in enumerate(rows):
        flatten = _FLATTEN.search(line)
        number = document.position(start)[0]
        coded = any(low <= number <= high for low, high in in_code)
        if flatten is None or not (coded or _LISTING_ROW.match(line)):
            continue
        stated = _flattened(line, flatten.end())
        above = _row_above(rows, index)
        if stated is None or above is None:
            continue
        sizes = above[2]
        written_batch = above[3] and "None" not in rows[index - above[4]][1]
        if len(sizes) < (3 if written_batch else 2) or stated[2] == 0:
            continue  # "[8, 10]": a batch and features, or a parameter count of 0
        if _depth(line) != _depth(rows[index - above[4]][1]):
            continue  # a nested summary: the row above is the container, not the layer before
        products = {math.prod(sizes), math.prod(sizes[1:])} if above[3] else {math.prod(sizes)}
        if stated[2] in products or stated[2] in sizes:
            continue
        shown = "·".join(str(size) for size in sizes)
        yield Finding(
            start + stated[0],
            start + stated[1],
            f"Flatten gives the product of the shape above ({shown} = {math.prod(sizes):,}), "
            f"not {stated[2]:,}: correct the output size or the row above",
        )


def _row_above(
    rows: list[tuple[int, str]], index: int
) -> tuple[int, int, list[int], bool, int] | None:
    """The shape of the nearest row above that is no blank or separator line, and how many
    rows above it stands."""
    for back in range(1, min(3, index) + 1):
        line = rows[index - back][1]
        if not line.strip() or _SEPARATOR.match(line):
            continue
        shape = _shape(line)
        return None if shape is None else (*shape, back)
    return None


_TREE = lazy_regex(r"[\u2500-\u257f]")


def _depth(line: str) -> int:
    """Where a summary's tree drawing starts its name (torchinfo's nesting), else 0."""
    drawn = list(_TREE.finditer(line))
    return drawn[-1].end() if drawn else 0
