"""More readings of AG132's class: a deictic reference to a page's visual or tabular artifact.

A web page or a book shows its reader pictures and tables the card does not carry; what the
text says of them is lost with them. Three shapes the figure patterns of ``leftovers`` did not
read: a picture said to show something ("the picture shows where the cache sits"), a table
that presents the author's findings ("the benchmark table", "the timings table": a table of a
report, where a data table is named by its data, "the orders table"), and an artifact placed
on a printed page ("the figure on p. 42").
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern

_ARTIFACT = (
    r"(?:figure|fig\.?|diagram|illustration|chart|screenshot|image|picture|photo|graph|plot|"
    r"table|panel|curve|histogram)s?"
)
ARTIFACT_REFERENCE = GatedPattern(
    "|".join(
        (
            # "the image shows ...": a picture of the page, unless the note speaks of that
            # noun as its data elsewhere (see ``leftovers._refers_to_data``)
            r"\bthe\s+(?P<data_noun>image|picture|photo|screenshot)s?\s+(?:above\s+|below\s+|"
            r"here\s+)?(?:shows?|depicts?|highlights?)\b",
            # a table of findings
            r"\b(?:the|this|our|my)\s+(?:full\s+)?(?:results?|comparison|benchmark|ablation|"
            r"timings?|scores?|evaluation)\s+tables?\b",
            # an artifact on a printed page
            rf"\b{_ARTIFACT}\s+(?:on|at)\s+(?:p|pp|page)\.?\s*\d+",
        )
    ),
    re.IGNORECASE,
)
# A note about images as data: "the image shows a cat" there is what the model sees.
_VISION = lazy_regex(
    r"\b(?:pixels?|rgb|grayscale|classif\w*|cnn|convolution\w*|conv\d?d|detect\w*|segment\w*|"
    r"augment\w*|resiz\w*|captions?|ocr)\b",
    re.IGNORECASE,
)


def artifact_references(prose: str, start: int) -> list[re.Match[str]]:
    """The references above from ``start`` on, one pass; a picture "shows" nothing lost in a
    note about images as data."""
    vision = _VISION.search(prose) is not None
    return [
        match
        for match in ARTIFACT_REFERENCE.finditer(prose, start)
        if not (vision and match.group("data_noun"))
    ]
