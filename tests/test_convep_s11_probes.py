"""AG103/AG102/AG101 session 11 (issue #12): the convep helper's blind probes, as written (see
tests/fixtures/convep_s11_probes.yml): each wrong size or count reported on its line and
nowhere else, each correct note silent. They cover strided and causal 1-D convolutions, video
clips written as frames, transposed convolutions with an output padding, ViT patch grids, TF
"same" padding, Hugging Face and Lightning step counts, k-fold training folds, validation
splits, packed sequences and warm-up fractions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, load_shapes, shape_params

_CASES = load_shapes("convep_s11_probes.yml")
# Probes not handled yet (strict: the test fails once one passes).
_OPEN = {
    "p16s-ei-lightning-limit": "limit_train_batches (a share of the loader) and "
    "accumulate_grad_batches are not read as factors of a Lightning epoch",
    "p16f-ei-hf-logging-count": "logging_steps (how many log lines a run writes) is not read",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("convep_s11"), _CASES, ["AG101", "AG102", "AG103"])


@pytest.mark.parametrize("case", shape_params(_CASES, _OPEN), ids=[case["id"] for case in _CASES])
def test_each_probe_is_reported_on_its_line_or_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)
