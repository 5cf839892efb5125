"""CPU time of the steps whose work the tests bound by counting (they used to time them).

    .venv/bin/python benchmarks/guarded_steps.py             # best of 3 runs each
    .venv/bin/python benchmarks/guarded_steps.py --repeat 5

The tests (tests/work_count.py and its users) check that the work stays linear or bounded;
this gives the seconds on this machine, for docs/performance.md: AG170 on 3,000 tags in one
note, mathjax_safety on a field of 400 clozes, loading the web tier, 1,000 unknown words
looked up in the name lexicon, and the SVG check refusing a <use> bomb.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ankigen.lint.rule import LintConfig  # noqa: E402
from ankigen.lint.rules.markup import RawHtmlAsText  # noqa: E402
from ankigen.lint.rules.names import nearest_canonical  # noqa: E402
from ankigen.lint.runner import documents_of  # noqa: E402
from ankigen.lint.words import web_words  # noqa: E402
from ankigen.pipeline.check import check  # noqa: E402
from ankigen.render.mathjax_safety import unsafe_in_field  # noqa: E402
from ankigen.render.svg_contrast import SvgRefused, inspect_svg  # noqa: E402
from tests.rule_harness import FixtureNote, write_notes  # noqa: E402
from tests.svg_night_cases import svg  # noqa: E402
from tests.test_mathjax_safety_speed import _many_clozes  # noqa: E402


def ag170(folder: Path, piece: str) -> Callable[[], object]:
    answer = " ".join(piece for _ in range(3000))
    write_notes(folder, [FixtureNote("page", f"# What is on the page?\n\n{answer}\n")])
    (document,) = documents_of(check([folder / "content"]))
    return lambda: list(RawHtmlAsText().check(document, LintConfig()))


def names() -> Callable[[], object]:
    runs = iter(range(1_000_000))

    def look_up() -> object:
        run = next(runs)  # new words each run: the look-up is cached
        return [nearest_canonical(f"Zq{run:03d}{index:04d}xa") for index in range(1000)]

    return look_up


def use_bomb() -> None:
    levels = ['<path id="l0" d="M0 0H9"/>'] + [
        f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 9)
    ]
    try:
        inspect_svg(svg("<defs>" + "".join(levels) + '</defs><use href="#l8"/>').encode())
    except SvgRefused:
        return
    raise AssertionError("the <use> bomb was not refused")


def web_tier() -> object:
    web_words.cache_clear()
    return web_words()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        steps: dict[str, Callable[[], object]] = {
            f"AG170, 3,000 x {piece!r}": ag170(Path(work) / str(index), piece)
            for index, piece in enumerate(("<b>x</b> &lt;i&gt;y&lt;/i&gt;", "< b >x< /b >", "<p>x"))
        }
        for paragraphs in (True, False):
            html = _many_clozes(400, paragraphs)
            steps[f"mathjax_safety, 400 clozes, paragraphs={paragraphs}"] = partial(
                unsafe_in_field, html, cloze_field=True
            )
        steps["web tier load"] = web_tier
        steps["1,000 unknown names looked up"] = names()
        steps["SVG <use> bomb refused"] = use_bomb
        nearest_canonical("Zqwarmx")  # lists and indexes loaded before the timings
        print("| step | best CPU s |\n|---|---|")
        for name, step in steps.items():
            best = float("inf")
            for _ in range(args.repeat):
                started = time.process_time()
                step()
                best = min(best, time.process_time() - started)
            print(f"| {name} | {best:.3f} |")


if __name__ == "__main__":
    main()
