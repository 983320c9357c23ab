"""Incremental event clusters (rasd.store.dedupe): the representatives of merge classes
(``event_merge_reps``: per cluster, or lone event, one event for each merge profile and
near-duplicate key), so a new event is compared with one event per class instead of every
stored event of its type and days; stored clusters take their new ids (the smallest member
event id) and the classes of the stored events are recorded.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_merge_reps",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("copy_key", sa.String(length=64), nullable=False),
        sa.Column("cluster_id", sa.String(length=64), nullable=True),
        sa.Column("profile", sa.String(length=32), nullable=False),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("day_number", sa.Integer(), nullable=False),
        sa.Column("trigger_norm", sa.Text(), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_event_merge_reps_window", "event_merge_reps", ["type", "status", "day", "place"])
    op.create_index("ix_event_merge_reps_copy", "event_merge_reps", ["copy_key", "type"])
    op.create_index("ix_event_merge_reps_cluster", "event_merge_reps", ["cluster_id"])
    op.create_index("ix_event_merge_reps_article", "event_merge_reps", ["article_id"])
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM events LIMIT 1")).first() is not None:
        from rasd.store.dedupe import rebuild_merge_state  # stored events: their classes, new cluster ids
        rebuild_merge_state(bind)


def downgrade() -> None:
    for name in ("article", "cluster", "copy", "window"):
        op.drop_index(f"ix_event_merge_reps_{name}", table_name="event_merge_reps")
    op.drop_table("event_merge_reps")
