"""Claim clusters: repeated text is one claim.

A syndicated copy of a story, a background paragraph repeated in a follow-up and an
outlet's recurring editor's note all put the same claim into many articles. Each stored
claim joins a cluster (``claims.cluster_id``): the claims by one speaker whose contents
are the same text once normalised, or near-duplicates of it. The linker flags a pair of
clusters once (``claim_links.cluster_pair``) and the desk lists every outlet that carried
each side (see :mod:`claimlink.review.app`).

Matching, in order:

1. the normalised text: Unicode NFKC, case folded, quote marks, dashes and all other
   punctuation dropped, a leading "that" dropped, whitespace collapsed; with the
   speaker's surname (last word of the canonical key), this is the exact key;
2. near-duplicates: a claim meets the clusters sharing an *anchor* (its normalised text,
   its first or its last :data:`ANCHOR_TOKENS` words) and joins the first of the same
   speaker (or with a speaker unknown on one side: an extractor can miss the speaker of
   one copy) whose text is
   similar (RapidFuzz ``ratio`` >= :data:`SIMILARITY`: a changed word or two) or which
   contains it or is contained in it (``partial_ratio`` >= :data:`CONTAINMENT`, the
   shorter of at least :data:`MIN_CONTAINED` words: a truncated copy, or trailing words
   added). Either way the negations and numbers must be the same: a denial or another
   figure is another claim, however similar the words.

Contents shorter than :data:`MIN_TOKENS` words are never clustered ("it is not true" said
by one spokesman in two articles is two claims): each gets a cluster of its own.

A cluster carried by :data:`BOILERPLATE_ARTICLES` or more articles of one outlet is
boilerplate (``claim_clusters.boilerplate``): its claims are stored but not linked.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from sqlalchemy import distinct, func, select, update
from sqlalchemy.orm import Session

from claimlink.extractors.speakers import canonical_key

from . import schema as m
from .upsert import insert_ignore

#: Fewer normalised words than this: the claim gets a cluster of its own.
MIN_TOKENS = 6
#: Words at either end that make an anchor (a truncated copy keeps its first words, a
#: copy with words added at the end keeps its first words, one with words added in front
#: keeps its last).
ANCHOR_TOKENS = 6
#: RapidFuzz ratio (0-100, normalised Indel similarity) of two near-duplicate texts.
SIMILARITY = 90
#: RapidFuzz partial_ratio (0-100) of the shorter text inside the longer one, and the
#: words the shorter needs ("a ban on Muslims entering the United States" inside a longer
#: claim is a fragment, not a copy).
CONTAINMENT = 95
MIN_CONTAINED = 10
#: Articles of one outlet (distinct canonical URLs, so versions of one article count
#: once) from which a cluster is boilerplate. Three follow-ups repeating a background
#: claim stay linkable; HuffPost's editor's note on Donald Trump, carried by about 20
#: articles of the real-news corpus, is boilerplate.
BOILERPLATE_ARTICLES = 4

_QUOTES = str.maketrans({c: " " for c in "\"'`´‘’‚‛“”„‟«»‹›"})
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The text as clusters compare it: NFKC, case folded, punctuation and quote marks
    dropped, whitespace collapsed, a leading "that" dropped."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    words = _NON_WORD.sub(" ", text).split()
    if words and words[0] == "that":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1 << 14)
def speaker_part(speaker: str | None) -> str:
    """The speaker as clusters key it: the surname of the canonical key ("" for none)."""
    key = canonical_key(speaker)
    return key.rsplit(" ", 1)[-1] if key else ""


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Signature:
    """What a claim's cluster is found by. ``key`` names the cluster the claim would
    found; ``anchors`` are looked up (the exact-text anchor first); ``speaker`` is the
    surname part ("" when the claim has no speaker)."""

    key: str
    anchors: tuple[str, ...]
    text: str
    speaker: str

    @property
    def clusterable(self) -> bool:
        return bool(self.anchors)


def signature(content: str, speaker: str | None, own: str) -> Signature:
    """The signature of a claim by ``speaker`` (a name or canonical key). ``own``
    identifies the claim (e.g. article id and offsets): a short content's cluster key.
    Anchors leave the speaker out, so that a copy whose speaker the extractor missed
    still finds its cluster; :meth:`ClusterIndex.match` compares speakers."""
    text = normalise(content)
    words = text.split()
    who = speaker_part(speaker)
    if len(words) < MIN_TOKENS:
        return Signature(f"u:{own}"[:64], (), text, who)
    anchors = ("x" + _digest(text)[:39], "h" + _digest(" ".join(words[:ANCHOR_TOKENS]))[:39],
               "t" + _digest(" ".join(words[-ANCHOR_TOKENS:]))[:39])
    return Signature("k" + _digest(who, text)[:39], anchors, text, who)


#: Words whose difference makes another claim however similar the rest: negations
#: ("had never taken" is not a copy of "had taken"); numbers count too (see _markers).
NEGATIONS = frozenset("not no never nor none nobody nothing neither without cannot t".split())


def _markers(text: str) -> list[str]:
    """The negations and numbers of a normalised text, in order ("didn't" is "didn t")."""
    return [w for w in text.split() if w in NEGATIONS or any(ch.isdigit() for ch in w)]


def same_text(a: str, b: str) -> bool:
    """Are two normalised contents one claim: near-equal, or one contained in the other,
    with the same negations and numbers (in the part they share)?"""
    if a == b:
        return True
    if fuzz.ratio(a, b) >= SIMILARITY:
        return _markers(a) == _markers(b)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short.split()) < MIN_CONTAINED:
        return False
    found = fuzz.partial_ratio_alignment(short, long_, score_cutoff=CONTAINMENT)
    if found is None:
        return False
    # the aligned part of the longer text, widened to whole words
    start = long_.rfind(" ", 0, found.dest_start) + 1
    end = long_.find(" ", found.dest_end)
    return _markers(short) == _markers(long_[start:end if end >= 0 else len(long_)])


class ClusterIndex:
    """Known clusters by anchor, with the text each was founded on and its speaker: what
    a new claim is matched against. The store fills it from the anchors a batch looks
    up; the migration that clusters a store's existing claims fills it as it goes."""

    def __init__(self) -> None:
        self.by_anchor: dict[str, list[int]] = {}
        self.texts: dict[int, str] = {}
        self.speakers: dict[int, str] = {}

    def add(self, cluster_id: int, text: str, speaker: str, anchors) -> None:
        self.texts.setdefault(cluster_id, text)
        if speaker and not self.speakers.get(cluster_id):
            self.speakers[cluster_id] = speaker
        for anchor in anchors:
            ids = self.by_anchor.setdefault(anchor, [])
            if cluster_id not in ids:
                ids.append(cluster_id)

    def match(self, sig: Signature) -> int | None:
        """The cluster ``sig`` belongs to, or None (a new one): the first cluster under
        one of its anchors with a compatible speaker (the same, or one of them unknown)
        and the same text or a near-duplicate of it."""
        if not sig.clusterable:
            return None
        for anchor in sig.anchors:
            for cid in self.by_anchor.get(anchor, ()):
                who = self.speakers.get(cid, "")
                if (not who or not sig.speaker or who == sig.speaker) and same_text(sig.text, self.texts[cid]):
                    return cid
        return None


def one_flag_per_cluster_pair(links: list, cluster_of: dict[int, int]) -> list:
    """The linker's links (``linker.Link``) less those between two copies of one text,
    and one per pair of clusters: the one with the most reasons, in either order. A
    claim without a cluster stands for itself."""
    best: dict[tuple, object] = {}
    for link in links:
        ca, cb = cluster_of.get(link.a.id, -link.a.id), cluster_of.get(link.b.id, -link.b.id)
        if ca == cb:
            continue
        key = (min(ca, cb), max(ca, cb))
        cur = best.get(key)
        if cur is None or (len(link.verdict.reasons), link.verdict.score) > (len(cur.verdict.reasons),
                                                                              cur.verdict.score):
            best[key] = link
    return list(best.values())


# -- the store ----------------------------------------------------------------------------------
def assign_clusters(session: Session, article: m.Article, rows: list[dict]) -> tuple[list[int], set[int]]:
    """The cluster of each claim row of ``article`` (rows of ``store.claim_rows``), found
    among the stored clusters or founded, and the stored clusters the rows joined.
    Idempotent: the same rows get the same clusters."""
    sigs = [signature(r["content"], r.get("speaker_key") or r.get("speaker_name"),
                      f"{article.id}:{r['cue_start']}:{r['content_start']}") for r in rows]
    index = ClusterIndex()
    anchors = sorted({a for s in sigs for a in s.anchors})
    found: list[tuple] = []
    for i in range(0, len(anchors), 500):
        found += session.execute(
            select(m.ClusterAnchor.cluster_id, m.ClusterAnchor.anchor, m.ClaimCluster.text, m.ClaimCluster.speaker)
            .join(m.ClaimCluster, m.ClaimCluster.id == m.ClusterAnchor.cluster_id)
            .where(m.ClusterAnchor.anchor.in_(anchors[i:i + 500]))).all()
    for cid, anchor, text, who in sorted(found):  # the oldest cluster first
        index.add(cid, text, who or "", [anchor])
    # new clusters get provisional (negative) ids, then are inserted at once
    out, founders = [], {}
    for sig in sigs:
        cid = index.match(sig)
        if cid is None:
            cid = -(len(founders) + 1)
            founders[cid] = sig
        elif cid > 0 and sig.speaker and not index.speakers.get(cid):  # the first named copy names it
            session.execute(update(m.ClaimCluster).where(m.ClaimCluster.id == cid, m.ClaimCluster.speaker.is_(None))
                            .values(speaker=sig.speaker[:120]))
        index.add(cid, sig.text, sig.speaker, sig.anchors)
        out.append(cid)
    insert_ignore(session, m.ClaimCluster, [{"key": f.key, "speaker": index.speakers.get(cid, "")[:120] or None,
                                             "text": f.text, "boilerplate": False} for cid, f in founders.items()])
    keys = sorted(f.key for f in founders.values())
    real: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        real.update(session.execute(select(m.ClaimCluster.key, m.ClaimCluster.id)
                                    .where(m.ClaimCluster.key.in_(keys[i:i + 500]))).all())
    joined = {cid for cid in out if cid > 0}
    out = [real[founders[cid].key] if cid < 0 else cid for cid in out]
    new_anchors = {(a, cid): None for sig, cid in zip(sigs, out) for a in sig.anchors}
    insert_ignore(session, m.ClusterAnchor, [{"anchor": a, "cluster_id": c} for a, c in new_anchors])
    return out, joined



def mark_boilerplate(session: Session, cluster_ids, outlet: str | None) -> None:
    """Mark the clusters among ``cluster_ids`` that ``outlet`` now carries in
    :data:`BOILERPLATE_ARTICLES` or more articles (a cluster founded by the article at
    hand has one: pass the clusters its claims joined)."""
    ids = sorted(set(cluster_ids))
    same_outlet = m.Article.outlet.is_(None) if outlet is None else m.Article.outlet == outlet
    for i in range(0, len(ids), 500):
        q = (select(m.Claim.cluster_id).join(m.Article, m.Article.id == m.Claim.article_id)
             .where(m.Claim.cluster_id.in_(ids[i:i + 500]), same_outlet).group_by(m.Claim.cluster_id)
             .having(func.count(distinct(m.Article.canonical_url)) >= BOILERPLATE_ARTICLES))
        hits = list(session.scalars(q))
        if hits:
            session.execute(update(m.ClaimCluster).where(m.ClaimCluster.id.in_(hits), m.ClaimCluster.boilerplate.is_(False))
                            .values(boilerplate=True))


def cluster_outlet_counts(session: Session, cluster_ids) -> dict[int, list[tuple[str, int]]]:
    """The outlets that carried each cluster's claims, with the articles of each (distinct
    canonical URLs: the versions of one article count once), most articles first, then by
    name; "(unknown)" for an article with no outlet."""
    ids = sorted({c for c in cluster_ids if c is not None})
    counts: dict[int, dict[str, int]] = {c: {} for c in ids}
    outlet = func.coalesce(m.Article.outlet, "(unknown)")
    for i in range(0, len(ids), 500):
        q = (select(m.Claim.cluster_id, outlet, func.count(distinct(m.Article.canonical_url)))
             .join(m.Article, m.Article.id == m.Claim.article_id)
             .where(m.Claim.cluster_id.in_(ids[i:i + 500])).group_by(m.Claim.cluster_id, outlet))
        for cid, name, n in session.execute(q):
            counts[cid][name] = counts[cid].get(name, 0) + n
    return {cid: sorted(by.items(), key=lambda kv: (-kv[1], kv[0])) for cid, by in counts.items()}


def cluster_outlets(session: Session, cluster_ids) -> dict[int, list[str]]:
    """The outlets that carried each cluster's claims, sorted by name."""
    return {cid: sorted(name for name, _ in pairs) for cid, pairs in cluster_outlet_counts(session, cluster_ids).items()}
