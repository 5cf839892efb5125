"""A dense layer's count given as its weights alone (issue #12): ``Linear(2304 → 400)``
called "921,600 trainable params", ``Dense(24)`` on a 64-unit state with "total trainable
params: 1 536", "Params = 69 x 256 = 17,664" for a Flax ``nn.Dense(256)`` on 69 features.
The layer's bias is on unless the note turns it off, so its count is in·out + out.

The reading is the same in any notation: the note names one layer, a dense one (a call in
PyTorch, Keras or Flax terms, or "Linear(a → b)"); its input width is the call's or the one
width the note states ("64 units", "(B, 721, 1440, 69)", "80-dim"); a number on a line that
names the layer's parameters (not its weights, a bias, a part or a share) is exactly in·out,
and in·out + out stands nowhere in the note. Always a warning: the author may mean a layer
without a bias and not say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import body_lines
from ankigen.lint.linker.summary_rows import KINDS, layer_calls, widths_of

_CALL = lazy_regex(r"\b(?:nn\.|layers\.|keras\.layers\.)?(?P<type>[A-Z][A-Za-z0-9]+)\s*\(")
# "Linear(2304 → 400)", "Linear 96→384", "Dense 128 -> 10"
_ARROW = lazy_regex(
    r"\b(?:nn\.)?(?:Linear|Dense)\s*\(?\s*(?P<inp>\d+)\s*(?:→|->|=>|to)\s*(?P<out>\d+)\s*\)?"
)
# the width a dense layer runs on: "64 units", "80 features", "a 512-d vector", "(B, 7, 69)"
_INPUT_WIDTH = lazy_regex(
    r"\b(?P<words>\d+)[- ](?:units?|features?|inputs?|dims?|d)\b"
    r"|\(\s*(?:None|B|N|batch)\s*,\s*(?:[\w ]+,\s*)*(?P<last>\d+)\s*\)",
    re.I,
)
_PARAMS = lazy_regex(r"\bparam\w*|\btrainable\b", re.I)
# a line about a part of the layer, a share, or another convention
_PART = lazy_regex(
    r"\bweights?\b|\bbias\w*|\bkernel\b|\bmatri(?:x|ces)\b|\bper\b|\beach\b|\bof which\b"
    r"|non[- ]trainable|\bwithout\b|\bexcept\b|\bignor\w*|\bexclud\w*",
    re.I,
)
# a note that turns the bias off or counts another way (tied, shared, low-rank, pruned)
_OTHER_CONVENTION = lazy_regex(
    r"\bbias\s*=\s*False|\buse_bias\s*=\s*False|\bno\s+bias|\bbias-?free|\bwithout\s+(?:a\s+|"
    r"the\s+|any\s+)?bias|\btied\b|\btying\b|\bshared?\b|\bLoRA\b|\badapter|\brank\b|\bprun\w*"
    r"|\bsparse\b|\bBatchNorm|\bbatch[- ]?norm|\bLayerNorm",
    re.I,
)
_SIZE_NOUN = lazy_regex(r"[- ]?(?:units?|features?|inputs?|outputs?|dims?|d|channels?)\b", re.I)
_NUMBER = lazy_regex(r"(?<![\d.,])(\d{1,3}(?:[,\u202f\u2009 ]\d{3})+|\d+)(?![\d]|[.,]\d)")


def bias_free_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    """A warning on each count of the note's one dense layer that leaves out its bias."""
    lines = body_lines(document, code=True)
    text = "\n".join(written for _, _, written in lines)
    if _OTHER_CONVENTION.search(text):
        return
    layer = _one_dense_layer(text)
    if layer is None:
        return
    width, units = layer
    weights, whole = width * units, width * units + units
    if any(_value(match) == whole for match in _NUMBER.finditer(text)):
        return  # the note works out the count with its bias too
    if weights in (width, units):
        return  # one unit or one input: the count is a size the note states
    for line, offset, written in lines:
        if line in reported or not _PARAMS.search(written) or _PART.search(written):
            continue
        for match in _NUMBER.finditer(written):
            if _value(match) != weights or _operand(written, match.end()):
                continue
            if _SIZE_NOUN.match(written, match.end()):
                continue  # "13 features": a size, not a count
            reported.add(line)
            yield Finding(
                offset + match.start(),
                offset + match.end(),
                f"the count {match[1]} is the dense layer's weights alone ({width:,} x "
                f"{units:,}); its bias, on by default, adds {units:,}: {whole:,} parameters",
                severity=Severity.WARNING,
            )
            break


def _one_dense_layer(text: str) -> tuple[int, int] | None:
    """The input width and units of the note's one layer, if it is a dense one."""
    mentions = [m for m in _CALL.finditer(text) if m["type"] in KINDS]
    arrows = list(_ARROW.finditer(text))
    calls = [call for call in layer_calls(text) if KINDS[call.type] == "dense"]
    if arrows:
        if len(arrows) != 1 or len(mentions) > 1:
            return None
        return int(arrows[0]["inp"]), int(arrows[0]["out"])
    if len(mentions) != 1 or len(calls) != 1:
        return None
    call = calls[0]
    if call.type == "Linear" and len(call.arguments) >= 2:
        inp, out = call.arguments[0], call.arguments[1]
        return (inp, out) if inp and out else None
    units = call.arguments[0] if call.arguments else call.keywords.get("units")
    if not isinstance(units, int) or isinstance(units, bool) or len(call.arguments) > 1:
        return None
    widths = widths_of(text) | {
        int(match["words"] or match["last"]) for match in _INPUT_WIDTH.finditer(text)
    }
    widths.discard(units)
    return (widths.pop(), units) if len(widths) == 1 else None


def _value(match: re.Match[str]) -> int:
    return int(re.sub(r"\D", "", match[1]))


def _operand(written: str, end: int) -> bool:
    """Whether the number goes on into a calculation ("17,664 + 256")."""
    return re.match(r"\s*[-+*/\u00d7\u00b7x\u2212]\s*\d", written[end:]) is not None
