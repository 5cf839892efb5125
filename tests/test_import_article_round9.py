"""`ankigen import article`: shapes met on the fifth round of real documents (issue #12).

Every article here is written for the test and copies only the *layout* of a public page:
numbered prompts whose answers sit in "Show Answer" toggles (and unfilled items at the end of
the list), bulleted ``**Q: …**`` prompts, quiz headings with a second "Qn 01:" number and a
linked table of contents, spoken answers under a "Your Answer:" label, items with
``### Question`` / ``### Answer`` sub-headings under a metadata block, and a bulleted list of
emphasised questions (one wrapped onto a second line, some only naming a topic). Each
assertion fails if the importer drops, merges or mangles those questions again.
"""

from __future__ import annotations

from ankigen.tools.importers.article import Article, parse_article


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _fronts(article: Article) -> list[str]:
    return [draft.question for draft in article.questions]


# Numbered items, each answered in a toggle that only says "Show Answer"; two items are prompts
# that do not ask, and the list ends with a numbered item nobody filled in.
_TOGGLED_PROMPTS = """# Database drill

1. What does a foreign key refer to?

<details><summary> <b>Show Answer</b> </summary>

> The primary key of another table.

</details>

---

2. Write the statement that empties a table but keeps it.

<details><summary> <b>Show Answer</b> </summary>

>
```
truncate table orders;
```

</details>

---

3. Picture a ledger where each row repeats the branch address; name the anomaly an update may cause.

<details><summary><b>Show Answer</b></summary>

> An update anomaly: one copy changes and the others do not.

</details>

---

4.

<details><summary> <b>Show Answer</b> </summary>

>

</details>

---
"""


def test_a_numbered_prompt_answered_in_a_toggle_is_a_question_whatever_its_wording() -> None:
    article = _parse(_TOGGLED_PROMPTS)
    assert [draft.number for draft in article.questions] == [1, 2, 3]
    assert _fronts(article)[1] == "Write the statement that empties a table but keeps it."
    assert _fronts(article)[2].startswith("Picture a ledger")
    assert "truncate table orders;" in article.questions[1].answer
    assert "Picture a ledger" not in article.questions[1].answer


def test_an_unfilled_numbered_item_is_reported_not_appended_to_the_last_answer() -> None:
    article = _parse(_TOGGLED_PROMPTS)
    last = article.questions[-1].answer
    assert "4." not in last and "Show Answer" not in last
    assert any("'4.' rejected" in warning for warning in article.warnings)
    assert article.summary == "found 4 questions, imported 3, rejected 1"


# Bulleted prompts labelled "Q:" whose answers are nested "- *A:*" items.
_LABELLED_BULLETS = """# Platform notes

## Releases

*   **Q: Why pin the base image?**
    - *A:* So that a rebuild gives the same layers.
*   **Q: Explain canary releases.**
    - *A:* A small share of traffic goes to the new version first.
*   **Q: Describe a rollback "in one breath."**
    - *A:* Point the router back at the previous version.
"""


def test_a_bullet_labelled_q_is_a_question_whatever_its_last_mark() -> None:
    article = _parse(_LABELLED_BULLETS)
    assert _fronts(article) == [
        "Why pin the base image?",
        "Explain canary releases.",
        'Describe a rollback "in one breath."',
    ]
    assert article.questions[0].answer == "So that a rebuild gives the same layers."


# Quiz headings that carry a second number ("### 2. Qn 02: …"), a linked table of contents of
# those labels, toggles titled "View Answer & Explanation" and a "Go to TOC" link per answer.
_NUMBERED_QUIZ = """# Forecasting quiz

## Table of Contents
- [Qn 01: What does differencing remove from a series?](#1)
- [Qn 02: Which plot suggests the order of a moving-average term?](#2)

---

### 1. Qn 01: What does differencing remove from a series?
<details>
<summary><strong>View Answer & Explanation</strong></summary>

**Answer:** A trend.

**Explanation:** Subtracting each value from the next one cancels a steady drift.

[Go to TOC](#table-of-contents)

</details>

---
### 2. Qn 02: Which plot suggests the order of a moving-average term?
<details>
<summary><strong>View Answer & Explanation</strong></summary>

**Answer:** The autocorrelation plot.

[Go to TOC](#table-of-contents)

</details>
"""


def test_a_second_question_number_leaves_the_question_and_its_id() -> None:
    article = _parse(_NUMBERED_QUIZ)
    assert _fronts(article) == [
        "What does differencing remove from a series?",
        "Which plot suggests the order of a moving-average term?",
    ]
    # the id is made of the question: no "qn-01-" either
    assert [draft.name or draft.question for draft in article.questions] == _fronts(article)


def test_contents_entries_with_the_second_number_match_their_questions() -> None:
    article = _parse(_NUMBERED_QUIZ)
    assert article.summary == "found 2 questions, imported 2, rejected 0"
    assert not any("table-of-contents entry" in warning for warning in article.warnings)


def test_an_answer_toggle_title_with_two_nouns_and_toc_links_leave_the_answer() -> None:
    answer = _parse(_NUMBERED_QUIZ).questions[0].answer
    assert "View Answer" not in answer and "****" not in answer
    assert "Go to TOC" not in answer
    assert "Subtracting each value" in answer


# Spoken answers under a "Your Answer:" label.
_YOUR_ANSWER = """# Training interview

### **Scenario 1: Small GPU**
**Q: "What would you change to train on half the memory?"**

**Your Answer:**
"Smaller batches with gradient accumulation, and mixed precision."

### **Scenario 2: Slow epochs**
**Q: "Derive how many steps one epoch takes for 10,000 samples in batches of 50."**

**Your Answer:**
"10,000 / 50 = 200 steps."
"""


def test_a_your_answer_label_is_removed_and_a_labelled_prompt_is_a_question() -> None:
    article = _parse(_YOUR_ANSWER)
    assert _fronts(article) == [
        "What would you change to train on half the memory?",
        "Derive how many steps one epoch takes for 10,000 samples in batches of 50.",
    ]
    assert [draft.answer for draft in article.questions] == [
        '"Smaller batches with gradient accumulation, and mixed precision."',
        '"10,000 / 50 = 200 steps."',
    ]


# Items titled "## Question N: <topic>", with metadata, then "### Question" and "### Answer".
_LABELLED_PARTS = """# Week 4 - Ranking

 ## Question 1: Popularity baseline

 **Topic:** Concept
 **Difficulty:** Basic

 ### Question
 Why is a popularity ranking a useful first baseline?

 ### Answer

 It needs no user history and is hard to beat on head items.

 ---

 ## Question 2: Position bias

 **Topic:** Data
 **Difficulty:** Advanced

 ### Question
 Clicks favour the top slots. How do you correct for it when training?

 ### Answer

 - Weight clicks by the inverse of the slot's examination probability.
"""


def test_question_and_answer_subheadings_give_the_front_and_the_back() -> None:
    article = _parse(_LABELLED_PARTS)
    assert _fronts(article) == [
        "Why is a popularity ranking a useful first baseline?",
        "Clicks favour the top slots. How do you correct for it when training?",
    ]
    first, second = article.questions
    assert first.answer == "It needs no user history and is hard to beat on head items."
    assert second.answer.startswith("- Weight clicks")
    assert "difficulty::easy" in first.tags and "difficulty::hard" in second.tags
    assert [draft.name for draft in article.questions] == ["Popularity baseline", "Position bias"]


# A list of emphasised bullet questions, answered at the margin below each: one question is
# wrapped onto an indented second line, two bullets only name a topic.
_EMPHASISED_BULLETS = """Warehouse questions
-------------------

### Storage

-   *What is a surrogate key?*

A key made up by the warehouse, with no meaning in the source system.

-   *What is the difference between a star schema and a snowflake
    schema - with an example?*

A snowflake normalises the dimensions of a star into several tables.

- *Partition pruning*

Skipping the partitions whose range cannot hold matching rows.

-   *Why keep a staging area?*

To load and check raw data before it reaches the reporting tables.

- *Late-arriving facts*

Facts whose dimension row is not loaded yet: park them or use an unknown member.
"""


def test_a_wrapped_emphasised_bullet_question_is_one_question() -> None:
    fronts = _fronts(_parse(_EMPHASISED_BULLETS))
    assert (
        "What is the difference between a star schema and a snowflake schema - with an example?"
        in fronts
    )


def test_topic_bullets_among_emphasised_questions_are_notes_with_a_warning() -> None:
    article = _parse(_EMPHASISED_BULLETS)
    assert _fronts(article) == [
        "What is a surrogate key?",
        "What is the difference between a star schema and a snowflake schema - with an example?",
        "Partition pruning",
        "Why keep a staging area?",
        "Late-arriving facts",
    ]
    assert article.questions[1].answer.startswith("A snowflake normalises")
    assert "Partition pruning" not in article.questions[1].answer
    assert any("'Partition pruning' is a topic heading" in w for w in article.warnings)


# Answers set apart as block quotes, and a link back to the list under each answer.
_QUOTED_ANSWERS = """# Retrieval notes

<a name="q1"></a>
#### 1. What does a reranker add to retrieval?
> It rescores the first-stage hits with a slower, more exact model.
>
> ```python
> scores = reranker.predict(pairs)
> ```

<a href="https://example.org/retrieval-notes">Back To Questions</a>

<a name="q2"></a>
#### 2. Why chunk documents before embedding them?
> Long texts blur into one vector; chunks keep each passage findable.

[Back to questions](#retrieval-notes)
"""


def test_an_answer_that_is_one_block_quote_is_shown_as_plain_text() -> None:
    first, second = _parse(_QUOTED_ANSWERS).questions
    assert first.answer.startswith("It rescores the first-stage hits")
    assert "```python\nscores = reranker.predict(pairs)\n```" in first.answer
    assert not any(line.startswith(">") for line in first.answer.splitlines())
    assert second.answer == "Long texts blur into one vector; chunks keep each passage findable."


def test_a_link_back_to_the_questions_leaves_the_answer() -> None:
    answers = [draft.answer for draft in _parse(_QUOTED_ANSWERS).questions]
    assert not any(
        "Back To Questions" in answer or "Back to questions" in answer for answer in answers
    )


def test_a_quote_inside_an_answer_stays_a_quote() -> None:
    article = _parse(
        "# Notes\n\n### 1. Who said it?\n\nThe paper's abstract:\n\n> Attention is all you need.\n"
    )
    assert article.questions[0].answer == "The paper's abstract:\n\n> Attention is all you need."
