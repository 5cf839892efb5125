"""AG111: slips that pyspellchecker's English list holds at its floor count ("colum" for
"column", "labe" for "label") are unknown; the rare real words beside them stay known."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint.words import is_dictionary_word
from tests.rule_harness import FixtureNote, body_position, lint_rule, write_notes


@pytest.mark.parametrize("word", ["colum", "labe", "obtect", "radom", "rehears", "washin"])
def test_floor_count_slips_are_unknown(word: str) -> None:
    assert not is_dictionary_word(word)


@pytest.mark.parametrize(
    "word", ["scree", "genera", "actin", "takin", "cyan", "modal", "filer", "sampler", "butte"]
)
def test_rare_real_words_next_to_common_ones_stay_known(word: str) -> None:
    assert is_dictionary_word(word)


CASES = [
    # (body, body line of the finding or None)
    (
        "# How do you centre a DataFrame's values?\n\n```python\n"
        "centred = df - df.mean()  # subtract each colum's mean\n```\n",
        4,
    ),
    ("# What is a one-hot target?\n\nA vector with a 1 at the index of the true labe.\n", 3),
    (
        "# How do you draw a radom subset in NumPy?\n\n"
        "Call `rng.choice(n, size=k, replace=False)` on a `default_rng()` generator.\n",
        1,
    ),
    # Correct twins: the real words.
    (
        "# How do you centre a DataFrame's values?\n\n```python\n"
        "centred = df - df.mean()  # subtract each column's mean\n```\n",
        None,
    ),
    ("# What is a one-hot target?\n\nA vector with a 1 at the index of the true label.\n", None),
]


@pytest.mark.parametrize(("body", "line"), CASES)
def test_slip_is_reported_on_its_line(tmp_path: Path, body: str, line: int | None) -> None:
    note = FixtureNote("n", body)
    write_notes(tmp_path, [note])
    lines = [body_position(note, d)[0] for d in lint_rule(tmp_path, "AG111")]
    assert lines == ([] if line is None else [line])
