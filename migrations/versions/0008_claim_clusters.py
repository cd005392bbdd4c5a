"""Claim clusters: repeated text is one claim (claim_clusters, cluster_anchors,
claims.cluster_id), and a pair of clusters is flagged once (claim_links.cluster_a_id,
cluster_b_id, cluster_pair). Existing claims are clustered and existing links assigned
their clusters here; views v_claim_clusters and v_cluster_flags are added.

Revision ID: claim_clusters
Revises: claim_types
"""
from alembic import op
import sqlalchemy as sa

from claimlink.models.views import VIEW_NAMES, view_sql

revision = "claim_clusters"
down_revision = "claim_types"
branch_labels = None
depends_on = None


def _drop_views() -> None:
    # SQLite rebuilds claims and claim_links to add foreign keys; views that read them go first
    for name in reversed(VIEW_NAMES):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _drop_views()
    op.create_table(
        "claim_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("speaker", sa.String(length=120), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("boilerplate", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_clusters")),
        sa.UniqueConstraint("key", name=op.f("uq_claim_clusters_key")),
    )
    op.create_table(
        "cluster_anchors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.String(length=64), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cluster_id"], ["claim_clusters.id"],
                                name=op.f("fk_cluster_anchors_cluster_id_claim_clusters"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_anchors")),
        sa.UniqueConstraint("anchor", "cluster_id", name=op.f("uq_cluster_anchors_anchor_cluster_id")),
    )
    op.create_index(op.f("ix_cluster_anchors_cluster_id"), "cluster_anchors", ["cluster_id"], unique=False)
    with op.batch_alter_table("claims") as batch_op:
        batch_op.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_claims_cluster_id_claim_clusters"), "claim_clusters",
                                    ["cluster_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_claims_cluster_id"), ["cluster_id"], unique=False)
    with op.batch_alter_table("claim_links") as batch_op:
        batch_op.add_column(sa.Column("cluster_a_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cluster_b_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cluster_pair", sa.String(length=40), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_claim_links_cluster_a_id_claim_clusters"), "claim_clusters",
                                    ["cluster_a_id"], ["id"], ondelete="SET NULL")
        batch_op.create_foreign_key(batch_op.f("fk_claim_links_cluster_b_id_claim_clusters"), "claim_clusters",
                                    ["cluster_b_id"], ["id"], ondelete="SET NULL")
        batch_op.create_unique_constraint(batch_op.f("uq_claim_links_cluster_pair"), ["cluster_pair"])
    _cluster_claims(dialect)
    _cluster_links()
    for name, sql in view_sql(dialect).items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def _cluster_claims(dialect: str) -> None:
    """Every stored claim joins a cluster, in claim order, as the store would have
    clustered it (models/clusters.py); then clusters carried by many articles of one
    outlet are marked boilerplate."""
    from claimlink.models.clusters import BOILERPLATE_ARTICLES, ClusterIndex, signature

    bind = op.get_bind()
    rows = bind.execute(sa.text("""
        SELECT c.id, c.article_id, c.cue_start, c.content_start, c.content, COALESCE(s.key, c.speaker_name)
        FROM claims c LEFT JOIN speakers s ON s.id = c.speaker_id ORDER BY c.id""")).all()
    index = ClusterIndex()
    clusters: list[dict] = []
    by_key: dict[str, int] = {}
    anchors: dict[tuple[str, int], None] = {}
    members: list[dict] = []
    for claim_id, article_id, cue_start, content_start, content, speaker in rows:
        sig = signature(content, speaker, f"{article_id}:{cue_start}:{content_start}")
        cid = index.match(sig) or by_key.get(sig.key)
        if cid is None:
            cid = len(clusters) + 1
            by_key[sig.key] = cid
            clusters.append({"id": cid, "key": sig.key, "speaker": None, "text": sig.text, "boilerplate": False})
        if sig.speaker and not clusters[cid - 1]["speaker"]:
            clusters[cid - 1]["speaker"] = sig.speaker[:120]
        index.add(cid, sig.text, sig.speaker, sig.anchors)
        anchors.update({(a, cid): None for a in sig.anchors})
        members.append({"claim": claim_id, "cluster": cid})
    table = sa.table("claim_clusters", sa.column("id"), sa.column("key"), sa.column("speaker"), sa.column("text"),
                     sa.column("boilerplate"))
    anchor_table = sa.table("cluster_anchors", sa.column("anchor"), sa.column("cluster_id"))
    for i in range(0, len(clusters), 1000):
        op.bulk_insert(table, clusters[i:i + 1000])
    anchor_rows = [{"anchor": a, "cluster_id": c} for a, c in anchors]
    for i in range(0, len(anchor_rows), 1000):
        op.bulk_insert(anchor_table, anchor_rows[i:i + 1000])
    if members:
        bind.execute(sa.text("UPDATE claims SET cluster_id = :cluster WHERE id = :claim"), members)
    if dialect == "postgresql" and clusters:  # ids were given: move the sequence past them
        op.execute("SELECT setval(pg_get_serial_sequence('claim_clusters', 'id'), (SELECT MAX(id) FROM claim_clusters))")
    op.execute(f"""
        UPDATE claim_clusters SET boilerplate = true WHERE id IN (
            SELECT c.cluster_id FROM claims c JOIN articles a ON a.id = c.article_id
            GROUP BY c.cluster_id, a.outlet HAVING COUNT(DISTINCT a.canonical_url) >= {int(BOILERPLATE_ARTICLES)})""")


def _cluster_links() -> None:
    """Each existing link gets its claims' clusters. Of links that fall into one pair
    of clusters, one carries the ``cluster_pair`` (the desk shows it): the one reviewed
    last, else the first."""
    from claimlink.models.store import cluster_pair

    bind = op.get_bind()
    rows = bind.execute(sa.text("""
        SELECT l.id, l.claim_a_id, l.claim_b_id, ca.cluster_id, cb.cluster_id,
               (SELECT MAX(e.id) FROM review_events e WHERE e.link_id = l.id)
        FROM claim_links l JOIN claims ca ON ca.id = l.claim_a_id JOIN claims cb ON cb.id = l.claim_b_id""")).all()
    primary: dict[str, tuple] = {}
    for link_id, a_id, b_id, ca, cb, last_event in rows:
        pair = cluster_pair(ca, cb, a_id, b_id)
        rank = (last_event is not None, last_event or 0, -link_id)
        if pair not in primary or rank > primary[pair][0]:
            primary[pair] = (rank, link_id)
    chosen = {link_id: pair for pair, (_, link_id) in primary.items()}
    updates = [{"id": link_id, "a": ca, "b": cb, "pair": chosen.get(link_id)} for link_id, _, _, ca, cb, _ in rows]
    if updates:
        bind.execute(sa.text("UPDATE claim_links SET cluster_a_id = :a, cluster_b_id = :b, cluster_pair = :pair "
                             "WHERE id = :id"), updates)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _drop_views()
    with op.batch_alter_table("claim_links") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_claim_links_cluster_pair"), type_="unique")
        batch_op.drop_constraint(batch_op.f("fk_claim_links_cluster_b_id_claim_clusters"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_claim_links_cluster_a_id_claim_clusters"), type_="foreignkey")
        batch_op.drop_column("cluster_pair")
        batch_op.drop_column("cluster_b_id")
        batch_op.drop_column("cluster_a_id")
    with op.batch_alter_table("claims") as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_cluster_id"))
        batch_op.drop_constraint(batch_op.f("fk_claims_cluster_id_claim_clusters"), type_="foreignkey")
        batch_op.drop_column("cluster_id")
    op.drop_index(op.f("ix_cluster_anchors_cluster_id"), table_name="cluster_anchors")
    op.drop_table("cluster_anchors")
    op.drop_table("claim_clusters")
    for name, sql in view_sql(dialect, clusters=False).items():
        op.execute(f"CREATE VIEW {name} AS {sql}")
