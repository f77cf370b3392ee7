"""Screenshots of re-briefing and “Print my copy” in the real kiosk, under Xvfb (as take.py).

    Xvfb :99 -screen 0 1280x800x24 & DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots/take_rebrief.py
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots/take_rebrief.py --language es -es
    Xvfb :98 -screen 0 1080x1920x24 & DISPLAY=:98 QT_QPA_PLATFORM=xcb python docs/screenshots/take_rebrief.py -portrait

It makes a throw-away data folder whose forms folder holds the mild procedure at 1.1.0 (the
bleeding risk reworded, a blood-clot risk added), a patient briefed on 1.0.0 with her procedure
ahead, and a printer that takes every copy (a script standing in for `lp`). Staff open the list of
patients briefed on an older version and prepare her re-briefing; she goes through it to Done and
prints her copy. Each screen is saved as the whole X screen (ImageMagick `import -window root`).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLEEDING = {
    "en.toml": ("any bleeding is small.", "any bleeding is small. Very rarely, you may need a blood transfusion."),
    "es.toml": ("el sangrado es poco.", "el sangrado es poco. Muy rara vez, puede necesitar una transfusión de sangre."),
}  # fmt: skip
CLOT = {
    "en.toml": '[[risks]]\nid = "risk-blood-clot"\ntitle = "Blood clot"\nbody = """\nAfter any surgery, a blood clot can form in a leg vein. Walk a little each day and tell your team at once if a leg swells or hurts.\n"""\n\n',
    "es.toml": '[[risks]]\nid = "risk-blood-clot"\ntitle = "Coágulo de sangre"\nbody = """\nDespués de cualquier cirugía, se puede formar un coágulo en una vena de la pierna. Camine un poco cada día y avise a su equipo enseguida si una pierna se hincha o le duele.\n"""\n\n',
}  # fmt: skip


def forms(shipped: Path, target: Path, version: str, upgraded: bool) -> Path:
    """The shipped mild folder (English and Spanish) at `version`, upgraded or not."""
    folder = target / "mild"
    shutil.copytree(shipped, folder)
    (folder / "ar.toml").unlink()
    for name in ("en.toml", "es.toml"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        found = re.search(r'(?m)^version = "([^"]+)"', text)
        assert found is not None, path
        text = text.replace(f'version = "{found[1]}"', f'version = "{version}"')  # and its source
        if upgraded:
            text = text.replace(*BLEEDING[name]).replace("[options]", CLOT[name] + "[options]", 1)
        path.write_text(text, encoding="utf-8")
    return target


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="kiosk-rebrief-shots-"))
    os.environ["KIOSK_DATA_DIR"] = str(work / "data")
    os.environ["KIOSK_CONFIG"] = str(work / "kiosk.toml")
    parser = argparse.ArgumentParser(prog="take_rebrief.py", description=__doc__.splitlines()[0])
    parser.add_argument("--language", help="the patient chooses this language on Welcome (es)")
    parser.add_argument("--out", type=Path, default=HERE, help="the folder to save into")
    parser.add_argument(
        "--size", help="WIDTHxHEIGHT: with QT_QPA_PLATFORM=offscreen, the window grabbed at it"
    )
    options, rest = parser.parse_known_args()
    suffix = rest[0] if rest else ""
    out_dir = options.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QAbstractButton, QApplication
    from rig import Rig, in_order

    from kiosk.cli import main as kiosk
    from kiosk.config import load_config
    from kiosk.content.catalog import load_procedure
    from kiosk.demo import walk_through
    from kiosk.paths import bundled_forms_dir
    from kiosk.session import Briefing, Patient, ScreenKind, SystemClock
    from kiosk.station import Station
    from kiosk.store import Recorder
    from kiosk.store.briefings import prepare_briefing
    from kiosk.ui.fonts import load_fonts

    kiosk(["init"])
    shipped = bundled_forms_dir() / "mild"
    old = forms(shipped, work / "forms-1.0.0", "1.0.0", upgraded=False)
    new = forms(shipped, work / "forms-1.1.0", "1.1.0", upgraded=True)
    config = Path(os.environ["KIOSK_CONFIG"])
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^forms_dir = .*$", f"forms_dir = {str(new)!r}".replace("'", '"'), text)
    text = re.sub(r"(?m)^patient_copy = .*$", "patient_copy = true", text)
    config.write_text(text, encoding="utf-8")
    bin_dir = work / "bin"
    bin_dir.mkdir()
    (bin_dir / "lp").write_text("#!/bin/sh\nexit 0\n")
    (bin_dir / "lp").chmod(0o755)
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"

    app = QApplication(sys.argv[:1])
    load_fonts()
    load_fonts(fallbacks=True)
    offscreen = os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    screen = app.primaryScreen().size()
    if options.size:
        width, height = (int(n) for n in options.size.lower().split("x"))
        screen = QSize(width, height)
    station = Station.open(load_config(), SystemClock())
    from kiosk.store.staff import add_staff

    now = datetime.now(UTC)
    add_staff(station.store, "Sam Carter", "482916", now)
    before = load_procedure(old / "mild").source
    assert before is not None
    dob = date(1949, 6, 2)
    for name, mrn, days in (("Marta Ruiz Olmedo", "MRN-2231", 6), ("Kwame Mensah", None, 12)):
        earlier = prepare_briefing(
            station.store, before, name=name, date_of_birth=dob, mrn=mrn, staff="Sam Carter",
            now=now - timedelta(days=3), planned_date=(now + timedelta(days=days)).date(),
        )  # fmt: skip
        b = Briefing(
            before, earlier, Recorder(station.store), SystemClock(), patient=Patient(name, dob)
        )
        walk_through(b, random.Random(3), wrong_first=False)  # as `kiosk demo` does

    rig = Rig(app, station, out_dir, suffix, larger=False, size=screen, grab=offscreen)
    window, settle, shot, tap = rig.window, rig.settle, rig.shot, rig.tap

    draw = rig.draw

    window.open_staff()
    tap(window.staff.rebrief_button)
    shot("55-staff-rebrief-list")
    panel = window.staff.rebrief
    tap(next(iter(panel.buttons.values())))
    shot("55-staff-rebrief-confirm")  # asked first, naming the patient
    tap(panel.confirm.go_button)
    shot("55-staff-rebrief-prepared")
    tap(panel.menu_button)
    tap(window.staff.back_button)
    if options.language:
        tap(window.welcome.languages.buttons[options.language])
    tap(window.welcome.start_button)
    for ch in in_order(window.identity.keypad, "06021949"):  # (day first in Spanish)
        keys = window.identity.keypad.findChildren(QAbstractButton)
        tap(next(k for k in keys if k.text() == ch and k.isVisible()))
    tap(window.bottom.primary)
    shot("56-rebrief-first-screen")
    while window.briefing is not None and window.briefing.current.kind is ScreenKind.RISK:
        bar = window.reading.body.verticalScrollBar()
        bar.setValue(bar.maximum())
        settle()
        tap(window.reading.understand)
        tap(window.bottom.primary)
    shot("56-rebrief-review")
    tap(window.bottom.primary)
    bar = window.sign.statement.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle()
    draw(window.sign.pad, [(40 + i * 6, 90 + 40 * math.sin(i / 4)) for i in range(50)])
    tap(window.bottom.primary)
    for _ in range(200):
        settle()
        if window.done.print_button.isVisible():
            break
    shot("57-done-print-my-copy")
    tap(window.done.print_button)
    for _ in range(200):
        settle()
        if not window.done.print_button.isVisible():
            break
    shot("57-done-copy-printed")
    rig.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
