"""Written divisions of a count of steps, in any of the notations notes use.

A note works out its steps as "N / B = C" in prose, in LaTeX (``$\\lceil 50{,}000 / 128
\\rceil = 391$``, ``\\frac{N}{B}``), in a code comment (``# ceil(10_000 * 0.2 / 32) = 63``) or in
a list item after its label ("Steps per epoch = ⌈1,281,167 / 64⌉ = 20,019"). This module reads
every such division once, whatever the notation: the dividend and the divisor (each maybe a
product: "10_000 * 0.2", "(4 x 64)"), the result and the words around it (the label before the
calculation and the noun after its result), so that the AG102 readings that judge an operand
(the trained part of a split, the global batch of data parallelism) share one reader.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import reduce

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import DIGITS_PATTERN, find_numbers

# LaTeX and Markdown marks rewritten to plain text before reading (each maps to its offset).
_MARKS = lazy_regex(
    r"\{,\}|\\[lr]ceil\b|\\[lr]floor\b|\\(?:left|right)\b|\\[,;!: ]|\\(?:times|cdot)\b"
    r"|\\approx\b|\\[td]?frac\{(?P<a>(?:[^{}$]|\{,\})*)\}\{(?P<b>(?:[^{}$]|\{,\})*)\}|\*\*|__|[$`]"
    r"|\b(?:math|np|numpy)\.(?=ceil|floor)"
    # a cloze around a result, in a cloze note or not: "= {{c1::2,500}}", "{{c2::391::steps}}"
    r"|\{\{c\d+::|(?:::[^{}\n]*)?\}\}"
)
_PLAIN = {
    "{,}": ",",
    "\\lceil": "⌈",
    "\\rceil": "⌉",
    "\\lfloor": "⌊",
    "\\rfloor": "⌋",
    "\\times": "\N{MULTIPLICATION SIGN}",
    "\\cdot": "\N{MULTIPLICATION SIGN}",
    "\\approx": "≈",
}
# A thin space between digit groups inside a fraction's operands: "1\,000".
_THIN_THOUSANDS = lazy_regex(r"(?<=\d)\\,(?=\d{3}(?!\d))")
_NUM = DIGITS_PATTERN
_TIMES = r"[ \t]*[\N{MULTIPLICATION SIGN}x*\N{MIDDLE DOT}][ \t]*"
_PRODUCT = rf"\(?[ \t]*{_NUM}(?:{_TIMES}{_NUM})*[ \t]*\)?"
_EQUALS = r"(?:=|≈|->|→|\N{RIGHTWARDS DOUBLE ARROW})"
# "⌈ 50,000 / 128 ⌉ = ⌈390.625⌉ = 391", "ceil(10_000 * 0.2 / 32) = 63", "1,280,000 / 32 = 40,000"
_DIVISION = lazy_regex(
    rf"(?P<open>⌈|⌊|\b(?:ceil|floor)\()?[ \t]*(?P<x>{_PRODUCT})[ \t]*(?P<op>//|/|÷)[ \t]*"
    rf"(?P<d>{_PRODUCT})[ \t]*(?P<close>⌉|⌋|\))?[ \t]*"
    rf"(?:{_EQUALS}[ \t]*[⌈⌊]?[ \t]*{_NUM}[ \t]*[⌉⌋]?[ \t]*(?={_EQUALS}))*"
    rf"{_EQUALS}[ \t]*(?P<c>{_NUM})"
)
# The words right after a result, up to the end of its clause.
_CLAUSE_END = lazy_regex(r"[,;:(\n]|\.(?!\d)|\s[-\N{EN DASH}\N{EM DASH}]\s")


# "977 x 3 x 4 GPUs = 11,724": a factor maybe with its noun
_UNIT = r"(?:[ \t]+[A-Za-z]+)?"
# "750 x 20 = 15,000", "30 epochs x 2,000 = 60,000": a product of exactly two numbers and its
# result (in code, maybe in the comment after it: "steps = 1500 * 3  # = 4,500")
_PRODUCT_OF_TWO = lazy_regex(
    rf"(?P<a>{_NUM}){_UNIT}{_TIMES}(?P<b>{_NUM}){_UNIT}[ \t]*(?:#[ \t]*)?"
    rf"{_EQUALS}[ \t]*(?P<c>{_NUM})"
)


# a product of any number of factors, each maybe with its noun
_PRODUCT_OF_MANY = lazy_regex(
    rf"(?P<p>{_NUM}{_UNIT}(?:{_TIMES}{_NUM}{_UNIT})+)[ \t]*{_EQUALS}[ \t]*(?P<c>{_NUM})"
)
_FACTOR_BEFORE = lazy_regex(rf"[\d)]{_TIMES}$")


@dataclass(frozen=True)
class StepProduct:
    """One written product "A x B = C" of two numbers and the words around it."""

    start: int  # the result's offsets in the note's text
    end: int
    factors: tuple[Fraction, Fraction]
    result: Fraction
    result_text: str
    before: str
    after: str
    all_factors: tuple[Fraction, ...] = ()


@dataclass(frozen=True)
class StepDivision:
    """One written division "X / D = C" and the words around it."""

    start: int  # the result's offsets in the note's text
    end: int
    dividend: Fraction
    dividend_terms: tuple[Fraction, ...]
    divisor: Fraction
    divisor_terms: tuple[Fraction, ...]
    result: Fraction
    result_text: str
    before: str  # the line before the calculation (marks rewritten)
    after: str  # the clause after the result
    floored: bool = False  # written as ⌊X / D⌋, floor(X / D) or X // D

    @property
    def words(self) -> str:
        return f"{self.before} {self.after}"

    def is_exact(self) -> bool:
        """Whether the result is the division, exact or rounded either way (a wrong one is
        AG101's to report)."""
        if self.divisor == 0:
            return False
        exact = self.dividend / self.divisor
        return self.result in (exact, math.floor(exact), math.ceil(exact))


def plain_line(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """``text[start:end]`` with LaTeX and emphasis marks rewritten, and the offset in ``text``
    of each character of the rewritten line."""
    out: list[str] = []
    offsets: list[int] = []
    position = start
    for mark in _MARKS.finditer(text, start, end):
        out.append(text[position : mark.start()])
        offsets.extend(range(position, mark.start()))
        written = mark.group(0)
        if mark["a"] is not None:
            plain = f"({mark['a']}) / ({mark['b']})".replace("{,}", ",")
            plain = _THIN_THOUSANDS.sub(",", plain)  # "\frac{1\,000}{64}"
        else:
            plain = _PLAIN.get(written, "")
        out.append(plain)
        offsets.extend([mark.start()] * len(plain))
        position = mark.end()
    out.append(text[position:end])
    offsets.extend(range(position, end))
    return "".join(out), offsets


def _terms(written: str) -> tuple[Fraction, ...]:
    return tuple(number.value for number in find_numbers(written))


def _product(terms: tuple[Fraction, ...]) -> Fraction:
    return reduce(lambda a, b: a * b, terms, Fraction(1))


def body_lines(document: LintDocument) -> tuple[tuple[str, list[int]], ...]:
    """Each line of the note's body, rewritten (see ``plain_line``): made once per note, as a
    dozen epoch readers walk them (none changes a line or its offsets)."""
    return document.memo("step_divisions.body_lines", lambda: tuple(_body_lines(document)))


def _body_lines(document: LintDocument) -> Iterator[tuple[str, list[int]]]:
    text, position = document.text, document.body_offset
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        yield plain_line(text, position, end)
        position = end + 1


def step_divisions(document: LintDocument) -> Iterator[StepDivision]:
    """Every written division of the note's body with its result."""
    for line, offsets in body_lines(document):
        if "/" not in line and "÷" not in line:
            continue
        for match in _DIVISION.finditer(line):
            x_terms, d_terms = _terms(match["x"]), _terms(match["d"])
            if not x_terms or not d_terms:
                continue
            result = next(find_numbers(line, match.start("c"), match.end("c")), None)
            if result is None:
                continue
            stop = _CLAUSE_END.search(line, match.end("c"))
            after = line[match.end("c") : stop.start() if stop else len(line)]
            yield StepDivision(
                offsets[match.start("c")],
                offsets[match.end("c") - 1] + 1,
                _product(x_terms),
                x_terms,
                _product(d_terms),
                d_terms,
                result.value,
                result.text,
                line[: match.start()],
                after,
                match["op"] == "//" or (match["open"] or "").startswith(("⌊", "floor")),
            )


def step_products(document: LintDocument) -> Iterator[tuple[StepProduct, str]]:
    """Every written product of two numbers with its result, and the line before its own."""
    previous = ""
    for line, offsets in body_lines(document):
        for match in _PRODUCT_OF_TWO.finditer(line):
            a, b, c = (next(find_numbers(line, match.start(g), match.end(g)), None) for g in "abc")
            if a is None or b is None or c is None or a.value * b.value != c.value:
                continue  # a wrong product is AG101's
            if _FACTOR_BEFORE.search(line, 0, match.start()):
                continue  # the last two factors of a longer product
            stop = _CLAUSE_END.search(line, match.end("c"))
            after = line[match.end("c") : stop.start() if stop else len(line)]
            yield (
                StepProduct(
                    offsets[match.start("c")],
                    offsets[match.end("c") - 1] + 1,
                    (a.value, b.value),
                    c.value,
                    c.text,
                    line[: match.start()],
                    after,
                ),
                previous,
            )
        if line.strip():
            previous = line


def long_products(document: LintDocument) -> Iterator[StepProduct]:
    """Every written product of two or more numbers ("977 x 3 x 4 GPUs = 11,724") whose
    result is right; ``factors`` holds the first two, ``all_factors`` gives every one."""
    for line, offsets in body_lines(document):
        for match in _PRODUCT_OF_MANY.finditer(line):
            terms = tuple(n.value for n in find_numbers(line, match.start("p"), match.end("p")))
            result = next(find_numbers(line, match.start("c"), match.end("c")), None)
            if len(terms) < 2 or result is None or _product(terms) != result.value:
                continue
            stop = _CLAUSE_END.search(line, match.end("c"))
            yield StepProduct(
                offsets[match.start("c")],
                offsets[match.end("c") - 1] + 1,
                (terms[0], terms[1]),
                result.value,
                result.text,
                line[: match.start()],
                line[match.end("c") : stop.start() if stop else len(line)],
                terms,
            )


def stated_values(document: LintDocument) -> list[Fraction]:
    """Every number of the note's body, LaTeX groupings ("50{,}000") read as one number."""
    return [number.value for line, _ in body_lines(document) for number in find_numbers(line)]
