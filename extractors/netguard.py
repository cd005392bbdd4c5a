"""Two guards of the fetcher against hostile hosts: which addresses may be reached, and
one wall-clock deadline per request.

Addresses: only globally routable ones (the IANA special-purpose registries), with the
IPv4 address inside an IPv6 one unwrapped and checked too (IPv4-mapped, 6to4, Teredo,
NAT64), so ``2002:a00:1::`` is refused like ``10.0.0.1``. ``ipaddress.is_global`` alone is
not enough on Python 3.11: it counts 192.0.0.0/24 (192.0.0.192 is a cloud metadata
address) and the 6to4 and NAT64 prefixes as global.

Deadline: httpx's timeouts are per socket operation, so a server that sends one header
byte every half second is never timed out. :class:`DeadlineTransport` clamps every
connect, read and write to what is left of the deadline set by :func:`deadline`, so one
request -- headers and body -- ends when its time is up.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from contextlib import contextmanager
from typing import Callable

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``resolver(host, port)`` -> the IP addresses (as text) the host name resolves to.
Resolver = Callable[[str, int], list[str]]

#: Special-purpose ranges that are not globally reachable (RFC 6890 and the IANA
#: registries), refused even where this Python's ``is_global`` says otherwise.
_NOT_GLOBAL = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "::/128", "::1/128", "100::/64", "2001::/23", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10",
    "ff00::/8", "64:ff9b:1::/48",
)]
#: NAT64 prefixes: the IPv4 address is the last 32 bits (RFC 6052, RFC 8215).
_NAT64 = [ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48")]


def embedded_ipv4(ip: Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: IPv4-mapped, 6to4, Teredo (server and
    client) and NAT64. Empty for IPv4 and plain IPv6 addresses."""
    if ip.version == 4:
        return []
    out = []
    if ip.ipv4_mapped:
        out.append(ip.ipv4_mapped)
    if ip.sixtofour:
        out.append(ip.sixtofour)
    if ip.teredo:
        out.extend(ip.teredo)
    if any(ip in net for net in _NAT64):
        out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def is_public_address(ip: Address) -> bool:
    """True for an address that is globally routable, and whose embedded IPv4 address,
    if it has one, is too."""
    if not ip.is_global or ip.is_multicast or any(ip in net for net in _NOT_GLOBAL
                                                   if net.version == ip.version):
        return False
    return all(is_public_address(inner) for inner in embedded_ipv4(ip))


def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's resolver (``getaddrinfo``), scope ids dropped."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0].split("%")[0] for info in infos]


# -- one deadline per request ---------------------------------------------------------------
_local = threading.local()


@contextmanager
def deadline(at: float):
    """Within the block, network operations of a :class:`DeadlineTransport` on this thread
    end at ``at`` (a ``time.monotonic()`` value) at the latest."""
    before = getattr(_local, "at", None)
    _local.at = at
    try:
        yield
    finally:
        _local.at = before


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    at = getattr(_local, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname,
                                                      _clamp(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self):
        self._backend = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return _DeadlineStream(self._backend.connect_tcp(host, port, _clamp(timeout, httpcore.ConnectTimeout),
                                                         local_address, socket_options))

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover - unused
        return _DeadlineStream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:  # pragma: no cover - used by httpcore retries only
        self._backend.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport on a network backend that honours :func:`deadline`."""

    def __init__(self):
        super().__init__(trust_env=False)
        self._pool.close()
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             network_backend=_DeadlineBackend())
