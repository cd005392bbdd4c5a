"""HTML page -> :class:`~claimlink.extractors.types.Article`.

The main text comes from trafilatura (F1 0.95 on the ScrapingHub article-extraction
benchmark; ``claimlink eval extraction`` measures it here). Metadata is read from, in
order of trust: JSON-LD ``NewsArticle``/``Article`` objects, OpenGraph and ``<meta>`` tags,
then what trafilatura found, then the ``<title>``. beautifulsoup4 reads the tags.

Pages that are not articles (too little text) or not in English raise
:class:`~claimlink.extractors.errors.NotAnArticle` / :class:`~claimlink.extractors.errors.NotEnglish`; the
caller records and skips them.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import tldextract
import trafilatura
from bs4 import BeautifulSoup

from .errors import ArticleError, NotAnArticle, NotEnglish
from .types import Article

#: Fewer words than this in the main text and the page is not an article.
MIN_WORDS = 60
#: Share of English function words below which a text is taken to be in another language.
#: English news prose runs at 0.35-0.45; French, German or Spanish at under 0.05.
MIN_ENGLISH_RATIO = 0.12
#: Pages larger than this many characters are cut before parsing (the fetcher caps bytes).
MAX_HTML_CHARS = 3_000_000
#: Article text is cut at a paragraph boundary past this many characters: no news story
#: is longer, and spaCy refuses texts over a million characters.
MAX_TEXT_CHARS = 200_000
#: Query parameters that only track the reader; they are removed when normalising URLs.
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ref|ref_src|cmpid|"
                             r"ocid|smid|sref|_ga|igshid|yclid|mkt_tok|src|at_\w+)$", re.I)
_ENGLISH = frozenset("the of and to in a is that for on it with as was by at from he she his her "
                     "they be are have has had this not but said an will would their who".split())
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                  "OpinionNewsArticle", "BackgroundNewsArticle", "WebPage"}


#: The Public Suffix List as shipped inside tldextract (no download, no cache written),
#: private suffixes included: two blogs on github.io are two sites.
_PSL = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def site_of(host: str) -> str:
    """The registrable domain of a host ("www.bbc.co.uk" -> "bbc.co.uk"); an IP address
    or a name without a public suffix is its own site."""
    host = host.lower().rstrip(".")
    return _PSL(host).top_domain_under_public_suffix or host


def trusted_canonical(candidate: str | None, page_url: str) -> str | None:
    """``candidate`` (a canonical or og:url, maybe relative) as an absolute URL, if it may
    name the page: http(s), and on the same registrable domain as the page. A page
    cannot claim to be another site's article, nor carry a ``javascript:`` URL."""
    if not candidate or not isinstance(candidate, str):
        return None
    url = urljoin(page_url, candidate.strip())
    parts, page = urlsplit(url), urlsplit(page_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or not page.hostname:
        return None
    return url if site_of(parts.hostname) == site_of(page.hostname) else None


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment, default ports and tracking
    parameters, keep the rest as it is (paths are case-sensitive)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMS.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def content_hash(text: str) -> str:
    """SHA-256 of the text with case, spacing and punctuation folded: the same story at
    two URLs (or re-served with other markup) hashes the same."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = " ".join(re.findall(r"\w+", folded))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def english_ratio(text: str) -> float:
    words = re.findall(r"[a-zA-Z']+", text[:20000].lower())
    if not words:
        return 0.0
    return sum(w in _ENGLISH for w in words) / len(words)


def _parse_date(value) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    for fmt in (None, "%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y"):
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00")) if fmt is None else datetime.strptime(value, fmt)
        except ValueError:
            continue
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
    try:
        from email.utils import parsedate_to_datetime

        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.I)
_JSONLD = re.compile(r"<script[^>]+application/ld\+json[^>]*>.*?</script\s*>", re.I | re.S)
_HTML_TAG = re.compile(r"<html[^>]*>", re.I)


def _metadata_soup(html: str) -> BeautifulSoup:
    """A soup of what metadata lives in: the ``<head>``, the ``<html>`` tag and the JSON-LD
    blocks (which pages also put in the body). trafilatura parses the whole page for the
    text; parsing it a second time for a few tags would double the cost."""
    m = _HEAD_END.search(html)
    head = html[:m.start()] if m else html[:20000]
    if not _HTML_TAG.search(head):
        tag = _HTML_TAG.search(html)
        head = (tag.group(0) if tag else "<html>") + head
    blocks = "".join(_JSONLD.findall(html[len(head):])) if m else ""
    return BeautifulSoup(head + "</head><body>" + blocks + "</body></html>", "lxml")


def _htmldate(html: str, url: str) -> str | None:
    """Last resort for the date: htmldate's look at the URL and the page."""
    try:
        from htmldate import find_date

        return find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception:  # htmldate fails on odd markup in many ways; no date is a fine answer
        return None


def _plausible(*dates: datetime | None) -> datetime | None:
    """The first date that a news page could have: after 1990, not in the future.
    Pages carry placeholders such as 0001-01-01 in their metadata."""
    now = datetime.now(timezone.utc)
    for d in dates:
        if d is not None and datetime(1990, 1, 1, tzinfo=timezone.utc) <= d <= now.replace(year=now.year + 1):
            return d
    return None


def _jsonld_objects(soup: BeautifulSoup) -> list[dict]:
    out: list[dict] = []
    for tag in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(tag.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                types = item.get("@type")
                types = set(types) if isinstance(types, list) else {types}
                if types & _ARTICLE_TYPES:
                    out.append(item)
    # NewsArticle before a generic WebPage
    out.sort(key=lambda d: 0 if "WebPage" not in str(d.get("@type")) else 1)
    return out


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value["name"]] if isinstance(value.get("name"), str) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            return tag["content"].strip()
    return None


def extract_article(html: str, url: str, *, min_words: int = MIN_WORDS, check_language: bool = True) -> Article:
    """Turn a page into an article; raise a named :class:`ArticleError` if it is not one."""
    if not isinstance(html, str):
        raise ArticleError("HTML must be text", url=url)
    html = html[:MAX_HTML_CHARS]
    try:
        soup = _metadata_soup(html)
    except Exception as exc:  # lxml refuses only truly broken input; name it for the log
        raise ArticleError(f"unparseable HTML: {exc}", url=url) from None
    doc = _trafilatura(html, url)
    text = _clean_text((doc.text if doc is not None else "") or "")
    if len(re.findall(r"\w+", text)) < min_words:
        raise NotAnArticle(f"only {len(re.findall(chr(92) + 'w+', text))} words of main text", url=url)
    lang = (soup.html.get("lang") if soup.html else None) or (doc.language if doc is not None else None)
    if check_language:
        declared = (lang or "").lower()
        # A declared language is trusted unless the text plainly contradicts it; with no
        # declaration, the share of English function words decides.
        if declared and not declared.startswith("en") and english_ratio(text) < MIN_ENGLISH_RATIO:
            raise NotEnglish(f"page language is {lang!r}", url=url)
        if not declared.startswith("en") and english_ratio(text) < MIN_ENGLISH_RATIO:
            raise NotEnglish("text does not read as English", url=url)

    ld = _jsonld_objects(soup)
    first = ld[0] if ld else {}
    link = soup.find("link", rel="canonical")
    declared = [c for c in (link.get("href") if link else None, _meta(soup, "og:url"), first.get("url"))
                if c and isinstance(c, str)]
    canonical = next(filter(None, (trusted_canonical(c, url) for c in declared)), None)
    title = (first.get("headline") if isinstance(first.get("headline"), str) else None) \
        or _meta(soup, "og:title", "twitter:title") or (doc.title if doc is not None else None) \
        or (soup.title.string.strip() if soup.title and soup.title.string else None)
    published = _plausible(
        _parse_date(first.get("datePublished")),
        _parse_date(_meta(soup, "article:published_time", "og:published_time", "pubdate", "date", "dc.date",
                          "DC.date.issued", "sailthru.date", "parsely-pub-date")),
        _parse_date(first.get("dateModified")))
    if published is None:
        # a date in a declared URL is a hint like any in the page, trusted or not
        published = _plausible(_parse_date(_htmldate(html, canonical or (declared[0] if declared else url))))
    publisher = first.get("publisher")
    outlet = (_names(publisher)[0] if _names(publisher) else None) or _meta(soup, "og:site_name", "application-name") \
        or (doc.sitename if doc is not None else None) or (urlsplit(url).hostname or "").removeprefix("www.") or None
    authors = _names(first.get("author")) or [a for a in [_meta(soup, "author", "article:author")] if a] \
        or ([doc.author] if doc is not None and doc.author else [])
    return Article(url=url, canonical_url=normalise_url(canonical or url), text=text, title=_clean_title(title),
                   published=published, outlet=outlet, authors=authors[:10],
                   language=(lang or "en")[:10])


def _trafilatura(html: str, url: str):
    try:
        # Metadata comes from JSON-LD, OpenGraph and <meta> (extract_article); trafilatura's
        # own metadata pass (dates by htmldate) would cost a third of the extraction time.
        return trafilatura.bare_extraction(html, url=url, with_metadata=False, include_comments=False,
                                           include_tables=False, favor_precision=False)
    except Exception as exc:  # trafilatura raises a variety of lxml/parser errors
        raise ArticleError(f"main-text extraction failed: {type(exc).__name__}: {exc}", url=url) from None


def main_text(html: str, url: str = "") -> str:
    """The main text of a page, as :func:`extract_article` keeps it, without its gates
    (article length, language). This is what ``claimlink eval extraction`` scores."""
    doc = _trafilatura(html[:MAX_HTML_CHARS], url)
    return _clean_text((doc.text if doc is not None else "") or "")


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # one paragraph per line, blank line between: the claim rules read paragraphs
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in text.split("\n")]
    out = "\n\n".join(p for p in paras if p)
    if len(out) > MAX_TEXT_CHARS:
        cut = out.rfind("\n\n", 0, MAX_TEXT_CHARS)
        out = out[:cut if cut > 0 else MAX_TEXT_CHARS]
    return out


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    return re.sub(r"\s+", " ", title).strip()[:500] or None
