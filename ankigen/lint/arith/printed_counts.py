"""A parameter count that code prints for the one layer it builds: ``conv =
nn.Conv1d(40, 256, 5)`` then ``print(sum(p.numel() for p in conv.parameters()))  # 51,456``,
or a Flax module's ``Dense(features=10)`` initialised on ``jnp.ones((1, 512))`` and counted
with ``tree_leaves``. The comment's number must be the layer's count. A summary row written as
the comment of ``model.summary()`` is read like a row of the printed summary, and a comment
line that labels a count with a dense ``Sequential`` model's name (``# decoder: 25,872
params``) must give that model's count."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ankigen.lint.arith.code_arithmetic import comments_by_line, parse_commented
from ankigen.lint.arith.code_counts import summary_problems
from ankigen.lint.arith.code_layers import (
    CodeProblem,
    Layer,
    Tensor,
    built_layer,
    layer_parameters,
)
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.layers import dense_parameters
from ankigen.lint.lazy_pattern import lazy_regex

# What counts parameters: PyTorch's numel() over parameters(), Keras' count_params(), a JAX
# tree's leaves and their sizes.
_COUNTING = lazy_regex(
    r"\.numel\(\)|\.count_params\(\)|\btree_leaves\b|\btree_util\b|\.parameters\(\)"
)
# The comment's claim: its first word a count ("# 10,496", "# 5210: kernel plus bias",
# "# -> 2,570 params", "# prints 330").
_CLAIM = lazy_regex(
    r"^\s*(?:(?:->|=>|=|prints?:?|output:?)\s*)?"
    # a worked count gives its result after its "=": "# 3 * (7 * 7 * 64) = 9,408"
    r"(?:[\d \t()*x\N{MULTIPLICATION SIGN}/+-]+?=\s*)?(?P<count>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?![\d.]|\s*[x\N{MULTIPLICATION SIGN}*/+,)(-]\s*\(?\s*\d)",
    re.IGNORECASE,
)
# A comment that states a name's value: "# n == 73,856", "# total = 1,024".
_VALUE_OF = lazy_regex(r"\s*(?P<name>[A-Za-z_]\w*)\s*==?\s*(?=\d)")
# A JAX dummy input: jnp.ones((1, 512)), jnp.zeros([8, 28, 28, 1])
_DUMMY_INPUT = lazy_regex(
    r"\b(?:jnp|np|numpy)\.(?:ones|zeros|empty)\(\s*[(\[](?P<shape>[\d\s,]+)[)\]]"
)
_PARAMETRISED = lazy_regex(r"Conv\w*|Dense|Linear|Embedding|LSTM|GRU|SimpleRNN|RNN|\w*Norm\w*")
# Layers without parameters, which leave the count to the one above
_PARAMETER_FREE = lazy_regex(
    r"\w*Pool\w*|Dropout\w*|Flatten|ReLU|LeakyReLU|GELU|SiLU|Sigmoid|Tanh|Softmax|Activation"
    r"|Identity|ZeroPadding\w*|Reshape"
)


def printed_count_problems(code: str) -> Iterator[CodeProblem]:
    """The comment of a line that counts (or prints the count of) the block's one layer."""
    if not _COUNTING.search(code):
        return
    parsed = parse_commented(code)
    if parsed is None:
        return
    tree, comments = parsed
    built = [
        layer
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and (layer := built_layer(node)) is not None
    ]
    layers = [layer for layer in built if _PARAMETRISED.fullmatch(layer.name)]
    if len(layers) != 1 or any(
        not _PARAMETRISED.fullmatch(layer.name) and not _PARAMETER_FREE.fullmatch(layer.name)
        for layer in built
    ):
        return  # several layers, or a layer this check cannot count
    layer = layers[0]
    flax = "flax" in code
    counted = _flax_dense(layer, code) if flax else layer_parameters(layer, None, "")
    owner = _owner(tree, layer.call, flax)
    if counted is None or owner is None:
        return
    right, how = counted
    lines = code.split("\n")
    counters = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _counts(ast.unparse(node.value), owner)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for line, (column, text) in sorted(comments.items()):
        source = lines[line][: max(0, column - 1)]
        # a comment of its own that gives the counter's value: "# n == 73,856"
        value_of = _VALUE_OF.match(text) if not source.strip() else None
        if value_of is not None and value_of["name"] in counters:
            column, text = column + value_of.end(), text[value_of.end() :]
        elif not _counts(source, owner) and not _prints(source, counters):
            continue
        claim = _CLAIM.match(text)
        if claim is None or int(claim["count"].replace(",", "")) == right:
            continue
        start, end = (column + offset for offset in claim.span("count"))
        yield CodeProblem(
            line, start, end, f"{layer.name}: {how} parameters, not {claim['count']}", "count"
        )


def _owner(tree: ast.Module, call: ast.Call, flax: bool) -> str | None:
    """What a count of the layer names: the variable the layer is assigned to (``conv``), or
    in Flax ``params``, when the code's one module holds the layer."""
    if flax:
        classes = [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
        holds = len(classes) == 1 and any(node is call for node in ast.walk(classes[0]))
        return "params" if holds else None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and node.value is call and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                return target.id
            if isinstance(target, ast.Attribute):
                return target.attr
    return None


def _counts(source: str, owner: str) -> bool:
    """Whether code counts the parameters of ``owner``."""
    return _COUNTING.search(source) is not None and re.search(rf"\b{owner}\b", source) is not None


def _prints(source: str, counters: set[str]) -> bool:
    """Whether a line prints a name assigned the layer's count."""
    printed = re.fullmatch(r"\s*print\(\s*(?P<name>\w+)\s*\)\s*", source)
    return printed is not None and printed["name"] in counters


def _flax_dense(layer: Layer, code: str) -> tuple[int, str] | None:
    """A Flax ``Dense(features=F)`` on the one dummy input the code initialises it with."""
    if layer.name != "Dense":
        return None
    units = layer.argument(0, "features")
    widths = {
        int(shape["shape"].replace(" ", "").rstrip(",").split(",")[-1])
        for shape in _DUMMY_INPUT.finditer(code)
    }
    if not isinstance(units, int) or len(widths) != 1 or re.search(r"use_bias\s*=", code):
        return None
    inputs = widths.pop()
    right = dense_parameters(inputs, units, True)
    return right, f"{inputs} {TIMES} {units} + {units} = {right:,}"


# ``model.summary()  # lstm (LSTM)  (None, 128)  98,816``: the row the call prints, as a comment
_SUMMARY_CALL = lazy_regex(r"\.summary\(\s*\)")


def summary_comment_problems(code: str) -> Iterator[CodeProblem]:
    """A summary row written as the comment of the ``model.summary()`` call, read like a row
    of a printed summary whose layers the code builds."""
    if not _SUMMARY_CALL.search(code):
        return
    comments = comments_by_line(code)
    lines = code.split("\n")
    for line, (column, text) in sorted(comments.items()):
        if not _SUMMARY_CALL.search(lines[line][: max(0, column - 1)]):
            continue
        for problem in summary_problems(text, code, ""):
            start, end = column + problem.start, column + problem.end
            yield CodeProblem(line, start, end, problem.message, "count")


# A comment of its own that labels a count with a name: "# decoder: 25,872 params".
_NAMED_COUNT = lazy_regex(
    r"\s*(?P<name>[A-Za-z_]\w*)\s*(?::|=|->)\s*(?P<count>\d{1,3}(?:,\d{3})+|\d+)"
    r"\s*(?:trainable\s+)?(?:params|parameters)\b",
    re.IGNORECASE,
)


def named_model_problems(code: str) -> Iterator[CodeProblem]:
    """A comment line that labels a count with the name of a Keras ``Sequential`` model the
    code builds from an ``Input`` of one width and dense layers only: that model's count."""
    parsed = parse_commented(code)
    if parsed is None:
        return
    tree, comments = parsed
    models: dict[str, tuple[int, str]] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call)
        ):
            counted = _dense_stack(node.value)
            if counted is not None:
                models[node.targets[0].id] = counted
    if not models:
        return
    lines = code.split("\n")
    for line, (column, text) in sorted(comments.items()):
        if lines[line][: max(0, column - 1)].strip():
            continue  # a comment after code: the checks of that code's own count
        named = _NAMED_COUNT.match(text)
        if named is None or named["name"] not in models:
            continue
        right, how = models[named["name"]]
        if int(named["count"].replace(",", "")) == right:
            continue
        start, end = (column + offset for offset in named.span("count"))
        yield CodeProblem(
            line, start, end, f"{named['name']}: {how} parameters, not {named['count']}", "count"
        )


def _dense_stack(call: ast.Call) -> tuple[int, str] | None:
    """The count of ``Sequential([Input((n,)), Dense(…), …])``: dense layers chained on one
    stated width; None for any other layer or an input of another shape."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    name = name or (call.func.id if isinstance(call.func, ast.Name) else "")
    if name != "Sequential" or len(call.args) != 1 or not isinstance(call.args[0], ast.List):
        return None
    items = call.args[0].elts
    if len(items) < 2 or not all(isinstance(item, ast.Call) for item in items):
        return None
    width = _input_width(items[0])
    if width is None:
        return None
    total, parts = 0, []
    for item in items[1:]:
        assert isinstance(item, ast.Call)
        layer = built_layer(item)
        if layer is None or layer.name != "Dense" or layer.torch:
            return None
        counted = layer_parameters(layer, Tensor((), width, False), "")
        units = layer.argument(0, "units")
        if counted is None or not isinstance(units, int):
            return None
        total += counted[0]
        parts.append(counted[1].rsplit(" = ", 1)[0])
        width = units
    how = parts[0] if len(parts) == 1 else " + ".join(f"({part})" for part in parts)
    return total, f"{how} = {total:,}"


def _input_width(node: ast.expr) -> int | None:
    """The width of ``keras.Input((784,))`` or ``Input(shape=(784,))``."""
    if not isinstance(node, ast.Call):
        return None
    name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
    name = name or (node.func.id if isinstance(node.func, ast.Name) else "")
    if name not in {"Input", "InputLayer"}:
        return None
    shape = node.args[0] if node.args else None
    shape = next((k.value for k in node.keywords if k.arg in {"shape", "input_shape"}), shape)
    if not isinstance(shape, ast.Tuple) or len(shape.elts) != 1:
        return None
    value = shape.elts[0]
    if isinstance(value, ast.Constant) and type(value.value) is int:
        return int(value.value)
    return None
