"""Bytes of a fetched body -> text.

Order: a byte-order mark, then the declared charset (Content-Type header, then
``<meta charset>``), then UTF-8, then cp1252. A declared charset that does not decode the
body is ignored, as browsers do; a declared UTF-16/32 on a body without a single NUL byte
(ASCII text, so not really UTF-16) is ignored too. A declared name that is not a text
encoding at all -- ``undefined``, ``punycode``, ``idna``, the escape codecs -- raises
:class:`~claimlink.extractors.errors.BadCharset` for that page alone (Python's codecs
would raise a bare ``UnicodeError``, or decode ASCII into nonsense).
"""

from __future__ import annotations

import codecs
import re

from .errors import BadCharset

#: Bytes read to sniff binary content and an HTML <meta charset>.
SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
#: Python codecs that are registered as text encodings but are not charsets of web pages.
_NOT_CHARSETS = {"undefined", "punycode", "idna", "raw_unicode_escape", "unicode_escape", "utf_7",
                 "mbcs", "oem", "palmos"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def charset_of(content_type: str) -> str | None:
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1).lower() if m else None


def text_codec(label: str, url: str | None = None) -> str:
    """The Python codec name of a declared charset; :class:`BadCharset` if it is not one."""
    try:
        info = codecs.lookup(label)
    except LookupError:
        raise BadCharset(f"unknown charset {label!r}", url=url) from None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _NOT_CHARSETS:
        raise BadCharset(f"{label!r} is not a text charset", url=url)
    return info.name


def bom_codec(body: bytes) -> str | None:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    return None


def decode_body(body: bytes, content_type: str = "", url: str | None = None) -> str:
    """Decode a page body (see the module docstring for the order)."""
    bom = bom_codec(body)
    if bom:
        return body.decode(bom + ("-sig" if bom == "utf-8" else ""), errors="replace")
    declared = [charset_of(content_type)]
    m = _META_CHARSET.search(body[:SNIFF_BYTES])
    if m:
        declared.append(m.group(1).decode("ascii", "ignore").lower())
    candidates = [text_codec(label, url) for label in declared if label]
    for enc in candidates + ["utf-8", "cp1252"]:
        if enc.startswith(("utf-16", "utf-32")) and b"\x00" not in body[:SNIFF_BYTES]:
            continue  # declared wide, but the bytes are ASCII-compatible text
        try:
            return body.decode(enc)
        except UnicodeError:
            continue
    return body.decode("utf-8", errors="replace")  # pragma: no cover - cp1252 rarely fails


def looks_binary(head: bytes) -> bool:
    """NUL bytes or a known binary signature in the first bytes mean it is not text
    (UTF-16 and UTF-32 text with a byte-order mark is text)."""
    if bom_codec(head):
        return False
    if b"\x00" in head[:1024]:
        return True
    return head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b"))
