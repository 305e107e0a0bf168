"""`warbrief export`: write stored records as JSON Lines, CSV, GeoJSON, ACLED or PLOVER files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .query import FMT, add_db, add_event_filters, event_filter, open_db

HELP = """\
Export the database.

  jsonl    one warbrief.analysis/1 record per document (the exact stored analysis)
  csv      one row per event, with its place, coordinates, sentence and document
  geojson  a FeatureCollection of located events; each feature carries the source sentence,
           the document URL and the date
  acled    events ACLED would code (political violence, demonstrations and strategic
           developments that happened, with an actor, a located place and a date), in ACLED's
           columns, with actor types (inter1, inter2, interaction) and precisions by its codebook
  plover   one JSON object per event with the field names of POLECAT, the PLOVER-coded dataset

The event filters of `warbrief events` apply (jsonl uses --since/--until on publication dates).
CSV files (csv, acled) written with --out start with a UTF-8 byte-order mark, so that Excel
reads accents right (--no-bom to leave it out; --bom to add it on standard output too).

Examples:
  warbrief export --format geojson --out events.geojson
  warbrief export --format acled --type ASSAULT --since 2024-10-01 --out acled.csv
"""


CSV_FORMATS = ("csv", "acled")


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="export records as jsonl, csv, geojson, acled or plover",
                       description=HELP, formatter_class=FMT)
    add_db(p)
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "geojson", "acled", "plover"))
    p.add_argument("--out", metavar="FILE", help="write to FILE (default standard output)")
    p.add_argument("--bom", action=argparse.BooleanOptionalAction, default=None,
                   help="start a CSV file with a UTF-8 byte-order mark (default: on with --out, off on standard output)")
    add_event_filters(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..store.export import WRITERS

    f = event_filter(args)
    to_stdout = not args.out or args.out == "-"
    bom = args.format in CSV_FORMATS and (args.bom if args.bom is not None else not to_stdout)
    with open_db(args) as store:
        if to_stdout:
            if bom:
                sys.stdout.write("\ufeff")
            n = WRITERS[args.format](store, f, sys.stdout)
        else:
            path = Path(args.out)
            if not path.parent.is_dir():
                raise UsageError(f"--out: the directory {path.parent} does not exist")
            tmp = path.with_name(path.name + ".partial")
            with tmp.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
                n = WRITERS[args.format](store, f, out)
            tmp.replace(path)
    print(f"warbrief: exported {n} records ({args.format})" + (f" to {args.out}" if args.out else ""),
          file=sys.stderr)
    return 0
