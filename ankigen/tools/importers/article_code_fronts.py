"""A question that asks about the code printed under it ("What is the output of the following
code :" over a fenced block): the code belongs to the front, not to the answer.

A note's front is one heading line, so a block of one short line moves into the front as inline
code (``What is the output of the following code: `print(9 // 2)` ``); a longer block stays
where it is, at the top of the back, and the import says so, because the front alone no longer
shows what it asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_lines import CODE, FENCE, TEXT

# "the following code", "this snippet", "the code below", "the given program": a pointer; and
# the same in Spanish, Portuguese, French, German and Polish ("la siguiente expresión", "o código
# seguinte", "le code suivant", "der folgende Code", "w poniższym kodzie"), and "the output of
# the code" in those languages: a definite article pointing at the block right below.
_POINTS_AT_CODE = re.compile(
    r"\b(?:following|below|given|this|these)\s+(?:\w+\s+)?"
    r"(?:code|program|segment|snippet|script|statements?|expressions?|lines?|loop|function)\b"
    r"|\b(?:code|program|snippet|script)\s+(?:below|here)\b"
    r"|\bsiguientes?\s+(?:\w+\s+)?(?:c[oó]digo|expresi[oó]n|expresiones|programa|"
    r"fragmento|instrucci[oó]n|instrucciones|sentencias?|l[ií]neas?|operaci[oó]n|operaciones|"
    # "el siguiente bloque de código", "en el siguiente caso" over the block it runs.
    r"bloques?|casos?|ejemplos?)\b"
    r"|\b(?:c[oó]digo|expresi[oó]n|programa|fragmento)\s+(?:\w+\s+)?(?:siguiente|seguinte)\b"
    r"|\bseguintes?\s+(?:c[oó]digo|express[aã]o|express[oõ]es|programa|trecho|"
    r"instru[cç][aã]o|instru[cç][oõ]es|opera[cç][aã]o|opera[cç][oõ]es|linhas?)\b"
    r"|\b(?:code|programme|expression)\s+suivante?\b"
    r"|\b(?:d|n)?est[ea]s?\s+(?:c[oó]digo|programa|trecho|expresi[oó]n|express[aã]o)\b"
    # German inflects and compounds: "des folgenden Codes", "des folgenden Python-Codes".
    r"|\bfolgenden?\s+(?:\w+-)?(?:codes?|ausdrucks?|programms?|anweisungen?)\b"
    # "the output of the code" asked right over it: "a saída do código", "die Ausgabe des Codes".
    r"|\b(?:output|result)\s+of\s+the\s+(?:code|program|snippet|script)\b"
    r"|\b(?:sa[ií]da|salida|resultado)\s+d(?:o|el)\s+(?:c[oó]digo|programa)\b"
    r"|\bAusgabe\s+(?:des|dieses)\s+(?:\w+-)?(?:codes|programms)\b"
    # Polish: "w poni\u017cszym kodzie", "nast\u0119puj\u0105cy program", "kod poni\u017cej".
    r"|\b(?:poni\u017csz|nast\u0119puj\u0105c)\w*\s+(?:\w+\s+)?"
    r"(?:kod|program|fragment|wyra\u017ceni|funkcj|p\u0119tl)\w*"
    r"|\b(?:kod|program|fragment)\w*\s+poni\u017cej\b"
    # Indonesian and Malay put "berikut" (following) or "di bawah ini" (below) after the noun:
    # "loop berikut", "ekspresi kondisional berikut", "kode di bawah ini".
    r"|\b(?:kode|program|ekspresi|pernyataan|perulangan|loop|fungsi|potongan|baris|skrip)"
    r"\s+(?:\w+\s+)?(?:berikut|di\s+bawah\s+ini)\b"
    # Japanese "次のPythonコード", "以下のプログラム", "このコード"; Korean "다음 코드",
    # "아래 코드".
    r"|(?:\u6b21|\u4ee5\u4e0b|\u4e0b\u8a18)\u306e\s*(?:[A-Za-z]+\s*)?"
    r"(?:\u30b3\u30fc\u30c9|\u30d7\u30ed\u30b0\u30e9\u30e0)"
    r"|\u3053\u306e\s*(?:\u30b3\u30fc\u30c9|\u30d7\u30ed\u30b0\u30e9\u30e0)"
    r"|(?:\ub2e4\uc74c|\uc544\ub798)(?:\uc758)?\s+(?:[A-Za-z]+\s+)?(?:\ucf54\ub4dc|\ud504\ub85c\uadf8\ub7a8)",
    re.I,
)
_MAX_INLINE = 80  # characters of code a front can show inline
_MAX_JOINED_LINES = 3  # a few short statements read on one line ("x = 1; y = x + 1")
# A line that reads as one statement: an assignment, a call, or a return, print or del.
_STATEMENT = re.compile(
    r"^[A-Za-z_][\w.\[\]'\"]*\s*(?:[-+*/%&|^@]|\*\*|//|<<|>>)?=(?!=)\s*\S"
    r"|^[A-Za-z_][\w.]*\(.*\)\s*;?$"
    r"|^(?:return|print|del)\b"
)


@dataclass(frozen=True)
class CodeFront:
    front: str
    piece: Segment  # the answer without the moved code
    warning: str | None


def code_in_front(piece: Segment, front: str) -> CodeFront | None:
    """The front with the code it points at, or a warning when that code cannot move."""
    lines = piece.lines
    at = next((i for i, (_, line) in enumerate(lines) if line.strip()), None)
    if at is None:
        return None
    if not _POINTS_AT_CODE.search(front):
        return _pointed_block(piece, front, at)
    if lines[at][0] != FENCE:
        return _statements_in_front(piece, front, at)
    close = next((i for i in range(at + 1, len(lines)) if _closes(lines, at, i)), None)
    if close is None:
        return None
    code = [line for _, line in lines[at + 1 : close] if line.strip()]
    inline = _inline(code)
    if inline is not None:
        rest = Segment(piece.question, lines[close + 1 :], piece.indices[close + 1 :])
        return CodeFront(_with_code(front, inline), rest, None)
    warning = (
        "it asks about the code block below it, which a one-line front cannot hold: the code "
        "opens the back; reword the front or make the note a cloze"
    )
    return CodeFront(front, piece, warning)


# "Write a cell with the following and view it", "Render the following:": "the following"
# with no noun after it points at whatever block comes next (Markdown, a formula, a table).
_POINTS_AT_BLOCK = re.compile(r"\bthe\s+following\s*(?:[:.,;]|\band\b|$)", re.I)


def _pointed_block(piece: Segment, front: str, at: int) -> CodeFront | None:
    """A front pointing at "the following" over a block (fenced or indented) that opens the
    back: the block stays there, and the import says so (such a block is seldom code to
    inline, so nothing moves)."""
    if not _POINTS_AT_BLOCK.search(front) or piece.lines[at][0] not in (FENCE, CODE):
        return None
    warning = (
        "it points at the block below it ('the following'), which a one-line front cannot "
        "hold: the block opens the back; reword the front or make the note a cloze"
    )
    return CodeFront(front, piece, warning)


def _inline(code: list[str]) -> str | None:
    """The code as inline code for a front: one short line, or a few short statements joined
    by "; " (none indented, none opening a block); None when it does not fit on a line."""
    if not code or len(code) > _MAX_JOINED_LINES or any("`" in line for line in code):
        return None
    if len(code) > 1 and not all(
        _STATEMENT.match(line) and not line.rstrip().endswith((":", "{", "\\")) for line in code
    ):
        return None
    joined = "; ".join(line.strip().rstrip(";") for line in code)
    return f"`{joined}`" if len(joined) <= _MAX_INLINE else None


def _with_code(front: str, inline: str) -> str:
    stem = front.rstrip(" :")
    return f"{stem[:-1].rstrip()}: {inline}?" if stem.endswith("?") else f"{stem}: {inline}"


def _statements_in_front(piece: Segment, front: str, at: int) -> CodeFront | None:
    """ "¿La siguiente expresión es válida?" over unfenced statement lines ("x = 'a'" /
    "x /= 'b'") and then the answer: the statements join the front."""
    lines = piece.lines
    end = at
    while (
        end < len(lines)
        and lines[end][0] in (TEXT, CODE)
        and _STATEMENT.match(lines[end][1].strip())
    ):
        end += 1
    inline = _inline([line for _, line in lines[at:end]]) if end > at else None
    if inline is None or not any(line.strip() for _, line in lines[end:]):
        return None  # no statements, or they are the whole answer
    rest = Segment(piece.question, lines[end:], piece.indices[end:])
    return CodeFront(_with_code(front, inline), rest, None)


def _closes(lines: list[tuple[str, str]], opening: int, index: int) -> bool:
    kind, line = lines[index]
    fence = lines[opening][1].strip()
    marker = fence[: len(fence) - len(fence.lstrip(fence[0]))]
    return (
        kind in (FENCE, TEXT)
        and line.strip().startswith(marker)
        and not line.strip()[len(marker) :].strip()
    )
