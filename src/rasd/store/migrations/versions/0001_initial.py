"""Initial schema: articles, documents, analysis layers, events, runs, ingest errors.

Also the text indexes on the normalized event text: FTS5 with the trigram tokenizer on SQLite
(kept in step with ``events`` by triggers), pg_trgm on PostgreSQL. Both are optional extras:
when the database lacks them, text queries fall back to a scan (correct, slower).

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE events_fts USING fts5(text_norm, content='events', content_rowid='seq', "
    "tokenize='trigram')",
    "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, text_norm) VALUES (new.seq, new.text_norm); END",
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, text_norm) VALUES ('delete', old.seq, old.text_norm); END",
    "CREATE TRIGGER events_fts_update AFTER UPDATE OF text_norm ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, text_norm) VALUES ('delete', old.seq, old.text_norm); "
    "INSERT INTO events_fts(rowid, text_norm) VALUES (new.seq, new.text_norm); END",
]


def _sqlite_has_trigram_fts(bind) -> bool:
    options = {row[0] for row in bind.exec_driver_sql("PRAGMA compile_options")}
    version = tuple(int(p) for p in bind.exec_driver_sql("select sqlite_version()").scalar().split("."))
    return "ENABLE_FTS5" in options and version >= (3, 34, 0)


def _create_text_indexes() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and _sqlite_has_trigram_fts(bind):
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        available = bind.exec_driver_sql(
            "select 1 from pg_available_extensions where name = 'pg_trgm'").scalar()
        if available:
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            op.execute("CREATE INDEX ix_events_text_trgm ON events USING gin (text_norm gin_trgm_ops)")


def _drop_text_indexes() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("events_fts_insert", "events_fts_delete", "events_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS events_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_events_text_trgm")


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.String(length=255), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('name_ar', sa.Text(), nullable=True),
    sa.Column('name_norm', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=8), nullable=True),
    sa.Column('sector', sa.String(length=64), nullable=True),
    sa.Column('acled_type', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('places',
    sa.Column('id', sa.String(length=255), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('name_ar', sa.Text(), nullable=True),
    sa.Column('name_norm', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('pcode', sa.String(length=32), nullable=True),
    sa.Column('precision', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('code_version', sa.String(length=64), nullable=False),
    sa.Column('lexicon_version', sa.String(length=64), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=True),
    sa.Column('pid', sa.Integer(), nullable=True),
    sa.Column('arguments', sa.JSON(), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('articles',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('external_id', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('correspondent', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('category', sa.Text(), nullable=True),
    sa.Column('exclusive', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_norm', sa.Text(), nullable=False),
    sa.Column('meta', sa.JSON(), nullable=True),
    sa.Column('canonical_article_id', sa.String(length=64), nullable=True),
    sa.Column('duplicate_similarity', sa.Float(), nullable=True),
    sa.Column('code_version', sa.String(length=64), nullable=False),
    sa.Column('lexicon_version', sa.String(length=64), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('stored_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['canonical_article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_articles_canonical', 'articles', ['canonical_article_id'], unique=False)
    op.create_index('ix_articles_published', 'articles', ['published'], unique=False)
    op.create_index('ix_articles_versions', 'articles', ['code_version', 'lexicon_version'], unique=False)
    op.create_table('event_clusters',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('canonical_event_id', sa.String(length=64), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('ingest_errors',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_ingest_errors_document', 'ingest_errors', ['document'], unique=False)
    op.create_index('ix_ingest_errors_run', 'ingest_errors', ['run_id'], unique=False)
    op.create_table('documents',
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('raw_hash', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('external_id', sa.Text(), nullable=True),
    sa.Column('first_run_id', sa.Integer(), nullable=True),
    sa.Column('last_run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['first_run_id'], ['runs.id'], ),
    sa.ForeignKeyConstraint(['last_run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index('ix_documents_article', 'documents', ['article_id'], unique=False)
    op.create_table('events',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('coder_id', sa.Text(), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('mode', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=False),
    sa.Column('trigger_end', sa.Integer(), nullable=False),
    sa.Column('trigger_text', sa.Text(), nullable=False),
    sa.Column('trigger_field', sa.String(length=8), nullable=False),
    sa.Column('location_text', sa.Text(), nullable=True),
    sa.Column('location_name_ar', sa.Text(), nullable=True),
    sa.Column('location_name_en', sa.Text(), nullable=True),
    sa.Column('location_norm', sa.Text(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('admin1_key', sa.Text(), nullable=True),
    sa.Column('pcode', sa.String(length=32), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('event_date', sa.String(length=10), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('injuries', sa.Integer(), nullable=True),
    sa.Column('attributed_to', sa.Text(), nullable=True),
    sa.Column('acled', sa.JSON(), nullable=True),
    sa.Column('quad_code', sa.Integer(), nullable=True),
    sa.Column('event_scale', sa.String(length=32), nullable=True),
    sa.Column('note_en', sa.Text(), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=True),
    sa.Column('code_version', sa.String(length=64), nullable=False),
    sa.Column('lexicon_version', sa.String(length=64), nullable=False),
    sa.Column('text_norm', sa.Text(), nullable=False),
    sa.Column('extra', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.String(length=64), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['cluster_id'], ['event_clusters.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('id')
    )
    op.create_index('ix_events_admin1_date', 'events', ['admin1_key', 'event_date'], unique=False)
    op.create_index('ix_events_article', 'events', ['article_id'], unique=False)
    op.create_index('ix_events_cluster', 'events', ['cluster_id'], unique=False)
    op.create_index('ix_events_date', 'events', ['event_date'], unique=False)
    op.create_index('ix_events_location_norm', 'events', ['location_norm'], unique=False)
    op.create_index('ix_events_pcode', 'events', ['pcode'], unique=False)
    op.create_index('ix_events_rank', 'events', ['n_sources', 'fatalities', 'event_date'], unique=False)
    op.create_index('ix_events_type_admin1_date', 'events', ['type', 'admin1_key', 'event_date'], unique=False)
    op.create_table('mentions',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('entity_id', sa.String(length=255), nullable=True),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('name_ar', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=8), nullable=True),
    sa.Column('sector', sa.String(length=64), nullable=True),
    sa.Column('acled_type', sa.Integer(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('pcode', sa.String(length=32), nullable=True),
    sa.Column('precision', sa.Integer(), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('rule', sa.String(length=255), nullable=True),
    sa.Column('qualifier', sa.String(length=32), nullable=True),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=8), nullable=False),
    sa.Column('extra', sa.JSON(none_as_null=True), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.PrimaryKeyConstraint('article_id', 'idx')
    )
    op.create_index('ix_mentions_entity', 'mentions', ['entity_id'], unique=False)
    op.create_table('removed_lines',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.PrimaryKeyConstraint('article_id', 'idx')
    )
    op.create_table('sentences',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('paragraph', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.PrimaryKeyConstraint('article_id', 'idx')
    )
    op.create_table('event_mentions',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('field', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.PrimaryKeyConstraint('event_id', 'idx')
    )
    op.create_index('ix_event_mentions_article', 'event_mentions', ['article_id'], unique=False)
    op.create_table('event_merges',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('cluster_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('rule', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['event_clusters.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cluster_id', 'event_id', name='uq_event_merges_cluster_event')
    )
    op.create_index('ix_event_merges_event', 'event_merges', ['event_id'], unique=False)
    op.create_table('event_participants',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.String(length=255), nullable=True),
    sa.Column('country', sa.String(length=8), nullable=True),
    sa.Column('sector', sa.String(length=64), nullable=True),
    sa.Column('acled_type', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('actor_key', sa.Text(), nullable=False),
    sa.Column('text_norm', sa.Text(), nullable=False),
    sa.Column('event_date', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.PrimaryKeyConstraint('event_id', 'role', 'idx')
    )
    op.create_index('ix_participants_key_date', 'event_participants', ['actor_key', 'event_date'], unique=False)
    op.create_index('ix_participants_text_date', 'event_participants', ['text_norm', 'event_date'], unique=False)
    _create_text_indexes()


def downgrade() -> None:
    _drop_text_indexes()
    op.drop_index('ix_participants_text_date', table_name='event_participants')
    op.drop_index('ix_participants_key_date', table_name='event_participants')
    op.drop_table('event_participants')
    op.drop_index('ix_event_merges_event', table_name='event_merges')
    op.drop_table('event_merges')
    op.drop_index('ix_event_mentions_article', table_name='event_mentions')
    op.drop_table('event_mentions')
    op.drop_table('sentences')
    op.drop_table('removed_lines')
    op.drop_index('ix_mentions_entity', table_name='mentions')
    op.drop_table('mentions')
    op.drop_index('ix_events_type_admin1_date', table_name='events')
    op.drop_index('ix_events_rank', table_name='events')
    op.drop_index('ix_events_pcode', table_name='events')
    op.drop_index('ix_events_location_norm', table_name='events')
    op.drop_index('ix_events_date', table_name='events')
    op.drop_index('ix_events_cluster', table_name='events')
    op.drop_index('ix_events_article', table_name='events')
    op.drop_index('ix_events_admin1_date', table_name='events')
    op.drop_table('events')
    op.drop_index('ix_documents_article', table_name='documents')
    op.drop_table('documents')
    op.drop_index('ix_ingest_errors_run', table_name='ingest_errors')
    op.drop_index('ix_ingest_errors_document', table_name='ingest_errors')
    op.drop_table('ingest_errors')
    op.drop_table('event_clusters')
    op.drop_index('ix_articles_versions', table_name='articles')
    op.drop_index('ix_articles_published', table_name='articles')
    op.drop_index('ix_articles_canonical', table_name='articles')
    op.drop_table('articles')
    op.drop_table('runs')
    op.drop_table('places')
    op.drop_table('actors')
