"""Second round of prose shapes for issue #12 (AG131 credit lines, AG135 cut answers and
cut words, AG132 figures): each shape written in its own words and layout, with a near
miss that must stay silent. Same conventions as tests/test_prose_shapes.py: a body without
a question heading gets one; a body starting with "CLOZE:" is a cloze note.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rule_harness import lint_rule, write_notes
from tests.test_prose_shapes import _note

# The pictures the notes show exist: a lead-in followed by its picture is complete.
_IMAGES = {name: "png" for name in ("curve.png", "adam.png", "softmax.png", "loss.png")}


def _reported(tmp_path: Path, code: str, bodies: list[str]) -> list[str]:
    """The bodies (each a note of one deck) on which ``code`` reports something."""
    write_notes(tmp_path, [_note(index, body) for index, body in enumerate(bodies)], _IMAGES)
    found = {diagnostic.path.stem for diagnostic in lint_rule(tmp_path, code)}
    return [body for index, body in enumerate(bodies) if f"n{index:03d}" in found]


_DRIFT = "Data drift is a shift in the inputs a deployed model receives."

CREDIT_REPORTED = [
    # a credit line in parentheses and italics, whatever the names in it
    f"{_DRIFT}\n\n*(Source: Tecton blog, Hopsworks docs)*",
    f"{_DRIFT}\n\n*(Sources: Feast documentation; Chip Huyen)*",
    f"{_DRIFT}\n\n(Credit: Eugene Yan)",
    f"{_DRIFT}\n\n_(Source: Arize, WhyLabs and Fiddler)_",
    f"{_DRIFT}\n\nSources: Neptune, Comet, Valohai",
    f"{_DRIFT}\n\n**Source:** Evidently AI, Arize",
    f"{_DRIFT}\n\nAdapted from Made With ML.",
    f"{_DRIFT}\n\n_via The Gradient_",
    f"{_DRIFT}\n\nTaken from Designing Machine Learning Systems, chapter 8.",
    f"{_DRIFT}\n\nReference: Lilian Weng's blog",
    f"{_DRIFT}\n\n(Image: Jay Alammar)",
    # a trailing credit at the end of a line of content
    f"{_DRIFT} *(Source: Evidently AI)*",
    "Model registries version trained models (source: Databricks, AWS).",
    (
        "CLOZE:{{c1::Canary}} releases send a slice of traffic to the new model.\n\n***\n\n"
        "Source: Martin Fowler's bliki"
    ),
    "| Stage | Tool |\n|---|---|\n| Tracking | MLflow |\n\n*Source — ZenML, Kubeflow*",
    "- Shadow mode runs the new model silently.\n- *(Source: Uber Michelangelo, DoorDash)*",
    f"{_DRIFT}\n\nRef: Sculley et al.",
    f"{_DRIFT}\n\n(Adapted from: Full Stack Deep Learning, lecture 6)",
    f"{_DRIFT}\n\n> Source: Google Cloud Architecture Center",
    f"{_DRIFT}\n\n*Courtesy: Netflix Tech Blog*",
    f"{_DRIFT}\n\n(h/t Vicki Boykis)",
    f"{_DRIFT}\n\n*Inspired by Shreya Shankar's talk at NormConf*",
    f"{_DRIFT}\n\nSource: [Neptune](https://neptune.ai/blog), [Comet](https://comet.com)",
]

CREDIT_ACCEPTED = [
    "Source: the input sequence; target: the output sequence.",
    "Via the chain rule.",
    "Via backpropagation through time.",
    "Sources of leakage: target encoding, duplicated rows and future timestamps.",
    "Adapted from ImageNet weights, the backbone needs a smaller learning rate.",
    "Reference: the ground-truth labels a prediction is scored against.",
    "- Image: a 224x224 RGB tensor\n- Label: one of 1000 classes",
    "Taken from the validation set, the holdout is never trained on.",
    "- Source: Kafka\n- Sink: Amazon S3",
    "The pipeline reads from Kafka (source) and writes to BigQuery (sink).",
    f"{_DRIFT}\n\nVia a sidecar, the monitor reads every request.",
    "The reference implementation lives in the Transformers library.",
    f"{_DRIFT}\n\n(Credit assignment is a different problem.)",
    "Thanks to residual connections, gradients reach the early layers.",
    "Based on Bayes' theorem, with features assumed independent.",
    "Via Keras' `fit` method.",
]

TRUNCATED_REPORTED = [
    # an answer cut before its figure or list: a lead-in with nothing (or a lost image) after
    "If the validation loss rises while the training loss falls, it means that",
    "If the validation loss rises while the training loss falls, it means that\n\n![](curve.png)",
    "The update of Adam is as follows:",
    "The softmax of a vector is given by",
    "The validation loss rises, which shows that\n\n![](curve.png)\n\nEarly stopping helps.",
    "For a batch of logits, the formula is",
    "To fine-tune a model, the steps are:",
    "It is defined as\n\n***\n\nSee the original paper for more.",
    "Its gradient can be written as",
    # a cut word that happens to be a real word
    (
        "The encoder compresses the input; the decoder rebuilds it. Skip connections join the "
        "encoder and the deco"
    ),
    (
        "# Why scale features to unit variance?\n\nStandardisation rescales each feature to "
        "zero mean and unit varia"
    ),
    "Pick a learning rate in a reasonable ran",
    "Gradient descent on small random subsets is called mini-bat",
    "Ensembles help when their members are trained on diff",
    (
        "# Why does batch normalisation allow higher learning rates?\n\nIt keeps activations "
        "in a stable distribution, which allows higher lea"
    ),
]

TRUNCATED_ACCEPTED = [
    "The update of Adam is as follows:\n\n![adam update](adam.png)",
    "The softmax of a vector is given by\n\n![](softmax.png)",
    "The loss is computed as shown:\n\n<img src='loss.png'>",
    "The update of Adam is as follows:\n\n$$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t$$",
    "The softmax is given by\n\n```\nexp(z) / sum(exp(z))\n```",
    "The steps are:\n\n1. Freeze the base\n2. Train the head",
    "It means that the model overfits.",
    "The drawing of a decoder block is art deco.",
    "He ran.",
    "Bagging trains many trees and averages them; boosting trains them in turn.",
    "Use `git diff` to compare; the change is in the diff",
    "The model outputs a probability for each class.",
    "Hyperparameter search explores a grid or a random range",
    "The encoder reads the input and the decoder writes the output",
    "A set of weights is shared across the layers of the net",
    "Dropout is a form of regularisation that works on the units",
    "The loss is given by cross-entropy.",
]

_ADAM = "Adam scales each step by a running estimate of the gradient's variance."

# Brainstormed shapes beyond tests/test_prose_shapes.py (boilerplate, cut answers, figures).
MORE_BOILERPLATE_REPORTED = [
    f"{_ADAM}\n\n<small>Source: Papers with Code</small>",
    f"{_ADAM}\n\n\u2014 Adapted from the Keras documentation",
    f"{_ADAM}\n\nThis answer was adapted from a Stack Overflow thread.",
    f"{_ADAM}\n\n(Photo: Google AI Blog)",
    f"{_ADAM}\n\n*Illustration: Jay Alammar, The Illustrated Transformer*",
    f"{_ADAM}\n\nSource - Hinton's Coursera lecture 6",
    f"{_ADAM}\n\n###### Source: Deep Learning book",
    f"{_ADAM}\n\nSpecial thanks to Sebastian Ruder for the examples.",
    "| Optimizer | Memory |\n|---|---|\n| Adam | 2x params |\n\n_Table source: PyTorch forums_",
    f"{_ADAM}\n\n\U0001f4f7 Source: Analytics Vidhya",
    "Adam adapts the step size per weight. Source: Kingma and Ba, 2015.",
    f"{_ADAM}\n\n**Credits:** @karpathy on Twitter",
    f"{_ADAM}\n\n(Source: own work)",
    "CLOZE:{{c1::Dropout}} zeroes units at random. *(Source: CS231n notes)*",
]
MORE_BOILERPLATE_ACCEPTED = [
    "Thanks to bias correction, the early estimates are not biased towards zero.",
    "- Source: a sentence in English\n- Target: its French translation",
    "Image: the input; mask: the pixels to predict.",
    "Adam adapts the step size per weight. Source: the gradient's second moment.",
    "It learns fast. Credit: the reward is shared among the steps that earned it.",
]
MORE_TRUNCATED_REPORTED = [
    "- Pros: fast and simple\n- Cons:",
    "**Answer:**",
    "Adam's update is computed with the following formula",
    "The procedure is as follows",
    "Ways to reduce overfitting include the following",
    "CLOZE:{{c1::Adam}} adapts the step size.\n\n***\n\nIts update rule is",
    "The two conditions are:\n\n1. The rows are independent\n2.",
]
MORE_TRUNCATED_ACCEPTED = [
    "Use the following: dropout, weight decay and early stopping.",
    "It follows.",
    "The rest follows from the chain rule.",
    "The validation loss started to rise the following epoch",
    "The weights change at the following step",
]
MORE_FIGURE_REPORTED = [
    "The architecture is depicted in the image beneath.",
    "Refer to the flowchart for the order of the steps.",
    "Compare the two curves in the next figure.",
    "In the video, the agent learns to walk after a few hours.",
    "As you can see from the loss curve, training stalls after epoch 5.",
    "See slide 12 for the derivation.",
    "The residual block (pictured) adds its input to its output.",
]
MORE_FIGURE_ACCEPTED = [
    "A flowchart helps plan a pipeline before writing code.",
    "The next figure of merit to check is latency.",
    "Video models add a time axis to the convolution.",
    "The curve of the loss flattens as training converges.",
    "The effect was first shown (illustrated by Hinton) in 2012.",
]

SHAPES = {
    "AG131": (
        CREDIT_REPORTED + MORE_BOILERPLATE_REPORTED,
        CREDIT_ACCEPTED + MORE_BOILERPLATE_ACCEPTED,
    ),
    "AG132": (MORE_FIGURE_REPORTED, MORE_FIGURE_ACCEPTED),
    "AG135": (
        TRUNCATED_REPORTED + MORE_TRUNCATED_REPORTED,
        TRUNCATED_ACCEPTED + MORE_TRUNCATED_ACCEPTED,
    ),
}


@pytest.mark.parametrize("code", sorted(SHAPES))
def test_every_shape_is_reported(tmp_path: Path, code: str) -> None:
    reported, _ = SHAPES[code]
    found = _reported(tmp_path, code, reported)
    assert [body for body in reported if body not in found] == []


@pytest.mark.parametrize("code", sorted(SHAPES))
def test_near_misses_are_accepted(tmp_path: Path, code: str) -> None:
    _, accepted = SHAPES[code]
    assert _reported(tmp_path, code, accepted) == []
