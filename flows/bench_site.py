"""The benchmark's loopback news site, in a process of its own.

Kept apart from :mod:`claimlink.flows.pipeline_bench` because the site's process is
started with ``spawn`` and imports this module: it must not load spaCy or trafilatura.
"""

from __future__ import annotations

import http.server
import multiprocessing


class _Site(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


def _serve_forever(pages: list[bytes], port_out) -> None:
    """The site's process: answers the feed and the pages until terminated."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):  # noqa: N802
            path = self.path.split("?")[0]
            if path == "/feed.xml":
                items = "".join(f"<item><link>{self.server.base}/p/{i}</link></item>" for i in range(len(pages)))
                body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'
                return self._send(body.encode(), "application/rss+xml")
            if path.startswith("/p/") and path[3:].isdigit() and int(path[3:]) < len(pages):
                return self._send(pages[int(path[3:])], "text/html; charset=utf-8")
            return self._send(b"no", "text/plain", 404)

        def _send(self, body, ctype, status=200):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Site(("127.0.0.1", 0), Handler)
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    port_out.put(server.base)
    server.serve_forever()


class Site:
    """The loopback site in a process of its own, as a real site would be: its work does
    not share the benchmark's interpreter (and GIL) with the code being measured."""

    def __init__(self, pages: list[bytes]):
        ctx = multiprocessing.get_context("spawn")
        queue = ctx.Queue()
        self._proc = ctx.Process(target=_serve_forever, args=(pages, queue), daemon=True)
        self._proc.start()
        self.base = queue.get(timeout=60)

    def close(self) -> None:
        self._proc.terminate()
        self._proc.join(10)
