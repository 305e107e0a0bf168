"""`POST /api/documents`: a text, a URL or an uploaded file in, an analysed and stored
document out. URLs go through warbrief's URL reader, which refuses loopback and private
addresses; files through the same readers as `warbrief ingest`."""

from __future__ import annotations

import json
import threading
from pathlib import PurePath
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError

from ..analysis import MAX_CHARS, DocumentInput
from ..errors import InputError
from .responses import ApiError

MAX_UPLOAD = 10 * 1024 * 1024  # bytes of one uploaded file
_ANALYZE = threading.Lock()  # one document through the pipeline at a time (one writer too)
UPLOAD_SUFFIXES = (".txt", ".md", ".text", ".markdown", ".html", ".htm", ".xhtml", ".pdf")


class IngestRequest(BaseModel):
    """Exactly one of `text` and `url`; the rest is metadata."""

    text: str | None = Field(None, max_length=MAX_CHARS)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://")
    published: str | None = Field(None, max_length=40, description="ISO 8601 date or datetime")
    source: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=500)

    model_config = {"extra": "forbid"}


_FORM_SCHEMA = {"type": "object", "properties": {
    "file": {"type": "string", "format": "binary", "description": "a .txt, .md, .html or .pdf file"},
    "text": {"type": "string"}, "url": {"type": "string"}, "published": {"type": "string"},
    "source": {"type": "string"}, "title": {"type": "string"}}}

INGEST_OPENAPI = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": IngestRequest.model_json_schema()},
    "multipart/form-data": {"schema": _FORM_SCHEMA}}}}


async def ingest_request(request: Request) -> Any:
    """The request body as one `DocumentInput`; raises the reader's `InputError` (bad URL, bad
    file). Fetching and parsing run in a worker thread, never on the event loop."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            body = IngestRequest.model_validate(json.loads(await request.body()))
        except RecursionError:
            raise ApiError(400, "the JSON body is nested too deeply", "invalid") from None
        except (ValueError, ValidationError) as exc:
            raise ApiError(422, f"the JSON body is not valid: {_first(exc)}", "invalid") from None
        return await run_in_threadpool(_from_fields, body.model_dump(), None, None)
    if ctype == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        upload = form.get("file")
        unknown = set(fields) - set(IngestRequest.model_fields)
        if unknown:
            raise ApiError(422, f"unknown form field {sorted(unknown)[0]!r}", "invalid")
        try:
            meta = IngestRequest.model_validate(fields).model_dump()
        except ValidationError as exc:
            raise ApiError(422, f"the form is not valid: {_first(exc)}", "invalid") from None
        if upload is not None and not isinstance(upload, str):
            data = await upload.read(MAX_UPLOAD + 1)
            if len(data) > MAX_UPLOAD:
                raise ApiError(413, f"the file exceeds the upload limit of {MAX_UPLOAD:,} bytes")
            return await run_in_threadpool(_from_fields, meta, upload.filename or "upload.txt", data)
        return await run_in_threadpool(_from_fields, meta, None, None)
    raise ApiError(415, "send application/json ({\"text\": ...} or {\"url\": ...}) or multipart/form-data "
                        "with a file")


def _first(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        e = exc.errors()[0]
        return f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
    return str(exc).splitlines()[0]


def _from_fields(meta: dict[str, Any], filename: str | None, data: bytes | None) -> Any:
    from ..ingest import FILE_READERS, ReadOptions

    given = [k for k in ("text", "url") if meta.get(k)] + (["file"] if data is not None else [])
    if len(given) != 1:
        raise ApiError(422, "give exactly one of text, url or file", "invalid")
    opts = ReadOptions(published=meta.get("published"), source=meta.get("source"), title=meta.get("title"),
                       url=meta.get("url"), allow_private=False)
    if meta.get("text"):
        return DocumentInput(meta["text"], meta.get("published"), meta.get("source"), meta.get("title"), None)
    if meta.get("url"):
        from ..ingest.url import read_url

        return _one(read_url(meta["url"], opts), meta["url"])
    name = PurePath(filename or "upload.txt").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ApiError(415, f"cannot read {suffix or 'files without a suffix'}: upload one of "
                            f"{', '.join(UPLOAD_SUFFIXES)}")
    return _one(FILE_READERS[suffix](name, data or b"", opts), name)


def _one(items: Any, name: str) -> DocumentInput:
    for item in items:
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(name, "no text found")


def ingest_document(store: Any, doc: DocumentInput, who: str) -> dict[str, Any]:
    """Analyse one document and store it (one transaction). -> {id, status, ...}."""
    from datetime import UTC, datetime

    import warbrief

    from ..store import IngestMeta

    with _ANALYZE:
        # a published date that is not ISO 8601 raises InputError: 400 (api/responses.py)
        analysis = warbrief.analyze(doc.text, published=doc.published, source=doc.source,
                                    title=doc.title, url=doc.url).to_dict()
        result = store.add(analysis, IngestMeta(origin=f"api:{who}", retrieved=datetime.now(UTC).isoformat(timespec="seconds")))
    return {"id": result.doc_id, "status": result.status, "duplicate_of": result.duplicate_of,
            "url": f"/documents/{result.doc_id}", "entities": len(analysis["entities"]),
            "claims": len(analysis["claims"]), "events": len(analysis["events"])}
