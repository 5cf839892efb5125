"""`ankigen import article`: classes found on the second set of session-11 real documents.

Every document here is written for the test, on other topics than the real pages: numbered
question lists whose numbering restarts under each section heading, with prompts ("Contrast
…") and questions followed by a task among them; section headings written as bullets
("* ### Basics"); flashcards written as "Front:" / "Back:" lines under a heading per card; a
question at the margin whose list marker was forgotten; link reference definitions and a
"Further reading" label after the last answer.
"""

from __future__ import annotations

from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

_RESTARTED_NUMBERING = """# Networking question bank

#### Transport:
1. What does TCP add on top of IP?
2. Contrast TCP and UDP for video calls.
3. How would you size a receive window? (BDP)

#### Routing:
1. What is a default route?
2. Outline how BGP picks a path.
3. When does a router fragment a packet? Give one example.

#### Naming:
1. What does a resolver cache?
2. Sketch the lookup of a name that is not cached.
3. Why can a DNS change take hours to show?

#### Security:
1. What does TLS protect?
2. Describe a downgrade attack.
3. Why pin a certificate?
"""


def test_prompts_in_a_numbered_list_that_restarts_per_section_are_questions() -> None:
    fronts = article_fronts(_RESTARTED_NUMBERING)
    assert fronts == [
        "What does TCP add on top of IP?",
        "Contrast TCP and UDP for video calls.",
        "How would you size a receive window? (BDP)",
        "What is a default route?",
        "Outline how BGP picks a path.",
        "When does a router fragment a packet? Give one example.",
        "What does a resolver cache?",
        "Sketch the lookup of a name that is not cached.",
        "Why can a DNS change take hours to show?",
        "What does TLS protect?",
        "Describe a downgrade attack.",
        "Why pin a certificate?",
    ]


def test_a_prompt_is_not_left_in_the_previous_answer() -> None:
    assert all("Contrast" not in answer for answer in article_answers(_RESTARTED_NUMBERING))


_BULLETED_SECTIONS = """* ### Basics
1. What is a container image?
   * How is it layered?
2. Describe a volume.
   * When would you bind-mount instead?
3. What does a registry store?
   * Who may push to it?

* ### Operations
1. What is a liveness probe?
   * How does it differ from a readiness probe?
2. Explain a rolling update.
   * What can go wrong?
3. Why pin an image by digest?
   * What breaks when a tag moves?
"""


def test_a_heading_written_as_a_bullet_ends_the_answer_above_it() -> None:
    parsed = parse_markdown_article(_BULLETED_SECTIONS)
    assert [q.question for q in parsed.questions] == [
        "What is a container image?",
        "Describe a volume.",
        "What does a registry store?",
        "What is a liveness probe?",
        "Explain a rolling update.",
        "Why pin an image by digest?",
    ]
    assert all("Operations" not in q.answer for q in parsed.questions)
    # The follow-up under the last item of a section is not shown as a code block.
    assert not any(q.answer.startswith("    ") for q in parsed.questions)


_FRONT_BACK = """# Study set: optics

## Level one

### Card 1 [TERM]

**Front:** What does a convex lens do to parallel rays?

**Back:** It bends them to meet at the focal point.

**Explanation:** The glass is thicker in the middle.

---

### Card 2 [TERM]

**Front:** Refraction

**Back:** The change of direction of light between two media.

---

## Level two

### Card 1 [TERM]

**Front:** Why is the sky blue?

**Back:** Short wavelengths scatter more.
"""


def test_front_and_back_lines_under_a_card_heading_make_the_note() -> None:
    parsed = parse_markdown_article(_FRONT_BACK)
    assert [q.question for q in parsed.questions] == [
        "What does a convex lens do to parallel rays?",
        "Refraction",
        "Why is the sky blue?",
    ]
    first = parsed.questions[0].answer
    assert first.startswith("It bends them")
    assert "Front:" not in first and "Back:" not in first
    assert "Explanation:" in first  # kept: it is part of the card's back


def test_a_front_label_alone_is_left_as_written() -> None:
    text = "### What is a lens?\n\n**Front:** the side facing the object.\n\nMore text.\n"
    assert article_fronts(text) == ["What is a lens?"]


_FORGOTTEN_MARKER = """## Model review
+ What problem does the model solve?
+ Can it handle missing values?
How long does it take to train?
+ How fast is one prediction?
+ Does it need tuning?
  - Yes, two parameters.
Most models need some.
"""


def test_a_question_at_the_margin_between_two_asking_items_is_an_item() -> None:
    fronts = article_fronts(_FORGOTTEN_MARKER)
    assert fronts == [
        "What problem does the model solve?",
        "Can it handle missing values?",
        "How long does it take to train?",
        "How fast is one prediction?",
        "Does it need tuning?",
    ]


_REFERENCE_TAIL = """## Questions
+ What is a hash map?
  - An array of buckets addressed by a hash.
+ What is a trie?
  - A tree keyed by prefixes.

[a]:https://example.org/hash
[b]:https://example.org/trie

Further reading:

[Data structures primer][c]

[c]:https://example.org/primer
"""


def test_link_definitions_and_a_reading_label_after_the_last_answer_are_not_in_it() -> None:
    last = article_answers(_REFERENCE_TAIL)[-1]
    assert "A tree keyed by prefixes." in last
    assert "example.org" not in last and "Further reading" not in last


_LABEL_AFTER_CODE = """## Shell
1. How do you count the lines of a file?
```
wc -l notes.txt
```
Answer: wc with -l prints the number of newlines.

2. How do you follow a growing log?
Answer: tail -f keeps printing new lines.
"""


def test_an_answer_label_after_a_leading_snippet_is_dropped() -> None:
    answers = article_answers(_LABEL_AFTER_CODE)
    assert "Answer:" not in answers[0] and "wc with -l prints" in answers[0]
    assert answers[1].startswith("tail -f")


def test_a_statement_at_the_margin_stays_with_the_item_above() -> None:
    text = (
        "## Review\n+ Can it handle missing values?\nMost models need imputation first.\n"
        "+ How fast is one prediction?\n"
    )
    fronts = article_fronts(text)
    assert fronts == ["Can it handle missing values?", "How fast is one prediction?"]
