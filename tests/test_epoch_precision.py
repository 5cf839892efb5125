"""AG102 precision on correct notes (issue #12): three classes of correct note that the older
phrase readings (``epochs``, ``epoch_roles``, ``epoch_statements``) reported, each fixed by the
reason it bound wrongly, in the project's own words:

1. a hedged count ("roughly 500", "~780", "just under 800", "fewer than 800", "on the order of
   1,000", "800 steps or so") was read as an exact claim or with a flat 5 %: every reading now
   asks ``hedge_of`` how the words around the count hedge it and ``hedge_allows`` whether a
   right count fits that hedge (the rounding of the number as written, at most 10 %; a bound
   on its side; an order of magnitude);
2. a ``drop_last=True`` named only in a clause that supposes it ("with `drop_last=True` it
   would be 390", "or 312 with `drop_remainder=True`", "had we set …") was taken as the note's
   setting, so the stated count had to be ⌊N / B⌋: a supposed flag now sets only its own
   clause's scenario (``supposed_setting``);
3. where micro-batches are accumulated, the effective batch was bound to every count: a count
   of what the loader yields (loader batches, micro-batches, forward passes) is counted in
   the per-step batch, optimizer updates in the effective one (``counts_loader_batches``; the
   statements bind no global batch to such a count), and a label "Accumulation: 3 steps"
   names the accumulation factor, no count.

Each class has 15+ correct notes that must get no finding, and wrong near misses that must
still be reported on their line."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes

CODES = ["AG101", "AG102"]
FENCE = "```"

# --- 1. hedged counts: judged by the rounding the wording allows ---
HEDGED_RIGHT: list[str] = [
    "60,000 images at batch size 128 is roughly 500 steps per epoch.",
    "An epoch over 50,000 photos in batches of 64 takes around 800 iterations.",
    "50,000 photos in batches of 64: an epoch is ~780 steps.",
    "With 50,000 photos and a batch size of 64 one epoch is \N{ALMOST EQUAL TO} 800 updates.",
    "50,000 photos at a batch size of 64 give some 780 weight updates per epoch.",
    "50,000 photos at a batch size of 64 take just under 800 steps per epoch.",
    "50,000 photos at a batch size of 64 take a bit over 780 iterations per epoch.",
    "50,000 photos at a batch size of 64 make on the order of 1,000 steps per epoch.",
    "50,000 photos at a batch size of 64 need fewer than 800 steps per epoch.",
    "50,000 photos at a batch size of 64 need at least 780 steps per epoch.",
    "An epoch of 50,000 photos at batch size 64 is 800 steps or so.",
    "1,000,000 records at batch size 256: one epoch is roughly 4,000 steps.",
    "1,000,000 records at batch size 256: one epoch is close to 4,000 iterations.",
    "1,000,000 records at batch size 256: one epoch is approximately 3,900 steps.",
    "1,000,000 records at batch size 256: one epoch is nearly 4k steps.",
    "An epoch of 1,000,000 records at batch size 256 is 3,900 steps, give or take.",
    "50,000 images at batch size 128 make in the region of 400 steps per epoch.",
    "50,000 images at batch size 128 make something like 390 steps per epoch.",
    "60,000 images at batch size 128: an epoch is 460-odd steps.",
    "60,000 images at batch size 128: an epoch is 470-ish steps.",
    "60,000 images at batch size 128: an epoch takes approx. 470 iterations.",
    "50,000 photos at a batch size of 64 need under 800 steps per epoch.",
]
# body, with the count on body line 3
HEDGED_WRONG: list[str] = [
    "50,000 images at batch size 128 give roughly 300 steps per epoch.",
    "60,000 images at batch size 128: an epoch is about 600 steps.",
    "50,000 photos in batches of 64: an epoch is ~700 steps.",
    "50,000 photos at a batch size of 64 take just under 780 steps per epoch.",
    "50,000 photos at a batch size of 64 take a bit over 800 iterations per epoch.",
    "50,000 photos at a batch size of 64 need under 700 steps per epoch.",
    "50,000 photos at a batch size of 64 need at least 900 steps per epoch.",
    "50,000 photos at a batch size of 64 make on the order of 50 steps per epoch.",
    "1,000,000 records at batch size 256: one epoch is approximately 3,500 steps.",
    "An epoch of 50,000 photos at batch size 64 is 700 steps or so.",
    "60,000 images at batch size 128: an epoch takes approx. 430 iterations.",
    "A table has 1,000,000 rows; at batch size 4096 one epoch is about 200 steps.",
]

# --- 2. a supposed last-batch setting: its own clause's scenario, not the note's ---
SUPPOSED_RIGHT: list[str] = [
    "50,000 samples at batch size 128 give 391 steps; with `drop_last=True` it would be 390.",
    "60,000 images at batch size 128 make 469 steps per epoch. If `drop_last=True` were set, "
    "the count would be 468.",
    "An epoch of 10,000 samples at batch size 32 is 313 iterations (312 if we passed "
    "`drop_last=True`).",
    "10,000 samples at batch size 32 give 313 steps per epoch, or 312 with `drop_remainder=True`.",
    "Had we set `drop_last=True`, the loader would yield 312 batches; as written, 10,000 "
    "samples at batch size 32 give 313 steps per epoch.",
    "An epoch of 50,000 samples at batch size 64 is 782 steps. Setting `drop_remainder=True` "
    "would cut it to 781.",
    "50,000 samples at batch size 64 make 782 steps per epoch. Passing `drop_last=True` could "
    "save one step: 781 in all.",
    "50,000 samples at batch size 64 make 782 steps per epoch; supposing `drop_last=True`, "
    "there would be 781.",
    "The default loader gives 782 steps per epoch for 50,000 samples at batch size 64; "
    "`drop_last=True` would instead give 781.",
    f"{FENCE}python\nloader = DataLoader(train_set, batch_size=64)  # 50,000 samples -> 782 "
    f"batches per epoch\n{FENCE}\n\nWith `drop_last=True` it would be 781 batches.",
    "For 20,000 clips at batch size 300 an epoch takes 67 steps. Alternatively, "
    "`drop_last=True` gives 66.",
    "For 20,000 clips at batch size 300 an epoch takes 67 steps; had `drop_remainder=True` been "
    "passed, 66.",
    "20,000 clips, batch size 300: 67 steps per epoch. Imagine `drop_last=True`: then 66 full "
    "batches.",
    "20,000 clips at batch size 300 take 67 steps per epoch (assuming `drop_last=True`, it'd "
    "be 66).",
    "20,000 clips at batch size 300 take 67 steps per epoch, but 66 if `drop_last=True` is set.",
    "20,000 clips at batch size 300 take 67 steps per epoch; you could pass `drop_last=True` to "
    "get 66.",
]
SUPPOSED_WRONG: list[str] = [
    "The loader uses `drop_last=True`. 50,000 samples at batch size 64 give 782 steps per epoch.",
    "We pass `drop_remainder=True`, so 20,000 clips at batch size 300 take 67 steps per epoch.",
    "20,000 clips at batch size 300 take 66 steps per epoch; you could pass `drop_last=True` to "
    "get 66.",
    "50,000 samples at batch size 128 give 390 steps per epoch; with `drop_last=True` it would "
    "be 390 steps.",
]

# --- 3. loader batches beside an effective batch: counted in the per-step batch ---
EFFECTIVE_RIGHT: list[str] = [
    "- examples: 48,000\n- micro-batch size: 16\n- accumulation steps: 4\n- effective batch: 64\n"
    "- loader batches per epoch: 3,000\n- optimizer updates per epoch: 750",
    "- training examples: 32,000\n- per-step batch: 32\n- gradient accumulation: 8\n"
    "- effective batch size: 256\n- micro-batches per epoch: 1,000\n"
    "- optimizer steps per epoch: 125",
    "With an effective batch of 128 (micro-batch 32, gradients accumulated over 4 steps), "
    "64,000 examples give 2,000 micro-batches and 500 optimizer updates per epoch.",
    "64,000 examples, a batch size of 32 per step and gradient accumulation over 4 steps "
    "(effective batch 128): the data loader yields 2,000 batches per epoch, and the optimizer "
    "steps 500 times.",
    "| quantity | value |\n|---|---|\n| samples | 20,000 |\n| micro-batch | 10 |\n"
    "| accumulation steps | 5 |\n| effective batch | 50 |\n| forward passes per epoch | 2,000 |\n"
    "| optimizer updates per epoch | 400 |",
    "**Dataset:** 90,000 images\n**Batch per step:** 30\n**Accumulation:** 3 steps\n"
    "**Effective batch:** 90\n**Batches loaded per epoch:** 3,000\n"
    "**Weight updates per epoch:** 1,000",
    "Effective batch: 96 = 24 \N{MULTIPLICATION SIGN} 4 accumulation steps. Over 9,600 clips "
    "the loader delivers 400 micro-batches, so there are 100 optimizer updates per epoch.",
    "- examples: 48,000\n- micro-batch size: 16\n- accumulation steps: 4\n"
    "- effective batch: 64\n- loader batches per epoch: 3,000",
    "- samples: 12,800\n- micro-batch: 8\n- gradient accumulation steps: 16\n"
    "- effective batch: 128\n- micro-batches per epoch: 1,600\n- optimizer updates per epoch: 100",
    "- images: 25,600\n- per-step batch size: 64\n- accumulation: 2\n- effective batch size: 128\n"
    "- forward passes per epoch: 400\n- optimizer steps per epoch: 200",
    "We accumulate gradients over 4 micro-batches of 16 (an effective batch of 64); over "
    "48,000 examples that is 3,000 micro-batches per epoch.",
    "The effective batch is 256 (32 per step, accumulated over 8 steps). An epoch of 32,000 "
    "sequences runs 1,000 forward passes and 125 optimizer updates.",
    "- rows: 10,000\n- micro-batch size: 25\n- accumulation steps: 4\n- effective batch: 100\n"
    "- loader batches per epoch: 400\n- weight updates per epoch: 100",
    "- examples: 60,000\n- micro-batch: 20\n- accumulation steps: 3\n- effective batch: 60\n"
    "- micro-batches per epoch: 3,000\n- optimizer updates per epoch: 1,000",
    "- examples: 24,000\n- micro-batch size: 12\n- accumulation steps: 2\n"
    "- effective batch: 24\n- loader batches per epoch: 2,000\n"
    "- optimizer updates per epoch: 1,000",
]
# body, body line of the wrong count
EFFECTIVE_WRONG: list[tuple[str, int]] = [
    (
        "- examples: 48,000\n- micro-batch size: 16\n- accumulation steps: 4\n"
        "- effective batch: 64\n- loader batches per epoch: 750\n"
        "- optimizer updates per epoch: 750",
        7,
    ),
    (
        "- training examples: 32,000\n- per-step batch: 32\n- gradient accumulation: 8\n"
        "- effective batch size: 256\n- micro-batches per epoch: 125",
        7,
    ),
    (
        "With an effective batch of 128 (micro-batch 32, gradients accumulated over 4 steps), "
        "64,000 examples give 500 micro-batches per epoch.",
        3,
    ),
    (
        "64,000 examples, a batch size of 32 per step and gradient accumulation over 4 steps "
        "(effective batch 128): the data loader yields 500 batches per epoch.",
        3,
    ),
    (
        "- examples: 48,000\n- micro-batch size: 16\n- accumulation steps: 4\n"
        "- effective batch: 64\n- optimizer updates per epoch: 3,000",
        7,
    ),
]


def _body(text: str) -> str:
    return f"# Steps per epoch\n\n{text}\n"


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for prefix, right, wrong in (
        ("hedged", HEDGED_RIGHT, [(text, 3) for text in HEDGED_WRONG]),
        ("supposed", SUPPOSED_RIGHT, [(text, 3) for text in SUPPOSED_WRONG]),
        ("effective", EFFECTIVE_RIGHT, EFFECTIVE_WRONG),
    ):
        for index, text in enumerate(right):
            kind = "code" if FENCE in text else "basic"
            cases.append({"id": f"{prefix}-right-{index}", "type": kind, "body": _body(text)})
        for index, (text, line) in enumerate(wrong):
            kind = "code" if FENCE in text else "basic"
            cases.append(
                {"id": f"{prefix}-wrong-{index}", "type": kind, "body": _body(text), "line": line}
            )
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("epoch-precision"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def test_fifteen_correct_notes_per_class() -> None:
    assert min(len(HEDGED_RIGHT), len(SUPPOSED_RIGHT), len(EFFECTIVE_RIGHT)) >= 15
    assert min(len(HEDGED_WRONG), len(SUPPOSED_WRONG), len(EFFECTIVE_WRONG)) >= 4
