"""False error classes found by precision34's probes in new notations (issue #12), read as classes.

Each class has correct twins in several notations, written in our own words, and wrong twins
of the same shape that must stay reported. Each case is (id, code, body, body line, expected):
"silent" (no finding of the code at any level), "warning" or "error" (one finding of the code
on the line, at that level).
"""

from __future__ import annotations

from tests.rule_harness import graded_cases_test

X = "\N{MULTIPLICATION SIGN}"


def _note(question: str, line: str) -> str:
    return f"# {question}\n\n{line}\n"


CASES: list[tuple[str, str, str, int, str]] = [
    # A byte unit as another language or a spelled-out name writes it (French "o", "Kio",
    # "Mo", "octets"; Russian "байт", "МиБ"; "kibibytes") restates the size before it: it is
    # the next step of the chain in another unit, not a wrong result.
    (
        "units-french-kio",
        "AG101",
        _note("Taille d'une vignette RGB 32x32 ?", f"32 {X} 32 {X} 3 o = 3 072 o = 3 Kio."),
        3,
        "silent",
    ),
    (
        "units-french-octets-gio",
        "AG101",
        _note(
            "Poids d'un modèle de 2 milliards de paramètres en fp32 ?",
            f"2 {X} 10⁹ {X} 4 octets = 8 {X} 10⁹ octets ≈ 7,45 Gio.",
        ),
        3,
        "silent",
    ),
    (
        "units-french-mo",
        "AG101",
        _note("Poids en fp16 ?", f"50 {X} 10⁶ {X} 2 octets = 100 Mo ≈ 95,4 Mio."),
        3,
        "silent",
    ),
    (
        "units-russian-mib",
        "AG101",
        _note("Сколько памяти?", f"512 {X} 512 {X} 4 байт = 1 048 576 байт = 1 МиБ."),
        3,
        "silent",
    ),
    (
        "units-spelled-out",
        "AG101",
        _note(
            "Bytes of a 128 x 128 x 16 fp32 map?",
            "128 * 128 * 16 * 4 bytes = 1,048,576 bytes = 1 mebibyte",
        ),
        3,
        "silent",
    ),
    (
        "units-spelled-gigabytes",
        "AG101",
        _note("Weights of 3B params in bf16?", f"3 {X} 10⁹ {X} 2 bytes = 6 gigabytes"),
        3,
        "silent",
    ),
    (
        "units-french-wrong",
        "AG101",
        _note("Taille d'une vignette RGB 32x32 ?", f"32 {X} 32 {X} 3 o = 3 072 o = 4 Kio."),
        3,
        "error",
    ),
    (
        "units-russian-wrong",
        "AG101",
        _note("Сколько памяти?", f"512 {X} 512 {X} 4 байт = 1 048 576 байт = 2 МиБ."),
        3,
        "error",
    ),
    (
        "units-spelled-wrong",
        "AG101",
        _note(
            "Bytes of a 128 x 128 x 16 fp32 map?",
            "128 * 128 * 16 * 4 bytes = 1,048,576 bytes = 4 mebibytes",
        ),
        3,
        "error",
    ),
    # Numbers joined by slashes that are shares, not a quotient: a split in percentages
    # beside a split word, shares under a label of slashed words, the parts of a total listed
    # with slashes. A value that is no share (nor a share of a number on the line) keeps the
    # division's finding.
    (
        "split-arrow-part",
        "AG101",
        _note("How many test rows?", "30,000 rows split 90/10 → 27,000 train and 3,000 test."),
        3,
        "silent",
    ),
    (
        "split-arrow-parts-only",
        "AG101",
        _note("Split sizes?", "split 60/40 → 4,800 train and 3,200 val"),
        3,
        "silent",
    ),
    (
        "split-three-parts-of-total",
        "AG101",
        _note("Three-way split of 500k rows?", "500k rows = 400k / 50k / 50k (80/10/10)."),
        3,
        "silent",
    ),
    (
        "split-labelled-share",
        "AG101",
        _note("Share of positives?", "pos/neg = 1/4 → 20 % positives"),
        3,
        "silent",
    ),
    (
        "split-labelled-colon",
        "AG101",
        _note("Share kept for training?", "train/val: 3/1 → 75 % train"),
        3,
        "silent",
    ),
    (
        "split-wrong-part",
        "AG101",
        _note("How many test rows?", "30,000 rows split 90/10 → 25,000 train and 5,000 test."),
        3,
        "error",
    ),
    (
        "split-wrong-share",
        "AG101",
        _note("Share of positives?", "pos/neg = 1/4 → 30 % positives"),
        3,
        "error",
    ),
    (
        "split-division-kept",
        "AG101",
        _note("How many times more train rows?", "80/20 = 5, so train is five times test."),
        3,
        "error",
    ),
    (
        "split-parts-wrong-sum",
        "AG101",
        _note("Three-way split of 500k rows?", "500k rows = 400k / 40k / 50k."),
        3,
        "error",
    ),
    # An arrow after a list of givens derives its result from all of them, not from the
    # calculation written last; read so only when the givens' numbers give the result.
    (
        "givens-patch-grid",
        "AG101",
        _note("Tokens of a ViT-S/8 at 128 px?", f"128{X}128 input, 8{X}8 patches → 256 tokens."),
        3,
        "silent",
    ),
    (
        "givens-windows-ascii",
        "AG101",
        _note("How many Swin windows?", "- 28x28 tokens, 7x7 windows -> 16 windows"),
        3,
        "silent",
    ),
    (
        "givens-cells",
        "AG101",
        _note("Cells of the detector grid?", f"96{X}96 frame, 4{X}4 cells → 576 cells."),
        3,
        "silent",
    ),
    (
        "givens-wrong-result",
        "AG101",
        _note("Tokens of a ViT-S/8 at 128 px?", f"128{X}128 input, 8{X}8 patches → 200 tokens."),
        3,
        "error",
    ),
    (
        "givens-none-before",
        "AG101",
        _note("Weights of a 5x5 kernel?", f"5{X}5 kernel → 20 weights."),
        3,
        "error",
    ),
    # A data set repeated a stated number of times: the loader's epoch passes over it that
    # many times (YAML "repeat: 3", tf.data ".repeat(2)", a keyword "repeat=4").
    (
        "repeat-yaml",
        "AG102",
        "# Steps per epoch with the repeat?\n\n```yaml\ntrain:\n  num_examples: 4800\n"
        "  batch: 48\n  repeat: 3\n```\n\nThe loader yields 300 steps per epoch (100 per pass).\n",
        10,
        "silent",
    ),
    (
        "repeat-tf-data",
        "AG102",
        _note(
            "Batches per epoch?",
            "`ds = ds.repeat(2).batch(50)` over 2,000 records gives 80 batches per epoch.",
        ),
        3,
        "silent",
    ),
    (
        "repeat-keyword",
        "AG102",
        _note(
            "Steps?",
            "`RepeatedLoader(dataset, repeat=4)` on 1,000 samples at batch 25 → 160 "
            "steps per epoch.",
        ),
        3,
        "silent",
    ),
    (
        "repeat-yaml-wrong",
        "AG102",
        "# Steps per epoch with the repeat?\n\n```yaml\ntrain:\n  num_examples: 4800\n"
        "  batch: 48\n  repeat: 3\n```\n\nThe loader yields 250 steps per epoch.\n",
        10,
        "error",
    ),
    (
        "repeat-tf-data-wrong",
        "AG102",
        _note(
            "Batches per epoch?",
            "`ds = ds.repeat(2).batch(50)` over 2,000 records gives 100 batches per epoch.",
        ),
        3,
        "error",
    ),
    # An HTML entity renders on the card (the format's rule): the arithmetic reads the sign
    # or the grouped number the card shows ("&times;", "&minus;", "&nbsp;" between digits).
    (
        "entity-times",
        "AG101",
        _note("Params of Linear(64, 10)?", "64 &times; 10 + 10 = 650"),
        3,
        "silent",
    ),
    (
        "entity-grouped-number",
        "AG101",
        _note("Steps per epoch?", "48&nbsp;000 images / 64 = 750 steps"),
        3,
        "silent",
    ),
    (
        "entity-numeric-minus",
        "AG101",
        _note("Conv output?", "(28 &#8722; 3) / 1 + 1 = 26"),
        3,
        "silent",
    ),
    (
        "entity-times-wrong",
        "AG101",
        _note("Params of Linear(64, 10)?", "64 &times; 10 + 10 = 740"),
        3,
        "error",
    ),
    (
        "entity-grouped-wrong",
        "AG101",
        _note("Steps per epoch?", "48&nbsp;000 images / 64 = 700 steps"),
        3,
        "error",
    ),
    # A bracket that glosses the unit or the bytes counted stands between a size and its
    # restatement: the restatement after it is still checked (session 33 left it unchecked).
    (
        "gloss-then-restated",
        "AG101",
        _note(
            "Bytes of a (2, 512, 512) fp32 tensor?",
            f"2 {X} 512 {X} 512 {X} 4 B = 2,097,152 B (4 B per value) = 2 MiB",
        ),
        3,
        "silent",
    ),
    (
        "gloss-power-then-restated",
        "AG101",
        _note(
            "Bytes of a (2, 512, 512) fp32 tensor?", "2,097,152 B = 2.10 MB (10^6) ≈ 2 MiB (2^20)"
        ),
        3,
        "silent",
    ),
    (
        "gloss-then-wrong",
        "AG101",
        _note(
            "Bytes of a (2, 512, 512) fp32 tensor?",
            f"2 {X} 512 {X} 512 {X} 4 B = 2,097,152 B (4 B per value) = 2.5 MiB",
        ),
        3,
        "error",
    ),
    (
        "gloss-power-then-wrong",
        "AG101",
        _note(
            "Bytes of a (2, 512, 512) fp32 tensor?", "2,097,152 B = 2.10 MB (10⁶) ≈ 1.6 MiB (2²⁰)"
        ),
        3,
        "error",
    ),
    # An arrow after a bracket that explains the number before it leads on from the
    # statement, not from the bracket's calculation.
    (
        "explained-then-arrow",
        "AG101",
        _note(
            "Validations per epoch?",
            "1,000 steps per epoch (64,000 / 64) → 4 validations at `val_check_interval=250`",
        ),
        3,
        "silent",
    ),
    (
        "explained-then-ascii-arrow",
        "AG101",
        _note(
            "Checkpoints per epoch?",
            "an epoch of 750 steps (48,000 / 64) -> 3 checkpoints every 250 steps",
        ),
        3,
        "silent",
    ),
    (
        "explained-wrong-then-arrow",
        "AG101",
        _note(
            "Validations per epoch?",
            "900 steps per epoch (64,000 / 64) → 4 validations at `val_check_interval=250`",
        ),
        3,
        "error",
    ),
]


test_false_error_class = graded_cases_test(CASES)
