"""Duplicates: MinHash signatures and LSH buckets of articles (near-duplicate links survive
restarts and work across processes), the cluster head flag on events (one row per happening),
and the queue of events whose clusters must be recomputed at the end of a batch.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_table(
        "article_lsh",
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("bucket", "article_id"),
    )
    op.create_index("ix_article_lsh_article", "article_lsh", ["article_id"])
    op.create_table(
        "recluster_queue",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    # A plain ADD COLUMN (not a batch table copy): copying ``events`` on SQLite would drop the
    # FTS5 triggers of migration 0001 and leave the text index silently stale.
    op.add_column("events", sa.Column("cluster_head", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_index("ix_events_cluster_head_date", "events", ["cluster_head", "event_date"])


def downgrade() -> None:
    op.drop_index("ix_events_cluster_head_date", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("cluster_head")
    op.drop_table("recluster_queue")
    op.drop_index("ix_article_lsh_article", table_name="article_lsh")
    op.drop_table("article_lsh")
    op.drop_table("article_signatures")
