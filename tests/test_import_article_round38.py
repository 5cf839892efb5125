# ruff: noqa: RUF001  (Ukrainian and Greek letters look like Latin ones)
"""`ankigen import article`: classes found on the session-32 real documents (round 38).

Every document here is written for the test, on other topics than the real pages: numbered
questions whose number is glued to a capitalised word of a script other than English's (the
space after the dot forgotten), one a line with hard breaks; a bold question over an answer
written as an outline (bold labels ending in a colon, the answer's lines indented under them),
which is no multiple-choice list; and short Vietnamese labels in an English answer, which the
English spelling check must leave alone.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.lint.foreign_text import foreign_spans
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- a number glued to a capitalised word of another script ------------------------------

_GLUED_UKRAINIAN = """# Питання про мережі

Короткий список для повторення перед співбесідою.

1.Що таке маска підмережі?\x20\x20
2.Як працює DNS?\x20\x20
3.У чому різниця між TCP і UDP?\x20\x20
4.Навіщо потрібен NAT?
"""


def test_numbers_glued_to_cyrillic_words_are_one_question_a_line() -> None:
    assert article_fronts(_GLUED_UKRAINIAN) == [
        "Що таке маска підмережі?",
        "Як працює DNS?",
        "У чому різниця між TCP і UDP?",
        "Навіщо потрібен NAT?",
    ]


_GLUED_SOFT_WRAP = """# Питання про мережі

5.Що таке VLAN?\x20\x20
6.Різниця між `ping` і `traceroute`?
7.Що таке MTU?
"""


def test_a_glued_number_opens_a_question_even_without_the_hard_break_before_it() -> None:
    # Line 6 lacks the two spaces: the lines still hold one question each.
    assert article_fronts(_GLUED_SOFT_WRAP) == [
        "Що таке VLAN?",
        "Різниця між `ping` і `traceroute`?",
        "Що таке MTU?",
    ]


_GLUED_GREEK = """# Ερωτήσεις δικτύων

1.Τι είναι το ARP;

Αντιστοιχίζει διευθύνσεις IP σε διευθύνσεις MAC.

2.Τι κάνει ένας δρομολογητής;

Προωθεί πακέτα ανάμεσα σε δίκτυα.
"""


def test_numbers_glued_to_greek_words_are_questions() -> None:
    # The Greek question mark is typed as ";": a numbered item asks with it, as a heading does.
    assert article_fronts(_GLUED_GREEK) == ["Τι είναι το ARP;", "Τι κάνει ένας δρομολογητής;"]
    spaced = _GLUED_GREEK.replace("1.", "1. ").replace("2.", "2. ")
    assert article_fronts(spaced) == ["Τι είναι το ARP;", "Τι κάνει ένας δρομολογητής;"]


_STATEMENTS_IN_AN_ANSWER = """# C drills

## 1. What ends a statement in C?

1. x = 1;
2. y = x + 1;
"""


def test_latin_items_ending_in_a_semicolon_ask_nothing() -> None:
    assert article_fronts(_STATEMENTS_IN_AN_ANSWER) == ["What ends a statement in C?"]


_GLUED_NON_SENTENCES = """# Release questions

## 1. What changed in the cache release?

1.5x faster start-up on a cold cache.
2.NET Core support was dropped.
"""


def test_a_number_glued_to_digits_or_capitals_opens_no_question() -> None:
    assert article_fronts(_GLUED_NON_SENTENCES) == ["What changed in the cache release?"]
    (answer,) = article_answers(_GLUED_NON_SENTENCES)
    assert "1.5x faster" in answer
    assert "2.NET Core" in answer


# --- an answer outline under a bold question -----------------------------------------------

_OUTLINED_ANSWER = """# Database design rehearsal

**Q3: "How would you shard a table of users?"**
- **Short answer:**
  - "By the user's id."
  - "Hash the id and take it modulo the shard count."

- **Longer answer:**
  - "Hash the user id with a stable function so that every request for a user lands on one shard."

**Q4: "Why keep a read replica?"**
- **Answer:**
  - "To serve reads without loading the primary."
  - "To fail over quickly when the primary dies."
  - "To run reports on fresh data."
"""


def test_bold_labels_over_indented_items_are_the_answer_not_choices() -> None:
    assert article_fronts(_OUTLINED_ANSWER) == [
        "How would you shard a table of users?",
        "Why keep a read replica?",
    ]
    shard, replica = article_answers(_OUTLINED_ANSWER)
    assert "By the user's id." in shard
    assert "Longer answer" in shard
    assert "modulo the shard count" in shard
    assert "without loading the primary" in replica
    assert "fresh data" in replica


_BOLD_CHOICE = """# Network quiz

**Which protocol turns names into addresses?**
- ARP
- **DNS**
- ICMP
"""


def test_a_bold_choice_among_plain_siblings_is_still_the_marked_one() -> None:
    assert article_fronts(_BOLD_CHOICE) == [
        "Which protocol turns names into addresses? (ARP / DNS / ICMP)"
    ]
    assert article_answers(_BOLD_CHOICE) == ["DNS"]


# --- short Vietnamese labels in an English answer -----------------------------------------


def test_a_short_vietnamese_label_line_reads_foreign() -> None:
    prose = "**Trả lời ngắn:**\nIt spreads the requests across servers.\n"
    spans = foreign_spans(prose)
    assert spans == [(0, prose.index("\n"))]


def test_one_vietnamese_name_does_not_make_an_english_line_foreign() -> None:
    assert foreign_spans("The talk by Nguyễn covered load balancers in depth.") == []


def test_spelling_skips_vietnamese_labels_but_not_english_slips(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "drills"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text("name: drills\n")
    (folder / "note.md").write_text(
        "---\nid: balancer\n---\n# What does a load balancer do?\n\n"
        "- **Trả lời dễ:**\n  - It spreads requests acros servers.\n"
        "- **Trả lời khó hơn:**\n  - It keeps a pool of healthy servers.\n",
        encoding="utf-8",
    )
    result = check([tmp_path / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    found = run_rules(documents_of(result), LintConfig.model_validate({"select": ["AG111"]}))
    assert [d.message.split("'")[1] for d in found] == ["acros"]


# --- a Spanish question label without its number -----------------------------------------

_UNNUMBERED_PREGUNTA = """REDES
=====

P1. ¿Qué capa del modelo OSI enruta paquetes?

    A. Enlace
    B. Red

P2. ¿Qué puerto usa HTTPS por defecto?

    A. 80
    B. 443

DIRECCIONES
===========

P ¿Qué protocolo asigna direcciones IP automáticamente?

    A. DNS
    B. DHCP

P3. ¿Cuántos bits tiene una dirección IPv4?

    A. 32
    B. 64

Pregunta: ¿Qué máscara corresponde a /24?

    A. 255.255.255.0
    B. 255.255.0.0

Presentación: ¿por qué repasar redes antes del examen?
"""


def test_a_pregunta_label_without_its_number_asks_among_numbered_ones() -> None:
    article = parse_markdown_article(_UNNUMBERED_PREGUNTA)
    assert [q.question for q in article.questions] == [
        "¿Qué capa del modelo OSI enruta paquetes?",
        "¿Qué puerto usa HTTPS por defecto?",
        "¿Qué protocolo asigna direcciones IP automáticamente?",
        "¿Cuántos bits tiene una dirección IPv4?",
        "¿Qué máscara corresponde a /24?",
    ]
    assert not any("rejected" in warning for warning in article.warnings)
    # A label that is no "P" or "Pregunta" before the mark stays text of the answer above.
    assert "Presentación: ¿por qué" in article.questions[-1].answer


# --- a front pointing at "the following" block ------------------------------------------

_POINTS_AT_A_BLOCK = """# Markdown drills

## Question 1

> 1. Write a cell with the following and check how it renders:

    ```md
    ## Shopping list

    - eggs
    - flour
    ```

The heading shows large and the items as bullets.

## Question 2

> 2. Explain the following.

Headings take one to six hash marks.
"""


def test_a_front_pointing_at_the_following_block_is_warned_and_keeps_its_back() -> None:
    article = parse_markdown_article(_POINTS_AT_A_BLOCK)
    assert [q.question for q in article.questions] == [
        "Write a cell with the following and check how it renders",
        "Explain the following.",
    ]
    assert "## Shopping list" in article.questions[0].answer
    pointed = [w for w in article.warnings if "points at the block below it" in w]
    # Only the first: the second points at a paragraph, which is its answer.
    assert [w.split(":")[0] for w in pointed] == ["question 1"]


# --- lint on the prose of other languages ---------------------------------------------


def _codes(tmp_path: Path, front: str, back: str, code: str) -> list[str]:
    """The findings of one rule on a note of the given front and back."""
    folder = tmp_path / "content" / "drills"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text("name: drills\n")
    (folder / "note.md").write_text(f"---\nid: drill\n---\n# {front}\n\n{back}\n", encoding="utf-8")
    result = check([tmp_path / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    found = run_rules(documents_of(result), LintConfig.model_validate({"select": [code]}))
    return [d.message for d in found]


def test_a_french_infinitive_instruction_is_a_prompt(tmp_path: Path) -> None:
    front = "Citer trois protocoles de la couche transport"
    assert _codes(tmp_path, front, "TCP, UDP et SCTP.", "AG151") == []


def test_an_english_noun_that_french_also_has_is_no_prompt(tmp_path: Path) -> None:
    front = "Identifier naming rules in the standard library"
    assert _codes(tmp_path, front, "Lower case with underscores.", "AG151") != []


def test_a_korean_word_repeated_for_emphasis_is_no_doubled_word(tmp_path: Path) -> None:
    back = "학습률이 작으면 손실이 천천히 천천히 줄어든다."
    assert _codes(tmp_path, "학습률이 작으면 어떻게 되나요?", back, "AG134") == []


def test_an_english_word_doubled_in_a_korean_note_is_still_a_slip(tmp_path: Path) -> None:
    back = "이 함수는 the the 손실을 계산한다."
    assert _codes(tmp_path, "이 함수는 무엇을 하나요?", back, "AG134") != []
