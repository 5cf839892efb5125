"""A summary row that counts biases the note says its layers drop.

A model summary (torchinfo, torchsummary, Keras) whose "Total params" is not the sum of its rows
is reported at the total by ``other_layers``. When the note states that the layers have no
bias (``bias=False``, "without bias") and the rows exceed the total by exactly the biases of
the Conv/Linear rows whose counts include one (a count of k·C·F + F, F the row's output
channels and C the channels of the row before it), those rows are the wrong lines: each is
reported too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.arith.quantities import NO_BIAS
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)"
_TOTAL = lazy_regex(rf"^[ \t|*]*Total params\**[ \t:|*]*(?P<n>{_N})", re.I | re.M)
_HEADER = lazy_regex(r"Param\s*#", re.I)
# "├─Conv2d: 1-1   [1, 64, 56, 56]   36,864", "conv2d (Conv2D)   (None, 30, 30, 32)   896"
_ROW = lazy_regex(
    r"^[^\w\n]*(?P<name>[A-Za-z][\w.]*)[^\n]*?"
    r"(?P<shape>\[[\d,\s]*\]|\((?:None|\d+)[^)\n]*\))[ \t|]+"
    rf"(?:(?P<n>{_N})|--)[ \t|]*$",
    re.M,
)
_WEIGHTED = lazy_regex(r"conv|linear|dense", re.I)
# The note allows a bias somewhere: nothing to decide.
_WITH_BIAS = lazy_regex(r"\bbias\s*=\s*True\b|\buse_bias\s*=\s*True\b|\bwith (?:a )?bias", re.I)


@dataclass(frozen=True)
class _Row:
    name: str
    channels: int | None
    count: int | None
    start: int
    end: int


def _channels(shape: str) -> int | None:
    sizes = [int(size) for size in re.findall(r"\d+", shape)]
    if shape.startswith("["):  # PyTorch: [batch, channels, ...]
        return sizes[1] if len(sizes) >= 2 else None
    return sizes[-1] if sizes else None  # Keras: (None, ..., channels)


def _rows(text: str, start: int, end: int) -> list[_Row]:
    rows = []
    for match in _ROW.finditer(text, start, end):
        count = match.group("n")
        rows.append(
            _Row(
                match.group("name"),
                _channels(match.group("shape")),
                int(count.replace(",", "")) if count else None,
                match.start("n") if count else match.start(),
                match.end("n") if count else match.end(),
            )
        )
    return rows


def summary_bias_rows(document: LintDocument) -> Iterator[Finding]:
    """Rows of a summary that count the biases its note says the layers drop."""
    text = document.text
    floor = document.body_offset
    prose = text[floor:]
    if not NO_BIAS.search(prose) or _WITH_BIAS.search(prose):
        return
    for total in _TOTAL.finditer(text, floor):
        header = None
        for match in _HEADER.finditer(text, floor, total.start()):
            header = match
        if header is None:
            continue
        rows = _rows(text, header.end(), total.start())
        counts = [row.count for row in rows if row.count is not None]
        excess = sum(counts) - int(total.group("n").replace(",", ""))
        if not counts or excess <= 0:
            continue
        biased = []
        for before, row in itertools.pairwise(rows):
            inputs, outputs = before.channels, row.channels
            if not _WEIGHTED.search(row.name) or row.count is None or not inputs or not outputs:
                continue
            weights = row.count - outputs
            if weights > 0 and weights % (inputs * outputs) == 0:
                biased.append(row)
        if biased and sum(row.channels or 0 for row in biased) == excess:
            for row in biased:
                count, biases = row.count or 0, row.channels or 0
                yield Finding(
                    row.start,
                    row.end,
                    f"this {row.name} row counts {biases} biases, which the note's layers "
                    f"do not have: {count - biases:,} parameters, not {count:,}: correct the row",
                )
