"""The claim inventory (issue #12, generalisation study §4(i)): every number a note states as a
result, once, with its line, surface, label and kind. Version 0: no rule reads it yet."""

from ankigen.lint.claims.inventory import inventory
from ankigen.lint.claims.model import Claim, Kind, Surface

__all__ = ["Claim", "Kind", "Surface", "inventory"]
