"""Keras/TensorFlow names written in prose and inline code (AG123, AG125), not in code blocks.

A note that tells the learner to call ``tf.Session()`` or to import ``keras.layers.merge`` is
as wrong as code that does. Inline code spans are parsed as Python and checked like a code
block (``model.fit_generator()`` too); plain prose is searched for dotted ``tf.``/``keras.``/
``tensorflow.`` names. A paragraph that talks about the old API as old (removed, deprecated,
replaced, TF 1, Keras 2, legacy, "instead of", "no longer", …) is not checked: explaining
what changed is the point of such a card.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.diagnostics import Fix
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rules.python.apis import (
    UNKNOWN,
    curated,
    default_aliases,
    removed_apis,
    removed_method,
    unknown_message,
    unknown_prefix,
)
from ankigen.lint.rules.python.parse import Parsed, parse
from ankigen.lint.rules.python.problem import REMOVED, Problem

_CODE_SPAN = re.compile(r"(?<!`)(?P<tick>`+)(?!`)(?P<code>[^\n]+?)(?<!`)(?P=tick)(?!`)")
_PROSE_NAME = re.compile(
    r"(?<![\w./\\~-])(?:tf|keras|tensorflow)(?:\.[A-Za-z_]\w*)+(?![\w/\\-]|\.[A-Za-z_])"
)
_PROSE_METHOD = re.compile(r"(?<![\w.])[A-Za-z_]\w*\.(?P<method>[A-Za-z_]\w*)\(")
# Endings that make a dotted word a file or a web address, not an attribute path.
_NOT_ATTRIBUTE = frozenset(
    {"com", "org", "io", "net", "dev", "ai", "js", "json", "py", "h5", "hdf5", "keras", "txt"}
    | {"md", "yaml", "yml", "cfg", "toml", "csv", "pb", "tflite", "ckpt", "html", "ipynb", "zip"}
    | {"idf"}
)
# Words that show a paragraph is about the old API as old, so naming it is not advice.
_ABOUT_THE_PAST = re.compile(
    r"\b(?:remov|deprecat|replac|renam|legacy|obsolete|outdated|migrat|upgrad|retir|sunset"
    r"|supersed|histor|compat|earlier|previous|former|original|discontinu|eliminat)"
    r"|\b(?:before|prior to|until|up to) (?:tf|tensorflow|keras|version|v?\d)"
    r"|\b(?:dropped|gone|old|older|used to|had to|no longer|anymore|no more|in the past"
    r"|phased out|instead|rather than"
    r"|was|were|never|not|don't|doesn't|avoid|v1|tf ?1|tensorflow ?1(?:\.x)?|keras ?[12])\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    code: str  # AG123 or AG125
    finding: Finding


def mention_findings(document: LintDocument, code: str) -> Iterator[Finding]:
    """The findings of one code (AG123 or AG125) on names in the note's prose."""
    mentions = document.memo("python-api-mentions", lambda: tuple(_mentions(document)))
    return (mention.finding for mention in mentions if mention.code == code)


def _mentions(document: LintDocument) -> Iterator[Mention]:
    fenced = _fenced_spans(document)
    spans: list[tuple[int, int]] = []
    text = document.text
    for match in _CODE_SPAN.finditer(text, document.body_offset):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        spans.append(match.span())
        if not _about_the_past(document, match.start()):
            yield from _span_mentions(match.group("code"), match.start("code"))
    for match in _PROSE_NAME.finditer(document.prose, document.body_offset):
        if any(start <= match.start() < end for start, end in spans):
            continue
        if _is_attribute_path(match.group()) and not _about_the_past(document, match.start()):
            yield from _name_mention(match.group(), match.start())
    for match in _PROSE_METHOD.finditer(document.prose, document.body_offset):
        api = removed_method(match.group("method"))
        if api is not None and not _about_the_past(document, match.start()):
            start, end = match.span("method")
            yield Mention(REMOVED, Finding(start, end, api.message(f".{api.key}()")))


def _fenced_spans(document: LintDocument) -> list[tuple[int, int]]:
    spans = []
    for block in document.code_blocks:
        start = document.offset_of_line(block.first_line)
        end = document.offset_of_line(block.first_line + block.code.count("\n"))
        spans.append((start, end))
    return spans


def _about_the_past(document: LintDocument, offset: int) -> bool:
    """Whether the paragraph (or heading) around ``offset`` speaks of the API as old."""
    text = document.text
    start = text.rfind("\n\n", document.body_offset, offset)
    end = text.find("\n\n", offset)
    paragraph = text[start + 1 if start >= 0 else document.body_offset : end if end >= 0 else None]
    line_start = text.rfind("\n", 0, offset) + 1
    if text.startswith("#", line_start):  # a question is read with the answer it asks for
        paragraph = document.body
    return _ABOUT_THE_PAST.search(paragraph) is not None


def _is_attribute_path(name: str) -> bool:
    return name.rsplit(".", 1)[-1].lower() not in _NOT_ATTRIBUTE


def _plural_of_known(qualified: str) -> bool:
    """'tf.Tensors' and 'tf.Examples' in a sentence are plurals of real names."""
    return qualified.endswith("s") and unknown_prefix(qualified[:-1]) is None


def _span_mentions(code: str, offset: int) -> Iterator[Mention]:
    """Inline code that parses as Python is checked like a code block; else its names."""
    stripped = code.strip()
    lead = len(code) - len(code.lstrip())
    tree = parse(stripped)
    if not isinstance(tree, ast.Module):
        for match in _PROSE_NAME.finditer(code):
            if _is_attribute_path(match.group()):
                yield from _name_mention(match.group(), offset + match.start())
        return
    parsed = Parsed(tree, (stripped,))
    for problem in removed_apis(parsed, default_aliases()):
        if " is deprecated in " not in problem.message:  # prose may name what still runs
            yield _mention(problem, offset + lead)


def _mention(problem: Problem, offset: int) -> Mention:
    start, end = offset + problem.col, offset + problem.end_col
    fix = Fix(start, end, problem.fix) if problem.fix is not None else None
    return Mention(problem.code, Finding(start, end, problem.message, fix))


def _name_mention(name: str, offset: int) -> Iterator[Mention]:
    qualified = re.sub(r"^tf\.", "tensorflow.", name)
    api = curated(qualified)
    if api is not None and api.status == "deprecated":
        return
    if api is not None:
        finding = Finding(offset, offset + len(name), api.message(name))
        yield Mention(REMOVED, finding)
        return
    found = unknown_prefix(qualified)
    if found is not None and not _plural_of_known(qualified):
        prefix, unknown = found
        text = ".".join(name.split(".")[: unknown.index + 1])
        finding = Finding(offset, offset + len(text), unknown_message(text, prefix, unknown))
        yield Mention(UNKNOWN, finding)
