"""Round 7 of the python-code family (#12): wrong snippets in shapes the earlier rounds did not
try, each with a correct near miss, linted together in one deck.

Shapes: other fence labels (``py``, ``python3``, ``ipython``, ``pycon``, Jupyter magics and
``In [1]:`` prompts), snippets in list items and in the Extra section, clozes inside code;
errors Python's compiler finds after the parser (``await`` in a plain ``def``, ``return`` or
``yield`` dedented out of a function, ``break`` out of its loop, ``global`` after use, a
repeated argument), Python 2 modules and attributes (``urllib2``, ``sys.maxint``,
``itertools.izip``), a method that forgot ``self``, a name typed with the other case or the
other spelling of ``-ise``/``-ize``, and a usual module alias that no block of a note that
writes its imports imports. Near misses: ``...`` placeholders, pseudo-code, shell sessions
and other languages in a ``python`` fence, doctest output, Python 3.12 syntax, top-level
``await`` in a notebook, fragments of a function or loop body.

Each case is (id, note type, body, the body line of the error; 0 for a correct note).
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.rule_harness import FixtureNote, findings_by_note

CODES = frozenset({"AG120", "AG121", "AG122", "AG124"})


def _code(fence: str, *lines: str, question: str = "What does this snippet do?") -> str:
    return f"# {question}\n\n```{fence}\n" + "\n".join(lines) + "\n```\n"


def _py(*lines: str) -> str:
    return _code("python", *lines)


# Body line 4 is the first code line of _code/_py.
BAD: list[tuple[str, str, str, int]] = [
    # --- does not parse (AG120) ----------------------------------------------------------
    ("class-no-colon", "code", _py("class Scaler", "    def fit(self, x):", "        return x"), 4),
    (
        "unclosed-string",
        "code",
        _py("import logging", "logging.info('training started)", "logging.info('done')"),
        5,
    ),
    (
        "unexpected-indent",
        "code",
        _py("import numpy as np", "x = np.ones(3)", "    y = x * 2", "print(y)"),
        6,
    ),
    ("walrus-statement", "code", _py("count := 0", "for item in items:", "    count += 1"), 4),
    ("fstring-open-brace", "code", _py("loss = 0.25", 'print(f"loss: {loss:.3f")'), 5),
    ("fstring-empty-field", "code", _py("epoch = 3", 'print(f"epoch {} done")'), 5),
    ("async-as-name", "code", _py("async = True", "loader = DataLoader(ds, shuffle=async)"), 4),
    (
        "keyword-before-positional",
        "code",
        _py("model.fit(epochs=10, x_train, y_train, batch_size=32)"),
        4,
    ),
    ("lambda-as-name", "code", _py("lambda = 0.01", "penalty = lambda * (w ** 2).sum()"), 4),
    (
        "decorator-on-statement",
        "code",
        _py("import torch", "", "@torch.no_grad()", "preds = model(inputs)"),
        7,
    ),
    ("lambda-return", "code", _py("square = lambda x: return x * x", "print(square(3))"), 4),
    ("try-without-except", "code", _py("try:", "    value = int(text)", "print(value)"), 6),
    (
        "bracket-closed-wrong",
        "code",
        _py("model = Sequential()", "model.add(Dense(10, activation='relu')]"),
        5,
    ),
    (
        "missing-paren-middle",
        "code",
        _py(
            "model.add(Dense(64, activation='relu')",
            "model.add(Dense(10, activation='softmax'))",
            "model.compile(optimizer='adam', loss='categorical_crossentropy')",
        ),
        4,
    ),
    # --- found by the compiler, not the parser (AG120) -------------------------------------
    (
        "await-in-plain-def",
        "code",
        _py(
            "import aiohttp",
            "",
            "def fetch(session, url):",
            "    response = await session.get(url)",
            "    return await response.text()",
        ),
        7,
    ),
    (
        "return-dedented",
        "code",
        _py(
            "def normalise(values):",
            "    total = sum(values)",
            "return [v / total for v in values]",
        ),
        6,
    ),
    (
        "yield-dedented",
        "code",
        _py(
            "def batches(items, size):",
            "    for start in range(0, len(items), size):",
            "        chunk = items[start:start + size]",
            "    yield chunk",
            "",
            "for batch in batches(list(range(10)), 4):",
            "    print(batch)",
            "yield batch",
        ),
        11,
    ),
    (
        "break-out-of-loop",
        "code",
        _py(
            "def train(model, loader, patience=3):",
            "    for batch in loader:",
            "        loss = model.step(batch)",
            "    if loss < 0.01:",
            "        break",
        ),
        8,
    ),
    (
        "global-after-use",
        "code",
        _py(
            "step = 0",
            "",
            "def advance():",
            "    print(step)",
            "    global step",
            "    step += 1",
        ),
        8,
    ),
    ("repeated-argument", "code", _py("def loss(y, y):", "    return (y - y) ** 2"), 4),
    (
        "async-with-in-def",
        "code",
        _py("def read(lock):", "    async with lock:", "        return 1"),
        5,
    ),
    (
        "yield-from-in-async",
        "code",
        _py("async def stream(source):", "    yield from source", "    await source.aclose()"),
        5,
    ),
    (
        "future-import-late",
        "code",
        _py("import os", "from __future__ import annotations", "print(os.sep)"),
        5,
    ),
    ("starred-target-alone", "code", _py("values = [1, 2, 3]", "*rest = values"), 5),
    (
        "classmethod-without-cls",
        "code",
        _py(
            "class Config:",
            "    def __init__(self, path):",
            "        self.path = path",
            "",
            "    @classmethod",
            "    def default():",
            "        return cls('config.yaml')",
        ),
        10,
    ),
    (
        "unindent-mismatch",
        "code",
        _py("if ready:", "        start()", "    else:", "        wait()"),
        6,
    ),
    ("tuple-parameters", "code", _py("def dist((x1, y1), (x2, y2)):", "    return x2 - x1"), 4),
    # --- Python 2 (AG121) --------------------------------------------------------------------
    ("py-fence-print", "code", _code("py", "name = 'relu'", "print name"), 5),
    (
        "python3-fence-except",
        "code",
        _code(
            "python3", "try:", "    import yaml", "except ImportError, error:", "    yaml = None"
        ),
        6,
    ),
    ("not-equal-diamond", "code", _py("if label <> 0:", "    positives += 1"), 4),
    ("backtick-repr", "code", _py("shape = (3, 4)", "message = 'shape ' + `shape`"), 5),
    ("exec-statement", "code", _py('exec "import numpy as np"', "print(np.pi)"), 4),
    ("octal-mode", "code", _py("import os", "os.chmod('run.sh', 0755)"), 5),
    ("ur-prefix", "code", _py("import re", "pattern = re.compile(ur'\\d+')"), 5),
    ("has-key", "code", _py("config = {'lr': 0.1}", "if config.has_key('lr'):", "    pass"), 5),
    ("xrange-loop", "code", _py("total = 0", "for i in xrange(10):", "    total += i"), 5),
    ("unicode-call", "code", _py("raw = b'caf\\xc3\\xa9'", "text = unicode(raw, 'utf-8')"), 5),
    ("basestring-check", "code", _py("def is_text(x):", "    return isinstance(x, basestring)"), 5),
    ("long-call", "code", _py("big = long('12345678901234567890')", "print(big)"), 4),
    ("urllib2-import", "code", _py("import urllib2", "page = urllib2.urlopen(url).read()"), 4),
    ("cpickle-import", "code", _py("import cPickle as pickle", "model = pickle.load(handle)"), 4),
    ("sys-maxint", "code", _py("import sys", "best = sys.maxint", "print(best)"), 5),
    (
        "itertools-izip",
        "code",
        _py("from itertools import izip", "for a, b in izip(xs, ys):", "    print(a, b)"),
        4,
    ),
    ("print-percent", "code", _py("loss = 0.1", 'print "loss %.2f" % loss'), 5),
    ("long-literal", "code", _py("limit = 10L", "print(limit)"), 4),
    (
        "ipython-print-statement",
        "code",
        _code("ipython", "In [1]: name = 'adam'", "", "In [2]: print name"),
        6,
    ),
    ("sorted-cmp", "code", _py("names = ['b', 'a']", "ordered = sorted(names, cmp=compare)"), 5),
    ("map-indexed", "code", _py("squares = map(lambda x: x * x, range(5))[0]"), 4),
    ("len-of-zip", "code", _py("pairs = zip(xs, ys)", "print(len(zip(xs, ys)))"), 5),
    ("string-join", "code", _py("import string", "line = string.join(words, ' ')"), 5),
    ("apply-builtin", "code", _py("result = apply(train, (model, data))"), 4),
    (
        "viewkeys",
        "code",
        _py("params = {'lr': 1}", "for k in params.viewkeys():", "    print(k)"),
        5,
    ),
    ("time-cell-magic", "code", _py("%%time", "for i in range(3)", "    total = i"), 5),
    # --- undefined names (AG122) ---------------------------------------------------------------
    (
        "model-transposed",
        "code",
        _py(
            "from sklearn.linear_model import LinearRegression",
            "model = LinearRegression()",
            "modle.fit(X, y)",
        ),
        6,
    ),
    (
        "read-before-assignment",
        "code",
        _py(
            "from sklearn.preprocessing import StandardScaler",
            "X_scaled = scaler.transform(X)",
            "scaler = StandardScaler().fit(X)",
        ),
        5,
    ),
    (
        "method-without-self",
        "code",
        _py(
            "import torch.nn as nn",
            "",
            "class Net(nn.Module):",
            "    def __init__(self):",
            "        super().__init__()",
            "        self.fc = nn.Linear(4, 2)",
            "",
            "    def forward(x):",
            "        return self.fc(x)",
        ),
        12,
    ),
    (
        "other-case-variable",
        "code",
        _py(
            "from sklearn.model_selection import train_test_split",
            "x_train, x_test, y_train, y_test = train_test_split(data, labels)",
            "model.fit(X_train, y_train)",
        ),
        6,
    ),
    (
        "other-spelling-of-def",
        "code",
        _py(
            "import numpy as np",
            "",
            "def normalise(v):",
            "    return v / np.linalg.norm(v)",
            "",
            "unit = normalize(np.array([3.0, 4.0]))",
        ),
        9,
    ),
    (
        "alias-never-imported-in-note",
        "code",
        "# How do you turn a column into an array?\n\n"
        "```python\nimport pandas as pd\n\ndf = pd.read_csv('prices.csv')\n```\n\n"
        "Then:\n\n```python\nprices = np.asarray(df['price'])\n```\n",
        12,
    ),
    (
        "pycon-comment-first",
        "code",
        _code("pycon", "# a session", ">>> import math", ">>> print math.pi", "3.14159"),
        6,
    ),
    (
        "pip-then-cut-off",
        "code",
        _py("pip install torch", "import torch", "x = torch.zeros(3,"),
        6,
    ),
    ("json-true", "code", _py("model.fit(x_train, y_train, shuffle=true)"), 4),
    ("null-for-none", "code", _py("best = null", "for score in scores:", "    best = score"), 4),
    ("ture-slip", "code", _py("done = Ture", "print(done)"), 4),
    (
        "swapped-open",
        "code",
        _py("with opne('train.csv') as handle:", "    rows = handle.read()"),
        4,
    ),
    ("swapped-float", "code", _py("rate = flaot('0.01')", "print(rate)"), 4),
    (
        "comprehension-short-name",
        "code",
        _py("words = 'a bc def'.split()", "lengths = [len(w) for word in words]"),
        5,
    ),
    (
        "keyword-slip",
        "code",
        _py("for i in range(5):", "    if i % 2:", "        contine", "    print(i)"),
        6,
    ),
    (
        "module-under-alias",
        "code",
        _py("import numpy as np", "", "x = numpy.zeros((2, 2))"),
        6,
    ),
    # --- other fences and places --------------------------------------------------------------
    (
        "pycon-print",
        "code",
        _code("pycon", ">>> values = [3, 1, 2]", ">>> print sorted(values)", "[1, 2, 3]"),
        5,
    ),
    (
        "ipython-prompts-colon",
        "code",
        _code(
            "ipython",
            "In [1]: import numpy as np",
            "",
            "In [2]: for row in np.eye(2)",
            "   ...:     print(row)",
        ),
        6,
    ),
    (
        "jupyter-magic-then-print",
        "code",
        _py("%matplotlib inline", "!pip install seaborn", "import seaborn as sns", "print sns"),
        7,
    ),
    (
        "list-item-snippet",
        "basic",
        "# How do you load and inspect a CSV?\n\n"
        "1. Load it:\n\n"
        "   ```python\n"
        "   import pandas as pd\n"
        "   df = pd.read_csv('data.csv'\n"
        "   print(df.head())\n"
        "   ```\n\n"
        "2. Look at `df.info()`.\n",
        7,
    ),
    (
        "extra-section-snippet",
        "basic",
        "# What does `zip` do?\n\n"
        "It pairs items of several iterables.\n\n"
        "***\n\n"
        "```python\n"
        "for a, b in zip([1, 2], 'ab')\n"
        "    print(a, b)\n"
        "```\n",
        8,
    ),
    (
        "cloze-in-code",
        "cloze",
        "# How do you iterate over a dataset in batches?\n\n"
        "```python\n"
        "for images, labels in {{c1::loader}}\n"
        "    loss = criterion(model(images), labels)\n"
        "```\n",
        4,
    ),
    (
        "indented-list-code-with-import",
        "basic",
        "# How do you seed NumPy?\n\n"
        "- Like this:\n\n"
        "        import numpy as np\n"
        "        np.random.seed(0\n"
        "        print(np.random.rand())\n",
        6,
    ),
]


GOOD: list[tuple[str, str, str]] = [
    (
        "ellipsis-placeholders",
        "code",
        _py(
            "def train(model, loader):",
            "    ...",
            "",
            "model.compile(optimizer=..., loss=...)",
            "model.fit(x_train, y_train, epochs=10, ...)",
            "values = [1, 2, ...]",
        ),
    ),
    (
        "pseudo-code-comment",
        "code",
        _py(
            "# pseudo-code",
            "for each epoch:",
            "    for each batch in data:",
            "        update weights with the gradient",
        ),
    ),
    (
        "pseudo-code-said-before",
        "basic",
        "# How does gradient descent work?\n\n"
        "In pseudo-code:\n\n"
        "```python\n"
        "repeat until converged:\n"
        "    w = w - lr * gradient(w)\n"
        "```\n",
    ),
    (
        "shell-in-python-fence",
        "code",
        _py("$ pip install torch torchvision", "$ python train.py --epochs 10"),
    ),
    ("pip-in-python-fence", "code", _py("pip install -U scikit-learn")),
    (
        "sql-in-python-fence",
        "code",
        _py("SELECT name, COUNT(*) FROM users", "GROUP BY name", "HAVING COUNT(*) > 1;"),
    ),
    (
        "doctest-output",
        "code",
        _code(
            "pycon",
            ">>> import numpy as np",
            ">>> np.arange(3)",
            "array([0, 1, 2])",
            ">>> for i in range(2):",
            "...     print(i)",
            "0",
            "1",
        ),
    ),
    (
        "ipython-session",
        "code",
        _code(
            "ipython",
            "In [1]: import pandas as pd",
            "",
            "In [2]: pd.Series([1, 2]).sum()",
            "Out[2]: 3",
            "",
            "In [3]: %timeit sum(range(100))",
            "1.2 µs ± 10 ns per loop",
        ),
    ),
    (
        "type-hints-match",
        "code",
        _py(
            "def describe(value: int | str) -> str:",
            "    match value:",
            "        case int(n) if n < 0:",
            "            return 'negative'",
            "        case str():",
            "            return 'text'",
            "        case _:",
            "            return 'other'",
        ),
    ),
    (
        "python312-syntax",
        "code",
        _py(
            "type Vector = list[float]",
            "",
            "def first[T](items: list[T]) -> T:",
            "    return items[0]",
            "",
            "class Box[T]:",
            "    def __init__(self, item: T) -> None:",
            "        self.item = item",
        ),
    ),
    (
        "decorators",
        "code",
        _py(
            "import functools",
            "",
            "@functools.lru_cache(maxsize=None)",
            "def fib(n):",
            "    return n if n < 2 else fib(n - 1) + fib(n - 2)",
        ),
    ),
    (
        "notebook-trailing-expression",
        "code",
        _py("import pandas as pd", "df = pd.DataFrame({'a': [1, 2]})", "df.describe()"),
    ),
    (
        "notebook-top-level-await",
        "code",
        _code("python", "import asyncio", "await asyncio.sleep(1)", "print('done')"),
    ),
    ("await-fragment", "code", _py("data = await response.json()")),
    (
        "return-fragment",
        "code",
        _py("# inside the loss function", "if reduction == 'mean':", "    return loss.mean()"),
    ),
    (
        "break-fragment",
        "code",
        _py("# inside the training loop", "if val_loss > best:", "    break"),
    ),
    (
        "async-def-await",
        "code",
        _py(
            "import asyncio",
            "",
            "async def main():",
            "    await asyncio.sleep(0.1)",
            "    async with asyncio.timeout(1):",
            "        return 1",
            "",
            "asyncio.run(main())",
        ),
    ),
    (
        "generator",
        "code",
        _py(
            "def batches(items, size):",
            "    for start in range(0, len(items), size):",
            "        yield items[start:start + size]",
            "",
            "print(list(batches([1, 2, 3], 2)))",
        ),
    ),
    (
        "global-first",
        "code",
        _py(
            "step = 0", "", "def advance():", "    global step", "    step += 1", "    print(step)"
        ),
    ),
    (
        "python2-labelled",
        "code",
        _code("python2", "print 'hello'", "for i in xrange(3):", "    print i"),
    ),
    (
        "py2-named-in-prose",
        "code",
        "# What replaced `urllib2` in Python 3?\n\n"
        "```python\nimport urllib.request\n\n"
        "page = urllib.request.urlopen('https://example.com').read()\n```\n",
    ),
    (
        "maxsize",
        "code",
        _py("import sys", "best = sys.maxsize", "print(best)"),
    ),
    (
        "static-method-no-self",
        "code",
        _py(
            "class Scaler:",
            "    @staticmethod",
            "    def scale(x):",
            "        return x / 255",
            "",
            "    def apply(self, x):",
            "        return self.scale(x)",
        ),
    ),
    (
        "both-cases-bound",
        "code",
        _py(
            "from sklearn.model_selection import train_test_split",
            "X_train, X_test, y_train, y_test = train_test_split(X, y)",
            "model.fit(X_train, y_train)",
        ),
    ),
    (
        "model-class-and-instance",
        "code",
        _py("from keras import Model", "model = Model(inputs, outputs)", "model.summary()"),
    ),
    (
        "alias-note-without-imports",
        "code",
        "# How do you scale an array?\n\n"
        "```python\nx = np.array([1.0, 2.0])\n```\n\n"
        "```python\nx_scaled = (x - x.mean()) / x.std()\n```\n",
    ),
    (
        "alias-imported-in-other-block",
        "code",
        "# How do you turn a column into an array?\n\n"
        "```python\nimport numpy as np\nimport pandas as pd\n```\n\n"
        "```python\nprices = np.asarray(pd.read_csv('p.csv')['price'])\n```\n",
    ),
    (
        "cloze-in-code-ok",
        "cloze",
        "# How do you iterate over a dataset in batches?\n\n"
        "```python\n"
        "for images, labels in {{c1::loader}}:\n"
        "    loss = criterion(model(images), labels)\n"
        "```\n",
    ),
    (
        "list-item-snippet-ok",
        "basic",
        "# How do you load and inspect a CSV?\n\n"
        "1. Load it:\n\n"
        "   ```python\n"
        "   import pandas as pd\n"
        "   df = pd.read_csv('data.csv')\n"
        "   print(df.head())\n"
        "   ```\n\n"
        "2. Look at `df.info()`.\n",
    ),
    (
        "pycon-comment-first-ok",
        "code",
        _code("pycon", "# a session", ">>> import math", ">>> math.sqrt(4)", "2.0"),
    ),
    (
        "walrus-valid",
        "code",
        _py(
            "if (n := len(data)) > 10:",
            "    print(n)",
            "kept = [y for x in data if (y := f(x)) is not None]",
        ),
    ),
    (
        "fstring-valid",
        "code",
        _py("width = 8", "x = 3.14159", "print(f\"{x!r:>{width}} {'ok' if x else 'no'}\")"),
    ),
    (
        "modern-parameters",
        "code",
        _py(
            "def clip(x, /, low=0, *, high=1):",
            "    return min(max(x, low), high)",
            "",
            "try:",
            "    clip(2)",
            "except* ValueError as group:",
            "    print(group.exceptions)",
        ),
    ),
    (
        "ellipsis-subscripts",
        "code",
        _py("import numpy as np", "x = np.zeros((2, 3, 4))", "first = x[..., 0]", "def f(y): ..."),
    ),
    (
        "top-level-async-comprehension",
        "code",
        _py(
            "results = [await fetch(url) for url in urls]",
            "async for item in stream:",
            "    print(item)",
        ),
    ),
    (
        "alias-imported-in-later-block",
        "code",
        "# How do you scale an array?\n\n"
        "```python\nx = np.array([1.0, 2.0])\n```\n\n"
        "With its import:\n\n```python\nimport numpy as np\n```\n",
    ),
    ("r-in-python-fence", "code", _py("library(ggplot2)", "df <- read.csv('data.csv')")),
    (
        "pip-magic-cell",
        "code",
        _py(
            "pip install -q transformers",
            "from transformers import pipeline",
            "pipe = pipeline('sentiment-analysis')",
        ),
    ),
    (
        "nonlocal-closure-fragment",
        "code",
        _py("def increment():", "    nonlocal count", "    count += 1", "    return count"),
    ),
    (
        "names-near-builtins",
        "code",
        _py(
            "arr = flat(matrix)",
            "rounds = list(range(3))",
            "y_true, y_pred = labels, predict(inputs)",
            "Nones = [x for x in xs if x is None]",
        ),
    ),
    (
        "comprehension-unread-variable",
        "code",
        _py(
            "samples = [np.random.rand() for n in range(3)]",
            "zeros = [0 for _ in range(4)]",
            "noise = [rng.normal() for step in range(2)]",
        ),
    ),
    (
        "alias-fragment-with-off-card-objects",
        "code",
        "# How do you evaluate the classifier?\n\n"
        "```python\nimport pandas as pd\n\nframe = pd.read_csv('test.csv')\n```\n\n"
        "```python\nscores = clf.predict_proba(frame)\nprint(np.mean(scores, axis=0))\n```\n",
    ),
    (
        "python2-and-3-imports",
        "code",
        _py(
            "try:",
            "    import cPickle as pickle",
            "except ImportError:",
            "    import pickle",
            "import sys",
            "if sys.version_info[0] == 2:",
            "    from itertools import izip as zip_",
            "else:",
            "    zip_ = zip",
        ),
    ),
    (
        "python3-iterators",
        "code",
        _py(
            "first = list(map(str, range(3)))[0]",
            "count = len(list(zip('ab', 'cd')))",
            "ordered = sorted(names, key=len)",
            "cols = df.keys()[0]",
            "words = ' '.join(['a', 'b'])",
        ),
    ),
    (
        "notebook-cell-shows-a-value",
        "code",
        _py("import numpy as np", "breaks = np.linspace(0, 1, 5)", "breaks"),
    ),
    ("other-case-constant", "code", _py("max_len = 128", "tokens = tokens[:MAX_LEN]")),
    ("bash-cell-magic", "code", _py("%%bash", "pip install -q torch", "ls -la data/")),
    (
        "writefile-cell-magic",
        "code",
        _py("%%writefile config.yaml", "lr: 0.01", "epochs: 10", "layers: [64, 32]"),
    ),
    (
        "string-as-parameter",
        "code",
        _py("def clean(string):", "    return string.lower().split()"),
    ),
    (
        "javascript-in-python-fence",
        "code",
        _py("const total = items.reduce((a, b) => a + b, 0);", "console.log(total);"),
    ),
    (
        "fstring-nested-quotes",
        "code",
        _py("row = {'name': 'relu'}", 'print(f"{row["name"]!r:>10}")'),
    ),
    (
        "keyword-args-after-star",
        "code",
        _py("def f(*args, **kwargs):", "    return g(*args, key=1, *more, **kwargs)"),
    ),
]


@cache
def _findings() -> dict[str, list[tuple[int, str, str]]]:
    """(body line, code, message) of every AG12x finding, per note id."""
    notes = [FixtureNote(name, body, kind) for name, kind, body, _ in BAD]
    notes += [FixtureNote(name, body, kind) for name, kind, body in GOOD]
    return findings_by_note(notes, lambda diagnostic: diagnostic.code in CODES)


@pytest.mark.parametrize(("name", "kind", "body", "line"), BAD, ids=[case[0] for case in BAD])
def test_wrong_snippet_is_reported(name: str, kind: str, body: str, line: int) -> None:
    found = _findings()[name]
    assert any(abs(at - line) <= 1 for at, _, _ in found), found


@pytest.mark.parametrize(("name", "kind", "body"), GOOD, ids=[case[0] for case in GOOD])
def test_correct_snippet_is_not_reported(name: str, kind: str, body: str) -> None:
    assert _findings()[name] == []


def test_enough_shapes() -> None:
    assert len(BAD) >= 40
    assert len(GOOD) >= 25
