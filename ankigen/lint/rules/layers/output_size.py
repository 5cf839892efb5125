"""AG103: a convolution or pooling output size that does not follow from the stated input,
kernel, stride and padding (in a sentence, an answer to "What is the output size …?", or a
table of layers and their output shapes)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ankigen.lint import stage_trace
from ankigen.lint.arith.layers import (
    Axis,
    allowed_outputs,
    explain_output,
)
from ankigen.lint.arith.quantities import (
    SEVERAL_LAYERS,
    SHAPE,
    UPSAMPLING,
    Quantity,
    distinct,
    find,
    find_pairs,
    parse_values,
)
from ankigen.lint.arith.tables import tables
from ankigen.lint.claims.wording import worded
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.grounds import Ground, graded, severity_of
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker import linker_findings
from ankigen.lint.linker.conv_chains import chain_findings
from ankigen.lint.linker.walk_notations import walk_findings
from ankigen.lint.number_gate import writes_a_number
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.layers.call_shapes import explained_by_the_call, wrong_call_shapes
from ankigen.lint.rules.layers.channel_counts import without_channel_counts
from ankigen.lint.rules.layers.code import code_findings
from ankigen.lint.rules.layers.column_tables import (
    KindSettings,
    column_table_findings,
    reads_each_row,
    table_preamble,
)
from ankigen.lint.rules.layers.counts import LIST_ITEM
from ankigen.lint.rules.layers.layer_lists import branch_lengths
from ankigen.lint.rules.layers.layer_statements import (
    OPEN_CALL,
    chained_statements,
    item_results,
    layer_statements,
    tuple_statements,
)
from ankigen.lint.rules.layers.output_solver import (
    is_per_axis,
    own_call_explains,
    solver_findings,
)
from ankigen.lint.rules.layers.patch_grids import patch_grid_findings
from ankigen.lint.rules.layers.remedies import in_remedy
from ankigen.lint.rules.layers.rounded_steps import rounded_up_findings
from ankigen.lint.rules.layers.scope import (
    FOLLOWING_STEP,
    POOL,
    Lookup,
    answer_start,
    disjoint,
    layer_blocks,
    layer_prose,
    per_axis,
    question_elsewhere,
    sentence_scopes,
    spatial_sizes,
)
from ankigen.lint.rules.layers.sequence_shapes import judgements, sequence_findings
from ankigen.lint.rules.layers.setting_judge import setting_findings
from ankigen.lint.rules.layers.setting_reader import DEFAULT_PADDING
from ankigen.lint.rules.layers.setting_tables import table_judgements
from ankigen.lint.rules.layers.shape_chains import shape_chain_findings
from ankigen.lint.rules.layers.stage_chains import chain_judgements
from ankigen.lint.rules.layers.stage_walk import stage_walk_judgements
from ankigen.lint.rules.layers.symbol_claims import symbol_findings
from ankigen.lint.rules.layers.transposed import transposed_finding
from ankigen.lint.rules.layers.worked_instances import (
    arrow_step_findings,
    labelled_transposed_findings,
    transposed_step_findings,
    worked_instance_findings,
)
from ankigen.lint.rules.layers.worked_listings import worked_findings

_OUTPUT_WORDS = lazy_regex(
    r"\b(?:stride|kernel|filter|pool|conv|padding|window|output)|_pool", re.IGNORECASE
)


# Upsampling, or a transposed convolution named by its class (``Conv2DTranspose``,
# ``nn.ConvTranspose2d``): their output grows, which the formula here does not describe.
_UPSAMPLING = lazy_regex(
    rf"{UPSAMPLING.pattern}|Conv[123]?D?Transpose|ConvTranspose[123]?d?", re.IGNORECASE
)


# A note that lets pooling round up instead of down.
_ROUNDS_UP = lazy_regex(r"ceil(?!_mode\s*=\s*False)|round(?:s|ed|ing)?\s+up|caffe", re.I)


# A layer argument that differs per axis: "kernel_size=(3, 7, 7)", "strides=(1, 2)".
_AXIS_TUPLE = lazy_regex(
    r"\b(?:kernel_size|stride|strides|padding|pool_size|dilation|dilation_rate)\s*=\s*"
    r"\(\s*(?P<values>\d+(?:\s*,\s*\d+)+)\s*,?\s*\)"
)


def _per_axis_call(text: str, body: int) -> bool:
    """Whether a layer call of the note gives an argument different values per axis."""
    return any(
        len({value.strip() for value in match["values"].split(",")}) > 1
        for match in _AXIS_TUPLE.finditer(text, body)
    )


# Padding said to be on one side only (a causal conv's left padding, TensorFlow's extra row at
# the end): the number is the whole padding, not the 2p of the symmetric formula.
_ONE_SIDED_PADDING = lazy_regex(
    # ("at the end of each block" places a layer, not its padding)
    r"\bpad\w*[^.\n]{0,60}?\b(?:on|to|at)[ \t]+the[ \t]+(?:left|right|start|beginning|end)\b"
    r"(?![ \t]+of\b)"
    r"|\b(?:left|right)[- ](?:only|side)\b[^.\n]{0,30}\bpad"
    r"|\bone[- ]sided[ \t]+(?:zero[ \t]+)?pad|\bpad\w*[^.\n]{0,40}\bon[ \t]+one[ \t]+side\b"
    r"|\basymmetric\w*[ \t]+(?:zero[ \t]+)?pad",
    re.IGNORECASE,
)


class LayerOutputSize(Rule):
    """A convolution or pooling output size that does not follow from the stated input,
    kernel, stride and padding.

    Along each axis the output of an input n, kernel k, stride s, padding p and dilation d is
    ⌊(n + 2p - d(k - 1) - 1) / s⌋ + 1: "a 32x32 input with a 5x5 kernel, stride 1 and no
    padding" gives 28x28; "same" padding gives ⌈n / s⌉ and "valid" means no padding. The
    quantities are read by their words (input/image/feature map, kernel/filter/window/pooling,
    stride, padding, dilation, output or "gives"/"yields"/"→") in one sentence, or once in its
    paragraph; "from 224x224 to 112x112" names an input and an output. Nothing is reported
    unless the input, the kernel and the output are all named; a stride or padding that is not
    named only counts as wrong when no usual value (stride 1, 2 or the kernel size; padding up
    to k - 1 or "same") makes the output right. Pooling pads nothing unless told (at most half
    its window) and rounds down: a 2x2 pool with stride 2 turns 7x7 into 3x3, and rounding up
    is accepted only where the note says so (``ceil_mode``). Upsampling is left alone, and a
    transposed convolution in prose is checked only when its sentence states the input, kernel,
    stride, padding and output: (n - 1)·s - 2p + k, or n·s with "same" padding (an output
    padding is allowed where the note names one). A sentence that names two different kernels
    or strides, or that describes a whole network or several layers, is left alone. The depth
    is checked too:
    pooling keeps the input's channels, and a convolution with F filters outputs F channels.

    Quantities may be written as layer calls in inline code (``Conv2D(32, 3, strides=2,
    padding="same")``, ``MaxPooling2D(pool_size=3)``, ``nn.Conv2d(3, 64, 3, padding=1)``,
    ``input_shape=(28, 28, 1)``) or as formula variables in inline math (``$W = 64$``); "same"
    padding needs no kernel. The answer to "What is the output size …?" may be the size alone
    ("**27x27**."), and in a table with an output-shape column each conv or pooling row takes the
    row above's output as its input.

    The output may be named as a map ("the resulting feature map is 24x24"), in bold, in a
    cloze, or for 1D layers as positions or steps ("its window visits 97 positions", "into 15
    steps"); a kernel may be given by its width ("a convolution of width 7"). A 3D kernel next to
    a 3D word (Conv3D, video, clip) checks depth, height and width. A kernel from a Keras or
    PyTorch call brings the library's defaults for what the note leaves out: no padding, stride 1
    for a convolution and the window for pooling. A table with one column per quantity (input,
    kernel, stride, padding, output) checks each row. In Python code the layers are followed from
    a stated input (``keras.Input(shape=…)``, ``input_shape=``, ``torch.randn(8, 3, 32, 32)``, or
    a shape with its batch in the comment of the line that assigns a variable the tracker does
    not follow, ``x = x.transpose(1, 2)  # (N, 64, 200)``, a warning: carried from that line),
    modules built once and applied later where they are called, with the libraries' defaults, and
    a shape in the comment of the line that applies them (``# (None, 94, 94, 16)``,
    ``# torch.Size([8, 16, 28, 28])``, ``# 26x26x32``) or of a ``print(y.shape)`` must match;
    after a wrong comment both the right shape and the stated one are followed, so one mistake
    gives one finding. A layer the tracker does not know, ``data_format`` or a comment about a
    kernel or stride is left alone. Pooling written as a function of its input is followed like
    the layer (``F.max_pool2d(x, 3, 2, 1)``, ``tf.nn.max_pool2d(x, ksize=2, strides=2,
    padding="SAME")``, ``keras.ops.max_pool(x, 2)``), and so are depthwise and separable Keras
    layers and zero padding layers (``layers.ZeroPadding2D(3)``, ``nn.ZeroPad2d((1, 1, 2, 2))``);
    in a comment "56x56 -> 28x28" the shape after the arrow is the claim.

    An explicit padding step ("zero-padded by 3 on each side, giving 230x230", "padded to
    36x36") makes the padded size the input of the next layer, so "then a 'valid' 7x7
    convolution with stride 2" on it gives 112x112. "valid" and "no padding" in one note are one
    padding of 0. A kernel cell of a table may also name the filters ("11x11, 96 filters",
    "64 filters of 3x3"): the output's depth must be that count.

    "Label: value" lines ("**Input:** 64x64", "**Kernel:** 3x3") are read one by one; layers listed
    one per item ("2. Conv 5x5, stride 1 → 28x28x6") take the previous item's size as their
    input, or take their output from a later labelled item ("- output size: 33x33x64"); and when
    the answer states one output and describes one layer, its sections may each give one
    quantity ("### Given" … "### Result"). "An input of length 50" and "a sequence of 100
    token embeddings" give a 1D input.

    A 1D output may be written as a length ("returns length 49", "gives a sequence of length
    256", "a length-49 sequence"), and any output as a change ("shortens a sequence of length
    100 to 50", "100 time steps become 50", "maps a 112x112 feature map to 56x56"), but not as a
    number that starts a calculation ("length 50 - 3 + 1 = 48"). Pooling named on the line above
    does not make a listed convolution a pooling layer. In code, transposed convolutions are
    followed with each library's formula (Keras: n·s + max(k - s, 0) for "valid", n·s for
    "same"; PyTorch: (n - 1)·s - 2p + d·(k - 1) + 1, plus a literal ``output_padding``; a
    Keras ``output_padding`` is left alone), and
    so are Keras embeddings, recurrent layers (the time axis kept only with
    ``return_sequences=True``) and multi-head attention (the query's shape). A
    ``print(model.output_shape)`` shows what the model's last layer outputs. Flatten and
    global pooling change the number of axes, so a comment after them with the batch and the
    wrong number of axes is wrong too ("(None, 1, 1, 16)" after ``GlobalAveragePooling2D()``
    unless ``keepdims=True``; PyTorch's ``AdaptiveAvgPool2d(1)`` keeps 1x1). Describing words
    may stand between a size and its noun ("a 7x7 stem convolution", "a 112x112 intermediate
    feature map"), and a layer's window may open the brackets after its name ("max pooling
    (3x3, stride 2)").

    A verb of change may name the output after the thing it changes ("shrinks the map to
    27x27", "reduces the grid to 10x10"); "subsampling layer" is an older name of pooling. The
    heading may state the layer and its result while the answer adds the padding, and the Extra
    section may describe the next layer ("the 2x2 subsampling layer then turns 10x10 into
    5x5"), unless a layer in between changed the size. Labelled items may give a 1D input and
    result ("sequence length: 100", "result: 96 positions"). In code, a comment on a line of its
    own states a shape: of the variable it names (``# x.shape == (None, 26, 26, 32)``), of what
    the line above computed (``# -> (…)``, ``# output: …``) or printed (``print(y.shape)``
    followed by ``# torch.Size([…])``), and a plain output block right after a code block that
    ends in ``print(y.shape)`` shows that shape on its first line.

    Beyond those shapes the note is read by the role of each quantity: every stated result (also
    one written first, "27x27 is what you get", after "end up with" or "is pooled to", or after
    an arrow, "65x65 -> 33x33") takes the input, kernel, stride, padding and dilation from the
    nearest scope that names them: its sentence, paragraph or list, the question and its answer,
    then the whole note with its Extra section. The input may be a size named by nothing else in
    the kernel's sentence ("take a 28 x 28 digit and a 3 x 3 kernel"), a text or signal of N
    tokens or samples, or an "N-pixel" image. This reading reports only when the padding is
    known (stated, "same" or "valid", a layer call's default, or none for pooling), the scope it
    used names one layer and one result (no "two 3x3 convolutions", no transposed layer), and
    the result is not hedged ("about", "roughly", "rounded to").

    Layers described one sentence after another chain: a sentence that names one kernel and one
    result but no input of its own takes the previous sentence's result as its input ("a 3x3
    conv with padding 1 keeps it at 128x431. The 2x2 max pooling with stride 2 then gives
    64x215"). A 1D input or result may be counted in samples, steps, frames or positions ("on
    the 16,000 input samples it yields 98 frames"). A note about one layer call that names its
    input as a batch shape compares the spatial sizes of the one other batch shape it states:
    channels first for PyTorch (``nn.Conv2d(1, 8, 3, stride=2, padding=1)`` on (1, 1, 28, 28)
    gives (1, 8, 14, 14)), channels last for Keras (``(None, 28, 28, 1)``). A labelled value
    written as a calculation claims its result ("output length: 100 - 5 + 1 = 96" claims 96).

    One result may be stated twice, per axis and as a shape ("27 positions along each axis, so
    27x27x32"): it is one result, reported once. A heading may ask for the output without "what"
    ("Output shape of ``Conv2D(…)`` on a 75x75 input?"). A list item that names a layer, or one
    setting of the layer stated above the list ("- padding 0:"), may end in its result
    ("- ``nn.MaxPool2d(2)``: 3x3", "- stride 2 -> 16x16"); the first item of a list of layers
    takes the input stated before the list. ``ceil_mode=False`` rounds down. "A 3x3, stride-2
    convolution" names a kernel, and "…, so 64x64" concludes a calculation. In code, the layers
    of a ``Sequential`` applied later are checked against the comments of their own lines
    ("# 55 x 55", "# 32x32 becomes 16x16"; "# 3x3" on a 3x3 layer names its kernel), and the
    comment of the line that applies it against the whole module's result. Flax is followed
    too: ``nn.Conv`` pads "SAME" with stride 1 unless told, ``nn.max_pool``/``nn.avg_pool``
    slide with stride 1 and "VALID" padding unless told, and ``module.apply(variables, x)``
    applies the module to ``x`` (``jnp.ones((1, 28, 28, 1))`` is channels last).

    A layer sequence written outside code is followed the same way: the rows of a model summary
    (Keras, torchinfo, torchsummary, or one written as a Markdown table), paired in order with
    the layer calls the note writes when it writes as many of each type as the summary has
    rows, and lines that write a layer call and then its result ("- ``Conv3d(3, 64, 3,
    padding=1)`` → 64 x 16 x 112 x 112"). Each layer is applied to the shape stated just before
    it (the row above, or a stated input such as "input shape ``(32, 32, 3)``"), so one wrong
    row gives one finding; a shape without its batch may put its channels first or last. A
    prose line may name a layer the note built under a name (``self.pool = nn.MaxPool2d(2)``,
    ``(conv1): Conv2d(…)`` in a ``print(model)``) instead of writing its call ("- after conv1:
    32 x 26 x 26"), or write the change ("``Conv1D(64, 7)`` maps ``(None, 100, 32)`` to …"); a
    module built once and applied n times stands for n summary rows; without an input stated
    before the sequence, the note's only stated input or the heading's one shape is taken.
    A Python prompt session (``>>> print(conv(x).shape)`` and the printed line below) is read
    as the script it runs. A prose line that gives a layer a setting per axis ("a Conv3d with
    kernel (3, 7, 7), stride (1, 2, 2) and padding (1, 3, 3) on a 16x112x112 clip becomes
    …") is read as the PyTorch call it describes (a convolution needs its padding stated).
    A summary's convolution row with no call written takes its kernel from its parameter count
    and the channels of the row above (k^d·C_in·C_out, plus C_out with a bias), with any usual
    stride (1 or 2) and padding.

    A module path (``layers.Conv2D``, ``tf.keras.layers.MaxPooling2D``) names one layer, and
    only the result's own clause can hedge it ("a 63x63 output: the size roughly halves" is
    not hedged). An input may be a count that goes through the layer ("8,000 samples pass
    through ``Conv1D(…)``") or text padded to N tokens; "1-D" is no size; "the output therefore
    has **60 steps**" states a result. A remark after the result that states no number ("…, and
    WaveNet stacks such layers") does not make the note describe several layers; one that gives
    a reason ("because two such layers are stacked") does. One layer may be described in two
    scenarios: another input in a sentence of its own ("on 384x384 it gives 24x24", also in a
    later paragraph that reuses the call of the first one), or "the
    same convolution" with another setting ("with padding 1 it would instead output 17x17"),
    also in the Extra section. The factors of a formula ("3 x 100 x 64 + 64 = 19,264") are never
    the layer's input.

    Last, a solver reads the claims the passes above left silent without their grammar: every
    number gets candidate roles from the few words around it, its table column or its keyword
    in a layer call (input, kernel, stride, padding, dilation, a claimed output, also in a
    code comment), and a claimed output is reported only when some assignment of the stated
    candidates and the libraries' defaults is complete and none of them gives it (the claim's
    own sentence, row, item or code line first, then the whole note; inputs stated before the
    claim; a 1-D count may be the positions of a square grid). A convolution described in prose
    needs its padding stated; only a layer call brings a default.

    Every finding, of the readings and of the solver, is then read against the wording of its
    claim (the same reading as AG104's): a result worded as approximate or as a bound ("about
    30x30", "at most 32x32", "smaller than 32x32"), negated or set against another scenario
    ("not 32x32", "instead of 30x30", "compared with"), or hypothetical with none of its
    scenario's settings in its own sentence, is left alone; "slides over 97 positions" is no
    bound. A hypothetical whose sentence states its settings ("with padding 1 the same layer
    would output 32x32") is judged by the readings, never by the solver.

    Last of all, the note-level setting: when the claim's sentence, or else the whole note,
    describes one layer (one kernel, stride, padding and input, no words of several layers)
    and states every quantity its formula needs, wherever they stand (heading, bold, list,
    table cell, inline call, LaTeX), each size claimed after the input is checked against
    every convention that could apply (floor or ceil for pooling, each library's defaults and
    transposed formulas, channels first or last). A table of layers is read row by row, each
    row taking the row above's output. One layer call written once for "each" or "both"
    layers of a summary stands for all of its rows. A size named as a map "per filter" is no
    kernel; a setting stated only for another scenario ("with ``ceil_mode=True`` you get 7x7
    instead") is no second value of the note's layer, and a remark after the claim that states
    no number ("the last row is then not covered") adds no layer. A claim that names its layer
    ("Output of pool1: …") is judged by the one earlier sentence that sets that layer up
    ("pool1 uses kernel 1x2x2 and stride 1x2x2"), on the size stated just before it, when no
    other layer stands between them. A table of stages set up once in prose ("| block 4
    (pool) | 14 x 14 x 512 |") is walked like a chain of stages; a row that names a block or
    stage is no single layer.

    Worked listings are judged under the rule the note itself states. A symbolic formula
    (``o = (n - k)/s + 1``, plain or LaTeX) followed by the same formula with numbers must
    substitute, for each symbol, the value the note states for its role (input, kernel, stride,
    padding): "kernel size 7, padding 3" then ``(64 + 2·3 - 3)/1 + 1 = 68`` puts the padding
    where the kernel belongs. A progression under "each pool halves" ("500 → 250 → 124"), and an
    output column beside an input column under the note's stated kernel, stride and padding
    (floor and ``ceil_mode`` columns alike), are reported only when at least three rows follow
    the rule and exactly one breaks it. A Flatten row of a shape listing (a summary, a table of
    layers, a list walking through the shapes) must be the product of the shape on the row
    above. A worked fraction "rounded up" ("= 56.5, which PyTorch rounds up to 57") is wrong
    where the note's own layer call floors it (no ``ceil_mode=True``, Caffe or "same"). Where
    several calls carry labels (their variables' names, or "(the pointwise step)" after them), a
    size claimed under a label ("the pointwise step 18x18x128") is judged by that call alone.

    A result written as a symbol's value ("$H_{out} = \\lfloor (32 + 2 - 2 - 1)/1 \\rfloor + 1 =
    32$", "L_out = floor((16000 - 160) / 400) + 1 = 40 frames", or a symbol's formula followed by
    a line of numbers) is judged against the note's one layer, read from the values its symbols
    take ("$H_{in} = W_{in} = 64$", "$k = 3$", "$d = 2$", "F = 5, S = 2, P = 1") with its words and
    calls, even when it equals the input. A setting that a fix advises ("use ``padding=2`` to
    keep 64", "to keep 1,024 steps you need padding 4 per side") belongs to the fixed layer, not
    to the one the note derives; a dilated kernel's span ("spread over 5 input positions") is no
    input; a labelled calculation claims its result ("output length is 64 - 3 + 1 = 62"); a shape
    written after its axes' letters ("C x D x H x W = 3 x 16 x 112 x 112") is an input; and a
    claim's own "with the default ``ceil_mode=False``" rounds its call down. "What does … do to
    a 16x16 map?" names the input, and a "not" after a claim ("36x36, not exactly twice the
    size") negates something else.

    A worked step with numbers (``⌊(112 - 3)/2⌋ + 1 = 55``, ``floor((224 + 6 - 7) / 2) + 1``,
    a LaTeX ``\frac``, or ``1000 - 12 + 1`` for a stride of 1) is recomputed from the layer it
    works out: the settings its own line states ("maxpool: 3x3, stride 2, padding 1 →", "- d=8:"
    under a note-wide ``kernel_size=3``, a table row's cells under "kernel", "stride", "padding"
    or "k / s / p"), else the note's layer call whose kernel the step writes
    (or its one call), else the settings the note labels once ("K = 3, dilation D = 4, S = 1" in
    the question) where the step writes them, on the step's first number as input, and on the
    axis its label names ("- T:", "height and width:"). Its result is wrong when no
    convention gives it: a padding left out, kernel and stride swapped, a per-axis stride put
    on the wrong axis (``stride=(1, 2, 2)`` halving the frames), d·k taken for a dilated
    kernel's span, or the formula's ``+ 1`` dropped where the note states the formula with it.
    A step shown as a mistake or a hypothesis is left alone. Sizes joined by arrows on a line
    that states its layer ("- layer 1 (k10, s5): 16,000 → 3,200", or "- layer 1: …" under
    "kernels (10, 3, …), strides (5, 2, …)" with no padding) are one step per arrow, and a
    worked transposed step ("(16 - 1)·2 + 4 = 34") is judged by the note's one transposed call
    (its padding, output padding or "same" mode). The
    shapes written after each module of a ``Sequential`` (``nn.MaxPool2d(2),  # (N, 64, 6,
    6)``) or each line that reassigns one variable (``x = nn.MaxPool2d(3, 2, 1)(x)  # …``), a
    layer kept in a variable applied to a new tensor (``y = up(torch.randn(N, 64, 28, 28))``)
    and the pooling rows of a Keras summary take the shape of the line above as their
    input: a pool rounds down unless the note sets ``ceil_mode=True`` or "same" padding, so
    11 → 6 after a 2x2 pool is wrong, and so is a fraction that a PyTorch call is said to round
    up ("37.5 and PyTorch rounds that up, so the map is 16x38x38"). A 3-D layer's per-axis
    stride keeps the axis it leaves at 1: a shape given after its axes' letters in math ("$T
    \\times H \\times W = 16 \\times 112 \\times 112$") is an input, "compute the output
    size" asks for this layer's result, and a table with one row per axis ("| axis | $n$ | $s$
    | $o$ |", symbol headers) is judged under the one kernel and padding stated above it.

    A walk through a network's stages, one table row or list item per layer with its own
    settings ("| conv3 | 3x3, s2, p1 | 126x126 |", "- conv (3x3, stride 2): 9x9", a layer call
    in a cell), or with the settings the note states once per kind ("all convolutions are 5x5,
    stride 1, no padding; subsampling is 2x2 with stride 2") for rows that only name their layer
    (LeNet's C1, S2 too), or a stage that strides ("- conv5_x (s=2): 7x7"), takes each row's
    input from the row above or its input column: one wrong row, one finding; so do sizes joined
    by arrows under the convolution and pooling the note sets up once ("- 140 → 138 → 136 → pool
    → 68"), a table with a column per step ("| input | after two convs | after pooling |") and a
    line of sizes joined by arrows under a list of as many layers ("conv 3x3/2 V, pool 3x3/2 V").
    A vision
    transformer's patch grid, patch count or token count must follow from the note's patch size
    and resolution (R / P per side, plus a [CLS] or a distillation token).

    How sure a finding is sets its severity (``lint.grounds``): a layer a sentence, a code
    call with its comment, a table row with a column per quantity, a patch grid or a written
    rounded quotient states whole is an error (unstated strides and paddings are tried at
    every usual value, none assumed); a warning is a size whose input or settings were
    carried from another line (the row or item above, a walk of stages, a listing, a symbol's
    value, the note's one layer call), whose layer was bound by proximity (one layer's
    quantities by nearest scope, a worked formula's layer), or that the solver or the
    note-level setting found by trying every assignment and convention. The solver grades
    each finding by its own evidence: a size is an error when the note states one input and
    the claim's own sentence, row or item (or the note's only layer) gives one layer whose
    kernel, stride and padding the words or the call state, no default and no choice among
    stated settings, and no earlier claim's size fed it; a bare number opening the answer stays
    a warning.

    Last, the set-up-to-claim linker (``lint.linker``) reads every size the claim inventory
    finds on a line nothing above reported whose own table row or layer call binds a layer
    (a kernel, stride or padding cell, a call's arguments): input, kernel, stride, padding and
    dilation by role from anywhere in the note (per axis where the shapes line up), the
    previous row's sizes as another input, and every convention (floor or ceil, "same" where
    the note says it, a pooling's stride equal to its window, a transposed layer where the
    note has one). A size no reading gives is a warning (an error only when every setting is
    stated once, on its line); a row after a reported one is not judged again.
    """

    code = "AG103"
    name = "layer-output-size"
    summary = (
        "a stated conv/pooling output size does not follow from input, kernel, stride, padding"
    )
    bad = (
        "# What does a 5x5 convolution do to a 32x32 input?\n\n"
        "With stride 1 and no padding it gives a 30x30 output.\n"
    )
    good = (
        "# What does a 5x5 convolution do to a 32x32 input?\n\n"
        "With stride 1 and no padding it gives a 28x28 output.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if not writes_a_number(document):
            return  # no number, no claim (number_gate)
        # channel counts beside kernels ("1x1, 64 -> 256") are no spatial sizes, whoever read them
        body = document.body_offset
        if any(
            not in_remedy(document.text, match.start(), body)
            for match in _ONE_SIDED_PADDING.finditer(document.text, body)
        ):
            # "pad 8 samples on the left only": p is no per-side padding of the formula (a fix
            # the note advises, "or 8 on the left to keep 1,024", pads another layer)
            stage_trace.record("gate", stage_trace.CONV, body, "one-sided padding", document)
            return
        chain = list(chain_judgements(document))
        walked = list(stage_walk_judgements(document))
        # a size the chain of stages, or a walk from the row above, gives is right whatever a
        # one-stage reading says
        right = [item for item in [*chain, *walked] if not isinstance(item, Finding)]
        found = [
            finding
            for finding in self._sizes(document, [f for f in chain if isinstance(f, Finding)])
            if not any(a < finding.end and finding.start < b for a, b in right)
            # the note's one layer call gives the claim by the framework's own formulas
            and not explained_by_the_call(document, finding.start, finding.end)
        ]
        # last, the worked listings: a formula's substituted operands, a progression under one
        # stated rule, a column of sizes, a Flatten row; each only on a line still silent
        lines = {document.position(finding.start)[0] for finding in found}
        # (graded by what each reader used, ``lint.grounds``: a listing or a step takes its
        # input from the line above or its layer's settings from another line)
        for finding in graded(worked_findings(document), Ground.CARRIED):
            line = document.position(finding.start)[0]
            if line not in lines:
                lines.add(line)
                found.append(finding)
        # and a worked step whose numbers leave out or swap a setting of its layer, and a
        # shape written after a layer line that the layer does not give from the line above
        steps = [
            *graded(worked_instance_findings(document), Ground.ROLE),
            *graded(arrow_step_findings(document), Ground.CARRIED),
            *graded(transposed_step_findings(document), Ground.ROLE),
            *graded(labelled_transposed_findings(document), Ground.CARRIED),
            *graded(shape_chain_findings(document), Ground.CARRIED),
            *graded([item for item in walked if isinstance(item, Finding)], Ground.CARRIED),
            # a patch grid and a rounded quotient rest on the sizes written beside them
            *patch_grid_findings(document),
            *rounded_up_findings(document),
        ]
        for finding in worded(layer_prose(document), steps, True):
            line = document.position(finding.start)[0]
            if line not in lines:
                lines.add(line)
                found.append(finding)
        kept = list(without_channel_counts(layer_prose(document), found, body))
        yield from kept
        # last, the set-up-to-claim linker on every claimed size no reader above reported
        reported = {document.position(f.start)[0] for f in kept}
        yield from linker_findings(document, stage_trace.CONV, reported)
        # then the stage walks in any notation, each stage checked from the one before it
        yield from walk_findings(document, reported, right)
        # and a worked size whose formula is not the layer's (no "+ 1", no "- 2p")
        yield from chain_findings(document, reported, right)

    def _sizes(self, document: LintDocument, chained: Sequence[Finding]) -> Iterator[Finding]:
        # the solver is the fallback: it speaks only on lines the readings left silent
        # and each claim judged as its wording allows (claims.wording)
        prose = layer_prose(document)
        lines: set[int] = set()
        readings = list(self._readings(document))
        # a table whose rows the setting reading judged (each row's own cells and the row
        # above's output) is left to it
        verified, tabled = table_judgements(document)
        tabled = list(graded(tabled, Ground.CARRIED))  # each row's input: the row above's
        right_lines = {document.position(start)[0] for start, _end in verified}
        readings = [f for f in readings if document.position(f.start)[0] not in right_lines]
        read_lines = {document.position(f.start)[0] for f in readings}
        readings += [f for f in tabled if document.position(f.start)[0] not in read_lines]
        if _unread_dilation(prose, document.body_offset):
            # "dilation rate d = 3", "an atrous rate of 2": a dilation named but not read
            # would be taken as none; only code, whose calls are read whole, is judged
            readings = list(code_findings(document, "shape"))
        # a line a layer sequence judged is judged by it alone: its layer call states the
        # layer's dimensions, which the phrase readings may take for other axes
        line_of = document.position
        judged = {line_of(output.start)[0] for output, _wrong in judgements(document)}
        readings = [f for f in readings if line_of(f.start)[0] not in judged]
        if _per_axis_call(document.text, document.body_offset):
            # "kernel_size=(3, 7, 7)": the phrase readings of prose take one value for every
            # axis (the code readers, in code blocks, follow each axis); a table row with a
            # column per quantity states its own axis ("| T | 16 | 3 | 1 | 1 | 8 |")
            per_row = {(f.start, f.end) for f in column_table_findings(document, prose, "output")}
            readings = [
                f
                for f in readings
                if not prose[f.start : f.end].strip() or (f.start, f.end) in per_row
            ]
        readings += graded(sequence_findings(document), Ground.CARRIED)
        lines |= judged
        # so is an item of a listed chain of layers the list reading judged right
        lines |= {line_of(output.start)[0] for output, _ in _list_chain(document, prose)}
        for finding in readings:
            lines.add(document.position(finding.start)[0])
        # a claim that the layer call of its own paragraph gives is right, whatever a phrase
        # reading bound instead
        yield from worded(
            prose, [f for f in readings if not own_call_explains(document, f.start, f.end)]
        )
        # a size a fix aims at ("to keep the length at 1,024 you need …") is the fixed layer's
        # a claim judged axis by axis (a 1x2x2 window) overrules a scalar reading that
        # judged its line right, not one that reported it
        reported = {document.position(finding.start)[0] for finding in readings}
        solved = [
            f
            for f in graded(solver_findings(document), Ground.ROLE, Ground.CHOICE)
            if (
                line_of(f.start)[0] not in lines
                or (is_per_axis(f) and line_of(f.start)[0] not in reported)
            )
            and not in_remedy(prose, f.start, document.body_offset)
        ]
        yield from worded(prose, solved, strict=True)
        # last, the note-level setting of one layer: claims wherever they stand
        lines |= {line_of(f.start)[0] for f in solved}
        settled = [
            f
            # the one layer's quantities gathered from wherever the note states them
            for f in graded(setting_findings(document), Ground.ROLE, Ground.CARRIED)
            if line_of(f.start)[0] not in lines
        ]
        yield from worded(prose, settled, strict=True)
        # and chains of repeated stages set up once ("every block ends with a 2x2 max-pool")
        lines |= {line_of(f.start)[0] for f in settled}
        yield from worded(
            prose,
            [f for f in graded(chained, Ground.CARRIED) if line_of(f.start)[0] not in lines],
            strict=True,
        )
        # and results written as a symbol's value ("$H_{out} = … = 32$") under the note's layer
        lines |= {line_of(f.start)[0] for f in chained}
        symbolic = [
            f
            for f in graded(symbol_findings(document), Ground.CARRIED)
            if line_of(f.start)[0] not in lines
        ]
        yield from worded(prose, symbolic, strict=True)
        # and the note's one layer call, by the frameworks' own formulas, on its one input
        lines |= {line_of(f.start)[0] for f in symbolic}
        by_call = [
            Finding(
                wrong.start,
                wrong.end,
                f"{wrong.message}: correct the output size",
                severity=severity_of([Ground.CARRIED]),  # the call's input: the note's one
            )
            for wrong in wrong_call_shapes(document)
            if line_of(wrong.start)[0] not in lines
        ]
        # a comment in code states its shape plainly; prose is read for its wording
        yield from [f for f in by_call if not prose[f.start : f.end].strip()]
        yield from worded(
            prose, [f for f in by_call if prose[f.start : f.end].strip()], strict=True
        )

    def _readings(self, document: LintDocument) -> Iterator[Finding]:
        yield from code_findings(document, "shape")
        prose = layer_prose(document)
        if not _OUTPUT_WORDS.search(prose, document.body_offset):
            return
        answered = _answer_outputs(document)
        heading_answer = _answer_of_heading(document, prose)
        reported: set[tuple[int, int]] = set()
        for start, end, block_start, block_end in sentence_scopes(document, _OUTPUT_WORDS, True):
            question = question_elsewhere(document, block_start, block_end)
            if _UPSAMPLING.search(prose, block_start, block_end):
                transposed = transposed_finding(prose, (start, end), (block_start, block_end))
                if transposed is not None:
                    yield transposed
                continue
            if question is not None and _UPSAMPLING.search(prose, *question):
                continue  # the question's layer is transposed: its output grows
            answer = heading_answer if question is None else None
            for step in _steps(prose, start, end):
                finding = _check_output(
                    prose, step, (block_start, block_end), question, answered, answer
                )
                if finding is not None:
                    reported.add((finding.start, finding.end))
                    yield finding
        chained = [finding for _output, finding in _list_chain(document, prose) if finding]
        # a listed layer's input is the item above's output
        for listed in graded([*chained, *branch_lengths(document, prose)], Ground.CARRIED):
            if (listed.start, listed.end) not in reported:  # labelled lines read it already
                reported.add((listed.start, listed.end))
                yield listed
        # a table may be read both ways (an output column, one column per quantity)
        tabled: set[tuple[int, int]] = set()
        for finding in [
            *graded(_table_outputs(document, prose), Ground.CARRIED),  # input: the row above
            *column_table_findings(document, prose, "output"),  # the row's own cells
        ]:
            if (finding.start, finding.end) not in tabled:
                tabled.add((finding.start, finding.end))
                yield finding
        # what the phrase passes missed: one layer's stated quantities, bound by nearest scope
        taken = reported | tabled
        for finding in graded(_statement_findings(document, prose, answered), Ground.ROLE):
            if not any(start < finding.end and finding.start < end for start, end in taken):
                yield finding


# "Output 32x32; after a 2x2 max-pool: 16x16": a clause that starts the next layer's step.
# Each step is read on its own, so the pool's window is not the conv's, nor the conv's
# padding the pool's.
_NEXT_STEP = lazy_regex(
    r"[;,]\s*(?:and\s+)?(?:then\s+)?(?:after|following)\s+(?:a|an|the|another|one)\b"
    r"(?=[^.;]{0,40}?\b(?:conv\w*|\w*pool\w*|layer)\b)",
    re.I,
)


# Words that put a layer after the one whose output a sentence before them states.
_LATER_LAYER = lazy_regex(r"\b(?:after|then|followed\s+by|next|following)\b", re.I)


def _steps(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence cut where a clause opens another layer's step."""
    cuts = [match.start() for match in _NEXT_STEP.finditer(prose, start, end)]
    bounds = [start, *cuts, end]
    return list(itertools.pairwise(bounds))


# The word, unless it is a factor of a formula written in names: "- dilation*(kernel_size-1)"
# names the term every conv's size has, not a setting of this layer.
_DILATION_WORD = lazy_regex(
    r"(?<![-+*/\N{MIDDLE DOT}\N{MULTIPLICATION SIGN}\N{MINUS SIGN}] )"
    r"(?<![-+*/\N{MIDDLE DOT}\N{MULTIPLICATION SIGN}\N{MINUS SIGN}])"
    r"(?:dilat|atrous)(?![\w]*\s*(?:[*\N{MIDDLE DOT}\N{MULTIPLICATION SIGN}]|\\cdot))",
    re.I,
)


def _unread_dilation(prose: str, body: int) -> bool:
    """Whether the prose names a dilation whose value the quantity readers do not find."""
    if not _DILATION_WORD.search(prose, body):
        return False
    return not any(find("dilation", prose, body, len(prose)))


def _statement_findings(
    document: LintDocument, prose: str, answered: Sequence[Quantity]
) -> Iterator[Finding]:
    claimed: set[int] = set()
    messages: set[str] = set()  # one result stated twice ("23 positions … 23x23x6"): one finding
    for statement in [
        *layer_statements(document, prose, answered),
        *chained_statements(document, prose),
        *tuple_statements(document, prose),
    ]:
        if statement.output.start in claimed:
            continue
        claimed.add(statement.output.start)
        note = (document.body_offset, len(prose))
        line = _line_of(prose, statement.output.start)
        if _default_contrasted(prose, line, (note,), statement.known.get("padding")):
            continue
        known = _call_defaults(prose, statement.kernel, statement.known)
        finding = _compare(
            prose, statement.size, statement.kernel, known, statement.output, statement.pooling
        ) or _filter_depth(prose, statement.kernel, statement.filters, statement.output)
        if finding is not None and finding.message not in messages:
            messages.add(finding.message)
            yield finding


_ASKS_OUTPUT = lazy_regex(
    r"\b(?:what|which)\s+(?:is\s+|are\s+)?(?:the\s+)?(?:resulting\s+|spatial\s+)?"
    r"(?:output|result|feature[- ]map)\s*(?:size|shape|dimensions?|resolution|width|height)?"
    r"|\bwhat\s+(?:size|shape|dimensions?|resolution)\b"
    r"|\bhow\s+(?:big|large|wide|tall|long)\s+is\s+the\s+(?:output|result|feature[- ]map)"
    r"|\bhow\s+many\s+(?:outputs|output\s+\w+|positions|time\s*steps|windows)\b",
    re.IGNORECASE,
)
# A question that opens with what it asks for, without "what": "Output shape of Conv2D(…) on a
# 75x75 input?", "Spatial size after a 3x3 pooling …?".
_ASKS_OUTPUT_NOUN = lazy_regex(
    r"(?:the\s+)?(?:(?:output|resulting|result)(?:\s+spatial)?\s+"
    r"(?:size|shape|dimensions?|resolution|length)\b"
    r"|(?:spatial\s+)?(?:size|shape|dimensions?|resolution)\s+(?:after|of\s+the\s+output)\b)"
    r"(?=[^?]*\?\s*$)",
    re.IGNORECASE,
)


# Other ways to ask what a layer does to a size ("What does 2x2 pooling do to a 9x9 map?", "How
# big is a 13x13 map after …?"): a what/how question about a conv or pooling layer that asks
# for no count; the answer must then open with the size.
_ASKS_WHAT_LAYER_DOES = lazy_regex(
    r"^(?![^?]*\b(?:how\s+many|param\w*|weights|flops|mult\w*|cost|memory|time)\b)"
    r"[^?]*\b(?:what|which|how\s+(?:big|large|wide|tall|small))\b"
    r"[^?]*\b(?:conv\w*|\w*pool\w*|kernel|stride|filter|window)",
    re.IGNORECASE,
)


_LEADING_SHAPE = lazy_regex(
    # "1. Conv2D with …" opens a numbered list, not an answer of size 1
    rf"[\s*_]*(?![ \t]*\d+[.)][ \t]+\S)(?:(?:it's|(?:output|result|answer):|"
    rf"(?:it|this|that|which|(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:output|result|answer|map|activation|tensor|image))\s+"
    rf"(?:is|becomes|gives|yields|produces|returns|has|shrinks\s+to|turns\s+into|"
    rf"comes\s+out\s+(?:at|as)|ends\s+up\s+(?:at|as))|"
    rf"(?:we|you)\s+get|(?:that|this)\s+(?:gives|yields|leaves))\s+)?(?:an?\s+)?[*_]*"
    rf"(?P<shape>{SHAPE}|\(\s*\d+(?:\s*,\s*\d+){{1,3}}\s*\))[*_]*"
    rf"(?=\s*(?:[.;:,(]|\N{{EN DASH}}|\N{{EM DASH}}|$|"
    r"(?:output|map|feature\s+map|pixels|activation|tensor|volume|image|grid|positions?|"
    r"time\s*steps?|steps?|values?|vectors?|elements?|frames?|windows?)s?\b))",
    re.IGNORECASE,
)


def _answer_outputs(document: LintDocument) -> list[Quantity]:
    """The size that opens the answer to "What is the output size …?": "7x7."."""
    question = document.question
    prose = layer_prose(document)
    if question is None:
        return []
    heading = prose[question[0] : question[1]].lstrip("# ")
    asks = (
        _ASKS_OUTPUT.search(prose, *question)
        or _ASKS_WHAT_LAYER_DOES.match(heading)
        or _ASKS_OUTPUT_NOUN.match(heading)
    )
    if not asks:
        return []
    start = answer_start(prose, question[1])
    match = _LEADING_SHAPE.match(prose, start)
    if match is None:
        return []
    text = match.group("shape")
    return [Quantity("output", *match.span("shape"), parse_values(text), text=text)]


def _one_output_answer(
    prose: str, question: tuple[int, int] | None, answer_outputs: Sequence[Quantity]
) -> tuple[int, int] | None:
    """The whole answer, when it states one output and describes one layer: its sections or
    paragraphs may each give one quantity ("### Setup" … "### Answer")."""
    if question is None:
        return None
    answer = (answer_start(prose, question[1]), len(prose))
    outputs = disjoint(
        [pair[1] for pair in find_pairs(prose, *answer)]
        + list(find("output", prose, *answer))
        + [extra for extra in answer_outputs if answer[0] <= extra.start]
    )
    if (
        len(outputs) != 1
        or SEVERAL_LAYERS.search(prose, *answer)
        or _UPSAMPLING.search(prose, *answer)
        or len(_LAYER_WORDS.findall(prose, *answer)) > 1  # a conv and a pool: either's sizes
    ):
        return None
    return answer


def _answer_of_heading(document: LintDocument, prose: str) -> tuple[int, int] | None:
    """The answer, when the question heading states the layer and its result ("Why does a 3x3
    pool with stride 2 turn 15x15 into 7x7?") and the answer only adds a quantity ("No padding
    is used"): it states no size of its own and names no other layer."""
    question = document.question
    if question is None:
        return None
    answer = (answer_start(prose, question[1]), len(prose))
    if answer[0] >= answer[1] or SEVERAL_LAYERS.search(prose, *answer):
        return None
    if _UPSAMPLING.search(prose, *answer) or len(_LAYER_NAMES.findall(prose, *answer)) > 1:
        return None
    if any(find("input", prose, *answer)) or any(find("output", prose, *answer)):
        return None  # the answer states sizes of its own
    if any(find_pairs(prose, *answer)) or _length_pairs(prose, *answer):
        return None
    return answer


_LAYER_WORDS = lazy_regex(r"\b(?:conv\w*|\w*pool\w*|dense|linear|fully|flatten|layers?)\b", re.I)
# The names of layers, "layer" itself left out: "the pooling layer" names one layer.
_LAYER_NAMES = lazy_regex(
    r"\b(?:conv\w*|\w*pool\w*|dense|linear|fully|flatten|(?:sub|down)-?sampling)\b", re.I
)


def _list_chain(document: LintDocument, prose: str) -> Iterator[tuple[Quantity, Finding | None]]:
    """Layers listed one per item ("1. Input: 32x32x3", "2. Conv 5x5, stride 1 → 28x28x6"):
    an item with a kernel and an output but no input takes the previous item's size. A layer
    item with no output may take it from a later labelled item ("- output size: 33x33").
    Each output judged, with its finding when it is wrong."""
    previous: Quantity | None = None
    pending: tuple[Quantity, Quantity, dict[str, Quantity | None]] | None = None
    for start, end in layer_blocks(document):
        if not LIST_ITEM.match(prose, start):
            previous, pending = None, None
            continue
        inputs = list(find("input", prose, start, end))
        kernel = distinct(list(find("kernel", prose, start, end)))
        outputs = [p[1] for p in find_pairs(prose, start, end)] + list(
            find("output", prose, start, end)
        )
        outputs += item_results(prose, start, end)  # "- ``MaxPooling2D(2)``: 28x28"
        if kernel is not None and any(_overlaps(o, kernel) for o in outputs):
            # "- Max-pool: 3x3, stride 2": the size after the label is the kernel, not an
            # output, and the item states none to chain from
            previous, pending = None, None
            continue
        output = distinct(disjoint(outputs))
        if pending is not None and kernel is None and not inputs:
            if output is None:
                continue  # "- output channels: unchanged": the layer's output is still to come
            finding = _compare(prose, pending[0], pending[1], pending[2], output)
            yield output, finding
            previous, pending = output, None
            continue
        pending = None
        if kernel is None or output is None or inputs:
            if kernel is not None and output is None and not inputs and previous is not None:
                known = _item_settings(prose, start, end)
                if known is not None:
                    pending = (previous, kernel, _call_defaults(prose, kernel, known))
            previous = distinct(inputs) if inputs and kernel is None else output
            continue
        if _UPSAMPLING.search(prose, start, end):
            previous = output  # a transposed layer grows its input: the walk readers judge it
            continue
        known_here = _item_settings(prose, start, end)
        if known_here is None:
            previous = None
            continue
        finding = None
        if previous is not None:
            known_here = _call_defaults(prose, kernel, known_here)
            finding = _compare(prose, previous, kernel, known_here, output)
            yield output, finding
        previous = None if finding is not None else output


def _overlaps(first: Quantity, second: Quantity) -> bool:
    return first.start < second.end and second.start < first.end


def _item_settings(prose: str, start: int, end: int) -> dict[str, Quantity | None] | None:
    """The stride, padding and dilation of one list item; None if one is given twice."""
    known: dict[str, Quantity | None] = {}
    for kind in ("stride", "padding", "dilation"):
        found = list(find(kind, prose, start, end))
        known[kind] = distinct(found)
        if found and known[kind] is None:
            return None
    return known


# A size between the padding and its verb is the input the layer is applied on ("zero padding of
# 1 on a 48 by 48 map gives 46 by 46"), not the padded size.
_SIZE_BEFORE = r"\d+\s*(?:[xX\N{MULTIPLICATION SIGN}*]|by\s)\s*\d"


# Explicit zero padding as a step of its own: "zero-padded by 3 on each side, giving 230x230",
# "padded to 230x230". The padded size is the input of the convolution that follows.
_PADDED_TO = lazy_regex(
    rf"\b(?:(?:zero[- ]?)?pad(?:s|ded)?\b|zero[- ]padding\b(?!\s*[=:]))"
    rf"(?:(?!conv|pool|kernel|filter|layer|{_SIZE_BEFORE})[^.;\n=()]){{0,60}}?"
    rf"(?:\b(?:giving|gives|to|into|yielding|yields|making\s+it)\s+"
    rf"|->\s*|\N{{RIGHTWARDS ARROW}}\s*)"
    rf"(?:an?\s+)?(?P<size>{SHAPE})",
    re.IGNORECASE,
)


def _padded_input(
    prose: str, sentence: tuple[int, int], block: tuple[int, int]
) -> tuple[Quantity | None, int]:
    """The size of an explicit padding step before ``sentence`` in its block, and where that
    step ends (the sentence's own outputs must come after it)."""
    found = None
    for match in _PADDED_TO.finditer(prose, block[0], sentence[1]):
        found = match
    if found is None or any(find("output", prose, found.end(), sentence[0])):
        return None, sentence[0]  # no padding step, or a layer was applied after it
    text = found.group("size")
    size = Quantity("input", *found.span("size"), parse_values(text), text=text)
    return size, found.end()


_THEN = lazy_regex(r"\bthen\b", re.IGNORECASE)


def _several_layers(prose: str, sentence: tuple[int, int], padded: bool) -> bool:
    """Whether the sentence describes several layers; after a padding step, or in a sentence
    that names one layer and one kernel ("the 2x2 pooling layer then turns 10x10 into 5x5"),
    "then" only says that the layer comes next."""
    one_layer = padded or _names_one_layer(prose, sentence)
    for match in SEVERAL_LAYERS.finditer(prose, *sentence):
        if not (one_layer and _THEN.fullmatch(match.group(0))):
            return True
    return False


def _names_one_layer(prose: str, sentence: tuple[int, int]) -> bool:
    kernels = list(find("kernel", prose, *sentence))
    return len(_LAYER_NAMES.findall(prose, *sentence)) <= 1 and len(kernels) == 1


def _another_stage_setting(
    prose: str, sentence: tuple[int, int], kernel: Quantity | None, setting: Quantity | None
) -> bool:
    """Whether a setting found outside the claim's sentence belongs to another stage: the
    sentence names its own kernel, and the setting's sentence a different one of the other
    kind of layer (a pooling after convolutions, or the other way round)."""
    if setting is None or kernel is None or sentence[0] <= setting.start < sentence[1]:
        return False
    if not sentence[0] <= kernel.start < sentence[1]:
        return False
    before = [
        m.end() for m in _SENTENCE_BREAK.finditer(prose, max(0, setting.start - 300), setting.start)
    ]
    after = _SENTENCE_BREAK.search(prose, setting.end)
    own = (
        before[-1] if before else max(0, setting.start - 300),
        after.start() if after else len(prose),
    )
    # (a pooling's sentence and a convolution's: "Effective kernel = 5" restates the layer's own)
    if (_POOL_NAMED.search(prose, *sentence) is None) == (_POOL_NAMED.search(prose, *own) is None):
        return False
    return any(other.values != kernel.values for other in find("kernel", prose, *own))


_POOL_NAMED = lazy_regex(r"\bpool|\bsubsampl", re.I)


_SENTENCE_BREAK = lazy_regex(r"[.!?;](?=\s)|\n\s*\n")


def _check_output(
    prose: str,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
    answer_outputs: Sequence[Quantity] = (),
    heading_answer: tuple[int, int] | None = None,
) -> Finding | None:
    padded, after_padding = _padded_input(prose, sentence, block)
    if _several_layers(prose, sentence, padded is not None):
        return None  # sizes of a whole network or of several layers in a row
    pairs = list(find_pairs(prose, *sentence)) + _length_pairs(prose, *sentence)
    outputs = [pair[1] for pair in pairs] + list(find("output", prose, *sentence))
    outputs += _length_outputs(prose, *sentence)
    outputs += [extra for extra in answer_outputs if sentence[0] <= extra.start < sentence[1]]
    if padded is not None:  # the padded size is no output of a layer
        outputs = [found for found in outputs if found.start >= after_padding]
    output = distinct(outputs)
    if output is None:
        return None
    if padded is not None:
        return _after_padding(prose, (after_padding, sentence[1]), block, padded, output)
    block_outputs = disjoint(
        [p[1] for p in find_pairs(prose, *block)]
        + [p[1] for p in _length_pairs(prose, *block)]
        + _length_outputs(prose, *block)
        + list(find("output", prose, *block))
        + [extra for extra in answer_outputs if block[0] <= extra.start < block[1]]
    )
    single = len(block_outputs) <= 1
    answer = _one_output_answer(prose, question, answer_outputs)
    if answer is None and heading_answer is not None and sentence[1] <= heading_answer[0]:
        answer = heading_answer  # the heading states the sizes, the answer a missing one
    lookup = Lookup(prose, sentence, block, tuple(block_outputs), single, question, answer)
    paired_inputs = [pair[0] for pair in pairs]
    stepped = _arrow_input(prose, sentence, output)
    if stepped is not None and not paired_inputs:
        looked, _ = lookup.one("input")
        if looked is not None and looked.values != stepped.values:
            # "Note how 11 → 5" after the network's input of 28: the step states its own
            # input; where nothing else is stated the other readers judge the step (a lone
            # "100 → 92" under a layer's words is theirs, with the layer's dilation)
            paired_inputs = [stepped]
        else:
            stepped = None
    size = distinct(paired_inputs) if paired_inputs else None
    ambiguous = bool(paired_inputs) and size is None
    if not paired_inputs:
        size, ambiguous = lookup.one("input")
    kernel, kernel_ambiguous = lookup.one("kernel")
    if stepped is not None and kernel is not None and kernel.start == stepped.start:
        kernel = None  # "The last pool: 10x10 -> 5x5" names the step's input, not its window
    known: dict[str, Quantity | None] = {}
    for kind in ("stride", "padding", "dilation"):
        known[kind], unclear = lookup.one(kind)
        if unclear:
            return None
        if _another_stage_setting(prose, sentence, kernel, known[kind]):
            known[kind] = None  # "3x3 convs with padding 1 …; the 2x2 pool then gives 32x32"
    if _default_contrasted(prose, sentence, (block, question), known["padding"]):
        return None  # "with the default padding, and with padding='same'": two scenarios
    if kernel is not None:
        known = _call_defaults(prose, kernel, known)
    padding = known["padding"]
    if kernel is None and padding is not None and padding.mode == "same":
        # "same" padding: the output is ⌈n / s⌉ whatever the kernel.
        kernel = Quantity("kernel", padding.start, padding.end, (1,), "", "any kernel")
    if size is None or kernel is None or ambiguous or kernel_ambiguous:
        return None
    if kernel.start >= sentence[1] and _LATER_LAYER.search(prose, sentence[1], kernel.start):
        return None  # "Output 32x32; after a 2x2 max-pool …": the next layer's window
    if _changed_since(prose, size, block):
        return None
    if size.start < sentence[0] and FOLLOWING_STEP.search(prose, *sentence):
        # "the following 3x3 max-pool … brings the map down to 56x56": the layer follows
        # another, so its input is that step's result, not a size stated before it
        return None
    filters, unclear = lookup.one("filters")
    return _compare(prose, size, kernel, known, output) or _filter_depth(
        prose, kernel, None if unclear else filters, output
    )


# "11 → 5", "**26x26** -> 13x13": a size, an arrow, then the claimed output; the size is that
# step's input (not a setting: "stride 2 → 15", nor a calculation's last term: "+ 1 → 27").
_ARROW_STEP = lazy_regex(
    rf"(?P<size>{SHAPE})[ \t*_]*(?:->|=>|\N{{RIGHTWARDS ARROW}}|\N{{RIGHTWARDS DOUBLE ARROW}})"
    r"[ \t*_]*\Z"
)
_NOT_A_STEP_INPUT = lazy_regex(
    r"\b(?:stride|strides|padding|pad|kernel|dilation|rate|filters|channels|groups|k|s|p|d)"
    r"[ \t]*[=:]?[ \t]*\Z"
    "|[-+*/=\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}][ \t]*\\Z",
    re.IGNORECASE,
)


def _arrow_input(prose: str, sentence: tuple[int, int], output: Quantity) -> Quantity | None:
    """The input a bare arrow step in the claim's sentence gives its output ("11 → 5"), if
    it has as many dimensions as the output; None for any other wording."""
    if not sentence[0] <= output.start <= sentence[1]:
        return None
    step = _ARROW_STEP.search(prose[sentence[0] : output.start])
    if step is None:
        return None
    start = sentence[0] + step.start("size")
    before = prose[max(sentence[0], start - 20) : start]
    if _NOT_A_STEP_INPUT.search(before):
        return None
    values = parse_values(step.group("size"))
    if len(values) != len(output.values):
        return None
    if any(size < out for size, out in zip(values, output.values, strict=True)):
        return None  # "patch partition 4x4 → 96x96": a step to a larger size names no input
    return Quantity("input", start, start + len(step.group("size")), values, text=step["size"])


def _default_contrasted(
    prose: str,
    local: tuple[int, int],
    scopes: Sequence[tuple[int, int] | None],
    padding: Quantity | None,
) -> bool:
    """Whether the padding read outside the claim's own sentence or line stands beside "the
    default padding" in the scopes it was looked up in: the note contrasts two paddings, and
    which one the claim is under is not known."""
    if padding is None or local[0] <= padding.start < local[1]:
        return False
    return any(scope is not None and DEFAULT_PADDING.search(prose, *scope) for scope in scopes)


def _line_of(prose: str, position: int) -> tuple[int, int]:
    end = prose.find("\n", position)
    return prose.rfind("\n", 0, position) + 1, len(prose) if end < 0 else end


def _changed_since(prose: str, size: Quantity, block: tuple[int, int]) -> bool:
    """Whether a size read before the block (in the question or an earlier paragraph) was
    changed by a layer in between: "… gives 28x28. // A 2x2 pool gives 14x14" pools 28x28."""
    if size.start >= block[0]:
        return False
    start = answer_start(prose, size.end) if prose.count("\n", size.end, block[0]) else size.end
    between = (max(size.end, start), block[0])
    if between[0] >= between[1]:
        return False
    if any(find("output", prose, *between)) or any(find_pairs(prose, *between)):
        return True
    return bool(_length_pairs(prose, *between) or _length_outputs(prose, *between))


_COUNT_N = r"(?<![\w.,])\d+(?![\w.,]\d)"
_SQUARE_SIZE = r"(?<![\w.,])\d+(?:\s*[xX\N{MULTIPLICATION SIGN}]\s*\d+){1,3}(?![\w.,]\d)"
_STEPS = r"(?:time[- ]?steps?|steps?|samples?|frames?|positions?|tokens?|values?|elements?)"
# A count of channels or features, never a size: "mapping 32 to 64 channels".
_NOT_SIZE = (
    r"(?!\d)(?!\s*(?:(?:input|output|feature)\s+)?"
    r"(?:channels?|filters?|features?|units|maps?|dim\w*)\b)"
)
# 1D lengths as a change: "shortens a sequence of length 100 to 49", "halves 100 steps to 49
# steps", "100 time steps become 49".
_LENGTH_CHANGE = lazy_regex(
    rf"\b(?:shortens?|shortening|reduces?|reducing|halves|halving|shrinks?|shrinking|cuts?|"
    rf"cutting|downsamples?|downsampling|brings?|bringing|turns?|turning|maps?|mapping)\s+"
    rf"(?:(?:it|this|that|them|an?|the|its)\s+)?(?:(?:input\s+)?(?:sequence|signal|series|input)"
    rf"\s+(?:of\s+)?)?(?:(?:length|size)\s+(?:of\s+)?)?(?P<n>{_COUNT_N})(?:[- ]{_STEPS})?\s+"
    rf"(?:(?:down\s+)?to|into)\s+(?:(?:length|size)\s+(?:of\s+)?)?(?P<out>{_COUNT_N}){_NOT_SIZE}"
    rf"(?!\s*(?:[-+*/\N{{MINUS SIGN}}\N{{MULTIPLICATION SIGN}}x]\s*\d|{_STEPS}\s+(?:each|per)))"
    rf"|(?P<n2>{_COUNT_N})\s+{_STEPS}\s+(?:become|turn\s+into|shrink\s+to|are\s+reduced\s+to)"
    rf"\s+(?P<out2>{_COUNT_N}){_NOT_SIZE}"
    rf"(?!\s*[-+*/\N{{MINUS SIGN}}\N{{MULTIPLICATION SIGN}}]\s*\d)",
    re.IGNORECASE,
)
# "produces a length-49 sequence": an output length written as an adjective.
_LENGTH_ADJECTIVE = lazy_regex(
    rf"\b(?:gives?|giving|yields?|produces?|returns?|outputs?|results?\s+in)\s+(?:an?\s+)?"
    rf"length-(?P<out>{_COUNT_N})\b(?!\s*[-+*/\N{{MINUS SIGN}}\N{{MULTIPLICATION SIGN}}]\s*\d)",
    re.IGNORECASE,
)


# "maps a 112x112 feature map to 56x56", "reduces the 32x32 image to 16x16": a size change
# whose input is named by up to three words after its size.
_SIZE_CHANGE = lazy_regex(
    rf"\b(?:maps?|mapping|turns?|turning|reduces?|reducing|shrinks?|shrinking|downsamples?|"
    rf"downsampling|brings?|bringing|takes?|taking|converts?|converting)\s+(?:an?\s+|the\s+|its\s+)?"
    rf"(?P<n>{_SQUARE_SIZE})(?:\s+(?!to\b|into\b)[A-Za-z-]+){{0,3}}\s+(?:down\s+)?(?:to|into)\s+"
    rf"(?:an?\s+|the\s+)?(?P<out>{_SQUARE_SIZE})(?!\s*[-+*/\N{{MINUS SIGN}}]\s*\d)",
    re.IGNORECASE,
)


def _length_pairs(prose: str, start: int, end: int) -> list[tuple[Quantity, Quantity]]:
    """An input and an output size named as a change: of a sequence's length ("shortens a
    sequence of length 100 to 50") or of a map's size ("maps a 112x112 map to 56x56")."""
    pairs = []
    for match in _SIZE_CHANGE.finditer(prose, start, end):
        first, second = match.group("n"), match.group("out")
        pairs.append(
            (
                Quantity("input", *match.span("n"), parse_values(first), text=first),
                Quantity("output", *match.span("out"), parse_values(second), text=second),
            )
        )
    for match in _LENGTH_CHANGE.finditer(prose, start, end):
        names = ("n", "out") if match.group("n") is not None else ("n2", "out2")
        first, second = (match.group(name) for name in names)
        pairs.append(
            (
                Quantity("input", *match.span(names[0]), (int(first),), text=first),
                Quantity("output", *match.span(names[1]), (int(second),), text=second),
            )
        )
    return pairs


def _length_outputs(prose: str, start: int, end: int) -> list[Quantity]:
    return [
        Quantity("output", *match.span("out"), (int(match.group("out")),), text=match.group("out"))
        for match in _LENGTH_ADJECTIVE.finditer(prose, start, end)
    ]


def _after_padding(
    prose: str,
    sentence: tuple[int, int],
    block: tuple[int, int],
    padded: Quantity,
    output: Quantity,
) -> Finding | None:
    """A layer applied to an explicitly padded input: its kernel, stride and padding are read
    in its own sentence, or once in the rest of the block after the padding step."""
    known: dict[str, Quantity | None] = {}
    for kind in ("kernel", "stride", "padding", "dilation", "filters"):
        found = list(find(kind, prose, *sentence)) or list(find(kind, prose, sentence[0], block[1]))
        known[kind] = distinct(found)
        if found and known[kind] is None:
            return None
    kernel = known.pop("kernel")
    filters = known.pop("filters")
    if kernel is None:
        return None
    known = _call_defaults(prose, kernel, known)
    return _compare(prose, padded, kernel, known, output) or _filter_depth(
        prose, kernel, filters, output
    )


# A call's stride or padding keyword given a name, not a number or a quoted mode.
_NAMED_ARGUMENT = lazy_regex(r"\b(?P<key>strides?|padding)\s*=\s*(?![\d(\[\"'])[A-Za-z_]\w*")


def _call_end(text: str, open_at: int) -> int:
    """The offset after the bracket that closes the one at ``open_at`` (or a line's end)."""
    depth = 0
    for index in range(open_at, min(len(text), open_at + 300)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
        if text[index] == "\n":
            break
    return min(len(text), open_at + 300)


def _call_defaults(
    prose: str, kernel: Quantity, known: dict[str, Quantity | None]
) -> dict[str, Quantity | None]:
    """A kernel given in a Keras or PyTorch call brings the library's defaults for what the
    note leaves out: no padding, stride 1 for a convolution and the window for pooling."""
    call = OPEN_CALL.search(prose, max(0, kernel.start - 120), kernel.start)
    if call is None:
        return known
    filled = dict(known)
    # an argument written as a name ("stride=s"): the call sets it, to a value the reading
    # does not know, so the library's default is no reading of it
    arguments = prose[call.start() : _call_end(prose, call.start() + len(call.group("name")))]
    named = {m.group("key").rstrip("s") for m in _NAMED_ARGUMENT.finditer(arguments)}
    if "padding" in named or "stride" in named:
        return known
    if filled["padding"] is None:
        filled["padding"] = Quantity("padding", kernel.start, kernel.end, (0,), "valid")
    if filled["stride"] is None:
        pooling = "pool" in call.group("name").lower()
        stride = kernel.values if pooling else (1,)
        filled["stride"] = Quantity("stride", kernel.start, kernel.end, stride, "", "default")
    return filled


# "Patch partition 4 x 4 → 56 x 56 tokens", "16x16 patches": a patch embedding's patch, which
# is its kernel and its stride.
_PATCH_SIZE = lazy_regex(
    r"\bpatch(?:es|ify)?(?:[ \t]+(?:partition|size|embedding|merging))?[ \t]*(?:of[ \t]*|=[ \t]*)?"
    r"(?P<a>\d+)(?:[ \t]*[x\N{MULTIPLICATION SIGN}][ \t]*\d+)?"
    r"|(?P<b>\d+)(?:[ \t]*[x\N{MULTIPLICATION SIGN}][ \t]*\d+)?[ \t]*(?:-[ \t]*)?patch",
    re.IGNORECASE,
)


def _patches_explain(prose: str, at: int, size: int, claimed: int) -> bool:
    """Whether the claim's line splits its input into patches of a stated size that give it:
    a window size elsewhere in the note ("7 x 7 windows") is then no kernel of this claim."""
    line_start = prose.rfind("\n", 0, at) + 1
    line_end = prose.find("\n", at)
    line = prose[line_start : len(prose) if line_end < 0 else line_end]
    for match in _PATCH_SIZE.finditer(line):
        patch = int(match.group("a") or match.group("b"))
        if patch > 0 and size % patch == 0 and size // patch == claimed:
            return True
    return False


# The two padding modes named as alternatives in one note.
_BOTH_MODES = lazy_regex(r"\bvalid\b[\s\S]*\bsame\b|\bsame\b[\s\S]*\bvalid\b", re.IGNORECASE)
_THREE_D = lazy_regex(r"\b(?:Conv3D|3-?D|three-dimensional|volumetric|video|clips?)\b", re.I)


def _is_3d(prose: str, kernel: Quantity, size: Quantity, output: Quantity) -> bool:
    """A 3D convolution: a kernel of three sizes named next to a 3D word, on a 3D input."""
    if len(kernel.values) != 3 or len(size.values) < 3 or len(output.values) < 3:
        return False
    return _THREE_D.search(prose, max(0, kernel.start - 80), kernel.end + 80) is not None


def _compare(
    prose: str,
    size: Quantity,
    kernel: Quantity,
    known: dict[str, Quantity | None],
    output: Quantity,
    pooling: bool | None = None,  # None: pooling when it is named near the kernel
) -> Finding | None:
    if len(kernel.values) == 3 and len(size.values) < 3:
        return None  # a 3-D kernel on an input read without its depth: its axes cannot be told
    if len(kernel.values) == 3 and max(len(size.values), len(output.values)) >= 4:
        return None  # C x D x H x W or D x H x W x C: output_solver tries both axis orders
    if len(output.values) >= len(size.values) + 2:
        return None  # "8 x 5 x 32 x 32" from "64x64": channels and depth, axes not told apart
    sizes, claimed = spatial_sizes(size.values), spatial_sizes(output.values)
    if _is_3d(prose, kernel, size, output):  # depth, height and width
        sizes, claimed = size.values[:3], output.values[:3]
    axes = min(len(sizes), len(claimed))
    if axes == 0 or kernel.values == () or len(kernel.values) > 3:
        return None
    kernels = per_axis(kernel, axes)
    strides = per_axis(known["stride"], axes)
    padding = known["padding"]
    same = padding is not None and padding.mode == "same"
    paddings: list[int | None] = [0] * axes
    if padding is None or padding.mode != "valid":
        paddings = per_axis(padding if not same else None, axes)
    dilations = per_axis(known["dilation"], axes)
    pooling = _near_pooling(prose, kernel) if pooling is None else pooling
    for axis in range(axes):
        kernel_size = kernels[axis]
        if kernel_size is None or kernel_size < 1:
            return None
        state = Axis(
            sizes[axis],
            kernel_size,
            strides[axis],
            paddings[axis],
            dilations[axis] or 1,
            same,
            pooling,
            pooling and _ROUNDS_UP.search(prose) is not None,
        )
        allowed = allowed_outputs(state)
        if same and _BOTH_MODES.search(prose):
            # "padding='same' vs 'valid'": a note comparing the two modes claims both sizes
            allowed |= allowed_outputs(replace(state, padding=0, same=False))
        if not allowed or claimed[axis] in allowed:
            continue  # a kernel larger than its input describes no real layer
        if _patches_explain(prose, output.start, sizes[axis], claimed[axis]):
            continue
        return Finding(output.start, output.end, _message(state, claimed[axis], known, kernel))
    return _channels(size, output, pooling)


def _message(state: Axis, claimed: int, known: dict[str, Quantity | None], kernel: Quantity) -> str:
    missing = [
        kind
        for kind in ("stride", "padding")
        if known[kind] is None and not (state.same and kind == "padding")
    ]
    if not missing:
        return f"{explain_output(state)}, not {claimed}: correct the output size"
    unstated = " and ".join(missing)
    if state.same:
        return (
            f"with 'same' padding an input of {state.size} gives ⌈{state.size} / stride⌉, never "
            f"{claimed} for any usual stride (not stated): correct the output size"
        )
    stride = state.stride or 1
    plain = Axis(state.size, state.kernel, stride, state.padding or 0, state.dilation)
    return (
        f"a kernel of {kernel.text or state.kernel} on an input of {state.size} cannot give "
        f"{claimed} for any usual {unstated} (not stated); with stride {stride} and padding "
        f"{plain.padding} it is {explain_output(plain)}: correct the output size"
    )


def _near_pooling(prose: str, kernel: Quantity) -> bool:
    """Whether pooling is named near the kernel, on its own line: in a list of layers the
    line above may be a pooling layer while this one is a convolution."""
    start, end = max(0, kernel.start - 40), min(len(prose), kernel.end + 40)
    for match in _ITEM_OR_PARAGRAPH.finditer(prose, start, end):
        if match.end() <= kernel.start:
            start = match.end()
        elif match.start() >= kernel.end:
            end = match.start()
            break
    return POOL.search(prose, start, end) is not None


# Where a list item or a paragraph begins: the bounds of one layer's description.
_ITEM_OR_PARAGRAPH = lazy_regex(r"\n[ \t]*(?:\n|(?:[-*+]|\d+[.)])[ \t])")


def _channels(size: Quantity, output: Quantity, pooling: bool) -> Finding | None:
    """Pooling keeps the depth: "224x224x64" pools to "112x112x64", never "112x112x32"."""
    if not pooling or len(size.values) != 3 or len(output.values) != 3:
        return None
    if (
        spatial_sizes(size.values) != size.values[:2]
        or spatial_sizes(output.values) != output.values[:2]
    ):
        return None
    if size.values[2] == output.values[2]:
        return None
    return Finding(
        output.start,
        output.end,
        f"pooling keeps the depth: {size.values[2]} channels in, {size.values[2]} out, "
        f"not {output.values[2]}: correct the output shape",
    )


def _filter_depth(
    prose: str, kernel: Quantity, filters: Quantity | None, output: Quantity
) -> Finding | None:
    """A convolution's output has one channel per filter: 64 filters give "30x30x64"."""
    pooling = _near_pooling(prose, kernel)
    if pooling or filters is None or len(filters.values) != 1 or len(output.values) != 3:
        return None
    if spatial_sizes(output.values) != output.values[:2]:
        return None  # channels first, or not a square map: leave it
    count = filters.values[0]
    if output.values[2] == count:
        return None
    return Finding(
        output.start,
        output.end,
        f"a convolution with {count} filters outputs {count} channels, not "
        f"{output.values[2]}: correct the output shape",
    )


_OUTPUT_COLUMN = lazy_regex(r"\boutput\b|\bshape\b")


_SHAPE_CELL = lazy_regex(rf"[*_]*\(?(?P<shape>{SHAPE})\)?[*_]*")


# A row of a layer table that convolves or pools; "6 filters, 5x5" (LeNet's C1) is a convolution.
_CONV_OR_POOL = lazy_regex(r"\bconv|pool|\b\d+\s+(?:filters|kernels)\b", re.IGNORECASE)


_BARE_SQUARE = lazy_regex(
    r"(?<![\w.,])(?P<v>\d+\s*[\N{MULTIPLICATION SIGN}xX*]\s*\d+)"
    r"(?![\w]|\s*[\N{MULTIPLICATION SIGN}xX*])"
)


def _table_outputs(document: LintDocument, prose: str) -> Iterator[Finding]:
    """A table of layers and their output shapes: each row's input is the row above's output."""
    for table in tables(prose, document.body_offset, len(prose)):
        column = table.column(_OUTPUT_COLUMN)
        if column is None or reads_each_row(table):
            continue
        previous, shared = table_preamble(document, prose, table)
        for row in table.rows:
            cell = row[column] if column < len(row) else None
            shape = _SHAPE_CELL.fullmatch(cell.text) if cell is not None and cell.text else None
            if cell is None or shape is None:
                previous = None
                continue
            start = cell.start + shape.start("shape")
            text = shape.group("shape")
            output = Quantity("output", start, start + len(text), parse_values(text), text=text)
            layer = (row[0].start, cell.start - 1) if column > 0 else (cell.end + 1, row[-1].end)
            if previous is not None and _CONV_OR_POOL.search(prose, *layer):
                finding = _row_output(prose, layer, previous, output, shared)
                if finding is not None:
                    yield finding
            previous = output


# A row that names a block or stage of several layers, not one layer.
_STAGE_ROW = lazy_regex(r"\b(?:blocks?|stages?)\b", re.I)


def _row_output(
    prose: str,
    layer: tuple[int, int],
    size: Quantity,
    output: Quantity,
    shared: dict[str, KindSettings],
) -> Finding | None:
    if _UPSAMPLING.search(prose, *layer):
        return None
    # a row is pooling when ITS layer is, never because the row above pools
    pooling = POOL.search(prose, *layer) is not None
    kernels = list(find("kernel", prose, *layer))
    if not kernels:
        kernels = [
            Quantity("kernel", *m.span("v"), parse_values(m.group("v")), text=m.group("v"))
            for m in _BARE_SQUARE.finditer(prose, *layer)
        ]
    settings = shared.get("pool" if pooling else "conv")
    if not kernels and _STAGE_ROW.search(prose, *layer):
        return None  # "block 2 (pool)": the block's convolutions come before its pooling
    if not kernels and settings is not None:  # "all convolutions 3x3 valid" above the table
        return _compare(prose, size, settings.kernel, dict(settings.known), output, pooling)
    kernel = distinct(kernels)
    if kernel is None:
        return None
    known: dict[str, Quantity | None] = {}
    for kind in ("stride", "padding", "dilation"):
        found = list(find(kind, prose, *layer))
        known[kind] = distinct(found)
        if found and known[kind] is None:
            return None
    filters = distinct(list(find("filters", prose, *layer)))
    if pooling:
        return _compare(prose, size, kernel, known, output, pooling)
    return _compare(prose, size, kernel, known, output, pooling) or _filter_depth(
        prose, kernel, filters, output
    )
