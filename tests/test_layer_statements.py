"""AG103 read from what a note states about one layer (issue #12, session 6): the input, the
kernel, stride, padding and dilation and the claimed output, wherever the note states them
(sentence, list, table, heading and answer, Extra section), each wrong shape with its correct
near miss, and the notes that state too little or several layers, which stay silent."""

from __future__ import annotations

from typing import Any

import pytest

from ankigen.lint.rules.layers.layer_statements import claimed_outputs, row_quantities
from tests.rule_harness import assert_shape, lint_shapes, load_shapes

_SHAPES = load_shapes("layer_statements.yml")


def _near_miss(case: dict[str, Any]) -> dict[str, Any]:
    """The same note with the right output on the wrong line."""
    lines = case["body"].split("\n")
    index = case["line"] - 1
    assert case["wrong"] in lines[index], case["id"]
    lines[index] = lines[index].replace(case["wrong"], case["right"], 1)
    return {"id": f"{case['id']}-ok", "body": "\n".join(lines), "type": case.get("type", "basic")}


_CASES = [
    *(case for case in _SHAPES),
    *(_near_miss(case) for case in _SHAPES if not case.get("silent")),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("statements"), _CASES, ["AG103"])


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_each_shape_is_reported_on_its_line_and_its_near_miss_is_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    expected = None if case.get("silent") else case.get("line")
    assert_shape({**case, "line": expected}, found)


def test_the_shape_file_has_thirty_wrong_shapes_and_silent_ones() -> None:
    wrong = [case for case in _SHAPES if not case.get("silent")]
    assert len(wrong) >= 30
    assert sum(1 for case in _SHAPES if case.get("silent")) >= 5


# --------------------------------------------------------------------------- reading


def _claims(text: str) -> list[tuple[int, ...]]:
    return [quantity.values for quantity in claimed_outputs(text, 0, len(text))]


def test_results_written_first_or_after_end_up_with_are_claims() -> None:
    assert _claims("27\N{MULTIPLICATION SIGN}27 is what you get with a 5x5 filter.") == [(27, 27)]
    assert _claims("you'll end up with a 63x63 feature map") == [(63, 63)]
    assert _claims("it halves a 31-step sequence to 16 steps") == [(16,)]
    # a kernel or a calculation after "you get" is no result
    assert _claims("you get a 3x3 kernel") == []
    assert _claims("you get 32 - 5 + 1 positions") == []


def test_a_table_row_names_its_quantities_by_their_columns() -> None:
    text = (
        "| Layer | Kernel | Stride | Padding | Output |\n"
        "|---|---|---|---|---|\n"
        "| conv1 | 5x5 | 1 | same | 60x60x16 |\n"
    )
    (row,) = row_quantities(text, 0, len(text)).values()
    assert row["kernel"].values == (5, 5)
    assert row["stride"].values == (1,)
    assert row["padding"].mode == "same"
    assert row["output"].values == (60, 60, 16)
    assert "input" not in row  # no input column: the input comes from the prose


def test_formula_symbols_and_a_measured_map_are_claims() -> None:
    assert _claims("With n = 32, k = 5: out = 27.") == [(27,)]
    assert _claims("the 16 by 16 map measures 15 by 15") == [(15, 15)]
    assert _claims("out = (n - k) / s + 1") == []
