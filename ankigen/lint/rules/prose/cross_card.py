"""AG137: an answer that points at another card or another part of the source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.prose_trace import rejects
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.course_material import course_material
from ankigen.lint.rules.leftovers import quoted
from ankigen.lint.rules.prose.text import answer_offset, stems, word_set, words_of
from ankigen.lint.rules.prose.unseen_context import unseen_context
from ankigen.lint.rules.prose.wiki_pointers import wiki_pointers

_NOT_A_FIGURE = (
    r"(?!\s+(?:image|figure|fig|diagram|picture|illustration|chart|graph|screenshot|table|plot)"
    r"s?\b)"
)
_CARD = r"(?:question|card|flashcard|answer|q&a|q/a|qna)s?"
# "its previous answer" is a model's output, not another card.
# "section 3 of [the Adam paper](…)", "chapter 6 of Goodfellow et al.": a place in a work the
# note names is a citation the learner can follow; "section 3 of this article" is not.
_NOT_OF_A_CITED_WORK = (
    r"(?!\s+of\s+(?!(?:this|our|my|the\s+(?:same|previous|next|above))\b)"
    r"(?:\[|(?-i:[A-Z])|the\s+(?:[\w-]+\s+){0,3}(?:paper|book|report|thesis|documentation|docs|"
    r"specification|standard|rfc)\b|\w+\s+et\s+al\b))"
)
# "[Kingma & Ba](https://…), which derives it in Section 3", "Vaswani et al. (2017) give the
# sizes in section 3.2": the sentence names a published work before its numbered part.
_NUMBERED_PART = lazy_regex(r"\b(?:section|chapter|appendix)\s+\d|\u00a7\s*\d", re.I)
# "Bishop (PRML \u00a75.1)", "Murphy, \u00a73.2": a section sign right after a work's or an
# author's name (a capitalised word, no word for a part of this source) is a citation.
_NAMED_WORK_BEFORE_SIGN = lazy_regex(
    r"(?<![\w-])(?!(?:Section|Chapter|Part|Card|Question|Deck|Lesson|Note|See|In)\b)"
    r"(?-i:[A-Z][\w-]*)(?:\s+et\s+al\.?)?,?\s*$"
)
_CITED_WORK_BEFORE = lazy_regex(
    r"\]\(https?://|\bet\s+al\b|\b(?:paper|book|report|thesis|preprint)\b|\(\d{4}\)|\"[^\"\n]{8,}\""
    # "(Springer, 2006)", a title in italics: "Bishop, *Pattern Recognition …* (Springer, 2006)"
    r"|\([^()\n]{0,60}\b(?:1[89]|20)\d\d[a-z]?\)|(?<![*\w])\*[^*\n]{6,}\*(?![*\w])",
    re.I,
)
_SENTENCE_BREAK = lazy_regex(r"[.!?](?:\s|$)|\n[ \t]*\n")
_THIS_SOURCE = lazy_regex(
    r"\b(?:this|our|my)\s+(?:article|post|guide|page|note|deck|course)\b", re.I
)
_POSSESSIVE_BEFORE = lazy_regex(r"(?:['\u2019]s|\bits|\btheir|\bhis|\bher|\byour|\bmy)\s+$", re.I)
_SOURCE_PART = (
    r"(?:section|chapter|article|post|lesson|tutorial|blog(?:\s+post)?|video|lecture|slide|"
    r"paragraph|notebook|episode|install?ment|lab|quiz|assignment|discussion)s?"
)
_REFER = (
    r"(?:see|refer(?:\s+back)?(?:\s+to)?|check(?:\s+out)?|read|look\s+(?:back\s+)?at|look\s+back\s+to|"
    r"go\s+back\s+to|flip\s+(?:back\s+)?to|turn\s+(?:back\s+)?to|revisit|recall\s+from|"
    r"cf\.?|same\s+as|similar\s+to|as\s+in|like\s+in|"
    r"identical\s+to|analogous\s+to|"
    r"compare(?:\s+(?:it|this))?\s+(?:with|to)|(?:answered|covered|explained|discussed|described|"
    # session 30: any verb of setting something out ("the rule I detailed in the section on …")
    r"mentioned|defined|given|solved|asked|stated|noted|introduced|detailed|outlined|presented|"
    r"treated|derived|went\s+(?:over|through))\s+in)"
)
_ORDINAL = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|i{1,3}|iv|vi{0,3})"
_SERIES = r"(?:series|tutorials?|course|guide|articles?|posts?|blog|book|lectures?)"
# "as before", "as earlier" end the phrase; "before training", "earlier work" do not.
_BACK_IN_TIME = (
    r"(?:above|previously|before(?!\s+(?:the|a|an|each|every|any|its|their|this|that|we|it|they|"
    r"you|[a-z]+ing)\b)|earlier(?!\s+(?:work|works|papers?|studies|research|models?|versions?|"
    r"layers?|methods?|approaches|systems?|[a-z]+ing)\b))\b"
)
# Wherever they stand, these point outside the card.
_ALWAYS = GatedPattern(
    "|".join(
        (
            r"\b(?:the\s+|this\s+|that\s+)?(?:previous|preceding|prior|earlier|above|former)\s+"
            rf"(?:interview\s+)?{_CARD}\b",
            # a note is a card by another name: "as mentioned in the previous note", "(see
            # another note)"; "the last note" of a melody is not one
            r"\b(?:the\s+|this\s+|that\s+|my\s+|our\s+)?(?:previous|preceding|prior|earlier|"
            r"above|former)\s+(?:flash)?notes?\b",
            # "reuse the DataFrame from the last note": the card before this one, unless the
            # note is one of a melody or a list ("in the last note of the scale", "... played")
            r"\b(?:from|see|as\s+in|like\s+in|cf\.?|(?:shown|mentioned|defined|created|built|"
            r"explained|introduced|loaded)\s+in)\s+(?:the|my|our)\s+last\s+(?:flash)?notes?\b"
            r"(?![ \t]*(?:of|in|on|from|to\s+(?:the|an?)\b|played|sung|held|is|was|and|\d|[-(]))",
            # "the last question" is the card before this one, unless it is the last of
            # something named ("the last question of the survey", "the last card dealt")
            r"\b(?:the|this|that|my|our|your)\s+last\s+(?:interview\s+)?(?:question|card|"
            r"flashcard|q&a|qna)s?\b(?!\s+(?:of|in|on|from|asked|dealt|drawn|played|left|that|"
            r"which|is|was)\b)",
            # a card that opens as the sequel of another: "Following on from that, ...",
            # "Building on the last one, ..."
            r"\b(?:following\s+on\s+(?:from|with)|continuing\s+(?:on\s+)?from|carrying\s+on\s+"
            r"from|building\s+on|as\s+a\s+follow[- ]up\s+to)\s+(?:the\s+|that\s+|our\s+|my\s+)?"
            r"(?:last|previous|earlier|prior|preceding|above)\s+(?:one|question|card|answer|"
            r"q&a|example|problem|exercise)s?\b",
            # "the card before this one", "the note before", "the question just above"
            r"\b(?:the|that)\s+(?:flash)?(?:card|note|question|q&a)\s+(?:(?:just|right|directly|"
            r"immediately)\s+)?(?:before|preceding)(?:\s+(?:this|it)(?:\s+one)?)?\b(?!\s+(?:the|an?|"
            r"this|that|these|those|its|their|we|you|it|they|[a-z]+ing)\b)",
            r"\b(?:the|that)\s+(?:flash)?(?:card|note|question|q&a)\s+(?:(?:just|right|directly|"
            r"immediately)\s+)?above\b(?=\s*(?:[.,;:)!?]|$)|\s+(?:explains?|explained|covers?|"
            r"covered|shows?|showed|says|said|describes?|described|derives?|derived)\b)",
            # "two notes above", "three questions back": a card counted from this one
            r"\b(?:one|two|three|four|five|a\s+few|a\s+couple\s+of|several|some|\d+)\s+(?:flash)?"
            r"(?:cards?|notes?|questions?)\s+(?:back|ago|earlier|above|up|before\s+this(?:\s+one)?)"
            r"\b(?!\s+(?:the|an?|middle|[A-G])\b)",
            # a heading that opens by likening itself to the card before: "Like the previous
            # one, but for regression: ...?"
            r"(?m:(?<=^# ))(?:(?:just\s+)?like|unlike|as\s+(?:with|for|in)|same\s+as|similar\s+to|"
            r"compared?\s+(?:to|with)|following|after)\s+the\s+(?:previous|preceding|prior|earlier|"
            r"last|above)\s+(?:one|case|example|problem|exercise|question|card|note)s?\b",
            r"(?m:(?<=^# ))(?:following\s+on|continuing|carrying\s+on|building\s+on)"
            r"(?:\s+from)?\s+(?:that|this|there|before|above|earlier|the\s+above)\b",
            rf"\b(?:{_REFER}|in|from|on)\s+(?:the\s+|my\s+|our\s+|an?\s+)?(?:next|following|"
            r"subsequent|later|other|another|separate|different|dedicated)\s+(?:flash)?notes?\b",
            rf"\b(?:in|see|from|to|for|at|like|as\s+in|refer\s+to|check)\s+(?:the\s+)?"
            rf"(?:next|following|subsequent|later|other)\s+{_CARD}\b",
            rf"\b(?:the\s+)?(?:previous|preceding|prior|earlier|above|next|following|subsequent|"
            rf"later|last)\s+{_SOURCE_PART}\b",
            rf"\b(?:{_REFER}|in|from|of|to|for|at|per|as|than)\s+(?:the\s+)?(?:answer\s+(?:to|of|for|in)\s+)?"
            r"(?:question|ques\.?|qn\.?|answer|card|flashcard|note)\s*(?:no\.?\s*|number\s*|#\s*)?"
            r"\d+[a-z]?\b",
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
            # "the fix is on card 23", "card 12 of this deck": a card by its number ("on card 0"
            # alone may be a GPU, so the verb or the deck must say it is a card)
            r"\b(?:is|are|was|were|covered|explained|discussed|shown|described|answered|derived)\s+"
            r"on\s+(?:the\s+)?(?:flash)?(?:card|question)\s*(?:no\.?\s*|#\s*)?\d+\b",
            r"\b(?:flash)?(?:card|question|note)\s*(?:no\.?\s*|#\s*)?\d+\s+(?:of|in)\s+(?:this|my|our)\s+"
            r"deck\b",
            # a card named by its quoted title: 'see the card "Credible vs confidence
            # intervals"', 'cf. the "Bias-variance" card' (a docs page's "Warning" note is no card)
            rf"\b{_REFER}\s+(?:the|my|our)\s+(?:flash)?card\s+[\"\u201c][^\"\u201d\n]{{2,80}}"
            r"[\"\u201d]",
            rf"\b{_REFER}\s+(?:the|my|our)\s+[\"\u201c][^\"\u201d\n]{{2,80}}[\"\u201d]\s+"
            r"(?:flash)?card\b",
            # session 28: a card named by its quoted title after any owner: 'the metric from my
            # "accuracy paradox" flashcard', 'another "PCA" note'
            # (a docs page's "Deprecated" note is no card: "the" only before "card")
            r"\b(?:my|our|another|a\s+separate)\s+[\"\u201c][^\"\u201d\n]{2,60}[\"\u201d]\s+"
            r"(?:flash)?(?:card|note)s?\b"
            r"|\b(?:the|that)\s+[\"\u201c][^\"\u201d\n]{2,60}[\"\u201d]\s+(?:flash)?cards?\b",
            rf"\b{_REFER}\s+(?:the\s+)?(?:answer|solution)\s+(?:to|for|of|in)\s+the\s+"
            r"(?:[\w-]+\s+){1,3}?(?:question|card)\b",
            # "explained in the linear regression section", "covered in the card on trees"
            r"\b(?:explained|covered|discussed|described|detailed|introduced|treated|derived|"
            r"mentioned)\s+(?:in|under)\s+the\s+(?:[\w-]+\s+){1,3}?(?:section|chapter|lesson|"
            r"card|flashcard)s?\b",
            r"\b(?:in|see|refer\s+to|from)\s+(?:the\s+)?(?:section|chapter|lesson|lecture)\s+"
            r"\d+(?:\.\d+)*\b" + _NOT_OF_A_CITED_WORK,
            r"\bsame\s+as\s+(?:the\s+)?(?:previous(?:ly)?\b|" + _BACK_IN_TIME + ")",
            # "Same question as above, but for regression?"
            r"\bsame\s+(?:question|answer|thing|idea|logic|reasoning|steps?|procedure|approach)"
            r"\s+as\s+(?:above|before|previously|earlier)\b",
            # "the question on bagging above", "my answer to 4b", "the same steps as question 10"
            r"\b(?:question|card|flashcard)s?\s+(?:on|about|regarding)\s+(?:[\w-]+\s+){1,4}?"
            r"(?:above|earlier|previously)\b",
            rf"\b(?:{_REFER}|in|from)\s+(?:the\s+|my\s+|our\s+)?(?:answer|solution|reply)\s+"
            r"(?:to|of|for)\s+(?:question\s+|q\.?\s?|#\s?)?\d+[a-z]?\b"
            r"(?!\s*(?:decimal|significant|digits?|places?|[-+\u00d7*/=\u2212]))",
            r"\b(?:question|answer|card|q&a)s?\s+(?:above|below)\b",
            rf"\blater\s+in\s+(?:this|the)\s+{_SOURCE_PART}\b|\bin\s+(?:a|the)\s+(?:later|future|"
            rf"upcoming|next|subsequent)\s+(?:{_CARD}|{_SOURCE_PART}|part)\b",
            # the parts of a series: "part 2 of this series", "earlier in the series"
            rf"\b(?:{_SOURCE_PART}|part|episode|install?ment|module|day|week)\s+{_ORDINAL}\s+"
            rf"(?:of|in)\s+(?:this|the|our|my)\s+(?:[\w-]+\s+)?{_SERIES}\b",
            rf"\b(?:{_REFER}|in|from)\s+part\s+{_ORDINAL}\b(?:\s+(?:of|in)\s+(?:this|the|our|my)\s+"
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
            r"(?:the\s+)?(?:section|chapter|lesson|part|module|unit)\s+(?:on|about|titled|called|"
            r"covering)\b",
            # session 30: a numbered step of a page of the author's own notes, not on the card
            # ("exactly as in step 3 of the GPU node-pool page", "see step 2 of our runbook")
            rf"\b(?:{_REFER}|as\s+in|like\s+in|per|from|follow(?:ing)?|do|repeat)\s+(?:the\s+)?"
            r"(?:step|stage|"
            r"point|item)\s+\d+[a-z]?\s+(?:of|in|on)\s+(?:the|our|my|this|that)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:page|runbook|playbook|checklist|notes|wiki|how-?to|procedure|"
            r"lab|write-?up|doc|section)s?\b",
            # ordinal cards: "as in the third question", "from the 5th card"
            # "two cards back", "the last few cards", "earlier in this deck", "\u00a73.2"
            r"\b(?:\w+\s+)?cards?\s+(?:back|ago|earlier|before\s+this(?:\s+one)?)\b",
            r"\bthe\s+(?:last|previous|preceding|next|following)\s+(?:few|couple\s+of|two|three|"
            r"several)\s+(?:flash)?cards\b(?!\s+(?:in|of|drawn|dealt|from|left))",
            r"\b(?:before|earlier|above|later|elsewhere)\s+in\s+(?:this|the)\s+deck\b",
            r"\bthe\s+(?:next|following|previous|preceding|last)\s+(?:flash)?card\b(?!\s+(?:in|of|"
            r"drawn|dealt|from|left|played|is\s+drawn))",
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
# "from Q12", "the procedure in Q9", "like question 4": a numbered question in any preposition
# frame. Q1-Q4 are also quartiles, quarters and twin critics: see ``_numbers_a_question``.
_Q_NUMBER = GatedPattern(
    r"\b(?:in|from|of|to|for|at|per|on|under|with|like|after|than|as|via|by|behind)\s+"
    r"(?:the\s+)?(?:(?:answer|solution|result|proof|derivation|formula|procedure|method|steps?|"
    r"approach|argument|reasoning|explanation|example|discussion)s?\s+(?:to|of|for|in|from)\s+)?"
    r"(?-i:Q)\.?\s?#?(?P<number>\d+)\b"
    # a range, a sum or a pair ("Q1 to Q3", "Q1 - 1.5 IQR", "Q1 and Q2") names no question
    r"(?!\s*(?:[-\u2013\u2014\u2212+*/\u00d7]|to\b|and\b|or\b|through\b|vs\b|versus\b)"
    r"\s*(?:Q\s?\d|\d))"
    # "in Q3 2023", "Q4 '22": a quarter of a year; "Q15 format", "Q16.16": fixed point; "the
    # Q3 review", "Q4 planning": a quarter's business
    r"(?!\s*(?:of\s+)?(?:FY\s?)?['\u2019]?\d{2,4}\b|\.\d|\s+(?:format|fixed|notation)\b)"
    r"(?!\s+(?:review|retro(?:spective)?|planning|plan|roadmap|report|results|earnings|okrs?|"
    r"goals?|targets?|launch|release|sprint|meeting|offsite|board|numbers|sales|revenue|"
    r"deadline|close|budget|forecast|business|campaign|cohort|churn|kpis?|metrics|readout|"
    r"update|incident|outage|audit|hiring)\b)"
    r"|(?:^|(?<=[.!?(:;] ))(?:question|card|note)\s*(?:no\.?\s*|#\s*)?\d+\s+(?:covers|covered|"
    r"explains|explained|shows|showed|has|had|gives|gave|discusses|discussed|derives|derived|"
    r"answers|answered|describes|described|deals|dealt|asks|asked)\b"
    r"|\b(?:on|under|with|like|after|than)\s+(?:the\s+)?(?:answer\s+(?:to|of|for)\s+)?"
    r"(?:question|ques\.?|qn\.?)\s*(?:no\.?\s*|number\s*|#\s*)?\d+\b",
    re.IGNORECASE | re.MULTILINE,
)
# Words of a note in which Q1-Q4 are quartiles, quarters of a year or the critics of TD3/SAC.
_OTHER_Q = lazy_regex(
    r"\b(?:quartiles?|interquartile|iqr|quarters?|quarterly|percentiles?|median|fiscal|fy|"
    r"revenue|sales|earnings|critics?|twin|td3|sac|double\s+q|clipped|q-?(?:networks?|"
    r"functions?|values?|learning|tables?|heads?)|quanti[sz]\w*|gguf|ggml|bits?|int[48])\b",
    re.IGNORECASE,
)


# Session 32: a card named by its number with "#" or "no." ("compare with card #22", "see
# flashcard no. 7"); "SD card 2" names hardware and "note 2" may be the card's own footnote.
_CARD_BY_NUMBER = GatedPattern(
    r"\b(?:flash)?card\s*(?:#|no\.|number\s+)\s*\d+\b|\bflashcard\s+\d+\b",
    re.IGNORECASE,
)


def _numbers_a_question(match: re.Match[str], text: str) -> bool:
    """Whether "Q3" in ``match`` names a question: Q1-Q4 do not in a note about quartiles,
    quarters of a year or a pair of Q-networks."""
    number = match.group("number")
    return number is None or int(number) > 4 or _OTHER_Q.search(text) is None


# A card named by its topic or place: "the card on decision trees", "the random-forest card",
# "another card". ``_NOT_A_FLASHCARD`` words make a card of hardware, games or payments.
_OTHER_CARD = GatedPattern(
    "|".join(
        (
            # "the same layer-caching idea as the card on ...": the idea may carry a word or two
            rf"\b(?:{_REFER}|same\s+(?:[\w-]+\s+){{0,2}}?(?:idea|logic|reasoning|trick|argument|principle|approach|"
            r"method|answer|explanation|story|intuition)\s+as(?:\s+(?:on|in|for))?|as\s+(?:on|in|for)|"
            r"(?:just\s+)?like|unlike|recall|"
            r"covered\s+(?:in|on|by)|explained\s+(?:in|on|by)|discussed\s+(?:in|on)|described\s+"
            r"(?:in|on)|defined\s+(?:in|on)|repeats|mirrors|(?:in|on|from|of))\s+"
            # "the other" before "the": else "other" is read as a word before the noun, which
            # "the other card" of a card game makes no flashcard
            r"(?:the\s+other|the|that|my|our|this|an?other|a\s+separate|a\s+different)\s+"
            r"(?P<before>(?:[\w&-]+\s+){0,3}?)(?P<noun>(?:flash)?cards?|questions?|q&as?|answers?|"
            r"note)"
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
_NOT_A_FLASHCARD = word_set(
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
# A way of working that one card may reuse from another.
_METHOD = (
    r"(?:formula|formulae|formulas|equation|method|step|approach|procedure|technique|trick|"
    r"recipe|calculation|computation|derivation|reasoning|logic|argument|process|strategy|"
    r"rule|setup|algorithm|analysis|proof|construction|substitution)s?"
)
# These point back: outside the card when little of the answer comes before them.
_BACKWARD = GatedPattern(
    "|".join(
        (
            rf"\bas\s+(?:(?:we|i)(?:\s+have|\s+had|['\u2019]ve)?\s+)?(?:already\s+)?{_EXPLAINED}\s+"
            r"(?:already\s+)?(?:earlier|before|previously|in\s+the\s+(?:beginning|introduction|intro))\b",
            # session 29: "The benefit, as stated already, is ...", "as noted already"
            rf"\bas\s+{_NOT_FIGURE_VERB}{_EXPLAINED}\s+already\b",
            rf"\bas\s+(?:(?:we|i)(?:\s+have|\s+had|['\u2019]ve)?\s+)?(?:already\s+)?"
            rf"{_NOT_FIGURE_VERB}{_EXPLAINED}\s+(?:already\s+)?above\b",
            r"\b(?:see|refer(?:\s+back)?(?:\s+to)?|check|read|look\s+at)\s+(?:the\s+)?"
            rf"(?:above|earlier|previous)\b{_NOT_A_FIGURE}",
            rf"\b(?:we|i)(?:\s+have|['\u2019]ve)?\s+(?:already\s+)?{_EXPLAINED}\s+(?:this\s+|it\s+|that\s+|"
            r"them\s+|these\s+)?(?:above|earlier|before|previously|already)\b",
            rf"\b{_NOT_FIGURE_VERB}{_EXPLAINED}\s+(?:above|earlier|previously)\b",
            rf"\b{_EXPLAINED}\s+(?:earlier|previously)\b",
            r"\bfrom\s+earlier\b(?!\s+(?:layers?|steps?|epochs?|versions?|times?|tokens?|states?|"
            r"iterations?|rounds?|stages?|work|runs?|models?|data)\b)",
            # "As above, but ...", "As before, we ...": "the same size as before" may mean
            # before the operation the answer describes, so only at a clause's start
            r"\b(?:as|like)\s+above\b(?!\s+(?:the|a|an)\b)|"
            r"(?:(?m:^)|(?<=[.!?;:(] ))[ \t>*_-]*(?:as|like)\s+(?:before|earlier|previously)\s*,|"
            r"\baforementioned\b|\b(?:as|like)\s+(?:i|we)\s+(?:said|wrote|noted)\b",
            # "the one given above", "the formula derived earlier"
            r"\b(?:given|presented|provided|specified|derived|obtained|written|stated)\s+above\b",
            r"\b(?:given|presented|provided|stated)\s+(?:earlier|previously)\b",
            r"\b(?:the\s+)?(?:one|ones|formula|equation|rule|definition|expression|result|example)"
            r"\s+(?:given|presented|provided|stated|derived|obtained|listed|described|defined)\s+"
            r"(?:earlier|previously|before)\b",
            rf"\b(?:the|this|that)\s+last\s+{_CARD}\b",
            # "same reasoning as the previous one", "as in the last problem"
            r"\b(?:same|identical|similar|analogous)\b[^.\n]{0,40}?\b(?:as|to)\s+(?:in\s+)?the\s+"
            r"(?:previous|preceding|prior|earlier|last|above)\s+(?:one|problem|exercise|case)\b",
            r"\bas\s+in\s+the\s+(?:previous|preceding|prior|earlier|last|above)\s+"
            r"(?:one|problem|exercise|case)\b",
            # "works like the previous one", "the derivation from the previous problem"
            r"\blike\s+(?:in\s+)?the\s+(?:previous|preceding|prior|earlier|last|above)\s+"
            r"(?:one|problem|exercise|case)\b",
            r"\b(?:from|in|of)\s+the\s+(?:previous|preceding|prior|earlier|last|above)\s+"
            r"(?:problem|exercise)s?\b",
            # session 29: the author's back-reference to another part of the source, wherever
            # it stands: "We covered this in A-00.", "(we covered this in Module 1.2)", "we
            # covered this in depth in our four-part series", "we went over it in class"
            # (the author's own "we" or "I": "the authors have discussed this in the appendix"
            # cites a paper)
            r"(?:(?<=\bwe )|(?<=\bi )|(?<=\bwe've )|(?<=\bwe\u2019ve )|(?<=\bwe have )|"
            r"(?<=\bi have )|(?<=\bwe had )|(?<=\bwe already )|(?<=\bi already )|"
            r"(?<=\bwe've already )|(?<=\bwe have already ))"
            r"(?:covered|discussed|went\s+(?:over|through)|talked\s+about)\s+"
            r"(?:this|that|these|those|it|them)\s+(?:(?:already|before|earlier|previously)\s+)?"
            r"(?:in\s+(?:more\s+|great\s+|much\s+|full\s+)?(?:depth|detail)\s+)?(?:in|during)\b"
            r"(?!\s+(?:practice|general|theory|short|summary|brief|turn|fact|particular|total|"
            r"terms|closed|one|two|code|python|math|words|plain)\b)",
            r"\b(?:the\s+)?(?:previous|preceding|above|earlier|last)\s+(?:example|code|snippet|"
            r"program|listing|exercise|solution|method|approach)s?\b",
            # "the same formula as before", "the method from earlier", "apply the steps as
            # above": a way of working shown on another card
            rf"\b(?:same|identical|similar|analogous)\s+(?:[\w-]+\s+){{0,2}}?{_METHOD}\s+"
            r"(?:as\s+)?(?:(?:we|i|you)\s+)?(?:(?:have|had)\s+)?(?:used|applied|derived|saw|seen|"
            rf"gave|given|wrote|written|followed|did|done|introduced|showed|shown)?\s*{_BACK_IN_TIME}",
            rf"\b(?:the|that|this|our)\s+(?:[\w-]+\s+){{0,2}}?{_METHOD}\s+(?:from|of)\s+"
            rf"{_BACK_IN_TIME}",
            rf"\b{_METHOD}\s+(?:we|i|you)\s+(?:have\s+|had\s+)?(?:used|applied|derived|saw|seen|"
            rf"introduced|wrote|gave|followed|discussed|described)\s+{_BACK_IN_TIME}",
            rf"\b(?:apply|use|repeat|follow|reuse|redo)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?{_METHOD}"
            rf"\s+(?:as\s+)?{_BACK_IN_TIME}",
            # session 35: "see above" in the other languages notes are taken in
            r"\b(?:siehe|vgl\.?|wie)\s+oben\b|\bvoir\s+ci-dessus\b|\bver\s+arriba\b|"
            r"\bvedi\s+sopra\b|\bzie\s+(?:hier)?boven\b|\bveja\s+acima\b",
            r"\bthe\s+above[- ](?:mentioned\s+|discussed\s+|given\s+)?"
            r"(?:answer|explanation|discussion|points?|methods?|approach(?:es)?|techniques?|definitions?|reasons?|concepts?|"
            r"statements?|descriptions?|problems?|ideas?|steps?|examples?|code|snippet|formulae?|"
            r"equations?|list)\b",
        )
    ),
    re.IGNORECASE,
)
# These point forward: outside the card when nothing follows them in the answer.
_FORWARD = GatedPattern(
    "|".join(
        (
            rf"\b(?:see|refer\s+to|check|read)\s+(?:the\s+)?(?:below|following)\b{_NOT_A_FIGURE}",
            r"\b(?:explained|discussed|described|covered|detailed|defined|listed)\s+(?:below|later|"
            r"further\s+(?:below|on)|in\s+detail\s+later)\b",
            r"\b(?:we|i)(?:\s+(?:will|shall)|['\u2019]ll)\s+(?:see|discuss|explain|cover|look\s+at|talk\s+about|"
            r"learn|describe|come\s+back\s+to)\s+(?:[\w-]+\s+){0,3}?(?:later|below|soon|shortly)\b",
            r"\bmore\s+(?:on|about)\s+(?:this|that|it)\s+(?:later|below)\b",
            # session 26: "See next.", "see the next one": the answer is on the next card
            r"\bsee\s+(?:the\s+)?next(?:\s+(?:one|card|note|question|answer))?(?=\s*[.!)]*\s*$)",
            r"\b(?:the\s+)?(?:next|following|below)\s+(?:example|code|snippet|program|listing)s?\b",
        )
    ),
    re.IGNORECASE,
)
_NAMES_A_BLOCK = lazy_regex(
    r"above|code|snippet|example|list|steps?|formula|equation|program|listing", re.IGNORECASE
)
_TABLE_LINE = lazy_regex(r"[ \t]*\|[^\n]*\|[ \t]*(?:\n|$)")
_WORDS_BEFORE_SELF_REFERENCE = 40  # "as mentioned above" after this much may mean this card
_WORDS_AFTER_SELF_REFERENCE = 8


def _blocks_between(document: LintDocument, start: int, end: int) -> bool:
    """Whether a code, math or list block or a table lies between two offsets."""
    text = document.text[start:end]
    return bool(re.search(r"^\s*(?:```|~~~|\$\$|\||[-*+]\s|\d+[.)]\s)", text, re.MULTILINE))


# "as said earlier in this answer", "above in this card": the phrase names its own card.
_THIS_ANSWER = lazy_regex(
    r"[ \t]*,?[ \t]*(?:in|on)\s+this\s+(?:answer|card|note|list|table|derivation)\b",
    re.IGNORECASE,
)
_LIST_ITEM = lazy_regex(r"^[ \t]*(?:[-*+]|\d{1,3}[.)]|\(?[a-z]\))[ \t]+", re.MULTILINE)


# A likening ("as above", "same method as before"): done the way shown, not said elsewhere.
_LIKENING = lazy_regex(
    r"^(?:as|like)\s+(?:above|before|previously|earlier)\b|\bsame\b", re.IGNORECASE
)
_CARD_NOUN = lazy_regex(r"\b(?:answers?|questions?|cards?|notes?|q&a|faq)\b", re.IGNORECASE)


def _after_a_sibling_item(prose: str, answer_start: int, match: re.Match[str]) -> bool:
    """Whether a backward likening stands in a list item of the answer after another item of
    the same list: parallel items ("- batch 32: ...", "- batch 64: as above, ...") are done
    like the one before, which the card shows."""
    phrase = match.group(0)
    if _LIKENING.search(phrase) is None or _CARD_NOUN.search(phrase) is not None:
        return False  # "as discussed above" says it was said; "the last answer" is a card
    line_start = prose.rfind("\n", 0, match.start()) + 1
    item = _LIST_ITEM.match(prose, line_start)
    if item is None or line_start <= answer_start:
        return False
    marker = item.group(0).strip()
    earlier = [
        found.group(0).strip() for found in _LIST_ITEM.finditer(prose, answer_start, line_start)
    ]
    return any(_same_kind(other, marker) for other in earlier)


def _same_kind(one: str, other: str) -> bool:
    """Markers of one list: the same bullet, or both numbered, or both lettered."""
    if one[0].isdigit() or other[0].isdigit():
        return one[0].isdigit() and other[0].isdigit()
    if one.startswith("(") or other.startswith("("):
        return one.startswith("(") and other.startswith("(")
    return one == other


# "the previous paragraph", "the paragraph below": a paragraph, which the card itself may have.
_PARAGRAPH = lazy_regex(r"\bparagraphs?\b", re.IGNORECASE)
_BACKWARD_PLACE = lazy_regex(
    r"\b(?:previous|preceding|prior|earlier|above|former|before\s+this)\b", re.IGNORECASE
)
_FORWARD_PLACE = lazy_regex(
    r"\b(?:next|following|subsequent|later|below|after\s+this)\b", re.IGNORECASE
)
_PARAGRAPH_BREAK = lazy_regex(r"\S[^\n]*\n[ \t]*\n(?:[ \t]*\n)*[ \t]*\S")


def _own_paragraph(match: re.Match[str], prose: str, answer_start: int) -> bool:
    """Whether "the previous paragraph" or "the next paragraph" names a paragraph of this
    answer: the answer has a paragraph break (with text on both sides) on the side it points
    to. "As the previous paragraph showed" in a one-paragraph answer points outside the card."""
    phrase = match.group(0)
    if _PARAGRAPH.search(phrase) is None:
        return False
    if _BACKWARD_PLACE.search(phrase) is not None:
        return _PARAGRAPH_BREAK.search(prose[answer_start : match.start()]) is not None
    if _FORWARD_PLACE.search(phrase) is not None:
        return _PARAGRAPH_BREAK.search(prose[match.end() :]) is not None
    return False


_OWN_PARTS = word_set(
    """case example problem exercise method approach solution step formula equation procedure
    calculation computation derivation technique"""
)


def _part_of_a_cited_work(match: re.Match[str], prose: str) -> bool:
    """Whether a numbered section or chapter belongs to a work its own sentence cites first
    (``prose`` is the note's raw text here: link targets are blanked in the prose view)."""
    if _NUMBERED_PART.search(match.group(0)) is None:
        return False
    start = match.start()
    breaks = [found.end() for found in _SENTENCE_BREAK.finditer(prose, 0, start)]
    sentence = prose[breaks[-1] if breaks else 0 : start]
    # "et al." ends in a full stop that is no sentence end: look one sentence further back.
    if re.search(r"\bet\s+al\.\s*$", prose[: breaks[-1]] if breaks else "") and len(breaks) > 1:
        sentence = prose[breaks[-2] : start]
    tail = prose[start : start + 80].split("\n\n", 1)[0]
    sign = match.group(0).startswith("\u00a7")
    cited = _CITED_WORK_BEFORE.search(sentence) is not None or (
        sign and _NAMED_WORK_BEFORE_SIGN.search(sentence) is not None
    )
    # session 33: a note about one work names it once, in its heading or first lines ('# Eq.
    # (1) of "Attention Is All You Need" [@vaswani2017]'); its later "§3.2.1" is that work's
    cited = cited or (sign and _WORK_OF_THE_NOTE.search(prose) is not None)
    return cited and _THIS_SOURCE.search(prose if sign else sentence + tail) is None


# What names a published work anywhere in a note: a citation key ("[@vaswani2017]",
# "\cite{…}"), "et al.", an arXiv or DOI reference, a title in quotes after "of" or "from",
# a year in brackets after a capitalised name ("Bishop (2006)").
_WORK_OF_THE_NOTE = lazy_regex(
    r"\[@[\w:.-]+|\\cite[tp]?\{|\bet\s+al\b|\barXiv[:\s]+\d{4}\.\d|\bdoi[:.]|"
    r"\b(?:of|from|in)\s+[\"\u201c](?-i:[A-Z])[^\"\u201d\n]{6,}[\"\u201d]|"
    r"(?-i:[A-Z])[\w-]+,?\s+\((?:19|20)\d\d[a-z]?\)",
    re.I,
)
# A bracket that holds only a section of a source, maybe with an equation or a page: "(§3.2.1)",
# "(§4, eq. 7)". A tag that says where the card's fact comes from, which the card states in
# full; it is no pointer to another card, but the learner cannot tell which work it means.
_SECTION_TAG = lazy_regex(
    r"\(\s*\u00a7\s*\d+(?:\.\d+)*(?:\s*[,;]\s*(?:eqs?\.?|equation|p\.|pp\.|fig\.?|footnote)"
    r"\s*[\w.()\u2013-]+)*\s*\)",
    re.I,
)


def _named_before(phrase: str, before: str) -> bool:
    """Whether the thing "the previous case" or "the same formula as before" names was named
    earlier in the same answer: then it is this answer's own."""
    nouns = {word.lower().rstrip("s") for word in words_of(phrase)} & _OWN_PARTS
    return any(
        re.search(rf"(?<!for )\b{noun}s?\b", before, re.IGNORECASE) is not None for noun in nouns
    )


# Little words that say nothing about what "as noted above" restates.
_RESTATED_FILLER = word_set(
    """the and for that this with from are was were its their which when while then than
    but not all any can has have had also only just more most such into onto each every
    does did what there here so"""
)
_CLAUSE_END = lazy_regex(r"[,.;:!?](?:\s|$)|\n[ \t]*\n")
_HEADING_LINE = lazy_regex(r"^[ \t]{0,3}#{1,6}[ \t][^\n]*", re.MULTILINE)


def _content_words(text: str) -> set[str]:
    words = {word.lower() for word in re.findall(r"[A-Za-z][A-Za-z0-9_]+", text)}
    return {word for word in words if len(word) > 2 and word not in _RESTATED_FILLER}


def _without_headings(document: LintDocument) -> str:
    """The text with every heading line blanked (same length); code is no heading."""
    text = document.text
    spans = [line.span() for line in _HEADING_LINE.finditer(document.prose)]
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _restates_own_paragraph(
    document: LintDocument, answer_start: int, match: re.Match[str]
) -> bool:
    """Whether "As noted above, X" stands in a later paragraph of the answer and X repeats
    what an earlier paragraph of it said (its words, code names included): then "above" is
    this card's own text. "As noted above, the moments start at zero" opening an answer, or
    restating nothing the card said, still points elsewhere. A heading is no paragraph the
    answer said: a cloze note's title, or "## Extra", names the topic, so "as we saw earlier"
    after it still points at another card."""
    text = document.memo("cross-card-without-headings", lambda: _without_headings(document))
    if _PARAGRAPH_BREAK.search(text[answer_start : match.end()]) is None:
        return False
    return _restates_before(text, answer_start, match)


def _restates_before(text: str, answer_start: int, match: re.Match[str]) -> bool:
    """Whether the clause after "as noted above" repeats what the answer said before it."""
    before = text[answer_start : match.start()]
    start = match.end()
    while start < len(text) and text[start] in ", \t":
        start += 1
    end = _CLAUSE_END.search(text, start)
    clause = _content_words(text[start : end.start() if end else len(text)])
    if len(clause) < 2:
        return False
    said = {form for word in _content_words(before) for form in stems(word)}
    repeated = {word for word in clause if stems(word) & said}
    return len(repeated) >= 2 and 2 * len(repeated) >= len(clause)


_BLOCK_NOUN = lazy_regex(
    r"code|snippet|example|list|steps?|formula|equation|program|listing", re.IGNORECASE
)
_NOT_A_LIST_BLOCK = lazy_regex(r"^\s*(?:```|~~~|\$\$|\|)", re.MULTILINE)


def _recalls_what_no_item_said(
    document: LintDocument, answer_start: int, block_start: int, match: re.Match[str]
) -> bool:
    """Whether a bare "as explained above" (no code, formula or list named) follows only list
    items of this answer and recalls what none of them said ("- as explained above, the
    encoder is fitted inside the pipeline"): list items explain nothing the clause repeats,
    so "above" is another card. Code, math or a table above may be what it shows."""
    if _BLOCK_NOUN.search(match.group(0)) is not None:
        return False
    if _NOT_A_LIST_BLOCK.search(document.text, answer_start, block_start) is not None:
        return False
    text = document.memo("cross-card-without-headings", lambda: _without_headings(document))
    return not _restates_before(text, answer_start, match)


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


# Notes that are no flashcards: "the release note", "the musical note", "a bank note".
_NOT_A_FLASHCARD_NOTE = word_set(
    """release lecture course class sticky bank musical grace quarter half whole eighth
    sixteenth high low final closing opening root blue side foot margin end speaker patch
    design application tech technical field post-it bass treble sharp flat natural lowest
    highest same this that"""
)


# A card, question or note placed in the deck it belongs to: "the first question of this
# deck", "the last note in my deck" (session 26).
_IN_THIS_DECK = lazy_regex(
    r"\s+(?:of|in|from)\s+(?:this|my|our)\s+(?:deck|collection)\b",
    re.IGNORECASE,
)


# A name in code before the noun ("the `RANK()` card"): the prose has it blanked.
_CODE_NAME = lazy_regex(r"`[^`\n]{1,40}`\s+(?:flash)?card\b", re.IGNORECASE)


def _names_another_card(match: re.Match[str], text: str = "") -> bool:
    """Whether "... card" is a flashcard: not a graphics card nor a card drawn from a deck.
    ``text``: the note as written, where a card's name in code still shows."""
    noun = (match.group("noun") or match.group("noun2") or "").lower()
    written = text[match.start() : match.end()]
    code_name = _CODE_NAME.search(written)
    if noun == "card" and not (match.group("before") or "").strip() and code_name:
        # "Same as the `RANK()` card": a card named by the code it is about ("the `SD` card"
        # is hardware)
        return not {word.lower() for word in words_of(code_name.group(0))} & _NOT_A_FLASHCARD
    if not noun.startswith(("card", "answer")) and _IN_THIS_DECK.match(match.string, match.end()):
        return True  # "the first question of this deck" (a card game's deck holds "cards")
    before = (match.group("before") or "").split()
    if any(word.lower() in _NOT_A_FLASHCARD for word in before):
        return False
    # "from the 100 cards", "of the 52 cards": a counted deck of a probability problem; a
    # flashcard is pointed at one by one.
    if noun == "cards" and any(word.isdigit() for word in before):
        return False
    if noun == "note" and any(word.lower() in _NOT_A_FLASHCARD_NOTE for word in before):
        return False
    if noun.startswith("answer") and not match.group("after"):
        return False  # "the correct answer", "the model's answer"
    if before or match.group("after") or match.group("after2"):
        return True
    return bool(re.search(r"\b(?:another|separate|different|other)\b", match.group(0), re.I))


_LIKENED = lazy_regex(
    r"(?:(?:just\s+)?like|unlike|same\s+\w+\s+as|as\s+(?:on|in|for)|see|recall|"
    r"compare)\b",
    re.IGNORECASE,
)
# A card named as the subject of a verb of telling: "The padding card explains how ...",
# "the next note covers clipping".
_CARD_SUBJECT = GatedPattern(
    r"\b(?:the|that|my|our)\s+(?P<before>(?:[\w&-]+\s+){1,2}?)(?:flash)?(?:card|note|question)s?"
    r"\s+(?:explains|explained|covers|covered|shows|showed|describes|described|discusses|"
    r"discussed|derives|derived|defines|defined|goes\s+(?:over|through|into)|went\s+(?:over|"
    r"through|into)|deals\s+with|dealt\s+with|has\s+(?:the\s+)?(?:details|derivation|proof|"
    r"formula))\b",
    re.IGNORECASE,
)
_RELATIVE_PLACE = word_set("next following previous preceding earlier last prior other above")
_NOT_A_CARD_SUBJECT = (
    _NOT_A_FLASHCARD | _NOT_A_FLASHCARD_NOTE | word_set("dataset data system model sim")
) - _RELATIVE_PLACE

# Words after a letter that make it no count: verbs ("the previous q explains") and little
# words ("see the previous q for details").
_NO_COUNTED_NOUN = (
    r"(?:is|was|has|does|says|asks|explains|covers|shows|describes|discusses|derives|defines|"
    r"mentions|gives|lists|answers|deals|goes|talks|uses|needs|states|notes|makes|means|seems|"
    r"looks|applies|works|follows|includes|contains|focuses|for|in|on|of|to|and|or|with|about|"
    r"from|the|a|an|this|that|as|at|by|if|when|which|where|so|but|its|his|hers|this|these|"
    r"those|was|wants|expects|tells|gets)"
)
# A single letter the note uses as a variable is no "q[uestion]": "an MA(q) model uses the
# previous q forecast errors", "ARIMA(p, d, q)", "q = 3", "$q$", "top k", "n samples".
_MATH_SPAN = lazy_regex(
    r"\$\$.+?\$\$|\$[^\s$](?:[^$\n]*[^\s$])?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL
)
_LETTER_IN_MATH = lazy_regex(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])")
# the arguments of a call or a tuple: "MA(q)", "(p, d, q)", "f(x, y)"
_ARGUMENTS = lazy_regex(r"\(([^()\n]{1,60})\)")
_LETTER = r"(?<![\w\\'\u2019.-])(?P<letter>[A-Za-z])(?![\w'\u2019-])"
_RELATION = r"(?:[=\u2260\u2248\u2264\u2265\u2208]|<=|>=|!=|[ \t][<>][ \t])"
_LETTER_AS_VARIABLE = tuple(
    lazy_regex(pattern)
    for pattern in (
        # "q = 3", "k >= 1", "n \u2264 10"; "3 = q", "0 < p"
        rf"{_LETTER}[ \t]*{_RELATION}[ \t]*[\w(\u2212-]",
        rf"[\w)][ \t]*{_RELATION}[ \t]*{_LETTER}",
        # "top k", "top-k", "k nearest", "k-fold", "n-gram", "k-means", "n-th"
        rf"\btop[- ]{_LETTER}",
        r"(?<![\w\\'\u2019.-])(?P<letter>[A-Za-z])[- ](?:nearest|fold|th|grams?|means|medoids|"
        r"dimensional|way|shot|ary|gon)\b",
        # a count before a plural noun: "n samples", "the previous q forecast errors" (not
        # the words "a" and "I": "a few items")
        rf"(?![aAI]\b){_LETTER}[ \t]+(?!{_NO_COUNTED_NOUN}\b)(?:[a-z][a-z-]*[ \t]+)?"
        rf"(?!{_NO_COUNTED_NOUN}\b)[a-z]{{2,}}s\b",
    )
)


# A link to an anchor of the page the text came from: "[see](#dropout)".
_ANCHOR_LINK = lazy_regex(r"\[[^\]\n]*\]\(#[^)\s]*\)")


def _variable_letters(document: LintDocument) -> frozenset[str]:
    """The single letters (lower case) that the note uses as variables: in math, as the
    arguments of a call or a tuple, in a relation, as a count ("top k", "n samples")."""
    text = document.text[document.body_offset :]
    letters = {
        letter.group(0)
        for span in _MATH_SPAN.finditer(text)
        for letter in _LETTER_IN_MATH.finditer(span.group(0))
    }
    letters |= {
        part.strip()
        for arguments in _ARGUMENTS.finditer(text)
        for part in arguments.group(1).split(",")
        if re.fullmatch(r"\s*[A-Za-z]\s*", part)
    }
    letters |= {
        match.group("letter") for pattern in _LETTER_AS_VARIABLE for match in pattern.finditer(text)
    }
    return frozenset(letter.lower() for letter in letters)


_LAST_LETTER = lazy_regex(r"(?<![\w&])([A-Za-z])\s*$")


def _letter_is_a_variable(phrase: str, document: LintDocument) -> bool:
    """Whether ``phrase`` ends on a lone letter ("the previous q") that the note uses as a
    variable: then it is no short form of "question"."""
    letter = _LAST_LETTER.search(phrase)
    if letter is None:
        return False
    letters = document.memo("cross-card-variable-letters", lambda: _variable_letters(document))
    return letter.group(1).lower() in letters


def _section_tag(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ("\u00a73.2.1") stands alone in a bracket that tags where
    the card's fact comes from: "# Scaling in attention (\u00a73.2.1)". The card says the fact
    itself, so the tag points nowhere the learner must go; which work it cites is unsure, so
    it is a warning, not an error."""
    tag = _SECTION_TAG.search(text, max(0, start - 3), min(len(text), end + 60))
    return tag is not None and tag.start() <= start and tag.end() >= end


class CrossCardReference(Rule):
    """An answer that points at another card or another part of the source: "as explained
    above", "see the previous question", "refer to question 12", "same as Q5", "covered in the
    next section", "the section above", "see the answer to #7", "#q3", "\u00a74.1", "the same
    idea as on the random-forest card", "two cards back", "the definition from earlier",
    "explained in the linear models section", "the procedure from Q12", "the same formula as
    before", "As above, but ...", "As before, ...", "refer to part 2", "see my answer to 4b",
    "the same steps as question 10", "the question on bagging above", "the derivation from
    the previous problem", "as mentioned in the previous note", a card or note named by its
    topic ("like the GRU card", "the update from the Adam note", "the same as for the k-means
    question") or as the subject of a verb of telling ("The padding card explains ...", "the
    next note covers clipping"), a card by its position ("the card before this one", "the
    question just above", "two notes above", "as in note 12"); in the question heading too
    ("Same question as above, for regression?", "Following on from the last question, ...",
    "Building on that, ...", "Like the previous one, but ...?", "Like the GRU card, ...?").
    "The last question of the survey" names no card, nor do a graphics, SIM or model card, a
    release note or "the note before the tonic"; "the same size as before" (before an
    operation) is not a reference.

    Cards are reviewed alone and in random order: there is no "above" and no "question 12".
    Say what the reference stood for. "As mentioned above" is accepted after a substantial part
    of the same answer (a bare "as explained above" after list items only of this answer when
    its clause repeats what they said: list items explain nothing else it could recall), or in
    a later paragraph that restates an earlier one (a heading, such
    as a cloze note's title or "## Extra", is no paragraph it can restate), and "see below"
    when the answer goes on. References to a figure, image
    or table are AG132's. Q1 to Q4 in a note about quartiles, quarters of a year or twin
    Q-networks or before a quarter's business ("the Q3 review"), a section or "\u00a7" of a work
    the same sentence cites (authors, a title in quotes or italics, "(MIT Press, 2016)"), a
    "\u00a7" of the work the note names elsewhere (a citation key "[@key]", "et al.", a quoted
    title after "of"), and a formula or method this answer itself named before, are not
    references; a bracket holding only a section ("(\u00a73.2.1)", "(\u00a75, eq. 4)") tags the
    card's source and is a warning that asks which work it is;
    nor is a single letter that the note uses as a variable (in math, as the argument of a
    call or a member of a tuple, in a relation or in code, as a count before a plural noun:
    "an MA(q) model uses the previous q forecast errors", "q = 3", "top k", "n samples").
    Code comments are read as prose too ("# same head as in the previous card"). Course
    material a student's card points at is outside the card too, in the answer: a moment of
    the recorded lecture ("As we saw at 14:05 in the lecture", "as we derived in last week's
    seminar"), a numbered lab or homework ("like the setup in Lab 3", "Homework 2's split"), a
    part of the exercise the card came from ("from part 1 of this exercise") and an option of
    a quiz ("Option (b) from the quiz above", "the poll above"); a question may set its scene
    ("the CNN from lab 3"), and a clock time that names no recording ("at 14:05 in the
    server's time zone") is no reference. A numbered slide is a picture of the lecture: AG132
    reports it.

    Read as a class too (lint/rules/prose/unseen_context.py): a part of the author's source by
    its role ("in the intro of this article", "as in the caching section"), cards or questions
    counted from this one ("the next three cards", "see the previous three answers") and a card
    that continues another ("Problem 2.4 (cont.)", "Exercise 5 continued"). Not a part of
    something the card names ("the middle section of the network", "the introduction of the
    Transformer paper"), "the last two layers", a book's exercise quoted as the source, or
    training that "continued".

    Session 28: a numbered part of the course where something was covered ("As covered in
    module 2", "as we discussed in week 6"; a plan, "attention is introduced in week 9", is
    not), the course's material by when it was given ("in last week's notes", "in Friday's
    slides"), a card named by its quoted title after "my" or "our" ('my "accuracy paradox"
    flashcard'; a docs page's "Deprecated" note is none) and a source's section by its title
    ("from the Reservoir Sampling section:").

    Session 29 (lines harvested from other people's notes): the author's own back-reference
    wherever it stands ("We went over this in the week 3 lab", "(we covered it in depth in the
    regularisation lesson)"; someone else's, "the authors have discussed this in the
    appendix", is a citation, and "we covered this in practice by …" a way of doing it) and
    "as noted already".

    Session 30 (classes of the opened batches 38 and 44): any verb of setting something out
    before a part of the source by its topic ("the scheme I outlined in the section on
    corruption", "the bound we derived in the chapter on concentration"), a numbered step of a
    page of the author's notes ("exactly as in step 2 of the cluster bootstrap page", "follow
    step 4 of our recovery runbook"; "the tag from step 2" of the answer's own list is not), and
    a card named by the code it is about ("Mirror image of the `LAG()` card"; "the `SD` card" is
    hardware).

    Session 32 (batches 46, 48 and 50): part of the answer handed to another note of the vault
    by a wiki link, read by the link's role in its sentence, the place where something is
    ("Proof via the separating hyperplane, see [[Lecture 7 - Duality#Proof]]", "The YAML layout
    is in [[dbt sources.yml]]", "details in [[…]]", "cf. [[…]]"; "See also [[Regularisation]]"
    after a written answer offers a related note), and a card by its number with a hash or
    "no." ("compare with the inner join on card #22").

    Session 35: an element of the wiki or Q&A page the card was copied from ("the toggle
    above", "the comment below", "my other answer", "per the accepted answer", "see the parent
    page"; "the comment above each function" and "the parent page" of an iframe are content),
    "see above" in German, French, Spanish, Italian, Dutch and
    Portuguese ("siehe oben", "voir ci-dessus"), last week's lecture after "cf." and a numbered
    exercise sheet ("as in the exercise sheet 2 proof", "Übungsblatt 4")."""

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
        prose = document.prose_with_comments  # a comment is prose written inside code
        answer_start = answer_offset(document)

        def rejected(guard: str, match: re.Match[str], condition: object) -> bool:
            return rejects(document, self.code, guard, *match.span(), condition)

        def possessive(match: re.Match[str]) -> bool:
            before = _POSSESSIVE_BEFORE.search(prose, max(0, match.start() - 12), match.start())
            return rejected("possessive-before", match, before)

        def cited(match: re.Match[str]) -> bool:
            return rejected(
                "part-of-a-cited-work", match, _part_of_a_cited_work(match, document.text)
            )

        found = [
            match
            for match in _ALWAYS.finditer(prose, document.body_offset)
            if not possessive(match)
            and not rejected("own-paragraph", match, _own_paragraph(match, prose, answer_start))
            and not cited(match)
        ]
        found += [
            match
            for match in _Q_NUMBER.finditer(prose, document.body_offset)
            if not rejected("not-a-question-number", match, not _numbers_a_question(match, prose))
            and not possessive(match)
        ]
        found += [
            match
            for match in _OTHER_CARD.finditer(prose, document.body_offset)
            if not rejected(
                "not-another-card", match, not _names_another_card(match, document.text)
            )
            # in the heading only after a verb of likening: "Like the GRU card, ...?", not
            # "What is the point of the trolley question?"
            and not rejected(
                "in-the-heading",
                match,
                match.start() < answer_start and _LIKENED.match(match.group(0)) is None,
            )
        ]
        found += [
            match
            for match in _CARD_SUBJECT.finditer(prose, document.body_offset)
            if not rejected(
                "not-a-card-subject",
                match,
                {w.lower() for w in match.group("before").split()} & _NOT_A_CARD_SUBJECT,
            )
        ]
        # the class reading: a part of the source, cards counted from this one, a sequel
        found += [
            match
            for match in unseen_context(prose, document.body_offset, answer_start)
            if not possessive(match) and not cited(match)
        ]
        # "in Lab 3", "the quiz above" in the answer (a question may set its scene: "the CNN
        # from lab 3", as a source names where the card comes from)
        found += course_material(prose, answer_start)
        # session 32: a card by its number in the deck ("the result on card #22")
        found += list(_CARD_BY_NUMBER.finditer(prose, answer_start))
        # session 32: part of the answer handed to another note by a wiki link
        found += [
            match
            for match in wiki_pointers(document.text, answer_start)
            if document.prose[match.end() - 1 : match.end()] == "]"
        ]
        found += [
            match
            for match in _ANCHOR_LINK.finditer(document.text, answer_start)
            if document.prose[match.start() : match.start() + 1] == "["
        ]
        for match in _BACKWARD.finditer(prose, answer_start):
            before = prose[answer_start : match.start()]
            if rejected(
                "words-before", match, len(words_of(before)) >= _WORDS_BEFORE_SELF_REFERENCE
            ):
                continue
            # "The code above" may mean a block of this card; "the last answer" never does.
            names_block = _NAMES_A_BLOCK.search(match.group(0))
            block_start = _table_start(document.text, match.start())
            if rejected("named-before", match, _named_before(match.group(0), before)):
                continue  # "in the first case ... as in the previous case": this answer's own
            if rejected("this-answer", match, _THIS_ANSWER.match(prose, match.end())):
                continue  # "as said earlier in this answer": the card says where
            if rejected("later-item", match, _after_a_sibling_item(prose, answer_start, match)):
                continue  # "- batch 64: as above, ...": the list item before it
            if rejected(
                "restates-own-paragraph",
                match,
                _restates_own_paragraph(document, answer_start, match),
            ):
                continue  # a later paragraph recalling an earlier one of the same answer
            own_block = names_block and _blocks_between(document, answer_start, block_start)
            if not rejected(
                "own-block",
                match,
                own_block
                and not _recalls_what_no_item_said(document, answer_start, block_start, match),
            ):
                found.append(match)
        for match in _FORWARD.finditer(prose, answer_start):
            after = prose[match.end() :]
            if not rejected(
                "words-after",
                match,
                len(words_of(after)) >= _WORDS_AFTER_SELF_REFERENCE
                or _blocks_between(document, match.end(), len(document.text)),
            ):
                found.append(match)
        found = [
            match
            for match in found
            if not rejected(
                "letter-is-a-variable", match, _letter_is_a_variable(match.group(0), document)
            )
        ]
        spans: list[tuple[int, int]] = []
        for start, end in sorted(match.span() for match in found):
            if spans and start < spans[-1][1]:  # overlapping phrases make one finding
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        for start, end in spans:
            if rejects(document, self.code, "quoted", start, end, quoted(prose, start, end)):
                continue  # a phrase quoted as an example is mentioned, not used
            written = document.text[start:end]
            # a name in code shows as written ("the `RANK()` card"); else the prose's words
            phrase = " ".join((written if "`" in written else prose[start:end]).split())
            if _section_tag(document.text, start, end):
                yield Finding(
                    start,
                    end,
                    f"'{phrase}' names a section of a source the note does not name: say which "
                    "work it is (author, title) or drop the tag",
                    severity=Severity.WARNING,
                )
                continue
            yield Finding(
                start,
                end,
                f"'{phrase}' points at another card or another part of the source: cards are "
                "reviewed alone; say what it refers to",
            )
