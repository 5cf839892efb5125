"""Notes shaped to stress the readers are linted whole: no reader crashes, none goes quadratic.

Two shapes found in session 21 (see docs/performance.md "Session 21"):
- brackets, ``\\left(``, ``\\frac{`` or floor signs nested hundreds deep made AG103's worked-step
  parser recurse past Python's stack, so AG103 reported "could not check this note";
- a sentence of hundreds of sizes (an arrow chain "5000 → 4998 → …") made AG103 look for the
  quantities of the sentence once per size, so its time grew with the square of the chain
  (2,000 sizes: 111 s of AG103 alone before, 22 s after).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ankigen.lint.rules.layers.layer_statements as layer_statements
from ankigen.lint.document import Finding
from ankigen.lint.registry import RULES_BY_CODE
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, lint_in_subprocess, write_notes

DEPTH = 500
DEEP = {
    "prose": (
        "# What is the output size of a 3x3 conv on a 32x32 input?\n\n"
        + "(" * DEPTH
        + "32 - 3 + 1"
        + ")" * DEPTH
        + " = 30\n"
    ),
    "math": (
        "# How many steps per epoch?\n\n$$"
        + "\\left(" * DEPTH
        + "10000 / 200"
        + "\\right)" * DEPTH
        + " = 50$$\n"
    ),
    "fraction": "# A fraction\n\n$$" + "\\frac{" * DEPTH + "1" + "}{2}" * DEPTH + " = 0$$\n",
    "floor": (
        "# Output length?\n\nThe output is "
        + "\N{LEFT FLOOR}" * DEPTH
        + "(100 - 5) / 2"
        + "\N{RIGHT FLOOR}" * DEPTH
        + " + 1 = 48.\n"
    ),
    "brackets": (
        "# How many weights?\n\nThey are "
        + "[" * DEPTH
        + "3 \N{MULTIPLICATION SIGN} 3 \N{MULTIPLICATION SIGN} 64 + 1"
        + "]" * DEPTH
        + " \N{MULTIPLICATION SIGN} 128 = 73,856\n"
    ),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deeply_nested_brackets_are_linted(tmp_path: Path, name: str) -> None:
    write_notes(tmp_path, [FixtureNote(name, DEEP[name])])
    result = lint_in_subprocess(tmp_path)
    assert "Traceback" not in result.stderr
    assert "could not check" not in result.stdout, result.stdout


def _check(root: Path, body: str) -> list[Finding]:
    write_notes(root, [FixtureNote("note", body)])
    (document,) = documents_of(check([root / "content"]))
    return list(RULES_BY_CODE["AG103"].check(document, LintConfig()))


def test_a_worked_step_inside_brackets_is_still_read(tmp_path: Path) -> None:
    """The bound on nesting (64) is far above what a note writes: a slip in a step wrapped in
    sixty brackets is still found."""
    step = "\N{LEFT FLOOR}(100 - 5) / 2\N{RIGHT FLOOR} + 1"
    body = (
        "# What is the output length of a conv with kernel 5, stride 2, no padding, on 100 "
        "samples?\n\nThe output is " + "(" * 60 + step + ")" * 60 + " = 49.\n"
    )
    found = _check(tmp_path, body)
    assert [finding.message.split(":")[0] for finding in found] == [
        "the layer this step works out (kernel 5, stride 2, padding 0) gives 48 from the input "
        "100, not 49"
    ], found


def _chain(sizes: int) -> str:
    chain = " \N{RIGHTWARDS ARROW} ".join(str(5000 - 2 * i) for i in range(sizes))
    return (
        "# What sizes does a stack of 3x3 valid convs produce?\n\n"
        f"Each 3x3 conv with stride 1 and no padding takes two pixels off: {chain}\n"
    )


def test_a_long_arrow_chain_reads_each_scope_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted, not timed: the number of scans of the note for quantities stays the same
    whether the sentence holds 50 or 400 sizes (it was 15 per size)."""
    calls = 0
    real = layer_statements.find  # type: ignore[attr-defined]

    def counting(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(layer_statements, "find", counting)  # the quantities' own finder
    counts = {}
    for sizes in (50, 400):
        layer_statements._found.cache_clear()
        calls = 0
        assert _check(tmp_path / str(sizes), _chain(sizes)) == []  # every step is right
        counts[sizes] = calls
    assert 0 < counts[400] == counts[50], counts


def test_a_slip_in_a_long_arrow_chain_is_still_found(tmp_path: Path) -> None:
    text = _chain(300).replace("4800 \N{RIGHTWARDS ARROW} 4798", "4800 \N{RIGHTWARDS ARROW} 4797")
    found = _check(tmp_path, text)
    assert any("4797" in finding.message for finding in found), found
