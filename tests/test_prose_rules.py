"""The prose rules (AG131, AG134-AG137) on many wordings of each family, and the phrase data
behind AG130-AG132 (ankigen/lint/data/leftovers.yaml).

Each family is a list of answers that must be reported and a list of correct technical
answers that must not be: a rule that learned one wording fails here on the others.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.lint.rules.leftovers import load_phrases
from tests.conftest import REPO
from tests.rule_harness import FixtureNote, lint_rule, write_notes

DATA = REPO / "ankigen" / "lint" / "data" / "leftovers.yaml"
GROUPS = ("placeholder", "promotional", "figure")


def _data() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return data


def test_leftover_groups() -> None:
    assert set(_data()) == set(GROUPS)


@pytest.mark.parametrize("group", GROUPS)
def test_leftover_entries_are_sorted_unique_and_well_formed(group: str) -> None:
    entries = _data()[group]
    patterns = [entry["pattern"] for entry in entries]
    assert patterns == sorted(patterns), f"sort the '{group}' entries by pattern"
    assert len(patterns) == len(set(patterns))
    for entry in entries:
        assert set(entry) <= {"pattern", "message", "case_sensitive", "keywords"}, entry
        assert isinstance(entry["message"], str) and entry["message"].strip(), entry
        re.compile(entry["pattern"])
        assert not re.compile(entry["pattern"], re.IGNORECASE).match(""), "matches nothing"
        keywords = entry.get("keywords", [])
        assert keywords == sorted(set(keywords)), entry
        assert all(isinstance(k, str) and k and k == k.lower() for k in keywords), entry


def test_every_promotional_entry_has_keywords() -> None:
    assert all(phrase.keywords for phrase in load_phrases("promotional"))


def _example_texts() -> list[str]:
    """Every note body of the rule fixtures, and the answers below."""
    texts = [*BOILERPLATE, *TECHNICAL]
    for path in sorted((REPO / "tests" / "fixtures" / "rules").glob("AG13*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts += [case["body"]] if "body" in case else [n["body"] for n in case["notes"]]
    return texts


@pytest.mark.parametrize("group", GROUPS)
def test_keywords_cover_every_match(group: str) -> None:
    """The keyword filter never hides a match: each match contains one of its keywords."""
    for phrase in load_phrases(group):
        for text in _example_texts():
            for match in phrase.pattern.finditer(text):
                assert not phrase.keywords or any(
                    keyword in match.group(0).lower() for keyword in phrase.keywords
                ), (phrase.pattern.pattern, match.group(0))


def _answers(tmp_path: Path, code: str, answers: list[str], note_type: str = "basic") -> list[str]:
    """The answers (each a note under a fixed question) that ``code`` reports."""
    notes = []
    for index, answer in enumerate(answers):
        body = answer if note_type == "cloze" else f"# What is the point?\n\n{answer}\n"
        notes.append(FixtureNote(f"n{index:03d}", body, note_type))
    write_notes(tmp_path, notes)
    found = {d.path.stem for d in lint_rule(tmp_path, code)}
    return [answer for index, answer in enumerate(answers) if f"n{index:03d}" in found]


BOILERPLATE = [
    "Dropout regularises. This blog post was originally published on Towards Data Science.",
    "Dropout regularises.\n\n*This article was published as a part of the Data Science Blogathon.*",
    "Dropout regularises. (First appeared on the author's blog.)",
    "Dropout regularises.\n\nThe media shown in this article are not owned by the site.",
    "Dropout regularises. Used at the author's sole discretion.",
    "Dropout regularises.\n\nImage Source: Wikipedia",
    "Dropout regularises.\n\n(Image credit: the course slides)",
    "Dropout regularises.\n\nPicture courtesy of the lab.",
    "Dropout regularises.\n\nImage by Anna Smith from Pixabay",
    "Dropout regularises.\n\nSource: towardsdatascience.com",
    "Dropout regularises.\n\nCredits: Stanford CS231n",
    "Dropout regularises. © 2022 Example Media",
    "Dropout regularises. All rights reserved.",
    "Dropout regularises. Subscribe to the mailing list for weekly tips.",
    "Dropout regularises. Sign up for our free machine learning course.",
    "Dropout regularises. Register today for the live webinar.",
    "Dropout regularises. Enroll in the data science program now!",
    "Dropout regularises. Join our Slack community.",
    "Dropout regularises. Follow me on Twitter for more.",
    "Dropout regularises. Download the free ebook.",
    "Dropout regularises. Like and share if it helped!",
    "Dropout regularises. Leave a comment below with your questions.",
    "Dropout regularises. Let me know what you think in the comments.",
    "Dropout regularises.\n\n## About the Author\n\nA writer.",
    "Dropout regularises.\n\nWritten by a data scientist.",
    "Dropout regularises. Thank you so much for reading!",
    "Dropout regularises. Hope you enjoyed the article.",
    "Dropout regularises. I hope this was helpful.",
    "Dropout regularises. Happy coding!",
    "Dropout regularises. Stay tuned for part two.",
    "Dropout regularises. Use code SAVE20 at checkout.",
    "Dropout regularises. This post is sponsored by a cloud provider.",
    "Dropout regularises.\n\nRelated articles:\n\n- Batch norm explained",
    "Dropout regularises. Click here to learn more.",
    "Dropout regularises. Check out our deep learning bootcamp.",
    "Dropout regularises.\n\nImage: Unsplash",
    "Dropout regularises. The figure's credit goes to the original authors.",
    "Dropout regularises. Share on LinkedIn!",
    "Dropout regularises. Start your free trial today.",
    "Dropout regularises.\n\nRead more »",
    "Dropout regularises. Join 5,000+ readers of the digest.",
    "Dropout regularises. That's all for today!",
    "Dropout regularises. Feel free to reach out with questions.",
    "Dropout regularises. Do read my other articles on regularisation.",
    "Dropout regularises.\n\nAuthor: Jane Roe",
    "Dropout regularises. Get the 40 solutions here: https://example.com/qa",
    "Dropout regularises. Please star this repository if it helped.",
    "Gradient clipping caps the norm.\n\nPhoto credit: NASA",
    "Gradient clipping caps the norm. (Source: Wikimedia Commons)",
    "Gradient clipping caps the norm.\n\n_Illustration: the author_",
    "Gradient clipping caps the norm.\n\nThe images in this blog are not owned by us.",
    "Gradient clipping caps the norm. This story was originally posted to my Substack.",
    "Gradient clipping caps the norm.\n\nThis blog is part of the Data Science Blogathon.",
    "Gradient clipping caps the norm. Sign up to our mailing list for updates.",
    "Gradient clipping caps the norm. Enroll today in our AI certification program!",
    "Gradient clipping caps the norm. Subscribe to my YouTube channel.",
    "Gradient clipping caps the norm. Join the community on Slack.",
    "Gradient clipping caps the norm. Follow me on Medium for more such content.",
    "Gradient clipping caps the norm. Please clap and share!",
    "Gradient clipping caps the norm. Share your thoughts in the comment section below.",
    "Gradient clipping caps the norm. Thanks for your time!",
    "Gradient clipping caps the norm. I hope you found this article useful.",
    "Gradient clipping caps the norm. Happy Learning :)",
    "Gradient clipping caps the norm.\n\n© Example Ltd 2020",
    "Gradient clipping caps the norm. Register for free now.",
    "Gradient clipping caps the norm.\n\nAbout me: I am an ML engineer.",
    "Gradient clipping caps the norm.\n\nImage courtesy: Stanford",
    "Gradient clipping caps the norm. Download our app on Google Play.",
    "Gradient clipping caps the norm. Don't forget to subscribe!",
    "Gradient clipping caps the norm. Hope this helps!",
    "Gradient clipping caps the norm. Let me know your thoughts in the comments.",
    "Gradient clipping caps the norm. Get 50% off with code LEARN50.",
]
TECHNICAL = [
    "Dropout randomly zeroes activations during training and is off at inference.",
    "Consumers subscribe to a topic; the broker pushes each message to every subscriber.",
    "The image source is read frame by frame from the camera.",
    "Join the two data frames on the key column; then register the hook on the layer.",
    "Sign the request with the key, and follow the redirect.",
    "The source and target sentences are aligned for the translation model.",
    "Adam was published in 2014; Keras is released under the Apache licence.",
    "The model would keep learning the noise without early stopping.",
    "Share the weights between the encoder and the decoder.",
    "Processes share the page cache; the author of a commit is recorded by git.",
    "Credit risk models predict default; the credit score summarises that risk.",
    "A pretrained network is used at inference time with its weights frozen.",
    "- Source: English sentence\n- Target: French sentence",
    "Keras was first released in 2015; the Adam paper was first published in 2014 at ICLR.",
    "Written by the worker process, the log file grows.",
    "Read more data in each batch to speed up training.",
    "Figure 3: the learning curve of the model.",
    "Click-through rate is the share of impressions that are clicked.",
    "Credit assignment in RL asks which action earned the reward.",
]


def test_boilerplate_in_many_wordings_is_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG131", BOILERPLATE) == BOILERPLATE
    assert _answers(tmp_path / "good", "AG131", TECHNICAL) == []


DOUBLED = [
    "It is the the mean of the squared errors.",
    "The loss is is minimised by gradient descent.",
    "The gradient flows back to\nto the first layer.",
    "A a convolution slides a kernel over the input.",
    "Batch norm normalises each feature of of the batch.",
    "Pooling keeps the the largest value in each window.",
    "It works for for images and text.",
    "The encoder encoder maps the input to a code.",
    "Weights are updated with with the learning rate.",
    "We can can stop training early.",
    "Clipping caps the the gradient norm.",
    "It is applied to to each step.",
    "We we clip after backward.",
    "Clipping avoids exploding gradients in in RNNs.",
    "The norm norm is computed globally.",
    "It is a a simple fix.",
    "This keeps updates stable and and bounded.",
    "Clip the gradients before\nbefore the optimizer step.",
]
NOT_DOUBLED = [
    "The layer it had had no bias.",
    "He argued that that result was wrong.",
    "What the loss is is a number per batch.",
    "Users log in in the top corner, and they do do that daily.",
    "A `long long` counter, or long long integer, never overflows here.",
    "Very very deep networks need residual connections.",
    "The matrix X X and the vector 1 1 appear in the proof.",
]


def test_doubled_words_in_many_places_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG134", DOUBLED) == DOUBLED
    assert _answers(tmp_path / "good", "AG134", NOT_DOUBLED) == []


TRUNCATED = [
    "It stabilises training and allows the use of",
    "Momentum adds a fraction of the previous update to the",
    "A kernel slides over the input and",
    "Regularisers such as",
    "Useful for small data sets, e.g.",
    "The loss is averaged over the batch,",
    "The main variants are:",
    "It divides by the running average (computed per",
    "The model keeps learning because...",
    "It is computed by",
    "The gradient is then",
    "- It shrinks the map\n- It keeps the strongest of",
    "> The output is passed to",
    "Dropout zeroes the. The rest are scaled up.",
    "It is used when",
    "It is also known as",
    "This works well if",
    "Clipping rescales the gradient when its norm exceeds the",
    "It is mostly used in RNNs because",
    "Typical thresholds are 1.0 or",
    "It prevents exploding gradients, which",
    "Clipping helps, especially when the",
    "The gradient is divided by its norm and multiplied by",
    "It is applied after backward() and before",
    "Common choices include clipping by value, clipping by norm, and",
]
COMPLETE = [
    "Adam",
    "Adagrad, RMSprop, Adam...",
    "The interval [0, 1)",
    "$\\sigma(x) = 1 / (1 + e^{-x})$",
    "The shape `(None, 10)`",
    "It leaves the weights as they are",
    "- Adam\n- RMSprop\n- SGD with momentum",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "Common choices:\n\n- Adam\n- SGD",
    "It works as expected.",
    "Answer: a",
    "Keep the learning rate fixed for a while",
    "Nothing has changed since",
    "It behaves as if",
]


def test_truncated_answers_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG135", TRUNCATED) == TRUNCATED
    assert _answers(tmp_path / "good", "AG135", COMPLETE) == []


def test_a_truncated_cloze_is_reported(tmp_path: Path) -> None:
    cut = "# Dropout\n\nDropout is active {{c1::during training}} and off at the\n"
    whole = "# Dropout\n\nDropout is active {{c1::during training}} and off at inference\n"
    assert _answers(tmp_path, "AG135", [cut, whole], "cloze") == [cut]


LINK_ONLY = [
    "https://example.com/answer",
    "[here](https://example.com/answer)",
    "See this link: https://example.com/answer",
    "Read more at [the blog](https://example.com/answer).",
    "Refer to the documentation.",
    "Links:\n\n- https://example.com/a\n- https://example.com/b",
    "[Understanding the point: a complete guide](https://example.com/guide)",
    "[Seven Ways To Handle Imbalanced Data Sets](https://example.com/imbalance)",
    "Check this out: https://example.com/clip",
    "[Gradient clipping explained](https://example.com/clip)",
    "For details see https://example.com/clip",
    "Good article: [link](https://example.com/clip)",
    "You can read about it here: https://example.com/clip",
    "Refer this blog.",
]
NOT_LINK_ONLY = [
    "[Adam](https://example.com/adam)",
    "Early stopping. See https://example.com/early-stopping for details.",
    "[KL divergence](https://example.com/kl) or a [Q-Q plot](https://example.com/qq)",
    "Read the loss curve: it should fall and then flatten.",
    "[it zeroes a random fraction of the activations](https://example.com/dropout)",
]


def test_link_only_answers_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG136", LINK_ONLY) == LINK_ONLY
    assert _answers(tmp_path / "good", "AG136", NOT_LINK_ONLY) == []


CROSS_CARD = [
    "As explained above, the gradients vanish.",
    "See the previous question.",
    "As mentioned earlier, it regularises.",
    "Refer to question 12.",
    "Same as Q5.",
    "This was discussed in the last answer.",
    "It is like the former question, but for images.",
    "Covered in the next chapter.",
    "We have already seen this before.",
    "Same as above.",
    "The details are explained below.",
    "We'll look at this later.",
    "In the previous section we defined the loss.",
    "Like in question 3, the loss is convex.",
    "We discussed this in question 4.",
    "Refer above.",
    "The aforementioned method fails here.",
    "In the previous example, the loss fell.",
    "See the following example.",
    "As I said, the rate is too high.",
    "For the method, please refer to the previous answer.",
    "See answer above.",
    "It builds the image (as explained in the previous questions) and runs it.",
    "As mentioned in the previous answer, it caps the norm.",
    "Same as question 7.",
    "We covered this in the last question.",
    "See the answer to Q12.",
    "It is similar to the one discussed above.",
    "As discussed earlier, clipping caps the norm.",
    "Explained in the next section.",
    "Refer to the answer above.",
]
NOT_CROSS_CARD = [
    "The previous layer's output is the next layer's input.",
    "The values between Q1 and Q3 form the IQR.",
    "As shown in the figure above, the curve flattens.",
    "The next question a practitioner asks is how to pick k.",
    "It depends on the previous hidden state and the current input.",
    "The chatbot conditions on its previous answer and the user's previous question.",
    "This applies to other problems too; it solves the previous problem of saturation.",
]


def test_cross_card_references_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG137", CROSS_CARD) == CROSS_CARD
    assert _answers(tmp_path / "good", "AG137", NOT_CROSS_CARD) == []
