"""Watches in the database: saved queries, their watchlists, their matches and the delivery
outbox. `Store.watch` is a `WatchStore`; the matching itself is in `watch_match`.

A watch row holds its query as JSON: the fields of `EventFilter` (kind "events"), of
`ClaimFilter` ("claims"), or {"words", "source"} ("documents", as `warbrief search`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from ..errors import StoreError
from .watch_schema import watch_match_sources, watch_matches, watch_outbox, watches, watchlists

WATCH_COLS = ("name", "kind", "query", "min_sources", "webhook", "webhook_secret_env", "allow_private",
              "email", "digest")


def stamp(at: datetime | None = None) -> str:
    """A sortable UTC timestamp with microseconds (the cache of compiled watches keys on it)."""
    return (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")


def _watchlist_seq(conn: Connection, name: str | None) -> int | None:
    if not name:
        return None
    seq = conn.execute(select(watchlists.c.seq).where(watchlists.c.name == name)).scalar()
    if seq is None:
        seq = conn.execute(insert(watchlists).returning(watchlists.c.seq), {"name": name, "created": stamp()}).scalar_one()
    return seq


def _row(r: Any) -> dict[str, Any]:
    d = dict(r._mapping)
    d["query"] = json.loads(d["query"])
    return d


class WatchStore:
    """Reads and writes of watches, each in its own short transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _begin(self) -> Any:
        return self.engine.begin()

    # ---- watches ------------------------------------------------------------------------
    def put(self, watch: dict[str, Any], watchlist: str | None, replace: bool = False) -> bool:
        """Store a watch (keys of WATCH_COLS, `query` a dict). False when one of that name exists
        and `replace` is not set; with `replace` it is updated in place (its matches stay)."""
        now = stamp()
        row = {k: watch.get(k) for k in WATCH_COLS}
        row["query"] = json.dumps(row["query"], sort_keys=True)
        row["allow_private"] = bool(row["allow_private"])
        row["min_sources"] = int(row["min_sources"] or 1)
        try:
            with self._begin() as conn:
                row["watchlist"] = _watchlist_seq(conn, watchlist)
                seq = conn.execute(select(watches.c.seq).where(watches.c.name == row["name"])).scalar()
                if seq is not None:
                    if not replace:
                        return False
                    conn.execute(update(watches).where(watches.c.seq == seq).values(**row, updated=now))
                else:
                    conn.execute(insert(watches), {**row, "created": now, "updated": now})
                return True
        except OperationalError as exc:
            raise StoreError(f"[S020] could not write the watch: {str(exc.orig).splitlines()[0]}") from None

    def get(self, name: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(self._select().where(watches.c.name == name)).first()
        return _row(r) if r else None

    def _select(self) -> Any:
        n = (select(watch_matches.c.watch, func.count().label("matches"),
                    func.max(watch_matches.c.created).label("last_match"))
             .group_by(watch_matches.c.watch).subquery())
        return (select(watches, watchlists.c.name.label("watchlist_name"),
                       func.coalesce(n.c.matches, 0).label("matches"), n.c.last_match)
                .outerjoin(watchlists, watchlists.c.seq == watches.c.watchlist)
                .outerjoin(n, n.c.watch == watches.c.seq))

    def watches(self, watchlist: str | None = None) -> list[dict[str, Any]]:
        q = self._select()
        if watchlist:
            q = q.where(watchlists.c.name == watchlist)
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(q.order_by(watches.c.name))]

    def remove(self, name: str) -> bool:
        with self._begin() as conn:
            seq = conn.execute(select(watches.c.seq).where(watches.c.name == name)).scalar()
            if seq is None:
                return False
            # children first: PostgreSQL cascades by itself, SQLite only with foreign_keys on
            conn.execute(delete(watch_outbox).where(watch_outbox.c.watch == seq))
            ids = select(watch_matches.c.seq).where(watch_matches.c.watch == seq)
            conn.execute(delete(watch_match_sources).where(watch_match_sources.c.match.in_(ids)))
            conn.execute(delete(watch_matches).where(watch_matches.c.watch == seq))
            conn.execute(delete(watches).where(watches.c.seq == seq))
            return True

    def watchlists(self) -> list[dict[str, Any]]:
        q = (select(watchlists.c.name, func.count(watches.c.seq).label("watches"))
             .outerjoin(watches, watches.c.watchlist == watchlists.c.seq)
             .group_by(watchlists.c.name).order_by(watchlists.c.name))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    # ---- matches ------------------------------------------------------------------------
    def matches(self, names: list[str], limit: int = 50, before: int | None = None) -> list[dict[str, Any]]:
        """The newest matches of the named watches (a watch or a watchlist's), newest first."""
        q = (select(watch_matches, watches.c.name.label("watch_name"))
             .join(watches, watches.c.seq == watch_matches.c.watch).where(watches.c.name.in_(names)))
        if before is not None:
            q = q.where(watch_matches.c.seq < before)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(watch_matches.c.seq.desc()).limit(limit))]

    def match_sources(self, match_seq: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(watch_match_sources.c.doc_id, watch_match_sources.c.source)
                .where(watch_match_sources.c.match == match_seq).order_by(watch_match_sources.c.doc_id))]

    def watchlist_members(self, watchlist: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(watches.c.name).join(watchlists, watchlists.c.seq == watches.c.watchlist)
                                     .where(watchlists.c.name == watchlist).order_by(watches.c.name)).scalars())

    # ---- the outbox ---------------------------------------------------------------------
    def due(self, now: str, limit: int = 200, channel: str | None = None) -> list[dict[str, Any]]:
        """Pending deliveries whose time has come, oldest first, with their match and watch."""
        q = (select(watch_outbox.c.seq.label("outbox"), watch_outbox.c.channel, watch_outbox.c.period,
                    watch_outbox.c.attempts, watch_matches,
                    watches.c.name.label("watch_name"), watches.c.webhook, watches.c.webhook_secret_env,
                    watches.c.allow_private, watches.c.email, watches.c.digest)
             .join(watch_matches, watch_matches.c.seq == watch_outbox.c.match)
             .join(watches, watches.c.seq == watch_outbox.c.watch)
             .where(watch_outbox.c.status == "pending", watch_outbox.c.next_at <= now))
        if channel:
            q = q.where(watch_outbox.c.channel == channel)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(watch_outbox.c.seq).limit(limit))]

    def pending(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(watch_outbox)
                                .where(watch_outbox.c.status == "pending")).scalar_one()

    def mark_sent(self, outbox: list[int]) -> None:
        with self._begin() as conn:
            conn.execute(update(watch_outbox).where(watch_outbox.c.seq.in_(outbox))
                         .values(status="sent", sent_at=stamp(), attempts=watch_outbox.c.attempts + 1,
                                 last_error=None))

    def mark_failed(self, outbox: list[int], error: str, next_at: str | None) -> None:
        """A failed attempt: retried at `next_at`, or dead-lettered when it is None."""
        values: dict[str, Any] = {"attempts": watch_outbox.c.attempts + 1, "last_error": error[:2000]}
        values.update({"next_at": next_at} if next_at else {"status": "dead"})
        with self._begin() as conn:
            conn.execute(update(watch_outbox).where(watch_outbox.c.seq.in_(outbox)).values(**values))

    def outbox(self, name: str | None = None, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Deliveries (newest first): with status "dead", the dead-letter log."""
        q = (select(watch_outbox, watches.c.name.label("watch_name"), watch_matches.c.key)
             .join(watches, watches.c.seq == watch_outbox.c.watch)
             .join(watch_matches, watch_matches.c.seq == watch_outbox.c.match))
        conds = ([watches.c.name == name] if name else []) + ([watch_outbox.c.status == status] if status else [])
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                q.where(and_(True, *conds)).order_by(watch_outbox.c.seq.desc()).limit(limit))]

    def retry_dead(self, name: str | None = None) -> int:
        """Put dead-lettered deliveries back in the queue (after fixing the target)."""
        q = update(watch_outbox).where(watch_outbox.c.status == "dead")
        if name:
            q = q.where(watch_outbox.c.watch.in_(select(watches.c.seq).where(watches.c.name == name)))
        with self._begin() as conn:
            return conn.execute(q.values(status="pending", attempts=0, next_at=stamp())).rowcount


def place_center(engine: Engine, place: str) -> tuple[float, float] | None:
    """Coordinates of a place known to the store (as the event filters find it)."""
    from .query import place_center as center

    with engine.connect() as conn:
        return center(conn, place)
