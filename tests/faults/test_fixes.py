"""Product faults the fault suite found, each pinned: the store's errors reach the screens as the
errors they catch; a read-only data folder is named, not called damaged; and a start clears the
half-written PDFs a crash left."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from kiosk import files
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content import load_form
from kiosk.startup import HALF_WRITTEN, start_kiosk
from kiosk.store import StoreError, database, open_store
from kiosk.store.briefings import prepare_briefing
from kiosk.store.statements import ACK as _ACK
from tests.conftest import MILD


def test_a_write_that_waits_out_a_held_lock_raises_what_the_screens_catch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BEGIN IMMEDIATE runs on the driver's connection; past the busy timeout its "database is
    locked" used to escape as sqlite3.OperationalError, which no screen catches: the patient's tap
    did nothing and said nothing. It is SQLAlchemy's OperationalError now (Page.attempt shows it)."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    store = open_store(f"sqlite:///{tmp_path / 'k.db'}", "k")
    other = sqlite3.connect(tmp_path / "k.db", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError, match="database is locked"), store.engine.begin():
            pass
        other.execute("ROLLBACK")
        with store.engine.begin() as conn:  # the pooled connection is fine afterwards
            conn.exec_driver_sql("SELECT 1")
    finally:
        other.close()
        store.close()


def test_a_hot_statement_failing_in_the_driver_raises_a_sqlalchemy_error_without_its_values(
    tmp_path: Path,
) -> None:
    engine = database.make_engine(
        f"sqlite:///{tmp_path / 'empty.db'}"
    )  # no tables: the INSERT fails
    try:
        with engine.begin() as conn, pytest.raises(SQLAlchemyError) as caught:
            _ACK.first(
                conn,
                {
                    "briefing_id": "b",
                    "risk_id": "Ana Ruiz",
                    "shown_at": None,
                    "acknowledged_at": None,
                    "seconds_on_screen": 1.0,
                },
            )
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        assert "Ana Ruiz" not in str(caught.value)
    finally:
        engine.dispose()


def test_a_read_only_data_folder_is_named_and_left_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root every folder is writable, so the unprivileged case is staged by os.access here; the
    fault suite runs the real kiosk as another user on a really read-only folder."""
    path = tmp_path / "data" / "kiosk.db"
    open_store(f"sqlite:///{path}", "k").close()
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in path.parent.iterdir()}
    real = os.access
    monkeypatch.setattr(
        database.os, "access", lambda p, mode: False if Path(p) == path.parent else real(p, mode)
    )
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{path}", "k")
    message = str(caught.value)
    assert message.startswith(f"{path.parent}: the data folder is read-only")
    assert "damaged" not in message
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in path.parent.iterdir()}
    assert after == before


def test_a_database_that_cannot_be_opened_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kiosk.db"
    open_store(f"sqlite:///{path}", "k").close()

    def cannot_open(*_args: object, **_kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(database.sqlite3, "connect", cannot_open)
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{path}", "k")
    assert str(caught.value).startswith(f"{path}: the database cannot be read")
    assert "damaged" not in str(caught.value)


def test_a_start_removes_the_half_written_pdfs_a_crash_left_and_only_those(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SIGKILL while a PDF is written leaves its temporary file (with the patient's name in it)
    beside the documents; the next start removes this kiosk's, and nothing else."""
    assert main(["init"]) == 0
    capsys.readouterr()
    config = load_config()
    now = datetime.now(UTC)
    form = load_form(MILD)
    ids = {}
    for kiosk_id in (config.kiosk_id, "another-kiosk"):
        store = open_store(config.database_url, kiosk_id)
        ids[kiosk_id] = prepare_briefing(
            store,
            form,
            name="Ana Ruiz",
            date_of_birth=date(1951, 3, 14),
            mrn=None,
            staff="Sam Carter",
            now=now,
        )
        store.close()
    docs = config.documents_dir
    docs.mkdir(parents=True, exist_ok=True)
    mine, theirs = (docs / f".2026-11-24-{ids[k]}.pdf.0123456789ab.tmp" for k in ids)
    finished = docs / f"2026-11-24-{ids[config.kiosk_id]}.pdf"
    other = docs / ".notes.txt.tmp"
    for path in (mine, theirs, finished, other):
        path.write_bytes(b"%PDF-1.7 half")
    started = start_kiosk(config, now)
    started.store.close()
    assert not mine.exists()
    assert theirs.exists() and finished.exists() and other.exists()


def test_the_half_written_pattern_is_the_one_install_file_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append(Path(src).name)
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    name = "2026-11-24-0b9f3a52-3c1e-4f5e-9a57-1c2d3e4f5a6b.pdf"
    files.install_file(tmp_path / name, b"%PDF", 0o644, overwrite=True)
    assert len(seen) == 1 and HALF_WRITTEN.fullmatch(seen[0])
