"""The formula judge for worked output sizes (issue #12): a calculation whose arithmetic is
right but whose formula is wrong ("⌊(500 - 8) / 4⌋ = 123" without the "+ 1", "(28 - 1)·2 + 4
= 58" without the "- 2p", "(32 + 4 - 5) / 8 = 3.875 → floor → 3").

A chain is judged when its operands are the note's layer and input: its first number is a size
the note states elsewhere, its numbers hold the layer's kernel on some axis, and it divides by
that axis' stride (multiplies, for a transposed layer). The layer is the chain line's own (a
call or settings on the line), else the note's one layer. The claim, the chain's last result,
is recomputed with the right formula under every convention the note leaves open
(``walks.axis_sizes``); a result no convention gives is a finding. It is an error only when the
layer's padding (and a transposed layer's output padding) is stated; otherwise a warning. A
chain whose own arithmetic is wrong is AG101's and is left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import product

from ankigen.diagnostics import Severity
from ankigen.lint.arith.expression import evaluate
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import body_lines
from ankigen.lint.linker.walk_notations import (
    line_settings,
    note_layer,
    stated_layer,
    stated_layers,
)
from ankigen.lint.linker.walks import POOL, TRANSPOSED, Layer, axis_sizes

# the links of a chain and the rounding words between them
_LINK = lazy_regex(r"=|≈|→|->|⇒|\\Rightarrow|\\approx")
_ROUNDING = lazy_regex(r"\s*(?:floor|ceil|round(?:ed)?(?:\s+(?:down|up))?|→|->)?\s*", re.I)
# the formula at the end of the text before a link: numbers, operators, brackets, rounding
_FORMULA = lazy_regex(
    r"(?:(?:math\.)?(?:floor|ceil|int)\s*)?[\d(⌊⌈\[]"
    r"(?:[\d\s()+\-\u2212\u2013*/·\u00d7÷⌊⌋⌈⌉\[\]]|(?<=\d),(?=\d{3})|floor|ceil)*$"
)
_RESULT = lazy_regex(r"^\s*[*_`$]*(?P<value>\d[\d,]*)(?![\d.]|,\d)(?P<after>[^=→]*)$")
# what the result counts: a chain of parameters, tokens, memory or a receptive field is no size
_NOT_SIZE = lazy_regex(
    r"param|weight|flop|mac|token|byte|memory|\bmb\b|\bgb\b|receptive|\brf\b|patches|"
    r"steps?\b|iteration|%|channel|filter|feature",
    re.I,
)
_OUTPUT_OPTION = lazy_regex(r"\boutput[_ ]padding\s*(?:=|:)?\s*(?P<v>\d)\b", re.I)
_FUNCTION = lazy_regex(r"(?:math\.)?(floor|ceil|int)\s*\(")
# a line that shows a mistake or another setting's result, not the note's answer
_HEDGE = lazy_regex(
    r"\b(?:would|forg[eo]t\w*|instead|mistak\w*|wrong|incorrect\w*|naive\w*|error|"
    r"if|without|omit\w*|drop\w*|miss\w*|leav\w*\s+out|short|off\s+by)\b|'d\b",
    re.I,
)
# a line that names the result a layer's output (a size, a length, an axis, an arrow)
_OUTPUT_WORD = lazy_regex(
    r"\b(?:out\w*|size|length|shape|width|height|dims?|spatial|resolution|frames)\b"
    r"|\b[HWTLDhwtld](?:_out)?\s*[:=]|→|->",
    re.I,
)
_LATEX = (
    ("\\cdot", "\u00b7"),
    ("\\times", "\u00d7"),
    ("\\lfloor", "\u230a"),
    ("\\rfloor", "\u230b"),
    ("\\lceil", "\u2308"),
    ("\\rceil", "\u2309"),
    ("\\left", ""),
    ("\\right", ""),
    ("\\approx", "\u2248"),
    ("\\Rightarrow", "\u21d2"),
    ("\\to", "\u2192"),
    ("\\,", ""),
    ("\\;", " "),
)
# where a clause starts before a chain: a sentence's end, a semicolon
_CLAUSE = lazy_regex(r"[.;](?=\s)")
_MINUS = lazy_regex(r"[-\u2212\u2013]")
_DIVISOR = lazy_regex(r"(?:/|÷)\s*(\d[\d,]*)")
_TRANSPOSED_WORD = lazy_regex(r"transpos|deconv", re.I)
_THOUSANDS = lazy_regex(r"(?<=\d)[, ](?=\d{3}\b)")
_NUMBER = lazy_regex(r"(?<![\w.])\d[\d,]*(?![\d.]|,\d)")


@dataclass(frozen=True)
class ChainVerdict:
    """A worked size no reading of its layer gives: the claim's span and line, the input, the
    sizes the layer gives and whether every quantity was stated."""

    start: int
    end: int
    line: int
    input: int
    claimed: int
    expected: tuple[int, ...]
    sure: bool


def wrong_chains(document: LintDocument) -> Iterator[ChainVerdict]:
    lines = body_lines(document)
    everywhere = body_lines(document, code=True)
    layers: set[Layer | None] = set()
    for _, _, text in everywhere:
        layers |= stated_layers(text)
    transposed = any(_TRANSPOSED_WORD.search(text) for _, _, text in everywhere)
    for line, offset, text in lines:
        if "|" in text or _NOT_SIZE.search(text) or _HEDGE.search(text):
            continue
        if not _OUTPUT_WORD.search(text):
            continue
        base = stated_layer(text) or note_layer(layers)
        if base is None:
            continue
        verdict = _chain(base, transposed, (line, offset, text), lines, everywhere)
        if verdict is not None:
            yield verdict


def _with_output_padding(layer: Layer, lines: Sequence[tuple[int, int, str]]) -> Layer:
    """A transposed layer's output padding the note states once on another line."""
    if layer.kind != TRANSPOSED or layer.output_padding is not None:
        return layer
    stated = {match["v"] for _, _, text in lines for match in _OUTPUT_OPTION.finditer(text)}
    return replace(layer, output_padding=(int(stated.pop()),)) if len(stated) == 1 else layer


def _chain(
    base: Layer,
    transposed: bool,
    where: tuple[int, int, str],
    lines: Sequence[tuple[int, int, str]],
    everywhere: Sequence[tuple[int, int, str]],
) -> ChainVerdict | None:
    """The verdict on the line's last chain: its formula, then results or rounding words
    between links, then the claim."""
    line, offset, text = where
    plain = _plain(text)
    links = list(_LINK.finditer(plain))
    if not links:
        return None
    index = len(links) - 1
    while index > 0 and _between(plain, links[index - 1].end(), links[index].start()):
        index -= 1
    formula = _FORMULA.search(plain[: links[index].start()].rstrip())
    result = _RESULT.match(_cut(plain[links[-1].end() :]))
    if formula is None or result is None:
        return None
    written = formula.group().strip().rstrip(",")
    value = evaluate(_bracketed(written))
    claimed = int(result["value"].replace(",", ""))
    if value is None or not _rounds_to(value, claimed):
        return None  # no formula, or its arithmetic is wrong: AG101's
    # the settings the chain's own clause states ("with 'valid': ...") over the layer's
    clause = _CLAUSE.split(plain[: formula.start()])[-1]
    layer = _with_output_padding(line_settings(clause, base), everywhere)
    verdict = _judge(layer, transposed, written, claimed, line, lines)
    position = text.rfind(result["value"])
    if verdict is None or position < 0:
        return None
    expected, source, sure = verdict
    start = offset + position
    return ChainVerdict(start, start + len(result["value"]), line, source, claimed, expected, sure)


def _plain(text: str) -> str:
    """LaTeX's operators as the characters they print, its markup taken away."""
    for latex, plain in _LATEX:
        text = text.replace(latex, plain)
    return re.sub(r"[${}]", "", text)


def _cut(tail: str) -> str:
    """The result's own clause: up to a sentence's end or a comma that starts another."""
    return re.split(r"[;(]|,\s|\.\s|\.$", tail, maxsplit=1)[0]


def _between(text: str, start: int, end: int) -> bool:
    """Whether the text between two links is an intermediate result or a rounding word."""
    piece = text[start:end].strip(" *_`$")
    return bool(
        re.fullmatch(r"\d[\d,]*(?:\.\d+)?|floor|ceil|round(?:ed)?(?: down| up)?|", piece, re.I)
    )


def _bracketed(written: str) -> str:
    """Code's rounding calls as brackets: ``floor((500 - 8) / 4)`` → ``⌊(500 - 8) / 4⌋``."""
    text = written
    while (match := _FUNCTION.search(text)) is not None:
        depth, index = 1, match.end()
        while index < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            index += 1
        if depth:
            return text
        opening, closing = ("⌈", "⌉") if match[1] == "ceil" else ("⌊", "⌋")
        inner = text[match.end() : index - 1]
        text = f"{text[: match.start()]}{opening}{inner}{closing}{text[index:]}"
    return text


def _rounds_to(value: Fraction, claimed: int) -> bool:
    return claimed in (math.floor(value), math.ceil(value), round(value))


def _judge(
    layer: Layer,
    transposed: bool,
    written: str,
    claimed: int,
    line: int,
    lines: Sequence[tuple[int, int, str]],
) -> tuple[tuple[int, ...], int, bool] | None:
    """The sizes the layer gives where the chain computes with its settings and a stated
    input, the input and whether the verdict is sure; ``None`` when the chain is not read as
    this layer's output size or some reading gives its result."""
    numbers = [int(n.replace(",", "")) for n in _NUMBER.findall(written)]
    if len(numbers) < 2 or len(numbers) > 7 or not _MINUS.search(written):
        return None  # a size formula takes the kernel off (or, transposed, one off the input)
    source = numbers[0]
    stated = re.compile(rf"(?<![\d.,]){source}(?![\d.])")
    if (
        source == claimed
        or source <= max(layer.kernel)
        or not any(
            stated.search(_THOUSANDS.sub("", text)) for other, _, text in lines if other != line
        )
    ):
        return None  # the input is no size the note states
    if layer.padding is None:
        return None  # an unstated padding leaves every worked size open
    operands = set(numbers[1:])
    if not operands <= _explained(layer):
        return None  # a number the layer does not explain (an upsampling, another layer)
    divisors = {int(n.replace(",", "")) for n in _DIVISOR.findall(written)}
    kinds = [layer] + ([replace(layer, kind=TRANSPOSED)] if transposed else [])
    sizes: set[int] = set()
    for kind, axis in product(kinds, range(max(len(layer.kernel), len(layer.stride or ()), 1))):
        kernel = _axis(kind.kernel, axis)
        stride = _axis(kind.stride or ((kernel or 1,) if kind.kind == POOL else (1,)), axis)
        if kernel not in operands or stride is None:
            continue
        if kind.kind == TRANSPOSED:
            if divisors or (stride > 1 and stride not in operands):
                continue
        elif divisors != ({stride} if stride > 1 else set()):
            continue  # the chain divides by something else: not this layer's formula
        sizes |= axis_sizes(kind, axis, source)
    if not sizes or claimed in sizes:
        return None
    sure = layer.padding is not None and (
        layer.kind != TRANSPOSED or layer.output_padding is not None
    )
    return tuple(sorted(sizes)), source, sure


def _explained(layer: Layer) -> set[int]:
    """The numbers a size formula of the layer computes with."""
    known = {1}
    for values in (layer.kernel, layer.stride or (), layer.dilation, layer.output_padding or ()):
        known |= set(values)
    for padding in layer.padding or ():
        if padding > 0:
            known |= {padding, 2, 2 * padding}
    for kernel, dilation in product(layer.kernel, layer.dilation):
        known |= {kernel - 1, dilation * (kernel - 1), dilation * (kernel - 1) + 1}
    if layer.kind == TRANSPOSED or 2 in (layer.stride or ()):
        known.add(2)
    return known


def _axis(values: tuple[int, ...], axis: int) -> int | None:
    return values[axis] if axis < len(values) else values[0] if len(values) == 1 else None


def chain_findings(
    document: LintDocument, reported: set[int], right: Sequence[tuple[int, int]]
) -> Iterator[Finding]:
    """A finding for each worked size no reading of its layer gives, on a line no reader
    reported and for a size no other reading found right."""
    for verdict in document.memo("linker.conv_chains", lambda: tuple(wrong_chains(document))):
        if verdict.line in reported or any(a < verdict.end and verdict.start < b for a, b in right):
            continue
        reported.add(verdict.line)
        gives = " or ".join(str(size) for size in verdict.expected[:3])
        yield Finding(
            verdict.start,
            verdict.end,
            f"the worked output size {verdict.claimed} is not what the layer's formula gives on "
            f"a {verdict.input} input ({gives}): correct the calculation's formula",
            severity=None if verdict.sure else Severity.WARNING,
        )
