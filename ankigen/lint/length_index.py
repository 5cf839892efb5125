"""Words grouped by length, for edit-distance searches over a large word list."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class LengthIndex:
    """A word list grouped by length. A word within ``edits`` edits of another (inserted,
    deleted or changed letters, neighbours swapped) is at most ``edits`` letters longer or
    shorter, so a search for near words needs only the groups of those lengths: the same
    words are found, from a list a third to a fifth as long."""

    def __init__(self, words: Iterable[str]) -> None:
        # One sort by length (in C) and each length's first position: about half the time
        # of appending the 160,000 words of a spelling suggestion's list one by one to
        # their groups, which a cold lint that suggests a word pays once.
        self._words = sorted(words, key=len)
        lengths = list(map(len, self._words))
        longest = lengths[-1] if lengths else 0
        self._starts = [bisect_left(lengths, size) for size in range(longest + 2)]

    def within(self, length: int, edits: int) -> list[str]:
        """The words whose length is within ``edits`` of ``length`` (in no particular order)."""
        last = len(self._starts) - 1  # the end of the list: no word is this long
        low = min(max(0, length - edits), last)
        high = min(max(0, length + edits + 1), last)
        return self._words[self._starts[low] : self._starts[high]]
