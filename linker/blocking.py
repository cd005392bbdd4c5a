"""Candidate blocking: which earlier claims a new claim is compared with.

Claims are keyed on what they are about; a new claim meets only earlier claims that
share a key: at most ``k`` per key (the most recent) and ``max_candidates`` in all (the
most specific keys first), inside a time window. The cost of linking n claims is
O(n * max_candidates), never O(n^2).

Keys:
- ``f:<frame>:<slot>``  a slot with exclusive values ("f:control:kupiansk")
- ``p:<pred>:<entity>`` a predicate about an entity, for polarity ("p:steal:batmobile")
- ``e:<entity>``        a normalised entity in the content (looked up by judgements only)
- ``j:<entity>``        the same, for judgements (denials, falsity, refutations) only
- ``s:<surname>``       the speaker (last word of the canonical key, so "Gerasimov" meets
                        "Valery Gerasimov"); a denial or rebuttal looks up its *target*
- ``t:<surname>``       a denial's target, looked up by later claims of that speaker
- ``v:<verb>:<subject>`` an event of the content (:mod:`claimlink.linker.events`)
"""

from __future__ import annotations

from collections import deque
from datetime import timedelta

from claimlink.extractors.speakers import canonical_key

from .events import event_keys
from .record import ClaimRecord, event_linkable, linkable
from .signals import SIGNALS

#: Key families some registered signal needs (a signal's ``keys``).
FAMILIES = frozenset(k for s in SIGNALS for k in s.keys)

def _surname(name: str | None) -> str | None:
    key = canonical_key(name)
    return key.rsplit(" ", 1)[-1] if key else None


def is_judgement(rec: ClaimRecord) -> bool:
    """A claim that judges others: a denial, a call of falsity or doubt, a refutation."""
    f = rec.features
    return bool(rec.stance == "denies" or f.falsity or f.doubt or f.reversal or any(n.kind for n in f.negation))


def _predicate_keys(rec: ClaimRecord, lemmas: bool = False) -> list[str]:
    """``p:<predicate>:<entity>``: specific keys for polarity and negation conflicts, so a
    claim about a frequent entity still meets the claims about the same predicate. A
    judgement looks them up for every content word ("Batmobile theft story is fake")."""
    feats = rec.features
    preds = set(feats.asserted) | set(feats.negated) | set(feats.prop.pred)
    preds |= {n.pred for n in feats.negation if n.pred}
    if lemmas:
        preds |= set(feats.lemmas)
    ents = list(dict.fromkeys(feats.prop.subj + feats.ents))[:4]
    return [f"p:{p}:{e}" for p in sorted(preds) for e in ents if p != e]


def _targets(rec: ClaimRecord) -> list[str]:
    out = []
    for target in (rec.target_speaker if rec.stance == "denies" else None, rec.features.rebuts):
        t = _surname(target)
        if t:
            out.append(t)
    return out


def index_keys(rec: ClaimRecord) -> list[str]:
    """Keys under which ``rec`` is stored (none when it cannot be linked)."""
    if not linkable(rec):
        return _families(event_keys(rec)) if event_linkable(rec) else []
    ents = rec.features.ents
    keys = [f"f:{f.kind}:{f.slot}" for f in rec.features.frames]
    keys += _predicate_keys(rec)
    keys += event_keys(rec)
    keys += [f"e:{e}" for e in ents]
    if is_judgement(rec):
        keys += [f"j:{e}" for e in ents]
    s = _surname(rec.speaker_key or rec.speaker_name)
    if s:
        keys.append(f"s:{s}")
    keys += [f"t:{t}" for t in _targets(rec)]
    return _families(keys)


def lookup_keys(rec: ClaimRecord) -> list[str]:
    """Keys ``rec`` looks up: claims on its predicates and frames, judgements about its
    entities, the speakers it denies and denials of itself. Only a judgement scans every
    recent claim about its entities."""
    if not linkable(rec):
        return _families(event_keys(rec)) if event_linkable(rec) else []
    ents = rec.features.ents
    judgement = is_judgement(rec)
    keys = [f"f:{f.kind}:{f.slot}" for f in rec.features.frames]
    keys += _predicate_keys(rec, lemmas=judgement)
    keys += event_keys(rec)
    keys += [f"s:{t}" for t in _targets(rec)]
    s = _surname(rec.speaker_key or rec.speaker_name)
    if s:
        keys.append(f"t:{s}")
    keys += [f"j:{e}" for e in ents]
    if judgement:
        keys += [f"e:{e}" for e in ents]
    return _families(keys)


def _families(keys: list[str]) -> list[str]:
    return [k for k in dict.fromkeys(keys) if k.split(":", 1)[0] in FAMILIES]


#: Families whose claims stay candidates for longer: an event a named person did or did
#: not do ("sent classified emails") is checked against claims months apart, while a
#: state ("controls Kupiansk", "leads the polls") may change within the window.
LONG_FAMILIES = frozenset({"v"})
#: Days a claim under a long family stays a candidate.
LONG_WINDOW_DAYS = 365


def long_key(key: str) -> bool:
    return key.split(":", 1)[0] in LONG_FAMILIES


class BlockingIndex:
    """In-memory blocking index over claim records, the ``k`` most recent per key.

    Buckets hold the records themselves. Claims should arrive in date order (a nightly
    run does); every ``prune_every`` additions, records older than the time window before
    the newest one are dropped, so memory follows the window, not the history.
    """

    def __init__(self, k: int = 50, window_days: int = 30, prune_every: int = 50_000,
                 max_candidates: int = 50, long_window_days: int = LONG_WINDOW_DAYS):
        self.k = k
        self.max_candidates = max_candidates
        self.window = timedelta(days=window_days)
        self.long_window = timedelta(days=max(long_window_days, window_days))
        self.buckets: dict[str, list[ClaimRecord]] = {}
        self.prune_every = prune_every
        self._added = 0
        self._newest = None

    def add(self, rec: ClaimRecord) -> None:
        k = self.k
        for key in index_keys(rec):
            bucket = self.buckets.get(key)
            if bucket is None:
                self.buckets[key] = [rec]
            else:
                bucket.append(rec)
                if len(bucket) > k:
                    del bucket[0]
        if rec.published is not None and (self._newest is None or rec.published > self._newest):
            self._newest = rec.published
        self._added += 1
        if self._added % self.prune_every == 0:
            self.prune()

    def prune(self) -> None:
        """Drop records older than the window before the newest record."""
        if self._newest is None:
            return
        for key in list(self.buckets):
            cutoff = self._newest - (self.long_window if long_key(key) else self.window)
            bucket = self.buckets[key]
            if bucket[-1].published is not None and bucket[-1].published < cutoff:
                del self.buckets[key]
            elif bucket[0].published is not None and bucket[0].published < cutoff:
                self.buckets[key] = [r for r in bucket if r.published is None or r.published >= cutoff]

    def candidates(self, rec: ClaimRecord) -> list[ClaimRecord]:
        seen: set[int] = {rec.id}
        out: list[ClaimRecord] = []
        when = rec.published
        cap = self.max_candidates
        # most specific keys first (lookup_keys orders them), newest first within a key
        for key in lookup_keys(rec):
            window = self.long_window if long_key(key) else self.window
            for other in reversed(self.buckets.get(key, ())):
                if other.id in seen:
                    continue
                if when is not None and other.published is not None and abs(when - other.published) > window:
                    continue  # (a longer key may still bring it)
                seen.add(other.id)
                out.append(other)
                if len(out) >= cap:
                    return out
        return out
