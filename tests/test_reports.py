"""Every view and every built-in report, on a store filled by the real pipeline from the
demo site, with actual values checked -- on SQLite and, when configured, PostgreSQL."""

import json
import os

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from claimlink.models import make_engine
from claimlink.models import schema as m
from claimlink.models.db import downgrade, upgrade
from claimlink.models.reports import REPORTS, run_report
from claimlink.models.views import VIEW_NAMES
from tests.review_fixtures import fill_from_demo

pytestmark = pytest.mark.model

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("CLAIMLINK_TEST_POSTGRES_URL") else [])


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'r.db'}"
    else:
        url = os.environ["CLAIMLINK_TEST_POSTGRES_URL"]
        downgrade(url, "base")
    upgrade(url)
    engine = make_engine(url)
    fill_from_demo(engine, url)
    yield engine
    engine.dispose()
    if request.param == "postgresql":
        downgrade(url, "base")


def rows(engine, sql, **params):
    with engine.connect() as conn:
        result = conn.execute(text(sql), params)
        return [dict(r._mapping) for r in result]


def test_every_view_answers(store):
    for view in VIEW_NAMES:
        assert isinstance(rows(store, f"SELECT * FROM {view}"), list)


def test_v_claims_has_speaker_title_outlet_and_date(store):
    (g,) = rows(store, "SELECT * FROM v_claims WHERE speaker_name = 'Valery Gerasimov' AND cue = 'announced'")
    assert g["speaker_title"] == "Russia’s chief military officer"
    assert g["speaker_key"] == "valery gerasimov"
    assert g["outlet"] == "Associated Press" and str(g["published"]).startswith("2025-11-20")
    assert "taken full control of Kupiansk" in g["content"] and g["stance"] == "asserts"
    assert g["url"].endswith("/ap-2025-11-20-ukraine-peace-plan.html")


def test_v_contradictions_has_the_kupiansk_pair_with_canonical_names(store):
    (k,) = rows(store, "SELECT * FROM v_contradictions WHERE content_a LIKE '%Kupiansk%'")
    assert (k["speaker_a"], k["speaker_b"]) == ("Valery Gerasimov", "general staff of Ukraine")
    assert k["relation"] == "contradicts" and k["review_status"] == "open" and k["reviewer_decision"] is None
    reasons = [r["text"] for r in json.loads(k["reasons"])]
    assert reasons == ["general staff of Ukraine denies a claim by Valery Gerasimov (both about: control of Kupiansk)",
                       "control of Kupiansk: Russia vs Ukraine"]


def test_stats_queue_and_reports_follow_a_review_decision(store):
    (k,) = rows(store, "SELECT link_id FROM v_contradictions WHERE content_a LIKE '%Kupiansk%'")
    (q,) = rows(store, "SELECT * FROM v_review_queue WHERE link_id = :i", i=k["link_id"])
    assert q["queue_position"] >= 1 and q["review_status"] == "open"
    (g,) = rows(store, "SELECT * FROM v_speaker_stats WHERE speaker_name = 'Valery Gerasimov'")
    assert g["claims"] == 2 and g["contradictions_flagged"] == 1 and g["contradictions_confirmed"] == 0
    (o,) = rows(store, "SELECT * FROM v_outlet_stats WHERE outlet = 'Associated Press'")
    assert o["day"] == "2025-11-20" and o["articles"] == 1 and o["contradictions"] == 1 and o["claims"] > 10

    with Session(store) as s, s.begin():
        link = s.get(m.ClaimLink, k["link_id"])
        s.add(m.ReviewEvent(link_id=link.id, reviewer="ana", from_status="open", to_status="confirmed",
                            note="checked against the general staff's statement"))
        link.status = "confirmed"
    (k2,) = rows(store, "SELECT * FROM v_contradictions WHERE link_id = :i", i=k["link_id"])
    assert k2["review_status"] == "confirmed" and k2["reviewer_decision"] == "confirmed" and k2["reviewer"] == "ana"
    assert not rows(store, "SELECT * FROM v_review_queue WHERE link_id = :i", i=k["link_id"])
    (g2,) = rows(store, "SELECT * FROM v_speaker_stats WHERE speaker_name = 'general staff of Ukraine'")
    assert g2["contradictions_confirmed"] == 1

    with store.connect() as conn:
        cols, out = run_report(conn, "most-contradicted", since="3650d")
        table = {r[0]: r for r in out}
        assert table["Valery Gerasimov"][1] == 1 and table["Valery Gerasimov"][2] == 1
        cols, out = run_report(conn, "speaker", speaker="valery gerasimov", since="3650d")
        assert len(out) == 1 and out[0][cols.index("contradicted_by")] == "general staff of Ukraine"
        cols, out = run_report(conn, "outlet-pairs")
        assert ("Associated Press", "Associated Press") in [(r[0], r[1]) for r in out]
        cols, out = run_report(conn, "contradictions-per-day", since="2025-11-01")
        assert ("2025-11-20", "Associated Press", 1) in [(r[0], r[1], r[2]) for r in out]
        cols, out = run_report(conn, "outlets", since="2019-01-01")
        assert {r[0] for r in out} >= {"Associated Press", "USA TODAY"}
        cols, out = run_report(conn, "backlog")
        assert all(r[cols.index("review_status")] in ("open", "needs_work") for r in out)
    assert set(REPORTS) == {"most-contradicted", "speaker", "outlet-pairs", "backlog", "contradictions-per-day",
                            "outlets"}


def test_report_command_formats(store, tmp_path):
    from click.testing import CliRunner

    from claimlink.flows.cli import cli

    url = store.url.render_as_string(hide_password=False)
    runner = CliRunner()
    csv_out = runner.invoke(cli, ["--database-url", url, "report", "outlets", "--since", "2019-01-01",
                                  "--format", "csv"])
    assert csv_out.exit_code == 0, csv_out.output
    assert csv_out.output.splitlines()[0] == "outlet,articles,claims,contradictions"
    js = runner.invoke(cli, ["--database-url", url, "report", "speaker", "--speaker", "Valery Gerasimov",
                             "--since", "3650d", "--format", "json"])
    assert json.loads(js.output)[0]["contradicted_by"] == "general staff of Ukraine"
    png = tmp_path / "c.png"
    out = runner.invoke(cli, ["--database-url", url, "report", "contradictions-per-day", "--since", "2019-01-01",
                              "--format", "png", "-o", str(png)])
    assert out.exit_code == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = runner.invoke(cli, ["--database-url", url, "report", "speaker"])
    assert bad.exit_code == 1 and "needs --speaker" in bad.output
    bad = runner.invoke(cli, ["--database-url", url, "report", "outlets", "--since", "yesterday-ish"])
    assert bad.exit_code == 1 and "--since" in bad.output
