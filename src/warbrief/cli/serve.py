"""`warbrief serve`: the web app and HTTP API over a warbrief database."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

HELP = """\
Serve the pages (brief, search, documents, entities, map) and the JSON API (/api, described by
/api/openapi.json) over a warbrief database, with Uvicorn. The map's basemap is shipped, so it
works offline; set WARBRIEF_TILE_URL (e.g. an {z}/{x}/{y} tile server) to add online tiles.
Writes (POST /api/documents, /api/watches) need a token from `warbrief token create`. While it
runs, watch matches are delivered every second (webhooks, e-mail digests; feeds at
/watches/NAME.atom). --workers N runs N server processes, for many concurrent readers on a
machine with several cores.

Example:
  warbrief serve --db warbrief.db --port 8000
"""


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="serve the web app and HTTP API", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", metavar="URL", help="database: a SQLite path or postgresql+psycopg:// URL "
                                              "(default: $WARBRIEF_DB, else ./warbrief.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--tokens", metavar="FILE", help="token file (default: $WARBRIEF_TOKENS, else the data dir)")
    p.add_argument("--trusted-host", action="append", default=[], metavar="HOST",
                   help="answer only requests for this Host (repeat for several; default: any)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default: 1; more use more cores for many concurrent readers)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..api import Settings, create_app
    from ..errors import UsageError

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number (1 to 65535)")
    if not 1 <= args.workers <= 64:
        raise UsageError(f"--workers {args.workers} must be between 1 and 64")
    if args.tokens:
        os.environ["WARBRIEF_TOKENS"] = str(Path(args.tokens).resolve())
    if args.db:
        os.environ["WARBRIEF_DB"] = args.db
    if args.trusted_host:
        os.environ["WARBRIEF_TRUSTED_HOSTS"] = ",".join(args.trusted_host)
    app = create_app(args.db, settings=Settings.from_env())  # opens (and migrates) the database once
    host = f"[{args.host}]" if _is_v6(args.host) else args.host
    print(f"warbrief: serving {app.state.store.url} at http://{host}:{args.port}/ (Ctrl-C to stop)",
          file=sys.stderr)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("warbrief: note: listening beyond this machine; writes still need a token", file=sys.stderr)
    common = {"host": args.host, "port": args.port, "log_level": "warning", "server_header": False}
    from ..watch.deliver import DeliverySettings, Dispatcher

    base = os.environ.get("WARBRIEF_BASE_URL") or f"http://{host}:{args.port}"
    with Dispatcher(app.state.store, DeliverySettings.from_env({**os.environ, "WARBRIEF_BASE_URL": base})):
        if args.workers > 1:  # the dispatcher keeps this process's store; the workers open their own
            uvicorn.run("warbrief.api.app:from_env", factory=True, workers=args.workers, **common)
        else:
            uvicorn.run(app, **common)
    return 0


def _is_v6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False
