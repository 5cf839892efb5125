"""`ankigen import article`: classes found on the session-11 real documents (#12).

Every document here is written for the test, on other topics than the real pages: topic
headings over bullet questions with a few numbered tasks at the end; question lines pasted
with no mark at all; prompts ("#### Explain …") among asking headings of a deeper level; the
last question answered under shallower headings; a title-cased label heading ending in a colon.
"""

from __future__ import annotations

from ankigen.tools.importers.article import Article, parse_article


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _fronts(text: str) -> list[str]:
    return [question.question for question in _parse(text).questions]


_TOPICS_OVER_BULLETS = """# Storage interview guide

## 1. Indexes
- What does a B-tree index speed up?
- Why can an index slow down writes?
- Sketch a covering index for a dashboard query

## 2. Replication
- What is replication lag?
- Have you failed over a primary? Walk through it.
- How do read replicas change consistency?

## Stretch tasks
1. Shard a table by tenant
2. Write a migration with no downtime
3. Zero-copy snapshots
"""


def test_topic_headings_over_bullets_give_every_bullet_and_the_tasks_after_them() -> None:
    fronts = _fronts(_TOPICS_OVER_BULLETS)
    assert fronts == [
        "What does a B-tree index speed up?",
        "Why can an index slow down writes?",
        "Sketch a covering index for a dashboard query",
        "What is replication lag?",
        "Have you failed over a primary? Walk through it.",
        "How do read replicas change consistency?",
        "Shard a table by tenant",
        "Write a migration with no downtime",
        "Zero-copy snapshots",
    ]


_BULLETS_WITH_FIELDS = """Format: Question / Type / Choices

- Question: Which command lists the running containers?
  - Type: single answer
  - Choices: docker ps; docker ls; docker run
- Question: Which flag maps a port?
  - Type: single answer
- Choices: -p; -v; -e
- Question: What does a volume keep?
  - Type: free text
"""


def test_a_field_bullet_at_the_margin_is_no_question_of_its_own() -> None:
    article = _parse(_BULLETS_WITH_FIELDS)
    # The choices join the front (round 35's quiz-template fields), the one at the margin too.
    assert [q.question for q in article.questions] == [
        "Which command lists the running containers? (docker ps; docker ls; docker run)",
        "Which flag maps a port? (-p; -v; -e)",
        "What does a volume keep?",
    ]
    assert article.questions[1].answer.startswith("TODO")


_PASTED_PAGE = """# Preparing for a forecasting interview

## Part 1 - Basics

1 - What is a time series?
\t•\tA sequence of values indexed by time.
\t•\tThe order of the values carries information.

2 - Explain stationarity in one sentence.
3- What does a lag plot show?
4- Describe seasonal differencing.
💡
Tip: practise explaining each idea without formulas.

Part 2 - Models
Forecasting roles expect a working knowledge of the classic models. This paragraph is
written across several lines, and how it continues here is no question at all; it
is prose that a page pasted with its line breaks.

Sample Questions

How do you choose the order of an ARIMA model?
Explain exponential smoothing.
What is a seasonal naive forecast?
Why is a walk-forward split used for validation?
"""


def test_question_lines_with_no_mark_are_each_a_question_without_an_answer() -> None:
    article = _parse(_PASTED_PAGE)
    fronts = [q.question for q in article.questions]
    assert fronts == [
        "What is a time series?",
        "Explain stationarity in one sentence.",
        "What does a lag plot show?",
        "Describe seasonal differencing.",
        "How do you choose the order of an ARIMA model?",
        "Explain exponential smoothing.",
        "What is a seasonal naive forecast?",
        "Why is a walk-forward split used for validation?",
    ]
    answers = {q.question: q.answer for q in article.questions}
    assert "A sequence of values indexed by time." in answers["What is a time series?"]
    # the tip and the prose of part 2 are no answer to the question above them
    assert "Tip" not in answers["Describe seasonal differencing."]
    assert "prose" not in answers["Describe seasonal differencing."]


_WRAPPED_PROSE = """# Notes on queues

## What is back-pressure?

A consumer that cannot keep up tells the producer to slow down. What happens next
depends on the system: is the producer blocked, are messages dropped, or
do they wait in a buffer? Each choice trades latency for loss.

## Why bound a queue?

An unbounded queue hides overload until memory runs out.
"""


def test_hard_wrapped_prose_with_questions_in_it_is_no_list_of_questions() -> None:
    assert _fronts(_WRAPPED_PROSE) == ["What is back-pressure?", "Why bound a queue?"]


_PROMPTS_AMONG_DEEPER_QUESTIONS = """# Clustering

### What does k-means minimise?
The sum of squared distances to the nearest centroid.

### Explain the elbow method.
Plot the loss against k and look for the bend.

### Why scale features before k-means?
Distances would be ruled by the feature with the largest range.

## Density methods

### Overview

#### How does DBSCAN define a core point?
One with at least minPts neighbours within eps.

#### Explain how DBSCAN labels noise.
Points reachable from no core point are noise.

#### Why is DBSCAN sensitive to eps?
Too small and everything is noise; too large and clusters merge.
"""


def test_a_prompt_heading_at_a_level_of_asking_headings_is_a_question() -> None:
    assert _fronts(_PROMPTS_AMONG_DEEPER_QUESTIONS) == [
        "What does k-means minimise?",
        "Explain the elbow method.",
        "Why scale features before k-means?",
        "How does DBSCAN define a core point?",
        "Explain how DBSCAN labels noise.",
        "Why is DBSCAN sensitive to eps?",
    ]


_PROMPT_SUBHEADING = """# Caching

### What is a write-through cache?

Every write goes to the cache and the store together.

#### Explain the trade-off here

Writes are slower, reads after a write are always fresh.

### What is cache stampede?

Many requests miss at once and all hit the store.
"""


def test_a_prompt_subheading_at_a_level_with_no_questions_stays_in_the_answer() -> None:
    article = _parse(_PROMPT_SUBHEADING)
    assert [q.question for q in article.questions] == [
        "What is a write-through cache?",
        "What is cache stampede?",
    ]
    assert "reads after a write are always fresh" in article.questions[0].answer


_LAST_ANSWER_UNDER_HEADINGS = """# Fine-tuning notes

#### What is a learning-rate warm-up?
The rate grows from near zero over the first steps.

#### [Question] What is an adapter layer?

### 1. **Where it sits**:
   - A small bottleneck layer inside each block.

### 2. **What is trained**:
   - Only the adapter weights; the base model stays frozen.

### Why It Is Cheap:
- The saved weights are a few megabytes per task.
"""


def test_the_last_question_answered_under_shallower_headings_keeps_its_answer() -> None:
    article = _parse(_LAST_ANSWER_UNDER_HEADINGS)
    assert [q.question for q in article.questions] == [
        "What is a learning-rate warm-up?",
        "What is an adapter layer?",
    ]
    answer = article.questions[1].answer
    assert "A small bottleneck layer inside each block." in answer
    assert "the base model stays frozen" in answer
    assert "a few megabytes per task" in answer


_COLON_HEADINGS = """# Vectors

## How to normalise a vector :
Divide it by its length.

## Key Points:
Unit vectors make dot products cosines.

## What is a dot product?
The sum of the products of matching entries.
"""


def test_a_colon_heading_that_asks_in_sentence_case_is_still_a_question() -> None:
    fronts = _fronts(_COLON_HEADINGS)
    assert fronts[0].startswith("How to normalise a vector")
    assert fronts[-1] == "What is a dot product?"
    assert not any(front.startswith("Key Points") for front in fronts)


_QUESTION_LABEL_HEADINGS = """# Platform interview

### Question: Feature stores

What is a feature store? How does it keep training and serving features the same?

### Question: Shadow deployment

What is a shadow deployment, and what does it let you measure?

## Wrap-up

Can you describe a rollout you led? Say what went wrong and what you changed.
"""


def test_a_question_labelled_heading_over_an_asking_paragraph_asks_the_paragraph() -> None:
    article = _parse(_QUESTION_LABEL_HEADINGS)
    assert [q.question for q in article.questions] == [
        "What is a feature store? How does it keep training and serving features the same?",
        "What is a shadow deployment, and what does it let you measure?",
    ]
    # the asking line under a section after the answers is reported, not dropped silently
    assert any("Can you describe a rollout you led?" in w for w in article.warnings)
    assert "rejected 1" in article.summary


_LABELLED_ANSWER_HEADINGS = """# Spark questions

## Question 1

**What does a shuffle move?**

### Answer

Rows between executors, grouped by key.

### 1. **Why it costs**:

Every row is written to disk and read over the network.

## Question 2

**What does caching keep?**

### Answer

A computed dataset in executor memory.
"""


def test_an_answer_heading_first_is_only_a_label_and_bold_headings_are_not_bolded_twice() -> None:
    article = _parse(_LABELLED_ANSWER_HEADINGS)
    first = article.questions[0]
    assert first.question == "What does a shuffle move?"
    assert first.answer.startswith("Rows between executors")
    assert "**1. Why it costs:**" in first.answer
    assert "****" not in first.answer and "** **" not in first.answer
