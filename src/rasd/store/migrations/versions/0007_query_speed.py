"""Query speed (store.pages): an index for one type newest first or in a date range (type,
event_date), walked by newest-first pages of type filters, alone or with a text or actor; and on
PostgreSQL a finer statistics sample of events.text_norm (1000), so that the planner's estimate
of how many events a word matches (pages._text_windows sizes its date windows from it, and picks
a pg_trgm bitmap ANDed with a date range) is close; ANALYZE applies it at once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TEXT_STATISTICS = 1000


def upgrade() -> None:
    op.create_index("ix_events_type_date", "events", ["type", "event_date"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE events ALTER COLUMN text_norm SET STATISTICS {TEXT_STATISTICS}")
        op.execute("ANALYZE events")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE events ALTER COLUMN text_norm SET STATISTICS -1")
    op.drop_index("ix_events_type_date", table_name="events")
