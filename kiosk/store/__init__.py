"""The record store: SQLAlchemy models, Alembic migrations, the event recorder and the audit chain (no Qt)."""

from kiosk.store.database import Store, StoreError, open_store
from kiosk.store.failures import RecordError
from kiosk.store.recorder import Recorder
from kiosk.store.rules import InputError

__all__ = ["InputError", "RecordError", "Recorder", "Store", "StoreError", "open_store"]
