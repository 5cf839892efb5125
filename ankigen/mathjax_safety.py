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
from typing import TYPE_CHECKING

from ankigen import anki_template
from ankigen.diagnostics import Diagnostic
from ankigen.sanitize import TAG

if TYPE_CHECKING:
    from ankigen.load import Note

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
leq le geq ge neq ne equiv approx approxeq sim simeq cong propto ll gg lll ggg subset supset
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
    """The HTML of a field as MathJax may see it: for a cloze field, every card's front and
    back as Anki's cloze filter makes them (it strips tags inside math), when its math holds
    anything the filter changes."""
    if not cloze_field or not any(
        needle in math.group(1)
        for math in _ANKI_MATH.finditer(html)
        for needle in _CHANGED_BY_CLOZES
    ):
        return [html]
    views = [html]
    for number in sorted(anki_template.cloze_numbers(html)):
        for question in (True, False):
            views.append(anki_template.cloze_filter(html, number, question=question))
    return views


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


def note_problems(note: Note, fields: Sequence[str], cloze_field: int | None) -> list[Diagnostic]:
    """AG042 for every non-math command MathJax would read in the note's fields, located at
    the first place the body writes it (else at the body's first line). The citation, always
    the last field, comes from deck.yaml and is checked there (``deck_description``)."""
    names: list[str] = []
    for index, html in enumerate(fields[:-1]):
        names += [name for name in unsafe_in_field(html, index == cloze_field) if name not in names]
    problems = []
    body = note.body
    for name in names:
        offset = max(_offset_in(body, name), len(body) - len(body.lstrip()))
        line = note.body_line + body.count("\n", 0, offset)
        column = offset - (body.rfind("\n", 0, offset) + 1) + 1
        problems.append(Diagnostic(note.path, line, column, "AG042", message(name)))
    return problems
