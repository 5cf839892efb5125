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

from tests.article_helpers import article_answers, article_fronts

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

1.Τι είναι το ARP?

Αντιστοιχίζει διευθύνσεις IP σε διευθύνσεις MAC.

2.Τι κάνει ένας δρομολογητής?

Προωθεί πακέτα ανάμεσα σε δίκτυα.
"""


def test_numbers_glued_to_greek_words_are_questions() -> None:
    assert article_fronts(_GLUED_GREEK) == ["Τι είναι το ARP?", "Τι κάνει ένας δρομολογητής?"]


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
