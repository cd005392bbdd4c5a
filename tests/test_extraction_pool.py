"""The extraction worker process of the nightly flow: the same articles and the same named
errors as in-process extraction, and no lost page when the worker dies."""

import os
import signal

import pytest

from claimlink.extractors.article import extract_article
from claimlink.extractors.errors import NotAnArticle
from claimlink.flows.pipeline import ExtractionPool
from tests.faultsite import DEMO, GOOD

URL = "https://apnews.com/article/x"


@pytest.fixture(scope="module")
def page() -> str:
    return (DEMO / GOOD[0]).read_text(encoding="utf-8")


def test_worker_gives_the_article_in_process_extraction_gives(page):
    with ExtractionPool(1) as pool:
        future = pool.submit(page, URL)
        assert future is not None  # really handed to the worker
        assert pool.result(future, page, URL) == extract_article(page, URL)


def test_named_errors_come_back_from_the_worker():
    html = "<html><body><p>Too short.</p></body></html>"
    with ExtractionPool(1) as pool:
        with pytest.raises(NotAnArticle) as err:
            pool.result(pool.submit(html, URL), html, URL)
    assert err.value.url == URL


def test_a_dead_worker_falls_back_to_in_process_extraction(page):
    with ExtractionPool(1) as pool:
        pool.result(pool.submit(page, URL), page, URL)  # the worker is up
        for pid in list(pool._executor._processes):
            os.kill(pid, signal.SIGKILL)
        article = pool.result(pool.submit(page, URL), page, URL)
        assert article == extract_article(page, URL)
        assert pool.submit(page, URL) is None  # the rest of the run extracts in-process
