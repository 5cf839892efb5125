"""The conv-output framework facts: the committed file is what scripts/output_facts.py measures
in the pinned PyTorch and Keras, it covers every size-changing layer kind the walk finds, and
ankigen's output formulas (AG103's) reproduce every fact and every chain."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from typing import Any

import pytest

from ankigen.lint.rules.layers.output_formulas import (
    ceil_pool_length,
    conv_length,
    keras_transposed_length,
    output_shape,
    same_length,
    torch_transposed_length,
)
from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "output_facts.py"
FACTS = REPO / "tests" / "fixtures" / "framework_facts" / "output.json"
KINDS_OF_BOTH = {
    "conv",
    "conv_transpose",
    "max_pool",
    "avg_pool",
    "adaptive_pool",
    "upsample",
    "pad",
    "flatten",
}


@cache
def facts() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FACTS.read_text(encoding="utf-8"))
    return data


def test_the_committed_file_is_what_the_script_measures() -> None:
    """Runs the pinned frameworks in the shared venv (built on first use, about a minute)."""
    command = [sys.executable, str(SCRIPT), "--check"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=1500, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_file_has_the_shape_the_tests_read() -> None:
    data = facts()
    assert sorted(data) == ["chains", "classes_walked", "facts", "not_measured", "unhandled"]
    assert data["unhandled"] == []
    measured = {f"{f['framework']}.{f['layer']}" for f in data["facts"]}
    assert set(data["classes_walked"]) == measured | set(data["not_measured"])
    assert len(data["facts"]) > 1000
    for fact in data["facts"]:
        assert sorted(fact) == [
            "call",
            "dims",
            "filters",
            "framework",
            "input_shape",
            "kind",
            "layer",
            "output_shape",
            "settings",
        ]
        assert len(fact["input_shape"]) == fact["dims"] + 1
        assert all(isinstance(n, int) and n >= 1 for n in fact["output_shape"])
    kinds = {(f["framework"], f["kind"]) for f in data["facts"]}
    for kind in KINDS_OF_BOTH:
        assert ("torch", kind) in kinds and ("keras", kind) in kinds, kind
    for framework in ("torch", "keras"):
        for dims in (1, 2, 3):
            assert any(
                f["framework"] == framework and f["dims"] == dims and f["kind"] == "conv"
                for f in data["facts"]
            )
    assert len(data["chains"]) >= 5


def test_the_grid_holds_the_settings_that_change_sizes() -> None:
    settings = [(f["framework"], f["kind"], f["settings"]) for f in facts()["facts"]]
    assert any(s.get("ceil_mode") for _, _, s in settings)
    assert any(s.get("output_padding") for _, k, s in settings if k == "conv_transpose")
    assert any(s.get("dilation") == 2 for _, _, s in settings)
    assert any(s.get("padding") == "same" for fw, _, s in settings if fw == "torch")
    assert any(isinstance(s.get("kernel"), list) for _, _, s in settings)
    assert any("stride" not in s for _, k, s in settings if k == "max_pool")
    assert any(
        f["input_shape"][1] != f["input_shape"][2]
        for f in facts()["facts"]
        if f["framework"] == "torch" and f["dims"] == 2
    )


def _fact_name(fact: dict[str, Any]) -> str:
    return f"{fact['framework']}: {fact['call']} on {fact['input_shape']}"


def test_the_formulas_reproduce_every_fact() -> None:
    wrong = []
    for fact in facts()["facts"]:
        got = output_shape(
            fact["framework"], fact["kind"], fact["settings"], fact["input_shape"], fact["filters"]
        )
        if got != fact["output_shape"]:
            wrong.append(f"{_fact_name(fact)}: measured {fact['output_shape']}, formula {got}")
    assert not wrong, "\n".join(wrong[:30])


def test_the_formulas_walk_every_chain() -> None:
    for chain in facts()["chains"]:
        shape = chain["input_shape"]
        for step in chain["steps"]:
            shape = output_shape(
                chain["framework"], step["kind"], step["settings"], shape, step["filters"]
            )
            assert shape == step["output_shape"], (chain["name"], step["call"])


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        (conv_length(32, 5), 28),
        (conv_length(224, 7, 2, 3), 112),
        (conv_length(64, 3, 1, 0, 2), 60),
        (same_length(15, 2), 8),
        (ceil_pool_length(7, 2, 2), 4),
        (ceil_pool_length(6, 3, 2, 1), 4),  # the window that would start in the padding goes
        (torch_transposed_length(16, 4, 2, 1), 32),
        (torch_transposed_length(7, 3, 2, 1, 1), 14),
        (keras_transposed_length(7, 3, 2, "valid"), 15),
        (keras_transposed_length(7, 3, 2, "same", 1), 14),
    ],
)
def test_worked_examples(got: int, expected: int) -> None:
    assert got == expected
