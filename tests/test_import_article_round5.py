"""`ankigen import article` on layouts met in unseen real documents (issue #12, round 5).

Each article here is written for the test in the project's own words; it copies the *layout*
of a public interview document, never its text. Every assertion fails when the importer
loses, merges or mangles a question, or leaves markup or junk on a card.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.diagnostics import Severity
from ankigen.pipeline.check import check
from ankigen.source.load import load_note
from ankigen.tools.importers.article import Article, import_article, parse_article
from ankigen.tools.importers.article_lines import is_python
from ankigen.tools.importers.article_notes import Draft


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _by_front(article: Article) -> dict[str, Draft]:
    return {draft.question: draft for draft in article.questions}


# A SQL page: keycap-emoji numbers after the heading hashes, restarting in each level section.
_KEYCAP_HEADINGS = """# Database questions

## Basic Level

### 1️⃣ What does a view store?
Only its query; rows are read from the base tables on each use.

### 2️⃣ Difference between a key and an index
A key is a rule about the data, an index a structure that speeds up lookups.

## Advanced Level

### 1️⃣ What does a deadlock need?
Two transactions, each holding a lock that the other one waits for.

### 🔟 Why batch inserts?
Fewer round trips and one commit instead of many.
"""


def test_keycap_numbers_after_heading_hashes_are_numbering() -> None:
    article = _parse(_KEYCAP_HEADINGS)
    fronts = [draft.question for draft in article.questions]
    assert fronts == [
        "What does a view store?",
        "Difference between a key and an index",
        "What does a deadlock need?",
        "Why batch inserts?",
    ]
    assert "no question lines" not in article.summary  # read as questions, not topic headings
    assert [draft.number for draft in article.questions] == [1, 2, 1, 10]


# A list of unanswered questions, answers further down, then the pages it was compiled from.
_REFERENCE_LINKS = """Common questions

1. What is a tensor?

Solution: an array with any number of axes.

2. What does a dropout layer do?

Solution: it zeroes random activations while training, so units cannot co-adapt.




[click](https://example.org/one)
[click](https://example.org/two)
"""


def test_bare_reference_links_after_the_last_answer_are_dropped_with_a_warning() -> None:
    article = _parse(_REFERENCE_LINKS)
    last = _by_front(article)["What does a dropout layer do?"]
    assert "example.org" not in last.answer
    assert last.answer.endswith("cannot co-adapt.")
    assert any("closing words after the last answer" in w for w in article.warnings)


def test_one_link_closing_the_last_answer_stays() -> None:
    text = _REFERENCE_LINKS.replace("[click](https://example.org/two)\n", "")
    last = _by_front(_parse(text))["What does a dropout layer do?"]
    assert "https://example.org/one" in last.answer


# A figure laid out in a one-cell HTML table, inside a list item of the answer.
_IMAGE_IN_TABLE = """## 1. How can you see what a CNN looks at?

* Occlusion: hide a patch and watch the score drop.

<table border="0">
   <tr>
      <td>
      <img src="./figures/occlusion.png" width="100%" />
      </td>
   </tr>
   </table>

* Saliency maps: the gradient of the score with respect to the pixels.

## 2. What is a receptive field?

The input region that one output unit depends on.
"""


def test_a_one_cell_table_is_no_table_and_its_image_is_reported() -> None:
    article = _parse(_IMAGE_IN_TABLE)
    answer = _by_front(article)["How can you see what a CNN looks at?"].answer
    assert "|" not in answer  # no empty table left behind
    assert "Saliency maps" in answer
    assert any("figures/occlusion.png" in w and "not imported" in w for w in article.warnings)


def test_an_image_in_a_real_table_cell_is_kept() -> None:
    html = (
        "## 1. Which plots show a distribution?\n\n"
        "<table><tr><th>plot</th><th>example</th></tr>"
        '<tr><td>histogram</td><td><img src="https://example.org/h.png" alt="hist"></td></tr>'
        "</table>\n"
    )
    answer = _parse(html).questions[0].answer
    assert "| histogram | [hist](https://example.org/h.png) |" in answer


# Numbered question headings, then a notes section about the document at the same level.
_NOTES_AFTER_NUMBERED = """# Vision questions

## 1. What does pooling do?

It shrinks feature maps and adds a little translation invariance.

## 2. What is a stride?

The step of the filter between two positions.

---

## Notes

- **Focus**: the answers aim at interviews.

**Next Steps**: read the chapter on detection next! 🌟
"""


def test_a_notes_section_after_numbered_questions_is_no_question() -> None:
    article = _parse(_NOTES_AFTER_NUMBERED)
    assert [draft.question for draft in article.questions] == [
        "What does pooling do?",
        "What is a stride?",
    ]
    assert "Next Steps" not in article.questions[-1].answer


def test_a_topic_heading_between_numbered_questions_is_still_imported() -> None:
    text = _NOTES_AFTER_NUMBERED.replace(
        "## 2. What is a stride?",
        "## Strides\n\nHow far the filter moves.\n\n## 2. What is a stride?",
    )
    assert "Strides" in _by_front(_parse(text))


# A page kept for MkDocs Material: front matter, a difficulty metadata line, answers folded
# in "??? success" admonitions with a nested "!!! tip", and the askers after the question.
_MKDOCS_PAGE = """---
title: Probability questions
# hide:
#   - toc
---

# Probability questions

### What is a prior? - Google, Amazon Interview Question

**Difficulty:** 🟢 Easy | **Tags:** `Bayes` | **Asked by:** Google, Amazon

??? success "View Answer"

    **Prior:** what you believe before seeing the data.

    ```python
    prior = 0.3
    ```

    !!! tip "Interviewer's Insight"
        They check that you separate prior and likelihood.

---

### What is a likelihood? - Meta Interview Question

**Difficulty:** 🔴 Hard | **Tags:** `Bayes`

??? success "View Answer"

    How probable the data is under each hypothesis.
"""


def test_mkdocs_admonitions_front_matter_and_askers() -> None:
    article = _parse(_MKDOCS_PAGE)
    assert article.title == "Probability questions"  # not "hide" from the front matter
    drafts = _by_front(article)
    assert set(drafts) == {"What is a prior?", "What is a likelihood?"}
    prior = drafts["What is a prior?"]
    assert prior.answer.startswith("**Prior:** what you believe")  # no code block, no marker
    assert "???" not in prior.answer and "!!!" not in prior.answer
    assert "View Answer" not in prior.answer and "Difficulty" not in prior.answer
    assert "```python\nprior = 0.3\n```" in prior.answer
    assert "**Interviewer's Insight**\\\nThey check" in prior.answer
    assert "difficulty::easy" in prior.tags
    assert "difficulty::hard" in drafts["What is a likelihood?"].tags
    assert prior.note_type == "code"


def test_mkdocs_page_notes_are_valid(tmp_path: Path) -> None:
    source = tmp_path / "probability.md"
    source.write_text(_MKDOCS_PAGE, encoding="utf-8")
    deck = tmp_path / "content" / "prob"
    report = import_article(source, deck, force=False)
    assert {path.name for path in report.written} == {
        "deck.yaml",
        "what-is-a-prior.md",
        "what-is-a-likelihood.md",
    }
    assert {path.name for path in deck.glob("what-*.md")} == {
        "what-is-a-prior.md",
        "what-is-a-likelihood.md",
    }
    for path in sorted(deck.glob("*.md")):
        load_note(path)
    result = check([deck])
    assert result.ok, [d.format() for d in result.diagnostics if d.severity is Severity.ERROR]


def test_probability_notation_is_no_python() -> None:
    assert not is_python("E[X] = (1/2)(1 + E[X|H]) + (1/2)(1 + E[X|T])")
    assert not is_python("P(A|H) = (1/2)P(A|HH) + (1/2)P(A|HT)")
    assert is_python("p_both = (13/52) * (12/51)")
    assert is_python("A = [1, 2, 3]")
    assert is_python("result = model.predict(X[0])")


_PROSE_FORMULAS = """### What is the expected number of rolls?

Condition on the first roll:

E[X] = (1/6)(1) + (5/6)(1 + E[X])

So E[X] = 6.
"""


def test_probability_formulas_in_an_answer_stay_text() -> None:
    article = _parse(_PROSE_FORMULAS)
    assert "```" not in article.questions[0].answer
    assert not any("unfenced code" in w for w in article.warnings)


# Scraped "Question N" headings, each over a bold prompt; the page gives no answers.
_LABELLED_PROMPTS = """# Scenario questions

## Question 1

**Outline the trade-offs of a larger batch size.**

---

## Question 2

**How would you detect label noise in a dataset?**

---

## Question 3

**Propose a plan for evaluating a ranking model offline.**

---
"""


def test_question_labels_take_the_prompt_below_whatever_its_first_word() -> None:
    article = _parse(_LABELLED_PROMPTS)
    assert [draft.question for draft in article.questions] == [
        "Outline the trade-offs of a larger batch size.",
        "How would you detect label noise in a dataset?",
        "Propose a plan for evaluating a ranking model offline.",
    ]
    assert [draft.number for draft in article.questions] == [1, 2, 3]
    assert not any("rejected" in w for w in article.warnings)  # the prompt is no second question
    assert all(draft.answer.startswith("TODO") for draft in article.questions)


# Numbered question headings after an introduction that uses headings of the same level.
_INTRODUCED = """# Serving questions

## Introduction

### What is model serving?

Running a trained model behind an interface that answers requests.

### Who is this for?

Engineers preparing for interviews.

## Basics

### 1. What is a canary release? (Big Tech)

Sending a small share of traffic to the new model first.

### 2. Why keep the previous model version? - Asked at Google

So a bad release can be rolled back at once.

### 3. What is shadow traffic? [FAANG]

Requests copied to a new model whose answers are not used.
"""


def test_introduction_headings_before_numbered_questions_are_reported_not_imported() -> None:
    article = _parse(_INTRODUCED)
    assert [draft.question for draft in article.questions] == [
        "What is a canary release?",
        "Why keep the previous model version?",
        "What is shadow traffic?",
    ]
    assert any(
        "'### Who is this for?' rejected: before the first question" in w for w in article.warnings
    )


def test_a_parenthesised_instruction_after_the_question_stays() -> None:
    text = _INTRODUCED.replace("(Big Tech)", "(Give an example)")
    assert "What is a canary release? (Give an example)" in _by_front(_parse(text))


# Bold "Q:" questions, answers folded in <details>, numbered bold step labels inside one.
_DETAILS_WITH_STEPS = """# Queueing flashcards

**Q: What does Little's law state?**
<details>
<summary>Answer</summary>

The mean number in a system equals arrival rate times mean time spent.
</details>

**Q: How do you size a worker pool?**
<details>
<summary>Answer</summary>

Work through three steps.

**1. Measure the arrival rate:**
```
requests per second at the peak hour
```

**2. Measure the service time:**
```
seconds one worker spends per request
```
</details>
"""


def test_numbered_step_labels_inside_a_folded_answer_stay_in_it() -> None:
    article = _parse(_DETAILS_WITH_STEPS)
    drafts = _by_front(article)
    assert set(drafts) == {"What does Little's law state?", "How do you size a worker pool?"}
    answer = drafts["How do you size a worker pool?"].answer
    assert "**1. Measure the arrival rate:**" in answer
    assert "**2. Measure the service time:**" in answer
    assert "<details>" not in answer and "Answer" not in answer.split("\n")[0]
    assert any(
        "'**1. Measure the arrival rate:**' rejected: kept as text" in w for w in article.warnings
    )


# Questions quoted as the interviewer says them, behind a "Q:" label in bold headings.
_QUOTED_HEADINGS = """# Project interview

## **Overview Q&A**

### **Q: "Tell me about your pipeline."**
**A:** It loads click events every hour and builds daily tables.

### **Q: "Why did you pick a columnar store?"**
**A:** Scans read only the columns a query needs.

## **Further Reading**

### **Books:**
- a book about data systems
"""


def test_quoted_questions_behind_a_label_in_headings() -> None:
    article = _parse(_QUOTED_HEADINGS)
    assert [draft.question for draft in article.questions] == [
        "Tell me about your pipeline.",
        "Why did you pick a columnar store?",
    ]
    assert (
        article.questions[0].answer == "It loads click events every hour and builds daily tables."
    )
    assert "no question lines" not in article.summary
