"""The tables of watches and alerts (migration 0003): watchlists, watches, their matches, the
documents behind each match, and the delivery outbox. Same metadata as `schema`."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from .schema import metadata

STAMP = String(40)

watchlists = Table(
    "watchlists", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("created", STAMP, nullable=False),
)

watches = Table(
    "watches", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("watchlist", Integer, ForeignKey("watchlists.seq", ondelete="SET NULL")),
    Column("kind", String(10), nullable=False),  # events | claims | documents
    Column("query", Text, nullable=False),  # JSON: the fields of EventFilter / ClaimFilter, or {"words"}
    Column("min_sources", Integer, nullable=False, default=1),
    Column("webhook", Text),
    Column("webhook_secret_env", String(100)),  # the NAME of the variable holding the signing secret
    Column("allow_private", Boolean, nullable=False, default=False),
    Column("email", Text),
    Column("digest", String(10)),  # immediate | daily | weekly
    Column("created", STAMP, nullable=False),
    Column("updated", STAMP, nullable=False),
)

watch_matches = Table(
    "watch_matches", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("watch", Integer, ForeignKey("watches.seq", ondelete="CASCADE"), nullable=False),
    Column("key", String(200), nullable=False),  # "doc_id#e1", "doc_id#c2", "doc_id"
    Column("kind", String(10), nullable=False),  # event | claim | document
    Column("doc_id", String(80), nullable=False),
    Column("item_id", String(40)),
    Column("term", Text, nullable=False),  # what matched, said for a reader
    Column("sentence", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", String(10)),
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("sources", Integer, nullable=False, default=1),  # independent sources (outlets) so far
    Column("created", STAMP, nullable=False),
    UniqueConstraint("watch", "key", name="uq_watch_matches_watch_key"),
)
Index("ix_watch_matches_doc_id", watch_matches.c.doc_id)

watch_match_sources = Table(
    "watch_match_sources", metadata,
    Column("match", Integer, ForeignKey("watch_matches.seq", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(80), nullable=False),
    Column("source", Text),
    PrimaryKeyConstraint("match", "doc_id"),
)

watch_outbox = Table(
    "watch_outbox", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("match", Integer, ForeignKey("watch_matches.seq", ondelete="CASCADE"), nullable=False),
    Column("watch", Integer, ForeignKey("watches.seq", ondelete="CASCADE"), nullable=False),
    Column("channel", String(10), nullable=False),  # webhook | email
    Column("period", String(20), nullable=False),  # the digest period ("2024-11-01", "2024-W44", "now")
    Column("status", String(10), nullable=False),  # pending | sent | dead
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_at", STAMP, nullable=False),  # not before (back-off)
    Column("last_error", Text),
    Column("sent_at", STAMP),
    UniqueConstraint("match", "channel", name="uq_watch_outbox_match_channel"),
)
Index("ix_watch_outbox_status_next", watch_outbox.c.status, watch_outbox.c.next_at)
