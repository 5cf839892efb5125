"""Preparing the source: console prompts, notebook lines and common indentation removed."""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex

MAGIC = lazy_regex(
    r"[ \t]*(?:%|!(?!=))\S"
    # IPython's automagic: 'pip install x' and 'conda install x' run in a notebook cell
    r"|[ \t]*(?:pip3?|conda)[ \t]+(?:install|uninstall|list|show|freeze)\b"
)
# IPython's assignments from a magic or a shell escape: 'files = !ls', 'r = %timeit -o f()'.
# The name is bound (as None, to keep the columns before it), the command is not Python.
_MAGIC_ASSIGNMENT = lazy_regex(
    r"([ \t]*[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*[ \t]*=[ \t]*)(?:%|!(?!=))\S"
)
# IPython's help: 'np.linalg.norm?', 'obj??', '?obj' (a line of its own).
_HELP = lazy_regex(r"[ \t]*(?:\?{1,2}[A-Za-z_][\w.*]*|[A-Za-z_][\w.*]*\?{1,2})[ \t]*$")
# The banner IPython prints before its first prompt ("Python 3.11.0 (main, …)", "Type
# 'copyright', …", "IPython 8.9.0 -- An enhanced Interactive Python.").
_BANNER = lazy_regex(r"[ \t]*(?:Python [23]\.\d+|IPython \d+\.\d+|Type '(?:copyright|help)')")
# '%timeit f(x)' and the report it prints under it ("1 loops, best of 3: 934 ms per loop",
# "2.85 ms ± 22.8 µs per loop (mean ± std. dev. …)", "Wall time: 1.2 s").
_TIMING_MAGIC = lazy_regex(r"[ \t]*(?:In[ \t]*\[[\d ]*\]:[ \t]*)?%%?(?:timeit|time|prun)\b")
_TIMING = lazy_regex(r"\bper loop\b|\bloops?, best of\b|^[ \t]*(?:CPU times|Wall time):")
# IPython's prompts: 'In [3]: ' and its continuation '   ...: '; 'Out[3]: ' is output.
_IPYTHON_PROMPT = lazy_regex(r"[ \t]*(?:In[ \t]*\[[\d ]*\]:|\.{3,}:)(?: |$)")


# A docstring pasted as code ("Parameters\n----------", "Examples:"): only its '>>>' lines are
# Python; the prose around them is not (numpy's own examples are written this way).
_DOC_HEADING = lazy_regex(
    r"^[ \t]*(?:Parameters|Returns|Yields|Raises|Examples?|Notes|See Also|Attributes|Args|"
    r"Arguments)[ \t]*(?::[ \t]*$|\n[ \t]*-{3,}[ \t]*$)",
    re.MULTILINE,
)
_PROMPT_LINE = lazy_regex(r"^[ \t]*>>>", re.MULTILINE)


def _docstring(code: str) -> bool:
    underlined = re.search(r"^[ \t]*\w[\w ]*\n[ \t]*-{3,}[ \t]*$", code, re.MULTILINE)
    heading = _DOC_HEADING.search(code)
    return heading is not None and (underlined is not None or _PROMPT_LINE.search(code) is not None)


def prepare(code: str) -> tuple[str, tuple[int, ...]]:
    """Strip console prompts (``>>>``) and common indentation; keep the line count."""
    lines = code.split("\n")
    shifts = [0] * len(lines)
    # the first line that is not blank or a comment: a session may open with a comment
    first = next(
        (
            line.lstrip()
            for line in lines
            if line.strip()[:1] not in ("", "#") and not _BANNER.match(line)
        ),
        "",
    )
    if re.match(r"In[ \t]*\[[\d ]*\]:", first):
        for i, line in enumerate(lines):
            prompt = _IPYTHON_PROMPT.match(line)
            shifts[i] = prompt.end() if prompt else 0
            lines[i] = line[prompt.end() :] if prompt else ""  # output lines are not code
    elif first.startswith(">>>") or _docstring(code):
        depth = 0  # brackets a prompted line left open
        for i, line in enumerate(lines):
            prompt = re.match(r"[ \t]*(?:>>>|\.\.\.)(?:[ \t]|$)", line)  # a tab may follow a prompt
            if prompt:
                shifts[i], lines[i] = prompt.end(), line[prompt.end() :]
                depth = max(0, depth + bracket_change(lines[i]))
            elif depth and line.strip():
                # a session pasted without its '...' prompts: the call goes on
                depth = max(0, depth + bracket_change(line))
            else:
                lines[i] = ""  # output lines are not code
    timed = False  # the line above was a timing magic: what follows may be its report
    for i, line in enumerate(lines):
        assignment = _MAGIC_ASSIGNMENT.match(line)
        if assignment:
            lines[i] = assignment.group(1) + "None"
        elif MAGIC.match(line) or _HELP.match(line) or (timed and _TIMING.search(line)):
            lines[i] = ""  # IPython magics, shell escapes, help and timing reports
        if line.strip():
            timed = bool(_TIMING_MAGIC.match(line)) or (timed and not lines[i])
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    common = min(indents, default=0)
    for i, line in enumerate(lines):
        if line.strip():
            lines[i], shifts[i] = line[common:], shifts[i] + common
        else:
            lines[i] = ""
    return "\n".join(lines), tuple(shifts)


def bracket_change(line: str) -> int:
    """How many brackets the line opens minus how many it closes, strings and a comment
    left out (a rough count: enough to tell a call that goes on to the next line)."""
    change, quote, i = 0, "", 0
    while i < len(line):
        char = line[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#":
            break
        elif char in "([{":
            change += 1
        elif char in ")]}":
            change -= 1
        i += 1
    return change
