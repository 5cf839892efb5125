"""Deck names as Anki compares them: two decks whose names Anki takes for the same deck would
be merged into one in every learner's collection, so such names are refused (AG023).

Anki's rules, measured with the anki package (tests/test_hostile_inputs.py): names are
compared after Unicode NFC normalisation and full case folding (``Straße`` = ``STRASSE``);
each ``::`` component loses its control characters and its surrounding spaces and colons
(``A :: B`` = ``A:::B`` = ``A::B``), and an empty component reads as ``blank``.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic

if TYPE_CHECKING:
    from ankigen.source.project import Deck

_SEPARATOR = "::"


def _component(text: str) -> str:
    kept = "".join(char for char in text if unicodedata.category(char) != "Cc")
    return kept.strip().strip(":").strip() or "blank"


def anki_deck_key(name: str) -> str:
    """The form of a deck name under which Anki finds the deck."""
    normalised = unicodedata.normalize("NFC", name)
    return _SEPARATOR.join(_component(part).casefold() for part in normalised.split(_SEPARATOR))


def merged_deck_names(decks: list[Deck]) -> list[Diagnostic]:
    """Decks whose different names Anki would read as one deck (equal names are reported by
    the cross-file checks already)."""
    diagnostics: list[Diagnostic] = []
    first: dict[str, Deck] = {}
    for deck in decks:
        if deck.stand_in:
            continue
        other = first.setdefault(anki_deck_key(deck.spec.config.name), deck)
        if other is deck or other.spec.config.name == deck.spec.config.name:
            continue
        diagnostics.append(
            Diagnostic(
                deck.spec.config_path,
                1,
                1,
                CheckCode.DUPLICATE_DECK,
                f"deck name '{deck.spec.config.name}' is the same deck in Anki as "
                f"'{other.spec.config.name}' ({other.spec.config_path}): Anki ignores case, "
                "spaces and colons around '::' and Unicode normalisation, so both decks' "
                "notes would end up in one; give the decks distinct names",
            )
        )
    return diagnostics
