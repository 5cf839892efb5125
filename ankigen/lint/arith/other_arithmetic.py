"""Arithmetic of another kind, where "1 + 1 = 10" or "127 + 1 = -128" is right (AG101).

A note may speak of binary numbers, integers that wrap, residues or boolean algebra, and then
a result that is wrong in decimal arithmetic is right in that one. The word alone decides
nothing: an author who writes "far below an int32 overflow" or "the ids are hexadecimal" beside
an ordinary calculation still means decimal arithmetic. So a named arithmetic excuses only a
claim that it explains:

- a base (binary, octal, hexadecimal): every number of the claim is written in that base's
  digits, a hexadecimal one with a letter or "0x" among them (a base named anywhere in the
  note, also in an introduction above a list);
- a wrap (overflow, two's complement, "wraps around"): the claimed integer is the computed one
  wrapped into a signed or unsigned integer of 8, 16, 32 or 64 bits, which the computed one
  exceeds;
- a residue (modulo, modular, a finite field): the claimed integer is the computed one's residue
  modulo a number the paragraph states;
- boolean, bitwise and xor operations: every number of the claim is 0 or 1, or the claim
  writes a bitwise sign (``^``, ``&``, a shift), which a calculation may read as
  a power or take for no sign at all.
"""

from __future__ import annotations

import re
from fractions import Fraction

from ankigen.lint.lazy_pattern import lazy_regex

OTHER_ARITHMETIC = lazy_regex(
    r"\b(?:(?P<binary>binary(?![\s-]*(?:classif|cross|labels?\b|tasks?\b|outcomes?\b"
    r"|problems?\b|targets?\b|variables?\b|features?\b|decisions?\b|search|trees?\b|logistic))"
    r"|base[- ]?2\b))"
    # each word whole: "mod" is no part of "model", "hex" none of "hexagon"
    r"|\b(?P<octal>octal|base[- ]?8)\b|\b(?P<hex>hex(?:adecimal)?|base[- ]?16)\b"
    r"|\b(?P<residue>modul(?:o|ar)|mod|finite\s+field)\b|(?P<field>GF\(\d)"
    r"|\b(?P<logic>bitwise|boolean|xor)\b"
    r"|\b(?P<wrap>two's[- ]complement|wraps?\s+around)\b"
    # an integer that overflows, not a step whose gradients overflow under a loss scale
    r"|(?<!gradient )(?<!grad )(?<!fp16 )\b(?P<overflow>overflow(?:s|ing)?)\b"
    r"(?!\s+(?:steps?|iterations?|batches|updates?|in\s+a\s+row)\b)",
    re.IGNORECASE,
)
# The numbers a claim writes, in any base: "1011", "0x1F", "FF", "-128", "32,767"
# (read by the calculation as numbers, so each starts with a digit: "c1" of a cloze is none)
_TOKEN = lazy_regex(r"(?<![\w.])-?(?:0[xXbBoO])?\d[0-9A-Fa-f,_]*(?![\w.])")
_DIGITS = {"binary": "01", "octal": "01234567", "hex": "0123456789abcdef"}
_PREFIX = {"binary": "0b", "octal": "0o", "hex": "0x"}
_NUMBER = lazy_regex(r"\d[\d,]*")
_HEX_MARK = lazy_regex(r"[a-f]|^0x")
_BIT_OPERATOR = lazy_regex(r"[\^&]|<<|>>")
_WIDTHS = (8, 16, 32, 64)


def explains(
    text: str, body: int, start: int, end: int, computed: Fraction, claimed: Fraction
) -> bool:
    """Whether an arithmetic of another kind that the note names explains the claim at
    ``text[start:end]`` whose decimal value is ``computed`` and whose written result is
    ``claimed``."""
    kinds = {
        kind
        for match in OTHER_ARITHMETIC.finditer(text, body)
        for kind, word in match.groupdict().items()
        if word
    }
    if not kinds:
        return False
    low = max(text.rfind("\n\n", body, start), body)
    high = text.find("\n\n", end)
    paragraph = (low, len(text) if high < 0 else high)
    named = {
        kind
        for match in OTHER_ARITHMETIC.finditer(text, *paragraph)
        for kind, word in match.groupdict().items()
        if word
    }
    written = [token.lstrip("-").lower() for token in _TOKEN.findall(text, start, end)]
    for base in ("binary", "octal", "hex"):
        # (decimal digits are hexadecimal ones too: a hex number shows a letter or "0x")
        if (
            base in kinds
            and written
            and all(_in_base(token, base) for token in written)
            and (base != "hex" or any(_HEX_MARK.search(token) for token in written))
        ):
            return True
    whole = computed.denominator == 1 and claimed.denominator == 1
    if whole and named & {"wrap", "overflow"} and _wraps(int(computed), int(claimed)):
        return True
    if whole and named & {"residue", "field"}:
        moduli = {int(n.replace(",", "")) for n in _NUMBER.findall(text, *paragraph)}
        if any(_residue(int(computed), int(claimed), m) for m in moduli):
            return True
    if "logic" in named:
        # "1 + 1 = 1" (OR), "6 ^ 3 = 5" (XOR): bits, or a sign of a bitwise operation
        if written and all(token in ("0", "1") for token in written):
            return True
        if _BIT_OPERATOR.search(text, start, end):
            return True
    return False


def _in_base(token: str, base: str) -> bool:
    token = token.replace(",", "").replace("_", "")
    if token.startswith(_PREFIX[base]):
        token = token[2:]
    return bool(token) and all(digit in _DIGITS[base] for digit in token)


def _wraps(computed: int, claimed: int) -> bool:
    """Whether ``claimed`` is ``computed`` wrapped into a fixed-width integer it overflows."""
    for bits in _WIDTHS:
        for low in (0, -(2 ** (bits - 1))):  # unsigned, signed
            high = low + 2**bits
            if (
                low <= claimed < high
                and not low <= computed < high
                and (computed - claimed) % 2**bits == 0
            ):
                return True
    return False


def _residue(computed: int, claimed: int, modulus: int) -> bool:
    return modulus >= 2 and 0 <= claimed < modulus and (computed - claimed) % modulus == 0
