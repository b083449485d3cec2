"""Builds carry their state: a publish runs in the background, so a version is running, succeeded or
failed, with the stage it is at and, when it failed, why."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("builds") as batch:
        batch.add_column(sa.Column("status", sa.String(16), nullable=False, server_default="succeeded"))
        batch.add_column(sa.Column("stage", sa.String(16), nullable=True))
        batch.add_column(sa.Column("error", sa.Text, nullable=True))
        batch.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("builds") as batch:
        for column in ("finished_at", "error", "stage", "status"):
            batch.drop_column(column)
