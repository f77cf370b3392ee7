"""The kiosk's log: rotated in the data folder, at the configured level, never stopping the kiosk,
and never holding a patient's details."""

from __future__ import annotations

import io
import logging
import re
import stat
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content import load_form
from kiosk.logs import BACKUP_COUNT, Logging, install_crash_hooks, start_logging
from kiosk.session import Briefing, Patient, ScreenKind
from kiosk.startup import start_kiosk
from kiosk.store import Recorder, open_store
from kiosk.store.briefings import prepare_briefing
from tests.conftest import MILD
from tests.session.fakes import FakeClock

log = logging.getLogger("kiosk.test")

LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d (DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+: "
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"  # KIOSK_DATA_DIR (tests/conftest.py)


@pytest.fixture
def closing() -> Iterator[list[Logging]]:
    """Every log a test starts is closed after it, so no handler outlives the test."""
    started: list[Logging] = []
    yield started
    for setup in started:
        setup.close()


def read_log(data: Path, name: str = "kiosk.log") -> str:
    return (data / "logs" / name).read_text(encoding="utf-8")


def test_the_log_rotates_and_keeps_five_old_files(data: Path, closing: list[Logging]) -> None:
    setup = start_logging(data, "INFO", console=sys.stderr, max_bytes=2000)
    closing.append(setup)
    for n in range(400):
        log.info("briefing %04d: a line long enough to fill the file quickly", n)
    setup.close()
    folder = data / "logs"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["kiosk.log"] + [f"kiosk.log.{n}" for n in range(1, BACKUP_COUNT + 1)]
    assert all((folder / name).stat().st_size <= 2000 for name in names)
    assert "briefing 0399:" in read_log(data)  # the newest line is in the current file
    assert "briefing 0000:" not in "".join(
        (folder / n).read_text(encoding="utf-8") for n in names
    )  # the oldest were dropped
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE((folder / n).stat().st_mode) == 0o600 for n in names)


@pytest.mark.parametrize(
    ("level", "written"),
    [
        ("DEBUG", ["debug", "info", "warning", "error"]),
        ("INFO", ["info", "warning", "error"]),
        ("WARNING", ["warning", "error"]),
        ("ERROR", ["error"]),
    ],
)
def test_the_configured_level_is_honoured(
    data: Path, closing: list[Logging], level: str, written: list[str]
) -> None:
    closing.append(start_logging(data, level, console=sys.stderr))
    log.debug("said at debug")
    log.info("said at info")
    log.warning("said at warning")
    log.error("said at error")
    closing[0].close()
    lines = read_log(data).splitlines()
    assert [line.rsplit(" ", 1)[1] for line in lines] == written
    assert all(LINE.match(line) for line in lines), lines
    assert lines[0].split()[1:3] == [written[0].upper(), "kiosk.test:"]
    assert logging.getLogger("kiosk").level == logging.NOTSET  # put back as it was


def test_an_unwritable_log_folder_falls_back_to_the_console_with_one_sentence(
    data: Path, closing: list[Logging]
) -> None:
    data.mkdir()
    (data / "logs").write_text("not a folder")  # CI runs as root: a file stands in for no rights
    console = io.StringIO()
    setup = start_logging(data, "INFO", console=console)
    closing.append(setup)
    log.info("briefing 1: started")
    log.warning("briefing 1: PDF pending")
    lines = console.getvalue().splitlines()
    assert lines[0] == (
        f"kiosk: the log cannot be written in {data / 'logs'} (it is a file, not a folder); "
        "it goes to the console (stderr) instead until the kiosk's user can write there."
    )
    assert setup.problem == lines[0]
    assert len(lines) == 3
    assert lines[1].endswith("INFO kiosk.test: briefing 1: started")
    assert lines[2].endswith("WARNING kiosk.test: briefing 1: PDF pending")


def test_a_log_that_stops_being_writable_says_so_once(data: Path, closing: list[Logging]) -> None:
    console = io.StringIO()
    setup = start_logging(data, "INFO", console=console)
    closing.append(setup)
    log.info("before the disk filled")

    class FullDisk(io.StringIO):
        def write(self, _text: str) -> int:
            raise OSError(28, "No space left on device")

    handler = setup.handlers[0]
    assert isinstance(handler, logging.FileHandler)
    handler.stream.close()
    handler.stream = FullDisk()  # type: ignore[assignment]
    log.info("one")
    assert handler.stream is None  # the next line tries the file afresh
    handler.stream = FullDisk()
    log.info("two")
    log.info("three")  # there is room again
    lines = console.getvalue().splitlines()
    assert lines[0].startswith(f"kiosk: the log cannot be written in {data / 'logs'} (No space")
    assert [line.rsplit(": ", 1)[1] for line in lines[1:]] == ["one", "two"]
    assert "before the disk filled" in read_log(data)
    assert read_log(data).endswith("INFO kiosk.test: three\n")


def test_a_command_keeps_its_console_output_when_the_log_cannot_be_written(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    first = capsys.readouterr()
    assert first.err == ""
    (data / "logs" / "commands.log").unlink()
    (data / "logs").rmdir()
    (data / "logs").write_text("not a folder")
    assert main(["audit", "verify"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("audit chain intact: ") and err == ""


def test_commands_log_their_name_and_outcome_but_not_their_arguments(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    assert main(["records", "list", "--patient", "Okafor"]) == 0
    assert main(["backup", str(data.parent / "copy.db")]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in (data / "logs").iterdir()) == ["commands.log"]
    text = read_log(data, "commands.log")
    lines = text.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert "kiosk.cli.store: init: database ready: " in text
    assert "kiosk.cli: kiosk init: exit status 0" in text
    assert "kiosk.cli: kiosk records list: started (version " in text
    assert "kiosk.cli: kiosk records list: exit status 0" in text
    assert f"backup written: {data.parent / 'copy.db'}" in text
    assert "Okafor" not in text
    assert logging.getLogger("kiosk").handlers == []  # each command took its log down again


def test_start_logs_recovered_briefings_by_id_only(
    data: Path, capsys: pytest.CaptureFixture[str], closing: list[Logging]
) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id)
    clock = FakeClock()
    form = load_form(MILD)
    name, dob = "Ana Ruiz-Villalobos", datetime(1948, 7, 21).date()
    crashed = prepare_briefing(
        store, form, name=name, date_of_birth=dob, mrn="MRN-77123", staff="Nurse", now=clock.now()
    )
    b = Briefing(form, crashed, Recorder(store), clock, patient=Patient(name, dob, "MRN-77123"))
    b.go_next()
    b.confirm_identity(dob)
    while b.current.kind is not ScreenKind.RISK:
        b.go_next()
    b.read_to_end()
    b.acknowledge_risk()  # ...and then the power went
    store.close()

    closing.append(start_logging(data, "DEBUG", console=sys.stderr))
    started = start_kiosk(config, datetime.now(UTC))
    started.store.close()
    closing[0].close()
    text = read_log(data)
    assert "1 briefing(s) left in progress closed as abandoned" in text
    assert f"briefing {crashed}: was in progress at start" in text
    assert "pending PDFs: 0 made, 0 still pending" in text
    for secret in (name, "Ruiz", "1948-07-21", "MRN-77123"):
        assert secret not in text


def test_an_unhandled_exception_is_logged_with_its_traceback_but_not_its_message(
    data: Path, closing: list[Logging]
) -> None:
    console = io.StringIO()
    setup = start_logging(data, "INFO", console=console)
    closing.append(setup)
    before = sys.excepthook, threading.excepthook
    restore = install_crash_hooks(setup)
    try:
        name, born = (
            "Zoë Ångström-Öberg",
            "1951-03-14",
        )  # in variables: the traceback shows code lines

        def record_patient() -> None:
            try:
                raise KeyError(name)
            except KeyError as exc:
                raise ValueError(f"patient {name}, born {born}") from exc

        try:
            record_patient()
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)

        pin, staff = "482913", "Dana Okafor"

        def in_a_thread() -> None:
            raise RuntimeError(f"PIN {pin} for {staff}")

        worker = threading.Thread(target=in_a_thread, name="pdf-worker")
        worker.start()
        worker.join()
    finally:
        restore()
    setup.close()
    text = read_log(data)
    assert "CRITICAL kiosk.logs: unhandled ValueError\nTraceback (most recent call last):" in text
    assert ", in record_patient\n" in text
    assert "builtins.KeyError (its message is not logged" in text
    assert "\n\nwhich led to:\n\nTraceback" in text
    assert "builtins.ValueError (its message is not logged" in text
    assert "CRITICAL kiosk.logs: unhandled RuntimeError in pdf-worker\n" in text
    for secret in ("Zoë", "1951-03-14", "482913", "Okafor"):
        assert secret not in text
    assert console.getvalue().splitlines() == [
        f"kiosk: unexpected ValueError; its traceback is in {data / 'logs' / 'kiosk.log'}",
        f"kiosk: unexpected RuntimeError; its traceback is in {data / 'logs' / 'kiosk.log'}",
    ]
    assert (sys.excepthook, threading.excepthook) == before
