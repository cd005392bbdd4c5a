"""The fetcher against hostile servers and addresses (issue 15, points 2-5).

Loopback servers stand in for hostile sites; addresses outside 127.0.0.0/8 are only ever
answered by a fake resolver and httpx.MockTransport, never connected to."""

import ipaddress
import time

import httpx
import pytest

from claimlink.extractors import errors
from claimlink.extractors.charset import decode_body
from claimlink.extractors.fetch import Fetcher, FetchOptions
from claimlink.extractors.netguard import is_public_address
from tests.conftest import send
from tests.test_fetch import PAGE
from tests.test_fetch import fetcher as _fetcher


def fetcher(**kw):
    return _fetcher(**{"retries": 0, **kw})


def refused_by_robots(web, robots: bytes, path: str, ctype: str = "text/plain", **kw) -> None:
    """``path`` is refused by the robots.txt the server gives, and never requested."""
    web.routes["/robots.txt"] = lambda req: send(req, body=robots, ctype=ctype)
    web.routes[path] = lambda req: send(req, body=PAGE)
    with fetcher(**kw) as f, pytest.raises(errors.RobotsDisallowed):
        f.fetch(web.base + path)
    assert path not in web.hits


# -- 4. SSRF: only globally routable addresses ------------------------------------------------
NOT_GLOBAL = [
    "100.100.100.200",                          # cloud metadata, in 100.64.0.0/10
    "100.64.0.1",                               # shared address space (carrier-grade NAT)
    "192.0.0.192",                              # another metadata address, in 192.0.0.0/24
    "2002:a00:1::",                             # 6to4 wrapping 10.0.0.1
    "2002:a9fe:a9fe::",                         # 6to4 wrapping 169.254.169.254
    "2001:0:4136:e378:8000:63bf:f5ff:fffe",     # Teredo (client 10.0.0.1)
    "64:ff9b::a9fe:a9fe",                       # NAT64 of 169.254.169.254
    "64:ff9b::a00:1",                           # NAT64 of 10.0.0.1
    "64:ff9b:1::a00:1",                         # local-use NAT64
    "::ffff:10.0.0.1",                          # IPv4-mapped
    "fd00::1", "fe80::1", "::1", "224.0.0.1", "198.18.0.1", "0.0.0.0",
]
GLOBAL = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "2002:808:808::", "64:ff9b::808:808"]


def _mock_fetcher(address: str, calls: list, **kw) -> Fetcher:
    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(200, headers={"Content-Type": "text/html"}, stream=httpx.ByteStream(PAGE))

    opts = dict(host_delay=0.0, retries=0, respect_robots=False)
    opts.update(kw)
    return Fetcher(FetchOptions(**opts), transport=httpx.MockTransport(answer),
                   resolver=lambda host, port: [address])


@pytest.mark.parametrize("address", NOT_GLOBAL)
def test_non_global_addresses_are_refused(address):
    assert not is_public_address(ipaddress.ip_address(address))
    calls = []
    with _mock_fetcher(address, calls) as f, pytest.raises(errors.BlockedURL):
        f.fetch("http://news.example.org/story")
    assert calls == []


@pytest.mark.parametrize("address", GLOBAL)
def test_global_addresses_are_fetched(address):
    assert is_public_address(ipaddress.ip_address(address))
    calls = []
    with _mock_fetcher(address, calls) as f:
        assert "Hello world" in f.fetch("http://news.example.org/story").text
    assert len(calls) == 1


def test_an_allow_listed_host_may_be_internal():
    calls = []
    with _mock_fetcher("100.100.100.200", calls, allow_hosts=("intranet.example",)) as f:
        f.fetch("http://intranet.example/story")
    assert calls


# -- 5. robots.txt on every hop, and robots.txt that is too large or binary --------------------
def test_a_redirect_into_a_disallowed_path_is_not_followed(web):
    web.routes["/robots.txt"] = lambda req: send(req, body=b"User-agent: *\nDisallow: /private/\n",
                                                 ctype="text/plain")
    web.routes["/public"] = lambda req: send(req, 302, ctype=None, headers={"Location": "/private/a"})
    web.routes["/private/a"] = lambda req: send(req, body=PAGE)
    with fetcher() as f, pytest.raises(errors.RobotsDisallowed):
        f.fetch(web.base + "/public")
    assert "/private/a" not in web.hits


def test_an_oversized_robots_txt_is_read_up_to_500_kib(web):
    rules = b"User-agent: *\nDisallow: /private/\n" + b"# padding line\n" * 60_000  # ~900 KB
    refused_by_robots(web, rules, "/private/a", max_bytes=5_000_000)


def test_a_binary_robots_txt_disallows_everything(web):
    refused_by_robots(web, b"\x00\x01\x02garbage\xff" * 50, "/a", ctype="application/octet-stream")


# -- 3. one deadline per request; Crawl-delay capped ------------------------------------------
def _drip_headers(req):
    """Response headers one byte every 0.25 s, for up to 12 s, then hang up."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: " + b"a" * 200
    for byte in head[:48]:
        req.wfile.write(bytes([byte]))
        req.wfile.flush()
        time.sleep(0.25)
    req.close_connection = True


def test_headers_sent_one_byte_at_a_time_hit_the_deadline(web):
    web.routes["/drip"] = _drip_headers
    with fetcher(timeout=1.5) as f, pytest.raises(errors.FetchTimeout):
        f.fetch(web.base + "/drip")


def test_a_crawl_delay_over_the_cap_defers_the_host(web):
    web.routes["/robots.txt"] = lambda req: send(req, body=b"User-agent: *\nCrawl-delay: 3600\n", ctype="text/plain")
    web.routes["/a"] = lambda req: send(req, body=PAGE)
    web.routes["/b"] = lambda req: send(req, body=PAGE)
    with fetcher(max_crawl_delay=60.0) as f:
        assert f.fetch(web.base + "/a").status == 200
        with pytest.raises(errors.Deferred) as info:
            f.fetch(web.base + "/b")
    assert info.value.transient and "/b" not in web.hits
    # the next fetcher of the same run (the flow's next batch) does not start afresh
    visited: set[str] = set()
    first, second = (Fetcher(FetchOptions(allow_hosts=("127.0.0.1",), host_delay=0.0, retries=0), visited=visited)
                     for _ in range(2))
    with first:
        first.fetch(web.base + "/a")
    with second, pytest.raises(errors.Deferred):
        second.fetch(web.base + "/b")


# -- 2. charsets ------------------------------------------------------------------------------
@pytest.mark.parametrize("ctype, body", [
    ("text/html; charset=undefined", PAGE),
    ("text/html; charset=punycode", PAGE),
    ("text/html", b'<html><head><meta charset="undefined"></head><body><p>x</p></body></html>'),
    ("text/html", b'<html><head><meta charset="punycode"></head><body><p>x</p></body></html>'),
    ("text/html; charset=unicode-escape", PAGE),
])
def test_a_charset_that_is_not_one_is_a_named_error(ctype, body):
    with pytest.raises(errors.BadCharset):
        decode_body(body, ctype)


def test_utf16_declared_on_ascii_falls_back_to_detection():
    for page in (PAGE, PAGE + b" "):  # odd and even lengths: UTF-16 "decodes" the even one to nonsense
        assert decode_body(page, "text/html; charset=utf-16") == page.decode("ascii")
    assert decode_body(b'<meta charset="utf-16"><p>Kyiv</p>', "text/html").endswith("<p>Kyiv</p>")


def test_real_utf16_with_a_bom_is_fetched(web):
    body = "<html><body><p>Café</p></body></html>".encode("utf-16")
    web.routes["/u16"] = lambda req: send(req, body=body, ctype="text/html; charset=utf-16")
    with fetcher() as f:
        assert "<p>Café</p>" in f.fetch(web.base + "/u16").text
