"""Round 5 on the word families (issue #12): the classes behind sealed batch 11's misses.

- doubled-word (AG134): "in in" after a verb that never takes "in" as its particle ("loaded
  in in any environment"), while a real phrasal verb keeps its particle ("log in in the menu");
- link-only (AG136): a resource named with a bare "just follow it", and an Extra that only
  speaks about the deck or the card ("Audio features deck.");
- cross-card (AG137): "from the last note" as the card before this one, not a melody's note;
- truncated-answer (AG135): an answer cut after "the first lay" (a past form where a noun
  must stand);
- unbalanced-math (AG171): a '$' left open right before the question mark of a heading.

Each wrong shape is reported on its line; each correct near miss gets no finding."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.rule_harness import assert_shape, lint_shapes

CODES = ["AG134", "AG135", "AG136", "AG137", "AG171"]

CASES: list[dict[str, Any]] = yaml.safe_load(
    r"""
# --- doubled-word: "in in" after a verb that takes no "in" particle ------------------------
- id: dw-loaded-in-bad
  line: 3
  body: |
    # Where can a saved scikit-learn pipeline be used?

    It can be loaded in in any process that has the same library versions.
- id: dw-loaded-in-good
  body: |
    # Where can a saved scikit-learn pipeline be used?

    It can be loaded in any process that has the same library versions.
- id: dw-scaled-in-bad
  line: 3
  body: |
    # What does `StandardScaler(copy=False)` change?

    The array is scaled in in place instead of being copied first.
- id: dw-log-in-good
  body: |
    # Where do you create a Kaggle API token?

    Log in in the browser, open Settings and choose "Create New Token".
- id: dw-kicks-in-good
  body: |
    # When does a new learning rate from a scheduler take effect?

    The new value kicks in in the next epoch, after `scheduler.step()` is called.
# --- link-only: a named resource with "just follow it"; an Extra about the deck ------------
- id: lo-just-follow-bad
  line: 3
  body: |
    # How do you pin the Python version of a training image?

    The Docker documentation covers this in detail, just follow it.
- id: lo-just-follow-good
  body: |
    # How do you pin the Python version of a training image?

    Start the Dockerfile from an exact tag such as `python:3.11.9-slim`; just follow it with
    a locked requirements file.
- id: lo-extra-deck-bad
  line: 3
  body: |
    # How is a mel spectrogram computed?

    - https://librosa.org/doc/latest/generated/librosa.feature.melspectrogram.html

    ***

    Signal processing deck.
- id: lo-extra-deck-good
  body: |
    # How is a mel spectrogram computed?

    Take the short-time Fourier transform, square the magnitudes and sum them with
    triangular mel filters.

    ***

    Signal processing deck.
# --- cross-card: "the last note" as the previous card ---------------------------------------
- id: cc-last-note-bad
  line: 3
  body: |
    # What does `df.melt` do?

    It turns columns into rows; try it on the sales DataFrame built in the last note.
- id: cc-from-last-note-bad
  line: 3
  body: |
    # How do you count the rows per group in pandas?

    `df.groupby("city").size()`; reuse the frame from the last note to try it.
- id: cc-last-note-melody-good
  body: |
    # What does a fermata over a note mean?

    Hold it longer than its value; it often sits over the last note of a piece.
- id: cc-from-last-note-interval-good
  body: |
    # What is a perfect cadence?

    A V to I close; the leap from the last note to the tonic ends the phrase.
# --- truncated-answer: cut after a determiner and an adjective --------------------------------
- id: ta-first-lay-bad
  line: 4
  body: |
    # Where is layer normalisation applied in a pre-LN transformer?

    Inside each residual branch, right before the attention or feed-forward block and
    before the first lay
- id: ta-lay-good
  body: |
    # Where is layer normalisation applied in a pre-LN transformer?

    Inside each residual branch, right before the attention or feed-forward block; the
    outputs of the last block get one more normalisation where the weights lay.
# --- unbalanced-math: a '$' left open before the heading's question mark --------------------
- id: um-heading-open-bad
  line: 1
  body: |
    # What is $\sigma(x)$ for a large negative $x?

    Close to zero: the sigmoid saturates.
- id: um-heading-closed-good
  body: |
    # What is $\sigma(x)$ for a large negative $x$?

    Close to zero: the sigmoid saturates.
- id: um-heading-price-good
  body: |
    # Is a GPU hour that costs $3? cheaper than one at $2.50 with $\frac{1}{2}$ the time?

    No: at half the time the second one costs $1.25 per job.
"""
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("words11"), CASES, CODES)


def test_every_class_has_a_wrong_and_a_correct_case() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 7 and len(CASES) - len(wrong) >= 9


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
