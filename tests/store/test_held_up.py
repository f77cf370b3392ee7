"""A patient's event that meets a database another program holds waits only a moment, on both
engines, and fails as StoreBusy with nothing stored; the same event is stored once the lock is let go."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from kiosk.session import ScreenKind
from kiosk.session.signers import InterpreterMode, Signer, SignerKind
from kiosk.store import Store, audit, database
from kiosk.store.audit import _PG_AUDIT_LOCK
from kiosk.store.failures import StoreBusy, busy, not_saved
from kiosk.store.models import RiskAcknowledgement, SignerRow
from kiosk.store.planned import StoreCosigners
from tests.session.fakes import FakeClock
from tests.store.briefed import count, prepared, walk_to


def chain(store: Store) -> audit.ChainReport:
    with store.sessions() as s:
        return audit.verify(s)


@contextmanager
def held(store: Store) -> Iterator[None]:
    """Another writer holds the database: SQLite's write lock, PostgreSQL's audit-chain lock."""
    path = database.sqlite_path(str(store.engine.url))
    if path is not None:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    with store.engine.connect() as conn, conn.begin():
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
        yield


def test_a_held_database_fails_a_patient_event_at_once_as_busy_and_nothing_is_stored(
    store: Store,
) -> None:
    clock = FakeClock()
    b = prepared(store, clock, wait_ms=100)
    walk_to(b, ScreenKind.RISK)
    b.read_to_end()
    acks, rows = count(store, RiskAcknowledgement), chain(store).rows
    with held(store):
        start = time.monotonic()
        with pytest.raises(StoreBusy) as caught:
            b.acknowledge_risk()
        waited = time.monotonic() - start
    assert busy(caught.value) and not_saved(caught.value)
    assert waited < database.BUSY_TIMEOUT_MS / 1000 / 2  # a moment, not the busy timeout
    assert b.current.id not in b.acknowledgements  # the flow did not move
    assert count(store, RiskAcknowledgement) == acks and chain(store).rows == rows
    b.acknowledge_risk()  # let go: the same tap is stored
    assert count(store, RiskAcknowledgement) == acks + 1
    assert chain(store).ok


def test_after_a_short_wait_the_connection_waits_as_long_as_before(store: Store) -> None:
    """Only the patient's event waited briefly: the pooled connection it used is back to the
    store's own wait (SQLite's busy timeout; PostgreSQL's lock_timeout was for that transaction)."""
    clock = FakeClock()
    b = prepared(store, clock, wait_ms=100)
    walk_to(b, ScreenKind.RISK)
    b.read_to_end()
    b.acknowledge_risk()
    sqlite = database.sqlite_path(str(store.engine.url)) is not None
    with store.engine.connect() as conn:  # the pool's connection, used by the tap just now
        wait = conn.exec_driver_sql("PRAGMA busy_timeout" if sqlite else "SHOW lock_timeout")
        assert str(wait.scalar_one()) == (str(database.BUSY_TIMEOUT_MS) if sqlite else "0")


def test_an_error_that_is_not_a_held_database_is_not_busy() -> None:
    assert not busy(OSError("No space left on device"))
    assert not database.is_busy(sqlite3.OperationalError("database or disk is full"))
    assert database.is_busy(sqlite3.OperationalError("database is locked"))


def test_an_interpreter_attesting_on_a_held_database_fails_as_busy_and_is_stored_after(
    store: Store,
) -> None:
    """The steps after signing wait as briefly as the patient's taps (kiosk.store.planned)."""
    clock = FakeClock()
    b = prepared(store, clock)
    walk_to(b, ScreenKind.RISK)  # under way: a signer may be added
    cosigners = StoreCosigners(store, b.briefing_id, clock, wait_ms=100)
    interpreter = Signer(
        SignerKind.INTERPRETER, "Marta Gil", clock.now(), interpreter_id="LL-7781",
        language="es", mode=InterpreterMode.PHONE,
    )  # fmt: skip
    with held(store), pytest.raises(StoreBusy):
        cosigners.add(interpreter)
    assert count(store, SignerRow) == 0
    cosigners.add(interpreter)
    assert count(store, SignerRow) == 1 and chain(store).ok
