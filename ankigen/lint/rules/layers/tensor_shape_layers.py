"""AG104 for one layer described by the shapes of its tensors: "a Linear with weight
`(768, 2304)` and bias `(2304,)`", "kernel of shape (3, 3, 64, 128), bias (128,)". Its count
is the weight's product plus the bias's length, whatever the layer is called; a claimed count
of parameters that is neither that nor a multiple of it (the layer stacked) leaves a tensor
out or miscounts it.

Read only when the note states exactly one weight shape and one bias shape, the bias as long
as the weight's first or last axis (its outputs in PyTorch or Keras), and a count labelled as
parameters ("Params: 1,771,776", "1,771,776 parameters", also in a cloze or bold) of the
layer's magnitude on a line that names no single tensor. Graded as carried: the shapes and
the claim stand on different lines.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_DIMS = r"\d+(?:[ \t]*,[ \t]*\d+){1,4}"
# "weight `(768, 2304)`", "weights of shape [3, 3, 64, 128]", "kernel: (768, 2304)"
_WEIGHT = lazy_regex(
    r"\b(?:weight|weights|kernel|weight matrix)\b(?:[ \t]+(?:of[ \t]+)?(?:shape|size))?"
    rf"[ \t]*[:=]?[ \t]*`?[ \t]*[(\[](?P<dims>{_DIMS})[ \t]*[)\]]`?",
    re.IGNORECASE,
)
# "bias `(2304,)`", "bias of shape [128]"
_BIAS = lazy_regex(
    r"\b(?:bias|biases|bias vector)\b(?:[ \t]+(?:of[ \t]+)?(?:shape|size))?"
    r"[ \t]*[:=]?[ \t]*`?[ \t]*[(\[](?P<n>\d+)[ \t]*,?[ \t]*[)\]]`?",
    re.IGNORECASE,
)
_N = r"\d{1,3}(?:,\d{3})+|\d+"
# A count labelled as parameters, before or after it: "Params: {{c1::1,769,472}}",
# "**1,771,776** parameters".
_CLAIM = lazy_regex(
    r"\b(?:params|parameters|parameter count)\b[ \t]*[:=][ \t]*(?:\{\{c\d+::|\*\*|__)?"
    rf"[ \t]*(?P<before>{_N})(?![\d,]*\d)"
    rf"|(?<![\w.,])(?P<after>{_N})(?:\}}\}}|\*\*|__)?[ \t]+(?:trainable[ \t]+)?"
    r"(?:params|parameters)\b",
    re.IGNORECASE,
)


# A line that counts one tensor of the layer, not the layer.
_PART = lazy_regex(r"\b(?:weights?|kernel|bias(?:es)?)\b", re.IGNORECASE)


def tensor_shape_findings(document: LintDocument) -> Iterator[Finding]:
    """Counts of parameters that are not the stated weight and bias shapes' sizes summed."""
    text = _without_code(document)
    weights = list(_WEIGHT.finditer(text, document.body_offset))
    biases = list(_BIAS.finditer(text, document.body_offset))
    if len(weights) != 1 or len(biases) != 1:
        return
    dims = [int(piece) for piece in re.split(r"[ \t]*,[ \t]*", weights[0]["dims"].strip())]
    bias = int(biases[0]["n"])
    if bias not in (dims[0], dims[-1]):
        return  # a bias of another layer, or the shapes of two layers
    count = math.prod(dims) + bias
    for claim in _CLAIM.finditer(text, document.body_offset):
        group = "before" if claim.group("before") is not None else "after"
        stated = int(claim.group(group).replace(",", ""))
        if stated == 0 or stated % count == 0:
            continue  # the layer, or the layer stacked
        if not count / 2 <= stated <= count * 2:
            continue  # another magnitude: the whole model's count, or one small part's
        line_start = text.rfind("\n", 0, claim.start()) + 1
        line_end = text.find("\n", claim.end())
        if _PART.search(text, line_start, line_end if line_end >= 0 else len(text)):
            continue  # "the weight alone holds …": a count of one tensor
        shape = f" {TIMES} ".join(f"{size:,}" for size in dims)
        yield Finding(
            claim.start(group),
            claim.end(group),
            f"a weight of shape ({', '.join(map(str, dims))}) and a bias of {bias:,} hold "
            f"{shape} + {bias:,} = {count:,} parameters, not {stated:,}: correct the count",
        )


def _without_code(document: LintDocument) -> str:
    """The note's text with its code blocks blanked (same length): a block is other readers'."""
    text = document.text
    for block in document.code_blocks:
        start = document.offset_of_line(block.first_line)
        end = document.offset_of_line(block.first_line + block.code.count("\n") + 1)
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text
