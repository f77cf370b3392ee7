"""The audit log: append-only in the database itself, and any edit or removal named by the chain walk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from kiosk.store import Store, audit, open_store

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def fill(store: Store, rows: int = 5) -> None:
    for n in range(rows):
        with store.sessions.begin() as s:
            audit.append(
                s,
                at=T0 + timedelta(seconds=n, microseconds=n * 7),
                kiosk_id=store.kiosk_id,
                actor="Nurse Lee" if n % 2 else "patient",
                action=f"action_{n}",
                subject=f"briefing:{n}",
                detail={"n": n, "note": "ünïcode ✓"},
            )


def verify(store: Store) -> audit.ChainReport:
    with store.sessions() as s:
        return audit.verify(s)


def bypass_guards(store: Store) -> None:
    """What someone with direct access to the database could do: switch the guards off."""
    with store.engine.begin() as conn:
        if store.is_sqlite:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))


def test_a_fresh_chain_verifies(store: Store) -> None:
    assert verify(store) == audit.ChainReport(0, audit.GENESIS)
    fill(store)
    report = verify(store)
    assert report.ok and report.rows == 5
    with store.sessions() as s:
        assert audit.head(s) == report.head


def test_times_in_other_zones_are_hashed_as_stored(store: Store) -> None:
    with store.sessions.begin() as s:
        audit.append(
            s,
            at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC).astimezone(),
            kiosk_id="k",
            actor="a",
            action="x",
            subject="s",
        )
    assert verify(store).ok


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"]
)
def test_the_database_refuses_changes(store: Store, statement: str) -> None:
    fill(store, 2)
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text(statement))
    assert verify(store).rows == 2


def test_truncate_is_refused_on_postgresql(fresh_postgres: str) -> None:
    store = open_store(
        fresh_postgres, "kiosk-test"
    )  # SQLite has no TRUNCATE; its DELETE is refused above
    try:
        fill(store, 1)
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_log"))
    finally:
        store.close()


@pytest.mark.parametrize("table", ["risk_acknowledgements", "comprehension_answers", "signatures"])
def test_the_record_tables_are_append_only_too(store: Store, table: str) -> None:
    for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
        with store.engine.begin() as conn:
            conn.execute(text(statement))  # no rows: nothing to refuse yet
    # the guard is a trigger on each table, listed by the database itself
    with store.engine.connect() as conn:
        if store.is_sqlite:
            names = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name=:t"),
                {"t": table},
            )
        else:
            names = conn.execute(
                text("SELECT tgname FROM pg_trigger WHERE tgrelid = CAST(:t AS regclass)"),
                {"t": table},
            )
        assert {n for (n,) in names} >= (
            {f"{table}_no_update", f"{table}_no_delete"}
            if store.is_sqlite
            else {f"{table}_append_only"}
        )


def test_an_edited_row_is_named(store: Store) -> None:
    fill(store)
    bypass_guards(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET detail = :d WHERE seq = 3"), {"d": '{"n":99}'})
    report = verify(store)
    assert (report.broken_at, report.reason) == (
        3,
        "its contents do not match its hash (the row was edited)",
    )


def test_an_edited_row_with_a_recomputed_hash_breaks_the_next_link(store: Store) -> None:
    fill(store)
    bypass_guards(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET hash = :h WHERE seq = 2"), {"h": "f" * 64})
    report = verify(store)
    assert report.broken_at == 2  # its own hash no longer fits its contents
    assert not report.ok


def test_a_removed_row_is_named(store: Store) -> None:
    fill(store)
    bypass_guards(store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 4"))
    report = verify(store)
    assert (report.broken_at, report.reason) == (5, "row 4 is missing (the next row is 5)")


def test_a_relinked_row_is_named(store: Store) -> None:
    fill(store)
    bypass_guards(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET prev_hash = :h WHERE seq = 2"), {"h": "a" * 64})
    report = verify(store)
    assert report.broken_at == 2
    assert "link to the previous row" in report.reason
