"""A layer's bias dropped from one count of a derivation that keeps it elsewhere (AG104).

Two ways authors show that they count biases, and then forget one:

- A unit's count with its bias. The note works out one unit's (kernel's, filter's, neuron's)
  weights w and then w + 1 with its bias ("$150 + 1 = 151$", "576 weights, + 1 bias => 577"),
  but the layer's total multiplies the bias-free w ("Total for C3: $16 \\cdot 150 = 2400$
  parameters"): the total is n·(w + 1). A step labelled as the weights alone ("weights:
  16 · 150 = 2,400") is a step, not the slip.
- Sibling rows. A table, a list or a run of code comments counts its layers as
  "n x (… + 1)" (or "(… + 1) x n"), or as "inputs x n + n" (or "n x inputs + n"), at least
  twice, and one row of the same block writes the product with no bias term and claims it
  ("| C5 | 120 x 5·5·16 | 48,000 |", "dense_1  16 * 8 = 128"): the row is n·(… + 1). A row
  of one factor after n is a pooling map's coefficients (or an embedding's table) unless it
  names a dense layer.

A third slip gives the layer one bias per INPUT instead of one per output: "params = 1024 ·
255 + 1024" for a 1x1 conv to 255 channels, or "weights = 512 x 1,251 = 640,512; biases: one
per input => 512; total = 641,024" for ``nn.Linear(512, 1251)``. The note states the layer's
inputs and outputs together (a PyTorch ``Linear``/``Conv`` call, "a → b", ``in_features=…,
out_features=…``), or, for a note of one layer, one input width and one output width apart
("on the 1024-channel map", "a 64-d input"; "out channels = 255", "1,000 output classes",
``Dense(10)``); a product of weights with both among its factors; and a count that adds the
inputs' width (no output of the note) to it, written after the product ("… + 1024 =
262,144") or as a total of the weights' result and that width. A depthwise part ("k·k·C +
C") has no output factor; a layer whose inputs equal its outputs is never reported. This
slip needs no mention of biases.

The first two need the note to name biases and never to drop one (``bias=False``, "no bias",
"biases left out", a batch normalisation that replaces them): a count without biases is then
a convention, not a slip.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import NoteLine, claims, note_lines, raw_body

_BIAS = lazy_regex(r"\bbias", re.IGNORECASE)
_NO_BIAS = lazy_regex(
    r"\bno\s+bias|\bwithout\s+(?:a\s+|any\s+|the\s+)?bias|\bbias\s*=\s*False|"
    r"\buse_bias\s*=\s*False|\bbias-?free|\bbias(?:es)?\s+(?:are\s+|is\s+)?(?:left\s+out|"
    r"dropped|omitted|ignored|excluded|not\s+counted)|\b(?:drop|omit|ignor|exclud)\w*\s+"
    r"(?:the\s+)?bias|\bBatchNorm|\bBN\b|\bbatch[- ]norm",
    re.IGNORECASE,
)
_NUMBER_GROUPS = lazy_regex(r"(?<=\d)(?:,|\{,\}|\\,)(?=\d{3}(?!\d))")
_TIMES = lazy_regex(
    r"\\cdot|\\times|\N{MIDDLE DOT}|\N{DOT OPERATOR}|\N{MULTIPLICATION SIGN}|\*|"
    r"(?<=\d)\s*x\s*(?=\d)"
)
_ARROW = lazy_regex(r"=>|\N{RIGHTWARDS ARROW}|->|\\Rightarrow|\\to\b")
# "(… + 1) x n" or "n x (… + 1)": a layer counted with one bias per unit
_FACTORS = r"\d+(?:\s*\*\s*\d+)*"
_WITH_FIRST = lazy_regex(rf"(?<![\d*])\s*(\d+)\s*\*\s*\(\s*{_FACTORS}\s*\+\s*1\s*\)")
_WITH_LAST = lazy_regex(rf"\(\s*{_FACTORS}\s*\+\s*1\s*\)\s*\*\s*(\d+)(?![\d*])")
# "8 * 16 + 16" or "16 * 8 + 16": inputs times units plus one bias per unit, the added term
# one of the product's end factors
_PLUS_UNITS = lazy_regex(
    r"(?<![\w*.+(])(?P<product>\d+(?:\s*\*\s*\d+)+)\s*\+\s*(?P<c>\d+)(?![\w*^.(])"
)
_BARE = lazy_regex(r"(?<![\w*.+])\d+(?:\s*\*\s*\d+)+(?![\w.]|\s*[*+)]|\s*\()")
_DENSE = lazy_regex(
    r"\b(?:dense(?:_\d+)?|linear|fc\d*|fully[- ]connected|output|F\d+)\b", re.IGNORECASE
)
# "150 + 1 = 151", "+ 1 bias => 577": a unit's count with its bias
_UNIT_WITH_BIAS = lazy_regex(
    r"(?:(?<![\w*.])(?P<w>\d+)\s*)?\+\s*1\b[^=\d\n]{0,15}(?:=>?|\N{RIGHTWARDS ARROW})\s*(?P<w1>\d+)"
)
_TWO_FACTORS = lazy_regex(r"(?<![\w*.+(])(\d+)\s*\*\s*(\d+)\s*=\s*(\d+)(?![\d*])")
_SEGMENT_END = lazy_regex(r"[;:]|\.\s|,\s+(?:so|hence|thus)\b")
_WEIGHTS_ONLY = lazy_regex(r"\bweights?\b(?!\s+and\s+bias)", re.IGNORECASE)
# "4·64 = 256 more": a difference between two counts, no total
_DIFFERENCE = lazy_regex(r"\b(?:more|fewer|less|extra|saved|difference)\b", re.IGNORECASE)
_LAYER_COUNT = lazy_regex(
    r"\b(?:total|param\w*|layer|all|whole|altogether|holds?|has)\b", re.IGNORECASE
)


def _normalised(text: str) -> str:
    """The line with one spelling of numbers and products: "5 \\cdot 5" -> "5 * 5",
    "2{,}400" -> "2400"."""
    text = _NUMBER_GROUPS.sub("", text.replace("$", "").replace("**", ""))
    text = _TIMES.sub(" * ", text)
    text = _ARROW.sub("=>", text)
    return re.sub(r"\\left|\\right|[{}]", " ", text)


def normalised_text(text: str) -> str:
    """``_normalised`` for the other bias readers (``stray_biases``)."""
    return _normalised(text)


def _kind(line: NoteLine) -> str:
    text = line.text.lstrip()
    if line.code:
        return "code"
    if text.startswith("|"):
        return "table"
    if re.match(r"(?:[-*+]|\d+[.)]|\(\w\))\s", text):
        return "list"
    return "prose"


def _blocks(lines: list[NoteLine]) -> list[list[NoteLine]]:
    """Runs of consecutive lines of one kind (a table, a list, a code block, a paragraph)."""
    blocks: list[list[NoteLine]] = []
    for line in lines:
        if not line.text.strip():
            blocks.append([])
            continue
        if blocks and blocks[-1] and _kind(blocks[-1][-1]) == _kind(line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return [block for block in blocks if block]


def _finding(claim_start: int, claim_end: int, n: int, rest: int, shown: int) -> Finding:
    right = n * (rest + 1)
    return Finding(
        claim_start,
        claim_end,
        f"this count leaves out the bias the note gives every unit: {n:,}·{rest + 1:,} = "
        f"{right:,} ({n:,} units of {rest:,} weights and one bias each), not {shown:,}: "
        "correct the count",
    )


def _plus_units(text: str) -> tuple[bool, bool]:
    """Whether the text counts a layer as "n x … + n" (units first) or "… x n + n" (last)."""
    first = last = False
    for match in _PLUS_UNITS.finditer(text):
        factors = re.findall(r"\d+", match["product"])
        last = last or match["c"] == factors[-1]
        first = first or (match["c"] == factors[0] and match["c"] != factors[-1])
    return first, last


def _maps_widths(text: str, first: int, last: int) -> bool:
    """Whether the row names its layer by the widths it maps, "512 → 256", and the product
    multiplies those two: a dense layer's weights, whatever its name."""
    return re.search(rf"(?<![\d*]){first}\s*=>\s*{last}(?![\d*])", text) is not None


def _sibling_findings(block: list[NoteLine]) -> Iterator[Finding]:
    """One row of a block whose other rows count "n x (… + 1)" or "… x n + n" written without
    its bias term."""
    texts = [_normalised(line.text) for line in block]
    first = sum(bool(_WITH_FIRST.search(t)) for t in texts)
    last = sum(bool(_WITH_LAST.search(t)) for t in texts)
    plus = False
    if max(first, last) < 2 or (first and last):
        # no "n x (… + 1)" rows: "… x n + n" ones, read the same way
        modes = [_plus_units(t) for t in texts]
        first, last = sum(m[0] for m in modes), sum(m[1] for m in modes)
        plus = True
    if max(first, last) < 2 or (first and last):
        return
    for line, text in zip(block, texts, strict=True):
        if _WITH_FIRST.search(text) or _WITH_LAST.search(text) or _NO_BIAS.search(line.text):
            continue
        if plus and _PLUS_UNITS.search(text):
            continue
        for product in _BARE.finditer(text):
            if text[: product.start()].count("(") > text[: product.start()].count(")"):
                continue
            factors = [int(f) for f in re.findall(r"\d+", product.group())]
            n = factors[0] if first else factors[-1]
            rest = math.prod(factors[1:] if first else factors[:-1])
            if len(factors) < 3 and not (
                _DENSE.search(line.text) or _maps_widths(text, factors[0], factors[-1])
            ):
                continue  # "6 x 2": a pooling map's coefficient and bias
            value = n * rest
            for claim in claims(line, minimum=2):
                if claim.value == value:
                    yield _finding(claim.start, claim.end, n, rest, value)
                    break
            break


def _units_with_bias(text: str) -> set[int]:
    """The bias-free counts w of the units the text gives a bias: "150 + 1 = 151" -> 150."""
    units = {
        int(m["w1"]) - 1
        for m in _UNIT_WITH_BIAS.finditer(text)
        if m["w"] is None or int(m["w"]) + 1 == int(m["w1"])
    }
    return {w for w in units if w > 1 and re.search(rf"(?<![\d.]){w}(?![\d.])", text)}


def _unit_findings(lines: list[NoteLine]) -> Iterator[Finding]:
    """A total that multiplies the bias-free count of a unit the note gave its bias just
    before (on the line, or on one of the three lines before it)."""
    for index, line in enumerate(lines):
        if _NO_BIAS.search(line.text):
            continue
        normal = _normalised(line.text)
        for match in _TWO_FACTORS.finditer(normal):
            a, b, result = (int(g) for g in match.groups())
            before = [_normalised(other.text) for other in lines[max(0, index - 3) : index]]
            units = _units_with_bias("\n".join([*before, normal[: match.start()]]))
            if a * b != result or not ({a, b} & units):
                continue
            w = b if b in units else a
            n = a if w == b else b
            segment = _SEGMENT_END.split(normal[: match.start()])[-1]
            after = normal[match.end() : match.end() + 30].split(";")[0]
            if n < 2 or _WEIGHTS_ONLY.search(segment + " " + after) or _DIFFERENCE.search(after):
                continue
            if not _LAYER_COUNT.search(segment + " " + after):
                continue
            for claim in claims(line, minimum=2):
                if claim.value == result and claim.after_equals:
                    yield _finding(claim.start, claim.end, n, w, result)
                    break


# one layer's inputs and outputs together: a PyTorch call, "a => b"
_PAIRS = (
    lazy_regex(
        r"\b(?:Linear|Conv(?:Transpose)?[123]d)\(\s*(?:in_\w+\s*=\s*)?(\d+)\s*,\s*"
        r"(?:out_\w+\s*=\s*)?(\d+)"
    ),
    lazy_regex(r"(?<![\w.*+=])(\d+)\s*=>\s*(\d+)(?![\d*.])"),
    lazy_regex(r"\bin_features\s*=\s*(\d+)\s*,\s*out_features\s*=\s*(\d+)"),
)
# a single layer's inputs and outputs stated apart: "on the 1024-channel map", "64-d input",
# "out channels = 3 * (5 + 80) = 255", "1,000 output classes", ``Dense(10)``
_INPUTS = (
    lazy_regex(
        r"(?<![\w.*])(\d+)(?:-channel|-d|-dim\w*)\s+(?:\w+\s+)?(?:map|input|feature|"
        r"embedding|vector)s?\b",
        re.IGNORECASE,
    ),
    lazy_regex(r"(?<![\w.*])(\d+)\s+input\s+(?:channels|features|units)\b", re.IGNORECASE),
    lazy_regex(r"\b(?:in_channels|in_features|input_dim)\s*=\s*(\d+)"),
)
_OUTPUTS = (
    lazy_regex(
        r"\bout(?:put)?[\s_-]*(?:channels|units|features|filters|classes)\b"
        r"\s*(?:=[^=\n;]*)*=\s*(\d+)(?![\d*(])",
        re.IGNORECASE,
    ),
    lazy_regex(
        r"(?<![\w.*])(\d+)\s+output\s+(?:channels|units|neurons|classes|features)\b",
        re.IGNORECASE,
    ),
    lazy_regex(r"\b(?:out_features|out_channels)\s*=\s*(\d+)"),
    lazy_regex(r"\bDense\(\s*(\d+)"),
)
# "a * b [* k …] + c = T": a product of weights and one added term
_PLUS_TERM = lazy_regex(
    r"(?<![\w*.+(])(?P<product>\d+(?:\s*\*\s*\d+)+)\s*\+\s*(?P<c>\d+)(?![\w*^.(])"
    r"\s*=\s*(?P<total>\d+)(?![\d*])"
)
_PRODUCT_RESULT = lazy_regex(
    r"(?<![\w*.+(])(?P<product>\d+(?:\s*\*\s*\d+)+)\s*=\s*(?P<result>\d+)(?![\d*])"
)
_TOTAL_LABEL = lazy_regex(r"\b(?:total|params|parameters|altogether|in\s+all)\b", re.I)


def _layer_pairs(text: str) -> set[tuple[int, int]]:
    """The (inputs, outputs) of the note's layers: each call or arrow, and the one layer of a
    note that states one input width and one output width apart."""
    pairs = {(int(m.group(1)), int(m.group(2))) for p in _PAIRS for m in p.finditer(text)}
    inputs = {int(m.group(1)) for p in _INPUTS for m in p.finditer(text)}
    outputs = {int(m.group(1)) for p in _OUTPUTS for m in p.finditer(text)}
    if len(inputs) == 1 and len(outputs) == 1:
        pairs.add((inputs.pop(), outputs.pop()))
    return {(i, o) for i, o in pairs if i != o}


def _input_bias(factors: list[int], added: int, pairs: set[tuple[int, int]]) -> int | None:
    """The outputs of the layer whose weights are the product when ``added`` is its inputs'
    width (one bias per input), else None."""
    outputs = {o for _, o in pairs}
    found = {o for i, o in pairs if i == added and o in factors and added in factors}
    if len(found) != 1 or added in outputs:
        return None
    return found.pop()


def _input_bias_finding(start: int, end: int, weights: int, out: int, inputs: int) -> Finding:
    return Finding(
        start,
        end,
        f"this count gives the layer one bias per input ({inputs:,}), but a layer has one "
        f"bias per output: {weights:,} + {out:,} = {weights + out:,}, not "
        f"{weights + inputs:,}: correct the count",
    )


def _input_bias_findings(lines: list[NoteLine], pairs: set[tuple[int, int]]) -> Iterator[Finding]:
    """A count that adds the inputs' width to the weights instead of the outputs'."""
    products: list[tuple[int, list[int]]] = []  # (line index, factors) of "a * b = W"
    for index, line in enumerate(lines):
        if _NO_BIAS.search(line.text):
            continue
        normal = _normalised(line.text)
        reported = False
        for match in _PLUS_TERM.finditer(normal):
            factors = [int(f) for f in re.findall(r"\d+", match["product"])]
            added, total = int(match["c"]), int(match["total"])
            out = _input_bias(factors, added, pairs)
            if out is None or math.prod(factors) + added != total:
                continue
            for claim in claims(line, minimum=2):
                if claim.value == total:
                    yield _input_bias_finding(
                        claim.start, claim.end, math.prod(factors), out, added
                    )
                    reported = True
                    break
        for match in _PRODUCT_RESULT.finditer(normal):
            factors = [int(f) for f in re.findall(r"\d+", match["product"])]
            if math.prod(factors) == int(match["result"]):
                products.append((index, factors))
        if reported or not _TOTAL_LABEL.search(line.text):
            continue
        for claim in claims(line, minimum=2):
            for at, factors in products:
                weights = math.prod(factors)
                added = claim.value - weights
                out = _input_bias(factors, added, pairs)
                if at < index - 3 or out is None or claim.value == weights + out:
                    continue
                stated = "\n".join(_normalised(other.text) for other in lines[at : index + 1])
                if not re.search(rf"(?<![\d*]){added}(?![\d*])", stated):
                    continue
                yield _input_bias_finding(claim.start, claim.end, weights, out, added)
                break


# "(768 → 768, with bias)", "Linear(512, 512) with its bias", "bias=True": the line says its
# layer keeps a bias
_SAID_WITH_BIAS = lazy_regex(
    r"\b(?:with|incl(?:uding|\.)?|plus)\s+(?:a\s+|its\s+|the\s+|one\s+)?bias(?:es)?\b"
    r"|\bbias\s*=\s*True\b|\buse_bias\s*=\s*True\b",
    re.IGNORECASE,
)
_LINE_PAIRS = (
    lazy_regex(
        r"\b(?:Linear|Dense|Conv1d)\(\s*(?:in_\w+\s*=\s*)?(\d+)\s*,\s*(?:out_\w+\s*=\s*)?(\d+)"
    ),
    lazy_regex(r"(?<![\w.*+=])(\d+)\s*=>\s*(\d+)(?![\d*.])"),
)
_PART_WORDS = lazy_regex(r"\bweights?\b|\bkernel\b|\bmatri(?:x|ces)\b|\bW\b", re.IGNORECASE)


def _own_cell(before: str) -> bool:
    """Whether a claim opens a table cell of its own ("| 120 → 84, with bias | 10,080 |"):
    the count column of the row that states the layer."""
    return re.search(r"\|[ \t*]*$", before) is not None


def _said_with_bias_findings(lines: list[NoteLine]) -> Iterator[Finding]:
    """A line that says its layer (a → b, ``Linear(a, b)``) has a bias and claims a·b, the
    weights alone: the layer's count is a·b + b."""
    for line in lines:
        said = _SAID_WITH_BIAS.search(line.text)
        if said is None or _NO_BIAS.search(line.text):
            continue
        normal = _normalised(line.text)
        pairs = {(int(m[1]), int(m[2])) for p in _LINE_PAIRS for m in p.finditer(normal)}
        if len(pairs) != 1:
            continue
        inputs, outputs = pairs.pop()
        weights, right = inputs * outputs, inputs * outputs + outputs
        if re.search(rf"(?<![\d*]){right}(?![\d*])", normal):
            continue  # the line gives the count with the bias too
        for claim in claims(line, minimum=2):
            before = line.text[: claim.start - line.start]
            if (
                claim.value != weights
                or not (claim.after_equals or _own_cell(before))
                or claim.start < line.start + said.end()
            ):
                continue
            if _PART_WORDS.search(before[said.end() :]):
                continue  # "with bias; weights: 768 x 768 = 589,824" counts one tensor
            yield Finding(
                claim.start,
                claim.end,
                f"this line gives the layer its bias, but counts its {inputs:,} {TIMES} "
                f"{outputs:,} "
                f"weights alone: with the bias it has {weights:,} + {outputs:,} = {right:,} "
                f"parameters, not {weights:,}: correct the count",
            )
            break


def dropped_bias_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    if _NO_BIAS.search(body):
        return
    lines = note_lines(document)
    pairs = _layer_pairs(_normalised(body))
    if pairs:
        yield from _input_bias_findings(lines, pairs)
    if not _BIAS.search(body):
        return
    yield from _said_with_bias_findings(lines)
    for block in _blocks(lines):
        yield from _sibling_findings(block)
    yield from _unit_findings(lines)
