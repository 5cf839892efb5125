# ruff: noqa: RUF001, RUF002
"""`ankigen import article`: classes found on the session-22 real documents (round 28).

Every document here is written for the test, on other topics than the real pages: remediation
cards whose ``**Question:**`` paragraph is followed by bold-labelled fields ("Wrong Answer",
"Correct Answer", "Key Concepts"); behavioural prompts written as quoted headings without a
question mark, in Vietnamese and English; a one-row ``| Level | Easy |`` table under questions
left unanswered; a numbered list of question headings whose answers hold indented sub-headings;
a Turkish list whose imperative ends the sentence ("… açıklayın."); and the language of a
Turkish article.
"""

from __future__ import annotations

from ankigen.lint.foreign_text import language_of
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- a labelled question followed by labelled fields --------------------------------------

_FIELD_CARDS = """# Networking review

## Load balancing

### Q: Sticky sessions - Stateful web tier
**Question:** Which load balancer feature keeps a user on the same server?

**❌ Wrong Answer:** Cross-zone load balancing

**✅ Correct Answer:** Session affinity with a cookie

**Key Concepts:**
```yaml
Affinity:
  - a cookie names the target
```

---

### Q: Health checks - Removing bad targets
**Question:** What takes a failing server out of rotation?

**Explanation:** The balancer probes a path and stops routing after a few failures.

---
"""


def test_labelled_fields_after_a_labelled_question_are_the_back() -> None:
    # Since round 32 the topic of the "### Q: topic" heading opens the front (the open item of
    # rounds 28-31: the question read alone, the topic only in the id).
    assert article_fronts(_FIELD_CARDS) == [
        "Sticky sessions - Stateful web tier: Which load balancer feature keeps a user on the "
        "same server?",
        "Health checks - Removing bad targets: What takes a failing server out of rotation?",
    ]
    answers = article_answers(_FIELD_CARDS)
    assert answers[0].startswith("**❌ Wrong Answer:** Cross-zone")
    assert "**✅ Correct Answer:** Session affinity" in answers[0]
    assert answers[1].startswith("**Explanation:** The balancer probes")


_SCENARIO_CARD = """### Q: Queue sizing
**Question:** A worker drains 40 jobs a minute.

The queue grows by 10 a minute at peak. How many workers keep it flat?

- A. 1
- B. 2

**Answer:** B
"""


def test_near_miss_a_plain_paragraph_after_the_label_stays_in_the_front() -> None:
    fronts = article_fronts(_SCENARIO_CARD)
    assert len(fronts) == 1
    assert "A worker drains 40 jobs a minute." in fronts[0]
    assert "How many workers keep it flat?" in fronts[0]


# --- quoted prompt headings ----------------------------------------------------------------

_QUOTED_PROMPTS = """# Phỏng vấn hành vi

## Về bản thân

### "Nói ngắn gọn về con đường sự nghiệp của bạn"

Hai phút, kể theo thứ tự thời gian.

### "Vì sao bạn chọn backend?"

Vì thích hệ thống phân tán.

## Tình huống

### "Kể về một lần bạn bất đồng với quản lý"

Dùng STAR: bối cảnh, nhiệm vụ, hành động, kết quả.
"""


def test_quoted_prompt_headings_without_a_question_mark_are_questions() -> None:
    assert article_fronts(_QUOTED_PROMPTS) == [
        "Nói ngắn gọn về con đường sự nghiệp của bạn",
        "Vì sao bạn chọn backend?",
        "Kể về một lần bạn bất đồng với quản lý",
    ]
    assert article_answers(_QUOTED_PROMPTS)[2].startswith("Dùng STAR")


_QUOTED_ENGLISH = """# Behavioural round

### "Walk me through a migration you led"

We moved billing to a new database over a weekend.

### "Why do you want to leave?"

To work on larger systems.
"""


def test_english_quoted_prompt_heading_is_a_question() -> None:
    assert article_fronts(_QUOTED_ENGLISH) == [
        "Walk me through a migration you led",
        "Why do you want to leave?",
    ]


_QUOTED_MOTTO = """# Team handbook

## Reviews

### What do we review first?

The tests.

## Culture

### "Ship small"

A motto on the wall.
"""


def test_near_miss_a_quoted_word_is_no_prompt() -> None:
    assert article_fronts(_QUOTED_MOTTO) == ["What do we review first?"]


# --- a metadata table under the question ----------------------------------------------------

_LEVEL_TABLES = """# Web security

## 1. What does a Content-Security-Policy header restrict?

| Level | Medium |
| ----- | --- |

## 2. What is clickjacking?

| Level | Easy |
| ----- | --- |

> Framing a page under a decoy so the user clicks a hidden button.

## 3. Which HTTP methods are safe?

| Level | Method |
| ----- | --- |
| safe | GET |
| safe | HEAD |
"""


def test_level_table_is_the_questions_label_not_its_answer() -> None:
    article = parse_markdown_article(_LEVEL_TABLES)
    answers = [question.answer for question in article.questions]
    assert "TODO" in answers[0] and "Level" not in answers[0]
    assert answers[1].startswith("> Framing a page") and "Level" not in answers[1]
    assert "difficulty::medium" in article.questions[0].tags
    assert "difficulty::easy" in article.questions[1].tags


def test_near_miss_a_table_with_rows_stays_the_answer() -> None:
    answers = article_answers(_LEVEL_TABLES)
    assert answers[2].startswith("| Level | Method |")
    assert "| safe | HEAD |" in answers[2]


# --- sub-headings inside a numbered question item ------------------------------------------

_LIST_HEADINGS = """# Kotlin questions
1. #### What are scope functions?
   Functions that run a block on an object.
   #### let
   - returns the block's result
   #### apply
   - returns the object itself

2. #### What is a sealed class?
   A class whose subclasses are all known at compile time.
"""


def test_headings_indented_in_a_list_question_are_part_of_its_answer() -> None:
    assert article_fronts(_LIST_HEADINGS) == [
        "What are scope functions?",
        "What is a sealed class?",
    ]
    first = article_answers(_LIST_HEADINGS)[0]
    assert "returns the block's result" in first
    assert "returns the object itself" in first


_MARGIN_HEADINGS = """# Kotlin questions
1. #### What are scope functions?
   Functions that run a block on an object.

#### Coroutines

2. #### What does launch return?
   A Job.
"""


def test_near_miss_a_heading_at_the_margin_still_ends_the_answer() -> None:
    answers = article_answers(_MARGIN_HEADINGS)
    assert "Coroutines" not in answers[0]


# --- Turkish prompts with the verb last ----------------------------------------------------

_TURKISH_LIST = """# Arka uç soruları

## Veritabanı
1. **Normalizasyon nedir?** (Temel bir konu).
2. **Optimistic ve pessimistic locking farklarını açıklayın.** (Örnekle).
3. **Bağlantı havuzu neden kullanılır?**
"""


def test_turkish_prompt_with_the_verb_last_is_a_question() -> None:
    fronts = article_fronts(_TURKISH_LIST)
    assert fronts == [
        "Normalizasyon nedir?",
        "Optimistic ve pessimistic locking farklarını açıklayın.",
        "Bağlantı havuzu neden kullanılır?",
    ]
    assert "açıklayın" not in article_answers(_TURKISH_LIST)[0]


_TURKISH_TOPICS = """# Notlar

1. **Normalizasyon nedir?** (Temel bir konu).
2. **Veritabanı indeksleri** (okuma hızı).
"""


def test_near_miss_a_turkish_topic_item_is_no_question() -> None:
    assert article_fronts(_TURKISH_TOPICS) == ["Normalizasyon nedir?"]


# --- the language of a Turkish article -----------------------------------------------------


def test_turkish_article_is_turkish() -> None:
    text = (
        "# Mülakat soruları\n\n1. **Önbellek nedir?** Nasıl çalışır?\n"
        "2. **REST ve GraphQL farkı nedir?** Hangi durumda hangisi?\n"
        "3. **Mesaj kuyruğu neden kullanılır?** Bir örnek verin.\n"
        "4. **CAP teoremi nedir?** Bu üç özellik için bir örnek.\n"
        "5. **Docker ile sanal makine arasındaki fark nedir?** Daha hafif mi?\n"
    )
    assert language_of(text) == "tr"


def test_near_miss_english_with_a_stray_turkish_word_stays_english() -> None:
    text = (
        "# Cache questions\n\nWhat is a cache? It keeps copies of data close to the reader. "
        "Our team named the service Gibi, after a cat, and a bu-style badge marks it."
    )
    assert language_of(text) == "en"
