"""AG104 by the note-level parameter setting (session 11 of issue #12): one layer, every size the
note states wherever it stands, every claimed count checked against every convention's count.

The fixture (tests/fixtures/param_setting.yml) holds own-words notes with a wrong count, each
with a correct twin that must stay silent; the conventions are checked on known layers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.lint.rules.layers.param_conventions import (
    NON_TRAINABLE,
    TOTAL,
    TRAINABLE,
    Layer,
    counts,
)
from tests.rule_harness import FixtureNote, body_position, lint_rule, write_notes

FIXTURE = Path(__file__).parent / "fixtures" / "param_setting.yml"
CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def _lines(tmp_path: Path, case: dict[str, Any]) -> list[int]:
    note = FixtureNote("note", case["body"], case.get("type", "basic"))
    write_notes(tmp_path, [note])
    return [body_position(note, found)[0] for found in lint_rule(tmp_path, "AG104")]


@pytest.mark.parametrize("case", CASES["wrong"], ids=lambda case: case["id"])
def test_a_wrong_count_of_one_layer_is_reported(tmp_path: Path, case: dict[str, Any]) -> None:
    assert case["line"] in _lines(tmp_path, case)


@pytest.mark.parametrize("case", CASES["right"], ids=lambda case: case["id"])
def test_a_right_or_unclear_count_is_left_alone(tmp_path: Path, case: dict[str, Any]) -> None:
    assert _lines(tmp_path, case) == []


def _layer(kind: str, frameworks: set[str], **sizes: int) -> Layer:
    return Layer(kind, frozenset(frameworks), frozenset({True}), sizes)


@pytest.mark.parametrize(
    ("layer", "label", "expected"),
    [
        # Keras LSTM(128) on 64 features: one bias vector; PyTorch: two
        (_layer("lstm", {"keras"}, inputs=64, units=128), TOTAL, {98_816}),
        (_layer("lstm", {"torch"}, inputs=64, units=128), TOTAL, {99_328}),
        (_layer("lstm", {"torch"}, inputs=20, units=40, stacked=2), TOTAL, {23_040}),
        # Keras BatchNormalization: 4 per channel, 2 of them trainable
        (_layer("batchnorm", {"keras"}, channels=64), TOTAL, {256}),
        (_layer("batchnorm", {"keras"}, channels=64), TRAINABLE, {128}),
        (_layer("batchnorm", {"torch"}, channels=64), NON_TRAINABLE, {128, 129}),
        # MultiheadAttention: 4 d^2 + 4 d, whatever the number of heads
        (_layer("mha", {"torch"}, width=512), TOTAL, {1_050_624}),
        (_layer("embedding", {"torch"}, vocab=30_000, dim=512), TOTAL, {15_360_000}),
    ],
)
def test_conventions(layer: Layer, label: str, expected: set[int]) -> None:
    assert counts(layer)[label] == expected


def test_a_keras_gru_counts_its_reset_after_layout() -> None:
    both = Layer("gru", frozenset({"keras"}), frozenset({True}), {"inputs": 32, "units": 64})
    assert counts(both)[TOTAL] == {18_816, 18_624}


def test_a_missing_size_gives_no_count() -> None:
    assert counts(_layer("conv", {"keras"}, filters=64)) == {}
