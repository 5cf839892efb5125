"""Math written with Anki's own delimiters and one backslash: ``\\(…\\)`` and ``\\[…\\]``.

CommonMark reads ``\\(`` as an escaped ``(``, so such a formula reached the card as raw TeX
between plain brackets, which nobody means: authors who paste from Anki, or whose editor
typesets these delimiters, write them for math (issue #12; two independent authors of the
held-out notes did). Notion and Google Docs exports escape every bracket of prose too
("\\(for training\\)"), so only brackets holding a sign that is TeX and nothing else (a
control word, a ``^``, a brace, a ``_`` before a brace or a single character), or an
operator between terms with no word of prose ("\\(p = 0.5\\)", "\\(n - 1\\)"), are math;
a lone term ("\\(x\\)", "\\(b\\)", "\\(1\\)") may be an exported list label and stays
text. None of these showed as meant before, so no card that showed right changes.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# A sign of TeX: "\frac", "^", a brace, "_{" or "_1" ("my_var" is a name, not a subscript).
TEX_SIGN = re.compile(r"\\[A-Za-z]{2,}|\^|[{}]|_(?:\{|[A-Za-z0-9](?![A-Za-z0-9]))")
_CLOSERS = {"(": "\\)", "[": "\\]"}
# An operator between terms: "p = 0.5", "n - 1", "a < b", "1/2" (no hyphen inside a word).
_OPERATOR = re.compile(r"[=+*/<>|\N{MULTIPLICATION SIGN}\N{MINUS SIGN}]|(?<![A-Za-z])-")
_LETTER_RUN = re.compile(r"[A-Za-z]{3,}")
# Names of three letters or more that formulas write without a backslash.
_MATH_NAMES = frozenset(
    {"sin", "cos", "tan", "log", "exp", "max", "min", "arg", "det", "lim", "sup", "inf", "mod"}
    | {"softmax", "sigmoid", "tanh", "relu", "argmax", "argmin", "var", "cov", "std"}
)


def holds_math(bracket: str, inner: str) -> bool:
    """Whether the text between backslash brackets is a formula: TeX, or (between round
    ones) a variable joined to terms by an operator, with no word of prose among them.
    Square brackets need TeX: "\\[1-3\\]" is an exported citation."""
    if TEX_SIGN.search(inner):
        return True
    if bracket != "(" or _OPERATOR.search(inner) is None or not re.search("[A-Za-z]", inner):
        return False  # "\\(1-3\\)": a range of numbers
    return all(run.lower() in _MATH_NAMES for run in _LETTER_RUN.findall(inner))


def backslash_math_end(text: str, start: int) -> int | None:
    """The offset just past the closing delimiter when ``text[start:]`` opens backslash math
    that holds TeX, else None. The opening backslash must not be escaped itself."""
    bracket = text[start + 1 : start + 2]
    closer = _CLOSERS.get(bracket)
    if text[start : start + 1] != "\\" or closer is None or _escaped(text, start):
        return None
    search = start + 2
    while (end := text.find(closer, search)) >= 0:
        if not _escaped(text, end):
            inner = text[start + 2 : end]
            if inner.strip() and "\n\n" not in inner and holds_math(bracket, inner):
                return end + 2
            return None
        search = end + 1
    return None


def _escaped(text: str, offset: int) -> bool:
    """Whether an odd run of backslashes stands right before ``offset``."""
    run = len(text[:offset]) - len(text[:offset].rstrip("\\"))
    return run % 2 == 1


def _backslash_math(state: StateInline, silent: bool) -> bool:
    end = backslash_math_end(state.src, state.pos)
    if end is None:
        return False
    if not silent:
        display = state.src[state.pos + 1] == "["
        token = state.push("math_inline_double" if display else "math_inline", "math", 0)
        token.content = state.src[state.pos + 2 : end - 2]
        token.markup = state.src[state.pos : state.pos + 2]
    state.pos = end
    return True


def backslash_math_plugin(md: MarkdownIt) -> None:
    """Read TeX in ``\\(…\\)`` and ``\\[…\\]`` as inline and display math (before escapes)."""
    md.inline.ruler.before("escape", "backslash_math", _backslash_math)
