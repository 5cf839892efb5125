"""`ankigen import article`: classes found on the second round of session-21 real documents.

Every document here is written for the test, on other topics than the real pages: a numbered
list of interview questions under a section heading whose first item is an imperative prompt
("1. **Introduce yourself.**") answered by a nested bullet, as every later item is; and answers
whose first prose line is indented four columns or a tab (a tab-indented line after
``<summary>…</summary><br><b>``, or a list item's answer indented deeper than its code fence),
which Markdown would show as an indented code block.
"""

from __future__ import annotations

from tests.article_helpers import article_answers, article_fronts

# --- the first item of a numbered list of questions, an imperative with a nested answer -----

_INTERVIEW_LIST = """### **Opening questions**
1. **Introduce yourself in two minutes.**
   - The interviewer wants your path so far and what you look for next.

2. **Why did you choose data engineering?**
   - Say what drew you to pipelines and what you enjoy building.

3. **Which project are you proudest of?**
   - Pick one with a result you can measure.

### **Closing questions**
4. **Do you have questions for us?**
   - Ask about the team's on-call rotation and release cadence.
"""


def test_first_numbered_imperative_with_nested_answer_is_a_question() -> None:
    fronts = article_fronts(_INTERVIEW_LIST)
    assert fronts[0] == "Introduce yourself in two minutes."
    assert len(fronts) == 4
    answers = article_answers(_INTERVIEW_LIST)
    assert "path so far" in answers[0]
    assert "Why did you choose" not in answers[0]


_INTRO_THEN_LIST = """### **Before you start**
Read the whole brief first.

1. **Set up the repository.**
   - Clone it and install the tools.

2. **What does the nightly job do?**
   - It loads the day's orders into the warehouse.

3. **Why is the job idempotent?**
   - A rerun overwrites the same partition.
"""


def test_near_miss_first_item_after_an_intro_paragraph_stays_out() -> None:
    # A paragraph between the heading and "1." : the heading does not open the list of
    # questions, so the first item (a step, not a question) stays with the preamble.
    fronts = article_fronts(_INTRO_THEN_LIST)
    assert "Set up the repository." not in fronts
    assert fronts[0] == "What does the nightly job do?"


_SHALLOWER_SECOND_ITEM = """### **Warm-up**
  1. **List the tools you use daily.**
     - An editor, a terminal and a notebook.

2. **What is a race condition?**
   - Two threads touching shared state without order.

3. **How do you find a memory leak?**
   - Profile the heap over time.
"""


def test_near_miss_first_item_of_another_depth_stays_out() -> None:
    # Item 1 indented deeper than item 2: not the same list, so not taken as its first item.
    assert "List the tools you use daily." not in article_fronts(_SHALLOWER_SECOND_ITEM)


# --- a first prose line indented four columns or a tab ----------------------------------------

_TAB_AFTER_SUMMARY = """## Questions

<details>
<summary>What is the <code>.venv</code> folder?</summary><br><b>
\tThe <code>.venv</code> folder holds the interpreter and packages of one project.

Delete it and create it again to start clean.
</b></details>

<details>
<summary>How do you leave a virtual environment?</summary><br><b>

Run `deactivate`.
</b></details>
"""


def test_tab_indented_first_answer_line_is_prose_not_code() -> None:
    answers = article_answers(_TAB_AFTER_SUMMARY)
    assert answers[0].startswith("The `.venv` folder holds")


_DEEP_ANSWER_SHALLOW_FENCE = """1. ### How do you cap concurrent workers in Go?

        Use a buffered channel as a semaphore, like below

  ```go
  sem := make(chan struct{}, 4)
  ```

2. ### What does `sync.WaitGroup` do?

    It waits for a set of goroutines to finish.
"""


def test_prose_deeper_than_its_fence_loses_the_extra_indent() -> None:
    answer = article_answers(_DEEP_ANSWER_SHALLOW_FENCE)[0]
    assert answer.startswith("Use a buffered channel")
    assert "```go" in answer


_INDENTED_CODE_ANSWER = """## 1. How do you print the Python version?

    import sys
    print(sys.version)

## 2. How do you list installed packages?

Run `pip list`.
"""


def test_near_miss_indented_code_stays_code() -> None:
    answer = article_answers(_INDENTED_CODE_ANSWER)[0]
    assert "print(sys.version)" in answer
    assert "```" in answer or answer.startswith("    ")
