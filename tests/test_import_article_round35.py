"""`ankigen import article`: classes found on the session-29 real documents (round 35).

Every document here is written for the test, on other topics than the real pages: questions
that point at the code below them in German and Portuguese inflections, multiple-choice
questions whose choices are a task list or a lettered block with the right one marked, and a
reStructuredText FAQ.
"""

from __future__ import annotations

from tests.article_helpers import (
    article_answers,
    article_fronts,
)

# --- a question that points at the code below it -------------------------------------------

_POINTING_QUESTIONS = """# Kurzquiz

## 1. Was gibt die Ausführung des folgenden Codes aus?

```python
print(len("Baum"))
```

Die Zahl 4.

## 2. Was liefert der Aufruf des folgenden Shell-Codes?

```bash
echo $((6 / 4))
```

Die Zahl 1, weil die Shell ganzzahlig teilt.

## 3. Qual é o valor de `total` depois das seguintes instruções?

```python
total = 2
total = total * 5
```

O valor 10.

## 4. What is the output of the code?

```python
print(sorted("cab"))
```

The list `['a', 'b', 'c']`.
"""


def test_inflected_pointers_at_the_code_below_move_it_into_the_front() -> None:
    assert article_fronts(_POINTING_QUESTIONS) == [
        'Was gibt die Ausführung des folgenden Codes aus: `print(len("Baum"))`?',
        "Was liefert der Aufruf des folgenden Shell-Codes: `echo $((6 / 4))`?",
        "Qual é o valor de `total` depois das seguintes instruções: "
        "`total = 2; total = total * 5`?",
        'What is the output of the code: `print(sorted("cab"))`?',
    ]
    assert article_answers(_POINTING_QUESTIONS)[0] == "Die Zahl 4."


_NOT_POINTING = """# Notes

## 1. Wie verbessert man die Lesbarkeit des Codes?

```python
total_price = unit_price * quantity
```

Sprechende Namen wählen.

## 2. Quais são as seguintes etapas de um deploy?

```bash
git push
```

Primeiro o push, depois o build.
"""


def test_a_question_about_code_in_general_keeps_its_answer_code() -> None:
    # "des Codes" without "Ausgabe" and "seguintes etapas" (steps) point at nothing below.
    assert article_fronts(_NOT_POINTING) == [
        "Wie verbessert man die Lesbarkeit des Codes?",
        "Quais são as seguintes etapas de um deploy?",
    ]
    assert article_answers(_NOT_POINTING)[0].startswith("```python")


# --- "Correct answer:" labels the answer --------------------------------------------------

_SELF_CHECK = """# Week 3 self-check

### 1. What does a DNS resolver cache?

**Your answer:**


**Correct answer:** The records it looked up, each until its time-to-live runs out.

---

### 2. ¿Qué puerto usa HTTPS por defecto?

**Respuesta correcta:** El 443.
"""


def test_a_correct_answer_label_opens_the_answer_and_goes() -> None:
    assert article_fronts(_SELF_CHECK) == [
        "What does a DNS resolver cache?",
        "¿Qué puerto usa HTTPS por defecto?",
    ]
    assert article_answers(_SELF_CHECK) == [
        "The records it looked up, each until its time-to-live runs out.",
        "El 443.",
    ]
