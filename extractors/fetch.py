"""Polite, defensive HTTP fetching on httpx.

What "polite" means here:

- robots.txt is read once per host (protego, RFC 9309) and honoured, Crawl-delay included;
- requests to one host are spaced by at least ``host_delay`` seconds;
- stored validators make re-fetches conditional, so an unchanged page costs a 304;
- 429/503 answers are retried after their Retry-After, other transient failures with
  exponential backoff; a persistent failure raises a named :mod:`claimlink.extractors.errors` class;
- every request says who we are (User-Agent with a contact).

What "defensive" means: bodies are capped in bytes and in total time (a slow or endless
response cannot hold a worker), redirects are followed by hand with a limit and loop check,
binary bodies are refused, charsets are checked, and no request reaches a private,
loopback or link-local address unless its host is allow-listed -- checked on every hop,
against the address actually connected to (the request is pinned to the checked IP, so a
second DNS answer cannot smuggle in an internal host).
"""

from __future__ import annotations

import email.utils
import ipaddress
import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from protego import Protego

from claimlink.settings import Settings

from . import errors
from .charset import SNIFF_BYTES, decode_body, looks_binary
from .netguard import DeadlineTransport, Resolver, deadline, is_public_address, system_resolver
from .types import FetchResult

__all__ = ["FEED_TYPES", "HTML_TYPES", "FetchOptions", "Fetcher", "decode_body", "looks_binary"]

#: Longest Retry-After we are willing to sleep inside one fetch; longer waits are left to
#: the next run (the URL stays in the fetch log as a transient failure).
MAX_RETRY_AFTER = 30.0
#: Base of the exponential backoff between retries of transient failures, in seconds.
BACKOFF_BASE = 0.5
#: Bytes of robots.txt that are parsed; RFC 9309 2.5 lets crawlers stop at 500 KiB.
ROBOTS_MAX_BYTES = 500 * 1024
#: What is left of a robots.txt that cannot be read as text: disallow everything.
_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
    "application/rdf+xml", "text/plain", "application/x-rss+xml",
)


_DEFAULTS = Settings()


@dataclass(frozen=True)
class FetchOptions:
    """What one :class:`Fetcher` needs of the settings; the defaults are :class:`Settings`' own."""

    user_agent: str = _DEFAULTS.full_user_agent
    allow_hosts: tuple[str, ...] = _DEFAULTS.allow_hosts
    host_delay: float = _DEFAULTS.host_delay
    max_bytes: int = _DEFAULTS.max_bytes
    timeout: float = _DEFAULTS.timeout
    max_redirects: int = _DEFAULTS.max_redirects
    retries: int = _DEFAULTS.retries
    respect_robots: bool = True
    #: Longest Crawl-delay honoured; a host asking for more gets one request per run.
    max_crawl_delay: float = _DEFAULTS.max_crawl_delay

    @classmethod
    def from_settings(cls, settings: Settings) -> "FetchOptions":
        return cls(
            user_agent=settings.full_user_agent, allow_hosts=tuple(settings.allow_hosts),
            host_delay=settings.host_delay, max_bytes=settings.max_bytes,
            timeout=settings.timeout, max_redirects=settings.max_redirects,
            retries=settings.retries, max_crawl_delay=settings.max_crawl_delay,
        )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    """Fetch URLs politely. One instance per run; it keeps the robots and pacing state.

    Thread-safe: pacing per host holds across threads of one process. Pacing across
    processes or machines is the orchestrator's job (Prefect rate limits in ``flows``).
    """

    def __init__(self, options: FetchOptions | None = None, *, transport: httpx.BaseTransport | None = None,
                 pacer=None, resolver: Resolver = system_resolver, visited: set[str] | None = None):
        """``pacer(host)``, if given, is called before every request to ``host`` and may
        block: the orchestrator's way to pace one host across processes and machines.
        ``resolver(host, port)`` lists the addresses of a host (tests pass a fake one).
        ``visited`` is the set of hosts requested in this run, shared by the fetchers of
        one run, so that a host over the Crawl-delay cap gets one request per run."""
        self.options = options or FetchOptions()
        self.pacer = pacer
        self.resolver = resolver
        self._client = httpx.Client(
            # only what _decompress can undo: the body is read raw to cap its size
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False,
            timeout=httpx.Timeout(self.options.timeout),
            transport=transport or DeadlineTransport(),
            trust_env=False,
        )
        self._robots: dict[str, Protego | None] = {}
        self._last: dict[str, float] = {}
        self._visited = visited if visited is not None else set()
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- address safety -------------------------------------------------------------
    def _allowed_host(self, host: str) -> bool:
        return host.lower() in {h.lower() for h in self.options.allow_hosts}

    def resolve(self, url: str) -> tuple[str, str, int]:
        """Return (host, ip, port) for ``url`` after checking that every address the host
        resolves to is globally routable (or the host is allow-listed)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise errors.BlockedURL(f"only http and https URLs are fetched, not {parts.scheme!r}", url=url)
        host = (parts.hostname or "").lower()
        if not host:
            raise errors.BlockedURL("URL has no host", url=url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise errors.BlockedURL("URL has an invalid port", url=url) from None
        try:
            ips = [ipaddress.ip_address(a) for a in self.resolver(host, port)]
        except (OSError, UnicodeError, ValueError) as exc:
            raise errors.ConnectFailed(f"cannot resolve host {host!r}: {exc}", url=url) from None
        if not ips:
            raise errors.ConnectFailed(f"host {host!r} has no address", url=url)
        allowed = self._allowed_host(host)
        for ip in ips:
            if not is_public_address(ip) and not (allowed or self._allowed_host(str(ip))):
                raise errors.BlockedURL(
                    f"{host} resolves to non-public address {ip}; add it to CLAIMLINK_ALLOW_HOSTS "
                    "to fetch it anyway", url=url)
        return host, str(ips[0]), port

    # -- pacing -----------------------------------------------------------------------
    def _wait_turn(self, host: str, delay: float) -> None:
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            now = time.monotonic()
            wait = self._last.get(host, 0.0) + delay - now
            if wait > 0:
                time.sleep(wait)
            if self.pacer is not None and delay > 0:
                self.pacer(host)
            self._last[host] = time.monotonic()

    # -- robots.txt -------------------------------------------------------------------
    def robots_for(self, url: str) -> Protego | None:
        """The robots rules of ``url``'s origin (None: no rules). Per RFC 9309: a 5xx
        answer means "disallow all"; 4xx means no rules; only the first 500 KiB are read;
        a file that is binary or not text means "disallow all"."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self._robots:
            return self._robots[origin]
        robots: Protego | None
        try:
            res = self._request(origin + "/robots.txt", accept=None, delay=self.options.host_delay,
                                max_bytes=ROBOTS_MAX_BYTES, truncate=True, check_robots=False)
            robots = Protego.parse(res.text)
        except errors.HTTPStatusError as exc:
            if exc.status >= 500:
                # RFC 9309 2.3.1.4: an unreachable robots.txt means "assume disallowed".
                raise errors.RobotsDisallowed(
                    f"robots.txt answered {exc.status}; treating the site as disallowed", url=url) from None
            robots = None  # 4xx: no rules, everything allowed
        except errors.BadContent:
            robots = Protego.parse(_DISALLOW_ALL)  # binary or undecodable: not a file we can obey
        except errors.TooManyRedirects:
            robots = None  # RFC 9309 2.3.1.2: may be taken as unavailable
        self._robots[origin] = robots
        return robots

    def _check_robots(self, url: str) -> None:
        robots = self.robots_for(url)
        if robots is not None and not robots.can_fetch(url, self.options.user_agent):
            raise errors.RobotsDisallowed("robots.txt disallows this URL", url=url)

    def crawl_delay(self, url: str) -> float:
        robots = self._robots.get("{0.scheme}://{0.netloc}".format(urlsplit(url)))
        delay = robots.crawl_delay(self.options.user_agent) if robots else None
        return max(self.options.host_delay, float(delay or 0.0))

    def _delay_for(self, url: str) -> float:
        """The pause before a request to ``url``'s host. A Crawl-delay over the cap gets
        one request per run: later ones raise :class:`~claimlink.extractors.errors.Deferred`."""
        delay = self.crawl_delay(url)
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            first = host not in self._visited
            self._visited.add(host)
        if delay > self.options.max_crawl_delay:
            if not first:
                raise errors.Deferred(f"Crawl-delay {delay:.0f}s is over the {self.options.max_crawl_delay:.0f}s "
                                      "cap; the host gets one request per run", url=url)
            return self.options.host_delay
        return delay

    # -- fetching ---------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              accept: tuple[str, ...] | None = HTML_TYPES, gunzip: bool = False) -> FetchResult:
        """Fetch ``url`` politely, following redirects; raise a FetchError on failure.

        ``accept`` lists the content types that are acceptable (None accepts any text).
        ``gunzip`` takes a gzip file (a ``.xml.gz`` sitemap) as its decompressed text.
        A 304 answer to a conditional request returns a result with ``not_modified``.
        """
        if self.options.respect_robots:
            self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        delay = self._delay_for(url)
        while True:
            try:
                return self._request(url, accept=accept, headers=headers, delay=delay, gunzip=gunzip,
                                     check_robots=self.options.respect_robots)
            except errors.FetchError as exc:
                attempt += 1
                if not exc.transient or attempt > self.options.retries:
                    raise
                wait = BACKOFF_BASE * (2 ** (attempt - 1))
                retry_after = getattr(exc, "retry_after", None)
                if retry_after is not None:
                    if retry_after > MAX_RETRY_AFTER:
                        raise
                    wait = max(wait, retry_after)
                time.sleep(wait)

    def _request(self, url: str, *, accept, delay: float, headers: dict | None = None,
                 max_bytes: int | None = None, truncate: bool = False, gunzip: bool = False,
                 check_robots: bool = True) -> FetchResult:
        """One request with its redirects, all within one deadline of ``timeout`` seconds
        (connect, headers and body). Every redirect target is checked against its
        address rules and, with ``check_robots``, its robots.txt."""
        started = time.monotonic()
        deadline_at = started + self.options.timeout
        max_bytes = max_bytes or self.options.max_bytes
        seen = {url}
        current = url
        for _hop in range(self.options.max_redirects + 1):
            if check_robots and current != url:
                self._check_robots(current)
            host, ip, port = self.resolve(current)
            self._wait_turn(host, delay)
            parts = urlsplit(current)
            netloc_ip = f"[{ip}]" if ":" in ip else ip
            pinned = urlunsplit((parts.scheme, f"{netloc_ip}:{port}", parts.path or "/", parts.query, ""))
            req_headers = {"Host": parts.netloc, **(headers or {})}
            ext = {"sni_hostname": host} if parts.scheme == "https" else {}
            remaining = deadline_at - time.monotonic()
            if remaining <= 0:
                raise errors.FetchTimeout(f"no complete answer within {self.options.timeout:.0f}s", url=url)
            with deadline(deadline_at):
                try:
                    request = self._client.build_request("GET", pinned, headers=req_headers, extensions=ext,
                                                         timeout=httpx.Timeout(remaining))
                    response = self._client.send(request, stream=True)
                except httpx.TimeoutException:
                    raise errors.FetchTimeout(f"no answer within {self.options.timeout:.0f}s",
                                              url=current) from None
                except httpx.HTTPError as exc:
                    raise errors.ConnectFailed(f"{type(exc).__name__}: {exc}", url=current) from None
                try:
                    if response.status_code in (301, 302, 303, 307, 308):
                        location = response.headers.get("location")
                        if not location:
                            raise errors.BadContent("redirect without a Location header", url=current)
                        nxt = urljoin(current, location)
                        if nxt in seen:
                            raise errors.TooManyRedirects(f"redirect loop back to {nxt}", url=url)
                        seen.add(nxt)
                        current = nxt
                        continue
                    return self._read(url, current, response, accept, deadline_at, max_bytes, started,
                                      truncate=truncate, gunzip=gunzip)
                finally:
                    response.close()
        raise errors.TooManyRedirects(f"more than {self.options.max_redirects} redirects", url=url)

    def _read(self, url, final_url, response: httpx.Response, accept, deadline_at, max_bytes,
              started, *, truncate: bool = False, gunzip: bool = False) -> FetchResult:
        status = response.status_code
        ctype = response.headers.get("content-type", "")
        validators = dict(etag=response.headers.get("etag"),
                          last_modified=response.headers.get("last-modified"))
        if status == 304:
            return FetchResult(url, final_url, 304, ctype, "", 0, time.monotonic() - started, **validators)
        if status >= 400:
            raise errors.HTTPStatusError(
                f"HTTP {status}", url=final_url, status=status,
                retry_after=_retry_after(response.headers.get("retry-after")))
        declared = response.headers.get("content-length")
        if not truncate and declared and declared.isdigit() and int(declared) > max_bytes:
            raise errors.TooLarge(f"declared {int(declared):,} bytes, cap is {max_bytes:,}", url=final_url)
        mime = ctype.split(";")[0].strip().lower()
        if accept and mime and mime not in accept:
            raise errors.BadContent(f"content type {mime!r} is not one of {', '.join(accept)}", url=final_url)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_raw():
                size += len(chunk)
                if size > max_bytes:
                    if truncate:
                        chunks.append(chunk[:max_bytes - size])
                        break
                    raise errors.TooLarge(f"body exceeds the {max_bytes:,}-byte cap", url=final_url)
                if time.monotonic() > deadline_at:
                    raise errors.FetchTimeout(
                        f"body not complete within {self.options.timeout:.0f}s", url=final_url)
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise errors.FetchTimeout(f"body not complete within {self.options.timeout:.0f}s",
                                      url=final_url) from None
        except httpx.HTTPError as exc:
            raise errors.ConnectFailed(f"connection broke while reading: {exc}", url=final_url) from None
        body = b"".join(chunks)
        encoding = response.headers.get("content-encoding", "").lower()
        if encoding in ("gzip", "deflate", "br"):
            body = _decompress(body, encoding, max_bytes, final_url, truncate=truncate)
        if gunzip and body.startswith(b"\x1f\x8b"):
            body = _decompress(body, "gzip", max_bytes, final_url, truncate=truncate)
        if looks_binary(body[:SNIFF_BYTES]):
            raise errors.BadContent(f"binary data served as {mime or 'unknown type'}", url=final_url)
        text = decode_body(body, ctype, url=final_url)
        return FetchResult(url, final_url, status, ctype, text, size, time.monotonic() - started,
                           body=body, **validators)


def _decompress(body: bytes, encoding: str, max_bytes: int, url: str, *, truncate: bool = False) -> bytes:
    """Undo gzip or deflate; the cap applies to the decompressed bytes (a gzip bomb
    stops at ``max_bytes``). ``truncate`` keeps the first ``max_bytes`` instead of raising."""
    import zlib

    if encoding == "br":
        raise errors.BadContent("brotli content-encoding is not supported", url=url)
    wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise errors.BadContent(f"corrupt {encoding} body: {exc}", url=url) from None
    if len(out) > max_bytes:
        if truncate:
            return out[:max_bytes]
        raise errors.TooLarge(f"decompressed body exceeds the {max_bytes:,}-byte cap", url=url)
    return out
