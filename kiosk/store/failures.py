"""What a patient's event meeting the store can end in: refused, held up by another writer, or
not stored for another reason (the patient may tap again in each case)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from kiosk.store.database import is_busy


class RecordError(Exception):
    """An event the record refuses (for example a briefing that is not there or already finished)."""


class StoreBusy(RecordError):
    """Another writer held the database for longer than the tap's wait: nothing was stored; the
    same event may be tried again."""


def not_saved(exc: BaseException) -> bool:
    """Whether an error means the store did not take a change (the patient may tap again)."""
    return isinstance(exc, RecordError | SQLAlchemyError | OSError)


def busy(exc: BaseException) -> bool:
    """Whether a patient's event was not stored only because another program held the database
    (the same tap is tried again while the screen says it is saving)."""
    return isinstance(exc, StoreBusy)


@contextmanager
def held_up_as_busy() -> Iterator[None]:
    """A write that met a database another writer held past its wait raises StoreBusy (the same
    intent may be tried again); any other error as it was."""
    try:
        yield
    except OperationalError as exc:
        if is_busy(exc):
            raise StoreBusy("another program held the database") from exc
        raise
