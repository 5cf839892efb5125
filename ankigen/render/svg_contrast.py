"""Will an SVG image vanish on Anki's dark card background?

An ``<img>`` SVG is drawn on its own: with no background of its own it is transparent, and
shapes with no colour are black. On the light card that looks right; in night mode (the note
types' card background ``#1e1e1e``) black and near-black lines and text disappear.

``inspect_svg`` reads the SVG (with the standard library's expat parser, refusing entity
declarations and external entities, so a hostile file cannot expand or fetch anything), works
out each drawn element's fill and stroke the way SVG does (presentation attributes, simple
``<style>`` rules, ``style=""``, inheritance, ``currentColor`` = the SVG's own ``color``,
black by default), and reports how many are drawn in a colour with less than 3:1 contrast
against the dark card (the WCAG minimum for graphics), and whether an opaque background (a
rectangle covering the whole canvas, or a background style on the root) is painted first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

NIGHT_CARD = (0x1E, 0x1E, 0x1E)  # render/notetypes.py: the card's background in night mode
MIN_CONTRAST = 2.0  # below this a line is near-invisible (WCAG asks 3:1 for graphics)
MAX_BYTES = 5_000_000
MAX_ELEMENTS = 50_000
MAX_DEPTH = 100
MAX_VISITS = 200_000  # elements drawn once <use> is expanded: bounds a "use bomb"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
FIX = (
    'add <rect width="100%" height="100%" fill="white"/> as the first element of the SVG '
    '(or style="background: white" on <svg>), or draw in colours that stand out on both '
    "light and dark backgrounds; currentColor does not help, since an <img> SVG does not "
    "inherit the card's text colour"
)

Colour = tuple[int, int, int]
_NAMED_COLOURS = """
    aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc
    bisque:ffe4c4 black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a
    burlywood:deb887 cadetblue:5f9ea0 chartreuse:7fff00 chocolate:d2691e coral:ff7f50
    cornflowerblue:6495ed cornsilk:fff8dc crimson:dc143c cyan:00ffff darkblue:00008b
    darkcyan:008b8b darkgoldenrod:b8860b darkgray:a9a9a9 darkgreen:006400 darkgrey:a9a9a9
    darkkhaki:bdb76b darkmagenta:8b008b darkolivegreen:556b2f darkorange:ff8c00 darkorchid:9932cc
    darkred:8b0000 darksalmon:e9967a darkseagreen:8fbc8f darkslateblue:483d8b darkslategray:2f4f4f
    darkslategrey:2f4f4f darkturquoise:00ced1 darkviolet:9400d3 deeppink:ff1493 deepskyblue:00bfff
    dimgray:696969 dimgrey:696969 dodgerblue:1e90ff firebrick:b22222 floralwhite:fffaf0
    forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc ghostwhite:f8f8ff gold:ffd700
    goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f grey:808080 honeydew:f0fff0
    hotpink:ff69b4 indianred:cd5c5c indigo:4b0082 ivory:fffff0 khaki:f0e68c lavender:e6e6fa
    lavenderblush:fff0f5 lawngreen:7cfc00 lemonchiffon:fffacd lightblue:add8e6 lightcoral:f08080
    lightcyan:e0ffff lightgoldenrodyellow:fafad2 lightgray:d3d3d3 lightgreen:90ee90
    lightgrey:d3d3d3 lightpink:ffb6c1 lightsalmon:ffa07a lightseagreen:20b2aa lightskyblue:87cefa
    lightslategray:778899 lightslategrey:778899 lightsteelblue:b0c4de lightyellow:ffffe0
    lime:00ff00 limegreen:32cd32 linen:faf0e6 magenta:ff00ff maroon:800000 mediumaquamarine:66cdaa
    mediumblue:0000cd mediumorchid:ba55d3 mediumpurple:9370db mediumseagreen:3cb371
    mediumslateblue:7b68ee mediumspringgreen:00fa9a mediumturquoise:48d1cc mediumvioletred:c71585
    midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5 navajowhite:ffdead
    navy:000080 oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500 orangered:ff4500
    orchid:da70d6 palegoldenrod:eee8aa palegreen:98fb98 paleturquoise:afeeee palevioletred:db7093
    papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f pink:ffc0cb plum:dda0dd powderblue:b0e0e6
    purple:800080 red:ff0000 rosybrown:bc8f8f royalblue:4169e1 saddlebrown:8b4513 salmon:fa8072
    sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee sienna:a0522d silver:c0c0c0 skyblue:87ceeb
    slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa springgreen:00ff7f
    steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347 turquoise:40e0d0
    violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00 yellowgreen:9acd32
    rebeccapurple:663399
"""
NAMED_COLOURS: dict[str, Colour] = {
    name: (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    for name, value in (item.split(":") for item in _NAMED_COLOURS.split())
}


class SvgRefused(Exception):
    """The file is not an SVG this check reads: malformed, too big, or declares entities."""


@dataclass(frozen=True)
class SvgContrast:
    drawn: int  # elements that paint a fill or a stroke
    dark: int  # of those, painted in a colour that is too dark for the night card
    background: bool  # an opaque background is painted under everything else
    adapts: bool  # the SVG's own style reacts to prefers-color-scheme

    @property
    def vanishes_at_night(self) -> bool:
        return self.dark > 0 and not self.background and not self.adapts


# Parsing
# ----------------------------------------


@dataclass
class _Element:
    name: str  # local name; "" for elements outside the SVG namespace
    attributes: dict[str, str]
    children: list[_Element] = field(default_factory=list)
    text: str = ""


def _refuse(*_: object) -> None:
    raise SvgRefused("it declares entities (refused: they can expand or load files)")


def _refuse_external(*_: object) -> int:
    raise SvgRefused("it refers to an external entity (refused)")


def parse_svg(data: bytes) -> _Element:
    """The element tree of an SVG file, refusing entities, external references and huge files."""
    if len(data) > MAX_BYTES:
        raise SvgRefused(f"it is larger than {MAX_BYTES // 1_000_000} MB")
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse_external
    root = _Element("#document", {})
    stack = [root]
    count = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS or len(stack) > MAX_DEPTH:
            raise SvgRefused("it has too many or too deeply nested elements")
        element = _Element(
            _local(name, element=True), {_local(k): v for k, v in attributes.items()}
        )
        stack[-1].children.append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        stack[-1].text += data

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise SvgRefused(f"it is not well-formed XML ({error})") from None
    svg = next((child for child in root.children if child.name == "svg"), None)
    if svg is None:
        raise SvgRefused("its root element is not <svg>")
    return svg


def _local(name: str, element: bool = False) -> str:
    namespace, _, local = name.rpartition(" ")
    if element:
        return local if namespace in ("", SVG_NS) else ""
    if namespace in ("", SVG_NS, XLINK_NS):
        return local
    return ""  # inkscape:, sodipodi: … attributes do not paint


# Colours
# ----------------------------------------

_HEX = re.compile(r"#([0-9a-f]{3,8})")
_FUNCTION = re.compile(r"(rgba?|hsla?)\(([^)]*)\)")


@dataclass(frozen=True)
class Paint:
    colour: Colour | None  # None: something this check cannot judge (a gradient, a pattern)
    alpha: float = 1.0


def parse_paint(value: str, current: str) -> Paint | None:
    """An SVG paint: None for no paint, else the colour (``current``: the ``color`` value)."""
    value = value.strip().lower()
    if value in ("none", "transparent"):
        return None
    if value == "currentcolor":
        value = current.strip().lower()
        if value in ("currentcolor", "inherit"):
            value = "black"
    if value.startswith("url("):
        return Paint(None)
    return parse_colour(value) or Paint(None)


def parse_colour(value: str) -> Paint | None:
    if value in NAMED_COLOURS:
        return Paint(NAMED_COLOURS[value])
    hex_match = _HEX.fullmatch(value)
    if hex_match is not None:
        return _hex_colour(hex_match.group(1))
    function = _FUNCTION.fullmatch(value)
    if function is None:
        return None
    parts = [part for part in re.split(r"[\s,/]+", function.group(2).strip()) if part]
    if len(parts) not in (3, 4):
        return None
    try:
        alpha = _fraction(parts[3]) if len(parts) == 4 else 1.0
        if function.group(1).startswith("rgb"):
            red, green, blue = (_channel(part) for part in parts[:3])
            return Paint((red, green, blue), alpha)
        return Paint(_hsl(parts[0], parts[1], parts[2]), alpha)
    except ValueError:
        return None


def _hex_colour(digits: str) -> Paint | None:
    if len(digits) in (3, 4):
        digits = "".join(char * 2 for char in digits)
    if len(digits) not in (6, 8):
        return None
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
    return Paint((red, green, blue), alpha)


def _channel(text: str) -> int:
    value = float(text[:-1]) * 2.55 if text.endswith("%") else float(text)
    return max(0, min(255, round(value)))


def _fraction(text: str) -> float:
    value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    return max(0.0, min(1.0, value))


def _hsl(hue: str, saturation: str, lightness: str) -> Colour:
    h = float(hue.removesuffix("deg")) % 360 / 360
    s, light = _fraction(saturation), _fraction(lightness)
    q = light * (1 + s) if light < 0.5 else light + s - light * s
    p = 2 * light - q

    def channel(t: float) -> int:
        t %= 1
        if t < 1 / 6:
            value = p + (q - p) * 6 * t
        elif t < 1 / 2:
            value = q
        elif t < 2 / 3:
            value = p + (q - p) * (2 / 3 - t) * 6
        else:
            value = p
        return round(value * 255)

    return (channel(h + 1 / 3), channel(h), channel(h - 1 / 3))


def _luminance(colour: Colour) -> float:
    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = colour
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: Colour, second: Colour) -> float:
    """WCAG contrast ratio, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def on_night_card(paint: Paint) -> Colour:
    """The colour seen when ``paint`` (with its alpha) is drawn over the night card."""
    colour = paint.colour or NIGHT_CARD
    return (
        round(colour[0] * paint.alpha + NIGHT_CARD[0] * (1 - paint.alpha)),
        round(colour[1] * paint.alpha + NIGHT_CARD[1] * (1 - paint.alpha)),
        round(colour[2] * paint.alpha + NIGHT_CARD[2] * (1 - paint.alpha)),
    )


def too_dark(paint: Paint) -> bool:
    if paint.colour is None:
        return False  # a gradient or pattern: not judged
    return contrast(on_night_card(paint), NIGHT_CARD) < MIN_CONTRAST


# Styles
# ----------------------------------------

_INHERITED_DEFAULTS = {
    "fill": "black",
    "stroke": "none",
    "color": "black",
    "fill-opacity": "1",
    "stroke-opacity": "1",
    "stroke-width": "1",
    "visibility": "visible",
}
_OWN_PROPERTIES = ("opacity", "display", "transform", "background", "background-color")
_PROPERTIES = frozenset(_INHERITED_DEFAULTS) | frozenset(_OWN_PROPERTIES)
_SHAPES = frozenset({"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"})
_TEXT = frozenset({"text", "tspan", "textPath"})
# Containers whose content is drawn only where something refers to it (or never).
_NOT_DRAWN = frozenset(
    {
        "defs",
        "symbol",
        "clipPath",
        "mask",
        "marker",
        "pattern",
        "linearGradient",
        "radialGradient",
        "filter",
        "title",
        "desc",
        "metadata",
        "style",
        "script",
        "foreignObject",
        "",
    }
)
_SELECTOR = re.compile(r"(\*|[A-Za-z][\w-]*)?((?:[.#][\w-]+)*)")
_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")


@dataclass(frozen=True)
class _Rule:
    tag: str | None
    classes: frozenset[str]
    ident: str | None
    declarations: dict[str, str]

    def matches(self, element: _Element) -> bool:
        if self.tag not in (None, "*", element.name):
            return False
        if self.ident is not None and element.attributes.get("id") != self.ident:
            return False
        return self.classes <= set(element.attributes.get("class", "").split())


def declarations(text: str) -> dict[str, str]:
    """``fill: red; stroke: none`` → {"fill": "red", "stroke": "none"} (known properties)."""
    found = {}
    for declaration in text.split(";"):
        name, colon, value = declaration.partition(":")
        name = name.strip().lower()
        if colon and name in _PROPERTIES:
            found[name] = value.replace("!important", "").strip()
    return found


def _stylesheet(svg: _Element) -> tuple[list[_Rule], bool]:
    """Rules with simple selectors (``rect``, ``.line``, ``#axis``, ``path.thin``) from every
    ``<style>``; whether any reacts to the colour scheme. At-rule blocks are skipped."""
    texts = [element.text for element in _all(svg) if element.name == "style"]
    sheet = re.sub(r"/\*.*?\*/", "", "\n".join(texts), flags=re.DOTALL)
    adapts = "prefers-color-scheme" in sheet
    sheet = _without_at_rules(sheet)
    rules = []
    for selectors, body in _RULE.findall(sheet):
        found = declarations(body)
        for selector in selectors.split(","):
            parsed = _SELECTOR.fullmatch(selector.strip())
            if parsed is None or not selector.strip():
                continue  # descendant, child, attribute selectors: not applied
            parts = re.findall(r"[.#][\w-]+", parsed.group(2))
            idents = [part[1:] for part in parts if part.startswith("#")]
            rules.append(
                _Rule(
                    parsed.group(1),
                    frozenset(part[1:] for part in parts if part.startswith(".")),
                    idents[0] if idents else None,
                    found,
                )
            )
    return rules, adapts


def _without_at_rules(sheet: str) -> str:
    out = []
    depth = 0
    skipping = False
    index = 0
    while index < len(sheet):
        char = sheet[index]
        if char == "@" and depth == 0:
            skipping = True
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and skipping:
                skipping = False
                index += 1
                continue
        elif char == ";" and depth == 0 and skipping:
            skipping = False  # @import …; @charset …;
            index += 1
            continue
        if not skipping:
            out.append(char)
        index += 1
    return "".join(out)


def _all(element: _Element) -> list[_Element]:
    found = [element]
    for child in element.children:
        found.extend(_all(child))
    return found


def _own_style(element: _Element, rules: list[_Rule]) -> dict[str, str]:
    """Presentation attributes, then matching style rules, then ``style=""``: CSS's order."""
    style = {k: v for k, v in element.attributes.items() if k in _PROPERTIES}
    for rule in rules:
        if rule.matches(element):
            style.update(rule.declarations)
    style.update(declarations(element.attributes.get("style", "")))
    return style


# Walking the drawing
# ----------------------------------------


@dataclass(frozen=True)
class _Drawn:
    element: _Element
    fill: Paint | None
    stroke: Paint | None
    transformed: bool


@dataclass
class _Walk:
    rules: list[_Rule]
    ids: dict[str, _Element]
    drawn: list[_Drawn] = field(default_factory=list)
    visits: int = 0


def _visit(
    element: _Element,
    inherited: dict[str, str],
    alpha: float,
    transformed: bool,
    walk: _Walk,
    depth: int,
) -> None:
    if element.name in _NOT_DRAWN or depth > MAX_DEPTH:
        return
    walk.visits += 1
    if walk.visits > MAX_VISITS:
        raise SvgRefused("its <use> references expand to too many elements")
    own = _own_style(element, walk.rules)
    if own.get("display", "").strip() == "none":
        return
    style = {**inherited, **{k: v for k, v in own.items() if k in _INHERITED_DEFAULTS}}
    style = {k: (inherited[k] if v.strip() == "inherit" else v) for k, v in style.items()}
    alpha *= _opacity(own.get("opacity", "1"))
    transformed = transformed or bool(own.get("transform", "").strip())
    if style["visibility"].strip() in ("hidden", "collapse"):
        alpha = 0.0
    if element.name in _SHAPES or (element.name in _TEXT and element.text.strip()):
        _record(element, style, alpha, transformed, walk)
    if element.name == "use":
        _visit_use(element, style, alpha, transformed, walk, depth)
        return
    for child in element.children:
        _visit(child, style, alpha, transformed, walk, depth + 1)


def _visit_use(
    element: _Element,
    style: dict[str, str],
    alpha: float,
    transformed: bool,
    walk: _Walk,
    depth: int,
) -> None:
    target = walk.ids.get(element.attributes.get("href", "").removeprefix("#"))
    if target is None:
        return
    # A referenced <symbol> draws its children; anything else draws itself.
    if target.name == "symbol":
        for child in target.children:
            _visit(child, style, alpha, True, walk, depth + 1)
    else:
        _visit(target, style, alpha, True, walk, depth + 1)


def _opacity(value: str) -> float:
    try:
        return _fraction(value.strip())
    except ValueError:
        return 1.0


def _record(
    element: _Element, style: dict[str, str], alpha: float, transformed: bool, walk: _Walk
) -> None:
    current = style["color"]
    fill = None if element.name == "line" else parse_paint(style["fill"], current)
    stroke = parse_paint(style["stroke"], current)
    if stroke is not None and _number(style["stroke-width"]) == 0:
        stroke = None
    fill = _faded(fill, alpha * _opacity(style["fill-opacity"]))
    stroke = _faded(stroke, alpha * _opacity(style["stroke-opacity"]))
    if fill is not None or stroke is not None:
        walk.drawn.append(_Drawn(element, fill, stroke, transformed))


def _faded(paint: Paint | None, alpha: float) -> Paint | None:
    if paint is None or paint.alpha * alpha < 0.05:
        return None
    return Paint(paint.colour, paint.alpha * alpha)


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    found = re.fullmatch(r"\s*(-?[\d.]+(?:e-?\d+)?)\s*(px)?\s*", value)
    return float(found.group(1)) if found else None


# Background
# ----------------------------------------


def _canvas(svg: _Element) -> tuple[float, float, float, float] | None:
    """(x, y, width, height) of what the image shows: the viewBox, else width and height."""
    view_box = svg.attributes.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            x, y, width, height = (float(value) for value in view_box)
        except ValueError:
            return None
        return (x, y, width, height)
    given_width = _number(svg.attributes.get("width"))
    given_height = _number(svg.attributes.get("height"))
    if given_width is None or given_height is None:
        return None
    return (0.0, 0.0, given_width, given_height)


def _covers(rect: _Element, canvas: tuple[float, float, float, float] | None) -> bool:
    attributes = rect.attributes
    x = _number(attributes.get("x", "0"))
    y = _number(attributes.get("y", "0"))
    width, height = attributes.get("width", ""), attributes.get("height", "")
    if x is None or y is None:
        return False
    if width.strip() == "100%" and height.strip() == "100%":
        return x <= 0 and y <= 0
    w, h = _number(width), _number(height)
    if canvas is None or w is None or h is None:
        return False
    left, top, canvas_width, canvas_height = canvas
    return x <= left and y <= top and x + w >= left + canvas_width and y + h >= top + canvas_height


def _opaque(paint: Paint | None) -> bool:
    return paint is not None and paint.alpha >= 0.95


def _root_background(svg: _Element, rules: list[_Rule]) -> bool:
    style = _own_style(svg, rules)
    for name in ("background-color", "background"):
        value = style.get(name, "").strip().lower()
        if value:
            paint = parse_colour(value.split()[0]) if value.split() else None
            if _opaque(paint):
                return True
    return False


def inspect_svg(data: bytes) -> SvgContrast:
    """How the SVG's drawing fares on the night card (see the module doc)."""
    svg = parse_svg(data)
    rules, adapts = _stylesheet(svg)
    ids = {e.attributes["id"]: e for e in _all(svg) if "id" in e.attributes}
    walk = _Walk(rules, ids)
    _visit(svg, dict(_INHERITED_DEFAULTS), 1.0, False, walk, 0)
    drawn = walk.drawn
    background = _root_background(svg, rules)
    if drawn and _is_background(drawn[0], _canvas(svg)):
        background, drawn = True, drawn[1:]
    dark = sum(
        1
        for item in drawn
        if any(paint is not None and too_dark(paint) for paint in (item.fill, item.stroke))
    )
    return SvgContrast(len(drawn), dark, background, adapts)


def _is_background(first: _Drawn, canvas: tuple[float, float, float, float] | None) -> bool:
    return (
        first.element.name == "rect"
        and not first.transformed
        and _opaque(first.fill)
        and _covers(first.element, canvas)
    )
