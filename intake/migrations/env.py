"""Alembic runs the migrations against the URL the store passes in its config."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from intake.models import Base

config = context.config
connectable = create_engine(config.get_main_option("sqlalchemy.url") or "")
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
connectable.dispose()
