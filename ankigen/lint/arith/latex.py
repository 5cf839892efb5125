r"""Simple LaTeX arithmetic rewritten as the symbols of prose, so that one tokenizer reads both:
``\frac{227 - 11}{4} + 1`` becomes ``((227 - 11) / 4) + 1`` and ``\lfloor`` becomes a floor
bracket. Anything that is not simple arithmetic is left as it is, to fail the match later.
"""

from __future__ import annotations

import re

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.lazy_pattern import lazy_regex

LEFT_FLOOR, RIGHT_FLOOR = "\N{LEFT FLOOR}", "\N{RIGHT FLOOR}"
LEFT_CEILING, RIGHT_CEILING = "\N{LEFT CEILING}", "\N{RIGHT CEILING}"

# Inline and display math, with the LaTeX of simple calculations rewritten as prose symbols. As
# pandoc reads it, a closing "$" is never a digit's currency sign: "288 x $2.50 = **$720**"
# holds no math.
MATH_SPAN = lazy_regex(
    r"(?P<tick>`+).+?(?P=tick)|\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^\s$](?:[^$\n]*[^\s$])?)\$(?!\d)",
    re.S,
)
_LATEX = (
    # Alignment and line breaks of display math: "O &= (32 - 5)/1 + 1 \\ &= 28".
    (lazy_regex(r"\\(?:begin|end)\{[^{}]*\}|\\\\|&"), " "),
    # A decimal comma, as European authors write it in LaTeX: "21{,}05", "0{,}15". "{,}" is
    # only a thousands separator before a group of exactly three digits after a non-zero
    # integer part ("12{,}800").
    (lazy_regex(r"(?<=0)(?<![\d.,]0)\{,\}(?=\d)|(?<=\d)\{,\}(?=\d{1,2}(?!\d)|\d{4})"), "."),
    (lazy_regex(r"\{,\}|\\,(?=\d)"), ","),
    # A term labelled by a brace under or over it: "\underbrace{240 \cdot 10 + 10}_{\text{reduce}}"
    # is the bracketed term; its label is no part of the calculation.
    (
        lazy_regex(r"\\(?:underbrace|overbrace)\{([^{}]*)\}(?:[_^]\{(?:[^{}]|\{[^{}]*\})*\})?"),
        r"(\1)",
    ),
    # A thin space between a number and a bracket is a product: "4\,[h(d + h) + h]"
    (lazy_regex(r"(?<=\d)[ \t]*\\[,;:!][ \t]*(?=[\[(])"), f" {TIMES} "),
    (lazy_regex(r"\\(?:cdot|times|ast)(?![A-Za-z])"), f" {TIMES} "),
    (lazy_regex(r"\\div(?![A-Za-z])"), " ÷ "),
    (lazy_regex(r"\\pm(?![A-Za-z])"), " \N{PLUS-MINUS SIGN} "),  # an interval, no operator
    (lazy_regex(r"\\mp(?![A-Za-z])"), " \N{MINUS-OR-PLUS SIGN} "),
    (lazy_regex(r"\\(?:approx|simeq)(?![A-Za-z])"), " ≈ "),
    (lazy_regex(r"\\%"), "%"),
    (lazy_regex(r"\\(?:text|mathrm)\{([^{}]*)\}"), r" \1 "),
    (lazy_regex(r"\\(?:left|right|[bB]igg?[lr]?)(?![A-Za-z])"), ""),
    (lazy_regex(r"\\lfloor(?![A-Za-z])"), LEFT_FLOOR),
    (lazy_regex(r"\\rfloor(?![A-Za-z])"), RIGHT_FLOOR),
    (lazy_regex(r"\\lceil(?![A-Za-z])"), LEFT_CEILING),
    (lazy_regex(r"\\rceil(?![A-Za-z])"), RIGHT_CEILING),
    (lazy_regex(r"\\[,;:! ]|~"), " "),
    (lazy_regex(r"\\sqrt(?![A-Za-z])"), "\N{SQUARE ROOT}"),  # "\sqrt{16}" is "√(16)"
)
# Innermost fractions first: "\frac{\frac{1}{2}}{4}" becomes "((1) / (2)) / (4)" in two steps.
_FRACTION = lazy_regex(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")


def _fraction_as_division(match: re.Match[str]) -> str:
    numerator, denominator = (
        part if re.fullmatch(r"\s*[\d,.]+\s*", part) else f"({part})" for part in match.groups()
    )
    return f"({numerator} / {denominator})"


# Thousands grouped by a thin space, "7\,350": the same math then writes "{,}" for decimals.
_THIN_GROUPS = lazy_regex(r"\d\\,\d{3}(?!\d)")
_ANY_COMMA_GROUP = lazy_regex(r"(?<=\d)\{,\}(?=\d)")


_BRACED_ROOT = lazy_regex("\N{SQUARE ROOT}" + r"\{([^{}]*)\}")
_BRACED_POWER = lazy_regex(r"\^\{([^{}]*)\}")


def _unbraced_inside_fractions(latex: str) -> tuple[str, int]:
    r"""A root or a power inside a fraction ("\frac{1}{\sqrt{64}}", "\frac{2^{10}}{8}") keeps
    braces the fraction's pattern cannot hold: they become brackets (a power of digits loses
    them, "2^10"), so the fraction around them can be read."""
    latex, roots = _BRACED_ROOT.subn("\N{SQUARE ROOT}(\\1)", latex)
    latex, powers = _BRACED_POWER.subn(
        lambda match: "^" + (match[1] if re.fullmatch(r"\d[\d,.]*", match[1]) else f"({match[1]})"),
        latex,
    )
    return latex, roots + powers


def plain_latex(latex: str) -> str:
    """Simple LaTeX arithmetic as prose symbols; anything else is left to fail the match."""
    if "{,}" in latex and _THIN_GROUPS.search(latex):
        latex = _ANY_COMMA_GROUP.sub(".", latex)  # "\frac{7\,350}{2\,000} = 3{,}675"
    for pattern, replacement in _LATEX:
        latex = pattern.sub(replacement, latex)
    for _ in range(8):
        latex, count = _FRACTION.subn(_fraction_as_division, latex)
        if not count and "frac{" in latex:
            latex, count = _unbraced_inside_fractions(latex)
        if not count:
            break
    latex = re.sub(r"\{(\d[\d,.]*)\}", r"\1", latex)  # "2^{10}" is "2^10"
    return latex.replace("{", "(").replace("}", ")")
