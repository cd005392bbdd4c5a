"""Issue 15, point 1: a page cannot overwrite another outlet's article, a changed article
keeps its history, and nothing cascades into the review audit."""

import sqlite3

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimlink.extractors.article import extract_article, site_of, trusted_canonical
from claimlink.models import schema as m
from claimlink.models import store
from claimlink.models.db import downgrade, upgrade
from tests.test_store import _claim

BODY = "".join(f"<p>Paragraph {i}: the minister said the talks would resume on Monday, and the opposition "
               f"denied that any deal had been reached, officials told reporters.</p>" for i in range(8))


def page(head: str) -> str:
    return f"<html lang='en'><head><title>Talks</title>{head}</head><body><article>{BODY}</article></body></html>"


@pytest.mark.parametrize("head", [
    '<link rel="canonical" href="https://apnews.com/article/talks-123">',
    '<meta property="og:url" content="https://apnews.com/article/talks-123">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "url": "https://apnews.com/article/talks-123"}'
    "</script>",
    '<link rel="canonical" href="javascript:alert(document.domain)//">',
    '<meta property="og:url" content="data:text/html,<script>alert(1)</script>">',
])
def test_a_canonical_on_another_site_or_scheme_is_not_trusted(head):
    art = extract_article(page(head), "https://copycat.example.net/news/talks")
    assert art.canonical_url == "https://copycat.example.net/news/talks"


def test_a_canonical_on_the_same_site_is_trusted():
    art = extract_article(page('<link rel="canonical" href="https://www.apnews.com/article/talks-123?utm_source=x">'),
                          "https://apnews.com/amp/talks-123")
    assert art.canonical_url == "https://www.apnews.com/article/talks-123"
    assert site_of("news.bbc.co.uk") == site_of("www.bbc.co.uk") == "bbc.co.uk"
    # two sites under one private suffix are two sites
    assert trusted_canonical("https://victim.github.io/a", "https://attacker.github.io/b") is None


def _reviewed_article(s):
    """An article with two claims, a flagged pair between them, and a review decision."""
    row, _ = store.store_article(s, canonical_url="https://apnews.com/a", url="https://apnews.com/a", text="v1",
                                 content_hash="h1", title="T", outlet="AP", published=None, authors=[],
                                 language="en", source_id=None)
    store.store_claims(s, row, [_claim(0), _claim(30, "Kaja Kallas")], [{}, {}], [[], []], "t")
    a, b = s.scalars(select(m.Claim.id).order_by(m.Claim.id)).all()
    store.save_link(s, a, b, "contradicts", 0.9, [], "1")
    link = s.scalars(select(m.ClaimLink)).one()
    link.status = "rejected"
    s.add(m.ReviewEvent(link_id=link.id, reviewer="ana", from_status="open", to_status="rejected", note="no"))
    return row


def _counts(s):
    return {t.__tablename__: s.scalar(select(func.count()).select_from(t))
            for t in (m.Article, m.Claim, m.ClaimLink, m.ReviewEvent)}


def test_a_changed_article_keeps_its_reviewed_pairs(engine):
    with Session(engine) as s, s.begin():
        first = _reviewed_article(s).id
    with Session(engine) as s, s.begin():
        row, needs = store.store_article(s, canonical_url="https://apnews.com/a", url="https://apnews.com/a",
                                         text="v2", content_hash="h2", title=None, outlet="AP", published=None,
                                         authors=[], language="en", source_id=None)
        assert needs and row.id != first and row.version == 2
    with Session(engine) as s:
        assert _counts(s) == {"articles": 2, "claims": 2, "claim_links": 1, "review_events": 1}
        assert s.get(m.Article, first).text == "v1"
        assert s.scalars(select(m.ClaimLink.status)).one() == "rejected"


def test_no_cascade_deletes_review_events(engine):
    with Session(engine) as s, s.begin():
        article = _reviewed_article(s).id
    for table, column, value in ((m.Article, m.Article.id, article), (m.Claim, m.Claim.article_id, article),
                                 (m.ClaimLink, m.ClaimLink.status, "rejected")):
        with pytest.raises(IntegrityError), Session(engine) as s, s.begin():
            s.execute(table.__table__.delete().where(column == value))
    with Session(engine) as s:
        assert _counts(s) == {"articles": 1, "claims": 2, "claim_links": 1, "review_events": 1}


def test_the_migration_keeps_every_row(tmp_path):
    """A store at 0003 with a reviewed pair, upgraded: SQLite rebuilds the tables, and
    nothing cascades away."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0003")
    con = sqlite3.connect(tmp_path / "old.db")
    con.executescript("""
        insert into articles (id, canonical_url, content_hash, text) values (1, 'https://a.org/x', 'h', 't');
        insert into claims (id, article_id, cue, cue_start, content, content_start, content_spans, kind, stance,
                            paragraph) values (1, 1, 'said', 0, 'c', 5, '[]', 'direct', 'asserts', 0),
                                              (2, 1, 'said', 9, 'd', 15, '[]', 'direct', 'asserts', 0);
        insert into claim_links (id, claim_a_id, claim_b_id, relation, score, reasons, linker_version, status)
               values (1, 1, 2, 'contradicts', 0.9, '[]', '1', 'confirmed');
        insert into review_events (link_id, reviewer, from_status, to_status) values (1, 'ana', 'open', 'confirmed');
    """)
    con.commit()
    con.close()
    upgrade(url)
    con = sqlite3.connect(tmp_path / "old.db")
    counts = [con.execute(f"select count(*) from {t}").fetchone()[0]
              for t in ("articles", "claims", "claim_links", "review_events", "v_contradictions")]
    version = con.execute("select version from articles").fetchone()[0]
    con.close()
    assert counts == [1, 2, 1, 1, 1] and version == 1
    downgrade(url, "0003")


def test_downgrading_keeps_every_version(db_url):
    from claimlink.models import make_engine

    engine = make_engine(db_url)
    with Session(engine) as s, s.begin():
        _reviewed_article(s)
        store.store_article(s, canonical_url="https://apnews.com/a", url="https://apnews.com/a", text="v2",
                            content_hash="h2", title=None, outlet="AP", published=None, authors=[],
                            language="en", source_id=None)
    engine.dispose()
    downgrade(db_url, "speaker_identity")
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            urls = sorted(conn.exec_driver_sql("select canonical_url from articles").scalars())
            events = conn.exec_driver_sql("select count(*) from review_events").scalar()
    finally:
        engine.dispose()
    upgrade(db_url)
    assert urls == ["https://apnews.com/a", "https://apnews.com/a#v1"] and events == 1
