"""The note-level setting of ONE convolution, pooling or transposed convolution layer: every
quantity the note states about it, wherever it stands (heading, prose, bold, list items,
table cells, inline code calls and their keyword arguments, LaTeX sizes), read by its role.

``setting_judge`` checks the note's claimed results against it. This module only reads: it
gathers the candidates of each role in a span of the note and says nothing about whether they
describe one layer (the judge decides that from how many distinct values each role has).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ankigen.lint import stage_trace
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern

# A number, a size ("3x3", "3 x 3 x 3") and a tuple of numbers or batch placeholders.
_N = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_CROSS = r"\s*[x\N{MULTIPLICATION SIGN}X]\s*"
SIZE = (
    rf"(?<![\w.,\N{{MULTIPLICATION SIGN}}*]){_N}(?:{_CROSS}{_N}){{1,3}}"
    rf"(?![\w]|[.,]\d|{_CROSS}\d)"
)
_SLOT = r"(?:\d+|None|N|B|batch)"
TUPLE = rf"\(\s*{_SLOT}(?:\s*,\s*{_SLOT}){{1,4}}\s*,?\s*\)"
_VALUE = rf"(?:{TUPLE}|{SIZE}|{_N})"
_SIZE_OR_TUPLE = lazy_regex(rf"(?P<v>{TUPLE}|{SIZE})")

BATCH = 0  # a batch axis written as None, N or B
# A layer's own name ("pool1", "conv_3", "maxpool2"), by which a note may set a layer up in
# one sentence and speak of its output in another.
LAYER_NAME = lazy_regex(r"\b(?:max|avg|average)?_?(?:conv|pool)[_-]?\d+[a-z]?\b", re.I)


def layer_names(text: str, start: int, end: int) -> set[str]:
    """The layer names written in ``text[start:end]``, lower-cased."""
    return {match.group(0).lower() for match in LAYER_NAME.finditer(text, start, end)}


def values_of(text: str) -> tuple[int, ...]:
    """The numbers of a size or tuple; a batch placeholder is ``BATCH``."""
    parts = re.findall(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+|None|\bN\b|\bB\b|batch", text)
    out: list[int] = []
    for part in parts:
        digits = part.replace(",", "")
        out.append(int(digits) if digits.isdigit() else BATCH)
    return tuple(out)


@dataclass(frozen=True)
class Stated:
    """One quantity of the note: its role, its values and where it is written."""

    role: str  # kernel, stride, padding, dilation, output_padding, filters, input, size, ceil
    values: tuple[int, ...] | str  # a string for "same"/"valid" paddings and ceil modes
    start: int
    end: int


@dataclass
class Setting:
    """Every quantity a span of the note states, with the layer calls and kinds it names."""

    stated: list[Stated] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # "conv", "pool", "transposed"
    call_kinds: set[str] = field(default_factory=set)  # the kinds of the layer calls
    libraries: set[str] = field(default_factory=set)  # "torch", "keras", "flax"
    dims: set[int] = field(default_factory=set)  # 1, 2, 3 from a call's name or a word
    calls: list[tuple[int, int]] = field(default_factory=list)
    # a call's argument written as a name ("padding=p"): the name's role, whose values the
    # note gives elsewhere ("for p=1 and p=0")
    symbols: dict[str, str] = field(default_factory=dict)

    def of(self, role: str) -> list[Stated]:
        return [item for item in self.stated if item.role == role]


# --------------------------------------------------------------------------- the note's view


_MODE_CODE = lazy_regex(r"`[\"']?(same|valid)[\"']?`", re.I)
_FENCE = lazy_regex(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$|\$\$.*?\$\$", re.M | re.S)
_LATEX_WORDS = (
    (lazy_regex(r"\\(?:times|cdot)(?![A-Za-z])"), "\N{MULTIPLICATION SIGN}"),
    (
        lazy_regex(r"\\(?:lfloor|rfloor|lceil|rceil|left|right|frac|mathrm|text|quad)(?![A-Za-z])"),
        "",
    ),
)


def _padded(replacement: str) -> Callable[[re.Match[str]], str]:
    """A substitution that keeps the text's length."""
    return lambda match: replacement.ljust(len(match.group(0)))


def note_view(document: LintDocument) -> str:
    """The note's text from its body on, same length: code blocks blanked, markup characters
    (backticks, emphasis, dollar signs, LaTeX braces) turned into spaces, ``\\times`` into x."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    text = document.text
    view = " " * document.body_offset + text[document.body_offset :]
    view = _FENCE.sub(blank, view)
    # a padding mode written alone as code (`"valid"`, `'same'`) is the argument's value:
    # written back as the mode's upper-case name, which reads as a padding
    view = _MODE_CODE.sub(lambda m: m.group(1).upper().center(len(m.group(0))), view)
    for pattern, replacement in _LATEX_WORDS:
        view = pattern.sub(_padded(replacement), view)
    return re.sub(r"[`*$_{}\\](?![a-z]*\s*=)", " ", view.replace("**", "  "))


# --------------------------------------------------------------------------- layer calls


CALL = lazy_regex(
    r"(?<![\w.])(?:[A-Za-z_][\w]*\.)*"
    r"(?P<name>Conv[123]?[dD]?(?:Transpose[123]?[dD]?)?|ConvTranspose[123]?[dD]?|"
    r"Conv[123]DTranspose|(?:Max|Avg|Average)Pool(?:ing)?[123][dD]|max_pool|avg_pool)\("
)
_TORCH_CONV = ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation")
_TORCH_TRANSPOSED = (
    "in_channels",
    "out_channels",
    "kernel_size",
    "stride",
    "padding",
    "output_padding",
    "groups",
    "bias",
    "dilation",
)
_TORCH_POOL = ("kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode")
_TORCH_AVG = ("kernel_size", "stride", "padding", "ceil_mode")
_KERAS_CONV = ("filters", "kernel_size", "strides", "padding")
_KERAS_TRANSPOSED = ("filters", "kernel_size", "strides", "padding", "output_padding")
_KERAS_POOL = ("pool_size", "strides", "padding")
_FLAX_CONV = ("features", "kernel_size", "strides", "padding")
_FLAX_POOL = ("inputs", "window_shape", "strides", "padding")
_ROLE_OF_KEYWORD = {
    "kernel_size": "kernel",
    "pool_size": "kernel",
    "window_shape": "kernel",
    "stride": "stride",
    "strides": "stride",
    "padding": "padding",
    "dilation": "dilation",
    "dilation_rate": "dilation",
    "kernel_dilation": "dilation",
    "output_padding": "output_padding",
    "out_channels": "filters",
    "filters": "filters",
    "features": "filters",
    "ceil_mode": "ceil",
}


# Keras' "causal" pads d·(k - 1) on the left only: its output length is "same"'s, ⌈n / s⌉.
_PADDING_WORDS = ("same", "valid", "causal")


def _call_signature(name: str, flax: bool) -> tuple[str, str, tuple[str, ...]]:
    """(library, kind, positional parameters) of a layer class or function name."""
    transposed = "Transpose" in name
    pooling = "ool" in name
    if name in ("max_pool", "avg_pool") or (flax and pooling):
        return "flax", "pool", _FLAX_POOL
    if flax or name == "Conv" or name == "ConvTranspose":
        return "flax", "transposed" if transposed else "conv", _FLAX_CONV
    torch = name.endswith("d") and not name.endswith("D")
    if torch:
        if transposed:
            return "torch", "transposed", _TORCH_TRANSPOSED
        if pooling:
            return "torch", "pool", _TORCH_AVG if name.startswith("Avg") else _TORCH_POOL
        return "torch", "conv", _TORCH_CONV
    if transposed:
        return "keras", "transposed", _KERAS_TRANSPOSED
    if pooling:
        return "keras", "pool", _KERAS_POOL
    return "keras", "conv", _KERAS_CONV


def _literal(node: ast.expr) -> tuple[int, ...] | str | None:
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return (value,)
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, (tuple, list)) and all(type(v) is int for v in value):
        return tuple(value)
    return None


def _closing(text: str, open_at: int) -> int | None:
    depth = 0
    for index in range(open_at, min(len(text), open_at + 300)):
        char = text[index]
        if char == "\n":
            return None
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index + 1
    return None


def read_calls(text: str, start: int, end: int, setting: Setting) -> None:
    """The layer calls written in ``text[start:end]`` (inline code or a heading): their kind,
    library, dimensions and the quantities of their arguments."""
    for match in CALL.finditer(text, start, end):
        close = _closing(text, match.end() - 1)
        if close is None or close > end:
            continue
        written = text[match.start() : close]
        try:
            call = ast.parse(written.strip(), mode="eval").body
        except SyntaxError:
            continue
        if not isinstance(call, ast.Call):
            continue
        name = match.group("name")
        flax = (
            "linen" in written or "flax" in written or bool(re.search(r"\bfeatures\s*=", written))
        )
        library, kind, positional = _call_signature(name, flax)
        setting.libraries.add(library)
        setting.kinds.add(kind)
        setting.call_kinds.add(kind)
        setting.calls.append((match.start(), close))
        digit = re.search(r"([123])[dD]", name)
        if digit:
            setting.dims.add(int(digit.group(1)))
        arguments = list(zip(positional, call.args, strict=False)) + [
            (keyword.arg or "", keyword.value) for keyword in call.keywords
        ]
        for parameter, node in arguments:
            role = _ROLE_OF_KEYWORD.get(parameter)
            if role is not None and isinstance(node, ast.Name) and role != "filters":
                setting.symbols[node.id] = role
            value = _literal(node)
            if role is None or value is None:
                continue
            if role == "padding" and isinstance(value, str) and value not in _PADDING_WORDS:
                continue
            setting.stated.append(Stated(role, value, match.start(), close))


# --------------------------------------------------------------------------- prose quantities


_IS = r"\s*(?:=|:|of|is|set\s+to)?\s*"
# A name and its value with something between them: "pool1" is a layer's name, not a window.
_IS_WORD = r"\s*(?:=|:|of|is|set\s+to)\s*"
_KERNEL_NOUN = (
    r"(?:(?:max|average|avg|mean|min)[- ]?)?(?:kernels?|filters?|conv\w*|pool\w*|windows?|"
    r"receptive\s+fields?|patch(?:es)?|sub-?sampl\w*)"
)
# A word that makes the size before it a map's, not a kernel's: "a 27x27 map per filter",
# "a 28x28 image for each kernel" (the kernel noun after it counts the maps).
_NOT_OWN_NOUN = (
    r"(?!(?:per|each|every|maps?|images?|inputs?|outputs?|grids?|activations?|planes?)\b)"
)
_PROSE = (
    (
        "kernel",
        lazy_regex(
            rf"(?P<v>{SIZE})"
            # (a word between may be quoted: a 5x5 "valid" convolution)
            rf"(?:[ ,-]+(?:(?:{_NOT_OWN_NOUN}[\"'\N{{LEFT DOUBLE QUOTATION MARK}}]?\w+"
            rf"[\"'\N{{RIGHT DOUBLE QUOTATION MARK}}]?|stride-?\d+|padding-?\d+)[ ,-]+){{0,3}}?)"
            rf"{_KERNEL_NOUN}\b(?!\s+outputs?\b)"
            # "Input 28x28, conv 5x5": a noun with its own size after it names that one
            r"(?![ \t]+\d+[ \t]*[x\N{MULTIPLICATION SIGN}][ \t]*\d)",
            re.I,
        ),
    ),
    (
        "kernel",
        lazy_regex(
            rf"\b(?:kernel|window|filter|pool)(?:[ _-]?size)?s?(?:{_IS_WORD}|\s+)"
            rf"(?P<v>{TUPLE}|(?:{SIZE}|{_N})\b)"
            r"(?!\s*[x\N{MULTIPLICATION SIGN}]?\s*\d*\s*(?:input|image|map))"
            # "effective kernel = 4 * (3 - 1) + 1": a factor of its formula, not its value
            # (the view blanks a "*": "4   (3 - 1)")
            r"(?!\s*[*\N{MIDDLE DOT}/+\N{MINUS SIGN}-]\s*[\d(]|\s*\(\s*\d)",
            re.I,
        ),
    ),
    ("kernel", lazy_regex(r"\b(?P<v>\d+)[- ](?:tap|wide)\b", re.I)),
    # "stride 1x2x2" strides each axis its own way: no stride of 1
    ("stride", lazy_regex(rf"\bstrides?(?:[ -]+|{_IS})(?P<v>{TUPLE}|(?:{SIZE}|{_N})\b)", re.I)),
    ("stride", lazy_regex(rf"\b(?P<v>{_N})[- ]stride\b|\bstride\s+of\s+(?P<w>{_N})", re.I)),
    # a stride written after a square kernel, as layer tables do: "Conv2D 3x3/2 'SAME'"
    (
        "stride",
        lazy_regex(
            r"(?<![\w.,])(?P<k>\d|1[01])[ \t]*[x\N{MULTIPLICATION SIGN}][ \t]*(?P=k)[ \t]*/[ \t]*"
            r"(?P<v>[1-4])\b(?![.,]?\d|[ \t]*[x\N{MULTIPLICATION SIGN}*=])",
            re.I,
        ),
    ),
    (
        "padding",
        lazy_regex(
            # (a transposed layer's "output_padding 0" is no padding of its input)
            rf"(?<!output[ _])\b(?:zero[- ])?padd?(?:ing|ed)?(?:\s+by)?(?:[ -]+|{_IS})"
            rf"(?P<v>{TUPLE}|{_N}\b)",
            re.I,
        ),
    ),
    (
        "dilation",
        lazy_regex(
            rf"\bdilation(?:[ _]rate)?(?:[ -]+|{_IS})(?P<v>{TUPLE}|{_N}\b)"
            rf"|\b(?P<w>\d+)[- ]dilated\b",
            re.I,
        ),
    ),
    (
        "output_padding",
        lazy_regex(rf"\boutput[ _]padding(?:[ -]+|{_IS})(?P<v>{TUPLE}|{_N}\b)", re.I),
    ),
)
# A padding named as the library's default: a value of its own, beside "same" or a number.
DEFAULT_PADDING = lazy_regex(
    r"\bdefault\s+padding\b|\bpadding\s+(?:left\s+)?(?:at\s+)?(?:its|the)\s+default\b", re.I
)
_WORDED = (
    (
        "padding",
        "valid",
        GatedPattern(
            r"\b(?:no|without|zero)\s+(?:zero[- ])?padding\b|\bunpadded\b"
            r"|\bpadding\s*(?:=|:|\bis\b|\bset\s+to\b)?\s*[\"']?valid"
            r"|[\"']?valid[\"']?\s+(?:padding|convolution|conv|mode)\b"
            r"|(?<!output[ _])\bpadding\s+0\b"
            r"|(?-i:\bVALID\b)",  # the upper-case mode name, as Flax and TF spell it
            re.I,
        ),
    ),
    (
        "padding",
        "same",
        GatedPattern(
            r"\bpadding\s*=?\s*[\"']?same\b|[\"']?same[\"']?\s+padding\b|(?-i:\bSAME\b)", re.I
        ),
    ),
    (
        "padding",
        "causal",
        lazy_regex(
            r"\bpadding\s*=?\s*[\"']?causal\b|\bcausal(?:ly)?[- ](?:padd\w*|conv\w*|dilated)",
            re.I,
        ),
    ),
    # "the default padding": the library's own value, a padding of its own beside any other
    ("padding", "default", DEFAULT_PADDING),
    ("output_padding", "none", lazy_regex(r"\b(?:no|without)\s+output[ _]padding\b", re.I)),
    ("output_padding", "some", lazy_regex(r"\boutput[ _]padding\b", re.I)),
    (
        "ceil",
        "true",
        GatedPattern(
            r"ceil_mode\s*=\s*True|\bceil(?:ing)?\s+mode\b|round(?:s|ed|ing)?\s+up|\bcaffe\b", re.I
        ),
    ),
    ("ceil", "false", lazy_regex(r"ceil_mode\s*=\s*False|round(?:s|ed|ing)?\s+down", re.I)),
)
_KIND_WORDS = (
    (
        "transposed",
        lazy_regex(
            r"\btranspose[ds]?\b|deconv\w*|up-?sampl\w*|fractionally|ConvTranspose|Conv\dDTranspose",
            re.I,
        ),
    ),
    ("pool", lazy_regex(r"pool|sub-?sampl", re.I)),
    # "the 55x55 conv1 output" names where the input comes from, not a second layer
    ("conv", lazy_regex(r"\bconv\w*\b(?!\s+outputs?\b)", re.I)),
)
_DIM_WORD = lazy_regex(r"\b([123])-?D\b|\bConv([123])[dD]\b", re.I)
# What every match of a ``_KIND_WORDS`` pattern and of ``_PATCHES`` holds in the text's
# ``prefilter.fold``: a stretch without any of them gives ``read_prose`` no layer kind
# (tests/test_setting_reader_kinds.py checks this against each pattern's parse tree).
KIND_NEEDLES = ("pool", "sampl", "conv", "transpose", "fractionally", "patch")


def may_name_a_kind(folded: str, start: int, end: int) -> bool:
    """Whether ``read_prose`` of ``[start, end)`` can find a layer kind, from the view's fold."""
    return any(folded.find(needle, start, end) >= 0 for needle in KIND_NEEDLES)


# A video clip's size in words: "16 frames of 112x112" is a (frames, height, width) input.
_FRAMES_OF = lazy_regex(
    rf"(?<![\w.,])(?P<f>\d+)[ -]frames?\s+(?:of|at)\s+(?:[A-Za-z]+\s+){{0,2}}(?P<s>{SIZE})", re.I
)
_PATCHES = lazy_regex(r"\bpatch(?:es)?\b(?![- ]?(?:size|wise))", re.I)
# A size given one axis symbol at a time: "$H = 56$, $W = 56$", "D = 16, H = 32 and W = 32".
_AXIS_SYMBOLS = lazy_regex(
    r"(?<![\w=])(?:D\s*=\s*(?P<d>\d+)\s*(?:,|and)?\s*(?:and\s+)?)?"
    r"H\s*=\s*(?P<h>\d+)\s*(?:,|and)?\s*(?:and\s+)?W\s*=\s*(?P<w>\d+)(?![\w.,]\d)"
)
_LARGEST_KERNEL = 11
_PATCH_SIZE = lazy_regex(rf"{SIZE}[ -]+(?:pixels?[ -]+)?patch", re.I)
_OPERATOR_BEFORE = lazy_regex(r"[-+/\N{MINUS SIGN}\N{MIDDLE DOT}(]\s*$")
# (a parenthesis after a size opens a factor only with a number in it: "64 x (3 x 3)", not
# "56 x 56 (channels x H x W)")
_OPERATOR_AFTER = lazy_regex(
    r"[ \t]*[-+/=\N{MINUS SIGN}\N{MIDDLE DOT}]|[ \t]*\((?=\s*\d)|[ \t]*,\d"
)


# A grid followed by the count of its cells: "32x32 = 1024 tokens" states the grid, not a
# product ("3x3 = 9 weights" counts a kernel's weights: a factor).
_PRODUCT = lazy_regex(
    r"\s*=\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:tokens?|patch(?:es)?|positions?|cells?|"
    r"pixels?|locations?|outputs?|activations?)\b",
    re.I,
)


def _counted(view: str, match: re.Match[str]) -> bool:
    product = _PRODUCT.match(view, match.end())
    values = values_of(match.group("v"))
    if product is None or len(values) < 2 or BATCH in values:
        return False
    total = 1
    for value in values:
        total *= value
    return total == int(product["n"].replace(",", ""))


def read_prose(view: str, start: int, end: int, setting: Setting) -> None:
    """The quantities stated in words in ``view[start:end]``."""
    taken: list[tuple[int, int]] = []
    for role, pattern in _PROSE:
        for match in pattern.finditer(view, start, end):
            group = "v" if match.group("v") is not None else "w"
            span = match.span(group)
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            patches = role == "kernel" and _PATCHES.search(match.group(0)) is not None
            if patches and not _PATCH_SIZE.match(match.group(0)):
                continue  # "a 25 x 25 grid of patch tokens": a result, not the patch
            taken.append(span)
            setting.stated.append(Stated(role, values_of(match.group(group)), *span))
            if patches:
                # a patch embedding cuts non-overlapping patches: its stride is its kernel
                setting.kinds.add("conv")
                setting.stated.append(Stated("stride", values_of(match.group(group)), *span))
                setting.stated.append(Stated("padding", (0,), *span))
    for role, word, worded in _WORDED:
        for match in worded.finditer(view, start, end):
            setting.stated.append(Stated(role, word, *match.span()))
    for kind, pattern in _KIND_WORDS:
        if pattern.search(view, start, end):
            setting.kinds.add(kind)
    for match in _DIM_WORD.finditer(view, start, end):
        setting.dims.add(int(match.group(1) or match.group(2)))
    for match in _FRAMES_OF.finditer(view, start, end):
        frames = (int(match.group("f")), *values_of(match.group("s")))
        taken.append(match.span("s"))
        setting.stated.append(Stated("size", frames, match.start("f"), match.end("s")))
    for match in _AXIS_SYMBOLS.finditer(view, start, end):
        axes = tuple(int(match[name]) for name in ("d", "h", "w") if match[name] is not None)
        if max(axes) > _LARGEST_KERNEL:  # (a kernel's "H = 3, W = 3" is no map)
            taken.append(match.span())
            setting.stated.append(Stated("size", axes, *match.span()))
    for match in _SIZE_OR_TUPLE.finditer(view, start, end):
        span = match.span()
        if _OPERATOR_BEFORE.search(view, max(0, span[0] - 3), span[0]) or (
            _OPERATOR_AFTER.match(view, span[1]) and not _counted(view, match)
        ):
            continue  # a factor of a formula, not a size
        if not any(a <= span[0] < b for a, b in taken):
            setting.stated.append(Stated("size", values_of(match.group("v")), *span))


def read_symbol_values(view: str, start: int, end: int, setting: Setting) -> None:
    """The values given to the names a call's arguments are written as: "`padding=p`" and
    "p = 0", "$p=1$" (each a scenario of its own, which the judge keeps apart)."""
    for name, role in setting.symbols.items():
        pattern = rf"(?<![\w.=]){re.escape(name)}\s*=\s*(?P<v>{TUPLE}|{_N})(?![\w.]|,\d)"
        found = [match for match in re.finditer(pattern, view[:end]) if match.start() >= start]
        for match in found:
            setting.stated.append(Stated(role, values_of(match.group("v")), *match.span("v")))
        if not found:
            # a name with no value here: the role is unknown, not the library's default
            call = next((a, b) for a, b in setting.calls)
            setting.stated.append(Stated(role, "unknown", *call))


def read_span(document: LintDocument, view: str, start: int, end: int) -> Setting:
    setting = Setting()
    read_calls(document.text, start, end, setting)
    read_prose(view, start, end, setting)
    read_symbol_values(view, start, end, setting)
    # a quantity inside a call is the call's: its numbers are not sizes of the prose
    setting.stated = [
        item
        for item in setting.stated
        if item.role not in ("size", "kernel", "stride", "padding", "dilation")
        or not any(a <= item.start < b for a, b in setting.calls)
        or item.end == next(b for a, b in setting.calls if a <= item.start < b)
    ]
    if stage_trace.on() and setting.of("kernel") and (setting.of("size") or setting.of("input")):
        # a kernel and a size to apply it to: a set-up of an output size
        stage_trace.record(
            "setup", stage_trace.CONV, setting.of("kernel")[0].start, document=document
        )
    return setting
