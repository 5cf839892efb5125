"""AG104 for a list whose items each compute one layer's (or one part's) count and whose last
item states the total: "- depthwise: 3·3·32 = 288", "- pointwise: 32·64 = 2,048",
"- total: 2,336, versus …", or whose items each state one tensor of a layer ("- `in_proj_bias`:
1,536", computed or not). The total must be the sum of the results above it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.arithmetic import wrong_calculation_spans

# thousands apart by a comma, LaTeX's "{,}" or its thin space "\,": "49\,152"
_N = r"\d{1,3}(?:(?:,|\{,\}|\\,)\d{3})+|\d+"
# "- Depthwise: one 3x3 filter per input channel, $3 \cdot 3 \cdot 32 = 288$"
_COMPUTED_ITEM = lazy_regex(
    rf"^[ \t]*[-*+][ \t]+(?P<label>[^:\n]+):[^\n]*=[ \t]*[*_]*(?P<value>{_N})[*_]*[ \t]*\$*"
    r"[ \t]*(?:(?:trainable[ \t]+)?(?:parameters|params|weights))?[ \t]*[.;]?[ \t]*$"
)
# "- Total: **2,336**, versus … for a standard conv" (the first number is the claim)
_TOTAL_ITEM = lazy_regex(
    rf"^[ \t]*[-*+][ \t]+[*_]*(?:total|sum|together)[*_]*[ \t]*[:=][ \t]*[*_]*(?P<value>{_N})"
    r"[*_]*(?P<rest>[^\n]*)$",
    re.I,
)
# A label naming a share or one tensor of another item, or a per-unit count: not a summand.
_NOT_A_PART = lazy_regex(
    r"of\s+which|includ|\bpart\b|trainable|bias|weights?\b|\bper\b|\beach\b|%|approx|about",
    re.I,
)
# What may follow the total: the count's unit, or a comparison set off by a comma.
_REST = lazy_regex(
    r"^[ \t]*(?:(?:trainable[ \t]+)?(?:parameters|params))?[ \t]*"
    r"(?:[.;]|,[ \t]*(?:versus|vs\.?|compared|against)\b.*)?[ \t]*$",
    re.I,
)

# "- `in_proj_bias`: 1,536": an item that states one tensor's size, computed or not
_STATED_ITEM = lazy_regex(
    rf"^[ \t]*[-*+][ \t]+(?P<label>[^:\n]+):[ \t]*[*_]*(?P<value>{_N})[*_]*[ \t]*"
    r"(?:(?:parameters|params|weights|values))?[ \t]*[.;]?[ \t]*$"
)
# A label that names one tensor of a layer: a list of nothing but tensors sums to the layer.
_TENSOR = lazy_regex(
    r"weight|bias|kernel|gamma|beta|\N{GREEK SMALL LETTER GAMMA}|\N{GREEK SMALL LETTER BETA}"
    r"|\w_proj\b|\bproj_\w",
    re.I,
)
# A label that names a share of another item, a count per unit or a rough one: no summand.
_NO_TENSOR_PART = lazy_regex(r"of\s+which|includ|\bper\b|\beach\b|%|approx|about|total", re.I)


def _value(text: str) -> int:
    return int(text.replace("{,}", "").replace("\\,", "").replace(",", ""))


def computed_item_totals(document: LintDocument) -> Iterator[Finding]:
    """A total item that is not the sum of the computed results of the items above it. Read
    on the note's own text: the prose view blanks the math that holds the calculations."""
    offset = document.body_offset
    # a wrong calculation in an item is AG101's: the total may be right
    wrong = wrong_calculation_spans(document)
    run: list[int] = []
    # the items of a list that states each tensor of one layer ("- `in_proj_weight`: …")
    tensors: list[int] = []
    run_start = offset
    for line in document.text[offset:].split("\n"):
        item = _COMPUTED_ITEM.match(line)
        total = _TOTAL_ITEM.match(line)
        if total is not None:
            stated = _value(total["value"])
            miscalculated = any(run_start <= start < offset for start, _ in wrong)
            if len(tensors) >= 2 and (len(run) < 2 or len(tensors) > len(run)):
                run = tensors  # every item a tensor: the layer is their sum
            if (
                len(run) >= 2
                and not miscalculated
                and _REST.match(total["rest"])
                and sum(run) != stated
            ):
                parts = " + ".join(f"{part:,}" for part in run)
                yield Finding(
                    offset + total.start("value"),
                    offset + total.end("value"),
                    f"{parts} = {sum(run):,} parameters, not {total['value']}: correct the total",
                )
            run, tensors = [], []
            offset += len(line) + 1
            continue
        part = item or _STATED_ITEM.match(line)
        if (
            part is not None
            and _TENSOR.search(part["label"])
            and not _NO_TENSOR_PART.search(part["label"])
        ):
            if not tensors and not run:
                run_start = offset
            tensors.append(_value(part["value"]))
        else:
            tensors = []
        if item is not None and not _NOT_A_PART.search(item["label"]):
            if not run and not tensors:
                run_start = offset
            run.append(_value(item["value"]))
        else:
            run = []
        offset += len(line) + 1
