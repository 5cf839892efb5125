"""The removed-API table (ankigen/lint/data/removed_apis.yaml) behind rule AG123, checked
against the API inventory generated from the real packages."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ankigen.lint.rules.code import load_removed_apis as load_typed_table
from ankigen.lint.rules.python.inventory import inventory


def load_removed_apis() -> dict[str, Any]:
    """The table as a plain mapping: these tests look its groups up by name."""
    return dict(load_typed_table())


KEYS = {"names": "name", "methods": "method", "keywords": ""}
COMMON = {"status", "in", "replacement"}
ALLOWED = {
    "names": COMMON | {"name"},
    "methods": COMMON | {"method"},
    "keywords": COMMON | {"call", "method", "keyword"},
}


def _key(group: str, entry: dict[str, Any]) -> str:
    if group == "keywords":
        return f"{entry.get('call') or entry.get('method')}:{entry['keyword']}"
    return str(entry[KEYS[group]])


def test_groups() -> None:
    assert set(load_removed_apis()) == set(KEYS)


@pytest.mark.parametrize("group", sorted(KEYS))
def test_entries_have_the_schema(group: str) -> None:
    for entry in load_removed_apis()[group]:
        assert set(entry) <= ALLOWED[group], entry
        assert set(entry) >= COMMON, entry
        assert entry["status"] in ("removed", "deprecated"), entry
        assert isinstance(entry["in"], str) and entry["in"].strip(), entry
        assert isinstance(entry["replacement"], str) and entry["replacement"].strip(), entry
        if group == "keywords":
            assert ("call" in entry) != ("method" in entry), entry
            assert str(entry["keyword"]).isidentifier(), entry
        elif group == "names":
            assert all(part.replace("*", "x").isidentifier() for part in entry["name"].split("."))
            assert not entry["name"].startswith("tensorflow.keras"), "write keras.… instead"
        else:
            assert str(entry["method"]).isidentifier(), entry


@pytest.mark.parametrize("group", sorted(KEYS))
def test_entries_are_unique_and_sorted(group: str) -> None:
    keys = [_key(group, entry) for entry in load_removed_apis()[group]]
    assert len(keys) == len(set(keys)), "duplicate entries"
    assert keys == sorted(keys, key=str.casefold), "keep the list sorted (case-insensitive)"


def test_replacements_do_not_name_a_removed_api() -> None:
    names = [str(e["name"]) for e in load_removed_apis()["names"] if "*" not in e["name"]]
    for group in KEYS:
        for entry in load_removed_apis()[group]:
            for dotted in re.findall(r"\b(?:tf|keras)(?:\.\w+)+", str(entry["replacement"])):
                qualified = re.sub(r"^tf\.", "tensorflow.", dotted) + "."
                assert not any(qualified.startswith(name + ".") for name in names), entry


# Names that the generated inventory still lists although they no longer work: Keras 3 keeps
# keras.optimizers.legacy as stubs that raise ImportError when used.
STUBS = {"keras.optimizers.legacy"}


def _unknown(qualified: str) -> bool:
    return inventory().unknown(qualified.split(".")) is not None


def test_removed_names_are_missing_from_the_generated_inventory() -> None:
    """Each curated removal is confirmed by the real packages (data/keras_tf_api.txt)."""
    for entry in load_removed_apis()["names"]:
        name = str(entry["name"])
        if entry["status"] != "removed" or "*" in name or name in STUBS:
            continue
        assert _unknown(name), f"{name} is in the current API: the entry is wrong"


def test_replacements_name_the_current_api() -> None:
    """Every keras./tf. name a replacement suggests exists in the generated inventory."""
    for group in KEYS:
        for entry in load_removed_apis()[group]:
            for dotted in re.findall(r"\b(?:tf|keras)(?:\.\w+)+", str(entry["replacement"])):
                qualified = re.sub(r"^tf\.", "tensorflow.", dotted)
                assert not _unknown(qualified), f"{dotted} in {entry}"
