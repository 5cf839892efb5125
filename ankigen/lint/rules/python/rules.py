"""The rules: each reports its own share of the problems of every Python code block."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from ankigen.diagnostics import Severity
from ankigen.lint.document import CodeBlock, Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.python.analysis import analyse
from ankigen.lint.rules.python.apis import UNKNOWN
from ankigen.lint.rules.python.former_names import FORMER
from ankigen.lint.rules.python.languages import other_language, pseudo_code
from ankigen.lint.rules.python.mentions import mention_findings
from ankigen.lint.rules.python.positions import BlockMap
from ankigen.lint.rules.python.problem import PY2, REMOVED, SYNTAX, TRUNCATED, UNDEFINED
from ankigen.lint.rules.python.scopes import iter_names, note_imported_names

PYTHON_LANGUAGES = frozenset(
    {"python", "py", "python3", "py3", "pycon", "ipython", "ipython3", "python-repl"}
)


def _line_before(document: LintDocument, block: CodeBlock) -> str:
    """The nearest non-blank line above the block's fence (or above an indented block)."""
    line = block.first_line - (2 if block.language or _fenced(document, block) else 1)
    while line >= document.note.body_line:
        start = document.offset_of_line(line)
        text = document.text[start : document.offset_of_line(line + 1)].strip()
        if text:
            return text
        line -= 1
    return ""


def _fenced(document: LintDocument, block: CodeBlock) -> bool:
    start = document.offset_of_line(block.first_line - 1)
    return document.text[start : start + block.indent + 3].lstrip().startswith(("```", "~~~"))


# A reStructuredText directive that declares the indented block after it as Python (Sphinx
# pages copied into a note): ".. code-block:: python", ".. testcode::", ".. ipython::"
# (session 34). The block is then read as a fence labelled Python would be.
_RST_PYTHON_DIRECTIVE = lazy_regex(
    r"\.\.[ \t]+(?:(?:code-block|code|sourcecode|highlight)::[ \t]+(?:python3?|py3?|ipython3?|"
    r"pycon)|(?:testcode|testsetup|doctest|ipython|jupyter-execute)::(?:[ \t]+\S.*)?)[ \t]*",
    re.IGNORECASE,
)


def _declared_python(document: LintDocument, block: CodeBlock) -> bool:
    """Whether an indented block's directive line names Python (a fence's label is its own)."""
    if block.language or _fenced(document, block):
        return False
    return _RST_PYTHON_DIRECTIVE.fullmatch(_line_before(document, block)) is not None


def _python_blocks(document: LintDocument) -> list[CodeBlock]:
    return [
        block
        for block in document.code_blocks
        if (not block.language or block.language.lower() in PYTHON_LANGUAGES)
        and not other_language(block.code)
        and not pseudo_code(block.code, _line_before(document, block))
    ]


# "Answer: Error", "it raises a SyntaxError", "there is no ++ operator in Python": the note
# shows code that fails on purpose, and asks what happens.
_SAYS_INVALID = GatedPattern(
    r"\bsyntax\s*error\b|\binvalid\s+syntax\b|\bnot\s+valid\s+python\b"
    r"|\b(?:does\s+not|doesn['\u2019]t|won['\u2019]t|will\s+not)\s+(?:parse|compile)\b"
    r"|^\W*(?:\w+\s*:\W*)?error\W*$|\bno\s+(?:\S+\s+)?operator\b|\bthere\s+is\s+no\s+\S+\s+operator\b",
    re.I | re.M,
)

# "Running TF1 code under TensorFlow 2", "migrating legacy graphs": the note shows a deprecated
# API (one that still runs, such as tf.compat.v1) on purpose. Read in prose only, so the
# name itself in inline code does not count.
_LEGACY_CONTEXT = lazy_regex(
    r"\b(?:tf ?1(?:\.x)?|tensorflow ?1(?:\.x)?|1\.x|v1|migrat\w*|legacy|deprecat\w*"
    r"|(?:backwards? )?compat\w*|graph mode|old(?:er)? (?:code|graphs?|scripts?|models?"
    r"|checkpoints?|projects?|codebases?|versions?|releases?|apis?)"
    r"|(?:numpy|pandas|scikit-learn|sklearn) ?[01](?:\.\d+)*)\b",
    re.I,
)


def _findings(document: LintDocument, code: str) -> Iterator[Finding]:
    if code == SYNTAX and _SAYS_INVALID.search(document.prose, document.body_offset):
        return  # the card asks about code that Python rejects: that is its point
    legacy = code in (REMOVED, FORMER) and _LEGACY_CONTEXT.search(
        document.prose, document.body_offset
    )
    blocks = document.memo("python-blocks", lambda: _python_blocks(document))
    mappings = [BlockMap.of(document, block) for block in blocks]
    cleans = tuple(mapping.clean for mapping in mappings)
    earlier_names = iter_names(cleans)
    note_imports = note_imported_names(cleans)
    for block, mapping, earlier in zip(blocks, mappings, earlier_names, strict=False):
        labelled = bool(block.language) or _declared_python(document, block)
        analysis = analyse(mapping.clean, labelled, earlier, note_imports)
        for problem in analysis.problems:
            if problem.code == code and not (legacy and (problem.deprecated or code == FORMER)):
                yield mapping.finding(problem, analysis.shifts)


class _CodeRule(Rule):
    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        return _findings(document, self.code)


class PythonSyntax(_CodeRule):
    """A Python code block that does not parse.

    Blocks fenced as ``python``, ``py``, ``python3``, ``pycon`` or ``ipython`` (and an
    unlabelled block that starts with a Python import) must be valid Python 3, because
    learners copy them. The position is the first error Python's parser finds, on the note's
    own line; then what Python's compiler rejects in code that parses: ``await`` or ``async
    with`` in a plain ``def``, ``yield from`` in an ``async def``, ``break`` outside its loop
    in a function, ``global`` after the name is used, a repeated parameter, a late ``from
    __future__`` import. A top-level ``return``, ``yield``, ``break`` or ``continue`` is a
    fragment of a body the card leaves out, unless it comes after the function (or loop) it
    fell out of; a ``return`` of what the snippet's own top level built (``return
    Response(stream())`` under ``async def stream(): …``) ends an excerpt of a body, unless it
    reads a local of the function above; top-level ``await`` is valid in a notebook. Console
    sessions (``>>>`` and IPython's ``In [1]:`` prompts) are read without prompts and output
    (IPython's banner above the first prompt and the report a ``%timeit`` prints under it
    are output too), notebook lines
    (``%magic``, ``!pip``, ``pip install``, help such as ``np.sum?``) are skipped, an
    assignment from one (``files = !ls``, ``r = %timeit -o f()``) binds its name, and cloze
    markers are removed first.
    Python 3.12 syntax is valid code: type parameters (``def first[T](…)``), ``type`` aliases
    and an f-string's own quotes inside its braces; so is ``...`` as a placeholder argument
    after keywords (``fit(x, y, epochs=10, ...)``). A signature listing (``def iter_sse() ->
    Iterator[Event]`` with no colon and no body, ``get(key: str) -> bytes | None:``, a call
    with a bare ``*`` among its arguments) is a documentation convention, not a slip: it is
    reported as a warning (a header with its body below and no colon is still an error), and
    so is ``...`` written for code left out where Python does not take it: dots
    on a line of its own inside a call or a literal, ``... (etc.)``, a
    trailing ``, ...`` in an import and ``…`` as a value; so is a placeholder to fill in where
    an argument or a name belongs (``load(<path-to-file>)``, ``einx.{OP}(…)``).
    Not Python and not checked: a block that
    says it is pseudo-code (in its first comment or the line before it) and a block in another
    language fenced as Python by mistake (a shell session or command, SQL, JavaScript, C, R,
    a notebook cell that ``%%bash`` or ``%%writefile`` hands to another program): the label
    only changes the highlighting. Python 2 syntax is AG121 and code that is cut
    off is AG124 instead.
    """

    code = SYNTAX
    name = "python-syntax"
    summary = "Python code block does not parse"
    bad = "# How do you make a float variable?\n\n```python\nW = tf.Variable([.3].dtype=x)\n```\n"
    good = "# How do you make a float variable?\n\n```python\nW = tf.Variable([.3], dtype=x)\n```\n"


class _ApiRule(_CodeRule):
    """Code blocks and the names written in prose and inline code."""

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        return chain(_findings(document, self.code), mention_findings(document, self.code))


class Python2Syntax(_ApiRule):
    """Python 2 syntax in a Python code block.

    ``print x``, ``exec "code"``, backticks, ``<>``, ``except E, e:``, ``0777``, ``10L``,
    ``ur""``, ``raise E, "text"``, Python 2 names (``xrange``, ``raw_input``,
    ``reduce`` without its import, ``long``, ``.iteritems()``), modules Python 3 renamed
    (``import urllib2``, ``cPickle``, ``StringIO``, ``ConfigParser``) and module members it
    removed (``sys.maxint``, ``itertools.izip``, ``string.join``, ``urllib.urlopen``; not
    inside a ``try`` that falls back on ImportError or an ``if`` on the version: that code
    runs on both), ``sorted(…, cmp=…)``, ``apply``, ``.viewkeys()``, and ``map``, ``filter``
    or ``zip`` indexed or measured as a list (``map(f, xs)[0]``, ``len(zip(a, b))``). The
    same checks run in ``pycon`` and ``ipython`` sessions. Python 3 rejects or means
    otherwise; the message names the Python 3 form, and simple cases (``print x`` →
    ``print(x)``, ``<>`` → ``!=``) are fixed by --fix.
    A note that shows Python 2 on purpose labels its block ``python2``, which is not checked.
    Inline code that parses once its Python 2 constructs are rewritten (`print "hello"`) is
    reported too, unless its paragraph speaks of Python 2 or of a mistake.
    """

    code = PY2
    name = "python2-syntax"
    summary = "Python 2 syntax (print statement, backticks, <>, old except) in Python code"
    fixable = True
    bad = "# How do you show the result?\n\n```python\nprint result\n```\n"
    good = "# How do you show the result?\n\n```python\nprint(result)\n```\n"


class UndefinedName(_CodeRule):
    """A name in Python code that is certainly undefined: a typo, not an off-card name.

    Card snippets use names defined elsewhere (``model``, ``x_train``, ``np``), so only what
    is certainly wrong is reported (found with pyflakes): a misspelled builtin that is called
    (``Print(a, b)``, ``lenght(x)``), a near miss of a name the snippet defines (``sess``
    after ``Sess = …``), a longer or shorter form of a name assigned above (``history`` after
    ``hist = model.fit(…)``), a name used before its import, ``def`` or ``class`` further down,
    and a local variable read before its assignment. Names are resolved scope by scope, as
    Python does: a comprehension's loop variable read after the brackets, a function's local
    or import read outside the function, a class attribute read in a method without
    ``self.``, a name read after ``del`` or an ``except … as`` name after its block are
    reported; so is a name a function reads while a local it assigns is never read (one
    variable under two names: ``n += 1`` then ``total / count``), a ``self.`` attribute read
    without ``self.``, a returned name the function never assigns, and a value one slip from
    a name assigned above (``score`` after ``scores = …``, ``los`` after ``loss = …``), a
    vowel or neighbouring key written for another in a name of six letters or more
    (``scalar`` after ``scaler = …``) and, even in a short name, a letter doubled or a double
    letter made single (``dff`` after ``df = …``). A name read in the statement that makes the
    other (``dff = df[…]``) is an input from off the card, wherever it is read.
    Two more: a usual module alias (``np``, ``pd``, ``plt``, ``tf``, ``F``, ``nn``…) read in a
    snippet that writes its imports but not that one (reported once), and a top-level name
    read before a later line assigns it (``x = x / 255`` updates a value from off the card
    and is not reported, nor is a value assigned from one computed from it, ``up =
    block(x)`` then ``x = join([up, skip])``). A conventional name read from off the card
    (``model``, ``optimizer``, ``df``…) is reported when the snippet has already built that
    object under another conventional name (``net = nn.Linear(4, 2)`` then
    ``model.parameters()``). Names
    bound by an earlier code block of the same note count as defined, and a slip of one of
    them is as certain as of the snippet's own (``trian_df`` after a cell that made
    ``train_df``).
    In a self-contained snippet (it writes its imports, and every other name it reads is bound
    or built in), the one name read unbound after a top-level value that nothing reads is that
    value under a second name (``tone = np.sin(…)`` then ``np.mean(signal ** 2)``; ``means =
    …`` then ``mean.sort_values()``), even when the name is also a module's (``signal``).
    A function called or a module read through an attribute (``os.path``) is left alone.
    Also certain: ``self`` (or ``cls``) read in a method that does not take it (``def
    forward(x): return self.fc(x)``), a name with another case where it names a variable
    (``X_train`` after ``x_train = …``) or, whatever its length, the name of a value that
    nothing reads in another case (``fit(X, Y)`` after ``X, y = load_iris(…)``; not a
    constant such as ``MAX_LEN``, nor a class called), the other spelling of ``-ise``/
    ``-ize``, ``-yse``/``-yze`` or ``-our``/``-or`` of a name the snippet binds
    (``normalize`` after ``def normalise``), and a usual module alias that no block of the
    note binds while one of its blocks writes imports, read by a block that reads nothing else
    from off the card
    (``import pandas as pd`` and ``df = …`` in one block, ``np.asarray(df)`` in the next).
    And slips of Python's own words: ``true``, ``null`` or ``Ture`` for a constant, a keyword
    misspelled as a statement (``contine``), a short builtin with two letters swapped
    (``opne``, ``flaot``), a module read by its full name after ``import numpy as np``, and a
    short or slipped form of a comprehension's or lambda's own variable that it never reads
    (``[len(w) for word in words]``).
    """

    code = UNDEFINED
    name = "undefined-name"
    summary = "misspelled or not-yet-defined name in Python code"
    bad = "# How do you print two tensors?\n\n```python\nPrint(a, b)\n```\n"
    good = "# How do you print two tensors?\n\n```python\nprint(a, b)\n```\n"


class RemovedApi(_ApiRule):
    """A removed or deprecated TensorFlow/Keras API, with its replacement.

    TensorFlow 1 code (``tf.placeholder``, ``tf.Session``, ``tf.train.*Optimizer``,
    ``tf.contrib``, ``tf.layers``, ``tf.logging``) and what Keras 3 dropped
    (``ImageDataGenerator``, ``keras.layers.merge``, ``keras.wrappers.scikit_learn``,
    ``fit_generator``, ``predict_classes``, ``to_yaml``, ``lr=``, ``save_format=``) no longer
    run. The curated table is
    ``ankigen/lint/data/removed_apis.yaml``; the message names the replacement, and renamed
    keyword arguments (``lr=`` → ``learning_rate=``) are fixed by --fix. Code is matched on the
    syntax tree with imports and aliases resolved (``import keras.backend as K``), so comments
    and strings are never reported. Inline code and prose that tell the learner to use such a
    name are reported too, unless their paragraph speaks of it as old ("removed", "replaced",
    "TF 1", "legacy", "instead of", …). A name the table does not know is AG125.

    A deprecated name that still runs (``tf.compat.v1``) is not reported in code when the
    note's prose speaks of old code (TF1, TensorFlow 1.x, legacy, migrating, compatibility,
    graph mode): there it is the answer, not a slip. A removed name is reported all the same.

    Session 34: code declared Python the way Sphinx and MyST pages declare it is read as a
    fence labelled Python: an indented block under ".. code-block:: python" or ".. testcode::",
    and a fence "```{code-block} python" (this holds for every Python code rule).
    """

    code = REMOVED
    name = "removed-api"
    summary = "removed or deprecated TensorFlow/Keras API, with its replacement"
    fixable = True
    bad = "# How do you feed a value?\n\n```python\na = tf.placeholder(tf.float32)\n```\n"
    good = "# How do you feed a value?\n\n```python\na = keras.Input(shape=(3,))\n```\n"


class UnknownApi(_ApiRule):
    """A ``keras.*`` or ``tf.*`` name that the current Keras and TensorFlow do not have.

    Every ``keras.``/``tf.``/``tensorflow.`` name in Python code (imports and aliases resolved:
    ``from tensorflow.keras import layers`` then ``layers.Merge``), in inline code and in prose
    is looked up in ``ankigen/lint/data/keras_tf_api.txt``, the public API listed from the
    pinned releases by ``scripts/api_inventory.py``. A module path or function that is not
    there was removed or renamed (``tf.nn.dynamic_rnn``, ``keras.utils.layer_utils``,
    ``K.mean`` after ``import keras.backend as K``: the message points at ``keras.ops.mean``)
    or is misspelled (``keras.layers.Conv2d``: the message suggests ``Conv2D``). Only module
    members are checked: attributes of classes and objects
    (``tf.data.Dataset.from_tensor_slices``, ``model.fit``) are not. Names the curated table of
    AG123 knows are reported there, with their replacement, never here. Prose follows AG123:
    a paragraph that speaks of the name as old is not checked.

    NumPy, pandas, scikit-learn and PyTorch names are checked for typos only: a name under
    ``np``/``numpy``, ``pd``/``pandas``, ``sklearn``, ``torch`` (and ``nn``, ``F``, ``optim``
    where the note uses PyTorch) that the pinned release lacks but that is one edit (two from
    eight letters on; a swap of neighbours is one) from a name it has is reported with that
    name: ``np.arnage``, ``pd.read_cvs``, ``nn.CrossEntorpyLoss``,
    ``torch.nn.functinal.relu``, ``from sklearn.model_selction import …``. In a note that
    uses pandas (and no other data-frame library), ``df.…(`` and ``s.…(`` calls are checked
    against the DataFrame and Series methods (``df.gropuby(…)``). The names are listed in
    ``ankigen/lint/data/library_api.txt`` by ``scripts/library_api_inventory.py``, with those
    of NumPy 1 and pandas 1 (``np.product``, ``df.append``), which are known but never
    suggested. Names close to nothing (an extension's, a user's), shorter than four letters,
    or imported from another library (Flax's ``nn``, PySpark's ``F``) are not reported.
    """

    code = UNKNOWN
    name = "unknown-api"
    summary = (
        "keras./tf. name missing from the current Keras/TensorFlow API, or a misspelled "
        "NumPy/pandas/scikit-learn/PyTorch name"
    )
    severity = Severity.ERROR
    bad = "# How do you add a convolution?\n\n```python\nconv = keras.layers.Conv2d(32, 3)\n```\n"
    good = "# How do you add a convolution?\n\n```python\nconv = keras.layers.Conv2D(32, 3)\n```\n"


class TruncatedCode(_CodeRule):
    """A Python snippet that is cut off: it would parse if it went on.

    Source articles often lose the end of a code example (``callback = [``,
    ``datagen = ImageDataGenerator(``). Reported where the code stops, instead of as a
    syntax error: at the bracket that is never closed when nothing follows it on later lines,
    else at the end of the last line, naming the line the bracket opened on (a call or a
    chain cut off after several arguments). Complete the code or remove it.
    """

    code = TRUNCATED
    name = "truncated-code"
    summary = "Python snippet is cut off (brackets never closed, block missing)"
    bad = "# How do you add callbacks?\n\n```python\ncallback = [\n```\n"
    good = (
        "# How do you add callbacks?\n\n```python\n"
        "callback = [keras.callbacks.EarlyStopping(patience=3)]\n```\n"
    )


class FormerLibraryApi(_CodeRule):
    """A NumPy, pandas or scikit-learn name that only a former release has.

    ``np.float``, ``np.product``, ``np.NaN``, ``df.append(…)``, ``df.iteritems()``,
    ``sklearn.datasets.load_boston`` and ``from sklearn.cross_validation import …`` ran on
    NumPy 1, pandas 1 or an older scikit-learn and fail on the current releases with an
    AttributeError or ImportError. The names are those ``ankigen/lint/data/library_api.txt``
    lists for the former releases only (``scripts/library_api_inventory.py`` writes it from
    the real packages), plus a few removed earlier; the message names the replacement where
    one is known. Code is matched on the syntax tree with imports and aliases resolved;
    ``df.…(`` calls only where the code uses pandas. A warning, not an error: a card may be
    written for a pinned older release on purpose, and one whose prose says so (NumPy 1.x,
    older versions, legacy, deprecated, migrating) is not reported.
    """

    code = FORMER
    name = "former-library-api"
    summary = "NumPy/pandas/scikit-learn name that only a former release has (np.float, df.append)"
    severity = Severity.WARNING
    bad = (
        "# How do you multiply all entries?\n\n```python\nimport numpy as np\nnp.product(a)\n```\n"
    )
    good = "# How do you multiply all entries?\n\n```python\nimport numpy as np\nnp.prod(a)\n```\n"


RULES: tuple[Rule, ...] = (
    PythonSyntax(),
    Python2Syntax(),
    UndefinedName(),
    RemovedApi(),
    TruncatedCode(),
    UnknownApi(),
    FormerLibraryApi(),
)
