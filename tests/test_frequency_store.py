"""The stored copy of pyspellchecker's English frequencies (``lint/frequency_store.py``): the
dictionary built from it is the one pyspellchecker builds from its own file, and a copy that
is damaged, of the wrong shape or turned off is not used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spellchecker import SpellChecker

from ankigen.lint import frequency_store, words
from ankigen.lint.pattern_store import write_store


def _state(checker: SpellChecker) -> tuple[Any, ...]:
    table = checker.word_frequency
    return (
        list(table.items()),  # in order
        table.total_words,
        table.unique_words,
        table.longest_word_length,
        sorted(table.letters),
        checker.word_usage_frequency("the"),
        sorted(checker.candidates("recieve") or ()),
    )


@pytest.fixture(scope="module")
def expected() -> tuple[Any, ...]:
    return _state(SpellChecker(language="en", case_sensitive=False))


@pytest.fixture
def languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The ``language`` of every SpellChecker that ``words.dictionary`` builds, with the
    store in ``tmp_path``."""
    monkeypatch.setenv("ANKIGEN_PATTERN_STORE", str(tmp_path))
    built: list[Any] = []

    class Recording(SpellChecker):
        def __init__(self, language: Any = "en", **options: Any) -> None:
            built.append(language)
            super().__init__(language=language, **options)

    monkeypatch.setattr(words, "SpellChecker", Recording)
    frequency_store._path.cache_clear()
    words.dictionary.cache_clear()
    yield built
    frequency_store._path.cache_clear()
    words.dictionary.cache_clear()


def _again() -> SpellChecker:
    words.dictionary.cache_clear()
    return words.dictionary()


def _store_file(folder: Path) -> Path:
    (path,) = folder.glob("words-*.bin")
    return path


def test_the_dictionary_from_the_store_is_pyspellcheckers(
    tmp_path: Path, languages: list[Any], expected: tuple[Any, ...]
) -> None:
    assert _state(words.dictionary()) == expected
    assert languages == ["en"]  # built from pyspellchecker's file, and the copy written
    assert _store_file(tmp_path).stat().st_size > 1_000_000
    assert _state(_again()) == expected
    assert languages == ["en", None]  # from the copy


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_store_is_ignored_and_written_again(
    tmp_path: Path, languages: list[Any], expected: tuple[Any, ...], damage: str
) -> None:
    words.dictionary()
    path = _store_file(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        del data[len(data) // 2 :]
    else:
        data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert _state(_again()) == expected
    assert languages == ["en", "en"]
    assert _state(_again()) == expected
    assert languages == ["en", "en", None]  # the copy was written again


def test_a_table_of_the_wrong_shape_is_ignored(
    tmp_path: Path, languages: list[Any], expected: tuple[Any, ...]
) -> None:
    words.dictionary()
    path = _store_file(tmp_path)
    write_store(path, {}, {frequency_store._KEY: {"the": "many"}})  # a valid checksum
    assert _state(_again()) == expected
    assert languages == ["en", "en"]


def test_no_store_when_it_is_turned_off(
    tmp_path: Path, languages: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANKIGEN_PATTERN_STORE", "off")
    frequency_store._path.cache_clear()
    words.dictionary()
    _again()
    assert languages == ["en", "en"]
    assert not list(tmp_path.iterdir())


def _fresh_frequencies() -> dict[str, int]:
    words.frequencies.cache_clear()
    words._total_count.cache_clear()
    words.dictionary.cache_clear()
    return words.frequencies()


@pytest.mark.parametrize("store", ["empty", "filled", "off"])
def test_the_counts_read_without_a_spellchecker_are_pyspellcheckers(
    tmp_path: Path, languages: list[Any], monkeypatch: pytest.MonkeyPatch, store: str
) -> None:
    """What the rules read (``words.frequencies``, ``words.usage_frequency``) is
    pyspellchecker's own table and frequency, from the copy or without one; from the copy no
    SpellChecker is built at all."""
    if store == "off":
        monkeypatch.setenv("ANKIGEN_PATTERN_STORE", "off")
        frequency_store._path.cache_clear()
    elif store == "filled":
        words.dictionary()  # writes the copy
        languages.clear()
    checker = SpellChecker(language="en", case_sensitive=False)
    try:
        assert _fresh_frequencies() == dict(checker.word_frequency.items())
        assert languages == ([] if store == "filled" else ["en"])
        for word in ("the", "The", "gradient", "Zyzzyva", "qwxzv", "naïve", "don't", ""):
            assert words.usage_frequency(word) == checker.word_usage_frequency(word), word
    finally:
        words.frequencies.cache_clear()
        words._total_count.cache_clear()
