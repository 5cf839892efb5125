"""Where a counted layer's input comes from (AG104's note-level setting).

A layer call named as the SOURCE of the counted one ("`BatchNormalization()` after a
`Conv2D(64, 3)`", "`GRU(32)` on top of `Embedding(10000, 32)`", "a `Dense(10)` following
`LSTM(128)`") is no second counted layer: its output width is the counted layer's input. And a
normalisation layer keeps the width of the layer before it: in a note that sets a conv or dense
layer on an image and then normalises, the image's channels are the conv's input, the
normalisation's channels are the conv's filters.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.param_setting import KIND_WORDS, LayerCall, ParamSetting, Size

# "after a", "following the", "on top of an", "behind its": the words just before a source call
_SOURCE_WORDS = lazy_regex(
    # "the following `BatchNorm2d`" is the next layer, not a source
    r"\b(?:after|(?<!the\s)following|behind|on\s+top\s+of|fed\s+(?:by|from)"
    r"|(?:on|applied\s+to|reads?|takes?)\s+the\s+output\s+of)\s+"
    r"(?:an?\s+|the\s+|each\s+|every\s+|its\s+)?(?:[\w-]+\s+){0,2}[\s`*_$]*$",
    re.I,
)
_SENTENCE_BREAK = lazy_regex(r"[.!?](?:\s|$)|\n\s*\n")

# the role of the counted layer's input, by its kind
INPUT_ROLE = {
    "batchnorm": "channels",
    "groupnorm": "channels",
    "layernorm": "features",
    "conv": "in_channels",
    "transposed": "in_channels",
    "depthwise": "in_channels",
    "separable": "in_channels",
    "dense": "inputs",
    "lstm": "inputs",
    "gru": "inputs",
    "rnn": "inputs",
}
# the role that holds a layer's output width, by its kind
_OUTPUT_ROLE = {
    "conv": "filters",
    "transposed": "filters",
    "separable": "filters",
    "dense": "units",
    "lstm": "units",
    "gru": "units",
    "rnn": "units",
    "embedding": "dim",
    "batchnorm": "channels",
    "groupnorm": "channels",
    "layernorm": "features",
}
NORM_KINDS = frozenset({"batchnorm", "groupnorm", "layernorm"})


def output_width(call: LayerCall) -> int | None:
    """The width a call's layer hands on, where its arguments state it."""
    role = _OUTPUT_ROLE.get(call.kind)
    if role is None or "bidirectional" in call.flags or "unsupported" in call.flags:
        return None
    values = {size.value for size in call.sizes if size.role == role}
    if len(values) != 1:
        return None
    value = next(iter(values))
    return value[0] if len(value) == 1 else None


def _is_source(view: str, call: LayerCall, start: int) -> bool:
    before = view[max(start, call.start - 60) : call.start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return bool(_SOURCE_WORDS.search(before))


def drop_source_calls(setting: ParamSetting, view: str, start: int, end: int) -> None:
    """Take the calls named as the counted layer's source out of the setting, their output
    width given as the counted layer's input. Left as they are unless the other calls are of
    one kind and every source states its width."""
    sources = [call for call in setting.calls if _is_source(view, call, start)]
    kept = [call for call in setting.calls if call not in sources]
    if not sources or not kept:
        return
    kinds = {call.kind for call in kept}
    if len(kinds) != 1 or kinds & {call.kind for call in sources}:
        return
    role = INPUT_ROLE.get(next(iter(kinds)))
    widths = {output_width(call) for call in sources}
    if role is None or None in widths or len(widths) != 1:
        return
    width = widths.pop()
    assert width is not None
    setting.calls = kept
    source = sources[-1]
    setting.sizes.append(Size(role, (width,), source.start, source.end))
    # the source's kind, named only by its call, is no layer of the note's own
    for kind, pattern in KIND_WORDS:
        if kind in setting.kinds and kind not in kinds:
            named = [m.start() for m in pattern.finditer(view, start, end)]
            if all(any(c.start <= at < c.end for c in sources) for at in named):
                setting.kinds.discard(kind)


def norm_input(rest: ParamSetting, kind: str) -> ParamSetting | None:
    """The note outside a normalisation's own row or item, read for that normalisation: the
    width of the one other layer the note calls instead of the note's input sizes. None when
    the note calls no such layer (its input sizes then are the normalisation's own)."""
    if kind not in NORM_KINDS:
        return None
    widths = {output_width(call) for call in rest.calls if call.kind not in NORM_KINDS}
    if not widths:
        return None
    kept = [size for size in rest.sizes if size.role not in ("in_channels", "inputs")]
    if len(widths) == 1 and None not in widths:
        width = widths.pop()
        assert width is not None
        kept.append(Size(INPUT_ROLE[kind], (width,), 0, 0))
    return ParamSetting(sizes=kept, flags=set(rest.flags), dims=set(rest.dims))


_CHAIN_WORDS = lazy_regex(
    r"\bthen\b|\N{RIGHTWARDS ARROW}|->|\bfollowed\s+by\b|\binto\b|\bfeeds?\b|\bnext\b"
    r"|\bon\s+top\b|\bstacked\b",
    re.I,
)
_ALTERNATIVE_WORDS = lazy_regex(
    r"\b(?:or|versus|vs|instead|compared?|alternatively|rather)\b", re.I
)
# what may stand before a sentence's subject: a list marker, "the", "so", "and"
_SUBJECT_START = lazy_regex(r"[\s\-*+\d.)>|]*(?:(?:so|and|then|now)\s+)?(?:the\s+)?", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_ORDINAL_LAYER = lazy_regex(
    r"\b(?P<word>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+"
    r"(?:(?:conv\w*|dense|hidden|recurrent|LSTM|GRU)\s+)?(?:layer|conv\w*)s?\b"
    r"|\b(?:layer|conv)\s*(?P<number>[1-5])\b",
    re.I,
)


def ordinal_call(
    view: str, sentence: tuple[int, int], calls: list[LayerCall]
) -> tuple[LayerCall, Size | None] | None:
    """The call a sentence names by its place ("the second layer's filters", "conv 2 has"),
    among the note's calls of one kind in the order written, with the input the call before it
    hands on (a Keras layer states only its own width). None unless the sentence names one
    place and the note's calls are a chain of one kind."""
    named: list[tuple[int, int]] = []
    for match in _ORDINAL_LAYER.finditer(view, *sentence):
        word = match.group("word")
        if word:
            place = _ORDINALS.get(word.lower(), int(word[0]) if word[0].isdigit() else 0)
        else:
            place = int(match.group("number"))
        named.append((match.start(), place))
    places = {place for _, place in named}
    if len(places) > 1 and _SUBJECT_START.fullmatch(view, sentence[0], named[0][0]):
        # "Layer 2 takes the 16 maps of layer 1: …": the sentence's subject is the counted one
        places = {named[0][1]}
    kinds = {call.kind for call in calls}
    # one call (a stacked module's "first layer" is one of its own layers) places nothing
    if len(places) != 1 or len(kinds) != 1 or len(calls) < 2:
        return None
    if any(size.role == "stacked" for call in calls for size in call.sizes):
        return None
    # a call written twice (the heading and the code) leaves the order open
    written = {tuple((size.role, size.value) for size in call.sizes) for call in calls}
    if len(written) < len(calls):
        return None
    place = places.pop()
    if not 1 <= place <= len(calls):
        return None
    call = calls[place - 1]
    if place == 1:
        return call, None
    role = INPUT_ROLE.get(call.kind)
    width = output_width(calls[place - 2])
    between = view[calls[place - 2].end : call.start]
    # the calls must be written as a chain ("… and then `Conv2D(64, 3)`", "→", one code line
    # after the other), not as alternatives on one input ("`Dense(64)` or `Dense(128)`")
    chained = _CHAIN_WORDS.search(between) or (
        "\n" in between and "\n\n" not in between and not between.strip(" \n`")
    )
    if role is None or width is None or not chained or _ALTERNATIVE_WORDS.search(between):
        return None
    return call, Size(role, (width,), call.start, call.start)
