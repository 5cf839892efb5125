"""Cache: the stores the pipeline is given (per-note outcomes, packages, derived word data)."""
