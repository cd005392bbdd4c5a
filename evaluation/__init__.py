"""Evaluation commands: score the library against gold data that lives outside the repo."""

from claimlink.errors import ClaimlinkError


class EvalDataError(ClaimlinkError, ValueError):
    """A gold-data file or folder is missing or not in the expected format."""

    code = "E700"
