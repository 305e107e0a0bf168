"""The initial schema: documents, entities, mentions, places, times, claims (+ chain), events
(+ parties), near-duplicate bands, the ingest log, and full-text search (FTS5 on SQLite,
tsvector on PostgreSQL).

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DOC_ID = sa.String(80)


def _doc_fk() -> sa.Column:
    return sa.Column("doc", sa.Integer, sa.ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", DOC_ID, nullable=False, unique=True),
        sa.Column("source", sa.Text), sa.Column("url", sa.Text), sa.Column("title", sa.Text),
        sa.Column("published", sa.String(40)), sa.Column("published_date", sa.String(10)),
        sa.Column("retrieved", sa.String(40)), sa.Column("ingested", sa.String(40), nullable=False),
        sa.Column("language", sa.String(8)), sa.Column("origin", sa.Text),
        sa.Column("forwarded_from", sa.Text), sa.Column("text", sa.Text, nullable=False),
        sa.Column("original", sa.LargeBinary), sa.Column("duplicate_of", DOC_ID),
        sa.Column("similarity", sa.Float), sa.Column("minhash", sa.LargeBinary),
        sa.Column("analysis", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_documents_published_date", "documents", ["published_date"])
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])

    op.create_table(
        "entities",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False), sa.Column("type", sa.String(20), nullable=False),
        sa.Column("country", sa.String(2)), sa.Column("geonames_id", sa.Integer),
        sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("feature", sa.String(20)), sa.Column("admin1", sa.Text),
    )
    op.create_index("ix_entities_type", "entities", ["type"])
    op.create_index("ix_entities_geonames_id", "entities", ["geonames_id"])

    op.create_table(
        "mentions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True), _doc_fk(),
        sa.Column("entity", sa.String(200), nullable=False),
        sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_mentions_entity", "mentions", ["entity"])
    op.create_index("ix_mentions_doc", "mentions", ["doc"])

    op.create_table(
        "places",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True), _doc_fk(),
        sa.Column("entity", sa.String(200), nullable=False), sa.Column("name", sa.Text),
        sa.Column("geonames_id", sa.Integer), sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("feature", sa.String(20)), sa.Column("admin1", sa.Text),
        sa.Column("country", sa.String(2)), sa.Column("reason", sa.Text),
    )
    op.create_index("ix_places_geonames_id", "places", ["geonames_id"])
    op.create_index("ix_places_doc", "places", ["doc"])

    op.create_table(
        "times",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True), _doc_fk(),
        sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False), sa.Column("value", sa.String(60)),
        sa.Column("precision", sa.String(20)), sa.Column("reason", sa.Text),
    )
    op.create_index("ix_times_doc", "times", ["doc"])

    op.create_table(
        "claims",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True), _doc_fk(),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False), sa.Column("direct", sa.Boolean, nullable=False),
        sa.Column("speaker_entity", sa.String(200)), sa.Column("speaker_name", sa.Text),
        sa.Column("time", sa.String(60)), sa.Column("date", sa.String(10)),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_claims_speaker_entity", "claims", ["speaker_entity"])
    op.create_index("ix_claims_date", "claims", ["date"])
    op.create_index("ix_claims_doc", "claims", ["doc"])

    op.create_table(
        "claim_chain",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim", sa.Integer, sa.ForeignKey("claims.seq", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.SmallInteger, nullable=False),
        sa.Column("entity", sa.String(200)), sa.Column("name", sa.Text),
        sa.Column("origin", sa.String(20), nullable=False),
    )
    op.create_index("ix_claim_chain_claim", "claim_chain", ["claim"])
    op.create_index("ix_claim_chain_entity", "claim_chain", ["entity"])

    op.create_table(
        "events",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True), _doc_fk(),
        sa.Column("event_id", sa.String(40), nullable=False), sa.Column("type", sa.String(20), nullable=False),
        sa.Column("mode", sa.String(40)), sa.Column("label", sa.String(40)),
        sa.Column("acled_event_type", sa.String(60)), sa.Column("acled_sub_event_type", sa.String(60)),
        sa.Column("modality", sa.String(20)), sa.Column("place_entity", sa.String(200)),
        sa.Column("place_name", sa.Text), sa.Column("place_precision", sa.String(20)),
        sa.Column("geonames_id", sa.Integer), sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("date_start", sa.String(10)), sa.Column("date_end", sa.String(10)),
        sa.Column("date_source", sa.String(10)), sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer), sa.Column("claim_id", sa.String(40)),
        sa.Column("sentence", sa.Text), sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_events_type_date_geo", "events", ["type", "date_start", "lat", "lon"])
    op.create_index("ix_events_date_geo", "events", ["date_start", "lat", "lon"])
    op.create_index("ix_events_geonames_id", "events", ["geonames_id"])
    op.create_index("ix_events_doc", "events", ["doc"])

    op.create_table(
        "event_parties",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event", sa.Integer, sa.ForeignKey("events.seq", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(10), nullable=False), sa.Column("entity", sa.String(200)),
        sa.Column("name", sa.Text), sa.Column("country", sa.String(2)),
    )
    op.create_index("ix_event_parties_event", "event_parties", ["event"])
    op.create_index("ix_event_parties_entity", "event_parties", ["entity"])

    op.create_table(
        "neardup_bands",
        sa.Column("band", sa.SmallInteger, nullable=False), sa.Column("hash", sa.BigInteger, nullable=False),
        sa.Column("doc", sa.Integer, sa.ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("band", "hash", "doc"),
    )

    op.create_table(
        "ingest_runs",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started", sa.String(40), nullable=False), sa.Column("finished", sa.String(40)),
        sa.Column("command", sa.Text), sa.Column("summary", sa.Text),
    )
    op.create_table(
        "ingest_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run", sa.Integer), sa.Column("at", sa.String(40), nullable=False),
        sa.Column("input", sa.Text, nullable=False), sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False), sa.Column("doc_id", DOC_ID),
    )
    op.create_index("ix_ingest_log_run", "ingest_log", ["run"])

    if op.get_bind().dialect.name == "postgresql":
        _postgres_search()
    else:
        _sqlite_search()


def _sqlite_search() -> None:
    op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
               "content_rowid='seq', tokenize='unicode61 remove_diacritics 2')")
    op.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='seq', "
               "tokenize='unicode61 remove_diacritics 2')")
    for table, cols in (("documents", ("title", "text")), ("claims", ("text",))):
        names = ", ".join(cols)
        new = ", ".join(f"new.{c}" for c in cols)
        old = ", ".join(f"old.{c}" for c in cols)
        op.execute(f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {table}_fts(rowid, {names}) VALUES (new.seq, {new}); END")
        op.execute(f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
                   f"INSERT INTO {table}_fts({table}_fts, rowid, {names}) VALUES ('delete', old.seq, {old}); END")


def _postgres_search() -> None:
    op.execute("ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
               "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED")
    op.execute("CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)")
    op.execute("ALTER TABLE claims ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
               "(to_tsvector('english', text)) STORED")
    op.execute("CREATE INDEX ix_claims_tsv ON claims USING gin (tsv)")
    # great-circle distance in km (SQLite gets the same function from Python on connect)
    op.execute("""CREATE FUNCTION wb_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8)
        RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT 2 * 6371.0088 * asin(sqrt(
            power(sin(radians(lat2 - lat1) / 2), 2) +
            cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
        $$""")


def downgrade() -> None:
    for name in ("ingest_log", "ingest_runs", "neardup_bands", "event_parties", "events",
                 "claim_chain", "claims", "times", "places", "mentions", "entities", "documents"):
        if op.get_bind().dialect.name == "sqlite" and name in ("documents", "claims"):
            op.execute(f"DROP TABLE IF EXISTS {name}_fts")
        op.drop_table(name)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS wb_km")
