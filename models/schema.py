"""The store's schema: SQLAlchemy 2.0 declarative models.

Every constraint is named by the convention below, so Alembic migrations address them the
same way on SQLite and PostgreSQL. Natural keys (URL, content hash, cue offsets, claim
pair) carry unique constraints: the store functions upsert against them, and two runs at
once cannot write the same row twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (JSON, Boolean, CheckConstraint, DateTime, Float, ForeignKey, Index, Integer, MetaData,
                        String, Text, UniqueConstraint, false as sa_false, func)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """A feed, sitemap or URL list the desk follows (mirrors ``sources.toml``)."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_outcome: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_items: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class UrlState(Base):
    """Crawl state of one URL: validators for conditional GET, attempts, give-up flag."""

    __tablename__ = "url_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_outcome: Mapped[str | None] = mapped_column(String(40))
    gave_up: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_attempt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FetchLog(Base):
    """Append-only: one row per URL attempt, whatever happened."""

    __tablename__ = "fetch_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    outcome: Mapped[str] = mapped_column(String(40))  # ok, not_modified, error, skipped
    status: Mapped[int | None] = mapped_column(Integer)
    error_class: Mapped[str | None] = mapped_column(String(80))
    error_code: Mapped[str | None] = mapped_column(String(10))
    message: Mapped[str | None] = mapped_column(Text)
    nbytes: Mapped[int | None] = mapped_column(Integer)
    elapsed_ms: Mapped[int | None] = mapped_column(Integer)


class Article(Base):
    """One version of an article. An article whose text changes gets a new row with the
    next ``version`` (``previous_id`` points to the one before); the old row keeps its
    claims, its flagged pairs and their review history."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("canonical_url", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    canonical_url: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    authors: Mapped[list | None] = mapped_column(JSON)
    language: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    extracted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    extractor_version: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    urls: Mapped[list["ArticleUrl"]] = relationship(back_populates="article", cascade="all, delete-orphan")
    claims: Mapped[list["Claim"]] = relationship(back_populates="article", cascade="all, delete-orphan")


class ArticleUrl(Base):
    """Every URL an article was seen at (the same story at two URLs is stored once)."""

    __tablename__ = "article_urls"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    article: Mapped[Article] = relationship(back_populates="urls")


class Speaker(Base):
    """A canonical speaker shared across articles ("valery gerasimov")."""

    __tablename__ = "speakers"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    label: Mapped[str | None] = mapped_column(String(20))


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("article_id", "cue_start", "content_start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    speaker_mention: Mapped[str | None] = mapped_column(Text)
    speaker_name: Mapped[str | None] = mapped_column(String(300))
    speaker_title: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(String(200))
    cue_lemma: Mapped[str | None] = mapped_column(String(60))
    cue_start: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_spans: Mapped[list] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(10))
    stance: Mapped[str] = mapped_column(String(10))
    #: fact, opinion, prediction, intention, question or hypothetical (linker.claim_types)
    claim_type: Mapped[str | None] = mapped_column(String(20), index=True)
    target_speaker: Mapped[str | None] = mapped_column(String(300))
    target_content: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[str | None] = mapped_column(Text)
    sentence_start: Mapped[int | None] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer, default=0)
    features: Mapped[dict | None] = mapped_column(JSON)
    #: the claim's cluster: copies of one text by one speaker (models/clusters.py)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("claim_clusters.id", ondelete="SET NULL"), index=True)
    linked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    article: Mapped[Article] = relationship(back_populates="claims")
    speaker: Mapped[Speaker | None] = relationship()


class ClaimCluster(Base):
    """Claims that are one claim: the same normalised text by one speaker, or near
    duplicates of it (see :mod:`claimlink.models.clusters`). ``key`` is the signature key
    of the claim that founded it, ``text`` that claim's normalised content. A cluster
    carried by many articles of one outlet is ``boilerplate`` and is not linked."""

    __tablename__ = "claim_clusters"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    speaker: Mapped[str | None] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    boilerplate: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ClusterAnchor(Base):
    """Anchors of a cluster (its members' exact keys, first and last words), so that a
    new claim finds the clusters it may belong to with an indexed query."""

    __tablename__ = "cluster_anchors"
    __table_args__ = (UniqueConstraint("anchor", "cluster_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    anchor: Mapped[str] = mapped_column(String(64))
    cluster_id: Mapped[int] = mapped_column(ForeignKey("claim_clusters.id", ondelete="CASCADE"), index=True)


class TermCount(Base):
    """In how many claims each content term occurs: the linker weighs shared terms by
    this (inverse document frequency). The row with the empty term counts the claims."""

    __tablename__ = "term_counts"
    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    claims: Mapped[int] = mapped_column(Integer, default=0)


class ClaimKey(Base):
    """Blocking keys of a claim (see :mod:`claimlink.linker.blocking`), so candidate lookup is an
    indexed query: claims sharing a key, most recent first."""

    __tablename__ = "claim_keys"
    __table_args__ = (
        UniqueConstraint("key", "claim_id"),
        Index("ix_claim_keys_key_published", "key", "published"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ClaimLink(Base):
    """A flagged pair. ``claim_a_id`` is the earlier claim; ``reasons`` is a list of
    ``{"code", "text"}`` the review screen shows; ``status`` is the review state.

    ``cluster_a_id`` and ``cluster_b_id`` are the clusters of the two claims;
    ``cluster_pair`` (the two cluster ids, lower first) is unique: a pair of clusters is
    flagged once, whichever copies met. Links made before clustering (migration 0008)
    that fell into one cluster pair keep their rows, and only one of them carries the
    ``cluster_pair``: the desk and the cluster views show that one."""

    __tablename__ = "claim_links"
    __table_args__ = (
        UniqueConstraint("claim_a_id", "claim_b_id"),
        Index("ix_claim_links_status_score", "status", "score"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_a_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    claim_b_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list] = mapped_column(JSON)
    linker_version: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="open")
    cluster_a_id: Mapped[int | None] = mapped_column(ForeignKey("claim_clusters.id", ondelete="SET NULL"))
    cluster_b_id: Mapped[int | None] = mapped_column(ForeignKey("claim_clusters.id", ondelete="SET NULL"))
    cluster_pair: Mapped[str | None] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    claim_a: Mapped[Claim] = relationship(foreign_keys=[claim_a_id])
    claim_b: Mapped[Claim] = relationship(foreign_keys=[claim_b_id])


class ReviewEvent(Base):
    """Append-only audit of review decisions on flagged pairs: who, when, from what status
    to what status, and the note. The link's ``status`` is the latest ``to_status``.

    The foreign key RESTRICTs: deleting a reviewed link, or the claims or article under
    it, fails instead of cascading into the audit."""

    __tablename__ = "review_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("claim_links.id", ondelete="RESTRICT"), index=True)
    reviewer: Mapped[str] = mapped_column(String(100))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class User(Base):
    """An account of the review desk (see ``models/users.py``). ``password_hash`` is argon2;
    ``role`` is ``admin`` or ``reviewer``; ``session_generation`` is bumped to end every
    session cookie issued so far; a disabled account cannot log in."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('admin', 'reviewer')", name="role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), server_default="reviewer")
    session_generation: Mapped[int] = mapped_column(Integer, server_default="0")
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SpeakerAlias(Base):
    """A form of a speaker's name seen in the articles ("Donald J. Trump", "Mr. Trump",
    "Trump"), with how many claims used it. ``key`` is the form's identity key and
    ``surname`` its family name (people only), so a bare surname finds its candidates.
    ``origin`` is ``seen`` (written in an article), ``merge`` or ``split`` (a desk
    decision: the form's key is routed to this speaker from then on)."""

    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "form"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    surname: Mapped[str | None] = mapped_column(String(120), index=True)
    origin: Mapped[str] = mapped_column(String(10), default="seen")
    claims: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SpeakerAudit(Base):
    """Append-only record of the desk's merges and splits of speakers. Ids, keys and names
    are copied, not referenced: a merged speaker no longer exists."""

    __tablename__ = "speaker_audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(10))  # merge, split
    speaker_id: Mapped[int] = mapped_column(Integer, index=True)  # the speaker kept or split into
    speaker_key: Mapped[str] = mapped_column(String(300))
    speaker_name: Mapped[str] = mapped_column(String(300))
    other_id: Mapped[int] = mapped_column(Integer)  # the speaker merged away or split from
    other_key: Mapped[str] = mapped_column(String(300))
    other_name: Mapped[str] = mapped_column(String(300))
    claims_moved: Mapped[int] = mapped_column(Integer)
    detail: Mapped[dict] = mapped_column(JSON)  # forms and claim ids moved
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
