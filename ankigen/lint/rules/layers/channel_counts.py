"""Channel counts written beside kernels, which AG103's size readers must not take for spatial
sizes: the ResNet table notation "1x1, 64 → 3x3, 64 → 1x1, 256", a list item "1x1 conv,
64 → 256", "reduces 256 → 64 channels", "from 64 to 256 filters".

``channel_spans`` finds the numbers of those channel counts and the kernel sizes written in the
notation (a "3x3" after an arrow there is the next layer's kernel, not a result);
``channel_only`` says which values the note states only as channel counts, never inside a
spatial size, so that a finding computed from one of them as its input is dropped too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ankigen.lint.document import Finding
from ankigen.lint.lazy_pattern import lazy_regex

_N = r"\d{1,3}(?:,\d{3})+|\d+"
_X = r"\s*[x\N{MULTIPLICATION SIGN}X]\s*"
_ARROW = r"\s*(?:->|\N{RIGHTWARDS ARROW}|\bto\b|\N{LONG RIGHTWARDS ARROW})\s*"
# "1x1, 64", "3x3 conv, 128", "1x1 convolution, 256 channels": a kernel and its filters.
_KERNEL_THEN_FILTERS = lazy_regex(
    rf"(?<![\w.,])(?P<kernel>(?P<k>\d{{1,2}}){_X}(?P=k))(?:\s+(?:conv\w*|filters?))?\s*,\s*"
    rf"(?P<c>{_N})(?![\w\N{{MULTIPLICATION SIGN}}]|[.,]\d|{_X}\d)",
    re.I,
)
# "64 → 256" right after such a kernel: the kernel's input and output channels.
_CHANNEL_CHANGE = lazy_regex(rf"{_ARROW}(?P<c>{_N})(?![\w\N{{MULTIPLICATION SIGN}}]|[.,]\d)")
# "256 → 64 channels", "from 64 to 256 filters", "64 channels": counts named as channels.
_NAMED = lazy_regex(
    rf"(?<![\w.,\N{{MULTIPLICATION SIGN}}])(?P<a>{_N})(?:{_ARROW}(?P<b>{_N}))?\s+"
    r"(?:input\s+|output\s+)?(?:channels?|filters?|feature[- ]maps?|kernels)\b",
    re.I,
)
_AXIS_BEFORE = lazy_regex(r"(?:[x\N{MULTIPLICATION SIGN}X]|\bby)\s*$")
_SPATIAL = lazy_regex(rf"(?P<a>{_N})(?:{_X}|\s+by\s+)(?P<b>{_N})")


def channel_spans(prose: str, start: int = 0) -> list[tuple[int, int]]:
    """The spans of channel counts and of kernels written in the channel notation."""
    spans: list[tuple[int, int]] = []
    for match in _KERNEL_THEN_FILTERS.finditer(prose, start):
        spans.append(match.span("kernel"))
        spans.append(match.span("c"))
        change = _CHANNEL_CHANGE.match(prose, match.end())
        if change is not None:
            spans.append(change.span("c"))
    for match in _NAMED.finditer(prose, start):
        if _AXIS_BEFORE.search(prose, max(0, match.start() - 4), match.start()):
            continue  # "113 x 113 x 64 feature maps": the channel axis of a shape
        spans.append(match.span("a"))
        if match.group("b") is not None:
            spans.append(match.span("b"))
    return spans


def channel_only(prose: str, spans: Iterable[tuple[int, int]], start: int = 0) -> set[int]:
    """Values the note writes as channel counts and never as an axis of a spatial size."""
    written = [prose[a:b].replace(",", "") for a, b in spans]
    counted = {int(text) for text in written if text.isdigit()}  # not the notation's kernels
    sized = set()
    for match in _SPATIAL.finditer(prose, start):
        if not any(a <= match.start() < b for a, b in spans):
            sized |= {int(match.group(axis).replace(",", "")) for axis in ("a", "b")}
    return counted - sized


# The input of a finding's formula: "⌊(256 + 2·1 - 3) / 1⌋", "(256 + 2·0", "an input of 256".
_FORMULA_INPUT = lazy_regex(r"^[^(]*?\((?P<n>\d+)\s*\+|\binput\s+of\s+(?P<m>\d+)\b")


def without_channel_counts(
    prose: str, findings: Iterable[Finding], start: int
) -> Iterator[Finding]:
    """The findings that neither claim a channel count (or a kernel of the notation) as a
    size nor compute their output from a value the note states only as a channel count."""
    spans = channel_spans(prose, start)
    if not spans:
        yield from findings
        return
    only = channel_only(prose, spans, start)
    for finding in findings:
        if any(a < finding.end and finding.start < b for a, b in spans):
            continue
        used = _FORMULA_INPUT.search(finding.message)
        if used is not None and int(used.group("n") or used.group("m")) in only:
            continue
        yield finding
