"""What an answer still says once everything that only points elsewhere is taken out (AG136).

A pointer answer is made of a small number of kinds of words, whatever its phrasing: an
address (a URL, a domain, a paper's identifier), a resource named by its kind (docs, guide,
post, answer, book, chapter, lecture, video, paper, slides, repo, write-up), by its title
(quoted, or a run of capitalised words), by its author or site, or by a part of it ("ch. 9",
"pp. 41-58", "Lecture 3", "§2.1", a timestamp); a verb or frame that sends the learner there
("read", "watch", "go to", "follow", "explained here", "it has the whole ..."); and praise of
it ("far better than I could", "says it all", "worth the read"). The question's own words
name its topic, not an answer. What is left after removing those is the answer's content: a
pointer answer leaves nothing, a real answer leaves at least one word of substance, a number
or a yes/no. Reading the class this way, instead of listing the sentences pointers are
written in, lets a new author's pointer be recognised by what it lacks.
"""

from __future__ import annotations

import re
import unicodedata

from ankigen.lint.foreign_text import is_foreign_function_word
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.prose.text import (
    HTML_TAG,
    LINK_MD,
    URL,
    plain,
    stems,
    word_set,
    words_of,
)
from ankigen.lint.words import is_dictionary_word

# Kinds of resources, with their plurals and common short forms.
RESOURCE_KINDS = word_set(
    """doc docs documentation guide guides article articles post posts blog blogs thread threads
    answer answers book books textbook chapter chapters ch chap section sections sec lecture
    lectures lec video videos paper papers slide slides deck repo repos repository readme
    writeup write-up write-ups writeups tutorial tutorials page pages site website wiki notes
    course talk talks podcast episode notebook gist manual handbook reference references
    resource resources reads read explainer primer walkthrough overview derivation proof
    edition ed pp p vol appendix part thing one ones link links url urls source sources
    statement statements report reports whitepaper spec specification rfc faq series playlist
    intro intros introduction example examples cheat sheet cheatsheet survey surveys review
    reviews recording recordings replay replays livestream livestreams webinar webinars
    screencast screencasts lesson lessons transcript transcripts runbook runbooks playbook
    playbooks breakdown breakdowns rundown deep-dive deep-dives snippet snippets
    skript vorlesung vorlesungen folie folien mitschrift cours diapo diapos apuntes
    diapositivas carousel carousels reel reels shorts"""
)
# Verbs and particles that send the learner to a resource, and the words of the frames they
# are written in ("go read it there", "explained here", "from about 12:30 on").
_POINTING_WORDS = word_set(
    """read reading see seeing watch watching check checking follow following go going visit
    look looking refer consult google search find found open try start jump skip head covers
    covered cover explains explained explain explaining describes described shows shown walks
    walked through goes treats discussed discusses lists listed has have had contains gives
    here there below above linked attached from around at on in into under over via to onto
    out up starting onwards onward says say said puts put place spot shared posted sent wrote
    written recorded ask asking details info answers answered ref refs further additional
    documented explanation explanations swipe scroll tap"""
)
# Verbs that say a resource holds the answer: with a resource named by its kind or its part,
# they send the learner there without a verb of reading ("Karpathy explains it in his
# lecture series", "the docs page for X has examples", "full answer in the doc I shared").
_HOLDING_VERBS = word_set(
    """explains explained explain covers covered describes described discusses discussed
    shows shown has have contains lists listed gives treats walks shared linked attached
    posted wrote written answers answered addresses derives documented"""
)
# Praise and appraisal of a resource: what it is worth, never what it says.
_PRAISE_WORDS = word_set(
    """good great best better nice excellent awesome amazing superb solid clear clearer nicely
    clearly well way much far really very super perfect perfectly brilliant brilliantly nails
    nailed nail gold classic canonical definitive official whole full complete entire worth
    helpful useful handy neat own fantastic wonderful decent detailed thorough thoroughly
    step-by-step quick short long gentle intuitive visual lovely recommend recommended
    highly must bookmark favourite favorite job accepted upvoted top-voted"""
)
# Words with no content of their own: pronouns, determiners, prepositions, conjunctions,
# auxiliaries, and the edition and position words of a citation.
_FUNCTION_WORDS = word_set(
    """a an the this that these those it its it's they them their there's this's i i'm i've
    i'd me my mine we we've our us you you'll your yours he she his her him someone and or
    but nor so than then also just only even still too as if about of for with by is are was
    were be been being am do does did will would can could should may might must shall
    what which who whom whose how why when where all any some each every more most same such
    what's that's here's nd rd st th et al ed edn eds pp p ff cf ie eg etc vs everything"""
)
_NOT_CONTENT = RESOURCE_KINDS | _POINTING_WORDS | _PRAISE_WORDS | _FUNCTION_WORDS
# A documentation site's admonition fence and its type (":::tip", "!!! note", "???+ info").
_ADMONITION_MARK = lazy_regex(
    r"^[ \t>]*(?::{3,}|!!!|\?{3}\+?)[ \t]*\{?(?:note|tip|tips|info|warning|caution|danger|"
    r"important|seealso|see-also|hint|attention|admonition|success|question|example|quote|"
    r"abstract|todo|bug|failure)?\}?",
    re.IGNORECASE | re.MULTILINE,
)
# Session 35: whom to ask, by their handle ("Ask @infra-oncall"), and a reader's verdict on a
# resource ("worked for me", "did the trick"; "it works", which may answer, stays): no answer.
_HANDLE = lazy_regex(r"(?<![\w.])@[\w][\w.-]*")
_TESTIMONIAL = lazy_regex(
    r"\b(?:(?:this|that|it)\s+)?(?:(?:works|worked)\s+for\s+(?:me|us)|did\s+the\s+trick|"
    r"saved\s+my\s+(?:day|life))\b",
    re.IGNORECASE,
)
# The words that make an answer a pointer at all: a verb that sends, or a resource's kind.
_SENDING = word_set("read see watch check follow go visit look refer consult google ask ref refs")
# Where the answer is instead of what it is: "It is all in `demo.ipynb`", "it's in the
# slides", "everything is on the wiki".
_IT_IS_THERE = lazy_regex(
    r"\b(?:it|this|that|everything|all\s+of\s+it|the\s+(?:answer|rest|details))\s*"
    r"(?:['\u2019]s|is|are|was|lives|sits)\s+(?:(?:all|explained|covered|documented|described)\s+)"
    r"{0,2}(?:in|on|at)\b",
    re.IGNORECASE,
)
# A part of a resource, or a place in a recording: "ch. 9", "pp. 41-58", "§2.1", "Lecture 3",
# "3rd ed.", "12:30".
_LOCATOR = lazy_regex(
    r"(?:\b(?:ch|chap|chapter|sec|section|pp?|page|pages|part|lecture|lec|episode|ep|slide|"
    r"slides|eq|vol|volume|fig|figure|appendix|module|week|lesson|unit|video|minute|min|step|"
    r"exercise|example|no|number|issue|item|day|cell|line|"
    # session 35: the same in the languages lecture notes are written in ("Kap. 7", "Folie
    # 23", "Vorlesung 7", "cap. 3", "pág. 12")
    r"kap|kapitel|abschn|abschnitt|seite|seiten|folie|folien|vorlesung|vl|\u00fcbung|blatt|"
    r"cap|cap\u00edtulo|p\u00e1g|p\u00e1gina|tema|diapo)s?\b\.?|§|#|\bS\.)\s*"
    r"\d+(?:\.\d+)*(?:\s*(?:-|\u2013|\u2014|to)\s*\d+(?:\.\d+)*)?"
    r"|\b\d+(?:st|nd|rd|th)\s+ed(?:ition|n)?\b\.?"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b",
    re.IGNORECASE,
)
# Who wrote it and when: "Vaswani et al. 2017", "(Ng et al.)", "(Kingma & Ba, 2014)".
_CITATION = lazy_regex(
    r"\b[A-Z][\w'\u2019-]+(?:\s*(?:,|and|&)\s*[A-Z][\w'\u2019-]+)*\s+et\s+al\.?"
    r"(?:,?\s*\(?(?:19|20)\d\d[a-z]?\)?)?"
    r"|\b[A-Z][\w'\u2019-]+(?:\s*(?:,|and|&)\s*[A-Z][\w'\u2019-]+)*,?\s*\((?:19|20)\d\d[a-z]?\)"
    r"|\(\s*[A-Z][\w'\u2019-]+(?:\s*(?:,|and|&)\s*[A-Z][\w'\u2019-]+)*(?:\s+et\s+al\.?)?,?\s*"
    r"(?:19|20)\d\d[a-z]?\s*\)"
)
# A title: quoted or in italics, a run of capitalised words ("Deep Learning", "Convex
# Optimization", "Andrew Ng's", "YouTube"), or initials joined by "&" ("K&R"). A word in
# capitals only ("GAN") is a term, and stays.
_QUOTED = lazy_regex(r"\"[^\"\n]{1,120}\"|\u201c[^\u201d\n]{1,120}\u201d|\*[^*\n]{1,120}\*")
_CAPITALISED_RUN = lazy_regex(
    r"\b[A-Z][a-z][\w'\u2019.-]*(?:\s+(?:(?:of|the|and|for|in|to|&|a|with|on)\s+)?"
    r"[A-Z][\w'\u2019.-]*)*|\b[A-Z]+&[A-Z]+\b"
)
# "Ruder's", "Sebastian Ruder's": whose resource it is (a verb that sends is no first name)
_POSSESSIVE_NAME = lazy_regex(
    r"\b(?:(?!(?:Read|See|Watch|Check|Follow|Go|Visit|Look|Refer|Consult|Try)\b)"
    r"[A-Z][a-z][A-Za-z'\u2019-]*\s+)?[A-Z][a-z][A-Za-z-]*['\u2019]s\b"
)
# The first word of a sentence or a line is capitalised by position, not as a name: it is
# read lower-cased so that "Use Gradient Clipping" keeps its verb.
_SENTENCE_START = lazy_regex(r"(?:^|(?<=[.!?:]\s)|(?<=\n))(\W{0,4})([A-Z])(?=[a-z])")
# Questions a name or a title cannot answer: how, why, when, derive, explain, the difference.
_EXPLANATION_ASKED = lazy_regex(
    r"^[#\s*_]*(?:how|why|when|explain|describe|derive|prove|show|compare|what\s+is\s+the\s+"
    r"(?:difference|intuition|idea|reason|point))\b"
    # session 34: the same asked after the topic ("Pre-norm vs post-norm: what is the
    # difference?"), and a bare comparison ("`typing.Protocol` vs `abc.ABC`?") that asks no
    # "which" a name could answer
    r"|[:;,\u2013\u2014-]\s*(?:so\s+)?(?:how|why|what(?:['\u2019]s|\s+is)\s+the\s+(?:difference|"
    r"intuition|idea|reason|point))\b"
    r"|\bdifference\s+between\b"
    r"|^(?!.*\b(?:which|who|whom|whose|name)\b).*\b(?:vs\.?|versus)\s",
    re.IGNORECASE,
)
# A document named by its series and number ("PEP 544", "RFC 7231"): under a question that a
# name cannot answer it is a title, never a value (session 34).
_DOCUMENT_NUMBER = lazy_regex(
    r"\b(?:PEP|RFC|NEP|KEP|SLEP|JEP|PSR|KIP|FLIP|TIP)[\s-]?\d+\b", re.IGNORECASE
)
# What files a note, not what it says: a tags or keywords line ("Tags: Keras · regularisation";
# not "Labels:", which may open an answer about a data set's labels),
# hashtags ("#MachineLearning"), a callout's type marker ("> [!quote] Reference") (session 34).
TAG_LINE = lazy_regex(
    r"^[ \t>*_-]*(?:tags?|keywords?|hashtags?)[*_]*\s*:[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_HASHTAG = lazy_regex(r"(?<![\w&#/])#[^\W\d_][\w-]*")
_CALLOUT_MARK = lazy_regex(r"\[![\w-]+\][+-]?")
# How a resource treats its topic and in which language, said of it: "covered in detail",
# "in depth", "at length", "(em português)", "in German" (session 34).
_TREATMENT = lazy_regex(
    r"\b(?:in\s+(?:great\s+|more\s+|full\s+|much\s+)?(?:detail|depth)|at\s+(?:great\s+)?length)\b",
    re.IGNORECASE,
)
_RESOURCE_LANGUAGE = lazy_regex(
    r"\b(?:in|em|en|auf|na|no)\s+(?:english|portuguese|portugu[eê]s|spanish|espa[nñ]ol|german|"
    r"deutsch|french|fran[cç]ais|italian|italiano|russian|chinese|japanese|korean|hindi|turkish|"
    r"vietnamese|indonesian|polish|dutch|arabic|ukrainian)\b",
    re.IGNORECASE,
)
_BARE_DOMAIN = lazy_regex(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|edu|gov|dev|co|uk|de|pub|info|me|ly)\b"
    r"(?:/[^\s)>\]]*)?|\b(?:doi:\s*)?10\.\d{4,9}/[^\s)>\]]+|\barxiv:\s*\d{4}\.\d{4,5}(?:v\d+)?",
    re.IGNORECASE,
)
# What a resource holds, said of it after a pointer: "it has the whole setup", "they cover
# every option", "which lists all of them". The object is the resource's, not an answer.
_HOLDS = lazy_regex(
    r"\b(?:it|this|that|they|which|there)\s+(?:has|have|covers?|lists?|contains?|gives?|shows?|"
    r"includes?|walks\s+through|goes\s+through|is|are)\s+(?:the\s+)?(?:whole|full|complete|"
    r"entire|every|all|each|everything)\b[^.,;:!?\n]*",
    re.IGNORECASE,
)
# The one or two words before a resource's kind name it ("the ASA statement", "the scikit-learn
# user guide"): whose resource it is, not what it says.
_RESOURCE_NAME = lazy_regex(
    r"(?:\b[\w.+#'\u2019-]+\s+){1,2}(?=(?:doc|docs|documentation|guide|post|blog|article|thread|"
    r"answer|book|chapter|lecture|video|paper|slides|repo|readme|statement|report|notes|"
    r"tutorial|course|talk|podcast|wiki|page|site|website|writeup|walkthrough|explainer|"
    r"primer|overview|notebook|recording|replay|webinar|livestream|workshop|lesson|runbook|"
    r"playbook)s?\b)",
    re.IGNORECASE,
)
_WRITE_UP = lazy_regex(r"\bwrite[- ]ups?\b", re.IGNORECASE)
_KIND_NAMES = (
    r"(?:docs|documentation|guide|post|blog|article|thread|answer|book|chapter|lecture|video|"
    r"paper|slides|repo|readme|notes|tutorial|course|talk|podcast|wiki|page|site|website|"
    r"writeup|intro|introduction|overview|survey|review|series|explainer|walkthrough|primer|"
    r"notebook)s?"
)
# Who made the resource, as the subject of a verb of making or having: "Jay Alammar has a
# visual guide", "Karpathy made a video series on it", or of a verb of telling it in a
# resource: "Karpathy explains it in his lecture series" (case-sensitive: a name).
_AUTHOR_OF_RESOURCE = lazy_regex(
    r"\b[A-Z][a-z][A-Za-z'\u2019-]*(?:\s+[A-Z][a-z][A-Za-z'\u2019-]*){0,2}(?=\s+(?:has|have|had|"
    r"wrote|made|gives|gave|"
    r"published|posted|recorded|did)\s+(?:(?:a|an|the|one|this|some|his|her|their|its)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?i:" + _KIND_NAMES + r")\b"
    # "Karpathy explains it in his Zero to Hero series"
    r"|\s+(?:explains|covers|describes|discusses|derives|shows|walks\s+through|goes\s+through)\s+"
    r"(?:it|this|that|them|these)\s+(?:in|on)\s+(?:his|her|their|a|an|the|one|this)\s+"
    r"(?:[\w'\u2019-]+\s+){0,4}?(?i:" + _KIND_NAMES + r")\b)"
)
# What a linked resource is about, after its kind: "Ruder's overview of gradient descent
# optimizers (URL)", "a thread on exploding gradients: URL" (at most three words).
_RESOURCE_TOPIC = lazy_regex(
    r"\b(?P<kind>" + _KIND_NAMES + r")\s+(?:of|on|about|for)(?:\s+[\w'\u2019-]+){1,3}",
    re.IGNORECASE,
)
# What a resource comes with, said after the pointer: "with code to do it from scratch", "with
# animations", "including worked examples": the resource's extras, never the answer (session 30).
_RESOURCE_EXTRAS = lazy_regex(
    r"\b(?:with|plus|including)\s+(?:(?:a|an|some|the|lots\s+of|plenty\s+of|many|several|"
    r"[\w-]+)\s+){0,2}?(?:code|examples?|animations?|diagrams?|exercises?|visuals?|"
    r"visuali[sz]ations?|pictures?|illustrations?|demos?|plots?|figures?|videos?|notebooks?|"
    r"snippets?|drawings?|graphics?|gifs?|quizzes?|solutions?|slides?)\b"
    r"(?:\s+(?:to|that|which|for)\s+[^,;:.!?\n]{1,40})?",
    re.IGNORECASE,
)
# The reader's situation that a pointer is for, not content: "before you open a ticket", "if
# you're unsure about the setup", "in case you get stuck" (session 30; what the learner should
# do about the topic stays: "if you use fp16, scale the loss").
_READERS_SITUATION = lazy_regex(
    r"\b(?:before\s+(?:you\s+)?(?:ask|open|file|post|raise|submit|start|write|send|"
    r"create)(?:ing)?|(?:if|when|whenever|in\s+case)\s+you(?:['\u2019]re|\s+are|\s+get|"
    r"\s+feel|\s+still\s+feel|['\u2019]ve\s+got)?\s+(?:unsure|stuck|lost|confused|not\s+sure|"
    r"new\s+to|unclear|in\s+doubt|any\s+questions|questions))\b[^,;:.!?\n]{0,50}",
    re.IGNORECASE,
)
# A named place inside a page: "under the `serverless_config` block", "in the Autoscaling
# tab", "under the heading Quotas": where to look in the resource (session 30).
_NAMED_PLACE_IN_PAGE = lazy_regex(
    r"\b(?:under|in|at|below)\s+(?:the\s+)?(?:(?:`[^`\n]{1,40}`|\"[^\"\n]{1,40}\"|"
    r"\u201c[^\u201d\n]{1,40}\u201d|[\w.-]+)\s+){1,2}(?:block|section|heading|header|tab|entry|"
    r"panel|menu|subsection|paragraph|box|sidebar|table|example)s?\b"
    r"|\bunder\s+(?:the\s+)?(?:heading|section|tab|entry)\s+(?:`[^`\n]{1,40}`|\"[^\"\n]{1,40}\"|"
    r"[\w.-]+)",
    re.IGNORECASE,
)
_STEP_BY_STEP = lazy_regex(r"\bstep[\s-]+by[\s-]+step\b", re.IGNORECASE)
# An arrow or a dash leading to a link or a resource.
_MARKS = lazy_regex(r"[\u2192\u27f6\u21d2\u2014\u2013]|->|=>")
# "one" as a count ("in one group", "into exactly one bucket"), not a resource ("this one",
# "one of the videos") (session 34).
_ONE_AS_A_COUNT = lazy_regex(
    r"\b(?:in|into|to|exactly|only|just|a\s+single)\s+one\b(?!\s+(?:of|by|from|on|about)\b)",
    re.IGNORECASE,
)
# Answers that are a verdict or a number are content however short: "No, see URL".
_VERDICT = word_set("yes no true false never always none both neither")
# A file of a repository or a course: a notebook, a script, a PDF, slides.
_FILE = lazy_regex(
    r"`?\b[\w./-]+\.(?:ipynb|py|pdf|md|rst|txt|pptx?|html?|docx?|R|Rmd|sql|sh|ya?ml)\b`?"
)
# A long answer is an explanation even if its words are plain: the measure is for pointers.
_WORDS_OF_A_POINTER_ANSWER = 40


# A reference link's label or definition ("[1]", "[1]: https://…"): a pointer, not a number.
_REFERENCE_MARK = lazy_regex(r"^ {0,3}\[[^\]\n]+\]:[^\n]*|\[[^\]\n]*\]", re.MULTILINE)
_NUMBER = lazy_regex(r"(?<![\w.,/-])\d+(?:[.,]\d+)*(?![\w/-])")
_YEAR = lazy_regex(r"(?:19|20)\d\d")
_ANY_VERSION = lazy_regex(r"\b\d+(?:\.\d+)*\.x\b", re.IGNORECASE)
_LENGTH = lazy_regex(
    r"\b\d+(?:[.,]\d+)?\s*(?:min|mins|minutes?|h|hrs?|hours?|pages?|pp|slides?|s|sec|seconds?)\b"
    r"(?:\s+(?:read|long|video|watch))?",
    re.IGNORECASE,
)
_WHEN_ASKED = lazy_regex(r"\b(?:when|year|how\s+old)\b", re.IGNORECASE)
_HOW_LONG_ASKED = lazy_regex(r"\bhow\s+(?:long|many|much)\b|\bduration\b", re.IGNORECASE)


def explanation_asked(question: str) -> bool:
    """Whether the question asks how, why, for a difference or a comparison: what a name or
    a title cannot answer."""
    return _EXPLANATION_ASKED.search(question) is not None


def answer_values(text: str, question: str) -> list[str]:
    """The numbers of ``text`` that are no address, part of a resource, time in a recording
    or year of a citation: "32 (see the docs)" answers with 32. A year counts when the question
    asks when, a length ("10 min") when it asks how long or how many."""
    text = _BARE_DOMAIN.sub(" ", URL.sub(" ", LINK_MD.sub(" ", _REFERENCE_MARK.sub(" ", text))))
    text = _CITATION.sub(" ", _LOCATOR.sub(" ", plain(text)))
    if explanation_asked(question):
        text = _DOCUMENT_NUMBER.sub(" ", text)  # "→ PEP 544" under a comparison: a title
    text = _ANY_VERSION.sub(" ", text)  # "the PyTorch 2.x docs": a series, never a value
    if not _HOW_LONG_ASKED.search(question):
        # "(10 min)", "(40 pages)": how long the resource is, unless that is what is asked
        text = _LENGTH.sub(" ", text)
    numbers = _NUMBER.findall(text)
    if _WHEN_ASKED.search(question):
        return numbers
    return [number for number in numbers if not _YEAR.fullmatch(number)]


# A phrase in another language and its English gloss in brackets after it: "Explicação
# completa no vídeo (full explanation in the video)" (session 35). The gloss says what the
# phrase says, so it is read in the phrase's place.
_GLOSSED = lazy_regex(r"(?P<phrase>[^\W\d_][^()\[\]\n.:;!?]{2,80}?)\s*\((?P<gloss>[^()\n]{3,80})\)")


def _gloss_in_place(match: re.Match[str]) -> str:
    """The gloss for a phrase of another language: two of its words at least, and half, are
    no English word or a function word of another language ("en", "der"), and no English word
    of content is among the rest. The gloss is all English and names no action ("(see the
    video)" after a phrase is a pointer of its own, not a gloss)."""
    phrase, gloss = words_of(match.group("phrase")), words_of(match.group("gloss"))
    if len(phrase) < 2 or len(gloss) < 2 or gloss[0].lower() in _SENDING:
        return match.group(0)
    if not all(is_dictionary_word(word) for word in gloss):
        return match.group(0)
    foreign = [w for w in phrase if is_foreign_function_word(w) or not is_dictionary_word(w)]
    english = [
        word
        for word in phrase
        if word not in foreign and len(word) > 3 and _folded(word) not in _NOT_CONTENT
    ]
    if len(foreign) < max(2, len(phrase) / 2) or english:
        return match.group(0)
    return f" {match.group('gloss')} "


def _folded(word: str) -> str:
    """``word`` in lower case without accents ("vídeo": "video")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def leftover_content(answer: str, question: str) -> list[str] | None:
    """The words of ``answer`` that say something once addresses, resources, pointer verbs,
    praise, function words and the question's own words are removed; None when the answer
    is not a pointer at all (no verb that sends and no resource named or linked) or too long
    to be one. Each step is one pass over the text (linear in its length)."""
    linked = bool(LINK_MD.search(answer) or URL.search(answer) or _BARE_DOMAIN.search(answer))
    text = _CALLOUT_MARK.sub(" ", _HASHTAG.sub(" ", TAG_LINE.sub(" ", answer)))
    text = _GLOSSED.sub(_gloss_in_place, text)
    text = _TESTIMONIAL.sub(" ", _HANDLE.sub(" ", _ADMONITION_MARK.sub(" ", text)))
    asks_to_explain = explanation_asked(question)
    # a link's label is a title when a name cannot answer: its first word is no verb
    # ("[Lil'Log — Attention? Attention!](…)" under "…: what is the difference?")
    text = LINK_MD.sub(
        lambda m: (
            " " + (_CAPITALISED_RUN.sub(" ", m.group(1)) if asks_to_explain else m.group(1)) + " "
        ),
        text,
    )
    text = URL.sub(" ", text)
    text = _BARE_DOMAIN.sub(" ", HTML_TAG.sub(" ", text))
    located = _FILE.search(text) is not None
    text = _FILE.sub(" ", text)  # "`shap_demo.ipynb`": a file is a place, not an answer
    if len(text.split()) > _WORDS_OF_A_POINTER_ANSWER:
        return None
    located = located or _LOCATOR.search(text) is not None
    text = _LOCATOR.sub(" ", text)
    text = _CITATION.sub(" ", text)
    text = _AUTHOR_OF_RESOURCE.sub(" ", _STEP_BY_STEP.sub(" ", text))
    if linked or _IT_IS_THERE.search(answer):
        # "the docs page for the AWS provider", linked or said to be where it all is
        text = _RESOURCE_TOPIC.sub(lambda m: f" {m.group('kind')} ", text)
    text = _NAMED_PLACE_IN_PAGE.sub(" section ", text)
    text = _READERS_SITUATION.sub(" ", _RESOURCE_EXTRAS.sub(" ", text))
    text = _RESOURCE_LANGUAGE.sub(" ", _TREATMENT.sub(" ", text))
    text = _QUOTED.sub(" ", text)
    text = _HOLDS.sub(" ", _MARKS.sub(" ", text))
    text = _WRITE_UP.sub(" writeup ", text)
    text = _POSSESSIVE_NAME.sub(" ", text)
    text = _RESOURCE_NAME.sub(" ", text)
    if asks_to_explain:
        # a name or a title cannot answer "how" or "why": here a capitalised run is a
        # title, an author or a site, and a numbered document a title
        text = _DOCUMENT_NUMBER.sub(" ", text)
        text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).lower(), text)
        text = _CAPITALISED_RUN.sub(" ", text)
    # "the repo's CONTRIBUTING.md": a resource's possessive is the resource
    words = [re.sub(r"['\u2019]s$", "", word.lower()) for word in words_of(text)]
    sends = any(word in _SENDING for word in words) or _MARKS.search(answer) is not None
    sends = sends or _IT_IS_THERE.search(answer) is not None
    holds = any(word in _HOLDING_VERBS for word in words)
    sends = sends or (holds and (located or any(word in RESOURCE_KINDS for word in words)))
    if not (linked or sends):
        return None
    topic = {form for word in words_of(question.lower()) for form in stems(word)}
    left = [
        word
        for word in words
        if word not in _NOT_CONTENT
        and not stems(word) & topic
        and len(word) > 1
        # "mere video mein hai": another language's function words say nothing either
        and not is_foreign_function_word(word)
    ]
    if any(word in _VERDICT for word in words):
        left.append("VERDICT")
    if _ONE_AS_A_COUNT.search(text):
        left.append("one")  # "puts all NULLs in one group": a count, not "this one"
    # a number not in a locator or citation is an answer ("64, see the docs"), and so is a
    # shape ("28x28 -> 14x14")
    numbers = re.findall(r"\b\d+(?:\.\d+)?(?:[x\u00d7]\d+)*\b", text)
    if not _WHEN_ASKED.search(question):
        # "*Distill* (2017)": a year beside a pointer dates the resource (session 34)
        numbers = [number for number in numbers if not _YEAR.fullmatch(number)]
    return left + numbers
