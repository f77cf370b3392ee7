"""A briefing's PDF at the console: a pending one made (as its kiosk would, sealed), its pages
shown, saved as a copy byte for byte and printed, each audited under the staff member's name; one
whose file changed since it was sealed is not shown."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2  # type: ignore[import-untyped]
import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.i18n import msg, words_for
from kiosk.store import open_store
from kiosk.store.models import Document
from kiosk.store.staff import add_staff
from kiosk.ui.console.window import ConsoleWindow
from tests.session.fakes import FakeClock
from tests.shared import open_station
from tests.ui.console_drive import PIN, STAFF, audited, console, fill, sign_in

EN = words_for("en")


def _document() -> Document:
    """The one Document row of this test's records."""
    store = open_store(load_config().database_url, "check", create=False)
    try:
        with store.reading() as session:
            found = session.scalars(select(Document)).one()
            session.expunge(found)
            return found
    finally:
        store.close()


def _open_pdf(qtbot: QtBot, window: ConsoleWindow) -> None:
    view = window.briefings
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.below.setCurrentWidget(view.pdf)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.pdf.shown is not None)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    """The console on the records of kiosk-7 (the desk runs on its computer, with its settings):
    one briefing signed there, its PDF still pending."""
    clock = FakeClock(datetime.now(UTC))
    with open_station(tmp_path, clock, kiosk_id="kiosk-7") as station:
        add_staff(station.store, STAFF, PIN, clock.now())
        fill(station.store, 1)
    yield from console(qtbot)


def test_a_pending_pdf_is_made_then_shown_saved_and_printed(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path
) -> None:
    sign_in(qtbot, window)
    _open_pdf(qtbot, window)
    pdf = window.briefings.pdf
    assert pdf.state.text() == EN("console.pdf.pending")
    assert pdf.make_button.isVisible() and not pdf.print_button.isVisible()
    pdf.make_button.click()
    qtbot.waitUntil(lambda: bool(pdf.page_labels), timeout=10_000)
    pages = len(pdf.page_labels)
    assert pdf.state.text() == EN("console.pdf.pages", count=pages) and pages >= 3
    assert all(not label.pixmap().isNull() for label in pdf.page_labels)
    assert pdf.print_button.isVisible() and not pdf.make_button.isVisible()
    stored = _document()
    assert stored.status == "made" and stored.path
    sealed = load_config().documents_dir / stored.path  # stored relative to the documents folder
    assert main(["verify", str(sealed)]) == 0  # sealed with the kiosk's key, matching the record

    copy = tmp_path / "copy.pdf"
    pdf.ask.save_path = lambda parent, title, suggested: copy  # type: ignore[method-assign]
    pdf.copy_button.click()
    qtbot.waitUntil(lambda: pdf.state.text() == EN(msg("console.pdf.saved", path=str(copy))))
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == stored.sha256

    printed = tmp_path / "printed.pdf"

    def to_file(parent: object) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # quick: 96 dpi
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    pdf.ask.printer = to_file  # type: ignore[method-assign]
    pdf.print_button.click()
    qtbot.waitUntil(
        lambda: pdf.state.text() == EN("console.pdf.printed", count=pages),
        timeout=10_000,
    )
    assert len(pypdfium2.PdfDocument(printed.read_bytes())) == pages
    for action in ("pdf_made_by_staff", "pdf_copied", "pdf_printed"):
        assert [actor for actor, _ in audited(action)] == [STAFF], action

    sealed.write_bytes(b"%PDF-1.7 replaced")  # never shown, copied or printed
    assert pdf.briefing_id is not None
    pdf.show_pdf(pdf.briefing_id)
    altered = EN(msg("console.pdf.altered", path=str(sealed)))
    qtbot.waitUntil(lambda: pdf.state.text() == altered)
    assert not pdf.page_labels and not pdf.print_button.isVisible()


@pytest.fixture
def unsigned(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    """The console on kiosk-7's records: one briefing prepared there, never signed."""
    from kiosk.content import load_form
    from kiosk.paths import bundled_forms_dir
    from kiosk.store.briefings import prepare_briefing

    clock = FakeClock(datetime.now(UTC))
    with open_station(tmp_path, clock, kiosk_id="kiosk-7") as station:
        add_staff(station.store, STAFF, PIN, clock.now())
        form = load_form(bundled_forms_dir() / "mild" / "en.toml")
        prepare_briefing(
            station.store, form, name="Ana Ruiz", date_of_birth=datetime(1950, 1, 2).date(),
            mrn=None, staff=STAFF, now=clock.now(),
        )  # fmt: skip
    yield from console(qtbot)


def test_a_briefing_never_signed_says_it_has_no_pdf_plainly(
    qtbot: QtBot, unsigned: ConsoleWindow
) -> None:
    """Not in the colour of something done: a reviewer read it in green, as a success."""
    sign_in(qtbot, unsigned)
    _open_pdf(qtbot, unsigned)
    state = unsigned.briefings.pdf.state
    assert state.text() == EN("console.pdf.none")
    assert state.objectName() == "muted"


def test_the_print_dialog_offers_no_print_to_file(qtbot: QtBot) -> None:
    """ "Print to File (PDF)" wrote an unsealed copy that could be taken for the signed PDF (a
    reviewer found it the printer chosen for them): staff save a copy of the PDF instead."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter
    from PySide6.QtWidgets import QWidget

    from kiosk.ui.console.ask import print_dialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = print_dialog(QPrinter(), parent)
    assert not dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)


def test_no_printer_is_said_before_any_print_dialog(
    qtbot: QtBot, window: ConsoleWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer without a printer got a print dialog naming none, then "The printer could not
    be opened": this computer has no printer is said first, and no dialog opens."""
    from PySide6.QtWidgets import QDialog

    from kiosk.ui.console import ask

    opened: list[str] = []

    class Dialog:
        def __init__(self, printer: QPrinter, parent: object) -> None:
            opened.append(printer.printerName())

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted  # accepted, naming no printer

    monkeypatch.setattr(ask, "print_dialog", Dialog)
    monkeypatch.setattr(ask, "printers", list)
    sign_in(qtbot, window)
    _open_pdf(qtbot, window)
    pdf = window.briefings.pdf
    pdf.make_button.click()
    qtbot.waitUntil(lambda: bool(pdf.page_labels), timeout=10_000)
    pdf.print_button.click()
    assert pdf.state.text() == EN("console.pdf.no-printer") and opened == []
    assert pdf.print_button.isEnabled() and pdf.copy_button.isVisible()  # a copy can be saved

    # Printers listed, but the dialog gives back none by name (no default, none chosen)
    monkeypatch.setattr(ask, "printers", lambda: ["Office"])
    pdf.say(None)
    pdf.print_button.click()
    assert opened == [""] and pdf.state.text() == EN("console.pdf.no-printer")
    assert audited("pdf_printed") == []
