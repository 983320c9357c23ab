"""Reading duplicates back: which events a cluster holds, which rule merged each one, and
which articles copy which (the read side of rasd.store.dedupe; ``rasd duplicates`` prints it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import func, select

from . import schema as t
from .store import Store


@dataclass
class MergedReport:
    """One member of a cluster: the event, the article it comes from, and why it is there."""
    event_id: str
    article_id: str
    article_title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    canonical_article_id: Optional[str]  # the article this one copies, if it is a near-duplicate
    type: str
    status: str
    event_date: Optional[str]
    location: Optional[str]
    trigger: str
    rule: str  # "head", "actors+place+date", "article-copy" or "text-similarity"
    merged_with: Optional[str]  # the event whose merge brought this one in
    detail: str


@dataclass
class ClusterExplanation:
    event_id: str
    cluster_id: Optional[str]  # None: the event stands alone
    head_event_id: str
    n_sources: int
    reports: list[MergedReport] = field(default_factory=list)


@dataclass
class ArticleCopies:
    article_id: str
    canonical_article_id: Optional[str]
    similarity: Optional[float]
    copies: list[tuple[str, float]] = field(default_factory=list)  # (article id, similarity)


def explain_event(store: Store, event_id: str) -> Optional[ClusterExplanation]:
    """The cluster of an event with every member and the rule that merged it; None: no event."""
    e, a, m = t.events, t.articles, t.event_merges
    with store.engine.connect() as conn:
        row = conn.execute(select(e.c.id, e.c.cluster_id, e.c.n_sources).where(e.c.id == event_id)).first()
        if row is None:
            return None
        stmt = (select(e.c.id, e.c.article_id, e.c.type, e.c.status, e.c.event_date, e.c.location_name_en,
                       e.c.location_text, e.c.trigger_text, a.c.title, a.c.outlet, a.c.published,
                       a.c.canonical_article_id, m.c.rule, m.c.detail)
                .join(a, a.c.id == e.c.article_id)
                .outerjoin(m, (m.c.event_id == e.c.id) & (m.c.cluster_id == e.c.cluster_id)))
        stmt = stmt.where(e.c.cluster_id == row.cluster_id) if row.cluster_id else stmt.where(e.c.id == event_id)
        rows = conn.execute(stmt).all()
        head, n_sources = row.id, row.n_sources
        if row.cluster_id:
            head = conn.execute(select(t.event_clusters.c.canonical_event_id)
                                .where(t.event_clusters.c.id == row.cluster_id)).scalar_one()
            # the head's count is exact at all times (an ingest refreshes the others' at its end)
            n_sources = conn.execute(select(e.c.n_sources).where(e.c.id == head)).scalar_one()
    reports = [MergedReport(
        event_id=r.id, article_id=r.article_id, article_title=r.title, outlet=r.outlet, published=r.published,
        canonical_article_id=r.canonical_article_id, type=r.type, status=r.status, event_date=r.event_date,
        location=r.location_name_en or r.location_text, trigger=r.trigger_text, rule=r.rule or "head",
        merged_with=(r.detail or {}).get("with"), detail=(r.detail or {}).get("detail", "")) for r in rows]
    reports.sort(key=lambda x: (x.event_id != head, x.article_id, x.event_id))
    return ClusterExplanation(event_id, row.cluster_id, head, n_sources, reports)


def article_copies(store: Store, article_id: str) -> Optional[ArticleCopies]:
    """Which article this one copies, and which articles copy it; None: no such article."""
    a = t.articles
    with store.engine.connect() as conn:
        row = conn.execute(select(a.c.id, a.c.canonical_article_id, a.c.duplicate_similarity)
                           .where(a.c.id == article_id)).first()
        if row is None:
            return None
        copies = conn.execute(select(a.c.id, a.c.duplicate_similarity).where(a.c.canonical_article_id == article_id)
                              .order_by(a.c.id)).all()
    return ArticleCopies(row.id, row.canonical_article_id, row.duplicate_similarity,
                         [(c.id, c.duplicate_similarity) for c in copies])


def largest_clusters(store: Store, limit: int = 20) -> list[tuple[str, str, int, int]]:
    """(cluster id, head event id, events, articles) of the clusters with the most articles."""
    e, c = t.events, t.event_clusters
    stmt = (select(c.c.id, c.c.canonical_event_id, func.count(e.c.id), func.count(e.c.article_id.distinct()))
            .join(e, e.c.cluster_id == c.c.id).group_by(c.c.id, c.c.canonical_event_id)
            .order_by(func.count(e.c.article_id.distinct()).desc(), c.c.id).limit(limit))
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(stmt)]
