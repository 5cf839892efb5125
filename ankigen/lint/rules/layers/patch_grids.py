"""AG103 for a vision transformer's patch grid: an image of R x R pixels cut into P x P patches
(a convolution with kernel = stride = P, no padding) gives a grid of R / P x R / P, that is
(R / P)^2 patches, plus one [CLS] token (two with a distillation token).

Authors state the two quantities in many ways (tests/fixtures/rules/AG103.patches17.yml): the
patch size by its name ("patch size 16", ``patch_size: 16``, "16x16 patches", "ViT-B/16",
``vit_base_patch16_384``, ``kernel_size=16, stride=16``) and the resolution by its ("img_size:
384", "at 384 px", "a 224x224 image", a "res" column). A table whose rows name their model and
resolution is read row by row; elsewhere the note's patch sizes and resolutions are all
candidates. A claimed grid ("the grid is 32x32", "a 14x14 grid", a grid column), patch count
or token count ("1,024 patch tokens", "197 tokens", a patches or tokens column) is reported only
when no pair of candidates gives it. A note about patch merging, shifted windows, overlapping
patches, a convolutional stem or any other tokeniser is left alone.

A grid worked out to its count in math ("$14 \\times 14 = 196$ patch tokens", in a cloze too),
which the prose view blanks, is read on the note's text: its side must be a grid of the note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ankigen.lint.arith.quantities import parse_total
from ankigen.lint.arith.tables import Cell, tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.scope import layer_prose

_OTHER_TOKENISER = lazy_regex(
    r"merg|swin|window|overlap|hierarch|pyramid|hybrid|resnet|conv(?:olutional)?\s+stem|"
    r"stride\s*=?\s*(?!16\b|14\b|32\b|8\b)\d|pool|dilat|padding\s*=\s*[1-9]|audio|"
    r"spectrogram|video|tubelet|frames?\b|deformable|token\s*merg|pruning|registers?",
    re.I,
)
_PATCH_WORD = lazy_regex(r"\bpatch", re.I)
_PATCH_SIZES = (
    lazy_regex(r"(?:\b|_)patch(?:[ _-]?size)?\s*(?:=|:|of)?\s*(?P<p>\d{1,2})(?:\b|_)", re.I),
    lazy_regex(r"\b(?P<p>\d{1,2})\s*(?:x|\N{MULTIPLICATION SIGN}|\\times)\s*(?P=p)\s+patch", re.I),
    lazy_regex(r"\bViT-?\w*/(?P<p>\d{1,2})\b|\b[A-Z]\w*-[A-Z]/(?P<q>\d{1,2})\b"),
    lazy_regex(r"\bkernel_size\s*=\s*(?P<p>\d{1,2})\s*,\s*stride\s*=\s*(?P=p)\b"),
)
_RESOLUTIONS = (
    lazy_regex(
        r"\b(?:img[_ -]?size|image[_ -]?size|resolution|res|input[_ -]?size)\s*(?:=|:|of)?\s*"
        r"(?P<r>\d{2,4})\b",
        re.I,
    ),
    lazy_regex(r"\bat\s+(?P<r>\d{2,4})(?:\s*(?:px|pixels)|\b)", re.I),
    lazy_regex(
        r"(?<![\w.])(?P<r>\d{2,4})\s*(?:x|\N{MULTIPLICATION SIGN}|\\times)\s*(?P=r)\s*"
        r"(?:px\s+|pixels?\s+)?(?:RGB\s+|input\s+)?(?:images?|inputs?|pictures?|crops?)\b",
        re.I,
    ),
    lazy_regex(r"_(?P<r>\d{3})\b"),
)
# Claims: "grid is 32x32", "a 14x14 grid", "1,024 patch tokens", "197 tokens".
_GRID_CLAIM = lazy_regex(
    r"\bgrid\s*(?:is|of|=|:|becomes|has)?\s*(?:an?\s+|only\s+)?(?P<g>\d{1,3})\s*"
    r"(?:x|\N{MULTIPLICATION SIGN}|\\times)\s*(?P=g)\b"
    r"|(?<![\w.])(?P<h>\d{1,3})\s*(?:x|\N{MULTIPLICATION SIGN}|\\times)\s*(?P=h)\s+"
    r"(?:patch\s+)?grid\b"
    r"|(?<![\w.,])(?P<s>\d{1,3})\s+patch(?:es)?\s+(?:per|along\s+(?:each|a|the))\s+"
    r"(?:side|row|axis|edge|dimension)\b",
    re.I,
)
# "$14 \times 14 = 196$ patch tokens": the grid worked out to its count, in math the prose
# view blanks (read on the note's text with its math and cloze marks blanked)
_WORKED_GRID = lazy_regex(
    r"(?<![\w.,])(?P<g>\d{1,3})\s*(?:x|\N{MULTIPLICATION SIGN}|\\times)\s*(?P=g)\s*=\s*"
    r"\d{1,3}(?:,\d{3})*\s+(?:patch(?:es)?|tokens?)\b(?!\s*(?:size|pixels?|embed|dim))",
    re.I,
)
_MARKS = lazy_regex(r"\{\{c\d+::|\}\}|\$")
_COUNT_CLAIM = lazy_regex(
    r"(?<![\w.,/-])(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:patch(?:es)?(?:\s+tokens?)?"
    r"|tokens?|visual\s+tokens?)\b(?!\s*(?:embed|size|length))",
    re.I,
)
_HEDGED = lazy_regex(
    r"\b(?:about|roughly|approx\w*|around|nearly|almost|if|would|wrong\w*|mistak\w*|not|"
    r"instead|rather|up\s+to|at\s+most|max\w*)\b|~|\N{ALMOST EQUAL TO}|\\approx",
    re.I,
)
_GRID_HEADER = lazy_regex(r"\bgrid\b", re.I)
_COUNT_HEADER = lazy_regex(r"\b(?:patch(?:es)?|tokens?|seq\w*\s+len\w*)\b", re.I)
_RES_HEADER = lazy_regex(r"\b(?:res\w*|img|image|input|size)\b", re.I)
_COMPUTED_BEFORE = lazy_regex(
    r"(?:[\d)]\s*(?:[*+/\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}]|\\times|\\cdot)|=)\s*$"
)


def patch_grid_findings(document: LintDocument) -> Iterator[Finding]:
    """Patch grids, patch counts and token counts no patch size and resolution give."""
    prose = layer_prose(document)
    body = document.body_offset
    text = document.text[body:]
    if not _PATCH_WORD.search(text) or _OTHER_TOKENISER.search(text):
        return
    for table in tables(prose, body, len(prose)):
        for row in table.rows:
            if len(row) != len(table.header):
                continue
            yield from list(_row_findings(table.header, row))[:1]  # one mistake, one finding
    patches = _values(_PATCH_SIZES, text)
    resolutions = {r for r in _values(_RESOLUTIONS, text) if r >= 32}
    if not patches or not resolutions:
        return
    grids = {r // p for p in patches for r in resolutions if r % p == 0}
    if not grids:
        return
    spans = [
        (t.rows[0][0].start, t.rows[-1][-1].end) for t in tables(prose, body, len(prose)) if t.rows
    ]
    for match in _GRID_CLAIM.finditer(prose, body):
        if any(a <= match.start() < b for a, b in spans) or _hedged(prose, match.start()):
            continue
        group = next(name for name in ("g", "h", "s") if match[name])
        value = int(match[group])
        if value not in grids and value not in patches:
            yield _finding(match.start(group), match.end(group), value, grids, "grid side")
    marked = _MARKS.sub(lambda match: " " * len(match.group()), document.text)
    for match in _WORKED_GRID.finditer(marked, body):
        if any(a <= match.start() < b for a, b in spans) or _hedged(marked, match.start()):
            continue
        value = int(match["g"])
        if value not in grids:  # a grid worked out to its count: the patch size is no grid
            yield _finding(match.start("g"), match.end("g"), value, grids, "grid side")
    counts = {g * g + extra for g in grids for extra in (0, 1, 2)}
    for match in _COUNT_CLAIM.finditer(prose, body):
        if any(a <= match.start() < b for a, b in spans) or _hedged(prose, match.start()):
            continue
        parsed = parse_total(match["n"])
        if parsed is None:
            continue
        value = parsed[0]
        if value < 4 or value in counts or value in grids or value in patches:
            continue
        if _near_other_number(prose, match.start()):
            continue
        yield _finding(match.start("n"), match.end("n"), value, grids, "patch count")


def _values(patterns: Sequence[re.Pattern[str]], text: str) -> set[int]:
    found = set()
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = next(group for group in match.groups() if group)
            found.add(int(value))
    return found


def _hedged(prose: str, at: int) -> bool:
    start = max(prose.rfind(".", 0, at), prose.rfind("\n", 0, at)) + 1
    return _HEDGED.search(prose, start, at) is not None


def _near_other_number(prose: str, at: int) -> bool:
    """A count multiplied, summed or computed just before it ("4 x 196 tokens", "8 x 196 =
    1,568 tokens") is another quantity, or AG101's to check."""
    return _COMPUTED_BEFORE.search(prose[max(0, at - 12) : at]) is not None


def _finding(start: int, end: int, value: int, grids: set[int], what: str) -> Finding:
    shown = " or ".join(f"{g}x{g} ({g * g} patches)" for g in sorted(grids))
    return Finding(
        start,
        end,
        f"the note's patch size and resolution give a grid of {shown}, not this {what} "
        f"{value}: correct the patch grid",
    )


def _row_findings(header: Sequence[str], row: Sequence[Cell]) -> Iterator[Finding]:
    """A table row that names its model's patch size and its resolution."""
    text = " ".join(cell.text for cell in row)
    patches = _values(_PATCH_SIZES, text)
    resolution_cells = [
        int(cell.text)
        for name, cell in zip(header, row, strict=True)
        if _RES_HEADER.search(name) and re.fullmatch(r"\d{2,4}", cell.text)
    ]
    resolutions = set(resolution_cells) | _values(_RESOLUTIONS, text)
    if len(patches) != 1 or len(resolutions) != 1:
        return
    p, r = patches.pop(), resolutions.pop()
    if r % p:
        return
    g = r // p
    for name, cell in zip(header, row, strict=True):
        if _HEDGED.search(cell.text):
            continue
        if _GRID_HEADER.search(name):
            square = re.fullmatch(
                r"(\d{1,3})\s*(?:x|\N{MULTIPLICATION SIGN}|\\times)\s*\1", cell.text
            )
            if square and int(square.group(1)) != g:
                yield _finding(cell.start, cell.end, int(square.group(1)), {g}, "grid side")
        elif _COUNT_HEADER.search(name):
            parsed = parse_total(cell.text) if re.fullmatch(r"[\d,]+", cell.text) else None
            if parsed is not None and parsed[0] not in {g * g, g * g + 1, g * g + 2}:
                yield _finding(cell.start, cell.end, parsed[0], {g}, "count")
