"""AG140's candidate search against comparing every pair: the same pairs, scores and order."""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterable, Iterator

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from ankigen.lint.rules import duplicates
from ankigen.lint.rules.duplicates import _Unit

LETTERS = "abcdeilnorst"  # few letters: many words a typo apart


def _unit(note: int, words: Iterable[str]) -> _Unit:
    """A question unit as ``_best_pairs`` makes it from a note's input: its words each once,
    and their sorted join."""
    unique = sorted(set(words))
    return _Unit(note, "question", tuple(unique), duplicates._JOIN.join(unique))


def _reference(units: list[_Unit]) -> Iterator[tuple[_Unit, _Unit, float]]:
    """The rule without candidates: every unit against every later one in its length window."""
    units = sorted(units, key=lambda unit: len(unit.key))
    keys = [unit.key for unit in units]
    lengths = [len(key) for key in keys]
    chunk = duplicates._CHUNK
    for row in range(0, len(units), chunk):
        rows = keys[row : row + chunk]
        longest = lengths[row + len(rows) - 1] * (200 - duplicates.THRESHOLD)
        stop = bisect.bisect_right(lengths, longest // duplicates.THRESHOLD)
        scores = process.cdist(
            rows,
            keys[row:stop],
            scorer=fuzz.ratio,
            score_cutoff=duplicates.THRESHOLD,
            dtype=np.uint8,
        )
        for i, j in zip(*np.nonzero(scores), strict=True):
            first, second = units[row + int(i)], units[row + int(j)]
            if j > i and first.note != second.note and duplicates._same_words(first, second):
                yield first, second, float(scores[i, j])


def _typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    match rng.randrange(3):
        case 0 if len(word) > 1:
            return word[:at] + word[at + 1 :]
        case 1:
            return word[:at] + rng.choice(LETTERS) + word[at:]
        case _ if at + 1 < len(word):
            return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word + rng.choice(LETTERS)


def _units(seed: int, notes: int) -> list[_Unit]:
    """Notes of 1 to 60 words, many of them copies of others with words added (some found
    nowhere else), dropped, replaced or misspelt; some notes have several units (as a
    question and its clauses)."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice(LETTERS) for _ in range(rng.choice((1, 2, 3, 4, 5, 5, 6, 7, 8, 10, 13))))
        for _ in range(rng.choice((30, 150, 600)))
    ]
    texts: list[list[str]] = []
    for _ in range(notes):
        if texts and rng.random() < 0.6:
            words = list(rng.choice(texts))
            for _ in range(rng.choice((0, 1, 1, 2, 3))):
                change = rng.randrange(5)
                at = rng.randrange(len(words))
                if change == 0:
                    words.insert(at, rng.choice(vocabulary))
                elif change == 4:  # a word no other note has: the rarest, first in order
                    words.insert(at, f"fresh{len(texts)}{rng.choice(LETTERS)}")
                elif change == 1 and len(words) > 1:
                    del words[at]
                elif change == 2:
                    words[at] = rng.choice(vocabulary)
                else:
                    words[at] = _typo(words[at], rng)
        else:
            size = rng.choice((1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 18, 24, 30, 45, 60))
            words = [rng.choice(vocabulary) for _ in range(size)]
        texts.append(words)
    units = []
    for note, words in enumerate(texts):
        parts = [words] + (
            [words[: len(words) // 2]] if len(words) > 3 and rng.random() < 0.2 else []
        )
        for part in parts:
            units.append(_unit(note, part))
    rng.shuffle(units)
    return units


# Every pair of the windows scored in Python (a small project) or only the candidates' (numpy).
_PATHS = {"direct": 10**12, "candidates": -1}


@pytest.mark.parametrize("path", _PATHS)
@pytest.mark.parametrize("seed", range(40))
def test_same_pairs_as_comparing_all(seed: int, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small chunks: the length window is taken per chunk, as before.
    monkeypatch.setattr(duplicates, "_CHUNK", (7, 64, 512)[seed % 3])
    monkeypatch.setattr(duplicates, "_DIRECT_PAIRS", _PATHS[path])
    units = _units(seed, 400)
    found = list(duplicates._similar_pairs(units))
    expected = list(_reference(units))
    assert [(id(a), id(b), s) for a, b, s in found] == [(id(a), id(b), s) for a, b, s in expected]
    assert seed % 3 == 0 or expected, "the inputs should have near-duplicates"


def test_scores_are_rounded_as_the_candidates_path_rounds_them() -> None:
    """Half scores (200 * matches / total length) round up, as rapidfuzz's whole-number
    scores do, and the message reports that number."""
    rng = random.Random(3)
    firsts, seconds = [], []
    for changed in range(1, 40):
        firsts.append("a" * 200)
        seconds.append("a" * (200 - changed) + "b" * changed)  # 100 - changed / 2
    for _ in range(2000):
        size = rng.randrange(1, 120)
        first = "".join(rng.choice("abc ") for _ in range(size))
        firsts.append(first)
        seconds.append(_typo(first, rng) if rng.random() < 0.8 else first[::-1])
    wanted = process.cpdist(
        firsts, seconds, scorer=fuzz.ratio, score_cutoff=duplicates.THRESHOLD, dtype=np.uint8
    ).tolist()
    found = [
        duplicates._rounded(fuzz.ratio(first, second, score_cutoff=duplicates.THRESHOLD))
        for first, second in zip(firsts, seconds, strict=True)
    ]
    assert found == wanted
    assert 91 in found[:40] and 99 in found[:40]  # 90.5 and 98.5


def test_word_classes_join_every_word_pair_that_matches() -> None:
    rng = random.Random(1)
    vocabulary = sorted(
        {"".join(rng.choice(LETTERS) for _ in range(rng.randrange(1, 12))) for _ in range(800)}
    )
    classes = duplicates._word_classes(vocabulary)
    for word in vocabulary:
        for other in vocabulary:
            if len(word) >= duplicates._FUZZY_WORD and fuzz.ratio(word, other) >= 85:
                assert classes[word] == classes[other], (word, other)


@pytest.mark.parametrize("path", _PATHS)
@pytest.mark.parametrize("chunk", [1, 2])
def test_length_window_keeps_pairs_at_the_threshold(
    chunk: int, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key of 99 characters inside one of 121 scores exactly 90: found whatever the chunks
    (a floating-point bound used to leave it out when 99 was its chunk's longest key)."""
    monkeypatch.setattr(duplicates, "_CHUNK", chunk)
    monkeypatch.setattr(duplicates, "_DIRECT_PAIRS", _PATHS[path])
    words = [f"w{n:02d}" for n in range(25)]  # 25 words of 3 letters: 99 characters
    short, long = frozenset(words), frozenset([*words, "xxxxxxx", "yyyyyy", "zzzzzz"])
    units = [_unit(note, words) for note, words in enumerate((short, long))]
    assert [len(unit.key) for unit in units] == [99, 121]
    assert fuzz.ratio(units[0].key, units[1].key) == 90
    found = list(duplicates._similar_pairs(units))
    assert found == list(_reference(units))
    assert len(found) == 1


def test_a_crowd_of_identical_questions_makes_linear_candidates() -> None:
    """A thousand notes asking the same question: each unit is paired with at most _CROWD
    units before it in a group (not with every other unit: n² pairs filled the memory)."""
    units = []
    for note in range(1500):
        units.append(_unit(note, ["snippet", "print"]))
    lengths = [len(unit.key) for unit in units]
    candidates = duplicates._candidates(units, duplicates._windows(lengths))
    assert len(candidates) <= len(units) * duplicates._CROWD
    later = {int(j) for _, j in candidates.tolist()}
    assert later == set(range(1, len(units)))  # every unit but the first has a partner


def test_path_strings_sort_as_paths() -> None:
    """AG140 keeps each note's path as a string and orders the notes as ``Path`` objects
    sort (part by part), not as the strings would ("a/b-c.md" after "a/b/c.md")."""
    from pathlib import Path

    names = ["/d/b-c.md", "/d/b/c.md", "/d/b.md", "/d/b", "/e", "/d/a b.md", "-x/y", "a/b", "a-b"]
    rng = random.Random(3)
    for _ in range(20):
        rng.shuffle(names)
        expected = sorted(names, key=Path)
        assert sorted(names, key=duplicates._path_order) == expected
