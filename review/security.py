"""HTTP hardening of the review desk: security headers on every response, and ids from the
URL or a form checked against the range the store's integer columns hold."""

from __future__ import annotations

import math

from fastapi import HTTPException
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Scripts, styles and images only from the desk itself (the templates hold no inline script
#: or handler: app.js is in /static); no framing; no plugin content; forms post only here.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
#: The ids are ``Integer`` columns: 32-bit on PostgreSQL. A larger number names no row.
MAX_ID = 2**31 - 1


class SecurityHeaders:
    """ASGI middleware that sets :data:`HEADERS` on every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def link_id_or_404(link_id: int) -> int:
    if not 0 < link_id <= MAX_ID:
        raise HTTPException(404, f"no flagged pair {link_id}")
    return link_id


def form_ids(values: list[str]) -> list[int]:
    """Pair ids posted by a form; anything but a positive integer in range is a 400."""
    try:
        ids = [int(v) for v in values]
    except ValueError:
        raise HTTPException(400, "pair ids are whole numbers") from None
    if any(not 0 < i <= MAX_ID for i in ids):
        raise HTTPException(400, "a pair id is out of range")
    return ids


def page_cursor(after: str) -> tuple[float, int]:
    """The queue's ``after=score:id`` cursor; a malformed or out-of-range one is a 400."""
    try:
        score_s, id_s = after.split(":")
        score, last = float(score_s), int(id_s)
    except ValueError:
        raise HTTPException(400, "bad page cursor") from None
    if not math.isfinite(score) or not 0 <= last <= MAX_ID:
        raise HTTPException(400, "bad page cursor")
    return score, last
