"""Proof on the source: excerpts shaped like the seed articles' errors (in our own words) are
each caught by the rule that docs/errata.md names, at the right line and column."""

from __future__ import annotations

from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import lint
from ankigen.pipeline.check import check
from tests.conftest import REPO

SEED_SHAPED = REPO / "tests" / "fixtures" / "seed_shaped"

EXPECTED = {
    ("advert.md", 6, 18, "AG131"),  # "published as a part of" boilerplate
    ("advert.md", 6, 43, "AG111"),  # "blogathon"
    ("advert.md", 6, 54, "AG131"),  # "Enroll now"
    ("epoch-arithmetic.md", 6, 81, "AG101"),  # "(10,000 divided by 50)"
    ("lorem.md", 6, 1, "AG130"),  # "Lorem ipsum"
    ("missing-figure.md", 6, 21, "AG132"),  # "an image shown above"
    ("model-names.md", 6, 21, "AG110"),  # "GTP-3"
    ("model-names.md", 6, 65, "AG110"),  # "Swist"
    ("python2-print.md", 9, 1, "AG121"),  # "print result"
    ("run-together.md", 6, 14, "AG111"),  # "andmaximum"
    ("tf1-code.md", 9, 5, "AG123"),  # tf.placeholder
    ("tf1-code.md", 11, 8, "AG123"),  # tf.Session
    ("tf1-code.md", 12, 10, "AG122"),  # sess vs Sess
    ("tf1-code.md", 13, 1, "AG122"),  # Print(a, b)
    ("truncated-callbacks.md", 8, 12, "AG124"),  # callback = [
    ("truncated-generator.md", 8, 39, "AG123"),  # keras.preprocessing ImageDataGenerator
    ("truncated-generator.md", 9, 29, "AG124"),  # ImageDataGenerator(
    ("unlabelled-choice.md", 10, 1, "AG133"),  # "b) Pooling" on an unlabelled list
}


def test_every_seed_error_shape_is_caught_where_it_stands() -> None:
    result = lint(check([SEED_SHAPED]), LintConfig())
    found = {(d.path.name, d.line, d.column, d.code) for d in result.diagnostics}
    assert found == EXPECTED


def test_the_epoch_message_gives_the_correct_expression() -> None:
    result = lint(check([SEED_SHAPED]), LintConfig(select=("AG101",)))
    (diagnostic,) = result.diagnostics
    assert "10,000 / 200 = 50" in diagnostic.message
