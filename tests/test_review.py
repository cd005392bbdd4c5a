"""The review desk through HTTP (FastAPI's TestClient): accounts, sessions, CSRF, escaping,
decisions, bulk reject and exports."""

import json
import re
import sqlite3

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.models import make_engine
from claimlink.models import schema as m
from claimlink.review.app import create_app
from tests.review_fixtures import PASSWORD, PAYLOAD, USER, build_store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    """The store is built once per module (it runs the pipeline and the parser) ..."""
    path = tmp_path_factory.mktemp("review") / "template.db"
    ids = build_store(f"sqlite:///{path}")
    return path, ids


@pytest.fixture
def desk(built_store, tmp_path):
    """... and every test gets its own copy, so no test sees another's decisions."""
    template, ids = built_store
    copy = tmp_path / "r.db"
    src, dst = sqlite3.connect(template), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{copy}", ids


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client) -> str:
    page = client.get("/login")
    r = client.post("/login", data={"name": USER, "password": PASSWORD, "csrf": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    return csrf_of(client.get("/").text)


def test_nothing_without_a_session(desk):
    url, ids = desk
    client = TestClient(create_app(url, secret_key="k"))
    for path in ("/", f"/pair/{ids['kupiansk']}", "/audit", "/export/claimreview.json", "/export/confirmed.csv"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login", path
    r = client.post(f"/pair/{ids['kupiansk']}/decide", data={"decision": "confirm"}, follow_redirects=False)
    assert r.status_code in (303, 403)


def test_wrong_password_and_missing_csrf_are_refused(desk):
    url, ids = desk
    client = TestClient(create_app(url, secret_key="k"))
    page = client.get("/login")
    r = client.post("/login", data={"name": USER, "password": "wrong", "csrf": csrf_of(page.text)})
    assert "wrong password" in r.text
    assert client.post("/login", data={"name": USER, "password": PASSWORD}).status_code == 403
    login(client)
    r = client.post(f"/pair/{ids['kupiansk']}/decide", data={"decision": "confirm"}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post(f"/pair/{ids['kupiansk']}/decide", data={"decision": "confirm", "csrf": "forged"},
                    follow_redirects=False)
    assert r.status_code == 403


def test_queue_and_pair_view_show_the_kupiansk_pair(desk):
    url, ids = desk
    client = TestClient(create_app(url, secret_key="k"))
    login(client)
    queue = client.get("/").text
    assert "Valery Gerasimov" in queue and "general staff of Ukraine" in queue
    assert "control of Kupiansk: Russia vs Ukraine" in queue
    pair = client.get(f"/pair/{ids['kupiansk']}").text
    assert "<mark>In other developments, Russia’s chief military officer" in pair
    assert "<mark>The general staff for Ukraine’s armed forces denied Gerasimov’s claims" in pair
    assert "general staff of Ukraine denies a claim by Valery Gerasimov" in pair
    assert "Russia’s chief military officer" in pair and "canonical: valery gerasimov" in pair
    assert "Associated Press" in pair and "ap-2025-11-20-ukraine-peace-plan.html" in pair
    # Gerasimov's other claim about Kupiansk ("some Ukrainian troops remained in the city")
    assert "Other claims by Valery Gerasimov on this subject" in pair
    assert "some Ukrainian troops remained in the city" in pair


def test_article_text_is_escaped(desk):
    url, ids = desk
    client = TestClient(create_app(url, secret_key="k"))
    login(client)
    for page in (client.get(f"/pair/{ids['payload']}").text, client.get("/?status=open").text):
        assert "<script>window.__pwned" not in page and "onerror=\"window" not in page
        assert "&lt;script&gt;window.__pwned" in page


def test_decisions_are_audited_and_exported(desk):
    url, ids = desk
    client = TestClient(create_app(url, secret_key="k"))
    csrf = login(client)
    r = client.post(f"/pair/{ids['kupiansk']}/decide", data={"decision": "confirm", "note": "matches ISW",
                                                           "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    r = client.post("/bulk-reject", data={"ids": [ids["payload"]], "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    engine = make_engine(url)
    with Session(engine) as s:
        events = s.execute(select(m.ReviewEvent.link_id, m.ReviewEvent.reviewer, m.ReviewEvent.from_status,
                                  m.ReviewEvent.to_status, m.ReviewEvent.note).order_by(m.ReviewEvent.id)).all()
        assert (ids["kupiansk"], USER, "open", "confirmed", "matches ISW") in events
        assert (ids["payload"], USER, "open", "rejected", "bulk reject") in events
        assert s.get(m.ClaimLink, ids["payload"]).status == "rejected"
    engine.dispose()
    audit = client.get("/audit").text
    assert "matches ISW" in audit and "confirmed" in audit
    reviews = client.get("/export/claimreview.json").json()
    (cr,) = [x for x in reviews if "Kupiansk" in x["claimReviewed"]]
    assert cr["@type"] == "ClaimReview" and cr["itemReviewed"]["author"]["name"] == "Valery Gerasimov"
    assert cr["reviewRating"]["alternateName"] == "Contradicted"
    assert "control of Kupiansk: Russia vs Ukraine" in cr["reviewRating"]["ratingExplanation"]
    csv_text = client.get("/export/confirmed.csv").text
    assert csv_text.splitlines()[0].startswith("link_id,score,speaker_a")
    assert "Valery Gerasimov" in csv_text and "pwned" not in csv_text


def test_users_add_command(tmp_path):
    from click.testing import CliRunner

    from claimlink.flows.cli import cli
    from claimlink.models.db import upgrade

    url = f"sqlite:///{tmp_path / 'u.db'}"
    upgrade(url)
    runner = CliRunner()
    r = runner.invoke(cli, ["--database-url", url, "users", "add", "bo"], input="s3cret-pass\ns3cret-pass\n")
    assert r.exit_code == 0 and "user bo added" in r.output
    r = runner.invoke(cli, ["--database-url", url, "users", "add", "bo"], input="s3cret-pass\ns3cret-pass\n")
    assert r.exit_code == 1 and "exists already" in r.output
    r = runner.invoke(cli, ["--database-url", url, "users", "add", "cy"], input="short\nshort\n")
    assert r.exit_code == 1 and "at least 8" in r.output
    engine = make_engine(url)
    with Session(engine) as s:
        h = s.scalar(select(m.User.password_hash).where(m.User.name == "bo"))
    engine.dispose()
    assert h.startswith("$argon2") and "s3cret" not in h
