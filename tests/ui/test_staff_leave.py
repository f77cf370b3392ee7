"""Closing the kiosk from staff mode asks first (“Close the kiosk? Patients cannot use it until IT
starts it again”, Close or Keep it open), and “Close the kiosk” never stands where another staff
screen has its Cancel or Back: a second tap after Cancel, on the same spot, had closed the kiosk."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.cli import main
from kiosk.i18n import words_for
from kiosk.station import Station
from kiosk.store.models import AuditEntry
from kiosk.ui.staff import prepare
from kiosk.ui.staff.sign_in import StaffSignIn
from kiosk.ui.window import KioskWindow
from tests.ui.drive import key, tap
from tests.ui.seen import look, problems, report, settle

STAFF, PIN = "Dana Okafor", "482913"


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> dict[str, object]:
    return {"languages": getattr(request, "param", "en, es, ar")}


@pytest.fixture
def staffed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """`kiosk staff add` as IT runs it: the PIN typed twice."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n{PIN}\n"))
    assert main(["staff", "add", STAFF]) == 0
    capsys.readouterr()
    return STAFF


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_close_the_kiosk_asks_first_and_keeps_it_open_if_told(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    words = words_for(station.staff_language)
    page = window.staff
    window.open_staff()
    tap(qtbot, page.leave_button)
    assert window.isVisible(), "one tap closed the kiosk"
    settle()
    confirm = page.leave_confirm
    assert confirm.isVisible()
    assert confirm.title.text() == words("staff.leave.title")
    assert confirm.note.text() == words("staff.leave.note")
    assert confirm.go_button.text() == words("staff.leave.close")
    assert confirm.keep_button.text() == words("staff.leave.keep")
    keep, go = confirm.keep_button, confirm.go_button
    assert keep.height() >= 64 and go.height() >= 64 and go.height() == keep.height()
    apart = on_screen(keep).united(on_screen(go)).width() - keep.width() - go.width()
    assert apart >= 24
    seen = problems(look(window, "close the kiosk?"))
    assert not seen, report(seen)
    tap(qtbot, keep)
    assert page.pages.currentWidget() is page.menu and window.isVisible()
    tap(qtbot, page.leave_button)
    tap(qtbot, go)
    assert not window.isVisible()
    with station.store.reading() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "kiosk_left" in actions


@pytest.mark.parametrize("settings", ["en, es, ar", "ar, en, es"], indirect=True)
@pytest.mark.parametrize("display", [QSize(1280, 800), QSize(1080, 1920)], ids=str)
def test_close_stands_apart_from_every_cancel_and_back(
    qtbot: QtBot, window: KioskWindow, station: Station, staffed: str, display: QSize
) -> None:
    window.show_at(display)
    page = window.staff
    window.open_staff()
    settle()
    close = on_screen(page.leave_button)
    tap(qtbot, page.leave_button)
    settle()
    confirmed = on_screen(page.leave_confirm.go_button)
    assert not confirmed.intersects(close), "a second tap on the same spot closes the kiosk"
    tap(qtbot, page.leave_confirm.keep_button)

    ways_back: dict[str, QRect] = {}
    tap(qtbot, page.prepare_button)
    form = page.prepare
    settle()
    ways_back["Cancel (prepare)"] = on_screen(form.cancel_button)
    form.steps.setCurrentIndex(prepare.BIRTH)
    form.back_button.show()
    settle()
    ways_back["Back (prepare)"] = on_screen(form.back_button)
    ways_back["Next (prepare)"] = on_screen(form.next_button)
    tap(qtbot, form.cancel_button)
    for name, opener, panel in (
        ("briefings", page.list_button, page.briefings),
        ("questions", page.questions_button, page.questions),
        ("re-briefings", page.rebrief_button, page.rebrief),
    ):
        tap(qtbot, opener)
        settle()
        ways_back[f"Staff menu ({name})"] = on_screen(panel.menu_button)
        tap(qtbot, panel.menu_button)
    page.open_represent()
    settle()
    ways_back["Staff menu (representative)"] = on_screen(page.represent.menu_button)
    page.show_menu()
    words = words_for(station.staff_language)
    dialog = StaffSignIn(window, station, words("staff.mode-reason"), words)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ways_back["Cancel (sign-in)"] = on_screen(dialog.cancel)
    tap(qtbot, key(dialog, STAFF))
    settle()
    ways_back["Another name (sign-in)"] = on_screen(dialog.back)
    dialog.reject()
    for button, where in ((close, "Close the kiosk"), (confirmed, "Close (asked)")):
        under = [name for name, rect in ways_back.items() if rect.intersects(button)]
        assert under == [], f"{where} at {button} stands where {under} stand"
