"""AG103's note-level pass: what a note states about ONE convolution or pooling layer, read by
the role of each quantity wherever it stands, then bound to each claimed output by the nearest
scope that names it (sentence, then its paragraph, list or table, then the question heading and
its answer, then the whole note with its Extra section).

The phrase-level passes of ``output_size`` read the usual sentence shapes; this pass adds what
they miss when the roles are clear but the words are not theirs: an input named by its size
alone ("take a 28 x 28 grayscale digit"), a text or a signal of N tokens or samples, an
"N-pixel" image, "a length of 63", and a result written first ("27x27 is what you get") or
after "end up with". A statement is made only when the input, the kernel and the output are
stated for one layer, its padding is known (stated, "same"/"valid", a Keras or PyTorch call's
default, or pooling's default of none), nothing in the scope names a second layer, a second
result or a transposed convolution, and the result is not hedged ("about", "roughly")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ankigen.lint.arith.quantities import (
    SEVERAL_LAYERS,
    SHAPE,
    UPSAMPLING,
    Quantity,
    distinct,
    find,
    find_pairs,
    parse_values,
)
from ankigen.lint.arith.tables import Cell, tables
from ankigen.lint.digits import DigitGated
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.layers.counts import LIST_ITEM
from ankigen.lint.rules.layers.remedies import in_remedy, same_sentence
from ankigen.lint.rules.layers.scope import (
    POOL,
    disjoint,
    layer_blocks,
    outside_of,
    spatial_sizes,
)

# The open layer call a kernel size is an argument of: ``Conv2D(32, 3``, ``nn.MaxPool2d(2``.
OPEN_CALL = lazy_regex(
    r"(?P<name>Conv[123][dD]|(?:Max|Average|Avg)Pool(?:ing)?[123][dD]|(?:max|avg)_pool[123]d)"
    r"\((?:[^()]|\([^()]*\))*$"
)

_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)"
_SQUARE = r"(?<![\w.,])\d+(?:\s*[xX\N{MULTIPLICATION SIGN}*]\s*\d+|\s+by\s+\d+){1,3}(?![\w]|[.,]\d)"
_STEP_NOUNS = (
    r"(?:tokens|words|characters|chars|samples|time\s*steps|timesteps|steps|frames|positions|"
    r"values|elements|embeddings|vectors|readings|points)"
)
_KERNEL_WORDS = r"(?:kernels?|filters?|windows?|pool\w*|conv\w*|channels?|parameters|params)"
# Inputs in words the phrase patterns do not know.
_INPUTS = DigitGated(
    lazy_regex(
        # "a sentence of 40 tokens", "a review of 200 words", "a clip of 16,000 samples"
        rf"\b(?:sentences?|texts?|documents?|reviews?|sequences?|signals?|series|recordings?|"
        rf"clips?|waveforms?|inputs?)\s+of\s+(?P<v1>{_N})\s+(?:[\w-]+\s+)?{_STEP_NOUNS}\b"
        # "a 64-pixel square image", "a 100-sample signal"
        rf"|(?P<v2>{_N})[- ](?:pixels?|px|samples?|steps?|tokens?)(?:[- ](?:wide|long|square))?\s+"
        r"(?:square\s+)?(?:[\w-]+\s+)?(?:images?|inputs?|pictures?|photos?|maps?|signals?|"
        r"sequences?|sentences?|series|recordings?|grids?|waveforms?|clips?|texts?|documents?)\b"
        # "turns 16,000 samples into 99 frames", "on 1,000 samples"
        rf"|\b(?:turns?|turning|maps?|mapping|takes?|taking|converts?|converting|over|on|across|applied\s+to|run\s+on)\s+"
        rf"(?:an?\s+|the\s+|its\s+|all\s+)?(?P<v4>{_N})\s+(?:input\s+)?{_STEP_NOUNS}\b"
        r"(?=\s*(?:into|to|\?|[.,;:)]|$|(?:it|this|that|we|you|the\s+(?:layer|conv\w*))\s))"
        # "16,000 samples go through ``Conv1D(…)``", "(200 tokens) are fed to the layer"
        rf"|(?P<v6>{_N})\s+(?:input\s+)?{_STEP_NOUNS}\)?\s+(?:go(?:es)?|pass(?:es)?|flows?|enters?|"
        r"(?:is|are)\s+(?:fed|passed|sent|run))\s+(?:through|into|to|in)\b"
        # "sentences are padded to 200 tokens", "clips trimmed to 8,000 samples"
        rf"|\b(?:padded|truncated|trimmed|cut|cropped|resampled)\s+(?:\w+\s+)?to\s+(?P<v7>{_N})\s+"
        rf"{_STEP_NOUNS}\b"
        # "the input has 128 time steps", "an input of 400 samples"
        rf"|\binputs?\s+(?:has|have|contains?|holds?)\s+(?P<v5>{_N})\s+{_STEP_NOUNS}\b"
        # "a length of 63 becomes 62": a length that something happens to
        rf"|\b(?:an?|the|input)\s+length\s+of\s+(?P<v3>{_N})(?=\s+(?:becomes|turns|shrinks|is|gives|"
        r"yields|goes|drops|comes))",
        re.IGNORECASE,
    )
)
# Results in words the phrase patterns do not know.
_OUTPUTS = DigitGated(
    lazy_regex(
        # "27x27 is what you get", "27x27 is the output"
        rf"(?P<v1>{SHAPE})\s+is\s+(?:what\s+(?:you|we|one)\s+(?:get|end\s+up\s+with)|the\s+"
        r"(?:output|result)\b)"
        # "you'll end up with a 63x63 feature map", "we get a 30 x 30 map"
        rf"|\b(?:end(?:s|ed)?\s+up\s+with|(?:you|we|one)(?:'ll|\s+will)?\s+get)\s+(?:an?\s+|the\s+)?"
        rf"(?P<v2>{SHAPE})(?!\s*(?:[-+/\N{{MINUS SIGN}}]\s*\d|{_KERNEL_WORDS}))"
        # "why is the output size 31x31?": the result named by its noun alone
        rf"|\b(?:output|result)(?:[ _](?:size|shape|length|width|resolution))?\s+(?:of\s+)?"
        rf"(?P<v4>{_SQUARE})(?!\s*(?:[-+/\N{{MINUS SIGN}}]\s*\d|{_KERNEL_WORDS}))"
        # "the 12x12 map is pooled to 6x6": a passive verb of the layer
        rf"|\b(?:is|are|gets?|was|were)\s+(?:max[- ]|average[- ])?(?:pooled|convolved|subsampled|"
        rf"downsampled|shrunk|cut|reduced|filtered)\s+(?:down\s+)?(?:in)?to\s+(?:an?\s+)?"
        rf"(?P<v5>{SHAPE})(?!\s*(?:[-+/\N{{MINUS SIGN}}]\s*\d|{_KERNEL_WORDS}))"
        # "it yields 99 frames", "produces 31 positions": a count of 1D outputs after a verb
        rf"|\b(?:gives?|giving|yields?|yielding|produces?|producing|returns?|outputs?|leaves|"
        rf"leaving|results?\s+in)\s+(?:only\s+|just\s+|exactly\s+)?(?P<v7>{_N})\s+"
        r"(?:output\s+)?(?:frames|positions|steps|time\s*steps|windows|vectors)\b"
        r"(?!\s+(?:per|each|of|for)\b)"
        # "…, so 64 x 64": the conclusion of a calculation
        rf"|,\s+so\s+(?:it\s+is\s+|the\s+output\s+is\s+)?(?P<v8>{_SQUARE})"
        r"(?=[ \t]*(?:[.;,\n]|as\s+well\b|$))"
        # "out = 27", "W_out = 27": the result of a formula's symbols ("n = 32, k = 5")
        rf"|\b(?-i:out|W_?out|H_?out|n_?out|L_?out|O)\s*=\s*(?P<v6>{_N})(?!\s*[-+*/(])"
        # "halves a 31-step sequence to 16 steps": a count of steps after a verb of change
        rf"|\b(?:halves|halving|reduces?|reducing|shrinks?|shrinking|cuts?|cutting|downsamples?|"
        rf"downsampling|compress(?:es)?|compressing|shortens?|shortening)\b[^.;\n]{{0,60}}?\s"
        rf"(?:down\s+)?(?:in)?to\s+(?:an?\s+|just\s+|only\s+)?(?P<v3>{_N})\s+{_STEP_NOUNS}\b",
        re.IGNORECASE,
    )
)
# "65x65 -> 33x33", "length 7 → 4": an input and its output joined by an arrow, sizes of as many
# axes on both sides.
_ARROW_PAIR = DigitGated(
    lazy_regex(
        rf"(?P<n>{SHAPE})\s*(?:->|=>|\N{{RIGHTWARDS ARROW}}|\N{{LONG RIGHTWARDS ARROW}}"
        # "the 16 by 16 map measures 15 by 15": a map named by its size, and what it measures now
        r"|(?:\s+[\w-]+){0,2}?\s+(?:maps?|images?|inputs?|grids?|volumes?|tensors?)\s+"
        r"(?:now\s+)?measures)\s*"
        rf"(?P<out>{SHAPE})(?!\s*(?:[-+/\N{{MINUS SIGN}}]\s*\d|{_KERNEL_WORDS}))",
        re.IGNORECASE,
    )
)


@lru_cache(maxsize=256)
def arrow_pairs(prose: str, start: int, end: int) -> tuple[tuple[Quantity, Quantity], ...]:
    """Sizes joined by an arrow, as an input and its output: "65x65 -> 33x33" (remembered, as
    every claim of a sentence asks for its pairs)."""
    pairs = []
    for match in _ARROW_PAIR.finditer(prose, start, end):
        first, second = parse_values(match.group("n")), parse_values(match.group("out"))
        if len(first) == len(second):
            pairs.append(
                (
                    Quantity("input", *match.span("n"), first, text=match.group("n")),
                    Quantity("output", *match.span("out"), second, text=match.group("out")),
                )
            )
    return tuple(pairs)


# Kernels in words the phrase patterns do not know: "a width-3 convolution", "a 5-tap filter".
_KERNELS = DigitGated(
    lazy_regex(
        rf"\b(?:width|size|kernel)-(?P<v1>{_N})\s+(?:[\w-]+\s+)?(?:conv\w*|kernels?|filters?|windows?)\b"
        rf"|(?P<v2>{_N})-(?:tap|wide|point)\s+(?:[\w-]+\s+)?(?:conv\w*|kernels?|filters?|windows?)\b"
        # "a 3 x 3, stride-2 convolution": the settings between the size and the layer's noun
        rf"|(?P<v3>{_SQUARE}),\s+stride[- ]\d+\s+(?:[\w-]+\s+)?(?:conv\w*|\w*pool\w*)",
        re.IGNORECASE,
    )
)
# Several layers named together: "two 3x3 convolutions", "the conv layers".
_PLURAL_LAYERS = lazy_regex(
    r"\b(?:convolutions|convs|(?:conv\w*|pooling)\s+layers|poolings|pooling\s+steps)\b", re.I
)
# A size named by nothing but its place: "take a 28 x 28 grayscale digit". Read as the input
# only when the scope names no input otherwise.
_BARE_SIZE = DigitGated(lazy_regex(rf"(?P<v>{_SQUARE})"))
# Words that make a stated result approximate or say it was rounded on purpose.
_HEDGE = lazy_regex(
    r"\b(?:about|approx\w*|roughly|around|nearly|almost|close\s+to|some|circa)\b|[~≈]"
    # "rounded to 30": a number made round on purpose; "rounds down" names the floor instead
    r"|\bround(?:s|ed|ing)?\b(?!\s+down)",
    re.IGNORECASE,
)
_LAYER_NAME = lazy_regex(
    r"\b(?:conv\w*|\w*pool\w*|dense|linear|flatten|(?:sub|down)-?sampl\w*)\b", re.I
)
# A statement needs a kernel, named by one of these words (or a layer call): a cheap first test.
_KERNEL_NAMED = lazy_regex(r"kernel|filter|window|pool|conv|tap\b|width-\d", re.IGNORECASE)
_TRANSPOSED = GatedPattern(rf"{UPSAMPLING.pattern}|ConvTranspose|Conv[123]?D?Transpose", re.I)
_EXTRA_RULE = lazy_regex(r"^[ \t]*(?:\*\s*\*\s*\*|-\s*-\s*-|_\s*_\s*_)[ \t*_-]*$", re.MULTILINE)
_SENTENCE_END = lazy_regex(r"(?<=[.!?;])\s+(?=\S)")


# A table's columns by their headers: "| Kernel | Stride | Padding | Output |".
_HEADER_KINDS = (
    ("output", lazy_regex(r"\b(?:output|result)")),
    ("input", lazy_regex(r"\binput")),
    ("kernel", lazy_regex(r"\b(?:kernel|filter\s+size|window|pool)")),
    ("stride", lazy_regex(r"\bstride")),
    ("padding", lazy_regex(r"\bpad")),
    ("dilation", lazy_regex(r"\bdilation")),
)
_CELL_SHAPE = lazy_regex(rf"[*_(\s]*(?P<v>{SHAPE})[*_)\s]*")
_CELL_PADDING = {"same": ((), "same"), "valid": ((0,), "valid"), "none": ((0,), "valid")}


def row_quantities(prose: str, start: int, end: int) -> dict[tuple[int, int], dict[str, Quantity]]:
    """Each table row's quantities read by their column headers, keyed by the row's span."""
    rows: dict[tuple[int, int], dict[str, Quantity]] = {}
    for table in tables(prose, start, end):
        kinds: dict[int, str] = {}
        for index, header in enumerate(table.header):
            kind = next((kind for kind, words in _HEADER_KINDS if words.search(header)), None)
            if kind is not None and kind not in kinds.values():
                kinds[index] = kind
        for row in table.rows:
            found: dict[str, Quantity] = {}
            for index, kind in kinds.items():
                if index < len(row):
                    quantity = _cell_quantity(kind, row[index])
                    if quantity is not None:
                        found[kind] = quantity
            rows[(row[0].start, row[-1].end)] = found
    return rows


def _cell_quantity(kind: str, cell: Cell) -> Quantity | None:
    text = cell.text.lower().strip("*_ '\"`")
    if kind == "padding" and text in _CELL_PADDING:
        values, mode = _CELL_PADDING[text]
        return Quantity(kind, cell.start, cell.end, values, mode, cell.text)
    match = _CELL_SHAPE.fullmatch(cell.text)
    if match is None:
        return None
    start = cell.start + match.start("v")
    return Quantity(kind, start, start + len(match.group("v")), parse_values(match.group("v")))


@dataclass(frozen=True)
class LayerStatement:
    """One layer's stated input, kernel, stride, padding, dilation and filters, and the output
    the note claims for it."""

    output: Quantity
    size: Quantity
    kernel: Quantity
    known: dict[str, Quantity | None]
    filters: Quantity | None
    pooling: bool


# Each claim of a note looks for its quantities in the scopes around it (its row, sentence,
# paragraph), and the claims of one sentence share those scopes: remembering what a scope
# holds keeps a sentence of many sizes (an arrow chain of hundreds) linear, not quadratic.
@lru_cache(maxsize=1024)
def _found(kind: str, text: str, start: int, end: int) -> tuple[Quantity, ...]:
    """The quantities of ``kind`` in ``text[start:end]`` (``quantities.find``, remembered)."""
    return tuple(find(kind, text, start, end))


@lru_cache(maxsize=1024)
def _grouped(
    pattern: DigitGated, kind: str, text: str, start: int, end: int
) -> tuple[Quantity, ...]:
    found = []
    for match in pattern.finditer(text, start, end):
        for name, value in match.groupdict().items():
            if value is not None:
                found.append(Quantity(kind, *match.span(name), parse_values(value), text=value))
    return tuple(found)


def _of_groups(pattern: DigitGated, kind: str, text: str, start: int, end: int) -> list[Quantity]:
    return list(_grouped(pattern, kind, text, start, end))


def worded_inputs(text: str, start: int, end: int) -> list[Quantity]:
    """Inputs in words the phrase finders do not know: "a sentence padded to 100 tokens"."""
    return _of_groups(_INPUTS, "input", text, start, end)


# A list item that names a layer and ends in its result: "- ``nn.MaxPool2d(2)`` (no padding):
# 3 x 3", "2. 3x3 conv, stride 2 -> 16x16". The label before the colon names the layer, not a
# quantity ("- Kernel: 3x3" is no result).
_ITEM_RESULT = DigitGated(
    lazy_regex(
        r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<label>[^\n:]*?)[ \t]*"
        r"(?::|->|=>|\N{RIGHTWARDS ARROW}|\N{LONG RIGHTWARDS ARROW})[ \t]*"
        rf"(?P<v>{_SQUARE})(?=[ \t]*(?:[,.;(]|$))",
        re.MULTILINE,
    )
)
_ITEM_LAYER = lazy_regex(r"\b(?:conv\w*|\w*pool\w*|(?:sub|down)-?sampl\w*)\b", re.IGNORECASE)
_QUANTITY_LABEL = lazy_regex(
    r"(?:size|kernel|window|stride|padding|filters?|input|channels?|shape|dilation|"
    r"output|params?|parameters|weights|flops)\W*$",
    re.IGNORECASE,
)


# An item that names one setting of a layer stated above it: "- padding 1: 64x64",
# "- stride 2 -> 16x16", "- no padding: 30x30".
_SCENARIO_LABEL = lazy_regex(
    r"(?:padding|stride|dilation)\s*[=:]?\s*\d+|no\s+padding|[\"']?(?:same|valid)[\"']?\s+padding",
    re.IGNORECASE,
)


# A layer label that ends with a padding it states whole ("3x3 conv, no padding", "5x5 conv,
# 'valid' padding"): the value after it is the layer's result, not a padding.
_SETTING_END = lazy_regex(
    r"[,;]?\s*(?:no|zero|[\"'`]?(?:same|valid)[\"'`]?)\s+padding\W*$", re.IGNORECASE
)


# An arrow later on the item's line: the result is the size after it.
_ARROW_LATER = lazy_regex(
    r"[^\n]*?(?:->|=>|\N{RIGHTWARDS ARROW}|\N{LONG RIGHTWARDS ARROW})[ \t]*[*_`(]*\d"
)


def item_results(prose: str, start: int, end: int) -> list[Quantity]:
    """The results list items state after a layer or a setting: "- ``MaxPool2d(2)``: 3x3"."""
    found = []
    for match in _ITEM_RESULT.finditer(prose, start, end):
        label = match.group("label")
        bare = re.sub(r"\([^()]*\)", "", label)  # "(stride defaults to the window)"
        value = match.group("v")
        values = parse_values(value)
        # "- 3x3 conv, no padding: 30x30": a setting the label states whole names no quantity;
        # read so only for a square map ("Conv1d …, no padding: 58 x 32" is length x channels)
        settled = _SETTING_END.sub("", bare) if len(set(values[:2])) == 1 else bare
        layer = _ITEM_LAYER.search(label) and not _QUANTITY_LABEL.search(settled)
        if _ARROW_LATER.match(prose, match.end()):
            continue  # "- conv1: 7x7, stride 2 → 112x112": the size after the label is the kernel
        if layer or _SCENARIO_LABEL.fullmatch(bare.strip(" *_`")):
            found.append(Quantity("output", *match.span("v"), values, text=value))
    return found


def claimed_outputs(prose: str, start: int, end: int) -> list[Quantity]:
    """Every output a stretch of the note claims: the phrase finders' and the results in words
    they do not know; one per span."""
    found = [pair[1] for pair in [*find_pairs(prose, start, end), *arrow_pairs(prose, start, end)]]
    found += list(_found("output", prose, start, end)) + _of_groups(
        _OUTPUTS, "output", prose, start, end
    )
    found += item_results(prose, start, end)
    kernels = _of_groups(_KERNELS, "kernel", prose, start, end)
    found = outside_of(found, kernels)  # "the output of a 3x3, stride-2 conv" names a kernel
    return [claim for claim in disjoint(found) if not _CALCULATION.match(prose, claim.end)]


# A number that starts a calculation ("32 - 5 + 1 = 28") is a term, not the claimed result.
_CALCULATION = lazy_regex(
    "\\s*[-+*/\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}]\\s*\\(?\\d"
)


@dataclass(frozen=True)
class _Scopes:
    """The nested stretches a claim may take its quantities from, narrowest first."""

    chain: tuple[tuple[int, int], ...]
    near: tuple[tuple[int, int], ...]  # the claim's sentence and the kernel's, for bare sizes
    row: dict[str, Quantity]  # a table row's quantities by their columns


def _sentence_of(prose: str, block: tuple[int, int], position: int) -> tuple[int, int]:
    start = block[0]
    for match in _SENTENCE_END.finditer(prose, *block):
        if match.start() >= position:
            return start, match.start()
        start = match.end()
    return start, block[1]


def _group_of(prose: str, blocks: list[tuple[int, int]], index: int) -> tuple[int, int]:
    """A list (consecutive list items) or the block itself."""
    if not LIST_ITEM.match(prose, blocks[index][0]):
        return blocks[index]
    first = last = index
    while first > 0 and LIST_ITEM.match(prose, blocks[first - 1][0]):
        first -= 1
    while last + 1 < len(blocks) and LIST_ITEM.match(prose, blocks[last + 1][0]):
        last += 1
    return blocks[first][0], blocks[last][1]


def _scopes_of(document: LintDocument, prose: str, position: int) -> _Scopes:
    blocks = layer_blocks(document)
    index = next(
        (i for i, (start, end) in enumerate(blocks) if start <= position < end), len(blocks) - 1
    )
    block = blocks[index]
    chain = [_sentence_of(prose, block, position), block, _group_of(prose, blocks, index)]
    body = (document.body_offset, len(prose))
    rule = _EXTRA_RULE.search(prose, document.body_offset)
    section_end = rule.start() if rule is not None and rule.start() > position else len(prose)
    question = document.question
    section_start = question[0] if question is not None else document.body_offset
    chain += [(min(section_start, block[0]), max(section_end, block[1])), body]
    unique: list[tuple[int, int]] = []
    for scope in chain:
        if not unique or scope != unique[-1]:
            unique.append(scope)
    return _Scopes(tuple(unique), (unique[0],), {})


def _inputs(
    prose: str, scope: tuple[int, int], outputs: Sequence[Quantity], near: Sequence[tuple[int, int]]
) -> list[Quantity]:
    """The inputs a scope names; failing that, a size named by nothing else in the sentence of
    the kernel or of the claim ("take a 28 x 28 digit and a 3 x 3 kernel")."""
    named = list(_found("input", prose, *scope)) + _of_groups(_INPUTS, "input", prose, *scope)
    named = outside_of(disjoint(named), outputs)
    if named:
        return named
    taken = [*outputs, *_found("kernel", prose, *scope), *_found("stride", prose, *scope)]
    taken += list(_found("padding", prose, *scope)) + _of_groups(_KERNELS, "kernel", prose, *scope)
    bare = _of_groups(_BARE_SIZE, "input", prose, *scope)
    return [
        size
        for size in outside_of(bare, taken)
        if not _inside_call(prose, size)
        and not _in_formula(prose, size)
        and not _COVERED.search(prose, max(0, size.start - 40), size.start)
        and any(a <= size.start < b for a, b in near)
    ]


# "the 3x3 kernel covers 7x7 pixels", "a receptive field of 7x7": the dilated span or the
# receptive field, never the layer's input
_COVERED = lazy_regex(
    r"\b(?:covers?|covering|spans?|spanning|sees?|reach(?:es)?|receptive\s+field(?:\s+(?:of|is))?"
    r"|effective(?:\s+(?:kernel|size|window))?(?:\s+(?:of|is))?)\s*[:=]?\s*(?:an?\s+)?$",
    re.I,
)


# An operator or "=" next to a size: "3 x 100 x 64 + 64 = 19,264" is a formula's factors.
_OPERATOR_AFTER = lazy_regex(
    "\\s*[-+*/=\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}]"
)
_OPERATOR_BEFORE = lazy_regex(
    "[-+*/=(\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}]\\s*$"
)


def _in_formula(prose: str, size: Quantity) -> bool:
    """Whether a bare size is a term of a calculation (a parameter count, a product), which
    never names the layer's input."""
    if _OPERATOR_AFTER.match(prose, size.end):
        return True
    return _OPERATOR_BEFORE.search(prose[max(0, size.start - 4) : size.start]) is not None


def _inside_call(prose: str, size: Quantity) -> bool:
    line_start = prose.rfind("\n", 0, size.start) + 1
    before = prose[line_start : size.start]
    return before.count("(") > before.count(")")


def _nearest(
    kind: str, prose: str, scopes: _Scopes, outputs: Sequence[Quantity]
) -> tuple[Quantity | None, int, bool]:
    """The quantity of ``kind`` in the narrowest scope that names one, that scope's index, and
    whether it is ambiguous (named there with different values)."""
    if kind in scopes.row:
        return scopes.row[kind], 0, False
    for depth, scope in enumerate(scopes.chain):
        if kind == "input":
            found = _inputs(prose, scope, outputs, scopes.near)
        elif kind == "kernel":
            named = list(_found(kind, prose, *scope)) + _of_groups(_KERNELS, kind, prose, *scope)
            found = outside_of(disjoint(named), outputs)
        else:
            found = outside_of(list(_found(kind, prose, *scope)), outputs)
        if kind in _REMEDIED and outputs:
            found = _not_remedies(prose, found, outputs[0])
        if found:
            unique = distinct(found)
            return unique, depth, unique is None
    return None, -1, False


_REMEDIED = frozenset(("stride", "padding", "dilation"))


def _not_remedies(prose: str, found: list[Quantity], claim: Quantity) -> list[Quantity]:
    """The settings without those a fix proposes ("Use ``padding=2`` to keep 64"), unless the
    claim stands in the fix's own sentence."""
    return [
        quantity
        for quantity in found
        if not in_remedy(prose, quantity.start) or same_sentence(prose, quantity.start, claim.start)
    ]


def _one_layer(
    prose: str, scope: tuple[int, int], claim: Quantity, outputs: Sequence[Quantity]
) -> bool:
    """Whether the scope describes one layer with one result: no second layer name, no words of
    a network or a stack, no other result with another value. A remark after the claim that
    states no number ("…, and WaveNet stacks such layers") brings no quantity to it."""
    for part in _stating_parts(prose, scope, claim):
        if SEVERAL_LAYERS.search(prose, *part) or _TRANSPOSED.search(prose, *part):
            return False
        if _PLURAL_LAYERS.search(prose, *part):
            return False
    names = {name.lower() for name in _LAYER_NAME.findall(prose, *scope)}
    kinds = {"pool" if POOL.search(name) else "conv" for name in names}
    if len(kinds) > 1:
        return False
    others = [
        q
        for q in outputs
        if scope[0] <= q.start < scope[1] and not same_size(q.values, claim.values)
    ]
    return not others


# Words that tie a remark to the result before it: "…, because two such layers are stacked".
_CAUSAL = lazy_regex(r"\b(?:so|since|because|as|after|thus|hence|therefore|total)\b", re.I)
# A number of its own, not part of a name ("LeNet-5", "ResNet50").
_NUMBER = lazy_regex(r"(?<![\w-])\d")
_CLAUSE_OR_SENTENCE = lazy_regex(rf"{_SENTENCE_END.pattern}|[:;,(]|\s-\s|\N{{EM DASH}}")


def _stating_parts(prose: str, scope: tuple[int, int], claim: Quantity) -> list[tuple[int, int]]:
    """The scope without the clauses after the claim that state no number and give no reason
    for it: what may still describe the claimed layer."""
    if not scope[0] <= claim.start < scope[1]:
        return [scope]
    parts = []
    start = claim.end
    for match in _CLAUSE_OR_SENTENCE.finditer(prose, claim.end, scope[1]):
        parts.append((start, match.start()))
        start = match.end()
    parts.append((start, scope[1]))
    kept = [(scope[0], parts[0][1])]
    for part in parts[1:]:
        text = prose[part[0] : part[1]]
        if _NUMBER.search(text) or _CAUSAL.search(text):
            kept.append(part)
    return kept


def same_size(first: tuple[int, ...], second: tuple[int, ...]) -> bool:
    """Whether two stated results are one size: "27 positions along each axis" and
    "27 x 27 x 32" name the same 27 on every spatial axis."""
    if first == second:
        return True
    one, other = sorted((spatial_sizes(first), spatial_sizes(second)), key=len)
    if len(one) == 1:
        return all(value == one[0] for value in other)
    return one == other


def _line_at(prose: str, position: int) -> tuple[int, int]:
    start = prose.rfind("\n", 0, position) + 1
    end = prose.find("\n", position)
    return start, len(prose) if end < 0 else end


def _list_start(prose: str, item_start: int) -> int:
    start = item_start
    while start > 0:
        above = prose.rfind("\n", 0, start - 1) + 1
        if not LIST_ITEM.match(prose, above):
            break
        start = above
    return start


def _first_item(
    prose: str, claim: Quantity, used: Sequence[Quantity | None], outputs: Sequence[Quantity]
) -> bool:
    """Whether the claim ends one item of a list that follows a stated layer or input, so that
    the other items do not matter:

    - the first item of a list of layers that follow a stated input ("a 7x7 map through these
      layers:" then "- ``MaxPool2d(2)``: 3x3"): the first layer takes that input, whatever the
      later items do. Its kernel and settings are in the item, the input before the list, and
      nothing between them names another layer or size;
    - an item of a list of scenarios of the one layer stated before it ("a 3x3, stride-2 conv
      on 128x128", then "- padding 0: … so 63x63"): no item names a layer, and the item gives
      what differs."""
    item = _line_at(prose, claim.start)
    if not LIST_ITEM.match(prose, item[0]):
        return False
    first = _list_start(prose, item[0])
    kernel, size, quantities = used[0], used[1], [q for q in used if q is not None]
    if kernel is None or size is None or size.end > first:
        return False
    if first == item[0] and all(item[0] <= q.start < item[1] for q in quantities if q is not size):
        gap = (prose.find("\n", size.end) % (len(prose) + 1), item[0])
        if _LAYER_NAME.search(prose, *gap) or any(gap[0] <= q.start < gap[1] for q in outputs):
            return False
        return _one_layer(prose, item, claim, outputs)
    if any(first <= q.start < item[0] or q.start >= item[1] for q in quantities):
        return False
    items_end = first
    while items_end < len(prose) and LIST_ITEM.match(prose, items_end):
        items_end = _line_at(prose, items_end)[1] + 1
    if kernel.start >= first or _LAYER_NAME.search(prose, first, items_end):
        return False
    stated = (_line_at(prose, min(q.start for q in quantities))[0], first)
    return _one_layer(prose, stated, claim, outputs) and _one_layer(prose, item, claim, outputs)


# Where a clause ends: a hedge beyond it ("… a 63x63 output: the size roughly halves") speaks
# of something else than the stated result.
_CLAUSE_END = lazy_regex(r"[:;,()\N{EM DASH}\N{EN DASH}]|\s-\s|\band\b|\bwhich\b|\bbecause\b")


def _hedged(prose: str, claim: Quantity, sentence: tuple[int, int]) -> bool:
    """Whether the claim's own clause makes it approximate ("about 63x63", "63x63 or so")."""
    start = max(sentence[0], claim.start - 30)
    for match in _CLAUSE_END.finditer(prose, start, claim.start):
        start = match.end()
    after = _CLAUSE_END.search(prose, claim.end, sentence[1])
    end = after.start() if after is not None else sentence[1]
    return _HEDGE.search(prose, start, end) is not None


_CONV_NAME = lazy_regex(r"\bconv\w*", re.IGNORECASE)


def _pooling(prose: str, places: Sequence[tuple[int, int]]) -> bool | None:
    """Whether the layer pools: decided by the first place (the kernel's sentence, the claim's,
    then the wider scopes) that names pooling or a convolution; None when one names both."""
    for place in places:
        pool = POOL.search(prose, *place) is not None
        conv = _CONV_NAME.search(prose, *place) is not None
        if pool != conv:
            return pool
        if pool:
            return None
    return False


def _padding_known(prose: str, kernel: Quantity, padding: Quantity | None, pooling: bool) -> bool:
    if padding is not None or pooling:
        return True
    return OPEN_CALL.search(prose, max(0, kernel.start - 120), kernel.start) is not None


def _sentence_at(document: LintDocument, prose: str, position: int) -> tuple[int, int]:
    block = next(
        (block for block in layer_blocks(document) if block[0] <= position < block[1]),
        (position, position),
    )
    return _sentence_of(prose, block, position)


def _statement(
    document: LintDocument,
    prose: str,
    claim: Quantity,
    outputs: Sequence[Quantity],
    rows: dict[tuple[int, int], dict[str, Quantity]],
) -> LayerStatement | None:
    scopes = _scopes_of(document, prose, claim.start)
    row = next((span for span in rows if span[0] <= claim.start < span[1]), None)
    if row is not None:  # a table row is the claim's sentence, its cells named by their columns
        cells = {kind: found for kind, found in rows[row].items() if kind != "output"}
        scopes = replace(scopes, chain=(row, *scopes.chain[1:]), near=(row,), row=cells)
    sentence = scopes.chain[0]
    if _hedged(prose, claim, sentence):
        return None
    # outputs, and a row's cells, are never read again as another quantity
    others = [q for q in outputs if q.start != claim.start] + list(scopes.row.values())
    kernel, widest, ambiguous = _nearest("kernel", prose, scopes, [claim, *others])
    if kernel is None or ambiguous:
        return None
    if row is None:
        if not sentence[0] <= kernel.start < sentence[1] and calls_another(prose, sentence):
            return None  # "`torch.stft(…)` returns 101 frames": that call's, not the conv's
        scopes = replace(scopes, near=(sentence, _sentence_at(document, prose, kernel.start)))
    pairs = [
        pair
        for pair in [*find_pairs(prose, *sentence), *arrow_pairs(prose, *sentence)]
        if pair[1].start == claim.start
    ]
    found: dict[str, Quantity | None] = {}
    depths: dict[str, int] = {}
    for kind in ("input", "stride", "padding", "dilation", "filters"):
        if kind == "input" and pairs:
            found[kind], depths[kind] = pairs[0][0], 0
            continue
        quantity, depth, ambiguous = _nearest(kind, prose, scopes, [claim, *others])
        if ambiguous:
            return None
        found[kind], depths[kind] = quantity, depth
        widest = max(widest, depth)
    size = found.pop("input")
    if size is None or size.start == claim.start:
        return None
    if len(size.values) == 1 and len(set(spatial_sizes(claim.values))) > 1:
        return None  # one length ("500 frames") is no input of a 64x250 result: one axis only
    if row is None:  # results of the same layer on another input or with another setting
        outputs = [
            q
            for q in outputs
            if not _other_scenario(document, prose, (claim, kernel), q, depths, scopes.chain[0])
        ]
    if not _one_layer(prose, scopes.chain[widest], claim, outputs) and not _first_item(
        prose, claim, [kernel, size, *found.values()], outputs
    ):
        return None
    filters = found.pop("filters")
    pooling = _pooling(prose, [*scopes.near[::-1], *scopes.chain])
    if pooling is None or not _padding_known(prose, kernel, found["padding"], pooling):
        return None
    return LayerStatement(claim, size, kernel, found, filters, pooling)


# A library call (the prose keeps code's text): "torch.stft(x, n_fft=400)", "librosa.load(p)".
_LIBRARY_CALL = lazy_regex(r"(?<![\w.])(?:[A-Za-z_]\w*\.)+(?P<name>[A-Za-z_]\w*)\(")


def calls_another(prose: str, sentence: tuple[int, int]) -> bool:
    """Whether the sentence calls a library function that is no conv or pooling layer: its
    result is that call's, whatever layer the sentences before describe."""
    return any(
        not _ITEM_LAYER.search(call["name"]) for call in _LIBRARY_CALL.finditer(prose, *sentence)
    )


# The claim's sentence says that it varies the layer described before it.
_SAME_LAYER = lazy_regex(
    r"\bsame\s+(?:[\w-]+\s+)?(?:layer|conv\w*|\w*pool\w*|kernel|filter|window|operation)"
    r"|\binstead\b|\bwould\s+(?:instead\s+)?(?:give|output|produce|yield|become|be)\b",
    re.IGNORECASE,
)


def _other_scenario(
    document: LintDocument,
    prose: str,
    bound: tuple[Quantity, Quantity],
    other: Quantity,
    depths: dict[str, int],
    sentence: tuple[int, int],
) -> bool:
    """Whether another stated result belongs to another scenario of the same layer, so that it
    does not make the note describe several layers: the claim's sentence gives its own input
    and so does the other result's ("On 224x224 it gives 14x14; at 384x384 it gives 24x24"),
    or the claim's sentence changes a setting of "the same layer" ("With padding 1 the same
    layer would instead output 17x17")."""
    claim, kernel = bound
    if other.start == claim.start or sentence[0] <= other.start < sentence[1]:
        return False
    theirs = _sentence_at(document, prose, other.start)
    kernels = list(_found("kernel", prose, *theirs)) + _of_groups(
        _KERNELS, "kernel", prose, *theirs
    )
    if theirs[0] <= kernel.start < theirs[1]:  # the claim's kernel is read from that sentence
        if outside_of(kernels, [other, kernel]) or len(_LAYER_NAME.findall(prose, *theirs)) > 1:
            return False  # that sentence describes more than the one layer
    elif outside_of(kernels, [other]) or _LAYER_NAME.search(prose, *theirs):
        return False  # a layer of its own, not the same one on another input
    if depths.get("input") == 0:
        named = list(_found("input", prose, *theirs)) + _of_groups(_INPUTS, "input", prose, *theirs)
        bare = [
            size
            for size in _of_groups(_BARE_SIZE, "input", prose, *theirs)
            if not _inside_call(prose, size) and not _in_formula(prose, size)
        ]
        if outside_of([*named, *bare], [other]):
            return True
    settings = any(depths.get(kind) == 0 for kind in ("stride", "padding", "dilation"))
    return settings and _SAME_LAYER.search(prose, *sentence) is not None


def layer_statements(
    document: LintDocument, prose: str, answer_outputs: Sequence[Quantity] = ()
) -> Iterator[LayerStatement]:
    """Each claimed output of the note (and the size that opens the answer to "What is the
    output size …?", ``answer_outputs``) with the one layer's quantities it is bound to."""
    body = (document.body_offset, len(prose))
    if not _KERNEL_NAMED.search(prose, *body) or _TRANSPOSED.search(prose, *body):
        return
    rows = row_quantities(prose, *body)
    in_cells = [row["output"] for row in rows.values() if "output" in row]
    outputs = disjoint([*claimed_outputs(prose, *body), *answer_outputs, *in_cells])
    for claim in outputs:
        statement = _statement(document, prose, claim, outputs, rows)
        if statement is not None:
            yield statement


def chained_statements(document: LintDocument, prose: str) -> Iterator[LayerStatement]:
    """Layers described one sentence after another in a paragraph ("A 3x3 conv keeps it at
    128x431. The 2x2 pooling with stride 2 then gives 64x215."): a sentence that names one
    kernel and one result but no input of its own takes the previous sentence's result."""
    body = (document.body_offset, len(prose))
    if not _KERNEL_NAMED.search(prose, *body) or _TRANSPOSED.search(prose, *body):
        return
    for block in layer_blocks(document):
        previous: Quantity | None = None
        for sentence in _sentences_in(prose, block):
            claims = claimed_outputs(prose, *sentence)
            output = distinct(claims)
            if previous is not None and output is not None:
                statement = _chained(prose, sentence, previous, output)
                if statement is not None:
                    yield statement
            previous = output if output is not None and len(claims) == 1 else None


_THEN = lazy_regex(r"then", re.IGNORECASE)


def _one_layer_in_chain(prose: str, sentence: tuple[int, int]) -> bool:
    """One layer in a sentence of a chain: "then" only says that it comes next."""
    several = [m for m in SEVERAL_LAYERS.finditer(prose, *sentence) if not _THEN.fullmatch(m[0])]
    if several or _TRANSPOSED.search(prose, *sentence) or _PLURAL_LAYERS.search(prose, *sentence):
        return False
    names = {name.lower() for name in _LAYER_NAME.findall(prose, *sentence)}
    return len({"pool" if POOL.search(name) else "conv" for name in names}) <= 1


def _sentences_in(prose: str, block: tuple[int, int]) -> list[tuple[int, int]]:
    sentences = []
    start = block[0]
    for match in _SENTENCE_END.finditer(prose, *block):
        sentences.append((start, match.start()))
        start = match.end()
    sentences.append((start, block[1]))
    return sentences


def _chained(
    prose: str, sentence: tuple[int, int], previous: Quantity, output: Quantity
) -> LayerStatement | None:
    """The statement of a sentence that names no input: one layer, its kernel and settings each
    named once, applied to the previous result."""
    if list(find_pairs(prose, *sentence)) or arrow_pairs(prose, *sentence):
        return None
    if list(_found("input", prose, *sentence)) or _of_groups(_INPUTS, "input", prose, *sentence):
        return None  # the sentence names its own input: the ordinary reading applies
    if len(previous.values) != len(output.values) or _hedged(prose, output, sentence):
        return None
    kernels = outside_of(
        disjoint(
            list(_found("kernel", prose, *sentence))
            + _of_groups(_KERNELS, "kernel", prose, *sentence)
        ),
        [output],
    )
    kernel = distinct(kernels)
    if kernel is None or not _one_layer_in_chain(prose, sentence):
        return None
    known: dict[str, Quantity | None] = {}
    for kind in ("stride", "padding", "dilation", "filters"):
        found = outside_of(list(_found(kind, prose, *sentence)), [output])
        known[kind] = distinct(found)
        if found and known[kind] is None:
            return None
    filters = known.pop("filters")
    pooling = _pooling(prose, [sentence])
    if pooling is None or not _padding_known(prose, kernel, known["padding"], pooling):
        return None
    return LayerStatement(output, previous, kernel, known, filters, pooling)


# One layer call, written out: ``nn.Conv2d(1, 8, kernel_size=3, stride=2, padding=1)``.
_FULL_CALL = lazy_regex(
    r"\b(?P<name>Conv[123][dD]|(?:Max|Average|Avg)Pool(?:ing)?[123][dD])\((?:[^()]|\([^()]*\))*\)"
)
# A batch shape: "(1, 1, 28, 28)" (PyTorch, channels first) or "(None, 28, 28, 1)" (Keras).
_BATCH_SHAPE = r"\(\s*(?:None|\d+)(?:\s*,\s*(?:None|\d+)){2,3}\s*\)"
_SHAPE_TUPLE = lazy_regex(_BATCH_SHAPE)
# The input's shape, named as such: "for an input of shape (1, 1, 28, 28)", "on x of shape …".
_INPUT_TUPLE = lazy_regex(
    rf"\b(?:inputs?|tensor|batch|array|images?|x)\b`?(?:\s+[\w-]+){{0,3}}?\s*(?:of\s+)?"
    rf"(?:(?:shape|size)\s*)?(?:[=:]\s*|of\s+|is\s+)?`?(?P<t>{_BATCH_SHAPE})",
    re.IGNORECASE,
)


def tuple_statements(document: LintDocument, prose: str) -> Iterator[LayerStatement]:
    """A note about one layer call that names its input as a batch shape and claims one other
    batch shape as the result: "``nn.Conv2d(1, 8, 3, stride=2, padding=1)`` on (1, 1, 28, 28)
    gives (1, 8, 15, 15)". PyTorch shapes put the channels first, Keras shapes (``None`` for
    the batch) put them last; only the spatial sizes are compared."""
    body = (document.body_offset, len(prose))
    calls = _prose_or_inline(document, prose, _FULL_CALL, body)
    if len({call.group(0) for call in calls}) != 1 or _TRANSPOSED.search(prose, *body):
        return
    call = calls[0]
    inputs = {
        match.group("t")
        for match in _INPUT_TUPLE.finditer(document.text, *body)
        if prose[match.start() : match.start("t")].strip()  # named in prose, not in code
    }
    if len(inputs) != 1:
        return
    source = next(iter(inputs))
    shapes = _prose_or_inline(document, prose, _SHAPE_TUPLE, body)
    others = [m for m in shapes if m.group(0) != source]
    if len({m.group(0) for m in others}) != 1 or _hedged(prose, _tuple_quantity(others[0]), body):
        return
    channels_last = "None" in source or call.group("name")[-1] == "D"
    where = document.text.find(source, *body)
    size = _spatial(_tuple_quantity(_SHAPE_TUPLE.search(document.text, where)), channels_last)
    output = _spatial(_tuple_quantity(others[0]), channels_last)
    kernel = distinct(list(_found("kernel", document.text, *call.span())))
    if size is None or output is None or kernel is None or len(size.values) != len(output.values):
        return
    known = {
        kind: distinct(list(_found(kind, document.text, *call.span())))
        for kind in ("stride", "padding", "dilation")
    }
    pooling = "pool" in call.group("name").lower()
    if known["padding"] is None:  # the call's default: no padding
        known["padding"] = Quantity("padding", kernel.start, kernel.end, (0,), "valid")
    if known["stride"] is None:  # the call's default: 1, or the window for pooling
        stride = kernel.values if pooling else (1,)
        known["stride"] = Quantity("stride", kernel.start, kernel.end, stride, "", "default")
    yield LayerStatement(output, size, kernel, known, None, pooling)


def _prose_or_inline(
    document: LintDocument, prose: str, pattern: re.Pattern[str], body: tuple[int, int]
) -> list[re.Match[str]]:
    """Matches in the prose or alone in inline code (`` `(1, 8, 14, 14)` ``), not in blocks."""
    found = []
    for match in pattern.finditer(document.text, *body):
        start, end = match.span()
        in_prose = prose[start:end] == match.group(0)
        in_code = document.text[start - 1 : start] == "`" and document.text[end : end + 1] == "`"
        if in_prose or in_code:
            found.append(match)
    return found


def _tuple_quantity(match: re.Match[str] | None) -> Quantity:
    assert match is not None
    values = tuple(
        0 if part.strip() == "None" else int(part) for part in match.group(0)[1:-1].split(",")
    )
    return Quantity("shape", *match.span(), values, text=match.group(0))


def _spatial(shape: Quantity, channels_last: bool) -> Quantity | None:
    """The spatial sizes of a batch shape: drop the batch and the channels."""
    values = shape.values[1:-1] if channels_last else shape.values[2:]
    if not values or 0 in values:
        return None
    return Quantity(shape.kind, shape.start, shape.end, values, text=shape.text)
