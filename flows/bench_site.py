"""A web site on 127.0.0.1 that serves fixed pages, in a process of its own.

``bench pipeline`` (the AEB pages) and ``eval realnews`` (the PolNeAR articles) serve
pages built from gold data and run the real nightly flow over them. The site runs in its
own process, as a real site would: its work does not share the measuring interpreter
(and its GIL) with the code being measured.

Kept apart from the modules that use it because the site's process is started with
``spawn`` and imports this module: it must not load spaCy or trafilatura.
"""

from __future__ import annotations

import http.server
import multiprocessing

#: ``{path: (body, content type)}``; a path is matched without its query string.
Routes = dict[str, tuple[bytes, str]]
#: Seconds to wait for the site's process to start listening.
START_TIMEOUT = 60


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up is not the site's problem


def _serve_forever(routes: Routes, base_out) -> None:
    """The site's process: answers ``routes`` (404 for anything else) until terminated."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):  # noqa: N802 - http.server naming
            body, ctype = routes.get(self.path.split("?")[0], (b"not found", "text/plain"))
            self.send_response(200 if self.path.split("?")[0] in routes else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Server(("127.0.0.1", 0), Handler)
    base_out.put(f"http://127.0.0.1:{server.server_address[1]}")
    server.serve_forever()


class Site:
    """``with Site(routes) as site: site.base`` is ``http://127.0.0.1:<port>``."""

    def __init__(self, routes: Routes):
        ctx = multiprocessing.get_context("spawn")
        queue = ctx.Queue()
        self._proc = ctx.Process(target=_serve_forever, args=(routes, queue), daemon=True)
        self._proc.start()
        self.base: str = queue.get(timeout=START_TIMEOUT)

    def close(self) -> None:
        self._proc.terminate()
        self._proc.join(10)

    def __enter__(self) -> "Site":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
