"""Staff mode in the pseudo-locale: every word a staff member sees comes from the catalog.

The page is built with the pseudo-locale's words (every message accented, longer, bracketed), and
each of its screens is looked at as in test_layout_matrix: a visible word outside brackets that
is not the patient's own detail, the form's content or Babel's month name is a finding."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import PSEUDO, language_name, languages, words_for
from kiosk.services.staff import StaffDesk
from kiosk.station import Station
from kiosk.ui import theme
from kiosk.ui.jobs import Jobs
from kiosk.ui.staff.page import StaffPage
from tests.session.fakes import FakeClock
from tests.ui.drive import tap, type_date
from tests.ui.seen import Finding, not_from_catalog, problems, report, settle
from tests.versions_forms import brief

NAME = "Łukasz Wałęsa"


@pytest.fixture
def staff_page(
    qtbot: QtBot, station: Station, prepared: str, clock: FakeClock
) -> Iterator[tuple[QWidget, StaffPage]]:
    older = station.forms["mild"].model_copy(update={"version": "1.0.9"})
    planned = (clock.now() + timedelta(days=5)).date()
    brief(station.store, older, NAME, date(1962, 8, 31), planned=planned, when=clock.now())
    holder = QWidget()
    qtbot.addWidget(holder)
    jobs = Jobs(holder)
    page = StaffPage(StaffDesk(station), jobs, words_for(PSEUDO))
    QVBoxLayout(holder).addWidget(page)
    holder.setStyleSheet(theme.Look(theme.STANDARD, theme.BASE_PX).stylesheet())
    holder.resize(QSize(1280, 800))
    holder.show()
    qtbot.waitExposed(holder)
    yield holder, page
    jobs.wait()
    page.forget()
    holder.close()
    holder.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # no name outlives it


def test_every_staff_screen_speaks_the_catalog(
    qtbot: QtBot, staff_page: tuple[QWidget, StaffPage], station: Station
) -> None:
    holder, page = staff_page
    allowed = {"Sam Carter", NAME, "Zoë Ångström-Öberg", "mild", "MRN-0042", "A-12"}
    allowed |= {language_name(code) for code in languages()}  # each by its own name (Babel's)
    findings: list[Finding] = []

    def look(screen: str) -> None:
        settle()
        findings.extend(not_from_catalog(holder, screen, allowed))

    page.open_for("Sam Carter", [], False)
    look("menu")
    tap(qtbot, page.prepare_button)
    look("prepare: name")
    page.prepare.name.setText(NAME)
    page.prepare.next()
    look("prepare: birth date")
    type_date(qtbot, page.prepare.keypad, "08311962")
    page.prepare.next()
    look("prepare: MRN")
    page.prepare.mrn.setText("A-12")
    page.prepare.next()
    look("prepare: procedure and check")
    page.prepare.cancel()
    tap(qtbot, page.list_button)
    qtbot.waitUntil(lambda: bool(page.briefings.buttons), timeout=10_000)
    look("briefings")
    tap(qtbot, next(iter(page.briefings.buttons.values())))
    qtbot.waitUntil(lambda: page.detail.isVisible(), timeout=10_000)
    look("a briefing")
    qtbot.waitUntil(page.detail.withdraw_button.isVisible)  # the row drawn: it still waits
    tap(qtbot, page.detail.withdraw_button)
    look("a briefing: why withdraw it")
    page.show_menu()
    tap(qtbot, page.rebrief_button)
    qtbot.waitUntil(lambda: bool(page.rebrief.buttons), timeout=10_000)
    look("briefed on an older version")
    bad = problems(findings)
    assert not bad, report(bad, most=20)


def test_what_the_kiosk_found_at_its_start_is_introduced_in_the_staff_language(
    staff_page: tuple[QWidget, StaffPage],
) -> None:
    _, page = staff_page
    found = "forms/knee.toml: line 3: 'title' is missing"
    page.open_for("Sam Carter", [found], False)
    lines = page.notes.text().splitlines()
    assert lines == [words_for(PSEUDO)("problem.at-start", 1), found]
    assert page.notes.isVisible()
    page.open_for("Sam Carter", [], False)
    assert not page.notes.isVisible() and not page.notes.text()
