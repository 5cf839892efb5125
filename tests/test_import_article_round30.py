"""`ankigen import article`: classes found on the session-24 real documents (round 30).

Every document here is written for the test, on other topics than the real pages: questions
written as bare lines over a lone "Answer:" line; a problem set whose paragraphs open with a
bold "**Problem 1.2:**" label and whose solutions open with "*Solution 1.2:*"; Portuguese
bold bullets that prompt without a mark; unnumbered questions under level sections before a
numbered run; a worked equation with a number against a bracket; the title of a blog post kept
only in its front matter; and a section title whose emoji and words name different levels.
"""

from __future__ import annotations

from ankigen.tools.importers.article_lines import is_python
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- bare question lines over a lone answer label ------------------------------------------

_ANSWER_LABEL_LINES = """# 🟢 Basic Level \u2013 Git

What does git rebase do?
Answer:
It replays your commits on top of another base commit.

Describe a fast-forward merge.
Answer:

The branch pointer simply moves ahead; no merge commit is made.

Difference between fetch and pull?
Answer:
Fetch downloads; pull downloads and merges.

# 🔴 Expert Level \u2013 Git

What is the reflog for?
Answer:
It records where HEAD has been, so lost commits can be found.
"""


def test_bare_lines_over_a_lone_answer_label_are_questions() -> None:
    article = parse_markdown_article(_ANSWER_LABEL_LINES)
    assert [question.question for question in article.questions] == [
        "What does git rebase do?",
        "Describe a fast-forward merge.",
        "Difference between fetch and pull?",
        "What is the reflog for?",
    ]
    assert article.questions[1].answer.startswith("The branch pointer")
    assert not any("Answer:" in question.answer for question in article.questions)


def test_a_section_word_names_the_level_over_its_emoji() -> None:
    article = parse_markdown_article(_ANSWER_LABEL_LINES)
    # "🟢 Basic" is easy either way; "🔴 Expert" is hard either way; a yellow dot on a
    # "Beginner" section must not make its questions medium.
    assert "difficulty::easy" in article.questions[0].tags
    assert "difficulty::hard" in article.questions[3].tags
    yellow = _ANSWER_LABEL_LINES.replace("🟢 Basic Level", "🟡 Beginner Level")
    assert "difficulty::easy" in parse_markdown_article(yellow).questions[0].tags


_ONE_ANSWER_LABEL = """# Notes on caching

### What is a cache hit?
The data was found in the cache.

A worked example follows.
Answer:
the second read is a hit.

### What is a cache miss?
The data had to be fetched from the store.
"""


def test_one_answer_label_in_an_answer_stays_text() -> None:
    assert article_fronts(_ONE_ANSWER_LABEL) == ["What is a cache hit?", "What is a cache miss?"]
    assert "A worked example follows." in article_answers(_ONE_ANSWER_LABEL)[0]


_WRAPPED_PARAGRAPH = """# Review

Some lines of a paragraph
that wraps over the label
Answer:
not a question.

Another paragraph of prose
still going on
Answer:
also not one.

### What is a tuple?
An immutable sequence.
"""


def test_a_wrapped_paragraph_over_a_label_is_not_a_question() -> None:
    assert article_fronts(_WRAPPED_PARAGRAPH) == ["What is a tuple?"]


# --- bold problem labels and italic solution labels -----------------------------------------

_PROBLEM_SET = """Warm-up puzzles on urns and cards.

# Urns

**Problem 1.1:** An urn holds 3 red and 2 blue balls. What is the chance two draws are red?

*Solution 1.1:* It is 3/5 times 2/4, which is 3/10.

**Problem 1.2:** How many draws do you expect before the first blue ball?

# Cards

**Problem 2.1**: Explain why shuffling seven times is enough.

*Solution 2.1*: The deck is then close to uniform.
"""


def test_bold_problem_labels_number_the_questions() -> None:
    article = parse_markdown_article(_PROBLEM_SET)
    assert [question.question for question in article.questions] == [
        "An urn holds 3 red and 2 blue balls. What is the chance two draws are red?",
        "How many draws do you expect before the first blue ball?",
        "Explain why shuffling seven times is enough.",
    ]
    assert article.questions[0].answer.startswith("It is 3/5")
    assert article.questions[2].answer.startswith("The deck is then")


def test_a_bold_number_without_a_label_word_stays_as_it_was() -> None:
    # "**1.5** …" in prose is no problem label: a bold number with a dot inside stays text.
    text = "### What grew?\n**1.5** million users joined.\n\n### What fell?\nThe churn.\n"
    assert article_fronts(text) == ["What grew?", "What fell?"]


# --- Portuguese bold bullets that prompt without a mark -------------------------------------

_PORTUGUESE_BULLETS = """# Perguntas de Python

- **Cite duas estruturas imutáveis da linguagem.**
    - Tuplas e strings.
- **Qual a diferença entre lista e tupla?**
    - A lista pode mudar; a tupla não.
- **Quais são os tipos numéricos básicos**
    - int, float e complex.
- **O que faz o operador `is`?**
    - Compara a identidade de dois objetos.

Fonte: [um blog](https://example.org/python)
"""


def test_portuguese_bold_bullets_without_a_mark_are_items_of_the_list() -> None:
    article = parse_markdown_article(_PORTUGUESE_BULLETS)
    assert [question.question for question in article.questions] == [
        "Cite duas estruturas imutáveis da linguagem.",
        "Qual a diferença entre lista e tupla?",
        "Quais são os tipos numéricos básicos",
        "O que faz o operador `is`?",
    ]
    assert "Fonte" not in article.questions[-1].answer
    assert "int, float" in article.questions[2].answer


def test_bold_bullets_that_name_terms_stay_in_the_answer() -> None:
    text = (
        "# Glossário\n\n- **Qual a diferença entre GET e POST?**\n    - GET lê; POST envia.\n"
        "- **Qual a diferença entre PUT e PATCH?**\n    - PUT troca tudo; PATCH uma parte.\n"
        "\n## Termos\n\nTexto sobre termos.\n"
    )
    assert article_fronts(text) == [
        "Qual a diferença entre GET e POST?",
        "Qual a diferença entre PUT e PATCH?",
    ]


# --- unnumbered questions under level sections, before a numbered run ----------------------

_LEVEL_SECTIONS = """# Queueing puzzles

## Easy questions

#### A shop serves 4 customers an hour. How long is the average visit?
Fifteen minutes.

#### Two tills open at once. Which one fills first?
Neither, on average.

## Hard questions

#### A queue doubles every hour. When is it half full if it is full at noon?
At eleven.

## More, to sort

#### 1. What is Little's law?
L equals lambda times W.

#### 2. What is utilisation?
Arrival rate over service rate.

#### 3. What is a stable queue?
One whose utilisation is below one.

#### 4. What is a service discipline?
The order of service, such as first come first served.
"""


def test_unnumbered_questions_under_level_sections_are_kept() -> None:
    assert article_fronts(_LEVEL_SECTIONS) == [
        "A shop serves 4 customers an hour. How long is the average visit?",
        "Two tills open at once. Which one fills first?",
        "A queue doubles every hour. When is it half full if it is full at noon?",
        "What is Little's law?",
        "What is utilisation?",
        "What is a stable queue?",
        "What is a service discipline?",
    ]


_INTRODUCTION = """# Queueing notes

## About

#### Who is this for?
Students of operations research.

#### How to read it?
Top to bottom.

## Questions

#### 1. What is Little's law?
L equals lambda times W.

#### 2. What is utilisation?
Arrival rate over service rate.

#### 3. What is a stable queue?
One whose utilisation is below one.
"""


def test_an_introduction_with_headings_is_still_preamble() -> None:
    assert article_fronts(_INTRODUCTION) == [
        "What is Little's law?",
        "What is utilisation?",
        "What is a stable queue?",
    ]


# --- worked math with a number against a bracket -------------------------------------------


def test_a_number_against_a_bracket_is_math_not_python() -> None:
    assert not is_python("     y = 1/3(2+y) + 2/3(1+y)")
    assert not is_python("e = 2 (e + 1)")
    assert is_python("y = f(2)")
    assert is_python('label = "1 (one)"')
    assert is_python("size = 3  # 2 (default)")


def test_a_worked_equation_stays_text() -> None:
    text = (
        "### How many rolls until a six?\nLet e be the expected count.\n"
        "     e = 1 + 5/6(e)\n=> e = 6\n\n### Why?\nGeometric.\n"
    )
    answer = article_answers(text)[0]
    assert "```" not in answer
    assert "e = 1 + 5/6(e)" in answer


# --- a blog post's title kept in its front matter --------------------------------------------

_FRONT_MATTER = """---
title: 'Puzzles for the interview'
date: 2024-01-01
---

Some puzzles I was asked.

# Part one

**Problem 1:** Why is the sky blue?

**Problem 2:** Why is the sea salty?
"""


def test_the_front_matter_title_names_a_page_without_a_title_heading() -> None:
    assert parse_markdown_article(_FRONT_MATTER).title == "Puzzles for the interview"


def test_a_page_that_opens_with_its_title_keeps_it() -> None:
    text = _FRONT_MATTER.replace("Some puzzles I was asked.\n", "# Puzzles, the real title\n")
    assert parse_markdown_article(text).title == "Puzzles, the real title"


# --- a page without a title; its source URL after the last answer ---------------------------

_UNTITLED = """# 🟡 Beginner Level \u2013 5 Questions

What is a container image?
Answer:
A read-only template from which containers start.

What is a volume?
Answer:
Storage that outlives the container.
See https://docs.example.org/volumes for the options.

https://example.org/where-these-came-from
"""


def test_a_page_opening_with_a_level_section_is_named_after_its_file() -> None:
    article = parse_markdown_article(_UNTITLED)
    assert article.title == "article"  # the file's stem in these tests
    titled = parse_markdown_article("# Docker drills\n\n" + _UNTITLED)
    assert titled.title == "Docker drills"


def test_a_bare_url_after_the_last_answer_is_dropped_with_a_warning() -> None:
    article = parse_markdown_article(_UNTITLED)
    last = article.questions[-1].answer
    assert "where-these-came-from" not in last
    assert "https://docs.example.org/volumes" in last  # a URL in the answer's text stays
    assert any("where-these-came-from" in warning for warning in article.warnings)


# --- a rule drawn under every answer --------------------------------------------------------

_RULED_TOGGLES = """# Питання з HTTP

1.  ### Основи

    <details>
    <summary>1. Що таке заголовок Host?</summary>

    Ім'я сервера, до якого йде запит.

    ***

    </details>

    <details>
    <summary>2. Що таке статус 204?</summary>

    Успіх без тіла відповіді.

    ---

    </details>
"""


def test_a_rule_that_ends_every_answer_is_dropped() -> None:
    assert article_answers(_RULED_TOGGLES) == [
        "Ім'я сервера, до якого йде запит.",
        "Успіх без тіла відповіді.",
    ]


def test_the_text_after_a_rule_inside_an_answer_stays() -> None:
    text = "### Why?\nFirst part.\n\n***\n\nSecond part.\n\n### How?\nSo.\n"
    assert article_answers(text)[0] == "First part.\n\nSecond part."
