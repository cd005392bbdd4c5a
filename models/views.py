"""The reporting views: a public interface, documented in docs/REPORTING.md.

Created by migrations (never by ``create_all``). The SQL is written once per view; the
only dialect difference is how a timestamp becomes a day, kept in :func:`day_expr`, and
JSON columns are cast to text so both databases return the same values.
"""

from __future__ import annotations

VIEW_NAMES = ("v_claims", "v_contradictions", "v_speaker_stats", "v_outlet_stats", "v_review_queue")


def day_expr(column: str, dialect: str) -> str:
    """A timestamp column as a 'YYYY-MM-DD' text day, on either database."""
    if dialect == "postgresql":
        return f"to_char({column}, 'YYYY-MM-DD')"
    return f"substr({column}, 1, 10)"


def view_sql(dialect: str, claim_type: bool = True) -> dict[str, str]:
    """The views' SQL. ``claim_type=False`` gives v_claims as migration 0002 made it,
    before the ``claims.claim_type`` column existed."""
    day_pub = day_expr("a.published", dialect)
    day_flag = day_expr("l.created_at", dialect)
    return {
        "v_claims": f"""
SELECT c.id AS claim_id,
       sp.name AS speaker_name,
       c.speaker_name AS speaker_as_written,
       c.speaker_title,
       sp.key AS speaker_key,
       c.cue, c.cue_lemma, c.kind, c.stance,{" c.claim_type," if claim_type else ""}
       c.content, c.sentence, c.target_speaker,
       a.id AS article_id, a.title AS article_title, a.outlet,
       a.published, a.canonical_url AS url,
       c.created_at
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN speakers sp ON sp.id = c.speaker_id""",
        "v_contradictions": f"""
SELECT l.id AS link_id, l.relation, l.score,
       CAST(l.reasons AS TEXT) AS reasons,
       l.status AS review_status,
       e.to_status AS reviewer_decision, e.reviewer, e.note AS review_note, e.created_at AS decided_at,
       l.linker_version, l.created_at AS flagged_at, {day_flag} AS flagged_day,
       ca.id AS claim_a_id, COALESCE(sa.name, ca.speaker_name) AS speaker_a, ca.cue AS cue_a,
       ca.content AS content_a, aa.outlet AS outlet_a, aa.published AS published_a, aa.canonical_url AS url_a,
       cb.id AS claim_b_id, COALESCE(sb.name, cb.speaker_name) AS speaker_b, cb.cue AS cue_b,
       cb.content AS content_b, ab.outlet AS outlet_b, ab.published AS published_b, ab.canonical_url AS url_b
FROM claim_links l
JOIN claims ca ON ca.id = l.claim_a_id
JOIN claims cb ON cb.id = l.claim_b_id
JOIN articles aa ON aa.id = ca.article_id
JOIN articles ab ON ab.id = cb.article_id
LEFT JOIN speakers sa ON sa.id = ca.speaker_id
LEFT JOIN speakers sb ON sb.id = cb.speaker_id
LEFT JOIN review_events e ON e.id = (SELECT MAX(e2.id) FROM review_events e2 WHERE e2.link_id = l.id)""",
        "v_speaker_stats": """
SELECT sp.id AS speaker_id, sp.key AS speaker_key, sp.name AS speaker_name, sp.label,
       (SELECT COUNT(*) FROM claims c WHERE c.speaker_id = sp.id) AS claims,
       (SELECT COUNT(*) FROM claim_links l JOIN claims c ON c.id = l.claim_a_id
         WHERE c.speaker_id = sp.id AND l.relation = 'contradicts')
     + (SELECT COUNT(*) FROM claim_links l JOIN claims c ON c.id = l.claim_b_id
         WHERE c.speaker_id = sp.id AND l.relation = 'contradicts') AS contradictions_flagged,
       (SELECT COUNT(*) FROM claim_links l JOIN claims c ON c.id = l.claim_a_id
         WHERE c.speaker_id = sp.id AND l.status = 'confirmed')
     + (SELECT COUNT(*) FROM claim_links l JOIN claims c ON c.id = l.claim_b_id
         WHERE c.speaker_id = sp.id AND l.status = 'confirmed') AS contradictions_confirmed
FROM speakers sp""",
        "v_outlet_stats": f"""
SELECT o.outlet, o.day, o.articles,
       COALESCE(cl.claims, 0) AS claims,
       COALESCE(ct.contradictions, 0) AS contradictions
FROM (SELECT COALESCE(a.outlet, '(unknown)') AS outlet, {day_pub} AS day, COUNT(*) AS articles
      FROM articles a GROUP BY 1, 2) o
LEFT JOIN (SELECT COALESCE(a.outlet, '(unknown)') AS outlet, {day_pub} AS day, COUNT(*) AS claims
           FROM claims c JOIN articles a ON a.id = c.article_id GROUP BY 1, 2) cl
       ON cl.outlet = o.outlet AND cl.day = o.day
LEFT JOIN (SELECT COALESCE(a.outlet, '(unknown)') AS outlet, {day_pub} AS day, COUNT(*) AS contradictions
           FROM claim_links l JOIN claims c ON c.id = l.claim_b_id JOIN articles a ON a.id = c.article_id
           WHERE l.relation = 'contradicts' GROUP BY 1, 2) ct
       ON ct.outlet = o.outlet AND ct.day = o.day""",
        "v_review_queue": """
SELECT ROW_NUMBER() OVER (ORDER BY l.score DESC, l.id) AS queue_position,
       l.id AS link_id, l.status AS review_status, l.score, l.relation,
       CAST(l.reasons AS TEXT) AS reasons, l.created_at AS flagged_at,
       COALESCE(sa.name, ca.speaker_name) AS speaker_a, ca.content AS content_a,
       COALESCE(sb.name, cb.speaker_name) AS speaker_b, cb.content AS content_b
FROM claim_links l
JOIN claims ca ON ca.id = l.claim_a_id
JOIN claims cb ON cb.id = l.claim_b_id
LEFT JOIN speakers sa ON sa.id = ca.speaker_id
LEFT JOIN speakers sb ON sb.id = cb.speaker_id
WHERE l.relation = 'contradicts' AND l.status IN ('open', 'needs_work')""",
    }
