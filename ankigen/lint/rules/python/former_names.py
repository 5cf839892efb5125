"""AG126: NumPy, pandas and scikit-learn names that only a former release has (``np.float``,
``np.product``, ``df.append``, ``sklearn.cross_validation``): code a learner copies fails with
an AttributeError or ImportError on the current releases.

The names come from ``library_api.txt``: those marked as a former release's only, plus a
short list of older removals the former releases already lacked. The message names the
replacement where one is known.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ankigen.lint.rules.python.library_inventory import library_inventory
from ankigen.lint.rules.python.library_names import Context, Hit, dotted_name_problems
from ankigen.lint.rules.python.parse import Parsed
from ankigen.lint.rules.python.problem import Problem

FORMER = "AG126"

# Removed before the former releases that the inventory lists, so it does not know them.
EARLIER_REMOVALS: Mapping[str, str] = {
    "pandas.DataFrame.as_matrix": ".to_numpy()",
    "pandas.DataFrame.get_value": ".at[row, column]",
    "pandas.DataFrame.ix": ".loc (labels) or .iloc (positions)",
    "pandas.DataFrame.set_value": ".at[row, column] = value",
    "pandas.Panel": "a DataFrame with a MultiIndex (or xarray)",
    "pandas.Series.as_matrix": ".to_numpy()",
    "pandas.Series.ix": ".loc (labels) or .iloc (positions)",
    "pandas.TimeGrouper": "pd.Grouper(freq=...)",
    "pandas.datetime": "datetime.datetime from the standard library",
    "pandas.np": "import numpy as np",
    "pandas.rolling_mean": "s.rolling(window).mean()",
    "pandas.scatter_matrix": "pd.plotting.scatter_matrix",
    "sklearn.cross_validation": "sklearn.model_selection",
    "sklearn.externals.joblib": "import joblib",
    "sklearn.grid_search": "sklearn.model_selection",
    "sklearn.learning_curve": "sklearn.model_selection",
    "sklearn.preprocessing.Imputer": "sklearn.impute.SimpleImputer",
}

# What to write instead of a name only the former release has, where one is known.
REPLACEMENTS: Mapping[str, str] = {
    "numpy.Inf": "np.inf",
    "numpy.Infinity": "np.inf",
    "numpy.NINF": "-np.inf",
    "numpy.NaN": "np.nan",
    "numpy.PINF": "np.inf",
    "numpy.alltrue": "np.all",
    "numpy.asfarray": "np.asarray(x, dtype=float)",
    "numpy.complex": "complex (or np.complex128)",
    "numpy.complex_": "np.complex128",
    "numpy.cumproduct": "np.cumprod",
    "numpy.float": "float (or np.float64)",
    "numpy.float_": "np.float64",
    "numpy.in1d": "np.isin",
    "numpy.infty": "np.inf",
    "numpy.int": "int (or np.int64)",
    "numpy.mat": "np.asmatrix (or a plain ndarray with @)",
    "numpy.object": "object",
    "numpy.product": "np.prod",
    "numpy.round_": "np.round",
    "numpy.sometrue": "np.any",
    "numpy.str": "str",
    "numpy.string_": "np.bytes_",
    "numpy.trapz": "np.trapezoid",
    "numpy.unicode_": "np.str_",
    "pandas.DataFrame.append": "pd.concat([df, other])",
    "pandas.DataFrame.applymap": ".map()",
    "pandas.DataFrame.backfill": ".bfill()",
    "pandas.DataFrame.lookup": ".melt() or .loc indexing",
    "pandas.DataFrame.pad": ".ffill()",
    "pandas.Series.append": "pd.concat([s, other])",
    "pandas.Series.backfill": ".bfill()",
    "pandas.Series.is_monotonic": ".is_monotonic_increasing",
    "pandas.Series.pad": ".ffill()",
    "sklearn.datasets.load_boston": "sklearn.datasets.fetch_california_housing",
    "sklearn.metrics.plot_confusion_matrix": "ConfusionMatrixDisplay.from_estimator",
    "sklearn.metrics.plot_precision_recall_curve": "PrecisionRecallDisplay.from_estimator",
    "sklearn.metrics.plot_roc_curve": "RocCurveDisplay.from_estimator",
}

# Listed as a former release's only, yet still importable from the current release
# (checked against the installed NumPy by tests/test_former_names.py).
STILL_THERE = frozenset({"numpy.chararray", "numpy.version"})


# ``.iteritems()`` is AG121's (Python 2's dict method; its fix, ``.items()``, is pandas' too).
_PYTHON2_NAMES = frozenset({"iteritems"})


def former_prefix(qualified: str) -> tuple[int, str] | None:
    """The index of the first part of ``qualified`` that the current release lacks and an
    earlier one had, and that name; None when there is none."""
    parts = qualified.split(".")
    if _PYTHON2_NAMES.intersection(parts):
        return None
    for size in range(2, len(parts) + 1):
        if ".".join(parts[:size]) in EARLIER_REMOVALS:
            return size - 1, ".".join(parts[:size])
    index = library_inventory().former_part(parts)
    if index is None:
        return None
    name = ".".join(parts[: index + 1])
    return None if name in STILL_THERE else (index, name)


def message(text: str, name: str) -> str:
    inventory = library_inventory()
    root = name.split(".")[0]
    if name in EARLIER_REMOVALS:
        return (
            f"'{text}' was removed before {inventory.former_release(root)} "
            f"(it is not in {inventory.release(root)}): use {EARLIER_REMOVALS[name]}"
        )
    head = f"'{text}' is not in {inventory.release(root)} ({inventory.former_release(root)} had it)"
    use = REPLACEMENTS.get(name)
    return f"{head}: use {use}" if use else f"{head}: see the release notes for its replacement"


def former_names(parsed: Parsed, aliases: Mapping[str, str], context: Context) -> Iterator[Problem]:
    """AG126 problems of one parsed block: imports, attribute chains and data-frame calls
    (``df.append(…)`` included: ``append`` is a list's method too, but ``df`` is no list)."""
    return dotted_name_problems(parsed, aliases, context, FORMER, _former, list_methods_of_df=True)


def _former(qualified: str) -> Hit | None:
    found = former_prefix(qualified)
    if found is None:
        return None
    index, name = found
    return Hit(index, lambda text: message(text, name))
