"""AG135 word classes of session 9 read on their own: each needs the words before the last
one, and a text of one or two words must not break them."""

from __future__ import annotations

import re

import pytest

from ankigen.lint.rules.prose.endings import dangling_word


def _ending(text: str) -> str | None:
    return dangling_word(re.findall(r"[a-z]+", text.lower()), text, True)


@pytest.mark.parametrize(
    "text", ["deep", "- - - - deep", "nearly", "is nearly", "the next", "also reduces", "ever"]
)
def test_short_texts_do_not_break_the_classes(text: str) -> None:
    _ending(text)  # no IndexError on one or two words


@pytest.mark.parametrize(
    "text",
    [
        "The gradients of the early layers become nearly",
        "It keeps the sorted",
        "It samples a token and feeds it back as the next",
        "Without shuffling each epoch would include",
    ],
)
def test_cut_endings(text: str) -> None:
    assert _ending(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Each block hands its output from one layer to the next",
        "Submit the report by Friday at the latest",
        "The model is larger than ever",
        "Train early and often",
        "These are the ones it can remove",
    ],
)
def test_whole_endings(text: str) -> None:
    assert _ending(text) is None
