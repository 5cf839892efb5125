"""False errors found by linting documentation written by others (session 30, issue #12).

Package READMEs and manuals cut into notes (see test_external_text29.py) still gave error-level
findings on correct text. Each class fixed here has its twins in our own words: the correct
look-alike is silent (or only warned about, where the code cannot run as written), and the
real error next to it is still reported as an error.

Each case is (id, body, code, body line, expected): "silent" (no finding of the code at any
level), "warning" (a warning of the code on the line and no error of it) or "error".
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.rule_harness import FixtureNote, graded_findings_by_note


def _py(question: str, *lines: str) -> str:
    return f"# {question}\n\n```python\n" + "\n".join(lines) + "\n```\n"


CASES: list[tuple[str, str, str, int, str]] = [
    # A top-level 'return' of what the excerpt's own top level built ends a body the card
    # leaves out (an endpoint, a factory); one that reads a local of the function above fell
    # out of it.
    (
        "return-of-a-generator-defined-above",
        _py(
            "How does an endpoint stream rows?",
            "from flask import jsonify",
            "",
            "def rows_as_dicts():",
            "    for row in table:",
            "        yield dict(row)",
            "",
            "return jsonify(list(rows_as_dicts()))",
        ),
        "AG120",
        0,
        "silent",
    ),
    (
        "return-of-a-top-level-result",
        _py(
            "How are raw counts turned into weights?",
            "def normalise(values):",
            "    return [v / sum(values) for v in values]",
            "",
            "weights = normalise(raw_counts)",
            "return weights",
        ),
        "AG120",
        0,
        "silent",
    ),
    (
        "return-fell-out-of-the-function",
        _py(
            "How is a mean computed?",
            "def mean(values):",
            "    total = sum(values)",
            "return total / len(values)",
        ),
        "AG120",
        6,
        "error",
    ),
    # A signature listing: headers without a colon or a body, or a call-shaped signature.
    (
        "signature-header-without-colon",
        _py(
            "What does the streaming helper return?",
            "def stream_events(url: str, timeout: float = 5.0) -> Iterator[Event]",
        ),
        "AG120",
        4,
        "warning",
    ),
    (
        "signature-header-over-lines",
        _py(
            "Which arguments does the reader take?",
            "def open_reader(",
            "    path: str,",
            "    *,",
            "    encoding: str = 'utf-8',",
            ") -> Reader",
        ),
        "AG120",
        8,
        "warning",
    ),
    (
        "signature-call-shaped-with-return-type",
        _py(
            "Which methods does the store have?",
            "fetch(key: str, default: int = 0) -> int | None:",
            "store(key: str, value: int) -> None:",
        ),
        "AG120",
        4,
        "warning",
    ),
    (
        "signature-call-with-keyword-only-marker",
        _py(
            "Which options does the formatter accept?",
            "format_name(",
            "    text, upper=False,",
            "    *, separator='_', strip=True,",
            ")",
        ),
        "AG120",
        6,
        "warning",
    ),
    (
        "header-without-colon-before-its-body",
        _py(
            "How is a circle's area computed?",
            "def area(radius)",
            "    return 3.14159 * radius ** 2",
        ),
        "AG120",
        4,
        "error",
    ),
    (
        "header-with-its-body-unindented",
        _py(
            "How is a value kept inside a range?",
            "def clip(value, low, high):",
            "return max(low, min(value, high))",
        ),
        "AG120",
        5,
        "error",
    ),
    # '...' for code left out: a line of dots inside a call, a trailing ', ...' in an
    # import, '…' as a value.
    (
        "elision-lines-inside-a-call",
        _py(
            "Which option makes the trainer stop early?",
            "trainer = Trainer(",
            "    ...",
            "    max_epochs=5,",
            "    early_stopping=True,",
            "    ...",
            ")",
        ),
        "AG120",
        5,
        "warning",
    ),
    (
        "elision-in-an-import",
        _py(
            "Where do the layers come from?",
            "from mypkg.layers import Dense, ...",
            "layer = Dense(8)",
        ),
        "AG120",
        4,
        "warning",
    ),
    (
        "elision-as-a-value",
        _py(
            "Which settings does the parser read?",
            "settings = {",
            "    'strict': True,",
            "    'limits': \u2026,  # described below",
            "}",
        ),
        "AG120",
        6,
        "warning",
    ),
    (
        "placeholder-argument-in-angle-brackets",
        _py(
            "How is a saved adapter loaded?",
            "model = build_model()",
            "model.load_weights(<path-to-checkpoint>, strict=False)",
        ),
        "AG120",
        5,
        "warning",
    ),
    (
        "placeholder-name-in-braces",
        _py("How is any reduction applied?", "y = ops.{REDUCE}(x, axis=0)"),
        "AG120",
        4,
        "warning",
    ),
    (
        "missing-comma-is-still-an-error",
        _py(
            "How is the model compiled?",
            "model.compile(",
            "    optimizer='adam'",
            "    loss='mse',",
            ")",
        ),
        "AG120",
        5,
        "error",
    ),
    (
        "list-missing-comma-is-still-an-error",
        _py("How is a list of sizes written?", "sizes = [16, 32 64]"),
        "AG120",
        4,
        "error",
    ),
    # A notebook's timing report pasted under its '%timeit', and IPython's banner above the
    # first 'In [1]:' prompt, are output, not code.
    (
        "timing-report-under-its-magic",
        _py(
            "Which sum is faster?",
            "import numpy as np",
            "",
            "values = np.ones(1000)",
            "%timeit np.sum(values)",
            "1000 loops, best of 3: 4.1 us per loop",
            "",
            "%timeit values.sum()",
            "2.7 us \u00b1 31 ns per loop (mean \u00b1 std. dev. of 7 runs, 100,000 loops each)",
        ),
        "AG120",
        0,
        "silent",
    ),
    (
        "ipython-banner-before-the-first-prompt",
        _py(
            "How long does a square root take?",
            "Python 3.12.1 (main, Jan  2 2024, 10:00:00) [GCC 12.2.0]",
            "Type 'copyright', 'credits' or 'license' for more information",
            "IPython 8.20.0 -- An enhanced Interactive Python. Type '?' for help.",
            "",
            "In [1]: import math",
            "",
            "In [2]: %timeit math.sqrt(2.0)",
            "41.3 ns \u00b1 0.2 ns per loop (mean \u00b1 std. dev. of 7 runs, 10,000,000 loops)",
        ),
        "AG120",
        0,
        "silent",
    ),
    (
        "slip-under-a-timing-magic-is-still-an-error",
        _py(
            "How is the sum timed?",
            "%timeit total(values)",
            "result = total(values weights)",
        ),
        "AG120",
        5,
        "error",
    ),
    # "Fast API" is V8's name for its fast C++ calls: in a note on V8 it is no misspelling of
    # the Python framework FastAPI.
    (
        "fast-api-in-a-note-on-v8",
        "# What may a fast call not do?\n\n"
        "A Fast API function must not allocate on the heap: V8 calls it without a handle scope.\n",
        "AG110",
        0,
        "silent",
    ),
    (
        "fast-api-for-the-python-framework",
        "# Which framework serves the model?\n\nThe model is served with Fast API and uvicorn.\n",
        "AG110",
        3,
        "error",
    ),
    # A nesting is no doubled pair; nor are two words with inline code between them.
    (
        "nesting-list-of-lists-of-lists",
        "# What does the page parser return?\n\nA list of lists of lists: tables, rows, cells.\n",
        "AG134",
        0,
        "silent",
    ),
    (
        "nesting-gradients-of-gradients",
        "# What can autodiff do?\n\nIt can take gradients of gradients of gradients.\n",
        "AG134",
        0,
        "silent",
    ),
    (
        "pair-split-by-inline-code",
        "# How are two devices named?\n\n"
        "Give a pair, for example `cuda:0,cuda:1` For example, the run uses both.\n",
        "AG134",
        0,
        "silent",
    ),
    (
        "pair-copied-twice",
        "# What does the cache keep?\n\nIt keeps a copy of copy of the array.\n",
        "AG134",
        3,
        "error",
    ),
    (
        "pair-of-function-words-twice",
        "# What is zero at a minimum?\n\nThe gradient of the of the loss is zero.\n",
        "AG134",
        3,
        "error",
    ),
]


@cache
def _findings() -> dict[str, list[tuple[int, str, str, str]]]:
    """(body line, code, severity, message) of every finding, per note id."""
    return graded_findings_by_note([FixtureNote(name, body) for name, body, _, _, _ in CASES])


@pytest.mark.parametrize(
    ("name", "body", "code", "line", "expected"), CASES, ids=[case[0] for case in CASES]
)
def test_external_text_class(name: str, body: str, code: str, line: int, expected: str) -> None:
    found = [finding for finding in _findings()[name] if finding[1] == code]
    if expected == "silent":
        assert found == []
    else:
        assert [level for at, _, level, _ in found if at == line] == [expected], found
