"""AG103 for results written as a formula symbol's value: "$H_{out} = \\lfloor (32 + 2 - 2 - 1)/1
\\rfloor + 1 = 32$", "L_out = floor((16000 - 160) / 400) + 1 = 40 frames". The claim is the last
number of the symbol's chain of equalities; it is judged against the layer the note sets up,
read from the symbols it gives values ("$H_{in} = W_{in} = 64$", "$k = 3$", "$s = 2$", "$p = 0$",
"$d = 2$", CS231n's "F = 5, S = 1, P = 0") together with its words and layer calls
(``setting_reader``), under every convention ``setting_judge`` allows.

A claim equal to its input is judged too: the symbol names it as the layer's result, not a
restated input. A note with two results for one axis, two values for one setting, a second
layer call, a setting per axis or a dilation named without its value is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.remedies import in_remedy
from ankigen.lint.rules.layers.setting_judge import (
    _axis_outputs,
    _counts,
    _layer,
    _role_of_size,
    _sentence,
    _this_scenario,
)
from ankigen.lint.rules.layers.setting_reader import (
    Setting,
    Stated,
    note_view,
    read_span,
)

_N = r"\d{1,3}(?:(?:,|\{,\})\d{3})+|\d+"
# A subscript "in" or "out" however it is written: "_in", "_{in}", "_{\text{out}}", "_\mathrm{in}".
_SUB = r"_?\{?\s*(?:\\(?:text|mathrm|rm)\s*\{?\s*)?(?P<sub>in|out)\s*\}?\s*\}?"
# (or the output's own letter, "o = 7 x 2 + 5 = 19", as textbooks name a side of the output)
_SYMBOL = lazy_regex(rf"(?<![\w\\])(?:(?P<axis>[HWLDTN]){_SUB}|(?P<bare>[oO]|out))(?![\w])\s*=")
# A setting symbol and its value, not the first term of a calculation ("p = (k - 1)/2").
_SETTING = lazy_regex(
    rf"(?<![\w\\{{])(?P<name>[kspdFSP])\s*=\s*(?P<v>{_N})"
    r"(?![\d.]|\s*[-+*/(^\\\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}])"
)
_ROLE = {"k": "kernel", "F": "kernel", "s": "stride", "S": "stride", "p": "padding", "P": "padding"}
_ROLE["d"] = "dilation"
# The value that ends a chain of equalities: nothing is computed with it afterwards.
_LAST_VALUE = lazy_regex(
    rf"=\s*(?P<v>{_N})(?=\s*(?:$|[^\s\d.,+\-*/(^\\\N{{MINUS SIGN}}\N{{MULTIPLICATION SIGN}}"
    r"\N{MIDDLE DOT}]|[.,](?!\d)|\\[,;]))"
)
_APPROXIMATE = lazy_regex(r"\\approx|\N{ALMOST EQUAL TO}|~|\\sim\b|\babout\b", re.I)
_FENCE = lazy_regex(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.M | re.S)
_DILATION_WORD = lazy_regex(r"dilat|atrous", re.I)
# A fence without a language (or marked as text or math), and what makes its lines code.
_PLAIN_MATH = lazy_regex(r"[ \t]*(```|~~~)[ \t]*(?:text|txt|math)?[ \t]*\n.*", re.S)
_CODE_CUE = lazy_regex(
    r"\bimport\b|\bdef\b|\bprint\(|\bnn\.|\btorch\b|\bkeras\b|\bjnp\b|>>>|#|\breturn\b"
)
# A line (after blank ones) that only computes: "$(16 - 1) \cdot 2 + 4 = 34$", "= 30 + 4 = 34".
_NUMERIC_LINE = lazy_regex(
    r"(?:[ \t]*\n)*[ \t]*\$*[ \t]*=?[ \t]*(?P<chain>(?:\\[A-Za-z]+\s*|[(\[{]\s*)*\d[^\n]*)"
)
_GOES_ON = lazy_regex(r"[ \t]*(?P<step>=[^\n]*)")
_HEADING = lazy_regex(r"\s*#[^\n]*")
_PARAGRAPH_END = lazy_regex(r"\n[ \t]*\n")
_CHAIN_END = lazy_regex(r"\$|\n|[.;!?](?=\s)")
# The functions of a worked formula, which are no symbols: floor, ceil, LaTeX's spacing.
_FUNCTIONS = lazy_regex(
    r"\\[A-Za-z]+|\b(?:floor|ceil|round|int|math)\b|[\N{LEFT FLOOR}\N{RIGHT FLOOR}"
    r"\N{LEFT CEILING}\N{RIGHT CEILING}]"
)


@dataclass(frozen=True)
class _Claim:
    axis: str
    value: int
    start: int
    end: int
    symbol: str


def _number(text: str) -> int:
    return int(text.replace("{,}", "").replace(",", ""))


def _prose(document: LintDocument) -> str:
    """The note's text from its body on, same length, fenced code blanked (a fence of plain
    math, without a language and without code, is kept: authors set worked formulas apart so)."""
    text = " " * document.body_offset + document.text[document.body_offset :]

    def blank(match: re.Match[str]) -> str:
        inner = match.group(0)
        if _PLAIN_MATH.fullmatch(inner) and not _CODE_CUE.search(inner):
            first, last = inner.find("\n"), inner.rfind(match.group(1))
            return " " * first + inner[first:last] + " " * (len(inner) - last)
        return re.sub(r"[^\n]", " ", inner)

    return _FENCE.sub(blank, text)


def _axis(letter: str) -> str:
    return "L" if letter in "LTN" else letter


def _symbols(text: str, body: int) -> tuple[list[_Claim], dict[str, set[int]]]:
    """The results (symbols "out") and the inputs (symbols "in", per axis) the note writes."""
    claims: list[_Claim] = []
    inputs: dict[str, set[int]] = {}
    for match in _SYMBOL.finditer(text, body):
        axis = _axis(match["axis"] or "H")  # a bare "o": a side of a square output
        if match["sub"] == "in":
            # "H_{in} = W_{in} = 64": every symbol of the chain takes the value
            rest = re.match(
                rf"(?:\s*[HWLDTN]{_SUB}\s*=)*\s*(?P<v>{_N})(?![\d.]|\s*[-+*/(])",
                text[match.end() :],
            )
            if rest is not None:
                inputs.setdefault(axis, set()).add(_number(rest["v"]))
                for other in re.finditer(rf"(?P<axis>[HWLDTN]){_SUB}", rest.group(0)):
                    inputs.setdefault(_axis(other["axis"]), set()).add(_number(rest["v"]))
            continue
        end_match = _CHAIN_END.search(text, match.end())
        end = end_match.start() if end_match else len(text)
        final = _LAST_VALUE.search(text, match.end() - 1, end)  # the chain's first end
        worked_from = match.end()
        if final is None:
            # the formula with its symbols, then the same with numbers on the next line:
            # "$(16-1)\cdot 2 - 2\cdot 1 + 1\cdot(3-1) + 1 = 31$"
            numeric = _NUMERIC_LINE.match(
                text, text.find("\n", end - 1) + 1 if end < len(text) else end
            )
            if numeric is None:
                continue
            worked_from = numeric.start("chain")
            line_end = text.find("\n", worked_from)
            final = _LAST_VALUE.search(text, worked_from, line_end if line_end >= 0 else len(text))
            # the chain may go on, one "= …" per line, to its result on a line of its own
            while final is None and line_end >= 0:
                more = _GOES_ON.match(text, line_end + 1)
                if more is None:
                    break
                line_end = more.end()
                final = _LAST_VALUE.search(text, more.start("step"), line_end)
                line_end = line_end if line_end < len(text) else -1
            if final is None:
                continue
        worked = _FUNCTIONS.sub(" ", text[worked_from : final.start()])
        if _APPROXIMATE.search(worked) or re.search(r"[A-Za-z]{2,}|[A-Za-z]\s*[({]", worked):
            continue  # an approximation, or the formula written with its symbols
        value = final["v"]
        symbol = f"{match['axis']}_out" if match["axis"] else match["bare"]
        claims.append(_Claim(axis, _number(value), *final.span("v"), symbol))
    return claims, inputs


def _settings(text: str, body: int) -> list[Stated]:
    return [
        Stated(_ROLE[match["name"]], (_number(match["v"]),), *match.span("v"))
        for match in _SETTING.finditer(text, body)
    ]


def _fallback_input(
    document: LintDocument, view: str, claim: _Claim, setting: Setting
) -> int | None:
    """Without a symbol for its input: the one input size (or, for a length, the one count of
    samples or steps) the note states before the claim, square where it has two axes."""
    body = document.body_offset
    if claim.axis == "L":
        taken = [(item.start, item.end) for item in setting.stated if item.role != "size"]
        heading = _HEADING.match(view, body)
        items = [
            item
            for item in _counts(view, body, claim.start, body, taken)
            if _role_of_size(view, item, body) != "claim"
            or (heading is not None and item.end <= heading.end())  # the question's given
        ]
        counts = {item.values[0] for item in items if isinstance(item.values, tuple)}
        return counts.pop() if len(counts) == 1 else None
    sizes = [
        item
        for item in setting.of("size")
        if item.end <= claim.start and _role_of_size(view, item, body) == "input"
    ]
    spatial: set[int] = set()
    for item in sizes:
        values = item.values
        if not isinstance(values, tuple) or len(values) < 2:
            return None
        # HxW, CxHxW or HxWxC: the two equal axes are the spatial ones
        pairs = [values[i] for i in range(len(values) - 1) if values[i] == values[i + 1]]
        if len(set(pairs)) != 1:
            return None
        spatial.add(pairs[0])
    return spatial.pop() if len(spatial) == 1 else None


def symbol_findings(document: LintDocument) -> Iterator[Finding]:
    """Results written as a symbol's value that the note's one layer does not give."""
    body = document.body_offset
    text = _prose(document)
    if not _SYMBOL.search(text, body):
        return
    claims, inputs = _symbols(text, body)
    by_axis: dict[str, set[int]] = {}
    for claim in claims:
        by_axis.setdefault(claim.axis, set()).add(claim.value)
    if not claims or any(len(values) > 1 for values in by_axis.values()):
        return  # two results for one axis: several layers or scenarios
    view = note_view(document)
    for claim in claims:
        # what the note says after the claim's paragraph (its Extra section) is a remark
        after = _PARAGRAPH_END.search(view, claim.end)
        setting = read_span(document, view, body, after.start() if after else len(view))
        setting.stated += [
            item for item in _settings(text, body) if not in_remedy(text, item.start, body)
        ]
        setting = _this_scenario(view, setting, _sentence(view, claim.start, body), body)
        if _DILATION_WORD.search(view, body) and not setting.of("dilation"):
            return  # a dilation named but not read would be taken as none
        if any(
            isinstance(item.values, tuple) and len(set(item.values)) > 1
            for item in setting.stated
            if item.role in ("kernel", "stride", "padding", "dilation")
        ):
            return  # a setting per axis
        layer = _layer(setting)
        if layer is None:
            return
        stated = inputs.get(claim.axis, set())
        if len(stated) > 1:
            continue
        n = next(iter(stated)) if stated else _fallback_input(document, view, claim, setting)
        if n is None and "_" not in claim.symbol:
            # the bare output letter of a length: "out = … = 63" after "a 20-step sequence"
            length = _Claim("L", claim.value, claim.start, claim.end, claim.symbol)
            n = _fallback_input(document, view, length, setting)
        if n is None:
            continue
        outputs = _axis_outputs(layer, n, 0, 1)
        if not outputs or claim.value in outputs:
            continue
        shown = " or ".join(str(value) for value in sorted(outputs))
        yield Finding(
            claim.start,
            claim.end,
            f"{claim.symbol} = {claim.value}, but the one layer this note sets up gives "
            # (an input the note gives as a symbol's value, never read as a channel count)
            f"{shown} from the stated input {n}: correct the output size",
        )
