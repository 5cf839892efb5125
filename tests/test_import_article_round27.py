# ruff: noqa: RUF001
"""`ankigen import article`: classes found on the session-22 real documents (round 27).

Every document here is written for the test, on other topics than the real pages: Obsidian
notes whose questions sit in ``> [!question]-`` callouts (a page of questions, and a lesson of
numbered sections with one question callout); ``<details>`` toggles whose ``<summary>`` wraps
the question in ``<h3>`` tags, asks as a Korean polite request ("…설명해 주세요."), and holds
an answer toggle with a list of follow-up questions, each with its own answer toggle; toggles
labelled "answer" in Japanese or Korean; a Chinese quiz item asking with "哪" before a measure
word ("哪一项") over its choices; and a bare ``###`` left between two questions.
"""

from __future__ import annotations

from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- Obsidian question callouts ----------------------------------------------------------

_CALLOUT_PAGE = """---
status: learning
---

# Caching

Notes on HTTP caching for the backend course.

## Open points

## Questions

> [!question]- What does the Cache-Control header max-age set?
> How many seconds a response stays fresh.
> After that the client must revalidate it.

> [!FAQ]+ Why send an ETag with a response?
> The client can ask again with If-None-Match.
> - a match returns 304 without a body
> - a change returns the new body

> [!question]-
> Which status code says the cached copy is still good?
> 304 Not Modified.

## Links

- [RFC 9111](https://www.rfc-editor.org/rfc/rfc9111)
"""


def test_question_callouts_are_the_questions() -> None:
    fronts = article_fronts(_CALLOUT_PAGE)
    assert fronts == [
        "What does the Cache-Control header max-age set?",
        "Why send an ETag with a response?",
        "Which status code says the cached copy is still good?",
    ]
    answers = article_answers(_CALLOUT_PAGE)
    assert "How many seconds" in answers[0] and ">" not in answers[0]
    assert "- a match returns 304" in answers[1]
    assert answers[2].strip() == "304 Not Modified."


_LESSON_WITH_ONE_CALLOUT = """# Session 4 - Retries and idempotency

## 1. A retry repeats the side effect

A payment call that timed out may have charged the card already.

## 2. Keys make a request safe to repeat

The server stores the key with the result and answers a repeat from the store.

## 3. Budgets bound the retries

Three attempts with backoff is a common default, not a rule.

> [!question]- Does a timeout prove that the server did nothing?
> No. The request may have been applied; only an idempotency key makes the retry safe.
"""


def test_lesson_sections_give_way_to_the_declared_question() -> None:
    fronts = article_fronts(_LESSON_WITH_ONE_CALLOUT)
    assert fronts == ["Does a timeout prove that the server did nothing?"]
    assert "idempotency key" in article_answers(_LESSON_WITH_ONE_CALLOUT)[0]


_NOTE_CALLOUT_IN_AN_ANSWER = """# Retry notes

### What is exponential backoff?

Each retry waits twice as long as the one before.

> [!note] Rule of thumb
> Cap the wait at a minute.

### Why add jitter to the wait?

So that clients which failed together do not retry together.
"""


def test_near_miss_a_note_callout_stays_quoted_in_its_answer() -> None:
    # Callouts of other types are no questions: the note stays a quotation of the answer.
    fronts = article_fronts(_NOTE_CALLOUT_IN_AN_ANSWER)
    assert fronts == ["What is exponential backoff?", "Why add jitter to the wait?"]
    assert "> [!note] Rule of thumb" in article_answers(_NOTE_CALLOUT_IN_AN_ANSWER)[0]


# --- <details> toggles: heading tags, a polite request, follow-up questions --------------

_TOGGLES_WITH_FOLLOW_UPS = """## Databases

<details>
  <summary><h3>1. 인덱스가 무엇인지 설명해 주세요.</h3></summary>
    <details>
      <summary>답변</summary>
      <p>테이블의 행을 빨리 찾기 위한 정렬된 자료 구조입니다.</p>
      <details>
        <summary>꼬리 질문</summary>
        <ul>
        <li> 인덱스를 많이 만들면 어떤 문제가 생기나요?
          <details>
            <summary>답변</summary>
            <p>쓰기가 느려지고 저장 공간이 늘어납니다.</p>
          </details>
        </li>
        <li> 복합 인덱스에서 컬럼 순서는 왜 중요한가요?
          <details>
            <summary>답변</summary>
            <p>앞쪽 컬럼부터 정렬되므로 앞 컬럼 조건이 없으면 쓰이지 않습니다.</p>
          </details>
        </li>
        </ul>
      </details>
    </details>
</details>

<details>
  <summary><h3>2. 트랜잭션 격리 수준에는 무엇이 있나요?</h3></summary>
    <details>
      <summary>답변</summary>
      <p>READ UNCOMMITTED, READ COMMITTED, REPEATABLE READ, SERIALIZABLE이 있습니다.</p>
    </details>
</details>
"""


def test_summary_heading_tags_polite_request_and_follow_ups() -> None:
    fronts = article_fronts(_TOGGLES_WITH_FOLLOW_UPS)
    assert fronts == [
        "인덱스가 무엇인지 설명해 주세요.",
        "인덱스를 많이 만들면 어떤 문제가 생기나요?",
        "복합 인덱스에서 컬럼 순서는 왜 중요한가요?",
        "트랜잭션 격리 수준에는 무엇이 있나요?",
    ]
    answers = article_answers(_TOGGLES_WITH_FOLLOW_UPS)
    assert "정렬된 자료 구조" in answers[0]
    assert "쓰기가 느려지고" not in answers[0]  # the follow-up's answer is its own
    assert "쓰기가 느려지고" in answers[1]
    assert all("답변" not in answer for answer in answers)  # the toggle's label goes


_LIST_ITEMS_WITHOUT_TOGGLES = """<details>
  <summary>What does VACUUM do?</summary>

It reclaims the space of dead rows.

<ul>
<li> It can run without locking the table
<li> A full VACUUM rewrites it and locks it
</ul>
</details>
"""


def test_near_miss_html_list_items_without_answer_toggles_stay_in_the_answer() -> None:
    assert article_fronts(_LIST_ITEMS_WITHOUT_TOGGLES) == ["What does VACUUM do?"]
    assert "rewrites it" in article_answers(_LIST_ITEMS_WITHOUT_TOGGLES)[0]


_JAPANESE_TOGGLES = """## 確認問題

### 問1. 訓練データに合わせすぎて汎化性能が落ちる状態を【　　】という。(穴埋め)

<details>
<summary>回答</summary>
過学習
</details>

### 問2. 説明変数と目的変数の関係を直線で表すモデルの名前を述べよ。

<details>
<summary>回答</summary>
線形回帰
</details>

### 問3. 決定木は特徴量の標準化を必要としない。(y/n)

<details>
<summary>解答</summary>
y
</details>
"""


def test_japanese_answer_toggle_label_and_question_number_go() -> None:
    fronts = article_fronts(_JAPANESE_TOGGLES)
    assert fronts[0].startswith("訓練データに合わせすぎて")  # "問1." numbers the item
    answers = article_answers(_JAPANESE_TOGGLES)
    assert [answer.strip() for answer in answers] == ["過学習", "線形回帰", "y"]


# --- a Chinese quiz item that asks with "哪" + a measure word ------------------------------

_CHINESE_CHOICE_ITEMS = """## Q1 学习率

训练神经网络时，哪一项最可能导致损失震荡。

- A 学习率过大
- B 批量过大

<details>
<summary>答案</summary>

**A** 步长太大会越过最低点。
</details>

## Q2 正则化

下列方法中哪种不能减轻过拟合。

- A Dropout
- B 增加模型层数

<details>
<summary>答案</summary>

**B** 更深的模型更容易过拟合。
</details>
"""


def test_chinese_which_with_measure_word_is_the_question_over_choices() -> None:
    fronts = article_fronts(_CHINESE_CHOICE_ITEMS)
    assert fronts[0].startswith("学习率: 训练神经网络时，哪一项最可能导致损失震荡。")
    assert "(A 学习率过大 / B 批量过大)" in fronts[0]
    assert fronts[1].startswith("正则化: 下列方法中哪种不能减轻过拟合。")


_CHINESE_STATEMENT_OVER_TRAITS = """## Q1 批归一化

批归一化对每个小批量做标准化，哪怕批量很小也照常计算。

- 训练更稳定
- 可以用更大的学习率

<details>
<summary>答案</summary>

它让每层输入的分布保持稳定。
</details>
"""


def test_near_miss_even_if_clause_does_not_ask() -> None:
    # "哪怕" (even if) is no question word: the statement over its traits is not asked.
    front = article_fronts(_CHINESE_STATEMENT_OVER_TRAITS)[0]
    assert "(训练更稳定" not in front


# --- a bare "###" between two questions ---------------------------------------------------

_BARE_HEADING = """## Sampling

### How would you test whether a die is fair?

Roll it many times and run a chi-squared test on the counts.

###

## Streams

### How do you sample uniformly from a stream of unknown length?

Reservoir sampling keeps each item with probability k/n.
"""


def test_bare_heading_marker_is_no_part_of_the_answer() -> None:
    answers = article_answers(_BARE_HEADING)
    assert answers[0].rstrip().endswith("counts.")
    assert "###" not in answers[0]


# --- a deck named after the page's first heading, not a later "FAQ" -----------------------

_SETEXT_TITLE_OVER_OUTLINE = """Kafka
-----
01. Topics
A named log split into partitions.
02. Consumer groups
Each partition goes to one consumer of the group.

FAQ
---
01. 为什么分区内的消息是有序的？
Each partition is one append-only log.
02. 消费者组如何重新平衡？
The coordinator reassigns partitions when a member joins or leaves.
"""


def test_deck_title_is_the_first_heading_over_a_blanked_outline() -> None:
    article = parse_markdown_article(_SETEXT_TITLE_OVER_OUTLINE)
    assert article.title == "Kafka"


# --- links to the previous and next pages ---------------------------------------------------

_NOTE_WITH_PAGE_LINKS = """# Week 3 review

### What does a write-ahead log guarantee?

A change is on disk in the log before the data page is written.

The pipeline runs [[Ingest]] → [[Validate]] → [[Load]] every night.

---

← [[Week 2 review|Previous]] · [[Week 4 review|Next]] →
"""


def test_previous_and_next_page_links_are_no_part_of_the_answer() -> None:
    answer = article_answers(_NOTE_WITH_PAGE_LINKS)[0]
    assert "Previous" not in answer and "Next" not in answer
    # near miss: a sentence whose links are joined by arrows stays
    assert "[[Ingest]] → [[Validate]]" in answer
