"""Counts of a grouped or a depthwise-separable convolution that no convention gives (AG104).

Grouped convolution. A note that states one grouped convolution (``nn.Conv2d(256, 256,
kernel_size=3, groups=32)``, or in words and symbols: "$C_{in} = 128$ to $C_{out} = 256$",
"$g = 4$", "3x3") has k·k·(C_in / g)·C_out weights, C_out more with biases. Every claimed count
of the note that names neither a depthwise nor a pointwise part must be one of these, or a
value a derivation states on its way (C_in / g, k·k·C_in / g, one filter with its bias); a
count said to be one group's ("per group", "each group") may be a g-th of it, and one on a
line that names the dense (``groups=1``, "standard", "plain") convolution may be
k·k·C_in·C_out. The usual slips: dividing C_out by g as well (one group's weights given as
the layer's), multiplying by g instead of dividing, or the dense count given for the grouped
layer.

Depthwise-separable convolution. A note that states one separable convolution
(``SeparableConv2D(64, 3)`` on "a 32-channel input", or "3x3", "32 → 64 channels" in a note
about depthwise-separable convolutions) and labels its parts ("- depthwise: …",
"| pointwise 1x1 | … |", "separable total") has each labelled count checked: the depthwise
part k·k·C·M weights (M the depth multiplier, 1 unless stated; C·M biases in PyTorch), the
pointwise part C·M·F (F biases), the total their sum with the biases on or off. The usual
slips: the depthwise part counted with F (one filter per output channel) or with the output
channels instead of the input ones, and a total that is not the sum of its parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import NoteLine, claims, note_lines, raw_body

_CONV_CALL = lazy_regex(r"\bConv[123]d\((?P<args>[^()]*)\)")
_SEPARABLE_CALL = lazy_regex(
    r"\bSeparableConv[12]D\(\s*(?:filters\s*=\s*)?(?P<f>\d+)\s*,\s*(?:kernel_size\s*=\s*)?"
    r"\(?(?P<k>\d+)"
)
_SEPARABLE_WORDS = lazy_regex(r"\bseparable\b|\bSeparableConv", re.IGNORECASE)
_DEPTH_MULTIPLIER = lazy_regex(r"depth_multiplier\s*=\s*(\d+)")
_GROUPS = (
    lazy_regex(r"\bgroups\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w\\])g\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w.,])(\d+)\s+groups\b"),
)
_IN_CHANNELS = (
    lazy_regex(r"C_\{?in\}?\s*=\s*(\d+)"),
    lazy_regex(r"\bin_channels\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w.,])(\d+)[- ]channel\s+input\b", re.IGNORECASE),
    lazy_regex(r"\bon\s+(?:an?\s+)?(\d+)[- ](?:input\s+)?channels?\b", re.IGNORECASE),
    lazy_regex(r"(?<![\w.,])(\d+)\s+input\s+channels\b", re.IGNORECASE),
    lazy_regex(r"(?<![\w.,])(\d+)\s*(?:→|->|to)\s*\d+\s+channels\b", re.IGNORECASE),
)
_OUT_CHANNELS = (
    lazy_regex(r"C_\{?out\}?\s*=\s*(\d+)"),
    lazy_regex(r"\bout_channels\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w.,])\d+\s*(?:→|->|to)\s*(\d+)\s+channels\b", re.IGNORECASE),
)
_X = "\N{MULTIPLICATION SIGN}"
_BY = r"(?:\N{MULTIPLICATION SIGN}|x|\\times)"
_KERNEL = lazy_regex(rf"(?<![\w.,])(\d+)\s*{_BY}\s*(\d+)(?![\w.,]|\s*{_BY})")
_NO_BIAS = lazy_regex(r"bias\s*=\s*False|use_bias\s*=\s*False|\bno bias\b|without bias", re.I)
_DENSE_WORDS = lazy_regex(
    r"\b(?:standard|dense|plain|normal|regular|ordinary|full|groups\s*=\s*1|ungrouped)\b", re.I
)
_STANDARD = lazy_regex(r"\b[Ss]tandard\b|\bConv[123]D\(")
_NAMES_GROUPS = lazy_regex(r"\bgroup|(?<![\w\\])g(?![\w(])")
_PER_GROUP = lazy_regex(r"\b(?:per|each|one|every|single)\s+group\b", re.IGNORECASE)
_PARTS = lazy_regex(r"\b(?:depthwise|pointwise|separable)\b", re.IGNORECASE)
_TABLE_CELL = lazy_regex(r"^\s*\|([^|]*)\|")
_ITEM_LABEL = lazy_regex(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\*\*)?([^:=\d|]{3,60}?)(?:\*\*)?\s*:")


@dataclass(frozen=True)
class _Sizes:
    inputs: int
    outputs: int
    kernel: int
    bias: bool


def _unique(patterns: tuple[object, ...], text: str) -> int | None:
    """The one value the first pattern that matches gives (the patterns go from the most
    explicit, a symbol or keyword, to words)."""
    for pattern in patterns:
        values = {int(m.group(1)) for m in pattern.finditer(text)}  # type: ignore[attr-defined]
        if values:
            return values.pop() if len(values) == 1 else None
    return None


def _kernel(text: str) -> int | None:
    kernels = {int(a) for a, b in _KERNEL.findall(text) if a == b and a != "1"}
    return kernels.pop() if len(kernels) == 1 else None


def _int_arg(args: list[str], keyword: str, position: int) -> int | None:
    for arg in args:
        name, sep, value = arg.partition("=")
        if sep and name.strip() == keyword:
            value = value.strip().strip("()").split(",")[0].strip()
            return int(value) if value.isdigit() else None
    positional = [a.strip() for a in args if "=" not in a]
    if position < len(positional) and positional[position].isdigit():
        return int(positional[position])
    return None


def _grouped(body: str) -> tuple[_Sizes, int] | None:
    """The one grouped convolution of the note and its groups."""
    calls = [m for m in _CONV_CALL.finditer(body) if "groups" in m["args"]]
    found: set[tuple[int, int, int, int, bool]] = set()
    for call in calls:
        args = [a for a in re.split(r",(?![^()]*\))", call["args"]) if a.strip()]
        sizes = (
            _int_arg(args, "in_channels", 0),
            _int_arg(args, "out_channels", 1),
            _int_arg(args, "kernel_size", 2),
            _int_arg(args, "groups", 9),
        )
        if any(s is None for s in sizes):
            return None
        c_in, c_out, k, g = (s or 0 for s in sizes)
        found.add((c_in, c_out, k, g, "bias=False" not in call["args"].replace(" ", "")))
    if not calls:
        if not re.search(r"\bgroup(?:ed|s)\b", body, re.IGNORECASE):
            return None
        stated = (
            _unique(_IN_CHANNELS, body),
            _unique(_OUT_CHANNELS, body),
            _kernel(body),
            _unique(_GROUPS, body),
        )
        if any(s is None for s in stated):
            return None
        c_in, c_out, k, g = (s or 0 for s in stated)
        found.add((c_in, c_out, k, g, not _NO_BIAS.search(body)))
    if len(found) != 1:
        return None
    c_in, c_out, k, g, bias = found.pop()
    if g < 2 or c_in % g or c_out % g:
        return None
    return _Sizes(c_in, c_out, k, bias), g


def _grouped_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    found = _grouped(body)
    if found is None:
        return
    sizes, g = found
    k2, c_in, c_out = sizes.kernel**2, sizes.inputs, sizes.outputs
    weights = k2 * (c_in // g) * c_out
    right = {weights, weights + c_out}
    parts = {k2, c_in // g, c_out // g, k2 * (c_in // g), k2 * (c_in // g) + 1, c_in, c_out, g}
    dense = {k2 * c_in * c_out, k2 * c_in * c_out + c_out, c_in * c_out}
    group = {weights // g, (weights + c_out) // g}
    # beside other variants (depthwise, standard, a Conv call without groups) only the lines
    # that name the grouping are the grouped layer's
    others = (
        _PARTS.search(body)
        or _STANDARD.search(body)
        or any("groups" not in m["args"] for m in _CONV_CALL.finditer(body))
    )
    for line in note_lines(document):
        if _PARTS.search(line.text) or (others and not _NAMES_GROUPS.search(line.text)):
            continue
        allowed = right | parts
        if _DENSE_WORDS.search(line.text):
            allowed |= dense
        if _PER_GROUP.search(line.text):
            allowed |= group
        for claim in claims(line, minimum=100):
            if claim.value in allowed:
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"a {sizes.kernel}{_X}{sizes.kernel} convolution from {c_in:,} to {c_out:,} "
                f"channels in {g} groups has {sizes.kernel}·{sizes.kernel}·({c_in:,}/{g})·"
                f"{c_out:,} = {weights:,} weights ({weights + c_out:,} with biases), not "
                f"{claim.value:,}: each filter sees C_in/g channels, and there are C_out "
                "filters: correct the count",
            )


def _separable(body: str) -> tuple[_Sizes, int] | None:
    """The one separable convolution of the note and its depth multiplier."""
    if not _SEPARABLE_WORDS.search(body):
        return None
    calls = {(int(m["f"]), int(m["k"])) for m in _SEPARABLE_CALL.finditer(body)}
    c_in = _unique(_IN_CHANNELS, body)
    if len(calls) > 1 or c_in is None:
        return None
    if calls:
        c_out, k = calls.pop()
    else:
        out, kernel = _unique(_OUT_CHANNELS, body), _kernel(body)
        if out is None or kernel is None:
            return None
        c_out, k = out, kernel
    multipliers = {int(m) for m in _DEPTH_MULTIPLIER.findall(body)}
    if len(multipliers) > 1:
        return None
    return _Sizes(
        c_in, c_out, k, not _NO_BIAS.search(body)
    ), multipliers.pop() if multipliers else 1


def _label(line: NoteLine) -> str | None:
    cell = _TABLE_CELL.match(line.text)
    if cell:
        return cell.group(1)
    item = _ITEM_LABEL.match(line.text)
    return item.group(1) if item else None


def _separable_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    found = _separable(body)
    if found is None:
        return
    sizes, m = found
    k2, c, f = sizes.kernel**2, sizes.inputs, sizes.outputs
    depthwise, pointwise = k2 * c * m, c * m * f
    by_part = {
        "depthwise": {depthwise, depthwise + c * m},
        "pointwise": {pointwise, pointwise + f},
        "total": {depthwise + pointwise + extra for extra in (0, f, c * m + f, c * m)},
    }
    explained = {k2, c, f, m, c * m} | ({k2 * c} if m == 1 else set())
    for line in note_lines(document):
        label = _label(line)
        if label is None:
            continue
        words = label.lower()
        if "bias" in words or _DENSE_WORDS.search(words):
            continue
        if (
            "total" in words
            or "separable" in words
            or ("depthwise" in words and "pointwise" in words)
        ):
            part = "total"
        elif "depthwise" in words:
            part = "depthwise"
        elif "pointwise" in words:
            part = "pointwise"
        else:
            continue
        for claim in claims(line, minimum=max(c, f) + 1):
            if claim.value in by_part[part] | explained:
                continue
            right = " or ".join(f"{v:,}" for v in sorted(by_part[part]))
            yield Finding(
                claim.start,
                claim.end,
                f"the {part} {'count' if part == 'total' else 'part'} of a {sizes.kernel}{_X}"
                f"{sizes.kernel} separable convolution from {c:,} to {f:,} channels is {right} "
                f"(depthwise k·k·C_in = {depthwise:,}, pointwise C_in·C_out = {pointwise:,}, "
                f"biases on or off), not {claim.value:,}: correct the count",
            )


def conv_slip_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    yield from _grouped_findings(document, body)
    yield from _separable_findings(document, body)
