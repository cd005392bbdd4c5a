"""The real-news evaluation: PolNeAR's articles served as web pages, read by the real flow.

The 924 PolNeAR train and dev articles are 2015-16 election news from seven outlets. Each
becomes an HTML page on a loopback site: the first line of its text is the headline
(``<title>``, ``<h1>``), the other lines are paragraphs (``<p>``), the date in its
``doc_id`` (``outlet_date_slug``) is its ``article:published_time``, and its outlet's
name is ``og:site_name`` (what the store keeps as the article's outlet). Each page lives
under its outlet's domain as the first path segment, e.g.
``/www.nytimes.com/2016/10/25/nyt_2016-10-25_slug.html``, so the page's URL (kept in the
store) gives back the ``doc_id``.

A ``urls`` source lists the pages in order of publication (the order a desk would have
read them); :mod:`claimlink.flows.realnews` serves them and runs the nightly flow over it.
"""

from __future__ import annotations

import html
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from claimlink.evaluation import EvalDataError

from .attribution import load_polnear

#: PolNeAR's outlet codes -> (name the outlet publishes under, its web domain).
OUTLETS = {
    "breitbart": ("Breitbart", "www.breitbart.com"),
    "huff-post": ("HuffPost", "www.huffingtonpost.com"),
    "nyt": ("The New York Times", "www.nytimes.com"),
    "politico": ("Politico", "www.politico.com"),
    "usa-today": ("USA Today", "www.usatoday.com"),
    "wash-post": ("The Washington Post", "www.washingtonpost.com"),
    "west-journal": ("Western Journal", "www.westernjournal.com"),
}
SPLITS = ("train.jsonl", "dev.jsonl")
_DOC_ID = re.compile(r"^(?P<outlet>[a-z][a-z-]*)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.+)$")
_ROBOTS = b"User-agent: *\nAllow: /\n"


@dataclass(frozen=True)
class NewsDoc:
    doc_id: str
    outlet: str  # PolNeAR's code, e.g. "nyt"
    date: str  # YYYY-MM-DD
    text: str

    @property
    def headline(self) -> str:
        return self.text.split("\n", 1)[0].strip()

    @property
    def paragraphs(self) -> list[str]:
        body = self.text.split("\n", 1)[1] if "\n" in self.text else ""
        return [p.strip() for p in body.split("\n") if p.strip()]

    @property
    def path(self) -> str:
        domain = OUTLETS.get(self.outlet, (self.outlet, f"{self.outlet}.example"))[1]
        return f"/{domain}/{self.date.replace('-', '/')}/{quote(self.doc_id, safe='')}.html"


def parse_doc_id(doc_id: str) -> tuple[str, str]:
    """``outlet_date_slug`` -> (outlet, date)."""
    m = _DOC_ID.match(doc_id)
    if not m:
        raise EvalDataError(f"doc_id {doc_id!r} is not outlet_YYYY-MM-DD_slug")
    return m["outlet"], m["date"]


def doc_id_of_url(url: str) -> str | None:
    """The ``doc_id`` of a page's URL on the real-news site (None for other URLs)."""
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    if not last.endswith(".html"):
        return None
    doc_id = unquote(last[:-len(".html")])
    return doc_id if _DOC_ID.match(doc_id) else None


def load_corpus(folder: str | Path, limit: int | None = None) -> list[NewsDoc]:
    """PolNeAR train and dev under ``folder``, in order of publication (then doc_id);
    ``limit`` keeps the earliest N."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EvalDataError(f"{folder}: no such folder (expected PolNeAR with {' and '.join(SPLITS)})")
    docs = []
    for name in SPLITS:
        for d in load_polnear(folder / name):
            outlet, date = parse_doc_id(str(d.get("doc_id", "")))
            docs.append(NewsDoc(d["doc_id"], outlet, date, d["text"]))
    docs.sort(key=lambda d: (d.date, d.doc_id))
    if len({d.doc_id for d in docs}) != len(docs):
        raise EvalDataError(f"{folder}: a doc_id occurs twice in {' and '.join(SPLITS)}")
    return docs[:limit] if limit else docs


def article_html(doc: NewsDoc) -> bytes:
    """The page of one article."""
    esc = html.escape
    name = OUTLETS.get(doc.outlet, (doc.outlet, ""))[0]
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{esc(doc.headline)}</title>\n"
            f'<meta property="og:title" content="{esc(doc.headline)}">\n'
            f'<meta property="og:site_name" content="{esc(name)}">\n'
            f'<meta property="article:published_time" content="{doc.date}T12:00:00+00:00">\n'
            f"</head><body><article>\n<h1>{esc(doc.headline)}</h1>\n{paras}\n</article></body></html>\n")
    return page.encode("utf-8")


def site_routes(docs: list[NewsDoc]) -> dict[str, tuple[bytes, str]]:
    """Every article page, the URL list ``/urls.txt`` (publication order) and robots.txt."""
    routes = {d.path: (article_html(d), "text/html; charset=utf-8") for d in docs}
    routes["/urls.txt"] = ("".join(d.path + "\n" for d in docs).encode(), "text/plain; charset=utf-8")
    routes["/robots.txt"] = (_ROBOTS, "text/plain")
    return routes


def default_store() -> str:
    """A new SQLite file under the temporary directory, kept after the run."""
    folder = tempfile.mkdtemp(prefix="claimlink-realnews-")
    return f"sqlite:///{folder}/realnews.db"
