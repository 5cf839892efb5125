"""The trainable split of a batch normalisation (issue #12): of its four vectors of C values
only the scale and the shift (gamma, beta) are trained; the moving mean and variance are
updated by the forward pass. So C channels give 2C trainable values, and in Keras, where the
moving statistics are weights of the layer too, 2C non-trainable ones: "trainable: 256" for 64
channels (all four vectors) and "128 params, all trainable" for 32 channels are each wrong.

The layer is the note's one batch normalisation, a call or words ("BatchNormalization after
a 64-channel conv"), over one stated channel count; a note that turns the scale or the shift
off (``center=False``, ``affine=False``) or names another layer's count is left alone. A
warning: the channel count is read from words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import body_lines
from ankigen.lint.linker.param_chains import norm_channels

_OFF = lazy_regex(r"\b(?:center|scale|affine|trainable)\s*=\s*False|\bfrozen\b|\bfreez", re.I)
_NUMBER = r"(?P<n>\d{1,3}(?:[,\u202f\u2009 ]\d{3})+|\d+)(?![\d.,]\d|\s*[\u00d7x*\u00b7+/-])"
# "trainable: 1 152", "non-trainable params = 576", "256 trainable"
_SPLIT = lazy_regex(
    rf"(?P<non>non[- ])?trainable(?:\s+param\w*)?\s*[:=]\s*[*_`]*{_NUMBER}"
    rf"|(?<![\d,.]){_NUMBER.replace('?P<n>', '?P<m>')}[*_`]*\s+(?P<non2>non[- ])?trainable\b",
    re.I,
)
# "128 params, all trainable": the whole layer called trainable
_ALL = lazy_regex(rf"(?<![\d,.]){_NUMBER}\s+param\w*\W+all\s+(?:of\s+them\s+)?trainable", re.I)
_KERAS = lazy_regex(r"\bBatchNormalization\b|\bKeras\b|\bkeras\.", re.I)
# another layer's call or summary row, a whole model's summary
_OTHER_LAYERS = lazy_regex(
    r"\b(?:Conv\w*|Dense|Linear|LSTM|GRU|Embedding)\s*[()]|Total params|summary\(|={5}", re.I
)


def norm_count_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    lines = body_lines(document, code=True)
    text = "\n".join(written for _, _, written in lines)
    if _OFF.search(text) or _OTHER_LAYERS.search(text):
        return
    channels = norm_channels(text)
    if channels is None:
        return
    keras = bool(_KERAS.search(text))
    for line, offset, written in lines[1:]:  # the heading asks; it does not claim
        if line in reported:
            continue
        for match in _SPLIT.finditer(written):
            group = "n" if match["n"] else "m"
            value = int(re.sub(r"\D", "", match[group]))
            non = bool(match["non"] or match["non2"])
            if non and not keras:
                continue  # PyTorch keeps the statistics as buffers, no parameters
            if value != 4 * channels:
                continue  # only the class: all four vectors counted as (non-)trainable
            reported.add(line)
            kind = "non-trainable" if non else "trainable"
            yield Finding(
                offset + match.start(group),
                offset + match.end(group),
                f"a batch normalisation over {channels} channels has {2 * channels:,} {kind} "
                f"values (gamma and beta are trained; the moving mean and variance are not), "
                f"not {value:,}: correct the count",
                severity=Severity.WARNING,
            )
            break
        else:
            whole = _ALL.search(written)
            if whole is not None and keras and int(re.sub(r"\D", "", whole["n"])) == 4 * channels:
                reported.add(line)
                yield Finding(
                    offset + whole.start("n"),
                    offset + whole.end("n"),
                    f"of a batch normalisation's {4 * channels:,} values over {channels} "
                    f"channels only gamma and beta ({2 * channels:,}) are trainable; the moving "
                    "mean and variance are not: correct the split",
                    severity=Severity.WARNING,
                )
