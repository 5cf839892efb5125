"""Totals stated under the parts they add up: the last item of a labelled list ("- total:
10,000 sentences" under "- train: 8,000 sentences", …) and the total row of a table ("| **total**
| 10,000 |"), column by column. Each part must be one number of the same kind; columns of rates,
means and scores, whose total row is no sum, are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ankigen.lint.arith.tables import Cell, Table, tables
from ankigen.lint.arith.vocabulary import shown
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, Number, find_numbers

# The label of a total: "total", "**Total**", "sum", "all splits", "combined".
_TOTAL_LABEL = lazy_regex(
    r"(?:grand\s+|overall\s+)?(?:total|sum|combined|all(?:\s+splits|\s+sets)?|overall)",
    re.IGNORECASE,
)
_LABEL_MARKUP = "*_ \t:"
# Columns whose total row is no sum: rates, means, scores, and parameter counts (AG104's).
_NOT_ADDITIVE = lazy_regex(
    # ("ratio" not inside a word: "iterations" and "operations" columns add up)
    r"mean|average|avg|median|rate|accuracy|precision|recall|\bf1\b|score|loss|(?<![a-z])ratio"
    r"|\bper\b|"
    r"/|std|param|time|latency|throughput|speed|\bauc\b|error|prob|weight|lr\b|learning|share|"
    r"shape|dim|width|height|resolution|batch|epoch|year|version|\bid\b|index|rank",
    re.IGNORECASE,
)
_LIST_ITEM = lazy_regex(
    r"^[ \t]*[-*+][ \t]+(?P<label>[^:\n|]{1,40}?)[ \t]*:[ \t]*[*_]*(?P<value>"
    + NUMBER_PATTERN
    + r")[*_]*[ \t]*(?P<percent>%)?(?P<rest>[^\n]*)$",
    re.MULTILINE,
)

# What after an item's first number makes it an operand: an operator or a relation ("20 x 32",
# "8 + 2", "64 = 2^6", "1,000 / 8"), also after a unit word ("16 GB x 2").
_OPERAND_OF = lazy_regex(
    r"[ \t]*(?:[A-Za-z]+[ \t]*)?"
    r"(?:[-+*/^=~\N{MULTIPLICATION SIGN}\N{MINUS SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}"
    r"\N{DOT OPERATOR}\N{ALMOST EQUAL TO}]|x[ \t]*\d|\\times|\\cdot|by[ \t]+\d)"
)


@dataclass(frozen=True)
class TotalClaim:
    """A stated total that is not the sum of its parts."""

    start: int
    end: int
    parts: tuple[str, ...]
    value: Fraction
    claimed: str
    claimed_value: Fraction

    @property
    def expression(self) -> str:
        return " + ".join(self.parts)


@dataclass(frozen=True)
class _Amount:
    number: Number
    percent: bool
    unit: str  # the word after the number, lower-cased: "sentences"


def total_claims(prose: str, start: int, end: int) -> Iterator[TotalClaim]:
    """Wrong totals of labelled lists and tables in ``prose[start:end]``."""
    yield from _list_totals(prose, start, end)
    if "|" in prose[start:end]:
        for table in tables(prose, start, end):
            yield from _table_totals(prose, table)


def _is_total(label: str) -> bool:
    return _TOTAL_LABEL.fullmatch(label.strip(_LABEL_MARKUP)) is not None


def _list_totals(prose: str, start: int, end: int) -> Iterator[TotalClaim]:
    run: list[tuple[str, _Amount]] = []
    previous_end = -2
    for match in _LIST_ITEM.finditer(prose, start, end):
        if match.start() != previous_end + 1:  # not the next line: a new list
            run = []
        previous_end = match.end()
        amount = _list_amount(prose, match)
        if amount is None:
            run = []
            continue
        if _is_total(match.group("label")) and _may_add_up([part for _label, part in run]):
            claim = _check([part for _label, part in run], amount)
            if claim is not None:
                yield claim
            run = []
            continue
        run.append((match.group("label"), amount))


def _may_add_up(parts: Sequence[_Amount]) -> bool:
    """Parts of one kind: counted in the same unit or as percentages; bare numbers only when
    there are at least three (a batch size, a GPU count and their "total" multiply)."""
    if len(parts) < 2:
        return False
    return bool(parts[0].unit or parts[0].percent) or len(parts) >= 3


def _list_amount(prose: str, match: re.Match[str]) -> _Amount | None:
    numbers = list(find_numbers(prose, match.start("value"), match.end("value")))
    if len(numbers) != 1 or numbers[0].start != match.start("value"):
        return None
    if _OPERAND_OF.match(match.group("rest")):
        return None  # "20 x 32 + 32 = 672": the item states a calculation, not one amount
    unit = re.match(r"[ \t]*([A-Za-z]+)", match.group("rest"))
    return _Amount(numbers[0], bool(match.group("percent")), unit.group(1).lower() if unit else "")


def _row_label(row: Sequence[Cell]) -> str:
    """A row's label: its first cell, or the first cell with text after empty ones ("| |
    **total** | 418 |": a closing row set apart by leaving its leading cells blank)."""
    if not row:
        return ""
    if row[0].text.strip("*_ \t"):
        return row[0].text
    for cell in row[1:-1]:
        if cell.text.strip("*_ \t"):
            return cell.text if not list(find_numbers(cell.text, 0, len(cell.text))) else ""
    return ""


def _says_sum(prose: str, label: str) -> bool:
    """Whether the note calls the label's quantity a sum: "the score is additive over
    positions", "the log-likelihood is the sum of …", "summing the rows gives the score"."""
    word = re.escape(label.strip(_LABEL_MARKUP).lower())
    if not word or not re.fullmatch(r"[\w -]{2,30}", word.replace("\\", "")):
        return False
    return (
        re.search(
            rf"\b{word}\b[^.\n|]{{0,30}}\b(?:is|are)\s+(?:additive|the\s+sum|a\s+sum|summed)\b"
            rf"|\b(?:sum(?:ming)?|add(?:ing)?\s+up)\b[^.\n|]{{0,40}}\b(?:gives?|is|makes?)\s+"
            rf"(?:the\s+)?{word}\b",
            prose,
            re.IGNORECASE,
        )
        is not None
    )


def _table_totals(prose: str, table: Table) -> Iterator[TotalClaim]:
    labels = [_row_label(row) for row in table.rows]
    totals = [index for index, label in enumerate(labels) if _is_total(label)]
    if not totals and labels and labels[-1] and not table.rows[-1][0].text.strip():
        # a closing row set apart whose label the note calls a sum
        totals = [len(labels) - 1] if _says_sum(prose, labels[-1]) else []
    if len(totals) != 1 or totals[0] < 2 or any("total" in label.lower() for label in labels[:1]):
        return
    total_row = table.rows[totals[0]]
    parts_rows = table.rows[: totals[0]]
    if any(re.search(r"total", label, re.IGNORECASE) for label in labels[: totals[0]]):
        return  # a subtotal above: the parts are not one flat list
    for column in range(1, len(table.header)):
        if _NOT_ADDITIVE.search(table.header[column]):
            continue
        total = _cell_amount(prose, total_row, column)
        parts = [_cell_amount(prose, row, column) for row in parts_rows]
        if total is None or any(part is None for part in parts):
            continue
        claim = _check([part for part in parts if part is not None], total)
        if claim is not None:
            yield claim


def _cell_amount(prose: str, row: Sequence[Cell], column: int) -> _Amount | None:
    """The one number that fills a cell (bold, a percent sign or a unit word allowed)."""
    if column >= len(row):
        return None
    cell = row[column]
    numbers = list(find_numbers(prose, cell.start, cell.end))
    if len(numbers) != 1:
        return None
    number = numbers[0]
    before = prose[cell.start : number.start].strip("*_ ")
    after = prose[number.end : cell.end].strip("*_ ")
    percent = after.startswith("%")
    unit = after.lstrip("% ")
    if before or not re.fullmatch(r"[A-Za-z]{0,12}", unit):
        return None
    return _Amount(number, percent, unit.lower())


def _check(parts: Sequence[_Amount], total: _Amount) -> TotalClaim | None:
    kinds = {(part.percent, part.unit.rstrip("s")) for part in parts}
    if len(kinds) != 1 or kinds != {(total.percent, total.unit.rstrip("s"))}:
        return None  # parts of different kinds, or a total of another kind
    value = sum((part.number.value for part in parts), Fraction(0))
    claimed = total.number.value
    if claimed == value or claimed == len(parts):  # "3 splits in total" counts the parts
        return None
    if abs(claimed - value) <= _tolerance(parts, total):
        return None
    return TotalClaim(
        total.number.start,
        total.number.end,
        tuple(shown(part.number) for part in parts),
        value,
        shown(total.number),
        claimed,
    )


def _tolerance(parts: Sequence[_Amount], total: _Amount) -> Fraction:
    """Rounding the parts and the total may each move the sum by half a written digit; whole
    counts are exact."""
    amounts = [*parts, total]
    if all(amount.number.ulp == 1 and not amount.percent for amount in amounts):
        return Fraction(0)
    return sum((amount.number.ulp / 2 for amount in amounts), Fraction(0))
