"""claimlink: attributed-claim extraction and contradiction linking for news.

The importable parts live in top-level packages, one per stage:

- :mod:`claimlink.extractors` -- fetching, article extraction and claim extraction (pure library)
- :mod:`claimlink.linker`     -- candidate blocking and contradiction scoring (pure library)
- :mod:`claimlink.models`     -- SQLAlchemy ORM and idempotent store functions
- :mod:`claimlink.flows`      -- Prefect flows and the ``claimlink`` command line
- :mod:`claimlink.review`     -- the fact-checkers' web app

This package holds what they share: the version and the settings.
"""

__version__ = "0.1.0"
