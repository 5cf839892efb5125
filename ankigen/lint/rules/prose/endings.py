"""Which last words leave a sentence unfinished: the word classes behind AG135.

A sentence cut off by a copy or a length limit stops on a word that needs a continuation: an
article or determiner (a noun must follow), a conjunction or a relative pronoun (a clause
must follow), a preposition (an object must follow), an auxiliary (a verb must follow), a
word that introduces examples ("such as", "especially"). Each class has the everyday
phrases in which the same word does end a sentence ("as it is", "log in", "and so on",
"since then"), and those are accepted.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.prose.text import stems, word_set
from ankigen.lint.words import common_words

# Words that cannot end a sentence, wherever the paragraph is: articles, possessive
# determiners, conjunctions, and words that announce examples.
NEVER_LAST = word_set(
    """the an and or nor because although though whereas unless whether than via every very
    its their our your my whose including e.g i.e eg ie especially particularly notably namely
    specifically per several various whereby wherein whilst"""
)
# Words that end a sentence only rarely: reported at the end of an answer, where a complete
# answer would have ended cleanly. Prepositions, auxiliaries, relative words.
RARELY_LAST = word_set(
    """of to for with from into onto at between among towards toward within during upon
    against unlike versus vs by then is are was were be been being has have does did can could
    will would should shall may might must such as when while where which whom who if
    until without before after despite except throughout beyond but"""
)
# The word before that makes such an ending whole: "since then", "for a while", "as if".
WHOLE_AFTER: dict[str, frozenset[str]] = {
    "then": word_set("since until till by back just only even right from"),
    "while": word_set("a the worth"),
    "if": word_set("as what even only"),
    # "when to use which", "knowing which": which of the things just named.
    "which": word_set("use choose pick prefer apply know knows tell decide decides matter"),
    "before": word_set("as never ever long day week year month moment seen done shortly soon"),
    "after": word_set("soon shortly long ever day week year month moment right just"),
    "but": word_set("all anything everything nothing last none"),
    "who": word_set(
        "whoever matter know knows knew tell tells see decide decides on about to with for of by"
    ),
}
# Subjects after which a final auxiliary ends a clause ("as it is"); a relative pronoun does
# not ("..., which is").
SUBJECTS = word_set("i we you they he she it people that there this these those one as")
AUXILIARIES = word_set(
    "is are was were be been being has have does did can could will would should shall may "
    "might must"
)
NEVER_LAST_PAIRS = frozenset(
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
        "as in",
        "like in",
        "apart from",
        "aside from",
        "along with",
        "together with",
        "in addition",
        "prior to",
        "similar to",
        "equal to",
        "proportional to",
        "known as",
        "called the",
        "but not",
    }
)
# "a" ends a sentence when it names something: "option a", "vector a", "grade a".
LETTER_NAMES = word_set(
    """option answer choice vector matrix point class type plan part section step group set
    node variable column row letter grade category vitamin series case scenario list team
    player array tensor table figure item appendix user value label site server sample cluster
    model matrices"""
)
# "that" ends a sentence as a demonstrative ("use a lock for that", "do not do that"); after
# anything else it opens a clause that never came ("which means that", "a set that").
_THAT_AS_DEMONSTRATIVE = word_set(
    """like than about for with after before of on at to from by into onto over under through
    without beyond besides despite against upon do does did done doing all just not and or
    but as exactly precisely avoid avoids prevent prevents handle handles fix fixes use uses
    need needs want wants try see get make makes past"""
)
# Verbs and nouns after which "that" is always a conjunction: "the reason is that".
_THAT_CLAUSE = word_set("""is was are were means meaning implies ensures guarantees states""")
# Subject pronouns need a verb after them: "programs reuse the data they".
_SUBJECT_PRONOUNS = word_set("i we they he she")
_AFTER_SUBJECT_PRONOUN_OK = word_set("than as whoever and or but if")
_SUBORDINATORS = word_set(
    "because since when whenever if while although though unless until but that where once whether"
)
# A preposition that is also a verb's particle ends a sentence after that verb ("log in",
# "carry on", "think it over"), after its object pronoun, and in fixed phrases.
_PARTICLE_PREPOSITIONS = word_set("on in over through about around across along under")
_PARTICLE_ENDS_AFTER = word_set(
    """it them this that these those everything something things one is are was were be been
    being all and so later further more right straight back way thing log plug sign turn
    switch check opt zoom fill hand kick tune come go get put set carry give take break bring
    hold look pass run shut wake write print type read pick lock build built start warm cool
    roll drill scale ramp phase lay sit stand stay keep fall cut pull push send show spin sort
    work blow boot clean clear mix sum wrap weigh dial factor figure freeze load burn wind wipe
    zero round call hang let dump bail fade level act head move catch cash point rule leave
    fold max top clock cross think talk worry care know forget hear learn ask wonder follow
    see walk click step click iterate game what's it's that's there's here's lean lock logged
    signed plugged switched turned zoomed carried moved worked built-in opted kicked"""
)
# A clause that strands its preposition: "what to focus on", "the data it trains on".
_WH_CLAUSE = word_set("what whatever whichever")
_STRANDABLE = word_set("of for with from into at by about between among within against")
_CLAUSE_SUBJECTS = word_set("it they you we i he she")
_NEW_CLAUSE = word_set("and but so then because when if since while or")


def _stranded(words: list[str]) -> bool:
    """Whether the last words are a relative clause that ends on its preposition: a wh-word,
    or a noun then a subject pronoun ("the data it trains on", not "It iterates through")."""
    if any(word in _WH_CLAUSE for word in words[-6:]):
        return True
    recent = words[-4:]
    start = len(words) - len(recent)
    return any(
        words[index] in _CLAUSE_SUBJECTS and index > 0 and words[index - 1] not in _NEW_CLAUSE
        for index in range(start, len(words) - 1)
    )


# "like" is a verb after a subject ("whatever you like") and a preposition after a noun or
# "looks" ("it looks like", "metrics like").
_LIKE_AS_VERB = word_set(
    """i you we they he she people users would do does did don't doesn't didn't not really also
    might may will to"""
)
# An ordinal or "other" after "and the" names a second item that never came: "the first
# computes the keys and the second".
_SECOND_ITEM = word_set("second third fourth fifth sixth other next following remaining latter")
_JOINING = word_set("and or but while whereas with whilst")


# "the model's", "it's": a possessive needs its noun, a contraction its complement.
_POSSESSIVE_OR_CONTRACTION = lazy_regex(r"['\u2019](?:s|re|ve|ll|d)$")


_ARTICLES = word_set("a an the")
_DETERMINERS = word_set("a an the its their this these those our your his her my")
# Adjectives that stand before a noun and not alone: "creating a new", "the entire".
_NEEDS_ITS_NOUN = word_set(
    """new whole entire single main overall specific particular certain respective
    corresponding additional separate different various large small huge tiny simple complex"""
)
_COMPARATIVES = word_set("less more fewer")
# Adverbs that sit between an auxiliary and its verb: "it can also", "the loss is still".
_MID_VERB_ADVERBS = word_set("also still often usually always never even only just further")
_SHORT_REPLY = 3
_PLURAL_AUXILIARIES = word_set("are were have")
_CONTRASTING = word_set("and but while whereas whilst unlike")
_EACH_NEEDS_NOUN = word_set(
    "for to in on at with by from into between across per"
)  # "Yes, it can also." answers a yes/no question
# A subject pronoun after these is their object: "changes to it will".
_OBJECT_BEFORE = word_set("to of for with on in at by from into about")
# A participle after a comma that takes an object: "..., allowing".
_OPEN_PARTICIPLES = word_set(
    """allowing enabling making using giving causing letting requiring meaning leading
    resulting producing creating reducing increasing ensuring preventing avoiding"""
)


def _needs_more(word: str, before: str, earlier: list[str]) -> bool:
    """Whether ``word`` closing an answer leaves its sentence open, given the words before."""
    if word in RARELY_LAST:
        if word in _PLURAL_AUXILIARIES and before == "that":
            return True  # "the predictions that are": singular "that" is a relative pronoun here
        if word in AUXILIARIES and before in SUBJECTS:
            # "as it is", "whatever they are"; but in "changes to it will" "it" is an object
            return bool(earlier) and earlier[-1] in _OBJECT_BEFORE
        if word in _STRANDABLE and _stranded([*earlier, before]):
            return False  # "what it is used for", "the data it was trained with"
        return before not in WHOLE_AFTER.get(word, frozenset())
    if word == "both":  # "merges both" is whole; "they are both" waits for its adjective
        return before in AUXILIARIES
    if word == "that":
        return before in _THAT_CLAUSE or before not in _THAT_AS_DEMONSTRATIVE
    if word in _SUBJECT_PRONOUNS:
        return before not in _AFTER_SUBJECT_PRONOUN_OK
    if word in ("it", "you"):  # "because it": a subordinate clause with a subject, no verb
        return before in _SUBORDINATORS
    if word in _PARTICLE_PREPOSITIONS:
        return not (_stranded([*earlier, before]) or stems(before) & _PARTICLE_ENDS_AFTER)
    if word == "like":
        return before not in _LIKE_AS_VERB
    if word in _MID_VERB_ADVERBS and before in AUXILIARIES:
        return len(earlier) > _SHORT_REPLY  # "it can also" with its verb lost; "Yes, it can also"
    if word == "each":  # "the size of each", "for each"; but "one of each", "$5 each"
        the_noun_of = before == "of" and len(earlier) > 1 and earlier[-2] in _ARTICLES
        return before in _EACH_NEEDS_NOUN or the_noun_of
    if word == "fewer":  # "a GRU has fewer": fewer what?
        return before not in _ARTICLES
    if word == "not":  # "the model does not"; "it does not" answers a yes/no question
        contrast = any(word in _CONTRASTING for word in earlier[-4:])  # "and ReLU does not"
        return (
            before in AUXILIARIES and bool(earlier) and earlier[-1] not in SUBJECTS and not contrast
        )
    if word in _SECOND_ITEM and before == "the":
        joined = bool(earlier) and earlier[-1] in _JOINING
        return joined and not (word == "other" and "one" in earlier[-4:])
    if before in _ARTICLES and word in _NEEDS_ITS_NOUN:
        return not (word == "whole" and earlier[-1:] in (["as"], ["on"]))  # "as a whole"
    # "making the model less": the adjective never came
    return word in _COMPARATIVES and len(earlier) > 1 and earlier[-1] in _DETERMINERS


# Conjunctions that open a clause; the last of them in the text opens the last clause ("held
# out once while the model": "once" is an adverb there, "while" opens the clause).
_CLAUSE_CONJUNCTION = lazy_regex(
    r"(?:(?<=[\s,;])(?P<word>while|whereas|whilst|although|though|because|unless|but|when|"
    r"whenever|where|if|since|once|until)|[,;]\s*(?P<so>so))\s+(?=[^,;.!?]+$)",
    re.IGNORECASE,
)
# These are prepositions too: "until the end", "since the start", "once the default" end whole.
_ALSO_PREPOSITIONS = word_set("since once until")


def _clause_without_verb(words: list[str], text: str) -> bool:
    """ "..., whereas a tuple", "... while the model": a clause that names its subject and
    stops. A determiner and one word can only be a subject; a longer clause counts when no
    word of it looks like a verb."""
    matches = list(_CLAUSE_CONJUNCTION.finditer(text))
    if not matches:
        return False
    match = matches[-1]
    clause = [word.lower() for word in re.findall(r"[^\W\d_]+", text[match.end() :])]
    if not 1 < len(clause) <= 4 or clause[0] not in _DETERMINERS:
        return False
    if len(clause) == 2:
        return (match.group("word") or "").lower() not in _ALSO_PREPOSITIONS
    # "so the accumulated noise", "while the remaining heads": a participle between the
    # determiner and a noun qualifies the noun; it is no verb of the clause.
    verbs = clause[2:] if clause[1].endswith(("ed", "ing")) else clause[1:]
    return not any(
        word in AUXILIARIES or word.endswith(("s", "ed", "ing")) for word in verbs
    ) and not words[-1].endswith(("ly",))


# Verbs that join a subject to what it is or turns into: "its gradients would become" has
# lost that complement. After a modal or "to" the clause cannot end there.
_LINKING_VERBS = word_set("become becomes remain remains seem seems")
_BEFORE_LINKING = word_set("would could will can may might should must to not also then")
# "what it would become", "how large they remain": the complement stands before the verb.
_COMPLEMENT_BEFORE = word_set("what whatever how who whom which as")
# One word that finishes ", so ...": "so far", "so much", "and so on".
_WHOLE_AFTER_SO = word_set("far much many forth on yes no too that what long well fine")


# "become" and "seem" have no intransitive sense ("the bias remains" is whole): after any
# subject they wait for their complement ("the gradient reaching the first layers becomes").
_ONLY_LINKING = word_set("become becomes became seem seems seemed")


def _linking_verb_without_complement(words: list[str]) -> bool:
    """ "without it the softmax would become": a linking verb after a modal, and nothing;
    "become" or "seem" after any subject."""
    if words[-1] not in _LINKING_VERBS | _ONLY_LINKING or len(words) < 3:
        return False
    if words[-1] in _ONLY_LINKING:
        return not set(words[-7:-1]) & _COMPLEMENT_BEFORE
    if words[-2] not in _BEFORE_LINKING:
        return False
    return not set(words[-6:-2]) & _COMPLEMENT_BEFORE


def _so_and_one_word(text: str) -> str | None:
    """ "..., so nested": "so" opens a clause that stops on its first word."""
    match = re.search(r"[,;]\s*so\s+([^\W\d_]+)$", text, re.IGNORECASE)
    if match is None:
        return None
    word = match.group(1).lower()
    if word in _WHOLE_AFTER_SO or word.endswith("ly"):
        return None
    return word


def _verb_without_its_object(text: str) -> str | None:
    """ "A counts all rows, whereas B counts": the contrasted clause repeats the first
    clause's verb and stops where that verb took its object."""
    match = re.search(
        r"[,;]\s*(?:whereas|while|whilst|but|and)\s+(?:the\s+)?(?:`[^`\n]+`|[^\W\d_]+)\s+"
        r"([^\W\d_]+)$",
        text,
        re.IGNORECASE,
    )
    if match is None:
        return None
    verb = match.group(1)
    sentence_start = max(text.rfind(". ", 0, match.start()) + 1, 0)
    earlier = text[sentence_start : match.start()]
    takes_object = re.search(rf"\b{re.escape(verb)}\s+(?:[`$]|[^\W\d_]+)", earlier, re.I)
    return verb if takes_object and not verb.lower().endswith("ly") else None


# "..., which is why", "that's how", "which means": a clause that announces a reason, a way
# or a consequence, then stops. "We do not know why" ends whole: the subject there is a
# person, not a pointer back to what was said.
_POINTERS_BACK = word_set("which that this it here and so")
_POINTER_CONTRACTIONS = word_set("that's it's here's this's which's")
_ANNOUNCING_VERBS = word_set("explains explain shows show means implies")
_ANNOUNCED = word_set("why how what")
_WH_WORDS = word_set("what why how whatever")


def _announces_and_stops(words: list[str]) -> bool:
    """Whether the last words announce a reason, way or consequence that never follows."""
    tail = words[-4:]
    if len(tail) < 2 or _WH_WORDS & set(tail[:-1]):
        return False  # "I know what this means", "ask how and why"
    word, before = tail[-1], tail[-2]
    earlier = tail[-3] if len(tail) > 2 else ""
    if word in _ANNOUNCED:
        if before in _POINTER_CONTRACTIONS:
            return True
        if before in AUXILIARIES | _ANNOUNCING_VERBS and earlier in _POINTERS_BACK:
            return True
    if word in _ANNOUNCING_VERBS and before in {"which", "this", "that"}:
        return True
    # "Common choices include": a list announced by its noun, then no list ("what it can
    # include", "the fields to include" end whole)
    return (
        word in {"include", "includes"}
        and before.isalpha()
        and before not in AUXILIARIES | _BEFORE_INCLUDE_OK
        and not _CLAUSE_SUBJECTS_OR_RELATIVE & set(tail[:-1])
    )


_BEFORE_INCLUDE_OK = word_set("to not also it they we you i he she that which who")
_CLAUSE_SUBJECTS_OR_RELATIVE = word_set("it they we you i he she that which who whom")
# "..., hence", "and therefore": a connective that opens a clause at the very end (on the
# next line of the paragraph too).
_OPEN_CONNECTIVE = lazy_regex(
    r"(?:,|;|\band|\bor)\s+(?:so|hence|thus|therefore|consequently)$", re.IGNORECASE
)


# "two rows that tie both get": a quantifier floated before the verb, which then needs what it
# takes ("they all agree" is whole: "agree" takes nothing).
_FLOATING_QUANTIFIERS = word_set("both all each")
_OBJECT_VERBS = word_set(
    """get give put make take need use have include contain require produce receive return
    become keep see share"""
)


def _needs_its_object(word: str, words: list[str]) -> bool:
    verb = word[:-1] if word.endswith("s") and word[:-1] in _OBJECT_VERBS else word
    return verb in _OBJECT_VERBS and not set(words[-7:-2]) & (_WH_CLAUSE | _COMPLEMENT_BEFORE)


# Prepositions before a gerund that takes an object: "instead of using", "by increasing".
_BEFORE_A_GERUND = word_set("of by for without after before from besides")
# "..., so when you multiply many small numbers together": "so" (or "and", "but") opens a
# main clause whose subordinate clause comes first, and the text stops inside it.
_SUBORDINATE_AFTER_JOIN = lazy_regex(
    r"\b(?P<join>so|and|but)\s+(?P<sub>when|whenever|if|once|because|since|unless|although|"
    r"though)\s+(?:i|we|you|they|he|she|it|the|a|an|this|these|those|each|every|your|our|"
    r"their|its)\b[^,;:.!?]*$",
    re.IGNORECASE,
)


_MAIN_CLAUSE_STARTS = word_set("i we you they he she then")


def _subordinate_clause_without_main(text: str) -> bool:
    """Whether the text ends inside a subordinate clause that "so", "and" or "but" opened
    (three words at least); after "and"/"but" only when no clause of the same kind came
    before ("fails when X and when Y" is whole)."""
    sentence = re.split(r"[.!?]\s", text)[-1]
    match = _SUBORDINATE_AFTER_JOIN.search(sentence)
    clause = (
        [word.lower() for word in re.findall(r"[^\W\d_]+", sentence[match.end("sub") :])]
        if match
        else []
    )
    if match is None or len(clause) < 3:
        return False
    if _MAIN_CLAUSE_STARTS & set(clause[1:]):
        return False  # "so when the norm is large we rescale it": the main clause came
    if match.group("join").lower() == "so":
        return True
    earlier = sentence[: match.start()]
    return re.search(rf"\b{match.group('sub')}\b", earlier, re.IGNORECASE) is None


# Words that open a condition: "... converges to $\log p(x)$ provided" stops before it. Only
# after a comma or a formula (math, code, a number): after a noun the word may be a participle
# ("the mask the user provided"), and so after code that a determiner makes a noun ("the
# `mask` provided").
_CONDITION_OPENERS = word_set("provided providing assuming supposing")
_CONDITION_AFTER_CLAUSE = lazy_regex(
    r"(?:,|(?<![^\W\d_])(?!(?:the|a|an|its|their|this|that|these|those|any|each|every|your|our|"
    r"his|her|my)\s)(?:[^\W\d_]+\s+)(?:(?-i:CODE)|\d[\d.]*))\s*[^\W\d_]+$",
    re.IGNORECASE,
)


def _condition_never_given(words: list[str], text: str) -> bool:
    """ "..., provided", "tends to $\\log p(x)$ provided": a conjunction of condition after a
    finished clause, and then nothing."""
    return words[-1] in _CONDITION_OPENERS and _CONDITION_AFTER_CLAUSE.search(text) is not None


# A comparative right after a factor ("8.7\N{MULTIPLICATION SIGN} fewer", "3 times less"):
# the comparison is whole without "than".
_AFTER_A_FACTOR = lazy_regex(
    r"\d(?:[.,]\d+)?[ \t]*(?:[x\N{MULTIPLICATION SIGN}]|[ \t]times)[ \t]+(?:fewer|less|smaller"
    r"|cheaper|lower|faster|slower|larger|bigger|more|higher)\W*$",
    re.IGNORECASE,
)


def dangling_word(words: list[str], text: str, last: bool) -> str | None:
    """Why the last of ``words`` (lower case) cannot end the sentence, or None. ``last``: the
    text ends the answer, where a sentence that stops on a rare ending is reported too."""
    word = words[-1]
    before = words[-2] if len(words) > 1 else ""
    if f"{before} {word}" in NEVER_LAST_PAIRS and last:
        return f"the text ends with '{before} {word}'"
    if last and _announces_and_stops(words):
        return f"the text ends with '{before} {word}', announcing what never comes"
    if last and _OPEN_CONNECTIVE.search(text):
        return f"the text ends with the connective '{word}', before the clause it opens"
    if word == "a":
        # "a" alone is the letter of a choice (the answer of a multiple-choice item), no article.
        alone = len(words) == 1
        named = alone or before in LETTER_NAMES or re.search(r"[:(=]\s*a$", text, re.I) is not None
        # "…/2a", "4ac-2a": an "a" written against a number or an operator is a variable.
        named = named or re.search(r"(?:^|\s)a$", text, re.I) is None
        return None if named or not text.endswith("a") else "the text ends with the article 'a'"
    if word in NEVER_LAST:
        return f"the text ends with '{word}'"
    contrasted = {"than", "as", "not"} & set(words[-4:-1])  # "the thread's, not the process's"
    if last and _POSSESSIVE_OR_CONTRACTION.search(word) and not contrasted:
        return f"the text ends with '{word}', which needs a word after it"
    sentence_adverb = word in _MID_VERB_ADVERBS and re.search(r",\s*\w+$", text) is not None
    if _AFTER_A_FACTOR.search(text):
        return None  # "≈ 8.7x fewer", "3 times less": the factor is what the comparison says
    if last and not sentence_adverb and _needs_more(word, before, words[:-2]):
        ending = f"{before} {word}" if before in _ARTICLES else word
        return f"the text ends with '{ending}'"
    if last and word in _OPEN_PARTICIPLES and re.search(rf",\s*{word}$", text, re.I):
        return f"the text ends with '{word}', which needs an object"
    if last and word in _OPEN_PARTICIPLES - {"meaning"} and before in _BEFORE_A_GERUND:
        return f"the text ends with '{before} {word}', which needs an object"
    if last and before in _FLOATING_QUANTIFIERS and _needs_its_object(word, words):
        return f"the text ends with '{before} {word}', before the verb's object"
    if last and _subordinate_clause_without_main(text):
        return "the last sentence opens a subordinate clause and stops before its main clause"
    if last and _linking_verb_without_complement(words):
        return f"the text ends with '{before} {word}', which needs its complement"
    if last and (cut := _so_and_one_word(text)) is not None:
        return f"the clause after 'so' stops at '{cut}'"
    if last and (verb := _verb_without_its_object(text)) is not None:
        return f"the last clause stops at '{verb}', before the object the verb took earlier"
    if last and _condition_never_given(words, text):
        return f"the text ends with '{word}', before the condition it opens"
    if last and _clause_without_verb(words, text):
        return "the last clause names its subject and stops before its verb"
    if last and _modifier_without_its_noun(words, text):
        return f"the enumeration's last item stops at '{word}', before its noun"
    if last and _adverb_without_its_verb(words, text):
        return f"the text ends with '{before} {word}', before the verb the adverb goes with"
    if last and before == "the" and _determiner_without_its_noun(word, words[:-2]):
        return f"the text ends with 'the {word}', before its noun"
    if last and before in _NOUN_DETERMINERS and _participle(word):
        return f"the text ends with '{before} {word}', before the noun the participle qualifies"
    if last and _transitive_without_object(words):
        return f"the text ends with '{before} {word}', before the verb's object"
    if last and _advised_verb_without_object(words, text):
        return f"the text ends with '{before} {word}', before the verb's object"
    if last and _copula_and_adverb(words, text):
        return f"the text ends with '{before} {word}', before the adjective or verb that follows"
    if last and word in _BEFORE_A_NOUN_ONLY and before in _TAKES_A_NOUN_PHRASE:
        return f"the text ends with '{before} {word}', before its noun"
    return None


# Adjectives that, after a verb of having or a preposition, need the noun they qualify: "the
# loss alone has different" is cut ("the two are different" is not: a copula).
_BEFORE_A_NOUN_ONLY = word_set(
    "different various distinct separate additional numerous certain respective corresponding"
)
_TAKES_A_NOUN_PHRASE = word_set(
    """has have had having with without of uses use using gives give needs need requires
    require contains contain produces produce yields yield takes take learns learn for into
    from between among across"""
)


# Verbs that always take an object, and the words after which such a verb opens a predicate
# ("each step would include", "and also reduces"): the object cannot have come before.
_TRANSITIVE = word_set(
    """include contain require remove produce provide cause prevent ensure represent describe
    denote specify replace combine yield reduce create generate compute need"""
)
# Not "to": "expensive to compute" is whole, its subject being the verb's object.
_BEFORE_A_PREDICATE = word_set(
    "would will can could may might must should also then only ever never always"
)


def _transitive_without_object(words: list[str]) -> bool:
    """ "... otherwise each step would include", "... and also reduces": a verb that takes an
    object, right after a modal or a focus adverb, and no object; not "what it would include"
    nor "the data it can remove" (the object stands before)."""
    word, before = words[-1], words[-2] if len(words) > 1 else ""
    verb = word[:-1] if word.endswith("s") and word[:-1] in _TRANSITIVE else word
    if verb not in _TRANSITIVE or before not in _BEFORE_A_PREDICATE:
        return False
    if any(earlier in _WH_CLAUSE for earlier in words[-6:]):
        return False  # "what it will require"
    # "the ones it can remove": a relative clause whose subject pronoun follows its noun
    subject = words[-3] if len(words) > 2 else ""
    return not (subject in _CLAUSE_SUBJECTS and len(words) > 3 and words[-4] not in _NEW_CLAUSE)


# Session 35: an advice whose subject is the empty "it" ("so for sparse demand it is better
# to use"): the verb's object can only come after it. "This metric is easy to use" is whole:
# there the subject is the object.
_ADVISED = word_set("better best preferable advisable wiser safer recommended usual standard")
_CHOSEN = word_set("use apply choose pick employ adopt")


def _advised_verb_without_object(words: list[str], text: str) -> bool:
    """ "so it is better to use", "and it's best to apply": no object after the advised verb.
    The "it" opens its clause; "the one it is best to use" has its object before."""
    if len(words) < 4 or words[-2] != "to" or words[-1] not in _CHOSEN | _TRANSITIVE:
        return False
    return words[-3] in _ADVISED and _EMPTY_IT_OPENS.search(text) is not None


_EMPTY_IT_OPENS = lazy_regex(
    r"(?:^|[,;:)\]]|\b(?:so|then|and|but|therefore|thus|hence|here|now|usually|generally|often|"
    r"instead))\s*it(?:\s+(?:is|was)|['\u2019]s)\s+[^\W\d_]+\s+to\s+[^\W\d_]+[\s*_]*$",
    re.IGNORECASE,
)


_SHORTEST_PARTICIPLE = 6
# Determiners that need a noun after them; not "those", which stands for one ("those trained").
_NOUN_DETERMINERS = word_set("a an the its their our your his my")


def _participle(word: str) -> bool:
    """ "measured", "trained", "stored": a past participle of an English verb, which after a
    determiner qualifies a noun ("its measured accuracy"); not "hundred", "speed", "hatred"."""
    if not word.endswith("ed") or len(word) < _SHORTEST_PARTICIPLE:
        return False
    english = common_words()
    stem = word[:-2]
    undoubled = len(stem) > 2 and stem[-1] == stem[-2]
    return (
        stem in english
        or word[:-1] in english  # measured <- measure
        or (undoubled and stem[:-1] in english)  # stopped <- stop
        or (word.endswith("ied") and word[:-3] + "y" in english)  # applied <- apply
    )


# Verbs that join a subject to an adjective, and adverbs of degree or manner that then need
# the adjective or verb: "distances become nearly", "the model is typically".
_COPULAS = word_set(
    """is are was were be been being become becomes became remain remains seem seems get gets
    got grow grows stay stays look looks"""
)
_DEGREE_ADVERBS = word_set(
    """nearly almost roughly approximately fairly extremely relatively increasingly somewhat
    quite rather highly slightly barely hardly mostly largely"""
)


def _copula_and_adverb(words: list[str], text: str) -> bool:
    """A copula, then an adverb, and nothing: "... become nearly", "the result is usually".
    Not after a comma ("It does, usually") nor in a short reply ("Yes, it is, mostly")."""
    clause = re.split(r"[,.;:!?]", text)[-1]
    # a relative or coordinated clause is no short reply: "…, which is roughly" (session 34)
    opened = clause.split()[:1] in (["which"], ["that"], ["and"], ["so"], ["but"], ["what"])
    short = len(clause.split()) <= _SHORT_REPLY and not opened
    if len(words) < 2 or short or words[-2] not in _COPULAS:
        return False  # "Yes, it is mostly", "It does, usually"
    word = words[-1]
    return word in _DEGREE_ADVERBS or word in _LEADING_ADVERBS or _ly_adverb(word)


# Adverbs of frequency and focus that stand before the verb or phrase they modify.
_LEADING_ADVERBS = word_set(
    """usually often sometimes always never rarely seldom also still even ever only just
    typically generally normally mostly mainly largely"""
)
# Adverbs with no "-ly" that an adverb is joined to: "early and often", "fast but rarely".
_PLAIN_ADVERBS = word_set("early late soon well fast hard again now here there")
_COORDINATORS = word_set("and or but")
# Prepositions that take a gerund: "without ever", "by carefully" wait for it.
_GERUND_PREPOSITIONS = word_set("without by before after from of for in into through via with")
# Where a frequency adverb does end the phrase: "than ever", "for ever", "as ever".
_WHOLE_BEFORE_ADVERB = word_set("than as for")
_SHORTEST_LY_ADVERB = 6


def _ly_adverb(word: str) -> bool:
    """ "normally", "carefully", "typically", "probably", "easily": an adverb made from an
    English adjective (not "family", "supply", "early")."""
    if not word.endswith("ly") or len(word) < _SHORTEST_LY_ADVERB:
        return False
    stem = word[:-2]
    english = common_words()
    return (
        stem in english
        or (word.endswith("ily") and stem[:-1] + "y" in english)  # easily <- easy
        or (word.endswith("bly") and stem + "le" in english)  # probably <- probable
    )


def _adverb_without_its_verb(words: list[str], text: str) -> bool:
    """ "..., and normally", "without ever": a coordinator after a comma or a bracket, or a
    preposition that takes a gerund, then an adverb, and nothing for it to modify; not "early
    and often" (two adverbs joined) nor "than ever"."""
    if len(words) < 3:
        return False
    word, before, earlier = words[-1], words[-2], words[-3]
    adverb = word in _LEADING_ADVERBS or _ly_adverb(word)
    if not adverb:
        return False
    if before in _COORDINATORS:
        joined_adverbs = earlier in _LEADING_ADVERBS | _PLAIN_ADVERBS or _ly_adverb(earlier)
        after_break = re.search(r"[,;)]\s*\w+\s+\w+$", text) is not None
        return not joined_adverbs and (after_break or word in _LEADING_ADVERBS)
    if before not in _GERUND_PREPOSITIONS or before in _WHOLE_BEFORE_ADVERB:
        return False
    return word == "ever" or adverb


# Words that point along a sequence: "the next" stands alone only where a sequence of ones
# is named ("from one layer to the next", "each block feeds the next").
_SEQUENCE_WORDS = word_set("next following remaining")
_DISTRIBUTIVE = word_set("one each every another")
# "at the latest", "at the most": fixed phrases that end on a superlative.
_AT_THE_SUPERLATIVE = word_set("latest earliest most least best worst soonest utmost")
_BEFORE_A_MODIFIER = word_set("only just of among")
_NOT_SUPERLATIVES = word_set(
    """interest request forest harvest manifest contest protest digest honest modest invest
    arrest suggest conquest behest bequest"""
)
_SHORTEST_SUPERLATIVE = 6


def _superlative(word: str) -> bool:
    if word in ("most", "least"):
        return True
    if not word.endswith("est") or len(word) < _SHORTEST_SUPERLATIVE or word in _NOT_SUPERLATIVES:
        return False
    stem = word[:-3]
    english = common_words()
    return (
        stem in english  # shortest
        or stem + "e" in english  # largest
        or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in english)  # biggest
        or (stem.endswith("i") and stem[:-1] + "y" in english)  # easiest
    )


def _determiner_without_its_noun(word: str, earlier: list[str]) -> bool:
    """ "... as the next", "keeps only the most", "stops at the shortest": after "the", a
    word that points along a sequence or a superlative after "only", "of" or "at", with the
    noun it qualifies lost."""
    if word in _SEQUENCE_WORDS:
        return not set(earlier[-10:]) & _DISTRIBUTIVE
    if not _superlative(word) or not earlier:
        return False
    if earlier[-1] == "at":
        return word not in _AT_THE_SUPERLATIVE
    return earlier[-1] in _BEFORE_A_MODIFIER


def _modifier_without_its_noun(words: list[str], text: str) -> bool:
    """ "true positives, false positives, true negatives and false": the last item of an
    enumeration is a word that came before it in the list only with a noun after it."""
    word = words[-1]
    if len(words) < 4 or not re.search(r"(?:,|\band|\bor)\s+[^\W\d_]+$", text, re.IGNORECASE):
        return False
    earlier = text[: len(text) - len(word)]
    followers = [
        follower.lower()
        for follower in re.findall(rf"\b{re.escape(word)}[ \t]+([^\W\d_]+)", earlier, re.I)
    ]
    return bool(followers) and not any(follower in _CLOSED_FOLLOWERS for follower in followers)


# Words after which an earlier copy of the last word was not a modifier: "data in, data".
_CLOSED_FOLLOWERS = word_set(
    """a an the of to in on at by for with from into as than and or but nor if is are was were
    be been being has have had do does did can could will would shall should may might must
    this these that those it its not out up off over down"""
)
