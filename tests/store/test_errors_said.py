"""What a database error or a schema behind the code means is one sentence that says what to do:
a PostgreSQL role without a right is not an unreachable server, a missing table is a schema to
bring up to date, a command leaves an old schema as it found it, and no password shows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import psycopg.errors
import pytest
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from kiosk.store import StoreError
from kiosk.store.database import (
    SCHEMA_HEAD,
    describe_error,
    make_engine,
    migrate,
    open_store,
    place_of,
)

PG = "postgresql+psycopg://kiosk_app:secret@db.clinic.local/kiosk"
README = "under Several kiosks on one PostgreSQL server"


def raised(error: Exception) -> DBAPIError:
    """The error as SQLAlchemy hands it to the kiosk."""
    return ProgrammingError("SELECT 1", {}, error)


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        (
            "must be owner of table briefings",
            "the role kiosk_app may not bring the schema up to this kiosk version's (must be owner "
            "of table briefings); have the tables' owner run `kiosk init` (the owner's init in the "
            f"README, {README}).",
        ),
        (
            "permission denied for schema public",
            "the role kiosk_app may not make or use tables here (permission denied for schema "
            "public); have the tables' owner run `kiosk init` (the owner's init in the README, "
            f"{README}), then give the role kiosk_app the README's GRANTs ({README}).",
        ),
        (
            "permission denied for table alembic_version",
            "the role kiosk_app lacks a right the kiosk needs (permission denied for table "
            f"alembic_version); as the tables' owner run the README's GRANTs ({README}) (`kiosk "
            "doctor` names each right missing).",
        ),
    ],
)
def test_a_right_the_role_lacks_is_not_an_unreachable_server(reason: str, said: str) -> None:
    sentence = describe_error(PG, raised(psycopg.errors.InsufficientPrivilege(reason)))
    assert (
        sentence == f"database_url postgresql+psycopg://kiosk_app:***@db.clinic.local/kiosk: {said}"
    )
    assert "cannot reach" not in sentence and "secret" not in sentence


def test_a_missing_relation_is_a_schema_behind_the_code() -> None:
    sentence = describe_error(
        PG, raised(psycopg.errors.UndefinedTable('relation "signers" does not exist'))
    )
    assert sentence.endswith(
        ": the database's schema is behind this kiosk version's (relation \"signers\" does not "
        "exist); have the tables' owner run `kiosk init` (the owner's init in the README, "
        f"{README})."
    )


def test_a_missing_sqlite_table_says_run_init(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "kiosk.db"
    error = OperationalError("SELECT 1", {}, sqlite3.OperationalError("no such table: signers"))
    assert describe_error(f"sqlite:///{path}", error) == (
        f"{path}: the database's schema is behind this kiosk version's (no such table: signers); "
        "run `kiosk init` (the records in it are kept)."
    )


def test_an_unreachable_server_is_still_said_so() -> None:
    error = psycopg.OperationalError("connection refused")
    assert "cannot reach the database (connection refused)" in describe_error(PG, raised(error))


def test_a_password_with_an_unencoded_at_is_hidden_whole() -> None:
    url = "postgresql+psycopg://kiosk_app:choose@another@localhost:55441/kiosk"
    assert str(place_of(url)) == "postgresql+psycopg://kiosk_app:***@localhost:55441/kiosk"
    engine = make_engine(url)
    try:
        assert str(place_of(engine.url)) == (
            "postgresql+psycopg://kiosk_app:***@localhost:55441/kiosk"
        )
    finally:
        engine.dispose()


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.parametrize(("revision", "said"), [("0004", "its schema is at 0004"), (None, "")])
def test_a_command_refuses_a_schema_behind_and_leaves_it_as_it_was(
    tmp_path: Path, revision: str | None, said: str
) -> None:
    path = tmp_path / "data" / "kiosk.db"
    path.parent.mkdir()
    engine = make_engine(f"sqlite:///{path}")
    if revision:
        migrate(engine, revision)  # a backup made before the upgrade, restored after it
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE unrelated (x)")
    engine.dispose()
    before = fingerprint(path.parent)
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{path}", "k", create=False, at_head=True)
    if revision:
        assert str(caught.value) == (
            f"{path}: {said}, this version needs {SCHEMA_HEAD}; run `kiosk init` (the records "
            "in it are kept)."
        )
    else:
        assert (
            str(caught.value) == f"{path}: the database has no kiosk tables yet; run `kiosk init`."
        )
    assert fingerprint(path.parent) == before
    open_store(f"sqlite:///{path}", "k", create=False).close()  # as before: it opens, unchecked
