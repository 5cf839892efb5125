"""One layer described over several lines of prose or a list (issue #12): a front end of
``walks`` for a note whose settings, input and output stand on lines of their own:

    # Length after a valid dilated convolution
    L_in = 200, k = 3, d = 8, stride 1, no padding.
    L_out = 192

The layer is the note's one layer: its kind from the note's words or call, each setting the
one value the note states for it (a call and the words must agree; two values of a setting
leave the note alone). The input is the note's one stated input ("L_in = 200", "in: 47x47x16",
"on L = 50", "on 101 frames"); the claim is the size on the one line labelled the output
("L_out =", "out:", "Output length is", "result:"), a line that works a chain left to the
chain readers. A note with a table, fenced code or more than one kind of layer is left to
the other front ends. Every finding is a warning: the roles are gathered from the note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.walks import POOL, Layer, Stage, Transition, wrong_transitions

_FENCE = lazy_regex(r"^\s*(?:```|~~~)|^\s*\|")
_OUT_LINE = lazy_regex(
    r"^[\s>*_`\-\d.]*(?:[LHWT]_?\{?out\}?|out(?:put)?(?:\s+(?:size|shape|length|H\s*[\u00d7x]\s*W))?"
    r"|result)[*_`\s]*(?:=|:|\bis\b)",
    re.I,
)
_CHAIN = lazy_regex(r"\d\s*[)\]]?\s*(?:[-+\u2212\u00b7*/]|\\cdot|\\times)\s*[(\[]?\s*\d")
_SHAPE = lazy_regex(
    r"(?<![\w.,])(?P<v>\d{1,5}(?:\s*[\u00d7xX*]\s*\d{1,5}){0,3})(?![\w.,]\d|\d|\\,|\{,\}|\s*[-+\u2212](?=\s*\d)|\s*/(?!/))"
)
_INPUT = lazy_regex(
    r"\b(?:[LTN]_?\{?in\}?|[LT]|in|input(?:\s+(?:size|shape|length))?)\s*[:=]\s*"
    r"(?P<v>\d{1,5}(?:\s*[\u00d7xX*]\s*\d{1,5}){0,3})(?![\d.])"
    r"|\bon\s+(?:length\s+|L\s*=\s*|T\s*=\s*)?(?P<w>\d{1,5})(?:\s+[\w-]+)?\s+"
    r"(?:frames|samples|steps|tokens|positions)\b"
    r"|\bon\s+(?:length\s+|L\s*=\s*|T\s*=\s*)(?P<x>\d{1,5})\b",
    re.I,
)
_LINK = lazy_regex(r"=|\u2192|->|=>|\u21d2")
_LEAD = lazy_regex(r"[\s*_`$~]*")
_THOUSANDS = lazy_regex(r"(?<=\d)(?:\\,|\{,\}|,|\u202f|\u2009)(?=\d{3}(?!\d))")
_FLOOR_STATED = lazy_regex(r"ceil_mode\s*=\s*False", re.I)
_KINDS = lazy_regex(r"(?P<pool>pool)|(?P<conv>conv)", re.I)
_SEVERAL = lazy_regex(
    r"\b(?:two|three|four|each|every|blocks?|stages?|layers|stack\w*|then|followed)\b", re.I
)


def prose_transitions(
    document: LintDocument, stated_layer: Callable[[str], Layer | None]
) -> Iterator[Transition]:
    """The note's one layer's output, when the size on its output line is not what the
    layer gives from the note's input (``stated_layer`` reads a text's one layer)."""
    lines = document.text[document.body_offset :].split("\n")
    if any(_FENCE.match(line) for line in lines):
        return
    first = document.position(document.body_offset)[0]
    outputs = [
        (first + index, text)
        for index, text in enumerate(lines)
        if _OUT_LINE.match(text) and not _CHAIN.search(text)
    ]
    if len(outputs) != 1:
        return
    line, text = outputs[0]
    others = "\n".join(other for index, other in enumerate(lines) if first + index != line)
    others = _THOUSANDS.sub("", others)  # "1\\,000", "16,000": one number
    kinds = {next(k for k, v in m.groupdict().items() if v) for m in _KINDS.finditer(others)}
    if len(kinds) != 1 or _SEVERAL.search(others):
        return
    layer = stated_layer(others.replace("\n", " ; "))
    if layer is None:
        return
    if layer.kind == POOL and _FLOOR_STATED.search("\n".join(lines)):
        layer = replace(layer, floor=True)
    inputs = {_size(m["v"] or m["w"] or m["x"]) for m in _INPUT.finditer(others)}
    if len(inputs) != 1:
        return
    (source,) = inputs
    label = _OUT_LINE.match(text)
    assert label is not None
    claim = _claimed(text, label.end())
    if claim is None:
        return
    offset = document.offset_of_line(line)
    stage = Stage(
        layer, _size(claim["v"]), offset + claim.start(), offset + claim.end(), line, source
    )
    for transition in wrong_transitions([stage], None):
        yield replace(transition, sure=False)


def _claimed(text: str, start: int) -> re.Match[str] | None:
    """The size right after the label or after a later link ("=", an arrow), whatever the
    formula between them ("L_out = L_in - d -> 192"); none where only a formula follows."""
    for link in [start, *(m.end() for m in _LINK.finditer(text, start))]:
        lead = _LEAD.match(text, link)
        found = _SHAPE.match(text, lead.end() if lead else link)
        if found is not None:
            return found
    return None


def _size(text: str) -> tuple[int, ...]:
    return tuple(int(value) for value in re.findall(r"\d+", text))
