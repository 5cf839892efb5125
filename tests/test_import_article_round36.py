"""`ankigen import article`: classes found on the session-30 real documents (round 36).

Every document here is written for the test, on other topics than the real pages: Spanish
question lines labelled "P4.", numbers alone on their lines over their questions, bullet
choices with the right ones in bold, a bare web address inside a question, a quiz keyed in
parts far below its questions (numbering restarting, lettered choices, blank fill-in slots, a
scoring guide), and a solutions page quoting each exercise under its "## Question N" label.
"""

from __future__ import annotations

from ankigen.tools.importers.article_myst import from_myst_cells
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- "P4." labels a question in Spanish ---------------------------------------------------

_P_LABELS = """CAPAS
=====

P1. ¿Qué capa del modelo OSI enruta paquetes?

    a) Enlace
    b) Red

P2. ¿Qué protocolo asigna direcciones automáticamente?

    a) DHCP
    b) ARP

P3. ¿Cuántos bits tiene una dirección IPv4?

    a) 32
    b) 128
"""


def test_p_numbered_lines_are_spanish_question_labels() -> None:
    assert article_fronts(_P_LABELS) == [
        "¿Qué capa del modelo OSI enruta paquetes?",
        "¿Qué protocolo asigna direcciones automáticamente?",
        "¿Cuántos bits tiene una dirección IPv4?",
    ]


_PRIORITIES = """# Release checklist

1. What blocks the release?

The open P1 bugs.

P1. Fix the login outage before Friday.
P2. Update the changelog.
"""


def test_a_priority_label_that_asks_nothing_stays_text() -> None:
    # "P1." before a statement is a priority, not a question label.
    assert article_fronts(_PRIORITIES) == ["What blocks the release?"]


# --- a number alone on its line over its question -----------------------------------------

_BARE_NUMBERS = """1.
¿Qué comando lista los contenedores en ejecución?
docker ps

2.
¿Cuál será la salida del siguiente bloque de código?

x = [3, 1, 2]
print(sorted(x))
[1, 2, 3]

3.
¿Qué archivo describe los servicios de un despliegue con Compose?

docker-compose.yml
"""


def test_a_bare_number_numbers_the_question_under_it() -> None:
    article = parse_markdown_article(_BARE_NUMBERS)
    assert [d.number for d in article.questions] == [1, 2, 3]
    assert article_fronts(_BARE_NUMBERS) == [
        "¿Qué comando lista los contenedores en ejecución?",
        "¿Cuál será la salida del siguiente bloque de código: `x = [3, 1, 2]; print(sorted(x))`?",
        "¿Qué archivo describe los servicios de un despliegue con Compose?",
    ]
    assert article_answers(_BARE_NUMBERS)[2] == "docker-compose.yml"


_ONE_BARE_NUMBER = """# Steps

1.
Open the settings page.

## 2. What does the reset button do?

It clears the cache.
"""


def test_a_single_bare_number_is_left_as_written() -> None:
    # One bare number is a slip of the page, not its convention: nothing is joined.
    assert article_fronts(_ONE_BARE_NUMBER) == ["What does the reset button do?"]


# --- bullet choices with the right ones in bold --------------------------------------------

_BOLD_CHOICES = """## Storage

### Question 1

Which disk type has no moving parts?

* Hard disk drive
* **Solid-state drive**
* Tape drive

> Flash memory stores the data.

### Question 2

Which of these are volatile? Check all that apply.

* **RAM**
* ROM
* **CPU cache**
"""


def test_bold_bullet_choices_join_the_front_and_the_bold_ones_answer() -> None:
    assert article_fronts(_BOLD_CHOICES) == [
        "Which disk type has no moving parts? (Hard disk drive / Solid-state drive / Tape drive)",
        "Which of these are volatile? Check all that apply. (RAM / ROM / CPU cache)",
    ]
    answers = article_answers(_BOLD_CHOICES)
    assert answers[0].startswith("Solid-state drive\n\n")
    assert "Flash memory stores the data." in answers[0]
    assert answers[1] == "RAM / CPU cache"


_BOLD_TERMS = """### 1. What does a load balancer do?

- **Spreads requests** over several servers
- checks their health
- **Removes** a failed server
"""


def test_bullets_with_a_bold_term_inside_stay_the_answer() -> None:
    # Bold that is only part of a bullet marks a term, not a chosen option.
    assert article_fronts(_BOLD_TERMS) == ["What does a load balancer do?"]
    assert article_answers(_BOLD_TERMS)[0].startswith("- **Spreads requests**")


# --- a bare web address inside the question ------------------------------------------------

_ADDRESS = """### 1. Which part of www.example.org names the top-level domain?

The `.org` ending.

### 2. What is a CDN? https://example.com/cdn-notes

A network of caches close to the users.
"""


def test_an_address_inside_the_sentence_stays_and_a_trailing_one_goes() -> None:
    assert article_fronts(_ADDRESS) == [
        "Which part of www.example.org names the top-level domain?",
        "What is a CDN?",
    ]


# --- a quiz keyed in parts far below its questions ---------------------------------------------

_KEYED_IN_PARTS = """# Quiz: Databases

## Multiple choice

### 1. Which index suits range queries?
a) Hash index
b) B-tree index
c) Bitmap index

### 2. Which isolation level allows dirty reads?
a) Read uncommitted
b) Serializable
c) Repeatable read

### 3. Which statement removes a table with its data?
a) DELETE
b) TRUNCATE
c) DROP

---

## Written questions

### 2. Explain what a foreign key enforces.
```
Answer: ______________________________
______________________________________
```

### 3. Name two causes of a deadlock.
```
1. ______________________________
2. ______________________________
```

### 4. Why denormalise a reporting table?
```
Answer: ______________________________
```

---

## Answer Key

### Multiple choice:
1. b) B-tree index
2. a) Read uncommitted
3. c) DROP

### Written (sample answers):

**2. Foreign keys:**
- Every value matches a row of the referenced table

**3. Deadlock causes:**
- Two transactions locking rows in opposite orders
- Long transactions holding locks

**4. Denormalising:**
- Fewer joins when the reports are read

---

## Scoring Guide
- **6 correct:** Excellent
- **4-5 correct:** Good, review the rest
"""


def test_a_key_in_parts_answers_each_run_of_questions() -> None:
    article = parse_markdown_article(_KEYED_IN_PARTS)
    assert article_fronts(_KEYED_IN_PARTS) == [
        "Which index suits range queries? (Hash index / B-tree index / Bitmap index)",
        "Which isolation level allows dirty reads? "
        "(Read uncommitted / Serializable / Repeatable read)",
        "Which statement removes a table with its data? (DELETE / TRUNCATE / DROP)",
        "Explain what a foreign key enforces.",
        "Name two causes of a deadlock.",
        "Why denormalise a reporting table?",
    ]
    answers = article_answers(_KEYED_IN_PARTS)
    assert answers[:3] == ["B-tree index", "Read uncommitted", "DROP"]
    # The fill-in slots go; the written part of the key answers the restarted numbers 2-4.
    assert answers[3] == "- Every value matches a row of the referenced table"
    assert answers[4].startswith("- Two transactions locking rows")
    assert answers[5] == "- Fewer joins when the reports are read"
    assert not [w for w in article.warnings if "answer key" in w]


_SLOT_NOT_KEYED = """### 1. Show the command that lists branches.
```
git branch --list
```

### 2. List two git hosting services.
```
1. ______________
2. ______________
```
"""


def test_a_fill_in_slot_goes_and_a_code_answer_stays() -> None:
    answers = article_answers(_SLOT_NOT_KEYED)
    assert answers[0] == "```\ngit branch --list\n```"
    assert answers[1].startswith("TODO")


_SCORING_TOPIC = """# Search interviews

## Scoring

### 1. How would you score documents for a query?

With BM25 first, then a learned re-ranker.

### 2. Why normalise scores across shards?

Each shard's statistics differ.
"""


def test_a_scoring_section_that_asks_is_no_scoring_guide() -> None:
    assert article_fronts(_SCORING_TOPIC) == [
        "How would you score documents for a query?",
        "Why normalise scores across shards?",
    ]


# --- a solutions page quotes each exercise under its label ---------------------------------

_QUOTED_EXERCISES = """# Solutions

## Question 1

> `1`. Plot the sine function between 0 and
> 2π with a dashed line.

```python
plt.plot(x, np.sin(x), "--")
```

## Question 2


> 2. Compute the mean of the column `price`.

```python
df["price"].mean()
```
"""


def test_a_quote_that_restates_the_label_number_is_the_question() -> None:
    assert article_fronts(_QUOTED_EXERCISES) == [
        "Plot the sine function between 0 and 2π with a dashed line.",
        "Compute the mean of the column `price`.",
    ]
    assert article_answers(_QUOTED_EXERCISES)[0].startswith("```python\nplt.plot")


# --- MyST code cells and toggles --------------------------------------------------------------

_MYST_CELLS = """---
jupytext:
  formats: ipynb,md:myst
kernelspec:
  name: python3
---

# Drills

## 1. How do you square every item of a list?

```{code-cell} ipython3
:tags: [hide-output]

[n * n for n in range(4)]
```

## 2. How do you read a CSV file into a table?

```{toggle}
Use `pandas.read_csv`.
```

## 3. Which R call reads a CSV file?

```{code-cell} r
read.csv("data.csv")
```
"""


def test_myst_code_cells_become_plain_fences_and_toggles_open() -> None:
    assert article_answers(_MYST_CELLS) == [
        "```python\n[n * n for n in range(4)]\n```",
        "Use `pandas.read_csv`.",
        '```r\nread.csv("data.csv")\n```',
    ]


def test_myst_cells_keep_every_line_where_the_document_has_it() -> None:
    # warnings name the document's lines: taken-out options and fences become blank lines
    lines = _MYST_CELLS.splitlines()
    converted = from_myst_cells(lines)
    assert len(converted) == len(lines)
    for code in ("[n * n for n in range(4)]", "Use `pandas.read_csv`.", 'read.csv("data.csv")'):
        assert converted.index(code) == lines.index(code)
    assert converted[lines.index("[n * n for n in range(4)]") - 1] == "```python"
