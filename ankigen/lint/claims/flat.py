"""A line of a note as its reader sees it: Markdown emphasis, code ticks, cloze syntax, HTML
tags and LaTeX markup taken away (``\\times`` as a times sign, ``\\to`` as an arrow, ``{,}``
and ``\\,`` between digit groups as a thousands separator, ``$`` dropped so "$49$,152" is one
number), with the file offset of every character kept. Numbers are read from that view,
scientific notation ("3.2 x 10^{-4}", "1.2·10⁶") and a leading minus joined to their number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ankigen.lint.arith.inline import spaced_thousands
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import MAX_EXPONENT, find_numbers

# (pattern, what the reader sees instead), tried in this order at each position.
_MARKUP = (
    (r"\{\{c\d+::", ""),  # a cloze opens
    (r"::[^{}\n]*?\}\}", ""),  # a cloze's hint and its end
    # Thousands apart by a thin space or LaTeX's "\,", "{,}": unambiguous, so at a sentence's
    # end too (``arith.inline.spaced_thousands`` reads plain spaces, more carefully).
    (r"(?<=\d)(?:\{,\}|\\,|[\u2009\u202f])(?=\d{3}(?!\d))", ","),
    (r"\{,\}", ","),
    (r"\\(?:times|cdot|ast)(?![a-zA-Z])|\u22c5", "\N{MULTIPLICATION SIGN}"),
    (r"\\(?:approx|simeq|sim|thickapprox)(?![a-zA-Z])", "\N{ALMOST EQUAL TO}"),
    (
        r"\\(?:to|rightarrow|Rightarrow|longrightarrow|mapsto|implies)(?![a-zA-Z])"
        r"|->|=>|\u21d2|\u27f6|\u27f9",
        "\N{RIGHTWARDS ARROW}",
    ),
    (r"\\lfloor", "\N{LEFT FLOOR}"),
    (r"\\rfloor", "\N{RIGHT FLOOR}"),
    (r"\\lceil", "\N{LEFT CEILING}"),
    (r"\\rceil", "\N{RIGHT CEILING}"),
    (r"\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])", ""),
    (r"\\(?:[,;! ]|quad|qquad)", " "),
    (r"\\(?:text|mathrm|textbf|mathbf|operatorname|mathit|textit|boldsymbol)(?![a-zA-Z])", ""),
    (r"\\[()\[\]]", " "),
    (r"\}\s*\{", "/"),  # \frac{a}{b}
    (r"\\[a-zA-Z]+", " "),
    (r"[{}$`]|\*\*|__", ""),
    (r"<[^<>\n]*>", " "),
    (r"&(?:nbsp|thinsp|#8201|#x2009);", " "),
    (r"\N{MINUS SIGN}", "-"),
    (r"\n[ \t>]*", " "),  # a paragraph's next line goes on its sentence
    (r"[\u2502\u2503]", " "),  # the box lines of a printed model summary
)
_MARKUP_PATTERN = lazy_regex("|".join(f"(?P<m{index}>{p})" for index, (p, _) in enumerate(_MARKUP)))
# "x 10^{-4}", "·10⁶", "x 10^(3)" after a mantissa (after the markup is gone).
_TIMES_TEN = lazy_regex(
    r"[ \t]*[\N{MULTIPLICATION SIGN}x*\N{MIDDLE DOT}][ \t]*10[ \t]*"
    r"(?:\^[ \t]*\(?(?P<power>[-+]?\d{1,4})\)?"
    r"|(?P<superscript>[\u207b\u207a]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+))"
)
_POWER_OF_TEN = lazy_regex(r"\^[ \t]*\(?(?P<power>[-+]?\d{1,4})\)?")
_SUPERSCRIPTS = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b\u207a", "0123456789-+"
)


@dataclass(frozen=True)
class Flat:
    """The reader's view of ``source[start:end]``; ``offsets[i]`` is the file offset of
    ``text[i]`` (a replacement's characters all map to where the markup began)."""

    text: str
    offsets: tuple[int, ...]
    end: int

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """The file offsets of ``text[start:end]``."""
        first = self.offsets[start] if start < len(self.offsets) else self.end
        last = self.offsets[end - 1] + 1 if end > start else first
        return first, last


@dataclass(frozen=True)
class Token:
    """A number of the view: its view offsets and exact value."""

    start: int
    end: int
    value: Fraction


# The claim readers flatten the same lines and cells of a note again and again (about half
# of the calls): the last few views and their numbers are kept (both are immutable).
_KEPT = 256


@lru_cache(maxsize=_KEPT)
def flatten(source: str, start: int, end: int) -> Flat:
    pieces: list[str] = []
    offsets: list[int] = []
    position = start
    for match in _MARKUP_PATTERN.finditer(source, start, end):
        pieces.append(source[position : match.start()])
        offsets.extend(range(position, match.start()))
        index = int((match.lastgroup or "m0")[1:])
        replacement = _MARKUP[index][1]
        pieces.append(replacement)
        offsets.extend([match.start()] * len(replacement))
        position = match.end()
    pieces.append(source[position:end])
    offsets.extend(range(position, end))
    return Flat("".join(pieces), tuple(offsets), end)


def _power(match: re.Match[str]) -> int:
    written = match.group("power") or (match.groupdict().get("superscript") or "")
    return int(written.translate(_SUPERSCRIPTS))


def numbers(flat: Flat) -> list[Token]:
    """The numbers written in digits in the view, in order, each joined with its power of ten
    and its leading minus."""
    return list(_numbers(flat.text))


@lru_cache(maxsize=_KEPT)
def _numbers(view: str) -> tuple[Token, ...]:
    """``numbers`` of a view's text (they depend on nothing else)."""
    text = spaced_thousands(view)  # "60 000" as "60,000" (same length)
    tokens: list[Token] = []
    for number in find_numbers(text):
        if not number.text[0].isdigit():
            continue  # number words: "the two layers" is no claim
        if tokens and number.start < tokens[-1].end:
            continue  # the exponent of a joined "x 10^4"
        start, end, value = number.start, number.end, number.value
        scientific = _TIMES_TEN.match(text, end)
        if scientific is not None and abs(_power(scientific)) <= MAX_EXPONENT:
            value *= Fraction(10) ** _power(scientific)
            end = scientific.end()
        elif number.text == "10" and (power := _POWER_OF_TEN.match(text, end)) is not None:
            value, end = Fraction(10) ** _power(power), power.end()
        sign = _before_blanks(text, start) - 1
        if sign >= 0 and text[sign] == "-":
            operand = _before_blanks(text, sign) - 1
            if operand < 0 or not re.match(r"[\w).\]]", text[operand]):
                start, value = sign, -value  # "= -1250", "(-600)"; not "600 - 750"
        tokens.append(Token(start, end, value))
    return tuple(tokens)


def _before_blanks(text: str, end: int) -> int:
    """Where the spaces and tabs right before ``end`` begin (a look back, not a slice of all
    before it: a paragraph's numbers are read in one pass)."""
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return end
