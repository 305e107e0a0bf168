"""Readers for each document format: bytes in, `DocumentInput`s or `InputError`s out."""

from __future__ import annotations

import codecs
import io
import json
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..analysis import DocumentInput
from ..errors import InputError

if TYPE_CHECKING:
    from . import Item, ReadOptions

log = logging.getLogger(__name__)
JSONL_FIELDS = ("text", "published", "source", "title", "url", "id", "language")


# byte-order marks -> codec; UTF-32 first (its little-endian BOM starts with UTF-16's)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))


def unicode_with_bom(name: str, data: bytes) -> str | InputError | None:
    """Text saved as UTF-16 or UTF-32 with a byte-order mark (Windows tools write these),
    decoded; None when `data` has no such mark."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                return InputError(name, f"looks like a binary file: it starts with a {codec.upper()} "
                                        f"byte-order mark but is not valid {codec.upper()} (offset {exc.start})")
            if "\x00" in text[:8192]:
                return InputError(name, f"looks like a binary file (NUL characters in its {codec.upper()} text)")
            return text
    return None


def decode_text(name: str, data: bytes) -> str | InputError:
    """UTF-8 (a leading BOM is dropped), or UTF-16/32 with a BOM; binary data and invalid
    UTF-8 are refused."""
    wide = unicode_with_bom(name, data)
    if wide is not None:
        empty = isinstance(wide, str) and not wide.strip()
        return InputError(name, "is empty (no text to analyse)") if empty else wide
    if b"\x00" in data[:8192]:
        return InputError(name, "looks like a binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(name, f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                "convert it, e.g. `iconv -f cp1251 -t utf-8`")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return InputError(name, "is empty (no text to analyse)")
    return text


def from_text(name: str, data: bytes, opts: ReadOptions) -> Iterator[Item]:
    from . import with_options

    text = decode_text(name, data)
    if isinstance(text, InputError):
        yield text
        return
    yield with_options(DocumentInput(text, origin=name), opts)


def from_html(name: str, data: bytes, opts: ReadOptions) -> Iterator[Item]:
    """Main text via trafilatura, with the page's title, date, author/site name and URL."""
    from . import with_options

    wide = unicode_with_bom(name, data)
    if isinstance(wide, InputError):
        yield wide
        return
    if wide is None and b"\x00" in data[:8192]:
        yield InputError(name, "looks like a binary file (NUL bytes), not HTML")
        return
    html = wide if wide is not None else data.decode("utf-8", errors="replace")
    if not html.strip():
        yield InputError(name, "is empty (no HTML to read)")
        return
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, url=opts.url)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises assorted parser errors
        yield InputError(name, f"the HTML could not be parsed ({type(exc).__name__}: {exc})")
        return
    meta: dict[str, Any] = _as_dict(doc)
    text = (meta.get("text") or "").strip()
    if not text or not _has_content(html):
        depth = nesting_depth(html)
        if depth > MAX_HTML_DEPTH:
            yield InputError(name, f"the HTML is nested {depth:,} elements deep; its parser reads at most "
                                   f"{MAX_HTML_DEPTH} (save the page's text as .txt and ingest that)")
            return
        yield InputError(name, "no main text found in the HTML (is it a page of navigation only?)")
        return
    yield with_options(DocumentInput(text, origin=name), opts, published=meta.get("date"),
                       title=meta.get("title"), source=meta.get("sitename") or meta.get("author"),
                       url=meta.get("url"))


MAX_HTML_DEPTH = 255  # libxml2's HTML parser stops building the tree below this depth
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})


def nesting_depth(html: str) -> int:
    """The deepest element nesting of a page (unclosed elements count as open), in one pass."""
    from html.parser import HTMLParser

    class Depth(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.depth = self.deepest = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag not in _VOID:
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)

        def handle_endtag(self, tag: str) -> None:
            if tag not in _VOID:
                self.depth = max(0, self.depth - 1)

    parser = Depth()
    parser.feed(html)
    parser.close()
    return parser.deepest


def _has_content(html: str) -> bool:
    """False when every word of the page sits in navigation, header, footer or script
    (trafilatura then falls back to returning the menu as the "main text")."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return True  # let trafilatura's own verdict stand
    for bad in root.xpath("//nav|//header|//footer|//script|//style|//aside|//form|//noscript|//a"):
        if bad.getparent() is not None:
            bad.drop_tree()
    return bool(root.text_content().strip())


def _as_dict(doc: Any) -> dict[str, Any]:
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    if hasattr(doc, "as_dict"):
        return dict(doc.as_dict())
    return {k: getattr(doc, k, None) for k in ("text", "title", "date", "sitename", "author", "url")}


def from_pdf(name: str, data: bytes, opts: ReadOptions) -> Iterator[Item]:
    """Text of every page (pypdf), pages separated by a blank line; title and date from the
    document information when present."""
    from . import with_options

    if not data.startswith(b"%PDF-"):
        yield InputError(name, "is not a PDF (no %PDF- header)")
        return
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            yield InputError(name, "the PDF is encrypted; decrypt it first")
            return
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info: Any = reader.metadata or {}
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        yield InputError(name, f"the PDF could not be read ({type(exc).__name__}: {exc})")
        return
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        yield InputError(name, "the PDF has no extractable text (a scan? run OCR first)")
        return
    title = str(info.get("/Title") or "").strip() or None
    published = _pdf_date(str(info.get("/CreationDate") or ""))
    yield with_options(DocumentInput(text, origin=name), opts, title=title, published=published)


def _pdf_date(raw: str) -> str | None:
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", raw)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def from_jsonl(name: str, data: bytes, opts: ReadOptions) -> Iterator[Item]:
    """One document per line: {"text": ..., "published", "source", "title", "url", "id",
    "language"}; only `text` is required and a line's own fields win over the command-line
    options."""
    from . import file_date, with_options

    text = decode_text(name, data)
    if isinstance(text, InputError):
        yield text
        return
    items = list(_jsonl_items(name, text))
    reference = file_date([i.published for i in items if isinstance(i, DocumentInput)])  # type: ignore[misc]
    for item in items:
        yield with_options(item, opts, reference) if isinstance(item, DocumentInput) else item


def _jsonl_items(name: str, text: str) -> Iterator[DocumentInput | InputError]:
    """Each line's document as written (dates not yet read), or the error that refuses it."""
    # JSON Lines ends a line at "\n" only: str.splitlines() also splits at U+2028, U+0085 and
    # the like, which JSON leaves unescaped inside strings (json.dumps(..., ensure_ascii=False))
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputError(where, "expected a JSON object with a \"text\" field")
            continue
        body = obj.get("text")
        if not isinstance(body, str):
            yield InputError(where, "missing \"text\" (a string) in the JSON object")
            continue
        bad = [k for k in JSONL_FIELDS[2:] if obj.get(k) is not None and not isinstance(obj[k], str | int)]
        if bad:
            yield InputError(where, f"field(s) {', '.join(bad)} must be strings")
            continue
        fields = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in JSONL_FIELDS[2:]}
        # the date is read leniently later, whatever its type (a number is Unix time)
        yield DocumentInput(body, obj.get("published"), fields["source"], fields["title"], fields["url"],
                            id=fields["id"], origin=where, language=fields["language"])
