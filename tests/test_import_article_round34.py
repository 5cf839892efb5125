# ruff: noqa: RUF001  (the Chinese examples use full-width punctuation)
"""`ankigen import article`: classes found on the session-28 real documents (round 34).

Every document here is written for the test, on other topics than the real pages: an answer
key of explanations far below its questions, an unnumbered question after numbered ones,
titled problems whose statement is the question, placeholder answers in other languages.
"""

from __future__ import annotations

import json
from pathlib import Path

from ankigen.tools.importers.article import import_article
from tests.article_helpers import (
    article_answers,
    article_fronts,
    import_into_drills,
    parse_markdown_article,
)

# --- a key of explanations, far below the questions --------------------------------------------

_REVIEW_WITH_KEY = """# Compilers: review

## Further reading

1.  **Topic: Register allocation**
    *   Read about graph colouring.

2.  **Topic: SSA form**
    *   Read about phi nodes.

## Review questions

**Recall**
1.  What does a lexer produce?
2.  Why does a parser need a grammar?

**Analysis**
3.  How does constant folding shorten a program?
4.  When can dead code be removed safely?

***

### Answer Key & Explanations

**1. Lexer output:**
A stream of tokens, each a kind and the text it was read from.

**2. Grammar:**
*   **Structure:** the grammar says which token orders form a program.
*   **Errors:** a token that fits no rule is a syntax error.

**3. Constant folding:**
It computes expressions whose operands are known at compile time, so the program does
not compute them at run time.

**4. Dead code:**
When nothing reachable reads what it writes and it has no side effect.
"""


def test_a_key_of_explanations_answers_the_numbered_questions_above_it(tmp_path: Path) -> None:
    assert article_fronts(_REVIEW_WITH_KEY) == [
        "What does a lexer produce?",
        "Why does a parser need a grammar?",
        "How does constant folding shorten a program?",
        "When can dead code be removed safely?",
    ]
    answers = article_answers(_REVIEW_WITH_KEY)
    assert answers[0] == "A stream of tokens, each a kind and the text it was read from."
    assert answers[1].startswith("*   **Structure:** the grammar says")
    assert answers[1].endswith("is a syntax error.")
    assert answers[2] == (
        "It computes expressions whose operands are known at compile time, so the program does\n"
        "not compute them at run time."
    )
    # The group label under a question is the next group's title, not that question's answer.
    assert "Analysis" not in answers[1]
    _, reported = import_into_drills(tmp_path, "compilers.md", _REVIEW_WITH_KEY)
    assert not any("has no answer" in line for line in reported), reported


_SHORT_KEY = """# Sorting quiz

1. Which sort is stable: quicksort or merge sort?
2. Which sort needs no extra memory: heapsort or merge sort?
3. Which sort is fastest on nearly sorted input: insertion sort or heapsort?

## Answers

**1. Merge sort**

**2. Heapsort**

**3. Insertion sort**
"""


def test_a_bold_key_entry_alone_is_the_answer() -> None:
    assert article_answers(_SHORT_KEY) == ["Merge sort", "Heapsort", "Insertion sort"]


_BOLD_QUESTIONS_NO_KEY = """# Networking

## Questions

**1. What is a subnet?**

A range of addresses that share a prefix.

**2. What is a gateway?**

The router a host sends to when the address is not local.

**3. What is NAT?**

Rewriting addresses at a border so private hosts share one public address.

## Answers

Every answer above is from the course notes.
"""


def test_numbered_bold_questions_under_no_key_stay_questions() -> None:
    assert article_fronts(_BOLD_QUESTIONS_NO_KEY) == [
        "What is a subnet?",
        "What is a gateway?",
        "What is NAT?",
    ]


# --- a question that asks in its first sentence and goes on without a mark ----------------------

_NUMBERED_THEN_PLAIN = """# Strutture dati

## Basi

### SD-001 - Che cos'è una pila?

Una lista in cui si toglie per primo l'ultimo elemento inserito.

### SD-002 - Che cos'è una coda?

Una lista in cui si toglie per primo il primo elemento inserito.

---

## Alberi

### Un albero binario di ricerca è sempre bilanciato? Spiega con un esempio

No: inserendo chiavi già ordinate diventa una catena.

### Heaps? See the next chapter

(A pointer, not a question.)
"""


def test_an_unnumbered_question_asking_in_its_first_sentence_is_imported(
    tmp_path: Path,
) -> None:
    fronts = article_fronts(_NUMBERED_THEN_PLAIN)
    assert fronts[2] == "Un albero binario di ricerca è sempre bilanciato? Spiega con un esempio"
    assert article_answers(_NUMBERED_THEN_PLAIN)[2] == (
        "No: inserendo chiavi già ordinate diventa una catena."
    )
    _, reported = import_into_drills(tmp_path, "strutture.md", _NUMBERED_THEN_PLAIN)
    # One word before the mark asks nothing: a topic heading among the questions.
    topics = [line for line in reported if "is a topic heading among the questions" in line]
    assert len(topics) == 1 and "'Heaps? See the next chapter'" in topics[0], reported


# --- a titled problem: its statement is the question -------------------------------------------

_TITLED_PROBLEMS = """# Grid drills

### Count Islands
Given a grid of land and water cells, count the groups of land cells that touch side by side.

```python
def islands(grid):
    return 0
```

### Fewest Hops
Write a function that returns the fewest edges on a path between two nodes.

```python
def hops(graph, a, b):
    return -1
```

### Background
Grids are graphs whose nodes are cells and whose edges join neighbours.

```python
neighbours = [(0, 1), (1, 0), (0, -1), (-1, 0)]
```

### !!!
"""


def test_a_problem_title_over_its_statement_gives_both_on_the_front(tmp_path: Path) -> None:
    fronts = article_fronts(_TITLED_PROBLEMS)
    assert fronts[:2] == [
        "Count Islands: Given a grid of land and water cells, count the groups of land cells "
        "that touch side by side.",
        "Fewest Hops: Write a function that returns the fewest edges on a path between two nodes.",
    ]
    answers = article_answers(_TITLED_PROBLEMS)
    assert answers[0].startswith("```python\ndef islands(grid):")
    # A paragraph that sets no task stays on the back under its bare title.
    assert fronts[2] == "Background"
    assert answers[2].startswith("Grids are graphs")
    deck, reported = import_into_drills(tmp_path, "grids.md", _TITLED_PROBLEMS)
    # The ids still come from the titles alone.
    assert sorted(path.name for path in deck.glob("*.md")) == [
        "background.md",
        "count-islands.md",
        "fewest-hops.md",
    ]
    # A heading with no words and nothing under it is reported, not a TODO note.
    assert any("'!!!' rejected: a heading with no words" in line for line in reported), reported


# --- a placeholder answer in another language -------------------------------------------------

_PLACEHOLDERS = """# 数据库

#### **什么是事务？**

_一组要么全部成功、要么全部失败的操作。_

#### **为什么需要索引？**

_暂无答案_

#### **什么是死锁？**

待补充。

#### **¿Qué es una vista?**

*Por completar*

#### **什么是范式？暂无统一定义吗？**

_暂无统一的说法，常见的是第一到第三范式。_
"""


def test_a_placeholder_answer_in_another_language_becomes_the_todo_answer() -> None:
    article = parse_markdown_article(_PLACEHOLDERS)
    answers = [question.answer for question in article.questions]
    assert answers[0] == "_一组要么全部成功、要么全部失败的操作。_"
    assert all(answer.startswith("TODO") for answer in answers[1:4]), answers
    for number in (2, 3, 4):
        assert f"question {number} has only a placeholder answer: the note says TODO" in (
            article.warnings
        )
    # A real answer that opens with the same words is an answer.
    assert answers[4] == "_暂无统一的说法，常见的是第一到第三范式。_"


# --- numbered section headings of a page whose questions are list items ------------------------

_STUDY_PAGE = """## 11. Flashcards

1. **Q:** What does a mutex guard? **A:** A critical section.
2. **Q:** What does a semaphore count? **A:** Free permits.
3. **Q:** Can a mutex be released by another thread? **A:** No, only by its owner.

## 4. Worker Scenario

A job queue is read by four workers.

Describe how to stop two workers from taking the same job.

**Expected answer:** Each worker claims a job with an atomic compare-and-set on its state.

## 5. Quiz

1. What is a race condition?
2. What is a deadlock?
3. What is starvation?

### Answers

1. Two threads touch shared data and the result depends on their timing.
2. Threads wait on each other forever.
3. A thread never gets the resource it waits for.

## 6. Summary

Locks order access; atomics avoid locks for single words.
"""


def test_numbered_section_headings_title_parts_of_the_page(tmp_path: Path) -> None:
    fronts = article_fronts(_STUDY_PAGE)
    assert fronts == [
        "What does a mutex guard?",
        "What does a semaphore count?",
        "Can a mutex be released by another thread?",
        "Worker Scenario: A job queue is read by four workers. Describe how to stop two workers "
        "from taking the same job.",
        "What is a race condition?",
        "What is a deadlock?",
        "What is starvation?",
    ]
    answers = article_answers(_STUDY_PAGE)
    assert answers[3] == "Each worker claims a job with an atomic compare-and-set on its state."
    assert answers[4] == (
        "**Answer:** Two threads touch shared data and the result depends on their timing."
    )
    _, reported = import_into_drills(tmp_path, "locks.md", _STUDY_PAGE)
    assert any("'Quiz' rejected: a numbered section heading over" in line for line in reported)
    # The page's closing prose is no note either.
    assert any("'## 6. Summary' rejected" in line for line in reported), reported


_NUMBERED_QUESTION_HEADINGS = """# Locks

## 1. Mutex

A lock with an owner.

## 2. Semaphore

A counter of permits.

## 3. What is a spinlock?

A lock that busy-waits.
"""


def test_numbered_topic_headings_of_a_heading_page_stay_notes() -> None:
    assert article_fronts(_NUMBERED_QUESTION_HEADINGS) == [
        "Mutex",
        "Semaphore",
        "What is a spinlock?",
    ]


# --- exercises labelled by number among flashcards of another shape ----------------------------

_CARDS_AND_EXERCISES = """# Hashing

## Cards

1. **Q:** What does a hash function map? **A:** Keys to bucket numbers.
2. **Q:** What is a collision? **A:** Two keys in one bucket.
3. **Q:** What is the load factor? **A:** Entries divided by buckets.

## Exercises

### Exercise 1

A table has 8 buckets and holds 6 entries. What is its load factor?

**Answer:** 0.75.

### Exercise 2

Why does doubling the buckets keep inserts cheap on average?

**Expected:** each entry moves once per doubling, so the cost per insert stays constant.

## Open problems

Which hash function suits keys chosen by an attacker?
"""


def test_a_numbered_exercise_among_flashcards_is_a_question(tmp_path: Path) -> None:
    fronts = article_fronts(_CARDS_AND_EXERCISES)
    assert fronts[3:] == [
        "A table has 8 buckets and holds 6 entries. What is its load factor?",
        "Why does doubling the buckets keep inserts cheap on average?",
    ]
    assert article_answers(_CARDS_AND_EXERCISES)[3] == "0.75."
    deck, reported = import_into_drills(tmp_path, "hashing.md", _CARDS_AND_EXERCISES)
    notes = {path.read_text(encoding="utf-8") for path in deck.glob("*.md")}
    assert any("source: {doc: hashing, question: 1}" in note and "0.75" in note for note in notes)
    # A question under a heading that labels no exercise is still reported, not imported.
    assert any(
        "'Which hash function suits keys chosen by an attacker?' rejected: asks a question" in line
        for line in reported
    ), reported


# --- a notebook's explanation cells before a question explain that question ---------------------


def _notebook(*cells: dict[str, object]) -> str:
    return json.dumps(
        {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


def _markdown(*source: str) -> dict[str, object]:
    return {"cell_type": "markdown", "metadata": {}, "source": list(source)}


def _code(*source: str) -> dict[str, object]:
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "outputs": [],
        "source": list(source),
    }


_EXPLAINED_NOTEBOOK = _notebook(
    _markdown("Warm-up drills on strings."),
    _code("# Question 1: Reverse a string.\n", "print('abc'[::-1])"),
    _markdown("Anagrams\n", "\n", "Two words are anagrams when they use the same letters."),
    _code(
        "# Question 2: Check whether two words are anagrams.\n",
        "print(sorted('ab') == sorted('ba'))",
    ),
    _markdown("## Numbers"),
    _code("# Question 3: Sum the digits of 451.\n", "print(4 + 5 + 1)"),
)


def test_an_explanation_cell_before_a_question_goes_with_that_question(tmp_path: Path) -> None:
    source = tmp_path / "drills.ipynb"
    source.write_text(_EXPLAINED_NOTEBOOK, encoding="utf-8")
    deck = tmp_path / "content" / "drills"
    import_article(source, deck, False)
    notes = {path.stem: path.read_text(encoding="utf-8") for path in deck.glob("*.md")}
    first = next(text for text in notes.values() if "Reverse a string" in text)
    second = next(text for text in notes.values() if "anagrams?" in text or "anagrams." in text)
    assert "same letters" not in first
    assert second.index("same letters") < second.index("sorted('ab')")
    # A heading cell between questions is a section of the notebook, not an explanation.
    third = next(text for text in notes.values() if "Sum the digits" in text)
    assert "topic::numbers" in third
