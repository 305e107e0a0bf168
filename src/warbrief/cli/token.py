"""`warbrief token`: API tokens for writes (`POST /api/documents`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

HELP = """\
Manage the bearer tokens that allow writes through the HTTP API. `create` prints a new token
once (only its hash is kept, in $WARBRIEF_TOKENS or tokens.json in warbrief's data directory);
`list` shows the id, name and date of each token; `revoke NAME|ID` removes one. Names are
unique.

Example:
  warbrief token create --name alice
  warbrief token revoke alice
  curl -H "Authorization: Bearer wb_..." -H "Content-Type: application/json" \\
       -d '{"text": "Russian forces advanced near Kupiansk."}' http://127.0.0.1:8000/api/documents
"""


def register(sub: Any) -> None:
    p = sub.add_parser("token", help="create, list and revoke API tokens", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=["create", "list", "revoke"], help="create a token, list them, or revoke one")
    p.add_argument("target", nargs="?", metavar="NAME|ID", help="the token to revoke (its name or its id)")
    p.add_argument("--name", default="default", help="a name for the token (who or what uses it)")
    p.add_argument("--tokens", metavar="FILE", help="token file (default: $WARBRIEF_TOKENS, else the data dir)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api.tokens import TokenStore
    from ..errors import UsageError

    tokens = TokenStore(args.tokens)
    if args.action == "create":
        token = tokens.create(args.name)
        print(f"warbrief: token {args.name!r} created (kept hashed in {tokens.path}); it is shown only once:",
              file=sys.stderr)
        print(token)
        return 0
    if args.action == "revoke":
        if not args.target:
            raise UsageError("give the name or id of the token to revoke: `warbrief token revoke NAME`")
        for r in tokens.revoke(args.target):
            print(f"warbrief: token {r.name!r} ({r.id}) revoked", file=sys.stderr)
        return 0
    for r in tokens.records():
        print(f"{r.id}\t{r.name}\t{r.created}")
    return 0
