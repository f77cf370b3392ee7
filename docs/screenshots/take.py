"""Screenshots of the real kiosk in a real window: run under Xvfb, as the README says.

    Xvfb :99 -screen 0 1280x800x24 & DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots/take.py --listen
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots/take.py --listen --larger -larger
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots/take.py --listen --language es -es
    Xvfb :98 -screen 0 1080x1920x24 & DISPLAY=:98 QT_QPA_PLATFORM=xcb python docs/screenshots/take.py --listen -portrait

`--listen` renders the read-aloud audio first (`kiosk speech render`, about 10 s a language), so
Listen and Quieter show as on a kiosk that is set up; `--larger` turns "Larger text" on first;
`--language es` chooses a language on Welcome first; the last argument is added to each file's
name. With either, only the patient's screens are taken
(staff mode's are the same at every text size).

It makes a throw-away data folder with a prepared briefing for a fictional patient, drives the
window through every screen with the same taps a patient makes, and saves the whole X screen
(ImageMagick `import -window root`) after each one, at the screen's own size.
"""

from __future__ import annotations

import argparse
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
    parser = argparse.ArgumentParser(
        prog="take.py", description="Screenshots of every screen of the real kiosk, under Xvfb."
    )
    parser.add_argument("--larger", action="store_true", help='turn "Larger text" on first')
    parser.add_argument("--language", help="choose this language on Welcome first (es, ar)")
    parser.add_argument(
        "--listen",
        action="store_true",
        help="render the read-aloud audio first (`kiosk speech render`), so Listen shows",
    )
    parser.add_argument(
        "--out", type=Path, default=HERE, help="the folder to save into (default: this one)"
    )
    parser.add_argument(
        "suffix", nargs="?", default="", help='added to each file\'s name, e.g. "-portrait"'
    )
    options, rest = parser.parse_known_args()  # a suffix such as "-portrait" looks like an option
    if len(rest) > 1 or (rest and options.suffix):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if rest:
        options.suffix = rest[0]
    larger, language, suffix, out_dir = (
        options.larger,
        options.language,
        options.suffix,
        options.out.resolve(),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    patient_only = larger or bool(suffix)

    from PySide6.QtWidgets import QApplication
    from rig import Rig, in_order, prepare_zoe

    from kiosk.cli import main as kiosk
    from kiosk.config import load_config
    from kiosk.content import load_form
    from kiosk.paths import bundled_forms_dir
    from kiosk.session import ScreenKind, SystemClock
    from kiosk.station import Station
    from kiosk.store.briefings import prepare_briefing
    from kiosk.store.staff import add_staff
    from kiosk.ui.fonts import load_fonts

    kiosk(["init"])
    if options.listen:
        kiosk(
            ["speech", "render"] + (["--language", language] if language else ["--language", "en"])
        )
    app = QApplication(sys.argv[:1])
    load_fonts()
    load_fonts(fallbacks=True)
    station = Station.open(load_config(), SystemClock())
    now = datetime.now(UTC)
    form = load_form(bundled_forms_dir() / "mild" / "en.toml")
    for name in ("Sam Carter", "Priya Natarajan", "Tomás Ferreira"):
        add_staff(station.store, name, "482916", now)
    prepare_zoe(station, now)

    rig = Rig(app, station, out_dir, suffix, larger=larger)
    window, settle, shot, tap, keys = rig.window, rig.settle, rig.shot, rig.tap, rig.keys

    def draw(points: list[tuple[float, float]]) -> None:
        rig.draw(window.sign.pad, points)

    def read_to_end(area) -> None:  # type: ignore[no-untyped-def]
        """Slide the text to its end, as a patient does before "I understand" or Sign."""
        bar = area.verticalScrollBar()
        bar.setValue(bar.maximum())
        settle()

    def understand() -> None:
        read_to_end(window.reading.body)
        tap(window.reading.understand)

    b = lambda: window.briefing  # noqa: E731
    nxt = lambda: tap(window.bottom.primary)  # noqa: E731

    if language is not None:
        tap(window.welcome.languages.buttons[language])
    shot("01-welcome")
    tap(window.welcome.start_button)
    typed = in_order(window.identity.keypad, "03141951")
    keys(window.identity.keypad, typed[:4])
    shot("02-identity")
    keys(window.identity.keypad, typed[4:])
    nxt()
    shot("03-about")
    nxt()
    shot("04-step")
    while b().current.id != "step-access":
        nxt()
    shot("04-step-x-ray-picture")
    while b().current.kind is not ScreenKind.RISK:
        nxt()
    shot("05-risk")
    understand()
    tap(window.bottom.flag)
    shot("06-risk-acknowledged")
    window.top.contrast_button.click()
    shot("07-risk-high-contrast")
    window.top.contrast_button.click()
    window.top.larger_button.click()
    shot("08-risk-larger-text" if not larger else "08-risk-normal-text")
    window.top.larger_button.click()
    while b().current.kind is not ScreenKind.OPTIONS:
        if b().current.id == "risk-no-relief":  # a risk with a picture, in both themes
            shot("08-risk-picture")
            window.top.contrast_button.click()
            shot("08-risk-picture-high-contrast")
            window.top.contrast_button.click()
        if b().current.kind is ScreenKind.RISK:
            understand()
        nxt()
    shot("09-options")
    nxt()
    shot("10-precautions")
    nxt()
    shot("11-question")
    q = form.questions[0]
    tap(window.question.buttons[next(c.id for c in q.choices if c.id != q.answer)])
    shot("12-question-reread")
    nxt()
    tap(window.question.buttons[q.answer])
    shot("13-question-answered")
    while b().current.kind is not ScreenKind.REVIEW:
        if b().current.kind is ScreenKind.QUESTION and not b().answers_to(b().current.id):
            tap(window.question.buttons[form.question(b().current.id).answer])
        nxt()
    shot("14-review")
    nxt()
    read_to_end(window.sign.statement)
    nxt()  # Sign with an empty pad: the kind refusal
    shot("15-sign-empty")
    pad = window.sign.pad
    w, h = pad.width(), pad.height()
    draw([(w * 0.08 + i * w * 0.011, h * 0.55 + h * 0.22 * math.sin(i / 3.5)) for i in range(60)])
    draw([(w * 0.45 + i * w * 0.012, h * 0.35 + i * h * 0.012) for i in range(25)])
    shot("16-sign-signed")
    tap(window.sign.switch)
    if window.sign.keyboard.script_showing():  # the patient's own letters first: hers are Latin
        keys(window.sign.keyboard, [window.words("keys.letters-key")])
    keys(window.sign.keyboard, "Zo")
    shot("17-sign-typed")
    tap(window.sign.switch)
    nxt()
    window.jobs.wait(30_000)
    settle()
    shot("18-done")
    window.end_session()

    window.station.config.values["walk_up_mode"] = True
    if language is not None:
        tap(window.welcome.languages.buttons[language])
    tap(window.welcome.start_button)
    if window.identity.keyboard.script_showing():  # an Arabic name on the Arabic keys
        keys(window.identity.keyboard, "سلم")
        shot("19-walk-up-name")
        window.identity.name.setText("سلمى حداد")
    else:
        keys(window.identity.keyboard, "Se")
        keys(window.identity.keyboard, ["àé…"])
        shot("19-walk-up-name")
        window.identity.name.setText("Seán O'Brien")
    nxt()
    keys(window.identity.keypad, in_order(window.identity.keypad, "07021948"))
    shot("20-walk-up-birth-date")
    nxt()
    nxt()
    window.briefing.idle = type(window.briefing.idle)(warning_after=0.0, end_after_warning=30.0)
    window.tick()
    shot("21-still-there")
    window.end_session()
    if patient_only:
        rig.close()
        return 0

    from kiosk.ui.staff.sign_in import StaffSignIn

    dialog = StaffSignIn(window, station, "Staff mode")
    dialog.show()
    shot("22-staff-sign-in")
    keys(dialog, ["Sam Carter"])
    keys(dialog.pad, "4829")
    shot("23-staff-pin")
    dialog.reject()
    window.open_staff()
    shot("24-staff-mode")
    tap(window.staff.prepare_button)
    form = window.staff.prepare
    form.name.setText("Łukasz Wałęsa")
    form.next()
    keys(form.keypad, "08311962")
    form.next()
    form.mrn.setText("A-12")
    shot("25-staff-prepare-mrn")
    form.cancel()
    tap(window.staff.list_button)
    shot("26-staff-briefings")
    panel = window.staff.briefings
    tap(panel.keys_button)
    keys(panel.digits, "0042")
    panel.refresh()
    shot("27-staff-search")
    tap(next(iter(panel.buttons.values())))
    shot("28-staff-briefing")
    waiting = prepare_briefing(  # one still waiting for its patient: it can be withdrawn
        station.store, load_form(bundled_forms_dir() / "mild" / "en.toml"), name="Ben Okafor",
        date_of_birth=date(1970, 7, 8), mrn="MRN-4004", staff="Sam Carter", now=datetime.now(UTC),
    )  # fmt: skip
    window.staff.detail.show_briefing(waiting)
    window.jobs.wait()  # the row is read on the worker thread; then drawn
    QApplication.processEvents()
    tap(window.staff.detail.withdraw_button)
    shot("43-staff-withdraw-why")
    tap(window.staff.detail.menu_button)
    tap(window.staff.briefings.menu_button)
    tap(window.staff.questions_button)
    shot("29-staff-questions")
    questions = window.staff.questions
    tap(next(iter(questions.buttons.values())))
    questions.note.setText("Dr Lee called her back")
    shot("30-staff-answer")
    questions.forget()
    rig.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
