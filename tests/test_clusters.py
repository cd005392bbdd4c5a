"""Claim clusters: the signature and near-duplicate rules on plain strings, and the
store's clustering (SQLite, and PostgreSQL when configured) on hand-made claim rows."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.models import schema as m
from claimlink.models import store
from claimlink.models.clusters import BOILERPLATE_ARTICLES, ClusterIndex, normalise, same_text, signature

CLAIM = "that Moscow's forces had taken full control of Kupiansk in Ukraine's Kharkiv region"


def test_normalising_drops_quote_marks_punctuation_case_and_a_leading_that():
    assert normalise("that Moscow’s forces had taken “full control” of Kupiansk — in Kharkiv.") \
        == normalise("Moscow's forces had taken \"full control\" of Kupiansk - in Kharkiv") \
        == "moscow s forces had taken full control of kupiansk in kharkiv"


@pytest.mark.parametrize("copy", [
    "that Moscow’s forces had taken full control of Kupiansk in Ukraine’s Kharkiv region.",  # quote marks
    "Moscow's forces had taken full control of Kupiansk in Ukraine's Kharkiv region, a claim Kyiv disputed",  # tail
    "that Moscow's forces had taken full control of Kupiansk in Ukraine's Kharkiv",  # truncated
    "that Moscow's troops had taken full control of Kupiansk in Ukraine's Kharkiv region",  # a word changed
])
def test_copies_of_a_claim_by_one_speaker_join_its_cluster(copy):
    index = ClusterIndex()
    first = signature(CLAIM, "Valery Gerasimov", "1")
    index.add(7, first.text, first.speaker, first.anchors)
    assert index.match(signature(copy, "Gen. Gerasimov", "2")) == 7


@pytest.mark.parametrize("other, speaker", [
    (CLAIM, "Sergei Shoigu"),  # another speaker saying the same words is another claim
    ("that Moscow's forces had taken full control of Pokrovsk and Myrnohrad after weeks of fighting", "Gerasimov"),
    ("that Moscow's forces had never taken control of Kupiansk in Ukraine's Kharkiv region", "Gerasimov"),
    ("that Moscow's forces had not taken full control of Kupiansk in Ukraine's Kharkiv region", "Gerasimov"),
    ("that Moscow's 2 forces had taken full control of Kupiansk in Ukraine's Kharkiv region", "Gerasimov"),
    # a negation inside the text they share, and words added
    ("Moscow's forces hadn't taken full control of Kupiansk in Ukraine's Kharkiv region, a claim Kyiv disputed "
     "at once on Friday", "Gerasimov"),
])
def test_other_claims_stay_apart(other, speaker):
    index = ClusterIndex()
    first = signature(CLAIM, "Valery Gerasimov", "1")
    index.add(7, first.text, first.speaker, first.anchors)
    assert index.match(signature(other, speaker, "2")) is None


def test_short_contents_are_never_clustered():
    sig = signature("it is not true", "Dmitry Peskov", "12:5:9")
    assert not sig.clusterable and sig.key == "u:12:5:9"
    index = ClusterIndex()
    index.add(1, sig.text, sig.speaker, sig.anchors)
    assert index.match(signature("it is not true", "Dmitry Peskov", "13:5:9")) is None


def test_a_fragment_inside_a_longer_claim_is_not_a_copy():
    assert not same_text(normalise("a ban on Muslims entering the United States"),
                         normalise("his call for a temporary ban on Muslims entering the United States"))
    assert same_text(normalise(CLAIM), normalise(CLAIM + " after weeks of fighting around the city"))
    # the shorter is found inside the longer; a negation elsewhere in the longer does not matter
    assert same_text(normalise(CLAIM), normalise("the general said " + CLAIM + ". Kyiv did not comment"))


# -- the store --------------------------------------------------------------------------------
def _row(content: str, speaker: str | None = "Valery Gerasimov", start: int = 10) -> dict:
    key = speaker.lower() if speaker else None
    return {"speaker_key": key, "speaker_label": "PERSON" if speaker else None, "speaker_mention": speaker,
            "speaker_name": speaker, "speaker_title": None, "cue": "said", "cue_lemma": "say", "cue_start": start - 6,
            "content": content, "content_start": start, "content_spans": [], "kind": "indirect", "stance": "asserts",
            "target_speaker": None, "target_content": None, "sentence": content, "sentence_start": 0, "paragraph": 0,
            "claim_type": "fact", "features": {}, "terms": []}


def _article(s: Session, n: int, outlet: str, rows: list[dict], url: str | None = None) -> m.Article:
    url = url or f"https://{outlet.lower().replace(' ', '')}.test/{n}"
    art, _ = store.store_article(s, canonical_url=url, url=url, text=f"text {n}", content_hash=f"h{n}", title=f"T{n}",
                                 outlet=outlet, published=None, authors=[], language="en", source_id=None)
    store.write_claims(s, art, rows, [[] for _ in rows], "t")
    return art


def _clusters(s: Session, article: m.Article) -> list[int]:
    return list(s.scalars(select(m.Claim.cluster_id).where(m.Claim.article_id == article.id)
                          .order_by(m.Claim.content_start)))


def test_the_store_clusters_syndicated_copies_across_outlets(engine):
    with Session(engine) as s, s.begin():
        ap = _article(s, 1, "AP", [_row(CLAIM), _row("it is not true", start=200)])
        reuters = _article(s, 2, "Reuters", [_row(CLAIM.replace("'", "’") + ", a claim Kyiv disputed."),
                                             _row("it is not true", start=200)])
        other = _article(s, 3, "BBC", [_row(CLAIM, speaker="Sergei Shoigu")])
        (a_claim, a_short), (r_claim, r_short), (o_claim,) = _clusters(s, ap), _clusters(s, reuters), _clusters(s, other)
        assert a_claim == r_claim
        assert len({a_claim, a_short, r_short, o_claim}) == 4
        # writing the same claims again finds the same clusters
        store.write_claims(s, reuters, [_row(CLAIM.replace("'", "’") + ", a claim Kyiv disputed.")], [[]], "t")
        assert _clusters(s, reuters)[0] == a_claim
        assert s.get(m.ClaimCluster, a_claim).boilerplate is False


def test_a_sentence_in_many_articles_of_one_outlet_is_boilerplate(engine):
    note = "Editor's note: the candidate regularly incites political violence and is a serial liar"
    with Session(engine) as s, s.begin():
        arts = [_article(s, n, "HuffPost", [_row(note, speaker="Editor's note")])
                for n in range(1, BOILERPLATE_ARTICLES)]
        cid = _clusters(s, arts[0])[0]
        # a new version of one of them is the same article, not one more
        _article(s, 50, "HuffPost", [_row(note, speaker="Editor's note")], url="https://huffpost.test/1")
        assert s.get(m.ClaimCluster, cid).boilerplate is False
        _article(s, 99, "HuffPost", [_row(note + ".", speaker="Editor's note")])
        assert s.get(m.ClaimCluster, cid).boilerplate is True
        rows = list(s.scalars(select(m.Claim).where(m.Claim.cluster_id == cid)))
        assert store.boilerplate_claims(s, rows) == {c.id for c in rows}


def test_a_pair_of_clusters_is_flagged_once(engine):
    with Session(engine) as s, s.begin():
        (a1,), (a2,) = _article(s, 1, "AP", [_row(CLAIM)]).claims, _article(s, 2, "Reuters", [_row(CLAIM)]).claims
        b = _article(s, 3, "Kyiv Independent", [_row("that Kyiv's forces remained in control of Kupiansk and its "
                                                     "surroundings", speaker="General Staff")]).claims[0]
        assert store.save_link(s, a1.id, b.id, "contradicts", 0.9, [], "t") is True
        assert store.save_link(s, a2.id, b.id, "contradicts", 0.9, [], "t") is False
        assert store.save_link(s, b.id, a2.id, "contradicts", 0.9, [], "t") is False
        (link,) = s.scalars(select(m.ClaimLink)).all()
        assert (link.cluster_a_id, link.cluster_b_id) == (a1.cluster_id, b.cluster_id)
        assert link.cluster_pair == f"{min(a1.cluster_id, b.cluster_id)}:{max(a1.cluster_id, b.cluster_id)}"


def test_a_copy_whose_speaker_was_missed_joins_the_named_cluster():
    index = ClusterIndex()
    for cid, speaker in ((7, "Valery Gerasimov"), (8, "Sergei Shoigu")):
        sig = signature(CLAIM, speaker, str(cid))
        index.add(cid, sig.text, sig.speaker, sig.anchors)
    assert index.match(signature(CLAIM + ", a claim Kyiv disputed", None, "3")) == 7
    assert index.match(signature(CLAIM, "Shoigu", "4")) == 8


def test_migrating_a_store_from_0007_clusters_its_claims_and_links(db_url):
    """A store at claim_types with two copies of a claim, each linked to one denial (one
    link reviewed), upgraded: the copies share a cluster, the reviewed link stands for the
    pair of clusters, nothing is lost; and the downgrade keeps every row."""
    from sqlalchemy import text

    from claimlink.models import make_engine
    from claimlink.models.db import downgrade, upgrade

    downgrade(db_url, "claim_types")
    engine = make_engine(db_url)
    denial = "that Kyiv's forces remained in control of Kupiansk and its surroundings"
    with engine.begin() as conn:
        for n, outlet in ((1, "AP"), (2, "Reuters"), (3, "Kyiv Independent")):
            conn.execute(text("INSERT INTO articles (id, canonical_url, version, content_hash, outlet, text) "
                              "VALUES (:n, :u, 1, :h, :o, 't')"), {"n": n, "u": f"https://x.test/{n}", "h": f"h{n}",
                                                                     "o": outlet})
        for n, (art, speaker, content) in enumerate([(1, "Valery Gerasimov", CLAIM), (2, None, CLAIM + "."),
                                                     (3, "General Staff", denial)], start=1):
            conn.execute(text("INSERT INTO claims (id, article_id, speaker_name, cue, cue_start, content, "
                              "content_start, content_spans, kind, stance, paragraph) VALUES "
                              "(:n, :a, :s, 'said', 0, :c, 5, '[]', 'indirect', 'asserts', 0)"),
                         {"n": n, "a": art, "s": speaker, "c": content})
        for n, a, status in ((1, 1, "open"), (2, 2, "confirmed")):
            conn.execute(text("INSERT INTO claim_links (id, claim_a_id, claim_b_id, relation, score, reasons, "
                              "linker_version, status) VALUES (:n, :a, 3, 'contradicts', 0.9, '[]', '2.0', :st)"),
                         {"n": n, "a": a, "st": status})
        conn.execute(text("INSERT INTO review_events (link_id, reviewer, from_status, to_status) "
                          "VALUES (2, 'ana', 'open', 'confirmed')"))
        if engine.dialect.name == "postgresql":  # the ids above were given: move the sequences past them
            for table in ("articles", "claims", "claim_links"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)"))
    upgrade(db_url)
    with engine.connect() as conn:
        clusters = [r[0] for r in conn.execute(text("SELECT cluster_id FROM claims ORDER BY id"))]
        assert clusters[0] == clusters[1] != clusters[2] and None not in clusters
        links = conn.execute(text("SELECT id, cluster_a_id, cluster_b_id, cluster_pair FROM claim_links "
                                  "ORDER BY id")).all()
        assert [tuple(r) for r in links] == [(1, clusters[0], clusters[2], None),
                                             (2, clusters[0], clusters[2], f"{clusters[0]}:{clusters[2]}")]
        (flag,) = conn.execute(text("SELECT link_id, review_status, outlets_a, outlets_b, articles_a "
                                    "FROM v_cluster_flags")).all()
        assert tuple(flag) == (2, "confirmed", "AP, Reuters", "Kyiv Independent", 2)
        assert conn.execute(text("SELECT speaker FROM claim_clusters WHERE id = :c"), {"c": clusters[0]}).scalar() \
            == "gerasimov"
    # the store goes on clustering where the migration left off
    with Session(engine) as s, s.begin():
        art = _article(s, 4, "BBC", [_row(CLAIM)])
        assert _clusters(s, art) == [clusters[0]]
    engine.dispose()
    downgrade(db_url, "claim_types")
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert [conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
                for t in ("claims", "claim_links", "review_events", "v_contradictions")] == [4, 2, 1, 2]
    engine.dispose()
    upgrade(db_url)


def test_one_flag_per_pair_of_clusters_and_none_between_copies():
    from types import SimpleNamespace as NS

    from claimlink.models.clusters import one_flag_per_cluster_pair

    def link(a, b, reasons):
        return NS(a=NS(id=a), b=NS(id=b), verdict=NS(reasons=["r"] * reasons, score=0.9))

    cluster_of = {1: 10, 2: 10, 3: 20, 4: 20}
    links = [link(1, 3, 1), link(4, 2, 2), link(1, 2, 3), link(5, 3, 1)]
    kept = one_flag_per_cluster_pair(links, cluster_of)
    assert kept == [links[1], links[3]]  # 1-3 and 4-2 are one pair (the one with more reasons); 1-2 are copies
