"""References to course material a card does not hold (read by AG137).

A student who turns lectures into cards points at what the class had: a moment of the
recorded lecture ("as we saw at 14:05 in the lecture"), a numbered lab or homework ("like the
SQLite setup in Lab 3"), a part of the exercise the card came from ("from part 1 of this
exercise"), an option of a quiz ("Option (b) from the quiz above"). While reviewing the learner
has none of them. A numbered slide is a picture of the lecture, which AG132 reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.prefilter import GatedPattern

_THE = (
    r"(?:the|this|that|our|my|your|today['\u2019]s|yesterday['\u2019]s|last\s+week['\u2019]s|last)"
)
_MEETING = (
    r"(?:lecture|class|session|lab|seminar|lesson|tutorial|workshop|recitation|video|recording|"
    r"talk|livestream|stream|webinar|office\s+hours)s?"
    # "at 14:05 in the lecture hall" is a time and a place, no recording
    r"(?!\s+(?:hall|room|theat(?:re|er)|building|cent(?:re|er))s?\b)"
)
_TEST = r"(?:quiz|quizzes|test|exam|poll|midterm|final|worksheet|mcq|kahoot|pop\s+quiz)"
_QUIZ = r"(?:quiz|quizzes|poll|midterm|mcq|kahoot|pop\s+quiz)"
_PART_NAME = r"(?:\d+|\(?[a-h]\)|one|two|three|four|five|six)"
_COURSE_WORK = (
    r"(?:exercise|problem|assignment|homework|worksheet|lab|quiz|exam|test|problem\s+set|"
    r"pset|exercise\s+sheet|tutorial\s+sheet|practical)s?"
)
_SEEN = (
    r"(?:saw|seen|discussed|covered|did|done|showed|shown|learned|learnt|mentioned|said|"
    r"derived|went\s+over|talked\s+about|built|wrote|set\s+up)"
)

COURSE_MATERIAL = GatedPattern(
    "|".join(
        (
            # a moment of a recording: "at 14:05 in the lecture", "around 1:02:10 of the video"
            rf"\b(?:at|around|from|near|see)\s+(?:minute\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+"
            rf"(?:in|of|into)\s+{_THE}\s+(?:[\w-]+\s+)?{_MEETING}\b",
            rf"\b{_MEETING}\s+(?:\d+\s+)?(?:at|around|from)\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b",
            # "as we saw in the lecture", "as I showed in today's lab"
            rf"\bas\s+(?:we|i|you)\s+(?:(?:have|had)\s+|already\s+)?{_SEEN}\b[^.!?\n]{{0,40}}?"
            rf"\b(?:in|during)\s+{_THE}\s+(?:[\w-]+\s+)?{_MEETING}\b",
            # a numbered lab or homework: "in Lab 3", "from homework 2", "Lab 3's setup"
            r"\b(?:in|from|of|see|like|as\s+in|during|for|after|since|than|cf\.?)\s+(?:the\s+)?"
            r"(?:lab|homework|hw|assignment|problem\s+set|pset|worksheet|practical|recitation|"
            # session 35: a numbered sheet of exercises ("exercise sheet 3", "Übungsblatt 4")
            r"(?:exercise|problem|tutorial)\s+sheet|\u00fcbungsblatt|blatt)"
            r"\s*#?\d+[a-z]?\b",
            r"\b(?-i:Lab|Homework|HW|Assignment|Worksheet|Practical)\s*#?\d+[a-z]?['\u2019]s\b",
            # a part of the exercise the card came from: "from part 1 of this exercise"
            rf"\b(?:part|step|question|task)\s+{_PART_NAME}\s+(?:of|in|from)\s+{_THE}\s+"
            rf"(?:[\w-]+\s+)?{_COURSE_WORK}\b",
            # an option of a quiz: "Option (b) from the quiz above", "answer C in today's poll"
            rf"\b(?:option|choice|answer|alternative)\s*\(?(?:[a-h]|[1-9])\)?\s+(?:from|in|of|on)\s+"
            rf"{_THE}\s+(?:[\w-]+\s+)?{_TEST}\b",
            # session 28: a numbered part of the course as where something was covered ("As
            # covered in module 2"; a plan, "attention is introduced in week 9", says when)
            r"\bas\s+(?:(?:we|i|you)\s+(?:(?:have|had)\s+|already\s+)?)?"
            rf"(?:{_SEEN}|explained|introduced|described)\s+(?:in|during)\s+(?:the\s+)?"
            r"(?:module|week|unit|lesson|lecture|session|class|day)\s*\d+\b",
            # the course's material by when it was given: "in last week's notes", "from
            # Thursday's slides", "see yesterday's handout"
            r"\b(?:in|from|see|check|on|cf\.?|as\s+in)\s+(?:today|yesterday|last\s+(?:week|time|lecture|class|"
            r"session|term)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)['\u2019]s\s+(?:[\w-]+\s+)?"
            r"(?:notes|slides|handouts?|lectures?|class|session|lab|readings?|recording|video|"
            r"homework|worksheet)\b",
            # "the quiz above" ("the test above" is as often a unit test in the card's code)
            rf"\b{_THE}\s+{_QUIZ}(?:\s+question)?\s+(?:above|before|earlier|below)\b",
        )
    ),
    re.IGNORECASE,
)


def course_material(prose: str, start: int) -> Iterator[re.Match[str]]:
    """References to lectures, labs, exercises and quizzes in ``prose`` from ``start``."""
    return COURSE_MATERIAL.finditer(prose, start)


def points_into_a_quiz(prose: str, start: int, end: int) -> bool:
    """Whether an option letter at ``start:end`` is one of a quiz elsewhere ("Option (b) from
    the quiz above"): not a lost label of this card's options."""
    line_end = prose.find("\n", end)
    window = prose[start : line_end if line_end >= 0 else len(prose)]
    return any(
        match.start() == 0 or match.start() <= end - start
        for match in COURSE_MATERIAL.finditer(window)
        if re.search(_TEST, match.group(0), re.IGNORECASE)
    )
