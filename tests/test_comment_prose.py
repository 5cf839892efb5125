"""Prose inside code comments (issue #12, round 2): the comment view of a note and the prose
rules that read it (AG131 credits, AG132 figures, AG134 doubled words, AG137 other cards),
each family in several languages and positions, with near misses that are code, not prose.
Also AG136 with an idle Extra, AG131 with salaries as data and AG135 with a sentence that goes
on in the next list item. Each body is one note; a body without a heading gets one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint.document import LintDocument
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, lint_rule, write_notes

_QUESTION = "# How is this done in code?\n\n"


def _note(index: int, body: str) -> FixtureNote:
    text = body if body.startswith("# ") else _QUESTION + body
    return FixtureNote(f"n{index:03d}", text + "\n")


def _reported(tmp_path: Path, code: str, bodies: list[str]) -> list[str]:
    """The bodies (each a note of one deck) on which ``code`` reports something."""
    write_notes(tmp_path, [_note(index, body) for index, body in enumerate(bodies)])
    found = {diagnostic.path.stem for diagnostic in lint_rule(tmp_path, code)}
    return [body for index, body in enumerate(bodies) if f"n{index:03d}" in found]


def _document(tmp_path: Path, body: str) -> LintDocument:
    write_notes(tmp_path, [_note(0, body)])
    (document,) = documents_of(check([tmp_path / "content"]))
    return document


def _comments(tmp_path: Path, body: str) -> list[str]:
    """The comment texts the view keeps, each as its words."""
    document = _document(tmp_path, body)
    view = document.prose_with_comments
    return [" ".join(view[start:end].split()) for start, end in document.comment_spans]


# --- the view ---------------------------------------------------------------------------


def test_comment_view_keeps_sentences_and_drops_code(tmp_path: Path) -> None:
    body = (
        "```python\n"
        "#!/usr/bin/env python\n"
        "# -*- coding: utf-8 -*-\n"
        "import numpy as np  # type: ignore\n"
        "# scale every column to unit variance\n"
        "# x = np.zeros(3)\n"
        "# print(x)\n"
        'label = "# not a comment"  # a trailing note\n'
        "# %%\n"
        "```\n"
    )
    assert _comments(tmp_path, body) == ["scale every column to unit variance", "a trailing note"]


@pytest.mark.parametrize(
    ("fence", "line", "expected"),
    [
        ("sql", "SELECT 1; -- one row back", "one row back"),
        ("js", "let n = 0; // counts the calls", "counts the calls"),
        ("c", "int n; /* counts the calls */", "counts the calls"),
        ("r", "fit <- lm(y ~ x)  # a straight line", "a straight line"),
        ("yaml", "epochs: 10  # passes over the data", "passes over the data"),
        ("bash", "ls -la  # lists hidden files too", "lists hidden files too"),
    ],
)
def test_comment_markers_by_language(tmp_path: Path, fence: str, line: str, expected: str) -> None:
    assert _comments(tmp_path, f"```{fence}\n{line}\n```\n") == [expected]


def test_markdown_and_output_blocks_have_no_comments(tmp_path: Path) -> None:
    body = "```markdown\n# A heading, not a comment\n```\n\n```text\n# plain output\n```\n"
    assert _comments(tmp_path, body) == []


def test_comment_view_keeps_offsets_and_blanks_urls(tmp_path: Path) -> None:
    body = "```python\nx = 1  # see https://example.com for the the rest\n```\n"
    document = _document(tmp_path, body)
    view = document.prose_with_comments
    assert len(view) == len(document.text)
    start = view.index("for the the rest")
    assert document.text[start : start + 16] == "for the the rest"
    assert "example.com" not in view
    assert document.prose == document.prose.replace("the the", "")  # old view unchanged


# --- the families in comments -----------------------------------------------------------

_SHAPES: dict[str, tuple[list[str], list[str]]] = {
    "AG131": (
        [
            "```python\n# Example courtesy of Programiz, find more at programiz.com\nx = 1\n```",
            "```sql\nSELECT 1;  -- Source: W3Schools SQL tutorial\n```",
            "```js\n/* Subscribe to our channel for more tips! */\nconst a = 1;\n```",
        ],
        [
            "```python\n# the source image is resized to 224 x 224 first\nx = 1\n```",
            "```python\n# source = load('raw.csv')\nx = 1\n```",
            "```sql\n-- subscribers per plan\nSELECT plan, COUNT(*) FROM users GROUP BY plan;\n```",
        ],
    ),
    "AG132": (
        [
            "```python\n# sizes taken from the figure above\nw = 3\n```",
            "```r\nplot(x)  # compare with the chart on the left\n```",
            "```cpp\nint a; // see Figure 4 for the layout\n```",
        ],
        [
            "```python\n# draw the figure, then save it\nplt.savefig('out.png')\n```",
            "```python\n# plt.title('diagram above')\nplt.show()\n```",
            "```python\nfig = plt.figure()  # new empty figure\n```",
        ],
    ),
    "AG134": (
        [
            "```python\n# normalise the the inputs\nx = x / 255\n```",
            "```bash\npip install torch  # installs the the CPU build\n```",
            "```sql\n-- count the rows of of each table\nSELECT COUNT(*) FROM t;\n```",
        ],
        [
            "```python\nprint('no no no')  # three words in the string\n```",
            "```python\n# x x x marks a masked token in the output\nx = 1\n```",
            "```python\n# what it is is a lookup table\nx = 1\n```",
        ],
    ),
    "AG137": (
        [
            "```python\n# same optimiser as in the previous card\nopt = make()\n```",
            "```sql\n-- the schema from question 3\nSELECT * FROM t;\n```",
            "```js\nrun(); // explained in the card before this one\n```",
        ],
        [
            "```python\n# keep the previous value when the new one is missing\nx = 1\n```",
            "```python\n# the previous layer's output feeds this one\nx = 1\n```",
            "```python\n# card = deck.draw()\ncard = deck.draw()\n```",
        ],
    ),
}


@pytest.mark.parametrize("code", sorted(_SHAPES))
def test_every_comment_shape_is_reported(tmp_path: Path, code: str) -> None:
    reported, _ = _SHAPES[code]
    assert _reported(tmp_path, code, reported) == reported


@pytest.mark.parametrize("code", sorted(_SHAPES))
def test_comment_near_misses_stay_silent(tmp_path: Path, code: str) -> None:
    _, accepted = _SHAPES[code]
    assert _reported(tmp_path, code, accepted) == []


# --- AG136: an idle Extra, AG131: salaries as data, AG135: a list item that goes on ----------

_POINTER = "# What is the difference between KFold and GroupKFold?\n\n"

IDLE_EXTRA = [
    _POINTER + "Refer to the scikit-learn user guide on cross-validation.\n\n***\n\nAsked in an "
    "interview once.",
    _POINTER + "See the docs.\n\n***\n\nCame up twice in my exam prep.",
    "# Why does dropout help?\n\nWatch the lecture by Hinton.\n\n***\n\nRemember for the quiz.",
]
USEFUL_EXTRA = [
    _POINTER + "See the docs.\n\n***\n\nGroupKFold keeps all rows of one group in the same fold.",
    "# Why does dropout help?\n\nWatch the lecture by Hinton.\n\n***\n\nRandomly silencing "
    "units stops them from co-adapting, much like training an ensemble of thinner networks.",
]


def test_an_idle_extra_does_not_rescue_a_pointer(tmp_path: Path) -> None:
    assert _reported(tmp_path / "idle", "AG136", IDLE_EXTRA) == IDLE_EXTRA
    assert _reported(tmp_path / "useful", "AG136", USEFUL_EXTRA) == []


SALARY_DATA = [
    "# How do you find the average salary per department?\n\nGROUP BY the department and take "
    "the mean of the salary column.",
    "# Which employees earn above the average salary?\n\n```sql\nSELECT name FROM emp WHERE "
    "salary > (SELECT AVG(salary) FROM emp);\n```",
    "# How do you compute the median salary of each team with pandas?\n\n"
    "`frame.groupby('team')['salary'].median()`",
]
SALARY_PITCH = [
    "# What is a data engineer?\n\nSomeone who builds data pipelines. The average salary is "
    "high, so start your career today.",
    "# What does a machine learning engineer do?\n\nShips models. Average salary: 11 LPA.",
]


def test_salaries_as_data_are_no_career_marketing(tmp_path: Path) -> None:
    assert _reported(tmp_path / "data", "AG131", SALARY_DATA) == []
    assert _reported(tmp_path / "pitch", "AG131", SALARY_PITCH) == SALARY_PITCH


ITEMS_GO_ON = [
    "- (1 \u2212 ε) times the loss on the true class, and\n- ε times the mean loss.",
    "1. clip the gradients, or\n2. lower the learning rate.",
    "* split the data first, then\n* fit the scaler on the training part only.",
]
ITEMS_CUT = [
    "- (1 \u2212 ε) times the loss on the true class, and",  # the last item
    "- clip the gradients by the\n- lower the learning rate.",  # an article is no joint
    "- split the data first\n- then fit the scaler on the",
]


def test_a_list_item_may_go_on_in_the_next(tmp_path: Path) -> None:
    assert _reported(tmp_path / "on", "AG135", ITEMS_GO_ON) == []
    assert _reported(tmp_path / "cut", "AG135", ITEMS_CUT) == ITEMS_CUT


def test_comments_in_indented_fences_and_block_comments(tmp_path: Path) -> None:
    body = (
        "- First step:\n\n"
        "  ```python\n"
        "  x = 1  # one per row\n"
        "  ```\n\n"
        "```c\n"
        "/* counts\n"
        "   every call */\n"
        "int n; // the total\n"
        "```\n\n"
        "```bash\n"
        "echo ${#items}  # how many items\n"
        "```\n"
    )
    assert _comments(tmp_path, body) == [
        "one per row",
        "counts",
        "every call",
        "the total",
        "how many items",
    ]
