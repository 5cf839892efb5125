"""AG101 on quantities that notes derive in words rather than write as a calculation.

* Metrics of a stated confusion matrix: "TP = 40, FP = 10, FN = 20 … recall is 0.5" (40 / 60).
* A rate of two counts: "870 of the 1,000 test images correctly, an accuracy of 88 %".
* A class ratio: "950 negatives and 50 positives, a 20:1 imbalance" (19:1).
* A step-decay schedule: "starting at 0.1 and halved every 10 epochs, after 30 epochs 0.025".
* Products and quotients of a rate and a count: tokens in a batch of sequences, the time of an
  epoch from the time of a step or from a throughput, the memory of weights from their bytes.

Each finder reads one paragraph (the metrics read the whole note, whose counts may stand in a
list above the claim) and yields ``PhraseClaim`` objects only when every quantity it needs is
stated once; a result may be rounded or truncated to the digits written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from fractions import Fraction

from ankigen.lint.arith.phrases import PhraseClaim
from ankigen.lint.lazy_pattern import lazy_regex

TIMES = "\N{MULTIPLICATION SIGN}"
_OPERATORS = "-+*/\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DIVISION SIGN}"
_PRODUCT = lazy_regex(
    r"[\N{MULTIPLICATION SIGN}x*\N{MIDDLE DOT}]\s*\d|\d\s*[\N{MULTIPLICATION SIGN}x*\N{MIDDLE DOT}]"
)
_SCALES = {
    "k": 1000,
    "K": 1000,
    "M": 10**6,
    "B": 10**9,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
}
_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|[.,]\d)"
_SCALED = (
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s?(?:[kKMB]|thousand|million|billion)(?![a-z]))?(?![.,]\d)"
)
_DECIMAL = r"(?<![\w.,])(?:\d+(?:\.\d+)?\s?%|\d*\.\d+)(?![\w]|[.,]\d)"
_ABOUT = r"(?:(?:about|approximately|roughly|around|nearly|≈|~)\s*)?"


def _value(text: str) -> tuple[Fraction, Fraction]:
    """A written number's value and the unit of its last digit: "2.5M" -> (2,500,000, 100,000),
    "87 %" -> (0.87, 0.01)."""
    text = text.strip().replace(",", "")
    percent = text.endswith("%")
    text = text.rstrip("%").strip()
    match = re.fullmatch(r"([\d.]+)\s*([a-zA-Z]*)", text)
    if match is None:
        raise ValueError(text)
    digits, suffix = match.groups()
    scale = Fraction(_SCALES.get(suffix, 1)) / (100 if percent else 1)
    decimals = len(digits.partition(".")[2])
    return Fraction(digits) * scale, Fraction(1, 10**decimals) * scale


def _rounded(value: Fraction, written: str) -> bool:
    """Whether ``written`` is ``value`` rounded or truncated to its last digit."""
    claimed, ulp = _value(written)
    return abs(value - claimed) <= ulp / 2 or claimed <= value < claimed + ulp


def _near(value: Fraction, written: str) -> bool:
    """Rounded to the digits written, or within 2 %: sizes like "7B" are themselves rounded."""
    return _rounded(value, written) or abs(value - _value(written)[0]) <= value / 50


def _claim(start: int, end: int, expression: str, value: Fraction, written: str) -> PhraseClaim:
    return PhraseClaim(start, end, expression, value, written.strip(), _value(written)[0])


# ---------------------------------------------------------------------------------------------
# Metrics of a confusion matrix

_CELL_NAMES = {"tp": "TP", "fp": "FP", "fn": "FN", "tn": "TN"}
_COUNT_AFTER = lazy_regex(
    rf"\b(?-i:(?P<short>TP|FP|FN|TN))\s*(?:=|:|is|of)\s*\**(?P<n>{_N})"
    rf"|\b(?P<truth>true|false)[ -](?P<side>positives?|negatives?)\**(?:\s*\((?-i:TP|FP|FN|TN)\))?"
    rf"\s*\**(?:=|:|are|is|of|number)?\**\s*\**(?P<n2>{_N})(?!\s*[{_OPERATORS}%]\s*\d|\s*%)"
    rf"|(?P<n3>{_N})\s+(?P<truth3>true|false)[ -](?P<side3>positives?|negatives?)\b",
    re.IGNORECASE,
)
_METRICS = {
    "precision": ("TP", "FP"),
    "recall": ("TP", "FN"),
    "sensitivity": ("TP", "FN"),
    "true positive rate": ("TP", "FN"),
    "tpr": ("TP", "FN"),
    "specificity": ("TN", "FP"),
    "true negative rate": ("TN", "FP"),
    "false positive rate": ("FP", "TN"),
    "fpr": ("FP", "TN"),
    "f1": ("TP", "FP", "FN"),
    "accuracy": ("TP", "FP", "FN", "TN"),
}
_METRIC_CLAIM = lazy_regex(
    r"\b(?P<metric>precision|recall|sensitivity|specificity|true\s+positive\s+rate|"
    r"true\s+negative\s+rate|false\s+positive\s+rate|(?-i:TPR|FPR)|F[-_ ]?1(?:[- ]score)?|"
    r"accuracy)\**(?:\s*\((?:[A-Za-z ]+)\))?\s*(?:is|=|:|of|equals|comes\s+to|would\s+be|"
    r"becomes|at|≈|~)?\s*\**\s*(?:\{\{c\d+::)?"
    rf"{_ABOUT}\**(?P<value>{_DECIMAL})\**(?!\s*(?:[{_OPERATORS}(]|\*\*?\s*\d|\d))",
    re.IGNORECASE,
)


def _cell(match: re.Match[str]) -> tuple[str, str] | None:
    if match.group("short"):
        return match.group("short").upper(), match.group("n")
    truth = match.group("truth") or match.group("truth3")
    side = match.group("side") or match.group("side3")
    number = match.group("n2") or match.group("n3")
    if truth is None or side is None or number is None:
        return None
    return f"{truth[0].upper()}{side[0].upper()}", number


def confusion_counts(text: str, start: int, end: int) -> dict[str, Fraction] | None:
    """TP, FP, FN and TN as the note states them; None when one is stated twice differently."""
    counts: dict[str, Fraction] = {}
    for match in _COUNT_AFTER.finditer(text, start, end):
        cell = _cell(match)
        if cell is None:
            continue
        name, number = cell
        value = _value(number)[0]
        if counts.setdefault(name, value) != value:
            return None
    return counts


def _metric_value(metric: str, counts: dict[str, Fraction]) -> tuple[Fraction, str] | None:
    key = re.sub(r"\s+", " ", metric.lower())
    key = "f1" if key.startswith("f") and "1" in key else key
    needed = _METRICS.get(key)
    if needed is None or any(name not in counts for name in needed):
        return None
    tp, fp = counts.get("TP", Fraction(0)), counts.get("FP", Fraction(0))
    fn, tn = counts.get("FN", Fraction(0)), counts.get("TN", Fraction(0))
    formulas: dict[tuple[str, ...], tuple[Fraction, Fraction, str]] = {
        ("TP", "FP"): (tp, tp + fp, "TP / (TP + FP)"),
        ("TP", "FN"): (tp, tp + fn, "TP / (TP + FN)"),
        ("TN", "FP"): (tn, tn + fp, "TN / (TN + FP)"),
        ("FP", "TN"): (fp, fp + tn, "FP / (FP + TN)"),
        ("TP", "FP", "FN"): (2 * tp, 2 * tp + fp + fn, "2·TP / (2·TP + FP + FN)"),
        ("TP", "FP", "FN", "TN"): (tp + tn, tp + fp + fn + tn, "(TP + TN) / all"),
    }
    numerator, denominator, formula = formulas[needed]
    if denominator == 0:
        return None
    shown = formula
    for name in ("TP", "FP", "FN", "TN"):
        shown = shown.replace(name, _plain(counts.get(name, Fraction(0))))
    return numerator / denominator, shown.replace("all", _plain(tp + fp + fn + tn))


def _plain(value: Fraction) -> str:
    return f"{int(value):,}" if value.denominator == 1 else str(float(value))


def metric_claims(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    """Precision, recall, F1 … stated beside the confusion counts they follow from."""
    if not re.search(r"positive|negative|\b(?-i:TP|FP|FN|TN)\b", text[start:end], re.I):
        return
    counts = confusion_counts(text, start, end)
    if not counts or len(counts) < 2:
        return
    for match in _METRIC_CLAIM.finditer(text, start, end):
        computed = _metric_value(match.group("metric"), counts)
        if computed is None:
            continue
        value, expression = computed
        written = match.group("value")
        if not _rounded(value, written) and not _rounded(value * 100, written.rstrip("% ")):
            yield _claim(match.start(), match.end(), expression, value, written)


# ---------------------------------------------------------------------------------------------
# A rate of two counts

_RATE_NOUN = (
    r"(?:accuracy|error(?:\s+rate)?|(?:hit|success|failure|miss|pass|recognition|detection|"
    r"top-?[15]|click-?through|conversion|churn)\s+(?:rate|accuracy)|precision|recall)"
)
_OUT_OF = lazy_regex(
    rf"(?:(?P<n>{_N})\s+(?:out\s+of|of)\s+(?:the\s+|all\s+|its\s+|our\s+)?(?P<m>{_N})\b"
    # "out of 2,000 test reviews it got 1,880 right": the whole first, then the part
    rf"|\bout\s+of\s+(?:the\s+|all\s+)?(?P<m2>{_N})\b[^.;\n%\d]{{1,60}}?(?P<n2>{_N})\b)"
    r"(?P<middle>[^.;\n%\d]{0,60}?)(?:[,:;(]\s*|\s+)"
    r"(?:(?:an?|the|its|their|for\s+an?|giving\s+an?|i\.e\.,?\s+(?:an?\s+)?|so\s+(?:an?\s+|the\s+)?)"
    r"\s*)?(?:"
    rf"{_RATE_NOUN}\s+(?:of|is|=|:|at)?\s*(?:\{{\{{c\d+::)?{_ABOUT}\**(?P<result>{_DECIMAL})"
    rf"|(?:\{{\{{c\d+::)?{_ABOUT}\**(?P<result2>{_DECIMAL})\**(?:\}}\}})?\s+{_RATE_NOUN})",
    re.IGNORECASE,
)
# Words that make "N of M" a count of right or wrong answers, not "3 of 5 folds".
_JUDGED = lazy_regex(
    r"correct|right|wrong|misclassif|incorrect|mislabel|error|mistake|accurate|classif|predict|"
    r"label|identif|detect|recogni|\bhits?\b|\bmiss",
    re.IGNORECASE,
)


def _rates_of_counts(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    for match in _OUT_OF.finditer(text, start, end):
        window = text[max(start, match.start() - 40) : match.end()]
        if not _JUDGED.search(window):
            continue
        written_n = match.group("n") or match.group("n2")
        written_m = match.group("m") or match.group("m2")
        n, m = _value(written_n)[0], _value(written_m)[0]
        if m == 0 or n > m:
            continue
        written = match.group("result") or match.group("result2")
        share = n / m
        if _rounded(share, written) or _rounded(1 - share, written):
            continue
        expression = f"{written_n} / {written_m}"
        yield _claim(match.start(), match.end(), expression, share, written)


# ---------------------------------------------------------------------------------------------
# A ratio of two classes

_CLASS_RATIO = lazy_regex(
    rf"(?P<a>{_N})\s+(?:[a-z-]+\s+){{0,2}}?[a-z-]+\s+(?:and|vs\.?|versus|against|to)\s+"
    rf"(?P<b>{_N})\s+(?:[a-z-]+\s+){{0,2}}?[a-z-]+\b[^.;\n\d]{{0,30}}?"
    r"(?<![\w.,:])(?P<r1>\d+(?:\.\d+)?)\s*(?::|\s+to\s+)\s*(?P<r2>\d+(?:\.\d+)?)(?![\w.,:]\d)\s*"
    r"(?:class\s+)?(?:ratio|imbalance|split)\b",
    re.IGNORECASE,
)


def _class_ratios(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    for match in _CLASS_RATIO.finditer(text, start, end):
        a, b = _value(match.group("a"))[0], _value(match.group("b"))[0]
        r1 = _value(match.group("r1"))[0]
        r2 = _value(match.group("r2"))[0]
        if 0 in (a, b, r2):
            continue
        larger, smaller = max(a, b), min(a, b)
        ratio = larger / smaller
        stated = max(r1, r2) / min(r1, r2)
        if min(r1, r2) != 1 and ratio == stated:
            continue
        if min(r1, r2) == 1 and _rounded(ratio, match.group("r1" if r1 >= r2 else "r2")):
            continue
        if ratio == stated:
            continue
        written = f"{match.group('r1')}:{match.group('r2')}"
        expression = f"{_plain(larger)} / {_plain(smaller)}"
        yield PhraseClaim(match.start(), match.end(), expression, ratio, written, stated)


# ---------------------------------------------------------------------------------------------
# Step decay of a learning rate

_DECAY = lazy_regex(
    r"\b(?:(?P<half>halv(?:ed|es|ing)|cut\s+in\s+half)"
    rf"|(?:divided|divides|dividing|reduced|reduces|cut|cuts|dropped|drops|decayed|decays|"
    rf"lowered|lowers|decreased|decreases)\s+by\s+(?:a\s+factor\s+(?:of\s+)?)?(?P<div>{_N})"
    rf"(?!\s*%)"
    rf"|(?:multiplied|multiplies|multiplying|scaled|scales|decayed|decays)\s+by\s+"
    rf"(?:a\s+factor\s+(?:of\s+)?)?(?P<mul>0?\.\d+))",
    re.IGNORECASE,
)
_EVERY = lazy_regex(rf"\bevery\s+(?P<e>{_N})\s+(?P<unit>epochs?|steps?|iterations?)\b", re.I)
_START = lazy_regex(
    r"\b(?:start(?:s|ing)?\s+(?:at|from|with)|initial(?:ly)?(?:\s+(?:learning\s+)?rate)?"
    r"(?:\s+(?:of|is|=|at))?|begins?\s+at|(?-i:lr)\s*=|learning\s+rate\s+(?:of|=)|from)"
    rf"\s*(?P<l0>{_N}|\d(?:\.\d+)?[eE]-?\d+)",
    re.IGNORECASE,
)
_AFTER = lazy_regex(
    rf"\b(?:after|over|following)\s+(?P<t>{_N})\s+(?P<unit>epochs?|steps?|iterations?)\b"
    rf"[^.;\n]{{0,60}}?(?:\bis\b|=|→|->|\bbecomes\b|\breaches\b|\bgoes\s+(?:to\s+)?|"
    rf"\b(?:drops|falls|decays)\s+to\b|:|\bof\b|\bat\b|\bto\b)\s*{_ABOUT}"
    rf"(?:\**\s*)?(?:(?P<l0>{_N})\s*(?:→|->)\s*)?(?P<result>{_N}|\d(?:\.\d+)?[eE]-?\d+)",
    re.IGNORECASE,
)


def _decay_factor(match: re.Match[str]) -> Fraction:
    if match.group("half"):
        return Fraction(1, 2)
    if match.group("div"):
        divisor = _value(match.group("div"))[0]
        return 1 / divisor if divisor > 1 else Fraction(0)
    return Fraction(match.group("mul"))


def _step_decays(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    decays = list(_DECAY.finditer(text, start, end))
    everies = list(_EVERY.finditer(text, start, end))
    afters = list(_AFTER.finditer(text, start, end))
    if len(decays) != 1 or len(everies) != 1 or len(afters) != 1:
        return
    factor = _decay_factor(decays[0])
    every, after = everies[0], afters[0]
    if factor in (0, 1) or every.group("unit")[:3] != after.group("unit")[:3]:
        return
    starts = list(_START.finditer(text, start, after.start("result")))
    first = after.group("l0") or (starts[0].group("l0") if len(starts) == 1 else None)
    if first is None:
        return
    period = _value(every.group("e"))[0]
    length = _value(after.group("t"))[0]
    if period == 0 or length > 1000 * period:
        return
    decays_done = int(length // period)
    initial = Fraction(first.replace(",", "")) if "e" not in first.lower() else Fraction(first)
    value = initial * factor**decays_done
    written = after.group("result")
    claimed = Fraction(written) if "e" in written.lower() else _value(written)[0]
    scientific = "e" in written.lower()
    if (scientific and abs(value - claimed) <= abs(value) / 100) or (
        not scientific and _rounded(value, written)
    ):
        return
    expression = f"{first} {TIMES} {_plain(factor)}^{decays_done}"
    yield PhraseClaim(after.start(), after.end(), expression, value, written, claimed)


# ---------------------------------------------------------------------------------------------
# A rate times a count

_SEQUENCE_BATCH = lazy_regex(
    rf"\bbatch(?:es)?\s+of\s+(?P<b>{_N})\s+(?:sequences|sentences|examples|samples|documents|"
    rf"texts|prompts)\s+(?:of|with)\s+(?P<l>{_N})\s+tokens(?:\s+each)?[^.;\n\d]{{0,30}}?"
    rf"\b(?:holds?|contains?|has|have|is|are|gives?|means?|=|totals?|comes?\s+to|makes?)\s+"
    rf"{_ABOUT}(?P<result>{_SCALED})\s+tokens\b",
    re.IGNORECASE,
)


def _sequence_batches(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    for match in _SEQUENCE_BATCH.finditer(text, start, end):
        b, length = _value(match.group("b"))[0], _value(match.group("l"))[0]
        written = match.group("result")
        if not _rounded(b * length, written):
            expression = f"{match.group('b')} {TIMES} {match.group('l')}"
            yield _claim(match.start(), match.end(), expression, b * length, written)


_SECONDS = {
    "ms": Fraction(1, 1000),
    "milliseconds": Fraction(1, 1000),
    "s": Fraction(1),
    "sec": Fraction(1),
    "secs": Fraction(1),
    "second": Fraction(1),
    "seconds": Fraction(1),
    "min": Fraction(60),
    "mins": Fraction(60),
    "minute": Fraction(60),
    "minutes": Fraction(60),
    "h": Fraction(3600),
    "hour": Fraction(3600),
    "hours": Fraction(3600),
}
_TIME_UNIT = r"(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hours?)"
_ITEM = r"(?P<item>steps?|iterations?|batch(?:es)?|mini-?batch(?:es)?|images?|samples?|examples?)"
# "0.2 s per step", "each step takes 0.2 s", "a step takes 200 ms"
_TIME_PER = lazy_regex(
    rf"(?P<t>{_N})\s*(?P<u>{_TIME_UNIT})\s+(?:per|each|/|an?|for\s+each)\s+{_ITEM}\b"
    rf"|\b(?:each|every|one|a|per)\s+{_ITEM.replace('item', 'item2')}\s+(?:takes|lasts|needs|"
    rf"costs|runs\s+(?:for|in))\s+{_ABOUT}(?P<t2>{_N})\s*(?P<u2>{_TIME_UNIT})\b",
    re.IGNORECASE,
)
# "250 images per second", "250 images/s"
_THROUGHPUT = lazy_regex(
    rf"(?P<v>{_SCALED})\s+{_ITEM}\s*(?:per\s+(?:second|sec|s)\b|/\s?s\b|a\s+second\b)",
    re.IGNORECASE,
)
_TOTAL_TIME = lazy_regex(
    rf"\b(?:lasts?|takes?|needs?|requires?|runs?\s+(?:for|in)|is|=|of|in|about|costs?)\s+"
    rf"{_ABOUT}(?P<r>{_N})\s*(?P<ru>{_TIME_UNIT})\b(?!\s*(?:per|each|/|an?\s+(?:step|image)))",
    re.IGNORECASE,
)


def _singular(word: str) -> str:
    word = word.lower().replace("-", "")
    for ending in ("es", "s"):
        if word.endswith(ending) and word[: -len(ending)] in ("batch", "minibatch"):
            return word[: -len(ending)]
    return word.rstrip("s")


# "500 steps", "50,000 training images": a count and the one or two words after it.
_COUNTED = lazy_regex(rf"(?P<n>{_SCALED})\s+(?P<w1>[a-z-]+)(?:\s+(?P<w2>[a-z-]+))?", re.I)


def _count_of(text: str, start: int, end: int, item: str, skip: tuple[int, int]) -> str | None:
    """The one count of ``item`` in the paragraph: "500 steps", "an epoch has 500 steps"."""
    found = {
        match.group("n")
        for match in _COUNTED.finditer(text, start, end)
        if item in (_singular(match.group("w1")), _singular(match.group("w2") or ""))
        and not (skip[0] <= match.start("n") < skip[1])
    }
    return found.pop() if len(found) == 1 else None


_EPOCHS = lazy_regex(rf"(?P<e>{_N})\s+(?:epochs|passes|runs)\b", re.IGNORECASE)


# Any rate per second, also one that names no item: "at 100/s", "50 per second".
_ANY_THROUGHPUT = lazy_regex(
    rf"{_SCALED}\s*(?:[a-z-]+\s*)?(?:/\s?s\b|per\s+(?:second|sec)\b|a\s+second\b)", re.I
)


def _total_times(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    rate_matches = list(_TIME_PER.finditer(text, start, end))
    throughputs = list(_THROUGHPUT.finditer(text, start, end))
    if len(rate_matches) + len(throughputs) != 1:
        return
    if throughputs and len(_ANY_THROUGHPUT.findall(text, start, end)) > 1:
        return  # "1,000 at 100/s then 1,000 at 50/s ... ≈ 66.7 samples/s": whose time is whose?
    if rate_matches:
        rate = rate_matches[0]
        item = _singular(rate.group("item") or rate.group("item2"))
        time = _value(rate.group("t") or rate.group("t2"))[0]
        unit = (rate.group("u") or rate.group("u2")).lower()
        seconds_per_item, span = time * _SECONDS[unit], rate.span()
    else:
        rate = throughputs[0]
        item, span = _singular(rate.group("item")), rate.span()
        per_second = _value(rate.group("v"))[0]
        if per_second == 0:
            return
        seconds_per_item = 1 / per_second
    count = _count_of(text, start, end, item, span)
    if count is None:
        return
    totals = [
        m for m in _TOTAL_TIME.finditer(text, start, end) if not span[0] <= m.start("r") < span[1]
    ]
    totals = [m for m in totals if m.start() > min(span[0], text.find(count, start))]
    if len(totals) != 1:
        return
    total = totals[0]
    seconds = _value(count)[0] * seconds_per_item
    value = seconds / _SECONDS[total.group("ru").lower()]
    written = total.group("r")
    # "so 10 epochs take 1,000 s": the time of one epoch times the epochs named.
    repeats = [Fraction(1)] + [
        _value(match.group("e"))[0] for match in _EPOCHS.finditer(text, start, end)
    ]
    if any(_near(value * repeat, written) for repeat in repeats):
        return
    if rate_matches:
        expression = f"{count} {TIMES} {rate.group('t') or rate.group('t2')} {unit}"
    else:
        expression = f"{count} / {rate.group('v')} per second"
    yield _claim(total.start("r"), total.end(), expression, value, written)


_BYTES_PER = lazy_regex(
    rf"(?P<b>{_N})\s+bytes?\s+(?:per|each|for\s+each|a|/)\s+(?:parameter|weight|param|value|"
    rf"float|number|element)s?\b|(?P<b2>{_N})[- ]byte\s+(?:floats?|values|numbers|weights|"
    r"parameters|params)\b",
    re.IGNORECASE,
)
_PARAMETERS = lazy_regex(rf"(?P<p>{_SCALED})[- ](?:parameters?|params|weights)\b", re.IGNORECASE)
_MEMORY = lazy_regex(
    rf"(?:\b(?:needs?|takes?|requires?|uses?|occup(?:y|ies)|is|=|of|fills?|about)\s+"
    rf"|(?<!\S)[=\N{{ALMOST EQUAL TO}}~]\s*){_ABOUT}"
    rf"(?P<r>{_N})\s*(?P<ru>bytes|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\b",
    re.IGNORECASE,
)
_BYTES_IN = {
    "bytes": [Fraction(1)],
    "kb": [Fraction(10**3), Fraction(2**10)],
    "mb": [Fraction(10**6), Fraction(2**20)],
    "gb": [Fraction(10**9), Fraction(2**30)],
    "tb": [Fraction(10**12), Fraction(2**40)],
    "kib": [Fraction(2**10)],
    "mib": [Fraction(2**20)],
    "gib": [Fraction(2**30)],
    "tib": [Fraction(2**40)],
}


def _weight_memory(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    widths = list(_BYTES_PER.finditer(text, start, end))
    params = list(_PARAMETERS.finditer(text, start, end))
    # "needs 4 bytes per parameter" states the width, not the memory of the weights
    memories = [
        m
        for m in _MEMORY.finditer(text, start, end)
        if not any(w.start() <= m.start("r") < w.end() for w in widths)
    ]
    if len(widths) != 1 or len(params) != 1 or len(memories) != 1:
        return
    if _PRODUCT.search(text, start, end):
        return  # written as a calculation: AG101's explicit check reads it
    width = _value(widths[0].group("b") or widths[0].group("b2"))[0]
    count = _value(params[0].group("p"))[0]
    memory = memories[0]
    written = memory.group("r")
    total = count * width
    units = _BYTES_IN[memory.group("ru").lower()]
    values = [total / unit for unit in units]
    if any(_near(value, written) for value in values):
        return
    expression = f"{params[0].group('p')} {TIMES} {_plain(width)} bytes"
    yield _claim(memory.start("r"), memory.end(), expression, values[0], written)


# ---------------------------------------------------------------------------------------------
# Stacked convolutions and accumulated batches

_WORD_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_STACK = lazy_regex(
    rf"\b(?P<n>{_N}|two|three|four|five|six)\s+(?:stacked\s+|consecutive\s+|successive\s+)?"
    r"(?P<k>\d+)\s*[x\N{MULTIPLICATION SIGN}]\s*(?P=k)\s+(?:conv(?:olution(?:al)?)?s?"
    r"(?:\s+layers)?|layers|filters|kernels)\b"
    r"(?P<between>[^.;\n]{0,80}?)(?:\breceptive\s+field\s+(?:of\s+|is\s+|=\s+)?"
    rf"{_ABOUT}(?P<r>\d+)(?:\s*[x\N{{MULTIPLICATION SIGN}}]\s*(?P<r2>\d+))?"
    r"|(?<![\w.,])(?P<rb>\d+)(?:\s*[x\N{MULTIPLICATION SIGN}]\s*(?P<rb2>\d+))?[- ]"
    r"(?:pixel\s+)?receptive\s+field)",
    re.IGNORECASE,
)


def _receptive_fields(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    """ "three stacked 3x3 convolutions have a 7x7 receptive field": 1 + n·(k - 1) at stride 1."""
    if re.search(r"dilat|atrous|pool|stride\s*(?:of\s*)?[2-9]", text[start:end], re.I):
        return
    for match in _STACK.finditer(text, start, end):
        layers = _WORD_COUNTS.get(match.group("n").lower()) or int(match.group("n"))
        kernel = int(match.group("k"))
        written, second = (
            match.group("r") or match.group("rb"),
            match.group("r2") or match.group("rb2"),
        )
        claimed = int(written)
        if second and int(second) != claimed:
            continue
        value = 1 + layers * (kernel - 1)
        if claimed != value:
            expression = f"1 + {layers}{TIMES}({kernel} \N{MINUS SIGN} 1)"
            yield PhraseClaim(
                match.start(),
                match.end(),
                expression,
                Fraction(value),
                written,
                Fraction(claimed),
            )


_MICRO_BATCH = lazy_regex(
    rf"\b(?:(?:per[- ](?:device|gpu|replica|worker)|micro-?|local)\s*batch(?:[- ]size)?\s+"
    rf"(?:of\s+|is\s+|=\s*)?(?P<b>{_N})|batch(?:[- ]size)?\s+(?:of\s+)?(?P<b2>{_N})\s+"
    rf"(?:per|on\s+each|for\s+each)\s+(?:device|gpu|replica|worker))",
    re.IGNORECASE,
)
_ACCUMULATION = lazy_regex(
    rf"\b(?P<a>{_N})\s+(?:gradient\s+)?accumulation\s+steps\b|\baccumulat\w*\s+"
    rf"(?:(?:gradients?|over|across|for)\s+){{1,2}}(?P<a2>{_N})\s+(?:micro-?)?(?:steps|batches)",
    re.IGNORECASE,
)
_DEVICES = lazy_regex(rf"\b(?P<g>{_N})\s+(?:GPUs|devices|TPU\s+cores|replicas|workers)\b", re.I)
_EFFECTIVE = lazy_regex(
    rf"\b(?:effective|global|total)\s+batch(?:[- ]size)?\s+(?:of\s+|is\s+|=\s*)?(?P<r>{_N})",
    re.IGNORECASE,
)


def _effective_batches(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    """A per-device batch times accumulation steps times devices is the effective batch."""
    batches = list(_MICRO_BATCH.finditer(text, start, end))
    steps = list(_ACCUMULATION.finditer(text, start, end))
    devices = list(_DEVICES.finditer(text, start, end))
    results = list(_EFFECTIVE.finditer(text, start, end))
    if len(batches) != 1 or len(steps) != 1 or len(devices) > 1 or len(results) != 1:
        return
    batch = int((batches[0].group("b") or batches[0].group("b2")).replace(",", ""))
    accumulated = int((steps[0].group("a") or steps[0].group("a2")).replace(",", ""))
    factors = [batch, accumulated]
    if devices:
        factors.append(int(devices[0].group("g").replace(",", "")))
    value = 1
    for factor in factors:
        value *= factor
    claimed = int(results[0].group("r").replace(",", ""))
    if claimed != value:
        expression = f" {TIMES} ".join(str(factor) for factor in factors)
        yield PhraseClaim(
            results[0].start(),
            results[0].end(),
            expression,
            Fraction(value),
            results[0].group("r"),
            Fraction(claimed),
        )


PARAGRAPH_FINDERS: tuple[Callable[[str, int, int], Iterator[PhraseClaim]], ...] = (
    _rates_of_counts,
    _class_ratios,
    _step_decays,
    _sequence_batches,
    _total_times,
    _weight_memory,
    _receptive_fields,
    _effective_batches,
)


def rate_claims(text: str, start: int, end: int) -> Iterator[PhraseClaim]:
    """Wrong quantities derived in words in ``text[start:end]`` (one paragraph)."""
    for finder in PARAGRAPH_FINDERS:
        yield from finder(text, start, end)
