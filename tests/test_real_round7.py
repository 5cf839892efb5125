"""Real-document round 7 (issue #12): the three classes of false findings left on imported
interview articles, as shapes written in our own words. Each class's correct shapes stay
silent; the wrong shapes next to them are still reported on their line.

- truncated-text (AG135): a quotation may span the lines and list items of one answer, and
  paragraphs, a table, a block quote or a code block between its opening and its closing
  quote ('"My plan:' / '1. ...' / '2. ... the last step."'); a quotation opened earlier and
  never closed by the end of the answer, or opened again in the last sentence, is still cut;
- cross-card (AG137): a single letter that the note uses as a variable (in math, as the
  argument of a call or a member of a tuple, in a relation, in code, as a count before a
  plural noun) is no short form of "question" ("an MA(q) model uses the previous q errors");
- spelling (AG111): a name of the note's code (an SQL alias or column, a variable, a
  function) is no misspelling where the prose or a table writes it ("rnk" in the header of
  the results below "... AS rnk"); a word only in a code comment, a string or an output
  block is no name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.rule_harness import FixtureNote, lint_rule, lint_shapes, write_notes

CODES = {"ta": "AG135", "cc": "AG137", "sp": "AG111"}

CASES: list[dict[str, Any]] = yaml.safe_load(
    r"""
# --- truncated-text (AG135): a quotation over several blocks is closed ----------------
- id: ta-quote-over-numbered-list
  body: |
    # How would you roll out a new ranking model?

    "My plan has three steps:
    1. Shadow the old model on live traffic
    2. Ramp up to a tenth of the users
    3. Watch the click-through rate before going further"
- id: ta-quote-over-bold-items
  body: |
    # What would you check first when a fine-tuned model forgets its base skills?

    "I would look at three things:
    1. **Learning rate** compared with the pre-training one
    2. **Data mix** of old and new tasks
    3. **Number of epochs** on the narrow data set"
- id: ta-quote-closed-on-a-lazy-line
  body: |
    # How do you train a large model on a small GPU?

    "Several tricks help:
    - gradient accumulation over many small batches
    - activation checkpointing
    The point is to trade compute for memory."
- id: ta-quote-over-bullets-closing-mid-line
  body: |
    # How would you answer a question about data drift?

    "Two signals matter:
    - the input distribution moves
    - the labels arrive later and disagree", as most interviewers expect.
- id: ta-quote-over-paragraphs
  body: |
    # What do you do when the validation loss explodes?

    "First, lower the learning rate and check it again.

    Then look at the data loader for a corrupt batch."
- id: ta-quote-over-table
  body: |
    # How would you pick a batch size?

    "Compare the two settings:

    | setting | effect |
    |---|---|
    | small batch | noisy gradients |
    | large batch | smooth gradients |

    and keep the one that fits in memory."
- id: ta-quote-closing-in-the-last-row
  body: |
    # How does a warm-up schedule change the learning rate?

    "Here is the schedule:

    | phase | what the rate does |
    |---|---|
    | warm-up | it grows linearly from zero |
    | decay | it falls along a cosine curve" |
- id: ta-quote-over-code-with-a-quote
  body: |
    # How do you split a line of a CSV file in Python?

    "Call split with the separator:

    ```python
    fields = line.split('"')
    ```

    and strip each field afterwards."
- id: ta-quote-over-block-quote
  body: |
    # How do you answer a reviewer who asks for an ablation?

    "The reviewer wrote:

    > the ablation of the attention heads is missing

    and we added it in the second version."
- id: ta-quote-inside-a-block-quote
  body: |
    # What would you say about your last project?

    > "Three results stand out:
    > 1. the latency halved
    > 2. the error rate dropped by a third"
- id: ta-curly-quote-over-list
  body: |
    # How would you explain overfitting to a manager?

    “In short:
    - the model memorises the training data
    - it then fails on new customers”
# --- truncated-text (AG135): still cut -------------------------------------------------
- id: ta-quote-opened-in-the-last-item
  line: 5
  body: |
    # What makes a good baseline?

    A good baseline has two traits:
    - it is cheap to train
    - the team calls it "the honest number
- id: ta-quote-never-closed-over-a-list
  line: 5
  body: |
    # How would you roll out a new ranking model?

    "My plan has two steps:
    1. Shadow the old model on live traffic
    2. Ramp up to a tenth of the users
- id: ta-quote-never-closed-over-paragraphs
  line: 5
  body: |
    # What do you do when the validation loss explodes?

    "First, lower the learning rate and check it again.

    Then look at the data loader for a corrupt batch.
- id: ta-quote-closed-then-opened-again
  line: 5
  body: |
    # How do you schedule the learning rate?

    "Two rules:
    - warm up the rate
    - decay it slowly." The paper calls this "the standard
- id: ta-inch-mark-is-no-quotation
  line: 5
  body: |
    # Which laptop would you take for data science?

    A 15" screen is enough for notebooks.

    Reviewers call the smaller one "good enough
- id: ta-code-quote-does-not-close
  line: 9
  body: |
    # How do you split a line of a CSV file in Python?

    Call split with the separator:

    ```python
    fields = line.split('"')
    ```

    and the log then says "done
# --- cross-card (AG137): a letter the note uses as a variable --------------------------
- id: cc-ma-order-in-brackets
  body: |
    # What does the order of a moving-average model mean?

    An MA(q) model regresses on the previous q forecast errors.
- id: cc-tuple-in-the-heading
  body: |
    # How do the orders of ARIMA(p, d, q) shape the model?

    d differences the series; the last q residuals feed the moving-average part.
- id: cc-letter-in-a-relation
  body: |
    # How long is the memory of a moving-average model?

    With q = 2 the forecast uses the last q shocks and nothing older.
- id: cc-letter-in-math
  body: |
    # What does a moving-average model of order $q$ remember?

    It averages the previous q white-noise terms, each with its own weight.
- id: cc-letter-in-code
  body: |
    # How do you fit a moving-average model with statsmodels?

    ```python
    model = ARIMA(series, order=(0, 0, q))
    ```

    The fit then weighs the previous q errors.
- id: cc-letter-as-a-count
  body: |
    # How does an MA model forecast?

    It combines the mean with the previous q errors, scaled by their weights.
# --- cross-card (AG137): still a card -------------------------------------------------
- id: cc-previous-q-alone
  line: 3
  body: |
    # Why does Adam need bias correction?

    See the previous q, the moment estimates start at zero.
- id: cc-previous-q-beside-another-variable
  line: 3
  body: |
    # How is recall at k computed?

    As in the previous q, count the relevant items in the top k and divide by all of them.
- id: cc-previous-q-with-a-verb
  line: 3
  body: |
    # What is the bias of the moment estimates in Adam?

    The previous q explains it: the estimates of $\beta$-weighted moments start at zero.
# --- spelling (AG111): names of the note's code ----------------------------------------
- id: sp-sql-alias-in-a-results-table
  body: |
    # How do you keep the second highest salary per department?

    ```sql
    SELECT name, salary,
           DENSE_RANK() OVER (PARTITION BY dept ORDER BY salary DESC) AS rnk
    FROM staff
    ```

    | name | salary | rnk |
    |---|---|---|
    | ada | 70 | 2 |
- id: sp-sql-column-in-prose
  body: |
    # How do you total the orders of each customer?

    ```sql
    CREATE TABLE orders (customer TEXT, amt INTEGER);
    SELECT customer, SUM(amt) AS tot FROM orders GROUP BY customer;
    ```

    The tot column adds up every amt of a customer.
- id: sp-python-function-in-prose
  body: |
    # How do you scale a vector to unit length?

    ```python
    def normlz(v):
        return v / np.linalg.norm(v)
    ```

    Call normlz on each row before the dot product.
- id: sp-js-variable-in-prose
  body: |
    # How do you count the clicks of a button?

    ```js
    let cnt = 0;
    button.onclick = () => { cnt += 1; };
    ```

    Each click adds one to cnt.
- id: sp-unlabelled-sql-alias
  body: |
    # How do you find each department's payroll?

    ```
    SELECT dept, SUM(salary) AS slry FROM staff GROUP BY dept;
    ```

    The slry column holds the payroll.
# --- spelling (AG111): no name of the code --------------------------------------------
- id: sp-word-only-in-a-sql-comment
  line: 8
  body: |
    # How do you rank the salaries?

    ```sql
    -- rnk is the rank within the department
    SELECT name, RANK() OVER (ORDER BY salary) AS position FROM staff;
    ```

    The rnk of each row is its place.
- id: sp-word-only-in-a-string
  line: 6
  body: |
    # What does the script print?

    ```python
    print("the wieght of each sample")
    ```
    It prints the wieght of each sample.
- id: sp-word-only-in-an-output-block
  line: 6
  body: |
    # What does the query return?

    ```text
    dpt
    ```
    It returns the dpt of each employee.
- id: sp-typo-beside-sql
  line: 6
  body: |
    # How do you list the departments?

    ```sql
    SELECT DISTINCT department FROM staff;
    ```
    It lists each dpartment once.
"""
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("real7"), CASES, list(CODES.values()))


def test_each_class_has_silent_shapes_and_wrong_ones() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    for family in CODES:
        of_family = [case for case in CASES if case["id"].startswith(f"{family}-")]
        wrong = [case for case in of_family if case.get("line")]
        assert len(wrong) >= 3 and len(of_family) - len(wrong) >= 5


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    """A wrong shape gets its class's finding on its line only; a correct one gets none of
    the three codes."""
    got = findings[case["id"]]
    if case.get("line"):
        code = CODES[case["id"][:2]]
        assert {line for line, found in got if found == code} == {case["line"]}, got
    else:
        assert got == []


def test_a_quotation_never_closed_says_so(tmp_path: Path) -> None:
    """The quotation opened before the list and never closed is named as such."""
    body = '# How would you start?\n\n"Two steps:\n1. measure\n2. then change one thing\n'
    write_notes(tmp_path, [FixtureNote("open-quote", body)])
    assert [d.message for d in lint_rule(tmp_path, "AG135")] == [
        "a quotation opened earlier in the answer is never closed: the text looks cut off; "
        "finish it"
    ]
