"""Exports of confirmed contradictions: schema.org ClaimReview (JSON-LD) and CSV.

Both carry text from arbitrary web pages, so both are made safe for where they end up:
the JSON-LD escapes ``<``, ``>`` and ``&`` (it can be pasted inside a ``<script>`` element),
the CSV neutralises cells a spreadsheet would run as a formula, and neither carries a URL
whose scheme is not http(s).
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from claimlink.models import schema as m

#: JSON-LD goes inside ``<script type="application/ld+json">``: these characters must not
#: appear raw there (``</script>``, ``<!--``), and U+2028/9 end a line in older JavaScript.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL with a host, else None: a stored ``javascript:`` or
    ``data:`` URL is never rendered as a link or exported. ``urlsplit`` drops the tabs,
    newlines and leading blanks a browser drops, so ``java\\tscript:`` is seen for what it is."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def claimreview_json(items: list[dict]) -> str:
    """JSON whose text cannot close the ``<script>`` element it is pasted into."""
    text = json.dumps(items, ensure_ascii=False)
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)  # these occur only inside JSON strings
    return text


def csv_cell(value):
    """A cell as OWASP recommends: text that starts like a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _confirmed(s: Session):
    a, b = aliased(m.Claim), aliased(m.Claim)
    art_a, art_b = aliased(m.Article), aliased(m.Article)
    return s.execute(
        select(m.ClaimLink, a, b, art_a, art_b)
        .join(a, a.id == m.ClaimLink.claim_a_id).join(b, b.id == m.ClaimLink.claim_b_id)
        .join(art_a, art_a.id == a.article_id).join(art_b, art_b.id == b.article_id)
        .where(m.ClaimLink.status == "confirmed").order_by(m.ClaimLink.id)).all()


def claimreview(s: Session) -> list[dict]:
    """Confirmed contradictions as schema.org ClaimReview objects: the earlier claim is
    reviewed, the contradicting claim is the evidence, the reasons are the review body."""
    out = []
    for link, a, b, art_a, art_b in _confirmed(s):
        decided = s.scalar(select(m.ReviewEvent.created_at).where(m.ReviewEvent.link_id == link.id,
                                                                  m.ReviewEvent.to_status == "confirmed")
                           .order_by(m.ReviewEvent.id.desc()).limit(1))
        out.append({
            "@context": "https://schema.org", "@type": "ClaimReview",
            "claimReviewed": a.content,
            "itemReviewed": {"@type": "Claim",
                             "author": {"@type": "Person" if (a.speaker and a.speaker.label == "PERSON")
                                        else "Organization", "name": a.speaker_name or "unnamed source"},
                             "datePublished": art_a.published.date().isoformat() if art_a.published else None,
                             "appearance": {"@type": "NewsArticle", "url": web_url(art_a.canonical_url),
                                            "headline": art_a.title, "publisher": art_a.outlet}},
            "reviewRating": {"@type": "Rating", "alternateName": "Contradicted",
                             "ratingExplanation": "; ".join(r["text"] for r in link.reasons or [])},
            "reviewBody": f"{b.speaker_name or 'An unnamed source'} {b.cue}: {b.content}",
            "citation": {"@type": "NewsArticle", "url": web_url(art_b.canonical_url), "headline": art_b.title},
            "datePublished": decided.date().isoformat() if decided else None,
            "author": {"@type": "Organization", "name": "claimlink review desk"},
        })
    return out


def confirmed_csv(s: Session) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["link_id", "score", "speaker_a", "claim_a", "outlet_a", "url_a", "speaker_b", "claim_b",
                "outlet_b", "url_b", "reasons"])
    for link, a, b, art_a, art_b in _confirmed(s):
        row = [link.id, link.score, a.speaker_name, a.content, art_a.outlet, web_url(art_a.canonical_url),
               b.speaker_name, b.content, art_b.outlet, web_url(art_b.canonical_url),
               json.dumps([r["text"] for r in link.reasons or []], ensure_ascii=False)]
        w.writerow([csv_cell(v) for v in row])
    return buf.getvalue()
