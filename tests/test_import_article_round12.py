# ruff: noqa: RUF001  (the documents are Chinese: full-width marks are their text)
"""`ankigen import article`: classes from the seventh round of real documents of session 8 (#12).

Every document and line here is written for the test. Five classes: MkDocs content tabs
(``=== "Question"`` / ``=== "Answer"``) inside an untitled admonition; a one-line quotation
over an answer toggle labelled in Chinese; Chinese questions (the full-width question mark,
the enumeration comma ``1、``, question words without a mark); numbering that restarts in a
later section; a ``**Question 4**.`` label followed by the question on the same line.
"""

from __future__ import annotations

import pytest

from ankigen.tools.importers.article import Article, parse_article


def _parse(text: str, *, markdown: bool = True) -> Article:
    return parse_article(text, markdown=markdown, stem="article")


def _fronts(text: str, *, markdown: bool = True) -> list[str]:
    return [question.question for question in _parse(text, markdown=markdown).questions]


# --- 1. content tabs ----------------------------------------------------------------------

_TABS = """Some questions for the next review.

!!! Question ""

    === "Question"
        #### Why does a hash join need memory?

    === "Answer"

        It builds a hash table of the smaller input before probing it with the larger one.

!!! Question ""
    === "Question"
        #### What does a bloom filter trade away?

    === "Answer"
        Exactness: it may say a key is present when it is not, never the reverse.

        !!! Note
            Deleting keys needs a counting variant.
"""


def test_content_tabs_give_the_question_and_its_answer() -> None:
    article = _parse(_TABS)
    assert [q.question for q in article.questions] == [
        "Why does a hash join need memory?",
        "What does a bloom filter trade away?",
    ]
    first, second = (q.answer for q in article.questions)
    assert first.startswith("It builds a hash table")
    assert "===" not in first + second and "Question" not in first
    assert "Exactness" in second and "counting variant" in second


def test_a_tab_with_its_own_title_keeps_it_as_a_bold_line() -> None:
    text = _TABS.replace(
        '=== "Answer"\n\n        It builds', '=== "Worked example"\n\n        It builds'
    )
    first = _parse(text).questions[0].answer
    assert first.startswith("**Worked example**")


# --- 2. a quotation over an answer toggle ---------------------------------------------------

_QUOTED = """> 1、为什么要对特征做标准化？
<details>
  <summary>答案</summary>
  让各个特征的尺度一致，梯度下降收敛更快。
</details>

> 2、Python 的 GIL 是什么？
<details>
  <summary>参考答案</summary>
  全局解释器锁：同一时刻只有一个线程执行字节码。
  </details>

> 3、简述 batch size 对训练的影响
<details>
  <summary>答案</summary>
  太小梯度噪声大，太大泛化可能变差。
</details>
"""


def test_a_quoted_line_over_an_answer_toggle_is_the_question() -> None:
    article = _parse(_QUOTED)
    assert [q.question for q in article.questions] == [
        "为什么要对特征做标准化？",
        "Python 的 GIL 是什么？",
        "简述 batch size 对训练的影响",
    ]
    assert "梯度下降收敛更快" in article.questions[0].answer
    assert "答案" not in article.questions[0].answer


def test_a_quotation_over_a_toggle_that_asks_stays_a_quotation() -> None:
    # The toggle's summary is itself the question: the quote above it is no question.
    text = (
        "> Notes from the reading group.\n"
        "<details><summary>What does a bloom filter trade away?</summary>\n\n"
        "Exactness.\n\n</details>\n\n"
        "<details><summary>Why does a hash join need memory?</summary>\n\n"
        "For its hash table.\n\n</details>\n"
    )
    assert _fronts(text) == [
        "What does a bloom filter trade away?",
        "Why does a hash join need memory?",
    ]


# --- 3. Chinese questions --------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        "**什么是{}？**",  # full-width question mark
        "**{} 和 Layer Norm 的区别**",  # a question word, no mark
        "**简述 {}**",  # a prompt at the start
        "**{} 不收敛该怎么办**",
    ],
)
def test_chinese_numbered_items_ask(form: str) -> None:
    topics = ["Adam", "Dropout", "ResNet"]
    text = "".join(
        f"{n}. {form.format(topic)}\n\n   第 {n} 题的回答。\n\n"
        for n, topic in enumerate(topics, 1)
    )
    assert _fronts(text) == [form.format(topic).strip("*") for topic in topics]


def test_a_chinese_statement_in_an_answer_is_no_question() -> None:
    text = (
        "1. **What is early stopping?**\n\n   训练时监控验证集损失。\n\n"
        "2. **Why shuffle the data?**\n\n   打乱顺序，避免批次之间相关。\n"
    )
    assert _fronts(text) == ["What is early stopping?", "Why shuffle the data?"]


# --- 4. numbering that restarts in a later section -----------------------------------------

_RESTARTED = """Questions (ML)
==============

1. **What is a kernel?**

   A similarity function.

2. **What is a margin?**

   The distance to the closest point.

3. **Explain how a ROC curve works.**

   It plots TPR against FPR over thresholds.

4. **Define recall.**

   TP / (TP + FN).

---

1. **什么是感受野？**

   输出的一个点在输入上看到的区域。

2. **什么是空洞卷积？**

   卷积核中间插零，扩大感受野。

3. **KNN 与 K-means 的区别**

   前者有监督，后者无监督。

4. **简述正则化**

   给损失加上参数的惩罚项。
"""


def test_a_restarted_numbering_does_not_hide_the_statements_of_the_first_section() -> None:
    assert _fronts(_RESTARTED) == [
        "What is a kernel?",
        "What is a margin?",
        "Explain how a ROC curve works.",
        "Define recall.",
        "什么是感受野？",
        "什么是空洞卷积？",
        "KNN 与 K-means 的区别",
        "简述正则化",
    ]


# --- 5. a bold "Question 4" label, the question on the same line ------------------------------

_LABELLED = """# Detection quiz

**Question 1**. Two boxes overlap in a 10 x 10 square and each covers 400 pixels. Compute their IoU.

Resp: 0.14

**Question 2**. Select the statements that hold for anchor boxes:

- [x] They are fixed reference shapes
- [ ] They are learned per image

**Question 3:** Which stage of a two-stage detector proposes regions?

Resp: the region proposal network
"""


def test_a_bold_question_label_gives_the_rest_of_its_line_as_the_question() -> None:
    fronts = _fronts(_LABELLED)
    assert fronts == [
        "Two boxes overlap in a 10 x 10 square and each covers 400 pixels. Compute their IoU.",
        # The ticked task list under it is its choices (round 35): they join the front.
        "Select the statements that hold for anchor boxes "
        "(They are fixed reference shapes / They are learned per image)",
        "Which stage of a two-stage detector proposes regions?",
    ]
    assert not any(front.startswith((".", ":")) for front in fronts)


def test_a_bold_number_without_a_label_still_needs_a_question() -> None:
    # "**2.** Keep the cache warm." is a step of a list, not a question: no "Question" label.
    text = (
        "**1.** What does a cache hit ratio measure?\n\nHits over lookups.\n\n"
        "**2.** Keep the cache warm before the benchmark.\n\n"
        "**3.** Why does a cold cache skew a benchmark?\n\nThe first reads miss.\n"
    )
    assert "Keep the cache warm before the benchmark." not in _fronts(text)


# --- 6. a numbered set of questions above a longer list of another shape ----------------------

_TWO_SETS = """# Spark interview

**Question 1:**
Why is a shuffle expensive?

**Question 2:**
When would you broadcast a table?

**Question 3:**
How do you find a skewed key?

# Rapid fire

1. What is an RDD?
2. What is lazy evaluation?
3. What does cache() keep?
4. What is a narrow transformation?
5. What is a wide transformation?
"""


def test_a_numbered_set_above_a_longer_list_is_no_preamble() -> None:
    fronts = _fronts(_TWO_SETS)
    assert fronts[:3] == [
        "Why is a shuffle expensive?",
        "When would you broadcast a table?",
        "How do you find a skewed key?",
    ]
    assert len(fronts) == 8


def test_two_numbered_lines_of_preamble_stay_preamble() -> None:
    # Two bold numbered lines are too few for a set of their own (steps of an intro).
    text = _TWO_SETS.replace("**Question 3:**\nHow do you find a skewed key?\n\n", "")
    assert len(_fronts(text)) == 5
