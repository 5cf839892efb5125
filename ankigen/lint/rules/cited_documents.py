"""Whether a source line cites a document the answer comes from (a paper, a docs page, a
book) rather than crediting the web page the text was copied from: AG131 grades the first a
warning (a placement matter: the note's ``source`` field is where a reference belongs) and the
second an error (web boilerplate)."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from ankigen.lint.data_files import data_lines
from ankigen.lint.lazy_pattern import lazy_regex

_URL = lazy_regex(r"https?://[^\s)>\]\"'\u201d]+|\bwww\.[^\s)>\]\"'\u201d]+", re.IGNORECASE)
# Hosts of papers: preprint servers, identifiers, proceedings and journals.
_PAPER_HOSTS = (
    "arxiv.org",
    "doi.org",
    "openreview.net",
    "aclanthology.org",
    "proceedings.mlr.press",
    "jmlr.org",
    "papers.nips.cc",
    "proceedings.neurips.cc",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "link.springer.com",
    "nature.com",
    "science.org",
    "sciencedirect.com",
    "biorxiv.org",
    "semanticscholar.org",
    "openaccess.thecvf.com",
    "aaai.org",
    "ijcai.org",
)
# A documentation page by its host or its path: "docs.python.org", "*.readthedocs.io",
# "/docs/", "/api/", "/stable/", "/user_guide/".
_DOCS_HOST = lazy_regex(r"^(?:docs?|developers?|api|learn|devdocs)\.|\.readthedocs\.io$")
_DOCS_PATH = lazy_regex(
    r"/(?:docs?|documentation|api|api_docs|reference|manual|stable|latest|user[-_]?guide)"
    r"(?:/|\.html?$|$)",
    re.IGNORECASE,
)
# A blog or news page on any site ("pytorch.org/blog/…") is no documentation.
_BLOG_PATH = lazy_regex(r"/(?:blogs?|posts?|news|stories|articles?)(?:/|$)", re.IGNORECASE)
_PICTURE_FILE = lazy_regex(r"\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?)$", re.IGNORECASE)
# Words that make a source line a web page's credit whatever it links: a picture, copying, a
# blog or a video site.
_WEB_CREDIT_WORDS = lazy_regex(
    r"\b(?:image|img|photo|picture|figure|fig\.|diagram|illustration|graphic|screenshot|gif|"
    r"adapted|reproduced|borrowed|copied|taken|courtesy|credits?|blogs?|posts?|medium|youtube|"
    r"website|site|tutorial|newsletter|podcast|thread|forum)\b",
    re.IGNORECASE,
)


_BLOG_LABELS = frozenset({"blog", "blogs", "medium", "substack", "wordpress", "blogspot"})
# Companies and platforms the lexicon names too: their sites host videos, posts, notebooks and
# answers, not a library's documentation (their docs hosts, "docs.nvidia.com", still count).
_PLATFORMS = frozenset(
    [
        "kaggle",
        "reddit",
        "youtube",
        "youtu",
        "linkedin",
        "facebook",
        "twitter",
        "x",
        "quora",
        "stackoverflow",
        "stackexchange",
        "medium",
        "wikipedia",
        "github",
        "gitlab",
        "google",
        "amazon",
        "microsoft",
        "nvidia",
        "openai",
        "deepmind",
        "meta",
        "apple",
        "ibm",
        "intel",
    ]
)


@cache
def _library_hosts() -> frozenset[str]:
    """The technical names as a host label writes them: "scikit-learn", "pytorch", "keras"."""
    return frozenset(
        re.sub(r"[^a-z0-9-]", "", name.lower().replace(" ", ""))
        for name in data_lines("technical_names.txt")
    )


def _document_url(url: str) -> bool:
    """Whether ``url`` addresses a paper or a page of a library's documentation (a path on
    the library's own site, a docs host or a docs path); a site's front page, a picture and
    other hosts are not read as a document."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if _PICTURE_FILE.search(path):
        return False
    if any(host == paper or host.endswith("." + paper) for paper in _PAPER_HOSTS):
        return True
    if not path:
        return False  # "https://towardsdatascience.com": a site, no document
    labels = host.split(".")
    if set(labels) & _BLOG_LABELS or _BLOG_PATH.search(path):
        return False  # "blog.tensorflow.org", "pytorch.org/blog/…": a blog, even a library's
    own_site = any(label in _library_hosts() and label not in _PLATFORMS for label in labels[:-1])
    return own_site or _DOCS_HOST.search(host) is not None or _DOCS_PATH.search(path) is not None


def cites_documents(cited: str) -> bool:
    """Whether the text after a source label cites documents by their addresses, each a paper
    or a docs page, with nothing that makes it a web credit (a picture, copying, a blog):
    "https://www.tensorflow.org/tfx/serving/serving_config", "Mohamed et al., JMLR 2020,
    https://arxiv.org/abs/1906.10652". Not "https://towardsdatascience.com/dropout-explained",
    "https://example.com/recommenders.png" or "[Towards Data Science](…)"."""
    urls = [match.group(0).rstrip(".,;:") for match in _URL.finditer(cited)]
    if not urls or _WEB_CREDIT_WORDS.search(_URL.sub(" ", cited)):
        return False
    return all(_document_url(url) for url in urls)
