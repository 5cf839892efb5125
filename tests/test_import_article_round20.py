"""`ankigen import article`: classes found on the session-16 real documents.

Every document here is written for the test, on other topics than the real pages: numbered
topic headings over lists of labelled prompts; lists numbered ``1.`` on every item; code in
an HTML ``<pre>`` block whose lines look like unfenced code; dunder names; follow-up labels;
HTML pages with label headings over a question paragraph; decks whose cards a separator line
flips; contribution sections with a sample question; inline SVG icons.
"""

from __future__ import annotations

from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

_LABELLED_PROMPTS = """# Questions for a platform engineer

This list gathers what we ask in the first and second rounds.

---

## 1. Networking

### Theory (3 questions)

1. **Subnets:** How does a /24 subnet split into four equal parts?
2. **DNS:** What happens between typing a host name and the first TCP packet?
3. **NAT:** Why does a NAT gateway break inbound connections?

### Practice (2 tasks)

1. **Firewall rule:** Write a rule that admits SSH only from one office range.
2. **Trace:** Find where packets are dropped between two hosts.

---

## 2. Storage

### Theory (2 questions)

1. **RAID:** Compare RAID 5 and RAID 10 for write-heavy loads.
2. **Snapshots:** How does a copy-on-write snapshot stay cheap?

---

## 3. Observability

### Theory (2 questions)

1. **Metrics:** Which four signals describe a service's health?
2. **Sampling:** When does head sampling of traces lose the interesting ones?
"""


def test_numbered_topic_headings_over_labelled_prompt_lists_ask_through_their_items() -> None:
    fronts = article_fronts(_LABELLED_PROMPTS)
    assert len(fronts) == 9
    assert fronts[0] == "Subnets: How does a /24 subnet split into four equal parts?"
    assert fronts[3] == "Firewall rule: Write a rule that admits SSH only from one office range."
    assert not any(front in ("Networking", "Storage", "Observability") for front in fronts)


_LAZY_NUMBERS = """# Statistics screening

## First round

### Probability

1. What is a conditional probability?
1. How do two events differ when they are independent?
1. What does a p-value measure?

## Second round

### Testing

1. Why is a one-sided test more powerful?
1. What does a p-value measure?
"""


def test_a_question_asked_twice_in_a_list_numbered_one_everywhere_is_kept_twice() -> None:
    article = parse_markdown_article(_LAZY_NUMBERS)
    fronts = [question.question for question in article.questions]
    assert fronts.count("What does a p-value measure?") == 2
    assert len(fronts) == 5
    # "1." on every item says nothing: each note is numbered by its place
    assert [question.number for question in article.questions] == [1, 2, 3, 4, 5]
    assert not any("table-of-contents" in warning for warning in article.warnings)


_CONTENTS_THEN_ANSWERS = """# Sorting

1. What is a stable sort?
2. Why is quicksort not stable?

## 1. What is a stable sort?

It keeps equal keys in their input order.

## 2. Why is quicksort not stable?

Its partition step swaps equal keys past each other.
"""


def test_an_unanswered_entry_answered_later_is_still_a_contents_entry() -> None:
    article = parse_markdown_article(_CONTENTS_THEN_ANSWERS)
    assert [question.question for question in article.questions] == [
        "What is a stable sort?",
        "Why is quicksort not stable?",
    ]


_PRE_IN_TOGGLE = """# Coding tasks

1. How would you reverse the words of a sentence?
  <details>
  <summary>One way to do it</summary>
  <pre><code class="lang-python">def reverse_words(text):
  words = text.split()
  words.reverse()

  return " ".join(words)
</code></pre>
  </details>
2. How would you count the vowels of a word?
3. How would you test both functions?
"""


def test_code_in_an_html_pre_block_stays_one_block_whatever_its_indent() -> None:
    answer = article_answers(_PRE_IN_TOGGLE)[0]
    fence = answer[answer.index("```") :]
    assert "def reverse_words(text):" in fence
    assert "words.reverse()" in fence
    assert 'return " ".join(words)' in fence
    assert fence.count("```") == 2  # one block, not the first line apart from the body


_DUNDERS = """# Python object model

<details>
  <summary>1. When does Python call __repr__?</summary>

It is called by repr() and by the interactive prompt.
</details>

### 2. What does __slots__ save?

It saves the per-instance dictionary.

### 3. What is __future__ for?

It turns on a feature of a later release.
"""


def test_a_dunder_name_in_a_question_is_code_not_bold() -> None:
    assert article_fronts(_DUNDERS) == [
        "When does Python call `__repr__`?",
        "What does `__slots__` save?",
        "What is `__future__` for?",
    ]


_FOLLOW_UPS = """# Caching

## Q: What is a cache hit ratio?
**A:** The share of reads served from the cache.

### Follow-up Q: What lowers it after a deploy?
**A:** A cold cache: every key must be loaded again.

### Follow up question: How is it warmed?
**A:** By replaying recent reads before traffic arrives.
"""


def test_a_follow_up_label_is_no_part_of_the_front() -> None:
    assert article_fronts(_FOLLOW_UPS) == [
        "What is a cache hit ratio?",
        "What lowers it after a deploy?",
        "How is it warmed?",
    ]


_HTML_PAGE = """---
layout: post
title: chemistry cards
---
<html>
<head>
    <style>
        .card { padding: 10px; }
    </style>
</head>
<body>
    <div class="deck">
        <div class="card">
            <h2>Chemistry Question 1</h2>
            <p>Which gas makes up most of the air we breathe?</p>
            <ul>
                <li>A) Oxygen</li>
                <li>B) Nitrogen</li>
            </ul>
            <details>
                <summary>Click to reveal the correct answer</summary>
                <p>The correct answer is B) Nitrogen</p>
            </details>
        </div>
        <div class="card">
            <h2>Chemistry Question 2</h2>
            <p>What is the pH of pure water at 25 °C?</p>
            <details>
                <summary>Show the right answer</summary>
                <p>It is 7.</p>
            </details>
        </div>
    </div>
</body>
</html>
"""


def test_a_label_heading_over_a_question_paragraph_gives_way_to_the_question() -> None:
    article = parse_markdown_article(_HTML_PAGE)
    assert [question.question for question in article.questions] == [
        "Which gas makes up most of the air we breathe?",
        "What is the pH of pure water at 25 °C?",
    ]
    first, second = (question.answer for question in article.questions)
    assert "Click to reveal" not in first and "The correct answer is B) Nitrogen" in first
    assert "right answer" not in second
    assert "</body>" not in second and "</html>" not in second


_SPLIT_DECK = """# Geology deck

## Card one

The three families of rock

<!-- cards split -->

Igneous, sedimentary and metamorphic.

## Card two

The layer of the Earth below the crust

%

The mantle.

#### A choice card

<!-- cards type choice -->

Which of these minerals is softest?

- [x] Talc
- [ ] Quartz
"""


def test_a_separator_line_flips_each_card_of_a_deck() -> None:
    article = parse_markdown_article(_SPLIT_DECK)
    fronts = [question.question for question in article.questions]
    assert fronts[:2] == ["The three families of rock", "The layer of the Earth below the crust"]
    assert len(fronts) == 3  # the multiple-choice card needs no separator
    # a comment line (a tool's card type) parts no title from the prompt under it
    assert "Which of these minerals is softest?" in fronts[2]
    assert article.questions[2].answer.startswith("Talc")
    assert article.questions[0].answer == "Igneous, sedimentary and metamorphic."
    assert article.questions[1].answer == "The mantle."


def test_a_percent_sign_inside_prose_flips_nothing() -> None:
    text = "# Rates\n\n## What is 5 % of 40?\n\nIt is 2.\n\n## What is 10 % of 30?\n\nIt is 3.\n"
    assert article_fronts(text) == ["What is 5 % of 40?", "What is 10 % of 30?"]


_CONTRIBUTING = """# Backend question bank

## Want to contribute?

Add your question at the end in this format:

---
#### What is your favourite colour?
- **Added by**: Jane Doe

Blue, since the sky is blue.

---

## Questions

#### What does an idempotent endpoint guarantee?

Repeating the call leaves the same state as calling it once.

#### Why put a queue between two services?

It absorbs bursts and lets either side fail alone.
"""


def test_a_contribution_section_and_its_sample_question_are_rejected_with_reasons() -> None:
    article = parse_markdown_article(_CONTRIBUTING)
    assert [question.question for question in article.questions] == [
        "What does an idempotent endpoint guarantee?",
        "Why put a queue between two services?",
    ]
    assert any("about the repository" in warning for warning in article.warnings)
    assert any("What is your favourite colour?" in warning for warning in article.warnings)


_ICONS = """<section>
<div class="card">
<h5>Who can join the workshop?</h5>
<div class="card-body">
<ul>
<li><span class="icon">{small}</span><b>Analysts</b> who write SQL every day.</li>
</ul>
</div>
</div>
<div class="card">
<h5>Is there a recording?</h5>
<div class="card-body">
Yes, every session is recorded.
</div>
</div>
</section>

<div class="note">
{round}&nbsp; If you have more questions, write us an <a href="mailto:team@example.org">email</a>.
</div>
""".format(
    small='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">'
    '<path d="M1 1h6v6H1z"></path></svg>',
    round='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M0 8a8 8 0 1 1 '
    '16 0A8 8 0 0 1 0 8Zm8-6.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Z"></path></svg>',
)


def test_an_svg_icon_leaves_no_markup_and_a_contact_line_leaves_the_last_answer() -> None:
    first, last = article_answers(_ICONS)
    assert "<svg" not in first and "<path" not in first
    assert "**Analysts** who write SQL every day." in first
    assert last == "Yes, every session is recorded."


_POINTED_CODE = """# Repaso de Python

1. ¿Es válida la siguiente expresión?

total = 10
total //= 3
Sí, vale 3.

2. What does the following code print?

```python
n = 7
print(n % 4)
```

It prints 3.

3. What does the following loop print?

```python
for i in range(2):
    print(i)
```

It prints 0 and then 1.

4. ¿Qué valor tiene una variable sin asignar?

nombre = None
Se suele usar None como marcador.
"""


def test_short_statements_a_question_points_at_join_its_front_as_inline_code() -> None:
    article = parse_markdown_article(_POINTED_CODE)
    fronts = [question.question for question in article.questions]
    assert fronts[0] == "¿Es válida la siguiente expresión: `total = 10; total //= 3`?"
    assert article.questions[0].answer == "Sí, vale 3."
    assert fronts[1] == "What does the following code print: `n = 7; print(n % 4)`?"
    assert article.questions[1].answer == "It prints 3."
    # a loop opens a block: one line cannot hold it, so it stays at the top of the back
    assert fronts[2] == "What does the following loop print?"
    assert "for i in range(2):" in article.questions[2].answer
    # a question that points at no code keeps the statement in its answer
    assert fronts[3] == "¿Qué valor tiene una variable sin asignar?"
    assert "nombre = None" in article.questions[3].answer
