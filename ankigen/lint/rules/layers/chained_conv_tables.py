"""A table of stacked convolutions by their filters alone, the kernel and the input stated once.

    # Parameter count of a three-layer CNN on 32x32 RGB images (3x3 kernels, with bias)
    | layer | filters | params |
    | conv1 | 32 | 896 |
    | conv2 | 64 | 18,496 |

Each row is a convolution whose input channels are the filters of the row above (the image's
channels for the first): its count is k*k*C*F + F (or k*k*C*F where the note may drop the
bias). Only rows labelled as convolutions are read, and the chain stops at any other row: a
pooling row keeps the channels, anything else ends what can be known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.arith.tables import Cell, tables
from ankigen.lint.claims.wording import CountFinding
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.param_setting import NO_BIAS, WITH_BIAS

_N = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_FILTERS_HEADER = lazy_regex(r"^(?:filters|out(?:put)?[ _]channels|channels\s+out|c_?out)$", re.I)
_PARAMS_HEADER = lazy_regex(
    r"^(?:param(?:eter)?s?|#\s*params|param\s*#|parameters?\s+count)$", re.I
)
_CONV_ROW = lazy_regex(r"^[`*]*(?:conv\w*)\s*\d*[`*]*$", re.I)
_POOL_ROW = lazy_regex(r"pool", re.I)
# the one kernel the note states: "3x3 kernels", "kernel 3x3", "5x5 convolutions"
_KERNEL = lazy_regex(
    r"\b(?P<a>\d)\s*[x\N{MULTIPLICATION SIGN}]\s*(?P<b>\d)\s*(?:kernels?|filters?|conv\w*)\b"
    r"|\bkernels?\s*(?:size\s*)?(?:of\s*|=\s*|:\s*)?"
    r"(?P<c>\d)\s*[x\N{MULTIPLICATION SIGN}]\s*(?P<d>\d)\b",
    re.I,
)
_INPUT_CHANNELS = (
    (3, lazy_regex(r"\bRGB\b|\bcolou?r\s+images?\b", re.I)),
    (1, lazy_regex(r"\bgr[ae]yscale\b|\bsingle[- ]channel\b|\bMNIST\b", re.I)),
)


def _number(cell: Cell) -> int | None:
    match = re.fullmatch(rf"[*`\s]*({_N})[*`\s]*", cell.text)
    return int(match.group(1).replace(",", "")) if match else None


def _kernel(text: str) -> int | None:
    volumes = set()
    for match in _KERNEL.finditer(text):
        a, b = (match.group("a"), match.group("b")) if match.group("a") else match.groups()[2:]
        volumes.add(int(a) * int(b))
    return volumes.pop() if len(volumes) == 1 else None


def _input_channels(text: str) -> int | None:
    found = {channels for channels, pattern in _INPUT_CHANNELS if pattern.search(text)}
    return found.pop() if len(found) == 1 else None


def chained_conv_findings(document: LintDocument) -> Iterator[CountFinding]:
    text = document.text
    body = document.body_offset
    heading = document.question
    start = min(heading[0], body) if heading else body
    note = text[start:]
    volume, channels = _kernel(note), _input_channels(note)
    if volume is None or channels is None:
        return
    no_bias, with_bias = NO_BIAS.search(note), WITH_BIAS.search(note)
    biases = {True, False} if bool(no_bias) == bool(with_bias) else {bool(with_bias)}
    for table in tables(text, body, len(text)):
        header = [name.strip("*` ") for name in table.header]
        filters_at = [i for i, name in enumerate(header) if _FILTERS_HEADER.match(name)]
        params_at = [i for i, name in enumerate(header) if _PARAMS_HEADER.match(name)]
        if len(filters_at) != 1 or len(params_at) != 1 or len(header) != 3:
            continue
        label_at = ({0, 1, 2} - {filters_at[0], params_at[0]}).pop()
        incoming = channels
        for row in table.rows:
            if len(row) != 3:
                break
            label = row[label_at].text
            if _POOL_ROW.search(label):
                continue
            filters, stated = _number(row[filters_at[0]]), _number(row[params_at[0]])
            if not _CONV_ROW.match(label) or filters is None or stated is None:
                break
            weights = volume * incoming * filters
            allowed = {weights + (filters if bias else 0) for bias in biases}
            if stated not in allowed:
                cell = row[params_at[0]]
                match = re.search(_N, cell.text)
                assert match is not None
                at = cell.start + match.start()
                right = ", ".join(f"{value:,}" for value in sorted(allowed))
                yield CountFinding(
                    at,
                    at + len(match.group()),
                    f"this row's convolution takes the {incoming} channels of the row above "
                    f"(kernel volume {volume}, {filters} filters): {right} parameters, "
                    f"not {match.group()}: correct the count",
                    expected=tuple(sorted(allowed)),
                )
            incoming = filters
