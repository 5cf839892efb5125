# ruff: noqa: RUF001
"""`ankigen import article`: classes found on the session-20 real documents.

Every document here is written for the test, on other topics than the real pages: item
headings that only number a question with the word for "question" in Russian, Vietnamese or
Korean ("### Вопрос 2", "#### Câu 1 (Vận dụng)"), the question labelled below them ("Câu hỏi:")
and the answer labelled too ("Ответ:", "**Gợi ý trả lời:**", an "Ответ" toggle); a lesson page
closing with such questions, or with "### Q1. …?" self-check headings after numbered topic
sections; an FAQ of "**Q. …**" / "A. …" pairs whose questions state a problem in Japanese; a
question table followed by closing prose; a numbered question admonition; a "Back to [index]"
footer; a source key or topic tag the import made invalid; the deck language of Vietnamese
pages and of Hindi written in Latin letters.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ankigen.lint.foreign_text import language_of
from ankigen.tools.importers.article import import_article
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- item headings that only number the question, in other languages ----------------------

_RUSSIAN_CHECK = """# Индексы в PostgreSQL

## Коротко

Индекс ускоряет поиск, но замедляет запись.

## Пример

```sql
CREATE INDEX idx_orders_user ON orders (user_id);
```

### Дополнительный вопрос

Что будет с индексом после `VACUUM FULL`? Он перестраивается вместе с таблицей.

### План запроса

Смотрите `EXPLAIN ANALYZE`.

## Вопросы для самопроверки

### Вопрос 1

Почему индекс замедляет вставку строк?

Ответ:

```text
Каждая вставка обновляет и таблицу, и все её индексы.
```

### Вопрос 2

Когда планировщик выбирает последовательное чтение?

Ответ:

```text
Когда запрос читает большую долю строк таблицы.
```
"""


def test_number_only_question_headings_in_russian_give_the_question_below() -> None:
    assert article_fronts(_RUSSIAN_CHECK) == [
        "Почему индекс замедляет вставку строк?",
        "Когда планировщик выбирает последовательное чтение?",
    ]
    answers = article_answers(_RUSSIAN_CHECK)
    assert "Ответ" not in answers[0]
    assert "Каждая вставка обновляет" in answers[0]


def test_a_heading_that_only_names_a_question_in_the_teaching_is_no_question_section() -> None:
    # "### Дополнительный вопрос" sits among the worked example: it is not read.
    answers = " ".join(article_answers(_RUSSIAN_CHECK))
    assert "VACUUM FULL" not in answers
    assert "EXPLAIN ANALYZE" not in answers


def test_a_numbered_chapter_heading_is_no_question_label() -> None:
    # Near miss: "### Глава 1" numbers a chapter, and the paragraph under it states.
    text = """# Сети

### Глава 1

Пакет проходит несколько маршрутизаторов.

### Что такое TTL?

Счётчик переходов пакета.
"""
    assert "Пакет проходит несколько маршрутизаторов." not in article_fronts(text)


_VIETNAMESE_LESSON = """# BÀI 3: BỘ ĐỆM TRONG REDIS

### PHẦN 1. MỤC TIÊU

* Hiểu cơ chế hết hạn khóa.

### PHẦN 2. KIẾN THỨC

#### 2.1 Thời gian sống

Mỗi khóa có thể có một thời gian sống.

#### 2.2 Chính sách thu hồi

Redis chọn khóa để xóa khi đầy bộ nhớ.

### PHẦN 3. CÂU HỎI ÔN TẬP

#### Câu 1 (Vận dụng)

**Câu hỏi:** Vì sao nên đặt thời gian sống cho khóa phiên đăng nhập?

**Gợi ý trả lời:**

Để phiên cũ tự biến mất mà không cần tác vụ dọn dẹp.

#### Câu 2 (Phân tích)

**Câu hỏi:** Điều gì xảy ra khi bộ nhớ đầy và chính sách là `noeviction`?

**Gợi ý trả lời:**

Lệnh ghi bị từ chối với lỗi, lệnh đọc vẫn chạy.

### PHẦN 4. BÀI TẬP

1. Cấu hình `maxmemory` trên máy của bạn.
"""


def test_vietnamese_labelled_items_after_a_lesson_are_the_questions() -> None:
    assert article_fronts(_VIETNAMESE_LESSON) == [
        "Vì sao nên đặt thời gian sống cho khóa phiên đăng nhập?",
        "Điều gì xảy ra khi bộ nhớ đầy và chính sách là `noeviction`?",
    ]
    answers = article_answers(_VIETNAMESE_LESSON)
    assert answers[0] == "Để phiên cũ tự biến mất mà không cần tác vụ dọn dẹp."
    assert "maxmemory" not in answers[1]  # the exercises after the questions are no answer


_KOREAN_SELF_CHECK = """# Kafka 입문 5주차

## 1. 파티션

- 순서는 파티션 안에서만 보장.

## 2. 컨슈머 그룹

- 그룹마다 오프셋을 따로 저장.

## 3. 리밸런싱

- 컨슈머가 늘면 파티션을 다시 나눔.

## 4. 자가평가

### Q1. 순서 보장 범위?
1. **파티션 안** 2. 토픽 전체 3. 클러스터 전체

**정답: 1.**

### Q2. 오프셋 저장 단위?
1. **컨슈머 그룹** 2. 브로커 3. 프로듀서

**정답: 1.**
"""


def test_self_check_questions_after_numbered_topic_sections_are_the_questions() -> None:
    assert article_fronts(_KOREAN_SELF_CHECK) == ["순서 보장 범위?", "오프셋 저장 단위?"]
    assert "정답: 1." in article_answers(_KOREAN_SELF_CHECK)[0]


_QUIZ_WITH_TOGGLES = """# Тест: HTTP

### Вопрос 1 🟢

Какой метод идемпотентен?

- A) `POST`
- B) `PUT`

<details>
<summary>Ответ</summary>

**B) `PUT`**

Повтор запроса даёт тот же результат.

</details>

### Вопрос 2 🔴

Какой код ответа означает превышение лимита запросов?

- A) `404`
- B) `429`

<details>
<summary>Ответ</summary>

**B) `429`**

</details>
"""


def test_a_quiz_item_front_loses_its_number_label_and_the_back_its_toggle_label() -> None:
    # Two items only, each heading with a difficulty mark: the headings still number them.
    assert article_fronts(_QUIZ_WITH_TOGGLES) == [
        "Какой метод идемпотентен?",
        "Какой код ответа означает превышение лимита запросов?",
    ]
    answer = article_answers(_QUIZ_WITH_TOGGLES)[0]
    assert "**B) `PUT`**" in answer
    assert "Ответ" not in answer


# --- "**Q. …**" / "A. …" FAQ pairs ---------------------------------------------------------

_JAPANESE_FAQ = """# 設定ガイド

## よくある質問

**Q. 設定ファイルはどこに保存されますか？**

A. ホームディレクトリの `.toolrc` に保存されます。

**Q. 起動時にプラグインが読み込まれません。**

A. `plugins` の項目にパスが書かれているか確認してください。

**Q. オフラインで使えますか？**

A. はい、同期以外の機能は使えます。
"""


def test_faq_questions_labelled_q_dot_are_questions_whatever_their_last_mark() -> None:
    assert article_fronts(_JAPANESE_FAQ) == [
        "設定ファイルはどこに保存されますか？",
        "起動時にプラグインが読み込まれません。",
        "オフラインで使えますか？",
    ]
    answers = article_answers(_JAPANESE_FAQ)
    assert answers[0] == "ホームディレクトリの `.toolrc` に保存されます。"
    assert "起動時" not in answers[0]  # the next pair is not part of this answer


def test_a_lettered_choice_under_an_unlabelled_question_keeps_its_letter() -> None:
    # Near miss: "A." opens the answer of a question not labelled "Q.": a choice, kept.
    text = """# Quiz

**Which port does SSH use?**

A. 22, unless the server is configured otherwise.

**Which port does DNS use?**

A. 53.
"""
    assert article_answers(text)[0].startswith("A. 22")


# --- a question table followed by closing prose --------------------------------------------


def test_the_text_after_a_question_table_is_no_answer_of_its_last_row() -> None:
    text = """# Sala: Linux básico

## Respuestas

### Tarea 1

| # | Pregunta | Respuesta |
|---|----------|-----------|
| 1 | Which command prints the working directory? | `pwd` |
| 2 | Which flag makes `ls` show hidden files? | `-a` |

---

**Notas:** la sala se resuelve en veinte minutos con una terminal.
"""
    article = parse_markdown_article(text)
    assert [q.answer for q in article.questions] == ["`pwd`", "`-a`"]
    assert any("after a question table" in warning for warning in article.warnings)


# --- MkDocs flashcards and their footer ------------------------------------------------------

_FLASHCARDS = """# Flashcards — Git

??? question "1. Which command shows the staged changes?"
    **✅ git diff --staged**

    Without the flag, git diff shows the unstaged ones.

??? question "2. A rebase rewrites…"
    **✅ the commits it replays, giving them new hashes**

---

<small>Back to [Flashcards](index.md) · [Git](../git/index.md)</small>
"""


def test_a_numbered_question_admonition_loses_its_number_and_the_footer_goes() -> None:
    article = parse_markdown_article(_FLASHCARDS)
    assert [q.question for q in article.questions] == [
        "Which command shows the staged changes?",
        "A rebase rewrites…",
    ]
    assert "Back to" not in article.questions[1].answer
    assert [q.number for q in article.questions] == [1, 2]


# --- source key and topic tag that must stay valid ------------------------------------------


def test_a_title_that_slugs_to_a_number_gives_a_valid_source_key(tmp_path: Path) -> None:
    source = tmp_path / "quiz.md"
    source.write_text(
        "## 12. 복습\n\n### Q1. 인덱스가 느려지는 경우?\n쓰기가 많을 때.\n\n"
        "### Q2. 커버링 인덱스란?\n조회 열을 모두 담은 인덱스.\n",
        encoding="utf-8",
    )
    import_article(source, tmp_path / "deck", force=False)
    deck = yaml.safe_load((tmp_path / "deck" / "deck.yaml").read_text(encoding="utf-8"))
    assert all(isinstance(key, str) for key in deck["sources"])


def test_a_topic_tag_of_two_long_section_titles_stays_within_the_tag_limit(
    tmp_path: Path,
) -> None:
    long_part = "Understanding the Consistency Guarantees of Distributed Key Value Stores Today"
    inner = "Replication Lag Read Your Writes and Monotonic Reads in Practice Explained"
    source = tmp_path / "notes.md"
    source.write_text(
        f"# Notes\n\n## {long_part}\n\n### {inner}\n\n"
        "#### 1. What is replication lag?\nThe delay before a replica applies a write.\n\n"
        "#### 2. What is a monotonic read?\nA read never older than an earlier one.\n",
        encoding="utf-8",
    )
    import_article(source, tmp_path / "deck", force=False)
    for note in (tmp_path / "deck").glob("*.md"):
        front_matter = yaml.safe_load(note.read_text(encoding="utf-8").split("---")[1])
        assert all(len(tag) <= 100 for tag in front_matter["tags"])


# --- deck language ----------------------------------------------------------------------------


def test_a_vietnamese_article_is_tagged_vi() -> None:
    text = (
        "Tại sao không nên lưu mật khẩu dưới dạng văn bản thường? Vì khi cơ sở dữ liệu bị lộ, "
        "kẻ tấn công có thể đọc được tất cả mật khẩu của người dùng. Nên dùng hàm băm chậm như "
        "bcrypt với một giá trị muối cho mỗi người dùng, và không bao giờ tự viết thuật toán "
        "mã hóa của riêng mình. Điều này cũng giúp hệ thống an toàn hơn khi có sự cố."
    )
    assert language_of(text) == "vi"


def test_hindi_written_in_latin_letters_is_tagged_hi() -> None:
    text = (
        "Promise kya hai? Promise ek object hai jo future mein value deta hai. Agar request "
        "fail ho jata hai toh catch block chalta hai. Async function hamesha promise return "
        "karta hai, aur await uske resolve hone tak rukta hai. Event loop ka kaam yeh hai ki "
        "call stack khali ho toh queue se callback uthaye. Isme bhi microtask pehle chalte hain."
    )
    assert language_of(text) == "hi"


def test_english_prose_with_a_stray_short_word_stays_english() -> None:
    # Near miss: "ka", "ki" or "se" in English text (a name, an abbreviation) tip nothing.
    text = (
        "The Ka band carries satellite links, and the ki unit in Go counts rank. A service "
        "mesh routes each request through a sidecar proxy, which retries failed calls and "
        "records latency for every hop of the trace."
    )
    assert language_of(text) == "en"
