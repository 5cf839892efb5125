"""Regenerate ankigen/data/highlight.css from Pygments (then bump the note types' `revised`)."""

from __future__ import annotations

from pathlib import Path

from pygments.formatters import HtmlFormatter

from ankigen.render.highlight import CODE_CLASS, DARK_STYLE, LIGHT_STYLE

HEADER = (
    '/* Generated from Pygments styles "default" (light) and "github-dark" (night) by\n'
    "   scripts/generate_highlight_css.py; vendored so the note type CSS does not change with the\n"
    "   installed Pygments version. */\n"
)


def stylesheet() -> str:
    """Pygments CSS for light mode and Anki's night mode, scoped to code blocks only."""
    rules: list[str] = []
    night = [f".nightMode .{CODE_CLASS}", f".night_mode .{CODE_CLASS}"]
    for style, scopes in ((LIGHT_STYLE, [f".{CODE_CLASS}"]), (DARK_STYLE, night)):
        formatter = HtmlFormatter(style=style)
        for scope in scopes:
            defs: str = formatter.get_style_defs(scope)  # type: ignore[no-untyped-call]
            rules.extend(line for line in defs.splitlines() if line.startswith(scope))
    return "\n".join(rules) + "\n"


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "ankigen" / "data" / "highlight.css"
    target.write_text(HEADER + stylesheet(), encoding="utf-8")
    print(f"wrote {target}")
