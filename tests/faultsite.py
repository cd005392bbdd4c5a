"""A web site on 127.0.0.1 that does everything a real site can do wrong, for the
ingestion tests. Good pages are the demo site's real news pages."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

from tests.conftest import send, stream

DEMO = Path(__file__).resolve().parent.parent / "demo" / "site"
GOOD = ["ap-2025-11-20-ukraine-peace-plan.html", "usatoday-epstein-guards.html", "spacenews-lunar-landers.html"]

#: path -> the fault it serves (and the error class the fetch log must show)
FAULTS = {
    "/slow": "FetchTimeout",
    "/endless": "TooLarge",
    "/huge": "TooLarge",
    "/error500": "HTTPStatusError",
    "/ratelimited": "HTTPStatusError",
    "/missing": "HTTPStatusError",
    "/loop-a": "TooManyRedirects",
    "/to-private": "BlockedURL",
    "/private/secret": "RobotsDisallowed",
    "/binary": "BadContent",
    "/not-article": "NotAnArticle",
}
#: good articles served with a problem the pipeline must get past
TOLERATED = {"/latin1-declared-utf8": "wrong charset", "/no-charset": "missing charset",
             "/malformed": "malformed HTML"}


def _paragraphs(sentence: str) -> str:
    """Six distinct paragraphs around one sentence (extractors drop repeated ones)."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    return "".join(f"<p>On {d}, {sentence.lower() if i else sentence}, according to notes from meeting {i + 1}, "
                   f"and {i + 2} residents asked questions about the plan.</p>" for i, d in enumerate(days))


class FaultHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        site = self.server
        path = self.path.split("?")[0]
        with site.lock:
            site.hits[path] = site.hits.get(path, 0) + 1
            hits = site.hits[path]
        base = site.base
        try:
            if path == "/robots.txt":
                return send(self, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path == "/feed.xml":
                links = [f"/good/{g}" for g in GOOD] + list(FAULTS) + list(TOLERATED)
                items = "".join(f"<item><title>{l}</title><link>{base}{l}</link></item>" for l in links)
                return send(self, 200, f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}'
                                       f"</channel></rss>".encode(), "application/rss+xml")
            if path == "/empty.xml":
                return send(self, 200, b'<?xml version="1.0"?><rss version="2.0"><channel><title>e</title>'
                                       b"</channel></rss>", "application/rss+xml")
            if path == "/malformed.xml":
                return send(self, 200, b"<rss><channel><item><title>broken", "application/rss+xml")
            if path == "/many.xml":
                items = "".join(f"<item><link>{base}/many/{i}</link></item>" for i in range(1000))
                return send(self, 200, f'<?xml version="1.0"?><rss version="2.0"><channel><title>m</title>{items}'
                                       f"</channel></rss>".encode(), "application/rss+xml")
            if path.startswith("/many/"):
                return send(self, 200, b"<html><body><p>Index page.</p></body></html>")
            if path.startswith("/good/"):
                page = DEMO / path.removeprefix("/good/")
                body = page.read_bytes()
                etag = f'"{len(body)}"'
                if self.headers.get("If-None-Match") == etag:
                    return send(self, 304, ctype=None, headers={"ETag": etag})
                return send(self, 200, body, headers={"ETag": etag})
            if path == "/slow":
                return stream(self, b"<p>drip</p>", 50, pause=0.2, length=100_000)
            if path == "/endless":
                return stream(self, b"<p>and more and more</p>" * 50, 100_000)
            if path == "/huge":
                return send(self, 200, b"<p>" + b"x" * 3_000_000 + b"</p>")
            if path == "/error500":
                return send(self, 500, b"internal error", "text/plain")
            if path == "/ratelimited":
                # refuses the first run (every retry), serves the article on a later run
                if hits <= site.ratelimit_hits:
                    return send(self, 429, b"slow down", "text/plain", {"Retry-After": "1"})
                text = ("<html><head><title>Port strike ends</title></head><body><article>" +
                        _paragraphs("Dock workers voted to end the strike at the port, the union said") +
                        "</article></body></html>")
                return send(self, 200, text.encode("utf-8"))
            if path == "/missing":
                return send(self, 404, b"not found", "text/plain")
            if path == "/loop-a":
                return send(self, 302, ctype=None, headers={"Location": "/loop-b"})
            if path == "/loop-b":
                return send(self, 302, ctype=None, headers={"Location": "/loop-a"})
            if path == "/to-private":
                return send(self, 302, ctype=None, headers={"Location": "http://10.255.255.1/internal"})
            if path == "/private/secret":
                return send(self, 200, (DEMO / GOOD[0]).read_bytes())
            if path == "/binary":
                return send(self, 200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
            if path == "/not-article":
                return send(self, 200, b"<html><body><nav><a href='/'>home</a></nav></body></html>")
            if path == "/latin1-declared-utf8":
                text = ("<html><head><title>Caf\u00e9 owners protest</title></head><body><article>" +
                        _paragraphs("Caf\u00e9 owners in the old town said the new rules would force them to close "
                                    "early, and the mayor's office denied that any closures were planned") +
                        "</article></body></html>")
                return send(self, 200, text.encode("latin-1", errors="replace"), "text/html; charset=utf-8")
            if path == "/no-charset":
                text = ("<html><head><title>Bridge to reopen</title></head><body><article>" +
                        _paragraphs("The ministry said the bridge would reopen in March after repairs, officials "
                                    "told reporters in the capital") + "</article></body></html>")
                return send(self, 200, text.encode("utf-8"), "text/html")
            if path == "/malformed":
                text = ("<html><head><title>Bus network</title><body><div><article>" +
                        _paragraphs("The council voted to expand the bus network, and the transport authority said "
                                    "service would begin next year").replace("</p>", "") +
                        "<div><span></article></p><p>unclosed")
                return send(self, 200, text.encode("utf-8"), "text/html; charset=utf-8")
            return send(self, 404, b"no such page", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            return None


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # clients that give up on /slow and /endless reset the connection: expected


class FaultSite:
    def __init__(self, ratelimit_hits: int = 3):
        self.server = _QuietServer(("127.0.0.1", 0), FaultHandler)
        self.server.daemon_threads = True
        self.server.hits = {}
        self.server.lock = threading.Lock()
        self.server.ratelimit_hits = ratelimit_hits
        self.base = self.server.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def hits(self) -> dict:
        return self.server.hits

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def sources_toml(self) -> str:
        b = self.base
        return (f'[[source]]\nname = "faults"\nurl = "{b}/feed.xml"\n'
                f'[[source]]\nname = "empty"\nurl = "{b}/empty.xml"\n'
                f'[[source]]\nname = "malformed"\nurl = "{b}/malformed.xml"\n'
                f'[[source]]\nname = "many"\nurl = "{b}/many.xml"\n'
                f'[[source]]\nname = "dead-host"\nurl = "http://127.0.0.1:9/feed.xml"\n')
