"""Formula variables given values in a note ("$W = 32$", "$k = 5$, $s = 1$"), put into a formula
written with them ("$(W - k)/s + 1 = 29$"), so that the formula's stated result can be checked.

Works on math already rewritten by ``latex.plain_latex`` (``\\cdot`` as a times sign, braces as
brackets).
A symbol with two different values, or a formula with a letter that has none, is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from fractions import Fraction

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import parse_number

# One letter, perhaps with a subscript: "W", "n_in", "n_(out)", "P_1".
SYMBOL = r"(?<![A-Za-z0-9\\])[A-Za-z](?:_\(?[A-Za-z0-9]+\)?)?(?![A-Za-z0-9(])"
_VALUE = r"-?\d[\d,]*(?:\.\d+)?"
_ASSIGNMENT = lazy_regex(rf"(?P<symbol>{SYMBOL})\s*=\s*(?P<value>{_VALUE})(?![\d.,]*\s*[-+/*^(])")
# A span that only gives values: "W = 32", "K = 3, S = 1, P = 0".
_ONLY_ASSIGNMENTS = lazy_regex(
    rf"\s*{SYMBOL}\s*=\s*{_VALUE}\s*(?:(?:,|;|\\quad|and)\s*{SYMBOL}\s*=\s*{_VALUE}\s*)*[.,]?\s*"
)
# "2P" and "S(…)" multiply; "1e-3" is a number.
# (a bracket and a symbol apart by LaTeX's thin space "\,", "(L_{in} - 1)\,S", multiply too)
_IMPLICIT_PRODUCT = lazy_regex(
    r"(?<=[\d)])(?![eE][-+]?\d)(?=[A-Za-z])|(?<=[A-Za-z)])(?=\s*\()"
    r"|(?<=\))[ \t]+(?=[A-Za-z](?![A-Za-z]))"
)


def symbol_values(spans: Iterable[str]) -> dict[str, Fraction]:
    """Values of symbols from spans that only assign them; a symbol given two values is dropped."""
    found: dict[str, set[Fraction]] = {}
    for span in spans:
        if not _ONLY_ASSIGNMENTS.fullmatch(span):
            continue
        for match in _ASSIGNMENT.finditer(span):
            number = parse_number(match.group("value").lstrip("-"))
            if number is None:
                continue
            value = -number.value if match.group("value").startswith("-") else number.value
            found.setdefault(_key(match.group("symbol")), set()).add(value)
    return {symbol: values.pop() for symbol, values in found.items() if len(values) == 1}


def is_assignment(span: str) -> bool:
    return _ONLY_ASSIGNMENTS.fullmatch(span) is not None


def _key(symbol: str) -> str:
    return symbol.replace("(", "").replace(")", "")


def substitute(span: str, values: dict[str, Fraction]) -> str | None:
    """The formula with every symbol replaced by its value; None if a letter has no value."""
    if not values or not re.search("[A-Za-z]", span):
        return None
    # The first relation, "=" or "≈": "n ≈ (1.96 / 0.1)^2 = 384.16" names n as well
    first = re.search("[=\N{ALMOST EQUAL TO}]", span)
    head, rest = (span[: first.start()], span[first.end() :]) if first else (span, "")
    if first and re.fullmatch(rf"\s*{SYMBOL}\s*", head) and not re.search("[A-Za-z]", rest):
        # "G = 1 - (0.5^2 + 0.5^2) = 0.5": the symbol names what the numbers compute here,
        # whatever value it has elsewhere in the note ("a pure node has G = 0")
        return None
    named = (
        first is not None
        and re.fullmatch(rf"\s*{SYMBOL}\s*", head) is not None
        and _key(head.strip()) not in values
    )
    if named and first is not None:
        # "L_out = ⌊(L + 2p - d(k - 1) - 1)/s⌋ + 1 = 1022": the name of the result needs no
        # value of its own; the formula after it does
        span = rest
    with_products = _IMPLICIT_PRODUCT.sub(f" {TIMES} ", span)
    missing = False

    def number(match: re.Match[str]) -> str:
        nonlocal missing
        value = values.get(_key(match.group(0)))
        if value is None:
            missing = True
            return match.group(0)
        text = str(value.numerator) if value.denominator == 1 else str(float(value))
        return f"({text})" if value < 0 else text

    replaced = re.sub(SYMBOL, number, with_products)
    if missing or re.search("[A-Za-z]", replaced):
        return None
    # the name blanked: it stands for the result, no operand of the calculation
    return f"{' ' * first.end()}{replaced}" if named and first is not None else replaced


# A step that names its result by a symbol and works it from numbers only: "L_out = 996 + 8
# = 1,004"; its last number is the claim.
_LAST_RESULT = lazy_regex(rf"[=\N{{ALMOST EQUAL TO}}]\s*(?P<value>{_VALUE})\s*$")


_OPERATOR = lazy_regex(f"[-+*/{TIMES}\N{DIVISION SIGN}\N{MINUS SIGN}]")


def named_steps(spans: Sequence[str], values: dict[str, Fraction]) -> list[tuple[int, str]]:
    """Worked steps whose named result has a formula elsewhere in the note: (index of the
    step's span, the formula with the note's values put in "= the step's result").

    A derivation gives a symbol its formula once ("$L_{out} = (L_{in} - 1)S - 2P + K$") and
    works it out in steps; the last step names the symbol again with numbers only ("$L_{out} =
    996 + 8 = 1\\,004$"). Whatever the steps did on the way, that result must be the formula's
    value: a term dropped between the steps is caught here."""
    if not values:
        return []
    formulas: dict[str, list[str]] = {}
    steps: list[tuple[int, str, str]] = []
    for index, span in enumerate(spans):
        first = re.search("[=\N{ALMOST EQUAL TO}]", span)
        if first is None or re.fullmatch(rf"\s*{SYMBOL}\s*", span[: first.start()]) is None:
            continue
        name, rest = _key(span[: first.start()].strip()), span[first.end() :]
        if name in values:
            continue  # a symbol with a value is an input, no result
        if re.search("[A-Za-z]", rest):
            if not re.search("[=\N{ALMOST EQUAL TO}]", rest):
                formulas.setdefault(name, []).append(rest)
            continue
        result = _LAST_RESULT.search(rest)
        if result is not None and _OPERATOR.search(rest, 0, result.start()):
            steps.append((index, name, result.group("value")))
    found = []
    for index, name, stated in steps:
        if len(formulas.get(name, [])) != 1:
            continue
        substituted = substitute(formulas[name][0], values)
        if substituted is not None:
            found.append((index, f"{substituted.strip()} = {stated}"))
    return found
