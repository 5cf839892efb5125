"""AG104 for a count labelled with a layer's role, in a note whose code builds several layers.

"- depthwise: 3 x 3 x 64 x 64 + 64 = 36,928" under a block that builds
``dw = nn.Conv2d(64, 64, 3, groups=64)  # depthwise`` and ``pw = nn.Conv2d(64, 128, 1)  #
pointwise`` belongs to the call whose comment or variable name carries the label "depthwise":
the count must be what the framework reports for that call (param_formulas.layer_counts, with
its ``groups`` and ``bias``), whatever formula the item writes out. A label that names no
call, or several, is left alone, and so is a Keras call without its input.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.document import CodeBlock, Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.call_counts import LayerCall, layer_call
from ankigen.lint.rules.layers.param_formulas import TORCH, layer_counts

# Words of a comment or a variable name that say nothing of the layer's role.
_PLAIN_WORDS = frozenset(
    {
        "nn", "the", "a", "an", "of", "to", "on", "in", "and", "with", "conv", "layer", "layers",
        "self", "params", "param", "parameters", "weights", "bias", "kernel", "channels", "x",
        "out", "no", "model", "block", "net",
    }
)  # fmt: skip
# A list item or bold lead whose label ends in a colon: "- depthwise: …", "**Pointwise:** …".
_LABELLED = lazy_regex(
    r"^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?(?P<label>[A-Za-z][\w -]{0,30}?)[ \t]*"
    r"(?::(?:\*\*|__)?|(?:\*\*|__):)[ \t]*(?P<rest>.*)$",
    re.M,
)
# The item's count: the result of its calculation, or a count named as parameters or weights.
_RESULT = lazy_regex(r"=[ \t]*(?:\*\*)?[ \t]*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d,.]*\d)")
_NAMED = lazy_regex(
    r"^(?:\*\*)?[ \t]*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\*\*)?[ \t]+(?:trainable[ \t]+)?"
    r"(?:param(?:eter)?s|weights)\b",
    re.I,
)
_AFTER_COUNT = lazy_regex(r"^(?:\*\*)?[ \t]*(?:(?:trainable[ \t]+)?(?:param(?:eter)?s|weights)\b)?"
                          r"[ \t]*[.;]?[ \t]*(?:\*\*)?[ \t]*$", re.I)  # fmt: skip
# An approximate, per-part or compared count is no claim of the layer's total.
_NOT_TOTAL = lazy_regex(
    r"~|\N{ALMOST EQUAL TO}|\babout\b|\broughly\b|\bapprox|\bper\b|\beach\b|\bthan\b|\bvs\b"
    r"|\binstead\b|\bsav\w+|\b\d+(?:\.\d+)?\s*[kKM]\b",
    re.I,
)
_WEIGHTS = lazy_regex(r"\bweights\b", re.I)
_BIAS = lazy_regex(r"\bbias", re.I)
_COUNTS_PARAMETERS = lazy_regex(r"\bparam(?:eter)?s?\b|\bweights\b", re.I)
# The comment of a call's closing line that states a count alone: "bias=False)  # 36,864"
_CLOSING_COMMENT = lazy_regex(
    r"\)[^#\n]*#[ \t]*(?P<n>\d{1,3}(?:,\d{3})+|\d+)[ \t]*"
    r"(?:(?:trainable[ \t]+)?(?:param(?:eter)?s|weights))?[ \t]*$",
    re.I,
)
_WORD = lazy_regex(r"[A-Za-z]+")
_PYTHON = frozenset({"python", "py", "python3"})


@dataclass(frozen=True)
class _Labelled:
    call: LayerCall
    labels: frozenset[str]
    source: str
    counts: frozenset[int]  # the framework's total, with and without the untrainable share
    weights: int | None  # the count without biases, which an item of "weights" may give
    block: CodeBlock
    lines: tuple[int, int]  # 0-based first and last line of the call in its block


def _words(text: str) -> set[str]:
    return {
        word.lower()
        for word in _WORD.findall(text.replace("_", " "))
        if len(word) > 1 and word.lower() not in _PLAIN_WORDS
    }


def _labelled_calls(block: CodeBlock) -> list[_Labelled]:
    """Each torch layer built by an assignment, with its variable's and comment's words."""
    try:
        tree = ast.parse(block.code)
    except (SyntaxError, ValueError):
        return []
    lines = block.code.split("\n")
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
            continue
        call = layer_call(node.value)
        if not isinstance(call, LayerCall) or call.framework != TORCH:
            continue  # a Keras layer needs its input, which an assignment alone does not give
        try:
            counts = layer_counts(call.framework, call.name, call.config, ())
        except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError):
            continue
        if counts is None:
            continue
        weights = None
        if "bias" not in call.config:
            unbiased = layer_counts(call.framework, call.name, {**call.config, "bias": False}, ())
            weights = unbiased.total if unbiased is not None else None
        labels = {word for target in node.targets for word in _words(ast.unparse(target))}
        end = (node.end_lineno or node.lineno) - 1
        for line in {node.lineno - 1, end}:
            if "#" in lines[line]:
                labels |= _words(lines[line].split("#", 1)[1])
        source = ast.get_source_segment(block.code, node.value) or call.name
        found.append(
            _Labelled(
                call,
                frozenset(labels),
                source,
                frozenset({counts.total, counts.trainable}),
                weights,
                block,
                (node.lineno - 1, end),
            )
        )
    return found


def _claimed(rest: str) -> re.Match[str] | None:
    """The count an item states after its label, or None when it states none alone."""
    if _NOT_TOTAL.search(rest):
        return None
    results = list(_RESULT.finditer(rest))
    if results:
        last = results[-1]
        return last if _AFTER_COUNT.match(rest[last.end() :]) else None
    return _NAMED.match(rest)


def labelled_call_findings(document: LintDocument) -> Iterator[Finding]:
    """A labelled count that is not what the framework reports for the call of that label,
    and a bare count in the comment that closes a call written over several lines."""
    calls = [
        labelled
        for block in document.code_blocks
        if block.language.strip().lower() in _PYTHON
        for labelled in _labelled_calls(block)
    ]
    if _COUNTS_PARAMETERS.search(document.text):
        yield from _wrapped_call_comments(document, calls)
    if len(calls) < 2:
        return  # one call's labelled count is call_counts' to judge
    text = document.text
    code_lines = {
        block.first_line + index
        for block in document.code_blocks
        for index in range(block.code.count("\n") + 2)
    }
    for match in _LABELLED.finditer(text, document.body_offset):
        if document.position(match.start())[0] in code_lines:
            continue
        label = _words(match.group("label"))
        owners = [labelled for labelled in calls if labelled.labels & label]
        if not label or len(owners) != 1:
            continue
        owner = owners[0]
        claim = _claimed(match.group("rest"))
        if claim is None:
            continue
        value = int(claim.group("n").replace(",", ""))
        rest = match.group("rest")
        weights_only = _WEIGHTS.search(rest) is not None and _BIAS.search(rest) is None
        if value in owner.counts or (weights_only and value == owner.weights):
            continue
        start = match.start("rest") + claim.start("n")
        yield Finding(
            start,
            start + len(claim.group("n")),
            f"PyTorch reports {max(owner.counts):,} parameters for the {match.group('label')} "
            f"layer ({owner.source}), not {claim.group('n')}: correct the count",
        )


def _wrapped_call_comments(document: LintDocument, calls: list[_Labelled]) -> Iterator[Finding]:
    """``self.conv2 = nn.Conv2d(128, 128, 3, groups=32,\\n bias=False)  # 36,864``: the
    count on the closing line of a call written over several lines, which the per-line
    readings do not see as the call's, must be what the framework reports for the call."""
    for labelled in calls:
        first, last = labelled.lines
        if first == last:
            continue
        line = labelled.block.code.split("\n")[last]
        comment = _CLOSING_COMMENT.search(line)
        if comment is None:
            continue
        value = int(comment.group("n").replace(",", ""))
        sizes = [v for v in labelled.call.config.values() if isinstance(v, int)]
        if value <= max(sizes, default=0) or value in labelled.counts:
            continue  # a size, or the right count
        start = (
            document.offset_of_line(labelled.block.first_line + last)
            + labelled.block.indent
            + comment.start("n")
        )
        yield Finding(
            start,
            start + len(comment.group("n")),
            f"PyTorch reports {max(labelled.counts):,} parameters for {labelled.source}, "
            f"not {comment.group('n')}: correct the count",
        )
