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
from ankigen.lint.document import LintDocument
from ankigen.lint.rules.layers.counts import LIST_ITEM
from ankigen.lint.rules.layers.scope import POOL, disjoint, layer_blocks, outside_of

# The open layer call a kernel size is an argument of: ``Conv2D(32, 3``, ``nn.MaxPool2d(2``.
OPEN_CALL = re.compile(
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
_INPUTS = re.compile(
    # "a sentence of 40 tokens", "a review of 200 words", "a clip of 16,000 samples"
    rf"\b(?:sentences?|texts?|documents?|reviews?|sequences?|signals?|series|recordings?|"
    rf"clips?|waveforms?|inputs?)\s+of\s+(?P<v1>{_N})\s+(?:[\w-]+\s+)?{_STEP_NOUNS}\b"
    # "a 64-pixel square image", "a 100-sample signal"
    rf"|(?P<v2>{_N})[- ](?:pixels?|px|samples?|steps?|tokens?)(?:[- ](?:wide|long|square))?\s+"
    r"(?:square\s+)?(?:[\w-]+\s+)?(?:images?|inputs?|pictures?|photos?|maps?|signals?|"
    r"sequences?|sentences?|series|recordings?|grids?)\b"
    # "turns 16,000 samples into 99 frames", "on 1,000 samples"
    rf"|\b(?:turns?|turning|maps?|mapping|takes?|taking|converts?|converting|over|on|across)\s+"
    rf"(?:an?\s+|the\s+)?(?P<v4>{_N})\s+{_STEP_NOUNS}\b(?=\s*(?:into|to|\?|[.,;:)]|$))"
    # "a length of 63 becomes 62": a length that something happens to
    rf"|\b(?:an?|the|input)\s+length\s+of\s+(?P<v3>{_N})(?=\s+(?:becomes|turns|shrinks|is|gives|"
    r"yields|goes|drops|comes))",
    re.IGNORECASE,
)
# Results in words the phrase patterns do not know.
_OUTPUTS = re.compile(
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
    # "out = 27", "W_out = 27": the result of a formula's symbols ("n = 32, k = 5")
    rf"|\b(?-i:out|W_?out|H_?out|n_?out|L_?out|O)\s*=\s*(?P<v6>{_N})(?!\s*[-+*/(])"
    # "halves a 31-step sequence to 16 steps": a count of steps after a verb of change
    rf"|\b(?:halves|halving|reduces?|reducing|shrinks?|shrinking|cuts?|cutting|downsamples?|"
    rf"downsampling|compress(?:es)?|compressing|shortens?|shortening)\b[^.;\n]{{0,60}}?\s"
    rf"(?:down\s+)?(?:in)?to\s+(?:an?\s+|just\s+|only\s+)?(?P<v3>{_N})\s+{_STEP_NOUNS}\b",
    re.IGNORECASE,
)
# "65x65 -> 33x33", "length 7 → 4": an input and its output joined by an arrow, sizes of as many
# axes on both sides.
_ARROW_PAIR = re.compile(
    rf"(?P<n>{SHAPE})\s*(?:->|=>|\N{{RIGHTWARDS ARROW}}|\N{{LONG RIGHTWARDS ARROW}}"
    # "the 16 by 16 map measures 15 by 15": a map named by its size, and what it measures now
    r"|(?:\s+[\w-]+){0,2}?\s+(?:maps?|images?|inputs?|grids?|volumes?|tensors?)\s+"
    r"(?:now\s+)?measures)\s*"
    rf"(?P<out>{SHAPE})(?!\s*(?:[-+/\N{{MINUS SIGN}}]\s*\d|{_KERNEL_WORDS}))",
    re.IGNORECASE,
)


def arrow_pairs(prose: str, start: int, end: int) -> list[tuple[Quantity, Quantity]]:
    """Sizes joined by an arrow, as an input and its output: "65x65 -> 33x33"."""
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
    return pairs


# Kernels in words the phrase patterns do not know: "a width-3 convolution", "a 5-tap filter".
_KERNELS = re.compile(
    rf"\b(?:width|size|kernel)-(?P<v1>{_N})\s+(?:[\w-]+\s+)?(?:conv\w*|kernels?|filters?|windows?)\b"
    rf"|(?P<v2>{_N})-(?:tap|wide|point)\s+(?:[\w-]+\s+)?(?:conv\w*|kernels?|filters?|windows?)\b",
    re.IGNORECASE,
)
# Several layers named together: "two 3x3 convolutions", "the conv layers".
_PLURAL_LAYERS = re.compile(
    r"\b(?:convolutions|convs|(?:conv\w*|pooling)\s+layers|poolings|pooling\s+steps)\b", re.I
)
# A size named by nothing but its place: "take a 28 x 28 grayscale digit". Read as the input
# only when the scope names no input otherwise.
_BARE_SIZE = re.compile(rf"(?P<v>{_SQUARE})")
# Words that make a stated result approximate or say it was rounded on purpose.
_HEDGE = re.compile(
    r"\b(?:about|approx\w*|roughly|around|nearly|almost|close\s+to|some|circa)\b|[~≈]"
    # "rounded to 30": a number made round on purpose; "rounds down" names the floor instead
    r"|\bround(?:s|ed|ing)?\b(?!\s+down)",
    re.IGNORECASE,
)
_LAYER_NAME = re.compile(
    r"\b(?:conv\w*|\w*pool\w*|dense|linear|flatten|(?:sub|down)-?sampl\w*)\b", re.I
)
# A statement needs a kernel, named by one of these words (or a layer call): a cheap first test.
_KERNEL_NAMED = re.compile(r"kernel|filter|window|pool|conv|tap\b|width-\d", re.IGNORECASE)
_TRANSPOSED = re.compile(rf"{UPSAMPLING.pattern}|ConvTranspose|Conv[123]?D?Transpose", re.I)
_EXTRA_RULE = re.compile(r"^[ \t]*(?:\*\s*\*\s*\*|-\s*-\s*-|_\s*_\s*_)[ \t*_-]*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")


# A table's columns by their headers: "| Kernel | Stride | Padding | Output |".
_HEADER_KINDS = (
    ("output", re.compile(r"\b(?:output|result)")),
    ("input", re.compile(r"\binput")),
    ("kernel", re.compile(r"\b(?:kernel|filter\s+size|window|pool)")),
    ("stride", re.compile(r"\bstride")),
    ("padding", re.compile(r"\bpad")),
    ("dilation", re.compile(r"\bdilation")),
)
_CELL_SHAPE = re.compile(rf"[*_(\s]*(?P<v>{SHAPE})[*_)\s]*")
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


def _of_groups(
    pattern: re.Pattern[str], kind: str, text: str, start: int, end: int
) -> list[Quantity]:
    found = []
    for match in pattern.finditer(text, start, end):
        for name, value in match.groupdict().items():
            if value is not None:
                found.append(Quantity(kind, *match.span(name), parse_values(value), text=value))
    return found


def claimed_outputs(prose: str, start: int, end: int) -> list[Quantity]:
    """Every output a stretch of the note claims: the phrase finders' and the results in words
    they do not know; one per span."""
    found = [pair[1] for pair in [*find_pairs(prose, start, end), *arrow_pairs(prose, start, end)]]
    found += list(find("output", prose, start, end)) + _of_groups(
        _OUTPUTS, "output", prose, start, end
    )
    return [claim for claim in disjoint(found) if not _CALCULATION.match(prose, claim.end)]


# A number that starts a calculation ("32 - 5 + 1 = 28") is a term, not the claimed result.
_CALCULATION = re.compile(
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
    named = list(find("input", prose, *scope)) + _of_groups(_INPUTS, "input", prose, *scope)
    named = outside_of(disjoint(named), outputs)
    if named:
        return named
    taken = [*outputs, *find("kernel", prose, *scope), *find("stride", prose, *scope)]
    taken += list(find("padding", prose, *scope)) + _of_groups(_KERNELS, "kernel", prose, *scope)
    bare = _of_groups(_BARE_SIZE, "input", prose, *scope)
    return [
        size
        for size in outside_of(bare, taken)
        if not _inside_call(prose, size) and any(a <= size.start < b for a, b in near)
    ]


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
            named = list(find(kind, prose, *scope)) + _of_groups(_KERNELS, kind, prose, *scope)
            found = outside_of(disjoint(named), outputs)
        else:
            found = outside_of(list(find(kind, prose, *scope)), outputs)
        if found:
            unique = distinct(found)
            return unique, depth, unique is None
    return None, -1, False


def _one_layer(
    prose: str, scope: tuple[int, int], claim: Quantity, outputs: Sequence[Quantity]
) -> bool:
    """Whether the scope describes one layer with one result: no second layer name, no words of
    a network or a stack, no other result with another value."""
    if SEVERAL_LAYERS.search(prose, *scope) or _TRANSPOSED.search(prose, *scope):
        return False
    if _PLURAL_LAYERS.search(prose, *scope):
        return False
    names = {name.lower() for name in _LAYER_NAME.findall(prose, *scope)}
    kinds = {"pool" if POOL.search(name) else "conv" for name in names}
    if len(kinds) > 1:
        return False
    others = [q for q in outputs if scope[0] <= q.start < scope[1] and q.values != claim.values]
    return not others


def _hedged(prose: str, claim: Quantity, sentence: tuple[int, int]) -> bool:
    return _HEDGE.search(prose, max(sentence[0], claim.start - 30), sentence[1]) is not None


_CONV_NAME = re.compile(r"\bconv\w*", re.IGNORECASE)


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
        scopes = replace(scopes, near=(sentence, _sentence_at(document, prose, kernel.start)))
    pairs = [
        pair
        for pair in [*find_pairs(prose, *sentence), *arrow_pairs(prose, *sentence)]
        if pair[1].start == claim.start
    ]
    found: dict[str, Quantity | None] = {}
    for kind in ("input", "stride", "padding", "dilation", "filters"):
        if kind == "input" and pairs:
            found[kind] = pairs[0][0]
            continue
        quantity, depth, ambiguous = _nearest(kind, prose, scopes, [claim, *others])
        if ambiguous:
            return None
        found[kind] = quantity
        widest = max(widest, depth)
    size = found.pop("input")
    if size is None or size.start == claim.start:
        return None
    if not _one_layer(prose, scopes.chain[widest], claim, outputs):
        return None
    filters = found.pop("filters")
    pooling = _pooling(prose, [*scopes.near[::-1], *scopes.chain])
    if pooling is None or not _padding_known(prose, kernel, found["padding"], pooling):
        return None
    return LayerStatement(claim, size, kernel, found, filters, pooling)


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
