"""Candidate blocking: which earlier claims a new claim is compared with.

Claims are keyed on what they are about; a new claim meets only earlier claims that
share a key, at most ``k`` per key (the most recent), inside a time window. The cost of
linking n claims is O(n * keys * k), never O(n^2).

Keys:
- ``f:<frame>:<slot>``  a slot with exclusive values ("f:control:kupiansk")
- ``e:<entity>``        a normalised entity in the content
- ``s:<surname>``       the speaker (last word of the canonical key, so "Gerasimov" meets
                        "Valery Gerasimov"); a denial or rebuttal looks up its *target*
- ``t:<surname>``       a denial's target, looked up by later claims of that speaker
"""

from __future__ import annotations

from collections import deque
from datetime import timedelta

from extractors.speakers import canonical_key

from .scoring import ClaimRecord

#: Entities so common that keying on them alone blocks nothing useful.
COMMON_ENTITY_CAP = None


def _surname(name: str | None) -> str | None:
    key = canonical_key(name)
    return key.split()[-1] if key else None


def index_keys(rec: ClaimRecord) -> list[str]:
    """Keys under which ``rec`` is stored."""
    keys = [f"f:{f[0]}:{f[1]}" for f in rec.features.get("frames", [])]
    keys += [f"e:{e}" for e in rec.features.get("ents", [])]
    s = _surname(rec.speaker_key or rec.speaker_name)
    if s:
        keys.append(f"s:{s}")
    for target in (rec.target_speaker if rec.stance == "denies" else None, rec.features.get("rebuts")):
        t = _surname(target)
        if t:
            keys.append(f"t:{t}")
    return list(dict.fromkeys(keys))


def lookup_keys(rec: ClaimRecord) -> list[str]:
    """Keys ``rec`` looks up: its subjects, its denial targets, and denials of itself."""
    keys = [f"f:{f[0]}:{f[1]}" for f in rec.features.get("frames", [])]
    keys += [f"e:{e}" for e in rec.features.get("ents", [])]
    for target in (rec.target_speaker if rec.stance == "denies" else None, rec.features.get("rebuts")):
        t = _surname(target)
        if t:
            keys.append(f"s:{t}")
    s = _surname(rec.speaker_key or rec.speaker_name)
    if s:
        keys.append(f"t:{s}")
    return list(dict.fromkeys(keys))


class BlockingIndex:
    """In-memory blocking index over claim records, ``k`` most recent per key."""

    def __init__(self, k: int = 50, window_days: int = 30):
        self.k = k
        self.window = timedelta(days=window_days)
        self.buckets: dict[str, deque] = {}
        self.records: dict[int, ClaimRecord] = {}

    def add(self, rec: ClaimRecord) -> None:
        self.records[rec.id] = rec
        for key in index_keys(rec):
            bucket = self.buckets.get(key)
            if bucket is None:
                bucket = self.buckets[key] = deque(maxlen=self.k)
            bucket.append(rec.id)

    def candidates(self, rec: ClaimRecord) -> list[ClaimRecord]:
        seen: set[int] = set()
        out: list[ClaimRecord] = []
        for key in lookup_keys(rec):
            for cid in self.buckets.get(key, ()):
                if cid in seen or cid == rec.id:
                    continue
                seen.add(cid)
                other = self.records[cid]
                if rec.published and other.published and abs(rec.published - other.published) > self.window:
                    continue
                out.append(other)
        return out
