"""Stable identities: deck ids and note GUIDs come from names, never from content."""

from __future__ import annotations

import hashlib
from functools import lru_cache

# Anki's own GUID alphabet (base 91 without characters that trouble CSV or HTML).
_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)


def _digest(*parts: str) -> int:
    joined = "\x1f".join(parts).encode("utf-8")
    return int.from_bytes(hashlib.sha256(joined).digest()[:8], "big")


# Every two-digit number in base 91 (index 91 * high + low): a GUID is written two digits a
# step, half the divisions.
_BASE91_PAIRS = [high + low for high in _BASE91 for low in _BASE91]


# A build asks for each note's GUID up to three times (the cache's trust check, the package
# writer, the GUID-clash check); a deck's worth of answers is remembered.
@lru_cache(maxsize=1 << 14)
def note_guid(deck_slug: str, note_id: str) -> str:
    """The note's GUID in Anki: the same for the same (deck, id), whatever the content."""
    number = _digest("ankigen-note", deck_slug, note_id)
    pairs = []
    while number >= len(_BASE91_PAIRS):
        number, remainder = divmod(number, len(_BASE91_PAIRS))
        pairs.append(_BASE91_PAIRS[remainder])
    # The leading digits, without a leading zero digit.
    if number >= len(_BASE91):
        pairs.append(_BASE91_PAIRS[number])
    elif number:
        pairs.append(_BASE91[number])
    return "".join(reversed(pairs)) or _BASE91[0]


def guid_of(deck_slug: str, note_id: str, kept_guid: str | None = None) -> str:
    """A note's GUID: the one it brought from an existing Anki deck, else the derived one."""
    return kept_guid if kept_guid else note_guid(deck_slug, note_id)


def deck_id(deck_slug: str) -> int:
    """A positive 52-bit id, stable for the slug (Anki stores ids as JSON numbers)."""
    return (_digest("ankigen-deck", deck_slug) >> 12) | 1


def _front_matter_lines(text: str) -> list[str]:
    return text.split("\n---", 1)[0].split("\n") if text.startswith("---") else []


def _stated(lines: list[str], key: str) -> list[str]:
    """The values of ``key: value`` lines (plain or quoted, a trailing comment dropped)."""
    values = []
    for line in lines:
        rest = line[len(key) :].lstrip(" \t") if line.startswith(key) else ""
        if rest.startswith(":"):
            value = rest[1:].split(" #", 1)[0].strip(" \t")
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values.append(value)
    return values


# The ids and GUIDs a note file's front matter states, as ``stated_identity`` reads them.
StatedIdentity = tuple[tuple[str, ...], tuple[str, ...]]


def stated_identity(text: str) -> StatedIdentity:
    """The values of the ``id:`` and ``guid:`` lines of ``text``'s front matter."""
    lines = _front_matter_lines(text)  # split once for both keys
    return tuple(_stated(lines, "id")), tuple(_stated(lines, "guid"))


def identity_stated(note_id: str, kept_guid: str | None, stated: StatedIdentity) -> bool:
    """Whether a file whose front matter states ``stated`` states this id (and kept GUID, or
    none)."""
    ids, guids = stated
    return ids == (note_id,) and guids == (() if kept_guid is None else (kept_guid,))
