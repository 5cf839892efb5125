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
import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.diagnostics import Fix
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.python.apis import (
    UNKNOWN,
    curated,
    default_aliases,
    removed_apis,
    removed_method,
    removed_method_names,
    unknown_message,
    unknown_prefix,
)
from ankigen.lint.rules.python.library_names import (
    BUILTIN_METHODS,
    FRAME_OBJECTS,
    Context,
    library_aliases,
    misspelled_names,
)
from ankigen.lint.rules.python.library_names import find as find_misspelling
from ankigen.lint.rules.python.library_names import message as misspelling_message
from ankigen.lint.rules.python.names import PY2_METHODS
from ankigen.lint.rules.python.parse import Parsed, parse
from ankigen.lint.rules.python.problem import PY2, REMOVED, Problem
from ankigen.lint.rules.python.python2 import apply_rewrites, python2_rewrites, without_overlaps
from ankigen.lint.rules.python.scan import scan_source

_CODE_SPAN = lazy_regex(r"(?<!`)(?P<tick>`+)(?!`)(?P<code>[^\n]+?)(?<!`)(?P=tick)(?!`)")
_PROSE_NAME = lazy_regex(
    r"(?<![\w./\\~-])(?:tf|keras|tensorflow)(?:\.[A-Za-z_]\w*)+(?![\w/\\-]|\.[A-Za-z_])"
)
# A NumPy/pandas/scikit-learn/PyTorch name in prose ("call np.arnage", "nn.CrossEntorpyLoss");
# which roots count depends on the note (``library_aliases``).
_LIBRARY_NAME = lazy_regex(
    r"(?<![\w./\\~-])(?P<root>np|numpy|pd|pandas|sklearn|torch|nn|F|optim|df|s)"
    r"(?P<rest>(?:\.[A-Za-z_]\w*)+)(?P<call>\()?(?![\w/\\-]|\.[A-Za-z_])"
)
# A method written in prose: "model.fit_generator(", "model.predict_classes" or, for a name
# with an underscore (an identifier, never an English word), "predict_classes" alone.
_PROSE_METHOD = lazy_regex(
    r"(?<![\w.])(?:(?P<object>[A-Za-z_]\w*)\.)?(?P<method>[A-Za-z_]\w*)(?P<call>\()?(?!\.\w)"
)
# Endings that make a dotted word a file or a web address, not an attribute path.
_NOT_ATTRIBUTE = frozenset(
    {"com", "org", "io", "net", "dev", "ai", "js", "json", "py", "h5", "hdf5", "keras", "txt"}
    | {"md", "yaml", "yml", "cfg", "toml", "csv", "pb", "tflite", "ckpt", "html", "ipynb", "zip"}
    | {"idf"}
)
# Words that show a paragraph is about the old API as old, so naming it is not advice.
_ABOUT_THE_PAST = GatedPattern(
    r"\b(?:remov|deprecat|replac|renam|legacy|obsolete|outdated|migrat|upgrad|retir|sunset"
    r"|supersed|histor|compat|earlier|previous|former|original|discontinu|eliminat)"
    r"|\b(?:before|prior to|until|up to) (?:tf|tensorflow|keras|version|v?\d)"
    r"|\b(?:dropped|gone|old|older|used to|had to|no longer|anymore|no more|in the past"
    r"|phased out|v1|tf ?1|tensorflow ?1(?:\.x)?|keras ?[12])\b",
    re.IGNORECASE,
)
# Words that mark only their own sentence as about the old API ("don't call X", "X was …"):
# another sentence of the paragraph may well give advice.
_OLD_IN_SENTENCE = lazy_regex(
    r"\b(?:was|were|never|not|don't|doesn't|avoid)\b|n't\b", re.IGNORECASE
)
# "instead of X" / "rather than X": X is the old name; "use Y instead" says nothing of X.
_INSTEAD_OF = GatedPattern(r"\b(?:instead of|rather than)\b", re.IGNORECASE)
_SENTENCE_END = lazy_regex(r"[.!?;](?=\s)|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s")


@dataclass(frozen=True)
class Mention:
    code: str  # AG121, AG123 or AG125
    finding: Finding


def mention_findings(document: LintDocument, code: str) -> Iterator[Finding]:
    """The findings of one code (AG121, AG123 or AG125) in the note's prose and inline code."""
    mentions = document.memo("python-api-mentions", lambda: tuple(_mentions(document)))
    return (mention.finding for mention in mentions if mention.code == code)


def _mentions(document: LintDocument) -> Iterator[Mention]:
    fenced = _Spans(_fenced_spans(document))
    past = _PastIndex(document)
    context = Context.of_text(document.text)
    spans: list[tuple[int, int]] = []
    text = document.text
    python2_talk = _Python2Talk(text)
    for match in _CODE_SPAN.finditer(text, document.body_offset):
        if fenced.holds(match.start()):
            continue
        spans.append(match.span())
        if not past.about_the_past(match.start()):
            python2 = not python2_talk.around(match.start()) and not (
                document.question is not None
                and _PYTHON2_TALK.search(text[document.question[0] : document.question[1]])
            )
            yield from _span_mentions(match.group("code"), match.start("code"), python2)
            yield from _library_span_mentions(match.group("code"), match.start("code"), context)
    code_spans = _Spans(spans)
    for match in _PROSE_NAME.finditer(document.prose, document.body_offset):
        if code_spans.holds(match.start()):
            continue
        if _is_attribute_path(match.group()) and not past.about_the_past(match.start()):
            yield from _name_mention(match.group(), match.start())
    for match in _LIBRARY_NAME.finditer(document.prose, document.body_offset):
        if code_spans.holds(match.start()) or not _is_attribute_path(match.group()):
            continue
        if not past.about_the_past(match.start()):
            yield from _library_name_mention(match, context)
    yield from _method_mentions(document, past)


def _method_mentions(document: LintDocument, past: _PastIndex) -> Iterator[Mention]:
    """Removed methods named in prose, called on an object or not."""
    lowered = document.prose[document.body_offset :].lower()
    if not any(method.lower() in lowered for method in removed_method_names()):
        return  # the usual case: a few substring searches instead of a regex over every word
    for match in _PROSE_METHOD.finditer(document.prose, document.body_offset):
        method = match.group("method")
        api = removed_method(method)
        if api is None or not (match.group("object") or match.group("call") or "_" in method):
            continue
        if not past.about_the_past(match.start()):
            start, end = match.span("method")
            yield Mention(REMOVED, Finding(start, end, api.message(f".{api.key}()")))


def inline_code_spans(document: LintDocument) -> tuple[tuple[int, str], ...]:
    """(file offset, code) of each inline code span outside fenced blocks."""

    def compute() -> tuple[tuple[int, str], ...]:
        fenced = _Spans(_fenced_spans(document))
        return tuple(
            (match.start("code"), match.group("code"))
            for match in _CODE_SPAN.finditer(document.text, document.body_offset)
            if not fenced.holds(match.start())
        )

    return document.memo("inline-code-spans", compute)


class _Spans:
    """Sorted, non-overlapping (start, end) spans, asked whether they hold an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]

    def holds(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._spans[index][1]


def _fenced_spans(document: LintDocument) -> list[tuple[int, int]]:
    spans = []
    for block in document.code_blocks:
        start = document.offset_of_line(block.first_line)
        end = document.offset_of_line(block.first_line + block.code.count("\n"))
        spans.append((start, end))
    return spans


class _PastIndex:
    """Whether the text around an offset speaks of the API as old: its paragraph (or, for a
    heading, the whole note) for clear words, its own sentence for negations, and the words
    before it in its sentence for "instead of".

    Paragraphs, sentence ends and "instead of" are found once per note and looked up by
    bisection, so a long note dense with API names costs linear time, not quadratic.
    """

    def __init__(self, document: LintDocument) -> None:
        self._text = text = document.text
        body = document.body_offset
        self._paragraph_starts = [body] + [
            body + m.start() + 1 for m in re.finditer("(?=\n\n)", text[body:])
        ]
        self._old_paragraph: dict[int, bool] = {}
        self._old_note = _ABOUT_THE_PAST.search(document.body) is not None
        ends = list(_SENTENCE_END.finditer(text, body))
        self._end_starts = [m.start() for m in ends]
        self._end_ends = [m.end() for m in ends]
        self._old_sentence: dict[tuple[int, int], bool] = {}
        self._instead = [m.start() for m in _INSTEAD_OF.finditer(text, body)]
        self._instead_ends = {m.start(): m.end() for m in _INSTEAD_OF.finditer(text, body)}

    def about_the_past(self, offset: int) -> bool:
        text = self._text
        line_start = text.rfind("\n", 0, offset) + 1
        index = bisect.bisect_right(self._paragraph_starts, offset) - 1
        paragraph_start = self._paragraph_starts[max(index, 0)]
        if text.startswith("#", line_start):  # a question is read with the answer it asks for
            if self._old_note:
                return True
        elif self._paragraph_is_old(index):
            return True
        sentence_start, sentence_end = self._sentence(offset, paragraph_start)
        key = (sentence_start, sentence_end)
        if key not in self._old_sentence:
            found = _OLD_IN_SENTENCE.search(text, sentence_start, sentence_end)
            self._old_sentence[key] = found is not None
        if self._old_sentence[key]:
            return True
        first = bisect.bisect_left(self._instead, sentence_start)
        return first < len(self._instead) and self._instead_ends[self._instead[first]] <= offset

    def _paragraph_is_old(self, index: int) -> bool:
        if index not in self._old_paragraph:
            start = self._paragraph_starts[max(index, 0)]
            following = index + 1
            end = (
                self._paragraph_starts[following] - 1
                if following < len(self._paragraph_starts)
                else len(self._text)
            )
            self._old_paragraph[index] = _ABOUT_THE_PAST.search(self._text, start, end) is not None
        return self._old_paragraph[index]

    def _sentence(self, offset: int, paragraph_start: int) -> tuple[int, int]:
        """The sentence around ``offset``: after the last sentence end before it (in its
        paragraph), up to the first sentence end that starts at or after it."""
        before = bisect.bisect_right(self._end_ends, offset) - 1
        start = paragraph_start
        if before >= 0 and self._end_starts[before] >= paragraph_start:
            start = max(start, self._end_ends[before])
        after = bisect.bisect_left(self._end_starts, offset)
        end = self._end_starts[after] if after < len(self._end_starts) else len(self._text)
        return start, end


def _is_attribute_path(name: str) -> bool:
    return name.rsplit(".", 1)[-1].lower() not in _NOT_ATTRIBUTE


def _plural_of_known(qualified: str) -> bool:
    """'tf.Tensors' and 'tf.Examples' in a sentence are plurals of real names."""
    return qualified.endswith("s") and unknown_prefix(qualified[:-1]) is None


# A paragraph that speaks of Python 2, of a change or of a mistake, or that sets
# old and new side by side (`print "x"` → `print("x")`), shows Python 2 code on purpose.
_PYTHON2_TALK = lazy_regex(
    r"\bpython ?2|\bpy2\b|\b2\.[4-7]\b|\b(?:wrong|mistake|incorrect|invalid|error|fails?"
    r"|legacy|old-style|no longer|used to|instead of|replaced|became|chang(?:e|ed|es))\b"
    r"|\u2192|->|=>|\bvs\.?(?=\s)",
    re.IGNORECASE,
)


class _Python2Talk:
    """Whether the paragraph around an offset talks about Python 2 or a change: from the blank
    line before it (the file's start if none) to the blank line after it. Each paragraph is
    searched once, so a long list with no blank line, one paragraph holding every code span,
    costs linear time, not quadratic."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._blank_lines = [m.start() for m in re.finditer("(?=\n\n)", text)]
        self._talks: dict[tuple[int, int], bool] = {}

    def around(self, offset: int) -> bool:
        blank_lines = self._blank_lines
        before = bisect.bisect_right(blank_lines, offset - 2) - 1  # one ending at or before offset
        after = bisect.bisect_left(blank_lines, offset)
        start = blank_lines[before] if before >= 0 else 0
        end = blank_lines[after] if after < len(blank_lines) else len(self._text)
        if (start, end) not in self._talks:
            self._talks[start, end] = _PYTHON2_TALK.search(self._text[start:end]) is not None
        return self._talks[start, end]


def _span_mentions(code: str, offset: int, python2: bool = True) -> Iterator[Mention]:
    """Inline code that parses as Python is checked like a code block; else its names, and
    (``python2``) its Python 2 syntax."""
    stripped = code.strip()
    lead = len(code) - len(code.lstrip())
    # "` ```code``` `" shows Markdown's own backtick runs; Python 2's repr takes single ones.
    python2 = python2 and "``" not in code
    if python2:
        yield from _python2_method_mentions(code, offset)
    tree = parse(stripped)
    if not isinstance(tree, ast.Module):
        if python2:
            yield from _python2_mentions(stripped, offset + lead)
        for match in _PROSE_NAME.finditer(code):
            if _is_attribute_path(match.group()):
                yield from _name_mention(match.group(), offset + match.start())
        return
    parsed = Parsed(tree, (stripped,))
    for problem in removed_apis(parsed, default_aliases()):
        if " is deprecated in " not in problem.message:  # prose may name what still runs
            yield _mention(problem, offset + lead)


# A method only Python 2's dicts and files have, called: `d.iteritems()`, also in a snippet
# that does not parse alone (`for k, v in d.iteritems():`, the header of a loop).
_PYTHON2_METHOD_CALL = lazy_regex(
    rf"(?<=[\w\])])\.(?P<method>{'|'.join(sorted(PY2_METHODS))})(?=\s*\()"
)


def _python2_method_mentions(code: str, offset: int) -> Iterator[Mention]:
    for match in _PYTHON2_METHOD_CALL.finditer(code):
        method = match.group("method")
        start, end = offset + match.start("method"), offset + match.end("method")
        message = f"'.{method}()' is Python 2 only: use {PY2_METHODS[method]} in Python 3"
        yield Mention(PY2, Finding(start, end, message))


def _python2_mentions(code: str, offset: int) -> Iterator[Mention]:
    """Inline code that is Python 2 (`print "hello"`, `except E, e:`): what fails to parse
    only because of Python 2 constructs, and parses once they are rewritten."""
    rewrites = without_overlaps(python2_rewrites(code, scan_source(code)))
    if not rewrites or not isinstance(parse(apply_rewrites(code, rewrites)), ast.Module):
        return
    for rewrite in rewrites:
        start, end = offset + rewrite.start, offset + rewrite.end
        fix = Fix(start, end, rewrite.fix) if rewrite.fix is not None else None
        yield Mention(PY2, Finding(start, end, rewrite.message, fix))


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


def _library_span_mentions(code: str, offset: int, context: Context) -> Iterator[Mention]:
    """Misspelled library names in inline code that parses as Python (AG125)."""
    stripped = code.strip()
    lead = len(code) - len(code.lstrip())
    tree = parse(stripped)
    if not isinstance(tree, ast.Module):  # its names are read as prose
        for match in _LIBRARY_NAME.finditer(code):
            if _is_attribute_path(match.group()):
                yield from _library_name_mention(match, context, offset)
        return
    parsed = Parsed(tree, (stripped,))
    aliases = library_aliases(default_aliases(), context)
    for problem in misspelled_names(parsed, aliases, context):
        yield _mention(problem, offset + lead)


def _library_name_mention(
    match: re.Match[str], context: Context, offset: int = 0
) -> Iterator[Mention]:
    """A misspelled library name written in prose: ``df.``/``s.`` only as a call."""
    root, rest = match.group("root"), match.group("rest")
    frame = FRAME_OBJECTS.get(root)
    if frame is not None:
        single = rest.count(".") == 1 and rest[1:] not in BUILTIN_METHODS
        if not (context.pandas and match.group("call") and single):
            return
        qualified = frame
    else:
        qualified = library_aliases({}, context).get(root, "")
    found = find_misspelling(qualified + rest) if qualified else None
    if found is None:
        return
    _, misspelling = found
    in_root = qualified.count(".") + 1  # parts the root name stands for ('nn': torch.nn)
    parts = f"{root}{rest}".split(".")
    text = ".".join(parts[: misspelling.index - in_root + 2])
    start = offset + match.start()
    finding = Finding(start, start + len(text), misspelling_message(text, misspelling))
    yield Mention(UNKNOWN, finding)
