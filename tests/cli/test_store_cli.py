"""`kiosk init`, `doctor`, `audit verify` and `backup`, run as IT would run them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.store import audit, open_store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"  # KIOSK_DATA_DIR, from tests/conftest.py


def test_init_then_doctor_on_a_fresh_machine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file = tmp_path / "config" / "kiosk.toml"
    config_file.unlink()  # a fresh machine: no settings file yet
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert f"config    created   {config_file}" in out
    assert (data_dir(tmp_path) / "kiosk.db").is_file()
    assert config_file.stat().st_mode & 0o077 == 0
    assert load_config().kiosk_id
    code, out, _ = run(capsys, "doctor")
    assert code == 0, out
    assert [line.split()[1] for line in out.splitlines()] == [
        "config",
        "clinic_name",  # a warning until set, never a failure (the PDF names no clinic)
        "mrn_system",  # likewise (the FHIR export's MRNs without their system)
        "database",
        "migrations",
        "integrity",
        "audit",
        "audit",
        "audit",
        "PDF",
        "staff",  # a warning until `kiosk staff add`, never a failure (walk-up needs no staff)
        "free",
        "signing",
        "fonts",
        "data",
        "PDF",
        "PDF",  # copies: where staff mode saves them
        "log",
        "pending",
        "forms",
        "read-aloud",  # a warning until `kiosk speech render`, never a failure
        "at",  # rest: a warning on a disk that is not encrypted, never a failure
        "display",
    ]
    assert all(
        line.startswith(
            (
                "ok",
                "WARN  at rest",
                "WARN  read-aloud",
                "WARN  staff",
                "WARN  clinic_name",
                "WARN  mrn_system",
            )
        )
        for line in out.splitlines()
    )


def test_init_is_safe_to_run_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init")[0] == 0
    config_file = tmp_path / "config" / "kiosk.toml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace('clinic_name = ""', 'clinic_name = "North"')
    )
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert "config    kept" in out
    assert "data      kept" in out
    assert 'clinic_name = "North"' in config_file.read_text(encoding="utf-8")


def test_doctor_names_a_bad_config_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_file = tmp_path / "config" / "kiosk.toml"
    config_file.write_text("idle_warning = 90\n")
    code, out, err = run(capsys, "doctor")
    assert code == 1
    assert out.startswith(f"FAIL  config   {config_file}: idle_warning: is not a known setting")
    assert "1 check(s) failed." in err


def test_doctor_before_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "config" / "kiosk.toml").unlink()  # KIOSK_CONFIG names a file not made yet
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert "FAIL  config" in out and "there is no settings file there" in out
    assert "run `kiosk init`" in out


def test_doctor_names_a_corrupt_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init")
    (data_dir(tmp_path) / "kiosk.db").write_bytes(b"garbage" * 1000)
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    line = next(line for line in out.splitlines() if " database " in line)
    assert line.split(maxsplit=2) == ["FAIL", "database", line.split(maxsplit=2)[2]]
    assert line.split(maxsplit=2)[2].startswith(
        f"{data_dir(tmp_path) / 'kiosk.db'}: is not a kiosk database"
    )


def test_a_deliberately_edited_audit_row_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init")
    store = open_store(load_config().database_url, "k")
    for n in range(4):
        with store.sessions.begin() as s:
            audit.append(
                s,
                at=datetime.now(UTC),
                kiosk_id="k",
                actor="Nurse Lee",
                action="login",
                subject=f"staff:{n}",
            )
    store.close()
    assert run(capsys, "audit", "verify")[1].startswith("audit chain intact: 5 rows, head ")
    db = sqlite3.connect(data_dir(tmp_path) / "kiosk.db")
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET actor = 'Someone Else' WHERE seq = 3")
    db.commit()
    db.close()
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1
    assert (
        err
        == "audit chain broken at row 3: its contents do not match its hash (the row was edited).\n"
    )
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert any(
        line.startswith("FAIL  audit chain") and "broken at row 3" in line
        for line in out.splitlines()
    )


def test_backup_makes_a_consistent_copy_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.store.maintenance import backup

    run(capsys, "init")
    url = load_config().database_url
    store = open_store(url, "k")
    with store.sessions.begin() as s:
        audit.append(s, at=datetime.now(UTC), kiosk_id="k", actor="a", action="x", subject="y")
    # A writer holds an open transaction with a row not yet committed: the online backup copies
    # what was committed, and nothing of it. (The command's own audit row would wait for that
    # writer's lock: test_errors_said has the line it prints when it cannot be recorded.)
    with store.sessions.begin() as s:
        audit.append(s, at=datetime.now(UTC), kiosk_id="k", actor="a", action="x", subject="z")
        s.flush()
        held = tmp_path / "held.db"
        assert backup(url, held) == held.stat().st_size
        s.rollback()
    store.close()
    target = tmp_path / "backup.db"
    code, out, _ = run(capsys, "backup", str(target))
    assert code == 0
    assert out.startswith(f"backup written: {target}")
    for copy in (held, target):
        db = sqlite3.connect(copy)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM audit_log").fetchone() == (2,)  # settings + ours
        assert db.execute("SELECT count(*) FROM audit_log WHERE subject = 'z'").fetchone() == (0,)
        db.close()
    code, _, err = run(capsys, "backup", str(target))
    assert code == 1
    assert "already exists; choose a new file name" in err
    code, _, err = run(capsys, "backup", str(tmp_path / "nowhere" / "b.db"))
    assert code == 1
    assert "no such folder" in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def _truncated(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def _pages_overwritten(db: Path) -> None:
    """Every b-tree page from the fourth on has its header and first cells overwritten."""
    data = bytearray(db.read_bytes())
    for page in range(3, len(data) // 4096):
        data[page * 4096 + 8 : page * 4096 + 200] = b"\xff" * 192
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_truncated, _pages_overwritten])
def test_backup_of_a_damaged_database_says_it_is_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Any
) -> None:
    assert run(capsys, "init")[0] == 0
    db = data_dir(tmp_path) / "kiosk.db"
    assert not db.with_name("kiosk.db-wal").exists()  # everything is in the file itself
    damage(db)
    damaged = db.read_bytes()
    target = tmp_path / "backup.db"
    code, out, err = run(capsys, "backup", str(target))
    assert (code, out) == (1, "")
    said, why = err.partition(" (")[0], err.partition(" (")[2].partition(")")[0]
    assert (
        said == f"kiosk backup: {db}: the database is damaged" and why
    )  # SQLite's words, as doctor's
    assert err.endswith(
        "), so no backup was made; it was left untouched: restore it from an earlier backup and "
        "run `kiosk doctor`.\n"
    )
    assert err.count("\n") == 1 and "free space" not in err
    assert db.read_bytes() == damaged and not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_backup_whose_copy_fails_its_integrity_check_blames_the_database(tmp_path: Path) -> None:
    from kiosk.store import StoreError
    from kiosk.store.maintenance import backup

    db = tmp_path / "damaged.db"  # an index that no longer fits its table: the pages copy fine
    made = sqlite3.connect(db)
    made.execute("CREATE TABLE t(a)")
    made.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(50)])
    made.execute("CREATE INDEX i ON t(a)")
    made.commit()
    made.execute("PRAGMA writable_schema=ON")
    made.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX i ON t(a DESC)' WHERE name = 'i'")
    made.commit()
    made.close()
    with pytest.raises(StoreError) as refused:
        backup(f"sqlite:///{db}", tmp_path / "copy.db")
    assert str(refused.value) == (
        f"{db}: the database is damaged (row 1 missing from index i), so no backup was made; it "
        "was left untouched: restore it from an earlier backup and run `kiosk doctor`."
    )
    assert not (tmp_path / "copy.db").exists()


def test_backup_of_postgresql_gives_guidance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.store import StoreError
    from kiosk.store.database import Store, make_engine
    from kiosk.store.maintenance import backup

    store = Store(make_engine("postgresql://u@127.0.0.1:1/db"), None, "k")  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="pg_dump"):
        backup(store, tmp_path / "b.dump")


def test_backup_carries_the_audit_checkpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    target = tmp_path / "kiosk-backup.db"
    code, out, _ = run(capsys, "backup", str(target))
    assert code == 0
    copy = tmp_path / "kiosk-backup.db.audit-checkpoint.json"
    assert (
        f"checkpoint copied: {copy} (restore it beside the database as audit-checkpoint.json)"
        in out
    )
    assert copy.read_bytes() == (data_dir(tmp_path) / "audit-checkpoint.json").read_bytes()
    assert copy.stat().st_mode & 0o777 == 0o600
