"""Roles and revocable sessions for the review desk's accounts.

``role`` (``admin`` or ``reviewer``), ``session_generation`` (bumped by logout, disable and
role changes to end every cookie issued before) and ``disabled_at``. Accounts that exist
already become ``reviewer``: the least privilege, so an upgrade never leaves every account
able to bulk-reject or reopen. Promote the operator's account with
``claimlink users role NAME admin``.

Revision ID: review_roles
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "review_roles"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("role", sa.String(length=20), server_default="reviewer", nullable=False))
        batch.add_column(sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint(op.f("ck_users_role"), "role IN ('admin', 'reviewer')")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.drop_column("disabled_at")
        batch.drop_column("session_generation")
        batch.drop_column("role")
