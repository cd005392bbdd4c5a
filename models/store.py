"""Store functions: idempotent writes keyed on natural keys, and the reads the flows need.

Every function takes a ``Session`` and never commits: the caller owns the transaction.
Inserts use ``INSERT ... ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL both have it), so
two runs writing the same article, claim or link at once leave one row.
"""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from claimlink.linker.proposition import TermStats
from claimlink.linker.record import Features
from claimlink.settings import Settings

from . import schema as m
from .clusters import assign_clusters, mark_boilerplate
from .speakers import assign_speakers
from .upsert import insert_ignore, insert_ignore_one


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


# -- sources and crawl state ---------------------------------------------------------------
def upsert_source(session: Session, name: str, kind: str, url: str) -> m.Source:
    insert_ignore(session, m.Source, [{"name": name, "kind": kind, "url": url}])
    src = session.scalars(select(m.Source).where(m.Source.name == name)).one()
    if src.kind != kind or src.url != url:
        src.kind, src.url, src.etag, src.last_modified = kind, url, None, None
    return src


def url_states(session: Session, urls: Iterable[str]) -> dict[str, m.UrlState]:
    urls = list(urls)
    out: dict[str, m.UrlState] = {}
    for i in range(0, len(urls), 500):
        chunk = urls[i:i + 500]
        out.update({u.url: u for u in session.scalars(select(m.UrlState).where(m.UrlState.url.in_(chunk)))})
    return out


#: url_state.last_outcome of a URL found in a listing and not fetched yet.
DISCOVERED = "discovered"
#: Outcomes after which a URL is not fetched again.
SETTLED = ("ok", "not_modified", "skipped")


def remember_urls(session: Session, urls: list[str], source_id: int | None) -> None:
    """Record discovered URLs in the crawl state (idempotent)."""
    for i in range(0, len(urls), 500):
        insert_ignore(session, m.UrlState, [{"url": u, "source_id": source_id, "attempts": 0, "failures": 0,
                                             "gave_up": False, "last_outcome": DISCOVERED}
                                            for u in urls[i:i + 500]])


def due_urls(session: Session, source_id: int) -> list[str]:
    """URLs of a source still to fetch: discovered, or failed and not given up, in order."""
    q = (select(m.UrlState.url)
         .where(m.UrlState.source_id == source_id, m.UrlState.gave_up.is_(False),
                (m.UrlState.last_outcome.is_(None)) | m.UrlState.last_outcome.notin_(SETTLED))
         .order_by(m.UrlState.id))
    return list(session.scalars(q))


def record_attempt(session: Session, *, run_id: str, url: str, source_id: int | None, outcome: str,
                   status: int | None = None, error: Exception | None = None, nbytes: int | None = None,
                   elapsed: float | None = None, etag: str | None = None, last_modified: str | None = None,
                   article_id: int | None = None, max_attempts: int = Settings.max_attempts, message: str | None = None,
                   track: bool = True) -> m.UrlState | None:
    """Log one URL attempt and update the URL's crawl state.

    ``outcome`` is ``ok``, ``not_modified``, ``skipped`` (fetched, but not an article),
    ``deferred`` (left for the next run) or ``error``. ``track=False`` logs without crawl
    state (listings: feeds, sitemaps). A URL is given up after ``max_attempts`` failures,
    or at once when the error is permanent (robots, blocked address, 404, not HTML).
    """
    session.add(m.FetchLog(
        run_id=run_id, url=url, source_id=source_id, outcome=outcome, status=status,
        error_class=type(error).__name__ if error else None, error_code=getattr(error, "code", None),
        message=(str(error) if error else message), nbytes=nbytes,
        elapsed_ms=int(elapsed * 1000) if elapsed is not None else None))
    if not track:
        return None  # feeds and sitemaps keep their validators on the source row
    insert_ignore(session, m.UrlState, [{"url": url, "source_id": source_id, "attempts": 0, "failures": 0,
                                         "gave_up": False}])
    state = session.scalars(select(m.UrlState).where(m.UrlState.url == url)).one()
    state.attempts += 1
    state.last_attempt = utcnow()
    state.last_outcome = outcome if not error else type(error).__name__
    if outcome == "error":
        state.failures += 1
        if state.failures >= max_attempts or not getattr(error, "transient", True):
            state.gave_up = True
    elif outcome == "deferred":
        pass  # left for the next run: not a failure, not a success
    else:
        state.failures = 0
        if etag or last_modified:
            state.etag, state.last_modified = etag, last_modified
    if article_id is not None:
        state.article_id = article_id
    return state


# -- articles --------------------------------------------------------------------------------
def store_article(session: Session, *, canonical_url: str, url: str, text: str, content_hash: str,
                  title: str | None, outlet: str | None, published: datetime | None,
                  authors: list[str] | None, language: str | None, source_id: int | None) -> tuple[m.Article, bool]:
    """Store an article once. Returns (row, needs_claims).

    The same story at another URL (same content hash) or the same URL again is not stored
    twice; its URL is added to ``article_urls``. A known canonical URL whose text changed
    gets a new version beside the old one: nothing is overwritten or deleted, so the old
    version's claims, flagged pairs and review history stay as they were.
    """
    fields = {"canonical_url": canonical_url, "content_hash": content_hash, "title": title, "outlet": outlet,
              "published": published, "authors": authors or [], "language": language, "text": text,
              "source_id": source_id}
    latest = session.scalars(select(m.Article).where(m.Article.canonical_url == canonical_url)
                             .order_by(m.Article.version.desc()).limit(1)).one_or_none()
    same_text = session.scalars(select(m.Article).where(m.Article.content_hash == content_hash)).one_or_none()
    if same_text is not None:
        row = same_text
    elif latest is None:
        insert_ignore(session, m.Article, [{**fields, "version": 1}])
        row = session.scalars(select(m.Article).where(
            (m.Article.canonical_url == canonical_url) | (m.Article.content_hash == content_hash))
            .order_by(m.Article.version.desc())).first()
    else:
        insert_ignore(session, m.Article, [{**fields, "version": latest.version + 1, "previous_id": latest.id,
                                            "title": title or latest.title,
                                            "published": published or latest.published}])
        row = session.scalars(select(m.Article).where(m.Article.content_hash == content_hash)).one()
    needs_claims = row.extracted_at is None
    urls = list(dict.fromkeys([canonical_url, url]))
    if row.previous_id is not None:  # the URLs now lead to the newest version
        session.execute(update(m.ArticleUrl).where(m.ArticleUrl.url.in_(urls)).values(article_id=row.id))
    insert_ignore(session, m.ArticleUrl, [{"article_id": row.id, "url": u} for u in urls])
    return row, needs_claims


# -- speakers and claims ----------------------------------------------------------------------
def store_claims(session: Session, article: m.Article, claims: list, features: list,
                 keys: list[list[str]], version: str) -> int:
    """Store an article's claims (extractors.types.Claim) with their linker features
    (linker.Features), claim types and blocking keys, and count their terms. Idempotent
    on (article, cue start, content start). Returns the count."""
    return write_claims(session, article, claim_rows(claims, features), keys, version)


def claim_rows(claims: list, features: list) -> list[dict]:
    """Claims as plain rows, without article or speaker ids yet (the speaker as key, name
    and label; the features' terms to count): what :func:`write_claims` stores. Plain data,
    so a Dask worker can build them and send them to the process that writes."""
    features = [f if isinstance(f, Features) else Features.from_json(f) for f in features]
    rows = []
    for c, f in zip(claims, features):
        sp = c.speaker
        rows.append({
            "speaker_key": sp.key if sp and sp.key else None, "speaker_label": sp.label if sp else None,
            "speaker_mention": sp.mention.text if sp else None, "speaker_name": sp.name if sp else None,
            "speaker_title": sp.title if sp else None, "cue": c.cue.text[:200], "cue_lemma": c.cue_lemma[:60],
            "cue_start": c.cue.start, "content": c.content_text, "content_start": c.content[0].start,
            "content_spans": [s.to_dict() for s in c.content], "kind": c.kind, "stance": c.stance,
            "target_speaker": c.target_speaker,
            "target_content": c.target_content.text if c.target_content else None,
            "sentence": c.sentence.text if c.sentence else None,
            "sentence_start": c.sentence.start if c.sentence else None, "paragraph": c.paragraph,
            "claim_type": f.claim_type or None, "features": f.to_json(), "terms": f.terms,
        })
    return rows


def write_claims(session: Session, article: m.Article, rows: list[dict], keys: list[list[str]], version: str) -> int:
    """Store the rows of :func:`claim_rows` for ``article``, with their blocking keys (one
    list per row). Idempotent on (article, cue start, content start)."""
    # canonical speakers and their forms (models/speakers.py), which route each key
    spoken = [SimpleNamespace(speaker=SimpleNamespace(key=r["speaker_key"], name=r["speaker_name"],
                                                      label=r["speaker_label"]) if r["speaker_key"] else None)
              for r in rows]
    ids = assign_speakers(session, article, spoken)
    clusters, joined = assign_clusters(session, article, rows)
    insert_ignore(session, m.Claim, [
        {**{k: v for k, v in r.items() if k not in ("speaker_key", "speaker_label", "terms")}, "article_id": article.id,
         "speaker_id": ids.get(c.speaker.key) if c.speaker else None, "cluster_id": cid}
        for r, c, cid in zip(rows, spoken, clusters)])
    mark_boilerplate(session, joined, article.outlet)
    count_terms(session, [r["terms"] for r in rows])
    by_pos = {(cs, ct): cid for cid, cs, ct in session.execute(
        select(m.Claim.id, m.Claim.cue_start, m.Claim.content_start).where(m.Claim.article_id == article.id))}
    key_rows = []
    for r, ks in zip(rows, keys):
        cid = by_pos.get((r["cue_start"], r["content_start"]))
        key_rows += [{"key": k[:300], "claim_id": cid, "published": article.published} for k in ks if cid]
    for i in range(0, len(key_rows), 500):
        insert_ignore(session, m.ClaimKey, key_rows[i:i + 500])
    article.extracted_at = utcnow()
    article.extractor_version = version
    return len(rows)


def count_terms(session: Session, term_sets: list) -> None:
    """Add claims' terms to ``term_counts`` (one increment per claim and term); the
    empty term counts the claims. Concurrent writers add up (upsert with increment)."""
    if not term_sets:
        return
    counts: dict[str, int] = {"": len(term_sets)}
    for terms in term_sets:
        for t in terms:
            t = t[:200]
            counts[t] = counts.get(t, 0) + 1
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(m.TermCount.__table__)
    stmt = stmt.on_conflict_do_update(index_elements=["term"],
                                      set_={"claims": m.TermCount.__table__.c.claims + stmt.excluded.claims})
    items = sorted(counts.items())  # one order for all writers: no deadlocks on PostgreSQL
    for i in range(0, len(items), 500):
        session.execute(stmt, [{"term": t, "claims": n} for t, n in items[i:i + 500]])


def term_stats(session: Session, terms) -> TermStats:
    """Document frequencies of ``terms`` among the stored claims (linker.TermStats)."""
    terms = sorted(set(terms) | {""})
    df: dict[str, int] = {}
    for i in range(0, len(terms), 500):
        q = select(m.TermCount.term, m.TermCount.claims).where(m.TermCount.term.in_(terms[i:i + 500]))
        df.update(dict(session.execute(q).all()))
    return TermStats(df={t: n for t, n in df.items() if t}, n=df.get("", 0))


# -- linking ------------------------------------------------------------------------------------
def unlinked_claims(session: Session, limit: int = 10_000) -> list[m.Claim]:
    return list(session.scalars(select(m.Claim).where(m.Claim.linked_at.is_(None))
                                .order_by(m.Claim.id).limit(limit)))


def boilerplate_claims(session: Session, claims: list[m.Claim]) -> set[int]:
    """Ids of ``claims`` whose cluster is boilerplate (models/clusters.py): not linked."""
    ids = sorted({c.cluster_id for c in claims if c.cluster_id is not None})
    marked: set[int] = set()
    for i in range(0, len(ids), 500):
        marked.update(session.scalars(select(m.ClaimCluster.id).where(m.ClaimCluster.id.in_(ids[i:i + 500]),
                                                                       m.ClaimCluster.boilerplate.is_(True))))
    return {c.id for c in claims if c.cluster_id in marked}


def candidates_by_key(session: Session, keys: list[str], *, before_id: int, k: int) -> dict[str, list[tuple]]:
    """For many blocking keys at once: the ``k`` most recent earlier claims under each, as
    ``{key: [(claim_id, published), ...]}``, newest first. Chunked IN queries, not one
    query per key."""
    out: dict[str, list[tuple]] = {}
    keys = sorted(set(keys))
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        q = (select(m.ClaimKey.key, m.ClaimKey.claim_id, m.ClaimKey.published)
             .where(m.ClaimKey.key.in_(chunk), m.ClaimKey.claim_id < before_id))
        for key, cid, published in session.execute(q):
            out.setdefault(key, []).append((cid, published))
    for key, rows in out.items():
        rows.sort(key=lambda r: r[0], reverse=True)
        del rows[k:]
    return out


def save_link(session: Session, a_id: int, b_id: int, relation: str, score: float, reasons: list[dict],
              version: str) -> bool:
    """Store a flagged pair once, and a pair of claim clusters once: a pair of copies of
    two flagged claims adds no flag (the flag's clusters list every article that carried
    each side). A pair that exists keeps its review status: a rejected pair stays rejected
    and is not flagged again. Returns whether a flag was added."""
    clusters = dict(session.execute(select(m.Claim.id, m.Claim.cluster_id).where(m.Claim.id.in_((a_id, b_id)))).all())
    ca, cb = clusters.get(a_id), clusters.get(b_id)
    return insert_ignore_one(session, m.ClaimLink, {
        "claim_a_id": a_id, "claim_b_id": b_id, "relation": relation, "score": score,
        "reasons": reasons, "linker_version": version, "status": "open", "cluster_a_id": ca, "cluster_b_id": cb,
        "cluster_pair": cluster_pair(ca, cb, a_id, b_id)}) is not None


def cluster_pair(cluster_a: int | None, cluster_b: int | None, a_id: int, b_id: int) -> str:
    """The unique key of a flag's pair of clusters, lower id first; a claim without a
    cluster stands for itself (``c<claim id>``)."""
    sides = sorted([(0, cluster_a) if cluster_a is not None else (1, a_id),
                    (0, cluster_b) if cluster_b is not None else (1, b_id)])
    return ":".join(f"{'c' if kind else ''}{n}" for kind, n in sides)


def mark_linked(session: Session, claim_ids: list[int]) -> None:
    for i in range(0, len(claim_ids), 500):
        session.execute(update(m.Claim).where(m.Claim.id.in_(claim_ids[i:i + 500])).values(linked_at=utcnow()))


# -- summaries ----------------------------------------------------------------------------------
def counts(session: Session) -> dict[str, int]:
    return {
        "articles": session.scalar(select(func.count()).select_from(m.Article)) or 0,
        "claims": session.scalar(select(func.count()).select_from(m.Claim)) or 0,
        "links": session.scalar(select(func.count()).select_from(m.ClaimLink)) or 0,
        "speakers": session.scalar(select(func.count()).select_from(m.Speaker)) or 0,
    }
