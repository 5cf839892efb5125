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


def implicit_products(tokens: Sequence[Token]) -> list[Token]:
    """The tokens with a times sign put between a number and the bracket glued to it."""
    result = list(tokens)
    for index in range(len(tokens) - 1, 0, -1):
        bracket, factor = tokens[index], tokens[index - 1]
        if bracket.kind != "_" or bracket.text != "(" or factor.kind != "N":
            continue
        if factor.end != bracket.start:
            continue
        close = matching_close(tokens, index)
        inside = tokens[index + 1 : close] if close is not None else ()
        if not inside or any(token.kind not in _CALCULATION_KINDS for token in inside):
            continue
        if not any(token.kind in "om" for token in inside):
            continue  # "2(3)": a footnote or a label, not a product
        times = Token("o", bracket.start, bracket.start, TIMES, symbol=TIMES)
        result[index : index + 1] = [times, replace(bracket, kind="(")]
    return result
