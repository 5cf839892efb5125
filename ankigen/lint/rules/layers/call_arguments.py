"""The value of an argument written in a layer call, as the parameter readers take it."""

from __future__ import annotations

import ast


def literal_value(node: ast.expr) -> object:
    """A literal argument's value; a product of integers (a flattened size written as
    ``nn.Linear(16 * 5 * 5, 120)``) is multiplied out; anything else is None."""
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        pass
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        left, right = literal_value(node.left), literal_value(node.right)
        if type(left) is int and type(right) is int:
            return left * right
    return None
