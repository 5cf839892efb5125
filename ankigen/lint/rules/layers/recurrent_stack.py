"""A stacked recurrent module (PyTorch's ``num_layers=N``) for the parameter solver.

Layer 1 reads the stated inputs; every layer above it reads the hidden state of the one below,
``h`` features (``2h`` where the module is bidirectional, both directions concatenated). A
count of the module is layer 1 plus N - 1 upper layers; a count that the note labels with one
layer ("- second layer: …", "layer 1 has …") is that layer's. PyTorch numbers its layers from
0 (``weight_ih_l0``); a note that never says "layer 0" may number them from 1, so where the
numbering is open both readings are allowed.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex

# "num_layers=2" inside an LSTM, GRU or RNN call: the stack this module models.
_RECURRENT_CALL = lazy_regex(r"\b(?:nn\.)?(?:LSTM|GRU|RNN)\s*\(")
_NUM_LAYERS = lazy_regex(r"\bnum_layers\s*=\s*\d+")

# The label a count's line starts with: "- second layer:", "Layer 1 has", "| l0 |".
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "bottom": 1}
_LABEL = lazy_regex(
    r"[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+|\|[ \t]*)?(?:\*\*)?(?:the[ \t]+)?"
    r"(?:(?P<ordinal>first|second|third|fourth|bottom)[ \t]+(?:\w+[ \t]+)?layer\b"
    r"|layer[ \t_]?(?P<number>\d)\b|`?\w*_l(?P<suffix>\d)`?)",
    re.I,
)
# Words that make a count the module's, whatever layer the line opens with.
_WHOLE = lazy_regex(
    r"\b(?:total|together|altogether|in all|overall|sum|whole|module|stack|both|all)\b", re.I
)
_ZERO_BASED = lazy_regex(r"\blayer[ \t_]?0\b|_l0\b|\bl0\b", re.I)


def without_stacks(text: str, start: int) -> str:
    """The text from ``start`` with the ``num_layers`` argument of each recurrent call
    blanked: a stack of LSTM, GRU or RNN layers is modelled, other stacks are not."""
    chars = list(text)
    for call in _RECURRENT_CALL.finditer(text, start):
        close = text.find(")", call.end())
        if close < 0:
            continue
        for argument in _NUM_LAYERS.finditer(text, call.end(), close):
            chars[argument.start() : argument.end()] = " " * (argument.end() - argument.start())
    return "".join(chars)


def labelled_layers(text: str, line_start: int, claim_start: int, stack: int) -> frozenset[int]:
    """The layers (1 to ``stack``) a count's line labels it with; empty where the line labels
    none, or says the count is the module's."""
    label = _LABEL.match(text, line_start, claim_start)
    if label is None or _WHOLE.search(text, line_start, claim_start):
        return frozenset()
    if label["ordinal"]:
        return frozenset({_ORDINALS[label["ordinal"].lower()]})
    index = int(label["number"] or label["suffix"])
    # PyTorch's numbering (l0 is the first layer), else either numbering
    zero_based = bool(label["suffix"]) or _ZERO_BASED.search(text) is not None
    choices = {index + 1} if zero_based else {index, index + 1}
    return frozenset(choice for choice in choices if 1 <= choice <= stack)


def stack_counts(
    gates: int,
    inputs: int,
    hidden: int,
    bias_vectors: int,
    directions: int,
    stack: int,
    layers: frozenset[int] = frozenset(),
) -> set[int]:
    """The counts of a stack of ``stack`` recurrent layers: of one layer of it where
    ``layers`` names which, else of the first layer, of an upper one, and of the first k."""

    def one(width: int) -> int:
        return directions * gates * (hidden * (width + hidden) + bias_vectors * hidden)

    first, upper = one(inputs), one(directions * hidden)
    if layers:
        return {first if index == 1 else upper for index in layers}
    return {first, upper} | {first + k * upper for k in range(1, stack)}
