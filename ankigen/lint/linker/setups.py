"""A training set-up read as labelled values and counted nouns, whatever the notation
(issue #12): one normalisation for a table row ("| micro-batch | 32 |"), a list item
("- seq_len = 2048"), a code keyword (``accumulate_grad_batches=3``), a clause of prose
("64k examples, per-device batch 4, 8 GPUs") and a heading ("5 epochs x 2,000 micro-batches").

A clause whose label names a role gives that role its value (the clause's last number, the
result of a chain written after the label); a clause without such a label gives a role to
each number its noun names ("8 GPUs", "2 nodes", "30 epochs", "1.2M rows"). A label that
is a rate ("passes per GPU", "steps / epoch") names no role but the epoch's micro-batches.
Nothing here judges.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ankigen.lint.lazy_pattern import lazy_regex

SAMPLES = "samples"
TOKENS = "tokens"
SEQUENCE = "sequence"
BATCH = "batch"
EFFECTIVE = "effective-batch"
DEVICES = "devices"
NODES = "nodes"
ACCUMULATION = "accumulation"
EPOCHS = "epochs"
MICRO_BATCHES = "micro-batches"  # one epoch's micro-batches, stated
PER_DEVICE = "per-device"  # the batch is said to be one device's

Setup = dict[str, set[int]]

_SUPERSCRIPT = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789"
)
_SCALE = {"k": 10**3, "K": 10**3, "M": 10**6, "B": 10**9, "G": 10**9}
_NUMBER = lazy_regex(
    r"(?<![\w.])(?P<digits>\d{1,3}(?:[,_\u202f\u2009 ]\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?P<scale>[kKMBG](?![A-Za-z\d]))?(?![\w.]*\d)"
)
# "10 x 10\u2079" (a superscript nine), "4 x 10^9": one number
_POWER = lazy_regex(
    r"(?P<m>\d+(?:\.\d+)?)\s*[\u00d7x*]\s*10(?:\^|\*\*)?(?P<e>[\u2070\u00b9\u00b2\u00b3\u2074"
    r"\u2075\u2076\u2077\u2078\u2079]+|(?<=[\^*])\d+)"
)
_CLAUSES = lazy_regex(r",\s|;|\u2192|->|\bat\b|\bwith\b|\bon\b|(?<=\S)\s+-\s+|\(\s*$")

_SAMPLE_NOUNS = (
    r"samples|examples|images|imgs|sequences|utterances|clips|documents|sentences|records|"
    r"pairs|windows|frames|videos|texts|rows|reviews|spectrograms|crops|patches|graphs"
)
# a number and the noun that counts it, with at most two words between ("58,440 six-hourly
# samples", "128_000 camera frames", "4,000,000,000 (4B) examples")
_NOUN = lazy_regex(
    r"(?P<n>(?<![\w.])(?:\d{1,3}(?:[ ,_\u202f\u2009]\d{3})+|\d[\d,_]*)(?:\.\d+)?[kKMBG]?)"
    r"\s*(?:\([^)]*\)\s*)?-?"
    r"(?:[\u00d7x]\s*)?(?:[A-Za-z][\w-]*\s+){0,2}?"
    rf"(?P<noun>{_SAMPLE_NOUNS}|tokens|GPUs?|devices|TPUs?|A100s?|H100s?|V100s?|ranks|workers"
    r"|replicas|nodes|epochs?|micro-?batches)\b",
    re.I,
)
_NOUN_ROLE = (
    (r"tokens", TOKENS),
    (r"gpus?|devices|tpus?|a100s?|h100s?|v100s?|ranks|workers|replicas", DEVICES),
    (r"nodes", NODES),
    (r"epochs?", EPOCHS),
    (r"micro-?batches", MICRO_BATCHES),
    (_SAMPLE_NOUNS, SAMPLES),
)
# a label and its value: "micro-batch = 4", "batch_size=64", "| accumulation steps | 5 |"
_LABELLED = lazy_regex(r"^\W*(?P<label>[A-Za-z][\w .'/()-]*?)\s*(?:[:=]|\bof\b|\bis\b)?\s*(?=\d)")
_LABEL_ROLE = (
    (r"accum", ACCUMULATION),
    (r"effective|global[ _]batch|total[ _]batch", EFFECTIVE),
    (r"seq(?:uence)?[ _]?len|sequence length|context length|block_size|max_length", SEQUENCE),
    (r"micro-?batch(?!es)|batch[ _]?size|\bbatch\b|\bbs\b", BATCH),
    (r"num_nodes|\bnodes\b", NODES),
    (r"\bdevices\b|num_gpus|\bgpus\b|world_size", DEVICES),
    (r"epochs", EPOCHS),
    (
        _SAMPLE_NOUNS + r"|train(?:ing)? (?:set|split)|dataset size|n_train|num_train|train_size",
        SAMPLES,
    ),
)
_KEYWORD = lazy_regex(r"\b(?P<key>[A-Za-z_]\w*)\s*=\s*(?P<n>\d[\d_]*)(?![\w.])")
_CODE_SIZE = lazy_regex(
    r"\.batch\(\s*(?P<batch>\d+)\b"
    r"|\blen\(\s*\w*(?:ds|dataset|set|data)\s*\)\s*\)?\s*#\s*(?P<data>\d[\d,_]*)\s*$"
)
_LEFT_OVER = lazy_regex(r"skipp|remain|left|dropped|\blast\b|partial|\bsit out", re.I)
_RATE = lazy_regex(r"\bper\b|/")
# a count per something (a batch's "4 sequences per GPU", "65,536 tokens (64k) per step")
_PER_THING = lazy_regex(r"\s*(?:\([^)]*\)\s*)?(?:per|/|each)\b(?!\s*epoch)", re.I)
_PER_DEVICE = lazy_regex(
    r"(?:\b|_)per[ _-]?(?:gpu|device|rank|replica)|/\s*gpu|\beach\s+(?:gpu|device)", re.I
)
_EPOCH_BATCHES = lazy_regex(r"\b(?:micro-?)?batches\b.*(?:\bper\b|/)\s*(?:rank\s*/\s*)?epoch", re.I)
# "accumulate 4 micro-batches", "accumulating gradients over 8 steps"
_ACCUMULATE = lazy_regex(
    r"\baccumulat\w*\s+(?:the\s+)?(?:gradients?\s+)?(?:over\s+|across\s+|of\s+)?(?P<n>\d+)\b",
    re.I,
)


def number_of(text: str) -> int | None:
    """A whole number as written: thousands marks, a scale letter, a power of ten."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    digits = re.sub(r"\D", "", match["digits"])
    value = float(digits + (match["fraction"] or "")) * _SCALE.get(match["scale"] or "", 1)
    return int(value) if value == int(value) else None


def last_number(text: str) -> tuple[int, tuple[int, int]] | None:
    """The last whole number written in ``text`` and where it stands."""
    found = None
    for match in _NUMBER.finditer(text):
        value = number_of(match[0])
        found = (value, match.span()) if value is not None else None
    return found


def read_setup(lines: Sequence[tuple[int, int, str]], skip: tuple[int, int, int]) -> Setup:
    """Every role's values across the note's lines (``skip``: a line and the span on it of
    the claim being judged, left out)."""
    setup: Setup = {}
    for line, _, written in lines:
        if line == skip[0]:
            written = written[: skip[1]] + " " * (skip[2] - skip[1]) + written[skip[2] :]
        for role, value in _line_roles(written):
            setup.setdefault(role, set()).add(value)
    nodes = setup.pop(NODES, set())
    if nodes and setup.get(DEVICES):
        setup[DEVICES] = {n * d for n in nodes for d in setup[DEVICES]}
    return setup


def _line_roles(written: str) -> list[tuple[str, int]]:
    plain = re.sub(r"[*`]", "", written).replace("{,}", ",")
    plain = _POWER.sub(
        lambda m: str(int(float(m["m"]) * 10 ** int(m["e"].translate(_SUPERSCRIPT)))), plain
    )
    cells = [cell.strip() for cell in plain.strip().strip("|").split("|")]
    if plain.lstrip().startswith("|"):
        if len(cells) != 2 or set(cells[1]) <= set("-: "):
            return []
        clauses = [f"{cells[0]}: {cells[1]}"]
    else:
        clauses = _CLAUSES.split(plain)
    found: list[tuple[str, int]] = []
    for clause in clauses:
        found.extend(_clause_roles(clause))
    return found


def _clause_roles(clause: str) -> list[tuple[str, int]]:
    code = _CODE_SIZE.search(clause)  # ".batch(64", "len(train_ds)  # 3712"
    if code is not None:
        value = number_of(code["batch"] or code["data"])
        if value is not None:
            return [(BATCH if code["batch"] else SAMPLES, value)]
    accumulate = _ACCUMULATE.search(clause)
    if accumulate is not None:
        # the factor, and the nouns of the rest ("on 4 devices and gradients accumulated
        # over 2 steps")
        rest = clause[: accumulate.start()] + " " + clause[accumulate.end() :].split(" ", 2)[-1]
        return [(ACCUMULATION, int(accumulate["n"])), *_noun_roles(rest)]
    labelled = _LABELLED.match(clause)
    if labelled is not None:
        label = labelled["label"]
        if _LEFT_OVER.search(label):
            return []  # "examples skipped each epoch: 1,000": a remainder, not the data
        last = _value(clause[labelled.end() :])
        if _EPOCH_BATCHES.search(label):
            return [(MICRO_BATCHES, last[0])] if last else []
        if _RATE.search(label) and not re.search(r"accum|batch", label, re.I):
            return []
        for pattern, role in _LABEL_ROLE:
            if re.search(pattern, label, re.I):
                if not last:
                    return []
                found = [(role, last[0])]
                if role == BATCH and _PER_DEVICE.search(clause):
                    found.append((PER_DEVICE, 1))
                # the nouns after a plain value ("bs 32/GPU x 64 GPUs")
                after = clause[labelled.end() :][last[1][1] :]
                return found + [(r, v) for r, v in _noun_roles(after) if r != role]
    found = []
    rest = clause
    for keyword in _KEYWORD.finditer(clause):  # a code keyword in a call: "Trainer(devices=4"
        value = number_of(keyword["n"])
        named = next((r for p, r in _LABEL_ROLE if re.search(p, keyword["key"], re.I)), None)
        if value is not None and named is not None:
            found.append((named, value))
            rest = rest.replace(keyword[0], " ", 1)
            if named == BATCH and _PER_DEVICE.search(keyword["key"]):
                found.append((PER_DEVICE, 1))
    return found + _noun_roles(rest)


def _value(text: str) -> tuple[int, tuple[int, int]] | None:
    """A label's value: the number right after it, or the result of the chain it starts
    ("batch 8: 375 steps" gives 8; "= 4/5 x 1.2M = 960_000 rows" gives 960,000)."""
    first = _NUMBER.search(text)
    if first is None:
        return None
    if re.match(r"\s*(?:[\u00d7x*/+\u2212\u00b7-]|\\times)\s*\(?\s*\d", text[first.end() :]):
        result = text.rfind("=")
        found = last_number(text[result:]) if result > first.start() else None
        if found is None:
            return None
        return found[0], (result + found[1][0], result + found[1][1])
    value = number_of(first[0])
    return (value, first.span()) if value is not None else None


def _noun_roles(clause: str) -> list[tuple[str, int]]:
    found = []
    for match in _NOUN.finditer(clause):
        value = number_of(match["n"])
        if value is None or _PER_THING.match(clause[match.end() :]):
            continue  # "4 sequences per GPU" is a batch, not the data
        role = next(r for p, r in _NOUN_ROLE if re.fullmatch(p, match["noun"], re.I))
        near = clause[max(0, match.start() - 15) : match.start()] + clause[match.end() :][:20]
        if role == SAMPLES and _LEFT_OVER.search(near):
            continue  # "80 images are skipped", "the remaining 40 samples"
        between = clause[match.end("n") : match.start("noun")]
        if role != SAMPLES and re.search(r"[A-Za-z]{2}", between):
            continue  # "16 iterations per epoch" counts no epochs
        found.append((role, value))
    return found
