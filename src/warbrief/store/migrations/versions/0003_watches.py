"""Watches and alerts: saved queries (watches, grouped in watchlists), what they matched
(one row per watch and item, so a re-run matches nothing twice), the documents behind each
match (a near-duplicate adds a source), and the outbox of deliveries (written in the same
transaction as the match, so a killed process loses none; sent at least once, each with its
idempotency key).

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STAMP = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "watchlists",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("created", STAMP, nullable=False),
    )
    op.create_table(
        "watches",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("watchlist", sa.Integer, sa.ForeignKey("watchlists.seq", ondelete="SET NULL")),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("min_sources", sa.Integer, nullable=False, server_default="1"),
        sa.Column("webhook", sa.Text), sa.Column("webhook_secret_env", sa.String(100)),
        sa.Column("allow_private", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("email", sa.Text), sa.Column("digest", sa.String(10)),
        sa.Column("created", STAMP, nullable=False), sa.Column("updated", STAMP, nullable=False),
    )
    op.create_table(
        "watch_matches",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("watch", sa.Integer, sa.ForeignKey("watches.seq", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("doc_id", sa.String(80), nullable=False),
        sa.Column("item_id", sa.String(40)),
        sa.Column("term", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text), sa.Column("start", sa.Integer), sa.Column("end", sa.Integer),
        sa.Column("place", sa.Text), sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("date", sa.String(10)), sa.Column("title", sa.Text), sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("sources", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created", STAMP, nullable=False),
        sa.UniqueConstraint("watch", "key", name="uq_watch_matches_watch_key"),
    )
    op.create_index("ix_watch_matches_doc_id", "watch_matches", ["doc_id"])
    op.create_table(
        "watch_match_sources",
        sa.Column("match", sa.Integer, sa.ForeignKey("watch_matches.seq", ondelete="CASCADE"), nullable=False),
        sa.Column("doc_id", sa.String(80), nullable=False),
        sa.Column("source", sa.Text),
        sa.PrimaryKeyConstraint("match", "doc_id"),
    )
    op.create_table(
        "watch_outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("match", sa.Integer, sa.ForeignKey("watch_matches.seq", ondelete="CASCADE"), nullable=False),
        sa.Column("watch", sa.Integer, sa.ForeignKey("watches.seq", ondelete="CASCADE"), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_at", STAMP, nullable=False),
        sa.Column("last_error", sa.Text), sa.Column("sent_at", STAMP),
        sa.UniqueConstraint("match", "channel", name="uq_watch_outbox_match_channel"),
    )
    op.create_index("ix_watch_outbox_status_next", "watch_outbox", ["status", "next_at"])


def downgrade() -> None:
    op.drop_index("ix_watch_outbox_status_next", table_name="watch_outbox")
    op.drop_table("watch_outbox")
    op.drop_table("watch_match_sources")
    op.drop_index("ix_watch_matches_doc_id", table_name="watch_matches")
    op.drop_table("watch_matches")
    op.drop_table("watches")
    op.drop_table("watchlists")
