"""Withdrawing a prepared briefing, in staff mode at the kiosk and at the console: a reason asked,
the withdrawal audited under the staff member's name, and the kiosk no longer offers it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.session import Briefing
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import AuditEntry
from kiosk.store.staff import add_staff
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.shared import open_station
from tests.ui.console_drive import FORM, PIN, STAFF, audited, console, sign_in
from tests.ui.drive import english, tap


def _offered(station: Station) -> str | None:
    offered = station.next_briefing()
    return offered.briefing_id if isinstance(offered, Briefing) else None


def test_staff_mode_withdraws_a_waiting_briefing_with_a_reason(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    assert _offered(station) == prepared
    window.open_staff()
    tap(qtbot, window.staff.list_button)
    panel = window.staff.briefings
    qtbot.waitUntil(lambda: prepared in panel.buttons)
    tap(qtbot, panel.buttons[prepared])
    detail = window.staff.detail
    qtbot.waitUntil(lambda: detail.withdraw_button.isVisible())
    assert not detail.reason_buttons["wrong-patient"].isVisible()
    tap(qtbot, detail.withdraw_button)  # first the reasons, or keep it
    assert detail.why.text() == english("staff.detail.withdraw-why")
    tap(qtbot, detail.keep_button)
    assert detail.withdraw_button.isVisible() and not detail.keep_button.isVisible()
    tap(qtbot, detail.withdraw_button)
    # A step that cannot be undone, not the page's main action: each reason in the notice's
    # colours (both were solid main buttons, "Keep it" the plain one).
    palette = window.look.palette
    for b in detail.reason_buttons.values():
        inside = b.grab().toImage().pixelColor(8, b.height() // 2)
        assert (
            inside.name() == QColor(palette.notice_surface).name() != QColor(palette.primary).name()
        )
        assert (
            b.words.palette().color(b.words.foregroundRole()).name()
            == QColor(palette.notice).name()
        )
    tap(qtbot, detail.reason_buttons["not-wanted"])
    qtbot.waitUntil(lambda: detail.message.text() == english("staff.detail.withdrawn"))
    assert english("staff.status.withdrawn") in detail.facts.text()
    assert not detail.withdraw_button.isVisible()
    assert _offered(station) != prepared
    with station.store.reading() as session:
        (entry,) = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "briefing_withdrawn")
        )
    assert entry.actor == "Sam Carter" and json.loads(entry.detail) == {"reason": "not-wanted"}


def test_the_console_withdraws_a_waiting_briefing_with_a_reason(
    qtbot: QtBot, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC))
    with open_station(tmp_path, clock, kiosk_id="kiosk-7") as station:
        add_staff(station.store, STAFF, PIN, clock.now())
        waiting = prepare_briefing(
            station.store, FORM, name="Ben Okafor", date_of_birth=date(1970, 7, 8), mrn=None,
            staff=STAFF, now=clock.now(),
        )  # fmt: skip
        assert _offered(station) == waiting
        asked: list[list[str]] = []

        def choose(parent: object, title: str, label: str, options: list[str]) -> int:
            asked.append(options)
            return 0  # made for the wrong patient

        for window in console(qtbot):
            sign_in(qtbot, window)
            view = window.briefings
            qtbot.waitUntil(lambda: view.model.rowCount() == 1)  # noqa: B023
            view.ask.choice = choose  # type: ignore[method-assign]
            view.table.selectRow(0)
            qtbot.waitUntil(lambda: view.pane.withdraw_button.isVisible())  # noqa: B023
            view.pane.withdraw_button.click()
            qtbot.waitUntil(
                lambda: english("staff.status.withdrawn") in view.pane.facts.text()  # noqa: B023
            )
            assert view.pane.note.text() == english("console.withdraw.done")
            assert asked == [
                [english("staff.withdraw.wrong-patient"), english("staff.withdraw.not-wanted")]
            ]
            assert not view.pane.withdraw_button.isVisible()
            withdrawn = english("console.event.withdrawn", detail=asked[0][0])
            assert withdrawn in view.pane.event_texts()
            assert [a for a, _ in audited("briefing_withdrawn")] == [STAFF]
            assert _offered(station) != waiting
