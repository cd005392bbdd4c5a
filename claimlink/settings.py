"""Settings, read once from the environment into a typed object and passed down.

Every setting has an environment variable ``CLAIMLINK_<NAME>``; the defaults are what
a single desk on one machine needs (SQLite in the working directory, the small English
spaCy model, polite fetching).

:meth:`Settings.from_env` is the only place that reads ``CLAIMLINK_*`` variables: the
command line, the flows, the review desk and Alembic's ``env.py`` all take a
:class:`Settings`. (Prefect's own ``PREFECT_*`` variables belong to Prefect; only
:mod:`claimlink.flows.prefect_env` touches them.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace

from claimlink.errors import ClaimlinkError

class SettingsError(ClaimlinkError, ValueError):
    """A setting from the environment has a value that cannot be used."""

    code = "E500"


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    #: SQLAlchemy URL of the store. ``sqlite:///claimlink.db`` is the embedded default;
    #: ``postgresql+psycopg://user:pw@host/db`` for PostgreSQL.
    database_url: str = "sqlite:///claimlink.db"
    #: spaCy pipeline name or path; empty means the first installed of
    #: :data:`claimlink.extractors.nlp.DEFAULT_MODELS`.
    spacy_model: str = ""
    #: Who we are, sent with every request. Sites want a way to reach the operator.
    user_agent: str = "claimlink/0.1 (+https://github.com/claimlink/claimlink)"
    contact: str = ""
    #: Hosts (names or IPs) that may be fetched even though they are private or loopback.
    allow_hosts: tuple[str, ...] = ()
    #: Politeness: minimum seconds between two requests to one host (Crawl-delay may raise it).
    host_delay: float = 1.0
    #: Caps for one fetch.
    max_bytes: int = 5_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    retries: int = 2
    #: Longest robots.txt Crawl-delay honoured, in seconds; a host asking for more gets one
    #: request per run and the rest of its URLs wait for the next run.
    max_crawl_delay: float = 60.0
    #: Seconds one source may spend fetching in a run (its listing, child sitemaps and
    #: articles); what is left waits for the next run.
    source_budget: float = 900.0
    #: A URL that failed this many times is given up.
    max_attempts: int = 5
    #: Cron schedule and time zone of the nightly run (``claimlink serve``).
    schedule_cron: str = "0 2 * * *"
    schedule_timezone: str = "UTC"
    #: Articles per batch task in the nightly flow.
    batch_size: int = 50
    #: Worker processes that turn fetched HTML into articles beside the parser (0: in the
    #: flow's own process).
    extract_workers: int = 1
    #: Dask worker processes for the nightly flow's batches; 0 means one per core. With one
    #: worker, or when the run has a single batch, batches run in the flow's own process.
    workers: int = 0
    #: Address of an existing Dask scheduler (``tcp://host:8786``) to run the batches on,
    #: instead of a local cluster. A cluster on other machines needs a PostgreSQL store.
    dask_address: str = ""
    #: Path of the sources file.
    sources_file: str = "sources.toml"
    #: Port of the bundled demo site (``claimlink run --demo``); a taken port falls back
    #: to a free one.
    demo_port: int = 8765
    #: Key that signs the review desk's session cookies; empty means a random key per
    #: server start (sessions end when it stops).
    secret_key: str = field(default="", repr=False)
    #: Password for ``claimlink users add`` when ``--password`` is not given (scripts);
    #: without either it is prompted for.
    new_password: str = field(default="", repr=False)
    #: Mark the review desk's session cookie ``Secure`` (only sent over HTTPS): set it when
    #: the desk is served behind TLS.
    secure_cookies: bool = False
    #: Login password checks (argon2, about 64 MiB each) the review desk runs at once.
    login_hash_slots: int = 2

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        """Read ``CLAIMLINK_*`` variables; keyword overrides win over the environment."""
        env = os.environ if environ is None else environ
        values: dict = {}
        for f in fields(cls):
            raw = env.get(f"CLAIMLINK_{f.name.upper()}")
            if raw is None:
                continue
            default = getattr(cls, f.name, None)
            try:
                if isinstance(default, bool):
                    values[f.name] = raw.strip().lower() in {"1", "true", "yes", "on"}
                elif isinstance(default, int):
                    values[f.name] = int(raw)
                elif isinstance(default, float):
                    values[f.name] = float(raw)
                elif isinstance(default, tuple):
                    values[f.name] = _split(raw)
                else:
                    values[f.name] = raw
            except ValueError:
                raise SettingsError(
                    f"CLAIMLINK_{f.name.upper()}={raw!r} is not a valid {type(default).__name__}"
                ) from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    def on_loopback(self, **changes) -> "Settings":
        """These settings for a site that this program serves itself on 127.0.0.1 (the
        demo site, evaluation corpora): loopback allow-listed, no delay between requests
        and no time budget per source, so no page waits or is dropped for politeness
        towards ourselves, or deferred on a slow machine."""
        return replace(self, allow_hosts=tuple(dict.fromkeys(self.allow_hosts + ("127.0.0.1",))), host_delay=0.0,
                       **{"source_budget": float("inf"), **changes})

    @property
    def full_user_agent(self) -> str:
        return f"{self.user_agent} {self.contact}".strip() if self.contact else self.user_agent
