"""Batches per epoch in a table of batch sizes against the two rounding settings (issue #12):

    # CIFAR-10 (50 000 images): iterations per epoch

    | batch size | drop_last=False | drop_last=True |
    |---|---|---|
    | 128 | 391 | 390 |
    | 512 | 98  | 97  |

A column whose header names the batch gives each row's batch; a column whose header names a
rounding (``drop_last=False``, ``drop_remainder=True``, "keep last", "drop last", "ceil",
"floor") gives the count under it: ⌈N / B⌉ for the kept last batch, ⌊N / B⌋ for the dropped
one. N is the note's one data size, a count followed by what it counts ("2 703 utts",
"50 000 images"; a space, a thin space, a comma or an underscore between thousands). A note
that shares, splits or caps its data (devices, accumulation, a held-out part) is left to the
other readers. A cell no rounding gives is an error: every quantity is stated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ankigen.lint.arith.tables import Table, tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_BATCH_HEADER = lazy_regex(r"^(?:batch(?:[ _]size)?(?:\s+b)?|b|bs)$", re.I)
_KEEP_HEADER = lazy_regex(
    r"drop_last\s*=\s*false|drop_remainder\s*=\s*false|\bkeep\w*\s+(?:the\s+)?last|\bceil|\u2308",
    re.I,
)
_DROP_HEADER = lazy_regex(
    r"drop_last\s*=\s*true|drop_remainder\s*=\s*true|\bdrop\w*\s+(?:the\s+)?last|\bfloor|\u230a",
    re.I,
)
_DATA_SIZE = lazy_regex(
    r"(?<![\d.,])(?P<n>\d{1,3}(?:(?:[ ,_\u202f\u2009]|\\,)\d{3})+|\d{3,9})\s*"
    r"(?:[a-z][\w-]*\s+)?(?:images|imgs|utts|utterances|samples|examples|clips|rows|sequences"
    r"|records|sentences|items|files|reviews|documents|pairs|points|windows)\b",
    re.I,
)
# data shared over devices, accumulated, split or capped: not N / B
_OTHER_SETUP = lazy_regex(
    r"\bGPUs?\b|\bdevices?\b|\branks?\b|world[_ ]size|\bnodes?\b|accumulat|validation[_ ]split"
    r"|held[- ]out|hold[- ]out|limit_train_batches|\bshards?\b|\bper[ _-](?:GPU|device)"
    r"|\bvalidation\b|\bval\b|\btest(?:ing)?\b",
    re.I,
)
_WHOLE = lazy_regex(r"^[*_`]*(?P<v>\d{1,3}(?:[,\u202f\u2009 ]\d{3})*|\d+)[*_`]*$")


def flag_table_findings(document: LintDocument) -> Iterator[Finding]:
    """A count under a rounding column that the note's data size and the row's batch do not
    give under that rounding."""
    body = document.body
    if "|" not in body or not (_KEEP_HEADER.search(body) or _DROP_HEADER.search(body)):
        return  # (cheap: no table with a rounding column)
    sizes = {_number(match["n"]) for match in _DATA_SIZE.finditer(body)}
    if len(sizes) != 1 or _OTHER_SETUP.search(body):
        return
    (samples,) = sizes
    for table in tables(document.text, document.body_offset, len(document.text)):
        yield from _table_findings(table, samples)


def _table_findings(table: Table, samples: int) -> Iterator[Finding]:
    batches = [i for i, name in enumerate(table.header) if _BATCH_HEADER.fullmatch(name.strip())]
    roundings: dict[int, bool] = {}  # column -> drops the last batch
    for index, name in enumerate(table.header):
        keeps, drops = bool(_KEEP_HEADER.search(name)), bool(_DROP_HEADER.search(name))
        if keeps != drops:
            roundings[index] = drops
    if len(batches) != 1 or not roundings:
        return
    (batch_column,) = batches
    for row in table.rows:
        if len(row) != len(table.header):
            continue
        batch = _whole(row[batch_column].text)
        if not batch or batch > samples:
            continue
        for column, drops in roundings.items():
            cell = row[column]
            claimed = _whole(cell.text)
            if claimed is None:
                continue
            expected = samples // batch if drops else math.ceil(samples / batch)
            if claimed != expected:
                flag = "dropped" if drops else "kept"
                yield Finding(
                    cell.start,
                    cell.end,
                    f"{samples:,} samples in batches of {batch} with the last batch {flag} give "
                    f"{expected:,} batches per epoch, not {claimed:,}: correct the count",
                )


def _whole(text: str) -> int | None:
    match = _WHOLE.fullmatch(text.strip())
    return _number(match["v"]) if match else None


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))
