"""Linking a batch of new claims against what came before."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator

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


def link_new(new: list[ClaimRecord], index: BlockingIndex, stats: TermStats = UNIFORM) -> list[Link]:
    """Score each new claim against its candidates in ``index`` and add it to the index.

    New claims are processed in order, so claims of one batch meet each other too.
    ``stats`` weighs shared terms by specificity (the store's term counts). Returns
    flagged links only.
    """
    links: list[Link] = []
    for rec in new:
        for other in index.candidates(rec):
            verdict = score_pair(other, rec, stats)
            if verdict.flagged:
                links.append(Link(other, rec, verdict))
        index.add(rec)
    return best_per_sentence(links)


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
