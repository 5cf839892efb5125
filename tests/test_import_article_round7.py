"""`ankigen import article`: sub-numbered questions and label headings inside answers.

The articles are written for the test; they copy only the *layout* of public interview pages.
Each assertion fails if the numbering check misreads "3.1" as a jump in the section numbers, or
if a label heading ("Insight", "Code Example: …") turns into a card of its own again.
"""

from __future__ import annotations

from ankigen.tools.importers.article import Article, parse_article
from ankigen.tools.importers.article_continuations import is_continuation_label


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _jumps(article: Article) -> list[str]:
    # Session 25: a gap with nothing question-like between its two questions is the document's
    # own (no candidate was dropped), so it is a line of the summary, not a warning.
    assert not [warning for warning in article.warnings if "numbering jumps" in warning]
    return [line for line in article.skipped_numbers if "numbering jumps" in line]


# Section questions numbered 2, 3, 4 with a follow-up numbered 3.1 under question 3.
_SECTIONS_WITH_FOLLOW_UPS = """# Streams

## 2 What is a topic?

A named log that producers append to.

## 3 What is a partition?

A slice of a topic kept in order.

### 3.1 Why partition a topic at all?

So that several consumers can read it side by side.

## 4 What is an offset?

The position of a record inside its partition.

### 4.1 Who stores the offsets?

The broker, per consumer group.

### 4.2 When is an offset committed?

After the consumer has handled the record.
"""


def test_a_follow_up_number_does_not_break_the_section_numbering() -> None:
    article = _parse(_SECTIONS_WITH_FOLLOW_UPS)
    assert len(article.questions) == 6
    assert _jumps(article) == []


def test_a_gap_inside_one_section_names_the_full_sub_number() -> None:
    text = _SECTIONS_WITH_FOLLOW_UPS.replace("### 4.2 When", "### 4.4 When")
    jumps = _jumps(_parse(text))
    assert len(jumps) == 1
    assert "jumps from 4.1 to 4.4: the document skips 4.2-4.3" in jumps[0]


def test_a_gap_in_the_section_numbers_is_still_reported_across_follow_ups() -> None:
    text = _SECTIONS_WITH_FOLLOW_UPS.replace("## 4 What is an offset?", "## 6 What is an offset?")
    jumps = _jumps(_parse(text))
    assert len(jumps) == 1
    assert "jumps from 3 to 6: the document skips 4-5" in jumps[0]


# Questions with label headings at their own level right after their answers.
_LABELS_AFTER_ANSWERS = """# Tokens

## What is a token?

A piece of text the model reads as one unit.

## Code Example: splitting words

```python
print("a b".split())
```

## Insight:

Smaller pieces mean a larger sequence.

## Why limit the vocabulary?

A large table of embeddings costs memory.

## With subwords

Rare words break into known pieces.

## GPT vs BERT

One reads left to right, the other both ways.
"""


def test_label_headings_stay_in_the_answer_above() -> None:
    article = _parse(_LABELS_AFTER_ANSWERS)
    fronts = [draft.question for draft in article.questions]
    assert fronts == ["What is a token?", "Why limit the vocabulary?", "GPT vs BERT"]
    first = article.questions[0].answer
    assert "**Code Example: splitting words**" in first
    assert 'print("a b".split())' in first and "```python" in first
    assert "Smaller pieces mean a larger sequence." in first
    assert "Rare words break into known pieces." in article.questions[1].answer
    kept = [warning for warning in article.warnings if "kept as part of that answer" in warning]
    assert [warning.split(":")[0] for warning in kept] == ["line 7", "line 13", "line 21"]
    assert article.summary == "found 3 questions, imported 3, rejected 0"


def test_a_subject_heading_is_still_a_note_of_its_own() -> None:
    article = _parse(_LABELS_AFTER_ANSWERS)
    comparison = article.questions[-1]
    assert comparison.answer.startswith("One reads left to right")
    assert any("'GPT vs BERT' is a topic heading" in warning for warning in article.warnings)


def test_a_label_after_a_section_heading_is_not_folded_into_the_answer() -> None:
    text = (
        "# Notes\n\n### What is a lock?\n\nA guard around shared state.\n\n"
        "## Threads\n\n### Example\n\nTwo threads add to one counter.\n\n"
        "### What is a race?\n\nTwo writers whose order changes the result.\n"
    )
    article = _parse(text)
    assert "Two threads" not in article.questions[0].answer
    assert article.questions[0].question == "What is a lock?"


def test_a_label_at_a_deeper_level_than_the_question_is_not_merged_by_this_rule() -> None:
    # A deeper heading already belongs to the answer; this rule only looks at the same level.
    text = (
        "# N\n\n## What is a heap?\n\nA tree kept in order.\n\n### Example\n\nA priority queue.\n"
    )
    article = _parse(text)
    assert "A priority queue." in article.questions[0].answer
    assert not [warning for warning in article.warnings if "kept as part" in warning]


def test_which_heading_texts_are_labels() -> None:
    for label in ("Insight", "Code Example: Keras", "Interview Tip", "With padding", "Output"):
        assert is_continuation_label(label), label
    for subject in ("GPT vs BERT", "About the GIL", "Gradient Descent", "Withdrawal limits"):
        assert not is_continuation_label(subject), subject


# Round 12's real documents: the shapes below broke a front or an answer.


def test_a_bold_title_with_an_italic_note_loses_every_marker() -> None:
    text = (
        "# SQL\n\n### 1. **Joins vs unions**\n\n**Answer:** Joins add columns; unions add rows.\n\n"
        "### 2. **Joins vs unions** *(again)*\n\n**Answer:** Still columns against rows.\n"
    )
    fronts = [draft.question for draft in _parse(text).questions]
    assert fronts == ["Joins vs unions", "Joins vs unions (again)"]


def test_call_parentheses_and_escaped_stars_stay_in_the_front() -> None:
    text = (
        "# Py\n\n## 1. What does len() return?\n\nThe number of items.\n\n"
        "## 2. \\*rest and \\*\\*options\n\nThey collect extra arguments.\n"
    )
    fronts = [draft.question for draft in _parse(text).questions]
    assert fronts == ["What does len() return?", "\\*rest and \\*\\*options"]


_HEADING_THEN_BOLD_Q_THEN_A = """# Py notes

## 1. What is a virtual environment?

**Q: Define it**

A: A folder with its own interpreter and packages.

---

## 2. Sets and lists

**Q: Key differences**

A: A set keeps no order and no duplicates.

**In short**: use a set for membership tests.

---
"""


def test_a_bold_q_line_under_a_topic_heading_is_the_question() -> None:
    article = _parse(_HEADING_THEN_BOLD_Q_THEN_A)
    second = article.questions[1]
    assert second.question == "Sets and lists: Key differences"
    assert second.answer.startswith("A set keeps no order")
    assert "A:" not in second.answer and "**Q:" not in second.answer
    assert "use a set for membership tests" in second.answer


def test_a_bold_q_line_restating_a_question_heading_leaves_the_answer() -> None:
    first = _parse(_HEADING_THEN_BOLD_Q_THEN_A).questions[0]
    assert first.question == "What is a virtual environment?"
    assert first.answer == "A folder with its own interpreter and packages."


def test_a_cheering_last_line_after_a_rule_is_not_part_of_the_last_answer() -> None:
    text = (
        "# Vision\n\n1. **What is a kernel?** A small grid of weights.\n"
        "2. **What is a stride?** How far the kernel moves each step.\n\n---\n\n"
        "**You know the basics now. Go build something great!**\n"
    )
    article = _parse(text)
    assert article.questions[-1].answer == "How far the kernel moves each step."


def test_a_placeholder_answer_becomes_todo_with_a_warning() -> None:
    text = (
        "# Stats\n\n## Question 1\n\n**What is a p-value?**\n\n**Answer:** _[To be filled]_\n\n"
        "---\n\n## Question 2\n\n**What is power?**\n\n**Answer:** The chance to detect a real "
        "effect.\n"
    )
    article = _parse(text)
    assert article.questions[0].answer.startswith("TODO")
    assert article.questions[1].answer == "The chance to detect a real effect."
    assert "question 1 has only a placeholder answer: the note says TODO" in article.warnings


_STATEMENTS_WITH_EMPTY_ANSWER_LABELS = """## Basics

### Strings
1. What is a string literal?
   **Answer:**
2. Join two strings with a separator.
   **Answer:**
3. Difference between `str()` and `repr()`.
   **Answer:**

### Numbers
1. Round a float to two places.
   **Answer:**
2. Why is `0.1 + 0.2` not `0.3`?
   **Answer:**
"""


def test_numbered_statements_with_answer_labels_are_questions() -> None:
    article = _parse(_STATEMENTS_WITH_EMPTY_ANSWER_LABELS)
    assert [draft.question for draft in article.questions] == [
        "What is a string literal?",
        "Join two strings with a separator.",
        "Difference between `str()` and `repr()`.",
        "Round a float to two places.",
        "Why is `0.1 + 0.2` not `0.3`?",
    ]
    assert article.summary == "found 5 questions, imported 5, rejected 0"


def test_a_section_heading_between_list_questions_is_not_an_answer() -> None:
    article = _parse(_STATEMENTS_WITH_EMPTY_ANSWER_LABELS)
    # Every item has an empty label: each note is a TODO, none holds the "Numbers" heading.
    assert all(draft.answer.startswith("TODO") for draft in article.questions)
    assert not [draft for draft in article.questions if "Numbers" in draft.answer]


def test_a_list_question_continued_on_lines_below_keeps_every_line() -> None:
    text = (
        "### Lists\n1. Compare\n   `a.sort()`\n   with\n   `sorted(a)`\n   **Answer:**\n"
        "2. What does `a.copy()` return?\n   **Answer:** A shallow copy.\n"
    )
    article = _parse(text)
    first = article.questions[0]
    assert first.question == "Compare `a.sort()` with `sorted(a)`"
    assert first.answer.startswith("TODO")
    assert article.questions[1].answer == "A shallow copy."


def test_a_list_item_numbered_like_its_own_question_is_not_called_a_duplicate() -> None:
    text = (
        "# Stats\n\n## Q1: What is a mean?\n\nThe average.\n\n## Q2: Name two biases.\n\n"
        "1. **Selection**: who gets picked.\n2. **Survival**: who is still there.\n\n"
        "## Q3: What is a median?\n\nThe middle value.\n"
    )
    article = _parse(text)
    assert len(article.questions) == 3
    assert "2. **Survival**" in article.questions[1].answer
    assert not [warning for warning in article.warnings if "duplicate" in warning]


def test_an_item_header_above_a_q_line_tags_its_question_and_leaves_the_answer_above() -> None:
    text = (
        "# Bank\n\n**1)** **Topic:** Basics, **Level:** Beginner\n\n**Q:** What is a tensor?\n\n"
        "An array with axes.\n\n---\n\n**2)**, **Topic:** Training, **Level:** Advanced\n\n"
        "**Q:** Why clip gradients?\n\nTo stop one step from blowing up the weights.\n"
    )
    article = _parse(text)
    first, second = article.questions
    assert first.answer == "An array with axes."
    assert first.tags == ("difficulty::easy",)
    assert second.tags == ("difficulty::hard",)
    assert article.summary == "found 2 questions, imported 2, rejected 0"
    assert sum("heads the question below it" in warning for warning in article.warnings) == 2
