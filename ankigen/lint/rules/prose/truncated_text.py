"""AG135: an answer, or a sentence in it, cut off before its end."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ankigen.cache.files import derived_words
from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.foreign_text import foreign_spans
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.names import canonical_word_parts
from ankigen.lint.rules.prose.endings import NEVER_LAST, RARELY_LAST, dangling_word
from ankigen.lint.rules.prose.text import HTML_TAG, answer_offset, plain, word_set, words_of
from ankigen.lint.words import bundled_terms, common_words, english_words, is_known
from ankigen.source.model import NoteType

_NO_CONTEXT: Mapping[str, int] = {}

_INTRODUCED = frozenset(
    {
        "fence",
        "code_block",
        "math_block",
        "html_block",
        "table_open",
        "bullet_list_open",
        "ordered_list_open",
        "blockquote_open",
    }
)

_TRAILING_DECOR = lazy_regex(r"[\s*_~]+$")
_DANGLING_MARKS = ",;:(=&/\u2013\u2014\u2192-"
_ELLIPSIS = lazy_regex(r"(?:\.\.\.|\u2026)$")
# "The model uses the. Then ...": an article or "such as" right before a full stop.
_CUT_BEFORE_STOP = lazy_regex(
    r"(?<![\"'\u2018\u201c*_`])\b(?:the|an)[ \t]*[.,;](?=\s|$)|\bsuch as[ \t]*[.;](?=\s|$)", re.I
)


@dataclass(frozen=True)
class _Paragraph:
    start: int  # file offsets of the paragraph's source
    end: int
    last: bool  # nothing but closing tokens follows it in its part of the note
    leads_in: bool  # a list, code, table or quote follows it: "such as:" introduces it
    image_next: bool  # a paragraph of only a picture follows it: "as follows:" shows it
    code_next: bool  # a code block follows it
    item_next: bool  # it ends a list item and the list's next item follows
    heading_next: bool  # a heading follows it: nothing "such as:" could introduce
    among_fragments: bool  # a list item after a sibling that ends without a full stop too


# A list item that opens with a task box: one of the choices of a quiz item.
_TASK_CHOICE = lazy_regex(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+\[[ xX]\]\s")


def _sections(document: LintDocument) -> list[list[Token]]:
    """The answer's parts whose ends are checked: the parts a '***' rule separates (a cloze's
    text and Extra; the parts of an answer), since the text before a rule ends there."""
    tokens = document.tokens
    cuts = [i for i, token in enumerate(tokens) if token.type == "hr" and token.level == 0]
    starts = [0, *(cut + 1 for cut in cuts)]
    ends = [*cuts, len(tokens)]
    return [tokens[start:end] for start, end in zip(starts, ends, strict=True)]


def _paragraphs(document: LintDocument, tokens: Sequence[Token]) -> Iterator[_Paragraph]:
    body_line = document.note.body_line
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or not token.map:
            continue
        following = _next_blocks(tokens, index + 3)
        first_line = body_line + token.map[0]
        start = document.offset_of_line(first_line)
        end = document.offset_of_line(body_line + token.map[1])
        # A list, code, table or quote right after the paragraph is what it introduces.
        leads_in = bool(following) and following[0].type in _INTRODUCED
        image_next = (
            len(following) > 1
            and following[0].type == "paragraph_open"
            and _PICTURE_ONLY.fullmatch(following[1].content) is not None
        )
        in_item = index > 0 and tokens[index - 1].type == "list_item_open"
        item_next = in_item and bool(following) and following[0].type == "list_item_open"
        heading_next = bool(following) and following[0].type == "heading_open"
        fragments = in_item and _after_unpunctuated_sibling(tokens, index)
        code_next = bool(following) and following[0].type in ("fence", "code_block")
        yield _Paragraph(
            start,
            end,
            not following,
            leads_in,
            image_next,
            code_next,
            item_next,
            heading_next,
            fragments,
        )


def _next_blocks(tokens: Sequence[Token], start: int) -> list[Token]:
    """The first two tokens from ``start`` on that open or are a block (closing tokens and
    rules skipped): all the paragraph check looks at, found without copying the rest of a
    long answer for each of its paragraphs."""
    found: list[Token] = []
    for index in range(start, len(tokens)):
        token = tokens[index]
        if not token.type.endswith("_close") and token.type != "hr":
            found.append(token)
            if len(found) == 2:
                break
    return found


def _after_unpunctuated_sibling(tokens: Sequence[Token], index: int) -> bool:
    """Whether the list item whose paragraph opens at ``index`` follows a sibling item whose
    text ends without a stop mark ("- Retraining pipelines" / "- Alerting on drift"): the
    list's items are fragments, and a last one without a full stop is not cut off."""
    level = tokens[index].level
    for before in range(index - 1, 0, -1):
        token = tokens[before]
        if token.type in ("bullet_list_open", "ordered_list_open") and token.level < level:
            return False  # the start of this list: no earlier sibling
        sibling = token.type == "paragraph_open" and token.level == level
        if sibling and tokens[before - 1].type == "list_item_open":
            return tokens[before + 1].content.rstrip()[-1:] not in _STOP_MARKS
    return False


_STOP_MARKS = ".!?:;\u3002\uff1f\uff01"


# A list item that ends on a conjunction joining it to the next item: the sentence goes on
# there ("- a penalty on large weights, and" / "- early stopping.").
_JOINS_ITEMS = lazy_regex(
    r"[\s,;]\b(?:and|or|but|nor|plus|then|and\s+then|and\s+also)[\s*_]*$", re.I
)
# A paragraph whose last line is only a link ("[image](https://…)": a picture the importer
# turned into a link, or a "see" link): its text ends with the link's words, no sentence.
_LINK_LINE_LAST = lazy_regex(r"\n[ \t]*\[[^\]\n]*\]\([^)\s]*\)[ \t]*$")
_PICTURE_ONLY = lazy_regex(r"\s*(?:!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>]*>)\s*", re.IGNORECASE)
# A last word in capitals ("WHERE", "AND", "IN") is an SQL keyword or an acronym named by
# the text, not the English function word of the same letters left dangling.
_CAPITALS_LAST = lazy_regex(r"(?<![^\W\d_])[A-Z]{2,}$")
# Words that open a clause a picture cannot finish: "it means that" before an image.
_CLAUSE_OPENERS = word_set("that which because whether whereas so")
# Words that need a noun or a clause of prose after them, which no code block gives.
_NOT_BEFORE_CODE = word_set(
    "the a an its their our your my his her into onto of than between among beyond toward towards "
    "because whereas whether by"
)
# "The softmax is given by", "computed by": a participle's agent may be the formula the code
# block states; only an active verb's "by" ("multiplies the rate by") waits for its factor.
_STATED_BY = lazy_regex(
    r"\b(?:[a-z]+ed|given|shown|done|written|driven|made|taken|seen|known|run|set|split|read)"
    r"\s+by$",
    re.IGNORECASE,
)
# Session 30: a consequence clause whose verb still needs its complement ("…, which makes
# it"): no code block says what it makes it ("the code that makes it" may mean creates it).
_COMPLEMENT_MISSING = lazy_regex(
    r"\bwhich\s+(?:makes|made|keeps|kept|renders|rendered|leaves|left)\s+(?:it|them|this|that)$",
    re.IGNORECASE,
)


_ADMONITION_FENCE = lazy_regex(r"(?:^|\n)[ \t>]*:{3,}[ \t]*(?:\{?[\w-]*\}?[ \t]*)?(?=\n|$)")


def _truncation(text: str, last: bool, context: Mapping[str, int] = _NO_CONTEXT) -> str | None:
    """Why a paragraph's text looks cut off, or None. ``last``: it ends the answer;
    ``context``: the note's words (lower case), which a cut word may be the start of."""
    if last and _unclosed_bold(text):
        return "bold text opened in the last sentence is never closed"
    # a documentation site's admonition fence (":::tip" … ":::") is no text of the sentence
    text = _TRAILING_DECOR.sub("", _ADMONITION_FENCE.sub("", text))
    if not text:
        return None
    if re.search(r"(?:^|\s)(?:e\.g|i\.e|eg|ie|viz|cf)\.?,?$", text, re.IGNORECASE):
        return f"the text ends with '{text.split()[-1]}'"
    if _ELLIPSIS.search(text):
        return _cut_ellipsis(text[: -3 if text.endswith("...") else -1].rstrip(), last)
    if last and _OPERATOR_LAST.search(text):
        return f"the answer ends with the operator '{text[-1]}'"
    if last and _ANNOUNCES_MORE.search(text):
        return "the answer announces what follows ('the following', 'as follows'), then stops"
    if last and _stops_enumerating(text):
        return f"the answer's enumeration stops at '{text.split()[-1]}'"
    if text[-1] in ".!?)]}\"'\u201d\u2019\u00bb":
        return _unclosed(text) if last else None
    if last and text[-1] in _DANGLING_MARKS:
        return f"the answer ends with '{text[-1]}'"
    words = words_of(text.lower().replace("e.g.", "eg").replace("i.e.", "ie"))
    if not words or not re.search(r"[^\W\d_]$", text):
        return _unclosed(text) if last else None  # "between 0 and 1" ends with a number
    if _CAPITALS_LAST.search(text):
        return _unclosed(text) if last else None  # "… indexadas en WHERE": a keyword, a name
    return (
        dangling_word(words, text, last)
        or (_cut_word(text, context) if last else None)
        or (_unclosed(text) if last else None)
    )


# "computed with the following formula", "is as follows", "include the following": a lead-in
# at the very end of the answer, with nothing after it ("the following day" is a time).
_ANNOUNCES_MORE = lazy_regex(
    r"\b(?:the\s+following|the\s+below)(?!\s+(?:day|week|month|year|morning|evening|night|"
    r"epoch|step|iteration|round|turn|time)s?\b)(?:\s+[^\W\d_]+){0,3}$|\bas\s+follows$",
    re.IGNORECASE,
)
# "precision = TP / (TP +": an operator with nothing after it ("C++" is a name).
_OPERATOR_LAST = lazy_regex(r"\s[+\u00d7\u00f7<>^\u2212]$")
_ENUMERATOR = r"\(?(?:\d{1,2}|[a-h])\)"  # "2." is as often "Step 2." or "version 2."


def _stops_enumerating(text: str) -> bool:
    """ "1) tokenize 2) embed 3)": the next item's label, then nothing."""
    last = re.search(rf"\s({_ENUMERATOR})$", text)
    if last is None:
        return False
    labels = re.findall(rf"(?:^|\s)({_ENUMERATOR})\s+\S", text[: last.start()])
    return bool(labels) and _label_value(labels[-1]) + 1 == _label_value(last.group(1))


def _label_value(label: str) -> int:
    """ "3)" -> 3, "(c)" -> 3: the place of an enumeration label."""
    core = label.strip("()")
    return int(core) if core.isdigit() else ord(core) - ord("a") + 1


@cache
def _sorted_words() -> tuple[str, ...]:
    return tuple(sorted(common_words() | _known_terms()))


# Short forms that end a sentence on purpose: "to improve perf".
_ABBREVIATIONS = word_set(
    """perf prev calc info spec specs temp stat stats prob diff eval init impl repo args dist
    approx param params config async regex optim dtype utils misc util cov req res resp
    num val vals col cols dim dims"""
)


@cache
def _known_terms() -> frozenset[str]:
    return bundled_terms() | canonical_word_parts()


# Words that want an adjective or adverb next: after them an acronym or a name cannot stand,
# so only an English word is a finished one ("learn very slo" is cut, though "SLO" is a term).
_INTENSIFIERS = word_set("very too so quite extremely really rather fairly highly pretty")


def _cut_word(text: str, context: Mapping[str, int] = _NO_CONTEXT) -> str | None:
    """A last word that is no word but the start of a longer one: "monitor its perfor"; or a
    word that is one only by chance: "unit varia", "the deco", "mini-bat", "a reasonable ran"."""
    last = re.search(r"(?<![\w.'\u2019/-])((?:[A-Za-z0-9]+-)?)([a-z]{3,})$", text)
    if last is None:
        return _cut_two_letters(text)
    word = last.group(2)
    before = re.search(r"([^\W\d_]+)\W+$", text[: last.start()])
    intensified = before is not None and before.group(1).lower() in _INTENSIFIERS
    known_terms = frozenset() if intensified else _known_terms()
    if last.group(1):
        compound = _cut_compound(last.group(0).lower())
        if compound is not None or is_known(last.group(0).lower(), _known_terms()):
            return compound
    if word in _ABBREVIATIONS:
        return _cut_abbreviation(text, word)
    if is_known(word, known_terms):
        return _cut_real_word(text, word, context)
    words = _sorted_words()
    for form in (word, *_american_stem(word)):  # "regularisat" is a cut "regularization"
        index = bisect.bisect_left(words, form)
        if any(w.startswith(form) and len(w) >= len(form) + 2 for w in words[index : index + 50]):
            return f"the text ends with '{word}', a word cut short"
    return None


def _american_stem(word: str) -> tuple[str, ...]:
    """The American start of a British word cut short: "regularisat" -> "regularizat"."""
    cut = word.rfind("is")
    return (word[:cut] + "iz" + word[cut + 2 :],) if cut > 2 else ()


# Two-letter words that end a sentence: little English words, units and short forms.
_WHOLE_TWO_LETTERS = word_set(
    """up in on of to it is me us so no go do be we he by at as or an if my ok id pi mu nu xi
    ms ns kb mb gb tb px pt em cm mm km kg ml ai ux ui os io db vs ie eg et al hi oh ah uh ax
    ex re ad am ox ma pa yo lo dx dy dt dz"""
)


def _cut_two_letters(text: str) -> str | None:
    """ "It changes the learning ra": two lower-case letters after a word, no word and no
    short form, that start longer words."""
    last = re.search(r"(?<=[^\W\d_]{3} )([a-z]{2})$", text)
    if last is None:
        return None
    word = last.group(1)
    if word in _WHOLE_TWO_LETTERS or word in _known_terms():
        return None
    if any(len(w) >= 4 for w in _completions(word, _sorted_words())):
        return f"the text ends with '{word}', a word cut short"
    return None


def _completions(word: str, words: Sequence[str]) -> Iterator[str]:
    """The words of the sorted ``words`` that start with ``word`` and are longer by 2+."""
    index = bisect.bisect_left(words, word)
    for candidate in words[index : index + 200]:
        if not candidate.startswith(word):
            return
        if len(candidate) >= len(word) + 2:
            yield candidate


def _cut_compound(compound: str) -> str | None:
    """ "mini-bat": a hyphenated word that no list knows but that starts a known one."""
    joined = compound.replace("-", "")
    if is_known(compound, _known_terms()) or is_known(joined, _known_terms()):
        return None  # "t-sne", "self-attention", "trade-off" (= "tradeoff")
    for candidate in (compound, joined):
        for completion in _completions(candidate, _sorted_words()):
            if not _derives(candidate, completion[len(candidate) :]):
                return f"the text ends with '{compound}', a word cut short"
    return None


# Short forms whose full word is expected after a bare preposition: "trained on diff".
_CUT_SHORT_FORMS = word_set("diff calc prev approx prob dist num val vals dim dims cov impl spec")
_BARE_PREPOSITIONS = word_set("on of in with for from by into to at between")


def _cut_abbreviation(text: str, word: str) -> str | None:
    """ "to improve perf" is a short form; "trained on diff" is a word cut after a preposition
    (a short form there would take an article: "shown in the diff")."""
    words = words_of(text.lower())
    if word in _CUT_SHORT_FORMS and len(words) > 2 and words[-2] in _BARE_PREPOSITIONS:
        return f"the text ends with '{word}', a word cut short"
    return None


# Irregular past forms that are no noun: after an article and an adjective a noun must
# stand, so "a reasonable ran" is a cut "range".
_PAST_ONLY = word_set(
    """ran began went came took gave knew grew drew threw wrote spoke chose ate sang swam drank
    forgot broke froze stole woke wore tore shook did lay flew fled sought fought caught taught
    brought bought"""
)
_NOUN_DETERMINERS = word_set("a an the its their this these those our your his her my each every")
# Endings that make a longer word of a whole one: "kernel" -> "kernels", "norm" ->
# "normalisation", "convex" -> "convexity" ("deco" -> "decoder" is no such ending).
_DERIVING = (
    *("s", "es", "ed", "d", "ing", "er", "ers", "ly", "al", "ation", "ations", "ize", "ise"),
    *("ity", "ness", "ic", "ical", "ful", "less", "ment", "able", "ible", "ous", "ive", "ist"),
    *("ism", "wise", "like", "y", "ies", "ian", "ial", "ure", "age", "r", "iz", "is", "tic"),
)
_RARE = 1000  # counts of pyspellchecker's English corpus: "varia" 50, "deco" 160, "lea" 518


def _derives(word: str, rest: str) -> bool:
    """Whether ``word`` + ``rest`` is ``word`` inflected, derived or compounded, so that
    ``word`` is whole in its own right: "kernels", "normalisation", "tensorflow"."""
    if not rest[:1].isalpha():
        return True  # "tradeoff's", "decision-tree-based"
    if rest.startswith(_DERIVING) and not (rest[0] in "dr" and word[-1] != "e"):
        return True
    return len(rest) > 3 and rest in common_words()


def _cut_real_word(text: str, word: str, context: Mapping[str, int]) -> str | None:
    """A last word that is a word by chance, the start of a longer one the note uses: a rare
    word said once ("the deco" in a note on the decoder, "unit varia" in one on variance), or
    a past form where a noun must stand ("a reasonable ran")."""
    words = words_of(text.lower())
    if word in _PAST_ONLY and len(words) > 2 and words[-3] in _NOUN_DETERMINERS:
        return f"the text ends with '{word}' where a noun must stand: a word cut short"
    # a word known only from the web tier ("varian") is as rare as a seldom written one
    rare = word in _rare_words() or word not in english_words()
    if context.get(word, 0) > 1 or word in _known_terms() or not rare:
        return None  # a word the note uses again was meant
    for completion in _completions(word, sorted(context)):
        if not _derives(word, completion[len(word) :]):
            return f"the text ends with '{word}', a word cut short (of '{completion}'?)"
    if word in _very_rare_words():
        # "never to future toke": a word hardly ever written, the start of a common one
        for completion in _completions(word, _sorted_words()):
            common = completion in english_words() and completion not in _rare_words()
            if common and not _derives(word, completion[len(word) :]):
                return f"the text ends with '{word}', a word cut short (of '{completion}'?)"
    return None


@cache
def _word_counts() -> dict[str, int]:
    from ankigen.lint.words import frequencies

    return frequencies()  # read only


def _spellchecker_version() -> str:
    import spellchecker

    return f"pyspellchecker {getattr(spellchecker, '__version__', '?')} en"


@cache
def _rare_words() -> frozenset[str]:
    """Dictionary words seldom written (cached: building the counts takes 0.3 s)."""
    return derived_words(
        f"rare-words-{_RARE}",
        _spellchecker_version(),
        lambda: (w for w, n in _word_counts().items() if n < _RARE and w.isalpha()),
    )


_VERY_RARE = 100


@cache
def _very_rare_words() -> frozenset[str]:
    """Dictionary words hardly ever written ("toke" 50), cached like ``_rare_words``."""
    return derived_words(
        f"rare-words-{_VERY_RARE}",
        _spellchecker_version(),
        lambda: (w for w, n in _word_counts().items() if n <= _VERY_RARE and w.isalpha()),
    )


def _cut_ellipsis(text: str, last: bool) -> str | None:
    words = words_of(text.lower())
    if not words or re.search(r"\b(?:etc|and so on|and so forth)$", text, re.I):
        return None
    if re.search(r"[\d\W]$", text):
        return None  # "0, 1, 1, 2, 3, 5, 8...": a sequence that goes on, not a cut word
    if words[-1] in NEVER_LAST | RARELY_LAST or words[-1] == "a":
        return f"the text breaks off with an ellipsis after '{words[-1]}'"
    clause = re.split(r"[.!?;:]\s", text)[-1]
    if last and clause.count(",") == 0 and len(words_of(clause)) >= 4:
        return "the answer breaks off with an ellipsis mid-sentence"
    return None


# Bold opened before a word and never closed: "it keeps **the running mean". Whether a
# "**" opens or closes is CommonMark's flanking rule ("**MVCC (x)**:" closes after a bracket,
# "**OLAP**Handles" closes before a letter), so markdown-it decides: a "**" or "__" it leaves
# as text, right before a word, was never closed.
_LEFT_OVER_OPENER = lazy_regex(r"(?:\*\*|__)(?=[^\s*_])")


@cache
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def _unclosed_bold(text: str) -> bool:
    text = re.sub(r" CODE (?=\*\*|__)", " CODE", text)  # "**about $x$**": math ends the bold
    if "**" not in text and "__" not in text:
        return False
    return any(
        child.type == "text" and _LEFT_OVER_OPENER.search(child.content)
        for token in _inline_parser().parseInline(text)
        for child in token.children or ()
    )


def _unclosed(text: str) -> str | None:
    if text.count("`") % 2:  # closed code spans are already one word: this one never closed
        return "inline code opened in the last sentence is never closed"
    text = re.sub(r"\\[()\[\]]", "", text)  # "\(" and "\[" delimit math: AG171 checks them
    # Chinese and Japanese text closes "(" with a full-width "\uff09" as often as not.
    opened = text.count("(") + text.count("[") + text.count("\uff08")
    closed = text.count(")") + text.count("]") + text.count("\uff09")
    if opened > closed:
        return "a bracket opened in the last sentence is never closed"
    if text.count('"') % 2 or _curly_quote_open(text):
        return "a quotation opened in the last sentence is never closed"
    return None


def _curly_quote_open(text: str) -> bool:
    """Whether a curly quotation is left open: English "\u201c…\u201d", or German, Czech and
    Polish "\u201e…\u201c", whose closing mark is the English opening one (session 35)."""
    low_openers = text.count("\u201e")
    return text.count("\u201c") - low_openers > text.count("\u201d") or low_openers > text.count(
        "\u201c"
    )


# Straight quotes shaped as an opening one (after a space, a bracket or emphasis, before a
# word) and as a closing one (after a word or punctuation, before a space, punctuation or the
# end): '... caching strategies."' closes; '15" screen' opens nothing.
_OPENING_STRAIGHT = lazy_regex(r'(?:^|(?<=[\s(\[{*_>]))"(?=[^\s"])', re.MULTILINE)
_CLOSING_STRAIGHT = lazy_regex(r'(?<=[^\s"])"(?=[\s.,;:!?)\]*_~\'\u2019-]|$)')


def _quote_open_before(document: LintDocument, offset: int) -> bool:
    """Whether a quotation the answer opened before ``offset`` is still open there, read in
    the answer's prose (code and math blanked, HTML left out: a quote in a code block between,
    an attribute or an inline code span counts for nothing)."""
    before = HTML_TAG.sub(" ", document.prose[answer_offset(document) : offset])
    if _curly_quote_open(before):
        return True
    is_open = False
    for quote in re.finditer('"', before):
        if is_open:
            is_open = False
        elif _OPENING_STRAIGHT.match(before, quote.start()):
            is_open = True
    return is_open


def _quoting(text: str, document: LintDocument, offset: int, last: bool) -> tuple[str, bool]:
    """A quotation that spans list items, lines, paragraphs, a table, a block quote or a code
    block of one answer ('"Key points:' / '1. ...' / '2. ... the last item."'): ``text``
    (which starts at ``offset``) with the straight quote that closes a quotation opened
    earlier written as a closing curly one, so that it is read as closed; and whether that
    quotation is still open after ``text``. Only a quote shaped as a closing one closes it:
    in '... then "cut' a new quotation opens. ``last``: ``text`` ends the answer."""
    if ('"' not in text and not last) or not _quote_open_before(document, offset):
        return text, False
    first = text.find('"')
    if first >= 0 and _CLOSING_STRAIGHT.match(text, first):
        return text[:first] + "\u201d" + text[first + 1 :], False
    return text, "\u201d" not in text and first < 0


_STILL_QUOTING = "a quotation opened earlier in the answer is never closed"


# A cell: the text between unescaped pipes, or before the first or after the last one.
_CELL = lazy_regex(r"(?:(?<=\|)|^)((?:[^|\n\\]|\\.)+)(?=\||$)", re.MULTILINE)
_WORDS_IN_A_SENTENCE_CELL = 3  # "cat and" may be a label; a cut sentence is longer


def _check_tables(
    document: LintDocument, tokens: Sequence[Token], context: Mapping[str, int] = _NO_CONTEXT
) -> Iterator[Finding]:
    """A cell cut off mid-sentence: any cell ending on "the" or "and", and the last row's
    cells ending on any word a finished sentence cannot end on ("with NULLs where")."""
    body_line = document.note.body_line
    tables = [t for t in tokens if t.type == "table_open" and t.map]
    for table in tables:
        assert table.map is not None
        first = body_line + table.map[0] + 2  # below the header and the delimiter row
        last_line = body_line + table.map[1] - 1
        cut_row = _row_without_its_pipe(document, body_line + table.map[0], last_line)
        if cut_row is not None:
            yield cut_row
            continue
        for line in range(first, last_line + 1):
            start = document.offset_of_line(line)
            end = document.text.find("\n", start)
            end = len(document.text) if end < 0 else end
            for cell in _CELL.finditer(document.text, start, end):
                text = plain(cell.group(1)).strip()
                if len(words_of(text)) < _WORDS_IN_A_SENTENCE_CELL:
                    continue
                text = _quoting(text, document, cell.start(1), False)[0]
                reason = _truncation(text, line == last_line, context)
                if reason is not None and _whole_after_all(reason, text, document, cell.start(1)):
                    continue
                if reason is not None:
                    cut = cell.start(1) + len(cell.group(1).rstrip())
                    word = re.search(r"\S+$", cell.group(1).rstrip())
                    yield Finding(
                        cut - (len(word.group(0)) if word else 0),
                        cut,
                        f"{reason}: the table cell looks cut off; finish it",
                    )


def _line_text(document: LintDocument, line: int) -> str:
    start = document.offset_of_line(line)
    end = document.text.find("\n", start)
    return document.text[start : len(document.text) if end < 0 else end]


def _row_without_its_pipe(document: LintDocument, header: int, last: int) -> Finding | None:
    """The answer's last line is a table row that stops in a word without the closing '|'
    every other row of its table has ("| Mainly reduces | variance | bias and, to a lesser"):
    the copy was cut inside the cell."""
    rows = [_line_text(document, line).rstrip() for line in range(header, last + 1)]
    if len(rows) < 3 or rows[-1].endswith("|") or not all(r.endswith("|") for r in rows[:-1]):
        return None
    end = document.offset_of_line(last) + len(rows[-1])
    if document.text[end:].strip():
        return None  # more follows the table: a row written without its pipe, not a cut
    cell = plain(rows[-1].rsplit("|", 1)[-1]).strip()
    if not re.search(r"[^\W\d_]$", cell) or len(words_of(cell)) < 2:
        return None  # a number, a formula or a one-word cell may end a row
    word = re.search(r"\S+$", rows[-1])
    start = end - (len(word.group(0)) if word else 0)
    return Finding(
        start,
        end,
        "the table's last row stops without its closing '|': the cell looks cut off; finish it",
    )


# A sentence that the author ended with a full stop: a word of two letters or more and '.',
# '!' or '?' before a space or the end ("e.g." and "3.5" end none), or code or math and the
# stop ("… comes with `ROW_ID`." is ended too: plain() writes code as " CODE ", and the
# note's prose has it blanked).
_ENDED_SENTENCE = lazy_regex(
    r"(?<![.\w])[^\W\d_]{2,}[.!?](?=\s|$)|\bCODE\s?[.!?](?=\s|$)|(?<=\S) {3,}[.!?](?=\s|$)"
    # session 34: a closing bracket or quote before the stop ("(end label included).")
    r"|(?<![.\w])[^\W\d_]{2,}[)\]\"\u201d\u2019]+[.!?](?=\s|$)"
)
_NOT_SENTENCE_ENDS = word_set("etc vs approx cf al eg ie")
# A last sentence long enough to be a clause, not a label or a fragment ("- dropout").
_CLAUSE_WORDS = 4
_LABELLED_LINE = lazy_regex(r"[^\W\d_][\w'-]*(?:\s+[\w'-]+){0,2}\s*:\s")
# A shell command line at the end of an answer copied from a page without its code fence.
_COMMAND_LINE = lazy_regex(
    r"(?:\$\s*)?(?:sudo|systemctl|docker|kubectl|git|pip3?|npm|yarn|conda|apt(?:-get)?|brew"
    r"|curl|wget|ssh|scp|chmod|chown|grep|cat|ls|cd|mkdir|rm|cp|mv|tar|export|source|eval"
    r"|python3?|java|javac|mvn|gradle|make|helm|terraform|aws|gcloud|az|journalctl|service"
    r"|minikube|spark-submit|hdfs|yum|dnf|echo|tail|head|find|ps|kill|top|df|du)\s+\S"
)


# "$P(w_i)$ = the probability of …", "N = the number of words": the last line of a list of
# the symbols of a formula, each glossed after "=" (math and code read as CODE).
_DEFINITION_LINE = lazy_regex(r"(?:CODE|[A-Za-z][\w']{0,3})\s*:?=\s+\S")


def _cut_before_heading(text: str, context: Mapping[str, int]) -> str | None:
    """A word cut mid-way at the end of a paragraph a heading follows ("… wrecking the optimi"
    / "## Notes"): the heading opens another part, so nothing there finishes the word. Other
    endings are left to the mid-answer checks (a heading may be what a lead-in announces)."""
    text = _TRAILING_DECOR.sub("", text)
    if not re.search(r"[a-z]$", text):
        return None
    return _cut_word(text, context)


_WHOLE_LAST_PHRASE = lazy_regex(
    r"\b(?:and\s+so\s+(?:on|forth)|as\s+(?:it|they|this|that)\s+(?:is|are|was|were|stands?)|"
    r"as\s+well|and\s+(?:the\s+)?like|and\s+more|or\s+so)$",
    re.IGNORECASE,
)


def _unpunctuated_end(text: str, document: LintDocument, start: int) -> str | None:
    """The answer's last sentence ends on a lower-case word with no full stop, in an answer
    whose earlier sentences (paragraphs, list items) end with one: the author punctuates, so
    the missing stop is where the copy was cut ("... while the model")."""
    text = text.rstrip()
    if not re.search(r"(?<![\w.'\u2019/-])[a-z]{2,}$", text) or text.endswith(" etc"):
        return None  # "... beach, coast etc": the enumeration is ended, only its stop is missing
    if _WHOLE_LAST_PHRASE.search(text):
        return None  # "... and so on", "leave it as it is": a phrase that closes a sentence
    last_line = text.rsplit("\n", 1)[-1].strip()
    if _LABELLED_LINE.match(last_line):
        return None  # "TODO: add an example", "Image source: CS231n notes": no sentence
    if _COMMAND_LINE.match(last_line):
        return None  # "sudo systemctl start nginx" pasted unfenced: a command, not a sentence
    if _DEFINITION_LINE.match(last_line):
        return None  # "$N$ = the number of words": a symbol's gloss, no sentence to stop
    last_sentence = re.split(r"[.!?]\s", text)[-1].strip()
    if not last_sentence[:1].isupper() or len(words_of(last_sentence)) < _CLAUSE_WORDS:
        return None  # a fragment ("- in the image on the left, ..."), not a sentence
    earlier = plain(document.prose[answer_offset(document) : start]) + " " + text
    ended = [
        m
        for m in _ENDED_SENTENCE.finditer(earlier[: len(earlier) - len(last_sentence)])
        if m.group(0)[:-1].lower() not in _NOT_SENTENCE_ENDS
    ]
    if not ended:
        return None
    return f"the answer's last sentence stops at '{text.split()[-1]}' without a full stop"


def _empty_last_items(
    document: LintDocument, tokens: Sequence[Token], answer_start: int
) -> Iterator[Finding]:
    """ "1. Independent rows\n2.": a list whose last item is only its marker."""
    for index, token in enumerate(tokens[:-2]):
        if token.type != "list_item_open" or tokens[index + 1].type != "list_item_close":
            continue
        if tokens[index + 2].type == "list_item_open" or not token.map:
            continue  # an empty item between others is a layout choice, not a cut
        start = document.offset_of_line(document.note.body_line + token.map[0])
        if start < answer_start:
            continue
        line_end = document.text.find("\n", start)
        end = len(document.text) if line_end < 0 else line_end
        yield Finding(start, end, "the list's last item is empty: the text looks cut off")


class TruncatedText(Rule):
    """An answer, or a sentence in it, cut off before its end. Reported endings, by word class:
    an article or determiner ("the", "its", "several"), a conjunction ("and", "whereas"), a
    relative pronoun or a clause-opening "that" ("..., which", "the reason is that"), a
    clause that announces a reason, a way or a consequence and stops ("..., which is why",
    "that's how", "this explains why", "which means", "which is what"; not "nobody knows
    why"), a list announced and not given ("Popular choices include"), a connective opening
    a last clause ("..., hence", "and therefore"), a
    preposition ("of", "per", "through"), an auxiliary ("is", "can"), a subject pronoun ("the
    data they"), a possessive or contraction ("the model's", "it's"), a word that announces
    examples ("such as", "e.g.", "especially", "like"), a second item that never comes ("and
    the other"), an adverb after an auxiliary with no verb ("it can also"), "that are" (only a
    relative clause has a plural verb after "that"), an enumeration's last modifier without
    its noun ("true negatives and false"), an adverb after a coordinator, a gerund-taking
    preposition or a copula ("..., and usually", "without ever", "become nearly"), "the next" or
    a superlative after "only", "of" or "at" ("as the next", "at the smallest"), a participle
    after a determiner ("its estimated"), a verb that takes an object right after a modal or
    "also" ("each step would include"), a gerund that takes an object after a preposition
    ("instead of using") or after a floated "both"/"all"/"each" ("two rows that tie both
    get"), "become" or "seem" without their complement ("the gradient
    becomes"), "but not", a subordinate clause that "so", "and" or "but" opens and that stops
    before its main clause ("..., so when you multiply many of them together"), a last clause
    that names its subject, a participle before the noun too, and stops ("..., so the
    accumulated noise"), a conjunction of condition after a comma or a formula ("... tends to
    $\\log p(x)$ provided", "..., assuming"); a comma, colon,
    dash, "&" or operator with nothing after
    it; an open bracket, quote, bold or inline code span; an enumeration that stops at its next
    label ("3)"); a word cut mid-way (a non-word that starts a common word, "the optimi",
    "self-atten", "Self-attenti", "mini-bat", a British start such as "regularisat";
    two lower-case letters that are no word, unit or short form, "the learning ra"; after
    "very", "too" and the like only an English word is whole, so "learn very slo" is cut
    though "SLO" is a term); a word that is one only by chance: a rare word said once (or one
    known only from web text) that starts a longer word of the same note ("the deco" in a note
    on the decoder, "unit varia" under a question on variance, "the varian" under one on
    high-variance models), a word hardly ever written that starts a common one ("future
    toke"), a past form where a noun must stand ("a reasonable ran"), a short form after a
    bare preposition ("trained on diff"); a question heading that ends on an article or
    conjunction ("... between a list and a"); an answer that announces more and stops
    ("computed with the following formula", "is as follows"); a clause cut before a picture
    ("it means that" and then only an image; "is given by" and then the image is whole); a
    list whose last item is empty; an ellipsis mid-clause; a quotation opened earlier in the
    answer and never closed by its end. Each is checked at the end of the answer, of a list
    item, of a table's last row, inside emphasis and before a '***' rule (a cloze's Extra line,
    or a further part of an answer); before a heading ("## Extra", "## Example") a word cut
    mid-way and a last sentence without its full stop are. A quotation may span the lines, list
    items and paragraphs of one answer, with a table, a block quote or code between: it is
    closed where its closing quote stands ('"Key points:' / '1. ...' / '2. ... the last
    item."'), and a quote in code or a '15"' opens none. A lead-in ending with ':' that a
    heading follows announced what never came; and an answer that ends its sentences with full
    stops but whose last sentence (a capitalised clause of four words or more, ending on a
    lower-case word) has none was cut there ("It shows up as a gap between training and
    validation"), unless its last line is labelled ("TODO: …", "Image source: …") or is a
    shell command pasted without its fence ("sudo systemctl restart nginx"). An ellipsis
    after a number or symbol continues a sequence ("0, 1, 1, 2, 3, 5, 8...").

    Text copied from a web page is often cut at a length limit or at a line the copy missed,
    and the learner then recalls half a fact. Finish the sentence, or end it where the fact
    ends. An answer that is a term, a formula, a list of fragments, a table or code needs no
    full stop: only endings that cannot close a sentence are reported, and the everyday
    phrases that do end on those words are accepted ("as it is", "log in", "and so on", "what
    it is used for", "use a lock for that"). A paragraph that introduces a list, code, math
    or a table ("such as:") is not an end, nor is a list item ending on "and" or "or" when the
    next item finishes its sentence ("- a penalty on large weights, and" / "- early stopping."). A
    warning: the rule reads word classes, not meaning. An adjective that only stands before its
    noun, after a verb of having or a preposition ("the loss alone has different", "with
    separate"), ends nothing, in a list's last item too ("the statistics are different" does).

    A paragraph that stops right before a code block on a word that needs prose after it (an
    article, a possessive, or a relational word: "into", "of", "than", "between", "beyond") was
    cut there: code may finish "create it with", never "grows into".

    Session 30 (a class of the opened batches 38 and 44): before a code block, an active
    verb's "by" needs its noun phrase ("clipping multiplies every gradient by"; "Install it by
    running" is finished by the command, and "is given by" by the formula in the code) and a
    consequence clause its complement ("…, which makes it"; "the code that makes it" may mean
    creates it).

    Session 34: a sentence that a bracket or a quote closes before its full stop ("(end label
    included).") counts as ended, so a last sentence without its stop after it is cut; a last
    sentence may open with code or bold code ("`iloc` selects …, and the end"); and a relative
    or coordinated clause ("…, which is roughly") is no short reply that a degree adverb may end.

    Session 35: advice whose subject is the empty "it" stops before its verb's object ("…, so
    for sparse demand it is better to use", "and it's best to apply"); "the one it is best to
    use" and "it is easy to use" (said of the thing) end whole. German quotation marks ("„…“")
    close a quotation as English ones do, and a documentation site's admonition fence (":::") is
    no sentence ending with a colon.
    """

    code = "AG135"
    name = "truncated-text"
    severity = Severity.WARNING
    summary = "an answer or sentence that breaks off mid-sentence"
    bad = "# Why use batch normalisation?\n\nIt stabilises training and allows the use of\n"
    good = (
        "# Why use batch normalisation?\n\nIt stabilises training and allows larger learning "
        "rates.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        answer_start = answer_offset(document)
        question = document.question
        if document.note.meta.type is not NoteType.CLOZE and question is not None:
            text = document.text[question[0] : question[1]]
            words = words_of(plain(text).lower())
            ends_open = words and (
                words[-1] == "between" or dangling_word(words, plain(text).rstrip(), False)
            )
            if ends_open and text.rstrip()[-1:].isalpha():
                yield Finding(
                    question[1] - len(words[-1]),
                    question[1],
                    f"the question ends with '{words[-1]}': it looks cut off; finish it",
                )
        context = Counter(words_of(document.prose[document.body_offset :].lower()))
        for section in _sections(document):
            yield from _empty_last_items(document, section, answer_start)
            for paragraph in _paragraphs(document, section):
                if paragraph.end <= answer_start:
                    continue
                yield from self._check_paragraph(document, paragraph, context)
            yield from _check_tables(document, section, context)

    def _check_paragraph(
        self, document: LintDocument, paragraph: _Paragraph, context: Mapping[str, int]
    ) -> Iterator[Finding]:
        source = document.text[paragraph.start : paragraph.end].rstrip()
        if _TASK_CHOICE.match(source):
            return  # "- [ ] A kind of while loop": a quiz's choice is a phrase, not a sentence
        end = paragraph.start + len(source)
        last_token = re.search(r"\S+$", source)
        last_start = end - len(last_token.group(0)) if last_token else end
        if source[-1:] in _DANGLING_MARKS:
            last_start = end - 1  # point at the comma or colon itself
        for match in _CUT_BEFORE_STOP.finditer(document.text, paragraph.start, end):
            if document.prose[match.start() : match.end()] != match.group(0):
                continue  # inside code or math, or around a code span
            yield Finding(
                match.start(),
                match.end(),
                f"a sentence breaks off at '{match.group(0)}': finish it",
            )
            if match.end() >= last_start:
                return  # the same cut as the paragraph's end
        if paragraph.image_next:
            # A picture may be what "as follows:" shows, never the rest of "it means that".
            words = words_of(plain(source).lower())
            if words and words[-1] in _CLAUSE_OPENERS and source[-1:].isalpha():
                reason = dangling_word(words, plain(source), True)
                if reason is not None:
                    yield Finding(
                        last_start, end, f"{reason} before a picture: the text looks cut off"
                    )
            return
        if paragraph.leads_in:
            # Code may finish "set it with", never "grows into" or "the": a determiner, a
            # possessive or a relational word has nothing in the code to take as its noun.
            words = words_of(plain(source).lower())
            plain_source = plain(source).rstrip()
            if (
                paragraph.code_next
                and words
                and source[-1:].isalpha()
                and (words[-1] in _NOT_BEFORE_CODE or _COMPLEMENT_MISSING.search(plain_source))
                and not _STATED_BY.search(plain_source)
            ):
                yield Finding(
                    last_start,
                    end,
                    f"the text ends with '{words[-1]}' before a code block: it looks cut off; "
                    "finish the sentence",
                )
            return
        if paragraph.item_next and _JOINS_ITEMS.search(source):
            return  # "- clip the gradients, or" / "- lower the rate.": one sentence
        text, quoting = _quoting(plain(source), document, paragraph.start, paragraph.last)
        if paragraph.heading_next and _TRAILING_DECOR.sub("", text).endswith(":"):
            announced = "the text announces what follows with ':', then a heading comes"
            yield Finding(last_start, end, f"{announced}: the text looks cut off; finish it")
            return
        reason = _truncation(text, paragraph.last, context)
        if reason is None and quoting and paragraph.last:
            reason = _STILL_QUOTING
        if reason is None and paragraph.heading_next:
            reason = _cut_before_heading(text, context)
        if (
            reason is None
            and (paragraph.last or paragraph.heading_next)
            and not paragraph.among_fragments
            and not _LINK_LINE_LAST.search(source)
        ):
            # the text before a heading ("## Extra", "## Example") ends its part too
            reason = _unpunctuated_end(text, document, paragraph.start)
        if reason is not None and _whole_after_all(reason, text, document, paragraph.start):
            return
        if reason is not None:
            yield Finding(last_start, end, f"{reason}: the text looks cut off; finish it")


# "int[] ids = new int[5];", "setVisible(true);": a statement of code written as the answer.
_CODE_STATEMENT = lazy_regex(r"^[\w\[\]<>.,\s]+=\s*\S.*;$|^[\w.]+\([^()]*\);$")
# "do-while", "built-in": the last word joined to the one before it by a hyphen.
_HYPHENATED_LAST = lazy_regex(r"[^\W\d_]-([^\W\d_]+)\W*$")


def _whole_after_all(reason: str, text: str, document: LintDocument, start: int) -> bool:
    """Whether a reported ending is whole after all: a code statement ends with its ';', a
    hyphenated compound ("do-while") is one word whose last part dangles nothing, and in a
    note or a deck written in another language an unknown last word is that language's ("el
    rol"), not an English word cut short."""
    stripped = text.strip()
    if stripped.endswith(";") and _CODE_STATEMENT.match(stripped):
        return True
    hyphenated = _HYPHENATED_LAST.search(stripped)
    if hyphenated is not None and reason == f"the text ends with '{hyphenated.group(1).lower()}'":
        return True
    if "a word cut short" in reason:
        if not document.deck.config.english:
            return True  # a deck in another language: its words are not English ones cut
        spans = foreign_spans(document.prose, document.body_offset)
        return any(begin <= start < stop for begin, stop in spans)
    return False
