"""A factor written against its bracket: "2(1 + 2 + 4)" is 2 x (1 + 2 + 4).

Authors of formulas leave the times sign out before a bracket ("RF = 1 + 2(1 + 2 + 4)",
"$2(3 - 1)$"). The tokenizer reads a bracket glued to the token before it as a call's, so
without this pass a calculation was read from inside the bracket ("1 + 2 + 4 = 127") and its
result judged against the part. Only a bracket that holds a calculation of plain numbers is
read as a factor: "Figure 2(b)", "f(3)" and "2(a)" stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.tokens import Token, matching_close

# Kinds inside a bracket that make it a calculation: numbers, operators, signs, brackets.
_CALCULATION_KINDS = frozenset("Nom()")


def implicit_products(tokens: Sequence[Token], brackets: bool = False) -> list[Token]:
    """The tokens with a times sign put between a number and the bracket glued to it, and
    (``brackets``, in prose) between two bracketed calculations glued together. Math made
    plain is left its own way: "\\frac{1}{4}\\left(…\\right)" becomes such a pair whose chain
    a formula's later steps judge better."""
    result = list(tokens)
    for index in range(len(tokens) - 1, 0, -1):
        bracket, factor = tokens[index], tokens[index - 1]
        if bracket.text != "(" or factor.end != bracket.start:
            continue
        if bracket.kind == "_" and factor.kind == "N":
            pass
        elif brackets and bracket.kind == "(" and factor.kind == ")" and factor.text == ")":
            # "(3 - 1)(2 - 1)": two bracketed calculations side by side multiply
            if not _calculation(tokens, _matching_open(tokens, index - 1), index - 1):
                continue
        else:
            continue
        close = matching_close(tokens, index)
        if close is None or not _calculation(tokens, index, close):
            continue
        times = Token("o", bracket.start, bracket.start, TIMES, symbol=TIMES)
        result[index : index + 1] = [times, replace(bracket, kind="(")]
    return result


def _calculation(tokens: Sequence[Token], opening: int | None, close: int) -> bool:
    """Whether the brackets at ``opening`` and ``close`` hold a calculation of plain numbers:
    "2(3)" holds a footnote or a label, not a factor."""
    if opening is None:
        return False
    inside = tokens[opening + 1 : close]
    if not inside or any(token.kind not in _CALCULATION_KINDS for token in inside):
        return False
    return any(token.kind in "om" for token in inside)


def _matching_open(tokens: Sequence[Token], close: int) -> int | None:
    depth = 0
    for index in range(close, -1, -1):
        if tokens[index].kind == ")":
            depth += 1
        elif tokens[index].kind == "(" or tokens[index].text == "(":
            depth -= 1
            if depth == 0:
                return index
    return None
