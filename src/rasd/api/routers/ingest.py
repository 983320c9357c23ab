"""POST /api/ingest (JSON, one article or a batch) and POST /api/ingest/raw (an HTML page or text).

Both run the pipeline and store the results; they need the API token.
"""
from __future__ import annotations

from typing import Annotated, Optional, Union

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from ..ingest import posted_document, raw_document
from ..params import Writer
from ..schemas import ErrorOut, IngestBatch, IngestDocument, IngestResult
from ..security import bearer, require_writer

router = APIRouter(tags=["ingest"])
WRITE_RESPONSES = {401: {"model": ErrorOut, "description": "Missing or wrong token"},
                   403: {"model": ErrorOut, "description": "Read-only server, or writes not enabled"},
                   413: {"model": ErrorOut, "description": "Request body too large"}}
RAW_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def writer_allowed(request: Request,
                   credentials: Annotated[Optional[HTTPAuthorizationCredentials], Depends(bearer)]) -> None:
    require_writer(request, credentials)


@router.post("/ingest", response_model=IngestResult, dependencies=[Depends(writer_allowed)],
             responses=WRITE_RESPONSES)
def ingest_json(request: Request, store: Writer, body: Union[IngestBatch, IngestDocument]) -> IngestResult:
    """Body: one article ``{"text" or "html", "title", "id", "url", "published", "outlet"}`` or
    ``{"articles": [...]}``. Re-posting the same article changes nothing; a changed one is updated."""
    documents = body.articles if isinstance(body, IngestBatch) else [body]
    limit = request.app.state.settings.max_bulk_documents
    if len(documents) > limit:
        raise HTTPException(422, f"at most {limit} articles per request")
    settings = request.app.state.ingester.settings
    return request.app.state.ingester.ingest(store, [posted_document(d, settings) for d in documents])


@router.post("/ingest/raw", response_model=IngestResult, dependencies=[Depends(writer_allowed)],
             responses={**WRITE_RESPONSES, 415: {"model": ErrorOut, "description": "Not HTML or plain text"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/html": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}}}})
async def ingest_raw(request: Request, store: Writer,
                     id: Annotated[Optional[str], Query(max_length=500)] = None,
                     title: Annotated[Optional[str], Query(max_length=2000)] = None,
                     url: Annotated[Optional[str], Query(max_length=2000)] = None,
                     published: Annotated[Optional[str], Query(max_length=40)] = None,
                     outlet: Annotated[Optional[str], Query(max_length=500)] = None) -> IngestResult:
    """The body is one article: an HTML page (``text/html``) or text (``text/plain``)."""
    content_type = request.headers.get("content-type", "")
    media, _, params = content_type.partition(";")
    kind = RAW_KINDS.get(media.strip().lower())
    if kind is None:
        raise HTTPException(415, "send the article as text/html or text/plain (JSON goes to /api/ingest)")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip('"')
    body = await request.body()
    meta = IngestDocument(id=id, title=title, url=url, published=published, outlet=outlet)
    ingester = request.app.state.ingester
    doc = raw_document(body, kind, meta, charset, ingester.settings)
    # The pipeline is CPU work: run it off the event loop.
    return await run_in_threadpool(ingester.ingest, store, [doc])
