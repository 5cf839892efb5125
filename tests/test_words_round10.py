"""Round 4 on the word families (issue #12): the classes behind sealed batch 10's misses.

- link-only (AG136): an answer that only sends the learner elsewhere ("see", "look it up",
  "consult", "google it") with a label, bold, politeness or a reason that says nothing, and
  an Extra that only cites who introduced the topic;
- cross-card (AG137): "the last question" and "Following on from ..." in the question heading;
- dangling-figure (AG132): "pictured/depicted here" names a picture, and "shown here/below"
  does not mean the list item it stands in;
- placeholder (AG130): a question heading that is template text ("# [Question goes here]");
- name-typo (AG112): a class-like name read in code one slip from a name the note imports.

Each wrong shape is reported on its line; each correct near miss gets no finding."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.rule_harness import assert_shape, lint_shapes

CODES = ["AG112", "AG130", "AG132", "AG136", "AG137"]

CASES: list[dict[str, Any]] = yaml.safe_load(
    r"""
# --- link-only: a pointer with an aside, a label, a topic tail, a search --------------------
- id: lo-aside-bad
  line: 3
  body: |
    # What does `np.einsum` compute?

    Read the NumPy reference page, it does a far better job than I can.
- id: lo-aside-good
  body: |
    # What does `np.einsum` compute?

    Read the NumPy reference page: einsum sums products over the indices the subscripts name.
- id: lo-label-bold-bad
  line: 3
  body: |
    # How does early stopping decide when to stop?

    **A:** consult the Keras callbacks guide on EarlyStopping.
- id: lo-label-bold-good
  body: |
    # How does early stopping decide when to stop?

    **A:** it stops once the monitored loss has not improved for `patience` epochs.
- id: lo-topic-tail-bad
  line: 3
  body: |
    # Why do transformers need positional encodings?

    Please refer to the PyTorch tutorial about sequence models.
- id: lo-topic-tail-good
  body: |
    # Why do transformers need positional encodings?

    Attention ignores order, so the position of each token must be added to its embedding.
- id: lo-look-up-glossary-bad
  line: 3
  body: |
    # What is a closure in Python?

    Just look it up in the FAQ under 'closures', thanks.
- id: lo-look-up-glossary-good
  body: |
    # What is a closure in Python?

    A function that keeps the variables of the scope it was defined in, after that scope ends.
- id: lo-google-reason-bad
  line: 3
  body: |
    # What is the difference between `loc` and `iloc`?

    Google it - there's plenty out there.
- id: lo-google-reason-good
  body: |
    # What is the difference between `loc` and `iloc`?

    Google it if you like, but in short: `loc` selects by label, `iloc` by position.
- id: lo-url-citation-extra-bad
  line: 3
  body: |
    # What does the Adam optimiser keep per parameter?

    Nice summary at https://example.org/adam-notes

    ***

    Adam comes from Kingma and Ba, 2014.
- id: lo-url-answering-extra-good
  body: |
    # What does the Adam optimiser keep per parameter?

    Nice summary at https://example.org/adam-notes

    ***

    Adam keeps running averages of each gradient and of its square.
- id: lo-see-then-content-good
  body: |
    # How does `groupby().transform` differ from `agg`?

    See the pandas user guide on group operations, which shows that `transform` keeps the
    original row count while `agg` returns one row per group.

# --- cross-card: the last question, a sequel in the heading ---------------------------------
- id: cc-last-question-heading-bad
  line: 1
  body: |
    # Continuing from the previous one, why is ReLU cheaper than tanh?

    It needs a comparison with zero instead of exponentials.
- id: cc-last-card-answer-bad
  line: 3
  body: |
    # What does L1 regularisation do to weights?

    The same as on the last card, but it drives many weights exactly to zero.
- id: cc-building-heading-bad
  line: 1
  body: |
    # Building on the last question: what does a reset gate decide?

    How much of the previous hidden state enters the candidate state.
- id: cc-last-question-of-survey-good
  body: |
    # Why does the last question of a survey get fewer answers?

    Respondents drop out as the survey goes on, so later items see fewer people.
- id: cc-following-good
  body: |
    # What does `tail -f` do?

    It keeps following the file and prints the lines that are appended to it.

# --- dangling-figure: a picture verb in a list item, "shown below" with no block -----------
- id: df-depicted-item-bad
  line: 4
  body: |
    # How do you read a learning curve?

    - x axis: training set size
    - the gap depicted here between the two lines means high variance
- id: df-shown-here-item-bad
  line: 5
  body: |
    # What does a ROC curve plot?

    - true positive rate on one axis
    - false positive rate on the other
    - the curve shown here hugs the top-left corner, so the model separates well
- id: df-shown-below-list-good
  body: |
    # What are the steps of k-means?

    The steps shown below repeat until nothing changes:

    1. assign each point to its nearest centroid
    2. move each centroid to the mean of its points
- id: df-image-present-good
  body: |
    # What does a confusion matrix show?

    <svg width="40" height="40"><rect width="40" height="40"/></svg>

    - in the matrix pictured here, rows are true classes
- id: df-drawn-word-good
  body: |
    # How are mini-batches formed?

    Samples are drawn without replacement until the epoch ends.

# --- placeholder: template text in the question heading ------------------------------------
- id: ph-heading-bracket-bad
  line: 1
  body: |
    # [Insert question here]

    Gradient clipping rescales the gradient when its norm exceeds a threshold.
- id: ph-heading-angle-bad
  line: 1
  body: |
    # What does <your term> mean in statistics?

    The spread of a sample around its mean.
- id: ph-heading-tbd-bad
  line: 1
  body: |
    # TBD

    A hash join builds a hash table on the smaller input and probes it with the larger.
- id: ph-heading-link-good
  body: |
    # What does `df[["a", "b"]]` return?

    A DataFrame with the columns a and b.
- id: ph-heading-optional-good
  body: |
    # What does `range(start, stop[, step])` return?

    A lazy sequence of integers from start up to, not including, stop.

# --- name-typo: a read name one slip from an imported or canonical name ---------------------
- id: nt-imported-swap-bad
  line: 6
  type: code
  body: |
    # How do you fit a random forest?

    ```python
    from sklearn.ensemble import RandomForestClassifier

    clf = RandomForsetClassifier(n_estimators=200)
    clf.fit(X_train, y_train)
    ```
- id: nt-imported-dropped-bad
  line: 6
  type: code
  body: |
    # How do you load a pretrained causal language model?

    ```python
    from transformers import AutoModelForCausalLM

    lm = AutoModelForCasualLM.from_pretrained("gpt2")
    ```
- id: nt-imported-right-good
  type: code
  body: |
    # How do you load a pretrained causal language model?

    ```python
    from transformers import AutoModelForCausalLM

    lm = AutoModelForCausalLM.from_pretrained("gpt2")
    ```
- id: nt-own-class-good
  type: code
  body: |
    # How do you subclass a Keras layer?

    ```python
    from keras.layers import Layer

    class Layers(Layer):
        pass

    block = Layers()
    ```
"""
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("words10"), CASES, CODES)


def test_every_class_has_a_wrong_and_a_correct_case() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 14 and len(CASES) - len(wrong) >= 14


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def test_code_typo_names_the_imported_spelling(
    findings: dict[str, list[tuple[int, str]]],
) -> None:
    assert findings["nt-imported-swap-bad"] == [(6, "AG112")]
