"""Shared test set-up: no test touches a real folder, Qt runs offscreen, a small valid form to hand."""

from __future__ import annotations

import copy
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text

from kiosk.store import Store, open_store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
MILD = ROOT / "forms" / "mild" / "en.toml"


def mild_pictures(folder: Path) -> Path:
    """Copy the mild procedure's pictures into `folder`, where a copy of its form file reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    for svg in MILD.parent.glob("*.svg"):
        shutil.copy(svg, folder)
    return folder


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every folder the kiosk might write to at this test's own temporary directory."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "config" / "kiosk.toml"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/ui needs Qt: mark it, so `-m "not gui"` runs the core suite alone."""
    for item in items:
        if "ui" in Path(str(item.fspath)).relative_to(ROOT / "tests").parts[:1]:
            item.add_marker(pytest.mark.gui)


_SMALL_FORM: dict[str, Any] = {
    "id": "small",
    "version": "0.1",
    "title": "A small procedure",
    "full_name": "A small procedure used in tests",
    "summary": "Two steps and two risks.",
    "about": {"id": "about", "title": "About", "body": "What it is.\n\nWhy it is done."},
    "steps": [
        {"id": "step-one", "title": "Step one", "body": "First."},
        {"id": "step-two", "title": "Step two", "body": "Second."},
    ],
    "risks": [
        {"id": "risk-a", "title": "Risk A", "body": "A can happen."},
        {"id": "risk-b", "title": "Risk B", "body": "B can happen."},
    ],
    "options": {
        "id": "options",
        "title": "If it does not help",
        "intro": "There are choices.",
        "items": [{"id": "option-rest", "title": "Rest", "body": "Rest more."}],
    },
    "precautions": {
        "id": "precautions",
        "title": "Afterwards",
        "intro": "Take care.",
        "items": [{"id": "precaution-lifting", "title": "No lifting", "body": "Do not lift."}],
    },
    "questions": [
        {
            "id": f"q-{n}",
            "prompt": f"Question {n}?",
            "answer": "a",
            "teaches": teaches,
            "choices": [{"id": "a", "text": "Right"}, {"id": "b", "text": "Wrong"}],
        }
        for n, teaches in enumerate(["risk-a", "step-one", "options", "precautions"], start=1)
    ],
    "signing": {"id": "signing", "statement": "I read it."},
    "closing": {"id": "closing", "body": "Please wait for staff."},
}


@pytest.fixture
def form_data() -> dict[str, Any]:
    """A fresh copy of a small valid form as parsed TOML would give it; edit it freely."""
    return copy.deepcopy(_SMALL_FORM)


# -- stores: every store test runs on SQLite and on PostgreSQL, each on a fresh database --

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


def set_config(path: Path, **values: Any) -> None:
    """Change settings in a config file `kiosk init` wrote (each is there once, as `key = value`)."""
    import re

    from kiosk.config import toml_value

    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {toml_value(value)}", text)
        assert n == 1, f"{key} is not in {path}"
    path.write_text(text, encoding="utf-8")
