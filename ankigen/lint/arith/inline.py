"""The prose view of the arithmetic rules: ``document.prose`` with short inline code that states
a quantity put back, so that "a Keras `Conv2D(32, (3, 3))`" or "`batch_size=20`" names its
numbers like prose does. Offsets stay file offsets; the backticks become spaces.
"""

from __future__ import annotations

import re

from ankigen.lint.document import LintDocument

_INLINE_CODE = re.compile(r"(?P<tick>`+)(?P<code>[^`\n]+?)(?P=tick)")
# What inline code may be to count as a quantity: a call ("Dense(10)",
# "tf.keras.layers.Conv2D(64, 3, padding='same')"), an assignment ("batch_size=32",
# "strides = 2") or a shape ("(28, 28, 1)").
_QUANTITY_CODE = re.compile(
    r"(?:[A-Za-z_][\w.]*(?:\(.*\))?"
    r"|[A-Za-z_]\w*\s*=\s*[\w\"'(), .]+"
    r"|\(\s*\d+(?:\s*,\s*\d+)*\s*,?\s*\))",
)


def arith_prose(document: LintDocument) -> str:
    """``document.prose`` with quantity-stating inline code restored (same length)."""
    return document.memo("arith-prose", lambda: _restore(document))


def _code_block_spans(document: LintDocument) -> list[tuple[int, int]]:
    spans = []
    for block in document.code_blocks:
        first = document.offset_of_line(max(1, block.first_line - 1))
        last_line = block.first_line + block.code.count("\n") + 1
        spans.append((first, document.offset_of_line(last_line)))
    return spans


def _restore(document: LintDocument) -> str:
    prose, text = document.prose, document.text
    if "`" not in text[document.body_offset :]:
        return prose
    blocked = _code_block_spans(document)
    pieces, position = [], 0
    for match in _INLINE_CODE.finditer(text, document.body_offset):
        start, end = match.span("code")
        if any(low <= start < high for low, high in blocked):
            continue
        if not _QUANTITY_CODE.fullmatch(match.group("code").strip()):
            continue
        if prose[start:end].strip():
            continue  # not blanked as code: leave the prose as it is
        pieces += [prose[position:start], text[start:end]]
        position = end
    pieces.append(prose[position:])
    return "".join(pieces)
