"""Digits that read as a huge power of ten never stall the linter.

A commit hash such as ``41e523325666`` matches the written form of a number in scientific
notation; computing 41 x 10^523325666 exactly never ends, so a note that quoted one hung
``ankigen lint`` and ``ankigen build`` (found in session 20 on a note whose id was such a
hash). A written exponent beyond ``numbers.MAX_EXPONENT`` is no number.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from ankigen.lint.numbers import MAX_DIGITS, MAX_EXPONENT, find_numbers, parse_number
from tests.rule_harness import FixtureNote, lint_in_subprocess, write_notes


def test_an_exponent_past_the_bound_is_no_number() -> None:
    assert parse_number("41e523325666") is None
    assert parse_number(f"1e{MAX_EXPONENT + 1}") is None
    assert parse_number(f"1e-{MAX_EXPONENT + 1}") is None
    parsed = parse_number(f"2.5e{MAX_EXPONENT}")
    assert parsed is not None and parsed.value == Fraction(25, 10) * 10**MAX_EXPONENT
    assert [n.value for n in find_numbers("a batch of 3e2 samples")] == [300]
    # past MAX_DIGITS a run of digits is a digest, which int() would refuse past 4,300
    assert parse_number("7" * (MAX_DIGITS + 1)) is None
    assert parse_number("7" * MAX_DIGITS) is not None


HUGE = {
    "commit": "# Which commit changed the loader?\n\nCommit 41e523325666 changed it: 3 + 4 = 7.\n",
    "log-power": "# A logarithm\n\n$\\log_2(2^{99999999}) = 99999999$\n",
    "overflow": (
        "# Too big\n\nThe literal 1e999999999 is no finite float; neither is "
        "3 \N{MULTIPLICATION SIGN} 10^999999.\n"
    ),
    "steps": (
        "# How many steps?\n\nRun 41e523325666 trains on 10,000 images with a batch of 200, "
        "so an epoch is 40 steps.\n"
    ),
}


@pytest.mark.parametrize("name", sorted(HUGE))
def test_a_note_with_a_huge_power_is_linted(tmp_path: Path, name: str) -> None:
    write_notes(tmp_path, [FixtureNote(name, HUGE[name])])
    # a hang is the failure: the lint of one short note takes well under a second of work,
    # and the timeout is only there to turn a hang into a failed test
    result = lint_in_subprocess(tmp_path)
    assert "Traceback" not in result.stderr
    if name == "steps":  # the note's other numbers are still read and judged
        assert "AG102" in result.stdout, result.stdout
    else:
        assert result.returncode == 0, result.stdout + result.stderr
