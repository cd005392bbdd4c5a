import pytest

from claimlink.extractors.errors import FeedError
from claimlink.extractors.sources import load_sources, parse_feed, parse_sitemap, parse_url_list

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>/a</link><pubDate>Thu, 20 Nov 2025 18:00:00 GMT</pubDate></item>
<item><title>Two</title><link>http://x.test/b</link></item></channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>A</title><link href="http://x.test/atom-a"/><updated>2025-11-20T10:00:00Z</updated></entry></feed>"""
NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://x.test/n1</loc><news:news><news:publication_date>2025-11-20T08:00:00+00:00</news:publication_date>
<news:title>Kupiansk</news:title></news:news></url></urlset>"""
INDEX = """<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://x.test/s1.xml</loc></sitemap></sitemapindex>"""


def test_rss_items_resolve_relative_links():
    items = parse_feed(RSS, "http://x.test/feed.xml").items
    assert [i.url for i in items] == ["http://x.test/a", "http://x.test/b"]
    assert items[0].published.year == 2025 and items[1].published is None


def test_atom():
    (item,) = parse_feed(ATOM).items
    assert item.url == "http://x.test/atom-a" and item.title == "A"


def test_empty_and_malformed_feeds():
    assert parse_feed('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>').items == []
    with pytest.raises(FeedError):
        parse_feed("this is not a feed at all {")


def test_google_news_sitemap_and_index():
    (item,) = parse_sitemap(NEWS_SITEMAP).items
    assert item.title == "Kupiansk" and item.published.day == 20
    assert parse_sitemap(INDEX).sitemaps == ["http://x.test/s1.xml"]
    with pytest.raises(FeedError):
        parse_sitemap("<html></html>")


def test_sitemap_refuses_entity_expansion():
    evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>&e;</loc></url></urlset>'
    listing = parse_sitemap(evil)
    assert all("root:" not in i.url for i in listing.items)


def test_url_list():
    items = parse_url_list("# picks\nhttp://x.test/1\n\n/2\n", "http://x.test/list.txt").items
    assert [i.url for i in items] == ["http://x.test/1", "http://x.test/2"]


def test_sources_file_errors_name_the_problem(tmp_path):
    p = tmp_path / "sources.toml"
    p.write_text('[[source]]\nname = "a"\nkind = "rss"\nurl = "http://x.test"\n')
    with pytest.raises(FeedError, match="kind must be one of"):
        load_sources(p)
    p.write_text("[[source]\n")
    with pytest.raises(FeedError, match="not valid TOML"):
        load_sources(p)
    with pytest.raises(FeedError, match="not found"):
        load_sources(tmp_path / "missing.toml")
    p.write_text('[[source]]\nname = "a"\nurl = "http://x.test/f"\n[[source]]\nname = "b"\nkind = "urls"\n'
                 'urls = ["http://x.test/1"]\n')
    assert [s.kind for s in load_sources(p)] == ["feed", "urls"]
