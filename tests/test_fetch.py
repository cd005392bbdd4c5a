"""The polite fetcher against a loopback server with faults: every failure is a named error."""

import time

import pytest

from claimlink.extractors import errors
from claimlink.extractors.fetch import Fetcher, FetchOptions, decode_body
from tests.conftest import send, stream

PAGE = b"<html><head><title>t</title></head><body><p>Hello world</p></body></html>"


def fetcher(**kw):
    opts = dict(allow_hosts=("127.0.0.1",), host_delay=0.0, timeout=3.0, retries=1, max_bytes=100_000)
    opts.update(kw)
    return Fetcher(FetchOptions(**opts))


def test_ok_page_and_user_agent(web):
    seen = {}

    def page(req):
        seen["ua"] = req.headers.get("User-Agent")
        send(req, body=PAGE, headers={"ETag": '"v1"'})

    web.routes["/a"] = page
    with fetcher(user_agent="claimlink-test (ops@example.org)") as f:
        res = f.fetch(web.base + "/a")
    assert res.status == 200 and "Hello world" in res.text and res.etag == '"v1"'
    assert seen["ua"] == "claimlink-test (ops@example.org)"


def test_conditional_get_returns_not_modified(web):
    def page(req):
        if req.headers.get("If-None-Match") == '"v1"':
            send(req, 304, ctype=None)
        else:
            send(req, body=PAGE, headers={"ETag": '"v1"'})

    web.routes["/a"] = page
    with fetcher() as f:
        assert f.fetch(web.base + "/a", etag='"v1"').not_modified


def test_loopback_is_refused_unless_allow_listed(web):
    web.routes["/a"] = lambda req: send(req, body=PAGE)
    with fetcher(allow_hosts=()) as f, pytest.raises(errors.BlockedURL):
        f.fetch(web.base + "/a")


def test_redirect_to_a_private_address_is_refused(web):
    web.routes["/r"] = lambda req: send(req, 302, ctype=None, headers={"Location": "http://10.0.0.1/internal"})
    with fetcher() as f, pytest.raises(errors.BlockedURL):
        f.fetch(web.base + "/r")


def test_redirect_loop(web):
    web.routes["/x"] = lambda req: send(req, 302, ctype=None, headers={"Location": "/y"})
    web.routes["/y"] = lambda req: send(req, 302, ctype=None, headers={"Location": "/x"})
    with fetcher() as f, pytest.raises(errors.TooManyRedirects):
        f.fetch(web.base + "/x")


def test_robots_disallow(web):
    web.routes["/robots.txt"] = lambda req: send(req, body=b"User-agent: *\nDisallow: /private/\n",
                                                 ctype="text/plain")
    web.routes["/private/a"] = lambda req: send(req, body=PAGE)
    with fetcher() as f, pytest.raises(errors.RobotsDisallowed):
        f.fetch(web.base + "/private/a")
    assert "/private/a" not in web.hits


def test_crawl_delay_spaces_requests(web):
    web.routes["/robots.txt"] = lambda req: send(req, body=b"User-agent: *\nCrawl-delay: 0.4\n", ctype="text/plain")
    web.routes["/a"] = lambda req: send(req, body=PAGE)
    with fetcher() as f:
        f.fetch(web.base + "/a")
        t = time.monotonic()
        f.fetch(web.base + "/a")
        assert time.monotonic() - t >= 0.35


def test_404_is_permanent(web):
    with fetcher() as f, pytest.raises(errors.HTTPStatusError) as info:
        f.fetch(web.base + "/missing")
    assert info.value.status == 404 and not info.value.transient


def test_429_retry_after_is_honoured(web):
    calls = []

    def limited(req):
        calls.append(time.monotonic())
        if len(calls) == 1:
            send(req, 429, body=b"slow down", ctype="text/plain", headers={"Retry-After": "1"})
        else:
            send(req, body=PAGE)

    web.routes["/a"] = limited
    with fetcher() as f:
        assert f.fetch(web.base + "/a").status == 200
    assert calls[1] - calls[0] >= 0.9


def test_500_retries_then_fails(web):
    web.routes["/a"] = lambda req: send(req, 500, body=b"oops", ctype="text/plain")
    with fetcher(retries=2) as f, pytest.raises(errors.HTTPStatusError) as info:
        f.fetch(web.base + "/a")
    assert info.value.transient and web.hits.count("/a") == 3


def test_huge_page_is_cut_off(web):
    web.routes["/big"] = lambda req: send(req, body=b"<p>" + b"x" * 200_000)
    with fetcher() as f, pytest.raises(errors.TooLarge):
        f.fetch(web.base + "/big")


def test_endless_response_hits_the_size_cap(web):
    web.routes["/endless"] = lambda req: stream(req, b"<p>more</p>" * 100, 10_000)
    with fetcher() as f, pytest.raises(errors.TooLarge):
        f.fetch(web.base + "/endless")


def test_slow_response_hits_the_time_cap(web):
    web.routes["/slow"] = lambda req: stream(req, b"<p>drip</p>", 20, pause=0.3)
    with fetcher(timeout=1.0, retries=0) as f, pytest.raises(errors.FetchTimeout):
        f.fetch(web.base + "/slow")


def test_binary_served_as_html_is_refused(web):
    web.routes["/bin"] = lambda req: send(req, body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with fetcher() as f, pytest.raises(errors.BadContent):
        f.fetch(web.base + "/bin")


def test_wrong_content_type_is_refused(web):
    web.routes["/pdf"] = lambda req: send(req, body=b"%PDF-1.4", ctype="application/pdf")
    with fetcher() as f, pytest.raises(errors.BadContent):
        f.fetch(web.base + "/pdf")


def test_dead_host_is_a_connect_error():
    with fetcher(retries=0) as f, pytest.raises(errors.ConnectFailed):
        f.fetch("http://127.0.0.1:9/nothing-listens-here")


def test_charset_declared_wrong_falls_back():
    latin1 = "Café naïve".encode("latin-1")
    assert decode_body(latin1, "text/html; charset=utf-8") == "Café naïve"
    assert decode_body('<meta charset="utf-8"><p>Kyiv’s</p>'.encode(), "text/html") .endswith("Kyiv’s</p>")
    assert decode_body("plain".encode("utf-16"), "text/html") == "plain"


def test_non_http_scheme_is_refused():
    with fetcher() as f, pytest.raises(errors.BlockedURL):
        f.fetch("file:///etc/passwd")
