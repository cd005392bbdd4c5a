"""The reporting views: a public interface, documented in docs/REPORTING.md.

Created by migrations (never by ``create_all``). The SQL is written once per view; the
only dialect difference is how a timestamp becomes a day, kept in :func:`day_expr`, and
JSON columns are cast to text so both databases return the same values.
"""

from __future__ import annotations

VIEW_NAMES = ("v_claims", "v_contradictions", "v_speaker_stats", "v_outlet_stats", "v_review_queue",
              "v_claim_clusters", "v_cluster_flags")


def day_expr(column: str, dialect: str) -> str:
    """A timestamp column as a 'YYYY-MM-DD' text day, on either database."""
    if dialect == "postgresql":
        return f"to_char({column}, 'YYYY-MM-DD')"
    return f"substr({column}, 1, 10)"


def outlets_expr(cluster: str, dialect: str) -> str:
    """The outlets that carried a cluster's claims, as one sorted, comma-separated text."""
    outlet = "COALESCE(a.outlet, '(unknown)')"
    members = f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.cluster_id = {cluster}"
    if dialect == "postgresql":
        return f"(SELECT string_agg(DISTINCT {outlet}, ', ' ORDER BY {outlet}) {members})"
    return f"(SELECT group_concat(o, ', ') FROM (SELECT DISTINCT {outlet} AS o {members} ORDER BY o))"


def view_sql(dialect: str, claim_type: bool = True, clusters: bool = True) -> dict[str, str]:
    """The views' SQL. ``claim_type=False`` gives the views as migration 0002 made them,
    before the ``claims.claim_type`` column existed; ``clusters=False`` as they were
    before migration 0008 (claim clusters), which ``claim_type=False`` implies."""
    clusters = clusters and claim_type
    day_pub = day_expr("a.published", dialect)
    day_flag = day_expr("l.created_at", dialect)
    views = {
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
       c.created_at{", c.cluster_id" if clusters else ""}
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
       cb.content AS content_b, ab.outlet AS outlet_b, ab.published AS published_b, ab.canonical_url AS url_b{
           ", l.cluster_a_id, l.cluster_b_id, l.cluster_pair" if clusters else ""}
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
        "v_review_queue": f"""
SELECT ROW_NUMBER() OVER (ORDER BY l.score DESC, l.id) AS queue_position,
       l.id AS link_id, l.status AS review_status, l.score, l.relation,
       CAST(l.reasons AS TEXT) AS reasons, l.created_at AS flagged_at,
       COALESCE(sa.name, ca.speaker_name) AS speaker_a, ca.content AS content_a,
       COALESCE(sb.name, cb.speaker_name) AS speaker_b, cb.content AS content_b{
           f", {outlets_expr('l.cluster_a_id', dialect)} AS outlets_a, "
           f"{outlets_expr('l.cluster_b_id', dialect)} AS outlets_b" if clusters else ""}
FROM claim_links l
JOIN claims ca ON ca.id = l.claim_a_id
JOIN claims cb ON cb.id = l.claim_b_id
LEFT JOIN speakers sa ON sa.id = ca.speaker_id
LEFT JOIN speakers sb ON sb.id = cb.speaker_id
WHERE l.relation = 'contradicts' AND l.status IN ('open', 'needs_work'){
      " AND l.cluster_pair IS NOT NULL" if clusters else ""}""",
    }
    if clusters:
        views.update(cluster_view_sql(dialect))
    return views


def cluster_view_sql(dialect: str) -> dict[str, str]:
    """v_claim_clusters and v_cluster_flags (migration 0008)."""
    day_flag = day_expr("l.created_at", dialect)

    def carried(cluster: str, side: str) -> str:
        members = f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.cluster_id = {cluster}"
        return (f"(SELECT COUNT(*) {members}) AS claims_{side},\n"
                f"       (SELECT COUNT(DISTINCT a.canonical_url) {members}) AS articles_{side},\n"
                f"       {outlets_expr(cluster, dialect)} AS outlets_{side}")

    return {
        "v_claim_clusters": f"""
SELECT k.id AS cluster_id, k.speaker, k.boilerplate, k.created_at,
       COUNT(c.id) AS claims, COUNT(DISTINCT a.canonical_url) AS articles,
       COUNT(DISTINCT COALESCE(a.outlet, '(unknown)')) AS outlets,
       MIN(a.published) AS first_published, MAX(a.published) AS last_published,
       {outlets_expr('k.id', dialect)} AS outlet_names
FROM claim_clusters k
JOIN claims c ON c.cluster_id = k.id
JOIN articles a ON a.id = c.article_id
GROUP BY k.id, k.speaker, k.boilerplate, k.created_at""",
        "v_cluster_flags": f"""
SELECT l.id AS link_id, l.cluster_pair, l.relation, l.score,
       CAST(l.reasons AS TEXT) AS reasons, l.status AS review_status,
       l.linker_version, l.created_at AS flagged_at, {day_flag} AS flagged_day,
       l.cluster_a_id, l.claim_a_id, {carried('l.cluster_a_id', 'a')},
       l.cluster_b_id, l.claim_b_id, {carried('l.cluster_b_id', 'b')}
FROM claim_links l
WHERE l.cluster_pair IS NOT NULL""",
    }
