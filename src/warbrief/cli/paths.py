"""`warbrief paths`: where warbrief reads its knowledge and keeps its indexes and databases."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

HELP = """\
Print where warbrief reads and writes its files.

The knowledge files are plain YAML and TSV that analysts may extend (in an editable install,
`pip install -e .`, as `make install` makes one, edit them in place): actors and their aliases,
place-name variants, event triggers, claim cues, topics and the brief's ranking, ACLED's
codebook. Each file says its format in its opening comment. The gazetteer index and the API tokens live in the data
directory ($WARBRIEF_DATA_DIR, else the user's data directory); the database is --db, else
$WARBRIEF_DB, else ./warbrief.db.

Examples:
  warbrief paths
  warbrief paths --json | jq -r .knowledge
"""

# what an analyst looks for -> the file under knowledge/data
KNOWLEDGE_FILES = (
    ("actors", "actors/"),
    ("place variants", "place_variants.yaml"),
    ("place cues", "place_cues.yaml"),
    ("front line", "war_front.yaml"),
    ("event triggers", "events/triggers.tsv"),
    ("event cues", "events/cues.tsv"),
    ("claim cues", "claim_cues.yaml"),
    ("time words", "time_vocab.yaml"),
    ("topics and brief ranking", "topics.yaml"),
    ("ACLED codebook", "acled_codes.yaml"),
)


def register(sub: Any) -> None:
    p = sub.add_parser("paths", help="where warbrief's knowledge files, indexes and database are",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", metavar="URL", help="the database to name (default $WARBRIEF_DB, else ./warbrief.db)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)


def paths(db: str | None = None) -> dict[str, Any]:
    from ..api.tokens import default_path
    from ..knowledge import DATA, data_dir
    from ..knowledge.gazetteer import index_path
    from ..store.engine import display_url, resolve_url

    return {"knowledge": str(DATA),
            "knowledge_files": {k: str(DATA / f) for k, f in KNOWLEDGE_FILES if (DATA / f.rstrip("/")).exists()},
            "data_dir": str(data_dir()), "gazetteer_index": str(index_path()),
            "tokens": str(default_path()), "database": _database(display_url(resolve_url(db)))}


def _database(url: str) -> str:
    """A SQLite URL as the absolute path of its file; any other URL as it is (no password)."""
    prefix = "sqlite:///"
    return str(Path(url[len(prefix):]).resolve()) if url.startswith(prefix) and url != prefix + ":memory:" else url


def run(args: argparse.Namespace) -> int:
    found = paths(args.db)
    if args.json:
        print(json.dumps(found, indent=2))
        return 0
    width = max(len(k) for k in found["knowledge_files"]) + 2
    print(f"knowledge files   {found['knowledge']}")
    for name, path in found["knowledge_files"].items():
        print(f"  {name:<{width}}{Path(path).relative_to(found['knowledge'])}")
    for label, key in (("data directory", "data_dir"), ("gazetteer index", "gazetteer_index"),
                       ("API tokens", "tokens"), ("database", "database")):
        print(f"{label:<18}{found[key]}")
    return 0
