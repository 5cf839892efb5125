"""Reading an article: normalised lines, fenced blocks, and code that lost its fences.

Every line gets a kind: ``fence`` (inside or delimiting a fenced block), ``code`` (unfenced
code found here, fenced later) or ``text``. All passes are linear in the number of lines.
"""

from __future__ import annotations

import ast
import re

from ankigen.tools.importers.article_html import is_break_line, is_toggle_label

FENCE = "fence"
CODE = "code"
TEXT = "text"

# A fence may be indented (answers nested in a numbered list item indent their fences).
FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^`]*?)\s*$")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
BULLET = re.compile(r"^(\s*)[\u2022\u25e6\u25aa\u25cf\u2023\u2043]\s*")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_LIST_OR_LINK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S|^\s*\[[^\]]+\]\([^)]*\)\s*$")

# Code that lost its fences. "Strong" lines are code on their own.
PYTHON = re.compile(
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
    | (?P<assign>[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:\s*,\s*[A-Za-z_][\w.]*)*\s*
        (?:=|\+=|-=|\*=|/=)\s*[^=\s].*$)
    | (?P<call>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\s*\(.*\)\s*$)
    | (?P<bare>[A-Za-z_]\w*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*$)
    )""",
    re.X,
)
SHELL = re.compile(r"^\s*(?:[!$]\s*)?(?:pip3?|conda|apt(?:-get)?|python3?\s+-m)\s+\w+")
# SQL that lost its fences: an upper-case statement that reads as code, not a sentence that
# starts with a keyword ("SELECT returns rows"): it selects *, a column list or ends like code.
SQL = re.compile(
    r"^\s*(?:SELECT\s+(?:\*|DISTINCT\b|TOP\b|[\w.()]+\s*(?:,|\bAS\b|\bFROM\b|$))"
    r"|(?:INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+[\w.]+\s+SET|"
    r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:TABLE|VIEW|INDEX)|ALTER\s+TABLE|DROP\s+(?:TABLE|VIEW|INDEX)|"
    r"TRUNCATE\s+TABLE)\s+[\w.]+.*[;(,]\s*$)"
)
# Lines that continue a SQL statement ("FROM t", "WHERE x > 1;", "GROUP BY a").
_SQL_CLAUSE = re.compile(
    r"^\s*(?:FROM|WHERE|GROUP\s+BY|ORDER\s+BY|HAVING|(?:LEFT|RIGHT|INNER|FULL|CROSS|OUTER)?\s*"
    r"JOIN|ON|AND|OR|LIMIT|OFFSET|VALUES|SET|UNION(?:\s+ALL)?|EXCEPT|INTERSECT|RETURNING)\b"
)
_WEAK_CODE = re.compile(r"^\s*(?:[)\]}]+[,;:)\]}]*|return\b.*|.*[(\[{,\\])\s*$")
_COMMENT = re.compile(r"^\s*#(?:\s.*)?$")
# A formula written as prose: "Precision = TP / (TP + FP)", "F1 = 2 * (P * R) / (P + R)".
_FORMULA_SIDE = re.compile(r"^[\w\s+\-*/^().,%²³√]+$")
_CALL_OR_ATTRIBUTE = re.compile(r"[A-Za-z_]\w*\s*\(|[A-Za-z_]\.[A-Za-z_]|_|\*\*")
_WORDS = re.compile(r"[A-Za-z]\w*")
# "W = tf.Variable([.3].dtype=tf.float32)": a name bound to a dotted call is code even when a
# typo keeps it from parsing; fenced, the linter reports the syntax error.
_CALL_ASSIGNMENT = re.compile(
    r"^\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*=\s*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\s*\(\S.*\)\s*$"
)


# "1️⃣ What is …?", "### 11️⃣ …", "**🔟 …**": numbers written with keycap emoji, also after a
# heading's hashes or an opening bold.
_KEYCAP_NUMBER = re.compile(
    "^(\\s*(?:#{1,6}[ \\t]+)?(?:\\*\\*)?)(?:(\\d*\\d)\ufe0f?\u20e3|(\U0001f51f))\\s*"
)


def normalise(text: str) -> list[str]:
    """The article's lines: one newline style, no BOM, tabs expanded, no trailing spaces, and
    keycap-emoji numbers at the start of a line as plain ones ("1️⃣ What…" -> "1. What…")."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _PRIVATE_USE.sub("", text.replace("\u00a0", " "))
    lines = [_KEYCAP_NUMBER.sub(_keycap, line.expandtabs(4).rstrip()) for line in text.split("\n")]
    # "* ### Beginner Level": a heading written as a bullet is still the section's heading.
    return [_BULLETED_HEADING.sub(r"\1", line) for line in lines]


_BULLETED_HEADING = re.compile(r"^[-*+]\s+(#{1,6}\s+\S.*)$")


def _keycap(match: re.Match[str]) -> str:
    return f"{match.group(1)}{match.group(2) or '10'}. "


_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1\s*>\s*$", re.I)
_HTML_BOLD_LINE = re.compile(
    r"^\s*(?:<p\b[^>]*>\s*)?<(strong|b)\b[^>]*>(.*?)</\1\s*>(.*?)(?:</p\s*>)?\s*$", re.I
)


# "⚙️ 1. Core Concepts" alone on a line, then "1. What is …?": a section title written as text.
_EMOJI_TITLE = re.compile(
    "^(?P<mark>[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+)\\s*"
    "(?:\\d{1,3}[.)]\\s+)?(?P<title>[^\\W\\d_][^.?!]{1,80})$"
)
# "1. What …", and the "Q1. what …" / "Q1: …" lines of interview notes written as plain text.
_NUMBERED_LINE = re.compile(r"^\s*(?:\d{1,4}[.)]|[Qq]\d{1,4}[.):])\s+\S")


def markdown_lines(lines: list[str], kinds: list[str]) -> None:
    """Whole-line HTML headings and bold paragraphs as Markdown, so questions are found there;
    an emoji title line over numbered items as a section heading; setext headings as ATX ones;
    a list item's lazy continuation lines joined to it."""
    _setext_headings(lines, kinds)
    _quoted_questions(lines, kinds)
    _lazy_continuations(lines, kinds)
    _unmarked_list_questions(lines, kinds)
    _emoji_titles(lines, kinds)
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and _EMPTY_HEADING.match(line):
            lines[index] = ""  # "###" alone: an empty heading, nothing an answer shows
            continue
        if kinds[index] != TEXT or "<" not in line:
            continue
        heading = _HTML_HEADING.match(line)
        if heading is not None:
            lines[index] = f"{'#' * int(heading.group(1))} {heading.group(2).strip()}"
            continue
        bold = _HTML_BOLD_LINE.match(line)
        if bold is not None and bold.group(2).strip():
            lines[index] = f"**{bold.group(2).strip()}** {bold.group(3).strip()}".rstrip()


_EMPTY_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]*$")
_QUOTE_LINE = re.compile(r"^ {0,3}>[ \t]?(\S.*)$")
_TOGGLE_OPEN = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary[^>]*>(.*?)</summary>", re.I)


_QUOTE_MARK = re.compile(r"^ {0,3}>[ \t]?")


def unquote_quiz_blocks(lines: list[str], kinds: list[str]) -> bool:
    """A blockquote that holds a question and, below it, the toggle answering it ("> **Q1: …?**"
    / ">" / "> <details>" / "> <summary>Show Answer</summary>" …): a quiz set in a callout. The
    quote markers of the whole block go, so the question and its toggle read as unquoted ones;
    a quotation without an answer toggle (an analogy, a tip) stays quoted. Whether any block
    changed: its lines' kinds (a fence in the answer) must then be read again."""
    changed = False
    index = 0
    while index < len(lines):
        if kinds[index] != TEXT or _QUOTE_MARK.match(lines[index]) is None:
            index += 1
            continue
        end = index
        while end < len(lines) and kinds[end] == TEXT and _QUOTE_MARK.match(lines[end]):
            end += 1
        inner = [_QUOTE_MARK.sub("", lines[at], count=1) for at in range(index, end)]
        if _asks_then_toggle(inner):
            lines[index:end] = inner
            changed = True
        index = end
    return changed


def _asks_then_toggle(inner: list[str]) -> bool:
    """The block's first text is not a toggle, and a toggle titled like an answer follows it."""
    filled = [line.strip() for line in inner if line.strip()]
    if len(filled) < 2 or filled[0].lower().startswith(("<details", "<summary", ">")):
        return False
    for at, line in enumerate(filled[1:], start=1):
        if not line.lower().startswith(("<details", "<summary")):
            continue
        summary = _TOGGLE_OPEN.match(" ".join(filled[at : at + 2]))
        return summary is not None and is_toggle_label(re.sub(r"<[^>]+>", "", summary.group(1)))
    return False


def _quoted_questions(lines: list[str], kinds: list[str]) -> None:
    """A one-line quotation right above an answer toggle ("> 3、为什么…" over "<details>" /
    "<summary>答案</summary>") is the question that toggle answers: the quote marker goes."""
    for index, line in enumerate(lines):
        quote = _QUOTE_LINE.match(line) if kinds[index] == TEXT else None
        if quote is None or (index > 0 and lines[index - 1].strip().startswith(">")):
            continue
        following = [part.strip() for part in lines[index + 1 : index + 4] if part.strip()][:2]
        if not following or not following[0].lower().startswith(("<details", "<summary")):
            continue
        summary = _TOGGLE_OPEN.match(" ".join(following))
        if summary is not None and is_toggle_label(re.sub(r"<[^>]+>", "", summary.group(1))):
            lines[index] = quote.group(1)


# "Predictive modeling" over "-------------------": a setext heading (CommonMark).
_SETEXT_RULE = re.compile(r"^ {0,3}(={3,}|-{3,})\s*$")
_NOT_A_TITLE = re.compile(r"^\s*(?:[-*+>|<!]|\d{1,4}[.)]\s|#|`{3}|~{3})")


def _after_asking_line(lines: list[str], index: int, title: str) -> bool:
    """ "What is X?" over ``---`` right after another bare "What is Y?" line: the last question
    of a list of lines, the rule closing the list, not a heading."""
    before = next((line.strip() for line in reversed(lines[:index]) if line.strip()), "")
    return title.endswith("?") and before.endswith("?") and not HEADING.match(before)


def _setext_headings(lines: list[str], kinds: list[str]) -> None:
    """A one-line paragraph underlined with ``===`` (level 1) or ``---`` (level 2) as an ATX
    heading; the underline becomes blank. A sentence over ``---`` (ending in ``.``, ``:``, …,
    or longer than a title) is left alone: pages use ``---`` as a rule under text too. A page
    with ATX section headings (``## …``) keeps its underlined lines as they are: there they
    label parts of an answer ("Filtering" / "---------" under "### 1.4 …")."""
    if any(
        kinds[i] == TEXT and (h := HEADING.match(line)) and len(h.group(1)) > 1
        for i, line in enumerate(lines)
    ):
        return
    for index in range(1, len(lines)):
        rule = _SETEXT_RULE.match(lines[index])
        title = lines[index - 1].strip()
        if rule is None or kinds[index] != TEXT or kinds[index - 1] != TEXT or not title:
            continue
        alone = index < 2 or not lines[index - 2].strip() or HEADING.match(lines[index - 2])
        if not alone or _NOT_A_TITLE.match(title) or HEADING.match(title):
            continue
        dashes = rule.group(1)[0] == "-"
        if dashes and (title.endswith((".", ":", ",", ";")) or len(title.split()) > 12):
            continue
        if dashes and _after_asking_line(lines, index - 1, title):
            continue
        lines[index - 1] = f"{'#' if not dashes else '##'} {title}"
        lines[index] = ""


# "* Given data" / "on who got what right, how …?": a question in a list item whose text goes
# on, unindented, on the next line (a lazy continuation line, CommonMark) is one item.
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,4}[.)])\s+\S")
_CUT_HYPHEN = re.compile(r"([A-Za-z]{2,})-$")


def _lazy_continuations(lines: list[str], kinds: list[str]) -> None:
    """Join the lines that continue a list item cut mid-sentence (no closing mark, the next line
    starts in lower case at the margin) when the whole item asks a question; the joined lines
    become blank. Other items are left as written (Markdown shows them whole anyway)."""
    for index, line in enumerate(lines):
        if kinds[index] != TEXT or not _ITEM.match(line):
            continue
        item = line.rstrip()
        following = index + 1
        while (
            following < len(lines)
            and kinds[following] == TEXT
            and not item.endswith((".", "!", "?", ":", ";", ")", "*", "|"))
            and _continues_item(lines[following])
        ):
            item = _joined(item, lines[following].strip())
            following += 1
        if following > index + 1 and "?" in item[len(line.rstrip()) :]:
            lines[index] = item
            lines[index + 1 : following] = [""] * (following - index - 1)


# A top-level item marker and the text after it.
HEADING_LINE = re.compile(r"^#{1,6}\s")
_TOP_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,4}[.)])\s+(\S.*)$")


def _unmarked_list_questions(lines: list[str], kinds: list[str]) -> None:
    """ "+ Can it handle X?" / "How fast is it?" / "+ What else …?": a whole question at the
    margin, its marker forgotten, between two items that ask: an item of that list, not the
    end of the previous one's text (Markdown would run the two questions together)."""
    for index in range(1, len(lines) - 1):
        line = lines[index]
        if kinds[index] != TEXT or kinds[index - 1] != TEXT or kinds[index + 1] != TEXT:
            continue
        if line != line.lstrip() or not line[:1].isupper() or not line.endswith("?"):
            continue
        if _ITEM.match(line) or HEADING_LINE.match(line):
            continue
        before = _TOP_ITEM.match(lines[index - 1])
        after = _TOP_ITEM.match(lines[index + 1])
        if before is None or after is None or before.group(1) != after.group(1):
            continue
        if before.group(2).endswith("?") and after.group(2).endswith("?"):
            marker = before.group(1)
            if marker[0].isdigit():
                continue  # "3." "?" "4.": a number cannot be made up
            lines[index] = f"{marker} {line}"


def _continues_item(line: str) -> bool:
    stripped = line.strip()
    indent = len(line) - len(stripped)
    return bool(stripped) and indent < 2 and stripped[0].islower() and not _ITEM.match(line)


def _joined(head: str, tail: str) -> str:
    """Two parts of a sentence; a word hyphenated across the break ("interac-" / "tion")
    is whole again when the whole word is English and its parts are not."""
    cut = _CUT_HYPHEN.search(head)
    if cut is not None:
        tail_word = re.match(r"[a-z]+", tail)
        if tail_word is not None and _hyphenation(cut.group(1), tail_word.group(0)):
            return head[:-1] + tail
    return f"{head} {tail}"


def _hyphenation(first: str, second: str) -> bool:
    from ankigen.lint.words import english_words  # the dictionary, loaded only when needed

    words = english_words()
    whole = (first + second).lower()
    return whole in words and not (first.lower() in words and second in words)


def _emoji_titles(lines: list[str], kinds: list[str]) -> None:
    following: str | None = None  # the next non-blank text line, scanning upwards
    marks: set[str] = set()  # the emoji that open the titles found
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip() or kinds[index] != TEXT:
            continue
        title = _EMOJI_TITLE.match(line.strip())
        if title is not None and following is not None and _NUMBERED_LINE.match(following):
            lines[index] = f"## {title.group('title').strip()}"
            marks.add(title.group("mark"))
        following = line
    # "🔹 performance & pitfalls" over no numbered items: a paragraph of one line opened by the
    # emoji that marks the page's other section titles is a title too (the last section's),
    # not a line of the answer above it.
    for index, line in enumerate(lines):
        title = _EMOJI_TITLE.match(line.strip()) if kinds[index] == TEXT else None
        if title is not None and title.group("mark") in marks and _alone(lines, index):
            lines[index] = f"## {title.group('title').strip()}"


def _alone(lines: list[str], index: int) -> bool:
    """The line is a paragraph of its own: blank lines (or the page's edge) around it."""
    before = lines[index - 1] if index > 0 else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    return not before.strip() and not after.strip()


def line_kinds(lines: list[str], *, markdown: bool) -> list[str]:
    """Per line: FENCE, CODE (unfenced code) or TEXT."""
    kinds = _fences(lines)
    math = _display_math(lines, kinds)
    for index, line in enumerate(lines):
        if (
            kinds[index] == TEXT
            and index not in math
            and _strong_code(line, lines, index, markdown=markdown)
        ):
            kinds[index] = CODE
    _extend_code(lines, kinds, math)
    return kinds


def _display_math(lines: list[str], kinds: list[str]) -> set[int]:
    """Lines of ``$$ … $$`` / ``\\[ … \\]`` blocks: a formula such as ``P(w_1, w_2)`` is no code."""
    inside: set[int] = set()
    closer = ""
    for index, line in enumerate(lines):
        if kinds[index] != TEXT:
            continue
        stripped = line.strip()
        if closer:
            inside.add(index)
            if stripped.endswith(closer):
                closer = ""
            continue
        for opener, closing in (("$$", "$$"), ("\\[", "\\]")):
            if stripped.startswith(opener):
                inside.add(index)
                rest = stripped[len(opener) :]
                if not rest.endswith(closing):
                    closer = closing
                break
    return inside


def _fences(lines: list[str]) -> list[str]:
    kinds = [TEXT] * len(lines)
    index = 0
    while index < len(lines):
        opened = FENCE_OPEN.match(lines[index])
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
            kinds[inside] = FENCE
        index = end + 1
    return kinds


def is_python(line: str) -> bool:
    """A line that is plainly Python, and not a formula or a sentence that looks like one."""
    match = PYTHON.match(line)
    if match is None:
        return False
    if match.group("assign") and _NUMBER_TIMES_BRACKET.search(line.partition("#")[0]):
        return False  # "x = 1/2(1+x) + 1/4(2+x)": Python never calls a number
    if match.group("assign") and _CALL_ASSIGNMENT.match(line):
        return True
    if match.group("assign") or match.group("call") or match.group("bare"):
        return _parses(line.strip()) and not is_formula(line)
    return True


# "2(1+x)", "1/4 (2+x)": a number written against a bracket multiplies it, in worked math;
# code calls names, never numbers. A quoted "1 (one)" is a string's text, so quotes rule out.
_NUMBER_TIMES_BRACKET = re.compile(r"""^[^"'`]*?(?<![\w.])\d+(?:\.\d+)?\s*\([^"'`]*$""")


def is_formula(line: str) -> bool:
    """``Name = arithmetic`` with a capitalised or spaced name and no calls or attributes, or
    probability notation such as ``E[X|H] = (1/2)(1 + E[X])``."""
    if _probability_notation(line):
        return True
    left, equals, right = line.strip().partition("=")
    if not equals or right.startswith("=") or left.endswith(("!", "<", ">", "+", "-", "*", "/")):
        return False
    left, right = left.strip(), right.strip()
    if not left or not right or not _FORMULA_SIDE.match(left) or not _FORMULA_SIDE.match(right):
        return False
    if _CALL_OR_ATTRIBUTE.search(right) or "_" in left:
        return False
    capitalised = any(character.isupper() for character in left) or " " in left
    return capitalised and bool(_WORDS.search(right) or re.search(r"[+\-*/]", right))


# "E[X|H] = (1/2)(1 + E[X|HH])", "P(A) = P(A|H)": names of one to three capital letters,
# one of them applied to brackets, and an equals sign; code names its variables in words.
_NAME = re.compile(r"[A-Za-z_]\w*")
_APPLIED = re.compile(r"\b[A-Z]{1,3}\s*[\[(]")


def _probability_notation(line: str) -> bool:
    names = _NAME.findall(line)
    return (
        "=" in line
        and bool(names)
        and all(re.fullmatch(r"[A-Z]{1,3}\d?", name) for name in names)
        and _APPLIED.search(line) is not None
    )


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


def _strong_code(line: str, lines: list[str], index: int, *, markdown: bool) -> bool:
    if not line.strip() or BULLET.match(line) or HEADING.match(line):
        return False
    if _DECORATOR.match(line) and not _decorates(lines, index):
        return False  # "@Autowired" / "@Qualifier": a list of (Java) annotation names
    if is_python(line) or SHELL.match(line) or SQL.match(line):
        return True
    if markdown:
        return False
    # Plain text: an indented line after a blank line (or after other indented lines).
    indented = len(line) - len(line.lstrip()) >= 4
    previous = lines[index - 1] if index else ""
    return indented and not _LIST_OR_LINK.match(line) and (not previous.strip() or indented)


_DECORATOR = re.compile(r"^\s*@[A-Za-z_][\w.]*(?:\(.*\))?\s*$")
_DEFINITION = re.compile(r"^\s*(?:async\s+def|def|class)\s")
_DECORATOR_REACH = 8  # lines from a decorator down to what it decorates


def _decorates(lines: list[str], index: int) -> bool:
    """Whether the decorator line at ``index`` stands over a ``def`` or ``class``."""
    for line in lines[index + 1 : index + _DECORATOR_REACH]:
        if line.strip() and not _DECORATOR.match(line):
            return _DEFINITION.match(line) is not None
    return False


def _extend_code(lines: list[str], kinds: list[str], math: set[int]) -> None:
    """Add the lines that are code only next to code: closers, continuations, comments.

    One backward pass finds, for each line, whether the next non-blank line is code (or a
    comment leading to code); one forward pass then grows each block downwards.
    """
    code_follows = [False] * len(lines)
    following = False
    for index in range(len(lines) - 1, -1, -1):
        code_follows[index] = following
        line = lines[index]
        if line.strip():
            following = kinds[index] == CODE or (
                kinds[index] == TEXT and _COMMENT.match(line) is not None and following
            )
    previous = ""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if kinds[index] == TEXT and previous == CODE and index not in math:
            comment = _COMMENT.match(line) is not None and code_follows[index]
            continues = _WEAK_CODE.match(line) or _SQL_CLAUSE.match(line) or _expression(line)
            if comment or line.startswith("  ") or continues:
                kinds[index] = CODE
        previous = kinds[index]


# "a == b   # True" under "a = [1, 2]": an expression of the example, next to its code.
_OPERATOR = re.compile(r"==|!=|<=|>=|[-+*/%<>&|^]|\(|\[|#")
_STRONG_OPERATOR = re.compile(r"==|!=|=|\(|\[")


def _expression(line: str) -> bool:
    """A Python expression line (not a sentence that happens to parse: "That is all")."""
    stripped = line.strip()
    if stripped.startswith("#") or BULLET.match(line) or _LIST_OR_LINK.match(line):
        return False
    if not _OPERATOR.search(stripped) or not _parses(stripped) or is_formula(stripped):
        return False
    return not stripped[0].isupper() or _STRONG_OPERATOR.search(stripped) is not None


def fence_code(block: list[str]) -> tuple[list[str], str]:
    """Unfenced code lines -> a fenced block, and the language when one was guessed."""
    non_blank = [line for line in block if line.strip()]
    indent = min(len(line) - len(line.lstrip()) for line in non_blank)
    code = [line[indent:] if line.strip() else "" for line in block]
    # Web pages often leave a blank line after every line of code: drop those.
    gaps = [i for i, line in enumerate(code) if not line]
    if gaps and len(gaps) * 2 + 1 >= len(code) and all(code[i - 1] and code[i + 1] for i in gaps):
        code = [line for line in code if line]
    if any(PYTHON.match(line) for line in code):
        language = "python"
    elif any(SHELL.match(line) for line in code):
        language = "bash"
    elif SQL.match(code[0]):
        language = "sql"
    else:
        language = ""
    fence = "```"
    while any(line.lstrip().startswith(fence) for line in code):
        fence += "`"
    return [fence + language, *code, fence], language


_COMMENT_LINE = re.compile(r"^\s*<!--.*?-->\s*$")


def blank_comment_lines(lines: list[str], kinds: list[str]) -> None:
    """Blank, in place, each text line that is only an HTML comment ("<!-- tool type mcq -->"):
    no reader sees it, so it parts no heading from the prompt under it."""
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and _COMMENT_LINE.match(line):
            lines[index] = ""


def blank_break_lines(lines: list[str], kinds: list[str]) -> None:
    """Lines that hold only ``<br>`` or ``<hr>`` become blank before the questions are read:
    "### Types of databases" over "<hr>" then a list is a heading over its answer, and the
    ``<hr>`` is no prompt of the heading's (a Jekyll page rules off every question so)."""
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and (is_break_line(line) or _DASH_RULE.match(line)):
            lines[index] = ""


# "⸻" alone on a line: the rule a notes app draws for "---" (a three-em or two-em dash, or a
# row of em dashes, horizontal bars or box-drawing lines), a break between questions.
_DASH_RULE = re.compile(r"^\s*(?:[\u2e3a\u2e3b]+|[\u2014\u2015\u2500\u2501\u2550]{3,})\s*$")
