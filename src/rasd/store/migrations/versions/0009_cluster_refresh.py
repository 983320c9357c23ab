"""Clusters whose members' n_sources an ingest writes at the end of its run
(``event_cluster_refresh``, rasd.store.dedupe.refresh_cluster_sizes); and, for a store migrated
to 0008 before its class rows carried what merging compares (actors, point, day, trigger,
evidence), those rows rebuilt.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_cluster_refresh",
        sa.Column("cluster_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("cluster_id"),
    )
    bind = op.get_bind()
    columns = {c["name"] for c in sa.inspect(bind).get_columns("event_merge_reps")}
    if "evidence" not in columns:  # 0008 as first committed: add the columns, rebuild the rows
        op.execute("DELETE FROM event_merge_reps")
        for name, type_ in (("actors", sa.Text()), ("lat", sa.Float()), ("lon", sa.Float()),
                            ("day_number", sa.Integer()), ("trigger_norm", sa.Text()),
                            ("trigger_text", sa.Text()), ("evidence", sa.Text())):
            nullable = name in ("lat", "lon")
            op.add_column("event_merge_reps", sa.Column(name, type_, nullable=nullable,
                                                        server_default=None if nullable else sa.text("''")))
        if bind.execute(sa.text("SELECT 1 FROM events LIMIT 1")).first() is not None:
            from rasd.store.dedupe import rebuild_merge_state
            rebuild_merge_state(bind)


def downgrade() -> None:
    op.drop_table("event_cluster_refresh")
