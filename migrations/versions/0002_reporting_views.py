"""Reporting views (v_claims, v_contradictions, v_speaker_stats, v_outlet_stats,
v_review_queue), the review audit table they read, and indexes that keep reports fast.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

from claimlink.models.views import VIEW_NAMES, view_sql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["link_id"], ["claim_links.id"], name=op.f("fk_review_events_link_id_claim_links"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_events")),
    )
    with op.batch_alter_table("review_events") as batch_op:
        batch_op.create_index(batch_op.f("ix_review_events_link_id"), ["link_id"], unique=False)
    dialect = op.get_bind().dialect.name
    for name, sql in view_sql(dialect, claim_type=False).items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(VIEW_NAMES):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("review_events") as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_events_link_id"))
    op.drop_table("review_events")
