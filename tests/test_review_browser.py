"""The review desk in a real browser: headless Chromium (Debian's) driven by Playwright.
Screenshots of the queue and the pair view are kept in test-artifacts/."""

import shutil
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from claimlink.review.app import create_app
from tests.conftest import ROOT, free_port
from tests.review_fixtures import PASSWORD, USER, build_store

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: apt-get install chromium (.ci/run does)")
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'r.db'}"
    ids = build_store(url)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url, secret_key="browser-test"), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", ids
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def _login(page, base):
    page.goto(base + "/")
    assert page.url.endswith("/login")
    page.fill("input[name=name]", USER)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def test_review_a_pair_with_the_keyboard(desk, browser):
    base, ids = desk
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    dialogs, console_errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    _login(page, base)
    assert page.locator("#queue tbody tr").count() >= 2
    # the Content-Security-Policy lets the desk's own stylesheet apply
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).display") == "flex"
    assert "control of Kupiansk: Russia vs Ukraine" in page.inner_text("#queue")
    page.screenshot(path=str(ARTIFACTS / "queue.png"), full_page=True)

    page.click(f"tr[data-href='/pair/{ids['kupiansk']}']")
    page.wait_for_url(f"{base}/pair/{ids['kupiansk']}")
    side_a, side_b = page.inner_text("#side-1"), page.inner_text("#side-2")
    assert "Moscow’s forces had taken full control of Kupiansk" in side_a and "Valery Gerasimov" in side_a
    assert "Kyiv’s forces remained in control of Kupiansk" in side_b and "general staff of Ukraine" in side_b
    assert page.locator("#side-1 mark").count() == 1 and page.locator("#side-2 mark").count() == 1
    reasons = page.inner_text("#reasons")
    assert "general staff of Ukraine denies a claim by Valery Gerasimov" in reasons
    assert "control of Kupiansk: Russia vs Ukraine" in reasons
    page.screenshot(path=str(ARTIFACTS / "pair.png"), full_page=True)

    with page.expect_navigation():
        page.keyboard.press("c")
    page.goto(base + "/audit")
    audit = page.inner_text("#audit")
    assert USER in audit and "open" in audit and "confirmed" in audit
    page.goto(f"{base}/pair/{ids['kupiansk']}")
    assert "confirmed" in page.inner_text(".pairhead")
    assert not dialogs
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors
    page.close()


def test_refused_without_a_session_or_csrf_token(desk, browser):
    base, ids = desk
    anonymous = browser.new_context()
    r = anonymous.request.post(f"{base}/pair/{ids['kupiansk']}/decide", form={"decision": "reject"},
                               max_redirects=0)
    assert r.status in (303, 403)
    page = anonymous.new_page()
    page.goto(f"{base}/pair/{ids['kupiansk']}")
    assert page.url.endswith("/login") and "Valery Gerasimov" not in page.content()
    anonymous.close()

    context = browser.new_context()
    page = context.new_page()
    _login(page, base)
    r = context.request.post(f"{base}/pair/{ids['kupiansk']}/decide", form={"decision": "reject"}, max_redirects=0)
    assert r.status == 403
    r = context.request.post(f"{base}/pair/{ids['kupiansk']}/decide",
                             form={"decision": "reject", "csrf": "forged"}, max_redirects=0)
    assert r.status == 403
    context.close()


def test_script_payload_renders_as_inert_text(desk, browser):
    base, ids = desk
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, base)
    page.goto(f"{base}/pair/{ids['payload']}")
    page.wait_for_timeout(300)
    assert '<script>window.__pwned = 1; alert("pwned")</script>' in page.inner_text("#side-1")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#side-1 script, #side-1 img").count() == 0
    assert not dialogs
    page.close()
