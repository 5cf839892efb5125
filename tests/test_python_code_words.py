"""The hand-written words of code (``python/code_words.py``), Python 2 in inline code and
near-miss variable names (``python/names.py``)."""

from __future__ import annotations

import pytest

from ankigen.lint.rules.python.code_words import (
    _from_imported,
    _imported,
    _inline_names,
    _installed,
)
from ankigen.lint.rules.python.mentions import _python2_mentions
from ankigen.lint.rules.python.names import near_name


def _names(found: object) -> list[str]:
    return [name for _, name in found]  # type: ignore[attr-defined]


def test_imports_give_their_top_level_modules() -> None:
    code = "import numpy as np, pandas.io as pio\nfrom sklearn.linear_model import Ridge\n"
    assert _names(_imported(code)) == ["numpy", "pandas", "sklearn"]
    assert _names(_from_imported(code)) == ["Ridge"]


def test_offsets_point_at_the_names() -> None:
    code = "x = 1\nfrom a.b import (C, D)"
    assert [(code[start : start + len(name)], name) for start, name in _from_imported(code)] == [
        ("C", "C"),
        ("D", "D"),
    ]


def test_install_commands_give_their_packages_without_options_or_versions() -> None:
    assert _names(_installed("!pip install -U tensorflow==2.16 scikit-learn")) == [
        "tensorflow",
        "scikit-learn",
    ]
    assert _names(_installed("conda install pandas")) == ["pandas"]


def test_inline_code_that_is_one_name_counts_as_a_name() -> None:
    assert list(_inline_names("MaxPoolig2D()")) == [("name", 0, "MaxPoolig2D")]
    assert list(_inline_names("model.fit(x)")) == []
    assert list(_inline_names("max_pool")) == []


def test_python2_inline_code_is_found_only_when_the_rewrite_parses() -> None:
    found = list(_python2_mentions('print "hello"', 10))
    assert [(m.code, m.finding.start, m.finding.fix) for m in found] == [
        ("AG121", 10, (10, 23, 'print("hello")'))
    ]
    assert list(_python2_mentions("print hello world", 0)) == []
    assert list(_python2_mentions("except (A, B), e:", 0)) == []


@pytest.mark.parametrize(
    ("name", "defined", "meant"),
    [
        ("scalar", {"scaler"}, "scaler"),
        ("dff", {"df"}, "df"),
        ("ar", {"arr"}, "arr"),
        ("histroy", {"history"}, "history"),
    ],
)
def test_slips_of_defined_names(name: str, defined: set[str], meant: str) -> None:
    assert near_name(name, defined, defined) == meant


@pytest.mark.parametrize(
    ("name", "defined"),
    [
        ("mean_y", {"mean_x"}),  # a one-letter part: another object
        ("x2", {"x1"}),
        ("model", {"modal"}),  # five letters: too short for a changed letter
        ("train_boss", {"train_loss"}),  # b and l: not neighbours, not vowels
        ("Scaler", {"scalar"}),
        ("d", {"dd"}),
    ],
)
def test_other_names_are_not_slips(name: str, defined: set[str]) -> None:
    assert near_name(name, defined, defined) is None
