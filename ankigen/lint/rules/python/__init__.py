"""Python code blocks: code that does not parse, Python 2 syntax, misspelled names, removed
TensorFlow/Keras APIs (also named in prose, ``mentions.py``), names missing from the generated
Keras/TensorFlow inventory (``inventory.py``) and snippets cut off mid-statement. Code is
parsed, never run.

Every Python block is analysed once (cached, ``analysis.py``); each rule (``rules.py``) reports
its own share of the problems, so one problem gives one diagnostic: a cut-off snippet is
AG124, not also AG120.
"""
