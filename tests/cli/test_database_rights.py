"""A kiosk whose PostgreSQL role lacks a right: `kiosk doctor` and `kiosk init` name the table, the
right and the GRANT to run; the kiosk logs it at start; and a save that fails on it is logged with
the database's reason (never the patient's details) by the desk, as by every `kiosk` process."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from kiosk.cli import main
from kiosk.cli.causes import database_cause, explain_database_errors
from kiosk.config import load_config
from kiosk.logs import COMMANDS_FILE_NAME, start_logging
from kiosk.services.console import ConsoleDesk, StaffError
from kiosk.services.preparing import Preparing
from kiosk.startup import start_kiosk
from kiosk.store.database import make_engine
from tests.conftest import set_config
from tests.session.fakes import FakeClock

LINE = re.compile(r"^(ok  |WARN|FAIL)  (\S.*?)  +(\S.*)$")
NAME, BORN = "Kim Min-jun", date(1961, 3, 14)


def owner_runs(url: str, sql: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture
def lacking(fresh_postgres: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A kiosk initialised on PostgreSQL whose role then lost INSERT on content_pictures and
    UPDATE on staff_users (the test's role owns the tables: an owner may revoke its own rights,
    as a kiosk role never given them lacks them); returns the role's name."""
    set_config(tmp_path / "config" / "kiosk.toml", database_url=fresh_postgres)
    assert main(["init"]) == 0
    capsys.readouterr()
    owner_runs(fresh_postgres, "REVOKE INSERT ON content_pictures FROM CURRENT_USER")
    owner_runs(fresh_postgres, "REVOKE UPDATE ON staff_users FROM CURRENT_USER")
    role = make_url(fresh_postgres).username
    assert role
    return role


def test_doctor_names_the_missing_right_its_table_and_the_grant(
    lacking: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    lines = {m[2]: (m[1], m[3]) for m in map(LINE.match, out.splitlines()) if m}
    assert lines["database"][0] == "ok  "
    assert lines["rights"][0] == "FAIL"
    failed = [name for name, (label, _) in lines.items() if label == "FAIL"]
    assert failed == ["rights"]
    assert lines["rights"][1] == (
        f"the role {lacking} lacks INSERT on content_pictures; UPDATE on staff_users, so the "
        f"kiosk cannot save there; as the tables' owner run `GRANT INSERT ON content_pictures TO "
        f"{lacking}; GRANT UPDATE ON staff_users TO {lacking};` (the README's grants, under "
        "Several kiosks on one PostgreSQL server, also cover tables added later)"
    )
    assert list(lines).index("rights") == list(lines).index("integrity") + 1


def test_doctor_passes_the_rights_of_a_role_that_has_them(
    fresh_postgres: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_config(tmp_path / "config" / "kiosk.toml", database_url=fresh_postgres)
    assert main(["init"]) == 0
    capsys.readouterr()
    main(["doctor"])
    out = capsys.readouterr().out
    rights = [line for line in out.splitlines() if "  rights  " in line]
    assert len(rights) == 1 and rights[0].startswith("ok    rights  ")
    assert re.search(r"has every right the kiosk needs on \d+ tables", rights[0])


def test_init_says_what_the_role_lacks_and_fails(
    lacking: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 1
    out, err = capsys.readouterr()
    assert "database  ready" in out
    assert err.startswith(
        f"rights    missing   the role {lacking} lacks INSERT on content_pictures"
    )


def test_the_kiosk_logs_what_its_role_lacks_at_start(
    lacking: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk")
    started = start_kiosk(load_config(), datetime.now(UTC))
    started.store.close()
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any(
        m.startswith(f"database rights: the role {lacking} lacks INSERT on content_pictures")
        for m in said
    ), said


@pytest.fixture
def desk_log(lacking: str, tmp_path: Path) -> Iterator[Path]:
    """The log `kiosk console` writes (commands.log), with the filter the `kiosk` command gives it."""
    config = load_config()
    logs = start_logging(config.data_dir, "INFO", file_name=COMMANDS_FILE_NAME)
    explain_database_errors(logs.handlers)
    yield logs.path
    logs.close()


def test_the_desk_logs_why_a_briefing_was_not_saved_without_the_patient(desk_log: Path) -> None:
    desk = ConsoleDesk.open(load_config(), FakeClock())
    try:
        preparing = Preparing(desk)
        with pytest.raises(StaffError):
            preparing.prepare("Dana Okafor", "kiosk-test", "mild", NAME, BORN, "MRN-7734")
    finally:
        desk.close()
    logged = desk_log.read_text(encoding="utf-8")
    line = next(x for x in logged.splitlines() if "could not be prepared" in x)
    assert line.endswith(
        "a briefing could not be prepared at the console: ProgrammingError "
        "[PostgreSQL 42501: permission denied for table content_pictures]"
    )
    for private in (NAME, "Kim", "1961", "MRN-7734"):
        assert private not in logged


def test_a_cause_never_quotes_the_values_a_statement_was_given(fresh_postgres: str) -> None:
    """A unique key's DETAIL and a data error's first line quote the value: neither is logged."""
    engine = make_engine(fresh_postgres)
    causes = []
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE people (name text CONSTRAINT one_name UNIQUE)"))
            conn.execute(text("INSERT INTO people VALUES (:n)"), {"n": NAME})
        for sql, value in (
            ("INSERT INTO people VALUES (:v)", NAME),
            ("SELECT CAST(:v AS date)", NAME),
        ):
            try:
                with engine.begin() as conn:
                    conn.execute(text(sql), {"v": value})
            except Exception as exc:
                causes.append(database_cause(exc))
    finally:
        engine.dispose()
    assert causes == [
        'PostgreSQL 23505: duplicate key value violates unique constraint "one_name" '
        "(table people, constraint one_name)",
        "PostgreSQL 22007",
    ]


def test_every_kiosk_command_logs_a_database_error_with_its_reason(
    lacking: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save no command expects to fail (the role lost INSERT on staff_users) ends the command;
    its log line says why, as the desk's (`kiosk console`, a command too) would."""
    owner_runs(load_config().database_url, "REVOKE INSERT ON staff_users FROM CURRENT_USER")
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n4821\n"))
    assert main(["staff", "add", NAME]) == 1  # one sentence, not a traceback
    logged = (tmp_path / "data" / "logs" / COMMANDS_FILE_NAME).read_text(encoding="utf-8")
    assert "lacks a right the kiosk needs (permission denied for table staff_users)" in logged
    assert "[PostgreSQL 42501: permission denied for table staff_users]" in logged
    assert NAME not in logged and "4821" not in logged
