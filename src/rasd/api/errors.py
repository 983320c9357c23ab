"""Errors as clean JSON (``{"error": code, "detail": ...}``): never a stack trace to a client."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import RasdError

log = logging.getLogger("rasd.api")

ERROR_CODES = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found",
               405: "method-not-allowed", 409: "conflict", 413: "request-too-large",
               415: "unsupported-media-type", 422: "invalid-request"}


def _error(status: int, detail, headers=None) -> JSONResponse:
    return JSONResponse({"error": ERROR_CODES.get(status, "error"), "detail": detail}, status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        # Where and what, without echoing the (possibly large, untrusted) input back.
        problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                    for e in exc.errors()]
        return _error(422, jsonable_encoder(problems))

    @app.exception_handler(RasdError)
    async def rasd_error(request: Request, exc: RasdError):
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return _error(400, str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        log.exception("%s %s failed", request.method, request.url.path)
        return JSONResponse({"error": "internal-error", "detail": "internal server error (logged on the server)"},
                            500)


def describe_errors_in_openapi(app: FastAPI) -> None:
    """Validation errors are answered as ``{"error", "detail"}``: say so in /openapi.json."""
    generate = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = generate()
            schemas = schema.get("components", {}).get("schemas", {})
            if "HTTPValidationError" in schemas:
                schemas["HTTPValidationError"] = {
                    "title": "HTTPValidationError", "type": "object", "required": ["error", "detail"],
                    "properties": {"error": {"type": "string"}, "detail": {}}}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi
