"""A claim's kind from its label: the lexicon of ``data/claim_kinds.yaml``, tried in order.

Besides the kinds of ``Kind`` a label may name a *setting* (an input of a calculation: "batch
size", "stride", "epochs") or *not a count* (a year, a version, an index): the inventory drops
a bare value under such a label, and keeps a calculated one ("batch = 2,048 / 8 = 256")."""

from __future__ import annotations

import functools
import re

from ankigen.lint.claims.model import Kind
from ankigen.lint.data_files import ClaimLexicon, data_yaml
from ankigen.lint.lazy_pattern import lazy_regex

SETTING = "setting"
NOT_A_COUNT = "not-a-count"


@functools.cache
def _entries() -> tuple[tuple[str, re.Pattern[str]], ...]:
    lexicon = data_yaml("claim_kinds.yaml", ClaimLexicon)
    entries = []
    for entry in lexicon["kinds"]:
        name = entry["kind"]
        if name not in (SETTING, NOT_A_COUNT):
            Kind(name)  # a misspelt kind fails here, at load, with its name
        # Word boundaries that also hold next to punctuation ("param #", "469/469 [").
        alternatives = "|".join(f"(?:{pattern})" for pattern in entry["patterns"])
        entries.append((name, lazy_regex(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return tuple(entries)


@functools.cache
def _result_words() -> re.Pattern[str]:
    words = data_yaml("claim_kinds.yaml", ClaimLexicon)["result_words"]
    return lazy_regex(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)")


def _folded(label: str) -> str:
    return " ".join(label.lower().replace("_", " ").replace("\\", "").split())


def reading(label: str | None) -> str:
    """What ``label`` names: a ``Kind`` value, ``SETTING`` or ``NOT_A_COUNT``."""
    if not label:
        return Kind.UNKNOWN
    folded = _folded(label)
    described = len(folded.split()) > 3  # "after four stride-2 stages its feature map"
    for name, pattern in _entries():
        if described and name == SETTING:
            continue  # a setting named inside a description is not what it labels
        if pattern.search(folded):
            return name
    return Kind.OTHER


def rank(label: str) -> int:
    """The index of the lexicon entry that reads ``label`` (its length when none does)."""
    folded = _folded(label)
    entries = _entries()
    return next(
        (i for i, (_, pattern) in enumerate(entries) if pattern.search(folded)), len(entries)
    )


def names_input(label: str | None) -> bool:
    """A short label that names a setting or no count ("stride", "batch size", "year"); a
    longer one ("3x3 conv, no padding") describes its value instead."""
    if not label or reading(label) not in (SETTING, NOT_A_COUNT):
        return False
    words = _folded(label).split()
    return len(words) <= 3 and not any(char.isdigit() for char in label)


def kind_of(label: str | None) -> Kind:
    """The label's kind; a setting or a non-count reads as ``Kind.OTHER``."""
    name = reading(label)
    return Kind(name) if name not in (SETTING, NOT_A_COUNT) else Kind.OTHER


def names_result(header: str) -> bool:
    """A header that names a result without a kind ("Total", "Result")."""
    return bool(_result_words().search(_folded(header)))


def header_kind(header: str) -> Kind:
    """The result kind a longer text (a question, a list's or table's header) names, its
    settings passed over: "the output size of a conv with kernel 3" counts an output."""
    folded = _folded(header)
    for name, pattern in _entries():
        if name not in (SETTING, NOT_A_COUNT) and pattern.search(folded):
            return Kind(name)
    return Kind.OTHER if folded else Kind.UNKNOWN
