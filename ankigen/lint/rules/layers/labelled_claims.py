"""Several layer calls in one note, each carrying a label (its variable's name, or "(the
depthwise step)" after it): a size claimed under a label belongs to that call alone.

"``DepthwiseConv2D(3, strides=2, padding="same")`` (the depthwise step) followed by
``Conv2D(128, 1)`` (the pointwise step) … the depthwise step gives 20x20x64 and the pointwise
step 18x18x128": the 1x1 pointwise conv keeps 20x20, whatever the other call would give.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.call_shapes import LabelledCall, labelled_calls
from ankigen.lint.rules.layers.output_formulas import spatial_output

_SIZE = lazy_regex(
    r"(?<![\w.])\d+(?:\s*[x\N{MULTIPLICATION SIGN}]\s*\d+)+(?![\w.]|\s*[x\N{MULTIPLICATION SIGN}])"
)
# "the pointwise step 18x18x128", "the pool gives 16x16", "- pool: 32x32 → 16x16"
_CLAIM_AFTER_LABEL = (
    r"(?:\s+(?:step|layer|conv|part|stage))?\s*"
    r"(?:gives|outputs|yields|produces|returns|makes\s+it|:|,)?\s*(?:an?\s+|the\s+)?$"
)
_KERNEL_AFTER = lazy_regex(
    r"\s*(?:[-\w]+\s+)?(?:kernel|filter|window|conv|pool|max|avg|average|depthwise|pointwise)"
)
_HEDGE = lazy_regex(r"\b(?:about|roughly|approximately|around|would|if|instead|not)\b", re.I)


def labelled_findings(document: LintDocument) -> Iterator[Finding]:
    """A size claimed under a call's label that the labelled call does not give."""
    text = document.text
    body = document.body_offset
    calls = labelled_calls(text, body)
    if len(calls) < 2 or len({label for label, _ in calls}) != len(calls):
        return
    by_label = dict(calls)
    code = _code_spans(document)
    for sentence in re.finditer(r"[^.\n]+", text[body:]):
        start = body + sentence.start()
        if any(low <= start < high for low, high in code) or _HEDGE.search(sentence.group()):
            continue
        sizes = list(_SIZE.finditer(text, start, start + len(sentence.group())))
        for before, claim in itertools.pairwise(sizes):
            left = text[before.end() : claim.start()].lower()
            if _KERNEL_AFTER.match(left):
                continue  # "a 3x3 conv gives …": the size before is a kernel, not the input
            line = text[text.rfind("\n", 0, claim.start()) + 1 : claim.start()].lower()
            label = next((name for name in by_label if _claims_for(name, left, line)), None)
            if label is None:
                continue
            finding = _judge(by_label[label], before.group(), claim, label)
            if finding is not None:
                yield finding


_ITEM_ARROW = r"\s*:[^\n]*?(?:->|\N{RIGHTWARDS ARROW})\s*$"


def _claims_for(name: str, left: str, line: str) -> bool:
    """Whether the words before a size claim it for the call labelled ``name``."""
    label = r"\b" + re.escape(name) + r"\b"
    return bool(re.search(label + _CLAIM_AFTER_LABEL, left) or re.search(label + _ITEM_ARROW, line))


def _values(written: str) -> list[int]:
    return [int(value) for value in re.findall(r"\d+", written)]


def _judge(call: LabelledCall, before: str, claim: re.Match[str], label: str) -> Finding | None:
    framework, kind, dims, settings = call
    given, said = _values(before), _values(claim.group())
    if len(given) < dims or len(said) < dims:
        return None
    readings = []
    for spatial_in, spatial_out in ((given[:dims], said[:dims]), (given[-dims:], said[-dims:])):
        if len(set(spatial_in)) != 1 or len(set(spatial_out)) != 1:
            continue
        try:
            readings.append((spatial_output(framework, kind, settings, spatial_in), spatial_out))
        except (ValueError, TypeError, KeyError, ZeroDivisionError):
            return None
    if not readings or any(due == out for due, out in readings):
        return None
    due, out = readings[0]
    return Finding(
        claim.start(),
        claim.end(),
        f"the {label} call gives {'x'.join(map(str, due))} on {before}, not "
        f"{'x'.join(map(str, out))}: correct the output size",
    )


def _code_spans(document: LintDocument) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(
        r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\1[ \t]*$", document.text, re.M | re.S
    ):
        spans.append((match.start(), match.end()))
    return spans
