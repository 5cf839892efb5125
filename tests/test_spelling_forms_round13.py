"""AG111 vocabulary classes from round 7 of real documents (#12), in own words: command-line
tools, the other forms of a verb whose -ing term is listed, plurals of -ing nouns, and the
clipped "on-prem"; misspellings of the same shapes stay unknown."""

from __future__ import annotations

import pytest

from ankigen.lint.words import is_dictionary_word


@pytest.mark.parametrize(
    "word",
    ["wget", "rsync", "ssh", "htop", "upscaled", "upscales", "groupings", "paddings", "onprem"],
)
def test_known(word: str) -> None:
    assert is_dictionary_word(word)


@pytest.mark.parametrize("word", ["upscaleed", "upscaeld", "paddngs", "bagings", "wgett"])
def test_still_unknown(word: str) -> None:
    assert not is_dictionary_word(word)
