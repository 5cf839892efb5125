"""How the wording around a stated count or size shapes the claim (issue #12), for AG103 and
AG104 (``ankigen.lint.claims.wording``). Hedged and bounded claims are judged by
what their wording allows ("about 700" for 650 is right, "roughly 7,000" wrong; "fewer than
1,000" is a bound); hypothetical, negated and compared claims belong to another scenario or are
differences, and are left alone unless their own sentence states the scenario's settings.
Every note is written in the project's own words: the correct ones must get no finding, the
near misses must still be reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint.claims.wording import (
    ABOUT,
    ABOVE,
    AT_LEAST,
    AT_MOST,
    BELOW,
    EXACT,
    NEAR_BELOW,
    ORDER,
    SILENT,
    fits,
    precision,
    wording,
)
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, write_notes

CODES = ["AG101", "AG103", "AG104"]

# Hedged or bounded claims that the layer's sizes bear out.
HEDGED = [
    "A `Dense(10)` on 64 features has roughly 700 parameters.",
    "A `Dense(10)` on 64 features has fewer than 1,000 parameters.",
    "A `Dense(10)` on 64 features has at most 1,000 parameters.",
    "A dense layer with 64 inputs and 10 units holds about 700 trainable parameters.",
    "A dense layer with 64 inputs and 10 units has around 0.7k parameters.",
    "A dense layer with 64 inputs and 10 units has ~650 parameters.",
    "A dense layer with 64 inputs and 10 units has more than 600 parameters.",
    "A dense layer with 64 inputs and 10 units has at least 640 parameters.",
    "A dense layer with 64 inputs and 10 units has under 1,000 parameters.",
    "A dense layer with 64 inputs and 10 units has up to 650 parameters.",
    "A dense layer with 64 inputs and 10 units has just over 600 parameters.",
    "A dense layer with 128 inputs and 64 units has nearly 8,300 parameters.",
    "A dense layer with 128 inputs and 64 units has almost 8,300 parameters.",
    "A dense layer with 128 inputs and 64 units has approximately 8.3k parameters.",
    "A dense layer with 128 inputs and 64 units has some 8,000 parameters.",
    "A dense layer with 128 inputs and 64 units has over 8,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has roughly 74,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has about 74k parameters.",
    "A 3x3 convolution from 64 to 128 channels has under 100,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has just under 74,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has on the order of 70,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has up to 80,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has at least 70,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has ≈ 73,900 parameters.",
    "A 3x3 convolution from 256 to 512 channels has about 1.2 million parameters.",
    "A 3x3 convolution from 256 to 512 channels has ~1.2M parameters.",
    "A 3x3 convolution from 128 to 256 channels has ~0.3M parameters.",
    "A 3x3 convolution from 64 to 128 channels has 74,000 parameters or so.",
    "A dense layer with 64 inputs and 10 units has 1,000 parameters at most.",
    (
        "A 3x3 convolution from 64 to 128 channels has a few thousand parameters short of "
        "80,000, i.e. fewer than 80,000 parameters."
    ),
    "A 3x3 convolution with stride 1 and no padding on a 32x32 input gives roughly a 30x30 output.",
    (
        "A 3x3 convolution with stride 1 and no padding on a 32x32 input gives an output of "
        "about 30x30."
    ),
    (
        "A 3x3 convolution with stride 1 and no padding on a 32x32 input gives an output of "
        "at most 32x32."
    ),
    (
        "A 3x3 convolution with stride 1 and no padding on a 32x32 input gives an output "
        "smaller than 32x32."
    ),
]

# Hypothetical, counterfactual or negated claims: another scenario, or the value denied.
HYPOTHETICAL = [
    "Without bias, a dense layer with 64 inputs and 10 units would have 640 parameters.",
    "A dense layer with 64 inputs and 10 units has 650 parameters, not 700.",
    "A dense layer with 64 inputs and 10 units has 650 parameters rather than 640.",
    "A 5x5 convolution from 64 to 128 channels would have 204,928 parameters instead of 73,856.",
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters; if it had 20 units it "
        "would have 1,300 parameters."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters; with 20 units it would"
        " have 1,300."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters, instead of the 700 "
        "parameters people often guess."
    ),
    "A dense layer with 64 inputs and 10 units does not have 700 parameters: it has 650.",
    "A dense layer with 64 inputs and 10 units isn't 700 parameters but 650 parameters.",
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters as opposed to 640 "
        "parameters without bias."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters; dropping the bias "
        "would leave 640 parameters."
    ),
    (
        "A dense layer with 128 inputs and 64 units has 8,256 parameters; a `Dense(32)` "
        "instead would have 4,128 parameters."
    ),
    (
        "A 3x3 convolution from 64 to 128 channels has 73,856 parameters, versus 204,928 "
        "parameters for a 5x5 kernel."
    ),
    (
        "A 3x3 convolution from 64 to 128 channels has 73,856 parameters; were it 5x5, it "
        "would have 204,928 parameters."
    ),
    (
        "A 3x3 convolution from 64 to 128 channels has 73,856 parameters, not 73,728: each "
        "filter has a bias."
    ),
    (
        "A 3x3 convolution from 64 to 128 channels could have 73,728 parameters if the bias "
        "is dropped."
    ),
    (
        "A 3x3 convolution from 64 to 128 channels has 73,856 parameters, compared with "
        "73,728 parameters without biases."
    ),
    "Suppose a dense layer had 64 inputs and 20 units: it would hold 1,300 parameters.",
    "A dense layer with 64 inputs and 10 units has 650 parameters, never 6,500.",
    "Had the dense layer with 64 inputs used 100 units, it would have 6,500 parameters.",
    (
        "A 3x3 convolution with stride 1 and no padding on a 32x32 input gives a 30x30 "
        "output, not 32x32."
    ),
    (
        "With padding 1, a 3x3 convolution with stride 1 on a 32x32 input would give 32x32 "
        "instead of 30x30."
    ),
    (
        "A 5x5 convolution with stride 1 and no padding on a 32x32 input gives a 28x28 "
        "output; a 3x3 one would give 30x30."
    ),
]

# Compared claims: differences, ratios and the other side of a comparison.
COMPARED = [
    "A dense layer with 64 inputs and 10 units has 650 parameters, 10 more than without bias.",
    (
        "A dense layer with 64 inputs and 20 units has twice as many weights as one with 10 "
        "units: 1,280 weights against 640."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters, which is 10 more "
        "parameters than the bias-free version."
    ),
    "A 3x3 convolution from 64 to 128 channels has 73,856 parameters, 128 more than without bias.",
    (
        "A 5x5 convolution from 64 to 128 channels has about 2.8 times as many parameters as "
        "a 3x3 one, 204,928 parameters."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters, about 40 fewer "
        "parameters than a `Dense(11)` would need."
    ),
    (
        "A dense layer with 128 inputs and 64 units has 8,256 parameters; doubling the units "
        "adds 8,256 parameters."
    ),
    (
        "A dense layer with 128 inputs and 64 units has 8,256 parameters, 4,128 more than a "
        "`Dense(32)` on the same input."
    ),
    "Going from 10 to 20 units in a dense layer with 64 inputs adds 650 parameters.",
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters: the bias adds 10 "
        "parameters to the 640 weights."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters; removing the bias "
        "saves 10 parameters."
    ),
    (
        "A 3x3 convolution from 64 to 128 channels has 73,856 parameters, 9 times fewer "
        "parameters than a dense layer would need."
    ),
    (
        "A 1x1 convolution from 64 to 128 channels has 8,320 parameters, roughly 9x fewer "
        "than a 3x3 one."
    ),
    "A dense layer with 64 inputs and 10 units has 650 parameters, half as many as a `Dense(20)`.",
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters; a second `Dense(10)` "
        "on its output adds another 110 parameters."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters, 640 fewer than a "
        "`Dense(20)` on the same input."
    ),
    (
        "A 3x3 convolution from 64 to 128 channels has 73,856 parameters; a 5x5 kernel has "
        "131,072 more parameters than that."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters, a tenth of the 6,500 "
        "parameters of a `Dense(100)`."
    ),
    (
        "A 1x1 convolution from 64 to 128 channels has 8,320 parameters, compared with 73,856"
        " parameters for a 3x3 kernel."
    ),
    (
        "A dense layer with 128 inputs and 64 units has 8,256 parameters, 64 more parameters "
        "than the 8,192 weights alone."
    ),
    (
        "A dense layer with 64 inputs and 10 units has 650 parameters, unlike a `Dense(20)`, "
        "which has 1,300 parameters."
    ),
]

# Near misses that stay wrong whatever the wording: each must be reported on its line.
WRONG = [
    "A `Dense(10)` on 64 features has roughly 7,000 parameters.",
    "A `Dense(10)` on 64 features has more than 1,000 parameters.",
    "A dense layer with 64 inputs and 10 units has fewer than 600 parameters.",
    "A dense layer with 64 inputs and 10 units has at least 700 parameters.",
    "A dense layer with 64 inputs and 10 units has about 6,500 parameters.",
    "A dense layer with 128 inputs and 64 units has about 82,560 parameters.",
    "A 3x3 convolution from 64 to 128 channels has roughly 740,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has under 50,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has about 7.4k parameters.",
    "A 3x3 convolution from 64 to 128 channels has over 100,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has 73,865 parameters.",
    "A dense layer with 64 inputs and 10 units has 560 parameters.",
    "Without bias, a dense layer with 64 inputs and 10 units would have 650 parameters.",
    "A dense layer with 64 inputs and 10 units has just under 600 parameters.",
    "A 3x3 convolution from 64 to 128 channels has nearly 70,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has up to 70,000 parameters.",
    "A 3x3 convolution from 64 to 128 channels has ~0.8M parameters.",
    "A 3x3 convolution from 256 to 512 channels has about 1.5 million parameters.",
    (
        "A dense layer with 128 inputs and 64 units has 8,256 parameters; a `Dense(32)` on "
        "the same input has 4,160 parameters."
    ),
    "A 3x3 convolution with stride 1 and no padding on a 32x32 input gives a 32x32 output.",
    (
        "With padding 1 on each side, a 3x3 convolution with stride 1 on a 32x32 input would "
        "give 30x30."
    ),
]


def _lint(root: Path, bodies: list[str]) -> dict[str, list[str]]:
    notes = [
        FixtureNote(f"n{i:03d}", f"# Layer sizes\n\n{body}\n") for i, body in enumerate(bodies)
    ]
    write_notes(root, notes)
    result = check([root / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    config = LintConfig.model_validate({"select": CODES})
    found: dict[str, list[str]] = {note.id: [] for note in notes}
    for diagnostic in run_rules(documents_of(result), config):
        found[Path(diagnostic.path).stem].append(f"{diagnostic.code} line {diagnostic.line}")
    return found


@pytest.mark.parametrize(
    "bodies", [HEDGED, HYPOTHETICAL, COMPARED], ids=["hedged", "hypothetical", "compared"]
)
def test_correct_claims_get_no_finding(tmp_path: Path, bodies: list[str]) -> None:
    assert len(bodies) >= 20
    found = _lint(tmp_path, bodies)
    noisy = {bodies[int(key[1:])]: value for key, value in found.items() if value}
    assert noisy == {}


def test_near_misses_are_still_reported(tmp_path: Path) -> None:
    found = _lint(tmp_path, WRONG)
    missed = [body for index, body in enumerate(WRONG) if not found[f"n{index:03d}"]]
    assert missed == []
    # on the claim's own line: the body starts on the note's line 7 (front matter, heading)
    assert all(lines == [lines[0]] and lines[0].endswith("line 7") for lines in found.values())


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("It has 650 parameters.", "650", EXACT),
        ("It has about 700 parameters.", "700", ABOUT),
        ("It gives roughly a 30x30 output.", "30x30", ABOUT),
        ("It has ~0.8M parameters.", "0.8M", ABOUT),
        ("It has 700 parameters or so.", "700", ABOUT),
        ("It has nearly 700 parameters.", "700", NEAR_BELOW),
        ("It has on the order of 700 parameters.", "700", ORDER),
        ("It has fewer than 700 parameters.", "700", BELOW),
        ("It has at most 700 parameters.", "700", AT_MOST),
        ("It has 700 parameters at most.", "700", AT_MOST),
        ("It has more than 700 parameters.", "700", ABOVE),
        ("It has at least 700 parameters.", "700", AT_LEAST),
        ("It has 650 parameters, not 700.", "700", SILENT),
        ("It has 650 parameters rather than 700.", "700", SILENT),
        ("It would have 700 parameters.", "700", SILENT),
        ("It has twice as many as 700.", "700", SILENT),
        ("It has 700 more parameters than the first layer.", "700", SILENT),
        ("The kernel slides over 700 positions.", "700", EXACT),
        ("A 3x3 convolution with stride 2 takes 32x32 -> 16x16.", "16x16", EXACT),
        ("It has 700 parameters, 10 more than without bias.", "700", SILENT),
        ("It has 64 parameters, half of them trainable.", "64", EXACT),
        ("With padding 1 it would give 32x32.", "32x32", EXACT),
    ],
)
def test_wording_kinds(text: str, number: str, kind: str) -> None:
    start = text.index(number)
    assert wording(text, start, start + len(number)).kind == kind


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("700", (700, 100)),
        ("650", (650, 10)),
        ("73,856", (73856, 1)),
        ("74k", (74000, 1000)),
        ("0.8M", (800000, 100000)),
        ("1.2 million", (1200000, 100000)),
        ("8.3k", (8300, 100)),
    ],
)
def test_precision_of_the_digits(text: str, stated: tuple[int, int]) -> None:
    assert precision(text) == stated


def test_what_each_wording_allows() -> None:
    assert fits(ABOUT, 700, 100, 650) and not fits(ABOUT, 7000, 1000, 650)
    assert fits(ABOUT, 112, 1, 111) and not fits(ABOUT, 112, 1, 110)
    assert fits(NEAR_BELOW, 74000, 1000, 73856) and not fits(NEAR_BELOW, 70000, 10000, 73856)
    assert fits(BELOW, 1000, 1000, 650) and not fits(BELOW, 600, 100, 650)
    assert fits(AT_MOST, 650, 10, 650) and not fits(BELOW, 650, 10, 650)
    assert fits(AT_LEAST, 640, 10, 650) and not fits(ABOVE, 1000, 1000, 650)
    assert fits(ORDER, 70000, 10000, 73856) and not fits(ORDER, 700000, 100000, 73856)
