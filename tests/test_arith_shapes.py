"""AG101 and AG102 on the shapes of tests/fixtures/arith_shapes.yml: each wrong calculation or
count is reported on its line, and each correct near-miss gets no finding."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, load_shapes

CASES = load_shapes("arith_shapes.yml")


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("shapes"), CASES, ["AG101", "AG102"])


def test_every_shape_has_a_wrong_and_a_correct_case() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 40 and len(CASES) - len(wrong) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
