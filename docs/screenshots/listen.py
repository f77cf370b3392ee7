"""Screenshots of practice mode and of Listen (read aloud), in a real window: run under Xvfb, as
take.py is.

    Xvfb :99 -screen 0 1280x800x24 & DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots/listen.py
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python docs/screenshots/listen.py --language ar -ar
    Xvfb :98 -screen 0 1080x1920x24 & DISPLAY=:98 QT_QPA_PLATFORM=xcb python docs/screenshots/listen.py --larger -portrait-larger

40–42: practice mode (`kiosk practice`): Welcome with its banner naming the sample patient and how
staff open staff mode, the sample's birth date typed, the first reading screen. 44–52: a briefing
walked with its audio rendered (`kiosk speech render`, about 10 s a language), Listen tapped on
each screen shown and the sentence being read highlighted: Welcome offering "Read each screen aloud
to me", Welcome read aloud, identity, the first reading screen (then Quieter), the options, a
question, the review, done. 53: staff mode's briefing, each screen listened to on its lines (at
1280x800 in English only: staff read the clinic's language, in their own size of text). 54: the
PDF's page saying what the patient listened to (`pdftoppm`, without `--larger`).
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def plain(text: str) -> str:
    """pdftotext's words as typed: Arabic's shaped letters back to their own, direction marks gone."""
    return re.sub("[\u200e\u200f\u202a-\u202e]", "", unicodedata.normalize("NFKC", text))


def main() -> int:
    from rig import Rig, in_order, prepare_zoe
    from rig import options as script_options

    work = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    options, suffix, out_dir = script_options("listen.py", __doc__, HERE)
    language = options.language

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.cli import main as kiosk
    from kiosk.config import CONFIG_ENV, DATA_DIR_ENV, load_config
    from kiosk.i18n import words_for
    from kiosk.practice import set_up, write_settings
    from kiosk.session import ScreenKind, SystemClock
    from kiosk.station import Station
    from kiosk.store.staff import add_staff
    from kiosk.ui.fonts import load_fonts
    from kiosk.ui.pages.label import Label

    app = QApplication(sys.argv[:1])
    load_fonts()
    load_fonts(fallbacks=True)

    def date_typed(rig: Rig) -> None:
        keypad = rig.window.identity.keypad
        rig.keys(keypad, in_order(keypad, "03141951"))

    # Practice mode: its own folder, set up as `kiosk practice` sets it up.
    folder = work / "data-practice"
    path = write_settings(folder)
    os.environ[CONFIG_ENV] = str(path)
    os.environ[DATA_DIR_ENV] = str(folder)
    set_up(path, datetime.now(UTC))
    station = Station.open(load_config(), SystemClock())
    rig = Rig(app, station, out_dir, suffix, larger=options.larger)
    if language is not None:
        rig.tap(rig.window.welcome.languages.buttons[language])
    rig.shot("40-practice-welcome")
    rig.tap(rig.window.welcome.start_button)
    date_typed(rig)
    rig.shot("41-practice-identity")
    rig.tap(rig.window.bottom.primary)
    rig.shot("42-practice-about")
    rig.window.end_session()
    rig.close()

    # Listen: a kiosk of its own, its audio rendered, a briefing prepared.
    os.environ[DATA_DIR_ENV] = str(work / "data")
    os.environ[CONFIG_ENV] = str(work / "kiosk.toml")
    kiosk(["init"])
    kiosk(["speech", "render", "--language", language or "en"])
    station = Station.open(load_config(), SystemClock())
    now = datetime.now(UTC)
    add_staff(station.store, "Sam Carter", "482916", now)
    prepare_zoe(station, now)
    rig = Rig(app, station, out_dir, suffix, larger=options.larger)
    window, settle, shot, tap = rig.window, rig.settle, rig.shot, rig.tap
    window.model.offer_read_aloud(station.read_aloud_offered, False)  # as the kiosk starts
    listening = window.listening

    def marked() -> list[str]:
        return [t.marked for t in window.page.findChildren(Label) if t.marked]

    def listen(sentence: int) -> None:
        """Listen tapped, then the audio played on to its `sentence`th (counted from 0)."""
        tap(window.top.listen_button)
        assert listening.playing, "Listen did not start: is the audio rendered?"
        clips = listening.clips
        deadline = time.monotonic() + sum(c.seconds for c in clips[: sentence + 1]) + 10
        while marked() != [clips[sentence].text]:
            if time.monotonic() > deadline:
                raise SystemExit(f"sentence {sentence} was never read: {marked()}")
            QTest.qWait(10)

    def stop() -> None:
        if listening.playing:
            tap(window.top.listen_button)

    def read_to_end(area) -> None:  # type: ignore[no-untyped-def]
        bar = area.verticalScrollBar()
        bar.setValue(bar.maximum())
        settle()

    def forward_to(target: ScreenKind) -> None:
        """Next, doing what each screen asks (a risk acknowledged, a question answered)."""
        b = window.briefing
        assert b is not None
        while b.current.kind is not target:
            if b.current.kind is ScreenKind.RISK and b.current.id not in b.acknowledgements:
                read_to_end(window.reading.body)
                tap(window.reading.understand)
            if b.current.kind is ScreenKind.QUESTION and not b.answers_to(b.current.id):
                tap(window.question.buttons[b.form.question(b.current.id).answer])
            tap(window.bottom.primary)

    if language is not None:
        tap(window.welcome.languages.buttons[language])
    shot("44-welcome-read-aloud")
    listen(1)
    shot("45-welcome-listening")
    stop()
    tap(window.welcome.start_button)
    listen(0)
    shot("46-identity-listen")
    date_typed(rig)
    tap(window.bottom.primary)  # leaving the screen stops its audio
    listen(1)
    shot("47-about-listening")
    tap(window.top.volume_button)
    shot("48-about-listening-quieter")
    tap(window.top.volume_button)
    stop()
    forward_to(ScreenKind.OPTIONS)
    listen(2)
    shot("49-options-listening")
    forward_to(ScreenKind.QUESTION)
    listen(1)  # the question, then its first choice
    shot("50-question-listening")
    forward_to(ScreenKind.REVIEW)
    listen(1)
    shot("51-review-listening")
    forward_to(ScreenKind.SIGN)
    listen(0)
    stop()
    read_to_end(window.sign.statement)
    pad = window.sign.pad
    w, h = pad.width(), pad.height()
    rig.draw(pad, [(w * 0.08 + i * w * 0.011, h * 0.55 + h * 0.22 * math.sin(i / 3.5)) for i in range(60)])  # fmt: skip
    tap(window.bottom.primary)
    window.jobs.wait(30_000)
    settle()
    shot("52-done-listen")
    window.end_session()

    if language is None and not options.larger:  # staff mode: its own size of text
        window.open_staff()
        tap(window.staff.list_button)
        tap(next(iter(window.staff.briefings.buttons.values())))
        shot("53-staff-briefing-listened")
        tap(window.staff.detail.menu_button)
    rig.close()

    if not options.larger:  # the PDF is the same whatever the screen
        pdfs = work / "pdfs"
        kiosk(["records", "export", "--format", "pdf", "--output", str(pdfs), "--quiet"])
        (pdf,) = pdfs.glob("*.pdf")
        heading = words_for(language or "en")("document.listened")
        pages = int(
            next(
                line.split()[-1]
                for line in subprocess.run(
                    ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
                ).stdout.splitlines()
                if line.startswith("Pages:")
            )
        )
        for page in range(1, pages + 1):
            text = subprocess.run(
                ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            if heading in plain(text):
                stem = out_dir / f"54-pdf-listened{suffix}"
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "100", "-singlefile", "-f", str(page), "-l",
                     str(page), str(pdf), str(stem)],
                    check=True,
                )  # fmt: skip
                print(f"{stem}.png")
                break
        else:
            raise SystemExit(f"{pdf}: no page says {heading!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
