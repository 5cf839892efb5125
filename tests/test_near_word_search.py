"""The shortcuts of the near-word searches find what the full searches find: the length index
of the spelling suggestions and name look-ups (ankigen/lint/length_index.py), and the deletion
index of scripts/web_words.py's likely slips."""

from __future__ import annotations

import random
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ankigen.lint.length_index import LengthIndex
from ankigen.lint.rule import LintConfig
from ankigen.lint.rules import names, spelling
from tests.conftest import load_script

web_script: Any = load_script("web_words")


def test_within_gives_the_words_of_the_nearby_lengths() -> None:
    index = LengthIndex(["a", "to", "two", "three", "four", "seven", "eleven"])
    assert sorted(index.within(4, 1)) == ["four", "seven", "three", "two"]
    assert sorted(index.within(2, 0)) == ["to"]
    assert sorted(index.within(1, 3)) == ["a", "four", "to", "two"]
    assert index.within(30, 2) == []
    assert LengthIndex([]).within(3, 1) == []


def test_within_is_a_filter_of_the_whole_list_by_length() -> None:
    rng = random.Random(5)
    words = ["".join(rng.choice("ab") for _ in range(rng.randrange(12))) for _ in range(2000)]
    index = LengthIndex(words)
    for length in range(-2, 16):
        for edits in range(4):
            expected = [word for word in words if abs(len(word) - length) <= edits]
            assert sorted(index.within(length, edits)) == sorted(expected), (length, edits)


def _slips(words: list[str], rng: random.Random) -> list[str]:
    slips = []
    for word in words:
        cut = rng.randrange(len(word))
        letter = rng.choice("etaoinsrhl")
        slips += [word[:cut] + word[cut + 1 :], word[:cut] + letter + word[cut:]]
        slips.append(word[:cut] + letter + word[cut + 1 :])
    return slips


def test_suggestions_from_the_length_index_are_those_of_the_whole_list() -> None:
    speller = spelling.speller(LintConfig())
    frequency = speller.dictionary.word_usage_frequency
    rng = random.Random(17)
    slips = [*_slips(rng.sample(sorted(speller.choices), 12), rng), "netwokrs", "normaly"]
    for slip in slips:
        near = speller.choices_by_length.within(len(slip), spelling._edits_allowed(slip))
        whole = spelling._near_word(slip, speller.choices, frequency)
        assert spelling._near_word(slip, near, frequency) == whole, slip


def test_english_words_as_near_as_a_name_are_found_in_the_length_index() -> None:
    rng = random.Random(17)
    lexicon = sorted(name for name in names.lexicon() if len(name) >= 5 and " " not in name)
    pairs = [(slip, name) for name in rng.sample(lexicon, 10) for slip in _slips([name], rng)]
    for slip, name in pairs:
        key, distance = slip.casefold(), OSA.distance(slip.casefold(), name.casefold())
        near = names._plain_words_by_length().within(len(key), distance)
        found = process.extract(key, near, scorer=OSA.distance, score_cutoff=distance, limit=None)
        whole = process.extract(
            key, names._plain_words(), scorer=OSA.distance, score_cutoff=distance, limit=None
        )
        assert sorted(f[:2] for f in found) == sorted(f[:2] for f in whole), (slip, name)


def test_the_deletion_index_keeps_every_likely_slip() -> None:
    """Random vocabularies over few letters, so that many words are one edit apart."""
    rng = random.Random(17)
    for _ in range(40):
        words = {"".join(rng.choice("abce") for _ in range(rng.randint(2, 6))) for _ in range(120)}
        zipf = {word: round(rng.uniform(2.0, 7.0), 2) for word in words}
        floor = min(zipf.values()) + min(web_script.LIKELIER_BY, web_script.CLASSIC_LIKELIER_BY)
        index = web_script.neighbour_index(zipf, floor)
        slips = [word for word in zipf if web_script.likely_slip(word, zipf)]
        assert slips, "no slip in the sample: the test shows nothing"
        assert [w for w in slips if web_script.may_be_slip(w, zipf, index)] == slips
