"""Watch state: polled sources (ETag, Last-Modified, when), links seen, and the alert outbox
(one row per saved alert, event and notification channel; 'sent' rows are never sent again).

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-04
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("checked_at", sa.DateTime()),
        sa.Column("status", sa.Integer()),
        sa.Column("error", sa.Text()),
        sa.PrimaryKeyConstraint("url"),
    )
    op.create_table(
        "watch_links",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=64)),
        sa.PrimaryKeyConstraint("url"),
    )
    op.create_table(
        "watch_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=300), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime()),
        sa.ForeignKeyConstraint(["alert_id"], ["saved_alerts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alert_id", "event_id", "channel", name="uq_watch_deliveries"),
    )
    op.create_index("ix_watch_deliveries_status", "watch_deliveries", ["status"])


def downgrade() -> None:
    op.drop_index("ix_watch_deliveries_status", table_name="watch_deliveries")
    op.drop_table("watch_deliveries")
    op.drop_table("watch_links")
    op.drop_table("watch_sources")
