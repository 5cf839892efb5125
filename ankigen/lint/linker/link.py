"""The set-up-to-claim linker (issue #12): one reading for AG102-AG104 of every claim the
claim inventory finds, against the quantities the note states by role.

For each claim of a family (a count of steps, an output size, a parameter count) the roles
its formula needs are gathered from the claim's own line first (its sentence, list item,
table row or call), else from anywhere in the note; every value a role is given there is a
candidate, and every convention of the family is tried (``formulas``). A claim that some
reading reproduces is consistent; one whose roles are not all stated is left unjudged (the
trace says which were missing); one that no reading reproduces is a finding. It is an error
only when every role the formula needed was stated once, on the claim's own line or once in
the note, with no library default and no value carried from another line; else a warning."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ankigen.diagnostics import Severity
from ankigen.lint import stage_trace
from ankigen.lint.claims import Claim, Kind, Surface, inventory
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.linker import roles as r
from ankigen.lint.linker.chains import Chain, chain_text, explained, worked_chain
from ankigen.lint.linker.formulas import (
    SAME,
    ConvRoles,
    ParamRoles,
    StepRoles,
    conv_sizes,
    param_counts,
    step_counts,
)
from ankigen.lint.linker.quantity import Quantity
from ankigen.lint.linker.roles import stated
from ankigen.lint.linker.step_chains import step_chain_findings

# the families whose unreproduced claims the linker reports; for the others it only records
# its verdicts in the stage trace (their rule fixtures' correct twins showed readings the
# linker's formulas do not have yet: totals of parts, exotic layers, partial batches)
_REPORTING = frozenset({stage_trace.CONV, stage_trace.PARAMS, stage_trace.EPOCHS})
KINDS = {
    stage_trace.CONV: frozenset({Kind.OUTPUT_SIZE}),
    stage_trace.PARAMS: frozenset({Kind.PARAMETERS}),
    stage_trace.EPOCHS: frozenset({Kind.STEPS_PER_EPOCH, Kind.TOTAL_STEPS}),
}
_SHAPE_JOIN = re.compile(r"\s*(?:[\u00d7xX*\u00b7\u22c5,]|\\times|\\cdot)\s*")
# the answer itself, whose kind the question names ("**1,221**", "{{c1::832}}")
_ANSWERS = frozenset({Surface.BOLD, Surface.CLOZE})
_LAYER_SIZES = frozenset({r.IN_FEATURES, r.OUT_FEATURES, r.CHANNELS, r.VOCABULARY, r.WIDTH})
_LAYER_SETTINGS = frozenset({r.KERNEL, r.STRIDE, r.PADDING, r.DILATION})
# a sum of layers, or a comparison of two counts: no one layer's count
_NOT_ONE_LAYER = re.compile(
    r"total|sum|overall|altogether|\ball\b|together|whole|combined|difference|saving|ratio"
    r"|\bmore\b|\bfewer\b|\bextra\b|\bsmaller\b|\blarger\b",
    re.I,
)
_PAD_AMOUNT = re.compile(
    r"\bpad\w*\s*[=:][^,;)]*$|\b(?:[pskd]|stride|kernel\w*|dilation)\s*=[^=,:;]*=\s*[$*`(]*$",
    re.I,
)  # "total pad = ... = 2", "p = d(k - 1)/2 = 16": a setting worked out, no size
_ARROW_AFTER = re.compile(r"[\s*_`]*(?:->|\u2192|=>|\u27f6)")
_POOL = re.compile(r"pool", re.I)
_CEIL_MODE = re.compile(r"ceil_mode\s*=\s*True|\bceil mode\b", re.I)
# a layer over volumes: its kernel spans three axes even where the note writes one side
_THREE_D = re.compile(r"[123]?3[dD]\b|\b3-?D\b|voxel|volumetric|tubelet", re.I)
_TRANSPOSED = re.compile(r"transpose|deconv|up-?sampl|fractionally", re.I)
_VALID = re.compile(r"\bvalid\b|no padding|unpadded|without padding|zero padding of 0", re.I)
_SAME = re.compile(r"\bsame\b", re.I)
_NO_BIAS = re.compile(
    r"bias\s*=\s*False|use_bias\s*=\s*False|\bno bias|without (?:a |the )?bias|bias-free"
    r"|\bomit\w* the bias|\bbias(?:es)? (?:is |are )?(?:dropped|removed|disabled|off)"
    # a count of the weights alone leaves the biases out on purpose ("The weights alone: …")
    r"|\bweights (?:alone|only)\b|\b(?:only|just) the weights\b|\bexcluding (?:the )?bias",
    re.I,
)
_TWICE = re.compile(r"\b(?:two|twice|pair of|double)\b|\b2\s*[x\u00d7]\s*[a-z]", re.I)
_RECEPTIVE = re.compile(r"receptive|\bRF\b", re.I)
_PART = re.compile(r"\bbias|\bweights?\b|\bkernel\b", re.I)
_NORM = re.compile(r"norm|\bBN\b", re.I)
_DEPTHWISE = re.compile(r"depthwise|depth-wise|groups\s*=", re.I)
_GATES = ((re.compile(r"\bLSTM", re.I), 4), (re.compile(r"\bGRU", re.I), 3))
_RNN = re.compile(r"\b(?:Simple)?RNN\b")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n\s*[-*]\s+|\n\n")
_SUPPOSED = re.compile(r"\s*(?:with|if|when|whereas|had|setting|turning|switching)\b", re.I)
_KEEPS_LAST = re.compile(
    r"drop_last\s*=\s*False|drop_remainder\s*=\s*False|\bceil|no remainder (?:is )?dropped"
    r"|keep\w* the (?:last|final) (?:partial )?batch|partial (?:last |final )?batch (?:is )?kept"
    r"|last (?:partial )?batch (?:is )?kept|rounded up|round up",
    re.I,
)
_DROPS_LAST = re.compile(
    r"drop_last\s*=\s*True|drop_remainder\s*=\s*True|\bfloor\b|drop\w* the (?:last|final|partial)"
    r"|(?<!no )remainder (?:is )?dropped|rounded down|round down",
    re.I,
)


@dataclass(frozen=True)
class Verdict:
    """What the linker made of one claim: ``reproduced``, ``roles missing: …`` (unjudged),
    ``set aside: …``, or ``no reading``; for the last, whether every role was stated once
    (``sure``) and a reading to name in the message."""

    claim: Claim
    outcome: str
    sure: bool = False
    reading: Fraction | None = None
    roles: tuple[str, ...] = ()
    # a bare answer to the heading's question: linked and traced, not reported (reported as
    # a warning it fired on ten correct twins of the rule fixtures: sums of stacked layers,
    # held-out shares, a group's share)
    answer: bool = False
    # a bare answer whose one set-up the note states plainly (one data size and batch and a
    # stated rounding; one layer call in the heading): reported, as a warning
    plain: bool = False


@dataclass(frozen=True)
class _Pick:
    values: frozenset[Fraction]
    sure: bool  # one value, stated on the claim's line or once in the note


def verdicts(document: LintDocument, family: str) -> tuple[Verdict, ...]:
    """The linker's verdict on every claim of ``family`` in the note, once per document."""
    return document.memo(f"linker.{family}", lambda: tuple(_verdicts(document, family)))


def linker_findings(document: LintDocument, family: str, reported: set[int]) -> Iterator[Finding]:
    """A finding for each claim no reading reproduces, on a file line not in ``reported``
    (the lines the rule's other readers reported; one finding a line, added to it); records
    every verdict in the stage trace."""
    for verdict in verdicts(document, family):
        claim = verdict.claim
        if verdict.outcome == "reproduced":
            stage_trace.judged(family, claim.start, "linked: reproduced", document)
        elif verdict.outcome != "no reading":
            stage_trace.record("linked", family, claim.start, verdict.outcome, document)
        elif _reports(family, verdict) and not {claim.line, claim.line - 1} & reported:
            # (a row after a reported one takes a wrong input: one wrong row, one finding)
            reported.add(claim.line)
            yield Finding(
                claim.start,
                claim.end,
                _message(family, verdict),
                severity=None if verdict.sure else Severity.WARNING,
            )

    if family == stage_trace.EPOCHS:
        # then a worked epoch that divides by one device's batch or by the devices alone
        yield from step_chain_findings(document, reported)


def _reports(family: str, verdict: Verdict) -> bool:
    """Whether an unreproduced claim is reported: a conv size always (the linker links only
    sizes whose row or call binds a layer); a step or parameter count only when the verdict
    is sure (every role stated once, on the claim's own line) or the claim is a bare answer
    under one plainly stated set-up (reported as a warning)."""
    return family in _REPORTING and (family == stage_trace.CONV or verdict.sure or verdict.plain)


def _message(family: str, verdict: Verdict) -> str:
    what = {
        stage_trace.CONV: "output size",
        stage_trace.PARAMS: "parameter count",
        stage_trace.EPOCHS: "step count",
    }[family]
    roles = ", ".join(verdict.roles)
    gives = "" if verdict.reading is None else f" (the nearest reading gives {verdict.reading})"
    return (
        f"no reading of the note's stated {roles} gives the {what} {_shown(verdict.claim.text)}"
        f"{gives}: correct the {what}"
    )


def _shown(claimed: str) -> str:
    """A claimed number as a reader writes it: LaTeX's thin space ("263\\,168") as a comma."""
    return claimed.replace("\\,", ",").replace("{,}", ",")


def _verdicts(document: LintDocument, family: str) -> Iterator[Verdict]:
    claims = [c for c in inventory(document) if c.kind in KINDS[family]]
    quantities = stated(document)
    body = document.text[document.body_offset :]
    for claim in claims:
        if claim.wording.kind != "exact" or claim.wording.hypothetical:
            yield Verdict(claim, "set aside: wording")
            continue
        if any(q.start < claim.end and claim.start < q.end for q in quantities):
            continue  # the number is a stated set-up, not a result
        if claim.value.denominator != 1:
            yield Verdict(claim, "set aside: not a whole number")
            continue  # a quotient on its way to a count ("50,000 / 32 = 1,562.5")
        from_heading = claim.kind_from_header or _labelled_by_heading(document, claim)
        own_call = any(q.line == claim.line and q.source == "call" for q in quantities)
        answers = from_heading and _answers_the_question(document, claim)
        worked = family != stage_trace.CONV and _worked(document, claim)
        if (
            from_heading
            and family != stage_trace.CONV
            and claim.surface not in _ANSWERS | ({claim.surface} if own_call else set())
            and not answers
            and not worked  # a chain of the note's quantities says its kind
        ):
            yield Verdict(claim, "set aside: kind from the heading")
            continue  # "3 gates" under a question about parameters counts no parameters
        line_start = document.text.rfind("\n", 0, claim.start) + 1
        before = document.text[line_start : claim.start]
        if family == stage_trace.PARAMS and _NOT_ONE_LAYER.search(f"{claim.label} {before}"):
            yield Verdict(claim, "set aside: a total")
            continue  # a sum of parts, each its own layer's
        if worked:
            # a written calculation's result: AG101 judges the arithmetic; its method is
            # judged here only where the chain's operands are the note's stated quantities
            # and no reading of them gives its last result for sure
            yield _worked_verdict(document, family, claim, quantities, body)
            continue
        axis = _axis(document, claims, claim)
        if family == stage_trace.CONV:
            yield _conv(document, claim, claims, quantities, axis, body)
        elif family == stage_trace.PARAMS:
            verdict = _params(document, claim, quantities, body, answer=answers)
            yield verdict if not answers else replace(verdict, sure=False, answer=True)
        else:
            verdict = _steps(document, claim, quantities, body, whole_note=answers)
            # a bare answer to the heading's question is not sure of its kind: a warning
            yield verdict if not answers else replace(verdict, sure=False, answer=True)


_WORKED = re.compile(
    r"(?:[\d)\]}\u2309\u230b]\s*(?://|[-+\u2212\u00d7x*/\u00f7\u00b7]|\\times|\\cdot|\\div)"
    r"\s*[\d(\[{\u2308\u230a\\]"
    r"|\b(?:ceil|floor|round|int|len)\s*\(|\\[lr](?:floor|ceil)).*[=\u2248\u2192#]"
    r"\s*[*_`$(~\u2308\u230a]*(?:\{\{c\d+::)?$"
)


# a batch the note says is one device's; a count of the optimizer's updates
_PER_DEVICE = re.compile(
    r"\bper[ _-](?:device|GPU|replica|rank|process)|\b(?:on|for) each (?:of (?:the )?\d+ )?"
    r"(?:GPU|device|replica|rank|worker)s?\b|\bper_device_\w*batch",
    re.I,
)
_OPTIMIZER = re.compile(r"\boptimi[sz]er\b|\bupdates?\b|\bweight updates\b", re.I)
# what may follow an answer's number in its sentence: nothing, or the family's unit
_ANSWER_TAIL = re.compile(
    r"\s*(?:(?:optimi[sz]er\s+|training\s+|gradient\s+)?(?:steps?|iterations?|updates?|batches"
    r"|param(?:eter)?s|weights)\b[^\n.;]{0,20})?[*_`)\]}]*\s*(?:[.;!]|$)",
    re.I,
)
_ANSWER_HEAD = re.compile(
    r"(?:[=:\u2192]|->|\b(?:is|are|gives?|takes?|makes?|runs?|holds?|has|have|of|answer)\b)"
    r"[\s*_`(\[{~\u2248]*(?:c\d+::)?$",
    re.I,
)


def _worked_verdict(
    document: LintDocument,
    family: str,
    claim: Claim,
    quantities: Sequence[Quantity],
    body: str,
) -> Verdict:
    """A step or parameter count worked out on its line: recomputed from the stated
    quantities its chain computes with ("512 x 256 = 131,072 parameters" under a Dense(256)
    on a 512-d input forgot the bias), kept only where the verdict is sure."""
    chain = worked_chain(document, claim)
    if chain is not None:
        if family == stage_trace.PARAMS:
            verdict = _params(document, claim, quantities, body, chain)
        else:
            verdict = _steps(document, claim, quantities, body, chain=chain)
        sure = verdict.sure and verdict.reading is not None  # some reading exists to differ from
        if verdict.outcome == "reproduced" or (verdict.outcome == "no reading" and sure):
            return verdict
    return Verdict(claim, "set aside: a worked calculation")


def _once(quantities: Sequence[Quantity], role: str) -> bool:
    """Whether ``role`` has one value in the whole note."""
    return len({q.values for q in quantities if q.role == role}) == 1


def _answers_the_question(document: LintDocument, claim: Claim) -> bool:
    """Whether a claim whose kind only the heading names stands as the question's answer: the
    number ends its sentence (or is followed only by the family's unit) after a link word
    ("Answer: 195", "so the run takes 2,346.", "→ 1,180")."""
    line_start = document.text.rfind("\n", 0, claim.start) + 1
    line_end = document.text.find("\n", claim.end)
    after = document.text[claim.end : line_end if line_end >= 0 else len(document.text)]
    before = document.text[line_start : claim.start]
    if not _ANSWER_TAIL.match(after):
        return False
    # a number alone on its line ("**352**") answers as much as "Answer: 352"
    return bool(_ANSWER_HEAD.search(before)) or not re.sub(r"[\s*_`$~>{}]|c\d+::", "", before)


def _labelled_by_heading(document: LintDocument, claim: Claim) -> bool:
    """Whether the claim's label is the note's heading (its kind a reading of the question)."""
    heading = document.text[document.body_offset :].split("\n", 1)[0]
    return bool(claim.label) and heading.startswith("#") and str(claim.label) in heading


def _worked(document: LintDocument, claim: Claim) -> bool:
    """Whether ``claim`` is the result of a calculation written before it on its line
    ("= ⌈1,234 / 16⌉ = 78", "floor(6,250 / 8) = 781")."""
    return bool(_WORKED.search(chain_text(document, claim)))


def _axis(document: LintDocument, claims: Sequence[Claim], claim: Claim) -> tuple[int, int]:
    """The claim's place in the shape it belongs to (index, number of axes): ``64 x 32``'s
    32 is (1, 2); a lone number (0, 1)."""
    group = [claim]
    index = claims.index(claim)
    for step in (-1, 1):
        at = index
        while 0 <= at + step < len(claims):
            near, here = claims[at + step], claims[at]
            first, second = (near, here) if step < 0 else (here, near)
            if near.line != claim.line or not _SHAPE_JOIN.fullmatch(
                document.text[first.end : second.start]
            ):
                break
            group.append(near)
            at += step
    group.sort()
    return group.index(claim), len(group)


def _pick(
    role: str,
    claim: Claim,
    quantities: Sequence[Quantity],
    axis: tuple[int, int],
    default: Fraction | None = None,
    channels: frozenset[Fraction] = frozenset(),
    per_layer: bool = False,
) -> _Pick | None:
    """The candidates of ``role`` for ``claim``: its own table row's or layer call's when it
    has them; else every value the note states for the role, its own line's among them (a
    phrase may have read another number of the line), and then the role's ``default`` too,
    since a value stated elsewhere may be another layer's. A ``per_layer`` setting (a
    kernel, a stride) written on the claim's own line in words is that line's alone."""
    mine = [q for q in quantities if q.role == role]
    own = [q for q in mine if q.line == claim.line]
    bound = own if per_layer else [q for q in own if q.source != "words"]
    chosen = bound or mine
    if not chosen:
        return None
    values = frozenset(v for q in chosen for v in _aligned(q.values, axis, channels))
    if not own and default is not None:
        values |= {default}
    return _Pick(values, len(values) == 1)


def _aligned(
    values: tuple[Fraction, ...], axis: tuple[int, int], channels: frozenset[Fraction] = frozenset()
) -> tuple[Fraction, ...]:
    """The values of a per-axis setting for the claim's axis; all of them when the axes do
    not match, or when one is a channel count (channels first or last: the axes shift)."""
    index, size = axis
    if len(values) == size and size > 1 and not channels & set(values):
        return (values[index],)
    if len(values) == 1:
        return values
    return values


def _conv(
    document: LintDocument,
    claim: Claim,
    claims: Sequence[Claim],
    quantities: Sequence[Quantity],
    axis: tuple[int, int],
    body: str,
) -> Verdict:
    if axis[1] > 1 and any(
        claim.value in q.values for q in quantities if q.role in (r.OUT_FEATURES, r.CHANNELS)
    ):
        return Verdict(claim, "set aside: a channel count")  # "(None, 25, 5, 64)"'s 64
    line_start = document.text.rfind("\n", 0, claim.start) + 1
    if _PAD_AMOUNT.search(document.text[line_start : claim.start]):
        return Verdict(claim, "set aside: a setting")
    spanned = _spanned(quantities, body)
    if axis[1] > max(spanned, 1) and axis[0] in (0, axis[1] - 1) and axis[1] >= 3:
        # "(N, 32, 320, 320)" after a 2-D kernel: the first or last axis holds channels
        return Verdict(claim, "set aside: a channel count")
    if _ARROW_AFTER.match(document.text, claim.end):
        return Verdict(claim, "set aside: an input")  # "# 224 -> 112": the stage's input
    if _RECEPTIVE.search(_line_of(document, claim)):
        return Verdict(claim, "set aside: a receptive field")  # no output size
    start, end = _sentence(document, claim)
    layers = [
        q
        for q in quantities
        if q.role in _LAYER_SETTINGS and q.source != "words" and start <= q.start < end
    ]
    lone = not layers and _lone_layer(document, claim, claims, quantities)
    chain = _conv_chain(document, claim, claims, quantities)
    binds = chain is not None and not layers and not lone
    if not layers and not lone and not binds:
        # no layer bound to the claim's line (a table cell's or a call's setting): a size it
        # may not be (a receptive field, a stage after several layers, a phrase's list of
        # stages the walk readers judge) is nothing to link
        return Verdict(claim, "set aside: no layer of its own")
    channels = frozenset(
        v
        for q in quantities
        if q.role in (r.IN_FEATURES, r.OUT_FEATURES, r.CHANNELS)
        for v in q.values
    )
    inputs = _pick(r.INPUT, claim, quantities, axis, channels=channels)
    chained = _chained(claim, claims, axis)
    kernel = _pick(r.KERNEL, claim, quantities, axis, per_layer=True)
    # an input stated somewhere: a chain of earlier claims alone may be any table of sizes
    missing = [name for name, pick in (("input", inputs), ("kernel", kernel)) if not pick]
    if missing or kernel is None:
        return Verdict(claim, "roles missing: " + ", ".join(missing))
    own_kernel = any(q.role == r.KERNEL and q.line == claim.line for q in quantities)
    default = Fraction(1) if own_kernel else None  # this line's layer, another's stride
    stride = _pick(r.STRIDE, claim, quantities, axis, default, per_layer=True)
    padding = _pick(r.PADDING, claim, quantities, axis, default and Fraction(0), per_layer=True)
    dilation = _pick(r.DILATION, claim, quantities, axis, per_layer=True)
    output_padding = _pick(r.OUTPUT_PADDING, claim, quantities, axis, per_layer=True)
    strides = stride.values if stride else frozenset({Fraction(1)})
    if _POOL.search(body):
        strides |= kernel.values  # a pooling layer's stride defaults to its window
    if padding:
        paddings = padding.values
    else:
        paddings = (
            frozenset({Fraction(0)}) if _VALID.search(body) else frozenset({Fraction(0), SAME})
        )
    if _SAME.search(body) and not (
        padding and padding.sure and r.PADDING in _own_roles(claim, quantities)
    ):
        paddings |= {SAME}  # "same" said somewhere, and this line states no padding of its own
    roles = ConvRoles(
        (inputs.values if inputs else frozenset()) | (chained or frozenset()),
        kernel.values,
        strides,
        paddings,
        # a kernel on the claim's own line may be written already dilated ("k_eff = 7")
        (dilation.values if dilation else frozenset())
        | ({Fraction(1)} if own_kernel or not dilation else set()),
        bool(_CEIL_MODE.search(body)),
        bool(_TRANSPOSED.search(body)),
        frozenset(output_padding.values) if output_padding and output_padding.sure else frozenset(),
    )
    own = _own_roles(claim, quantities)
    # a size the layer keeps: a row restating its input, an axis the kernel does not span
    spanned = _spanned(quantities, body)
    keeps = not own & {r.KERNEL, r.STRIDE, r.PADDING} or axis[1] > max(spanned, 1)
    if binds:
        keeps = axis[1] > max(spanned, 1)  # the chain computes the layer's output
    twice = bool(_TWICE.search(_line_of(document, claim)))
    sizes = conv_sizes(roles, keeps=keeps, twice=twice)
    if not roles.transposed and claim.value > max(roles.inputs, default=0) + 2 * max(
        roles.paddings, default=0
    ):
        return Verdict(claim, "set aside: larger than its input")  # a count, not a size
    if claim.value in sizes:
        return Verdict(claim, "reproduced")
    needed = (r.INPUT, r.KERNEL, r.STRIDE, r.PADDING)
    sure = not lone and not chained and not dilation and _stated_once(claim, quantities, needed)
    if binds and chain is not None:
        # a chain's size: one layer whose input and kernel are the chain's operands, each
        # setting stated once in the note (or the padding said to be none)
        sure = (
            not chained
            and bool(chain.operands & (inputs.values if inputs and inputs.sure else frozenset()))
            and all(_once(quantities, role) for role in (r.INPUT, r.KERNEL, r.STRIDE))
            and (_once(quantities, r.PADDING) or bool(_VALID.search(body)))
            and not (_POOL.search(body) or _SAME.search(body) or roles.transposed)
            and not any(q.role == r.DILATION for q in quantities)
        )
    named = ("input", "kernel", "stride", "padding", "dilation")
    return Verdict(claim, "no reading", sure, _nearest(sizes, claim.value), named)


def _conv_chain(
    document: LintDocument, claim: Claim, claims: Sequence[Claim], quantities: Sequence[Quantity]
) -> Chain | None:
    """The worked chain ending in ``claim`` when it computes a layer of the note: its
    operands hold a stated kernel (or that kernel dilated) and the stated input or a size
    claimed before it (the stage before), if any."""
    if not _worked(document, claim):
        return None
    chain = worked_chain(document, claim)
    if chain is None:
        return None
    kernels = {v for q in quantities if q.role == r.KERNEL for v in q.values}
    dilations = {v for q in quantities if q.role == r.DILATION for v in q.values}
    kernels |= {d * (k - 1) + 1 for d in dilations for k in kernels}
    inputs = {v for q in quantities if q.role == r.INPUT for v in q.values}
    if chain.subtracted & inputs:
        return None  # "(38 - 1)·2 + 3 - 75 = 2": the input taken away, a padding worked out
    inputs |= {c.value for c in claims if c.kind == claim.kind and c.end <= claim.start}
    if not chain.operands & kernels or not (chain.operands - chain.subtracted) & inputs:
        return None
    settings = {v for q in quantities if q.role in _LAYER_SETTINGS for v in q.values}
    # "2·p" and "2 x 1" write a stated padding twice: the 2 of the formula
    paddings = {2 * v for q in quantities if q.role == r.PADDING for v in q.values}
    paddings |= {Fraction(2)} if paddings else set()
    if not explained(chain, inputs | kernels | settings | paddings):
        return None  # the chain computes with a number the note's roles did not read
    return chain


_GROUPED = re.compile(r"\bgroup|\bg\s*=", re.I)
_COUNTS_PARAMETERS = re.compile(r"\bparam\w*|\bweights\b", re.I)
# copies of the layer, or a model around it: the count may be of more than the one call
_MANY_WORDS = (
    r"\b(?:two|three|four|five|six|eight|twice|copies|stack\w*|such|identical|each|both|model"
    r"|network|net|backbone|head|encoder|decoder|block|whole|entire|in all|total|all)\b"
)
_MANY_LAYERS = re.compile(
    _MANY_WORDS + r"|\d+\s*[x\u00d7]\s*(?:this|the|that|them)|[x\u00d7]\s*\d+\b", re.I
)
# (in a worked chain "x 100" is the formula's product, not copies: the words alone)
_MANY_NAMED = re.compile(_MANY_WORDS, re.I)
# a sentence's end: a stop, a semicolon, a colon or an arrow before a space (not a decimal)
_SENTENCE_END = re.compile(r"[.;!?:](?=\s)|\u2192|->")


def _sentence(document: LintDocument, claim: Claim) -> tuple[int, int]:
    """The file offsets of the claim's own sentence on its line (a table row is one)."""
    line_start = document.text.rfind("\n", 0, claim.start) + 1
    line_end = document.text.find("\n", claim.end)
    line_end = len(document.text) if line_end < 0 else line_end
    if document.text[line_start:line_end].lstrip().startswith("|"):
        return line_start, line_end
    start = line_start
    for match in _SENTENCE_END.finditer(document.text, line_start, claim.start):
        start = match.end()
    after = _SENTENCE_END.search(document.text, claim.end, line_end)
    return start, after.start() if after else line_end


# a sentence that says the size is a layer's output ("the output volume is ...", "gives")
_OUTPUT_WORDS = re.compile(
    r"\boutput|\bgives?\b|\byields?\b|\bproduces?\b|\bbecomes?\b|\bcomes out\b|\bresult", re.I
)


_SEVERAL = re.compile(
    r"\b(?:two|three|four|twice|pair|stack\w*|each|every|then|follow\w*|after|before|blocks?"
    r"|layers)\b",
    re.I,
)


# a layer setting written as a name ("stride=s"): a value the note leaves open
_UNSET = re.compile(r"\b(?:kernel_size|strides?|padding|dilation\w*)\s*=\s*[A-Za-z_]\w*\b(?!\s*\()")


_LATER_STAGE = re.compile(
    r"pool|\b(?:then|later|after|afterwards|next|follow\w*|blocks?|stages?|stack\w*)\b", re.I
)


_OWN_SETTING = re.compile(r"\bpad\w*|\bsame\b|\bvalid\b|\bstrides?\b", re.I)


def _lone_layer(
    document: LintDocument, claim: Claim, claims: Sequence[Claim], quantities: Sequence[Quantity]
) -> bool:
    """Whether the note describes one layer, on one line before the claim, and the claim's
    sentence says it is an output, with no other size claimed between them: the claim is
    that layer's output (judged at warning level, since it is not on the layer's line)."""
    lines = {q.line for q in quantities if q.role in _LAYER_SETTINGS}
    if len(lines) != 1:
        return False
    (line,) = lines
    kernels = [q for q in quantities if q.role == r.KERNEL and q.line == line]
    layer_start = document.offset_of_line(line)
    layer_end = document.text.find("\n", layer_start)
    layer_text = document.text[layer_start : layer_end if layer_end >= 0 else None]
    if len(kernels) > 1 or _SEVERAL.search(layer_text) or _UNSET.search(layer_text):
        return False  # more than one layer, or a setting the note gives no value
    # (a size claimed on the layer's own line already is its output: a later one under
    # another input is the walk readers' to judge)
    between = {
        c.line
        for c in claims
        if c.kind == claim.kind
        and (line <= c.line < claim.line or (c.line == claim.line and c.end <= claim.start))
    }
    start, end = _sentence(document, claim)
    if _LATER_STAGE.search(document.text, start, end):
        return False  # "pooling later gives a 23 x 23 map": a stage after the layer
    if _worked(document, claim) or _OWN_SETTING.search(_line_of(document, claim)):
        return False  # a written calculation, or a line that sets its own padding or stride
    return (
        line < claim.line and not between and bool(_OUTPUT_WORDS.search(document.text, start, end))
    )


def _spanned(quantities: Sequence[Quantity], body: str) -> int:
    """How many axes the note's kernels span: a written shape's, three for a 3-D layer."""
    spanned = max((len(q.values) for q in quantities if q.role == r.KERNEL), default=1)
    return max(spanned, 3) if _THREE_D.search(body) else spanned


def _stated_once(claim: Claim, quantities: Sequence[Quantity], needed: Sequence[str]) -> bool:
    """Whether every role in ``needed`` has one value in the whole note and is stated on the
    claim's own line: nothing carried, nothing chosen, no default."""
    for role in needed:
        mine = [q for q in quantities if q.role == role]
        if len({q.values for q in mine}) != 1 or all(q.line != claim.line for q in mine):
            return False
    return True


def _line_of(document: LintDocument, claim: Claim) -> str:
    start = document.text.rfind("\n", 0, claim.start) + 1
    end = document.text.find("\n", claim.end)
    return document.text[start : end if end >= 0 else len(document.text)]


def _own_roles(claim: Claim, quantities: Sequence[Quantity]) -> set[str]:
    return {q.role for q in quantities if q.line == claim.line}


def _chained(claim: Claim, claims: Sequence[Claim], axis: tuple[int, int]) -> frozenset[Fraction]:
    """The sizes of the nearest earlier line with claims of the same kind (the layer before,
    in a walk of stages), on the claim's axis."""
    # a size before it on its own line, joined by an arrow ("75 -> 38 -> 19 -> 10")
    beside = frozenset(c.value for c in claims if c.line == claim.line and c.end <= claim.start)
    # (a shape before it on its line, "... yields 28x28. Then 2x2 pooling gives 14x14", is
    # a layer before it too: any of its axes, since the shapes' layouts may differ)
    earlier = [c for c in claims if c.line < claim.line and c.kind == claim.kind]
    if not earlier:
        return beside
    line = max(c.line for c in earlier)
    row = [c.value for c in earlier if c.line == line]
    return frozenset(_aligned(tuple(row), axis)) | beside


def _params(
    document: LintDocument,
    claim: Claim,
    quantities: Sequence[Quantity],
    body: str,
    chain: Chain | None = None,
    answer: bool = False,
) -> Verdict:
    axis = (0, 1)
    ins = _pick(r.IN_FEATURES, claim, quantities, axis)
    outs = _pick(r.OUT_FEATURES, claim, quantities, axis)
    channels = _pick(r.CHANNELS, claim, quantities, axis)
    vocabulary = _pick(r.VOCABULARY, claim, quantities, axis)
    width = _pick(r.WIDTH, claim, quantities, axis)
    kernel = [q for q in quantities if q.role == r.KERNEL]
    either = channels.values if channels else frozenset()
    widths = width.values if width else frozenset()
    in_values = (ins.values if ins else frozenset()) | either | widths
    out_values = (outs.values if outs else frozenset()) | either | widths
    if not (in_values and out_values) and not (vocabulary and widths):
        return Verdict(claim, "roles missing: in, out features")
    # a worked chain computes with this layer when its operands hold its input and output
    bound = chain is not None and bool(chain.operands & in_values and chain.operands & out_values)
    if chain is not None and not bound:
        return Verdict(claim, "set aside: a worked calculation")
    if claim.value == 0:
        return Verdict(claim, "set aside: no parameters")  # a pooling row's 0
    sizes = {q.line for q in quantities if q.role in _LAYER_SIZES}
    own = _own_roles(claim, quantities)
    counts_claimed = {c.line for c in inventory(document) if c.kind == Kind.PARAMETERS}
    one_layer = len(sizes) <= 1 and len(counts_claimed) <= 2
    if not ({r.IN_FEATURES, r.OUT_FEATURES} <= own or {r.VOCABULARY, r.WIDTH} <= own or one_layer):
        # no layer on the claim's line, and more than one in the note: any part or sum
        return Verdict(claim, "set aside: several layers")
    called = {q.role for q in quantities if q.line == claim.line and q.source == "call"}
    # a chain on a line that states its own layer ("- conv2, 64 -> 128 channels: 3 x 3 x 64 x
    # 128 = 73,728") counts that layer, whatever other layers the note has
    own_in = _own_values(claim, quantities, r.IN_FEATURES)
    own_out = _own_values(claim, quantities, r.OUT_FEATURES)
    own_layer = (
        chain is not None
        and len(own_in) == 1
        and len(own_out) == 1
        and bool(chain.operands & own_in and chain.operands & own_out)
    )
    if own_layer:
        in_values, out_values, widths = own_in, own_out, frozenset()
    elif {r.IN_FEATURES, r.OUT_FEATURES} <= called:
        # "nn.Linear(hidden, 2 * act_dim)  # 1,542": the call on the claim's line is its layer
        # (its own arguments only: ``_pick`` keeps a call's on the claim's line)
        in_values = ins.values if ins else in_values
        out_values = outs.values if outs else out_values
        widths = frozenset()
    elif sizes - {claim.line} and len(sizes) > 1:
        # sizes on several lines: several layers, and a count may be any part or sum of them
        return Verdict(claim, "set aside: several layers")
    gates = frozenset(g for pattern, g in _GATES if pattern.search(body))
    if _RNN.search(body):
        gates |= {1}
    roles = ParamRoles(
        in_values,
        out_values,
        frozenset(_volumes(kernel)),
        vocabulary.values if vocabulary else frozenset(),
        widths,
        frozenset({True, False}) if _NO_BIAS.search(body) else frozenset({True}),
        gates,
        bool(_DEPTHWISE.search(body)),
        bool(_NORM.search(body)),
        # a count of one tensor only where the claim's own line names it
        bool(_PART.search(_line_of(document, claim))),
        frozenset(v for q in quantities if q.role == r.GROUPS for v in q.values),
    )
    counts = set(param_counts(roles))
    if claim.value in counts:
        return Verdict(claim, "reproduced")
    named = ("input and output sizes", "kernel")
    heading = body.split("\n", 1)[0]
    heading_end = document.body_offset + len(heading)
    in_heading = {q.role for q in quantities if q.source == "call" and q.start < heading_end}
    # a bare answer under a heading that names one layer call and asks for its parameters
    plain = (
        answer
        and bool(counts)
        and {r.IN_FEATURES, r.OUT_FEATURES} <= in_heading
        and bool(_COUNTS_PARAMETERS.search(heading))
        and not _MANY_NAMED.search(heading)
        and not (gates or roles.norm or roles.parts or roles.depthwise or vocabulary)
        and _once(quantities, r.IN_FEATURES)
        and _once(quantities, r.OUT_FEATURES)
        and len({q.values for q in kernel}) <= 1
        and not _GROUPED.search(body)
    )
    own_kernel = any(q.role == r.KERNEL and q.line == claim.line for q in kernel)
    start, end = _sentence(document, claim)
    sentence = document.text[start:end]
    in_sentence = {q.role for q in quantities if q.source == "call" and start <= q.start < end}
    # sure: one layer call in the claim's sentence binds every size the count needs, the
    # sentence counts parameters of that one layer (no copies of it, no model around it), and
    # the note has no other kind of layer whose count it could be
    sure = (
        {r.IN_FEATURES, r.OUT_FEATURES} <= in_sentence
        and bool(_COUNTS_PARAMETERS.search(sentence))
        and not _MANY_LAYERS.search(sentence)
        and (own_kernel or not kernel)
        and not (gates or roles.norm or roles.parts or roles.depthwise or vocabulary)
        and _stated_once(claim, quantities, (r.IN_FEATURES, r.OUT_FEATURES))
    )
    if chain is not None:
        # a chain's count: its operands bind the one layer's sizes (each stated once in the
        # note, its kernel too), the sentence counts parameters, and nothing else may count
        heading = body.split("\n", 1)[0]
        # a chain on a line that states its own layer is that layer's whatever other layers
        # (a norm, a depthwise or gated one) the note has: only its own line may widen it
        line = _line_of(document, claim)
        others = (
            (
                _NORM.search(line) or _DEPTHWISE.search(line) or _GROUPED.search(line),
                [g for pattern, g in _GATES if pattern.search(line)] or _RNN.search(line),
            )
            if own_layer
            else (roles.norm or roles.depthwise or _GROUPED.search(body), len(gates) > 1)
        )
        sure = (
            bool(_COUNTS_PARAMETERS.search(f"{heading} {sentence}"))
            and not _MANY_NAMED.search(sentence)
            and not others[1]
            and not (others[0] or roles.parts or vocabulary)
            and (
                own_layer
                or (_once(quantities, r.IN_FEATURES) and _once(quantities, r.OUT_FEATURES))
            )
            and len({q.values for q in kernel if not own_layer or q.line == claim.line}) <= 1
            and explained(
                chain,
                set(in_values | out_values | roles.kernels)
                | {Fraction(g) for g in gates}
                | {v for q in kernel for v in q.values},
            )
        )
    return Verdict(claim, "no reading", sure, _nearest(counts, claim.value), named, plain=plain)


def _own_values(claim: Claim, quantities: Sequence[Quantity], role: str) -> frozenset[Fraction]:
    """The values of ``role`` stated on the claim's own line."""
    return frozenset(
        v for q in quantities if q.role == role and q.line == claim.line for v in q.values
    )


def _volumes(kernels: Sequence[Quantity]) -> Iterator[Fraction]:
    """A kernel's volume: a shape's product, or one side squared or cubed (``3`` of a 2-D
    or 3-D layer)."""
    for quantity in kernels:
        volume = Fraction(1)
        for value in quantity.values:
            volume *= value
        yield volume
        if len(quantity.values) == 1:
            yield volume**2
            yield volume**3


def _steps(
    document: LintDocument,
    claim: Claim,
    quantities: Sequence[Quantity],
    body: str,
    whole_note: bool = False,
    chain: Chain | None = None,
) -> Verdict:
    axis = (0, 1)
    samples = _pick(r.SAMPLES, claim, quantities, axis)
    batch = _pick(r.BATCH, claim, quantities, axis)
    if samples is None or batch is None:
        missing = [n for n, p in (("samples", samples), ("batch", batch)) if p is None]
        return Verdict(claim, "roles missing: " + ", ".join(missing))
    one_setup = whole_note and len(samples.values) == len(batch.values) == 1
    # a worked chain computes with the set-up whose data size and batch are its operands
    # (a count of steps divides the data by the batch: a chain with no division, or one
    # whose result is more than the data, counts something else, "8 x 160,146 = 1,281,168")
    bound = (
        chain is not None
        and bool(chain.operands & samples.values and chain.operands & batch.values)
        and bool(_DIVIDES.search(chain.text))
        and claim.value <= max(samples.values) * max(_epochs_stated(quantities), default=1)
    )
    if chain is not None and not bound:
        return Verdict(claim, "set aside: a worked calculation")
    if not {r.SAMPLES, r.BATCH} <= _own_roles(claim, quantities) and not (one_setup or bound):
        # a count whose line does not state its data and batch: the epoch readers above read
        # set-ups across a note's sentences; the linker judges a row or a line of its own
        return Verdict(claim, "set aside: no set-up on its line")
    devices = _pick(r.DEVICES, claim, quantities, axis)
    accumulation = _pick(r.ACCUMULATION, claim, quantities, axis)
    epochs = _pick(r.EPOCHS, claim, quantities, axis)
    roundings = set()
    # (a chain's own rounding, "math.ceil(50_000 / 128)", is the method judged, no setting)
    scanned = body.replace(_line_of(document, claim), "") if chain is not None else body
    for sentence in _SENTENCE.split(scanned):
        if _SUPPOSED.match(sentence):
            continue  # "With drop_last=True it is 390": the other setting, supposed
        if _stated_setting(_KEEPS_LAST, sentence):
            roundings.add("ceil")
        if _stated_setting(_DROPS_LAST, sentence):
            roundings.add("floor")
    if chain is not None and roundings and _both_worked(document, claim, body):
        # a rounding the chain writes itself ("⌈9,000 / 256⌉ = 36; with drop_last=True, 35")
        # is the author's for this count where its line sets it beside the other flag
        if _CEIL_WRITTEN.search(chain.text):
            roundings.add("ceil")
        if _FLOOR_WRITTEN.search(chain.text):
            roundings.add("floor")
    roles = StepRoles(
        samples.values,
        batch.values,
        devices.values if devices else frozenset(),
        (accumulation.values if accumulation else frozenset()) | {Fraction(1)},
        epochs.values if epochs else frozenset(),
        frozenset(roundings or {"floor", "ceil"}),
        frozenset(v for q in quantities if q.role == r.LIMIT for v in q.values),
        devices is not None and devices.sure and bool(_PER_DEVICE.search(body)),
        accumulation is not None
        and accumulation.sure
        and bool(_OPTIMIZER.search(_counted(document, claim, chain))),
        # the note states its rounding: a total over epochs is the epoch's count times them
        len(roundings) == 1,
    )
    counts = set(step_counts(roles))
    if claim.value in counts:
        return Verdict(claim, "reproduced")
    sure = (
        not devices
        and not accumulation
        and not roles.limits
        and len(roundings) == 1
        and _stated_once(claim, quantities, (r.SAMPLES, r.BATCH))
    )
    if chain is not None:
        # a chain's count: one data size and one batch, its operands; a rounding the note
        # states or one the quotients do not need; devices only under a per-device batch,
        # an accumulation only for a count of optimizer updates
        known = {
            v
            for q in quantities
            if q.role in (r.SAMPLES, r.BATCH, r.DEVICES, r.ACCUMULATION, r.EPOCHS)
            for v in q.values
        }
        # (one data size and batch in the note, or on the chain's own line)
        own = [_own_values(claim, quantities, role) for role in (r.SAMPLES, r.BATCH)]
        sure = (
            explained(chain, known)
            and (
                all(len(values) == 1 and chain.operands & values for values in own)
                or (_once(quantities, r.SAMPLES) and _once(quantities, r.BATCH))
            )
            and (not devices or (devices.sure and roles.per_device))
            and (not accumulation or (accumulation.sure and roles.optimizer))
            and not roles.limits
            and (len(roundings) == 1 or _rounding_free(roles))
        )
    # a bare answer to a heading that states one data size, one batch and its rounding, and
    # nothing that shares, spreads or caps the data
    plain = (
        whole_note
        and bool(counts)  # (no reading at all: the roles read are no set-up, "a last batch of 80")
        and _once(quantities, r.SAMPLES)
        and _once(quantities, r.BATCH)
        and not (devices or accumulation or roles.limits)
        and (len(roundings) == 1 or _rounding_free(roles))
        and not _SHARED.search(body)
    )
    named = ("samples", "batch", "devices", "accumulation", "epochs")
    return Verdict(claim, "no reading", sure, _nearest(counts, claim.value), named, plain=plain)


# a part of the data, or data spread over more than one loader or run
_SHARED = re.compile(
    r"%|per ?cent|held[- ]?out|hold[- ]?out|validation|val|split|folds?|test"
    r"|shards?|subset|fraction|share|portion|only|half|third|quarter|GPUs?"
    r"|devices?|nodes?|accumulat",
    re.I,
)


def _counted(document: LintDocument, claim: Claim, chain: Chain | None) -> str:
    """Where a count says what it counts: its line, or a chain's own sentence ("= 1,250
    batches; 1,250 / 4 = 312 optimizer updates" counts batches first)."""
    if chain is None:
        return _line_of(document, claim)
    start, end = _sentence(document, claim)
    return document.text[start:end]


_FLAGGED = re.compile(r"drop_last|drop_remainder|partial|remainder", re.I)


def _both_worked(document: LintDocument, claim: Claim, body: str) -> bool:
    """Whether the note works a count out under each setting: the chain's line names the
    other flag too, or another line below the heading writes a rounding of its own."""
    line = _line_of(document, claim)
    if _FLAGGED.search(line):
        return True
    own = f"{chain_text(document, claim)} {line}"  # the chain, over the lines it runs on
    return any(
        _CEIL_WRITTEN.search(other) or _FLOOR_WRITTEN.search(other)
        for other in body.split("\n")[1:]
        if other.strip() and other.strip().removesuffix("\\\\").strip() not in own
    )


_CEIL_WRITTEN = re.compile(r"\u2308|\\lceil|\bceil", re.I)
_FLOOR_WRITTEN = re.compile(r"\u230a|\\lfloor|\bfloor|//", re.I)


_DIVIDES = re.compile(r"[/\u00f7]|\\frac|\\div")


def _epochs_stated(quantities: Sequence[Quantity]) -> set[Fraction]:
    return {v for q in quantities if q.role == r.EPOCHS for v in q.values}


def _rounding_free(roles: StepRoles) -> bool:
    """Whether floor and ceiling give the same counts: every quotient is whole."""
    floors = set(step_counts(replace(roles, roundings=frozenset({"floor"}))))
    return bool(floors) and floors == set(
        step_counts(replace(roles, roundings=frozenset({"ceil"})))
    )


# a flag its clause only supposes: "or 125 with drop_last=True", "unless drop_last=True is set"
# (a clause that opens the sentence with "with" is ``_SUPPOSED``'s; mid-sentence, "... per
# epoch with drop_last=False" states the note's own setting)
_SUPPOSING = re.compile(r"\b(?:or|if|unless|whereas|would|had|otherwise|instead)\b", re.I)


# a sentence that only imagines a setting ("Passing drop_last=True could save one step")
_MODAL = re.compile(
    r"\b(?:could|would|might|may|can|should|were|suppose\w*|imagine|alternative\w*|instead"
    r"|otherwise|else|rather|switch\w*|chang\w*|option\w*|assum\w*)\b|\w'd\b",
    re.I,
)


def _stated_setting(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether ``pattern`` names the note's own setting in ``sentence``: somewhere outside a
    clause that only supposes it."""
    for match in pattern.finditer(sentence):
        clause = re.split(r"[,:;(\u2014]|\bbut\b", sentence[: match.start()])[-1]
        if not _SUPPOSING.search(clause) and not _MODAL.search(sentence):
            return True
    return False


def _nearest(values: set[Fraction], target: Fraction) -> Fraction | None:
    return min(values, key=lambda v: (abs(v - target), v)) if values else None
