# ruff: noqa: RUF001
"""Correct notes that got a false error-level finding in session 16 (issue #12), one class
per letter, each with a wrong twin that must stay caught. Every number is the note's own.

A (AG102) a sample count under a noun outside the known list that fills the full batches only
  ("15 full batches of 64 (960 sketches)") is no data set size.
B (AG102) the noun after a global batch ("effective batch = 2 x 16 x 8 = 256 sequences") counts
  the batch, not the data set.
C (AG103/AG104 wording) a belief the note corrects ("I thought … stays 75x75, but …") is no claim.
D (AG104) a no-bias flag of another layer's call or of another count in the sentence ("…, and
  `Dense(256, use_bias=False)` has 131,072", "5,130 (or 5,120 with `bias=False`)").
E (AG132) "its Figure 2" right after a paper (or "et al. … their Figure 1") is the work's figure.
F (AG137) a section sign after an author's or a book's name ("Bishop (PRML §5.1)") is a citation.
G (AG103) "then halves it again to 56x56", "brings it down to 27x27": a later stage's result,
  no input of the claim's layer.
H (AG103) a stride or padding of another stage's sentence is not the claim's layer's.
I (AG104) "544 with bias and 512 without": the bare "without" is the no-bias scenario.
J (AG103) a table row that states its own kernel, stride or padding is its own stage.
K (AG102) a floor around another calculation ("⌊5 % x 7,820⌋", a warm-up share) does not say
  that the loader drops its last batch: only a floor around a division does.
L (AG104) "Keras `LSTM(512)`" in a note about both frameworks is a Keras call (its argument is
  the units), and the input the PyTorch call of the same layer states is its input too.
M (AG104) grouped-query or multi-query attention has narrower K and V than 4 d x d.
N (AG104) GPT-2's `Conv1D(nf, nx)` (`c_attn`, `c_fc`, `c_proj`) is a linear layer.
O (AG101) "the 4 replicas get ⌈50,000 / 4⌉ = 12,500": a bracket followed by its own result
  does not explain the number before it.
P (AG103) "I get 24 maps of 65x65": a bare number before "maps" counts them, no output size.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rule_harness import FixtureNote, lint_rule, write_notes

CORRECT = [
    pytest.param(
        "AG102",
        "basic",
        "# How many batches does the loader give for 1,000 sketches at batch size 64?\n"
        "\n"
        "The sketch set has 1,000 items.\n"
        "\n"
        "1,000 / 64 = 15.625, so 15 full batches of 64 (960 sketches) and a last batch of 40.\n",
        id="AG102-A-loose-noun-full-batches-paragraph",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# What does the final batch hold for 2,000 tiles at batch size 96?\n"
        "\n"
        "A DataLoader over the 2,000 tiles keeps the partial batch.\n"
        "\n"
        "- 20 full batches of 96 (1,920 tiles)\n"
        "- a last batch of 80 tiles\n",
        id="AG102-A-loose-noun-full-batches-list",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# Last batch for 1,300 recordings at batch size 128?\n"
        "\n"
        "My recordings: 1,300 clips.\n"
        "\n"
        "There are 10 complete batches (that is 1,280 clips); the last batch holds the other 20.\n",
        id="AG102-A-that-is-full-batches",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# Steps per epoch with 2 GPUs and accumulation\n"
        "\n"
        "- 2 GPUs, micro-batch of 16 sequences per GPU\n"
        "- gradient accumulation: 8\n"
        "\n"
        "Effective batch = 2 × 16 × 8 = 256 sequences of 1,024 tokens, i.e. 262,144 "
        "tokens per optimizer step; a 524M-token corpus gives about 2,000 steps per "
        "epoch.\n",
        id="AG102-B-effective-batch-sequences-list",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# Optimizer steps on a token budget\n"
        "\n"
        "With 8 GPUs × 4 sequences × 4 accumulation steps the effective batch is 128 "
        "sequences (128 × 2,048 = 262,144 tokens). Over 1.31B tokens that is roughly "
        "5,000 optimizer steps.\n",
        id="AG102-B-effective-batch-in-parenthesis",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# Global batch in tokens\n"
        "\n"
        "Global batch size = 4 × 32 = 128 sequences, with 4 GPUs and 32 sequences per "
        "GPU; at 512 tokens each, a 6.5M-token corpus takes about 100 steps.\n",
        id="AG102-B-global-batch-size-label",
    ),
    pytest.param(
        "AG103",
        "basic",
        '# Output size of a stride-2 "same" convolution on 75×75\n'
        "\n"
        'I thought "same" meant the output stays 75×75, but with stride 2 it gives ⌈75 / '
        "2⌉ = 38.\n",
        id="AG103-C-i-thought-same-keeps",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Output of a 3×3 conv, stride 1, no padding, on a 32×32 image\n"
        "\n"
        "Beginners often assume a convolution keeps the image at 32×32; without padding "
        "it shrinks to 30×30.\n",
        id="AG103-C-beginners-assume",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Output of a 5×5 conv with stride 1 and no padding on 28×28\n"
        "\n"
        "It is tempting to expect 28×28 again. The formula gives (28 − 5)/1 + 1 = 24, so 24×24.\n",
        id="AG103-C-tempting-to-expect",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Parameters of `Dense(256)` on 512 inputs, with and without bias\n"
        "\n"
        "`Dense(256)` has 131,328 parameters, and `Dense(256, use_bias=False)` has 131,072.\n",
        id="AG104-D-two-calls-one-sentence",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# How many parameters in nn.Linear(512, 10)?\n"
        "\n"
        "- weights: 512 × 10 = 5,120\n"
        "- biases: 10\n"
        "- total: 5,130 (or 5,120 with `bias=False`)\n",
        id="AG104-D-or-count-with-bias-false",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Two Keras layers on 300 inputs\n"
        "\n"
        "`Dense(50)` holds 15,050 parameters; `Dense(50, use_bias=False)` holds 15,000.\n",
        id="AG104-D-semicolon-two-calls",
    ),
    pytest.param(
        "AG132",
        "basic",
        "# Why 227 and not 224 for AlexNet?\n"
        "\n"
        "The paper (and its Figure 2) states 224×224, which does not give a whole number "
        "after conv1; implementations use 227.\n",
        id="AG132-E-the-paper-and-its-figure",
    ),
    pytest.param(
        "AG132",
        "basic",
        "# What does the ResNet paper show about plain deep nets?\n"
        "\n"
        "The ResNet paper shows in its Figure 1 that a 56-layer plain net has higher "
        "training error than a 20-layer one.\n",
        id="AG132-E-paper-shows-in-its-figure",
    ),
    pytest.param(
        "AG132",
        "basic",
        "# Where is the Transformer's architecture drawn?\n"
        "\n"
        "Vaswani et al. draw it in their Figure 1: an encoder stack on the left and a "
        "decoder stack on the right.\n",
        id="AG132-E-et-al-their-figure",
    ),
    pytest.param(
        "AG137",
        "basic",
        "# Parameters of a fully connected layer from D to M units\n"
        "\n"
        "Following Bishop (PRML §5.1), the layer has $DM$ weights and $M$ biases.\n",
        id="AG137-F-author-and-book-section",
    ),
    pytest.param(
        "AG137",
        "basic",
        "# What does the Adam update divide by?\n"
        "\n"
        "The square root of the bias-corrected second-moment estimate (Goodfellow et "
        "al., §8.5.3).\n",
        id="AG137-F-et-al-section",
    ),
    pytest.param(
        "AG137",
        "basic",
        "# Why does batch norm help optimisation?\n"
        "\n"
        "It smooths the loss landscape, as Murphy §14.2 explains, rather than only "
        "reducing covariate shift.\n",
        id="AG137-F-author-section-inline",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# What sizes does a ResNet-style stem produce on 224×224 images?\n"
        "\n"
        "The 7×7 convolution (stride 2, padding 3) gives 112×112×64; the 3×3 max pool "
        "(stride 2, padding 1) then halves it again to 56×56×64.\n",
        id="AG103-G-stem-halves-it-again-to",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Sizes in the AlexNet front end?\n"
        "\n"
        "conv1 (11×11, stride 4, no padding) gives 55×55×96, and the 3×3 max pool with "
        "stride 2 brings it down to 27×27×96.\n",
        id="AG103-G-brings-it-down-to",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Sizes after the stem on 256×256 inputs?\n"
        "\n"
        "The 7×7 convolution with stride 2 and padding 3 gives 128×128; the max pool "
        "(3×3, stride 2, padding 1) then cuts it to 64×64.\n",
        id="AG103-G-cuts-it-to",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Feature map sizes in a VGG-style block on 64×64 inputs?\n"
        "\n"
        "Two 3×3 convolutions with padding 1 keep 64×64×128; the 2×2 max pool with "
        "stride 2 then gives 32×32×128.\n",
        id="AG103-H-pool-after-semicolon",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Sizes in a small block on 48×48 inputs\n"
        "\n"
        "A 5×5 convolution with padding 2 keeps 48×48. The 2×2 max pool with stride 2 "
        "gives 24×24.\n",
        id="AG103-H-pool-next-sentence",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Feature map of a block on 100×100 inputs\n"
        "\n"
        "- 3×3 conv, padding 1: 100×100×32\n"
        "- 2×2 max pool, stride 2: 50×50×32\n",
        id="AG103-H-pool-list-item",
    ),
    pytest.param(
        "AG104",
        "cloze",
        "# Conv layer parameter count\n"
        "\n"
        "A 1×1 convolution from 16 to 32 channels has {{c1::544}} parameters with bias "
        "and {{c2::512}} without.\n",
        id="AG104-I-cloze-with-and-without",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Parameters of a 3×3 conv from 64 to 128 channels\n"
        "\n"
        "73,856 with biases, and 73,728 without.\n",
        id="AG104-I-terse-without",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Parameters of `nn.Conv2d(32, 64, 5)` with and without its bias\n"
        "\n"
        "It has 51,264 parameters with the bias and 51,200 without them.\n",
        id="AG104-I-without-them",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Spatial sizes through this small CNN on 32×32 inputs?\n"
        "\n"
        "| layer | output |\n"
        "|---|---|\n"
        "| input | 32×32 |\n"
        "| conv 3×3, stride 1, pad 1 | 32×32 |\n"
        "| conv 3×3, stride 1, pad 1 | 32×32 |\n"
        "| max pool 2×2, stride 2 | 16×16 |\n"
        "| conv 3×3, stride 2, pad 1 | 8×8 |\n",
        id="AG103-J-row-own-stride",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Sizes through a detector backbone on 128×128?\n"
        "\n"
        "| stage | size |\n"
        "|---|---|\n"
        "| input | 128×128 |\n"
        "| conv 3×3, pad 1 | 128×128 |\n"
        "| max pool 2×2 | 64×64 |\n"
        "| conv 3×3, stride 2, pad 1 | 32×32 |\n"
        "| conv 5×5, pad 2 | 32×32 |\n",
        id="AG103-J-row-own-stride-then-conv",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Walk the sizes on 96×96 inputs\n"
        "\n"
        "| layer | output |\n"
        "|---|---|\n"
        "| input | 96×96 |\n"
        "| conv 3×3, padding 1 | 96×96 |\n"
        "| pool 2×2, stride 2 | 48×48 |\n"
        "| conv 3×3, stride 2, padding 1 | 24×24 |\n"
        "| pool 2×2, stride 2 | 12×12 |\n",
        id="AG103-J-row-own-padding-no-stride",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# Warm-up length for a 5 % linear warm-up?\n"
        "\n"
        "Training runs 20 epochs of 391 steps (50,000 samples, batch 128): 7,820 steps in all, "
        "so the warm-up lasts ⌊5 % × 7,820⌋ = 391 steps.\n",
        id="AG102-K-floor-of-warm-up-share",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# How long is the warm-up?\n"
        "\n"
        "- 12 epochs × 782 steps (50,000 images, batch 64) = 9,384 steps\n"
        "- warm-up: ⌊3 % of 9,384⌋ = 281 steps\n",
        id="AG102-K-floor-in-list-item",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# Schedule for 10 epochs over 50,000 images at batch 128\n"
        "\n"
        "| quantity | value |\n"
        "|---|---|\n"
        "| steps per epoch | 391 |\n"
        "| total steps | 3,910 |\n"
        "| warm-up (2 %) | ⌊0.02 × 3,910⌋ = 78 |\n",
        id="AG102-K-floor-in-table",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# LSTM parameters in both frameworks, 300 input features and 512 units\n"
        "\n"
        "- Keras `LSTM(512)` on 300 features: 1,665,024\n"
        "- PyTorch `nn.LSTM(300, 512)`: 1,667,072\n",
        id="AG104-L-keras-label-before-call",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Why does Keras report fewer parameters than PyTorch for the same GRU (input "
        "40, hidden 128)?\n"
        "\n"
        "Keras `GRU(128, reset_after=False)` keeps one bias per gate: 3 × (128 × 168 + "
        "128) = 64,896. PyTorch `nn.GRU(40, 128)` keeps two: 3 × (128 × 168 + 256) = "
        "65,280.\n",
        id="AG104-L-gru-two-frameworks-prose",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Same LSTM, two frameworks (input $d = 64$, hidden $h = 32$)\n"
        "\n"
        "| framework | call | parameters |\n"
        "|---|---|---|\n"
        "| Keras | `LSTM(32)` | 12,416 |\n"
        "| PyTorch | `nn.LSTM(64, 32)` | 12,544 |\n",
        id="AG104-L-framework-column",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Parameters of the attention projections under grouped-query attention\n"
        "\n"
        "A model with d_model = 1280, 20 query heads of size 64 and 4 key/value heads "
        "(no biases): K and V each map 1280 → 4 × 64 = 256, so each has 1280 × 256 = "
        "327,680 weights. Q and O stay 1280 × 1280 = 1,638,400 each. The attention block "
        "has 2 × 1,638,400 + 2 × 327,680 = 3,932,160 parameters.\n",
        id="AG104-M-grouped-query-words",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# How many weights do the attention projections of a GQA layer hold?\n"
        "\n"
        "d_model 1024, 16 query heads of 64, 4 KV heads, no biases: Q and O are 1024 × "
        "1024 = 1,048,576 each, K and V are 1024 × 256 = 262,144 each, so the attention "
        "layer has 2,621,440 parameters.\n",
        id="AG104-M-gqa-kv-heads",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Multi-query attention parameter count (d_model = 512, 8 heads of 64, no "
        "biases)\n"
        "\n"
        "One shared key head and one value head: Q and O are 512 × 512 each, K and V 512 "
        "× 64 each, so the attention layer has 2 × 262,144 + 2 × 32,768 = 589,824 "
        "parameters.\n",
        id="AG104-M-multi-query",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# What is the parameter count of GPT-2 small's `c_attn`?\n"
        "\n"
        "GPT-2 fuses the query, key and value projections into one `Conv1D(3 * 768, "
        "768)` called `c_attn`: a 768 × 2304 weight and a 2304 bias, so 768 × 2304 + "
        "2304 = **1,771,776** parameters.\n",
        id="AG104-N-gpt2-c-attn",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Parameters of GPT-2 medium's MLP projections?\n"
        "\n"
        "`c_fc` is `Conv1D(4096, 1024)`: 1024 × 4096 + 4096 = 4,198,400; `c_proj` is "
        "`Conv1D(1024, 4096)`: 4096 × 1024 + 1024 = 4,195,328.\n",
        id="AG104-N-gpt2-c-fc-c-proj",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# How many parameters does the attention output projection `c_proj` of GPT-2 XL "
        "have?\n"
        "\n"
        "`Conv1D(1600, 1600)` in Hugging Face's GPT-2 is a linear map with a (1600, "
        "1600) weight and a 1600 bias: 2,561,600 parameters.\n",
        id="AG104-N-gpt2-c-proj-hf",
    ),
    pytest.param(
        "AG101",
        "basic",
        "# Steps per epoch per GPU with `DistributedSampler` on 4 GPUs?\n"
        "\n"
        "50,000 samples: each of the 4 replicas gets ⌈50,000 / 4⌉ = 12,500 (the sampler pads "
        "by repeating samples), and at a per-GPU batch of 64 runs ⌈12,500 / 64⌉ = 196 steps.\n",
        id="AG101-O-ceiling-bracket-then-result",
    ),
    pytest.param(
        "AG101",
        "basic",
        "# Dimensions per head\n\nThe 12 heads each get (768 / 12) = 64 dimensions.\n",
        id="AG101-O-round-bracket-then-result",
    ),
    pytest.param(
        "AG101",
        "basic",
        "# Rows per shard\n\nEach of the 8 shards holds ⌊10,000 / 8⌋ = 1,250 rows.\n",
        id="AG101-O-floor-bracket-then-result",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# My first conv layer: what comes out?\n"
        "\n"
        "I feed 128×128 RGB frames into `nn.Conv2d(3, 24, 3, stride=2, padding=2)`. Working it "
        "out by hand: (128 + 4 − 3) // 2 + 1 = 65, so I get 24 maps of 65×65, which matches "
        "what PyTorch printed.\n",
        id="AG103-P-get-n-maps-of-size",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# What does the first layer of LeNet-5 produce on a 32×32 digit?\n"
        "\n"
        "Six 5×5 filters without padding give 6 feature maps of 28×28.\n",
        id="AG103-P-give-n-feature-maps",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Output of 16 filters of size 3×3 with stride 1 and padding 1 on 40×40?\n"
        "\n"
        "The layer yields 16 activation maps, each 40×40.\n",
        id="AG103-P-yields-n-activation-maps",
    ),
]

WRONG = [
    pytest.param(
        "AG102",
        "basic",
        "# How many batches does the loader give for 1,000 sketches at batch size 64?\n"
        "\n"
        "The sketch set has 1,000 items.\n"
        "\n"
        "1,000 / 64 = 15.625, so 15 full batches of 64 (960 sketches) and a last batch of 24.\n",
        "not 24",
        id="AG102-A-twin",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# How many optimizer steps per epoch for 9,600 clips on 2 GPUs?\n"
        "\n"
        "Per-GPU batch 16, accumulation 3: the global batch is 2 × 16 × 3 = 96 clips, so "
        "one epoch over 9,600 clips is 120 optimizer steps.\n",
        "not 120",
        id="AG102-B-twin",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Output of a 3×3 conv, stride 1, no padding, on a 32×32 image\n"
        "\n"
        "Beginners often assume a convolution keeps the image at 32×32; without padding "
        "it shrinks to 31×31.\n",
        "31×31",
        id="AG103-C-twin",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# How many parameters in nn.Linear(512, 10)?\n"
        "\n"
        "- weights: 512 × 10 = 5,120\n"
        "- biases: 10\n"
        "- total: 5,140 (or 5,120 with `bias=False`)\n",
        "5,140",
        id="AG104-D-twin",
    ),
    pytest.param(
        "AG132",
        "basic",
        "# Why does a residual block add its input?\n"
        "\n"
        "As its Figure 1 shows, deeper plain nets train worse; the skip connection lets "
        "a block learn a correction to the identity.\n",
        "Figure 1",
        id="AG132-E-twin",
    ),
    pytest.param(
        "AG137",
        "basic",
        "# What does the Adam update divide by?\n"
        "\n"
        "The square root of the second-moment estimate (as shown in §8.5).\n",
        "§8.5",
        id="AG137-F-twin",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# What sizes does a ResNet-style stem produce on 224×224 images?\n"
        "\n"
        "The 7×7 convolution (stride 2, padding 3) gives 114×114×64; the 3×3 max pool "
        "(stride 2, padding 1) then halves it again to 56×56×64.\n",
        "not 114",
        id="AG103-G-twin",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Feature map sizes in a VGG-style block on 64×64 inputs?\n"
        "\n"
        "Two 3×3 convolutions with padding 1 keep 64×64×128; the 2×2 max pool with "
        "stride 2 then gives 31×31×128.\n",
        "31",
        id="AG103-H-twin",
    ),
    pytest.param(
        "AG104",
        "cloze",
        "# Conv layer parameter count\n"
        "\n"
        "A 1×1 convolution from 16 to 32 channels has {{c1::544}} parameters with bias "
        "and {{c2::528}} without.\n",
        "528",
        id="AG104-I-twin",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# Spatial sizes through this small CNN on 32×32 inputs?\n"
        "\n"
        "| layer | output |\n"
        "|---|---|\n"
        "| input | 32×32 |\n"
        "| conv 3×3, stride 1, pad 1 | 32×32 |\n"
        "| conv 3×3, stride 1, pad 1 | 32×32 |\n"
        "| max pool 2×2, stride 2 | 16×16 |\n"
        "| conv 3×3, stride 2, pad 1 | 7×7 |\n",
        "not 7",
        id="AG103-J-twin",
    ),
    pytest.param(
        "AG102",
        "basic",
        "# Warm-up length for a 5 % linear warm-up?\n"
        "\n"
        "Training runs 20 epochs of 392 steps (50,000 samples, batch 128): 7,840 steps in all, "
        "so the warm-up lasts ⌊5 % × 7,840⌋ = 392 steps.\n",
        "gives 392 steps",
        id="AG102-K-twin",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# LSTM parameters in both frameworks, 300 input features and 512 units\n"
        "\n"
        "- Keras `LSTM(512)` on 300 features: 1,664,000\n"
        "- PyTorch `nn.LSTM(300, 512)`: 1,667,072\n",
        "1,664,000",
        id="AG104-L-twin",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Parameters of multi-head attention with d_model = 512, no biases\n"
        "\n"
        "Q, K, V and O are each 512 × 512, so the attention layer has 1,048,000 "
        "parameters.\n",
        "1,048,000",
        id="AG104-M-twin",
    ),
    pytest.param(
        "AG104",
        "basic",
        "# Parameters of `layers.Conv1D(64, 5)` on 32 input channels?\n"
        "\n"
        "The layer has 10,340 parameters.\n",
        "10,340",
        id="AG104-N-twin",
    ),
    pytest.param(
        "AG101",
        "basic",
        "# Steps per epoch per GPU with `DistributedSampler` on 4 GPUs?\n"
        "\n"
        "50,000 samples: each of the 4 replicas gets ⌈50,000 / 4⌉ = 12,400, and at a per-GPU "
        "batch of 64 runs ⌈12,500 / 64⌉ = 196 steps.\n",
        "not 12,400",
        id="AG101-O-twin",
    ),
    pytest.param(
        "AG103",
        "basic",
        "# My first conv layer: what comes out?\n"
        "\n"
        "I feed 128×128 RGB frames into `nn.Conv2d(3, 24, 3, stride=2, padding=2)`: the output "
        "is 24 maps of 64×64.\n",
        "not 64×64",
        id="AG103-P-twin",
    ),
]


def _messages(tmp_path: Path, code: str, kind: str, body: str) -> list[str]:
    write_notes(tmp_path, [FixtureNote("note", body, type=kind)])
    return [diagnostic.message for diagnostic in lint_rule(tmp_path, code)]


@pytest.mark.parametrize(("code", "kind", "body"), CORRECT)
def test_correct_note_has_no_finding(tmp_path: Path, code: str, kind: str, body: str) -> None:
    assert _messages(tmp_path, code, kind, body) == []


@pytest.mark.parametrize(("code", "kind", "body", "expected"), WRONG)
def test_wrong_twin_is_caught(
    tmp_path: Path, code: str, kind: str, body: str, expected: str
) -> None:
    messages = _messages(tmp_path, code, kind, body)
    assert any(expected in message for message in messages), messages
