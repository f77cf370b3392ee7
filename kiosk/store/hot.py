"""Statements run on every tap: compiled once and, on SQLite, run straight on the driver's connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Insert, Select, Update
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.exc import DBAPIError


class HotStatement:
    """A Core statement compiled once and, on SQLite, run straight on the driver's connection.

    The kiosk records an event on every tap; SQLAlchemy's per-call work (compiled-cache lookup,
    bind and result processing) costs more there than SQLite's own commit. Inside the same
    transaction (same connection, BEGIN IMMEDIATE already issued) this binds values in the
    statement's order, with times as SQLAlchemy stores them on SQLite, so the rows are identical;
    other engines run the statement through Core as usual.
    """

    def __init__(self, statement: Select[*tuple[Any, ...]] | Insert | Update) -> None:
        self.statement = statement
        compiled = statement.compile(dialect=sqlite_dialect.dialect())
        self._sql = compiled.string
        self._order = list(compiled.positiontup or [])
        self._fixed = dict(compiled.params)

    def first(self, conn: Connection, values: dict[str, Any] | None = None) -> Sequence[Any] | None:
        """Run it; the first row (indexable), or None."""
        values = values or {}
        if conn.dialect.name != "sqlite":
            result = conn.execute(self.statement, values)
            return result.first() if result.returns_rows else None
        try:
            row: Sequence[Any] | None = (
                _driver(conn).execute(self._sql, self._params(values)).fetchone()
            )
        except sqlite3.Error as exc:  # a full disk, say
            raise wrapped(self._sql, exc) from exc
        return row

    def many(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        """Run it once for each of `rows` (an INSERT of several rows), in one call."""
        if not rows:
            return
        if conn.dialect.name != "sqlite":
            conn.execute(self.statement, list(rows))
            return
        try:
            _driver(conn).executemany(self._sql, [self._params(row) for row in rows])
        except sqlite3.Error as exc:
            raise wrapped(self._sql, exc) from exc

    def _params(self, values: dict[str, Any]) -> list[Any]:
        """The values in the statement's order, as SQLAlchemy stores them on SQLite."""
        return [
            _sqlite_value(values[name] if name in values else self._fixed[name])
            for name in self._order
        ]


def _driver(conn: Connection) -> sqlite3.Connection:
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def driver_rows(
    conn: Connection, statement: Select[*tuple[Any, ...]], size: int = 1000
) -> Iterator[Sequence[Any]]:
    """Every row of a SELECT with the driver's own values, a batch at a time: on SQLite straight
    from sqlite3 (times and dates as the text SQLite holds, no per-value conversion), elsewhere
    through Core as usual. For reads of thousands of rows (an export), in the caller's
    transaction."""
    if conn.dialect.name != "sqlite":
        result = conn.execute(statement)
        while batch := result.fetchmany(size):
            yield from batch
        return
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = [_sqlite_value(compiled.params[name]) for name in compiled.positiontup or []]
    try:
        cursor = _driver(conn).execute(compiled.string, params)
        while batch := cursor.fetchmany(size):
            yield from batch
    except sqlite3.Error as exc:
        raise wrapped(compiled.string, exc) from exc


def wrapped(statement: str, exc: sqlite3.Error) -> Exception:
    """A driver error raised outside SQLAlchemy's own calls, as SQLAlchemy would have raised it
    (sqlalchemy.exc.OperationalError for "database is locked" or "database or disk is full"), so
    whoever catches the store's errors catches these too; never with the values (they can be names)."""
    error = DBAPIError.instance(statement, None, exc, sqlite3.Error, hide_parameters=True)
    assert isinstance(error, Exception)
    return error


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):  # what UTCDateTime and SQLite's DATETIME store
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(value, bool):
        return int(value)
    return value
