"""A shape said to be flattened (unrolled, raveled, reshaped) into a length: the length is the
product of the shape's sizes. "Flatten turns a 7 x 7 x 64 map into a vector of 3,136 numbers",
"the 5x5x16 volume is flattened to 400 features", "reshape (60000, 28, 28) to (60000, 784)".

One sentence at a time, with one shape, a flattening verb and one stated length after both: a
sentence that contrasts or negates ("unlike", "not", "while") or pools ("global average pooling
turns it into 64 numbers") is left alone. A tuple may keep its leading (batch) sizes:
"(None, 7, 7, 64) -> (None, 3136)". A shape said to hold a count of its elements is read the
same way, without a flattening verb: "a 640 x 480 frame has 307,200 pixels". Each finding is a
calculation ("7 x 7 x 64 = 3,163") for the arithmetic rule to judge.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.table_formulas import ImpliedCalculation
from ankigen.lint.lazy_pattern import lazy_regex

_N = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
# "x", the times sign, "*", and the dots authors write products with ("11·11·64", "11⋅11⋅64")
_CROSS = (
    r"(?:[ \t]*[\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}xX*][ \t]*|[ \t]+by[ \t]+)"
)
# "7 x 7 x 64", "7x7x64", "(7, 7, 64)", "(None, 7, 7, 64)"; never a call's arguments
# ("Embedding(10000, 8)").
_SHAPE = lazy_regex(
    rf"(?<![\w.,])(?P<cross>{_N}(?:{_CROSS}{_N}){{1,4}})(?![\w]|[.,]\d)"
    r"|(?<![\w.])\((?P<tuple>[ \t]*(?:None|\d+)(?:[ \t]*,[ \t]*\d+){1,4}[ \t]*),?[ \t]*\)"
)
_FLATTEN = lazy_regex(
    r"\b(?:[Ff]latten(?:s|ed|ing)?|[Uu]nroll(?:s|ed|ing)?|[Rr]avel(?:s|led|ing)?|"
    r"[Rr]eshap(?:e|es|ed|ing))\b"
)
# The stated length: "a vector of 3,136 numbers", "3,136 values", "a 3,136-long vector",
# "length 3,136", the number an arrow after Flatten leads to, and a shape of the flat tensor,
# "(3136,)", "(None, 3136)".
_LENGTH = lazy_regex(
    rf"\bvector[ \t]+of[ \t]+(?:length[ \t]+|size[ \t]+)?(?P<of>{_N})(?![\w.,]?\d|{_CROSS}\d)"
    rf"|(?<![\w.,])(?P<count>{_N})(?!{_CROSS}\d)[ \t]+(?:[a-z]+[ \t]+)?(?:values|numbers|"
    r"features|elements|entries|inputs|units|activations|scalars|floats|pixels|dimensions|"
    r"neurons)\b"
    rf"|(?<![\w.,])(?P<long>{_N})-(?:dim(?:ensional)?|long|element|d)\b"
    rf"|\blength[ \t]+(?P<length>{_N})\b"
    # a chain of layers: "7x7x64 -> Flatten -> 3,136 -> Dense(10)"
    r"|\b[Ff]latten(?:\(\))?[ \t]*(?:->|=>|\N{RIGHTWARDS ARROW}|:)[ \t]*"
    rf"(?P<arrow>{_N})(?![\w.,]?\d|{_CROSS}\d)"
    # a tuple, never a call's arguments ("Dense(1)"): "(3136,)" or with its batch size
    r"|(?<![\w.])\((?P<flat>[ \t]*(?:(?:None|\d+)[ \t]*,[ \t]*)+\d+[ \t]*|[ \t]*\d+[ \t]*,)"
    r"[ \t]*\)"
)
# What makes the sentence no plain statement of the flattened length.
_AVOID = lazy_regex(
    r"\b(?:not|never|unlike|instead|rather|whereas|while|but|without|if|would|"
    r"[Pp]ool\w*|GAP|average\w*|mean)\b|n't\b"
)
# An "=" right before the stated length: the length is the result of a written calculation.
_AFTER_EQUALS = lazy_regex(r"=[ \t]*(?:\*\*|`)?[ \t]*$")
# A sentence: up to a full stop, question or exclamation mark or semicolon before a space or
# the line's end (never one inside a number), or a line break.
_SENTENCE = lazy_regex(r"(?:[^\n.?!;]|[.?!;](?=[^\s]))+")


# A shape said to hold a count of its elements: "a 1920 x 1080 x 3 frame holds 6,220,800
# values", "a 28 x 28 image has 784 pixels". Up to two plain words name the thing; a word that
# joins another quantity ("with 64 filters"), a step in between ("after the stem", "pooled")
# or a rate ("per second") makes it no count of the shape.
_HELD = lazy_regex(
    rf"(?<![\w.,])(?P<cross>{_N}(?:{_CROSS}{_N}){{1,4}})(?![\w]|[.,]\d)"
    r"[ \t]+(?:(?!(?:with|and|or|of|per|at|in|on|for|over|from|to|by|into|after|before|"
    r"through|once|when|if|then|than)\b|[A-Za-z-]+ed\b)[A-Za-z-]+[ \t]+){0,2}?"
    r"(?:has|have|holds|hold|contains|contain|stores|store|is|are)[ \t]+"
    rf"(?P<count>{_N})[ \t]+(?P<noun>values|numbers|elements|entries|pixels|cells|activations|"
    r"scalars|floats|positions)\b(?![ \t]+(?:per|each|a|an|every)\b|[ \t]*/)"
)


def flattened_sizes(prose: str, start: int) -> Iterator[ImpliedCalculation]:
    """Lengths of flattened shapes, and counts of a shape's elements, that are not the
    product of the shape."""
    flattens = _FLATTEN.search(prose, start) is not None
    if not flattens and _HELD.search(prose, start) is None:
        return  # most notes: no sentence to read
    for sentence in _SENTENCE.finditer(prose, start):
        found = _sentence_calculation(prose, sentence.start(), sentence.end()) if flattens else None
        if found is None:
            found = _held_count(prose, sentence.start(), sentence.end())
        if found is not None:
            yield found


def _held_count(prose: str, start: int, end: int) -> ImpliedCalculation | None:
    """ "a 28 x 28 image has 784 pixels": the count of a shape's elements is its product; a
    count of pixels may leave out a channel axis at either end."""
    held = _HELD.search(prose, start, end)
    if held is None or _AVOID.search(prose, start, end):
        return None
    sizes = [int(piece.replace(",", "")) for piece in re.split(_CROSS, held.group("cross"))]
    stated = int(held.group("count").replace(",", ""))
    product = math.prod(sizes)
    # a multiple or a part counts an axis the shape leaves out or one it includes: "a
    # 224 x 224 RGB image has 150,528 values", "a 32 x 32 x 3 image has 1,024 pixels"
    if stated == 0 or product % stated == 0 or stated % product == 0:
        return None
    shown: Sequence[int | None] = sizes
    return _calculation(shown, held.group("count"), held.start(), held.end("count"))


def _sentence_calculation(prose: str, start: int, end: int) -> ImpliedCalculation | None:
    verb = _FLATTEN.search(prose, start, end)
    if verb is None or _AVOID.search(prose, start, end):
        return None
    shapes = list(_SHAPE.finditer(prose, start, end))
    if not shapes:
        return None
    shape = shapes[0]
    lengths = [found for found in _LENGTH.finditer(prose, shape.end(), end)]
    if len(lengths) != 1 or verb.start() > lengths[0].start():
        return None
    length = lengths[0]
    if _AFTER_EQUALS.search(prose, shape.end(), length.start()):
        return None  # "flatten 11·11·64 = 7,744": a calculation of its own, judged as one
    # a second shape is only the flat one: "(None, 7, 7, 64) to (None, 3136)"
    if any(other.start() != length.start() for other in shapes[1:]):
        return None
    sizes = _sizes(shape)
    if length.group("flat") is not None:
        return _reshaped(shape, sizes, length)
    stated = next(group for group in length.groups() if group is not None)
    if None in sizes or math.prod(size or 1 for size in sizes) == int(stated.replace(",", "")):
        return None
    return _calculation(sizes, stated, shape.start(), length.end())


def _sizes(shape: re.Match[str]) -> list[int | None]:
    if shape.group("cross") is not None:
        pieces = re.split(_CROSS, shape.group("cross"))
    else:
        pieces = [piece.strip() for piece in shape.group("tuple").split(",")]
    return [None if piece == "None" else int(piece.replace(",", "")) for piece in pieces]


def _reshaped(
    shape: re.Match[str], sizes: Sequence[int | None], length: re.Match[str]
) -> ImpliedCalculation | None:
    """ "(60000, 28, 28) to (60000, 784)": the flat shape keeps the leading sizes it repeats,
    and its last size is the product of the rest."""
    flat = [piece.strip() for piece in length.group("flat").rstrip(" \t,").split(",")]
    kept = [None if piece == "None" else int(piece) for piece in flat[:-1]]
    if len(kept) >= len(sizes) - 1 or list(sizes[: len(kept)]) != kept:
        return None
    rest = sizes[len(kept) :]
    if None in rest or math.prod(size or 1 for size in rest) == int(flat[-1]):
        return None
    return _calculation(rest, flat[-1], shape.start(), length.end())


def _calculation(
    sizes: Sequence[int | None], stated: str, start: int, end: int
) -> ImpliedCalculation:
    product = f" {TIMES} ".join(f"{size:,}" for size in sizes)
    return ImpliedCalculation(start, end, f"{product} = {stated}")
