"""The content linter: rules over notes, suppressions, fixes. See docs/rules.md."""
