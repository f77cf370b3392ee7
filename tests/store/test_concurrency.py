"""Several kiosk processes write to one database at once: nothing is lost, nothing waits forever.

Each writer (tests/store/writer.py, mode `acks`) drives real briefings through the engine and the
recorder, 1,000 risk acknowledgements as fast as it can, each its own transaction with its audit row.
The writers are started, wait until all have loaded, and are released together so they contend for
the whole run. Each uses its own kiosk id: that is how kiosks share a database (recover_interrupted
abandons only its own kiosk's briefings, so two processes under one id would abandon each other's
live briefings at start), and it lets the test count every writer's rows apart.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.store import audit, open_store
from kiosk.store.database import integrity_problems
from kiosk.store.models import AuditEntry, BriefingRow, RiskAcknowledgement
from tests.store.writer import WriterProcess, read_until_all_end

ACKS = 1_000
"""Acknowledgements per writer: 125 briefings of 8 risks."""
RISKS_PER_BRIEFING = 8
DEADLINE = 120.0
"""Seconds the writers may take together (they take a few): only a hung or starved writer hits it."""


def run_writers(url: str, kiosks: list[str], tmp_path: Path) -> float:
    """Start one writer per kiosk id, release them together, wait for all; returns the writing seconds."""
    opened = open_store(url, "kiosk-test")  # migrate first: the writers must not race on migrations
    opened.close()
    writers: list[WriterProcess] = []
    try:
        for kiosk in kiosks:
            writers.append(
                WriterProcess(url, kiosk, "acks", ACKS, stderr_path=tmp_path / f"{kiosk}.err")
            )
        deadline = time.monotonic() + DEADLINE
        for w in writers:
            assert w.wait_ready(deadline), f"a writer did not get ready: {w.describe()}"
        began = time.monotonic()
        for w in writers:
            w.go()
        finished = read_until_all_end(writers, deadline)
        seconds = time.monotonic() - began
        assert finished, "writers still running at the deadline:\n" + "\n".join(
            w.describe() for w in writers if not w.eof
        )
        for w in writers:
            w.proc.wait(timeout=DEADLINE)
    finally:
        for w in writers:
            w.reap()

    for kiosk, w in zip(kiosks, writers, strict=True):
        # a "database is locked" (or any error) makes the writer print it and exit 1
        assert (w.proc.returncode, w.stderr()) == (0, ""), f"{kiosk}: {w.describe()}"
        assert w.lines[-1:] == [f"done {ACKS}"], f"{kiosk}: {w.describe()}"
    check_record(url, kiosks, writers)
    return seconds


def check_record(url: str, kiosks: list[str], writers: list[WriterProcess]) -> None:
    claimed = {
        (line.split(" ")[1], line.split(" ")[2])
        for w in writers
        for line in w.lines
        if line.startswith("ack ")
    }
    assert len(claimed) == ACKS * len(kiosks)
    store = open_store(url, "kiosk-test")
    try:
        assert integrity_problems(store.engine, full=True) == []
        with Session(store.engine) as s:
            total = s.execute(select(func.count()).select_from(RiskAcknowledgement)).scalar_one()
            assert total == ACKS * len(kiosks)
            per_kiosk = dict(
                s.execute(
                    select(BriefingRow.kiosk_id, func.count())
                    .join(RiskAcknowledgement, RiskAcknowledgement.briefing_id == BriefingRow.id)
                    .group_by(BriefingRow.kiosk_id)
                ).all()
            )
            assert per_kiosk == dict.fromkeys(kiosks, ACKS)
            stored = {
                (b, r)
                for b, r in s.execute(
                    select(RiskAcknowledgement.briefing_id, RiskAcknowledgement.risk_id)
                )
            }
            assert stored == claimed, (
                f"lost {len(claimed - stored)}, unclaimed {len(stored - claimed)}"
            )

            chain = audit.verify(s)
            assert chain.ok, f"audit chain broken at {chain.broken_at}: {chain.reason}"
            # per writer: each briefing prepared, started, confirmed, and one row per acknowledgement
            briefings = ACKS // RISKS_PER_BRIEFING
            assert chain.rows == len(kiosks) * (3 * briefings + ACKS)
            log = s.execute(select(AuditEntry.kiosk_id).order_by(AuditEntry.seq)).scalars().all()
            assert Counter(log) == dict.fromkeys(kiosks, 3 * briefings + ACKS)
            acked = s.execute(
                select(func.count()).where(AuditEntry.action == "risk_acknowledged")
            ).scalar_one()
            assert acked == ACKS * len(kiosks)
            # On PostgreSQL the advisory lock queues writers fairly, so the chain goes from one to
            # another and back: proof they wrote at the same time. SQLite's lock is not fair (a
            # waiter sleeps and retries), so one writer may hold it for its whole run on a busy
            # machine; there the proof is that the waiting writer lost nothing and never failed.
            switches = sum(a != b for a, b in itertools.pairwise(log))
            print(f"{len(kiosks)} writers: the audit chain changes kiosk {switches} times")
            if s.get_bind().dialect.name == "postgresql":
                assert switches >= 2, f"the writers did not overlap ({switches} changes of kiosk)"
            s.rollback()
    finally:
        store.close()


def test_two_processes_on_one_sqlite_file_lose_nothing_and_never_lock(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"
    seconds = run_writers(url, ["kiosk-a", "kiosk-b"], tmp_path)
    print(f"sqlite: 2 x {ACKS} acknowledgements in {seconds:.1f} s")


def test_four_processes_on_postgresql_lose_nothing_and_keep_one_chain(
    fresh_postgres: str, tmp_path: Path
) -> None:
    seconds = run_writers(fresh_postgres, ["kiosk-a", "kiosk-b", "kiosk-c", "kiosk-d"], tmp_path)
    print(f"postgresql: 4 x {ACKS} acknowledgements in {seconds:.1f} s")
