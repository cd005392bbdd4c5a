"""Repeated text is one claim, end to end: syndicated copies parsed and stored, linked by
the nightly linker into one flag per pair of clusters, shown by the desk as one row that
lists the outlets of each side, and reviewed once. Boilerplate is not linked."""

import re
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from claimlink.extractors.article import content_hash
from claimlink.flows import pipeline
from claimlink.flows.summary import carried_by
from claimlink.linker import index_keys
from claimlink.linker.features import analyse
from claimlink.models import make_engine
from claimlink.models import schema as m
from claimlink.models import store
from claimlink.models.clusters import BOILERPLATE_ARTICLES
from claimlink.models.users import add_user
from claimlink.review.app import create_app

pytestmark = pytest.mark.model

CLAIM = ("Russia's chief military officer, Valery Gerasimov, announced on Thursday that Moscow's forces had "
         "taken full control of Kupiansk in Ukraine's Kharkiv region.")
CLAIM_COPY = ("Russia’s chief military officer, Valery Gerasimov, announced on Thursday that Moscow’s forces had "
              "taken full control of Kupiansk in Ukraine’s Kharkiv region, a claim Kyiv disputed.")
DENIAL = ("Ukraine's general staff denied Gerasimov's claims and said Kyiv's forces remained in control of "
          "Kupiansk.")
DENIAL_COPY = "The general staff of Ukraine denied Gerasimov’s claims and said Kyiv’s forces remained in control of Kupiansk."
DAY = datetime(2025, 11, 20, tzinfo=timezone.utc)


def _store_article(engine, nlp, n: int, outlet: str, body: str) -> None:
    published = DAY + timedelta(hours=n)
    claims, feats = analyse(nlp(body))
    keys = [index_keys(pipeline._record(0, c, f, published)) for c, f in zip(claims, feats)]
    with Session(engine) as s, s.begin():
        url = f"https://{outlet.lower().replace(' ', '-')}.test/{n}"
        art, _ = store.store_article(s, canonical_url=url, url=url, text=body, content_hash=content_hash(body + url),
                                     title=f"Story {n}", outlet=outlet, published=published, authors=[],
                                     language="en", source_id=None)
        store.write_claims(s, art, store.claim_rows(claims, feats), keys, "t")


def _flags(engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(m.ClaimLink).where(m.ClaimLink.relation == "contradicts"))


@pytest.fixture
def syndicated(db_url, nlp):
    """Two outlets carry Gerasimov's claim, two carry the general staff's denial."""
    engine = make_engine(db_url)
    for n, (outlet, body) in enumerate([("AP", CLAIM), ("Reuters", CLAIM_COPY), ("Kyiv Independent", DENIAL),
                                        ("Ukrainska Pravda", DENIAL_COPY)]):
        _store_article(engine, nlp, n, outlet, body)
    pipeline.link_pending(engine)
    yield engine
    engine.dispose()


def test_copies_on_both_sides_give_one_flag_listing_every_outlet(syndicated):
    assert _flags(syndicated) == 1
    with syndicated.connect() as conn:
        (row,) = conn.execute(text("SELECT * FROM v_cluster_flags")).mappings().all()
        assert (row["articles_a"], row["articles_b"]) == (2, 2)
        assert row["outlets_a"] == "AP, Reuters"
        assert row["outlets_b"] == "Kyiv Independent, Ukrainska Pravda"
        clusters = conn.execute(text("SELECT articles, outlets FROM v_claim_clusters WHERE articles > 1")).all()
        assert sorted(clusters) == [(2, 2), (2, 2)]
    with Session(syndicated) as s:
        (flag,) = pipeline.flagged_pairs(s)
    assert carried_by(flag["a"]) == "  carried by AP, Reuters\n"
    assert flag["b"]["outlets"] == ["Kyiv Independent", "Ukrainska Pravda"]


def test_a_copy_arriving_later_adds_no_flag(syndicated, nlp):
    _store_article(syndicated, nlp, 9, "BBC", CLAIM)
    assert pipeline.link_pending(syndicated) == 0
    assert _flags(syndicated) == 1
    with syndicated.connect() as conn:
        assert conn.execute(text("SELECT outlets_a FROM v_cluster_flags")).scalar() == "AP, BBC, Reuters"


@pytest.mark.parametrize("copies", [BOILERPLATE_ARTICLES - 1, BOILERPLATE_ARTICLES])
def test_a_claim_in_a_boilerplate_cluster_is_not_linked(db_url, nlp, copies):
    engine = make_engine(db_url)
    for n in range(copies):
        _store_article(engine, nlp, n, "Daily Repeat", f"Story {n} of the day.\n\n{CLAIM}")
    _store_article(engine, nlp, 20, "Kyiv Independent", DENIAL)
    pipeline.link_pending(engine)
    assert _flags(engine) == (1 if copies < BOILERPLATE_ARTICLES else 0)
    engine.dispose()


def test_the_desk_shows_one_row_per_cluster_pair_and_records_one_verdict(db_url, syndicated):
    if not db_url.startswith("sqlite"):
        pytest.skip("the desk is exercised on SQLite")
    with Session(syndicated) as s, s.begin():
        add_user(s, "ana", "correct horse battery", role="admin")
        # a link made before clustering between two other copies of the same pair of claims:
        # it shares the cluster pair, so it has no cluster_pair of its own (migration 0008)
        ids = {o: cid for o, cid in s.execute(select(m.Article.outlet, m.Claim.id)
                                              .join(m.Claim, m.Claim.article_id == m.Article.id)
                                              .where(m.Claim.cue.in_(("announced", "said"))))}
        s.add(m.ClaimLink(claim_a_id=ids["Reuters"], claim_b_id=ids["Ukrainska Pravda"], relation="contradicts",
                          score=0.99, reasons=[], linker_version="1.0", status="open"))
    client = TestClient(create_app(db_url, secret_key="k"))
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"name": "ana", "password": "correct horse battery", "csrf": csrf})
    queue = client.get("/").text
    rows = re.findall(r'data-href="/pair/(\d+)"', queue)
    assert len(rows) == 1
    assert "carried by AP, Reuters" in queue and "carried by Kyiv Independent, Ukrainska Pravda" in queue
    assert client.get("/?outlet=Reuters").text.count('data-href="/pair/') == 1
    pair = client.get(f"/pair/{rows[0]}").text
    assert "Carried by 2 articles" in pair and "Ukrainska Pravda" in pair
    csrf = re.search(r'name="csrf" value="([^"]+)"', queue).group(1)
    client.post(f"/pair/{rows[0]}/decide", data={"decision": "confirm", "csrf": csrf})
    with Session(syndicated) as s:
        assert s.scalar(select(func.count()).select_from(m.ReviewEvent)) == 1
        assert s.get(m.ClaimLink, int(rows[0])).status == "confirmed"
    assert re.findall(r'data-href="/pair/(\d+)"', client.get("/").text) == []
