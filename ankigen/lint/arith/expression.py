"""Evaluate arithmetic expressions exactly, with the usual precedence, without ``eval``.

An expression is a sequence of items: numbers (``Fraction``) and the symbols ``+ - x / // ^``,
brackets ``( )`` and floor/ceiling brackets ``⌊ ⌋ ⌈ ⌉``. ``evaluate_items`` is a recursive
descent parser over such items; ``evaluate`` first tokenises text written the way people write
calculations: ``(32 - 5) / 1 + 1``, ``[(227 - 11) / 4] + 1``, ``3 x 3 x 64``, ``2^10``,
``2 ** 10``, ``10,000 ÷ 200``, ``20% x 500``.

Neither function ever raises: anything that is not a well-formed calculation (or that divides
by zero, or would compute a huge power) gives ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TypeAlias

from ankigen.lint.lazy_pattern import lazy_regex

Item: TypeAlias = Fraction | str
Value: TypeAlias = Fraction | float

TIMES = "\N{MULTIPLICATION SIGN}"
OPEN = {
    "(": ")",
    "[": "]",
    "\N{LEFT FLOOR}": "\N{RIGHT FLOOR}",
    "\N{LEFT CEILING}": "\N{RIGHT CEILING}",
}
CLOSE = frozenset(OPEN.values())
BINARY = frozenset({"+", "-", TIMES, "/", "//", "^"})
# Bounds that keep a power cheap: "10^100" is fine, "9^9^9" is not a calculation to check.
MAX_EXPONENT = 4096
_MAX_BITS = 1 << 16


class _NotACalculation(Exception):
    """Raised inside the parser only; the public functions turn it into ``None``."""


class _Parser:
    def __init__(self, items: Sequence[Item], floating: bool) -> None:
        self.items = items
        self.index = 0
        self.floating = floating

    def peek(self) -> Item | None:
        return self.items[self.index] if self.index < len(self.items) else None

    def take(self) -> Item:
        item = self.peek()
        if item is None:
            raise _NotACalculation
        self.index += 1
        return item

    def parse(self) -> Value:
        value = self.sum()
        if self.index != len(self.items):
            raise _NotACalculation
        return value

    def sum(self) -> Value:
        value = self.product()
        while self.peek() in ("+", "-"):
            operator = self.take()
            right = self.product()
            value = value + right if operator == "+" else value - right
        return value

    def product(self) -> Value:
        value = self.unary()
        while self.peek() in (TIMES, "/", "//"):
            operator = self.take()
            right = self.unary()
            if operator == TIMES:
                value = value * right
            elif right == 0:
                raise _NotACalculation
            elif operator == "/":
                value = value / right
            else:
                value = self.number(math.floor(value / right))
        return value

    def unary(self) -> Value:
        if self.peek() in ("+", "-"):
            operator = self.take()
            value = self.unary()
            return -value if operator == "-" else value
        return self.power()

    def power(self) -> Value:
        base = self.atom()
        if self.peek() != "^":
            return base
        self.take()
        exponent = self.unary()  # right-associative, and "2^-1" is allowed
        return _power(base, exponent)

    def atom(self) -> Value:
        item = self.take()
        if isinstance(item, Fraction):
            return self.number(item)
        if item not in OPEN:
            raise _NotACalculation
        value = self.sum()
        if self.take() != OPEN[item]:
            raise _NotACalculation
        if item == "\N{LEFT FLOOR}":
            return self.number(math.floor(value))
        if item == "\N{LEFT CEILING}":
            return self.number(math.ceil(value))
        return value

    def number(self, value: Fraction | int) -> Value:
        return float(value) if self.floating else Fraction(value)


def _power(base: Value, exponent: Value) -> Value:
    if isinstance(exponent, float):
        if not exponent.is_integer():
            raise _NotACalculation
        exponent = Fraction(int(exponent))
    if exponent.denominator != 1 and isinstance(base, Fraction):
        return _root_power(base, exponent)
    if exponent.denominator != 1 or abs(exponent) > MAX_EXPONENT:
        raise _NotACalculation
    power = int(exponent)
    if base == 0 and power < 0:
        raise _NotACalculation
    if isinstance(base, Fraction):
        bits = max(base.numerator.bit_length(), base.denominator.bit_length())
        if bits * abs(power) > _MAX_BITS:
            raise _NotACalculation
        return base**power
    return float(base) ** power


# Roots are worked out to this many significant digits when they are not rational.
_ROOT_DIGITS = 40
_MAX_ROOT_DEGREE = 12


def _root_power(base: Fraction, exponent: Fraction) -> Fraction:
    """``base ** exponent`` for a fractional exponent ("√2", "16^0.5", "8^(2/3)"): exact when the
    root is rational, else to 40 significant digits (see ``is_irrational``)."""
    degree = exponent.denominator
    if base < 0 or degree > _MAX_ROOT_DEGREE or abs(exponent.numerator) > MAX_EXPONENT:
        raise _NotACalculation
    root = _exact_root(base, degree)
    if root is None:
        with localcontext() as context:
            context.prec = _ROOT_DIGITS
            decimal_base = Decimal(base.numerator) / Decimal(base.denominator)
            root = Fraction(decimal_base ** (Decimal(1) / Decimal(degree)))
    if base == 0 and exponent < 0:
        raise _NotACalculation
    return _power(root, Fraction(exponent.numerator))  # type: ignore[return-value]


def _exact_root(value: Fraction, degree: int) -> Fraction | None:
    numerator, denominator = (
        _integer_root(value.numerator, degree),
        _integer_root(value.denominator, degree),
    )
    if numerator is None or denominator is None:
        return None
    return Fraction(numerator, denominator)


def _integer_root(value: int, degree: int) -> int | None:
    guess: int | None = round(value ** (1 / degree)) if value.bit_length() < 1000 else None
    if guess is None:
        return None
    for candidate in (guess - 1, guess, guess + 1):
        if candidate >= 0 and candidate**degree == value:
            return candidate
    return None


def is_irrational(items: Sequence[Item]) -> bool:
    """Whether an expression takes a root that is not rational ("√2", "2^0.5"): its value is
    then only approximate, and a stated result is a rounded or truncated one."""
    for index, item in enumerate(items[:-1]):
        exponent = items[index + 1]
        if item != "^" or not isinstance(exponent, Fraction) or exponent.denominator == 1:
            continue
        base = items[index - 1] if index else None
        if not isinstance(base, Fraction) or _exact_root(base, exponent.denominator) is None:
            return True
    return False


def evaluate_items(items: Sequence[Item], floating: bool = False) -> Value | None:
    """The value of an expression given as items; ``None`` if it is not well formed.

    With ``floating`` the numbers are Python floats, to accept results that a note copied from
    floating-point output ("0.1 + 0.2 = 0.30000000000000004").
    """
    if not items:
        return None
    try:
        return _Parser(items, floating).parse()
    except (_NotACalculation, OverflowError, ZeroDivisionError, ValueError, RecursionError):
        return None


# ---------------------------------------------------------------------------------------------
# Text to items

_SYMBOLS = {
    "+": "+",
    "-": "-",
    "\N{MINUS SIGN}": "-",
    "\N{EN DASH}": "-",
    "*": TIMES,
    "x": TIMES,
    "X": TIMES,
    TIMES: TIMES,
    "\N{MIDDLE DOT}": TIMES,
    "\N{DOT OPERATOR}": TIMES,
    "\N{ASTERISK OPERATOR}": TIMES,
    "/": "/",
    "\N{DIVISION SIGN}": "/",
    "\N{DIVISION SLASH}": "/",
    "//": "//",
    "^": "^",
    "**": "^",
}
_TOKEN = lazy_regex(
    r"\s*(?:"
    r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?P<percent>\s*%)?"
    r"|(?P<symbol>\*\*|//|[-+*/^xX\N{MINUS SIGN}\N{EN DASH}\N{MULTIPLICATION SIGN}"
    r"\N{MIDDLE DOT}\N{DOT OPERATOR}\N{ASTERISK OPERATOR}\N{DIVISION SIGN}\N{DIVISION SLASH}])"
    r"|(?P<bracket>[][()\N{LEFT FLOOR}\N{RIGHT FLOOR}\N{LEFT CEILING}\N{RIGHT CEILING}])"
    r")"
)


def tokenize(text: str) -> list[Item] | None:
    """The items of an expression written as text; ``None`` if something else is in it."""
    items: list[Item] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            return None
        position = match.end()
        if match.group("number") is not None:
            value = Fraction(match.group("number").replace(",", ""))
            items.append(value / 100 if match.group("percent") else value)
        elif match.group("symbol") is not None:
            items.append(_SYMBOLS[match.group("symbol")])
        else:
            bracket = match.group("bracket")
            items.append({"[": "(", "]": ")"}.get(bracket, bracket))
    return items


def evaluate(text: str) -> Fraction | None:
    """The exact value of a calculation written as text, or ``None`` if it is not one."""
    items = tokenize(text)
    if items is None:
        return None
    value = evaluate_items(items)
    return value if isinstance(value, Fraction) else None


# ---------------------------------------------------------------------------------------------
# Logarithms

# Digits a logarithm is worked out to when it is not rational; its value is then approximate.
_LOG_DIGITS = 40
# A rational logarithm p/q is looked for up to this denominator: log_8(2) = 1/3.
_MAX_LOG_DENOMINATOR = 12


def logarithm(argument: Fraction, base: Fraction | None = None) -> tuple[Fraction, bool] | None:
    """The logarithm of ``argument`` to ``base`` (natural without one) and whether it is exact.

    Exact when the value is rational ("log2(1024) = 10", "log10(0.001) = -3", "log8(2) = 1/3"),
    else worked out with ``Decimal`` to 40 significant digits. ``None`` for an argument that
    is not positive, a base that is not positive or is 1, or numbers too large to compare.
    """
    if argument <= 0 or (base is not None and (base <= 0 or base == 1)):
        return None
    if base is None:
        return (Fraction(0), True) if argument == 1 else (_decimal_log(argument, None), False)
    try:
        exact = _rational_log(argument, base)
    except (OverflowError, ValueError):
        return None
    if exact is not None:
        return exact, True
    return _decimal_log(argument, base), False


def _rational_log(argument: Fraction, base: Fraction) -> Fraction | None:
    """p/q when argument^q = base^p for a small q: compared exactly, never by floats."""
    estimate = math.log(argument) / math.log(base)
    for denominator in range(1, _MAX_LOG_DENOMINATOR + 1):
        numerator = round(estimate * denominator)
        if abs(numerator) > MAX_EXPONENT:
            return None
        bits = max(argument.numerator.bit_length(), argument.denominator.bit_length())
        base_bits = max(base.numerator.bit_length(), base.denominator.bit_length())
        if max(bits * denominator, base_bits * abs(numerator)) > _MAX_BITS:
            return None
        if argument**denominator == base**numerator:
            return Fraction(numerator, denominator)
    return None


def _decimal_log(argument: Fraction, base: Fraction | None) -> Fraction:
    with localcontext() as context:
        context.prec = _LOG_DIGITS
        value = (Decimal(argument.numerator) / Decimal(argument.denominator)).ln()
        if base is not None:
            value /= (Decimal(base.numerator) / Decimal(base.denominator)).ln()
        return Fraction(value)
