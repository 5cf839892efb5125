"""Prose that fails on a card: doubled words, answers cut off mid-sentence, answers that are
only a link, and answers that point at another card or at another part of the source."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it.token import Token

from ankigen.diagnostics import Fix, Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.leftovers import quoted
from ankigen.lint.rules.names import canonical_word_parts
from ankigen.lint.words import bundled_terms, common_words, is_known
from ankigen.model import NoteType

_CLOZE_MARKUP = re.compile(r"\{\{c\d+::|::[^}\n]*\}\}|\}\}")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}\n]*)?\}\}", re.DOTALL)
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


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", text)


def _answer_start(document: LintDocument) -> int:
    """Where the answer begins: after the question heading, or at the body (cloze notes)."""
    question = document.question
    if document.note.meta.type is NoteType.CLOZE or question is None:
        return document.body_offset
    return question[1]


# --- AG134 doubled-word ------------------------------------------------------------------

# Two equal words separated by spaces, or by one line break inside a paragraph or a quote.
# Emphasis marks may sit between them ("**the** the", "_for for_").
_DOUBLED = re.compile(
    r"(?<![^\W_]|['\u2019-])(?<![^\W_]_)([^\W\d_]+)"
    r"([*_~]*[ \t]+[*_~]*|[*_~]*[ \t]*\n[ \t]*(?:>[ \t]*)*[*_~]*)"
    r"(\1)(?![^\W_]|['\u2019-]|_[^\W_])",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"[*_~]")
_HEADING = re.compile(r" {0,3}#")
_GAP = re.compile(r"[ \t]+|[ \t]*\n[ \t]*(?:>[ \t]*)*")
# Grammatical doubles ("he said that that works", "it had had") and reduplications or
# intensifiers that are style, not slips ("bye bye", "very very", C's "long long").
_NEVER_DOUBLED_BY_MISTAKE = _word_set(
    """that had bye no ha haha hey yeah yes well now there very really many much far long
    pretty too tut knock chop tsk hip night boo ta cha pom tom yo blah la ho bla hush go quick
    mahi bora walla baden agar dum aye oh ah uh um hmm ok okay mm wow bang beep choo ding hear
    chin cous tutu"""
)
# "What it is is a list": a clause ending in a verb, then the verb of the main clause.
_CLAUSE_VERBS = frozenset({"is", "was", "does", "did", "do"})
_CLAUSE_OPENERS = re.compile(r"\b(?:what|whatever|all|how|where|why|who|whoever)\b", re.I)
# "log in in the menu", "turn it on on startup": a phrasal verb's particle, then a preposition.
_PARTICLES = _word_set("in on up out off over down by through back around about along across away")
_PHRASAL_VERBS = _word_set(
    """log plug sign turn switch check opt zoom fill hand kick tune come go get put set carry
    give take break bring hold look pass run shut wake write print type read pick lock build
    start warm cool roll drill scale ramp phase lay sit stand stay keep fall cut pull push send
    show spin sort work blow boot clean clear mix sum wrap weigh dial factor figure freeze load
    burn wind wipe zero round call hang let dump bail fade level act head move catch cash back
    point rule leave hand bring fold max top clock sign cross"""
)
# "so-so" is an adjective ("the results were so so"); "so so that" is a slip.
_AFTER_SO_CONJUNCTION = _word_set(
    """that as the a an we you i it they this these those he she there if on far long called
    when where its their our your each every all any one to"""
)
_PRONOUNS = _word_set("i we you they he she it people which who that")
# Subjects after which a final auxiliary ends a clause ("as it is"); a relative pronoun does
# not ("..., which is").
_SUBJECTS = _word_set("i we you they he she it people that there this these those one as")


_CLOSED_CLASS = _word_set(
    """a an the of to in on at by for with from into onto as than and or but nor if is are was
    were be been being has have do does did can could will would shall should may might must
    this these those it its their our your my his her he she they we you i me us them which
    who whom whose what when where why how not"""
)


def _stems(word: str) -> set[str]:
    """The word and its likely bare forms: logged -> log, turns -> turn, tuning -> tune."""
    forms = {word}
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            bare = word[: -len(suffix)]
            forms |= {bare, bare + "e"}
            if len(bare) > 2 and bare[-1] == bare[-2]:
                forms.add(bare[:-1])
    return forms


def _previous_word(prose: str, offset: int) -> str:
    words = _words(prose[max(0, offset - 40) : offset])
    return words[-1].lower() if words else ""


def _next_word(prose: str, offset: int) -> str:
    """The word right after ``offset`` in the same clause (emphasis marks aside), or ""."""
    word = re.match(r"[ \t*_]*(?:\n[ \t]*)?([^\W\d_]+)", prose[offset : offset + 40])
    return word.group(1).lower() if word else ""


def _sentence_before(prose: str, offset: int) -> str:
    start = max(prose.rfind(mark, 0, offset) for mark in (". ", "? ", "! ", "\n\n"))
    return prose[max(start, 0) : offset]


def _opens_clause(sentence: str) -> bool:
    """ "What it is": an opener with a subject after it, so the next "is" is the main verb."""
    openers = list(_CLAUSE_OPENERS.finditer(sentence))
    return bool(openers) and bool(_words(sentence[openers[-1].end() :]))


def _is_slip(prose: str, match: re.Match[str]) -> bool:
    """Whether the doubled word can only be a slip, not grammar or style."""
    first, second = match.group(1), match.group(3)
    word = first.lower()
    if word in _NEVER_DOUBLED_BY_MISTAKE:
        return False
    if word == "so":
        return _next_word(prose, match.end()) in _AFTER_SO_CONJUNCTION
    if len(word) == 1 and (word != "a" or (first.isupper() and second.isupper())):
        return False  # variables and labels: "x x", "grade A A"
    if first.isupper() and second.isupper() and len(word) > 1:
        return False  # acronyms
    closed = word in _CLOSED_CLASS
    if not closed and first[0].isupper() and second[0].isupper():
        return False  # names: "Bora Bora", "Baden Baden"
    before = _previous_word(prose, match.start())
    if word in _CLAUSE_VERBS and (
        _opens_clause(_sentence_before(prose, match.start()))
        or (word == "do" and before in _PRONOUNS)
    ):
        return False
    return not (word in _PARTICLES and _stems(before) & _PHRASAL_VERBS)


def _removal(text: str, match: re.Match[str]) -> Fix:
    """Delete the second word: with the spaces after it, so that a line break before it stays,
    or with the gap before it when punctuation follows."""
    after = re.match(r"[ \t]+", text[match.end(3) :])
    if after:
        return Fix(match.start(3), match.end(3) + after.end(), "")
    return Fix(match.end(1), match.end(3), "")


class DoubledWord(Rule):
    """The same word twice in a row: "the the", "is is", "to" at the end of one line and again
    at the start of the next.

    A doubled word is a slip the eye skips while writing but a learner trips over on every
    review. Words that English does double on purpose are accepted: "had had", "that that",
    "what it is is \u2026", a phrasal verb's particle before the same preposition ("log in in the
    menu"), names ("Bora Bora"), reduplications and intensifiers ("bye bye", "very very") and
    C's "long long". The fix removes the second word.
    """

    code = "AG134"
    name = "doubled-word"
    summary = "the same word twice in a row"
    bad = "# What does dropout do?\n\nIt zeroes a random fraction of the the activations.\n"
    good = "# What does dropout do?\n\nIt zeroes a random fraction of the activations.\n"
    fixable = True

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose = document.prose
        for match in _DOUBLED.finditer(prose, document.body_offset):
            gap = document.text[match.end(1) : match.start(3)]
            loose = _EMPHASIS.sub("", _CLOZE_MARKUP.sub("", gap))
            if not _GAP.fullmatch(loose) or not _is_slip(prose, match):
                continue
            if loose != gap and match.group(1) != match.group(3):
                continue  # "**Bagging** bagging trains ...": a bold label, then the text
            line_start = document.text.rfind("\n", 0, match.start()) + 1
            if "\n" in gap and _HEADING.match(document.text, line_start):
                continue  # "# Dropout" then "Dropout is ...": a title, then its text
            fix = _removal(document.text, match) if _GAP.fullmatch(gap) else None
            yield Finding(
                match.start(1),
                match.end(3),
                f"doubled word '{match.group(1)} {match.group(3)}': remove one",
                fix,
            )


# --- AG135 truncated-text -----------------------------------------------------------------

# Words that cannot end a sentence, wherever the paragraph is.
_NEVER_LAST = _word_set(
    """the an and or nor because although whereas unless whether than via every very its their
    our your my whose including e.g i.e eg ie"""
)
# Words that end a sentence only rarely (a stranded preposition, "as it is"): reported at the
# end of an answer, where a complete answer would have ended cleanly.
_RARELY_LAST = _word_set(
    """of to for with from into onto at between among towards toward within during upon
    against unlike versus vs by then is are was were be been being has have does did can could
    will would should shall may might must such both as when while where which whom if until
    without before after"""
)
# The word before that makes such an ending whole: "since then", "for a while", "as if".
_WHOLE_AFTER: dict[str, frozenset[str]] = {
    "then": _word_set("since until till by back just only even right from"),
    "while": _word_set("a the worth"),
    "if": _word_set("as what even only"),
    "before": _word_set("as never ever long day week year month moment seen done shortly soon"),
    "after": _word_set("soon shortly long ever day week year month moment right just"),
}
_AUXILIARIES = _word_set(
    "is are was were be been being has have does did can could will would should shall may "
    "might must"
)
_NEVER_LAST_PAIRS = frozenset(
    {
        "such as",
        "as well",
        "in order",
        "order to",
        "due to",
        "according to",
        "rather than",
        "so that",
        "such that",
        "as a",
        "for example",
        "for instance",
        "based on",
        "depends on",
        "depending on",
        "relies on",
        "focuses on",
        "results in",
        "stored in",
        "used in",
        "defined in",
        "consists of",
        "instead of",
        "because of",
        "in terms",
        "as opposed",
        "compared to",
        "compared with",
        "leads to",
        "refers to",
    }
)
# "a" ends a sentence when it names something: "option a", "vector a", "grade a".
_LETTER_NAMES = _word_set(
    """option answer choice vector matrix point class type plan part section step group set
    node variable column row letter grade category vitamin series case scenario list team
    player array tensor table figure item appendix user value label site server sample cluster
    model matrices"""
)
_INLINE_CODE = re.compile(r"(`+).+?\1|\$\$.+?\$\$|\$[^\s$](?:[^$\n]*[^\s$])?\$", re.DOTALL)
_IMAGE_MD = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_MD = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_URL = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>|\b(?:https?://|www\.)[^\s)>\]]+")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>|<!--.*?-->", re.DOTALL)
_BLOCK_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?", re.MULTILINE)
_TRAILING_DECOR = re.compile(r"[\s*_~]+$")
_DANGLING_MARKS = ",;:(=\u2013\u2014-"
_ELLIPSIS = re.compile(r"(?:\.\.\.|\u2026)$")
# "The model uses the. Then ...": an article or "such as" right before a full stop.
_CUT_BEFORE_STOP = re.compile(
    r"(?<![\"'\u2018\u201c*_`])\b(?:the|an)[ \t]*[.,;](?=\s|$)|\bsuch as[ \t]*[.;](?=\s|$)", re.I
)


def _plain(text: str) -> str:
    """A paragraph as the learner reads it, code and math kept as one opaque word each."""
    text = _CLOZE.sub(lambda m: m.group(1), text)
    text = _INLINE_CODE.sub(" CODE ", text)
    text = _IMAGE_MD.sub(" IMAGE ", text)
    text = _LINK_MD.sub(lambda m: m.group(1), text)
    text = _URL.sub(" URL ", text)
    text = _HTML_TAG.sub(" ", text)
    return _BLOCK_MARKERS.sub("", text)


@dataclass(frozen=True)
class _Paragraph:
    start: int  # file offsets of the paragraph's source
    end: int
    last: bool  # nothing but closing tokens follows it in its part of the note
    leads_in: bool  # a list, code, table or quote follows it: "such as:" introduces it


def _sections(document: LintDocument) -> list[list[Token]]:
    """The answer's parts whose ends are checked: the answer, or a cloze's text and Extra."""
    tokens = document.tokens
    if document.note.meta.type is NoteType.CLOZE:
        cut = [i for i, token in enumerate(tokens) if token.type == "hr" and token.level == 0]
        if cut:
            return [tokens[: cut[0]], tokens[cut[0] + 1 :]]
    return [tokens]


def _paragraphs(document: LintDocument, tokens: Sequence[Token]) -> Iterator[_Paragraph]:
    body_line = document.note.body_line
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or not token.map:
            continue
        following = [
            t for t in tokens[index + 3 :] if not t.type.endswith("_close") and t.type != "hr"
        ]
        first_line = body_line + token.map[0]
        start = document.offset_of_line(first_line)
        end = document.offset_of_line(body_line + token.map[1])
        # A list, code, table or quote right after the paragraph is what it introduces.
        leads_in = bool(following) and following[0].type in _INTRODUCED
        yield _Paragraph(start, end, not following, leads_in)


def _truncation(text: str, last: bool) -> str | None:
    """Why a paragraph's text looks cut off, or None. ``last``: it ends the answer."""
    text = _TRAILING_DECOR.sub("", text)
    if not text:
        return None
    if re.search(r"(?:^|\s)(?:e\.g|i\.e|eg|ie)\.?,?$", text, re.IGNORECASE):
        return f"the text ends with '{text.split()[-1]}'"
    if _ELLIPSIS.search(text):
        return _cut_ellipsis(text[: -3 if text.endswith("...") else -1].rstrip(), last)
    if text[-1] in ".!?)]}\"'\u201d\u2019\u00bb":
        return _unclosed(text) if last else None
    if last and text[-1] in _DANGLING_MARKS:
        return f"the answer ends with '{text[-1]}'"
    words = _words(text.lower().replace("e.g.", "eg").replace("i.e.", "ie"))
    if not words or not re.search(r"[^\W\d_]$", text):
        return _unclosed(text) if last else None  # "between 0 and 1" ends with a number
    return (
        _dangling_word(words, text, last)
        or (_cut_word(text) if last else None)
        or (_unclosed(text) if last else None)
    )


def _dangling_word(words: list[str], text: str, last: bool) -> str | None:
    word = words[-1]
    before = words[-2] if len(words) > 1 else ""
    if f"{before} {word}" in _NEVER_LAST_PAIRS and last:
        return f"the text ends with '{before} {word}'"
    if word == "a":
        named = before in _LETTER_NAMES or re.search(r"[:(=]\s*a$", text, re.I)
        return None if named or not text.endswith("a") else "the text ends with the article 'a'"
    if word in _NEVER_LAST:
        return f"the text ends with '{word}'"
    if last and word in _RARELY_LAST:
        if word in _AUXILIARIES and before in _SUBJECTS:
            return None  # "as it is", "whatever they are"; "..., which is" is cut
        if before in _WHOLE_AFTER.get(word, frozenset()):
            return None
        return f"the text ends with '{word}'"
    return None


@cache
def _sorted_words() -> tuple[str, ...]:
    return tuple(sorted(common_words() | _known_terms()))


# Short forms that end a sentence on purpose: "to improve perf".
_ABBREVIATIONS = _word_set(
    """perf prev calc info spec specs temp stat stats prob diff eval init impl repo args dist
    approx param params config async regex optim dtype utils misc util"""
)


@cache
def _known_terms() -> frozenset[str]:
    return bundled_terms() | canonical_word_parts()


def _cut_word(text: str) -> str | None:
    """A last word that is no word but the start of a longer one: "monitor its perfor"."""
    last = re.search(r"(?<![\w.'\u2019/-])([a-z]{4,})$", text)
    if last is None:
        return None
    word = last.group(1)
    if word in _ABBREVIATIONS or is_known(word, _known_terms()):
        return None
    words = _sorted_words()
    index = bisect.bisect_left(words, word)
    completions = [
        w for w in words[index : index + 50] if w.startswith(word) and len(w) >= len(word) + 2
    ]
    return f"the text ends with '{word}', a word cut short" if completions else None


def _cut_ellipsis(text: str, last: bool) -> str | None:
    words = _words(text.lower())
    if not words or re.search(r"\b(?:etc|and so on|and so forth)$", text, re.I):
        return None
    if words[-1] in _NEVER_LAST | _RARELY_LAST or words[-1] == "a":
        return f"the text breaks off with an ellipsis after '{words[-1]}'"
    clause = re.split(r"[.!?;:]\s", text)[-1]
    if last and clause.count(",") == 0 and len(_words(clause)) >= 4:
        return "the answer breaks off with an ellipsis mid-sentence"
    return None


def _unclosed(text: str) -> str | None:
    opened = text.count("(") + text.count("[")
    closed = text.count(")") + text.count("]")
    if opened > closed:
        return "a bracket opened in the last sentence is never closed"
    if text.count('"') % 2 or text.count("\u201c") > text.count("\u201d"):
        return "a quotation opened in the last sentence is never closed"
    return None


# A cell: the text between unescaped pipes, or before the first or after the last one.
_CELL = re.compile(r"(?:(?<=\|)|^)((?:[^|\n\\]|\\.)+)(?=\||$)", re.MULTILINE)
_WORDS_IN_A_SENTENCE_CELL = 3  # "cat and" may be a label; a cut sentence is longer


def _check_tables(document: LintDocument, tokens: Sequence[Token]) -> Iterator[Finding]:
    """A cell cut off mid-sentence: any cell ending on "the" or "and", and the last row's
    cells ending on any word a finished sentence cannot end on ("with NULLs where")."""
    body_line = document.note.body_line
    tables = [t for t in tokens if t.type == "table_open" and t.map]
    for table in tables:
        assert table.map is not None
        first = body_line + table.map[0] + 2  # below the header and the delimiter row
        last_line = body_line + table.map[1] - 1
        for line in range(first, last_line + 1):
            start = document.offset_of_line(line)
            end = document.text.find("\n", start)
            end = len(document.text) if end < 0 else end
            for cell in _CELL.finditer(document.text, start, end):
                text = _plain(cell.group(1)).strip()
                if len(_words(text)) < _WORDS_IN_A_SENTENCE_CELL:
                    continue
                reason = _truncation(text, line == last_line)
                if reason is not None:
                    cut = cell.start(1) + len(cell.group(1).rstrip())
                    word = re.search(r"\S+$", cell.group(1).rstrip())
                    yield Finding(
                        cut - (len(word.group(0)) if word else 0),
                        cut,
                        f"{reason}: the table cell looks cut off; finish it",
                    )


class TruncatedText(Rule):
    """An answer, or a sentence in it, cut off before its end: it stops on "the", "and",
    "such as", "e.g.", a comma or a colon with nothing after it, an open bracket or quote, or
    an ellipsis mid-clause.

    Text copied from a web page is often cut at a length limit or at a line the copy missed,
    and the learner then recalls half a fact. Finish the sentence, or end it where the fact
    ends. An answer that is a term, a formula, a list of fragments, a table or code needs no
    full stop: only endings that cannot close a sentence are reported. A paragraph that
    introduces a list or code ("such as:") is not an end.
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
        answer_start = _answer_start(document)
        question = document.question
        if document.note.meta.type is not NoteType.CLOZE and question is not None:
            text = document.text[question[0] : question[1]]
            words = _words(_plain(text).lower())
            if words and words[-1] in _NEVER_LAST | {"between"} and text.rstrip()[-1:].isalpha():
                yield Finding(
                    question[1] - len(words[-1]),
                    question[1],
                    f"the question ends with '{words[-1]}': it looks cut off; finish it",
                )
        for section in _sections(document):
            for paragraph in _paragraphs(document, section):
                if paragraph.end <= answer_start:
                    continue
                yield from self._check_paragraph(document, paragraph)
            yield from _check_tables(document, section)

    def _check_paragraph(self, document: LintDocument, paragraph: _Paragraph) -> Iterator[Finding]:
        source = document.text[paragraph.start : paragraph.end].rstrip()
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
        if paragraph.leads_in:
            return
        reason = _truncation(_plain(source), paragraph.last)
        if reason is not None:
            yield Finding(last_start, end, f"{reason}: the text looks cut off; finish it")


# --- AG136 link-only-answer ---------------------------------------------------------------

_FILLER = _word_set(
    """see read more here refer referred reference references ref link links url to the this
    that these those following below above article articles post posts blog blogs page pages
    documentation docs doc paper papers video videos tutorial tutorials answer answers
    potential for details detail detailed info information explanation explanations explained
    check out visit click go through at on in of a an and or please you can may find it is are
    available source sources resource resources useful good great best nice excellent further
    reading learn about via from by official website site web wiki wikipedia medium github
    youtube kaggle also some other here's one my our question lecture lectures notes course
    book chapter section example examples guide cheat sheet cheatsheet topic full complete
    amazing awesome very well refer readings pdf slides thread stackoverflow quora this's
    given shared attached mentioned check watch look i me we back top"""
)
_TITLE_WORDS = re.compile(
    r"\b(?:introduction|intro|guide|tutorial|understanding|explained|explanation|overview|"
    r"cheat ?sheet|documentation|docs|article|post|blog|paper|book|course|video|lecture|notes|"
    r"chapter|beginners?|complete|comprehensive|everything|how to|what is|what are|why|"
    r"ultimate|primer|handbook|wiki|wikipedia|medium|here|link|source|reference|read more)\b",
    re.IGNORECASE,
)
_POINTER = re.compile(
    r"^\W*(?:please\s+)?(?:refer(?:\s+to)?|see|check(?:\s+out)?|read|look\s+at|visit|go\s+"
    r"through|watch|follow)\b",
    re.IGNORECASE,
)
_RESOURCE = re.compile(
    r"\b(?:article|link|documentation|docs|post|blog|paper|video|book|tutorial|page|website|"
    r"site|resource|reference|wiki|wikipedia|source|notes|slides|lecture|course|url)s?\b",
    re.IGNORECASE,
)
# Reference-style links: "[label][id]", "[label][]" and their definitions "[id]: https://…".
_REFERENCE_LINK = re.compile(r"\[([^\]\n]*)\]\[[^\]\n]*\]")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
# With a pointer verb first ("Watch: [title](…)") a short answer is a pointer whatever the
# label says: a video's or page's title is not the answer.
_WORDS_OF_A_POINTER = 8
# "Google it.", "Look it up on Wikipedia.": the whole answer sends the learner elsewhere.
_SEARCH_IT = re.compile(
    r"\W*(?:just\s+|please\s+)?(?:google\s+(?:it|this|that)|search\s+(?:for\s+)?(?:it|this|that)|"
    r"look\s+(?:it|this|that)\s+up)\b(?:\s+(?:on|in|at)\s+[\w .-]{1,30})?\W*",
    re.IGNORECASE,
)
_NOT_LINK_ONLY = re.compile(r"!\[|^\s*\|.*\|\s*$|^ {0,3}(?:```|~~~|\$\$)", re.MULTILINE)


def _label_is_content(label: str, question: frozenset[str]) -> bool:
    """A link label the learner could recall ("Adam"), not a title, "here", or the question's
    own topic repeated ("[Covariance and correlation](\u2026)" under "What are covariance and
    correlation?")."""
    words = _words(label)
    if not words or _URL.search(label) or re.search(r"\w\.\w{2,}", label):
        return False
    capitalised = sum(word[0].isupper() for word in words)
    if _TITLE_WORDS.search(label) or (len(words) > 4 and capitalised * 5 >= len(words) * 3):
        return False  # a page title: "A Gentle Introduction to Dropout"
    return any(word.lower() not in _FILLER | question for word in words)


def _names_a_resource_only(text: str) -> bool:
    """ "Check the pandas documentation for this": one clause, a pointer and a resource."""
    return _RESOURCE.search(text) is not None and re.search(r"[:;,]|\.\s+\w", text) is None


class LinkOnlyAnswer(Rule):
    """An answer that is only a link, a bare URL or a pointer to a resource: "[see
    here](\u2026)", "Read more: https://\u2026", "Refer to this article", a reference-style link
    and its definition, "Watch: [a video's title](\u2026)", "Look it up on Wikipedia".

    The learner turns the card and finds nothing to recall; the link is not even clickable
    while reviewing on a phone. Write the answer itself, in a sentence or two, and keep the
    link in the note's `source`. A link whose label is itself the answer ("[Adam](\u2026)") is
    accepted.
    """

    code = "AG136"
    name = "link-only-answer"
    summary = "the answer is only a link or a pointer to a resource"
    bad = "# How does k-fold cross-validation work?\n\nRead more: https://example.com/kfold\n"
    good = (
        "# How does k-fold cross-validation work?\n\nThe data is split into k folds; each fold "
        "is the validation set once while the other k - 1 train the model.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        question = document.question
        if document.note.meta.type is NoteType.CLOZE or question is None:
            return
        start = question[1]
        answer = document.text[start:]
        if not answer.strip() or _NOT_LINK_ONLY.search(answer) or document.code_blocks:
            return
        definitions = _LINK_DEFINITION.findall(answer)
        answer_text = _LINK_DEFINITION.sub("", answer)
        inline = _REFERENCE_LINK.sub(lambda m: f"[{m.group(1)}](ref)", answer_text)
        links = [
            *_LINK_MD.finditer(inline),
            *_URL.finditer(_LINK_MD.sub("", inline)),
            *definitions,
        ]
        rest = _plain(_HTML_TAG.sub(" ", inline))
        labels = [m.group(1) for m in _LINK_MD.finditer(inline)]
        for label in labels:
            rest = rest.replace(label, " ", 1)
        content = [w for w in _words(rest) if w.lower() not in _FILLER and w != "URL"]
        asked = frozenset(w.lower() for w in _words(document.text[question[0] : question[1]]))
        pointer_first = _POINTER.search(rest) is not None
        short = len(_words(rest)) <= _WORDS_OF_A_POINTER
        if pointer_first and short and (links or _names_a_resource_only(rest)):
            content = []
            labels = []  # "Watch: [a video's title](…)": the title is not the answer
        if _SEARCH_IT.fullmatch(rest.strip()):
            content, labels, links = [], [], [*links, rest]
        if content or any(_label_is_content(label, asked) for label in labels):
            return
        if not links and not (_POINTER.search(rest) and _RESOURCE.search(rest)):
            return  # "See above" points at the source, not at a resource: that is AG137
        offset = start + len(answer) - len(answer.lstrip())
        yield Finding(
            offset,
            offset + len(answer.strip().split("\n", 1)[0]),
            "the answer is only a link or a pointer to a resource: the learner has nothing to "
            "recall; write the answer itself and keep the link in the note's source",
        )


# --- AG137 cross-card-reference -----------------------------------------------------------

_NOT_A_FIGURE = (
    r"(?!\s+(?:image|figure|fig|diagram|picture|illustration|chart|graph|screenshot|table|plot)"
    r"s?\b)"
)
_CARD = r"(?:question|card|flashcard|answer|q&a|q/a|qna)s?"
# "its previous answer" is a model's output, not another card.
_POSSESSIVE_BEFORE = re.compile(r"(?:['\u2019]s|\bits|\btheir|\bhis|\bher|\byour|\bmy)\s+$", re.I)
_SOURCE_PART = (
    r"(?:section|chapter|article|post|lesson|tutorial|blog(?:\s+post)?|video|lecture|slide|"
    r"paragraph|notebook|episode|install?ment|lab|quiz|assignment|discussion)s?"
)
_REFER = (
    r"(?:see|refer(?:\s+back)?(?:\s+to)?|check|read|look\s+(?:back\s+)?at|look\s+back\s+to|"
    r"go\s+back\s+to|flip\s+(?:back\s+)?to|turn\s+(?:back\s+)?to|revisit|recall\s+from|"
    r"cf\.?|same\s+as|similar\s+to|as\s+in|like\s+in|"
    r"identical\s+to|analogous\s+to|"
    r"compare(?:\s+(?:it|this))?\s+(?:with|to)|(?:answered|covered|explained|discussed|described|"
    r"mentioned|defined|given|solved|asked)\s+in)"
)
_ORDINAL = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|i{1,3}|iv|vi{0,3})"
_SERIES = r"(?:series|tutorials?|course|guide|articles?|posts?|blog|book|lectures?)"
# Wherever they stand, these point outside the card.
_ALWAYS = re.compile(
    "|".join(
        (
            r"\b(?:the\s+|this\s+|that\s+)?(?:previous|preceding|prior|earlier|above|former)\s+"
            rf"(?:interview\s+)?{_CARD}\b",
            rf"\b(?:in|see|from|to|for|at|like|as\s+in|refer\s+to|check)\s+(?:the\s+)?"
            rf"(?:next|following|subsequent|later|other)\s+{_CARD}\b",
            rf"\b(?:the\s+)?(?:previous|preceding|prior|earlier|above|next|following|subsequent|"
            rf"later|last)\s+{_SOURCE_PART}\b",
            rf"\b(?:{_REFER}|in|from|of|to|for|at|per)\s+(?:the\s+)?(?:answer\s+(?:to|of|for|in)\s+)?"
            r"(?:question|ques\.?|qn\.?|answer|card|flashcard)\s*(?:no\.?\s*|number\s*|#\s*)?\d+\b",
            rf"\b{_REFER}\s+(?:the\s+)?(?:answer\s+(?:to|of|for|in)\s+)?q\.?\s?#?\d+\b",
            rf"\b(?:{_REFER}|in|from|for)\s+(?:the\s+)?question\s+(?:one|two|three|four|five|six|"
            r"seven|eight|nine|ten)\b",
            rf"\b(?:{_REFER}|in|as\s+in)\s+#\d+\b",
            # "the solution to problem 3", "the result in Q7", "the question on dropout"
            rf"\b(?:{_REFER}|in|from)\s+(?:the\s+)?(?:(?:solution|answer)\s+(?:to|of|for)\s+)?"
            r"(?:problem|exercise)\s+\d+\b",
            r"\b(?:result|answer|solution|proof|derivation|formula)s?\s+(?:in|from|of)\s+q\.?\s?#?\d+\b",
            r"\b(?:see|refer\s+to|check|read)\s+(?:the|my|our)\s+(?:question|card|flashcard|note)s?\s+"
            r"(?:on|about|for|regarding|titled|called)\b",
            rf"\b{_REFER}\s+(?:the\s+)?(?:answer|solution)\s+(?:to|for|of|in)\s+the\s+"
            r"(?:[\w-]+\s+){1,3}?(?:question|card)\b",
            r"\b(?:in|see|refer\s+to|from)\s+(?:the\s+)?(?:section|chapter|lesson|lecture)\s+"
            r"\d+(?:\.\d+)*\b",
            r"\bsame\s+as\s+(?:the\s+)?(?:above|before|previous(?:ly)?|earlier)\b",
            r"\b(?:question|answer|card|q&a)s?\s+(?:above|below)\b",
            rf"\blater\s+in\s+(?:this|the)\s+{_SOURCE_PART}\b|\bin\s+(?:a|the)\s+(?:later|future|"
            rf"upcoming|next|subsequent)\s+(?:{_CARD}|{_SOURCE_PART}|part)\b",
            # the parts of a series: "part 2 of this series", "earlier in the series"
            rf"\b(?:{_SOURCE_PART}|part|episode|install?ment|module|day|week)\s+{_ORDINAL}\s+"
            rf"(?:of|in)\s+(?:this|the|our|my)\s+(?:[\w-]+\s+)?{_SERIES}\b",
            rf"\b(?:in|see|from)\s+part\s+{_ORDINAL}(?:\s+(?:of|in)\s+(?:this|the|our|my)\s+"
            rf"(?:[\w-]+\s+)?{_SERIES})?\b",
            rf"\b(?:earlier|previously|before|later|above)\s+in\s+(?:this|the|our|my)\s+"
            rf"(?:[\w-]+\s+)?{_SERIES}\b",
            r"\b(?:previous|last|earlier|next|upcoming|coming|following|first|second|third)\s+"
            rf"(?:part|episode|install?ment)s?\s+of\s+(?:this|the|our|my)\s+(?:[\w-]+\s+)?"
            rf"{_SERIES}\b",
            r"\b(?:previous|earlier|upcoming)\s+parts?(?=\s+(?:we|i)\b|[.,;:)])|\b(?:previous|last|"
            r"earlier|next|upcoming|coming)\s+(?:episode|install?ment)s?\b",
            r"\b(?:this|the|our|my)\s+(?:blog|article|tutorial|video|post|lecture|interview)\s+series\b",
            # "see the answer to #7", "as in #12", "(#q3)"
            rf"\b(?:{_REFER}|in|from|of|to|for|at|per)\s+(?:the\s+)?(?:(?:answer|solution|reply|"
            r"explanation|card|question|item|entry|point|problem)s?\s+(?:to|of|for|in|on|at)\s+)?"
            r"#\s?\d+\b",
            r"(?<![\w&/])#(?:q|qn|question|card|ans|answer|sec|section|item|problem)[-_]?\d+\b",
            # the section, chapter or lesson above: "covered in the section above"
            r"\b(?:the|this|that|an?)\s+(?:(?:earlier|previous|preceding|prior|other|separate|"
            r"later|next|following|dedicated|relevant)\s+)?(?:section|chapter|lesson|part|"
            r"paragraph|heading)s?\s+(?:above|below|before\s+this|after\s+this|earlier|"
            r"previously)\b(?![ \t]+(?:the|an?|this|that|its|their|each|every|some|zero|it|which|"
            r"and|or|[-+$\d]))",
            rf"\b(?:{_REFER}|covered\s+in|explained\s+in|discussed\s+in|described\s+in|"
            r"detailed\s+in|treated\s+in|in)\s+(?:more\s+)?(?:detail\s+in\s+)?(?:an?|the)\s+"
            r"(?:earlier|previous|preceding|prior|other|separate|later|next|following|dedicated)\s+"
            r"(?:section|chapter|lesson|part|module|unit)\b",
            rf"\b(?:{_REFER}|covered\s+in|explained\s+in|discussed\s+in|described\s+in)\s+"
            r"(?:the\s+)?(?:section|chapter|lesson)\s+(?:on|about|titled|called|covering)\b",
            # ordinal cards: "as in the third question", "from the 5th card"
            # "two cards back", "the last few cards", "earlier in this deck", "\u00a73.2"
            r"\b(?:\w+\s+)?cards?\s+(?:back|ago|earlier|before\s+this(?:\s+one)?)\b",
            r"\bthe\s+(?:last|previous|preceding|next|following)\s+(?:few|couple\s+of|two|three|"
            r"several)\s+(?:flash)?cards\b(?!\s+(?:in|of|drawn|dealt|from|left))",
            r"\b(?:before|earlier|above|later|elsewhere)\s+in\s+(?:this|the)\s+deck\b",
            r"\b(?:an?other|other|a\s+separate)\s+(?:flash)?cards?\s+in\s+(?:this|the)\s+deck\b",
            r"\u00a7\s*\d+(?:\.\d+)*",
            r"\bfaq(?:\s+(?:entry|item|answer|question))?s?\s+(?:above|below)\b|\bthe\s+(?:above|"
            r"previous|earlier|next|following)\s+faq\b",
            r"\bthe\s+(?:previous|earlier|last|prior|next|above|other)\s+q(?:s|&a)?\b(?![-\w&]|\s*"
            r"(?:value|values|function|functions|table|tables|network|target|targets|estimate|"
            r"estimates|learning|head|heads|matrix|vector|projection|\())",
            r"\b(?:go|flip|turn|look)\s+back\s+to\s+the\s+(?:previous|preceding|last|earlier|prior)\s+"
            r"one\b",
            rf"\b(?:{_REFER}|as\s+in|like\s+in|answered\s+in)\s+the\s+(?:first|second|third|fourth|"
            r"fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:question|card|"
            r"flashcard|q&a|answer)s?\b(?!\s+of\b)",
        )
    ),
    re.IGNORECASE,
)
# A card named by its topic or place: "the card on decision trees", "the random-forest card",
# "another card". ``_NOT_A_FLASHCARD`` words make a card of hardware, games or payments.
_OTHER_CARD = re.compile(
    "|".join(
        (
            rf"\b(?:{_REFER}|same\s+(?:idea|logic|reasoning|trick|argument|principle|approach|"
            r"method|answer|explanation|story|intuition)\s+as(?:\s+(?:on|in|for))?|as\s+(?:on|in)|"
            r"covered\s+(?:in|on|by)|explained\s+(?:in|on|by)|discussed\s+(?:in|on)|described\s+"
            r"(?:in|on)|defined\s+(?:in|on)|repeats|mirrors|(?:in|on|from|of))\s+(?:the|that|my|our|"
            r"this|an?other|a\s+separate|a\s+different|the\s+other)\s+"
            r"(?P<before>(?:[\w&-]+\s+){0,3}?)(?P<noun>(?:flash)?cards?|questions?|q&as?|answers?)"
            # "the churn question logs", "the SQuAD question answering task": a compound noun
            r"\b(?![-\w]|\s+(?:answering|logs?|banks?|types?|sets?|generation|pairs?|templates?|"
            r"marks?|tokens?|embeddings?|encoders?|texts?|length|ids?|data|datasets?|format|games?|"
            r"decks?|readers?|numbers?|reader|holders?|payments?|issuers?|slots?)\b)"
            r"(?P<after>\s+(?:on|about|for|covering|titled|called|explaining|that\s+(?:explains|"
            r"covers|defines))\b)?",
            r"\b(?:the|that|an?other|a\s+separate|a\s+different)\s+(?P<noun2>(?:flash)?card|"
            r"question|answer|q&a)\s+"
            r"(?P<after2>(?:about|covering|titled|called|explaining|that\s+(?:explains|covers|"
            r"defines)))\b",
        )
    ),
    re.IGNORECASE,
)
_NOT_A_FLASHCARD = _word_set(
    """credit debit graphics graphic video sound network sim sd memory gpu wild report business
    id gift punch score smart expansion flash interface nic cpu accelerator playing red yellow
    green index key face top bottom random drawn dealt first last next same one two three
    chosen picked second third remaining ace king queen jack black single hidden given
    nvidia amd capture tarot library loyalty membership micro-sd microsd pci pcie research
    main central real open big underlying original core interview follow-up fundamental
    important obvious natural right wrong whole this that correct final best exact short long
    true false yes no only actual expected predicted model network your his her their its
    following above below previous earlier last prior other new key simple hard easy good
    each every any such above-mentioned tricky classic famous well-known common typical
    sql python coding design behavioural behavioral technical open-ended multiple-choice
    test exam quiz survey homework assignment user customer"""
)
_EXPLAINED = (
    r"(?:explained|mentioned|discussed|described|stated|noted|said|covered|defined|learned|"
    r"learnt|outlined|pointed\s+out|established|derived|introduced|talked\s+about|listed|"
    r"seen|saw|shown|showed|demonstrated|illustrated)"
)
# "As shown above" and "seen above" name a figure more often than not: AG132 reports those.
_NOT_FIGURE_VERB = r"(?!seen|saw|shown|showed|demonstrated|illustrated)"
# These point back: outside the card when little of the answer comes before them.
_BACKWARD = re.compile(
    "|".join(
        (
            rf"\bas\s+(?:(?:we|i)(?:\s+have|\s+had|['\u2019]ve)?\s+)?(?:already\s+)?{_EXPLAINED}\s+"
            r"(?:already\s+)?(?:earlier|before|previously|in\s+the\s+(?:beginning|introduction|intro))\b",
            rf"\bas\s+(?:(?:we|i)(?:\s+have|\s+had|['\u2019]ve)?\s+)?(?:already\s+)?"
            rf"{_NOT_FIGURE_VERB}{_EXPLAINED}\s+(?:already\s+)?above\b",
            r"\b(?:see|refer(?:\s+back)?(?:\s+to)?|check|read|look\s+at)\s+(?:the\s+)?"
            rf"(?:above|earlier|previous)\b{_NOT_A_FIGURE}",
            rf"\b(?:we|i)(?:\s+have|['\u2019]ve)?\s+(?:already\s+)?{_EXPLAINED}\s+(?:this\s+|it\s+|that\s+|"
            r"them\s+|these\s+)?(?:above|earlier|before|previously|already)\b",
            rf"\b{_NOT_FIGURE_VERB}{_EXPLAINED}\s+(?:above|earlier|previously)\b",
            rf"\b{_EXPLAINED}\s+(?:earlier|previously)\b",
            r"\baforementioned\b|\b(?:as|like)\s+(?:i|we)\s+(?:said|wrote|noted)\b",
            # "the one given above", "the formula derived earlier"
            r"\b(?:given|presented|provided|specified|derived|obtained|written|stated)\s+above\b",
            r"\b(?:the\s+)?(?:one|ones|formula|equation|rule|definition|expression|result|example)"
            r"\s+(?:given|presented|provided|stated|derived|obtained|listed|described|defined)\s+"
            r"(?:earlier|previously|before)\b",
            rf"\b(?:the|this|that)\s+last\s+{_CARD}\b",
            # "same reasoning as the previous one", "as in the last problem"
            r"\b(?:same|identical|similar|analogous)\b[^.\n]{0,40}?\b(?:as|to)\s+(?:in\s+)?the\s+"
            r"(?:previous|preceding|prior|earlier|last|above)\s+(?:one|problem|exercise|case)\b",
            r"\bas\s+in\s+the\s+(?:previous|preceding|prior|earlier|last|above)\s+"
            r"(?:one|problem|exercise|case)\b",
            r"\b(?:the\s+)?(?:previous|preceding|above|earlier|last)\s+(?:example|code|snippet|"
            r"program|listing|exercise|solution|method|approach)s?\b",
            r"\bthe\s+above[- ](?:mentioned\s+|discussed\s+|given\s+)?"
            r"(?:answer|explanation|discussion|points?|methods?|approach(?:es)?|techniques?|definitions?|reasons?|concepts?|"
            r"statements?|descriptions?|problems?|ideas?|steps?|examples?|code|snippet|formulae?|"
            r"equations?|list)\b",
        )
    ),
    re.IGNORECASE,
)
# These point forward: outside the card when nothing follows them in the answer.
_FORWARD = re.compile(
    "|".join(
        (
            rf"\b(?:see|refer\s+to|check|read)\s+(?:the\s+)?(?:below|following)\b{_NOT_A_FIGURE}",
            r"\b(?:explained|discussed|described|covered|detailed|defined|listed)\s+(?:below|later|"
            r"further\s+(?:below|on)|in\s+detail\s+later)\b",
            r"\b(?:we|i)(?:\s+(?:will|shall)|['\u2019]ll)\s+(?:see|discuss|explain|cover|look\s+at|talk\s+about|"
            r"learn|describe|come\s+back\s+to)\s+(?:[\w-]+\s+){0,3}?(?:later|below|soon|shortly)\b",
            r"\bmore\s+(?:on|about)\s+(?:this|that|it)\s+(?:later|below)\b",
            r"\b(?:the\s+)?(?:next|following|below)\s+(?:example|code|snippet|program|listing)s?\b",
        )
    ),
    re.IGNORECASE,
)
_NAMES_A_BLOCK = re.compile(
    r"above|code|snippet|example|list|steps?|formula|equation|program|listing", re.IGNORECASE
)
_TABLE_LINE = re.compile(r"[ \t]*\|[^\n]*\|[ \t]*(?:\n|$)")
_WORDS_BEFORE_SELF_REFERENCE = 40  # "as mentioned above" after this much may mean this card
_WORDS_AFTER_SELF_REFERENCE = 8


def _blocks_between(document: LintDocument, start: int, end: int) -> bool:
    """Whether a code, math or list block or a table lies between two offsets."""
    text = document.text[start:end]
    return bool(re.search(r"^\s*(?:```|~~~|\$\$|\||[-*+]\s|\d+[.)]\s)", text, re.MULTILINE))


_OWN_PARTS = _word_set("case example problem exercise method approach solution step")


def _named_before(phrase: str, before: str) -> bool:
    """Whether the thing "the previous case" names was named earlier in the same answer."""
    noun = phrase.split()[-1].lower().rstrip("s")
    if noun not in _OWN_PARTS:
        return False
    return re.search(rf"(?<!for )\b{noun}s?\b", before, re.IGNORECASE) is not None


def _table_start(text: str, offset: int) -> int:
    """Where the table holding ``offset`` begins (``offset`` itself outside tables): a
    reference inside a table does not point at the rows of that table."""
    start = text.rfind("\n", 0, offset) + 1
    while _TABLE_LINE.match(text, start):
        if start == 0:
            return 0
        previous = text.rfind("\n", 0, start - 1) + 1
        if not _TABLE_LINE.match(text, previous):
            return start
        start = previous
    return offset


def _names_another_card(match: re.Match[str]) -> bool:
    """Whether "... card" is a flashcard: not a graphics card nor a card drawn from a deck."""
    before = (match.group("before") or "").split()
    if any(word.lower() in _NOT_A_FLASHCARD for word in before):
        return False
    noun = (match.group("noun") or match.group("noun2") or "").lower()
    if noun.startswith("answer") and not match.group("after"):
        return False  # "the correct answer", "the model's answer"
    if before or match.group("after") or match.group("after2"):
        return True
    return bool(re.search(r"\b(?:another|separate|different|other)\b", match.group(0), re.I))


# A link to an anchor of the page the text came from: "[see](#dropout)".
_ANCHOR_LINK = re.compile(r"\[[^\]\n]*\]\(#[^)\s]*\)")


class CrossCardReference(Rule):
    """An answer that points at another card or another part of the source: "as explained
    above", "see the previous question", "refer to question 12", "same as Q5", "covered in the
    next section", "the section above", "see the answer to #7", "#q3", "\u00a74.1", "the same
    idea as on the random-forest card", "two cards back".

    Cards are reviewed alone and in random order: there is no "above" and no "question 12".
    Say what the reference stood for. "As mentioned above" is accepted after a substantial part
    of the same answer, and "see below" when the answer goes on. References to a figure, image
    or table are AG132's.
    """

    code = "AG137"
    name = "cross-card-reference"
    summary = "the answer refers to another card or another part of the source"
    bad = (
        "# Why does Adam need bias correction?\n\nAs explained in the previous question, "
        "the moment estimates start at zero.\n"
    )
    good = (
        "# Why does Adam need bias correction?\n\nIts moment estimates start at zero, so early "
        "estimates are biased towards zero.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose = document.prose
        answer_start = _answer_start(document)
        found = [
            match
            for match in _ALWAYS.finditer(prose, document.body_offset)
            if not _POSSESSIVE_BEFORE.search(prose, max(0, match.start() - 12), match.start())
        ]
        found += [
            match
            for match in _OTHER_CARD.finditer(prose, answer_start)
            if _names_another_card(match)
        ]
        found += [
            match
            for match in _ANCHOR_LINK.finditer(document.text, answer_start)
            if document.prose[match.start() : match.start() + 1] == "["
        ]
        for match in _BACKWARD.finditer(prose, answer_start):
            before = prose[answer_start : match.start()]
            if len(_words(before)) >= _WORDS_BEFORE_SELF_REFERENCE:
                continue
            # "The code above" may mean a block of this card; "the last answer" never does.
            names_block = _NAMES_A_BLOCK.search(match.group(0))
            block_start = _table_start(document.text, match.start())
            if _named_before(match.group(0), before):
                continue  # "in the first case ... as in the previous case": this answer's own
            if not (names_block and _blocks_between(document, answer_start, block_start)):
                found.append(match)
        for match in _FORWARD.finditer(prose, answer_start):
            after = prose[match.end() :]
            if len(_words(after)) < _WORDS_AFTER_SELF_REFERENCE and not _blocks_between(
                document, match.end(), len(document.text)
            ):
                found.append(match)
        spans: list[tuple[int, int]] = []
        for start, end in sorted(match.span() for match in found):
            if spans and start < spans[-1][1]:  # overlapping phrases make one finding
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        for start, end in spans:
            if quoted(prose, start, end):
                continue  # a phrase quoted as an example is mentioned, not used
            phrase = " ".join(prose[start:end].split())
            yield Finding(
                start,
                end,
                f"'{phrase}' points at another card or another part of the source: cards are "
                "reviewed alone; say what it refers to",
            )


RULES: tuple[Rule, ...] = (DoubledWord(), TruncatedText(), LinkOnlyAnswer(), CrossCardReference())
