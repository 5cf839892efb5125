"""`ankigen import article`: classes found on the session-15 real documents.

Every document here is written for the test, on other topics than the real pages: quiz items
whose ticked task-list box marks the answer; titled items that ask in a plain paragraph over
their choices or an answer toggle; items titled by a bare number; answer toggles labelled in
Spanish or Portuguese; fronts whose slug is only a number.
"""

from __future__ import annotations

from ankigen.tools.importers.article_notes import note_id_base
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

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


_BULLETED_NUMBERS = """**REPASO**

- 1.¿Qué planeta es el más grande?

Júpiter

- 2. ¿Cuántas lunas tiene Marte?
Dos: Fobos y Deimos.

- 3. El Sol es una estrella enana amarilla.
Verdadero

4. ¿Qué gas abunda en la atmósfera de Venus?
Dióxido de carbono
"""


def test_numbered_questions_written_as_bullets() -> None:
    assert article_fronts(_BULLETED_NUMBERS) == [
        "¿Qué planeta es el más grande?",
        "¿Cuántas lunas tiene Marte?",
        "El Sol es una estrella enana amarilla.",
        "¿Qué gas abunda en la atmósfera de Venus?",
    ]
    assert article_answers(_BULLETED_NUMBERS)[1] == "Dos: Fobos y Deimos."


def test_bulleted_steps_under_a_question_stay_in_its_answer() -> None:
    # Near miss: "- 1. …" steps nested under an answer are no questions.
    text = (
        "1. How do you brew tea?\n\n    - 1. Boil the water.\n    - 2. Steep the leaves.\n\n"
        "2. How do you store tea?\n\nIn a dry, dark tin.\n"
    )
    assert article_fronts(text) == ["How do you brew tea?", "How do you store tea?"]


_TYPED_ITEMS = """## 复习题

- 01 (单选)光合作用主要发生在细胞的哪个部分
- 02 (判断)所有细菌都有细胞核
- 03 (简答)说明呼吸作用的意义
- 04 (填空)水的化学式是____
"""


def test_items_marked_with_an_exam_type_are_questions() -> None:
    assert article_fronts(_TYPED_ITEMS) == [
        "(单选)光合作用主要发生在细胞的哪个部分",
        "(判断)所有细菌都有细胞核",
        "(简答)说明呼吸作用的意义",
        "(填空)水的化学式是____",
    ]


_UNANSWERED_RUN = """---
title: 面试题清单
---

下面是一些常见题目。答案以后再补。

#### **实现快速排序**

#### **手写二分查找**

#### **How does a hash map resolve collisions?**

#### **Why is quicksort fast on average?**

#### **Merge sort vs heap sort**
"""


def test_a_run_of_unanswered_headings_before_the_first_question_is_kept() -> None:
    fronts = article_fronts(_UNANSWERED_RUN)
    assert fronts[:2] == ["实现快速排序", "手写二分查找"]
    assert len(fronts) == 5


def test_a_section_title_before_the_questions_stays_out() -> None:
    # Near miss: text between the title heading and the first question ends the run.
    text = (
        "#### **Overview**\n\nA short list for revision.\n\n#### **What is a heap?**\n\n"
        "#### **What is a trie?**\n\n#### **What is a deque?**\n"
    )
    assert article_fronts(text) == ["What is a heap?", "What is a trie?", "What is a deque?"]


_GROUPED_BULLETS = """# Networking

* What is a packet?
* What does DNS do?
* Transport layer
    * What is TCP?
    * What is UDP?
* Security
  * What is TLS?
  * What is a firewall?
"""


def test_nested_questions_under_a_group_bullet() -> None:
    assert article_fronts(_GROUPED_BULLETS) == [
        "What is a packet?",
        "What does DNS do?",
        "What is TCP?",
        "What is UDP?",
        "What is TLS?",
        "What is a firewall?",
    ]
    answers = article_answers(_GROUPED_BULLETS)
    assert not any("Security" in answer or "Transport layer" in answer for answer in answers)


def test_nested_answers_are_not_questions() -> None:
    # Near miss: nested bullets that answer (do not ask) stay the answer.
    text = (
        "- What is a packet?\n  - a unit of data sent over a network\n"
        "- What does DNS do?\n  - it maps names to addresses\n"
    )
    assert article_fronts(text) == ["What is a packet?", "What does DNS do?"]
    assert article_answers(text)[1] == "- it maps names to addresses"


def test_a_quoted_bullet_answer_label_goes() -> None:
    text = (
        "## 1. What is a glacier?\n> * A: 一大片缓慢移动的冰。\n"
        "## 2. What is a fjord?\n> * A: 被冰川切割的狭长海湾。\n"
    )
    assert article_answers(text) == ["一大片缓慢移动的冰。", "被冰川切割的狭长海湾。"]


def test_a_label_with_a_hard_break_leaves_no_backslash() -> None:
    text = (
        "#### 1. What is erosion?  \nAnswer:  \nThe wearing away of rock by wind and water.\n\n"
        "#### 2. What is a delta?  \nAnswer:  \nLand formed where a river drops its silt.\n"
    )
    answers = article_answers(text)
    assert answers[0] == "The wearing away of rock by wind and water."
    assert not any(answer.startswith("\\") for answer in answers)


_SHEET_FROM_21 = """21. Crie uma lista com três frutas e imprima o tamanho com a função len() para
conferir o resultado.

---

22. Escreva um código que imprima a segunda fruta da lista.

---

23. Seu colega pediu para ordenar a lista. Escreva um código que faça isso e imprima
a lista ordenada.

---

24. Qual método remove o último item de uma lista?

- [ ] pop()
- [ ] push()

---

25. Qual é a diferença entre uma lista e uma tupla?
"""


def test_an_exercise_sheet_that_starts_mid_series_keeps_its_first_items() -> None:
    fronts = article_fronts(_SHEET_FROM_21)
    assert len(fronts) == 5
    assert fronts[0] == (
        "Crie uma lista com três frutas e imprima o tamanho com a função len() para "
        "conferir o resultado."
    )
    assert fronts[2].endswith("imprima a lista ordenada.")


def test_numbered_steps_before_the_questions_are_still_a_preamble() -> None:
    # Near miss: a numbered list that does not run into the first question's number.
    text = (
        "Before you start:\n\n1. Install Python.\n2. Open a terminal.\n3. Clone the repo.\n\n"
        "## Questions\n\n10. What does `git clone` do?\n\nIt copies a repository.\n\n"
        "11. What does `git pull` do?\n\nIt fetches and merges.\n"
    )
    assert article_fronts(text) == ["What does `git clone` do?", "What does `git pull` do?"]


_PAGE_WITH_TAIL = """# Sample questions

1. ### What is a ledger?

   A record of transactions.

2. ### What is double-entry bookkeeping?

   Every entry has a matching opposite entry.

See also our [glossary](https://example.com/glossary).

Source of this page:

```md
1. ### What is a ledger?
```
"""


def test_text_after_the_last_indented_item_is_not_its_answer() -> None:
    parsed = parse_markdown_article(_PAGE_WITH_TAIL)
    assert [q.answer for q in parsed.questions] == [
        "A record of transactions.",
        "Every entry has a matching opposite entry.",
    ]
    assert any("after the last list item" in warning for warning in parsed.warnings)


def test_an_unindented_last_answer_keeps_its_paragraphs() -> None:
    # Near miss: answers written at the margin are not cut after a blank line.
    text = (
        "1. What is a ledger?\n\nA record of transactions.\n\n"
        "2. What is an audit?\n\nAn independent check of the books.\n\nIt is done yearly.\n"
    )
    assert article_answers(text)[1] == "An independent check of the books.\n\nIt is done yearly."


def test_a_section_after_an_unanswered_list_is_not_the_last_answer() -> None:
    text = (
        "# Revision\n\n* What is a volcano?\n* What is magma?\n* What is a caldera?\n\n"
        "### Going deeper\n* [Volcano basics](https://example.com/volcanoes)\n"
    )
    parsed = parse_markdown_article(text)
    assert [q.answer for q in parsed.questions][-1].startswith("TODO")
    assert any("not the last one's answer" in warning for warning in parsed.warnings)


def test_a_heading_inside_an_answered_list_stays() -> None:
    # Near miss: when the questions have answers, a sub-heading may belong to the last one.
    text = (
        "1. What is a volcano?\n\nA vent in the crust.\n\n2. What is magma?\n\nMolten rock.\n\n"
        "3. What is a caldera?\n\n#### Example\n\nCrater Lake fills one.\n"
    )
    assert "Crater Lake" in article_answers(text)[-1]


def test_a_sentence_broken_at_the_margin_stays_in_the_last_answer() -> None:
    # Near miss: a line at the margin that goes on with "." or in lower case is no tail.
    text = (
        "1. What is a ledger?\n\n   - A record of transactions that\n\n"
        ". Each entry is dated.\n   - It is kept in order.\n\n"
        "2. What is an audit?\n\n   - An independent check of the books, done\n\n"
        ". every year by an outside firm.\n"
    )
    assert "every year by an outside firm" in article_answers(text)[1]


def test_a_completion_prompt_keeps_its_colon() -> None:
    text = (
        "1. ¿Qué es HTTP?\nUn protocolo.\n\n2. El puerto por defecto de HTTP se conoce como:\n"
        "El 80\n\n3. ¿Qué es TLS?\nCifrado.\n\n4. The default port of SSH is:\n22\n"
    )
    fronts = article_fronts(text)
    assert fronts[1] == "El puerto por defecto de HTTP se conoce como:"
    assert fronts[3] == "The default port of SSH is:"


def test_a_label_colon_still_goes() -> None:
    # Near miss: a title-like label ("Key points:") keeps losing its colon.
    text = (
        "1. What is TLS?\nEncryption.\n\n2. Key points:\nIt runs over TCP.\n\n"
        "3. What is TCP?\nA protocol.\n"
    )
    assert "Key points" in article_fronts(text)
