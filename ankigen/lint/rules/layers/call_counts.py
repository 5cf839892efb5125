"""AG104 for a code block that builds ONE framework layer and states its count: in the comment
of the layer's line ("# 1,152 parameters") or as what the block prints
(``print(model.count_params())``, ``print(sum(p.numel() for p in layer.parameters()))``)
in the output block right after it. The count must be what the framework reports
(param_formulas.layer_counts, proven against the real PyTorch and Keras): the call's own
arguments, the libraries' defaults, and for Keras the one ``keras.Input(shape=…)`` of the block.

The block is read with Python's parser: a block that does not parse, builds several weighted
layers, leaves an argument that is no literal, or a Keras layer without its input, is left to
the other readings.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ankigen.lint.document import CodeBlock, Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.output_blocks import output_block_after
from ankigen.lint.rules.layers.param_formulas import KERAS, TORCH, layer_counts

# Positional arguments of the constructors a note calls (the rest by keyword).
_TORCH_POSITIONAL: dict[str, tuple[str, ...]] = {
    "Linear": ("in_features", "out_features", "bias"),
    "Bilinear": ("in1_features", "in2_features", "out_features", "bias"),
    "Embedding": ("num_embeddings", "embedding_dim"),
    "EmbeddingBag": ("num_embeddings", "embedding_dim"),
    "LayerNorm": ("normalized_shape",),
    "RMSNorm": ("normalized_shape",),
    "GroupNorm": ("num_groups", "num_channels"),
    "PReLU": ("num_parameters",),
    "MultiheadAttention": ("embed_dim", "num_heads"),
    "TransformerEncoderLayer": ("d_model", "nhead", "dim_feedforward"),
    **{
        f"{name}{dims}d": ("in_channels", "out_channels", "kernel_size")
        for name in ("Conv", "ConvTranspose")
        for dims in (1, 2, 3)
    },
    **{
        f"{name}{dims}d": ("num_features",)
        for name in ("BatchNorm", "InstanceNorm")
        for dims in (1, 2, 3)
    },
    **{name: ("input_size", "hidden_size", "num_layers") for name in ("RNN", "LSTM", "GRU")},
    **{f"{name}Cell": ("input_size", "hidden_size", "bias") for name in ("RNN", "LSTM", "GRU")},
}
_KERAS_POSITIONAL: dict[str, tuple[str, ...]] = {
    "Dense": ("units",),
    "Embedding": ("input_dim", "output_dim"),
    "DepthwiseConv2D": ("kernel_size",),
    "BatchNormalization": (),
    "LayerNormalization": (),
    "GroupNormalization": ("groups",),
    "MultiHeadAttention": ("num_heads", "key_dim", "value_dim"),
    **{name: ("units",) for name in ("SimpleRNN", "LSTM", "GRU")},
    **{
        name: ("filters", "kernel_size")
        for name in ("Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "SeparableConv2D")
    },
}
# Keras layers whose count does not depend on the input.
_KERAS_WITHOUT_INPUT = frozenset({"Embedding"})
_TORCH_MODULES = frozenset({"nn", "torch.nn"})
_KERAS_MODULES = frozenset({"layers", "keras.layers", "tf.keras.layers"})
# The count a layer line's comment states: "# 1,152 parameters", "# params: 640".
_COMMENT_COUNT = lazy_regex(
    r"#\s*(?:(?:total\s+)?param(?:eter)?s?\s*[:=]\s*)?(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
    r"\s*(?:(?:trainable\s+)?param(?:eter)?s\b)?",
    re.I,
)
_COUNTER = lazy_regex(r"count_params\(\)|\.numel\(\)")
_TRAINABLE_ONLY = lazy_regex(r"requires_grad|trainable")
_BARE_COUNT = lazy_regex(r"\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*")


@dataclass(frozen=True)
class _Call:
    framework: str
    name: str
    config: dict[str, Any]
    line: int  # 0-based line of the block where the call starts


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _layer_call(node: ast.Call) -> _Call | bool | None:
    """The layer a call builds; ``None`` for no layer call, ``False`` for one not readable."""
    dotted = _dotted(node.func)
    module, _, name = dotted.rpartition(".")
    if module in _TORCH_MODULES and name in _TORCH_POSITIONAL:
        framework, positional = TORCH, _TORCH_POSITIONAL[name]
    elif (module in _KERAS_MODULES or (not module and name in _KERAS_POSITIONAL)) and (
        name in _KERAS_POSITIONAL
    ):
        framework, positional = KERAS, _KERAS_POSITIONAL[name]
    else:
        return None
    config: dict[str, Any] = {}
    try:
        if len(node.args) > len(positional):
            return False
        for key, argument in zip(positional, node.args, strict=False):
            config[key] = ast.literal_eval(argument)
        for keyword in node.keywords:
            if keyword.arg is None:
                return False
            config[keyword.arg] = ast.literal_eval(keyword.value)
    except ValueError:
        return False
    return _Call(framework, name, config, node.lineno - 1)


def _input_shapes(tree: ast.AST) -> list[tuple[int | None, ...]]:
    shapes = []
    for node in ast.walk(tree):
        built = _built_shape(node)
        if built is not None:
            shapes.append(built)
        if isinstance(node, ast.Call) and _dotted(node.func).rpartition(".")[2] == "Input":
            for keyword in [*node.keywords, *(ast.keyword("shape", arg) for arg in node.args[:1])]:
                if keyword.arg == "shape":
                    try:
                        shape = ast.literal_eval(keyword.value)
                    except ValueError:
                        return []
                    if isinstance(shape, tuple):
                        shapes.append((None, *shape))
    return shapes


def _built_shape(node: ast.AST) -> tuple[int | None, ...] | None:
    """The input a Keras layer is built on by hand, batch axis first: ``conv.build((None, 40,
    40, 256))`` or ``conv.build(input_shape=(None, 32))``."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    if node.func.attr != "build" or len(node.args) + len(node.keywords) != 1:
        return None
    argument = node.args[0] if node.args else node.keywords[0].value
    if node.keywords and node.keywords[0].arg != "input_shape":
        return None
    try:
        shape = ast.literal_eval(argument)
    except ValueError:
        return None
    if not isinstance(shape, (tuple, list)) or len(shape) < 2:
        return None
    if not all(size is None or isinstance(size, int) for size in shape):
        return None
    return tuple(shape)


def _one_layer(code: str) -> tuple[_Call, tuple[int, int]] | None:
    """The block's one weighted layer and its (total, trainable) counts."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    calls: dict[str, _Call] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found = _layer_call(node)
            if found is False:
                return None
            if isinstance(found, _Call):
                calls.setdefault(ast.unparse(node), found)
    distinct = {(c.framework, c.name, repr(sorted(c.config.items()))) for c in calls.values()}
    if len(distinct) != 1:
        return None
    call = min(calls.values(), key=lambda c: c.line)
    shape: Sequence[int | None] = ()
    if call.framework == KERAS and call.name not in _KERAS_WITHOUT_INPUT:
        shapes = set(_input_shapes(tree))
        if len(shapes) != 1:
            return None
        shape = shapes.pop()
        if not shape or shape[-1] is None:
            return None
    try:
        counts = layer_counts(call.framework, call.name, call.config, shape)
    except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError):
        return None
    if counts is None:
        return None
    return call, (counts.total, counts.trainable)


# What a counting print shows, as its own line's comment or a comment line right below it:
# "# 576", "# -> 18,432", "# prints 640".
_SHOWN_COUNT = lazy_regex(
    r"#[ \t]*(?:(?:->|=>|\N{RIGHTWARDS ARROW}|prints?:?|output:?)[ \t]*)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)[ \t]*$",
    re.I,
)


def _commented_count(document: LintDocument, block: CodeBlock) -> tuple[int, int, int, str] | None:
    """The count the block's counting print shows in a comment, on the print's line or on the
    comment line right after it: (value, start, end, the print's line)."""
    lines = block.code.split("\n")
    for number, line in enumerate(lines):
        code = line.split("#", 1)[0]
        if not code.lstrip().startswith("print(") or not _COUNTER.search(code):
            continue
        shown = _SHOWN_COUNT.search(line)
        at = number
        if shown is None and number + 1 < len(lines) and lines[number + 1].lstrip().startswith("#"):
            shown, at = _SHOWN_COUNT.fullmatch(lines[number + 1].strip()), number + 1
            if shown is not None:
                shown = _SHOWN_COUNT.search(lines[at])
        if shown is None:
            continue
        start = document.offset_of_line(block.first_line + at) + block.indent + shown.start("n")
        return int(shown["n"].replace(",", "")), start, start + len(shown["n"]), code
    return None


def _layer_calls(code: str) -> int:
    """How many layer calls the block writes, each one counted (alike ones too)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return 0
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(_layer_call(node), _Call)
    )


def _summed_layers(code: str) -> tuple[_Call, tuple[int, int]] | None:
    """Several PyTorch layers, each built once under a name, whose parameters one counting
    print sums by naming them all: ``sum(p.numel() for m in (dw, pw) for p in m.parameters())``.
    The block's count is the sum of the layers' (the first layer stands for them all)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    built: dict[str, _Call] = {}
    for statement in tree.body:
        if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Call):
            continue
        found = _layer_call(statement.value)
        if found is False:
            return None
        if isinstance(found, _Call) and len(statement.targets) == 1:
            name = _dotted(statement.targets[0])
            if name in built or found.framework != TORCH:
                return None
            built[name] = found
    prints = [
        node
        for node in tree.body
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and _dotted(node.value.func) == "print"
        and _COUNTER.search(ast.unparse(node.value))
    ]
    if len(built) < 2 or len(prints) != 1:
        return None
    listed = [
        {_dotted(item) for item in node.elts}
        for node in ast.walk(prints[0])
        if isinstance(node, (ast.Tuple, ast.List))
    ]
    if set(built) not in listed:
        return None  # the print counts some other set of modules
    total = trainable = 0
    for call in built.values():
        try:
            counts = layer_counts(call.framework, call.name, call.config, ())
        except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError):
            return None
        if counts is None:
            return None
        total, trainable = total + counts.total, trainable + counts.trainable
    first = min(built.values(), key=lambda c: c.line)
    return first, (total, trainable)


def _printed_count(
    document: LintDocument, blocks: Sequence[CodeBlock], index: int
) -> tuple[int, int, int] | None:
    """The bare count an output block right after a counting print shows: (value, start, end)."""
    last = blocks[index].code.rstrip().rsplit("\n", 1)[-1]
    if not last.lstrip().startswith("print(") or not _COUNTER.search(last):
        return None
    following = output_block_after(document, blocks, index)
    if following is None:
        return None
    lines = [line for line in following.code.split("\n") if line.strip()]
    if len(lines) != 1:
        return None
    bare = _BARE_COUNT.fullmatch(lines[0])
    if bare is None:
        return None
    line_number = following.first_line + following.code.split("\n").index(lines[0])
    start = document.offset_of_line(line_number) + following.indent + bare.start("n")
    return int(bare["n"].replace(",", "")), start, start + len(bare["n"])


# The names other readings use: a layer call of a block and what it builds.
LayerCall = _Call
layer_call = _layer_call


# What changes a built layer's tensors or their trainable flag after it is built.
_CHANGES_TENSORS = lazy_regex(
    r"requires_grad|\.(?:weight|bias)\b|\bfreeze|\btrainable\b|\bdel\b|register_|prune"
)
# An interactive session's prompt (">>> ", IPython's "In [21]: ") and what it shows for an
# expression (a bare number, or after "Out[22]: ").
_SESSION_PROMPT = lazy_regex(r"^[ \t]*(?:>>>|In[ \t]*\[\d*\]:)[ \t]?(?P<code>.*)$")
_SESSION_SHOWN = lazy_regex(
    r"^[ \t]*(?:Out[ \t]*\[\d*\]:[ \t]*)?(?P<n>\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)[ \t]*$"
)


def _session_findings(document: LintDocument, block: CodeBlock) -> Iterator[Finding]:
    """A session that builds one layer and shows what a counter expression gives ("In [22]:
    sum(p.numel() for p in gru.parameters())", then "Out[22]: 18816"): read as the script its
    prompts write, the count shown must be what the framework reports. A statement continued
    over "..." lines makes the session unread."""
    lines = block.code.split("\n")
    statements: list[str] = []
    shown: tuple[int, re.Match[str]] | None = None
    for index, line in enumerate(lines):
        prompt = _SESSION_PROMPT.match(line)
        if prompt is None:
            if line.lstrip().startswith("..."):
                return
            continue
        statement = prompt["code"].strip()
        following = _SESSION_SHOWN.match(lines[index + 1]) if index + 1 < len(lines) else None
        if _COUNTER.search(statement) and following is not None:
            if shown is not None:
                return  # two counts shown: which layers each sums is not read here
            shown = (index + 1, following)
        statements.append(statement)
    if shown is None:
        return
    counter = lines[shown[0] - 1]
    if any(_CHANGES_TENSORS.search(line) for line in statements if line not in counter):
        return  # a tensor frozen, replaced or deleted: the framework's count is no longer it
    layer = _one_layer("\n".join(statements))
    if layer is None:
        return
    call, (total, trainable) = layer
    at, match = shown
    value = int(re.sub(r"[,_]", "", match["n"]))
    allowed = {trainable} if _TRAINABLE_ONLY.search(counter) else {total}
    if value in allowed:
        return
    start = document.offset_of_line(block.first_line + at) + block.indent + match.start("n")
    framework = "PyTorch" if call.framework == TORCH else "Keras"
    yield Finding(
        start,
        start + len(match["n"]),
        f"{framework} reports {max(allowed):,} parameters for this {call.name} layer, not "
        f"{value:,}: correct the count",
    )


def call_count_findings(document: LintDocument) -> Iterator[Finding]:
    """A one-layer block's stated or printed count that the framework would not report."""
    blocks = document.code_blocks
    for index, block in enumerate(blocks):
        if block.language.strip().lower() not in ("python", "py", "python3"):
            continue
        if _SESSION_PROMPT.match(block.code.lstrip("\n").split("\n", 1)[0]):
            yield from _session_findings(document, block)
            continue
        layer = _one_layer(block.code)
        summed = layer is None
        if layer is None:
            layer = _summed_layers(block.code)
        if layer is None:
            continue
        call, (total, trainable) = layer
        claims: list[tuple[int, int, int]] = []
        code_lines = block.code.split("\n")
        comment = (
            _COMMENT_COUNT.search(code_lines[call.line]) if call.line < len(code_lines) else None
        )
        if summed:
            comment = None  # a layer line's comment counts that layer alone
        if comment is not None and re.search(r"param", comment.group(0), re.I):
            start = document.offset_of_line(block.first_line + call.line) + block.indent
            claims.append(
                (
                    int(comment["n"].replace(",", "")),
                    start + comment.start("n"),
                    start + comment.end("n"),
                )
            )
        printed = _printed_count(document, blocks, index)
        last_line = block.code.rstrip().rsplit("\n", 1)[-1]
        commented = None
        if printed is None and (summed or _layer_calls(block.code) == 1):
            # (one call only: two alike, "Linear(64, 64)" twice, count twice in a model's print)
            commented = _commented_count(document, block)
        if commented is not None:
            printed, last_line = commented[:3], commented[3]
        if printed is not None:
            claims.append(printed)
        # a counter prints every parameter (count_params(), a numel sum over parameters()),
        # unless it keeps the trainable ones; a comment may state either
        printed_allowed = {trainable} if _TRAINABLE_ONLY.search(last_line) else {total}
        framework = "PyTorch" if call.framework == TORCH else "Keras"
        for value, start, end in claims:
            allowed = (
                printed_allowed
                if printed is not None and start == printed[1]
                else {
                    total,
                    trainable,
                }
            )
            if value in allowed:
                continue
            what = "these layers together" if summed else f"this {call.name} layer"
            yield Finding(
                start,
                end,
                f"{framework} reports {max(allowed):,} parameters for {what}, not "
                f"{value:,}: correct the count",
            )
