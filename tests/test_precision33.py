"""False error classes of the notes opened in session 33 (issue #12), read as classes.

Each class has correct twins in several notations, written in our own words, and wrong twins
of the same shape that must stay reported. Each case is (id, code, body, body line, expected):
"silent" (no finding of the code at any level), "warning" or "error" (one finding of the code
on the line, at that level).
"""

from __future__ import annotations

import pytest

from tests.rule_harness import (
    FixtureNote,
    findings_by_note,
    graded_cases_test,
)

X, SUP6, SUP9, SUP20 = "\N{MULTIPLICATION SIGN}", "10⁶", "10⁹", "2²⁰"


def _note(question: str, line: str) -> str:
    return f"# {question}\n\n{line}\n"


CASES: list[tuple[str, str, str, int, str]] = [
    # A hedged operand of a product ("x ~110 KB") is a factor, not a size restated by the
    # result after it (a false error of the restatement reader, found by the lead's probes).
    (
        "hedged-operand-tilde",
        "AG101",
        _note("Disk for the image set?", f"1.2M images {X} ~110 KB ≈ 132 GB."),
        3,
        "silent",
    ),
    (
        "hedged-operand-about",
        "AG101",
        _note("Disk for the clips?", "50k clips * about 2 MB = 100 GB"),
        3,
        "silent",
    ),
    (
        "restatement-still-read",
        "AG101",
        _note("How many KiB is the buffer?", "The buffer is 73,728 B ≈ 73.7 KiB."),
        3,
        "error",
    ),
    # A bracket right after a unit that gives the unit's size: which megabyte the author
    # means, not a calculation of the number before it nor a step of the chain after it.
    (
        "gloss-list-superscript",
        "AG101",
        "# Bytes of a (64, 112, 112) fp32 map?\n\n"
        f"64 {X} 112 {X} 112 {X} 4 B = 3,211,264 B\n\n- = 3.21 MB ({SUP6})\n"
        f"- ≈ 3.06 MiB ({SUP20})\n",
        5,
        "silent",
    ),
    (
        "gloss-chain-caret",
        "AG101",
        _note(
            "One hour of 16 kHz 16-bit audio?",
            "3,600 * 16,000 * 2 B = 115,200,000 B ~ 115.2 MB (10^6) ~ 109.86 MiB (2^20)",
        ),
        3,
        "silent",
    ),
    (
        "gloss-with-equals-and-value",
        "AG101",
        _note(
            "SRAM for a 96 x 96 x 8 int8 activation?",
            "96 * 96 * 8 B = 73,728 B = 72 KiB (= 2^10 = 1,024 B each)",
        ),
        3,
        "silent",
    ),
    (
        "gloss-decimal-comma",
        "AG101",
        _note(
            "Speicher einer fp32-Aktivierung?",
            "128 * 100 * 100 * 4 B = 5.120.000 B = 5,12 MB (10^6)",
        ),
        3,
        "silent",
    ),
    (
        "gloss-scale-word",
        "AG101",
        _note(
            "Pairs after the cross join?",
            f"2,000 users {X} 1,500 items = 3,000,000 = 3 million (10^6)",
        ),
        3,
        "silent",
    ),
    (
        "wrong-gloss-not-the-unit-size",
        "AG101",
        _note("Bytes of the map?", f"64 {X} 112 {X} 112 {X} 4 B = 3,211,264 B = 3.21 MB (2^21)"),
        3,
        "error",
    ),
    (
        "wrong-result-before-gloss",
        "AG101",
        _note("Bytes of the map?", f"64 {X} 112 {X} 112 {X} 4 B = 3,211,264 B ≈ 4.21 MB (10^6)"),
        3,
        "error",
    ),
    # Scale words and letters: "trillion", and a scale in TeX upright text.
    (
        "trillion-word",
        "AG101",
        _note("Tokens in the crawl?", f"2.4 billion pages {X} 500 tokens = 1.2 trillion tokens"),
        3,
        "silent",
    ),
    (
        "scale-in-tex-text",
        "AG101",
        _note("Token budget for 13B parameters?", "$D = 25 \\times 13\\text{B} = 325\\text{B}$"),
        3,
        "silent",
    ),
    (
        "scale-in-tex-text-trillion",
        "AG101",
        _note("Token budget for 90B parameters?", "$D = 20 \\times 90\\text{B} = 1.8\\text{T}$"),
        3,
        "silent",
    ),
    (
        "scale-in-tex-mathrm-spaced",
        "AG101",
        _note("Token budget?", "$D = 20 \\times 90\\,\\mathrm{B} = 1.8\\,\\mathrm{T}$ tokens"),
        3,
        "silent",
    ),
    (
        "wrong-trillion-word",
        "AG101",
        _note("Tokens in the crawl?", f"2.4 billion pages {X} 500 tokens = 1.4 trillion tokens"),
        3,
        "error",
    ),
    (
        "wrong-scale-in-tex-text",
        "AG101",
        _note("Token budget for 90B parameters?", "$D = 20 \\times 90\\text{B} = 1.2\\text{T}$"),
        3,
        "error",
    ),
    # A number times a power of ten is one step of a chain, with the unit after the power.
    (
        "power-step-bits-to-bytes",
        "AG101",
        _note(
            "int4 weights of 13B params?",
            f"13 {X} {SUP9} {X} 4 bits = 52 {X} {SUP9} bits = 6.5 {X} {SUP9} B",
        ),
        3,
        "silent",
    ),
    (
        "power-step-caret",
        "AG101",
        _note("int8 weights of 70B params?", "70 x 10^9 x 8 bits = 560 x 10^9 bits = 70 x 10^9 B"),
        3,
        "silent",
    ),
    (
        "wrong-power-step",
        "AG101",
        _note("int4 weights of 13B params?", "13 x 10^9 x 4 bits = 52 x 10^9 bits = 6.2 x 10^9 B"),
        3,
        "error",
    ),
    (
        "wrong-power-operand-in-days",
        "AG101",
        _note("How long is 4 x 10^6 s?", f"4 {X} 10⁶ s ≈ 52 days"),
        3,
        "error",
    ),
    # A size of memory restated in another unit, no operator between (a recall class):
    # binary units are exact, "KB"/"MB"/"GB" either base, each side rounded as written.
    (
        "restated-binary-exact",
        "AG101",
        _note("SRAM for one activation?", "That buffer is 49,152 B = 48 KiB."),
        3,
        "silent",
    ),
    (
        "restated-either-base",
        "AG101",
        _note(
            "Disk for the table?",
            "It takes 12.8 GB ≈ 11.92 GiB, or 1 GB = 1,073,741,824 B read as GiB.",
        ),
        3,
        "silent",
    ),
    (
        "restated-spaced-thousands",
        "AG101",
        _note("One batch in RAM?", "So 3 145 728 B ≈ 3 MiB ≈ 3.15 MB."),
        3,
        "silent",
    ),
    (
        "restated-operand-is-no-size",
        "AG101",
        _note("fp16 weights?", f"6.7e9 {X} 2 B = 13.4 GB"),
        3,
        "silent",
    ),
    (
        "wrong-restated-decimal-as-binary",
        "AG101",
        _note("SRAM for one activation?", "That buffer is 49,152 B = 49.2 KiB."),
        3,
        "error",
    ),
    (
        "wrong-restated-mib",
        "AG101",
        _note("Embedding table in bf16?", "The table is 524,288,000 bytes ≈ 524 MiB."),
        3,
        "error",
    ),
    # A result in a code comment grouped with apostrophes, as Swiss writers do (a recall class).
    (
        "comment-apostrophe-groups",
        "AG101",
        "# Day in ms?\n\n```python\nday = 24 * 60 * 60 * 1000  # 86'400'000 ms\n```\n",
        4,
        "silent",
    ),
    (
        "wrong-comment-apostrophe-groups",
        "AG101",
        "# Day in ms?\n\n```python\nday = 24 * 60 * 60 * 1000  # 8'640'000 ms\n```\n",
        4,
        "error",
    ),
    # German notation: dots group thousands, a comma before three digits is decimal.
    (
        "dotted-thousands-after-words",
        "AG101",
        _note("Bytes einer Aktivierung?", "128 * 100 * 100 * 4 B = 5.120.000 B, also rund 5 MB"),
        3,
        "silent",
    ),
    (
        "decimal-comma-of-three",
        "AG101",
        _note("Schritte pro Epoche?", "60.000 / 256 = 234,375, also 235 Schritte"),
        3,
        "silent",
    ),
    (
        "decimal-comma-of-three-plain",
        "AG101",
        _note("Schritte pro Epoche?", "60000 / 256 = 234,375 -> 235 Schritte"),
        3,
        "silent",
    ),
    (
        "wrong-decimal-comma-of-three",
        "AG101",
        _note("Schritte pro Epoche?", "60000 / 256 = 243,375 -> 244 Schritte"),
        3,
        "error",
    ),
    # A section sign: the work the note names elsewhere, or a bracket that only tags it.
    (
        "section-of-the-work-in-heading",
        "AG137",
        '# The shortcut of "Deep Residual Learning for Image Recognition"\n\n'
        "An identity shortcut adds the block's input to its output (the options are in §3.3).\n",
        3,
        "silent",
    ),
    (
        "section-of-a-cited-key",
        "AG137",
        "# Why does LayerNorm need no batch? [@ba2016]\n\n"
        "Its mean and variance come from one example's features (§3, eq. 4 and 5).\n",
        3,
        "silent",
    ),
    (
        "section-tag-in-heading",
        "AG137",
        "# Inverse square-root decay after warmup (§5.3)\n\n"
        "After the warmup steps the rate falls as one over the square root of the step.\n",
        1,
        "warning",
    ),
    (
        "section-tag-with-equation",
        "AG137",
        _note(
            "Sinusoid frequencies?",
            "Wavelengths grow geometrically from 2π to 10000·2π (§3.5, eq. 5).",
        ),
        3,
        "warning",
    ),
    (
        "wrong-section-as-pointer",
        "AG137",
        _note("How is the rate decayed?", "The decay is described in §5.3."),
        3,
        "error",
    ),
    (
        "wrong-section-see-in-bracket",
        "AG137",
        _note("How is the rate decayed?", "As the schedule says (see §5.3)."),
        3,
        "error",
    ),
    (
        "wrong-section-of-this-article",
        "AG137",
        '# Decay in "Attention Is All You Need"\n\nIt is set out in §5.3 of this article.\n',
        3,
        "error",
    ),
]


test_false_error_class = graded_cases_test(CASES)


# AG101's message shows the right value in the scale or byte unit the result is written in.
MESSAGES = [
    ("bytes-per-param", f"304 {X} 10^6 {X} 16 B/param = 4.56 GB", "= 4.864 GB, not 4.56 GB"),
    ("tex-trillion", "$D = 20 \\times 90\\text{B} = 1.2\\text{T}$", "= 1.8T, not 1.2T"),
    ("trillion-word", f"2.4 billion {X} 500 = 1.4 trillion", "= 1.2 trillion, not 1.4 trillion"),
]


@pytest.mark.parametrize(
    ("name", "line", "shown"), [m for m in MESSAGES], ids=[m[0] for m in MESSAGES]
)
def test_message_in_result_scale(name: str, line: str, shown: str) -> None:
    notes = [FixtureNote(name, _note("Size?", line))]
    errors = findings_by_note(notes, lambda diagnostic: str(diagnostic.severity) == "error")
    messages = [message for _, code, message in errors[name] if code == "AG101"]
    assert len(messages) == 1 and shown in messages[0], messages
