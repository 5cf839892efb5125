r"""Simple LaTeX arithmetic rewritten as the symbols of prose, so that one tokenizer reads both:
``\frac{227 - 11}{4} + 1`` becomes ``((227 - 11) / 4) + 1`` and ``\lfloor`` becomes a floor
bracket. Anything that is not simple arithmetic is left as it is, to fail the match later.
"""

from __future__ import annotations

import re

from ankigen.lint.arith.expression import TIMES

LEFT_FLOOR, RIGHT_FLOOR = "\N{LEFT FLOOR}", "\N{RIGHT FLOOR}"
LEFT_CEILING, RIGHT_CEILING = "\N{LEFT CEILING}", "\N{RIGHT CEILING}"

# Inline and display math, with the LaTeX of simple calculations rewritten as prose symbols.
MATH_SPAN = re.compile(
    r"(?P<tick>`+).+?(?P=tick)|\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^\s$](?:[^$\n]*[^\s$])?)\$",
    re.S,
)
_LATEX = (
    # Alignment and line breaks of display math: "O &= (32 - 5)/1 + 1 \\ &= 28".
    (re.compile(r"\\(?:begin|end)\{[^{}]*\}|\\\\|&"), " "),
    (re.compile(r"\{,\}|\\,(?=\d)"), ","),
    (re.compile(r"\\(?:cdot|times|ast)(?![A-Za-z])"), f" {TIMES} "),
    (re.compile(r"\\div(?![A-Za-z])"), " ÷ "),
    (re.compile(r"\\pm(?![A-Za-z])"), " \N{PLUS-MINUS SIGN} "),  # an interval, no operator
    (re.compile(r"\\mp(?![A-Za-z])"), " \N{MINUS-OR-PLUS SIGN} "),
    (re.compile(r"\\(?:approx|simeq)(?![A-Za-z])"), " ≈ "),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\(?:text|mathrm)\{([^{}]*)\}"), r" \1 "),
    (re.compile(r"\\(?:left|right|[bB]igg?[lr]?)(?![A-Za-z])"), ""),
    (re.compile(r"\\lfloor(?![A-Za-z])"), LEFT_FLOOR),
    (re.compile(r"\\rfloor(?![A-Za-z])"), RIGHT_FLOOR),
    (re.compile(r"\\lceil(?![A-Za-z])"), LEFT_CEILING),
    (re.compile(r"\\rceil(?![A-Za-z])"), RIGHT_CEILING),
    (re.compile(r"\\[,;:! ]|~"), " "),
    (re.compile(r"\\sqrt(?![A-Za-z])"), "\N{SQUARE ROOT}"),  # "\sqrt{16}" is "√(16)"
)
# Innermost fractions first: "\frac{\frac{1}{2}}{4}" becomes "((1) / (2)) / (4)" in two steps.
_FRACTION = re.compile(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")


def _fraction_as_division(match: re.Match[str]) -> str:
    numerator, denominator = (
        part if re.fullmatch(r"\s*[\d,.]+\s*", part) else f"({part})" for part in match.groups()
    )
    return f"({numerator} / {denominator})"


def plain_latex(latex: str) -> str:
    """Simple LaTeX arithmetic as prose symbols; anything else is left to fail the match."""
    for pattern, replacement in _LATEX:
        latex = pattern.sub(replacement, latex)
    for _ in range(8):
        latex, count = _FRACTION.subn(_fraction_as_division, latex)
        if not count:
            break
    latex = re.sub(r"\{(\d[\d,.]*)\}", r"\1", latex)  # "2^{10}" is "2^10"
    return latex.replace("{", "(").replace("}", ")")
