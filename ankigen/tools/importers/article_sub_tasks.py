"""A question that points at the numbered sub-tasks quoted under it.

A solutions page may quote an exercise whose items follow it, each quoted with its number and
answered right below::

    ## Question 2

    > `2`. Carry out the following calculations

    > `1`. $2 + 5$

    ```python
    2 + 5
    ```

    > `2`. $9 / 4$

The front "Carry out the following calculations" asks nothing without its items. When a front
points at what follows and its answer quotes a run of numbered one-line items from 1, the items
join the front ("…: (1) $2 + 5$; (2) $9 / 4$"); the answer keeps them over their solutions.
"""

from __future__ import annotations

import re

__all__ = ["with_sub_tasks"]

# "… the following calculations", "Render the following expressions by …", "… below:": the
# front points at what comes after it.
_POINTS_ON = re.compile(r"\bthe\s+following\b|\bbelow\s*:?\s*$", re.I)
# "> `1`. $3 + 8$", "> 2. Write …": a quoted item with its number.
_QUOTED_ITEM = re.compile(r"^>\s*`?(\d{1,2})`?[.)]\s+(\S.*)$")
_MAX_ITEM = 80  # characters of one sub-task a front can show
_MIN_ITEMS = 2


def with_sub_tasks(front: str, answer: str) -> str | None:
    """The front with the quoted sub-tasks its answer lists, or None when it has none."""
    if _POINTS_ON.search(front) is None:
        return None
    items: list[str] = []
    for line in answer.split("\n"):
        found = _QUOTED_ITEM.match(line.strip())
        if found is None:
            continue
        if int(found.group(1)) != len(items) + 1 or len(found.group(2)) > _MAX_ITEM:
            return None  # not one run from 1 of short items
        items.append(found.group(2).strip())
    if len(items) < _MIN_ITEMS:
        return None
    listed = "; ".join(f"({number}) {item}" for number, item in enumerate(items, start=1))
    return f"{front.rstrip(' :')}: {listed}"
