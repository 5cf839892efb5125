"""AG123/AG125 on prose: a long note dense with API names gets every finding.

Whether a mention speaks of the old API is decided from its paragraph and sentence; these are
indexed once per note. Searching the paragraph again for every mention made a 700-line list of
API names take many seconds (quadratic), with the same findings. The time is measured, not
asserted here (docs/performance.md has the figures); this test pins the findings of the
indexed version on a small and a large dense note.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, write_notes

_ITEMS = (
    "- call `keras.layers.Dense(4)` and then tf.nn.relu on the result",
    "- the helper tf.contrib.layers.flatten flattens a batch",
    "- `model.fit_generator(batches)` trains from a generator",
    "- keras.ops.mean and `tf.reduce_mean(x)` agree on a tensor",
)


def _dense_note(lines: int) -> str:
    """One paragraph (a list with no blank line) of ``lines`` items naming APIs."""
    items = [_ITEMS[index % len(_ITEMS)] for index in range(lines)]
    return "# Which Keras and TensorFlow calls does the pipeline use?\n\n" + "\n".join(items) + "\n"


def _removed_api_findings(root: Path, lines: int) -> int:
    write_notes(root, [FixtureNote("dense", _dense_note(lines))])
    result = check([root / "content"])
    config = LintConfig.model_validate({"select": ["AG123", "AG125"]})
    found = run_rules(documents_of(result), config)
    return len([d for d in found if d.code == "AG123"])


def test_every_removed_api_of_a_long_dense_list_is_reported(tmp_path: Path) -> None:
    small = _removed_api_findings(tmp_path / "small", 250)
    large = _removed_api_findings(tmp_path / "large", 2000)
    # every list item that tells the learner to use a removed API is reported, in both sizes
    assert (small, large) == (250 // 4 * 2 + 1, 2000 // 4 * 2)
