"""The convention-slip checks of AG104, run last on the lines nothing else reported.

Each check knows one layer (``recurrent_slips``: an LSTM or GRU; ``conv_slips``: a grouped or a
depthwise-separable convolution, a depthwise part counted alone; ``norm_slips``: Keras' and
PyTorch's batch normalisation, layer normalisation; ``norm_conventions``: a normalisation
counted against the convention its note states (moving statistics counted, affine);
``attention_slips``: multi-head attention;
``keras_projections``: one projection of a Keras ``MultiHeadAttention`` counted alone;
``part_sums``: a total that is not the sum of its listed parts; ``rounded_counts``: a rounded
restatement at the wrong magnitude, a token, position or segment embedding;
``dropped_biases``: one count of a derivation that drops the bias its other counts keep;
``stray_biases``: a bias counted for a layer the note turns the bias off for;
``conv_stacks``: stacked convolutions, each on the filters of the one before; ``mixer_mlps``:
an MLP-Mixer's token- or channel-mixing MLP; ``gated_mlps``: a SwiGLU-style MLP counted
with two matrices) and every count the conventions that may apply
give for it, with every value a derivation states on its way; a claimed count that is none
of them is reported. See each module's docstring.
"""

from __future__ import annotations

from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rules.layers.attention_slips import attention_slip_findings
from ankigen.lint.rules.layers.conv_slips import conv_slip_findings
from ankigen.lint.rules.layers.conv_stacks import conv_stack_findings
from ankigen.lint.rules.layers.dropped_biases import dropped_bias_findings
from ankigen.lint.rules.layers.gated_mlps import gated_mlp_findings
from ankigen.lint.rules.layers.keras_projections import keras_projection_findings
from ankigen.lint.rules.layers.mixer_mlps import mixer_mlp_findings
from ankigen.lint.rules.layers.norm_conventions import norm_convention_findings
from ankigen.lint.rules.layers.norm_slips import norm_slip_findings
from ankigen.lint.rules.layers.part_sums import part_sum_findings
from ankigen.lint.rules.layers.recurrent_slips import recurrent_slip_findings
from ankigen.lint.rules.layers.rounded_counts import rounded_count_findings
from ankigen.lint.rules.layers.stray_biases import stray_bias_findings

_CHECKS = (
    recurrent_slip_findings,
    conv_slip_findings,
    norm_slip_findings,
    norm_convention_findings,
    attention_slip_findings,
    keras_projection_findings,
    part_sum_findings,
    rounded_count_findings,
    dropped_bias_findings,
    stray_bias_findings,
    conv_stack_findings,
    mixer_mlp_findings,
    gated_mlp_findings,
)


def convention_slip_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    """Findings of the slip checks on lines not in ``reported``, one per line."""
    seen = set(reported)
    for check in _CHECKS:
        for finding in check(document):
            line = document.position(finding.start)[0]
            if line not in seen:
                seen.add(line)
                yield finding
