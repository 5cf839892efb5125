"""AG134: the same word twice in a row."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.diagnostics import Fix
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.leftovers import quoted
from ankigen.lint.rules.prose.text import CLOZE_MARKUP, stems, word_set, words_of

# Two equal words separated by spaces, or by one line break inside a paragraph or a quote.
# Emphasis marks may sit between them ("**the** the", "_for for_"), and a link may open before
# the second ("the [the weights](…)").
_DOUBLED = lazy_regex(
    r"(?<![^\W_]|['\u2019-])(?<![^\W_]_)([^\W\d_]+)"
    r"([*_~]*[ \t]+[*_~\[]*|[*_~]*[ \t]*\n[ \t]*(?:>[ \t]*)*[*_~\[]*)"
    r"(\1)(?![^\W_]|['\u2019-]|_[^\W_])",
    re.IGNORECASE,
)
_EMPHASIS = lazy_regex(r"[*_~\[]")
_LINK_OPENS = lazy_regex(r"\[[^\]\n]*\]\(")
_HEADING = lazy_regex(r" {0,3}#")
_GAP = lazy_regex(r"[ \t]+|[ \t]*\n[ \t]*(?:>[ \t]*)*")
# Grammatical doubles ("he said that that works", "it had had") and reduplications or
# intensifiers that are style, not slips ("bye bye", "very very", C's "long long").
_NEVER_DOUBLED_BY_MISTAKE = word_set(
    """that had her bye no ha haha hey yeah yes well now there very really many much far long
    pretty too tut knock chop tsk hip night boo ta cha pom tom yo blah la ho bla hush go quick
    mahi bora walla baden agar dum aye oh ah uh um hmm ok okay mm wow bang beep choo ding hear
    chin cous tutu"""
)
# "What it is is a list": a clause ending in a verb, then the verb of the main clause.
_CLAUSE_VERBS = frozenset({"is", "was", "does", "did", "do"})
_CLAUSE_OPENERS = lazy_regex(r"\b(?:what|whatever|all|how|where|why|who|whoever)\b", re.I)
# "log in in the menu", "turn it on on startup": a phrasal verb's particle, then a preposition.
_PARTICLES = word_set("in on up out off over down by through back around about along across away")
_PHRASAL_VERBS = word_set(
    """log plug sign turn switch check opt zoom fill hand kick tune come go get put set carry
    give take break bring hold look pass run shut wake write print type read pick lock build
    start warm cool roll drill scale ramp phase lay sit stand stay keep fall cut pull push send
    show spin sort work blow boot clean clear mix sum wrap weigh dial factor figure freeze load
    burn wind wipe zero round call hang let dump bail fade level act head move catch cash back
    point rule leave hand bring fold max top clock sign cross"""
)
# The verbs whose particle "in" may stand before the preposition "in": "log in in the menu",
# "kicks in in the next epoch", "read in in chunks". After any other verb "in in" is a slip:
# "stored in in memory", "loaded in in any environment", "written in in C". "Fit" is left
# out: technical prose says what "fits in" memory, a cache or a GPU, so "fits in in RAM" is
# the preposition written twice, not "fit in" (belong) before a place.
_IN_PARTICLE_VERBS = word_set(
    """log sign plug check opt zoom fill hand tune kick come came get got put set break broke
    bring brought lock build built phase sit sat stand stood stay fall fell cut pull push send
    sent type read weigh dial factor fold mix bake baked burn wind call hang hung let fade move
    cash clock give gave take took pass feed fed sneak snuck creep crept step swap slot pencil
    key punch tap rope reel breathe settle turn pipe pour roll stream trickle chip pitch
    cave join butt drop drive drove ring rang hem box fence tuck"""
)
# "turn it on on startup": a phrasal verb, its object pronoun, the particle, then the
# preposition.
_OBJECT_PRONOUNS = word_set("it them this that these those him her me us everything something")
# "so-so" is an adjective ("the results were so so"); "so so that" is a slip.
_AFTER_SO_CONJUNCTION = word_set(
    """that as the a an we you i it they this these those he she there if on far long called
    when where its their our your each every all any one to"""
)
_PRONOUNS = word_set("i we you they he she it people which who that")
# Korean repeats a word of two syllables or more for emphasis or a gradual change (further and
# further down, slowly slowly): style, as "very very" is in English. (A word of one syllable
# is left alone anyway, as a variable or a label is.)
_KOREAN_REDUPLICATION = lazy_regex(r"[\uac00-\ud7a3]{2,}")


_CLOSED_CLASS = word_set(
    """a an the of to in on at by for with from into onto as than and or but nor if is are was
    were be been being has have do does did can could will would shall should may might must
    this these those it its their our your my his her he she they we you i me us them which
    who whom whose what when where why how not"""
)


def _previous_word(prose: str, offset: int) -> str:
    words = words_of(prose[max(0, offset - 40) : offset])
    return words[-1].lower() if words else ""


def _next_word(prose: str, offset: int) -> str:
    """The word right after ``offset`` in the same clause (emphasis marks aside), or ""."""
    word = re.match(r"[ \t*_]*(?:\n[ \t]*)?([^\W\d_]+)", prose[offset : offset + 40])
    return word.group(1).lower() if word else ""


def _sentence_before(prose: str, offset: int) -> str:
    # A table cell is a sentence of its own: "WHERE" in an earlier row opens no clause here.
    start = max(prose.rfind(mark, 0, offset) for mark in (". ", "? ", "! ", "\n\n", "|"))
    return prose[max(start, 0) : offset]


def _opens_clause(sentence: str) -> bool:
    """ "What it is": an opener with a subject after it, so the next "is" is the main verb.

    The wh-clause must be the subject of what follows, so it opens its clause or follows a
    short noun phrase ("The place where it is is secret"). After a clause that has its own
    verb ("… push the softmax into a region where it is is almost one-hot") it is a relative
    clause, and the second "is" has no subject: a slip."""
    openers = list(_CLAUSE_OPENERS.finditer(sentence))
    subject = [word.lower() for word in words_of(sentence[openers[-1].end() :])] if openers else []
    if not subject or len(subject) > _SUBJECT_WORDS * 2 or _JOINS_CLAUSES & set(subject):
        # "shrinks all weights towards zero but does does not": the words after the opener
        # hold a conjunction, so they are no subject and the verb is not the clause's
        return False
    before = sentence[: openers[-1].start()]
    marks = [match.end() for match in _CLAUSE_MARK.finditer(before)]
    return len(words_of(before[marks[-1] if marks else 0 :])) <= _SUBJECT_WORDS


# Words a noun phrase before a subject wh-clause may have ("the reason", "the question of").
_SUBJECT_WORDS = 3
_JOINS_CLAUSES = word_set("and but or nor so then yet")
_CLAUSE_MARK = lazy_regex(r"[,;:(]|[.!?](?:\s|$)")


def _is_slip(prose: str, match: re.Match[str]) -> bool:
    """Whether the doubled word can only be a slip, not grammar or style."""
    first, second = match.group(1), match.group(3)
    word = first.lower()
    if word in _NEVER_DOUBLED_BY_MISTAKE or _KOREAN_REDUPLICATION.fullmatch(word):
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
    if before in _OBJECT_PRONOUNS:
        before = _previous_word(prose, match.start() - len(before) - 1)
    verbs = stems(before) & (_IN_PARTICLE_VERBS if word == "in" else _PHRASAL_VERBS)
    determined = _previous_word(prose, match.start() - len(before) - 1) in _NOUN_DETERMINERS
    if verbs and determined and not {f"{verb}_{word}" for verb in verbs} & _PHRASAL_NOUNS:
        # "the keys in in the queue": after a determiner the word is a noun, and "keys in"
        # names nothing ("the log in in the menu", "the set up up front" do)
        verbs = set()
    return not (word in _PARTICLES and verbs)


# Words that open a noun phrase: the word after them is a noun, no phrasal verb.
_NOUN_DETERMINERS = word_set("the a an these those its their our your my his each every some")
# Phrasal verbs that are nouns as well ("the sign in", "a set up").
_PHRASAL_NOUNS = word_set(
    """log_in sign_in check_in plug_in lock_in log_out sign_out check_out set_up sign_up
    back_up look_up start_up warm_up build_up write_up pick_up tune_up break_down shut_down
    cool_down roll_out print_out hand_out work_out drop_out cut_off kick_off take_off
    call_back lay_out set_off run_down mix_up round_up sum_up"""
)


def _removal(text: str, match: re.Match[str]) -> Fix:
    """Delete the second word: with the spaces after it, so that a line break before it stays,
    or with the gap before it when punctuation follows."""
    after = re.match(r"[ \t]+", text[match.end(3) :])
    if after:
        return Fix(match.start(3), match.end(3) + after.end(), "")
    return Fix(match.end(1), match.end(3), "")


class DoubledWord(Rule):
    """The same word twice in a row: "the the", "is is", "to" at the end of one line and again
    at the start of the next, "**The** the", "the [the weights](\u2026)" (but not a syntax's
    optional repeat, "bpnumber [bpnumber ...]"); and a pair of words twice ("of the of the").

    A doubled word is a slip the eye skips while writing but a learner trips over on every
    review. Words that English does double on purpose are accepted: "had had", "that that",
    "gave her her badge", "what it is is \u2026", a phrasal verb's particle before the same
    preposition ("log in in the menu", "kicks in in the next epoch", "turn it on on startup";
    "in in" only after the verbs that take "in" as a particle, so "stored in in memory" and
    "loaded in in any environment" are slips), names ("Bora Bora"), reduplications and
    intensifiers ("bye bye", "very very"), C's "long long" and a doubled word quoted as an
    example ('like "the the"'). The fix removes the second word. Code comments are read as
    prose too ("# sorts by the the date"); the code and its strings are not. After a
    determiner the word before the particle is a noun, so the double is a slip ("the keys in
    in the queue"), unless the pair is a noun itself ("the log in in the menu", "the set up up
    front"). A nesting is no repeated pair ("a list of lists of lists", "derivatives of
    derivatives of derivatives"), nor are two words with inline code between them ("for
    example `GPU:1` For example, …").
    """

    code = "AG134"
    name = "doubled-word"
    summary = "the same word twice in a row"
    bad = "# What does dropout do?\n\nIt zeroes a random fraction of the the activations.\n"
    good = "# What does dropout do?\n\nIt zeroes a random fraction of the activations.\n"
    fixable = True

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose = document.prose_with_comments  # a comment is prose written inside code
        for match in _DOUBLED.finditer(prose, document.body_offset):
            gap = document.text[match.end(1) : match.start(3)]
            loose = _EMPHASIS.sub("", CLOZE_MARKUP.sub("", gap))
            if not _GAP.fullmatch(loose) or not _is_slip(prose, match):
                continue
            if quoted(prose, match.start(1), match.end(3)):
                continue  # 'a doubled word, like "the the"': mentioned, not written
            if "[" in gap and not _LINK_OPENS.match(document.text, gap.index("[") + match.end(1)):
                continue  # "bpnumber [bpnumber ...]": a syntax's optional part, not a link
            label = match.group(1) != match.group(3) and match.group(1).lower() not in _CLOSED_CLASS
            if loose != gap and label:
                continue  # "**Bagging** bagging trains ...": a bold label, then the text
            if _title_opens(match, gap):
                continue  # "the *The Organization* tier", "the [The Pile](…) data set"
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
        yield from _doubled_pairs(prose, document.text, document.body_offset)


def _title_opens(match: re.Match[str], gap: str) -> bool:
    """A word, then emphasis or a link that opens on the same word capitalised: a title that
    starts with it ("The Pile", "The Organization"), named after the article."""
    return match.group(3)[:1].isupper() and gap.rstrip()[-1:] in ("*", "_", "[")


# Two words repeated as a pair: "some of the of the activations", "it is it is".
_DOUBLED_PAIR = lazy_regex(
    r"(?<![^\W_]|['\u2019-])([^\W\d_]+)([ \t]+)([^\W\d_]+)([ \t]+)(\1)[ \t]+(\3)"
    r"(?![^\W_]|['\u2019-])",
    re.IGNORECASE,
)


def _doubled_pairs(prose: str, text: str, start: int) -> Iterator[Finding]:
    """A repeated pair of words with a function word among them: a slip of copy and paste.
    ("over and over and over" and other repeated idioms are left alone.)"""
    for match in _DOUBLED_PAIR.finditer(prose, start):
        first, second = match.group(1).lower(), match.group(3).lower()
        if first == second or not {first, second} & _CLOSED_CLASS:
            continue
        if {first, second} & _NEVER_DOUBLED_BY_MISTAKE or {first, second} & _PAIR_IDIOMS:
            continue
        if text[match.end(1) : match.start(6)].strip(" \t") != prose[
            match.end(1) : match.start(6)
        ].strip(" \t"):
            continue  # "for example `A:1` For example, …": inline code stood between them
        if _nested(prose, match):
            continue  # "a list of lists of lists", "derivatives of derivatives of derivatives"
        pair = f"{match.group(1)} {match.group(3)}"
        yield Finding(
            match.start(1),
            match.end(6),
            f"doubled words '{pair} {pair}': remove one '{pair}'",
            Fix(match.end(3), match.end(6), ""),
        )


# Words of pairs that English repeats on purpose: "over and over", "one by one by one".
_PAIR_IDIOMS = word_set("over and by after round on again more step one")


def _nested(prose: str, match: re.Match[str]) -> bool:
    """A noun, 'of', the noun again and again: a nesting ("lists of lists of lists"), read
    with the noun on the pair's far side (before "of lists of lists", after "derivatives of
    derivatives of")."""
    first, second = match.group(1).lower(), match.group(3).lower()
    if "of" not in (first, second) or {first, second} <= _CLOSED_CLASS:
        return False
    noun = second if first == "of" else first
    beside = (
        _previous_word(prose, match.start()) if first == "of" else _next_word(prose, match.end())
    )
    return _singular(beside) == _singular(noun)


def _singular(word: str) -> str:
    return word.lower().removesuffix("s")
