"""`warbrief ingest`: analyse inputs and store them in the database (see warbrief.ingest.runner)."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from ..errors import UsageError
from ..ingest import ReadOptions
from . import check_lang, check_published
from .query import add_db, open_db

HELP = """\
Analyse documents and store them with everything extracted from them.

INPUT is a file (.txt, .md, .html, .pdf, .jsonl), a directory (read recursively), an http(s)
URL, an RSS/Atom feed (.rss, .atom, .xml, or a feed URL), a Telegram Desktop channel export
(result.json: each post a document), or - for standard input.

The same content is stored once (re-running is safe; the summary counts what was skipped).
A near-duplicate (e.g. a re-published wire story) is linked to its original instead of being
stored as a new report. Each document is stored in its own transaction: an interrupted run
loses at most the document in flight, and running it again completes it. Every skipped or
failed input is recorded with its reason: see `warbrief log`.

A .jsonl batch holds one JSON object a line; only "text" is required, and a line's own fields
win over the options:
  {"text": "Russian forces shelled Kupyansk ...", "published": "2026-02-26", "source": "ISW",
   "title": "...", "url": "https://...", "id": "your-own-id", "language": "en"}

Dates inside the inputs (a JSONL line's "published", a feed's, a page's, a post's) are read
leniently: ISO 8601, RFC 2822, "Dec 17, 2016", "17 December 2016", "Wed Nov 23 2016"; a day
without a year ("Wed Nov 23") is read against the other dates of the same file. A document
whose date cannot be read, or that has none, is analysed and stored undated, with one warning
line (and `warbrief log --status undated`); --published DATE (strict ISO 8601) dates it.

Exit status: 0 success, 2 wrong usage, 3 some inputs could not be read or analysed (the rest
are stored), 1 the database could not be opened or written.

Examples:
  warbrief ingest reports/ --db analysis.db
  warbrief ingest feed.xml result.json --workers 2
  warbrief ingest batch.jsonl --db postgresql+psycopg://warbrief@db.internal/warbrief
  warbrief ingest archive/ --dask tcp://scheduler:8786
"""


def register(sub: Any) -> None:
    p = sub.add_parser("ingest", help="analyse inputs and store them in the database",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, feed, Telegram export, URL or -")
    add_db(p)
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extraction processes (default 1); one writer stores the results")
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS",
                   help="run extraction on a Dask distributed cluster (e.g. tcp://host:8786)")
    p.add_argument("--batch-size", type=int, default=16, metavar="N", help="documents per extraction task")
    p.add_argument("--published", metavar="DATE", help="publication date for inputs that carry none")
    p.add_argument("--source", metavar="NAME", help="the outlet, for inputs that name none")
    p.add_argument("--lang", metavar="CODE",
                   help="the documents' language (ISO 639-1: en, uk, ru); default: detected per document")
    p.add_argument("--keep-original", action="store_true", help="also store each file's original bytes")
    p.add_argument("--allow-private-urls", action="store_true",
                   help="fetch URLs on loopback, private or link-local networks (refused by default)")
    prog = p.add_mutually_exclusive_group()
    prog.add_argument("--progress", dest="progress", action="store_true", default=None,
                      help="show the progress bar even when stderr is not a terminal")
    prog.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    p.set_defaults(run=run)


def _warn(line: str) -> None:
    print(f"warbrief: warning: {line}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    import json

    from ..ingest.runner import IngestOptions, ingest

    check_published(args.published)
    if args.workers < 1 or args.batch_size < 1:
        raise UsageError("--workers and --batch-size must be at least 1")
    if args.dask and args.workers > 1:
        raise UsageError("give either --workers or --dask, not both")
    opts = IngestOptions(read=ReadOptions(published=args.published, source=args.source, language=check_lang(args.lang),
                                          allow_private=args.allow_private_urls),
                         workers=args.workers, dask=args.dask, batch_size=args.batch_size,
                         keep_original=args.keep_original, progress=args.progress, warn=_warn)
    with open_db(args) as store:
        summary = ingest(store, args.inputs, opts, command=shlex.join(["warbrief", "ingest", *sys.argv[2:]]))
        _deliver(store)
    if args.json:
        print(json.dumps(summary.as_dict()))
    for line in summary.error_lines():
        print(f"warbrief: error: {line}", file=sys.stderr)
    print(f"warbrief: {summary.line()}", file=sys.stderr)
    return 3 if summary.failed else 0


def _deliver(store: Any) -> None:
    """Send the deliveries of the run's watch matches (the outbox keeps what fails, for
    `warbrief watch deliver` or `warbrief serve`); never fails the ingest."""
    from ..errors import WarbriefError
    from ..watch.deliver import deliver_due

    if not store.watch.pending():
        return
    try:
        print(f"warbrief: watch deliveries: {deliver_due(store).line()}", file=sys.stderr)
    except WarbriefError as exc:
        print(f"warbrief: watch deliveries postponed ({exc}); run `warbrief watch deliver`", file=sys.stderr)
