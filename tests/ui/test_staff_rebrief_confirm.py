"""“Briefed on an older version” as staff meet it: a scrolling list of full-height rows, every
word of each row seen whole in English and Spanish, and a tap on a patient asks first, naming them
(one tap had prepared a re-briefing at once, in a list squeezed to 36–41 px a row)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.i18n import words_for
from kiosk.station import Station
from kiosk.store.models import RebriefingRow
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.drive import tap
from tests.ui.seen import Kind, look, on_window, problems, report, settle
from tests.versions_forms import brief, languages, two_versions

ZOE = "Zoë Ångström"
DOB = date(1950, 2, 3)
OTHERS = ("Ana Ruiz", "Łukasz Wałęsa", "Nguyễn Thị Minh Khai", "Søren Kierkegård", "Renée Dubois")


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    return two_versions(tmp_path)


@pytest.fixture
def settings(versions: tuple[Path, Path], request: pytest.FixtureRequest) -> dict[str, object]:
    """The kiosk's forms folder holds mild 1.1.0; staff read the first language."""
    return {"forms_dir": str(versions[1]), "languages": getattr(request, "param", "en, es")}


def briefed_on_1_0_0(station: Station, clock: FakeClock, versions: tuple[Path, Path]) -> str:
    """Six patients briefed on 1.0.0, their procedure ahead; Zoë's briefing id."""
    before = languages(versions[0])["en"]
    planned = (clock.now() + timedelta(days=10)).date()
    zoe = ""
    for n, name in enumerate((ZOE, *OTHERS)):
        when = clock.now() - timedelta(days=2, hours=n)
        found = brief(station.store, before, name, DOB, mrn=f"M-{n}", planned=planned, when=when)
        zoe = zoe or found
    return zoe


def scroll_to(area: QScrollArea, row: QWidget) -> None:
    """Scrolled as a finger would, until the row is in sight (the list laid out first, as it is
    on screen before a finger can scroll it)."""
    settle()
    area.ensureWidgetVisible(row, 0, 0)
    settle()
    assert on_window(area.window(), area.viewport()).contains(on_window(area.window(), row))


def rebriefings(station: Station) -> int:
    with station.store.reading() as session:
        return session.scalar(select(func.count()).select_from(RebriefingRow)) or 0


@pytest.mark.parametrize("settings", ["en, es", "es, en"], indirect=True)
@pytest.mark.parametrize("display", [QSize(1280, 800), QSize(1080, 1920)], ids=str)
def test_the_list_scrolls_full_height_rows_seen_whole(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    versions: tuple[Path, Path],
    display: QSize,
) -> None:
    zoe = briefed_on_1_0_0(station, clock, versions)
    window.show_at(display)
    window.open_staff()
    tap(qtbot, window.staff.rebrief_button)
    panel = window.staff.rebrief
    qtbot.waitUntil(lambda: len(panel.buttons) == 1 + len(OTHERS), timeout=10_000)
    settle()
    rows = sorted(panel.buttons.values(), key=lambda b: b.y())
    for above, below in pairwise(rows):
        assert above.height() >= 64, f"a row {above.height()} px tall"
        gap = below.y() - (above.y() + above.height())
        assert gap >= 24, f"rows {gap} px apart"
    area = panel.rows
    where = f"the re-briefing list at {display.width()}x{display.height()}"
    seen = problems(look(window, where))
    # Rows further down are out of view until scrolled to (a list, as the questions' is).
    assert not [f for f in seen if f.kind is not Kind.HIDDEN], report(seen)
    if area.verticalScrollBar().maximum() > 0:  # longer than the screen: it scrolls to the last
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
        settle()
    last = rows[-1]
    shown = on_window(window, area.viewport())
    assert shown.contains(on_window(window, last)), "the last row cannot be reached"
    name = panel.buttons[zoe].words
    assert ZOE in name.text()
    seen = problems(look(window, where + ", scrolled"))
    assert not [f for f in seen if f.kind is not Kind.HIDDEN], report(seen)


@pytest.mark.parametrize("settings", ["en, es", "es, en"], indirect=True)
def test_a_tap_on_a_patient_asks_first_naming_them(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    versions: tuple[Path, Path],
) -> None:
    zoe = briefed_on_1_0_0(station, clock, versions)
    words = words_for(station.staff_language)
    window.open_staff()
    tap(qtbot, window.staff.rebrief_button)
    panel = window.staff.rebrief
    qtbot.waitUntil(lambda: zoe in panel.buttons, timeout=10_000)
    scroll_to(panel.rows, panel.buttons[zoe])
    tap(qtbot, panel.buttons[zoe])
    assert rebriefings(station) == 0, "one tap prepared a re-briefing"
    confirm = panel.confirm
    assert confirm.isVisible() and not panel.rows.isVisible()
    asked = words("staff.rebrief.confirm", name=ZOE, born=DOB)
    assert confirm.note.text() == asked and ZOE in asked
    assert confirm.go_button.height() >= 64 and confirm.keep_button.height() >= 64
    tap(qtbot, confirm.keep_button)  # not this one: the list again, nothing prepared
    assert panel.rows.isVisible() and rebriefings(station) == 0
    scroll_to(panel.rows, panel.buttons[zoe])
    tap(qtbot, panel.buttons[zoe])
    tap(qtbot, confirm.go_button)
    qtbot.waitUntil(lambda: zoe not in panel.buttons, timeout=10_000)
    assert rebriefings(station) == 1
    assert panel.message.text() == words("staff.rebrief.prepared", name=ZOE)
    assert panel.rows.isVisible()
