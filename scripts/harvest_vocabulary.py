"""Harvest candidate terms for ``ankigen/lint/data/technical_vocabulary.txt``.

Reads the docstrings of Python packages (and any Markdown, reStructuredText or text files
given) and lists the words that the English dictionary and the bundled lists do not know,
most widespread first, as tab-separated ``word  sources  count``. The output is raw material:
a person reviews it and adds the real terms to the vocabulary file (typos and code names
found in docstrings must not be added).

Example, with the packages installed in a throwaway virtual environment::

    python -m venv /tmp/harvest && /tmp/harvest/bin/pip install scikit-learn scipy pandas
    .venv/bin/python scripts/harvest_vocabulary.py \\
        /tmp/harvest/lib/python3.11/site-packages/{sklearn,scipy,pandas} \\
        --min-sources 2 > /tmp/candidates.tsv
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from ankigen.lint.words import english_words, is_dictionary_word

# Words as the spelling rule sees them: letters, inner apostrophes; hyphens split words.
_WORD = re.compile(r"(?<![\w.$/\\`'-])[A-Za-z][a-z]*(?:[A-Z]+s?)?(?![\w(/\\`]|\.\w)")
_DOC_SUFFIXES = (".md", ".rst", ".txt")
# Docstring sections that hold code or references rather than prose.
_NOT_PROSE = re.compile(
    r"```.*?```|`[^`\n]*`|>>>.*$|\.\.\s+\w+::.*$|https?://\S+|:\w+:`[^`]*`|\$[^$\n]*\$",
    re.MULTILINE | re.DOTALL,
)


def docstrings(path: Path) -> Iterator[str]:
    """Every docstring of a Python file (module, classes, functions); none if it won't parse."""
    try:
        tree = ast.parse(path.read_text("utf-8", errors="replace"))
    except (SyntaxError, ValueError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            text = ast.get_docstring(node, clean=True)
            if text:
                yield text


def texts(source: Path) -> Iterator[str]:
    """The prose of a package folder (its docstrings and documents) or of one document."""
    files = sorted(source.rglob("*")) if source.is_dir() else [source]
    for path in files:
        if "tests" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            yield from docstrings(path)
        elif path.suffix in _DOC_SUFFIXES:
            yield path.read_text("utf-8", errors="replace")


def words(text: str) -> Iterator[str]:
    yield from _WORD.findall(_NOT_PROSE.sub(" ", text))


def harvest(sources: Iterable[Path]) -> tuple[Counter[str], dict[str, set[str]]]:
    """How often each unknown word (lower case) occurs, and in which sources."""
    counts: Counter[str] = Counter()
    where: dict[str, set[str]] = defaultdict(set)
    known = english_words()
    for source in sources:
        for text in texts(source):
            for word in words(text):
                lower = word.lower()
                if len(lower) < 2 or lower in known:
                    continue
                counts[lower] += 1
                where[lower].add(source.name)
    return counts, where


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+", type=Path, help="package folders or documents")
    parser.add_argument("--min-sources", type=int, default=1, help="seen in this many sources")
    parser.add_argument("--min-count", type=int, default=3, help="seen this many times")
    parser.add_argument("--all", action="store_true", help="list words already bundled too")
    options = parser.parse_args(argv)
    counts, where = harvest(options.sources)
    rows = [
        (word, len(where[word]), count)
        for word, count in counts.items()
        if count >= options.min_count
        and len(where[word]) >= options.min_sources
        and (options.all or not is_dictionary_word(word))
    ]
    rows.sort(key=lambda row: (-row[1], -row[2], row[0]))
    for word, sources, count in rows:
        sys.stdout.write(f"{word}\t{sources}\t{count}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
