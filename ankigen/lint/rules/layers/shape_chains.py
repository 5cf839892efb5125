"""AG103 for shapes written line by line after each layer: the comments of a ``Sequential``
and the rows of a printed Keras summary, where each layer takes the shape of the line above.

A comment after a layer line (``nn.MaxPool2d(2),  # (N, 64, 6, 6)``) states what that layer
outputs; its input is the shape of the nearest comment above, when only layers that keep the
size stand between them (activations, normalisation, dropout). PyTorch shapes put the channels
first, Keras ones last. A row of a Keras summary (``max_pooling2d_1 (MaxPooling2D)  (None, 6, 6,
64)``) is a pooling layer applied to the row above: its window and stride come from the note's
calls of that layer type (``MaxPooling2D(2)``), as many as the rows or one said to stand for
"each" of them; without such a call the row is left alone. Pooling rounds down in both
libraries: ``ceil_mode=True``, "same" padding or rounding up named anywhere in the note lets it
round up, so 11 → 6 after a 2x2 pool is reported only where nothing lets the pool round up. A
line the reader cannot place (another layer, a shape without its axes) breaks the chain.

Code that reassigns one variable line by line is a chain too (session 17,
tests/fixtures/rules/AG103.codechains17.yml): ``x = torch.randn(N, 3, 224, 224)  # (N, 3, 224,
224)`` starts it, and each ``x = nn.MaxPool2d(3, 2, 1)(x)  # (N, 64, 56, 56)`` applies its layer
to the shape of the line above; a layer applied to another variable ends it. A layer kept in a
variable (``up = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1)``) and
applied to a tensor made on the line (``y = up(torch.randn(N, 64, 28, 28))  # (N, 32, 56, 56)``)
is judged by its formula (a transposed one's: (n - 1)·s - 2p + d·(k - 1) + output_padding + 1).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.worked_instances import (
    Layer,
    call_layer,
    layer_outputs,
    transposed_outputs,
)

_CALL = lazy_regex(
    r"\b(?P<name>Conv[123][dD]|MaxPool[123]d|AvgPool[123]d|MaxPooling[123]D|"
    r"AveragePooling[123]D)\s*\("
)
# Layers that keep the size of their input.
_KEEPS = lazy_regex(
    r"\b(?:ReLU|LeakyReLU|GELU|SiLU|ELU|Tanh|Sigmoid|Softmax|Dropout\w*|BatchNorm\w*|"
    r"BatchNormalization|LayerNorm\w*|GroupNorm|Identity|Activation)\b"
)
_SHAPE = lazy_regex(
    r"\(\s*(?:[A-Za-z_]\w*|\d+)\s*(?:,\s*\d+\s*){2,4}\)|\[\s*\d+\s*(?:,\s*\d+\s*){2,4}\]"
)
_SEQUENTIAL = lazy_regex(r"\bSequential\s*\(")
# A line that is one module of the Sequential: "nn.MaxPool2d(2),", "layers.ReLU(),"
_MODULE_LINE = lazy_regex(r"^\s*(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*\([^#]*\)\s*,?\s*$")
# "x = nn.Conv2d(3, 64, 7, 2, 3)(x)": a layer applied to the variable it reassigns; and the
# line that makes that variable's first tensor.
_APPLIED_LINE = lazy_regex(
    r"^\s*(?P<var>[A-Za-z_]\w*)\s*=\s*(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*\(.*\)\(\s*(?P=var)\s*\)\s*$"
)
_SOURCE_LINE = lazy_regex(
    r"^\s*(?P<var>[A-Za-z_]\w*)\s*=\s*(?:torch\.(?:randn|rand|zeros|ones|empty)|"
    r"(?:keras\.|layers\.)?Input|np\.random\.\w+|tf\.random\.\w+)\s*\("
)
_SUMMARY_ROW = lazy_regex(
    r"^[ \t]*[\w.]+[ \t]*\((?P<type>\w+)\)[ \t]+(?P<shape>\((?:None|\d+)(?:,[ \t]*\d+){1,4}\))",
    re.M,
)
_SAME = lazy_regex(r"same", re.I)
_ROUNDS_UP = lazy_regex(r"\bround(?:s|ed|ing)?\s+(?:\w+\s+)?up\b", re.I)
_EVERY = lazy_regex(r"\b(?:each|every|all|both)\b", re.I)
_CEIL = lazy_regex(r"ceil_mode\s*=\s*True|\bcaffe\b", re.I)
_POOL_TYPES = (
    "MaxPooling1D",
    "MaxPooling2D",
    "MaxPooling3D",
    "AveragePooling1D",
    "AveragePooling2D",
    "AveragePooling3D",
)
_KEEP_TYPES = lazy_regex(r"^(?:Activation|ReLU|LeakyReLU|Dropout|BatchNormalization|\w*Norm\w*)$")


@dataclass(frozen=True)
class _Written:
    """A shape written after a layer: its values (batch axis included) and where."""

    values: tuple[int, ...]
    start: int
    end: int


def _values(shape: str) -> tuple[int, ...]:
    """The shape's numbers ("(N, 32, 26, 26)" and "(None, 26, 26, 32)" leave out the batch)."""
    return tuple(int(value) for value in re.findall(r"\d+", shape))


def _spatial(values: tuple[int, ...], dims: int, channels_last: bool) -> tuple[int, ...] | None:
    if len(values) < dims + 1:
        return None
    return values[-dims - 1 : -1] if channels_last else values[-dims:]


def _judge(
    before: _Written, after: _Written, layer: Layer, channels_last: bool, ceil: bool
) -> set[tuple[int, ...]] | None:
    """The shapes the layer allows, None where the claim is one of them or cannot be read."""
    dims = len(layer.kernels)
    if len(before.values) != len(after.values):
        return None
    given = _spatial(before.values, dims, channels_last)
    claimed = _spatial(after.values, dims, channels_last)
    if given is None or claimed is None:
        return None
    per_axis = [layer_outputs(n, layer, axis, ceil) for axis, n in enumerate(given)]
    if any(not outputs for outputs in per_axis):
        return None
    if all(c in outputs for c, outputs in zip(claimed, per_axis, strict=True)):
        return None
    return {tuple(sorted(outputs)[0] for outputs in per_axis)}


def shape_chain_findings(document: LintDocument) -> Iterator[Finding]:
    """Shapes after a layer line that the layer does not give from the shape above."""
    yield from _comment_chains(document)
    yield from _summary_pools(document)
    yield from _module_applications(document)


def _comment_chains(document: LintDocument) -> Iterator[Finding]:
    ceil = _CEIL.search(document.text, document.body_offset) is not None
    for block in document.code_blocks:
        offset = document.offset_of_line(block.first_line)
        previous: _Written | None = None
        variable: str | None = None
        for line in block.code.split("\n"):
            start = offset
            offset += len(line) + 1
            code, hash_mark, comment = line.partition("#")
            shape = _SHAPE.search(comment) if hash_mark else None
            written = None
            if shape is not None:
                at = start + len(code) + 1 + shape.start()
                written = _Written(_values(shape.group()), at, at + len(shape.group()))
            call = _CALL.search(code)
            applied = _APPLIED_LINE.match(code)
            source = _SOURCE_LINE.match(code)
            if source is not None:
                # "x = torch.randn(N, 3, 224, 224)  # (N, 3, 224, 224)" starts a chain on x
                variable, previous = source["var"], written
                continue
            if applied is not None and applied["var"] == variable and previous is not None:
                pass  # "x = nn.MaxPool2d(3, 2, 1)(x)  # …": applied to the line above's result
            elif not _SEQUENTIAL.search(block.code) or not _MODULE_LINE.match(code):
                # a layer applied to another variable may take another input than the line
                # above's: only the modules of a Sequential chain, or one variable reassigned
                previous, variable = None, None
                continue
            if call is None:
                if _KEEPS.search(code) or not code.strip():
                    continue  # a layer that keeps the size, or a comment line of its own
                previous = written
                continue
            layer = _layer_of(call, code)
            if layer is not None and previous is not None and written is not None:
                allowed = _judge(previous, written, layer, call["name"].endswith("D"), ceil)
                if allowed:
                    yield _finding(written, previous, allowed)
            previous = written if layer is not None else None


# "up = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1)": a layer kept in a variable, and
# "y = up(torch.randn(N, 64, 28, 28))  # (N, 32, 55, 55)": that layer applied to a new tensor.
_MODULE_ASSIGN = lazy_regex(
    r"^\s*(?P<var>[A-Za-z_]\w*)\s*=\s*(?:[A-Za-z_][\w.]*\.)?"
    r"(?P<name>Conv[123]d|ConvTranspose[123]d|MaxPool[123]d|AvgPool[123]d)\s*\((?P<args>.*)\)\s*$"
)
_MODULE_APPLY = lazy_regex(
    r"^\s*[A-Za-z_]\w*\s*=\s*(?P<var>[A-Za-z_]\w*)\(\s*torch\.(?:randn|rand|zeros|ones|empty)"
    r"\((?P<shape>[^()]*)\)\s*\)\s*$"
)


def _module_applications(document: LintDocument) -> Iterator[Finding]:
    """A shape in the comment of a line that applies a layer kept in a variable to a tensor
    made on that line: what the layer's formula gives (a transposed one's too)."""
    for block in document.code_blocks:
        offset = document.offset_of_line(block.first_line)
        modules: dict[str, tuple[str, ast.Call]] = {}
        for line in block.code.split("\n"):
            start = offset
            offset += len(line) + 1
            code, hash_mark, comment = line.partition("#")
            assigned = _MODULE_ASSIGN.match(code)
            if assigned is not None:
                try:
                    node = ast.parse(f"{assigned['name']}({assigned['args']})", mode="eval").body
                except SyntaxError:
                    continue
                if isinstance(node, ast.Call):
                    modules[assigned["var"]] = (assigned["name"], node)
                continue
            applied = _MODULE_APPLY.match(code)
            shape = _SHAPE.search(comment) if hash_mark else None
            if applied is None or shape is None or applied["var"] not in modules:
                continue
            name, call = modules[applied["var"]]
            given = _values(f"({applied['shape']})")
            at = start + len(code) + 1 + shape.start()
            written = _Written(_values(shape.group()), at, at + len(shape.group()))
            dims = int(name[-2])
            if len(given) != len(written.values) or len(given) < dims + 1:
                continue
            per_axis = []
            for n in given[-dims:]:
                if name.startswith("ConvTranspose"):
                    outputs = transposed_outputs(name, call, n) or set()
                else:
                    layer = call_layer(name, call)
                    outputs = layer_outputs(n, layer, 0, False) if layer is not None else set()
                per_axis.append(outputs)
            claimed = written.values[-dims:]
            if any(not outputs for outputs in per_axis):
                continue
            if not all(c in outputs for c, outputs in zip(claimed, per_axis, strict=True)):
                allowed = {tuple(sorted(outputs)[0] for outputs in per_axis)}
                yield _finding(written, _Written(given, at, at), allowed)


def _layer_of(call: re.Match[str], code: str) -> Layer | None:
    depth, end = 0, None
    for index in range(call.end() - 1, len(code)):
        depth += {"(": 1, ")": -1}.get(code[index], 0)
        if depth == 0:
            end = index
            break
    if end is None:
        return None
    try:
        node = ast.parse(call["name"] + code[call.end() - 1 : end + 1], mode="eval")
    except SyntaxError:
        return None
    return call_layer(call["name"], node.body) if isinstance(node.body, ast.Call) else None


def _summary_pools(document: LintDocument) -> Iterator[Finding]:
    text = document.text
    body = document.body_offset
    rows = list(_SUMMARY_ROW.finditer(text, body))
    if not any(row["type"] in _POOL_TYPES for row in rows):
        return
    ceil = any(pattern.search(text, body) for pattern in (_SAME, _CEIL, _ROUNDS_UP))
    previous: _Written | None = None
    last_end = -1
    for row in rows:
        shape = row.group("shape")
        written = _Written(_values(shape), row.start("shape"), row.end("shape"))
        if last_end >= 0 and "\n\n" in text[last_end : row.start()]:
            previous = None  # another summary
        last_end = row.end()
        kind = row["type"]
        if _KEEP_TYPES.match(kind):
            continue
        if kind in _POOL_TYPES and previous is not None:
            rows_of_kind = sum(1 for other in rows if other["type"] == kind)
            layers = _pool_layers(document, kind, rows_of_kind)
            allowed: set[tuple[int, ...]] = set()
            explained = not layers
            for layer in layers:
                found = _judge(previous, written, layer, True, ceil)
                if found is None:
                    explained = True
                    break
                allowed |= found
            if not explained:
                yield _finding(written, previous, allowed)
        previous = written


def _pool_layers(document: LintDocument, kind: str, rows: int) -> list[Layer]:
    """The layers the note's calls of this pooling type set up, when they stand for every
    row of that type (as many calls, or one said to be "each" pooling layer)."""
    layers = []
    for call in _CALL.finditer(document.text, document.body_offset):
        if call["name"] != kind:
            continue
        line_end = document.text.find("\n", call.end())
        line = document.text[call.start() : line_end if line_end >= 0 else None]
        own = _CALL.match(line)
        layer = _layer_of(own, line) if own is not None else None
        if layer is None:
            return []
        layers.append(layer)
    if len(layers) < rows and not _EVERY.search(document.text, document.body_offset):
        return []
    return layers


def _finding(
    written: _Written, previous: _Written, allowed: Sequence[tuple[int, ...]] | set[tuple[int, ...]]
) -> Finding:
    shown = " or ".join("x".join(map(str, shape)) for shape in sorted(allowed))
    before = "x".join(map(str, previous.values))
    return Finding(
        written.start,
        written.end,
        f"the layer of this line turns the shape above ({before}) into {shown} spatially, "
        f"not {'x'.join(map(str, written.values))}: correct the output size",
    )
