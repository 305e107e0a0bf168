"""The `warbrief` command: a thin layer over the library.

Each subcommand lives in its own module here, exposing `register(subparsers)` which adds an
argparse parser with `set_defaults(run=function)`; `function(args) -> int` returns the exit
status. Exit statuses: 0 success, 1 failure, 2 wrong usage, 3 an input could not be read.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from ..errors import WarbriefError

# Subcommand modules, in the order `--help` lists them.
COMMANDS = ["extract", "demo", "gazetteer", "ingest", "query", "export", "log", "brief", "serve", "token", "watch",
            "paths"]


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    pass


def check_published(value: str | None) -> None:
    """Refuse a --published value that is not ISO 8601, as a usage error (exit status 2)."""
    from ..dates import parse_published
    from ..errors import UsageError

    if value:
        try:
            parse_published(value)
        except ValueError as exc:
            raise UsageError(f"--published: {exc}") from None


def check_lang(value: str | None) -> str | None:
    """--lang as an ISO 639-1 code ('UK' -> 'uk'), or a usage error (exit status 2)."""
    from ..errors import InputError, UsageError
    from ..lang import normalise_code

    try:
        return normalise_code(value, "--lang")
    except InputError as exc:
        raise UsageError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="warbrief", formatter_class=HelpFormatter,
        description="Sourced, geolocated, time-normalised records from reporting on Russia's war "
                    "on Ukraine.",
        epilog="Example:\n  warbrief extract report.txt --published 2024-11-01 --source ISW")
    parser.add_argument("--version", action="version", version=f"warbrief {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and warnings")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f".{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__package__}.{name}":
                continue  # not built yet
            raise
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR,
                        format="warbrief: %(levelname)s: %(message)s")
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except WarbriefError as exc:
        print(f"warbrief: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("warbrief: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
