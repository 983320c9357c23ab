"""The store's tables (SQLAlchemy Core). Migrations in ``migrations/versions`` create exactly this.

Layers, from input to output:
- ``documents``: one row per input document key (external id, else source) with the hash of the
  raw input, pointing at the article its content produced. Re-ingesting a key with the same raw
  hash is a no-op; a new hash replaces the article (an update).
- ``articles`` (content-hash id) with ``removed_lines``, ``sentences``, ``mentions``;
  ``canonical_article_id`` links a near-duplicate to the article it copies (never deleted).
- ``events`` with ``event_participants`` (actors and recipients) and ``event_mentions`` (the
  article spans that support an event, possibly from several articles once events are merged);
  ``event_clusters`` and ``event_merges`` record which rule merged which events.
- ``actors`` and ``places``: the lexicon entities seen so far.
- ``runs`` (what ran, with which code and lexicon versions, counts) and ``ingest_errors``.

Dates are ISO strings (``YYYY-MM-DD``), which sort and compare the same on every database.
"""
from __future__ import annotations

from sqlalchemy import (JSON, BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData,
                        String, Table, Text, UniqueConstraint, true)

metadata = MetaData()

ID = String(64)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),  # ingest | reprocess | dask | watch | merge
    Column("status", String(16), nullable=False),  # running | completed | failed | interrupted
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("code_version", String(64), nullable=False),
    Column("lexicon_version", String(64), nullable=False),
    Column("host", String(255)),
    Column("pid", Integer),
    Column("arguments", JSON),  # sources and options, for the record
    Column("counts", JSON),  # the run summary (read, stored, unchanged, failed by reason ...)
)

articles = Table(
    "articles", metadata,
    Column("id", ID, primary_key=True),  # content hash of title + body
    Column("source", Text),
    Column("external_id", Text),
    Column("outlet", Text),
    Column("correspondent", Text),
    Column("published", String(10)),
    Column("category", Text),
    Column("exclusive", Boolean, nullable=False, default=False),
    Column("language", String(16)),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("text_norm", Text, nullable=False),  # normalize(title + body), for text queries
    Column("meta", JSON),  # warnings and anything else the pipeline reports
    Column("canonical_article_id", ID, ForeignKey("articles.id")),  # near-duplicate of
    Column("duplicate_similarity", Float),
    Column("code_version", String(64), nullable=False),  # of the analysis now stored
    Column("lexicon_version", String(64), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),  # run that stored or last reprocessed it
    Column("stored_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_canonical", "canonical_article_id"),
    Index("ix_articles_versions", "code_version", "lexicon_version"),
)

documents = Table(
    "documents", metadata,
    Column("key", Text, primary_key=True),  # "id:<external id>" or "src:<source>"
    Column("article_id", ID, ForeignKey("articles.id"), nullable=False),
    Column("raw_hash", String(64), nullable=False),
    Column("source", Text),
    Column("external_id", Text),
    Column("first_run_id", Integer, ForeignKey("runs.id")),
    Column("last_run_id", Integer, ForeignKey("runs.id")),
    Index("ix_documents_article", "article_id"),
)

removed_lines = Table(
    "removed_lines", metadata,
    Column("article_id", ID, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("line_no", Integer, nullable=False),
    Column("reason", String(64), nullable=False),
    Column("text", Text, nullable=False),
)

sentences = Table(
    "sentences", metadata,
    Column("article_id", ID, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("article_id", ID, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("entity_id", String(255)),
    Column("name_en", Text),
    Column("name_ar", Text),
    Column("country", String(8)),
    Column("sector", String(64)),
    Column("acled_type", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("pcode", String(32)),
    Column("precision", Integer),
    Column("value", Text),
    Column("unit", String(16)),
    Column("source", String(16), nullable=False),
    Column("rule", String(255)),
    Column("qualifier", String(32)),
    Column("sentence", Integer),
    Column("field", String(8), nullable=False),
    Column("extra", JSON(none_as_null=True)),  # Mention fields newer than this schema (the model grows first)
    Index("ix_mentions_entity", "entity_id"),
)

actors = Table(
    "actors", metadata,
    Column("id", String(255), primary_key=True),  # lexicon entry id, e.g. actor.sdf
    Column("name_en", Text),
    Column("name_ar", Text),
    Column("name_norm", Text),
    Column("country", String(8)),
    Column("sector", String(64)),
    Column("acled_type", Integer),
)

places = Table(
    "places", metadata,
    Column("id", String(255), primary_key=True),  # lexicon entry id, e.g. place.SY0800
    Column("name_en", Text),
    Column("name_ar", Text),
    Column("name_norm", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("pcode", String(32)),
    Column("precision", Integer),
)

event_clusters = Table(
    "event_clusters", metadata,
    Column("id", ID, primary_key=True),
    Column("canonical_event_id", ID, nullable=False),  # the event that represents the cluster
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("created_at", DateTime, nullable=False),
)

events = Table(
    "events", metadata,
    # Integer rowid for full-text indexes (FTS5 content_rowid); ``id`` is the public id.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", ID, nullable=False, unique=True),  # content_id(article_id, coder id)
    Column("coder_id", Text, nullable=False),  # Event.id as the coder gave it
    Column("article_id", ID, ForeignKey("articles.id"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("mode", String(64)),
    Column("status", String(16), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_field", String(8), nullable=False),
    Column("location_text", Text),
    Column("location_name_ar", Text),
    Column("location_name_en", Text),
    Column("location_norm", Text),  # normalize(name_ar or text), for place filters
    Column("latitude", Float),
    Column("longitude", Float),
    Column("admin1", Text),
    Column("admin1_key", Text),  # casefolded, normalized admin1, for filters
    Column("pcode", String(32)),
    Column("geo_precision", Integer),
    Column("event_date", String(10)),
    Column("date_precision", String(8)),
    Column("date_text", Text),
    Column("fatalities", Integer),
    Column("injuries", Integer),
    Column("attributed_to", Text),
    Column("acled", JSON),  # the crosswalk columns exactly as the coder gave them
    Column("quad_code", Integer),
    Column("event_scale", String(32)),
    Column("note_en", Text, nullable=False),
    Column("provenance", JSON),
    Column("code_version", String(64), nullable=False),
    Column("lexicon_version", String(64), nullable=False),
    Column("text_norm", Text, nullable=False),  # normalized supporting text, for text queries
    Column("extra", JSON(none_as_null=True)),  # Event fields newer than this schema
    Column("n_sources", Integer, nullable=False, default=1),  # articles supporting it
    Column("cluster_id", ID, ForeignKey("event_clusters.id")),
    # False for the other members of a cluster: one row per happening (migration 0003, rasd.store.dedupe)
    Column("cluster_head", Boolean, nullable=False, default=True, server_default=true()),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Index("ix_events_article", "article_id"),
    Index("ix_events_type_admin1_date", "type", "admin1_key", "event_date"),
    Index("ix_events_date", "event_date"),
    Index("ix_events_admin1_date", "admin1_key", "event_date"),
    Index("ix_events_pcode", "pcode"),
    Index("ix_events_location_norm", "location_norm"),
    Index("ix_events_cluster", "cluster_id"),
    Index("ix_events_rank", "n_sources", "fatalities", "event_date"),
    Index("ix_events_cluster_head_date", "cluster_head", "event_date"),
    Index("ix_events_type_rank", "type", "n_sources", "fatalities", "event_date"),  # one type, top first
    Index("ix_events_type_date", "type", "event_date"),  # one type newest first (migration 0007)
)

event_participants = Table(
    "event_participants", metadata,
    Column("event_id", ID, ForeignKey("events.id"), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor | recipient
    Column("idx", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("name_en", Text),
    Column("actor_id", String(255)),
    Column("country", String(8)),
    Column("sector", String(64)),
    Column("acled_type", Integer),
    Column("start", Integer),
    Column("end", Integer),
    # One key per participant for actor filters: the lexicon id, else the lowercased English
    # name, else the normalized Arabic text; event_date is copied so the index also orders.
    Column("actor_key", Text, nullable=False),
    Column("text_norm", Text, nullable=False),  # normalize(text): Arabic names as written
    Column("event_date", String(10)),
    Index("ix_participants_key_date", "actor_key", "event_date"),
    Index("ix_participants_text_date", "text_norm", "event_date"),
)

event_mentions = Table(
    "event_mentions", metadata,
    Column("event_id", ID, ForeignKey("events.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("article_id", ID, ForeignKey("articles.id"), nullable=False),
    Column("kind", String(16), nullable=False),  # trigger | support
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("field", String(8), nullable=False),
    Index("ix_event_mentions_article", "article_id"),
)

event_merges = Table(
    "event_merges", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("cluster_id", ID, ForeignKey("event_clusters.id"), nullable=False),
    Column("event_id", ID, ForeignKey("events.id"), nullable=False),
    Column("rule", String(64), nullable=False),  # which rule put this event in the cluster
    Column("score", Float),
    Column("detail", JSON),
    Column("run_id", Integer, ForeignKey("runs.id")),
    UniqueConstraint("cluster_id", "event_id", name="uq_event_merges_cluster_event"),
    Index("ix_event_merges_event", "event_id"),
)

ingest_errors = Table(
    "ingest_errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("document", Text, nullable=False),  # the document's source (path:line, URL ...)
    Column("reason", String(64), nullable=False),
    Column("detail", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Index("ix_ingest_errors_document", "document"),
    Index("ix_ingest_errors_run", "run_id"),
)

# Saved alert filters (migration 0002): ``filter`` holds EventFilter fields as JSON; `rasd watch`
# notifies about new events matching them, the HTTP API lists, creates and deletes them.
saved_alerts = Table(
    "saved_alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("filter", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("name", name="uq_saved_alerts_name"),
)

# Duplicates (migration 0003, rasd.store.dedupe): MinHash signatures and LSH band buckets of
# articles, so near-duplicate links are found across restarts and processes; events whose
# clusters must be recomputed before the batch commits.
article_signatures = Table(
    "article_signatures", metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

article_lsh = Table(
    "article_lsh", metadata,
    Column("bucket", BigInteger, primary_key=True),
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_article_lsh_article", "article_id"),
)

recluster_queue = Table(
    "recluster_queue", metadata,
    Column("event_id", ID, primary_key=True),
)

# Work in progress (migration 0006, rasd.store.claims): the documents an ingester is analysing,
# so a second ingester on the same store skips them. A claim is deleted when its batch commits;
# one left by a killed process is taken over once its lease expires (or at once when its
# process is gone from this host or its run no longer runs).
ingest_claims = Table(
    "ingest_claims", metadata,
    Column("key", Text, primary_key=True),  # the document key (documents.key)
    Column("raw_hash", String(64), nullable=False),
    Column("source", Text),  # the document's source, to find its error if it fails
    Column("run_id", Integer, nullable=False),  # no foreign key: a claim outlives nothing
    Column("host", String(255)),
    Column("pid", Integer),
    Column("claimed_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Index("ix_ingest_claims_run", "run_id"),
)

# Watch state (migration 0004, rasd.watch): sources polled, links seen, and the alert outbox.
watch_sources = Table(
    "watch_sources", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", DateTime),
    Column("status", Integer),
    Column("error", Text),
)

watch_links = Table(
    "watch_links", metadata,
    Column("url", Text, primary_key=True),
    Column("source_url", Text, nullable=False),
    Column("seen_at", DateTime, nullable=False),
    Column("outcome", String(64), nullable=False),  # stored | unchanged | duplicate | <error reason>
    Column("article_id", ID),
)

watch_deliveries = Table(
    "watch_deliveries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("saved_alerts.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", ID, nullable=False),  # no foreign key: the alert outlives a reprocess
    Column("channel", String(300), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(16), nullable=False),  # pending | sent
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("created_at", DateTime, nullable=False),
    Column("sent_at", DateTime),
    UniqueConstraint("alert_id", "event_id", "channel", name="uq_watch_deliveries"),
    Index("ix_watch_deliveries_status", "status"),
)

# Tables holding an article's analysis, in the order they must be deleted.
ANALYSIS_TABLES = (event_participants, event_mentions, event_merges, events, mentions, sentences)
