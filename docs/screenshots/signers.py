"""Screenshots of who signs beside the patient, in a real window: run under Xvfb, as take.py is.

    Xvfb :91 -screen 0 1280x800x24 & DISPLAY=:91 QT_QPA_PLATFORM=xcb python docs/screenshots/signers.py
    DISPLAY=:91 QT_QPA_PLATFORM=xcb python docs/screenshots/signers.py --larger -larger
    DISPLAY=:91 QT_QPA_PLATFORM=xcb python docs/screenshots/signers.py --language ar -ar
    Xvfb :92 -screen 0 1080x1920x24 & DISPLAY=:92 QT_QPA_PLATFORM=xcb python docs/screenshots/signers.py -portrait
    DISPLAY=:92 QT_QPA_PLATFORM=xcb python docs/screenshots/signers.py --larger -portrait-larger

Staff mode's prepare steps for who performs and who signs (47–49: the practitioner and planned date
with a representative and a witness, the representative's details, an interpreter for a briefing in
Spanish), then a briefing prepared with all three as the patient's side shows it: identity addressed
to the representative, "You are reading this for …" (50), the sign page for a representative (51),
the interpreter's step (52), the witness's step with a wrong PIN refused (53), done (54); then a
briefing whose patient cannot sign: staff mode over its sign screen (66), a representative named
there (67, a missing relationship refused first), and the sign screen speaking to them (68). With `--language` or `--larger`, staff mode's
steps are left out (staff read the clinic's language, in their own size of text).
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    os.environ["KIOSK_DATA_DIR"] = str(work / "data")
    os.environ["KIOSK_CONFIG"] = str(work / "kiosk.toml")
    from rig import options as script_options

    options, suffix, out_dir = script_options("signers.py", __doc__, HERE)

    from PySide6.QtWidgets import QAbstractButton, QApplication
    from rig import Rig, in_order

    from kiosk.cli import main as kiosk
    from kiosk.config import load_config
    from kiosk.content import load_form
    from kiosk.paths import bundled_forms_dir
    from kiosk.session import ScreenKind, SystemClock
    from kiosk.session.cosign import Interpreter, Plan, Representative
    from kiosk.session.signers import InterpreterMode
    from kiosk.station import Station
    from kiosk.store.briefings import prepare_briefing
    from kiosk.store.staff import add_staff
    from kiosk.ui.fonts import load_fonts

    kiosk(["init"])
    app = QApplication(sys.argv[:1])
    load_fonts()
    load_fonts(fallbacks=True)
    station = Station.open(load_config(), SystemClock())
    now = datetime.now(UTC)
    for name in ("Sam Carter", "Priya Natarajan", "Tomás Ferreira"):
        add_staff(station.store, name, "482916", now)

    rig = Rig(app, station, out_dir, suffix, larger=options.larger)
    window, settle, shot, tap = rig.window, rig.settle, rig.shot, rig.tap

    draw = rig.draw

    def sign(pad) -> None:  # type: ignore[no-untyped-def]
        w, h = pad.width(), pad.height()
        draw(pad, [(w * 0.08 + i * w * 0.011, h * 0.55 + h * 0.2 * math.sin(i / 3.5)) for i in range(60)])  # fmt: skip

    def walk_to_sign() -> None:
        b = window.briefing
        assert b is not None
        while b.current.kind is not ScreenKind.SIGN:
            if b.current.kind is ScreenKind.RISK and b.current.id not in b.acknowledgements:
                bar = window.reading.body.verticalScrollBar()
                bar.setValue(bar.maximum())
                settle()
                tap(window.reading.understand)
            if b.current.kind is ScreenKind.QUESTION and not b.answers_to(b.current.id):
                tap(window.question.buttons[b.form.question(b.current.id).answer])
            tap(window.bottom.primary)

    if options.language is None and not options.larger:  # staff mode: its own size of text
        window.open_staff()
        tap(window.staff.prepare_button)
        form = window.staff.prepare
        form.name.setText("Ana Ruiz")
        form.next()
        for digit in "03141951":
            tap(next(b for b in form.keypad.findChildren(QAbstractButton) if b.text() == digit))
        form.next()
        form.next()  # no MRN
        tap(form.languages.buttons["es"])  # the procedure and the patient's language
        form.next()
        steps = form.plan
        steps.plan_step.practitioner.setText("Dr Okafor")
        steps.plan_step.planned.setText(now.astimezone().strftime("%m/%d/%Y"))
        tap(steps.plan_step.representative)
        steps.plan_step.witness.setChecked(True)
        shot("58-staff-prepare-signers")
        form.next()
        steps.rep_step.name.setText("Luis Ruiz")
        steps.rep_step.relationship.setText("son")
        steps.rep_step.reason.setText("aphasia after a stroke")
        shot("59-staff-prepare-representative")
        form.next()
        tap(steps.interp_step.helps)
        steps.interp_step.name.setText("Marta Gil")
        steps.interp_step.agency.setText("LanguageLine 7781")
        tap(steps.interp_step.modes[InterpreterMode.VIDEO])
        shot("60-staff-prepare-interpreter")
        form.next()
        shot("60-staff-prepare-check")  # everything typed, last, before Prepare
        form.cancel()
        window.staff_mode.close()
        settle()

    prepare_briefing(
        station.store, load_form(bundled_forms_dir() / "mild" / "en.toml"),
        name="Zoë Ångström-Öberg", date_of_birth=date(1951, 3, 14), mrn="MRN-0042",
        staff="Sam Carter", now=now,
        plan=Plan(
            Representative("Luis Ruiz-Ångström", "son", "aphasia after a stroke"),
            Interpreter("Marta Gil", "LanguageLine 7781", options.language or "es", InterpreterMode.VIDEO),
            witness=True,
        ),
    )  # fmt: skip
    if options.language is not None:
        tap(window.welcome.languages.buttons[options.language])
    tap(window.welcome.start_button)
    keypad = window.identity.keypad
    digits = in_order(keypad, "03141951")  # (day first in Arabic: "0314" was the 3rd of the 14th)
    for digit in digits[:4]:
        tap(next(b for b in keypad.findChildren(QAbstractButton) if b.text() == digit))
    shot("61-identity-representative")
    for digit in digits[4:]:
        tap(next(b for b in keypad.findChildren(QAbstractButton) if b.text() == digit))
    tap(window.bottom.primary)
    walk_to_sign()
    bar = window.sign.statement.verticalScrollBar()
    bar.setValue(bar.maximum())
    sign(window.sign.pad)
    shot("62-sign-representative")
    tap(window.bottom.primary)
    sign(window.interpreter.pad)
    shot("63-interpreter")
    tap(window.bottom.primary)
    tap(window.witness._choices["Priya Natarajan"])
    for digit in "1111":
        tap(window.witness.keys[digit])
    tap(window.bottom.primary)
    shot("64-witness-wrong-pin")
    for digit in "482916":
        tap(window.witness.keys[digit])
    tap(window.bottom.primary)
    window.jobs.wait(30_000)
    shot("65-done-witnessed")
    if options.language is None and not options.larger:  # staff name a representative at signing
        window.end_session()
        prepare_briefing(
            station.store, load_form(bundled_forms_dir() / "mild" / "en.toml"),
            name="Ana Ruiz", date_of_birth=date(1951, 3, 14), mrn="MRN-0043",
            staff="Sam Carter", now=now,
        )  # fmt: skip
        settle()
        tap(window.welcome.start_button)
        for digit in "03141951":
            tap(next(b for b in window.identity.keypad.findChildren(QAbstractButton) if b.text() == digit))  # fmt: skip
        tap(window.bottom.primary)
        walk_to_sign()
        window.open_staff()
        settle()
        shot("66-staff-menu-representative")
        tap(window.staff.represent_button)
        panel = window.staff.represent
        panel.step.name.setText("Luis Ruiz")
        tap(panel.save_button)  # no relationship: refused in one sentence
        shot("67-staff-represent-refused")
        panel.step.relationship.setText("son")
        panel.step.reason.setText("cannot hold a pen after a stroke")
        shot("67-staff-represent")
        tap(panel.save_button)
        shot("68-sign-represented")
    rig.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
