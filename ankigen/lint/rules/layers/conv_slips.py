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
layer. The channels may be written as symbols in any LaTeX spelling (``C_\\text{in}``,
``C_{\\mathrm{out}}``), chained ("$C_\\text{in} = C_\\text{out} = 128$"), as "64 input and
64 output channels" or "256 → 256 channels"; "C_in/g = 4" is the group width, not the groups.

Depthwise-separable convolution. A note that states one separable convolution
(``SeparableConv2D(64, 3)`` on "a 32-channel input", or "3x3", "32 → 64 channels" in a note
about depthwise-separable convolutions) and labels its parts ("- depthwise: …",
"| pointwise 1x1 | … |", "separable total") has each labelled count checked: the depthwise
part k·k·C·M weights (M the depth multiplier, 1 unless stated; C·M biases in PyTorch), the
pointwise part C·M·F (F biases), the total their sum with the biases on or off. The usual
slips: the depthwise part counted with F (one filter per output channel) or with the output
channels instead of the input ones, and a total that is not the sum of its parts.

One PyTorch convolution. A note whose only layer is one ``nn.Conv1d``/``2d``/``3d`` call (or
``nn.ConvTranspose2d``, whose bias is also one per output channel) with its channels and
kernel has (K·C_in + 1)·C_out parameters, K the kernel's volume; a count on
a line about parameters or weights (not about the output, its size or the cost) must be that,
or a value on its way (one filter's K·C_in with or without its bias, the weights alone). The
usual slip: a filter counted over one input channel ("32 filters of 5 weights plus a bias": 192 for
``nn.Conv1d(12, 32, 5)``, which has 1,952), or a transposed conv given a bias per input
channel.

A table row of one plain convolution. A row under a parameter or weights column that names
one kernel and its channels ("| 3x3 | 64 → 64 | …") has k·k·C_in·C_out weights, C_out
more with biases; grouped, depthwise, transposed, dilated and 3-D rows are left alone.

A depthwise part counted alone. A line that counts the depthwise convolution by itself (it
names "depthwise", ``DepthwiseConv2D`` or ``dw``, or holds a ``nn.Conv2d(C, C·M, k,
groups=C)`` call, and names no pointwise part, total, standard convolution, comparison or
cost) has k·k·C·M weights, C·M more with biases, whatever else the note is about. The kernel
and the input channels are read from the line first ("3x3", "on 144 ch", "24 → 48 channels":
the input side), else the one value the note states ("K = 3", "C_in = 128", a Keras call's
kernel, "a 32-channel input"). The usual slip, by authors in every form (list step, table
row, code comment, cloze, LaTeX): the depthwise part counted as a full convolution,
k·k·C·C or k·k·C·F.

A chain of Keras convolutions. Code that stacks ``Conv2D`` layers on one ``keras.Input``
(nothing but convolutions, pooling, normalisation and activations in between) gives each
conv the previous one's filters as its input channels; a prose line labelled with a conv's
place ("Second conv: …", "conv 2: …") must count that conv with those channels (the usual
slip: the image's 3 channels reused for every layer).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.copies import copies_in_sentence
from ankigen.lint.rules.layers.slip_claims import NoteLine, claims, note_lines, raw_body

_CONV_CALL = lazy_regex(r"\bConv(?P<dims>[123])d\((?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)")
_SEPARABLE_CALL = lazy_regex(
    r"\bSeparableConv[12]D\(\s*(?:filters\s*=\s*)?(?P<f>\d+)\s*,\s*(?:kernel_size\s*=\s*)?"
    r"\(?(?P<k>\d+)"
)
_SEPARABLE_WORDS = lazy_regex(r"\bseparable\b|\bSeparableConv", re.IGNORECASE)
_DEPTH_MULTIPLIER = lazy_regex(r"depth_multiplier\s*=\s*(\d+)")
_GROUPS = (
    lazy_regex(r"\bgroups\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w\\/])g\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w.,])(\d+)\s+groups\b"),
)
# a channel symbol: C_in, C_{in}, C_\text{in}, C_{\mathrm{in}}; "C_in = C_out = 128" states both
_SUBSCRIPT = r"C_(?:\{\s*)?(?:\\(?:text|mathrm|rm)\s*\{\s*)?SIDE(?:\s*\})?(?:\s*\})?"
_IN_SYMBOL = _SUBSCRIPT.replace("SIDE", "in")
_OUT_SYMBOL = _SUBSCRIPT.replace("SIDE", "out")
_IN_CHANNELS = (
    lazy_regex(rf"{_IN_SYMBOL}\s*=\s*(?:{_OUT_SYMBOL}\s*=\s*)?(\d+)"),
    lazy_regex(r"\bin_channels\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w.,])(\d+)[- ]channel\s+input\b", re.IGNORECASE),
    lazy_regex(r"\bon\s+(?:an?\s+)?(\d+)[- ](?:input\s+)?channels?\b", re.IGNORECASE),
    lazy_regex(r"(?<![\w.,])(\d+)\s+input\s+channels\b", re.IGNORECASE),
    lazy_regex(r"(?<![\w.,])(\d+)\s*(?:→|->|to)\s*\d+\s+channels\b", re.IGNORECASE),
    lazy_regex(r"(?<![\w.,])(\d+)\s+input\s+and\s+\d+\s+output\s+channels\b", re.IGNORECASE),
)
_OUT_CHANNELS = (
    lazy_regex(rf"{_OUT_SYMBOL}\s*=\s*(?:{_IN_SYMBOL}\s*=\s*)?(\d+)"),
    lazy_regex(rf"{_IN_SYMBOL}\s*=\s*{_OUT_SYMBOL}\s*=\s*(\d+)"),
    lazy_regex(r"\bout_channels\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w.,])\d+\s*(?:→|->|to)\s*(\d+)\s+channels\b", re.IGNORECASE),
    lazy_regex(r"(?<![\w.,])\d+\s+input\s+and\s+(\d+)\s+output\s+channels\b", re.IGNORECASE),
)
_X = "\N{MULTIPLICATION SIGN}"
_BY = r"(?:\N{MULTIPLICATION SIGN}|x|\\times)"
_KERNEL = lazy_regex(rf"(?<![\w.,])(\d+)\s*{_BY}\s*(\d+)(?![\w]|[.,]\d|\s*{_BY})")
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
    # a Conv1d's kernel has k taps, a Conv3d's k·k·k: the call's own dimensionality
    dims: int = 2

    @property
    def volume(self) -> int:
        return int(self.kernel**self.dims)

    @property
    def shape(self) -> str:
        return f"{self.kernel}-tap" if self.dims == 1 else _X.join([str(self.kernel)] * self.dims)

    @property
    def product(self) -> str:
        return "·".join([str(self.kernel)] * self.dims)


def _unique(patterns: tuple[object, ...], text: str) -> int | None:
    """The one value the first pattern that matches gives (the patterns go from the most
    explicit, a symbol or keyword, to words)."""
    for pattern in patterns:
        values = {int(m.group(1)) for m in pattern.finditer(text)}  # type: ignore[attr-defined]
        if values:
            return values.pop() if len(values) == 1 else None
    return None


def _kernel(text: str) -> int | None:
    # a square above a few taps ("pointwise: 64 x 64 = 4,096") is a product of channels
    kernels = {int(a) for a, b in _KERNEL.findall(text) if a == b and 1 < int(a) <= _WIDEST_KERNEL}
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
    found: set[tuple[int, int, int, int, bool, int]] = set()
    for call in calls:
        args = [a for a in re.split(r",(?![^()]*\))", call["args"]) if a.strip()]
        sizes = (
            _int_arg(args, "in_channels", 0),
            _int_arg(args, "out_channels", 1),
            _int_arg(args, "kernel_size", 2),
            _int_arg(args, "groups", 9),
        )
        if any(s is None for s in sizes) or not _cubic_kernel(args):
            return None
        c_in, c_out, k, g = (s or 0 for s in sizes)
        bias = "bias=False" not in call["args"].replace(" ", "")
        found.add((c_in, c_out, k, g, bias, int(call["dims"])))
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
        found.add((c_in, c_out, k, g, not _NO_BIAS.search(body), 2))
    if len(found) != 1:
        return None
    c_in, c_out, k, g, bias, dims = found.pop()
    if g < 2 or c_in % g or c_out % g:
        return None
    return _Sizes(c_in, c_out, k, bias, dims), g


def _cubic_kernel(args: list[str]) -> bool:
    """Whether the call's kernel is one size on every axis ("3", "(3, 3)"; not "(1, 7)")."""
    kernel = [a for a in args if a.partition("=")[0].strip() == "kernel_size"]
    positional = [a for a in args if "=" not in a]
    text = kernel[0].partition("=")[2] if kernel else positional[2] if len(positional) > 2 else ""
    return len(set(re.findall(r"\d+", text))) <= 1


def _grouped_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    found = _grouped(body)
    if found is None:
        return
    sizes, g = found
    k2, c_in, c_out = sizes.volume, sizes.inputs, sizes.outputs
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
                f"a {sizes.shape} convolution from {c_in:,} to {c_out:,} "
                f"channels in {g} groups has {sizes.product}·({c_in:,}/{g})·"
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


_ONE_CALL = lazy_regex(
    r"\bnn\.Conv(?P<transposed>Transpose)?(?P<dims>[123])d\((?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
_OTHER_KINDS = lazy_regex(
    r"\b(?:Linear|Dense|\w*Norm\w*|\w*[Pp]ool\w*|LSTM|GRU|Embedding|attention|"
    r"depthwise|separable|pointwise|groups|Conv[123]D)\b"
)
# a sentence about the bias (a normalisation named as the reason to drop it) names no layer
_BIAS_SENTENCE = lazy_regex(r"[^.\n]*\bbias[^.\n]*")
_COUNT_LINE = lazy_regex(r"param|weight", re.IGNORECASE)
_NOT_A_COUNT_LINE = lazy_regex(
    r"output|length|shape|\bsize|stride|padding|FLOP|\bMACs?\b|multipl|receptive|memory|bytes",
    re.IGNORECASE,
)


def _kernel_volume(value: str, dims: int) -> int | None:
    sizes = [int(v) for v in re.findall(r"\d+", value)]
    if len(sizes) == 1:
        return int(sizes[0] ** dims)
    if len(sizes) == dims:
        volume = 1
        for size in sizes:
            volume *= size
        return volume
    return None


def _one_conv(body: str) -> tuple[int, int, int, bool] | None:
    """Input channels, filters, kernel volume and bias of the note's one PyTorch conv call."""
    calls = list(_ONE_CALL.finditer(body))
    if len(calls) != 1 or _OTHER_KINDS.search(_BIAS_SENTENCE.sub(" ", body)):
        return None
    call = calls[0]
    dims = int(call["dims"])
    args = [a.strip() for a in re.split(r",(?![^()]*\))", call["args"]) if a.strip()]
    named = {a.split("=")[0].strip(): a.split("=", 1)[1].strip() for a in args if "=" in a}
    positional = [a for a in args if "=" not in a]
    keys = ("in_channels", "out_channels", "kernel_size")
    values = [
        named.get(key) or (positional[i] if i < len(positional) else None)
        for i, key in enumerate(keys)
    ]
    if any(v is None for v in values) or not all(str(v).isdigit() for v in values[:2]):
        return None
    groups = named.get("groups") or (positional[6] if len(positional) > 6 else "1")
    if groups != "1":
        return None  # a grouped call is the grouped reading's
    volume = _kernel_volume(str(values[2]), dims)
    if volume is None:
        return None
    bias = named.get("bias", "True") != "False"
    return int(str(values[0])), int(str(values[1])), volume, bias


def _one_conv_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    found = _one_conv(body)
    if found is None:
        return
    c_in, c_out, volume, bias = found
    weights = volume * c_in * c_out
    right = {weights + c_out} if bias else {weights}
    if not bias or not re.search(r"\bbias", body, re.IGNORECASE):
        right |= {weights, weights + c_out}
    explained = right | {
        weights,
        volume,
        volume * c_in,
        volume * c_in + 1,
        c_in,
        c_out,
        c_in * c_out,
    }
    for line in note_lines(document):
        if not _COUNT_LINE.search(line.text) or _NOT_A_COUNT_LINE.search(line.text):
            continue
        for claim in claims(line, minimum=c_out + 1):
            if claim.value in explained:
                continue
            if copies_in_sentence(document.text, line.start, claim.start, claim.end):
                continue  # "stacking two of them gives 73,856": the solver counts the copies
            yield Finding(
                claim.start,
                claim.end,
                f"the convolution from {c_in:,} to {c_out:,} channels has (k·C_in + 1)·C_out = "
                f"({volume:,}·{c_in:,} + 1)·{c_out:,} = {weights + c_out:,} parameters "
                f"({weights:,} weights): every filter spans all {c_in:,} input channels; not "
                f"{claim.value:,}: correct the count",
            )


# (a comma or stop after the channels ends the clause: "4x4, 32 -> 64, s2")
_ROW_CHANNELS = lazy_regex(
    r"(?<![\w.,])(\d+)\s*(?:\N{RIGHTWARDS ARROW}|->|\\to|\\rightarrow)\s*(\d+)(?![\w]|[.,]\d)"
)
_ROW_KERNEL = lazy_regex(rf"(?<![\w.,])(\d+)\s*{_BY}\s*(\d+)(?![\w.]|,\d|\s*{_BY})")
_NOT_A_PLAIN_ROW = lazy_regex(
    r"group|depthwise|separable|\bdw\b|transpose|dilat|3D|3d\b|\bfc\b|linear|dense", re.I
)


# A row's kernel under a column headed "kernel": "(1, 3, 3)", "3x3x3", "5 x 5" (2 or 3 axes,
# each a few taps), the row's own kernel whatever the note's other rows use.
_SHAPED_KERNEL = lazy_regex(
    rf"\s*\(?\s*(\d{{1,2}})\s*(?:,|{_BY})\s*(\d{{1,2}})(?:\s*(?:,|{_BY})\s*(\d{{1,2}}))?\s*\)?\s*"
)
_NOT_A_SHAPED_ROW = lazy_regex(r"group|depthwise|separable|\bdw\b|transpose|dilat", re.I)


def _kernel_cell(header: str, cells: list[str]) -> tuple[int, ...] | None:
    """The axes of the kernel a row states under its table's "kernel" column."""
    names = [cell.strip() for cell in header.strip().strip("|").split("|")]
    columns = [i for i, name in enumerate(names) if re.search(r"\bkernel", name, re.I)]
    if len(columns) != 1 or columns[0] >= len(cells):
        return None
    cell = _SHAPED_KERNEL.fullmatch(cells[columns[0]].strip("`$ "))
    if cell is None:
        return None
    return tuple(int(axis) for axis in cell.groups() if axis is not None)


# A column of one part of the layer or of another quantity, beside the count's column:
# "| conv weights | BN (gamma, beta) |", "| params | FLOPs |".
_PART_COLUMN = lazy_regex(
    r"\bBN\b|norm|gamma|beta|\N{GREEK SMALL LETTER GAMMA}|bias|running|flops|macs"
    r"|memory|bytes|output|shape|size",
    re.I,
)


def _count_column(header: str, width: int) -> int | None:
    """The index of the row's count: the last column, or, where that one holds a part or
    another quantity, the last column headed by parameters or weights."""
    names = [cell.strip() for cell in header.strip().strip("|").split("|")]
    if len(names) != width:
        return width - 1
    if not _PART_COLUMN.search(names[-1]):
        return width - 1
    counted = [i for i, name in enumerate(names) if re.search(r"param|weight", name, re.I)]
    counted = [i for i in counted if not _PART_COLUMN.search(names[i])]
    return counted[-1] if counted else None


# The note says every layer keeps its bias ("All layers with bias", "every conv has a bias"):
# a row's count without the biases is then no reading of it.
_ALL_BIASED = lazy_regex(
    r"\b(?:all|every|each)\s+(?:[\w-]+\s+){0,2}?(?:layers?|convs?|convolutions?)\s+"
    r"(?:with|ha(?:s|ve)|uses?|keeps?)\s+(?:an?\s+|their\s+|its\s+)?bias(?:es)?\b",
    re.IGNORECASE,
)
_SOME_UNBIASED = lazy_regex(
    r"\bbias\s*=\s*False\b|\buse_bias\s*=\s*False\b|\b(?:no|without)\s+(?:the\s+)?bias",
    re.IGNORECASE,
)


def _row_findings(document: LintDocument) -> Iterator[Finding]:
    """A table row of one plain convolution: its kernel, "in → out" channels and count."""
    lines = note_lines(document)
    body = document.text[document.body_offset :]
    all_biased = _ALL_BIASED.search(body) is not None and not _SOME_UNBIASED.search(body)
    header = ""
    for line in lines:
        text = line.text.strip()
        if not text.startswith("|") or line.code:
            header = ""
            continue
        if not header:
            header = text
            continue
        if re.fullmatch(r"[\s|:\-]+", text) or not re.search(r"param|weight", header, re.I):
            continue
        cells = [cell.strip() for cell in text.strip("|").split("|")]
        column = _count_column(header, len(cells))
        if column is None:
            continue
        label = " ".join(cells[:column])
        channels = _ROW_CHANNELS.findall(label)
        shaped = _kernel_cell(header, cells[:column])
        if shaped is not None:
            if len(channels) != 1 or _NOT_A_SHAPED_ROW.search(label):
                continue
            axes = shaped
        else:
            kernels = [(a, b) for a, b in _ROW_KERNEL.findall(label) if a == b]
            if len(kernels) != 1 or len(channels) != 1 or _NOT_A_PLAIN_ROW.search(label):
                continue
            axes = (int(kernels[0][0]),) * 2
        (c_in, c_out) = (int(c) for c in channels[0])
        volume = 1
        for axis in axes:
            volume *= axis
        shape = _X.join(str(axis) for axis in axes)
        product = "·".join(str(axis) for axis in axes)
        weights = volume * c_in * c_out
        bars = [m.start() for m in re.finditer(r"\|", line.text)]
        if bars and not line.text[: bars[0]].strip():
            bars = bars[1:]  # the row's leading bar
        start = bars[column - 1] + 1 if column else 0
        end = bars[column] if column < len(bars) else len(line.text)
        cell = NoteLine(line.number, line.start, " " * start + line.text[start:end], False, False)
        for claim in claims(cell, minimum=c_out + 1):
            if claim.value in ({weights + c_out} if all_biased else {weights, weights + c_out}):
                continue
            if all_biased:
                yield Finding(
                    claim.start,
                    claim.end,
                    f"a {shape} convolution from {c_in:,} to {c_out:,} channels with its bias, "
                    f"as the note says every layer has, has {product}·{c_in:,}·{c_out:,} + "
                    f"{c_out:,} = {weights + c_out:,} parameters, not {claim.value:,}: correct "
                    "the count",
                )
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"a {shape} convolution from {c_in:,} to {c_out:,} channels has "
                f"{product}·{c_in:,}·{c_out:,} = {weights:,} weights ({weights + c_out:,} with "
                f"biases), not {claim.value:,}: correct the count",
            )


_KERAS_INPUT = lazy_regex(r"\bInput\(\s*(?:shape\s*=\s*)?\(\s*(?:\d+\s*,\s*)*(\d+)\s*,?\s*\)")
_KERAS_CONV = lazy_regex(
    r"\bConv2D\(\s*(?:filters\s*=\s*)?(?P<f>\d+)\s*,\s*(?:kernel_size\s*=\s*)?"
    r"\(?(?P<k>\d+)(?:\s*,\s*(?P<k2>\d+)\s*\))?(?P<rest>[^()]*)\)"
)
_CHAIN_BREAK = lazy_regex(
    r"\b(?:Dense|Flatten|Concatenate|Add|Conv[13]D|SeparableConv2D|"
    r"DepthwiseConv2D|Conv2DTranspose|Reshape)\b"
)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
}
_ORDINAL_CONV = lazy_regex(
    r"^\W*(?:(?P<word>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+conv\w*|"
    r"conv\w*\s*(?P<number>[1-5]))\b",
    re.IGNORECASE,
)


_ORDINAL_ANYWHERE = lazy_regex(
    r"(?:^|[.;:]\s+|\W)(?:(?P<word>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+"
    r"conv\w*|conv\w*\s*(?P<number>[1-5]))\b",
    re.IGNORECASE,
)


def _keras_chain(body: str) -> list[tuple[int, int, int, bool]] | None:
    """Each Conv2D of the code's one chain: input channels, filters, kernel area, bias."""
    inputs = {int(m.group(1)) for m in _KERAS_INPUT.finditer(body)}
    if len(inputs) != 1 or _CHAIN_BREAK.search(body):
        return None
    channels = inputs.pop()
    chain = []
    for conv in _KERAS_CONV.finditer(body):
        filters, k = int(conv["f"]), int(conv["k"])
        area = k * int(conv["k2"]) if conv["k2"] else k * k
        bias = "use_bias=False" not in conv["rest"].replace(" ", "")
        chain.append((channels, filters, area, bias))
        channels = filters
    return chain if len(chain) >= 2 else None


def _chain_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    chain = _keras_chain(body)
    if chain is None:
        return
    for line in note_lines(document):
        if line.code:
            continue
        if _ORDINAL_CONV.match(line.text) is None:
            continue
        for claim in claims(line, minimum=2):
            # the claim belongs to the last conv named before it on the line
            labels = list(_ORDINAL_ANYWHERE.finditer(claim.before))
            if not labels:
                continue
            label = labels[-1]
            index = _ORDINALS[label["word"].lower()] if label["word"] else int(label["number"])
            if index > len(chain):
                continue
            c_in, filters, area, bias = chain[index - 1]
            weights = area * c_in * filters
            allowed = {weights + filters} if bias else {weights}
            allowed |= {weights, area * c_in, area * c_in + 1, c_in, filters, area}
            if claim.value in allowed or claim.value <= filters:
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"conv {index} of the code takes the {c_in:,} channels the layer before it "
                f"gives: {area:,}·{c_in:,}·{filters:,} + {filters:,} = "
                f"{weights + filters:,} parameters, not {claim.value:,}: correct the count",
            )


_DW_LABEL = lazy_regex(r"\bdepth-?wise\b|\bDepthwiseConv[12]D\b|\bdw\b", re.IGNORECASE)
_DW_CALL = lazy_regex(r"\bConv[12]d\((?P<args>[^()]*\bgroups\s*=\s*\d+[^()]*)\)")
_DW_NOT_ALONE = lazy_regex(
    # "depthwise-separable | 2,336": the separable layer's whole count, pointwise included
    r"\bseparable\b|\bSeparableConv|"
    r"\bpoint-?wise\b|\b1\s*[x\N{MULTIPLICATION SIGN}]\s*1\b|\btotal\b|\bblock\b|\bsum\b|"
    r"\bboth\b|\+\s*point|\bstandard\b|\bregular\b|\bordinary\b|\bnormal\b|\bplain\b|"
    r"\bfull\b|\bdense\b|\binstead\b|\bcompared?\b|\bversus\b|\bvs\b|\bthan\b|\bwould\b|"
    r"\bsav\w*|\bFLOPs?\b|\bMACs?\b|multipl\w*-?add|\bcost\b|\boutput\b|\bactivation|"
    r"\bmemory\b|\bbytes\b|\bper\s+channel\b|\bper\s+filter\b|\bagainst\b|\bgroups?\s+of\b",
    re.IGNORECASE,
)
_DW_CHANNELS = (
    # "48 → 96 channels": the input side; a count after an arrow is an output's
    lazy_regex(
        r"(?<![\w.,])(\d+)\s*(?:\N{RIGHTWARDS ARROW}|->|\\to|\\rightarrow|to)\s*\d+\s*"
        r"(?:ch|chans?|channels?)\b",
        re.IGNORECASE,
    ),
    lazy_regex(
        r"(?<![\w.,\N{RIGHTWARDS ARROW}>])(?<![\N{RIGHTWARDS ARROW}>]\s)(?<!\bto\s)(\d+)\s*"
        r"(?:input\s+|mel\s+|feature\s+|RGB\s+|colou?r\s+)?(?:ch|chans?|channels?)\b",
        re.IGNORECASE,
    ),
    lazy_regex(r"(?<![\w.,])(\d+)-channel\b", re.IGNORECASE),
    lazy_regex(
        r"(?<![\w\\])C(?:_\{?in\}?|_\\text\{in\}|_\{\\(?:text|mathrm)\{in\}\})?\s*=\s*(\d+)"
    ),
    lazy_regex(r"\bin_channels\s*=\s*(\d+)"),
    # "Channels 128 → 128": the label first, the input side after it
    lazy_regex(
        r"\bchannels?\s*:?\s*(\d+)\s*(?:\N{RIGHTWARDS ARROW}|->|\\to|to)\s*\d+", re.IGNORECASE
    ),
)
# "Depthwise (groups=128)": a depthwise conv has one group per input channel
_DW_GROUPS = lazy_regex(r"\bgroups\s*=\s*(\d+)")
# a 1-D note: its kernel is k taps, not k·k
_ONE_D = lazy_regex(r"\bConv1[dD]\b|\b1-?D\b|\bDepthwiseConv1D\b|\btime\s+series\b")
_TWO_D = lazy_regex(r"\bConv[23][dD]\b|\b[23]-?D\b|\bimage|\bDepthwiseConv2D\b")
_DW_KERNEL = (
    lazy_regex(rf"(?<![\w.,])(\d+)\s*{_BY}\s*(\d+)(?![\w.,]|\s*{_BY})"),
    lazy_regex(r"(?<![\w\\])(?:K|k|kernel(?:_size)?)\s*(?:=|:|of)\s*(\d+)\b"),
    lazy_regex(r"\bDepthwiseConv[12]D\(\s*(?:kernel_size\s*=\s*)?(\d+)"),
    # "kernel 9", "kernel size 5": the size after its word, no sign between
    lazy_regex(r"\bkernel(?:[\s_-]size)?\s+(?:of\s+)?(\d+)\b(?!\s*(?:x|\N{MULTIPLICATION SIGN}))"),
    lazy_regex(
        r"\bSeparableConv[12]D\(\s*(?:filters\s*=\s*)?\d+\s*,\s*(?:kernel_size\s*=\s*)?(\d+)"
    ),
)


_WIDEST_KERNEL = 31


def _line_values(
    patterns: tuple[re.Pattern[str], ...], text: str, kernel: bool = False
) -> set[int]:
    """The values the patterns find in the text (a kernel: square, never 1)."""
    values: set[int] = set()
    for pattern in patterns:
        for match in pattern.finditer(text):
            groups = [g for g in match.groups() if g is not None]
            if kernel and len(groups) == 2 and groups[0] != groups[1]:
                continue
            if kernel and len(groups) == 2 and int(groups[0]) > _WIDEST_KERNEL:
                continue  # "128 x 128 + 128": a pointwise product, no kernel
            value = int(groups[0])
            if not (kernel and value == 1):
                values.add(value)
    return values


def _depthwise_sizes(line: str, body: str) -> tuple[int, int, int] | None:
    """Kernel side, input channels and depth multiplier of the depthwise conv of a line: from
    the line first (a grouped call with groups = in_channels, "3x3", "on 144 ch"), else the
    one value the whole note states."""
    calls = list(_DW_CALL.finditer(line))
    kernel = channels = None
    multiplier = 1
    if len(calls) == 1:
        args = [a for a in re.split(r",(?![^()]*\))", calls[0]["args"]) if a.strip()]
        c_in, c_out = _int_arg(args, "in_channels", 0), _int_arg(args, "out_channels", 1)
        k, g = _int_arg(args, "kernel_size", 2), _int_arg(args, "groups", 9)
        if c_in is None or c_out is None or g != c_in or c_out % c_in:
            return None
        kernel, channels, multiplier = k, c_in, c_out // c_in
    elif calls:
        return None
    for text in (line, body):
        if kernel is None:
            values = _line_values(_DW_KERNEL, text, kernel=True)
            if len(values) > 1:
                return None
            kernel = values.pop() if values else None
    if channels is None and _DW_LABEL.search(line):
        groups = {int(g) for g in _DW_GROUPS.findall(line)}
        channels = groups.pop() if len(groups) == 1 else None
    for text in (line, body):
        if channels is None:
            values = _line_values(_DW_CHANNELS, text)
            if len(values) > 1:
                return None
            channels = values.pop() if values else None
    stated = {int(m) for m in _DEPTH_MULTIPLIER.findall(body)}
    if len(stated) > 1:
        return None
    multiplier = stated.pop() if stated else multiplier
    if kernel is None or channels is None:
        return None
    return kernel, channels, multiplier


def _depthwise_line_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    """A line that counts the depthwise part alone: k·k·C·M weights, C·M biases."""
    for line in note_lines(document):
        # a code line is read whole for its call, but only its comment may be the label's
        written = document.text[line.start : line.start + len(line.text)]
        # (the label first: few lines have one, and the long exclusion list costs more)
        if not (_DW_LABEL.search(line.text) or _DW_CALL.search(written)) or _DW_NOT_ALONE.search(
            line.text
        ):
            continue
        sizes = _depthwise_sizes(written, body)
        if sizes is None:
            continue
        k, c, m = sizes
        # a 1-D note's kernel has k taps; a note that names neither dimension may mean either
        one_d, two_d = bool(_ONE_D.search(body)), bool(_TWO_D.search(body))
        taps = [k] if one_d and not two_d else [k * k] if not one_d else [k, k * k]
        allowed = {c, c * m}
        for size in taps:
            allowed |= {size, size * m, size * c * m, size * c * m + c * m}
        shown = taps[-1] if not (one_d and not two_d) else k
        weights = shown * c * m
        kernel = f"{k}-tap" if shown == k else f"{k}{_X}{k}"
        for claim in claims(line, minimum=max(c * m, min(taps)) + 1):
            if claim.value in allowed:
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"a {kernel} depthwise convolution over {c:,} channels gives each channel its "
                f"own filter: {k if shown == k else f'{k}·{k}'}·{c:,}"
                + (f"·{m}" if m > 1 else "")
                + f" = {weights:,} weights ({weights + c * m:,} with biases), not "
                f"{claim.value:,}: correct the count",
            )


def conv_slip_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    yield from _grouped_findings(document, body)
    yield from _separable_findings(document, body)
    yield from _one_conv_findings(document, body)
    yield from _row_findings(document)
    yield from _chain_findings(document, body)
    yield from _depthwise_line_findings(document, body)
