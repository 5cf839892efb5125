"""Write N synthetic notes in the ankigen format, and the same notes for ankdown.

Usage: python benchmarks/generate.py N OUT_DIR [--decks K] [--seed S]

Layout written under OUT_DIR (which must be empty or absent):

    content/bench-01/deck.yaml, content/bench-01/note-000000.md, …   (ankigen)
    ankdown/bench-01/cards.md, …                                      (ankdown: one document
                                                                       per deck folder)

The output depends only on N, K and the seed. Sizes follow real cards: a question of about 80
characters, an answer of about 400 characters of Markdown with bold, inline code and a list;
one note in ten is ``type: code`` with an eight-line Python block and one in ten is
``type: cloze`` with two or three deletions. The text is drawn from a fixed vocabulary of real
English and machine-learning words, so the spelling rule has nothing to report.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

NOUNS = (
    "model",
    "gradient",
    "layer",
    "weight",
    "batch",
    "network",
    "neuron",
    "loss",
    "function",
    "activation",
    "optimizer",
    "dataset",
    "feature",
    "label",
    "kernel",
    "filter",
    "tensor",
    "matrix",
    "vector",
    "encoder",
    "decoder",
    "embedding",
    "token",
    "sequence",
    "pipeline",
    "sample",
    "prediction",
    "parameter",
    "regularization",
    "classifier",
    "threshold",
    "distribution",
    "variance",
    "bias",
    "error",
    "signal",
    "output",
    "input",
    "memory",
    "attention",
)
ADJECTIVES = (
    "small",
    "large",
    "deep",
    "shallow",
    "sparse",
    "dense",
    "noisy",
    "stable",
    "linear",
    "random",
    "hidden",
    "final",
    "early",
    "global",
    "local",
    "simple",
    "robust",
    "average",
    "binary",
    "shared",
)
VERBS = (  # (base form, third person)
    ("improve", "improves"),
    ("reduce", "reduces"),
    ("change", "changes"),
    ("limit", "limits"),
    ("increase", "increases"),
    ("control", "controls"),
    ("affect", "affects"),
    ("stabilize", "stabilizes"),
    ("speed up", "speeds up"),
    ("slow down", "slows down"),
)
ADVERBS = ("quickly", "slowly", "smoothly", "rarely", "often", "gradually", "strongly")
CODE_NAMES = (
    "scores",
    "weights",
    "values",
    "labels",
    "tokens",
    "samples",
    "outputs",
    "inputs",
)
CODE_SPANS = (
    "model.fit",
    "model.predict",
    "batch_size",
    "learning_rate",
    "optimizer.step()",
    "loss.backward()",
    "x.shape",
    "np.mean",
    "torch.no_grad()",
    "Dense(64)",
    "epochs=10",
    "dropout=0.5",
)


@dataclass(frozen=True)
class SyntheticNote:
    """One note, in both formats' terms."""

    deck: str
    note_id: str
    kind: str  # basic | code | cloze
    tags: tuple[str, ...]
    question: str  # the heading text (a cloze note's title)
    body: str  # the answer (basic, code) or the cloze text with its extra (cloze)
    cloze_text: str  # cloze only: the text before the thematic break
    cloze_extra: str  # cloze only: the text after it


def _phrase(rng: random.Random) -> str:
    return f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _sentence(rng: random.Random) -> str:
    verb = rng.choice(VERBS)[0]
    return (
        f"{_phrase(rng).capitalize()} can {verb} {_phrase(rng)} {rng.choice(ADVERBS)} "
        f"when {_phrase(rng)} is {rng.choice(ADJECTIVES)}."
    )


def _question(rng: random.Random, target: int = 80) -> str:
    text = f"Why does {_phrase(rng)} {rng.choice(VERBS)[0]} {_phrase(rng)}"
    if len(text) < target - 35:
        text += f" and {_phrase(rng)}"
    return text + f" in {_article(rng.choice(ADJECTIVES))} {rng.choice(NOUNS)}?"


def _answer(rng: random.Random) -> str:
    first = (
        f"**{_phrase(rng).capitalize()}** matters: {_sentence(rng)[0].lower()}{_sentence(rng)[1:]}"
    )
    items = "\n".join(
        f"- **{rng.choice(NOUNS)}**: {_phrase(rng)} {rng.choice(ADVERBS)} "
        f"{rng.choice(VERBS)[1]} {_phrase(rng)}"
        for _ in range(3)
    )
    verb = rng.choice(VERBS)[1]
    last = f"Check `{rng.choice(CODE_SPANS)}` first: {_phrase(rng)} {verb} {_phrase(rng)}."
    return f"{first}\n\n{items}\n\n{last}"


def _code_block(rng: random.Random) -> str:
    name, other = rng.sample(CODE_NAMES, 2)
    noun = rng.choice(NOUNS)
    return "\n".join(
        (
            "```python",
            f"def scale_{name}({name}: list[float], factor: float) -> list[float]:",
            f'    """Return every {noun} in {name} multiplied by factor."""',
            f"    {other} = []",
            f"    for item in {name}:",
            f"        {other}.append(item * factor)",
            f"    total = sum({other})",
            '    print(f"total: {total:.3f}")',
            f"    return {other}",
            "```",
        )
    )


def _cloze(rng: random.Random) -> tuple[str, str]:
    count = rng.choice((2, 3))
    words = rng.sample(NOUNS, count)
    parts = [
        f"{_phrase(rng).capitalize()} can {rng.choice(VERBS)[0]} the {{{{c1::{words[0]}}}}} "
        f"{rng.choice(ADVERBS)}, while the {{{{c2::{words[1]}::a {rng.choice(NOUNS)}}}}} "
        f"stays {rng.choice(ADJECTIVES)}."
    ]
    if count == 3:
        parts.append(f"Then {_phrase(rng)} feeds the {{{{c3::{words[2]}}}}} of the next layer.")
    parts.append(_sentence(rng))
    return " ".join(parts), _sentence(rng)


def make_notes(count: int, decks: int, seed: int) -> list[SyntheticNote]:
    """The notes, in a fixed order; note ``i`` goes to deck ``i % decks``."""
    rng = random.Random(seed)
    notes = []
    for index in range(count):
        kind = "code" if index % 10 == 3 else "cloze" if index % 10 == 7 else "basic"
        deck = f"bench-{index % decks + 1:02d}"
        tags = (f"topic::{rng.choice(NOUNS)}", f"difficulty::{rng.choice(('easy', 'hard'))}")
        question = _question(rng)
        cloze_text = cloze_extra = ""
        if kind == "cloze":
            cloze_text, cloze_extra = _cloze(rng)
            body = f"{cloze_text}\n\n***\n\n{cloze_extra}"
        elif kind == "code":
            body = f"{_answer(rng)}\n\n{_code_block(rng)}"
        else:
            body = _answer(rng)
        notes.append(
            SyntheticNote(
                deck, f"note-{index:06d}", kind, tags, question, body, cloze_text, cloze_extra
            )
        )
    return notes


def ankigen_text(note: SyntheticNote, question_number: int) -> str:
    """The note file in the ankigen format."""
    return (
        "---\n"
        f"id: {note.note_id}\n"
        f"type: {note.kind}\n"
        f"tags: [{', '.join(note.tags)}]\n"
        f"source: {{doc: bench, question: {question_number}}}\n"
        "---\n"
        f"# {note.question}\n\n{note.body}\n"
    )


def ankdown_card(note: SyntheticNote) -> str:
    """The same note as one ankdown card: front, ``%``, back, ``%``, tags."""
    if note.kind == "cloze":  # ankdown has no cloze type: the text is the front, extra the back
        front, back = f"{note.question}\n\n{note.cloze_text}", note.cloze_extra
    else:
        front, back = note.question, note.body
    return f"{front}\n\n%\n\n{back}\n\n%\n\n{' '.join(note.tags)}\n"


def deck_yaml(slug: str) -> str:
    number = slug.rsplit("-", 1)[1]
    return (
        f'name: "Benchmark::Deck {number}"\n'
        'description: "Synthetic notes for the ankigen benchmark."\n'
        "tags: [benchmark]\n"
        "sources:\n"
        "  bench:\n"
        '    title: "Synthetic benchmark notes"\n'
        '    publisher: "ankigen benchmarks"\n'
    )


def generate(count: int, out_dir: Path, decks: int = 8, seed: int = 0) -> list[SyntheticNote]:
    """Write both formats under ``out_dir`` and return the notes."""
    if out_dir.exists() and any(out_dir.iterdir()):
        raise SystemExit(f"generate.py: {out_dir} is not empty")
    notes = make_notes(count, decks, seed)
    by_deck: dict[str, list[str]] = {}
    for number, note in enumerate(notes, start=1):
        folder = out_dir / "content" / note.deck
        if note.deck not in by_deck:
            folder.mkdir(parents=True)
            (folder / "deck.yaml").write_text(deck_yaml(note.deck), encoding="utf-8")
            by_deck[note.deck] = []
        (folder / f"{note.note_id}.md").write_text(ankigen_text(note, number), encoding="utf-8")
        by_deck[note.deck].append(ankdown_card(note))
    for slug, cards in by_deck.items():
        folder = out_dir / "ankdown" / slug
        folder.mkdir(parents=True)
        (folder / "cards.md").write_text("\n---\n\n".join(cards), encoding="utf-8")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="number of notes")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--decks", type=int, default=8, metavar="K", help="deck folders (8)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (0)")
    args = parser.parse_args(argv)
    if args.count < 1 or args.decks < 1:
        parser.error("N and K must be at least 1")
    notes = generate(args.count, args.out_dir, min(args.decks, args.count), args.seed)
    print(f"wrote {len(notes)} notes in {min(args.decks, args.count)} decks to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
