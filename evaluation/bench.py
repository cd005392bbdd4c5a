"""Benchmarks: commands that print figures. Ratios measured in one run go to the README;
tests never assert timings (the machines are noisy)."""

from __future__ import annotations

import gc
import random
import re
import time
import warnings
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from claimlink.models import StoreError, make_engine
from claimlink.models import schema as m
from claimlink.models.reports import REPORTS, run_report
from claimlink.models.users import add_user

from .memory import peak_rss_mb

_WORD = re.compile(r"\w+")


def extraction_throughput(texts: list[str], model: str | None = None, rounds: int = 2) -> dict:
    """Words per second of claim extraction (parse + rules) against bare ``nlp.pipe`` of
    the same model on the same texts, alternating the order over ``rounds``, best of each."""
    # Lazy: spaCy takes seconds to import, and the CLI imports this module for every command.
    import spacy

    from claimlink.extractors.claims import extract_claims
    from claimlink.extractors.nlp import load_pipeline, resolve_model_name
    from claimlink.linker.features import analyse

    name = resolve_model_name(model)
    bare = spacy.load(name, exclude=["textcat"])
    ours = load_pipeline(name)
    words = sum(len(_WORD.findall(t)) for t in texts)
    best = {"bare": float("inf"), "claims": float("inf"), "claims+features": float("inf")}
    n_claims = 0

    def run_bare():
        for _ in bare.pipe(texts, batch_size=16):
            pass

    def run_claims():
        nonlocal n_claims
        n_claims = sum(len(extract_claims(d)) for d in ours.pipe(texts, batch_size=16))

    def run_features():
        for d in ours.pipe(texts, batch_size=16):
            analyse(d)

    runs = {"bare": run_bare, "claims": run_claims, "claims+features": run_features}
    for r in range(rounds):
        order = list(runs) if r % 2 == 0 else list(reversed(runs))
        for key in order:
            gc.collect()
            t = time.perf_counter()
            runs[key]()
            best[key] = min(best[key], time.perf_counter() - t)
    out = {"model": name, "texts": len(texts), "words": words, "claims": n_claims}
    for key, secs in best.items():
        out[f"{key}_words_per_s"] = round(words / secs, 1)
    out["ratio_claims_vs_bare"] = round(best["bare"] / best["claims"], 3)
    out["ratio_claims+features_vs_bare"] = round(best["bare"] / best["claims+features"], 3)
    return out


def fill_synthetic_store(url: str, n_claims: int, n_links: int, seed: int = 7) -> float:
    """Fill a migrated, empty store with ``n_claims`` synthetic claims (20 per article, 200
    outlets, Zipf speakers, over a year) and ``n_links`` flags. Returns seconds taken."""
    rng = random.Random(seed)
    engine = make_engine(url)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    n_articles = max(1, n_claims // 20)
    n_speakers = max(10, n_claims // 10)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        if conn.scalar(select(func.count()).select_from(m.Claim)):
            raise StoreError(f"{url} already has claims; give an empty store")
        conn.execute(insert(m.Speaker), [{"id": i + 1, "key": f"speaker {i}", "name": f"Speaker {i}",
                                          "label": "PERSON"} for i in range(n_speakers)])
        conn.execute(insert(m.Article), [
            {"id": i + 1, "canonical_url": f"https://outlet{i % 200}.example/a/{i}", "content_hash": f"h{i}",
             "title": f"Article {i}", "outlet": f"Outlet {i % 200}", "text": "-",
             "published": start + timedelta(seconds=int(i * 365 * 86400 / n_articles))}
            for i in range(n_articles)])
        weights = [1 / (r + 1) for r in range(n_speakers)]
        speakers = rng.choices(range(1, n_speakers + 1), weights=weights, k=n_claims)
        for lo in range(0, n_claims, 50_000):
            conn.execute(insert(m.Claim), [
                {"id": i + 1, "article_id": i // 20 + 1, "speaker_id": speakers[i],
                 "speaker_name": f"Speaker {speakers[i] - 1}", "cue": "said", "cue_lemma": "say", "cue_start": i % 20,
                 "content": f"claim {i}", "content_start": 0, "content_spans": [], "kind": "indirect",
                 "stance": "asserts", "paragraph": 0, "features": {}}
                for i in range(lo, min(n_claims, lo + 50_000))])
        pairs = set()
        while len(pairs) < n_links:
            b = rng.randrange(2, n_claims + 1)
            pairs.add((rng.randrange(1, b), b))
        links = [{"claim_a_id": a, "claim_b_id": b, "relation": "contradicts", "score": rng.random(),
                  "reasons": [{"code": "polarity", "text": "synthetic"}], "linker_version": "bench",
                  "status": rng.choice(["open", "open", "open", "confirmed", "rejected"]),
                  "created_at": start + timedelta(seconds=int(b * 365 * 86400 / n_claims))} for a, b in sorted(pairs)]
        for lo in range(0, len(links), 50_000):
            conn.execute(insert(m.ClaimLink), links[lo:lo + 50_000])
    engine.dispose()
    return time.perf_counter() - t0


def reports_on_synthetic_store(url: str, n_claims: int = 1_000_000, seed: int = 7, rounds: int = 3) -> dict:
    """Fill a store with ``n_claims`` synthetic claims and one flag per 50 claims, then
    time every built-in report: best of ``rounds`` runs, warm."""
    n_links = n_claims // 50
    fill_s = fill_synthetic_store(url, n_claims, n_links, seed)
    engine = make_engine(url)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    timings = {}
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
        for name in REPORTS:
            best, nrows = float("inf"), 0
            for _ in range(rounds):
                t = time.perf_counter()
                _, rows = run_report(conn, name, since="7d", speaker="Speaker 0", now=now)
                best = min(best, time.perf_counter() - t)
                nrows = len(rows)
            timings[name] = (round(best, 3), nrows)
    engine.dispose()
    out = {"claims": n_claims, "flags": n_links, "fill_seconds": round(fill_s, 1)}
    for name, (secs, nrows) in timings.items():
        out[f"{name}_seconds"] = secs
        out[f"{name}_rows"] = nrows
    out["slowest_seconds"] = max(secs for secs, _ in timings.values())
    return out


def review_queue(url: str, n_links: int = 100_000, rounds: int = 5) -> dict:
    """Fill a store with ``n_links`` flags (two claims each on average), then time the
    review queue page as a logged-in reviewer sees it: first page, a filtered page and a
    deep page, best of ``rounds`` each."""
    # Lazy: FastAPI takes about a second to import, and the CLI imports this module.
    from claimlink.review.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # starlette's note about httpx
        from fastapi.testclient import TestClient

    fill_s = fill_synthetic_store(url, 2 * n_links, n_links)
    engine = make_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
    with Session(engine) as s, s.begin():
        add_user(s, "bench", "bench-password")
    engine.dispose()
    client = TestClient(create_app(url, secret_key="bench"))
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"name": "bench", "password": "bench-password", "csrf": csrf})
    out = {"links": n_links, "fill_seconds": round(fill_s, 1)}
    for label, path in (("queue_first_page", "/"), ("queue_status_confirmed", "/?status=confirmed"),
                        ("queue_speaker_filter", "/?speaker=speaker%203"),
                        ("queue_deep_page", "/?after=0.5:1")):
        best = float("inf")
        for _ in range(rounds):
            t = time.perf_counter()
            r = client.get(path)
            best = min(best, time.perf_counter() - t)
            assert r.status_code == 200, r.text[:200]
        out[f"{label}_ms"] = round(best * 1000, 1)
    return out
