"""Shared test set-up: no test touches a real folder, Qt runs offscreen, a small valid form to hand."""

from __future__ import annotations

import copy
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import create_engine, make_url, text

from kiosk.store import Store, open_store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
MILD = ROOT / "forms" / "mild" / "en.toml"
T = TypeVar("T")


def mild_pictures(folder: Path) -> Path:
    """Copy the mild procedure's pictures into `folder`, where a copy of its form file reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    for svg in MILD.parent.glob("*.svg"):
        shutil.copy(svg, folder)
    return folder


@pytest.fixture(autouse=True)
def _cheap_pin_hashes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Staff PINs hashed in this process with Argon2id at its cheapest parameters (argon2-cffi's
    CHEAPEST profile): the kiosk's own (RFC 9106's low-memory profile, 64 MiB and 3 passes) took
    about 0.15 s for each PIN stored or checked, and several hundred tests add staff and sign in.
    Still Argon2id, still verified; the tests of the hash itself are marked `real_pin_hash`, and
    every `kiosk` command run in its own process hashes as the kiosk does."""
    if request.node.get_closest_marker("real_pin_hash"):
        return
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    monkeypatch.setattr("kiosk.store.staff._HASHER", PasswordHasher.from_parameters(CHEAPEST))


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every folder the kiosk might write to at this test's own temporary directory."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    config = tmp_path / "config" / "kiosk.toml"
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    # As `kiosk init` writes it: a settings file named but missing is refused (kiosk.config).
    from kiosk.config import SETTINGS, Config, render_config

    values = {s.name: s.default for s in SETTINGS}
    values["kiosk_id"] = Config(config, values, exists=False).kiosk_id
    config.parent.mkdir()
    config.write_text(render_config(values), encoding="utf-8")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/ui needs Qt: mark it, so `-m "not gui"` runs the core suite alone."""
    for item in items:
        if "ui" in Path(str(item.fspath)).relative_to(ROOT / "tests").parts[:1]:
            item.add_marker(pytest.mark.gui)


SMALL_FORM: dict[str, Any] = {
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
    return copy.deepcopy(SMALL_FORM)


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


def _postgres_url(admin: str, name: str) -> str:
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def create_postgres_database(admin: str, template: str | None = None) -> str:
    """A new database (a copy of `template`, else empty) on the server of `admin`; returns its name."""
    name = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    copy_of = f' TEMPLATE "{template}"' if template else ""
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
    finally:
        engine.dispose()
    return name


def drop_postgres_database(admin: str, name: str) -> None:
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@contextmanager
def _postgres_database(template: str | None = None) -> Iterator[str]:
    admin = postgres_admin_url()
    assert admin is not None
    name = create_postgres_database(admin, template)
    try:
        yield _postgres_url(admin, name)
    finally:
        drop_postgres_database(admin, name)


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    with _postgres_database() as url:
        yield url


class Templates:
    """Databases built once per test process (each xdist worker has its own) and copied for every
    test that starts from them: a copy of a migrated database is the database a migration makes
    (the migrations create schema only), at a fraction of the cost. A test changes only its copy."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._sqlite: dict[str, tuple[Path, Any]] = {}
        self._postgres: dict[str, tuple[str, Any]] = {}

    def sqlite(self, key: str, build: Callable[[str, Path], T]) -> tuple[Path, T]:
        """The database file `build(url, folder)` made on an empty SQLite database (once), and what
        `build` returned; the file is closed and checkpointed, so copying it alone copies it all."""
        if key not in self._sqlite:
            folder = self.folder / f"sqlite-{key}"
            folder.mkdir()
            path = folder / "kiosk.db"
            built = build(f"sqlite:///{path}", folder)
            with closing(sqlite3.connect(path)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            wal = path.with_name(f"{path.name}-wal")
            assert not wal.exists() or wal.stat().st_size == 0, "a template must be checkpointed"
            self._sqlite[key] = (path, built)
        path, built = self._sqlite[key]
        return path, built

    def postgres(self, key: str, build: Callable[[str, Path], T]) -> tuple[str, T]:
        """The name of a template database `build(url, folder)` made on an empty PostgreSQL
        database (once), and what `build` returned; nothing stays connected to it."""
        if key not in self._postgres:
            admin = postgres_admin_url()
            assert admin is not None
            folder = self.folder / f"postgresql-{key}"
            folder.mkdir()
            name = create_postgres_database(admin)
            try:
                built = build(_postgres_url(admin, name), folder)
            except BaseException:
                drop_postgres_database(admin, name)
                raise
            self._postgres[key] = (name, built)
        name, built = self._postgres[key]
        return name, built

    def close(self) -> None:
        admin = os.environ.get(PG_ENV)
        for name, _ in self._postgres.values():
            if admin:
                drop_postgres_database(admin, name)
        self._postgres.clear()


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    templates = Templates(tmp_path_factory.mktemp("db-templates"))
    yield templates
    templates.close()


def _migrate(url: str, _folder: Path) -> None:
    open_store(url, "kiosk-test").close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for a fresh, empty database on each engine. For a test that uses `store`, a
    fresh copy of a database the migrations made (what `store` would first make of it), or of the
    one a `store_template` fixture names, when the test uses one (see tests/records/conftest.py)."""
    spec: tuple[str, Callable[[str, Path], Any]] | None = None
    if "store_template" in request.fixturenames:
        spec = request.getfixturevalue("store_template")
    elif "store" in request.fixturenames:
        spec = ("migrated", _migrate)
    if request.param == "sqlite":
        path = tmp_path / "data" / "kiosk.db"
        if spec is not None:
            templates: Templates = request.getfixturevalue("db_templates")
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(templates.sqlite(*spec)[0], path)
        yield f"sqlite:///{path}"
        return
    if spec is None:
        yield request.getfixturevalue("fresh_postgres")
        return
    templates = request.getfixturevalue("db_templates")
    with _postgres_database(templates.postgres(*spec)[0]) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, migrated store on each engine."""
    opened = open_store(db_url, "kiosk-test")
    yield opened
    opened.close()


def built_for(store: Store, templates: Templates, key: str) -> Any:
    """What the template `key` that `store`'s database was copied from was built with."""
    if store.is_sqlite:
        return templates.sqlite(key, _never)[1]
    return templates.postgres(key, _never)[1]


def _never(url: str, folder: Path) -> Any:
    raise AssertionError(f"{url}: the template was not built before the test's database was copied")


def set_config(path: Path, **values: Any) -> None:
    """Change settings in a config file `kiosk init` wrote (each is there once, as `key = value`)."""
    import re

    from kiosk.config import toml_value

    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {toml_value(value)}", text)
        assert n == 1, f"{key} is not in {path}"
    path.write_text(text, encoding="utf-8")
