"""SVG images for the night-mode check: ones that vanish on the dark card and fixed ones.

Shared by the unit tests (tests/test_svg_contrast.py) and the browser test that measures the
rendered contrast (tests/test_preview_browser.py), so the prediction and the pixels are
checked on the same files.
"""

from __future__ import annotations

_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120"'
_LINES = '<path d="M10 10 L230 110 M10 110 L230 10" fill="none" stroke-width="8"/>'


def svg(body: str, root: str = "") -> str:
    return f"{_OPEN}{root}>{body}</svg>\n"


# Drawn in black or near-black, no background: invisible on the night card.
VANISHING = {
    "default-fill": svg('<rect x="20" y="20" width="200" height="80"/>'),
    "black-stroke": svg(_LINES.replace("/>", ' stroke="black"/>')),
    "near-black-style": svg(
        "<style>.edge { stroke: #222; fill: none; stroke-width: 8 }</style>"
        '<path class="edge" d="M10 10 L230 110"/><circle class="edge" cx="120" cy="60" r="40"/>'
    ),
    "text-default": svg('<text x="10" y="80" font-size="64" font-weight="bold">Tanh</text>'),
    "current-color": svg(
        '<g fill="none" stroke="currentColor" stroke-width="10">'
        '<circle cx="120" cy="60" r="45"/></g>'
    ),
    "symbol-use": svg(
        '<defs><symbol id="box"><rect x="20" y="20" width="200" height="80" '
        'fill="rgb(10,10,20)"/></symbol></defs><use href="#box"/>'
    ),
}

# The same drawings made safe: an opaque background, or colours that show on both cards.
FIXED = {
    "white-rect": svg(
        '<rect width="100%" height="100%" fill="white"/>'
        + _LINES.replace("/>", ' stroke="black"/>')
    ),
    "viewbox-rect": svg(
        '<rect x="0" y="0" width="240" height="120" fill="#fafafa"/>'
        '<text x="10" y="80" font-size="64" font-weight="bold">Tanh</text>'
    ),
    "root-background": svg(
        '<rect x="20" y="20" width="200" height="80"/>', ' style="background: white"'
    ),
    "light-stroke": svg(_LINES.replace("/>", ' stroke="orange"/>')),
    "current-color-light": svg(
        '<g fill="none" stroke="currentColor" stroke-width="10">'
        '<circle cx="120" cy="60" r="45"/></g>',
        ' color="#f0f0f0"',
    ),
}
