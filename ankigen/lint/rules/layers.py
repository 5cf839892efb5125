"""Layer arithmetic stated in prose: conv/pooling output sizes (AG103) and parameter counts of
dense and convolution layers (AG104). Both report only when every quantity they need is named
once in the sentence (or once in its paragraph)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ankigen.lint.arith.code_counts import comment_problems, summary_problems
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.layers import (
    Axis,
    allowed_outputs,
    conv_parameters,
    dense_parameters,
    explain_output,
)
from ankigen.lint.arith.quantities import (
    NO_BIAS,
    OTHER_LAYERS,
    SEVERAL_LAYERS,
    UPSAMPLING,
    Quantity,
    distinct,
    find,
    find_pairs,
    parse_total,
)
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule

_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])|\n(?=[ \t]*#)")
# A sentence ends at . ! ? ; followed by a space: "0.5" and "e.g.," stay inside.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_OUTPUT_WORDS = re.compile(r"\b(?:stride|kernel|filter|pool|conv|padding|window|output)", re.I)
_COUNT_WORDS = re.compile(r"\b(?:param|weights)", re.I)
_POOL = re.compile(r"pool", re.I)


# Inline math that only writes sizes: "$7 \times 7$", "$224{,}000$".
_INLINE_MATH = re.compile(r"(?<![$\\])\$([^$\n]+)\$(?!\$)")
_SIZE_ONLY = re.compile(r"[\d\s,.xX\N{MULTIPLICATION SIGN}*]+")


def layer_prose(document: LintDocument) -> str:
    """The prose view, with inline math that only writes sizes put back as text: numbers in
    "a $7 \times 7$ convolution" are quantities of the sentence."""
    return document.memo("layer-prose", lambda: _with_size_math(document))


def _size_text(latex: str) -> str:
    text = re.sub(r"\\(?:times|cdot)(?![A-Za-z])", TIMES, latex)
    return text.replace("{,}", ",").replace("\\,", "").replace("{", "").replace("}", "").strip()


def _with_size_math(document: LintDocument) -> str:
    prose = document.prose
    if "$" not in document.text[document.body_offset :]:
        return prose
    pieces, position = [], 0
    for match in _INLINE_MATH.finditer(document.text, document.body_offset):
        plain = _size_text(match.group(1))
        if not plain or not _SIZE_ONLY.fullmatch(plain) or prose[match.start()] != " ":
            continue
        width = match.end() - match.start()
        pieces += [prose[position : match.start()], f" {plain}".ljust(width)]
        position = match.end()
    pieces.append(prose[position:])
    return "".join(pieces)


def _blocks(document: LintDocument) -> list[tuple[int, int]]:
    prose, start = layer_prose(document), document.body_offset
    blocks = []
    for match in _BLOCK_BREAK.finditer(prose, start):
        blocks.append((start, match.start()))
        start = match.end()
    blocks.append((start, len(prose)))
    return blocks


def _sentences(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    sentences = []
    for match in _SENTENCE_END.finditer(prose, start, end):
        sentences.append((start, match.start()))
        start = match.end()
    sentences.append((start, end))
    return sentences


def _scopes(document: LintDocument, words: re.Pattern[str]) -> Iterator[tuple[int, int, int, int]]:
    """(sentence start, end, block start, end) of each sentence in a block naming ``words``,
    or of every block when the question names them."""
    prose = layer_prose(document)
    question = document.question
    in_question = question is not None and words.search(prose, *question) is not None
    for block_start, block_end in _blocks(document):
        if not in_question and not words.search(prose, block_start, block_end):
            continue
        for start, end in _sentences(prose, block_start, block_end):
            yield start, end, block_start, block_end


def _outside(quantities: Sequence[Quantity], taken: Sequence[Quantity]) -> list[Quantity]:
    return [q for q in quantities if not any(t.start < q.end and q.start < t.end for t in taken)]


@dataclass(frozen=True)
class _Lookup:
    """Finds one kind of quantity in a sentence, or failing that once in its paragraph."""

    prose: str
    sentence: tuple[int, int]
    block: tuple[int, int]
    taken: tuple[Quantity, ...]
    block_allowed: bool = True  # False when the paragraph describes several layers
    question: tuple[int, int] | None = None  # the question heading, when it is elsewhere

    def mentions(self, kind: str, scope: tuple[int, int]) -> list[Quantity]:
        return _outside(list(find(kind, self.prose, *scope)), self.taken)

    def one(self, kind: str) -> tuple[Quantity | None, bool]:
        """The quantity and whether it is ambiguous (named with different values)."""
        scopes = [self.sentence]
        if self.block_allowed:
            scopes += [self.block] if self.question is None else [self.block, self.question]
        for scope in scopes:
            found = self.mentions(kind, scope)
            if found:
                unique = distinct(found)
                return unique, unique is None
        return None, False


def _spatial(values: tuple[int, ...]) -> tuple[int, ...]:
    """The height and width of a shape: HWC "224x224x3" or CHW "3x224x224"."""
    if len(values) >= 3 and values[0] != values[1] and values[1] == values[2]:
        return values[1:3]
    return values[:2]


def _per_axis(quantity: Quantity | None, axes: int) -> list[int | None]:
    if quantity is None or not quantity.values:
        return [None] * axes
    values = quantity.values
    return [values[min(axis, len(values) - 1)] for axis in range(axes)]


class LayerOutputSize(Rule):
    """A convolution or pooling output size that does not follow from the stated input,
    kernel, stride and padding.

    Along each axis the output of an input n, kernel k, stride s, padding p and dilation d is
    ⌊(n + 2p - d(k - 1) - 1) / s⌋ + 1: "a 32x32 input with a 5x5 kernel, stride 1 and no
    padding" gives 28x28; "same" padding gives ⌈n / s⌉ and "valid" means no padding. The
    quantities are read by their words (input/image/feature map, kernel/filter/window/pooling,
    stride, padding, dilation, output or "gives"/"yields"/"→") in one sentence, or once in its
    paragraph; "from 224x224 to 112x112" names an input and an output. Nothing is reported
    unless the input, the kernel and the output are all named; a stride or padding that is not
    named only counts as wrong when no usual value (stride 1, 2 or the kernel size; padding up
    to k - 1 or "same") makes the output right. Transposed convolutions and upsampling are
    left alone, and so is a sentence that names two different kernels or strides, or that
    describes a whole network or several layers. The depth is checked too: pooling keeps the
    input's channels, and a convolution with F filters outputs F channels.
    """

    code = "AG103"
    name = "layer-output-size"
    summary = (
        "a stated conv/pooling output size does not follow from input, kernel, stride, padding"
    )
    bad = (
        "# What does a 5x5 convolution do to a 32x32 input?\n\n"
        "With stride 1 and no padding it gives a 30x30 output.\n"
    )
    good = (
        "# What does a 5x5 convolution do to a 32x32 input?\n\n"
        "With stride 1 and no padding it gives a 28x28 output.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose = layer_prose(document)
        if not _OUTPUT_WORDS.search(prose, document.body_offset):
            return
        for start, end, block_start, block_end in _scopes(document, _OUTPUT_WORDS):
            if UPSAMPLING.search(prose, block_start, block_end):
                continue
            question = _question_elsewhere(document, block_start, block_end)
            finding = _check_output(prose, (start, end), (block_start, block_end), question)
            if finding is not None:
                yield finding


def _question_elsewhere(document: LintDocument, start: int, end: int) -> tuple[int, int] | None:
    """The question heading, when it is not in the block: it may name the layer."""
    question = document.question
    if question is None or start <= question[0] < end:
        return None
    return question


def _check_output(
    prose: str, sentence: tuple[int, int], block: tuple[int, int], question: tuple[int, int] | None
) -> Finding | None:
    if SEVERAL_LAYERS.search(prose, *sentence):
        return None  # sizes of a whole network or of several layers in a row
    pairs = list(find_pairs(prose, *sentence))
    outputs = [pair[1] for pair in pairs] + list(find("output", prose, *sentence))
    output = distinct(outputs)
    if output is None:
        return None
    block_outputs = [p[1] for p in find_pairs(prose, *block)] + list(find("output", prose, *block))
    single = len(block_outputs) == 1
    lookup = _Lookup(prose, sentence, block, tuple(block_outputs), single, question)
    paired_inputs = [pair[0] for pair in pairs]
    size = distinct(paired_inputs) if paired_inputs else None
    ambiguous = bool(paired_inputs) and size is None
    if not paired_inputs:
        size, ambiguous = lookup.one("input")
    kernel, kernel_ambiguous = lookup.one("kernel")
    if size is None or kernel is None or ambiguous or kernel_ambiguous:
        return None
    known: dict[str, Quantity | None] = {}
    for kind in ("stride", "padding", "dilation"):
        known[kind], unclear = lookup.one(kind)
        if unclear:
            return None
    filters, unclear = lookup.one("filters")
    return _compare(prose, size, kernel, known, output) or _filter_depth(
        prose, kernel, None if unclear else filters, output
    )


def _compare(
    prose: str,
    size: Quantity,
    kernel: Quantity,
    known: dict[str, Quantity | None],
    output: Quantity,
) -> Finding | None:
    sizes, claimed = _spatial(size.values), _spatial(output.values)
    axes = min(len(sizes), len(claimed))
    if axes == 0 or kernel.values == () or len(kernel.values) > 3:
        return None
    kernels = _per_axis(kernel, axes)
    strides = _per_axis(known["stride"], axes)
    padding = known["padding"]
    same = padding is not None and padding.mode == "same"
    paddings: list[int | None] = [0] * axes
    if padding is None or padding.mode != "valid":
        paddings = _per_axis(padding if not same else None, axes)
    dilations = _per_axis(known["dilation"], axes)
    pooling = _POOL.search(prose, max(0, kernel.start - 40), kernel.end + 40) is not None
    for axis in range(axes):
        kernel_size = kernels[axis]
        if kernel_size is None or kernel_size < 1:
            return None
        state = Axis(
            sizes[axis],
            kernel_size,
            strides[axis],
            paddings[axis],
            dilations[axis] or 1,
            same,
            pooling,
        )
        allowed = allowed_outputs(state)
        if not allowed or claimed[axis] in allowed:
            continue  # a kernel larger than its input describes no real layer
        return Finding(output.start, output.end, _message(state, claimed[axis], known, kernel))
    return _channels(prose, size, kernel, output)


def _message(state: Axis, claimed: int, known: dict[str, Quantity | None], kernel: Quantity) -> str:
    missing = [kind for kind in ("stride", "padding") if known[kind] is None and not state.same]
    if not missing:
        return f"{explain_output(state)}, not {claimed}: correct the output size"
    unstated = " and ".join(missing)
    stride = state.stride or 1
    plain = Axis(state.size, state.kernel, stride, state.padding or 0, state.dilation)
    return (
        f"a kernel of {kernel.text or state.kernel} on an input of {state.size} cannot give "
        f"{claimed} for any usual {unstated} (not stated); with stride {stride} and padding "
        f"{plain.padding} it is {explain_output(plain)}: correct the output size"
    )


def _channels(prose: str, size: Quantity, kernel: Quantity, output: Quantity) -> Finding | None:
    """Pooling keeps the depth: "224x224x64" pools to "112x112x64", never "112x112x32"."""
    pooling = _POOL.search(prose, max(0, kernel.start - 40), kernel.end + 40) is not None
    if not pooling or len(size.values) != 3 or len(output.values) != 3:
        return None
    if _spatial(size.values) != size.values[:2] or _spatial(output.values) != output.values[:2]:
        return None
    if size.values[2] == output.values[2]:
        return None
    return Finding(
        output.start,
        output.end,
        f"pooling keeps the depth: {size.values[2]} channels in, {size.values[2]} out, "
        f"not {output.values[2]}: correct the output shape",
    )


def _filter_depth(
    prose: str, kernel: Quantity, filters: Quantity | None, output: Quantity
) -> Finding | None:
    """A convolution's output has one channel per filter: 64 filters give "30x30x64"."""
    pooling = _POOL.search(prose, max(0, kernel.start - 40), kernel.end + 40) is not None
    if pooling or filters is None or len(filters.values) != 1 or len(output.values) != 3:
        return None
    if _spatial(output.values) != output.values[:2]:
        return None  # channels first, or not a square map: leave it
    count = filters.values[0]
    if output.values[2] == count:
        return None
    return Finding(
        output.start,
        output.end,
        f"a convolution with {count} filters outputs {count} channels, not "
        f"{output.values[2]}: correct the output shape",
    )


class ParameterCount(Rule):
    """A stated parameter count of a dense or convolution layer that does not follow from its
    sizes.

    A dense (fully connected, linear) layer with n inputs and m units has n·m weights and m
    biases: 128 inputs and 64 units make 8,256 parameters. A convolution with a k_h by k_w
    kernel over C input channels and F filters has (k_h·k_w·C + 1)·F: a 3x3 convolution from
    64 to 128 channels has 73,856. The channels may come from the input shape ("a 32x32x3
    image") or the words RGB and grayscale, and the inputs from a flattened shape ("7x7x512
    inputs"). "Without bias" (``use_bias=False``) drops the bias term, and a count of
    "weights" may leave the biases out. Counts written "8.3k" are accepted to the digits
    written. Only sentences (or their paragraph, or the question) that name every quantity
    once are checked; LSTM, embedding, attention, normalisation and depthwise layers count
    their parameters otherwise and are left alone. In code, a count in the comment of a line
    that builds the layer (``Dense(64, input_shape=(128,))  # 8,256 params``,
    ``nn.Conv2d(3, 16, 3)  # 448 params``) and the Dense rows of a sequential
    ``model.summary()`` are checked too.
    """

    code = "AG104"
    name = "parameter-count"
    summary = "a stated dense/conv parameter count does not follow from the layer's sizes"
    bad = (
        "# How many parameters has a dense layer with 128 inputs and 64 units?\n\n"
        "It has 8,192 parameters.\n"
    )
    good = (
        "# How many parameters has a dense layer with 128 inputs and 64 units?\n\n"
        "It has 8,256 parameters: 128 * 64 weights and 64 biases.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        yield from _code_counts(document)
        prose = layer_prose(document)
        if not _COUNT_WORDS.search(prose, document.body_offset):
            return
        for start, end, block_start, block_end in _scopes(document, _COUNT_WORDS):
            scope = (block_start, block_end)
            question = _question_elsewhere(document, block_start, block_end)
            for total in find("total", prose, start, end):
                finding = _check_total(prose, total, (start, end), scope, question)
                if finding is not None:
                    yield finding


def _code_counts(document: LintDocument) -> Iterator[Finding]:
    """Counts in layer-building code comments and in ``model.summary()`` output."""
    for block in document.code_blocks:
        if "param" not in block.code.lower() and not re.search(r"\d{2}", block.code):
            continue
        problems = [*comment_problems(block.code), *summary_problems(block.code)]
        for problem in sorted(problems, key=lambda p: (p.line, p.start)):
            line_start = document.offset_of_line(block.first_line + problem.line) + block.indent
            yield Finding(
                line_start + problem.start,
                line_start + problem.end,
                f"{problem.message}: correct the count",
            )


def _check_total(
    prose: str,
    total: Quantity,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
) -> Finding | None:
    stated = parse_total(total.text)
    if stated is None or SEVERAL_LAYERS.search(prose, *sentence):
        return None
    for scope in (block, question):
        if scope is not None and OTHER_LAYERS.search(prose, *scope):
            return None  # an LSTM or an embedding counts its parameters otherwise
    value, unit = stated
    totals = list(find("total", prose, *block))
    lookup = _Lookup(prose, sentence, block, (total,), len(totals) == 1, question)
    # "without bias" may describe this count or contrast it with another: accept both then.
    bias_free = NO_BIAS.search(prose, *(block if len(totals) == 1 else sentence)) is not None
    bias_free = bias_free or (question is not None and NO_BIAS.search(prose, *question) is not None)
    kernel, unclear = lookup.one("kernel")
    if kernel is not None or unclear:
        return _check_conv(lookup, kernel, total, value, unit, bias_free)
    inputs, unclear_inputs = lookup.one("inputs")
    units, unclear_units = lookup.one("units")
    if unclear_inputs or unclear_units or inputs is None or units is None:
        return None
    if len(units.values) != 1 or inputs.start == units.start:
        return None
    n, m = math.prod(inputs.values), units.values[0]  # "7x7x512 inputs" are 25,088
    allowed = _allowed(
        {dense_parameters(n, m, True)}, total, bias_free, dense_parameters(n, m, False)
    )
    if any(abs(count - value) <= unit // 2 for count in allowed):
        return None
    right = dense_parameters(n, m, True)
    how = f"{n} {TIMES} {m} + {m}"
    return Finding(
        total.start,
        total.end,
        f"a dense layer with {n} inputs and {m} units has {how} = {right:,} parameters, "
        f"not {total.text}: correct the count",
    )


def _allowed(counts: set[int], total: Quantity, bias_free: bool, weights_only: int) -> set[int]:
    """A count of "weights", or one next to "without bias", may leave out the biases."""
    return counts | {weights_only} if total.mode == "weights" or bias_free else counts


def _check_conv(
    lookup: _Lookup,
    kernel: Quantity | None,
    total: Quantity,
    value: int,
    unit: int,
    bias_free: bool,
) -> Finding | None:
    if kernel is None or len(kernel.values) not in (2, 3):
        return None
    filters, unclear_filters = lookup.one("filters")
    channels, unclear_channels = lookup.one("in_channels")
    if channels is None and len(kernel.values) == 3:
        channels = kernel
        depth = kernel.values[2]
    elif channels is None:
        size, unclear_size = lookup.one("input")
        if size is None or unclear_size or len(size.values) != 3:
            return None
        depth = size.values[2] if _spatial(size.values) == size.values[:2] else size.values[0]
    else:
        depth = channels.values[0]
    if filters is None or unclear_filters or unclear_channels or len(filters.values) != 1:
        return None
    shape = (kernel.values[0], kernel.values[1])
    count = filters.values[0]
    right = conv_parameters(shape, depth, count, True)
    allowed = _allowed({right}, total, bias_free, conv_parameters(shape, depth, count, False))
    if any(abs(option - value) <= unit // 2 for option in allowed):
        return None
    how = f"({shape[0]} {TIMES} {shape[1]} {TIMES} {depth} + 1) {TIMES} {count}"
    plural = "" if depth == 1 else "s"
    return Finding(
        total.start,
        total.end,
        f"a {shape[0]}{TIMES}{shape[1]} convolution over {depth} channel{plural} with {count} "
        f"filters has {how} = {right:,} parameters, not {total.text}: correct the count",
    )


RULES: tuple[Rule, ...] = (LayerOutputSize(), ParameterCount())
