"""A worked calculation's operands (issue #12): the numbers a line writes before a claim that
is the calculation's result ("(224 + 6 - 7) / 2 = 111", "512 x 256 = 131,072 parameters").

A chain whose arithmetic is right can still use the wrong formula (no "+ 1", no bias, no
devices). Its operands say which of the note's stated quantities the author computed with, so
the linker can recompute the claim from those quantities by the family's own formula and
compare the *result*, not the steps. Only a chain whose last step is right is read (a wrong
step is AG101's), and only its last result: an intermediate value ("3 x 3 x 64 x 128 =
73,728 weights, plus 128 biases") is a part, not the answer."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from ankigen.lint.arith.expression import evaluate
from ankigen.lint.arith.inline import spaced_thousands
from ankigen.lint.arith.latex import plain_latex
from ankigen.lint.claims import Claim
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import find_numbers

# where the chain starts on its line: after a sentence's end, a colon, a semicolon, a dash
# or a code comment's mark that a formula follows ("# (56 + 2 - 3) // 2 = 27"); a comment
# that holds only the result ("out = (56 - 3) // 2 + 1  # 27") is the code's result
_CHAIN_START = lazy_regex(
    r"[.;:!?](?=\s)|\u2014|\s\u2013\s|\s-\s(?=\D)|(?<!\S)#\s(?=[^\n]*\d[^\n]*[=\u2248])"
)
# a line that goes on with the chain of the line before: "= (64 - 5) / 1 + 1", "&= 60 \\\\"
_CONTINUED = lazy_regex(r"^[ \t>]*[&$]*\s*(?:=|\u2248|\u2192|->|\\approx|\\Rightarrow)")
# code's rounding calls, written as brackets: "math.ceil(50_000 / 128)"
_CALLS = (
    (lazy_regex(r"(?:math\.|np\.)?ceil\(([^()]*)\)"), "\u2308\\1\u2309"),
    (lazy_regex(r"(?:math\.|np\.)?floor\(([^()]*)\)|\bint\(([^()]*)\)"), "\u230a\\1\\2\u230b"),
)
# the words that lead into a chain's first formula
# (one word at a time, each taken whole: no backtracking into a word on a long line)
_LEAD = lazy_regex(r"^\s*(?:[A-Za-z][\w'-]*+,?\s+)+(?=[\d(\[\u230a\u2308])")
# the links of a chain: "=", "≈", an arrow (in prose or LaTeX), a comment's mark before
# the result alone
_LINK = lazy_regex(r"=|\u2248|\u2192|->|\u21d2|\\(?:Rightarrow|approx|to)\b|~|#(?=[\s*_`]*$)")
# where the claim's sentence ends after it (a decimal point is no end)
_SENTENCE_END = lazy_regex(r"[.;:!?](?=\s|$)|\n")
# a power or a square root in the chain: an area, a count of tokens, no one size or count
_POWER = lazy_regex(r"[\u00b2\u00b3\u221a]|\^|\*\*|\\sqrt")
# the result said again as a shape after it: "= 30, so 30x30x16", "= 62, i.e. 62 x 62"
_RESTATED = lazy_regex(
    r"[\s,*_`$]*(?:so|i\.\s?e\.,?|that is|giving|->|\u2192)\s*(?:an?\s+|the\s+)?[*_`$]*"
    r"(?P<value>\d[\d,]*)(?![\d.])(?!\s*(?:[-+\u2212*/\u00f7=]|\u00d7\s*\d+\s*[-+=]))"
)
_MARKUP = str.maketrans("", "", "_`$")


@dataclass(frozen=True)
class Chain:
    """The calculation whose last result is the claim: the numbers its formulas compute with
    and the results written between its links ("390.6" of "50,000 / 128 = 390.6 → 390")."""

    operands: frozenset[Fraction]
    results: frozenset[Fraction]
    text: str
    # the operands the chain only subtracts ("(38 - 1)·2 + 3 - 75 = 2" takes the input away:
    # a padding worked out, no output size)
    subtracted: frozenset[Fraction] = frozenset()


def chain_text(document: LintDocument, claim: Claim) -> str:
    """The text before ``claim`` on its line, with the lines before it that the chain runs
    over where each goes on with the one above ("= (64 - 5) / 1 + 1" under "out =")."""
    line_start = document.text.rfind("\n", 0, claim.start) + 1
    before = document.text[line_start : claim.start]
    while _CONTINUED.match(before) and line_start > 0:
        previous = document.text.rfind("\n", 0, line_start - 1) + 1
        above = document.text[previous : line_start - 1].rstrip().removesuffix("\\\\")
        if not above.strip():
            break
        before, line_start = f"{above} {before}", previous
    return before


def worked_chain(document: LintDocument, claim: Claim) -> Chain | None:
    """The chain ending in ``claim`` on its line (and the lines it goes on from), or None:
    the claim is no written calculation's result, or not its last one (a number follows it
    in its sentence), its last step is not right, a formula holds a letter, or the chain
    holds a power or a root."""
    before = chain_text(document, claim)
    start = 0
    for match in _CHAIN_START.finditer(before):
        start = match.end()
    text = spaced_thousands(before[start:])
    if _POWER.search(text):
        return None
    end = _SENTENCE_END.search(document.text, claim.end)
    after = document.text[claim.end : end.start() if end else len(document.text)]
    if re.search(r"\d", after) and not _restated(after, claim.value):
        return None  # "= 73,728 weights, plus 128 biases": a part on the way
    steps = [_plain(step) for step in _LINK.split(text)]
    # the words before the first formula: "in total 12,000 x 10 / 64"
    steps = [_LEAD.sub("", step, count=1) if i == 0 else step for i, step in enumerate(steps)]
    steps = [step for step in steps if step.strip()]
    if len(steps) < 1 or not _agrees(_value(steps[-1]), claim.value):
        return None  # a wrong last step is AG101's; an unreadable one is nobody's here
    operands: set[Fraction] = set()
    results: set[Fraction] = set()
    added: set[Fraction] = set()
    for step in steps:
        if re.search(r"[A-Za-z]", step):
            continue  # "(n - 1)s - 2p + k": the formula in letters, before its numbers
        numbers = list(find_numbers(step))
        (results if len(numbers) == 1 else operands).update(n.value for n in numbers)
        added.update(n.value for n in numbers if not re.search(r"-\s*$", step[: n.start]))
    if not operands:
        return None
    return Chain(frozenset(operands), frozenset(results), text, frozenset(operands - added))


def explained(chain: Chain, known: set[Fraction]) -> bool:
    """Whether every operand of the chain is a known quantity (a stated one, a constant of
    the family's formula) or a result the chain wrote before, or 1: nothing it computes with
    is a quantity the note's roles did not read (an upsampling's 2, a split's share)."""
    return chain.operands <= known | chain.results | {Fraction(0), Fraction(1)}


def _restated(after: str, value: Fraction) -> bool:
    match = _RESTATED.match(after)
    return match is not None and Fraction(match.group("value").replace(",", "")) == value


def _plain(step: str) -> str:
    text = plain_latex(step) if "\\" in step else step
    for pattern, bracket in _CALLS:
        text = pattern.sub(bracket, text)
    text = re.sub(r"(?<=\d)_(?=\d{3})", ",", text)  # "50_000"
    text = text.replace("**", "").translate(_MARKUP)
    for sign, plain in (
        ("\u2212", "-"),
        ("\u00b7", "\u00d7"),
        ("\u22c5", "\u00d7"),
        ("*", "\u00d7"),
    ):
        text = text.replace(sign, plain)
    return re.sub(r"\b(?:text|mathrm)\b|\(\s*\)", " ", text)


def _value(step: str) -> Fraction | None:
    if not re.search(r"\d", step) or re.search(r"[A-Za-z]", step):
        return None
    return evaluate(step.strip().rstrip(",;"))


def _agrees(value: Fraction | None, claimed: Fraction) -> bool:
    """Whether the claim is the step's value, or that value rounded down, up or to the
    nearest whole number."""
    if value is None:
        return False
    return claimed in (value, math.floor(value), math.ceil(value), round(value))
