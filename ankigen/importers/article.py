"""`ankigen import article`: a Markdown or plain-text Q&A article -> one draft note per question.

The article is read line by line:

1. fenced code blocks are kept verbatim (with their info string); in the rest, code that lost
   its fences on the way from a web page (``import …``, ``model.fit(…)``, ``def …:``, indented
   lines of a plain-text file) is found and later wrapped in a fence, ``python`` when it is
   plainly Python;
2. the question lines are found: numbered headings (``### 12. What is …?``, ``#### 3) …``),
   ``Q4. …`` lines, FAQ ``Q:``/``A:`` pairs, bold lines (``**What is …?**``) or question
   headings. The shape with the most questions wins, so a bold line inside an answer of a
   heading-shaped article stays part of the answer;
3. everything before the first question (title, "Learning Objectives", table of contents) and
   after the last answer (conclusion, comments) is dropped, and so are separators and
   "Back to top" links inside answers.

The notes are written deterministically: the same article gives the same bytes. A note file
that differs from what the import would write now was edited since the import: it is skipped
and reported (overwritten only with ``force``). Nothing is stored outside the notes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ankigen.diagnostics import Severity
from ankigen.discover import DECK_FILE, SLUG
from ankigen.highlight import find_lexer
from ankigen.importers.report import ImportError_, ImportReport
from ankigen.load import load_deck_config, load_note
from ankigen.scaffold import candidate_ids, slugify

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
EDITED = "edited since the import (use --force to overwrite it)"
NO_ANSWER = "TODO: the article gives no answer to this question."

# --- line patterns -------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`]*?)\s*$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# "12. ", "3) ", "Q4. ", "Question 5: " at the start of a question's text.
_NUMBER = re.compile(r"^(?:Q(?:uestion)?\s*)?(\d{1,4})\s*[.):\-\u2013\u2014]\s*(?=\S)", re.I)
_Q_LINE = re.compile(
    r"^\s*(?:\*\*)?Q(?:uestion)?\s*(\d{1,4})\s*[.):\-\u2013\u2014]\s*(\S.*)$", re.I
)
_FAQ_Q = re.compile(r"^\s*(?:\*\*)?Q\s*[:.](?:\*\*)?\s*(\S.*)$")
_FAQ_A = re.compile(r"^\s*(?:\*\*)?A(?:nswer)?\s*[:.](?:\*\*)?\s*")
_BOLD = re.compile(r"^\s*(\*\*|__)(\S.*?\S|\S)\1(.*)$")
_QUESTION_WORDS = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|is|are|can|could|do|does|did|should|"
    r"would|will|explain|describe|define|name|list|compare|give|write|mention|differentiate|"
    r"distinguish|discuss|state)\b",
    re.I,
)
_SEPARATOR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_BACK_TO_TOP = re.compile(r"^[\s*_\[]*[^\w\s]*\s*back\s+to\s+(?:the\s+)?top\b.*$", re.I)
_TOC = re.compile(r"^(?:#+\s*)?[*_]*(?:table\s+of\s+contents|contents|toc)[*_]*\s*:?$", re.I)
_LIST_OR_LINK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S|^\s*\[[^\]]+\]\([^)]*\)\s*$")
# Lines that start the part of a web page after the last answer.
_END = re.compile(
    r"^(?:conclusions?|in\s+conclusion\b.*|key\s+takeaways.*|frequently\s+asked\s+questions|"
    r"faqs?|responses\s+from\s+readers|related\s+(?:articles|posts|reading)|further\s+reading|"
    r"about\s+the\s+author|leave\s+a\s+(?:reply|comment)|comments|share\s+this.*|"
    r"what[\u2019']s\s+next.*|the\s+media\s+shown\s+in\s+this\s+article\b.*)$",
    re.I,
)
_BULLET = re.compile(r"^(\s*)[\u2022\u25e6\u25aa\u25cf\u2023\u2043]\s*")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_ALLOWED_LINK = re.compile(r"^(?:https?://|mailto:)", re.I)

# Code that lost its fences. "Strong" lines are code on their own.
_PYTHON = re.compile(
    r"""^\s*(?:
      import\s+[A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*)*\s*$
    | from\s+[\w.]+\s+import\s+\S.*$
    | (?:async\s+)?def\s+\w+\s*\(.*$
    | class\s+\w+\s*(?:\(.*\))?\s*:\s*$
    | @[A-Za-z_][\w.]*(?:\(.*\))?\s*$
    | for\s+[\w, ()]+\s+in\s+.+:\s*$
    | with\s+.+\s+as\s+\w+\s*:\s*$
    | (?:if|elif|while)\s+.*(?:==|!=|<=|>=|\(|\)|\[).*:\s*$
    | (?:else|try|finally)\s*:\s*$
    | except(?:\s+[\w.(), ]+(?:\s+as\s+\w+)?)?\s*:\s*$
    | print\s*\(.*$
    | print\s+(?:"[^"]*"|'[^']*'|[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*$
    | [A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:\s*,\s*[A-Za-z_][\w.]*)*\s*(?:=|\+=|-=|\*=|/=)\s*[^=\s].*$
    | [A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\s*\(.*\)\s*$
    | [A-Za-z_]\w*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*$
    )""",
    re.X,
)
_SHELL = re.compile(r"^\s*(?:[!$]\s*)?(?:pip3?|conda|apt(?:-get)?|python3?\s+-m)\s+\w+")
_WEAK_CODE = re.compile(r"^\s*(?:[)\]}]+[,;:)\]}]*|return\b.*|.*[(\[{,\\])\s*$")
_COMMENT = re.compile(r"^\s*#(?:\s.*)?$")


class Shape(Enum):
    """How an article marks its questions, in order of preference when counts tie."""

    Q_LINE = "Q4. lines"
    HEADING = "question headings"
    FAQ = "Q:/A: pairs"
    BOLD = "bold question lines"


@dataclass(frozen=True)
class Candidate:
    shape: Shape
    number: int | None
    text: str
    level: int = 0  # heading level, 0 when not a heading
    rest: str = ""  # answer text on the question's own line (bold and FAQ shapes)


@dataclass
class Question:
    number: int | None
    text: str
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedQuestion:
    number: int
    text: str
    answer: str
    note_type: str
    guessed: tuple[str, ...]  # languages guessed for code that had no fence


@dataclass(frozen=True)
class Article:
    title: str
    shape: Shape
    questions: tuple[ParsedQuestion, ...]
    warnings: tuple[str, ...]


# --- parsing -------------------------------------------------------------------------------


def parse_article(text: str, *, markdown: bool, stem: str) -> Article:
    """The questions of an article, with answers as Markdown; raises ImportError_ if none."""
    lines = _normalise(text)
    kinds = _line_kinds(lines, markdown=markdown)
    candidates = {
        index: found
        for index, line in enumerate(lines)
        if kinds[index] == "text" and (found := _candidate(line)) is not None
    }
    shape, level = _choose_shape(list(candidates.values()))
    if shape is None:
        raise ImportError_(
            "no questions found: expected numbered headings ('### 1. What is …?'), "
            "'Q1. …' lines, 'Q:'/'A:' pairs or bold question lines ('**What is …?**')"
        )
    title = _title(lines, kinds, candidates, shape, level, stem)
    questions = _segment(lines, kinds, candidates, shape, level)
    parsed: list[ParsedQuestion] = []
    warnings: list[str] = []
    cleaned = [(question, _answer(answer_lines, shape)) for question, answer_lines in questions]
    kept = _drop_contents_entries(cleaned)
    for position, (question, (answer, guessed)) in enumerate(kept, start=1):
        number = question.number if question.number is not None else position
        if not answer:
            warnings.append(f"question {number} has no answer: the note says TODO")
            answer = NO_ANSWER
        for language in guessed:
            warnings.append(f"question {number}: unfenced code put in a ```{language} block")
        answer, lost = _safe_links(answer)
        warnings += [f"question {number}: {problem}" for problem in lost]
        parsed.append(
            ParsedQuestion(number, question.text, answer, _note_type(answer), tuple(guessed))
        )
    return Article(title, shape, tuple(parsed), tuple(warnings))


def _normalise(text: str) -> list[str]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _PRIVATE_USE.sub("", text.replace("\u00a0", " "))
    return [line.expandtabs(4).rstrip() for line in text.split("\n")]


def _line_kinds(lines: list[str], *, markdown: bool) -> list[str]:
    """Per line: 'fence' (inside or delimiting a fenced block), 'code' (unfenced code), 'text'."""
    kinds = ["text"] * len(lines)
    index = 0
    while index < len(lines):
        opened = _FENCE_OPEN.match(lines[index])
        if opened is None:
            index += 1
            continue
        marker = opened.group(2)
        end = index + 1
        while end < len(lines):
            closing = lines[end].strip()
            if closing.startswith(marker[0] * len(marker)) and not closing.strip(marker[0]):
                break
            end += 1
        for inside in range(index, min(end, len(lines) - 1) + 1):
            kinds[inside] = "fence"
        index = end + 1
    for index, line in enumerate(lines):
        if kinds[index] == "text" and _strong_code(line, lines, index, markdown=markdown):
            kinds[index] = "code"
    _extend_code(lines, kinds)
    return kinds


def _strong_code(line: str, lines: list[str], index: int, *, markdown: bool) -> bool:
    if not line.strip() or _BULLET.match(line) or _HEADING.match(line):
        return False
    if _PYTHON.match(line) or _SHELL.match(line):
        return True
    if markdown:
        return False
    # Plain text: an indented line after a blank line (or after other indented lines).
    indented = len(line) - len(line.lstrip()) >= 4
    previous = lines[index - 1] if index else ""
    return indented and not _LIST_OR_LINK.match(line) and (not previous.strip() or indented)


def _extend_code(lines: list[str], kinds: list[str]) -> None:
    """Add the lines that are code only next to code: closers, continuations, comments."""
    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if kinds[index] != "text" or not line.strip():
                continue
            before = _neighbour(lines, kinds, index, -1)
            after = _neighbour(lines, kinds, index, +1)
            if before != "code":
                continue
            indented = line.startswith("  ")
            comment = _COMMENT.match(line) is not None and after == "code"
            if comment or indented or _WEAK_CODE.match(line):
                kinds[index] = "code"
                changed = True


def _neighbour(lines: list[str], kinds: list[str], index: int, step: int) -> str:
    index += step
    while 0 <= index < len(lines):
        if lines[index].strip():
            return kinds[index]
        index += step
    return ""


def _candidate(line: str) -> Candidate | None:
    heading = _HEADING.match(line)
    if heading is not None:
        level, text = len(heading.group(1)), _strip_emphasis(heading.group(2))
        numbered = _NUMBER.match(text)
        if numbered is not None:
            return Candidate(Shape.HEADING, int(numbered.group(1)), text[numbered.end() :], level)
        if text.endswith("?") or _QUESTION_WORDS.match(text):
            return Candidate(Shape.HEADING, None, text, level)
        return None
    q_line = _Q_LINE.match(line)
    if q_line is not None:
        return Candidate(Shape.Q_LINE, int(q_line.group(1)), _strip_emphasis(q_line.group(2)))
    faq = _FAQ_Q.match(line)
    if faq is not None:
        return Candidate(Shape.FAQ, None, _strip_emphasis(faq.group(1)))
    bold = _BOLD.match(line)
    if bold is not None:
        inner, rest = bold.group(2).strip(), bold.group(3).strip()
        numbered = _NUMBER.match(inner)
        if numbered is not None:
            return Candidate(Shape.BOLD, int(numbered.group(1)), inner[numbered.end() :], 0, rest)
        if inner.endswith("?"):
            return Candidate(Shape.BOLD, None, inner, 0, rest)
    return None


def _strip_emphasis(text: str) -> str:
    text = text.strip()
    for marker in ("**", "__"):
        if text.startswith(marker) and text.endswith(marker) and len(text) > 2 * len(marker):
            text = text[len(marker) : -len(marker)].strip()
    return re.sub(r"\s+", " ", text)


def _choose_shape(found: list[Candidate]) -> tuple[Shape | None, int]:
    """The shape with the most questions (headings: at their most common level)."""
    counts: dict[Shape, int] = {}
    levels: dict[int, int] = {}
    for candidate in found:
        if candidate.shape is Shape.HEADING:
            levels[candidate.level] = levels.get(candidate.level, 0) + 1
        else:
            counts[candidate.shape] = counts.get(candidate.shape, 0) + 1
    level = 0
    if levels:
        # The level with most numbered headings, then most headings, then the shallowest.
        numbered = {
            lvl: sum(1 for c in found if c.level == lvl and c.number is not None) for lvl in levels
        }
        level = max(levels, key=lambda lvl: (numbered[lvl], levels[lvl], -lvl))
        counts[Shape.HEADING] = levels[level]
    if not counts:
        return None, 0
    order = list(Shape)
    best = max(counts, key=lambda shape: (counts[shape], -order.index(shape)))
    return best, level


def _is_question(candidate: Candidate | None, shape: Shape, level: int) -> bool:
    if candidate is None or candidate.shape is not shape:
        return False
    return shape is not Shape.HEADING or candidate.level == level


def _title(
    lines: list[str],
    kinds: list[str],
    candidates: dict[int, Candidate],
    shape: Shape,
    level: int,
    stem: str,
) -> str:
    first = next(i for i in sorted(candidates) if _is_question(candidates[i], shape, level))
    preamble = [(i, lines[i]) for i in range(first) if kinds[i] == "text" and lines[i].strip()]
    headings = [
        (len(match.group(1)), _strip_emphasis(match.group(2)))
        for _, line in preamble
        if (match := _HEADING.match(line)) and not _TOC.match(line)
    ]
    for heading_level, text in headings:
        if heading_level == 1 and text:
            return text
    if preamble:
        line = _strip_emphasis(preamble[0][1])
        if not _HEADING.match(line) and len(line) <= 150 and not line.endswith((".", ":")):
            return line
    for _, text in headings:
        if text:
            return text
    return re.sub(r"[-_]+", " ", stem).strip() or "Imported article"


def _segment(
    lines: list[str],
    kinds: list[str],
    candidates: dict[int, Candidate],
    shape: Shape,
    level: int,
) -> list[tuple[Question, list[tuple[str, str]]]]:
    """Each question with the (kind, line) pairs of its answer; preamble and noise dropped."""
    result: list[tuple[Question, list[tuple[str, str]]]] = []
    current: list[tuple[str, str]] | None = None
    for index, line in enumerate(lines):
        candidate = candidates.get(index)
        if candidate is not None and _is_question(candidate, shape, level):
            current = [("text", candidate.rest)] if candidate.rest else []
            result.append((Question(candidate.number, candidate.text), current))
            continue
        if current is None:
            continue
        if kinds[index] == "text" and _ends_answer(line, shape, level):
            current = None
            continue
        current.append((kinds[index], line))
    return result


def _ends_answer(line: str, shape: Shape, level: int) -> bool:
    heading = _HEADING.match(line)
    plain = _strip_emphasis(heading.group(2) if heading else line).rstrip(":").strip()
    if _END.match(plain):
        return True
    if heading is None:
        return False
    heading_level = len(heading.group(1))
    return heading_level <= level if shape is Shape.HEADING else heading_level <= 2


def _answer(lines: list[tuple[str, str]], shape: Shape) -> tuple[str, list[str]]:
    """The answer as Markdown, and the languages guessed for unfenced code."""
    out: list[str] = []
    guessed: list[str] = []
    index = 0
    first_text = True
    while index < len(lines):
        kind, line = lines[index]
        if kind == "code":
            end = index
            while end < len(lines) and (lines[end][0] == "code" or not lines[end][1].strip()):
                end += 1
            while not lines[end - 1][1].strip():
                end -= 1
            block, language = _fence_code([text for _, text in lines[index:end]])
            if language:
                guessed.append(language)
            out += ["", *block, ""]
            index = end
            continue
        index += 1
        if kind == "fence":
            out.append(line)
            first_text = False
        elif _SEPARATOR.match(line) or _BACK_TO_TOP.match(line) or _TOC.match(line.strip()):
            out.append("")
        elif (heading := _HEADING.match(line)) is not None:
            out += ["", f"**{_strip_emphasis(heading.group(2))}**", ""]
            first_text = False
        else:
            if first_text and line.strip():
                first_text = False
                if shape is Shape.FAQ:
                    line = _FAQ_A.sub("", line, count=1)
            out.append(_BULLET.sub(_bullet, line))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text, guessed


def _bullet(match: re.Match[str]) -> str:
    """A "•" bullet of a plain-text page -> a Markdown list item (nested when indented 4+)."""
    indent = match.group(1)
    return ("  " * (len(indent) // 4)) + "- "


def _fence_code(block: list[str]) -> tuple[list[str], str]:
    """Unfenced code lines -> a fenced block, and the language when one was guessed."""
    non_blank = [line for line in block if line.strip()]
    indent = min(len(line) - len(line.lstrip()) for line in non_blank)
    code = [line[indent:] if line.strip() else "" for line in block]
    # Web pages often leave a blank line after every line of code: drop those.
    gaps = [i for i, line in enumerate(code) if not line]
    if gaps and len(gaps) * 2 + 1 >= len(code) and all(code[i - 1] and code[i + 1] for i in gaps):
        code = [line for line in code if line]
    if any(_PYTHON.match(line) for line in code):
        language = "python"
    elif any(_SHELL.match(line) for line in code):
        language = "bash"
    else:
        language = ""
    fence = "```"
    while any(line.lstrip().startswith(fence) for line in code):
        fence += "`"
    return [fence + language, *code, fence], language


def _drop_contents_entries(
    questions: list[tuple[Question, tuple[str, list[str]]]],
) -> list[tuple[Question, tuple[str, list[str]]]]:
    """Drop questions without an answer that come back later: a table of contents."""
    kept = []
    for index, (question, (answer, guessed)) in enumerate(questions):
        key = _comparable(question.text)
        repeated = any(_comparable(later.text) == key for later, _ in questions[index + 1 :])
        if not answer and repeated:
            continue
        kept.append((question, (answer, guessed)))
    return kept


def _comparable(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


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
        opened = _FENCE_OPEN.match(line)
        if opened is not None:
            in_fence = opened.group(2)
            out.append(line)
            continue

        def image(match: re.Match[str]) -> str:
            alt, src = match.group(1).strip(), match.group(2)
            problems.append(f"image '{src[:60]}' is not imported: add it to the deck folder")
            if _ALLOWED_LINK.match(src):
                return f"[{alt or 'image'}]({src})"
            return alt

        def link(match: re.Match[str]) -> str:
            return match.group(0) if _ALLOWED_LINK.match(match.group(2)) else match.group(1)

        out.append(_LINK.sub(link, _IMAGE.sub(image, line)))
    return "\n".join(out), problems


def _note_type(answer: str) -> str:
    for line in answer.split("\n"):
        opened = _FENCE_OPEN.match(line)
        if opened is not None:
            language = opened.group(3).split(maxsplit=1)[0] if opened.group(3) else ""
            if language and find_lexer(language):
                return "code"
    return "basic"


# --- writing -------------------------------------------------------------------------------


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
    article = parse_article(text, markdown=file.suffix.lower() in MARKDOWN_SUFFIXES, stem=file.stem)
    key = slugify(article.title)
    report = ImportReport(warnings=list(article.warnings))
    try:
        deck_folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImportError_(f"cannot create {deck_folder}: {error.strerror or error}") from None
    deck_file = _ensure_source(deck_folder, key, article.title, file.name)
    if deck_file is not None:
        report.written.append(deck_file)
    taken = _ids_of_other_notes(deck_folder, key)
    for question in article.questions:
        note_id = next(i for i in candidate_ids(slugify(question.text)) if i not in taken)
        taken.add(note_id)
        path = deck_folder / f"{note_id}.md"
        wanted = _note_text(note_id, key, question)
        if path.exists():
            try:
                current = path.read_bytes()
            except OSError as error:
                raise ImportError_(f"cannot read {path}: {error.strerror or error}") from None
            if current == wanted.encode("utf-8"):
                continue
            if not force:
                report.skipped.append((path, EDITED))
                continue
        _write(path, wanted)
        report.written.append(path)
    report.written.sort()
    report.skipped.sort()
    return report


def _note_text(note_id: str, key: str, question: ParsedQuestion) -> str:
    return (
        f"---\nid: {note_id}\ntype: {question.note_type}\ntags: []\n"
        f"source: {{doc: {key}, question: {question.number}}}\n---\n"
        f"# {question.text}\n\n{question.answer}\n"
    )


def _write(path: Path, text: str) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise ImportError_(f"cannot write {path}: {error.strerror or error}") from None


def _ids_of_other_notes(deck_folder: Path, key: str) -> set[str]:
    """Ids taken by notes that are not from this article (the import never touches those)."""
    taken: set[str] = set()
    for path in sorted(deck_folder.glob("*.md")):
        if path.name.startswith((".", "_")):
            continue
        note, _ = load_note(path)
        # A note that cites no source or another one was not written by this import (one that
        # does not load might be: it is compared, and skipped as edited).
        if note is not None and (note.meta.source is None or note.meta.source.doc != key):
            taken.update({path.stem.lower(), note.meta.id})
    return taken


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _source_entry(key: str, title: str, file_name: str, indent: str) -> list[str]:
    return [
        f"{indent}{key}:",
        f"{indent}  title: {_yaml_string(title)}",
        f"{indent}  publisher: {_yaml_string(f'imported from {file_name}')}",
    ]


def _ensure_source(deck_folder: Path, key: str, title: str, file_name: str) -> Path | None:
    """Create deck.yaml, or add the article to its sources; the path when it was written."""
    path = deck_folder / DECK_FILE
    if not path.exists():
        name = re.sub(r"\s*::\s*", " - ", re.sub(r'["\n]', "", title)).strip() or deck_folder.name
        lines = [
            f"name: {_yaml_string(name)}",
            f"description: {_yaml_string(f'Draft notes imported from {file_name}: review them.')}",
            "sources:",
            *_source_entry(key, title, file_name, "  "),
        ]
        _write(path, "\n".join(lines) + "\n")
        return path
    spec, diagnostics = load_deck_config(deck_folder)
    if spec is None or any(d.severity is Severity.ERROR for d in diagnostics):
        raise ImportError_(f"{path} is not valid: fix it first (ankigen validate {deck_folder})")
    if key in spec.config.sources:
        return None
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    at = next((i for i, line in enumerate(lines) if re.match(r"^sources\s*:", line)), None)
    if at is None:
        lines += ["sources:", *_source_entry(key, title, file_name, "  ")]
    elif re.match(r"^sources\s*:\s*(?:\{\s*\})?\s*(?:#.*)?$", lines[at]):
        children = [
            line for line in lines[at + 1 :] if line.strip() and not line.lstrip().startswith("#")
        ]
        child = children[0] if children and children[0].startswith(" ") else "  "
        indent = " " * (len(child) - len(child.lstrip()))
        lines[at : at + 1] = ["sources:", *_source_entry(key, title, file_name, indent)]
    else:
        raise ImportError_(
            f"cannot add source '{key}' to {path}: write 'sources' as a block mapping, or add "
            f"'{key}' (title, publisher) under it by hand"
        )
    _write(path, "\n".join(lines) + "\n")
    spec, diagnostics = load_deck_config(deck_folder)
    if spec is None or key not in spec.config.sources:
        _write(path, original)
        raise ImportError_(f"cannot add source '{key}' to {path}: add it by hand")
    return path
