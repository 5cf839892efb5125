# ruff: noqa: RUF001  (the questions are written in Greek and Cyrillic letters)
"""`ankigen import article`: classes found on the session-27 real documents (round 33).

Every document here is written for the test, on other topics than the real pages: Jupyter
notebooks, inline bold label pairs, several numbered questions on one line, Greek questions
ending in ";".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ankigen.tools.importers.article_inline_pairs import join_inline_pairs
from ankigen.tools.importers.article_lines import TEXT
from ankigen.tools.importers.article_notebook import notebook_markdown
from ankigen.tools.importers.report import ImportError_
from tests.article_helpers import (
    article_answers,
    article_fronts,
    import_into_drills,
    parse_markdown_article,
)

# --- Jupyter notebooks ----------------------------------------------------------------------


def _notebook(*cells: dict[str, object], language: str = "python") -> str:
    return json.dumps(
        {
            "cells": list(cells),
            "metadata": {"kernelspec": {"language": language, "name": "k"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def _markdown(*source: str) -> dict[str, object]:
    return {"cell_type": "markdown", "metadata": {}, "source": list(source)}


def _code(*source: str, printed: str = "") -> dict[str, object]:
    outputs = [{"name": "stdout", "output_type": "stream", "text": [printed]}] if printed else []
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "outputs": outputs,
        "source": list(source),
    }


_COMMENT_QUESTIONS = _notebook(
    _markdown("## Warm-up drills"),
    _code(
        "# Question 1: Sum the even numbers below fifty.\n",
        "print(sum(n for n in range(50) if n % 2 == 0))",
        printed="600\n",
    ),
    _code(
        "# Question 2: Print the keys of a dictionary in sorted order.\n",
        "\n",
        "ages = {'tom': 3, 'ann': 5}\n",
        "print(sorted(ages))",
        printed="['ann', 'tom']\n",
    ),
)


def test_a_question_comment_opening_a_code_cell_is_the_front_and_the_cell_its_answer(
    tmp_path: Path,
) -> None:
    deck, _ = import_into_drills(tmp_path, "drills.ipynb", _COMMENT_QUESTIONS)
    note = (deck / "print-the-keys-of-a-dictionary-in-sorted-order.md").read_text("utf-8")
    assert "# Print the keys of a dictionary in sorted order." in note
    assert "```python\nages = {'tom': 3, 'ann': 5}\nprint(sorted(ages))\n```" in note
    assert "Output:\n\n```text\n['ann', 'tom']\n```" in note
    assert "Question 2" not in note
    assert (deck / "sum-the-even-numbers-below-fifty.md").exists()


def test_markdown_cells_with_question_headings_are_read_as_written() -> None:
    text = _notebook(
        _markdown("# Shell quiz"),
        _markdown("### 1. What does `chmod +x` change?"),
        _markdown("It sets the execute bit, so the file can be run."),
        _markdown("### 2. How do you list hidden files?"),
        _code("ls -a", printed=".  ..  .profile\n"),
        language="bash",
    )
    markdown = notebook_markdown(text, "shell.ipynb").text
    assert article_fronts(markdown) == [
        "What does `chmod +x` change?",
        "How do you list hidden files?",
    ]
    assert article_answers(markdown)[1].startswith("```bash\nls -a\n```")


def test_a_plain_comment_opening_a_code_cell_stays_in_the_code() -> None:
    # Only a comment that labels a question with its number is lifted out of the cell.
    text = _notebook(
        _markdown("### What does this loop print?"),
        _code("# count down from three\n", "for i in (3, 2, 1):\n", "    print(i)"),
    )
    markdown = notebook_markdown(text, "loop.ipynb").text
    assert "```python\n# count down from three\nfor i in (3, 2, 1):" in markdown


def test_warnings_about_a_notebook_name_its_cells(tmp_path: Path) -> None:
    text = _notebook(
        _code("# Question 1: Reverse a list in place.\n", "xs.reverse()"),
        _markdown("A list also has `sort`, which works in place too."),
        _code("# Question 4: Drop the duplicates of a list, keeping order.\n", "dict.fromkeys(xs)"),
    )
    _, reported = import_into_drills(tmp_path, "lists.ipynb", text)
    assert any(line.startswith("cell 3: the numbering jumps") for line in reported), reported


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"cells": [', "broken.ipynb:1:12: not a Jupyter notebook"),
        ('{"worksheets": []}', "broken.ipynb: not a Jupyter notebook: it has no list of cells"),
        ('{"cells": [3]}', "broken.ipynb: cell 1 is not a JSON object"),
    ],
)
def test_a_file_that_is_no_notebook_is_a_clear_error(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ImportError_, match=message.replace(".", r"\.")):
        import_into_drills(tmp_path, "broken.ipynb", text)


# --- a question label and an answer label in bold on one line --------------------------------

_ONE_LINE_PAIRS = """# Storage notes

**Q:** Why shard a table? **A:** To spread its writes over several servers.

**Q:** What does a write-ahead log protect? **A:** Committed changes, across a crash.

**Q:** Name two isolation levels. **A:** Read committed and serializable.
"""


def test_one_line_q_and_a_pairs_are_questions_with_their_answers() -> None:
    assert article_fronts(_ONE_LINE_PAIRS) == [
        "Why shard a table?",
        "What does a write-ahead log protect?",
        "Name two isolation levels.",
    ]
    assert article_answers(_ONE_LINE_PAIRS) == [
        "To spread its writes over several servers.",
        "Committed changes, across a crash.",
        "Read committed and serializable.",
    ]


def test_numbered_pairs_in_another_language_and_numbered_cards() -> None:
    russian = (
        "## Сети\n\n"
        "1. **Вопрос:** Что делает DNS? **Ответ:** Переводит имена в адреса.\n"
        "2. **Вопрос:** Зачем нужен NAT? **Ответ:** Чтобы делить один адрес на многих.\n"
        "3. **Вопрос:** Что такое TTL? **Ответ:** Сколько шагов живёт пакет.\n"
    )
    assert article_fronts(russian) == ["Что делает DNS?", "Зачем нужен NAT?", "Что такое TTL?"]
    assert article_answers(russian)[1] == "Чтобы делить один адрес на многих."
    # A card's number is no part of its question; a card that asks, then prompts, is one too.
    cards = (
        "# Fiches de géologie\n\n"
        "**Card 1:** Qu'est-ce qu'un magma ? **Réponse:** Une roche fondue sous la surface.\n\n"
        "**Card 2:** Le basalte est-il volcanique ? Donnez un exemple. **Réponse:** Oui, "
        "l'Islande.\n\n"
        "**Card 3:** Qu'est-ce qu'une faille ? **Réponse:** Une cassure où les blocs glissent.\n"
    )
    assert article_fronts(cards) == [
        "Qu'est-ce qu'un magma ?",
        "Le basalte est-il volcanique ? Donnez un exemple.",
        "Qu'est-ce qu'une faille ?",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "**Note:** keep two copies offsite. **Answer:** see the runbook.",  # no question label
        "**Q:** Is **fsync** slow? **A:** On spinning disks, yes.",  # bold inside the question
        "**Q:** Why replicate? Because disks fail.",  # no answer label on the line
    ],
)
def test_lines_that_are_no_one_line_pair_are_left_as_written(line: str) -> None:
    lines, kinds = [line], [TEXT]
    join_inline_pairs(lines, kinds)
    assert lines == [line]


# --- an answer key under the second of two numbered lists ------------------------------------

_FLASHCARDS_AND_QUIZ = """# Containers

## 1. Flashcards

1. **What is a pod?** The smallest unit the scheduler places.
2. **What is a node?** A machine that runs pods.
3. **What is a namespace?** A scope for names and quotas.

## 2. Quiz

1. Why are pods given their own IP address?
2. What restarts a crashed container?
3. Where does a pod's configuration come from?

### Answers

1. So that containers in different pods can use the same port.
2. The kubelet, following the pod's restart policy.
3. From the manifest, with values from config maps and secrets.
"""


def test_an_answer_key_answers_the_numbered_list_right_above_it(tmp_path: Path) -> None:
    answers = article_answers(_FLASHCARDS_AND_QUIZ)
    assert answers[:3] == [
        "The smallest unit the scheduler places.",
        "A machine that runs pods.",
        "A scope for names and quotas.",
    ]
    assert answers[3] == "**Answer:** So that containers in different pods can use the same port."
    assert answers[5].endswith("values from config maps and secrets.")
    _, reported = import_into_drills(tmp_path, "containers.md", _FLASHCARDS_AND_QUIZ)
    assert not any("has no answer" in line for line in reported), reported


# --- a numbered heading over sub-sections is a part of the page ------------------------------

_PARTS = """# Caching

## 1. Cards

1. What is a cache hit?

   A read served from the cache.

2. What is write-through?

   Writing to the cache and the store together.

3. What is an eviction policy?

   The rule that picks what leaves a full cache.

4. What is a cold start?

   The first reads, before the cache holds anything.

5. What is a TTL?

   How long an entry may be served before it is read again.

## 2. Drills

### Drill A

A cache holds 100 entries and gets 120 distinct keys in a loop. What is the hit rate with LRU?

**Answer:** Zero: every key is evicted before it comes back.

## 3. Harder drills

### Drill B

Two readers miss the same key at once. How many loads reach the store without a lock?

**Answer:** Two, one per reader: a stampede.
"""


def test_a_numbered_heading_right_over_a_deeper_heading_is_no_note(tmp_path: Path) -> None:
    assert not any("drills" in front for front in article_fronts(_PARTS))
    _, reported = import_into_drills(tmp_path, "caching.md", _PARTS)
    assert any("'## 3. Harder drills' rejected" in line for line in reported), reported


# --- Greek questions ending in ";" -----------------------------------------------------------

_GREEK_FAQ = """# Συχνές ερωτήσεις για τα αντίγραφα ασφαλείας

### Ρύθμιση του προγράμματος

Ανοίξτε τις ρυθμίσεις και επιλέξτε φάκελο.

## Ερωτήσεις

### Πόσο συχνά πρέπει να κρατάω αντίγραφα;

Μία φορά την ημέρα για τα σημαντικά αρχεία.

### Πού αποθηκεύονται τα αντίγραφα;

Σε εξωτερικό δίσκο και σε έναν δεύτερο χώρο.

### Μπορώ να επαναφέρω ένα μόνο αρχείο;

Ναι, από το μενού της επαναφοράς.
"""


def test_greek_question_headings_ending_in_a_semicolon_are_questions() -> None:
    assert article_fronts(_GREEK_FAQ) == [
        "Πόσο συχνά πρέπει να κρατάω αντίγραφα;",
        "Πού αποθηκεύονται τα αντίγραφα;",
        "Μπορώ να επαναφέρω ένα μόνο αρχείο;",
    ]


def test_a_semicolon_ends_no_question_outside_greek() -> None:
    # Headings in Latin letters ending in ";" (declarations) ask nothing: the page has no
    # question lines and falls back to one note per section, as before.
    text = (
        "# C\n\n### int *p = &x;\n\nA pointer.\n\n### char c = 0;\n\nA char.\n\n"
        "### long n;\n\nA long.\n"
    )
    assert "no question lines" in parse_markdown_article(text).summary


# --- several numbered questions in one paragraph --------------------------------------------

_QUESTION_BANK = """# Chapter 4: Heaps

## Review questions

**Basic:** 1. Why is a heap stored in an array? 2. What is the index of
the left child of node i?

**Advanced:** 3. How would you merge k sorted lists with a heap? 4. Explain why
building a heap bottom-up takes linear time.

**Design:** 5. You keep the top ten scores of a stream of millions. Which heap
do you keep, and how big is it?

## Next chapter

Tries.
"""


def test_a_paragraph_of_numbered_questions_gives_one_question_each() -> None:
    assert article_fronts(_QUESTION_BANK) == [
        "Why is a heap stored in an array?",
        "What is the index of the left child of node i?",
        "How would you merge k sorted lists with a heap?",
        "Explain why building a heap bottom-up takes linear time.",
        "You keep the top ten scores of a stream of millions. Which heap do you keep, and how "
        "big is it?",
    ]


def test_two_numbered_questions_on_one_list_line_are_two_questions() -> None:
    text = (
        "# Locks\n\n1. What is a mutex? 2. What is a semaphore?\n\n3. What is a deadlock?\n\n"
        "Two threads each wait for the other.\n\n4. What is a livelock?\n\nBoth keep moving.\n"
    )
    assert article_fronts(text) == [
        "What is a mutex?",
        "What is a semaphore?",
        "What is a deadlock?",
        "What is a livelock?",
    ]


def test_warnings_still_name_the_lines_of_the_document(tmp_path: Path) -> None:
    # Question 3 missing: the gap is reported at "**Advanced:** 4. …", line 8 of the document
    # (line 10 of the split text).
    text = _QUESTION_BANK.replace("5. You keep", "6. You keep").replace(
        "4. Explain why", "5. Explain why"
    )
    text = text.replace("3. How would", "4. How would")
    _, reported = import_into_drills(tmp_path, "heaps.md", text)
    assert any(line.startswith("line 8: the numbering jumps from 2 to 4") for line in reported), (
        reported
    )


def test_numbered_steps_in_a_paragraph_stay_as_written() -> None:
    # "1. Stop the service. 2. Copy the files." asks nothing: steps of an answer, not questions.
    text = (
        "# Backups\n\n### 1. How do you move a database?\n\n1. Stop the service. 2. Copy the "
        "files. 3. Start it on the new host.\n\n### 2. How do you check a backup?\n\nRestore it.\n"
    )
    answers = article_answers(text)
    assert answers[0] == "1. Stop the service. 2. Copy the files. 3. Start it on the new host."


# --- an answer key that answers only some questions -----------------------------------------

_PARTIAL_KEY = """# Trees

## Exercises

1. What is the height of a tree with one node?
2. Why is a balanced tree faster to search?
3. How many edges has a tree of n nodes?
4. When is a binary search tree degenerate?

<details><summary>Key answers</summary>

- Q2: Its height grows with the logarithm of its size, so fewer comparisons are needed.
- Q3: n - 1, one per node but the root.
- Q4: When keys arrive sorted, so that each node has one child.

</details>
"""


def test_a_key_of_labelled_entries_answers_the_questions_it_names() -> None:
    answers = article_answers(_PARTIAL_KEY)
    assert answers[0] == "TODO: the article gives no answer to this question."
    assert answers[2] == "**Answer:** n - 1, one per node but the root."
    assert all("Q3" not in answer and "details" not in answer for answer in answers)


# --- a labelled task after the answers is reported, never dropped silently --------------------

_CHECKPOINTS = """# Graphs

## Questions

### 1. What is a directed graph?

One whose edges have a direction.

### 2. What is a cycle?

A path that comes back to where it started.

## Checkpoints

- **Coding check:** Implement breadth-first search over an adjacency list.
- **Design check:** A map app stores roads as edges. Sketch how it finds the shortest route.
- **Note:** the next chapter covers weighted edges.
"""


def test_a_labelled_task_after_the_answers_is_reported(tmp_path: Path) -> None:
    _, reported = import_into_drills(tmp_path, "graphs.md", _CHECKPOINTS)
    tasks = [line for line in reported if "sets a task but is in no answer" in line]
    assert [line.split(":")[0] for line in tasks] == ["line 15", "line 16"], reported
