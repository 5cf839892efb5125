# ruff: noqa: RUF001  (notes write the times sign, as authors do)
"""The claim inventory, version 1 (issue #12, docs/generalisation-study.md §6.6): each claim's
wording, the training set-up as ``Quantity`` nodes with roles, and the first consumer
(``claims.step_counts``), wired into AG102 since session 23. Notes in my own words:
inputs that must get their role, look-alikes that must not be inputs, steps claims the consumer
must report and correct or unjudgeable ones it must leave alone. Also the two moves of v1: the
wording judgement and AG101's tokenizer live outside the rules now, with no shim left behind."""

from __future__ import annotations

import importlib
from fractions import Fraction
from pathlib import Path

import pytest

from ankigen.diagnostics import Severity
from ankigen.lint.claims import inventory
from ankigen.lint.claims.last_batch import LastBatch, last_batch
from ankigen.lint.claims.quantities import Role, quantities
from ankigen.lint.claims.step_counts import step_findings
from ankigen.lint.claims.wording import ABOUT, EXACT
from ankigen.lint.document import LintDocument
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, write_notes

_QUESTION = "# How many steps?\n\n"


def _document(tmp_path: Path, body: str) -> LintDocument:
    write_notes(
        tmp_path, [FixtureNote("n000", body if body.startswith("# ") else _QUESTION + body)]
    )
    (document,) = documents_of(check([tmp_path / "content"]))
    return document


def _roles(tmp_path: Path, body: str) -> set[tuple[Fraction, Role]]:
    return {(q.value, q.role) for q in quantities(_document(tmp_path, body))}


ROLES = [
    pytest.param(
        "The archive holds 36,000 recordings; we train with a batch size of 24 for 8 epochs.\n",
        {(36000, Role.DATA), (24, Role.BATCH), (8, Role.EPOCHS)},
        id="prose-nouns-and-a-named-batch",
    ),
    pytest.param(
        "```python\ntrainer = Trainer(max_epochs=6, accumulate_grad_batches=2)\n"
        "loader = DataLoader(ds, batch_size=16)\n```\n",
        {(6, Role.EPOCHS), (2, Role.ACCUMULATION), (16, Role.BATCH)},
        id="keyword-arguments-in-code",
    ),
    pytest.param(
        "Spread over 8 GPUs, with 3-fold validation on 900 CT scans.\n",
        {(8, Role.DEVICES), (3, Role.FOLDS), (900, Role.DATA)},
        id="devices-folds-and-a-qualified-noun",
    ),
    pytest.param(
        "Micro-batch 12, accumulation over 6 steps.\n",
        {(12, Role.BATCH), (6, Role.ACCUMULATION)},
        id="micro-batch-and-accumulation-over",
    ),
    pytest.param(
        "25 % held out for validation from 4,000 pairs.\n",
        {(25, Role.SHARE), (4000, Role.DATA)},
        id="a-held-out-share",
    ),
    # look-alikes: no input at all
    pytest.param(
        "Each step sees 256 sequences × 2,048 tokens.\n", set(), id="a-factor-of-another-count"
    ),
    pytest.param(
        "The effective batch is 16 × 4 = 64 per update.\n", set(), id="a-result-is-no-input"
    ),
    pytest.param(
        "The epoch ends with a last batch of 20 samples.\n", set(), id="the-leftover-batch"
    ),
    pytest.param("Trained on ResNet-50 features.\n", set(), id="a-model-name"),
    # session 23: symbols, code tuples, splits, windows, counts in words, products
    pytest.param(
        "Let $N = 4\\,800$ tiles, batch size $B = 24$ and $E = 5$ epochs.\n",
        {(4800, Role.DATA), (24, Role.BATCH), (5, Role.EPOCHS)},
        id="symbols-after-a-name-or-alone",
    ),
    pytest.param(
        "```python\nN, B, A = 9_600, 12, 4\n```\n",
        {(9600, Role.DATA), (12, Role.BATCH), (4, Role.ACCUMULATION)},
        id="a-tuple-assignment-in-code",
    ),
    pytest.param(
        "8,000 clips, split 75/25 into training and validation, batch size 50.\n",
        {(8000, Role.DATA), (25, Role.SHARE), (50, Role.BATCH)},
        id="a-split-as-two-shares",
    ),
    pytest.param(
        "A log of 20,000 samples, windows of length 400 with hop 200, batch size 8.\n",
        {(20000, Role.DATA), (400, Role.WINDOW), (200, Role.HOP), (8, Role.BATCH)},
        id="a-series-cut-into-windows",
    ),
    pytest.param(
        "Three epochs over 2,000 abstracts on 2 nodes x 4 GPUs, batch size 10.\n",
        {(3, Role.EPOCHS), (2000, Role.DATA), (8, Role.DEVICES), (10, Role.BATCH)},
        id="a-count-in-words-and-a-product-of-devices",
    ),
    pytest.param(
        "3,003 sequences on 4 GPUs, batch size 7 (4 GPUs x 7 sequences a step).\n",
        {(3003, Role.DATA), (7, Role.BATCH), (4, Role.DEVICES)},
        id="one-device-share-is-no-data-set",
    ),
]


@pytest.mark.parametrize(("body", "expected"), ROLES)
def test_quantity_roles(tmp_path: Path, body: str, expected: set[tuple[Fraction, Role]]) -> None:
    assert _roles(tmp_path, body) == expected


def test_comma_in_a_number_is_no_clause_mark(tmp_path: Path) -> None:
    """ "10,000 - 8,500 = 1,500 samples": the part left is a result, not a data size."""
    body = "The remainder is 10,000 \N{MINUS SIGN} 8,500 = 1,500 samples.\n"
    assert (Fraction(1500), Role.DATA) not in _roles(tmp_path, body)


def _steps(tmp_path: Path, body: str) -> list[tuple[int, Severity | None]]:
    document = _document(tmp_path, body)
    shift = document.note.body_line - 1
    return [(document.position(f.start)[0] - shift, f.severity) for f in step_findings(document)]


REPORTED = [
    pytest.param(
        "Our set: 18,000 utterances, batch size 40.\n\n`len(train_loader)` comes out as **460**.\n",
        [(5, None)],
        id="bold-loader-length",
    ),
    pytest.param(
        "```python\nnum_samples = 7_000\nbatch_size = 50\n"
        "steps = num_samples // batch_size  # 150 per epoch\n```\n",
        [(6, None)],
        id="comment-in-code-with-named-sizes",
    ),
    pytest.param(
        "9,000 clips at batch 30 on 3 GPUs: {{c1::250}} steps per epoch.\n",
        [(3, Severity.WARNING)],
        id="devices-leave-a-choice-so-a-warning",
    ),
    pytest.param(
        "9,000 clips at batch 30 per GPU on 3 GPUs: {{c1::250}} steps per epoch.\n",
        [(3, None)],
        id="a-batch-named-per-gpu-leaves-no-choice-so-an-error",
    ),
    pytest.param(
        "32,000 documents, batch 64, 5 epochs. The run is about 9,000 steps in all.\n",
        [(3, None)],
        id="about-judged-at-its-precision",
    ),
]


@pytest.mark.parametrize(("body", "expected"), REPORTED)
def test_steps_reported(tmp_path: Path, body: str, expected: list[tuple[int, object]]) -> None:
    assert _steps(tmp_path, body) == expected


SILENT_NOTES = [
    pytest.param(
        "18,000 utterances, batch size 40: `len(train_loader)` is **450**.\n", id="right-count"
    ),
    pytest.param(
        "10,010 images at batch 100: **100** steps per epoch with drop_last.\n",
        id="the-last-batch-dropped",
    ),
    pytest.param(
        "6,000 rows, batch 50, 4 epochs: 120 steps per epoch and **480** in all.\n",
        id="a-total-over-the-epochs",
    ),
    pytest.param(
        "5,000 images, batch 50: it is not **90** steps per epoch.\n", id="a-negated-count"
    ),
    pytest.param(
        "5,000 images, batch 50: steps per epoch = 5,000 / 40 = 125.\n",
        id="a-written-calculation-is-ag101s",
    ),
    pytest.param("Batch size 50, **90** steps per epoch.\n", id="no-data-size-no-judgement"),
    pytest.param(
        "12,000 images with 5-fold CV at batch 40: **240** steps per epoch.\n",
        id="a-fold-leaves-the-trained-part",
    ),
    pytest.param(
        "4,000 pairs, batch 20: iterations: 48 hours of compute.\n", id="a-duration-is-no-count"
    ),
]


@pytest.mark.parametrize("body", SILENT_NOTES)
def test_steps_left_alone(tmp_path: Path, body: str) -> None:
    assert _steps(tmp_path, body) == []


LAST_BATCH = [
    pytest.param("Batch 32, `drop_last=True`.\n", LastBatch.DROPPED, id="flag-drops"),
    pytest.param("Batch 32; the last partial batch is kept.\n", LastBatch.KEPT, id="words-keep"),
    pytest.param(
        "A `tf.data` pipeline without `drop_remainder`.\n", LastBatch.KEPT, id="without-flag"
    ),
    pytest.param(
        "It runs 391 steps. With `drop_last=True` it is 390.\n", None, id="a-supposed-setting"
    ),
    pytest.param(
        "`drop_last=False` gives 469; `drop_last=True` gives 468.\n", None, id="both-settings"
    ),
]


@pytest.mark.parametrize(("body", "expected"), LAST_BATCH)
def test_last_batch_convention(tmp_path: Path, body: str, expected: LastBatch | None) -> None:
    assert last_batch(_document(tmp_path, body)) == expected


def test_claims_carry_their_wording(tmp_path: Path) -> None:
    document = _document(
        tmp_path,
        "One epoch is about 300 steps. The run is 2,400 steps in all.\n",
    )
    worded = {claim.text: claim.wording.kind for claim in inventory(document)}
    assert worded == {"300": ABOUT, "2,400": EXACT}


def test_moved_modules_leave_no_shim() -> None:
    """v1's moves: the wording judgement lives in lint.claims, AG101's token stream in
    lint.arith; the rule modules keep no copy and no re-export."""
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("ankigen.lint.rules.layers.claim_wording")
    arithmetic = importlib.import_module("ankigen.lint.rules.arithmetic")
    assert not hasattr(arithmetic, "_tokens") and not hasattr(arithmetic, "_Token")
    from ankigen.lint.arith.tokens import tokenize

    text = "1.2 x 10^3 = 1,200"
    kinds = "".join(token.kind for token in tokenize(text, 0, len(text)))
    assert kinds == "NoNoN=N"
