"""The database schema (SQLAlchemy Core tables). Migrations in `migrations/versions/` create it;
this module is what the code reads and writes through. Change both together.

Documents are keyed by an integer `seq` (the SQLite rowid, so FTS5 can index them as external
content) and identified by their content hash `id` (`sha256:...`, unique). Extracted items
point at `documents.seq`. A near-duplicate document keeps its own row (so re-ingesting it is a
no-op) with `duplicate_of` set, and no extracted items of its own.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
)

metadata = MetaData()

DOC_ID = String(80)

documents = Table(
    "documents", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", DOC_ID, nullable=False, unique=True),
    Column("source", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(40)),
    Column("published_date", String(10)),  # YYYY-MM-DD of `published`, for range filters
    Column("retrieved", String(40)),
    Column("ingested", String(40), nullable=False),
    Column("language", String(8)),
    Column("origin", Text),  # where it was read from: a path, URL, "feed.xml#3"
    Column("forwarded_from", Text),  # Telegram: the channel the post was forwarded from
    Column("text", Text, nullable=False),
    Column("original", LargeBinary),  # the bytes as read, when --keep-original
    Column("duplicate_of", DOC_ID),  # near-duplicate of this document id
    Column("similarity", Float),  # estimated Jaccard similarity to `duplicate_of`
    Column("minhash", LargeBinary),
    Column("analysis", LargeBinary, nullable=False),  # the contract JSON, packed (see codec.py)
)
Index("ix_documents_published_date", documents.c.published_date)
Index("ix_documents_duplicate_of", documents.c.duplicate_of)

entities = Table(
    "entities", metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("country", String(2)),
    Column("geonames_id", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("feature", String(20)),
    Column("admin1", Text),
)
Index("ix_entities_type", entities.c.type)
Index("ix_entities_geonames_id", entities.c.geonames_id)

mentions = Table(
    "mentions", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("doc", Integer, ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False),
    Column("entity", String(200), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_mentions_entity", mentions.c.entity)
Index("ix_mentions_doc", mentions.c.doc)

places = Table(
    "places", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("doc", Integer, ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False),
    Column("entity", String(200), nullable=False),
    Column("name", Text),
    Column("geonames_id", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("feature", String(20)),
    Column("admin1", Text),
    Column("country", String(2)),
    Column("reason", Text),
)
Index("ix_places_geonames_id", places.c.geonames_id)
Index("ix_places_doc", places.c.doc)

times = Table(
    "times", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("doc", Integer, ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(60)),
    Column("precision", String(20)),
    Column("reason", Text),
)
Index("ix_times_doc", times.c.doc)

claims = Table(
    "claims", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("doc", Integer, ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False),
    Column("claim_id", String(40), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("speaker_entity", String(200)),
    Column("speaker_name", Text),
    Column("time", String(60)),
    Column("date", String(10)),  # YYYY-MM-DD: the claim's time, else the document's date
    Column("data", LargeBinary, nullable=False),  # the contract claim JSON, packed
)
Index("ix_claims_speaker_entity", claims.c.speaker_entity)
Index("ix_claims_date", claims.c.date)
Index("ix_claims_doc", claims.c.doc)

claim_chain = Table(
    "claim_chain", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("claim", Integer, ForeignKey("claims.seq", ondelete="CASCADE"), nullable=False),
    Column("position", SmallInteger, nullable=False),  # 0 = outermost relay
    Column("entity", String(200)),
    Column("name", Text),
    Column("origin", String(20), nullable=False),  # "text" | "forwarded" (Telegram forward)
)
Index("ix_claim_chain_claim", claim_chain.c.claim)
Index("ix_claim_chain_entity", claim_chain.c.entity)

events = Table(
    "events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("doc", Integer, ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(40), nullable=False),
    Column("type", String(20), nullable=False),
    Column("mode", String(40)),
    Column("label", String(40)),
    Column("acled_event_type", String(60)),
    Column("acled_sub_event_type", String(60)),
    Column("modality", String(20)),
    Column("place_entity", String(200)),
    Column("place_name", Text),
    Column("place_precision", String(20)),
    Column("geonames_id", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("date_start", String(10)),  # first and last day the event's time covers
    Column("date_end", String(10)),
    Column("date_source", String(10)),  # "event" (its own time) | "published" (document date)
    Column("killed", Integer),
    Column("injured", Integer),
    Column("claim_id", String(40)),
    Column("sentence", Text),
    Column("data", LargeBinary, nullable=False),  # the contract event JSON, packed
)
# type + date range + bounding box (migration 0002): an event query seeks type and the first day,
# checks the last day and lat/lon inside the index and sorts the matching seqs there, so the
# table is only read for the page it returns.
Index("ix_events_type_dates_geo", events.c.type, events.c.date_start, events.c.date_end, events.c.lat, events.c.lon)
Index("ix_events_dates_geo", events.c.date_start, events.c.date_end, events.c.lat, events.c.lon)
Index("ix_events_geonames_id", events.c.geonames_id)
Index("ix_events_doc", events.c.doc)

event_parties = Table(
    "event_parties", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("event", Integer, ForeignKey("events.seq", ondelete="CASCADE"), nullable=False),
    Column("role", String(10), nullable=False),  # "actor" | "recipient"
    Column("entity", String(200)),
    Column("name", Text),
    Column("country", String(2)),
)
# covering for the actor filter (an EXISTS per candidate event reads only the index)
Index("ix_event_parties_event_entity", event_parties.c.event, event_parties.c.entity, event_parties.c.name)
Index("ix_event_parties_entity", event_parties.c.entity)

neardup_bands = Table(
    "neardup_bands", metadata,
    Column("band", SmallInteger, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Column("doc", Integer, ForeignKey("documents.seq", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("band", "hash", "doc"),
)

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("started", String(40), nullable=False),
    Column("finished", String(40)),
    Column("command", Text),
    Column("summary", Text),  # JSON counts
)

ingest_log = Table(
    "ingest_log", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("run", Integer),
    Column("at", String(40), nullable=False),
    Column("input", Text, nullable=False),
    Column("status", String(20), nullable=False),  # skipped | failed | near-duplicate | undated | warning
    Column("reason", Text, nullable=False),
    Column("doc_id", DOC_ID),
)
Index("ix_ingest_log_run", ingest_log.c.run)
