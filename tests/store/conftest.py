"""Store fixtures: every store test runs on SQLite and on PostgreSQL, each test on a fresh database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from kiosk.store import Store, open_store

PG_ENV = "KIOSK_TEST_POSTGRES_URL"
"""An admin URL of a PostgreSQL server on loopback (`.ci/postgres` starts one and prints it)."""


def postgres_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(
                f"{PG_ENV} is not set: CI must run the store tests on PostgreSQL too (see .ci/postgres)"
            )
        pytest.skip(
            f"no PostgreSQL server: run `eval $(bash .ci/postgres)` to test on it ({PG_ENV})"
        )
    return url


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    admin = postgres_admin_url()
    assert admin is not None
    name = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for a fresh, empty database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"
    url: str = request.getfixturevalue("fresh_postgres")
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, migrated store on each engine."""
    opened = open_store(db_url, "kiosk-test")
    yield opened
    opened.close()
