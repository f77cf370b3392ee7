"""A database error's cause in the log names tables, columns and constraints, never a value given:
on SQLite, the embedded default (the PostgreSQL side is tests/cli/test_database_rights.py)."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from kiosk.cli.causes import DatabaseCause, database_cause

SECRET = "Ana Ruiz 1951-03-14"


def refused(sql: str) -> sqlite3.Error:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE p (name TEXT UNIQUE NOT NULL, born TEXT CHECK (born > '1900'))")
    con.execute("INSERT INTO p VALUES (?, '1951-03-14')", (SECRET,))
    with pytest.raises(sqlite3.Error) as caught:
        con.execute(sql, (SECRET,) if "?" in sql else ())
    return caught.value


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        ("INSERT INTO p VALUES (?, '1951-03-14')", "UNIQUE constraint failed: p.name"),
        ("INSERT INTO p VALUES (NULL, ?)", "NOT NULL constraint failed: p.name"),
        ("INSERT INTO p VALUES ('x', '1850-01-01')", "CHECK constraint failed"),
        ("INSERT INTO nowhere VALUES (?)", "no such table: nowhere"),
    ],
    ids=["unique", "not-null", "check", "no-table"],
)
def test_a_sqlite_refusal_is_named_without_the_values_given(sql: str, said: str) -> None:
    cause = database_cause(refused(sql))
    assert cause is not None and cause.startswith("SQLite ") and said in cause
    assert "Ana" not in cause and "1951" not in cause and "1850" not in cause


def test_the_log_line_carries_the_cause_of_the_error_being_handled(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = logging.getLogger("kiosk.test-causes")
    caplog.handler.addFilter(DatabaseCause())
    with caplog.at_level(logging.WARNING, logger=log.name):
        try:
            raise refused("INSERT INTO p VALUES (?, '1951-03-14')")
        except sqlite3.Error:
            log.warning("the briefing could not be saved")
    (record,) = caplog.records
    assert record.getMessage().startswith("the briefing could not be saved [SQLite ")
    assert "UNIQUE constraint failed: p.name" in record.getMessage()
    assert "Ana" not in record.getMessage()
