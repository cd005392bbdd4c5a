"""Who carried each side of a flag: the articles of a claim cluster (its outlets with their
article counts: :func:`claimlink.models.clusters.cluster_outlet_counts`).

A flag is raised once per pair of claim clusters (see :mod:`claimlink.models.clusters`);
the desk lists, for each side, every outlet and article whose copy of the claim the
cluster holds. Parameterised queries only.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.models import schema as m
from claimlink.review.exports import web_url

#: Articles listed per side on a pair's page.
MAX_ARTICLES = 100


def carrier_articles(s: Session, cluster_ids) -> dict[int, list[dict]]:
    """Per cluster: its articles (each canonical URL once, its newest version), oldest
    first, at most :data:`MAX_ARTICLES`."""
    ids = sorted({c for c in cluster_ids if c is not None})
    out: dict[int, dict[str, dict]] = {c: {} for c in ids}
    for i in range(0, len(ids), 500):
        q = (select(m.Claim.cluster_id, m.Article.canonical_url, m.Article.outlet, m.Article.title,
                    m.Article.published, m.Article.version)
             .join(m.Article, m.Article.id == m.Claim.article_id)
             .where(m.Claim.cluster_id.in_(ids[i:i + 500])).order_by(m.Article.published, m.Article.id))
        for cid, url, outlet, title, published, version in s.execute(q):
            seen = out[cid]
            if url in seen and seen[url]["version"] >= version:
                continue
            seen[url] = {"outlet": outlet or "(unknown)", "title": title, "published": published,
                         "url": web_url(url), "version": version}
    return {cid: list(arts.values())[:MAX_ARTICLES] for cid, arts in out.items()}

