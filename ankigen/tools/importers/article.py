"""`ankigen import article`: a Markdown or plain-text Q&A article -> one draft note per question.

The work is split by job:

- ``article_lines``: the lines, fenced blocks, and code that lost its fences (a formula
  written as prose, ``Precision = TP / (TP + FP)``, stays text);
- ``article_questions`` / ``article_markers``: the question lines of every common shape,
  their numbering, difficulty markers and link junk; every question-like line not taken is
  reported with its line number and the reason;
- ``article_answers`` / ``article_html``: each answer as Markdown, inline HTML converted;
- ``article_stems``: a topic heading over an explicit question ("**Which …?**" and its
  choices): the question becomes the front;
- ``article_notes``: the note files and the deck's ``sources`` entry.

Everything before the first question (title, table of contents) and after the last answer
(conclusion, comments) is dropped. The same article always gives the same bytes.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ankigen.lint.foreign_text import language_of
from ankigen.render.highlight import find_lexer
from ankigen.source.discover import DECK_FILE, SLUG
from ankigen.tools.importers.article_answer_key import (
    AnswerKey,
    KeyEntry,
    keyed_entries,
    take_answer_key,
)
from ankigen.tools.importers.article_answer_lines import read_answer_label_lines
from ankigen.tools.importers.article_answers import (
    Segment,
    answer_markdown,
    fence_language,
    restating_headings,
    section_ends,
    segment,
)
from ankigen.tools.importers.article_bare_numbers import join_bare_numbers
from ankigen.tools.importers.article_breaks import hard_breaks, with_hard_breaks
from ankigen.tools.importers.article_bullets import bullet_questions, group_titles, list_labels
from ankigen.tools.importers.article_callouts import unfold_question_callouts
from ankigen.tools.importers.article_choices import marked_choices
from ankigen.tools.importers.article_cited import cited_sources
from ankigen.tools.importers.article_closing import closing_start, framed_line_start
from ankigen.tools.importers.article_code_fronts import code_in_front
from ankigen.tools.importers.article_contents import missing_contents_entries, without_generic_words
from ankigen.tools.importers.article_continuations import merge_continuations
from ankigen.tools.importers.article_dashed_fields import read_dashed_fields
from ankigen.tools.importers.article_definitions import read_definition_lists
from ankigen.tools.importers.article_exercises import labelled_exercises
from ankigen.tools.importers.article_fields import read_field_sections
from ankigen.tools.importers.article_flashcards import read_front_back_cards
from ankigen.tools.importers.article_furniture import blank_page_furniture, blank_scoring_guides
from ankigen.tools.importers.article_html import html_to_text, is_toggle_label
from ankigen.tools.importers.article_inline_pairs import join_inline_pairs
from ankigen.tools.importers.article_item_headers import item_header, move_item_headers
from ankigen.tools.importers.article_labelled import read_labelled_questions
from ankigen.tools.importers.article_lesson_sections import (
    blank_lesson_sections,
    read_arrow_bullets,
)
from ankigen.tools.importers.article_line_questions import line_questions
from ankigen.tools.importers.article_lines import (
    FENCE_OPEN,
    HEADING,
    TEXT,
    blank_break_lines,
    blank_comment_lines,
    line_kinds,
    markdown_lines,
    normalise,
    unquote_quiz_blocks,
)
from ankigen.tools.importers.article_listed import listed_questions
from ankigen.tools.importers.article_markers import (
    legend,
    level_word,
    metadata_difficulty,
    plain_letters,
    section_difficulty,
    without_link_junk,
)
from ankigen.tools.importers.article_meta import without_meta_sections
from ankigen.tools.importers.article_mkdocs import unfold_admonitions, without_front_matter
from ankigen.tools.importers.article_myst import from_myst_cells
from ankigen.tools.importers.article_notebook import NOTEBOOK_SUFFIX, notebook_markdown
from ankigen.tools.importers.article_notes import (
    EDITED,
    Draft,
    ensure_source,
    language_hint,
    source_key,
    write_notes,
)
from ankigen.tools.importers.article_numbered_runs import split_numbered_runs
from ankigen.tools.importers.article_opened_questions import with_opened_questions
from ankigen.tools.importers.article_page_sections import page_sections
from ankigen.tools.importers.article_questions import (
    Candidate,
    Rejected,
    Selection,
    Shape,
    find_candidates,
    numbering_gaps,
    prompts,
    question_label,
    same_question,
    select,
)
from ankigen.tools.importers.article_range_headings import blank_range_headings
from ankigen.tools.importers.article_references import inline_references
from ankigen.tools.importers.article_rst import from_rst_markup
from ankigen.tools.importers.article_rst_document import RST_SUFFIXES, rst_as_markdown
from ankigen.tools.importers.article_scenario_headings import join_scenario_headings
from ankigen.tools.importers.article_split_cards import read_split_cards, read_typed_cards
from ankigen.tools.importers.article_sr_cards import read_spaced_repetition_cards
from ankigen.tools.importers.article_stems import explicit_question
from ankigen.tools.importers.article_sub_tasks import with_sub_tasks
from ankigen.tools.importers.article_tables import read_question_tables, read_quoted_pairs
from ankigen.tools.importers.article_titled_tasks import titled_task
from ankigen.tools.importers.article_wrapped_items import with_wrapped_items
from ankigen.tools.importers.report import ImportError_, ImportReport
from ankigen.tools.scaffold import slugify

__all__ = ["EDITED", "MARKDOWN_SUFFIXES", "Article", "import_article", "parse_article"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
NO_ANSWER = "TODO: the article gives no answer to this question."
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_ALLOWED_LINK = re.compile(r"^(?:https?://|mailto:)", re.I)
_TOC = re.compile(r"^(?:#+\s*)?[*_]*(?:table\s+of\s+contents|contents|toc)[*_]*\s*:?$", re.I)
# "### Topics: lists, tuples, dicts" under a lesson's heading: what the lesson covers, no
# section of its own.
_TOPICS_LINE = re.compile(r"^(?:t[oó]picos?|topics?|temas?|themen|sujets)\s*:\s*\S", re.I)
# Section headings that name no topic ("## Questions & Answers").
_GENERIC_SECTION = re.compile(
    r"^(?:(?:the|and|&|of|with|for|interview|interviews|questions?|answers?|q\s*&\s*a|faqs?|"
    r"list|top|\d+|solutions?|table|contents?|toc|index|introduction|overview)\W*)+$",
    re.I,
)


@dataclass(frozen=True)
class Article:
    title: str
    shape: Shape
    questions: tuple[Draft, ...]
    warnings: tuple[str, ...]
    summary: str
    # Lines for the summary: numbers the document skips with nothing question-like between.
    skipped_numbers: tuple[str, ...] = ()


def parse_article(text: str, *, markdown: bool, stem: str) -> Article:
    """The questions of an article, with answers as Markdown; raises ImportError_ if none."""
    split = split_numbered_runs(text) if markdown else None
    if split is None or split.text == text:
        return _parse(text, markdown=markdown, stem=stem)
    # "**Basic:** 1. …? 2. …?": one line per question; warnings name the document's lines.
    article = _parse(split.text, markdown=markdown, stem=stem)
    lines = [index + 1 for index in split.origin]
    return replace(
        article,
        warnings=tuple(_with_line(w, lines) for w in article.warnings),
        skipped_numbers=tuple(_with_line(w, lines) for w in article.skipped_numbers),
    )


def _with_line(warning: str, lines: list[int]) -> str:
    """A warning about a line of the split text names the document's line."""
    return _LINE_REFERENCE.sub(
        lambda found: f"line {lines[min(int(found.group(1)), len(lines)) - 1]}:", warning, count=1
    )


def _parse(text: str, *, markdown: bool, stem: str) -> Article:
    lines = normalise(text)
    if markdown:
        lines = unfold_admonitions(without_front_matter(from_rst_markup(lines)))
        lines = from_myst_cells(lines)  # "```{code-cell} ipython3" → "```python"
        lines = unfold_question_callouts(lines)
    kinds = line_kinds(lines, markdown=markdown)
    if unquote_quiz_blocks(lines, kinds):
        kinds = line_kinds(lines, markdown=markdown)
    blank_page_furniture(lines, kinds)
    blank_scoring_guides(lines, kinds)
    join_bare_numbers(lines, kinds)  # "1." over "¿Qué es …?"
    markdown_lines(lines, kinds)
    join_scenario_headings(lines, kinds)  # "### 6 . A startup …" over "### As …, which …?"
    join_inline_pairs(lines, kinds)  # "**Q:** … **A:** …" on one line
    blank_break_lines(lines, kinds)
    read_front_back_cards(lines, kinds)
    read_spaced_repetition_cards(lines, kinds)
    read_dashed_fields(lines, kinds)  # "#### --text--" over "#### --distractors--" …
    read_field_sections(lines, kinds)
    cards = read_split_cards(lines, kinds) | read_typed_cards(lines, kinds)
    blank_comment_lines(lines, kinds)  # after the cards: "<!-- split -->" flips one
    read_labelled_questions(lines, kinds)
    read_answer_label_lines(lines, kinds)  # "What is X?" over a lone "Answer:" line
    inline_references(lines, kinds)
    empty_items = _drop_empty_items(lines, kinds)
    read_quoted_pairs(lines, kinds)
    table_rows = read_question_tables(lines, kinds)
    read_definition_lists(lines, kinds)  # "overfitting" over ":   A model that …"
    read_arrow_bullets(lines, kinds)
    # The page's headings before its outline goes: a lesson's outline blanked below may hold
    # the title ("BERT" / "----" over "01. 概述" …), which a later "FAQ" must not replace.
    titled = (list(lines), list(kinds))
    blank_range_headings(lines, kinds)
    blank_lesson_sections(lines, kinds)
    answer_key = take_answer_key(lines, kinds)
    candidates = with_wrapped_items(
        find_candidates(lines, kinds, legend(lines)), lines, kinds, legend(lines)
    )
    # A card of a deck written with separators is a question whatever its heading says.
    candidates = {
        index: replace(found, question_like=True) if index in cards else found
        for index, found in candidates.items()
    }
    selection = select(candidates, lines, kinds)
    if (
        selection is None
        or not selection.questions
        or _mostly_topics(selection.questions)
        or _one_line_items(selection.questions, lines)
        or _bold_bullets(selection.questions, lines)
    ):
        # "## 1. Tokenization" over "- What is a token?" bullets: the bullets are the questions
        # (a few numbered tasks at the end do not make the topic headings questions).
        bullets = select(bullet_questions(lines, kinds, legend(lines)), lines, kinds)
        if bullets is not None and len(bullets.questions) > len(
            selection.questions if selection is not None else ()
        ):
            selection = _with_stray_items(bullets, selection, lines, kinds)
    # "Sample Questions" over bare lines, each a question with no mark and no answer.
    bare = select(line_questions(lines, kinds, legend(lines)), lines, kinds)
    if bare is not None and len(bare.questions) > len(
        selection.questions if selection is not None else ()
    ):
        selection = _with_stray_items(bare, selection, lines, kinds)
    # "## Project" over "1. Self-introduction" in every section: the items are the prompts.
    # "## 1. Frontend" over "1. **Hooks:** How …?" lists: topic headings numbered like questions.
    if selection is not None and (selection.topics or _mostly_topics(selection.questions)):
        listed = select(listed_questions(lines, kinds, legend(lines)), lines, kinds)
        if listed is not None and len(listed.questions) > len(selection.questions):
            selection = listed
    if selection is None or not selection.questions:
        raise ImportError_(
            "no questions found: expected numbered headings ('### 1. What is …?'), "
            "'Q1. …' lines, 'Q:'/'A:' pairs, bold question lines ('**What is …?**'), "
            "numbered list items or <details><summary> blocks"
        )
    selection = without_meta_sections(selection, lines, kinds)
    # "P04. ¿Cómo …?" … "¿Cuál es …?": a bare Spanish question among labelled ones.
    selection = with_opened_questions(selection, lines, kinds)
    shape, level = selection.family
    title = _title(*titled, selection.questions[0].line, stem)
    known = legend(lines)
    titles = restating_headings(lines, kinds, selection.questions)
    topics = _topics(lines, kinds, selection.questions, title, known, titles)
    segments, contents = _drop_contents_entries(
        _without_lazy_numbers(segment(lines, kinds, selection.questions, level, shape, titles))
    )
    segments, duplicates, repeated = _drop_duplicates(segments)
    if shape is Shape.LIST:
        items = frozenset(question.line for question in selection.questions)
        labels = group_titles(lines, kinds, known) | list_labels(lines, kinds, items)
        segments = _without_lines(segments, labels)
    continued: list[str] = []
    if not selection.topics:
        segments, continued = merge_continuations(segments, lines)
    header_levels = move_item_headers(segments, lines)
    closing = _drop_framed_lines(segments)
    closing += _drop_closing_words(segments, title) + _drop_text_after_last_item(segments)
    closing += _drop_text_after_table_rows(segments, table_rows)
    # "### 7. Leaf size" over "**Which …?**": the explicit question is the front.
    explicit_questions = {
        piece.question.line: asked for piece in segments if (asked := explicit_question(piece))
    }
    # "### !!!!!!!" with nothing under it, in a page of section notes: it titles nothing.
    segments, wordless = _without_wordless_headings(segments, selection.topics)
    # "## 35. Quiz" over a numbered list of questions: the heading only titles the list.
    segments, sections, section_tasks = page_sections(segments, shape)
    explicit_questions.update(section_tasks)
    if selection.topics:
        # "### Zero Matrix" over "Write an algorithm …": the statement under a problem's title
        # is its question.
        for piece in segments:
            if piece.question.line not in explicit_questions and (task := titled_task(piece)):
                explicit_questions[piece.question.line] = task
    absorbed = {line for asked in explicit_questions.values() for line in asked.absorbed}
    unmatched = missing_contents_entries(
        lines, kinds, selection.questions[0].line, [s.question.text for s in segments]
    )
    ordered_ends = sorted(section_ends(lines, kinds, selection.questions, shape))
    starts = [question.line for question in selection.questions]  # in line order
    rejected = sorted(
        [
            *(
                _outside_answers(r, ordered_ends, starts)
                for r in selection.rejected
                if r.line not in absorbed and not item_header(lines[r.line])
            ),
            *contents,
            *duplicates,
            *unmatched,
            *empty_items,
            *wordless,
            *sections,
        ],
        key=lambda r: r.line,
    )
    warnings = [entry.format() for entry in rejected] + repeated + closing + continued
    warnings += [
        f"line {r.line + 1}: '{r.text}' heads the question below it: its level became a tag"
        for r in selection.rejected
        if item_header(lines[r.line])
    ]
    gaps_at = len(warnings)  # the gap warnings go here once every rejected line is known
    if not selection.topics:
        warnings += [
            f"line {s.question.line + 1}: '{s.question.text}' is a topic heading among the "
            "questions: imported as a note; reword its front as a question"
            for s in segments
            if not s.question.question_like
        ]
    drafts: list[Draft] = []
    breaks = hard_breaks(text) if markdown else frozenset()
    key = keyed_entries([(s.question.number, s.question.line) for s in segments], answer_key)
    unkeyed = sum(len(part.entries) for part in answer_key.parts) - len(key)
    for position, piece in enumerate(segments, start=1):
        piece = with_hard_breaks(piece, breaks)
        topic, difficulty = topics.get(piece.question.line, (None, None))
        difficulty = header_levels.get(piece.question.line, difficulty)
        explicit = explicit_questions.get(piece.question.line)
        if explicit is not None:
            piece = Segment(piece.question, explicit.back)
        if explicit is not None and explicit.difficulty and not difficulty:
            difficulty = explicit.difficulty  # "**Difficulty:** Basic" above "### Question"
        # "What is the output of the following code:" over a fenced block: the code is asked.
        coded = code_in_front(piece, piece.question.text) if explicit is None else None
        if coded is not None:
            piece = coded.piece
        # "- [ ] 21" / "- [x] 22" under it: the choices join the front, the marked one answers.
        entry = key.get(piece.question.line)
        # "1. b) …" in a key far below: the lettered choices under the question join its front.
        letter = _KEY_LETTER.match(entry.text) if entry and not entry.explained else None
        chosen = (
            marked_choices(piece, letter.group(1) if letter else None) if explicit is None else None
        )
        if chosen is not None and letter is not None:
            entry = None  # the key's choice is the back
        if chosen is not None:
            piece = chosen.piece
        draft, problems = _draft(piece, position, shape, topic, difficulty)
        if explicit is not None:
            draft = replace(draft, question=explicit.front, name=piece.question.text)
            if explicit.warning:
                problems.append(f"question {draft.number}: {explicit.warning}")
        if coded is not None:
            draft = replace(draft, question=coded.front, name=piece.question.text)
            if coded.warning:
                problems.append(f"question {draft.number}: {coded.warning}")
        if chosen is not None:
            draft = replace(
                draft, question=draft.question + chosen.choices, name=draft.name or draft.question
            )
        if entry is not None:
            draft = _with_key_entry(draft, entry.text, entry.explained)
            # The key answers it: no "has no answer" warning for a note that has one.
            problems = [p for p in problems if not p.startswith(_UNANSWERED.format(draft.number))]
        # "Carry out the following calculations" over quoted "> `1`. …" items: they join it.
        if (tasked := with_sub_tasks(draft.question, draft.answer)) is not None:
            draft = replace(draft, question=tasked, name=draft.name or draft.question)
        drafts.append(draft)
        warnings += problems
    warnings += _unkeyed_warnings(answer_key, key, segments) if unkeyed else []
    dropped = _asking_lines_in_no_answer(lines, kinds, segments, rejected, absorbed)
    # "### Exercise 1" over a paragraph that asks, among list-item flashcards: a question too.
    exercises, dropped = labelled_exercises(lines, kinds, dropped)
    for piece in exercises:
        draft, problems = _draft(piece, len(drafts) + 1, Shape.HEADING, None, None)
        drafts.append(draft)
        warnings += problems
    warnings += [entry.format() for entry in dropped]
    rejected += dropped
    gaps, skipped = numbering_gaps(
        [s.question for s in segments], [r.line for r in rejected if r.line >= 0]
    )
    warnings[gaps_at:gaps_at] = gaps
    found = len(drafts) + len(rejected)
    summary = f"found {found} questions, imported {len(drafts)}, rejected {len(rejected)}"
    # A topic heading over its own prompt ("## ⬛ 1" over "Qual é o output?") gave way to it.
    if selection.topics and len(explicit_questions) < len(drafts):
        summary += " (no question lines: each section heading became a note)"
    return Article(title, shape, tuple(drafts), tuple(warnings), summary, tuple(skipped))


_WORD = re.compile(r"\w")
_LETTER = re.compile(r"[^\W\d_]")


def _without_wordless_headings(
    segments: list[Segment], topics: bool
) -> tuple[list[Segment], list[Rejected]]:
    """In a page of section notes, a heading with no word and nothing under it ("### !!!!!!!")
    is no note: reported, not imported as an empty card."""
    if not topics:
        return segments, []
    kept: list[Segment] = []
    dropped: list[Rejected] = []
    for piece in segments:
        if _WORD.search(piece.question.text) or any(line.strip() for _, line in piece.lines):
            kept.append(piece)
        else:
            reason = "a heading with no words and nothing under it: no note"
            dropped.append(Rejected(piece.question.line, piece.question.text, reason))
    return kept, dropped


_BARE_NUMBER = re.compile(r"^ {0,3}\d{1,4}[.)]\s*$")
# A line of text that asks on its own: "Can you walk through a case study …?"
_ASKING_LINE = re.compile(r"^(?:[-*+]\s+|\d{1,4}[.)]\s+)?[*_]*[A-Z][^\[\]]*\?(?:[*_]*$|\s+[A-Z])")
_MIN_ASKING_WORDS = 4
# A bullet that labels a task and sets it: "- **Coding Check:** Solve …", "- **Real-World
# Check:** A service needs … Map this to …": a prompt, though it has no question mark.
_LABELLED_BULLET = re.compile(r"^[-*+]\s+(?:\*\*|__)[^*_]{1,40}?:?(?:\*\*|__):?\s+(?P<rest>\S.*)$")
_PROMPT_SENTENCE = re.compile(
    r"(?:^|[.!?]\s+)(?:solve|explain|design|describe|implement|write|compare|derive|prove|"
    r"define|list|name|give|map|show|sketch|estimate|calculate)\b",
    re.I,
)


def _asking_lines_in_no_answer(
    lines: list[str],
    kinds: list[str],
    segments: list[Segment],
    rejected: list[Rejected],
    absorbed: set[int],
) -> list[Rejected]:
    """Lines after the first question that ask, yet are neither a question nor in any
    answer (a section after the last answer that asks one more thing): reported, never
    dropped silently."""
    if not segments:
        return []
    held = set(absorbed) | {entry.line for entry in rejected}
    for piece in segments:
        held.add(piece.question.line)
        held.add(piece.question.consumes)
        held.update(piece.question.continued)
        held.update(piece.indices)
    first = min(piece.question.line for piece in segments)
    found: list[Rejected] = []
    for index in range(first + 1, len(lines)):
        text = lines[index].strip()
        if index in held or kinds[index] != TEXT:
            continue
        if question_label(lines[index]):
            # "## Question 3" over a note that asks nothing ("> The data is on the drive."):
            # the label names a question the page did not write; say so.
            reason = "labels a question, but nothing under it asks (in no answer): dropped"
            found.append(Rejected(index, text, reason))
            continue
        if HEADING.match(lines[index]):
            continue
        if _ASKING_LINE.match(text) and len(text.split()) >= _MIN_ASKING_WORDS:
            reason = "asks a question but is in no answer (a section after the answers): dropped"
            found.append(Rejected(index, text, reason))
        elif (
            (labelled := _LABELLED_BULLET.match(text))
            and _PROMPT_SENTENCE.search(labelled.group("rest"))
            and len(text.split()) >= _MIN_ASKING_WORDS
        ):
            reason = "sets a task but is in no answer (a section after the answers): dropped"
            found.append(Rejected(index, text, reason))
    return found


_EMPTY_TOGGLE_LINE = re.compile(
    r"^\s*(?:>\s*|</details\s*>|(?:<details[^>]*>\s*)?<summary[^>]*>(?P<label>.*?)</summary>\s*"
    r"|<details[^>]*>)$",
    re.I,
)


def _drop_empty_items(lines: list[str], kinds: list[str]) -> list[Rejected]:
    """A numbered item with no words ("64.") over an empty answer toggle (a list the author
    had not filled in yet): blanked, and reported instead of becoming part of an answer."""
    dropped: list[Rejected] = []
    for index, line in enumerate(lines):
        if kinds[index] != TEXT or not _BARE_NUMBER.match(line):
            continue
        toggle: list[int] = []
        end = index + 1
        while end < min(len(lines), index + 12) and kinds[end] == TEXT:  # a toggle is short
            match = _EMPTY_TOGGLE_LINE.match(lines[end]) if lines[end].strip() else None
            if lines[end].strip() and match is None:
                break
            label = match.group("label") if match is not None else None
            if label is not None and not is_toggle_label(html_to_text(label)):
                break
            if match is not None:
                toggle.append(end)
            end += 1
        if not any("details" in lines[i].lower() for i in toggle):
            continue
        dropped.append(
            Rejected(index, line.strip(), "a numbered item with neither question nor answer")
        )
        for blank in (index, *toggle):
            lines[blank] = ""
    return dropped


def _outside_answers(rejected: Rejected, ends: list[int], starts: list[int]) -> Rejected:
    """The reason of a rejected line at or after a section heading that ended an answer (and
    before the next question): it is in no answer."""
    at = bisect.bisect_right(ends, rejected.line)
    if at == 0:
        return rejected
    end = ends[at - 1]
    if bisect.bisect_right(starts, rejected.line) != bisect.bisect_right(starts, end):
        return rejected  # a question comes between: the line is in its answer
    if end == rejected.line:
        return replace(rejected, reason="a section heading that ends the answer above it")
    return replace(rejected, reason=f"in the section opened at line {end + 1}, after the answers")


def _with_stray_items(
    bullets: Selection, before: Selection | None, lines: list[str], kinds: list[str]
) -> Selection:
    """The bullet questions, plus the list items the first reading chose that no bullet's
    answer holds ("## Challenges" / "1. Make FSDP2 work with QLoRA" after the last bullet
    list): they are questions of their own, not noise after the last answer."""
    if before is None:
        return bullets
    shape, level = bullets.family
    held = {
        index
        for piece in segment(lines, kinds, bullets.questions, level, shape)
        for index in piece.indices
    }
    chosen = {question.line for question in bullets.questions}
    first = min(chosen, default=0)  # before the first question: preamble, unless it asks
    stray = [
        question
        for question in before.questions
        if question.shape is not Shape.HEADING
        and (first < question.line or prompts(question.text))
        and question.line not in held
        and question.line not in chosen
    ]
    if not stray:
        return bullets
    questions = tuple(sorted((*bullets.questions, *stray), key=lambda q: q.line))
    return replace(bullets, questions=questions)


def _one_line_items(questions: tuple[Candidate, ...], lines: list[str]) -> bool:
    """Whether every question is a list item with nothing indented under it ("1. **Why this
    job?** - they test your motivation"): a list of prompts, like the plain bullets of
    questions that may follow it under other headings."""
    return all(
        question.shape is Shape.LIST
        and not _INDENTED.match(lines[question.line + 1] if question.line + 1 < len(lines) else "")
        for question in questions
    )


_INDENTED = re.compile(r"^\s+\S")
_BOLD_BULLET = re.compile(r"^ ?[-*+]\s+(\*\*|__)")


def _bold_bullets(questions: tuple[Candidate, ...], lines: list[str]) -> bool:
    """Whether every question is a bullet in bold at the margin ("- **Qual …?**"): the
    bullets of that list that prompt without a mark ("- **Cite um exemplo …**") are items
    of it too, which the bullet reader finds (it knows a list's sibling items)."""
    return bool(questions) and all(
        question.shape is Shape.LIST and _BOLD_BULLET.match(lines[question.line])
        for question in questions
    )


def _mostly_topics(questions: tuple[Candidate, ...]) -> bool:
    """Whether fewer than half of the chosen lines ask or prompt: they are topic headings,
    and bullets under them may be the questions."""
    asking = sum(1 for question in questions if prompts(question.text))
    return asking * 2 < len(questions)


_UNANSWERED = "question {} has no answer"


_KEY_LETTER = re.compile(r"^\(?([A-Ha-h])[).]\s")


def _unkeyed_warnings(
    answer_key: AnswerKey, keyed: dict[int, KeyEntry], segments: list[Segment]
) -> list[str]:
    """A warning for each entry of the key that answers no question (it is dropped)."""
    lines = {s.question.line: s.question.number for s in segments}
    used: dict[int, int] = {}
    for line in keyed:
        number = lines[line]
        if number is not None:
            used[number] = used.get(number, 0) + 1
    warnings: list[str] = []
    for part in answer_key.parts:
        for number in part.entries:
            if used.get(number, 0):
                used[number] -= 1
            else:
                warnings.append(f"answer key entry {number} matches no question: dropped")
    return warnings


def _with_key_entry(draft: Draft, entry: str, explained: bool) -> Draft:
    """The question's entry of the quiz's answer key, under its options; an explanation (an
    entry of a key of blocks) is the answer of a question that has none."""
    if explained and draft.answer == NO_ANSWER:
        return replace(draft, answer=entry)
    keyed = f"**Answer:**\n\n{entry}" if "\n" in entry else f"**Answer:** {entry}"
    answer = keyed if draft.answer == NO_ANSWER else f"{draft.answer}\n\n{keyed}"
    return replace(draft, answer=answer)


# "**Q. Can I …?**" and the answer's "A. No." under it: an FAQ's labels written with a period
# (a lettered choice "A. Paris" is no label under a question not labelled "Q.").
_Q_DOT = re.compile(r"^\s*(?:\*\*|__)?Q\.\s")
_A_DOT = re.compile(r"^(?:\*\*|__)?A\.(?:\*\*|__)?\s+(?=\S)")


def _draft(
    piece: Segment, position: int, shape: Shape, topic: str | None, section_level: str | None
) -> tuple[Draft, list[str]]:
    question = piece.question
    # "## 0 What is Python?": numbering from 0 would give source.question 0, which is invalid.
    number = question.number if question.number else position
    answer, guessed = answer_markdown(piece.lines, shape)
    if _Q_DOT.match(question.raw):  # "**Q. …**" over "A. …": the "A." labels the answer
        answer = _A_DOT.sub("", answer, count=1)
    answer, stated = _without_metadata(answer)
    answer, see = cited_sources(answer)  # "Source: https://…" leaves for the source field
    problems: list[str] = []
    if not answer:
        problems.append(_UNANSWERED.format(number) + ": the note says TODO")
        answer = NO_ANSWER
    elif _PLACEHOLDER.fullmatch(answer.strip()):
        problems.append(f"question {number} has only a placeholder answer: the note says TODO")
        answer = NO_ANSWER
    problems += [f"question {number}: unfenced code put in a ```{lang} block" for lang in guessed]
    answer, lost = _safe_links(answer)
    problems += [f"question {number}: {problem}" for problem in lost]
    answer = answer.strip("\n")
    if not answer.strip():  # the answer was only a local image ("Diagram?")
        problems.append(f"question {number} has no answer left: the note says TODO")
        answer = NO_ANSWER
    tags = []
    difficulty = question.difficulty or stated or section_level
    if difficulty:
        tags.append(f"difficulty::{difficulty}")
    if topic:
        tags.append(f"topic::{topic}")
    draft = Draft(number, question.text, answer, _note_type(answer), tuple(sorted(tags)), see=see)
    return draft, problems


# "_[To be filled]_", "TBD", "*Coming soon*", "(answer to be added)": a promise, not an answer.
_PLACEHOLDER = re.compile(
    r"[\s*_`\[(]*(?:to\s+be\s+(?:filled|added|written|completed|updated)(?:\s+in)?|tbd|tba|"
    r"todo|coming\s+soon|work\s+in\s+progress|wip|(?:answer\s+)?(?:will\s+be\s+)?added\s+soon|"
    r"(?:answer\s+)?to\s+be\s+(?:filled|added|written)(?:\s+in)?|\.{3}|\u2026|"
    # The same in other languages: "暂无答案" (no answer yet), "待补充" (to be added), "準備中"
    # (in preparation), "작성 중" (being written), "por completar", "em construção", "folgt".
    r"\u6682\u65e0(?:\u7b54\u6848)?|\u5f85(?:\u8865\u5145|\u66f4\u65b0|\u5b8c\u5584)|"
    r"\u672a\u5b8c\u5f85\u7eed|\u6e96\u5099\u4e2d|\u57f7\u7b46\u4e2d|\uc791\uc131\s?\uc911|"
    r"\uc900\ube44\s?\uc911|por\s+(?:completar|hacer|escribir)|en\s+construcci[oó]n|"
    r"em\s+constru[cç][aã]o|a\s+completar|(?:antwort\s+)?folgt(?:\s+(?:noch|bald))?|"
    r"в\s+разработке)"
    r"[\s.!*_`\])\u3002\uff01]*",
    re.I,
)


def _without_metadata(answer: str) -> tuple[str, str | None]:
    """The answer without a metadata line that opens it ("**Difficulty:** 🟡 Medium | **Tags:**
    …") or a one-cell metadata table ("| Level | Easy |"), and the difficulty it states."""
    first, _, rest = answer.lstrip("\n").partition("\n")
    difficulty = metadata_difficulty(first, {})
    if difficulty is None:
        return _without_metadata_table(answer)
    return rest.strip("\n"), difficulty


# "| Level | Easy |" over its "| --- | --- |" rule and no row: a table that only pairs a
# metadata key with its value is the question's label, not an answer ("| Level | Notes |" over
# rows of levels is a real table and stays).
_METADATA_TABLE_HEAD = re.compile(
    r"^\|\s*[*_]*(?:difficulty|level)[*_]*\s*\|\s*[*_]*([^|*_]+?)[*_]*\s*\|\s*$", re.I
)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _without_metadata_table(answer: str) -> tuple[str, str | None]:
    lines = answer.lstrip("\n").split("\n")
    head = _METADATA_TABLE_HEAD.match(lines[0])
    if head is None or len(lines) < 2 or not _TABLE_RULE.match(lines[1]):
        return answer, None
    if len(lines) > 2 and lines[2].lstrip().startswith("|"):
        return answer, None  # the table has rows: content, not a label
    return "\n".join(lines[2:]).strip("\n"), level_word(head.group(1))


def _title(lines: list[str], kinds: list[str], first: int, stem: str) -> str:
    preamble = [lines[i] for i in range(first) if kinds[i] == TEXT and lines[i].strip()]
    # "# 🟡 Beginner Level - 10 Questions" over the first questions names a section of the
    # page, not the page: a page without a title is named after its file.
    headings = [
        (len(match.group(1)), _clean_title(match.group(2)))
        for line in preamble
        if (match := HEADING.match(line))
        and not _TOC.match(line)
        and section_difficulty(match.group(2), {})[1] is None
    ]
    for heading_level, text in headings:
        if heading_level == 1 and text:
            return text
    if preamble:
        line = _clean_title(preamble[0])
        looks_like_title = not line.endswith((".", ":")) and not line.startswith(
            ("<", "|", "[", "!")
        )
        if line and not HEADING.match(line) and len(line) <= 150 and looks_like_title:
            return line
    for _, text in headings:
        if text:
            return text
    return re.sub(r"[-_]+", " ", stem).strip() or "Imported article"


def _clean_title(text: str) -> str:
    text = without_link_junk(html_to_text(text.strip()))
    for marker in ("**", "__"):
        if text.startswith(marker) and text.endswith(marker) and len(text) > 2 * len(marker):
            text = text[len(marker) : -len(marker)]
    return re.sub(r"\s+", " ", text).strip()


# "## 1. Foundations", "## 01: Basic", "### 2.3 Pooling": the number is no part of the topic.
_SECTION_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\s*[.):\-\u2013\u2014]?\s+(?=\S)")
# "Sección 4: Algoritmos", "Aula 2 - Variáveis", "Part 3 - Trees": the section's label and
# number say where it stands, not what it is about; the tag keeps the name after them.
_SECTION_LABEL = re.compile(
    r"^\s*(?:section|secci[oó]n|sec[cç][aã]o|se[cç][aã]o|sezione|abschnitt|part|parte|teil|"
    r"chapter|cap[ií]tulo|chapitre|kapitel|lesson|lecci[oó]n|li[cç][aã]o|aula|lektion|module|"
    r"m[oó]dulo|unit|unidad|unidade|week|semana|woche|day|d[ií]a)\s+\d{1,3}\s*"
    r"[.):\-\u2013\u2014]\s*(?=\S)",
    re.I,
)


@dataclass(frozen=True)
class _Section:
    level: int
    slug: str
    difficulty: str | None


def _topics(
    lines: list[str],
    kinds: list[str],
    questions: tuple[Candidate, ...],
    title: str,
    known: dict[str, str],
    restating: frozenset[int],
) -> dict[int, tuple[str | None, str | None]]:
    """Per question line: the slug path of the section headings around it ("statistics"), and
    the difficulty a section heading names ("## 🟢 Beginner"). A heading that restates its
    question opens the answer and is no section."""
    question_lines = {q.line: q for q in questions}
    unnumbered = _SECTION_NUMBER.sub("", title, count=1)
    titles = {title, unnumbered, section_difficulty(unnumbered, known)[0]}
    if _level_one_sections(lines, kinds, set(question_lines)) > 1:
        titles = set()  # "# SQL Basics" … "# Transactions": the title is one section among others
    stack: list[_Section] = []
    topics: dict[int, tuple[str | None, str | None]] = {}
    for index, line in enumerate(lines):
        heading = HEADING.match(line) if kinds[index] == TEXT and index not in restating else None
        question = question_lines.get(index)
        if heading is not None:
            level = len(heading.group(1))
            while stack and stack[-1].level >= level:
                stack.pop()
            if question is None:
                numbered = _SECTION_NUMBER.sub("", plain_letters(heading.group(2)), count=1)
                numbered = _SECTION_LABEL.sub("", numbered, count=1)
                text, difficulty = section_difficulty(numbered, known)
                stack.append(_Section(level, _section_slug(text, titles), difficulty))
        if question is not None:
            limit = question.level if question.level else 7
            around = [section for section in stack if section.level < limit]
            path = [section.slug for section in around if section.slug]
            levels = [section.difficulty for section in around if section.difficulty]
            topic = "::".join(path[-2:])
            if len(f"topic::{topic}") > _MAX_TAG:  # two long section titles: the inner one
                topic = path[-1]
            topics[index] = (topic or None, levels[-1] if levels else None)
    return topics


_MAX_TAG = 100  # characters of a tag (the note format's limit)


def _level_one_sections(lines: list[str], kinds: list[str], questions: set[int]) -> int:
    """How many level-1 headings hold questions ("# Title" over all, "# Conclusion": one)."""
    holding: set[int] = set()
    current: int | None = None
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and line.startswith("# ") and index not in questions:
            current = index
        elif index in questions and current is not None:
            holding.add(current)
    return len(holding)


def _section_slug(text: str, titles: set[str]) -> str:
    if _LINK.search(text) or "://" in text:  # "### Recently added: [NLP questions](…)"
        return ""
    plain = _clean_title(text)
    if not plain or plain in titles or _GENERIC_SECTION.match(plain) or _TOC.match(plain):
        return ""
    if not _LETTER.search(plain):  # "## #8" over its question: a number names no topic
        return ""
    if _TOPICS_LINE.match(plain):  # "### Tópicos: Listas, Tuplas": the section's syllabus
        return ""
    slug = slugify(_ELISION.sub(r"\1 ", without_generic_words(plain)))
    return "" if slug == "note" else slug


# "Questions d'entretien", "Domande sull'architettura": a French or Italian elided article or
# preposition before its word; the apostrophe parts two words ("d-entretien"), where slugify
# drops it as in an English "what's".
_ELISION = re.compile(
    r"\b(d|l|j|n|s|c|m|t|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|un|quell|quest)"
    r"['\u2019](?=\w)",
    re.I,
)


def _without_lazy_numbers(segments: list[Segment]) -> list[Segment]:
    """The segments without their numbers when every numbered one is "1." (Markdown renumbers
    such a list): the number says nothing, so the note's number is its position."""
    numbers = [piece.question.number for piece in segments if piece.question.number is not None]
    if len(numbers) < 3 or set(numbers) != {1}:
        return segments
    return [
        Segment(replace(piece.question, number=None), piece.lines, piece.indices)
        for piece in segments
    ]


def _answered(piece: Segment) -> bool:
    return any(line.strip() for _, line in piece.lines)


def _drop_contents_entries(segments: list[Segment]) -> tuple[list[Segment], list[Rejected]]:
    """Drop questions without an answer that come back later with one: a table of contents.
    A question asked twice and never answered (in two sections of a question list) stays."""
    answered_later: Counter[str] = Counter(
        same_question(piece.question.text) for piece in segments if _answered(piece)
    )
    kept: list[Segment] = []
    dropped: list[Rejected] = []
    for piece in segments:
        key = same_question(piece.question.text)
        empty = not _answered(piece)
        if not empty:
            answered_later[key] -= 1
        if empty and answered_later[key] > 0:
            reason = "a table-of-contents entry: the question comes again later"
            dropped.append(Rejected(piece.question.line, piece.question.describe(), reason))
            continue
        kept.append(piece)
    return kept, dropped


def _drop_duplicates(
    segments: list[Segment],
) -> tuple[list[Segment], list[Rejected], list[str]]:
    """A question repeated with its number ("#### 6)" twice) is reported, not imported twice.

    The same words under another number (or without numbers) may carry another answer: both
    are imported, with a warning.
    """
    first: dict[tuple[str, int | None], Segment] = {}
    by_text: dict[str, Segment] = {}
    kept: list[Segment] = []
    dropped: list[Rejected] = []
    warnings: list[str] = []
    for piece in segments:
        question = piece.question
        text = same_question(question.text)
        earlier = first.setdefault((text, question.number), piece)
        if earlier is not piece and question.number is not None:
            reason = f"duplicate of question {question.number} (line {earlier.question.line + 1})"
            dropped.append(Rejected(question.line, question.describe(), reason))
            continue
        same = by_text.setdefault(text, piece)
        if same is not piece:
            warnings.append(
                f"line {question.line + 1}: '{question.text}' is asked again "
                f"(first at line {same.question.line + 1}): both are imported"
            )
        kept.append(piece)
    return kept, dropped, warnings


def _without_lines(segments: list[Segment], dropped: frozenset[int]) -> list[Segment]:
    """The segments without the given article lines (a bullet naming the group of questions
    nested under it is no part of the answer above it)."""
    if not dropped:
        return segments
    kept: list[Segment] = []
    for piece in segments:
        if len(piece.lines) != len(piece.indices):
            kept.append(piece)
            continue
        pairs = [
            (pair, index)
            for pair, index in zip(piece.lines, piece.indices, strict=False)
            if index not in dropped
        ]
        kept.append(Segment(piece.question, [p for p, _ in pairs], [i for _, i in pairs]))
    return kept


def _drop_framed_lines(segments: list[Segment]) -> list[str]:
    """A line framed by two rules after an answer ("---" / "! Move these up !" / "---") leaves
    that answer, with a warning: the author's note between parts of the page."""
    warnings: list[str] = []
    for position, piece in enumerate(segments):
        start = framed_line_start(piece.lines)
        if start is None:
            continue
        shown = next(line.strip() for _, line in piece.lines[start + 1 :] if line.strip())
        segments[position] = Segment(piece.question, piece.lines[:start], piece.indices[:start])
        warnings.append(
            f"line {piece.indices[start] + 2}: '{shown[:70]}' dropped: a line framed by two "
            "rules after the answer, not part of it"
        )
    return warnings


def _drop_closing_words(segments: list[Segment], title: str) -> list[str]:
    """The article's closing words ("Good luck!") leave the last answer, with a warning."""
    if not segments:
        return []
    last = segments[-1]
    start = closing_start(last.lines, title)
    if start is None:
        return []
    dropped = next(line.strip() for _, line in last.lines[start:] if line.strip())
    shown = dropped if len(dropped) <= 70 else dropped[:67] + "..."
    segments[-1] = Segment(last.question, last.lines[:start], last.indices[:start])
    return [
        f"line {last.indices[start] + 1}: '{shown}' dropped: closing words after the last "
        "answer, not part of it"
    ]


# A fenced block, an inline code span, an HTML tag, a link target: no words of the prose.
_NOT_PROSE = re.compile(
    r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[ \t]*$|`[^`\n]*`|<[^<>\n]*>|\]\([^)\n]*\)",
    re.M | re.S,
)


def _prose_only(text: str) -> str:
    """The article without its code and markup, whose words say nothing of its language
    (a JavaScript quiz in Portuguese is mostly `console.log` by word count)."""
    return _NOT_PROSE.sub(" ", text)


_LIST_MARKER = re.compile(r"^ {0,3}(?:\d{1,4}[.)]|[-*+])\s")


def _drop_text_after_last_item(segments: list[Segment]) -> list[str]:
    """The last question is a list item whose answer is indented under it: text back at the
    margin after a blank line is outside the item, so outside the answer (the page's tail:
    "Refer …", a fenced copy of the page's own source), with a warning."""
    if not segments or not _LIST_MARKER.match(segments[-1].question.raw):
        return []
    last = segments[-1]
    filled = [at for at, (_, line) in enumerate(last.lines) if line.strip()]
    if filled and _after_unanswered_list(segments):
        at = filled[0]
        shown = last.lines[at][1].strip()[:70]
        segments[-1] = Segment(last.question, last.lines[:at], last.indices[:at])
        return [
            f"line {last.indices[at] + 1}: '{shown}' and what follows dropped: a section after "
            "a list of questions with no answers, not the last one's answer"
        ]
    if not filled or not last.lines[filled[0]][1].startswith("  "):
        return []
    for at in filled[1:]:
        kind, line = last.lines[at]
        if not line[:1].isspace() and not last.lines[at - 1][1].strip():
            if kind == TEXT and _LIST_MARKER.match(line):
                return []  # another item of the list: no tail
            if line[:1].islower() or line[:1] in ".,;:)":
                continue  # ". Each call …": the item's sentence, broken at the margin
            shown = line.strip() if len(line.strip()) <= 70 else line.strip()[:67] + "..."
            segments[-1] = Segment(last.question, last.lines[:at], last.indices[:at])
            return [
                f"line {last.indices[at] + 1}: '{shown}' and what follows dropped: after the "
                "last list item, not part of its answer"
            ]
    return []


_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")


def _drop_text_after_table_rows(segments: list[Segment], rows: frozenset[int]) -> list[str]:
    """A question table's row holds its answer in its cell: the text after the table (a
    closing paragraph, a section's prose before the next table) answers no row; it leaves
    the answer with a warning. Headings there only title the next questions."""
    warnings: list[str] = []
    for position, piece in enumerate(segments):
        if piece.question.line not in rows:
            continue
        filled = [
            at
            for at, (kind, line) in enumerate(piece.lines)
            if line.strip()
            and piece.indices[at] != piece.question.line  # the row's own answer cell
            and not (kind == TEXT and (HEADING.match(line) or _THEMATIC_BREAK.match(line)))
        ]
        if not filled:
            continue
        at = filled[0]
        shown = piece.lines[at][1].strip()
        shown = shown if len(shown) <= 70 else shown[:67] + "..."
        segments[position] = Segment(piece.question, piece.lines[:at], piece.indices[:at])
        warnings.append(
            f"line {piece.indices[at] + 1}: '{shown}' and what follows dropped: after a "
            "question table, not the answer of its last row"
        )
    return warnings


def _after_unanswered_list(segments: list[Segment]) -> bool:
    """Whether no question but the last has an answer, and the last one's "answer" opens
    with a heading, or a bold line alone that titles what follows as one does ("**Tips**"):
    a section of the page after the list ("### Resources")."""
    if len(segments) < _MIN_UNANSWERED_LIST:
        return False
    if any(line.strip() for piece in segments[:-1] for _, line in piece.lines):
        return False
    first = next(line for _, line in segments[-1].lines if line.strip())
    return HEADING.match(first) is not None or _BOLD_TITLE.match(first) is not None


_MIN_UNANSWERED_LIST = 3
_BOLD_TITLE = re.compile(r"^(\*\*|__)[^*_\n]+\1:?\s*$")


def _safe_links(answer: str) -> tuple[str, list[str]]:
    """Images become links (notes only hold local images); links ankigen rejects become text."""
    problems: list[str] = []
    out: list[str] = []
    in_fence = ""
    for line in answer.split("\n"):
        stripped = line.lstrip()
        if in_fence:
            if stripped.startswith(in_fence) and not stripped.strip(in_fence[0]):
                in_fence = ""
            out.append(line)
            continue
        opened = FENCE_OPEN.match(line)
        if opened is not None:
            in_fence = opened.group(2)
            out.append(line)
            continue

        def image(match: re.Match[str]) -> str:
            alt, src = match.group(1).strip(), match.group(2)
            problems.append(f"image '{src[:60]}' is not imported: add it to the deck folder")
            if _ALLOWED_LINK.match(src):
                return f"[{alt or 'image'}]({src})"
            return ""  # a local image is not copied: the warning names it

        def link(match: re.Match[str]) -> str:
            return match.group(0) if _ALLOWED_LINK.match(match.group(2)) else match.group(1)

        # "`[Link Text](url)`" shows Markdown's own syntax: code spans stay as written.
        parts = _INLINE_CODE.split(line)
        out.append(
            "".join(
                part if position % 2 else _LINK.sub(link, _IMAGE.sub(image, part))
                for position, part in enumerate(parts)
            )
        )
    return "\n".join(out), problems


_INLINE_CODE = re.compile(r"(`+[^`\n]*?`+)")


def _note_type(answer: str) -> str:
    language = fence_language(answer)
    return "code" if language and find_lexer(language) else "basic"


_LINE_REFERENCE = re.compile(r"^line (\d+):")


def _by_cell(warning: str, cells: tuple[int, ...]) -> str:
    """A warning about a line of a notebook's Markdown reading names the notebook's cell."""

    def cell(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return f"cell {cells[min(index, len(cells) - 1)]}:" if cells else match.group(0)

    return _LINE_REFERENCE.sub(cell, warning, count=1)


def import_article(file: Path, deck_folder: Path, force: bool) -> ImportReport:
    """Write one draft note per question of ``file`` into ``deck_folder``."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ImportError_(f"{file} is not UTF-8 text") from None
    except OSError as error:
        raise ImportError_(f"cannot read {file}: {error.strerror or error}") from None
    if not SLUG.match(deck_folder.name):
        raise ImportError_(
            f"deck name '{deck_folder.name}' is not a valid slug: use lowercase letters, "
            "digits and '-'"
        )
    suffix = file.suffix.lower()
    cells: tuple[int, ...] = ()
    if suffix == NOTEBOOK_SUFFIX:
        notebook = notebook_markdown(text, file.name)
        text, cells = notebook.text, notebook.cells
    if suffix in RST_SUFFIXES:
        text = rst_as_markdown(text)  # section titles as headings, Sphinx-only lines blank
    markdown = suffix in MARKDOWN_SUFFIXES or suffix in RST_SUFFIXES or bool(cells)
    article = parse_article(text, markdown=markdown, stem=file.stem)
    if cells:
        article = replace(
            article,
            warnings=tuple(_by_cell(w, cells) for w in article.warnings),
            skipped_numbers=tuple(_by_cell(w, cells) for w in article.skipped_numbers),
        )
    key = source_key(article.title)  # "## 10. 자가평가" gives "10": a number is no key
    try:
        deck_folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImportError_(f"cannot create {deck_folder}: {error.strerror or error}") from None
    # The deck's language keeps the English spelling check off a German article's notes.
    language = language_of(_prose_only(text))
    if language == "en":
        # Questions asked in Portuguese over answers of code, tables and English terms: the
        # article is in the language it asks in.
        # Their inline code and quiz choices (`[10, 30, 40]`) say nothing of the language.
        language = language_of(
            _prose_only("\n".join(draft.question for draft in article.questions))
        )
    existing = (deck_folder / DECK_FILE).exists()
    deck_file = ensure_source(deck_folder, key, article.title, file.name, language)
    report = write_notes(deck_folder, key, list(article.questions), force)
    report.warnings = list(article.warnings)
    if existing and (hint := language_hint(deck_folder, language, file.name)) is not None:
        report.warnings.append(hint)
    report.summary = [article.summary, *article.skipped_numbers]
    if deck_file is not None:
        report.written.append(deck_file)
    report.written.sort()
    report.skipped.sort()
    return report
