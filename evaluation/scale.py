"""Synthetic scale benchmark of the linker: n claims over realistic distributions, with
planted contradictions whose recall is measured.

Distributions: entities, speakers and predicates are drawn Zipf-like (a few are in most
claims, most are rare; the most frequent names are countries), as in news. Claims arrive
at a steady rate of a million a year, so n sets how much history the store holds, not how
dense the news is. One claim in ten negates its predicate and 3% hold a control frame;
2% deny the speaker of a recent story and 0.5% call one false (judgements are about a
specific story, as in news, not about whatever shares a frequent name). One claim in a
hundred is followed, within ten days, by a planted
contradiction of one of the kinds the scorer knows (polarity, refutation of the speaker,
exclusive control, falsity).

Reported per n: wall time of generating and linking the stream, peak memory of the
process, blocking recall (the planted partner is among the candidates) and end-to-end
recall (the pair is flagged). Claims stream through the index as a nightly run would see
them; the index keeps the time window, not the history.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

from claimlink.evaluation.memory import peak_rss_mb
from claimlink.linker import BlockingIndex, ClaimRecord, Features, link_new, paused_gc
from claimlink.linker.gazetteer import _COUNTRIES

START = datetime(2025, 1, 1, tzinfo=timezone.utc)
PLANT_EVERY = 100
#: A desk's store grows at a steady rate; 10^6 claims is a year of it, 10^5 five weeks.
CLAIMS_PER_DAY = 1_000_000 / 365


class _Zipf:
    """Draw ranks 0..size-1 with probability ~ 1/(rank+1)^s, by inverse CDF."""

    def __init__(self, rng: random.Random, size: int, s: float = 1.1):
        weights = [1 / (r + 1) ** s for r in range(size)]
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]
        self.rng = rng
        self._bisect = bisect.bisect_left

    def __call__(self) -> int:
        return self._bisect(self.cum, self.rng.random() * self.total)


def stream(n: int, seed: int = 7, planted: dict | None = None):
    """Yield n synthetic claims in date order; each planted contradiction is recorded in
    ``planted`` as {contradiction id: base id} before it is yielded."""
    rng = random.Random(seed)
    planted = planted if planted is not None else {}
    # the most frequent names in news are countries and blocs, as in the gazetteer
    ents = list(_COUNTRIES) + [sys.intern(f"ent{i}") for i in range(max(2000, n // 10))]
    speakers = [sys.intern(f"Speaker {i}") for i in range(max(1000, n // 10))]
    preds = [sys.intern(f"pred{i}") for i in range(20000)]
    places = [sys.intern(f"place{i}") for i in range(500)]
    parties = [sys.intern(f"party{i}") for i in range(12)]
    words = [sys.intern(f"word{i}") for i in range(50000)]
    z_ent, z_spk, z_pred = _Zipf(rng, len(ents)), _Zipf(rng, len(speakers)), _Zipf(rng, len(preds))
    pending: list[tuple[float, ClaimRecord, str, tuple]] = []  # (due day, base, kind, parameters)
    recent: list[ClaimRecord] = []  # stories that judgements pick from
    step = 1.0 / CLAIMS_PER_DAY
    empty: list = []

    def features(e, lemmas, asserted=empty, negated=empty, frames=empty, falsity=empty) -> dict:
        # a statement of fact by a named person; its subject is its first name, its
        # predicate the (negated) predicate, its object the next content word
        pred = list(asserted or negated)
        return {"ents": e, "ctx": e, "lemmas": lemmas, "asserted": asserted, "negated": negated,
                "frames": frames, "nums": empty, "negation": empty, "falsity": falsity, "doubt": empty,
                "question": False, "rebuts": None, "claim_type": "fact", "speaker_label": "PERSON",
                "prop": [e[:1], pred, lemmas[len(e) + 1:len(e) + 2], ""], "v": 2}

    for cid in range(1, n + 1):
        day = (cid - 1) * step
        when = START + timedelta(days=day)
        if pending and pending[0][0] <= day:
            _, base, kind, params = pending.pop(0)
            spk = speakers[z_spk()]
            while spk == base.speaker_key:
                spk = speakers[z_spk()]
            bf = base.features.to_json()
            stance, target, f = "asserts", None, dict(bf, frames=empty, falsity=empty)
            if kind == "polarity":
                pred = (bf["asserted"] or bf["negated"])[0]
                f["negated" if bf["asserted"] else "asserted"] = [pred]
                f["asserted" if bf["asserted"] else "negated"] = empty
            elif kind == "refutes":
                # "X denied that P": the denied clause is the base claim
                stance, target = "denies", base.speaker_name
                f.update(target_terms=bf["lemmas"], denies_statement=True)
            elif kind == "exclusive":
                place, _, p2 = params
                f["frames"] = [["control", place, p2, "control of a place"]]
            else:
                f.update(falsity=["hoax"], judged_terms=bf["lemmas"])
            planted[cid] = base.id
            yield ClaimRecord(id=cid, speaker_name=spk, speaker_key=spk, stance=stance, content="x", features=f,
                              target_speaker=target, published=when, article_id=cid // 20 + 10**7,
                              sentence_start=cid)
            continue
        e = list({ents[z_ent()] for _ in range(rng.randint(1, 3))})
        negated = rng.random() < 0.10
        # negation in news spreads over the whole vocabulary; plain predicates follow Zipf
        p = rng.choice(preds) if negated else preds[z_pred()]
        # a news sentence carries 8-15 content words; a claim that a polarity flip is
        # planted against is one clause (the scorer compares no longer ones word by word)
        lemmas = e + [p] + [words[rng.randrange(len(words))] for _ in range(rng.randint(6, 11))]
        stance, target, falsity = "asserts", None, empty
        judge = rng.random()
        if recent and judge < 0.025:
            # Judgements are about a specific recent story: a denial of its speaker (2%)
            # or a call of falsity (0.5%) on its topic. These are contradictions too, but
            # not planted ones, so they count as flags, not recall.
            story = recent[rng.randrange(len(recent))]
            e, lemmas = list(story.features.ents), list(story.features.lemmas)
            if judge < 0.02:
                stance, target = "denies", story.speaker_name
            else:
                falsity = ["hoax"]
        f = features(e, lemmas, empty if negated else [p], [p] if negated else empty, falsity=falsity)
        if stance == "denies":
            f.update(target_terms=lemmas, denies_statement=True)
        elif falsity:
            f["judged_terms"] = lemmas
        if rng.random() < 0.03:
            f["frames"] = [["control", rng.choice(places), rng.choice(parties), "control of a place"]]
        spk = speakers[z_spk()]
        rec = ClaimRecord(id=cid, speaker_name=spk, speaker_key=spk, stance=stance, content=p, features=f,
                          target_speaker=target, published=when, article_id=cid // 20, sentence_start=cid)
        recent.append(rec)
        if len(recent) > 1000:
            del recent[:500]
        if cid % PLANT_EVERY == 0 and stance == "asserts":
            kind = rng.choice(("polarity", "refutes", "exclusive", "falsity"))
            params: tuple = ()
            if kind == "exclusive":
                place = rng.choice(places)
                p1, p2 = rng.sample(parties, 2)
                f["frames"] = [["control", place, p1, "control of a place"]]
                params = (place, p1, p2)
            elif kind == "falsity":
                f["falsity"] = empty
            elif kind == "polarity":
                del lemmas[10:]  # one clause: at most 10 content words
            rec.features = Features.from_json(f)  # the record reads its JSON once
            pending.append((day + rng.uniform(0.5, 10), rec, kind, params))
            pending.sort(key=lambda x: x[0])
        yield rec


def generate(n: int, seed: int = 7) -> tuple[list[ClaimRecord], set[tuple[int, int]]]:
    planted: dict = {}
    records = list(stream(n, seed, planted))
    return records, {(a, b) for b, a in planted.items()}


def run_one(n: int, k: int = 50, seed: int = 7) -> dict:
    """Link a stream of n synthetic claims; count flags and planted pairs found."""
    planted: dict[int, int] = {}  # contradiction id -> base id, filled by the stream
    index = BlockingIndex(k=k, window_days=30)
    blocked = hit = flags = 0
    t = time.perf_counter()
    with paused_gc():
        for rec in stream(n, seed, planted):
            base = planted.get(rec.id)
            if base is not None:
                blocked += any(c.id == base for c in index.candidates(rec))
            for link in link_new([rec], index):
                flags += 1
                if base is not None and link.a.id == base:
                    hit += 1
    seconds = time.perf_counter() - t
    total = len(planted)
    return {"n": n, "k": k, "seconds": round(seconds, 2), "claims_per_s": round(n / seconds),
            "peak_memory_mb": round(peak_rss_mb()), "planted": total,
            "blocking_recall": round(blocked / total, 4) if total else 0.0,
            "recall": round(hit / total, 4) if total else 0.0, "flags": flags}


def run_sizes(sizes: list[int], k: int = 50, seed: int = 7) -> list[dict]:
    """Each size in a fresh interpreter, so that peak memory is per size. String hashing
    is pinned (PYTHONHASHSEED) so that set order, and with it the figures, reproduce."""
    out = []
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    for n in sizes:
        proc = subprocess.run([sys.executable, "-c",
                               f"import json; from claimlink.evaluation.scale import run_one; "
                               f"print(json.dumps(run_one({n}, k={k}, seed={seed})))"],
                              capture_output=True, text=True, check=True, env=env)
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out
