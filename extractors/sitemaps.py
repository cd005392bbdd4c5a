"""Following a sitemap index: its child sitemaps, and theirs.

An index may point to other indexes; children may be ``.xml.gz``. The walk is breadth
first, bounded in depth, in number and in time, and visits each URL once, so an index
that points back to itself ends. Nothing is stored here: the caller logs the problems.
"""

from __future__ import annotations

import time

from . import errors
from .fetch import Fetcher
from .sources import Listing, parse_sitemap
from .types import FetchResult

#: Levels of sitemap index below a source's own listing that are followed.
MAX_SITEMAP_DEPTH = 3
#: Child sitemaps fetched per source and run.
MAX_CHILD_SITEMAPS = 50


def listing_payload(kind: str, res: FetchResult) -> str | bytes:
    """What a listing parser reads: XML (feeds, sitemaps) as the bytes received, so the
    parser applies the document's own encoding declaration once; a URL list as text."""
    return res.body if kind in ("feed", "sitemap") and res.body else res.text


def expand_sitemaps(fetcher: Fetcher, listing: Listing, deadline: float) -> list[errors.ClaimlinkError]:
    """Fetch the child sitemaps of ``listing`` (an index) and add their items to it.

    Returns one error per child not read: a fetch or parse error, a
    :class:`~claimlink.extractors.errors.Deferred` for children left when ``deadline``
    (``time.monotonic()``) has passed or past MAX_CHILD_SITEMAPS, and a
    :class:`~claimlink.extractors.errors.FeedError` for indexes nested too deep."""
    queue = [(url, 1) for url in listing.sitemaps]
    seen = set(listing.sitemaps)
    problems: list[errors.ClaimlinkError] = []
    fetched = 0
    while queue:
        child, depth = queue.pop(0)
        if time.monotonic() > deadline:
            problems.append(errors.Deferred("the source's time budget for this run is spent", url=child))
        elif fetched >= MAX_CHILD_SITEMAPS:
            problems.append(errors.Deferred(f"more than {MAX_CHILD_SITEMAPS} child sitemaps", url=child))
        elif depth > MAX_SITEMAP_DEPTH:
            problems.append(errors.FeedError(f"sitemap index nested deeper than {MAX_SITEMAP_DEPTH} levels",
                                             url=child))
        else:
            fetched += 1
            try:
                sub = fetcher.fetch(child, accept=None, gunzip=True)
                found = parse_sitemap(listing_payload("sitemap", sub), sub.final_url)
            except (errors.FetchError, errors.FeedError) as exc:
                problems.append(exc)
                continue
            listing.items.extend(found.items)
            queue += [(url, depth + 1) for url in found.sitemaps if url not in seen]
            seen.update(found.sitemaps)
    return problems
