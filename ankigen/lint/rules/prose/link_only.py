"""AG136: an answer that is only a link or a pointer to a resource."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.prose_trace import reject
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.leftovers import is_placeholder, source_list_answer
from ankigen.lint.rules.prose.pointer_asides import (
    CITED_WORK,
    only_aside_words,
    without_pointer_asides,
)
from ankigen.lint.rules.prose.pointer_content import (
    TAG_LINE,
    answer_values,
    explanation_asked,
    leftover_content,
)
from ankigen.lint.rules.prose.text import (
    HTML_TAG,
    LINK_MD,
    URL,
    plain,
    stems,
    word_set,
    words_of,
)
from ankigen.source.model import NoteType

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
    handbooks forum forums readme faq faqs repo repository steps instructions details
    explainer explainers primer primers writeup writeups podcast podcasts webinar webinars
    screencast screencasts gist gists cf"""
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
    i've ive i'd you'll we've has have had gives offers provides contains seen listed them
    just follow follows"""
)
_NOT_CONTENT = _FILLER | _POINTING
_TITLE_WORDS = lazy_regex(
    r"\b(?:introduction|intro|guide|tutorial|understanding|explained|explanation|overview|"
    r"cheat ?sheet|documentation|docs|article|post|blog|paper|book|course|video|lecture|notes|"
    r"chapter|beginners?|complete|comprehensive|everything|how to|what is|what are|why|"
    r"ultimate|primer|handbook|wiki|wikipedia|medium|here|link|source|reference|read more|"
    # the explainers titled "The Illustrated ...", "The Annotated ...", "... in Pictures"
    r"illustrated|annotated|walkthrough|deep dive|in pictures)\b",
    re.IGNORECASE,
)
# A citation in a label: "Ioffe & Szegedy (2015)", "Kingma and Ba, 2014", "Hochreiter (1997)":
# who wrote a work and when, no answer.
_CITED_AUTHORS = lazy_regex(
    r"(?-i:[A-Z])[\w'\u2019-]+(?:\s*(?:,|and|&)\s*(?-i:[A-Z])[\w'\u2019-]+)*"
    r"(?:\s+et\s+al\.?)?\s*(?:\(\s*(?:19|20)\d\d[a-z]?\s*\)|,\s*(?:19|20)\d\d[a-z]?\b)"
)
_POINTER = lazy_regex(
    r"^\W*(?:please\s+)?(?:refer(?:\s+to)?|see|cf|check(?:\s+out)?|read|look\s+at|visit|go\s+"
    r"through|watch|follow"
    # session 32: the same order in the languages foreign_text.py knows ("Confira a
    # documentação oficial: URL", "Véase …", "Siehe …")
    r"|veja|confira|consulte|assista|v[ée]ase|consulta|voir|consultez|regardez|siehe|vgl|vedi)\b"
    # an arrow to a resource: "→ official code, URL", "-> the docs"
    r"|^\s*(?:\u2192|->|\u27f6|\u21d2)\s*(?:the\s+)?(?:official\s+|original\s+|reference\s+)?"
    r"(?:code|docs|documentation|repo|repository|implementation|paper|video|source|notebook)\b",
    re.IGNORECASE,
)
_RESOURCE = lazy_regex(
    r"\b(?:article|link|documentation|docs|post|blog|paper|video|book|tutorial|page|website|"
    r"site|resource|reference|wiki|wikipedia|source|notes|slides|lecture|course|url|notebook|"
    r"thread|write-?up|walkthrough|chapter|guide|handbook|manual|cheat[- ]?sheet|forum|readme|"
    r"faq|repo|repository|textbook|explainer|primer|podcast|webinar|screencast)s?\b",
    re.IGNORECASE,
)
# The same pointer at the start of any clause: "For the details, see the Distill article",
# also after what it is for without a comma: "For details see the docs".
_POINTER_IN_CLAUSE = lazy_regex(
    r"(?:^|[,:;.]\s+)\W*(?:for\s+(?:the\s+|more\s+|full\s+|further\s+|all\s+)*(?:details?|"
    r"info(?:rmation)?|specifics|derivation|proof|explanation|background)\s+)?"
    r"(?:please\s+)?(?:refer(?:\s+to)?|see|check(?:\s+out)?|read|look\s+at|"
    r"visit|go\s+through|watch|follow)\b",
    re.IGNORECASE,
)
# A pointer anywhere in an answer with nothing else in it: "..., go read it", "check it out",
# "worth a read", "give it a look".
_SEND_AWAY = lazy_regex(
    r"\b(?:go\s+(?:and\s+)?(?:read|watch|see|check)|read\s+(?:it|this|that|up\s+on\s+it)|"
    r"check\s+(?:it|this|that|them)\s+out|check\s+out|worth\s+(?:a|the)\s+(?:read|look|watch)|"
    r"give\s+(?:it|this|that)\s+a\s+(?:read|look|watch|go)|(?:have|take)\s+a\s+look|"
    r"must[- ]read|recommended\s+reading|highly\s+recommend(?:ed)?)\b",
    re.IGNORECASE,
)
# Sites a pointer names instead of a page: "on Towards Data Science", "a Kaggle notebook".
_SITE = lazy_regex(
    r"\b(?:towards\s+data\s+science|analytics\s+vidhya|machine\s+learning\s+mastery|"
    r"stack\s*overflow|stack\s*exchange|hacker\s+news|papers\s+with\s+code|medium|kaggle|reddit|"
    r"quora|youtube|substack|distill|kdnuggets|geeksforgeeks|datacamp|coursera|udemy|"
    r"wikipedia|github|arxiv|twitter|linkedin)\b",
    re.IGNORECASE,
)
# Reference-style links: "[label][id]", "[label][]" and their definitions "[id]: https://…".
_REFERENCE_LINK = lazy_regex(r"\[([^\]\n]*)\]\[[^\]\n]*\]")
_LINK_DEFINITION = lazy_regex(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
# A wiki link of a note-taking app (Obsidian, Logseq, Roam): "[[Page#Heading|alias]]" links
# to another page of the vault as surely as a URL does; read as a link labelled by its alias,
# or else by the page and heading it names.
# (Not an index in code: "df[["a", "b"]]" follows a name and opens with a quote.)
_WIKI_LINK = lazy_regex(
    r"(?<![\w)\]`])\[\[(?=[^\W_])([^\]\[|#\n]*)(?:#([^\]\[|\n]*))?(?:\|([^\]\[\n]*))?\]\]"
)


def _wiki_label(match: re.Match[str]) -> str:
    page, heading, alias = match.group(1), match.group(2), match.group(3)
    return (alias or " ".join(part for part in (page, heading) if part)).strip()


def _wiki_as_markdown(match: re.Match[str]) -> str:
    return f"[{_wiki_label(match)}](wiki)"


# With a pointer verb first ("Watch: [title](…)") a short answer is a pointer whatever the
# label says: a video's or page's title is not the answer.
_WORDS_OF_A_POINTER = 8
_CHARS_OF_A_POINTER = 400
# A pointer to a cited work (authors, year, title) may be longer: "See Ioffe & Szegedy
# (2015), "Batch Normalization: Accelerating Deep Network Training"".
_WORDS_OF_A_CITATION = 20
# "Google it.", "Look it up on Wikipedia.": the whole answer sends the learner elsewhere.
_SEARCH_IT = lazy_regex(
    r"\W*(?:just\s+|please\s+)?(?:google\s+(?:it|this|that)|search\s+(?:for\s+)?(?:it|this|that)|"
    r"look\s+(?:it|this|that)\s+up)\b(?:\s+(?:on|in|at)\s+[\w .-]{1,30})?\W*",
    re.IGNORECASE,
)
_NOT_LINK_ONLY = lazy_regex(
    r"!\[|<img\b|^\s*\|.*\|\s*$|^ {0,3}(?:```|~~~|\$\$)", re.MULTILINE | re.IGNORECASE
)


# A web address written without its scheme: "arxiv.org/abs/1706.03762"; a paper's identifier
# ("doi:10.1038/nature14539", "arXiv:1706.03762") points at a resource the same way.
_BARE_DOMAIN = lazy_regex(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|edu|gov|dev|co|uk|de|pub|info|me|ly)\b"
    r"(?:/[^\s)>\]]*)?"
    r"|\b(?:doi:\s*)?10\.\d{4,9}/[^\s)>\]]+|\barxiv:\s*\d{4}\.\d{4,5}(?:v\d+)?",
    re.IGNORECASE,
)
# The name of a resource is not an answer: "the Kafka docs", "this Distill article".
_NAMED_RESOURCE = lazy_regex(
    r"(?:\b[\w.+#-]+\s+){1,2}(?=(?:article|docs|documentation|paper|blog|video|post|"
    r"tutorial|guide|book|course|lecture|notes|page|wiki|website|site|thread|answer|"
    r"explanation|write-?up|cheat\s?sheet|chapter|section|manual|handbook|forum|readme|faq|"
    r"repo|repository|textbook)s?\b)",
    re.IGNORECASE,
)


# A link label that names a page by whose it is and what kind it is: "PyTorch forum thread",
# "timm issue discussion", "Raschka's blog post".
_NAMED_PAGE = lazy_regex(
    r"(?:\b[\w.+#'\u2019-]+\s+){1,2}(?:article|docs|documentation|paper|blog|video|post|"
    r"tutorial|guide|book|course|lecture|notes|page|wiki|website|site|thread|answer|"
    r"explanation|write-?up|cheat\s?sheet|chapter|section|manual|handbook|forum|readme|faq|"
    r"repo|repository|textbook|issue|discussion|notebook|gist|slides|talk|podcast|episode|"
    r"comment|reply|newsletter)s?\b",
    re.IGNORECASE,
)


# A question that asks for an explanation, which a page's title cannot give.
_EXPLAIN_QUESTION = lazy_regex(r"[#\s*_]*(?:how|why|explain|describe)\b", re.IGNORECASE)
_TITLE_SEPARATOR = lazy_regex(r"\s(?:&|\||-|\u2013|\u2014)\s|:\s")
_ASKS_FOR_A_WORK = word_set(
    "paper papers book books publication publications title titled who author authors"
)
_ASKS_WHO = word_set("who whom whose introduced proposed invented coined")
_ADDRESS = word_set(
    "url urls address addresses endpoint endpoints domain registry homepage website webpage link"
)
_FETCHED = word_set("download downloads downloaded hosted host hosts installed install get fetch")


_AUXILIARY = (
    r"(?:does|do|did|is|are|was|were|can|could|should|would|will|has|have|had|may|might|must)"
)
# Longest first; ties alphabetically, so that the pattern's text is the same in every run (in
# the set's order it changed with the hash seed, and each new text missed the pattern store).
_ADDRESS_WORD = (
    r"(?P<word>" + "|".join(sorted(_ADDRESS, key=lambda word: (-len(word), word))) + r")\b"
)
# Where the question asks for the address itself: "Which URL …?", "What is the homepage of
# PyTorch?", "What is pip's default index URL?", "Name the endpoint …"; not a thing that is
# named with such a word and asked about ("What does MLflow's model registry provide?",
# "What is a container registry?").
_ASKED_ADDRESS = (
    lazy_regex(
        r"\b(?:which|what)(?:['\u2019]s|\s+is|\s+are|\s+was)?\s+(?!(?:a|an)\b)"
        r"(?:(?!" + _AUXILIARY + r"\b)[\w.'\u2019-]+\s+){0,3}?" + _ADDRESS_WORD,
        re.IGNORECASE,
    ),
    lazy_regex(
        r"^[#\s*_]*(?:name|give|state|list|provide|find|write\s+down)\s+(?:the\s+|an?\s+)?"
        r"(?:[\w.'\u2019-]+\s+){0,2}?" + _ADDRESS_WORD,
        re.IGNORECASE,
    ),
)


def _asks_for_an_address(question: str) -> bool:
    """ "Which URL ...?", "Where does pip download packages from?": the link is the answer.
    Not a product named with such a word ("What is MLflow Model Registry used for?"), nor a
    question about what something is for, nor one about what a thing called a registry or an
    endpoint does ("What does MLflow's model registry provide?")."""
    if _ASKS_FOR_A_PURPOSE.search(question):
        return False
    first = re.search(r"\w", question)
    for pattern in _ASKED_ADDRESS:
        for match in pattern.finditer(question):
            word = match.group("word")
            named = word[:1].isupper() and word[1:].islower()  # "Model Registry": a product
            if not named or (first is not None and match.start("word") == first.start()):
                return True
    words = words_of(question)
    asked = {
        form
        for index, word in enumerate(words)
        if index == 0 or not (word[:1].isupper() and word[1:].islower())
        for form in stems(word.lower())
    }
    return "where" in asked and bool(asked & _FETCHED)


# "Where are the install steps documented?": a place is the answer.
# "read" asks for something to read only with a reader or as a noun ("What should I read on
# it?", "a good read on GANs"); "Which env vars does the container read?" asks what a program
# reads (session 35).
_ASKS_WHERE = GatedPattern(
    r"[#\s*_]*(?:where|in\s+which|which\s+(?:file|page|folder))\b|\b(?:document|file|"
    r"resource|source|reference|site|learn\s+(?:more|about))\b"
    r"|\b(?:(?:i|we|you|one|should|must|can|could|to)\s+(?:[\w-]+\s+){0,2}read|"
    r"read\s+(?:more|about|up|on)|"
    r"(?:a|good|great|must|recommended|further)\s+read(?:ing)?)\b",
    re.I,
)
# "Source: [paperswithcode](…)", "Further reading: …": a label that files what follows as a
# source, so its link's label is a title, not an answer.
_SOURCE_LABEL = lazy_regex(
    r"\W*(?:sources?|refs?|references?|links?|docs|documentation|further\s+reading|read\s+more|"
    r"more\s+info|see\s+also|credits?|via|reading|"
    # the kind of resource as the label: "Paper: [Liu et al., 2021](…)", "Video: URL"
    r"(?:original\s+|official\s+)?(?:paper|video|talk|slides|book|blog(?:\s+post)?|article|"
    r"code|repo|implementation|notebook|tutorial))\s*[:\-\u2013\u2014]",
    re.IGNORECASE,
)
_ASKS_FOR_A_PURPOSE = lazy_regex(r"\bused\s+for\b|\bpurpose\b", re.IGNORECASE)


# "by He et al.", "Vaswani et al. (2017)", "by Jay Alammar": who wrote a work, no answer.
_AUTHORS = lazy_regex(
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
    developer dev part parts episode volume vol vs versus comparison compared quickstart
    step steps getting started walkthrough"""
)


# A label that is itself a pointer: a verb that sends the learner off, then "this", "these"
# or "that" (a thing the link is), or a phrase that praises or names a resource: "[Read this
# excellent explainer](…)", "[Watch Karpathy's lecture](…)", "[Check out the visual guide by
# Jay Alammar](…)". Not "[Read the file with `pd.read_csv`](…)": a verb and what to do.
_POINTER_LABEL = lazy_regex(
    r"\W*(?:please\s+)?(?:read|see|watch|visit|click|check\s+out|look\s+at|go\s+to|"
    r"refer\s+to|listen\s+to|head\s+(?:over\s+)?to)\s+(?P<what>[^\n]*)",
    re.IGNORECASE,
)
_DEMONSTRATIVE = lazy_regex(r"(?:this|these|that|those)\b", re.IGNORECASE)
_PRAISE = word_set(
    """excellent great good nice amazing awesome brilliant wonderful fantastic superb helpful
    useful classic famous gentle short quick visual illustrated interactive detailed thorough
    neat clear lovely beautiful fun"""
)
_WORDS_OF_A_POINTER_LABEL = 10
_CODE_SPAN = lazy_regex(r"(`+)[^`\n]+?\1")


def _label_points(label: str) -> bool:
    """Whether a link's label only sends the learner to the page it links."""
    match = _POINTER_LABEL.fullmatch(label.strip())
    if match is None or _word_count(label) > _WORDS_OF_A_POINTER_LABEL:
        return False
    what = match.group("what")
    words = {word.lower() for word in words_of(what)}
    return bool(
        _DEMONSTRATIVE.match(what)
        or words & _PRAISE
        or _RESOURCE.search(what)
        or _SITE.search(what)
        or not words - _NOT_CONTENT
    )


# A label that only names the topic before the link ("Gradient clipping: URL"), and an
# author named after a linked title ("— Scott Fortmann-Roe", "by Ng, 2017").
_TOPIC_LABEL = lazy_regex(r"\s*[^:\n]+:\s*(?:URL\s*)+\W*")
_AUTHOR_AFTER_TITLE = lazy_regex(
    r"\s*(?:[\u2014\u2013-]|\bby\b)\s*[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|et al\.?|and|&))*"
    r"(?:,?\s*\(?\d{4}\)?)?\W*"
)


# A question that asks for a thing's name: "Which library provides …?", "What module …?",
# "Name the optimizer …". A short label that is a name is then the answer, even where it
# repeats a word of the question ("[🤗 Datasets](…)" under "… the `Dataset.map` method").
_ASKS_FOR_A_NAME = lazy_regex(
    r"^[#\s*_]*(?:(?:which|what)\s+(?:[\w-]+\s+){0,2}?|name\s+(?:the\s+|an?\s+|one\s+)?"
    r"(?:[\w-]+\s+){0,2}?)(?:library|libraries|module|modules|package|packages|framework|"
    r"frameworks|toolkit|tool|tools|class|classes|function|functions|method|methods|api|"
    r"service|services|optimi[sz]er|optimi[sz]ers|layer|layers|loss|losses|model|models|"
    r"dataset|datasets|database|databases|tokeni[sz]er|tokeni[sz]ers|metric|metrics)\b",
    re.IGNORECASE,
)
_WORDS_OF_A_NAME = 3


def _names_what_was_asked(label: str, words: list[str], question: frozenset[str]) -> bool:
    """A short label that names something the question (outside its code) does not, with no
    word of a page's title ("[Keras layers API](…)", "[PyTorch optimizers](…)" under "Which
    optimizers does PyTorch ship?" only name the question's topic and a page)."""
    lowered = [word.lower() for word in words]
    return (
        _word_count(label) <= _WORDS_OF_A_NAME
        and not _TITLE_WORDS.search(label)
        and not set(lowered) & (_LABEL_RESOURCE | _FILLER)
        and any(not stems(word) & question for word in lowered)
    )


def _label_is_content(
    label: str,
    question: frozenset[str],
    explains: bool = False,
    names_asked: frozenset[str] | None = None,
    compares: bool = False,
) -> bool:
    """A link label the learner could recall ("Adam"), not a title, "here", a pointer ("Read
    this excellent explainer"), or the question's own topic repeated ("[Covariance and
    correlation](\u2026)" under "What are covariance and correlation?")."""
    # Code in a label is no web address ("[Read the file with `pd.read_csv`](…)"): the
    # words around it tell whether the label is an answer or a page's name.
    prose = _CODE_SPAN.sub(" ", label)
    if prose != label and not words_of(prose):
        return True  # "[`Adam`](…)": the code is the answer
    cited = _CITED_AUTHORS.search(prose) is not None
    if cited and not words_of(_CITED_AUTHORS.sub(" ", prose)):
        # "[Srivastava et al., 2014](…)" alone answers "Who …?" or "Which paper …?"; under
        # "What is the main idea of …?" it only says where the answer is
        return bool(question & (_ASKS_FOR_A_WORK | _ASKS_WHO))
    prose = _CITED_AUTHORS.sub(" ", prose)  # "[Ioffe & Szegedy (2015), Batch Norm](…)"
    words = words_of(prose)
    dotted = re.search(r"\w\.\w{2,}", prose) is not None
    if not words or URL.search(prose) or _BARE_DOMAIN.search(prose):
        return False  # "[medium.com](…)": an address
    if dotted and names_asked is None:
        return False  # "see [librosa.feature.melspectrogram](…)": a page of the API reference
    if _label_points(label):
        return False
    if names_asked is not None and _names_what_was_asked(label, words, names_asked):
        return True  # "[keras.applications](…)" under "Which module provides …?"
    capitalised = sum(word[0].isupper() for word in words)
    asks_for_a_work = bool(question & _ASKS_FOR_A_WORK)  # "Which paper introduced ...?"
    titled = (
        _TITLE_WORDS.search(label)
        or (len(words) > 4 and capitalised * 5 >= len(words) * 3)
        or cited  # a cited work's title: "Smith (2019), Dropout Revisited"
    )
    titled = titled or _citation_by_parts(label)  # "[Boyd & Vandenberghe, *Convex …*, §5.2]"
    # under a question no name answers ("…: what is the difference?"), a label of capitalised
    # words only is a title: "[Lil'Log — Attention? Attention!](…)" (session 34)
    titled = titled or (compares and len(words) >= 2 and capitalised == len(words))
    if titled and not asks_for_a_work:
        return False  # a page title: "A Gentle Introduction to Dropout"
    if explains and _TITLE_SEPARATOR.search(label):
        return False  # "How do you freeze layers?" "[Transfer learning & fine-tuning](…)"
    if _SITE.fullmatch(label.strip()) and question & _ASKS_FOR_A_PLACE:
        return True  # "[Kaggle](…)" under "Which site hosts most competitions?"
    if names_asked is None and not asks_for_a_work and not question & _ASKS_FOR_A_PLACE:
        # "[PyTorch forum thread](…)", "[Raschka's blog post](…)": the words before a kind of
        # page only say whose page it is (unless a name is asked: "[Jupyter Notebook](…)").
        words = words_of(_NAMED_PAGE.sub(" ", prose))
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


_LIST_MARK = lazy_regex(r"^(?:[-*+]|\d{1,3}[.)])\s+")
_MARKS_ONLY = lazy_regex(r"^[^\w\n]+$", re.MULTILINE)  # a stray "}" left on its own line
_POINTER_VERBS = word_set("see refer read check visit watch follow look")
_BY_AUTHOR = lazy_regex(r"\bby\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\W*$")
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
_EXTRA_RULE = lazy_regex(r"^ {0,3}\*\*\*[ \t]*$", re.MULTILINE)
_ABOUT_THE_CARD = word_set(
    """came come comes coming asked asks interview interviews interviewer interviewers mock
    exam exams quiz quizzes test tests round rounds twice once thrice times time often always
    usually again remember remembered memorise memorize review reviewing revise revision note
    self todo later favourite favorite tricky hard easy popular common commonly frequently
    question questions up in my our me i we it this that a an the of on at for to from with and
    or was were is are be been got get gets during last year week month deck decks card cards
    flashcard flashcards tag tags"""
)
_STOP_WORDS = word_set(
    "what which who how why when where is are was do does did the a an of in on to for and or "
    "between with by it its be can you your this that these those from as at"
)


# A label before the answer ("Answer:", "**A:**", "Short answer -") is not part of it.
_ANSWER_LABEL = lazy_regex(
    r"^\W*(?:(?:short|quick|my|the)\s+)?(?:(?:answer|ans)\s*[:\-\u2013\u2014]|a\s*:)\W*",
    re.IGNORECASE,
)
# A clause that opens by sending the learner somewhere: "see", "look it up", "google it".
_SEND_VERB = lazy_regex(
    r"\W*(?:(?:please|just|simply|you\s+(?:can|could|should|may)|i(?:['\u2019]d|\s+would)\s+"
    r"(?:suggest|recommend))\s+)*(?:refer(?:\s+back)?(?:\s+to)?|see|check(?:\s+out)?|consult|"
    r"(?:i\s+(?:would\s+|['\u2019]d\s+)?)?(?:(?:highly|strongly)\s+)?(?:recommend|suggest)|"
    r"read(?:\s+up(?:\s+on)?)?|look(?:\s+(?:it|this|that|them))?\s+up|look\s+(?:at|in(?:to)?)|"
    r"google(?:\s+(?:it|this|that))?|search(?:\s+(?:for|in|on))?|visit|go\s+(?:through|to)|"
    r"watch|follow|browse|(?:have|take)\s+a\s+look(?:\s+(?:at|in))?|find\s+(?:it|this|that)|"
    # session 29: a place inside the page sent to: "scroll down to StandardScaler"
    r"(?P<within>scroll(?:\s+(?:down|up))?\s+to|skip\s+to|jump\s+to))\b",
    re.IGNORECASE,
)
# Where a pointer sends the learner, beyond ``_RESOURCE``: a work's parts and reference pages.
_PLACE = lazy_regex(
    r"\b(?:glossary|glossaries|faq|faqs|docstring|readme|specification|appendix|"
    r"api\s+reference|user\s+guide|internet|google|URL|SITE|"
    # session 35: a team's wiki or file store and its runbooks ("Confluence » Platform")
    r"confluence|notion|sharepoint|jira|runbooks?|playbooks?|moodle|ilias|google\s+drive|"
    r"onedrive|dropbox)\b",
    re.IGNORECASE,
)
# "it" is a place to look only after a verb of searching: "look it up", "google it".
_SEARCHED = lazy_regex(r"\b(?:up|google|search|find)\b", re.IGNORECASE)
# What may follow the place in the same clause: its topic or section ("the user guide on
# hyperparameter tuning", "the glossary under 'GIL'"), a few words, no second verb.
_PLACE_TAIL = lazy_regex(
    # "watch lecture 9 of the theory course", "read chapter 5.2": the part's number first
    r"\s*(?:\d{1,4}(?:\.\d{1,3})*[a-z]?\b)?"
    r"\s*(?:(?:on|about|for|under|regarding|covering|of|in|at|from|to|section|chapter|page|"
    r"entry|article)\b[^,;:.!?\n]{0,60})?\W*",
    re.IGNORECASE,
)
# "Go to URL and read the section on splitting": "and" before a second pointer verb opens a
# clause of its own.
_CLAUSE_BREAK = lazy_regex(
    r"[.;:!?]+(?:\s+|$)|,\s+|\s+[-\u2013\u2014]+\s+|\n+|\s+and\s+(?:then\s+)?(?=(?:read|see|"
    r"check|look|watch|follow|consult|search|visit|go|browse)\b)",
    re.IGNORECASE,
)
_TAIL_VERB = lazy_regex(
    r"\b(?:which|that|where|because|since|so|when|while|whereas|is|are|was|were|has|have|"
    r"does|do|can|will|uses?|means?|makes?|keeps?|gives?|returns?)\b",
    re.IGNORECASE,
)
# A clause that only says why or how nicely the learner is sent away: "they explain it better
# than I could", "it's all there", "thanks".
_ASIDE = word_set(
    """they them it its it's this that there all everything better than i could can can't
    cannot couldn't do does did much far way more clearly properly thoroughly well nicely so
    since because as which who pretty really quite lot lots plenty everything thanks thank
    you your own yourself myself ever much is are was were has have will would should way
    way too detail details detailed explain explains explained explaining cover covers
    covered say says said put puts there's honestly frankly anyway than me us we our job
    work worse good great nice a an the of to out here first top results result hits
    minute minutes min mins second seconds page pages start end beginning middle halfway
    around near last half"""
)


# A clause whose subject is a resource and whose verb and object only say that it explains
# the topic: "The PyTorch forums have the answer", "Karpathy's blog post on training recipes
# explains it", "The docs are pretty clear on this one".
_RESOURCE_SAYS_IT = lazy_regex(
    r"(?P<subject>[^,;:.!?]{1,120}?)\s+(?:explains?|explained|covers?|covered|describes?|"
    r"described|discusses|discussed|answers?|answered|has|have|had|contains?|includes?|"
    r"goes\s+(?:over|through|into)|walks?\s+(?:you\s+)?through|is|are|was|were|does|do|did|"
    r"nails|breaks\s+(?:it|this|that)\s+down)\s+"
    r"(?:it|this|that|them|these|everything|all(?:\s+of\s+(?:it|this|them))?|"
    r"the\s+(?:answer|details|steps|explanation|solution)s?|"
    r"(?:an?\s+)?(?:(?:very|really|pretty|quite)\s+)?(?:good|great|nice|excellent|clear|"
    r"detailed|full|short|whole|helpful|useful|dedicated|thorough)\s+(?:page|section|answer|"
    r"explanation|write-?up|overview|example|chapter|tutorial|guide|job|one)s?|"
    r"(?:(?:pretty|very|quite|really|super|crystal|more\s+than)\s+)?(?:clear|good|great|"
    r"helpful|useful|thorough|detailed|excellent|enough))"
    r"(?:\s+(?:well|nicely|clearly|better|thoroughly|perfectly|in\s+(?:detail|depth|full)|"
    r"on\s+(?:this|that|it)(?:\s+one)?|here|there|for\s+(?:this|that)|too|also|already|"
    # how it explains: "step by step", "visually", "from scratch", "line by line"
    r"step\s+by\s+step|line\s+by\s+line|visually|intuitively|slowly|carefully|from\s+scratch|"
    r"(?:with|in)\s+examples?|than\s+i\s+(?:can|could)|"
    # session 29: where a person explains it: "Karpathy explains it in his makemore series"
    r"in\s+(?P<their>(?:his|her|their|the|this|that|a|one\s+of\s+(?:his|her|their))\s+"
    r"(?:[\w'\u2019-]+\s+){0,3}?(?:series|course|video|videos|talk|lecture|lectures|book|blog|post|"
    r"article|tutorial|paper|notes|channel|newsletter|podcast|stream|lessons?|playlist))|"
    r"(?:with|using|through)\s+(?:an?\s+|some\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:demos?|examples?|diagrams?|animations?|pictures?|visuali[sz]ations?|"
    r"code|figures?|plots?|illustrations?)))*\W*",
    re.IGNORECASE,
)
# "There's a chapter on it in Hands-On Machine Learning": a resource on the topic, and where.
_THERE_IS_A_RESOURCE = lazy_regex(
    r"there(?:['\u2019]s|\s+is|\s+are)\s+(?:an?|some|several|one|plenty\s+of)\s+"
    r"(?:[\w'-]+\s+){0,3}?" + _RESOURCE.pattern + r"\s+(?:on|about|covering|explaining)\s+"
    r"(?:it|this|that|them|the\s+(?:topic|subject|question))"
    r"(?:\s+(?:in|on|at|by|from)\s+[^,;:.!?]{1,60})?\W*",
    re.IGNORECASE,
)
# "The steps are in the README", "It's all documented in the user guide": where the answer
# is, not what it is (unless the question asks where).
_FOUND_IN = lazy_regex(
    r"\W*(?:the\s+)?(?:(?:full|whole|complete|detailed|short|exact)\s+)?(?:it|this|that|"
    r"everything|all|steps|instructions|details|answer|explanation|solution|procedure|info|"
    r"information)(?:\s+(?:you\s+need|needed))?\s*(?:is|are|['\u2019]s|can\s+be\s+found|"
    r"lives?|sits?)\s+(?:all\s+)?(?:(?:explained|documented|listed|described|covered|given|"
    r"there)\s+)?(?:in|on|at)\b",
    re.IGNORECASE,
)
_WORDS_OF_A_RESOURCE_SUBJECT = 10
_WORDS_OF_A_PLACE_IN_A_PAGE = 6
# Someone offers a resource on the topic, and nothing more: "Hugging Face has a good tutorial
# on it", "Raschka wrote a great post about this".
_OFFERS_A_RESOURCE = lazy_regex(
    r"(?P<subject>[^,;:.!?]{1,60}?)\s+(?:has|have|had|offers?|provides?|wrote|writes|published|"
    r"made|makes|maintains?|keeps?)\s+(?:an?|the|some|one|several)\s+(?:[\w'-]+\s+){0,3}?"
    + _RESOURCE.pattern
    + r"\s+(?:on|about|for|covering|explaining|regarding)\s+(?:(?:exactly|precisely|just)\s+)?"
    r"(?:it|this|that|them|these|the\s+"
    r"(?:topic|subject|question))(?:\s+(?:too|also|here|one))*\W*",
    re.IGNORECASE,
)
# An answer that is only the name of a resource: "The Keras docs.", "Pandas documentation".
_RESOURCE_NAME = lazy_regex(
    r"\W*(?:(?:the|this|that|their|its)\s+)?(?:[\w.+#'\u2019-]+\s+){0,3}?(?:docs|documentation|"
    r"user\s+guide|tutorial|manual|readme|faq|wiki|article|blog(?:\s+post)?|video|course|"
    r"lecture\s+notes|cheat[- ]?sheet|write-?up|walkthrough)s?\W*",
    re.IGNORECASE,
)


def _resource_says_it(clause: str) -> bool:
    clause = clause.strip()
    if _OFFERS_A_RESOURCE.fullmatch(clause) or _THERE_IS_A_RESOURCE.fullmatch(clause):
        return True
    match = _RESOURCE_SAYS_IT.fullmatch(clause)
    if match is None:
        return False
    subject = match.group("subject")
    named = _RESOURCE.search(subject) or _SITE.search(subject) or "SITE" in subject
    if match.group("their") and _PERSON.fullmatch(subject.strip()):
        return True  # "Karpathy explains it in his makemore series": a person and where
    return bool(named) and len(words_of(subject)) <= _WORDS_OF_A_RESOURCE_SUBJECT


# A person named as the one who explains: one to three capitalised words ("Karpathy",
# "Andrew Ng", "Jay Alammar's team").
_PERSON = lazy_regex(r"(?-i:[A-Z])[\w'\u2019.-]*(?:\s+(?-i:[A-Z])[\w'\u2019.-]*){0,2}")


# A search term in quotes, and where to search: 'Google "bloom filter"' (only "google" or a
# named site makes it a web search: 'Search for "NaN" in the column' answers).
_QUOTED_TERM = lazy_regex(
    r"""\s*["'\u201c\u2018][^"\u201d\n]{1,60}["'\u201d\u2019]"""
    r"(?:\s+(?:on|in|at)\s+[\w .-]{1,30})?\W*"
)


_MORE_RESOURCE_WORDS = lazy_regex(r"(?:\s+" + _RESOURCE.pattern + r")+", re.IGNORECASE)


def _sends_away(clause: str, where_asked: bool = False) -> bool:
    """ "see the scikit-learn user guide on tuning", "Look it up in the glossary under 'GIL'":
    a clause that opens with a pointer verb, names a place to look and then at most that
    place's topic; or one whose subject is a resource that "explains it"."""
    if _resource_says_it(clause):
        return True
    if not where_asked and _RESOURCE_NAME.fullmatch(clause) is not None:
        return True  # "The Keras docs.": a resource's name where the answer should be
    verb = _SEND_VERB.match(clause) or (None if where_asked else _FOUND_IN.match(clause))
    if verb is None:
        return False
    rest = clause[verb.end() :]
    if verb.groupdict().get("within") is not None:
        # the page is the place; what follows names where in it, a few words
        return 0 < len(words_of(rest)) <= _WORDS_OF_A_PLACE_IN_A_PAGE
    if not rest.strip(" \t*_\"'\u201c\u201d"):
        return bool(re.search(r"\b(?:up|google|it|this|that)\b", verb.group(0), re.I))
    place = _RESOURCE.search(rest) or _PLACE.search(rest) or _NAMED_RESOURCE.search(rest)
    if place is None and _SEARCHED.search(verb.group(0)):
        # "Google it.", "look it up on Wikipedia"; not "search it in a sorted array"
        if _QUOTED_TERM.fullmatch(rest) and (
            re.search(r"\bgoogle\b", verb.group(0), re.I) or _SITE.search(rest)
        ):
            return True  # 'Google "bloom filter"', 'search for "GIL" on YouTube': a search
        pronoun = re.match(r"\s*(?:it|this|that|them)?\W*", rest)
        return pronoun is not None and (
            pronoun.end() == len(rest) or _SITE.search(rest) is not None
        )
    # counted as written: "the torch.optim.lr_scheduler page" names one thing before "page"
    if place is None or len(rest[: place.start()].split()) > 4:
        return False
    tail = rest[place.end() :]
    compound = _MORE_RESOURCE_WORDS.match(tail)  # "the lecture notes on ...": one place
    if compound is not None:
        tail = tail[compound.end() :]
    return _PLACE_TAIL.fullmatch(tail) is not None and _TAIL_VERB.search(tail) is None


# Session 29 (harvested lines): a clause that says only that something is explained at the
# link ("Concept is explained in detail here", "The new feature is described in depth
# below"): whatever its subject, it says nothing about it. The subject is short: "here" in a
# long sentence may be a place in the answer's own argument.
_EXPLAINED_HERE = lazy_regex(
    r"(?:[\w'\u2019/.-]+\s+){0,5}?(?:is|are)\s+(?:(?:very|really|nicely|well|clearly|"
    r"thoroughly|beautifully|all|both)\s+)*(?:explained|described|covered|discussed|documented|"
    # session 30: what a page enumerates: "All the join types are listed here: …"
    r"detailed|summari[sz]ed|walked\s+through|listed|enumerated|spelled\s+out|laid\s+out)(?:\s+(?:in\s+(?:(?:full|great|more|much|further)\s+)?"
    r"detail|in\s+depth|at\s+length|step\s+by\s+step))?\s+(?:here|there|below)",
    re.IGNORECASE,
)
# "This video explains the four types of thread pools in Java's ExecutorService: …": a
# resource as the subject, and the topic it explains as a noun phrase or "how to …" (not
# "that …" or "why …", which may go on to say it).
_RESOURCE_EXPLAINS_TOPIC = lazy_regex(
    r"(?:this|the|that|my|our)\s+(?:[\w'\u2019-]+\s+){0,2}?(?:video|article|post|blog\s+post|"
    r"tutorial|talk|lecture|write-?up|guide|paper|page|thread|notebook|course|chapter|podcast)\s+"
    r"(?:explains|covers|describes|shows|demonstrates|walks\s+(?:you\s+)?through|goes\s+(?:over|"
    r"through))\s+(?:the|how\s+to|an?)\s[^,;:.!?]{1,100}",
    re.IGNORECASE,
)
# A clause that only says what the link is for: "If you would like to learn more about
# Sass, [check out this article](…)", "if you want to dig deeper": the reader's wish and a
# pointer, no content.
_WANTS_MORE = lazy_regex(
    r"(?:so\s+)?if\s+you(?:\s+would\s+like|['\u2019]d\s+like|\s+want|\s+wish|\s+are\s+interested|"
    r"\s+are\s+curious)(?:\s+to\s+(?:learn|know|read|find\s+out|dig|dive|go|understand|see)"
    r"(?:\s+(?:more|further|deeper|in\s+depth))?)?(?:\s+(?:about|on|in|into)\s+"
    r"(?:[\w'\u2019/.-]+\s*){1,5})?",
    re.IGNORECASE,
)


def _only_sends_away(
    text: str, where_asked: bool = False, asked: frozenset[str] = frozenset()
) -> bool:
    """The whole text is pointers, plus asides that give no content ("Check the pandas docs,
    they explain it better than I could.", "read it before Thursday's session", "it lists
    every preset with examples": the question's own words are no content either)."""
    text = _ANSWER_LABEL.sub("", text.strip(), count=1)
    clauses = [clause for clause in _CLAUSE_BREAK.split(text) if words_of(clause)]
    pointers = 0
    idle = _ASIDE | _NOT_CONTENT | asked
    for clause in clauses:
        # a cited work is the pointer, unless a work or a place is what the question asks for
        cited = clause.strip() == CITED_WORK and not where_asked and not asked & _ASKS_FOR_A_WORK
        if (
            _sends_away(clause, where_asked)
            or cited
            or _EXPLAINED_HERE.fullmatch(clause.strip())
            or _RESOURCE_EXPLAINS_TOPIC.fullmatch(clause.strip())
        ):
            pointers += 1
        elif _WANTS_MORE.fullmatch(clause.strip()):
            pointers += 1  # what the link is for, the link itself read away with its label
        elif not only_aside_words(clause, idle):
            return False
    return pointers > 0


# "pandas user guide → Indexing and selecting data → Views": a path of pages through a
# resource, the way to the answer instead of the answer.
# ("a > b" is as often a comparison: not a separator here)
_CRUMB_SEPARATOR = lazy_regex(r"\s*(?:\u2192|\u27f6|->|\u00bb|\u203a)\s*")
# A page's title opens with a capital, a digit or a quote; "→ use torch.compile" is content.
_PAGE_TITLE = lazy_regex(r"[\"'\u201c\u2018*_]*[A-Z0-9]|`?[a-z_]\w*(?:\.\w+)+`?\s*$")
_WORDS_OF_A_CRUMB = 10


def _breadcrumb(text: str) -> bool:
    """Whether the text is one line of page names joined by arrows ("→", "»", a single
    guillemet) that starts at a resource ("the Keras docs", "user guide", a site), each later
    name a title. A pipeline's stages ("tokenizer → encoder → pooler") start at no resource."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if len(lines) != 1:
        return False
    parts = _CRUMB_SEPARATOR.split(lines[0])
    if len(parts) < 2 or any(len(words_of(part)) > _WORDS_OF_A_CRUMB for part in parts):
        return False
    if not all(_PAGE_TITLE.match(part) for part in parts[1:]):
        return False
    first = parts[0]
    resource = _RESOURCE.search(first) or _PLACE.search(first) or "SITE" in first
    return bool(resource) and len(words_of(first)) <= _WORDS_OF_A_CRUMB // 2


# A cited work's title (in quotes or italics) and a numbered part of it ("section 5", "ch. 3",
# "§2.1", "pp. 12-14"): with its authors and year, all of a citation.
_CITED_TITLE = lazy_regex(
    r"[\"\u201c][^\"\u201d\n]{3,200}[\"\u201d]|(?<![*\w])\*[^*\n]{3,200}\*(?![*\w])"
)
_WORK_PART = lazy_regex(
    r"(?:\b(?:sections?|sec|chapters?|ch|appendix|part|pages?|pp?|eqs?|equations?|theorems?|"
    r"lemmas?|propositions?|figures?|fig|tables?)\.?|\u00a7)\s*\d+(?:[.\u2013-]\d+)*[a-z]?",
    re.IGNORECASE,
)
_VENUES = word_set("jmlr tmlr aistats uai colt aaai ijcai tpami kdd sigir proceedings vol")


# Two or more authors by surname before a quoted title ("Müller, Kornblith & Hinton, "When
# does label smoothing help?""), the venue and year after it: a citation in a venue's style.
_AUTHOR_LIST = lazy_regex(
    r"^\W*(?-i:[A-Z])[\w'\u2019-]+(?:\s*(?:,|and|&)\s*(?-i:[A-Z])[\w'\u2019-]+)+\s*,?\s*"
    r"(?=[\"\u201c*])"
)
_VENUE_YEAR = lazy_regex(r"\b(?:19|20)\d\d[a-z]?\b")


def _only_a_citation(text: str) -> bool:
    """ "Blei, Kucukelbir and McAuliffe (2017), "Variational Inference: A Review", section 5:
    URL": authors and a year, with a title, a part of the work or a link, and nothing else;
    or authors, a title, then a venue and year ("…, "Title", NeurIPS 2019, section 3")."""
    idle = _NOT_CONTENT | _ATTRIBUTION | _VENUES
    if _AUTHOR_LIST.search(text) and _CITED_TITLE.search(text) and _VENUE_YEAR.search(text):
        rest = _CITED_TITLE.sub(" ", _AUTHOR_LIST.sub(" ", text))
        rest = _VENUE_YEAR.sub(" ", _WORK_PART.sub(" ", rest))
        return all(word == "URL" or word.lower() in idle for word in words_of(rest))
    if _CITED_AUTHORS.search(text) is None:
        return False
    cited = _CITED_TITLE.search(text) or _WORK_PART.search(text) or "URL" in text
    cited = cited or CITED_WORK in text  # a title and its part, taken out as one work
    rest = _WORK_PART.sub(" ", _CITED_TITLE.sub(" ", _CITED_AUTHORS.sub(" ", text)))
    return bool(cited) and all(word == "URL" or word.lower() in idle for word in words_of(rest))


# Session 32 (batches 46 and 50, two authors): a citation in any house style, read by its
# parts: authors first ("Hu et al.", "Boyd & Vandenberghe"), then only a year, a venue, a
# title, a part of the work or an archive id ("CVPR 2018, Sec. 3 (arXiv:1709.01507)",
# "*Convex Optimization*, §5.2"). What it gives is where to read, not what to recall.
_AUTHORS_FIRST = lazy_regex(
    r"^\W*(?-i:[A-Z])[\w'\u2019-]+(?:\s*(?:,|and|&)\s*(?-i:[A-Z])[\w'\u2019-]+){0,5}"
    r"(?:\s+et\s+al\b\.?)?"
)
_ARCHIVE_ID = lazy_regex(r"\b(?:arxiv\s*:\s*\d{4}\.\d{4,5}(?:v\d+)?|doi\s*:\s*\S+)", re.IGNORECASE)
_VENUE_ACRONYM = lazy_regex(r"[A-Z]{2,8}")


def _citation_by_parts(text: str) -> bool:
    """Whether ``text`` is authors and then only the parts of a citation (two at least)."""
    authors = _AUTHORS_FIRST.match(text)
    if authors is None or len(words_of(authors.group(0))) < 2:
        return False  # one capitalised word opens any sentence
    rest = text[authors.end() :]
    parts = sum(
        1
        for pattern in (_CITED_TITLE, _WORK_PART, _VENUE_YEAR, _ARCHIVE_ID)
        if pattern.search(rest)
    )
    if parts < 2 and not (parts and "et al" in authors.group(0)):
        return False
    for pattern in (_ARCHIVE_ID, _CITED_TITLE, _WORK_PART, _VENUE_YEAR):
        rest = pattern.sub(" ", rest)
    idle = _NOT_CONTENT | _ATTRIBUTION | _VENUES
    return all(
        word == "URL" or word.lower() in idle or _VENUE_ACRONYM.fullmatch(word)
        for word in words_of(rest)
    )


# A line that only labels the answer, often a toggle's title from a Notion or Google Docs
# export ("▸ Answer", "**Solution:**", "A:"), and the blank lines after it.
_IDLE_ANSWER_LABEL = lazy_regex(
    r"[ \t]*[▸▶►▹▾▼\u203a>*_]*[ \t]*(?:answer|solution|response|a)[ \t]*:?[ \t]*[*_]*[ \t]*\n\s*",
    re.IGNORECASE,
)


def _word_count(text: str) -> int:
    """Words as written, numbers left out: "scikit-learn" and "cross-validation" are one each."""
    return sum(1 for token in text.split() if re.search(r"[^\W\d_]", token))


_ATTRIBUTION = word_set(
    """introduced introduces introducing proposed proposes published presented first described
    invented coined developed created appeared released came out originally original paper
    papers work authors author et al year years team group lab researchers conference journal
    arxiv neurips nips icml iclr cvpr acl emnlp"""
)


_CITATION = lazy_regex(
    r"\b(?:by\s+)?(?-i:[A-Z])[\w'-]+(?:\s+(?:and|&)\s+(?-i:[A-Z])[\w'-]+)?(?:\s+et\s+al\b\.?)?"
    r"\s*,?\s*(?:in\s+)?\(?(?:19|20)\d\d[a-z]?\)?"
)


def _only_cites(extra: list[str], topic: frozenset[str]) -> bool:
    """Whether an Extra's words are only the topic, a citation and words about the card."""
    idle = _ABOUT_THE_CARD | _STOP_WORDS | _ATTRIBUTION
    return all(word in idle or stems(word) & topic for word in extra)


_DECK_LABEL_WORDS = 4


def _names_a_deck(extra: list[str]) -> bool:
    """ "Audio features deck.", "NLP interview cards": an Extra that only names a deck."""
    return 0 < len(extra) <= _DECK_LABEL_WORDS and extra[-1] in {"deck", "decks", "cards"}


def _without_idle_extra(answer: str, question: str) -> str:
    """The answer without an Extra section that says nothing about the question ("Asked in
    an interview once."): such an Extra does not turn a pointer into an answer. An
    Extra that names the question's topic, or explains at some length, is kept."""
    rule = _EXTRA_RULE.search(answer)
    if rule is None or not answer[: rule.start()].strip():
        return answer  # "***" right under the question: the Extra is the whole answer
    # "by Schulman et al. in 2017", "Kingma and Ba, 2014": who and when, not what
    cited = _AUTHORS.sub(" ", _CITATION.sub(" ", plain(answer[rule.end() :])))
    extra = [word.lower() for word in words_of(cited)]
    topic = _asked_terms(question) - _STOP_WORDS
    idle = _ABOUT_THE_CARD | _STOP_WORDS | _ATTRIBUTION
    # An Extra that only names the topic and who introduced it, or when, says nothing of it.
    substance = [word for word in extra if word not in idle and not stems(word) & topic]
    explains = len([word for word in extra if word not in _ABOUT_THE_CARD]) >= _WORDS_OF_A_POINTER
    about_topic = any(stems(word) & topic for word in extra)
    if _names_a_deck(extra):
        return answer[: rule.start()]  # "Audio features deck.": a label, not an explanation
    if (about_topic and substance) or (explains and not _only_cites(extra, topic)):
        return answer
    return answer[: rule.start()]


# A table's delimiter row, and the words of a header that only files links ("resource |
# link", "see", "further reading"), and of a cell that only names who wrote or hosts them.
_TABLE_DELIMITER = lazy_regex(r"\|?[\s:|-]*-[\s:|-]*\|?")
_LINK_COLUMN = word_set("title titles name names author authors site sites where what by")


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _table_of_links(answer: str) -> int | None:
    """The offset (in ``answer``) of the first row of an answer that is only a table of
    links under a header that names no content ("| resource | link |"), or None."""
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", answer) if m.group(0).strip()]
    if len(lines) < 3 or not all(line.lstrip().startswith("|") for _, line in lines):
        return None
    if not _TABLE_DELIMITER.fullmatch(lines[1][1].strip()):
        return None
    header = [word.lower() for word in words_of(" ".join(_cells(lines[0][1])))]
    if any(word not in _NOT_CONTENT | _LABEL_RESOURCE | _LINK_COLUMN for word in header):
        return None
    rows = lines[2:]
    if not all(LINK_MD.search(row) or URL.search(row) for _, row in rows):
        return None
    return rows[0][0]


def _extra_only_links(document: LintDocument) -> tuple[int, int] | None:
    """A cloze's Extra section that is only a link or a bare address, with pointing words
    at most: the span of its first line, or None."""
    body = document.text[document.body_offset :]
    rule = _EXTRA_RULE.search(body)
    if rule is None:
        return None
    extra = body[rule.end() :]
    if not extra.strip() or _NOT_LINK_ONLY.search(extra):
        return None
    if not (LINK_MD.search(extra) or URL.search(extra) or _BARE_DOMAIN.search(extra)):
        return None
    rest = _BARE_DOMAIN.sub(" ", URL.sub(" ", LINK_MD.sub(" ", HTML_TAG.sub(" ", extra))))
    if any(word.lower() not in _NOT_CONTENT for word in words_of(rest)):
        return None
    start = document.body_offset + rule.end() + len(extra) - len(extra.lstrip())
    return start, start + len(extra.strip().split("\n", 1)[0])


class LinkOnlyAnswer(Rule):
    """An answer that is only a link, a bare URL or a pointer to a resource: "[see
    here](\u2026)", "Read more: https://\u2026", "Refer to this article", a reference-style link
    and its definition, "Watch: [a video's title](\u2026)", a label that is itself a pointer
    ("[Read this excellent explainer](\u2026)", "[Watch Karpathy's lecture](\u2026)"), "Look it
    up on Wikipedia", an HTML
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
    does pip download packages from?", "Which URL ...?", "What is the homepage of ...?",
    though not a product named with such a word, "What is the Model Registry used for?", nor
    a thing asked about that such a word names, "What does MLflow's model registry provide?",
    "What is a container registry?"; a work: "Which paper introduced
    ...?"; a site: "Which site hosts ...?"). An Extra section (after `***`) that says nothing
    about the question ("Asked in two interviews this year.", "Audio features deck.") does
    not make a pointer an answer; one that only names the topic and cites who introduced it
    ("PPO is from Schulman et al., 2017") does not either, and one that explains it does. An
    answer whose every clause only sends the learner elsewhere ("see", "consult", "look it
    up", "google it") or gives a reason with no content is a pointer whatever its label, bold
    or topic: "**Answer:** see the user guide on tuning", "Check the docs, they explain it
    better than I could", "Look it up in the glossary under 'GIL'", "Go to
    https://scikit-learn.org and read the section on splitting". So is a clause whose subject
    is a resource (docs, a forum, a README, a site) and whose verb and object only say that it
    explains the topic ("The PyTorch forums have the answer", "Karpathy's blog post on
    training recipes explains it", "The docs are pretty clear on this one"), one in which
    someone only offers a resource on it ("Hugging Face has a good tutorial on it", "I
    recommend the CS231n notes", "There's a chapter on it in Hands-On ML"), one that says
    where the answer is instead of what it is ("The steps are in the README"), an answer
    that is only a resource's name ("The Keras docs."; these two accepted when the question
    asks where, or for a document or something to read), and a link filed under a source
    label ("Source: [paperswithcode](…)", "Further reading: …"), the question's topic as a
    label before a bare link ("Gradient clipping: https://…") and a linked title with only its
    author after it ("[Understanding the Bias-Variance Tradeoff](…) — Scott Fortmann-Roe").
    A table of links under a header that names no content ("| resource | link |") is a
    pointer too, unless the question asks for works, addresses or places; so is a cloze's
    Extra that is only a link. A short linked name that the question asks for ("Which
    library provides …?" answered by "[keras.applications](…)") is an answer. A path of pages
    through a resource ("Keras guide » Working with RNNs » Cross-batch statefulness"; stages
    joined by arrows that start at no resource are content), a citation alone (authors and a
    year with a title, a numbered part or a link: "Goodfellow, Bengio and Courville (2016),
    *Deep Learning*, chapter 8.2") and a numbered part of a course or book to watch or read
    with only where in it ("See lecture 4 of the course, around minute 35") are pointers too,
    unless the question asks where, or for a work. What a pointer adds about where to look or
    why to go is no answer either: a video's timestamp ("Great walkthrough on YouTube, start at
    08:40: URL"), a file in a repository ("→ official code, URL (file `matcher.py`)", an arrow
    to a resource being a pointer verb), a book by its author, title and chapter without a year
    ("Chip Huyen, *Designing ML Systems*, chapter 8. Read it before Thursday's session!"), a
    part of a resource by its quoted title, what the page lists ("Check the presets page, it
    lists every preset with examples") and why the answer is not written out ("X has a very
    good post on exactly this, I will not repeat it here: URL"). A label that names the kind
    of resource ("Paper: [Liu et al., 2021](…)"), a linked label of authors and a year under a
    question that asks neither who nor for a work, and a labelled list of sources as the
    whole answer ("Resources:" and only links or citations; AG131 leaves that list to this
    rule) are pointers too. A real answer that also cites a link, a video or a chapter is
    accepted.

    Read as a class (lint/rules/prose/pointer_content.py): once what only points is taken out -
    an address, a resource named by its kind, title, author, site or part ("ch. 9", "pp. 41-58",
    "§2.1", "Lecture 3", a timestamp), a verb or frame that sends the learner there ("go read
    it", "it has the whole setup", "is the place to look"), praise of it ("far better than I
    could", "says it all") and the question's own words - a pointer answer leaves nothing, while
    a real answer leaves a word of substance, a number or a yes or no ("32 (see the docs)", "No;
    see Guo et al. 2017"). Under a how or why question a run of capitalised words is a title, an
    author or a site, since a name cannot answer it. A question that asks for a work or who made
    it is answered by the authors or the title ("Which paper introduced Adam?").

    Session 28: a note-taking app's wiki link ("See [[Calibration methods#Platt scaling]]",
    "→ [[Decoding strategies]]"; a page's title cannot answer how or why) is a link; recordings,
    replays, webinars and lessons are resources; a file of a repository or a notebook cell is
    a place ("It is all in `demo.ipynb`, cell 7 onwards", "Everything is in the repo's
    CONTRIBUTING.md"); "ask" sends the learner away ("Ask ChatGPT"); a citation in a venue's
    style (authors, a quoted title, a venue and a year) is a citation alone; and a breadcrumb may
    pass through a module's dotted name ("PyTorch 2.x docs → torch.compiler → Getting
    Started"). An answer that also says something and then links a vault page or cites a paper
    is accepted.

    Session 29 (lines harvested from other people's READMEs and docs): a clause that only says
    something is explained at the link, whatever its subject ("The mechanism is explained in
    great detail here: …", "The new format is documented here: …"), and the reader's wish to
    learn more before a link ("If you'd like to know more about quantization, [have a look at
    this write-up](…)"), and a resource as the subject with the topic it explains ("This talk
    walks you through the whole training loop of a diffusion model: …"; "This video explains
    that dropout …" may say the answer), a person who explains it in their resource
    ("Karpathy explains it in his makemore series, part 1") and a place inside the page sent
    to ("…; scroll down to MinMaxScaler"); after an answer, each is a source and accepted.

    Session 30 (classes of the opened batches 38 and 44): words that only describe the
    resource or the reader are no content either: what the resource comes with ("It's nicely
    explained in lecture 8, with a worked example to follow by hand"), the reader's situation
    the pointer is for ("Read it before you file an issue", "If you're unsure about any step,
    it's all explained in the runbook"), a named place inside the page ("under the `--gpus`
    heading"), the page's topic when it is said to hold it all ("Everything is on the docs page
    for GPU support"), and a clause that only says the items are listed at the link ("The
    stages are all listed here: …"). "Before you open a ticket, restart the pod" and "The
    stages are listed here: a 7x7 stem, then …" answer.

    Session 32 (batches 46 and 50): a citation read by its parts, authors first and then only a
    year, a venue, a title, a part of the work or an archive id, whether written plain ("→ Hu
    et al., CVPR 2018, Sec. 3 (arXiv:1709.01507)") or as the link's label ("[Boyd &
    Vandenberghe, *Convex Optimization*, §5.2](…)"), unless the question asks who or which
    work; a toggle's label before the pointer ("▸ Answer", from a Notion export) leaves the
    finding on the pointer's line; and the order to look elsewhere in the other languages the
    linter tells apart ("Confira a documentação oficial: …", "Siehe …") is read as "See".

    Session 34: what files the note rather than answers it is no content either — a tags or
    keywords line ("Tags: losses · regularisation", the finding then on the pointer's line),
    hashtags, a callout's type marker ("> [!info] Further reading") and a year beside a
    citation (unless the question asks when); nor how or in which language the resource treats
    the topic ("explained at length", "in detail", "(auf Deutsch)"), nor a write-up called a
    "breakdown" or "rundown". A question that asks for the difference after its topic ("Pre-norm
    and post-norm: what is the difference?") or only compares ("`singledispatch` vs
    `isinstance` chains?", with no "which") is one a name cannot answer: there a numbered
    document ("→ PEP 443") and a label of capitalised words only ("[The Gradient Pub — On Layer
    Normalization](…)") are titles. "In one group" counts; "this one" points.

    Session 35: a pointer written in another language with its English gloss in brackets
    ("Explicação completa no vídeo (full explanation in the video) → …") is read by its gloss,
    unless the gloss itself sends away ("(see the video)") or the phrase holds English words of
    content; "documented here" points as "explained here" does; and "read" asks for something
    to read only with a reader or as a noun ("What should I read on it?", "a good read"), not
    when a program reads ("Which variables does the container read?"). A team wiki's
    breadcrumb starts at its tool ("Runbook: Confluence » Platform » …"); the parts of lecture
    notes in German and Spanish are locators ("→ Vorlesung 9, Folie 31", "Skript S. 112",
    "cap. 3"); a person to ask by their handle ("Ask @platform-oncall") and a reader's verdict
    ("accepted, worked for me") say nothing of the answer; "It works since 2.6" answers.
    Another language's function words ("Pura explanation iss video mein hai"), a documentation
    site's admonition fence (":::tip" … ":::") and a social post's carousel or reel ("Swipe
    through the carousel") are no content either."""

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
        if document.note.meta.type is NoteType.CLOZE:
            extra = _extra_only_links(document)
            if extra is not None:
                yield Finding(*extra, _EXTRA_MESSAGE)
            return
        if question is None:
            return
        start = question[1]
        sources = source_list_answer(document)
        if sources is not None and not self._may_answer_with_links(
            document.text[question[0] : start]
        ):
            yield Finding(*sources, _MESSAGE)  # "Resources:" and links: nothing to recall
            return
        answer = _without_idle_extra(document.text[start:], document.text[question[0] : start])
        question_text = document.text[question[0] : question[1]]
        table = _table_of_links(answer)
        if table is not None and not self._may_answer_with_links(question_text):
            offset = start + table
            yield Finding(offset, offset + len(answer[table:].split("\n", 1)[0]), _MESSAGE)
            return
        if not answer.strip():
            return
        # the whole answer is the candidate: each early return below names its guard
        candidate = (start, start + len(answer.rstrip()))
        if _NOT_LINK_ONLY.search(answer) or document.code_blocks:
            guard = "code-image-or-table" if document.code_blocks else "block-content"
            reject(document, self.code, guard, *candidate)
            return
        definitions = _LINK_DEFINITION.findall(answer)
        answer_text = _LINK_DEFINITION.sub("", answer)
        inline = _REFERENCE_LINK.sub(lambda m: f"[{m.group(1)}](ref)", answer_text)
        inline = _WIKI_LINK.sub(_wiki_as_markdown, inline)
        links = [
            *LINK_MD.finditer(inline),
            *URL.finditer(LINK_MD.sub("", inline)),
            *definitions,
        ]
        links += list(_BARE_DOMAIN.finditer(URL.sub(" ", LINK_MD.sub("", inline))))
        rest = plain(HTML_TAG.sub(" ", inline))
        labels = [m.group(1) for m in LINK_MD.finditer(inline)]
        for label in labels:
            # a label with code in it reads as plain() wrote it: "Read it with CODE"
            shown = label if label in rest else plain(label).strip()
            rest = rest.replace(shown, " ", 1)
        rest = _SITE.sub(" SITE ", _BARE_DOMAIN.sub(" URL ", rest))
        rest = _AUTHORS.sub(" ", rest)  # "the original paper by He et al.": a citation
        cited_as_written = rest  # a citation read whole, before its parts are taken out
        if len(rest) <= _CHARS_OF_A_POINTER:
            # "start at 08:40", "(file CODE)", "Huyen, *Designing ML Systems*, chapter 8":
            # where to look in a resource, no answer (a pointer is short: the cap keeps this
            # off long answers)
            rest = without_pointer_asides(rest)
        content = [
            word
            for word in words_of(_NAMED_RESOURCE.sub(" ", rest))
            if word.lower() not in _NOT_CONTENT and word != "URL"
        ]
        asked = _asked_terms(document.text[question[0] : question[1]])
        if _asks_for_an_address(document.text[question[0] : question[1]]):
            # "Where does pip download packages from?": the address is the answer
            reject(document, self.code, "asks-an-address", *candidate)
            return
        pointer_first = _POINTER.search(rest) is not None
        labelled = _SOURCE_LABEL.match(rest) is not None
        short = _word_count(rest) <= _WORDS_OF_A_POINTER
        # "See Ioffe & Szegedy (2015), "Batch Normalization: ..."": authors, a year and a
        # title are a citation at any length a title has
        work = _CITED_AUTHORS.search(rest) is not None and _word_count(rest) <= _WORDS_OF_A_CITATION
        cited = pointer_first and (short or work) and _cites(rest)
        if pointer_first and (cited or (short and (links or _names_a_resource_only(rest)))):
            content = []
            labels = []  # "Watch: [a video's title](…)": the title is not the answer
        # "Where ...?", "Which guide ...?": a place or a resource may be the answer
        where_asked = bool(_ASKS_WHERE.search(question_text) or _RESOURCE.search(question_text))
        if labelled and short and links and not asked & _ASKS_FOR_A_WORK:
            content, labels = [], []  # "Source: [paperswithcode](…)": a source, no answer
        if _only_sends_away(rest, where_asked, asked):
            content, labels = [], []  # "**Answer:** see the user guide on tuning."
            links = [*links, rest]
        if (
            not where_asked
            and not asked & _ASKS_FOR_A_WORK
            and (_breadcrumb(rest) or _only_a_citation(rest) or _only_a_citation(cited_as_written))
        ) or (
            not asked & (_ASKS_FOR_A_WORK | _ASKS_WHO)
            and _citation_by_parts(plain(HTML_TAG.sub(" ", inline)).strip())
        ):
            content, labels, links = [], [], [*links, rest]  # a path or a citation, no answer
        if _SEARCH_IT.fullmatch(rest.strip()):
            content, labels, links = [], [], [*links, rest]
        pointer = _POINTER_IN_CLAUSE.search(rest) or _SEND_AWAY.search(rest)
        pointing = pointer is not None or any(w.lower() in _POINTING for w in words_of(rest))
        if links and pointing and all(word.lower() in asked for word in content):
            content = []  # "The XGBoost tuning guide covers it: …": only the topic, then a link
        if links and _TOPIC_LABEL.fullmatch(rest) and all(w.lower() in asked for w in content):
            content = []  # "Gradient clipping: https://…": the topic as a label, then the link
        if links and labels and _AUTHOR_AFTER_TITLE.fullmatch(rest):
            content = []  # "[Understanding the trade-off](…) — Scott Roe": a title and its author
        explains = _EXPLAIN_QUESTION.match(document.text, question[0]) is not None
        # "Which library provides …?": the question's words outside its code, which a name
        # that answers it may not only repeat
        names_asked = (
            _asked_terms(_CODE_SPAN.sub(" ", question_text))
            if _ASKS_FOR_A_NAME.match(question_text)
            else None
        )
        # the class reading: nothing that answers is left once what only points is removed
        measured = (
            bool(content)
            and not self._may_answer_with_links(question_text)
            and not asked & _ASKS_WHO
            and leftover_content(inline, question_text) == []
        )
        if measured:
            content = []
        if content:
            reject(document, self.code, "content-left", *candidate)
            return
        # a vault page's title cannot answer how or why: "→ [[Decoding strategies]]"
        wiki_titles = (
            {_wiki_label(m) for m in _WIKI_LINK.finditer(answer_text)} if explains else set()
        )
        compares = explanation_asked(question_text)
        if any(
            _label_is_content(label, asked, explains, names_asked, compares)
            for label in labels
            if label not in wiki_titles
        ):
            reject(document, self.code, "label-is-content", *candidate)
            return
        if answer_values(inline, question_text):
            # "32 (see the docs)": a number answers, the link backs it
            reject(document, self.code, "answer-values", *candidate)
            return
        if asked & (_ASKS_FOR_A_WORK | _ASKS_WHO) and _CITES_A_WORK.search(answer_text):
            # "Which paper introduced Adam?" answered by its authors and title
            reject(document, self.code, "asked-for-a-work", *candidate)
            return
        resource = _RESOURCE.search(rest) or "SITE" in rest
        named = measured or cited or ((pointer or pointing) and resource) or _points_nowhere(rest)
        if not links and is_placeholder(_LIST_MARK.sub("", _MARKS_ONLY.sub("", rest).strip())):
            # "Your answer here.": a placeholder (AG130), not a pointer elsewhere
            reject(document, self.code, "placeholder", *candidate)
            return
        if not links and not named:
            # "See above" points at the source, not at a resource: that is AG137
            reject(document, self.code, "no-link-or-resource", *candidate)
            return
        offset = start + len(answer) - len(answer.lstrip())
        while (tags := TAG_LINE.match(document.text, offset)) and document.text[
            tags.end() :
        ].strip():
            # "Tags: Keras · regularisation" files the note: the pointer is on a later line
            offset = (
                tags.end()
                + len(document.text[tags.end() :])
                - len(document.text[tags.end() :].lstrip())
            )
        toggle = _IDLE_ANSWER_LABEL.match(document.text, offset)
        if toggle is not None and document.text[toggle.end() :].strip():
            # "▸ Answer" (a Notion toggle) says nothing: the pointer is on the line after it
            offset = toggle.end()
        yield Finding(
            offset, offset + len(document.text[offset:].strip().split("\n", 1)[0]), _MESSAGE
        )

    @staticmethod
    def _may_answer_with_links(question: str) -> bool:
        """A question that asks for works, addresses or places: links may answer it."""
        asked = _asked_terms(question)
        return bool(
            asked & _ASKS_FOR_A_WORK
            or asked & _ASKS_FOR_A_PLACE
            or _asks_for_an_address(question)
            or _ASKS_WHERE.search(question)
            or _RESOURCE.search(question)
        )


# A work named by its authors and year or by its quoted or italic title.
_CITES_A_WORK = lazy_regex(
    r"\bet\s+al\b|(?-i:[A-Z])[\w'\u2019-]+\s*(?:,|&|and)\s*(?-i:[A-Z])[\w'\u2019-]+,?\s*\(?"
    r"(?:19|20)\d\d|\"[^\"\n]{6,}\"|\u201c[^\u201d\n]{6,}\u201d|(?<![*\w])\*[^*\n]{6,}\*(?![*\w])",
    re.IGNORECASE,
)

_MESSAGE = (
    "the answer is only a link or a pointer to a resource: the learner has nothing to "
    "recall; write the answer itself and keep the link in the note's source"
)
_EXTRA_MESSAGE = (
    "the Extra section is only a link: the learner cannot follow it while reviewing; say "
    "what the linked page adds, or keep the link in the note's source"
)
