"""Screenshots of the coordinator's desk (`kiosk console`) in a real window: run under Xvfb.

    Xvfb :97 -screen 0 1280x800x24 & DISPLAY=:97 QT_QPA_PLATFORM=xcb python docs/screenshots/console.py

It makes a throw-away data folder with `kiosk demo` briefings (200 by default, or the first
argument) and a few more at a second kiosk (one prepared, one abandoned, one in progress), adds a
staff account, drives the console as a coordinator would and saves the whole X screen (ImageMagick
`import -window root`) after each view as docs/screenshots/console-*.png: sign-in, the list, a
briefing's events and PDF, a briefing prepared for the next free kiosk, withdrawing a prepared one, the questions, prepare, an export running
and done, the dashboard; a dozen briefings abandoned at different screens give it something to show.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def fill(folder: Path, count: int) -> None:
    from kiosk.content import load_form
    from kiosk.demo import StepClock, fill_demo, one_briefing
    from kiosk.paths import bundled_forms_dir
    from kiosk.session import Briefing, Patient, ScreenKind
    from kiosk.session.events import AbandonReason
    from kiosk.store import Recorder, open_store
    from kiosk.store.briefings import prepare_briefing
    from kiosk.store.staff import add_staff

    form = load_form(bundled_forms_dir() / "mild" / "en.toml")
    now = datetime.now(UTC)
    fill_demo(folder, form, count, now - timedelta(hours=count * 7 / 60 + 1), seed=11)
    store = open_store(f"sqlite:///{folder / 'kiosk.db'}", "kiosk-2")
    add_staff(store, "Sam Carter", "2468", now)
    rng = random.Random(2)
    one_briefing(store, form, rng, StepClock(now - timedelta(minutes=40), rng))
    prepare_briefing(
        store, form, name="Ana Ruiz", date_of_birth=date(1950, 5, 6), mrn="MRN-1001",
        staff="Sam Carter", now=now - timedelta(minutes=10),
    )  # fmt: skip
    for name, risks, end in (("Zoë Ångström", 3, True), ("Ben Okafor", 5, False)):
        clock = StepClock(now - timedelta(minutes=30 if end else 5), rng)
        briefing_id = prepare_briefing(
            store, form, name=name, date_of_birth=date(1944, 2, 3), mrn=None, staff="Sam Carter",
            now=clock.now(),
        )  # fmt: skip
        b = Briefing(
            form, briefing_id, Recorder(store), clock, patient=Patient(name, date(1944, 2, 3), None)
        )
        while len(b.acknowledgements) < risks:
            clock.step()  # the demo clock moves only as the patient takes time (kiosk.demo)
            if b.current.kind is ScreenKind.IDENTITY and not b.identity_confirmed:
                b.confirm_identity(date(1944, 2, 3))
            elif b.current.kind is ScreenKind.RISK:
                b.read_to_end()
                clock.step()
                b.acknowledge_risk()
                if len(b.acknowledgements) == 2:
                    b.flag_question()
            b.go_next()
        if end:
            b.abandon(AbandonReason.INACTIVITY)
    for n in range(14):  # for the dashboard: briefings left at different screens, days apart
        clock = StepClock(now - timedelta(days=n % 5, hours=2 + n), rng)
        briefing_id = prepare_briefing(
            store, form, name="Nour Haddad", date_of_birth=date(1952, 9, 1), mrn=None,
            staff="Sam Carter", now=clock.now(),
        )  # fmt: skip
        b = Briefing(
            form,
            briefing_id,
            Recorder(store),
            clock,
            patient=Patient("Nour Haddad", date(1952, 9, 1), None),
        )
        stop = rng.choice((0, 1, 2, 3, 3, 5, 8))
        while len(b.acknowledgements) < stop:
            clock.step()
            if b.current.kind is ScreenKind.IDENTITY and not b.identity_confirmed:
                b.confirm_identity(date(1952, 9, 1))
            elif b.current.kind is ScreenKind.RISK:
                b.read_to_end()
                clock.step()
                b.acknowledge_risk()
            b.go_next()
        b.abandon(AbandonReason.INACTIVITY if n % 3 else AbandonReason.STAFF)
    store.close()


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="console-shots-"))
    os.environ["KIOSK_DATA_DIR"] = str(work / "data")
    os.environ["KIOSK_CONFIG"] = str(work / "kiosk.toml")
    (work / "kiosk.toml").write_text("# every setting at its default\n", encoding="utf-8")
    fill(work / "data", int(sys.argv[1]) if len(sys.argv) > 1 else 200)

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from kiosk.config import load_config
    from kiosk.services.console import ConsoleDesk
    from kiosk.session import SystemClock
    from kiosk.ui.console.app import SHEET
    from kiosk.ui.console.window import ConsoleWindow
    from kiosk.ui.fonts import load_fonts

    app = QApplication(sys.argv[:1])
    load_fonts()
    load_fonts(fallbacks=True)
    app.setStyleSheet(SHEET)
    window = ConsoleWindow(lambda: ConsoleDesk.open(load_config(), SystemClock()))
    window.setWindowFlags(Qt.WindowType.FramelessWindowHint)
    window.move(0, 0)
    window.resize(1280, 800)
    window.show()
    window.open()

    def settle() -> None:
        for _ in range(3):
            window.jobs.wait()  # reads run on the worker thread: their answers, then the paint
            for _ in range(5):
                app.processEvents()

    def shot(name: str) -> None:
        settle()
        out = HERE / f"console-{name}.png"
        subprocess.run(["import", "-window", "root", str(out)], check=True)
        print(out.relative_to(HERE.parents[1]))

    settle()
    shot("sign-in")
    window.sign_in.pin.setText("2468")
    window.sign_in.ok.click()
    settle()
    window.briefings.table.selectRow(0)
    window.briefings._open_timer.timeout.emit()
    shot("briefings")
    row = next(
        n
        for n, r in enumerate(window.briefings.model.rows)
        if r.status == "completed" and r.pdf_status == "made" and r.questions_flagged
    )
    window.briefings.table.selectRow(row)
    window.briefings._open_timer.timeout.emit()
    settle()
    window.briefings.pane.events.scrollToBottom()
    shot("briefing")
    window.briefings.bar.search.setText("ång")
    window.briefings.bar._timer.timeout.emit()
    shot("search")
    window.tabs.setCurrentWidget(window.questions)
    settle()
    window.questions.table.selectRow(0)
    window.questions.note.setText(window.questions.quick[1].text())
    shot("questions")
    window.tabs.setCurrentWidget(window.prepare)
    settle()
    prepare = window.prepare
    prepare.kiosk.setCurrentIndex(prepare.kiosk.findText("kiosk-2"))
    prepare.name.setText("Nguyễn Thị Lan")
    shot("prepare")
    prepare.born.setText("07/21/1948")
    prepare.mrn.setText("MRN-7731")
    prepare.practitioner.setText("Dr. Ines Moreau")
    soon = datetime.now().date() + timedelta(days=12)
    prepare.planned.setText(f"{soon.month:02}/{soon.day:02}/{soon.year}")
    shot("prepare-filled")
    prepare.button.click()
    shot("prepared")
    extra_views(window, settle, shot)
    window.sign_out("idle")
    shot("signed-out")
    window.close()
    return 0


def extra_views(window: Any, settle: Any, shot: Any) -> None:
    """A briefing's PDF, withdrawing a prepared one, an export running and done, the dashboard."""
    from PySide6.QtCore import Qt

    from kiosk.records import query

    prepare = window.prepare
    window.tabs.setCurrentWidget(prepare)
    prepare.kiosk.setCurrentIndex(0)  # the next free kiosk
    prepare.name.setText("Lena Fischer")
    prepare.born.setText("03/14/1951")
    prepare.button.click()
    prepare.kiosk.showPopup()
    shot("prepared-any")
    prepare.kiosk.hidePopup()
    view = window.briefings
    window.tabs.setCurrentWidget(view)
    view.bar.search.setText("")
    view.bar._timer.timeout.emit()
    settle()
    rows = view.model.rows
    made = next(n for n, r in enumerate(rows) if r.status == "completed" and r.pdf_status == "made")
    view.table.selectRow(made)
    view._open_timer.timeout.emit()
    settle()
    view.below.setCurrentWidget(view.pdf)
    settle()
    shot("pdf")
    waiting = next(n for n, r in enumerate(rows) if r.status == "prepared")
    view.table.selectRow(waiting)
    view._open_timer.timeout.emit()
    view.below.setCurrentWidget(view.pane)
    settle()
    shot("withdraw")
    view.ask.choice = lambda parent, title, label, options: 0
    view.pane.withdraw_button.click()
    settle()
    shot("withdrawn")

    export = window.export
    window.tabs.setCurrentWidget(export)
    query.CHUNK = 20  # progress every 20 briefings, so the bar shows midway
    gate = threading.Event()
    export.progress.told.connect(
        lambda done, total: gate.wait(30) if done >= 100 else None,
        Qt.ConnectionType.DirectConnection,
    )
    export.format.setCurrentIndex(export.format.findData("json"))
    target = Path(tempfile.mkdtemp(prefix="console-export-")) / "briefings.json"
    export.export_to(target)
    while export.bar.value() < 100:
        settle()
    shot("export-running")
    gate.set()
    export.jobs.wait()
    shot("export-done")

    window.tabs.setCurrentWidget(window.dashboard)
    settle()
    shot("dashboard")
    bar = window.dashboard.scroller.verticalScrollBar()
    bar.setValue(window.dashboard.seconds.y() - 40)
    shot("dashboard-screens")


if __name__ == "__main__":
    sys.exit(main())
