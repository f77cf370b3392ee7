"""Re-briefing and “Print my copy” through the real widgets: staff see the patient briefed on
1.0.0 once the kiosk has 1.1.0, prepare their re-briefing with a tap, the patient is shown only the
changed and new risks, then review and signing, and prints their own copy on Done."""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.models import AuditEntry, Document, RebriefingRow
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.shared import fake_lp
from tests.ui.drive import (
    acknowledge,
    english,
    kind,
    message,
    next_,
    sign_here,
    tap,
    texts,
    type_date,
)
from tests.ui.seen import look, problems, report, settle
from tests.ui.staff_drive import staff_fits
from tests.versions_forms import ADDED, CHANGED, brief, languages, two_versions

NAME = "Ana Ruiz"
DOB = date(1950, 2, 3)


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    return two_versions(tmp_path)


@pytest.fixture
def settings(versions: tuple[Path, Path]) -> dict[str, object]:
    """The kiosk's forms folder holds mild 1.1.0; Done offers “Print my copy”."""
    return {"forms_dir": str(versions[1]), "patient_copy": True}


@pytest.fixture
def printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake `lp` that keeps a copy of the file it is given (never a real printer)."""
    bin_dir, printed = tmp_path / "bin", tmp_path / "printed.pdf"
    fake_lp(bin_dir, f'for a in "$@"; do last="$a"; done; cp "$last" {printed}')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return printed


def briefed_on_1_0_0(station: Station, clock: FakeClock, versions: tuple[Path, Path]) -> str:
    planned = (clock.now() + timedelta(days=10)).date()
    when = clock.now() - timedelta(days=2)
    before = languages(versions[0])["en"]
    return brief(station.store, before, NAME, DOB, mrn="M-1", planned=planned, when=when)


def test_staff_prepare_a_rebriefing_and_the_patient_sees_only_what_changed_then_prints_a_copy(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    versions: tuple[Path, Path],
    printer: Path,
) -> None:
    earlier = briefed_on_1_0_0(station, clock, versions)
    window.open_staff()
    menu_says = english("staff.menu.rebrief-count", count=1)  # seen from the menu
    qtbot.waitUntil(lambda: window.staff.rebrief_button.text() == menu_says, timeout=10_000)
    staff_fits(window, "the staff menu with a patient to brief again")
    tap(qtbot, window.staff.rebrief_button)
    panel = window.staff.rebrief
    qtbot.waitUntil(lambda: earlier in panel.buttons, timeout=10_000)
    row = panel.buttons[earlier].words.text()
    assert NAME in row and "Version 1.0.0 → now 1.1.0" in row and "planned" in row
    staff_fits(window, "the re-briefing list")
    for size in (QSize(1280, 800), QSize(1080, 1920)):  # every word of each row seen whole
        window.show_at(size)
        settle()
        bad = problems(look(window, f"the re-briefing list at {size.width()}x{size.height()}"))
        assert not bad, report(bad)
    window.show_at(QSize(1280, 800))
    tap(qtbot, panel.buttons[earlier])
    tap(qtbot, panel.confirm.go_button)  # asked first, naming the patient
    qtbot.waitUntil(lambda: not panel.buttons, timeout=10_000)  # prepared: off the list
    assert panel.message.text() == english("staff.rebrief.prepared", name=NAME)
    with station.store.reading() as session:
        rebrief = session.scalars(select(RebriefingRow)).one()
    assert rebrief.earlier_id == earlier
    tap(qtbot, panel.menu_button)
    qtbot.waitUntil(lambda: window.staff.rebrief_button.text() == english("staff.menu.rebrief"))
    tap(qtbot, window.staff.back_button)

    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    type_date(qtbot, window.identity.keypad, "02031950")
    next_(qtbot, window)
    b = window.briefing
    assert b is not None and b.current.id == CHANGED, message(window)
    assert window.top.where.text() == english("rebrief.changed")
    assert "blood transfusion" in " ".join(texts(window.reading))
    acknowledge(qtbot, window)
    next_(qtbot, window)
    assert b.current.id == ADDED and window.top.where.text() == english("rebrief.added")
    acknowledge(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.REVIEW
    next_(qtbot, window)
    assert kind(window) is ScreenKind.SIGN
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=20_000):
        next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE
    done = window.done
    qtbot.waitUntil(done.print_button.isVisible)
    assert done.print_button.text() == english("done.print")
    tap(qtbot, done.print_button)
    qtbot.waitUntil(lambda: done.copy.text.text() == english("done.printed"), timeout=10_000)
    assert not done.print_button.isVisible()
    assert printer.exists()
    with station.store.reading() as session:
        doc = session.scalars(select(Document).where(Document.briefing_id == b.briefing_id)).one()
        printed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "patient_copy_printed")
        ).one()
    assert hashlib.sha256(printer.read_bytes()).hexdigest() == doc.sha256
    assert printed.subject == f"briefing:{b.briefing_id}" and printed.actor == "patient"
    assert b.briefing_id != earlier
    text = subprocess.run(
        ["pdftotext", str(station.config.documents_dir / str(doc.path)), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert f"This briefing follows briefing {earlier}" in " ".join(text.split())


def test_a_copy_that_cannot_be_printed_is_one_sentence_and_can_be_asked_again(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    versions: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bin_dir = tmp_path / "bin"
    fake_lp(bin_dir, 'echo "lp: The printer or class does not exist." >&2; exit 1')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    earlier = briefed_on_1_0_0(station, clock, versions)
    from kiosk.store.rebriefings import prepare_rebriefing

    prepare_rebriefing(
        station.store, earlier, station.forms["mild"], staff="Sam Carter", now=clock.now()
    )
    tap(qtbot, window.welcome.start_button)
    type_date(qtbot, window.identity.keypad, "02031950")
    next_(qtbot, window)
    for _ in range(2):
        acknowledge(qtbot, window)
        next_(qtbot, window)
    next_(qtbot, window)
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=20_000):
        next_(qtbot, window)
    done = window.done
    qtbot.waitUntil(done.print_button.isVisible)
    tap(qtbot, done.print_button)
    said = english("done.print-failed")  # (this assertion had been vacuous)
    qtbot.waitUntil(lambda: done.copy.text.text() == said, timeout=10_000)
    assert done.copy.isVisible()
    qtbot.waitUntil(done.print_button.isEnabled, timeout=10_000)  # it can be asked again
