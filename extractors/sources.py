"""Where articles come from: the sources file, feeds, sitemaps and URL lists.

``sources.toml`` lists what a desk follows::

    [[source]]
    name = "ap-world"
    kind = "feed"                 # feed (RSS/Atom) | sitemap (incl. Google News) | urls
    url = "https://example.org/world.rss"

    [[source]]
    name = "desk-picks"
    kind = "urls"
    urls = ["https://example.org/a", "https://example.org/b"]   # or: url = a plain-text list

Parsing is pure: text in, :class:`Item` list out. Fetching is :mod:`claimlink.extractors.fetch`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import feedparser
from lxml import etree

from .errors import FeedError

KINDS = ("feed", "sitemap", "urls")
#: Items taken from one feed or sitemap per run; the rest wait for the next run.
MAX_ITEMS = 2000


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    url: str | None = None
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A link to an article, with what the feed said about it."""

    url: str
    title: str | None = None
    published: datetime | None = None


@dataclass
class Listing:
    items: list[Item] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # child sitemaps of a sitemap index


def load_sources(path: str | Path) -> list[SourceConfig]:
    """Read the sources file; raise :class:`FeedError` naming the line that is wrong."""
    path = Path(path)
    if not path.is_file():
        raise FeedError(f"sources file {path} not found; create it (see README, 'Sources')")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FeedError(f"{path}: not valid TOML: {exc}") from None
    out: list[SourceConfig] = []
    names: set[str] = set()
    for n, entry in enumerate(data.get("source", []), 1):
        if not isinstance(entry, dict):
            raise FeedError(f"{path}: [[source]] #{n} is not a table")
        name, kind = entry.get("name"), entry.get("kind", "feed")
        if not name or not isinstance(name, str):
            raise FeedError(f"{path}: [[source]] #{n} needs a name")
        if name in names:
            raise FeedError(f"{path}: source name {name!r} is used twice")
        if kind not in KINDS:
            raise FeedError(f"{path}: source {name!r}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        urls = entry.get("urls", [])
        if not entry.get("url") and not urls:
            raise FeedError(f"{path}: source {name!r} needs url (or urls for kind = \"urls\")")
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise FeedError(f"{path}: source {name!r}: urls must be a list of strings")
        names.add(name)
        out.append(SourceConfig(name=name, kind=kind, url=entry.get("url"), urls=tuple(urls)))
    return out


def _struct_time(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def parse_feed(text: str | bytes, base_url: str = "") -> Listing:
    """RSS 0.9x/1.0/2.0 or Atom, as text or as the bytes received (feedparser then reads
    the XML's own encoding declaration). A feed that is not XML at all raises
    :class:`FeedError`; an empty feed is an empty listing."""
    parsed = feedparser.parse(text)
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = entry.get("link") or next((l.get("href") for l in entry.get("links", []) if l.get("href")), None)
        if not link:
            continue
        items.append(Item(url=urljoin(base_url, link.strip()), title=entry.get("title"),
                          published=_struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))))
    # feedparser is lenient: a feed with XML errors but usable links is accepted, one that
    # yields nothing is reported (an empty but well-formed feed is just empty)
    if parsed.bozo and not items and not isinstance(parsed.bozo_exception, feedparser.CharacterEncodingOverride):
        raise FeedError(f"malformed feed: {parsed.bozo_exception}", url=base_url or None)
    return Listing(items=items)


_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


def parse_sitemap(text: str | bytes, base_url: str = "") -> Listing:
    """A sitemap, a sitemap index, or a Google News sitemap (``news:news`` entries give
    title and publication date).

    Bytes are decoded once, by the XML parser, as their BOM or ``encoding=`` declaration
    says; text is already decoded, so its declaration is dropped rather than applied a
    second time (which turned ISO-8859-1 "café" into "cafÃ©" and broke UTF-16)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    if isinstance(text, str):
        text = _XML_DECLARATION.sub("", text, count=1)
    try:
        root = etree.fromstring(text, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FeedError(f"not a sitemap: {exc}", url=base_url or None) from None
    tag = etree.QName(root).localname
    listing = Listing()
    if tag == "sitemapindex":
        for loc in root.iter(f"{_SM}loc", "loc"):
            if loc.text:
                listing.sitemaps.append(urljoin(base_url, loc.text.strip()))
        return listing
    if tag != "urlset":
        raise FeedError(f"not a sitemap: root element is <{tag}>", url=base_url or None)
    for url in list(root.iter(f"{_SM}url", "url"))[:MAX_ITEMS]:
        loc = url.find(f"{_SM}loc") if url.find(f"{_SM}loc") is not None else url.find("loc")
        if loc is None or not loc.text:
            continue
        title = url.findtext(f"{_NEWS}news/{_NEWS}title")
        date = url.findtext(f"{_NEWS}news/{_NEWS}publication_date") or url.findtext(f"{_SM}lastmod")
        published = None
        if date:
            try:
                published = datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
            except ValueError:
                published = None
        listing.items.append(Item(url=urljoin(base_url, loc.text.strip()), title=title, published=published))
    return listing


def parse_url_list(text: str, base_url: str = "") -> Listing:
    """One URL per line; blank lines and lines starting with # are skipped."""
    items = [Item(url=urljoin(base_url, line.strip())) for line in text.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    return Listing(items=items[:MAX_ITEMS])


PARSERS = {"feed": parse_feed, "sitemap": parse_sitemap, "urls": parse_url_list}
