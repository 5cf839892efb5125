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

from ankigen.lint.claims.flat import flatten, numbers
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


# The words right after a number that give it a role: "50,000 images", "10 epochs", "4 GPUs".
_NOUN_AFTER: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (
        Role.DATA,
        lazy_regex(
            # one word may qualify the noun: "training images", "MRI slices"
            r"[ \t]*(?:[A-Za-z][\w-]*[ \t]+)?"
            r"(?:samples|examples|images|pictures|photos|clips|utterances|utts|recordings"
            r"|sentences|documents|sequences|records|rows|reviews|pairs|frames|patients"
            r"|scans|volumes|slices|tiles|crops|windows)\b(?![ \t]*(?:per|each|every|/)\b)",
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
        lazy_regex(r"[ \t]*(?:GPUs|TPUs|TPU[ \t]+cores|devices|replicas|accelerators)\b", re.I),
    ),
    (
        Role.ACCUMULATION,
        lazy_regex(
            r"[ \t]*(?:gradient[ \t]+|grad[ \t]+)?accumulation[ \t]+steps\b"
            r"|[ \t]*(?:micro-?batches)[ \t]+(?:per|each)[ \t]+(?:optimi[sz]er[ \t]+)?"
            r"(?:step|update)\b",
            re.I,
        ),
    ),
)

# The words right before a number that give it a role: "a batch size of 32", "batch = 64",
# "epochs: 10", "accumulating 4". Only a name and its connective: a longer phrase describes.
_CONNECTIVE = r"[ \t]*(?:of|is|was|=|:|to|at|set[ \t]+to|\u2192)?[ \t]*$"
_NAME_BEFORE: tuple[tuple[Role, re.Pattern[str]], ...] = tuple(
    (role, lazy_regex(rf"(?<![\w-])(?:{names}){_CONNECTIVE}", re.I))
    for role, names in (
        (
            Role.BATCH,
            r"(?:(?:mini|micro)-?)?batch(?:[ \t_-]*size)?(?:[ \t]+per[ \t]+(?:GPU|device))?|bs"
            r"|per_device_(?:train_)?batch_size",
        ),
        (Role.EPOCHS, r"(?:num[ \t_]+|n[ \t_]+|max[ \t_]+|num_train_)?epochs"),
        (Role.SHARE, r"validation_split|val(?:idation)?[ \t_]+(?:split|fraction)"),
        (Role.DEVICES, r"world[ \t_]+size|num[ \t_]+(?:gpus|devices|replicas)"),
        (
            Role.ACCUMULATION,
            r"(?:gradient[ \t_]+|grad[ \t_]+)?accum(?:ulation|ulate|ulates|ulating)?"
            r"(?:[ \t_]+steps)?(?:[ \t]+over)?|accumulate_grad_batches",
        ),
    )
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


def quantities(document: LintDocument) -> tuple[Quantity, ...]:
    """The note's stated inputs of a training run, in file order."""
    return document.memo("claim-quantities", lambda: tuple(sorted(_quantities(document), key=_at)))


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
    for unit in prose_units(document):
        flat = flatten(document.text, unit.start, unit.end)
        for token in numbers(flat):
            if token.value <= 0:
                continue
            read = _role(flat.text, token.start, token.end)
            if read is None or (token.value.denominator != 1 and read[0] is not Role.SHARE):
                continue  # a count of samples, steps or devices is a whole number
            role, label = read
            start, end = flat.file_span(token.start, token.end)
            yield Quantity(
                start, end, document.position(start)[0], token.value, label.strip(), role
            )


def _role(text: str, start: int, end: int) -> tuple[Role, str] | None:
    """The role the words beside ``text[start:end]`` give it: a noun after it first ("32
    images" is data even after "batch of"), else a name and connective before it."""
    if _OPERATOR.match(text, end):
        return None  # an operand of a calculation or a shape, not a stated input
    cut = _CLAUSE_MARK.match(text, 0, start)
    lead = text[cut.end() if cut else 0 : start]
    if _RESULT.search(lead) or _LEFTOVER.search(lead):
        return None
    for role, pattern in _NOUN_AFTER:
        match = pattern.match(text, end)
        if match is not None and not _batch_of(text, start):
            if _FACTOR.match(text, match.end()):
                return None  # "512 sequences x 1,024 tokens": a factor of another count
            return role, match.group(0)
    for role, pattern in _NAME_BEFORE:
        match = pattern.search(lead)
        if match is not None:
            return role, match.group(0)
    return None


# "891 rows / 5 folds" still states the data; "512 sequences x 1,024 tokens" counts tokens.
_FACTOR = lazy_regex(r"[ \t]*(?:[\u00d7*\u00b7]|x[ \t]*\d)")
_OPERATOR = lazy_regex(r"[ \t]*(?:[\u00d7*/\u00b7\u00f7]|x[ \t]*\d)")
_RESULT = lazy_regex(
    r"[\w)][ \t]*(?:[+\u00d7*/\u00b7\u00f7^\u2212]|[ \t]-[ \t])[ \t]*[\d(][^=\u2248\u2192\n]*"
    r"(?:=|\u2248|\u2192|->)[ \t*_]*$"
)
# The leftover of an epoch, not its batch: "the last batch of 80 images", "a final batch of 16".
_LEFTOVER = lazy_regex(
    r"\b(?:last|final|remaining|partial|smaller|short|incomplete|leftover)[ \t]+(?:mini-?)?batch",
    re.I,
)


def _batch_of(text: str, start: int) -> bool:
    """ "a batch of 32 images": the images count one batch, not the data."""
    return re.search(r"batch(?:es)?[ \t]+of[ \t]*$", text[:start], re.I) is not None


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
