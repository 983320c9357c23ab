"""GET /api/articles and GET /api/articles/{id}: the text with its highlight spans and events."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path

from ..params import EventQuery, PageParam, Reader, Text
from ..queries import article_highlights, list_articles, list_events
from ..schemas import ArticleDetail, ArticlePageOut, EventSummary
from ...store import EventFilter

router = APIRouter(tags=["articles"])
MAX_EVENTS_PER_ARTICLE = 500


@router.get("/articles", response_model=ArticlePageOut)
def articles(store: Reader, paging: PageParam, q: Text = None) -> ArticlePageOut:
    total, items = list_articles(store, q, paging.limit, paging.offset)
    return ArticlePageOut(total=total, limit=paging.limit, offset=paging.offset, items=items)


@router.get("/articles/{article_id}", response_model=ArticleDetail,
            responses={404: {"description": "No such article"}})
def article(store: Reader, article_id: Annotated[str, Path(min_length=1, max_length=64)]) -> ArticleDetail:
    found = store.article(article_id, analysis=False)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    events = list_events(store, EventQuery(EventFilter(article_id=article_id)), "date",
                         MAX_EVENTS_PER_ARTICLE, 0, with_total=False).items
    return ArticleDetail(id=found.id, title=found.title, text=found.text, source=found.source,
                         external_id=found.external_id, outlet=found.outlet, correspondent=found.correspondent,
                         published=found.published, category=found.category, language=found.language,
                         warnings=found.warnings, highlights=article_highlights(store, found.id),
                         events=[EventSummary.of(s) for s in events])
