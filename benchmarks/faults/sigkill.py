"""SIGKILL: the real kiosk process, playing briefings, killed at random moments over and over.

Each cycle starts a kiosk (benchmarks/faults/kiosk_process.py, forked from a process that has
loaded the code, so that the cycle is spent in the kiosk's own start-up and work), lets it run to a
random moment (see Timing: in its start-up, in the middle of a briefing's writes, while it
makes a PDF, between patients), kills it with SIGKILL (no handler, no rollback, no flush) and holds
the record to every line it printed:

- after every kill: every event it reported stored is there; at most one briefing is in progress;
  the briefings the previous kill left in progress are abandoned ("interrupted") once this kiosk
  said it was up (its start-up ran `recover_interrupted`);
- every `check_every` cycles and at the end: integrity_check and foreign_key_check are clean, the
  audit chain verifies, every acknowledgement has its audit row, every completed briefing has its
  signature and document row, and every made PDF is on disk with its recorded SHA-256;
- at the end, one more start as the kiosk does (`start_kiosk`, not killed): nothing is left in
  progress, every interrupted briefing is abandoned, every pending PDF is made, and no half-written
  PDF (a temporary file a kill left) remains in the documents folder.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from benchmarks.faults import record
from benchmarks.faults.common import Result, kiosk_env, make_kiosk, timed
from kiosk.config import Config
from kiosk.startup import start_kiosk
from kiosk.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
READY_SECONDS = 120.0
"""How long the kiosk's code may take to load (a second or two; only a broken install hits this)."""


class Lines:
    """Lines from a file descriptor (a pipe, a FIFO), read without blocking past a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.lines: list[str] = []
        self.eof = False

    def read(self, until: float, *, one: bool = False) -> None:
        """Read until the monotonic time `until` or the end (with `one`, until a whole line came)."""
        while not self.eof:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, until - time.monotonic()))
            if not ready:
                return
            if self._chunk() and one:
                return

    def drain(self) -> None:
        """Read what is there now, and no more."""
        while not self.eof and select.select([self.fd], [], [], 0)[0]:
            self._chunk()
        self.buffer = b""  # a line cut short by a kill is not a claim

    def _chunk(self) -> bool:
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.eof = True
            return False
        self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\n")
        self.lines += [line.decode() for line in complete]
        return bool(complete)


class Zygote:
    """benchmarks/faults/kiosk_process.py --zygote: loaded once, it forks a fresh kiosk per cycle
    (a Python, Qt and SQLAlchemy load is a second and a half of CPU: most of a cycle otherwise)."""

    def __init__(self, folder: Path, log: Path) -> None:
        with log.open("ab") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "benchmarks.faults.kiosk_process", "--zygote"],
                cwd=ROOT,
                env={**os.environ, **kiosk_env(folder)},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
            )
        assert self.process.stdout is not None
        self.out = Lines(self.process.stdout.fileno())
        deadline = time.monotonic() + READY_SECONDS
        while not self.out.lines and not self.out.eof and time.monotonic() < deadline:
            self.out.read(deadline, one=True)
        if self.out.lines != ["ready"]:
            self.close()
            raise RuntimeError(f"the kiosk processes could not load (see {log})")

    def ask(self, command: str) -> str:
        assert self.process.stdin is not None
        seen = len(self.out.lines)
        self.process.stdin.write(command.encode() + b"\n")
        self.process.stdin.flush()
        deadline = time.monotonic() + STALL_SECONDS
        while len(self.out.lines) == seen:
            if self.out.eof or time.monotonic() > deadline:
                raise RuntimeError(f"the kiosk zygote did not answer {command!r}")
            self.out.read(deadline, one=True)
        return self.out.lines[seen]

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


class Kiosk:
    """One kiosk forked by the zygote; what it prints comes through a named pipe of its own."""

    def __init__(self, zygote: Zygote, fifo: Path) -> None:
        self.zygote = zygote
        fifo.unlink(missing_ok=True)
        os.mkfifo(fifo)
        self.fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # our own writer end: no early EOF
        self.out = Lines(self.fd)
        self.pid = int(zygote.ask(f"fork {fifo}").split()[1])
        self.status: int | None = None

    @property
    def lines(self) -> list[str]:
        return self.out.lines

    def alive(self) -> bool:
        """Not yet dead (a zombie waiting for the zygote to reap it counts as dead)."""
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")

    def kill(self) -> bool:
        """SIGKILL, reaped, and what it printed read. Whether it was still running."""
        running = self.alive()
        if running:
            os.kill(self.pid, signal.SIGKILL)
        self.status = int(self.zygote.ask(f"wait {self.pid}").split()[2])
        self.out.drain()
        os.close(self.fd)
        return running


@dataclass
class Claims:
    """Everything the kiosks said they stored, over all cycles."""

    acks: set[record.Ack] = field(default_factory=set)
    started: set[str] = field(default_factory=set)
    signed: set[str] = field(default_factory=set)
    pdfs: set[str] = field(default_factory=set)

    def add(self, line: str) -> None:
        word, *rest = line.split()
        if word == "ack":
            self.acks.add((rest[0], rest[1]))
        elif word == "started":
            self.started.add(rest[0])
        elif word == "signed":
            self.signed.add(rest[0])
        elif word == "pdf":
            self.pdfs.add(rest[0])


def landed(lines: list[str]) -> str:
    """Where a kill landed, from the last thing the kiosk said."""
    if "up" not in lines:
        return "start-up"
    last = lines[-1].split()[0]
    if last == "signed":
        return "making the PDF"
    if last in ("pdf", "pdf-failed", "up"):
        return "between patients"
    return "mid-briefing"


def lost_claims(store: Store, claims: Claims) -> list[str]:
    """Claimed events missing from the record, or in a state the claim rules out."""
    lost = record.missing_acks(store, claims.acks)
    states = record.statuses(store)
    lost += [f"briefing {b}" for b in sorted(claims.started - states.keys())]
    lost += [
        f"signed briefing {b} is {states.get(b, ('missing',))[0]}"
        for b in sorted(claims.signed)
        if states.get(b, ("missing",))[0] != "completed"
    ]
    with store.reading() as session:
        made = set(
            session.execute(
                text("SELECT briefing_id FROM documents WHERE status = 'made'")
            ).scalars()
        )
    lost += [f"PDF of {b} (reported made)" for b in sorted(claims.pdfs - made)]
    return lost


@dataclass(frozen=True)
class Timing:
    """When kills come. A kill is placed by what the kiosk has done, not by the clock, so it lands
    as often in each part of the work on a fast machine as on a loaded one: with chance
    `startup_share`, within `startup_window` s of the release (its start-up: store opened and
    migrated, crashes recovered, pending PDFs made); otherwise up to `after` s after the n-th line
    the kiosk printed once up, n drawn from 1..`most_lines` (a briefing is 17 lines: started,
    confirmed, 8 acknowledgements, 5 answers, signed, pdf; the PDF takes 0.4 s or so after
    `signed`)."""

    startup_share: float = 0.2
    startup_window: float = 0.5
    most_lines: int = 40
    after: float = 0.4


STALL_SECONDS = 60.0
"""A kiosk that prints nothing for this long is stuck (a briefing takes under a second)."""


def run(
    kills: int,
    folder: Path,
    *,
    seed: int = 20261124,
    timing: Timing | None = None,
    check_every: int = 25,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """`kills` cycles of release, SIGKILL at a random moment (Timing), check (see the module)."""
    result = Result("SIGKILL the kiosk process")
    with timed(result):
        config = make_kiosk(folder)
        cycles = Cycles(result, config, folder, random.Random(seed), timing or Timing())
        try:
            cycles.run(kills, check_every, progress)
        finally:
            cycles.last_start()
    return result


class Cycles:
    """The kill cycles of one run, and what they have learnt: the claims, where kills landed, and
    the briefings a kill left in progress that the next start must abandon."""

    def __init__(
        self, result: Result, config: Config, folder: Path, rng: random.Random, timing: Timing
    ) -> None:
        self.result = result
        self.config = config
        self.folder = folder
        self.rng = rng
        self.timing = timing
        self.claims = Claims()
        self.where: Counter[str] = Counter()
        self.to_recover: set[str] = set()
        """Briefings a kill left in progress: the next start must abandon them."""
        self.to_make: set[str] = set()
        """PDFs a kill left pending: the next start must make them."""
        self.recovered = 0
        self.made_at_start = 0
        self.half_written: set[str] = set()
        """Temporary PDF files kills left (the next start removes them)."""

    def run(self, kills: int, check_every: int, progress: Callable[[str], None] | None) -> None:
        zygote = Zygote(self.folder, self.folder / "kiosk-stderr.log")
        try:
            for cycle in range(1, kills + 1):
                kiosk = Kiosk(zygote, self.folder / "kiosk.fifo")
                moment = self.let_run(kiosk)
                problems = (
                    [] if kiosk.kill() else [f"the kiosk ended on its own: {kiosk.lines[-2:]}"]
                )
                self.result.runs += 1
                problems += [line for line in kiosk.lines if line.startswith("error")]
                problems += self.check(kiosk.lines, full=cycle % check_every == 0 or cycle == kills)
                if problems:
                    self.result.failures += 1
                    self.result.problems += [
                        f"cycle {cycle} (killed {moment}): {p}" for p in problems
                    ]
                if progress and (cycle % 25 == 0 or problems):
                    progress(
                        f"  sigkill {cycle}/{kills}: {len(self.claims.acks)} acks reported, "
                        f"{self.result.failures} failures"
                    )
        finally:
            zygote.close()

    def let_run(self, kiosk: Kiosk) -> str:
        """Let the kiosk run, reading its lines, to the moment of the kill; that moment, in words."""
        t = self.timing
        if self.rng.random() < t.startup_share:
            delay = self.rng.uniform(0.0, t.startup_window)
            kiosk.out.read(time.monotonic() + delay)
            return f"{delay:.2f} s after its start"
        lines = self.rng.randint(1, t.most_lines)
        stalled = time.monotonic() + STALL_SECONDS
        while time.monotonic() < stalled:
            up = kiosk.lines.index("up") if "up" in kiosk.lines else None
            if up is not None and len(kiosk.lines) - 1 - up >= lines:
                break
            if any(line.startswith("error") for line in kiosk.lines) or not kiosk.alive():
                break
            kiosk.out.read(min(stalled, time.monotonic() + 1.0), one=True)
        delay = self.rng.uniform(0.0, t.after)
        kiosk.out.read(time.monotonic() + delay)
        return f"{delay:.2f} s after line {lines}"

    def check(self, lines: list[str], *, full: bool) -> list[str]:
        """After a kill: the claims, the briefings in progress, and (`full`) the whole record."""
        problems: list[str] = []
        self.where[landed(lines)] += 1
        for line in lines:
            self.claims.add(line)
        config = self.config
        store = open_store(config.database_url, config.kiosk_id, create=False, check=False)
        try:
            pending = set(record.pending_documents(store))
            if "up" in lines:  # its start-up ran: what the last kill left undone is done
                states = record.statuses(store)
                for b in sorted(self.to_recover):
                    if states[b] != ("abandoned", "interrupted"):
                        problems.append(f"briefing {b} was not abandoned at start: {states[b]}")
                problems += [
                    f"the PDF of {b}, pending at start, is still pending"
                    for b in sorted(self.to_make & pending)
                ]
                self.recovered += len(self.to_recover)
                self.made_at_start += len(self.to_make)
                self.to_recover.clear()
                self.to_make.clear()
            live = record.in_progress(store)
            if len(live) > 1:
                problems.append(f"{len(live)} briefings in progress at once: {live}")
            self.to_recover |= set(live)
            self.to_make |= pending
            lost = lost_claims(store, self.claims)
            self.half_written |= {p.name for p in record.leftovers(config.documents_dir)}
            if full:
                problems += record.sound(store, config.documents_dir)
        finally:
            store.close()
        if lost:
            problems.append(f"lost {lost[:3]}")
            self.result.lost = sorted(set(self.result.lost) | set(lost))
        return problems

    def last_start(self) -> None:
        """One more start as the kiosk does, not killed, and the whole record checked."""
        result, config, claims = self.result, self.config, self.claims
        started = start_kiosk(config, datetime.now(UTC))
        store = started.store
        try:
            problems = list(started.problems)
            if not set(started.recovered) >= self.to_recover:
                missed = sorted(self.to_recover - set(started.recovered))
                problems.append(f"not recovered at the last start: {missed}")
            self.recovered += len(started.recovered)
            problems += [f"still in progress: {b}" for b in record.in_progress(store)]
            problems += [f"PDF still pending: {b}" for b in record.pending_documents(store)]
            problems += record.sound(store, config.documents_dir)
            lost = lost_claims(store, claims)
            result.reported = len(claims.acks)
            result.found = len(claims.acks & record.acks(store))
            states = record.statuses(store)
            leftovers = record.leftovers(config.documents_dir)
        finally:
            store.close()
        if lost:
            result.lost = sorted(set(result.lost) | set(lost))
        if problems:
            result.failures += 1
            result.problems += [f"after the last start: {p}" for p in problems]
        counts = Counter(s for s, _ in states.values())
        result.notes.append(
            "kills landed: " + ", ".join(f"{n} {w}" for w, n in self.where.most_common())
        )
        result.notes.append(
            f"briefings: {counts['completed']} completed, {counts['abandoned']} abandoned "
            f"({self.recovered} left in progress by a kill, abandoned at the next start), "
            f"{counts['in_progress']} in progress; {len(claims.signed)} signings and "
            f"{len(claims.pdfs)} PDFs reported; {self.made_at_start} PDFs left pending by a kill "
            f"and made by the next start, {len(started.made)} at the last start; "
            f"{len(self.half_written)} half-written PDF files left by a kill, removed at a start"
        )
        if leftovers:
            result.failures += 1 if not problems else 0
            result.problems.append(
                f"after the last start: {len(leftovers)} half-written PDF file(s) left in "
                f"{config.documents_dir}: {[p.name for p in leftovers[:3]]}"
            )
