"""Opening the store: SQLite settings on every connection, and a damaged or misplaced file refused untouched."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from kiosk.store import StoreError, audit, open_store
from kiosk.store.database import make_engine, on_network_share
from kiosk.store.maintenance import backup, record_settings, start
from kiosk.store.models import AuditEntry


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_sqlite_connection_is_durable(tmp_path: Path) -> None:
    """Every connection: foreign keys checked, WAL, fsync at each commit, a wait for the lock, and
    a page cache of a set size (SQLite's default grew the kiosk's memory as the database grew)."""
    store = open_store(sqlite_url(tmp_path / "k.db"), "k")
    try:
        with store.engine.connect() as conn:
            pragmas = {
                p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                for p in (
                    "foreign_keys",
                    "journal_mode",
                    "synchronous",
                    "busy_timeout",
                    "cache_size",
                )
            }
            conn.rollback()
        assert pragmas == {
            "foreign_keys": 1,
            "journal_mode": "wal",
            "synchronous": 2,
            "busy_timeout": 10_000,
            "cache_size": -512,
        }
    finally:
        store.close()


def test_writes_begin_immediate_and_reads_take_no_lock(tmp_path: Path) -> None:
    """A writer holds the write lock from BEGIN, so a second writer waits there instead of failing
    later on its first write; a reader takes no lock at all."""
    import sqlite3

    store = open_store(sqlite_url(tmp_path / "k.db"), "k")
    other = sqlite3.connect(tmp_path / "k.db", timeout=0, isolation_level=None)
    try:
        with store.engine.begin(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        with store.reading() as session:
            session.execute(text("SELECT count(*) FROM audit_log")).scalar()
            other.execute("BEGIN IMMEDIATE")  # the reader holds no write lock
            other.execute("ROLLBACK")
    finally:
        other.close()
        store.close()


def test_a_file_that_is_not_a_database_is_left_untouched(tmp_path: Path) -> None:
    (tmp_path := tmp_path / "store").mkdir()
    path = tmp_path / "kiosk.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        open_store(sqlite_url(path), "k")
    assert str(caught.value).startswith(f"{path}: is not a kiosk database")
    assert "left untouched" in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.db"]  # nothing new beside it


def test_a_damaged_database_is_left_untouched(tmp_path: Path) -> None:
    (tmp_path := tmp_path / "store").mkdir()
    path = tmp_path / "kiosk.db"
    open_store(sqlite_url(path), "k").close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 3] = b"\xff" * page  # wreck a page of the schema's tables
    path.write_bytes(bytes(data))
    for leftover in ("kiosk.db-wal", "kiosk.db-shm"):
        (tmp_path / leftover).unlink(missing_ok=True)
    before = digest(path)
    with pytest.raises(StoreError, match="damaged") as caught:
        open_store(sqlite_url(path), "k")
    assert str(caught.value).startswith(f"{path}: ")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "kiosk.db"
    ]


def test_no_database_yet_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `kiosk init` first"):
        open_store(sqlite_url(tmp_path / "k.db"), "k", create=False)
    assert not (tmp_path / "k.db").exists()


def test_an_unwritable_data_folder_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the data folder"):
        open_store(sqlite_url(blocker / "data" / "k.db"), "k")


def test_a_network_share_is_refused_with_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.store.database.on_network_share", lambda path: True)
    with pytest.raises(StoreError) as caught:
        open_store(sqlite_url(tmp_path / "k.db"), "k")
    assert "network share" in str(caught.value)
    assert "PostgreSQL" in str(caught.value)
    assert not (tmp_path / "k.db").exists()


def test_network_filesystems_are_recognised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mounts = "/dev/vda / ext4 rw 0 0\nserver:/export /mnt/clinic nfs4 rw 0 0\n//nas/share /mnt/nas\\040box cifs rw 0 0\n"
    real_read = Path.read_text

    def fake_read(self: Path, *args: object, **kwargs: object) -> str:
        return mounts if str(self) == "/proc/mounts" else real_read(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", fake_read)
    assert on_network_share(Path("/mnt/clinic/kiosk/kiosk.db"))
    assert on_network_share(Path("/mnt/nas box/kiosk.db"))
    assert not on_network_share(Path("/mnt/clinical/kiosk.db"))
    assert not on_network_share(tmp_path / "kiosk.db")


def test_unsupported_engines_are_named() -> None:
    with pytest.raises(StoreError, match="database_url: mysql is not supported"):
        make_engine("mysql://x/y")


def test_an_unreachable_postgresql_is_one_sentence() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://kiosk:secret@127.0.0.1:1/kiosk", "k")
    message = str(caught.value)
    assert message.startswith(
        "database_url postgresql://kiosk:***@127.0.0.1:1/kiosk: cannot reach the database"
    )
    assert "secret" not in message


def test_start_migrates_and_recovers(tmp_path: Path) -> None:
    store, recovered = start(sqlite_url(tmp_path / "k.db"), "k", datetime.now(UTC), {})
    store.close()
    assert recovered == []


def test_changed_settings_are_audited_by_key_never_by_value(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "k.db")
    settings = {"idle_warning_seconds": 90, "database_url": "postgresql://u:hunter2@db/k"}
    store, _ = start(url, "k", datetime.now(UTC), settings)
    assert record_settings(store, settings, datetime.now(UTC)) == []  # unchanged: nothing new
    assert record_settings(store, settings | {"idle_warning_seconds": 60}, datetime.now(UTC)) == [
        "idle_warning_seconds"
    ]
    with store.reading() as s:
        rows = (
            s.execute(select(AuditEntry).where(AuditEntry.action == "settings_changed"))
            .scalars()
            .all()
        )
        assert [json.loads(r.detail)["changed"] for r in rows] == [
            ["database_url", "idle_warning_seconds"],
            ["idle_warning_seconds"],
        ]
        assert not any("hunter2" in r.detail for r in rows)
        assert audit.verify(s).ok
    store.close()


def test_a_damaged_restored_backup_is_not_even_switched_to_wal(tmp_path: Path) -> None:
    """A `kiosk backup` copy is in rollback-journal mode; refusing it must not rewrite its header."""
    live = tmp_path / "live.db"
    store = open_store(sqlite_url(live), "k")
    backup(store, tmp_path / "kiosk.db")
    store.close()
    path = tmp_path / "kiosk.db"
    data = bytearray(path.read_bytes())
    assert data[18:20] == b"\x01\x01"  # rollback journal, not WAL
    data[4096 * 2 : 4096 * 5] = b"\xee" * 4096 * 3
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreError, match="damaged"):
        open_store(sqlite_url(path), "k")
    assert digest(path) == before
