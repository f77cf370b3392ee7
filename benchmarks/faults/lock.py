"""The database locked by another writer for longer than the busy timeout, in the middle of a briefing.

A second sqlite3 connection (another program on the machine: a backup tool, a clinic script) takes
the write lock with BEGIN IMMEDIATE and holds it. The patient taps “I understand this risk”: the
screen says at once that it is saving and stays live (a heartbeat timer measures how long the
event loop ever stood still) while the kiosk tries the tap again; after the busy timeout the tap
fails with the sentence the patient reads, storing nothing and changing nothing on screen. The other
writer lets go; the patient taps again and it is stored. On the next risk the other writer lets go
while the screen still says it is saving: the tap is stored with no second tap. The briefing goes on
to its signature and PDF. Nothing stored before is lost.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from benchmarks.faults import record, screen
from benchmarks.faults.common import Result, make_kiosk, timed
from benchmarks.faults.screen import SAVE_FAILED, SAVING
from kiosk.store import database, open_store


def run(folder: Path, *, runs: int = 1, busy_timeout_ms: int | None = None) -> Result:
    """`runs` briefings, each locked out once mid-way; `busy_timeout_ms` shortens the kiosk's busy
    timeout (the tests use 1 s; the kiosk's own is database.BUSY_TIMEOUT_MS)."""
    result = Result("database locked past the busy timeout")
    kept = database.BUSY_TIMEOUT_MS
    if busy_timeout_ms is not None:
        database.BUSY_TIMEOUT_MS = busy_timeout_ms  # read when the kiosk opens its store
    try:
        with timed(result):
            config = make_kiosk(folder)
            reported: set[record.Ack] = set()
            with screen.kiosk_window(config) as window:
                for _ in range(runs):
                    result.runs += 1
                    db = database.sqlite_path(config.database_url)
                    assert db is not None
                    problems = _one(window, db, reported, result)
                    if problems:
                        result.failures += 1
                        result.problems += problems
            store = open_store(config.database_url, config.kiosk_id, create=False)
            try:
                result.reported = len(reported)
                result.found = len(reported & record.acks(store))
                result.lost = record.missing_acks(store, reported)
                result.problems += record.sound(store, config.documents_dir)
            finally:
                store.close()
    finally:
        database.BUSY_TIMEOUT_MS = kept
    return result


FROZEN = 0.5
"""The longest the screen may stand still while a tap waits for the lock (seconds)."""


def _one(
    window: screen.KioskWindow, db: Path, reported: set[record.Ack], result: Result
) -> list[str]:
    problems: list[str] = []
    busy_s = database.BUSY_TIMEOUT_MS / 1000
    briefing_id, risk = screen.begin_with_risks(window, 2, reported)
    other = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # the other writer holds the lock...
        with screen.Heartbeat() as heart:
            start = time.monotonic()
            took = screen.understand(window)
            first = screen.message(window)
            gave_up = screen.wait_for(lambda: screen.message(window) != SAVING, busy_s * 3)
            waited = time.monotonic() - start
        said = screen.message(window)
        if took:
            problems.append("a tap went through while another writer held the lock")
            reported.add((briefing_id, risk))
        if first != SAVING:
            problems.append(f"the patient read {first!r} at once when the lock held the tap up")
        if not gave_up or said != SAVE_FAILED:
            problems.append(f"the patient read {said!r} when the lock held the tap up")
        if waited < busy_s * 0.9:
            problems.append(f"the tap gave up after {waited:.1f} s, before the busy timeout")
        if heart.longest > FROZEN:
            problems.append(
                f"the screen stood still for {heart.longest:.2f} s while the tap waited"
            )
        other.execute("ROLLBACK")  # ...and lets go
    finally:
        other.close()
    if not screen.retried(window, result.notes):
        problems.append(
            f"the tap after the lock was released failed too: {screen.message(window)!r}"
        )
    else:
        reported.add((briefing_id, risk))
    result.notes.append(
        f"the tap waited {waited:.1f} s (busy timeout {busy_s:g} s), the screen live throughout "
        f"(longest still {heart.longest:.2f} s); the patient read {first!r}, then {said!r}"
    )
    problems += _let_go_while_saving(window, db, briefing_id, reported)

    screen.to_sign(window, lambda b, r: reported.add((b, r)))
    signed, pdf = screen.sign(window)
    if not signed or pdf != "made":
        problems.append(f"the briefing did not end signed with its PDF: {signed}, {pdf}")
    screen.finish(window)
    return problems


def _let_go_while_saving(
    window: screen.KioskWindow, db: Path, briefing_id: str, reported: set[record.Ack]
) -> list[str]:
    """The other writer lets go while the screen says it is saving: stored with no second tap."""
    risk = screen.to_next_risk(window)
    b = window.briefing
    assert b is not None
    other = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        screen.understand(window)
        if risk in b.acknowledgements:
            return ["a tap went through while another writer held the lock"]
        screen.wait_for(lambda: False, 0.5)  # a moment, the screen saying it is saving
        other.execute("ROLLBACK")
    finally:
        other.close()
    if not screen.wait_for(lambda: risk in b.acknowledgements, 5.0):
        return [
            f"the held-up tap was not stored once the lock was let go: {screen.message(window)!r}"
        ]
    reported.add((briefing_id, risk))
    if screen.message(window):
        return [f"the stored tap left {screen.message(window)!r} on screen"]
    return []
