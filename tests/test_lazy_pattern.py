"""A lazy pattern is re.compile done late: the same answers, no compile before the first use,
and every one of the rules' patterns still compiles (an error shows here, not in a user's run)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import ankigen.lint.registry  # noqa: F401  (imports every rule module)
from ankigen.lint.digits import DigitGated
from ankigen.lint.lazy_pattern import LazyPattern

TEXT = "Stride 2 on a 32x32 Input gives 16x16; stride 1 keeps 32X32.\nA second line: 7 x 7."


def _lazy_patterns() -> Iterator[tuple[str, LazyPattern]]:
    """Every lazy pattern held by a module of the linter, directly or in a dict or a gate."""
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("ankigen.lint"):
            continue
        for attribute, value in vars(module).items():
            values: list[Any] = list(value.values()) if isinstance(value, dict) else [value]
            for item in values:
                if isinstance(item, DigitGated):
                    item = item.pattern
                if isinstance(item, LazyPattern):
                    yield f"{name}.{attribute}", item


LAZY = list(_lazy_patterns())


def test_the_rules_patterns_are_lazy() -> None:
    assert len(LAZY) > 500


@pytest.mark.parametrize(("name", "lazy"), LAZY, ids=[name for name, _ in LAZY])
def test_every_lazy_pattern_compiles(name: str, lazy: LazyPattern) -> None:
    assert re.compile(lazy.pattern, lazy.flags).pattern == lazy.pattern


@pytest.mark.parametrize(
    ("source", "flags"),
    [
        (r"(?P<n>\d+)\s*[xX]\s*(?P=n)", 0),
        (r"stride\s+(\d)", re.IGNORECASE),
        (r"^a\w*", re.M | re.I),
    ],
)
def test_a_lazy_pattern_answers_as_the_compiled_one(source: str, flags: int) -> None:
    lazy, compiled = LazyPattern(source, flags), re.compile(source, flags)
    for start, end in ((0, len(TEXT)), (5, 40), (20, 21)):
        for method in ("search", "match", "fullmatch"):
            got, want = (
                getattr(lazy, method)(TEXT, start, end),
                getattr(compiled, method)(TEXT, start, end),
            )
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))
        assert [m.span() for m in lazy.finditer(TEXT, start, end)] == [
            m.span() for m in compiled.finditer(TEXT, start, end)
        ]
        assert lazy.findall(TEXT, start, end) == compiled.findall(TEXT, start, end)
    assert lazy.sub("_", TEXT) == compiled.sub("_", TEXT)
    assert lazy.subn(lambda m: m.group().upper(), TEXT, 1) == compiled.subn(
        lambda m: m.group().upper(), TEXT, 1
    )
    assert lazy.split(TEXT) == compiled.split(TEXT)


def test_nothing_is_compiled_before_the_first_use() -> None:
    lazy = LazyPattern("(unclosed")  # an error would show at once if it were compiled
    assert lazy.pattern == "(unclosed"
    with pytest.raises(re.error):
        lazy.search("x")


def test_after_the_first_use_the_methods_are_re_s_own() -> None:
    lazy = LazyPattern(r"\d+")
    assert lazy.search("a 12") is not None
    assert type(vars(lazy)["search"]) is type(re.compile("x").search)


def test_an_attribute_a_pattern_lacks_is_an_error() -> None:
    with pytest.raises(AttributeError):
        getattr(LazyPattern("x"), "groupindex")  # noqa: B009
