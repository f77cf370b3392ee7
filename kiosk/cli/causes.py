"""A database error's cause in the log, without a patient's details.

Where the kiosk, the desk or a command fails to save or read, it logs a sentence and the error's
type only, since a database error's text can quote the values it was given (a name, a date of
birth). That leaves IT without the cause ("permission denied for table content_pictures"). The
filter here adds to a warning or error logged while a database error is being handled what of it
quotes no value: PostgreSQL's SQLSTATE code, the table, column or constraint it names, and its
first line for the kinds of error whose first line never quotes a value (a missing right, a broken
constraint, a lost connection, a lock); SQLite's error name and first line, which name tables and
columns only. A data error's first line ("invalid input syntax for type date: …") is never added.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sqlite3
import sys
from collections.abc import Callable, Iterable

from sqlalchemy.exc import DBAPIError

WORDS_WITHOUT_VALUES = ("08", "23", "25", "40", "42", "53", "55", "57", "58", "P0")
"""The SQLSTATE classes whose first line names objects, never the values given: connection,
integrity constraint, transaction state, rollback, syntax or access rule, resources, object state,
operator intervention, system error, and the append-only guards' RAISE. (Class 22, data errors,
quotes the value it could not take.)"""
LONGEST = 200


def database_cause(exc: BaseException | None) -> str | None:
    """What may be logged of the database error behind `exc` (its causes are followed); None when
    there is none."""
    seen = 0
    while exc is not None and seen < 5:
        orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        if isinstance(orig, sqlite3.Error):
            name = getattr(orig, "sqlite_errorname", type(orig).__name__)
            return f"SQLite {name}: {_first_line(orig)}"
        code = getattr(orig, "sqlstate", None)
        if isinstance(code, str):
            return _postgresql(orig, code)
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:LONGEST] if lines else type(exc).__name__


def _postgresql(orig: BaseException, code: str) -> str:
    diag = getattr(orig, "diag", None)
    named = [
        f"{what} {value}"
        for what in ("table", "column", "constraint")
        if (value := getattr(diag, f"{what}_name", None))
    ]
    primary = getattr(diag, "message_primary", None) or ""
    said = (
        f": {primary.splitlines()[0][:LONGEST]}"
        if primary and code[:2] in WORDS_WITHOUT_VALUES
        else ""
    )
    return f"PostgreSQL {code}{said}" + (f" ({', '.join(named)})" if named else "")


class DatabaseCause(logging.Filter):
    """Adds `database_cause` of the error being handled to each warning or error logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or getattr(record, "database_cause", None):
            return True
        cause = database_cause(sys.exc_info()[1])
        if cause:
            record.msg = f"{record.getMessage()} [{cause}]"
            record.args = None
            record.database_cause = cause
        return True


def explain_database_errors(handlers: Iterable[logging.Handler]) -> None:
    """Give the log's handlers the filter (the kiosk's, the desk's and every command's)."""
    for handler in handlers:
        handler.addFilter(DatabaseCause())


Command = Callable[[argparse.Namespace], int]


def said_in_one_sentence(run: Command) -> Command:
    """A command whose database errors end it in one sentence (a StoreError naming database_url or
    the file, and what to do), never a traceback: a table the role may not read, one the schema
    lacks. The error stays the sentence's cause, so the log still gets its SQLSTATE."""

    @functools.wraps(run)
    def said(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except DBAPIError as exc:
            from kiosk.config import load_config
            from kiosk.store.database import StoreError, describe_error

            raise StoreError(describe_error(load_config(args.config).database_url, exc)) from exc

    return said
