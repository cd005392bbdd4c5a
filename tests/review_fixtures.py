"""A store for the review desk tests: the demo site through the real pipeline, a reviewer
account, and an article whose text carries a script payload."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.settings import Settings
from claimlink.extractors.article import content_hash
from claimlink.extractors.nlp import load_pipeline
from claimlink.extractors.sources import SourceConfig
from claimlink.flows import pipeline
from claimlink.flows.demo import DemoSite
from claimlink.models import make_engine
from claimlink.models import schema as m
from claimlink.models import store
from claimlink.models.db import upgrade
from claimlink.models.users import add_user

PAYLOAD = '<script>window.__pwned = 1; alert("pwned")</script> <img src=x onerror="window.__pwned = 2">'
USER, PASSWORD = "ana", "correct horse battery"


def fill_from_demo(engine, url: str) -> None:
    """Run the real pipeline (discover, process, link; no Prefect) over the demo site."""
    settings = Settings(database_url=url, allow_hosts=("127.0.0.1",), host_delay=0.0)
    with DemoSite(port=0) as site, pipeline.make_fetcher(settings) as fetcher:
        with Session(engine) as s, s.begin():
            items, source_id, _ = pipeline.discover(s, fetcher, SourceConfig("demo", "feed", site.feed_url), "t")
        pipeline.process_batch(engine, fetcher, load_pipeline(), items, source_id, "t", settings)
    pipeline.link_pending(engine)


def build_store(url: str) -> dict:
    upgrade(url)
    engine = make_engine(url)
    fill_from_demo(engine, url)
    with Session(engine) as s, s.begin():
        add_user(s, USER, PASSWORD, role="admin")
        text = f"Hackers said that {PAYLOAD} was planted on the site.\n\nThe company denied that any code was planted."
        art, _ = store.store_article(s, canonical_url="http://evil.test/a", url="http://evil.test/a", text=text,
                                     content_hash=content_hash(text), title=f"Evil {PAYLOAD}", outlet="Evil Times",
                                     published=None, authors=[], language="en", source_id=None)
        rows = []
        for cue_start, content, stance, speaker in ((8, text[18:text.index(" was planted") + 12], "asserts", "Hackers"),
                                                    (text.index("denied"), "that any code was planted", "denies",
                                                     "The company")):
            c = m.Claim(article_id=art.id, speaker_name=speaker, cue="said" if stance == "asserts" else "denied",
                        cue_start=cue_start, content=content, content_start=cue_start + 5, content_spans=[],
                        kind="indirect", stance=stance, sentence=text.split("\n\n")[0 if stance == "asserts" else 1],
                        sentence_start=0 if stance == "asserts" else text.index("The company"), paragraph=0,
                        features={}, linked_at=store.utcnow())
            s.add(c)
            rows.append(c)
        s.flush()
        store.save_link(s, rows[0].id, rows[1].id, "contradicts", 0.5, [{"code": "denies_content",
                                                                         "text": f"The company denies {PAYLOAD}"}], "t")
    with Session(engine) as s:
        kupiansk = s.scalar(select(m.ClaimLink.id).join(m.Claim, m.Claim.id == m.ClaimLink.claim_a_id)
                            .where(m.Claim.content.like("%Kupiansk%")))
        payload = s.scalar(select(m.ClaimLink.id).where(m.ClaimLink.score == 0.5))
    engine.dispose()
    return {"kupiansk": kupiansk, "payload": payload}
