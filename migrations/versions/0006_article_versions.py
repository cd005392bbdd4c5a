"""Article versions and a protected review audit.

An article whose text changes is stored as a new row beside the old one (``version``,
``previous_id``) instead of overwriting it and cascading its claims, flagged pairs and
review events away; ``canonical_url`` is unique per version. ``review_events.link_id``
becomes ON DELETE RESTRICT, so no cascade can delete the audit.

SQLite rebuilds the two tables (batch mode). The reporting views are dropped and made
again around the rebuild, and foreign keys are off meanwhile (see migrations/env.py),
so rebuilding ``articles`` cannot cascade into ``claims``.

Revision ID: article_versions
Revises: speaker_identity
"""
from alembic import op
import sqlalchemy as sa

from claimlink.models.views import VIEW_NAMES, view_sql

revision = "article_versions"
down_revision = "speaker_identity"
branch_labels = None
depends_on = None


def _drop_views() -> None:
    for name in reversed(VIEW_NAMES):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def _create_views() -> None:
    # the views as of this revision: claims.claim_type comes in the next one (claim_types)
    for name, sql in view_sql(op.get_bind().dialect.name, claim_type=False).items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def upgrade() -> None:
    _drop_views()
    with op.batch_alter_table("articles") as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("previous_id", sa.Integer(), nullable=True))
        batch_op.drop_constraint("uq_articles_canonical_url", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_articles_canonical_url_version"),
                                          ["canonical_url", "version"])
        batch_op.create_foreign_key(batch_op.f("fk_articles_previous_id_articles"), "articles",
                                    ["previous_id"], ["id"], ondelete="SET NULL")
    with op.batch_alter_table("review_events") as batch_op:
        batch_op.drop_constraint("fk_review_events_link_id_claim_links", type_="foreignkey")
        batch_op.create_foreign_key(batch_op.f("fk_review_events_link_id_claim_links"), "claim_links",
                                    ["link_id"], ["id"], ondelete="RESTRICT")
    _create_views()


def downgrade() -> None:
    """Deletes nothing: older versions of an article keep their rows, claims and reviews,
    under their canonical URL with ``#v<version>`` appended, so the restored unique
    constraint on ``canonical_url`` holds."""
    _drop_views()
    op.execute("UPDATE articles SET canonical_url = canonical_url || '#v' || CAST(version AS VARCHAR(10)) "
               "WHERE EXISTS (SELECT 1 FROM articles newer WHERE newer.canonical_url = articles.canonical_url "
               "AND newer.version > articles.version)")
    with op.batch_alter_table("review_events") as batch_op:
        batch_op.drop_constraint("fk_review_events_link_id_claim_links", type_="foreignkey")
        batch_op.create_foreign_key(batch_op.f("fk_review_events_link_id_claim_links"), "claim_links",
                                    ["link_id"], ["id"], ondelete="CASCADE")
    with op.batch_alter_table("articles") as batch_op:
        batch_op.drop_constraint("fk_articles_previous_id_articles", type_="foreignkey")
        batch_op.drop_constraint("uq_articles_canonical_url_version", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_articles_canonical_url"), ["canonical_url"])
        batch_op.drop_column("previous_id")
        batch_op.drop_column("version")
    _create_views()
