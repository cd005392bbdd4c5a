"""The one root of claimlink's domain errors, each class with a stable code.

Library code raises a subclass of :class:`ClaimlinkError`; callers (Prefect tasks, the
command line, the review desk) decide whether to retry, record or report. The command line
catches this one class and prints one line with the code; the fetch log stores the code.
Each message says what went wrong and, where it helps, what to do.

Codes are stable across releases, one per class, grouped by family:

======  ===========================================================================
E0xx    the root (E000) and the command line (E001)
E1xx    fetching a URL (:mod:`claimlink.extractors.errors`)
E2xx    feeds, sitemaps and the sources file
E3xx    turning a page into an article
E4xx    the spaCy model
E5xx    settings (:mod:`claimlink.settings`)
E6xx    the store: E600 unusable store, E610 reports, E620 review desk accounts, E621 no
        free password-hash slot at login, E630 speakers the desk names or merges
E7xx    gold data for evaluation
E8xx    orchestration: the local Prefect server
======  ===========================================================================
"""

from __future__ import annotations


class ClaimlinkError(Exception):
    """Root of every domain error. ``code`` is stable across releases."""

    code = "E000"

    def __init__(self, message: str = "", *, url: str | None = None):
        super().__init__(message)
        self.url = url

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base} ({self.url})" if self.url and self.url not in base else base
