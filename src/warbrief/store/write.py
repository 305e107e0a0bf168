"""Writing one analysed document: every row of it in ONE transaction, so a killed process loses
at most the document in flight and a re-run stores each document exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from ..dates import iso_range, published_day
from . import neardup
from .codec import pack_analysis, pack_item
from .schema import (
    claim_chain,
    claims,
    documents,
    entities,
    event_parties,
    events,
    ingest_log,
    mentions,
    neardup_bands,
    places,
    times,
)


@dataclass
class IngestMeta:
    """How a document came in (where from, when, a forward, its bytes): what the store keeps
    beyond its analysis. The brief's view of a stored document is `brief.items.DocMeta`."""

    origin: str | None = None
    retrieved: str | None = None
    forwarded_from: str | None = None
    original: bytes | None = None


@dataclass
class WriteResult:
    status: str  # "stored" | "skipped" (same content already stored) | "near-duplicate"
    doc_id: str
    duplicate_of: str | None = None
    similarity: float | None = None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_analysis(conn: Connection, analysis: dict[str, Any], meta: IngestMeta | None = None,
                 sig: bytes | None = None) -> WriteResult:
    """Store one analysis (contract dict) inside the caller's transaction. `sig` is the
    near-duplicate signature if already computed (None: compute it here; b"": skip the
    near-duplicate check, e.g. for synthetic bulk loads)."""
    meta = meta or IngestMeta()
    doc = analysis["document"]
    if conn.execute(select(documents.c.seq).where(documents.c.id == doc["id"])).first():
        return WriteResult("skipped", doc["id"])
    if sig is None:
        sig = neardup.signature(doc["text"])
    match = _near_duplicate(conn, sig) if sig else None
    row = {
        "id": doc["id"], "source": doc.get("source"), "url": doc.get("url"), "title": doc.get("title"),
        "published": doc.get("published"), "published_date": published_day(doc.get("published")),
        "retrieved": meta.retrieved, "ingested": now(), "language": doc.get("language"),
        "origin": meta.origin, "forwarded_from": meta.forwarded_from, "text": doc["text"],
        "original": meta.original, "minhash": sig,
        "duplicate_of": match[0] if match else None, "similarity": match[1] if match else None,
        "analysis": pack_analysis(analysis),
    }
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    seq = conn.execute(ins(documents).on_conflict_do_nothing(index_elements=["id"])
                       .returning(documents.c.seq), row).scalar()
    if seq is None:  # stored meanwhile by another writer
        return WriteResult("skipped", doc["id"])
    if match:
        return WriteResult("near-duplicate", doc["id"], match[0], match[1])
    if sig:
        conn.execute(insert(neardup_bands), [{"band": b, "hash": h, "doc": seq} for b, h in neardup.bands(sig)])
    _add_items(conn, seq, analysis, published_day(doc.get("published")), meta)
    return WriteResult("stored", doc["id"])


def _near_duplicate(conn: Connection, sig: bytes) -> tuple[str, float] | None:
    cond = or_(*((neardup_bands.c.band == b) & (neardup_bands.c.hash == h) for b, h in neardup.bands(sig)))
    cand = select(neardup_bands.c.doc).where(cond).distinct().limit(50).subquery()
    rows = conn.execute(select(documents.c.id, documents.c.minhash)
                        .where(documents.c.seq.in_(select(cand.c.doc)))).all()
    return neardup.best_match(sig, ((r.id, r.minhash) for r in rows if r.minhash))


def _upsert_entities(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(ins(entities).on_conflict_do_nothing(index_elements=["id"]), rows)


def _add_items(conn: Connection, seq: int, a: dict[str, Any], pub_day: str | None, meta: IngestMeta) -> None:
    ent_rows, mention_rows, place_rows = [], [], []
    for e in a.get("entities", []):
        p = e.get("place") or {}
        ent_rows.append({"id": e["id"], "name": e["name"], "type": e["type"], "country": e.get("country"),
                         "geonames_id": p.get("geonames_id"), "lat": p.get("lat"), "lon": p.get("lon"),
                         "feature": p.get("feature"), "admin1": p.get("admin1")})
        mention_rows += [{"doc": seq, "entity": e["id"], "start": m["start"], "end": m["end"],
                          "text": m["text"]} for m in e.get("mentions", [])]
        if p:
            place_rows.append({"doc": seq, "entity": e["id"], "name": e["name"], **{
                k: p.get(k) for k in ("geonames_id", "lat", "lon", "feature", "admin1", "country", "reason")}})
    _upsert_entities(conn, list({r["id"]: r for r in ent_rows}.values()))
    for table, rows in ((mentions, mention_rows), (places, place_rows)):
        if rows:
            conn.execute(insert(table), rows)
    time_rows = [{"doc": seq, **{k: t.get(k) for k in ("start", "end", "text", "value", "precision", "reason")}}
                 for t in a.get("times", [])]
    if time_rows:
        conn.execute(insert(times), time_rows)
    _add_claims(conn, seq, a.get("claims", []), pub_day, meta.forwarded_from)
    _add_events(conn, seq, a, pub_day)


def _add_claims(conn: Connection, seq: int, items: list[dict[str, Any]], pub_day: str | None,
                forwarded_from: str | None) -> None:
    if not items:
        return
    rows = []
    for c in items:
        sp = c.get("speaker") or {}
        r = iso_range(c.get("time"))
        rows.append({"doc": seq, "claim_id": c["id"], "start": c["start"], "end": c["end"], "text": c["text"],
                     "direct": bool(c.get("direct")), "speaker_entity": sp.get("entity"),
                     "speaker_name": sp.get("name"), "time": c.get("time"),
                     "date": r[0] if r else pub_day, "data": pack_item(c)})
    seqs = conn.execute(insert(claims).returning(claims.c.seq, sort_by_parameter_order=True), rows).scalars().all()
    chain_rows = [{"claim": cs, "position": i, "entity": link.get("entity"), "name": link.get("name"),
                   "origin": _link_origin(i, link, forwarded_from)}
                  for cs, c in zip(seqs, items, strict=True) for i, link in enumerate(c.get("chain", []))]
    if chain_rows:
        conn.execute(insert(claim_chain), chain_rows)


def _link_origin(position: int, link: dict[str, Any], forwarded_from: str | None) -> str:
    """"forwarded" for the link the Telegram reader added for a forwarded post, else "text"."""
    if position == 0 and forwarded_from and link.get("entity") is None and link.get("name") == forwarded_from:
        return "forwarded"
    return "text"


def _add_events(conn: Connection, seq: int, a: dict[str, Any], pub_day: str | None) -> None:
    items = a.get("events", [])
    if not items:
        return
    coords = {e["id"]: (e.get("place") or {}) for e in a.get("entities", [])}
    text = a["document"]["text"]
    rows = []
    for e in items:
        place = e.get("place") or {}
        p = coords.get(place.get("entity"), {}) if place else {}
        t = e.get("time") or {}
        r = iso_range(t.get("value"))
        acled = e.get("acled") or {}
        cas = e.get("casualties") or {}
        sent = e.get("sentence") or {}
        rows.append({
            "doc": seq, "event_id": e["id"], "type": e["type"], "mode": e.get("mode"), "label": e.get("label"),
            "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
            "modality": e.get("modality"), "place_entity": place.get("entity"), "place_name": place.get("name"),
            "place_precision": place.get("precision"), "geonames_id": p.get("geonames_id"),
            "lat": p.get("lat"), "lon": p.get("lon"),
            "date_start": r[0] if r else pub_day, "date_end": r[1] if r else pub_day,
            "date_source": "event" if r else ("published" if pub_day else None),
            "killed": cas.get("killed"), "injured": cas.get("injured"), "claim_id": e.get("claim"),
            "sentence": text[sent["start"]:sent["end"]] if sent else None,
            "data": pack_item(e)})
    seqs = conn.execute(insert(events).returning(events.c.seq, sort_by_parameter_order=True), rows).scalars().all()
    party_rows = [{"event": es, "role": role, "entity": pt.get("entity"), "name": pt.get("name"),
                   "country": pt.get("country")}
                  for es, e in zip(seqs, items, strict=True)
                  for role, key in (("actor", "actors"), ("recipient", "recipients"))
                  for pt in e.get(key, [])]
    if party_rows:
        conn.execute(insert(event_parties), party_rows)


def log_entry(conn: Connection, run: int | None, source: str, status: str, reason: str,
              doc_id: str | None = None) -> None:
    conn.execute(insert(ingest_log), {"run": run, "at": now(), "input": source, "status": status,
                                      "reason": reason, "doc_id": doc_id})
