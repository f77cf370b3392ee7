"""The real kiosk as a process that plays its own patients and says what it stored, until it is killed.

    python -m benchmarks.faults.kiosk_process [--zygote]

It starts exactly as `kiosk --windowed` does: `kiosk.cli.main(["--windowed"])` (the config, the
log, then kiosk.ui.app.run: fonts, `Station.open` — migrate, abandon what a crash left in
progress, make pending PDFs —, the window, the event loop). A timer queued just before finds the
window once the loop turns and plays whole walk-up briefings through the real widgets
(benchmarks/robot.py), one after another, forever. Every event the recorder committed is printed and flushed at once, so each line
is the kiosk's claim that it is durably stored:

    up                              start-up is over: the first screen is shown
    started <briefing_id>           the briefing row exists, in progress
    confirmed <briefing_id>         the walk-up patient's name and birth date are stored
    ack <briefing_id> <risk_id>     a risk acknowledgement is stored
    answered <briefing_id> <q_id>   a comprehension answer is stored
    signed <briefing_id>            the signature is stored and the briefing completed (PDF pending)
    pdf <briefing_id>               the PDF is made, sealed, filed and recorded
    pdf-failed <briefing_id>        the PDF could not be made (it stays pending)

`--zygote`: import everything (Python, Qt and SQLAlchemy take most of a second to load; that is
not the start-up being tested), print `ready`, then fork one such kiosk per `fork FIFO` line on
stdin, its lines going to the named pipe FIFO (answer: `pid N`), and reap one per `wait N` line
(answer: `exited N STATUS`). The fork comes before any QApplication, thread or database connection
exists, so each kiosk starts from `kiosk --windowed` on, exactly as a fresh process would.

The config and data folder come from KIOSK_CONFIG and KIOSK_DATA_DIR, with walk_up_mode on.
Anything unexpected is printed as `error ...` on stdout (and its traceback on stderr), exit 3.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from benchmarks import robot
from kiosk.cli import main as kiosk
from kiosk.session import events as ev
from kiosk.ui.window import KioskWindow


def say(line: str) -> None:
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except OSError:  # the fault suite is gone: no one is left to hold this kiosk to its word
        os._exit(4)


def claim(event: ev.Event) -> str | None:
    """The line for an event the store has just committed."""
    b = event.briefing_id
    if isinstance(event, ev.BriefingStarted):
        return f"started {b}"
    if isinstance(event, ev.IdentityConfirmed):
        return f"confirmed {b}"
    if isinstance(event, ev.RiskAcknowledged):
        return f"ack {b} {event.risk_id}"
    if isinstance(event, ev.QuestionAnswered):
        return f"answered {b} {event.question_id}"
    if isinstance(event, ev.Signed):
        return f"signed {b}"
    return None


def fail(exc: BaseException) -> None:
    say(f"error {type(exc).__name__}: {exc}")
    traceback.print_exc()
    sys.stderr.flush()
    os._exit(3)


class Patients:
    """Plays one briefing per turn of the event loop, for as long as the process lives."""

    def __init__(self) -> None:
        self.window: KioskWindow | None = None

    def begin(self) -> None:
        try:
            window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow))
            if not window.ready:  # Welcome is painted before the store opens: wait for it
                window.ready_for_patients.connect(self.begin)
                return
            recorder = window.station.recorder
            stored = recorder.record

            def record(event: ev.Event) -> None:
                stored(event)  # returns only once the event is committed
                line = claim(event)
                if line:
                    say(line)

            recorder.record = record  # type: ignore[method-assign]
            window.pdf_finished.connect(lambda b: say(f"pdf {b}"))
            window.pdf_failed.connect(lambda b, _why: say(f"pdf-failed {b}"))
            self.window = window
            say("up")
        except BaseException as exc:
            fail(exc)
        QTimer.singleShot(0, self.next)

    def next(self) -> None:
        assert self.window is not None
        try:
            robot.complete(self.window)
        except BaseException as exc:
            fail(exc)
        QTimer.singleShot(0, self.next)


def play() -> int:
    """Be the kiosk: `kiosk --windowed`, with the patients queued to start once its loop turns."""
    # The application `kiosk` would make (kiosk.ui.app.run takes the one there is): a timer needs it.
    app: Any = QApplication.instance() or QApplication(sys.argv[:1])
    patients = Patients()
    QTimer.singleShot(0, patients.begin)  # runs once the window is shown and the loop turns
    try:
        code = kiosk(["--windowed"])
    except BaseException as exc:
        fail(exc)
    del app
    return code


def zygote() -> int:
    """Everything is imported (one thread, no QApplication yet): fork a kiosk per `fork FIFO` line,
    its lines going to FIFO, answering `pid N`; reap one per `wait N` line, answering `exited N S`."""
    say("ready")
    for command in sys.stdin:
        word, arg = command.split()
        if word == "fork":
            pid = os.fork()
            if pid == 0:  # the kiosk: never back into this loop
                code = 3
                try:
                    os.dup2(os.open(arg, os.O_WRONLY), 1)
                    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
                    code = play()
                finally:
                    os._exit(code)
            say(f"pid {pid}")
        elif word == "wait":
            _, status = os.waitpid(int(arg), 0)
            say(f"exited {arg} {status}")
    return 0


def main(argv: list[str]) -> int:
    return zygote() if argv == ["--zygote"] else play()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
