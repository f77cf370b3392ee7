"""A disk that fills up in the middle of a briefing: a real ENOSPC from a small filesystem.

The kiosk's config and data folder live on a tmpfs mounted for the test (size-limited, so writes
past it fail with ENOSPC exactly as on a full disk). So that nothing is left mounted if anything
goes wrong, the mount is made inside a private mount namespace (`unshare --mount`; where the user
may not do that, a user namespace as well: `unshare --user --map-root-user --mount`), in a child
process that runs the kiosk window and prints its result as JSON:

    python -m benchmarks.faults.diskfull --inside FOLDER

What happens, in one walk-up briefing played through the real widgets:

1. Three risks are acknowledged. The WAL is checkpointed and truncated (as a quiet kiosk's would
   be; otherwise SQLite reuses the WAL's space and a full disk goes unnoticed for a while), and a
   filler file takes every free byte. The patient taps “I understand this risk”: the tap must fail
   with the sentence the patient reads and store nothing; a second tap too. The filler is removed;
   the third tap is stored. The three acknowledgements before stay.
2. The briefing goes on to its signature. The moment the signature is stored, the filler takes
   every free byte again, so the PDF cannot be written: the briefing must be complete in the record,
   the done screen must tell staff the PDF is pending and why, and a kiosk starting now must name the
   pending PDF among its problems for staff.
3. Space returns (the filler goes): `kiosk doctor --repair` must make the PDF, and the record must be
   sound (integrity, audit chain, the PDF on disk with its SHA-256).
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.faults.common import Result, timed

ROOT = Path(__file__).resolve().parents[2]
SIZE = "24m"
"""The small disk: room for the kiosk's data and a few briefings, nothing more."""
NAMESPACES = (
    ["unshare", "--mount", "--propagation", "private"],
    ["unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"],
)


def run(folder: Path) -> Result:
    """The whole fault, in a child process that mounts its own small disk (see the module)."""
    result = Result("disk full mid-briefing")
    with timed(result):
        wrapper, why = namespace()
        if wrapper is None:
            result.runs, result.failures = 1, 1
            result.fail(f"no small filesystem could be mounted for the test: {why}")
            return result
        child = subprocess.run(
            [*wrapper, sys.executable, "-m", "benchmarks.faults.diskfull", "--inside", str(folder)],
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        lines = child.stdout.strip().splitlines()
        if child.returncode != 0 or not lines or not lines[-1].startswith("{"):
            result.runs, result.failures = 1, 1
            result.fail(
                f"the disk-full run failed (exit {child.returncode}): {child.stderr[-2000:]}"
            )
            return result
        inside = Result(**json.loads(lines[-1]))
        inside.notes.append(f"mounted with: {' '.join(wrapper)} + mount -t tmpfs -o size={SIZE}")
    inside.seconds = result.seconds
    return inside


def namespace() -> tuple[list[str] | None, str]:
    """The first way this user may mount a filesystem of its own, or None and why not."""
    why = ""
    for wrapper in NAMESPACES:
        if shutil.which(wrapper[0]) is None:
            return None, "unshare (util-linux) is not installed"
        probe = subprocess.run(
            [*wrapper, "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if probe.returncode == 0:
            return wrapper, ""
        why = (
            probe.stderr.strip().splitlines()[-1]
            if probe.stderr.strip()
            else f"exit {probe.returncode}"
        )
    return None, why


# -- inside the namespace --------------------------------------------------------------------


def fill(path: Path) -> None:
    """Take every free byte of the filesystem `path` is on (a real ENOSPC ends it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (1 << 20, 1 << 12, 1):
            chunk = b"\0" * size
            try:
                while True:
                    os.write(fd, chunk)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
    finally:
        os.close(fd)


def inside(folder: Path) -> Result:
    disk = folder / "disk"
    disk.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0755", "tmpfs", str(disk)], check=True
    )
    result = Result("disk full mid-briefing")
    try:
        _scenario(disk, result)
    finally:
        (disk / "filler").unlink(missing_ok=True)
    return result


def _scenario(disk: Path, result: Result) -> None:
    from benchmarks.faults import record, screen
    from benchmarks.faults.common import make_kiosk
    from benchmarks.faults.screen import SAVE_FAILED
    from kiosk.cli import main as kiosk_main
    from kiosk.document.make import pending
    from kiosk.session import events as ev
    from kiosk.startup import start_kiosk
    from kiosk.store import open_store
    from kiosk.store.database import sqlite_path

    config = make_kiosk(disk)
    db = sqlite_path(config.database_url)
    assert db is not None
    filler = disk / "filler"
    reported: set[record.Ack] = set()
    result.runs = 1
    with screen.kiosk_window(config) as window:
        # 1. The disk fills while the patient reads a risk.
        briefing_id, risk = screen.begin_with_risks(window, 3, reported)
        other = sqlite3.connect(db)
        busy = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        other.close()
        if busy:
            result.fail("the WAL could not be checkpointed before filling the disk")
        fill(filler)
        free = os.statvfs(disk).f_bavail
        for attempt in (1, 2):
            if screen.understand(window):
                result.fail(f"tap {attempt} on a full disk ({free} blocks free) was stored")
                reported.add((briefing_id, risk))
            elif screen.message(window) != SAVE_FAILED:
                result.fail(f"on a full disk the patient read {screen.message(window)!r}")
        said_full = screen.message(window)
        filler.unlink()
        if screen.retried(window, result.notes):
            reported.add((briefing_id, risk))
        else:
            result.fail(f"the tap after space returned failed: {screen.message(window)!r}")
        if window.briefing is None or window.briefing.briefing_id != briefing_id:
            result.fail("the patient's briefing was lost")
        # 2. The disk fills again the moment the signature is stored: the PDF cannot be written.
        recorder = window.station.recorder
        stored = recorder.record

        def record_then_fill(event: ev.Event) -> None:
            stored(event)
            if isinstance(event, ev.Signed):
                fill(filler)

        recorder.record = record_then_fill  # type: ignore[method-assign]

        screen.to_sign(window, lambda b, r: reported.add((b, r)))
        signed, pdf = screen.sign(window)
        recorder.record = stored  # type: ignore[method-assign]
        staff_line = window.done.staff.text() if window.done.staff.isVisible() else ""
        if not signed:
            result.fail(
                f"Sign failed once the signature could be stored: {screen.message(window)!r}"
            )
        elif pdf == "made":
            result.fail("the PDF was made on a full disk")
        elif (
            not staff_line.startswith("For staff: the PDF is pending.")
            or "No space left" not in staff_line
        ):
            result.fail(f"the done screen told staff {staff_line!r}")
        screen.finish(window)
    started = start_kiosk(config, datetime.now(UTC))  # the next start, disk still full
    try:
        at_start = [p for p in started.problems if briefing_id in p or "No space" in p]
        if not at_start:
            result.fail(
                f"a kiosk starting on the full disk named no pending PDF: {started.problems}"
            )
        still = pending(started.store)
    finally:
        started.store.close()
    if still != [briefing_id]:
        result.fail(f"pending PDFs on the full disk: {still}")
    # 3. Space returns: `kiosk doctor --repair` makes the PDF.
    filler.unlink()
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        kiosk_main(["doctor", "--repair"])
    doctor = out.getvalue().splitlines()
    repair = [line for line in doctor if line.split()[1:2] in (["repair"], ["pending"])]
    if any(line.startswith("FAIL") for line in repair) or len(repair) != 2:
        result.fail(f"kiosk doctor --repair did not make the PDF: {repair}")
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        if pending(store):
            result.fail("a PDF is still pending after the repair")
        for problem in record.sound(store, config.documents_dir):
            result.fail(problem)
        result.reported = len(reported)
        result.found = len(reported & record.acks(store))
        result.lost = record.missing_acks(store, reported)
        if record.leftovers(config.documents_dir):
            result.notes.append("a temporary PDF file was left behind in the documents folder")
    finally:
        store.close()
    result.failures = 1 if result.problems else 0
    result.notes.append(f"on the full disk the patient read: {said_full!r}")
    result.notes.append(f"the done screen told staff: {staff_line!r}")
    result.notes += [f"kiosk doctor --repair: {line}" for line in repair]


def main(argv: list[str]) -> int:
    if argv[:1] != ["--inside"] or len(argv) != 2:
        print("usage: python -m benchmarks.faults.diskfull --inside FOLDER", file=sys.stderr)
        return 2
    result = inside(Path(argv[1]))
    print(json.dumps(asdict(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
