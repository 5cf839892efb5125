"""The one loader of the linter's bundled data files (``ankigen/lint/data/``).

Word lists come back as tuples of their lines; YAML files are parsed with libyaml where it is
installed (about ten times faster than the pure-Python parser, the same values) and checked
against a typed shape, so a malformed data file fails at load with the file and key named,
instead of as a ``KeyError`` deep inside a rule.
"""

from __future__ import annotations

from importlib import resources
from typing import (
    Any,
    NotRequired,  # pydantic needs these before 3.12
    TypeVar,
)

import yaml
from pydantic import ConfigDict, TypeAdapter, ValidationError
from typing_extensions import TypedDict

T = TypeVar("T")

_STRICT = ConfigDict(extra="forbid", strict=True)


class LeftoverEntry(TypedDict):
    """One phrase of ``leftovers.yaml``."""

    __pydantic_config__ = _STRICT  # type: ignore[misc]
    pattern: str
    message: str
    keywords: NotRequired[list[str]]
    case_sensitive: NotRequired[bool]


class MisspellingContext(TypedDict):
    __pydantic_config__ = _STRICT  # type: ignore[misc]
    not_after: NotRequired[str]
    not_before: NotRequired[str]
    not_in_note: NotRequired[str]


class MisspellingEntry(TypedDict):
    """One entry of ``misspellings.yaml``: a wrong spelling and the right one."""

    __pydantic_config__ = _STRICT  # type: ignore[misc]
    wrong: str
    right: str
    reason: NotRequired[str]
    case_sensitive: NotRequired[bool]
    in_code: NotRequired[bool]
    context: NotRequired[str | MisspellingContext]


class Misspellings(TypedDict):
    __pydantic_config__ = _STRICT  # type: ignore[misc]
    contexts: NotRequired[dict[str, MisspellingContext]]
    misspellings: list[MisspellingEntry]


# One removed or renamed API of ``removed_apis.yaml``: a name, a method or a keyword, and the
# release it left in ("in" is a Python keyword, hence the functional form).
RemovedApiEntry = TypedDict(
    "RemovedApiEntry",
    {
        "status": str,
        "in": str,
        "replacement": str,
        "name": NotRequired[str],
        "method": NotRequired[str],
        "keyword": NotRequired[str],
        "call": NotRequired[str],
    },
)
setattr(RemovedApiEntry, "__pydantic_config__", _STRICT)  # noqa: B010 (no class syntax here)


class RemovedApis(TypedDict):
    __pydantic_config__ = _STRICT  # type: ignore[misc]
    names: list[RemovedApiEntry]
    methods: list[RemovedApiEntry]
    keywords: list[RemovedApiEntry]


# The word lists of the arithmetic rules, by role; the operators by the operator they mean.
ArithmeticWords = dict[str, list[str] | dict[str, list[str]]]
Leftovers = dict[str, list[LeftoverEntry]]


class ClaimKindEntry(TypedDict):
    """One entry of ``claim_kinds.yaml``: a kind (or "setting", "not-a-count") and the label
    patterns that name it."""

    __pydantic_config__ = _STRICT  # type: ignore[misc]
    kind: str
    patterns: list[str]


class ClaimLexicon(TypedDict):
    __pydantic_config__ = _STRICT  # type: ignore[misc]
    kinds: list[ClaimKindEntry]
    result_words: list[str]


class HangulJamo(TypedDict):
    """The jamo strings a Hangul syllable is composed of (``transliteration.yaml``)."""

    __pydantic_config__ = _STRICT  # type: ignore[misc]
    initials: list[str]
    medials: list[str]
    finals: list[str]


class Transliteration(TypedDict):
    """``ankigen/data/transliteration.yaml``: non-Latin letters in ASCII, for note ids."""

    __pydantic_config__ = _STRICT  # type: ignore[misc]
    characters: dict[str, str]
    hangul: HangulJamo


class DataFileError(ValueError):
    """A bundled data file does not have the shape its loader expects (a packaging bug)."""


def data_text(name: str) -> str:
    return package_data_text("ankigen.lint", name)


def package_data_text(package: str, name: str) -> str:
    """A bundled file of ``<package>/data/``: ``ankigen`` holds the data files of the other
    stages, such as the importers' transliteration table."""
    return resources.files(package).joinpath(f"data/{name}").read_text("utf-8")


def data_lines(name: str) -> tuple[str, ...]:
    """A word list: its lines, stripped, without blank lines and '#' comments."""
    lines = (line.strip() for line in data_text(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def data_yaml(name: str, shape: type[T], package: str = "ankigen.lint") -> T:
    """A YAML data file of ``<package>/data/``, parsed and checked against ``shape``."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parsed = yaml.load(package_data_text(package, name), Loader=loader)
    adapter: TypeAdapter[T] = TypeAdapter(shape)  # each file is loaded once: no cache
    try:
        return adapter.validate_python(parsed)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise DataFileError(
            f"{package.replace('.', '/')}/data/{name} is malformed "
            f"({error.error_count()} problem(s)); first at {where}: {first['msg']}"
        ) from None


class LineClassifierWeights(TypedDict):
    """``line_classifier.txt``: the learned prose-line classifier (scripts/
    train_line_classifier.py): its feature space, decision threshold, codes, and per feature
    bucket one weight per code."""

    buckets: int
    threshold: float
    codes: tuple[str, ...]
    reported: frozenset[str]  # the codes the linter reports; the others only compete
    weights: dict[int, tuple[float, ...]]


def data_line_classifier(name: str) -> LineClassifierWeights:
    """The weights file ``name``: four header lines (``buckets N``, ``threshold P``, ``codes
    C...``, ``reported C...``), then ``bucket w1 ... wK`` lines; '#' comments. Plain text,
    not YAML: thousands of rows parse in milliseconds."""
    header: dict[str, list[str]] = {}
    weights: dict[int, tuple[float, ...]] = {}
    try:
        for line in data_lines(name):
            key, *values = line.split()
            if key.isdigit():
                weights[int(key)] = tuple(float(value) for value in values)
            else:
                header[key] = values
        codes = tuple(header["codes"])
        result = LineClassifierWeights(
            buckets=int(header["buckets"][0]),
            threshold=float(header["threshold"][0]),
            codes=codes,
            reported=frozenset(header["reported"]),
            weights=weights,
        )
    except (KeyError, IndexError, ValueError) as error:
        raise DataFileError(f"ankigen/lint/data/{name} is malformed: {error!r}") from None
    if any(len(row) != len(codes) for row in weights.values()):
        raise DataFileError(f"ankigen/lint/data/{name} is malformed: a row's weights != codes")
    return result
