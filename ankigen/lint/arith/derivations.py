"""Explicit derivations whose result follows a connector other than "=": a formula written out
with numbers, then "i.e.", "so", "which gives", "gives", "that is", "→" or (after math) a comma,
then the result ("$\\lfloor (28 - 3) / 2 \\rfloor + 1$, i.e. **14x14**"). The formula is
evaluated exactly (floor and ceiling brackets in LaTeX and Unicode included); a result that is
neither the value nor the value rounded down, up or to the nearest whole number is wrong.

The claims of "=" are the tokenizer's (``rules.arithmetic``); this module reads only what it
leaves, so a formula is judged once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from ankigen.lint.arith.expression import evaluate
from ankigen.lint.arith.inline import spaced_thousands
from ankigen.lint.arith.latex import plain_latex
from ankigen.lint.arith.other_readings import other_reading
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import INDIAN_GROUPS, SCALE_WORDS_PATTERN

# Thousands grouped by commas, or by underscores as Python writes them ("50_000"); a number
# an underscore continues is never read as its first group alone.
# Thousands grouped by two or more dots, as German and much of Europe write them
# ("40.960.000"): one dot would be a decimal point.
_NUMBER = (
    r"\d{1,3}(?:\.\d{3}){2,}(?![\d.,])|"
    r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:_\d{3})+(?!\d)|\d+(?:\.\d+)?(?!_\d)"
)
# Indian grouping ("1,28,000"), read before the plain groups; no tuple's items ("(1,64,128)").
_NUMBER = rf"(?<![(\[{{\-]){INDIAN_GROUPS}(?![)\]}}]|,\d)|{_NUMBER}"
_DOTTED_GROUPS = lazy_regex(r"\d{1,3}(?:\.\d{3}){2,}")


def _plain_digits(written: str) -> str:
    """A written number's digits for ``Fraction``: no group separators."""
    if _DOTTED_GROUPS.fullmatch(written):
        return written.replace(".", "")
    return written.replace(",", "").replace("_", "")


# Markup that may stand between the connector and the result: bold, a cloze, code, math.
_MARKUP = r"(?:\*\*|__|[*_`$]|\{\{c\d+::)*"
_CONNECTOR = (
    r"\s*,?\s*(?:i\.\s?e\.,?|that\s+is,?|which\s+(?:gives|is|yields|makes)|giving|gives|yields|"
    r"so(?:\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:is|are))?|hence|thus|"
    r"->|\N{RIGHTWARDS ARROW}|\N{RIGHTWARDS DOUBLE ARROW})"
)
_AFTER_MATH = lazy_regex(
    rf"(?:{_CONNECTOR}|\s*,)\s*(?:an?\s+|the\s+)?{_MARKUP}\s*(?P<result>{_NUMBER})(?P<rest>[^\n]{{0,12}})",
    re.I,
)
_AFTER_PLAIN = lazy_regex(
    rf"{_CONNECTOR}\s*(?:an?\s+|the\s+)?{_MARKUP}\s*(?P<result>{_NUMBER})(?P<rest>[^\n]{{0,12}})",
    re.I,
)
_INLINE_MATH = lazy_regex(
    r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^\s$](?:[^$\n]*[^\s$])?)\$", re.S
)
_FENCE = lazy_regex(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.M | re.S)
# A formula in prose: numbers, operators and (floor, ceiling) brackets, with at least a bracket.
_PLAIN_FORMULA = lazy_regex(
    r"(?<![\w.,])[(\[\N{LEFT FLOOR}\N{LEFT CEILING}][\d\s.,()\[\]+\-\N{MINUS SIGN}"
    r"\N{MULTIPLICATION SIGN}*/\N{MIDDLE DOT}\N{DOT OPERATOR}\N{DIVISION SIGN}"
    r"\N{LEFT FLOOR}\N{RIGHT FLOOR}\N{LEFT CEILING}\N{RIGHT CEILING}]*[\d)\]\N{RIGHT FLOOR}"
    r"\N{RIGHT CEILING}]"
)
_OPERATOR = lazy_regex(
    r"[+\-\N{MINUS SIGN}*/\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DIVISION SIGN}]"
)
# A result that is not the formula's whole value: a percentage, a hedge, another unit.
_HEDGE_BEFORE = lazy_regex(
    r"(?:about|around|roughly|approximately|nearly|almost|~|\N{ALMOST EQUAL TO})\s*$", re.I
)
_NOT_THE_VALUE = lazy_regex(
    rf"\s*(?:%|percent|per\s*cent|[kKMG]\b|billion|{SCALE_WORDS_PATTERN})", re.I
)
_SHAPE_REST = lazy_regex(r"\s*[xX\N{MULTIPLICATION SIGN}]\s*(\d+)")
# A number that an arrow or an operator continues is the first operand of the next item of a
# list, not a result: "a $7 \times 7$, $3 \to 64$ conv" lists a kernel and channels.
_CONTINUED_REST = lazy_regex(
    r"[ \t]*(?:\\to\b|\\rightarrow\b|\\times\b|\\cdot\b|->|[\N{RIGHTWARDS ARROW}+/^])"
)


@dataclass(frozen=True)
class Derivation:
    """A written-out formula, its exact value and the result the note claims for it."""

    start: int  # the formula's first character
    end: int  # the claimed result's last character
    formula: str
    value: Fraction
    claimed: str


def _plain(formula: str) -> str:
    text = formula.replace("\N{MINUS SIGN}", "-").replace(
        "\N{MIDDLE DOT}", "\N{MULTIPLICATION SIGN}"
    )
    return text.replace("\N{DOT OPERATOR}", "\N{MULTIPLICATION SIGN}").replace(
        "*", "\N{MULTIPLICATION SIGN}"
    )


def _value(formula: str) -> Fraction | None:
    if len(_OPERATOR.findall(formula.replace("-", " - "))) < 1:
        return None
    if not re.search(r"\d", formula) or re.search(r"[A-Za-z=<>]", formula):
        return None
    return evaluate(_plain(formula))


def _claimed(match: re.Match[str], text: str) -> Fraction | None:
    """The result a connector introduces, or None when it is not the formula's plain value."""
    if _NOT_THE_VALUE.match(match.group("rest")) or _CONTINUED_REST.match(match.group("rest")):
        return None
    shape = _SHAPE_REST.match(match.group("rest"))
    written = _plain_digits(match.group("result"))
    if shape and shape.group(1) != written:
        return None  # "14x15": two different axes, not one value
    before = text[max(0, match.start("result") - 20) : match.start("result")]
    if _HEDGE_BEFORE.search(before):
        return None
    return Fraction(written)


def _agrees(value: Fraction, claimed: Fraction) -> bool:
    """Whether the claim is the value, rounded down, up or to the nearest whole number, or the
    value to the precision the claim is written with."""
    if claimed == value or claimed in (math.floor(value), math.ceil(value), round(value)):
        return True
    if claimed.denominator != 1:
        return abs(value - claimed) < Fraction(1, 10) ** 2
    return False


def _body_view(document: LintDocument) -> str:
    """The note's body with code blocks blanked and thousands grouped by spaces written with
    commas ("60 000 images / 32 = 1 875" as "60,000 ... 1,875"), all the same length."""
    # Read by both derivation readers of a note: made once.
    return document.memo("derivation-view", lambda: _blank_code_and_group(document))


def _blank_code_and_group(document: LintDocument) -> str:
    text = " " * document.body_offset + document.text[document.body_offset :]
    return spaced_thousands(_FENCE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text))


def _derivation(
    view: str, match: re.Match[str], formula: str, connector: re.Pattern[str]
) -> Derivation | None:
    """The derivation of ``formula`` (written at ``match``) when it evaluates and a result
    follows it through ``connector``."""
    value = _value(formula)
    after = connector.match(view, match.end())
    if value is None or after is None or _claimed(after, view) is None:
        return None
    return Derivation(
        match.start(), after.end("result"), formula.strip(), value, after.group("result")
    )


def derivations(document: LintDocument) -> Iterator[Derivation]:
    """Every derivation of the note whose formula evaluates, with its claimed result."""
    view = _body_view(document)
    math_spans: list[tuple[int, int]] = []
    for match in _INLINE_MATH.finditer(view, document.body_offset):
        math_spans.append(match.span())
        latex = match.group("display") or match.group("inline") or ""
        if "=" in latex or "\\approx" in latex:
            continue  # a claim of its own: the tokenizer reads it
        found = _derivation(view, match, plain_latex(latex), _AFTER_MATH)
        if found is not None:
            yield found
    for match in _PLAIN_FORMULA.finditer(view, document.body_offset):
        if any(a <= match.start() < b for a, b in math_spans):
            continue
        formula = match.group(0)
        if formula.count("(") != formula.count(")") or len(_OPERATOR.findall(formula)) < 2:
            continue
        found = _derivation(view, match, formula, _AFTER_PLAIN)
        if found is not None and not _window_and_stride(view, match):
            yield found


# A window and its stride written close, "(2x2/2)", "[3x3/2]": a pooling or convolution
# setting, which an arrow leads on to the size it makes ("pool (2x2/2) → 8x8"), not a quotient.
_WINDOW_STRIDE = lazy_regex(r"[(\[]\d+(?:[xX\N{MULTIPLICATION SIGN}]\d+)+/\d+[)\]]")
_ARROW_TO_SIZE = lazy_regex(
    r"\s*(?:->|\N{RIGHTWARDS ARROW}|\N{RIGHTWARDS DOUBLE ARROW})\s*"
    r"(?P<shape>\d+\s*[xX\N{MULTIPLICATION SIGN}]\s*\d+)?"
)
_LAYER_BEFORE = lazy_regex(
    r"\b(?:pool(?:ing)?|max-?pool(?:ing)?|avg-?pool(?:ing)?|conv\w*|kernel|window|filter|"
    r"stride|downsampl\w*)[ \t:-]*$",
    re.I,
)


def _window_and_stride(view: str, match: re.Match[str]) -> bool:
    """Whether the bracketed formula is a window and stride that an arrow leads to a size: a
    map size written as a shape ("→ 8x8"), or any size after a layer word ("pool (2x2/2) →
    8")."""
    arrow = _ARROW_TO_SIZE.match(view, match.end())
    if not _WINDOW_STRIDE.fullmatch(match.group(0)) or arrow is None:
        return False
    line_start = view.rfind("\n", 0, match.start()) + 1
    return arrow.group("shape") is not None or bool(
        _LAYER_BEFORE.search(view, line_start, match.start())
    )


# A product or quotient whose operands carry their units in words, then "=" and the result:
# "1,250 per epoch x 5 = 6,250", "4 GPUs x 256 = 1,024", "977 steps x 3 epochs = 2,931".
_UNIT_WORDS = r"(?:[ \t]+(?!(?:x|is|are|so|and|or|gives|of)\b)[A-Za-z][A-Za-z-]*){1,3}"
_TIMES = r"[ \t]+[x\N{MULTIPLICATION SIGN}*/\N{DIVISION SIGN}][ \t]+"
_WORDED_PRODUCT = lazy_regex(
    r"(?<![\w.,=\N{MULTIPLICATION SIGN}*/])"
    + rf"(?P<a>{_NUMBER})(?:{_UNIT_WORDS})?"
    + rf"(?P<ops>(?:{_TIMES}(?:{_NUMBER})(?:{_UNIT_WORDS})?){{1,3}})"
    + rf"[ \t]*=[ \t]*{_MARKUP}(?P<result>{_NUMBER})(?P<rest>[^\n]{{0,12}})"
)
_OPERAND = lazy_regex(rf"(?P<op>^|{_TIMES})(?P<n>{_NUMBER})(?P<w>{_UNIT_WORDS})?")


# Units a result may be converted into: time, memory, and scale words.
_CONVERTED_UNIT = lazy_regex(
    r"\s*(s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|days?|weeks?|[KMGTP]i?B|bytes?|bits?|"
    r"k|K|M|B|T|bn|tn|thousand|million|billion|trillion)\b"
)
_OPERATOR_BEFORE = lazy_regex(
    r"(?:[-+*/^(\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DIVISION SIGN}]|\bx)\s*$"
)


def _worded_products(document: LintDocument) -> Iterator[Derivation]:
    """Products whose operands carry words, which the tokenizer does not read as a formula."""
    view = _body_view(document)
    for match in _WORDED_PRODUCT.finditer(view, document.body_offset):
        written = match.group(0)[: match.start("result") - match.start()]
        written = written[: written.rindex("=")]
        operands = list(_OPERAND.finditer(written))
        if not any(operand.group("w") for operand in operands):
            continue  # a plain formula: the tokenizer's
        formula = " ".join(
            (operand.group("op").strip() + " " if operand.group("op") else "")
            + _plain_digits(operand.group("n"))
            for operand in operands
        )
        value = _value(formula)
        if value is None or _claimed(match, view) is None:
            continue
        before = view[max(0, match.start() - 30) : match.start()]
        if _OPERATOR_BEFORE.search(before):
            continue  # one term of a longer formula ("... + 3 x 512 biases = 787,968")
        unit = _CONVERTED_UNIT.match(match.group("rest"))
        words = {w.lower() for o in operands for w in (o.group("w") or "").split()}
        if unit and unit.group(1).lower() not in words:
            continue  # a result in another unit ("3 x 40 s = 2 min"): a conversion
        if re.search(r"\b(?:if|would|e\.g\.|say|suppose)\b[^.\n]*$", before, re.I):
            continue  # a supposed run
        yield Derivation(match.start(), match.end("result"), written, value, match["result"])


# A square or cubic size: the same number times itself ("7 x 7", "1 x 1 x 1").
_SQUARE_SIZE = lazy_regex(r"\s*(\d+)(?:\s*[\N{MULTIPLICATION SIGN}xX]\s*\1(?!\d))+\s*")


def _counts_with_depth(found: Derivation, claimed: Fraction) -> bool:
    """Whether a square map size is restated as a count that includes its depth: "a
    $1 \times 1$ map, i.e. 120 units" has 120 channels, so a whole multiple of the area
    is no wrong product; any other number still is."""
    if not _SQUARE_SIZE.fullmatch(found.formula) or found.value <= 0:
        return False
    return claimed > found.value and (claimed / found.value).denominator == 1


def wrong_derivations(document: LintDocument) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of each derivation whose result the formula does not give."""
    for found in [*derivations(document), *_worded_products(document)]:
        claimed = Fraction(_plain_digits(found.claimed))
        if _agrees(found.value, claimed) or _counts_with_depth(found, claimed):
            continue
        if other_reading(
            document.text, found.start, found.end, found.value, claimed, found.formula
        ):
            continue  # "10 s / 20 ms = 500": right when its units are read
        shown = (
            str(found.value.numerator)
            if found.value.denominator == 1
            else f"{float(found.value):.4g}"
        )
        yield (
            found.start,
            found.end,
            f"{' '.join(found.formula.split())} = {shown}, not {found.claimed}: correct the "
            "calculation or the result it leads to",
        )
