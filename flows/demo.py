"""The demo site bundled in ``demo/site``: a feed plus article pages, served from
127.0.0.1 for the length of a run. ``make run`` points the nightly flow at it.

The port is fixed (``Settings.demo_port``: env ``CLAIMLINK_DEMO_PORT``, default 8765) so
that a second run sees the same URLs and adds nothing; if it is taken, a free port is used.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

from claimlink.settings import Settings

SITE = Path(__file__).resolve().parent.parent / "demo" / "site"
DEFAULT_PORT = Settings.demo_port
#: A fixed publication time per page keeps the feed byte-identical between runs.
FEED_DATE = "Thu, 20 Nov 2025 18:00:00 GMT"


def pages(site: Path = SITE) -> list[Path]:
    return sorted(site.glob("*.html"))


def feed_xml(base_url: str, site: Path = SITE) -> str:
    items = []
    for page in pages(site):
        head = page.read_text(encoding="utf-8", errors="replace")[:20000]
        m = re.search(r"<title[^>]*>(.*?)</title>", head, re.S | re.I)
        title = re.sub(r"\s+", " ", m.group(1)).strip() if m else page.stem
        title = title.replace("&", "&amp;").replace("<", "&lt;")
        items.append(f"    <item><title>{title}</title><link>{base_url}/{page.name}</link>"
                     f"<guid>{base_url}/{page.name}</guid><pubDate>{FEED_DATE}</pubDate></item>")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\n"
            f"  <title>claimlink demo desk</title><link>{base_url}/</link>"
            "<description>Demo feed for claimlink</description>\n" + "\n".join(items) + "\n</channel></rss>\n")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".html": "text/html; charset=utf-8"}

    def do_GET(self):  # noqa: N802 - http.server naming
        if self.path.split("?")[0] == "/feed.xml":
            if self.headers.get("If-Modified-Since") == FEED_DATE:
                self.send_response(304)
                self.end_headers()
                return
            body = feed_xml(self.server.base_url, Path(self.directory)).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", FEED_DATE)
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path == "/robots.txt":
            body = b"User-agent: *\nAllow: /\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):  # quiet
        pass


class DemoSite:
    """``with DemoSite() as site: site.feed_url``: serves ``demo/site`` on loopback."""

    def __init__(self, port: int = DEFAULT_PORT, site: Path = SITE):
        self.site = site
        handler = functools.partial(_Handler, directory=str(site))
        try:
            self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base_url = self.server.base_url = f"http://127.0.0.1:{self.port}"
        self.feed_url = f"{self.base_url}/feed.xml"
        self._thread = threading.Thread(target=self.server.serve_forever, name="demo-site", daemon=True)

    def __enter__(self) -> "DemoSite":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sources_toml(self) -> str:
        return f'[[source]]\nname = "demo-desk"\nkind = "feed"\nurl = "{self.feed_url}"\n'
