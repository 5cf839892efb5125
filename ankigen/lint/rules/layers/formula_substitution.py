"""A symbolic output-size formula followed by the same formula with numbers: each substituted
number must be the value the note states for the symbol's role.

"Input length 100, kernel size 10, stride 5" with ``o = (n - k)/s + 1`` and then
``o = (100 - 5)/5 + 1 = 20`` puts the stride where the kernel belongs: the arithmetic is
right, the operand is not, and the size is (100 - 10)/5 + 1 = 19.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_ROLES = ("input", "kernel", "stride", "padding")

# A formula symbol's role by its name: n, W, H, L_in for the input; k, F for the kernel; ...
_SYMBOL_ROLE = {
    "n": "input", "N": "input", "W": "input", "H": "input", "L": "input", "i": "input",
    "I": "input", "w": "input", "h": "input", "x": "input",
    "k": "kernel", "K": "kernel", "F": "kernel", "f": "kernel",
    "s": "stride", "S": "stride",
    "p": "padding", "P": "padding",
}  # fmt: skip

# What the note states for each role, in words or as a formula variable ("$K = 5$").
_STATED = {
    "input": lazy_regex(
        r"\binput(?:\s+(?:length|width|height|size))?\s*(?:of\s+|is\s+|=\s*|:\s*)?(?P<v>\d+)\b"
        r"|\b(?:length|width|height)\s+(?:of\s+)?(?P<w>\d+)\b"
        r"|\b(?P<x>\d+)\s+(?:frames|samples|time\s+steps|tokens)\b"
        r"|\b(?P<q>\d+)-(?:pixels?|samples?|frames?|steps?|tokens?)\b"
        r"|\b(?P<y>\d+)\s*[x\N{MULTIPLICATION SIGN}]\s*(?P=y)\b",
        re.I,
    ),
    "kernel": lazy_regex(
        r"\b(?:kernel|filter|window)(?:[ _]size)?\s*(?:of\s+|=\s*|:\s*)?(?P<v>\d+)\b"
        r"|\b(?P<w>\d+)\s*(?:[x\N{MULTIPLICATION SIGN}]\s*\d+\s*)?[- ]?(?:kernel|filter)\b",
        re.I,
    ),
    "stride": lazy_regex(
        r"\bstrides?\s*(?:of\s+|=\s*|:\s*)?(?P<v>\d+)\b|\b(?P<w>\d+)\s*strides?\b"
        r"|\bstride-(?P<x>\d+)\b",
        re.I,
    ),
    "padding": lazy_regex(
        r"\bpadding\s*(?:of\s+|=\s*|:\s*)?(?P<v>\d+)\b|\b(?P<z>no|without|valid)\W{0,2}\s*padding\b",
        re.I,
    ),
}
# "$W = 120$", "K = 5": a formula variable given its value
_ASSIGNED = lazy_regex(
    r"(?<![\w\\])(?P<name>[A-Za-z])(?:_\{?(?:in)\}?)?\s*=\s*(?P<v>\d+)\b(?!\s*[-+/*(])"
)

# Anything that makes a second value a scenario of its own, or a layer the formula does not cover
_OTHER_SCENARIO = lazy_regex(
    r"\b(?:instead|suppose|if\s+we|would|dilat\w*|transpos\w*|same|ceil\w*|another|other)\b", re.I
)

_LATEX = (
    (re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)\b\s*"), ""),
    (re.compile(r"\\[lr]floor|\\[lr]ceil|[\N{LEFT FLOOR}\N{RIGHT FLOOR}]"), ""),
    (re.compile(r"\\(?:cdot|times)|[\N{MIDDLE DOT}\N{MULTIPLICATION SIGN}*]"), "*"),
    (re.compile(r"\N{MINUS SIGN}"), "-"),
    (re.compile(r"\\[,;! ]|\$"), " "),
    (re.compile(r"\{\\rm\s*|\\(?:text|mathrm)\{"), "{"),
)
_FRAC = re.compile(r"\\d?frac\{([^{}]*)\}\{([^{}]*)\}")
_TOKEN = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)|(?P<sym>[A-Za-z](?:_\{?\w+\}?|')?)(?![A-Za-z])"
    r"|(?P<word>[A-Za-z]{2,})|(?P<op>[-+/*()=])"
)
_IN_SUBSCRIPT = re.compile(r"_\{?in\}?$", re.I)
_LAYER_NOTE = lazy_regex(r"conv|pool|kernel|filter", re.I)

Token = tuple[str, str]


_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^{}]*)?\}\}")


def _normalise(text: str) -> str:
    text = _CLOZE.sub(r"\1", text)
    for pattern, replacement in _LATEX:
        text = pattern.sub(replacement, text)
    while True:
        changed = _FRAC.sub(r"((\1)/(\2))", text)
        if changed == text:
            return text.replace("{", "(").replace("}", ")")
        text = changed


def _segments(line: str) -> list[list[Token]]:
    """The sides of a chain of equalities, each cut at its first word."""
    segments: list[list[Token]] = [[]]
    cut = False
    for match in _TOKEN.finditer(_normalise(line)):
        kind = match.lastgroup or ""
        value = match.group().replace(",", "")
        if value == "=":
            segments.append([])
            cut = False
            continue
        if kind == "word":
            cut = True
        if cut:
            continue
        current = segments[-1]
        if current and kind == "sym" and current[-1][0] == "num":
            current.append(("op", "*"))  # "2p" is 2 * p
        current.append((kind, value))
    return segments


def _role(symbol: str) -> str:
    base = _IN_SUBSCRIPT.sub("", symbol)
    if base != symbol or len(base) == 1:
        return _SYMBOL_ROLE.get(base[0], "") if base else ""
    return ""


def stated_values(document: LintDocument) -> dict[str, set[int]]:
    """The values the note states for each role (input, kernel, stride, padding)."""
    text = document.text[document.body_offset :]
    stated: dict[str, set[int]] = {role: set() for role in _ROLES}
    for role, pattern in _STATED.items():
        for match in pattern.finditer(text):
            if match.groupdict().get("z"):
                stated[role].add(0)
            elif match.groupdict().get("v") or role != "input":
                value = next(v for k, v in match.groupdict().items() if v and k != "z")
                stated[role].add(int(value))
    for match in _ASSIGNED.finditer(text):
        role = _SYMBOL_ROLE.get(match["name"], "")
        if role:
            stated[role].add(int(match["v"]))
    if not stated["input"]:
        # "64 frames", "a 32x32 image": a size named by nothing else
        for match in _STATED["input"].finditer(text):
            stated["input"] |= {int(v) for v in match.groupdict().values() if v}
    return stated


class _Parser:
    """The value of a flat + - * / expression with brackets (numbers only)."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens, self.at = tokens, 0

    def value(self) -> Fraction | None:
        try:
            result = self._sum()
        except (IndexError, ValueError, ZeroDivisionError, RecursionError):
            return None  # RecursionError: brackets nested past Python's stack, no formula
        return result if self.at == len(self.tokens) else None

    def _sum(self) -> Fraction:
        total = self._product()
        while self.at < len(self.tokens) and self.tokens[self.at][1] in "+-":
            sign = self.tokens[self.at][1]
            self.at += 1
            term = self._product()
            total = total + term if sign == "+" else total - term
        return total

    def _product(self) -> Fraction:
        total = self._atom()
        while self.at < len(self.tokens) and self.tokens[self.at][1] in "*/":
            operator = self.tokens[self.at][1]
            self.at += 1
            factor = self._atom()
            total = total * factor if operator == "*" else total / factor
        return total

    def _atom(self) -> Fraction:
        kind, value = self.tokens[self.at]
        self.at += 1
        if value == "(":
            inner = self._sum()
            if self.tokens[self.at][1] != ")":
                raise ValueError(value)
            self.at += 1
            return inner
        if kind != "num":
            raise ValueError(value)
        return Fraction(value)


def _symbolic(segment: list[Token]) -> bool:
    return any(kind == "sym" for kind, _ in segment) and all(
        value in ("1", "2") for kind, value in segment if kind == "num"
    )


def substitution_findings(document: LintDocument) -> Iterator[Finding]:
    """Numbers substituted into the note's own formula where another role's value belongs."""
    body = document.body_offset
    text = document.text
    if not _LAYER_NOTE.search(text, body) or _OTHER_SCENARIO.search(text, body):
        return
    stated = stated_values(document)
    symbolic: list[Token] | None = None
    for line in _FORMULA.finditer(text, body):
        segments = _segments(line.group())
        for index, segment in enumerate(segments[1:], 1):
            if _symbolic(segment) and "/" in {value for _kind, value in segment}:
                symbolic = segment
                continue
            last = segments[-1]
            if symbolic is None or index == len(segments) - 1 or not last:
                continue
            if last[0][0] != "num" or any(kind == "sym" for kind, _ in segment):
                continue
            message = _judge(symbolic, segment, last[0][1], stated)
            symbolic = None  # one substitution per formula
            if message is not None:
                claim = line.start() + _claim_offset(line.group(), last[0][1])
                yield Finding(claim, claim + len(last[0][1]), message)
            break


# A formula line: "=", a quotient, "+ 1".
_FORMULA = lazy_regex(r"[^\n]*=[^\n]*(?:/|\\d?frac)[^\n]*\+\s*1\b[^\n]*")


def _claim_offset(line: str, claimed: str) -> int:
    equals = line.rfind("=")
    at = line.find(claimed, equals)
    return at if at >= 0 else equals


def _is_symbol(tokens: list[Token], at: int) -> bool:
    return at < len(tokens) and tokens[at][0] == "sym"


def _judge(
    symbolic: list[Token], numeric: list[Token], claimed: str, stated: dict[str, set[int]]
) -> str | None:
    left = [token for token in symbolic if token[1] not in "()"]
    spots = [at for at, token in enumerate(numeric) if token[1] not in "()"]
    right = [numeric[at] for at in spots]
    fixed = list(numeric)
    wrong: list[tuple[str, int, int]] = []
    i = j = 0
    while i < len(left):
        if j >= len(right):
            return None
        kind, name = left[i]
        coefficient = 1
        if kind == "num" and left[i + 1 : i + 2] == [("op", "*")] and _is_symbol(left, i + 2):
            coefficient, (kind, name) = int(name), left[i + 2]
            i += 2
            if j + 2 < len(right) and right[j + 1][1] == "*" and right[j][1] == str(coefficient):
                coefficient, j = 1, j + 2  # "2·3" written out: the 3 is the operand
        if kind != "sym":
            if (kind, name) != right[j]:
                return None
            i, j = i + 1, j + 1
            continue
        role = _role(name)
        other_kind, written = right[j]
        if other_kind != "num" or "." in written or not role or len(stated[role]) != 1:
            return None
        (due,) = stated[role]
        if int(written) != coefficient * due:
            if int(written) % coefficient:
                return None
            wrong.append((role, int(written) // coefficient, due))
            fixed[spots[j]] = ("num", str(coefficient * due))
        i, j = i + 1, j + 1
    if j != len(right) or len(wrong) != 1:
        return None
    written_value, corrected = _Parser(numeric).value(), _Parser(fixed).value()
    if written_value is None or corrected is None:
        return None
    if Fraction(claimed) not in (written_value, math.floor(written_value)):
        return None  # wrong arithmetic is AG101's
    size = math.floor(corrected)
    if size == int(claimed):
        return None
    role, value, due = wrong[0]
    return (
        f"the note states {role} {due}, but {value} is substituted: the formula gives "
        f"{size}, not {claimed}: correct the output size"
    )
