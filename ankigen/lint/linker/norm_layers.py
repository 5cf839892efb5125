"""A normalisation layer's vectors counted wrong beside another layer (issue #12): a batch
norm "after Conv1D(64)" whose trainable count is all four vectors (4·64), a trainable total of
a conv and its batch norm that adds the moving statistics, a layer norm whose row says "gamma
and beta" and counts one vector of d.

A normalisation over C channels holds a scale and a shift of C values each (gamma, beta: trained);
a batch norm also keeps a moving mean and variance (C each, not trained; Keras counts them
as non-trainable weights, PyTorch as buffers). The channels are the norm's own call argument
(``BatchNorm3d(64)``, ``LayerNorm(768)``), else the output of the one other layer the note
names (Keras ``Conv1D(64)`` and ``Dense(64)``: the first argument; PyTorch ``Conv2d(32, 64,
…)`` and ``Linear(…, 64)``: the second), else for a layer norm the note's one model width
("d = 768", "d_model 768"). ``norm_counts`` reads a note with no other layer; this reads the
rest. A note that turns the scale or the shift off is left alone. A warning: the channels or
the claim's role are read from the layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import body_lines

_OFF = lazy_regex(
    r"\b(?:center|scale|affine|elementwise_affine|trainable)\s*=\s*False|\bfrozen\b"
    r"|\bfreez|\bfold\w*|\bfus(?:e|ed|ing)\b|\bRMSNorm\b|\bRMS\b",
    re.I,
)
_NORM_CALL = lazy_regex(
    r"\b(?P<type>BatchNorm[123]d|BatchNormalization|LayerNorm(?:alization)?|GroupNorm"
    r"|InstanceNorm[123]d)\b(?:\s*\(\s*(?P<args>[^()]*)\))?"
)
_NORM_WORD = lazy_regex(r"\bbatch[- ]?norm\w*|\blayer[- ]?norm\w*|\bBN\b|\bLN\b", re.I)
_OTHER_CALL = lazy_regex(
    r"\b(?P<type>Conv[123]d|Conv[123]D|Linear|Dense)\s*\(\s*(?P<args>[^()]*)\)"
)
_WIDTH = lazy_regex(r"\b(?:d|d_model|d_\{?model\}?|hidden(?:[ _]size)?|width)\s*[=:]?\s*(\d+)\b")
_COUNT = r"(?P<n>\d{1,3}(?:[,\u202f\u2009 ]\d{3})+|\d+)(?![\d.,]\d|\s*[\u00d7x*\u00b7+/-]\s*\d)"
# "trainable params: 256", "trainable = 256", "256 trainable"
_TRAINABLE = lazy_regex(
    rf"(?<!non-)(?<!non )\btrainable(?:\s+param\w*)?\s*[:=]\s*[*_`]*{_COUNT}"
    rf"|(?<![\d,.]){_COUNT.replace('?P<n>', '?P<m>')}[*_`]*\s+trainable\b",
    re.I,
)
# "Trainable total = 55,552", "total trainable params: 55,552"
_TRAINABLE_TOTAL = lazy_regex(
    rf"\b(?:trainable\s+total|total\s+trainable)(?:\s+param\w*)?\s*(?:[:=]|is)\s*[*_`]*{_COUNT}",
    re.I,
)
# a line naming both trained vectors
_BOTH = lazy_regex(
    r"(?:\N{GREEK SMALL LETTER GAMMA}|\\gamma|gamma|scale|weight)\s*(?:and|&|\+|,)\s*"
    r"(?:\N{GREEK SMALL LETTER BETA}|\\beta|beta|shift|bias)",
    re.I,
)
_EACH = lazy_regex(r"\b(?:each|per|apiece|respectively|one of)\b", re.I)
_LAST_NUMBER = lazy_regex(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,]*\d)[^\d]*$")
_RESULT = lazy_regex(r"=\s*(\d{1,3}(?:[,\u202f\u2009 ]\d{3})+|\d+)\b")


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _positional(args: str) -> list[int | None]:
    found: list[int | None] = []
    for piece in args.split(","):
        piece = piece.strip()
        if "=" in piece:
            break
        found.append(int(piece) if piece.isdigit() else None)
    return found


def _keyword(args: str, *names: str) -> int | None:
    for name in names:
        match = re.search(rf"\b{name}\s*=\s*(\d+)\b", args)
        if match:
            return int(match.group(1))
    return None


def _output_of(kind: str, args: str) -> int | None:
    """The channels or units a conv or dense call puts out."""
    keyword = _keyword(args, "filters", "units", "out_channels", "out_features", "features")
    if keyword is not None:
        return keyword
    positional = _positional(args)
    keras = kind in {"Dense"} or kind.endswith("D")
    index = 0 if keras else 1
    return positional[index] if len(positional) > index else None


def _norm_channels(kind: str, args: str | None) -> int | None:
    if not args:
        return None
    keyword = _keyword(args, "num_features", "normalized_shape", "num_channels")
    if keyword is not None:
        return keyword
    positional = _positional(args)
    index = 1 if kind == "GroupNorm" else 0
    return positional[index] if len(positional) > index else None


def norm_layer_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    lines = body_lines(document, code=True)
    text = "\n".join(written for _, _, written in lines)
    if not (_NORM_CALL.search(text) or _NORM_WORD.search(text)) or _OFF.search(text):
        return
    kinds = {match["type"] for match in _NORM_CALL.finditer(text)}
    others = list(_OTHER_CALL.finditer(text))
    if len(kinds) > 1 or len({match.group(0) for match in others}) > 1:
        return  # several norms or several other layers: which is counted is not clear
    norm_calls = list(_NORM_CALL.finditer(text))
    if any(re.search(r"\bbias\s*=\s*False", m["args"] or "") for m in norm_calls):
        return  # a layer norm without its shift
    channels = {_norm_channels(m["type"], m["args"]) for m in norm_calls} - {None}
    layer_norm = bool(re.search(r"layer[- ]?norm|\bLN\b", text, re.I))
    if not channels and others:
        output = _output_of(others[0]["type"], others[0]["args"])
        channels = {output} if output else set()
    if not channels and layer_norm:
        channels = {int(match.group(1)) for match in _WIDTH.finditer(text)}
    if len(channels) != 1:
        return
    (count,) = channels
    assert count is not None
    results = {_number(match.group(1)) for match in _RESULT.finditer(text)}
    for line, offset, written in lines[1:]:  # the heading asks; it does not claim
        if line in reported:
            continue
        found = _slip(written, count, bool(others), layer_norm, results)
        if found is None:
            continue
        start, end, message = found
        reported.add(line)
        yield Finding(offset + start, offset + end, message, severity=Severity.WARNING)


def _slip(
    written: str, channels: int, other: bool, layer_norm: bool, results: set[int]
) -> tuple[int, int, str] | None:
    total = _TRAINABLE_TOTAL.search(written)
    if total is not None and other:
        value = _number(total["n"])
        parts = [part for part in results if part + 4 * channels == value]
        if parts and value - 2 * channels not in results:
            right = parts[0] + 2 * channels
            return (
                total.start("n"),
                total.end("n"),
                f"the trainable total counts the normalisation's {4 * channels:,} values over "
                f"{channels} channels; only gamma and beta ({2 * channels:,}) are trained: "
                f"{parts[0]:,} + {2 * channels:,} = {right:,}, not {value:,}",
            )
        return None
    split = _TRAINABLE.search(written)
    if split is not None and other and not _OTHER_CALL.search(written):
        group = "n" if split["n"] else "m"
        value = _number(split[group])
        if value == 4 * channels:
            return (
                split.start(group),
                split.end(group),
                f"a normalisation over {channels} channels (the layer before puts them out) has "
                f"{2 * channels:,} trainable values (gamma and beta; the moving mean and "
                f"variance are not trained), not {value:,}: correct the count",
            )
    names_norm = _NORM_WORD.search(written) or _NORM_CALL.search(written)
    if layer_norm and names_norm and _BOTH.search(written) and not _EACH.search(written):
        last = _LAST_NUMBER.search(written)
        if last is not None and _number(last.group(1)) == channels:
            return (
                last.start(1),
                last.end(1),
                f"a layer norm over {channels} values has a scale and a shift of {channels:,} "
                f"each, {2 * channels:,} in all, not {channels:,}: correct the count",
            )
    return None
