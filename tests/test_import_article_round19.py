"""`ankigen import article`: classes found on the session-15 real documents.

Every document here is written for the test, on other topics than the real pages: quiz items
whose ticked task-list box marks the answer; titled items that ask in a plain paragraph over
their choices or an answer toggle; items titled by a bare number; answer toggles labelled in
Spanish or Portuguese; fronts whose slug is only a number.
"""

from __future__ import annotations

from ankigen.tools.importers.article_notes import note_id_base
from tests.article_helpers import article_answers, article_fronts

_TICKED_QUIZ = """# Astronomy check

### Question 1: Nearest star

**Which star is closest to Earth?**

* [ ] Sirius
* [x] The Sun
* [ ] Vega

**Explanation**

The Sun is about eight light-minutes away.

---

### Question 2: What is a light-year?

**A light-year measures which quantity?**

* [x] Distance
* [ ] Time

**Explanation**

It is the distance light covers in a year.

---

### Question 3: Moons

**Jupiter's largest moon is \\_\\_\\_\\_\\_.**

* [ ] Titan
* [x] Ganymede

**Explanation**

Ganymede is larger than Mercury.
"""


def test_a_ticked_box_is_the_answer_never_the_front() -> None:
    fronts = article_fronts(_TICKED_QUIZ)
    assert fronts == [
        "Nearest star: Which star is closest to Earth? (Sirius / The Sun / Vega)",
        "What is a light-year: A light-year measures which quantity? (Distance / Time)",
        "Moons: Jupiter's largest moon is \\_\\_\\_\\_\\_. (Titan / Ganymede)",
    ]
    assert all("[x]" not in front and "[ ]" not in front for front in fronts)
    answers = article_answers(_TICKED_QUIZ)
    assert answers[0].startswith("The Sun")  # the ticked choice opens the back
    assert answers[2].startswith("Ganymede")
    assert "larger than Mercury" in answers[2]


def test_plain_choices_keep_their_old_front() -> None:
    # Near miss: choices without boxes give no "Answer:" line (nothing marks the right one).
    text = "### Question 1: Tides\n\n**What mainly causes the tides?**\n\n- The Moon\n- Wind\n"
    assert article_fronts(text) == ["Tides: What mainly causes the tides? (The Moon / Wind)"]
    assert article_answers(text) == ["TODO: the article gives no answer to this question."]


_TITLED_PROMPTS = """# Geology drill

## Q1 - Rock types

Which rock forms from cooled lava?

- A granite
- B basalt

<details>
<summary>Answer</summary>

**B** Basalt cools quickly at the surface.

</details>

## Q2 - Plates

Name the boundary where two plates slide past each other.

<details>
<summary>Answer</summary>

A transform boundary, such as the San Andreas fault.

</details>
"""


def test_a_prompt_over_choices_or_a_toggle_is_the_front() -> None:
    assert article_fronts(_TITLED_PROMPTS) == [
        "Rock types: Which rock forms from cooled lava? (A granite / B basalt)",
        "Plates: Name the boundary where two plates slide past each other.",
    ]
    answers = article_answers(_TITLED_PROMPTS)
    assert answers[0].startswith("**B** Basalt")
    assert answers[1].startswith("A transform boundary")


def test_a_titled_item_answered_in_prose_keeps_its_title() -> None:
    # Near miss: no choices and no toggle, so the paragraph is the answer, not a prompt.
    text = (
        "# Notes\n\n## 1. Basalt\n\nBasalt is a dark volcanic rock.\n\nIt cools fast.\n\n"
        "## 2. Granite\n\nGranite cools slowly underground.\n"
    )
    assert article_fronts(text) == ["Basalt", "Granite"]


_NUMBER_TITLES = """# Pequeño quiz de Python

## ⬛ 1

¿Qué imprime este código?

```python
print(len("hola"))
```

- A: 3
- B: 4

<details><summary><b>✅ RESPUESTA CORRECTA</b></summary>

**B**: `len` cuenta cuatro letras.

</details>

## ⬛ 2

¿Qué devuelve esta expresión?

```python
a = [1, 2]
b = a
b.append(3)
print(a)
```

- A: [1, 2]
- B: [1, 2, 3]

<details><summary><b>Ver solución</b></summary>

**B**: las dos variables nombran la misma lista.

</details>

## ⬛ 3

¿Qué valor tiene `x`?

```python
x = 7 // 2
```

- A: 3
- B: 3.5

<details><summary>Respuesta</summary>

**A**: la división entera descarta los decimales.

</details>
"""


def test_a_number_title_gives_way_to_the_prompt_and_its_code() -> None:
    fronts = article_fronts(_NUMBER_TITLES)
    assert fronts == [
        '¿Qué imprime este código: `print(len("hola"))`? (A: 3 / B: 4)',
        "¿Qué devuelve esta expresión? (A: [1, 2] / B: [1, 2, 3])",
        "¿Qué valor tiene `x`: `x = 7 // 2`? (A: 3 / B: 3.5)",
    ]
    answers = article_answers(_NUMBER_TITLES)
    assert answers[0].startswith("**B**: `len`")  # the Spanish toggle label is dropped
    assert answers[1].startswith("```python\na = [1, 2]")  # too long for the front
    assert "Ver solución" not in answers[1]


def test_ids_made_only_of_digits_are_prefixed() -> None:
    # "06 (单选)…" keeps only its number as a slug; YAML would read a bare "06" as an integer.
    assert note_id_base("06 (单选)特征缩放的作用") == "note-06"
    assert note_id_base("1") == "note-1"
    assert note_id_base("What is 42?") == "what-is-42"  # near miss: words stay as they are
