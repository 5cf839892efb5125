"""`ankigen import article`: classes found on the session-21 real documents.

Every document here is written for the test, on other topics than the real pages: a lesson
page whose quiz questions sit in blockquotes with the answer toggle quoted too ("> **Q1: …?**"
/ "> <details>" / "> <summary>Show Answer</summary>"), closing with a "Test Your
Understanding" section after numbered teaching headings; numbered question headings whose
answers are divided by sub-headings, one of which asks ("### How is it computed?" among
"### Pitfalls" and "### Example"); the MathJax relations ``\\lt`` and ``\\gt``.
"""

from __future__ import annotations

from ankigen.render.mathjax_safety import unsafe_commands
from tests.article_helpers import article_answers, article_fronts

# --- a quiz set in blockquotes, at the end of a lesson page ---------------------------------

_LESSON_WITH_QUOTED_QUIZ = """---
sidebar_position: 3
title: "Caching"
---

# Module 3: Caching

This module covers where a cache sits and how it goes stale.

## Where caches live

| Layer | Example |
|---|---|
| Browser | HTTP cache |
| Server | Redis |

> **Analogy**: a cache is the notebook on your desk; the database is the library.

### Quiz: cache placement

> **Q: A page shows an old avatar for an hour after the upload. Which layer is to blame?**
>
> <details>
> <summary>Show Answer</summary>
>
> **The browser's HTTP cache**: the image URL did not change, so the old copy stays fresh.
> </details>

---

## Core ideas

### 1. Time to live

Every entry expires after a fixed time.

```python
cache.set("user:1", profile, ttl=3600)
```

### 2. Invalidation

Delete the entry when the source row changes.

:::tip Write-through
Writing to the cache and the database together keeps them equal.
:::

## Test Your Understanding

---

> **Q1: Two servers cache a row and one updates it. What stops the other serving it stale?**
>
> <details>
> <summary>Show Answer</summary>
>
> **Invalidation on write**: the update deletes the key everywhere, or a short TTL bounds it.
> </details>

---

> **Q2: Why does a cache with no TTL grow until it is evicted by memory pressure?**
>
> <details>
> <summary>Show Answer</summary>
>
> Nothing ever removes an entry, so only the eviction policy frees room.
> </details>

## Next Steps

Continue with the hands-on lab.
"""


def test_quiz_questions_quoted_with_their_toggle_are_the_questions() -> None:
    assert article_fronts(_LESSON_WITH_QUOTED_QUIZ) == [
        "A page shows an old avatar for an hour after the upload. Which layer is to blame?",
        "Two servers cache a row and one updates it. What stops the other serving it stale?",
        "Why does a cache with no TTL grow until it is evicted by memory pressure?",
    ]


def test_the_quoted_answer_is_the_back_without_quote_markers() -> None:
    answers = article_answers(_LESSON_WITH_QUOTED_QUIZ)
    assert answers[0].startswith("**The browser's HTTP cache**")
    assert ">" not in answers[0].replace("</", "")
    assert "Continue with the hands-on lab" not in answers[2]


def test_the_teaching_sections_of_the_lesson_are_no_notes() -> None:
    answers = " ".join(article_answers(_LESSON_WITH_QUOTED_QUIZ))
    assert "Every entry expires" not in answers
    assert "notebook on your desk" not in answers


def test_a_quoted_answer_with_code_keeps_its_fence() -> None:
    text = """# Python quiz

> **Q1: How do you reverse a list in place?**
>
> <details>
> <summary>Show Answer</summary>
>
> ```python
> # in place, returns None
> items.reverse()
> ```
> </details>

> **Q2: What does `sorted` return?**
>
> <details>
> <summary>Show Answer</summary>
>
> A new list; the argument is left as it was.
> </details>
"""
    assert article_fronts(text) == [
        "How do you reverse a list in place?",
        "What does `sorted` return?",
    ]
    assert "```python\n# in place, returns None\nitems.reverse()\n```" in article_answers(text)[0]


def test_a_quotation_without_an_answer_toggle_stays_a_quotation() -> None:
    # Near miss: a quoted question with no toggle under it is a quotation inside an answer.
    text = """# Networking questions

## 1. What does a load balancer do?

It spreads requests over servers.

> **Q: But what if one server is slow?** Health checks take it out of the pool.

## 2. What is a CDN?

A network of caches close to the users.
"""
    assert article_fronts(text) == ["What does a load balancer do?", "What is a CDN?"]
    assert "Health checks" in article_answers(text)[0]


def test_a_quoted_toggle_that_is_no_answer_keeps_its_quote() -> None:
    # Near miss: the toggle under the quote is titled "Details", not an answer label.
    text = """# Networking questions

## 1. What does a load balancer do?

It spreads requests over servers.

> **Q: What about sticky sessions?**
>
> <details>
> <summary>Details</summary>
>
> They pin a user to one server.
> </details>

## 2. What is a CDN?

A network of caches close to the users.
"""
    assert article_fronts(text) == ["What does a load balancer do?", "What is a CDN?"]


# --- numbered question headings whose answers have sub-headings ----------------------------

_NUMBERED_WITH_PARTS = """# Statistics interview questions

## 1. What is a _standard error_?

The spread of an estimate over repeated samples.

### How is it computed?

Divide the sample standard deviation by the square root of the sample size.

### Pitfalls

- It shrinks with the sample size, the standard deviation does not.

### Example

A sample of 100 with deviation 5 has a standard error of 0.5.

## 2. Define _statistical power_.

The chance that a test detects a real effect.

### Why Power Matters

It sets the sample size of an experiment.

## 3. What does a _z-score_ measure?

How many standard deviations a value lies from the mean.
"""


def test_an_asking_sub_heading_among_parts_of_a_numbered_answer_is_part_of_it() -> None:
    assert article_fronts(_NUMBERED_WITH_PARTS) == [
        "What is a _standard error_?",
        "Define _statistical power_.",
        "What does a _z-score_ measure?",
    ]
    answer = article_answers(_NUMBERED_WITH_PARTS)[0]
    assert "square root of the sample size" in answer
    assert "standard error of 0.5" in answer


def test_asking_sub_headings_under_unnumbered_topics_stay_questions() -> None:
    # Near miss: "## Sampling" only names a topic; its asking sub-headings are the questions.
    text = """# Statistics notes

## Sampling

### What is a stratified sample?

A sample drawn from each subgroup in proportion.

### Pitfalls

Small strata give noisy estimates.

### What is a cluster sample?

Whole groups are drawn at random.
"""
    fronts = article_fronts(text)
    assert "What is a stratified sample?" in fronts
    assert "What is a cluster sample?" in fronts


# --- MathJax relations ----------------------------------------------------------------------


def test_the_mathjax_relations_lt_and_gt_are_plain_math() -> None:
    assert unsafe_commands(r"P\left(\frac{\bar{X} - \mu_0}{s/\sqrt{n}} \gt z\right)") == []
    assert unsafe_commands(r"a \lt b") == []
    assert unsafe_commands(r"\href{https://example.com}{x} \gt 0") == ["href"]
