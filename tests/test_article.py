from datetime import datetime, timezone

import pytest

from claimlink.extractors.article import content_hash, extract_article, normalise_url
from claimlink.extractors.errors import NotAnArticle, NotEnglish
from tests.conftest import ROOT

DEMO = ROOT / "demo" / "site"


def test_seed_page_metadata_and_text():
    html = (DEMO / "ap-2025-11-20-ukraine-peace-plan.html").read_text(encoding="utf-8")
    art = extract_article(html, "http://127.0.0.1:8765/ap-2025-11-20-ukraine-peace-plan.html?utm_source=x#top")
    assert art.title == "US peace plan for Ukraine meets resistance from European leaders"
    assert art.outlet == "Associated Press"
    assert art.published == datetime(2025, 11, 20, 18, 0, tzinfo=timezone.utc)
    assert art.canonical_url == "http://127.0.0.1:8765/ap-2025-11-20-ukraine-peace-plan.html"
    assert "denied Gerasimov’s claims" in art.text
    assert "Demo copy" not in art.text  # boilerplate footer is not main text
    assert "\n\n" in art.text  # paragraphs survive


def test_real_news_page_from_the_benchmark():
    html = (DEMO / "usatoday-epstein-guards.html").read_text(encoding="utf-8")
    art = extract_article(html, "https://www.usatoday.com/story/x")
    assert "Epstein" in art.title
    assert art.outlet and art.published and art.published.year == 2019
    assert len(art.text.split()) > 300


def test_index_page_is_not_an_article():
    with pytest.raises(NotAnArticle):
        extract_article("<html><body><ul><li><a href=/a>A</a></li></ul></body></html>", "http://x.test/")


def test_non_english_page_is_skipped():
    para = "<p>" + ("Le gouvernement a annoncé mardi une réforme des retraites qui sera présentée au "
                    "Parlement dans les prochaines semaines, selon le ministre. ") * 8 + "</p>"
    with pytest.raises(NotEnglish):
        extract_article(f"<html lang='fr'><body><article>{para}</article></body></html>", "http://x.test/fr")


def test_malformed_html_still_extracts():
    body = "<p>" + "The minister said the talks would resume next week in Geneva. " * 12
    html = "<html><body><div><article>" + body + "<div><span></article></p></body>"
    art = extract_article(html, "http://x.test/broken")
    assert "talks would resume" in art.text


def test_url_normalisation_and_content_hash():
    assert normalise_url("HTTPS://Example.COM:443/a/B?utm_medium=x&id=3&fbclid=y#frag") == "https://example.com/a/B?id=3"
    assert content_hash("Kyiv’s forces  remained.") == content_hash("kyiv’s FORCES remained")
    assert content_hash("a b") != content_hash("a c")


def test_dates_in_every_format_come_out_aware():
    from claimlink.extractors.article import _parse_date, _plausible

    for value in ("2025-11-20", "2025-11-20T18:00:00", "2025-11-20T18:00:00Z", "Thu, 20 Nov 2025 18:00:00",
                  "Thu, 20 Nov 2025 18:00:00 GMT", "November 20, 2025"):
        d = _parse_date(value)
        assert d is not None and d.tzinfo is not None, value
    assert _plausible(_parse_date("0001-01-01T00:00:00"), _parse_date("2019-11-19")).year == 2019
