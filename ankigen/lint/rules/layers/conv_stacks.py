"""Stacked convolutions counted with the wrong input channels (AG104).

A note that lists convolutions one per line, in the order they are stacked (table rows,
list items, numbered steps, the lines of a ``keras.Sequential`` with their comments), gives
each conv the filters of the conv before it as its input channels, and the first one the
input's channels when the note states them once ("a 64x64x3 input", ``keras.Input((32, 32,
3))``, "RGB", "28x28x1 digits"). A conv is read from its Keras call (``Conv2D(64, 3)``,
``Conv2D(16, (5, 5), use_bias=False)``) or its words ("Conv 3x3 with 128 filters"). A
pooling, normalisation, activation or dropout line keeps the channels; any other layer (a
concatenation, an addition, a dense, depthwise, separable or transposed layer, a flatten)
ends what can be known. The count a conv's line claims (after "=", in a table's last cell,
at the end of a list item or comment) must be k·k·C_in·F + F, or k·k·C_in·F when the note may
drop the biases (``use_bias=False``, "no bias", a batch normalisation, a weights count),
or a value on its way (k·k·C_in, one filter with its bias, C_in·F). The usual slip, by
authors in every form: the conv counted on its own filters (3·3·128·128 for a conv after a
64-filter one) or on the image's 3 channels again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import NoteLine, claims, note_lines, raw_body

_KERAS_CONV = lazy_regex(
    r"\bConv(?P<dims>[12])D\(\s*(?:filters\s*=\s*)?(?P<f>\d+)\s*,\s*(?:kernel_size\s*=\s*)?"
    r"(?:\(\s*(?P<k1>\d+)\s*,\s*(?P<k2>\d+)\s*\)|(?P<k>\d+))(?P<rest>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
_WORDED_CONV = lazy_regex(
    r"\bconv\w*\s+(?P<a>\d+)\s*[x\N{MULTIPLICATION SIGN}]\s*(?P<b>\d+)\b[^:|=\n]{0,25}?"
    r"\b(?P<f>\d+)\s+filters\b",
    re.IGNORECASE,
)
_KEEPS = lazy_regex(
    r"\b\w*Pool\w*|\bpool\w*|\bBatchNorm\w*|\bbatch[- ]norm\w*|\bActivation\(|\bReLU\b|"
    r"\bDropout\b",
    re.IGNORECASE,
)
_ENDS = lazy_regex(
    r"\bconcat\w*|\bAdd\(|\badd\b|\bskip\b|\bresidual\b|\bDense\b|\bLinear\b|\bFlatten\b|"
    r"\bDepthwise\w*|\bdepthwise\b|\bSeparable\w*|\bTranspose\w*|\bUpSampling\w*|\bReshape\b|"
    r"\bGlobal\w*|\bConv3D\b|\bdilat\w*|\bgroups\b",
    re.IGNORECASE,
)
_INPUT_CHANNELS = (
    lazy_regex(r"\bInput\(\s*(?:shape\s*=\s*)?\(\s*\d+\s*,\s*\d+\s*,\s*(\d+)\s*\)"),
    lazy_regex(
        r"(?<![\w.,])\d+\s*[x\N{MULTIPLICATION SIGN}]\s*\d+\s*[x\N{MULTIPLICATION SIGN}]\s*"
        r"(\d+)\s*(?:input|image|images|digits|RGB|photo)",
        re.IGNORECASE,
    ),
    lazy_regex(
        r"\binput\s*(?:of\s+|is\s+|:\s*|\(\s*)?\d+\s*[x\N{MULTIPLICATION SIGN}]\s*\d+\s*"
        r"[x\N{MULTIPLICATION SIGN}]\s*(\d+)\b",
        re.IGNORECASE,
    ),
)
_RGB = lazy_regex(r"\bRGB\b|\bcolou?r\s+images?\b", re.IGNORECASE)
_GRAY = lazy_regex(r"\bgr[ae]yscale\b|\bmonochrome\b", re.IGNORECASE)
_MAY_DROP_BIAS = lazy_regex(
    r"use_bias\s*=\s*False|bias\s*=\s*False|\bno\s+bias|\bwithout\s+(?:a\s+)?bias|"
    r"\bbias-?free|\bBatchNorm|\bbatch[- ]norm|\bBN\b|\bweights\b",
    re.IGNORECASE,
)
# a claim at the end of its item, cell or comment: "…: 320", "| 156 |", "# … = 448"
_AT_END = lazy_regex(
    r"^\s*(?:\*\*)?\s*(?:params|parameters|weights)?\s*[.,;]?\s*(?:\|\s*)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class _Conv:
    filters: int
    area: int  # the kernel's area (its length for a 1-D conv)
    bias: bool | None  # None: the call does not say


def _conv_of(text: str) -> _Conv | None:
    """The one conv a line states, if it states exactly one."""
    calls = list(_KERAS_CONV.finditer(text))
    if len(calls) == 1:
        call = calls[0]
        k1, k2 = call["k1"], call["k2"]
        square = int(call["k"] or 0) ** int(call["dims"])
        area = int(k1) * int(k2) if k1 is not None else square
        rest = call["rest"].replace(" ", "")
        bias = False if "use_bias=False" in rest else (True if "use_bias=True" in rest else None)
        return _Conv(int(call["f"]), area, bias)
    worded = list(_WORDED_CONV.finditer(text))
    if not calls and len(worded) == 1:
        match = worded[0]
        return _Conv(int(match["f"]), int(match["a"]) * int(match["b"]), None)
    return None


def _input_channels(body: str) -> int | None:
    found = {int(m.group(1)) for pattern in _INPUT_CHANNELS for m in pattern.finditer(body)}
    if _RGB.search(body):
        found.add(3)
    if _GRAY.search(body):
        found.add(1)
    return found.pop() if len(found) == 1 else None


def _stack(document: LintDocument) -> list[tuple[NoteLine, _Conv, int | None]]:
    """Each conv line of the note with its input channels (None where unknown)."""
    channels = _input_channels(raw_body(document))
    stack: list[tuple[NoteLine, _Conv, int | None]] = []
    for line in note_lines(document):
        if line.heading:
            continue
        written = document.text[line.start : line.start + len(line.text)]
        conv = _conv_of(written)
        if conv is None:
            if _ENDS.search(written):
                channels = None
            elif not _KEEPS.search(written) and _KERAS_CONV.search(written):
                channels = None  # several convs on one line: the order is unknown
            continue
        if _ENDS.search(written):
            channels = None
            continue
        stack.append((line, conv, channels))
        channels = conv.filters
    return stack


def conv_stack_findings(document: LintDocument) -> Iterator[Finding]:
    stack = _stack(document)
    if len(stack) < 2:
        return
    lenient = bool(_MAY_DROP_BIAS.search(raw_body(document)))
    for line, conv, c_in in stack:
        if c_in is None:
            continue
        f, area = conv.filters, conv.area
        weights = area * c_in * f
        right = {weights + f} if conv.bias is not False else {weights}
        if lenient and conv.bias is None:
            right.add(weights)
        steps = {area * c_in, area * c_in + 1, c_in * f, area, c_in, f}
        for claim in claims(line, minimum=f + 1):
            stated = claim.after_equals or _AT_END.match(claim.after)
            if not stated or claim.value in right | steps:
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"this conv takes the {c_in:,} channels of the layer before it: "
                f"{area:,}·{c_in:,}·{f:,}"
                + (f" + {f:,} = {weights + f:,}" if conv.bias is not False else f" = {weights:,}")
                + f" parameters, not {claim.value:,}: correct the count",
            )
