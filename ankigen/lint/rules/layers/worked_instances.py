"""AG103 for a worked size formula whose numbers leave out or swap a setting of its layer.

A note often works the output size out with numbers, ``⌊(112 - 3)/2⌋ + 1 = 55``,
``floor((224 + 6 - 7) / 2) + 1``, ``\\left\\lfloor \\frac{16000 - 80}{16} \\right\\rfloor + 1``,
or for a stride of 1 ``1000 - 9 + 1``. The calculation can be right while its result is wrong:
the padding the note states for the layer was left out, the kernel and the stride were
swapped, a per-axis stride was applied to the wrong axis, a dilation was multiplied into the
kernel (d·k instead of d·(k - 1) + 1), or the ``+ 1`` of the formula was dropped. AG101 finds
nothing wrong in such a line; this module recomputes the step from the layer it works out.

The layer comes from the worked step's own line (a list item, a row or a sentence that states
the kernel and the stride: "maxpool: 3x3, stride 2, padding 1 →", "conv1, 7x7, s=2, p=3:",
"- d=8:" under a note-wide ``kernel_size=3``), else from the note's layer call(s): the one call
of the note, or the calls whose kernel the step itself writes. A call brings its library's
defaults (PyTorch: stride 1 for a convolution and the window for pooling, no padding; Keras:
"valid"); a per-axis call (``kernel_size=(3, 7, 7)``) is judged on the axes whose kernel the
step writes. The input is the step's first number. The claim (the last number of the step's
chain of equalities) is reported only when no convention that may apply gives it: floor, or
ceil where the note lets pooling round up; "same" padding (⌈n / s⌉); and, where the line states
no padding, none, k // 2 or (k - 1) // 2. A step that is hedged, hypothetical or shown as a
mistake ("forgetting the padding gives …"), or a note about transposed or upsampling layers, is
left alone.

A step that divides without the ``+ 1`` (``floor((32 + 2 - 3)/2) = 15, so the map is 15x15``)
is judged against the formula the note itself states with its symbols
(``out = floor((n + 2p - k) / s) + 1``): the step's own terms then give 16.

Sizes joined by arrows on a line that states its layer are steps too: "- layer 1 (k10, s5):
16,000 → 3,200" applies the line's layer once per arrow (16,000 / 5 is no output of a kernel
of 10: ⌊(16,000 - 10)/5⌋ + 1 = 3,199), and "- layer 1: 16,000 → 3,200" takes its kernel and
stride from per-layer lists stated once ("kernels (10, 3, …), strides (5, 2, …)") where the
note states that no layer pads. A line that starts with an arrow continues from the size the
line above ended with; a count of channels after the arrow, a size that grows, a word between
two sizes or a step shown as a mistake is left alone; one finding per line. An arrow line
needs its own stride (a pooling window strides by itself): a stride the note states for its
pooling layers is no convolution's.

Session 17 made the step reader general over how authors write a dilated or worked step
(tests/fixtures/rules/AG103.dilation17.yml): a step may follow its formula in symbols
("L_out = L - D·K + 1 = 100 - 12 + 1 = 89"), write the kernel's reach as ``n - (k - 1)``, and
take its layer from the note's labelled settings where neither its line nor a layer call states
one ("K = 3, dilation D = 4, S = 1" in the question, "kernel $3 \\times 3$, dilation $d = 2$" in
a Given line), provided the step writes that layer (k, k - 1, d·k, d·(k - 1) + 1 or the stride);
a factor of a product ("k = 3 \\cdot 5") is no setting. A step labelled with its axis ("- T:",
"height and width:") under a 3-D layer is judged on that axis alone, so a per-axis stride
``(1, 2, 2)`` applied to the frames is reported.

A worked transposed step, "(16 - 1)·2 + 4 = 34", is judged against the note's one transposed
call by its library's formula (PyTorch: (n - 1)·s - 2p + d·(k - 1) + output_padding + 1;
Keras: n·s for "same", n·s + max(k - s, 0) for "valid"): a padding or "same" left out of the
step is reported; a note that also has other conv or pooling calls is left alone.

Round 2 of session 17 widened the step reader to more authors' wording
(tests/fixtures/rules/AG103.worked18.yml): a claim in bold ("= **989** steps"); a table row
whose last cell holds the claim of the step in the cell before it, its first cell naming the
axis ("| T | floor((29 + 4 - 5)/2) + 1 | 15 |"); a layer "call" whose settings are written in
math (``Conv2d($k=5$, $s=2$, $p=2$)``) read as labelled settings; a division without its
``+ 1`` where another worked step of the note adds it, on a line whose stated layer gives the
step's terms plus one; a bare "L_out = 1000 - 2" under a dilated layer the note sets up by its
labels; and a transposed step under labelled settings ("k = 4, s = 2, p = 1" ... "15 · 2 + 4 =
34", n - 1 worked out for an input the question states).
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ankigen.lint import stage_trace
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern

# ----------------------------------------------------------------------------- tokens

_TOKEN = lazy_regex(
    r"(?P<num>(?<![\w.])(?:\d{1,3}(?:(?:,|\{,\})\d{3})+|\d+)(?![\w]|[.,]\d))"
    r"|(?P<floor_open>\\left\s*\\lfloor|\\lfloor|\N{LEFT FLOOR}|(?:math\.)?floor\s*\()"
    r"|(?P<floor_close>\\right\s*\\rfloor|\\rfloor|\N{RIGHT FLOOR})"
    r"|(?P<ceil_open>\\left\s*\\lceil|\\lceil|\N{LEFT CEILING}|(?:math\.)?ceil\s*\()"
    r"|(?P<ceil_close>\\right\s*\\rceil|\\rceil|\N{RIGHT CEILING})"
    r"|(?P<frac>\\[dt]?frac)"
    r"|(?P<cloze>\{\{c\d+::|::[^}\n]*\}\}|\}\})"  # a cloze around a result hides nothing
    r"|(?P<open>\\left\s*\(|\(|\{)"
    r"|(?P<close>\\right\s*\)|\)|\})"
    r"|(?P<bold>\*\*|__)"  # Markdown's bold markers, no product
    r"|(?P<plus>\+)"
    r"|(?P<minus>-|\N{MINUS SIGN})"
    r"|(?P<times>\*|\N{MULTIPLICATION SIGN}|\N{MIDDLE DOT}|\\cdot|\\times)"
    r"|(?P<divide>/|\N{DIVISION SIGN}|\\div)"
    r"|(?P<equals>=)"
    r"|(?P<skip>\s+|\$|\\[,;!: ]|\\quad|\\qquad)"
    r"|(?P<other>\\[A-Za-z]+|.)",
    re.S,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    value: int
    start: int
    end: int
    text: str


def _tokens(text: str, offset: int) -> list[_Token]:
    found: list[_Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("skip", "bold", "cloze"):
            continue  # "= **989** steps": bold around a claim is no product
        value = int(match.group().replace("{,}", "").replace(",", "")) if kind == "num" else 0
        # "floor(" opens with its own bracket: the matching close is a plain ")"
        found.append(_Token(kind, value, match.start() + offset, match.end() + offset, match[0]))
    return found


# ----------------------------------------------------------------------------- expressions

# An expression of a worked step: a number, a sum of signed terms, a product or quotient, or a
# floor/ceil of an expression.


@dataclass(frozen=True)
class _Num:
    value: int


@dataclass(frozen=True)
class _Sum:
    terms: tuple[tuple[int, _Node], ...]  # (sign, term)


@dataclass(frozen=True)
class _Binary:
    op: str  # "mul" or "div"
    left: _Node
    right: _Node


@dataclass(frozen=True)
class _Round:
    kind: str  # "floor" or "ceil"
    inner: _Node


_Node = _Num | _Sum | _Binary | _Round


# Brackets nested deeper than this are no worked step a note writes; the parser gives up
# there rather than recurse until Python's stack limit.
_MAX_NESTING = 64


class _Parser:
    def __init__(self, tokens: Sequence[_Token], at: int) -> None:
        self.tokens = tokens
        self.at = at
        self.depth = 0

    def peek(self) -> str:
        return self.tokens[self.at].kind if self.at < len(self.tokens) else "end"

    def take(self, kind: str) -> _Token | None:
        if self.peek() == kind:
            self.at += 1
            return self.tokens[self.at - 1]
        return None

    def expr(self) -> _Node | None:
        terms: list[tuple[int, _Node]] = []
        sign = -1 if self.take("minus") else 1
        term = self.term()
        if term is None:
            return None
        terms.append((sign, term))
        while self.peek() in ("plus", "minus"):
            sign = 1 if self.peek() == "plus" else -1
            back = self.at
            self.at += 1
            term = self.term()
            if term is None:
                self.at = back
                break
            terms.append((sign, term))
        return terms[0][1] if len(terms) == 1 and terms[0][0] == 1 else _Sum(tuple(terms))

    def term(self) -> _Node | None:
        node = self.factor()
        while node is not None and self.peek() in ("times", "divide"):
            kind = self.peek()
            back = self.at
            self.at += 1
            right = self.factor()
            if right is None:
                self.at = back
                break
            node = _Binary("mul" if kind == "times" else "div", node, right)
        return node

    def factor(self) -> _Node | None:
        token = self.take("num")
        if token is not None:
            return _Num(token.value)
        if self.depth >= _MAX_NESTING:
            return None
        self.depth += 1
        try:
            return self._nested()
        finally:
            self.depth -= 1

    def _nested(self) -> _Node | None:
        """A bracketed, fraction or floor/ceil factor."""
        opener = self.tokens[self.at] if self.at < len(self.tokens) else None
        if self.take("open"):
            inner = self.expr()
            return inner if inner is not None and self.take("close") else None
        if self.take("frac"):
            top = self.group()
            bottom = self.group() if top is not None else None
            return _Binary("div", top, bottom) if top is not None and bottom is not None else None
        for kind in ("floor", "ceil"):
            if self.take(f"{kind}_open"):
                inner = self.expr()
                if inner is None:
                    return None
                # "floor(" closes with ")", "⌊" with "⌋"
                closer = "close" if opener is not None and opener.text.endswith("(") else ""
                return _Round(kind, inner) if self.take(closer or f"{kind}_close") else None
        return None

    def group(self) -> _Node | None:
        if not self.take("open"):
            return None
        inner = self.expr()
        return inner if inner is not None and self.take("close") else None


def _value(node: _Node) -> float | None:
    if isinstance(node, _Num):
        return float(node.value)
    if isinstance(node, _Sum):
        total = 0.0
        for sign, term in node.terms:
            value = _value(term)
            if value is None:
                return None
            total += sign * value
        return total
    if isinstance(node, _Binary):
        left, right = _value(node.left), _value(node.right)
        if left is None or right is None or (node.op == "div" and right == 0):
            return None
        return left * right if node.op == "mul" else left / right
    inner = _value(node.inner)
    if inner is None:
        return None
    return float(math.floor(inner) if node.kind == "floor" else math.ceil(inner))


def _numbers(node: _Node) -> list[int]:
    if isinstance(node, _Num):
        return [node.value]
    if isinstance(node, _Sum):
        return [n for _, term in node.terms for n in _numbers(term)]
    if isinstance(node, _Binary):
        return _numbers(node.left) + _numbers(node.right)
    return _numbers(node.inner)


@dataclass(frozen=True)
class _Step:
    """A worked size formula: its input, its other numbers, the claimed result and where."""

    n: int
    numbers: tuple[int, ...]  # every number of the step but its input and its "+ 1"
    plus_one: bool
    divided: bool
    own_value: int | None  # what the step's terms give with the "+ 1" the formula has
    claim: int
    start: int  # the step's first character
    claim_start: int
    claim_end: int


def _leading_input(terms: tuple[tuple[int, _Node], ...]) -> int | None:
    """The input of a sum that takes something off it: "112 + 2 - 3" gives 112."""
    sign, first = terms[0]
    if sign != 1 or not isinstance(first, _Num) or not any(s < 0 for s, _ in terms):
        return None
    return first.value


_BARE = -1  # the input of a step whose numerator is written already worked out


def _step(node: _Node) -> tuple[int, tuple[int, ...], bool, bool, int | None] | None:
    """(input, other numbers, "+ 1", divided, value with "+ 1") of a conv-size formula."""
    plus_one = False
    core = node
    if isinstance(node, _Sum) and len(node.terms) >= 2 and node.terms[-1] == (1, _Num(1)):
        plus_one = True
        rest = node.terms[:-1]
        core = rest[0][1] if len(rest) == 1 and rest[0][0] == 1 else _Sum(rest)
    if isinstance(core, _Round):
        core = core.inner
    if isinstance(core, _Binary) and core.op == "div":
        top, bottom = core.left, core.right
        if isinstance(bottom, _Num) and isinstance(top, _Num) and bottom.value:
            # "⌊496/2⌋": the numerator already worked out, n + 2p - k; its input is the
            # number the line's arrow starts from (``_BARE``: judged only for a dropped "+ 1")
            value = top.value // bottom.value + 1
            return _BARE, (top.value, bottom.value), plus_one, True, value
        if not isinstance(bottom, _Num) or not isinstance(top, _Sum):
            return None
        n = _leading_input(top.terms)
        whole = _value(top)
        if n is None or whole is None or bottom.value == 0:
            return None
        value = math.floor(whole / bottom.value) + 1
        others = (*_numbers(top)[1:], bottom.value)
        return n, others, plus_one, True, value
    if not isinstance(core, _Sum):
        return None
    n = _leading_input(core.terms)
    if n is None:
        return None
    if not plus_one:
        taken = core.terms[-1][1]
        if len(core.terms) == 2 and core.terms[-1][0] == -1 and _minus_one(taken) is not None:
            # "1024 - (3 - 1) = 1022": n - (k - 1) is n - k + 1
            kernel = _minus_one(taken)
            assert kernel is not None
            return n, (kernel,), True, False, n - kernel + 1
        # "986 - 8·2 = 970": a dilated layer's span taken off, judged under a line's dilation
        if len(core.terms) == 2 and isinstance(taken, _Binary) and taken.op == "mul":
            return n, tuple(_numbers(core)[1:]), False, False, None
        # "L_out = 1000 - 2 = 998": a bare span taken off, judged under a dilated layer only
        if len(core.terms) == 2 and core.terms[-1][0] == -1 and isinstance(taken, _Num):
            return n, (taken.value,), False, False, None
        return None
    if any(
        isinstance(t, (_Round,)) or (isinstance(t, _Binary) and t.op == "div")
        for _, t in core.terms
    ):
        return None
    whole = _value(core)
    if whole is None:
        return None
    return n, tuple(_numbers(core)[1:]), True, False, int(whole) + 1


def _minus_one(node: _Node) -> int | None:
    """k of a bracketed "(k - 1)"."""
    if (
        isinstance(node, _Sum)
        and len(node.terms) == 2
        and node.terms[0][0] == 1
        and isinstance(node.terms[0][1], _Num)
        and node.terms[1] == (-1, _Num(1))
    ):
        return node.terms[0][1].value
    return None


def _symbolic_before(tokens: Sequence[_Token], equals: int) -> bool:
    """Whether the part of the chain before the "=" at ``equals`` is written with symbols
    ("L - D·K + 1 = 100 - 12 + 1 = 89"): the numbers after it start the worked step."""
    at = equals - 1
    while at >= 0 and tokens[at].kind != "equals":
        if tokens[at].kind == "other" and tokens[at].text.isalpha():
            return True
        at -= 1
    return False


def _symbol_end(tokens: Sequence[_Token], at: int) -> bool:
    """Whether the token ends a symbol ("o", "L_{out}"), not a number or a bracket."""
    if tokens[at].kind == "other":
        return True
    return tokens[at].text == "}" and at > 0 and tokens[at - 1].kind == "other"


def _chain_claim(parser: _Parser, tokens: Sequence[_Token]) -> _Token | None:
    """The claim of the chain of equalities after a step: its last part, when that part is
    one plain number (``= 2 * 8 = 16`` claims 16; ``= 2 * 8`` claims nothing)."""
    claim: _Token | None = None
    while parser.take("equals"):
        begin = parser.at
        part = parser.expr()
        if part is None:
            break
        claim = tokens[begin] if isinstance(part, _Num) and parser.at == begin + 1 else None
    return claim


def _cell_claim(parser: _Parser, tokens: Sequence[_Token]) -> _Token | None:
    """The claim of a step that fills a table cell: the next cell's one number, the last cell
    of the row ("| T | floor((29 + 4 - 5)/2) + 1 | 15 |")."""
    at = parser.at
    if (
        at + 2 < len(tokens)
        and tokens[at].text == "|"
        and tokens[at + 1].kind == "num"
        and tokens[at + 2].text == "|"
        and at + 3 == len(tokens)
    ):
        parser.at = at + 3
        return tokens[at + 1]
    return None


def _steps(text: str, offset: int) -> Iterator[_Step]:
    """The worked size formulas of one line and the result each one claims."""
    if "=" not in text and not text.lstrip().startswith("|"):
        return  # a step ends in "= claim" or fills a table cell: most lines need no tokens
    tokens = _tokens(text, offset)
    at = 0
    while at < len(tokens):
        # a step starts a chain, or follows a symbol's "=" ("o = ⌊…⌋"), never a number's
        if tokens[at].kind not in ("num", "open", "floor_open", "ceil_open", "frac") or (
            at > 0
            and tokens[at - 1].kind in ("times", "divide", "minus", "plus", "equals")
            and not (
                tokens[at - 1].kind == "equals"
                and (at < 2 or _symbol_end(tokens, at - 2) or _symbolic_before(tokens, at - 1))
            )
        ):
            at += 1
            continue
        parser = _Parser(tokens, at)
        node = parser.expr()
        if node is None or parser.at == at:
            at += 1
            continue
        shape = _step(node)
        claim = _cell_claim(parser, tokens) if shape is not None else None
        if shape is None or (claim is None and parser.peek() != "equals"):
            at = max(parser.at, at + 1)
            continue
        claim = claim or _chain_claim(parser, tokens)
        if claim is not None:
            n, numbers, plus_one, divided, value = shape
            yield _Step(
                n,
                numbers,
                plus_one,
                divided,
                value,
                claim.value,
                tokens[at].start,
                claim.start,
                claim.end,
            )
        at = max(parser.at, at + 1)


# ----------------------------------------------------------------------------- layers


@dataclass(frozen=True)
class Layer:
    kernels: tuple[int, ...]  # per axis (one value for every axis when scalar)
    strides: tuple[int, ...]
    paddings: tuple[int | str, ...]  # "same" or per axis
    dilations: tuple[int, ...]
    pooling: bool
    ceil: bool = False


MINUS = "\N{MINUS SIGN}"
_CALL = lazy_regex(
    r"\b(?P<name>Conv[123][dD]|MaxPool[123]d|AvgPool[123]d|MaxPooling[123]D|"
    r"AveragePooling[123]D|DepthwiseConv2D|SeparableConv[12]D)\s*\("
)
_TORCH_ORDER = {
    "conv": ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation"),
    "pool": ("kernel_size", "stride", "padding", "dilation"),
}
_KERAS_ORDER = {
    "conv": ("filters", "kernel_size", "strides", "padding"),
    "pool": ("pool_size", "strides", "padding"),
    "depthwise": ("kernel_size", "strides", "padding"),
}


# A bracketed aside after a layer's name in prose, which no call's arguments look like: words
# with a hyphen or a space between them and no "=" ("(TCN-style)", "(as in WaveNet)").
_PROSE_ASIDE = lazy_regex(r"\((?=[^()=]*[A-Za-z][- ][A-Za-z])[^()=0-9,]*\)")


def _closing(text: str, open_at: int) -> int | None:
    depth = 0
    for index in range(open_at, min(len(text), open_at + 400)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


def _axes(value: object, count: int) -> tuple[int, ...] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,) * count
    if (
        isinstance(value, tuple)
        and len(value) == count
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return tuple(value)
    return None


def call_layer(name: str, call: ast.Call) -> Layer | None:
    """The layer a PyTorch or Keras conv/pool call sets up, with its library's defaults."""
    count = int(re.sub(r"\D", "", name) or "2")
    keras = name.endswith("D") or name.startswith(("Depthwise", "Separable"))
    pooling = "Pool" in name
    if keras:
        kind = "pool" if pooling else "depthwise" if name.startswith("Depthwise") else "conv"
        order = _KERAS_ORDER[kind]
    else:
        order = _TORCH_ORDER["pool" if pooling else "conv"]
    arguments: dict[str, object] = {}
    for index, node in enumerate(call.args):
        if index >= len(order):
            return None
        try:
            arguments[order[index]] = ast.literal_eval(node)
        except (ValueError, SyntaxError, TypeError):
            arguments[order[index]] = None
    for keyword in call.keywords:
        if keyword.arg is None:
            return None
        try:
            arguments[keyword.arg] = ast.literal_eval(keyword.value)
        except (ValueError, SyntaxError, TypeError):
            arguments[keyword.arg] = None
    window = arguments.get("pool_size" if keras and pooling else "kernel_size")
    if window is None and keras and pooling:
        window = 2
    kernels = _axes(window, count)
    if kernels is None:
        return None
    stride_value = arguments.get("strides" if keras else "stride")
    strides = kernels if stride_value is None and pooling else _axes(stride_value or 1, count)
    padding_value = arguments.get("padding", "valid" if keras else 0)
    paddings: tuple[int | str, ...] | None
    if isinstance(padding_value, str):
        if padding_value.lower() not in ("same", "valid"):
            return None
        paddings = ("same",) if padding_value.lower() == "same" else (0,) * count
    else:
        paddings = _axes(padding_value, count)
    dilations = _axes(arguments.get("dilation_rate" if keras else "dilation", 1), count)
    if strides is None or paddings is None or dilations is None:
        return None
    ceil = arguments.get("ceil_mode") is True
    return Layer(kernels, strides, paddings, dilations, pooling, ceil)


def _note_calls(document: LintDocument) -> list[Layer] | None:
    """Every conv/pool call of the note as a layer; None when one of them is not read."""
    layers: list[Layer] = []
    text = document.text
    for match in _CALL.finditer(text, document.body_offset):
        close = _closing(text, match.end() - 1)
        if close is None:
            return None
        if "$" in text[match.end() : close]:
            continue  # "Conv2d($k=5$, $s=2$)": prose settings in math, read as labelled ones
        if _PROSE_ASIDE.match(text, match.end() - 1):
            continue  # "a dilated Conv1D (TCN-style) on 256 events": words, not arguments
        try:
            node = ast.parse(match["name"] + text[match.end() - 1 : close + 1], mode="eval")
        except SyntaxError:
            return None
        if not isinstance(node.body, ast.Call):
            return None
        layer = call_layer(match["name"], node.body)
        if layer is None:
            return None
        layers.append(layer)
    return layers


# Settings a line states for its own layer: "3x3, stride 2, padding 1", "7x7, s=2, p=3".
# (a number multiplied on, "k = 3 \\cdot 5", is a product's factor, not the setting; "2x2"
# is a setting per axis)
_NO_PRODUCT = r"(?!\s*(?:\\cdot|[*\N{MIDDLE DOT}]))"
# Nor is a kernel label that is a product's last factor ("d·k = 12" states the slip's span,
# not k = 12) or names the dilated span ("effective kernel = 9").
_NOT_A_FACTOR = (
    r"(?<![*\N{MIDDLE DOT}\N{DOT OPERATOR}\N{MULTIPLICATION SIGN}])"
    r"(?<![*\N{MIDDLE DOT}\N{DOT OPERATOR}\N{MULTIPLICATION SIGN}] )(?<!\\cdot )(?<!\\cdot)"
    r"(?<!effective )(?<!Effective )(?<!dilated )(?<!Dilated )"
)
_LINE_KERNEL = lazy_regex(
    r"(?<![\w.])(?P<a>\d{1,2})\s*(?:[xX\N{MULTIPLICATION SIGN}]|\\times)\s*(?P=a)(?![\d.])"
    rf"|{_NOT_A_FACTOR}\b(?:kernel(?:[ _]size)?|k)\s*(?:=|:)?\s*(?P<b>\d{{1,2}})\b{_NO_PRODUCT}"
)
# The kernel a note states once, by its label ("kernel $3 \times 3$", "K = 3", "3x3 kernel"):
# a bare square elsewhere in the note is more often a map's size.
_NOTE_KERNEL = lazy_regex(
    rf"{_NOT_A_FACTOR}\b(?:kernel(?:[ _]size)?|k)\s*(?:=|:|of)?\s*\$?\s*(?P<b>\d{{1,2}})\b"
    rf"{_NO_PRODUCT}"
    r"|(?<![\w.])(?P<a>\d{1,2})\s*(?:[xX\N{MULTIPLICATION SIGN}]|\\times)\s*(?P=a)\$?"
    r"\s*(?:kernel|conv|filter)",
    re.I,
)
_LINE_STRIDE = lazy_regex(
    rf"\b(?:strides?|s)\s*(?:=|:)?\s*(?P<v>\d{{1,2}})\b{_NO_PRODUCT}|(?<=\d)/(?P<w>\d)\b", re.I
)
_LINE_PADDING = lazy_regex(
    rf"\b(?:padding|pad|p)\s*(?:=|:)?\s*(?P<v>\d{{1,2}})\b{_NO_PRODUCT}", re.I
)
_LINE_DILATION = lazy_regex(
    rf"\b(?:dilation(?:[ _]rate)?|d)\s*(?:=|:)?\s*(?P<v>\d{{1,2}})\b{_NO_PRODUCT}", re.I
)
# The same settings stated once for the note, inside its math too ("stride $s = 1$").
_NOTE_STRIDE = lazy_regex(
    rf"\b(?:strides?|s)\s*(?:=|:|of)?\s*\$?\s*(?P<v>\d{{1,2}})\b{_NO_PRODUCT}", re.I
)
_NOTE_PADDING = lazy_regex(
    rf"\b(?:padding|pad|p)\s*(?:=|:|of)?\s*\$?\s*(?P<v>\d{{1,2}})\b{_NO_PRODUCT}", re.I
)
_NOTE_DILATION = lazy_regex(
    rf"\b(?:dilation(?:[ _]rate)?|d)\s*(?:=|:|of)?\s*\$?\s*(?P<v>\d{{1,2}})\b{_NO_PRODUCT}", re.I
)
_NO_PADDING = lazy_regex(r"\b(?:no|without|zero)\s+padding\b|\bunpadded\b|\bvalid\b", re.I)
_SAME = lazy_regex(r"\bsame\b", re.I)
_POOL_WORD = lazy_regex(r"pool|sub-?sampl", re.I)
_CONV_WORD = lazy_regex(r"conv", re.I)


_SENTENCE_BREAK = lazy_regex(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z])")


def _first(pattern: Any, text: str) -> int | None:
    values = {int(next(g for g in m.groups() if g)) for m in pattern.finditer(text)}
    return values.pop() if len(values) == 1 else None


def _several(pattern: Any, text: str) -> bool:
    return len({int(next(g for g in m.groups() if g)) for m in pattern.finditer(text)}) > 1


def _line_layer(document: LintDocument, before: str, own_stride: bool = False) -> list[Layer]:
    """The layer a line states before its worked step, with the note's one value for a
    setting the line leaves out; every usual padding where neither states one."""
    kernel = _first(_LINE_KERNEL, before)
    dilation = _first(_LINE_DILATION, before)
    stride = _first(_LINE_STRIDE, before)
    if kernel is None and dilation is None:
        return []
    note = document.text[document.body_offset :]
    if kernel is None:
        kernel = _first(_LINE_KERNEL, note)
    if kernel is None:
        return []
    pooling = _POOL_WORD.search(before) is not None and not _CONV_WORD.search(before)
    strides: list[int] = []
    if stride is None and (pooling or not own_stride):
        # a line without its stride: pooling's window, else the note's one stride (never for
        # an arrow line, whose note may state the stride of its pooling layers only)
        stride = kernel if pooling else _first(_LINE_STRIDE, note)
        if not pooling and stride is not None and _strides_of_other_layers(note):
            strides = [1]  # the stride is another layer's: this one may keep the default
    if stride is None:
        return []
    strides = [*strides, *([stride] if stride not in strides else [])]
    padding = _first(_LINE_PADDING, before)
    paddings: list[int | str]
    if padding is not None:
        paddings = [padding]
    elif _NO_PADDING.search(before) or (_NO_PADDING.search(note) and not _SAME.search(note)):
        paddings = [0]
    else:
        paddings = [0, kernel // 2, (kernel - 1) // 2, "same"]
    return [
        Layer((kernel,), (each,), (pad,), (dilation or 1,), pooling)
        for each in strides
        for pad in paddings
    ]


def _strides_of_other_layers(note: str) -> bool:
    """Whether every line that states a stride also states its own kernel: "2. `MaxPool1d(
    kernel_size=3, stride=2)`" sets that layer's stride, not the conv's on the line before."""
    lines = [line for line in note.splitlines() if _LINE_STRIDE.search(line)]
    return bool(lines) and all(_LINE_KERNEL.search(line) for line in lines)


def _note_layer(document: LintDocument, view: str, step_at: int | None = None) -> list[Layer]:
    """The one layer a note without layer calls sets up by its labelled settings ("K = 3,
    dilation D = 4, P = 0, S = 1"): those of its question, else those stated once in the
    note, else those stated once before the step (a later remark, "stacking d = 1, 2, 4",
    sets up the next layers); every usual padding where it states none."""
    question = document.question
    texts = [view[question[0] : question[1]]] if question is not None else []
    texts.append(view[document.body_offset :])
    if step_at is not None:
        texts.append(view[document.body_offset : step_at])
    for text in texts:
        kernel = _first(_NOTE_KERNEL, text)
        stride = _first(_NOTE_STRIDE, text)
        if kernel is None or stride is None or _several(_NOTE_DILATION, text):
            continue  # several dilations: a stack of layers, not one
        dilation = _first(_NOTE_DILATION, text)
        padding = _first(_NOTE_PADDING, text)
        pooling = _POOL_WORD.search(text) is not None and not _CONV_WORD.search(text)
        paddings: list[int | str]
        if padding is not None:
            paddings = [padding]
        elif _NO_PADDING.search(text) and not _SAME.search(text):
            paddings = [0]
        else:
            paddings = [0, kernel // 2, (kernel - 1) // 2, "same"]
        return [Layer((kernel,), (stride,), (pad,), (dilation or 1,), pooling) for pad in paddings]
    return []


def _writes_layer(layer: Layer, numbers: Sequence[int]) -> bool:
    """Whether a step's numbers write the layer's kernel: k, k - 1, its dilated span, or the
    d·k a slip takes for it; or its stride."""
    k, d, s = layer.kernels[0], layer.dilations[0], layer.strides[0]
    written = {k, d * (k - 1), d * (k - 1) + 1, d * k}
    if d > 1:
        written.add(k - 1)
    if s > 1:
        written.add(s)
    return bool(written & set(numbers))


def layer_outputs(n: int, layer: Layer, axis: int, ceil: bool) -> set[int]:
    stage_trace.note_setup(stage_trace.CONV)
    k = layer.kernels[min(axis, len(layer.kernels) - 1)]
    s = layer.strides[min(axis, len(layer.strides) - 1)]
    d = layer.dilations[min(axis, len(layer.dilations) - 1)]
    padding = layer.paddings[min(axis, len(layer.paddings) - 1)]
    if padding == "same":
        return {-(-n // s)}
    span = n + 2 * int(padding) - d * (k - 1) - 1
    if span < 0 or s <= 0:
        return set()
    found = {span // s + 1}
    if ceil or layer.ceil:
        found.add(-(-span // s) + 1)
    return found


# A worked step labelled with its axis ("- T: ⌊(16 + 2 - 3)/2⌋ + 1 = 8", "height and width:").
_AXIS_LABEL = lazy_regex(
    r"^\s*(?:[-*+]|\d+[.)]|\|)?\s*[*_]*(?:(?P<time>T|D|time|frames?|depth|temporal)"
    r"|(?P<height>H|height|rows)|(?P<width>W|width|columns)"
    r"|(?P<both>H\s*(?:,|and|&)\s*W|height\s*(?:,|and|&)\s*width|spatial(?:ly)?))"
    r"(?:\s+axis)?[*_]*\s*(?::|\N{EN DASH}|-|\N{EM DASH}|\|)",
    re.I,
)


def _labelled_axes(layer: Layer, before: str) -> list[int] | None:
    """The axes of a 3-D layer a step's label names, None where it names none."""
    match = _AXIS_LABEL.match(before)
    if match is None or len(layer.kernels) != 3:
        return None
    if match["time"]:
        return [0]
    if match["height"]:
        return [1]
    if match["width"]:
        return [2]
    return [1, 2]


def _axes_of_step(layer: Layer, numbers: Sequence[int]) -> list[int]:
    """The axes of a layer whose kernel the step writes (every axis when it writes none)."""
    axes = range(len(layer.kernels))
    written = [
        axis
        for axis in axes
        if layer.kernels[axis] in numbers
        or layer.dilations[axis] * (layer.kernels[axis] - 1) + 1 in numbers
    ]
    return written or list(axes)


# ----------------------------------------------------------------------------- judging

_FENCE = lazy_regex(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.M | re.S)
_OTHER_FORMULA = GatedPattern(
    r"transpose|upsampl|deconv|unpool|pixel[ _-]?shuffle|ConvTranspose|Conv[123]DTranspose",
    re.I,
)
# A step shown as a mistake, a hypothesis or an approximation: not the note's own result.
_NOT_OWN = lazy_regex(
    r"\b(?:would|if|instead|mistak\w*|wrong\w*|incorrect\w*|forg[eo]t\w*|naive\w*|suppose|"
    r"otherwise|omit\w*|error|typo|rather|not|never|common\s+slip|pitfall|bug)\b|n't|"
    r"\\approx|\N{ALMOST EQUAL TO}|~",
    re.I,
)
_CEIL_WORDS = lazy_regex(r"ceil_mode\s*=\s*True|\bcaffe\b|ceil(?:ing)?\s+mode", re.I)
# The formula written with its symbols and its "+ 1": "out = floor((n + 2p - k) / s) + 1".
_SYMBOLIC_PLUS_ONE = lazy_regex(
    r"[A-Za-z]\s*(?:\}\s*)?(?:\)|\\right\s*\\rfloor|\\rfloor|\N{RIGHT FLOOR})\s*\+\s*1\b"
)
_SIZE_WORDS = lazy_regex(
    r"\b(?:map|output|out|size|side|comes\s+out|gives?)\b|->|\N{RIGHTWARDS ARROW}", re.I
)
_COUNTING_WORDS = lazy_regex(r"(?<!\\)\b(?:moves?|shifts?|jumps?|times|steps?|strides)\b", re.I)
_ITEM_START = lazy_regex(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M)


def _view(document: LintDocument) -> str:
    text = " " * document.body_offset + document.text[document.body_offset :]
    return _FENCE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)


def worked_instance_findings(document: LintDocument) -> Iterator[Finding]:
    """Worked size formulas whose result the layer they work out does not give."""
    body = document.body_offset
    if _OTHER_FORMULA.search(document.text, body):
        return
    view = _view(document)
    calls = _note_calls(document)
    ceil = _CEIL_WORDS.search(document.text, body) is not None
    plus_one_formula = _SYMBOLIC_PLUS_ONE.search(view, body) is not None or any(
        # the note's own worked step adds the 1 after its division ("⌊599/2⌋ + 1 = 300")
        step.plus_one and step.divided
        for line in view[body:].split("\n")
        for step in _steps(line, 0)
    )
    line_start = body
    lines = view[body:].split("\n")
    headers = _table_headers(lines)
    for index, line in enumerate(lines):
        offset = line_start
        line_start += len(line) + 1
        for step in _steps(line, offset):
            before = view[offset : step.start]
            after = view[step.claim_end : offset + len(line)]
            if _NOT_OWN.search(line):
                continue
            header = headers[index]
            if header is not None:
                # a table row states its layer's settings in cells the header names
                before = _row_settings(header, before) + before
            finding = _judge(document, view, step, (before, after), calls, ceil, plus_one_formula)
            if finding is not None:
                yield finding


_TABLE_SEPARATOR = lazy_regex(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# A header cell's name for a setting: "k", "kernel", "kernel size", "s", "stride", "p", "pad".
_SETTING_NAMES = (
    (lazy_regex(r"^(?:k|kernel(?:[ _]size)?|window|pool(?:[ _]size)?)$", re.I), "kernel"),
    (lazy_regex(r"^(?:s|strides?)$", re.I), "stride"),
    (lazy_regex(r"^(?:p|pad|padding)$", re.I), "padding"),
    (lazy_regex(r"^(?:d|dilation(?:[ _]rate)?)$", re.I), "dilation"),
)
_CELL_VALUE = lazy_regex(r"^\s*(\d{1,2})(?:\s*[xX\N{MULTIPLICATION SIGN}]\s*\1)*\s*$")


def _table_headers(lines: Sequence[str]) -> list[str | None]:
    """For each line, the header row of the table it is a body row of (one pass)."""
    headers: list[str | None] = []
    header: str | None = None
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("|"):
            header = None
        elif _TABLE_SEPARATOR.match(line):
            previous = lines[index - 1] if index else ""
            header = previous if previous.lstrip().startswith("|") else None
            headers.append(None)
            continue
        headers.append(header)
    return headers


def _row_settings(header: str, before: str) -> str:
    """The settings a table row states in the cells before its worked step, labelled by their
    column: a column per setting ("| kernel | stride | padding |") or one column naming
    several ("| k / s / p |" over "| 3 / 2 / 1 |"). Written as a line would write them."""
    names = [cell.strip() for cell in header.strip().strip("|").split("|")]
    cells = [cell.strip() for cell in before.strip().strip("|").split("|")]
    labelled = []
    for name, cell in zip(names, cells, strict=False):
        parts = [part.strip() for part in re.split(r"\s*[/,]\s*", name)]
        values = [value.strip() for value in re.split(r"\s*[/,]\s*", cell)]
        if len(parts) != len(values):
            continue
        for part, value in zip(parts, values, strict=True):
            setting = next(
                (label for pattern, label in _SETTING_NAMES if pattern.match(part)), None
            )
            number = _CELL_VALUE.match(value)
            if setting is not None and number is not None:
                labelled.append(f"{setting} {number.group(1)}, ")
    return "".join(labelled)


def _judge(
    document: LintDocument,
    view: str,
    step: _Step,
    around: tuple[str, str],
    calls: list[Layer] | None,
    ceil: bool,
    plus_one_formula: bool,
) -> Finding | None:
    before, after = around
    if step.n == _BARE:
        return _bare_step(step, before, after, plus_one_formula)
    if not step.plus_one and not step.divided:
        # "- d=8: 986 - 8·2 = 970": only where the line states the dilation
        if _first(_LINE_DILATION, before) is None and not _dilated_size(document, view, before):
            return _whole_kernel_taken(document, view, step, before, after, calls)
    elif not step.plus_one:
        # "floor((32 + 2 - 3)/2) = 15, so the map is 15x15" under a formula with "+ 1"
        if (
            step.divided
            and plus_one_formula
            and step.own_value is not None
            and step.claim == step.own_value - 1
            and (
                _SIZE_WORDS.search(before + " " + after)
                or _line_gives(document, before, step.n, step.own_value)
            )
            and not _COUNTING_WORDS.search(before + " " + after)
        ):
            return Finding(
                step.claim_start,
                step.claim_end,
                f"the note's formula adds 1 after the division, so this step gives "
                f"{step.own_value}, not {step.claim}: correct the output size",
            )
        return None
    # the layer a line states is in the step's own sentence: "It is tempting to expect 28x28
    # again. The formula gives (28 - 5)/1 + 1 = 24" states no kernel of 28
    layers = _line_layer(document, _SENTENCE_BREAK.split(before)[-1])
    from_line = bool(layers)
    if not layers and calls is not None and not calls:
        # no call: the one layer the note's labelled settings set up, where the step writes it
        noted = _note_layer(document, view, step.start)
        layers = [layer for layer in noted if _writes_layer(layer, step.numbers)]
    if not layers:
        if not calls:
            return None
        written = [
            layer
            for layer in calls
            if any(
                k in step.numbers or d * (k - 1) + 1 in step.numbers
                for k, d in zip(layer.kernels, layer.dilations, strict=False)
            )
        ]
        if written:
            layers = written
        elif len(set(calls)) == 1 and _one_kind(document, calls[0]):
            layers = calls[:1]
        else:
            return None
        layers = [*layers, *_overridden(layers, before)]
    outputs: set[int] = set()
    for layer in layers:
        axes = _labelled_axes(layer, before) or _axes_of_step(layer, step.numbers)
        for axis in axes:
            outputs |= layer_outputs(step.n, layer, axis, ceil and layer.pooling)
    if not outputs or step.claim in outputs:
        return None
    if from_line and not any(
        {layer.kernels[0], layer.strides[0]} & set(step.numbers)
        # a dilated step writes its kernel as k - 1: "986 - 4·2"
        or (layer.dilations[0] > 1 and layer.kernels[0] - 1 in step.numbers)
        for layer in layers
    ):
        return None  # the line's settings may be another layer's
    shown = " or ".join(str(value) for value in sorted(outputs))
    return Finding(
        step.claim_start,
        step.claim_end,
        f"the layer this step works out ({_describe(layers[0])}) gives {shown} from the input "
        f"{step.n}, not {step.claim}: the substituted numbers leave out or swap a setting; "
        "correct the output size",
    )


# The input a step starts from, written before an arrow: "499 → ⌊", "$499 \to \lfloor ".
_ARROW_INPUT = lazy_regex(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*(?:\\to|\\rightarrow|->|=>|\N{RIGHTWARDS ARROW})"
    r"[\s$(\\]*(?:lfloor|left)?[\s\\]*(?:lfloor|\N{LEFT FLOOR}|floor\s*\()?[\s(]*$",
    re.I,
)


def _bare_step(step: _Step, before: str, after: str, plus_one_formula: bool) -> Finding | None:
    """A step that divides a numerator already worked out ("499 → ⌊496/2⌋ = 248") and drops
    the "+ 1" the note's other steps add after their division ("1000 → ⌊997/2⌋ + 1 = 499").
    Only a numerator smaller than the arrow's input is read so (the kernel's reach taken
    off): "62 → 62/2 = 31" halves its input, as a 2-wide pooling does."""
    if step.plus_one or not plus_one_formula or step.own_value is None:
        return None
    arrow = _ARROW_INPUT.search(before)
    if arrow is None or step.numbers[0] >= int(arrow["n"].replace(",", "")):
        return None
    if step.claim != step.own_value - 1 or _COUNTING_WORDS.search(before + " " + after):
        return None
    return Finding(
        step.claim_start,
        step.claim_end,
        f"the note's other steps add 1 after the division, so this step gives "
        f"{step.own_value}, not {step.claim}: correct the output size",
    )


# An output's symbol: "L_out", "$T_{out}$", "n_out".
_OUT_SYMBOL = lazy_regex(r"\b[A-Za-z]_\{?(?:out|o)\b")


def _whole_kernel_taken(
    document: LintDocument,
    view: str,
    step: _Step,
    before: str,
    after: str,
    calls: list[Layer] | None,
) -> Finding | None:
    """A bare "n - k" step ("L_out = 200 - 5 = 195") under the one undilated, unpadded,
    stride-1 layer the note sets up by its labels: a window of k fits n - k + 1 times, so
    taking the whole kernel off drops the "+ 1" (n - (k - 1) is the right step, left alone)."""
    if calls or len(step.numbers) != 1 or step.claim != step.n - step.numbers[0]:
        return None
    if not (_SIZE_WORDS.search(before) or _OUT_SYMBOL.search(before)):
        return None
    if _COUNTING_WORDS.search(before + " " + after):
        return None
    layers = _note_layer(document, view)
    if len(layers) != 1:
        return None  # an unstated padding: n - k may be a padded layer's size
    layer = layers[0]
    k, s, d, p = layer.kernels[0], layer.strides[0], layer.dilations[0], layer.paddings[0]
    if (k, s, d, p) != (step.numbers[0], 1, 1, 0) or k < 2:
        return None
    return Finding(
        step.claim_start,
        step.claim_end,
        f"a window of {k} fits {step.n} {MINUS} {k} + 1 = {step.n - k + 1} times along "
        f"{step.n} (stride 1, no padding), not {step.claim}: the step drops the '+ 1'; "
        "correct the output size",
    )


def _dilated_size(document: LintDocument, view: str, before: str) -> bool:
    """Whether a bare "n - m" step works the output size ("L_out = 1000 - 2") of the dilated
    layer the note sets up by its labelled settings."""
    if not _SIZE_WORDS.search(before) or _note_calls(document):
        return False
    return any(layer.dilations[0] > 1 for layer in _note_layer(document, view))


def _line_gives(document: LintDocument, before: str, n: int, value: int) -> bool:
    """Whether the layer the step's line states ("- maxpool: 3x3, s = 2, p = 1:") gives the
    value the step's own terms give with the "+ 1": the line then works an output size."""
    layers = _line_layer(document, _SENTENCE_BREAK.split(before)[-1])
    return any(value in layer_outputs(n, layer, 0, False) for layer in layers)


def _overridden(layers: Sequence[Layer], before: str) -> list[Layer]:
    """The calls' layers with the padding or stride the step's own line names for its
    scenario ("- ``"valid"``: ⌊(75 - 3)/2⌋ + 1 = 37" beside a "same" call)."""
    padding: int | str | None = _first(_LINE_PADDING, before)
    if padding is None and _NO_PADDING.search(before):
        padding = 0
    if padding is None and _SAME.search(before):
        padding = "same"
    stride = _first(_LINE_STRIDE, before)
    changed = []
    for layer in layers:
        count = len(layer.kernels)
        paddings = layer.paddings if padding is None else (padding,) * count
        strides = layer.strides if stride is None else (stride,) * count
        changed.append(
            Layer(layer.kernels, strides, paddings, layer.dilations, layer.pooling, layer.ceil)
        )
    return changed


def _one_kind(document: LintDocument, layer: Layer) -> bool:
    """Whether the note's prose names no layer of the other kind (a pool beside a conv call)."""
    prose = _CALL.sub(" ", document.text[document.body_offset :])
    other = _CONV_WORD if layer.pooling else _POOL_WORD
    return other.search(prose) is None


def _describe(layer: Layer) -> str:
    def shown(values: Sequence[int | str]) -> str:
        return "x".join(str(v) for v in values) if len(set(values)) > 1 else str(values[0])

    parts = [f"kernel {shown(layer.kernels)}", f"stride {shown(layer.strides)}"]
    parts.append(f"padding {shown(layer.paddings)}")
    if any(d != 1 for d in layer.dilations):
        parts.append(f"dilation {shown(layer.dilations)}")
    return ", ".join(parts)


# ----------------------------------------------------------------------------- arrow steps

_ARROW = r"(?:->|\N{RIGHTWARDS ARROW}|=>)"
_COUNT = r"\d{1,3}(?:,\d{3})+|\d+"
# "16,000 → 3,200", "→ 1,599 → 799": sizes joined by arrows (a word between breaks the chain)
# (a size that is one axis of a shape, "→ 256 x 13 x 13", is no length)
_NOT_SHAPE = r"(?![\w.]|,\d|\s*[xX\u00d7*]\s*\d)"
_ARROW_CHAIN = lazy_regex(
    rf"(?:(?<![\w.,\u00d7])(?<![xX\u00d7]\s)(?P<first>{_COUNT}){_NOT_SHAPE}\s*)?"
    rf"(?P<steps>(?:{_ARROW}\s*(?:{_COUNT}){_NOT_SHAPE}\s*)+)"
)
_ARROW_VALUE = lazy_regex(rf"{_ARROW}\s*(?P<v>{_COUNT})")
_NOT_A_SIZE = lazy_regex(
    r"^\s*(?:channels|filters|features|units|maps|classes|params|parameters|dims?)\b", re.I
)
# "kernels (10, 3, 3, 3, 3, 2, 2), strides (5, 2, 2, 2, 2, 2, 2)": one value per layer
_PER_LAYER = lazy_regex(
    r"\b(?P<name>kernel(?:[ _]sizes?|s)|strides)\s*[:=]?\s*\((?P<values>\d+(?:\s*,\s*\d+)+)\)",
    re.I,
)
_LAYER_INDEX = lazy_regex(r"\blayer\s+(?P<n>\d+)\b", re.I)
_LINE_SETTINGS = lazy_regex(r"\b(?:k\d|kernel|stride|s\s*=|\d\s*[xX\N{MULTIPLICATION SIGN}]\s*\d)")


def arrow_step_findings(document: LintDocument) -> Iterator[Finding]:
    """Sizes joined by arrows on a line that states its layer ("- layer 1 (k10, s5): 16,000 →
    3,200", "- layer 1: 16,000 → 3,200" under "kernels (10, 3, …), strides (5, 2, …)"): each
    arrow is one application of the line's layer to the size before it."""
    body = document.body_offset
    if _OTHER_FORMULA.search(document.text, body):
        return
    view = _view(document)
    per_layer = _per_layer_settings(view, body)
    last: int | None = None
    line_start = body
    for line in view[body:].split("\n"):
        offset = line_start
        line_start += len(line) + 1
        chain = _ARROW_CHAIN.search(line)
        if chain is None:
            if line.strip():
                last = None
            continue
        values = [
            (int(m["v"].replace(",", "")), m.start("v"), m.end("v"))
            for m in _ARROW_VALUE.finditer(chain["steps"])
        ]
        first = int(chain["first"].replace(",", "")) if chain["first"] else last
        before = line[: chain.start()]
        layers = _line_layer(document, before, True) if _LINE_SETTINGS.search(before) else []
        index = _LAYER_INDEX.search(before)
        if not layers and index is not None and per_layer is not None:
            layers = _indexed_layer(document, per_layer, int(index["n"]))
        last = values[-1][0] if values else last
        if not layers or first is None or _NOT_OWN.search(line):
            continue
        if _NOT_A_SIZE.match(line[chain.end() :]):
            continue
        given = first
        for claim, start, end in values:
            outputs: set[int] = set()
            for layer in layers:
                outputs |= layer_outputs(given, layer, 0, False)
            if outputs and claim not in outputs and claim < given:
                at = offset + chain.start("steps") + start
                shown = " or ".join(str(value) for value in sorted(outputs))
                yield Finding(
                    at,
                    offset + chain.start("steps") + end,
                    f"the layer of this line ({_describe(layers[0])}) gives {shown} from "
                    f"{given}, not {claim}: correct the output size",
                )
                break  # one mistake, one finding
            given = claim


def _per_layer_settings(view: str, body: int) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    found: dict[str, tuple[int, ...]] = {}
    for match in _PER_LAYER.finditer(view, body):
        kind = "stride" if match["name"].lower().startswith("stride") else "kernel"
        values = tuple(int(v) for v in re.findall(r"\d+", match["values"]))
        if kind in found and found[kind] != values:
            return None
        found[kind] = values
    kernels, strides = found.get("kernel"), found.get("stride")
    if kernels is None or strides is None or len(kernels) != len(strides):
        return None
    return kernels, strides


def _indexed_layer(
    document: LintDocument, per_layer: tuple[tuple[int, ...], tuple[int, ...]], index: int
) -> list[Layer]:
    kernels, strides = per_layer
    if not 1 <= index <= len(kernels):
        return []
    k, s = kernels[index - 1], strides[index - 1]
    note = document.text[document.body_offset :]
    if not _NO_PADDING.search(note) or _SAME.search(note):
        return []  # a padding the note does not state for every layer
    return [Layer((k,), (s,), (0,), (1,), False)]


# ----------------------------------------------------------------------------- transposed steps

# A call written with the settings' symbols for arguments, "ConvTranspose2d(K=4, S=2, P=1)":
# labels in the shape of a call, no keyword the library knows.
_LABELS_ONLY = lazy_regex(r"[ \t]*[A-Z]\s*=\s*\d+(?:\s*,\s*[A-Z]\s*=\s*\d+)*\s*\)")
_TRANSPOSED_CALL = lazy_regex(r"\b(?P<name>ConvTranspose[123]d|Conv[123]DTranspose)\s*\(")
_TRANSPOSED_ORDER = {
    "torch": ("in_channels", "out_channels", "kernel_size", "stride", "padding", "output_padding"),
    "keras": ("filters", "kernel_size", "strides", "padding"),
}


def transposed_outputs(name: str, call: ast.Call, n: int) -> set[int] | None:
    """What one transposed layer call gives along an axis of n, by its library's formula."""
    keras = name.endswith("Transpose")
    order = _TRANSPOSED_ORDER["keras" if keras else "torch"]
    arguments: dict[str, object] = {}
    try:
        for index, node in enumerate(call.args):
            arguments[order[index]] = ast.literal_eval(node)
        for keyword in call.keywords:
            if keyword.arg is None:
                return None
            arguments[keyword.arg] = ast.literal_eval(keyword.value)
    except (ValueError, SyntaxError, TypeError, IndexError):
        return None
    values = {}
    for key, default in (
        ("kernel_size", None),
        ("stride", 1),
        ("strides", 1),
        ("padding", 0),
        ("output_padding", 0),
        ("dilation", 1),
    ):
        value = arguments.get(key, default)
        if isinstance(value, str) and key == "padding" and keras:
            values[key] = -1 if value.lower() == "same" else 0
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            return None  # a per-axis or unread setting
        values[key] = value
    k = values["kernel_size"]
    if keras:
        s = values["strides"]
        if "output_padding" in arguments:
            return None  # a Keras output_padding is left alone
        return {n * s} if values["padding"] == -1 else {n * s + max(k - s, 0)}
    s, p, d = values["stride"], values["padding"], values["dilation"]
    return {(n - 1) * s - 2 * p + d * (k - 1) + values["output_padding"] + 1}


def transposed_step_findings(document: LintDocument) -> Iterator[Finding]:
    """A worked transposed step ("(16 - 1)·2 + 4 = 34") that the note's one transposed call
    does not give from the step's input: its padding or output padding left out."""
    body = document.body_offset
    calls = list(_TRANSPOSED_CALL.finditer(document.text, body))
    if len(calls) != 1 or _CALL.search(document.text, body):
        return
    match = calls[0]
    close = _closing(document.text, match.end() - 1)
    if close is None:
        return
    try:
        node = ast.parse(match["name"] + document.text[match.end() - 1 : close + 1], mode="eval")
    except SyntaxError:
        return
    if not isinstance(node.body, ast.Call):
        return
    view = _view(document)
    line_start = body
    for line in view[body:].split("\n"):
        offset = line_start
        line_start += len(line) + 1
        if _NOT_OWN.search(line) or _OTHER_SCENARIO.search(line):
            continue  # "without ``output_padding`` the same layer gives 31": another setting
        for n, claim, start, end in _transposed_steps(line, offset):
            outputs = transposed_outputs(match["name"], node.body, n)
            if outputs and claim not in outputs:
                shown = " or ".join(str(value) for value in sorted(outputs))
                yield Finding(
                    start,
                    end,
                    f"the note's transposed layer gives {shown} from the input {n}, not "
                    f"{claim}: the worked step leaves out a setting; correct the output size",
                )


_OTHER_SCENARIO = lazy_regex(r"\bwithout\b|\bsame\s+layer\b|\bwith\s+`", re.I)


def _transposed_steps(
    text: str, offset: int, stride: int = 0, inputs: frozenset[int] | set[int] = frozenset()
) -> Iterator[tuple[int, int, int, int]]:
    """(input, claim, where) of each "(n - 1)·s …" step of a line (and, given the stride and
    the stated inputs, of each "m·s …" step with m = n - 1 worked out)."""
    tokens = _tokens(text, offset)
    at = 0
    while at < len(tokens):
        starts: tuple[str, ...] = ("open",)
        joined: tuple[str, ...] = ("times", "divide")
        if stride:  # a worked-out "15 · 2" starts with a number no operator joins on
            starts, joined = ("open", "num"), ("times", "divide", "plus", "minus")
        if tokens[at].kind not in starts or (at > 0 and tokens[at - 1].kind in joined):
            at += 1
            continue
        parser = _Parser(tokens, at)
        node = parser.expr()
        if node is None or parser.peek() != "equals":
            at += 1
            continue
        n = _minus_one_input(node)
        if n is None and stride:
            n = _worked_out_input(node, stride, set(inputs))
        claim = _chain_claim(parser, tokens)
        if n is not None and claim is not None:
            yield n, claim.value, claim.start, claim.end
        at = max(parser.at, at + 1)


def _minus_one_input(node: _Node) -> int | None:
    """n of a sum that starts with "(n - 1)·s"."""
    if not isinstance(node, _Sum) or node.terms[0][0] != 1:
        return None
    first = node.terms[0][1]
    if not isinstance(first, _Binary) or first.op != "mul":
        return None
    for side in (first.left, first.right):
        if (
            isinstance(side, _Sum)
            and len(side.terms) == 2
            and side.terms[1] == (-1, _Num(1))
            and side.terms[0][0] == 1
            and isinstance(side.terms[0][1], _Num)
        ):
            return side.terms[0][1].value
    return None


_TRANSPOSED_WORD = lazy_regex(r"transpos|deconv", re.I)
_OUTPUT_PADDING = lazy_regex(r"output[ _]padding", re.I)
_NO_OUTPUT_PADDING = lazy_regex(r"\bno\s+output[ _]padding|output_padding\s*=\s*0\b", re.I)


def labelled_transposed_findings(document: LintDocument) -> Iterator[Finding]:
    """A worked transposed step under the settings a note without layer calls states by their
    labels ("16 x 16 in, k = 4, s = 2, p = 1" ... "15 · 2 + 4 = 34"): the step starts from
    (n - 1)·s, written out or with n - 1 worked out for an input n the question states, and
    its claim must be (n - 1)·s - 2p + d·(k - 1) + 1 (+ an output padding the note names)."""
    body = document.body_offset
    text = document.text
    question = document.question
    if (
        question is None
        or not _TRANSPOSED_WORD.search(text, body)
        or _CALL.search(text, body)
        or any(not _LABELS_ONLY.match(text, m.end()) for m in _TRANSPOSED_CALL.finditer(text, body))
    ):
        return
    view = _view(document)
    asked = view[question[0] : question[1]]
    kernel, stride = _first(_NOTE_KERNEL, asked), _first(_NOTE_STRIDE, asked)
    padding = _first(_NOTE_PADDING, asked)
    if kernel is None or stride is None or padding is None or stride < 2:
        return
    dilation = _first(_NOTE_DILATION, asked) or 1
    inputs = {token.value for token in _tokens(asked, 0) if token.kind == "num"}
    named = _OUTPUT_PADDING.search(text, body) and not _NO_OUTPUT_PADDING.search(text, body)
    extra = {0, 1} if named else {0}
    line_start = body
    for line in view[body:].split("\n"):
        offset = line_start
        line_start += len(line) + 1
        if offset < question[1] or _NOT_OWN.search(line) or _OTHER_SCENARIO.search(line):
            continue
        for n, claim, start, end in _transposed_steps(line, offset, stride, inputs):
            base = (n - 1) * stride - 2 * padding + dilation * (kernel - 1) + 1
            outputs = {base + value for value in extra}
            if claim not in outputs:
                shown = " or ".join(str(value) for value in sorted(outputs))
                yield Finding(
                    start,
                    end,
                    f"the transposed layer the note sets up (kernel {kernel}, stride {stride}, "
                    f"padding {padding}) gives {shown} from the input {n}, not {claim}: the "
                    "worked step leaves out a setting; correct the output size",
                )


def _worked_out_input(node: _Node, stride: int, inputs: set[int]) -> int | None:
    """n of a sum that starts with "(n - 1)·s" where n - 1 is worked out: "15 · 2 + 4"."""
    if not isinstance(node, _Sum) or node.terms[0][0] != 1 or len(node.terms) < 2:
        return None
    first = node.terms[0][1]
    if not isinstance(first, _Binary) or first.op != "mul":
        return None
    if not isinstance(first.left, _Num) or not isinstance(first.right, _Num):
        return None
    for side, other in ((first.left, first.right), (first.right, first.left)):
        if other.value == stride and side.value + 1 in inputs:
            return side.value + 1
    return None
