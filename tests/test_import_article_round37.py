# ruff: noqa: RUF001  (Japanese text writes the full-width question mark and colon)
"""`ankigen import article`: classes found on the session-31 real documents (round 37) and the
gaps round 36 left open.

Every document here is written for the test, on other topics than the real pages: a question
label over text that asks nothing after the last question, bare Spanish "¿…?" questions among
labelled ones, Korean questions that ask politely with the verb last, a "## #N" label heading
over each question, a graded test's score after each question, pretty-printed HTML in an
explanation toggle, a scenario heading over the heading that asks about it, MyST exercise and
answer fences, and a quiz whose wrong and right choices are parts named between double dashes.
"""

from __future__ import annotations

from ankigen.tools.importers.article_myst import from_myst_cells
from ankigen.tools.importers.article_questions import prompts
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- a question label over text that asks nothing, after the last question ------------------

_LABEL_OVER_A_NOTE = """# Shell drills

## Question 1

> `1`. Show the lines of a file in reverse order.

Use `tac notes.txt`.

## Question 2

> `2`. Count the words of a file.

Use `wc -w notes.txt`.

## Question 3

> The practice files are in the course folder.

Copy them first.
"""


def test_a_question_label_over_a_note_is_reported_not_dropped_silently() -> None:
    article = parse_markdown_article(_LABEL_OVER_A_NOTE)
    assert [q.question for q in article.questions] == [
        "Show the lines of a file in reverse order.",
        "Count the words of a file.",
    ]
    assert any("'## Question 3'" in w and "nothing under it asks" in w for w in article.warnings)
    assert article.summary == "found 3 questions, imported 2, rejected 1"


_BARE_NUMBER_HEADING = """# Shell drills

## Question 1

What does `pwd` print?

The working folder.

## 2024

The drills were revised this year.
"""


def test_a_heading_of_a_number_alone_is_no_question_label() -> None:
    article = parse_markdown_article(_BARE_NUMBER_HEADING)
    assert [q.question for q in article.questions] == ["What does `pwd` print?"]
    assert not any("nothing under it asks" in w for w in article.warnings)


# --- bare Spanish questions among labelled ones ------------------------------------------

_MIXED_SPANISH = """REDES
=====

P01. ¿Qué capa del modelo OSI enruta paquetes?

    a) Enlace
    b) Red

P02. ¿Qué protocolo asigna direcciones automáticamente?

    a) DHCP
    b) ARP

¿Cuántos bits tiene una dirección IPv6?

    a) 64
    b) 128

P03. ¿Qué puerto usa SSH?

    a) 22
    b) 80
"""


def test_a_bare_spanish_question_among_labelled_ones_is_a_question() -> None:
    assert article_fronts(_MIXED_SPANISH) == [
        "¿Qué capa del modelo OSI enruta paquetes?",
        "¿Qué protocolo asigna direcciones automáticamente?",
        "¿Cuántos bits tiene una dirección IPv6?",
        "¿Qué puerto usa SSH?",
    ]
    # The question above it no longer swallows it.
    assert "IPv6" not in article_answers(_MIXED_SPANISH)[1]


_ONE_SPANISH_LINE = """# Networking

1. What does DHCP do?

It hands out addresses.

2. What does ARP do?

It maps addresses to hardware.

¿Y en español?

Lo mismo.
"""


def test_a_spanish_line_in_an_english_page_stays_in_its_answer() -> None:
    # Only a page whose labelled questions ask in Spanish takes bare "¿…?" lines.
    assert article_fronts(_ONE_SPANISH_LINE) == ["What does DHCP do?", "What does ARP do?"]


# --- Korean asks with the verb last; "## #N" labels ----------------------------------------

_KOREAN = """# 데이터베이스

## #1

### 인덱스에 대해 설명해주세요.

검색을 빠르게 하는 자료 구조입니다.

## #2

### 트랜잭션의 특징은 무엇인가요?

원자성, 일관성, 고립성, 지속성입니다.

## #3

### 정규화의 장점을 비교하시오.

중복이 줄어듭니다.
"""


def test_a_polite_korean_request_asks_and_a_number_heading_names_no_topic() -> None:
    article = parse_markdown_article(_KOREAN)
    assert [q.question for q in article.questions] == [
        "인덱스에 대해 설명해주세요.",
        "트랜잭션의 특징은 무엇인가요?",
        "정규화의 장점을 비교하시오.",
    ]
    # "## #2" over the question numbers it; it is no topic to tag the note with.
    assert all(not any(t.startswith("topic::") for t in q.tags) for q in article.questions)


def test_only_a_request_that_ends_its_clause_asks() -> None:
    assert prompts("인덱스의 장단점을 말해 주세요")
    assert not prompts("인덱스는 검색을 빠르게 하는 자료 구조입니다.")
    # "주세요라는" (the words "please give"): quoted inside a statement, not a request.
    assert not prompts("책을 주세요라는 말을 배웠습니다.")


# --- a graded test's score after its question ---------------------------------------------

_GRADED = """# Contrôle de réseau (Note / 10 pts)

## 1. Qu'est-ce qu'un masque de sous-réseau ? (0,5pt)

Il sépare la partie réseau de la partie hôte.

## 2. Citer deux protocoles de routage (2 pts)

OSPF et BGP.

## 3. Why is TCP reliable? [3 marks]

It acknowledges and retransmits.

## 4. How many hosts fit in a /30 (point to point)?

Two.
"""


def test_a_score_after_the_question_is_no_part_of_the_front() -> None:
    assert article_fronts(_GRADED) == [
        "Qu'est-ce qu'un masque de sous-réseau ?",
        "Citer deux protocoles de routage",
        "Why is TCP reliable?",
        "How many hosts fit in a /30 (point to point)?",
    ]


# --- pretty-printed HTML in an explanation toggle -------------------------------------------

_PRETTY_HTML = """# Storage quiz

### 1 . Which disk type keeps data when the machine stops?

- [ ] Temporary disk
- [x] Managed disk

<details>
  <summary>Explanation</summary>
  <br/>
                <div>
                <p>
                  A <strong>managed disk</strong> lives apart from the machine.
                </p>
                <p><br /></p>
                <p>
                  <strong>Reference: </strong
                  ><a
                    href="https://example.org/disks/overview"
                    >https://example.org/disks/overview</a
                  >
                </p>
              </div>
</details>
"""


def test_a_tag_broken_over_lines_in_an_html_block_is_html_not_code() -> None:
    answer = article_answers(_PRETTY_HTML)[0]
    assert "```" not in answer  # 'href="…"' read as a Python assignment before
    assert "**managed disk**" in answer
    assert "\n\\\n" not in answer and not answer.endswith("\\")  # "<p><br /></p>" shows nothing


# --- a scenario heading over the heading that asks ------------------------------------------

_SCENARIO = """# Cloud quiz

### 1 . Which service stores secrets for an application?

- [x] A key vault
- [ ] A load balancer

### A shop moves its nightly reports to the cloud and wants them to run without servers.

### 2 . Which kind of service fits best?

- [x] Serverless functions
- [ ] Reserved machines

### 3 . A team must keep copies of its databases in a second region for disasters.

### Which feature should it turn on?

- [ ] Autoscaling
- [x] Geo-replication
"""


def test_a_scenario_heading_joins_the_question_heading_next_to_it() -> None:
    assert article_fronts(_SCENARIO) == [
        "Which service stores secrets for an application? (A key vault / A load balancer)",
        "A shop moves its nightly reports to the cloud and wants them to run without servers. "
        "Which kind of service fits best? (Serverless functions / Reserved machines)",
        "A team must keep copies of its databases in a second region for disasters. "
        "Which feature should it turn on? (Autoscaling / Geo-replication)",
    ]
    assert article_answers(_SCENARIO)[2] == "Geo-replication"


_SECTION_OVER_QUESTION = """# Cloud notes

## Storage

## What is object storage?

Storage addressed by keys.

## Networking

## What is a subnet?

A range of addresses.
"""


def test_a_short_section_heading_over_a_question_stays_a_section() -> None:
    assert article_fronts(_SECTION_OVER_QUESTION) == [
        "What is object storage?",
        "What is a subnet?",
    ]


# --- MyST exercise and answer fences ---------------------------------------------------------

_MYST_QUIZ = """---
jupytext:
  text_representation:
    format_name: myst
---
確認テスト
=========

````{exercise}
次のコードは何を表示しますか？

```python
total = 0
for word in ["a", "bb"]:
    total += len(word)
print(total)
```

A. 2
B. 3
````

````{dropdown} 解答
**正解：B. 3**
````

````{exercise}
:label: ex-len

次のコードは何を表示しますか？

```python
print(len([1, 2, 3]))
```
````

```{solution} ex-len
3 を表示します。
```
"""


def test_myst_exercises_are_questions_and_answer_fences_their_answers() -> None:
    article = parse_markdown_article(_MYST_QUIZ)
    fronts = [q.question for q in article.questions]
    assert fronts[0] == "次のコードは何を表示しますか？"
    assert fronts[1] == "次のコードは何を表示しますか？: `print(len([1, 2, 3]))`"
    assert "**正解：B. 3**" in article.questions[0].answer
    assert article.questions[0].answer.startswith("```python")
    assert "3 を表示します。" in article.questions[1].answer
    assert not any("{" in q.answer and "}" in q.answer for q in article.questions)


def test_myst_quiz_fences_keep_every_line_where_the_document_has_it() -> None:
    lines = _MYST_QUIZ.split("\n")
    assert len(from_myst_cells(lines)) == len(lines)


def test_a_dropdown_with_another_title_keeps_it_as_a_bold_line() -> None:
    lines = ["````{dropdown} Why it matters", "Stacks unwind in order.", "````"]
    assert from_myst_cells(lines) == ["**Why it matters**", "Stacks unwind in order.", ""]


# --- wrong and right choices as parts named between double dashes ----------------------------

_DASHED_QUIZ = """# --description--

Answer each question.

# --quizzes--

## --quiz--

### --question--

#### --text--

Which word is a verb?

#### --distractors--

`table`

---

`blue`

#### --answer--

`run`

### --question--

#### --text--

Which sentence is correct?

#### --distractors--

`She go home.`

---

`She going home.`

#### --answer--

`She goes home.`
"""


def test_dashed_parts_give_the_choices_in_the_front_and_the_answer_on_the_back() -> None:
    article = parse_markdown_article(_DASHED_QUIZ)
    assert [q.question for q in article.questions] == [
        "Which word is a verb? (`blue` / `run` / `table`)",
        "Which sentence is correct? (`She go home.` / `She goes home.` / `She going home.`)",
    ]
    assert [q.answer for q in article.questions] == ["`run`", "`She goes home.`"]


_DASHED_CODE_ANSWER = """### --question--

#### --text--

What does this print?

#### --distractors--

```python
print(1)
```

#### --answer--

Two lines.
"""


def test_a_dashed_quiz_whose_choices_are_not_one_line_keeps_its_parts_labelled() -> None:
    article = parse_markdown_article(_DASHED_CODE_ANSWER)
    assert [q.question for q in article.questions] == ["What does this print?"]
    assert "**Answer:**" in article.questions[0].answer


# --- a front that points at the quoted sub-tasks under it ------------------------------------

_SUB_TASKS = """# Solutions

## Question 1

> `1`. Evaluate the following sums in a code cell

> `1`. $2 + 5$

```python
2 + 5
```

> `2`. $9 - 4$

```python
9 - 4
```

## Question 2

> `2`. Name the following shortcut: run the cell and move on.

Shift and Enter.
"""


def test_quoted_sub_tasks_join_the_front_that_points_at_them() -> None:
    fronts = article_fronts(_SUB_TASKS)
    assert fronts[0] == "Evaluate the following sums in a code cell: (1) $2 + 5$; (2) $9 - 4$"
    # "the following" with no quoted items under it: the front stays as written.
    assert fronts[1] == "Name the following shortcut: run the cell and move on."
    assert "> `1`. $2 + 5$" in article_answers(_SUB_TASKS)[0]  # the answer keeps them
