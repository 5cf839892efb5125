"""``setting_reader.may_name_a_kind`` is a necessary condition of ``read_prose`` finding a layer
kind: every match of each kind pattern (and of the patch-embedding pattern, which also sets the
conv kind) holds one of ``KIND_NEEDLES`` in the text's fold, so skipping a stretch without one
changes nothing (stage_chains reads only the clauses that pass)."""

from __future__ import annotations

import re

import pytest

from ankigen.lint.prefilter import fold, requirements
from ankigen.lint.rules.layers.setting_reader import (
    _KIND_WORDS,
    _PATCHES,
    KIND_NEEDLES,
    Setting,
    may_name_a_kind,
    read_prose,
)

PATTERNS = [(kind, pattern) for kind, pattern in _KIND_WORDS] + [("patches", _PATCHES)]


def _covered(clause: frozenset[str]) -> bool:
    return all(any(needle in text for needle in KIND_NEEDLES) for text in clause)


@pytest.mark.parametrize(("kind", "pattern"), PATTERNS, ids=[kind for kind, _ in PATTERNS])
def test_every_match_of_a_kind_pattern_holds_a_needle(kind: str, pattern: re.Pattern[str]) -> None:
    needed = requirements(pattern.pattern, pattern.flags)
    assert needed is not None, kind
    # each alternative needs some clause whose every spelling holds one of the needles
    assert all(any(_covered(clause) for clause in each) for each in needed), (kind, needed)


@pytest.mark.parametrize(
    "text",
    [
        "Every block ends in a 2x2 max-pool with stride 2.",
        "Conv layers are 3x3 with padding 1; a ConvTranspose2d doubles the size.",
        "The image is cut into 16x16 patches.",
        "An up-sampling step, then a fractionally strided layer.",
        "Sub-sampling halves the map. DECONVOLUTION follows.",
        "The learning rate is 0.1 and the batch holds 32 samples.",
    ],
)
def test_a_stretch_with_a_kind_passes_and_one_without_finds_none(text: str) -> None:
    setting = Setting()
    read_prose(text, 0, len(text), setting)
    if not may_name_a_kind(fold(text), 0, len(text)):
        assert not setting.kinds, text
    else:
        assert setting.kinds or "samples" in text, text
