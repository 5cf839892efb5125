"""AG101 on results restated at another scale or for another quantity (session 31, issue #12).

The last error-level findings on correct number notes (dev batches 45 and 47, sealed 49 and
51) and on other people's documentation came from one family: a result written in a scaled
unit or for another quantity than its calculation, or a calculation that the reading cut
short. Each class has twins in our own words: the correct note is silent, and a really wrong
result of the same shape is still an error.

Each case is (id, body, body line, expected): "silent" (no AG101 finding at any level),
"warning" (one AG101 warning on the line, no error) or "error" (an AG101 error on the line).
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.rule_harness import FixtureNote, graded_findings_by_note

X, M = "\N{MULTIPLICATION SIGN}", "\N{MINUS SIGN}"


def _note(question: str, line: str) -> str:
    return f"# {question}\n\n{line}\n"


CASES: list[tuple[str, str, int, str]] = [
    # A bare scale letter after a result: "G" and "T" are giga and tera as "k" and "M" are.
    (
        "giga-letter-after-rounded-result",
        _note(
            "How many multiply-adds in a 4096-wide layer over 2048 tokens?",
            f"4,096 {X} 4,096 {X} 2,048 = 34,359,738,368 ≈ 34.4 G multiply-adds",
        ),
        3,
        "silent",
    ),
    (
        "giga-letter-after-wrong-result",
        _note(
            "How many multiply-adds in a 4096-wide layer over 2048 tokens?",
            f"4,096 {X} 4,096 {X} 2,048 = 34,359,738,368 ≈ 43.4 G multiply-adds",
        ),
        3,
        "error",
    ),
    (
        "giga-letter-straight-after-calculation",
        _note(
            "Operations?",
            f"4,096 {X} 4,096 {X} 2,048 ≈ 34.4 G multiply-adds",
        ),
        3,
        "silent",
    ),
    (
        "giga-letter-straight-after-wrong-calculation",
        _note(
            "Operations?",
            f"4,096 {X} 4,096 {X} 2,048 ≈ 43.4 G multiply-adds",
        ),
        3,
        "error",
    ),
    (
        "tera-letter-after-power",
        _note("How big is 2^40?", "2^40 = 1,099,511,627,776 ≈ 1.1 T"),
        3,
        "silent",
    ),
    (
        "tera-letter-after-wrong-power",
        _note("How big is 2^40?", "2^40 = 1,099,511,627,776 ≈ 1.3 T"),
        3,
        "error",
    ),
    (
        "power-of-ten-after-result-wrong",
        _note(
            "Tokens seen?",
            f"512 {X} 1,024 {X} 20,000 ≈ 1.5 {X} 10¹⁰ tokens.",
        ),
        3,
        "error",
    ),
    (
        "e-notation-after-result-wrong",
        _note(
            "Tokens seen?",
            f"512 {X} 1,024 {X} 20,000 = 10,485,760,000 ≈ 1.5e10 tokens.",
        ),
        3,
        "error",
    ),
    # A spaced "B" is bytes where the result writes its "B" after a power of ten, or where
    # the note sizes memory; "B" for billions would make the product 10^9 too large.
    (
        "bytes-on-both-sides-of-a-power-of-ten",
        _note(
            "Size of an index?",
            f"20,000,000 {X} 96 {X} 2 B = 3.84 {X} 10⁹ B",
        ),
        3,
        "silent",
    ),
    (
        "bytes-on-both-sides-of-a-power-of-ten-wrong",
        _note(
            "Size of an index?",
            f"20,000,000 {X} 96 {X} 2 B = 4.84 {X} 10⁹ B",
        ),
        3,
        "error",
    ),
    (
        "bytes-in-a-note-about-fp32-memory",
        _note(
            f"Memory of a 50M {X} 128 table in fp32?",
            f"50,000,000 {X} 128 {X} 4 B = 25,600,000,000",
        ),
        3,
        "silent",
    ),
    (
        "bytes-in-a-note-about-fp32-memory-wrong",
        _note(
            f"Memory of a 50M {X} 128 table in fp32?",
            f"50,000,000 {X} 128 {X} 4 B = 27,600,000,000",
        ),
        3,
        "error",
    ),
    (
        "bytes-spaced-in-both-operand-and-result-wrong",
        _note(
            "Activation memory in bfloat16?",
            f"8 {X} 2,048 {X} 4,096 {X} 2 B = 268,435,456 B",
        ),
        3,
        "error",
    ),
    # A count of values named with its number format, restated as the memory it takes.
    (
        "float32-values-restated-in-bytes",
        _note(
            "Optimizer state size?",
            f"Adam keeps two moments: 350,000 {X} 2 = 700,000 float32 values = 2,800,000 bytes.",
        ),
        3,
        "silent",
    ),
    (
        "float32-values-restated-in-bytes-wrong",
        _note(
            "Optimizer state size?",
            f"Adam keeps two moments: 350,000 {X} 2 = 700,000 float32 values = 1,400,000 bytes.",
        ),
        3,
        "error",
    ),
    (
        "fp16-values-restated-in-megabytes",
        _note(
            "Optimizer state size?",
            f"350,000 {X} 2 = 700,000 fp16 values ≈ 1.4 MB.",
        ),
        3,
        "silent",
    ),
    (
        "fp16-values-restated-in-megabytes-wrong",
        _note(
            "Optimizer state size?",
            f"350,000 {X} 2 = 700,000 fp16 values ≈ 2.8 MB.",
        ),
        3,
        "error",
    ),
    # A sum whose terms carry labels goes on past the first label.
    (
        "labelled-headers-subtracted",
        _note(
            "Largest IPv4 TCP payload on Ethernet?",
            f"1,460 bytes = 1,500 {M} 20 bytes IP header {M} 20 bytes TCP header",
        ),
        3,
        "silent",
    ),
    (
        "labelled-headers-subtracted-wrong",
        _note(
            "Largest IPv4 TCP payload on Ethernet?",
            f"1,470 bytes = 1,500 {M} 20 bytes IP header {M} 20 bytes TCP header",
        ),
        3,
        "error",
    ),
    # A sign written against the first number of a calculation is its sign: the reading
    # without it computes another expression ("600 + 750").
    (
        "negative-first-operand-after-colon",
        _note(
            "Upper end of a window at level -600 and half-width 750?", "- upper: -600 + 750 = 150"
        ),
        3,
        "silent",
    ),
    (
        "negative-first-operand-after-colon-wrong",
        _note(
            "Upper end of a window at level -600 and half-width 750?", "- upper: -600 + 750 = 250"
        ),
        3,
        "error",
    ),
    (
        "minus-sign-first-operand-after-word",
        _note("Net change of the score?", f"The net change is {M}3 + 5 = 2 points."),
        3,
        "silent",
    ),
    (
        "minus-sign-first-operand-after-word-wrong",
        _note("Net change of the score?", f"The net change is {M}3 + 5 = 8 points."),
        3,
        "error",
    ),
    # Units written in LaTeX are units: a count of weights restated as memory in the format
    # the line names.
    (
        "latex-text-units-count-as-memory",
        _note(
            "Size of a 3x3 conv from 64 to 128 channels?",
            r"$$3 \cdot 3 \cdot 64 \cdot 128 = 73{,}728 \text{ weights}"
            r" \approx 0.29\ \text{MB (fp32)}$$",
        ),
        3,
        "silent",
    ),
    (
        "latex-text-units-count-as-memory-wrong",
        _note(
            "Size of a 3x3 conv from 64 to 128 channels?",
            r"$$3 \cdot 3 \cdot 64 \cdot 128 = 73{,}728 \text{ weights}"
            r" \approx 0.39\ \text{MB (fp32)}$$",
        ),
        3,
        "error",
    ),
    (
        "count-as-memory-format-after-result",
        _note("Embedding size?", f"30,522 {X} 768 ≈ 23.4M ≈ 89 MiB in fp32."),
        3,
        "silent",
    ),
    (
        "count-as-memory-format-after-result-wrong",
        _note("Embedding size?", f"30,522 {X} 768 ≈ 23.4M ≈ 98 MiB in fp32."),
        3,
        "error",
    ),
    # Volumes and areas in another unit of their kind.
    (
        "cubic-millimetres-as-millilitres",
        _note("Lesion volume?", f"120 voxels {X} 0.8 {X} 0.8 {X} 1.0 mm³ = 76.8 mm³ ≈ 0.077 mL."),
        3,
        "silent",
    ),
    (
        "cubic-millimetres-as-millilitres-wrong",
        _note("Lesion volume?", f"120 voxels {X} 0.8 {X} 0.8 {X} 1.0 mm³ = 76.8 mm³ ≈ 0.77 mL."),
        3,
        "error",
    ),
    # A result in a prefixed unit whose base an operand is counted in.
    (
        "bits-to-kilobits-per-second",
        _note("Bitrate of 16-bit audio at 16 kHz?", f"16,000 Hz {X} 16 bit = 256 kbit/s."),
        3,
        "silent",
    ),
    (
        "bits-to-kilobits-per-second-wrong",
        _note("Bitrate of 16-bit audio at 16 kHz?", f"16,000 Hz {X} 16 bit = 265 kbit/s."),
        3,
        "error",
    ),
    # A unit of time under a head word, shown in another unit of time under the same head.
    (
        "gpu-days-as-gpu-hours",
        _note("Compute budget?", f"256 GPUs {X} 14 days = 3,584 GPU-days ≈ 86k GPU-hours."),
        3,
        "silent",
    ),
    (
        "gpu-days-as-gpu-hours-wrong",
        _note("Compute budget?", f"256 GPUs {X} 14 days = 3,584 GPU-days ≈ 96k GPU-hours."),
        3,
        "error",
    ),
    # An arrow followed by an operator applies it to the value before the arrow.
    (
        "arrow-then-operator-continues",
        _note("Tokens of a ViT at 384 px?", "(384 / 16)² = 576 → + 1 = 577 tokens."),
        3,
        "silent",
    ),
    (
        "arrow-then-operator-continues-wrong",
        _note("Tokens of a ViT at 384 px?", "(384 / 16)² = 576 → + 1 = 578 tokens."),
        3,
        "error",
    ),
    (
        "ascii-arrow-then-times",
        _note("Width after the stage?", f"224 / 2 = 112 -> {X} 2 = 224 channels."),
        3,
        "silent",
    ),
    # A step that states the value, then a result of another kind by an unstated factor
    # (seconds a frame, bytes a weight): no value of the calculation for sure, a warning.
    (
        "frames-restated-as-seconds",
        _note(
            "Frames of a 1 s clip?",
            f"⌊(16,000 {M} 400) / 160⌋ + 1 = 98 frames ≈ 0.98 s of audio.",
        ),
        3,
        "warning",
    ),
    (
        "frames-wrong-before-seconds",
        _note(
            "Frames of a 1 s clip?",
            f"⌊(16,000 {M} 400) / 160⌋ + 1 = 99 frames ≈ 0.98 s of audio.",
        ),
        3,
        "error",
    ),
    (
        "parameters-restated-as-megabytes",
        _note(
            "Size of a 3x3 conv at 256 channels?",
            f"(3 {X} 3 {X} 256 + 1) {X} 256 = 590,080 ≈ 0.59 M ≈ 2.36 MB.",
        ),
        3,
        "warning",
    ),
    # An arrow maps a result to another quantity; a hedge after the arrow changes nothing.
    (
        "arrow-then-hedge-to-seconds",
        _note(
            "Clip length?",
            f"- 8 frames at stride 4: (8 {M} 1) {X} 4 + 1 = 29 frames → ≈ 0.97 s at 30 fps",
        ),
        3,
        "silent",
    ),
    (
        "ascii-arrow-then-tilde-to-seconds",
        _note(
            "Clip length?",
            f"- 32 frames at stride 2: (32 - 1) {X} 2 + 1 = 63 frames -> ~2.5 s at 25 fps",
        ),
        3,
        "silent",
    ),
    (
        "arrow-then-hedge-after-wrong-frames",
        _note(
            "Clip length?",
            f"- 8 frames at stride 4: (8 {M} 1) {X} 4 + 1 = 31 frames → ≈ 0.97 s at 30 fps",
        ),
        3,
        "error",
    ),
]


@cache
def _findings() -> dict[str, list[tuple[int, str, str]]]:
    """(body line, code, severity) of every AG101 finding, per note id."""
    notes = [FixtureNote(name, body) for name, body, _, _ in CASES]
    return {
        name: [(at, code, level) for at, code, level, _ in findings if code == "AG101"]
        for name, findings in graded_findings_by_note(notes).items()
    }


@pytest.mark.parametrize(("name", "body", "line", "expected"), CASES, ids=[c[0] for c in CASES])
def test_restated_result(name: str, body: str, line: int, expected: str) -> None:
    found = _findings()[name]
    if expected == "silent":
        assert found == []
    elif expected == "warning":
        assert [level for at, _, level in found if at == line] == ["warning"], found
    else:
        assert [level for at, _, level in found if at == line] == [expected], found
