# ruff: noqa: RUF001  (the questions are written in Greek, Cyrillic and Arabic letters)
"""`ankigen import article`: classes found on the session-26 real documents (round 32).

Every document here is written for the test, on other topics than the real pages: ids of
questions in non-Latin scripts (a frozen transliteration table), Arabic, Persian and Greek
question and answer labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.tools.importers.article import import_article
from ankigen.tools.importers.report import ImportError_
from ankigen.tools.scaffold import id_slug, slugify
from ankigen.tools.transliteration import transliterate
from tests.article_helpers import article_answers, article_fronts

# --- ids of questions in non-Latin scripts --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "note_id"),
    [
        ("Что такое индекс в базе данных?", "chto-takoe-indeks-v-baze-dannykh"),
        ("Τι είναι ένα ευρετήριο;", "ti-einai-ena-eyretirio"),
        ("डेटाबेस इंडेक्स क्या है?", "detabes-imdeks-kya-hai"),
        ("데이터베이스 인덱스란 무엇인가요?", "deiteobeiseu-indegseulan-mueosingayo"),
        ("ما هو الفهرس في قاعدة البيانات؟", "m-hw-lfhrs-fy-qdh-lbynt"),
        ("Що таке Docker і навіщо він?", "shcho-take-docker-i-navishcho-vin"),
    ],
)
def test_a_question_in_a_non_latin_script_gives_a_readable_ascii_id(
    question: str, note_id: str
) -> None:
    assert id_slug(question) == note_id


def test_ideographs_have_no_table_and_fall_back_as_before() -> None:
    assert id_slug("什么是数据库索引？") == "note"
    assert id_slug("什么是 B+ 树索引？") == "b"


def test_latin_ids_are_untouched_even_with_a_greek_letter_or_a_russian_word() -> None:
    # Only a question written mostly in a script of the table is transliterated: ids that
    # English questions have always had do not change.
    assert id_slug("What does β do in Adam?") == "what-does-do-in-adam"
    assert id_slug("Why is σ² the variance?") == "why-is-2-the-variance"
    assert id_slug("What does the Russian word «стек» mean in this course?") == (
        "what-does-the-russian-word-mean-in-this-course"
    )
    assert id_slug("Qu'est-ce qu'un œuf à la coque ?") == "quest-ce-quun-oeuf-a-la-coque"
    assert transliterate("plain ASCII text") == "plain ASCII text"


def test_only_ids_are_transliterated() -> None:
    # Deck names, document keys and topic tags keep the slugs they had.
    assert slugify("Что такое индекс в базе данных?") == "note"


# One Russian question, imported by the two tests below.
_RUSSIAN_ARTICLE = (
    "# Базы данных\n\n## Что такое транзакция?\n\nГруппа операций, выполняемых целиком.\n"
)


def test_the_import_writes_the_transliterated_id_into_the_front_matter(tmp_path: Path) -> None:
    article_file = tmp_path / "bazy.md"
    article_file.write_text(_RUSSIAN_ARTICLE, encoding="utf-8")
    deck = tmp_path / "content" / "bazy"
    import_article(article_file, deck, False)
    note = deck / "chto-takoe-tranzaktsiya.md"
    assert "id: chto-takoe-tranzaktsiya\n" in note.read_text("utf-8")
    # The document's key is not transliterated: it stays the key earlier imports wrote.
    assert "source: {doc: note, question: 1}" in note.read_text("utf-8")


def test_a_note_imported_before_keeps_its_id_on_re_import(tmp_path: Path) -> None:
    # Before the table, this question's id was the fallback "note": the note written then is
    # found again by its front, so a re-import rewrites nothing and adds no twin.
    article_file = tmp_path / "bazy.md"
    article_file.write_text(_RUSSIAN_ARTICLE, encoding="utf-8")
    deck = tmp_path / "content" / "bazy"
    import_article(article_file, deck, False)
    new = deck / "chto-takoe-tranzaktsiya.md"
    old = deck / "note.md"
    old.write_text(new.read_text("utf-8").replace("id: chto-takoe-tranzaktsiya", "id: note"))
    new.unlink()
    report = import_article(article_file, deck, False)
    assert sorted(path.name for path in deck.glob("*.md")) == ["note.md"]
    assert report.written == []


# --- question and answer labels in Arabic, Persian and Greek --------------------------------

_ARABIC_FAQ = """# أسئلة عن الشبكات

### س: ما هو عنوان IP؟
**ج:**
- رقم يميز الجهاز في الشبكة

### س: كيف أغير منفذ SSH؟
**ج:** عدّل الملف sshd_config ثم أعد تشغيل الخدمة.
"""


def test_arabic_question_and_answer_labels_leave_the_front_and_the_back() -> None:
    assert article_fronts(_ARABIC_FAQ) == ["ما هو عنوان IP؟", "كيف أغير منفذ SSH؟"]
    answers = article_answers(_ARABIC_FAQ)
    assert answers[0] == "- رقم يميز الجهاز في الشبكة"
    assert answers[1] == "عدّل الملف sshd_config ثم أعد تشغيل الخدمة."


_ARABIC_WORD_STARTING_WITH_SIN = """# أسئلة

### سرعة الشبكة: لماذا تنخفض ليلاً؟
بسبب ازدحام المستخدمين.
"""


def test_a_word_that_starts_with_the_letter_of_the_label_keeps_it() -> None:
    # "س" is a label only alone before its colon: "سرعة الشبكة:" is the front's own words.
    assert article_fronts(_ARABIC_WORD_STARTING_WITH_SIN) == ["سرعة الشبكة: لماذا تنخفض ليلاً؟"]


_PERSIAN = """# یادداشت‌ها

## سوال: کش چیست؟

**پاسخ:** حافظه‌ای سریع برای داده‌های پرکاربرد.

## سوال: چرا ایندکس جستجو را سریع می‌کند؟

**پاسخ:** چون لازم نیست همه سطرها خوانده شوند.
"""


def test_persian_labels_leave_the_front_and_the_back() -> None:
    assert article_fronts(_PERSIAN) == ["کش چیست؟", "چرا ایندکس جستجو را سریع می‌کند؟"]
    assert article_answers(_PERSIAN) == [
        "حافظه‌ای سریع برای داده‌های پرکاربرد.",
        "چون لازم نیست همه سطرها خوانده شوند.",
    ]


_GREEK = """# Σημειώσεις βάσεων δεδομένων

**1. Τι είναι το sharding;**

**Απάντηση:** Ο διαμερισμός των δεδομένων σε πολλούς κόμβους.

**2. Πότε βοηθά ένα ευρετήριο;**

**Απάντηση:** Όταν οι αναζητήσεις φιλτράρουν συχνά με το ίδιο πεδίο.
"""


def test_the_greek_answer_label_leaves_the_back() -> None:
    assert article_fronts(_GREEK) == ["Τι είναι το sharding;", "Πότε βοηθά ένα ευρετήριο;"]
    assert article_answers(_GREEK) == [
        "Ο διαμερισμός των δεδομένων σε πολλούς κόμβους.",
        "Όταν οι αναζητήσεις φιλτράρουν συχνά με το ίδιο πεδίο.",
    ]


# --- a heading labelled as a question that names a topic ------------------------------------

_TOPIC_CARDS = """# Networking review cards

### Q: Load balancers - sticky sessions
**Question:** How does a load balancer keep a user on the same server?

**Answer:** It sets a cookie that names the server.

### Q: DNS - caching
**Question:** Why can a DNS change take hours to be seen?

**Answer:** Resolvers keep the old record until its time to live runs out.
"""


def test_the_topic_of_a_q_heading_opens_the_front() -> None:
    assert article_fronts(_TOPIC_CARDS) == [
        "Load balancers - sticky sessions: How does a load balancer keep a user on the same "
        "server?",
        "DNS - caching: Why can a DNS change take hours to be seen?",
    ]


_ASKING_Q_HEADINGS = """# Networking review cards

### Q: What does a load balancer do?
**A:** It spreads requests over servers.

### Q: What is a DNS resolver?
**A:** The server that looks names up for a client.
"""


def test_a_q_heading_that_asks_is_the_front_alone() -> None:
    assert article_fronts(_ASKING_Q_HEADINGS) == [
        "What does a load balancer do?",
        "What is a DNS resolver?",
    ]


_UNLABELLED_TOPIC = """# Quiz

### 7. Leaf size
**Question:** True or false: a larger leaf size makes a tree train faster.

**Answer:** True.

### 8. Depth
**Question:** True or false: a deeper tree always generalises better.

**Answer:** False.
"""


def test_a_numbered_topic_heading_over_a_labelled_prompt_is_unchanged() -> None:
    assert article_fronts(_UNLABELLED_TOPIC) == [
        "True or false: a larger leaf size makes a tree train faster.",
        "True or false: a deeper tree always generalises better.",
    ]


# --- a spoken rehearsal of the answer that restates the question ----------------------------

_REHEARSED = """# Rust ownership questions

## 1. What is a borrow?

**Answer:**
A reference that uses a value without taking ownership of it.

### Saying it out loud
**Interviewer:** What is a borrow?

**You:** "It's a reference: the owner keeps the value, I only use it for a while."

## 2. Why can a value have only one mutable borrow?

**Answer:**
Two writers at once could race; the compiler rules that out before the program runs.

### Saying it out loud
**Interviewer:** Why can a value have only one mutable borrow?

**You:** "Because two writers could race, and Rust stops that at compile time."
"""


def test_a_dialogue_line_that_restates_the_question_above_stays_in_its_answer() -> None:
    assert article_fronts(_REHEARSED) == [
        "What is a borrow?",
        "Why can a value have only one mutable borrow?",
    ]
    assert "**You:** \"It's a reference" in article_answers(_REHEARSED)[0]


_INTERVIEW = """# A mock interview

**Interviewer:** What is a borrow in Rust?

**Candidate:** A reference that does not take ownership.

**Interviewer:** And what does the borrow checker enforce?

**Candidate:** One writer or many readers, never both.
"""


def test_a_written_out_interview_still_gives_each_question() -> None:
    assert article_fronts(_INTERVIEW) == [
        "What is a borrow in Rust?",
        "And what does the borrow checker enforce?",
    ]


# --- an answer heading with an emoji before its label ---------------------------------------

_EMOJI_ANSWER_HEADINGS = """# Prompt engineering questions

## 📌 Q1: What is few-shot prompting?

### ✅ Answer

Showing the model a handful of worked examples in the prompt before the real input.

## 📌 Q2: Why does a system prompt help?

### ✅ Answer

It fixes the model's role and rules for every turn of the conversation.

### ✅ Answer quality checklist

- It names the role.
"""


def test_an_answer_heading_with_an_emoji_only_labels_the_answer() -> None:
    answers = article_answers(_EMOJI_ANSWER_HEADINGS)
    assert answers[0] == (
        "Showing the model a handful of worked examples in the prompt before the real input."
    )
    # A heading that says more than "Answer" stays, in bold.
    assert answers[1].startswith("It fixes the model's role")
    assert "**✅ Answer quality checklist**" in answers[1]


# --- exercises numbered in bold code, and prompts whose verb comes late ---------------------

_CODE_NUMBERED = """# تمرین‌های پایتون

## توضیحات

مجموعه‌ای از تمرین‌های حل‌شده.

## تمرین‌ها

**`1`**. برنامه‌ای بنویسید که یک رشته بگیرد و آن را برعکس چاپ کند.

```python
print(input()[::-1])
```

---

**`2`**. برنامه‌ای بنویسید که تعداد حروف صدادار یک رشته را بشمارد.

```python
print(sum(c in "aeiou" for c in input()))
```
"""


def test_exercises_numbered_in_bold_code_with_a_late_persian_prompt_are_questions() -> None:
    assert article_fronts(_CODE_NUMBERED) == [
        "برنامه‌ای بنویسید که یک رشته بگیرد و آن را برعکس چاپ کند.",
        "برنامه‌ای بنویسید که تعداد حروف صدادار یک رشته را بشمارد.",
    ]
    assert article_answers(_CODE_NUMBERED)[0].startswith("```python")


_HINDI_PROMPTS = """# अभ्यास

**`1`**. स्टैक और क्यू का अंतर समझाइए।

स्टैक LIFO है, क्यू FIFO है।

**`2`**. बाइनरी सर्च का एक उदाहरण लिखिए।

क्रमबद्ध सूची में बीच का तत्व देखें।
"""


def test_hindi_prompts_whose_verb_ends_the_sentence_are_questions() -> None:
    assert article_fronts(_HINDI_PROMPTS) == [
        "स्टैक और क्यू का अंतर समझाइए।",
        "बाइनरी सर्च का एक उदाहरण लिखिए।",
    ]


_CODE_NUMBERED_STATEMENTS = """# Release notes

**`1`**. The cache is cleared on start-up.

**`2`**. The log level defaults to info.
"""


def test_statements_numbered_in_bold_code_are_no_questions() -> None:
    with pytest.raises(ImportError_):
        article_fronts(_CODE_NUMBERED_STATEMENTS)


# --- a promotion set between the questions --------------------------------------------------

_PROMOTED = """# Vector database questions

## Q1: What is an embedding?

A vector that places similar texts near each other.

## **📬 The Weekly Vectors Newsletter (free)**

Get one tutorial a week in your inbox.

👉 [Sign up](https://example.org/signup)

## Q2: What does an HNSW index trade away?

A little recall, for much faster search.

## ☕ Buy me a coffee

If these notes helped, you can say thanks.
"""


def test_a_promotion_between_the_questions_is_no_note_and_no_answer() -> None:
    assert article_fronts(_PROMOTED) == [
        "What is an embedding?",
        "What does an HNSW index trade away?",
    ]
    answers = article_answers(_PROMOTED)
    assert answers == [
        "A vector that places similar texts near each other.",
        "A little recall, for much faster search.",
    ]


_SPONSOR_QUESTION = """# Open-source questions

## How do I sponsor a package on GitHub?

Open its Sponsors tab and pick a tier.

## What is a maintainer?

A person who reviews and merges changes.
"""


def test_a_question_about_sponsoring_is_still_a_question() -> None:
    assert article_fronts(_SPONSOR_QUESTION) == [
        "How do I sponsor a package on GitHub?",
        "What is a maintainer?",
    ]
