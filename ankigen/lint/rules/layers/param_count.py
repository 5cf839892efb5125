"""AG104: a stated parameter count of a dense or convolution layer that does not follow from
its sizes; collects the findings of the sentence, list, table and code checks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint import stage_trace
from ankigen.lint.arith.quantities import (
    find,
)
from ankigen.lint.claims.wording import worded
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.grounds import Ground, graded
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker import linker_findings
from ankigen.lint.linker.bias_free_counts import bias_free_findings
from ankigen.lint.linker.norm_counts import norm_count_findings
from ankigen.lint.linker.norm_layers import norm_layer_findings
from ankigen.lint.linker.param_chains import param_chain_findings
from ankigen.lint.linker.summary_rows import summary_findings
from ankigen.lint.number_gate import writes_a_number
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.arithmetic import wrong_calculation_spans
from ankigen.lint.rules.layers.bias_scenarios import own_scenario
from ankigen.lint.rules.layers.call_counts import call_count_findings
from ankigen.lint.rules.layers.chained_conv_tables import chained_conv_findings
from ankigen.lint.rules.layers.code import code_findings
from ankigen.lint.rules.layers.column_tables import column_table_findings
from ankigen.lint.rules.layers.comment_counts import comment_count_findings
from ankigen.lint.rules.layers.computed_items import computed_item_totals
from ankigen.lint.rules.layers.convention_slips import convention_slip_findings
from ankigen.lint.rules.layers.counts import answer_totals, first_term
from ankigen.lint.rules.layers.depthwise import depthwise_findings
from ankigen.lint.rules.layers.embedding_tables import embedding_table_findings
from ankigen.lint.rules.layers.labelled_calls import labelled_call_findings
from ankigen.lint.rules.layers.layer_lists import (
    chain_counts,
    conv_chain,
    item_totals,
    labelled_sum,
    mlp_totals,
    summary_table_counts,
)
from ankigen.lint.rules.layers.norm_split import norm_split_findings
from ankigen.lint.rules.layers.one_layer import check_total, head_on_hidden, not_a_layer_total
from ankigen.lint.rules.layers.other_layers import (
    other_layer_findings,
    summary_total_findings,
)
from ankigen.lint.rules.layers.param_setting_judge import param_setting_findings
from ankigen.lint.rules.layers.param_solver import solver_findings
from ankigen.lint.rules.layers.param_statements import statement_findings
from ankigen.lint.rules.layers.part_claims import layer_totals
from ankigen.lint.rules.layers.recurrent_question import recurrent_question_findings
from ankigen.lint.rules.layers.scope import layer_prose, question_elsewhere, sentence_scopes
from ankigen.lint.rules.layers.shape_counts import shape_count_findings
from ankigen.lint.rules.layers.space_groups import comma_grouped
from ankigen.lint.rules.layers.summary_bias_rows import summary_bias_rows
from ankigen.lint.rules.layers.tensor_shape_layers import tensor_shape_findings
from ankigen.lint.rules.layers.transformer_parts import transformer_part_findings

_COUNT_WORDS = lazy_regex(r"\b(?:param|weights)", re.I)


class ParameterCount(Rule):
    """A stated parameter count of a dense or convolution layer that does not follow from its
    sizes.

    A dense (fully connected, linear) layer with n inputs and m units has n·m weights and m
    biases: 128 inputs and 64 units make 8,256 parameters. A convolution with a k_h by k_w
    kernel over C input channels and F filters has (k_h·k_w·C + 1)·F: a 3x3 convolution from
    64 to 128 channels has 73,856. The channels may come from the input shape ("a 32x32x3
    image"; a batched shape by the called conv's rank, channels last in Keras and first in
    PyTorch: "(batch, 100, 16)" for a ``Conv1D``) or the words RGB and grayscale, and the
    inputs from a flattened shape ("7x7x512 inputs"). A count whose clause says what it counts
    ("of which 768 are trainable", "128 are not trainable") is a claim of that share.
    "Without bias" (``use_bias=False``) drops the bias term, and a count of
    "weights" may leave the biases out. Counts written "8.3k" are accepted to the digits
    written. Only sentences (or their paragraph, or the question) that name every quantity
    once are checked. A note that names exactly one LSTM, GRU, embedding, batch or layer
    normalisation layer, with every size it needs and no other layer, has its counts checked:
    an LSTM with h units on x features has 4·(h·(h + x) + h) (PyTorch, with two bias vectors,
    4·(h·(h + x) + 2h)), a GRU 3·(h·(h + x) + 2h) with Keras' ``reset_after=True`` or
    3·(h·(h + x) + h) without, an embedding vocabulary * dimension, a batch normalisation over C
    channels 4·C (2·C trainable), a layer normalisation over d features 2·d; per-gate, per-head
    or whole-model counts are left alone. The "Total params" line of a ``model.summary()``, as
    text or as a Markdown table, must be the sum of its "Param #" column. A depthwise convolution
    (``DepthwiseConv2D(3)``, "a 3x3 depthwise convolution on 32 channels") has k_h·k_w·C·M
    weights and C·M biases, with
    depth multiplier M (1 unless stated); a separable one (``SeparableConv2D(64, 3)``) adds C·M·F
    pointwise weights and F biases; a count stated without saying whether biases count may
    leave them out, and a sentence that compares it with another layer is left alone. In
    PyTorch ``groups=g`` gives each filter C / g input channels: ``nn.Conv2d(48, 48, 3,
    groups=48)`` has (3·3·1 + 1)·48 = 480.

    In code, a count in the comment of a line that builds the layer (``Dense(64,
    input_shape=(128,))  # 8,256 params``, ``nn.Conv2d(3, 16, 3)  # 448 params``) and the
    Dense rows of a sequential ``model.summary()`` are checked too.

    Layers may be named by calls in inline code (``Dense(10)``, ``Conv2D(16, 5,
    use_bias=False)``, ``Conv1D(64, kernel_size=3)``, ``nn.Linear(256, 10)``), a dense layer's
    inputs by the layer it follows ("after a ``Dense(64)``", "on the 128 hidden units", "a
    20-feature input"), channels by "maps 256 channels to 64". The answer to "How many
    parameters …?" may be the count alone ("**1,280**."); a 1D convolution has (k·C + 1)·F;
    ``use_bias=False`` on the layer's own call allows only the count without biases; a list or
    a table with a parameter column chains its Dense layers, each taking the previous one's
    units as inputs; and "an MLP with layer sizes 100, 50 and 10" (or "784-128-10") sums its
    layers. Steps of a calculation ("3 x 3 x 3 = 27 weights") and per-filter counts are not
    layer totals, but a count of parameters worked out right after the layer's verb ("it has
    3 · 3 · 64 + 64 = 640 parameters") is; a wrong calculation is AG101's to report.

    A classifier head takes its units from the classes ("a 5-way softmax layer on 64 hidden
    units"), a 1D convolution its channels from the signal or sequence ("a signal with 4
    channels", "12 features per time step"), and listed convolutions take the previous one's
    filters as their input channels. Labelled lines "weights: …", "biases: …", "total: …" must
    add up, and a labelled total under a question that names the layer is checked like a
    sentence. A question about several stacked layers is left alone.

    Logistic and linear regression are one dense layer with one unit (the intercept is its bias;
    "without an intercept" drops it), softmax (multinomial) regression one with a unit per
    class; one-vs-rest is left alone. When the answer states one count and names no other kind of
    layer, its list items may each give one size ("- the model is ``Dense(4)``", "- its input has
    12 features", "- it has 48 parameters"). A ``model.summary()`` written as a Markdown table
    (layer, output shape, parameters) and a table with input, output and parameter columns are
    checked row by row. In Python code the layers are followed from a stated input, as for AG103,
    so a count in the comment of a layer in a ``Sequential`` needs no ``input_dim``; a layer built
    on its own takes its inputs from its comment ("# on 512 features: 5,130 params"). A layer
    that "maps the 128 hidden units to 7 classes" has 7 units, and "… parameters in total" in a
    sentence that names one layer is that layer's total.

    A model summary (Keras text or box drawing, a Markdown table, or PyTorch's torchsummary) is
    checked row by row, each row taking the row above's width as its input: a Dense row counts
    its biases unless the note says a layer has none (``use_bias=False``) or a normalisation
    follows it; a Conv row must be (k·C + 1)·F for some whole kernel volume k; batch
    normalisation counts 4·C in Keras and 2·C in PyTorch, layer normalisation 2·C, an LSTM,
    GRU or SimpleRNN row the formulas above, and pooling, dropout or flatten rows 0. The first
    Dense row may take its inputs from the note ("a 784-128-64-10 MLP", ``input_dim=784``). In
    code a comment may give the layer's input as a shape (``# on (None, 100, 8): 1,312
    params``), and embeddings (vocabulary · dimension), recurrent layers (PyTorch with two bias
    vectors), ``MultiHeadAttention`` (PyTorch 4·E·E + 4·E; Keras 3·(d·h·k + h·k) + h·k·d + d)
    and transposed convolutions are counted too. A 3x3x3 kernel in a note about 3D data (Conv3D,
    video, clips) counts its volume, and a fully connected layer on a "7x7x512 feature map" has
    every value of it as an input unless the map is pooled first. A summary's footer must add
    up (total = trainable + non-trainable), a GRU whose note says ``reset_after=True`` or
    ``False`` (or that is PyTorch's) allows only that layout's count, and sizes written as
    products in code (``nn.Linear(16 * 5 * 5, 120)``) are multiplied out.

    A summary table's last row may be labelled only "total". "The head is a single dense
    layer" names a classifier head, not an attention head, and a normalisation named only as
    the reason a conv drops its bias ("BatchNorm re-centres …, so the bias is redundant")
    leaves that conv's count checked.

    Last, any count left is read against the one layer its surroundings state: its sentence,
    else its paragraph, else that paragraph with the question, else the whole note, whichever
    is the first to give the layer's kind and every size once (a projection "from 768 to 256
    dimensions", "4096 → 1000", "the input has 784 features", a labelled list "- filters: 32").
    The count may be "Param #: N", the answer's "It has 144.", or split as "N weights and M
    biases", each part checked. An LSTM, GRU, embedding or normalisation layer is read the
    same way, so its count is checked in its own sentence even when the note names other
    layers (an LSTM and the dense head on it). A scope that names several layers, a model,
    two kinds of layer or a size twice, and an approximate, per-unit, frozen or compared count,
    are left alone; a model named only as the setting of one layer call ("in our retrieval
    model, ``Dense(256, use_bias=False)``") or as where its input comes from ("on
    1,024-dimensional encoder outputs") is no second layer. The input may be counted in pixels
    ("a flattened 784-pixel input"), and a depthwise layer may be a labelled list ("- layer:
    ``DepthwiseConv2D(3)``", "- input channels: 32", "- parameters: 320").

    Under a question that asks for a count, a list item that labels a layer or a scenario may
    give its count after a colon alone ("- ``Dense(16)``: 528", "- with bias: 295,168"); a list
    of layers takes its first input from the question or the paragraphs before it ("the LSTM
    returns a 256-dimensional state"), unless another kind of layer is named after that input.
    A dense layer's inputs may be stated as the data fed into it ("flattened to 784 values",
    "the 40 features are passed to"). The result of LaTeX math is a count when "parameters"
    follows it, or when it is the answer's last number (then the weights alone are accepted
    too). A table row under a parameter column that names its layer in its own cells
    ("| Dense 3072 → 768 | 2,360,064 |") is read like a sentence, never with the question.

    Last of all, a solver reads the counts on lines nothing above reported, without sentence
    grammar: every number of the note gets candidate roles from the words around it (filters,
    channels, units, features, vocabulary, kernel, "from … to", a shape's last axis, a call's
    arguments), and a count is wrong only if the layer that its sentence, unit, question or note
    names has a candidate for every size and no assignment of them gives the count, with the
    bias or, where the note drops it, without (Dense, Conv1D/2D/3D, depthwise, separable,
    Embedding, LSTM, GRU, SimpleRNN, batch and layer normalisation, and the sum of a stack of
    calls). Bounded, per-filter, compared or hypothetical counts, model summaries, notes with
    layers it does not model and recurrent layers with more than one candidate size are left
    alone; an approximate count ("about 3.9M") is judged at the precision its digits show. A
    line, item or row labelled "total" is a claim, and so is a calculation said to be the whole
    layer ("= 1,728 parameters in total, biases included"), while an item labelled with one
    tensor (``bias_ih_l0``, ``kernel``, gamma) counts that part. A grouped convolution
    (``groups=g``, on a call or in a table row) gives each filter C / g channels. A summary's
    first row may take its inputs from the code's ``keras.Input(shape=…)`` (its last axis), an
    Embedding row is vocabulary · dimension, and a Keras 3 row whose class name wrapped onto
    the next line is one row. A nested torchinfo table is read by its leaf rows, and a Keras
    summary's Conv rows take their kernels from the code's Conv calls when both list the same
    filters in the same order. A transformer block counted part by part, one list item each,
    is checked against the model width (and d_ff) the note states once: attention 4·d² + 4·d
    (4·d² without biases), feed-forward 2·d·d_ff + d_ff + d, each layer normalisation 2·d
    ("Two LayerNorms: 2 x 512 = 1,024" counts 2,048).

    A recurrent layer wrapped in ``Bidirectional(…)`` (or ``bidirectional=True``) counts twice
    and feeds twice its units to the next layer; a recurrent layer has PyTorch's two bias
    vectors in a PyTorch note, Keras' one in a Keras note, and a GRU the layout its stated
    ``reset_after`` gives. A batch normalisation count said to be of everything ("in all") is
    Keras' 4·C, one said to be trainable 2·C; a layer normalisation without bias has d. A
    list of layers each with its count, closed by a "total" item, must add up. "On the
    128-dim embeddings" names the vectors fed to a layer, no embedding layer, and a layer
    named as a table cell or list label ("| Embedding |") is one.

    Where the note itself states the deciding fact, only the reading it pins is accepted: a note
    that says each gate or unit has a bias counts the biases; a GRU row of a Keras
    ``model.summary()`` is Keras' own count, so it has ``reset_after=True`` unless the code's GRU
    call says otherwise; the closing list item or table row of a worked derivation ("4. All
    four gates: 4 x 29,184 = 116,736") is the count it arrives at, unless it is about one gate
    or unit. Under code that builds several PyTorch layers, an item labelled with a role that
    one call's comment or variable carries ("- depthwise: …", "**Pointwise:** …") must be what
    PyTorch reports for that call, whatever formula it writes out (a full kernel where the
    call sets ``groups``); so must a bare count in the comment that closes a PyTorch call
    written over several lines (``… groups=32,`` then ``bias=False)  # 36,864``), in a note about
    parameter counts. In "4·64 = 256 (128 trainable)" the share is of the layer the
    calculation's factors size. A summary footer that does not add up, whose only untrainable
    weights are its batch normalisations' moving mean and variance (2·C each), is reported on
    the non-trainable line when the total and the trainable line fit those rows. A summary's
    ``Bidirectional`` row is twice the recurrent layer the code wraps (``Bidirectional(LSTM(64))``,
    its units half the row's width), unless the code sets a ``merge_mode``, and a
    ``DepthwiseConv2D`` row is k_h·k_w·C + C with the kernel of the code's one such call.

    Every finding is then read against the wording of its claim, one reading shared with
    AG103: a count worded as approximate is right when the layer's count rounds to it at the
    precision its digits show ("about 700" or "~0.7k" for 650, "about 74k" or "≈ 73,900" for
    73,856; "roughly 7,000" for 650 is wrong), "nearly", "almost" and "just under" allow that
    precision below it, "just over" above it, "on the order of" a factor of about three, and a
    bound is checked as a bound ("fewer than 1,000", "at most", "up to", "under", "more than",
    "at least", "1,000 parameters at most"). The sentence and one-layer readings judge these
    themselves; any other finding with such wording is left alone. A negated count or the other
    side of a comparison ("not 700", "rather than 640", "instead of", "compared with",
    "versus"), a difference or ratio ("10 more than without bias", "twice as many as", "half of
    the 6,500 of a ``Dense(100)``", "the bias adds 10"), and a hypothetical count whose own
    sentence states none of its scenario's settings ("would have", "if it had", "if the bias is
    dropped") are left alone; one that states them ("without bias it would have 640") is judged
    by the readings, never by the solver.

    A Markdown table with a parameter column ("| layer | computation | parameters |") must add
    up to its "total" row (or a row that names what it totals, "| **FFN total** |"), and a
    list whose items each compute a part ("- depthwise: 3·3·32 = 288", in LaTeX too) or each
    state one tensor of a layer ("- ``in_proj_bias``: 1,536") must add up to the "total" item
    that closes it, even when that item goes on to compare ("- total: 2,336, versus 18,432 for
    a standard conv"). What Keras' ``model.summary()`` or ``count_params()`` shows of a
    ``BatchNormalization`` is its 4·C, and "4·C parameters in total, of which N are
    non-trainable" splits the layer's own total.
    A question that calls one recurrent layer on a stated input ("How many parameters does
    ``layers.GRU(64)`` have on 32-dimensional inputs?") has the answer's counts of the layer
    checked in the framework the question names, even when the answer mentions the other one:
    Keras one bias vector per gate (a GRU two with ``reset_after=True``), PyTorch two. "Each
    output channel" names a size of the layer, no output layer, and a symbol given its size
    ("with $k = 3$") is no count. Code that builds one layer and counts its parameters
    (``print(sum(p.numel() for p in conv.parameters()))  # 51,456``, a comment line that gives
    the counter's value, ``# n == 51,456``, or a Flax module with one ``Dense`` initialised on
    ``jnp.ones((1, 512))`` and counted with ``tree_leaves``) must state that layer's count in
    the comment; a recurrent call that writes out its one-layer defaults (``num_layers=1``,
    ``bidirectional=False``) is that one layer; a comment line that labels a count with the
    name of a ``Sequential`` model of dense layers on one ``Input`` width (``# decoder: 25,872
    params``) states that model's count; and a summary row written as the comment of
    ``model.summary()`` is checked like a row of the printed summary. A torchinfo row that shows
    "--" (a container, a layer without weights) adds nothing to the sum its total must be.

    A count worded as one unit's ("each output feature gets 300 weights"), one tensor's ("the
    recurrent kernel alone is 3,072") or another layer's ("against 19,200 for a standard conv")
    is no layer total, and a count whose sentence says nothing of biases is left alone when the
    note's only bias setting comes with the other scenario's count ("…; with
    ``use_bias=False`` it keeps 48,000"). A summary row that counts the biases its note drops
    (``bias=False``) is reported when the rows exceed the total by exactly those biases. A
    grouping stated in the claim's own row or sentence (``groups=4``) is its scenario; what
    ``model.summary()`` shows for one layer's row is Keras' full count; a Keras GRU in a note
    that names TF 2 or Keras 3 (and no older release, no ``reset_after``) has two bias
    vectors; PyTorch's ``nn.MultiheadAttention`` keeps its biases unless ``bias=False``; Flax's
    ``nn.Dense(features=…)`` sizes its units; "Answer: N" under a how-many question and a
    count after a dash label ("Learnable parameters — 9,472") are claims; a normalisation named
    only as the reason a layer drops its bias is no second layer; and a note that names Keras
    and PyTorch judges each count against either framework's layout.

    Last of all, the note-level setting: when the note (or a table row or list item that names a
    layer of its own, with the note's other sizes) describes ONE layer and states every size its
    count needs, anywhere (heading, prose, list items, table cells, calls and their keyword
    arguments, code and its comments), every count it claims (a count of "parameters", a
    labelled "total:", "trainable:", a bold or cloze answer to a how-many question, a table
    cell under a parameter column, a counter's comment or ``== N`` in code) must be one of the
    counts the conventions allow: biases on or off where the note does not say, Keras or
    PyTorch where it names neither, and the part its label claims (Keras' batch normalisation
    counts 4·C of which 2·C are trainable; ``nn.MultiheadAttention`` 4·E² + 4·E whatever the
    heads; a stacked PyTorch recurrent layer takes the layer below's width; scikit-learn's
    ``MLPClassifier`` sums weights and intercepts, with one output for two classes). So a
    formula that is right as arithmetic but wrong for the layer ("3 x 3 x 64 x 128 + 64", one
    bias per input channel) is reported. A note of several layers or a whole model, a size
    stated with two values, a per-unit, per-head or per-direction count, a hypothetical and an
    approximate count within a fifth are left alone.

    A count may be labelled before the calculation that works it out ("params = 784 x 256 =
    200,704", "**Weights: 256 x 256 x 3 x 3 = 589,824**", "Trainable parameters: 4 x 256 =
    1,024", a counter's comment "# 768 * 3072 = 2,359,296"): the result is the labelled count.
    A call written in the heading and again in the code is one layer. An output size, a padding
    or a length worked out beside the counts (a floor or ceiling, a cell under an "output
    length" column, a sentence about the output that names no count) and a sum of counts the
    note has already stated are no count of one layer. A labelled count that opens a
    calculation ("the parameter count: 16 x 16 x 5 + 16 = 1,296") is its first term, not the
    claim, and a claim whose own clause states its bias scenario ("with the bias, total: 308;
    ``nn.Linear(43, 7, bias=False)`` keeps 301", "… = 308 (weights and biases)") is judged in
    that scenario. Sizes may be config keys in quotes (``{"vocab_size": 8003}``), LaTeX
    subscripts (``$d_{model} = 192$``) or a symbol after their words ("model width $D = 256$",
    "hidden size $d = 768$", an embedding's width), and a table row or list item that counts a
    layer several times ("| 2 x LayerNorm |") is no one layer's count. A table's total row
    states its count in its last cell, after any calculation cell ("| **total** | 336 + 51 |
    **397** |"); a count explained after a colon ("160,128 parameters: one vector per token")
    is the layer's, and one followed by "per token" is one unit's even when the sentence goes
    on to the total. In "on 48 channels: **96** params" the count is no second channel count.

    Last, on the lines still without a finding, the convention slips of five layers, each
    counted under every convention that may apply, with every value a derivation states on its
    way (a part, one gate block, one direction, one group, one head's slice) accepted: one LSTM
    or GRU (three gates for an LSTM or four for a GRU, the recurrent kernel left out, one bias
    vector in a PyTorch note, the second layer of a stack given the first layer's inputs); a
    grouped convolution (C_out divided by the groups as well, the dense count given for it)
    and the labelled depthwise, pointwise and total parts of a separable one (the depthwise
    part counted with the output channels, a depth multiplier left out); Keras'
    ``BatchNormalization`` (a summary row, or a count said to be what the summary shows, is
    4·C; a footer whose non-trainable line is not the moving statistics' 2·C), a layer
    normalisation counted without its shift; multi-head attention counted once per head; one
    PyTorch convolution (or transposed one) whose filters are counted over one input channel
    or given a bias per input channel; a table row of one plain conv ("| 3x3 | 64 → 64 | …")
    counted at other channels; a prose line about the second or third ``Conv2D`` of a Keras
    chain that reuses the image's channels; a token embedding counted with another
    vocabulary or width than the note's ``vocab_size`` and ``d_model``; a rounded restatement
    ("= 23,440,896, so about 2.3M") more than a factor of two off; and a stated total
    ("Total: N", a closing "total" item or row) that is not the sum of the parts listed above
    it.

    Gates counted together ("with four gates the layer has …", "all three gates: …") are the
    whole recurrent layer, not one gate; a count set against something that states no size of
    its own ("1,800 parameters, fewer than an LSTM of the same width") is still the layer's
    count; a categorical feature's categories ("- categories: 20") are its embedding's
    vocabulary; in a chain of dense calls a later call takes the layer before it as its input,
    not the input the note states for the first; and under a question about a Keras
    ``BatchNormalization``, what ``model.summary()`` shows "for it" (a sentence that names no
    other layer and not the whole model) is that layer's 4·C. "Only 128 parameters are
    trainable" claims the trainable share; a vocabulary with a row more ("20 (plus one for
    unknown)", "+1 OOV row") allows both sizes; and a count whose sentence names another
    recurrent kind before it ("An LSTM of the same width has 2,480") is that layer's.

    How sure a finding is sets its severity (``lint.grounds``): a count one sentence, one code
    call or comment, a summary's column, a labelled weights/biases/total block, a table row
    or a shape written beside it states whole is an error (a question heading is the card's
    own setting; a layer's bias follows its framework's default, which a reader cannot tell
    from an omission, so it stays an error); a warning is a count whose layer's sizes were
    carried from another item, row or line (a chain of layers, the one layer a note names, a
    transformer's width stated once), whose parts were read from a list's layout, or that the
    general statement reader, the solver, the note-level setting or the convention checks
    found by trying every role, assignment and convention. The solver grades each finding by
    its own evidence: a count is an error when its words (or its column's header) say it
    counts parameters, exactly, one call can be the layer it counts (in the claim's own
    paragraph, item or row, or the note's only layer), that call's arguments state every size
    of a dense, convolution or embedding formula (a grouping or multiplier only on the call),
    and the count is wrong with a bias and without one.

    Last, the set-up-to-claim linker (``lint.linker``) reads every count the claim inventory
    finds against the layer sizes the note states by role (a call's arguments, "input 32",
    "64 units") under every formula that may apply, and records its verdict in the stage trace
    (``scripts/stage_histogram.py``); it reports no count yet.
    """

    code = "AG104"
    name = "parameter-count"
    summary = "a stated dense/conv parameter count does not follow from the layer's sizes"
    bad = (
        "# How many parameters has a dense layer with 128 inputs and 64 units?\n\n"
        "It has 8,192 parameters.\n"
    )
    good = (
        "# How many parameters has a dense layer with 128 inputs and 64 units?\n\n"
        "It has 8,256 parameters: 128 * 64 weights and 64 biases.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if not writes_a_number(document):
            return  # no number, no claim (number_gate)
        reported: set[int] = set()
        for finding in self._check(document):
            reported.add(document.position(finding.start)[0])
            yield finding
        # last, the set-up-to-claim linker on every claimed count no reader above reported
        yield from linker_findings(document, stage_trace.PARAMS, reported)
        # then each summary row against the note's one call of its layer type
        yield from summary_findings(document, reported)
        # and a worked count whose formula is not the layer's
        yield from param_chain_findings(document, reported)
        # and a batch normalisation's trainable split
        yield from norm_count_findings(document, reported)
        # and a normalisation's vectors beside another layer, or a layer norm's
        yield from norm_layer_findings(document, reported)
        # and one dense layer's count given as its weights alone
        yield from bias_free_findings(document, reported)

    def _check(self, document: LintDocument) -> Iterator[Finding]:
        # "100 480 parameters" is one count, read as "100,480" (space_groups)
        document = comma_grouped(document)
        # the solver last, on the lines the readings left without a finding
        # and each claim judged as its wording allows (claims.wording)
        prose = layer_prose(document)
        lines: set[int] = set()
        # a normalisation's trainable or non-trainable share is judged as the share it is
        # (each reader graded by what it used, ``lint.grounds``)
        shares = list(graded(norm_split_findings(document, prose), Ground.CARRIED))
        readings = [*shares, *self._readings(document)]
        # a total item right after its label ("- Total: 2,336, versus …") is a claim whatever
        # it is compared with: no wording to read
        labelled = [
            f
            # which items are the total's parts is read from the layout
            for f in graded(computed_item_totals(document), Ground.LABEL)
            if all(r.start != f.start for r in readings)
        ]
        for finding in [*readings, *labelled]:
            lines.add(document.position(finding.start)[0])
        # a count worded as per unit, one tensor's or another layer's is no layer total
        yield from worded(prose, shares)
        floor = document.body_offset
        # … and a claim that may be another bias scenario's ("…; with use_bias=False it keeps
        # 48,000") is left alone
        yield from own_scenario(
            prose, floor, layer_totals(prose, worded(prose, readings[len(shares) :]))
        )
        yield from labelled
        solved = worded(
            prose, graded(solver_findings(document, lines), Ground.ROLE, Ground.CHOICE), strict=True
        )
        for finding in own_scenario(prose, floor, layer_totals(prose, solved)):
            lines.add(document.position(finding.start)[0])
            yield finding
        # last, the note-level setting: a one-layer note's every claimed count, on lines
        # nothing above reported
        by_setting = [
            f
            # the layer's sizes gathered from wherever the note states them, roles from words
            for f in graded(param_setting_findings(document), Ground.ROLE, Ground.CARRIED)
            if document.position(f.start)[0] not in lines
        ]
        yield from own_scenario(prose, floor, by_setting)
        lines.update(document.position(f.start)[0] for f in by_setting)
        # and a one-layer code block's count, against what the framework reports
        by_call = [
            f for f in call_count_findings(document) if document.position(f.start)[0] not in lines
        ]
        yield from by_call
        lines.update(document.position(f.start)[0] for f in by_call)
        # and a layer described by its weight's and bias's shapes
        by_shapes = [
            f
            for f in graded(tensor_shape_findings(document), Ground.CARRIED)
            if document.position(f.start)[0] not in lines
        ]
        yield from by_shapes
        lines.update(document.position(f.start)[0] for f in by_shapes)
        # and a count labelled with the role ("depthwise:") of one of several calls
        by_role = [
            f
            for f in labelled_call_findings(document)
            if document.position(f.start)[0] not in lines
        ]
        yield from by_role
        lines.update(document.position(f.start)[0] for f in by_role)
        # last, counts no convention of one known layer gives (convention_slips)
        # (the layer and its sizes' roles read from words across the note, every convention)
        yield from graded(convention_slip_findings(document, lines), Ground.ROLE, Ground.CHOICE)

    def _readings(self, document: LintDocument) -> Iterator[Finding]:
        yield from code_findings(document, "count")
        yield from summary_total_findings(document)
        yield from summary_bias_rows(document)
        yield from shape_count_findings(document)
        yield from comment_count_findings(document)
        yield from graded(chained_conv_findings(document), Ground.CARRIED)
        prose = layer_prose(document)
        if not _COUNT_WORDS.search(prose, document.body_offset):
            return
        # A wrong calculation is AG101's to report, even when its result counts parameters.
        reported = {
            offset
            for start, end in wrong_calculation_spans(document)
            for offset in range(start, end + 1)
        }
        chained, chain_findings = conv_chain(document, prose)
        found = [
            # one sentence, one list item or one row binds each size by its own words
            *(f for f in self._sentences(document, prose) if f.start not in chained),
            # a listed layer's inputs: the item above's outputs
            *graded(chain_findings, Ground.CARRIED),
            *graded(chain_counts(document, prose), Ground.CARRIED),
            *graded(mlp_totals(document, prose), Ground.CARRIED),
            *labelled_sum(document, prose),
            *graded(item_totals(document, prose), Ground.LABEL),  # parts read from the layout
            *graded(summary_table_counts(document, prose), Ground.CARRIED),
            *column_table_findings(document, prose, "params"),
            *depthwise_findings(document, prose),
            # the one layer a note names, its sizes wherever the note states them
            *graded(other_layer_findings(document, prose), Ground.CARRIED),
            *embedding_table_findings(document, prose),
            *graded(recurrent_question_findings(document, prose), Ground.CARRIED),
            *graded(transformer_part_findings(document), Ground.CARRIED),
            # the general reading last: what the phrase patterns above leave
            *graded(statement_findings(document, prose), Ground.ROLE, Ground.CHOICE),
        ]
        for finding in found:
            if finding.start not in reported:
                reported.add(finding.start)
                yield finding

    def _sentences(self, document: LintDocument, prose: str) -> Iterator[Finding]:
        for start, end, block_start, block_end in sentence_scopes(document, _COUNT_WORDS):
            scope = (block_start, block_end)
            question = question_elsewhere(document, block_start, block_end)
            totals = list(find("total", prose, start, end))
            totals += [
                extra
                for extra in answer_totals(document, start, end)
                if not any(t.start < extra.end and extra.start < t.end for t in totals)
            ]
            for total in totals:
                if not_a_layer_total(prose, total) or first_term(prose, total):
                    continue
                head = head_on_hidden(prose, total, (start, end), scope, question)
                if head is not None:
                    if head[0] is not None:  # the output layer's sizes stated elsewhere
                        yield from graded([head[0]], Ground.CARRIED)
                    continue
                finding = check_total(prose, total, (start, end), scope, question)
                if finding is not None:
                    yield finding
