"""A table column that the other columns compute by one rule, kept by every row but one.

Authors tabulate derived figures without writing the calculation: the memory of a model at
several precisions ("bytes/param | size"), the storage of several hours of audio, a metric
worked out per row ("achieved | peak | MFU", "actual | forecast | abs % error"). No row writes
an operator, so AG101's claims never saw them. The rule of such a column is read from the rows
themselves: a product or a quotient of two other columns, a relative error of two columns in
per cent, or (for sizes of memory only) a constant times one column; a whole number under a
quotient may be its floor or ceiling (a count of batches). A rule is taken only when every row
but one keeps it to the digits its cells are written with, and the one row misses it by more
than its rounding (and 5 % for a constant read from the rows); a column some rule explains on
every row is left alone, and so is a table where two rules blame different rows. The rule is
inferred, never written, so a finding is a warning (``lint.grounds``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations

from ankigen.lint.arith.tables import Cell, Table, tables
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import format_number

_GROUP = r"[ ,\N{NARROW NO-BREAK SPACE}\N{THIN SPACE}\N{NO-BREAK SPACE}]"
# A cell that opens with a number (after a hedge or markup), its unit right after it.
_VALUE = lazy_regex(
    r"[ \t*_~$\N{ALMOST EQUAL TO}]*(?P<number>(?<![\w.])\d{1,3}(?:"
    + _GROUP
    + r"\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?![\d,.]\d)[ \t\N{NARROW NO-BREAK SPACE}\N{NO-BREAK SPACE}]*"
    r"(?P<unit>%|[kKMGT]i?B\b|B\b|bytes?\b|[kKMGT]\b|bn\b|h\b|hours?\b|min\b|s\b|ms\b)?"
)
_BYTES = {"B": 1, "byte": 1, "bytes": 1}
_SCALES = {"k": 10**3, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "bn": 10**9}
_TIMES: dict[str, int | Fraction] = {
    "h": 3600,
    "hour": 3600,
    "hours": 3600,
    "min": 60,
    "s": 1,
    "ms": Fraction(1, 1000),
}
# "size" of memory, not of a batch, a kernel or a window
_OTHER_SIZES = (
    "batch",
    "kernel",
    "step",
    "window",
    "patch",
    "pool",
    "group",
    "hidden",
    "vocab",
    "sample",
    "input",
    "output",
    "chunk",
    "block",
    "image",
    "crop",
    "font",
    "grid",
    "map",
    "filter",
)
_MEMORY_HEADER = lazy_regex(
    r"\b(?:memory|bytes?|storage|disk|ram|vram|footprint)\b|"
    + "".join(rf"(?<!{word} )" for word in _OTHER_SIZES)
    + r"\bsize\b"
)
# Rows that sum, average or compare the others keep another rule.
_SUMMARY_ROW = lazy_regex(
    r"\b(?:total|sum|overall|mean|average|avg|median|combined|ratio|delta|diff)\b", re.I
)
_BYTE_CELL = lazy_regex(r"\d\s*(?:[kKMGT]i?B|bytes?)\b")
# A row that says it adds or changes something ("int4 + group scales", "with KV cache")
_VARIANT = lazy_regex(
    r"\+\s*[A-Za-z]|\b(?:with|plus|incl\w*|including|overhead|except|excl\w*|w/)\b", re.I
)
_AGREE_SLACK = Fraction(1, 500)  # beyond the cells' own rounding
# a row breaks a rule read with a constant only by more than 5 %; one with none (its value
# exact from the row's own cells) by more than its rounding and 0.5 %
_MISS = Fraction(1, 20)
_MISS_FREE = Fraction(1, 200)


@dataclass(frozen=True)
class _Value:
    value: Fraction
    precision: Fraction  # half the last written digit, relative to the value
    cell: Cell
    percent: bool
    digits: int  # significant digits as written
    whole: bool  # written without decimals


def _unit_factor(unit: str | None, memory: bool) -> Fraction | None:
    if not unit or unit == "%":
        return Fraction(1)
    if unit in _BYTES or (unit == "B" and memory):
        return Fraction(1)
    if unit.endswith("B"):
        power = "kMGT".index(unit[0].replace("K", "k")) + 1
        return Fraction(1024 if "i" in unit else 1000) ** power
    if unit in _SCALES:
        return Fraction(_SCALES[unit])
    if unit == "B":
        return Fraction(10**9)  # "7B" parameters, in a column that is no size of memory
    return Fraction(_TIMES[unit]) if unit in _TIMES else None


def _value(cell: Cell, memory: bool) -> _Value | None:
    match = _VALUE.match(cell.text)
    if match is None:
        return None
    written = match.group("number")
    digits = re.sub(_GROUP, "", written)
    number = Fraction(digits)
    if number == 0:
        return None
    decimals = len(digits.partition(".")[2])
    factor = _unit_factor(match.group("unit"), memory)
    if factor is None:
        return None
    if decimals:
        precision = Fraction(1, 2 * 10**decimals) / number
    else:  # a whole number is exact unless its zeros may be rounding ("470,000")
        zeros = len(digits) - len(digits.rstrip("0"))
        precision = (
            min(Fraction(10**zeros, 2) / number, Fraction(1, 100)) if zeros >= 3 else Fraction(0)
        )
    percent = match.group("unit") == "%"
    value = number / 100 if percent else number * factor
    significant = len(digits.replace(".", "").lstrip("0"))
    if not decimals:
        significant -= len(digits) - len(digits.rstrip("0"))
    return _Value(value, precision, cell, percent, significant, not decimals)


@dataclass(frozen=True)
class _Rule:
    name: str  # how the message writes it, over the headers
    result: int
    operands: tuple[int, ...]
    compute: Callable[[tuple[Fraction, ...]], Fraction | None]
    free: bool  # no constant learned from the rows


def _quotient(values: tuple[Fraction, ...]) -> Fraction | None:
    return values[0] / values[1] if values[1] else None


def _relative(values: tuple[Fraction, ...]) -> Fraction | None:
    return abs(values[0] - values[1]) / values[0] if values[0] else None


def _rules(columns: list[int], header: tuple[str, ...], percent: set[int]) -> Iterator[_Rule]:
    for result in columns[1:] if columns[0] == 0 else columns:  # the first names the row
        others = [column for column in columns if column != result]
        for first, second in permutations(others, 2):
            names = (header[first] or "?", header[second] or "?")
            if first < second:
                product = f"{names[0]} \N{MULTIPLICATION SIGN} {names[1]}"
                yield _Rule(product, result, (first, second), _product, free=True)
            yield _Rule(f"{names[0]} / {names[1]}", result, (first, second), _quotient, True)
            if result in percent:
                yield _Rule(
                    f"|{names[0]} \N{MINUS SIGN} {names[1]}| / {names[0]}",
                    result,
                    (first, second),
                    _relative,
                    free=True,
                )
        for other in others:
            scaled = f"{header[other] or '?'} \N{MULTIPLICATION SIGN} a constant"
            yield _Rule(scaled, result, (other,), _first, free=False)


def _product(values: tuple[Fraction, ...]) -> Fraction | None:
    return values[0] * values[1]


def _first(values: tuple[Fraction, ...]) -> Fraction | None:
    return values[0]


@dataclass(frozen=True)
class ColumnSlip:
    start: int
    end: int
    message: str


def _numeric_columns(table: Table, rows: list[tuple[Cell, ...]]) -> dict[int, list[_Value]] | None:
    columns: dict[int, list[_Value]] = {}
    for column in range(len(table.header)):
        memory = _is_memory(table, rows, column)
        values = [_value(row[column], memory) for row in rows]
        if all(value is not None for value in values):
            columns[column] = [value for value in values if value is not None]
    return columns if len(columns) >= 2 else None


def _is_memory(table: Table, rows: list[tuple[Cell, ...]], column: int) -> bool:
    """A column of sizes of memory: its header says so, or a cell has a byte unit."""
    return bool(_MEMORY_HEADER.search(table.header[column])) or any(
        _BYTE_CELL.search(row[column].text) for row in rows
    )


def _agrees(expected: Fraction, found: _Value, spread: Fraction) -> bool:
    return abs(expected - found.value) <= (found.precision + spread + _AGREE_SLACK) * abs(
        found.value
    )


def _misses(expected: Fraction, found: _Value, spread: Fraction, free: bool) -> bool:
    gap = abs(expected - found.value)
    least = _MISS_FREE if free else _MISS
    return gap > least * abs(found.value) and gap > 3 * (found.precision + spread) * abs(
        found.value
    )


def _outlier(
    rule: _Rule, columns: dict[int, list[_Value]], memory: bool
) -> tuple[int, Fraction] | bool | None:
    """The one row the rule misses and what it gives there; True when every row keeps it;
    None when it is no rule of this table."""
    results = columns[rule.result]
    operands = [columns[column] for column in rule.operands]
    computed: list[Fraction | None] = [
        rule.compute(tuple(column[row].value for column in operands)) for row in range(len(results))
    ]
    if any(value is None for value in computed):
        return None
    spreads = [
        sum((column[row].precision for column in operands), Fraction(0))
        for row in range(len(results))
    ]
    if rule.free:
        anchors: list[Fraction] = [Fraction(1)]
    else:
        # the constant: one row's own
        anchors = [results[row].value / value for row, value in enumerate(computed) if value]
    for constant in anchors:
        agree, miss, exact = [], [], []
        for row, value in enumerate(computed):
            assert value is not None
            spread = spreads[row] + (
                Fraction(0) if rule.free else _anchor_spread(results, computed, constant)
            )
            readings = [constant * value]
            if rule.compute is _quotient and results[row].whole and results[row].value > 1:
                readings += [Fraction(math.floor(value)), Fraction(math.ceil(value))]  # a count
            if any(_agrees(reading, results[row], spread) for reading in readings):
                agree.append(row)
                if _agrees(readings[0], results[row], spread):
                    exact.append(row)
            elif all(_misses(reading, results[row], spread, rule.free) for reading in readings):
                miss.append(row)
        if len(agree) == len(results):
            return True
        if len(miss) != 1 or len(agree) != len(results) - 1:
            continue
        if not rule.free and not (len(agree) >= 2 and memory):
            continue  # a constant read from the rows alone only for sizes of memory
        if rule.free and not _informative(exact, results):
            continue
        row = miss[0]
        value = computed[row]
        assert value is not None
        return row, constant * value
    return None


def _anchor_spread(
    results: list[_Value], computed: list[Fraction | None], constant: Fraction
) -> Fraction:
    # the constant is one row's ratio, rounded as that row's cells are
    for row, value in enumerate(computed):
        if value and results[row].value / value == constant:
            return results[row].precision
    return Fraction(0)


def _informative(agree: list[int], results: list[_Value]) -> bool:
    """A rule with no constant is read only where a row that keeps it exactly (not by a
    rounding to a whole number) says its result to three digits or more (small whole numbers
    meet by chance: "3 | 1 | 3")."""
    return any(results[row].digits >= 3 for row in agree)


def column_slips(prose: str, start: int, end: int) -> Iterator[ColumnSlip]:
    """The cells of tables in ``prose[start:end]`` that break the rule their column keeps on
    every other row."""
    for table in tables(prose, start, end):
        rows = [
            row
            for row in table.rows
            if len(row) == len(table.header)
            and not _SUMMARY_ROW.search(row[0].text)
            and not any(_VARIANT.search(cell.text) for cell in row)
        ]
        if len(rows) < 2:
            continue
        columns = _numeric_columns(table, rows)
        if columns is None:
            continue
        percent = {column for column, values in columns.items() if all(v.percent for v in values)}
        memory = {column for column in columns if _is_memory(table, rows, column)}
        blamed: dict[int, tuple[int, Fraction, _Rule]] = {}
        explained: set[int] = set()
        ambiguous: set[int] = set()
        for rule in _rules(sorted(columns), table.header, percent):
            found = _outlier(rule, columns, rule.result in memory)
            if found is True:
                explained.add(rule.result)
            elif isinstance(found, tuple):
                row, value = found
                earlier = blamed.get(rule.result)
                if earlier is not None and earlier[0] != row:
                    ambiguous.add(rule.result)
                blamed.setdefault(rule.result, (row, value, rule))
        # one rule read from any of its columns blames one row: the rightmost column holds
        # the derived figure
        by_row: dict[int, tuple[int, Fraction, _Rule]] = {}
        for column, (row, value, rule) in sorted(blamed.items()):
            if column not in explained and column not in ambiguous:
                by_row[row] = (column, value, rule)
        for row, (column, value, rule) in by_row.items():
            cell = columns[column][row]
            shown = _shown(value, cell)
            yield ColumnSlip(
                cell.cell.start,
                cell.cell.end,
                f"{cell.cell.text} does not keep the rule the other rows of the column "
                f"'{table.header[column]}' keep ({rule.name}): this row gives {shown}",
            )


def _shown(value: Fraction, cell: _Value) -> str:
    """The value in the cell's unit, to one more digit than the cell writes."""
    match = _VALUE.match(cell.cell.text)
    unit = match.group("unit") if match else None
    decimals = len(match.group("number").partition(".")[2]) + 1 if match else 2
    if cell.percent:
        shown = value * 100
    else:
        shown = value / (_unit_factor(unit, unit is not None and unit.endswith("B")) or 1)
    grouped = match is not None and "," in match.group("number")
    return format_number(Fraction(round(shown, decimals)), grouped) + (f" {unit}" if unit else "")
