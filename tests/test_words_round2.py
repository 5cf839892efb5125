"""Second round on names and spelling (issue #12): words run together, styled names written
with other capitals, names with a version glued on, and web-text glue that is no word."""

from __future__ import annotations

import pytest

from ankigen.lint.rule import LintConfig
from ankigen.lint.rules.names import (
    _SEVERAL_CASINGS,
    _styled_names,
    case_variant,
    lexicon,
    typo_finder,
)
from ankigen.lint.rules.spelling import speller
from ankigen.lint.words import common_words, is_dictionary_word


def _run_together(token: str) -> str | None:
    unknown = speller(LintConfig()).problem(token)
    return unknown.suggestion if unknown is not None and unknown.run_together else None


@pytest.mark.parametrize(
    ("token", "split"),
    [
        ("ofLong", "of Long"),
        ("theModel", "the Model"),
        ("learninginNatural", "learning in Natural"),
        ("ofTensorFlow", "of TensorFlow"),
        ("eachLSTM", "each LSTM"),
        ("withinKeras", "within Keras"),
    ],
)
def test_words_run_into_a_capitalised_word_are_split(token: str, split: str) -> None:
    assert _run_together(token) == split


@pytest.mark.parametrize(
    "token",
    [
        *("isNull", "toString", "fromString", "onClick", "forEach", "thisArg", "withColumn"),
        *("readlinkSync", "microtaskQueue", "getItem", "fastText", "iPhone", "macOS", "eBay"),
        *("spaCy", "arXiv", "cuDNN", "mBERT", "nanoGPT"),
    ],
)
def test_identifiers_and_styled_names_are_not_words_run_together(token: str) -> None:
    assert _run_together(token) is None


@pytest.mark.parametrize("glued", ["ofthe", "inthe", "onthe", "withthe", "tothe", "andthe"])
def test_web_glue_of_two_little_words_is_no_word(glued: str) -> None:
    assert glued not in common_words()
    assert not is_dictionary_word(glued)


@pytest.mark.parametrize("word", ["another", "into", "without", "online", "inbox", "theme"])
def test_real_words_made_of_little_words_stay_known(word: str) -> None:
    assert is_dictionary_word(word)


@pytest.mark.parametrize(
    ("token", "name"),
    [
        ("GloVE", "GloVe"),
        ("GloVE's", "GloVe"),
        ("PyPi", "PyPI"),
        ("MySql", "MySQL"),
        ("LaTex", "LaTeX"),
        ("DeepMInd", "DeepMind"),
    ],
)
def test_a_styled_name_with_other_inner_capitals_is_found(token: str, name: str) -> None:
    assert case_variant(token) == name


@pytest.mark.parametrize(
    "token",
    [
        *("GloVe", "Glove", "GLOVE", "Pytorch", "RMSProp", "AdaGrad", "FastText", "Word2Vec"),
        *("DistilBert", "MobileBert", "LLaMA", "groupBy", "SpaCy", "MultiheadAttention"),
        *("GoogleNet", "LoRa", "IMDB", "MacOS"),
    ],
)
def test_casings_in_real_use_are_not_variants(token: str) -> None:
    assert case_variant(token) is None


def test_every_accepted_other_casing_belongs_to_a_listed_name() -> None:
    names = {name.casefold() for name in lexicon()}
    for casing in _SEVERAL_CASINGS:
        assert casing.casefold() in names, casing
        assert casing not in lexicon(), f"{casing} is listed as canonical already"


def test_styled_names_have_an_inner_capital_and_small_letters() -> None:
    styled = set(_styled_names().values())
    assert {"GloVe", "PyTorch", "LightGBM", "fastText"} <= styled
    assert not {"Llama", "Adagrad", "BERT", "scikit-learn", "word2vec"} & styled


@pytest.mark.parametrize(
    ("token", "found", "name"),
    [
        ("Tensorflwo2", "Tensorflwo", "TensorFlow"),
        ("LTSM2", "LTSM", "LSTM"),
        ("Pytroch-2", "Pytroch", "PyTorch"),
    ],
)
def test_a_misspelled_name_with_a_version_glued_on_is_found(
    token: str, found: str, name: str
) -> None:
    typo = typo_finder(LintConfig()).typo(token)
    assert typo is not None
    assert (typo.found, typo.names) == (found, (name,))


@pytest.mark.parametrize(
    "token", ["TensorFlow2", "ResNet50", "MobileNetV2", "EfficientNetB0", "YOLOv8", "GPT4"]
)
def test_a_right_name_with_a_version_glued_on_is_no_typo(token: str) -> None:
    assert typo_finder(LintConfig()).typo(token) is None


@pytest.mark.parametrize(("token", "name"), [("KKeras", "Keras"), ("PPyTorch", "PyTorch")])
def test_a_first_letter_typed_twice_is_a_typo(token: str, name: str) -> None:
    typo = typo_finder(LintConfig()).typo(token)
    assert typo is not None
    assert typo.names == (name,)


@pytest.mark.parametrize("token", ["mBERT", "ujson", "LLaMA", "llama", "aardvark"])
def test_a_letter_before_a_name_is_another_name(token: str) -> None:
    assert typo_finder(LintConfig()).typo(token) is None
