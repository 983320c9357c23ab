"""Claims on documents being analysed (``ingest_claims``), so that two ingesters on one store
split the work instead of both analysing every document (rasd.store.claims).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_claims",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("raw_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_ingest_claims_run", "ingest_claims", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_ingest_claims_run", table_name="ingest_claims")
    op.drop_table("ingest_claims")
