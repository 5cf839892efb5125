"""The linter's data files load through one typed loader: the same values as a plain YAML
parse, and a malformed file fails at load naming the file and the key."""

from __future__ import annotations

import pytest
import yaml

from ankigen.lint import data_files
from ankigen.lint.data_files import (
    ArithmeticWords,
    DataFileError,
    Leftovers,
    Misspellings,
    RemovedApis,
    data_lines,
    data_text,
    data_yaml,
)

SHAPES = {
    "arithmetic.yaml": ArithmeticWords,
    "leftovers.yaml": Leftovers,
    "misspellings.yaml": Misspellings,
    "removed_apis.yaml": RemovedApis,
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_yaml_file_has_its_shape_and_the_plain_parse_values(name: str) -> None:
    assert data_yaml(name, SHAPES[name]) == yaml.safe_load(data_text(name))


def test_a_malformed_file_names_the_file_and_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = (
        "names:\n  - {name: tf.Session, status: removed, in: TF 2}\nmethods: []\nkeywords: []\n"
    )
    monkeypatch.setattr(data_files, "package_data_text", lambda package, name: broken)
    with pytest.raises(
        DataFileError, match=r"removed_apis.yaml is malformed .*names\.0\.replacement"
    ):
        data_yaml("removed_apis.yaml", RemovedApis)


def test_an_unknown_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = "placeholder:\n  - {pattern: 'x', message: 'y', keyword: ['x']}\n"
    monkeypatch.setattr(data_files, "package_data_text", lambda package, name: extra)
    with pytest.raises(DataFileError, match=r"placeholder\.0\.keyword"):
        data_yaml("leftovers.yaml", Leftovers)


def test_word_lists_drop_blank_lines_and_comments() -> None:
    lines = data_lines("technical_names.txt")
    assert lines and all(line == line.strip() and not line.startswith("#") for line in lines)
    raw = data_text("technical_names.txt").splitlines()
    assert len(lines) == sum(1 for line in raw if line.strip() and not line.strip().startswith("#"))
