"""Formulas that a table writes in its labels rather than in its cells, as calculations to check:

- a column whose header is a formula over other columns' headers ("| $w_i$ | $x_i$ | $w_i x_i$
  |", "| price | qty | price x qty |"): in every row its cell is that formula of the row's cells;
- a key/value table or list whose rows give symbols their values ("| batch $B$ | 256 |") and
  then a formula over them with its value ("| elements $B \\cdot T$ | 131,072 |", "- tokens
  $B \\times T$: 131,072").

Each is returned as the text of a calculation ("0.4 x 1.5 = 0.06") with the offsets of the
stated result, for the arithmetic rule to judge like any other. Works on the note's text with its
code blocks blanked: the math in labels is part of the formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ankigen.lint.arith.expression import TIMES, evaluate
from ankigen.lint.arith.latex import plain_latex
from ankigen.lint.arith.symbols import SYMBOL, substitute
from ankigen.lint.arith.tables import Cell, Table, tables
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import parse_number


@dataclass(frozen=True)
class ImpliedCalculation:
    """A calculation a note implies without writing it out, with the span it stands for."""

    start: int
    end: int
    calculation: str  # "0.4 x 1.5 = 0.06"
    # an operand came from another row or the prose (a symbol's value), not the claim's row
    carried: bool = False


_MINUS = "\N{MINUS SIGN}"
# A cell that is one number: "0.06", "5,224,880", "**12**".
_NUMBER_CELL = lazy_regex(rf"[*_]*(?P<number>[-{_MINUS}]?\d[\d,]*(?:\.\d+)?)[*_]*")
_MATH = lazy_regex(r"\$([^$\n]+)\$")
# What may join the names of a formula header besides their names: operators, brackets, spaces.
_FORMULA_REST = lazy_regex(
    r"[\s()+\-/*^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}\N{MINUS SIGN}"
    r"\N{DIVISION SIGN}\d.\x00]*"
)
# Brackets side by side multiply: "(k-1)(d-1)", "2(n + 1)".
_IMPLICIT_PRODUCT = lazy_regex(r"(?<=[)\d])[ \t]*(?=\()")
_OPERATOR = lazy_regex(
    r"[+\-/*^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}\N{MINUS SIGN}"
    r"\N{DIVISION SIGN}]"
)


def table_calculations(text: str, start: int) -> Iterator[ImpliedCalculation]:
    """Calculations written by formula headers and by symbol rows, in ``text[start:]``."""
    if "|" in text:
        outside = [line for line in text[start:].split("\n") if not line.lstrip().startswith("|")]
        constants = _stated_constants(outside)
        for table in tables(text, start, len(text)):
            yield from _header_formulas(table, constants, outside)
    yield from _symbol_rows(text, start)


# A symbol given one value outside the tables, the last of its chain: "scale s = 6.35 ÷ 127 =
# 0.05", "$s = 0.05$".
_CONSTANT = lazy_regex(
    rf"(?P<symbol>{SYMBOL})[ \t]*=[ \t]*(?:[^=\n|]*=[ \t]*)*?"
    r"(?P<value>-?\d[\d,]*(?:\.\d+)?)(?![\d.,]*\d)(?![ \t]*[-+*/^(\N{MULTIPLICATION SIGN}"
    r"\N{DIVISION SIGN}\N{MINUS SIGN}\w])"
)


def _stated_constants(lines: Sequence[str]) -> dict[str, str]:
    """Symbols the note's prose gives one value each; a symbol given two values is none."""
    values: dict[str, set[str]] = {}
    for line in lines:
        for match in _CONSTANT.finditer(_plain(line)):
            values.setdefault(match.group("symbol"), set()).add(match.group("value"))
    return {symbol: next(iter(v)) for symbol, v in values.items() if len(v) == 1}


def _plain(label: str) -> str:
    """A label as plain arithmetic: math unwrapped, LaTeX read, markup and spaces tidied."""
    label = _MATH.sub(lambda match: plain_latex(match.group(1)), label)
    label = label.replace("\N{MIDDLE DOT}", TIMES).replace("\N{DOT OPERATOR}", TIMES)
    return " ".join(label.strip("*_` ").split())


# A cell of money or a percentage: "$12,000", "€8.50", "2.5%", "45 %".
_AMOUNT_CELL = lazy_regex(
    rf"[*_]*(?P<sign>[-{_MINUS}])?\\?[$\N{{EURO SIGN}}\N{{POUND SIGN}}]?"
    r"(?P<number>\d[\d,]*(?:\.\d+)?)(?P<percent>[ \t]?%)?[*_]*"
)


def _number(cell: Cell) -> str | None:
    match = _NUMBER_CELL.fullmatch(cell.text)
    if match:
        return match.group("number").replace(_MINUS, "-")
    amount = _AMOUNT_CELL.fullmatch(cell.text.strip())
    if amount is None:
        return None
    number = amount.group("number")
    if amount.group("percent"):
        number = _decimal(Fraction(number.replace(",", "")) / 100)
    return f"-{number}" if amount.group("sign") else number


def _decimal(value: Fraction) -> str:
    """A fraction with a power-of-ten denominator, written out: 1/40 -> "0.025"."""
    digits = 0
    while (value * 10**digits).denominator != 1 and digits < 12:
        digits += 1
    scaled = abs(value * 10**digits)
    whole, part = divmod(int(scaled), 10**digits)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{part:0{digits}d}" if digits else f"{sign}{whole}"


# ---------------------------------------------------------------------------------------------
# Formula headers


def _header_formulas(
    table: Table, constants: dict[str, str], stated: Sequence[str]
) -> Iterator[ImpliedCalculation]:
    written = [_plain(cell.text) for cell in table.header_cells]
    # "q = round" names its column q: formulas of later headers use the symbol
    names = [_defined(name) for name in written]
    for column, name in enumerate(written):
        in_math = "$" in table.header_cells[column].text
        formula = _header_formula(name, names, column, in_math, constants)
        if formula is None and name.count("=") == 1:
            # "p = exp(z)/11.107", "share = spent / 12.5": the column's name, then its formula
            rhs = name.split("=", 1)[1].strip()
            formula = _header_formula(rhs, names, column, in_math, constants)
        if formula is None:
            formula = _stated_formula(names[column], names, column, stated)
        if formula is None:
            continue
        for row in table.rows:
            if len(row) == len(names):
                yield from _row_calculation(row, column, formula)


# The symbol a header defines: "q = round" is the column q (what follows says how).
_DEFINING_HEADER = lazy_regex(rf"^(?P<symbol>{SYMBOL})[ \t]*=[^=]*$")
# A formula the note states for a column, in a heading or a sentence: "EL = PD * LGD * EAD".
_STATED_FORMULA = lazy_regex(
    r"(?<![\w\\])(?P<name>[A-Za-z][\w]{0,15})[ \t]*=[ \t]*(?P<formula>[^=\n:;,?|]+)"
)


def _defined(name: str) -> str:
    defining = _DEFINING_HEADER.match(name)
    return defining.group("symbol") if defining else name


def _stated_formula(
    name: str, names: Sequence[str], column: int, stated: Sequence[str]
) -> list[str | int] | None:
    """The formula the note's prose gives for the column's header, over other columns'
    headers, when it gives exactly one."""
    found = []
    for text in stated:
        for match in _STATED_FORMULA.finditer(text):
            if match.group("name") != name:
                continue
            # the formula, then perhaps words: "tax = price * rate for every order"
            words = match.group("formula").strip(" .").split()
            for end in range(len(words), 0, -1):
                formula = _header_formula(" ".join(words[:end]), names, column, False)
                if formula is not None:
                    found.append(formula)
                    break
    return found[0] if len(found) == 1 else None


def _header_formula(
    name: str,
    names: Sequence[str],
    column: int,
    in_math: bool,
    constants: dict[str, str] | None = None,
) -> list[str | int] | None:
    """The header as a formula over other columns: text pieces and column indexes, or None.

    Every name in it is another column's whole header; in math, names side by side multiply
    ("$w_i x_i$"). It needs two columns at least and nothing but operators between them."""
    others = sorted(
        ((other, index) for index, other in enumerate(names) if index != column and other),
        key=lambda pair: -len(pair[0]),
    )
    if not others:
        return None
    product = _written_product(name, {other: index for other, index in others})
    if product is not None:
        return product
    pattern = "|".join(
        rf"(?<![\w\\])(?P<c{index}>{re.escape(other)})(?!\w)" for other, index in others
    )
    pieces: list[str | int] = []
    position = 0
    for match in re.finditer(pattern, name):
        between = _with_constants(name[position : match.start()], constants or {})
        if not _FORMULA_REST.fullmatch(between):
            return None
        if pieces and isinstance(pieces[-1], int) and not _OPERATOR.search(between):
            if not in_math:
                return None  # words side by side are a phrase, not a product
            between = f" {TIMES} "
        pieces += [between, int((match.lastgroup or "c").removeprefix("c"))]
        position = match.end()
    rest = _with_constants(name[position:], constants or {})
    if not _FORMULA_REST.fullmatch(rest):
        return None
    pieces.append(rest)
    columns = {piece for piece in pieces if isinstance(piece, int)}
    used_constant = any(isinstance(piece, str) and piece != _strip(piece) for piece in pieces)
    # one column and a written number: "exp(z) / 11.107", "loss x 100" (a decimal or a
    # number of two digits at least, beside an operator: "x 2" may be a count of copies)
    written = "".join(piece for piece in pieces if isinstance(piece, str))
    scaled = _OPERATOR.search(written) is not None and _WRITTEN_CONSTANT.search(written)
    if len(columns) < 2 and not (columns and (used_constant or scaled)):
        return None
    return pieces


_WRITTEN_CONSTANT = lazy_regex(r"\d+\.\d+|\d{2,}")


def _strip(piece: str) -> str:
    return piece.replace("\x00", "")


def _with_constants(text: str, constants: dict[str, str]) -> str:
    """Text between a formula's column names with the note's symbol values put in: "* s"
    with "s = 0.05" stated is "* 0.05" (marked, to count as a constant)."""
    if not constants or not text.strip():
        return text
    return re.sub(
        SYMBOL,
        lambda match: (
            f"\x00{constants[match.group()]}" if match.group() in constants else match.group()
        ),
        text,
    )


# A product of names written with a letter x, spaced or not: "HxWxC", "h x w".
_X_TIMES = lazy_regex(r"[ \t]*[xX][ \t]*")


def _written_product(name: str, columns: dict[str, int]) -> list[str | int] | None:
    """ "HxWxC" under "H", "W" and "C": a product whose letter x would read as part of a
    name; every factor must be another column's whole header."""
    factors = _X_TIMES.split(name)
    if len(factors) < 2 or any(factor not in columns for factor in factors):
        return None
    pieces: list[str | int] = [""]
    for factor in factors:
        pieces += [columns[factor], f" {TIMES} "]
    pieces[-1] = ""
    return pieces


def _row_calculation(
    row: Sequence[Cell], column: int, formula: Sequence[str | int]
) -> Iterator[ImpliedCalculation]:
    result = _number(row[column])
    if result is None:
        return
    parts = []
    for piece in formula:
        if isinstance(piece, str):
            parts.append(_strip(piece))
            continue
        value = _number(row[piece])
        if value is None:
            return
        parts.append(f"({value})" if value.startswith("-") else value)
    calculation = _IMPLICIT_PRODUCT.sub(f" {TIMES} ", "".join(parts))
    if evaluate(calculation) is not None:  # the whole side, or a part would be read alone
        cell = row[column]
        # a constant the prose states ("s = 0.05") is put in marked with \x00
        constant = any(isinstance(piece, str) and "\x00" in piece for piece in formula)
        yield ImpliedCalculation(cell.start, cell.end, f"{calculation} = {result}", constant)


# ---------------------------------------------------------------------------------------------
# Symbol rows

# A row of a two-column table or a list item that labels a value: "| batch $B$ | 256 |",
# "- window $T$: 512", "* elements ($B \cdot T$) = 131,072", "| tokens (B x T) | 4,096 |".
_LABELLED_VALUE = lazy_regex(
    r"^[ \t]*(?:\|(?P<cell>[^|\n]*[$)][^|\n]*)\|[ \t]*(?P<cellvalue>[^|\n]+?)[ \t]*\|"
    r"|(?:[-*+]|\d{1,3}[.)])[ \t]+(?P<item>[^\n:=]*[$)][^\n:=]*?)[ \t]*[:=][ \t]*"
    r"(?P<itemvalue>[^\n]+?))[ \t]*$",
    re.MULTILINE,
)
_ONE_SYMBOL = lazy_regex(rf"\s*{SYMBOL}\s*")
# Outside math a symbol in brackets at the label's end, upper-case, alone or in a formula:
# "batch (B)", "tokens (B x T)"; a lower-case letter there is more often a unit, "time (s)".
_BRACKETED = lazy_regex(
    r"\((?P<math>[A-Z](?:_\w+)?(?:[ \t]*(?:[-+/*^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}]|"
    r"(?<=[ \t])x(?=[ \t]))[ \t]*(?:[A-Z](?:_\w+)?|\d+))*)\)[ \t*_]*$"
)


def _label_math(label: str) -> str | None:
    """What names the row: the label's first math ("features $F$ (10 levels $\times$ 4
    sides)"), or else a symbol or formula in brackets at its end."""
    first = _MATH.search(label)
    if first is not None:
        return plain_latex(first.group(1)).strip()
    bracketed = _BRACKETED.search(label)
    if bracketed is None:
        return None
    return re.sub(r"(?<=[ \t])x(?=[ \t])", TIMES, bracketed.group("math"))


def _symbol_rows(text: str, start: int) -> Iterator[ImpliedCalculation]:
    """Formulas over symbols that rows before them define, with the value their row states."""
    if "$" not in text and ")" not in text:
        return
    values: dict[str, set[Fraction]] = {}
    formulas: list[tuple[str, int, int, str]] = []
    for match in _LABELLED_VALUE.finditer(text, start):
        label = match.group("cell") or match.group("item")
        group = "cellvalue" if match.group("cell") is not None else "itemvalue"
        stated = _NUMBER_CELL.fullmatch(match.group(group))
        math = _label_math(label)
        if stated is None or math is None:
            continue
        number = stated.group("number").replace(_MINUS, "-")
        if _ONE_SYMBOL.fullmatch(math):
            parsed = parse_number(number.lstrip("-"))
            if parsed is not None:
                value = -parsed.value if number.startswith("-") else parsed.value
                values.setdefault(math.strip(), set()).add(value)
        elif "=" not in math and "\N{ALMOST EQUAL TO}" not in math:
            formulas.append((math, match.start(group), match.end(group), number))
    known = {symbol: found.pop() for symbol, found in values.items() if len(found) == 1}
    for math, begin, end, number in formulas:
        calculation = substitute(math, known)
        if (
            calculation is not None
            and _OPERATOR.search(calculation)
            and evaluate(calculation) is not None
        ):
            yield ImpliedCalculation(begin, end, f"{calculation} = {number}", carried=True)
