"""Layer arithmetic stated in a note: conv/pooling output sizes (AG103) and parameter counts of
dense and convolution layers (AG104). Both report only when every quantity they need is stated
(in the sentence, its paragraph, the question, or the code line and its comment).

One job per module: ``scope`` (the prose view and where a quantity is looked for),
``output_size`` (AG103), ``counts`` (a stated count and the counts a layer allows),
``one_layer`` (a count checked against the one layer its sentence describes), ``layer_lists``
(layers listed one per item or row, labelled sums, whole MLPs), ``param_count`` (AG104).
What the wording around a claim lets it claim (exact, approximate, a bound, or another
scenario) is ``ankigen.lint.claims.wording``, shared by both rules and the claim inventory.
"""

from __future__ import annotations

from ankigen.lint.rule import Rule
from ankigen.lint.rules.layers.output_size import LayerOutputSize
from ankigen.lint.rules.layers.param_count import ParameterCount

RULES: tuple[Rule, ...] = (LayerOutputSize(), ParameterCount())

__all__ = ["RULES", "LayerOutputSize", "ParameterCount"]
