"""The last gate before a field is written: an allow-list HTML sanitiser (nh3)."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"style"},
    "th": {"style"},
    "*": {"class"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize(html: str) -> str:
    """Drop every tag, attribute, style and URL scheme that Markdown rendering does not make."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# The attributes nh3 adds itself, and what the values of the allowed ones may look like.
_ADDED_ATTRIBUTES = {"a": frozenset({"rel"})}
_CLASS_VALUE = re.compile(r"[A-Za-z0-9_ -]*")
_TEXT_ALIGN = re.compile(r"\s*text-align\s*:\s*(left|right|center)\s*;?\s*")
# A tag as the sanitiser writes it: a name, then attributes with double-quoted values.
TAG = re.compile(
    r'<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:="[^"]*")?)*)\s*/?>'
)
_ATTRIBUTE = re.compile(r'([A-Za-z_:][-A-Za-z0-9_:.]*)(?:="([^"]*)")?')


def _browser_url(value: str) -> str:
    """A URL as a browser reads its scheme: entities decoded, whitespace and control
    characters ignored."""
    decoded = html.unescape(value)
    return "".join(ch for ch in decoded if ord(ch) > 0x20 and ord(ch) != 0x7F).lower()


def _value_ok(name: str, value: str, media: frozenset[str] | None) -> bool:
    if name == "href":
        return urlsplit(_browser_url(value)).scheme in ALLOWED_URL_SCHEMES
    if name == "src":  # only a media file of the package, never a URL or a path
        plain = html.unescape(value)
        return bool(plain) and not re.search(r"[:/\\]", plain) and (media is None or plain in media)
    if name == "style":
        return _TEXT_ALIGN.fullmatch(html.unescape(value)) is not None
    if name == "class":
        return _CLASS_VALUE.fullmatch(value) is not None
    return True


_ALLOWED_BY_TAG = {
    tag: frozenset(ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"])
    | _ADDED_ATTRIBUTES.get(tag, frozenset())
    for tag in ALLOWED_TAGS
}


def _tag_problems(tag: str, attributes: str, media: frozenset[str] | None) -> list[str]:
    if tag not in ALLOWED_TAGS:
        return [f"<{tag}> element"]
    if tag != "img":  # only images depend on the note's media: the rest is worth remembering
        return list(_tag_problems_remembered(tag, attributes))
    return _attribute_problems(tag, attributes, media)


@lru_cache(maxsize=4096)
def _tag_problems_remembered(tag: str, attributes: str) -> tuple[str, ...]:
    return tuple(_attribute_problems(tag, attributes, None))


def _attribute_problems(tag: str, attributes: str, media: frozenset[str] | None) -> list[str]:
    problems = []
    for found in _ATTRIBUTE.finditer(attributes):
        name, value = found.group(1).lower(), found.group(2) or ""
        if name not in _ALLOWED_BY_TAG[tag]:
            problems.append(f"attribute {name} on <{tag}>")
        elif not _value_ok(name, value, media):
            problems.append(f"{name}={html.unescape(value)[:60]!r} on <{tag}>")
    return problems


# A tag that passes the audit below whatever the note's media: an allowed element other than
# <img> (the only one whose check depends on the media), lower case, with no attribute or only
# a class of the allowed characters; or any end tag (end tags carry nothing). Each match holds
# one '<', at its start, and ends where TAG's match there ends.
_PLAIN_TAG = re.compile(
    r"<(?:/[A-Za-z][A-Za-z0-9]*|(?:"
    + "|".join(sorted(ALLOWED_TAGS - {"img"}, key=lambda tag: (-len(tag), tag)))
    + r')(?: class="[A-Za-z0-9_ -]*")?)\s*/?>'
)


def _plainly_safe(fragment: str) -> bool:
    """Whether every '<' of ``fragment`` starts a ``_PLAIN_TAG``: then ``unsafe_html`` finds
    nothing, which this tells in one pass in C (most rendered fields are like that)."""
    return "<" not in _PLAIN_TAG.sub("", fragment)


def unsafe_html(fragment: str, media: frozenset[str] | None = None) -> list[str]:
    """What in ``fragment`` the sanitiser's allow-list would not let out ([] when it is safe):
    the audit of fields that did not come straight from rendering (a cache entry). Only HTML
    written as the sanitiser writes it passes: allowed tags with double-quoted allowed
    attributes, and no other '<' (a comment, a declaration or a broken tag is a problem). With
    ``media``, images must name one of those files."""
    return [] if _plainly_safe(fragment) else tag_by_tag_problems(fragment, media)


def tag_by_tag_problems(fragment: str, media: frozenset[str] | None = None) -> list[str]:
    """``unsafe_html`` without its shortcut: every tag checked on its own."""
    problems: list[str] = []
    position = 0
    for found in TAG.finditer(fragment):
        if "<" in fragment[position : found.start()]:
            problems.append("markup that is not a plain tag")
        position = found.end()
        if not found.group(1):  # end tags carry nothing
            problems += _tag_problems(found.group(2).lower(), found.group(3), media)
    if "<" in fragment[position:]:
        problems.append("markup that is not a plain tag")
    return problems
