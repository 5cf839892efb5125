"""A written rounding of the batches per epoch against the note's own drop flag (AG102).

An epoch over N samples at batch size B has ⌈N / B⌉ batches when the last partial batch is
kept (PyTorch's ``drop_last=False``, tf.data's ``drop_remainder=False``, the defaults) and
⌊N / B⌋ when it is dropped. A note that sets the flag one way and then rounds the other
("``drop_last=True`` ... ⌈390.625⌉ = 391 iterations", "``drop_last=False`` ... ⌊175.78⌋ =
175", "with ``drop_remainder=True`` 92.8 rounds up to 93 steps") has the right arithmetic for
the wrong convention. The solver cannot tell this: a written ⌈ ⌉ tells it the author keeps the
last batch, so both roundings explain the count.

The rounding is read in any notation (⌈ ⌉ / ⌊ ⌋, LaTeX ``\\lceil`` also over a ``\\frac``,
``ceil(…)``/``floor(…)``, ``//``, "rounds up to", "rounded down to", an arrow from the quotient
"342.4 -> 343") on a line that counts steps, batches or
iterations. The flag must be set one way only, by every loader the note builds (``DataLoader(``,
``.batch(``), and the line must not suppose, compare or speak of another loader (validation,
test), nor count "full" batches when it rounds down (a note may add the partial one after).
A count of steps per epoch stated without a rounding ("977 steps/epoch") is judged the same
way where the note's one data set size and one batch give it as ⌈N / B⌉ under a dropping
flag, unless the line that sets the flag also states ⌊N / B⌋ (a comparison).
A note that also states the flag's own count anywhere ("⌈50,000 / 128⌉ = 391 batches; with
``drop_last=True`` it runs 390") compares the two conventions and is left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.epoch_solver import (
    ACCUMULATION,
    BATCH,
    DEVICES,
    SAMPLES,
    stated_numbers,
)
from ankigen.lint.arith.epochs import DROP_FLAG_IS, supposed_setting
from ankigen.lint.arith.step_divisions import body_lines, stated_values
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import DIGITS_PATTERN, find_numbers, format_number

_FLAG = lazy_regex(DROP_FLAG_IS + r"(?P<value>True|False|true|false)\b")
_LOADER_CALL = lazy_regex(r"\bDataLoader\(|\.batch\(")
_NUM = DIGITS_PATTERN
# "⌈390.625⌉ = 391", "⌊45,000 / 256⌋ = ⌊175.78⌋ = 175", "ceil(50000 / 128) = 391"
_BRACKETED = lazy_regex(
    # (a LaTeX fraction reaches this pass with its operands bracketed: "⌈ (404) / (16) ⌉")
    rf"(?P<open>⌈|⌊|\b(?:ceil|floor)\()[ \t]*"
    rf"(?P<x>\(?{_NUM}\)?(?:[ \t]*/[ \t]*\(?{_NUM}\)?)?)[ \t]*"
    rf"(?:⌉|⌋|\))[ \t]*(?:=[ \t]*[⌈⌊][ \t]*{_NUM}[ \t]*[⌉⌋][ \t]*)*=[ \t]*(?P<c>{_NUM})"
)
# "92.8, which rounds up to 93", "390.6 rounded down to 390", "50,000 // 128 = 390" (or
# "steps = 50_000 // 128  # = 390")
_WORDED = lazy_regex(
    rf"(?P<x>{_NUM}(?:[ \t]*/[ \t]*{_NUM})?)(?:[ \t]+[A-Za-z]+){{0,3}}?[ \t,]*"
    rf"(?:which[ \t]+|that[ \t]+)?"
    rf"(?:is[ \t]+)?(?P<dir>round(?:s|ed)?[ \t]+(?:up|down))[ \t]+(?:to[ \t]+)?(?P<c>{_NUM})",
    re.IGNORECASE,
)
_FLOOR_DIVISION = lazy_regex(
    rf"(?P<x>{_NUM}[ \t]*//[ \t]*{_NUM})[ \t]*(?:#[ \t]*)?=[ \t]*(?P<c>{_NUM})"
)
# "342.4 -> 343", "92.8 → 92": a rounding written as an arrow from the exact quotient (its
# direction is the one the written count takes)
_ARROWED = lazy_regex(
    rf"(?<![\d.,])(?P<x>\d[\d,]*\.\d+)[ \t]*(?:->|→|⇒|=>|\\to\b|\\Rightarrow\b)[ \t]*"
    rf"[*_]*(?P<c>{_NUM})"
)
# "| 468.75 | 468 |": a table's quotient cell and the count cell beside it
_CELLS = lazy_regex(
    rf"\|[ \t]*[*_]*(?P<x>\d[\d,]*\.\d+)[*_]*[ \t]*\|[ \t]*[*_]*(?P<c>{_NUM})[*_]*[ \t]*(?=\|)"
)
_COUNT_WORDS = lazy_regex(
    r"\b(?:steps?|batch(?:es)?|mini-?batch(?:es)?|iterations?|iters|updates?)\b", re.I
)
_OTHER_SETTING = lazy_regex(
    r"\b(?:would|could|if|otherwise|without|instead|default\w*|wrong\w*|mistak\w*|naive\w*"
    r"|not|vs\.?|versus|valid\w*|val|test\w*|eval\w*|inference)\b|n't\b",
    re.IGNORECASE,
)
# ... and, where the line's batch sets its own flag, the words that suppose another setting
_SUPPOSED_LINE = lazy_regex(
    r"\b(?:would|could|if|otherwise|without|instead|wrong\w*|mistak\w*|naive\w*|not|vs\.?"
    r"|versus)\b|n't\b|'d\b",
    re.IGNORECASE,
)
_FULL_ONLY = lazy_regex(r"\b(?:full|complete|whole)\b", re.IGNORECASE)


def _value(written: str) -> Fraction | None:
    """The exact value of "X" or "X / D" (a decimal as written)."""
    numbers = [n.value for n in find_numbers(written)]
    if len(numbers) == 1:
        return numbers[0]
    if len(numbers) == 2 and numbers[1] != 0:
        return numbers[0] / numbers[1]
    return None


def _drop_setting(document: LintDocument) -> bool | None:
    """The note's one drop flag (True drops the last batch); None unset or set both ways,
    or where a loader is built without it."""
    note = document.text[document.body_offset :]
    # (a flag in a clause that supposes it, "with drop_last=True it'd be 468", is no setting)
    own = [m for m in _FLAG.finditer(note) if not supposed_setting(note, m.start(), m.end())]
    values = {m["value"].lower() == "true" for m in own}
    if len(values) != 1:
        return None
    flags = len(_FLAG.findall(note))
    if len(_LOADER_CALL.findall(note)) > flags:
        return None  # another loader may keep its last batch
    return next(iter(values))


# A flag set beside its own loader's batch: "val batch 128 (`drop_last=False`)",
# "DataLoader(val_ds, batch_size=128, shuffle=False, drop_last=False)"
_BATCH_FLAG = lazy_regex(
    r"\bbatch(?:[ _]size)?`?[ \t]*[=:]?[ \t]*`?(?P<b>\d[\d,_]*)\b[^\d\n;|]{0,40}?"
    + DROP_FLAG_IS
    + r"(?P<value>True|False|true|false)\b",
    re.IGNORECASE,
)


def _batch_flags(document: LintDocument) -> dict[Fraction, bool]:
    """Each batch size the note sets its own drop flag beside (one value per batch)."""
    note = document.text[document.body_offset :]
    flags: dict[Fraction, set[bool]] = {}
    for match in _BATCH_FLAG.finditer(note):
        if supposed_setting(note, match.start("value"), match.end("value")):
            continue
        batch = next(find_numbers(note, match.start("b"), match.end("b")), None)
        if batch is not None:
            flags.setdefault(batch.value, set()).add(match["value"].lower() == "true")
    return {batch: next(iter(v)) for batch, v in flags.items() if len(v) == 1}


def _divisor(written: str) -> Fraction | None:
    numbers = [n.value for n in find_numbers(written)]
    return numbers[1] if len(numbers) == 2 else None


def _roundings(line: str) -> Iterator[tuple[re.Match[str], bool]]:
    """Each rounding written on the line, and whether it rounds up."""
    for match in _BRACKETED.finditer(line):
        yield match, match["open"].startswith(("⌈", "ceil"))
    for match in _WORDED.finditer(line):
        yield match, match["dir"].lower().endswith("up")
    for match in _FLOOR_DIVISION.finditer(line):
        yield match, False
    for match in (*_ARROWED.finditer(line), *_CELLS.finditer(line)):
        exact, count = _value(match["x"]), _value(match["c"])
        if exact is None or count not in (math.ceil(exact), math.floor(exact)):
            continue
        yield match, count == math.ceil(exact)


_DISPLAY = lazy_regex(r"[ \t]*\$\$")
_GOES_ON = lazy_regex(r"[ \t]*[a-z]")


def _sentence_after(lines: tuple[tuple[str, list[int]], ...], index: int) -> str:
    """The words that continue a display line's sentence: the next non-blank line, where it
    goes on in lower case ("batches per epoch, ...")."""
    for line, _ in lines[index + 1 :]:
        if line.strip() in ("", "$$"):
            continue
        return line if _GOES_ON.match(line) else ""
    return ""


def rounding_flag_findings(document: LintDocument) -> Iterator[Finding]:
    """Batches per epoch rounded up where the note drops the last one, or down where it keeps
    it."""
    note_drops = _drop_setting(document)
    by_batch = _batch_flags(document) if len(_FLAG.findall(document.text)) > 1 else {}
    if note_drops is None and len(set(by_batch.values())) < 2:
        return
    stated = set(stated_values(document))
    question = next((line for line, _ in body_lines(document) if line.strip()), "")
    asks_count = _COUNT_WORDS.search(question) is not None
    header = ""
    lines = body_lines(document)
    for index, (line, offsets) in enumerate(lines):
        # a table row is read with its header ("| batch | 60,000 ÷ batch | iters/epoch |")
        row = line.lstrip().startswith("|")
        header = (header or line) if row else ""
        if row and header is not line and _COUNT_WORDS.search(header):
            line_words = f"{header} {line}"
        else:
            line_words = line
        if offsets and _DISPLAY.match(document.text, document.text.rfind("\n", 0, offsets[0]) + 1):
            # display math inside a sentence: "the loader yields $$⌊1,000 / 64⌋ = 15$$
            # batches per epoch" counts by the words that go on after it
            line_words = f"{line_words} {_sentence_after(lines, index)}"
        # a line that divides by a batch whose loader sets its own flag ("val: 2,880 ÷ 128",
        # a list item answering the question's "batches per epoch?")
        own = [by_batch[n.value] for n in find_numbers(line) if n.value in by_batch]
        if not _COUNT_WORDS.search(line_words) and not (own and asks_count):
            continue
        if len(set(own)) == 1:
            drops: bool | None = own[0]
            if _SUPPOSED_LINE.search(line):
                continue
        else:
            drops = note_drops
            if drops is None or _OTHER_SETTING.search(line_words):
                continue
        if any((m["value"].lower() == "true") != drops for m in _FLAG.finditer(line)):
            continue  # the line sets the other flag: that setting's count
        for match, up in _roundings(line):
            if up != drops:
                continue  # the flag's own rounding
            divisor = _divisor(match["x"])
            if divisor is not None and divisor in by_batch and by_batch[divisor] != drops:
                continue  # another loader's batch
            if not up and _FULL_ONLY.search(line):
                continue  # "175 full batches" (plus the partial one, maybe said after)
            exact = _value(match["x"])
            claim = next(find_numbers(line, match.start("c"), match.end("c")), None)
            if exact is None or claim is None or exact.denominator == 1:
                continue
            written = Fraction(math.ceil(exact) if up else math.floor(exact))
            if claim.value != written:
                continue  # a wrong rounding is AG101's
            right = Fraction(math.floor(exact) if up else math.ceil(exact))
            if right in stated:
                continue  # the note gives the flag's count too ("with drop_last=True, 390")
            flag = "drops" if drops else "keeps"
            rounded = "rounded up" if up else "rounded down"
            symbol = "⌊{}⌋" if drops else "⌈{}⌉"
            shown_exact = re.sub(r"[()]", "", match["x"]).replace("//", "/").strip()
            yield Finding(
                offsets[match.start("c")],
                offsets[match.end("c") - 1] + 1,
                f"the note's loader {flag} the last partial batch (its drop flag), so an epoch "
                f"has {symbol.format(shown_exact)} = {format_number(right, True)} batches, not "
                f"{claim.text} ({rounded}): correct the count",
            )


# "977 steps/epoch", "977 steps per epoch", "391 batches per epoch"
_PER_EPOCH_COUNT = lazy_regex(
    rf"(?<![\w.,])(?P<c>{DIGITS_PATTERN})[ \t]*(?:steps?|iterations?|batches)[ \t]*"
    r"(?:/|per)[ \t]*epoch\b",
    re.IGNORECASE,
)


def _flag_lines_state(document: LintDocument, value: Fraction) -> bool:
    """Whether a line that sets the drop flag also states ``value`` ("with drop_last=True it
    is 390"): the note then compares the two settings."""
    for line, _ in body_lines(document):
        if _FLAG.search(line) and value in {n.value for n in find_numbers(line)}:
            return True
    return False


def dropped_count_findings(document: LintDocument) -> Iterator[Finding]:
    """Steps per epoch stated as ⌈N / B⌉ where the note's one loader drops the last batch."""
    if _drop_setting(document) is not True:
        return
    stated = stated_numbers(document)
    if any(s.roles & {ACCUMULATION, DEVICES} and s.value > 1 for s in stated):
        return  # another divisor may apply
    sizes = {s.value for s in stated if SAMPLES in s.roles}
    batches = {s.value for s in stated if BATCH in s.roles}
    if len(sizes) != 1 or len(batches) != 1:
        return
    size, batch = next(iter(sizes)), next(iter(batches))
    if batch < 2 or (size / batch).denominator == 1:
        return
    kept, dropped = Fraction(math.ceil(size / batch)), Fraction(math.floor(size / batch))
    if _flag_lines_state(document, dropped):
        return
    for line, offsets in body_lines(document):
        if _OTHER_SETTING.search(line):
            continue
        for match in _PER_EPOCH_COUNT.finditer(line):
            claim = next(find_numbers(line, match.start("c"), match.end("c")), None)
            if claim is None or claim.value != kept:
                continue
            yield Finding(
                offsets[match.start("c")],
                offsets[match.end("c") - 1] + 1,
                f"the note's loader drops the last partial batch (its drop flag), so an epoch "
                f"has ⌊{format_number(size, True)} / {format_number(batch, True)}⌋ = "
                f"{format_number(dropped, True)} steps, not {claim.text} (the partial batch "
                f"counted): correct the count",
            )
