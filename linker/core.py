"""Linking a batch of new claims against what came before."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

from .blocking import BlockingIndex
from .proposition import UNIFORM, TermStats
from .scoring import ClaimRecord, Verdict, score_pair


@dataclass(slots=True)
class Link:
    a: ClaimRecord  # the earlier claim
    b: ClaimRecord  # the newer claim
    verdict: Verdict


def best_per_sentence(links: Iterable[Link]) -> list[Link]:
    """One flag per (earlier speaker in one article, newer sentence).

    "X denied Y's claims and said P" yields two claims of X against each claim Y made in
    that article; the reviewer needs one flag, the one with the most reasons."""
    best: dict[tuple, Link] = {}
    for link in links:
        a_side = (link.a.article_id, link.a.speaker_key or link.a.speaker_name) \
            if link.a.article_id is not None and (link.a.speaker_key or link.a.speaker_name) else (link.a.id,)
        b_side = (link.b.article_id, link.b.sentence_start) if link.b.sentence_start is not None else (link.b.id,)
        key = a_side + b_side
        cur = best.get(key)
        if cur is None or (len(link.verdict.reasons), link.verdict.score) > (len(cur.verdict.reasons), cur.verdict.score):
            best[key] = link
    return list(best.values())


def best_per_cluster_pair(links: Iterable[Link], cluster_of: Mapping[int, int]) -> list[Link]:
    """One flag per pair of claim clusters (copies of one text by one speaker, see
    :mod:`claimlink.models.clusters`): the one with the most reasons, in either order."""
    best: dict[tuple, Link] = {}
    for link in links:
        key = tuple(sorted((cluster_of.get(link.a.id, -link.a.id), cluster_of.get(link.b.id, -link.b.id))))
        cur = best.get(key)
        if cur is None or (len(link.verdict.reasons), link.verdict.score) > (len(cur.verdict.reasons), cur.verdict.score):
            best[key] = link
    return list(best.values())


def link_new(new: list[ClaimRecord], index: BlockingIndex, stats: TermStats = UNIFORM,
             cluster_of: Mapping[int, int] | None = None) -> list[Link]:
    """Score each new claim against its candidates in ``index`` and add it to the index.

    New claims are processed in order, so claims of one batch meet each other too.
    ``stats`` weighs shared terms by specificity (the store's term counts). ``cluster_of``
    maps claim ids to their clusters: two copies of one text are never a pair, and a pair
    of clusters gives one flag. Returns flagged links only.
    """
    links: list[Link] = []
    for rec in new:
        own = cluster_of.get(rec.id) if cluster_of else None
        for other in index.candidates(rec):
            if own is not None and cluster_of.get(other.id) == own:
                continue
            verdict = score_pair(other, rec, stats)
            if verdict.flagged:
                links.append(Link(other, rec, verdict))
        index.add(rec)
    links = best_per_sentence(links)
    return best_per_cluster_pair(links, cluster_of) if cluster_of else links


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during a linking pass.

    Linking allocates many small objects (records, sets, verdicts) that refcounting frees;
    the cyclic collector's full passes grow with the heap and cost time for nothing here.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
