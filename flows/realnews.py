"""``claimlink eval realnews``: the nightly flow over PolNeAR's articles served on loopback.

The pages, the URL list and the corpus come from :mod:`claimlink.evaluation.realnews`;
this module serves them (:mod:`.bench_site`) and runs the flow unchanged over a ``urls``
source, except that loopback is allow-listed and requests are not spaced
(:meth:`Settings.on_loopback`): every page is fetched, none waits or is dropped for
politeness towards our own site. It lives with the flows because it runs the flow:
evaluation imports nothing from flows.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

from claimlink.evaluation import EvalDataError
from claimlink.evaluation.realnews import default_store, load_corpus, site_routes
from claimlink.models import make_engine, store
from claimlink.models.db import upgrade

from .bench_site import Site
from .runner import run_quietly


def run(folder: str | Path, store_url: str | None, settings, *, limit: int | None = None, progress=None) -> dict:
    """Serve the corpus, run the nightly flow over it into ``store_url`` (an empty store,
    migrated here; None: :func:`default_store`) and return the figures. ``settings`` are
    the caller's (model, batch size, workers); the loopback site replaces sources,
    allow-list and host delay."""
    docs = load_corpus(folder, limit)
    store_url = store_url or default_store()
    upgrade(store_url)
    engine = make_engine(store_url)
    try:
        with Session(engine) as session:
            held = store.counts(session)["articles"]
    finally:
        engine.dispose()
    if held:
        raise EvalDataError(f"the store already holds {held} articles; give an empty one (or none for a new file)")
    clock = time.perf_counter()
    with Site(site_routes(docs)) as site, tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources.toml"
        sources.write_text(f'[[source]]\nname = "polnear-realnews"\nkind = "urls"\nurl = "{site.base}/urls.txt"\n',
                           encoding="utf-8")
        with progress or contextlib.nullcontext():
            summary = run_quietly(settings.on_loopback(database_url=store_url, sources_file=str(sources)))
    seconds = time.perf_counter() - clock
    st = summary.stats
    articles, flags = summary.totals.get("articles", 0), summary.totals.get("links", 0)
    return {"pages": len(docs), "fetched": st.get("fetched", 0), "not_articles": st.get("skipped", 0),
            "failed": st.get("errors", 0), "problems": ", ".join(f"{k} x{v}" for k, v in
                                                                  sorted(st.get("error_classes", {}).items())),
            "articles": articles, "claims": summary.totals.get("claims", 0), "flags": flags,
            "flags_per_100_articles": round(100 * flags / articles, 2) if articles else 0.0,
            "seconds": round(seconds, 1), **{f"{k}_seconds": round(v, 1) for k, v in st.get("timings", {}).items()},
            "store": store_url}
