"""`ankigen import article` on layouts met in real interview documents (issue #12, round 4).

Each case is a small article written for this test in the project's own words; it reproduces
the *layout* of a public document (named in the test's docstring), not its text. Every
assertion fails when the importer loses, merges or mangles a question, or leaves junk on a
card.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.diagnostics import Severity
from ankigen.pipeline.check import check
from ankigen.source.load import load_note
from ankigen.tools.importers.article import Article, import_article, parse_article
from ankigen.tools.importers.article_notes import Draft


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def _by_front(article: Article) -> dict[str, Draft]:
    return {draft.question: draft for draft in article.questions}


# --- closing words after the last answer ---------------------------------------------------

_TWO_QUESTIONS = """# Caching questions

1. What does a cache keep?

Recently used results, so a second request is served without recomputing them.

2. When is a cache entry dropped?

When its time to live ends or when memory runs short.
"""


@pytest.mark.parametrize(
    ("closing", "dropped"),
    [
        # a pointer emoji and words about the answers themselves (a Python Q&A page)
        (
            "\n\n👉 These answers follow one pattern (idea, use, example) for quick revision.\n",
            "👉 These answers follow one pattern",
        ),
        # a rule, then one italic line about every answer (a data engineering cheat sheet)
        (
            "\n---\n\n_Each answer gives a short example for revision before the interview!_\n",
            "_Each answer gives a short example",
        ),
        # a heading that sends the reader elsewhere, then a banner (a generated README)
        (
            "\n<br>\n\n#### Explore all 60 answers here 👉 [Example site](https://example.org/q)\n"
            '\n<br>\n\n<a href="https://example.org/">\n'
            '<img src="https://example.org/banner.png" alt="banner" width="100%">\n</a>\n',
            "#### Explore all 60 answers here",
        ),
        # an invitation to contribute after a rule (a question bank on GitHub)
        (
            "\n---\n\n*This list is regularly updated. Feel free to contribute more questions.*\n",
            "*This list is regularly updated.",
        ),
        ("\nGood luck with your interviews!\n", "Good luck with your interviews!"),
        # a pointer to the next part of a series after the last rule (a notes repository)
        ("\n---\n\n📌 **Next:** Failure stories from production.", "📌 **Next:** Failure stories"),
    ],
)
def test_closing_words_leave_the_last_answer_with_a_warning(closing: str, dropped: str) -> None:
    article = _parse(_TWO_QUESTIONS + closing)
    last = article.questions[-1]
    assert last.answer == "When its time to live ends or when memory runs short."
    assert any(
        dropped in w and "closing words after the last answer" in w for w in article.warnings
    )


def test_the_last_answers_own_last_paragraph_stays() -> None:
    text = _TWO_QUESTIONS + "\nEach entry is checked again on the next read.\n"
    article = _parse(text)
    assert article.questions[-1].answer.endswith("Each entry is checked again on the next read.")
    assert not any("closing words" in warning for warning in article.warnings)


# --- headings ------------------------------------------------------------------------------


def test_numbered_question_headings_keep_their_many_subheadings() -> None:
    """Few numbered questions, each split by many deeper headings (the layout of the
    Devinterview-io READMEs): the subheadings belong to the answers, they are no topics."""
    sections = "\n".join(
        f"#### Part {letter}\n\nA remark about part {letter}.\n" for letter in "ABCDEFG"
    )
    text = (
        "# Model questions\n\n<br>\n\n"
        f"## 1. What is _bagging_?\n\nTraining models on resamples.\n\n{sections}\n<br>\n\n"
        f"## 2. What is _boosting_?\n\nTraining models one after another.\n\n{sections}\n"
    )
    article = _parse(text)
    assert [d.question for d in article.questions] == [
        "What is _bagging_?",
        "What is _boosting_?",
    ]
    assert "**Part G**\n\nA remark about part G." in article.questions[1].answer


def test_topic_headings_among_question_headings_are_notes_and_reported() -> None:
    """ "### A vs B" between "### What …?" headings (a top-25 NLP list): its table would be
    lost with the heading; a heading after a section that asks nothing is not taken."""
    text = """# Retrieval questions

## Basics

### What is a sparse index?

Term lists per document.

### Sparse vs dense retrieval

| kind | matches |
| --- | --- |
| sparse | exact terms |
| dense | meanings |

### What is reranking?

A second, slower model orders the best hits again.

## Further material

### Reading list

Two surveys and a tutorial.
"""
    article = _parse(text)
    fronts = _by_front(article)
    assert list(fronts) == [
        "What is a sparse index?",
        "Sparse vs dense retrieval",
        "What is reranking?",
    ]
    assert "| sparse | exact terms |" in fronts["Sparse vs dense retrieval"].answer
    assert any(
        "'Sparse vs dense retrieval' is a topic heading among the questions" in warning
        for warning in article.warnings
    )


def test_a_heading_that_restates_its_question_opens_the_answer() -> None:
    """ "#### What is pooling" followed by "### Pooling" (an NLP notes README): the higher
    heading is the answer's title, not a section that ends it."""
    text = """# Vision notes

#### What is pooling

### Pooling

Taking the maximum or the mean of each small window of a feature map.

#### What is padding ?

Extra border pixels, so the output keeps the input's size.
"""
    article = _parse(text)
    pooling = article.questions[0]
    assert pooling.answer.startswith("Taking the maximum")  # the restating title is not kept
    assert pooling.answer.endswith(
        "Taking the maximum or the mean of each small window of a feature map."
    )
    assert all(not tag.startswith("topic::") for draft in article.questions for tag in draft.tags)


# --- labels on questions and answers -------------------------------------------------------


def test_question_and_answer_labels_are_removed() -> None:
    text = """# Detection questions

## Architecture

*   **Q: Why keep only one box per object?**
    - *A:* Overlapping boxes of one object would count as false positives.
*   **Q: What does an anchor encode?**
    - *A:* A prior box shape at a position.

"""
    fronts = _by_front(_parse(text))
    assert fronts["Why keep only one box per object?"].answer == (
        "Overlapping boxes of one object would count as false positives."
    )
    assert fronts["What does an anchor encode?"].answer == "A prior box shape at a position."
    text = """# Data questions

**Q1: What is label noise?**
- **Expected Answer**:
  - wrong classes
  - loose boxes

**Q2: Why augment with blur?**
- **Expected Answer**: Test images are often blurred, so the model should see blur.
"""
    fronts = _by_front(_parse(text))
    assert fronts["What is label noise?"].answer == "- wrong classes\n- loose boxes"
    assert fronts["Why augment with blur?"].answer == (
        "Test images are often blurred, so the model should see blur."
    )


def test_bracketed_labels_and_angle_numbers_leave_the_question() -> None:
    text = """# Sequence questions

#### [Question] What is a recurrent layer ?

A layer that feeds its state back at every step.

#### 2> Is next-word prediction self-supervised ?

Yes: the labels come from the text itself.
"""
    fronts = [draft.question for draft in _parse(text).questions]
    assert fronts == [
        "What is a recurrent layer ?",
        "Is next-word prediction self-supervised ?",
    ]


def test_a_prompt_in_a_list_of_tips_after_the_questions_is_no_question() -> None:
    text = """# Pipeline questions

**Q1: How do you replay a failed batch?**
- Read it again from the durable log.

## Tips

1. **Read the question twice**: then answer.
2. **Show your reasoning**: say why, not only what.
"""
    article = _parse(text)
    assert [draft.question for draft in article.questions] == ["How do you replay a failed batch?"]
    assert article.questions[0].answer == "- Read it again from the durable log."


def test_keycap_numbers_and_emoji_title_lines() -> None:
    """ "1️⃣ What is …?" paragraphs under "⚙️ 1. Title" lines (a post saved as Markdown): the
    keycaps number the questions, the emoji lines are sections, not parts of answers."""
    text = """⚙️ 1. Core Ideas

1️⃣ What is a feature?

A measurable input of the model.

🔟 What is a label?

The value the model learns to predict.

📊 2. Trees & Forests

11️⃣ What does a split do?

It divides the rows by one feature's threshold.
"""
    article = _parse(text)
    assert [(d.number, d.question) for d in article.questions] == [
        (1, "What is a feature?"),
        (10, "What is a label?"),
        (11, "What does a split do?"),
    ]
    assert article.questions[1].answer == "The value the model learns to predict."
    assert article.questions[2].tags == ("topic::trees-forests",)


# --- section headings as tags --------------------------------------------------------------


def _sans_bold(text: str) -> str:
    """Text in Mathematical Sans-Serif Bold letters, as social-media posts style headings."""
    return "".join(
        chr(0x1D5D4 + ord(c) - ord("A"))
        if "A" <= c <= "Z"
        else chr(0x1D5EE + ord(c) - ord("a"))
        if "a" <= c <= "z"
        else c
        for c in text
    )


def test_section_numbers_styled_letters_and_levels_make_clean_tags() -> None:
    text = """# 7. Interview preparation

## 1. Foundations 📖

**Q: Why normalise inputs?**
Gradients then have similar scales.

## STYLED

**Q: What does EXPLAIN show?**
The plan the database chose.

### Basic Level

**Q: What is an index?**
A sorted structure that finds rows fast.
"""
    text = text.replace("STYLED", _sans_bold("Query Plans"))
    tags = {draft.question: draft.tags for draft in _parse(text).questions}
    assert tags["Why normalise inputs?"] == ("topic::foundations",)
    assert tags["What does EXPLAIN show?"] == ("topic::query-plans",)
    assert tags["What is an index?"] == ("difficulty::easy", "topic::query-plans")


def test_styled_bold_letters_in_answers_become_markdown_bold() -> None:
    text = f"""# Embedding questions

### What kinds of embeddings are there?

Two kinds: {_sans_bold("Static")} and {_sans_bold("Context-aware")}.

- {_sans_bold("Bag-of-words")}: counts per document.
"""
    answer = _parse(text).questions[0].answer
    assert answer == (
        "Two kinds: **Static** and **Context-aware**.\n\n- **Bag-of-words**: counts per document."
    )


# --- HTML answers --------------------------------------------------------------------------


def test_details_with_rules_nested_lists_and_only_an_image(tmp_path: Path) -> None:
    """`- <details>` items with <hr/> lines, a <ul> inside a <ul>, and an answer that is
    only a local diagram (a SQL Server question bank)."""
    text = """## Server questions

- <details>
    <summary>What are the parts of a client-server setup?</summary>
    <hr/>
    <ul>
    <li><b>Server</b>: holds the data.
    <ul>
    <li><b>Files</b>: on disk.</li>
    <li><b>Cache</b>: in memory.</li>
    </ul>
    </li>
    <li><b>Client</b>: sends requests.</li>
    </ul>
    <hr/>
  </details>
- <details>
    <summary>Diagram?</summary>
    <hr/>

  ![layers](./layers.png)

    <hr/>
  </details>
"""
    article = _parse(text)
    parts, diagram = article.questions
    assert parts.answer == (
        "- **Server**: holds the data.\n"
        "  - **Files**: on disk.\n"
        "  - **Cache**: in memory.\n"
        "- **Client**: sends requests."
    )
    assert diagram.answer == "TODO: the article gives no answer to this question."
    assert any("question 2 has no answer left" in warning for warning in article.warnings)
    source = tmp_path / "server.md"
    source.write_text(text, encoding="utf-8")
    import_article(source, tmp_path / "deck", force=False)
    for path in sorted((tmp_path / "deck").glob("*.md")):
        assert "---\n" not in path.read_text(encoding="utf-8").split("---\n", 2)[2]


# --- code and math -------------------------------------------------------------------------


def test_expression_lines_under_unfenced_code_join_its_block() -> None:
    text = """# Python questions

1. How do identity and equality differ?

Example:

a = [1, 2]; b = [1, 2]
a == b   # True
a is b   # False

That is all there is to it.
"""
    answer = _parse(text).questions[0].answer
    assert "```python\na = [1, 2]; b = [1, 2]\na == b   # True\na is b   # False\n```" in answer
    assert answer.endswith("```\n\nThat is all there is to it.")


def test_display_math_is_never_fenced_as_code() -> None:
    text = """# Language model questions

### What does a language model estimate?

The probability of a sequence:

$$
P(w_1, w_2, ..., w_n)
$$

### What is perplexity?

$$
2^{-\\text{mean log probability}}
$$
"""
    article = _parse(text)
    first = article.questions[0]
    assert "```" not in first.answer
    assert "$$\nP(w_1, w_2, ..., w_n)\n$$" in first.answer
    assert first.note_type == "basic"


def test_latex_delimiters_become_dollar_math_outside_code() -> None:
    """ "\\( … \\)" and "\\[ … \\]" (a deep learning Q&A file): Markdown would show the
    brackets and never hand the formula to MathJax."""
    text = """# Convolution questions

# Q1. What size does a valid convolution give?
Ans: With no padding the size is \\(n - k + 1\\), for example \\(5 - 3 + 1 = 3\\).
   - In general:
     \\[ \\text{out} = \\frac{n - k}{s} + 1 \\]
   - Written in code as `\\(n - k\\) // s + 1`.
"""
    answer = _parse(text).questions[0].answer
    assert answer.startswith(
        "With no padding the size is $n - k + 1$, for example $5 - 3 + 1 = 3$."
    )
    assert "$$\\text{out} = \\frac{n - k}{s} + 1$$" in answer
    assert "`\\(n - k\\) // s + 1`" in answer


def test_every_note_of_the_shapes_is_valid(tmp_path: Path) -> None:
    """The notes written from these layouts load and pass the structural checks."""
    source = tmp_path / "shapes.md"
    source.write_text(_TWO_QUESTIONS + "\n---\n\n_Each answer has one example._\n", "utf-8")
    deck = tmp_path / "content" / "shapes"
    import_article(source, deck, force=False)
    for path in sorted(deck.glob("*.md")):
        load_note(path)
    result = check([deck])
    assert result.ok, [d.format() for d in result.diagnostics if d.severity is Severity.ERROR]
