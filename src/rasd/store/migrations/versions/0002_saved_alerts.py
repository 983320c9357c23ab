"""Saved alert filters: what `rasd watch` notifies about, managed through the HTTP API too.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("filter", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", name="uq_saved_alerts_name"),
    )


def downgrade() -> None:
    op.drop_table("saved_alerts")
