"""Text left over from the source: placeholders, adverts, figures that are not there, and
answers that point at option letters the question never gave."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from ankigen.diagnostics import Severity
from ankigen.lint.data_files import Leftovers, data_yaml
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern, LiteralSet
from ankigen.lint.prose_trace import rejects
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.artifact_references import artifact_references
from ankigen.lint.rules.cited_documents import cites_documents
from ankigen.lint.rules.course_material import points_into_a_quiz
from ankigen.lint.rules.page_navigation import pager_lines, timestamp_lines
from ankigen.lint.rules.reader_requests import wanted_acts
from ankigen.lint.rules.unfinished_asides import unfinished_asides
from ankigen.source.model import NoteType

# A single quote that opens a quotation (after a space or a bracket, before a letter) and one
# that closes it (not followed by a letter: "don't" and "Adam's" hold apostrophes, no quotes).
_SINGLE_OPEN = lazy_regex(r"(?:^|(?<=[\s(\[:]))['\u2018](?=\S)")
_SINGLE_CLOSE = lazy_regex(r"(?<=\S)['\u2019](?![A-Za-z])")


def quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside quotes opened and closed on its line: double
    quotes, or single ones ('…', \u2018…\u2019) set apart from the words around them."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    before = line[: start - line_start]
    after = line[end - line_start :]
    straight = before.count('"') % 2 == 1 and '"' in after
    curly = before.count("\u201c") > before.count("\u201d") and "\u201d" in after
    return straight or curly or _single_quoted(line, start - line_start, end - line_start)


def _single_quoted(line: str, start: int, end: int) -> bool:
    opening = None
    for found in _SINGLE_OPEN.finditer(line, 0, start + 1):
        if found.start() < start:
            opening = found
    if opening is None or _SINGLE_CLOSE.search(line, opening.end(), start):
        return False  # no quotation opened, or it closed before the phrase
    return _SINGLE_CLOSE.search(line, end) is not None


@dataclass(frozen=True)
class Phrase:
    """One entry of ``data/leftovers.yaml``: the pattern runs only on prose (lowercased) that
    contains one of its keywords; an entry without keywords always runs. The pattern is
    compiled when a note first needs it, and skips texts it cannot match (``GatedPattern``)."""

    pattern: GatedPattern
    message: str
    keywords: tuple[str, ...]

    def may_match(self, lowered: str) -> bool:
        return not self.keywords or any(keyword in lowered for keyword in self.keywords)


@dataclass(frozen=True)
class _PhraseGroup:
    phrases: tuple[Phrase, ...]
    keywords: LiteralSet  # every keyword of the group

    def candidates(self, lowered: str) -> list[Phrase]:
        """The phrases whose keywords the text holds, all keywords looked for in one pass."""
        present = self.keywords.found_in(lowered)
        return [
            phrase
            for phrase in self.phrases
            if not phrase.keywords or not present.isdisjoint(phrase.keywords)
        ]


@cache
def load_phrases(group: str) -> tuple[Phrase, ...]:
    data = data_yaml("leftovers.yaml", Leftovers)
    entries = []
    for entry in data[group]:
        flags = re.MULTILINE | (0 if entry.get("case_sensitive") else re.IGNORECASE)
        keywords = tuple(str(keyword) for keyword in entry.get("keywords", ()))
        pattern = GatedPattern(entry["pattern"], flags)
        entries.append(Phrase(pattern, str(entry["message"]), keywords))
    return tuple(entries)


@cache
def _phrase_group(group: str) -> _PhraseGroup:
    phrases = load_phrases(group)
    keywords = (keyword for phrase in phrases for keyword in phrase.keywords)
    return _PhraseGroup(phrases, LiteralSet(keywords))


def _search(
    document: LintDocument,
    group: str,
    *,
    once_per_line: bool = False,
    comments: bool = False,
    code: str,
) -> Iterator[tuple[re.Match[str], str]]:
    """Every match of the group's entries, overlapping matches once (the first); with
    ``once_per_line``, also matches with the same message on one line ("Photo by X on
    Unsplash" is one credit). With ``comments``, code comments are searched as prose too.
    ``code`` is the rule's, for the trace of rejected candidates (``prose_trace``)."""
    prose = document.prose_with_comments if comments else document.prose
    # Substring tests are far cheaper than the patterns, and most notes contain no keyword.
    candidates = _phrase_group(group).candidates(prose.lower())
    # A sentence wrapped over two lines of one paragraph is searched as one line as well
    # ("The images in\nthis post are not my own"); line-anchored entries need the lines.
    views = {prose, _WRAPPED_LINE.sub(" ", prose)} if candidates else set()
    found = sorted(
        {
            (match.start(), -match.end(), index, match.group(0), phrase.message): match
            for index, phrase in enumerate(candidates)
            for view in views
            for match in phrase.pattern.finditer(view, document.body_offset)
        }.items(),
        key=lambda item: item[0][:3],
    )
    reached = -1
    reported: set[tuple[int, str]] = set()
    for (start, _, _, _, message), match in found:
        key = (prose.rfind("\n", 0, start) if once_per_line else start, message)
        sentence = (_sentence_start(prose, start), "") if once_per_line else key
        if rejects(document, code, "quoted", start, match.end(), quoted(prose, start, match.end())):
            continue  # a phrase quoted as an example is mentioned, not used
        if start >= reached and key not in reported and sentence not in reported:
            reached = match.end()
            reported |= {key, sentence}
            yield match, message


# A line break inside a paragraph: the next line is neither blank nor a new block.
_WRAPPED_LINE = lazy_regex(r"(?<=[^\n])\n(?![ \t]*(?:\n|$|[-*+>#|]|\d+[.)][ \t]))")


def _sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding ``offset`` starts: one sentence of boilerplate ("Get
    certified with our free courses!") is one finding, whatever phrases it holds."""
    ends = [text.rfind(mark, 0, offset) for mark in (". ", "! ", "? ", "\n")]
    return max(ends)


class _PhraseRule(Rule):
    """Reports every match of one phrase group of ``data/leftovers.yaml`` in the prose."""

    phrases: ClassVar[str]
    once_per_line: ClassVar[bool] = False
    comments: ClassVar[bool] = False  # whether code comments are read as prose too

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        found = _search(
            document,
            self.phrases,
            once_per_line=self.once_per_line,
            comments=self.comments,
            code=self.code,
        )
        for match, message in found:
            yield Finding(match.start(), match.end(), message)


# --- AG130 placeholder-text --------------------------------------------------------------

# What a placeholder stands in for, and how it says so. A *unit* (a line, a table cell, a
# sentence or a bracketed span) that is nothing but such words is a placeholder.
_CONTENT = (
    r"(?:answers?|content|text|explanation|definition|examples?|formulae?|formulas|equations?|"
    r"code|snippet|samples?|descriptions?|details?|notes?|solutions?|proof|derivation|summary|links?|"
    r"references?|citations?|diagram|image|picture|figure|table|info|information|body|"
    r"output|result|intuition|reason|steps|list|response|stuff|something|section|question|"
    r"prompt|title|heading|term|concept|topic)"
)
# What an author leaves a slot for ("insert <slot> of ... here"): narrower than ``_CONTENT``,
# since "add the output of the block here" may be an instruction of the answer itself.
_SLOT = (
    r"(?:diagram|figure|fig\.?|image|picture|photo|plot|chart|graph|screenshot|illustration|"
    r"table|example|code|snippet|formula|equation|derivation|proof|link|reference|citation|video|"
    r"gif|animation|sketch|drawing|visuali[sz]ation|visual|explanation|summary|definition)s?"
)
# What a note itself is made of: "missing information" in a table is data, "answer missing"
# is not.
_CORE_CONTENT = (
    r"(?:answers?|explanation|content|examples?|code|text|details|definition|proof|solution|"
    r"description|write-?up|rest(?:\s+of\s+(?:the|this)\s+(?:answer|card|note))?)"
)
_DETERMINER = r"(?:(?:your|the|my|an?|some|more|own|real|actual|final|short|full)\s+)"
_LATER = (
    r"(?:later(?:\s+on)?|soon|tomorrow|eventually|asap|in\s+(?:a|the)\s+(?:future|"
    r"later|next)\s+(?:version|update|revision|edit)|when\s+(?:i|we)\s+(?:have|get)\s+"
    r"(?:time|a\s+chance))"
)
# What a pending part waits for, said after it: a date of the author's studies ("after lecture
# 6", "once I've read chapter 4", "before the exam", "next week") or a reason ("(need to check
# the proof)", ", not sure yet"). Only these: "to be added after the convolution" is an answer.
_AWAITED = (
    r"(?:\s*[,;(\u2013\u2014-]?\s*(?:"
    r"(?:after|once|when|until|till|before|by|following|pending)\s+(?:(?:the|this|next|my|our|a)"
    r"\s+)*(?:lectures?|class|classes|seminars?|labs?|tutorials?|exams?|midterms?|finals?|"
    r"chapters?|readings?|course|sessions?|meetings?|weeks?|weekend|semester|term|holidays?|"
    r"revision|deadline)(?:\s+\d+[\w.]*)?"
    r"|(?:after|once|when|until|before)\s+(?:i|we)(?:['\u2019]ve|\s+have)?\s+(?:read|finish|"
    r"finished|check|checked|review|reviewed|understand|understood|revise|revised|cover|covered|"
    r"learn|learned|learnt|ask|asked|derive|derived|verify|verified|get\s+to|got\s+to)\b"
    r"[^.!?\n]{0,40}?"
    r"|(?:after|once|until|before)\s+(?:reading|checking|reviewing|revising|finishing)\b"
    r"[^.!?\n]{0,40}?"
    r"|next\s+(?:week|lecture|class|session|time|term|semester)"
    r"|(?:i|we)\s+(?:still\s+)?(?:need|have|must|should)\s+to\b[^.!?\n]{0,60}?"
    r"|(?:still\s+)?(?:need|needs|have|has)\s+to\s+(?:check|verify|read|work|look|derive|find|"
    r"ask|understand|figure)\b[^.!?\n]{0,60}?"
    r"|(?:not\s+sure|unsure)\b[^.!?\n]{0,60}?"
    r")\)?)"
)
_PENDING = (
    r"(?:added|written|filled(?:\s+(?:in|out))?|completed|updated|done|expanded|continued|"
    r"finished|provided|answered|determined|announced|confirmed|decided|inserted|included|"
    r"explained|documented|elaborated|revised|checked|verified)"
)
_ACTION = (
    r"(?:insert|add|put|write|type|enter|paste|include|place|fill(?:\s+(?:in|out))?|provide|"
    r"complete|finish|expand|elaborate|explain|describe|define|cite|research|answer)"
)
# Markers that are placeholders wherever they stand alone, table cells included. ("TK" is
# upper case: "Tk" is a GUI toolkit.)
_MARKER = (
    r"(?:wip|tbd|tba|tbc|(?-i:TK)|to\s*do|fix\s*me|xxx+|\?{2,}|"
    r"not\s+(?:yet\s+)?(?:answered|written|filled\s+in|done|finished)(?:\s+yet)?)"
)
# A unit that says the note is unfinished: "draft", "pending", "stub", "needs work",
# "note to self", "unfinished", "incomplete".
_UNFINISHED = (
    rf"(?:{_DETERMINER}?{_CORE_CONTENT}\s+(?:is\s+|are\s+)?(?:still\s+)?(?:pending|"
    r"unfinished|in\s+progress|in\s+draft|a\s+stub|(?:still\s+)?to\s*do)(?:\s+(?:review|approval|"
    r"verification|a\s+check))?"
    rf"|(?:more(?:\s+{_CONTENT})?|{_DETERMINER}?{_CORE_CONTENT})\s+{_LATER}"
    # "Details: later", "Answer: ?", "Explanation - coming"
    rf"|{_CONTENT}\s+(?:tbd|tba|tbc)"
    rf"|{_CONTENT}\s*[:\-\u2013\u2014]\s*(?:{_LATER}|coming(?:\s+(?:soon|later|up))?|pending|"
    r"to\s+follow|none\s+yet|\?+)"
    r"|(?:(?:i['\u2019]?m|i\s+am|we['\u2019]?re|we\s+are)\s+)?(?:still\s+)?working\s+on\s+(?:this|it)"
    r"(?:\s+(?:one|card|answer|note|bit))?"
    # "I'll write this up later", "we still need to look this up"
    r"|(?:i|we)(?:['\u2019]ll|\s+will|\s+(?:still\s+)?(?:need|have)\s+to|\s+should|\s+must)\s+"
    r"(?:still\s+)?(?:write|finish|complete|add|fill|expand|flesh|look|check|research|update|"
    r"redo|rewrite|revisit|come\s+back)\b[^.!?\n]{0,40}?(?:\b(?:later|soon|properly|tomorrow|"
    r"eventually|up)|\b(?:this|the)\s+(?:[\w-]+\s+)?(?:card|answer|note|one|part|bit|section))"
    # "haven't written this yet"
    r"|(?:(?:i|we)\s+)?(?:haven['\u2019]?t|have\s+not|didn['\u2019]?t|did\s+not)\s+(?:yet\s+)?"
    r"(?:written|finished|done|answered|completed|filled\s+in|got(?:ten)?\s+to)\s+(?:this|it)"
    r"(?:\s+(?:one|card|answer|part))?(?:\s+yet)?"
    rf"|fill\s+(?:me|this|it)(?:\s+in)?(?:\s+{_LATER}|{_AWAITED})?|unanswered|unwritten"
    # "Not sure, check later", "verify this later"
    r"|(?:not\s+sure|unsure|no\s+idea|don['\u2019]?t\s+know)(?:\s*[,;:\-]?\s*(?:check|verify|"
    rf"look\s+(?:it\s+)?up|research|confirm)(?:\s+(?:this|it|that))?(?:\s+{_LATER})?)?"
    rf"|(?:check|verify|confirm|look\s+(?:it\s+)?up|research)(?:\s+(?:this|it|that))?\s+{_LATER}"
    # "this card is a stub", "still need to write this one", "(pending review)"
    r"|(?:this\s+|the\s+)?(?:card|note|answer|entry|page)\s+is\s+(?:still\s+)?(?:a\s+stub|"
    r"unfinished|incomplete|a\s+draft|a\s+work\s+in\s+progress|in\s+progress|empty)"
    r"|(?:still\s+)?(?:need|have)\s+to\s+(?:write|finish|complete|add|fill|expand|flesh|answer|"
    r"redo|rewrite)\s+(?:this|it|the\s+(?:card|answer|note|rest))(?:\s+(?:one|card|answer|note|"
    rf"part|up|out|in))?(?:\s+{_LATER})?"
    r"|(?:pending|needs?|awaiting|requires?|under)\s+(?:review|verification|checking|approval)"
    r"|unverified|(?:to\s+be\s+|needs?\s+to\s+be\s+)(?:verified|double-checked|checked)"
    r"|(?:(?:rough|first|early|initial)\s+)?draft(?:\s+(?:answer|version|only|note|card))?"
    r"|note\s+to\s+(?:self|myself)|reminder\s+to\s+(?:self|myself)|(?:unfinished|incomplete)\s+"
    r"(?:card|note|answer)"
    r"|(?:this\s+|it\s+)?(?:still\s+)?needs?\s+(?:more\s+|some\s+)?(?:work|filling(?:\s+in)?|"
    r"writing|finishing|expanding|fleshing\s+out|a\s+rewrite|rewriting)"
    r"|(?:finish|complete|expand|flesh\s+out|fill\s+in|write)\s+(?:this|me|the\s+(?:card|note|"
    r"answer|rest))(?:\s+(?:card|note|answer|one|part|up))?"
    rf"(?:\s+{_LATER}|{_AWAITED})?"
    # session 26: a note to self without its subject: "will update", "need to look this up",
    # "skipped for now", "do later"
    rf"|(?:skipped\s*,?\s*)?(?:do|finish|write)\s+(?:this\s+|it\s+)?(?:later|tomorrow|afterwards)"
    rf"|skipped\s+(?:for\s+now|until\s+later|{_LATER})"
    r"|will\s+(?:update|finish|complete|expand|fill\s+in|flesh\s+out|write\s+up|revisit|redo)"
    rf"(?:\s+(?:this|it|the\s+(?:card|answer|note)))?(?:\s+{_LATER})?"
    # session 28: "Still need to double-check the momentum default": "still" makes it the
    # author's own unfinished business, whatever the object
    r"|still\s+(?:need|have|got)\s+to\s+(?:double-?check|check|verify|confirm|look\s+up|"
    r"research|find\s+out|figure\s+out|ask\s+about|read\s+up\s+on|write|add|fill\s+in|finish|"
    r"complete)\b[^.!?\n]{0,60}"
    r"|(?:still\s+)?(?:need|have)\s+to\s+(?:look\s+(?:this|it|that)\s+up|look\s+up\s+(?:this|it|that)|"
    r"(?:(?:double-?)?check|verify|confirm|research)\s+(?:this|it|that))"
    rf"(?:\s+{_LATER})?)"
)
# A table cell is data: "will be updated" may describe a weight; "to be added" may not.
_CELL_PLACEHOLDER = lazy_regex(
    rf"{_MARKER}|(?:{_CORE_CONTENT}\s+)?(?:coming\s+soon|(?:goes\s+)?here)"
    # session 28: a value with a note to look it up: "? (look up)", "?? (check)"
    r"|\?*\s*\((?:look\s+(?:it\s+)?up|check|double-?check|verify|confirm|unsure|not\s+sure|"
    r"tbd|tbc|ask)\)"
    rf"|(?:{_CORE_CONTENT}\s+)?to\s+be\s+(?:added|written|filled(?:\s+in)?|completed|determined|"
    rf"confirmed|announced|decided)(?:\s+{_LATER})?",
    re.IGNORECASE,
)
_WHOLE_UNIT_PLACEHOLDER = lazy_regex(
    "|".join(
        (
            # "to be added", "(answer to be written later)", "details will be added soon";
            # session 29: a word may say which ("LICENSE DETAILS TO BE ADDED") and who will
            # ("Assignment details to be added by instructor")
            rf"{_DETERMINER}?(?:(?:[\w-]+\s+)?{_CONTENT}\s+)?(?:is\s+|are\s+)?(?:still\s+|yet\s+)?"
            rf"(?:to\s+be|will\s+be|needs?\s+to\s+be|shall\s+be|being)\s+{_PENDING}"
            r"(?:\s+by\s+(?:the\s+|an?\s+|our\s+|your\s+)?(?:instructor|teacher|lecturer|author|"
            r"tutor|ta|me|us|maintainers?|team))?"
            rf"(?:\s+(?:upon|on|in))?(?:\s+{_LATER})?{_AWAITED}?",
            rf"{_DETERMINER}?(?:{_CONTENT}\s+)?{_PENDING}\s+{_LATER}",
            # "coming soon", "more content coming soon"
            rf"{_DETERMINER}?(?:{_CONTENT}\s+)?(?:is\s+|are\s+)?coming\s+(?:soon|later|up)",
            # session 26: "(answer coming)", "more coming", "details still coming"
            rf"(?:more|{_DETERMINER}?{_CONTENT})\s+(?:is\s+|are\s+)?(?:still\s+)?coming",
            # the template's own word: "PLACEHOLDER", "placeholder text"
            r"(?-i:PLACEHOLDER)|placeholder\s+(?:text|answer|content)",
            # "answer here", "your explanation goes here"
            rf"{_DETERMINER}?(?:[\w-]+\s+)?{_CONTENT}\s+(?:goes\s+|comes\s+)?here",
            # "insert formula here", "fill in later", "add example later"
            rf"{_ACTION}(?:\s+{_DETERMINER}?(?:[\w-]+\s+){{0,2}}?{_CONTENT})?\s+{_LATER}",
            rf"{_ACTION}\s+{_DETERMINER}?(?:[\w-]+\s+){{0,2}}[\w-]+\s+here",
            # "Insert diagram of the encoder here", "Add here: a plot comparing the two"
            rf"{_ACTION}\s+{_DETERMINER}?(?:[\w-]+\s+){{0,2}}?{_SLOT}\s+(?:of|for|on|about|"
            r"showing|explaining|comparing|illustrating|with|from|that|to)\b[^.!?\n]{1,80}?\s+here",
            rf"{_ACTION}\s+here\s*[:\-\u2013\u2014]?\s*{_DETERMINER}?(?:[\w-]+\s+){{0,2}}?{_SLOT}"
            r"\b[^.!?\n]{0,80}",
            _UNFINISHED,
            rf"(?:work\s+in\s+progress|under\s+construction|{_MARKER}|"
            r"no\s+answer(?:\s+yet)?|answer\s+pending|fill\s+in|write\s+here)",
            # "details to follow", "needs an answer", "come back to this later"
            rf"(?:more\s+|(?:the\s+)?{_CORE_CONTENT}\s+)?to\s+(?:follow|come)",
            rf"(?:(?:this\s+)?(?:needs?|requires?)\s+(?:an?\s+|more\s+)?|missing\s+)"
            rf"{_CORE_CONTENT}|{_CORE_CONTENT}\s+missing",
            r"(?:(?:i|we)(?:['\u2019]ll|\s+will)\s+)?(?:come\s+back\s+to|revisit)\s+(?:this|it)"
            r"(?:\s+later)?",
        )
    ),
    re.IGNORECASE,
)
# Session 29 (harvested lines): the page's material announced for later, after any words
# that say which ("New posts coming soon!", "Detailed setup instructions, environment
# variable reference, and production deployment guides are coming soon.", "Study materials
# and notes will be available soon."): a whole line or sentence that promises the content
# instead of giving it. Tried only on units that hold "soon" or "shortly".
_MATERIAL = (
    r"(?:posts?|articles?|guides?|instructions?|notes?|materials?|tutorials?|docs|"
    r"documentation|videos?|chapters?|sections?|slides?|exercises?|examples?|content|details?|"
    r"answers?|explanations?|lessons?|write-?ups?|references?|solutions?|diagrams?|figures?|"
    r"notebooks?|derivations?|proofs?)"
)
_ANNOUNCED = lazy_regex(
    # a label may lead: "**Note:** … are coming soon."
    r"(?:[*_]*(?:note|nb|update|status|edit)[*_]*\s*:[*_]*\s+)?"
    rf"(?:[\w.'\u2019/-]+,?\s+(?:and\s+|&\s+)?){{0,10}}?{_MATERIAL}"
    # which part they are for: "the exercises for this chapter will be available shortly"
    r"(?:\s+(?:for|of|on|about|in)\s+(?:[\w.'\u2019/-]+\s+){0,3}?[\w.'\u2019/-]+)?"
    r"\s+(?:(?:is|are|will\s+be)\s+)?"
    r"(?:still\s+)?(?:coming|available|added|published|posted|released|uploaded|ready|up)\s+"
    r"(?:soon|shortly)(?:\s*[.!]+\s*stay\s+tuned(?:\s+for\s+[^.!?\n]{1,60})?)?",
    re.IGNORECASE,
)
# "This is a work in progress!", "It is still WIP and therefore incomplete": the note says of
# itself that it is unfinished.
_SELF_IN_PROGRESS = lazy_regex(
    r"(?:this|it)\s+is\s+(?:still\s+)?(?:very\s+much\s+)?(?:an?\s+)?(?:work\s+in\s+progress|wip)"
    r"(?:\s+and\s+[^.!?\n]{0,60})?"
    # the page or its material under construction: "These tutorials are under construction,
    # so please share your feedback", "Exercises Under Construction"
    rf"|(?:(?:this|these|the|our|my)\s+)?(?:[\w-]+\s+){{0,2}}?(?:(?:website|site|page|card|note|deck)s?|"
    rf"{_MATERIAL})"
    r"\s+(?:(?:is|are)\s+)?(?:still\s+)?under\s+construction(?:\s*[,;]\s*[^.!?\n]{0,80})?"
    # "There is more to come, just working out some of the kinks right now."
    r"|there\s+is\s+(?:much\s+|a\s+lot\s+)?more\s+to\s+come\s*[,;]\s*(?:just|still|i['\u2019]m|"
    r"we['\u2019]re|i\s+am|we\s+are)\b[^.!?\n]{0,80}",
    re.IGNORECASE,
)


# Session 29: slots in shapes of their own. An equation whose right side was never written
# ("F1 = ...", "with probability p = ?"); an unchecked task item that is an instruction to
# the author ("- [ ] add the scaling at test time"; three or more task items make a
# checklist the card is about); a template's field never filled ("{{ answer }}", "{{Back}}").
_EMPTY_RIGHT_SIDE = lazy_regex(
    r"(?<![=<>!])=[ \t]*(?P<slot>\.{3}|\u2026|\?{1,3})[ \t]*[.,;]?[ \t]*$", re.MULTILINE
)
_TASK_ITEM = lazy_regex(r"^[ \t]*[-*+][ \t]+\[[ xX]\][ \t]", re.MULTILINE)
_AUTHOR_TASK = lazy_regex(
    r"^[ \t]*[-*+][ \t]+\[ \][ \t]+(?:to\s*do:?\s*)?(?:add|write|explain|finish|expand|insert|"
    r"fill\s+in|include|elaborate|describe|derive|cite|look\s+up|double-check|clarify|rewrite|"
    r"research)\b[^\n]*",
    re.MULTILINE | re.IGNORECASE,
)
_TEMPLATE_FIELD = lazy_regex(
    r"\{\{\s*(?:front|back|extra|answer|question|text|definition|explanation|example|content|"
    r"formula|term|solution)(?:_[a-z]+)?\s*\}\}",
    re.IGNORECASE,
)
_TEMPLATE_TALK = lazy_regex(r"\b(?:jinja|templat\w*|mustache|handlebars|liquid|helm)\b", re.I)
_TASK_ITEMS_OF_A_CHECKLIST = 3


def _slot_shapes(document: LintDocument, prose: str, start: int) -> Iterator[tuple[int, int]]:
    """An empty right side, an author's unchecked task item, an unfilled template field."""
    if "=" in prose[start:]:
        for match in _EMPTY_RIGHT_SIDE.finditer(prose, start):
            yield match.span("slot")
    tasks = _TASK_ITEM.findall(prose, start) if "[ ]" in prose[start:] else []
    if tasks and len(tasks) < _TASK_ITEMS_OF_A_CHECKLIST:
        for match in _AUTHOR_TASK.finditer(prose, start):
            yield _trimmed(prose, *match.span(), "- [] \t")
    if "{{" in document.text and not _TEMPLATE_TALK.search(document.text, document.body_offset):
        for match in _TEMPLATE_FIELD.finditer(document.text, start):
            yield match.span()


# Session 30 (classes of the opened batches 38 and 44): the answer announced for later with
# the author's status after it ("Coming soon, Ravi is writing this section.", "Answer coming
# soon, still recording this part of the lecture!"), and that status alone when it names a
# part of the note ("I'm still drafting this section"). The status is someone producing the
# material; "Spark is writing the output" has no part of the note as its object.
_PRODUCING = (
    r"(?:writing|recording|drafting|working\s+on|preparing|editing|finishing|filming|"
    r"putting\s+together|adding|updating|rewriting|researching|typing\s+up)"
)
_PRODUCER = (
    r"(?:(?:i|we|(?-i:[A-Z])[\w'\u2019-]+(?:\s+(?-i:[A-Z])[\w'\u2019-]+)?|someone|the\s+"
    r"(?:author|instructor|lecturer|team))(?:['\u2019]m|['\u2019]re|['\u2019]s|\s+is|\s+am|\s+are)"
    r"\s+)"
)
_ANNOUNCED_WITH_STATUS = lazy_regex(
    rf"(?:{_DETERMINER}?(?:{_CONTENT}\s+)?(?:is\s+|are\s+)?(?:still\s+)?coming(?:\s+(?:soon|"
    r"later|up))?|(?:more\s+)?to\s+(?:follow|come)|tbd|tbc|tba|wip|work\s+in\s+progress)"
    rf"\s*(?:[,;:\u2013\u2014]|\s-)\s*{_PRODUCER}?(?:still\s+|currently\s+|busy\s+)?{_PRODUCING}"
    r"\b[^.!?\n]{0,80}"
    rf"|{_PRODUCER}(?:still\s+|currently\s+|busy\s+)?{_PRODUCING}\s+(?:this|the|that)\s+"
    r"(?:[\w-]+\s+)?(?:section|part|page|card|answer|note|bit|entry|chapter)"
    r"(?:\s+(?:of|for)\s+(?:the|this|my|our)\s+[\w-]+)?",
    re.IGNORECASE,
)


def _announces_or_unfinished(unit: str) -> bool:
    """Whether the unit only announces material for later or says the note is unfinished."""
    lowered = unit.lower()
    if ("soon" in lowered or "shortly" in lowered) and _ANNOUNCED.fullmatch(unit):
        return True
    if "ing" in lowered and _ANNOUNCED_WITH_STATUS.fullmatch(unit):
        return True
    return any(word in lowered for word in ("progress", "wip", "construction", "to come")) and bool(
        _SELF_IN_PROGRESS.fullmatch(unit)
    )


# In brackets ("<add example>", "[your answer]", "<answer>") an imperative or a bare noun is a
# slot to fill, not a sentence of the answer.
_PLACEHOLDER_LIST = lazy_regex(
    rf"(?:{_WHOLE_UNIT_PLACEHOLDER.pattern})(?:\s*[,;/&+]\s*(?:and\s+)?"
    rf"(?:{_WHOLE_UNIT_PLACEHOLDER.pattern}))+",
    re.IGNORECASE,
)
_LIST_SEPARATORS = ",;/&+"


def _placeholder_list(unit: str) -> bool:
    """Whether the whole unit is a list of placeholders. A list has a separator, which most
    units lack: they skip the pattern (a hundred alternatives tried at the start of each)."""
    return any(mark in unit for mark in _LIST_SEPARATORS) and bool(
        _PLACEHOLDER_LIST.fullmatch(unit)
    )


# "[TODO: add the proof]", "(to do: the reason)", "[ADD ANSWER: log replication]": a marker
# or an instruction to the author, then what is missing.
_LABELLED_SLOT = (
    rf"(?:{_MARKER}|note\s+to\s+(?:self|myself)|{_ACTION}(?:\s+{_DETERMINER}?(?:[\w-]+\s+)"
    rf"{{0,2}}?{_CONTENT})?|(?:{_CORE_CONTENT}\s+)?(?:pending|missing)"
    # session 34: the slot itself as the label, with what should fill it ("[answer here:
    # performance comparison]", "(example here — a before/after timing)")
    rf"|{_DETERMINER}?{_CONTENT}\s+(?:goes\s+|comes\s+)?here)\s*[:\-\u2013\u2014]\s*\S.*"
)
_BRACKETED_PLACEHOLDER = lazy_regex(
    rf"{_ACTION}\s+{_DETERMINER}?(?:[\w-]+\s+){{0,2}}?{_CONTENT}"
    # what the missing content should show: "[add example with monitor=…]", "[insert the
    # univariate formula from the lecture notes]"
    r"(?:\s+(?:with|for|of|on|about|showing|from|using|comparing|illustrating|that|to|in)\b"
    r"[^\]\n]{0,60})?"
    rf"|{_DETERMINER}?(?:your|my)\s+(?:[\w-]+\s+)?{_CONTENT}"
    r"|(?:answer|explanation|definition|example|formula|content|text|placeholder|description)"
    # a blank in brackets: "[...]", "[?]", "[blank]"
    rf"|\.{{2,}}|\u2026|\?+|_+|blank|missing|empty|tbd|tbc|{_LABELLED_SLOT}"
    # a wiki's or an editor's mark: "[citation needed]", "[source?]", "[needs a reference]"
    r"|(?:citation|source|reference|ref|clarification|example|proof)s?\s*(?:needed|required|\?)"
    # session 28: a slot named by what goes in it ("<batch size here>"; "<your key here>" is
    # the reader's own value), and what is still to be done ("[to write]", "{to check}")
    r"|(?!your\b)(?:[\w-]+\s+){1,3}(?:goes\s+)?here"
    r"|(?:still\s+)?to\s+(?:write|add|fill(?:\s+in)?|finish|complete|expand|check|verify|"
    r"come|follow|be\s+(?:written|added|filled(?:\s+in)?|done|checked|verified))"
    r"|needs?\s+(?:an?\s+)?(?:citation|source|reference)"
    # session 29: "[needs a diagram]", "[needs more examples]"
    rf"|needs?\s+(?:an?\s+|more\s+|some\s+)?{_SLOT}",
    re.IGNORECASE,
)
# In parentheses an instruction to the author, not a gloss: "(add example)", "(insert link)".
# A bare instruction in brackets ending its line: "Extra space: [fill]", "<write>". Before
# more text it may be a name ("[fill] mode").
_BARE_SLOT = lazy_regex(rf"{_ACTION}(?:\s+(?:in|out|me|this|it|here))?", re.IGNORECASE)
_PAREN_PLACEHOLDER = lazy_regex(
    rf"(?:insert|add|put|paste|fill\s+in)\s+{_DETERMINER}?{_CONTENT}|{_LABELLED_SLOT}"
    r"|\?+|\.{2,}|\u2026|_{2,}",
    re.IGNORECASE,
)
# A note to self in telegraphic style, a line or a sentence of its own: "Add plot.", "*insert
# figure*" (in brackets, "(include examples)" is advice of the answer).
_TELEGRAPHIC_SLOT = lazy_regex(
    rf"(?:insert|paste|attach)\s+{_DETERMINER}?{_SLOT}|(?:add|put|include)\s+{_SLOT}", re.IGNORECASE
)
# An instruction to finish the text, in brackets at the end of its line: "(expand)", "(expand
# on this)", "(elaborate later)", "(finish this)".
_PAREN_TO_DO = lazy_regex(
    r"(?:to\s+)?(?:expand|elaborate|finish|complete|flesh\s+out|rewrite|redo|reword)"
    rf"(?:\s+(?:on\s+)?(?:this|it|here|more))?(?:\s+{_LATER})?",
    re.IGNORECASE,
)
# A value said to be missing, in brackets after a label or a sentence: "Formula: (missing)".
_PAREN_SLOT = lazy_regex(r"missing|blank|empty|tbd|tba|tbc|pending|to\s+come", re.IGNORECASE)
# The whole answer a placeholder only: "?", "...", "N/A", a dash.
_WHOLE_ANSWER_PLACEHOLDER = lazy_regex(r"\?+|\.{2,}|\u2026|n/a|n\.a\.|[-\u2013\u2014]+", re.I)
_UNIT_DECOR = " \t*_~>#.!:;,\"'\u201c\u201d\u2018\u2019\u2013\u2014"
_LIST_MARKER = lazy_regex(r"[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?")
# An editor's note in square brackets may say at length what should fill it ("[answer here:
# when each device should run its own copy of the step]"): up to 100 characters (session 34).
_BRACKETED = lazy_regex(
    r"\(([^()\n]{1,60})\)|<([^<>\n]{1,60})>|\[([^\[\]\n]{1,100})\](?![(\[:])|\{([^{}\n]{1,60})\}"
)
_LINE_SLOT = lazy_regex(
    r"[\[(<{][ \t]*(?:\.{2,}|\u2026|_+|\?+|blank|empty|none\s+yet|answer|tbd|tbc|tba|"
    r"to\s*do|fill(?:\s+in)?|pending)[ \t]*[\])>}]",
    re.IGNORECASE,
)
# A value left empty after its label: an ellipsis, question marks or a blank line to fill.
_EMPTY_VALUE = lazy_regex(r"(?:\.{3,}|\u2026|\?{1,3}|_{3,})[ \t]*")
_UNIT_SEPARATOR = lazy_regex(r"[:;][ \t]+|[ \t]+[-\u2013\u2014]+[ \t]+")
_SENTENCE = lazy_regex(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)


def is_placeholder(text: str) -> bool:
    """Whether the whole text is a placeholder ("Your answer here.", "TBD"): AG130 reports
    it, so other rules need not read it as an answer."""
    start, end = _trimmed(text, 0, len(text))
    return _WHOLE_UNIT_PLACEHOLDER.fullmatch(text, start, end) is not None


def _trimmed(text: str, start: int, end: int, decor: str = _UNIT_DECOR) -> tuple[int, int]:
    """The span without surrounding decoration: spaces, emphasis, quotes, end punctuation;
    around a unit (the default ``decor``) pictographs too ("🚧 Work in progress 🚧")."""
    pictographs = decor is _UNIT_DECOR
    while start < end and (
        text[start] in decor or text[start].isspace() or (pictographs and _pictograph(text[start]))
    ):
        start += 1
    while end > start and (
        text[end - 1] in decor
        or text[end - 1].isspace()
        or (pictographs and _pictograph(text[end - 1]))
    ):
        end -= 1
    return start, end


_CLOZE_TEXT = lazy_regex(r"\{\{c\d+::(.*?)(?:::[^{}\n]*)?\}\}", re.DOTALL)


def _pictograph(character: str) -> bool:
    """An emoji or a symbol that decorates a line (a construction sign, a pencil, a warning
    sign), with the joiner and variation selector that build emoji."""
    return character in "\u200d\ufe0f" or (
        ord(character) > 0x2000 and unicodedata.category(character) == "So"
    )


def _units(prose: str, source: str, start: int) -> Iterator[tuple[int, int, str]]:
    """The answer's units: (start, end, kind) for each line, table cell, sentence, cloze text
    and bracketed span, each trimmed of decoration. ``text`` is the source (for cloze text,
    which the prose blanks)."""
    for line in re.finditer(r"^.*$", prose[start:], re.MULTILINE):
        line_start, line_end = start + line.start(), start + line.end()
        text = line.group(0)
        if re.fullmatch(r"\s*\|.*\|\s*", text):
            for cell in re.finditer(r"[^|]+", text):
                yield (*_trimmed(prose, line_start + cell.start(), line_start + cell.end()), "cell")
            continue
        slot = _LINE_SLOT.fullmatch(text.strip())
        if slot:
            # "[...]", "(blank)": a line that is nothing but an empty slot
            yield line_start + text.index(slot.group(0)), line_start + len(text.rstrip()), "slot"
        marker = _LIST_MARKER.match(text)
        body_start = line_start + (marker.end() if marker else 0)
        yield (*_trimmed(prose, body_start, line_end), "line")
        for sentence in _SENTENCE.finditer(prose, body_start, line_end):
            yield (*_trimmed(prose, sentence.start(), sentence.end()), "sentence")
        for mark in _UNIT_SEPARATOR.finditer(prose, body_start, line_end):
            # "Step two: to be added", "Answer: TBD", "WIP - come back to this"
            yield (*_trimmed(prose, body_start, mark.start()), "sentence")
            yield (*_trimmed(prose, mark.end(), line_end), "sentence")
            if mark.group(0)[0] == ":" and _EMPTY_VALUE.fullmatch(prose, mark.end(), line_end):
                # "Why it works: ...": a label whose value was never written
                yield mark.end(), line_end - (len(text) - len(text.rstrip())), "slot"
    for match in _CLOZE_TEXT.finditer(source, start):
        # "{{c1::TBC}}": what the learner recalls is itself a placeholder
        # (trimmed of spaces and emphasis only: "{{c1::...}}" hides an ellipsis)
        yield (*_trimmed(source, match.start(1), match.end(1), " \t*_~"), "cloze")
    for match in _BRACKETED.finditer(prose, start):
        group = next(index for index in (1, 2, 3, 4) if match.group(index) is not None)
        # "(text)" glosses a word; "<text>", "[text]" and "{text}" are slots to fill
        kind = "paren" if group == 1 else "bracket"
        yield (*_trimmed(prose, match.start(group), match.end(group)), kind)


# An answer that opens with the note's state and then what the author still has to do:
# "Pending — ask in Thursday's office hours", "Stub: fill in after the lab". (A bare
# "Pending." or "Stub." may answer; "Pending: accepted, not yet scheduled" defines.)
_STATE_LEAD = lazy_regex(
    r"(?P<state>stub|pending|unfinished|incomplete|empty|blank|skeleton|wip|draft|unanswered)"
    r"[ \t]*[:\u2013\u2014-][ \t]*(?:(?:ask|check|verify|confirm|look|fill|write|add|finish|"
    r"complete|research|revisit|come\s+back|read\s+up|need|needs|will|to\s*do|tbd|tbc|update|"
    r"expand)\b[^\n]*|[^\n]*\b(?:later|soon|tomorrow|next\s+(?:week|class|lecture|session|"
    r"time))\b[^\n]*)",
    re.IGNORECASE,
)


def _opens_with_its_state(document: LintDocument, start: int, end: int) -> tuple[int, int] | None:
    """The span of a state word opening the answer's first line, unless the question asks
    about that state ("What does a Pending pod phase mean?")."""
    prose = document.answer_prose
    line_end = prose.find("\n", start, end)
    match = _STATE_LEAD.fullmatch(prose, start, end if line_end < 0 else line_end)
    if match is None or document.question is None:
        return None
    question = document.text[document.question[0] : document.question[1]]
    if re.search(rf"\b{match.group('state')}", question, re.IGNORECASE):
        return None
    return match.start(), match.end("state")


def _placeholder_spans(document: LintDocument) -> Iterator[tuple[int, int]]:
    prose = document.answer_prose
    start = _answer_start(document)
    answer = _trimmed(prose, start, len(prose), "*_~>")
    if _WHOLE_ANSWER_PLACEHOLDER.fullmatch(" ".join(prose[answer[0] : answer[1]].split())):
        yield answer
    state = _opens_with_its_state(document, *answer)
    if state is not None:
        yield state
    yield from _slot_shapes(document, prose, start)
    for unit_start, unit_end, kind in _units(prose, document.text, start):
        source = document.text if kind == "cloze" else prose
        unit = " ".join(source[unit_start:unit_end].split())
        if not unit:
            continue
        if kind in ("bracket", "paren") and _ELISION.fullmatch(unit) and _nested(prose, unit_start):
            continue  # "{count, plural, one {…} other {# …}}": syntax shown with a part elided
        if kind == "sentence" and _DEICTIC_SLOT.fullmatch(unit) and _GOES_ON.match(prose, unit_end):
            continue  # "The output here: `[1, 2, 3]`": this case's output, then what it is
        if kind in ("cell", "cloze"):
            # a cloze of "?" or "N/A" hides nothing; a cell of "---" is a table's rule
            # ... nor does one of "FILL ME" or "TODO": the marker is what the learner recalls
            blank = kind == "cloze" and (
                _WHOLE_ANSWER_PLACEHOLDER.fullmatch(unit) or _WHOLE_UNIT_PLACEHOLDER.fullmatch(unit)
            )
            if _CELL_PLACEHOLDER.fullmatch(unit) or blank:
                yield unit_start, unit_end
        elif (
            kind == "slot"
            or _WHOLE_UNIT_PLACEHOLDER.fullmatch(unit)
            or _placeholder_list(unit)
            or (kind == "bracket" and _BRACKETED_PLACEHOLDER.fullmatch(unit))
            or (kind == "bracket" and _BARE_SLOT.fullmatch(unit) and _ends_line(prose, unit_end))
            or (kind == "paren" and _PAREN_PLACEHOLDER.fullmatch(unit))
            or (kind in ("line", "sentence") and _TELEGRAPHIC_SLOT.fullmatch(unit))
            or (kind in ("line", "sentence") and _announces_or_unfinished(unit))
            or (
                kind == "paren"
                and (_PAREN_TO_DO.fullmatch(unit) or _PAREN_SLOT.fullmatch(unit))
                and _ends_line(prose, unit_end)
                and _opens_a_sentence(prose, unit_start)
            )
        ):
            yield unit_start, unit_end


# "The output here", "this answer here": the thing at hand pointed at, when the sentence goes
# on after a colon or a dash with what it is (session 34); "Your answer here" stays a slot.
_DEICTIC_SLOT = lazy_regex(rf"(?:the|this|that)\s+(?:[\w-]+\s+)?{_CONTENT}\s+here", re.IGNORECASE)
_GOES_ON = lazy_regex(r"[ \t]*(?::|\s-|\u2013|\u2014)[ \t]*[^\s.]")
_ELISION = lazy_regex(r"\.{3}|\u2026")
_OPENING = {"(": ")", "[": "]", "{": "}"}


def _nested(prose: str, offset: int) -> bool:
    """Whether the bracket around ``offset`` sits inside another bracket opened earlier on
    its line: an ellipsis there elides a part of the expression being shown."""
    line_start = prose.rfind("\n", 0, offset) + 1
    stack: list[str] = []
    for character in prose[line_start:offset]:
        if character in _OPENING:
            stack.append(_OPENING[character])
        elif stack and character == stack[-1]:
            stack.pop()
    return len(stack) >= 2  # the unit's own bracket, and one around it


def _heading_placeholders(document: LintDocument) -> Iterator[tuple[int, int]]:
    """The question heading is template text too when it was never replaced: "# [Question
    goes here]", "# <your question>", "# TBD", "What does [insert term] mean?"."""
    question = document.question
    if document.note.meta.type is NoteType.CLOZE or question is None:
        return
    prose = document.prose
    whole = _trimmed(prose, *question)
    unit = " ".join(prose[whole[0] : whole[1]].split())
    if unit and (_WHOLE_UNIT_PLACEHOLDER.fullmatch(unit) or _placeholder_list(unit)):
        yield whole
        return
    for match in _BRACKETED.finditer(prose, question[0], question[1]):
        group = next(index for index in (1, 2, 3, 4) if match.group(index) is not None)
        begin, end = _trimmed(prose, match.start(group), match.end(group))
        text = " ".join(prose[begin:end].split())
        bracket = group != 1
        if _WHOLE_UNIT_PLACEHOLDER.fullmatch(text) or (
            _BRACKETED_PLACEHOLDER.fullmatch(text)
            if bracket
            else _PAREN_PLACEHOLDER.fullmatch(text)
        ):
            yield begin, end


def _opens_a_sentence(prose: str, offset: int) -> bool:
    """Whether the bracketed unit at ``offset`` stands where a sentence starts (at its line's
    start or after a sentence's end): "... back. (elaborate)" is a note to self, "... (expand)"
    after a word may gloss it."""
    before = prose[prose.rfind("\n", 0, offset) + 1 : offset].rstrip(" \t([*_")
    return not before.strip(" \t>-*+") or before[-1] in ".!?:"


def _ends_line(prose: str, offset: int) -> bool:
    """Whether only a closing bracket and punctuation follow ``offset`` on its line."""
    return re.match(r"[\])}>]?[ \t.,;:!?*_]*(?:\n|$)", prose[offset:]) is not None


def _answer_start(document: LintDocument) -> int:
    """Where the answer begins: after the question heading, or at the body (cloze notes)."""
    question = document.question
    if document.note.meta.type is NoteType.CLOZE or question is None:
        return document.body_offset
    return question[1]


class PlaceholderText(Rule):
    """Placeholder text left where the content should be: *Lorem ipsum*, TODO, TBD, FIXME,
    "Answer here", "[insert formula here]", "Insert diagram of the encoder here", "<add
    example>", "[your answer]", "Coming soon", a question heading never written ("# [Question
    goes here]", "# <your question>"), "(to be added)", "to be added after lecture 6" (a date
    of the author's studies or a reason after it: "once I've read chapter 3", "(still need to
    check the proof)"), "Fill in later", "???", a blank "____", a number left as "XX%", or an
    answer that is only "?", "..." or "N/A"; notes to self about the card ("Draft", "Explanation
    pending", "Needs work", "Note to self: finish this card", "I'll write this up later"),
    instructions in brackets ("[TODO: add the proof]", "(to do: the reason)", "Space: [fill]")
    a cloze whose hidden text is itself a marker ("{{c1::TBC}}"), editors' marks ("[citation
    needed]", "(pending review)", "O(?)") and notes that the card is unfinished ("This card is
    a stub", "Still need to write this one"), and in Python code a comment that stands where
    code should be ("return ...  # fill in", "pass  # your code here", "# TODO"), unless the
    note speaks of such markers ("How do you mark unfinished code?").
    A question about a marker itself ("What does "TBD" mean next to a date?", "What is lorem
    ipsum good for?") names it as its subject: neither the marker there nor an answer line
    that spells it out and goes on ("To be decided: the date is not fixed yet") is reported,
    while an answer line of nothing but a marker still is.

    Source articles and half-written notes ship with template text that nobody replaced; a
    card that shows it teaches nothing. A line, sentence, table cell or bracketed span made
    only of such words is reported; the same words inside a real sentence ("the bias to be
    added to each output") are not, nor is a marker named as a thing ("the TODO list", "the
    XXX-large model"). An editor's note in square brackets may say what the missing content
    should show ("[add example with monitor="val_accuracy"]", "[insert the formula from the
    lecture notes]"); a cloze deletion may hide a marker ("{{c3::FILL ME}}", "{{c1::TODO}}");
    and an author who takes notes in another language leaves "to be added" in it, on a line
    or in brackets of its own ("(noch ergänzen)", "À compléter", "[por completar]", "da
    completare", "nog aanvullen").

    An aside in brackets that opens with what is missing and goes on with why or when ("(coming
    soon, half written)", "(proof goes here later)", "(still drafting this part)") and an
    instruction, in prose or a code comment, to put the real thing in its place ("# insert the
    actual threshold here", "fill in the actual cut-off later") are placeholders too
    (lint/rules/unfinished_asides.py); the reader's own value ("insert your API key here") and
    an aside that states a fact ("(still experimental for some backends)") are not.

    Also (session 28): "Still need to double-check the momentum default", a slot named by what
    goes in it ("<batch size here>"; "<your key here>" is the reader's), what is still to be
    done in brackets ("[to write]", "{to finish}"), a table cell of a value to look up ("?
    (look up)", "?? (check)"), a year or a number with question marks ("20??"), and an answer
    that opens with its state and a to-do ("Pending — ask in Thursday's office hours", "WIP -
    finish after reading the docs"; a bare "Pending." may answer, and "Pending: accepted, not
    yet scheduled" defines).

    Session 29 (lines harvested from other people's pages and READMEs): the page's material
    announced for later as a whole line or sentence, after any words that say which ("Worked
    examples and a Colab notebook coming soon!", "**Update:** the exercises for this part will
    be available shortly"; "Support for more backends is coming soon, says the roadmap" and
    "The slides are available soon after each lecture" state facts), and a note that says of
    itself that it is unfinished ("This is still a work in progress and may contain mistakes"),
    its material under construction ("The worked solutions are still under construction; check
    back after the exam"; "pages under construction are never shown to users" states a fact)
    and more to come with the author's status ("There is more to come, I'm still tidying up the
    notation"); "to be added" after a word that says which and with who will add it
    ("Derivation details to be added by the lecturer", "[LICENCE TEXT TO BE ADDED]"; "Special
    tokens to be added by the tokenizer" is the answer's process). Slots in shapes of their
    own: an equation whose right side was never written ("Recall = ..."; "1 + 2 + ... + n =
    n(n+1)/2" is a series), an unchecked task item that instructs the author ("- [ ] add the
    comparison with batch norm"; three or more task items are a checklist the card is about),
    a template's field never filled ("{{ Back }}", unless the note speaks of templates), a
    note to self about a named part ("I still have to write the intuition section") and "[needs
    a diagram]".

    Session 30 (classes of the opened batches 38 and 44): the answer announced for later with
    the author's status after it ("Coming soon, Mei is drafting this part.", "Answer coming
    soon, still editing this part of the video!"), that status alone when it names a part of
    the note ("I'm still writing this section of the guide"; "Spark is writing the output
    files" is not), "to be added" in another language as the value after a label that ends
    the line or as a table cell ("Dropout: noch ergänzen", "| Lion | à compléter |"), a slot
    in angle brackets in a code comment ("# <put the sampler here>"; "# <class 'int'>" is
    output) and a course template's fence around a stub ("### START CODE HERE ###" over "s =
    None"; a filled-in template is code).

    Session 32 (a class three authors of batches 46 and 50 wrote): the author's note to self,
    set apart from the card by brackets or an Obsidian comment, that orders something written
    and puts it off ("[fill in later: weight clipping vs gradient penalty]", "(one more, fill in
    later)", "%% add the intuition tomorrow %%"); what a sentence says happens later ("(the mask
    is filled in later by the model)") and "later" before a noun ("check later layers") do not.

    Session 34: a slot in brackets that says what should fill it, after a colon or a dash
    ("[answer here: when each device runs its own copy]", "(example here — timings with and
    without the cache)"; square brackets up to 100 characters); the thing at hand pointed at,
    with the sentence going on to say what it is ("The output here: `[0, 1, 2]`, …", "The
    answer here — cross-entropy — follows …"), is not a slot.

    Session 35: an editor's empty-block prompt left as text ("Click to add notes", "Type '/'
    for commands", "Add a description…"), a bracketed order to insert something in the notes'
    language ("[Skizze einfügen]", "[insérer un exemple]"; a sentence saying to insert rows is
    content), a note that something follows after its noun ("(Beispiel folgt)") and a request
    to a collaborator ("@tomasz can you add the example").
    """

    code = "AG130"
    name = "placeholder-text"
    summary = "placeholder text (Lorem ipsum, TODO, 'answer here', 'to be added') left in a note"
    bad = "# What is dropout?\n\nLorem ipsum dolor sit amet.\n"
    good = "# What is dropout?\n\nRandomly zeroing activations during training.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        searched = list(_search(document, "placeholder", code=self.code))
        spans = (*_placeholder_spans(document), *_heading_placeholders(document))
        # every candidate, quoted or named ones too: what the question asks about
        candidates = (*(m.span() for m, _ in searched), *spans)
        found = {
            (m.start(), m.end()): message
            for m, message in searched
            if not rejects(
                document,
                self.code,
                "marker-named",
                *m.span(),
                _marker_named(document.prose, m.start(), m.end()),
            )
        }
        for start, end in spans:
            if not rejects(
                document, self.code, "quoted", start, end, quoted(document.prose, start, end)
            ):
                text = " ".join(document.prose[start:end].split())
                found.setdefault(
                    (start, end), f"placeholder '{text}' left where the content should be: write it"
                )
        prose = document.prose_with_comments  # "# put the real schema here" in code too
        for match in unfinished_asides(prose, document.body_offset):
            quotes = quoted(prose, match.start(), match.end())
            if not rejects(document, self.code, "quoted", *match.span(), quotes):
                text = " ".join(match.group(0).split())
                found.setdefault(
                    match.span(), f"placeholder '{text}' left where the content should be: write it"
                )
        for start, end, text in _placeholder_comments(document):
            found.setdefault(
                (start, end), f"placeholder comment '{text}' left in the code: write the code"
            )
        reached = -1
        todo_is_a_word = document.deck.config.language.split("-")[0] in _TODO_IS_A_WORD
        asked = bool(found) and _marker_asked_about(document, candidates)  # only if needed
        for (start, end), message in sorted(found.items()):
            gap = message.startswith("blank '") and _gap_of_the_question(document, start, end)
            if rejects(document, self.code, "gap-of-the-question", start, end, gap):
                continue
            spoken = asked and _spoken_of(document, start, end)
            if rejects(document, self.code, "marker-asked-about", start, end, spoken):
                continue  # "What does TBD mean in a roadmap?" / "To be decided: the date …"
            word = todo_is_a_word and document.text[start:end].strip(" \t:*_[]()").lower() == "todo"
            if rejects(document, self.code, "todo-is-a-word", start, end, word):
                continue  # "aislar TODO: archivos, paquetes …": Spanish "all", in capitals
            if start >= reached:  # a sentence inside a line that was reported already
                reached = end
                yield Finding(start, end, message)


# Markers named as a set ("comments that contain TODO, FIXME or XXX") or after a verb that
# names them ("lines tagged TODO") are spoken of, not left in the text.
_MARKER_WORD = r"(?-i:TODO|TBD|FIXME|XXX|HACK|BUG|NOTE)"
_MARKER_LIST = lazy_regex(
    rf"\b{_MARKER_WORD}(?:[ \t]*(?:,|/|,?[ \t]+(?:or|and))[ \t]*{_MARKER_WORD}\b)+", re.IGNORECASE
)
_NAMES_A_MARKER = lazy_regex(
    r"\b(?:contains?|containing|such[ \t]+as|like|named|called|tagged(?:[ \t]+with)?|"
    r"marked(?:[ \t]+(?:with|as))?|keywords?|words?|markers?|tags?|strings?)[ \t]+$",
    re.IGNORECASE,
)


def _marker_named(prose: str, start: int, end: int) -> bool:
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = prose.find("\n", end)
    line_end = len(prose) if line_end < 0 else line_end
    if _NAMES_A_MARKER.search(prose, line_start, start):
        return True
    return any(
        match.start() <= start
        and end <= match.end()
        # a line of nothing but markers ("TODO / TBD") is itself left unwritten
        and re.search(r"[^\W_]", prose[line_start : match.start()] + prose[match.end() : line_end])
        is not None
        for match in _MARKER_LIST.finditer(prose, line_start, line_end)
    )


_WORD_RUN = lazy_regex(r"[^\W\d_]{2,}")


def _marker_asked_about(document: LintDocument, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether the question asks about a marker itself ("What does "TBD" mean in a release
    roadmap?", "What is lorem ipsum used for in UI tests?"): then the marker and its
    spelled-out words are the card's subject, not text left unwritten (an answer line of
    nothing but a marker is still one, ``_spoken_of``)."""
    question = document.question
    if question is None or document.note.meta.type is NoteType.CLOZE:
        return False
    begin, stop = question
    heading = document.prose[begin:stop]
    if not heading.rstrip(" *_").endswith("?") or len(_WORD_RUN.findall(heading)) < 4:
        return False
    text = document.prose
    if any(
        begin <= start < end <= stop and not _in_brackets(text, start, end) for start, end in spans
    ):
        return True  # a slot in brackets ("<your term>") is template text, not a subject
    # a marker the question quotes ("What does "TBD" mean?") is no candidate of its own
    unquoted = _QUOTE_MARKS.sub(" ", heading)
    group = _phrase_group("placeholder")
    return any(phrase.pattern.search(unquoted) for phrase in group.candidates(unquoted.lower()))


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Whether a span sits in brackets of its own ("<your term>", "[insert term]")."""
    before = text[:start].rstrip(" \t")[-1:]
    after = text[end:].lstrip(" \t")[:1]
    return (bool(before) and before in "[<({") or (bool(after) and after in "]>)}")


_QUOTE_MARKS = lazy_regex("[\"'`\u2018\u2019\u201c\u201d*_]")


def _spoken_of(document: LintDocument, start: int, end: int) -> bool:
    """A marker in the question that asks about it, or in an answer line that goes on to say
    something of its own ("To be decided: the date or scope is not fixed yet")."""
    question = document.question
    if question is not None and question[0] <= start < end <= question[1]:
        return True
    prose = document.prose
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = prose.find("\n", end)
    line_end = len(prose) if line_end < 0 else line_end
    others = prose[line_start:start] + " " + prose[end:line_end]
    return len(_WORD_RUN.findall(others)) >= 4


# Languages in which "todo" is a word ("all"): a deck in one of them writes "TODO" as text.
_TODO_IS_A_WORD = frozenset({"es", "pt", "gl"})


def _gap_of_the_question(document: LintDocument, start: int, end: int) -> bool:
    """ "# time.time() returns ____" over its answer: the blank is what the card asks for (a
    fill-in question), not text left unwritten."""
    question = document.question
    if document.note.meta.type is NoteType.CLOZE or question is None:
        return False
    if not question[0] <= start < end <= question[1]:
        return False
    return bool(document.answer_prose[question[1] :].strip())


# A code comment that stands where code should be: "return ...  # fill in", "# TODO".
_PLACEHOLDER_COMMENT = lazy_regex(
    r"#[ \t]*(?:(?:TODO|FIXME|TBD|XXX)\b(?![ \t]+list)|(?:fill[ \t]+(?:this[ \t]+|it[ \t]+)?in"
    r"|(?:your|my)[ \t]+(?:code|answer|solution|implementation)[ \t]+(?:goes[ \t]+)?here"
    r"|(?:add|write|insert|put)[ \t]+(?:your[ \t]+|the[ \t]+)?(?:code|logic|implementation)"
    r"[ \t]+here|implement[ \t]+(?:me|this|here)|to[ \t]+be[ \t]+(?:added|completed|written|"
    r"filled(?:[ \t]+in)?|implemented|done)|complete[ \t]+(?:this|me)\b)"
    r"[ \t.:!-]*(?:$|[A-Za-z])"
    # session 30: a slot in angle brackets that says what to put there ("# <insert data
    # collator here>", "# <your loss function>"); "# <class 'int'>" is printed output
    r"|<[ \t]*(?:(?:insert|add|put|write|paste|fill[ \t]+in|your)\b[^<>\n]{0,50}|[^<>\n]{1,50}"
    r"\bhere)[ \t]*>[ \t.]*$)",
    re.IGNORECASE,
)
# A course template's fence around the student's code ("### START CODE HERE ### (≈ 1 line
# of code)") with only a stub inside: "x = None", "pass", "...", "raise NotImplementedError"
# (session 30; a filled-in template keeps its fence and is code).
_TEMPLATE_FENCE = lazy_regex(r"#+[ \t]*(?:start|begin)[ \t]+(?:your[ \t]+)?code[ \t]+here\b", re.I)
_STUB_THEN_END = lazy_regex(
    r"[^\n]*\n(?:[ \t]*\n)*[ \t]*(?:[\w.\[\]'\"]+[ \t]*=[ \t]*None|pass|\.\.\.|raise[ \t]+"
    r"NotImplementedError\b[^\n]*)[ \t]*(?:#[^\n]*)?\n(?:[ \t]*\n)*[ \t]*#+[ \t]*end[ \t]+"
    r"(?:your[ \t]+)?code[ \t]+here\b",
    re.IGNORECASE,
)


# Prose that speaks of such markers shows them on purpose.
_ABOUT_MARKERS = GatedPattern(
    r"\b(?:todo|fixme|tbd|xxx|placeholders?|unfinished|stubs?|comments?|markers?)\b", re.IGNORECASE
)


def _placeholder_comments(document: LintDocument) -> Iterator[tuple[int, int, str]]:
    """Comments in a note's Python code that mark unwritten code (file offsets and text)."""
    from ankigen.lint.rules.python.code_words import code_texts  # the python rules import us

    if _ABOUT_MARKERS.search(document.prose, document.body_offset):
        return  # "How do you mark unfinished code?": the comment is the example
    for item in code_texts(document):
        if item.kind == "comment" and _PLACEHOLDER_COMMENT.match(item.text):
            start, end = item.span(0, len(item.text))
            yield start, end, item.text
        elif item.kind == "comment" and _TEMPLATE_FENCE.match(item.text):
            start, end = item.span(0, len(item.text))
            if _STUB_THEN_END.match(document.text, start):
                yield start, end, item.text


class PromotionalText(_PhraseRule):
    """Boilerplate copied from a web page: publisher notices, image credits, calls to action,
    author bios and sign-offs.

    Each kind is matched in its many wordings, not as fixed strings: publication notices ("this
    article was published as part of …", "originally posted on …", "the media shown is not
    owned by …", "used at the author's discretion", copyright lines); image credits ("Image
    source: …", "Photo by … on Unsplash", "Source: <site>"); calls to action (subscribe, sign
    up, enrol, join the community, follow us, download the app, like and share, leave a comment
    below, promo codes, paywalls, related-article lists, inbox and digest prompts, "buy me a
    coffee"); affiliate, sponsor and opinion disclaimers; cover, header and generated-image
    credits; author bios; sign-offs ("Thanks for reading", "Hope you liked it", "Happy
    learning", "Good luck"); page furniture (tags, comment counts; a book's or PDF's running
    header or footer on a line of its own: "Packt Publishing | Chapter 4: Word Embeddings |
    Page 87", "Page 87 of 300", "CHAPTER 6. DEEP FEEDFORWARD NETWORKS", "Downloaded from
    <site> on <date>", read by its shape: title-cased names, a chapter or page mark, a page
    number; not a sentence, a list item or a table row); and sources: a "Source:",
    "Credit:" or "References:" line that cites a site, a paper, an image or a year, an image
    "adapted from" or "taken from" somewhere, and a "Sources:" heading over a list of links
    or citations. Affiliate disclosures ("As an Amazon Associate I earn ..."), rights notices
    ("the images in this post are not my own") and career pitches ("Join thousands of
    learners", "upgrade your career") are in the family too, as are prompts to contact the
    author ("DM me on LinkedIn"), paid memberships, cookie consent text, reading times, social
    handles ("Twitter: @…"), a repository's star prompts ("star us on GitHub"), a docs page's
    widgets ("Was this page helpful?", "Edit on GitHub"), a wiki page's chrome ("Last edited
    by …", "Page owner: …", "Watch this page"), cohort and bootcamp adverts and series
    navigation ("in the next post", "stay tuned"). A chat assistant's reply pasted with the card is
    in the family too:
    its words to the person who asked, an opener handing over a result ("Sure! Here's the
    revised …", "Here are 10 flashcards on …"), an offer of more help ("Let me know if you'd
    like …", "Would you like me to …", "If you want, I can …"), talk about the request ("As
    requested, …", "Great question!", "I've reformatted your notes …", "Key changes made:"),
    knowledge-cutoff, refusal and apology lines ("As of my last update …", "I don't have
    access to real-time data", "I apologize for the confusion") and a chat interface's text
    ("Copy code", "ChatGPT said:", "Thought for 6 seconds"); an answer's own "here is the
    formula", "let me explain", "you can also …", "as of TensorFlow 2.16" or "the assistant
    model" is not. A sentence wrapped over two lines of a paragraph is read as one.

    Credit lines are read by their shape, not by the names in them: a line (or a bracket that
    ends a line of text) made of a credit label ("Source:", "Sources:", "Credit:", "Courtesy
    of", "Adapted from", "Taken from", "Reference:", "This answer was adapted from", "Special
    thanks to"; in brackets or emphasis also "(Image: ...)", "_via ..._", "(h/t ...)") and then
    only names, sites, links, years, "et al." and words for a kind of work ("*(Source: Tecton
    blog, Hopsworks docs)*", "Reference: Lilian Weng's blog"). A citation is boilerplate on a
    card too: the project keeps where a note came from in its front matter (`source:` and the
    deck's `sources`), which the card's Source field shows. Under a plain source label
    ("Source:", "Reference:") a citation of a scholarly or course work (an arXiv id, a DOI,
    authors with a year, a lecture, slide, chapter or page: "Source: Goodfellow et al., Deep
    Learning, ch. 6", "Source: Lecture 8, slide 21", a venue and year, "JMLR 2020", or a book's
    publisher and year, "MIT Press 2022") that names no site, picture or copying is a warning,
    since nothing was copied from a web page; so is the same said in a sentence ("The
    definition is taken from Rasmussen and Williams (2006)."). So is, under a written answer,
    a source line that
    gives the address of the document the answer comes from, a paper (arXiv, a DOI, a journal
    or proceedings page) or a page of a library's documentation ("Source:
    https://pytorch.org/docs/stable/…"): a placement matter, not web junk; a blog's or another
    site's address, a picture's, an image credit, or such a line with no answer above it stay
    errors. Not reported: a label followed by a
    definition or a sentence ("Reference: the human translation a system's output is scored
    against", "Source: the input sequence;
    target: the output sequence", "Via backpropagation through time"), and "Source:" beside a
    "Sink:" or "Target:" label (the ends of a pipeline), and a linked reference whose sentence
    goes on with a clause of its own, on one line or wrapped ("Reference: [the docs](url),
    which states the same formula for both dimensions."), and a labelled link to a published
    work by its authors and its title in italics or quotes ("Source: [Kingma & Ba, *Adam: A
    Method for Stochastic Optimization*](https://arxiv.org/abs/1412.6980)"): a reference the
    note's author chose, not a site's credit ("Source: [a tutorial](url)" is still reported).
    Several phrases in one sentence make one finding. Code comments are read as prose too ("#
    Snippet courtesy of <site>"). Salaries a query or a table works on ("the average salary
    per department") are data, not a career pitch. A site's tagline or newsletter pitch ("Stay
    informed on the latest trending ML papers …", "Keep up with the latest AI news") is
    reported; "keep up with the latest version" is not. A labelled list of sources that is
    the whole answer ("Good resources:" and only links) is left to AG136: the note has no
    answer, which removing the list would not give it. None is a fact to learn: delete the
    line. Credit a source once, in the deck's `sources` and the note's `source` field.

    A Q&A page's share and edit stamps ("Share Improve this answer", "answered Jan 5, 2019 at
    14:02") and licence or redistribution lines ("please do not redistribute without
    permission", "not to be redistributed", "licensed for non-commercial use only", "without
    prior written permission") are page chrome too; "do not share the seed without offsetting
    it", a process writing "without permission" and a library "licensed under" a licence are
    not. A furniture phrase that is one item of a list whose other items are content ("- table
    of contents" between "- one sentence on what the library is for" and "- installation")
    names a part of a document and is not reported.

    Also (session 28): a reading or note-taking tool's stamp ("Clipped from … with the Obsidian
    web clipper", "Saved to Pocket from medium.com"), a course's place in a running footer
    ("MLOps Zoomcamp 2024 | Week 5 | Slide 14"), a maker's sign-off ("Made with ❤ by the
    platform team"), a call for feedback ("PRs and corrections are always welcome"), "give the
    repo a star" and a certificate of completion. Not reported: a phrase in the question's own
    sentence ("How would you choose items for a weekly digest email?"), and a sentence of the
    answer that describes the subject the question asks about (affiliate fraud, cookies,
    newsletters, sign-up funnels, licences, chat assistants) with no link and not in the page's
    voice ("We may earn a commission" is still a disclosure).

    Also (session 29, lines harvested from other people's pages): a publication credit written
    as a link's label ("[First published on the author's blog](…)") and a post's date under
    its page label at a line's start ("*Posted on 14 May 2022*", "Last updated: 2024-02-01");
    a date that answers ("It was posted on arXiv in October 2018") is not; a maker's sign-off
    with any heart ("_Made with 💚 and a lot of tea by the study group_") and a star prompt
    written with the emoji ("⭐ this repo if it saved you time!").

    Session 31: a source label after the answer's last sentence on the same line ("… keeps
    the latest row. Ref: [the docs](url)") is graded as one on a line of its own: a docs
    page or a paper is a warning, a blog, a site or a picture an error.

    Session 30 (classes of the opened batches 38 and 44): a request to engage with the page
    after "if you found it useful" ("If you found this kernel helpful, do upvote"; "If you
    find the loss flat, follow the schedule" advises), a course player's controls ("Mark this
    lesson as complete", "Next: Sequential tests →" ending the line), a wiki's breadcrumb on a
    line of its own ("Spaces / Platform / On-call / Nodes"; "Settings > Security" is a way
    through an app's menus), a slide or course material credited as adapted from a source
    ("(table from [He et al., 2016])" in a heading cites), and a note that the text was
    generated from a recording ("(Captions auto-generated from the lecture recording)";
    "Whisper gives auto-generated transcripts" states a fact). A setup step that signs up for
    a free account somewhere ("Sign up for a free account on the provider's site") is an
    instruction, not an advert ("Sign up for a free account today!").

    Session 32 (readings by the line's role, batches 46 and 50): a pager, a line of its own that
    points both to the page before and the page after between page titles ("« Previous: Law of
    total expectation | Next: Conditional independence »", "← Lecture 4: Backpropagation |
    Lecture 6: Training →"; one direction, "← input tokens | output tokens →" with no titles, a
    formula or inline code is none); a licence stamp ("License: CC BY 4.0 arXiv:1706.03762v7
    [cs.CL] 02 Aug 2023"; not under a question about a licence, nor before a sentence); and a
    credit label for any kind of material before names only ("Slide credit: …"; "Extra credit:
    implement beam search" is a task). A video's chrome: a transcript line opened by a
    bracketed timestamp ("[00:04:12] ok so now …") and a chapter list, lines in a row that
    open with a timestamp, the first at 0:00 (durations, times of day and a log's times are
    none, nor a chat log's turns: "[09:14] mia: …" over "[09:15] raj: …", two speakers or more
    after clock times); and a sentence that says the reader's acts on the page are wanted
    ("Comments and upvotes are much appreciated", "Any feedback would mean a lot", "Stars on
    the repo keep me going"; "Likes are sparse implicit feedback" says what likes are). The
    source and credit labels of the other languages the linter tells apart ("Fonte: Kaggle
    Learn, curso de Pandas", "Créditos da imagem: …", "Quelle: …") are read as "Source:" is.

    Session 34: a page's own licence footer, a sentence whose subject is the page or what it
    holds ("Unless otherwise noted, the content of this site is licensed under the Creative
    Commons Attribution 4.0 License", "This post is licensed under a Creative Commons …",
    "Text is available under …") after the answer, unless the question asks about a licence; a
    library's or a dataset's licence ("Its code is released under the BSD 3-Clause licence"),
    and a sentence that opens the answer ("All content of this site is released under the MIT
    licence, so yes"), are content.

    Session 35: the boilerplate of lecture slides exported to PDF, of wikis and note tools and
    of Q&A sites — a slide or page counter on a line of its own ("Folie 17 von 52", "Slide 23 /
    41"), a notice not to pass the material on ("Internal use only"), "all
    rights reserved" in German, French, Spanish, Portuguese, Italian and Dutch, a licence stamp
    without its verb ("All content licensed under CC BY 4.0"), a Q&A site's stamps ("answered 4
    years ago · viewed 120k times"), a comment's thanks to a user ("Thank you @lhoffmann"), a
    site generator's footer line ("Powered by Docusaurus", "Created with Notion · Share to
    web"), an invitation to a chat community ("Join #data-infra on Slack") and a course's forum
    or office hours. "Slides 23 to 25", "do not distribute notebooks that print it" and "thanks
    to the skip connections" are content."""

    code = "AG131"
    name = "promotional-text"
    summary = "promotional or boilerplate text copied from a web page"
    bad = (
        "# What is Keras?\n\nA deep-learning API.\n\n*Image source: the Keras website. "
        "Subscribe to our newsletter!*\n"
    )
    good = "# What is Keras?\n\nA high-level deep-learning API.\n"

    phrases = "promotional"
    once_per_line = True
    comments = True  # "# Snippet courtesy of <site>" is a credit line inside code

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose = document.prose_with_comments
        found = list(super().check(document, config))

        def without(guard: str, rejected: Callable[[Finding], object]) -> list[Finding]:
            return [
                f
                for f in found
                if not rejects(document, self.code, guard, f.start, f.end, rejected(f))
            ]

        if _salary_is_data(document):
            found = without(
                "salary-is-data", lambda f: _SALARY.search(document.text, f.start, f.end)
            )
        if _PAIRED_LABEL.search(prose, document.body_offset):
            # "Source: Kafka" beside "Sink: S3" names the two ends of a pipeline
            found = without("paired-label", lambda f: _SOURCE_WORD.match(prose, f.start, f.end))
        found = without(
            "reference-with-content",
            lambda f: (
                f.message.startswith(_CREDIT_MESSAGES)
                and _reference_with_content(document, f.start)
            ),
        )
        found = without(
            "cites-a-work",
            lambda f: f.message.startswith(_CREDIT_MESSAGES) and _cites_a_work(document, f.start),
        )
        # "- [ ] I can write anything and it becomes a quiz": a choice to judge, quoted in a
        # multiple-choice note, is no assistant talking to the reader.
        found = without("chat-words-in-a-choice", lambda f: _chat_words_in_a_choice(document, f))
        if _asks_about_an_offering(document):
            found = without(
                "describes-the-offering", lambda f: _describes_the_offering(document, f)
            )
        # "What is cookie stuffing in affiliate marketing?": the answer's sentences about
        # commissions and affiliate cookies are the topic, not the page's disclosure
        found = without("topic-of-the-question", lambda f: _topic_of_the_question(document, f))
        # "How would you choose items for a weekly digest email?": what the question asks about
        found = without("asked-about", lambda f: _asked_about(document, f))
        # "- table of contents" among items that say what a document holds names a part of
        # it: page furniture is a line of its own, not one item of a list of content
        found = without(
            "furniture-item-of-a-content-list",
            lambda f: (
                f.message.startswith(_FURNITURE_MESSAGE)
                and _item_of_a_content_list(document, f, found)
            ),
        )
        found = [_citation_as_warning(document, f) for f in found]
        lines = {prose.rfind("\n", 0, finding.start) for finding in found}
        structural = [
            _citation_as_warning(document, f)
            for f in [*_source_lists(document), *_credit_lines(document), *_licence_lines(document)]
        ]
        for finding in [*structural, *_running_headers(document), *_pagers(document)]:
            line = prose.rfind("\n", 0, finding.start)
            if line not in lines:
                lines.add(line)
                found.append(finding)
        yield from sorted(found, key=lambda finding: (finding.start, finding.end))


_SALARY = lazy_regex(r"\bsalar(?:y|ies)\b", re.IGNORECASE)
# The messages of the phrase entries that report a credit or source line.
_CREDIT_MESSAGES = ("source or credit line", "image credit")
# Messages of the phrases that name a course, a community or a newsletter to join.
_OFFERING_MESSAGES = ("call to action from the source page", "advert left from the source")
# A question about one particular course, programme or community ("Is this course remote?",
# "What happens after the bootcamp?"): its answer describes that offering.
_OFFERING_QUESTION = lazy_regex(
    r"\b(?:the|this|your|our)\s+(?:[\w-]+\s+){0,2}?(?:courses?|program(?:me)?s?|bootcamps?|"
    r"cohorts?|community|workshops?|newsletters?|memberships?|classes|class|webinars?)\b",
    re.IGNORECASE,
)
_SENTENCE_LINK = lazy_regex(r"\]\(|https?://|\bwww\.")


_CHOICE_BOX = lazy_regex(r"[ \t>]*[-*+][ \t]+\[[ xX]\][ \t]")
_CHAT_MESSAGE = "chat assistant"


def _chat_words_in_a_choice(document: LintDocument, finding: Finding) -> bool:
    if not finding.message.startswith(_CHAT_MESSAGE):
        return False
    line_start = document.text.rfind("\n", 0, finding.start) + 1
    return _CHOICE_BOX.match(document.text, line_start) is not None


# A kind of boilerplate (by its message) and the words of a question about that subject: a
# note on affiliate fraud, cookie consent, newsletters or sign-up funnels, licences, or chat
# assistants describes in its answer what would elsewhere be a page's own text.
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (message, re.compile(topic, re.IGNORECASE))
    for message, topic in (
        ("sponsorship", r"\b(?:sponsor\w*|advert\w*|ads?|marketing|influencers?)\b"),
        (
            "affiliate",
            r"\b(?:affiliat\w*|sponsor\w*|commissions?|referrals?|advert\w*|ads?|"
            r"marketing|influencers?)\b",
        ),
        ("cookie", r"\b(?:cookies?|consent|gdpr|tracking)\b"),
        ("newsletter", r"\b(?:newsletters?|e-?mails?|inbox\w*|digests?|spam)\b"),
        (
            "call to action",
            r"\b(?:subscri\w*|sign[- ]?ups?|enrol\w*|regist\w*|members?\w*|"
            r"funnels?|conversions?|churn\w*|onboarding)\b",
        ),
        ("paid membership", r"\b(?:members?\w*|subscri\w*|paywall\w*)\b"),
        ("promo code", r"\b(?:promo\w*|coupons?|discounts?|vouchers?|pricing)\b"),
        ("copyright notice", r"\b(?:copyright\w*|licen[cs]\w*|rights|trademarks?)\b"),
        ("rights notice", r"\b(?:copyright\w*|licen[cs]\w*|permissions?|rights)\b"),
        ("share or like", r"\b(?:shares?|likes?|engagement|social|virality)\b"),
        (
            "chat assistant",
            r"\b(?:assistants?|chat\w*|llms?|rlhf|sycophan\w*|cut-?off|"
            r"language\s+models?|refus\w*)\b",
        ),
    )
)
_IMPERATIVE_MESSAGES = ("call to action", "advert", "course advert", "share or like", "appeal")
_FIRST_PERSON = lazy_regex(
    r"\b(?:i|i['\u2019]m|i['\u2019]ll|we|we['\u2019]re|my|our|us|me)\b", re.IGNORECASE
)


def _asked_about(document: LintDocument, finding: Finding) -> bool:
    """Whether the phrase stands in the question's own sentence, the one that ends with its
    question mark (a page's text after it, "(sponsored by …)", is no part of the question)."""
    span = document.question
    if span is None or not span[0] <= finding.start < span[1]:
        return False
    rest = document.text[finding.end : span[1]]
    stop = re.search(r"[.!?()\[\]|]", rest)
    return (
        stop is not None
        and stop.group(0) == "?"
        and "?" not in document.text[span[0] : finding.start]
    )


def _topic_of_the_question(document: LintDocument, finding: Finding) -> bool:
    """Whether the phrase stands inside a sentence of the answer that describes the subject the
    question asks about ("What is cookie stuffing in affiliate marketing?" ... "so they get
    commission on sales"): the question names that kind of boilerplate's subject, and the
    sentence holds no link, does not speak for the page ("we", "I", "our": "We may earn a
    commission" stays a disclosure) and, for a call to act, does not open with it."""
    span = document.question
    if span is None or finding.start < span[1]:
        return False  # the question's own line is no description of its subject
    question = document.text[span[0] : span[1]]
    if not any(
        finding.message.startswith(message) and topic.search(question) for message, topic in _TOPICS
    ):
        return False
    start, end, lead = _finding_sentence(document.prose, finding)
    sentence = document.text[start:end]
    # an imperative at the head of its sentence ("Sign up for the newsletter") is still one;
    # a subject may open a description ("Sponsored posts are ranked by bid")
    imperative = finding.message.startswith(_IMPERATIVE_MESSAGES)
    return (
        (not imperative or re.search(r"[^\W\d_]", lead) is not None)
        and _SENTENCE_LINK.search(sentence) is None
        and _FIRST_PERSON.search(sentence) is None
    )


def _finding_sentence(prose: str, finding: Finding) -> tuple[int, int, str]:
    """The bounds of the sentence holding the finding, and the words before it there."""
    start = _sentence_start(prose, finding.start) + 1
    stops = [prose.find(mark, finding.end) for mark in (". ", "! ", "? ", "\n")]
    end = min((stop for stop in stops if stop >= 0), default=len(prose))
    return start, end, prose[start : finding.start].strip(" \t*_>-#")


def _asks_about_an_offering(document: LintDocument) -> bool:
    span = document.question
    return span is not None and _OFFERING_QUESTION.search(document.text, *span) is not None


def _describes_the_offering(document: LintDocument, finding: Finding) -> bool:
    """Whether the phrase stands inside a sentence that describes the course the question
    asks about ("When you sign up for the course, you choose ..."): not at the start of its
    sentence (an imperative "Sign up for our course" is still an advert) and with no link in
    the sentence ("or [sign up](url) for our cohort" is one)."""
    if not finding.message.startswith(_OFFERING_MESSAGES):
        return False
    start, end, lead = _finding_sentence(document.prose, finding)
    linked = _SENTENCE_LINK.search(document.text, start, end) is not None
    return bool(re.search(r"[^\W\d_]", lead)) and not linked


# Salaries as data a query or a table works on: "the average salary per department",
# "AVG(salary)", "employees whose salary is above the mean"; not a pitch about a job.
_SALARY_DATA = lazy_regex(
    r"\bsalar(?:y|ies)\b[ \t]*(?:\)|,|[<>=]|\b(?:per|by|for\s+each|of\s+each|in\s+each|across|"
    r"column|field|attribute|feature|values?|data|table|is\s+(?:above|below|greater|less|higher|"
    r"lower))\b)|\b(?:employees?|staff|workers?|rows?|records?|department|dept|table|column|"
    r"query|sql|dataframe|select|group\s+by|aggregate|window)\b",
    re.IGNORECASE,
)
_CAREER = lazy_regex(
    r"\b(?:careers?|jobs?|hired|hiring|recruiters?|per\s+annum|lakhs?|LPA|a\s+year|per\s+year|"
    r"annually|(?:data|ml|ai)\s+(?:scientists?|engineers?|analysts?)\s+(?:earn|make|get))\b",
    re.IGNORECASE,
)


def _salary_is_data(document: LintDocument) -> bool:
    """Whether the note treats salaries as data (a SQL or pandas exercise on an employee
    table), so that "the average salary" is a result to compute, not career marketing."""
    body = document.body
    return _SALARY_DATA.search(body) is not None and _CAREER.search(body) is None


# A line that only announces a list of sources: "Sources:", "**References**", "## Links".
_SOURCE_LIST_LABEL = GatedPattern(
    r"^[ \t>]*(?:#{1,6}[ \t]+)?[*_]{0,2}(?:sources?|references?|refs|bibliography|citations?|"
    r"credits?|further\s+(?:reading|resources)|(?:(?:useful|more|external|good|great|helpful|"
    r"recommended|additional|other|some)\s+)?(?:links|resources|readings?|videos|papers)|"
    r"reading\s+list|see\s+also|read\s+more|learn\s+more)[*_]{0,2}[ \t]*:?[*_]{0,2}"
    r"[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# What a cited source looks like: a link, a URL, a domain, "et al.", a year of publication.
_CITATION = lazy_regex(
    r"\]\(|\]\[|https?://|www\.|\b[\w-]+\.(?:com|org|net|io|ai|edu|gov|dev)\b|\bet\s+al\b|"
    r"\((?:19|20)\d\d\)|,\s*(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_ITEM = lazy_regex(r"[ \t>]*(?:[-*+]|\d+[.)])[ \t]+\S")
_FURNITURE_MESSAGE = "page furniture from the source"
_NEWLINE = lazy_regex(r"\n")
_CONTENT_ITEM_WORDS = 3  # a sibling item of this many words says something of its own


def _item_of_a_content_list(
    document: LintDocument, finding: Finding, found: Sequence[Finding]
) -> bool:
    """Whether ``finding`` is on one item of a list whose other items are content: none has
    an AG131 finding and one has a few words ("- a one-line summary of the tool", "- table of
    contents", "- install steps"), so the list names the parts of something."""
    text = document.text
    starts = [document.body_offset]
    starts += [m.end() for m in _NEWLINE.finditer(text, document.body_offset)]
    own = bisect.bisect_right(starts, finding.start) - 1

    def line(index: int) -> str:
        end = text.find("\n", starts[index])
        return text[starts[index] : len(text) if end < 0 else end]

    if own < 0 or _ITEM.match(line(own)) is None:
        return False
    siblings: list[int] = []
    for step in (-1, 1):
        other = own + step
        while 0 <= other < len(starts) and _ITEM.match(line(other)):
            siblings.append(other)
            other += step
    reported = {bisect.bisect_right(starts, f.start) - 1 for f in found}
    return not reported & set(siblings) and any(
        len(re.findall(r"[^\W\d_]+", line(other))) >= _CONTENT_ITEM_WORDS for other in siblings
    )


def _items_after(text: str, offset: int) -> list[str]:
    """The list items (or, without a list, the lines of the paragraph) after ``offset``."""
    lines = text[offset:].split("\n")[1:]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines or not _ITEM.match(lines[0]):
        paragraph = []
        for line in lines:
            if not line.strip():
                break
            paragraph.append(line)
        return paragraph
    items: list[str] = []
    for line in lines:
        if _ITEM.match(line):
            items.append(line)
        elif line.strip() and line.startswith((" ", "\t")) and items:
            items[-1] += " " + line.strip()  # an item's continuation line
        elif line.strip():
            break
    return items


def source_list_answer(document: LintDocument) -> tuple[int, int] | None:
    """The label's span where a list of sources is the whole answer ("Resources:" and only
    links or citations under it): no answer at all, which AG136 reports, not a leftover."""
    span = document.question
    if span is None or document.note.meta.type is NoteType.CLOZE:
        return None
    label = _SOURCE_LIST_LABEL.search(document.prose, span[1])
    if label is None or document.text[span[1] : label.start()].strip():
        return None
    items = _items_after(document.text, label.end())
    rest = [line for line in document.text[label.end() :].split("\n")[1:] if line.strip()]
    if not items or not all(_CITATION.search(item) for item in items):
        return None
    if sum(1 for line in rest if _ITEM.match(line)) != len(items) or any(
        not _ITEM.match(line) and not line.startswith((" ", "\t")) for line in rest
    ):
        return None  # text after the list: the answer says more than where to read
    return _trimmed(document.prose, label.start(), label.end(), " \t>#*_:")


def _source_lists(document: LintDocument) -> Iterator[Finding]:
    """ "Sources:" and a list in which every item is a link, a URL or a citation (not when the
    list is the whole answer: AG136 reports that)."""
    whole = source_list_answer(document)
    for label in _SOURCE_LIST_LABEL.finditer(document.prose, document.body_offset):
        items = _items_after(document.text, label.end())
        if whole is not None and label.start() <= whole[0] < label.end():
            continue
        if items and all(_CITATION.search(item) for item in items):
            start, end = _trimmed(document.prose, label.start(), label.end(), " \t>#*_:")
            yield Finding(
                start,
                end,
                "list of sources copied from the web page: remove it (cite sources in the "
                "note's source field and the deck's sources)",
            )


# A credit's label, then what it credits. Labels that name only a credit ("Source:",
# "Courtesy of", "Adapted from") count on any line; those that are as often content ("Image:",
# "via", "inspired by", "h/t") only on a line set apart in brackets or emphasis.
_CREDIT_LABEL = lazy_regex(
    # session 32: a credit for any kind of material ("Slide credit:", "Lecture credits:"),
    # and the source and credit labels of the languages foreign_text.py knows ("Fonte:",
    # "Fuente:", "Quelle:", "Créditos:", "Crédits :", "Crediti:")
    r"(?:(?P<strong>[^\W\d_][\w-]*\s+credits?(?:\s*[:\u2013\u2014]|\s+-\s)|"
    r"(?:fontes?|fuentes?|quellen?|bildquellen?|cr[ée]dit(?:o|i|os|s)(?:\s+(?:da|de|della)\s+"
    r"(?:la\s+)?(?:imagem|imagen|immagine|image|foto))?)\s*[:\u2013\u2014]|"
    r"(?:(?:image|img|photo|picture|figure|fig\.?|diagram|chart|table|data|video|"
    r"gif|content|text|quote|graphic)\s+)?(?:sources?|src|credits?|attribution|references?|"
    r"refs?\.?)(?:\s*[:\u2013\u2014]|\s+-\s)|courtesy(?:\s+of\b|\s*:)|(?:adapted|reproduced|"
    r"borrowed|taken|excerpted|lifted)\s+from\b:?"
    # "This answer was adapted from ...", "Special thanks to ... for the examples"
    r"|(?:this|the)\s+(?:answer|explanation|example|text|content|section|note|card|definition|"
    r"code|snippet|summary|list|table|figure|image|diagram)s?\s+(?:is|are|was|were|has\s+been|"
    r"have\s+been)\s+(?:adapted|taken|borrowed|reproduced|copied|paraphrased|excerpted|"
    r"summari[sz]ed|lifted|sourced)\s+from\b|(?:special|many|big|huge)\s+thanks\s+to\b)"
    r"|(?P<weak>(?:image|img|photo|picture|figure|fig\.?|diagram|illustration|graphic|gif)"
    r"\s*[:\u2013\u2014]|via\b:?|h/t\b:?|hat\s+tip(?:\s+to)?\b:?|inspired\s+by\b:?|"
    r"thanks\s+to\b))[ \t]*",
    re.IGNORECASE,
)
# Words a credit is made of besides names: the kind of work, and the words that join names.
_CREDIT_WORDS = frozenset(
    re.findall(
        r"\S+",
        """of the and a an on by in at for from to with via et al ch chap chapter p pp page pages
    section sec vol ed edn part lecture lectures blog blogs post posts paper papers book books
    course courses docs documentation article articles talk talks notes slides video videos
    website site sites guide guides tutorial tutorials team teams survey report reports
    newsletter podcast repo repository thread series handbook textbook wiki author authors
    original official user bliki keynote presentation whitepaper study edition issue episode
    others other fig figure figures image images diagram diagrams forum forums community
    discussion answer answers question channel examples example code help feedback ideas idea
    inspiration thanks own work my our
    de da do das dos del la el los las le du des von der und e y et di della curso aula canal
    livro artigo vídeo video cours livre kurs buch corso libro""",
    )
)
_SELF_CREDIT = frozenset({"own", "author", "authors", "my", "our"})
_CREDIT_TOKEN = lazy_regex(r"[^\s,;&/()\[\]|\u2013\u2014-]+")
# Where a line's text starts: after quote marks, list markers and emphasis.
_LINE_LEAD = lazy_regex(
    r"[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)]|#{1,6})[ \t]+)?(?:[\u2013\u2014][ \t]*)?"
    # an emoji or a symbol before the label: "📷 Source: ..."
    r"(?:[^\w\s()\[\]<>*_#|'\"\u2013\u2014-]{1,3}[ \t]*)?"
    r"(?:<(?:small|sub|sup|em|i|p|span|figcaption|caption|center|div)\b[^<>\n]*>)*[*_]*",
    re.IGNORECASE,
)
_HTML_TAG = lazy_regex(r"</?[a-zA-Z][\w-]*[^<>\n]*>")
# A credit in brackets at the end of a line of content: "... (source: Databricks, AWS)."
_TRAILING_BRACKET = lazy_regex(r"[*_]*\(([^()\n]{3,160})\)[*_]*[ \t.]*$")
_PAIRED_LABEL = GatedPattern(
    r"\b(?:sinks?|destinations?|targets?)\s*:|\((?:sinks?|destination|target)\)", re.IGNORECASE
)
_SOURCE_WORD = lazy_regex(r"[\W_]*sources?\b", re.IGNORECASE)


def _credits_only(tail: str) -> bool:
    """Whether ``tail`` only names where something came from: names (capitalised words,
    domains, numbers), "et al." and words for a kind of work ("Lilian Weng's blog",
    "Designing ML Systems, chapter 8"), not a sentence or a definition."""
    tokens = [
        token.strip(".:'\"\u2019*_!?")
        for token in _CREDIT_TOKEN.findall(re.sub(r"['\u2019]s\b", "", _HTML_TAG.sub(" ", tail)))
    ]
    tokens = [token for token in tokens if token]
    if not tokens or len(tokens) > 16:
        return False
    named = False
    for token in tokens:
        # a name, a number, a domain, a handle; or the author ("(Source: own work)")
        name = token[0].isupper() or token[0].isdigit() or re.search(r"\w\.\w|^@\w", token)
        if name or token.lower() in _SELF_CREDIT:
            named = True
        elif token.lower() not in _CREDIT_WORDS:
            return False
    return named


# Session 32: a licence label ("License: CC BY 4.0", "Licensed under MIT") before names,
# versions, ids and dates only: a page's or preprint's stamp, never the card's subject.
_LICENCE_LABEL = lazy_regex(r"licen[cs](?:e[sd]?(?:\s+under)?)?\s*[:\u2013\u2014]?[ \t]*", re.I)

_LICENCE_WORD = lazy_regex(r"\blicen[cs]", re.IGNORECASE)
# Session 34: a page's own licence footer, a sentence whose subject is the page or what it
# holds ("Except as otherwise noted, the content of this page is licensed under …", "This work
# is licensed under a Creative Commons …", "Text is available under the Creative Commons …"):
# never the card's subject, which is some library's or dataset's licence. The sentence up to
# its end is the finding.
_PAGE_LICENCE = lazy_regex(
    r"(?:\b(?:except|unless)\s+(?:as\s+|where\s+)?otherwise\s+noted,?\s+)?"
    r"\b(?:(?:the|all)\s+)?(?:(?:content|contents|text|material|materials|code\s+samples?)"
    r"(?:\s+(?:of|on|in)\s+this\s+(?:page|site|website|blog|post|article|wiki|notebook))?"
    r"|this\s+(?:page|site|website|blog|post|article|work|notebook|tutorial)(?:['\u2019]s\s+content)?)"
    # the copula may be left out in a stamp ("Content licensed under CC BY-SA 4.0", session 35)
    r"\s+(?:(?:is|are)\s+)?(?:(?:made\s+|freely\s+)?available|licensed|released|published|distributed)"
    r"\s+under\s+(?:the\s+|a\s+)?(?:terms\s+of\s+the\s+)?(?:creative\s+commons|cc[\s-]|gnu|gfdl|"
    r"apache|mit\b|bsd)[^.\n]*(?:\.(?=\s|$)[^.\n]*?(?:licen[cs]e[ds]?|apache)[^.\n]*)?",
    re.IGNORECASE,
)
# A stamp is a line of its own: after other words on its line, a licence describes the thing the
# line is about (a library's "Licensed under MIT" in a list of dependencies).
_WORD_CHARACTER = lazy_regex(r"\w")


def _licence_lines(document: LintDocument) -> Iterator[Finding]:
    """A line, or a bracket ending one, that is a licence label and the stamp after it."""
    prose, question = document.prose_with_comments, document.question
    if question is not None and _LICENCE_WORD.search(document.text, *question):
        return  # "Which licence does PyTorch use?": "License: BSD-3-Clause" answers it
    # a cheap test first: every footer says "… under …"
    footers = _PAGE_LICENCE.finditer(prose, document.body_offset) if " under " in prose else ()
    answer = question[1] if question is not None else document.body_offset
    for match in footers:
        if not prose[answer : match.start()].strip(" \t\n>*_-"):
            continue  # "Yes: all content is released under MIT." opening the answer answers
        yield Finding(
            *_trimmed(prose, match.start(), match.end(), " \t*_.)"),
            "licence footer of the source page: remove it (a licence belongs in the deck's "
            "sources)",
        )
    for start, end, _set_apart in _credit_units(prose, document.body_offset):
        if _WORD_CHARACTER.search(prose, prose.rfind("\n", 0, start) + 1, start):
            continue  # "requests - HTTP library. Licensed under Apache-2.0": the item's fact
        label = _LICENCE_LABEL.match(prose, start, end)
        stamp = re.sub(r"[\u00b7\u2022|]", " ", prose[label.end() : end]) if label else ""
        if label is not None and _credits_only(stamp):
            yield Finding(
                *_trimmed(prose, start, end, " \t*_.)"),
                "licence or preprint stamp from the source page: remove it (a licence belongs "
                "in the deck's sources)",
            )


def _credit_units(prose: str, start: int) -> Iterator[tuple[int, int, bool]]:
    """Each line's text (start, end, set apart) and each bracket that ends a line of text:
    the places a credit stands. "Set apart": in brackets or emphasis of its own."""
    for line in re.finditer(r"^.*$", prose[start:], re.MULTILINE):
        line_start, line_end = start + line.start(), start + line.end()
        text = line.group(0)
        if not text.strip() or text.lstrip().startswith("|"):
            continue
        lead = _LINE_LEAD.match(text)
        body_start = line_start + (lead.end() if lead else 0)
        line_end = _sentence_end(prose, line_end)
        body = prose[body_start:line_end].rstrip()
        emphasised = bool(lead and lead.group(0).rstrip().endswith(("*", "_", ">")))
        if body.startswith("("):
            yield body_start + 1, body_start + len(body), True
        yield body_start, body_start + len(body), emphasised
        bracket = _TRAILING_BRACKET.search(body)
        if bracket and bracket.start() > 0:
            yield body_start + bracket.start(1), body_start + bracket.end(1), True
        for stop in _SENTENCE_STOP.finditer(body):
            # "Dropout regularises. Source: Srivastava et al., 2014.": a last sentence
            yield body_start + stop.end(), body_start + len(body), False


_SENTENCE_STOP = lazy_regex(r"(?<=[.!?])[ \t]+(?=[A-Z(*_])")
# The paragraph's next line going on in lower case: "which states the same formula ...".
_RUNS_ON = lazy_regex(r"\n[ \t]*[a-z]")


def _sentence_end(prose: str, line_end: int) -> int:
    """Where the sentence on the line ending at ``line_end`` ends: there, or on a later line
    of the same paragraph it is wrapped onto ("Reference: [docs](url),\nwhich states the same
    formula."), so that a label's sentence is read whole, content and all."""
    while (
        not prose[:line_end].rstrip().endswith((".", "!", "?", ":"))
        and _RUNS_ON.match(prose, line_end) is not None
    ):
        next_end = prose.find("\n", line_end + 1)
        line_end = len(prose) if next_end < 0 else next_end
    return line_end


_LINK_OR_URL = lazy_regex(r"!?\[[^\]\n]*\]\([^()\n]*\)|<?https?://[^\s>]+>?|\bwww\.[^\s]+")
# What may follow a linked source in a credit: when and how it was used, under what licence.
_CREDIT_TAIL = lazy_regex(
    r"(?:accessed|retrieved|visited|viewed|used|reproduced|licensed|modified|cropped|edited|"
    r"adapted|redrawn|shared|released|published|posted|via|under|by|with|from|cc|licen[cs]e|"
    r"permission|all\s+rights|on|in|at|p|pp|page|pages|ch|chapter|section)\b",
    re.IGNORECASE,
)
_CONTENT_TAIL_WORDS = 4


def _reference_with_content(document: LintDocument, start: int) -> bool:
    """Whether the credit label at ``start`` links its reference and then goes on with a
    clause of its own ("Reference: [docs](url), which states the same formula for both
    dimensions."): a pointer tied to the note's fact, not a bare "Source: [x](url)" line."""
    prose, text = document.prose_with_comments, document.text
    line_end = prose.find("\n", start)
    end = _sentence_end(prose, len(prose) if line_end < 0 else line_end)
    sentence = text[start:end]
    links = list(_LINK_OR_URL.finditer(sentence))
    if not links:
        return False
    tail = sentence[links[-1].end() :].strip(" \t\n,;:.*_)\u2013\u2014-")
    if len(tail.split()) < _CONTENT_TAIL_WORDS or _CREDIT_TAIL.match(tail):
        return False
    return not _credits_only(tail)


# A bibliographic reference linked under a label: the authors ("Kingma & Ba", "Vaswani et
# al.", "Hochreiter and Schmidhuber (1997)"), then the work's title in italics or quotes.
_NAME = r"[A-Z][\w'\u2019.-]*(?:[ \t]+(?:van|von|de|der|[A-Z][\w'\u2019.-]*))*"
_WORK_CITATION = lazy_regex(
    r"[ \t>*_-]*(?i:sources?|references?|refs?\.?|citations?|paper)[ \t]*:[*_]*[ \t]*"
    rf"\[{_NAME}(?:[ \t]*(?:,|&|\band\b)[ \t]*{_NAME})*(?:[ \t]+et[ \t]+al\.?)?"
    r"(?:[ \t]*\(\d{4}\))?[ \t]*[,.:]?[ \t]*"
    r"(?:\*[^*\n]+\*|_[^_\n]+_|\"[^\"\n]+\"|\u201c[^\u201d\n]+\u201d)"
    r"(?:[ \t]*,?[ \t]*\(?\d{4}\)?)?\]\([^()\s]+\)[ \t.*_]*"
)


def _cites_a_work(document: LintDocument, start: int) -> bool:
    """Whether the credit line at ``start`` is a linked reference to a published work by its
    authors and title ("Source: [Kingma & Ba, *Adam: A Method for Stochastic
    Optimization*](https://arxiv.org/abs/1412.6980)"): the note's author pointing to where its
    fact was first stated, not a credit copied from a web page ("Source: [a tutorial](url)")."""
    text = document.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return _WORK_CITATION.fullmatch(line) is not None


# A citation of a scholarly or course work under a plain source label: a persistent identifier
# (arXiv, DOI, ISBN), authors with a year, or a place in a lecture, book or paper ("Source:
# Lecture 8, slide 21", "Reference: the original paper, arXiv:1706.03762").
_SCHOLARLY_LABEL = lazy_regex(
    r"[ \t>*_(-]*(?:(?:sources?|references?|refs?\.?|citations?|cf\.?|see)[ \t*_]*[:\u2013\u2014-]"
    # the same said in a sentence: "The definition is taken from Bishop (2006)."
    r"|(?:this|the)[ \t]+(?:answer|explanation|example|definition|proof|derivation|formula|"
    r"notation|argument|result|summary)s?[ \t]+(?:is|are|was|were|has[ \t]+been|have[ \t]+been)"
    r"[ \t]+(?:adapted|taken|borrowed|paraphrased|excerpted|summari[sz]ed)[ \t]+from\b)",
    re.IGNORECASE,
)
_SCHOLARLY_MARK = lazy_regex(
    r"\barxiv[ \t]*:?[ \t]*\d{4}\.\d{4,5}|\bdoi[ \t]*:[ \t]*10\.\d|\bisbn\b|"
    r"\bet[ \t]+al\b\.?,?[ \t]*\(?(?:19|20)\d\d|(?-i:[A-Z])[\w'\u2019-]+[ \t]*\((?:19|20)\d\d\)|"
    r"\b(?:lecture|slides?|chapter|ch\.|section|sec\.|appendix|pp?\.|page|theorem|eq\.|"
    r"equation|exercise)[ \t]*\d"
    # a venue and its year ("JMLR 2020", "NeurIPS, 2017"); a book's publisher and year
    r"|(?-i:\b(?:NeurIPS|NIPS|ICML|ICLR|JMLR|TMLR|AISTATS|UAI|COLT|CVPR|ICCV|ECCV|ACL|EMNLP|"
    r"NAACL|AAAI|IJCAI|KDD)\b)[ \t]*,?[ \t]*(?:19|20)\d\d\b"
    r"|(?-i:\b(?:Springer|MIT[ \t]+Press|O['\u2019]Reilly|Manning|Cambridge[ \t]+University[ \t]+"
    r"Press|Wiley|Addison[- ]Wesley|No[ \t]+Starch)\b)[^\n]{0,30}?\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# What still makes it a web page's credit: a site, a picture, words of copying.
_WEB_CREDIT_MARK = lazy_regex(
    r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|ai|dev|co|in)\b|\b(?:image|img|photo|"
    r"picture|figure|fig\.|diagram|illustration|graphic|screenshot|gif|adapted|reproduced|"
    r"borrowed|copied|taken|courtesy|credits?|blog|medium|youtube|website|site)\b",
    re.IGNORECASE,
)


# The end of a sentence right before a unit: what the line held before it was an answer.
_SENTENCE_BEFORE = lazy_regex(r"[.!?][*_)]*[ \t]+[*_(]*$")


def _citation_as_warning(document: LintDocument, finding: Finding) -> Finding:
    """A credit-line finding on a citation of a scholarly or course work is a warning: the
    card shows a reference the learner can follow, which belongs in the note's ``source``
    field, but nothing was copied from a web page."""
    if not finding.message.startswith(_CREDIT_MESSAGES):
        return finding
    prose = document.prose_with_comments
    # the label opens its line, or (session 31) the credit unit after the answer's last
    # sentence on that line: "Keeps the latest row. Ref: [the docs](url)"
    label = _SCHOLARLY_LABEL.match(prose, prose.rfind("\n", 0, finding.start) + 1)
    if label is None and _SENTENCE_BEFORE.search(prose, 0, finding.start) is not None:
        label = _SCHOLARLY_LABEL.match(prose, finding.start)
    if label is None:
        return finding
    line_end = prose.find("\n", label.end())
    line_end = len(prose) if line_end < 0 else line_end
    line = prose[label.end() : line_end]
    cited = re.split(r"(?<=[.!?])[ \t]+(?=[A-Z])", line, maxsplit=1)[0]
    scholarly = _SCHOLARLY_MARK.search(cited) and not _WEB_CREDIT_MARK.search(cited)
    # "Source: <a docs page's or a paper's URL>" under a written answer: where the answer
    # comes from, written in the wrong place (the link targets are read in the text: the
    # prose blanks them)
    if not scholarly and not (
        _after_an_answer(document, label.start())
        and cites_documents(document.text[label.end() : _sentence_end(prose, line_end)])
    ):
        return finding
    return Finding(
        finding.start,
        finding.end,
        "citation on the card: move it to the note's source field, where the card's Source "
        "field shows it",
        finding.fix,
        Severity.WARNING,
    )


_ANSWER_WORDS = 5  # a source line after this many words of answer follows a written answer


def _after_an_answer(document: LintDocument, start: int) -> bool:
    """Whether a written answer (a few words at least) comes before ``start``: a source line
    under it says where the answer comes from; alone it is AG136's pointer."""
    begin = _answer_start(document)
    return len(re.findall(r"[^\W\d_]{2,}", document.prose[begin:start])) >= _ANSWER_WORDS


def _credit_lines(document: LintDocument) -> Iterator[Finding]:
    """A line, or a bracket ending a line, that only says where the text or picture came
    from: "*(Source: Tecton blog, Hopsworks docs)*", "Adapted from Made With ML.", "(Image: J.
    Alammar)", "... models (source: Databricks, AWS).", in a code comment too."""
    prose = document.prose_with_comments
    if _PAIRED_LABEL.search(prose, document.body_offset):
        return
    for start, end, set_apart in _credit_units(prose, document.body_offset):
        label = _CREDIT_LABEL.match(prose, start, end)
        if label is None or (label.group("weak") and not set_apart):
            continue
        if _credits_only(prose[label.end() : end]) and not _cites_a_work(document, start):
            span = _trimmed(prose, start, end, " \t*_.)")
            yield Finding(
                *span,
                "source or credit line from the web page: remove it (cite sources in the "
                "note's source field and the deck's sources)",
            )


# A running header or footer of a book or PDF page, copied with the text: "Packt Publishing |
# Chapter 4: Word Embeddings | Page 87", "Deep Learning with Python · Chapter 5 · 143",
# "Page 87 of 300", "CHAPTER 6. DEEP FEEDFORWARD NETWORKS", "Downloaded from <site> on <date>".
_RUNNING_SEPARATOR = lazy_regex(r"[ \t]*[|\u00b7\u2022][ \t]*|[ \t]+[\u2013\u2014-][ \t]+")
_PAGE_MARK = lazy_regex(
    r"(?:page|pg\.?|p\.)[ \t]*\d{1,4}(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?", re.IGNORECASE
)
# Session 28: a course's place on a slide's or a handout's footer: "Week 5", "Module 2",
# "Lesson 3 of 12", "Slide 14".
_COURSE_MARK = lazy_regex(
    r"(?:week|module|lesson|lecture|unit|session|slide|lab|day)[ \t]*\d{1,3}"
    r"(?:[ \t]*(?:of|/)[ \t]*\d{1,3})?",
    re.IGNORECASE,
)
# A site as one part of a footer: "fast.ai", "madewithml.com".
_SITE_NAME = lazy_regex(r"[\w-]+(?:\.[\w-]+)*\.(?:ai|com|org|io|net|dev|edu|co)", re.IGNORECASE)
_BARE_PAGE_NUMBER = lazy_regex(r"\d{1,4}(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?")
_CHAPTER_MARK = lazy_regex(
    r"(?:chapter|chap\.|ch\.)[ \t]*(?:\d{1,3}|[IVXL]{1,5})\b(?:[ \t]*[:.][ \t]*(?P<title>.+))?",
    re.IGNORECASE,
)
# A numbered section's running header with its page number on one side: "4.2 Probabilistic
# Generative Models 197", "212 3.1. Linear Basis Function Models".
_NUMBERED_SECTION_HEADER = lazy_regex(
    r"(?:(?P<lead>\d{1,4})[ \t]+)?\d{1,2}(?:\.\d{1,2})+\.?[ \t]+(?P<title>[^\d\n]+?)"
    r"(?:[ \t]+(?P<trail>\d{1,4}))?"
)
# Words a title leaves in lower case: "Deep Learning with Python", "Goodfellow et al."
_TITLE_SMALL_WORDS = frozenset(
    {"of", "the", "and", "a", "an", "in", "on", "for", "with", "to", "by", "from", "et", "al"}
)
_TITLE_WORDS = 8
_DATE_OR_TIME = r"[ \t]+(?:on|at)[ \t]+[\w ,:/.+-]*\d[\w ,:/.+-]*"
_DOWNLOADED = lazy_regex(
    r"(?:this[ \t]+(?:content|article|document|chapter|book|pdf)[ \t]+(?:was[ \t]+)?)?"
    r"downloaded[ \t]+(?:from[ \t]+(?:https?://)?[\w-]+(?:\.[\w-]+)+[^\s]*"
    rf"(?:{_DATE_OR_TIME})?(?:[ \t]+by[ \t]+[^\n]{{1,60}})?"
    # a publisher's stamp: "Downloaded by [University of Leeds] at 04:12 05 May 2016"
    rf"|by[ \t]+(?:\[[^\]\n]{{1,80}}\]{_DATE_OR_TIME}|[^\n]{{1,60}}?[ \t]+at[ \t]+\d{{1,2}}:\d\d"
    r"[\w ,:/.+-]{0,40}))"
    # an e-book's watermark: "Licensed to Jane Doe <jane@example.com>"
    r"|licensed[ \t]+to[ \t]+[^\n]{0,60}?<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?",
    re.IGNORECASE,
)
# What follows a download stamp on its line: the publisher's terms.
_STAMP_TERMS = lazy_regex(
    r"terms[ \t]+of[ \t]+(?:use|service)|terms[ \t]+and[ \t]+conditions|all[ \t]+rights[ \t]+"
    r"reserved|copyright|\u00a9|\bIP[ \t]+address",
    re.IGNORECASE,
)
# Lines that are content whatever they say: headings, list items, table rows, quotes of code.
_NOT_A_RUNNING_LINE = lazy_regex(r"[ \t]*(?:#|[-*+][ \t]|\d+[.)][ \t]|\|)")


def _title_like(segment: str) -> bool:
    """Whether a segment reads as a book's, chapter's or publisher's name: a few words, each
    capitalised or a small word ("Deep Learning with Python", "O'Reilly Media, Inc.")."""
    words = segment.split()
    if not words or len(words) > _TITLE_WORDS or not words[0][0].isupper():
        return False
    return all(
        word[0].isupper()
        or word[0].isdigit()
        or not word[0].isalpha()
        or word.lower().strip(".,") in _TITLE_SMALL_WORDS
        for word in words
    )


def _running_line(line: str) -> bool:
    """Whether a line (emphasis stripped) is a running header or footer or a download stamp."""
    if _PAGE_MARK.fullmatch(line) or _DOWNLOADED.fullmatch(line.rstrip(".")):
        return True
    stamp = _DOWNLOADED.match(line)
    if stamp and _STAMP_TERMS.search(line, stamp.end()):
        return True  # "Downloaded from <site>. Subject to the <site> terms of use, …"
    chapter = _CHAPTER_MARK.fullmatch(line)
    if chapter and chapter.group("title") and chapter.group(0).isupper():
        return True  # "CHAPTER 6. DEEP FEEDFORWARD NETWORKS"
    section = _NUMBERED_SECTION_HEADER.fullmatch(line)
    if section and bool(section.group("lead")) != bool(section.group("trail")):
        return len(section.group("title").split()) > 1 and _title_like(section.group("title"))
    segments = [part.strip() for part in _RUNNING_SEPARATOR.split(line)]
    if len(segments) < 2 or not all(segments):
        return False
    marked = False
    for segment in segments:
        chapter = _CHAPTER_MARK.fullmatch(segment)
        if _PAGE_MARK.fullmatch(segment) or chapter or _COURSE_MARK.fullmatch(segment):
            marked = True
            if chapter and chapter.group("title") and not _title_like(chapter.group("title")):
                return False
        elif not (
            _BARE_PAGE_NUMBER.fullmatch(segment)
            or _title_like(segment)
            or _SITE_NAME.fullmatch(segment)
        ):
            return False
    return marked


def _pagers(document: LintDocument) -> Iterator[Finding]:
    """Lines that link the page before and the page after (lint/rules/page_navigation.py)."""
    text = document.text
    for start, end in pager_lines(document.prose, text, document.body_offset):
        start, end = _trimmed(text, start, end, " \t*_>")
        yield Finding(
            start,
            end,
            "navigation from the source's page or course player (links to the page before "
            "and after): remove it",
        )
    question = text[slice(*document.question)] if document.question else ""
    for start, end in wanted_acts(document.prose, document.body_offset, question):
        yield Finding(
            *_trimmed(text, start, end, " \t*_>"),
            "a request for the page's upvotes, likes, comments or follows: remove it",
        )
    for start, end in timestamp_lines(document.prose, text, document.body_offset):
        start, end = _trimmed(text, start, end, " \t*_>")
        yield Finding(
            start,
            end,
            "a video's timestamp line (a transcript or a chapter list) copied with the text: "
            "write what the card should say in your own words",
        )


def _running_headers(document: LintDocument) -> Iterator[Finding]:
    """Lines of prose that are a running header or footer. The prose decides which lines are
    prose (not code); the text is read, since a download stamp's URL is not prose."""
    prose, text = document.prose, document.text
    for line in re.finditer(r"^.*$", prose[document.body_offset :], re.MULTILINE):
        if not line.group(0).strip() or _NOT_A_RUNNING_LINE.match(line.group(0)):
            continue
        line_start = document.body_offset + line.start()
        start, end = _trimmed(text, line_start, document.body_offset + line.end(), " \t*_>")
        if start < end and _running_line(text[start:end]):
            yield Finding(
                start,
                end,
                "running page header or footer copied from a book or PDF: remove it (record "
                "the source in the note's source field)",
            )


# --- AG132 dangling-figure-reference ------------------------------------------------------

# A published work whose figures the learner can look up (see ``_figure_of_a_cited_work``).
_WORK = r"(?:paper|book|textbook|report|thesis|preprint|documentation|docs|specification|rfc)"

# Nouns that on a web page name a picture: almost always a figure of the page (an "exhibit"
# before its object is the verb: "a test program that exhibits the bug") ...
_FIGURE_NOUN = (
    r"(?:figure|fig\.?|diagram|illustration|chart|screenshot|screen\s+shot|infographic|"
    r"schematic|exhibit(?!s?\s+(?:the|a|an|this|that|these|those|its|their|some|any|such|"
    r"similar|no)\b)|drawing|sketch|visuali[sz]ation|graphic|flow\s?chart)s?"
)
# ... and nouns that are as often the data (an image a CNN classifies, a graph's nodes).
_PICTURE_NOUN = (
    r"(?:image|picture|photo|photograph|graph|plot|table|gif|animation|heat\s?map|histogram|"
    r"scatter\s?plot|box\s?plot|(?:bar|pie|line)\s+chart|dendrogram)s?"
)
_ANY_FIGURE = rf"(?:{_FIGURE_NOUN}|{_PICTURE_NOUN})"
# Session 30: pictures named by what they map or trace ("the attention map", "the loss curve")
# and by how they were made ("the mock-up", "the whiteboard photo").
_NAMED_PICTURE = (
    r"(?:(?:attention|saliency|activation|feature|class[- ]activation|heat)\s+maps?|"
    r"(?:loss|learning|training|validation|roc|pr|precision[- ]recall|calibration)\s+curves?|"
    r"mock-?ups?|doodles?|whiteboard\s+(?:photo|picture|sketch|drawing)s?)"
)
_SIDE = r"(?:left|right|top|bottom)"
_LOCATOR = (
    rf"(?:above|below|beneath|underneath|here|overleaf|on\s+(?:the\s+)?{_SIDE}(?:\s+side)?|"
    rf"(?:at|to)\s+the\s+{_SIDE})"
)
# A table "on the left" is a SQL join's table, and "the right chart" the correct one.
_SIDE_PICTURE = (
    r"(?:image|picture|photo|photograph|plot|graph|chart|panel|figure|heat\s?map|histogram|"
    r"curve)s?"
)
# Pictures that, once named with "the", are read off like a figure: "in the plot, ...". (Not
# "graph": in graph theory nodes are "in the graph".)
_READ_PICTURE = (
    r"(?:plot|chart|picture|diagram|figure|illustration|screenshot|scatter\s?plot|"
    r"histogram|heat\s?map|sketch|drawing|infographic)s?"
)
_DISPLAYED = (
    r"(?:shown|given|displayed|depicted|presented|illustrated|pictured|drawn|plotted|"
    r"visuali[sz]ed|sketched|attached|included|provided|seen|summari[sz]ed)"
)
_SHOWS = (
    r"(?:shows?|illustrates?|depicts?|displays?|demonstrates?|visuali[sz]es?|summari[sz]es?|"
    r"indicates?|suggests?|reveals?|highlights?|compares?|explains?|clarifies|outlines?|"
    r"captures?|traces?|makes\s+(?:it\s+)?clear|walks\s+(?:you\s+)?through|lays\s+out)"
)
# Pictures that are a figure whenever the text looks *in* them ("objects in the image" is
# data, so images and photos are not among them).
_LOOKED_IN = (
    r"(?:figure|diagram|illustration|chart|plot|picture|screenshot|infographic|gif|animation|"
    r"schematic|drawing|sketch|graphic|heat\s?map)s?"
)
# Session 28: what a note says of a slide, a page or a screen of its source.
_SURFACE = r"(?:slide|page|screen|poster|whiteboard|handout)"
# A slide, a page or a screen as the place to look: "on the slide", "in this handout".
_ON_THE_SURFACE = rf"\b(?:on|in)\s+(?:the|this)\s+{_SURFACE}s?\b"
# Containers of an author's measurements, read by row or column ("the third row of the latency
# comparison"): not a data table, which is named by its data.
_FINDINGS = (
    r"(?:(?:[\w-]+\s+)?(?:comparison|benchmark|leaderboard)s?|(?:results?|comparison|benchmark|"
    r"ablation|timings?|latency|accuracy|performance|scores?|evaluation|summary)\s+tables?|"
    r"(?:[\w-]+\s+){0,2}?(?:chart|plot|graph|figure|diagram)s?)"
)
# Nouns that go on a compound after a picture's noun: "the class diagram notation".
_COMPOUND = (
    r"notation|language|syntax|tools?|formats?|editors?|software|librar(?:y|ies)|standards?|"
    r"styles?|elements?|symbols?|types?|kinds?|templates?|conventions?|rules?|api|packages?|"
    r"functions?|methods?|objects?|class(?:es)?|modules?|data|values?|axis|axes|libraries"
)
# What a library does with pictures, named after the picture's noun: "the following image
# backends" are a list of libraries, not a figure.
_DATA_OF_PICTURES = (
    r"backends?|decoders?|encoders?|readers?|writers?|loaders?|codecs?|files?|sizes?|"
    r"resolutions?|transforms?|augmentations?|operations?|processing|models?|datasets?"
)
_DRAWN_PICTURE = (
    r"(?:curve|plot|chart|graph|figure|diagram|picture|heat\s?map|histogram|sketch|drawing|"
    r"visuali[sz]ation)s?"
)
# What a numbered table of a paper does: "Table 2 lists the timings".
_LISTS = (
    r"(?:lists?|gives?|reports?|presents?|contains?|provides?|details|collects?|records?|gathers?|"
    r"sums?\s+up|breaks?\s+down|tabulates?|includes?|has|had)"
)
# "Table 1" and "Table 2" are the usual names of the two sides of a join.
_DATABASE = lazy_regex(
    r"\b(?:joins?|sql|select|foreign\s+keys?|primary\s+keys?|databases?|relational|quer(?:y|ies)|"
    r"tuples?|schemas?|dbms)\b",
    re.IGNORECASE,
)
_FIGURE_REFERENCE = GatedPattern(
    "|".join(
        (
            # a numbered figure: "Figure 3", "fig. 2b", "Diagram 1", "(Table 4)", "Image 2 shows"
            r"\b(?:figure|fig\.?|diagram|illustration|chart|exhibit|screenshot)s?\s*"
            r"(?:no\.?\s*)?\d+(?:\.\d+)*[a-z]?\b",
            r"\b(?-i:Image|Picture|Photo|Plot|Graph)\s+\d+[a-z]?\b",
            # "(Table 4)", "in Table 2", "Table 2 lists ...": a numbered table of the page
            rf"(?:\(|\b(?:see|in|from|of|per|to|by|under|like|cf\.?)\s+)(?-i:Table)\s+\d+[a-z]?\b"
            rf"|\b(?-i:Table)\s+\d+[a-z]?\s+(?:(?:above|below)\b|{_SHOWS}|{_LISTS})",
            # a figure with a place: "the image on the left", "the plot below"
            # (not a number: "a figure above 1", "figures below 5%")
            rf"\b{_FIGURE_NOUN}\s+(?:(?:is|are)\s+)?(?:{_DISPLAYED}\s+)?{_LOCATOR}\b"
            r"(?!\s*[-+\u2212]?[$\u20ac\u00a3]?\d)",
            rf"\b{_PICTURE_NOUN}\s+(?:(?:is|are)\s+)?(?:{_DISPLAYED}\s+)?(?:above|below|beneath|"
            r"underneath|overleaf)\b",
            # "the next figure", "the previous diagram" (not "the next figure of merit")
            rf"\bthe\s+(?:next|previous|preceding|earlier|later)\s+{_FIGURE_NOUN}\b"
            r"(?!\s+of\s+merit)",
            # "in the two plots here", "on the histogram here": pictures read off in place
            rf"\b(?:in|on|from)\s+(?:the|these|those)\s+(?:(?:two|three|four|both|\d)\s+)?"
            rf"{_READ_PICTURE}\s+here\b",
            # "as the ablation table in the paper makes clear": a cited work's figure as the
            # evidence the card leans on
            rf"\bas\s+(?:the|its|their)\s+(?:[\w-]+\s+){{0,2}}?{_ANY_FIGURE}\s+(?:in|of|from)\s+"
            rf"(?:the|their|its)\s+(?:[\w-]+\s+){{0,2}}?{_WORK}\s+{_SHOWS}",
            # "As you can see from the loss curve, ...", "see slide 12"
            r"\bas\s+(?:you|we|one)\s+can\s+(?:clearly\s+)?see\s+(?:from|in|on)\s+(?:the|this|these)"
            rf"\s+(?:[\w-]+\s+)?(?:{_ANY_FIGURE}|curves?|lines?)\b",
            r"\b(?:see|on|in|from)\s+(?:the\s+)?slides?\s+\d+\b",
            rf"\b{_PICTURE_NOUN}\s+(?:(?:is|are)\s+)?{_DISPLAYED}\s+here\b",
            # "The plot on the right has ...": a sentence that opens on a picture with a place
            r"(?:^|(?<=[.!?:;(*_>\-+] )|(?<=[.!?:;] {2})|(?<=[(*_])|(?<=\band )|(?<=\bbut )|"
            rf"(?<=\bwhile )|(?<=\bwhereas )|(?<=\bso ))the\s+{_SIDE_PICTURE}\s+"
            rf"(?:on|at|to)\s+the\s+{_SIDE}\b",
            rf"\bthe\s+{_SIDE_PICTURE}\s+(?:on|at|to)\s+the\s+{_SIDE}(?:[- ]hand)?(?:\s+side)?\s+"
            r"(?:has|have|had|was|were|contains?|gives?|plots?|uses?|represents?|corresponds?|"
            r"looks?|tells?|makes?)\b",
            rf"\b(?:in|from|see|of|at)\s+the\s+{_SIDE_PICTURE}\s+(?:on|at|to)\s+the\s+{_SIDE}\b",
            rf"\bthe\s+{_SIDE_PICTURE}\s+(?:on|at|to)\s+the\s+{_SIDE}\s+(?:{_SHOWS}|is|are)\b",
            rf"\bthe\s+{_SIDE}(?:-hand)?\s+{_SIDE_PICTURE}\s+{_SHOWS}\b",
            rf"\bthe\s+{_SIDE}-hand\s+{_SIDE_PICTURE}\b",
            rf"\b(?:the|this|that|these)\s+(?:above|below|following|preceding|attached|"
            rf"accompanying|adjacent)\s+{_ANY_FIGURE}(?!\s+(?:{_COMPOUND}|{_DATA_OF_PICTURES})\b)",
            # "as depicted in the illustration", "shown in the plot", "(see figure)"
            rf"\b{_DISPLAYED}\s+(?:in|on|by)\s+(?:the|this|that|these)\s+{_FIGURE_NOUN}\b",
            # "what is shown on the image" is the data; "as shown in the image" is a figure
            rf"\bas\s+{_DISPLAYED}\s+(?:in|on|by)\s+(?:the|this|that|these)\s+{_ANY_FIGURE}",
            rf"\b(?:in|see|from|on|to|at|refer)\s+(?:the|this|that|these)\s+{_FIGURE_NOUN}\b",
            rf"\b(?:see|cf\.?|refer(?:\s+to)?|look\s+at|check)\s+{_FIGURE_NOUN}\b",
            # session 26: "refer to the architecture diagram", "see the training-loss chart"
            r"(?:(?<=\bsee )|(?<=\brefer to )|(?<=\blook at )|(?<=\bcheck )|(?<=\bconsult ))"
            rf"(?:the|this|that|these)\s+(?:[\w-]+\s+){{1,2}}?{_FIGURE_NOUN}\b",
            # a picture's colours: "the layer marked in red", "shaded in grey"
            r"\b(?:marked|highlighted|circled|coloured|colored|outlined|shaded|plotted)\s+in\s+"
            r"(?:red|blue|green|orange|purple|yellow|grey|gray|pink|black)\b",
            # a table cell counts as a start: "| see image |"
            rf"(?:^|[(\[.;:!|]\s*|(?<=, )|\bplease\s+)(?:see|refer(?:\s+to)?|look\s+at)\s+"
            rf"(?:the\s+)?{_PICTURE_NOUN}\b",
            rf"\b(?:this|that)\s+{_FIGURE_NOUN}\b",
            rf"\b(?:the|this)\s+(?:[\w-]+\s+)?{_FIGURE_NOUN}\s+{_SHOWS}\b",
            rf"\b(?:the|this)\s+(?:plot|graph|chart|table|picture|animation|gif)s?\s+{_SHOWS}\b",
            rf"\b(?:this|these)\s+(?:image|photo|photograph)s?\s+{_SHOWS}\b",
            # "The heatmap shows that `age` and `tenure` correlate": a finding read off a
            # plot of the data (what such a plot shows in general has no "that")
            r"\bthe\s+(?:[\w-]+\s+)?(?:heat\s?map|histogram|scatter\s?plot|box\s?plot|"
            rf"dendrogram|bar\s+chart|pie\s+chart)s?\s+{_SHOWS}\s+that\b",
            # "the left side of the diagram", "the top of the chart"
            r"\b(?:side|part|top|bottom|corner|half|centre|center|middle|edge)\s+of\s+the\s+"
            rf"{_FIGURE_NOUN}\b",
            # "the confusion matrix shown here", "Here is a visual representation of ..."
            r"\b(?:shown|displayed|depicted|pictured|plotted|illustrated|visuali[sz]ed)\s+"
            r"(?:here|above|below)\b",
            r"\b(?:below|above|here)\s+(?:is|are)\s+(?:an?|the)\s+(?:[\w-]+\s+)?(?:visual\s+"
            r"(?:representation|overview|summary|explanation)|representation|depiction)\b",
            rf"\bas\s+(?:the|this)\s+{_ANY_FIGURE}\s+{_SHOWS}\b",
            # session 30: a picture named with what or how it was drawn, in the frames that
            # read evidence off it: "As the draw.io sketch shows, …", "the attention map makes
            # it clear" ("the ROC curve shows the trade-off" says what such a curve is)
            rf"\bas\s+(?:the|this|our|my)\s+(?:[\w.-]+\s+){{1,2}}?(?:{_ANY_FIGURE}|{_NAMED_PICTURE})"
            rf"\s+{_SHOWS}\b|\bas\s+(?:the|this|our|my)\s+{_NAMED_PICTURE}\s+{_SHOWS}\b",
            rf"\bthe\s+(?:[\w.-]+\s+){{0,2}}?(?:{_ANY_FIGURE}|{_NAMED_PICTURE})\s+makes\s+(?:it\s+)?"
            r"(?:clear|obvious|evident|plain)\b",
            # "From the graph we can read ...", "In the picture, ...", "Per the diagram, ..."
            rf"\bfrom\s+the\s+{_READ_PICTURE}\s+(?:we|you|one|it)\s+(?:can|could|see|read|observe|"
            r"notice|tell|infer|conclude)\b",
            r"(?:^|(?<=[.!?:;(] )|(?<=[.!?:;] {2}))"
            rf"(?:in|from|on|per|looking\s+at|according\s+to)\s+the\s+{_READ_PICTURE}\s*,",
            rf"\b(?:per|according\s+to)\s+the\s+{_READ_PICTURE}\b",
            # "In the image, ...", "On the graph we see ...": read off a picture the card lacks,
            # unless the note named that image or graph before (then it is the data)
            r"(?:^|(?<=[.!?:;(] )|(?<=[.!?:;] {2}))(?:in|on|from|per|looking\s+at|according\s+to)"
            r"\s+the\s+(?P<data_noun>image|photo|photograph|graph|gif|animation|screenshot|video)s?"
            r"(?:\s*,|\s+(?:we|you|one)\s+(?:can\s+|could\s+)?(?:see|observe|notice|spot|tell)\b)",
            # "notice the two clusters in the scatter plot", "the elbow in the plot is at"
            rf"\b(?:notice|note|observe|look\s+at|spot)\b[^.\n]{{0,50}}\bin\s+the\s+{_READ_PICTURE}\b"
            r"(?!\s+(?:of|for)\b)",
            r"\b(?:elbow|peak|spike|dip|knee|bump|jump|kink|plateau|clusters?|outliers?)\s+(?:in|on)\s+"
            rf"the\s+{_READ_PICTURE}\b(?!\s+(?:of|for)\b)",
            # "the leftmost panel", "the second subplot", "the bottom graph"
            r"\bthe\s+(?:leftmost|rightmost|left-hand|right-hand|left|top|bottom|upper|lower|middle|"
            r"first|second|third|fourth|last)\s+(?:panel|subplot|sub-?figure)s?\b",
            r"\bthe\s+(?:leftmost|rightmost|left-hand|right-hand|left|top|bottom|upper|lower)\s+"
            r"(?:plot|graph|chart|figure|picture|diagram)s?\b(?!\s+(?:of|in|for)\b)",
            r"\bthe\s+(?:image|photo|gif|animation|screenshot)s?\s+(?:above\s+|below\s+)?(?:illustrates|"
            r"demonstrates|visuali[sz]es|summari[sz]es|explains)\b",
            r"\bthe\s+screenshots?\s+(?:above\s+|below\s+)?(?:shows|depicts|highlights)\b",
            # "as in the image", "like in the second diagram": the text leans on a picture
            rf"\b(?:as|like)\s+(?:in|on)\s+(?:the|this|that|these)\s+(?:[\w-]+\s+)?{_ANY_FIGURE}\b",
            rf"\b(?:in|from|on)\s+(?:this|these)\s+(?:{_READ_PICTURE}|(?:image|photo|photograph|gif|"
            r"animation|screenshot)s?)\b",
            rf"\bin\s+the\s+{_LOOKED_IN}\b(?!\s+(?:of|for)\b)",
            # session 28: a picture named with what it is of, as the place to look: "in the
            # architecture sketch", "In the attention graphic", "in the correlation heatmap"
            # (not a notation or a tool named by the picture: "in the class diagram notation")
            r"\bin\s+the\s+(?:(?!(?:next|previous|preceding|following|earlier|later|above|below|"
            rf"left|right|top|bottom|upper|lower)\b)[\w-]+\s+){{1,2}}?{_LOOKED_IN}\b"
            rf"(?!\s+(?:of|for|{_COMPOUND})\b)",
            # a part of a slide, a page or a picture by its place: "On the left half of the
            # slide", "the bottom corner of the screen"; a slide as the place: "on the slide"
            r"\b(?:left|right|top|bottom|upper|lower)(?:[- ]hand)?\s+(?:(?:half|side|part|corner|"
            rf"panel|column)\s+)?of\s+the\s+{_SURFACE}s?\b",
            rf"{_ON_THE_SURFACE}(?!\s*\d)(?!\s+(?:of|for|rule|window|"
            r"deck|object|table|size|load|view|source|number|rank)\b)(?<!\bpage)(?<!\bscreen)",
            # a row or column of the author's measurements: "the third row of the latency
            # comparison"
            r"\bthe\s+(?:first|second|third|fourth|fifth|last|top|bottom|next|\d+(?:st|nd|rd|th))\s+"
            rf"(?:rows?|columns?|lines?|entr(?:y|ies)|bars?)\s+(?:of|in)\s+the\s+{_FINDINGS}\b",
            # a picture named by the act that made or showed it: "the curve we drew", "the
            # plot you saw in class"
            rf"\bthe\s+(?:[\w-]+\s+){{0,2}}?{_DRAWN_PICTURE}\s+(?:that\s+)?(?:we|i|you)\s+"
            r"(?:just\s+|already\s+)?(?:drew|drawn|plotted|sketched|saw|seen|looked\s+at|showed|"
            r"rendered|made|generated|produced)\b",
            # a caption that points up at its picture: "↑ throughput vs. batch size"
            # (with a plot's axes: "↑ higher is better" is a table's legend)
            r"^[ \t>*_]*[\u2191\u2b06\u21e7\U0001f446\u261d\u2193\u2b07\u21e9\U0001f447]"
            r"\ufe0f?[ \t]+"
            r"(?=[^\n]*\b(?:vs\.?|versus|against|over)\s)",
            # a caption with no picture: "Figure: the loss per epoch", "Diagram 2 - the gates"
            r"^[ \t>*_]*(?:figure|fig\.?|diagram|illustration|screenshot|chart|image|picture)s?"
            r"(?:[ \t]*\d+(?:\.\d+)*[a-z]?)?[ \t]*[:\u2013\u2014](?:[ \t]|$)",
            # "Below is a diagram of ...", "Here you can see two plots"
            r"\b(?:below|above|here)\s+(?:is|are|you\s+(?:can\s+)?see|we\s+(?:can\s+)?see)\s+"
            rf"(?:an?|the|some|two|three|four)\s+(?:[\w-]+\s+){{0,2}}?{_ANY_FIGURE}\b",
            # "As you can see, the loss falls": looking at something the card does not have
            r"\bas\s+(?:you|we|one)\s+can\s+(?:clearly\s+)?see\b(?=\s*[,.;:]|\s+(?:here|above|"
            r"below)\b)",
            # "the top row shows": a grid of pictures, or a table
            rf"\bthe\s+(?:top|bottom|middle|first|second|third|last)\s+(?:row|column)s?\s+{_SHOWS}\b",
            rf"\b(?:above|below)\s+{_ANY_FIGURE}\b",
            rf"\b(?:can|could)\s+(?:be\s+)?seen?\s+(?:in|from|on)\s+(?:the|this)\s+{_ANY_FIGURE}",
            # "panel (b)", and what stands in for a dropped image: "[image]", "(figure)" (not a
            # gloss glued to the word it translates: "可视化(visualization)")
            r"\b(?:panel|subplot|sub-?figure)s?\s*(?:\([a-h]\)|(?-i:[A-H])\b)",
            rf"\[(?:{_ANY_FIGURE}|img)(?:\s*\d+)?(?::[^\]\n]*)?\]"
            rf"|(?<![^\W\d_])\((?:{_FIGURE_NOUN})(?:\s*\d+)?\)",
            # "The encoder (pictured) has ...", "(shown above)"
            r"\((?:pictured|illustrated|depicted|shown|plotted)(?:\s+(?:above|below|here))?\)",
            # no noun: "as shown below" (silent when the note has a block it may mean)
            r"\bas\s+(?:shown|seen|illustrated|depicted|pictured|visuali[sz]ed|plotted)\s+"
            r"(?:above|below|here)\b",
            r"\b(?:plotted|visuali[sz]ed|depicted|pictured|illustrated|sketched)\s+(?:above|below)\b",
            r"\bas\s+(?:illustrated|depicted|pictured|visuali[sz]ed|plotted)(?=\s*[,.;:])",
            # marks of a drawing: "the red curve", "the dashed line", "the shaded area"
            # "(shown in red)", "plotted as a dashed line", "(in blue)"
            r"\b(?:shown|drawn|plotted|marked|highlighted|colou?red|depicted|circled)\s+(?:in|as)\s+"
            r"(?:an?\s+)?(?:red|blue|green|orange|purple|yellow|grey|gray|black|pink|brown|bold|dashed|"
            r"dotted)\b|\(in\s+(?:red|blue|green|orange|purple|yellow|grey|gray|pink|brown)\)",
            r"\b(?:curve|line|slope|peak|bars?|trend|gap)\b[^.\n]{0,60}\bin\s+the\s+graph\b",
            r"\bin\s+the\s+(?:scatter|bar|pie|box|line)\s*(?:plot|chart)s?\b",
            # what stands where the picture was: "(Diagram omitted.)", "image not shown"
            rf"\b{_ANY_FIGURE}\s+(?:omitted|removed|missing|not\s+shown|not\s+included|unavailable)\b",
            r"\bthe\s+(?:red|blue|green|orange|purple|yellow|grey|gray|pink|brown|dashed|dotted|"
            r"shaded|highlighted)\s+(?:lines?|curves?|dots?|points?|regions?|areas?|arrows?|"
            r"circles?|bars?|markers?|crosses|squares?|triangles?|shapes?|edges?|nodes?)\b",
        )
    ),
    re.IGNORECASE | re.MULTILINE,
)
_IMAGE = lazy_regex(r"!\[[^\]]*\][(\[]|<img\b|<svg\b", re.IGNORECASE)
_TABLE_ROW = lazy_regex(r"^\s*\|.*\|\s*$", re.MULTILINE)
# A table's delimiter row, with or without the bars at its ends ("| ---: | :--- | :---" and
# "--- | ---" make tables too): a table whose rows do not close with a bar is on the card.
_TABLE_DELIMITER = lazy_regex(
    r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$", re.MULTILINE
)
# A code block without a language, or in a drawing language, may be the diagram itself (a
# closing fence names no language: the blocks' languages are read, not their fence lines).
_DRAWING_LANGUAGES = frozenset(
    {"", "text", "txt", "ascii", "plain", "mermaid", "dot", "graphviz", "plantuml", "svg"}
)


_NAMED_FIGURE = lazy_regex(
    rf"\b(?:{_ANY_FIGURE}|lines?|curves?|dots?|points?|regions?|areas?|arrows?|circles?|bars?|"
    r"markers?|crosses|squares?|triangles?|shapes?|edges?|nodes?)\b"
)
# What "as shown below" may mean on the card itself: code, math, a list, a table, an image.
_ANY_BLOCK = lazy_regex(r"^ {0,3}(?:`{3,}|~{3,}|\$\$|\||[-*+] |\d+[.)] )|!\[|<img\b", re.M)


# Verbs that only a picture does: "the matrix pictured here" is no list or code block.
_PICTURE_VERB = lazy_regex(
    r"\b(?:pictured|depicted|plotted|sketched|drawn|visuali[sz]ed|photographed)\b", re.I
)


def _block_where_meant(document: LintDocument, start: int, end: int, text: str) -> bool:
    """Whether a block stands where "shown here/above/below" points: above the reference's
    line for "above", below it otherwise. The list item holding the reference, or the items
    before "shown here", are not what it shows."""
    line_start = document.text.rfind("\n", 0, start) + 1
    line_end = document.text.find("\n", end)
    line_end = len(document.text) if line_end < 0 else line_end
    if re.search(r"\babove\b|^[^\w]*[\u2191\u2b06\u21e7\U0001f446\u261d]", text):
        region = document.text[document.body_offset : line_start]
    else:
        region = document.text[line_end:]
    return _ANY_BLOCK.search(region) is not None or _IMAGE.search(document.body) is not None


def _figure_present(document: LintDocument, kind: str) -> bool:
    body = document.body
    if not kind:  # no figure named: any block may be what the text shows
        return _ANY_BLOCK.search(body) is not None
    if kind == "table":  # a table may be in the note as a table or as a picture
        return any(pattern.search(body) for pattern in (_TABLE_ROW, _TABLE_DELIMITER, _IMAGE))
    drawing = any(block.language.lower() in _DRAWING_LANGUAGES for block in document.code_blocks)
    return drawing or _IMAGE.search(body) is not None


_GRAPH_THEORY = lazy_regex(r"\b(?:nodes?|edges?|vert(?:ex|ices)|neighbou?rs?|paths?)\b", re.I)


# A picture named by its place in a grid: "the top plot", "the second subplot", "the
# left panel". In a note whose code lays out a grid of plots, that is a plot of the code.
_PLACED_PICTURE = lazy_regex(
    r"^the\s+(?:leftmost|rightmost|left-hand|right-hand|left|right|top|bottom|upper|lower|"
    r"middle|first|second|third|fourth|last)\s+(?:panel|subplot|sub-?figure|plot|graph|chart)s?$",
    re.IGNORECASE,
)
# Code that lays out several plots: subplots(2, 1), add_subplot(...), axes[0], ax[1, 0].
_PLOTTING_CODE = lazy_regex(
    r"`[^`\n]*\b(?:subplots?|add_subplot|subplot2grid|subplot_mosaic|make_subplots|GridSpec)"
    r"\b[^`\n]*`|`[^`\n]*\b(?:axe?s|axs)\[\d[^`\n]*`"
    r"|^```[^\n]*\n(?:(?!```)[^\n]*\n)*?[^\n]*\b(?:subplots?|add_subplot|subplot2grid|"
    r"subplot_mosaic|make_subplots|GridSpec)\s*\(",
    re.MULTILINE,
)


# A slide in a note about presenting: "put the headline metric on the slide".
_ABOUT_PRESENTING = lazy_regex(
    r"\b(?:slides?|presentations?|presenting|decks?|talks?|posters?|pitch|keynote|powerpoint)\b",
    re.IGNORECASE,
)
_SLIDE_PLACE = lazy_regex(_ON_THE_SURFACE, re.IGNORECASE)
_DRAWN_BY = lazy_regex(
    rf"\b{_DRAWN_PICTURE}\s+(?:that\s+)?(?:we|i|you)\s+(?:just\s+|already\s+)?", re.IGNORECASE
)
# Code that draws: the picture "you plotted" is the one the note's own code makes.
_PLOT_CALL = lazy_regex(
    r"\b(?:plt|ax|axs|axes|sns|px|fig|go)\.\w+\(|\.plot\(|\bplot_\w+\(|\.hist\(|\bimshow\("
)


def _refers_to_data(document: LintDocument, prose: str, match: re.Match[str]) -> bool:
    """Whether the picture or table the match names is the note's data, not a lost figure:
    "In the image, ..." in a note that speaks of an image elsewhere, "In the graph, ..." about
    nodes and edges, "Table 2" in a note on SQL, "on the slide" in a note about presenting, the
    curve "you plotted" in a note whose code plots it."""
    if _SLIDE_PLACE.fullmatch(match.group(0)) and document.question is not None:
        question = document.text[document.question[0] : document.question[1]]
        if _ABOUT_PRESENTING.search(question):
            return True
    if _DRAWN_BY.search(match.group(0)) and any(
        _PLOT_CALL.search(block.code) for block in document.code_blocks
    ):
        return True
    noun = match.group("data_noun")
    if noun is not None:
        rest = prose[document.body_offset : match.start()] + " " + prose[match.end() :]
        if noun.lower() == "graph" and _GRAPH_THEORY.search(rest):
            return True  # "In the graph, each node ...": a graph of nodes and edges
        return re.search(rf"\b{noun}s?\b", rest, re.IGNORECASE) is not None
    if _PLACED_PICTURE.search(match.group(0)) and _PLOTTING_CODE.search(document.body):
        return True  # "axes[0] is the top plot": the plot the note's own code lays out
    numbered_table = re.search(r"(?-i:Table)\s+\d", match.group(0)) is not None
    return numbered_table and _DATABASE.search(prose, document.body_offset) is not None


# "Figure 1 of the paper", "Fig. 3 in Vaswani et al.", "the paper's Figure 2": a numbered
# figure of a work the note cites, which the learner can look up; "Figure 2 of this article"
# is the page the card was copied from.
_OF_A_CITED_WORK = lazy_regex(
    r"[ \t]+(?:of|in|from)[ \t]+(?!(?:this|our|my|the[ \t]+(?:same|previous|next|above))\b)"
    rf"(?:\[|(?-i:[A-Z])|the[ \t]+(?:[\w-]+[ \t]+){{0,3}}?{_WORK}\b|\w+[ \t]+et[ \t]+al\b)",
    re.IGNORECASE,
)
_CITED_WORK_BEFORE = lazy_regex(
    rf"(?:\b{_WORK}['\u2019]s|\bet[ \t]+al\.?,?(?:[ \t]*\(?(?:19|20)\d\d\)?,?)?"
    # "the paper (and its Figure 2)": "its" stands for the work just named
    rf"|(?:\b{_WORK}s?\b|\bet[ \t]+al\b\.?)[^.!?\n]{{0,30}}?\b(?:its|their))[ \t]+$",
    re.IGNORECASE,
)


# "as one can see in Fig. 1 of [Caron et al.]", "as shown in Figure 3 of the paper": the
# card asks the learner to look at the cited figure, its claim rests on a picture it lacks.
_LOOK_AT_IT = lazy_regex(
    r"\b(?:as\s+(?:one|you|we)\s+(?:can|could|may)\s+(?:clearly\s+|easily\s+)?see|as\s+"
    r"(?:is\s+)?(?:shown|seen|illustrated|visible|demonstrated|depicted)|clearly\s+visible)[ \t]+"
    r"(?:in|from|on)[ \t]+$",
    re.IGNORECASE,
)


def _figure_of_a_cited_work(prose: str, match: re.Match[str]) -> bool:
    """Whether the match is a numbered figure of a work the note cites (see above), and the
    card does not ask the learner to look at it."""
    if not re.search(r"\d", match.group(0)):
        return False
    line_start = prose.rfind("\n", 0, match.start()) + 1
    before = prose[max(line_start, match.start() - 60) : match.start()]
    if _LOOK_AT_IT.search(before):
        return False
    return bool(
        _OF_A_CITED_WORK.match(prose, match.end())
        or _CITED_WORK_BEFORE.search(prose, line_start, match.start())
    )


_SAME_PHRASE = 16  # characters between two readings of one reference

# A kind of picture or table, not one of a page: "a t-SNE plot", "an ablation study's results
# table", "reliability diagrams". Picture nouns stand for each other ("the picture" of "a
# t-SNE plot"); table nouns for tables.
_PICTURE_KIND = (
    r"(?:plot|chart|diagram|graph|picture|figure|image|visuali[sz]ation|curve|histogram|"
    r"heat\s?map|map|scatter\s?plot|panel)"
)
_TABLE_KIND = r"(?:table|matrix)"
_KIND_IN_GENERAL = (
    r"\b(?:a|an|any|each|every|such|one)\s+(?:[\w-]+\s+){{0,3}}?{noun}s?\b"
    r"|(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)\b{noun}s\b"
)
_PICTURE_IN_GENERAL = lazy_regex(_KIND_IN_GENERAL.format(noun=_PICTURE_KIND), re.IGNORECASE)
_TABLE_IN_GENERAL = lazy_regex(_KIND_IN_GENERAL.format(noun=_TABLE_KIND), re.IGNORECASE)
# "the results table of an ablation study": the noun named as a kind right where it stands
_OF_ANY = lazy_regex(r"\s+(?:of|for|in)\s+(?:a|an|any|each|every)\b", re.IGNORECASE)
# What makes a reference deictic whatever the question asks: a number, a place, a pointer or
# a look ("as you can see in the plot", "the plot below", "this chart", "Figure 2").
_DEICTIC = lazy_regex(
    r"\d|\b(?:above|below|here|left|right|top|bottom|upper|lower|next|previous|following|"
    r"preceding|this|these|that|those|see|seen|shown|look|looking|as|per|according|attached|"
    r"we|our|my|made|drew|drawn|plotted|red|blue|green|orange|purple|yellow|grey|gray|black|pink|"
    r"brown|dashed|dotted|shaded|highlighted)\b"
    # "In the image, ...": a picture read off at the head of a sentence
    r"|^(?:in|on|from|per)\s+the\s+[\w\s-]*,\s*$",
    re.IGNORECASE,
)


_THE = lazy_regex(r"\bthe\b", re.IGNORECASE)
_WORDS_AFTER = 24  # characters after a reference read for a place or a pointer


def _kind_in_general(document: LintDocument, prose: str, match: re.Match[str], kind: str) -> bool:
    """Whether the match names a kind of picture or table in general, as the note's question
    does ("Why must you not read distances in a t-SNE plot?" ... "the clusters in the
    picture"; "What should the results table of an ablation study contain?"): no number,
    place, pointer or look makes it one figure of a page the card lacks."""
    text = match.group(0)
    # the words right after count too: "In the plot" above, "the figure" below
    after = prose[match.end() : match.end() + _WORDS_AFTER].split("\n", 1)[0]
    if kind not in ("table", "figure") or _DEICTIC.search(text + after) or not _THE.search(text):
        return False  # "Diagram:", a caption, names no kind: it stands for its picture
    if _OF_ANY.match(prose, match.end()):
        return True
    span = document.question
    if span is None:
        return False
    general = _TABLE_IN_GENERAL if kind == "table" else _PICTURE_IN_GENERAL
    return general.search(document.text, *span) is not None


_STAND_IN = lazy_regex(rf"\((?P<noun>{_FIGURE_NOUN})\)", re.IGNORECASE)
# A lower-case word alone in parentheses: a gloss naming what the words before it describe
# (an acronym in parentheses, "(RPN)", names the thing, not a part of a pair).
_ONE_WORD_GLOSS = lazy_regex(r"(?<![^\W\d_])\([a-z][a-z-]*\)")


def _glossed_term(document: LintDocument, prose: str, match: re.Match[str]) -> bool:
    """Whether a bare "(figure)" names a term rather than standing in for a dropped picture:
    the sentence glosses a second part the same way ("the object (figure) and the rest
    (ground)"), or the question asks about a compound term made with that noun ("What is
    figure-ground segmentation?"). Session 31, batch 46's correct note; one "(figure)"
    after a claim is still a picture the page had."""
    stand_in = _STAND_IN.fullmatch(match.group(0))
    if stand_in is None:
        return False
    start = max(prose.rfind(mark, 0, match.start()) for mark in (".", "\n", "!", "?")) + 1
    ends = [end for mark in (".", "\n", "!", "?") if (end := prose.find(mark, match.end())) >= 0]
    sentence = prose[start : min(ends, default=len(prose))]
    others = [
        gloss.group(0)
        for gloss in _ONE_WORD_GLOSS.finditer(sentence)
        if _STAND_IN.fullmatch(gloss.group(0)) is None
    ]
    if others:
        return True
    span = document.question
    if span is None:
        return False
    noun = re.escape(stand_in.group("noun").rstrip("s"))
    compound = rf"\b{noun}s?\s*[-\u2010\u2013\u2014/]\s*\w|\w\s*[-\u2010\u2013\u2014/]\s*{noun}s?\b"
    return re.search(compound, document.text[span[0] : span[1]], re.IGNORECASE) is not None


class DanglingFigureReference(Rule):
    """A reference to an image, figure, plot or table that the card does not contain.

    "As shown in the image above", "see Figure 3", "the plot on the right", "(see figure)",
    "as depicted in the diagram", "the red curve", "in the chart, ...", "the leftmost panel",
    "In the image, ..." (unless the note speaks of that image or graph as its data), "Table 2
    lists ..." (not in a note on SQL, where tables 1 and 2 are the sides of a join):
    each made sense on the web page the text came from; on a card there is nothing to look at.
    The question line counts too; a cloze note's title does not. A figure noun with a number, a
    place (above, below, on the left, the following), a verb of showing or a pointer ("see",
    "in this diagram") is reported, unless the note has an image (or a table, for tables); so
    are a text that leans on a picture ("like in the diagram", "in this picture", "As you can
    see, ..."), a caption with no picture ("Figure: ..."), "Below is a plot of ...", "This
    image shows", "the left side of the diagram", "the matrix shown here" and "Here is a
    visual representation of ...", "the next figure", "see slide 12", "As you can see from the
    loss curve, ..." and "In the video, ..." (unless the note speaks of that video). Add the
    image to the note, or describe it in words. Nouns that are as often data ("the image is
    resized", "nodes in the graph") are reported only with a place or a pointer. A verb only
    a picture does ("pictured here", "depicted above") needs an image; "shown here" or "shown
    below" is satisfied by a block after the reference's line ("shown above" by one before
    it), not by the list item it stands in. A table cell that only points at a picture ("|
    see image |") is reported, and so is a caption label with nothing after it ("Diagram:").
    A numbered figure of a work the note cites ("Figure 1 of the paper", "the paper's Figure
    2", "Fig. 3 in Vaswani et al.") is a place the learner can look up. Code comments
    are read as prose too ("# shapes as in the figure below"); a code block counts as
    the figure only when it could be one (no language, or a drawing language like mermaid).
    A cited work's figure that the card asks the learner to look at is reported all the same:
    its claim rests on a picture it lacks ("as one can see in Fig. 1 of [Caron et al.]", "as
    the ablation table in the paper makes clear"); so are pictures read off in place ("in the
    two plots here", "on the histogram here").

    Read as a class too (lint/rules/artifact_references.py): a picture said to show something
    ("the image shows the trace of one step", "# the picture shows where the cache sits"; not in
    a note about images as data, "the image shows a cat" beside a CNN), a table of the author's
    findings ("the benchmark table", "the timings table", "as the comparison table shows"; a
    data table is named by its data, "the orders table"), an artifact on a printed page ("the
    figure on p. 42") and a chart by its position ("the upper chart"). Session 28: a picture
    named with what it shows as the place to look ("in the architecture sketch", "In the
    attention graphic"; not "in the class diagram notation"), a part of a slide ("On the left
    half of the slide", "at the bottom of the slide"; "on the slide" in a note about
    presenting is not), a row or column of the author's comparison ("the third row of the
    latency comparison"), a picture named by the act that drew it ("the curve we drew"; not in
    a note whose code plots it) and a caption pointing at its plot with an arrow ("↑
    throughput vs. batch size"). A kind of picture or table in general is no figure of the
    page: "the picture" of "a t-SNE plot" the question asks about, "the results table of an
    ablation study", unless a number, a place, a pointer, a colour or "we" makes it one.

    Session 30 (a class of the opened batches 38 and 44): a picture named with what it maps or
    traces or how it was made, in the frames that read evidence off it ("As the Excalidraw
    sketch shows, …", "the attention map makes it clear that …", "As the validation curve
    shows, …", "the mock-up makes it obvious"); "The ROC curve shows the trade-off between …"
    says what such a curve is.

    Session 31: a figure noun alone in parentheses that glosses a term is no stand-in for a
    picture: another one-word gloss in its sentence ("the object (figure) and the rest
    (ground)"), or a compound term of that noun in the question ("figure-ground
    segmentation"). A lone "(figure)" after a claim is still reported.
    """

    code = "AG132"
    name = "dangling-figure-reference"
    summary = "refers to a figure, image or table that is not in the note"
    bad = "# What does a GAN's generator do?\n\nAs shown in the image above, it makes samples.\n"
    good = "# What does a GAN's generator do?\n\nIt turns random noise into fake samples.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        # The question line counts too ("What does the plot above show?"); a cloze's title
        # only names the topic.
        cloze = document.note.meta.type is NoteType.CLOZE
        prose = document.answer_prose if cloze else document.prose_with_comments
        present: dict[str, bool] = {}  # searched only when a note refers to a figure or table
        reached = -1
        matches = list(_FIGURE_REFERENCE.finditer(prose, document.body_offset))
        # the class readings, unless a pattern above reads the same phrase ("the comparison
        # table on slide 14": one reference, reported once); finditer's matches do not
        # overlap, so their ends rise with their starts and one bisection finds the nearest
        starts = [match.start() for match in matches]
        extras = []
        for extra in artifact_references(prose, document.body_offset):
            nearest = bisect.bisect_left(starts, extra.end() + _SAME_PHRASE) - 1
            if nearest < 0 or matches[nearest].end() <= extra.start():
                extras.append(extra)
        matches = sorted([*matches, *extras], key=lambda match: match.start())
        for match in matches:
            if match.start() < reached:
                continue  # inside a reference reported already
            span = match.span()
            if rejects(document, self.code, "quoted", *span, quoted(prose, *span)):
                continue
            gloss = _glossed_term(document, prose, match)
            if rejects(document, self.code, "glossed-term", *span, gloss):
                continue
            data = _refers_to_data(document, prose, match)
            if rejects(document, self.code, "refers-to-data", *span, data):
                continue
            cited = _figure_of_a_cited_work(prose, match)
            if rejects(document, self.code, "figure-of-a-cited-work", *span, cited):
                continue
            text = match.group(0).lower()
            kind = (
                "table"
                if re.search(r"table|\brows?\b|\bcolumns?\b", text)
                else "figure"
                if _NAMED_FIGURE.search(text) or _PICTURE_VERB.search(text)
                else ""
            )
            general = _kind_in_general(document, prose, match, kind)
            if rejects(document, self.code, "kind-in-general", *span, general):
                continue
            if kind not in present:
                present[kind] = _figure_present(document, kind)
            if rejects(
                document,
                self.code,
                "figure-present",
                *span,
                present[kind]
                and (kind or _block_where_meant(document, match.start(), match.end(), text)),
            ):
                continue
            reached = match.end()
            start = match.start()
            while prose[start] in "| \t":  # a table cell's bar opens the match, not the text
                start += 1
            shown = " ".join(prose[start : match.end()].split())
            yield Finding(
                start,
                match.end(),
                f"'{shown}' refers to a {kind or 'figure'} that is "
                "not on this "
                "card: add it (![alt](file)) or describe it in words",
            )


# An answer that names an option letter: "b) Pooling", "Answer: (b)", "option c".
_OPTION_ANSWER = GatedPattern(
    r"(?:^[ \t]*(?:[-*+][ \t]+)?|\banswer(?: is)?:?[ \t]*|\boption[ \t]+)\(?([a-eA-E])\)(?=[ \t])"
    r"|\b(?:answer(?: is)?:?|option)[ \t]+\(?([a-eA-E])\b\)?",
    re.MULTILINE | re.IGNORECASE,
)


_COPYRIGHT_AFTER = lazy_regex(r"[ \t]*(?:(?:19|20)\d\d\b|copyright\b)", re.IGNORECASE)


def _names_its_own_option(prose: str, match: re.Match[str]) -> bool:
    """ "| Aspect | Option A | Option B |" or "Option A: cache the scores": the note names the
    option it then describes (a table's column, a definition), so no label is missing."""
    if not match.group(0).lower().startswith("option"):
        return False  # "b) Pooling", "Answer: c": a pointer at a label, never a name
    start = prose.rfind("\n", 0, match.start()) + 1
    end = prose.find("\n", match.end())
    line = prose[start : end if end >= 0 else len(prose)]
    if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
        return True
    return re.match(r"[ \t]*:[ \t]*\S", prose[match.end() : match.end() + 4]) is not None


def _variant_aside(prose: str, match: re.Match[str]) -> bool:
    """ "the shortcut becomes a 1x1 conv (option B), usually …": an "(option X)" aside after
    the words it follows names a variant those words describe (a paper's option A/B/C), not
    an answer pointing at a lost label."""
    if not match.group(0).lower().startswith("option") or prose[match.start() - 1] != "(":
        return False
    if not match.group(0).endswith(")"):
        return False
    # the words before it, on this line or the one before in the same paragraph
    before = prose[max(0, match.start() - 81) : match.start() - 1]
    if re.search(r"[A-Za-z0-9$`*][ \t]*\n?[ \t]*$", before) is None:
        return False
    # "the answer is pooling (option b)" still points at a label
    sentence = re.split(r"[.!?:](?:\s|$)", before)[-1]
    return re.search(r"\b(?:answers?|correct|right|choose|pick|select)\b", sentence, re.I) is None


# An option labelled inside a line: "A) ridge B) lasso", "(a) dropout, (b) pooling". One such
# letter may be an answer ("C) random forest"); two on a line are a run of labelled options.
_INLINE_LABEL = lazy_regex(r"(?:(?<![\w(])([a-eA-E])|(?<!\w)\(([a-eA-E]))\)[ \t]+(?=\S)")


# A list item (a task-list box allowed) that is only an option's name: "- [ ] Option B".
_NAMED_OPTION = lazy_regex(
    r"^[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?option[ \t]+([a-eA-E])[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


# The same in a quiz front's choices: "(Option A / Option B / Option C)".
_CHOICE_NAMED_OPTION = lazy_regex(
    r"(?:\(|\s/)[ \t]*option[ \t]+([a-eA-E])[ \t]*(?=\s/|\))", re.IGNORECASE
)


def _inline_labels(prose: str, start: int) -> set[str]:
    """The letters of options labelled in a run on one line, anywhere in the note."""
    labels: set[str] = set()
    for line in prose[start:].splitlines():
        letters = {(m.group(1) or m.group(2)).lower() for m in _INLINE_LABEL.finditer(line)}
        if len(letters) >= 2:
            labels |= letters
    return labels


# A part's letter in brackets anywhere in a line: "**Solution:** (a) Global batch …".
_PART_LABEL = lazy_regex(r"(?<![\w(])\(([a-eA-E])\)[:.]?[ \t]+(?=\S)")


def _lettered_parts(prose: str, start: int, letter: str) -> bool:
    """ "(a) Global batch … ⏎ (b) Every step …": a worked answer whose steps are lettered in
    order, each letter before this one used too, labels its parts, not lost options."""
    used = {found.lower() for found in _PART_LABEL.findall(prose, start)}
    return letter > "a" and all(chr(code) in used for code in range(ord("a"), ord(letter) + 1))


class UnlabeledOption(Rule):
    """An answer that names an option letter ("b) Pooling") when the options have no letters.

    Multiple-choice text often loses its labels when copied: the answer then points at
    nothing. Name the option itself, or label every option. An option of a quiz on another
    card ("Option (b) from the quiz above") is a reference outside the card, which AG137
    reports.
    """

    code = "AG133"
    name = "unlabeled-option"
    summary = "answer refers to an option letter that no option carries"
    bad = (
        "# Which does not prevent overfitting?\n\n- Dropout\n- Pooling\n- Early stopping\n\n"
        "b) Pooling\n"
    )
    good = "# Which does not prevent overfitting: dropout, pooling or early stopping?\n\nPooling.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose = document.prose
        matches = list(_OPTION_ANSWER.finditer(prose, document.body_offset))
        if not matches:  # the usual case: no need to look for labels
            return
        labels = {
            letter.lower()
            for letter in re.findall(r"^[ \t]*(?:[-*+][ \t]+)?\(?([a-eA-E])[).][ \t]", prose, re.M)
        } | _inline_labels(prose, document.body_offset)
        # "- [x] Option A": options named by their letter carry it as their label.
        labels |= {letter.lower() for letter in _NAMED_OPTION.findall(prose)}
        labels |= {letter.lower() for letter in _CHOICE_NAMED_OPTION.findall(prose)}
        letters = [(m.group(1) or m.group(2)).lower() for m in matches]
        for match, letter in zip(matches, letters, strict=True):
            # Labelled options exist when other letters appear as labels too.
            if len(labels - {letter}) >= 1 and letter in labels:
                continue
            if _names_its_own_option(prose, match) or _variant_aside(prose, match):
                continue
            if letter == "c" and _COPYRIGHT_AFTER.match(prose, match.end()):
                continue  # "(C) 2006 The authors": a copyright sign, not option c
            if points_into_a_quiz(prose, match.start(), match.end()):
                continue  # "Option (b) from the quiz above": another card's option (AG137)
            if match.group(0).lstrip(" \t-*+").startswith("(") and _lettered_parts(
                prose, document.body_offset, letter
            ):
                continue  # "(b) Every step …" after "(a) Global batch …": a lettered step
            yield Finding(
                match.start(),
                match.end(),
                f"the answer names option '{letter})', but the options carry no such label: "
                "name the option itself, or label every option",
            )


RULES: tuple[Rule, ...] = (
    PlaceholderText(),
    PromotionalText(),
    DanglingFigureReference(),
    UnlabeledOption(),
)
