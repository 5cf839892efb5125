"""Arithmetic stated in a note: explicit calculations ("10,000 / 200 = 50", "20% of 500 is
100", "50 iterations (10,000 divided by 200)") and the epoch relation: an epoch of N samples at
batch size B takes ⌈N / B⌉ iterations.

Prose is tokenised into numbers, operators, "is"-like words, units and other words; each token
becomes one letter of a "shape" string, and claims are regular expressions over that shape.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache
from importlib import resources
from itertools import islice
from typing import Any

import yaml

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.numbers import (
    NUMBER_PATTERN,
    NUMBER_START,
    Number,
    find_numbers,
    format_number,
)
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.names import prose_tokens

# Written as escapes: they look like letters and hyphens in source code.
TIMES = "\N{MULTIPLICATION SIGN}"
MINUS = "\N{MINUS SIGN}"
EN_DASH = "\N{EN DASH}"
APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"


@cache
def _data() -> dict[str, Any]:
    text = resources.files("ankigen.lint").joinpath("data/arithmetic.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _words(entries: Sequence[str]) -> str:
    """An alternation of phrases, longest first, that never starts or ends inside a word."""
    ordered = sorted(entries, key=len, reverse=True)
    return "|".join(rf"(?<![A-Za-z])(?:{entry})(?![A-Za-z])" for entry in ordered)


# ---------------------------------------------------------------------------------------------
# Tokens and shapes


@dataclass(frozen=True)
class _Token:
    kind: str  # one letter: N number, % percent, f "of", o operator, = relation, s "≈",
    # ~ "about", u unit, ( ), w other word, _ anything else
    start: int
    end: int
    text: str
    number: Number | None = None
    symbol: str = ""  # an operator's symbol: the keys of "operators" in the data file


_KINDS = {"pct": "%", "aps": "s", "eq": "=", "approx": "~", "of": "f", "open": "(", "close": ")"}


@cache
def _tokenizer(math_mode: bool) -> re.Pattern[str]:
    data = _data()
    operators = data["operators"]
    if math_mode:  # in math a minus needs no spaces, and x is a variable, not "times"
        operators = {**operators, "-": [MINUS, "-"], TIMES: [TIMES, r"\*"]}
    groups = [
        r"(?P<gap>\n[ \t]*\n)",
        rf"(?P<num>{NUMBER_PATTERN})",
        r"(?P<pct>%|\bper ?cent\b)",
        rf"(?P<aps>{'|'.join(data['approximate_symbols'])})",
        *(
            rf"(?P<operator{index}>{_words(entries)})"
            for index, entries in enumerate(operators.values())
        ),
        rf"(?P<eq>{_words(data['equals'])})",
        rf"(?P<approx>{_words(data['approximate'])})",
        r"(?P<of>\bof\b)",
        r"(?P<open>\()",
        r"(?P<close>\))",
        rf"(?P<unit>{_words(data['units'])})",
        rf"(?P<word>[^\W\d_][\w'{APOSTROPHE}-]*)",
        r"(?P<other>\S)",
    ]
    return re.compile("|".join(groups), re.IGNORECASE)


def _tokens(text: str, start: int, end: int, math_mode: bool = False) -> list[_Token]:
    symbols = list(_data()["operators"])
    numbers = {number.start: number for number in find_numbers(text, start, end)}
    tokens = []
    for match in _tokenizer(math_mode).finditer(text, start, end):
        group = match.lastgroup or "other"
        if group == "num":
            number = numbers.get(match.start())
            if number is None:  # a run of words that is no number ("one")
                tokens.append(_Token("w", match.start(), match.end(), match.group(0)))
                continue
            tokens.append(_Token("N", number.start, number.end, number.text, number))
        elif group.startswith("operator"):
            symbol = symbols[int(group.removeprefix("operator"))]
            tokens.append(_Token("o", match.start(), match.end(), match.group(0), symbol=symbol))
        else:
            kind = _KINDS.get(group, "u" if group == "unit" else "w" if group == "word" else "_")
            tokens.append(_Token(kind, match.start(), match.end(), match.group(0)))
    return tokens


_TERM = r"(?:N%fN|N%?)u?"
_SIDE = rf"{_TERM}(?:o{_TERM})*"
_RELATION = r"(?:=[~s]?|s)~?"
# "A op B = C" (and "C = A op B", and chains "A op B = C = D"), never part of a longer run.
_CHAIN = re.compile(rf"(?<![No%f]){_SIDE}(?:{_RELATION}{_SIDE})+(?![No%f])")
# "C units (A op B)": a calculation in brackets that explains the number before it.
_EXPLAINED = re.compile(
    rf"(?<![o%f])(?P<result>N%?)[uw]{{0,4}}\(=?(?P<expr>{_TERM}(?:o{_TERM})+)\)"
)


# ---------------------------------------------------------------------------------------------
# Evaluating a calculation


@dataclass(frozen=True)
class _Side:
    tokens: tuple[_Token, ...]

    @property
    def has_operator(self) -> bool:
        return any(token.kind in "of" for token in self.tokens)

    @property
    def divides(self) -> bool:
        return any(token.symbol == "/" for token in self.tokens)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    def terms(self) -> Iterator[tuple[str, Fraction, Fraction, str]]:
        """(operator before, value, unit of the last digit, text) of each term."""
        operator, index, tokens = "", 0, self.tokens
        while index < len(tokens):
            token = tokens[index]
            if token.kind == "o":
                operator = token.symbol
            elif token.kind == "N" and token.number is not None:
                value, ulp, text = token.number.value, token.number.ulp, _shown(token.number)
                if index + 1 < len(tokens) and tokens[index + 1].kind == "%":
                    value, ulp, text = value / 100, ulp / 100, text + "%"
                    index += 1
                    if index + 2 < len(tokens) and tokens[index + 1].kind == "f":
                        base = tokens[index + 2]
                        assert base.number is not None
                        value, ulp = value * base.number.value, ulp * base.number.value
                        text = f"{text} of {_shown(base.number)}"
                        index += 2
                yield operator, value, ulp, text
            index += 1

    def value(self) -> Fraction | None:
        """The value with the usual precedence; None on a division by zero."""
        sums: list[Fraction] = []
        for operator, value, _ulp, _text in self.terms():
            if operator in ("", "+", "-"):
                sums.append(value if operator != "-" else -value)
            elif operator == TIMES:
                sums[-1] *= value
            elif value == 0:
                return None
            else:
                sums[-1] /= value
        return sum(sums, Fraction(0))

    def claimed(self) -> tuple[Fraction, Fraction, str]:
        """A plain number side: its value, its precision and its text."""
        _operator, value, ulp, text = next(self.terms())
        return value, ulp, text

    def expression(self) -> str:
        parts = []
        for operator, _value, _ulp, text in self.terms():
            parts.append(f"{operator} {text}" if operator else text)
        return " ".join(parts)


def _shown(number: Number) -> str:
    """A number as a message shows it: as written, but in digits ("fifty" -> "50")."""
    return number.text if number.text[0].isdigit() else format_number(number.value)


def _significant_round(value: Fraction, written: str) -> Fraction:
    """Round ``value`` to the significant digits of an integer written like ``written``."""
    digits = re.sub(r"\D", "", written.split(".")[0]).lstrip("0")
    zeros = len(digits) - len(digits.rstrip("0"))
    step = Fraction(10) ** zeros
    return round(value / step) * step


def _agrees(
    value: Fraction, claim: tuple[Fraction, Fraction, str], approx: bool, divides: bool
) -> bool:
    claimed, ulp, written = claim
    if abs(value - claimed) <= ulp / 2:
        return True
    # A division of counts is often rounded up (partial batches) or down (whole groups).
    if divides and claimed.denominator == 1 and claimed in (math.floor(value), math.ceil(value)):
        return True
    if approx:
        close = value != 0 and abs(value - claimed) <= abs(value) / 20
        return close or _significant_round(value, written) == claimed
    return False


@dataclass(frozen=True)
class _Claim:
    start: int
    end: int
    expression: str
    value: Fraction
    claimed: str
    claimed_value: Fraction
    grouped: bool
    explained: bool  # "C (A op B)": the calculation explains the number C
    result: int | None = None  # where C is, when it stands outside the reported span

    def shown(self) -> str:
        return format_number(self.value, self.grouped)


def _sides(tokens: Sequence[_Token]) -> list[tuple[_Side, bool]]:
    """Split a chain at its relations: each side, and whether it is claimed approximately."""
    sides: list[tuple[_Side, bool]] = []
    current: list[_Token] = []
    approx = False
    for token in tokens:
        if token.kind in "=s~":
            if current:
                sides.append((_Side(tuple(current)), approx))
                current, approx = [], False
            approx = approx or token.kind in "s~"
        else:
            current.append(token)
    sides.append((_Side(tuple(current)), approx))
    return sides


def _grouped(tokens: Sequence[_Token]) -> bool:
    return any(token.number is not None and token.number.grouped for token in tokens)


def _chain_claims(tokens: Sequence[_Token]) -> Iterator[_Claim]:
    """Wrong claims of a chain "A op B = C": each plain number against its calculation."""
    sides = _sides(tokens)
    calculations = [side for side, _approx in sides if side.has_operator]
    if not calculations:
        return
    for index, (side, approx) in enumerate(sides):
        if side.has_operator:
            continue
        calculation = next((s for s, _a in reversed(sides[:index]) if s.has_operator), None)
        calculation = calculation or calculations[0]
        value = calculation.value()
        if value is None or _agrees(value, side.claimed(), approx, calculation.divides):
            continue
        yield _Claim(
            calculation.start if calculation.start < side.start else side.start,
            max(calculation.end, side.end),
            calculation.expression(),
            value,
            side.claimed()[2],
            side.claimed()[0],
            _grouped(tokens),
            explained=False,
        )
        return


def _explained_claim(result: Sequence[_Token], expression: Sequence[_Token]) -> _Claim | None:
    side = _Side(tuple(expression))
    # "64 filters (3 x 3)" names a shape, not a calculation of 64.
    operators = [token for token in expression if token.kind == "o"]
    if all(token.symbol == TIMES and token.text in (TIMES, "x", "X") for token in operators):
        return None
    value = side.value()
    claim = _Side(tuple(result)).claimed()
    if value is None or _agrees(value, claim, False, side.divides):
        return None
    grouped = _grouped([*result, *expression])
    shown = side.expression()
    start = result[0].start
    return _Claim(side.start, side.end, shown, value, claim[2], claim[0], grouped, True, start)


def _claims(tokens: Sequence[_Token]) -> Iterator[_Claim]:
    shape = "".join(token.kind for token in tokens)
    for match in _CHAIN.finditer(shape):
        yield from _chain_claims(tokens[match.start() : match.end()])
    for match in _EXPLAINED.finditer(shape):
        result = tokens[match.start("result") : match.end("result")]
        claim = _explained_claim(result, tokens[match.start("expr") : match.end("expr")])
        if claim is not None:
            yield claim


# Inline and display math, with the LaTeX of simple calculations rewritten as prose symbols.
_MATH = re.compile(
    r"(?P<tick>`+).+?(?P=tick)|\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^\s$](?:[^$\n]*[^\s$])?)\$",
    re.S,
)
_LATEX = (
    (re.compile(r"\{,\}|\\,(?=\d)"), ","),
    (re.compile(r"\\(?:cdot|times)(?![A-Za-z])"), f" {TIMES} "),
    (re.compile(r"\\div(?![A-Za-z])"), " ÷ "),
    (re.compile(r"\\approx(?![A-Za-z])"), " ≈ "),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\(?:text|mathrm)\{([^{}]*)\}"), r" \1 "),
    (re.compile(r"\\frac\{(\d[\d,.]*)\}\{(\d[\d,.]*)\}"), r"\1 / \2"),
)


def _math_claims(document: LintDocument) -> Iterator[_Claim]:
    """Calculations that make up a whole ``$…$`` span: "$10{,}000 / 200 = 50$"."""
    if document.text.find("$", document.body_offset) < 0:  # no math: most notes
        return
    text = _without_code_blocks(document)
    for match in _MATH.finditer(text, document.body_offset):
        latex = match.group("display") or match.group("inline")
        if latex is None:
            continue
        for pattern, replacement in _LATEX:
            latex = pattern.sub(replacement, latex)
        tokens = _tokens(latex, 0, len(latex), math_mode=True)
        shape = "".join(token.kind for token in tokens)
        if not _CHAIN.fullmatch(shape):
            continue
        for claim in _chain_claims(tokens):
            yield replace(claim, start=match.start(), end=match.end())


def _without_code_blocks(document: LintDocument) -> str:
    text = document.text
    for token in document.tokens:
        if token.type in ("fence", "code_block") and token.map:
            start = document.offset_of_line(document.note.body_line + token.map[0])
            end = document.offset_of_line(document.note.body_line + token.map[1])
            text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text


_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


# Prose tokens (see ``prose_tokens``) seen to hold no number: most tokens of most notes.
_NUMBER_FREE: set[bytes] = set()


def _has_numbers(document: LintDocument) -> bool:
    """Whether the body's prose may hold a number; without one no prose claim, count or size
    can be found, so both rules skip most notes after this look."""
    return document.memo("arithmetic-has-numbers", lambda: _may_hold_numbers(document))


def _may_hold_numbers(document: LintDocument) -> bool:
    # Tokens are cut only at ASCII punctuation and white space, never inside a digit or a
    # number word, and a word's edges stay word edges: a number's start is in one token.
    for token in prose_tokens(document.prose, document.body_offset) - _NUMBER_FREE:
        if NUMBER_START.search(token.decode()):
            return True
        _NUMBER_FREE.add(token)
    return False


def _prose_claims(document: LintDocument) -> Iterator[_Claim]:
    if not _has_numbers(document):
        return
    prose = document.prose
    # A claim never crosses a blank line and needs two numbers: tokenise only such paragraphs.
    for paragraph in _PARAGRAPH.finditer(prose, document.body_offset):
        start, end = paragraph.span()
        if len(list(islice(find_numbers(prose, start, end), 2))) == 2:
            yield from _claims(_tokens(prose, start, end))


# ---------------------------------------------------------------------------------------------
# The epoch relation: N samples, batch size B, K iterations per epoch.


@cache
def _epoch_patterns() -> dict[str, re.Pattern[str]]:
    data = _data()
    names = iter(range(100))

    def num() -> str:  # every alternative names its number: n0, n1, …
        return rf"(?P<n{next(names)}>{NUMBER_PATTERN})"

    samples = _words(data["samples"])
    adjectives = rf"(?:(?:{_words(data['sample_adjectives'])})[ \t\n]+){{0,2}}"
    steps = _words(data["iterations"])
    step_adjectives = rf"(?:(?:{_words(data['iteration_adjectives'])})[ \t\n]+){{0,2}}"
    batch = r"(?:mini-?)?batch"
    per_batch = rf"[ \t\n]+(?:(?:{samples})[ \t\n]+)?(?:per|in each|in every|each)[ \t\n]+{batch}\b"
    sources = {
        "batch": (
            rf"\b{batch}[ _-]?size[ \t\n]*(?:of|is|=|:|equal to|set to|equals)?[ \t\n]*{num()}"
            rf"|\b{batch}(?:es)?[ \t\n]+of[ \t\n]+(?:size[ \t\n]+)?{num()}"
            rf"|{num()}{per_batch}|{num()}-(?:sample|example|image)[ \t\n]+{batch}"
        ),
        "samples": (
            rf"{num()}[ \t\n]+{adjectives}(?:{samples})"
            rf"|\b(?:data ?set|training set|corpus)[ \t\n]+(?:of|with)[ \t\n]+{num()}(?!\s*%)"
        ),
        "iterations": (
            rf"{num()}[ \t\n]+{step_adjectives}(?:{steps})"
            rf"|\b(?:{steps})[ \t\n]+per[ \t\n]+epoch[ \t\n]*(?:is|=|:|equals|of)?[ \t\n]*"
            rf"(?:(?:{_words(data['approximate'])})[ \t\n]*)?{num()}"
        ),
        "epochs": rf"{num()}[ \t\n]+epochs\b",
    }
    return {name: re.compile(source, re.IGNORECASE) for name, source in sources.items()}


@cache
def _epoch_keywords() -> dict[str, re.Pattern[str]]:
    """For each pattern of ``_epoch_patterns``, words that every match of it contains: a
    search for them is much faster than the pattern, and most prose has none."""
    data = _data()
    sources = {
        "batch": "batch",
        "samples": "|".join([*data["samples"], "data ?set|training set|corpus"]),
        "iterations": "|".join(data["iterations"]),
        "epochs": r"epochs\b",
    }
    return {name: re.compile(source, re.IGNORECASE) for name, source in sources.items()}


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    value: Fraction
    text: str
    grouped: bool


def _quantities(prose: str, start: int, end: int, kind: str) -> list[_Quantity]:
    if not _epoch_keywords()[kind].search(prose, start, end):
        return []
    found = []
    for match in _epoch_patterns()[kind].finditer(prose, start, end):
        group = next(name for name, value in match.groupdict().items() if value is not None)
        numbers = list(find_numbers(prose, match.start(group), match.end(group)))
        # "a 224x224x3 image" is one image, whatever its shape.
        before = prose[max(0, match.start(group) - 5) : match.start(group)]
        shape = re.search(rf"(?:[{TIMES}*]|\d\s*[xX])\s*$", before)
        if shape is None and numbers and numbers[0].start == match.start(group):
            number = numbers[0]
            text = _shown(number)
            found.append(_Quantity(number.start, number.end, number.value, text, number.grouped))
    return found


_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])|\n(?=[ \t]*#)")
# A number of steps that is a schedule, not the length of an epoch: "every 100 steps".
_NOT_EPOCH_LENGTH = re.compile(
    r"\b(?:every|each|after|before|first|last|within|than|up to|per|for the)[ \t\n]+$", re.I
)
# Whether the note lets the last, partial batch go (then ⌊N / B⌋ is right too).
_DROPS_LAST = re.compile(
    r"drop_(?:last|remainder)"
    r"|\b(?:drop|discard|skip)\w*\b[^.]{0,40}\b(?:batch|remainder|rest)"
    r"|\b(?:last|partial|incomplete|smaller)\b[^.]{0,40}\b(?:dropped|discarded|skipped)\b",
    re.IGNORECASE,
)


def _blocks(document: LintDocument) -> list[tuple[int, int]]:
    """Paragraphs, list items and headings of the body, as (start, end) offsets."""
    prose, start = document.prose, document.body_offset
    blocks = []
    for match in _BLOCK_BREAK.finditer(prose, start):
        blocks.append((start, match.start()))
        start = match.end()
    blocks.append((start, len(prose)))
    return blocks


def _unique(quantities: Sequence[_Quantity]) -> _Quantity | None:
    values = {quantity.value for quantity in quantities}
    return quantities[0] if len(values) == 1 else None


@dataclass(frozen=True)
class _Epoch:
    samples: _Quantity
    batch: _Quantity
    drops_last: bool

    @property
    def iterations(self) -> int:
        return math.ceil(self.samples.value / self.batch.value)

    def accepts(self, count: Fraction, approx: bool, epochs: set[Fraction]) -> bool:
        exact = self.samples.value / self.batch.value
        allowed = {Fraction(math.ceil(exact))}
        if self.drops_last:
            allowed.add(Fraction(math.floor(exact)))
        allowed |= {steps * epochs_ for steps in set(allowed) for epochs_ in epochs}
        if approx:
            return any(abs(count - steps) <= steps / 20 for steps in allowed)
        return count in allowed

    def calculation(self) -> str:
        n, b = self.samples.text, self.batch.text
        return f"{n} / {b}" if self.samples.value % self.batch.value == 0 else f"⌈{n} / {b}⌉"

    def explain(self, grouped: bool = False) -> str:
        """ "with N samples at batch size B an epoch is N / B = K iterations" """
        grouped = grouped or self.samples.grouped or self.batch.grouped
        k = format_number(Fraction(self.iterations), grouped)
        partial = "" if self.samples.value % self.batch.value == 0 else ", the last one partial"
        return (
            f"with {self.samples.text} samples at batch size {self.batch.text} an epoch is "
            f"{self.calculation()} = {k} iterations{partial}"
        )


def _epoch_for(document: LintDocument, offset: int) -> _Epoch | None:
    """N and B for a number at ``offset``: unique in its block, or else in the whole note."""
    prose = document.prose
    scopes = [b for b in _blocks(document) if b[0] <= offset <= b[1]]
    scopes.append((document.body_offset, len(prose)))
    for start, end in scopes:
        batches = _quantities(prose, start, end, "batch")
        taken = {quantity.start for quantity in batches}
        samples = _unique(
            [q for q in _quantities(prose, start, end, "samples") if q.start not in taken]
        )
        batch = _unique(batches)
        if samples is None or batch is None or batch.value == 0:
            continue
        if batch.value > samples.value:
            continue
        drops = _DROPS_LAST.search(prose, document.body_offset) is not None
        return _Epoch(samples, batch, drops)
    return None


def _mentions_epoch(document: LintDocument, offset: int) -> bool:
    prose = document.prose
    scopes = [b for b in _blocks(document) if b[0] <= offset <= b[1]]
    if document.question is not None:
        scopes.append(document.question)
    return any(re.search(r"\bepoch\b", prose[s:e], re.IGNORECASE) for s, e in scopes)


def _ambiguous_batch(prose: str, quantity: _Quantity) -> bool:
    """ "batch size of 32 or 64" names no single batch size."""
    joined = re.compile(rf"\s*(?:,|or|and|to|-|{EN_DASH})\s*").match(prose, quantity.end)
    if joined is None:
        return False
    following = next(find_numbers(prose, joined.end(), joined.end() + 30), None)
    return following is not None and following.start == joined.end()


# ---------------------------------------------------------------------------------------------
# The rules


class WrongArithmetic(Rule):
    """An explicit calculation whose result is wrong, or whose expression does not compute the
    number it explains.

    Checks calculations written in prose — "A / B = C", "A divided by B is C", "A * B = C",
    "A times B equals C", "A% of B is C", "A plus B", "A minus B" — and the same in simple
    ``$…$`` math such as ``$10{,}000 / 200 = 50$``. A calculation in brackets after a number
    must compute that number: "50 iterations (10,000 divided by 50)" is wrong, since
    10,000 / 50 = 200. Numbers may be written ``10,000``, ``10000``, ``10k``, ``1e4``, ``2.5M``
    or as words ("two hundred"). A result is accepted to the precision it is written with
    ("10 / 3 = 3.33"); a division of counts may be rounded up or down ("313 steps
    (10,000 / 32)"); "about", "≈" and "~" allow rounding to the digits written.
    """

    code = "AG101"
    name = "arithmetic"
    summary = "a stated calculation is wrong or does not compute the number it explains"
    bad = "# How many iterations make an epoch?\n\n10,000 / 200 = 40 iterations.\n"
    good = "# How many iterations make an epoch?\n\n10,000 / 200 = 50 iterations.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        for claim in _document_claims(document):
            yield Finding(claim.start, claim.end, _message(document, claim))


def _document_claims(document: LintDocument) -> list[_Claim]:
    # Both arithmetic rules need the claims; find them once per document.
    return document.memo("arithmetic-claims", lambda: _find_claims(document))


def _find_claims(document: LintDocument) -> list[_Claim]:
    claims = {claim.start: claim for claim in _prose_claims(document)}
    for claim in _math_claims(document):
        claims.setdefault(claim.start, claim)
    return [claims[start] for start in sorted(claims)]


def _message(document: LintDocument, claim: _Claim) -> str:
    wrong = f"{claim.expression} = {claim.shown()}, not {claim.claimed}"
    epoch = _epoch_for(document, claim.start) if _mentions_epoch(document, claim.start) else None
    if epoch is not None and claim.claimed_value == epoch.iterations:
        return f"{wrong}: {epoch.explain()}; correct the calculation to {epoch.calculation()}"
    if claim.explained:
        return f"{wrong}: correct the calculation or the number it explains"
    return f"{wrong}: correct the arithmetic"


class EpochIterations(Rule):
    """An iteration count per epoch that does not follow from the data set and batch sizes.

    One epoch over N samples at batch size B takes ⌈N / B⌉ iterations (steps, weight updates):
    10,000 images at batch size 200 make 50 iterations, 60,000 samples at batch size 32 make
    1,875. A final partial batch still costs a step, so 10,000 samples at batch size 32 take
    313; 312 is accepted only where the note says the last batch is dropped. The sizes may be
    in different sentences of a paragraph, or the question ("How many iterations for 10,000
    images at batch size 200?") with the count in the answer. A sentence with a batch size and
    a data set size but no iteration count claims nothing; "about" allows rounding, and a total
    over several epochs ("2 epochs … 100 steps") is accepted.
    """

    code = "AG102"
    name = "epoch-iterations"
    summary = "iterations per epoch do not equal ⌈samples / batch size⌉"
    bad = (
        "# How many iterations make one epoch?\n\n"
        "With 10,000 images and a batch size of 200, an epoch runs 40 iterations.\n"
    )
    good = (
        "# How many iterations make one epoch?\n\n"
        "With 10,000 images and a batch size of 200, an epoch runs 50 iterations.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if not _has_numbers(document):  # no count, no sizes
            return
        prose = document.prose
        # A wrong explicit calculation is AG101's to report.
        claims = _document_claims(document)
        covered = [(min(c.start, c.result or c.start), c.end) for c in claims]
        epochs: set[Fraction] | None = None  # found when a count needs them
        for count in _counts(document):
            if any(start <= count.start < end for start, end in covered):
                continue
            epoch = _epoch_for(document, count.start)
            if epoch is None or _ambiguous_batch(prose, epoch.batch):
                continue
            if count.start in (epoch.samples.start, epoch.batch.start):
                continue
            before = prose[max(0, count.start - 20) : count.start]
            approx = re.search(rf"(?:{_words(_data()['approximate'])})[ \t\n]*$", before, re.I)
            if epochs is None:
                epochs = {
                    q.value
                    for q in _quantities(prose, document.body_offset, len(prose), "epochs")
                    if q.value > 1
                }
            if not epoch.accepts(count.value, approx is not None, epochs):
                yield Finding(
                    count.start,
                    count.end,
                    f"{epoch.explain(count.grouped)}, not {count.text}: correct the count",
                )


_HOW_MANY = re.compile(r"\bhow many\b[^?]*\b(?:iterations|steps|updates|batches)\b", re.I)


def _counts(document: LintDocument) -> Iterator[_Quantity]:
    """Numbers of iterations in a sentence about an epoch ("an epoch runs 50 iterations"), and
    the bare number that answers "How many iterations …?"."""
    prose = document.prose
    for count in _quantities(prose, document.body_offset, len(prose), "iterations"):
        if _NOT_EPOCH_LENGTH.search(prose[max(0, count.start - 20) : count.start]):
            continue
        if _mentions_epoch(document, count.start):
            yield count
    question = document.question
    if question is None or not _HOW_MANY.search(prose, *question):
        return
    if not _mentions_epoch(document, question[0]):
        return
    answer = re.compile(rf"\s*({NUMBER_PATTERN})(?=\s*[.:;,]|\s*$)")
    match = answer.match(document.answer_prose, question[1])
    if match is not None:
        for number in find_numbers(prose, match.start(1), match.end(1)):
            yield _Quantity(number.start, number.end, number.value, _shown(number), number.grouped)


RULES: tuple[Rule, ...] = (WrongArithmetic(), EpochIterations())
