"""`warbrief extract`: print the analysis (warbrief.analysis/1) of each input. Writes no database."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from ..errors import InputError, UsageError
from ..ingest import ReadOptions, read_inputs
from ..jsonl import dumps_line
from ..pipeline import DocumentInput, analyze_stream
from . import check_lang, check_published

HELP = """\
Analyse documents and print one warbrief.analysis/1 JSON object per document.

INPUT is a file (.txt, .md, .html, .pdf, .jsonl; also RSS/Atom feeds .rss/.atom/.xml and
Telegram Desktop exports result.json, one document per entry or post), a directory (read
recursively), an http(s) URL, or - for standard input; no INPUT reads standard input. A .jsonl file holds one document
per line ({"text": ..., "published": ..., "source": ..., "title": ..., "url": ..., "id": ...});
a line's own fields win over the options below.

Exit status: 0 success, 2 wrong usage, 3 an input could not be read (a one-line message on
stderr names it; the other inputs are still processed and printed).

Examples:
  warbrief extract report.txt --published 2024-11-01 --source ISW
  echo "Russian forces advanced near Kupyansk on October 30." | warbrief extract --published 2024-11-01
  warbrief extract batch.jsonl --format jsonl > analyses.jsonl
"""


def register(sub: Any) -> None:
    p = sub.add_parser("extract", help="analyse documents and print the analysis JSON",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="file, directory, http(s) URL, or - (stdin)")
    p.add_argument("--published", metavar="DATE",
                   help="publication date or datetime (ISO 8601); relative dates resolve against it")
    p.add_argument("--source", metavar="NAME", help="the outlet or author that published the document")
    p.add_argument("--lang", metavar="CODE",
                   help="the documents' language (ISO 639-1: en, uk, ru); default: detected per document")
    p.add_argument("--title", metavar="TEXT", help="the document's title")
    p.add_argument("--url", metavar="URL", help="the document's address (recorded, not fetched)")
    p.add_argument("--format", choices=("json", "jsonl"),
                   help="json: one indented object (default for one input); jsonl: one object per line "
                        "(default for several inputs, a .jsonl input or a directory)")
    p.add_argument("--allow-private-urls", action="store_true",
                   help="fetch URLs on loopback, private or link-local networks (refused by default)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="for a whole URL fetch: redirects, headers and body (default 20)")
    p.set_defaults(run=run)


def default_format(inputs: list[str]) -> str:
    if len(inputs) > 1:
        return "jsonl"
    if inputs and (inputs[0].lower().endswith((".jsonl", ".ndjson")) or _is_dir(inputs[0])):
        return "jsonl"
    return "json"


def _is_dir(spec: str) -> bool:
    from pathlib import Path

    return "://" not in spec and spec != "-" and Path(spec).is_dir()


def run(args: argparse.Namespace) -> int:
    check_published(args.published)
    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    opts = ReadOptions(published=args.published, source=args.source, title=args.title, url=args.url,
                       language=check_lang(args.lang),
                       allow_private=args.allow_private_urls, timeout=args.timeout)
    fmt = args.format or default_format(args.inputs)
    failed = 0
    out = sys.stdout
    errors: list[InputError] = []
    for item, result in analyze_stream(_documents(read_inputs(args.inputs, opts), errors)):
        failed += _flush_errors(errors)
        if isinstance(result, InputError):
            failed += _flush_errors([result])
            continue
        if item.date_note:
            print(f"warbrief: warning: {item.where}: {item.date_note}; analysed undated (relative dates "
                  f"unresolved; give --published DATE)", file=sys.stderr)
        data = result.to_dict()
        if fmt == "json":
            json.dump(data, out, ensure_ascii=False, indent=2)
        else:
            out.write(dumps_line(data, compact=True))
        out.write("\n")
        out.flush()
    failed += _flush_errors(errors)
    return 3 if failed else 0


def _documents(items: Iterator[DocumentInput | InputError], errors: list[InputError]) -> Iterator[DocumentInput]:
    """Pass documents on; keep the readers' errors to report in order."""
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
        else:
            yield item


def _flush_errors(errors: list[InputError]) -> int:
    n = len(errors)
    for exc in errors:
        print(f"warbrief: error: {exc}", file=sys.stderr)
    errors.clear()
    return n
