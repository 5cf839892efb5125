"""`ankigen import article`: gaps left by round 5 and layouts of round 8's real documents.

Every article here is written for the test in the project's own words; it copies the *layout*
of a public interview document, never its text. Each assertion fails when the importer drops a
candidate without a word, keeps junk in a tag, or loses, merges or mangles a question.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.tools.importers.article import Article, import_article, parse_article
from ankigen.tools.importers.article_contents import without_generic_words


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _tags(article: Article) -> dict[str, tuple[str, ...]]:
    return {draft.question: draft.tags for draft in article.questions}


# A linked table of contents names three questions; the page only has sections for two.
_CONTENTS_WITH_A_MISSING_SECTION = """# Shell questions

- [What does chmod change?](#what-does-chmod-change)
- [Why quote variables?](#why-quote-variables)
- [What is a subshell?](#what-is-a-subshell)
- [Cheat sheet](#cheat-sheet)

## What does chmod change?

The permission bits of a file.

## Why quote variables?

So that spaces inside a value do not split it into several words.
"""


def test_a_contents_entry_without_its_section_is_reported() -> None:
    article = _parse(_CONTENTS_WITH_A_MISSING_SECTION)
    assert [draft.question for draft in article.questions] == [
        "What does chmod change?",
        "Why quote variables?",
    ]
    assert article.summary == "found 3 questions, imported 2, rejected 1"
    missing = [warning for warning in article.warnings if "table-of-contents" in warning]
    # Only the question is reported: "Cheat sheet" asks nothing, the other two have sections.
    assert len(missing) == 1
    assert missing[0].startswith("line 5: 'What is a subshell?' rejected:")
    assert "#what-is-a-subshell" in missing[0]


def test_a_contents_entry_reaching_a_hand_set_anchor_is_not_reported() -> None:
    text = (
        "# Notes\n\n1. [What is a pipe?](#q1)\n2. [What is a fork?](#q2)\n\n"
        '<a name="q1"></a>\n## What is a pipe?\n\nA one-way channel between two processes.\n\n'
        '<a name="q2"></a>\n## What is a fork?\n\nA copy of the running process.\n'
    )
    article = _parse(text)
    assert len(article.questions) == 2
    assert not [warning for warning in article.warnings if "table-of-contents" in warning]
    assert article.summary == "found 2 questions, imported 2, rejected 0"


def test_the_cli_reports_the_missing_entry(tmp_path: Path) -> None:
    source = tmp_path / "shell.md"
    source.write_text(_CONTENTS_WITH_A_MISSING_SECTION, encoding="utf-8")
    report = import_article(source, tmp_path / "content" / "shell", False)
    assert report.summary == ["found 3 questions, imported 2, rejected 1"]
    assert any("'What is a subshell?' rejected" in warning for warning in report.warnings)


_GENERIC_SECTIONS = """# Handbook

## Data Pipeline Q&A

### What is a backfill?

Running a pipeline again over dates that already passed.

## Top 10 Streaming Interview Questions and Answers

### What is a watermark?

The point in event time up to which the stream is taken as complete.

## Interview Questions

### What is idempotence?

Doing a step twice leaves the same state as doing it once.

## Common Table Expressions

### Why use a CTE?

It names a subquery so that the main query reads top to bottom.
"""


def test_topic_tags_lose_generic_words() -> None:
    tags = _tags(_parse(_GENERIC_SECTIONS))
    assert tags["What is a backfill?"] == ("topic::data-pipeline",)
    assert tags["What is a watermark?"] == ("topic::streaming",)
    # Nothing but generic words: no topic tag at all rather than "topic::interview-questions".
    assert tags["What is idempotence?"] == ()
    # "Common" is generic only next to "questions": a real topic keeps every word.
    assert tags["Why use a CTE?"] == ("topic::common-table-expressions",)


def test_generic_words_go_only_from_the_ends() -> None:
    assert without_generic_words("Questions about Joins") == "Joins"
    assert without_generic_words("Python FAQ") == "Python"
    assert without_generic_words("Q&A: Spark") == "Spark"
    assert without_generic_words("FAQ") == ""
    assert without_generic_words("Set Theory") == "Set Theory"
    assert without_generic_words("Questions of Fairness in Hiring") == "Fairness in Hiring"


# --- layouts of round 8's real documents (each written here in our own words) -------------

_DOTTED_NUMBERS = """# Storage drills

## 1. Tables

### Q1.1: What does a primary key guarantee?

Every row can be told apart by it.

### Q1.2: Why index a foreign key?

Joins and cascading deletes on it stay fast.

### Q1.3: What does a check constraint do?

It rejects rows whose values break a stated rule.

## 2. Files

### Q2.1: Why store analytics data by column?

Scans that read few columns of many rows touch less data.

### Q2.2: What does partitioning a table by date buy?

Queries on a date range skip the partitions outside it.
"""


def test_dotted_numbers_leave_the_front_and_sections_are_reported_as_sections() -> None:
    article = _parse(_DOTTED_NUMBERS)
    fronts = [draft.question for draft in article.questions]
    assert fronts[:2] == ["What does a primary key guarantee?", "Why index a foreign key?"]
    assert all(not front[0].isdigit() and ".1" not in front for front in fronts)
    sections = [warning for warning in article.warnings if "'## 1. Tables'" in warning]
    assert sections and "a section heading over the questions" in sections[0]


_PAGE_ABOUT_ITSELF = """# Schema drills

## Why These Questions?

They mirror what reviewers ask about table design.

## How to Use This Page

1. **Read**: Try each task first.
2. **Need a Hint?**: Open the solution.

## Drills

#### Question 1.1: Create a log table
- **Problem**: Write the statement that creates a table of events.
- **Solution**: `CREATE TABLE events (id INT PRIMARY KEY, kind TEXT);`

#### Question 1.2: Drop a column
- **Problem**: Remove the kind column from the events table.
- **Solution**: `ALTER TABLE events DROP COLUMN kind;`

## Setup

1. **Create Tables**: Run the statements above in a scratch database.
2. **Check Results**: Describe the table to see its columns.
"""


def test_a_page_talking_about_itself_and_its_tips_are_not_questions() -> None:
    article = _parse(_PAGE_ABOUT_ITSELF)
    # The "- **Problem**:" item states each task: it is the front, the heading names the id.
    assert [draft.question for draft in article.questions] == [
        "Write the statement that creates a table of events.",
        "Remove the kind column from the events table.",
    ]
    assert [draft.name for draft in article.questions] == ["Create a log table", "Drop a column"]
    rejected = "\n".join(article.warnings)
    # Nothing goes without a word: each line left out is reported with its line number.
    assert "line 3: '## Why These Questions?' rejected" in rejected
    assert "'1. **Create Tables**: Run the statements" in rejected


_BULLET_QUESTIONS = """# Warm-up questions
- [source](https://example.org/list)
## Basics
- What separates a list from a tuple?
  - a list can change after it is made, a tuple cannot
- Why are dictionaries fast to search?
  - keys are hashed, so a lookup does not scan
- Explain what a generator yields.
- Name two ways to copy a list.
"""


def test_a_bulleted_list_of_questions_is_imported_with_nested_answers() -> None:
    article = _parse(_BULLET_QUESTIONS)
    by_front = {draft.question: draft for draft in article.questions}
    assert list(by_front) == [
        "What separates a list from a tuple?",
        "Why are dictionaries fast to search?",
        "Explain what a generator yields.",
        "Name two ways to copy a list.",
    ]
    assert by_front["Why are dictionaries fast to search?"].answer == (
        "- keys are hashed, so a lookup does not scan"
    )
    assert by_front["Name two ways to copy a list."].answer.startswith("TODO")


_NUMBERED_FROM_ZERO = """# Platform notes

## 0 What is a container?

A process with its own view of files and network.

### 0.1 What does an image hold?

The layers of files a container starts from.

### 0.2 Layers

Read-only steps stacked in build order.

## 1 ¿Qué es un pod? (Kubernetes)

One or more containers scheduled together.
"""


def test_numbers_without_punctuation_sub_questions_and_number_zero(tmp_path: Path) -> None:
    article = _parse(_NUMBERED_FROM_ZERO)
    fronts = [draft.question for draft in article.questions]
    assert fronts == [
        "What is a container?",
        "What does an image hold?",
        "¿Qué es un pod? (Kubernetes)",
    ]
    # "### 0.2 Layers" asks nothing: it stays with the answer it belongs to.
    assert "Read-only steps" in article.questions[1].answer
    assert not any("topic heading" in warning for warning in article.warnings)
    # Numbering from 0 must not write source.question 0 (lint would reject the note).
    source = tmp_path / "platform.md"
    source.write_text(_NUMBERED_FROM_ZERO, encoding="utf-8")
    deck = tmp_path / "content" / "platform"
    import_article(source, deck, False)
    assert "question: 0}" not in (deck / "what-is-a-container.md").read_text("utf-8")


def test_a_closing_note_about_these_answers_leaves_the_last_card() -> None:
    text = (
        "# Notes\n\n## 1. What is recall?\n\nThe share of real positives that are found.\n\n"
        "## 2. What is precision?\n\nThe share of flagged items that are real positives.\n\n"
        "---\n\n*These short answers are a starting point; expand them when asked.*\n"
    )
    article = _parse(text)
    assert article.questions[-1].answer == "The share of flagged items that are real positives."
    assert any("closing words" in warning for warning in article.warnings)


def test_sql_that_lost_its_fences_is_fenced_and_sentences_are_not() -> None:
    text = (
        "# Queries\n\n## 1. How do you find the newest order?\n\n"
        "SELECT returns rows; this one sorts them first.\n\n"
        "SELECT id, placed_at\nFROM orders\nORDER BY placed_at DESC\nLIMIT 1;\n\n"
        "## 2. How do you add a column?\n\nALTER TABLE orders ADD note TEXT;\n"
    )
    article = _parse(text)
    first, second = (draft.answer for draft in article.questions)
    assert first == (
        "SELECT returns rows; this one sorts them first.\n\n"
        "```sql\nSELECT id, placed_at\nFROM orders\nORDER BY placed_at DESC\nLIMIT 1;\n```"
    )
    assert second == "```sql\nALTER TABLE orders ADD note TEXT;\n```"


def test_a_numbered_heading_over_a_bold_question_keeps_no_asterisks() -> None:
    text = (
        "# Tokens\n\n### **What is a token?**\n**Answer:** A unit of text a model reads.\n\n"
        "### 10. **Why split words into pieces?**  \n**Answer:** Rare words then reuse known "
        "pieces.\n\n### 11. **Which splitter does BERT use? ⭐⭐**\n**Answer:** WordPiece.\n"
    )
    fronts = [draft.question for draft in _parse(text).questions]
    assert fronts == [
        "What is a token?",
        "Why split words into pieces?",
        "Which splitter does BERT use?",
    ]
