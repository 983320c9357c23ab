"""An index for the "top" / "-sources" order within one type (type, n_sources, fatalities,
event_date), so that a page of one type, most sources first, is an index walk instead of a sort
of every event of that type.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_type_rank", "events", ["type", "n_sources", "fatalities", "event_date"])


def downgrade() -> None:
    op.drop_index("ix_events_type_rank", table_name="events")
