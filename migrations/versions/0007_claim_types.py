"""Claim types (claims.claim_type, in v_claims) and term counts for the linker.

Revision ID: claim_types
Revises: article_versions
"""
from alembic import op
import sqlalchemy as sa

from claimlink.models.views import VIEW_NAMES, view_sql

revision = "claim_types"
down_revision = "article_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("claims", sa.Column("claim_type", sa.String(length=20), nullable=True))
    op.create_index(op.f("ix_claims_claim_type"), "claims", ["claim_type"], unique=False)
    op.create_table(
        "term_counts",
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_term_counts")),
    )
    op.execute("DROP VIEW IF EXISTS v_claims")
    op.execute(f"CREATE VIEW v_claims AS {view_sql(dialect, clusters=False)['v_claims']}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    # SQLite rebuilds the table to drop a column; views that read it go first
    for name in reversed(VIEW_NAMES):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_table("term_counts")
    op.drop_index(op.f("ix_claims_claim_type"), table_name="claims")
    with op.batch_alter_table("claims") as batch_op:
        batch_op.drop_column("claim_type")
    for name, sql in view_sql(dialect, claim_type=False).items():
        op.execute(f"CREATE VIEW {name} AS {sql}")
