"""`warbrief gazetteer build|info|lookup NAME`: the offline GeoNames index."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

HELP = """\
Build, describe or query the offline gazetteer (GeoNames places, first-level divisions and
their variants, compiled into one SQLite file in the user's data directory, or in
$WARBRIEF_DATA_DIR). The index is built on first use; `build` rebuilds it (about 15-30 s).
`lookup` prints one JSON object per candidate place, best-known first.

Example:
  warbrief gazetteer build
  warbrief gazetteer info
  warbrief gazetteer lookup Kupyansk
  warbrief gazetteer lookup "Donetsk Oblast"
"""


def register(sub: Any) -> None:
    p = sub.add_parser("gazetteer", help="build, describe or query the offline place index",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=["build", "info", "lookup"], help="what to do")
    p.add_argument("name", nargs="?", help="the place name to look up (with `lookup`)")
    p.add_argument("--limit", type=int, default=10, help="at most N candidates (lookup; default 10)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..knowledge import gazetteer as gz

    if args.action == "build":
        from ..knowledge.gazetteer_build import build

        info = build(gz.index_path(), quiet=True)
        print(json.dumps(info, ensure_ascii=False))
        return 0
    if args.action == "info":
        print(json.dumps(gz.get_gazetteer().info(), ensure_ascii=False, indent=1))
        return 0
    if not args.name or not args.name.strip():
        raise UsageError("`warbrief gazetteer lookup` needs a NAME, e.g. `warbrief gazetteer lookup Kyiv`")
    g = gz.get_gazetteer()
    cands = sorted(g.lookup(args.name), key=lambda c: (c.kind, -c.population, c.id))[: max(1, args.limit)]
    for c in cands:
        print(json.dumps({"entity_id": c.entity_id, "geonames_id": c.gid, "name": c.name, "lat": c.lat,
                          "lon": c.lon, "feature": c.feature, "country": c.country,
                          "admin1": g.admin1_name(c.country, c.admin1_code) if c.feature != "country" else None,
                          "population": c.population, "match": MATCH[c.kind]}, ensure_ascii=False))
    if not cands:
        print(f"warbrief: no place named {args.name!r} in the gazetteer", file=sys.stderr)
        return 1
    return 0


MATCH = {0: "name", 1: "variant", 2: "alternate name", 3: "division stem", 4: "abbreviation"}
