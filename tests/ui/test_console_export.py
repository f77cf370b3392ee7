"""Exporting at the console: a date range written as CSV through `kiosk records export`'s own
code, off the GUI thread, audited under the staff member's name; and an export cancelled midway
leaves nothing under the file's name, nor a temporary file beside it."""

from __future__ import annotations

import csv
import threading
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from kiosk.i18n import msg, words_for
from kiosk.records import query as query_module
from kiosk.records.desk import DeskFilters
from kiosk.ui.console.window import ConsoleWindow
from tests.ui.console_drive import BRIEFINGS, STAFF, audited, console, demo_data, sign_in

EN = words_for("en")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    demo_data(tmp_path / "data")
    yield from console(qtbot)


def _exporting(qtbot: QtBot, window: ConsoleWindow, target: Path, fmt: str = "csv") -> None:
    sign_in(qtbot, window)
    view = window.export
    window.tabs.setCurrentWidget(view)
    view.format.setCurrentIndex(view.format.findData(fmt))
    view.ask.save_path = lambda parent, title, suggested: target  # type: ignore[method-assign]
    qtbot.mouseClick(view.button, Qt.MouseButton.LeftButton)


def test_an_export_writes_the_date_range_and_is_audited(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "briefings.csv"
    target.parent.mkdir()
    _exporting(qtbot, window, target)
    view = window.export
    qtbot.waitUntil(lambda: not view.running())
    assert view.message.text() == EN(msg("console.export.done", count=BRIEFINGS, path=str(target)))
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "briefing_id" and len(rows) == BRIEFINGS + 1
    assert [actor for actor, _ in audited("records_exported")] == [STAFF]
    assert view.button.isEnabled() and not view.cancel_button.isVisible()

    view.set_days(date(2026, 11, 8), date(2026, 10, 7))  # refused: the last export's 100% goes
    view.export_to(tmp_path / "out" / "reversed.csv")
    assert view.bar.isHidden() and view.count.text() == ""  # (it stood over the refusal)
    view.set_days(date(2001, 1, 1), date(2001, 1, 2))  # no briefings then: a file with its header
    view.export_to(tmp_path / "out" / "none.csv")
    qtbot.waitUntil(lambda: not view.running())
    assert (tmp_path / "out" / "none.csv").read_text(encoding="utf-8-sig").count("\n") == 1


def test_an_export_cancelled_midway_leaves_nothing(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query_module, "CHUNK", 3)  # four steps for the twelve briefings
    gate = threading.Event()

    def hold_after_first_step(done: int, total: int) -> None:  # on the export's thread
        gate.wait(5)

    window.export.progress.told.connect(hold_after_first_step, Qt.ConnectionType.DirectConnection)
    target = tmp_path / "out" / "briefings.json"
    target.parent.mkdir()
    _exporting(qtbot, window, target, "json")
    view = window.export
    qtbot.waitUntil(lambda: view.bar.value() == 3 and view.bar.maximum() == BRIEFINGS)
    assert view.count.text() == EN("console.export.progress", count=BRIEFINGS, done=3)
    assert view.cancel_button.isVisible() and not view.button.isEnabled()
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not view.running())
    assert view.message.text() == EN("console.export.cancelled")
    assert list(target.parent.iterdir()) == []  # no file, no temporary one beside it
    assert audited("records_exported") == []


def test_a_folder_that_is_not_there_is_one_sentence(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "briefings.csv"
    _exporting(qtbot, window, target)
    assert window.export.message.text() == EN("console.export.no-folder", folder=str(target.parent))
    assert not window.export.running()


def test_days_the_wrong_way_round_are_refused_before_anything_is_written(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path
) -> None:
    """A reviewer's From after "Up to and including" was swapped and reported done ("0 briefings
    exported", a file named for days never asked): refused, naming both fields, before the save
    dialog, as `kiosk records list --from X --to Y` refuses it."""
    sign_in(qtbot, window)
    view = window.export
    window.tabs.setCurrentWidget(view)
    asked: list[Path] = []

    def save_path(parent: object, title: str, suggested: Path) -> Path:
        asked.append(suggested)
        return tmp_path / "briefings.csv"

    view.ask.save_path = save_path  # type: ignore[method-assign]
    view.set_days(date(2026, 11, 8), date(2026, 10, 7))
    qtbot.mouseClick(view.button, Qt.MouseButton.LeftButton)
    said = EN(
        msg(
            "console.export.days-reversed",
            first=msg("console.export.first"),
            last=msg("console.export.last"),
        )
    )
    assert view.message.text() == said and asked == []
    assert EN("console.export.first") in said and EN("console.export.last") in said
    view.export_to(tmp_path / "briefings.csv")  # and however the export is asked for
    assert view.message.text() == said and not view.running()
    assert list(tmp_path.glob("*.csv")) == [] and audited("records_exported") == []


@pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard)"
)  # offscreen
def test_the_days_are_typed_in_numbers_and_read_as_typed(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path
) -> None:
    """A reviewer typed "Dec 1, 2026" into From and got Nov 1, 2026, with no word: the month's
    name could not be typed over. The desk's days are typed in numbers, in the order of its date
    of birth (or as ISO), or picked from a calendar; a day that cannot be read is said, and never
    exported as the day the field held before."""
    sign_in(qtbot, window)
    view = window.export
    window.tabs.setCurrentWidget(view)
    for edit, typed, day in (
        (view.first, "12/1/2026", date(2026, 12, 1)),
        (view.last, "2026-12-31", date(2026, 12, 31)),
    ):
        edit.selectAll()
        qtbot.keyClicks(edit, typed)
        edit.editingFinished.emit()  # (leaving the field)
        assert edit.day() == day
    assert (view.first.text(), view.last.text()) == ("12/01/2026", "12/31/2026")
    view.first.selectAll()
    qtbot.keyClicks(view.first, "Dec 1, 2026")
    view.first.editingFinished.emit()
    said = EN(msg("console.filter.day-unreadable", hint=msg("console.prepare.date-hint")))
    assert view.message.text() == said and "MM/DD/YYYY" in said
    view.export_to(tmp_path / "briefings.csv")
    assert view.message.text() == said and not view.running()
    assert list(tmp_path.glob("*.csv")) == []
    view.first.selectAll()
    qtbot.keyClicks(view.first, "11/30/2026")  # typed right: what was said of it goes
    view.first.editingFinished.emit()
    assert view.message.text() == "" and view.first.day() == date(2026, 11, 30)
    view.first.open_calendar()  # picked from the calendar instead
    assert view.first.calendar is not None
    view.first.calendar.clicked.emit(QDate(2026, 11, 2))
    assert view.first.day() == date(2026, 11, 2) and view.first.text() == "11/02/2026"
    for tab in (window.dashboard, window.briefings.bar):
        assert {e.displayFormat() for e in (tab.first, tab.last)} == {"MM/dd/yyyy"}


def test_the_pdfs_export_says_how_many_pdfs_and_how_many_briefings_have_none(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path
) -> None:
    """A reviewer read "1 of 1 briefing written", then "4 briefings exported", of a zip holding one
    PDF: the last words count the PDFs written and the briefings without one, and say where
    those are named. A name typed without an ending gets ".zip"; one ending in ".json" (another
    format's) is refused."""
    out = tmp_path / "out"
    out.mkdir()
    _exporting(qtbot, window, out / "november.json", "pdf-zip")
    view = window.export
    said = EN(
        msg("console.export.wrong-suffix", name="november.json", given=".json", suffix=".zip")
    )
    assert view.message.text() == said and not view.running()
    assert list(out.iterdir()) == []

    view.export_to(out / "november")
    qtbot.waitUntil(lambda: not view.running())
    target = out / "november.zip"
    assert target.is_file() and list(out.iterdir()) == [target]
    with zipfile.ZipFile(target) as archive:
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
        notes = archive.read("NOT-INCLUDED.txt").decode()
    assert pdfs == []  # the demo's briefings are signed, their PDFs not made yet
    assert notes.count("its PDF is still pending") == BRIEFINGS
    assert view.message.text() == " ".join(
        (
            EN("console.export.pdfs-done", count=0, path=str(target)),
            EN("console.export.pdfs-without", count=BRIEFINGS),
        )
    )
    assert EN("console.export.done", count=BRIEFINGS, path=str(target)) not in view.message.text()


def test_save_dialogs_open_in_the_copies_folder_offering_the_file_s_kind(
    qtbot: QtBot, window: ConsoleWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer's Export… and Save a copy… opened in the home folder, "All Files (*)"."""
    from PySide6.QtWidgets import QFileDialog

    from kiosk.config import load_config

    copies = load_config().copies_dir
    copies.mkdir(parents=True, exist_ok=True)
    asked: list[tuple[str, str]] = []

    def dialog(parent: object, title: str, where: str, kind: str) -> tuple[str, str]:
        asked.append((where, kind))
        return "", ""  # cancelled: nothing written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    sign_in(qtbot, window)
    view = window.export
    window.tabs.setCurrentWidget(view)
    view.format.setCurrentIndex(view.format.findData("csv"))
    qtbot.mouseClick(view.button, Qt.MouseButton.LeftButton)
    ((where, kind),) = asked
    assert Path(where).parent == copies and Path(where).suffix == ".csv"
    assert kind == EN("console.save.files-of", kind="CSV", pattern="*.csv") == "CSV files (*.csv)"
    assert not view.running() and audited("records_exported") == []


def test_one_patient_s_record_is_exported_for_the_chart(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path
) -> None:
    """A reviewer had to export everyone of those days to put one patient's record in the chart."""
    sign_in(qtbot, window)
    view = window.export
    window.tabs.setCurrentWidget(view)
    desk = window.desk
    assert desk is not None
    listed = desk.listing(DeskFilters()).rows
    mrn = next(r.mrn for r in listed if r.mrn)
    view.format.setCurrentIndex(view.format.findData("csv"))
    qtbot.keyClicks(view.patient, mrn.lower())
    target = tmp_path / "one.csv"
    view.export_to(target)
    qtbot.waitUntil(lambda: not view.running())
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["mrn"] for r in rows] == [mrn]
    assert view.message.text() == EN(msg("console.export.done", count=1, path=str(target)))
    assert '"patient":true' in audited("records_exported")[-1][1]  # never the text typed
    assert mrn.lower() not in audited("records_exported")[-1][1].lower()
    window.sign_out("staff")
    assert view.patient.text() == ""  # gone from the screen with the staff member
