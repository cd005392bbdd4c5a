"""Scoring the library against gold data that lives outside the repository, and benchmarks
of the library. Nothing here imports claimlink.flows: the CLI (flows/cli) calls in."""

from claimlink.errors import ClaimlinkError


class EvalDataError(ClaimlinkError, ValueError):
    """A gold-data file or folder is missing or not in the expected format."""

    code = "E700"
