"""Prose that fails on a card, one module per rule: doubled words (AG134), answers cut off
mid-sentence (AG135), answers that are only a link (AG136), and answers that point at another
card or at another part of the source (AG137). ``text`` holds what they share."""

from __future__ import annotations

from ankigen.lint.rule import Rule
from ankigen.lint.rules.prose.cross_card import CrossCardReference
from ankigen.lint.rules.prose.doubled_word import DoubledWord
from ankigen.lint.rules.prose.link_only import LinkOnlyAnswer
from ankigen.lint.rules.prose.truncated_text import TruncatedText

RULES: tuple[Rule, ...] = (DoubledWord(), TruncatedText(), LinkOnlyAnswer(), CrossCardReference())
