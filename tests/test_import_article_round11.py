"""`ankigen import article`: classes from the sixth round of real documents of session 8 (#12).

Every document and line here is written for the test. Five classes: a "Question 7" label
wrapped in nested emphasis; a question that asks about the code printed under it; a section
heading after an empty sub-section taken as a question; a deeper question heading that is one
of the labelled parts of an answer; a topic heading whose "- **Problem**:" item states the task.
"""

from __future__ import annotations

import pytest

from ankigen.tools.importers.article import Article, parse_article


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _fronts(text: str) -> list[str]:
    return [question.question for question in _parse(text).questions]


# --- 1. a number label in nested emphasis, the question on the next line ------------------


@pytest.mark.parametrize(
    "label",
    [
        "### **Question {n}**",
        "### __Question {n}__",
        "#### ***Q{n}.***",
        "### __***Question {n}***__",
        "__*Question {n}*__",
    ],
)
def test_an_emphasised_number_label_gives_the_next_line_as_the_question(label: str) -> None:
    text = "".join(
        f"{label.format(n=n)}\n\nWhich keyword makes generator number {n}?\n\n**Answer:** yield\n\n"
        for n in (1, 2, 3)
    )
    article = _parse(text)
    assert [q.question for q in article.questions] == [
        f"Which keyword makes generator number {n}?" for n in (1, 2, 3)
    ]
    assert "each section heading became a note" not in article.summary


# --- 2. a question about the code under it ------------------------------------------------

_CODE_QUIZ = """# Pandas quiz

### Question 1

What does the following code return :
```python
pd.Series([3, 1, 2]).idxmax()
```
**Answer:** 0, the label of the largest value.

### Question 2

What is printed by this snippet?
```python
s = pd.Series([1, None, 3])
print(s.count())
```
**Answer:** 2: count() skips missing values.

### Question 3

Why is a categorical column smaller in memory?
```python
df["city"] = df["city"].astype("category")
```
**Answer:** each value is stored once and rows keep small integer codes.
"""


def test_a_one_line_block_the_question_points_at_moves_into_the_front() -> None:
    article = _parse(_CODE_QUIZ)
    first = article.questions[0]
    assert first.question == (
        "What does the following code return: `pd.Series([3, 1, 2]).idxmax()`"
    )
    assert first.answer.startswith("0, the label of the largest value")
    assert first.name == "What does the following code return"  # the id stays short


def test_two_short_statements_join_the_front_as_inline_code() -> None:
    # Session 16: a block of a few short statements reads on one line ("a; b"), so it no
    # longer opens the back; a block that opens a loop still does (test_import_article_round20).
    article = _parse(_CODE_QUIZ)
    second = article.questions[1]
    assert second.question == (
        "What is printed by this snippet: `s = pd.Series([1, None, 3]); print(s.count())`?"
    )
    assert not second.answer.startswith("```")
    assert not any("question 2: it asks about the code block" in w for w in article.warnings)


def test_code_that_a_question_does_not_point_at_stays_in_the_answer() -> None:
    article = _parse(_CODE_QUIZ)
    third = article.questions[2]
    assert third.question == "Why is a categorical column smaller in memory?"
    assert third.answer.startswith("```python")
    assert not any("question 3:" in w for w in article.warnings)


# --- 3. a section heading after an empty sub-section -------------------------------------

_SECTIONS = """# Retrieval questions

## 1. Indexing
### Basic
#### What is an inverted index?
A map from each term to the documents that hold it.
### Advanced

## 2. Ranking
### Basic
#### What does BM25 add to tf-idf?
Saturation of term frequency and a document-length correction.
### Advanced
#### How does a cross-encoder rerank?
It reads query and document together and scores the pair.
### Expert

## 3. What should a retrieval eval measure?
### Basic
#### What is recall at k?
The share of relevant documents found in the top k.
"""


def test_a_section_heading_after_an_empty_sub_section_is_no_question() -> None:
    article = _parse(_SECTIONS)
    assert [q.question for q in article.questions] == [
        "What is an inverted index?",
        "What does BM25 add to tf-idf?",
        "How does a cross-encoder rerank?",
        "What should a retrieval eval measure?",  # a section heading that asks is one
        "What is recall at k?",
    ]
    assert any("'## 2. Ranking' rejected: a section heading" in w for w in article.warnings)


# --- 4. a deeper question heading that is a part of the answer ---------------------------

_PARTS = """# Normalisation

#### Why do CNNs use BatchNorm?
##### Short answer
It steadies the scale of activations across a batch.
##### Where it fails
Tiny batches give noisy statistics.
##### What changes at inference time?
Running averages replace the batch statistics.

#### What is GroupNorm?
##### What does it normalise over?
Groups of channels within one sample.

#### What is LayerNorm?
Normalisation over the features of each token.
"""


def test_an_asking_heading_among_labelled_answer_parts_stays_in_the_answer() -> None:
    article = _parse(_PARTS)
    fronts = [q.question for q in article.questions]
    assert "What changes at inference time?" not in fronts
    batchnorm = article.questions[0]
    assert "**What changes at inference time?**" in batchnorm.answer
    assert "Running averages" in batchnorm.answer


def test_an_asking_heading_right_under_a_question_is_still_its_own_question() -> None:
    fronts = _fronts(_PARTS)
    assert fronts == [
        "Why do CNNs use BatchNorm?",
        "What is GroupNorm?",
        "What does it normalise over?",
        "What is LayerNorm?",
    ]


# --- 5. a topic heading whose labelled item states the task ------------------------------

_PROBLEMS = """# Join drills

### 1. Joins

#### Question 1.1: Orphan Orders
- **Problem**: Some orders point at customers that were deleted. Write a query that lists
  those orders.
- **Hint**: an anti-join.
- **Solution**:
  ```sql
  SELECT o.* FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;
  ```

#### Question 1.2: Busiest Day
- **Difficulty**: Medium
- **Task**: Return the weekday with the most orders.
- **Solution**: group by the weekday and keep the top count.

#### Question 1.3: Self Joins
- **Note**: a self join reads one table twice under two aliases.
"""


def test_the_labelled_problem_item_is_the_front() -> None:
    article = _parse(_PROBLEMS)
    first, second, third = article.questions
    assert first.question == (
        "Some orders point at customers that were deleted. Write a query that lists those orders."
    )
    assert first.name == "Orphan Orders"
    assert first.answer.startswith("- **Hint**: an anti-join.")
    assert "**Problem**" not in first.answer
    assert second.question == "Return the weekday with the most orders."
    assert "difficulty::medium" in second.tags
    # Near miss: an item labelled otherwise states no task, so the heading stays the front.
    assert third.question == "Self Joins"
    assert third.answer.startswith("- **Note**:")
