"""A table whose row writes sizes as a product in one cell ("30x61", or a list "10x13, 16x30")
and their element count in another, under a header that names such a count ("area", "pixels",
"cells"): each count is the product of its sizes, item by item. It is the table form of "a
28 x 28 image has 784 pixels" (``arith.flattened_sizes``).

Only a cell of nothing but sizes and a cell of nothing but as many numbers are read; a count
that is a multiple or a part of the product (a channel axis counted or left out) is no slip.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.table_formulas import ImpliedCalculation
from ankigen.lint.arith.tables import Cell, tables
from ankigen.lint.lazy_pattern import lazy_regex

_N = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_CROSS = r"[ \t]*[\N{MULTIPLICATION SIGN}xX*][ \t]*"
_SIZES = lazy_regex(rf"{_N}(?:{_CROSS}{_N}){{1,3}}")
_SEPARATOR = r"[ \t]*[,;/][ \t]*"
# A cell of sizes written as products only: "30x61", "10x13, 16x30, 33x23".
_SIZES_CELL = lazy_regex(rf"[*_]*(?:{_SIZES.pattern})(?:{_SEPARATOR}(?:{_SIZES.pattern}))*[*_]*")
# A cell of counts only: "1,830", "130, 480, 759"; a unit after them is allowed ("130 px²").
_COUNTS_CELL = lazy_regex(
    rf"[*_]*{_N}(?:{_SEPARATOR}{_N})*[*_]*(?:[ \t]*(?:px|pixels|cells)(?:²|\^2)?)?"
)
_COUNT = lazy_regex(rf"(?<![\d,]){_N}(?![\d])")
# A header that names the element count of the sizes: an area, pixels, cells, positions; one
# "per" something or an average is a rate, no count.
_COUNT_HEADER = lazy_regex(
    r"\b(?:areas?|pixels?|px²|px\^2|elements?|cells?|positions?)\b(?!.*\b(?:per|mean|avg)\b)"
)


def shape_count_tables(prose: str, start: int) -> Iterator[ImpliedCalculation]:
    """Counts in a table's count column that are not the product of the sizes beside them."""
    if "|" not in prose[start:]:
        return
    for table in tables(prose, start, len(prose)):
        column = table.column(_COUNT_HEADER)
        if column is None:
            continue
        for row in table.rows:
            if len(row) == len(table.header):
                yield from _row_slips(row, column)


def _row_slips(row: Sequence[Cell], column: int) -> Iterator[ImpliedCalculation]:
    counted = row[column]
    if not _COUNTS_CELL.fullmatch(counted.text):
        return
    counts = [match.group() for match in _COUNT.finditer(counted.text)]
    sized = [cell for index, cell in enumerate(row) if index != column and _is_sizes(cell)]
    if len(sized) != 1:
        return  # no cell of sizes, or two: which one the count is of is not said
    shapes = [match.group() for match in _SIZES.finditer(sized[0].text)]
    if len(shapes) != len(counts):
        return
    for shape, count in zip(shapes, counts, strict=True):
        sizes = [int(piece.replace(",", "")) for piece in re.split(_CROSS, shape)]
        stated = int(count.replace(",", ""))
        product = math.prod(sizes)
        if stated == 0 or product % stated == 0 or stated % product == 0:
            continue
        where = counted.text.find(count)
        product_text = f" {TIMES} ".join(f"{size:,}" for size in sizes)
        yield ImpliedCalculation(
            counted.start + where,
            counted.start + where + len(count),
            f"{product_text} = {count}",
        )


def _is_sizes(cell: Cell) -> bool:
    return bool(_SIZES_CELL.fullmatch(cell.text))


__all__ = ["shape_count_tables"]
