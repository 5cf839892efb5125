"""Layer arithmetic stated in prose: conv/pooling output sizes (AG103) and parameter counts of
dense and convolution layers (AG104). Both report only when every quantity they need is named
once in the sentence (or once in its paragraph)."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ankigen.lint.arith.code_counts import comment_problems, summary_problems
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.inline import arith_prose
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
    SHAPE,
    UPSAMPLING,
    Quantity,
    distinct,
    find,
    find_pairs,
    parse_total,
    parse_values,
)
from ankigen.lint.arith.tables import tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.arithmetic import wrong_calculation_spans

_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])|\n(?=[ \t]*#)")
# A sentence ends at . ! ? ; followed by a space: "0.5" and "e.g.," stay inside.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_OUTPUT_WORDS = re.compile(r"\b(?:stride|kernel|filter|pool|conv|padding|window|output)", re.I)
_COUNT_WORDS = re.compile(r"\b(?:param|weights)", re.I)
_POOL = re.compile(r"pool", re.I)
# A note that lets pooling round up instead of down.
_ROUNDS_UP = re.compile(r"ceil|round(?:s|ed|ing)?\s+up|caffe", re.I)


# Inline math that only writes sizes: "$7 \times 7$", "$224{,}000$".
_INLINE_MATH = re.compile(r"(?<![$\\])\$([^$\n]+)\$(?!\$)")
_SIZE_ONLY = re.compile(r"[\d\s,.xX\N{MULTIPLICATION SIGN}*]+")
# "$W = 100$", "$K = 3, S = 1$": symbols given values, as the formula's variables.
_ASSIGNMENTS = re.compile(r"[A-Za-z](?:_?\w+)?\s*=\s*\d+(?:\s*,\s*[A-Za-z](?:_?\w+)?\s*=\s*\d+)*")


def layer_prose(document: LintDocument) -> str:
    """The prose view, with inline math that only writes sizes put back as text: numbers in
    "a $7 \times 7$ convolution" are quantities of the sentence."""
    return document.memo("layer-prose", lambda: _with_size_math(document))


def _size_text(latex: str) -> str:
    text = re.sub(r"\\(?:times|cdot)(?![A-Za-z])", TIMES, latex)
    return text.replace("{,}", ",").replace("\\,", "").replace("{", "").replace("}", "").strip()


def _with_size_math(document: LintDocument) -> str:
    prose = arith_prose(document)
    if "$" not in document.text[document.body_offset :]:
        return prose
    pieces, position = [], 0
    for match in _INLINE_MATH.finditer(document.text, document.body_offset):
        plain = _size_text(match.group(1))
        if not plain or prose[match.start()] != " ":
            continue
        if not _SIZE_ONLY.fullmatch(plain) and not _ASSIGNMENTS.fullmatch(plain):
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


def _scopes(
    document: LintDocument, words: re.Pattern[str], labelled_lists: bool = False
) -> Iterator[tuple[int, int, int, int]]:
    """(sentence start, end, block start, end) of each sentence in a block naming ``words``,
    or of every block when the question names them. With ``labelled_lists`` a run of list
    items that each label one quantity ("- Kernel: 5x5") is one sentence."""
    prose = layer_prose(document)
    question = document.question
    in_question = question is not None and words.search(prose, *question) is not None
    blocks = _blocks(document)
    if labelled_lists:
        blocks = _merge_labelled_items(prose, blocks)
    for block_start, block_end in blocks:
        if not in_question and not words.search(prose, block_start, block_end):
            continue
        for start, end in _sentences(prose, block_start, block_end):
            yield start, end, block_start, block_end


# "- Kernel: 5x5", "* **Stride:** 2": a list item that labels one quantity.
_LABELLED_ITEM = re.compile(
    r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+[*_]*[A-Za-z][\w ()/-]{0,30}?[*_]*[ \t]*[:=][*_]*[ \t]*\S"
)


_LAYER_WORD = re.compile(r"\b(?:conv\w*|\w*pool\w*|dense|linear|fully|flatten|layers?)\b", re.I)


def _merge_labelled_items(prose: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of labelled list items, each run one block, unless it names several layers."""
    runs: list[list[tuple[int, int]]] = []
    joinable = False
    for start, end in blocks:
        one_line = "\n" not in prose[start:end].strip()
        labelled = one_line and _LABELLED_ITEM.match(prose, start) is not None
        if labelled and joinable and prose[runs[-1][-1][1] : start].count("\n") == 1:
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
        joinable = labelled
    merged: list[tuple[int, int]] = []
    for run in runs:
        layers = sum(1 for start, end in run if _LAYER_WORD.search(prose, start, end))
        merged += [(run[0][0], run[-1][1])] if layers <= 1 else run
    return merged


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
    to k - 1 or "same") makes the output right. Pooling pads nothing unless told (at most half
    its window) and rounds down: a 2x2 pool with stride 2 turns 7x7 into 3x3, and rounding up
    is accepted only where the note says so (``ceil_mode``). Transposed convolutions and
    upsampling are left alone, and so is a sentence that names two different kernels or
    strides, or that describes a whole network or several layers. The depth is checked too:
    pooling keeps the input's channels, and a convolution with F filters outputs F channels.

    Quantities may be written as layer calls in inline code (``Conv2D(32, 3, strides=2,
    padding="same")``, ``MaxPooling2D(pool_size=3)``, ``nn.Conv2d(3, 64, 3, padding=1)``,
    ``input_shape=(28, 28, 1)``) or as formula variables in inline math (``$W = 64$``); "same"
    padding needs no kernel. The answer to "What is the output size …?" may be the size alone
    ("**27x27**."), and in a table with an output-shape column each conv or pooling row takes the
    row above's output as its input.
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
        answered = _answer_outputs(document)
        for start, end, block_start, block_end in _scopes(document, _OUTPUT_WORDS, True):
            if UPSAMPLING.search(prose, block_start, block_end):
                continue
            question = _question_elsewhere(document, block_start, block_end)
            finding = _check_output(
                prose, (start, end), (block_start, block_end), question, answered
            )
            if finding is not None:
                yield finding
        yield from _table_outputs(document, prose)


_ASKS_OUTPUT = re.compile(
    r"\b(?:what|which)\s+(?:is\s+|are\s+)?(?:the\s+)?(?:resulting\s+|spatial\s+)?"
    r"(?:output|result|feature[- ]map)\s*(?:size|shape|dimensions?|resolution|width|height)?"
    r"|\bwhat\s+(?:size|shape|dimensions?|resolution)\b"
    r"|\bhow\s+(?:big|large|wide|tall|long)\s+is\s+the\s+(?:output|result|feature[- ]map)",
    re.IGNORECASE,
)
# Other ways to ask what a layer does to a size ("What does 2x2 pooling do to a 9x9 map?", "How
# big is a 13x13 map after …?"): a what/how question about a conv or pooling layer that asks
# for no count; the answer must then open with the size.
_ASKS_WHAT_LAYER_DOES = re.compile(
    r"^(?![^?]*\b(?:how\s+many|param\w*|weights|flops|mult\w*|cost|memory|time)\b)"
    r"[^?]*\b(?:what|which|how\s+(?:big|large|wide|tall|small))\b"
    r"[^?]*\b(?:conv\w*|\w*pool\w*|kernel|stride|filter|window)",
    re.IGNORECASE,
)
_LEADING_SHAPE = re.compile(
    # "1. Conv2D with …" opens a numbered list, not an answer of size 1
    rf"[\s*_]*(?![ \t]*\d+[.)][ \t]+\S)(?:(?:it's|(?:output|result|answer):|"
    rf"(?:it|this|that|which|(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:output|result|answer|map|activation|tensor|image))\s+"
    rf"(?:is|becomes|gives|yields|produces|returns|has|shrinks\s+to|turns\s+into|"
    rf"comes\s+out\s+(?:at|as)|ends\s+up\s+(?:at|as))|"
    rf"(?:we|you)\s+get|(?:that|this)\s+(?:gives|yields|leaves))\s+)?(?:an?\s+)?[*_]*"
    rf"(?P<shape>{SHAPE}|\(\s*\d+(?:\s*,\s*\d+){{1,3}}\s*\))[*_]*"
    rf"(?=\s*(?:[.;:,(]|\N{{EN DASH}}|\N{{EM DASH}}|$|"
    r"(?:output|map|feature\s+map|pixels|activation|tensor|volume|image|grid)s?\b))",
    re.IGNORECASE,
)


def _answer_outputs(document: LintDocument) -> list[Quantity]:
    """The size that opens the answer to "What is the output size …?": "7x7."."""
    question = document.question
    prose = layer_prose(document)
    if question is None:
        return []
    asks = _ASKS_OUTPUT.search(prose, *question) or _ASKS_WHAT_LAYER_DOES.match(
        prose[question[0] : question[1]].lstrip("# ")
    )
    if not asks:
        return []
    start = _answer_start(prose, question[1])
    match = _LEADING_SHAPE.match(prose, start)
    if match is None:
        return []
    text = match.group("shape")
    return [Quantity("output", *match.span("shape"), parse_values(text), text=text)]


def _question_elsewhere(document: LintDocument, start: int, end: int) -> tuple[int, int] | None:
    """The question heading, when it is not in the block: it may name the layer."""
    question = document.question
    if question is None or start <= question[0] < end:
        return None
    return question


def _disjoint(quantities: Sequence[Quantity]) -> list[Quantity]:
    """One quantity per span: "a 44x44 output" is found by two patterns."""
    kept: list[Quantity] = []
    for quantity in sorted(quantities, key=lambda q: (q.start, -q.end)):
        if not any(k.start < quantity.end and quantity.start < k.end for k in kept):
            kept.append(quantity)
    return kept


def _check_output(
    prose: str,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
    answer_outputs: Sequence[Quantity] = (),
) -> Finding | None:
    if SEVERAL_LAYERS.search(prose, *sentence):
        return None  # sizes of a whole network or of several layers in a row
    pairs = list(find_pairs(prose, *sentence))
    outputs = [pair[1] for pair in pairs] + list(find("output", prose, *sentence))
    outputs += [extra for extra in answer_outputs if sentence[0] <= extra.start < sentence[1]]
    output = distinct(outputs)
    if output is None:
        return None
    block_outputs = _disjoint(
        [p[1] for p in find_pairs(prose, *block)]
        + list(find("output", prose, *block))
        + [extra for extra in answer_outputs if block[0] <= extra.start < block[1]]
    )
    single = len(block_outputs) <= 1
    lookup = _Lookup(prose, sentence, block, tuple(block_outputs), single, question)
    paired_inputs = [pair[0] for pair in pairs]
    size = distinct(paired_inputs) if paired_inputs else None
    ambiguous = bool(paired_inputs) and size is None
    if not paired_inputs:
        size, ambiguous = lookup.one("input")
    kernel, kernel_ambiguous = lookup.one("kernel")
    known: dict[str, Quantity | None] = {}
    for kind in ("stride", "padding", "dilation"):
        known[kind], unclear = lookup.one(kind)
        if unclear:
            return None
    padding = known["padding"]
    if kernel is None and padding is not None and padding.mode == "same":
        # "same" padding: the output is ⌈n / s⌉ whatever the kernel.
        kernel = Quantity("kernel", padding.start, padding.end, (1,), "", "any kernel")
    if size is None or kernel is None or ambiguous or kernel_ambiguous:
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
            pooling and _ROUNDS_UP.search(prose) is not None,
        )
        allowed = allowed_outputs(state)
        if not allowed or claimed[axis] in allowed:
            continue  # a kernel larger than its input describes no real layer
        return Finding(output.start, output.end, _message(state, claimed[axis], known, kernel))
    return _channels(prose, size, kernel, output)


def _message(state: Axis, claimed: int, known: dict[str, Quantity | None], kernel: Quantity) -> str:
    missing = [
        kind
        for kind in ("stride", "padding")
        if known[kind] is None and not (state.same and kind == "padding")
    ]
    if not missing:
        return f"{explain_output(state)}, not {claimed}: correct the output size"
    unstated = " and ".join(missing)
    if state.same:
        return (
            f"with 'same' padding an input of {state.size} gives ⌈{state.size} / stride⌉, never "
            f"{claimed} for any usual stride (not stated): correct the output size"
        )
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

    Layers may be named by calls in inline code (``Dense(10)``, ``Conv2D(16, 5,
    use_bias=False)``, ``Conv1D(64, kernel_size=3)``, ``nn.Linear(256, 10)``), a dense layer's
    inputs by the layer it follows ("after a ``Dense(64)``", "on the 128 hidden units", "a
    20-feature input"), channels by "maps 256 channels to 64". The answer to "How many
    parameters …?" may be the count alone ("**1,280**."); a 1D convolution has (k·C + 1)·F;
    ``use_bias=False`` on the layer's own call allows only the count without biases; a list or
    a table with a parameter column chains its Dense layers, each taking the previous one's
    units as inputs; and "an MLP with layer sizes 100, 50 and 10" (or "784-128-10") sums its
    layers. Steps of a calculation ("3 x 3 x 3 = 27 weights") and per-filter counts are not
    layer totals, and a wrong calculation is AG101's to report.

    A classifier head takes its units from the classes ("a 5-way softmax layer on 64 hidden
    units"), a 1D convolution its channels from the signal or sequence ("a signal with 4
    channels", "12 features per time step"), and listed convolutions take the previous one's
    filters as their input channels. Labelled lines "weights: …", "biases: …", "total: …" must
    add up, and a labelled total under a question that names the layer is checked like a
    sentence. A question about several stacked layers is left alone.
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
        # A wrong calculation is AG101's to report, even when its result counts parameters.
        reported = {
            offset
            for start, end in wrong_calculation_spans(document)
            for offset in range(start, end + 1)
        }
        chained, chain_findings = _conv_chain(document, prose)
        found = [
            *(f for f in self._sentences(document, prose) if f.start not in chained),
            *chain_findings,
            *_chain_counts(document, prose),
            *_mlp_totals(document, prose),
            *_labelled_sum(document, prose),
        ]
        for finding in found:
            if finding.start not in reported:
                reported.add(finding.start)
                yield finding

    def _sentences(self, document: LintDocument, prose: str) -> Iterator[Finding]:
        for start, end, block_start, block_end in _scopes(document, _COUNT_WORDS):
            scope = (block_start, block_end)
            question = _question_elsewhere(document, block_start, block_end)
            totals = list(find("total", prose, start, end))
            totals += [
                extra
                for extra in _answer_totals(document, start, end)
                if not any(t.start < extra.end and extra.start < t.end for t in totals)
            ]
            for total in totals:
                if _not_a_layer_total(prose, total):
                    continue
                head = _head_on_hidden(prose, total, (start, end), scope, question)
                if head is not None:
                    if head[0] is not None:
                        yield head[0]
                    continue
                finding = _check_total(prose, total, (start, end), scope, question)
                if finding is not None:
                    yield finding


# "The output layer has 1,290 parameters" after "a hidden layer of 128 units … an output layer
# of 10 units": the output layer's inputs are the hidden units.
_HEAD_LAYER = re.compile(
    r"\b(?:output|final|last|classifier|classification|softmax|logits?|readout)\s+layer\b", re.I
)
_HIDDEN_SIZE = re.compile(
    r"\bhidden\s+layer\s+(?:of|with)\s+(?P<a>\d[\d,]*)\s+(?:units|neurons|nodes)\b"
    r"|\b(?P<b>\d[\d,]*)[- ](?:unit|neuron|node)\s+hidden\s+layer\b"
    r"|\b(?P<c>\d[\d,]*)\s+hidden\s+(?:units|neurons|nodes)\b",
    re.I,
)
_HEAD_SIZE = re.compile(
    r"\b(?:output|final|last|classifier|softmax|logits?)\s+layer\s+(?:of|with|for)\s+"
    r"(?P<a>\d[\d,]*)\s+(?:units|neurons|nodes|outputs|classes)\b"
    r"|\b(?P<b>\d[\d,]*)[- ](?:unit|neuron|node|class|way)\s+(?:output|softmax|final)\s+layer\b"
    r"|\b(?P<c>\d[\d,]*)\s+output\s+(?:units|neurons|nodes)\b",
    re.I,
)


def _sizes(pattern: re.Pattern[str], prose: str, scopes: Sequence[tuple[int, int]]) -> set[int]:
    return {
        int(next(v for v in match.groups() if v is not None).replace(",", ""))
        for start, end in scopes
        for match in pattern.finditer(prose, start, end)
    }


def _head_on_hidden(
    prose: str,
    total: Quantity,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
) -> tuple[Finding | None] | None:
    """A count of the output layer in a sentence with no other number, its sizes elsewhere.
    None when this reading does not apply; else the verdict (a finding or None)."""
    rest = prose[sentence[0] : total.start] + prose[total.end : sentence[1]]
    if re.search(r"\d", rest) or not _HEAD_LAYER.search(rest):
        return None
    scopes = [block] + ([question] if question is not None else [])
    if any(OTHER_LAYERS.search(prose, *scope) or NO_BIAS.search(prose, *scope) for scope in scopes):
        return None
    hidden, head = _sizes(_HIDDEN_SIZE, prose, scopes), _sizes(_HEAD_SIZE, prose, scopes)
    if len(hidden) != 1 or len(head) != 1:
        return None
    stated = _stated(prose, total)
    if stated is None:
        return None
    n, m = hidden.pop(), head.pop()
    return (_dense_finding(total, n, m, False, prose),)


_HOW_MANY_PARAMETERS = re.compile(
    r"\b(?:how\s+many|number\s+of|(?:what\s+is\s+the\s+)?(?:number|count)\s+of|count)\s+"
    r"(?:the\s+)?(?:trainable\s+|learnable\s+|free\s+)?(?P<word>parameters|params|weights)\b"
    r"|\b(?P<count>parameter|param|weight)\s+count\b",
    re.IGNORECASE,
)
# The answer's first words: a count alone ("896.", "**896**: ...", "896 in total").
_LEADING_COUNT = re.compile(
    r"[\s*_]*(?P<count>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+\s*[kKM]|\s*[kKM])?)[*_]*"
    r"(?=\s*(?:(?:trainable\s+|learnable\s+)?(?:parameters|params)\b|[.:;(]|,(?!\d)|"
    r"\N{EN DASH}|\N{EM DASH}|-\s|in\s+total\b|total\b|$))"
)


def _answer_totals(document: LintDocument, start: int, end: int) -> list[Quantity]:
    """The count that opens the answer to "How many parameters …?"."""
    question = document.question
    prose = layer_prose(document)
    if question is None or start != _answer_start(prose, question[1]):
        return []
    asked = _HOW_MANY_PARAMETERS.search(prose, *question)
    if asked is None:
        return []
    match = _LEADING_COUNT.match(prose, start, end)
    if match is None:
        return []
    text = match.group("count")
    word = (asked.group("word") or asked.group("count")).lower()
    mode = "weights" if word.startswith("weight") else "parameters"
    return [Quantity("total", *match.span("count"), (), mode, text)]


def _answer_start(prose: str, question_end: int) -> int:
    """Where the answer's first paragraph starts: after the question line and blank lines."""
    match = re.compile(r"[^\n]*\n(?:[ \t]*\n)*").match(prose, question_end)
    return match.end() if match is not None else question_end


# A count that is a step of a calculation or per filter, not the layer's: "3 x 3 x 3 = 27
# weights", "27 weights per filter", "each filter has 28 parameters".
_RESULT_BEFORE = re.compile(
    r"(?:=|\bequals?|\b(?:each|every|per)\s+(?:of\s+the\s+(?:\d+\s+)?)?(?:filters?|kernels?|"
    r"units?|neurons?|nodes?|channels?|outputs?)\s+(?:has|have|holds?|needs?)(?:\s+only)?)\s*\**\s*$",
    re.I,
)
_PER_AFTER = re.compile(
    r"\s*(?:trainable\s+|learnable\s+)?(?:parameters|params|weights)?\s*"
    r"(?:per|for\s+each|for\s+every|in\s+each|of\s+each|each)\b",
    re.I,
)


def _not_a_layer_total(prose: str, total: Quantity) -> bool:
    before = prose[max(0, total.start - 40) : total.start]
    return bool(_RESULT_BEFORE.search(before)) or bool(_PER_AFTER.match(prose, total.end))


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


_TOTAL_WORDS = re.compile(r"in\s+total|total|overall|altogether", re.IGNORECASE)


def _several_layers(prose: str, sentence: tuple[int, int], total: Quantity) -> bool:
    """Whether the sentence is about several layers. "1,290 parameters in total" alone, with
    no other number, totals the one layer of the question."""
    words = [match.group(0) for match in SEVERAL_LAYERS.finditer(prose, *sentence)]
    if not words:
        return False
    if not all(_TOTAL_WORDS.fullmatch(word) for word in words):
        return True
    others = re.sub(r"\d", "", prose[sentence[0] : total.start] + prose[total.end : sentence[1]])
    return others != prose[sentence[0] : total.start] + prose[total.end : sentence[1]]


# A question that counts several layers at once: "two stacked Dense(32) layers", "both layers".
_SEVERAL_IN_QUESTION = re.compile(
    r"\b(?:two|three|four|five|both|several|multiple|\d+)\s+(?:\S+\s+){0,3}?layers\b"
    r"|\bstack(?:s|ed|ing)?\b|\b(?:whole|entire)\s+(?:network|model|net)\b",
    re.IGNORECASE,
)


def _asks_about_several(prose: str, question: tuple[int, int]) -> bool:
    return _SEVERAL_IN_QUESTION.search(prose, *question) is not None


_APPROXIMATE = re.compile(
    r"(?:\b(?:about|approximately|approx\.?|roughly|around|nearly|almost|some|over|under|"
    r"circa|close\s+to|just\s+(?:over|under)|more\s+than|less\s+than)|[~\N{ALMOST EQUAL TO}])"
    r"\s*[*_]*\s*$",
    re.IGNORECASE,
)


def _stated(prose: str, total: Quantity) -> tuple[int, int] | None:
    """The stated count and its tolerance unit; "about 7,800" may be 5% off."""
    stated = parse_total(total.text)
    if stated is None:
        return None
    value, unit = stated
    if _APPROXIMATE.search(prose[max(0, total.start - 20) : total.start]):
        unit = max(unit, value // 10)
    return value, unit


def _check_total(
    prose: str,
    total: Quantity,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
) -> Finding | None:
    stated = _stated(prose, total)
    if stated is None or _several_layers(prose, sentence, total):
        return None
    if question is not None and _asks_about_several(prose, question):
        return None  # "two stacked Dense(32) layers … in total?": the count sums them
    for scope in (block, question):
        if scope is not None and OTHER_LAYERS.search(prose, *scope):
            return None  # an LSTM or an embedding counts its parameters otherwise
    value, unit = stated
    totals = list(find("total", prose, *block))
    lookup = _Lookup(prose, sentence, block, (total,), len(totals) <= 1, question)
    # "without bias" may describe this count or contrast it with another: accept both then.
    bias_free = NO_BIAS.search(prose, *(block if len(totals) <= 1 else sentence)) is not None
    bias_free = bias_free or (question is not None and NO_BIAS.search(prose, *question) is not None)
    # ``use_bias=False`` in the layer's own call leaves no doubt: there is no bias.
    no_bias_at_all = _code_without_bias(prose, sentence, block, question)
    no_bias_at_all = no_bias_at_all or _said_without_bias(prose, sentence, len(totals))
    kernel, unclear = lookup.one("kernel")
    if kernel is not None or unclear:
        return _check_conv(lookup, kernel, total, value, unit, (bias_free, no_bias_at_all))
    inputs, unclear_inputs = lookup.one("inputs")
    where = inputs.start if inputs is not None else -1
    from_question = question is not None and question[0] <= where < question[1]
    if from_question and _layer_widths(prose, block[1], len(prose)):
        return None  # more layers follow: the question's inputs feed the first only
    # "a Dense(10) after a Dense(64)", "on the 128 hidden units": those are the inputs.
    input_spans = [
        q for scope in (sentence, block, question) if scope for q in find("inputs", prose, *scope)
    ]
    units_lookup = _Lookup(
        prose, sentence, block, (*lookup.taken, *input_spans), lookup.block_allowed, question
    )
    units, unclear_units = units_lookup.one("units")
    if unclear_inputs or unclear_units or inputs is None or units is None:
        return None
    if len(units.values) != 1 or inputs.start == units.start:
        return None
    n, m = math.prod(inputs.values), units.values[0]  # "7x7x512 inputs" are 25,088
    allowed = _allowed(
        {dense_parameters(n, m, True)}, total, bias_free, dense_parameters(n, m, False)
    )
    if no_bias_at_all:
        allowed = {dense_parameters(n, m, False)}
    if any(abs(count - value) <= unit // 2 for count in allowed):
        return None
    right = dense_parameters(n, m, not no_bias_at_all)
    how = f"{n} {TIMES} {m}" + ("" if no_bias_at_all else f" + {m}")
    return Finding(
        total.start,
        total.end,
        f"a dense layer with {n} inputs and {m} units has {how} = {right:,} parameters, "
        f"not {total.text}: correct the count",
    )


_CODE_NO_BIAS = re.compile(r"\b(?:use_)?bias\s*=\s*False\b")
_LAYER_CALL = re.compile(r"\b(?:Conv[123][Dd]|Dense|Linear)\(")


def _code_without_bias(
    prose: str,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
) -> bool:
    """Whether the layer's call says ``use_bias=False`` (and no other call says otherwise)."""
    scopes = [scope for scope in (sentence, block, question) if scope is not None]
    calls = {call.start() for scope in scopes for call in _LAYER_CALL.finditer(prose, *scope)}
    if len(calls) > 1:
        return False  # the flag may belong to another layer
    return any(_CODE_NO_BIAS.search(prose, *scope) for scope in scopes)


_WITH_BIAS = re.compile(
    r"\b(?:with|including|includes?|plus|and|than|compared|versus|vs\.?|whereas|while|instead|"
    r"otherwise|would)\b[^.;]{0,20}\bbias",
    re.IGNORECASE,
)


def _said_without_bias(prose: str, sentence: tuple[int, int], totals: int) -> bool:
    """ "A Dense(10) without bias on 64 inputs has 640 parameters": one count in a sentence
    that says "without bias" and mentions the bias no other way has no bias term."""
    if totals > 1 or NO_BIAS.search(prose, *sentence) is None:
        return False
    return _WITH_BIAS.search(prose, *sentence) is None


def _allowed(counts: set[int], total: Quantity, bias_free: bool, weights_only: int) -> set[int]:
    """A count of "weights", or one next to "without bias", may leave out the biases."""
    return counts | {weights_only} if total.mode == "weights" or bias_free else counts


def _check_conv(
    lookup: _Lookup,
    kernel: Quantity | None,
    total: Quantity,
    value: int,
    unit: int,
    bias: tuple[bool, bool],
) -> Finding | None:
    bias_free, no_bias_at_all = bias
    if kernel is None or len(kernel.values) not in (1, 2, 3):
        return None
    one_d = kernel.mode == "1d" or _ONE_D.search(lookup.prose, *lookup.block) is not None
    if len(kernel.values) == 1 and one_d:
        return _check_conv1d(lookup, kernel, total, (value, unit), bias)
    if len(kernel.values) == 1:
        kernel = Quantity(kernel.kind, kernel.start, kernel.end, kernel.values * 2, "", kernel.text)
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
    right = conv_parameters(shape, depth, count, not no_bias_at_all)
    allowed = _allowed({right}, total, bias_free, conv_parameters(shape, depth, count, False))
    if no_bias_at_all:
        allowed = {right}
    if any(abs(option - value) <= unit // 2 for option in allowed):
        return None
    plus = "" if no_bias_at_all else " + 1"
    how = f"({shape[0]} {TIMES} {shape[1]} {TIMES} {depth}{plus}) {TIMES} {count}"
    plural = "" if depth == 1 else "s"
    return Finding(
        total.start,
        total.end,
        f"a {shape[0]}{TIMES}{shape[1]} convolution over {depth} channel{plural} with {count} "
        f"filters has {how} = {right:,} parameters, not {total.text}: correct the count",
    )


RULES: tuple[Rule, ...] = (LayerOutputSize(), ParameterCount())


_ONE_D = re.compile(r"\bConv1D\b|\b(?:1-?D|one-dimensional)\s+conv|\btemporal\s+conv", re.I)


def _check_conv1d(
    lookup: _Lookup,
    kernel: Quantity,
    total: Quantity,
    stated: tuple[int, int],
    bias: tuple[bool, bool],
) -> Finding | None:
    """A 1D convolution: k·C weights and one bias per filter."""
    filters, unclear_filters = lookup.one("filters")
    channels, unclear_channels = lookup.one("in_channels")
    if filters is None or channels is None or unclear_filters or unclear_channels:
        return None
    if len(filters.values) != 1 or len(channels.values) != 1:
        return None
    width, depth, count = kernel.values[0], channels.values[0], filters.values[0]
    right = conv_parameters((width, 1), depth, count, not bias[1])
    allowed = _allowed({right}, total, bias[0], conv_parameters((width, 1), depth, count, False))
    if bias[1]:
        allowed = {right}
    value, unit = stated
    if any(abs(option - value) <= unit // 2 for option in allowed):
        return None
    plus = "" if bias[1] else " + 1"
    return Finding(
        total.start,
        total.end,
        f"a 1D convolution of width {width} over {depth} channels with {count} filters has "
        f"({width} {TIMES} {depth}{plus}) {TIMES} {count} = {right:,} parameters, not "
        f"{total.text}: correct the count",
    )


_PARAMETER_COLUMN = re.compile(r"\b(?:param(?:eter)?s?|weights|#\s*params)\b")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]")


def _layer_widths(prose: str, start: int, end: int) -> list[Quantity]:
    """The units of the dense layers named in ``prose[start:end]``, not their inputs."""
    inputs = list(find("inputs", prose, start, end))
    return _outside(list(find("units", prose, start, end)), inputs)


def _chain_items(document: LintDocument, prose: str) -> list[tuple[int, int, Quantity | None]]:
    """List items and table rows of the answer, in order, each with its stated count."""
    items: list[tuple[int, int, Quantity | None]] = []
    for start, end in _blocks(document):
        if _LIST_ITEM.match(prose, start):
            totals = list(find("total", prose, start, end))
            items.append((start, end, totals[0] if len(totals) == 1 else None))
    for table in tables(prose, document.body_offset, len(prose)):
        column = table.column(_PARAMETER_COLUMN)
        if column is None:
            continue
        for row in table.rows:
            if column >= len(row) or not row:
                continue
            cell = row[column]
            stated = parse_total(cell.text) if cell.text else None
            total = Quantity("total", cell.start, cell.end, (), "parameters", cell.text)
            items.append((row[0].start, row[-1].end, total if stated else None))
    return sorted(items, key=lambda item: item[0])


def _chain_counts(document: LintDocument, prose: str) -> Iterator[Finding]:
    """Dense layers listed one per item or row: each takes the previous one's units as its
    inputs ("- Input: 16 features", "- Dense(32): 544 parameters", "- Dense(8): …")."""
    items = _chain_items(document, prose)
    if not items:
        return
    width: int | None = None
    question = document.question
    if question is not None:
        stated = distinct(list(find("inputs", prose, *question)))
        width = math.prod(stated.values) if stated is not None else None
    first = width  # a list may also hold alternatives on the same inputs
    for start, end, total in items:
        if OTHER_LAYERS.search(prose, start, end) or any(find("kernel", prose, start, end)):
            width = None
            continue
        inputs = distinct(list(find("inputs", prose, start, end)))
        units = distinct(_layer_widths(prose, start, end))
        if units is None or len(units.values) != 1:
            width = math.prod(inputs.values) if inputs is not None and total is None else None
            continue
        n = math.prod(inputs.values) if inputs is not None else width
        width = units.values[0]
        if total is None or n is None:
            continue
        bias_free = NO_BIAS.search(prose, start, end) is not None
        finding = _dense_finding(total, n, width, bias_free, prose)
        alternative = first is None or _dense_finding(total, first, width, bias_free, prose)
        if finding is not None and alternative:
            yield finding


def _conv_chain(document: LintDocument, prose: str) -> tuple[set[int], list[Finding]]:
    """Convolutions listed one per item or row: each takes the previous one's filters as its
    input channels ("1. Conv2D(8, 3): 80", "2. Conv2D(16, 3): 1,168"). Returns the counts
    checked this way (the sentence check would take the question's channels for them)."""
    chained: set[int] = set()
    findings: list[Finding] = []
    depth: int | None = None
    for start, end, total in _chain_items(document, prose):
        kernel = distinct(list(find("kernel", prose, start, end)))
        filters = distinct(list(find("filters", prose, start, end)))
        stated = distinct(list(find("in_channels", prose, start, end)))
        if kernel is None or filters is None or len(filters.values) != 1:
            if not _POOL.search(prose, start, end):
                depth = None  # a dense layer or anything else: the chain ends; pooling keeps it
            continue
        previous, depth = depth, filters.values[0]
        if stated is not None or previous is None or total is None:
            continue
        chained.add(total.start)
        finding = _chained_conv(prose, kernel, previous, depth, total)
        if finding is not None:
            findings.append(finding)
    return chained, findings


def _chained_conv(
    prose: str, kernel: Quantity, channels: int, filters: int, total: Quantity
) -> Finding | None:
    stated = _stated(prose, total)
    if stated is None or len(kernel.values) not in (1, 2):
        return None
    value, unit = stated
    one_d = kernel.mode == "1d"
    shape = (kernel.values[0], 1 if one_d else kernel.values[-1])
    right = conv_parameters(shape, channels, filters, True)
    allowed = _allowed({right}, total, False, conv_parameters(shape, channels, filters, False))
    if any(abs(option - value) <= unit // 2 for option in allowed):
        return None
    size = f"{shape[0]}" if one_d else f"{shape[0]}{TIMES}{shape[1]}"
    return Finding(
        total.start,
        total.end,
        f"a {size} convolution on the previous layer's {channels} channels with {filters} "
        f"filters has ({shape[0] * shape[1]} {TIMES} {channels} + 1) {TIMES} {filters} = "
        f"{right:,} parameters, not {total.text}: correct the count",
    )


def _dense_finding(
    total: Quantity, n: int, m: int, bias_free: bool, prose: str = ""
) -> Finding | None:
    stated = _stated(prose, total) if prose else parse_total(total.text)
    if stated is None:
        return None
    value, unit = stated
    allowed = _allowed(
        {dense_parameters(n, m, True)}, total, bias_free, dense_parameters(n, m, False)
    )
    if any(abs(count - value) <= unit // 2 for count in allowed):
        return None
    right = dense_parameters(n, m, True)
    return Finding(
        total.start,
        total.end,
        f"a dense layer with {n} inputs and {m} units has {n} {TIMES} {m} + {m} = {right:,} "
        f"parameters, not {total.text}: correct the count",
    )


# "- weights: 3 x 3 x 16 x 32 = 4,608", "- biases: 32", "- total: 4,640": labelled lines
# (list items or not) whose last number is the part's count.
_PART_LINE = re.compile(
    r"^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?[*_]*(?P<label>[A-Za-z][\w ()-]{0,40}?)[*_]*[ \t]*"
    r"[:=\N{EM DASH}\N{EN DASH}][*_]*[ \t]*(?:[^\n]*?=[ \t]*)?[*_]*"
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d+)[*_]*[ \t]*"
    r"(?:(?:trainable\s+)?(?:parameters|params|weights|biases|values))?[ \t]*[.;]?[ \t]*$",
    re.MULTILINE,
)
_PART_LABELS = {
    "weights": re.compile(
        r"(?:kernel|filter|connection|dense|conv\w*|trainable)?\s*weights?"
        r"(?:\s+\(?(?:only|without\s+bias(?:es)?)\)?)?",
        re.I,
    ),
    "biases": re.compile(r"bias(?:es)?(?:\s+(?:terms?|parameters|params|vector))?", re.I),
    "total": re.compile(
        r"(?:total|overall|sum|all)(?:\s+(?:parameters|params|count|trainable\s+parameters))?"
        r"(?:\s+(?:with|including|incl\.?)\s+(?:the\s+)?bias(?:es)?)?"
        r"|(?:total\s+|trainable\s+)?(?:parameters|params)(?:\s+in\s+total)?",
        re.I,
    ),
}


def _labelled_sum(document: LintDocument, prose: str) -> Iterator[Finding]:
    """Weights, biases and their total on labelled lines: the total must be their sum."""
    parts: dict[str, list[re.Match[str]]] = {name: [] for name in _PART_LABELS}
    for match in _PART_LINE.finditer(prose, document.body_offset):
        label = match.group("label").strip()
        for name, pattern in _PART_LABELS.items():
            if pattern.fullmatch(label):
                parts[name].append(match)
    if len(parts["total"]) == 1 and not parts["biases"]:
        yield from _labelled_total(document, prose, parts["total"][0])
    if any(len(found) != 1 for found in parts.values()):
        return  # several layers, or not the three parts
    weights, biases, total = (int(parts[n][0].group("value").replace(",", "")) for n in parts)
    stated = parts["total"][0]
    if weights + biases == total or OTHER_LAYERS.search(prose, document.body_offset):
        return
    yield Finding(
        stated.start("value"),
        stated.end("value"),
        f"{weights:,} weights + {biases:,} biases = {weights + biases:,} parameters, not "
        f"{stated.group('value')}: correct the total",
    )


def _labelled_total(document: LintDocument, prose: str, line: re.Match[str]) -> Iterator[Finding]:
    """ "- total with biases: 12,816" under a question that names the layer, the kernel
    perhaps in another item: checked like a sentence whose paragraph is the whole answer."""
    question = document.question
    if question is None or question[0] <= line.start() < question[1]:
        return
    value = line.group("value")
    total = Quantity("total", line.start("value"), line.end("value"), (), "parameters", value)
    answer = (_answer_start(prose, question[1]), len(prose))
    finding = _check_total(prose, total, line.span(), answer, question)
    if finding is not None:
        yield finding


_SIZE_LIST = r"\d+(?:\s*(?:,\s*(?:and\s+)?|and|->|\N{RIGHTWARDS ARROW}|-|\N{EN DASH})\s*\d+){2,}"
# "an MLP with layer sizes 784, 128 and 10", "a 784-128-10 fully connected network".
_MLP_SIZES = re.compile(
    rf"\b(?:layer\s+(?:sizes|widths)|sizes\s+of\s+(?:the\s+)?layers|units\s+per\s+layer)"
    rf"\s*(?:of|are|:|=)?\s*(?:\(|\[)?(?P<sizes>{_SIZE_LIST})"
    rf"|\blayers\s+of\s+(?P<widths>{_SIZE_LIST})\s+(?:units|neurons|nodes)\b"
    rf"|\b(?:MLP|network|net)\s+(?:of\s+|with\s+)?(?P<arrows>\d+(?:\s*(?:->|\N{{RIGHTWARDS ARROW}})"
    r"\s*\d+){2,})"
    rf"|(?<![\w.,])(?P<chain>\d+(?:\s*(?:->|\N{{RIGHTWARDS ARROW}}|-|\N{{EN DASH}})\s*\d+){{2,}})"
    r"\s+(?:(?:fully[- ]connected|dense|Keras)\s+)?(?:MLP|network|net|perceptron)\b",
    re.IGNORECASE,
)
_DENSE_CONTEXT = re.compile(
    r"\b(?:MLP|perceptron|dense|fully[- ]connected|Linear|units|neurons)\b", re.I
)


def _mlp_totals(document: LintDocument, prose: str) -> Iterator[Finding]:
    """The total count of a plain MLP whose layer sizes are all listed: the sum over its
    layers of n·m + m."""
    question = document.question
    if question is None:
        return
    scope = (question[0], len(prose))
    sizes = [match for match in _MLP_SIZES.finditer(prose, *scope)]
    if len(sizes) != 1 or not _DENSE_CONTEXT.search(prose, *scope):
        return
    if OTHER_LAYERS.search(prose, *scope) or any(find("kernel", prose, *scope)):
        return
    widths = [
        int(n) for n in re.findall(r"\d+", next(group for group in sizes[0].groups() if group))
    ]
    pairs = list(itertools.pairwise(widths))
    right = sum(dense_parameters(n, m, True) for n, m in pairs)
    weights = sum(dense_parameters(n, m, False) for n, m in pairs)
    start = _answer_start(prose, question[1])
    for total in _answer_totals(document, start, len(prose)):
        stated = _stated(prose, total)
        if stated is None:
            continue
        value, unit = stated
        allowed = {right, weights} if total.mode == "weights" else {right}
        if any(abs(option - value) <= unit // 2 for option in allowed):
            continue
        terms = " + ".join(f"({n} {TIMES} {m} + {m})" for n, m in pairs)
        yield Finding(
            total.start,
            total.end,
            f"dense layers of {', '.join(map(str, widths))} units have {terms} = {right:,} "
            f"parameters, not {total.text}: correct the count",
        )


_OUTPUT_COLUMN = re.compile(r"\boutput\b|\bshape\b")
_SHAPE_CELL = re.compile(rf"[*_]*\(?(?P<shape>{SHAPE})\)?[*_]*")
_CONV_OR_POOL = re.compile(r"\bconv|pool", re.IGNORECASE)
_BARE_SQUARE = re.compile(
    r"(?<![\w.,])(?P<v>\d+\s*[\N{MULTIPLICATION SIGN}xX*]\s*\d+)"
    r"(?![\w]|\s*[\N{MULTIPLICATION SIGN}xX*])"
)


def _table_outputs(document: LintDocument, prose: str) -> Iterator[Finding]:
    """A table of layers and their output shapes: each row's input is the row above's output."""
    for table in tables(prose, document.body_offset, len(prose)):
        column = table.column(_OUTPUT_COLUMN)
        if column is None:
            continue
        previous: Quantity | None = None
        for row in table.rows:
            cell = row[column] if column < len(row) else None
            shape = _SHAPE_CELL.fullmatch(cell.text) if cell is not None and cell.text else None
            if cell is None or shape is None:
                previous = None
                continue
            start = cell.start + shape.start("shape")
            text = shape.group("shape")
            output = Quantity("output", start, start + len(text), parse_values(text), text=text)
            layer = (row[0].start, cell.start - 1) if column > 0 else (cell.end + 1, row[-1].end)
            if previous is not None and _CONV_OR_POOL.search(prose, *layer):
                finding = _row_output(prose, layer, previous, output)
                if finding is not None:
                    yield finding
            previous = output


def _row_output(
    prose: str, layer: tuple[int, int], size: Quantity, output: Quantity
) -> Finding | None:
    if UPSAMPLING.search(prose, *layer):
        return None
    kernels = list(find("kernel", prose, *layer))
    if not kernels:
        kernels = [
            Quantity("kernel", *m.span("v"), parse_values(m.group("v")), text=m.group("v"))
            for m in _BARE_SQUARE.finditer(prose, *layer)
        ]
    kernel = distinct(kernels)
    if kernel is None:
        return None
    known: dict[str, Quantity | None] = {}
    for kind in ("stride", "padding", "dilation"):
        found = list(find(kind, prose, *layer))
        known[kind] = distinct(found)
        if found and known[kind] is None:
            return None
    filters = distinct(list(find("filters", prose, *layer)))
    return _compare(prose, size, kernel, known, output) or _filter_depth(
        prose, kernel, filters, output
    )
