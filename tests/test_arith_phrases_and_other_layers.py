"""Calculations written as phrases (``arith.phrases``, AG101) and the parameter counts of
recurrent, embedding, normalisation and attention layers and of summary totals
(``rules.layers.other_layers``, AG104), through the real linter."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from ankigen.lint.arith.phrases import phrase_claims
from tests.rule_harness import lint_rule, notes_of, write_notes


def _phrase_results(text: str) -> list[tuple[str, Fraction]]:
    return [(claim.claimed, claim.value) for claim in phrase_claims(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "claimed", "value"),
    [
        ("Accuracy went from 80 % to 92 %, a relative improvement of 12 %.", "12", Fraction(15)),
        ("from 80 to 92 is a 12 % improvement", "12", Fraction(15)),
        ("Latency fell from 200 ms to 150 ms, a 33 % reduction.", "33", Fraction(25)),
        ("A 15 % increase over 200 gives 220.", "220", Fraction(230)),
        ("A 25 % drop from 400 channels leaves 320 channels.", "320", Fraction(300)),
        ("45 of the 300 examples are positive, i.e. 20 %.", "20", Fraction(15)),
        ("The mean of 0.8, 0.9 and 0.7 is 0.85.", "0.85", Fraction(4, 5)),
        ("The sum of 1.5k, 2.5k and 1k is 4k.", "4k", Fraction(5000)),
        ("The folds hold 120, 130 and 150 examples, 390 in total.", "390", Fraction(400)),
        ("Sales rose by 20 % from 50 to 65.", "20", Fraction(30)),
        ("240 is 15 % more than 200.", "240", Fraction(230)),
        ("20 % of the 1,500 examples, i.e. 250, go to validation.", "250", Fraction(300)),
        ("Of 1,000 emails, 150 are spam (12 %).", "12", Fraction(15)),
        ("45 out of 50 answers are correct, so the accuracy is 80 %.", "80", Fraction(90)),
        ("3, 5 and 8 add up to 15.", "15", Fraction(16)),
        ("Batches of 32, 64 and 128 examples, a total of 200.", "200", Fraction(224)),
    ],
)
def test_a_wrong_phrase_is_found_with_its_right_value(
    text: str, claimed: str, value: Fraction
) -> None:
    assert _phrase_results(text) == [(claimed, value)]


@pytest.mark.parametrize(
    "text",
    [
        "Accuracy went from 80 % to 92 %, a 12 % improvement.",  # percentage points
        "Accuracy went from 80 % to 92 %, a 15 % relative improvement.",
        "Latency fell from 200 ms to 150 ms, a 25 % reduction.",
        "Latency went from 200 ms to 150 ms, a 33 % speed-up.",  # a rate, not the time
        "Usage went from 2015 to 2018, an 8 % increase.",  # years
        "from 3 to 5 layers, a 67 % increase",  # rounded to the digits written
        "The mean of 1, 2 and 4 is about 2.3.",
        "Kernels of 3, 5 and 7 pixels, 3 in total.",  # counts the items
        "3 of the 10 folds, i.e. 30 %, hold the rare class.",
        "Latency fell 25 % from 200 ms to 150 ms.",
        "200 is 13 % less than 230.",  # relative to the number after "than"
        "Of 1,000 emails, 150 are spam (15 %).",
        "20 % of the 1,500 examples, i.e. 300, go to validation.",
        "3, 5 and 8 add up to 16.",
    ],
)
def test_a_right_or_other_phrase_is_no_claim(text: str) -> None:
    assert _phrase_results(text) == []


def _lint(tmp_path: Path, code: str, body: str) -> list[str]:
    notes = notes_of({"body": body})
    write_notes(tmp_path, notes, None)
    return [finding.message for finding in lint_rule(tmp_path, code, None)]


@pytest.mark.parametrize(
    ("body", "right"),
    [
        (
            "# How many parameters has a Keras `LSTM(128)` on 64 input features?\n\n"
            "It has 98,304 parameters.\n",
            "98,816 or 99,328",
        ),
        (
            "# How many parameters has a Keras `GRU(64)` on 32 input features?\n\n"
            "It has 18,432 parameters.\n",
            "18,624 or 18,816",
        ),
        (
            "# How many parameters has an `Embedding(10000, 128)` layer?\n\n"
            "It has 1,280,128 parameters.\n",
            "1,280,000",
        ),
        (
            "# How many parameters has a `BatchNormalization` layer on 64 channels?\n\n"
            "It has 512 parameters.\n",
            "128 or 256",
        ),
        (
            "# How many parameters has a `LayerNormalization` over 512 features?\n\n"
            "It has 2,048 parameters.\n",
            "512 or 1,024",
        ),
        (
            "# How many parameters has multi-head attention with d_model = 512?\n\n"
            "It has 1,048,064 parameters.\n",
            "1,048,576 or 1,050,624",
        ),
    ],
)
def test_a_wrong_count_of_another_layer_is_reported(tmp_path: Path, body: str, right: str) -> None:
    messages = _lint(tmp_path, "AG104", body)
    assert len(messages) == 1 and f"has {right} parameters" in messages[0]


@pytest.mark.parametrize(
    "body",
    [
        "# How many parameters has `nn.LSTM(64, 128)`?\n\n99,328 parameters with two biases.\n",
        "# How many parameters has a `GRU(64, reset_after=False)` on 32 input features?\n\n"
        "It has 18,624 parameters.\n",
        "# How many parameters has an LSTM with 128 units on 64 features?\n\n"
        "Four gates, each with 24,704 parameters.\n",  # a per-gate count
        "# How many parameters has a model with an `Embedding(1000, 8)` and an `LSTM(4)`?\n\n"
        "It has 8,000 parameters in the embedding and more in the rest.\n",  # two kinds
    ],
)
def test_a_right_or_unclear_count_of_another_layer_is_left_alone(tmp_path: Path, body: str) -> None:
    assert _lint(tmp_path, "AG104", body) == []


_SUMMARY = (
    "# What does the summary of a 784-64-10 MLP show?\n\n"
    "```\n"
    "Layer (type)                Output Shape              Param #\n"
    "=================================================================\n"
    "dense (Dense)               (None, 64)                50240\n"
    "dense_1 (Dense)             (None, 10)                650\n"
    "=================================================================\n"
    "Total params: {total}\n"
    "```\n"
)


def test_a_summary_total_must_be_the_sum_of_its_rows(tmp_path: Path) -> None:
    messages = _lint(tmp_path / "wrong", "AG104", _SUMMARY.format(total="50,980"))
    assert messages == [
        "the rows of the summary add up to 50,890 parameters, not 50,980: correct the total"
    ]
    assert _lint(tmp_path / "right", "AG104", _SUMMARY.format(total="50,890")) == []


def test_a_markdown_summary_total_is_checked_too(tmp_path: Path) -> None:
    body = (
        "# What does the summary show?\n\n"
        "| Layer (type) | Output Shape | Param # |\n|---|---|---|\n"
        "| conv2d (Conv2D) | (None, 30, 30, 32) | 896 |\n"
        "| flatten (Flatten) | (None, 28800) | 0 |\n"
        "| dense (Dense) | (None, 10) | 288,010 |\n"
        "| **Total params** | | **{total}** |\n"
    )
    assert len(_lint(tmp_path / "wrong", "AG104", body.format(total="288,960"))) == 1
    assert _lint(tmp_path / "right", "AG104", body.format(total="288,906")) == []


def test_phrases_reach_the_arithmetic_rule(tmp_path: Path) -> None:
    body = "# How large is the validation set?\n\nA 15 % increase over 200 batches gives 220.\n"
    assert _lint(tmp_path, "AG101", body) == [
        "200 \N{MULTIPLICATION SIGN} (1 + 15 %) = 230, not 220: correct the arithmetic"
    ]


_CONV_TABLE = (
    "# How many parameters has each convolution?\n\n"
    "| layer | kernel | input channels | output channels | parameters |\n"
    "|---|---|---|---|---|\n"
    "| first | 3x3 | 3 | 32 | {first} |\n"
    "| second | 3x3 | 32 | 64 | 18,432 |\n"
)


def test_a_table_that_counts_biases_in_one_row_counts_them_in_all(tmp_path: Path) -> None:
    # 896 includes the biases, so the second row's 18,432 (weights only) is short of 18,496.
    messages = _lint(tmp_path / "biased", "AG104", _CONV_TABLE.format(first="896"))
    assert len(messages) == 1 and "18,496 parameters, not 18,432" in messages[0]
    # Weights only in every row: consistent, nothing to report.
    assert _lint(tmp_path / "weights", "AG104", _CONV_TABLE.format(first="864")) == []


def test_a_keras_3_summary_drawn_with_box_characters_is_checked(tmp_path: Path) -> None:
    body = (
        "# What does the summary show?\n\n```\n"
        "┃ Layer (type)         ┃ Output Shape         ┃      Param # ┃\n"
        "┡━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩\n"
        "│ dense (Dense)        │ (None, 64)           │       50,240 │\n"
        "├──────────────────────┼──────────────────────┼──────────────┤\n"
        "│ dense_1 (Dense)      │ (None, 10)           │          650 │\n"
        "└──────────────────────┴──────────────────────┴──────────────┘\n"
        " Total params: {total} (199.14 KB)\n```\n"
    )
    assert len(_lint(tmp_path / "wrong", "AG104", body.format(total="50,980"))) == 1
    assert _lint(tmp_path / "right", "AG104", body.format(total="50,890")) == []


def test_attention_with_its_own_key_size_is_counted_with_it(tmp_path: Path) -> None:
    # heads x key_dim need not be d_model, so 4·d² does not follow; Keras projects each of the
    # 8 heads to key_dim = 512 (param_formulas.keras_attention, measured on Keras 3): 8,401,408
    question = (
        "# How many parameters has `MultiHeadAttention(num_heads=8, key_dim=512)` with "
        "d_model = 512?\n\n"
    )
    wrong = _lint(tmp_path / "wrong", "AG104", question + "It has 8,393,216 parameters.\n")
    assert len(wrong) == 1 and "8,401,408" in wrong[0]
    assert _lint(tmp_path / "right", "AG104", question + "It has 8,401,408 parameters.\n") == []
