"""The data behind the names and spelling rules: the misspellings dictionary and the word list."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pytest

from ankigen.lint.rule import LintConfig
from ankigen.lint.rules.names import bundled_misspellings, load_data, matchers, parse_entry
from ankigen.lint.words import project_words

DATA: dict[str, Any] = dict(load_data())
ENTRIES: list[dict[str, Any]] = DATA["misspellings"]


def _names_found(text: str) -> list[str]:
    prose, code = matchers(LintConfig())
    return [match.group(0) for matcher in (prose, code) for match, _ in matcher.find(text, 0)]


def test_top_level_keys() -> None:
    assert set(DATA) == {"contexts", "misspellings"}


def test_contexts_are_valid_regular_expressions() -> None:
    for name, context in DATA["contexts"].items():
        assert set(context) <= {"not_after", "not_before", "not_in_note"}, name
        for pattern in context.values():
            re.compile(pattern)


@pytest.mark.parametrize("entry", ENTRIES, ids=[str(e.get("wrong")) for e in ENTRIES])
def test_entry_schema(entry: dict[str, Any]) -> None:
    assert isinstance(entry.get("wrong"), str) and entry["wrong"].strip() == entry["wrong"] != ""
    assert isinstance(entry.get("right"), str) and entry["right"].strip() == entry["right"] != ""
    assert isinstance(entry.get("reason", ""), str)
    assert isinstance(entry.get("case_sensitive", True), bool)
    assert isinstance(entry.get("in_code", False), bool)
    context = entry.get("context")
    assert context is None or context in DATA["contexts"] or isinstance(context, dict)
    parse_entry(entry, DATA["contexts"])  # raises on unknown keys


def test_no_word_is_mapped_to_itself() -> None:
    assert [e["wrong"] for e in ENTRIES if e["wrong"] == e["right"]] == []


def test_keys_are_sorted() -> None:
    keys = [e["wrong"] for e in ENTRIES]
    assert keys == sorted(keys, key=lambda key: (key.casefold(), key))


def test_no_duplicate_keys() -> None:
    """Exact duplicates, and a case-insensitive entry that would also match another key."""
    keys = [e["wrong"] for e in ENTRIES]
    assert len(keys) == len(set(keys))
    folded = [key.casefold() for key in keys]
    insensitive = [e["wrong"].casefold() for e in ENTRIES if e.get("case_sensitive") is False]
    assert [key for key in insensitive if folded.count(key) > 1] == []


def test_no_cycles_a_correction_is_never_a_misspelling() -> None:
    assert {e.right: _names_found(e.right) for e in bundled_misspellings()} == {
        e.right: [] for e in bundled_misspellings()
    }


@pytest.mark.parametrize("entry", bundled_misspellings(), ids=lambda e: e.wrong)
def test_every_entry_finds_its_misspelling(entry: Any) -> None:
    assert _names_found(f"It is {entry.wrong} here.") == [entry.wrong]


def _word_lines() -> list[str]:
    text = resources.files("ankigen.lint").joinpath("data/words.txt").read_text("utf-8")
    return text.splitlines()


def test_word_list_is_one_word_a_line_sorted_and_unique() -> None:
    lines = _word_lines()
    assert all(re.fullmatch(r"[^\W\d_][\w'-]*", line) for line in lines), "one word a line"
    assert lines == sorted(lines, key=lambda word: (word.casefold(), word)), "keep it sorted"
    folded = [line.casefold() for line in lines]
    assert len(folded) == len(set(folded)), "no duplicates"
    assert list(project_words()) == lines


def test_word_list_holds_no_known_misspelling() -> None:
    assert {word: _names_found(word) for word in _word_lines()} == {
        word: [] for word in _word_lines()
    }
