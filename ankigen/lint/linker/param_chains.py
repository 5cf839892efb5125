"""The formula judge for worked parameter counts (issue #12): a calculation whose arithmetic
is right and whose formula is not the layer's ("3 * (32 * (20 + 32) + 32)" for a GRU that keeps
two bias vectors per gate, "4 x 128 = 512 trainable" for a batch normalisation whose moving
statistics are not trained, "V x d + d" for an embedding, which has no bias).

The layer is the note's one call of a known type (``summary_rows.layer_calls``); the chain's
numbers must be the call's sizes, the input width the note states and small gate or bias
factors, and its result the chain's value. Its count is recomputed under every convention the
framework allows (``summary_rows.call_counts``, a GRU's ``reset_after`` as the note states it,
a normalisation's trainable 2C where the line says "trainable"); a result no convention gives
is a finding, a warning unless the call states every size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ankigen.diagnostics import Severity
from ankigen.lint.arith.expression import evaluate
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import body_lines
from ankigen.lint.linker.summary_rows import (
    KINDS,
    LayerCall,
    call_counts,
    keras_conv,
    layer_calls,
    widths_of,
)

_PARAMS = lazy_regex(r"\bparam\w*|\btrainable\b|\bcount\b", re.I)
# a line that counts a part of the layer (its weights alone, a bias, one kernel)
_PART = lazy_regex(r"\bweights?\b|\bbias\w*|\bkernel\b|\bper\b|\beach\b", re.I)
_NON_TRAINABLE = lazy_regex(r"non[- ]trainable", re.I)
_RESET_AFTER = lazy_regex(r"reset_after\s*=\s*`?(?P<v>True|False)")
_COPIES = lazy_regex(
    r"\b(?:bidirectional|stacked|num_layers|(?:two|three|four|\d+)\s+(?:\w+\s+)?"
    r"(?:layers|blocks|copies))\b",
    re.I,
)
# a line that splits the count ("128 in total, of which 64 trainable"; "all trainable")
_SPLIT = lazy_regex(r"\bof which\b|\ball\b|\bin total\b", re.I)
_NORM_WORDS = lazy_regex(r"\bBatchNorm\w*|\bbatch[- ]?norm", re.I)
_CHANNELS = lazy_regex(
    r"\b(\d+)[- ](?:channel|filter)s?\b|\b(\d+)\s+(?:channels|filters|feature maps)\b"
    r"|\(\s*None\s*(?:,\s*(?:\d+|None)\s*)+,\s*(\d+)\s*\)",
    re.I,
)
_GLOBAL_POOL = lazy_regex(r"GlobalAvg|GlobalAverage|GlobalMax|global (?:average|avg|max)", re.I)
_SHAPE_4D = lazy_regex(r"\(\s*None\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)")
_THOUSANDS = lazy_regex(r"(?<=\d)[,\u202f\u2009 ](?=\d{3}\b)")
# "expression = result" at the end of a line's clause
_CHAIN = lazy_regex(
    r"(?P<expr>[\d(][\d\s()+*\u00b7\u00d7x\u2212-]*[\d)])\s*=\s*[*_`$]*"
    r"(?P<result>\d[\d,\u202f\u2009 ]*\d|\d)[*_`$]*\s*"
    r"(?:(?:trainable\s+)?(?:params?|parameters|weights)?\s*[.;,)]?\s*)$",
    re.I,
)


def param_chain_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    lines = body_lines(document, code=True)
    text = "\n".join(written for _, _, written in lines)
    if _COPIES.search(text):
        return
    calls = [call for _, _, written in lines for call in layer_calls(written)]
    if not calls:
        calls = list(_norm_in_words(text))
    typed = {call.type for call in calls}
    if len(calls) != 1 or len(typed) != 1:
        return
    call = _with_reset_after(calls[0], text)
    for line, offset, written in lines:
        if line in reported or not _PARAMS.search(written) or _PART.search(written):
            continue
        if _NON_TRAINABLE.search(written) or _SPLIT.search(written):
            continue
        chain = _CHAIN.search(_THOUSANDS.sub("", written))
        if chain is None:
            continue
        value = evaluate(chain["expr"])
        claimed = int(re.sub(r"\D", "", chain["result"]))
        if value is None or value != claimed:
            continue  # no formula, or its arithmetic is wrong: AG101's
        widths, flattened = _pooled_widths(text) or (widths_of(text, keras_conv(call)), set())
        counts, sure = call_counts(KINDS[call.type], call, widths)
        if KINDS[call.type] == "norm" and re.search(r"\btrainable\b", written, re.I):
            counts = {min(counts)} if counts else counts  # the moving statistics are not trained
        numbers = {int(n) for n in re.findall(r"\d+", chain["expr"])}
        known = {v for v in call.arguments if v} | widths | flattened | {1, 2, 3, 4}
        known |= {v for v in call.keywords.values() if isinstance(v, int)}
        if not counts or claimed in counts or not numbers <= known:
            continue
        span = _result_span(written, chain["result"].strip())
        if span is None:
            continue
        reported.add(line)
        shown = " or ".join(f"{count:,}" for count in sorted(counts)[:2])
        yield Finding(
            offset + span[0],
            offset + span[1],
            f"the worked count {claimed:,} is not what the {call.type} layer's formula gives "
            f"({shown}): correct the calculation's formula",
            severity=None if sure else Severity.WARNING,
        )


def _norm_in_words(text: str) -> Iterator[LayerCall]:
    channels = norm_channels(text)
    if channels is not None:
        yield LayerCall("BatchNormalization", (channels,), {})


def norm_channels(text: str) -> int | None:
    """The channels of a batch normalisation the note names over one stated channel count
    ("BatchNorm after a 64-channel conv", "BatchNormalization on (None, 96, 32)")."""
    if not _NORM_WORDS.search(text):
        return None
    channels = {int(next(v for v in m.groups() if v)) for m in _CHANNELS.finditer(text)}
    return channels.pop() if len(channels) == 1 else None


def _pooled_widths(text: str) -> tuple[set[int], set[int]] | None:
    """The width a global pooling leaves of the one 4-D shape before it (its channels), and
    the width a flattening would give instead (a chain may use it: that is its mistake)."""
    if not _GLOBAL_POOL.search(text):
        return None
    shapes = {tuple(int(n) for n in m.groups()) for m in _SHAPE_4D.finditer(text)}
    if len(shapes) != 1:
        return None
    (height, width, channels) = shapes.pop()
    return {channels}, {height * width * channels}


def _with_reset_after(call: LayerCall, text: str) -> LayerCall:
    """A GRU's ``reset_after`` the note states in its words, not in the call."""
    stated = {match["v"] for match in _RESET_AFTER.finditer(text)}
    if call.type != "GRU" or "reset_after" in call.keywords or len(stated) != 1:
        return call
    return replace(call, keywords={**call.keywords, "reset_after": stated.pop() == "True"})


def _result_span(written: str, result: str) -> tuple[int, int] | None:
    """Where the chain's result stands on the written line (thousands marks kept)."""
    digits = re.sub(r"\D", "", result)
    pattern = r"[,\u202f\u2009 ]?".join(re.escape(digit) for digit in digits)
    matches = list(re.finditer(rf"(?<![\d.]){pattern}(?!\d|\.\d)", written))
    return matches[-1].span() if matches else None
