"""What Anki's MathJax will typeset in a field, and the commands in it that are not plain math.

A card's HTML reaches MathJax in the learner's Anki, after ankigen's HTML sanitiser: any TeX
command that makes a link, sets a class, an id, a style or an attribute, or loads code would
be a way around it (``\\href{javascript:…}`` becomes a clickable link, ``\\style{background:
url(…)}`` fetches a remote file). So every field is read the way Anki and MathJax read it, and
each command inside math must be on an allow-list of plain math commands:

1. A cloze field goes through Anki's cloze filter first (``anki_template.cloze_filter``, every
   card and both sides), which also drops the HTML tags between math delimiters, so math may
   span tags there.
2. The HTML is split into MathJax's strings: text of adjacent text nodes; every element ends a
   string except ``<br>`` (a line break) and ``<wbr>``; ``pre``, ``code``, ``script``,
   ``style``, ``textarea`` and ``noscript`` are skipped (MathJax's ``skipHtmlTags``). Entities
   are decoded, as the browser decodes them before MathJax sees the text.
3. Math is found as MathJax's FindTeX finds it with Anki's settings: ``\\(…\\)`` and
   ``\\[…\\]`` only (no ``$``, no environments or escapes outside math), the closing delimiter
   counting only outside braces.

An allow-list rather than a deny-list: MathJax's autoloaded extensions keep adding commands
that take CSS or attributes (``\\bbox``, ``\\enclose``, ``\\colorbox``, ``\\mmlToken``,
``\\data``…), and a command missing from a deny-list is a hole while one missing from the
allow-list is only a clear error that names it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape
from html.parser import HTMLParser
from itertools import pairwise
from typing import TYPE_CHECKING

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic
from ankigen.render import anki_template
from ankigen.render.sanitize import TAG
from ankigen.source import cloze

if TYPE_CHECKING:
    from ankigen.source.load import Note

# Commands that carry links, classes, ids, styles, attributes, tooltips or toggles, or that
# load or define code: named in the error so the author knows why (never allowed).
DANGEROUS = frozenset(
    {
        "bbox",
        "class",
        "colorbox",
        "cssId",
        "data",
        "def",
        "enclose",
        "fcolorbox",
        "gdef",
        "href",
        "html",
        "let",
        "mathtip",
        "mmlToken",
        "newcommand",
        "newenvironment",
        "renewcommand",
        "renewenvironment",
        "require",
        "style",
        "texttip",
        "toggle",
        "unicode",
        "url",
    }
)

_GREEK = """
alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda
mu nu xi omicron pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega
Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega varGamma varDelta varTheta
varLambda varXi varPi varSigma varUpsilon varPhi varPsi varOmega digamma aleph beth gimel
daleth
"""
_SYMBOLS = """
ell hbar hslash imath jmath wp Re Im partial infty nabla emptyset varnothing forall exists
nexists neg lnot top bot angle measuredangle sphericalangle triangle backslash prime
backprime Box Diamond clubsuit diamondsuit heartsuit spadesuit flat natural sharp complement
eth mho surd ldots cdots vdots ddots dots dotsb dotsc dotsi dotsm dotso cdotp ldotp colon
S P pounds yen checkmark circledR maltese diagup diagdown blacksquare square lozenge
blacklozenge bigstar blacktriangle blacktriangledown blacktriangleleft blacktriangleright
triangledown vartriangle vartriangleleft vartriangleright Finv Game Bbbk
"""
_OPERATORS = """
pm mp times div cdot ast star circ bullet oplus ominus otimes oslash odot cap cup sqcap sqcup
vee wedge land lor setminus wr amalg uplus triangleleft triangleright bigtriangleup
bigtriangledown dagger ddagger lhd rhd unlhd unrhd barwedge veebar boxplus boxminus boxtimes
boxdot centerdot dotplus divideontimes ltimes rtimes leftthreetimes rightthreetimes
circledast circledcirc circleddash intercal smallsetminus Cap Cup doublecap doublecup
curlyvee curlywedge doublebarwedge
"""
_RELATIONS = """
lt gt leq le geq ge neq ne equiv approx approxeq sim simeq cong propto ll gg lll ggg subset supset
subseteq supseteq subsetneq supsetneq subseteqq supseteqq nsubseteq nsupseteq in ni notin
owns mid nmid parallel nparallel perp models vdash dashv vDash Vdash Vvdash asymp bowtie
doteq doteqdot prec succ preceq succeq sqsubset sqsupset sqsubseteq sqsupseteq smile frown
lesssim gtrsim leqslant geqslant leqq geqq lessapprox gtrapprox lneq gneq lneqq gneqq nleq
ngeq nless ngtr nsim ncong coloneqq eqqcolon coloneq Coloneqq Coloneq eqcolon Eqcolon
triangleq therefore because thicksim thickapprox backsim backsimeq eqsim lessgtr gtrless
lesseqgtr gtreqless precsim succsim precapprox succapprox nprec nsucc npreceq nsucceq
shortmid shortparallel nshortmid nshortparallel pitchfork between risingdotseq
fallingdotseq circeq bumpeq Bumpeq
"""
_ARROWS = """
to gets leftarrow rightarrow leftrightarrow Leftarrow Rightarrow Leftrightarrow
longleftarrow longrightarrow longleftrightarrow Longleftarrow Longrightarrow
Longleftrightarrow mapsto longmapsto uparrow downarrow updownarrow Uparrow Downarrow
Updownarrow nearrow searrow swarrow nwarrow hookleftarrow hookrightarrow leftharpoonup
leftharpoondown rightharpoonup rightharpoondown rightleftharpoons leftrightharpoons iff
implies impliedby xrightarrow xleftarrow xRightarrow xLeftarrow xleftrightarrow
xLeftrightarrow xmapsto xhookrightarrow xhookleftarrow twoheadrightarrow twoheadleftarrow
rightsquigarrow leftrightsquigarrow leadsto curvearrowright curvearrowleft circlearrowright
circlearrowleft nrightarrow nleftarrow nRightarrow nLeftarrow nleftrightarrow
nLeftrightarrow upharpoonleft upharpoonright downharpoonleft downharpoonright restriction
leftleftarrows rightrightarrows leftrightarrows rightleftarrows upuparrows downdownarrows
Lsh Rsh looparrowleft looparrowright multimap dashrightarrow dashleftarrow
"""
_BIG_OPERATORS = """
sum prod coprod int iint iiint iiiint oint bigcup bigcap bigsqcup bigvee bigwedge bigoplus
bigotimes bigodot biguplus intop smallint
"""
_FUNCTIONS = """
sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth log ln lg exp lim liminf
limsup sup inf max min arg det dim gcd deg hom ker Pr injlim projlim varlimsup varliminf
varinjlim varprojlim operatorname mod bmod pmod pod
"""
_DELIMITERS = """
left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm
biggm Biggm langle rangle lceil rceil lfloor rfloor lvert rvert lVert rVert vert Vert lbrace
rbrace lbrack rbrack lgroup rgroup lmoustache rmoustache ulcorner urcorner llcorner lrcorner
"""
_ACCENTS = """
hat widehat tilde widetilde bar overline underline vec overrightarrow overleftarrow
overleftrightarrow underrightarrow underleftarrow underleftrightarrow dot ddot dddot ddddot
acute grave breve check mathring overbrace underbrace overset underset stackrel
underbracket overbracket
"""
_STRUCTURE = """
frac dfrac tfrac cfrac binom dbinom tbinom sqrt root of over atop choose brace brack above
genfrac begin end limits nolimits substack cr hline hdashline tag notag nonumber not cancel
bcancel xcancel cancelto boxed fbox mathclap mathllap mathrlap clap llap rlap mathop mathbin
mathrel mathord mathopen mathclose mathpunct mathinner displaylines ce pu
"""
_FONTS = """
mathbf mathrm mathit mathsf mathtt mathcal mathbb mathfrak mathscr boldsymbol mathnormal pmb
text textbf textit textrm textsf texttt textnormal mbox rm bf it sf tt cal Bbb
displaystyle textstyle scriptstyle scriptscriptstyle tiny scriptsize footnotesize small
normalsize large Large LARGE huge Huge
"""
_SPACING = """
quad qquad enspace thinspace medspace thickspace negthinspace negmedspace negthickspace
hspace kern mkern mskip hskip space nobreakspace phantom hphantom vphantom smash mathstrut
strut
"""
# Colours are allowed only with a plain colour name or hex value (checked below): the name
# reaches a CSS style as written.
_COLOUR = "color textcolor"

ALLOWED = frozenset(
    " ".join(
        (
            _GREEK,
            _SYMBOLS,
            _OPERATORS,
            _RELATIONS,
            _ARROWS,
            _BIG_OPERATORS,
            _FUNCTIONS,
            _DELIMITERS,
            _ACCENTS,
            _STRUCTURE,
            _FONTS,
            _SPACING,
            _COLOUR,
        )
    ).split()
)
_COLOUR_COMMANDS = frozenset(_COLOUR.split())
_COLOUR_NAME = re.compile(r"\s*(?:[A-Za-z]+|#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6})\s*")

# MathJax's skipHtmlTags: their text is never typeset.
_SKIPPED = frozenset({"script", "noscript", "style", "textarea", "pre", "code"})
# Tags that do not end MathJax's current string (includeHtmlTags).
_INLINE = {"br": "\n", "wbr": ""}
_START = re.compile(r"\\\(|\\\[")
_CLOSE = {"\\(": "\\)", "\\[": "\\]"}
_COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.DOTALL)


class _MathJaxStrings(HTMLParser):
    """The text strings MathJax searches for math, as its HTMLDomStrings makes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.strings: list[str] = []
        self._current: list[str] = []
        self._skipping: list[str] = []  # open skipped elements

    def _push(self) -> None:
        if self._current:
            self.strings.append("".join(self._current))
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.append(tag)
            return
        if tag in _INLINE:
            self._current.append(_INLINE[tag])
            return
        self._push()
        classes = " ".join(value or "" for name, value in attrs if name == "class")
        # A class that asks MathJax to process a skipped element is honoured (conservatively,
        # any class with "process" in it).
        if tag in _SKIPPED and "process" not in classes:
            self._skipping.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            return
        if tag in _INLINE:
            self._current.append(_INLINE[tag])
        else:
            self._push()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag not in _INLINE:
            self._push()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._push()


def mathjax_strings(html: str) -> list[str]:
    """The strings of ``html`` in which MathJax looks for math (see the module docstring)."""
    strings = _strings_of_plain_tags(html)
    if strings is not None:
        return strings
    parser = _MathJaxStrings()
    parser.feed(html)
    parser.close()
    return parser.strings


def _strings_of_plain_tags(html: str) -> list[str] | None:
    """``mathjax_strings`` for HTML written as the sanitiser writes it, without an HTML parser
    (several times quicker); None when any '<' is not such a tag."""
    strings: list[str] = []
    current: list[str] = []
    skipping: list[str] = []
    position = 0
    for found in [*TAG.finditer(html), None]:
        text = html[position : len(html) if found is None else found.start()]
        if "<" in text:
            return None
        if text and not skipping:
            current.append(unescape(text))
        if found is None:
            break
        position = found.end()
        closing, tag = bool(found.group(1)), found.group(2).lower()
        if skipping:
            if tag == skipping[-1] and closing:
                skipping.pop()
            elif tag == skipping[-1]:
                skipping.append(tag)
        elif tag in _INLINE:
            current.append("" if closing else _INLINE[tag])
        else:
            if current:
                strings.append("".join(current))
            current = []
            if not closing and tag in _SKIPPED and "process" not in found.group(3):
                skipping.append(tag)
    if current:
        strings.append("".join(current))
    return strings


_END_TOKENS = {
    close: re.compile(re.escape(close) + r"|\\.|[{}]", re.DOTALL) for close in ("\\)", "\\]")
}


def _find_end(text: str, start: int, close: str) -> int | None:
    """Where the math opened at ``start`` ends (the index of its closing delimiter), or None:
    MathJax's FindTeX.findEnd, which counts braces and skips escaped characters."""
    braces = 0
    for token in _END_TOKENS[close].finditer(text, start):
        found = token.group(0)
        if found == close and braces == 0:
            return token.start()
        if found == "{":
            braces += 1
        elif found == "}" and braces:
            braces -= 1
    return None


# Openings without a close each cost a scan of the rest of the string; after this many, the
# rest is taken as math (stricter than MathJax, and never quadratic).
_MAX_UNCLOSED = 8


def math_in(text: str) -> list[str]:
    """The TeX of every ``\\(…\\)`` and ``\\[…\\]`` MathJax finds in one string."""
    found: list[str] = []
    position = 0
    unclosed = 0
    while (start := _START.search(text, position)) is not None:
        end = _find_end(text, start.end(), _CLOSE[start.group(0)])
        if end is None and unclosed >= _MAX_UNCLOSED:
            found.append(text[start.end() :])
            break
        if end is None:
            unclosed += 1
            position = start.end()  # an opening without its close: MathJax reads on after it
            continue
        found.append(text[start.end() : end])
        position = end + 2
    return found


def math_delimiters(text: str) -> list[tuple[str, bool, int, int]]:
    """Every math MathJax's scan meets in one string: (its TeX, whether it closes, where it
    starts, where it ends with its delimiters). An opening without its close runs to the end
    of the string (MathJax shows it as text and reads on after it)."""
    found: list[tuple[str, bool, int, int]] = []
    position = 0
    unclosed = 0
    while (start := _START.search(text, position)) is not None:
        end = _find_end(text, start.end(), _CLOSE[start.group(0)])
        if end is None:
            found.append((text[start.end() :], False, start.start(), start.end()))
            unclosed += 1
            if unclosed >= _MAX_UNCLOSED:
                break
            position = start.end()
            continue
        found.append((text[start.end() : end], True, start.start(), end + 2))
        position = end + 2
    return found


def _argument(tex: str, index: int) -> tuple[str, int] | None:
    """The ``{…}`` argument starting at ``index`` (spaces skipped) and the index after it."""
    while index < len(tex) and tex[index].isspace():
        index += 1
    if index >= len(tex) or tex[index] != "{":
        return None
    depth = 0
    for end in range(index, len(tex)):
        if tex[end] == "{":
            depth += 1
        elif tex[end] == "}":
            depth -= 1
            if depth == 0:
                return tex[index + 1 : end], end + 1
    return None


def _plain_colour(tex: str, index: int) -> bool:
    """``\\color`` and ``\\textcolor`` followed by a colour name or hex value, nothing else."""
    argument = _argument(tex, index)
    return argument is not None and _COLOUR_NAME.fullmatch(argument[0]) is not None


def unsafe_commands(tex: str) -> list[str]:
    """The commands of ``tex`` that are not plain math (in order, each once)."""
    found: list[str] = []
    for match in _COMMAND.finditer(tex):
        name = match.group(1)
        if not name.isascii() or not name.isalpha():
            continue  # a control symbol such as \, \{ or \\ (spacing and escapes)
        if name in _COLOUR_COMMANDS and _plain_colour(tex, match.end()):
            continue
        unsafe = name not in ALLOWED or name in DANGEROUS or name in _COLOUR_COMMANDS
        if unsafe and name not in found:
            found.append(name)
    return found


# Anki's own test for math in a cloze field (anki_template), and what in such math makes the
# cloze filter's output differ from the field: a tag it strips or cloze syntax it replaces.
_ANKI_MATH = re.compile(r"\\[(\[](.*?)\\[)\]]", re.DOTALL | re.IGNORECASE)
_CHANGED_BY_CLOZES = ("<", "{{c", "::", "}}")


def _views(html: str, cloze_field: bool) -> list[str]:
    """The HTML of a field as MathJax may see it: for a cloze field whose math holds anything
    Anki's cloze filter changes (it strips tags inside math), the cards' backs and fronts.

    Every back shows the same text (only the spans' classes differ), so one stands for all.
    A front differs from the back only where its cloze is: that cloze's fronts are read only
    when its text, hint or the character before it could change the TeX (``_inert``), and
    then only in the blocks of the field that hold it (``_blocks``), so that a note with
    hundreds of clozes costs about as much as its length, not its length times its clozes."""
    if not cloze_field or not any(
        needle in math.group(1)
        for math in _ANKI_MATH.finditer(html)
        for needle in _CHANGED_BY_CLOZES
    ):
        return [html]
    numbers = sorted(anki_template.cloze_numbers(html))
    if not numbers:
        return [html]
    views = [html, anki_template.cloze_filter(html, numbers[0], question=False)]
    relevant = _numbers_with_telling_fronts(html) & set(numbers)
    if relevant:
        views += _fronts_by_block(html, relevant)
    return views


# What a cloze's text and hint may hold for its front to show nothing its back does not:
# no TeX escapes, braces or brackets, tags or entities.
_NOT_INERT = re.compile(r"[\\{}\[\]<>&]|\{\{c\d")
_TRAILING_TAG = re.compile(r"<[^<>]*>$")
# Anki's nesting limit (deeper openings are text) and largest cloze number (anki_template).
_MAX_DEPTH = 10
_MAX_NUMBER = 65535
_LONG_NUMBER = re.compile(r"\{\{c[0-9]{5,}::")


def _numbers_with_telling_fronts(html: str) -> set[int]:
    """The cloze numbers whose fronts must be read: some cloze of that number is not inert.
    All of them when the field nests clozes or has numbers Anki reads as text."""
    spans = cloze.spans(html)
    every = {span.number for span in spans}
    if _LONG_NUMBER.search(html) is not None or _nested(spans):
        return every
    return {span.number for span in spans if not _inert(html, span)}


def _nested(spans: list[cloze.ClozeSpan]) -> bool:
    return any(later.start < span.close for span, later in pairwise(spans))


def _inert(html: str, span: cloze.ClozeSpan) -> bool:
    """A cloze whose front ('[hint]' for its text) cannot change the TeX the back shows: its
    text and hint hold no TeX syntax, and what stands before it (tags dropped, as Anki drops
    them inside math) cannot join the '[' into a command, an escape or an entity."""
    if _NOT_INERT.search(html, span.text_start, span.close) is not None:
        return False
    before = html[max(0, span.start - 400) : span.start]
    while (tag := _TRAILING_TAG.search(before)) is not None:
        before = before[: tag.start()]
    if not before:
        return span.start < 400
    last = before[-1]
    return not (last.isascii() and last.isalnum()) and last not in "\\>};&#"


# Where a field may be cut: after block end tags, before a cloze that no other cloze holds
# (each card wraps it in a span) and after math. Never inside a cloze or a skipped element;
# ``_fronts_by_block`` keeps a cut only where no card's math or MathJax string runs across.
_BLOCK_END = re.compile(r"</(?:p|li|ul|ol|td|th|tr|table|blockquote|div|h[1-6])>")
_CLOZE_MARKER = re.compile(r"\{\{c([0-9]+)::|\}\}")
_SKIPPED_TAG = re.compile(r"<(/?)(pre|code|script|style|textarea|noscript)\b", re.IGNORECASE)
_OPENER = re.compile(r"\\[(\[]")


def _blocks(html: str) -> list[str]:
    """The field cut where no cloze is open (with Anki's reading) and no skipped element."""
    openings = [match.start() for match in _CLOZE_MARKER.finditer(html) if match.group(1)]
    ends = {match.end() for pattern in (_BLOCK_END, _ANKI_MATH) for match in pattern.finditer(html)}
    cuts = sorted(ends | set(openings))
    markers = _CLOZE_MARKER.finditer(html)
    skipped_tags = _SKIPPED_TAG.finditer(html)
    marker, skipped_tag = next(markers, None), next(skipped_tags, None)
    depth = skipped = start = 0
    blocks: list[str] = []
    for cut in cuts:
        while marker is not None and marker.end() <= cut:
            depth = _depth_after(depth, marker)
            marker = next(markers, None)
        while skipped_tag is not None and skipped_tag.start() < cut:
            skipped = max(0, skipped + (-1 if skipped_tag.group(1) else 1))
            skipped_tag = next(skipped_tags, None)
        inside_marker = marker is not None and marker.start() < cut
        if depth == 0 and skipped == 0 and not inside_marker and cut > start:
            blocks.append(html[start:cut])
            start = cut
    blocks.append(html[start:])
    return [block for block in blocks if block]


def _depth_after(depth: int, marker: re.Match[str]) -> int:
    number = marker.group(1)
    if number is None:
        return max(0, depth - 1)
    if len(number) > 5 or int(number) > _MAX_NUMBER or depth >= _MAX_DEPTH:
        return depth
    return depth + 1


def _dangling(view: str) -> bool:
    """Whether Anki's math pattern, after its last match in ``view``, still sees an opening
    delimiter: then it would read on into the next block."""
    last = 0
    for math in _ANKI_MATH.finditer(view):
        last = math.end()
    return _OPENER.search(view, last) is not None


_LAST_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>$")


def _closes_its_math(view: str) -> bool:
    """Whether the MathJax string that ``view`` ends in (and that text after the view would
    continue) closes every math it opens: then what follows is read the same on its own."""
    tag = _LAST_TAG.search(view)
    if tag is not None and tag.group(2).lower() not in _INLINE:
        return True  # the tag ends the string
    strings = mathjax_strings(view)
    text = strings[-1] if strings else ""
    position = 0
    while (start := _START.search(text, position)) is not None:
        end = _find_end(text, start.end(), _CLOSE[start.group(0)])
        if end is None:
            return False
        position = end + 2
    return not text.endswith("\\")


def _skipping_at_end(view: str) -> bool:
    """Whether ``view`` ends inside a skipped element (Anki's stripping inside math can drop
    a closing tag on one card and not on another). Stricter than MathJax: classes ignored."""
    open_names: list[str] = []
    for tag in _SKIPPED_TAG.finditer(view):
        name = tag.group(2).lower()
        if tag.group(1):
            if open_names and open_names[-1] == name:
                open_names.pop()
        elif not open_names or open_names[-1] == name:
            open_names.append(name)
    return bool(open_names)


def _clean_cut(view: str) -> bool:
    """Whether what follows ``view`` is read on its own as it is read after it."""
    return not _dangling(view) and not _skipping_at_end(view) and _closes_its_math(view)


# After this many cuts in a row that do not hold, the rest of the field is read whole (as
# every card's view was read before): checking each cut again would cost more.
_MAX_FAILED_CUTS = 16


def _back(html: str, numbers: list[int]) -> str:
    """A block as every card's back shows it (math tags stripped, as Anki strips them)."""
    if numbers:
        return anki_template.cloze_filter(html, numbers[0], question=False)
    return _ANKI_MATH.sub(lambda math: anki_template.strip_html(math.group(0)), html)


def _fronts_by_block(html: str, relevant: set[int]) -> list[str]:
    """The fronts of the ``relevant`` clozes, each read over the blocks that hold it. A block
    is joined to the next while some card's math or MathJax string would run across."""
    fronts: list[str] = []
    blocks = _blocks(html)
    pending = ""
    failed = 0
    for index, block in enumerate(blocks):
        pending += block
        last = index + 1 == len(blocks)
        if not last and failed >= _MAX_FAILED_CUTS:
            continue
        numbers = sorted(anki_template.cloze_numbers(pending))
        back = _back(pending, numbers)
        if not last and not _clean_cut(back):
            failed += 1
            continue
        views = [
            anki_template.cloze_filter(pending, number, question=True)
            for number in numbers
            if number in relevant
        ]
        if not last and not all(_clean_cut(view) for view in views):
            failed += 1
            continue
        fronts += views
        pending = ""
        failed = 0
    return fronts


def unsafe_in_field(html: str, cloze_field: bool = False) -> list[str]:
    """The non-math commands MathJax would read in a field (in order, each once)."""
    found: list[str] = []
    text = unescape(html) if "&" in html else html
    if "\\(" not in text and "\\[" not in text:
        return found  # no math delimiter, written or as entities (cloze filters add none)
    for view in _views(html, cloze_field):
        for string in mathjax_strings(view):
            for tex in math_in(string):
                found += [name for name in unsafe_commands(tex) if name not in found]
    return found


def message(name: str) -> str:
    """The AG042 message for a command (the dangerous ones keep their established wording)."""
    if name in DANGEROUS or name in _COLOUR_COMMANDS:
        detail = (
            "it can carry links, styles or scripts past the sanitiser; write the math without it"
        )
        if name in _COLOUR_COMMANDS:
            detail = (
                "its colour reaches a CSS style as written; give a colour name such as "
                "{red} or a hex value such as {#c03030}"
            )
        return f"math command '\\{name}' is not allowed: {detail}"
    return (
        f"math command '\\{name}' is not allowed: it is not one of the plain math commands "
        "ankigen lets through to Anki's MathJax (extension commands can set styles or "
        "links, and undefined ones show as errors); write it with standard commands, e.g. "
        "\\operatorname{argmax} for a named operator"
    )


def _offset_in(text: str, name: str) -> int:
    """Where the author wrote the command: as ``\\name``, else (with
    markup such as ``\\hr*ef*`` splitting it: its longest written start), else the name alone
    (written with an entity such as ``&#92;``), else -1."""
    found = re.search(rf"\\{name}(?![A-Za-z])", text)
    for length in range(len(name) - 1, 1, -1):
        found = found or re.search(re.escape(f"\\{name[:length]}"), text)
    found = found or re.search(re.escape(name), text)
    return found.start() if found is not None else -1


def _explained_by_glue(name: str, glued: frozenset[str], body: str) -> bool:
    if name not in glued or name in DANGEROUS or name in _COLOUR_COMMANDS:
        return False
    return re.search(rf"\\{name}(?![A-Za-z])", body) is None


def note_problems(
    note: Note,
    fields: Sequence[str],
    cloze_field: int | None,
    glued: frozenset[str] = frozenset(),
) -> list[Diagnostic]:
    """AG042 for every non-math command MathJax would read in the note's fields, located at
    the first place the body writes it (else at the body's first line). The citation, always
    the last field, comes from deck.yaml and is checked there (``deck_description``).

    ``glued`` are commands that only exist because a cloze marker joins a control word to a
    letter ('{{c1::\\lambda}}x'): AG038 reports those with their cause and fix, so they get no
    second, misleading AG042, unless they are dangerous or the body also writes them."""
    names: list[str] = []
    for index, html in enumerate(fields[:-1]):
        names += [name for name in unsafe_in_field(html, index == cloze_field) if name not in names]
    problems = []
    body = note.body
    for name in names:
        if _explained_by_glue(name, glued, body):
            continue
        offset = max(_offset_in(body, name), len(body) - len(body.lstrip()))
        line = note.body_line + body.count("\n", 0, offset)
        column = offset - (body.rfind("\n", 0, offset) + 1) + 1
        problems.append(Diagnostic(note.path, line, column, CheckCode.UNSAFE_MATH, message(name)))
    return problems
