"""`warbrief token`: API tokens for writes (`POST /api/documents`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

HELP = """\
Manage the bearer tokens that allow writes through the HTTP API. `create` prints a new token
once (only its hash is kept, in $WARBRIEF_TOKENS or tokens.json in warbrief's data directory);
`list` shows the names and dates of the tokens.

Example:
  warbrief token create --name alice
  curl -H "Authorization: Bearer wb_..." -H "Content-Type: application/json" \\
       -d '{"text": "Russian forces advanced near Kupiansk."}' http://127.0.0.1:8000/api/documents
"""


def register(sub: Any) -> None:
    p = sub.add_parser("token", help="create and list API tokens", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=["create", "list"], help="create a token, or list them")
    p.add_argument("--name", default="default", help="a name for the token (who or what uses it)")
    p.add_argument("--tokens", metavar="FILE", help="token file (default: $WARBRIEF_TOKENS, else the data dir)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api.tokens import TokenStore

    tokens = TokenStore(args.tokens)
    if args.action == "create":
        token = tokens.create(args.name)
        print(f"warbrief: token {args.name!r} created (kept hashed in {tokens.path}); it is shown only once:",
              file=sys.stderr)
        print(token)
        return 0
    for r in tokens.records():
        print(f"{r.name}\t{r.created}")
    return 0
