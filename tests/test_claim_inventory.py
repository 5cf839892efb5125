# ruff: noqa: RUF001  (notes write the times sign and en dashes in ranges, as authors do)
"""The claim inventory (ankigen/lint/claims, issue #12, docs/generalisation-study.md §6): for
each surface a note in my own words whose claim must be found with its value, line, surface,
label and kind, and near misses that must not be claims (an operand, a year, a version, a list
number, a shape in a code call, a hyperparameter setting, a range). Also the lexicon data, the
cache and the coverage script's figures against the inventory itself."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from ankigen.lint.claims import Claim, Kind, Surface, inventory
from ankigen.lint.claims.lexicon import NOT_A_COUNT, SETTING, kind_of
from ankigen.lint.data_files import ClaimLexicon, data_yaml
from ankigen.lint.document import LintDocument
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.conftest import load_script
from tests.rule_harness import FixtureNote, write_notes

_QUESTION = "# How big is it?\n\n"


def _document(tmp_path: Path, body: str, type_: str = "basic") -> LintDocument:
    text = body if body.startswith("# ") else _QUESTION + body
    write_notes(tmp_path, [FixtureNote("n000", text, type=type_)])
    (document,) = documents_of(check([tmp_path / "content"]))
    return document


def _claims(tmp_path: Path, body: str) -> list[tuple[int, Surface, Fraction, str | None, Kind]]:
    """(body line, surface, value, label, kind) of each claim; body line 1 is the heading."""
    document = _document(tmp_path, body)
    shift = document.note.body_line - 1
    return [(c.line - shift, c.surface, c.value, c.label, c.kind) for c in inventory(document)]


# (body, [(line, surface, value, label or None, kind)]): exactly the claims expected.
FOUND = [
    pytest.param(
        "An epoch over 48,000 images at 64 per batch runs 48,000 / 64 = 750 steps per epoch.\n",
        [(3, Surface.RELATION, 750, "steps per epoch", Kind.STEPS_PER_EPOCH)],
        id="after-equals-with-noun",
    ),
    pytest.param(
        "Iterations per epoch: 1,200,000 / 300 = 4,000.\n",
        [(3, Surface.RELATION, 4000, "Iterations per epoch", Kind.STEPS_PER_EPOCH)],
        id="chain-subject-before-colon",
    ),
    pytest.param(
        "The small MLP has 1.3M parameters.\n",
        [(3, Surface.RELATION, 1_300_000, "parameters", Kind.PARAMETERS)],
        id="copula-with-scale",
    ),
    pytest.param(
        "Weights in fp16 ≈ 2.5 GB.\n",
        [(3, Surface.RELATION, Fraction(5, 2), "GB", Kind.BYTES)],
        id="approximately",
    ),
    pytest.param(
        "Two stride-2 pools take the height $28 \\to 7$.\n",
        [(3, Surface.RELATION, 7, None, Kind.OUTPUT_SIZE)],
        id="latex-to-chain",
    ),
    pytest.param(
        "A 2x2 pool with stride 2 gives a 16×16 map.\n",
        [
            (3, Surface.RELATION, 16, "map", Kind.OUTPUT_SIZE),
            (3, Surface.RELATION, 16, "map", Kind.OUTPUT_SIZE),
        ],
        id="gives-a-shape",
    ),
    pytest.param(
        "The kernel bank equals 9,216 weights.\n",
        [(3, Surface.RELATION, 9216, "weights", Kind.PARAMETERS)],
        id="equals",
    ),
    pytest.param(
        "Each update moves it by $0.01 \\times 0.002 = 2 \\times 10^{-5}$ in total.\n",
        [(3, Surface.RELATION, Fraction(1, 50_000), None, Kind.UNKNOWN)],
        id="scientific-latex",
    ),
    pytest.param(
        "Half the budget is 7,000 / 2 = 3.5k steps.\n",
        [(3, Surface.RELATION, 3500, "steps", Kind.TOTAL_STEPS)],
        id="k-scale",
    ),
    pytest.param(
        "Total steps = 250\u2009000 / 4 = 62\u2009500.\n",
        [(3, Surface.RELATION, 62_500, "Total steps", Kind.TOTAL_STEPS)],
        id="thin-space-thousands",
    ),
    pytest.param(
        "The table holds $1{,}024 \\times 64 = 65{,}536$ weights.\n",
        [(3, Surface.RELATION, 65_536, "weights", Kind.PARAMETERS)],
        id="latex-thousands-then-prose-noun",
    ),
    pytest.param(
        "The window shifts the level by $-600 - 750 = -1350$.\n",
        [(3, Surface.RELATION, -1350, None, Kind.UNKNOWN)],
        id="negative-result",
    ),
    pytest.param(
        "With 96 samples at batch 8 the loader\ngives 12 batches per epoch.\n",
        [(4, Surface.RELATION, 12, "batches per epoch", Kind.STEPS_PER_EPOCH)],
        id="sentence-across-lines",
    ),
    pytest.param(
        "**61,035 steps** in one day of logs.\n",
        [(3, Surface.BOLD, 61_035, "steps", Kind.TOTAL_STEPS)],
        id="bold-answer",
    ),
    pytest.param(
        "# How many batches per epoch?\n\nEach pass over the shards, {{c1::313}}.\n",
        [(3, Surface.CLOZE, 313, "How many batches per epoch?", Kind.STEPS_PER_EPOCH)],
        id="cloze-answer-kind-from-question",
    ),
    pytest.param(
        "## After the stem → 56 × 56\n",
        [
            (3, Surface.HEADING, 56, "After the stem", Kind.OUTPUT_SIZE),
            (3, Surface.HEADING, 56, "After the stem", Kind.OUTPUT_SIZE),
        ],
        id="heading-arrow",
    ),
    pytest.param(
        "Output size after each block:\n\n- first block: 56\n- second block: 28\n",
        [
            (5, Surface.LIST_ITEM, 56, "first block", Kind.OUTPUT_SIZE),
            (6, Surface.LIST_ITEM, 28, "second block", Kind.OUTPUT_SIZE),
        ],
        id="bare-items-under-result-header",
    ),
    pytest.param(
        "Parameters per layer:\n\n- `Linear(256, 128)` → 32,896\n",
        [(5, Surface.RELATION, 32_896, "Parameters per layer:", Kind.PARAMETERS)],
        id="item-after-a-call-arrow-kind-from-intro",
    ),
    pytest.param(
        "| layer | params |\n|---|---|\n| dense | 4,160 |\n",
        [(5, Surface.TABLE_CELL, 4160, "params", Kind.PARAMETERS)],
        id="cell-under-result-header",
    ),
    pytest.param(
        "| quantity | value |\n|---|---|\n| steps per epoch | 157 |\n",
        [(5, Surface.TABLE_CELL, 157, "steps per epoch", Kind.STEPS_PER_EPOCH)],
        id="cell-of-a-labelled-row",
    ),
    pytest.param(
        "| q | s | q × s |\n|---|---|---|\n| 12 | 0.5 | 6 |\n",
        [(5, Surface.TABLE_CELL, 6, "q × s", Kind.OTHER)],
        id="cell-under-formula-header",
    ),
    pytest.param(
        "30×30.\n",
        [
            (3, Surface.BARE, 30, None, Kind.OUTPUT_SIZE),
            (3, Surface.BARE, 30, None, Kind.OUTPUT_SIZE),
        ],
        id="bare-answer-line",
    ),
    pytest.param(
        "```python\nn_batches = 40_000 // 128  # 312 batches per epoch\n```\n",
        [(4, Surface.COMMENT, 312, "batches per epoch", Kind.STEPS_PER_EPOCH)],
        id="comment-with-noun",
    ),
    pytest.param(
        "```python\nprint(len(loader))  # 157\n```\n",
        [(4, Surface.COMMENT, 157, "len(loader)", Kind.STEPS_PER_EPOCH)],
        id="comment-labelled-by-its-code",
    ),
    pytest.param(
        "```python\ny = pool(x)  # (N, 32, 14, 14)\n```\n",
        [
            (4, Surface.COMMENT, 32, "y", Kind.OUTPUT_SIZE),
            (4, Surface.COMMENT, 14, "y", Kind.OUTPUT_SIZE),
            (4, Surface.COMMENT, 14, "y", Kind.OUTPUT_SIZE),
        ],
        id="shape-comment",
    ),
    pytest.param(
        "```python\nprint(out.shape)\ntorch.Size([4, 10])\n```\n",
        [
            (5, Surface.PRINTED, 4, "out.shape", Kind.OUTPUT_SIZE),
            (5, Surface.PRINTED, 10, "out.shape", Kind.OUTPUT_SIZE),
        ],
        id="next-line-print",
    ),
    pytest.param(
        "```python\nprint(n_weights, n_biases)\n8192 128\n```\n",
        [
            (5, Surface.PRINTED, 8192, "n_weights", Kind.PARAMETERS),
            (5, Surface.PRINTED, 128, "n_biases", Kind.PARAMETERS),
        ],
        id="print-of-several-values",
    ),
    pytest.param(
        "```text\nTotal params: 50,890\n```\n",
        [(4, Surface.PRINTED, 50_890, "Total params", Kind.PARAMETERS)],
        id="log-line",
    ),
    pytest.param(
        "48,384 parameters: one bias per filter, as in any conv.\n",
        [(3, Surface.BARE, 48_384, "parameters", Kind.PARAMETERS)],
        id="answer-first-paragraph",
    ),
    pytest.param(
        "| | run A | run B |\n|---|---|---|\n"
        "| steps per epoch | 250 | 125 (last batch partial) |\n",
        [
            (5, Surface.TABLE_CELL, 250, "steps per epoch", Kind.STEPS_PER_EPOCH),
            (5, Surface.TABLE_CELL, 125, "steps per epoch", Kind.STEPS_PER_EPOCH),
        ],
        id="row-named-by-its-first-cell",
    ),
    pytest.param(
        "```python\nn = count(model)\n# n == 9,610\n```\n",
        [(5, Surface.COMMENT, 9610, "n", Kind.OTHER)],
        id="comment-stating-a-name",
    ),
    pytest.param(
        "```python\nmodel.fit(x, y, batch_size=64)\n# 782/782 [==========]\n```\n",
        [(5, Surface.PRINTED, 782, "782/782 [", Kind.STEPS_PER_EPOCH)],
        id="progress-bar",
    ),
    pytest.param(
        "```python\ndense (Dense)   (None, 64)    50240\n```\n",
        [
            (4, Surface.PRINTED, 64, "Output Shape", Kind.OUTPUT_SIZE),
            (4, Surface.PRINTED, 50_240, "Param #", Kind.PARAMETERS),
        ],
        id="summary-row-in-code",
    ),
    pytest.param(
        "```python\nsteps_per_epoch = 782  # drop_last=False\n```\n",
        [(4, Surface.IDENTIFIER, 782, "steps_per_epoch", Kind.STEPS_PER_EPOCH)],
        id="identifier-with-a-comment",
    ),
    pytest.param(
        "A 75/25 split of 4,000 clips gives 3,000 and 1,000 clips.\n",
        [(3, Surface.RELATION, 3000, None, Kind.UNKNOWN)],
        id="first-of-a-list-of-results",
    ),
    pytest.param(
        "```python\ntotal_steps = 9_000\n```\n",
        [(4, Surface.IDENTIFIER, 9000, "total_steps", Kind.TOTAL_STEPS)],
        id="identifier-label",
    ),
]


@pytest.mark.parametrize(("body", "expected"), FOUND)
def test_claims_are_found(tmp_path: Path, body: str, expected: list[Any]) -> None:
    got = _claims(tmp_path, body)
    assert [(line, surface, value, kind) for line, surface, value, _, kind in got] == [
        (line, surface, Fraction(value), kind) for line, surface, value, _, kind in expected
    ]
    for (*_, label, _kind), (*_, want, _want_kind) in zip(got, expected, strict=True):
        assert label == want


# Notes whose numbers are all inputs, operands or no counts: no claim at all.
NOT_CLAIMS = [
    pytest.param("We divide 50,000 by 32 and round up.\n", id="operands-in-words"),
    pytest.param("Adam (Kingma and Ba, 2015) is the usual default.\n", id="year-in-citation"),
    pytest.param("The year is 2015.\n", id="year-after-is"),
    pytest.param("PyTorch 2.1 is required, and the version is 2.1.\n", id="version"),
    pytest.param("1. Load the data\n2. Train for a while\n3. Evaluate\n", id="list-numbering"),
    pytest.param("```python\nx = torch.randn(8, 3, 224, 224)\n```\n", id="shape-in-a-call"),
    pytest.param(
        "Use `DataLoader(ds, batch_size=32)`; the batch size is 32.\n\n"
        "```python\nbatch_size = 32\nlr = 3e-4\n```\n",
        id="hyperparameter-settings",
    ),
    pytest.param("Warm-up takes 2–4 epochs; the rate is 2 to 4 times lower.\n", id="range"),
    pytest.param("Set the stride to 2 and the padding to 1.\n", id="setting-to"),
    pytest.param("The data set has 50,000 images.\n", id="data-size-is-an-input"),
    pytest.param("$W = 32$ and $k = 3$.\n", id="symbol-settings"),
    pytest.param("```python\n# 2. compute the loss\nloss = f(x)\n```\n", id="numbered-comment"),
    pytest.param(
        "# TextCNN: 50 tokens, 300-d embeddings, 100 filters per width\n\nWhy max-pool?\n",
        id="givens-of-the-question",
    ),
]


@pytest.mark.parametrize("body", NOT_CLAIMS)
def test_near_misses_are_no_claims(tmp_path: Path, body: str) -> None:
    assert _claims(tmp_path, body) == []


def test_only_the_result_of_a_calculation_is_claimed(tmp_path: Path) -> None:
    got = _claims(tmp_path, "50,000 / 32 = 1,563 batches, then 1,563 × 3 = 4,689 steps.\n")
    assert [value for _, _, value, _, _ in got] == [1563, 4689]


def test_inventory_is_sorted_cached_and_deterministic(tmp_path: Path) -> None:
    body = (
        "| layer | params |\n|---|---|\n| a | 10 |\n\n"
        "The total is 10 + 20 = 30 parameters.\n\n```python\nn = 30  # 30 params\n```\n"
    )
    document = _document(tmp_path, body)
    first = inventory(document)
    assert inventory(document) is first  # computed once per document
    assert list(first) == sorted(first)
    assert all(isinstance(claim, Claim) for claim in first)
    again = _document(tmp_path / "again", body)
    assert [(c.start, c.end, c.surface, c.value) for c in inventory(again)] == [
        (c.start, c.end, c.surface, c.value) for c in first
    ]
    assert len({(c.start, c.end) for c in first}) == len(first)  # every claim once


def test_a_note_without_numbers_has_no_claims(tmp_path: Path) -> None:
    assert inventory(_document(tmp_path, "Pooling keeps the channels.\n")) == ()


def test_claim_text_is_as_written(tmp_path: Path) -> None:
    document = _document(tmp_path, "The rate is $0.5 \\times 0.4 = 2 \\times 10^{-1}$ here.\n")
    (claim,) = inventory(document)
    assert claim.text == "2 \\times 10^{-1}"
    assert document.text[claim.start : claim.end] == claim.text


# --- the lexicon (data/claim_kinds.yaml) --------------------------------------------------------


def test_lexicon_names_only_known_kinds_and_covers_every_count() -> None:
    lexicon = data_yaml("claim_kinds.yaml", ClaimLexicon)
    names = [entry["kind"] for entry in lexicon["kinds"]]
    allowed = {kind.value for kind in Kind} | {SETTING, NOT_A_COUNT}
    assert set(names) <= allowed
    assert {kind.value for kind in Kind} - {Kind.OTHER, Kind.UNKNOWN} <= set(names)
    assert all(entry["patterns"] for entry in lexicon["kinds"])


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("iters/epoch", Kind.STEPS_PER_EPOCH),
        ("len(train_loader)", Kind.STEPS_PER_EPOCH),
        ("Param #", Kind.PARAMETERS),
        ("trainable", Kind.PARAMETERS),
        ("MiB", Kind.BYTES),
        ("patches", Kind.TOKENS),
        ("optimizer steps", Kind.TOTAL_STEPS),
        ("H_out", Kind.OUTPUT_SIZE),
        ("feature map", Kind.OUTPUT_SIZE),
        ("utterances", Kind.SAMPLES),
        ("loss", Kind.OTHER),
        (None, Kind.UNKNOWN),
    ],
)
def test_kind_of_label(label: str | None, kind: Kind) -> None:
    assert kind_of(label) == kind


# --- the coverage script ---------------------------------------------------------------------


def test_coverage_figures_are_the_inventorys(tmp_path: Path) -> None:
    coverage: Any = load_script("claim_coverage")
    path = coverage.RULES / "AG102.yml"
    notes = coverage.rule_notes([path])[:12]
    assert notes
    claims = coverage.inventories(notes)
    row = coverage.row("AG102", notes, claims)
    # The same figures from documents made here, one note at a time.
    with_claim = with_kind = 0
    for index, note in enumerate(notes):
        document = _document(tmp_path / str(index), note.body, note.type)
        shift = document.note.body_line - 1
        kinds = [c.kind for c in inventory(document) if c.line - shift in note.lines]
        with_claim += bool(kinds)
        with_kind += any(kind in (Kind.STEPS_PER_EPOCH, Kind.TOTAL_STEPS) for kind in kinds)
    assert (row.positives, row.with_claim, row.with_kind) == (len(notes), with_claim, with_kind)
    lines = coverage.report(notes, set())
    assert row.cells().split("|")[2:5] == lines[3].split("|")[2:5]  # epoch-iterations row


def test_a_kind_from_the_header_is_marked(tmp_path: Path) -> None:
    body = "# How many parameters?\n\nThe head: 8 · 4 + 4 = 36.\n"
    assert [c.kind_from_header for c in inventory(_document(tmp_path, body))] == [True]
    document = _document(tmp_path / "b", "The head has 36 parameters.\n")
    assert [claim.kind_from_header for claim in inventory(document)] == [False]


def test_a_list_intro_and_a_column_header_are_a_claims_own_label(tmp_path: Path) -> None:
    body = "Parameters per layer:\n\n- `Linear(8, 4)` → 36\n- biases: 4\n"
    got = [(c.text, c.kind, c.kind_from_header) for c in inventory(_document(tmp_path, body))]
    assert got == [("36", Kind.PARAMETERS, False), ("4", Kind.PARAMETERS, False)]
    body = "| layer | params |\n|---|---|\n| conv | 3·3·32·64 = 18,432 |\n"
    document = _document(tmp_path / "b", body)
    cells = [(c.text, c.surface, c.label, c.kind_from_header) for c in inventory(document)]
    assert cells == [("18,432", Surface.RELATION, "params", False)]


def test_a_keyword_argument_is_no_claim_after_a_comma(tmp_path: Path) -> None:
    body = "`train_test_split(X, test_size=0.25, random_state=0)` gives 750 test rows.\n"
    assert [value for _, _, value, _, _ in _claims(tmp_path, body)] == [750]


def test_a_header_naming_no_count_gives_no_kind(tmp_path: Path) -> None:
    body = "# How do you average the sales per city?\n\n$(20 + 40) / 2 = 30$.\n"
    got = [(value, kind) for _, _, value, _, kind in _claims(tmp_path, body)]
    assert got == [(Fraction(30), Kind.UNKNOWN)]
