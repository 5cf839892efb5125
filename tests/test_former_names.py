"""AG126's tables against the inventory and, where it is installed, the real NumPy."""

from __future__ import annotations

import importlib
import warnings

import pytest

from ankigen.lint.rules.python.former_names import (
    EARLIER_REMOVALS,
    REPLACEMENTS,
    STILL_THERE,
    former_prefix,
)
from ankigen.lint.rules.python.library_inventory import library_inventory


def _former_only_names(root: str) -> list[str]:
    inventory = library_inventory()
    names = []
    for parent, members in inventory.known.items():
        if parent.split(".")[0] != root:
            continue
        for member in sorted(members - inventory.current.get(parent, frozenset())):
            if not member.startswith("_"):
                names.append(f"{parent}.{member}")
    return sorted(names)


@pytest.mark.parametrize("name", sorted(REPLACEMENTS))
def test_every_replacement_is_for_a_name_only_the_former_release_has(name: str) -> None:
    found = former_prefix(name)
    assert found is not None and found[1] == name


@pytest.mark.parametrize("name", sorted(EARLIER_REMOVALS))
def test_every_earlier_removal_is_unknown_to_both_releases(name: str) -> None:
    parent, _, member = name.rpartition(".")
    assert member not in library_inventory().known.get(parent, frozenset())
    assert former_prefix(name) == (name.count("."), name)


def test_replacement_names_exist_in_the_current_numpy() -> None:
    current = library_inventory().current["numpy"]
    for advice in REPLACEMENTS.values():
        for word in advice.replace("(", " ").replace(")", " ").split():
            if word.startswith("np.") and word[3:].isidentifier():
                assert word[3:] in current, (advice, word)


def test_the_numpy_names_reported_are_gone_from_the_installed_numpy() -> None:
    """Where the pinned NumPy is installed, every name AG126 reports fails, and every name
    kept out as still there does not."""
    numpy = importlib.import_module("numpy")
    if numpy.__version__ != library_inventory().versions.get("numpy"):
        pytest.skip(f"NumPy {numpy.__version__} installed, not the pinned release")

    def accessible(name: str) -> bool:
        value: object = numpy
        for part in name.split(".")[1:]:
            try:
                value = getattr(value, part)
            except AttributeError:
                return False
        return True

    with warnings.catch_warnings():  # reading a deprecated NumPy name warns
        warnings.simplefilter("ignore")
        names = _former_only_names("numpy")
        reported = [name for name in names if former_prefix(name) is not None]
        assert len(reported) > 100
        assert [name for name in reported if accessible(name)] == []
        assert sorted(name for name in STILL_THERE if accessible(name)) == sorted(STILL_THERE)
