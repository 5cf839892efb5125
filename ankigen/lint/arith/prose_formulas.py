"""Formulas written in prose with named quantities given values elsewhere in the same paragraph
("With TP = 30 and FP = 10, precision = TP / (TP + FP) = 0.70"): the formula with the values
put in, so that its stated result can be checked like any written calculation.

A name is one letter (perhaps with a subscript: "n_in") or a short capitalised acronym ("TP",
"FN"). A name given two different values in the paragraph, or a formula with a name that has
no value, is left alone; so is a formula that is itself an assignment ("k = 3").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import parse_number

_NAME = r"(?<![\w.$\\])(?:[A-Z]{2,3}|[A-Za-z](?:_[A-Za-z0-9]+)?)(?![\w(])"
_VALUE = r"\d[\d,]*(?:\.\d+)?"
_OPERATORS = "+\\-*/\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{MINUS SIGN}\N{DIVISION SIGN}^"
# "TP = 30": a value, not the start of a calculation ("TP = 30 + 5") nor its result
_ASSIGNMENT = lazy_regex(
    rf"(?<![{_OPERATORS}(=][ \t])(?<![{_OPERATORS}(=])(?P<name>{_NAME})[ \t]*=[ \t]*"
    rf"(?P<value>{_VALUE})(?![\d.,]*[ \t]*[{_OPERATORS}(=])"
)
# A formula of names, numbers and operators with a stated result: "TP / (TP + FP) = 0.70".
# A result an operator continues is no plain value ("x / 4 = 3/2, so x = 6": the equation's
# other side is a fraction, never its numerator alone).
_FORMULA = lazy_regex(
    rf"(?P<formula>[(\w][\w \t().,{_OPERATORS}]*?[\w)])[ \t]*=[ \t]*(?P<result>{_VALUE})"
    rf"(?![\d,]*\.?\d)(?![ \t]*[{_OPERATORS}][ \t]*[\d(])"
)
_PARAGRAPH = lazy_regex(r"(?:[^\n]|\n(?![ \t]*\n))+")


@dataclass(frozen=True)
class ProseFormula:
    """A formula with its names replaced by their values, and where the note writes it."""

    start: int
    end: int
    calculation: str  # "30 / (30 + 10) = 0.70"


def _values(paragraph: str) -> dict[str, Fraction]:
    found: dict[str, set[Fraction]] = {}
    for match in _ASSIGNMENT.finditer(paragraph):
        number = parse_number(match["value"])
        if number is not None:
            found.setdefault(match["name"], set()).add(number.value)
    return {name: values.pop() for name, values in found.items() if len(values) == 1}


def prose_formulas(text: str, start: int) -> Iterator[ProseFormula]:
    """The formulas of ``text[start:]``'s paragraphs whose names all have stated values."""
    for paragraph in _PARAGRAPH.finditer(text, start):
        values = _values(paragraph[0])
        if not values:
            continue
        for match in _FORMULA.finditer(paragraph[0]):
            formula = match["formula"]
            # the formula proper starts after its own name: "precision = TP / (…)"
            formula = formula.rsplit("=", 1)[-1]
            names = list(re.finditer(_NAME, formula))
            if not names or not any(name[0] in values for name in names):
                continue
            if re.fullmatch(rf"[ \t]*{_NAME}[ \t]*", formula):
                continue  # "k = 3" assigns
            if any(name[0] not in values for name in names):
                # words before the formula ("so precision is TP / …"): keep the tail after them
                last_unknown = max(n.end() for n in names if n[0] not in values)
                formula = formula[last_unknown:]
                if not re.search(rf"[{_OPERATORS}]", formula) or not any(
                    n[0] in values for n in re.finditer(_NAME, formula)
                ):
                    continue
                if re.match(rf"[ \t]*[{_OPERATORS}]", formula) and not formula.lstrip().startswith(
                    "("
                ):
                    continue  # "a * TP": the unknown word was an operand
            if not re.search(rf"[{_OPERATORS}]", formula):
                continue
            put_in = _put_in(formula, values)
            offset = paragraph.start() + match.start("formula")
            yield ProseFormula(
                offset + match["formula"].rfind(formula.strip()),
                paragraph.start() + match.end("result"),
                f"{put_in.strip()} = {match['result']}",
            )


def _put_in(formula: str, values: dict[str, Fraction]) -> str:
    return re.sub(_NAME, lambda name: _shown(values[name[0]]), formula)


def _shown(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))
