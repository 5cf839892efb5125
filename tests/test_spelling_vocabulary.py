"""The spelling rule's word knowledge: the bundled technical vocabulary (its data), the shared
``is_dictionary_word`` and the ``spelling_prose`` view that keeps non-prose out of the check."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from ankigen.check import check
from ankigen.lint.document import LintDocument
from ankigen.lint.rule import LintConfig
from ankigen.lint.rules.names import bundled_misspellings
from ankigen.lint.rules.spelling import speller
from ankigen.lint.runner import documents_of
from ankigen.lint.words import (
    english_words,
    is_dictionary_word,
    project_words,
    technical_vocabulary,
)
from tests.rule_harness import FixtureNote, write_notes

# Well-known English misspellings and typos of ML terms: none may ever be accepted.
COMMON_MISSPELLINGS = (
    "accomodate",
    "acheive",
    "adress",
    "algoritm",
    "arguement",
    "becuase",
    "begining",
    "beleive",
    "comming",
    "completly",
    "definately",
    "dependancy",
    "diffrent",
    "enviroment",
    "existance",
    "finaly",
    "fourty",
    "goverment",
    "gradiant",
    "hyperparamter",
    "immediatly",
    "independant",
    "knowlege",
    "lamda",
    "lenght",
    "libary",
    "matirx",
    "neccessary",
    "occured",
    "occurence",
    "paramter",
    "perfomance",
    "posession",
    "probabilty",
    "programing",
    "recieve",
    "recomend",
    "regresion",
    "seperate",
    "similiar",
    "sucess",
    "succesful",
    "threshhold",
    "traing",
    "trainning",
    "untill",
    "upto",
    "usefull",
    "varaible",
    "verctor",
    "wierd",
    "writting",
    "datset",
    "embeding",
    "tokenzier",
    "optimzer",
    "clasification",
    "recoeds",
    "multipries",
    "preedicts",
    "callled",
    "dealling",
)


def _vocabulary_lines() -> list[str]:
    text = resources.files("ankigen.lint").joinpath("data/technical_vocabulary.txt")
    return text.read_text("utf-8").splitlines()


def test_vocabulary_has_a_header_then_one_word_a_line() -> None:
    lines = _vocabulary_lines()
    header = [line for line in lines if line.startswith("#")]
    assert header and lines[: len(header)] == header, "comments only at the top"
    words = lines[len(header) :]
    bad = [w for w in words if not re.fullmatch(r"[A-Za-z]+", w) or len(w) < 2]
    assert bad == [], "letters only: the rule splits hyphens and skips words with digits"
    assert list(technical_vocabulary()) == words


def test_vocabulary_is_sorted_and_unique() -> None:
    words = list(technical_vocabulary())
    assert words == sorted(words, key=lambda word: (word.casefold(), word))
    folded = [word.casefold() for word in words]
    assert len(folded) == len(set(folded))


def test_vocabulary_is_large_and_adds_to_the_dictionary() -> None:
    words = technical_vocabulary()
    assert len(words) >= 1500
    english = english_words()
    plain_english = [w for w in words if w.lower() in english]
    assert plain_english == [], "words the English dictionary knows need no entry"
    project = {word.casefold() for word in project_words()}
    assert [w for w in words if w.casefold() in project] == [], "already in words.txt"


def test_vocabulary_holds_no_common_misspelling() -> None:
    folded = {word.casefold() for word in technical_vocabulary()}
    assert sorted(folded & set(COMMON_MISSPELLINGS)) == []


def test_vocabulary_holds_no_known_misspelling_of_a_name() -> None:
    """An entry must not be what misspelled-name (AG110) reports: "Tensorflow", "catboost"."""

    def listed_wrong(word: str) -> bool:
        return any(
            entry.wrong == word
            or (not entry.case_sensitive and entry.wrong.casefold() == word.casefold())
            for entry in bundled_misspellings()
        )

    assert [word for word in technical_vocabulary() if listed_wrong(word)] == []


@pytest.mark.parametrize("word", COMMON_MISSPELLINGS)
def test_common_misspellings_are_not_dictionary_words(word: str) -> None:
    assert not is_dictionary_word(word)


TECHNICAL_WORDS = [
    "idf",
    "Gini",
    "quantiles",
    "bytecode",
    "coroutines",
    "hyperparameter",
    "minibatch",
    "backprop",
    "softmax",
    "logits",
    "embeddings",
    "tokenizer",
    "dataframe",
    "upsampling",
    "dropout",
    "regularizer",
    "autoencoder",
    "overfitting",
    "dataset",
    "runtime",
    "async",
    "boolean",
    "enum",
    "namespace",
    "middleware",
    "serialization",
    "sharding",
    "idempotent",
    "hashable",
    "iterable",
    "ndarray",
    "covariance",
    "AUC",
    "ROC",
    "RMSE",
    "MAE",
    "MLE",
    "KL",
    "SVD",
    "PCA",
    "OOB",
    "ETL",
    "OLAP",
    "ACID",
    "upserts",
    "Kolmogorov",
    "heapify",
    "nonconvex",
    "unmodeled",
    "preallocation",
]


@pytest.mark.parametrize("word", TECHNICAL_WORDS)
def test_technical_words_are_dictionary_words(word: str) -> None:
    assert is_dictionary_word(word)


def test_dictionary_words_cover_english_inflections_and_british_spellings() -> None:
    assert all(map(is_dictionary_word, ["the", "Running", "regularisation", "naïve", "model's"]))
    assert not is_dictionary_word("sigmod")


def test_inflections_do_not_invent_words_from_short_terms() -> None:
    # "saml" is a term; "samlping" is not "saml" + a doubled-consonant "-ing".
    assert "saml" in english_words() or is_dictionary_word("saml")
    assert not is_dictionary_word("samlping")
    assert is_dictionary_word("overfitted") and is_dictionary_word("resharded")


def _document(root: Path, body: str) -> LintDocument:
    write_notes(root, [FixtureNote("n", body)])
    result = check([root / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    (document,) = documents_of(result)
    return document


def test_spelling_prose_blanks_what_is_not_prose_and_keeps_offsets(tmp_path: Path) -> None:
    body = (
        "# Q?\n\nSee [srcz](https://a.io) and [heer][r], model.h5, /usr/binz, x@hob.com,\n"
        'houseofbotz.com, <img src="a.png" alt="altz"> &nbsp; <b>M</b>ean, #tagz, wordz.\n'
        "\n[r]: https://a.io\n"
    )
    document = _document(tmp_path, body)
    view = document.spelling_prose
    assert len(view) == len(document.text)
    words = re.findall(r"[A-Za-z]+", view[document.body_offset :])
    assert words == ["Q", "See", "and", "wordz"]
    assert document.prose.count("srcz") == 1, "prose itself is unchanged"


def test_speller_suggests_names_before_dictionary_splits() -> None:
    checker = speller(LintConfig())
    assert checker.suggest("andmaximum") == "and maximum"
    assert checker.suggest("wordvec") == "word2vec"
    assert checker.suggest("hyperparamter") == "hyperparameter"
    assert " " not in (checker.suggest("sigmodx") or "")
