"""AG104 for a question about one recurrent layer call on a stated input size: "How many
parameters does ``layers.GRU(64)`` have on 32-dimensional inputs?", "Keras ``LSTM(256)`` on
100-dimensional inputs: how many parameters?". The answer's count of the layer must follow
from the call's units and the input, in the framework the question names: Keras keeps one
bias vector per gate (a GRU two with ``reset_after=True``, the TF 2 default), PyTorch two.
The answer may name the other framework, and explain its sums, without changing whose layer
is counted."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.claims.wording import CountFinding
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.param_formulas import KERAS, TORCH, recurrent_layer

_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)"
# The one call: "layers.GRU(64)", "tf.keras.layers.LSTM(units=128)", "nn.GRU(32, 64)"
_CALL = lazy_regex(
    rf"(?P<module>(?:tf\.)?(?:keras\.)?(?:layers\.)?|nn\.)(?P<kind>LSTM|GRU|SimpleRNN|RNN)\(\s*"
    rf"(?:units\s*=\s*)?(?P<first>{_N})\s*(?:,\s*(?:hidden_size\s*=\s*)?(?P<second>{_N})\s*)?"
    r"[,)]"
)
_INPUT = lazy_regex(
    rf"\b(?:on|over|with|for|of)\s+(?P<v>{_N})(?:\s+|-)(?:dim(?:ensional)?\s+|d\s+)?"
    r"(?:input\s+)?(?:features|inputs?|input\s+vectors|vectors|embeddings)\b",
    re.I,
)
_KERAS = lazy_regex(r"\bkeras\b|\bTF\s*2\b|\btf\.|\bTensorFlow\b", re.I)
_TORCH = lazy_regex(r"\bPyTorch\b|\btorch\b|\bnn\.", re.I)
_RESET_AFTER = lazy_regex(r"\breset_after\s*=\s*(?P<value>True|False)\b")
_NO_BIAS = lazy_regex(r"\b(?:use_)?bias\s*=\s*False\b")
# Another layer, several layers, or a layer counted twice: not one layer's count.
_OTHER_LAYERS = lazy_regex(
    r"\b(?:Dense|Conv\w*|Embedding|Linear|Bidirectional|bidirectional|num_layers|stack(?:ed)?|"
    r"return_sequences|attention|TimeDistributed|layers\s+of|two\s+layers|second|pair)\b",
    re.I,
)
_RECURRENT = lazy_regex(r"\b(?:LSTM|GRU|SimpleRNN|RNN)\b")
_COUNT = lazy_regex(rf"(?P<n>{_N})[\s*_]*(?:trainable\s+)?(?:parameters|params)\b", re.I)
# A count of one gate, one matrix or one bias: a part, not the layer.
_PART = lazy_regex(
    r"\b(?:per|each|every)\b|\bone\s+(?:gate|bias|kernel|matrix)|\bkernel\b|\bbias(?:es)?\b"
    r"|\bweights?\b|\bgates?\s+(?:has|have|holds?)\b",
    re.I,
)
_SENTENCE_END = lazy_regex(r"(?<!\d)[.!?](?=\s)|\n[ \t]*\n|\n[ \t]*[-*+|]")


def recurrent_question_findings(document: LintDocument, prose: str) -> Iterator[Finding]:
    """The answer's counts of the one recurrent layer its question calls."""
    question = document.question
    if question is None:
        return
    heading = document.text[question[0] : question[1]]
    calls = list(_CALL.finditer(heading))
    inputs = {int(m["v"].replace(",", "")) for m in _INPUT.finditer(heading)}
    if len(calls) != 1 or len(inputs) != 1:
        return
    body = document.text[document.body_offset :]
    call = calls[0]
    if _OTHER_LAYERS.search(body):
        return
    other_kinds = {m.group() for m in _RECURRENT.finditer(body)} - {call["kind"]}
    torch = call["module"] == "nn." or (
        _TORCH.search(heading) is not None and _KERAS.search(heading) is None
    )
    keras = not torch and (call["module"] not in ("", "nn.") or _KERAS.search(heading) is not None)
    if call["second"] is not None and not torch:
        return  # Keras takes one size
    x = inputs.pop()
    h = int((call["second"] or call["first"]).replace(",", ""))
    if torch and call["second"] is not None and int(call["first"].replace(",", "")) != x:
        return  # the call's input size is not the question's
    settings = document.text[question[0] : question[1]] + "\n" + body
    allowed, formula = _allowed(call["kind"], h, x, torch, keras, settings)
    answer_start = document.text.find("\n", question[1])
    if answer_start < 0:
        return
    for count in _COUNT.finditer(prose, answer_start):
        if int(count["n"].replace(",", "")) in allowed or _is_part(prose, answer_start, count):
            continue
        if other_kinds and _other_kind_before(prose, answer_start, count, other_kinds):
            continue  # "an LSTM of the same width has 2,480": the other layer's count
        right = " or ".join(f"{value:,}" for value in sorted(allowed))
        framework = "PyTorch" if torch else ("Keras" if keras else "")
        yield CountFinding(
            count.start("n"),
            count.end("n"),
            f"a {framework + ' ' if framework else ''}{call['kind']} with {h} units on {x} "
            f"inputs has {right} parameters ({formula}), not {count['n']}: correct the count",
        )


def _allowed(
    kind: str, h: int, x: int, torch: bool, keras: bool, settings: str
) -> tuple[set[int], str]:
    """The counts the layer may have (param_formulas.recurrent_layer), and their formula:
    gates · (h·(h + x) + b·h), b the bias vectors per gate (none with ``use_bias=False``)."""
    gates = {"LSTM": 4, "GRU": 3}.get(kind, 1)
    name = {"LSTM": "lstm", "GRU": "gru"}.get(kind, "rnn")
    said = {m["value"] == "True" for m in _RESET_AFTER.finditer(settings)}
    resets = ({said.pop()} if len(said) == 1 else {True, False}) if kind == "GRU" else {True}
    frameworks = [TORCH] if torch else [KERAS] if keras else [TORCH, KERAS]
    bias = _NO_BIAS.search(settings) is None
    allowed: set[int] = set()
    vectors: set[int] = set()
    for framework in frameworks:
        for reset_after in resets:
            count = recurrent_layer(name, x, h, framework, bias, reset_after)
            allowed.add(count)
            vectors.add((count - gates * h * (h + x)) // (gates * h))
    shown = " or ".join(f"{b}h" if b > 1 else "h" if b else "0" for b in sorted(vectors))
    return allowed, f"{gates}·(h·(h + x) + {shown})"


def _other_kind_before(prose: str, floor: int, count: re.Match[str], kinds: set[str]) -> bool:
    """Whether the count's sentence names another recurrent kind before the count: the count
    may be that layer's ("an LSTM of the same width has 2,480"); one named after it ("1,860
    parameters, fewer than an LSTM") is what the layer's count is set against."""
    starts = [m.end() for m in _SENTENCE_END.finditer(prose, floor, count.start())]
    start = starts[-1] if starts else floor
    return any(m.group() in kinds for m in _RECURRENT.finditer(prose, start, count.start()))


def _is_part(prose: str, floor: int, count: re.Match[str]) -> bool:
    """Whether the count's sentence counts a part of the layer (a gate, a kernel, biases)."""
    starts = [m.end() for m in _SENTENCE_END.finditer(prose, floor, count.start())]
    start = starts[-1] if starts else floor
    end_match = _SENTENCE_END.search(prose, count.end())
    end = end_match.start() if end_match else len(prose)
    return _PART.search(prose, start, end) is not None
