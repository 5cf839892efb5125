"""False error classes found by session 32's probe notes and opened dev notes (issue #12).

Each class has correct twins in several notations, written in our own words, and wrong
twins of the same shape that must stay reported. Each case is (id, body, body line,
expected): "silent" (no finding of the code at any level) or "error" (an error of the code
on the line).
"""

from __future__ import annotations

from pathlib import Path

from ankigen.pipeline.build import build
from tests.conftest import MINIMAL_DECK, AnkiCollection, note_file, write
from tests.rule_harness import graded_cases_test

X, M, DOT = "\N{MULTIPLICATION SIGN}", "\N{MINUS SIGN}", "\N{MIDDLE DOT}"


def _note(question: str, line: str) -> str:
    return f"# {question}\n\n{line}\n"


CASES: list[tuple[str, str, str, int, str]] = [
    # A number split result first, "C = A op B", then an arrow to what the split gives (the
    # quotient, a count in words): the arrow leads on, as after "A op B = C".
    (
        "split-then-quotient",
        "AG101",
        _note("Full batches of 64 in 1,000 rows?", f"1,000 = 15 {X} 64 + 40 → 15 full batches"),
        3,
        "silent",
    ),
    (
        "split-then-quotient-bold-ascii",
        "AG101",
        _note("Pages of 25 for 612 hits?", "612 = 24 * 25 + 12 -> **25** pages, the last short"),
        3,
        "silent",
    ),
    (
        "split-then-count-in-words",
        "AG101",
        _note("Shards per worker?", f"1,030 = 8 {DOT} 128 + 6 ⇒ six workers take 129"),
        3,
        "silent",
    ),
    (
        "split-then-remainder",
        "AG101",
        _note("Rows left over?", f"2,500 = 26 {X} 96 + 4 → 4 rows in the last batch"),
        3,
        "silent",
    ),
    (
        "wrong-split-then-quotient",
        "AG101",
        _note("Full batches of 64 in 1,000 rows?", f"1,000 = 16 {X} 64 + 40 → 16 full batches"),
        3,
        "error",
    ),
    (
        "split-written-result-last-wrong",
        "AG101",
        _note("Full batches of 64 in 1,000 rows?", f"15 {X} 64 + 40 = 1,100 → 15 full batches"),
        3,
        "error",
    ),
    (
        "arrow-restating-wrong-value",
        "AG101",
        _note("Rows?", f"15 {X} 64 + 40 → 1,100"),
        3,
        "error",
    ),
    # A backward reference that names its own card, or that a list item makes to the item
    # before it, points inside the card (AG137).
    (
        "as-above-in-a-later-item",
        "AG137",
        "# Steps for 10,000 samples at batch 32, and at 64?\n\n"
        "- batch 32: 10,000 / 32 = 312.5, so 313\n"
        "- batch 64: as above, 10,000 / 64 = 156.25, so 157\n",
        4,
        "silent",
    ),
    (
        "same-as-before-in-a-later-numbered-item",
        "AG137",
        "# Bytes for fp32 and fp16 copies of 1M weights?\n\n"
        "1. fp32: 1M x 4 B = 4 MB\n"
        "2. fp16: same method as before, 1M x 2 B = 2 MB\n",
        4,
        "silent",
    ),
    (
        "earlier-in-this-answer",
        "AG137",
        _note(
            "Why is the validation loss below the training loss at first?",
            "Dropout runs in training only. As said earlier in this answer, it raises the "
            "training loss.",
        ),
        3,
        "silent",
    ),
    (
        "as-above-in-the-first-item",
        "AG137",
        "# Steps for 10,000 samples at batch 32, and at 64?\n\n"
        "- batch 32: as above\n"
        "- batch 64: 10,000 / 64 = 156.25, so 157\n",
        3,
        "error",
    ),
    (
        "as-said-earlier-in-the-course",
        "AG137",
        _note("Why is the validation loss lower at first?", "As said earlier, dropout."),
        3,
        "error",
    ),
    # Capital-letter sizes read as 1,024-based when the result is in a binary unit (AG101).
    (
        "kb-as-kib-to-gib",
        "AG101",
        _note("Disk for a million 150 KB images?", f"1,000,000 {X} 150 KB ≈ 143 GiB"),
        3,
        "silent",
    ),
    (
        "mb-as-mib-exact",
        "AG101",
        _note("Space for 2,000 files of 512 KB?", f"2,000 {X} 512 KB = 1,000 MiB"),
        3,
        "silent",
    ),
    (
        "kb-to-gib-wrong-either-way",
        "AG101",
        _note("Disk for a million 150 KB images?", f"1,000,000 {X} 150 KB ≈ 150 GiB"),
        3,
        "error",
    ),
    (
        "mb-to-mib-wrong-either-way",
        "AG101",
        _note("Space for 2,000 files of 512 KB?", f"2,000 {X} 512 KB = 1,100 MiB"),
        3,
        "error",
    ),
    # Bits count memory as bytes do: a spaced "B" beside them is bytes, not billions.
    (
        "bits-then-bytes",
        "AG101",
        _note("Bytes for 1,000 flags of 8 bits?", f"1,000 {X} 8 bits = 8,000 bits = 1,000 B"),
        3,
        "silent",
    ),
    (
        "bits-then-wrong-bytes",
        "AG101",
        _note("Bytes for 1,000 flags of 8 bits?", f"1,000 {X} 8 bits = 8,000 bits = 2,000 B"),
        3,
        "error",
    ),
    # A percentage added to a quantity is a share of that quantity.
    (
        "percent-added",
        "AG101",
        _note("Batch 256 plus 50 %?", "256 + 50 % = 384"),
        3,
        "silent",
    ),
    (
        "percent-taken",
        "AG101",
        _note("120 steps less 25 %?", f"120 {M} 25% = 90 steps"),
        3,
        "silent",
    ),
    (
        "percent-added-wrong",
        "AG101",
        _note("Batch 256 plus 50 %?", "256 + 50 % = 400"),
        3,
        "error",
    ),
    # A discount off a stated price is a cost fact, not a promotion (AG131).
    (
        "discount-off-a-price",
        "AG131",
        _note("Spot saving at 70 % off a $4.00/h instance over 100 h?", "$400 - $120 = $280."),
        1,
        "silent",
    ),
    (
        "discount-off-on-demand",
        "AG131",
        _note("What do spot instances cost?", "Often 70% off on-demand: about $0.92/h for a V100."),
        3,
        "silent",
    ),
    (
        "discount-promotion",
        "AG131",
        _note("What is a learning-rate warm-up?", "A ramp. Get 20% off the course today!"),
        3,
        "error",
    ),
    # Two bracketed calculations side by side multiply: "(3 - 1)(2 - 1)".
    (
        "adjacent-brackets-product",
        "AG101",
        _note("Effective size of a 3x3 kernel at dilation 2?", f"3 + (3 {M} 1)(2 {M} 1) = 5"),
        3,
        "silent",
    ),
    (
        "adjacent-brackets-product-ascii",
        "AG101",
        _note("Count?", "(4 - 1)(5 - 2) + 1 = 10"),
        3,
        "silent",
    ),
    (
        "adjacent-brackets-product-wrong",
        "AG101",
        _note("Effective size of a 3x3 kernel at dilation 2?", f"3 + (3 {M} 1)(2 {M} 1) = 6"),
        3,
        "error",
    ),
    (
        "adjacent-brackets-product-wrong-ascii",
        "AG101",
        _note("Count?", "(4 - 1)(5 - 2) + 1 = 12"),
        3,
        "error",
    ),
]


test_false_error_class = graded_cases_test(CASES)


# Anki's own math delimiters with one backslash (AG171, the renderer): TeX in "\(…\)" or
# "\[…\]" reaches MathJax as math; words in escaped brackets (a Notion export) stay prose.
_BACKSLASH_MATH_NOTES = {
    "kv-cache": (
        "# KV-cache bytes per token?\n\n"
        "Per token: \\(2 \\times n_{\\text{layers}} \\times d \\times 2\\,\\text{B}\\) "
        "(K and V), offline \\(for training\\) too.\n",
        "",
    ),
    "bayes": (
        "# Bayes' rule?\n\n\\[\nP(A \\mid B) = \\frac{P(B \\mid A)\\,P(A)}{P(B)}\n\\]\n",
        "",
    ),
    "coin": ("# Where is p(1-p) largest?\n\nAt \\(p = 0.5\\), where it is 0.25.\n", ""),
    "cloze": (
        "# Variance\n\nThe variance of a coin is {{c1::\\(p(1 - p)\\)}}, citation \\[3\\].\n",
        "type: cloze\n",
    ),
}


def test_backslash_math_shows_as_math_in_anki(tmp_path: Path, anki: AnkiCollection) -> None:
    folder = tmp_path / "content" / "deck"
    write(folder / "deck.yaml", MINIMAL_DECK)
    for name, (body, front_matter) in _BACKSLASH_MATH_NOTES.items():
        write(folder / f"{name}.md", note_file(name, body, front_matter))
    result = build([tmp_path / "content"], tmp_path / "out")
    assert result.check.ok, result.check.diagnostics
    (package,) = result.outputs
    anki.import_package(package)
    col = anki.col
    sides = {}
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        output = card.render_output()
        sides[card.note()["Source"] or card.note().fields[0][:30]] = output.answer_text
    answers = "\n".join(sides.values())
    assert '<span class="math inline">\\(2 \\times n_{\\text{layers}}' in answers
    assert "(for training)" in answers and "\\(for training" not in answers
    assert '<span class="math display">\\[\nP(A \\mid B)' in answers
    assert '<span class="math inline">\\(p = 0.5\\)</span>' in answers
    assert '<span class="math inline">\\(p(1 - p)\\)</span>' in answers
    assert "citation [3]" in answers  # an escaped bracket around no TeX stays text
    for answer in sides.values():  # every delimiter MathJax reads is paired
        assert answer.count("\\(") == answer.count("\\)")
        assert answer.count("\\[") == answer.count("\\]")
