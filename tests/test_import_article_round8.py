"""`ankigen import article`: shapes met on the fourth round of real documents (issue #12).

Every article here is written for the test and copies only the *layout* of a public page:
questions in admonition titles and colon-fenced directives, numbered quiz toggles with a
category, answers wrapped in ``<div>`` lines around Markdown, setext section headings, a
bulleted question wrapped onto a second line, and numbered topic headings over bulleted
questions. Each assertion fails if the importer drops, merges or mangles those questions again.
"""

from __future__ import annotations

from ankigen.tools.importers.article import Article, parse_article


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _fronts(article: Article) -> list[str]:
    return [draft.question for draft in article.questions]


# MkDocs "question" admonitions: a title that prompts ("Prove …", "Explain ….") asks too.
_QUESTION_ADMONITIONS = """# Optimisation notes

## Basics

??? question "Show that the squared loss is convex in the weights."

    Its Hessian is a Gram matrix, which is positive semi-definite.

??? question "Why does momentum help on ravines?"
    - It averages the gradient across steps.
    - The zig-zag parts cancel out.

??? question "Explain weight decay in one sentence."

    It shrinks every weight a little at each step.
"""


def test_every_question_admonition_is_a_question_whatever_its_last_mark() -> None:
    article = _parse(_QUESTION_ADMONITIONS)
    assert _fronts(article) == [
        "Show that the squared loss is convex in the weights.",
        "Why does momentum help on ravines?",
        "Explain weight decay in one sentence.",
    ]


def test_a_question_admonition_leaves_no_line_break_in_its_answer() -> None:
    answers = [draft.answer for draft in _parse(_QUESTION_ADMONITIONS).questions]
    assert answers[1].startswith("- It averages the gradient")
    assert all(not answer.startswith("\\") for answer in answers)


# Docusaurus / MyST colon fences: the question in a note's title, the answer in a toggle.
_COLON_DIRECTIVES = """---
title: Retrieval questions
---

# Retrieval

<details>
<summary>Indexing</summary>

::::info
:::note[Question: Describe what an inverted index maps.]{.question-card}
:::

<details>
<summary>Answer</summary>

:::tip
Each term to the list of documents that contain it.
:::

</details>

:::note[Question: When would you pick BM25 over dense vectors?]{.question-card}
:::

<details>
<summary>Answer</summary>

:::tip
- Exact keywords matter more than paraphrases.
- There is no labelled data to train an encoder.
:::

</details>

::::

</details>
"""


def test_colon_fenced_question_notes_are_questions_with_clean_answers() -> None:
    article = _parse(_COLON_DIRECTIVES)
    assert _fronts(article) == [
        "Describe what an inverted index maps.",
        "When would you pick BM25 over dense vectors?",
    ]
    first, second = (draft.answer for draft in article.questions)
    assert first == "Each term to the list of documents that contain it."
    assert second.splitlines()[0] == "- Exact keywords matter more than paraphrases."
    for answer in (first, second):
        assert ":::" not in answer and "<" not in answer and "Answer" not in answer


# A quiz of <details> toggles numbered in a bold span with a category in brackets.
_NUMBERED_QUIZ = """# Forecasting quiz

<details>
<summary><strong>Q1 (Concepts):</strong> What does a seasonal naive forecast predict?</summary>

The value seen one season earlier.
</details>

<details>
<summary><strong>Q2 (Concepts):</strong> Explain why a random split leaks future data.</summary>

Training rows then come from after some test rows.
</details>

<details>
<summary><strong>Q3 (Maths):</strong> Derive the one-step forecast of a random walk.</summary>

It is the last observed value.
</details>
"""


def test_numbered_quiz_toggles_lose_number_and_category_and_none_is_dropped() -> None:
    article = _parse(_NUMBERED_QUIZ)
    assert _fronts(article) == [
        "What does a seasonal naive forecast predict?",
        "Explain why a random split leaks future data.",
        "Derive the one-step forecast of a random walk.",
    ]
    assert [draft.number for draft in article.questions] == [1, 2, 3]
    assert article.summary.startswith("found 3 questions, imported 3")


# An answer inside <div> lines whose content is Markdown (blank lines between its blocks).
_DIV_WRAPPED_ANSWER = """# Queues

### Q1: What does a dead-letter queue hold?

<div class="answer">
<strong>Answer:</strong> Messages that failed too often to be processed.

1. **Poison messages:** payloads the consumer cannot parse
2. **Expired messages:** ones that waited past their time to live

Inspect them before replaying them.

<div class="warning">
<strong>Watch out:</strong> replaying blindly repeats the failure.
</div>
</div>

### Q2: What is back-pressure?

Slowing producers down when consumers fall behind.
"""


def test_div_lines_around_markdown_keep_its_blank_lines_and_lose_the_answer_label() -> None:
    answer = _parse(_DIV_WRAPPED_ANSWER).questions[0].answer
    assert answer.splitlines()[0] == "Messages that failed too often to be processed."
    # The paragraph after the list stays a paragraph (not a lazy line of item 2).
    assert "time to live\n\nInspect them" in answer
    assert "**Watch out:** replaying blindly repeats the failure." in answer
    assert "<" not in answer and "Answer:" not in answer


# Setext section headings over bulleted questions, one question wrapped onto a second line.
_SETEXT_BULLETS = """Sampling questions
==================

Surveys
-------

* What is a stratified sample?

    * One drawn separately from each subgroup, in proportion.

* You interview 40 people in each of 6 towns of very different sizes. Given the
answers, how would you weight them?

Experiments
-----------

* Why randomise the assignment to groups?

    * So that nothing but chance decides who gets the treatment.

* What would be a good metric for a feature that changes how often people interac-
tion with friends? And for a search box?
"""


def test_setext_headings_are_sections_and_never_part_of_an_answer() -> None:
    article = _parse(_SETEXT_BULLETS)
    assert len(article.questions) == 4
    tags = [draft.tags for draft in article.questions]
    assert tags == [("topic::surveys",)] * 2 + [("topic::experiments",)] * 2
    assert all("Experiments" not in draft.answer for draft in article.questions)


def test_a_question_wrapped_onto_an_unindented_line_is_one_question() -> None:
    fronts = _fronts(_parse(_SETEXT_BULLETS))
    assert fronts[1] == (
        "You interview 40 people in each of 6 towns of very different sizes. Given the "
        "answers, how would you weight them?"
    )
    # "interac-" / "tion": the hyphen of a word broken across the lines goes.
    assert "people interaction with friends? And for a search box?" in fronts[3]


def test_a_paragraph_over_a_dash_rule_is_not_a_heading() -> None:
    text = (
        "# Notes\n\n## What is a rule?\n\nA line that separates two parts.\n---\n\n"
        "## What is a heading?\n\nA title over a part.\n"
    )
    answer = _parse(text).questions[0].answer
    assert answer.startswith("A line that separates two parts.")


# Numbered topic headings, each over a list of questions that the page does not answer.
_TOPICS_OVER_BULLET_QUESTIONS = """# Vector search interview questions

Use the list to quiz yourself.

## 1. Indexes
- What is an HNSW graph?
- How does IVF partition the vectors?
- Compare flat and approximate indexes.

## 2. Similarity
- Why normalise vectors before a dot product?
- When is cosine similarity misleading?
"""


def test_numbered_topic_headings_over_bullet_questions_give_one_note_per_bullet() -> None:
    article = _parse(_TOPICS_OVER_BULLET_QUESTIONS)
    assert _fronts(article) == [
        "What is an HNSW graph?",
        "How does IVF partition the vectors?",
        "Compare flat and approximate indexes.",
        "Why normalise vectors before a dot product?",
        "When is cosine similarity misleading?",
    ]
    assert [draft.tags for draft in article.questions] == [("topic::indexes",)] * 3 + [
        ("topic::similarity",)
    ] * 2
    assert all(draft.answer.startswith("TODO:") for draft in article.questions)


def test_numbered_headings_that_ask_keep_their_bulleted_answers() -> None:
    text = (
        "# Retrieval\n\n## 1. What is recall at k?\n- the share of relevant items in the top k\n"
        "- Why does it ignore order?\n\n## 2. What is MRR?\n- the mean reciprocal rank\n"
    )
    article = _parse(text)
    assert _fronts(article) == ["What is recall at k?", "What is MRR?"]
    assert "Why does it ignore order?" in article.questions[0].answer


# Labelled pairs kept in block quotations, as requirement pages record clarifications, and a
# section beside theirs after the last pair.
_QUOTED_PAIRS = """# Story 7: export a report

## 1. Requirements

### 1.1 Clarifications

> **Date:** 3 May
>
> **Question:** May a user export another team's report?
>
> **Answer:** Only with read access to it.
>
> **Question:** Which formats are needed?
>
> **Answer:** CSV and PDF.
>
> **Asked at:** 10:15

> **Question:** Is there a size limit?
>
> **Answer:** Ten thousand rows.

### 1.2 Acceptance criteria

* The export starts within two seconds.
"""


def test_quoted_question_answer_pairs_are_questions() -> None:
    article = _parse(_QUOTED_PAIRS)
    assert _fronts(article) == [
        "May a user export another team's report?",
        "Which formats are needed?",
        "Is there a size limit?",
    ]
    assert [draft.answer for draft in article.questions] == [
        "Only with read access to it.",
        "CSV and PDF.",
        "Ten thousand rows.",
    ]


def test_a_heading_beside_the_questions_section_ends_the_last_answer_and_is_reported() -> None:
    article = _parse(_QUOTED_PAIRS)
    assert "Acceptance" not in article.questions[-1].answer
    assert any(
        "'### 1.2 Acceptance criteria' rejected: a section heading that ends the answer" in w
        for w in article.warnings
    )


def test_a_deeper_heading_inside_an_answer_stays_in_it() -> None:
    text = (
        "# Caching\n\n## Questions\n\n**What is a cache stampede?**\n\nMany misses at once.\n\n"
        "### Example\n\nA popular key expires.\n\n**How do you prevent it?**\n\nLock the rebuild.\n"
    )
    article = _parse(text)
    assert _fronts(article) == ["What is a cache stampede?", "How do you prevent it?"]
    assert "A popular key expires." in article.questions[0].answer


# A study page that ends with a question/answer table next to tables of other kinds.
_QUESTION_TABLE = """## Message queues

Notes on delivery guarantees.

## Review

| Q | A | Done? |
|---|---|---|
| What does at-least-once delivery risk? | Duplicates, so consumers must be idempotent | ☐ |
| Why acknowledge after processing? | A crash before the ack makes the broker resend | ☐ |

## Terms

| Term | Meaning |
|---|---|
| ack | the consumer's receipt |
"""


def test_rows_of_a_question_answer_table_are_questions_and_other_tables_are_not() -> None:
    article = _parse(_QUESTION_TABLE)
    assert _fronts(article) == [
        "What does at-least-once delivery risk?",
        "Why acknowledge after processing?",
    ]
    assert [draft.answer for draft in article.questions] == [
        "Duplicates, so consumers must be idempotent",
        "A crash before the ack makes the broker resend",
    ]
