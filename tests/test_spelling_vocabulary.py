"""The spelling rule's word knowledge: the bundled technical vocabulary (its data), the shared
``is_dictionary_word`` and the ``spelling_prose`` view that keeps non-prose out of the check."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from ankigen.lint import data_files
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
    web_words,
)
from ankigen.pipeline.check import check
from tests.conftest import load_script
from tests.rule_harness import FixtureNote, write_notes
from tests.work_count import calls_made

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
    "powerset",
    "powersets",
    "monoid",
    "semirings",
    "matroids",
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
    "auditability",  # an MLOps article (round 5)
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


# --- The web-frequency tier (data/web_words.txt, made by scripts/web_words.py) -------------

WEB_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "web_words.py"
web_script = load_script("web_words")

# Misspellings that web text holds often enough (Zipf >= 2) to reach the tier's threshold,
# and more that do not: none may ever be known, whatever tier. (Left out as real words:
# "calender", a pressing machine, and "wether", a ram.)
WEB_MISSPELLINGS = (
    *("accomodate", "accross", "adn", "adress", "agressive", "arguement", "arround"),
    *("beacuse", "becuase", "befor", "begining", "beleive", "belive", "buisness"),
    *("cemetary", "comming", "completly", "curiousity", "definately", "diferent"),
    *("diffrent", "dont", "doesnt", "enought", "enviroment", "existance", "finaly"),
    *("freind", "goverment", "grammer", "guage", "happend", "hte", "immediatly"),
    *("independant", "intresting", "isnt", "lenght", "millenium", "occassion", "occured"),
    *("occurence", "peice", "posible", "prefered", "realy", "recieve", "recieved"),
    *("recomend", "refered", "remeber", "seperate", "similiar", "speach", "succesful"),
    *("sucess", "suprise", "taht", "teh", "thier", "tounge", "truely", "untill", "upto"),
    *("alot", "infact", "usefull", "wich", "wierd", "writting", "acheive", "apparantly"),
    *("basicly", "catagory", "collegue", "commitee", "concious", "dilemna"),
    *("dissapear", "embarass", "experiance", "familar", "foriegn", "gaurd", "harrass"),
    *("interupt", "irrelevent", "knowlege", "libary", "lisence", "maintainance"),
    *("mispell", "neccessary", "noticable", "paralel", "persistant", "posession"),
    *("privelege", "probaly", "relevent", "religous", "rythm", "sieze", "supercede"),
    *("biblographic", "unfortunatly", "retreive", "sentance", "thresold", "varaible"),
)
# Real words, names and terms that the dictionary lacks and the web tier adds.
WEB_WORDS = (
    *("cyber", "coursera", "winsor", "phonebook", "cafe", "ng", "kk", "udemy", "quora"),
    *("uber", "spotify", "airbnb", "reddit", "instagram", "linkedin", "microservices"),
    *("stackoverflow", "chatbots", "hinton", "bengio", "kubernetes"),
)


def _web_lines() -> list[str]:
    path = resources.files("ankigen.lint").joinpath("data/web_words.txt")
    return path.read_text("utf-8").splitlines()


def test_web_tier_header_names_source_licence_and_thresholds() -> None:
    lines = _web_lines()
    header = "".join(f"{line}\n" for line in lines if line.startswith("#"))
    assert header == web_script.header()
    assert "wordfreq 3.1.1" in header and "CC BY-SA 4.0" in header
    assert f">= {web_script.MIN_ZIPF}" in header and f"{web_script.LIKELIER_BY} higher" in header


def test_web_tier_is_sorted_unique_lower_case_words() -> None:
    lines = _web_lines()
    header = [line for line in lines if line.startswith("#")]
    assert lines[: len(header)] == header, "comments only at the top"
    words = lines[len(header) :]
    assert [w for w in words if not re.fullmatch(r"[a-z]{2,}", w)] == []
    assert words == sorted(set(words))
    assert sorted(web_words()) == words
    assert 10_000 <= len(words) <= 80_000


def test_web_tier_adds_only_what_the_dictionary_lacks() -> None:
    assert web_words().isdisjoint(english_words())


def test_the_committed_web_tier_is_what_the_script_makes() -> None:
    """Installs the pinned wordfreq in a cached venv (seconds once cached), compares."""
    command = [sys.executable, str(WEB_SCRIPT), "--check"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_web_tier_loads_in_one_read_and_a_few_steps_a_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loading the tier reads its one file and runs about six calls and lines of Python a word
    (the work is counted: tests/work_count.py), nothing that looks at each word further."""
    read: list[str] = []
    package_data_text = data_files.package_data_text

    def counted(package: str, name: str) -> str:
        read.append(name)
        return package_data_text(package, name)

    monkeypatch.setattr(data_files, "package_data_text", counted)
    web_words.cache_clear()
    words, steps = calls_made(web_words, lines=True)
    assert read == ["web_words.txt"]
    assert steps < 10 * len(words), steps


@pytest.mark.parametrize("word", WEB_MISSPELLINGS)
def test_web_misspellings_stay_unknown(word: str) -> None:
    assert not is_dictionary_word(word)
    assert word not in web_words()


@pytest.mark.parametrize("word", WEB_WORDS)
def test_web_words_are_known(word: str) -> None:
    assert is_dictionary_word(word)
    assert is_dictionary_word(word.capitalize())


def test_a_slip_is_left_out_when_a_neighbour_is_far_more_frequent() -> None:
    zipf = {"receive": 4.85, "recieve": 2.75, "windsor": 3.73, "winsor": 2.44, "tool": 5.0}
    zipf |= {"millennium": 3.7, "millenium": 2.6, "dont": 4.0, "don't": 5.5, "zq": 2.1}
    kept = web_script.select(zipf, known={"receive", "windsor", "millennium", "tool"})
    # A swap is a classic slip (1.0 is enough); a letter added that doubles one too;
    # another letter added needs 1.5 ("winsor" stays); a missing apostrophe is left out.
    assert kept == ["winsor", "zq"]


def test_one_edit_marks_the_classic_slips() -> None:
    edits = dict(web_script.one_edit("recieve"))
    assert edits["receive"] is True  # swapped neighbours
    assert dict(web_script.one_edit("millenium"))["millennium"] is True  # letter doubled
    assert dict(web_script.one_edit("grammer"))["grammar"] is True  # vowel for vowel
    assert dict(web_script.one_edit("biblographic"))["bibliographic"] is True  # vowel left out
    assert dict(web_script.one_edit("winsor"))["windsor"] is False  # another letter added


# --- Well-known English misspellings, reported by the spelling rule (AG111) ------------------

# Each is reported whatever its tier: dictionary, web tier (doubled letters moved, "-icly"),
# inflection ("commited" is no form of the term "commit": English doubles its "t"). Left out
# as real words: "dependant" (British noun), "florescent", "pastime", "preform".
ENGLISH_MISSPELLINGS = (
    *("absense", "acceptible", "accidentaly", "accomodate", "accomodation", "accross"),
    *("accurancy", "acheive", "acheived", "acknowlege", "adress", "adresses", "agressive"),
    *("algorithim", "allready", "alot", "amatuer", "apparant", "apparantly", "arguement"),
    *("arguements", "assasination", "basicly", "begginer", "begining", "beleive", "beleived"),
    *("belive", "benifit", "calender", "calulate", "catagory", "cemetary", "changable"),
    *("collegue", "comming", "commited", "commitee", "comparision", "completly", "concensus"),
    *("concious", "consistancy", "consistant", "contraversy", "convienient", "curiousity"),
    *("decieve", "definately", "definatly", "dependancies", "desparate", "develope"),
    *("developement", "diffrent", "dilemna", "dimention", "dissapear", "dissapoint", "efficency"),
    *("embarass", "enviroment", "enviroments", "equiptment", "excercise", "existance", "existant"),
    *("experiance", "explaination", "facinating", "familar", "finaly", "foward", "freind"),
    *("fullfil", "gaurd", "goverment", "grammer", "gratefull", "guage", "guarentee", "happend"),
    *("harrass", "heirarchy", "hieght", "hypocracy", "ignorence", "immediatly", "implimentation"),
    *("independant", "independantly", "indispensible", "innoculate", "inteligence", "intial"),
    *("intresting", "irrelevent", "knowlege", "liason", "libary", "lisence", "maintainance"),
    *("managment", "millenium", "minature", "mischevious", "mispell", "neccesary", "neccessary"),
    *("necesary", "neice", "nieghbor", "noticable", "occassion", "occassionally", "occured"),
    *("occurence", "occuring", "occurr", "occurrance", "ommision", "oppurtunity", "orignal"),
    *("paralel", "paramter", "parliment", "particulary", "perfomance", "perseverence", "personel"),
    *("persue", "playwrite", "posession", "possesion", "potatos", "preceed", "prefered"),
    *("presance", "privelege", "probaly", "profesional", "promiss", "pronounciation"),
    *("publically", "questionaire", "realy", "reccomend", "recieve", "recieved", "recieving"),
    *("recomend", "referance", "refered", "refrence", "relevence", "relevent", "religous"),
    *("rember", "remeber", "repetion", "resistence", "responsability", "restaraunt", "rythm"),
    *("seperate", "seperately", "seperation", "sieze", "similarily", "similiar", "sincerly"),
    *("speach", "strenght", "succesful", "sucess", "sucessful", "sufficent", "supercede"),
    *("suprise", "tatoo", "technicaly", "tendancy", "therfore", "threshhold", "tommorow"),
    *("tounge", "truely", "twelth", "tyrany", "underate", "untill", "unusualy", "usefull"),
    *("vaccum", "vegatable", "wether", "wich", "wierd", "wilfull", "withold", "writting", "yeild"),
)


@pytest.mark.parametrize("word", ENGLISH_MISSPELLINGS)
def test_english_misspellings_are_reported(word: str) -> None:
    checker = speller(LintConfig())
    assert checker.problem(word) is not None
    assert checker.problem(word.capitalize()) is not None


def test_a_moved_double_letter_or_icly_adverb_is_left_out_of_the_web_tier() -> None:
    zipf = {"recommend": 4.6, "reccomend": 2.1, "publicly": 4.3, "publically": 2.7}
    zipf |= {"hoffman": 3.7, "hofman": 3.3, "aa": 4.0, "a": 7.4}
    kept = web_script.select(zipf, known={"recommend", "publicly", "hoffman", "a"})
    # "hofman" is within the bar of "hoffman"; two letters are too short to compare.
    assert kept == ["aa", "hofman"]
    assert web_script.double_letter_skeleton("tommorow") == "tomorow"
    assert web_script.double_letter_skeleton("tomorrow") == "tomorow"


@pytest.mark.parametrize(
    ("word", "known"),
    [
        *[("commited", False), ("committed", True), ("targetted", False), ("targeted", True)],
        *[("overfitted", True), ("modelled", True), ("benchmarked", True), ("upserted", True)],
    ],
)
def test_inflections_follow_the_english_doubling(word: str, known: bool) -> None:
    assert is_dictionary_word(word) is known


@pytest.mark.parametrize(
    "word",
    [
        *("bettre", "computre", "wintre", "kalling", "smilling", "schedulled", "coures"),
        *("cours", "unformation", "uncredible", "undependent"),
    ],
)
def test_british_and_prefix_rules_do_not_accept_slips(word: str) -> None:
    assert not is_dictionary_word(word)


@pytest.mark.parametrize(
    "word",
    [
        *("centre", "kilometres", "theatre", "modelling", "cancelled", "signalling", "colours"),
        *("behaviour", "favourite", "honourable", "unlabeled", "uninformative", "nonconvex"),
    ],
)
def test_british_and_prefix_rules_accept_real_words(word: str) -> None:
    assert is_dictionary_word(word)
