"""What a store holds, independent of run ids and times, and whether it is internally whole."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..store import Store
from ..store import schema as t


@dataclass(frozen=True)
class StoreSnapshot:
    documents: tuple  # (key, article id, raw hash), sorted
    articles: tuple  # (id, normalized text), sorted
    sentences: int
    mentions: tuple  # (article id, idx, kind, start), sorted
    events: tuple  # (id, type, normalized text), sorted
    participants: int
    errors: tuple  # (document, reason), sorted

    def differences(self, other: "StoreSnapshot") -> list[str]:
        """What differs from ``other``, table by table, with counts (empty: the same content)."""
        out = []
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine != theirs:
                if isinstance(mine, tuple):
                    out.append(f"{name}: {len(set(mine) - set(theirs))} extra, {len(set(theirs) - set(mine))} "
                               f"missing, {len(mine) - len(set(mine))} doubled")
                else:
                    out.append(f"{name}: {mine} instead of {theirs}")
        return out


def snapshot(store: Store) -> StoreSnapshot:
    with store.engine.connect() as conn:
        def rows(*columns) -> tuple:
            return tuple(sorted(tuple(r) for r in conn.execute(select(*columns)).all()))

        def count(table) -> int:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

        return StoreSnapshot(
            documents=rows(t.documents.c.key, t.documents.c.article_id, t.documents.c.raw_hash),
            articles=rows(t.articles.c.id, t.articles.c.text_norm),
            sentences=count(t.sentences),
            mentions=rows(t.mentions.c.article_id, t.mentions.c.idx, t.mentions.c.kind, t.mentions.c.start),
            events=rows(t.events.c.id, t.events.c.type, t.events.c.text_norm),
            participants=count(t.event_participants),
            errors=rows(t.ingest_errors.c.document, t.ingest_errors.c.reason),
        )


def integrity_problems(store: Store) -> list[str]:
    """Orphans and half-written articles; on SQLite also the file's own integrity check."""
    problems = []
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            verdict = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
            if verdict != "ok":
                problems.append(f"sqlite integrity_check: {verdict}")
        checks = {
            "documents without their article": select(func.count()).select_from(t.documents).where(
                ~t.documents.c.article_id.in_(select(t.articles.c.id))),
            "articles without sentences": select(func.count()).select_from(t.articles).where(
                ~t.articles.c.id.in_(select(t.sentences.c.article_id))),
            "articles no document holds": select(func.count()).select_from(t.articles).where(
                ~t.articles.c.id.in_(select(t.documents.c.article_id))),
            "events without their article": select(func.count()).select_from(t.events).where(
                ~t.events.c.article_id.in_(select(t.articles.c.id))),
            "mentions without their article": select(func.count()).select_from(t.mentions).where(
                ~t.mentions.c.article_id.in_(select(t.articles.c.id))),
        }
        for what, stmt in checks.items():
            n = conn.execute(stmt).scalar_one()
            if n:
                problems.append(f"{n} {what}")
    return problems
