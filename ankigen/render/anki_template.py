"""Anki's card template language, the part ankigen's note types use, rendered as Anki renders it.

Ported from Anki's ``rslib/src/template.rs`` and ``rslib/src/cloze.rs``: ``{{Field}}``,
``{{#Field}}…{{/Field}}``, ``{{^Field}}…{{/Field}}``, ``{{FrontSide}}``, ``{{cloze:Field}}`` and
``{{text:Field}}``. ``tests/test_preview.py`` compares the output with a real Anki collection's.
Not handled (ankigen never writes them): the legacy ``{{=<% %>=}}`` syntax, other filters,
image occlusion, ``[sound:…]`` tags and ``[latex]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

_MAX_NESTED_CLOZES = 10  # Anki ignores deeper openings
_U16_MAX = 65535


class TemplateError(ValueError):
    """A template Anki would refuse to render (it shows an error card instead)."""


# Templates
# ----------------------------------------


@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Replacement:
    key: str
    filters: tuple[str, ...]  # in the order they are applied


@dataclass(frozen=True)
class _Conditional:
    key: str
    negated: bool
    children: tuple[_Node, ...]


_Node = _Text | _Replacement | _Conditional


def _tokens(template: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: kind is 'text', '#', '^', '/' or 'field'."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(template):
        start = template.find("{{", position)
        if start != position:
            end = len(template) if start < 0 else start
            tokens.append(("text", template[position:end]))
            position = end
            continue
        close = template.find("}}", start + 2)
        if close < 0:
            raise TemplateError(f"missing '}}}}' in {template[start : start + 40]!r}")
        tokens.append(_classify(template[start + 2 : close]))
        position = close + 2
    return tokens


def _classify(handle: str) -> tuple[str, str]:
    name = handle.lstrip("{").strip()
    if len(name) >= 2 and name[0] in "#^/":
        return name[0], name[1:].lstrip()
    return "field", name


def _parse(tokens: list[tuple[str, str]], at: int, open_key: str | None) -> tuple[list[_Node], int]:
    nodes: list[_Node] = []
    while at < len(tokens):
        kind, text = tokens[at]
        at += 1
        if kind == "text":
            nodes.append(_Text(text))
        elif kind == "field":
            key, *filters = reversed(text.split(":"))
            nodes.append(_Replacement(key, tuple(filters)))
        elif kind in "#^":
            children, at = _parse(tokens, at, text)
            nodes.append(_Conditional(text, kind == "^", tuple(children)))
        elif open_key == text:
            return nodes, at
        else:
            raise TemplateError(f"'{{{{/{text}}}}}' closes a section that is not open")
    if open_key is not None:
        raise TemplateError(f"missing '{{{{/{open_key}}}}}'")
    return nodes, at


def parse_template(template: str) -> tuple[_Node, ...]:
    nodes, _ = _parse(_tokens(template), 0, None)
    return tuple(nodes)


_EMPTY_FIELD = re.compile(r"^(?:\s|</?(?:br|div) ?/?>)*$", re.IGNORECASE | re.DOTALL)
_CLOZE_CONDITIONAL = re.compile(r"^c[0-9]+$")


def field_is_empty(text: str) -> bool:
    """Anki's rule: only whitespace and empty <br>/<div> tags."""
    return _EMPTY_FIELD.match(text) is not None


@dataclass
class _Context:
    fields: Mapping[str, str]
    card_ord: int
    front_side: str | None  # None while rendering the question
    out: list[str] = field(default_factory=list)


def _apply_filters(text: str, filters: tuple[str, ...], context: _Context) -> str:
    for name in filters:
        if name == "cloze":
            text = cloze_filter(text, context.card_ord + 1, question=context.front_side is None)
        elif name == "text":
            text = strip_html(text)
        else:
            raise TemplateError(f"filter '{name}' is not supported by the preview")
    return text


def _condition(key: str, context: _Context) -> bool:
    value = context.fields.get(key)
    if value is None and not _CLOZE_CONDITIONAL.match(key):
        raise TemplateError(f"no field '{key}' for '{{{{#{key}}}}}'")
    return value is not None and not field_is_empty(value)


def _render(nodes: tuple[_Node, ...], context: _Context) -> None:
    for node in nodes:
        if isinstance(node, _Text):
            context.out.append(node.text)
        elif isinstance(node, _Conditional):
            if _condition(node.key, context) != node.negated:
                _render(node.children, context)
        elif node.key == "FrontSide":
            context.out.append(context.front_side or "")
        elif not node.key and node.filters:
            continue  # Anki: a filter with no field adds its own text; none of ours do
        elif node.key in context.fields:
            context.out.append(_apply_filters(context.fields[node.key], node.filters, context))
        else:
            raise TemplateError(f"no field '{node.key}' for '{{{{{node.key}}}}}'")


@dataclass(frozen=True)
class RenderedCard:
    question: str
    answer: str


def render_card(
    front: str, back: str, fields: Mapping[str, str], card_ord: int, *, is_cloze: bool
) -> RenderedCard:
    """Both sides of one card, as Anki's ``render_output().question_text/answer_text``.

    ``fields`` are the note's fields by name (plus any special fields such as Tags); Anki adds
    ``c<ord+1>`` itself, and so does this.
    """
    values = {f"c{card_ord + 1}": "1", **fields}
    if is_cloze and not any(card_ord + 1 in cloze_numbers(value) for value in fields.values()):
        raise TemplateError(f"the note has no cloze c{card_ord + 1}")
    question = _Context(values, card_ord, None)
    _render(parse_template(front), question)
    question_text = "".join(question.out)
    answer = _Context(values, card_ord, question_text)
    _render(parse_template(back), answer)
    return RenderedCard(question_text, "".join(answer.out))


# Clozes
# ----------------------------------------

_CLOZE_MARKER = re.compile(r"\{\{c([0-9]+)::|\}\}")


@dataclass
class _Cloze:
    ordinal: int
    nodes: list[str | _Cloze] = field(default_factory=list)
    hint: str | None = None

    def clozed_text(self) -> str:
        return "".join(n if isinstance(n, str) else n.clozed_text() for n in self.nodes)


def _cloze_tokens(text: str) -> list[str | int | None]:
    """Text pieces (str), openings (their number) and closings (None), as Anki's tokenizer."""
    tokens: list[str | int | None] = []
    position = search_from = 0
    while (match := _CLOZE_MARKER.search(text, search_from)) is not None:
        number = match.group(1)
        if number is not None and int(number) > _U16_MAX:
            search_from = match.start() + 1  # not a valid number: plain text for Anki
            continue
        if match.start() > position:
            tokens.append(text[position : match.start()])
        tokens.append(None if number is None else int(number))
        position = search_from = match.end()
    if position < len(text):
        tokens.append(text[position:])
    return tokens


def _parse_clozes(text: str) -> list[str | _Cloze]:
    output: list[str | _Cloze] = []
    stack: list[_Cloze] = []
    for token in _cloze_tokens(text):
        if isinstance(token, int):
            if len(stack) < _MAX_NESTED_CLOZES:
                stack.append(_Cloze(token))
        elif isinstance(token, str):
            if stack:
                head, separator, tail = token.partition("::")
                if separator:
                    stack[-1].hint = tail
                stack[-1].nodes.append(head)
            else:
                output.append(token)
        elif stack:
            closed = stack.pop()
            (stack[-1].nodes if stack else output).append(closed)
        else:
            output.append("}}")
    return output  # clozes never closed are dropped, as Anki drops them


def cloze_numbers(text: str) -> set[int]:
    numbers: set[int] = set()

    def visit(nodes: list[str | _Cloze]) -> None:
        for node in nodes:
            if isinstance(node, _Cloze) and node.ordinal != 0:
                numbers.add(node.ordinal)
                visit(node.nodes)

    visit(_parse_clozes(text))
    return numbers


def without_clozes(text: str) -> str:
    """The text as the answer shows it, without cloze markup: markers and hints dropped."""
    return "".join(n if isinstance(n, str) else n.clozed_text() for n in _parse_clozes(text))


def as_written(text: str) -> str:
    """The text with cloze markers removed as Anki reads them (each '{{cN::' and the '}}'
    that ends it), hints kept after their '::': what the author wrote, without the clozes."""

    def written(nodes: list[str | _Cloze]) -> str:
        return "".join(
            node
            if isinstance(node, str)
            else written(node.nodes) + ("" if node.hint is None else "::" + node.hint)
            for node in nodes
        )

    return written(_parse_clozes(text))


def encode_attribute(text: str) -> str:
    """The Rust ``htmlescape::encode_attribute`` Anki uses for ``data-cloze``."""
    named = {'"': "&quot;", "&": "&amp;", "'": "&#x27;", "/": "&#x2F;", "<": "&lt;", ">": "&gt;"}
    out = []
    for char in text:
        code = ord(char)
        if char in named:
            out.append(named[char])
        elif code < 256 and (code > 127 or not (char.isascii() and char.isalnum())):
            out.append(f"&#x{code:02X};")
        else:
            out.append(char)
    return "".join(out)


class _Reveal:
    def __init__(self, ordinal: int, question: bool) -> None:
        self.ordinal = ordinal
        self.question = question
        self.found = False

    def nodes(self, nodes: list[str | _Cloze]) -> str:
        return "".join(n if isinstance(n, str) else self.cloze(n) for n in nodes)

    def cloze(self, cloze: _Cloze) -> str:
        active = cloze.ordinal == self.ordinal
        self.found |= active
        inner = self.nodes(cloze.nodes)
        if active and self.question:
            hint = "..." if cloze.hint is None else cloze.hint
            return (
                f'<span class="cloze" data-cloze="{encode_attribute(inner)}" '
                f'data-ordinal="{cloze.ordinal}">[{hint}]</span>'
            )
        css_class = "cloze" if active else "cloze-inactive"
        return f'<span class="{css_class}" data-ordinal="{cloze.ordinal}">{inner}</span>'


_MATHJAX = re.compile(r"(\\[(\[])(.*?)(\\[\])])", re.DOTALL | re.IGNORECASE)
_HTML = re.compile(
    r"(<!--.*?-->)|(<style.*?>.*?</style>)|(<script.*?>.*?</script>)|(<.*?>)",
    re.DOTALL | re.IGNORECASE,
)


def strip_html(html: str) -> str:
    """Anki's ``strip_html_preserving_entities``: tags removed, entities kept."""
    return _HTML.sub("", html)


def cloze_filter(text: str, ordinal: int, *, question: bool) -> str:
    """``{{cloze:Field}}`` for card ``c<ordinal>``; empty when the field lacks that cloze."""
    reveal = _Reveal(ordinal, question)
    revealed = reveal.nodes(_parse_clozes(text))
    if not reveal.found:
        return ""
    # Anki drops HTML inside MathJax, so a cloze inside math shows as plain [...] text.
    return _MATHJAX.sub(lambda m: m.group(1) + strip_html(m.group(2)) + m.group(3), revealed)
