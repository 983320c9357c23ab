"""Alembic environment: always run by ``rasd.store.migrate`` on an open connection in a transaction."""
from alembic import context

from rasd.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
