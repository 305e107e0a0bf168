"""One success shape and one error shape for every `/api` answer.

Success:  {"data": <object or list>, "meta": {...}}       meta of a list: {"limit", "next_cursor", "count"}
Error:    {"error": {"status": 404, "code": "not_found", "message": "...", "details": [...]}}

(`?format=geojson` answers are GeoJSON FeatureCollections with the same `meta` as a foreign
member, so that GIS tools read them directly.)
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import BusyError, InputError, StoreError, UsageError, WarbriefError

log = logging.getLogger(__name__)

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "too_large",
         415: "unsupported_media_type", 422: "invalid", 429: "too_many_requests",
         500: "internal", 503: "unavailable"}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody


class Meta(BaseModel):
    limit: int | None = None
    next_cursor: str | None = None
    count: int | None = None

    model_config = {"extra": "allow"}


class Envelope(BaseModel):
    data: Any
    meta: Meta = Field(default_factory=Meta)


class ApiError(Exception):
    """Raised by handlers: becomes the error shape with this status."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = details or []
        self.headers = headers


class ApiJSON(JSONResponse):
    """Compact UTF-8 JSON, written directly (routes return it, so FastAPI skips re-validating
    and re-encoding the body: the response models only document the shape)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ok(data: Any, status: int = 200, **meta: Any) -> ApiJSON:
    """The success shape: {"data": ..., "meta": {...}}."""
    return ApiJSON({"data": data, "meta": meta}, status_code=status)


def error_response(status: int, message: str, code: str | None = None,
                   details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"status": status, "code": code or CODES.get(status, "error"),
                      "message": message, "details": details or []}}
    return JSONResponse(body, status_code=status, headers=headers)


# Error responses listed in the OpenAPI document of every route.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": code.replace("_", " ")}
    for status, code in CODES.items() if status in (400, 404, 413, 422)}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def install_handlers(app: FastAPI, html_error: Any = None) -> None:
    """Map every exception to the error shape (`/api`) or to an error page (other paths,
    through `html_error(request, status, message)` when given)."""

    def respond(request: Request, status: int, message: str, code: str | None = None,
                details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None):
        if html_error is not None and not _is_api(request):
            page = html_error(request, status, message)
            page.headers.update(headers or {})
            return page
        return error_response(status, message, code, details, headers)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return respond(request, exc.status, exc.message, exc.code, exc.details, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        return respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        details = [{"location": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", ""),
                    "type": e.get("type", "")} for e in exc.errors()]
        first = details[0] if details else {"location": "request", "message": "invalid"}
        return respond(request, 422, f"{first['location']}: {first['message']}", "invalid", details)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError):
        return respond(request, 400, str(exc), "unreadable_input")

    @app.exception_handler(UsageError)
    async def _usage_error(request: Request, exc: UsageError):
        return respond(request, 400, str(exc), "bad_request")

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError):
        log.error("store error: %s", exc)
        return respond(request, 503, str(exc), "store_unavailable")

    @app.exception_handler(BusyError)
    async def _busy(request: Request, exc: BusyError):
        return respond(request, 429, str(exc), headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(WarbriefError)
    async def _warbrief_error(request: Request, exc: WarbriefError):
        return respond(request, 400, str(exc), "bad_request")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal error; the server log has the details", "internal")
