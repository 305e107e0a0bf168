"""`warbrief watch add|list|show|remove|import|export|check|deliver`: watches and alerts."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..jsonl import dumps_line
from .query import FMT, _date, _range, add_claim_parties, add_db, add_event_filters, event_filter, open_db

HELP = """\
Watches are saved queries matched as documents arrive: every new event, claim or document that
meets a watch is recorded once (a re-ingest adds nothing; a near-duplicate adds a source) and
delivered by Atom feed (`warbrief serve`: /watches/NAME.atom), signed webhook and e-mail digest.
The filters are those of `warbrief events`, `claims` and `search`. See docs/watches.md.

Examples:
  warbrief watch add pokrovsk --place Pokrovsk --radius 15 --list donetsk
  warbrief watch add medvedev --speaker Medvedev --email me@example.org --digest daily
  warbrief watch add guarantees --from-search "security guarantees" --webhook https://hooks.example.org/wb
  warbrief watch export > watches.yaml && warbrief watch import watches.yaml
"""


def register(sub: Any) -> None:
    p = sub.add_parser("watch", help="watches and alerts: saved queries matched as documents arrive",
                       description=HELP, formatter_class=FMT)
    ws = p.add_subparsers(dest="watch_command", metavar="ACTION")
    _register_add(ws)

    p_list = ws.add_parser("list", help="list watches", description="List watches with their match counts.\n\n"
                           "Example:\n  warbrief watch list --list donetsk", formatter_class=FMT)
    add_db(p_list)
    p_list.add_argument("--list", dest="watchlist", metavar="WATCHLIST", help="only this watchlist's")
    p_list.add_argument("--format", choices=("table", "jsonl"), default="table")
    p_list.set_defaults(run=run_list)

    s = ws.add_parser("show", help="a watch, its latest matches and its dead letters", formatter_class=FMT,
                      description="Show a watch, its latest matches and failed deliveries.\n\n"
                                  "Example:\n  warbrief watch show pokrovsk --limit 20")
    s.add_argument("name", metavar="NAME")
    add_db(s)
    s.add_argument("--limit", type=int, default=10, metavar="N", help="matches to show (default 10)")
    s.add_argument("--format", choices=("text", "jsonl"), default="text")
    s.set_defaults(run=run_show)

    r = ws.add_parser("remove", help="remove a watch and its matches", formatter_class=FMT,
                      description="Remove a watch, its matches and pending deliveries.\n\n"
                                  "Example:\n  warbrief watch remove pokrovsk")
    r.add_argument("names", nargs="+", metavar="NAME")
    add_db(r)
    r.set_defaults(run=run_remove)

    i = ws.add_parser("import", help="add or update the watches of a YAML file", formatter_class=FMT,
                      description="Add or update every watch of a YAML file (all checked first).\n\n"
                                  "Example:\n  warbrief watch import watches.yaml")
    i.add_argument("file", metavar="FILE", help="YAML file, or - for stdin")
    add_db(i)
    i.set_defaults(run=run_import)

    e = ws.add_parser("export", help="write the watches as YAML", formatter_class=FMT,
                      description="Write every watch (or a watchlist's) as YAML.\n\n"
                                  "Example:\n  warbrief watch export --out watches.yaml")
    add_db(e)
    e.add_argument("--list", dest="watchlist", metavar="WATCHLIST")
    e.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    e.set_defaults(run=run_export)

    c = ws.add_parser("check", help="re-match stored documents of a period", formatter_class=FMT,
                      description="Match the documents published in a period against the watches (new matches "
                                  "only: re-running adds none).\n\nExample:\n"
                                  "  warbrief watch check --since 2024-11-01 --until 2024-11-30 pokrovsk")
    c.add_argument("names", nargs="*", metavar="NAME", help="only these watches (default all)")
    add_db(c)
    c.add_argument("--since", type=_date, metavar="DATE")
    c.add_argument("--until", type=_date, metavar="DATE")
    c.add_argument("--no-deliver", action="store_true", help="record the matches, deliver later")
    c.set_defaults(run=run_check)

    v = ws.add_parser("deliver", help="send due webhooks and e-mail digests", formatter_class=FMT,
                      description="Send every due delivery (`warbrief serve` does this every second; run this "
                                  "from cron without a server).\n\nExample:\n  warbrief watch deliver --digest-now")
    add_db(v)
    v.add_argument("--digest-now", action="store_true", help="send daily/weekly digests before their period ends")
    v.add_argument("--retry-dead", action="store_true", help="first put dead-lettered deliveries back in the queue")
    v.set_defaults(run=run_deliver)
    p.set_defaults(run=lambda args: (p.print_help(), 2)[1])


def _register_add(ws: Any) -> None:
    a = ws.add_parser("add", help="add a watch", formatter_class=FMT, description=HELP.split("\n\n")[0] + "\n\n"
                      "Example:\n  warbrief watch add pokrovsk --place Pokrovsk --radius 15")
    a.add_argument("name", metavar="NAME")
    add_db(a)
    add_event_filters(a)
    g = a.add_argument_group("claims (any of these makes a claim watch; --text then searches the claim)")
    add_claim_parties(g)
    g.add_argument("--claims", action="store_true", help="a claim watch (e.g. with --text only)")
    a.add_argument("--from-search", metavar="WORDS", help="a search watch: documents with all these words")
    d = a.add_argument_group("grouping and delivery")
    d.add_argument("--list", dest="watchlist", metavar="WATCHLIST", help="put the watch in this watchlist")
    d.add_argument("--min-sources", type=int, default=1, metavar="N",
                   help="deliver a match once N independent sources report it (default 1)")
    d.add_argument("--webhook", metavar="URL", help="POST each match here, signed (Standard Webhooks)")
    d.add_argument("--webhook-secret-env", metavar="VAR",
                   help="environment variable holding the signing secret (default WARBRIEF_WEBHOOK_SECRET)")
    d.add_argument("--allow-private-urls", action="store_true", help="allow a webhook on a private network")
    d.add_argument("--email", metavar="ADDRESS", help="send digests here (server: $WARBRIEF_SMTP_URL)")
    d.add_argument("--digest", choices=("immediate", "daily", "weekly"), help="e-mail frequency (default daily)")
    a.set_defaults(run=run_add)


def spec_from_args(args: argparse.Namespace) -> Any:
    from ..watch.model import WatchSpec

    claim_opts = args.speaker or args.via or args.direct or args.claims
    event_only = args.type or args.actor or args.place or args.radius or args.near or args.modality or args.label
    if args.from_search and (claim_opts or event_only or args.text):
        raise UsageError("--from-search takes no event or claim filters (only --source)")
    if claim_opts and event_only:
        raise UsageError("a watch is over events or claims, not both: drop --speaker/--via/--direct/--claims "
                         "or the event filters")
    if args.from_search:
        kind, query = "documents", {"words": args.from_search, "source": args.source}
    elif claim_opts:
        since, until = _range(args.since, args.until)
        kind, query = "claims", {"speaker": args.speaker, "via": args.via, "text": args.text, "since": since,
                                 "until": until, "direct": args.direct, "source": args.source}
    else:
        kind, query = "events", asdict(event_filter(args))
    query = {k: (list(v) if isinstance(v, tuple) else v) for k, v in query.items() if v not in (None, [], "")}
    return WatchSpec(args.name, kind, query, args.watchlist, args.min_sources, args.webhook, args.webhook_secret_env,
                     args.allow_private_urls, args.email, args.digest)


def run_add(args: argparse.Namespace) -> int:
    from ..watch import service

    spec = spec_from_args(args)
    with open_db(args) as store:
        spec = service.add(store, spec)
    near = spec.query.get("near")
    at = f" (centre {near[0]:.4f},{near[1]:.4f})" if near else ""
    print(f"warbrief: watch {spec.name} added{at}; its feed: /watches/{spec.name}.atom", file=sys.stderr)
    if spec.webhook:
        print(f"warbrief: webhooks are signed with ${spec.row()['webhook_secret_env']} (set it where deliveries run)",
              file=sys.stderr)
    return 0


def _filters(query: dict[str, Any]) -> str:
    return " ".join(f"{k}={v}" for k, v in query.items())


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        rows = store.watch.watches(args.watchlist)
    if args.format == "jsonl":
        for r in rows:
            sys.stdout.write(dumps_line(r) + "\n")
        return 0
    print(f"{'NAME':<20}  {'LIST':<12}  {'KIND':<9}  {'MATCHES':>7}  {'LAST MATCH':<19}  FILTERS")
    for r in rows:
        print(f"{r['name']:<20}  {r['watchlist_name'] or '':<12}  {r['kind']:<9}  {r['matches']:>7}  "
              f"{(r['last_match'] or '')[:19]:<19}  {_filters(r['query'])}".rstrip())
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..watch import service

    with open_db(args) as store:
        row = service.get(store, args.name)
        matches = [service.public_match(m) for m in store.watch.matches([args.name], args.limit)]
        dead = store.watch.outbox(args.name, "dead", 20)
    if args.format == "jsonl":
        sys.stdout.write(dumps_line({"watch": row, "matches": matches, "dead": dead}) + "\n")
        return 0
    print(f"{row['name']} ({row['kind']}{', list ' + row['watchlist_name'] if row['watchlist_name'] else ''}): "
          f"{_filters(row['query'])}")
    print(f"  {row['matches']} matches; min sources {row['min_sources']}; webhook {row['webhook'] or '-'}; "
          f"e-mail {row['email'] or '-'} ({row['digest'] or '-'})")
    for m in matches:
        print(f"- {m['date'] or 'undated'}  {m['place'] or '-'}  [{m['term']}]  {m['sources']} source(s)\n"
              f"  {' '.join((m['sentence'] or '').split())}\n  {m['link']}")
    for d in dead:
        print(f"! dead letter: {d['channel']} for {d['key']} after {d['attempts']} attempts: {d['last_error']}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from ..watch import service

    with open_db(args) as store:
        for name in args.names:
            service.remove(store, name)
            print(f"warbrief: watch {name} removed", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..watch import service

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {args.file}: {exc}") from None
    with open_db(args) as store:
        n = service.import_yaml(store, text, "<stdin>" if args.file == "-" else args.file)
    print(f"warbrief: {n} watches imported", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..watch import service

    with open_db(args) as store:
        text = service.export_yaml(store, args.watchlist)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from ..watch.deliver import deliver_due

    since, until = _range(args.since, args.until)
    with open_db(args) as store:
        docs, new = store.check_watches(since, until, args.names or None)
        print(f"warbrief: {docs} documents checked, {new} new matches", file=sys.stderr)
        if not args.no_deliver and new:
            print(f"warbrief: deliveries: {deliver_due(store).line()}", file=sys.stderr)
    return 0


def run_deliver(args: argparse.Namespace) -> int:
    from ..watch.deliver import deliver_due

    with open_db(args) as store:
        if args.retry_dead:
            store.watch.retry_dead()
        report = deliver_due(store, digest_now=args.digest_now)
    print(f"warbrief: deliveries: {report.line()}", file=sys.stderr)
    return 1 if report.dead else 0
