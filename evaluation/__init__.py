"""Evaluation commands: score the library against gold data that lives outside the repo."""


class EvalDataError(ValueError):
    """A gold-data file or folder is missing or not in the expected format."""
