"""Prefect's environment: the one module that reads or sets ``PREFECT_*`` variables.

Prefect reads them once, at its import, so everything here runs before prefect is imported.

- The first flow run starts a temporary local server; on a brand-new PREFECT_HOME that can
  take longer than Prefect's 20 s default, so the timeout is raised.
- No analytics (no network here). Prefect's own logs stay silent unless -v: the CLI
  reports failures itself, in one line.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_SERVER_LEVEL": "ERROR",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "PREFECT_TASKS_REFRESH_CACHE": "false",
}


def configure(verbose: bool = False) -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
        os.environ["PREFECT_LOGGING_SERVER_LEVEL"] = "WARNING"


def api_url() -> str | None:
    """The Prefect server the user chose (``PREFECT_API_URL``), if any."""
    return os.environ.get("PREFECT_API_URL") or None


def use_api_url(url: str) -> None:
    """Point Prefect, when it is imported later in this process, at the server at ``url``."""
    os.environ["PREFECT_API_URL"] = url
