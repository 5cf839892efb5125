"""Attribute chains of a code block (``np.linalg.nrom``): which written part stands for which
part of the qualified name an alias expands to, so that a finding points at the wrong part."""

from __future__ import annotations

import ast

from ankigen.lint.rules.python.parse import Parsed


def attribute_chain(node: ast.Attribute, rebound: set[str]) -> list[ast.expr] | None:
    """``node`` and every value under it down to the root name, or None when the root is no
    plain name, is rebound in the block, or ``node`` is assigned to."""
    chain: list[ast.expr] = [node]
    while isinstance(chain[-1], ast.Attribute):
        chain.append(chain[-1].value)
    root = chain[-1]
    if not isinstance(root, ast.Name) or root.id in rebound or isinstance(node.ctx, ast.Store):
        return None
    return chain


def written_part(chain: list[ast.expr], qualified: str, index: int) -> ast.expr | None:
    """The written part that stands for part ``index`` of ``qualified``; None when that part
    is inside what the root name stands for (the import, reported where it is written)."""
    in_root = len(qualified.split(".")) - (len(chain) - 1)  # parts the root name stands for
    if index < in_root:
        return None
    return chain[::-1][index - in_root + 1]


def rebound_names(parsed: Parsed) -> set[str]:
    """Names the snippet binds itself other than by import (assigned, defined, parameters):
    they may no longer be the library the usual alias stands for."""
    names: set[str] = set()
    for node in parsed.nodes:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names
