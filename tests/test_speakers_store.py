"""Canonical speakers in the store: routing of names across articles, the alias table,
the desk's merges and splits with their audit, and the commands over them. On SQLite,
and on PostgreSQL when CLAIMLINK_TEST_POSTGRES_URL is set."""

from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner
from sqlalchemy import func, inspect, select, table
from sqlalchemy.orm import Session

from claimlink.extractors.types import Claim, Speaker, TextSpan
from claimlink.flows.cli import cli
from claimlink.models import make_engine, store
from claimlink.models import schema as m
from claimlink.models.db import downgrade, upgrade
from claimlink.models.speakers import SpeakerError, find_speaker, merge_speakers, speaker_forms, split_speaker

DAY = datetime(2024, 3, 1, tzinfo=timezone.utc)


def _claim(i: int, name: str, key: str | None, label: str | None = "PERSON") -> Claim:
    sp = Speaker(mention=TextSpan(0, len(name), name), name=name, key=key, label=label)
    return Claim(cue=TextSpan(100 + 10 * i, 104 + 10 * i, "said"), content=[TextSpan(105 + 10 * i, 109 + 10 * i, "text")],
                 speaker=sp, kind="indirect")


def _article(session, slug: str, published: datetime, speakers: list[tuple[str, str | None]]) -> list[Claim]:
    """Store an article whose claims have the given (name, key) speakers; returns the claims."""
    row, _ = store.store_article(session, canonical_url=f"http://news.test/{slug}", url=f"http://news.test/{slug}",
                                 text=slug, content_hash=slug, title=slug, outlet="Test", published=published,
                                 authors=[], language="en", source_id=None)
    claims = [_claim(i, n, k) for i, (n, k) in enumerate(speakers)]
    store.store_claims(session, row, claims, [{} for _ in claims], [[] for _ in claims], "test")
    return claims


def _speaker_of(session, slug: str) -> list[str]:
    q = (select(m.Speaker.key).join(m.Claim, m.Claim.speaker_id == m.Speaker.id)
         .join(m.Article, m.Article.id == m.Claim.article_id)
         .where(m.Article.canonical_url == f"http://news.test/{slug}").order_by(m.Claim.cue_start))
    return list(session.scalars(q))


def _bare(model, *names):
    """The named columns of ``model``'s table and nothing else: no Python-side defaults of
    columns that later migrations add, so rows can be written to an older schema."""
    return table(model.__tablename__, *(model.__table__.c[n]._copy() for n in names))


def test_migration_adds_alias_and_audit_tables_and_backfills_forms(db_url):
    from alembic.script import ScriptDirectory

    from claimlink.models.db import alembic_config

    before = ScriptDirectory.from_config(alembic_config(db_url)).get_revision("speaker_identity").down_revision
    eng = make_engine(db_url)
    assert {"speaker_aliases", "speaker_audit"} <= set(inspect(eng).get_table_names())
    downgrade(db_url, before)
    assert not {"speaker_aliases", "speaker_audit"} & set(inspect(eng).get_table_names())
    with eng.begin() as conn:  # a store written before speaker identity existed
        conn.execute(_bare(m.Article, "id", "canonical_url", "content_hash", "text", "published").insert(), [{"id": 1, "canonical_url": "http://x.test/1", "content_hash": "h",
                                                     "text": "t", "published": DAY}])
        conn.execute(_bare(m.Speaker, "id", "key", "name", "label").insert(), [{"id": 1, "key": "ann j lee", "name": "Ann J. Lee",
                                                     "label": "PERSON"}])
        conn.execute(_bare(m.Claim, "article_id", "speaker_id", "speaker_name", "cue", "cue_start", "content",
                                 "content_start", "content_spans", "kind", "stance", "paragraph").insert(), [
            {"article_id": 1, "speaker_id": 1, "speaker_name": name, "cue": "said", "cue_start": i,
             "content": "c", "content_start": i, "content_spans": [], "kind": "indirect", "stance": "asserts",
             "paragraph": 0} for i, name in enumerate(["Ann J. Lee", "Ann J. Lee", "Lee"])])
    upgrade(db_url)
    with Session(eng) as s:
        assert speaker_forms(s, 1) == [("Ann J. Lee", 2, "seen"), ("Lee", 1, "seen")]
        assert s.scalar(select(m.SpeakerAlias.surname).where(m.SpeakerAlias.form == "Ann J. Lee")) == "lee"
    eng.dispose()


def test_bare_surname_goes_to_the_dominant_person_in_the_window(engine):
    with Session(engine) as s, s.begin():
        _article(s, "a1", DAY, [("Ann Lee", "ann lee")] * 3)
        _article(s, "a2", DAY + timedelta(days=5), [("Lee", "lee")])
        assert _speaker_of(s, "a2") == ["ann lee"]  # stored under the canonical speaker
        _article(s, "a3", DAY + timedelta(days=90), [("Lee", "lee")])
        assert _speaker_of(s, "a3") == ["ann lee"]  # nobody else of that name in the wider window
        _article(s, "a4", DAY + timedelta(days=120), [("Bob Lee", "bob lee")] * 3)
        _article(s, "a5", DAY + timedelta(days=125), [("Lee", "lee")])
        assert _speaker_of(s, "a5") == ["bob lee"]  # the near window decides when it has someone
        _article(s, "a6", DAY + timedelta(days=700), [("Lee", "lee")])
        assert _speaker_of(s, "a6") == ["lee"]  # outside both windows: nobody to resolve to
    with Session(engine) as s:
        assert _speaker_of(s, "a2") == ["ann lee"]
        ann = find_speaker(s, "Ann Lee")
        assert speaker_forms(s, ann.id) == [("Ann Lee", 3, "seen"), ("Lee", 2, "seen")]


def test_bare_surname_stored_before_the_person_was_known_moves_to_them(engine):
    with Session(engine) as s, s.begin():
        _article(s, "h1", DAY, [("Lee", "lee"), ("Lee", "lee")])
        _article(s, "h2", DAY + timedelta(days=400), [("Lee", "lee")])
        assert _speaker_of(s, "h1") == ["lee", "lee"]
        _article(s, "h3", DAY + timedelta(days=3), [("Ann Lee", "ann lee")] * 3)
    with Session(engine) as s:
        assert _speaker_of(s, "h1") == ["ann lee", "ann lee"]
        assert _speaker_of(s, "h2") == ["lee"]  # outside the window: left alone
        assert ("Lee", 2, "seen") in speaker_forms(s, find_speaker(s, "Ann Lee").id)


def test_articles_without_a_date_are_stored_and_resolved_over_all_time(engine):
    with Session(engine) as s, s.begin():
        _article(s, "n1", None, [("Ann Lee", "ann lee")] * 3)
        _article(s, "n2", None, [("Lee", "lee")])
        assert _speaker_of(s, "n2") == ["ann lee"]


def test_bare_surname_of_two_people_in_the_news_stays_apart(engine):
    with Session(engine) as s, s.begin():
        _article(s, "b1", DAY, [("Ann Lee", "ann lee")] * 3 + [("Bob Lee", "bob lee")] * 2)
        _article(s, "b2", DAY, [("Lee", "lee")])
        _article(s, "b3", DAY, [("Ann Mary Lee", "ann mary lee"), ("Ann Lee", "ann lee")])
    with Session(engine) as s:
        assert _speaker_of(s, "b2") == ["lee"]
        assert _speaker_of(s, "b3") == ["ann lee", "ann lee"]  # a middle name found the same person


def test_merge_moves_claims_and_forms_routes_the_key_and_is_audited(engine):
    with Session(engine) as s, s.begin():
        _article(s, "c1", DAY, [("Ann Lee", "ann lee")] * 3 + [("Bob Lee", "bob lee")] * 3)
        _article(s, "c2", DAY, [("Lee", "lee"), ("Lee", "lee")])
    with Session(engine) as s, s.begin():
        audit = merge_speakers(s, find_speaker(s, "Ann Lee"), find_speaker(s, "lee"), actor="desk", note="same")
        assert (audit.action, audit.claims_moved, audit.other_key, audit.speaker_key) == ("merge", 2, "lee", "ann lee")
        assert audit.detail["forms"] == ["Lee"]
    with Session(engine) as s, s.begin():
        assert _speaker_of(s, "c2") == ["ann lee", "ann lee"]
        assert s.scalar(select(func.count()).select_from(m.Speaker).where(m.Speaker.key == "lee")) == 0
        _article(s, "c3", DAY, [("Lee", "lee")])  # still ambiguous by counts, but the desk decided
        assert _speaker_of(s, "c3") == ["ann lee"]
        with pytest.raises(SpeakerError, match="itself"):
            merge_speakers(s, find_speaker(s, "Ann Lee"), find_speaker(s, "Ann Lee"), actor="desk")
    with Session(engine) as s:
        rows = s.scalars(select(m.SpeakerAudit)).all()
        assert [(r.action, r.actor, r.note) for r in rows] == [("merge", "desk", "same")]


def test_split_by_form_and_by_claim_id_is_audited(engine):
    with Session(engine) as s, s.begin():
        _article(s, "d1", DAY, [("Ann Lee", "ann lee"), ("A. Lee", "ann lee"), ("Ann Lee", "ann lee")])
    with Session(engine) as s, s.begin():
        ann = find_speaker(s, "Ann Lee")
        audit = split_speaker(s, ann, "Alan Lee", forms=["a. lee"], actor="desk")
        assert audit.claims_moved == 1 and audit.speaker_name == "Alan Lee" and audit.detail["forms"] == ["A. Lee"]
        first = s.scalar(select(func.min(m.Claim.id)).where(m.Claim.speaker_id == ann.id))
        audit = split_speaker(s, ann, "Alan Lee", claim_ids=[first], actor="desk", note="claim 1 too")
        assert audit.claims_moved == 1 and audit.detail["claim_ids"] == [first]
        with pytest.raises(SpeakerError, match="not 'Ann Lee'"):
            split_speaker(s, ann, "Alan Lee", claim_ids=[first], actor="desk")
        with pytest.raises(SpeakerError, match="no claim"):
            split_speaker(s, ann, "Alan Lee", forms=["Nobody"], actor="desk")
        with pytest.raises(SpeakerError, match="say which"):
            split_speaker(s, ann, "Alan Lee", actor="desk")
    with Session(engine) as s:
        assert _speaker_of(s, "d1") == ["alan lee", "alan lee", "ann lee"]
        assert s.scalar(select(func.count()).select_from(m.SpeakerAudit).where(m.SpeakerAudit.action == "split")) == 2


def test_find_speaker_explains_what_it_cannot_find(engine):
    with Session(engine) as s, s.begin():
        _article(s, "e1", DAY, [("Ann Lee", "ann lee")])
    with Session(engine) as s:
        assert find_speaker(s, "Mrs. Ann Lee").key == "ann lee"
        assert find_speaker(s, f"#{find_speaker(s, 'Ann Lee').id}").key == "ann lee"
        with pytest.raises(SpeakerError, match="no speaker named"):
            find_speaker(s, "Zed Zee")
        with pytest.raises(SpeakerError, match="no speaker with id"):
            find_speaker(s, "#999")


def test_speaker_commands(db_url, engine, tmp_path):
    with Session(engine) as s, s.begin():
        _article(s, "f1", DAY, [("Ann Lee", "ann lee")] * 3 + [("Bob Lee", "bob lee")] * 3 + [("Lee", "lee")])
    run = CliRunner()
    base = ["--database-url", db_url, "speakers"]
    result = run.invoke(cli, base + ["merge", "Ann Lee", "lee", "--by", "desk", "--note", "checked"])
    assert result.exit_code == 0, result.output
    assert "1 claims moved" in result.output
    result = run.invoke(cli, base + ["list", "--like", "lee"])
    assert result.exit_code == 0 and "Ann Lee" in result.output and "Lee (1)" in result.output
    result = run.invoke(cli, base + ["audit"])
    assert "merge" in result.output and "desk" in result.output and "checked" in result.output
    result = run.invoke(cli, base + ["merge", "Ann Lee", "Nobody Here"])
    assert result.exit_code == 1 and "no speaker named 'Nobody Here'" in result.output
    assert "Traceback" not in result.output
    result = run.invoke(cli, base + ["split", "Ann Lee", "--into", "Bob Lee"])
    assert result.exit_code == 1 and "say which claims" in result.output


def test_eval_speakers_reports_splits_junk_and_writes_a_sample(db_url, engine, tmp_path):
    with Session(engine) as s, s.begin():
        _article(s, "g1", DAY, [("Ann Lee", "ann lee")] * 4 + [("Lee", "lee")] + [("Bob Lee", "bob lee")])
        row, _ = store.store_article(s, canonical_url="http://news.test/g2", url="http://news.test/g2", text="g2",
                                     content_hash="g2", title="g2", outlet="Test", published=DAY, authors=[],
                                     language="en", source_id=None)
        junk = [_claim(0, "Q", None, None), _claim(1, "Editor's note", None, None)]
        store.store_claims(s, row, junk, [{}, {}], [[], []], "test")
    out = tmp_path / "sample.txt"
    result = CliRunner().invoke(cli, ["--database-url", db_url, "eval", "speakers", "--names", "Lee", "--json",
                                      "--sample", "3", "--sample-file", str(out)])
    assert result.exit_code == 0, result.output
    import json

    figures = json.loads(result.output)
    (lee,) = figures["names"]
    # Ann Lee's 5 claims (Bob Lee is someone else), 4 under the main speaker, 1 under "lee"
    assert (lee["claims"], lee["speakers"], lee["main_share"]) == (5, 2, 0.8)
    assert figures["sanity"]["furniture"] == 2 and figures["sanity"]["by_problem"] == {"qa_marker": 1, "note": 1}
    lines = out.read_text().splitlines()
    assert lines[0] == "claim_id\tspeaker\tmention" and len(lines) == 4
    result = CliRunner().invoke(cli, ["eval", "speakers", "--store", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "no such store file" in result.output


def test_a_speaker_form_of_suffixes_only_is_stored_without_a_surname(engine):
    # the key of "Jr." has no family name: the form is kept, with no surname, not an error
    with Session(engine) as s, s.begin():
        _article(s, "j1", DAY, [("Jr.", "jr")])
        forms = s.execute(select(m.SpeakerAlias.form, m.SpeakerAlias.surname)).all()
    assert ("Jr.", None) in forms
