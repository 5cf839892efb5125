"""Preparing the source: console prompts, notebook lines and common indentation removed."""

from __future__ import annotations

import re

_MAGIC = re.compile(r"[ \t]*(?:%|!(?!=))\S")


def prepare(code: str) -> tuple[str, tuple[int, ...]]:
    """Strip console prompts (``>>>``) and common indentation; keep the line count."""
    lines = code.split("\n")
    shifts = [0] * len(lines)
    first = next((line.lstrip() for line in lines if line.strip()), "")
    if first.startswith(">>>"):
        for i, line in enumerate(lines):
            prompt = re.match(r"[ \t]*(?:>>>|\.\.\.)(?: |$)", line)
            shifts[i] = prompt.end() if prompt else 0
            lines[i] = line[prompt.end() :] if prompt else ""  # output lines are not code
    for i, line in enumerate(lines):
        if _MAGIC.match(line):
            lines[i] = ""  # IPython magics and shell escapes are not Python
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    common = min(indents, default=0)
    for i, line in enumerate(lines):
        if line.strip():
            lines[i], shifts[i] = line[common:], shifts[i] + common
        else:
            lines[i] = ""
    return "\n".join(lines), tuple(shifts)
