# ruff: noqa: RUF001  (Cyrillic letters look like Latin ones)
"""`ankigen import article`: classes found on the session-33 real documents (round 39).

Every document here is written for the test, on other topics than the real pages: numbered
quiz headings that end in a colon over their choices ("… EXCEPT:"), choices followed by a line
that names the answer in words (whatever the bullets' bold says), a loop or an expression shown
under an Indonesian question that points at it ("… berikut"), a question's label on its own line
above the next heading, an up-arrow link back to the contents, and a hand-typed list whose items
drift by a space or two.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check
from ankigen.tools.importers.report import ImportError_
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- a numbered heading ending in a colon -------------------------------------------------

_EXCEPT_QUIZ = """# Geography check

## Part A

### 1. All of these are rivers of Africa, EXCEPT:

- Nile
- Danube
- Congo

**Answer**: Danube

---

### 2. Which ocean is the deepest?

- Atlantic
- Pacific

**Answer**: Pacific
"""


def test_a_numbered_heading_ending_in_a_colon_is_a_question_over_its_choices() -> None:
    # It used to be read as a label ("Key points:") and dropped without a word.
    assert article_fronts(_EXCEPT_QUIZ) == [
        "All of these are rivers of Africa, EXCEPT (Nile / Danube / Congo)",
        "Which ocean is the deepest? (Atlantic / Pacific)",
    ]
    assert article_answers(_EXCEPT_QUIZ) == ["Danube", "Pacific"]


_NUMBERED_SECTION_TITLES = """# Release checklist

## 1. What must be true before tagging?

All tests green on the main branch.

## 2. Final Steps:

- bump the version
- push the tag
"""


def test_a_title_cased_numbered_heading_ending_in_a_colon_is_still_no_question() -> None:
    article = parse_markdown_article(_NUMBERED_SECTION_TITLES)
    assert [q.question for q in article.questions] == ["What must be true before tagging?"]


# --- choices, then a line naming the answer -------------------------------------------------

_BOLD_FOR_SHOW = """# Kuis jaringan

### 1. Berapa banyak bit dalam alamat IPv4?

- **16**
- 32
- 64

**Jawaban**: 32

**Penjelasan**: Alamat IPv4 terdiri dari empat oktet.

### 2. Protokol mana yang tidak menjamin urutan paket?

- TCP
- **UDP**

**Jawaban**: UDP
"""


def test_the_answer_line_decides_the_back_whatever_the_bold_marks() -> None:
    # The first item bolds a wrong choice for emphasis; the key line names the right one.
    assert article_fronts(_BOLD_FOR_SHOW) == [
        "Berapa banyak bit dalam alamat IPv4? (16 / 32 / 64)",
        "Protokol mana yang tidak menjamin urutan paket? (TCP / UDP)",
    ]
    answers = article_answers(_BOLD_FOR_SHOW)
    assert answers[0].startswith("32\n\n**Penjelasan**: Alamat IPv4")
    assert answers[1] == "UDP"


_BOLD_CODE_CHOICE = """# Shell quiz

### 1. Which command lists hidden files too?

- `ls`
- **`ls -a`**
- `pwd`

**Correct answer:** `ls -a`
"""


def test_a_bold_code_choice_is_a_choice_and_the_answer_line_its_back() -> None:
    assert article_fronts(_BOLD_CODE_CHOICE) == [
        "Which command lists hidden files too? (`ls` / `ls -a` / `pwd`)"
    ]
    assert article_answers(_BOLD_CODE_CHOICE) == ["`ls -a`"]


_LIST_WITHOUT_ANSWER_LINE = """# Notes

### 1. What does a load balancer do?

- spreads requests over servers
- takes unhealthy servers out of rotation

It sits in front of the pool.
"""


def test_bullets_without_an_answer_line_stay_the_answer() -> None:
    # Near miss: a plain list followed by prose is an answer, not a set of choices.
    assert article_fronts(_LIST_WITHOUT_ANSWER_LINE) == ["What does a load balancer do?"]
    assert article_answers(_LIST_WITHOUT_ANSWER_LINE)[0].startswith(
        "- spreads requests over servers"
    )


# --- an Indonesian pointer at the code below ------------------------------------------------

_INDONESIAN_CODE = """# Latihan Python

### 1. Apa keluaran dari kode berikut?
```python
print(len("halo"))
```

- 3
- **4**
- 5

**Jawaban**: 4
"""


def test_an_indonesian_question_pointing_at_the_code_below_takes_it_into_the_front() -> None:
    assert article_fronts(_INDONESIAN_CODE) == [
        'Apa keluaran dari kode berikut: `print(len("halo"))`? (3 / 4 / 5)'
    ]
    assert article_answers(_INDONESIAN_CODE) == ["4"]


# --- labels and navigation at the end of an answer ----------------------------------------

_LABELS_ABOVE_HEADINGS = """# Вопросы по сетям
___
:white_check_mark: __Q1__
### Маршрутизация
Маршрутизатор выбирает путь пакета по таблице маршрутов.

:arrow_up_small:[К началу](#top)
___
:white_check_mark: Q2
### Коммутация
Коммутатор пересылает кадры по MAC-адресам.

:arrow_up_small:[К началу](#top)
___
:white_check_mark:
### NAT
Транслирует частные адреса в публичный.
"""


def test_the_next_questions_label_and_the_up_arrow_link_leave_the_answer() -> None:
    assert article_answers(_LABELS_ABOVE_HEADINGS) == [
        "Маршрутизатор выбирает путь пакета по таблице маршрутов.",
        "Коммутатор пересылает кадры по MAC-адресам.",
        "Транслирует частные адреса в публичный.",
    ]


_LABEL_INSIDE_AN_ANSWER = """# Puzzles

### What is the next number: 2, 4, 8?

16: each term doubles.

Q2

It is a geometric sequence.
"""


def test_a_label_line_inside_an_answer_stays() -> None:
    # Near miss: only the lines that end an answer are furniture.
    answer = article_answers(_LABEL_INSIDE_AN_ANSWER)[0]
    assert "Q2" in answer
    assert answer.endswith("It is a geometric sequence.")


# --- a hand-typed list whose items drift by a space or two ---------------------------------

_DRIFTING_ITEMS = """# Chemistry drill

- Question: Which gas makes up most of the air?
    - Type: Multiple Choice
    - Choices: oxygen; nitrogen; argon

 - Question: What is the symbol of sodium?
    - Type: Multiple Choice
    - Choices: So; Na; Sd

  - Question: Which acid is in vinegar?
    - Type: Multiple Choice
    - Choices: acetic; citric
"""


def test_items_indented_less_than_the_text_above_are_the_lists_next_items() -> None:
    assert article_fronts(_DRIFTING_ITEMS) == [
        "Which gas makes up most of the air? (oxygen; nitrogen; argon)",
        "What is the symbol of sodium? (So; Na; Sd)",
        "Which acid is in vinegar? (acetic; citric)",
    ]


_NESTED_FOLLOW_UPS = """# Databases

- What is an index?
  - a structure that speeds up lookups
- What is a transaction?
  - a unit of work that commits or rolls back
"""


def test_a_bullet_indented_as_far_as_the_text_above_is_nested() -> None:
    # Near miss: two spaces under "- " reach the item's text, so the bullet is its answer.
    assert article_fronts(_NESTED_FOLLOW_UPS) == ["What is an index?", "What is a transaction?"]
    assert article_answers(_NESTED_FOLLOW_UPS)[0] == "- a structure that speeds up lookups"


# --- AG151: quiz items that ask without a question word -------------------------------------


def _front_findings(tmp_path: Path, front: str) -> list[str]:
    folder = tmp_path / "content" / "drills"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text("name: drills\n", encoding="utf-8")
    (folder / "note.md").write_text(
        f"---\nid: item\n---\n# {front}\n\nThe answer.\n", encoding="utf-8"
    )
    result = check([tmp_path / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    found = run_rules(documents_of(result), LintConfig.model_validate({"select": ["AG151"]}))
    return [finding.code for finding in found]


def test_a_blank_to_fill_and_a_statement_to_judge_are_quiz_prompts(tmp_path: Path) -> None:
    assert _front_findings(tmp_path, "Sebuah objek dibuat oleh ______ kelasnya.") == []
    assert _front_findings(tmp_path, "Himpunan menyimpan urutan sisipan. (Benar / Salah)") == []
    assert _front_findings(tmp_path, "Tuples are immutable. (Maybe / True / False)") == []


def test_a_statement_with_other_choices_is_still_no_question(tmp_path: Path) -> None:
    # Near miss: choices that are not a true/false pair make no statement to judge.
    assert _front_findings(tmp_path, "Tuples are immutable. (Often / Rarely)") == ["AG151"]
    assert _front_findings(tmp_path, "Dropout in Keras") == ["AG151"]


# --- an interviewer's checklist: bold labels over prompts ---------------------------------

_LABELLED_PROMPTS = """## Docker screen

**Images**
* **Layers:** Explain how image layers are cached between builds.
* **Size:** A team's image is 2 GB. Suggest three ways to shrink it.
* **Tags:** Why is `latest` a risky tag in production?

**Runtime**
* **Volumes:**  Describe when a bind mount beats a named volume.

**Notes for the interviewer**
* **Timing:** Keep this screen under twenty minutes.
* **Follow-up:** Pick one answer and go deeper.
"""


def test_a_bold_label_then_a_prompt_is_a_question_and_a_titled_tail_leaves() -> None:
    article = parse_markdown_article(_LABELLED_PROMPTS)
    assert [q.question for q in article.questions] == [
        "Layers: Explain how image layers are cached between builds.",
        "Size: A team's image is 2 GB. Suggest three ways to shrink it.",
        "Tags: Why is `latest` a risky tag in production?",
        "Volumes: Describe when a bind mount beats a named volume.",
    ]
    # The advice under its own bold title is the page's tail, not the last question's answer.
    assert article.questions[-1].answer.startswith("TODO")
    assert any(
        "'**Notes for the interviewer**' and what follows dropped" in w for w in article.warnings
    )


_LABELLED_FACTS = """## Glossary

* **Layer:** a read-only filesystem diff.
* **Volume:** storage that outlives the container.
* **Tag:** a movable name for an image.
"""


def test_bold_labels_over_facts_are_no_questions() -> None:
    # Near miss: a glossary's bullets state facts after their labels; none asks.
    with pytest.raises(ImportError_, match="no questions found"):
        parse_markdown_article(_LABELLED_FACTS)


_BOLD_ARROW_LINK = """# Preguntas de redes

### ¿Qué es un puerto?

Un número que identifica un servicio en un equipo.

**[⬆ Volver arriba](#preguntas-de-redes)**

---

### ¿Qué es TLS?

Un protocolo que cifra la conexión.

**[⬆ Volver arriba](#preguntas-de-redes)**
"""


def test_a_bold_link_opening_with_an_up_arrow_is_navigation() -> None:
    assert article_answers(_BOLD_ARROW_LINK) == [
        "Un número que identifica un servicio en un equipo.",
        "Un protocolo que cifra la conexión.",
    ]


_SHORT_NUMBERED_LABELS = """# Caching notes

#### What is a write-through cache?

### 1. **Where it sits**:
   - Between the application and the database.

### 2. **What it costs**:
   - Every write touches both stores.
"""


def test_a_short_numbered_heading_ending_in_a_colon_stays_a_label_of_the_answer() -> None:
    # Near miss: three words in bold before the colon label a part of the answer above.
    article = parse_markdown_article(_SHORT_NUMBERED_LABELS)
    assert [q.question for q in article.questions] == ["What is a write-through cache?"]
    assert "Every write touches both stores." in article.questions[0].answer
