"""AG170, AG171, AG172 and AG038 on the notes of session 28's markup round: hard correct notes
(prices and shell variables beside math, escaped parentheses from exports, regexes, code
holding entities or tags on purpose, fences nested on purpose, clozes around whole math) get
no finding, and each wrong one is reported on its line alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, load_shapes

CASES = load_shapes("markup_round28.yml")
CODES = ["AG170", "AG171", "AG172"]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    root: Path = tmp_path_factory.mktemp("markup28")
    return lint_shapes(root, CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_markup_round28(case: dict[str, Any], found: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, found)


def test_both_kinds_are_many() -> None:
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 90
    assert len(CASES) - len(wrong) >= 200
