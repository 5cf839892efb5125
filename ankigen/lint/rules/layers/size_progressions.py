"""Sizes listed under one rule the note states: a progression where each step halves ("each
pool halves: 224 → 112 → … → 7"), and a table column of outputs beside a column of inputs.

A row is reported only when at least three rows follow the rule and exactly one breaks it:
a listing with two odd rows describes something else (a conv that keeps the size, another
setting), and is left alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import partial

from ankigen.lint.arith.tables import Table, tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.formula_substitution import stated_values
from ankigen.lint.rules.layers.output_formulas import ceil_pool_length, conv_length, same_length
from ankigen.lint.rules.layers.scope import layer_prose

_MIN_FITTING = 3

# The note's rule: every step halves the size.
_HALVES = lazy_regex(r"\bhalv(?:e|es|ed|ing)\b|\bby\s+(?:a\s+factor\s+of\s+)?(?:2|two)\b", re.I)
_LAYER_NOTE = lazy_regex(r"conv|pool|stride|kernel", re.I)
# Sizes that grow or a layer whose output grows: no halving listing
_GROWS = lazy_regex(r"transpos|upsampl|deconv|doubl", re.I)
# A dilated kernel spans more than its size: the settings read here have no dilation
_DILATED = lazy_regex(r"dilat|atrous", re.I)

_ARROW = r"\s*(?:->|=>|\N{RIGHTWARDS ARROW}|\N{LONG RIGHTWARDS ARROW})\s*"
_SIZE = r"\d+(?:\s*[x\N{MULTIPLICATION SIGN}]\s*\d+)*"
_CHAIN = lazy_regex(rf"(?<![\w.,]){_SIZE}(?:{_ARROW}{_SIZE})+(?![\w.,]\d)")
_ONE_SIZE = re.compile(_SIZE)


def _square(written: str) -> int | None:
    values = {int(part) for part in re.findall(r"\d+", written)}
    return values.pop() if len(values) == 1 else None


def _steps(prose: str, start: int) -> Iterator[tuple[int, int, int, int]]:
    """Each arrow of the note's chains: (size before, size after, where the after stands)."""
    for chain in _CHAIN.finditer(prose, start):
        sizes = [
            (_square(size.group()), chain.start() + size.start(), chain.start() + size.end())
            for size in _ONE_SIZE.finditer(chain.group())
        ]
        for (before, _, _), (after, at, end) in itertools.pairwise(sizes):
            if before is not None and after is not None:
                yield before, after, at, end


def halving_findings(document: LintDocument) -> Iterator[Finding]:
    """A step of a halving progression that does not halve."""
    text = document.text
    body = document.body_offset
    if not _HALVES.search(text, body) or not _LAYER_NOTE.search(text, body):
        return
    if _GROWS.search(text, body):
        return
    steps = list(_steps(layer_prose(document), body))
    fitting = [step for step in steps if step[1] in (step[0] // 2, -(-step[0] // 2))]
    broken = [step for step in steps if step not in fitting]
    if len(fitting) < _MIN_FITTING or len(broken) != 1:
        return
    before, after, at, end = broken[0]
    if after >= before // 2 or after == 0:
        return  # a size that shrinks less than halving is another layer's step
    yield Finding(
        at,
        end,
        f"each step halves the size, as the note states: {before} gives {before // 2}"
        f"{'' if before % 2 == 0 else f' (or {before // 2 + 1} rounded up)'}, not {after}: "
        "correct the output size",
    )


# Columns: an input column, and output columns read against it.
_INPUT_HEADER = lazy_regex(r"^(?:[`*_]*)(?:input|in|n|size|length|width|height|h|w|l|l_in)\b", re.I)
_SETTING_HEADER = lazy_regex(
    r"kernel|stride|pad|dilat|filter|window|param|recept|flop|memor|time|channel|weight|effective",
    re.I,
)
_OUTPUT_HEADER = lazy_regex(r"out|ceil|floor|result|after|size|length|mode|pool|conv|=", re.I)
_NUMBER = re.compile(r"[`*_]*(\d+)(?:\s*[x\N{MULTIPLICATION SIGN}]\s*\1)*[`*_]*")

Formula = Callable[[int], int]

# A pooling call: its window, then its stride and padding when written.
_POOL_CALL = lazy_regex(
    r"\b(?:Max|Avg|Average)Pool(?:ing)?[123][dD]\(\s*(?:kernel_size\s*=\s*|pool_size\s*=\s*)?"
    r"(?P<kernel>\d+)(?P<rest>[^()]*)\)"
)
_STRIDE_ARGUMENT = lazy_regex(r"^\s*,\s*(?P<positional>\d+)|\bstrides?\s*=\s*(?P<keyword>\d+)")
_PADDING_ARGUMENT = lazy_regex(r"\bpadding\s*=\s*(?P<value>\d+)")
_MAX_PADDING = 5


def _settings(document: LintDocument) -> tuple[set[int], set[int], set[int]] | None:
    """The kernels, strides and paddings the note states (words or a pooling call); None when
    it states no kernel or no stride."""
    stated = stated_values(document)
    kernels, strides, paddings = stated["kernel"], stated["stride"], stated["padding"]
    for call in _POOL_CALL.finditer(document.text, document.body_offset):
        kernels.add(int(call["kernel"]))
        stride = _STRIDE_ARGUMENT.search(call["rest"])
        strides.add(
            int(stride["positional"] or stride["keyword"]) if stride else int(call["kernel"])
        )
        padding = _PADDING_ARGUMENT.search(call["rest"])
        paddings.add(int(padding["value"]) if padding else 0)
    if not kernels or not strides:
        return None
    return kernels, strides, paddings or {0}


def _formulas(document: LintDocument) -> list[Formula]:
    """The output sizes of one layer under every combination of the note's stated settings."""
    settings = _settings(document)
    if settings is None:
        return []
    kernels, strides, paddings = settings
    found: list[Formula] = []
    for kernel, stride, padding in itertools.product(kernels, strides, paddings):
        if padding > _MAX_PADDING:
            continue
        found.append(partial(conv_length, kernel=kernel, stride=stride, padding=padding))
        found.append(partial(ceil_pool_length, kernel=kernel, stride=stride, padding=padding))
    if _SAME.search(document.text, document.body_offset):
        found += [partial(same_length, stride=stride) for stride in strides]
    return found


_SAME = lazy_regex(r"\bsame\b", re.I)


def column_findings(document: LintDocument) -> Iterator[Finding]:
    """A row of an output column that breaks the one setting all its other rows share."""
    text = document.text
    body = document.body_offset
    if not _LAYER_NOTE.search(text, body) or _GROWS.search(text, body):
        return
    if _DILATED.search(text, body):
        return
    formulas = _formulas(document)
    if not formulas:
        return
    for table in tables(layer_prose(document), body, len(text)):
        yield from _table_findings(table, formulas)


def _cell_value(text: str) -> int | None:
    match = _NUMBER.fullmatch(text.strip())
    return int(match.group(1)) if match else None


def _table_findings(table: Table, formulas: list[Formula]) -> Iterator[Finding]:
    if not table.header or not _INPUT_HEADER.search(table.header[0]):
        return
    if any(_SETTING_HEADER.search(name) for name in table.header):
        return  # each row its own setting: the column tables' reading
    if len(table.rows) < _MIN_FITTING + 1:
        return
    inputs = [_cell_value(row[0].text) if row else None for row in table.rows]
    if None in inputs:
        return
    for column in range(1, len(table.header)):
        if not _OUTPUT_HEADER.search(table.header[column]):
            continue
        cells = [row[column] if column < len(row) else None for row in table.rows]
        outputs = [_cell_value(cell.text) if cell else None for cell in cells]
        if None in outputs:
            continue
        pairs = list(zip(inputs, outputs, strict=True))
        if any(out > size for size, out in pairs if size is not None and out is not None):
            continue  # a size that grows is no conv or pool output
        broken_rows: set[int] = set()
        for formula in formulas:
            misses = [i for i, (size, out) in enumerate(pairs) if formula(size or 0) != out]
            if not misses:
                broken_rows = set()
                break
            if len(misses) == 1:
                broken_rows.add(misses[0])
        else:
            if len(broken_rows) == 1:
                (row,) = broken_rows
                cell = cells[row]
                if cell is not None:
                    yield Finding(
                        cell.start,
                        cell.end,
                        f"every other row of the column follows one setting of the layer, "
                        f"which gives {_due(formulas, pairs, row)} for input {inputs[row]}, "
                        f"not {outputs[row]}: correct the output size",
                    )


def _due(formulas: list[Formula], pairs: list[tuple[int | None, int | None]], row: int) -> str:
    """What the settings that fit every other row give for the broken row."""
    size = pairs[row][0] or 0
    others = [pair for index, pair in enumerate(pairs) if index != row]
    values = sorted(
        {formula(size) for formula in formulas if all(formula(n or 0) == out for n, out in others)}
    )
    return " or ".join(str(value) for value in values)
