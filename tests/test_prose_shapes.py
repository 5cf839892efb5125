"""Shapes of the prose and leftover families (AG130-AG132, AG134-AG137), each written with
its own question, layout and vocabulary: notes that must be reported and near misses that
must not. Written for issue #12's batch 5 (a label that only names a page, a word cut
mid-way) and the shapes around them: a rule that matched one wording fails here on another.

A body without a question heading gets one; a body starting with "CLOZE:" is a cloze note.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rule_harness import FixtureNote, lint_rule, write_notes

QUESTION = "# What is the point of this?\n\n"

PLACEHOLDER_REPORTED = [
    "TODO",
    "TBD.",
    "FIXME: explain the momentum term",
    "XXX",
    "Answer goes here.",
    "[insert answer]",
    "[Insert explanation of the chain rule here]",
    "Lorem ipsum dolor sit amet.",
    "...",
    "…",
    "Coming soon!",
    "To be added.",
    "<answer>",
    "N/A",
    "Dropout regularises.\n\n***\n\nTODO: add the paper reference",
    "- First point\n- TODO",
    "<your answer here>",
    "(write the answer later)",
    "Fill in later.",
    "CLOZE:The {{c1::TBD}} layer normalises activations.",
    "# TODO\n\nSomething.",
    "?",
    "???",
    "Answer: ___",
    "WIP - finish this card",
    "To do: describe the bias correction.",
    "Not yet written.",
    "| Metric | Formula |\n|---|---|\n| Precision | TP / (TP + FP) |\n| Recall | TBD |",
    "CLOZE:Adam uses {{c1::...}} moment estimates.",
    "Dropout regularises.\n\n***\n\nExample: coming soon",
    "Dropout regularises. [citation needed]",
    "**Answer:** TODO",
    "- Step 1: normalise\n- Step 2: (to be written)",
    "Lorem ipsum",
    "The learning rate should be XX% of the default.",
    "Dropout regularises in ___ ways.",
    "# TBD\n\nDropout regularises.",
]

PLACEHOLDER_ACCEPTED = [
    "The TODO list in the Kanban board tracks open tasks.",
    "`# TODO` comments mark unfinished code; linters can report them.",
    "N/A values are treated as missing by pandas.",
    "Lorem ipsum is the classic filler text typographers use.",
    "It returns None when the key is missing.",
    "An ellipsis `...` in NumPy indexing stands for all remaining axes.",
    "Use `<answer>` tags in the prompt template to delimit the model output.",
    "Momentum, RMSProp and so on.",
    "The XXX-large variant has 1.5B parameters.",
    "The value is to be added to the running mean.",
    "Fill the missing values with the median.",
    "| Metric | Formula |\n|---|---|\n| Precision | TP / (TP + FP) |\n| Recall | TP / (TP + FN) |",
    "Python's `...` (Ellipsis) is a singleton object.",
    "Use `pass` or `...` as a placeholder body in a function.",
    "The answer depends on the data.",
    "Returns N/A for missing values in the report.",
]

BOILERPLATE_REPORTED = [
    "| Model | Accuracy |\n|---|---|\n| ResNet | 76% |\n\nSource: paperswithcode.com",
    "CLOZE:{{c1::Adam}} combines momentum and RMSProp.\n\n***\n\nImage credit: Sebastian Ruder",
    "Dropout regularises.\n\n> Originally published at https://example.com/blog",
    "Dropout regularises.\n\n_If you enjoyed this, consider buying me a coffee._",
    "Dropout regularises.\n\nP.S. Our next cohort starts in March, apply now!",
    "Dropout regularises.\n\n**Want more?** Sign up for the free email course.",
    "Dropout regularises.\n\nImage by the author.",
    "Dropout regularises.\n\nSource: Analytics Vidhya",
    "Dropout regularises.\n\nPhoto courtesy of Google Research.",
    "Dropout regularises.\n\nIf you liked this post, follow me on Medium for more.",
    "Dropout regularises. Don't forget to clap if this helped!",
    "Dropout regularises.\n\n*This post was published as part of a data science writing contest.*",
    "Dropout regularises.\n\n© 2023 Some Blog. All rights reserved.",
    "Dropout regularises.\n\n[Read more](https://example.com/more)",
    "Dropout regularises.\n\nWant to master deep learning? Check out our 12-week bootcamp.",
    "Dropout regularises.\n\nAs an Amazon Associate I earn from qualifying purchases.",
    "Dropout regularises. Hit the subscribe button for more tutorials.",
    (
        "Dropout regularises.\n\nThanks for reading! Share this with a friend who is "
        "preparing for interviews."
    ),
    (
        "Dropout regularises.\n\nThe figures in this post are not my own; all rights "
        "belong to their owners."
    ),
    "Dropout regularises.\n\nDisclaimer: this article contains affiliate links.",
    "Dropout regularises.\n\nCredit: Andrew Ng's deep learning course",
    "Dropout regularises.\n\nAlso read: 10 tricks for training CNNs",
    "Dropout regularises.\n\n*Image generated with DALL-E*",
    "Dropout regularises.\n\nGet 50% off with the code DL50.",
    "Dropout regularises.\n\nIf you found this useful, please give it a like and share it.",
    "Dropout regularises.\n\nFollow us on LinkedIn and Twitter.",
    "CLOZE:{{c1::Dropout}} regularises.\n\n***\n\nSource: Wikipedia",
    "- Dropout regularises\n- Image credit: Stanford CS231n",
    "Dropout regularises.\n\nThis story is published in The Startup, Medium's largest publication.",
    "Dropout regularises.\n\nJoin thousands of learners and upgrade your career today.",
]

BOILERPLATE_ACCEPTED = [
    "| Model | Accuracy |\n|---|---|\n| ResNet | 76% |",
    "The data source is a CSV file.",
    "Apply the update after each batch.",
    "Originally, dropout was applied to fully connected layers only.",
    "Dropout regularises: it zeroes random activations during training.",
    "The source node sends flow to the sink.",
    "Image augmentation by flipping and cropping adds training variety.",
    "Follow the gradient downhill until the loss stops improving.",
    "A like-for-like comparison uses the same seed.",
    "Use `share=True` to share memory between the processes.",
    "The copyright of a trained model's weights is unsettled law.",
    "Subscribers receive messages published on a topic (pub/sub).",
    "Read more data per batch to keep the GPU busy.",
    "Credit assignment is the problem of telling which action earned the reward.",
    "Photo-realistic images come from diffusion models.",
    "The source code is compiled to bytecode first.",
    "Source: the input sequence; target: the output sequence.",
]

FIGURE_REPORTED = [
    "| Layer | Shape |\n|---|---|\n| Conv | 32x32 |\n\nThe figure below shows the same network.",
    "CLOZE:As the plot shows, {{c1::validation loss}} rises when the model overfits.",
    "# What does the plot above show?\n\nOverfitting.",
    "Dropout regularises (see diagram).",
    "The decision boundary is the dashed line.",
    "The figure below shows the learning-rate schedule.",
    "As shown in the diagram, the encoder feeds the decoder.",
    "See Fig. 3 for the architecture.",
    "The chart above compares the two optimizers.",
    "This image shows a residual block.",
    "The following table lists the activation functions and their ranges.",
    "Refer to the screenshot for the settings.",
    "In the plot, the validation loss rises after epoch 10.",
    "Look at the picture: the kernel slides over the input.",
    "The graph on the right shows overfitting.",
    "As illustrated in Figure 2.4, attention weights sum to one.",
    "The red curve is the training loss and the blue one the validation loss.",
    "Here is a visual representation of the U-Net architecture:",
    "- The heat map above shows the correlations.",
    "CLOZE:The {{c1::encoder}} is on the left side of the diagram.",
    "Dropout regularises.\n\n***\n\nSee the illustration below.",
    "The animation shows gradient descent on a bowl-shaped loss.",
    "The image below explains how convolution works.",
    "Consider the confusion matrix shown here.",
    "Notice how the clusters in the scatter plot separate.",
]

FIGURE_ACCEPTED = [
    "The plot of the loss against epochs helps to spot overfitting.",
    "Draw a diagram of the data flow before writing code.",
    "A line plot suits time series.",
    "A figure of merit summarises a system's performance in one number.",
    "Plot the loss with `plt.plot(history.history['loss'])`.",
    "The image is resized to 224x224 before it enters the network.",
    "Use a table of contents for long notebooks.",
    "Matplotlib draws figures; seaborn styles them.",
    "The diagram of a perceptron has one layer of weights.",
    (
        "| Function | Range |\n|---|---|\n| sigmoid | (0, 1) |\n\nThe table above lists "
        "the range of the sigmoid."
    ),
    "Charts that compare many categories read best as bar charts.",
    "The model generates an image from a text prompt.",
    "A confusion matrix counts predictions per true class.",
    "Each pixel of the input image becomes a feature.",
    "The graph has five nodes and six edges; its shortest path from A to E has length 3.",
]

DOUBLED_REPORTED = [
    "# What does a a ReLU do?\n\nIt clips negatives.",
    "1. Normalise the the inputs\n2. Train",
    "It is used for for regularisation.",
    "This is **very** very useful for for small data.",
    "The loss decreases\ndecreases steadily.",
    "We we use Adam.",
    "It is _the_ the most common choice.",
    "CLOZE:It uses {{c1::the}} the moving average.",
    "- The optimizer keeps a running average of\n  of the squared gradients",
    "## Why why does it work?\n\nBecause.",
    "Adam is an an adaptive optimizer.",
    "It normalises the inputs of of each layer.",
    "This is done to to avoid overfitting.",
    "It can be be used with SGD.",
    "It it works well.",
    "They are are both ensembles.",
    "| Term | Meaning |\n|---|---|\n| Bias | the the error from assumptions |",
    "CLOZE:The {{c1::softmax}} turns logits into into probabilities.",
    "> The gradient is is zero at a minimum.",
    "Dropout regularises.\n\n***\n\nIt was was introduced in 2014.",
    "The model learns the the weights of each layer.",
    "The model learns the\nthe weights of each layer.",
    "The The model learns weights.",
    "It uses **the** the weights.",
    "It uses the [the weights](https://example.com) of the layer.",
    "- It reduces reduces overfitting\n- It is cheap",
    "# What is is dropout?\n\nA regulariser.",
    "Dropout is a a regulariser.",
    "It it zeroes activations.",
    "Adam combines momentum and and RMSProp.",
    "Batch normalisation normalises each feature over over the mini-batch.",
    "CLOZE:{{c1::Dropout}} zeroes random activations during during training.",
    "It computes the gradient of the loss with respect to to the weights.",
    "| Optimizer | Idea |\n|---|---|\n| Adam | uses the the moment estimates |",
    "The loss is *is* minimised.",
    "Use it in the the decoder as well.",
    "This is the case when when the data is scarce.",
]

DOUBLED_ACCEPTED = [
    "**Dropout**: dropout randomly zeroes activations.",
    "He had had the same result before.",
    "The sequence `a a b` repeats.",
    "Use `model.fit(x, x)` for an autoencoder.",
    "# Dropout\n\nDropout randomly zeroes activations.",
    "Tokens like 'the the' are removed by the cleaner? No: only stop words are.",
    "The bigram `New York` occurs often.",
    "Train, validate, test, test again.",
    "Repeat the step: step, step, step.",
    "B-trees keep keys sorted.",
    "It returns a tuple (x, x).",
    "The `the` token is a stop word.",
    "| Word | Count |\n|---|---|\n| the | 12 |\n| the | 3 |",
    "Set `padding='same'` so same-size outputs come out.",
    "The model had had enough data by then.",
    "He said that that model was better.",
    "Wave bye bye to vanishing gradients.",
    "Call `f(x, x)` with the same tensor twice.",
    "```python\nx = x x\n```\n\nA code block.",
    "The sequence is A A B B.",
    "Use `np.dot(a, a)` for the square norm.",
    "Set the flag to `True True`? No: one value.",
    "It is what it is.",
    "The values are 0 0 1 in one-hot form.",
    "A so-so result.",
    "Type `ha ha` in the prompt.",
    "Pick any two of the three.",
]

TRUNCATED_REPORTED = [
    (
        "CLOZE:{{c1::Dropout}} zeroes random activations.\n\n***\n\nIt was proposed to "
        "reduce the co-adaptation of"
    ),
    "1. Collect data\n2. Clean it\n3. Split it into train, validation and",
    "**Bias** is error from wrong assumptions, **variance** is error from",
    "> The learning rate controls the size of each",
    "Regularisation methods include L1, L2, dropout, early stopping, and",
    "It is defined as `loss = -sum(y * log(p))` where",
    "The ReLU function returns max(0, x), which makes the",
    (
        "The main hyperparameters of a random forest are the number of trees, the maximum "
        "depth and the minimum number of samples per"
    ),
    "It is computed as follows: first the mean, then the",
    "Precision is the fraction of positive predictions that are",
    "Use the validation set to choose the hyperparameters; never the test set, because",
    "Bagging trains each model on a bootstrap sample of the trai",
    (
        "The vanishing gradient problem arises with saturating activations such as sigmoid "
        "or tanh, whose derivatives are"
    ),
    (
        "# Why is ReLU preferred over sigmoid?\n\n> It does not saturate for positive "
        "inputs, so the gradient"
    ),
    "1. It does not saturate for positive inputs\n2. It is cheap to compute and",
    "It does not saturate for positive inputs, and its gradient is either 0 or",
    "It does not saturate; its derivative is 1 for x > 0 and 0 for",
    "It is cheaper to compute than sigmoid or tanh, which both require an",
    "ReLU(x) = max(0,",
    "It doesn't saturate (unlike sigmoid, whose gradient vanishes for large",
    "It is the default in most CNNs because it trains faster and is simpler to",
    "Weight decay adds a penalty on large weights to the",
    "Weight decay adds a penalty on large weights to the loss and",
    "It helps when the features are on different scales, such as",
    "Common choices are ReLU, GELU, e.g.",
    "Momentum keeps a running average of past gradients,",
    "The two main variants are:",
    "Most libraries implement it with a hash map (see",
    "It is written as `torch.no_grad",
    'It is called the "straight-through',
    "The optimiz",
    "The scheduler lowers the learning rate once the validation loss stops improv",
    "Label smoothing replaces the one-hot target with a mixture of the target and a unifo",
    "Steps:\n\n1. Normalise the inputs.\n2. Fit the model.\n3. Evaluate it on the",
    "- Fast to train\n- Easy to interpret\n- Sensitive to",
    (
        "| Method | Idea |\n|---|---|\n| Bagging | Trains models on bootstrap samples |\n| "
        "Boosting | Trains models one after the other on the errors of the |"
    ),
    "Batch norm normalises each feature over the mini-batch, which",
    "The encoder output is passed to the decoder through",
    "It is faster because it",
    "The answer depends on whether the data is",
    "CLOZE:The {{c1::softmax}} turns logits into probabilities that sum to\n",
    "Dropout reduces co-adaptation.\n\n***\n\nIt was introduced by Srivastava et al. in",
    "**Gradient clipping** caps the norm of the gradient so that",
    "Attention weights are computed with a softmax over the",
    "A GRU has two gates, the update gate and the",
    "The main difference is that a GRU has fewer",
    "It reduces variance, but it can also",
    "Use stratified sampling when the classes are",
    "The loss is averaged over the batch, i.e.",
    "Cross-entropy measures how far the predicted distribution is from",
    "It converges faster and generalises bett",
    "- Reduces overfitting\n- Speeds up convergence\n- Makes the network less sensitive to the",
    (
        "| Layer | Output |\n|---|---|\n| Conv 3x3 | 32x32x16 |\n| MaxPool | halves the "
        "spatial size of the"
    ),
    "Use `GridSearchCV` to search over the",
    "Gradient descent updates the parameters in the direction opposite to",
    "The kernel trick lets an SVM learn a non-linear boundary without ever computing the",
    "_Note: this only holds when the data is_",
    "The decoder generates the output one token at a time, conditioning on",
    "LSTMs solve this with a cell state and three gates: input, forget and",
    "It is faster than",
    "The main reason is the",
    (
        "Early stopping halts training when the validation loss has not improved for a "
        "given number of epo"
    ),
    "The optimiser of choice is usually Adam with a learning rate of 3e-4 and a batch size of",
    (
        "A confusion matrix shows the counts of true positives, false positives, true "
        "negatives and false"
    ),
    "Batch norm lets the optimizer conver",
    "It keeps the network from overfitting the trai",
    "Each head attends to a different part of the seque",
    "The model is trained end to end with backpropag",
    "Transformers replaced recurrence with self-atten",
    "Dropout randomly zeroes a fraction of the activ",
    "The GAN's generator learns to fool the discrimin",
    "It is commonly used for image classificat",
    "Then it computes the weighted sum of the valu",
    "L2 regularisation penalises large weig",
    "Softmax converts the logits into a probability distribu",
]

TRUNCATED_ACCEPTED = [
    "CLOZE:{{c1::Dropout}} zeroes random activations.\n\n***\n\nProposed by Srivastava et al.",
    "1. Collect data\n2. Clean it\n3. Split it",
    "Regularisation methods: L1, L2, dropout, early stopping",
    "It is defined as `loss = -sum(y * log(p))`.",
    "The number of trees, the maximum depth and the minimum samples per leaf",
    "It runs in O(n log n)",
    "Scikit-learn, PyTorch, TensorFlow",
    "`torch.nn.functional.relu`",
    "True",
    "Not always",
    "Once per epoch",
    "Whichever comes first",
    "Because the gradients explode otherwise",
    "It does not saturate for positive inputs.",
    "Its derivative is 1 for x > 0 and 0 otherwise",
    "ReLU(x) = max(0, x)",
    "Cheaper to compute; no saturation for x > 0",
    "Because sigmoid saturates and ReLU does not",
    "Simpler and faster to train",
    "Weight decay adds a penalty on large weights to the loss.",
    "It helps when the features are on different scales, such as age and income.",
    "The two main variants are:\n\n- L1\n- L2",
    "Use a lock for that.",
    "ReLU",
    "Precision = TP / (TP + FP)",
    "It depends on what the model is used for.",
    "A value between 0 and 1",
    "Because it avoids vanishing gradients and is cheap to compute.",
    "Yes, as long as the learning rate is small enough.",
    "The model had had enough data by then.",
    "Call `model.eval()` before inference.",
    "It is the ratio of true positives to predicted positives, and so on.",
    "The optimizer used is Adam.",
    "They are log-probabilities, not probabilities as such.",
    "You pass the tensor in.",
    "Freeze the backbone, then fine-tune the head; the learning rate can be lower later on.",
    "It tells the model what to attend to.",
    "GPU memory is the limit, not compute.",
    "The default is 0.001 in Keras and PyTorch alike.",
    "An SLO is a service level objective",
    "The model is evaluated via k-fold cross-validation",
    "It uses a variant of SGD",
    "It is computed per sample, i.e. without averaging",
    "- Reduces overfitting\n- Speeds up convergence\n- Less sensitive to initialisation",
    "| Layer | Output |\n|---|---|\n| Conv 3x3 | 32x32x16 |\n| MaxPool | 16x16x16 |",
    "It is faster than bagging.",
    "Input, forget and output.",
    "When the validation loss stops improving for 5 epochs",
    "Adam, lr = 3e-4, batch size 32",
    "A batch size of 32",
    "Use stratified k-fold.",
    "Stop after 10 epochs without improvement",
    "It depends.",
    "Only in theory",
    "The one that generalises best",
    "Used for classification",
    "Logits, not probabilities",
    "Anything above 0.5 is class 1",
    "Batch norm lets the optimizer converge",
    "Use a 3x3 conv",
    "It uses the Adam optim",
    "It is used in NLP",
    "Add a ReLU",
    "It outputs logits",
    "The k in kNN",
    "Apply it per channel",
    "A stride of 2",
    "It is called a GAN",
    "Use torch.optim",
    "Pass training=True",
    "It returns a numpy array",
    "It works on CPU and GPU",
    "Cross-entropy and MSE",
    "Its time complexity is O(n^2)",
    "Trained with SGD",
    "Both are ensembles",
    "It is a kind of regularisation",
    "It is also called a tradeoff",
    "Visualise the embeddings with t-sne",
    "It is a u-net",
    "Use scikit-learn",
    "It is an encoder-decoder",
    "Use a pre-trained resnet",
    "Use gpt-neo",
    "Try xgboost or lightgbm",
    "Use leaky-relu",
    "It is a seq2seq model",
    "A one-hot vector",
    "Called a bi-lstm",
    "Add a skip-gram",
    "In the hidden state of a bi-gru",
    "It is a sub-word tokenizer",
    "Use a mini-batch",
    "It is non-convex",
    "It is data-driven",
    "It is row-wise",
]

LINK_ONLY_REPORTED = [
    (
        "# What does torch.nn.GELU "
        "compute?\n\nhttps://pytorch.org/docs/stable/generated/torch.nn.GELU.html"
    ),
    (
        "# What does torch.nn.GELU "
        "compute?\n\n<https://pytorch.org/docs/stable/generated/torch.nn.GELU.html>"
    ),
    (
        "# Which optimizers does PyTorch ship?\n\n[torch.optim "
        "reference](https://pytorch.org/docs/stable/optim.html)"
    ),
    (
        "# Which optimizers does PyTorch ship?\n\n[PyTorch "
        "optimizers](https://pytorch.org/docs/stable/optim.html)"
    ),
    (
        "# How does gradient boosting work?\n\nCheck this out: [gradient "
        "boosting](https://example.com/gb)"
    ),
    "# How does gradient boosting work?\n\nRefer: https://example.com/gb",
    "# How does gradient boosting work?\n\nSee the official docs.",
    "# How does gradient boosting work?\n\nExplained here",
    "# How does gradient boosting work?\n\nExplained [here](https://example.com/gb).",
    (
        "# What are good resources on attention?\n\n- https://example.com/a\n- "
        "https://example.com/b\n- https://example.com/c"
    ),
    (
        "# How does beam search work?\n\n- [Beam search, part 1](https://example.com/a)\n- "
        "[Beam search, part 2](https://example.com/b)"
    ),
    "# How does beam search work?\n\nSee link.\n\n***\n\nhttps://example.com/beam",
    "# How does beam search work?\n\nThe answer is in the linked page.",
    (
        "# What is the Kullback-Leibler divergence?\n\nWikipedia has a good article: "
        "https://en.wikipedia.org/wiki/Kullback%E2%80%93Leibler_divergence"
    ),
    (
        "# What is the Kullback-Leibler divergence?\n\n**Answer:** [KL "
        "divergence](https://en.wikipedia.org/wiki/KL)"
    ),
    "# What is the Kullback-Leibler divergence?\n\nAnswer: see [this](https://example.com/kl)",
    (
        "# How do I tune XGBoost?\n\nThe XGBoost parameter tuning guide covers it: "
        "https://xgboost.readthedocs.io/en/latest/tutorials/param_tuning.html"
    ),
    (
        "# How do I tune XGBoost?\n\nFollow the steps in "
        "https://xgboost.readthedocs.io/en/latest/tutorials/param_tuning.html"
    ),
    (
        "# What is label smoothing?\n\nRead the paper ([Szegedy et al. "
        "2016](https://arxiv.org/abs/1512.00567))."
    ),
    (
        "# What is label "
        "smoothing?\n\n[https://arxiv.org/abs/1512.00567](https://arxiv.org/abs/1512.00567)"
    ),
    '# What is label smoothing?\n\n<a href="https://arxiv.org/abs/1512.00567">paper</a>',
    "# What is label smoothing?\n\nFor an explanation, see the Distill article on it.",
    "# What is label smoothing?\n\nDetails: https://arxiv.org/abs/1512.00567",
    "# What is label smoothing?\n\nLink to the answer: https://arxiv.org/abs/1512.00567",
    (
        "# What is the difference between bagging and boosting?\n\n[Bagging vs "
        "boosting](https://example.com/bb)"
    ),
    (
        "# What is the difference between bagging and boosting?\n\nThis is well explained "
        "in [this Kaggle notebook](https://kaggle.com/x)."
    ),
    (
        "# Explain the transformer architecture.\n\nThe Illustrated Transformer: "
        "https://jalammar.github.io/illustrated-transformer/"
    ),
    "# Explain the transformer architecture.\n\nSee: The Illustrated Transformer by Jay Alammar.",
    "# What is SMOTE?\n\nRefer to the imbalanced-learn documentation.",
    (
        "# What is SMOTE?\n\n[SMOTE — imbalanced-learn 0.12 "
        "documentation](https://imbalanced-learn.org/stable/references/generated/imblearn.over_sampling.SMOTE.html)"
    ),
    "# What is SMOTE?\n\n**See:** https://imbalanced-learn.org/",
    "# What is SMOTE?\n\n> https://imbalanced-learn.org/",
    (
        "# What is SMOTE?\n\nhttps://imbalanced-learn.org/\n\n***\n\nSMOTE paper: "
        "https://arxiv.org/abs/1106.1813"
    ),
    "# What is SMOTE?\n\nAnswer here: https://imbalanced-learn.org/",
    "# What is SMOTE?\n\nGood explanation on StackOverflow.",
    "# What is SMOTE?\n\nThis video explains it well: https://youtu.be/abc",
    "# What is SMOTE?\n\nhttps://imbalanced-learn.org/ (see the user guide)",
    "# What is SMOTE?\n\nSource: https://imbalanced-learn.org/",
    "# How do residual connections help?\n\nsee https://arxiv.org/abs/1512.03385",
    (
        "# How do residual connections help?\n\n[Deep Residual Learning for Image "
        "Recognition](https://arxiv.org/abs/1512.03385)"
    ),
    "# How do residual connections help?\n\nCheck out the ResNet paper.",
    "# How do residual connections help?\n\nRefer to the original paper by He et al.",
    "# How do residual connections help?\n\nThe answer can be found in the ResNet paper.",
    (
        "# How do residual connections help?\n\n1. https://arxiv.org/abs/1512.03385\n2. "
        "https://d2l.ai/chapter_convolutional-modern/resnet.html"
    ),
    (
        "# How do residual connections help?\n\nMore at "
        "d2l.ai/chapter_convolutional-modern/resnet.html"
    ),
    "# How do skip connections help?\n\n***\n\n[Read more](https://example.com/skip)",
    "# How do skip connections help?\n\n> See https://example.com/skip",
    "# How do skip connections help?\n\n*[https://example.com/skip](https://example.com/skip)*",
    (
        "# How do skip connections help?\n\n<a "
        'href="https://example.com/skip">https://example.com/skip</a>'
    ),
    "# How do skip connections help?\n\nhttps://example.com/skip\nhttps://example.com/other",
    (
        "# How do skip connections help?\n\nRefer:\n\n- [Skip connections "
        "explained](https://example.com/skip)"
    ),
    (
        "# How do skip connections help?\n\nThis is answered in detail in the ResNet paper "
        "(https://arxiv.org/abs/1512.03385)."
    ),
    "# How do skip connections help?\n\nI found this helpful: https://example.com/skip",
    "# How do skip connections help?\n\nhttps://example.com/skip - great explanation",
    "# How do skip connections help?\n\nCheck the answer here → https://example.com/skip",
    (
        "# Which layers are available in Keras?\n\n[The Keras layer "
        "reference](https://keras.io/api/layers/)"
    ),
    "# Which layers are available in Keras?\n\n[Layers](https://keras.io/api/layers/)",
    "# Which layers are available in Keras?\n\n[keras.io/api/layers](https://keras.io/api/layers/)",
    (
        "# Which layers are available in Keras?\n\n[Keras documentation: Layers "
        "API](https://keras.io/api/layers/)"
    ),
    (
        "# Which layers are available in Keras?\n\nAll of them are listed in [the Keras "
        "docs](https://keras.io/api/layers/)."
    ),
    (
        "# How do you freeze layers in Keras?\n\n[Transfer learning & "
        "fine-tuning](https://keras.io/guides/transfer_learning/)"
    ),
    "# What does the Adam optimizer do?\n\n[Adam optimizer](https://keras.io/api/optimizers/adam/)",
    (
        "# What does the Adam optimizer do?\n\n[tf.keras.optimizers.Adam | TensorFlow "
        "v2.16.1](https://www.tensorflow.org/api_docs/python/tf/keras/optimizers/Adam)"
    ),
    (
        "# What is the curse of dimensionality?\n\nWell explained in this [blog "
        "post](https://example.com/curse)."
    ),
    (
        "# What is the curse of dimensionality?\n\nThere's a great write-up at "
        "https://example.com/curse"
    ),
    (
        "# What is the curse of dimensionality?\n\nRefer to Chapter 2 of Elements of "
        "Statistical Learning."
    ),
    "# What is the curse of dimensionality?\n\nAnswer: <https://example.com/curse>",
    (
        "# What is the curse of dimensionality?\n\n[Curse of dimensionality - "
        "Wikipedia](https://en.wikipedia.org/wiki/Curse_of_dimensionality)"
    ),
    "# What is the curse of dimensionality?\n\n**Link:** [curse](https://example.com/curse)",
    (
        "# What is the curse of dimensionality?\n\nCheck out the link "
        "below.\n\nhttps://example.com/curse"
    ),
    "# What is the curse of dimensionality?\n\n[Read the explanation](https://example.com/curse)",
]

LINK_ONLY_ACCEPTED = [
    (
        "# Which optimizer adapts a learning rate per parameter using running "
        "moments?\n\n[Adam](https://arxiv.org/abs/1412.6980)"
    ),
    "# Which library provides DataFrames in Python?\n\n[pandas](https://pandas.pydata.org)",
    (
        "# Which Keras API builds models with shared layers?\n\nThe [Functional "
        "API](https://keras.io/guides/functional_api/)."
    ),
    (
        "# What does torch.nn.GELU compute?\n\nThe Gaussian error linear unit, x times the "
        "normal CDF of x "
        "([docs](https://pytorch.org/docs/stable/generated/torch.nn.GELU.html))."
    ),
    (
        "# How does gradient boosting work?\n\nEach new tree fits the residuals of the "
        "current ensemble. See [this post](https://example.com/gb) for a worked example."
    ),
    (
        "# Who introduced dropout?\n\n[Srivastava et al., "
        "2014](https://jmlr.org/papers/v15/srivastava14a.html)"
    ),
    "# Which site hosts most ML competitions?\n\n[Kaggle](https://kaggle.com)",
    "# What is the URL scheme of a secure web request?\n\n`https://`",
    "# How do you cite the Transformer paper?\n\nVaswani et al., Attention Is All You Need, 2017.",
    "# What does ROC stand for?\n\nReceiver operating characteristic.",
    "# What should an answer card contain?\n\nThe answer itself; keep links in the source field.",
    "# Which format does a Markdown link use?\n\n`[label](url)`",
    (
        "# What does the robots.txt file contain?\n\nRules telling crawlers which paths "
        "they may fetch."
    ),
    (
        "# What does git clone take?\n\nThe URL of a repository, for example "
        "https://github.com/pytorch/pytorch.git, and an optional target folder."
    ),
    (
        "# How do residual connections help?\n\nThey give the gradient a short path to "
        "early layers, so deep networks still train ([He et "
        "al.](https://arxiv.org/abs/1512.03385))."
    ),
    (
        "# Which paper introduced residual connections?\n\n[Deep Residual Learning for "
        "Image Recognition](https://arxiv.org/abs/1512.03385) (He et al., 2015)"
    ),
    (
        "# Which paper introduced residual connections?\n\nDeep Residual Learning for "
        "Image Recognition, He et al. 2015."
    ),
    (
        "# What does SMOTE do?\n\nIt creates synthetic minority samples between a sample "
        "and its nearest neighbours."
    ),
    "# Where does pip download packages from by default?\n\nhttps://pypi.org",
    "# Which site is the default package index for pip?\n\n[PyPI](https://pypi.org)",
    "# What is the arXiv identifier format?\n\nYYMM.NNNNN, e.g. `1512.03385`.",
    "# Who wrote the Illustrated Transformer?\n\nJay Alammar.",
    "# How do you read a CSV in pandas?\n\nWith `pd.read_csv(path)`; see the docs for the options.",
    (
        "# How do skip connections help?\n\nThey add the input to the output, so gradients "
        "reach early layers.\n\n***\n\n[Read more](https://example.com/skip)"
    ),
    "# What is the homepage of PyTorch?\n\nhttps://pytorch.org",
    (
        "# Which layers are available in Keras?\n\nDense, Conv2D, LSTM, Embedding, Dropout "
        "and many more ([list](https://keras.io/api/layers/))."
    ),
    (
        "# Which Keras layer randomly zeroes inputs during "
        "training?\n\n[Dropout](https://keras.io/api/layers/regularization_layers/dropout/)"
    ),
    (
        "# Which optimizer combines momentum and "
        "RMSProp?\n\n[Adam](https://keras.io/api/optimizers/adam/)"
    ),
    (
        "# What is the curse of dimensionality?\n\nAs dimensions grow, data becomes sparse "
        "and distances concentrate, so nearest neighbours stop being near "
        "([more](https://example.com/curse))."
    ),
    (
        "# Which book is ESL?\n\n[The Elements of Statistical "
        "Learning](https://hastie.su.domains/ElemStatLearn/)"
    ),
    (
        "# Who coined the phrase curse of dimensionality?\n\n[Richard "
        "Bellman](https://en.wikipedia.org/wiki/Richard_E._Bellman)"
    ),
]

CROSS_CARD_REPORTED = [
    "# Same question as above, but for regression?\n\nUse the mean squared error.",
    "- See the previous answer for the definition\n- The rest follows",
    "As mentioned in the intro, transformers use attention.",
    "Please see question above.",
    "The answer to this is in Q.7 of part 1.",
    "As in the last example, we standardise first.",
    "As above, but with the bias term.",
    "Same as the previous question, only for regression.",
    "See Q12.",
    "See answer 5 for the details.",
    "Refer to part 2.",
    "As discussed in the last section, it reduces variance.",
    "As mentioned earlier, dropout is a regulariser.",
    "Same as before.",
    "This is the same as the answer to question 7.",
    "Use the formula from the previous card.",
    "As we saw in the previous chapter, the gradient vanishes.",
    "Like in #14, the loss is cross-entropy.",
    "See the answer to the question on bagging above.",
    "(cf. question 3)",
    "It is the opposite of the technique described in the preceding answer.",
    "As explained above, ReLU avoids saturation.",
    "The same trick as in Q3 applies here.",
    "Look at the last question.",
    "Covered in question 21.",
    "- Same as in the previous answer\n- plus a bias",
    "CLOZE:{{c1::Dropout}} regularises.\n\n***\n\nSee the card on batch norm above.",
    "Refer to my answer to 4b.",
    "See the earlier explanation.",
    "As stated in the first question, the data is normalised.",
    "The same steps as question 10, but with a validation set.",
    "Same idea as the bagging card, but sequential.",
    "(See Q.4)",
    "As answered in question #8, use a validation set.",
    "It works like the previous one, with a larger kernel.",
    "See my notes on PCA.",
    "The answer is the same as for the last question.",
    "Repeat the derivation from the previous problem with two variables.",
    "This was covered in the regularisation section earlier.",
    "**Answer:** see above",
    (
        "CLOZE:{{c1::Adam}} combines momentum and RMSProp.\n\n***\n\nAs discussed in the "
        "previous lecture."
    ),
    "| Term | Meaning |\n|---|---|\n| Recall | see question 3 |",
    "Refer back to the answer on cross-entropy.",
    "Same as Question 2 but for multi-class.",
    "Check the answer to Q 15 for the formula.",
    "As noted before, the bias term is not regularised.",
    "As before, we standardise the inputs first.",
    "Compute it as above.",
    "Same as in question 4, but with L1.",
    "As explained in the answer to question 2, bagging reduces variance.",
    "See the last card.",
    "This builds on the previous card.",
    "As noted earlier, the bias is not regularised.",
    "Refer to section 3.2 above.",
]

CROSS_CARD_ACCEPTED = [
    "Same as NumPy: broadcasting from the trailing axis.",
    "The previous state is multiplied by the forget gate.",
    "The introduction of attention removed recurrence.",
    "Q, K and V are projections of the input.",
    "Above a threshold of 0.5 the sample is classed positive.",
    "The previous hidden state and the current input.",
    "It is the same as before training: the weights are unchanged.",
    "Question answering models extract a span from the passage.",
    "The note on regularisation says nothing of dropout.",
    "The model compares the current output to the previous one.",
    "Part 2 of the model is the decoder.",
    "Q-learning updates Q(s, a) from the reward and the best next value.",
    "The same as `np.dot` for 2-D arrays.",
    "As shown by Srivastava et al., dropout reduces co-adaptation.",
    "The earlier layers learn edges; the later ones learn shapes.",
    "Both are computed as described: first the mean, then the variance.",
    "Section 3.2 of the paper defines the loss.",
    "It answers the question of which features matter.",
    "The previous layer's output is the next layer's input.",
    "Each question in the dataset has four answer options.",
    "Question 2 of the survey asks for the user's age.",
    "The answer is 42.",
    "Repeat until the loss stops improving.",
    "It is stateless: no request depends on an earlier one.",
    "Before normalisation, the values range from 0 to 255.",
    "The model sees the previous tokens only.",
    "Use the same seed as before each run.",
    "With padding='same', the output has the same size as before.",
    "The loss is computed as before the update.",
    "It behaves as it did earlier in training.",
    "The values above the threshold are clipped.",
    "Section 3.2 of the Adam paper derives the bias correction.",
    "The card game ends when the deck is empty.",
    "Earlier layers learn edges.",
    "It depends on the previous hidden state.",
]

SHAPES = {
    "AG130": (PLACEHOLDER_REPORTED, PLACEHOLDER_ACCEPTED),
    "AG131": (BOILERPLATE_REPORTED, BOILERPLATE_ACCEPTED),
    "AG132": (FIGURE_REPORTED, FIGURE_ACCEPTED),
    "AG134": (DOUBLED_REPORTED, DOUBLED_ACCEPTED),
    "AG135": (TRUNCATED_REPORTED, TRUNCATED_ACCEPTED),
    "AG136": (LINK_ONLY_REPORTED, LINK_ONLY_ACCEPTED),
    "AG137": (CROSS_CARD_REPORTED, CROSS_CARD_ACCEPTED),
}


def _note(index: int, body: str) -> FixtureNote:
    if body.startswith("CLOZE:"):
        return FixtureNote(f"n{index:03d}", body.removeprefix("CLOZE:") + "\n", "cloze")
    text = body if body.startswith("# ") else QUESTION + body
    return FixtureNote(f"n{index:03d}", text + "\n")


def _reported(tmp_path: Path, code: str, bodies: list[str]) -> list[str]:
    """The bodies (each a note of one deck) on which ``code`` reports something."""
    write_notes(tmp_path, [_note(index, body) for index, body in enumerate(bodies)])
    found = {diagnostic.path.stem for diagnostic in lint_rule(tmp_path, code)}
    return [body for index, body in enumerate(bodies) if f"n{index:03d}" in found]


@pytest.mark.parametrize("code", sorted(SHAPES))
def test_every_shape_is_reported(tmp_path: Path, code: str) -> None:
    reported, _ = SHAPES[code]
    found = _reported(tmp_path, code, reported)
    assert [body for body in reported if body not in found] == []


@pytest.mark.parametrize("code", sorted(SHAPES))
def test_near_misses_are_accepted(tmp_path: Path, code: str) -> None:
    _, accepted = SHAPES[code]
    assert _reported(tmp_path, code, accepted) == []
