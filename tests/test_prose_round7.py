"""Round 7 on the prose families (issue #12): shapes written in our own words, each family's
wrong shapes reported on their line as classes, each correct near miss silent.

- link-only (AG136): a clause whose subject is a resource and whose verb only says that it
  explains the topic ("The PyTorch forums have the answer", "Karpathy's blog post on training
  recipes explains it", "The docs are pretty clear on this one"); where the answer is instead
  of what it is ("The steps are in the README", unless the question asks where); a label that
  files a link as a source ("Source: [paperswithcode](…)"); "go to URL and read …" as two
  pointers; forums, READMEs, FAQs and repositories as resources;
- cross-card (AG137): a card or note named by its topic ("like the GRU card", "from the Adam
  note", "as for the k-means question"), also in the heading after a verb of likening; a card
  named as the subject of a verb of telling ("The padding card explains", "the next note
  covers"); a card by position ("the card before this one", "the question just above", "two
  notes above"); a heading that likens itself to the card before ("Like the previous one, …");
- truncated-answer (AG135): a word cut short that is a word only from the web list ("the
  varian"), hardly ever written ("future toke"), British ("regularisat"), after a capitalised
  compound ("Self-attenti"), of two letters ("the learning ra"); a table's last row read with
  the note's words; a heading that ends on the article "a";
- doubled-word (AG134): "in in" after any verb that does not take "in" as a particle
  ("stored in in memory", "run in in the same process"), "turn it on on startup" (a particle
  after the verb's object), "gave her her badge", a doubled word quoted as an example.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.rule_harness import lint_shapes

CODES = {"lo": "AG136", "cc": "AG137", "ta": "AG135", "dw": "AG134"}

CASES: list[dict[str, Any]] = yaml.safe_load(
    r"""
# --- link-only (AG136): wrong shapes --------------------------------------------------
- id: lo-follow-docker-docs
  line: 3
  body: |
    # How do you keep a Docker image small?

    Just follow the Docker docs.
- id: lo-check-pandas-explains
  line: 3
  body: |
    # What does `pivot_table` do that `pivot` does not?

    Check the pandas documentation, it explains it well.
- id: lo-list-one-link
  line: 3
  body: |
    # How does a Bloom filter answer membership queries?

    - [Bloom filters by example](https://llimllib.github.io/bloomfilter-tutorial/)
- id: lo-numbered-one-link
  line: 3
  body: |
    # What is the kernel trick?

    1. https://en.wikipedia.org/wiki/Kernel_method
- id: lo-bold-see-guide
  line: 3
  body: |
    # How do you freeze the layers of a pretrained Keras model?

    **See the Keras transfer learning guide.**
- id: lo-consult-reference
  line: 3
  body: |
    # Which arguments does `torch.optim.AdamW` take?

    Consult the PyTorch reference.
- id: lo-official-docs-have-page
  line: 3
  body: |
    # How do you profile a slow PyTorch training loop?

    The official PyTorch docs have a good page on this.
- id: lo-kaggle-notebook-topic
  line: 3
  body: |
    # How does target encoding leak information?

    There's a great Kaggle notebook on this topic.
- id: lo-all-in-docs
  line: 3
  body: |
    # What is the difference between `apply` and `map` on a Series?

    It's all in the pandas docs.
- id: lo-everything-in-book
  line: 3
  body: |
    # Why does weight decay differ from L2 regularisation under Adam?

    Everything you need is in chapter 8 of the Deep Learning book.
- id: lo-answer-label-link
  line: 3
  body: |
    # What is the Gini impurity?

    **Answer:** [click here](https://example.com/gini)
- id: lo-quote-link
  line: 3
  body: |
    # How does beam search decode a sequence?

    > See https://d2l.ai/chapter_recurrent-modern/beam-search.html
- id: lo-source-only
  line: 3
  body: |
    # What is label smoothing?

    Source: [paperswithcode](https://paperswithcode.com/method/label-smoothing)
- id: lo-find-it-in-reference
  line: 3
  body: |
    # What does `np.einsum` compute?

    You can find it in the NumPy reference.
- id: lo-forums-have-answer
  line: 3
  body: |
    # Why does my DataLoader hang with `num_workers > 0`?

    The PyTorch forums have the answer.
- id: lo-covered-in-course
  line: 3
  body: |
    # How does the one-cycle learning-rate policy work?

    This is covered in the fast.ai course.
- id: lo-link-angle
  line: 3
  body: |
    # How does HNSW search work?

    Link: <https://arxiv.org/abs/1603.09320>
- id: lo-best-explanation-found
  line: 3
  body: |
    # Why does batch normalisation speed up training?

    Best explanation I've found: https://example.org/batchnorm-explained
- id: lo-steps-in-readme
  line: 3
  body: |
    # How do you install the CUDA build of JAX?

    The steps are in the README.
- id: lo-follow-install-guide
  line: 3
  body: |
    # How do you set up Airflow locally?

    Follow the steps in the official installation guide.
- id: lo-go-to-url-read-section
  line: 3
  body: |
    # What does the `stratify` argument of `train_test_split` do?

    Go to https://scikit-learn.org and read the section on splitting.
- id: lo-blog-explains
  line: 3
  body: |
    # How should a neural network be debugged?

    Andrej Karpathy's blog post on training recipes explains it.
- id: lo-ask-stackoverflow
  line: 3
  body: |
    # Why is `SettingWithCopyWarning` raised?

    Check Stack Overflow.
- id: lo-docs-colon-url
  line: 3
  body: |
    # How does `groupby().transform()` differ from `agg()`?

    Docs: https://pandas.pydata.org/docs/user_guide/groupby.html
- id: lo-refer-code-span
  line: 3
  body: |
    # How does `pd.melt` reshape a table?

    Refer to the pandas docs for `melt`.
- id: lo-extra-only-link
  line: 3
  body: |
    # What is the difference between bagging and boosting?

    See the scikit-learn ensemble guide.

    ***

    https://scikit-learn.org/stable/modules/ensemble.html
- id: lo-two-links-list
  line: 3
  body: |
    # How does gradient clipping prevent exploding gradients?

    - [PyTorch docs](https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_norm_.html)
    - [A blog post](https://example.com/clipping)
- id: lo-docs-are-clear
  line: 3
  body: |
    # What does `torch.no_grad()` change?

    The PyTorch docs are pretty clear on this one.
- id: lo-read-paper
  line: 3
  body: |
    # Why does layer normalisation suit transformers?

    Read the original paper.
- id: lo-see-video
  line: 3
  body: |
    # How does backpropagation through time work?

    Watch the 3Blue1Brown video on backpropagation.
- id: lo-good-article-medium
  line: 3
  body: |
    # What is the curse of dimensionality?

    There is a good article about it on Medium.
- id: lo-lowercase-sloppy
  line: 3
  body: |
    # what is a feature store?

    see feast docs
- id: lo-heading-answer-link
  line: 3
  body: |
    # What is the difference between a process and a thread?

    ## https://stackoverflow.com/questions/200469
- id: lo-google-docs
  line: 3
  body: |
    # How do you set a learning-rate warm-up in Hugging Face Transformers?

    Look in the Transformers docs under schedulers.
# --- link-only (AG136): correct near misses ----------------------------------------
- id: lo-ok-link-with-explanation
  body: |
    # How does a Bloom filter answer membership queries?

    It hashes the item with k hash functions and checks k bits; if any bit is 0 the item
    is absent, otherwise it is probably present. See [this tutorial](https://llimllib.github.io/bloomfilter-tutorial/).
- id: lo-ok-follow-chain-rule
  body: |
    # How are gradients computed through a composition of functions?

    Just follow the chain rule: multiply the local derivatives along the path.
- id: lo-ok-check-gradients
  body: |
    # What is the first thing to check when the loss becomes NaN?

    Check the gradients: a NaN usually comes from an exploding gradient or a log of zero.
- id: lo-ok-see-formula-below
  body: |
    # How is the F1 score computed?

    See the formula below:

    $$F_1 = \frac{2PR}{P + R}$$
- id: lo-ok-docstring-question
  body: |
    # What is a docstring?

    The documentation string of a function: the first statement of its body, kept in `__doc__`.
- id: lo-ok-follow-gradient
  body: |
    # How does gradient descent move the weights?

    It follows the negative gradient downhill, one step of size learning rate at a time.
- id: lo-ok-docs-advice
  body: |
    # How do you make a pip install reproducible?

    Follow the docs' advice: pin exact versions in a lock file and install with `--require-hashes`.
- id: lo-ok-look-at-val-loss
  body: |
    # How can you tell that a model overfits?

    Look at the validation loss: if it rises while the training loss keeps falling, it overfits.
- id: lo-ok-link-label-answer
  body: |
    # Which optimiser keeps running averages of the gradient and its square?

    [Adam](https://arxiv.org/abs/1412.6980).
- id: lo-ok-which-paper
  body: |
    # Which paper introduced the transformer?

    [Attention Is All You Need](https://arxiv.org/abs/1706.03762), Vaswani et al., 2017.
- id: lo-ok-read-in-chunks
  body: |
    # How do you load a CSV that does not fit in memory?

    Read the file in chunks with `pd.read_csv(path, chunksize=100_000)`.
- id: lo-ok-list-link-with-text
  body: |
    # What are two ways to handle class imbalance?

    - class weights in the loss ([sklearn docs](https://scikit-learn.org/))
    - oversampling the minority class, for example with SMOTE
- id: lo-ok-check-docs-with-fact
  body: |
    # What does `pivot_table` do that `pivot` does not?

    It aggregates duplicate index/column pairs (mean by default); check the pandas
    documentation for the other aggregation functions.
- id: lo-ok-where-docs-hosted
  body: |
    # Where is the PyTorch documentation hosted?

    At https://pytorch.org/docs.
- id: lo-ok-docs-noun-content
  body: |
    # Why should an API have versioned documentation?

    Because users pin old releases, and docs for the latest release describe arguments
    their version does not have.
- id: lo-ok-read-replica
  body: |
    # What is a read replica?

    A copy of a database that serves reads only, kept in sync from the primary.
- id: lo-ok-in-standard-library
  body: |
    # Where does Python's memoisation decorator live?

    It's in the standard library: `functools.lru_cache`.
- id: lo-ok-where-steps-readme
  body: |
    # Where should the install steps of a project be written?

    The steps are in the README, at the root of the repository.
- id: lo-ok-answer-in-tails
  body: |
    # Why does a t-test on tiny samples need care?

    The answer is in the tails: with few samples the t-distribution has heavier tails.
- id: lo-ok-readme-explains-what
  body: |
    # What is a README for?

    A README explains what the project does and how to install and run it.
- id: lo-ok-source-then-content
  body: |
    # Why does dropout regularise?

    Source: Goodfellow et al., chapter 7. Dropout trains an ensemble of thinned subnetworks
    that share weights, so no unit can rely on a specific other unit.
- id: lo-ok-docs-explain-plus-fact
  body: |
    # What does `torch.no_grad()` change?

    Autograd records nothing inside it, so memory drops; the PyTorch docs explain it well.
# --- cross-card (AG137): wrong shapes --------------------------------------------------
- id: cc-previous-note
  line: 3
  body: |
    # Why do residual connections help deep networks train?

    The gradient flows through the identity path, as described in the previous note.
- id: cc-heading-like-gru-card
  line: 1
  body: |
    # Like the GRU card, how many gates does an LSTM have?

    Three: input, forget and output.
- id: cc-same-as-lstm-card
  line: 3
  body: |
    # How does a GRU differ from an LSTM?

    Same as the LSTM card but with two gates and no separate cell state.
- id: cc-card-about-dropout
  line: 3
  body: |
    # Why is dropout turned off at test time?

    As in the card about dropout, the activations are rescaled during training instead.
- id: cc-see-note-on-bn
  line: 3
  body: |
    # Why does batch normalisation behave differently at inference?

    See the note on batch normalisation: it switches to running statistics.
- id: cc-heading-like-previous-one
  line: 1
  body: |
    # Like the previous one, but for regression: which loss would you pick?

    Mean squared error, or Huber loss when there are outliers.
- id: cc-saw-last-card
  line: 3
  body: |
    # Why does the learning rate need warm-up with Adam?

    As we saw in the last card, the second-moment estimate is noisy in the first steps.
- id: cc-unlike-card-before
  line: 3
  body: |
    # Is k-means sensitive to feature scaling?

    Yes; unlike the card before, distances here depend directly on the units.
- id: cc-compare-answer-on-l1
  line: 3
  body: |
    # Why does L2 regularisation not produce sparse weights?

    Its penalty is flat near zero; compare with the answer on L1 regularisation.
- id: cc-parenthesis-attention-card
  line: 3
  body: |
    # What do the queries and keys do in cross-attention?

    Queries come from the decoder, keys and values from the encoder (see the attention card).
- id: cc-same-as-kmeans-question
  line: 3
  body: |
    # How do you choose k for k-medoids?

    The answer is the same as for the k-means question: use the elbow or silhouette score.
- id: cc-question-before-this
  line: 3
  body: |
    # Why does the sigmoid cause vanishing gradients?

    As the question before this one showed, its derivative is at most 0.25.
- id: cc-follows-from-card
  line: 3
  body: |
    # Why does a very deep decision tree overfit?

    This follows from the bias-variance card: low bias, high variance.
- id: cc-continuing-note
  line: 3
  body: |
    # What does `df.groupby("city").size()` return?

    Continuing the example from the previous note, a Series with one count per city.
- id: cc-in-resnet-card
  line: 3
  body: |
    # Why do DenseNets need fewer parameters than ResNets?

    In the ResNet card we added features; here each layer sees all earlier maps concatenated.
- id: cc-my-note-on-pca
  line: 3
  body: |
    # How does kernel PCA differ from PCA?

    It runs PCA in a feature space given by a kernel; refer to my note on PCA for the basics.
- id: cc-answer-from-card-12
  line: 3
  body: |
    # How is the receptive field of stacked 3x3 convolutions computed?

    The answer from card 12 applies here too.
- id: cc-see-other-note
  line: 3
  body: |
    # What is the difference between precision and recall?

    Precision is TP / (TP + FP); recall is explained in the other note.
- id: cc-recall-formula-adam-note
  line: 3
  body: |
    # How does AdamW apply weight decay?

    Recall the update from the Adam note, then subtract the decay from the weights directly.
- id: cc-card-before-this-one
  line: 3
  body: |
    # When does Q-learning overestimate values?

    It takes a max over noisy estimates, the same problem the card before this one described.
- id: cc-note-before
  line: 3
  body: |
    # Why is the ReLU derivative undefined at zero?

    Same reasoning as in the note before: the left and right slopes differ.
- id: cc-next-note-covers
  line: 3
  body: |
    # What is the exploding gradient problem?

    Gradients grow exponentially with depth; the next note covers clipping.
- id: cc-question-just-above
  line: 3
  body: |
    # Why is the median robust to outliers?

    For the reason given in the question just above.
- id: cc-as-per-prior-note
  line: 3
  body: |
    # Which activation should the output layer of a binary classifier use?

    A sigmoid, as per the prior note.
- id: cc-like-in-lstm-question
  line: 3
  body: |
    # Does a GRU have a forget gate?

    Not as such; its update gate plays both roles, like in the LSTM question.
- id: cc-heading-earlier-question
  line: 1
  body: |
    # Like the earlier question on precision, how is specificity computed?

    TN / (TN + FP).
- id: cc-heading-same-setup-last
  line: 1
  body: |
    # Same setup as the last question, but with batch size 64: how many steps per epoch?

    ceil(50 000 / 64) = 782 steps.
- id: cc-heading-network-previous-card
  line: 1
  body: |
    # Using the network from the previous card, how many weights does the first layer hold?

    784 x 128 = 100 352 weights, plus 128 biases.
- id: cc-cloze-earlier-note
  line: 3
  type: cloze
  body: |
    # Momentum

    Momentum keeps a {{c1::running average}} of gradients, like the earlier note on EMAs.
- id: cc-extra-see-sibling-card
  line: 7
  body: |
    # What is a stride in a convolution?

    The step in pixels between two applications of the kernel.

    ***

    The padding card explains how stride and padding interact.
- id: cc-list-item-preceding-card
  line: 4
  body: |
    # Name three ways to reduce overfitting.

    - more data
    - dropout (the preceding card)
    - early stopping
- id: cc-table-see-card
  line: 5
  body: |
    # Compare SGD and Adam.

    | optimiser | tuning |
    |---|---|
    | SGD | needs a schedule, see the card on schedulers |
    | Adam | works with defaults |
- id: cc-two-notes-above
  line: 3
  body: |
    # Why use He initialisation for ReLU networks?

    It keeps the activation variance constant, by the argument two notes above.
# --- cross-card (AG137): correct near misses ----------------------------------------
- id: cc-ok-previous-layer
  body: |
    # What does a skip connection add?

    The output of the previous layer, unchanged, to the output of the current block.
- id: cc-ok-previous-hidden-state
  body: |
    # What does an RNN cell take as input?

    The current token's embedding and the previous hidden state.
- id: cc-ok-gru-cell
  body: |
    # Like the GRU cell, does the minimal gated unit merge gates?

    Yes: it keeps a single forget gate.
- id: cc-ok-graphics-card
  body: |
    # Why does mixed precision speed up training on an RTX card?

    Its tensor cores run float16 matrix products several times faster than float32.
- id: cc-ok-model-card
  body: |
    # What is a model card?

    A short document shipped with a trained model: its intended use, training data,
    evaluation results and known limitations.
- id: cc-ok-last-note-melody
  body: |
    # What is a cadence in music?

    A progression that closes a phrase; the last note of the melody usually lands on the tonic.
- id: cc-ok-formula-below-same-note
  body: |
    # How is the variance of a sample computed?

    See the formula below:

    $$s^2 = \frac{1}{n - 1}\sum_i (x_i - \bar{x})^2$$
- id: cc-ok-question-of-whether
  body: |
    # What does a hypothesis test decide?

    The question of whether an observed effect could be due to chance alone.
- id: cc-ok-a-note-on
  body: |
    # Why does `float("nan") == float("nan")` return False?

    IEEE 754 says NaN compares unequal to everything, itself included. A note on pandas:
    it uses `isna()` for the same reason.
- id: cc-ok-previous-answer-chatbot
  body: |
    # How does a chatbot keep the context of a conversation?

    Each request sends the previous messages, its previous answer included, back to the model.
- id: cc-ok-card-dealt
  body: |
    # What is the probability that the next card dealt is an ace, after one ace has gone?

    3/51, about 5.9 %.
- id: cc-ok-earlier-layers
  body: |
    # Why are earlier layers of a CNN reused in transfer learning?

    They detect generic edges and textures that other tasks need too.
- id: cc-ok-card-sorting
  body: |
    # What is card sorting in UX research?

    Users group topics written on cards, which shows how they expect content to be organised.
- id: cc-ok-credit-card-fraud
  body: |
    # Why is accuracy a poor metric for credit card fraud detection?

    Fraud is rare, so predicting "not fraud" everywhere scores above 99 %.
- id: cc-ok-see-below-in-note
  body: |
    # What are the steps of k-means?

    See below:

    1. pick k centroids
    2. assign each point to its nearest centroid
    3. move each centroid to the mean of its points; repeat 2-3
- id: cc-ok-note-before-tonic
  body: |
    # What is a leading tone?

    The note before the tonic, a semitone below it, which pulls towards resolution.
- id: cc-ok-question-before-training
  body: |
    # What should you check first in a new dataset?

    The question before training is whether the labels are right: audit a sample by hand.
- id: cc-ok-sim-card
  body: |
    # What does an eSIM replace?

    Like the SIM card, it stores the subscriber key, but it is soldered onto the board.
- id: cc-ok-model-card-explains
  body: |
    # Where do you find a pretrained model's licence?

    The model card explains the licence, the intended use and the training data.
- id: cc-ok-notes-above-root
  body: |
    # What is a major third?

    The interval four semitones up: in C major, E sits two notes above the root.
- id: cc-ok-heading-previous-layer
  body: |
    # Like the previous layer, does the decoder block use ReLU?

    Yes: each feed-forward sublayer uses ReLU (GELU in later models).
- id: cc-ok-release-note
  body: |
    # What changed in pandas 2.0?

    See the release note for 2.0: Arrow-backed dtypes and copy-on-write became available.
# --- truncated-answer (AG135): wrong shapes --------------------------------------------------
- id: ta-cut-varian
  line: 3
  body: |
    # Why does bagging help high-variance models?

    Averaging many models trained on bootstrap samples reduces the varian
- id: ta-cut-learning-ra
  line: 3
  body: |
    # What does a learning-rate scheduler do?

    It changes the learning ra
- id: ta-cut-normaliz
  line: 3
  body: |
    # What does `StandardScaler` do?

    It subtracts the mean and divides by the standard deviation, a form of normaliz
- id: ta-cut-embeddi
  line: 3
  body: |
    # What does `nn.Embedding` store?

    A lookup table with one learned vector per token, called the embeddi
- id: ta-cut-decision-bounda
  line: 3
  body: |
    # What does the C parameter of an SVM control?

    How much misclassification is tolerated; a small C gives a smoother decision bounda
- id: ta-cut-expens
  line: 3
  body: |
    # Why is exact Gaussian-process regression rarely used on large data?

    Inverting the n x n kernel matrix is computationally expens
- id: ta-cut-probabil
  line: 3
  body: |
    # What does the softmax output represent?

    A categorical distribution: each entry is a probabil
- id: ta-cut-list-item
  line: 5
  body: |
    # Name three activation functions.

    - ReLU
    - tanh
    - the logistic sigm
- id: ta-cut-bold
  line: 3
  body: |
    # What is early stopping?

    Training stops when the **validation loss stops improv**
- id: ta-cut-cloze
  line: 3
  type: cloze
  body: |
    # Dropout

    Dropout sets a random {{c1::fraction}} of the activations to zero, which acts as a regulari
- id: ta-cut-extra
  line: 7
  body: |
    # What is the vanishing gradient problem?

    Gradients shrink as they flow back through many layers, so early layers barely learn.

    ***

    It was the main obstacle to training deep sigmoid netwo
- id: ta-cut-table-last-row
  line: 6
  body: |
    # Compare L1 and L2 regularisation.

    | penalty | effect |
    |---|---|
    | L1 | drives some weights to exactly zero |
    | L2 | shrinks all weights towards zero without making them sparsi |
- id: ta-works-by
  line: 3
  body: |
    # How does a random forest decorrelate its trees?

    It works by
- id: ta-supervised-and
  line: 3
  body: |
    # What are the two main families of machine learning?

    Supervised learning and
- id: ta-fraction-of-the
  line: 3
  body: |
    # What does dropout do during training?

    It randomly sets a fraction of the
- id: ta-ends-with-because
  line: 3
  body: |
    # Why is ReLU preferred over sigmoid in hidden layers?

    It does not saturate for positive inputs, and it is cheap to compute because
- id: ta-second-para-cut
  line: 5
  body: |
    # What is a confusion matrix?

    A table of predicted against actual classes.

    From it you can derive precision, recall and the
- id: ta-cut-convolut
  line: 3
  body: |
    # What does a CNN's first layer usually learn?

    Edge and colour detectors, from the first convolut
- id: ta-cut-overfitt
  line: 3
  body: |
    # Why do we use a validation set?

    To tune hyperparameters and detect overfitt
- id: ta-cut-regularisat
  line: 3
  body: |
    # What does weight decay add to the loss?

    A penalty on the squared weights, a simple form of regularisat
- id: ta-open-paren
  line: 3
  body: |
    # How do you reset the index of a DataFrame?

    Call `df.reset_index(drop=True)` (without `drop` the old index
- id: ta-such-as
  line: 3
  body: |
    # Which optimisers adapt the learning rate per parameter?

    Several do, such as
- id: ta-eg-end
  line: 3
  body: |
    # When is a log transform useful?

    For right-skewed positive features, e.g.
- id: ta-heading-cut
  line: 1
  body: |
    # What is the difference between a list and a

    A list is mutable; a tuple is not.
- id: ta-cut-attenti
  line: 3
  body: |
    # What does a transformer use instead of recurrence?

    Self-attenti
- id: ta-cut-word-in-quote
  line: 3
  body: |
    # Why does a decoder need a causal mask?

    > So that each position can only attend to earlier positions, never to future toke
- id: ta-and-the-other
  line: 3
  body: |
    # What are the two outputs of an LSTM cell?

    The hidden state, which is passed to the next layer, and the other
- id: ta-cut-paramet
  line: 3
  body: |
    # What does `model.summary()` show?

    Each layer's output shape and its number of paramet
- id: ta-cut-classifi
  line: 3
  body: |
    # What is logistic regression used for?

    Binary classifi
- id: ta-cut-ending-comma
  line: 3
  body: |
    # Name the parts of a transformer block.

    Multi-head attention, a feed-forward network, residual connections,
# --- truncated-answer (AG135): correct near misses ----------------------------------------
- id: ta-ok-ends-code
  body: |
    # How do you freeze a PyTorch module?

    Turn off gradients for its parameters:

    ```python
    for p in module.parameters():
        p.requires_grad = False
    ```
- id: ta-ok-eg-mid
  body: |
    # When is a log transform useful?

    For right-skewed positive features, e.g. incomes or prices.
- id: ta-ok-etc
  body: |
    # What does a tokenizer handle?

    Splitting text into tokens, mapping them to ids, padding, truncation, etc.
- id: ta-ok-term
  body: |
    # Which activation is the default in modern CNNs?

    ReLU
- id: ta-ok-log-in
  body: |
    # How do you use the Hugging Face CLI with a private model?

    Run `huggingface-cli login` first; the token is stored after you log in
- id: ta-ok-short-form
  body: |
    # Why do we cache the tokenizer output?

    To save time and improve perf
- id: ta-ok-word-overfit
  body: |
    # What happens when a model has far more parameters than samples?

    It can memorise the training set and overfit
- id: ta-ok-word-variance
  body: |
    # What does bagging reduce?

    Variance
- id: ta-ok-list-fragments
  body: |
    # Name three activation functions.

    - ReLU
    - tanh
    - sigmoid
- id: ta-ok-number-end
  body: |
    # What range does a sigmoid map to?

    Between 0 and 1
- id: ta-ok-table-ends-words
  body: |
    # Compare L1 and L2 regularisation.

    | penalty | effect |
    |---|---|
    | L1 | sparse weights |
    | L2 | small weights |
- id: ta-ok-use-a-lock
  body: |
    # How do you stop two threads writing a file at once?

    Use a lock for that.
- id: ta-ok-unit
  body: |
    # In which unit is GPU memory usually quoted?

    GiB
- id: ta-ok-word-epoch
  body: |
    # What is one pass over the whole training set called?

    An epoch
- id: ta-ok-bold-whole
  body: |
    # What is early stopping?

    Training stops when the **validation loss stops improving**
- id: ta-ok-two-letter-ms
  body: |
    # In which unit is inference latency usually quoted?

    It is measured in ms
- id: ta-ok-two-letter-df
  body: |
    # What does `scipy.stats.t` need besides the statistic?

    The degrees of freedom, df
- id: ta-ok-word-sparsity
  body: |
    # What does the L1 penalty encourage?

    Sparsity
- id: ta-ok-rare-word-yaw
  body: |
    # What is rotation about the vertical axis of a drone called?

    It is called yaw
# --- doubled-word (AG134): wrong shapes --------------------------------------------------
- id: dw-stored-in-in
  line: 3
  body: |
    # Where does a PyTorch DataLoader keep prefetched batches?

    They are stored in in host memory until the training loop asks for them.
- id: dw-written-in-in
  line: 3
  body: |
    # Why is NumPy fast?

    Its loops are written in in C and run over contiguous arrays.
- id: dw-computed-in-in
  line: 3
  body: |
    # How does a transformer process a sequence during training?

    All positions are computed in in parallel, with a causal mask in the decoder.
- id: dw-kept-in-in
  line: 3
  body: |
    # What does the KV cache hold?

    The keys and values of earlier tokens, kept in in GPU memory between decoding steps.
- id: dw-run-in-in
  line: 3
  body: |
    # Where does `torch.compile` run the compiled graph?

    The kernels are run in in the same process as the Python code.
- id: dw-trained-in-in
  line: 3
  body: |
    # What is mixed-precision training?

    The model is trained in in float16 while a float32 copy of the weights is kept.
- id: dw-used-in-in
  line: 3
  body: |
    # Where is beam search used?

    It is used in in machine translation and summarisation.
- id: dw-the-the-linebreak
  line: 3
  body: |
    # What does a max-pooling layer do?

    It keeps the largest value in each window of the
    the feature map and drops the rest.
- id: dw-of-of
  line: 3
  body: |
    # What is the output of `np.argmax`?

    The index of of the largest element.
- id: dw-to-to
  line: 3
  body: |
    # What does `fit_transform` do?

    It fits the transformer to to the data and transforms it in one call.
- id: dw-is-is
  line: 3
  body: |
    # What is a tensor?

    A tensor is is an n-dimensional array with a dtype and a device.
- id: dw-a-a
  line: 3
  body: |
    # What is an embedding?

    A a dense vector that represents a discrete item.
- id: dw-and-and
  line: 3
  body: |
    # What does a GRU merge?

    The forget and and input gates of an LSTM into one update gate.
- id: dw-bold
  line: 3
  body: |
    # What is the bias-variance trade-off?

    **The** the balance between underfitting and overfitting.
- id: dw-cloze
  line: 3
  type: cloze
  body: |
    # Softmax

    Softmax turns logits into {{c1::probabilities}} that that sum to one and and are positive.
- id: dw-heading
  line: 1
  body: |
    # What does the the `axis` argument of `np.sum` select?

    The dimension that is summed away.
- id: dw-list-item
  line: 4
  body: |
    # Name two normalisation layers.

    - batch normalisation
    - layer layer normalisation
- id: dw-table-cell
  line: 5
  body: |
    # Compare a list and a tuple.

    | type | mutable |
    |---|---|
    | list | yes, it can be be changed |
    | tuple | no |
- id: dw-extra
  line: 7
  body: |
    # What is a learning rate?

    The step size of gradient descent.

    ***

    Too large a value makes the the loss diverge.
- id: dw-capital-the-the
  line: 3
  body: |
    # What is a residual block?

    The The output is the input plus a learned correction.
- id: dw-for-for
  line: 3
  body: |
    # What is `torch.manual_seed` for?

    For for reproducible random numbers.
- id: dw-with-with
  line: 3
  body: |
    # How do you open a file safely in Python?

    Use a `with` statement: with with the file closed automatically at the end.
- id: dw-can-can
  line: 3
  body: |
    # What can dropout do?

    It can can reduce overfitting.
- id: dw-pair
  line: 3
  body: |
    # What does max pooling keep?

    The largest value of each of the of the windows.
- id: dw-noun-noun
  line: 3
  body: |
    # What is a loss function?

    A function that measures how far the model's predictions predictions are from the targets.
- id: dw-it-it
  line: 3
  body: |
    # Why is the sigmoid not zero-centred?

    Because it it only outputs positive values.
- id: dw-on-on-noun
  line: 3
  body: |
    # Where does XGBoost train?

    It trains on on CPU or GPU.
- id: dw-be-be
  line: 3
  body: |
    # When must features be scaled?

    They must be be scaled for distance-based models.
- id: dw-as-as
  line: 3
  body: |
    # How does Adam compare with SGD?

    It converges faster, but often generalises not as as well.
- id: dw-held-in-in
  line: 3
  body: |
    # Where are model weights during inference?

    They are held in in VRAM.
# --- doubled-word (AG134): correct near misses ----------------------------------------
- id: dw-ok-had-had
  body: |
    # Why did the fine-tuned model forget its earlier skills?

    By the end, it had had too many updates on the narrow task (catastrophic forgetting).
- id: dw-ok-that-that
  body: |
    # What does the assertion check?

    It checks that that value is never negative.
- id: dw-ok-log-in-in
  body: |
    # How do you get a Kaggle API token?

    Log in in the browser and create a token on the account page.
- id: dw-ok-what-it-is-is
  body: |
    # What is a closure?

    What it is is a function that keeps the variables of the scope it was defined in.
- id: dw-ok-variables
  body: |
    # What is the Gram matrix of X?

    The product $X^T X$, written X X transposed in some texts.
- id: dw-ok-bora-bora
  body: |
    # Which island is a common example in travel datasets?

    Bora Bora.
- id: dw-ok-code
  body: |
    # What does this print?

    ```python
    print("the the")
    ```
- id: dw-ok-turn-on-on
  body: |
    # When does the ECC check run?

    You turn it on on startup.
- id: dw-ok-very-very
  body: |
    # How large is GPT-3?

    Very very large: 175 billion parameters.
- id: dw-ok-do-do
  body: |
    # Do tree ensembles need feature scaling?

    They don't, but what they do do is need categorical encoding.
- id: dw-ok-her-her
  body: |
    # Who handed the researcher her badge?

    The porter gave her her badge at the door.
- id: dw-ok-quoted-the
  body: |
    # Which typo does AG134 catch?

    A doubled word, like "the the".
- id: dw-ok-fill-in-in
  body: |
    # Where do you fill in the project ID?

    Fill in in the form on the settings page.
- id: dw-ok-read-in-chunks
  body: |
    # How does `pd.read_csv` handle a 50 GB file?

    With `chunksize` the file is read in in chunks of that many rows.
- id: dw-ok-kicks-in-in
  body: |
    # When does the new learning rate apply?

    The schedule kicks in in the second epoch.
- id: dw-ok-passed-in-in
  body: |
    # Where does the Trainer get its callbacks?

    They are passed in in the constructor, as a list.
# --- further shapes of the four families ------------------------------------------------
- id: lo-explained-in-docs
  line: 3
  body: |
    # What does melt do?

    Explained in the docs.
- id: lo-documented-here
  line: 3
  body: |
    # What does melt do?

    Documented here: [melt](https://pandas.pydata.org/docs/reference/api/pandas.melt.html)
- id: lo-resource-name-only
  line: 3
  body: |
    # How does Keras save a model?

    The Keras docs.
- id: lo-good-resource-label
  line: 3
  body: |
    # How does Keras save a model?

    A good resource: [link](https://keras.io/guides/serialization_and_saving/)
- id: lo-docs-excellent-on-this
  line: 3
  body: |
    # How does grid search work?

    The scikit-learn docs are excellent on this.
- id: lo-site-has-tutorial-on-it
  line: 3
  body: |
    # How do you fine-tune BERT?

    Hugging Face has a good tutorial on it.
- id: lo-i-recommend-notes
  line: 3
  body: |
    # How do convolutions work?

    I recommend the Stanford CS231n notes.
- id: lo-check-out-docs
  line: 3
  body: |
    # How do you write a Dockerfile?

    Check out the docs!
- id: lo-see-docs-bare
  line: 3
  body: |
    # How do you write a Dockerfile?

    See docs.
- id: lo-docs-cover-this-well
  line: 3
  body: |
    # How do you cache layers in Docker?

    Docker's docs cover this well.
- id: lo-answer-in-docs
  line: 3
  body: |
    # What does torch.gather do?

    The answer is in the PyTorch docs.
- id: lo-video-explains-it
  line: 3
  body: |
    # What is a vector database?

    This video explains it: https://youtu.be/abc
- id: lo-bullet-autolink
  line: 3
  body: |
    # What is a vector database?

    * <https://www.pinecone.io/learn/vector-database/>
- id: lo-read-paper-section
  line: 3
  body: |
    # How does LoRA work?

    Please read the LoRA paper, section 4.
- id: lo-write-up-by-author
  line: 3
  body: |
    # How does LoRA work?

    Good write-up by Sebastian Raschka on his blog.
- id: cc-as-with-previous-card
  line: 3
  body: |
    # Why does GRU train fast?

    As with the previous card, fewer gates mean fewer parameters.
- id: cc-covered-in-topic-note
  line: 3
  body: |
    # What is L2?

    Covered in the regularisation note.
- id: cc-answer-in-svm-note
  line: 3
  body: |
    # What is a margin?

    Similar to the answer in the SVM note: the distance to the boundary.
- id: cc-card-titled
  line: 3
  body: |
    # What is dropout?

    See the card titled 'Regularisation' for the general idea.
- id: cc-builds-on-note
  line: 3
  body: |
    # What is multi-head attention?

    This builds on the attention note: several heads run in parallel.
- id: cc-cf-note
  line: 3
  body: |
    # What is a peephole LSTM?

    An LSTM whose gates also see the cell state (cf. the LSTM note).
- id: cc-preceding-note
  line: 3
  body: |
    # Why clip gradients?

    As described in the preceding note, they can explode.
- id: cc-as-in-note-number
  line: 3
  body: |
    # Why clip gradients?

    They can explode, as in note 12.
- id: cc-note-number-explains
  line: 3
  body: |
    # Why clip gradients?

    Note 5 explains it.
- id: cc-trick-on-rnn-card
  line: 3
  body: |
    # Why clip gradients?

    The same trick we used on the RNN card.
- id: ta-cut-outli
  line: 3
  body: |
    # Why use the median?

    It makes the estimate robust to outli
- id: ta-cut-vocabul
  line: 3
  body: |
    # What does the output layer of a language model compute?

    A softmax over the vocabul
- id: ta-cut-upd
  line: 3
  body: |
    # What happens after backprop?

    The weights are upd
- id: dw-it-is-is
  line: 3
  body: |
    # What is a tensor?

    It is is used for everything in PyTorch.
- id: dw-trained-on-on
  line: 3
  body: |
    # Where is the model trained?

    The model is trained on on the GPU.
- id: dw-split-into-into
  line: 3
  body: |
    # What is k-fold?

    The data is split into into k folds.
- id: dw-we-we
  line: 3
  body: |
    # Who computes the gradient?

    We we call backward on the loss.
- id: dw-cached-in-in
  line: 3
  body: |
    # Where are activations cached?

    They are cached in in memory for the backward pass.
- id: dw-placed-in-in
  line: 3
  body: |
    # Where do you put the data?

    It is placed in in a tensor on the device.
- id: lo-ok-which-document
  body: |
    # Which document should a new contributor read first?

    The contributing guide.
- id: lo-ok-ipynb-notebook
  body: |
    # What does the .ipynb extension stand for?

    IPython notebook.
- id: lo-ok-what-to-read
  body: |
    # What should a beginner read to learn Keras?

    The Keras docs.
- id: lo-ok-ships-guide
  body: |
    # What does pandas ship besides the library?

    A user guide, an API reference and a cookbook.
- id: lo-ok-has-lecture-plus-answer
  body: |
    # Who wrote the original backprop paper?

    Rumelhart, Hinton and Williams; Hinton has a good lecture on it too.
- id: cc-bold-same-trick-card
  line: 3
  body: |
    # What is weight tying?

    **Same trick as the embedding card**: the output layer reuses the input embedding matrix.
- id: cc-table-see-note
  line: 5
  body: |
    # Compare GRU and LSTM.

    | model | gates |
    |---|---|
    | GRU | two, see the LSTM note for the third |
- id: cc-cloze-unlike-card
  type: cloze
  line: 3
  body: |
    # Pooling

    Max pooling keeps the {{c1::largest}} value, unlike the average-pooling card.
- id: cc-code-comment-previous-note
  line: 4
  body: |
    # How do you freeze a layer?

    ```python
    layer.trainable = False  # like in the previous note
    ```
- id: cc-same-reason-as-on-card
  line: 3
  body: |
    # Why scale features for SVMs?

    For the same reason as on the k-NN card: distances depend on units.
- id: cc-previous-flashcard
  line: 3
  body: |
    # What is a validation set?

    See the previous flashcard.
- id: cc-same-answer-as-question
  line: 3
  body: |
    # How does AdaGrad adapt the rate?

    Same answer as the RMSProp question, minus the decay.
- id: cc-heading-following-previous-note
  line: 1
  body: |
    # Following the previous note, what does `df.loc` return here?

    The row labelled 3.
- id: cc-covered-on-card
  line: 3
  body: |
    # What is the GIL?

    Covered on the threading card.
- id: cc-note-above
  line: 3
  body: |
    # What is ROC AUC?

    The area under the curve described in the note above.
- id: lo-list-see-url
  line: 3
  body: |
    # What is ROC AUC?

    - see: https://developers.google.com/machine-learning/crash-course/classification/roc-and-auc
- id: lo-title-link-only
  line: 3
  body: |
    # What is ROC AUC?

    [Google ML crash course: ROC and AUC](https://developers.google.com/machine-learning/crash-course)
- id: lo-course-explains-with-demo
  line: 3
  body: |
    # What is ROC AUC?

    Google's crash course explains it with an interactive demo.
- id: lo-url-great-explanation
  line: 3
  body: |
    # What is ROC AUC?

    https://developers.google.com/machine-learning/crash-course (great explanation)
- id: lo-there-is-chapter-in-book
  line: 3
  body: |
    # What is ROC AUC?

    There's a chapter on it in Hands-On Machine Learning.
- id: lo-ok-there-is-section-then-answer
  body: |
    # How do you close a file safely in Python?

    There is a section on it in the docs, but in short: open it in a `with` block.
"""
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("prose7"), CASES, list(CODES.values()))


@pytest.mark.parametrize("family", sorted(CODES))
def test_each_family_has_thirty_wrong_shapes_and_near_misses(family: str) -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    of_family = [case for case in CASES if case["id"].startswith(f"{family}-")]
    wrong = [case for case in of_family if case.get("line")]
    assert len(wrong) >= 30 and len(of_family) - len(wrong) >= 10


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    """A wrong shape gets its family's finding on its line only; a near miss gets none of the
    four prose codes."""
    got = findings[case["id"]]
    if case.get("line"):
        code = CODES[case["id"][:2]]
        assert {line for line, found in got if found == code} == {case["line"]}, got
    else:
        assert got == []


def test_a_context_name_typo_is_reported_once(tmp_path: Path) -> None:
    """ "Gymansium" in a note on Gym environments is AG112's slip, not also AG111's word."""
    cases = [
        {
            "id": "gym-typo",
            "body": "# Which library provides RL environments?\n\nGymansium, the maintained "
            "fork of OpenAI Gym.\n",
        },
        {
            "id": "gym-spelling",
            "body": "# What is a gymnasium?\n\nA hall for sports; some write it gymansium.\n",
        },
    ]
    found = lint_shapes(tmp_path, cases, ["AG111", "AG112"])
    assert found["gym-typo"] == [(3, "AG112")]
    assert found["gym-spelling"] == [(3, "AG111")]
