"""The inputs a note states for a training run, as ``Quantity`` nodes with a role (issue #12,
generalisation study §6.5 step 1): the numbers the inventory does not take for claims because
their label names a setting or a data size ("a batch size of 32", "50,000 images", "10
epochs", "4 GPUs", "5-fold", "20 % for validation", ``batch_size=32``).

Version 1 reads the roles of a training run only (data size, batch, epochs, devices,
accumulation), the set-up a steps claim needs; conv and layer settings are still the layer
readers'. A quantity's role comes from the words the note writes beside it, never from its
value; a number written as the result of a relation ("= 128") is no input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from ankigen.lint import stage_trace
from ankigen.lint.arith.epoch_accumulation import UPDATE_RHYTHM_AFTER, UPDATE_RHYTHM_BEFORE
from ankigen.lint.arith.quantities import SMALL_NUMBER_WORDS
from ankigen.lint.claims.flat import Flat, flatten, numbers
from ankigen.lint.claims.prose import prose_units
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex


class Role(StrEnum):
    """What an input of a training run is."""

    DATA = "data"  # the samples one epoch passes over
    BATCH = "batch"  # samples per step (per device or global: the words do not always say)
    EPOCHS = "epochs"
    FOLDS = "folds"  # k-fold cross-validation: each epoch trains on (k - 1) / k of the data
    SHARE = "share"  # a fraction held out or kept: validation_split=0.2, "10% for validation"
    DEVICES = "devices"  # GPUs, replicas, processes sharing the batch
    ACCUMULATION = "accumulation"  # micro-batches per optimizer step
    WINDOW = "window"  # the length of a sliding window over one long series
    HOP = "hop"  # the step between two windows' starts (hop, stride)


@dataclass(frozen=True)
class Quantity:
    """One stated input: file offsets, 1-based file line, exact value, the words that gave it
    its role, and the role."""

    start: int
    end: int
    line: int
    value: Fraction
    label: str
    role: Role
    # the role was guessed, not named: a symbol's usual letter ("$B = 64$") or a plural noun
    # that is no known sample noun ("10,001 peaks"); a finding that needs it is a warning
    guessed: bool = False
    # read from a table cell under a column header that names the role ("| batch size |"):
    # the value of its row only, no setting of the note
    column: bool = False


# The words right after a number that give it a role: "50,000 images", "10 epochs", "4 GPUs".
_NOUN_AFTER: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (
        Role.DATA,
        lazy_regex(
            # one word may qualify the noun: "training images", "MRI slices"
            r"[ \t]*(?:[A-Za-z][\w-]*[ \t]+)?"
            r"(?:samples|examples|images|pictures|photos|clips|utterances|utts|recordings"
            r"|sentences|documents|sequences|records|rows|reviews|pairs|frames|patients"
            r"|scans|volumes|slices|tiles|crops|windows)\b(?![ \t]*(?:per|each|every|/)\b)"
            # "2048 rows on every GPU": one device's share, no data set
            r"(?![ \t]+(?:on|for|from)[ \t]+(?:each|every)\b)",
            re.I,
        ),
    ),
    (Role.EPOCHS, lazy_regex(r"[ \t]*(?:full[ \t]+|training[ \t]+)?epochs\b", re.I)),
    (Role.FOLDS, lazy_regex(r"(?:[ \t]*folds\b|-fold\b)", re.I)),
    (
        Role.SHARE,
        lazy_regex(
            r"[ \t]*%[ \t]+(?:(?:of[ \t]+the[ \t]+\w+|is|are|goes?|kept|held)[ \t]+)?"
            r"(?:for[ \t]+|as[ \t]+)?(?:validation|val|test|held[ -]out|hold-?out|dev)\b",
            re.I,
        ),
    ),
    (
        Role.DEVICES,
        lazy_regex(
            # (a count hyphened to its device names the run's size: "a 64-GPU run")
            r"-(?:GPU|TPU|device|replica)\b"
            r"|[ \t]*(?:(?:GPUs|TPUs|(?:TPU[ \t]+|GPU[ \t]+)?cores|devices|replicas|accelerators"
            r"|ranks|workers|training[ \t]+processes)\b"
            r"|processes[ \t]+\(one[ \t]+per[ \t]+(?:GPU|device)\))",
            re.I,
        ),
    ),
    (
        Role.ACCUMULATION,
        lazy_regex(
            r"[ \t]*(?:gradient[ \t]+|grad[ \t]+)?accumulation[ \t]+steps\b"
            r"|[ \t]*accumulated[ \t]+(?:micro-?|mini-?)?batches\b"
            r"|[ \t]*(?:micro-?batches)[ \t]+(?:per|each)[ \t]+(?:optimi[sz]er[ \t]+)?"
            r"(?:step|update)\b",
            re.I,
        ),
    ),
)

# The words right before a number that give it a role: "a batch size of 32", "batch = 64",
# "epochs: 10", "accumulating 4". Only a name and its connective: a longer phrase describes.
# A symbol may stand between the name and its value: "batch size $B = 64$", "micro-batch B_mb = 8".
_CONNECTIVE = (
    r"(?:[ \t]+[A-Za-z](?:_\(?\w{1,8}\)?)?[ \t]*="
    r"|[ \t]*(?:of|is|was|=|:|to|at|set[ \t]+to|\u2192)?)[ \t]*$"
)
_NAME_BEFORE: tuple[tuple[Role, re.Pattern[str]], ...] = tuple(
    (role, lazy_regex(rf"(?<![\w-])(?:{names}){_CONNECTIVE}", re.I))
    for role, names in (
        (
            Role.BATCH,
            r"(?:(?:mini|micro)-?)?batch(?:[ \t_-]*size)?(?:[ \t]+per[ \t]+(?:GPU|device|step))?|bs"
            r"|(?:(?:mini|micro)-?)?batches[ \t]+of"
            r"|per_device_(?:train_)?batch_size",
        ),
        (Role.EPOCHS, r"(?:num[ \t_]+|n[ \t_]+|max[ \t_]+|num_train_)?epochs"),
        (Role.SHARE, r"validation_split|val(?:idation)?[ \t_]+(?:split|fraction)"),
        (Role.DEVICES, r"world[ \t_]+size|num[ \t_]+(?:gpus|devices|replicas)"),
        (
            Role.ACCUMULATION,
            r"(?:gradient[ \t_]+|grad[ \t_]+)?accum(?:ulation|ulated?|ulates|ulating)?"
            r"(?:[ \t]+(?:the[ \t]+)?(?:gradients?|losses))?(?:[ \t_]+steps)?"
            r"(?:[ \t]+(?:over|for|across|every))?|accumulate_grad_batches",
        ),
        # a sliding window over one long series: "windows of length 200", "hop 100"
        (
            Role.WINDOW,
            r"windows?[ \t]+of[ \t]+(?:length|size)|window[ \t_-]*(?:length|size|len)"
            r"|win_len",
        ),
        (Role.HOP, r"(?:with[ \t]+(?:a[ \t]+)?)?(?:hop|stride)(?:[ \t_-]*(?:length|size))?"),
    )
)
# A symbol alone before its value takes the role of its usual letter: "Let $B = 64$",
# "$N_{train} = 9{,}000$", "$E = 30$" (a guess: the note's words do not name it).
_LETTER_BEFORE = lazy_regex(r"(?:^|[\s(,;])(?P<letter>[NBE])(?:_\(?\w{1,8}\)?)?[ \t]*=[ \t]*$")
_LETTER_ROLES = {"N": Role.DATA, "B": Role.BATCH, "E": Role.EPOCHS}
# Any plural noun after a count may name what the data set counts ("10,001 ChIP-seq peaks"),
# one qualifying word allowed; it is read as data only beside a stated batch, and as a guess.
_LOOSE_NOUN = lazy_regex(
    r"[ \t]+(?:[A-Za-z][\w-]*[ \t]+)?(?P<noun>[a-z]+(?:-[a-z]+)?s)\b"
    r"(?![ \t]*(?:per|each|every|/|of)\b)"
)
# A count in words: "Four epochs over 6,400 tweets", "on two GPUs", "three folds".
# ("one" stays out: the count reads plural nouns, which "one" never comes before)
_WORD_VALUES = {
    **{word: value for word, value in SMALL_NUMBER_WORDS.items() if word != "one"},
    "twelve": 12,
    "twenty": 20,
}
_WORD_ROLES = {"epochs": Role.EPOCHS, "gpus": Role.DEVICES, "folds": Role.FOLDS}
_WORD_COUNT = lazy_regex(
    rf"\b(?P<n>{'|'.join(_WORD_VALUES)})[ \t]+"
    r"(?:(?:full|training)[ \t]+)?(?P<noun>epochs|GPUs|folds)\b",
    re.I,
)
# A split written as two shares: "split 80/20 into training and validation", "a 90/10 split".
# The shares may carry "%", and a third share may follow: "split 90 % / 10 %", "split
# 80/10/10 into train/dev/test" (the training part is the first; the rest is held out).
_SPLIT = lazy_regex(
    r"\bsplit[ \t]+(?:of[ \t]+)?(?P<a>\d{1,2})[ \t]*%?[ \t]*/[ \t]*(?P<b>\d{1,2})\b"
    r"(?![ \t]*%?[ \t]*/)"
    r"(?:[ \t]*%)?"
    r"|\bsplit[ \t]+(?:of[ \t]+)?(?P<e>\d{1,2})[ \t]*%?[ \t]*/[ \t]*(?P<f>\d{1,2})[ \t]*%?[ \t]*/"
    r"[ \t]*(?P<g>\d{1,2})\b(?:[ \t]*%)?"
    r"|\b(?P<c>\d{1,2})[ \t]*/[ \t]*(?P<d>\d{1,2})[ \t]+(?:train[ \t/-]*\w*[ \t]+)?split\b",
    re.I,
)

# A keyword or a config key in code: ``batch_size=32``, ``"num_epochs": 10``.
_CODE_SETTING = lazy_regex(
    r"(?<![\w.])[\"']?(?P<name>(?:per_device_(?:train_)?)?batch_size|epochs|num_epochs|n_epochs"
    r"|max_epochs|num_train_epochs|gradient_accumulation_steps|accumulate_grad_batches"
    r"|world_size|num_gpus|devices|validation_split"
    r"|num_samples|n_samples|dataset_size|train_size|n_train|num_train(?:_samples|_examples)?)"
    r"[\"']?[ \t]*[=:][ \t]*"
    r"(?P<value>\d[\d_]*(?:\.\d+)?)(?![\w.])"
)
_KEYWORD_BEFORE = lazy_regex(
    r"(?<![\w.])[\"']?(?P<name>(?:per_device_(?:train_)?)?batch_size|num_epochs|n_epochs"
    r"|max_epochs|num_train_epochs|gradient_accumulation_steps|accumulate_grad_batches"
    r"|world_size|num_gpus|devices|validation_split"
    r"|num_samples|n_samples|dataset_size|train_size|n_train|num_train(?:_samples|_examples)?)"
    r"[\"']?[ \t]*=[ \t]*$"
)
_CODE_ROLES = {
    "batch_size": Role.BATCH,
    "per_device_batch_size": Role.BATCH,
    "per_device_train_batch_size": Role.BATCH,
    "epochs": Role.EPOCHS,
    "num_epochs": Role.EPOCHS,
    "n_epochs": Role.EPOCHS,
    "max_epochs": Role.EPOCHS,
    "num_train_epochs": Role.EPOCHS,
    "gradient_accumulation_steps": Role.ACCUMULATION,
    "accumulate_grad_batches": Role.ACCUMULATION,
    "world_size": Role.DEVICES,
    "num_gpus": Role.DEVICES,
    "devices": Role.DEVICES,
    "validation_split": Role.SHARE,
    **dict.fromkeys(
        (
            "num_samples",
            "n_samples",
            "dataset_size",
            "train_size",
            "n_train",
            "num_train",
            "num_train_samples",
            "num_train_examples",
        ),
        Role.DATA,
    ),
}
# Where the words before a number may start: a clause mark, a list marker, a table bar.
# (a comma between digit groups is no clause mark: "10,000")
_CLAUSE_MARK = lazy_regex(
    r".*(?:[;!?(\[|]|[.,](?!\d)|\band\b|\bwith\b|^[ \t]*(?:[-*+]|\d+[.)])[ \t])"
)
# How far back the words before a number are read: its clause, at most this many characters.
# A set-up names a value within a few words of it; reading a whole paragraph back for every
# number would make a long paragraph cost the square of its length (session 23's revert).
_REACH = 240


def _reach(start: int) -> int:
    """Where the words before ``start`` may begin at the earliest."""
    return max(0, start - _REACH)


def _lead(text: str, start: int) -> str:
    """The words of the number's own clause before it (after its last clause mark), within
    the reach."""
    reach = _reach(start)
    cut = _CLAUSE_MARK.match(text, reach, start)
    return text[cut.end() if cut else reach : start]


def quantities(document: LintDocument) -> tuple[Quantity, ...]:
    """The note's stated inputs of a training run, in file order."""
    return document.memo("claim-quantities", lambda: _traced(document))


def _traced(document: LintDocument) -> tuple[Quantity, ...]:
    found = tuple(sorted(_quantities(document), key=_at))
    if stage_trace.on() and {Role.DATA, Role.BATCH} <= {q.role for q in found}:
        for quantity in found:  # a training run's data and batch: a set-up of the epochs
            if quantity.role in (Role.DATA, Role.BATCH):
                stage_trace.record("setup", stage_trace.EPOCHS, quantity.start, document=document)
    return found


def _at(quantity: Quantity) -> tuple[int, int]:
    return quantity.start, quantity.end


def _quantities(document: LintDocument) -> Iterator[Quantity]:
    seen: set[int] = set()
    for found in [*_prose_quantities(document), *_code_quantities(document)]:
        if found.start in seen:
            continue
        seen.add(found.start)
        yield found


def _prose_quantities(document: LintDocument) -> Iterator[Quantity]:
    columns = _column_roles(document)
    for unit in prose_units(document):
        flat = flatten(document.text, unit.start, unit.end)
        header = columns.get(unit.line)
        if header is not None:
            yield from _column_quantities(document, flat, header)
            continue
        row = _ROW_NAME.match(flat.text)
        if row is not None:
            yield from _row_quantities(document, flat, row)
            continue
        found: list[Quantity] = []
        loose: list[Quantity] = []
        for token in numbers(flat):
            if token.value <= 0:
                continue
            if _IN_NAME.search(flat.text, _reach(token.start), token.start):
                continue  # "CIFAR-10", "ResNet-50", "v3-8": part of a name, no count
            read = (
                _role(flat.text, token.start, token.end)
                or _keyword(flat.text, token.start)
                or _batch_call(flat.text, token.start)
            )
            guessed = False
            if read is None:
                read, guessed = _guessed_role(flat.text, token.start, token.end), True
            if read is None or (token.value.denominator != 1 and read[0] is not Role.SHARE):
                continue  # a count of samples, steps or devices is a whole number
            role, label = read
            start, end = flat.file_span(token.start, token.end)
            line = document.position(start)[0]
            # ("24 x 4 accumulation steps" is the micro-batch times the factor: no product)
            times = role in (Role.DATA, Role.DEVICES)
            value = token.value * (_times_factor(flat.text, token.start) if times else 1)
            quantity = Quantity(start, end, line, value, label.strip(), role, guessed)
            (loose if guessed and role is Role.DATA else found).append(quantity)
        yield from found
        if any(q.role is Role.BATCH for q in found):
            yield from loose  # "10,001 peaks, batch size 32": a set-up names its data first
        for word in _WORD_COUNT.finditer(flat.text):
            start, end = flat.file_span(*word.span("n"))
            value = Fraction(_WORD_VALUES[word["n"].lower()])
            role = _WORD_ROLES[word["noun"].lower()]
            yield Quantity(start, end, document.position(start)[0], value, word[0], role)
        for split in _SPLIT.finditer(flat.text):
            kept = split.group("a") or split.group("c") or split.group("e")
            if split.group("e"):  # three shares: all but the first are held out
                parts = int(split.group("f")) + int(split.group("g"))
                held = str(parts) if int(kept) + parts == 100 else "0"
            else:
                held = split.group("b") or split.group("d")
            if int(held) + int(kept) == 100:
                start, end = flat.file_span(*split.span())
                line = document.position(start)[0]
                yield Quantity(start, end, line, Fraction(int(held)), split[0], Role.SHARE)


# A table row named by a setting in its first cell: "| batch size | 32 | 64 |".
_ROW_NAME = lazy_regex(r"[ \t]*\|(?P<name>[^|\d]+)\|(?=[^|]*\d)")
_ROW_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (Role.BATCH, lazy_regex(r"(?:(?:mini|micro)-?)?batch(?:[ _-]?size)?|B", re.I)),
    (
        Role.DATA,
        lazy_regex(
            r"(?:training[ \t]+)?(?:samples|examples|images|data(?:[ \t]*set)?[ \t]+size"
            r"|dataset[ \t]+size|N|N_train)",
            re.I,
        ),
    ),
    (Role.EPOCHS, lazy_regex(r"(?:number[ \t]+of[ \t]+|num[ _])?epochs|E", re.I)),
    (
        Role.DEVICES,
        lazy_regex(
            r"(?:number[ \t]+of[ \t]+|num[ _])?(?:GPUs|devices|replicas)|world[ _]size", re.I
        ),
    ),
    (
        Role.ACCUMULATION,
        lazy_regex(
            r"(?:gradient[ \t_]+|grad[ \t_]+)?accumulation(?:[ \t_]+steps)?"
            r"|accumulate_grad_batches|gradient_accumulation_steps",
            re.I,
        ),
    ),
    (Role.FOLDS, lazy_regex(r"(?:number[ \t]+of[ \t]+)?folds|k", re.I)),
)


def _column_roles(document: LintDocument) -> dict[int, list[Role | None]]:
    """For each body row of a table whose header names a role in one of its columns ("| batch
    size | iterations / epoch |", "| utts | batch | steps |"), the role of each column; found
    in one pass over the note's lines."""
    found: dict[int, list[Role | None]] = {}
    lines = document.text.split("\n")
    first = document.position(document.body_offset)[0]
    roles: list[Role | None] | None = None
    for number in range(first, len(lines) + 1):
        line = lines[number - 1]
        if not _TABLE_LINE.match(line):
            roles = None
            continue
        if roles is not None and not _RULE_LINE.match(line):
            found[number] = roles
        elif number < len(lines) and _RULE_LINE.match(lines[number]):
            cells = line.strip().strip("|").split("|")
            named = [_column_role(cell) for cell in cells]
            # (a column of drop flags gives each row a convention of its own: not modelled)
            flags = any(
                _FLAG_COLUMN.search(cell) or (role is None and _SETTING_COLUMN.search(cell))
                for cell, role in zip(cells, named, strict=True)
            )
            roles = named if any(named) and not flags else None
    return found


_TABLE_LINE = lazy_regex(r"[ \t]*\|")
_FLAG_COLUMN = lazy_regex(r"\bdrop|remainder|\blast\b|partial", re.I)
# a setting of each row that no role reads: the rows' set-ups are incomplete
_SETTING_COLUMN = lazy_regex(r"accum|GPU|device|replica|node|warm|world|shard", re.I)
_RULE_LINE = lazy_regex(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
# A column of data sizes: a sample noun, maybe after one qualifying word ("train patients")
_DATA_COLUMN = lazy_regex(
    r"(?:(?!(?:val|valid|validation|test|held-out|heldout|dev|eval)\b)[A-Za-z]+[ \t]+)?"
    r"(?:samples|examples|images|clips|utterances|utts|recordings|sentences"
    r"|documents|sequences|records|rows|reviews|pairs|frames|patients|scans|volumes|slices"
    r"|windows)|N|N_train|data(?:[ \t]*set)?[ \t]+size",
    re.I,
)
_COLUMN_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (
        Role.BATCH,
        lazy_regex(r"(?:(?:mini|micro)-?)?batch(?:[ _-]?size)?(?:[ \t]+B)?|B|bs", re.I),
    ),
    (Role.DATA, _DATA_COLUMN),
    (Role.EPOCHS, lazy_regex(r"(?:number[ \t]+of[ \t]+|num[ _])?epochs|E", re.I)),
    (
        Role.DEVICES,
        lazy_regex(r"(?:number[ \t]+of[ \t]+|num[ _])?(?:GPUs|devices|replicas)", re.I),
    ),
    (
        Role.ACCUMULATION,
        lazy_regex(
            r"(?:gradient[ \t_]+|grad[ \t_]+)?(?:accumulat(?:e|ion|ed)|accum)(?:[ \t_]+steps)?"
            r"|accumulate_grad_batches|gradient_accumulation_steps",
            re.I,
        ),
    ),
)


def _column_role(cell: str) -> Role | None:
    name = re.sub(r"[*_`$\\]|\{|\}", "", cell).strip()
    return next((role for role, pattern in _COLUMN_ROLES if pattern.fullmatch(name)), None)


def _column_quantities(
    document: LintDocument, flat: Flat, roles: list[Role | None]
) -> Iterator[Quantity]:
    """Each plain number of a table row in a column whose header names its role."""
    cells = list(re.finditer(r"(?<=\|)([^|]*)", flat.text))
    if cells and not flat.text.lstrip().startswith("|"):
        cells = cells[1:]
    for role, cell in zip(roles, cells, strict=False):
        if role is None or not re.fullmatch(r"[ \t*_]*[\d,._]+[ \t*_]*", cell[1]):
            continue
        tokens = [t for t in numbers(flatten_view(cell[1])) if t.value > 0]
        if len(tokens) != 1 or tokens[0].value.denominator != 1:
            continue
        start, end = flat.file_span(cell.start(1) + tokens[0].start, cell.start(1) + tokens[0].end)
        line = document.position(start)[0]
        yield Quantity(start, end, line, tokens[0].value, "column", role, column=True)


def _row_quantities(document: LintDocument, flat: Flat, row: re.Match[str]) -> Iterator[Quantity]:
    """Each number of a row whose first cell names its role, cell by cell ("| samples |
    10,000 | 10,000 |"): a plain value, not a formula."""
    name = row["name"].strip().strip("*_ ")
    role = next((r for r, pattern in _ROW_ROLES if pattern.fullmatch(name)), None)
    if role is None:
        return
    for cell in re.finditer(r"\|([^|]*)", flat.text[row.end() - 1 :]):
        tokens = [t for t in numbers(flatten_view(cell[1])) if t.value > 0]
        if len(tokens) != 1 or not re.fullmatch(r"[ \t*_]*[\d,._]+[ \t*_]*", cell[1]):
            continue
        offset = row.end() - 1 + cell.start(1)
        start, end = flat.file_span(offset + tokens[0].start, offset + tokens[0].end)
        line = document.position(start)[0]
        yield Quantity(start, end, line, tokens[0].value, name, role)


def _guessed_role(text: str, start: int, end: int) -> tuple[Role, str] | None:
    """A role no name gives: a symbol's usual letter before the number, or a plural noun after
    it that is no known count of something else (read as data only beside a batch)."""
    reach = _reach(start)
    if _OPERATOR.match(text, end) or _RESULT.search(text, reach, start):
        return None
    factor = _FACTOR_BEFORE.search(text, reach, start)
    if factor is not None and _DEVICE_NOUN.fullmatch(factor["noun"] or ""):
        return None
    if _LEFTOVER.search(_lead(text, start)):
        return None  # "the last one holding 50 pages"
    letter = _LETTER_BEFORE.search(text, reach, start)
    if letter is not None and not _NOUN_AFTER_ANY.match(text, end):
        return _LETTER_ROLES[letter["letter"]], letter[0]
    noun = _LOOSE_NOUN.match(text, end)
    if noun is not None and not _batch_of(text, start) and not _not_samples(noun["noun"]):
        if _FACTOR.match(text, noun.end()):
            return None
        return Role.DATA, noun[0]
    return None


# "B = 64 px", "N = 12 layers": a noun after the value names what it counts, not the letter
_NOUN_AFTER_ANY = lazy_regex(
    r"[ \t]*(?!(?:and|or|for|with|per|in|on|at|to|the|a|an|is|are|so|then|but|each|every)\b)"
    r"[A-Za-z]",
    re.I,
)


def flatten_view(text: str) -> Flat:
    """A short text as the reader sees it (a table cell)."""
    return flatten(text, 0, len(text))


def _not_samples(noun: str) -> bool:
    from ankigen.lint.arith.epochs import NOT_SAMPLES

    return re.fullmatch(NOT_SAMPLES, noun.lower()) is not None


# A number glued to a word, or to a word and a hyphen, names a thing: "CIFAR-10", "GPT-2".
_IN_NAME = lazy_regex(r"[A-Za-z]-?$")


def _batch_call(text: str, start: int) -> tuple[Role, str] | None:
    """The batch of a ``tf.data`` call in the prose: "``batch(128, drop_remainder=True)``"."""
    match = _BATCH_CALL.search(text, max(0, start - 24), start)
    return None if match is None else (Role.BATCH, match[0])


_BATCH_CALL = lazy_regex(r"(?<![\w])\.?batch\([ \t]*(?:batch_size[ \t]*=[ \t]*)?$")


def _keyword(text: str, start: int) -> tuple[Role, str] | None:
    """A code keyword in the prose (inline code loses its ticks in the view):
    "``Trainer(devices=4)``", "``num_samples=5000``"."""
    match = _KEYWORD_BEFORE.search(text, _reach(start), start)
    return None if match is None else (_CODE_ROLES[match["name"]], match["name"])


def _role(text: str, start: int, end: int) -> tuple[Role, str] | None:
    """The role the words beside ``text[start:end]`` give it: a noun after it first ("32
    images" is data even after "batch of"), else a name and connective before it."""
    if _OPERATOR.match(text, end):
        return None  # an operand of a calculation or a shape, not a stated input
    factor = _FACTOR_BEFORE.search(text, _reach(start), start)
    if factor is not None and _DEVICE_NOUN.fullmatch(factor["noun"] or ""):
        return None  # "4 GPUs x 16 images": one device's share, no data set
    lead = _lead(text, start)
    if _RESULT.search(lead):
        return _product_of_samples(text, lead, end)
    if _LEFTOVER.search(lead):
        return None
    if _ANNOTATES.search(text, max(0, start - 40), start):
        return None  # "⌊10,000 / 128⌋ = 78 (9,984 rows)": what the 78 batches hold
    rhythm = UPDATE_RHYTHM_AFTER.match(text, end)
    # (the call's brackets end the clause for ``_lead``: the rhythm reads across them)
    if rhythm is not None and UPDATE_RHYTHM_BEFORE.search(text, _reach(start), start):
        return Role.ACCUMULATION, rhythm.group(0)  # "`optimizer.step()` once every 4 batches"
    for role, pattern in _NOUN_AFTER:
        match = pattern.match(text, end)
        if match is not None and not _batch_of(text, start):
            if role is Role.DATA and _FACTOR.match(text, match.end()):
                return None  # "512 sequences x 1,024 tokens": a factor of another count
            return role, match.group(0)
    for role, pattern in _NAME_BEFORE:
        match = pattern.search(lead)
        if match is not None:
            if role is not Role.ACCUMULATION and _COUNT_AFTER.match(text, end):
                return None  # "8 epochs = 6,000 steps": a count of another kind
            return role, match.group(0)
    return None if _batch_of(text, start) else _shared_noun(text, end)


# Two parts of a data set sharing one noun: "60,000 training and 10,000 test images": the
# first count takes the second's role.
_SHARED = lazy_regex(
    r"[ \t]+(?:training|train|test|testing|validation|val|dev|held-out|labell?ed"
    r"|unlabell?ed)[ \t]+(?:and|or)[ \t]+"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?![\d,.])",
    re.I,
)


def _shared_noun(text: str, end: int) -> tuple[Role, str] | None:
    """The data role of the count after "and", when its noun is the first count's too."""
    match = _SHARED.match(text, end)
    if match is None:
        return None
    data = _NOUN_AFTER[0][1].match(text, match.end())
    return None if data is None else (Role.DATA, data[0])


_COUNT_AFTER = lazy_regex(
    r"[ \t]*(?:(?:optimi[sz]er|training|gradient|weight)[ \t]+)?"
    r"(?:steps|iterations|iters|updates|checkpoints|evaluations)\b",
    re.I,
)


# A count times this one: "2 nodes x 8 GPUs" (16 devices), "2 lidars x 15,000 sweeps".
_FACTOR_BEFORE = lazy_regex(
    r"(?<![\w.,])(?P<factor>\d{1,3})[ \t]*(?P<noun>[A-Za-z][\w-]*)?[ \t]*[\u00d7x*][ \t]*$"
)
_DEVICE_NOUN = lazy_regex(r"GPUs?|TPUs?|devices?|replicas?|ranks?|workers?|processes", re.I)


def _times_factor(text: str, start: int) -> Fraction:
    """The count this one is multiplied by, where a product states the whole ("2 nodes x 8
    GPUs" is 16 GPUs); 1 where none stands before it."""
    factor = _FACTOR_BEFORE.search(text, _reach(start), start)
    return Fraction(1) if factor is None else Fraction(int(factor["factor"]))


# "891 rows / 5 folds" still states the data; "512 sequences x 1,024 tokens" counts tokens.
_FACTOR = lazy_regex(r"[ \t]*(?:[\u00d7*\u00b7]|x[ \t]*\d)")
_OPERATOR = lazy_regex(r"[ \t]*(?:[\u00d7*/\u00b7\u00f7]|x[ \t]*\d)")
_RESULT = lazy_regex(
    r"[\w)][ \t]*(?:[+\u00d7*/\u00b7\u00f7^\u2212]|[ \t]-[ \t])[ \t]*[\d(][^=\u2248\u2192\n]*"
    r"(?:=|\u2248|\u2192|->)[ \t*_]*$"
)
# The leftover of an epoch, not its batch: "the last batch of 80 images", "a final batch of 16".
_LEFTOVER = lazy_regex(
    r"\b(?:last|final|remaining|partial|smaller|short|incomplete|leftover)[ \t]+"
    r"(?:(?:mini-?)?batch|one[ \t]+(?:holding|holds|has|with|of))"
    # "15 full batches (960 samples) and one batch of 40": the full ones' share, the leftover
    r"|\b(?:full|complete|whole)[ \t]+(?:(?:mini-?)?batches|ones)[ \t]*"
    r"(?:\(|(?:use|hold|cover|take|contain|account[ \t]+for|make[ \t]+up)\b)[ \t]*$"
    r"|^[ \t]*one[ \t]+(?:extra[ \t]+|more[ \t]+|partial[ \t]+)?batch[ \t]+of[ \t]*$",
    re.I,
)


def _product_of_samples(text: str, lead: str, end: int) -> tuple[Role, str] | None:
    """The data size a product states as its result, named by a sample noun after it: "250
    demos x 200 timesteps = 50,000 (obs, action) pairs", "4 x 2,400 = 9,600 clips" (a
    division's or a sum's result is no data set: "12,000 / 32 = 375 batches")."""
    if not _PRODUCT_ONLY.fullmatch(_RESULT.search(lead)[0]):  # type: ignore[index]
        return None
    window = text[max(0, end - len(lead) - 160) : end]
    if _SETUP_WORDS.search(window[window.rfind("\n") + 1 :]):
        return None  # "Effective batch = 4 x 8 x 4 = 128 sequences", "156 full batches · 64
        # = 9,984 samples", "8 GPUs ...: 8 x 16 x 4 = 512": a batch's worth, no data set
    noun = _QUALIFIED_NOUN.match(text, end)
    data = _NOUN_AFTER[0][1].match(text, noun.end() if noun else end)
    if data is None or _FACTOR.match(text, data.end()):
        return None
    return Role.DATA, data[0]


_SETUP_WORDS = lazy_regex(
    r"\b(?:(?:mini-?|micro-?)?batch(?:es)?|GPUs?|devices?|replicas?|accumulat\w*)\b", re.I
)
# A product's operands and its relation, no other operator: "200 timesteps x 250 = "
_PRODUCT_ONLY = lazy_regex(r"[^=\u2248\u2192/+\u00f7^\u2212-]*(?:=|\u2248|\u2192)[ \t*_]*")
# A qualifier in brackets between a count and its noun: "50,000 (obs, action) pairs"
_QUALIFIED_NOUN = lazy_regex(r"[ \t]*\([^()\n]{1,40}\)(?=[ \t]+[A-Za-z])")


# A parenthesis right after a result: it annotates that count ("= 78 (9,984 rows)").
_ANNOTATES = lazy_regex(r"(?:=|\u2248|\u2192)[ \t*_]*\d[\d,.]*[ \t*_]*\([ \t]*$")


def _batch_of(text: str, start: int) -> bool:
    """ "a batch of 32 images": the images count one batch, not the data."""
    return _BATCH_OF.search(text, _reach(start), start) is not None


_BATCH_OF = lazy_regex(r"batch(?:es)?[ \t]+of[ \t]*$", re.I)


def _code_quantities(document: LintDocument) -> Iterator[Quantity]:
    for block in document.code_blocks:
        first = document.offset_of_line(block.first_line)
        last = document.offset_of_line(block.first_line + block.code.count("\n"))
        for match in _CODE_SETTING.finditer(document.text, first, last):
            start, end = match.span("value")
            value = Fraction(match.group("value").replace("_", ""))
            if value <= 0:
                continue
            name = match.group("name")
            yield Quantity(start, end, document.position(start)[0], value, name, _CODE_ROLES[name])
        yield from _assigned(document, first, last)


# A line of code that assigns whole numbers to names: ``bs = 512``, ``N, B, A = 25_600, 16, 8``.
_ASSIGNMENT = lazy_regex(
    r"^[ \t]*(?P<names>[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*=[ \t]*"
    r"(?P<values>\d[\d_]*(?:[ \t]*,[ \t]*\d[\d_]*)*)[ \t]*(?:#.*)?$",
    re.M,
)
# Short names by the usual letter or abbreviation: a guess, as in prose.
_ASSIGNED_ROLES = {
    "n": Role.DATA,
    "bs": Role.BATCH,
    "b": Role.BATCH,
    "batch": Role.BATCH,
    "e": Role.EPOCHS,
    "a": Role.ACCUMULATION,
    "accum": Role.ACCUMULATION,
    "grad_accum": Role.ACCUMULATION,
    # one device's or one forward pass's batch, before devices or accumulation multiply it
    "micro_batch": Role.BATCH,
    "micro_bs": Role.BATCH,
    "per_device": Role.BATCH,
    "per_gpu": Role.BATCH,
    "n_gpus": Role.DEVICES,
    "gpus": Role.DEVICES,
}
# A count of samples named by its noun: ``n_utts``, ``num_rows``, ``n_train_images``.
_COUNT_NAME = lazy_regex(
    r"(?:n|num)_(?:train_)?(?:samples|examples|images|imgs|utts|utterances|clips|rows|records"
    r"|sequences|seqs|docs|documents|frames|slices|pairs|items)",
    re.I,
)


def _assigned(document: LintDocument, first: int, last: int) -> Iterator[Quantity]:
    for match in _ASSIGNMENT.finditer(document.text, first, last):
        names = [name.strip() for name in match["names"].split(",")]
        values = list(re.finditer(r"\d[\d_]*", match["values"]))
        if len(names) != len(values):
            continue
        for name, value in zip(names, values, strict=True):
            role = _CODE_ROLES.get(name) or _ASSIGNED_ROLES.get(name.lower())
            if role is None and _COUNT_NAME.fullmatch(name):
                role = Role.DATA
            amount = Fraction(value[0].replace("_", ""))
            if role is None or amount <= 0:
                continue
            start = match.start("values") + value.start()
            end = start + len(value[0])
            guessed = name not in _CODE_ROLES
            line = document.position(start)[0]
            yield Quantity(start, end, line, amount, name, role, guessed)
