"""The canonical-name lexicon (ankigen/lint/data/technical_names.txt) and the near-miss search
behind rule AG112 name-typo, which the spelling rule AG111 also relies on."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from ankigen.lint.rule import LintConfig
from ankigen.lint.rules.names import (
    _index,
    allowed_distance,
    bundled_misspellings,
    canonical_names,
    canonical_word_parts,
    lexicon,
    name_typo,
    nearest_canonical,
    phrase_typos,
    typo_finder,
)
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, lint_rule, write_notes
from tests.work_count import calls_made


def _file_lines() -> list[str]:
    path = resources.files("ankigen.lint").joinpath("data/technical_names.txt")
    return path.read_text("utf-8").splitlines()


def _names_in_file() -> list[str]:
    lines = _file_lines()
    header = 0
    while lines[header].startswith("#"):
        header += 1
    return lines[header:]


def test_comments_only_at_the_top_and_no_blank_lines() -> None:
    names = _names_in_file()
    assert all(name and not name.startswith("#") for name in names)
    assert list(lexicon()) == names


def test_names_are_well_formed() -> None:
    malformed = [
        name
        for name in _names_in_file()
        if name != name.strip() or "  " in name or "\t" in name or not name[0].isalnum()
    ]
    assert malformed == []


def test_names_are_sorted_case_insensitively() -> None:
    names = _names_in_file()
    assert names == sorted(names, key=lambda name: (name.casefold(), name))


def test_no_duplicates_even_ignoring_case() -> None:
    folded = [name.casefold() for name in _names_in_file()]
    assert sorted({key for key in folded if folded.count(key) > 1}) == []


def test_several_hundred_names_from_every_family() -> None:
    names = canonical_names()
    assert len(names) >= 600
    families = {
        "libraries": {"TensorFlow", "PyTorch", "scikit-learn", "XGBoost", "LightGBM", "spaCy"},
        "import names": {"sklearn", "skimage"},
        "layers": {"LSTM", "GRU", "Conv2D", "BatchNormalization", "MultiHeadAttention"},
        "architectures": {"ResNet", "ResNeXt", "DenseNet", "U-Net", "YOLO", "ViT", "CLIP"},
        "language models": {"BERT", "RoBERTa", "GPT-3", "GPT-4", "T5", "Llama"},
        "optimizers": {"Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Nadam", "SGD"},
        "activations": {"ReLU", "LeakyReLU", "ELU", "SELU", "GELU", "Swish", "softmax", "tanh"},
        "metrics": {"RMSE", "AUROC", "BLEU", "ROUGE", "IoU", "F1-score", "Gini"},
        "data sets": {"MNIST", "CIFAR-10", "ImageNet", "COCO", "SQuAD", "GLUE"},
        "algorithms": {"k-means", "DBSCAN", "PCA", "t-SNE", "UMAP", "word2vec", "TF-IDF"},
        "tools": {"SQL", "PostgreSQL", "Docker", "Kubernetes", "Jupyter", "Kafka", "Airflow"},
    }
    assert {family: sorted(wanted - names) for family, wanted in families.items()} == {
        family: [] for family in families
    }


def test_every_correction_of_misspelled_name_is_canonical() -> None:
    """AG110's corrections must not be taken for typos, and AG111 must accept them."""
    rights = {entry.right for entry in bundled_misspellings()}
    assert sorted(rights - canonical_names()) == []


def test_no_canonical_name_is_a_known_misspelling() -> None:
    wrong = {entry.wrong for entry in bundled_misspellings() if entry.case_sensitive}
    wrong_any_case = {
        entry.wrong.casefold() for entry in bundled_misspellings() if not entry.case_sensitive
    }
    clashes = [
        name
        for name in canonical_names()
        if name in wrong or (name.casefold() in wrong_any_case and name not in wrong)
        if name not in {entry.right for entry in bundled_misspellings()}
    ]
    assert clashes == []


def _plural(name: str) -> str:
    return f"{name}es" if name.endswith("s") else f"{name}s"


def test_canonical_names_and_their_plurals_are_never_typos() -> None:
    reported = {
        form: name_typo(form).names  # type: ignore[union-attr]
        for name in canonical_names()
        for form in (name, _plural(name), f"{name}'s", name.upper(), name.lower())
        if name_typo(form) is not None
    }
    # Upper-case and lower-case forms of a name are AG110's business, or fine: never AG112's.
    assert reported == {}


def test_word_parts_split_names_into_lower_case_words() -> None:
    parts = canonical_word_parts()
    assert {"scikit", "learn", "tensorflow", "pytorch", "hugging", "face", "resnet"} <= parts
    assert all(re.fullmatch(r"[^\W\d_]{2,}", part) and part == part.lower() for part in parts)


@pytest.mark.parametrize(
    ("typo", "name"),
    [
        ("LTSM", "LSTM"),
        ("LTSMs", "LSTM"),
        ("Sigmod", "sigmoid"),
        ("sigmod", "sigmoid"),
        ("Tensorflwo", "TensorFlow"),
        ("Pytroch", "PyTorch"),
        ("XGBoots", "XGBoost"),
        ("RMSProb", "RMSprop"),
        ("Adma", "Adam"),
        ("Kears", "Keras"),
        ("Kears'", "Keras"),
        ("softamx", "softmax"),
        ("MINST", "MNIST"),
        ("Numpi", "NumPy"),
        ("Pnadas", "pandas"),
        ("Matplotib", "Matplotlib"),
        ("tahn", "tanh"),
        ("t-SEN", "t-SNE"),
        ("scikit-lean", "scikit-learn"),
        ("Fashion-MINST", "Fashion-MNIST"),
        ("Cov2D", "Conv2D"),
        ("BatchNormalizaton", "BatchNormalization"),
        ("Tesnorflwo", "TensorFlow"),
        ("Kuberentes", "Kubernetes"),
        ("Levenstein", "Levenshtein"),
        ("Kullback-Liebler", "Kullback-Leibler"),
        ("PostgresSQL", "PostgreSQL"),
        ("DistillBERT", "DistilBERT"),
        ("LighGBM", "LightGBM"),
        ("EfficentNet", "EfficientNet"),
        ("StandardScalar", "StandardScaler"),
        ("LSTN", "LSTM"),
        ("RandomForrestClassifier", "RandomForestClassifier"),
        ("GradientBoostingClassifer", "GradientBoostingClassifier"),
        ("Fourrier", "Fourier"),
    ],
)
def test_typos_are_found_with_their_name(typo: str, name: str) -> None:
    assert nearest_canonical(typo) == name


@pytest.mark.parametrize(
    "word",
    [
        # canonical names in any casing, import names, plurals
        *("LSTM", "lstm", "Adam", "adam", "ReLU", "relu", "gelu", "Spark", "Pandas"),
        *("sklearn", "scikit-learn", "LSTMs", "GRUs", "Transformers", "Tokenizer"),
        # other names: a number, other joiners, another model, British spelling
        *("GPT-4", "GPT3", "ResNet-101", "CIFAR-100", "ResNeXt", "ConvNet", "BatchNormalisation"),
        # English and technical words near a name
        *("Gini", "bytecode", "quantiles", "coroutine", "idf", "than", "Jupiter", "Dice"),
        # names styled on purpose, and packages named after an acronym
        *("LiteRT", "SIGMOD", "ujson", "httpx", "YOLOX", "mBERT", "JupyterHub", "OpenAPI"),
        # too short to tell a typo from another name
        *("GTP", "SLU", "CNN"),
        # a different last letter of an acronym, British "-our", an accepted variant
        *("LinearSVM", "KNeighboursClassifier", "Chi-square"),
    ],
)
def test_names_and_words_are_not_typos(word: str) -> None:
    assert nearest_canonical(word) is None


POPULAR = [
    "TensorFlow",
    "PyTorch",
    "scikit-learn",
    "XGBoost",
    "LightGBM",
    "CatBoost",
    "NumPy",
    "Keras",
    "LSTM",
    "Conv2D",
    "ResNet",
    "DenseNet",
    "BERT",
    "RoBERTa",
    "AdamW",
    "RMSprop",
    "Adagrad",
    "GELU",
    "softmax",
    "sigmoid",
    "MNIST",
    "ImageNet",
    "DBSCAN",
    "word2vec",
    "Kubernetes",
    "PostgreSQL",
    "Matplotlib",
    "Seaborn",
    "Jupyter",
    "Mahalanobis",
    "Levenshtein",
]


def _slips(name: str) -> list[str]:
    """Neighbouring letters swapped and letters doubled, anywhere after the first letter."""
    swaps = [
        name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        for i in range(1, len(name) - 1)
        if name[i] != name[i + 1] and name[i].isalpha() and name[i + 1].isalpha()
    ]
    doubles = [name[:i] + name[i] + name[i:] for i in range(1, len(name)) if name[i].isalpha()]
    return swaps + doubles


def test_most_slips_of_popular_names_are_found() -> None:
    """Recall on slips made by rule, not picked by hand: a slip may make a real word (missed)."""
    slips = [(slip, name) for name in POPULAR for slip in _slips(name)]
    missed = [(slip, name) for slip, name in slips if nearest_canonical(slip) != name]
    assert len(slips) > 300
    assert len(missed) / len(slips) < 0.04, missed


def test_equally_near_names_are_all_kept_in_order() -> None:
    typo = name_typo("ResNXt")
    assert typo is not None
    assert typo.names == ("ResNeXt", "ResNet")
    assert nearest_canonical("ResNXt") == "ResNeXt"


def test_allowed_distance_grows_with_the_length_of_the_name() -> None:
    assert [allowed_distance(length) for length in (2, 3, 4, 7, 8, 20)] == [0, 0, 1, 1, 2, 2]


def test_project_words_and_known_misspellings_are_not_reported() -> None:
    assert typo_finder(LintConfig()).typo("Kears") is not None
    assert typo_finder(LintConfig(words=("Kears",))).typo("Kears") is None
    # A misspelling the project lists for AG110 is AG110's to report, not AG112's.
    assert typo_finder(LintConfig(misspellings={"Kears": "Keras"})).typo("Kears") is None


def test_ag110_and_ag112_never_report_the_same_text(tmp_path: Path) -> None:
    known = " ".join(entry.wrong for entry in bundled_misspellings())
    body = f"# Which names are wrong?\n\n{known}. Also GTP-3, Kears, LTSM and Swists.\n"
    write_notes(tmp_path, [FixtureNote("note", body)])
    ag110 = lint_rule(tmp_path, "AG110")
    ag112 = lint_rule(tmp_path, "AG112")
    assert [d.message.split("'")[1] for d in ag112] == ["Kears", "LTSM"]
    spans_110 = {(d.line, d.column) for d in ag110}
    assert spans_110 and not spans_110 & {(d.line, d.column) for d in ag112}


def test_looking_up_unknown_words_runs_little_python_per_word() -> None:
    """The lexicon is searched in C: an unknown word costs about 90 calls and lines of Python,
    not one or more per name of the lexicon (the work is counted: tests/work_count.py)."""
    assert nearest_canonical("Zqwarmx") is None  # lists and index loaded outside the count
    words = [f"Zq{index:04d}x{letter}" for index in range(500) for letter in "ab"]
    found, calls = calls_made(lambda: [nearest_canonical(word) for word in words], lines=True)
    assert found == [None] * len(words)
    assert calls < 200 * len(words), calls
    assert len(_index().keys) > 1000  # a scan of the names in Python would cost more


@pytest.mark.parametrize("word", ["cafe", "Cafe", "cyber", "phonebook", "stats", "square"])
def test_words_of_any_tier_are_never_name_typos(word: str) -> None:
    """A word of the web tier ("cafe") is English even when a name ("Caffe") is one edit away."""
    assert nearest_canonical(word) is None


@pytest.mark.parametrize("word", ["netwokrs", "captue", "squae", "staas", "kears"])
def test_english_as_near_as_a_name_wins_for_a_lower_case_slip(word: str) -> None:
    """ "netwokrs" is one swap from "networks", two edits from NetworkX: a slip of English."""
    assert nearest_canonical(word) is None


@pytest.mark.parametrize(
    ("word", "name"),
    [
        *[("Kears", "Keras"), ("tahn", "tanh"), ("Sigmod", "sigmoid")],
        *[("Wrod2Vec", "word2vec"), ("kafak", "Kafka"), ("hufman", "Huffman")],
    ],
)
def test_a_likelier_slip_of_the_name_stays_a_name_typo(word: str, name: str) -> None:
    """As near as an English word ("years", "than", "kayak", "human"), but written as the
    name is written, or a likelier slip of it (two letters swapped, one left out)."""
    assert nearest_canonical(word) == name


def test_spelling_suggests_the_english_word_when_it_is_as_near() -> None:
    from ankigen.lint.rules.spelling import speller

    checker = speller(LintConfig())
    suggestions = {word: checker.suggest(word) for word in ("netwokrs", "squae", "skikit")}
    assert suggestions == {"netwokrs": "networks", "squae": "square", "skikit": "scikit"}


@pytest.mark.parametrize(
    ("text", "typo", "name"),
    [
        ("The Hugigng Face hub", "Hugigng Face", "Hugging Face"),
        ("a Monte Calro estimate", "Monte Calro", "Monte Carlo"),
        ("trained with PyTorch Lightnign", "PyTorch Lightnign", "PyTorch Lightning"),
        # an English word is a slip inside a name with a coined word: no English phrase
        ("trained with PyTorch Lighting", "PyTorch Lighting", "PyTorch Lightning"),
        ("images from Stable Difusion", "Stable Difusion", "Stable Diffusion"),
        ("the Penn Treebnak corpus", "Penn Treebnak", "Penn Treebank"),
        ("masks from Segment Anyhting", "Segment Anyhting", "Segment Anything"),
        ("deployed on Vertx\nAI", "Vertx\nAI", "Vertex AI"),
    ],
)
def test_a_misspelled_word_of_a_several_word_name_names_the_whole_name(
    text: str, typo: str, name: str
) -> None:
    found = list(phrase_typos(text, 0, typo_finder(LintConfig())))
    start = text.index(typo)
    assert found == [(start, start + len(typo), typo, name)]


@pytest.mark.parametrize(
    "text",
    [
        "Hugging Face and Stable Diffusion, written right",
        "a hugging face emoji, and vortex AI as an English phrase",
        "Jupyter Notebooks and a Jupyter Notebook's kernel",  # a plural and a possessive
        "a delta like that one in Delta Lake",  # English words near an all-English name
        "Pytroch Lightning",  # a slip of the one-word name PyTorch: reported as that
        "Kears Tuner",
    ],
)
def test_words_and_one_word_name_typos_are_not_phrase_typos(text: str) -> None:
    assert list(phrase_typos(text, 0, typo_finder(LintConfig()))) == []


def test_a_project_word_is_never_a_phrase_typo() -> None:
    config = LintConfig(words=("Hugigng",))
    assert list(phrase_typos("The Hugigng Face hub", 0, typo_finder(config))) == []


def test_a_misspelt_word_of_a_several_word_name_is_one_finding(tmp_path: Path) -> None:
    """AG112 names the whole name and AG111 leaves that word to it (as it leaves a misspelt
    hyphenated name), so one typo gives one finding."""
    body = "# Where are checkpoints hosted?\n\nOn the Huggign Face Hub; huggign alone is no word.\n"
    write_notes(tmp_path, [FixtureNote("hub", body)])
    result = check([tmp_path / "content"])
    found = run_rules(
        documents_of(result), LintConfig.model_validate({"select": ["AG111", "AG112"]})
    )
    assert sorted((d.code, d.column) for d in found) == [("AG111", 26), ("AG112", 8)]
    alone = run_rules(documents_of(result), LintConfig.model_validate({"select": ["AG111"]}))
    assert sorted((d.code, d.column) for d in alone) == [("AG111", 26)]
