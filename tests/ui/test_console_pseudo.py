"""The console's new views in the pseudo-locale: every word on the Export and Dashboard tabs, the
PDF tab and a briefing ready to withdraw comes from the catalog (bracketed), but the records' own
values (names, ids, numbers, dates, the form's screen titles)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from kiosk.config import load_config
from kiosk.i18n import PSEUDO, words_for
from kiosk.services.console import ConsoleDesk
from kiosk.session import SystemClock
from kiosk.ui.console.window import ConsoleWindow
from tests.ui.console_drive import FORM, PIN, STAFF, demo_data, sign_in
from tests.ui.seen import Finding, not_from_catalog, problems, report, settle


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    demo_data(tmp_path / "data")
    w = ConsoleWindow(lambda: ConsoleDesk.open(load_config(), SystemClock()), words_for(PSEUDO))
    w.resize(1200, 760)
    w.show()
    w.open()
    qtbot.waitUntil(lambda: w.sign_in.ok.isEnabled())
    yield w
    w.close()
    w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_new_views_speak_the_catalog(qtbot: QtBot, window: ConsoleWindow) -> None:
    sign_in(qtbot, window, pin=PIN)
    view = window.briefings
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.model.busy())
    allowed = {STAFF, FORM.id, FORM.version, "demo-kiosk", "front-desk", "PDF", "CSV", "JSON"}
    allowed |= {"FHIR", "NDJSON", "Bundle", "zip"}  # format names, kept in every language
    allowed |= {r.patient_name or "" for r in view.model.rows} | {
        r.mrn or "" for r in view.model.rows
    }
    findings: list[Finding] = []

    def look(screen: str) -> None:
        settle()
        findings.extend(not_from_catalog(window, screen, allowed))

    view.below.setCurrentWidget(view.pdf)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.pdf.shown is not None)
    look("a briefing's PDF (pending at another kiosk)")
    window.tabs.setCurrentWidget(window.export)
    look("export")
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: window.dashboard.figures is not None)
    look("dashboard")
    window.tabs.setCurrentWidget(window.rebrief)
    qtbot.waitUntil(lambda: bool(window.rebrief.count.text()))
    look("re-briefing")
    bad = problems(findings)
    assert not bad, report(bad, most=20)
