"""Card quality from the minimum-information principle: short answers, real questions, no long
lists to recite, and fronts that do not give their answer away."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from markdown_it.token import Token
from pydantic import Field

from ankigen.diagnostics import Fix, Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rule import LintConfig, Rule, RuleOptions
from ankigen.source.model import NoteType

_WORD = lazy_regex(r"\S*\w\S*")


def cloze_text_end(document: LintDocument) -> int:
    """Offset where a cloze note's text ends: its Extra separator (``***``), or the file end."""
    for token in document.tokens:
        if token.type == "hr" and token.level == 0 and token.map:
            return document.offset_of_line(document.note.body_line + token.map[0])
    return len(document.text)


def _top_level(document: LintDocument, kind: str) -> Iterator[tuple[int, int, int]]:
    """Top-level block tokens of one kind: their index in ``document.tokens`` and line map."""
    for index, token in enumerate(document.tokens):
        if token.type == kind and token.level == 0 and token.map:
            yield index, token.map[0], token.map[1]


def _line_span(document: LintDocument, map_line: int) -> tuple[int, int]:
    """Offsets of one body line (a token's ``map`` line), without its newline."""
    start = document.offset_of_line(document.note.body_line + map_line)
    end = document.text.find("\n", start)
    return start, len(document.text) if end < 0 else end


class LongAnswerOptions(RuleOptions):
    max_words: int = Field(
        default=60, ge=1, alias="max-words", description="The most words an answer may have."
    )


class LongAnswer(Rule):
    """An answer so long that it cannot be recalled as one fact.

    The minimum-information principle: a card that asks for a paragraph is reviewed as "roughly
    right" and never really learned. Words are counted in the answer's prose (code blocks and
    math do not count; in a cloze note, the text before the ``***`` Extra separator). The limit
    is ``max-words`` in ``[tool.ankigen.lint.rules.long-answer]`` (default 60; the older
    ``max-answer-words`` in ``[tool.ankigen.lint]`` is still read). Split the note into several,
    or cut the answer to its essential fact.
    """

    code = "AG150"
    name = "long-answer"
    severity = Severity.WARNING
    summary = "the answer has more words than max-words (default 60)"
    bad = "# What is dropout?\n\n" + "It randomly zeroes units during training. " * 11 + "\n"
    good = "# What is dropout?\n\nRandomly zeroing a fraction of the units at each training step.\n"
    options = LongAnswerOptions

    def legacy_options(self, config: LintConfig) -> dict[str, Any]:
        if "max_answer_words" in config.model_fields_set:
            return {"max-words": config.max_answer_words}
        return {}

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        cloze = document.note.meta.type is NoteType.CLOZE
        end = cloze_text_end(document) if cloze else len(document.text)
        limit = config.options_of(self, LongAnswerOptions).max_words
        # Each word is part of one run of non-space characters: few runs, few words.
        if len(document.answer_prose[document.body_offset : end].split()) <= limit:
            return
        words = list(_WORD.finditer(document.answer_prose, document.body_offset, end))
        if len(words) <= limit:
            return
        advice = (
            "move background to the Extra field (after ***), or split the note"
            if cloze
            else "split it into several notes, or cut it to the essential fact"
        )
        part = "cloze text" if cloze else "answer"
        yield Finding(
            words[limit].start(),
            words[-1].end(),
            f"the {part} has {len(words)} words, more than {limit}: {advice}",
        )


_PROMPT_WORDS = lazy_regex(
    r"(?:name|list|define|explain|give|state|write|fill|complete|compare|contrast|describe"
    r"|calculate|compute|derive|show|prove|identify|outline|implement|convert|estimate|predict"
    r"|solve|summari[sz]e|classify|distinguish|differentiate|translate|find|match|recall"
    r"|rewrite|fix|sketch|draw|evaluate|simplify|expand|choose|pick|select|determine|interpret"
    r"|label|express|mention|enumerate|suggest|create|build|construct|rank|order|sort|spell"
    r"|discuss|justify|illustrate|demonstrate|count|plot|load|train|save|apply|use|add|set"
    r"|configure|freeze|replace|read|print|call|elucidate|design|develop|propose|analy[sz]e"
    r"|assess|review|clarify|elaborate|examine|detail|formulate|recommend|provide|debug"
    r"|diagnose|walk|tell|characteri[sz]e|critique|argue|relate|measure|test|optimi[sz]e"
    r"|extract|retrieve|fetch"
    # The same prompts in Spanish, Portuguese, French, German and Italian ("Explica HeapSort.").
    r"|explica|explique|compara|enumera|menciona|calcula|ordena|nombra|indica|justifica"
    r"|demuestra|escribe|implementa|expliquez|d\u00e9crivez|d\u00e9finissez|comparez|citez"
    r"|calculez|erkl\u00e4re|erkl\u00e4ren|beschreibe|nenne|vergleiche|berechne|spiega"
    r"|descrivi|definisci|confronta|elenca"
    # Design and build prompts of system-design interviews ("Diseña un sistema de chatbot …").
    r"|dise\u00f1a|dise\u00f1e|desarrolla|construye|analiza|prop\u00f3n|resuelve|projete"
    r"|desenvolva|construa|analise|concevez|d\u00e9veloppez|proposez|entwirf|entwerfen"
    r"|progetta|sviluppa|analizza"
    # The polite and Portuguese forms ("Erläutern Sie …", "Crie uma tupla …") (session 14).
    r"|crea|proporciona|imagina|crie|escreva|descreva|defina|imprima|erl\u00e4utern"
    r"|erl\u00e4utere|implementieren|beschreiben|nennen|vergleichen|geben"
    # More of the German "… Sie" prompts of exams ("Diskutieren Sie …", session 35).
    r"|diskutieren|begr\u00fcnden|bewerten|skizzieren|berechnen|bestimmen|definieren|zeigen"
    r"|erkl\u00e4ren|ermitteln|interpretieren|untersuchen|diskutiere|begr\u00fcnde|bestimme"
    # The talk-about-it prompts of interviews ("Cuéntame de un proyecto …", "Fale sobre …").
    r"|cu\u00e9ntame|cu\u00e9ntanos|h\u00e1blame|h\u00e1blanos|fale|conte|comente|racontez"
    r"|parlez|erz\u00e4hle|erz\u00e4hlen|conta|fala"
    # The query tasks of SQL and coding drills ("Encuentra duplicados", "Elimina …").
    r"|encuentra|encuentre|elimina|elimine|obt\u00e9n|obtenga|devuelve|selecciona|encontre"
    r"|remova|obtenha|retorne|selecione|calcule"
    # "Cite um exemplo de …" (Portuguese), "Cite two uses of …": cite, list.
    r"|cite|liste"
    # French tests give the instruction in the infinitive ("Citer 5 modules …", "Expliquer le
    # rôle de …"); not "identifier", "lister" or "commenter", which are English nouns too.
    r"|citer|expliquer|d\u00e9finir|d\u00e9crire|comparer|calculer|donner|justifier"
    r"|d\u00e9montrer|indiquer|nommer|proposer|analyser|pr\u00e9senter|pr\u00e9ciser|montrer"
    r"|r\u00e9sumer|traduire|compl\u00e9ter|illustrer"
    # Polish ("Om\u00f3w interfejsy …", discuss; "Wyja\u015bnij jak dzia\u0142a …", explain).
    r"|om\u00f3w|omow|wyja\u015bnij|wyjasnij|opisz|por\u00f3wnaj|porownaj|wymie\u0144|wymien"
    r"|podaj|przedstaw|scharakteryzuj|zdefiniuj|napisz|wyt\u0142umacz|zaimplementuj"
    r"|sprawd\u017a|sprawdz|oblicz"
    # Indonesian, with and without the "-lah" of a firm imperative ("Jelaskan …!",
    # "Modifikasilah program …").
    r"|jelaskan(?:lah)?|sebutkan(?:lah)?|tuliskan(?:lah)?|uraikan(?:lah)?|bandingkan(?:lah)?"
    r"|buatlah|modifikasi(?:lah)?|hitunglah|tentukan(?:lah)?|berikan(?:lah)?|ubahlah)"
)
# Prompts whose first word alone says nothing: Vietnamese ones of two syllables ("Giới thiệu
# về bản thân", introduce yourself; "Kể về một lần …", tell about a time …), and Turkish ones
# whose polite imperative comes last ("… için bir örnek verin.", give an example …).
_OTHER_PROMPT = lazy_regex(
    # "hãy" (do …) marks the imperative wherever it stands: "Bạn hãy kể về …", "Trong dự án
    # đó, hãy mô tả …"; without it the prompt verb must open the front ("kể từ" is "since").
    r"(?:^|(?<!\w)h\u00e3y\s+)(?:k\u1ec3|gi\u1edbi\s+thi\u1ec7u|m\u00f4\s+t\u1ea3|"
    r"gi\u1ea3i\s+th\u00edch|tr\u00ecnh\s+b\u00e0y|so\s+s\u00e1nh|ph\u00e2n\s+bi\u1ec7t|"
    r"n\u00eau|li\u1ec7t\s+k\u00ea|chia\s+s\u1ebb)\s+\S"
    r"|(?<!\w)(?:(?:a\u00e7\u0131kla|anlat|tan\u0131mla|kar\u015f\u0131la\u015ft\u0131r|"
    r"hesapla|yaz|tart\u0131\u015f)y?\u0131n(?:\u0131z)?|(?:belirt|g\u00f6ster|listele|"
    r"incele|\u00f6zetle|de\u011ferlendir|\u00e7iz|ver)y?in(?:iz)?)\s*[.!]?\s*$",
    re.I,
)
# "Conte-me sobre …", "Explique-nos …": a Portuguese or Spanish imperative with its pronoun.
_CLITIC = lazy_regex(r"-(?:me|nos|lhe|lhes|te|se)$")
_INTERROGATIVE = lazy_regex(
    r"(?:what|how|why|when|where|which|who|whom|whose|is|are|was|were|does|do|did|can|could"
    r"|should|would|will|has|have"
    # German, Spanish and Portuguese question words ("Welche Komponenten werden verwendet").
    r"|welche|welcher|welches|wie|warum|wieso|wann|cu\u00e1l|cu\u00e1les|c\u00f3mo|qual|quais"
    # Polish ("Jakie znasz typy …", "Czym r\u00f3\u017cni si\u0119 …", "Dlaczego …").
    r"|jak|jaki|jaka|jakie|jakich|czym|czy|dlaczego|kiedy|gdzie|kt\u00f3ry|kt\u00f3ra|kt\u00f3re"
    # Portuguese, Spanish, French and more German ones ("Onde o Spark guarda …", "Quand
    # utiliser …", "Wozu dient …"; session 35); not "comment", an English word too.
    r"|onde|como|quando|quanto|quantos|quantas|d\u00f3nde|cu\u00e1ndo|cu\u00e1nto|cu\u00e1ntos"
    r"|qu\u00e9|pourquoi|quand|o\u00f9|quel|quelle|quels|quelles|wo|wozu|weshalb|wof\u00fcr"
    r"|womit|wodurch|wieviel|wieviele)"
)
_FIRST_WORDS = lazy_regex(r"[A-Za-z][\w'-]*")
# An imperative names its object next: "Reverse a linked list", "Code the forward pass",
# "Merge two sorted arrays". A topic goes on with a preposition or a noun ("Dropout in
# Keras", "Batch normalisation layers"), so a determiner second says the first word is a verb.
_DETERMINER = lazy_regex(
    r"(?:a|an|the|this|these|those|each|every|all|any|some|both|your|its|their|our|my"
    r"|two|three|four|five|six|seven|eight|nine|ten|\d+)"
)
# "ReLU: formula", "True or false: ...": a label and its prompt.
_LABEL_PROMPT = lazy_regex(r"\S:\s+\S|\S:$")
# "The default timeout of a request is…": a sentence left for the reader to complete.
_COMPLETION = lazy_regex(r"[\w)\]`'\"][\s*_]*(?:\u2026|\.{3})[*_]*\s*$")
_MIN_COMPLETION_WORDS = 3  # "Dropout..." is a topic trailing off, not a sentence to finish
# "An instance is created with the ______ of its class.": a gap for the reader to fill, in any
# language.
_BLANK = lazy_regex(r"_{3,}")
# "… (True / False)", "… (Mungkin / Benar / Salah)": a statement set for the reader to judge,
# its choices a pair of "true" and "false" in English, Indonesian, Spanish, Portuguese, French,
# German or Italian.
_CHOICES_AT_END = lazy_regex(r"\(([^()]*)\)[*_\s]*$")
_TRUE_FALSE = (
    ("true", "false"),
    ("benar", "salah"),
    ("verdadero", "falso"),
    ("verdadeiro", "falso"),
    ("vrai", "faux"),
    ("wahr", "falsch"),
    ("vero", "falso"),
)


def _judged_statement(front: str) -> bool:
    """Whether the front ends with choices that include both "true" and "false"."""
    choices = _CHOICES_AT_END.search(front)
    if choices is None:
        return False
    words = {word.lower() for word in re.findall(r"\w+", choices.group(1))}
    return any(yes in words and no in words for yes, no in _TRUE_FALSE)


class FrontNotQuestion(Rule):
    """The front of a basic or code note should ask something.

    A bare topic ("Dropout in Keras") does not say what to recall, so every review tests a
    different fact. Ask a question ("What does dropout do at inference?"), start with a prompt
    word (Name, List, Define, Explain, Give, Write, Compare…) or any verb with its object
    ("Reverse a linked list", "Code the forward pass"), name what to contrast ("Difference
    between TCP and UDP") or what to say of a thing ("Purpose of the finally block"), write a
    "label: prompt" front, or set a scenario and give the prompt in a sentence or clause of its
    own ("The job fails at night. Explain what you check first.", "Given two sorted lists,
    merge them in linear time."), leave a sentence for the reader to complete ("A lock
    acquired with no argument is…", "An object is created by its ______.") or give a statement
    to judge with its true/false choices ("Sets keep insertion order. (True / False)"). A
    question that only lacks its question mark is fixed by adding it, in the languages whose
    question words the rule knows ("Quando usar …", "Pourquoi …", "Wozu dient …"); German
    exam prompts of the "… Sie" form ("Begründen Sie, warum …") are prompts. Cloze notes are
    exempt: their text is the prompt.
    """

    code = "AG151"
    name = "front-not-question"
    severity = Severity.WARNING
    summary = "the front of a basic or code note is not a question or a prompt"
    fixable = True
    bad = "# Dropout in Keras\n\nA layer that randomly zeroes inputs during training.\n"
    good = "# What does a Keras `Dropout` layer do during training?\n\nZeroes random inputs.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if document.note.meta.type is NoteType.CLOZE or document.question is None:
            return
        start, end = document.question
        front = document.text[start:end]
        if "?" in front or _LABEL_PROMPT.search(document.prose[start:end]):
            return
        if _asks_in_other_script(front) or _mostly_other_script(front):
            return
        if _COMPLETION.search(front) and len(front.split()) >= _MIN_COMPLETION_WORDS:
            return  # a completion prompt, like "… is called:" with its colon
        if _BLANK.search(front) or _judged_statement(front):
            return  # "… dievaluasi menjadi ____.", "<statement> (Benar / Salah)": a quiz item
        # A front in Chinese or Japanese: its full-width question mark asks, and the prompt
        # words this rule knows are English, so a front in those scripts is not judged.
        if _IDEOGRAPH.search(front):
            return
        words = [word.lower() for word in _FIRST_WORDS.findall(front)[:3]]
        if words and _PROMPT_WORDS.fullmatch(_CLITIC.sub("", words[0])):
            return
        if _OTHER_PROMPT.search(front.strip()):
            return
        if words[:1] in (["me"], ["nos"]) and len(words) > 1 and _PROMPT_WORDS.fullmatch(words[1]):
            return  # "Me conta sobre um bug …", "Nos fale de …": a pronoun, then the prompt
        if len(words) > 1 and words[0].endswith("ly") and _PROMPT_WORDS.fullmatch(words[1]):
            return  # "Briefly describe …", "Clearly explain …": an adverb, then the prompt
        if not words or _PROMPT_WORDS.fullmatch(words[0]) or _prompt_after_scenario(front):
            return
        if words[0] in ("difference", "differences") and words[1:2] == ["between"]:
            return  # "Difference between TCP and UDP": the interviewer's short form of a prompt
        if words[0] in _ASKED_PROPERTIES and words[1:2] == ["of"] and len(words) > 2:
            return  # "Purpose of the <meta> tag": short for "What is the purpose of …?"
        if _imperative_with_object(words):
            return  # a prompt whose verb this rule does not list
        if any(
            _INTERROGATIVE.fullmatch(word) and not _subordinating(words, at)
            for at, word in enumerate(words)
        ):
            yield Finding(
                start, end, "the front lacks its question mark: end it with '?'", _fix(front, end)
            )
            return
        yield Finding(
            start,
            end,
            "the front is not a question: ask one ('What does … do?'), start with a prompt such "
            "as Name, Explain or Define, or make it a cloze note",
        )


# The property an interviewer's short form asks for: "Purpose of X", "Role of Y".
_ASKED_PROPERTIES = frozenset({"purpose", "role", "significance", "meaning"})

# "Ignore Nulls When Loading", "Retry Requests Where Idempotent": after a noun or a verb,
# "when" and "where" open a clause of the front; they ask only first or after a word that
# leads into a question ("And when …", "In which …", "So where …").
_CLAUSE_OPENERS = frozenset({"when", "where"})
_LEADS_INTO_QUESTION = frozenset(
    {"and", "or", "but", "so", "then", "in", "of", "from", "to", "at", "on", "by", "for", "with"}
)


def _subordinating(words: list[str], at: int) -> bool:
    """Whether ``words[at]`` ("when", "where") opens a clause rather than asks."""
    return at > 0 and words[at] in _CLAUSE_OPENERS and words[at - 1] not in _LEADS_INTO_QUESTION


def _imperative_with_object(words: list[str]) -> bool:
    """Whether the front opens with a verb and its object ("Reverse a linked list"): a first
    word followed by a determiner, unless it asks (an interrogative) or names an activity
    ("Writing an HTML report", a topic)."""
    if len(words) < 2 or not _DETERMINER.fullmatch(words[1]):
        return False
    verb = words[0]
    return not _INTERROGATIVE.fullmatch(verb) and not (len(verb) > 5 and verb.endswith("ing"))


# The question mark of other scripts: Arabic and Persian "؟", Armenian "՞", and the Greek one,
# which Unicode normalises to ";" (a Greek question ends in ";"). Only the words of a front in
# the Latin script are read for a prompt, so a front in these scripts that names a Latin term
# would otherwise be judged on that term alone.
_OTHER_QUESTION_MARK = lazy_regex(r"[\u061f\u055e\u037e]")
_GREEK = lazy_regex(r"[\u0370-\u03ff\u1f00-\u1fff]")


def _asks_in_other_script(front: str) -> bool:
    if _OTHER_QUESTION_MARK.search(front):
        return True
    return front.rstrip(" *_").endswith(";") and _GREEK.search(front) is not None


_LATIN_END = 0x0250  # Basic Latin to Latin Extended-B


def _mostly_other_script(front: str) -> bool:
    """A front written mostly in another script (Persian, Hindi, Greek, Russian …) with a Latin
    term in it: the prompt words this rule reads are of Latin-script languages, so it would
    judge the front on that term alone ("برنامه‌ای بنویسید که N عدد بگیرد" writes a program)."""
    latin = other = 0
    for character in front:
        if character.isalpha():
            if ord(character) < _LATIN_END:
                latin += 1
            else:
                other += 1
    return other > latin


_IDEOGRAPH = lazy_regex(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff1f]"
)

# A sentence break inside a front: "The job fails at 3 AM. Walk me through your response."
_SENTENCE_BREAK = lazy_regex(r"(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)[.!]\s+(?=[A-Z])")


# A clause break: "Given two sorted lists, merge them", "For a 3x3 kernel, compute ...".
_CLAUSE_BREAK = lazy_regex(r"[,;:]\s+")


def _prompt_after_scenario(front: str) -> bool:
    """Whether a later sentence or clause of the front is the prompt, after a scenario that
    sets it up."""
    parts = _SENTENCE_BREAK.split(front)[1:] + _CLAUSE_BREAK.split(front)[1:]
    for sentence in parts:
        first = _FIRST_WORDS.match(sentence.lstrip("*_ "))
        if first is not None and _PROMPT_WORDS.fullmatch(first.group(0).lower()):
            return True
    return False


def _fix(front: str, end: int) -> Fix | None:
    if front.endswith("#"):  # a closing ATX sequence: where the '?' goes is unclear
        return None
    if front.endswith("."):
        return Fix(end - 1, end, "?")
    return Fix(end, end, "?")


_MAX_ITEMS = 4
_WINDOW = 2000  # characters before an "and" searched for its items
_MAX_ITEM_WORDS = 4  # longer comma-separated parts are clauses, not list items
# A sentence or clause; "e.g." and "0.5" do not end it.
_SENTENCE = lazy_regex(r"(?:\b(?:e\.g|i\.e|etc|vs)\.|[.!?](?=\S)|[^.;:!?])+")
_AND = lazy_regex(r",?\s+and\s+")
_LAST_ITEM = lazy_regex(r"[^\s,]+(?:[ \t\n]+[^\s,]+){0,3}")
_BRACKETED = lazy_regex(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_NUMBER = lazy_regex(r"[-+\u2212]?\d[\d,.]*%?")
_EXAMPLES = lazy_regex(
    r"\b(?:such as|e\.g|for example|for instance|like|including|includes?|etc|many more"
    r"|and others|and so on)\b",
    re.IGNORECASE,
)


class LongEnumeration(Rule):
    """An answer that is a list of more than four items.

    Recalling a whole list at once is the classic failure of the minimum-information
    principle: learners remember some items and never know which ones they missed. Make it a
    cloze note with one deletion per item (each item becomes its own card), or split the list.
    Counted are the items of a top-level bullet or numbered list, and inline lists joined by
    "and" ("a, b, c, d and e"); lists of examples ("such as …", "e.g. …") are not, nor the
    task-box choices of a quiz item (``- [ ] …`` / ``- [x] …``), which ask for one choice. Cloze
    notes are exempt.
    """

    code = "AG152"
    name = "long-enumeration"
    severity = Severity.WARNING
    summary = "the answer of a basic note enumerates more than four items"
    bad = (
        "# Which layers make up a classic CNN?\n\n"
        "- Convolution\n- ReLU\n- Pooling\n- Flatten\n- Dense\n"
    )
    good = "# Which layer downsamples the feature maps of a classic CNN?\n\nThe pooling layer.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if document.note.meta.type is NoteType.CLOZE:
            return
        for kind in ("bullet_list_open", "ordered_list_open"):
            for index, first, _ in _top_level(document, kind):
                count = _list_items(document.tokens, index)
                if count > _MAX_ITEMS and not _choice_list(document.tokens, index):
                    yield self._finding(*_line_span(document, first), count)
        yield from self._inline_lists(document)

    def _inline_lists(self, document: LintDocument) -> Iterator[Finding]:
        for _, first, last in _top_level(document, "paragraph_open"):
            start = document.offset_of_line(document.note.body_line + first)
            end = document.offset_of_line(document.note.body_line + last)
            # The paragraph and the character before it (what "\b" looks at).
            before = 1 if start > 0 else 0
            view = _words_view(document, start - before, end)
            for sentence in _SENTENCE.finditer(view, before):
                yield from self._sentence_lists(sentence, start - before)

    def _sentence_lists(self, sentence: re.Match[str], base: int) -> Iterator[Finding]:
        """Lists "a, b, c, d and e" in one sentence: short parts before an "and", plus one.

        ``base`` is the file offset of the string the sentence was found in."""
        text = sentence.group(0)
        if _EXAMPLES.search(text):
            return
        lists: dict[int, tuple[int, int]] = {}  # start -> (end, items): one finding per list
        # Commas inside brackets separate coordinates, arguments or the members of a set
        # ("{HH, HT, TH, TT}"), not list items.
        masked = _BRACKETED.sub(lambda m: m.group(0).replace(",", "\0"), text)
        for conjunction in _AND.finditer(text):
            begin = max(0, conjunction.start() - _WINDOW)  # bounds the work on huge paragraphs
            parts = masked[begin : conjunction.start()].split(",")
            run = 0
            closed = False  # "…, and resilience, …": an earlier list ended in the run's way
            while run < len(parts) and 1 <= len(parts[-1 - run].split()) <= _MAX_ITEM_WORDS:
                if _CLOSES_A_LIST.match(parts[-1 - run]) and run:
                    closed = True
                    break
                if _OPENS_A_CLAUSE.match(parts[-1 - run]):
                    break  # "…, because it is fast, small, and cheap": the list starts here
                run += 1
            # A longer first part ends with the first item ("The gates are forget, …").
            items = run + (run < len(parts) and not closed) + 1
            last = _LAST_ITEM.match(text, conjunction.end())
            # The last word of each part: a lead-in ("The labels are 4") ends with its item.
            values = [*parts[len(parts) - run :], last.group(0).split()[0] if last else ""]
            if all(_NUMBER.fullmatch((v.split() or [""])[-1].strip(" .")) for v in values):
                continue  # "labels 1, 3, 2, 1 and 5": data, not a list to learn
            if items > _MAX_ITEMS and last is not None:
                lead = ",".join(parts[: len(parts) - run])
                offset = begin + len(lead) + (1 if lead else 0)  # the first item of the run
                offset += len(text[offset:]) - len(text[offset:].lstrip())
                lists[base + sentence.start() + offset] = (
                    base + sentence.start() + last.end(),
                    items,
                )
        for start, (end, items) in lists.items():
            yield self._finding(start, end, items)

    def _finding(self, start: int, end: int, count: int) -> Finding:
        return Finding(
            start,
            end,
            f"the answer lists {count} items: make it a cloze note with one deletion per item, "
            "or split it into smaller notes",
        )


_SPACES = lazy_regex(" +")
# A comma-separated part that opens with the conjunction of a list before it.
_CLOSES_A_LIST = lazy_regex(r"\s*(?:and|or)\s", re.IGNORECASE)
# A part that opens a clause ("because it is human-readable"): the list's lead-in, which ends
# with its first item; the short parts before it ("especially in HTTP APIs") are no items.
_OPENS_A_CLAUSE = lazy_regex(
    r"\s*(?:because|since|although|though|while|whereas|especially|unless|so\s+that)\s",
    re.IGNORECASE,
)


def _words_view(document: LintDocument, start: int, end: int) -> str:
    """The prose of ``start:end`` with code spans and math filled with "x": words here.

    A character is the prose's unless the prose blanked it (a space where the text has
    something else): then it is "x", or a space if the text has white space there. Only runs
    of spaces can hide anything, so only those are compared with the text.
    """
    prose, text = document.prose[start:end], document.text[start:end]
    if prose == text:
        return prose
    pieces, position = [], 0
    for run in _SPACES.finditer(prose):
        hidden = text[run.start() : run.end()]
        if hidden != run.group(0):
            filled = "".join(" " if char.isspace() else "x" for char in hidden)
            pieces += [prose[position : run.start()], filled]
            position = run.end()
    pieces.append(prose[position:])
    return "".join(pieces)


_TASK_BOX = lazy_regex(r"\[[ xX]\]\s")


def _choice_list(tokens: list[Token], index: int) -> bool:
    """Whether every item of the list at ``tokens[index]`` opens with a task box: the choices
    of a quiz ("- [ ] O(n)" / "- [x] O(log n)"), one of them ticked, not a list to recall."""
    level = tokens[index].level
    firsts: list[str] = []
    expect = False
    for token in tokens[index + 1 :]:
        if token.level == level and token.type.endswith("_list_close"):
            break
        if token.type == "list_item_open" and token.level == level + 1:
            expect = True
        elif expect and token.type == "inline":
            firsts.append(token.content)
            expect = False
    return bool(firsts) and all(_TASK_BOX.match(text) for text in firsts)


def _list_items(tokens: list[Token], index: int) -> int:
    """Items of the list that opens at ``tokens[index]`` (nested lists not counted)."""
    level = tokens[index].level
    count = 0
    for token in tokens[index + 1 :]:
        if token.level == level and token.type.endswith("_list_close"):
            break
        count += token.type == "list_item_open" and token.level == level + 1
    return count


_MARKUP = lazy_regex(r"[`*_~]")
_ARTICLE = lazy_regex(r"^(?:the|a|an)\s+")
_NOT_AN_ANSWER = lazy_regex(r"yes|no|true|false|none|nothing|both|neither|either|all|it|they")
# A question that offers options names its answer on purpose.
# "(Culture / Sharing / Automation)" after the question: the choices of a quiz item.
_OPTIONS = lazy_regex(
    r"\bor\b|\bvs\b|\bversus\b|\bbetween\b|^of\b|\bwhich of\b|,.*,"
    r"|\((?:[^()]|\([^()]*\))*\s/\s(?:[^()]|\([^()]*\))*\)\s*$"
    # "(A) `width` / B) `size.width` / C) …)": lettered choices, their ")" unbalanced.
    r"|\(\s*[a-h][.)]\s.*\s/\s[a-h][.)]\s.*\)\s*$"
)
# "…, dropout?": the front ends by naming its own answer.
_TRAILING_NAME = lazy_regex(r"[,:\u2014\u2013(]\s*([^,:\u2014\u2013()?]+?)\)?\s*\?\s*$")


class AnswerInQuestion(Rule):
    """The front gives its own answer away.

    A card whose answer is written in its question is recalled by reading, not by memory.
    Reported when a short answer (the answer's first line, one to three words) appears in the
    question, or when the question ends by naming what the answer starts with ("…, dropout?").
    Questions that offer options ("A or B?", "Of A, B and C, which …?", a quiz item's
    choices after it: "(Culture / Sharing / Automation)") are not reported.
    """

    code = "AG153"
    name = "answer-in-question"
    severity = Severity.WARNING
    summary = "the question contains its own answer"
    bad = "# Which optimizer combines momentum with RMSProp, Adam?\n\nAdam.\n"
    good = "# Which optimizer combines momentum with RMSProp?\n\nAdam.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if document.note.meta.type is NoteType.CLOZE or document.question is None:
            return
        start, end = document.question
        question = _normal(document.text[start:end])
        first_line = _first_answer_line(document)
        if not question or first_line is None or _OPTIONS.search(question):
            return
        answer = _short_answer(first_line)
        if answer and re.search(rf"\b{_phrase(answer)}\b", question):
            yield Finding(
                start,
                end,
                f"the question contains its answer '{answer}': ask without naming it",
            )
            return
        trailing = _TRAILING_NAME.search(question)
        name = trailing.group(1).strip() if trailing else ""
        if trailing and _abbreviates(name, question[: trailing.start()]):
            name = ""  # "named entity recognition (NER)?": the abbreviation of the term asked
        if name and re.match(rf"{_phrase(name)}\b", _normal(first_line)):
            yield Finding(
                start,
                end,
                f"the question ends by naming its answer '{name}': ask without naming it",
            )


def _abbreviates(name: str, before: str) -> bool:
    """``name`` is the initials of the words just before it ("ner" after "named entity …"),
    also in the plural ("gpus" after "graphics processing units")."""
    letters = name.replace(".", "").replace("-", "")
    if not 2 <= len(letters) <= 8 or not letters.isalpha():
        return False
    words = re.findall(r"[a-z0-9]+", before)
    initials = "".join(word[0] for word in words[-len(letters) * 2 :])
    singular = letters[:-1] if letters.endswith("s") and len(letters) > 2 else letters
    return letters in initials or singular in initials


def _normal(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).lower().split())


def _phrase(answer: str) -> str:
    return r"[\s-]+".join(re.escape(word) for word in answer.split())


def _first_answer_line(document: LintDocument) -> str | None:
    """The first line of the answer's first block, when that block is a paragraph."""
    blocks = [t for t in document.tokens if t.level == 0 and t.type.endswith("_open") and t.map]
    for before, after in itertools.pairwise(blocks):
        if before.type == "heading_open" and before.tag == "h1" and after.map:
            if after.type != "paragraph_open":
                return None
            start, end = _line_span(document, after.map[0])
            return document.text[start:end].strip()
    return None


def _short_answer(line: str) -> str | None:
    """A one-to-three-word answer that is the whole first sentence; None otherwise."""
    match = re.match(r"(.+?)(?:[.!](?:\s|$)|$)", line)
    if match is None or ":" in match.group(1):  # "Gain: …" is a label, not an answer
        return None
    answer = _ARTICLE.sub("", _normal(match.group(1)).strip(" ,;"))
    words = answer.split()
    if (
        not 1 <= len(words) <= 3
        or _NOT_AN_ANSWER.fullmatch(answer)
        or not re.search("[a-z]", answer)
        # "A. London" opens a list of choices: the letter "a" is no answer named by "a capital"
        or len(answer) == 1
    ):
        return None
    return answer


RULES: tuple[Rule, ...] = (
    LongAnswer(),
    FrontNotQuestion(),
    LongEnumeration(),
    AnswerInQuestion(),
)
