"""claimlink: attributed-claim extraction and contradiction linking for news.

One import name, one subpackage per stage (their folders sit at the top of the
repository and are mapped here by package-dir, see pyproject.toml):

- :mod:`claimlink.extractors` -- fetching, article extraction and claim extraction (pure library)
- :mod:`claimlink.linker`     -- candidate blocking and contradiction scoring (pure library)
- :mod:`claimlink.models`     -- SQLAlchemy ORM, engines and migrations, store functions, reports
- :mod:`claimlink.flows`      -- Prefect flows, the ``claimlink`` command line, the flow's benchmark
- :mod:`claimlink.review`     -- the fact-checkers' web app
- :mod:`claimlink.evaluation` -- scores and benchmarks of the library (imports nothing from flows)

This package holds what they share: the version, the settings (:mod:`claimlink.settings`)
and the root of every domain error (:mod:`claimlink.errors`).
"""

__version__ = "0.1.0"
