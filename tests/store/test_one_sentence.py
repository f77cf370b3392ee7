"""Failures at start are one sentence, never a traceback, and leave the records untouched: another
program holding the SQLite lock, a full disk, a clinic's broken form."""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content import load_catalog
from kiosk.store import StoreError, database, open_store
from kiosk.store.maintenance import start

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "kiosk.db"
    open_store(f"sqlite:///{path}", "kiosk-test").close()
    return path


def rows(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_another_program_holding_the_lock_at_start(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)  # the real wait is 10 s
    before = rows(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as caught:
            start(f"sqlite:///{db}", "kiosk-test", NOW, {"changed": "yes"})
    finally:
        holder.rollback()
        holder.close()
    assert str(caught.value) == (
        f"{db}: another program holds the database locked and did not let go within 0.1 s; close "
        "it (a database browser, a copy in progress) and start again (the records were left "
        "untouched)."
    )
    assert rows(db) == before


def test_a_full_disk_is_named_as_a_full_disk(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = rows(db)
    monkeypatch.setattr(database.shutil, "disk_usage", lambda _p: Usage(10**9, 10**9, 4096))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the write fails (here for the lock, there for the disk)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    try:
        with pytest.raises(StoreError) as caught:
            start(f"sqlite:///{db}", "kiosk-test", NOW, {"changed": "yes"})
    finally:
        holder.rollback()
        holder.close()
    assert str(caught.value) == (
        f"{db}: the disk holding the database is full (4 KB free); free space on it, then start "
        "again (the records were left untouched)."
    )
    assert rows(db) == before


def test_a_clinic_form_that_does_not_load_is_not_replaced_by_the_shipped_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    config = load_config()
    clinic = config.forms_dirs[0]
    clinic.mkdir(parents=True, exist_ok=True)
    broken = clinic / "mild.toml"
    broken.write_text('id = "mild"\ntitle = "unclosed\n', encoding="utf-8")
    catalog = load_catalog(config.forms_dirs)
    assert "mild" not in catalog.forms  # no patient is briefed on another version in its place
    said = [str(p) for p in catalog.problems]
    assert any(p.startswith(f"{broken}: ") and "is not briefed in its place" in p for p in said)
    capsys.readouterr()
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line[6:].startswith("forms"))
    assert line.startswith("FAIL") and str(broken) in line
    assert broken.read_text(encoding="utf-8") == 'id = "mild"\ntitle = "unclosed\n'
