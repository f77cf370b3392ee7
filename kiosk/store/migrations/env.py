"""Alembic's entry point: migrate the engine the kiosk handed over, inside one transaction."""

from alembic import context

from kiosk.store.models import Base

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        if (
            connection.dialect.name == "postgresql"
        ):  # kiosks starting together after an upgrade take turns
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7238561)")
        context.run_migrations()
    connection.commit()
