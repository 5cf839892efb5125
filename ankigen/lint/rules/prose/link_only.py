"""AG136: an answer that is only a link or a pointer to a resource."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.prose.text import (
    HTML_TAG,
    LINK_MD,
    URL,
    plain,
    stems,
    word_set,
    words_of,
)
from ankigen.model import NoteType

_FILLER = word_set(
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
    given shared attached mentioned check watch look i me we back top someone somebody
    online internet web notebook notebooks give take be been being manual manuals handbook
    handbooks"""
)
# Words that say where or how well something is explained, never what: "Answered here",
# "Nicely summarised in this thread", "A great walkthrough is here".
_POINTING = word_set(
    """answer answered answers answering explain explained explains explaining covered covers
    cover covering describe described describes discussed discusses discussion document
    documented summarised summarized summarises summarizes summary illustrated illustrates shown
    shows detailed outlined treated treatment walkthrough walk walks through demonstrated
    demonstrates nicely clearly beautifully thoroughly brilliantly concisely simply really
    depth in-depth intuitive intuitively visual visually short quick deep dive everything all
    need know there found solved solution solutions thread threads write written writes up
    overview reply replies stack overflow exchange reddit arxiv so tl dr tldr ans sol head over
    wrote jump linked click helpful clear superb perfect wonderful gentle fantastic canonical
    original best neat handy must worth whole story excellent great good here there's it's that's
    i've ive i'd you'll we've has have had gives offers provides contains seen listed them"""
)
_NOT_CONTENT = _FILLER | _POINTING
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
    r"site|resource|reference|wiki|wikipedia|source|notes|slides|lecture|course|url|notebook|"
    r"thread|write-?up|walkthrough|chapter|guide|handbook|manual|cheat[- ]?sheet)s?\b",
    re.IGNORECASE,
)
# The same pointer at the start of any clause: "For the details, see the Distill article".
_POINTER_IN_CLAUSE = re.compile(
    r"(?:^|[,:;.]\s+)\W*(?:please\s+)?(?:refer(?:\s+to)?|see|check(?:\s+out)?|read|look\s+at|"
    r"visit|go\s+through|watch|follow)\b",
    re.IGNORECASE,
)
# A pointer anywhere in an answer with nothing else in it: "..., go read it", "check it out",
# "worth a read", "give it a look".
_SEND_AWAY = re.compile(
    r"\b(?:go\s+(?:and\s+)?(?:read|watch|see|check)|read\s+(?:it|this|that|up\s+on\s+it)|"
    r"check\s+(?:it|this|that|them)\s+out|check\s+out|worth\s+(?:a|the)\s+(?:read|look|watch)|"
    r"give\s+(?:it|this|that)\s+a\s+(?:read|look|watch|go)|(?:have|take)\s+a\s+look|"
    r"must[- ]read|recommended\s+reading|highly\s+recommend(?:ed)?)\b",
    re.IGNORECASE,
)
# Sites a pointer names instead of a page: "on Towards Data Science", "a Kaggle notebook".
_SITE = re.compile(
    r"\b(?:towards\s+data\s+science|analytics\s+vidhya|machine\s+learning\s+mastery|"
    r"stack\s*overflow|stack\s*exchange|hacker\s+news|papers\s+with\s+code|medium|kaggle|reddit|"
    r"quora|youtube|substack|distill|kdnuggets|geeksforgeeks|datacamp|coursera|udemy|"
    r"wikipedia|github|arxiv|twitter|linkedin)\b",
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
_NOT_LINK_ONLY = re.compile(
    r"!\[|<img\b|^\s*\|.*\|\s*$|^ {0,3}(?:```|~~~|\$\$)", re.MULTILINE | re.IGNORECASE
)


# A web address written without its scheme: "arxiv.org/abs/1706.03762"; a paper's identifier
# ("doi:10.1038/nature14539", "arXiv:1706.03762") points at a resource the same way.
_BARE_DOMAIN = re.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|edu|gov|dev|co|uk|de|pub|info|me|ly)\b"
    r"(?:/[^\s)>\]]*)?"
    r"|\b(?:doi:\s*)?10\.\d{4,9}/[^\s)>\]]+|\barxiv:\s*\d{4}\.\d{4,5}(?:v\d+)?",
    re.IGNORECASE,
)
# The name of a resource is not an answer: "the Kafka docs", "this Distill article".
_NAMED_RESOURCE = re.compile(
    r"(?:\b[\w.+#-]+\s+){1,2}(?=(?:article|docs|documentation|paper|blog|video|post|"
    r"tutorial|guide|book|course|lecture|notes|page|wiki|website|site|thread|answer|"
    r"explanation|write-?up|cheat\s?sheet|chapter|section|manual|handbook)s?\b)",
    re.IGNORECASE,
)


# A question that asks for an explanation, which a page's title cannot give.
_EXPLAIN_QUESTION = re.compile(r"[#\s*_]*(?:how|why|explain|describe)\b", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s(?:&|\||-|\u2013|\u2014)\s|:\s")
_ASKS_FOR_A_WORK = word_set(
    "paper papers book books publication publications title titled who author authors"
)
_ADDRESS = word_set(
    "url urls address addresses endpoint endpoints domain registry homepage website webpage link"
)
_FETCHED = word_set("download downloads downloaded hosted host hosts installed install get fetch")


def _asks_for_an_address(question: str) -> bool:
    """ "Which URL ...?", "Where does pip download packages from?": the link is the answer.
    Not a product named with such a word ("What is MLflow Model Registry used for?"), nor a
    question about what something is for."""
    if _ASKS_FOR_A_PURPOSE.search(question):
        return False
    words = words_of(question)
    asked = {
        form
        for index, word in enumerate(words)
        if index == 0 or not (word[:1].isupper() and word[1:].islower())
        for form in stems(word.lower())
    }
    return bool(asked & _ADDRESS) or ("where" in asked and bool(asked & _FETCHED))


_ASKS_FOR_A_PURPOSE = re.compile(r"\bused\s+for\b|\bpurpose\b", re.IGNORECASE)


# "by He et al.", "Vaswani et al. (2017)", "by Jay Alammar": who wrote a work, no answer.
_AUTHORS = re.compile(
    r"\b(?:by\s+)?(?-i:[A-Z])[\w'-]+(?:\s+(?:and|&)\s+(?-i:[A-Z])[\w'-]+)?\s+et\s+al\b\.?"
    r"(?:\s*,?\s*\(?(?:19|20)\d\d\)?)?|\bby\s+(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+)?",
)
_ASKS_FOR_A_PLACE = word_set("site sites website websites platform platforms service host hosts")
# What a label adds to the question's own words when it names a page, not an answer:
# "[Keras layers API](…)" under "Which layers are available in Keras?".
_LABEL_RESOURCE = word_set(
    """api apis reference manual handbook homepage home index spec specification faq faqs
    readme repo repository docstring changelog glossary overview intro introduction primer
    summary definition entry article docs documentation guide tutorial official user
    developer dev part parts episode volume vol vs versus comparison compared"""
)


def _label_is_content(label: str, question: frozenset[str], explains: bool = False) -> bool:
    """A link label the learner could recall ("Adam"), not a title, "here", or the question's
    own topic repeated ("[Covariance and correlation](\u2026)" under "What are covariance and
    correlation?")."""
    words = words_of(label)
    if not words or URL.search(label) or re.search(r"\w\.\w{2,}", label):
        return False
    capitalised = sum(word[0].isupper() for word in words)
    asks_for_a_work = bool(question & _ASKS_FOR_A_WORK)  # "Which paper introduced ...?"
    titled = _TITLE_WORDS.search(label) or (len(words) > 4 and capitalised * 5 >= len(words) * 3)
    if titled and not asks_for_a_work:
        return False  # a page title: "A Gentle Introduction to Dropout"
    if explains and _TITLE_SEPARATOR.search(label):
        return False  # "How do you freeze layers?" "[Transfer learning & fine-tuning](…)"
    if _SITE.fullmatch(label.strip()) and question & _ASKS_FOR_A_PLACE:
        return True  # "[Kaggle](…)" under "Which site hosts most competitions?"
    not_content = _NOT_CONTENT | _LABEL_RESOURCE | question
    return any(not stems(word.lower()) & not_content for word in words)  # decoding ~ decode


def _asked_terms(question: str) -> frozenset[str]:
    """The question's words (lower case) and the initials of its runs of words, so that
    "[KL divergence](…)" under "What is the Kullback-Leibler divergence?" repeats the topic."""
    words = [word.lower() for word in words_of(question)]
    initials = {
        "".join(word[0] for word in words[start : start + size])
        for size in range(2, 5)
        for start in range(len(words) - size + 1)
    }
    inflected = {form for word in words for form in stems(word)}  # "layers" ~ "layer"
    return frozenset(words) | initials | inflected


# "see the link", "explained here": words that point while the link itself was lost.
_NOWHERE = word_set("here link linked links attached below")


def _points_nowhere(text: str) -> bool:
    """ "Explained here", "The answer is in the linked page": only pointing words, and a
    place that was a link in the page the text was copied from."""
    words = [word.lower() for word in words_of(text)]
    return (
        len(words) >= 2
        and bool(_NOWHERE.intersection(words))
        and any(word in _POINTING or word in _POINTER_VERBS for word in words)
    )


_POINTER_VERBS = word_set("see refer read check visit watch follow look")
_BY_AUTHOR = re.compile(r"\bby\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\W*$")
_TITLE_SHARE = 0.75
_TITLE_FUNCTION_WORDS = word_set("a an the of to in on for and or with by at from")


def _cites(text: str) -> bool:
    """ "See: The Illustrated Transformer by Jay Alammar": after a pointer verb, the title of a
    work (words in title case) or a work and its author."""
    after = _POINTER.sub("", text, count=1)
    words = words_of(after)
    if len(words) < 3:
        return False
    # A title capitalises its words but not its short function words ("Elements of ...").
    title_words = [word for word in words if word.lower() not in _TITLE_FUNCTION_WORDS]
    capitalised = sum(word[0].isupper() for word in title_words)
    by_author = _BY_AUTHOR.search(after) is not None
    return by_author or capitalised >= _TITLE_SHARE * max(len(title_words), 1)


def _names_a_resource_only(text: str) -> bool:
    """ "Check the pandas documentation for this": one clause, a pointer and a resource."""
    return _RESOURCE.search(text) is not None and re.search(r"[:;,]|\.\s+\w", text) is None


# The line that opens the Extra section, and words of an Extra that speak about the card, not
# the topic: "asked in two interviews", "came up in my exam", "note to self".
_EXTRA_RULE = re.compile(r"^ {0,3}\*\*\*[ \t]*$", re.MULTILINE)
_ABOUT_THE_CARD = word_set(
    """came come comes coming asked asks interview interviews interviewer interviewers mock
    exam exams quiz quizzes test tests round rounds twice once thrice times time often always
    usually again remember remembered memorise memorize review reviewing revise revision note
    self todo later favourite favorite tricky hard easy popular common commonly frequently
    question questions up in my our me i we it this that a an the of on at for to from with and
    or was were is are be been got get gets during last year week month"""
)
_STOP_WORDS = word_set(
    "what which who how why when where is are was do does did the a an of in on to for and or "
    "between with by it its be can you your this that these those from as at"
)


def _word_count(text: str) -> int:
    """Words as written, numbers left out: "scikit-learn" and "cross-validation" are one each."""
    return sum(1 for token in text.split() if re.search(r"[^\W\d_]", token))


def _without_idle_extra(answer: str, question: str) -> str:
    """The answer without an Extra section that says nothing about the question ("Asked in
    an interview once."): such an Extra does not turn a pointer into an answer. An
    Extra that names the question's topic, or explains at some length, is kept."""
    rule = _EXTRA_RULE.search(answer)
    if rule is None or not answer[: rule.start()].strip():
        return answer  # "***" right under the question: the Extra is the whole answer
    extra = [word.lower() for word in words_of(plain(answer[rule.end() :]))]
    topic = _asked_terms(question) - _STOP_WORDS
    about_topic = any(stems(word) & topic for word in extra)
    explains = len([word for word in extra if word not in _ABOUT_THE_CARD]) >= _WORDS_OF_A_POINTER
    return answer if about_topic or explains else answer[: rule.start()]


class LinkOnlyAnswer(Rule):
    """An answer that is only a link, a bare URL or a pointer to a resource: "[see
    here](\u2026)", "Read more: https://\u2026", "Refer to this article", a reference-style link
    and its definition, "Watch: [a video's title](\u2026)", "Look it up on Wikipedia", an HTML
    anchor, or words that only say where or how well it is explained ("Covered in depth
    [here](\u2026)", "A great walkthrough is [this one](\u2026)", "Explained well in this Stack
    Overflow answer: \u2026"), or that only praise a vague source and send the learner to it
    ("A post on Medium covers it nicely, go read it", "worth a read", "check it out"), or a
    paper's identifier alone ("arXiv:1512.03385", "doi:10.1038/…"). A label that only repeats
    the question's topic (its words, their inflections or initials) with the name of a page
    ("[Keras layers API](\u2026)" under "Which layers are available in Keras?", "[KL
    divergence](\u2026)", "[Beam search, part 1](\u2026)") is a pointer too; so are words that
    point at a link the copy lost ("Explained here", "The answer is in the linked page"), a
    site named as the place to look ("Good explanation on StackOverflow") and a work cited
    instead of an answer ("See: The Illustrated Transformer by Jay Alammar", "Refer to Chapter
    2 of Elements of Statistical Learning", "Have a look at the pandas user guide, it has
    them all").

    The learner turns the card and finds nothing to recall; the link is not even clickable
    while reviewing on a phone. Write the answer itself, in a sentence or two, and keep the
    link in the note's `source`. A link whose label is itself the answer ("[Adam](\u2026)") is
    accepted, and so is a link or a title when the question asks for one (an address: "Where
    does pip download packages from?", "Which URL ...?", though not a product named with
    such a word, "What is the Model Registry used for?"; a work: "Which paper introduced
    ...?"; a site: "Which site hosts ...?"). An Extra section (after `***`) that says nothing
    about the question ("Asked in two interviews this year.") does not make a pointer an
    answer; one that names the topic or explains it does.
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
        answer = _without_idle_extra(document.text[start:], document.text[question[0] : start])
        if not answer.strip() or _NOT_LINK_ONLY.search(answer) or document.code_blocks:
            return
        definitions = _LINK_DEFINITION.findall(answer)
        answer_text = _LINK_DEFINITION.sub("", answer)
        inline = _REFERENCE_LINK.sub(lambda m: f"[{m.group(1)}](ref)", answer_text)
        links = [
            *LINK_MD.finditer(inline),
            *URL.finditer(LINK_MD.sub("", inline)),
            *definitions,
        ]
        links += list(_BARE_DOMAIN.finditer(URL.sub(" ", LINK_MD.sub("", inline))))
        rest = plain(HTML_TAG.sub(" ", inline))
        labels = [m.group(1) for m in LINK_MD.finditer(inline)]
        for label in labels:
            rest = rest.replace(label, " ", 1)
        rest = _SITE.sub(" SITE ", _BARE_DOMAIN.sub(" URL ", rest))
        rest = _AUTHORS.sub(" ", rest)  # "the original paper by He et al.": a citation
        content = [
            word
            for word in words_of(_NAMED_RESOURCE.sub(" ", rest))
            if word.lower() not in _NOT_CONTENT and word != "URL"
        ]
        asked = _asked_terms(document.text[question[0] : question[1]])
        if _asks_for_an_address(document.text[question[0] : question[1]]):
            return  # "Where does pip download packages from?": the address is the answer
        pointer_first = _POINTER.search(rest) is not None
        short = _word_count(rest) <= _WORDS_OF_A_POINTER
        cited = pointer_first and short and _cites(rest)
        if pointer_first and short and (links or _names_a_resource_only(rest) or cited):
            content = []
            labels = []  # "Watch: [a video's title](…)": the title is not the answer
        if _SEARCH_IT.fullmatch(rest.strip()):
            content, labels, links = [], [], [*links, rest]
        pointer = _POINTER_IN_CLAUSE.search(rest) or _SEND_AWAY.search(rest)
        pointing = pointer is not None or any(w.lower() in _POINTING for w in words_of(rest))
        if links and pointing and all(word.lower() in asked for word in content):
            content = []  # "The XGBoost tuning guide covers it: …": only the topic, then a link
        explains = _EXPLAIN_QUESTION.match(document.text, question[0]) is not None
        if content or any(_label_is_content(label, asked, explains) for label in labels):
            return
        resource = _RESOURCE.search(rest) or "SITE" in rest
        named = cited or ((pointer or pointing) and resource) or _points_nowhere(rest)
        if not links and not named:
            return  # "See above" points at the source, not at a resource: that is AG137
        offset = start + len(answer) - len(answer.lstrip())
        yield Finding(
            offset,
            offset + len(answer.strip().split("\n", 1)[0]),
            "the answer is only a link or a pointer to a resource: the learner has nothing to "
            "recall; write the answer itself and keep the link in the note's source",
        )
