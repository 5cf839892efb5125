"""Claims in code blocks: a comment that states a value ("# 62,500 steps", "len(loader)  #
157", "y = conv(x)  # (N, 64, 196)", "# 412 = 13,200 / 32"), a result's name given a literal
("total_steps = 9000", "steps_per_epoch: 782"), and what a print, a session or a log shows on
the lines below it or in an output block ("torch.Size([8, 64, 196])", "Total params: 1,234",
a summary row's "Param #", a progress bar's "469/469 [")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.arith.code_arithmetic import comment_texts
from ankigen.lint.claims import labels, lexicon, relations
from ankigen.lint.claims.flat import Flat, Token, flatten, numbers
from ankigen.lint.claims.model import RESULT_KINDS, Claim, Kind, Surface
from ankigen.lint.claims.place import placed
from ankigen.lint.document import CodeBlock, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_OUTPUT_LANGUAGES = frozenset(
    {"", "text", "txt", "output", "console", "log", "plaintext", "plain", "none", "out", "stdout"}
)
# What may stand before a comment's leading value: an arrow, "=", "~", a shape's opening.
_LEAD = lazy_regex(
    r"[ \t]*(?:[\u2192=\u2248~:][ \t]*)?(?:~[ \t]*)?(?:torch\.Size\(\[?|[(\[])?"
    r"[ \t]*(?:(?:None|[A-Za-z]\w{0,5})[ \t]*,[ \t]*)*"
)
_CODE_COMPUTES = lazy_regex(r"[\w)\]][ \t]*(?:[*/+%-]|//|\*\*)[ \t]*[\w(]")
_ENUMERATION = lazy_regex(r"[.)][ \t]+[A-Za-z]")
_SHAPE_GAP = lazy_regex(r"[ \t]*[\u00d7xX,][ \t]*")
_ASSIGNED = lazy_regex(
    r"[ \t]*(?P<name>[A-Za-z_][\w.\[\]'\"]*)[ \t]*(?::[ \t]*\w+[ \t]*)?[-+*/]?=(?!=)"
)
_PRINT = lazy_regex(
    r"[ \t]*(?:>>>[ \t]*)?(?:print|tf\.print|logger\.\w+|logging\.\w+|log|console\.log|echo"
    r"|[\w.]+\.summary)"
    r"[ \t]*\((?P<args>.*)\)[ \t]*;?[ \t]*$"
)
_SESSION = lazy_regex(r"[ \t]*>>>[ \t]?(?P<args>.*)$")
_LITERAL = lazy_regex(
    r"[ \t]*[\"']?(?P<name>[A-Za-z_][\w.]*)[\"']?[ \t]*(?::[ \t]*int[ \t]*)?[:=][ \t]*"
    r"(?P<value>-?\d[\d_,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)[ \t]*[,;]?[ \t]*$"
)
# A line of code, not of output: an assignment, a statement, a call, a prompt.
_CODE_LINE = lazy_regex(
    r"[ \t]*(?:[A-Za-z_][\w.\[\]]*[ \t]*[-+*/]?=(?!=)|(?:import|from|def|class|for|if|while"
    r"|return|with|elif|else|try|except|assert|raise|yield|lambda)\b|>>>|\.\.\.|@|#|//)"
    r"|.*\b(?!torch\.Size|tensor|array|Size)[A-Za-z_]\w*\((?!\[?\s*\d)"
)
_WITHOUT_COMMENT = lazy_regex(r"[^#]*?(?=[ \t]*(?:#|$))")
_SUMMARY_ROW = lazy_regex(r"\((?:None|\d+),[^()]*\)[ \t]{2,}\d[\d,]*[ \t]*$")
_PROGRESS = lazy_regex(r"(?P<done>\d+)/(?P<total>\d+)[ \t]*\[")
_PARAM_HEADER = lazy_regex(r"Param[ \t]*#")
_SUMMARY_SHAPE = lazy_regex(r"\((?:None|\d+)(?:,[ \t]*(?:None|\d+))*,?\)")
_ROW_COUNT = lazy_regex(r"[ \t]{2,}(?P<count>\d[\d,]*)[ \t]*$")


def code_claims(document: LintDocument) -> Iterator[Claim]:
    question = _question(document)
    for block in document.code_blocks:
        yield from _block_claims(document, block, question)


def _question(document: LintDocument) -> str | None:
    span = document.question
    return document.text[span[0] : span[1]] if span else None


def _lines(document: LintDocument, block: CodeBlock) -> list[tuple[int, int]]:
    """The file offsets of each line of the block."""
    found = []
    for index in range(block.code.count("\n")):
        start = document.offset_of_line(block.first_line + index)
        end = document.text.find("\n", start)
        found.append((start, len(document.text) if end < 0 else end))
    return found


def _block_claims(
    document: LintDocument, block: CodeBlock, question: str | None
) -> Iterator[Claim]:
    text = document.text
    lines = _lines(document, block)
    comments = _comments(block)
    output_block = block.language.lower() in _OUTPUT_LANGUAGES
    summary = any(_PARAM_HEADER.search(text, start, end) for start, end in lines)
    printed: str | None = None  # the arguments of the print whose output may follow
    previous_label: str | None = None
    for index, (start, end) in enumerate(lines):
        code_lines = block.code.split("\n")
        shift = len(text[start:end]) - len(code_lines[index]) if index < len(code_lines) else 0
        comment = comments.get(index)
        code_end = start + shift + comment[0] if comment else end
        code = text[start:code_end].rstrip(" \t#/-")
        if comment is not None:
            found = list(
                _comment(
                    document,
                    start + shift + comment[0],
                    start + shift + comment[1],
                    code,
                    previous_label,
                    question,
                )
            )
            yield from found
        label = _code_label(code)
        bare_code = _WITHOUT_COMMENT.match(code)
        literal = _LITERAL.fullmatch(bare_code.group(0)) if bare_code else None
        if literal is not None and lexicon.reading(literal.group("name")) in RESULT_KINDS:
            yield from _identifier(document, start, code_end, literal.group("name"))
        if _SUMMARY_ROW.search(code) and not (printed is not None or output_block):
            yield from _output(document, start, code_end, None, True, question)
            continue  # a summary row pasted into code: "dense (Dense)  (None, 64)  8256"
        is_output = (
            bool(code.strip()) and not _CODE_LINE.match(code) and any(c.isdigit() for c in code)
        )
        if is_output and (printed is not None or output_block):
            yield from _output(document, start, code_end, printed, summary, question)
        elif not is_output:
            match = _PRINT.match(code) or _SESSION.match(code)
            printed = match.group("args").strip() if match else None
        if code.strip():
            previous_label = label


_PYTHON = frozenset({"python", "py", "python3", "ipython", "pycon", "jupyter"})
_HASH = lazy_regex(r"(?:^|(?<=\s))#[ \t]*(?P<text>[^\n]*\d[^\n]*)")


def _comments(block: CodeBlock) -> dict[int, tuple[int, int]]:
    """Each line's comment holding a digit: 0-based line -> its text's start and end columns.
    In Python only ``#`` outside a string opens one ("n // bs" is a floor division)."""
    if block.language.lower() not in _PYTHON:
        return {line: (start, end) for line, start, end in comment_texts(block.code)}
    found = {}
    for line, text in enumerate(block.code.split("\n")):
        for match in _HASH.finditer(text):
            if (
                text.count("'", 0, match.start()) % 2 == 0
                and text.count('"', 0, match.start()) % 2 == 0
            ):
                found[line] = match.span("text")
                break
    return found


def _code_label(code: str) -> str | None:
    """What a line of code computes: its assigned name, its print's argument, or its call."""
    printed = _PRINT.match(code)
    if printed:
        return printed.group("args").strip() or None
    assigned = _ASSIGNED.match(code)
    if assigned:
        return assigned.group("name")
    stripped = code.strip().removeprefix(">>>").strip()
    return stripped or None


def _comment(
    document: LintDocument,
    start: int,
    end: int,
    code: str,
    previous: str | None,
    question: str | None,
) -> Iterator[Claim]:
    flat = flatten(document.text, start, end)
    tokens = numbers(flat)
    if not tokens:
        return
    own = code.strip() or None
    code_label = _code_label(code) if own else previous
    computes = bool(own and _CODE_COMPUTES.search(code))
    claimed = set()
    for item in relations.claims(flat.text, tokens, 0, len(flat.text), loose=True):
        claimed.add(item.start)
        if item.label is None and code_label is not None:
            if lexicon.names_input(code_label) and not computes:
                continue  # "lr = 3e-4  # = 0.0003": a setting restated
            kind = lexicon.kind_of(code_label)  # "print(steps)  # -> 146484"
            item = relations.Found(item.start, item.end, item.value, None, kind)
            yield placed(document, flat, item, Surface.COMMENT, code_label, question)
        else:
            yield placed(document, flat, item, Surface.COMMENT, header=question)
    progress = _PROGRESS.search(flat.text)
    if progress is not None:
        yield from _progress(document, flat, tokens, progress)
        return
    lead = _LEAD.match(flat.text, 0, tokens[0].start)
    if lead is None or lead.end() != tokens[0].start or tokens[0].start in claimed:
        return  # a sentence with a number inside: "# use 4 workers"
    run = _run(flat, tokens)
    last = run[-1]
    if relations.goes_on(flat.text, last.end) or _ENUMERATION.match(flat.text, last.end):
        return
    after = labels.after(flat.text, last.end, len(flat.text))
    label_text = flat.text[after[0] : after[1]] if after else code_label
    yield from _claimed(document, flat, run, after, label_text, Surface.COMMENT, question)


def _progress(
    document: LintDocument, flat: Flat, tokens: list[Token], progress: re.Match[str]
) -> Iterator[Claim]:
    """A progress bar's "469/469 [": the steps of one epoch."""
    total = next(t for t in tokens if t.start == progress.start("total"))
    found = relations.Found(
        total.start, total.end, total.value, progress.span(), Kind.STEPS_PER_EPOCH
    )
    yield placed(document, flat, found, Surface.PRINTED)


def _run(flat: Flat, tokens: list[Token]) -> list[Token]:
    """The first token and the shape it opens ("30x30x64", "8, 64, 196")."""
    run = [tokens[0]]
    for token in tokens[1:]:
        if not _SHAPE_GAP.fullmatch(flat.text, run[-1].end, token.start):
            break
        run.append(token)
    return run


def _claimed(
    document: LintDocument,
    flat: Flat,
    run: list[Token],
    label: tuple[int, int] | None,
    label_text: str | None,
    surface: Surface,
    question: str | None,
) -> Iterator[Claim]:
    if lexicon.names_input(label_text):
        return
    kind = lexicon.kind_of(label_text)
    if kind in (Kind.OTHER, Kind.UNKNOWN) and len(run) > 1:
        kind = Kind.OUTPUT_SIZE
    for token in run:
        found = relations.Found(token.start, token.end, token.value, label, kind)
        yield placed(document, flat, found, surface, None if label else label_text, question)


def _identifier(document: LintDocument, start: int, end: int, name: str) -> Iterator[Claim]:
    flat = flatten(document.text, start, end)
    tokens = numbers(flat)
    if len(tokens) != 1:
        return
    label = (flat.text.index(name), flat.text.index(name) + len(name))
    kind = lexicon.kind_of(name)
    found = relations.Found(tokens[0].start, tokens[0].end, tokens[0].value, label, kind)
    yield placed(document, flat, found, Surface.IDENTIFIER)


def _output(
    document: LintDocument,
    start: int,
    end: int,
    printed: str | None,
    summary: bool,
    question: str | None,
) -> Iterator[Claim]:
    """An output line: "label: N" (a relation), a bare value or shape, a summary row's count,
    a progress bar."""
    flat = flatten(document.text, start, end)
    tokens = numbers(flat)
    if not tokens:
        return
    found = list(relations.claims(flat.text, tokens, 0, len(flat.text)))
    if found:
        for item in found:
            yield placed(document, flat, item, Surface.PRINTED, header=question)
        return
    progress = _PROGRESS.search(flat.text)
    if progress is not None:
        yield from _progress(document, flat, tokens, progress)
        return
    row = _ROW_COUNT.search(flat.text)
    if summary and row is not None:
        yield from _summary_row(document, flat, tokens)
        return
    bare = re.sub(r"torch\.Size|tensor|array|None|[\[\](),\s\d._\u00d7x-]", "", flat.text)
    if bare:
        return  # words around the numbers, not a printed value
    arguments = _arguments(printed)
    for index, token in enumerate(tokens):
        label = arguments[index] if len(arguments) == len(tokens) else printed
        kind = lexicon.kind_of(label)
        if kind in (Kind.OTHER, Kind.UNKNOWN) and len(tokens) > 1 and len(arguments) == 1:
            kind = Kind.OUTPUT_SIZE
        found_value = relations.Found(token.start, token.end, token.value, None, kind)
        yield placed(document, flat, found_value, Surface.PRINTED, label, question)


def _summary_row(document: LintDocument, flat: Flat, tokens: list[Token]) -> Iterator[Claim]:
    """A row of a model summary: its output shape's sizes and its parameter count."""
    count = tokens[-1]
    shape = _SUMMARY_SHAPE.search(flat.text)
    if shape is not None:
        for token in tokens:
            if shape.start() <= token.start and token.end <= shape.end():
                size = relations.Found(token.start, token.end, token.value, None, Kind.OUTPUT_SIZE)
                yield placed(document, flat, size, Surface.PRINTED, "Output Shape")
    found = relations.Found(count.start, count.end, count.value, None, Kind.PARAMETERS)
    yield placed(document, flat, found, Surface.PRINTED, "Param #")


def _arguments(printed: str | None) -> list[str]:
    """A print's arguments split at their top-level commas."""
    if not printed:
        return []
    parts, depth, current = [], 0, ""
    for char in printed:
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [part for part in parts if part]
