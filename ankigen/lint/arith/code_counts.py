"""Parameter counts stated next to layer code: a comment on the line that builds the layer
(``Dense(64, input_dim=128)  # 8,256 params``) and rows of a Keras ``model.summary()``.

Functions here work on the text of one code block and return line-relative positions; the
rule turns them into file offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.layers import conv_parameters, dense_parameters

_N = r"\d+"
_COUNT = re.compile(
    r"#[^\n]*?(?<![\w.,])(?P<count>\d{1,3}(?:,\d{3})+|\d+)\s*(?:trainable\s+)?(?:params|parameters)\b",
    re.IGNORECASE,
)
_NO_BIAS = re.compile(r"\b(?:use_)?bias\s*=\s*False\b")
_KERNEL = rf"(?:kernel_size\s*=\s*)?(?:\(\s*(?P<kh>{_N})\s*,\s*(?P<kw>{_N})\s*\)|(?P<k>{_N}))"
_LAYERS = (
    re.compile(
        rf"\bDense\(\s*(?:units\s*=\s*)?(?P<units>{_N})\b[^#\n]*?\binput_(?:dim\s*=\s*"
        rf"(?P<dim>{_N})|shape\s*=\s*\(\s*(?P<shape>{_N})\s*,?\s*\))"
    ),
    re.compile(
        rf"\bnn\.Linear\(\s*(?:in_features\s*=\s*)?(?P<dim>{_N})\s*,\s*"
        rf"(?:out_features\s*=\s*)?(?P<units>{_N})\b"
    ),
    re.compile(
        rf"\bConv2D\(\s*(?:filters\s*=\s*)?(?P<filters>{_N})\s*,\s*{_KERNEL}[^#\n]*?"
        rf"\binput_shape\s*=\s*\(\s*{_N}\s*,\s*{_N}\s*,\s*(?P<channels>{_N})\s*\)"
    ),
    re.compile(
        rf"\bnn\.Conv2d\(\s*(?:in_channels\s*=\s*)?(?P<channels>{_N})\s*,\s*"
        rf"(?:out_channels\s*=\s*)?(?P<filters>{_N})\s*,\s*{_KERNEL}"
    ),
)
_ROW = re.compile(
    r"^[\s\N{BOX DRAWINGS LIGHT VERTICAL}|]*(?P<name>[\w.]+)\s*\((?P<type>\w+)\)\s*"
    r"[\N{BOX DRAWINGS LIGHT VERTICAL}|]?\s*\((?P<shape>[^()\n]*)\)\s*"
    r"[\N{BOX DRAWINGS LIGHT VERTICAL}|]?\s*(?P<params>\d{1,3}(?:,\d{3})+|\d+)\b"
)


@dataclass(frozen=True)
class CountProblem:
    line: int  # 0-based line of the code
    start: int  # columns of the stated count
    end: int
    message: str


def _count(text: str) -> int:
    return int(text.replace(",", ""))


def comment_problems(code: str) -> Iterator[CountProblem]:
    """Wrong counts in comments on lines that build a dense or convolution layer."""
    for index, line in enumerate(code.split("\n")):
        stated = _COUNT.search(line)
        if stated is None:
            continue
        for pattern in _LAYERS:
            layer = pattern.search(line)
            if layer is None or layer.end() > stated.start():
                continue
            problem = _layer_problem(layer, _count(stated.group("count")), line)
            if problem is not None:
                start, end = stated.span("count")
                yield CountProblem(index, start, end, f"{problem}, not {stated.group('count')}")
            break


def _layer_problem(layer: re.Match[str], stated: int, line: str) -> str | None:
    groups = layer.groupdict()
    allowed = set()
    bias_free = _NO_BIAS.search(line) is not None
    if groups.get("units") is not None:
        units = int(groups["units"])
        inputs = int(groups.get("dim") or groups.get("shape") or 0)
        if inputs == 0:
            return None
        right = dense_parameters(inputs, units, not bias_free)
        if stated == right:
            return None
        bias = f" + {units}" if not bias_free else ""
        return f"{inputs} {TIMES} {units}{bias} = {right:,} parameters"
    if re.search(r"\bgroups\s*=", line):
        return None  # a grouped convolution: counted by ``code_layers``, groups and all
    filters, channels = int(groups["filters"]), int(groups["channels"])
    size = groups.get("k")
    kernel = (int(size), int(size)) if size else (int(groups["kh"]), int(groups["kw"]))
    right = conv_parameters(kernel, channels, filters, not bias_free)
    allowed.add(right)
    if stated in allowed:
        return None
    bias = " + 1" if not bias_free else ""
    return (
        f"({kernel[0]} {TIMES} {kernel[1]} {TIMES} {channels}{bias}) {TIMES} {filters} = "
        f"{right:,} parameters"
    )


def summary_problems(code: str) -> Iterator[CountProblem]:
    """Dense rows of a sequential ``model.summary()`` whose count does not follow from the
    previous row's output width and their own."""
    if "Connected to" in code:  # a functional model: the previous row need not be the input
        return
    previous: int | None = None
    for index, line in enumerate(code.split("\n")):
        row = _ROW.match(line)
        if row is None:
            continue
        width = _last_dimension(row.group("shape"))
        if row.group("type") == "Dense" and previous is not None and width is not None:
            stated = _count(row.group("params"))
            options = (dense_parameters(previous, width, True), previous * width)
            if stated not in options:
                start, end = row.span("params")
                yield CountProblem(
                    index,
                    start,
                    end,
                    f"a Dense layer from {previous} to {width} units has {previous} {TIMES} "
                    f"{width} + {width} = {options[0]:,} parameters, not {row.group('params')}",
                )
        previous = width


def _last_dimension(shape: str) -> int | None:
    parts = [part.strip() for part in shape.split(",") if part.strip()]
    if not parts or not parts[-1].isdigit():
        return None
    return int(parts[-1])
