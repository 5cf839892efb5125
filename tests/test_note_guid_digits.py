"""``note_guid`` writes its number two base-91 digits a step: the same GUIDs as one digit a
step (the GUIDs are a public contract: a changed one duplicates a learner's notes)."""

from __future__ import annotations

import pytest

from ankigen.source import identity


def _one_digit_a_step(number: int) -> str:
    chars = []
    while number:
        number, remainder = divmod(number, len(identity._BASE91))
        chars.append(identity._BASE91[remainder])
    return "".join(reversed(chars)) or identity._BASE91[0]


@pytest.mark.parametrize(
    "number", [0, 1, 90, 91, 92, 8280, 8281, 8282, 91**3 - 1, 91**3, 91**4 + 5, 2**64 - 1]
)
def test_every_number_of_digits_is_written_as_before(
    number: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(identity, "_digest", lambda *parts: number)
    assert identity.note_guid.__wrapped__("deck", "id") == _one_digit_a_step(number)


def test_the_guids_of_many_ids_are_unchanged() -> None:
    for index in range(5000):
        slug, note_id = f"deck-{index % 7}", f"note-{index}"
        expected = _one_digit_a_step(identity._digest("ankigen-note", slug, note_id))
        assert identity.note_guid(slug, note_id) == expected


def test_a_known_guid() -> None:
    # As the one-digit version wrote it (main e6ae68f): a change here breaks learners' decks.
    assert identity.note_guid("sample", "diagram") == "Pz@d?r>W[-"
