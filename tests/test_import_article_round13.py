"""`ankigen import article`: classes left open by the seventh round of real documents (#12).

Every document here is written for the test, on other topics than the real pages: an interview
written out as a dialogue ("**Interviewer**: …" over "**Candidate**: …" or a bare paragraph);
numbered items wrapped at the margin; a labelled prompt ("2. Coding task: Go:") whose task runs
on the lines below it; a list that repeats or skips a number; the first item of a list under a
heading ("1) Warm-up chat") above a question item.
"""

from __future__ import annotations

from ankigen.tools.importers.article import Article, parse_article


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _fronts(text: str) -> list[str]:
    return [question.question for question in _parse(text).questions]


_DIALOGUE = """# A mock interview on caching

**Interviewer**: Your product page got slow after a release. Where would you look first?

**Candidate**: At the cache hit rate, since the release changed the keys.

**Interviewer**: What could lower the hit rate?

A key that now includes a timestamp, so no two requests share an entry.

🙂 **Interviewer:** Explain how you would warm the cache before a launch.
🧑 **Interviewee**: Replay yesterday's most frequent requests against the new build.
"""


def test_an_interview_dialogue_gives_each_asking_line_as_a_question() -> None:
    article = _parse(_DIALOGUE)
    assert [q.question for q in article.questions] == [
        "Your product page got slow after a release. Where would you look first?",
        "What could lower the hit rate?",
        "Explain how you would warm the cache before a launch.",
    ]
    answers = [q.answer for q in article.questions]
    assert answers[0] == "At the cache hit rate, since the release changed the keys."
    assert answers[1].startswith("A key that now includes a timestamp")
    assert answers[2] == "Replay yesterday's most frequent requests against the new build."


def test_one_quoted_interviewer_line_in_an_answer_is_no_question() -> None:
    text = """## 1. How do you prepare for a design round?

Practise aloud. A friend once played the part:

**Interviewer**: Walk me through a URL shortener.

## 2. What should you ask at the end?

About the team's on-call load.
"""
    assert _fronts(text) == [
        "How do you prepare for a design round?",
        "What should you ask at the end?",
    ]


def test_an_interviewer_line_that_asks_nothing_is_no_question() -> None:
    text = _DIALOGUE + "\n**Interviewer**: Thanks\n\nThat was the last one.\n"
    assert len(_fronts(text)) == 3


_WRAPPED = """# Storage round

1. What is the difference between a heap table and
a clustered one?
2. Compare row stores with column
stores
3. Name the trade-offs of LSM trees versus
B-trees
4. Bagging
Averages bootstrapped models
"""


def test_an_item_cut_at_the_margin_keeps_its_last_words() -> None:
    fronts = _fronts(_WRAPPED)
    assert fronts[:3] == [
        "What is the difference between a heap table and a clustered one?",
        "Compare row stores with column stores",
        "Name the trade-offs of LSM trees versus B-trees",
    ]


def test_a_short_capitalised_line_under_a_term_is_not_joined_to_it() -> None:
    # "4. Bagging" / "Averages bootstrapped models": a definition, not the rest of the item.
    assert all("Averages" not in front for front in _fronts(_WRAPPED))


_PROMPTS = """# Onsite loop, backend

1. Coding task: Go:
Write a function that merges two sorted slices
without allocating more than once.
2. Coding task: SQL
Given a table of orders, report each customer's
second largest order.
3. Explain how a write-ahead log survives a crash.
4. What is a phantom read?
"""


def test_a_labelled_prompt_takes_the_task_written_below_it() -> None:
    fronts = _fronts(_PROMPTS)
    assert fronts[0] == (
        "Coding task: Go: Write a function that merges two sorted slices without allocating "
        "more than once."
    )
    assert fronts[1].startswith("Coding task: SQL Given a table of orders")
    assert fronts[1].endswith("second largest order.")
    assert len(fronts) == 4


def test_a_label_with_its_task_on_the_same_line_takes_nothing_below() -> None:
    text = """# Practice

1. Task 1: write a parser for dates in three formats and report bad ones
A regular expression per format is enough.

2. What is a lexer?
3. What is a parse tree?
"""
    fronts = _fronts(text)
    assert not any("regular expression" in front for front in fronts)
    assert "What is a lexer?" in fronts


_CARELESS = """# Questions from a phone screen

1) How do you size a thread pool?
2) What is backpressure?
3) Why do retries need jitter?
3) How would you shard a counter?
4) Where do idempotency keys live?
5) What breaks when clocks drift?

# Questions from the onsite

1) What is a saga?
2) How do you version an event schema?
4) When would you pick a queue over a log?
5) What does exactly-once cost?
"""


def test_a_repeated_or_skipped_number_does_not_end_the_list() -> None:
    article = _parse(_CARELESS)
    fronts = [q.question for q in article.questions]
    assert "How would you shard a counter?" in fronts
    assert "Where do idempotency keys live?" in fronts
    assert "When would you pick a queue over a log?" in fronts
    assert len(fronts) == 10
    # Session 25: the skipped 3 has nothing question-like in its place: a summary line.
    assert any("jumps from 2 to 4" in line for line in article.skipped_numbers)


def test_steps_after_an_answer_are_not_taken_for_a_skipped_number() -> None:
    text = """# Runbook questions

1. How do you roll back a bad deploy?

Do it in order:

2. Freeze the pipeline.
3. Redeploy the last good build.

2. How do you tell users?
"""
    fronts = _fronts(text)
    assert fronts == ["How do you roll back a bad deploy?", "How do you tell users?"]


def test_the_first_item_under_a_heading_above_a_question_item_is_taken() -> None:
    text = """# Round one

1) How do you review a pull request?
2) What makes a good commit message?
3) Why squash commits?

# Round two, 14 May

1) Warm-up chat
2) Which metric would you watch after a deploy?
3) How would you find a memory leak?
"""
    fronts = _fronts(text)
    assert "Warm-up chat" in fronts
    assert len(fronts) == 6


def test_two_trailing_spaces_keep_options_on_their_own_lines() -> None:
    text = (
        "**Question 1:**  \nWhich sort is stable?\n\n"
        "a) Heapsort  \nb) Merge sort  \nc) Quicksort\n\n"
        "**Answer:** b)\n\n"
        "**Question 2:**  \nWhich structure gives O(1) lookups on average?\n\n"
        "- a list  \n- a hash table\n\nA hash table.\n\n"
        "**Question 3:**\nWhat does a heap keep at its root?\n\nThe smallest key  \n"
    )
    article = _parse(text)
    first, second, third = (q.answer for q in article.questions)
    # Lettered options over their key (after a blank line) join the front since round 40, the
    # keyed one is the back; options with no key keep their breaks (round 40's tests).
    assert article.questions[0].question.endswith("(Heapsort / Merge sort / Quicksort)")
    assert first == "Merge sort"
    assert "\\" not in second  # list items are lines of their own already
    assert third == "The smallest key"  # a break before nothing is no break
