"""The features of one line of a note body, for the learned prose-line classifier (issue #12).

A line is read as hashed word unigrams and bigrams, hashed character 4-grams of its words,
and a few cheap facts about where it stands (the question, the whole answer, the last line,
a list item, inside a code block) and what it holds (a link, a figure word, an emphasis or
bracket of its own). Pure Python and deterministic (CRC-32, not ``hash()``), so the training
script (``scripts/train_line_classifier.py``) and the linter compute the same features.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Sequence

BUCKETS = 1 << 14  # hashed feature space; collisions cost little at this size
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_DIGITS = re.compile(r"\d+")
_FENCE = re.compile(r"^[ \t>]*(?:```|~~~)")
_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+")
_LINK = re.compile(r"\]\(|https?://|\bwww\.")
_FIGURE_WORD = re.compile(
    r"\b(?:figure|fig|image|picture|diagram|chart|plot|graph|screenshot|illustration|"
    r"shown|below|above|left|right|attached|table|slide|video)\b",
    re.IGNORECASE,
)
_SET_APART = re.compile(r"^[ \t>]*[*_(\[]|[*_)\]][ \t.]*$")


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % BUCKETS


def _context(lines: Sequence[str], index: int, in_code: bool) -> list[str]:
    """The facts about line ``index`` (0 = the question heading) that its words do not say."""
    line = lines[index]
    answer = [i for i, text in enumerate(lines) if i > 0 and text.strip()]
    words = _WORD.findall(line)
    facts = ["bias"]
    if index == 0:
        facts.append("question")
    elif answer and index == answer[0]:
        facts.append("first")
    if answer and index == answer[-1]:
        facts.append("last")
    if len(answer) == 1 and index in answer:
        facts.append("whole")
    if in_code:
        facts.append("code")
    if _ITEM.match(line):
        facts.append("item")
    if line.lstrip().startswith("|"):
        facts.append("table")
    if line.lstrip().startswith("#"):
        facts.append("heading")
    if _LINK.search(line):
        facts.append("link")
        if len(words) <= 8:
            facts.append("short-link")
    if _FIGURE_WORD.search(line):
        facts.append("figure-word")
    if _SET_APART.search(line):
        facts.append("set-apart")
    facts.append(f"words:{min(len(words), 12) // 3}")
    return [f"ctx:{fact}" for fact in facts]


def line_features(lines: Sequence[str], index: int, in_code: bool = False) -> list[int]:
    """The sorted, distinct feature buckets of line ``index`` of a note body's ``lines``."""
    line = lines[index]
    words = [_DIGITS.sub("0", word.lower()) for word in _WORD.findall(line)]
    names = _context(lines, index, in_code)
    names += [f"w:{word}" for word in words]
    names += [f"b:{first} {second}" for first, second in itertools.pairwise(words)]
    for word in words:
        padded = f" {word} "
        names += [f"c:{padded[i : i + 4]}" for i in range(max(1, len(padded) - 3))]
    return sorted({_bucket(name) for name in names})


def body_lines(body: str) -> tuple[list[str], list[bool]]:
    """A note body's lines and, for each, whether it is inside a fenced code block (the fence
    lines themselves count as inside)."""
    lines = body.split("\n")
    inside: list[bool] = []
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            inside.append(True)
            fenced = not fenced
        else:
            inside.append(fenced)
    return lines, inside
