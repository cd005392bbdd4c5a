"""Listings and batches against hostile servers (issue 15, points 2, 3 and 6): sitemaps
gzipped, nested, in other encodings; a per-source time budget; a bad charset that fails
its page alone."""

import gzip
import time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.extractors.sources import SourceConfig, parse_sitemap
from claimlink.flows import pipeline
from claimlink.models import schema as m
from tests.conftest import send
from tests.test_hostile_fetch import fetcher

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(*locs: str, declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return declaration + f"<urlset {NS}>" + "".join(f"<url><loc>{u}</loc></url>" for u in locs) + "</urlset>"


def index(*locs: str) -> bytes:
    return (f'<?xml version="1.0"?><sitemapindex {NS}>' + "".join(f"<sitemap><loc>{u}</loc></sitemap>"
                                                                   for u in locs) + "</sitemapindex>").encode()




def discover(engine, f, url, **kw):
    with Session(engine) as s, s.begin():
        items, _, _ = pipeline.discover(s, f, SourceConfig(name="sm", kind="sitemap", url=url), "run1", **kw)
    with Session(engine) as s:
        src = s.scalars(select(m.Source)).one()
        log = [(r.url, r.outcome, r.error_class) for r in s.scalars(select(m.FetchLog).order_by(m.FetchLog.id))]
        return sorted(i.url for i in items), (src.last_outcome, src.last_error), log


# -- 6. sitemaps -------------------------------------------------------------------------------
def test_gzipped_sitemap_is_decompressed(web, engine):
    body = gzip.compress(urlset(web.base + "/a", web.base + "/b").encode())
    web.routes["/sitemap.xml.gz"] = lambda req: send(req, body=body, ctype="application/x-gzip")
    with fetcher() as f:
        items, (outcome, _), _ = discover(engine, f, web.base + "/sitemap.xml.gz")
    assert items == [web.base + "/a", web.base + "/b"] and outcome == "ok"


def test_gzip_cap_applies_to_decoded_bytes(web, engine):
    bomb = gzip.compress(urlset(*[f"{web.base}/{'x' * 100}/{i}" for i in range(5000)]).encode())
    assert len(bomb) < 100_000  # small on the wire, ~600 KB decoded
    web.routes["/bomb.xml.gz"] = lambda req: send(req, body=bomb, ctype="application/x-gzip")
    with fetcher() as f:
        items, (outcome, error), _ = discover(engine, f, web.base + "/bomb.xml.gz")
    assert items == [] and outcome == "TooLarge"


def test_an_index_of_indexes_is_followed_and_an_empty_source_is_not_ok(web, engine):
    web.routes["/top.xml"] = lambda req: send(req, body=index(web.base + "/mid.xml"), ctype="application/xml")
    web.routes["/mid.xml"] = lambda req: send(req, body=index(web.base + "/leaf.xml.gz"), ctype="application/xml")
    leaf = gzip.compress(urlset(web.base + "/story").encode())
    web.routes["/leaf.xml.gz"] = lambda req: send(req, body=leaf, ctype="application/octet-stream")
    web.routes["/void.xml"] = lambda req: send(req, body=index(web.base + "/gone.xml"), ctype="application/xml")
    with fetcher() as f:
        items, (outcome, _), _ = discover(engine, f, web.base + "/top.xml")
        assert items == [web.base + "/story"] and outcome == "ok"
    with Session(engine) as s, s.begin():
        s.execute(m.Source.__table__.delete())
    with fetcher() as f:
        items, (outcome, error), log = discover(engine, f, web.base + "/void.xml")
    assert items == [] and outcome == "empty" and "1 child sitemaps failed" in error
    assert (web.base + "/gone.xml", "error", "HTTPStatusError") in log


def test_an_index_loop_ends(web, engine):
    web.routes["/a.xml"] = lambda req: send(req, body=index(web.base + "/b.xml"), ctype="application/xml")
    web.routes["/b.xml"] = lambda req: send(req, body=index(web.base + "/a.xml"), ctype="application/xml")
    with fetcher() as f:
        items, (outcome, _), _ = discover(engine, f, web.base + "/a.xml")
    assert items == [] and outcome == "empty" and web.hits.count("/b.xml") == 1


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "UTF-16"])
def test_the_declared_encoding_is_applied_once(web, engine, encoding):
    xml = urlset(web.base + "/caf\u00e9", declaration=f'<?xml version="1.0" encoding="{encoding}"?>')
    body = xml.encode(encoding.lower().replace("utf-16", "utf-16"))
    web.routes["/enc.xml"] = lambda req: send(req, body=body, ctype="application/xml")
    with fetcher() as f:
        items, (outcome, _), _ = discover(engine, f, web.base + "/enc.xml")
    assert items == [web.base + "/caf\u00e9"] and outcome == "ok"
    # already-decoded text: its declaration is not applied a second time
    assert [i.url for i in parse_sitemap(xml).items] == [web.base + "/caf\u00e9"]


# -- 3. a time budget per source ------------------------------------------------------------
def _stall(req):
    time.sleep(1.5)
    send(req, body=b"late", ctype="application/xml")


def test_stalling_child_sitemaps_stop_at_the_source_budget(web, engine):
    children = [f"{web.base}/child{i}.xml" for i in range(12)]
    web.routes["/index.xml"] = lambda req: send(req, body=index(*children), ctype="application/xml")
    for i in range(12):
        web.routes[f"/child{i}.xml"] = _stall
    with fetcher(timeout=1.0) as f:
        _, (outcome, error), log = discover(engine, f, web.base + "/index.xml", budget=2.0)
    fetched = [u for u in children if u.removeprefix(web.base) in web.hits]
    deferred = [u for u, outcome_, _ in log if outcome_ == "deferred"]
    assert len(fetched) <= 3 and len(deferred) == 12 - len(fetched)
    assert outcome == "empty" and "12 child sitemaps failed or deferred" in error


def test_articles_past_the_source_budget_wait_for_the_next_run(web, engine):
    web.routes["/slow-page"] = _stall
    items = [pipeline.Item(url=f"{web.base}/slow-page?{i}") for i in range(6)]
    with fetcher(timeout=1.0) as f:
        batch = pipeline.fetch_batch(engine, f, items, budget=1.0)
    outcomes = [a["outcome"] for a in batch.attempts]
    assert outcomes.count("deferred") >= 4 and "ok" not in outcomes


# -- 2. one bad charset fails its page alone ------------------------------------------------
def _article(sentence: str) -> str:
    paragraphs = "".join(f"<p>{sentence} This was paragraph number {i} of the report, the officials said on "
                         f"Monday in the capital, where {i + 3} residents gathered.</p>" for i in range(8))
    return f"<html lang='en'><head><title>{sentence[:20]}</title></head><body><article>{paragraphs}</article></body></html>"


def test_a_bad_charset_fails_its_page_and_its_neighbours_are_kept(web, engine):
    web.routes["/one"] = lambda req: send(req, body=_article("The mayor opened the bridge.").encode())
    web.routes["/bad-header"] = lambda req: send(req, body=_article("The port closed.").encode(),
                                                 ctype="text/html; charset=undefined")
    web.routes["/bad-meta"] = lambda req: send(
        req, body=_article("The port reopened.").replace("<head>", '<head><meta charset="punycode">').encode(),
        ctype="text/html")
    web.routes["/two"] = lambda req: send(req, body=_article("The council approved the budget.").encode())
    urls = [web.base + p for p in ("/one", "/bad-header", "/bad-meta", "/two")]
    with fetcher() as f:
        batch = pipeline.fetch_batch(engine, f, [pipeline.Item(url=u) for u in urls])
    assert [item.url for item, _, _ in batch.articles] == [urls[0], urls[3]]
    errors = {a["url"]: type(a["error"]).__name__ for a in batch.attempts if a["outcome"] == "error"}
    assert errors == {urls[1]: "BadCharset", urls[2]: "BadCharset"}
