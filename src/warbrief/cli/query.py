"""`warbrief events|claims|entities|search`: query the database; a table or JSON Lines."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ..errors import UsageError
from ..jsonl import dumps_line

FMT = argparse.RawDescriptionHelpFormatter


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL",
                   help="database: a SQLite file path or postgresql+psycopg://user@host/db "
                        "(default $WARBRIEF_DB, else ./warbrief.db)")


def open_db(args: argparse.Namespace) -> Any:
    from ..store import open_store

    return open_store(args.db)


def _output(p: argparse.ArgumentParser, limit: int = 50) -> None:
    p.add_argument("--format", choices=("table", "jsonl"), default="table", help="output (default table)")
    p.add_argument("--limit", type=int, default=limit, metavar="N", help=f"at most N results (default {limit})")
    p.add_argument("--cursor", metavar="CURSOR", help="continue after a previous page (printed at its end)")


def _date(value: str) -> str:
    from ..dates import iso_range

    r = iso_range(value)
    if r is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


def _latlon(value: str) -> tuple[float, float]:
    try:
        lat, lon = (float(x) for x in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not LAT,LON (e.g. 48.45,35.05)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{value!r} is out of range")
    return lat, lon


def _range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since/--until may be months or years: widen them to days."""
    from ..dates import iso_range

    return (iso_range(since)[0] if since else None, iso_range(until)[1] if until else None)  # type: ignore[index]


def add_claim_parties(p: Any) -> None:
    """Who a claim is by or came through (`claims`, `watch add`): --speaker, --via, --direct."""
    p.add_argument("--speaker", metavar="ID_OR_NAME", help="entity id or part of the speaker's name")
    p.add_argument("--via", metavar="ID_OR_NAME", help="someone in the claim's chain (who relayed it)")
    p.add_argument("--direct", action="store_true", default=None, help="only direct quotes")


def add_event_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--type", action="append", default=[], metavar="TYPE",
                   help="PLOVER event type (repeat or comma-separate: ASSAULT,COERCE)")
    p.add_argument("--actor", metavar="ID_OR_NAME", help="an actor or recipient: entity id or part of a name")
    p.add_argument("--place", metavar="NAME_OR_ID", help="place name or GeoNames id (geonames:703656)")
    p.add_argument("--radius", type=float, metavar="KM", help="everything within KM of --place or --near")
    p.add_argument("--near", type=_latlon, metavar="LAT,LON", help="centre for --radius")
    p.add_argument("--since", type=_date, metavar="DATE", help="events dated on or after DATE")
    p.add_argument("--until", type=_date, metavar="DATE", help="events dated on or before DATE")
    p.add_argument("--text", metavar="WORDS", help="words in the event's sentence")
    p.add_argument("--modality", metavar="M", help="asserted, reported, intended, denied, hypothetical, historical")
    p.add_argument("--label", metavar="LABEL", help="project label, e.g. shelling, advance")
    p.add_argument("--source", metavar="NAME", help="the document's source (outlet)")


def event_filter(args: argparse.Namespace) -> Any:
    from ..store import EventFilter

    since, until = _range(args.since, args.until)
    types = [t.strip().upper() for v in args.type for t in v.split(",") if t.strip()]
    if args.radius is not None and args.radius <= 0:
        raise UsageError("--radius must be a positive number of kilometres")
    return EventFilter(types=types, actor=args.actor, place=args.place, radius_km=args.radius, near=args.near,
                       since=since, until=until, text=args.text, modality=args.modality, label=args.label,
                       source=args.source)


def register(sub: Any) -> None:
    p = sub.add_parser("events", help="list stored events (filters: type, actor, place, radius, dates)",
                       formatter_class=FMT, description="List stored events, oldest stored first.\n\nExamples:\n"
                       "  warbrief events --type ASSAULT --place Kupiansk --radius 30 --since 2024-10-01\n"
                       "  warbrief events --actor 'Russian forces' --format jsonl > events.jsonl")
    add_db(p)
    add_event_filters(p)
    _output(p)
    p.set_defaults(run=run_events)

    p = sub.add_parser("claims", help="list stored claims (filters: speaker, relay, text, dates)",
                       formatter_class=FMT, description="List stored claims: who said what, through whom.\n\n"
                       "Examples:\n  warbrief claims --speaker Zelensky --since 2024-11\n"
                       "  warbrief claims --text ceasefire --via Bloomberg --format jsonl")
    add_db(p)
    add_claim_parties(p)
    p.add_argument("--text", metavar="WORDS", help="full-text search in the claim")
    p.add_argument("--since", type=_date, metavar="DATE", help="claims made (or published) on or after DATE")
    p.add_argument("--until", type=_date, metavar="DATE", help="claims made (or published) on or before DATE")
    p.add_argument("--source", metavar="NAME", help="the document's source (outlet)")
    _output(p)
    p.set_defaults(run=run_claims)

    p = sub.add_parser("entities", help="list stored entities with mention counts", formatter_class=FMT,
                       description="List entities known to the database.\n\nExamples:\n"
                       "  warbrief entities --type PERSON\n  warbrief entities --name kup --format jsonl")
    add_db(p)
    p.add_argument("--type", metavar="TYPE", help="PERSON, ORG, PLACE, GROUP, MILITARY_UNIT, WEAPON, OTHER")
    p.add_argument("--name", metavar="TEXT", help="part of the name")
    p.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 country code")
    _output(p)
    p.set_defaults(run=run_entities)

    p = sub.add_parser("search", help="full-text search over stored documents", formatter_class=FMT,
                       description="Documents containing all the words, best match first.\n\nExamples:\n"
                       "  warbrief search ceasefire talks\n  warbrief search Pokrovsk --format jsonl --limit 100")
    add_db(p)
    p.add_argument("words", nargs="+", metavar="WORD")
    _output(p, 20)
    p.set_defaults(run=run_search)


def _emit(page: Any, fmt: str, columns: list[tuple[str, Callable[[dict[str, Any]], Any], int]]) -> int:
    out = sys.stdout
    if fmt == "jsonl":
        for item in page.items:
            out.write(dumps_line(item) + "\n")
    else:
        out.write("  ".join(f"{h:<{w}}" for h, _, w in columns).rstrip() + "\n")
        for item in page.items:
            cells = []
            for _, get, w in columns:
                v = get(item)
                s = "" if v is None else " ".join(str(v).split())
                cells.append(f"{s[:w - 1] + '…' if len(s) > w else s:<{w}}")
            out.write("  ".join(cells).rstrip() + "\n")
    if page.next_cursor:
        print(f"warbrief: more results: add --cursor {page.next_cursor}", file=sys.stderr)
    return 0


def _names(parties: list[dict[str, Any]]) -> str:
    return ", ".join(p.get("name") or "" for p in parties)


def run_events(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        page = store.events(event_filter(args), limit=args.limit, cursor=args.cursor)
    return _emit(page, args.format, [
        ("DATE", lambda e: e.get("date_start"), 10), ("TYPE", lambda e: e["type"], 9),
        ("LABEL", lambda e: e.get("label"), 14), ("ACTORS", lambda e: _names(e.get("actors", [])), 22),
        ("PLACE", lambda e: (e.get("place") or {}).get("name"), 16), ("MODALITY", lambda e: e.get("modality"), 10),
        ("SOURCE", lambda e: e["document"].get("source"), 14), ("SENTENCE", lambda e: e.get("sentence_text"), 60)])


def run_claims(args: argparse.Namespace) -> int:
    from ..store import ClaimFilter

    since, until = _range(args.since, args.until)
    f = ClaimFilter(speaker=args.speaker, via=args.via, text=args.text, since=since, until=until,
                    direct=args.direct, source=args.source)
    with open_db(args) as store:
        page = store.claims(f, limit=args.limit, cursor=args.cursor)
    return _emit(page, args.format, [
        ("DATE", lambda c: c.get("date"), 10), ("SPEAKER", lambda c: (c.get("speaker") or {}).get("name"), 20),
        ("VIA", lambda c: _names(c.get("chain", [])), 20), ("SOURCE", lambda c: c["document"].get("source"), 14),
        ("CLAIM", lambda c: c["text"], 70)])


def run_entities(args: argparse.Namespace) -> int:
    from ..store import EntityFilter

    with open_db(args) as store:
        page = store.entities(EntityFilter(type=args.type, name=args.name, country=args.country),
                              limit=args.limit, cursor=args.cursor)
    return _emit(page, args.format, [
        ("ID", lambda e: e["id"], 32), ("NAME", lambda e: e["name"], 24), ("TYPE", lambda e: e["type"], 13),
        ("CC", lambda e: e.get("country"), 3), ("DOCS", lambda e: e["documents"], 5),
        ("MENTIONS", lambda e: e["mentions"], 8)])


def run_search(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        page = store.search(" ".join(args.words), limit=args.limit, cursor=args.cursor)
    if page.also_searched:
        print(f"warbrief: also searched: {', '.join(page.also_searched)}", file=sys.stderr)
    return _emit(page, args.format, [
        ("PUBLISHED", lambda r: r["document"].get("published"), 10),
        ("SOURCE", lambda r: r["document"].get("source"), 14), ("TITLE", lambda r: r["document"].get("title"), 30),
        ("SNIPPET", lambda r: r["snippet"], 70)])
