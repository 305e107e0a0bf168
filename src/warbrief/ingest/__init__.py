"""Readers: turn each INPUT (file, directory, URL, `-`) into `DocumentInput`s.

    read_inputs(["report.html", "batch.jsonl", "https://...", "-"], ReadOptions(...))
        -> Iterator[DocumentInput | InputError]

A reader never raises for a bad input: it yields an `InputError` naming the input and the
reason, and the caller goes on with the rest. Plain text is kept character for character so
that offsets can be checked against the original; HTML and PDF give their extracted main text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..analysis import MAX_CHARS, DocumentInput
from ..dates import day_of, read_published
from ..errors import InputError
from .feed import from_feed
from .formats import from_html, from_jsonl, from_pdf, from_text
from .telegram import from_telegram

Item = DocumentInput | InputError


@dataclass(frozen=True)
class ReadOptions:
    """Command-line metadata applied to every document (a JSONL line's own fields win), and
    the limits that protect the reader."""

    published: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1 for every document; None: each detected from its text
    allow_private: bool = False  # allow URLs on loopback / private / link-local networks
    timeout: float = 20.0  # seconds for a whole URL fetch (redirects, headers and body)
    max_bytes: int = 4 * MAX_CHARS  # bytes read from one file or URL


# Suffix -> reader(name, data, options) for files; other kinds register here too
# (e.g. the ingest command adds feeds and Telegram exports).
FILE_READERS: dict[str, Callable[[str, bytes, ReadOptions], Iterator[Item]]] = {
    ".txt": from_text, ".md": from_text, ".text": from_text, ".markdown": from_text,
    ".html": from_html, ".htm": from_html, ".xhtml": from_html,
    ".pdf": from_pdf,
    ".jsonl": from_jsonl, ".ndjson": from_jsonl,
    ".rss": from_feed, ".atom": from_feed, ".xml": from_feed,  # RSS/Atom feeds (ingest/feed.py)
    ".json": from_telegram,  # Telegram Desktop channel export, result.json (ingest/telegram.py)
}


def read_inputs(specs: list[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every document in `specs`, in order. No specs means standard input."""
    opts = options or ReadOptions()
    for spec in specs or ["-"]:
        yield from read_input(spec, opts)


def read_input(spec: str, opts: ReadOptions) -> Iterator[Item]:
    if spec == "-":
        yield from _read_stdin(opts)
    elif spec.startswith(("http://", "https://")):
        from .url import read_url

        yield from read_url(spec, opts)
    elif "://" in spec:
        yield InputError(spec, "unsupported URL scheme (only http and https are fetched)")
    else:
        path = Path(spec)
        if path.is_dir():
            yield from _read_dir(path, opts)
        else:
            yield from read_file(path, opts)


def read_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > opts.max_bytes:
            yield InputError(name, f"file is {size:,} bytes; the limit is {opts.max_bytes:,} "
                                   "(split it into smaller documents)")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield InputError(name, "no such file")
        return
    except OSError as exc:
        yield InputError(name, f"cannot be read ({exc.strerror or exc})")
        return
    reader = FILE_READERS.get(path.suffix.lower(), _sniff)
    yield from reader(name, data, opts)


def _sniff(name: str, data: bytes, opts: ReadOptions) -> Iterator[Item]:
    """A file with an unknown suffix: PDF by magic, HTML by its first tag, else text."""
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        yield from from_pdf(name, data, opts)
    elif head.startswith((b"<!doctype html", b"<html")):
        yield from from_html(name, data, opts)
    else:
        yield from from_text(name, data, opts)


def _read_dir(root: Path, opts: ReadOptions) -> Iterator[Item]:
    """Every file below `root` whose suffix has a reader, recursively, in sorted order."""
    try:
        paths = sorted(p for p in root.rglob("*") if p.suffix.lower() in FILE_READERS)
    except OSError as exc:
        yield InputError(str(root), f"cannot list the directory ({exc.strerror or exc})")
        return
    if not paths:
        yield InputError(str(root), f"no readable files ({', '.join(sorted(FILE_READERS))}) in the directory")
    for p in paths:
        if p.is_file():
            yield from read_file(p, opts)


def _read_stdin(opts: ReadOptions) -> Iterator[Item]:
    if sys.stdin is None:
        yield InputError("<stdin>", "standard input is closed")
        return
    data = sys.stdin.buffer.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        yield InputError("<stdin>", f"more than {opts.max_bytes:,} bytes; split it into smaller documents")
        return
    yield from from_text("<stdin>", data, opts)


def with_options(doc: DocumentInput, opts: ReadOptions, reference: date | None = None,
                 **found: str | None) -> DocumentInput:
    """Fill a document's metadata: its own fields (a JSONL line's) first, then the command-line
    options, then what the input says about itself (`found`, e.g. an HTML page's date), so that
    --published wins over page metadata.

    The dates a document carries are read leniently (`dates.read_published`; a day without a
    year against `reference`, the file's date); one that cannot be read leaves the document
    undated with the reason in `date_note`, never unread."""
    own = read_published(doc.published, reference or day_of(opts.published))
    page = read_published(found.get("published"), reference or day_of(opts.published))
    published = own.value or opts.published or page.value
    return replace(doc, published=published, date_note=None if published else (own.note or page.note),
                   source=doc.source or opts.source or found.get("source"),
                   title=doc.title or opts.title or found.get("title"),
                   url=doc.url or opts.url or found.get("url"),
                   language=opts.language or doc.language)


def file_date(values: list[str | None]) -> date | None:
    """The date of a file that holds many documents (a batch, a feed): the latest full date
    among its documents', for reading a day without a year ("Wed Nov 23") in the same file."""
    days = [d for v in values if v and (d := day_of(read_published(v).value))]
    return max(days, default=None)
