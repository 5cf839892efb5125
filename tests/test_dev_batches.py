"""The batches that were sealed once and are development material now stay fully caught.

Each batch under tests/fixtures/unseen/batchN and tests/fixtures/holdout was written by an
independent evaluator and measured once while sealed (docs/evaluation.md keeps those honest
figures). Their misses were then fixed as classes, so every positive is caught today and no
correct note gets an error-level finding: this guards that against regressions, family by
family. (tests/test_generalisation.py checks the first batch against the issue's targets.)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_script

evaluation: Any = load_script("evaluate_generalisation")
FIXTURES = Path(__file__).parent / "fixtures"
BATCHES = sorted(
    [FIXTURES / "holdout", *(FIXTURES / "unseen").glob("batch*")], key=lambda path: path.name
)


# Sealed batches (13 to 19) were each measured at the start and on the final rules
# of a session (docs/evaluation.md); what they still miss, and their correct notes with a false
# error, are open work, not accepted limits (the test fails as soon as one is caught or no
# longer reported). Batch 13's, 14's and 18's are all fixed. Batches 21 and 22 were written in
# session 14 as dev material by four more authors and measured once on the start code before
# anyone read them (54 % and 64 %). Batch 20 was opened at the end of session 14. Batch 25
# holds correct notes only, by two more authors (session 15, a precision study), measured once
# on the start code (17 of 72 notes with a false error) and then fixed as classes: none is open.
# Batch 24 was sealed in sessions 15-16 (68 % at each of three measurements) and opened at the
# start of session 16. Batch 26 was sealed in session 16 (55 %, 55 %, 66 %) and opened at the
# start of session 17 (66 %). Batch 28 (the 14 prose families, 4 positives each from two new
# authors, 32 correct notes) was written and measured once at the start of session 17 (96 %,
# 3 errors on 32 correct notes) and opened at once; the lead fixed its 7 notes as classes.
# Batch 29 (the same families, two more authors) measured once on those fixes: 95 %, 0 errors
# on 32 correct notes; its 6 misses were then fixed as classes too. Batch 30 (four prose
# families, 8 positives each, two more authors) measured once on those fixes: 91 %, 3 errors
# on 2 of 32 correct notes; then fixed as classes but one. Batch 27 (number families, two
# authors) was sealed through session 17 (59 %, 61 %, 62 %; 6 errors each time) and opened at
# its end; its 21 misses and 6 false errors were all fixed as classes the same session.
# Batch 31 (number families, three authors q, r, s) was written at the start of session 18,
# measured once sealed on the start code (54 %, 9 errors on 6 of 36 correct notes) and opened;
# its misses and false errors were fixed as classes but one. Batch 32 (number families, three
# more authors t, u, v) was sealed at the start of session 18 and measured on the start code
# (62 %, 13 errors on 10 of 36 correct notes) and after the round on batch 31 (62 %, the same
# 32 misses; 10 errors on 8 notes), then opened; a round of five helpers fixed 28 misses and 7
# false-error notes as classes, and caught none more of sealed batch 33 (docs/evaluation.md).
# Batch 33 (number families, authors w, x, y) was sealed through sessions 18-19 and measured 8
# times at 70-71 % (6 errors on 5 correct notes each time); rounds of fixes on batches 31, 32
# and session 19's guard and conv-surface rounds never moved it. It was opened in session 19
# for a failure-stage study (docs/generalisation-study.md, section 5) and all its misses and
# false errors are listed open: the study recommends the shared pipeline, not topic readers.
# Batch 34 (number families, authors z, a, b) was sealed through sessions 19-22 and measured at
# 80 % every time (5 errors on correct notes in session 19, 1 since the severity grades of
# session 20). It was opened in session 22, once batch 35 (authors c, d, e) was sealed to take
# its place; its 17 misses and its one false error are listed open.
# Batch 35 (number families, authors c, d, e: a computer-vision engineer, an NLP/LLM
# practitioner, a signal-processing lecturer) was sealed through session 22 (79-80 % at five
# measurements, 1-2 errors on correct notes) and opened at the start of session 23, when
# batch 36 was commissioned to take its place; its 17 misses and one false error are listed open.
# Batch 37 (the fourteen prose and markup families, authors i, j: an ML engineer pasting docs
# and blog posts, a PhD student writing LaTeX theory cards) was measured once sealed at the start
# of session 23 (92 %; 11 errors on 5 correct notes, 9 of them on 3 notes that were mislabelled
# and were moved to raw-html.yml) and opened; sealed batch 38 takes its place for those families.
# Its 9 misses were fixed as classes the same session, and its 2 false errors (a "Source:" line
# citing a docs page or a paper under a written answer) graded warnings (AG131).
# Batch 39 (the fourteen prose and markup families, authors q, r: a bootcamp instructor turning
# lectures and vendor docs into MLOps cards, a computer-vision PhD student condensing papers;
# six positives in each of the five weakest families of sealed batch 38) and batch 40 (number
# families, authors s, t, u: a speech/audio engineer, a recommender-systems engineer, a course
# teaching assistant) were written at the start of session 24, measured once on the start code
# (batch 39 79 %, 0 errors; batch 40 69 %, 4 errors on 3 correct notes) and opened as dev material.
# One batch-39 label was widened after that measurement: s39r-lo-sd-bullets is a link-only
# answer over lines 3-6 (its label gave only line 6).
# Batch 36 (number families, authors f, g, h: a reinforcement-learning / robotics engineer, a
# medical-imaging researcher, a Kaggle competitor) was sealed through sessions 23-24 and
# measured at 76 % every time (19, 15, 15, 15 of 21; 3 errors on 3 correct notes); it was
# opened at the start of session 25, when batch 41 (authors v, w, x) was sealed to take its
# place. Its 20 misses and 3 false errors were listed open; the same session fixed 8 of the
# misses and all 3 false errors as classes (numbers25, epochs25), and 12 misses stay open.
# Batch 42 (the fourteen prose and markup families, authors a, b: a data-engineering blogger
# pasting from web pages, an RL PhD student condensing a textbook; six positives in each of the
# five weakest families of sealed batch 38) was written at the start of session 25, measured
# once on the start code (80 %, 106/132; link-only 4/12; 0 errors on 32 correct notes) and
# opened as dev material. One label was widened after that measurement: s42b-lo-sac-temperature
# is a link-only answer over lines 3-5 (its label gave only line 5). All 25 misses were then
# fixed as classes the same session (prose42).
# Batches 41 and 43 (number families; authors v, w, x and k, n, q) and 38 and 44 (prose and
# markup families; authors m, p and r, s) were sealed for four to seven sessions (41 and 43:
# 76-77 %, 38: 85-90 %, 44: 82-84 %; tests/fixtures/sealed/README.md) and opened at the start
# of session 30, when batches 51 and 52 were sealed: a study of whether the misses of batches
# measured many times share classes with those of newer authors. Their misses and false
# errors are listed open.
# Batches 45 and 47 (number families; authors t, u, v and a, b, c) and 46 (prose and markup;
# authors w, x) were sealed for three to four sessions (45: 58 %, 47: 69-70 %, 46: 86-87 %) and
# opened at the start of session 31, when batches 53 and 54 were sealed: their 7 false errors on
# correct notes (4 of them AG101) are the precision work, and their misses are listed open.
# Batch 48 (prose and markup; authors d, e) was sealed for four sessions (94-96 %) and batches 49
# (number families; authors f, g, h: 71 %) and 50 (prose and markup; authors i, j: 93-94 %) for
# three; all three were opened at the start of session 32, when batches 55 and 56 were sealed.
# Their 35 misses and 2 false errors (AG171, AG101) are listed open.
# Batches 51 and 53 (number families; authors k, l, m and p, q, r) and 52 and 54 (prose and
# markup; authors n, o and s, t) were sealed for two to three sessions (51: 79-80 %, 53: 73-74 %,
# 52: 87-88 %, 54: 89-92 %) and opened at the start of session 33, when batches 57 and 58 were
# sealed. Their 61 misses and 7 false-error notes are listed open.
# Batches 55 (number families; authors u, v, w) and 56 (prose and markup; authors x, y) were
# sealed for two sessions (55: 70-72 %, 56: 94-95 %) and opened at the start of session 34,
# when batches 59 and 60 were sealed. Their 29 misses are listed open (no false error).
# Batches 57 (number families; authors a, b, c) and 58 (prose and markup; authors d, e) were
# sealed for two sessions (57: 80-82 %, 58: 95 %) and opened at the start of session 35, when
# batches 61 and 62 were sealed. Their 20 misses and 2 false errors (AG102, AG103) are listed open.
BATCH15_OPEN = "sealed batch 15, session 10: measured on the final rules, not fixed yet"
BATCH16_OPEN = "sealed batch 16, session 11: measured on the final rules, not fixed yet"
BATCH19_OPEN = "sealed batch 19, session 13: measured sealed three times, not fixed yet"
BATCH20_OPEN = "sealed batch 20, sessions 13-14: measured sealed four times, not fixed yet"
BATCH22_OPEN = "batch 22, session 14: measured once on the start code, then dev material"
BATCH26_OPEN = "sealed batch 26, sessions 16-17: measured sealed four times, not fixed yet"
BATCH31_OPEN = "batch 31, session 18: measured once sealed on the start code, not fixed yet"
BATCH32_OPEN = "sealed batch 32, session 18: measured sealed twice (62 %, 62 %), not fixed yet"
BATCH33_OPEN = (
    "sealed batch 33, sessions 18-19: measured sealed 8 times (70-71 %), studied, not fixed yet"
)
BATCH34_OPEN = "sealed batch 34, sessions 19-22: 80 % at every sealed measurement, not fixed yet"
BATCH35_OPEN = "sealed batch 35, session 22: 79-80 % at five sealed measurements, not fixed yet"
BATCH36_OPEN = "sealed batch 36, sessions 23-24: 76 % at every sealed measurement, not fixed yet"
BATCH40_OPEN = "batch 40, session 24: measured once on the start code (69 %), not fixed yet"
BATCH38_OPEN = "sealed batch 38, sessions 23-29: 85-90 % at every sealed measurement, not fixed yet"
BATCH41_OPEN = "sealed batch 41, sessions 25-29: 76-77 % at every sealed measurement, not fixed yet"
BATCH43_OPEN = "sealed batch 43, sessions 26-29: 76-77 % at every sealed measurement, not fixed yet"
BATCH44_OPEN = "sealed batch 44, sessions 26-29: 82-84 % at every sealed measurement, not fixed yet"
BATCH45_OPEN = "sealed batch 45, sessions 27-30: 58 % at every sealed measurement, not fixed yet"
BATCH46_OPEN = "sealed batch 46, sessions 27-30: 86-87 % at every sealed measurement, not fixed yet"
BATCH47_OPEN = "sealed batch 47, sessions 28-30: 69-70 % at every sealed measurement, not fixed yet"
BATCH48_OPEN = "sealed batch 48, sessions 28-31: 94-96 % at every sealed measurement, not fixed yet"
BATCH49_OPEN = "sealed batch 49, sessions 29-31: 71 % at every sealed measurement, not fixed yet"
BATCH50_OPEN = "sealed batch 50, sessions 29-31: 93-94 % at every sealed measurement, not fixed yet"
BATCH51_OPEN = "sealed batch 51, sessions 30-32: 79-80 % at every sealed measurement, not fixed yet"
BATCH52_OPEN = "sealed batch 52, sessions 30-32: 87-88 % at every sealed measurement, not fixed yet"
BATCH53_OPEN = "sealed batch 53, sessions 31-32: 73-74 % at every sealed measurement, not fixed yet"
BATCH54_OPEN = "sealed batch 54, sessions 31-32: 89-92 % at every sealed measurement, not fixed yet"
BATCH55_OPEN = "sealed batch 55, sessions 32-33: 70-72 % at every sealed measurement, not fixed yet"
BATCH56_OPEN = "sealed batch 56, sessions 32-33: 94-95 % at every sealed measurement, not fixed yet"
BATCH57_OPEN = "sealed batch 57, sessions 33-34: 80-82 % at every sealed measurement, not fixed yet"
BATCH58_OPEN = "sealed batch 58, sessions 33-34: 95 % at every sealed measurement, not fixed yet"

# Correct notes that still get a false error-level finding (open work; the
# test fails once one is no longer reported, so the list cannot go stale).
KNOWN_FALSE_ERRORS: dict[str, str] = {}

# Correct notes whose false finding is only a warning since session 20: the reader that finds
# it rests on something the note does not state (a role read from the words around a number,
# a choice among readings, parts read from a table's layout), so it is graded a warning
# (ankigen/lint/grounds.py). Still open work: the test fails if an error comes back, and once
# the warning is gone (then remove the note here).
WARNING_ONLY: dict[str, str] = {
    "s32u-ok-bert-base-total-table": BATCH32_OPEN,
    "s33w-ok-grouped-conv": BATCH33_OPEN,
    "s33w-ok-upconv-dim-params": BATCH33_OPEN,
    "s33y-ok-depthwise-grouped": BATCH33_OPEN,
    "s33y-ok-drop-last-false": BATCH33_OPEN,
    "s33y-ok-torchrec-ebc": BATCH33_OPEN,
}

# Misses kept on purpose, each with its reason (the test fails if one of them is caught, so
# the list cannot go stale).
KNOWN_MISSES = {
    "s7-ep-steps-kw": "steps_per_epoch on a .repeat()ed tf.data pipeline sets the epoch length "
    "by choice; flagging 600 steps where one pass is 500 would flag correct notes too",
    "s30n-ta-attention-scale-bold": "a 'so that' clause cut after its subject ('so that the "
    "softmax over the keys'): telling a noun phrase from a clause with a base-form verb ('so that "
    "the weights stay small') needs a part-of-speech reading the prose rules do not have",
    "s7-nt-layer-code": "keras.layers.LTSM in code is reported, by AG125 (not in the Keras API, "
    "'LSTM' suggested), which is not one of the name-typo family's codes",
    "s15v-ei-sklearn-mlp-max-iter": BATCH15_OPEN,
    "s16x-co-im2col-columns": BATCH16_OPEN,
    "s19q-ar-fp16-checkpoint": BATCH19_OPEN,
    "s22v-co-heading-flatten": BATCH22_OPEN,
    "s26f-co-c3d-pool2-time": BATCH26_OPEN,
    "s31q-co-avgpool-coarsen": BATCH31_OPEN,
    "s32u-ep-mnli-eval-distributed-print": BATCH32_OPEN,
    "s33w-co-dilation-bullets": BATCH33_OPEN,
    "s33w-co-valid-unet-table": BATCH33_OPEN,
    "s33y-co-textcnn-title-widths": BATCH33_OPEN,
    "s33y-co-caser-horizontal": BATCH33_OPEN,
    "s33w-ep-slices-len-loader": BATCH33_OPEN,
    "s33x-ep-length-bucketing": BATCH33_OPEN,
    "s33x-pc-bilstm-ctc-stack": BATCH33_OPEN,
    "s33y-pc-wide-part": BATCH33_OPEN,
    "s34b-ep-mnist-validation-split": BATCH34_OPEN,
    "s35c-ep-warmup-iters": BATCH35_OPEN,
    "s35d-ep-grad-accum-multiply": BATCH35_OPEN,
    "s39q-cc-evidently-slide": "'The full decision tree is on slide 23' is reported by AG132 "
    "(a numbered slide is a picture of the lecture the card lacks: 'add it or describe it in "
    "words' is the fix a user needs, as AG132's own 'see slide 14' fixture has it), not by the "
    "cross-card family's AG137: one slip, one code",
    "s36f-ar-atari-frames-to-agent-steps": BATCH36_OPEN,
    "s36f-co-impala-maxpool-stages": BATCH36_OPEN,
    "s36f-co-dilated-tcn-proprio": BATCH36_OPEN,
    "s36g-co-anisotropic-encoder-table": BATCH36_OPEN,
    "s36f-ep-encoder-grad-accum-scheduler": BATCH36_OPEN,
    "s36g-ep-slices-drop-last": BATCH36_OPEN,
    "s36g-ep-num-samples": BATCH36_OPEN,
    "s36h-ep-estimated-stepping-accum": BATCH36_OPEN,
    "s36f-pc-sac-actor-code-comments": BATCH36_OPEN,
    "s36h-pc-convnext-block-dwconv": BATCH36_OPEN,
    "s40s-co-conformer-subsampling": BATCH40_OPEN,
    "s40s-ep-dynamic-batching": BATCH40_OPEN,
    "s41v-ar-hourly-count": BATCH41_OPEN,
    "s41x-ar-batch-tensor-memory": BATCH41_OPEN,
    "s41w-co-mamba-causal-conv-pad": BATCH41_OPEN,
    "s41w-co-siglip-patch-grid": BATCH41_OPEN,
    "s41w-co-dilated-stack": BATCH41_OPEN,
    "s41x-co-strided-yearly-window": BATCH41_OPEN,
    "s41v-ep-accum-total": BATCH41_OPEN,
    "s41w-ep-token-budget-yaml": BATCH41_OPEN,
    "s41w-pc-qlora-gqa-table": BATCH41_OPEN,
    "s41w-pc-mamba-block-layers": BATCH41_OPEN,
    "s43k-ar-logmel-batch-mib": BATCH43_OPEN,
    "s43n-ar-cifar-memory-table": BATCH43_OPEN,
    "s43n-ar-recall-bold": BATCH43_OPEN,
    "s43k-co-dilated-tcn-cloze": BATCH43_OPEN,
    "s43n-co-mnist-summary-pool": BATCH43_OPEN,
    "s43q-co-convncf-stack": BATCH43_OPEN,
    "s43k-ep-podcast-total-bold": BATCH43_OPEN,
    "s43q-ep-grad-accum-heading": BATCH43_OPEN,
    "s43q-pc-user-embedding-heading": BATCH43_OPEN,
    "s43q-pc-gnn-layers-sage": BATCH43_OPEN,
    "s43q-pc-gru4rec-reset-after": BATCH43_OPEN,
    "s38p-rh-bare-s-token": BATCH38_OPEN,
    "s44r-cm-utilization-frac": BATCH44_OPEN,
    "s44s-cc-slide-vanishing": BATCH44_OPEN,
    "s44r-lo-kserve-autoscale": BATCH44_OPEN,
    "s44r-nt-supported-servers": BATCH44_OPEN,
    "s44s-py-undefined-xtrian": BATCH44_OPEN,
    "s44r-ra-tflite-edge": BATCH44_OPEN,
    "s45t-ar-bev-conv-flops": BATCH45_OPEN,
    "s45u-ar-onehot-float32-gib": BATCH45_OPEN,
    "s45u-ar-attn-score-flops": BATCH45_OPEN,
    "s45v-ar-conv3d-flops": BATCH45_OPEN,
    "s45t-cv-resnet-1080-c4": BATCH45_OPEN,
    "s45u-co-transposed-valid": BATCH45_OPEN,
    "s45u-co-patch-stem-tokens": BATCH45_OPEN,
    "s45v-co-vivit-tubelet-tokens": BATCH45_OPEN,
    "s45v-co-avgpool3d-stride-default": BATCH45_OPEN,
    "s45t-ep-onecycle-total-steps": BATCH45_OPEN,
    "s45t-ep-droplast-single-gpu": BATCH45_OPEN,
    "s45t-ep-repeat-dataset": BATCH45_OPEN,
    "s45u-ep-cosine-decay-steps": BATCH45_OPEN,
    "s45v-ep-lightning-nodes-accum-total": BATCH45_OPEN,
    "s45v-ep-ssv2-cosine-total": BATCH45_OPEN,
    "s45v-ep-videomae-warmup": BATCH45_OPEN,
    "s45v-ep-multiview-test-iters": BATCH45_OPEN,
    "s45t-pc-subm3d-kernel": BATCH45_OPEN,
    "s45u-pc-deepsea-head": BATCH45_OPEN,
    "s46x-df-warmup": BATCH46_OPEN,
    "s46w-nt-warehouse-billing-heading": BATCH46_OPEN,
    "s46w-nt-stack-table": BATCH46_OPEN,
    "s46w-py-misspelled-variable": BATCH46_OPEN,
    "s46x-py-optimiser-undefined": BATCH46_OPEN,
    "s46x-ra-keras-merge": BATCH46_OPEN,
    "s46x-tr-one-vs-two-stage": BATCH46_OPEN,
    "s47a-ar-dilated-flops": BATCH47_OPEN,
    "s47b-ar-emb-gib": BATCH47_OPEN,
    "s47c-ar-ct-volume-mib": BATCH47_OPEN,
    "s47c-ar-fp16-activation-table": BATCH47_OPEN,
    "s47c-ar-tumour-shrinkage": BATCH47_OPEN,
    "s47c-ar-conv3d-flops": BATCH47_OPEN,
    "s47a-co-ast-cloze": BATCH47_OPEN,
    "s47c-co-unetr-tokens": BATCH47_OPEN,
    "s47a-ep-whisper-max-steps": BATCH47_OPEN,
    "s47b-ep-accum": BATCH47_OPEN,
    "s47a-pc-embedding-bias": BATCH47_OPEN,
    "s47a-pc-wavenet-block": BATCH47_OPEN,
    "s47b-pc-fm": BATCH47_OPEN,
    "s48d-tr-groupby": BATCH48_OPEN,
    "s49f-ar-70b-forward-flops": BATCH49_OPEN,
    "s49f-ep-10b-token-pass": BATCH49_OPEN,
    "s49f-ep-accum-heading": BATCH49_OPEN,
    "s49f-ep-drop-last-len": BATCH49_OPEN,
    "s49f-ep-imdb-scheduler": BATCH49_OPEN,
    "s49f-pc-conv1d-kernel": BATCH49_OPEN,
    "s49f-pc-mistral-gqa-heading": BATCH49_OPEN,
    "s49g-ar-ten-minute-rows": BATCH49_OPEN,
    "s49g-ep-daily-stride-total": BATCH49_OPEN,
    "s49h-cv-depth-multiplier": BATCH49_OPEN,
    "s49h-cv-transposed": BATCH49_OPEN,
    "s49h-ep-accum": BATCH49_OPEN,
    "s49h-ep-warmup-drop": BATCH49_OPEN,
    "s51l-ar-gpu-hours-cost": BATCH51_OPEN,
    "s51l-ar-warmup-yaml": BATCH51_OPEN,
    "s51m-ar-16bit-dynamic-range": BATCH51_OPEN,
    "s51k-cv-aspp-dilation": BATCH51_OPEN,
    "s51k-cv-fpn-p6": BATCH51_OPEN,
    "s51m-co-maxpool-odd": BATCH51_OPEN,
    "s51m-co-ast-patches": BATCH51_OPEN,
    "s51k-ep-deit-total": BATCH51_OPEN,
    "s51k-ep-yolo-heading": BATCH51_OPEN,
    "s51l-ep-scaling-table": BATCH51_OPEN,
    "s51k-pc-lstm-gates": BATCH51_OPEN,
    "s51m-pc-ctc-head": BATCH51_OPEN,
    "s52n-cm-sigmoid": BATCH52_OPEN,
    "s52o-cm-replicas-frac": BATCH52_OPEN,
    "s52o-cm-grpc-power": BATCH52_OPEN,
    "s52n-cc-conv-shape": BATCH52_OPEN,
    "s52o-cc-concurrency": BATCH52_OPEN,
    "s52n-dw-primary-key": BATCH52_OPEN,
    "s52o-rh-predict-url": BATCH52_OPEN,
    "s52n-ta-missing-values": BATCH52_OPEN,
    "s53p-ar-embedding-mib": BATCH53_OPEN,
    "s53q-conv-causal-dilated": BATCH53_OPEN,
    "s53q-conv-transpose-up": BATCH53_OPEN,
    "s53r-co-dw-depth": BATCH53_OPEN,
    "s53p-ep-heading-tokens": BATCH53_OPEN,
    "s53p-pc-heading-block": BATCH53_OPEN,
    "s53q-pc-torch-lstm": BATCH53_OPEN,
    "s53q-pc-embedding-unknown": BATCH53_OPEN,
    "s53r-pc-bn-fold": BATCH53_OPEN,
    "s54t-bp-eta-upvote": BATCH54_OPEN,
    "s54t-bp-action-subscribe": BATCH54_OPEN,
    "s54s-nt-vit-jft": BATCH54_OPEN,
    "s54t-ph-sensor": BATCH54_OPEN,
    "s54s-ra-cudnnlstm": BATCH54_OPEN,
    "s54s-tr-gumbel": BATCH54_OPEN,
    "s55w-ar-vgg-fmap-memory": BATCH55_OPEN,
    "s55w-ar-step-decay-lr": BATCH55_OPEN,
    "s55w-ar-sigmoid-vanishing": BATCH55_OPEN,
    "s55v-cv-dilated": BATCH55_OPEN,
    "s55v-cv-avgpool": BATCH55_OPEN,
    "s55w-co-vgg-blocks": BATCH55_OPEN,
    "s55u-ep-960h-accum": BATCH55_OPEN,
    "s55u-ep-dynamic-duration": BATCH55_OPEN,
    "s55u-ep-clean360-heading": BATCH55_OPEN,
    "s55v-ep-negsample": BATCH55_OPEN,
    "s55v-pc-hash-emb": BATCH55_OPEN,
    "s55v-pc-conv1d-heading": BATCH55_OPEN,
    "s56y-nt-ce-logsoftmax": BATCH56_OPEN,
    "s56y-nt-layer-table": BATCH56_OPEN,
    "s56x-tr-snout-spin": BATCH56_OPEN,
    "s57a-ar-macs-flops": BATCH57_OPEN,
    "s57b-ar-adam-memory": BATCH57_OPEN,
    "s57c-ar-model-size": BATCH57_OPEN,
    "s57b-co-wav2vec-encoder": BATCH57_OPEN,
    "s57b-co-hifigan-upsample": BATCH57_OPEN,
    "s57b-co-conformer-subsampling": BATCH57_OPEN,
    "s57b-ei-token-budget": BATCH57_OPEN,
    "s57a-pc-gap-dense": BATCH57_OPEN,
    "s57b-pc-tied-untied": BATCH57_OPEN,
    "s57b-pc-gpt2-block-layernorm": BATCH57_OPEN,
    "s57c-pc-rnn-table": BATCH57_OPEN,
}


@cache
def _families(folder: Path) -> dict[str, Any]:
    return {family.name: family for family in evaluation.load_families(folder)}


CASES = [
    (batch.name, name)
    for batch in BATCHES
    for name in sorted(_families(batch))
    if name != evaluation.CORRECT_FAMILY
]
CORRECT = [batch.name for batch in BATCHES if evaluation.CORRECT_FAMILY in _families(batch)]


def test_every_batch_is_found() -> None:
    expected = {
        "holdout",
        "batch25",
        "batch26",
        *(f"batch{number}" for number in range(2, 35)),
    }
    assert expected <= {batch.name for batch in BATCHES}


@pytest.mark.parametrize(("batch", "name"), CASES)
def test_every_positive_is_caught(batch: str, name: str) -> None:
    folder = next(path for path in BATCHES if path.name == batch)
    result = evaluation.evaluate_family(_families(folder)[name])
    missed = [
        f"{case.id} (line {case.line}): found "
        + (", ".join(f"{f.code}@{f.line}" for f in found) or "nothing")
        for case, found in result.missed
        if case.id not in KNOWN_MISSES
    ]
    assert not missed, f"{batch}/{name} missed:\n  " + "\n  ".join(missed)
    family_ids = {case.id for case in _families(folder)[name].cases}
    caught_anyway = sorted(
        case.id for case in result.caught if case.id in KNOWN_MISSES and case.id in family_ids
    )
    assert not caught_anyway, f"now caught, remove from KNOWN_MISSES: {caught_anyway}"


@pytest.mark.parametrize("batch", CORRECT)
def test_no_error_on_correct_notes(batch: str) -> None:
    folder = next(path for path in BATCHES if path.name == batch)
    result = evaluation.evaluate_correct(_families(folder)[evaluation.CORRECT_FAMILY])
    errors = [f for f in result.errors if f.note not in KNOWN_FALSE_ERRORS]
    assert not errors, f"{batch}: error-level findings on correct notes:\n  " + (
        "\n  ".join(f.format() for f in errors)
    )
    ids = {case.id for case in _families(folder)[evaluation.CORRECT_FAMILY].cases}
    gone = sorted(set(KNOWN_FALSE_ERRORS) & ids - {f.note for f in result.errors})
    assert not gone, f"no longer reported, remove from KNOWN_FALSE_ERRORS: {gone}"
    warned = {f.note for f in result.warnings if f.code in _NUMBER_CODES}
    silent = sorted(set(WARNING_ONLY) & ids - warned)
    assert not silent, f"no longer warned, remove from WARNING_ONLY: {silent}"


# The number families, whose findings are graded by how sure their derivation is.
_NUMBER_CODES = {"AG101", "AG102", "AG103", "AG104"}
