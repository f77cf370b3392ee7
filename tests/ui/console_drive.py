"""Driving the console as a coordinator would, on a store `kiosk demo` filled (shared by the console
tests; test modules never import each other)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import load_config
from kiosk.content import load_form
from kiosk.demo import StepClock, fill_demo, one_briefing
from kiosk.services.console import ConsoleDesk
from kiosk.session import SystemClock
from kiosk.store import Store, open_store
from kiosk.store.models import AuditEntry
from kiosk.store.staff import add_staff
from kiosk.ui.console.prepare import PrepareView
from kiosk.ui.console.window import ConsoleWindow
from tests.conftest import MILD

FORM = load_form(MILD)
STAFF, PIN = "Sam Carter", "2468"
BRIEFINGS = 12


def demo_data(folder: Path, count: int = BRIEFINGS) -> None:
    """`count` completed demo briefings (no PDFs: quicker) in the data folder, and a staff account."""
    fill_demo(folder, FORM, count, datetime.now(UTC) - timedelta(hours=count), seed=5, pdfs=False)
    store = open_store(f"sqlite:///{folder / 'kiosk.db'}", "front-desk")
    add_staff(store, STAFF, PIN, datetime.now(UTC))
    store.close()


def fill(store: Store, count: int, seed: int = 1) -> None:
    """`count` briefings through the real flow, as the demo makes them, on any store."""
    rng = random.Random(seed)
    for n in range(count):
        start = datetime.now(UTC) - timedelta(hours=n + 1)
        one_briefing(store, FORM, rng, StepClock(start, rng))


def console(qtbot: QtBot) -> Iterator[ConsoleWindow]:
    """The console on the settings of this test's folders, records opened, names listed; closed
    and deleted afterwards (by this generator, not qtbot: it must not close it twice)."""
    window = ConsoleWindow(lambda: ConsoleDesk.open(load_config(), SystemClock()))
    window.resize(1200, 760)
    window.show()
    window.open()
    qtbot.waitUntil(lambda: window.sign_in.ok.isEnabled() or window.sign_in.again.isVisible())
    yield window
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def sign_in(qtbot: QtBot, window: ConsoleWindow, pin: str = PIN, name: str = STAFF) -> None:
    """Choose the name, type the PIN, press Enter; wait for the answer."""
    page = window.sign_in
    page.name.setCurrentIndex(page.name.findText(name))
    page.pin.setFocus()
    qtbot.keyClicks(page.pin, pin)
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.ok.isEnabled())


def prepare_at(qtbot: QtBot, window: ConsoleWindow, kiosk: str) -> PrepareView:
    """Signed in, on the Prepare view, with `kiosk` chosen once the kiosks are read."""
    sign_in(qtbot, window)
    view = window.prepare
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.kiosk.findText(kiosk) >= 0)
    view.kiosk.setCurrentIndex(view.kiosk.findText(kiosk))
    return view


def listed(qtbot: QtBot, window: ConsoleWindow, count: int) -> None:
    """Wait until the briefings list shows `count` rows and nothing is being read."""
    model = window.briefings.model
    qtbot.waitUntil(lambda: not model.busy() and model.rowCount() == count, timeout=30_000)


def database_url(tmp_path: Path, url: str) -> None:
    """Point this test's config file at `url`."""
    config = tmp_path / "config" / "kiosk.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'database_url = "{url}"\nkiosk_id = "desk"\n', encoding="utf-8")


def audited(action: str) -> list[tuple[str, str]]:
    """(actor, detail) of every audit row of `action` in the records of this test's settings."""
    store = open_store(load_config().database_url, "check", create=False)
    try:
        with store.reading() as s:
            return [
                (r.actor, r.detail)
                for r in s.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars()
            ]
    finally:
        store.close()
