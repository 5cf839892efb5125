"""AG103 session 9 (issue #12): the blind probes of the session, as written (see
tests/fixtures/conv_s9_probes.yml): each wrong output reported on its line and nowhere else,
each correct note silent. They cover the layer-sequence reader (summaries, lines with a layer
call and its result), Flax and the solver's pooling-stride reading."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, load_shapes, shape_params

_CASES = load_shapes("conv_s9_probes.yml")
# Probes not handled yet (strict: the test fails once one passes).
_OPEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("conv_s9"), _CASES, ["AG103", "AG101"])


@pytest.mark.parametrize(
    "case",
    shape_params(_CASES, _OPEN),
    ids=[case["id"] for case in _CASES],
)
def test_each_probe_is_reported_on_its_line_or_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)


def test_the_probes_hold_both_wrong_and_right_notes() -> None:
    wrong = [case for case in _CASES if case.get("line")]
    assert len(wrong) >= 10 and len(_CASES) - len(wrong) >= 10
