"""The PostgreSQL server restarted in the middle of a briefing.

The fault needs a server it may stop and start, so it runs its own: a throwaway cluster (initdb in
a temporary folder, its own port on loopback, run as the `postgres` user when we are root), never
the shared server other tests and other people are using. The kiosk points at it with
database_url, exactly as a clinic's kiosks do, and a walk-up briefing is played through the real
widgets:

1. Two risks are acknowledged. The server is stopped (`pg_ctl stop -m fast`): the patient's tap on
   “I understand this risk” must fail with the sentence the patient reads and store nothing. The
   server starts again; the same tap must now be stored.
2. The server is restarted between two taps (`pg_ctl restart -m fast`): the kiosk's pooled
   connections are all dead, and the patient's very next tap must be stored anyway (the engine
   pings a pooled connection before using it).
3. The briefing goes on to its signature and PDF. Every acknowledgement is there, and the audit
   chain verifies.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.faults.common import Result, make_kiosk, timed


class NoServer(Exception):
    """PostgreSQL's programs are not installed here (`.ci/postgres` installs them)."""


def bin_dir() -> Path:
    """Where initdb and pg_ctl are: Debian keeps them out of PATH, per major version."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    which = shutil.which("pg_ctl")
    if which:
        return Path(which).resolve().parent
    raise NoServer(
        "PostgreSQL is not installed (pg_ctl not found; `bash .ci/postgres` installs it)"
    )


class Server:
    """A PostgreSQL cluster of our own, on loopback, that this fault may stop and start."""

    def __init__(self) -> None:
        self.bin = bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-faults-pg-"))
        self.data = self.root / "data"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self.user = [
                "setpriv",
                f"--reuid={account.pw_uid}",
                f"--regid={account.pw_gid}",
                "--clear-groups",
            ]
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "kiosk",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        self.url = f"postgresql+psycopg://kiosk@127.0.0.1:{self.port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        # Output to a file, never a pipe: the server pg_ctl starts would hold a pipe open for ever.
        out = self.root / "pg_ctl.out"
        with out.open("w") as handle:
            done = subprocess.run(
                [*self.user, str(self.bin / program), *args],
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
                timeout=120,
                check=False,
            )
        if done.returncode != 0:
            raise RuntimeError(f"{program} {' '.join(args[:2])} failed: {out.read_text()[-1000:]}")

    def _ctl(self, action: str, *args: str) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        log = str(self.root / "log")
        self._run("pg_ctl", action, "-D", str(self.data), "-l", log, "-o", options, "-w", *args)

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast")

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w")
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def server() -> Iterator[Server]:
    s = Server()
    try:
        s.start()
        yield s
    finally:
        s.remove()


def run(folder: Path, *, runs: int = 1) -> Result:
    result = Result("PostgreSQL restarted mid-briefing")
    with timed(result):
        try:
            with server() as pg:
                config = make_kiosk(folder, database_url=pg.url)
                _briefings(result, config, pg, runs)
        except NoServer as exc:
            result.runs, result.failures = 1, 1
            result.fail(str(exc))
    return result


def _briefings(result: Result, config: object, pg: Server, runs: int) -> None:
    from benchmarks.faults import record, screen
    from benchmarks.faults.screen import SAVE_FAILED
    from kiosk.config import Config
    from kiosk.store import open_store

    assert isinstance(config, Config)
    reported: set[record.Ack] = set()
    with screen.kiosk_window(config) as window:
        for _ in range(runs):
            result.runs += 1
            problems: list[str] = []
            # 1. A tap while the server is down fails plainly; after it is back, it is stored.
            briefing_id, risk = screen.begin_with_risks(window, 2, reported)
            pg.stop()
            try:
                if screen.understand(window):
                    problems.append("a tap was stored while the server was down")
                    reported.add((briefing_id, risk))
                said = screen.message(window)
                if said != SAVE_FAILED:
                    problems.append(f"with the server down the patient read {said!r}")
            finally:
                pg.start()
            if screen.retried(window, result.notes):
                reported.add((briefing_id, risk))
            else:
                problems.append(
                    f"the tap after the server came back failed: {screen.message(window)!r}"
                )
            # 2. A restart between two taps: the next tap is stored at the first try.
            risk = screen.to_next_risk(window)
            pg.restart()
            if screen.understand(window):
                reported.add((briefing_id, risk))
            else:
                problems.append(f"the first tap after a restart failed: {screen.message(window)!r}")

            screen.to_sign(window, lambda b, r: reported.add((b, r)))
            signed, pdf = screen.sign(window)
            if not signed or pdf != "made":
                problems.append(f"the briefing did not end signed with its PDF: {signed}, {pdf}")
            screen.finish(window)
            if problems:
                result.failures += 1
                result.problems += problems
        result.notes.append(f"with the server down the patient read: {said!r}")
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        result.reported = len(reported)
        result.found = len(reported & record.acks(store))
        result.lost = record.missing_acks(store, reported)
        result.problems += record.sound(store, config.documents_dir)
        if record.in_progress(store):
            result.problems.append("a briefing is still in progress")
    finally:
        store.close()
