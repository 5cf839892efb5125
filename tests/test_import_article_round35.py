# ruff: noqa: RUF001  (the Portuguese and Spanish examples use the en dash of their pages)
"""`ankigen import article`: classes found on the session-29 real documents (round 35).

Every document here is written for the test, on other topics than the real pages: questions
that point at the code below them in German and Portuguese inflections, multiple-choice
questions whose choices are a task list or a lettered block with the right one marked, and a
reStructuredText FAQ.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.tools.importers.article import import_article
from ankigen.tools.importers.article_rst_document import rst_as_markdown
from tests.article_helpers import (
    article_answers,
    article_fronts,
    import_into_drills,
    parse_markdown_article,
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


# --- multiple choice: the choices join the front, the marked one is the answer ---------------

_TICKED = """# Frage 1
Welches Protokoll überträgt E-Mails zwischen Servern?
- [ ] HTTP
- [x] SMTP
- [ ] FTP

# Frage 2
Was gibt der folgende Code aus?
```python
print(3 * "ab")
```
- [ ] ab3
- [x] ababab
- [ ] Ein TypeError

# Frage 3
Welche Schreibweise ergibt einen Zeilenumbruch?
- [x] `"a
b"`
- [ ] `"a" "b"`
"""


def test_a_task_list_with_one_box_ticked_gives_choices_and_answer() -> None:
    article = parse_markdown_article(_TICKED)
    fronts = [question.question for question in article.questions]
    assert fronts[0] == "Welches Protokoll überträgt E-Mails zwischen Servern? (HTTP / SMTP / FTP)"
    assert fronts[1] == (
        'Was gibt der folgende Code aus: `print(3 * "ab")`? (ab3 / ababab / Ein TypeError)'
    )
    # A choice that runs on to a second line cannot join a one-line front: the list stays.
    assert fronts[2] == "Welche Schreibweise ergibt einen Zeilenumbruch?"
    answers = [question.answer for question in article.questions]
    assert answers[:2] == ["SMTP", "ababab"]
    assert answers[2].startswith('- [x] `"a')


def test_the_choices_leave_the_id_as_the_question_gave_it(tmp_path: Path) -> None:
    deck, _ = import_into_drills(tmp_path, "quiz.md", _TICKED)
    assert (deck / "welches-protokoll-ubertragt-e-mails-zwischen-servern.md").exists()


_LETTERED = """# Revisão

* Pergunta 1: Qual comando lista os arquivos de uma pasta no Linux?

```
A) `cd`
B) `ls`
C) `pwd`
Resposta Correta: B) `ls`
```

* Pergunta 2: Quanto vale `x` depois deste código?

```python
x = 4
x = x // 3
```

A) 1
B) 1.33
C) 4
Resposta Correta: A) 1

* Pergunta 3: Quais são as camadas do modelo TCP/IP?

```
Aplicação
Transporte
Internet
Acesso à rede
```
"""


def test_lettered_choices_closed_by_a_key_line_give_choices_and_answer() -> None:
    fronts = article_fronts(_LETTERED)
    assert (
        fronts[0] == "Qual comando lista os arquivos de uma pasta no Linux? (`cd` / `ls` / `pwd`)"
    )
    assert fronts[1] == "Quanto vale `x` depois deste código: `x = 4; x = x // 3`? (1 / 1.33 / 4)"
    # A fenced block that is no set of choices stays the answer.
    assert fronts[2] == "Quais são as camadas do modelo TCP/IP?"
    answers = article_answers(_LETTERED)
    assert answers[:2] == ["`ls`", "1"]
    assert "Transporte" in answers[2]


_NOT_MARKED = """# Study plan

### 1. Which topics does week one cover?

- [x] Variables
- [x] Loops

### 2. Which tools should you install?

- [ ] Git
- [ ] An editor

### 3. What are the steps of a code review?

A) Read the description.
B) Run the tests.
C) Leave comments.
"""


def test_a_checklist_or_steps_without_a_key_stay_the_answer() -> None:
    assert article_fronts(_NOT_MARKED) == [
        "Which topics does week one cover?",
        "Which tools should you install?",
        "What are the steps of a code review?",
    ]
    answers = article_answers(_NOT_MARKED)
    assert answers[0].startswith("- [x] Variables")
    assert answers[1].startswith("- [ ] Git")
    assert answers[2].startswith("A) Read the description.")


def test_choices_that_hold_a_slash_are_parted_by_semicolons() -> None:
    text = """# Frage 4
Welcher Operator teilt ganzzahlig?
- [ ] /
- [x] //
- [ ] %
- [ ] \\\\
"""
    # Symbols alone are an operator: shown as code, never as a cut-off line or markup.
    assert article_fronts(text) == ["Welcher Operator teilt ganzzahlig? (`/`; `//`; `%`; `\\`)"]
    assert article_answers(text) == ["`//`"]


def test_a_quiz_whose_choices_are_fenced_keeps_the_language_it_asks_in(tmp_path: Path) -> None:
    # The prose outside the fences is the questions; their choices and code say nothing.
    deck, _ = import_into_drills(tmp_path, "revisao.md", _LETTERED)
    assert "language: pt" in (deck / "deck.yaml").read_text(encoding="utf-8")


# --- a reStructuredText FAQ --------------------------------------------------------------

_RST_FAQ = """.. include:: ../shared.rst

.. _backup-faq:

=================
Backup tool FAQ
=================

Installing
==========

How do I install the agent?
---------------------------

Download the package for your system, then run::

    sudo dpkg -i agent.deb
    agent --version

The |tool| service starts on its own.

.. note::
   Windows needs the MSI installer instead.

Why does the first backup take so long?
---------------------------------------

It copies every file once; later runs only send the blocks that changed.

.. |tool| replace:: backup agent
"""


def test_a_restructuredtext_faq_asks_in_its_section_titles(tmp_path: Path) -> None:
    deck, report = import_into_drills(tmp_path, "faq.rst", _RST_FAQ)
    install = (deck / "how-do-i-install-the-agent.md").read_text(encoding="utf-8")
    assert "# How do I install the agent?" in install
    assert "Download the package for your system, then run:\n```" in install
    assert "sudo dpkg -i agent.deb\nagent --version\n```" in install
    assert "Windows needs the MSI installer instead." in install
    assert "The backup agent service starts on its own." in install  # "|tool|" spelled out
    assert ".. note::" not in install and "include" not in install
    slow = (deck / "why-does-the-first-backup-take-so-long.md").read_text(encoding="utf-8")
    assert slow.rstrip().endswith("only send the blocks that changed.")
    assert "replace::" not in slow
    # The document's title, not its first directive, names the source.
    assert "source: {doc: backup-tool-faq" in install
    assert report[0] == "found 2 questions, imported 2, rejected 0"


def test_an_rst_underline_shorter_than_its_line_or_under_a_paragraph_is_no_title() -> None:
    text = "What is a snapshot?\n---\n\nA frozen copy\nof a volume.\n-------------\n"
    assert rst_as_markdown(text).split("\n") == [
        "What is a snapshot?",
        "---",
        "",
        "A frozen copy",
        "of a volume.",
        "-------------",
        "",
    ]


# --- section labels and numbering restarts ------------------------------------------------

_LESSONS = """# Curso de redes

## Aula 1 – Endereçamento

### Tópicos: IPv4, máscaras, sub-redes

### 1. O que é uma máscara de sub-rede?

Ela separa a parte da rede da parte do host.

### 2. Quantos endereços tem uma rede /30?

Quatro, dois deles utilizáveis.

## Sección 2: Transporte

### 1. ¿Qué garantiza TCP que UDP no garantiza?

La entrega ordenada y sin pérdidas.

## Week 3 planning

### 3. Why plan capacity?

So that the links do not saturate.
"""


def test_a_section_label_and_number_and_a_topics_line_leave_the_topic_tag(
    tmp_path: Path,
) -> None:
    deck, _ = import_into_drills(tmp_path, "redes.md", _LESSONS)
    tags = {
        path.stem: next(
            line
            for line in path.read_text(encoding="utf-8").split("\n")
            if line.startswith("tags:")
        )
        for path in deck.glob("*.md")
    }
    assert tags["o-que-e-uma-mascara-de-sub-rede"] == "tags: [topic::enderecamento]"
    assert tags["que-garantiza-tcp-que-udp-no-garantiza"] == "tags: [topic::transporte]"
    # Without a separator after its number the label is part of the name.
    assert tags["why-plan-capacity"] == "tags: [topic::week-3-planning]"


_RESTARTED = """# Mock interview

### P7: What is a hash map?

A table of keys to values.

### P8: What is a heap?

A tree whose parent is never smaller than its children.

### P3: What is a trie?

A tree of prefixes.

### P4: What is a deque?

A queue open at both ends.

### P10: What is a B-tree?

A balanced tree with many keys per node.
"""


def test_a_numbering_jump_names_only_numbers_no_question_has(tmp_path: Path) -> None:
    _, report = import_into_drills(tmp_path, "mock.md", _RESTARTED)
    # 5 and 6 were never asked; 7 and 8 were, before the numbering restarted at 3.
    assert any("jumps from 4 to 10: the document skips 5-6, 9 " in line for line in report)
    assert not any("jumps from 8 to 3" in line for line in report)


# --- ids of questions written only in ideographs --------------------------------------------

_IDEOGRAPHS = """# 数据库面试题

### 1. 什么是事务？

一组要么全部执行、要么全部不执行的操作。

### 2. 什么是 B+ 树？

一种多路平衡查找树。

### 3. 为什么需要索引？

为了加快查询。
"""


def test_a_question_of_ideographs_only_gets_its_number_as_id(tmp_path: Path) -> None:
    deck, _ = import_into_drills(tmp_path, "db.md", _IDEOGRAPHS)
    # A Latin word in the question still names it ("b"); without one the number does.
    assert sorted(path.stem for path in deck.glob("*.md")) == ["b", "question-1", "question-3"]


def test_ids_written_before_for_ideographs_stay_on_re_import(tmp_path: Path) -> None:
    deck, _ = import_into_drills(tmp_path, "db.md", _IDEOGRAPHS)
    for old, new in (("question-1", "note"), ("question-3", "note-2")):
        text = (deck / f"{old}.md").read_text(encoding="utf-8")
        (deck / f"{new}.md").write_text(text.replace(f"id: {old}", f"id: {new}"), "utf-8")
        (deck / f"{old}.md").unlink()
    report = import_article(tmp_path / "db.md", deck, False)
    assert sorted(path.stem for path in deck.glob("*.md")) == ["b", "note", "note-2"]
    assert report.written == []  # found again by their fronts: nothing rewritten, no twin


_TEMPLATE = """# Unit 2:

- Question: Which command shows the current branch?
  - Type: Multiple Choice (Single Correct Answer)
  - Choices: git log; git branch; git diff
  - Answer: git branch

- Question: What does a rebase rewrite?
  - Type: Free Response
  - Choices: commits, tags, remotes

- Question: Which flags does grep take?
  - Options: -i, -v, -n
"""


def test_a_quiz_templates_fields_give_the_choices_and_the_answer(tmp_path: Path) -> None:
    assert article_fronts(_TEMPLATE) == [
        "Which command shows the current branch? (git log; git branch; git diff)",
        "What does a rebase rewrite? (commits, tags, remotes)",
        # Choices alone, with no type or answer field, may be the answer: they stay.
        "Which flags does grep take?",
    ]
    _, report = import_into_drills(tmp_path, "unit2.md", _TEMPLATE)
    answers = article_answers(_TEMPLATE)
    assert answers[0] == "git branch"
    assert answers[1].startswith("TODO")  # the page gives no answer: said, not hidden
    assert "warning: question 2 has no answer: the note says TODO" in [
        f"warning: {line}" for line in report
    ]
    assert answers[2] == "- Options: -i, -v, -n"


# --- a titled problem whose task follows a long description ---------------------------------

_BACKGROUND_THEN_TASK = """# Scheduling drills

### Round Robin Queue
A round-robin scheduler keeps the runnable jobs in a circular queue and gives each one a fixed
slice of time before moving on; a job that does not finish in its slice goes to the back of the
queue, so no job waits longer than the number of jobs times the slice.

Write a function that takes the jobs' run times and a slice length and returns the order in
which the jobs finish.

```python
def finish_order(times, slice_length):
    return []
```

### Priority Inversion
A low-priority job that holds a lock can keep a high-priority job waiting while medium-priority
jobs run, which is what happens when the scheduler ignores who holds the locks in a system.

The usual fix lends the high priority to the lock holder until it releases the lock.

### Shortest Job First
Given the run times of the waiting jobs, return the order that minimises the mean wait.

```python
def sjf(times):
    return sorted(times)
```
"""


def test_a_task_after_a_long_description_joins_the_title_on_the_front() -> None:
    fronts = article_fronts(_BACKGROUND_THEN_TASK)
    assert fronts[0] == (
        "Round Robin Queue: Write a function that takes the jobs' run times and a slice length "
        "and returns the order in which the jobs finish."
    )
    answers = article_answers(_BACKGROUND_THEN_TASK)
    # The description opens the back, above the solution.
    assert answers[0].startswith("A round-robin scheduler keeps the runnable jobs")
    assert "def finish_order(times, slice_length):" in answers[0]
    # Two paragraphs that only describe set no task: the bare title stays.
    assert fronts[1] == "Priority Inversion"


def test_a_list_that_begins_again_at_one_skips_numbers_asked_in_the_list_before(
    tmp_path: Path,
) -> None:
    text = """# Quiz

## Lesson A

### 1. What is a port?

A number that picks the service on a host.

### 2. What is a socket?

An address and a port.

## Lesson B

### 1. What is a packet?

A unit of data sent over a network.

### 4. What is a frame?

A packet wrapped for the link layer.
"""
    _, report = import_into_drills(tmp_path, "quiz.md", text)
    # Lesson A's 2 says nothing of lesson B, which begins again at 1.
    assert any("jumps from 1 to 4: the document skips 2-3 " in line for line in report)
