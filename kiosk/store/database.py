"""Opening the store: the engine with safe SQLite settings or PostgreSQL, start-up checks and migrations."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Engine,
    create_engine,
    event,
    inspect,
    make_url,
    text,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import masked_url
from kiosk.files import nearest_existing
from kiosk.store.hot import HotStatement as HotStatement
from kiosk.store.hot import wrapped
from kiosk.store.shares import NETWORK_FILESYSTEMS as NETWORK_FILESYSTEMS
from kiosk.store.shares import on_network_share

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

BUSY_TIMEOUT_MS = 10_000
PAGE_CACHE_KIB = 512
"""SQLite's page cache per connection. Its default, 2 MiB, is filled as the database grows, on each
connection the kiosk holds: a kiosk's memory grew by about 12 MB over its first hundred briefings
(benchmarks/bench_memory). The kiosk's queries touch few pages (the newest rows, the audit head);
the operating system's file cache holds the rest, so 512 KiB costs the 10,000-briefing CSV export
about 3 ms and the acknowledgement nothing measurable."""
READ_ONLY = "kiosk_read_only"
"""Execution option for connections that only read: on SQLite they begin DEFERRED, without the write lock."""
WAIT_MS = "kiosk_wait_ms"
"""Execution option: how long a write waits for a lock another writer holds (instead of the busy
timeout) before it fails as busy (`is_busy`). A patient's tap waits briefly and is tried again
while the screen stays live (kiosk.session.screen)."""
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """The store cannot be used; the message is one sentence naming the file or setting and what to do."""


@dataclass
class Store:
    """An open store: the engine, a session factory (one session per user action) and the kiosk's id."""

    engine: Engine
    sessions: sessionmaker[Session]
    kiosk_id: str

    def reading(self) -> Session:
        """A session for reading only: on SQLite it takes no write lock."""
        return Session(self.engine.execution_options(**{READ_ONLY: True}))

    def waiting(self, wait_ms: int) -> Store:
        """The same store, its writes waiting at most `wait_ms` for a lock another writer holds
        (then failing as busy, `is_busy`): for what a patient's screen waits on."""
        engine = self.engine.execution_options(**{WAIT_MS: wait_ms})
        return Store(engine, sessionmaker(engine, expire_on_commit=False), self.kiosk_id)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()


def sqlite_path(url: str | URL) -> Path | None:
    """The database file of a SQLite URL, None for any other engine (or SQLite in memory)."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def make_engine(url: str | URL) -> Engine:
    """An engine whose every SQLite connection is durable (WAL, synchronous=FULL) and writes begin IMMEDIATE."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(parsed, pool_pre_ping=True)

        @event.listens_for(engine, "begin")
        def _lock_wait(conn: Any) -> None:
            wait = conn.get_execution_options().get(WAIT_MS)
            if wait is not None:  # for this transaction only: the advisory lock of the audit chain
                conn.connection.driver_connection.execute(f"SET LOCAL lock_timeout = {int(wait)}")

        return engine
    if parsed.get_backend_name() != "sqlite":
        raise StoreError(
            f"database_url: {parsed.get_backend_name()} is not supported; use SQLite or PostgreSQL."
        )
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let the begin hook below own transactions
        cursor = dbapi_conn.cursor()
        for pragma in (
            "PRAGMA foreign_keys=ON",
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=FULL",
            f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
            f"PRAGMA cache_size=-{PAGE_CACHE_KIB}",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Any) -> None:
        # Writers take the lock up front and wait for it (busy_timeout) instead of failing midway;
        # readers (READ_ONLY) take none, so checks and backups never hold up a patient's kiosk.
        options = conn.get_execution_options()
        begin = "BEGIN" if options.get(READ_ONLY, False) else "BEGIN IMMEDIATE"
        wait = options.get(WAIT_MS)
        raw = conn.connection.driver_connection
        try:
            if wait is not None:
                raw.execute(f"PRAGMA busy_timeout={int(wait)}")
            raw.execute(begin)
        except sqlite3.Error as exc:  # "database is locked" past the busy timeout, say
            raise wrapped(begin, exc) from exc
        finally:
            if wait is not None:  # only the wait for the lock was short; the lock is held now
                raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    return engine


def is_busy(exc: BaseException) -> bool:
    """Whether a write failed only because another writer held the database past its wait: SQLite's
    "database is locked" (SQLITE_BUSY), PostgreSQL's lock_not_available (55P03)."""
    orig = getattr(exc, "orig", exc)
    if isinstance(orig, sqlite3.OperationalError):
        code = getattr(orig, "sqlite_errorcode", None)
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(orig)
    return getattr(orig, "sqlstate", None) == "55P03"


def check_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not a SQLite database, or a database on a network share."""
    if on_network_share(path):
        raise StoreError(
            f"{path}: the database is on a network share, where SQLite can lose data; "
            "keep it on a local disk, or set database_url to a PostgreSQL server to share one database between kiosks."
        )
    if not path.exists():
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot be read ({exc.strerror}); check the file's permissions."
        ) from None
    if header != SQLITE_HEADER:
        raise StoreError(
            f"{path}: is not a kiosk database (it may be damaged or another file); "
            "it was left untouched: restore it from a backup (kiosk backup) or move it aside."
        )


def check_writable(path: Path) -> None:
    """Refuse a database this user may read but not write, before anything else touches it: a kiosk
    that cannot record must not let a patient start, and SQLite would only say so at the first write
    (or, reading a WAL database in a read-only folder, call it damaged)."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"{folder}: the data folder is read-only for this user, so nothing could be recorded; "
            "give the kiosk's user write access to it (the records in it were left untouched)."
        )
    for file in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        if file.exists() and not os.access(file, os.W_OK):
            raise StoreError(
                f"{file}: read-only for this user, so nothing could be recorded; "
                "give the kiosk's user write access to it (the records in it were left untouched)."
            )


def integrity_problems(engine: Engine, *, full: bool = False) -> list[str]:
    """SQLite's own checks: quick_check (or integrity_check) and foreign_key_check; empty when all is well."""
    if engine.dialect.name != "sqlite":
        return []
    check = "integrity_check" if full else "quick_check"
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {check}")]
        problems = [] if rows == ["ok"] else [f"{check}: {r}" for r in rows]
        problems += [
            f"foreign_key_check: {r[0]} row {r[1]} points at a missing {r[2]}"
            for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
        ]
        conn.rollback()
    return problems


SCHEMA_HEAD = "0011_planned_signers"
"""The newest migration's revision (kiosk/store/migrations/versions; a test keeps the two in step).
A store already there is opened without loading Alembic at all (0.1 s of the kiosk's start)."""


def alembic_config(engine: Engine) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", "kiosk.store:migrations")
    config.attributes["engine"] = engine
    return config


def _scripts(engine: Engine) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine))


def head_revision(engine: Engine) -> str | None:
    """The newest migration's revision, as Alembic finds it among the migration scripts."""
    return _scripts(engine).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema's revision as stored in `alembic_version`; None for a database never migrated."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        revision = None
        if inspect(conn).has_table("alembic_version"):
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            if len(found) > 1:
                raise StoreError(
                    f"the database has {len(found)} schema revisions at once ({', '.join(found)}); "
                    "restore it from a backup."
                )
            revision = found[0] if found else None
        conn.rollback()
    return revision


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (Alembic); safe to run on an up-to-date database."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def place_of(url: str | URL) -> str | Path:
    """The database as a sentence names it: its file, or its URL with all of the password hidden."""
    shown = url if isinstance(url, str) else url.render_as_string(hide_password=False)
    return sqlite_path(url) or masked_url(shown)


def refuse_unknown_revision(engine: Engine, current: str | None, url: str) -> None:
    """A schema this kiosk has no migration for was made by a newer kiosk: say so, touch nothing."""
    known = {r.revision for r in _scripts(engine).walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"{place_of(url)}: the database's schema is revision {current}, which this kiosk version does "
            f"not know (its newest is {SCHEMA_HEAD}): it was made by a newer kiosk; install that "
            "version again, or restore a backup this version made."
        )


def open_store(
    url: str, kiosk_id: str, *, create: bool = True, check: bool = True, at_head: bool = False
) -> Store:
    """Open (and if `create`, make or upgrade) the store; any problem is a StoreError sentence.
    With `at_head` (the commands, which read and write the schema as it is), a schema other than
    this version's is refused, unchanged, naming its revision and what to run."""
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: there is no database here yet; run `kiosk init` first.")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"{path.parent}: cannot create the data folder ({exc.strerror}); check KIOSK_DATA_DIR or data_dir."
                ) from None
            if not os.access(path.parent, os.W_OK):
                raise StoreError(
                    f"{path.parent}: the data folder is not writable; give the kiosk's user write access."
                )
        if path.exists():
            check_writable(path)
        if check and path.exists():
            _check_untouched(path)
    new_file = path is not None and not path.exists()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:  # reach the server now, so a failure is one sentence here
            conn.rollback()
        if new_file and path is not None and path.exists():
            # patients' records: the kiosk's user alone (SQLite gives its -wal and -shm files the
            # database's own mode)
            path.chmod(0o600)
        if create:
            current = current_revision(engine)
            if current != SCHEMA_HEAD:
                refuse_unknown_revision(engine, current, url)
                migrate(engine)
        elif at_head and (current := current_revision(engine)) != SCHEMA_HEAD:
            from kiosk.store.said import behind

            refuse_unknown_revision(engine, current, url)
            raise StoreError(behind(url, current))
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(describe_error(url, exc)) from None
    except StoreError:
        engine.dispose()
        raise
    return Store(engine, sessionmaker(engine, expire_on_commit=False), kiosk_id)


def _check_untouched(path: Path) -> None:
    """quick_check and foreign_key_check through a read-only connection, before any setting is applied
    (journal_mode=WAL rewrites the header), so a damaged file is refused exactly as it was found."""
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
            orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:  # locked, unreadable, cannot open: not damage
        raise StoreError(
            full_disk(path)
            or locked(path, str(exc))
            or f"{path}: the database cannot be read ({exc}); check the file's and its folder's "
            "permissions."
        ) from None
    except sqlite3.DatabaseError as exc:
        rows, orphans = [str(exc)], []
    problem = None if rows == ["ok"] else rows[0]
    if problem is None and orphans:
        problem = f"foreign_key_check: {orphans[0][0]} row {orphans[0][1]} points at a missing {orphans[0][2]}"
    if problem:
        raise StoreError(
            f"{path}: the database is damaged ({problem}); it was left untouched: "
            "restore it from a backup (kiosk backup) and run `kiosk doctor`."
        )


FULL_BELOW = 1024 * 1024
"""Free space under which a disk is called full when SQLite fails (it needs room for its journal)."""


def full_disk(path: Path) -> str | None:
    """The sentence for a database that fails because its disk is full; None if there is room."""
    try:
        free = shutil.disk_usage(nearest_existing(path.parent)).free
    except OSError:
        return None
    if free >= FULL_BELOW:
        return None
    return (
        f"{path}: the disk holding the database is full ({free // 1024} KB free); free space on "
        "it, then start again (the records were left untouched)."
    )


def locked(path: Path, reason: str) -> str | None:
    """The sentence for a database another program holds locked; None for any other reason."""
    if "locked" not in reason:
        return None
    return (
        f"{path}: another program holds the database locked and did not let go within "
        f"{BUSY_TIMEOUT_MS / 1000:g} s; close it (a database browser, a copy in progress) "
        "and start again (the records were left untouched)."
    )


def describe_error(url: str, exc: DBAPIError) -> str:
    """An error the database raised, as one sentence (kiosk.store.said)."""
    from kiosk.store.said import described

    return described(url, exc)
