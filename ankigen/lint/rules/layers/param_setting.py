"""The note-level parameter SETTING of AG104: the layers a span of the note names (by a call in
code or inline code, or by its kind's words) and every size it states, each with its role
(input channels, filters, kernel, units, input features, vocabulary, dimension, classes, model
width, ...), wherever it stands: heading, prose, bold, list items, table cells, code and code
comments, LaTeX.

This module only reads. ``param_conventions`` gives the counts a layer allows and
``param_setting_judge`` decides whether a span describes one layer completely.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ankigen.lint import stage_trace
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.call_arguments import literal_value

N = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)"
_X = r"\s*[x\N{MULTIPLICATION SIGN}X]\s*"
_SIZE = rf"{N}(?:{_X}{N}){{0,2}}"


def number(text: str) -> int:
    return int(text.replace(",", "").replace("_", ""))


def sizes(text: str) -> tuple[int, ...]:
    return tuple(number(part) for part in re.findall(N, text))


@dataclass(frozen=True)
class Size:
    """One stated quantity: its role, its value(s) and where it is written."""

    role: str
    value: tuple[int, ...]
    start: int
    end: int


@dataclass(frozen=True)
class LayerCall:
    """A layer named by a call: its kind, framework and the roles its arguments fill."""

    kind: str  # dense, conv, transposed, depthwise, separable, embedding, lstm, gru, rnn,
    # batchnorm, layernorm, groupnorm, mha, mlp
    framework: str  # torch, keras, sklearn
    dims: int | None
    sizes: tuple[Size, ...]
    flags: frozenset[str]  # no_bias, bidirectional, reset_after, no_reset_after, unsupported
    start: int
    end: int


@dataclass
class ParamSetting:
    calls: list[LayerCall] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # the layer kinds its words name
    sizes: list[Size] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)  # no_bias, with_bias, keras, torch, ...
    dims: set[int] = field(default_factory=set)

    def values(self, role: str) -> set[tuple[int, ...]]:
        found = {item.value for item in self.sizes if item.role == role}
        for call in self.calls:
            found |= {item.value for item in call.sizes if item.role == role}
        return found


# --------------------------------------------------------------------------- the view

_CLOZE = lazy_regex(r"\{\{c\d+::|::[^}\n]*\}\}|\}\}")
_LATEX = (
    (lazy_regex(r"\\(?:times)(?![A-Za-z])"), "\N{MULTIPLICATION SIGN}"),
    (lazy_regex(r"\\cdot(?![A-Za-z])"), "\N{MIDDLE DOT}"),
    (lazy_regex(r"\\(?:mathrm|text|quad|left|right|,)(?![A-Za-z])"), ""),
)


def view_of(document: LintDocument) -> str:
    """The note from its body on (same length, front matter blanked): cloze syntax, emphasis,
    backticks, dollar signs and LaTeX braces turned into spaces, ``\\times`` into x. Code stays:
    calls and comments in code state sizes and counts too."""

    def pad(replacement: str) -> Callable[[re.Match[str]], str]:
        return lambda match: replacement.ljust(len(match.group(0)))

    text = document.text
    view = " " * document.body_offset + text[document.body_offset :]
    view = _CLOZE.sub(lambda m: " " * len(m.group(0)), view)
    # LaTeX thousands "100{,}352" as "  100,352" (same length, the number whole)
    view = re.sub(
        r"\d{1,3}(?:\{,\}\d{3})+",
        lambda m: m.group(0).replace("{,}", ",").rjust(len(m.group(0))),
        view,
    )
    for pattern, replacement in _LATEX:
        view = pattern.sub(pad(replacement), view)
    view = re.sub(r"(?<=\d)_(?=\d{3})", ",", view)  # 9_408 as 9,408
    # emphasis, not a product: "3 * 64" keeps its operator
    view = re.sub(r"\*\*|(?<![\d\s])\*|\*(?![\s\d(])", lambda m: " " * len(m.group(0)), view)
    return re.sub(r"[`${}\\]|(?<!\w)__|__(?!\w)", lambda m: " " * len(m.group(0)), view)


# --------------------------------------------------------------------------- calls

_CALL = lazy_regex(
    r"(?<![\w])(?:[A-Za-z_]\w*\.)*(?P<name>Dense|Linear|LazyLinear|"
    r"Conv[123][dD]Transpose|ConvTranspose[123]d|Conv[123][dD]|DepthwiseConv[12]D|"
    r"SeparableConv[12]D|Embedding|Bidirectional|LSTM|GRU|SimpleRNN|RNN|"
    r"BatchNormalization|BatchNorm[123]d|LayerNormalization|LayerNorm|GroupNorm|"
    r"GroupNormalization|MultiheadAttention|MultiHeadAttention|MLPClassifier|MLPRegressor"
    # Flax's linen names (``nn.Conv(features=64, kernel_size=(3, 3))``, ``nn.Embed(41, 32)``)
    r"|Conv|ConvTranspose|Embed)\("
)
# positional parameters of each (framework, name)
_POSITIONAL = {
    ("keras", "Dense"): ("units",),
    ("torch", "Linear"): ("in_features", "out_features", "bias"),
    ("keras", "Conv"): ("filters", "kernel_size", "strides", "padding"),
    ("torch", "Conv"): ("in_channels", "out_channels", "kernel_size", "stride", "padding"),
    ("keras", "Transposed"): ("filters", "kernel_size", "strides", "padding"),
    ("torch", "Transposed"): ("in_channels", "out_channels", "kernel_size", "stride"),
    ("keras", "DepthwiseConv"): ("kernel_size", "strides", "padding", "depth_multiplier"),
    ("keras", "SeparableConv"): ("filters", "kernel_size", "strides", "padding"),
    ("keras", "Embedding"): ("input_dim", "output_dim"),
    ("torch", "Embedding"): ("num_embeddings", "embedding_dim"),
    ("keras", "Recurrent"): ("units",),
    ("torch", "Recurrent"): ("input_size", "hidden_size", "num_layers"),
    ("keras", "BatchNormalization"): (),
    ("torch", "BatchNorm"): ("num_features",),
    ("keras", "LayerNormalization"): (),
    ("torch", "LayerNorm"): ("normalized_shape",),
    ("torch", "GroupNorm"): ("num_groups", "num_channels"),
    ("keras", "GroupNormalization"): ("groups",),
    ("torch", "MultiheadAttention"): ("embed_dim", "num_heads"),
    ("keras", "MultiHeadAttention"): ("num_heads", "key_dim"),
    ("sklearn", "MLP"): ("hidden_layer_sizes",),
    # Flax: the output width is ``features``, the input is inferred from the data
    ("flax", "Dense"): ("features",),
    ("flax", "Conv"): ("features", "kernel_size", "strides", "padding"),
    ("flax", "Transposed"): ("features", "kernel_size", "strides", "padding"),
    ("flax", "Embedding"): ("num_embeddings", "features"),
}
# Flax's ``features`` is the width its layer gives, by the layer's kind
_FLAX_FEATURES = {"dense": "units", "conv": "filters", "transposed": "filters", "embedding": "dim"}
_ROLE_OF = {
    "units": "units",
    "in_features": "inputs",
    "out_features": "units",
    "input_dim": "inputs",
    "filters": "filters",
    "out_channels": "filters",
    "in_channels": "in_channels",
    "kernel_size": "kernel",
    "depth_multiplier": "multiplier",
    "groups": "groups",
    "num_embeddings": "vocab",
    "embedding_dim": "dim",
    "output_dim": "dim",
    "input_size": "inputs",
    "hidden_size": "units",
    "num_layers": "stacked",
    "num_features": "channels",
    "num_channels": "channels",
    "normalized_shape": "features",
    "embed_dim": "width",
    "num_heads": "heads",
    "key_dim": "key_dim",
    "hidden_layer_sizes": "hidden",
    "input_shape": "input_shape",
}
# keyword arguments that change the count in a way the conventions do not model
_UNSUPPORTED = {
    "kdim",
    "vdim",
    "add_bias_kv",
    "proj_size",
    "value_dim",
    "center",
    "scale",
    "affine",
    "elementwise_affine",
    "padding_idx_",
    "recurrent_initializer_",
    "output_shape",
    "mask_zero_",
    "dtype_",
}


def _family(name: str) -> tuple[str, str, str, int | None]:
    """(framework, signature key, kind, dims) of a layer class name."""
    digit = re.search(r"([123])[dD]", name)
    dims = int(digit.group(1)) if digit else None
    torch_style = name.endswith("d") and not name.endswith(("D", "Dense"))
    if name in ("Conv", "ConvTranspose", "Embed"):
        kind = {"Conv": "conv", "ConvTranspose": "transposed"}.get(name, "embedding")
        key = {"Conv": "Conv", "ConvTranspose": "Transposed"}.get(name, "Embedding")
        return "flax", key, kind, None
    if name in ("Dense",):
        return "keras", "Dense", "dense", None
    if name in ("Linear", "LazyLinear"):
        return "torch", "Linear", "dense", None
    if "Transpose" in name:
        return ("torch" if torch_style else "keras"), "Transposed", "transposed", dims
    if name.startswith("DepthwiseConv"):
        return "keras", "DepthwiseConv", "depthwise", dims
    if name.startswith("SeparableConv"):
        return "keras", "SeparableConv", "separable", dims
    if name.startswith("Conv"):
        return ("torch" if torch_style else "keras"), "Conv", "conv", dims
    if name == "Embedding":
        return "", "Embedding", "embedding", None
    if name in ("LSTM", "GRU", "SimpleRNN", "RNN"):
        kind = {"LSTM": "lstm", "GRU": "gru"}.get(name, "rnn")
        return "", "Recurrent", kind, None
    if name == "BatchNormalization":
        return "keras", "BatchNormalization", "batchnorm", None
    if name.startswith("BatchNorm"):
        return "torch", "BatchNorm", "batchnorm", None
    if name == "LayerNormalization":
        return "keras", "LayerNormalization", "layernorm", None
    if name == "LayerNorm":
        return "torch", "LayerNorm", "layernorm", None
    if name == "GroupNorm":
        return "torch", "GroupNorm", "groupnorm", None
    if name == "GroupNormalization":
        return "keras", "GroupNormalization", "groupnorm", None
    if name == "MultiheadAttention":
        return "torch", "MultiheadAttention", "mha", None
    if name == "MultiHeadAttention":
        return "keras", "MultiHeadAttention", "mha", None
    return "sklearn", "MLP", "mlp", None


def _closing(text: str, open_at: int) -> int | None:
    depth = 0
    for index in range(open_at, min(len(text), open_at + 400)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return None


def _framework(text: str, start: int, name: str, guessed: str) -> str:
    """The call's framework: ``nn.``/``torch.`` prefixes are PyTorch, ``layers.``/``keras.``
    Keras; an unprefixed Embedding or recurrent call says nothing."""
    prefix = text[max(0, start - 20) : start]
    written = text[start : start + 40]
    if guessed == "flax" or (name == "Dense" and re.match(r"nn\.Dense\(", written)):
        return "flax"  # PyTorch has no ``nn.Dense``: the ``nn`` of ``flax.linen``
    if re.search(r"\b(?:nn|torch)\.\w*$", prefix) or re.match(r"(?:nn|torch)\.", written):
        return "torch"
    if re.search(r"\b(?:layers|keras|tf)\.\w*$", prefix) or re.match(
        r"(?:layers|keras|tf)\.", written
    ):
        return "keras"
    return guessed


def read_calls(text: str, start: int, end: int) -> list[LayerCall]:
    calls: list[LayerCall] = []
    for match in _CALL.finditer(text, start, end):
        close = _closing(text, match.end() - 1)
        if close is None or close > end:
            continue
        written = text[match.start() : close]
        try:
            call = ast.parse(" ".join(written.split()), mode="eval").body
        except SyntaxError:
            continue
        if not isinstance(call, ast.Call):
            continue
        name = match.group("name")
        if name == "Bidirectional":
            continue  # the wrapped call is read on its own; the flag comes from the words
        guessed, key, kind, dims = _family(name)
        framework = _framework(text, match.start(), name, guessed)
        positional = _POSITIONAL.get((framework or "keras", key), ())
        if not framework and key == "Embedding":
            # both frameworks take the table's rows, then its width
            positional = _POSITIONAL[("keras", key)]
        if not framework and key == "Recurrent":
            positional = _POSITIONAL[("keras", key)] if len(call.args) <= 1 else ()
        arguments = list(zip(positional, call.args, strict=False)) + [
            (keyword.arg or "", keyword.value) for keyword in call.keywords
        ]
        found: list[Size] = []
        flags: set[str] = set()
        if len(call.args) > len(positional):
            flags.add("unsupported")
        for parameter, node in arguments:
            value = literal_value(node)
            if parameter in _UNSUPPORTED:
                flags.add("unsupported")
            if parameter in ("bias", "use_bias") and value is False:
                flags.add("no_bias")
            if parameter == "bidirectional" and value is True:
                flags.add("bidirectional")
            if parameter == "reset_after":
                flags.add("reset_after" if value is True else "no_reset_after")
            if parameter == "input_shape" and isinstance(value, tuple) and value:
                last = value[-1]
                if type(last) is int:
                    found.append(Size("inputs", (last,), match.start(), close))
                continue
            role = _ROLE_OF.get(parameter)
            if framework == "flax" and parameter == "features":
                role = _FLAX_FEATURES.get(kind)
            if role is None:
                continue
            if kind == "embedding" and parameter == "input_dim":
                role = "vocab"
            if type(value) is int:
                found.append(Size(role, (value,), match.start(), close))
            elif isinstance(value, (tuple, list)) and all(type(v) is int for v in value):
                found.append(Size(role, tuple(value), match.start(), close))
            elif value is not None or role in ("hidden",):
                flags.add("unsupported")  # a size the reading cannot evaluate
        prefix = text[max(0, match.start() - 30) : match.start()]
        if re.search(r"Bidirectional\(\s*(?:[\w.]+\.)?$", prefix):
            flags.add("bidirectional")
        calls.append(
            LayerCall(kind, framework, dims, tuple(found), frozenset(flags), match.start(), close)
        )
    return calls


# --------------------------------------------------------------------------- words

KIND_WORDS = (
    ("depthwise", lazy_regex(r"\bdepth-?wise\b(?![- ]separable)", re.I)),
    ("separable", lazy_regex(r"\bseparable\b", re.I)),
    (
        "transposed",
        # "ConvT 256 → 128": the usual short name of a transposed convolution
        lazy_regex(r"\btransposed?\s+conv\w*|\bdeconv\w*|\bConv\w*Transpose|\bConvT\b", re.I),
    ),
    (
        "conv",
        lazy_regex(
            r"\bconv(?:olution(?:al)?)?(?:[123]d)?\b(?![- ]?(?:output|block|net|stack|layers\b))",
            re.I,
        ),
    ),
    (
        "dense",
        lazy_regex(
            r"\bdense\b|\bfully[-\s]connected\b|\blinear\s+layers?\b|\bnn\.Linear\b"
            r"|\b(?:logistic|linear|softmax)\s+regression\b|\bclassifier\s+head\b",
            re.I,
        ),
    ),
    ("mlp", lazy_regex(r"\bMLP\w*|\bmulti-?layer\s+perceptron", re.I)),
    (
        "embedding",
        lazy_regex(
            r"(?<!dimensional\s)(?<!dim\s)(?<!-d\s)(?<!word\s)(?<!token\s)(?<!sentence\s)"
            r"(?<!positional\s)(?<!input\s)\bembedding(?!s\b)(?![-_ ]dim)",
            re.I,
        ),
    ),
    ("lstm", lazy_regex(r"\bLSTMs?\b|long\s+short-term", re.I)),
    ("gru", lazy_regex(r"\bGRUs?\b|gated\s+recurrent", re.I)),
    ("rnn", lazy_regex(r"\b(?:SimpleRNN|RNN|vanilla\s+recurrent|Elman)\b", re.I)),
    ("batchnorm", lazy_regex(r"\bbatch[-\s]?norm\w*", re.I)),
    ("layernorm", lazy_regex(r"\blayer[-\s]?norm\w*|\bRMSNorm\b", re.I)),
    ("groupnorm", lazy_regex(r"\bgroup[-\s]?norm\w*|\binstance[-\s]?norm\w*", re.I)),
    ("mha", lazy_regex(r"\bmulti-?head(?:ed)?\b|\battention\b", re.I)),
    # a ConvLSTM cell: one convolution over [x, h] to the four gates' channels
    ("convlstm", lazy_regex(r"\bconv-?LSTM(?:[12]D)?(?:\s+cell)?\b", re.I)),
    ("other", lazy_regex(r"\bpool\w*\b|\bcapsule|\bhighway\b", re.I)),
)

# (role, pattern with group v); the patterns read sizes in words
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("in_channels", lazy_regex(rf"\b(?P<v>{N})\s+input\s+(?:channels|ch)\b", re.I)),
    # "64 hidden ch", "32 hidden channels": a recurrent cell's state width
    ("units", lazy_regex(rf"\b(?P<v>{N})\s+hidden\s+(?:channels|ch)\b", re.I)),
    ("in_channels", lazy_regex(rf"\bin_channels\s*=\s*(?P<v>{N})", re.I)),
    (
        "in_channels",
        lazy_regex(
            rf"\b(?:input|image|map|tensor)s?\s+(?:with|of|has|having)\s+(?P<v>{N})\s+channels\b",
            re.I,
        ),
    ),
    ("in_channels", lazy_regex(rf"\b(?:from|on)\s+(?P<v>{N})\s+(?:input\s+)?channels\b", re.I)),
    # "the input stack (82 channels)", "an RGB input image (3 channels)": the input's aside
    (
        "in_channels",
        lazy_regex(
            rf"\binputs?\b(?:[ \t]+[\w-]+){{0,3}}[ \t]*\([ \t]*(?P<v>{N})[ \t]+channels\b", re.I
        ),
    ),
    # "over 12 sensor channels", "on 40 MFCC channels": one word says what the channels carry
    (
        "in_channels",
        lazy_regex(
            rf"\b(?:from|on|over|across)\s+(?:the\s+|its\s+)?(?P<v>{N})\s+"
            r"(?!(?:output|out|hidden|input)\b)[A-Za-z][\w-]*\s+channels\b",
            re.I,
        ),
    ),
    (
        "in_channels",
        lazy_regex(
            rf"\b(?P<v>{N})\s*(?:\N{{RIGHTWARDS ARROW}}|->)\s*{N}\s+(?:output\s+)?channels\b", re.I
        ),
    ),
    (
        "filters",
        lazy_regex(
            rf"\b{N}\s*(?:\N{{RIGHTWARDS ARROW}}|->)\s*(?P<v>{N})\s+(?:output\s+)?channels\b", re.I
        ),
    ),
    (
        "filters",
        lazy_regex(rf"\b(?P<v>{N})\s+(?:output\s+channels|filters|out\s+channels)\b", re.I),
    ),
    (
        "in_channels",
        lazy_regex(
            rf"\b{N}{_X}{N}{_X}(?P<v>{N})\s+(?:RGB\s+|colou?r\s+|input\s+)?"
            r"(?:images?|inputs?|tensors?|feature\s+maps?|maps?|volumes?|activations?)\b",
            re.I,
        ),
    ),
    ("filters", lazy_regex(rf"\b(?:out_channels|filters)\s*=\s*(?P<v>{N})", re.I)),
    ("channels", lazy_regex(rf"\b(?P<v>{N})(?:[- ]channels?\b|\s+feature\s+maps\b)", re.I)),
    ("channels", lazy_regex(rf"(?<!\d )\bchannels?\s*(?:=|:)\s*(?P<v>{N})\b", re.I)),
    (
        "kernel",
        lazy_regex(
            rf"\b(?P<v>{N}(?:{_X}{N}){{1,2}})(?:\s+|-)(?:(?:depth-?wise|separable|transposed)\s+)?"
            r"(?:kernels?|conv\w*|filters?|windows?|depth-?wise)\b",
            re.I,
        ),
    ),
    (
        "kernel",
        lazy_regex(
            rf"\bkernel(?:[ _]size)?s?\s*(?:=|:|of|is)?\s*\(?"
            rf"(?P<v>{N}(?:\s*[,x\N{{MULTIPLICATION SIGN}}]\s*{N}){{0,2}})\b",
            re.I,
        ),
    ),
    (
        "units",
        lazy_regex(
            rf"\b(?P<v>{N})\s+(?:(?:hidden|recurrent|output|ReLU|tanh|sigmoid|softmax|GELU|SiLU"
            r"|linear|LSTM|GRU)\s+){0,2}(?:units|neurons|cells)\b",
            re.I,
        ),
    ),
    ("units", lazy_regex(rf"\b(?:hidden[ _]size|units)\s*(?:=|:|of|is)?\s*(?P<v>{N})\b", re.I)),
    (
        "inputs",
        lazy_regex(
            rf"\b(?P<v>{N})(?:\s+input)?\s+(?:features|inputs|input\s+(?:dimensions|values))\b",
            re.I,
        ),
    ),
    (
        "inputs",
        lazy_regex(
            rf"\b(?P<v>{N})[- ]?(?:dim(?:ensional)?|d)\s+(?:inputs?|features?|vectors|"
            r"input\s+(?:vectors|features))\b",
            re.I,
        ),
    ),
    (
        "inputs",
        lazy_regex(
            # one vector that goes into the layer: "64-d GAP vector → 12 classes", "from a
            # 512-d feature vector" (not "gives a 64-d vector", the layer's output)
            rf"\b(?P<v>{N})[- ]?(?:dim(?:ensional)?|d)\s+(?:[\w-]+\s+){{0,2}}?vectors?"
            r"\s*(?:\N{RIGHTWARDS ARROW}|->|=>|\bto\b|\binto\b)"
            rf"|\b(?:on|from|takes?|maps?|given)\s+(?:an?\s+|the\s+)?(?P<w>{N})[- ]?"
            r"(?:dim(?:ensional)?|d)\s+(?:[\w-]+\s+){0,2}?vectors?\b",
            re.I,
        ),
    ),
    (
        "inputs",
        lazy_regex(
            rf"\b(?:input[ _](?:size|dim)|in_features)\s*(?:=|:|of|is)?\s*(?P<v>{N})\b", re.I
        ),
    ),
    (
        "inputs",
        lazy_regex(rf"\binput_shape\s*=\s*\(\s*(?:(?:None|{N})\s*,\s*)*(?P<v>{N})\s*,?\s*\)", re.I),
    ),
    (
        "vocab",
        lazy_regex(
            # a categorical feature's categories are its embedding's rows ("- categories: 20",
            # "20 distinct categories"), read as a vocabulary only by an embedding
            rf"\b(?:vocab(?:ulary)?(?:[ _]size)?|(?:num_|n_)?categories)\s*(?:=|:|of|is)?\s*"
            rf"(?P<v>{N})\b"
            rf"|\b(?P<w>{N})[- ](?:(?:word|token|entry|entries)\s+vocab"
            rf"|(?:distinct\s+|unique\s+|possible\s+)?categories\b)",
            re.I,
        ),
    ),
    (
        "dim",
        lazy_regex(
            rf"\b(?P<v>{N})[- ]?(?:dim(?:ensional)?|d)\s+(?:embeddings?|(?:word\s+)?vectors?)\b"
            rf"|\bembedding[ _](?:dim(?:ension)?|size)\s*(?:=|:|of|is)?\s*(?P<w>{N})\b",
            re.I,
        ),
    ),
    (
        "outputs",
        lazy_regex(
            rf"\b(?P<v>{N})\s+(?:regression\s+)?targets?\b"
            r"|\b(?P<w>one|a\s+single)\s+(?:regression\s+)?(?:target|output)\b",
            re.I,
        ),
    ),
    ("classes", lazy_regex(rf"\b(?P<v>{N})\s+(?:output\s+)?classes\b|\b(?P<w>{N})-way\b", re.I)),
    (
        "width",
        lazy_regex(
            rf"\b(?:d_?model|embed_dim|model\s+(?:width|dimension))\s*(?:=|:|of|is)?\s*(?P<v>{N})\b",
            re.I,
        ),
    ),
    ("multiplier", lazy_regex(rf"\bdepth[ _]multiplier\s*(?:=|:|of|is)?\s*(?P<v>{N})\b", re.I)),
    (
        "groups",
        lazy_regex(
            rf"\b(?:groups|num_groups)\s*(?:=|:)\s*(?P<v>{N})\b|\b(?P<w>{N})\s+groups\b", re.I
        ),
    ),
)
# a role pattern's number that is an operand of a formula, not a stated size
_OPERATOR_AFTER = lazy_regex(r"\s*(?:[=+\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}/^-]\s*\d)")
# "3 x 3 = 9" is a result, "groups=2" and "d_model = 512" are settings
_OPERATOR_BEFORE = lazy_regex(r"(?:[+\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}/^]|[\d)]\s*=)\s*$")

# "(32, 32, 3)", "(N, 3, 224, 224)": the channel axis is the one unlike the two spatial ones
_SHAPE3 = lazy_regex(
    rf"\bshape\s*(?:of\s*|=\s*|:\s*)?\(\s*(?:(?:None|N|B|batch|{N})\s*,\s*)?"
    rf"(?P<a>{N})\s*,\s*(?P<b>{N})\s*,\s*(?P<c>{N})\s*,?\s*\)",
    re.I,
)
# "from 4096 to 1000", "4096 → 1000" (plain numbers, not sizes written with x)
_FROM_TO = lazy_regex(
    rf"\bfrom\s+(?P<a>{N})(?:[- ]\w+){{0,2}}?\s+to\s+(?P<b>{N})\b(?![\N{{MULTIPLICATION SIGN}}x]\d)"
    rf"|(?<![\N{{MULTIPLICATION SIGN}}x\d,])(?P<c>{N})\s*(?:\N{{RIGHTWARDS ARROW}}|->)\s*"
    rf"(?P<d>{N})\b(?!\s*[\N{{MULTIPLICATION SIGN}}x]\s*\d)"
    # "in 82 -> out 64", "in: 128, out: 256": each side named
    rf"|\bin[ \t]*[:=]?[ \t]*(?P<e>{N})[ \t]*(?:\N{{RIGHTWARDS ARROW}}|->|,|;)[ \t]*"
    rf"out[ \t]*[:=]?[ \t]*(?P<f>{N})\b",
    re.I,
)
WITH_BIAS = lazy_regex(
    r"\bwith\s+(?:a\s+|the\s+|its\s+)?bias(?:es)?\b|\b(?:use_)?bias\s*=\s*True\b"
    r"|\bincl(?:uding|\.)?\s+(?:the\s+)?bias(?:es)?\b|\bbiases\s+included\b|\bplus\s+(?:a\s+|one\s+)?bias"
    # session 34: "bias on by default", "biases enabled", "one bias per filter"
    r"|\bbias(?:es)?\s+(?:is\s+|are\s+)?(?:on|enabled)\b(?!\s+(?:the|a|an|each|every)\b)"
    r"|\b(?:one|a)\s+bias\s+per\s+(?:filter|unit|channel|output|neuron|kernel)\b"
    r"|\b(?:it|they|layer)\s+(?:has|have|keeps?)\s+(?:a\s+|its\s+|their\s+)?bias(?:es)?\b",
    re.I,
)
NO_BIAS = lazy_regex(
    r"\b(?:without|no)\s+(?:an?\s+|the\s+|any\s+)?bias(?:es|\s+terms?|\s+vectors?)?\b"
    r"|\b(?:use_)?bias\s*[=:]\s*False\b|\bbias[- ]free\b|\bbias\s+is\s+dropped\b",
    re.I,
)
# "single-channel CT volumes", "a mono audio signal": an input of one channel
_ONE_CHANNEL = lazy_regex(
    r"\b(?:single|one|1)[- ]channel\s+(?:[\w-]+\s+)?(?:inputs?|images?|volumes?|scans?|maps?|"
    r"signals?|audio|spectrograms?|data|waveforms?)\b|\bmono(?:phonic)?\s+(?:audio|signal|waveform)",
    re.I,
)
# A vocabulary followed by a row more than it counts: "(plus one for unknown)", "+ 1 OOV row",
# "and a padding index".
_EXTRA_ROW = lazy_regex(
    r"[^\n.;]{0,12}?(?:\+\s*1\b|\bplus\s+(?:one|1|an?)\b|\b(?:and|with)\s+(?:one|an?)\s+"
    r"(?:extra|more|additional|padding|OOV|unknown)\b|\b(?:OOV|unknown|padding)\s+(?:row|token|index))",
    re.I,
)
_FRAMEWORK_WORDS = (
    ("torch", lazy_regex(r"\bPyTorch\b|\btorch\b|\bnn\.", re.I)),
    ("keras", lazy_regex(r"\bKeras\b|\bTensorFlow\b|\btf\.keras\b|\blayers\.", re.I)),
)


_OTHER_SCENARIO = lazy_regex(
    r"\b(?:if|would|could|might|were|instead|otherwise|unlike|versus|vs|compared|rather|"
    r"whereas|drops?|dropping|dropped|saves?|removes?|removing)\b",
    re.I,
)
_SENTENCE_END = lazy_regex(r"[.;!?](?=\s)|\n")


def _other_scenario(view: str, offset: int) -> bool:
    """Whether the sentence at ``offset`` states another scenario than the note's."""
    start = 0
    for match in _SENTENCE_END.finditer(view, max(0, offset - 300), offset):
        start = match.end()
    end_match = _SENTENCE_END.search(view, offset)
    end = end_match.start() if end_match else len(view)
    return bool(_OTHER_SCENARIO.search(view, start, end))


_PART_HAS_BIAS = lazy_regex(
    r"\b(?:each|every)\s+(?:one\s+)?(?:of\s+(?:the|its)\s+)?(?:\d+\s+|\w+\s+)?"
    r"(?:gates?|units?|neurons?|filters?)\b[^.\n]{0,120}?\b(?:has|have|owns?|gets?|keeps?|holds?)"
    r"\b[^.\n]{0,120}?\b(?:an?|one|its\s+own|its)\s+bias(?:\s+(?:vector|term))?\b",
    re.I,
)


# a config key in quotes ("vocab_size": 32128, 'd_model': 512): the key without its quotes
_QUOTED_KEY = lazy_regex(r"""(["'])(?P<key>[A-Za-z_]\w*)\1(?=\s*[:=])""")
# a LaTeX subscript whose braces the view blanked ("d_ model " from d_{model})
_SPACED_SUBSCRIPT = lazy_regex(r"(?<=[A-Za-z]_) (?P<sub>\w+) ")
# a symbol named between a size's words and its value ("vocabulary V = 30,522", "hidden size
# d = 768", "kernel k = 3"): the words' value
_NAMED_SYMBOL = lazy_regex(r"(?<=[A-Za-z])(?P<gap>\s+[A-Za-z](?:_\w{1,3})?\s*=\s*)(?=\d)")


@functools.lru_cache(maxsize=16)
def plain_view(view: str) -> str:
    """The view with config keys unquoted, LaTeX subscripts closed up and a symbol between a
    size's words and its value blanked, same length: the role patterns read "vocab_size: N",
    "d_model = N", "vocabulary N" in each of those forms."""
    view = _QUOTED_KEY.sub(lambda m: " " + m.group("key") + " ", view)
    view = _SPACED_SUBSCRIPT.sub(lambda m: m.group("sub") + "  ", view)
    return _NAMED_SYMBOL.sub(lambda m: " " * len(m.group("gap")), view)


def read_words(view: str, start: int, end: int, setting: ParamSetting) -> None:
    for kind, pattern in KIND_WORDS:
        if pattern.search(view, start, end):
            setting.kinds.add(kind)
    plain = plain_view(view)
    for role, pattern in _ROLE_PATTERNS:
        for match in pattern.finditer(plain, start, end):
            group = "v" if match.group("v") is not None else "w"
            begin, finish = match.span(group)
            if "\n" in view[match.start() : begin]:
                continue  # "… 32 units:" then a formula on the next line: no size of the words
            # an operator before the value counts where the pattern's own words do not stand
            # there ("28 x 28 x 1 image" writes its channels after a sign on purpose)
            if _OPERATOR_AFTER.match(view, finish) or (
                begin == match.start() and _OPERATOR_BEFORE.search(view, max(0, begin - 3), begin)
            ):
                continue
            value = sizes(match.group(group)) or (1,)  # "one target", "a single output"
            if role == "kernel" and "," in match.group(group) and len(value) > 3:
                continue
            setting.sizes.append(Size(role, value, begin, finish))
            if role == "vocab" and len(value) == 1 and _EXTRA_ROW.match(view, finish):
                # "20 (plus one row for unknown)": the table has a row more; both are stated
                setting.sizes.append(Size(role, (value[0] + 1,), begin, finish))
    for match in _SHAPE3.finditer(view, start, end):
        a, b, c = (number(match.group(g)) for g in ("a", "b", "c"))
        channels = a if b == c != a else (c if a == b != c else None)
        if channels is not None:
            setting.sizes.append(Size("in_channels", (channels,), *match.span()))
    for match in _FROM_TO.finditer(view, start, end):
        source, target = next(
            (a, b) for a, b in (("a", "b"), ("c", "d"), ("e", "f")) if match.group(a)
        )
        setting.sizes.append(Size("map_from", (number(match.group(source)),), *match.span(source)))
        setting.sizes.append(Size("map_to", (number(match.group(target)),), *match.span(target)))
    if re.search(r"\bRGB\b", view[start:end]):
        setting.sizes.append(Size("in_channels", (3,), start, start))
    if _ONE_CHANNEL.search(view, start, end):
        setting.sizes.append(Size("in_channels", (1,), start, start))
    if re.search(r"\bgr[ae]yscale\b", view[start:end], re.I):
        setting.sizes.append(Size("in_channels", (1,), start, start))
    # a bias setting of a hypothetical or contrasted sentence is another scenario's: the
    # note then has two scenarios, and either count may be meant
    for flag, pattern in (("no_bias", NO_BIAS), ("with_bias", WITH_BIAS)):
        for match in pattern.finditer(view, start, end):
            setting.flags.add(flag)
            if _other_scenario(view, match.start()):
                setting.flags |= {"no_bias", "with_bias"}
    # "each of the 4 gates has … and a bias (128)": the note counts the biases
    if _PART_HAS_BIAS.search(view, start, end) and "no_bias" not in setting.flags:
        setting.flags.add("with_bias")
    if re.search(r"\bbidirectional\b(?!\s*=\s*False)", view[start:end], re.I):
        setting.flags.add("bidirectional")
    if re.search(r"reset_after\s*=\s*False", view[start:end]):
        setting.flags.add("no_reset_after")
    if re.search(r"reset_after(?!\s*=\s*False)", view[start:end]):
        setting.flags.add("reset_after")
    for framework, pattern in _FRAMEWORK_WORDS:
        if pattern.search(view, start, end):
            setting.flags.add(framework)
    for match in re.finditer(r"\b([123])-?D\b", view[start:end]):
        setting.dims.add(int(match.group(1)))


# "inputs of shape (batch, 100, 16)", "x.shape = (N, 8, 16, 32, 32)": a batch axis by name,
# then the input's own axes
_BATCHED_SHAPE = lazy_regex(
    rf"\bshape\s*(?:of\s*|=\s*|:\s*)?\(\s*(?:None|N|B|batch(?:[ _]size)?)\s*,\s*"
    rf"(?P<axes>{N}(?:\s*,\s*{N})+)\s*,?\s*\)",
    re.I,
)
_CONV_KINDS = frozenset({"conv", "transposed", "depthwise", "separable"})


def _shaped_channels(view: str, start: int, end: int, setting: ParamSetting) -> None:
    """The input channels of a batched input shape, for the one convolution the span calls:
    a D-dimensional conv reads D + 1 axes, its channels last in Keras ("(batch, 100, 16)" for
    a ``Conv1D``: 100 steps of 16 channels) and first in PyTorch ("(N, 16, 100)"). Any other
    number of axes, or several kinds of layer, say nothing about the channels."""
    layers = {(call.kind, call.framework, call.dims) for call in setting.calls}
    if len(layers) != 1:
        return
    kind, framework, dims = next(iter(layers))
    if kind not in _CONV_KINDS or dims is None or framework not in ("keras", "torch"):
        return
    if "channels_first" in view[start:end]:
        return  # a Keras layer told to read its channels first: the order is the note's own
    for match in _BATCHED_SHAPE.finditer(view, start, end):
        axes = sizes(match.group("axes"))
        if len(axes) == dims + 1:
            channels = axes[-1] if framework == "keras" else axes[0]
            setting.sizes.append(Size("in_channels", (channels,), *match.span("axes")))


def read_setting(text: str, view: str, start: int, end: int) -> ParamSetting:
    """Every layer and size ``view[start:end]`` states (calls read from the note's ``text``)."""
    setting = ParamSetting()
    setting.calls = read_calls(text, start, end)
    read_words(view, start, end, setting)
    _shaped_channels(view, start, end, setting)
    # a size written inside a call is the call's own (read from its arguments)
    setting.sizes = [
        item
        for item in setting.sizes
        if not any(call.start <= item.start < call.end for call in setting.calls)
    ]
    if stage_trace.on() and (setting.calls or len({item.role for item in setting.sizes}) > 1):
        # a layer call, or sizes of two roles: a set-up of a parameter count
        at = setting.calls[0].start if setting.calls else setting.sizes[0].start
        stage_trace.record("setup", stage_trace.PARAMS, at)
    return setting
