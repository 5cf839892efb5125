"""Name typos beyond prose words: modules and packages in code, names split in two, acronyms
whose swapped letters spell a rare word, capitalised Keras classes (rule AG112)."""

from __future__ import annotations

import pytest

from ankigen.lint.rules.names import class_typo, module_typo, name_typo, split_names
from ankigen.lint.words import is_known


@pytest.mark.parametrize(
    ("module", "meant"),
    [
        ("tensorfow", "tensorflow"),
        ("sklaern", "sklearn"),
        ("pandsa", "pandas"),
        ("matplolib", "matplotlib"),
        ("seabron", "seaborn"),
        ("trasnformers", "transformers"),
        ("xgbost", "xgboost"),
    ],
)
def test_a_slip_in_a_module_name_is_found(module: str, meant: str) -> None:
    assert module_typo(module) == meant


@pytest.mark.parametrize(
    "module",
    [
        *("tensorflow", "cupy", "sympy", "scapy", "numba", "flax", "torchx", "keras2", "os"),
        *("scipy_", "pandas_profiling", "json", "tqdm", "utils", "mypyc"),
    ],
)
def test_real_modules_and_other_names_are_not_typos(module: str) -> None:
    assert module_typo(module) is None


def test_pip_names_are_compared_with_distribution_names() -> None:
    assert module_typo("scikit-lern", package=True) == "scikit-learn"
    assert module_typo("scikit-learn", package=True) is None
    assert module_typo("scikit-learn") is None  # not an import name, but no slip of one


def _split(text: str) -> list[tuple[str, str]]:
    return [(found, name) for _, _, found, name in split_names(text, 0)]


def test_a_name_split_where_one_part_is_no_word_is_found() -> None:
    found = _split("Run Jupyter Lab, tune with Keras Tuner, store in Postgre SQL.")
    assert found == [
        ("Jupyter Lab", "JupyterLab"),
        ("Keras Tuner", "KerasTuner"),
        ("Postgre SQL", "PostgreSQL"),
    ]


def test_two_word_forms_used_in_prose_are_left_alone() -> None:
    text = (
        "Linear Regression, Elastic Net, Lasso CV, Leaky ReLU, Log Softmax, KL Divergence, "
        "BCE Loss, Data Frame, the open cv library, Group By."
    )
    assert _split(text) == []


def test_a_name_split_at_its_inner_capital_that_the_web_writes_joined_is_found() -> None:
    # session 25: a one-word name styled with an inner capital, split at it, where the web
    # writes the name joined too (so "Data Frame" above stays the author's choice)
    found = _split("Code on Git Hub, posts on Linked In, papers on Pub Med, a lab at Deep Mind.")
    assert found == [
        ("Git Hub", "GitHub"),
        ("Linked In", "LinkedIn"),
        ("Pub Med", "PubMed"),
        ("Deep Mind", "DeepMind"),
    ]


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        *(("BRET", "BERT"), ("COOC", "COCO"), ("K-Meanss", "k-means")),
        *(("AdaGard", "Adagrad"), ("Gogle", "Google")),
    ],
)
def test_typos_of_acronyms_classes_and_styled_names(word: str, meant: str) -> None:
    typo = name_typo(word)
    assert typo is not None and typo.names[0] == meant


@pytest.mark.parametrize(
    "word", ["BLUE", "DATA", "NOTE", "sequentail", "Dens", "LiteRT", "SIGMOD", "Google"]
)
def test_common_words_in_capitals_and_lower_case_slips_are_not_name_typos(word: str) -> None:
    assert name_typo(word) is None


def test_an_inflection_that_drops_the_doubled_consonant_of_a_listed_term_is_unknown() -> None:
    terms = frozenset({"overfit", "overfitting", "overfitted"})  # as the vocabulary lists them
    assert is_known("overfitting", terms)
    assert is_known("overfits", terms)
    assert not is_known("overfiting", terms)
    assert not is_known("overfited", terms)


@pytest.mark.parametrize(
    ("word", "meant"), [("Flaten", "Flatten"), ("Sequentail", "Sequential"), ("Desne", "Dense")]
)
def test_capitalised_slips_of_keras_classes_named_by_a_word(word: str, meant: str) -> None:
    typo = class_typo(word)
    assert typo is not None and typo.names == (meant,)
    assert name_typo(word) is None  # not a name everywhere: only inside a sentence (AG112)


@pytest.mark.parametrize("word", ["flaten", "Dense", "Dens", "Flatten", "Masks"])
def test_words_and_lower_case_slips_are_no_class_typos(word: str) -> None:
    assert class_typo(word) is None
