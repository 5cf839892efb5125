"""AG101's token stream, shared with the claim inventory: prose or math cut into numbers,
operators, brackets, "is"-like words, units and other words, each a ``Token`` with its offsets.

A number is one token with what the eye reads as one number: a power written in words or
superscripts ("32 squared", "2³"), spaced thousands ("60 000"), a spaced "B" counted as bytes
where the text counts memory, a result in scientific notation ("= 3 x 10^22"), a square root
and a rounding call as brackets. Lives in ``arith`` beside the vocabulary it reads
(``arith/data``: operators, units, "equals" words), so that the rules and ``lint.claims``, both
above ``arith``, read one tokenizer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache

from ankigen.lint.arith.expression import MAX_EXPONENT, TIMES
from ankigen.lint.arith.latex import LEFT_CEILING, LEFT_FLOOR, RIGHT_CEILING, RIGHT_FLOOR
from ankigen.lint.arith.vocabulary import data, words
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, Number, find_numbers, format_number, parse_number

MINUS = "\N{MINUS SIGN}"
APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"
_SUPERSCRIPTS = (
    "\N{SUPERSCRIPT ZERO}\N{SUPERSCRIPT ONE}\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT THREE}"
    + "".join(chr(code) for code in range(0x2074, 0x207A))
)
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS + "\N{SUPERSCRIPT MINUS}", "0123456789-")


def _operatorwords(entries: Sequence[str]) -> str:
    """Like ``_words``, but a symbol may touch a letter: "n^2" holds an operator."""
    ordered = sorted(entries, key=len, reverse=True)
    return "|".join(
        rf"(?<![A-Za-z])(?:{entry})(?![A-Za-z])" if entry[0].isalpha() else f"(?:{entry})"
        for entry in ordered
    )


@dataclass(frozen=True)
class Token:
    """One token of a line or paragraph, its offsets the text's."""

    kind: str  # one letter: N number, % percent, f "of", o operator (x / // ^), m plus or
    # minus (maybe unary), h a hyphen between digits, = relation, s "≈", ~ "about", u unit,
    # ( ) brackets (also [ ] ⌊ ⌋ ⌈ ⌉), p plus-or-minus (± ∓ +/-), w other word, _ anything else
    start: int
    end: int
    text: str
    number: Number | None = None
    symbol: str = ""  # an operator's symbol: the keys of "operators" in the data file


_KINDS = {
    **{"pct": "%", "aps": "s", "eq": "=", "approx": "~", "of": "f", "open": "(", "close": ")"},
    **{"clock": "w", "literal": "w", "fold": "u", "plusminus": "p"},
}


@cache
def _tokenizer(math_mode: bool) -> re.Pattern[str]:
    lists = data()
    operators = lists["operators"]
    if math_mode:  # in math a minus needs no spaces, and x is a variable, not "times"
        operators = {**operators, "-": [MINUS, "-"], TIMES: [TIMES, r"\*"]}
    groups = [
        r"(?P<gap>\n[ \t]*\n)",
        # A list marker starts a new claim: "- 3 + 4 = 7" is no subtraction.
        r"(?P<item>(?m:^)[ \t]*(?:[-*+]|\d{1,3}[.)])(?=[ \t]))",
        # Times and ratios are no numbers to compute with: "10:30 + 2", "16:9".
        r"(?P<clock>(?<![\w.,])\d+(?::\d+)+)",
        # "0x100", "0b1010": a literal in another base, no "0 x 100".
        r"(?P<literal>(?<![\w.])0(?:x[0-9a-f]+|b[01]+|o[0-7]+)\b)",
        # "4x", "3x faster": a factor's sign after its number, no operator
        r"(?P<fold>(?<=\d)[\N{MULTIPLICATION SIGN}xX](?=[ \t]*(?:[.,;:)!?]|$)|[ \t]+[A-Za-z]))",
        rf"(?P<multiplier>{_MULTIPLIER_PATTERN})",
        # "33⅓", "2½", "¾": a whole number and a vulgar fraction, or the fraction alone
        rf"(?P<vulgar>(?<![\w.,])\d*[{_VULGAR}](?![\w.,]\d))",
        # "1011₂", "FF₁₆", "11₁₀": a number with its base as a subscript
        rf"(?P<based>(?<![\w.])[0-9A-Fa-f]+[{_SUBSCRIPTS}]+(?!\w|\.\d))",
        r"(?P<squared>(?<=\d)[ \t]+(?:squared|cubed)\b)",  # "32 squared"
        rf"(?P<num>{NUMBER_PATTERN})",
        # "50 ± 3.92" is an interval, no number: a chain never ends or starts beside it.
        r"(?P<plusminus>[\N{PLUS-MINUS SIGN}\N{MINUS-OR-PLUS SIGN}]|\+/[-\N{MINUS SIGN}])",
        r"(?P<pct>%|\bper ?cent\b)",
        rf"(?P<aps>{'|'.join(lists['approximate_symbols'])})",
        *(
            rf"(?P<operator{index}>{_operatorwords(entries)})"
            for index, entries in enumerate(operators.values())
        ),
        rf"(?P<eq>{words(lists['equals'])})",
        rf"(?P<approx>{words(lists['approximate'])})",
        r"(?P<of>\bof\b)",
        r"(?P<hyphen>(?<=\d)-(?=\d))",
        rf"(?P<power>(?<=[\d)\]])\N{{SUPERSCRIPT MINUS}}?[{_SUPERSCRIPTS}]+)",
        r"(?P<call>(?<=\w)\()",  # "log(100) + 1" calls a function
        # bold and italic markers around a number: "= **576**" states 576
        r"(?P<emphasis>(?<![\w*])\*\*?(?=[\w$(])|(?<=[\w)%])\*\*?(?![\w*])"
        r"|(?<!\w)__?(?=\w)|(?<=\w)__?(?!\w))",
        rf"(?P<open>[([{LEFT_FLOOR}{LEFT_CEILING}])",
        rf"(?P<close>[)\]{RIGHT_FLOOR}{RIGHT_CEILING}])",
        # A unit is no part of a hyphenated compound: "GPU-hours" is one word, no "GPU - hours".
        rf"(?P<unit>(?<![A-Za-z]-){words(lists['units'])}(?!-[A-Za-z]))",
        rf"(?P<word>[^\W\d_][\w'{APOSTROPHE}-]*)",
        r"(?P<other>\S)",
    ]
    return lazy_regex("|".join(groups), re.IGNORECASE)


_VULGARS = {
    "\N{VULGAR FRACTION ONE HALF}": Fraction(1, 2),
    "\N{VULGAR FRACTION ONE THIRD}": Fraction(1, 3),
    "\N{VULGAR FRACTION TWO THIRDS}": Fraction(2, 3),
    "\N{VULGAR FRACTION ONE QUARTER}": Fraction(1, 4),
    "\N{VULGAR FRACTION THREE QUARTERS}": Fraction(3, 4),
    "\N{VULGAR FRACTION ONE FIFTH}": Fraction(1, 5),
    "\N{VULGAR FRACTION ONE SIXTH}": Fraction(1, 6),
    "\N{VULGAR FRACTION ONE EIGHTH}": Fraction(1, 8),
    "\N{VULGAR FRACTION THREE EIGHTHS}": Fraction(3, 8),
}
_VULGAR = "".join(_VULGARS)


def _vulgar_number(match: re.Match[str]) -> Token:
    """ "33⅓" is 100/3: the whole part plus the fraction, exact."""
    written = match.group(0)
    whole = int(written[:-1]) if written[:-1] else 0
    value = whole + _VULGARS[written[-1]]
    start, end = match.span()
    number = Number(start, end, written, value, Fraction(1, 1000))
    return Token("N", start, end, written, number)


_SUBSCRIPTS = "".join(chr(code) for code in range(0x2080, 0x208A))
_FROM_SUBSCRIPT = str.maketrans(_SUBSCRIPTS, "0123456789")


def _based_number(match: re.Match[str]) -> Token:
    """ "1011₂" is 11: digits in the base their subscript names (2, 8, 10 or 16); a word when
    they are no number in it."""
    written = match.group(0)
    digits = written.rstrip(_SUBSCRIPTS)
    base = int(written[len(digits) :].translate(_FROM_SUBSCRIPT))
    start, end = match.span()
    try:
        value = int(digits, base) if base in (2, 8, 10, 16) else None
    except ValueError:
        value = None
    if value is None:
        return Token("w", start, end, written)
    return Token(
        "N", start, end, written, Number(start, end, written, Fraction(value), Fraction(1))
    )


# Multiples written as words before a number: "half of 256", "twice 384", "a third of 1,200".
_MULTIPLIERS = {
    "half": Fraction(1, 2),
    "third": Fraction(1, 3),
    "quarter": Fraction(1, 4),
    "fifth": Fraction(1, 5),
    "tenth": Fraction(1, 10),
    "thirds": Fraction(2, 3),
    "quarters": Fraction(3, 4),
    "twice": Fraction(2),
    "thrice": Fraction(3),
}
_MULTIPLIER_PATTERN = (
    r"\b(?:(?:(?:a|one)[ \t]+)?(?P<part>half|third|quarter|fifth|tenth)"
    r"|two[ \t]+(?P<parts>thirds)|three[ \t]+(?P<parts3>quarters))[ \t]+of"
    r"(?:[ \t]+(?:the|all|our|its|their))?(?=[ \t]+\d)"
    r"|\b(?P<times>twice|thrice)(?=[ \t]+\d)"
)


def multiplier_tokens(match: re.Match[str]) -> list[Token]:
    """ "half of 256": the factor 1/2 and a times sign, both over the words."""
    word = next(group for group in ("part", "parts", "parts3", "times") if match.group(group))
    factor = _MULTIPLIERS[match.group(word).lower()]
    shown = format_number(factor) if factor.denominator == 1 else str(factor)
    start, end = match.span()
    number = Number(start, end, shown, factor, Fraction(1))
    return [Token("N", start, end, shown, number), Token("o", end, end, TIMES, symbol=TIMES)]


def _metric_cut_off(text: str, number: Number) -> bool:
    """ "Recall@10", "mAP@0.5", "64 @ 4 GPUs": the number after an at sign names where a
    metric is cut off or what a setting runs at, no result."""
    return text[max(0, number.start - 3) : number.start].rstrip(" \t").endswith("@")


def _compound_word(text: str, number: Number) -> bool:
    """A number word that begins a compound ("zero-padded", "one-hot") is no number."""
    return (
        number.text[-1:].isalpha()
        and text[number.end : number.end + 1] == "-"
        and text[number.end + 1 : number.end + 2].isalpha()
    )


def tokenize(text: str, start: int, end: int, math_mode: bool = False) -> list[Token]:
    """The tokens of ``text[start:end]``; in ``math_mode`` a minus needs no spaces and "x" is
    a variable, not "times"."""
    symbols = list(data()["operators"])
    numbers = {number.start: number for number in find_numbers(text, start, end)}
    tokens = []
    for match in _tokenizer(math_mode).finditer(text, start, end):
        group = match.lastgroup or "other"
        if group == "num":
            number = numbers.get(match.start())
            # "one", "zero-padded", and the cut-off of a metric: "Recall@10", "mAP@0.5"
            if number is None or _compound_word(text, number) or _metric_cut_off(text, number):
                tokens.append(Token("w", match.start(), match.end(), match.group(0)))
                continue
            tokens.append(Token("N", number.start, number.end, number.text, number))
            rest = text[number.end : match.end()]
            # "20 m/s": a lower-case letter after a space is the start of a rate, no scale
            if rest.strip() and text[match.end() : match.end() + 1] == "/":
                word_start = number.end + len(rest) - len(rest.lstrip())
                tokens.append(Token("w", word_start, match.end(), rest.strip()))
        elif group.startswith("operator"):
            symbol = symbols[int(group.removeprefix("operator"))]
            kind = "m" if symbol in "+-" else "o"
            tokens.append(Token(kind, match.start(), match.end(), match.group(0), symbol=symbol))
        elif group == "hyphen":
            tokens.append(Token("h", match.start(), match.end(), "-", symbol="-"))
        elif group == "vulgar":
            tokens.append(_vulgar_number(match))
        elif group == "based":
            tokens.append(_based_number(match))
        elif group == "multiplier":
            tokens.extend(multiplier_tokens(match))
        elif group == "squared":
            exponent = "2" if match.group(0).strip().lower() == "squared" else "3"
            tokens.extend(power_tokens(match.start(), match.group(0), exponent))
        elif group == "emphasis":
            continue
        elif group == "power":
            tokens.extend(power_tokens(match.start(), match.group(0)))
        else:
            kind = _KINDS.get(group, "u" if group == "unit" else "w" if group == "word" else "_")
            tokens.append(Token(kind, match.start(), match.end(), match.group(0)))
    tokens = _word_powers(text, tokens)
    tokens = _square_roots(_function_calls(_rounding_calls(_spaced_thousands(text, tokens))))
    return _scientific_results(text, _spaced_bytes(tokens))


def _word_powers(text: str, tokens: list[Token]) -> list[Token]:
    """A power written right after a letter raises that word or unit, not the number before
    it: "3 m^2 plus 4 m^2" adds areas and "3 e^1" is three times e, so neither is "3 ^ 2".
    The caret and its exponent go with the word (a word token just before grows to hold them)."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        exponent = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            token.symbol == "^"
            and token.start > 0
            and text[token.start - 1].isalpha()
            and exponent is not None
            and exponent.kind == "N"
        ):
            last = result[-1] if result else None
            if last is not None and last.kind in "uw" and last.end == token.start:
                result[-1] = Token(last.kind, last.start, exponent.end, last.text + "^")
            index += 2
            continue
        result.append(token)
        index += 1
    return result


# A unit of memory size among a claim's words ("1.6 GB", "2 bytes"), and a number written with
# a spaced "B" ("16 B") that may be bytes rather than billions.
_BYTE_UNIT = lazy_regex(r"(?i:[kmgtp]i?b|bytes?|[kmgt]?bits?)")  # bits count memory too
_SPACED_B = lazy_regex(r"(?P<count>.*\d)[ \t]+B")


def _spaced_bytes(tokens: list[Token]) -> list[Token]:
    """A number with a spaced "B" ("16 B") as the number and the unit bytes when the same text
    counts memory in bytes elsewhere ("1e8 x 16 B = 1.6 GB"); "16 B" alone stays 16 billion,
    and so does an unspaced "7B" (a model size) beside memory sizes."""
    named = any(token.kind in "uw" and _BYTE_UNIT.fullmatch(token.text) for token in tokens)
    if not named and not _b_after_power(tokens):
        return tokens
    result: list[Token] = []
    for token in tokens:
        spaced = _SPACED_B.fullmatch(token.text) if token.number is not None else None
        if token.number is None or spaced is None:
            result.append(token)
            continue
        count = parse_number(spaced.group("count"))
        if count is None:
            result.append(token)
            continue
        end = token.start + spaced.end("count")
        number = Number(token.start, end, spaced.group("count"), count.value, count.ulp)
        result += [
            Token("N", token.start, end, number.text, number),
            Token("u", token.end - 1, token.end, "B"),
        ]
    return result


def _b_after_power(tokens: list[Token]) -> bool:
    """Whether a "B" stands alone after a power ("= 25.6 x 10⁹ B"): a count of billions
    writes no power before its "B", so the "B" is bytes, and so is a spaced "B" in the
    calculation ("50,000,000 x 128 x 4 B")."""
    return any(
        power.symbol == "^" and exponent.kind == "N" and unit.kind in "uw" and unit.text == "B"
        for power, exponent, unit in zip(tokens, tokens[1:], tokens[2:], strict=False)
    )


ROOT = "\N{SQUARE ROOT}"
_TIMES_SYMBOLS = frozenset({"x", "X", "*", "\N{MULTIPLICATION SIGN}", "\N{MIDDLE DOT}", "\\cdot"})


def _scientific_results(text: str, tokens: list[Token]) -> list[Token]:
    """A result written in scientific notation after a relation ("= 3 x 10^22", and LaTeX's
    "= 1.25\times10^{-4}", whose braces read as brackets) as the one number it is, precise to
    its mantissa's last digit, so that it can be checked."""
    kinds = "".join(token.kind for token in tokens)
    found = list(re.finditer(r"(?<=[=so])(N)(o)(N)(o)(\()?(m?N)(?(5)\))(?![No(%])", kinds))
    for match in reversed(found):
        first, times, ten, power = (tokens[match.start() + i] for i in range(4))
        exponent_tokens = tokens[match.start(6) : match.end(6)]
        if (
            (times.symbol not in _TIMES_SYMBOLS and times.text not in _TIMES_SYMBOLS)
            or ten.text != "10"
            or power.symbol != "^"
            or first.number is None
            or exponent_tokens[-1].number is None
        ):
            continue
        exponent = int(exponent_tokens[-1].number.value)
        if exponent > MAX_EXPONENT:  # "x 10^123456789" is no number to check, and costly
            continue
        if exponent_tokens[0].kind == "m":
            exponent = -exponent if exponent_tokens[0].symbol == "-" else exponent
        before = tokens[match.start() - 1]
        if before.kind == "o" and (
            match.group(5) or not _divisor_in_scientific(before, first.number, exponent)
        ):
            continue  # "1/3 \times 10^{-3}": a third of a thousandth, read as written
        scale = Fraction(10) ** exponent
        end = tokens[match.end() - 1].end
        written = text[first.start : end]
        number = Number(
            first.start, end, written, first.number.value * scale, first.number.ulp * scale
        )
        tokens[match.start() : match.end()] = [Token("N", first.start, end, written, number)]
    return tokens


def _divisor_in_scientific(operator: Token, mantissa: Number, exponent: int) -> bool:
    """Whether "a / 8.59 x 10^9" divides by the one number 8.59 x 10^9: a mantissa in
    scientific form (1 to 10) and a power of at least a thousand; "2 / 3 x 10^2" may be a
    share of a hundred."""
    return operator.symbol in ("/", "\N{DIVISION SIGN}") and (
        1 <= mantissa.value < 10 and abs(exponent) >= 3
    )


def _square_roots(tokens: list[Token]) -> list[Token]:
    """ "√2" and "√(9 + 16)" as the powers "2 ^ 1/2" and "(9 + 16) ^ 1/2"."""
    if not any(token.text == ROOT for token in tokens):
        return tokens
    result: list[Token] = []
    pending: list[int] = []  # indexes of closing brackets that end a root's operand
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.text == ROOT and following is not None and following.kind in "N(":
            if following.kind == "(":
                close = matching_close(tokens, index + 1)
                if close is None:
                    return tokens
                pending.append(close)
            else:
                pending.append(index + 1)
            continue
        result.append(token)
        while index in pending:
            pending.remove(index)
            result.extend(_half_power(token.end))
    return result


def _half_power(at: int) -> list[Token]:
    half = Number(at, at, "0.5", Fraction(1, 2), Fraction(1, 10))
    return [Token("o", at, at, "^", symbol="^"), Token("N", at, at, "0.5", half)]


_ROUNDING_CALLS = {"ceil": ("\N{LEFT CEILING}", "\N{RIGHT CEILING}")} | {
    "floor": ("\N{LEFT FLOOR}", "\N{RIGHT FLOOR}")
}


def _rounding_calls(tokens: list[Token]) -> list[Token]:
    """ "ceil(10,000 / 32)" and "math.floor(…)" as the brackets ⌈…⌉ and ⌊…⌋. The function's
    name goes, so that a term before it stays in the calculation ("1 + floor(16,000 / 160)")."""
    result = list(tokens)
    names = set()
    for index, token in enumerate(tokens):
        if token.text != "(" or token.kind != "_" or index == 0:
            continue
        name = tokens[index - 1].text.lower().rsplit(".", 1)[-1]
        if name not in _ROUNDING_CALLS:
            continue
        close = matching_close(tokens, index)
        if close is None:
            continue
        left, right = _ROUNDING_CALLS[name]
        result[index] = replace(token, kind="(", text=left)
        result[close] = replace(tokens[close], text=right)
        names.add(index - 1)
    return [token for index, token in enumerate(result) if index not in names]


def _function_name(tokens: Sequence[Token], opening: int) -> int | None:
    """Where the name of the function called at ``opening`` starts: "log(", "math.exp(",
    "log10(", and a subscripted base as LaTeX writes it ("\\log_{10}(" reads "log_10(")."""
    name = opening - 1
    if name < 0 or tokens[name].kind not in "wu":
        if name >= 2 and tokens[name].kind == "N" and tokens[name - 1].text == "_":
            name -= 2  # "log_10(": the base of a logarithm
        else:
            return None
    return name if tokens[name].kind in "wu" else None


def _function_calls(tokens: list[Token]) -> list[Token]:
    """A function applied to a calculation: "sqrt(…)" as a square root, any other call
    ("log10(1000 / 10)", "max(3, 4)", "round(7 / 2)") as one word, so that its argument is
    never read as a calculation of its own."""
    if not any(token.kind == "_" and token.text == "(" for token in tokens):
        return tokens
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            token.kind in "wu"
            and token.text.lower().rsplit(".", 1)[-1] == "sqrt"
            and following is not None
            and following.kind == "_"
            and following.text == "("
        ):
            result.append(replace(token, kind="_", text=ROOT))
            result.append(replace(following, kind="("))
            index += 2
            continue
        if token.kind == "_" and token.text == "(":
            name = _function_name(tokens, index)
            close = matching_close(tokens, index) if name is not None else None
            if name is not None and close is not None and len(result) >= index - name:
                del result[len(result) - (index - name) :]
                start = tokens[name]
                result.append(Token("w", start.start, tokens[close].end, "call"))
                index = close + 1
                continue
        result.append(token)
        index += 1
    return result


def matching_close(tokens: Sequence[Token], opening: int) -> int | None:
    """The index of the bracket that closes the one at ``opening``, or None."""
    depth = 0
    for index in range(opening + 1, len(tokens)):
        kind = tokens[index].kind
        if kind == "(" or tokens[index].text == "(":
            depth += 1
        elif kind == ")":
            if depth == 0:
                return index
            depth -= 1
    return None


# Thin and no-break spaces group thousands in typeset numbers: "60 000" (U+202F, U+2009, U+00A0).
_THOUSANDS_SPACES = frozenset("\N{NARROW NO-BREAK SPACE}\N{THIN SPACE}\N{NO-BREAK SPACE}")


def _spaced_thousands(text: str, tokens: list[Token]) -> list[Token]:
    """Join "60", "000" into 60,000 where a thin or no-break space separates the groups."""
    joined: list[Token] = []
    for token in tokens:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.number is not None
            and token.number is not None
            and token.start == last.end + 1
            and text[last.end] in _THOUSANDS_SPACES
            and re.fullmatch(r"\d{1,3}(?:,\d{3})*", last.text)
            and re.fullmatch(r"\d{3}", token.text)
        ):
            grouped = f"{last.text},{token.text}"
            value = Fraction(int(grouped.replace(",", "")))
            number = Number(last.start, token.end, grouped, value, Fraction(1))
            joined[-1] = Token("N", last.start, token.end, grouped, number)
            continue
        joined.append(token)
    return joined


def power_tokens(start: int, written: str, exponent: str = "") -> list[Token]:
    """ "2³", "32 squared": a power operator and its exponent, both at the superscript (or at
    the word)."""
    plain = exponent or written.translate(_FROM_SUPERSCRIPT)
    value = Fraction(int(plain))
    number = Number(start, start + len(written), plain, value, Fraction(1))
    return [
        Token("o", start, start, "^", symbol="^"),
        Token("N", start, start + len(written), plain, number),
    ]
