"""The `kiosk` commands IT runs on a store they cannot use as it is end in one sentence, never a
traceback, and change nothing: a backup restored after an upgrade, PostgreSQL before the owner's
init or before the GRANTs, a password with an unencoded @; and a backup from a read-only folder."""

from __future__ import annotations

import hashlib
import io
import os
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.store import database
from kiosk.store.database import SCHEMA_HEAD, make_engine, migrate
from tests.conftest import set_config

LINE = re.compile(r"^(ok  |WARN|FAIL)  (\S.*?)  +(\S.*)$")
OWNERS_INIT = (
    "have the tables' owner run `kiosk init` (the owner's init in the README, under Several "
    "kiosks on one PostgreSQL server)"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def doctor_lines(out: str) -> dict[str, tuple[str, str]]:
    return {m[2]: (m[1], m[3]) for m in map(LINE.match, out.splitlines()) if m}


def one_sentence(err: str) -> str:
    assert "Traceback" not in err and "sqlalchemy" not in err.lower(), err
    assert err.count("\n") == 1 and err.rstrip().endswith("."), err
    return err.rstrip()


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("kiosk.db*")}


@pytest.fixture
def restored_old(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """`kiosk init` ran; then a backup made by a version at 0004 was put back in its place."""
    assert main(["init"]) == 0
    capsys.readouterr()
    path = tmp_path / "data" / "kiosk.db"
    for file in path.parent.glob("kiosk.db*"):
        file.unlink()
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, "0004")
    engine.dispose()
    return path


def test_doctor_reads_the_migrations_first_on_an_old_sqlite_backup(
    restored_old: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(restored_old.parent)
    code, out, err = run(capsys, "doctor")
    assert code == 1 and "Traceback" not in out + err
    lines = doctor_lines(out)
    assert lines["migrations"] == (
        "FAIL",
        f"at 0004, this version needs {SCHEMA_HEAD}; run `kiosk init`",
    )
    assert lines["audit chain"] == ("WARN", "not read until the migrations are done")
    assert "pending PDFs" not in lines
    assert fingerprint(restored_old.parent) == before


@pytest.mark.parametrize(
    "argv",
    [("audit", "verify"), ("records", "list"), ("staff", "list"), ("staff", "disable", "Dana")],
)
def test_each_command_says_the_schema_is_behind_in_one_sentence(
    restored_old: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    before = fingerprint(restored_old.parent)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert one_sentence(err) == (
        f"kiosk {argv[0]}: {restored_old}: its schema is at 0004, this version needs "
        f"{SCHEMA_HEAD}; run `kiosk init` (the records in it are kept)."
    )
    assert fingerprint(restored_old.parent) == before


def test_a_table_missing_after_the_store_opened_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database error past the opening (here a table gone from a hand-edited file) is said too."""
    assert main(["init"]) == 0
    capsys.readouterr()
    path = tmp_path / "data" / "kiosk.db"
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE rebriefings")
    code, out, err = run(capsys, "records", "list")
    assert (code, out) == (1, "")
    assert one_sentence(err) == (
        f"kiosk records: {path}: the database's schema is behind this kiosk version's (no such "
        "table: rebriefings); run `kiosk init` (the records in it are kept)."
    )


# -- PostgreSQL: the kiosk's role before the owner's init, before the GRANTs -----------------------


def owner_runs(url: str, sql: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def test_postgresql_before_the_owners_init(
    fresh_postgres: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("2468\n2468\n"))  # staff add's PIN, twice
    set_config(tmp_path / "config" / "kiosk.toml", database_url=fresh_postgres)
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert doctor_lines(out)["migrations"] == (
        "FAIL",
        f"the database has no kiosk tables yet; {OWNERS_INIT}, then give the kiosks' role the "
        "README's GRANTs (under Several kiosks on one PostgreSQL server)",
    )
    place = database.place_of(fresh_postgres)
    for argv in (("staff", "add", "Dana Okafor"), ("audit", "verify"), ("records", "list")):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (1, "")
        assert one_sentence(err) == (
            f"kiosk {argv[0]}: database_url {place}: the database has no kiosk tables yet; "
            f"{OWNERS_INIT}, then give the kiosks' role the README's GRANTs (under Several kiosks "
            "on one PostgreSQL server)."
        )


def test_postgresql_upgraded_before_the_owners_init(
    fresh_postgres: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(fresh_postgres)
    migrate(engine, "0004")
    engine.dispose()
    set_config(tmp_path / "config" / "kiosk.toml", database_url=fresh_postgres)
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    lines = doctor_lines(out)
    assert lines["migrations"] == (
        "FAIL",
        f"at 0004, this version needs {SCHEMA_HEAD}; {OWNERS_INIT}",
    )
    assert lines["audit chain"][0] == "WARN" and lines["rights"][0] == "ok  "
    code, out, err = run(capsys, "audit", "verify")
    assert (code, out) == (1, "")
    assert f"its schema is at 0004, this version needs {SCHEMA_HEAD}; {OWNERS_INIT}" in err


def test_postgresql_before_the_grants(
    fresh_postgres: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_config(tmp_path / "config" / "kiosk.toml", database_url=fresh_postgres)
    assert main(["init"]) == 0
    capsys.readouterr()
    owner_runs(fresh_postgres, "REVOKE SELECT ON alembic_version FROM CURRENT_USER")
    code, out, err = run(capsys, "doctor")
    assert code == 1 and "Traceback" not in out + err
    lines = doctor_lines(out)
    assert lines["migrations"] == (
        "FAIL",
        "the schema's revision could not be read (permission denied for table alembic_version); "
        "the rights line names what to grant",
    )
    assert lines["rights"][0] == "FAIL"
    assert "lacks SELECT on alembic_version" in lines["rights"][1]
    code, out, err = run(capsys, "audit", "verify")
    assert (code, out) == (1, "")
    said = one_sentence(err)
    assert "lacks a right the kiosk needs (permission denied for table alembic_version)" in said
    assert "cannot reach" not in said


# -- a password with an @ ----------------------------------------------------------------------


def test_an_unencoded_at_in_the_password_is_refused_without_showing_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config" / "kiosk.toml"
    url = "postgresql+psycopg://kiosk_app:choose@another@localhost:55441/kiosk"
    set_config(config, database_url=url)
    for argv in (("config", "show"), ("doctor",)):
        code, out, err = run(capsys, *argv)
        assert code == 1
        assert "choose" not in out + err and "another" not in out + err
        assert (
            f"{config}: database_url: the password in it holds an @, which a URL reserves"
            in out + err
        )
        assert "write each @ in it as %40" in out + err
    set_config(config, database_url=url.replace("choose@another", "choose%40another"))
    assert load_config().masked()["database_url"] == (
        "postgresql+psycopg://kiosk_app:***@localhost:55441/kiosk"
    )


# -- a backup from a read-only data folder ------------------------------------------------------


def test_a_backup_of_a_read_only_data_folder_is_made_and_says_it_was_not_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root every folder is writable: the read-only folder is staged by os.access (the copy is
    read with SQLite's read-only mode either way)."""
    assert main(["init"]) == 0
    capsys.readouterr()
    data = tmp_path / "data"
    before = fingerprint(data)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != data and real(p, mode))
    target = tmp_path / "copy.db"
    code, out, err = run(capsys, "backup", str(target))
    assert code == 0
    assert out.startswith(f"backup written: {target}")
    assert err == (
        "warning: the backup was not recorded in the audit log: "
        f"{data}: the data folder is read-only for this user, so nothing could be recorded; give "
        "the kiosk's user write access to it (the records in it were left untouched).\n"
    )
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM audit_log").fetchone() == (1,)
    assert fingerprint(data) == before


def test_a_backup_is_audited_when_it_can_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    target = tmp_path / "copy.db"
    code, _, err = run(capsys, "backup", str(target))
    assert (code, err) == (0, "")
    with sqlite3.connect(tmp_path / "data" / "kiosk.db") as conn:
        rows = conn.execute(
            "SELECT actor, subject, detail FROM audit_log WHERE action = 'backup_made'"
        ).fetchall()
    assert len(rows) == 1 and rows[0][:2] == ("kiosk backup", "database")
    assert str(target) in rows[0][2]
    assert run(capsys, "audit", "verify")[0] == 0


# -- kiosk init's lines ---------------------------------------------------------------------------


def test_init_counts_in_english_and_names_the_settings_that_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config" / "kiosk.toml"
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert "settings  recorded  all 27 settings noted in the audit log\n" in out
    assert "(migrated, 1 audit row)\n" in out
    set_config(config, clinic_name="Riverside", idle_end_seconds=40)
    code, out, _ = run(capsys, "init")
    assert "settings  recorded  2 settings changed: clinic_name, idle_end_seconds\n" in out
    assert "(migrated, 2 audit rows)\n" in out
    code, out, _ = run(capsys, "init")
    assert "settings" not in out  # nothing changed: nothing noted
    set_config(config, kiosk_id="kiosk-2", idle_end_seconds=41)
    code, out, _ = run(capsys, "init")
    assert (
        "settings  recorded  all 27 settings noted in the audit log, the first under kiosk_id "
        "kiosk-2; 2 settings changed since the last: idle_end_seconds, kiosk_id\n"
    ) in out
