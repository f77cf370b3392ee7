"""The search's keys hold still while the list under them narrows: a reviewer, in practice mode,
typed an Arabic name's first letter and the rows of keys moved 6 to 16 px down under the finger,
the keys given the room the list no longer asked for (a list scrolls: it asks for none)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.ui.drive import key, tap
from tests.ui.seen import settle


@pytest.mark.parametrize("practice_banner", [True, False])
def test_the_keys_stay_where_they_are_as_the_search_narrows(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock, practice_banner: bool
) -> None:
    form = load_form(MILD)
    for n, name in enumerate(("Ana Ruiz", "Ben Okafor", "محمد علي")):
        prepare_briefing(
            station.store, form, name=name, date_of_birth=date(1960, 1, 1 + n), mrn=f"10{n}",
            staff="Sam Carter", now=clock.now() - timedelta(minutes=n),
        )  # fmt: skip
    window.open_staff()
    tap(qtbot, window.staff.list_button)
    panel = window.staff.briefings
    qtbot.waitUntil(lambda: len(panel.buttons) == 3)
    tap(qtbot, panel.keys_button)
    keys = panel.keys
    if not keys.script_showing():  # the Arabic letters' page (its key: أ ب ت)
        tap(
            qtbot,
            next(b for b in keys.findChildren(QPushButton) if "ب" in b.text() and b.isVisible()),
        )
    settle()

    def places() -> list[tuple[int, int]]:
        shown = [b for b in keys.findChildren(QPushButton) if b.isVisible()]
        return sorted((b.mapTo(window, QPoint(0, 0)).y(), b.height()) for b in shown)

    before = places()
    tap(qtbot, key(keys, "م"))
    qtbot.waitUntil(lambda: len(panel.buttons) == 1)
    settle()
    assert places() == before
