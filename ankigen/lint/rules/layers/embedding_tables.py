"""Tables of embedding layers, one row per categorical column or vocabulary (AG104).

An embedding is a lookup table: V categories (tokens) of d dimensions hold V·d parameters and
no bias. "| EDUCATION | 7 | 4 | 32 |" under "| column | categories | dim | params |" counts a
bias per dimension (7·4 + 4): the row is 28. A note that reserves a row for unknown or padded
values (out-of-vocabulary, ``mask_zero``, "+ 1 for unseen") may count (V + 1)·d.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.quantities import parse_total
from ankigen.lint.arith.tables import tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_EMBEDDING = lazy_regex(r"\bembedding|\bnn\.Embedding\b|\blookup\s+table", re.IGNORECASE)
_CATEGORIES = lazy_regex(
    r"^(?:#\s*|n(?:um(?:ber)?)?[ _.]*(?:of\s+)?)?(?:categories|levels|classes|values|tokens|"
    r"vocab(?:ulary)?(?:[ _]size)?|cardinality|input_dim|num_embeddings)$|^v$|^\|v\|$"
)
_DIMENSION = lazy_regex(
    r"^(?:embedding[ _])?(?:dim(?:ension)?s?|size|width)$|^output_dim$|^embedding_dim$|^d$"
)
_PARAMS = lazy_regex(r"^(?:param(?:eter)?s|#\s*params|param\s*#|weights|parameter\s+count)$")
# a reserved row for unseen, unknown or padded values: V + 1 rows
_RESERVED_ROW = lazy_regex(
    r"\bout[- ]of[- ]vocab\w*|\bOOV\b|\bunknown|\bunseen|\bpadding\b|\bmask_zero\b|"
    r"\breserved?\b|\+\s*1\s+(?:row|for)",
    re.IGNORECASE,
)
# a row that is not one embedding: a total, a head, another layer
_OTHER_ROW = lazy_regex(
    r"\b(?:total|sum|all|head|dense|linear|output|proj\w*|norm\w*|tied|LSTM|GRU|conv\w*|"
    r"attention|layers?|model)\b",
    re.IGNORECASE,
)
_INTEGER = lazy_regex(r"[*_`\s]*(\d{1,3}(?:,\d{3})+|\d+)[*_`\s]*")


def _integer(text: str) -> int | None:
    match = _INTEGER.fullmatch(text)
    return int(match.group(1).replace(",", "")) if match else None


def embedding_table_findings(document: LintDocument, prose: str) -> Iterator[Finding]:
    """Each row of an embedding table whose count is not categories times dimensions."""
    # the note as written: the prose view reads "user_id | … | item_id" as emphasis
    prose = document.text
    body = prose[document.body_offset :]
    if "|" not in body or not _EMBEDDING.search(body):
        return
    reserved = bool(_RESERVED_ROW.search(body))
    for table in tables(prose, document.body_offset, len(prose)):
        header = [re.sub(r"[*`]", "", name).strip() for name in table.header]
        columns = [
            next((i for i, name in enumerate(header) if pattern.search(name)), None)
            for pattern in (_CATEGORIES, _DIMENSION, _PARAMS)
        ]
        if any(c is None for c in columns):
            continue
        if sum(bool(_PARAMS.search(name)) for name in header) != 1:
            continue
        categories_at, dimension_at, params_at = (c for c in columns if c is not None)
        for row in table.rows:
            if len(row) != len(header):
                continue
            labels = [cell.text for i, cell in enumerate(row) if i not in columns]
            if any(_OTHER_ROW.search(label) for label in labels):
                continue
            categories = _integer(row[categories_at].text)
            dimension = _integer(row[dimension_at].text)
            if categories is None or dimension is None:
                continue
            stated = parse_total(row[params_at].text.strip("*_` "))
            if stated is None or stated[1] != 1:
                continue  # "≈ 1.2M": a rounded count
            right = {categories * dimension}
            if reserved:
                right.add((categories + 1) * dimension)
            if stated[0] in right:
                continue
            cell = row[params_at]
            yield Finding(
                cell.start,
                cell.end,
                f"an embedding of {categories:,} categories in {dimension:,} dimensions is a "
                f"lookup table of {categories:,} {TIMES} {dimension:,} = "
                f"{categories * dimension:,} "
                f"parameters (no bias), not {stated[0]:,}: correct the count",
            )
