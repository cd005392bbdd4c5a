"""Migrations and idempotent store functions, on SQLite (and PostgreSQL when configured)."""

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from claimlink.extractors.types import Claim, Speaker, TextSpan
from claimlink.models import Article, ArticleUrl, ClaimLink, StoreError, check_store, make_engine, store
from claimlink.models import schema as m
from claimlink.models.db import downgrade, upgrade


def test_upgrade_then_downgrade_leaves_nothing(db_url):
    eng = make_engine(db_url)
    tables = set(inspect(eng).get_table_names())
    assert {"articles", "claims", "claim_links", "sources", "fetch_log", "url_state", "speakers"} <= tables
    downgrade(db_url, "base")
    assert set(inspect(eng).get_table_names()) <= {"alembic_version"}
    upgrade(db_url)
    eng.dispose()


def test_two_upgrades_at_once_of_a_new_store_both_succeed(db_url, tmp_path):
    """Two runs started with --migrate at once against an empty store: they take turns,
    and neither fails on tables the other has just made."""
    import os
    import subprocess
    import sys

    from claimlink.models.db import current_revision
    from tests.conftest import ROOT

    downgrade(db_url, "base")
    env = {**os.environ, "CLAIMLINK_DATABASE_URL": db_url}
    procs = [subprocess.Popen([sys.executable, "-m", "claimlink.flows.cli", "db", "upgrade"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, out + err
        assert "Traceback" not in out + err
    from alembic.script import ScriptDirectory

    from claimlink.models.db import alembic_config

    assert current_revision(db_url) == ScriptDirectory.from_config(alembic_config(db_url)).get_current_head()


def test_models_match_migrations(db_url):
    """`alembic check`: no drift between the ORM and the migrations."""
    from alembic import command
    from claimlink.models.db import alembic_config

    command.check(alembic_config(db_url))


def test_broken_urls_give_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="not a database URL"):
        make_engine("not a url")
    with pytest.raises(StoreError, match="no schema yet"):
        check_store(make_engine(f"sqlite:///{tmp_path / 'empty.db'}"))
    with pytest.raises(StoreError, match="cannot open"):
        check_store(make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}"))


def _article(session, url="http://x.test/a", text="Body text one.", hash_="h1"):
    return store.store_article(session, canonical_url=url, url=url + "?utm=1", text=text, content_hash=hash_,
                               title="T", outlet="X", published=None, authors=["A"], language="en", source_id=None)


def _claim(cue_start=0, speaker="Valery Gerasimov"):
    sp = Speaker(mention=TextSpan(0, 4, "Gera"), name=speaker, key=speaker.lower(), label="PERSON")
    return Claim(cue=TextSpan(cue_start, cue_start + 4, "said"), content=[TextSpan(10, 20, "troops won")],
                 speaker=sp, kind="indirect", cue_lemma="say", sentence=TextSpan(0, 20, "x" * 20))


def test_articles_claims_and_links_are_stored_once(engine):
    for _ in range(2):
        with Session(engine) as s, s.begin():
            row, needs = _article(s)
            if needs:
                store.store_claims(s, row, [_claim(0), _claim(30, "Kaja Kallas")], [{}, {}], [["e:x"], ["e:x"]], "t")
            # the same story at a second URL is the same article
            row2, needs2 = _article(s, url="http://mirror.test/a")
            assert row2.id == row.id and not needs2
    with Session(engine) as s, s.begin():
        ids = [c for c in s.scalars(select(m.Claim.id).order_by(m.Claim.id))]
        store.save_link(s, ids[0], ids[1], "contradicts", 0.9, [{"code": "x", "text": "why"}], "1")
        store.save_link(s, ids[0], ids[1], "contradicts", 0.9, [{"code": "x", "text": "why"}], "1")
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1
        assert s.scalar(select(func.count()).select_from(m.Claim)) == 2
        assert s.scalar(select(func.count()).select_from(m.Speaker)) == 2
        assert s.scalar(select(func.count()).select_from(ClaimLink)) == 1
        urls = set(s.scalars(select(ArticleUrl.url)))
        assert urls == {"http://x.test/a", "http://x.test/a?utm=1", "http://mirror.test/a", "http://mirror.test/a?utm=1"}


def test_rejected_link_stays_rejected(engine):
    with Session(engine) as s, s.begin():
        row, _ = _article(s)
        store.store_claims(s, row, [_claim(0), _claim(30, "Kaja Kallas")], [{}, {}], [[], []], "t")
        a, b = s.scalars(select(m.Claim.id).order_by(m.Claim.id)).all()
        store.save_link(s, a, b, "contradicts", 0.9, [], "1")
        s.scalars(select(ClaimLink)).one().status = "rejected"
    with Session(engine) as s, s.begin():
        store.save_link(s, a, b, "contradicts", 0.95, [], "2")
    with Session(engine) as s:
        assert s.scalars(select(ClaimLink)).one().status == "rejected"


def test_changed_text_is_a_new_version_beside_the_old(engine):
    with Session(engine) as s, s.begin():
        old, _ = _article(s)
        store.store_claims(s, old, [_claim(0)], [{}], [[]], "t")
        old_id = old.id
    with Session(engine) as s, s.begin():
        row, needs = _article(s, text="New body.", hash_="h2")
        assert needs and row.text == "New body." and row.version == 2 and row.previous_id == old_id
        new_id = row.id
    with Session(engine) as s:
        assert s.get(Article, old_id).text == "Body text one."
        assert s.scalar(select(func.count()).select_from(m.Claim)) == 1
        assert set(s.scalars(select(ArticleUrl.article_id))) == {new_id}  # its URLs lead to the newest


def test_fetch_attempts_and_give_up(engine):
    from claimlink.extractors.errors import HTTPStatusError

    with Session(engine) as s, s.begin():
        for _ in range(3):
            st = store.record_attempt(s, run_id="r", url="http://x.test/flaky", source_id=None, outcome="error",
                                      error=HTTPStatusError("HTTP 503", status=503), max_attempts=3)
        assert st.gave_up and st.failures == 3
        st = store.record_attempt(s, run_id="r", url="http://x.test/gone", source_id=None, outcome="error",
                                  error=HTTPStatusError("HTTP 404", status=404), max_attempts=3)
        assert st.gave_up and st.failures == 1
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.FetchLog)) == 4
