"""Speaker identity: the forms of each speaker's name (speaker_aliases) and the desk's
merges and splits of speakers (speaker_audit).

Revision ID: speaker_identity
Revises: review_roles
"""
from alembic import op
import sqlalchemy as sa

revision = "speaker_identity"
down_revision = "review_roles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("surname", sa.String(length=120), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], name=op.f("fk_speaker_aliases_speaker_id_speakers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_aliases")),
        sa.UniqueConstraint("speaker_id", "form", name=op.f("uq_speaker_aliases_speaker_id_form")),
    )
    with op.batch_alter_table("speaker_aliases") as batch_op:
        batch_op.create_index(batch_op.f("ix_speaker_aliases_speaker_id"), ["speaker_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_speaker_aliases_key"), ["key"], unique=False)
        batch_op.create_index(batch_op.f("ix_speaker_aliases_surname"), ["surname"], unique=False)
    op.create_table(
        "speaker_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("speaker_key", sa.String(length=300), nullable=False),
        sa.Column("speaker_name", sa.String(length=300), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("other_key", sa.String(length=300), nullable=False),
        sa.Column("other_name", sa.String(length=300), nullable=False),
        sa.Column("claims_moved", sa.Integer(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_audit")),
    )
    with op.batch_alter_table("speaker_audit") as batch_op:
        batch_op.create_index(batch_op.f("ix_speaker_audit_speaker_id"), ["speaker_id"], unique=False)
    _backfill_forms()


def _backfill_forms() -> None:
    """The forms of names already in the store: one alias row per speaker and name as
    written, with its claim count and first and last publication dates."""
    from claimlink.extractors.speaker_identity import identity_key, surname

    bind = op.get_bind()
    rows = bind.execute(sa.text("""
        SELECT c.speaker_id, c.speaker_name, s.label, COUNT(*), MIN(a.published), MAX(a.published)
        FROM claims c JOIN speakers s ON s.id = c.speaker_id JOIN articles a ON a.id = c.article_id
        WHERE c.speaker_name IS NOT NULL GROUP BY c.speaker_id, c.speaker_name, s.label""")).all()
    aliases = sa.table("speaker_aliases", sa.column("speaker_id"), sa.column("form"), sa.column("key"),
                       sa.column("surname"), sa.column("origin"), sa.column("claims"),
                       sa.column("first_seen"), sa.column("last_seen"))
    values = []
    for sid, form, label, n, first, last in rows:
        key = identity_key(form, label or "PERSON") or form.casefold()
        values.append({"speaker_id": sid, "form": form[:300], "key": key[:300],
                       "surname": surname(key)[:120] if label in ("PERSON", None) else None,
                       "origin": "seen", "claims": n, "first_seen": first, "last_seen": last})
    if values:
        op.bulk_insert(aliases, values)


def downgrade() -> None:
    with op.batch_alter_table("speaker_audit") as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_audit_speaker_id"))
    op.drop_table("speaker_audit")
    with op.batch_alter_table("speaker_aliases") as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_aliases_surname"))
        batch_op.drop_index(batch_op.f("ix_speaker_aliases_key"))
        batch_op.drop_index(batch_op.f("ix_speaker_aliases_speaker_id"))
    op.drop_table("speaker_aliases")
