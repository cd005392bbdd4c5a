"""Synthetic scale benchmark of the linker: n claims over realistic distributions, with
planted contradictions whose recall is measured.

Distributions: entities, speakers and predicates are drawn Zipf-like (a few are in most
claims, most are rare), as in news. One claim in ten negates its predicate; 0.5% judge a
story false, 2% deny a speaker and 3% hold a control frame. Claims arrive in
date order over a year. One claim in a hundred is followed, within ten days, by a planted
contradiction of one of the kinds the scorer knows (polarity, refutation of the speaker,
exclusive control, falsity).

Reported per n: wall time of linking, peak memory of the process, blocking recall (the
planted partner is among the candidates) and end-to-end recall (the pair is flagged).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

from linker import BlockingIndex, ClaimRecord, link_new

START = datetime(2025, 1, 1, tzinfo=timezone.utc)
PLANT_EVERY = 100


class _Zipf:
    """Draw ranks 0..size-1 with probability ~ 1/(rank+1)^s, by inverse CDF."""

    def __init__(self, rng: random.Random, size: int, s: float = 1.1):
        import bisect
        import itertools

        weights = [1 / (r + 1) ** s for r in range(size)]
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]
        self.rng = rng
        self._bisect = bisect.bisect_left

    def __call__(self) -> int:
        return self._bisect(self.cum, self.rng.random() * self.total)


def generate(n: int, seed: int = 7) -> tuple[list[ClaimRecord], set[tuple[int, int]]]:
    rng = random.Random(seed)
    ents = [sys.intern(f"ent{i}") for i in range(max(2000, n // 10))]
    speakers = [sys.intern(f"speaker {i}") for i in range(max(1000, n // 10))]
    preds = [sys.intern(f"pred{i}") for i in range(20000)]
    places = [sys.intern(f"place{i}") for i in range(500)]
    parties = [sys.intern(f"party{i}") for i in range(12)]
    z_ent, z_spk, z_pred = _Zipf(rng, len(ents)), _Zipf(rng, len(speakers)), _Zipf(rng, len(preds))
    records: list[ClaimRecord] = []
    planted: set[tuple[int, int]] = set()
    pending: list[tuple[float, ClaimRecord]] = []  # (due day, contradiction to insert)
    day = 0.0
    step = 365.0 / n
    next_id = 1

    def base_claim(cid: int, when: datetime) -> ClaimRecord:
        e = list({ents[z_ent()] for _ in range(rng.randint(1, 3))})
        negated = rng.random() < 0.10
        # negation in news spreads over the whole vocabulary; plain predicates follow Zipf
        p = rng.choice(preds) if negated else preds[z_pred()]
        lemmas = e + [p] + [preds[z_pred()] for _ in range(rng.randint(1, 3))]
        feats = {"ents": e, "ctx": e, "lemmas": lemmas, "asserted": [] if negated else [p],
                 "negated": [p] if negated else [], "frames": [], "nums": [], "negation": [],
                 "falsity": ["hoax"] if rng.random() < 0.005 else [], "doubt": [], "question": False,
                 "rebuts": None}
        if rng.random() < 0.03:
            feats["frames"] = [["control", rng.choice(places), rng.choice(parties), "control of a place"]]
        spk = speakers[z_spk()]
        stance, target = ("denies", speakers[z_spk()]) if rng.random() < 0.02 else ("asserts", None)
        return ClaimRecord(id=cid, speaker_name=spk, speaker_key=spk, stance=stance, content=p, features=feats,
                           target_speaker=target, published=when, article_id=cid // 20,
                           sentence_start=cid)

    def contradiction(base: ClaimRecord, cid: int, when: datetime) -> ClaimRecord:
        kind = rng.choice(("polarity", "refutes", "exclusive", "falsity"))
        e = base.features["ents"]
        spk = speakers[z_spk()]
        while spk == base.speaker_key:
            spk = speakers[z_spk()]
        feats = {"ents": e, "ctx": e, "lemmas": list(base.features["lemmas"]), "asserted": [], "negated": [],
                 "frames": [], "nums": [], "negation": [], "falsity": [], "doubt": [], "question": False,
                 "rebuts": None}
        stance, target = "asserts", None
        if kind == "polarity":
            pred = (base.features["asserted"] or base.features["negated"])[0]
            if base.features["asserted"]:
                feats["negated"] = [pred]
            else:
                feats["asserted"] = [pred]
        elif kind == "refutes":
            stance, target = "denies", base.speaker_name
        elif kind == "exclusive":
            place = rng.choice(places)
            p1, p2 = rng.sample(parties, 2)
            base.features["frames"] = [["control", place, p1, "control of a place"]]
            feats["frames"] = [["control", place, p2, "control of a place"]]
        else:
            feats["falsity"] = ["hoax"]
            base.features["falsity"] = []
        return ClaimRecord(id=cid, speaker_name=spk, speaker_key=spk, stance=stance, content="x", features=feats,
                           target_speaker=target, published=when, article_id=cid // 20 + 10**7,
                           sentence_start=cid)

    while len(records) < n:
        when = START + timedelta(days=day)
        if pending and pending[0][0] <= day:
            _, base = pending.pop(0)
            rec = contradiction(base, next_id, when)
            planted.add((base.id, rec.id))
        else:
            rec = base_claim(next_id, when)
            if next_id % PLANT_EVERY == 0 and rec.stance == "asserts":
                pending.append((day + rng.uniform(0.5, 10), rec))
                pending.sort(key=lambda x: x[0])
        records.append(rec)
        next_id += 1
        day += step
    planted = {(a, b) for a, b in planted if b <= n}
    return records, planted


def run_one(n: int, k: int = 50, seed: int = 7) -> dict:
    from evaluation.bench import peak_rss_mb

    t0 = time.perf_counter()
    records, planted = generate(n, seed)
    gen_s = time.perf_counter() - t0
    index = BlockingIndex(k=k, window_days=30)
    by_new = {}
    for a, b in planted:
        by_new.setdefault(b, set()).add(a)
    blocked = 0
    t = time.perf_counter()
    links = []
    for rec in records:
        if rec.id in by_new:
            cands = {c.id for c in index.candidates(rec)}
            blocked += len(by_new[rec.id] & cands)
        links.extend(link_new([rec], index))
    link_s = time.perf_counter() - t
    found = {(l.a.id, l.b.id) for l in links}
    hit = sum(1 for p in planted if p in found)
    return {"n": n, "k": k, "seconds": round(link_s, 2), "generate_seconds": round(gen_s, 2),
            "claims_per_s": round(n / link_s), "peak_memory_mb": round(peak_rss_mb()),
            "planted": len(planted), "blocking_recall": round(blocked / len(planted), 4) if planted else 0.0,
            "recall": round(hit / len(planted), 4) if planted else 0.0, "flags": len(links)}


def run_sizes(sizes: list[int], k: int = 50, seed: int = 7) -> list[dict]:
    """Each size in a fresh interpreter, so that peak memory is per size."""
    out = []
    for n in sizes:
        proc = subprocess.run([sys.executable, "-c",
                               f"import json; from evaluation.scale import run_one; "
                               f"print(json.dumps(run_one({n}, k={k}, seed={seed})))"],
                              capture_output=True, text=True, check=True)
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out
