"""False error classes found by precision35 (issue #12): batch 57's two false errors and the
probes in new styles (spreadsheets, logs, configs, chats, slides, exam symbols), read as
classes.

Each class has correct twins in our own words and wrong twins of the same shape that must stay
reported. Each case is (id, code, body, body line, expected): "silent" (no finding of the code
at any level), "warning" or "error" (one finding of the code on the line, at that level).
"""

from __future__ import annotations

from tests.rule_harness import graded_cases_test

X = "\N{MULTIPLICATION SIGN}"


def _note(question: str, line: str) -> str:
    return f"# {question}\n\n{line}\n"


_SUMMARY = """```
 Layer (type)                  Output Shape           Param #
=============================================================
 conv2d (Conv2D)               (None, 30, 30, 32)     896
 max_pooling2d (MaxPooling2D)  (None, 15, 15, 32)     0
 conv2d_1 (Conv2D)             (None, 13, 13, 64)     18,496
 max_pooling2d_1 (MaxPooling2D) (None, 6, 6, 64)      0
 flatten (Flatten)             (None, 2304)           0
 dense (Dense)                 (None, 10)             23,050
=============================================================
```

Input (32, 32, 3); both convs are 3 {x} 3 and "valid", both pools 2 {x} 2.
Mind 13 → {out}: the pool floors.
"""

CASES: list[tuple[str, str, str, int, str]] = [
    # A Keras fit whose validation_split leaves a trained part the note states: a count of the
    # held-out part's own batches is that part's count, not a wrong epoch (batch 57).
    (
        "held-out-batches",
        "AG102",
        _note(
            "Steps of a Keras fit with validation_split",
            "`model.fit(X, Y, batch_size=50, validation_split=0.25)` on 10,000 rows: the first "
            "7,500 train, 7,500 / 50 = 150 steps an epoch; the held-out 2,500 make 50 batches "
            "of validation.",
        ),
        3,
        "silent",
    ),
    (
        "held-out-batches-wrong",
        "AG102",
        _note(
            "Steps of a Keras fit with validation_split",
            "`model.fit(X, Y, batch_size=50, validation_split=0.25)` on 10,000 rows: the first "
            "7,500 train, 7,500 / 50 = 150 steps an epoch; the held-out 2,500 make 60 batches "
            "of validation.",
        ),
        3,
        "error",
    ),
    # A bare arrow step "47 → 23" states its own input: the output is judged from it, not
    # from the network's input stated before (batch 57's model.summary() note).
    (
        "arrow-step-input",
        "AG103",
        "# Shapes of a small CIFAR CNN\n\n" + _SUMMARY.format(x=X, out="6"),
        16,
        "silent",
    ),
    (
        "arrow-step-input-wrong",
        "AG103",
        "# Shapes of a small CIFAR CNN\n\n" + _SUMMARY.format(x=X, out="8"),
        16,
        "error",
    ),
    # (a patch before the arrow is no step input: a step to a larger size names none)
    (
        "arrow-patch-no-input",
        "AG103",
        _note(
            f"ViT-B/16 on 224{X}224: tokens after the patch embedding?",
            f"Patch embedding 16{X}16 → 14{X}14 tokens, so 196 tokens.",
        ),
        3,
        "silent",
    ),
    # (a setting before the arrow is no step input: "stride 2 → 15x15" is judged as before)
    (
        "arrow-after-setting-wrong",
        "AG103",
        _note(
            "A strided conv", f"Input 32{X}32, a 3{X}3 conv with padding 1 and stride 2 → 15{X}15."
        ),
        3,
        "error",
    ),
    # A ratio below one restated as the factor it divides by, a times sign and a word of
    # comparison after it ("≈ 0.115, i.e. ≈ 8.7x fewer"): the reciprocal, not a wrong result.
    (
        "reciprocal-fewer",
        "AG101",
        _note(
            "Cost of a depthwise separable 5x5 conv with 128 outputs?",
            f"Ratio 1/128 + 1/25 ≈ 0.048, i.e. about 21{X} fewer multiply-adds.",
        ),
        3,
        "silent",
    ),
    (
        "reciprocal-cheaper",
        "AG101",
        _note("Pruned model cost?", "1,800 / 7,200 = 0.25, so 4 times cheaper to run."),
        3,
        "silent",
    ),
    (
        "reciprocal-fewer-wrong",
        "AG101",
        _note(
            "Cost of a depthwise separable 5x5 conv with 128 outputs?",
            f"Ratio 1/128 + 1/25 ≈ 0.048, i.e. about 12{X} fewer multiply-adds.",
        ),
        3,
        "error",
    ),
    (
        "reciprocal-ratio-wrong",
        "AG101",
        _note("Pruned model cost?", "1,800 / 7,200 = 0.4, so 2.5 times cheaper to run."),
        3,
        "error",
    ),
    # German and French number formats: thousands grouped by dots with decimals after a comma
    # ("73.257 / 128 = 572,32", "= 7.392,94"), and a decimal comma before a power of ten
    # ("= 1,875 x 10¹⁸") show the value to their last digit.
    (
        "dotted-comma-rounded",
        "AG101",
        _note("Schritte pro Epoche?", "45.000 / 64 = 703,13 → 704 Schritte."),
        3,
        "silent",
    ),
    (
        "dotted-full-german",
        "AG101",
        _note("Schritte pro Epoche?", "250.000 / 48 = 5.208,33 Schritte, also 5.209."),
        3,
        "silent",
    ),
    (
        "comma-mantissa-power",
        "AG101",
        _note("Trainings-FLOPs?", f"6 {X} 350 {X} 10⁶ {X} 1,5 {X} 10⁹ = 3,150 {X} 10¹⁸ FLOPs."),
        3,
        "silent",
    ),
    (
        "dotted-comma-wrong",
        "AG101",
        _note("Schritte pro Epoche?", "45.000 / 64 = 713,13 → 714 Schritte."),
        3,
        "error",
    ),
    (
        "dotted-full-german-wrong",
        "AG101",
        _note("Schritte pro Epoche?", "250.000 / 48 = 5.308,33 Schritte, also 5.309."),
        3,
        "error",
    ),
    (
        "comma-mantissa-power-wrong",
        "AG101",
        _note("Trainings-FLOPs?", f"6 {X} 350 {X} 10⁶ {X} 1,5 {X} 10⁹ = 3,250 {X} 10¹⁸ FLOPs."),
        3,
        "error",
    ),
    # A comparative right after a factor ("≈ 8.7x fewer", "3 times less") is a whole
    # comparison: the factor says how much, no "than" is missing.
    (
        "factor-fewer-ending",
        "AG135",
        _note(
            "How much cheaper is a separable 3x3 conv with 256 outputs?",
            f"Cost ratio 1/256 + 1/9 ≈ 0.115, i.e. ≈ 8.7{X} fewer",
        ),
        3,
        "silent",
    ),
    (
        "factor-times-less-ending",
        "AG135",
        _note(
            "Memory of int8 weights vs fp32?", "Each weight takes 1 byte instead of 4: 4 times less"
        ),
        3,
        "silent",
    ),
    (
        "bare-fewer-ending",
        "AG135",
        _note("How does a GRU compare with an LSTM?", "It merges two gates, so a GRU has fewer"),
        3,
        "warning",
    ),
    # A chat log written as the note: clock times without seconds, each followed by who
    # speaks, two speakers or more. A video's transcript line stays reported.
    (
        "chat-log-turns",
        "AG131",
        "# Team chat: how long is the warm-up?\n\n"
        "[09:14] mia: warm-up is 5% of 40k steps?\n"
        f"[09:15] raj: 0.05 {X} 40,000 = 2,000 steps\n"
        "[09:15] mia: thanks, so the peak is reached at step 2,000\n",
        3,
        "silent",
    ),
    (
        "irc-log-turns",
        "AG131",
        "# IRC: batch size for 2 GPUs\n\n"
        "[21:40] <tom> 32 per GPU on 2 GPUs?\n"
        "[21:41] <ana> global batch 64 then\n",
        3,
        "silent",
    ),
    (
        "lecture-transcript-one-speaker",
        "AG131",
        "# What is the warm-up for?\n\n"
        "[12:40] Instructor: so the warm-up keeps early updates small\n"
        "[12:55] Instructor: and then we decay the rate\n",
        3,
        "error",
    ),
    # The last size of a shape carries a puzzled "??" ("I get 30x30??"): it is written whole,
    # no placeholder; a lone number with "??" still is one.
    (
        "shape-puzzled-question",
        "AG130",
        _note("Why is my map smaller?", f"bo: input 32{X}32 and a 5{X}5 conv, I get 28{X}28??"),
        3,
        "silent",
    ),
    (
        "lone-number-placeholder",
        "AG130",
        _note("Batch size of the run?", f"Input 32{X}32, a 5{X}5 conv, batch size 20??"),
        3,
        "error",
    ),
    # The usual symbol of the epochs in prose, "E = 7" (as inline math has it), and a label
    # that runs past an aside ("B = 250 (batch size) and E = 7"): the aside names the number
    # before it, so 7 is no batch.
    (
        "epoch-symbol-aside",
        "AG102",
        "# Exam Q3: updates in a training run\n\n"
        "Let N = 40,000 (samples), B = 250 (batch size) and E = 7 (epochs).\n\n"
        "a) Updates per epoch: N / B = 160.\n"
        "b) Total updates: E · N / B = 7 · 160 = 1,120.\n",
        6,
        "silent",
    ),
    (
        "epoch-symbol-total",
        "AG102",
        _note(
            "Exam: total optimizer steps",
            "N = 9,000, B = 64, E = 12. Steps = E · ⌈N/B⌉ = 12 · 141 = 1,692.",
        ),
        3,
        "silent",
    ),
    (
        "epoch-symbol-total-wrong",
        "AG102",
        _note(
            "Exam: total optimizer steps",
            "N = 9,000, B = 64, E = 12. Steps = E · ⌈N/B⌉ = 12 · 150 = 1,800.",
        ),
        3,
        "warning",
    ),
    (
        "epoch-symbol-aside-wrong",
        "AG102",
        "# Exam Q3: updates in a training run\n\n"
        "Let N = 40,000 (samples), B = 250 (batch size) and E = 7 (epochs).\n\n"
        "a) Updates per epoch: 180.\n",
        5,
        "error",
    ),
    # A stride written after a square kernel, as layer tables do ("Conv2D 3x3/2 'SAME'"),
    # beside NHWC shapes: the one layer's stride, so 192 gives 96.
    (
        "glued-stride-nhwc",
        "AG103",
        _note("TFLite stem shapes", "1x192x192x3 → Conv2D 3x3/2 'SAME' → 1x96x96x32"),
        3,
        "silent",
    ),
    (
        "glued-stride-nhwc-wrong",
        "AG103",
        _note("TFLite stem shapes", "1x192x192x3 → Conv2D 3x3/2 'SAME' → 1x95x95x32"),
        3,
        "warning",
    ),
]


test_false_error_class = graded_cases_test(CASES)
