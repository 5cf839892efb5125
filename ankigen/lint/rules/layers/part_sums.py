"""A stated total of parameters that is not the sum of the parts listed above it (AG104).

A note that counts a block part by part, one list item or table row each ("- conv 1:
36,864", "| query | 768 x 768 | 768 | 590,592 |"), and then states the block's total (a
closing "total" item or row, a row whose other cells are empty, or a "Total: N" line right
after the list or table) claims that total is the sum of the parts. A total that is not
(a digit slipped, a part left out: four projections listed and three summed) is reported.
Only notes about parameters are read (the question, the total's line or the table's header
says parameters or weights); a total worked out on its own line ("12 x 7,087,872 = …"),
hedged, or with a part the total may leave out (a bias, the running statistics, a
comparison row such as "standard conv") is judged leniently: the sum with or without that
part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import NoteLine, claims, note_lines

_ITEM = lazy_regex(r"^\s*(?:[-*+]|\d+[.)])\s+(?P<label>[^:]{1,60}):")
_TOTAL_LINE = lazy_regex(
    r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?P<label>[^:|]{0,30}\btotal\b[^:|]{0,20}):", re.IGNORECASE
)
_TOTAL_WORDS = lazy_regex(r"\b(?:total|sum|overall|all|block|whole|altogether)\b", re.I)
_TOTAL_LABEL = lazy_regex(r"\b(?:total|sum|overall|altogether|in all)\b", re.I)
_COUNT_WORDS = lazy_regex(r"\bparam\w*|\bweights\b|\btrainable\b|Param\s*#", re.IGNORECASE)
_OPTIONAL_PART = lazy_regex(
    r"\bbias\w*|\brunning\b|\bmoving\b|\bbuffers?\b|non-trainable|\bfrozen\b|\bshortcut\b|"
    r"\bstandard\b|\bplain\b|\bdense\b|\bnormal\b|\bregular\b|\bvanilla\b|\bcomparison\b|"
    r"\bwithout\b|\bbaseline\b",
    re.IGNORECASE,
)
_PER = lazy_regex(r"\bper\b|\beach\b|\bgates\b", re.IGNORECASE)
_SHARE = lazy_regex(
    r"\bper\b|\beach\b|\bweights\b|\bkernel\b|\bgamma\b|\bbeta\b|\bgates?\b",
    re.IGNORECASE,
)
_OPERATOR = lazy_regex(r"[\N{MULTIPLICATION SIGN}·\N{DOT OPERATOR}*+/=]|\\times|\\cdot|\d\s*x\s*\d")


@dataclass(frozen=True)
class _Part:
    label: str
    value: int


def _cells(line: NoteLine) -> list[str]:
    return [cell.strip() for cell in line.text.strip().strip("|").split("|")]


def _last_cell(line: NoteLine) -> NoteLine:
    """The row with every cell but its last blanked."""
    start = line.text.rstrip().rstrip("|").rfind("|") + 1
    return NoteLine(line.number, line.start, " " * start + line.text[start:], line.code, False)


def _after_label(line: NoteLine, end: int) -> NoteLine:
    """The line with its list marker and label (up to ``end``) blanked."""
    return NoteLine(line.number, line.start, " " * end + line.text[end:], line.code, False)


def _value(line: NoteLine) -> int | None:
    """The one count the line (after its label) states: a result after "=", or the number
    right after a colon or alone in a cell."""
    stated = {
        c.value
        for c in claims(line, minimum=0)
        if c.after_equals or c.before.rstrip(" $*").endswith(":") or not c.before.strip(" $*")
    }
    return stated.pop() if len(stated) == 1 else None


def _groups(lines: list[NoteLine]) -> Iterator[tuple[list[_Part], int, str]]:
    """Runs of list items or table rows with one count each: their parts and the index of
    the line after them, and the table's header ("" for a list)."""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.text.lstrip().startswith("|") and not line.code:
            rows = []
            while index < len(lines) and lines[index].text.lstrip().startswith("|"):
                rows.append(lines[index])
                index += 1
            yield from _table(rows, index)
            continue
        if _ITEM.match(line.text) and not line.code:
            items = []
            while index < len(lines) and _ITEM.match(lines[index].text) and not lines[index].code:
                items.append(lines[index])
                index += 1
            yield from _list(items, index)
            continue
        index += 1


def _table(rows: list[NoteLine], after: int) -> Iterator[tuple[list[_Part], int, str]]:
    if len(rows) < 4 or not re.fullmatch(r"[\s|:\-]+", rows[1].text):
        return
    header = _cells(rows[0])
    parts = []
    for row in rows[2:]:
        cells = _cells(row)
        if len(cells) != len(header):
            return
        value = _value(_last_cell(row))
        if value is None:
            return
        middle_empty = len(cells) > 2 and not any(cells[1:-1])
        parts.append(_Part(f"total {cells[0]}" if middle_empty else cells[0], value))
        if middle_empty and not _TOTAL_WORDS.search(cells[0]):
            return
    yield parts, after, " ".join(header)


def _list(items: list[NoteLine], after: int) -> Iterator[tuple[list[_Part], int, str]]:
    parts = []
    for item in items:
        label = _ITEM.match(item.text)
        value = None if label is None else _value(_after_label(item, label.start("label")))
        if label is None or value is None:
            return
        parts.append(_Part(label["label"], value))
    yield parts, after, ""


def _shares(parts: list[_Part]) -> bool:
    """Whether a part is one tensor of a layer or a per-unit value: the total may then count
    what the parts leave out."""
    return any(_SHARE.search(part.label) for part in parts)


def _lenient_sums(parts: list[_Part]) -> set[int]:
    whole = sum(p.value for p in parts)
    sums = {whole}
    for part in parts:
        if _OPTIONAL_PART.search(part.label):
            sums.add(whole - part.value)
    optional = sum(p.value for p in parts if _OPTIONAL_PART.search(p.label))
    sums.add(whole - optional)
    return sums


def _total_claim(
    parts: list[_Part], lines: list[NoteLine], after: int
) -> tuple[list[_Part], NoteLine, str] | None:
    """The total the run states: its last item or row, else the first line after it."""
    last = parts[-1]
    if _TOTAL_LABEL.search(last.label):
        return parts[:-1], lines[after - 1], last.label
    for line in lines[after : after + 2]:
        if not line.text.strip():
            continue
        label = _TOTAL_LINE.match(line.text)
        return (parts, line, label["label"]) if label else None
    return None


def part_sum_findings(document: LintDocument) -> Iterator[Finding]:
    lines = note_lines(document)
    question = document.text[slice(*document.question)] if document.question else ""
    for parts, after, header in _groups(lines):
        total = _total_claim(parts, lines, after)
        if total is None:
            continue
        items, line, label = total
        if len(items) < 2:
            continue
        about_counts = _COUNT_WORDS.search(question + " " + header + " " + line.text)
        if line.text.lstrip().startswith("|"):
            line = _last_cell(line)
        if not about_counts or _OPERATOR.search(line.text.split(":", 1)[-1].replace("**", "")):
            continue
        label_end = line.text.find(":") + 1 if not line.text.lstrip().startswith("|") else 0
        found = list(claims(_after_label(line, max(label_end, 0))))
        if not found:
            continue
        claim = found[0]
        sums = _lenient_sums(items)
        if claim.value in sums or (_shares(items) and claim.value > max(sums)):
            continue
        if any(_PER.search(part.label) for part in items):
            continue
        whole = sum(p.value for p in items)
        yield Finding(
            claim.start,
            claim.end,
            f"the {len(items)} parts listed above add up to {whole:,} parameters, not "
            f"{claim.value:,}: correct the total ({label.strip(' *') or 'total'})",
        )
