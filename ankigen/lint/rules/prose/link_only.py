"""AG136: an answer that is only a link or a pointer to a resource."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.prose.text import HTML_TAG, LINK_MD, URL, plain, word_set, words_of
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
    online internet web notebook notebooks give take"""
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
    i've ive i'd you'll we've has have had gives offers provides contains seen"""
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
    r"thread|write-?up|walkthrough)s?\b",
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
    r"stack\s+overflow|stack\s+exchange|hacker\s+news|papers\s+with\s+code|medium|kaggle|reddit|"
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
    r"explanation|write-?up|cheat\s?sheet|chapter|section)s?\b)",
    re.IGNORECASE,
)


def _label_is_content(label: str, question: frozenset[str]) -> bool:
    """A link label the learner could recall ("Adam"), not a title, "here", or the question's
    own topic repeated ("[Covariance and correlation](\u2026)" under "What are covariance and
    correlation?")."""
    words = words_of(label)
    if not words or URL.search(label) or re.search(r"\w\.\w{2,}", label):
        return False
    capitalised = sum(word[0].isupper() for word in words)
    if _TITLE_WORDS.search(label) or (len(words) > 4 and capitalised * 5 >= len(words) * 3):
        return False  # a page title: "A Gentle Introduction to Dropout"
    not_content = _NOT_CONTENT | question
    return any(word.lower() not in not_content for word in words)


def _names_a_resource_only(text: str) -> bool:
    """ "Check the pandas documentation for this": one clause, a pointer and a resource."""
    return _RESOURCE.search(text) is not None and re.search(r"[:;,]|\.\s+\w", text) is None


class LinkOnlyAnswer(Rule):
    """An answer that is only a link, a bare URL or a pointer to a resource: "[see
    here](\u2026)", "Read more: https://\u2026", "Refer to this article", a reference-style link
    and its definition, "Watch: [a video's title](\u2026)", "Look it up on Wikipedia", an HTML
    anchor, or words that only say where or how well it is explained ("Covered in depth
    [here](\u2026)", "A great walkthrough is [this one](\u2026)", "Explained well in this Stack
    Overflow answer: \u2026"), or that only praise a vague source and send the learner to it
    ("A post on Medium covers it nicely, go read it", "worth a read", "check it out"), or a
    paper's identifier alone ("arXiv:1512.03385", "doi:10.1038/…").

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
        content = [
            word
            for word in words_of(_NAMED_RESOURCE.sub(" ", rest))
            if word.lower() not in _NOT_CONTENT and word != "URL"
        ]
        asked = frozenset(w.lower() for w in words_of(document.text[question[0] : question[1]]))
        pointer_first = _POINTER.search(rest) is not None
        short = len(words_of(rest)) <= _WORDS_OF_A_POINTER
        if pointer_first and short and (links or _names_a_resource_only(rest)):
            content = []
            labels = []  # "Watch: [a video's title](…)": the title is not the answer
        if _SEARCH_IT.fullmatch(rest.strip()):
            content, labels, links = [], [], [*links, rest]
        if content or any(_label_is_content(label, asked) for label in labels):
            return
        pointer = _POINTER.search(rest) or _SEND_AWAY.search(rest)
        if not links and not (pointer and _RESOURCE.search(rest)):
            return  # "See above" points at the source, not at a resource: that is AG137
        offset = start + len(answer) - len(answer.lstrip())
        yield Finding(
            offset,
            offset + len(answer.strip().split("\n", 1)[0]),
            "the answer is only a link or a pointer to a resource: the learner has nothing to "
            "recall; write the answer itself and keep the link in the note's source",
        )
