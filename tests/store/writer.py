"""A kiosk that writes real briefings and says what it has stored, for the durability and concurrency tests.

    python -m tests.store.writer [--go] URL KIOSK_ID MODE N

It opens the store with `open_store`, prepares briefings with `prepare_briefing` and drives each one
through the real engine (`Briefing` + `Recorder` + `SystemClock`) with the bundled mild form. After
every intent that returned (so the recorder committed its event), it prints one line and flushes:

    prepared <briefing_id>
    started <briefing_id>
    confirmed <briefing_id>
    ack <briefing_id> <risk_id>
    answered <briefing_id> <question_id>
    signed <briefing_id>

Each line is the writer's claim that the event is durably stored; a test may kill the writer at any
moment and hold the database to every claim it read.

MODE `briefings`: whole briefings (start, confirm identity, acknowledge every risk, answer every
question, sign), N of them, or forever if N is 0.
MODE `acks`: N risk acknowledgements as fast as possible (a briefing has 8 risks, so N/8 briefings,
each prepared, started, confirmed and acknowledged, never signed); ends with `done <count>`.

`--go`: import and load everything, print `ready`, then wait for one line on stdin before touching
the database, so a test can start writers ahead (a Python start with SQLAlchemy and Alembic costs
most of a second) and release them when it wants them to write.

`WriterProcess` below is the tests' side of it: start, release, read the claims, kill, reap.

Any error is printed as `error <repr>` (and its traceback) on stderr, with exit status 1.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from kiosk.content import load_form
from kiosk.content.schema import Form
from kiosk.session import Briefing, DrawnSignature, Patient, Point, ScreenKind, Stroke, SystemClock
from kiosk.store import Recorder, Store, open_store
from kiosk.store.briefings import prepare_briefing

ROOT = Path(__file__).resolve().parents[2]
FORM_PATH = ROOT / "forms" / "mild" / "en.toml"
DOB = date(1951, 3, 14)
SIGNATURE = DrawnSignature((Stroke((Point(0, 0, 0), Point(60, 40, 120), Point(120, 5, 260))),))
USAGE = "usage: python -m tests.store.writer [--go] URL KIOSK_ID briefings|acks N"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Writer:
    def __init__(self, store: Store, form: Form) -> None:
        self.store = store
        self.form = form
        self.clock = SystemClock()
        self.recorder = Recorder(store)
        self.number = 0

    def begin(self) -> Briefing:
        """Prepare a briefing (as a coordinator would), start it and confirm the patient."""
        self.number += 1
        name = f"Patient {self.store.kiosk_id} {self.number}"
        briefing_id = prepare_briefing(
            self.store,
            self.form,
            name=name,
            date_of_birth=DOB,
            mrn=f"MRN-{self.number}",
            staff="Nurse Lee",
            now=self.clock.now(),
        )
        say(f"prepared {briefing_id}")
        b = Briefing(self.form, briefing_id, self.recorder, self.clock, patient=Patient(name, DOB))
        b.go_next()  # welcome -> identity: BriefingStarted
        say(f"started {briefing_id}")
        if not b.confirm_identity(DOB):
            raise RuntimeError(f"briefing {briefing_id}: the identity was not confirmed")
        say(f"confirmed {briefing_id}")
        return b

    def acknowledge_risks(self, b: Briefing, limit: int | None = None) -> int:
        """Walk forward acknowledging each risk, stopping after `limit` or on the first question."""
        done = 0
        while b.current.kind is not ScreenKind.QUESTION and (limit is None or done < limit):
            if b.current.kind is ScreenKind.RISK:
                b.read_to_end()
                ack = b.acknowledge_risk()
                say(f"ack {b.briefing_id} {ack.risk_id}")
                done += 1
            b.go_next()
        return done

    def whole_briefing(self) -> None:
        b = self.begin()
        self.acknowledge_risks(b)
        while b.current.kind is not ScreenKind.SIGN:
            if b.current.kind is ScreenKind.QUESTION and not b.answers_to(b.current.id):
                b.answer_question(self.form.question(b.current.id).answer)
                say(f"answered {b.briefing_id} {b.current.id}")
            b.go_next()
        b.read_to_end()
        b.sign(SIGNATURE)
        say(f"signed {b.briefing_id}")

    def acknowledgements(self, count: int) -> int:
        done = 0
        while done < count:
            done += self.acknowledge_risks(self.begin(), count - done)
        return done


def run(url: str, kiosk_id: str, mode: str, n: int, *, wait_for_go: bool) -> None:
    form = load_form(FORM_PATH)
    if wait_for_go:
        say("ready")
        if not sys.stdin.readline():
            raise RuntimeError("stdin closed before the go line")
    store = open_store(url, kiosk_id)
    try:
        writer = Writer(store, form)
        if mode == "briefings":
            done = 0
            while n == 0 or done < n:
                writer.whole_briefing()
                done += 1
        else:
            say(f"done {writer.acknowledgements(n)}")
    finally:
        store.close()


class WriterProcess:
    """A writer subprocess as a test sees it. Always `reap()` it (in a finally): no process outlives a test."""

    def __init__(self, url: str, kiosk_id: str, mode: str, n: int, *, stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        self.lines: list[str] = []
        """Every complete line printed after `ready`: the writer's claims, in order."""
        self.ready = False
        self.eof = False
        self._partial = b""
        with stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.store.writer", "--go", url, kiosk_id, mode, str(n)],
                cwd=ROOT,
                env=os.environ.copy(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
            )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._stdin = self.proc.stdin
        self._stdout = self.proc.stdout

    @property
    def pid(self) -> int:
        return self.proc.pid

    def fileno(self) -> int:
        return self._stdout.fileno()

    def go(self) -> None:
        """Let it open the store and write (it reads the line once it has loaded)."""
        try:
            self._stdin.write(b"go\n")
            self._stdin.close()
        except BrokenPipeError:  # it died already: wait_for sees the end, describe() says why
            pass

    def take(self) -> None:
        """Read what is in the pipe now (call when select says so): never blocks for more."""
        chunk = os.read(self.fileno(), 1 << 16)
        if (
            not chunk
        ):  # the end; a torn last line (not expected: lines are written whole) is no claim
            self.eof = True
            return
        *whole, self._partial = (self._partial + chunk).split(b"\n")
        for raw in whole:
            line = raw.decode()
            if line == "ready" and not self.ready and not self.lines:
                self.ready = True
            else:
                self.lines.append(line)

    def wait_ready(self, deadline: float) -> bool:
        """Read until it has loaded and waits for go; False if it ended or the deadline passed first."""
        while not self.ready and not self.eof:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if select.select([self], [], [], left)[0]:
                self.take()
        return self.ready

    def wait_for(self, lines: int, deadline: float) -> bool:
        """Read until it has printed `lines` claims; False if it ended or the deadline passed first."""
        while len(self.lines) < lines and not self.eof:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if select.select([self], [], [], left)[0]:
                self.take()
        return len(self.lines) >= lines

    def kill(self) -> None:
        """SIGKILL: no handler, no flush, no rollback; then reap it and read every line it printed."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        while not self.eof:
            self.take()

    def reap(self) -> None:
        """Kill it if it still runs, wait for it and close its pipes (safe to call twice)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self._stdin, self._stdout):
            if not pipe.closed:
                pipe.close()

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def describe(self) -> str:
        return (
            f"writer pid {self.pid} exit status {self.proc.poll()}, "
            f"{len(self.lines)} lines (last: {self.lines[-1:]}), stderr:\n{self.stderr()}"
        )


def read_until_all_end(writers: Iterable[WriterProcess], deadline: float) -> bool:
    """Read every writer's lines until each has closed its output; False if the deadline passed first."""
    open_ = [w for w in writers if not w.eof]
    while open_:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        for w in select.select(open_, [], [], left)[0]:
            w.take()
        open_ = [w for w in open_ if not w.eof]
    return True


def main(argv: list[str]) -> int:
    wait_for_go = bool(argv) and argv[0] == "--go"
    args = argv[1:] if wait_for_go else argv
    if len(args) != 4 or args[2] not in ("briefings", "acks") or not args[3].isdigit():
        print(USAGE, file=sys.stderr)
        return 2
    url, kiosk_id, mode, n = args[0], args[1], args[2], int(args[3])
    try:
        run(url, kiosk_id, mode, n, wait_for_go=wait_for_go)
    except BaseException as exc:  # never silent: a test reads this and fails
        print(f"error {exc!r}", file=sys.stderr)
        traceback.print_exc()
        sys.stderr.flush()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
