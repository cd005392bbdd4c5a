"""Benchmarks: commands that print figures. Ratios measured in one run go to the README;
tests never assert timings (the machines are noisy)."""

from __future__ import annotations

import gc
import re
import resource
import time

_WORD = re.compile(r"\w+")


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extraction_throughput(texts: list[str], model: str | None = None, rounds: int = 2) -> dict:
    """Words per second of claim extraction (parse + rules) against bare ``nlp.pipe`` of
    the same model on the same texts, alternating the order over ``rounds``, best of each."""
    import spacy

    from extractors.claims import extract_claims
    from extractors.nlp import load_pipeline, resolve_model_name
    from linker.features import analyse

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
