"""Sizes of well-known data sets, for an epoch whose data set is named but not counted ("one
epoch of MNIST at batch size 100"). The training split unless the note names the test or
validation split next to the name; a note that names two data sets gets no size."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ankigen.lint.lazy_pattern import lazy_regex

# name pattern (case-sensitive), training size, test (or validation) size
_SIZES = (
    (r"Fashion[- ]?MNIST", 60_000, 10_000),
    (r"K(?:uzushiji[- ])?MNIST", 60_000, 10_000),
    (r"(?<![\w-])MNIST", 60_000, 10_000),
    (r"CIFAR-?10(?!\d)", 50_000, 10_000),
    (r"CIFAR-?100", 50_000, 10_000),
    (r"SVHN", 73_257, 26_032),
    (r"Tiny[- ]ImageNet", 100_000, 10_000),
    (
        r"(?<!Tiny )(?<!Tiny-)(?:ImageNet(?!-?2[12][kK])(?:-1[kK])?|ILSVRC(?:[- ]?2012)?)",
        1_281_167,
        50_000,
    ),
    (r"IMDB", 25_000, 25_000),
    (r"STL-?10(?!\d)", 5_000, 8_000),
)
_NAMES = lazy_regex(
    "|".join(f"(?P<d{index}>{name})\\b" for index, (name, _, _) in enumerate(_SIZES))
)
_TEST_SPLIT = lazy_regex(r"\b(?:test|validation|val|held-out|evaluation)\b", re.IGNORECASE)
# Keras' "validation_split=0.1" (the prose writes "validation split=0.1") holds a share of the
# training set out: the training set is the one meant.
_KERAS_ARGUMENT = lazy_regex(r"[ _]split`?[ \t]*=")


@dataclass(frozen=True)
class KnownSize:
    start: int  # where the name is
    end: int
    name: str
    size: int
    split: str  # "training" or "test"


def known_size(text: str, start: int, end: int) -> KnownSize | None:
    """The size of the one well-known data set named in ``text[start:end]``, if any."""
    found: dict[int, re.Match[str]] = {}
    for match in _NAMES.finditer(text, start, end):
        index = int(next(name for name, value in match.groupdict().items() if value)[1:])
        found.setdefault(index, match)
    if len(found) != 1:
        return None
    index, match = found.popitem()
    _name, training, test = _SIZES[index]
    near = (max(start, match.start() - 30), min(end, match.end() + 30))
    if any(
        _KERAS_ARGUMENT.match(text, word.end()) is None
        for word in _TEST_SPLIT.finditer(text, *near)
    ):
        return KnownSize(match.start(), match.end(), match.group(0), test, "test")
    return KnownSize(match.start(), match.end(), match.group(0), training, "training")
