"""`warbrief brief` and `warbrief timeline`: the daily brief and dated histories, from the store
(or from analysis JSON Lines files)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..jsonl import dumps_line

BRIEF_HELP = """\
Write the brief of a period (default: the latest day that has documents): 5 to 12 key findings
ranked by importance (novelty against the previous days, independent sources, territorial
change, strikes on cities and infrastructure, casualties, agreements, aid and sanctions, leaders
on war aims and talks, firsts, escalation, analysts' assessments; weights in topics.yaml), each
one sentence followed by its citations (outlet, date, URL or document id) and its independent
sources (origins of the report chains, "RBC-Ukraine <- ISW"; the people quoted are not
sources), in sections: the front (one line per side and axis), strikes, diplomacy and
statements, aid and sanctions, other. Reads the database (--db, $WARBRIEF_DB, else
./warbrief.db) or analyses given with --analyses.

Examples:
  warbrief brief
  warbrief brief --date 2024-11-01
  warbrief brief --date 2024-11-01 --days 3 --format html --out brief.html
  warbrief brief --date 2024-11-01 --undated
  warbrief extract reports/ --format jsonl > a.jsonl && warbrief brief --date 2024-11-01 --analyses a.jsonl
"""

TIMELINE_HELP = """\
Print the dated history of an entity or a place (events and claims, oldest first). With
--topic, print the actor's positions on that topic over time and where they changed.

Examples:
  warbrief timeline Kupiansk
  warbrief timeline "Vladimir Putin" --topic negotiations
  warbrief timeline person:vladimir-putin --since 2024-10-01 --format json
"""


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def register(sub: Any) -> None:
    from ..brief import FORMATS

    p = sub.add_parser("brief", help="write the brief of key findings for a period",
                       description=BRIEF_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--date", type=_day, metavar="D",
                   help="last day of the period (YYYY-MM-DD; default: the latest day that has documents)")
    p.add_argument("--days", type=int, default=1, metavar="N", help="length of the period in days (default 1)")
    p.add_argument("--format", choices=FORMATS, default="md", help="output format (default md)")
    p.add_argument("--most", type=int, default=10, metavar="N", help="findings at most, 5 to 12 (default 10)")
    _common(p)
    p.add_argument("--undated", action="store_true",
                   help="also documents stored without a publication date, dated by the day they were ingested")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(run=run_brief)

    t = sub.add_parser("timeline", help="dated history of an entity or place",
                       description=TIMELINE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("query", metavar="ENTITY|PLACE", help="a name or id (e.g. Kupiansk, person:vladimir-putin)")
    t.add_argument("--topic", metavar="TOPIC", help="show positions on a topic, e.g. negotiations (the topics are in topics.yaml: `warbrief paths` prints where)")
    t.add_argument("--since", type=_day, metavar="D", help="first publication day")
    t.add_argument("--until", type=_day, metavar="D", help="last publication day")
    t.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    _common(t)
    t.set_defaults(run=run_timeline)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help="database URL or SQLite path (default $WARBRIEF_DB, else ./warbrief.db)")
    p.add_argument("--analyses", nargs="+", metavar="FILE",
                   help="read analyses from JSON Lines files (warbrief extract --format jsonl) instead of the database")


def _records(args: argparse.Namespace, since: date, until: date):
    from ..brief import from_jsonl, from_store

    if args.analyses:
        return from_jsonl(args.analyses)
    return from_store(args.db, since, until, undated=getattr(args, "undated", False))


def run_brief(args: argparse.Namespace) -> int:
    from ..brief import BriefOptions, build_brief, render
    from ..brief.records import brief_from_store, latest_day, open_for_reading

    if args.days < 1:
        raise UsageError("--days must be 1 or more")
    if not 5 <= args.most <= 12:
        raise UsageError("--most must be between 5 and 12 (a brief keeps 5 to 12 findings)")
    if args.analyses:
        records = list(_records(args, date.min, date.max))
        day = args.date or latest_day(records)
        brief = build_brief(records, BriefOptions(date=day, days=args.days, most=args.most)) if day else None
    else:
        with open_for_reading(args.db) as store:
            brief = brief_from_store(store, args.date, args.days, args.most, undated=args.undated)
    if brief is None:
        raise UsageError("no dated document to write a brief of; store some first "
                         "(`warbrief ingest INPUT --published YYYY-MM-DD`) or give --date D")
    _write(render(brief, args.format), args.out)
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    from ..brief import contradictions, items_from_analysis, load_topics, positions, timeline
    from ..brief.render import timeline_json, timeline_lines

    topics = load_topics()
    if args.topic and args.topic not in topics.topics:
        raise UsageError(f"unknown topic {args.topic!r}; choose from {', '.join(topics.topics)}")
    since = args.since or date(1900, 1, 1)
    until = args.until or date.today() + timedelta(days=1)
    items = []
    for meta, analysis in _records(args, since, until):
        d = meta.day
        if (args.since and (d is None or d < args.since)) or (args.until and (d is None or d > args.until)):
            continue
        items.extend(items_from_analysis(meta, analysis, topics, with_sentences=False))
    if args.topic:
        found = positions(items, args.query, args.topic)
        changes = contradictions(found)
        if args.format == "json":
            print(json.dumps({"positions": [p.to_dict() for p in found],
                              "contradictions": [c.to_dict() for c in changes]}, ensure_ascii=False, indent=1))
            return 0
        for pos in found:
            print(f"{pos.date or '????-??-??'}  [{pos.stance or 'no stance'}] {pos.actor}: {pos.sentence} "
                  f"({pos.item.doc.source or 'unknown outlet'}, {pos.item.doc.url or pos.item.doc.id[:19]})")
        for c in changes:
            print(f"CHANGED {c.actor} on {c.topic}: {c.earlier.stance} ({c.earlier.date}) -> "
                  f"{c.later.stance} ({c.later.date})")
        if not found:
            print(f"no positions of {args.query!r} on {args.topic} found", file=sys.stderr)
        return 0
    hist = timeline(items, args.query)
    if args.format == "json":
        for row in timeline_json(hist):
            print(dumps_line(row))
    else:
        for line in timeline_lines(hist):
            print(line)
    if not hist:
        print(f"nothing found about {args.query!r}", file=sys.stderr)
    return 0


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
