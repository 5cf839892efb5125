"""Shapes of misspelled technical names (issue #12, AG110/AG112): each typo shape with a
correct near miss written the same way. A typo must get an AG110 or AG112 finding on its
line; the near miss must get none."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint.rules.names import lexicon
from tests.rule_harness import FixtureNote, lint_rule, write_notes

# (id, body, line of the typo counted from the first body line, or 0 for a correct note)
TYPOS: tuple[tuple[str, str, int], ...] = (
    ("sound-numpy", "# Vectorised maths?\n\nArrays in Numpai avoid Python loops.\n", 3),
    ("sound-pandas", "# Tables?\n\nA Pandsa DataFrame holds labelled columns.\n", 3),
    ("drop-tensorflow", "# Graphs?\n\nModels built in Tensorflw run on TPUs.\n", 3),
    ("insert-pytorch", "# Autograd?\n\nPytourch records operations for autograd.\n", 3),
    ("glued-sklearn", "# Pipelines?\n\nScikitlearn pipelines chain a scaler and a model.\n", 3),
    ("glued-hf", "# Hub?\n\nModels are shared on the Hugginface hub.\n", 3),
    ("glued-hf-one", "# Hub?\n\nModels are shared on the HugingFace hub.\n", 3),
    ("company-anthropic", "# Who trains Claude?\n\nClaude is trained by Antropic.\n", 3),
    ("company-openai", "# Who released GPT-4?\n\nGPT-4 was released by OpenIA in 2023.\n", 3),
    ("letter-o-resnet", "# Depth?\n\nResNet-5O has fifty layers with skips.\n", 3),
    ("letter-o-cifar", "# Images?\n\nCIFAR-1O has ten classes of small images.\n", 3),
    ("dataset-imagenet", "# Pretraining?\n\nMost backbones are pretrained on ImageNett.\n", 3),
    ("extra-section", "# Optimiser?\n\nAdam.\n\n***\n\nAdma adapts the step per weight.\n", 7),
    ("table-cell", "# Tools?\n\n| task | library |\n|---|---|\n| plots | Matplotlb |\n", 5),
    ("list-item", "# Boosting?\n\n- trees grown in order\n- XGBoots adds regularisation\n", 4),
    ("bold", "# Fast boosting?\n\n**LightGMB** grows trees leaf-wise.\n", 3),
    ("heading", "# What does Kears add on top of TensorFlow?\n\nA layer API.\n", 1),
    ("cloze", "# Cloze\n\n{{c1::Pytroch}} builds the graph on the fly.\n", 3),
    ("code-comment", "# Code\n\n```python\nx = 1  # convert with Tensorflwo later\n```\n", 4),
    ("inline-import", "# Import\n\nStart with `import numpyy as np`.\n", 3),
    ("pip-line", "# Install\n\n```bash\npip install scikit-lern\n```\n", 4),
    ("pip-inline", "# Install\n\nRun `pip install tensorfow` first.\n", 3),
    ("company-nvidia", "# GPUs?\n\nCUDA runs only on Nvidea GPUs.\n", 3),
    ("company-google", "# Transformer?\n\nResearchers at Gooogle Brain wrote it.\n", 3),
    ("dataset-mnist", "# Digits?\n\nThe MNSIT set has 70,000 digits.\n", 3),
    ("acronym-swap", "# Encoder?\n\nBRET is an encoder-only transformer.\n", 3),
    ("two-edits-long", "# Plots?\n\nSeabron draws statistical plots.\n", 3),
    ("optimizer-slip", "# Adaptive?\n\nRMSporp divides by a running mean of squares.\n", 3),
    ("hyphen-name-slip", "# Pipeline?\n\nThe scikt-learn pipeline chains steps.\n", 3),
    ("phrase-slip", "# Images?\n\nStable Difusion makes images from text.\n", 3),
    ("sound-numpy-ie", "# Broadcasting?\n\nNumpie broadcasts shapes from the right.\n", 3),
    ("glued-lower", "# Install?\n\nThe scikitlearn package ships the estimators.\n", 3),
    ("model-llama", "# Open weights?\n\nMeta released Llamma 2 with open weights.\n", 3),
    ("pip-console", "# Install\n\n```console\n$ pip install pandsa\n```\n", 4),
    ("versioned", "# Version?\n\nTensorflwo2 made eager execution the default.\n", 3),
    ("minst", "# Digits?\n\nMINST holds handwritten digits.\n", 3),
    ("cloze-hint", "# Cloze\n\n{{c1::Tensorflwo::framework}} compiles graphs.\n", 3),
    ("italic", "# Keras?\n\nThe _Kears_ functional API takes tensors.\n", 3),
    ("bold-table", "# Tools?\n\n| task | tool |\n|---|---|\n| training | **Pytroch** |\n", 5),
    ("possessive", "# Lab?\n\nAntropic's models are called Claude.\n", 3),
    ("letter-o-hundred", "# Images?\n\nCIFAR-1OO has a hundred classes.\n", 3),
    ("opencv-swap", "# Vision?\n\nOpenVC reads images as BGR arrays.\n", 3),
    ("phrase-hf", "# Hub?\n\nThe Huging Face hub hosts models.\n", 3),
    ("sound-matplotlib", "# Plots?\n\nMatplotlip draws line charts.\n", 3),
    ("quote-heading", '# Why is "Pytroch" popular?\n\nEager mode.\n', 1),
    ("glued-spaced", "# Sampling?\n\nMonteCarlo dropout samples masks at test time.\n", 3),
    ("glued-camel-library", "# Library?\n\nScikitLearn estimators share fit and predict.\n", 3),
    ("letter-l-densenet", "# Depth?\n\nDenseNet-12l stacks dense blocks.\n", 3),
    (
        "in-parentheses",
        "# Libraries?\n\nGradient boosting (CatBoots, XGBoost) handles tables.\n",
        3,
    ),
)

CORRECT: tuple[tuple[str, str], ...] = (
    ("ok-numpy", "# Vectorised maths?\n\nArrays in NumPy avoid Python loops.\n"),
    ("ok-pandas", "# Tables?\n\nA pandas DataFrame holds labelled columns.\n"),
    ("ok-sklearn", "# Pipelines?\n\nscikit-learn pipelines chain a scaler and a model.\n"),
    ("ok-hf", "# Hub?\n\nModels are shared on the Hugging Face hub.\n"),
    ("ok-companies", "# Labs?\n\nAnthropic, OpenAI, Google DeepMind and NVIDIA train models.\n"),
    ("ok-resnet", "# Depth?\n\nResNet-50 and ResNet-101 differ in depth; CIFAR-10 is small.\n"),
    ("ok-rare", "# Tools?\n\nOptuna, Polars, DuckDB, Flax, Haiku, JAX, Triton, vLLM and MLX.\n"),
    ("ok-rare-2", "# Serving?\n\nQdrant and Chroma store vectors; Ollama runs models locally.\n"),
    (
        "ok-class-code",
        "# Code\n\n```python\nfrom sklearn.ensemble import RandomForestClassifier\n"
        "class RandomForest:\n    pass\nnumpai = 3  # a variable name\n```\n",
    ),
    ("ok-class-prose", "# Ensembles?\n\nA RandomForest in code; gradient descent in prose.\n"),
    ("ok-url", "# Docs?\n\nSee https://pytorch.org/docs/Pytroch_notes.html for more.\n"),
    ("ok-link-label", "# Docs?\n\nSee [the NumPy guide](https://numpy.org/doc/).\n"),
    ("ok-file-name", "# Files?\n\nThe weights are saved as `tensorflw_model.h5`.\n"),
    ("ok-british-prose", "# Layer?\n\nBatch normalisation rescales activations.\n"),
    ("ok-british-class", "# Layer?\n\nAdd a BatchNormalization layer after the Conv2D.\n"),
    # A British class spelling is the author's style (the rule's documented choice).
    ("ok-british-glued", "# Layer?\n\nBatchNormalisation and KNeighboursClassifier.\n"),
    ("ok-glued-code-names", "# Losses?\n\nKmeans, LogSoftmax, CrossEntropy and FashionMNIST.\n"),
    ("ok-digits", "# Models?\n\nGPT-4o, YOLOv8, CO2 emissions and ResNet-50.\n"),
    ("ok-sound-near", "# Tools?\n\nNumba, Pandoc and Plotly; the numbat is an animal.\n"),
    ("ok-english", "# Words?\n\nThe seaborne trade and a panda at the zoo.\n"),
    ("ok-versions", "# Versions?\n\nTensorFlow 2, PyTorch 2.1, YOLOv8 and GPT-4o.\n"),
    ("ok-cloze", "# Cloze\n\n{{c1::PyTorch}} builds the graph on the fly.\n"),
    ("ok-pip", "# Install\n\n```bash\npip install scikit-learn polars duckdb\n```\n"),
    ("ok-import", "# Import\n\nStart with `import numpy as np` and `import polars as pl`.\n"),
    ("ok-link-label-typo", "# Docs?\n\nSee [Pytroch tutorial](https://pytorch.org/tutorials).\n"),
    ("ok-identifier", "# Code?\n\nThe variable `numpai_arr` and `model_tensorflw` are names.\n"),
    ("ok-glued-brands", "# Brands?\n\nKerasTuner, PyTorchLightning and GradientDescent.\n"),
    ("ok-variants", "# Sizes?\n\nYOLOv8n, YOLOv8l and YOLOv5s trade speed for accuracy.\n"),
    ("ok-llama", "# Open weights?\n\nMeta released Llama 2 and LLaMA with open weights.\n"),
)

CODES = ("AG110", "AG112")


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[int]]:
    root = tmp_path_factory.mktemp("shapes")
    notes = [FixtureNote(case_id, body) for case_id, body, _ in TYPOS]
    notes += [FixtureNote(case_id, body) for case_id, body in CORRECT]
    paths = write_notes(root, notes)
    by_note: dict[str, list[int]] = {note.id: [] for note in notes}
    header = notes[0].header.count("\n")
    for code in CODES:
        for diagnostic in lint_rule(root, code):
            note_id = next(key for key, path in paths.items() if path == diagnostic.path)
            by_note[note_id].append(diagnostic.line - header)
    return by_note


@pytest.mark.parametrize(("case_id", "line"), [(case[0], case[2]) for case in TYPOS])
def test_each_typo_shape_is_found_on_its_line(
    findings: dict[str, list[int]], case_id: str, line: int
) -> None:
    assert line in findings[case_id], findings[case_id]


@pytest.mark.parametrize("case_id", [case[0] for case in CORRECT])
def test_each_correct_near_miss_is_silent(findings: dict[str, list[int]], case_id: str) -> None:
    assert findings[case_id] == []


def test_shapes_are_many_and_ids_unique() -> None:
    ids = [case[0] for case in TYPOS] + [case[0] for case in CORRECT]
    assert len(TYPOS) >= 30 and len(ids) == len(set(ids))


def test_the_name_lexicon_stays_sorted_unique_and_holds_rare_real_names() -> None:
    names = list(lexicon())
    assert names == sorted(names, key=lambda name: (name.casefold(), name))
    assert len({name.casefold() for name in names}) == len(names)
    rare = {"Optuna", "Polars", "DuckDB", "Flax", "JAX", "Triton", "vLLM", "MLX", "Qdrant"}
    assert rare <= set(names)


def test_a_name_only_in_lower_case_is_a_warning_and_a_misspelling_an_error(
    tmp_path: Path,
) -> None:
    notes = [
        FixtureNote("lower", "# Input?\n\nKeras fits numpy input and pytorch tensors alike.\n"),
        FixtureNote("mixed", "# Input?\n\nKeras fits Numpy input and Pytorch tensors alike.\n"),
        FixtureNote("typo", "# Model?\n\nGTP-3 is a decoder-only transformer.\n"),
    ]
    paths = write_notes(tmp_path, notes)
    by_note: dict[str, list[str]] = {note: [] for note in paths}
    for diagnostic in lint_rule(tmp_path, "AG110"):
        note = next(key for key, path in paths.items() if path == diagnostic.path)
        by_note[note].append(str(diagnostic.severity))
    assert by_note == {"lower": ["warning", "warning"], "mixed": ["error"] * 2, "typo": ["error"]}
    # A project's own severity for the code still wins over the finding's.
    configured = lint_rule(tmp_path, "AG110", {"severity": {"AG110": "error"}})
    assert {str(d.severity) for d in configured} == {"error"}
