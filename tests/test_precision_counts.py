"""Correct notes that AG101 and AG104 once read wrongly (issue #12), and wrong versions of them
that must stay caught.

AG101: a relation after a bracket that holds a whole equation ("(64 / 8 = 8), i.e. 64
patches") restates the quantity before the bracket, not the bracket's result.
AG104: a count in a sentence about one part of an attention layer ("each a 256 x 256 matrix"),
or one the note goes on to multiply, is no count of the whole layer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rule_harness import FixtureNote, lint_rule, write_notes

TIMES = "\N{MULTIPLICATION SIGN}"

CORRECT = [
    pytest.param(
        "AG101",
        "# How many positions does the map have?\n\n"
        "A stride of 2 halves it to a 32 x 32 map (64 / 2 = 32), which is 1,024 positions.\n",
        id="AG101-which-is-after-bracket",
    ),
    pytest.param(
        "AG101",
        "# How many patches does the clip give?\n\n"
        "The clip is split into an 8 x 8 grid of patches (64 / 8 = 8), i.e. 64 patches, and\n"
        "one summary token is added: 65 tokens.\n",
        id="AG101-ie-after-bracket",
    ),
    pytest.param(
        "AG104",
        "# How many weights does a multi-head attention layer with d_model = 256 have?\n\n"
        f"The query, key, value and output projections are each a 256 {TIMES} 256 matrix with\n"
        f"a 256-entry bias: 65,536 + 256 = 65,792 parameters. Four of them give\n"
        f"4 {TIMES} 65,792 = 263,168 parameters.\n",
        id="AG104-are-each-projection",
    ),
    pytest.param(
        "AG104",
        "# Parameters of multi-head attention with d_model = 128\n\n"
        "One projection matrix holds 128 x 128 weights plus 128 biases, so 16,512 parameters;\n"
        "the query, key, value and output projections together come to 66,048 parameters.\n",
        id="AG104-one-projection",
    ),
]

WRONG = [
    pytest.param(
        "AG101",
        "# How many patches does the clip give?\n\n"
        "The clip is split into an 8 x 8 grid of patches (64 / 8 = 9), i.e. 64 patches.\n",
        "64 / 8 = 8, not 9",
        id="AG101-wrong-inside-bracket",
    ),
    pytest.param(
        "AG104",
        "# How many weights?\n\n"
        "A multi-head attention layer with d_model = 256 has 65,792 parameters.\n",
        "not 65,792",
        id="AG104-part-count-as-whole",
    ),
    pytest.param(
        "AG104",
        "# Parameters of multi-head attention with d_model = 128\n\n"
        "One projection matrix holds 128 x 128 weights plus 128 biases, so 16,512 parameters;\n"
        "the query, key, value and output projections together come to 16,512 parameters.\n",
        "not 16,512",
        id="AG104-wrong-whole-after-part",
    ),
]


def _messages(tmp_path: Path, code: str, body: str) -> list[str]:
    write_notes(tmp_path, [FixtureNote("note", body)])
    return [diagnostic.message for diagnostic in lint_rule(tmp_path, code)]


@pytest.mark.parametrize(("code", "body"), CORRECT)
def test_correct_note_has_no_finding(tmp_path: Path, code: str, body: str) -> None:
    assert _messages(tmp_path, code, body) == []


@pytest.mark.parametrize(("code", "body", "expected"), WRONG)
def test_wrong_version_is_caught(tmp_path: Path, code: str, body: str, expected: str) -> None:
    messages = _messages(tmp_path, code, body)
    assert len(messages) == 1, messages
    assert expected in messages[0]
