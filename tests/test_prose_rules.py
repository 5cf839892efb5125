"""The leftover and prose rules (AG130-AG132, AG134-AG137) on many wordings of each family,
and the phrase data behind AG130-AG131 (ankigen/lint/data/leftovers.yaml).

Each family is a list of answers that must be reported and a list of correct technical
answers that must not be: a rule that learned one wording fails here on the others.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.lint.rules.leftovers import load_phrases
from tests.conftest import REPO
from tests.rule_harness import FixtureNote, lint_rule, write_notes

DATA = REPO / "ankigen" / "lint" / "data" / "leftovers.yaml"
GROUPS = ("placeholder", "promotional")


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


@cache  # read once, not once per phrase: the fixtures are parsed YAML, the same for each
def _example_texts() -> tuple[str, ...]:
    """Every note body of the rule fixtures, and the answers below."""
    texts = [*BOILERPLATE, *TECHNICAL]
    for path in sorted((REPO / "tests" / "fixtures" / "rules").glob("AG13*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts += [case["body"]] if "body" in case else [n["body"] for n in case["notes"]]
    return tuple(texts)


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
    "Gradient clipping caps the norm.\nSign up for a free account and train your first model.",
    "Gradient clipping caps the norm. Start your free 30-day trial.",
    "Gradient clipping caps the norm. Join today and get the cheat sheet.",
    "Gradient clipping caps the norm. No credit card required.",
    "Gradient clipping caps the norm. Start building pipelines with our tool in minutes.",
    "Gradient clipping caps the norm. Get started for free.",
    "Gradient clipping caps the norm.\n\n7 min read",
    "Gradient clipping caps the norm.\n\nMember-only story",
    "Gradient clipping caps the norm.\n\nLast updated on March 3, 2023",
    "Gradient clipping caps the norm.\n\nBack to top ↑",
    "Gradient clipping caps the norm. Originally answered on Quora.",
    "Gradient clipping caps the norm. Follow for more!",
    "Gradient clipping caps the norm.\n\nAdvertisement",
    "Joins merge tables.\n\n*This essay first ran in our quarterly magazine.*",
    "Joins merge tables. The piece originally appeared on Hacker Noon.",
    "Joins merge tables.\n\nCross-posted from my personal site.",
    "Joins merge tables.\n\nRepublished with permission.",
    "Joins merge tables.\n\nSome links here are affiliate links, so I may receive a small "
    "commission.",
    "Joins merge tables.\n\nDisclosure: the tool vendor paid for this review.",
    "Joins merge tables.\n\nWe earn a referral fee when you buy through these links, at no "
    "additional charge for you.",
    "Joins merge tables.\n\nFresh interview prep lands in your inbox each Monday.",
    "Joins merge tables.\n\nSubscribe to get the monthly digest.",
    "Joins merge tables.\n\nNever miss a post: grab the RSS feed.",
    "Joins merge tables.\n\nHeader photo by the team.",
    "Joins merge tables.\n\n*Hero image created with DALL-E 3.*",
    "Joins merge tables.\n\nThumbnail art made in Canva.",
    "Joins merge tables.\n\nIllustration generated with Stable Diffusion.",
    "Joins merge tables.\n\nFeatured image: a database diagram from our archive.",
    "Joins merge tables.\n\nThis article was written for and first shared on our company blog.",
    "Joins merge tables.\n\nAn earlier version of this post appeared on LinkedIn.",
    "Joins merge tables.\n\nPart of our 30-day SQL challenge.",
    "Joins merge tables.\n\nWant more questions like this? Join 20,000 readers of our weekly "
    "email.",
    "Joins merge tables.\n\nSubscribe for more interview tips!",
    "Joins merge tables.\n\nFollow me on Twitter for daily data science tips.",
    "Joins merge tables.\n\nThis newsletter is supported by our sponsor, DataCo.",
    "Joins merge tables.\n\nThis post is brought to you by DataCo.",
    "Joins merge tables.\n\nGrab my SQL course at 50% off this week.",
    "Joins merge tables.\n\nPhoto: Jane Doe / Unsplash",
    "Joins merge tables.\n\nBanner by Freepik.",
    "Joins merge tables.\n\nImage via Shutterstock.",
    "Joins merge tables.\n\nPhoto credit: NASA",
    "Joins merge tables.\n\nWe may earn a small fee from purchases made through links on this "
    "page.",
    "Joins merge tables.\n\nPreviously published in The Startup.",
    "Joins merge tables.\n\nThe opinions expressed here are my own and not those of my employer.",
    "Joins merge tables.\n\nGet the full interview guide in your inbox.",
    "Joins merge tables.\n\nFollow our page on LinkedIn for more.",
    "Joins merge tables.\n\nLike what you read? Buy me a coffee.",
    "Joins merge tables.\n\nDrop your email below to get the next part.",
    "Joins merge tables.\n\nI write about data engineering every week on Substack.",
    "Joins merge tables.\n\nThis story is published in Level Up Coding.",
    "Joins merge tables.\n\nEnroll in our bootcamp to master SQL.",
    "Dropout regularises.\n\n- it zeroes activations\n- Source: picture from kdnuggets.com",
    "Dropout regularises.\n\nImage adapted from Goodfellow et al. (2016)",
    "Dropout regularises.\n\nFigure taken from the original paper.",
    "Dropout regularises. (image from analyticsvidhya.com)",
    "Dropout regularises.\n\nAll credit to the original author.",
    "Dropout regularises.\n\nRef: https://example.org/dropout",
    "Dropout regularises.\n\nReference: Hands-On Machine Learning, 2019",
    "Dropout regularises.\n\nSources:\n\n- [Dropout paper](https://example.org/a)\n- https://example.org/b",
    "Dropout regularises.\n\n**References**\n\n1. Srivastava et al., 2014\n2. https://example.org/b",
    "Dropout regularises. Download the full PDF of all 120 questions.",
    "Dropout regularises.\n\nTags: deep-learning, regularisation",
    "Dropout regularises. Read the full guide on our website.",
    "Dropout regularises. Upvote if you found this useful.",
    "Dropout regularises. This answer was contributed by a community member.",
    "Dropout regularises. Good luck with your interview!",
    "Dropout regularises. Follow the blog for more such questions.",
    "Dropout regularises. Posted in Deep Learning | 4 comments",
    "Dropout regularises. Interested in learning more? Our bootcamp starts in May.",
    "Dropout regularises.\n\n*Originally written for the ML Interview Prep newsletter.*",
    "Dropout regularises.\n\nThis content is for educational purposes only.",
    "Dropout regularises.\n\nShare it with a friend who is preparing for interviews.",
    "Dropout regularises.\n\nP.S. We are hiring data scientists.",
    "Dropout regularises.\n\nVisit our website for 500+ more questions.",
    "Dropout regularises.\n\nSource: Stanford CS229 lecture notes",
    "Dropout regularises.\n\n(Image: Srivastava et al., 2014)",
    "Dropout regularises.\n\nText adapted from the official TensorFlow tutorial.",
    "Dropout regularises.\n\nThe author is a senior ML engineer at a fintech startup.",
    "Dropout regularises.\n\nReposted with the author's consent.",
    "Dropout regularises.\n\nFound a mistake? Open an issue on our GitHub repo.",
    "Dropout regularises.\n\nGot questions? Drop them in the comments!",
    "Dropout regularises.\n\nScreenshot from the TensorBoard docs.",
    "Dropout regularises.\n\nRelated: What is batch normalisation?",
    "Dropout regularises.\n\nNext question →",
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
    "Register the callback before training; subscribers join the group on start.",
    "The cloud's free tier covers a trial run of the job, which finishes in minutes.",
    "Updated weights: 0.5 after one step; the model was published in 2019.",
    "A browser sends cookies with each request; the app reads them for more context.",
    "The question is answered on the validation set; the table of contents page is parsed.",
    "The spam filter decides whether a message goes to your inbox or to spam.",
    "The generator produces an image; the image generated by the GAN is scored by the "
    "discriminator.",
    "A header file declares functions; the title of the page is in the head.",
    "The paper was first published in 2014; the model first appeared in the literature in 2015.",
    "Bagging ran each model on a bootstrap sample.",
    "The commission of an error by the model is logged.",
    "The cover of a set is a collection of subsets whose union is the set.",
    "An image rendered with OpenGL has a depth buffer.",
    "An affiliate is a company controlled by another.",
    "Top image features are pooled before the classifier.",
    "Headers are sent first; the header by convention holds the content type.",
    "Part of our pipeline is a feature store; part of my job is cleaning data.",
    "Adam was first published in 2014 and also appeared in many libraries.",
    "The cover by a set of balls of radius r has N elements.",
    "Users who get spam in your inbox report it; the filter learns from those reports.",
    "Ensembles earn their accuracy from diversity.",
    "Their views are shared across devices.",
    "An ETL job has three parts.\n\n- Source: the operational database\n- Target: the warehouse",
    "The source of truth is the event log.",
    "Reference counting frees an object once nothing points at it.",
    "Credit assignment: deciding which earlier action earned the reward.",
    "Sources of bias: sampling, measurement and labelling.",
    "A dataflow has these parts:\n\n- Sources\n- Transforms\n- Sinks",
    "Sources:\n\n- Kafka topics\n- Postgres tables",
    "The agent gives credit to earlier actions through the discounted return.",
    "Differentiate the CDF to get the PDF.",
    "Use `df.loc` to get a copy of the rows.",
    "The model is trained for more epochs on our data.",
    "Strip the text in the comments before parsing the file.",
    "The author field of the record is a foreign key.",
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
    "It pads the input **so so the** size stays.",
    "Scale features so\nso the steps are even.",
    "Pooling keeps **the** the largest value.",
    "It works _for for_ images.",
    "Dropout zeroes some of the of the activations.",
    "**The** the model.",
    "It reduces overfitting in in deep networks.",
]
NOT_DOUBLED = [
    "The layer it had had no bias.",
    "He argued that that result was wrong.",
    "What the loss is is a number per batch.",
    "Users log in in the top corner, and they do do that daily.",
    "A `long long` counter, or long long integer, never overflows here.",
    "Very very deep networks need residual connections.",
    "The matrix X X and the vector 1 1 appear in the proof.",
    "The results were so so.",
    "A so so model took so so much work.",
    "A snake_case case name.",
    "- **Bagging** bagging trains many models.",
    "Use my_var var names.",
    "The same data is seen over and over and over again.",
    "It is what it is.",
]


def test_doubled_words_in_many_places_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG134", DOUBLED) == DOUBLED
    assert _answers(tmp_path / "good", "AG134", NOT_DOUBLED) == []


TRUNCATED = [
    # cut before a rule that starts a further part of the answer
    "It compares every query with every key and weights the values by\n\n***\n\nThe scores "
    "are scaled first.",
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
    "It rescales the gradient when it grows, which is",
    "Clipping keeps each step bounded, which are",
    "- Compute the norm\n- Rescale the gradie",
    "It caps the norm so that the updates stay stabl",
    "| method | effect |\n|---|---|\n| by norm | rescales the whole vector |\n"
    "| by value | clips each component to the",
    "| method | effect |\n|---|---|\n| by norm | rescales the vector and |\n"
    "| by value | clips each component |",
    "The clipped gradient is g times c divided by the norm, so g' =",
    "The optimiser keeps a running mean of squared gradients, which",
    "Each shard is served by a replica set that",
    "The reason it converges faster is that",
    "A lock guarantees that",
    "The key idea is **skip connec",
    "It keeps **the running mean of the squared gradients",
    "The two metrics are precision &",
    "It handles around 500 requests per",
    "The iterator walks lazily through",
    "Popular choices are tree ensembles, especially",
    "Regularisers include many things, like",
    "It looks like",
    "The weights, which are multiplied by",
    "The score is averaged over each fold of the model's",
    "It is cheap to compute, but it's",
    "Precision is TP / (TP +",
    "The pipeline: 1) tokenize 2) embed 3)",
    "The idea is due to Hochreiter, cf.",
    "A hash index maps each key to the bucket holding its rec",
    "Both halves are needed: the first computes the keys and the third",
    "It avoids the overhead of creating a new",
    "L2 regularisation penalises large weights, making the model less",
    "Attention dropped the recurrent loop, allowing",
    "It returns a view, not a copy, so changes to it will",
    "Lists can change in place whereas a tuple",
    "A **primary key** identifies each row, while a **foreign key**",
    "| model | weakness |\n|---|---|\n| kNN | slow at prediction time because it |",
    "Larger batches give smoother gradients but",
]
COMPLETE = [
    "The gradient tells the optimiser which way to move.\n\n***\n\nIts size depends on the "
    "learning rate.",
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
    "- sigmoid: between 0 and 1\n- tanh: between -1 and 1",
    "Clip at about 95%",
    "| op | meaning |\n|---|---|\n| & | and |\n| pipe | or |",
    "It leaves the norm as it is",
    "Measure first, then optimise for perf",
    "It is stored in float16 or bfloat16",
    "Use a lock for that",
    "Do not do that",
    "Nothing is faster than that",
    "Users log in",
    "Repeat the update, and so on",
    "It depends on who",
    "The model learns what to focus on",
    "It depends on what you use it for",
    "Think it through",
    "It does not",
    "Pick the second",
    "It uses **batch normalisation**",
    "The lock is held by the thread, not the process's",
    "Two steps: a) fit b) transform",
    "Step 1. Fit. Step 2.",
    "Use `fit` then `predict`",
    "The open interval (0, 1) of probabilities, never [0, 1)",
    "The model is judged as a whole",
    "The join step combines both",
    "- Worst case: <fill in>",
    "It is anything but",
]


def test_truncated_answers_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG135", TRUNCATED) == TRUNCATED
    assert _answers(tmp_path / "good", "AG135", COMPLETE) == []


def test_a_truncated_cloze_is_reported(tmp_path: Path) -> None:
    cut = "# Dropout\n\nDropout is active {{c1::during training}} and off at the\n"
    whole = "# Dropout\n\nDropout is active {{c1::during training}} and off at inference\n"
    assert _answers(tmp_path, "AG135", [cut, whole], "cloze") == [cut]


LINK_ONLY = [
    # a pointer at the end of an answer with nothing else in it
    "Someone on Medium wrote a great walkthrough of this, check it out.",
    "There is a thorough write-up on Analytics Vidhya, worth a read.",
    "This video covers it nicely, go watch it.",
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
    "Watch: [Bloom Filters Visually, Part 1](https://www.youtube.com/watch?v=abc)",
    "Read [the write-up][wu].\n\n[wu]: https://example.org/hashing",
    "See [Martin Fowler on CQRS][].\n\n[Martin Fowler on CQRS]: https://martinfowler.com/bliki/CQRS.html",
    "Watch the lecture clip on PCA: https://youtu.be/xyz",
    "Check [Hashing 101: Rings and Replicas](https://example.org/ring).",
    "<https://example.org/page>",
    "See the official docs.",
    "Check the scikit-learn documentation for this.",
    "https://scikit-learn.org/stable/modules/cross_validation.html",
    "Explained well here: [link](https://example.com)",
    "Great video: https://youtu.be/abc",
    "[1]\n\n[1]: https://example.com/one",
    "Read section 4 of the paper: https://arxiv.org/abs/1234",
    "Google it.",
    "Watch this: https://youtu.be/abc (10 min).",
    "Answer: see https://example.com/a",
    "Refer: [CS231n notes](https://cs231n.github.io/)",
    "Look it up on Wikipedia.",
    "See the docs → https://pandas.pydata.org",
    "Covered in depth [here](https://example.org/a)",
    "This [StatQuest video](https://youtu.be/x) explains it well.",
    "Explained really well in this Stack Overflow answer: https://stackoverflow.com/q/1",
    "Good write-up: [link](https://example.org/a)",
    '<a href="https://example.org/a">here</a>',
    "TL;DR: https://example.org/a",
    "The official docs cover this: https://example.org/a",
    "Everything you need to know: [click](https://example.org/a)",
    "Well documented at https://example.org/a",
    "Described in the [PyTorch docs](https://pytorch.org/docs).",
    "Link to the paper: arxiv.org/abs/2101.00001",
    "Best explanation I've found: https://example.org/x",
    "Useful resource → example.org/guide",
    "This Distill article has the best visual explanation: https://distill.pub/2016/a/",
    "Refer to the Kafka docs.",
]
NOT_LINK_ONLY = [
    "Boosting fits each new tree to the residuals; the XGBoost docs are worth a read.",
    "[Adam](https://example.com/adam)",
    "Early stopping. See https://example.com/early-stopping for details.",
    "[KL divergence](https://example.com/kl) or a [Q-Q plot](https://example.com/qq)",
    "Read the loss curve: it should fall and then flatten.",
    "[it zeroes a random fraction of the activations](https://example.com/dropout)",
    "See [Adam](https://arxiv.org/abs/1412.6980): it adapts each parameter's step size from "
    "running moment estimates.",
    "[Adam](https://arxiv.org/abs/1412.6980)",
    "It hashes keys onto a ring; each key goes to the next server clockwise ([details][d]).\n\n"
    "[d]: https://example.org/ring",
    "Watch the validation loss: when it rises, stop.",
    "Read the file in chunks with a generator.",
    "See the dropout paper: it zeroes activations.",
    "Check the p-value first.",
    "Read the docs before tuning: learning rate first.",
    "Search it in a sorted array with binary search.",
    "Look at the residuals.",
    "Check the pandas docs, then use merge.",
    "It hashes keys onto a ring; see [here](https://example.org/ring).",
    "By the chain rule, [explained here](https://example.org/a)",
    "Softmax over the scores [details](https://example.org/a)",
    "Covered by unit tests",
]


def test_link_only_answers_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG136", LINK_ONLY) == LINK_ONLY
    assert _answers(tmp_path / "good", "AG136", NOT_LINK_ONLY) == []


CROSS_CARD = [
    # a numbered question in any preposition frame; a way of working "as before"
    "Pick the threshold with the search described in Q14.",
    "The trick from Q6 applies: standardise first.",
    "Question 8 covers the proof in full.",
    "Use the same derivation as earlier, with the median in place of the mean.",
    "The steps we used before carry over unchanged.",
    "Apply the formula as above with a stride of two.",
    "The method from before works for the decoder too.",
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
    "As we saw in part 2 of this series, the norm is capped.",
    "Earlier in the series we clipped by value.",
    "The threshold is the one given above.",
    "The rule is the formula derived earlier.",
    "We cover this in the next episode.",
    "Same idea as in question two.",
    "See #14 for the derivation.",
    "As we did in the previous notebook, clip first.",
    "Same reasoning as the previous one, applied to columns.",
    "See the solution to problem 3.",
    "Use the same approach as in the last problem.",
    "(See the question on dropout.)",
    "The rest is identical to the answer for the LSTM question.",
    "This follows from the result in Q7.",
    "| method | effect |\n|---|---|\n| norm | the rule given above |",
    "It fits residuals (the reply to #4 shows how they are computed).",
    "Boosting sums trees; details in #q9.",
    "- Bootstrap\n- Average\n- Same trick as in the dropout card, minus the masks",
    "It picks the largest entropy drop; for entropy, go back to the card on impurity.",
    "Scaling matters (the preceding section derives it).",
    "Scaling matters, as the earlier section showed, see the previous section.",
    "It is a ranking metric; compare with the precision card.",
    "Scaling matters; the part above covers why.",
    "Scaling matters, as in the third question.",
    "The full derivation is on a separate card.",
    "Scaling matters; the card about gradient descent has the proof.",
    "Recall from the optimisation card that steps follow the gradient.",
    "It uses the kernel trick (same as the SVM question).",
    "For the proof, look at Q. 14.",
    "See question #22 for the derivation.",
    "The bias term works as described in card 9.",
    "As noted two cards back, the loss is convex.",
    "Refer to the earlier answer on regularisation.",
    "It is the mirror image of the L1 card.",
    "This repeats the argument from the dropout question.",
    "Compare with the answer about precision.",
    "As we covered in the chapter on trees, splits reduce impurity.",
    "The intuition is the one from the bias-variance card.",
    "See the notes on optimisers for the update rule.",
    "(cf. the question on batch norm)",
    "Mentioned before in this deck, the gradient vanishes.",
    "Go back to the previous one for the definition.",
    "Exactly what the last few cards described.",
    "See the FAQ entry above.",
    "See §3.2 for details.",
    "As in the earlier Q on ROC curves, the threshold moves.",
    "Same logic as the SVM question.",
    "Remember the definition from earlier: a convex function has no local minima.",
    "Check out the answer to the bagging question.",
    "This was already explained in the linear regression section.",
    "Refer back to the definition of entropy given earlier.",
    "The next card explains how to tune it.",
]
NOT_CROSS_CARD = [
    # quartiles, quarters, twin critics, fixed-point formats, earlier work, a formula of this answer
    "Values above Q3 + 1.5 IQR count as outliers.",
    "Sales in Q2 beat the forecast for the quarter.",
    "TD3 trains two critics and uses the lower of Q1 and Q2.",
    "The weights are quantised to Q4 in blocks of 32 values.",
    "Audio samples are stored in Q15 format.",
    "It fits the same model as earlier work, but on more data.",
    "Warm up with the same schedule procedure as before training starts.",
    "The first layer gives (32 - 5)/1 + 1 = 28 by the output formula; the second layer uses the "
    "same formula as before with 28 as its input.",
    "The previous layer's output is the next layer's input.",
    "The values between Q1 and Q3 form the IQR.",
    "As shown in the figure above, the curve flattens.",
    "The next question a practitioner asks is how to pick k.",
    "It depends on the previous hidden state and the current input.",
    "The chatbot conditions on its previous answer and the user's previous question.",
    "This applies to other problems too; it solves the previous problem of saturation.",
    "This time series has a trend, in part because of seasonality.",
    "It helps to answer one question: is the norm too large?",
    "Issue #14 of the tracker is a bug in clipping.",
    "The accuracy in task 2 drops when the heads share weights.",
    "Recall is the fraction of positives found; the same holds for text.",
    "In the first case the norm is small. In the second it is large, and as in the previous "
    "case we keep the direction.",
    "The first part of the network encodes; the next part of the network decodes.",
    "$$g \\leftarrow g \\cdot c / \\|g\\|$$\n\nThe rule given above keeps the direction.",
    "The tensors live on the graphics card until they are copied back.",
    "The probability that the card on top is an ace is 1/13.",
    "Draw another card; the chance that the other card is red is 25/51.",
    "Store the data in the SD card and load it with the card reader.",
    "The model runs on the GPU card in the server.",
    "Use #include for headers and #define for macros.",
    "A hash like #fff is a colour.",
    "Check the credit card number with the Luhn algorithm.",
    "The card game example: the first card drawn is a king.",
    "The section of the code that loads data runs first.",
    "The part above the diagonal is clipped.",
    "In the second question of the survey, users rate the app.",
    "The key question is whether the data is stationary; the research question drives the design.",
    "It answers the business question of churn from the customer question logs.",
    "The next Q value is the target; the last Q estimate is stale.",
    "A question about privacy arises: who owns the data?",
    "The final answer depends on the prior; the answer from the model is a probability.",
    "In the question of whether to scale, the answer is yes for SVMs.",
    "The last few cards in the deck are aces with probability 4/52 each.",
    "An entry above the diagonal of the matrix is mirrored below it.",
    "The point of the interview question is to test recall.",
    "Compare the new model with the previous one on the test set.",
    "The churn question logs are stored; the SQuAD question answering task is extractive.",
    "Features from earlier layers are added to the output.",
    "The next card drawn from the deck is independent of the last one.",
]


def test_cross_card_references_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG137", CROSS_CARD) == CROSS_CARD
    assert _answers(tmp_path / "good", "AG137", NOT_CROSS_CARD) == []


PLACEHOLDERS = [
    # an instruction to insert a picture or an example, however long its description
    "Put a chart comparing the three optimisers here.",
    "Insert here: screenshot of the TensorBoard loss curve",
    "(add an example with two classes here)",
    "Answer here",
    "Your answer goes here.",
    "[insert diagram here]",
    "Coming soon.",
    "(answer to be added)",
    "It is a generator. <add example>",
    "It caps the norm.\nFill in later.",
    "To be written.",
    "TBD",
    "- Step one: clip\n- Step two: to be added",
    "More details will be added soon.",
    "It caps the norm. [your answer]",
    "<placeholder>",
    "?",
    "...",
    "N/A",
    "Work in progress.",
    "It caps the norm. Explanation coming soon!",
    "It caps the norm. (add example)",
    "| task | loss |\n|---|---|\n| regression | ??? |",
    "Lorem ipsum dolor sit amet.",
    "TODO: explain the threshold.",
    "It caps the norm at ????.",
    "Clipping improved accuracy by XX% on the benchmark.",
    "The norm is capped by the ____ of the gradient.",
    "It caps the norm. {your explanation}",
    "Dolor sit amet, consectetur.",
    "Not answered yet.",
    "WIP - come back to this",
    "Details to follow.",
    "Needs an example.",
    "TK",
    "Proof pending.",
    "Answer still pending",
    "Rough draft, needs work.",
    "Rough draft; to be finished later.",
    "- Time: O(log n)\n- Memory: [fill in]",
    "It is O(1). <write>",
    "Followers vote.\n\n[WRITE ANSWER: snapshotting]",
    "It halves. [TODO: add the proof]",
    "Note to myself: complete this card.",
    "Reminder to self - expand this later",
    "Needs work.",
    "It caps the norm. (todo: cite the paper)",
    "The mean is larger (tbd: why)",
    "Incomplete card.",
    "Solution in progress.",
    "Fill in this card later",
    "To be continued.",
    "More later.",
    "More to come.",
    "Answer: ?",
    "Still working on this one.",
    "I'll write this up later.",
    "Fill me in!",
    "[...]",
    "FILL ME",
    "todo",
    "Needs an explanation.",
    "Explain later.",
    "Example: TBD",
    "Answer to be filled.",
    "Write the answer here.",
    "Not done yet.",
    "It caps norms. Rest of the answer later.",
    "Haven't written this yet.",
    "Unanswered.",
    "(blank)",
    "It caps the norm. Details: later.",
    "Answer: to follow",
    "I still need to look this up.",
    "- Step 1: scale\n- Step 2: ???",
    "- Pros: fast\n- Cons: TODO",
    "Explanation: coming.",
    "Write-up pending review.",
    "Bagging averages models. [citation needed]",
    "This card is a stub.",
    "(pending review)",
    "— write the proof here —",
    "The complexity is O(?)",
    "Fill this in later.",
    "Still need to write this one.",
    "Not sure, check later.",
    "Dropout zeroes a random____ of the units.",
]
NOT_PLACEHOLDERS = [
    "Add the bias here, before the activation function.",
    "Add the input of the block to its output here.",
    "The bias is to be added to each output of the layer.",
    "Fill in the missing values with the median.",
    "- Add the bias\n- Apply the activation",
    "1. Write the tests\n2. Write the code",
    "| state | meaning |\n|---|---|\n| pending | waiting |\n| n/a | unused |\n| ... | ... |",
    "None.",
    "The todo list of the project.",
    "The answer here is the identity shortcut.",
    "The input (text) is tokenised first.",
    "Write clear prompts (include examples) and state the format.",
    "The weights will be updated after each batch.",
    'The text "answer here" is a common template phrase.',
    "Really?? It caps the norm.",
    "Na",
    "Tk",
    "Placeholder",
    "| weights | when |\n|---|---|\n| trainable | will be updated |\n| frozen | never updated |",
    "Steps to follow:\n\n- load\n- train",
    "| value | meaning |\n|---|---|\n| NaN | missing information |\n| GPU | not available |",
    "The model - a small CNN - needs more data to come close.",
    "The XX chromosome and the 20% split are facts.",
    "Use `x ??? y` and `__init__` in the code.",
    "---\n\n___\n\nA rule line is not a blank.",
    # a long rule line of underscores between paragraphs (READMEs draw them so)
    "Mixed precision halves memory.\n\n______________________\n\nIt needs loss scaling.",
    "Pending.",
    "A stub.",
    "Placeholder",
    "The list is empty.",
    "The proof is incomplete because the base case is missing.",
    "Empty.",
    "A promise is pending until it settles.",
    "The job status is pending or done.",
    "Write it.",
    "Update it.",
    "The draft model proposes tokens; the target model checks them.",
    "Missing values: fill them with the median.",
    "Use [fill] mode in the plotting library",
    "The ACK is lost (to do with timeouts): resend.",
    "Things to do: profile, then optimise.",
    "We need to check it on the validation set.",
    "I will add a bias term later in the layer stack.",
    'The authors write that "dropout [...] prevents co-adaptation".',
    "Results: later epochs overfit.",
    "The rest of the network is frozen; more later layers learn faster.",
    "Working on it requires a GPU.",
    "Fill it with zeros.",
    "The answer is later than expected: the job finishes soon.",
    "Unanswered questions remain about why Adam generalises worse.",
    "Answer the phone later.",
    "A test stub returns canned answers to the code under test.",
    "Every change goes through code review before it is merged.",
]


def test_placeholders_in_many_wordings_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG130", PLACEHOLDERS) == PLACEHOLDERS
    assert _answers(tmp_path / "good", "AG130", NOT_PLACEHOLDERS) == []


FIGURE_REFERENCES = [
    # a picture read off at the start of a sentence; a numbered table of a paper
    "In the graph, accuracy stops improving after the fifth epoch.",
    "On the image, the attention heads light up around the nouns.",
    "Table 3 gives the runtimes of each solver.",
    "The hyperparameters are collected in Table 5.",
    "The elbow sits at k = 4 in Fig. 2.",
    "Figure 3 compares the two losses.",
    "In the image on the left, the model overfits.",
    "It adds the input back (see figure).",
    "The region is a diamond, as illustrated in the plot below.",
    "Two networks compete, as depicted in the illustration.",
    "As shown in the image above, it makes samples.",
    "The table below lists them.",
    "See the following diagram.",
    "The red curve is the training loss.",
    "In this diagram, the encoder is on the left.",
    "The chart on the right compares them.",
    "The graph above shows a steep drop.",
    "Refer to the diagram for the flow of gradients.",
    "The dashed line marks the boundary.",
    "The left-hand plot shows the raw data.",
    "As seen in the screenshot, the option is under settings.",
    "The accompanying chart summarises the results.",
    "The plot shows how accuracy grows with data.",
    "This figure shows three clusters.",
    "As shown below, the loss falls.",
    "(Table 2) lists the defaults.",
    "As you can see in the graph, the loss plateaus.",
    "Below image shows the two regions.",
    "The picture suggests a linear trend.",
    "A small rate converges slowly, as can be seen in the plot.",
    "Panel (b) has the scaled features.",
    "[Image: a diamond and a circle] The L1 ball has corners.",
    "The corners of the diamond (figure) make weights zero.",
    "The two balls are depicted below.",
    "Look at the heatmap above: the diagonal dominates.",
    "The histogram on the right is skewed.",
    "As the animation shows, the centroids move.",
    "The architecture diagram shows three stages.",
    "As illustrated, the kernel slides over the input.",
    "The top row shows the inputs, the bottom row the outputs.",
    "The chart on the right has the validation loss climbing after epoch ten.",
    "Training is slow and the chart on the left makes it clear.",
    "- The graph on the left: linear.",
    "Every column of the heatmap displayed here adds up to one.",
    "Looking at the chart, sales peak in June.",
    "Notice how the two clusters in the scatter plot overlap.",
    "In the picture, the kernel slides right.",
    "The accompanying image makes the margin clear.",
    "See the attached screenshot.",
    "The blue region is the feasible set.",
    "The leftmost panel shows raw data.",
    "As the GIF demonstrates, the centroids move.",
    "In the second subplot the loss is noisy.",
    "The elbow in the plot is at k = 3.",
    "The curve on the right is steeper.",
    "Per the diagram, the encoder feeds the decoder.",
    "The image illustrates how pooling works.",
    "The encoder halves the resolution at each stage, like in the diagram.",
    "In this picture the kernel slides across the input.",
    "Figure: the validation loss rising after epoch 10",
    "Here is a plot of the loss against the learning rate.",
    "As you can see, the loss falls and then flattens.",
    "The diagram makes it clear that the skip path bypasses both layers.",
    "The loss curve in the picture flattens after 20 epochs.",
    "The graphic explains the flow of data between the stages.",
    "The decision boundary (shown in red) separates the two classes.",
    "Notice how the curve flattens after the tenth epoch in the graph.",
    "The two clusters are clearly visible in the scatter plot.",
    "(Diagram omitted.)",
]
NOT_FIGURE_REFERENCES = [
    # the image or graph is the data; "Table 1" is a side of a join
    "In the image, every pixel becomes a vector before the image is flattened.",
    "In the graph, each vertex keeps a list of its neighbours.",
    "A LEFT JOIN keeps every row of Table 1 and the matching rows of Table 2.",
    "You need to figure out the learning rate first.",
    "The image is resized to 224 by 224 pixels before it enters the network.",
    "Each node in the graph stores its neighbours.",
    "The model can see the image at several scales.",
    "The figure of merit is the F1 score.",
    "Pad the image on the left with zeros.",
    "Plot the loss against the epochs to see when it flattens.",
    "A Venn diagram shows the overlap of two sets.",
    "Table 1 has the ids; join it with Table 2 on the key.",
    "Draw a diagram of the system before you code it.",
    "A left join keeps every row of the left table.",
    "Pick the right chart for the data: bars for categories.",
    "The data is drawn from the same distribution.",
    "Use a bar chart for categories and a histogram for numbers.",
    "As shown below, the loss is a sum:\n\n$$L = \\sum_i l_i$$",
    "See the table below.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "The diagram below:\n\n```text\nload -> train\n```",
    "The input (image) is normalised first; objects in the image are boxed.",
    "It matters less what is shown on the image than what its metadata says.",
    "The object depicted in the photo is classified by the network.",
    "Use a LEFT (OUTER) JOIN to keep all rows.",
    "The page has a sidebar (left), a grid (center) and a detail pane (right).",
    "The heatmap of a correlation matrix has a bright diagonal; a histogram has bins.",
    "The top row of the matrix is the first sample; the green channel is brightest.",
    "The first row shows the header.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "The steps are illustrated below:\n\n- load\n- train",
    "Values above the threshold are clipped; the solar panel example is a regression.",
    "Pad the image on the left with zeros, then crop the image on the right side.",
    "Pick k at the elbow in the plot of inertia against k.",
    "A learning curve puts the training size on the x-axis and the score on the y-axis.",
    "The first image of the batch is flipped; the second image in the batch is cropped.",
    "In the graph, each node stores its neighbours? No: in a graph, nodes store edges.",
    "The left join keeps rows; the top model in the leaderboard wins.",
    "Outliers in the histogram of residuals suggest a bad fit.",
    "The image depicts a cat, and the classifier predicts the label.",
    "The curve on the ROC plot rises; the area under it is the AUC.",
    "Look at the data in the table of results before modelling.",
    "Resize every image to 224 by 224 before feeding the network.",
    "Data augmentation flips this image horizontally to make a new sample.",
    "As you can see from the formula, the variance shrinks with n.",
    "Here is the key idea: averaging reduces variance.",
    "The figure of merit is the F1 score.",
]


def test_figure_references_in_many_wordings_are_reported(tmp_path: Path) -> None:
    assert _answers(tmp_path / "bad", "AG132", FIGURE_REFERENCES) == FIGURE_REFERENCES
    assert _answers(tmp_path / "good", "AG132", NOT_FIGURE_REFERENCES) == []


def test_a_placeholder_in_a_cloze_is_reported(tmp_path: Path) -> None:
    empty = "# Adam\n\nIts default rate is {{c1::TBA}}.\n"
    noted = "# Skew\n\nThe mean is {{c1::larger}} (todo: say why).\n"
    whole = "# Adam\n\nIts default rate is {{c1::0.001}} (to do with the paper's setup).\n"
    found = _answers(tmp_path, "AG130", [empty, noted, whole], "cloze")
    assert found == [empty, noted]


def test_a_figure_in_the_question_or_a_cloze_is_reported(tmp_path: Path) -> None:
    asked = FixtureNote("asked", "# Why does the plot above flatten?\n\nThe rate decays.\n")
    plain = FixtureNote("plain", "# Why does a loss curve flatten?\n\nThe rate decays.\n")
    write_notes(tmp_path / "basic", [asked, plain])
    assert [d.path.stem for d in lint_rule(tmp_path / "basic", "AG132")] == ["asked"]
    cloze = "# ROC\n\nThe chart pictured here has an AUC of {{c1::0.9}}.\n"
    title = "# ROC plot above the diagonal\n\nA useful model has an AUC above {{c1::0.5}}.\n"
    assert _answers(tmp_path / "cloze", "AG132", [cloze, title], "cloze") == [cloze]
