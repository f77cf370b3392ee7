"""One acknowledgement durably stored, against its floor: a raw sqlite3 INSERT+COMMIT.

Target (PRODUCT.md, "Targets"; the figure in benchmarks/targets.toml, `acknowledgement.ratio`):
one acknowledgement durably stored within that ratio of a raw sqlite3 INSERT+COMMIT with the
same pragmas.

The real path is the engine's `Briefing.acknowledge_risk()` on a briefing prepared with
`prepare_briefing` and standing on its first risk screen, with the real `Recorder` on a store
opened by `open_store` on a SQLite file in a temporary folder: the event, one transaction
(BEGIN IMMEDIATE, the acknowledgement row, the audit head read, the hash-chained audit row) and
its COMMIT with synchronous=FULL. Every briefing is prepared and walked to its risk screen
before the timed region; only the acknowledge_risk() call is timed.

The floor is the standard library's sqlite3 on a second file in the same temporary folder, with
the same pragmas (foreign_keys=ON, journal_mode=WAL, synchronous=FULL, busy_timeout): BEGIN
IMMEDIATE, one INSERT of a row shaped like an acknowledgement (same columns, foreign key, unique
pair and check), COMMIT.

A third path, informative, does the kiosk's own work (the acknowledgement, the audit head read, the
chained audit row hashed as the kiosk hashes it) in raw sqlite3: the floor of that work.

The paths are interleaved one operation at a time (rotating which goes first), so all see the
same disk. Each run gives a median and a p95 per path; the report is the median over runs.

    .venv/bin/python -m benchmarks.bench_store [--runs 5] [--count 200] [--json PATH]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import json
import math
import os
import platform
import pstats
import shlex
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import func, select

from benchmarks.common import Row, cpu_model, filesystem_of, load_average, table, write_figures
from benchmarks.targets import target
from kiosk.content import Form, load_form
from kiosk.session import Briefing, Patient, ScreenKind, SystemClock
from kiosk.store import Recorder, Store, audit, open_store
from kiosk.store.briefings import prepare_briefing
from kiosk.store.database import BUSY_TIMEOUT_MS, PAGE_CACHE_KIB
from kiosk.store.models import RiskAcknowledgement

ROOT = Path(__file__).resolve().parents[1]
FORM_FILE = ROOT / "forms" / "mild" / "en.toml"
TARGET_RATIO = target("acknowledgement", "ratio")
DOB = date(1951, 3, 14)
KIOSK_ID = "bench-kiosk"

FLOOR_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    f"PRAGMA cache_size=-{PAGE_CACHE_KIB}",
)
FLOOR_SCHEMA = (
    "CREATE TABLE briefings (id VARCHAR(36) NOT NULL PRIMARY KEY)",
    """CREATE TABLE risk_acknowledgements (
        id INTEGER NOT NULL PRIMARY KEY,
        briefing_id VARCHAR(36) NOT NULL REFERENCES briefings (id),
        risk_id VARCHAR(64) NOT NULL,
        shown_at DATETIME NOT NULL,
        acknowledged_at DATETIME NOT NULL,
        seconds_on_screen FLOAT NOT NULL,
        UNIQUE (briefing_id, risk_id),
        CHECK (seconds_on_screen >= 0)
    )""",
)
FLOOR_INSERT = (
    "INSERT INTO risk_acknowledgements "
    "(briefing_id, risk_id, shown_at, acknowledged_at, seconds_on_screen) VALUES (?, ?, ?, ?, ?)"
)


# -- the two paths ---------------------------------------------------------------------------


class RealPath:
    """The kiosk's own store; briefings are prepared ahead and each stands on a risk screen."""

    def __init__(self, folder: Path, form: Form) -> None:
        self.db = folder / "kiosk.db"
        self.store: Store = open_store(f"sqlite:///{self.db}", KIOSK_ID)
        self.form = form
        self.clock = SystemClock()
        self.recorder = Recorder(self.store)
        self.prepared = 0
        self.acknowledged = 0

    def prepare(self, count: int) -> list[Briefing]:
        """`count` briefings, each prepared, started, identity confirmed and on its first risk."""
        out = []
        for _ in range(count):
            self.prepared += 1
            name = f"Bench Patient {self.prepared}"
            briefing_id = prepare_briefing(
                self.store,
                self.form,
                name=name,
                date_of_birth=DOB,
                mrn=None,
                staff="Bench Coordinator",
                now=self.clock.now(),
            )
            b = Briefing(
                self.form, briefing_id, self.recorder, self.clock, patient=Patient(name, DOB)
            )
            b.go_next()  # welcome -> identity: BriefingStarted is recorded
            b.confirm_identity(DOB)  # IdentityConfirmed is recorded
            while b.current.kind is not ScreenKind.RISK:
                b.go_next()
            out.append(b)
        return out

    @staticmethod
    def timed(b: Briefing) -> int:
        t0 = time.perf_counter_ns()
        b.read_to_end()
        b.acknowledge_risk()
        return time.perf_counter_ns() - t0

    def check(self) -> tuple[int, str]:
        """Acknowledgement rows stored, and what `audit.verify` says of the chain."""
        with self.store.sessions() as s:
            rows = int(
                s.execute(select(func.count()).select_from(RiskAcknowledgement)).scalar_one()
            )
            try:
                report = audit.verify(s)
            except (
                Exception
            ) as exc:  # a bug in verify is reported, not a reason to lose the figures
                return rows, f"could not be verified ({type(exc).__name__}: {exc})"
            return rows, "verifies" if report.ok else f"BROKEN at row {report.broken_at}"

    def close(self) -> None:
        self.store.close()


class FloorPath:
    """Standard-library sqlite3, same pragmas, BEGIN IMMEDIATE, one INSERT, COMMIT."""

    def __init__(self, folder: Path, name: str = "floor.db") -> None:
        self.db = folder / name
        self.conn = sqlite3.connect(self.db, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        for pragma in FLOOR_PRAGMAS:
            self.conn.execute(pragma)
        for ddl in FLOOR_SCHEMA:
            self.conn.execute(ddl)
        self.rows = 0

    def prepare(self, count: int) -> list[tuple[Any, ...]]:
        """One parent briefing row per run (committed now); the row values for `count` inserts."""
        parent = str(uuid.uuid4())
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO briefings (id) VALUES (?)", (parent,))
        self.conn.execute("COMMIT")
        stamp = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        return [(parent, f"risk-{i}", stamp, stamp, 12.345) for i in range(count)]

    def timed(self, row: tuple[Any, ...]) -> int:
        conn = self.conn
        t0 = time.perf_counter_ns()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(FLOOR_INSERT, row)
        conn.execute("COMMIT")
        elapsed = time.perf_counter_ns() - t0
        self.rows += 1
        return elapsed

    def check(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM risk_acknowledgements").fetchone()[0])

    def close(self) -> None:
        self.conn.close()


class ChainedFloorPath(FloorPath):
    """What the kiosk must do, in the thinnest Python: standard-library sqlite3, same pragmas, BEGIN
    IMMEDIATE, the acknowledgement INSERT, the audit chain's head read, the next audit row hashed
    (`kiosk.store.audit.entry_hash`, as the kiosk hashes it) and INSERTed, COMMIT. Informative: it
    is the floor of the kiosk's own work (two rows, one read, a SHA-256), where the target's floor
    is one INSERT; what the real path takes over it is the engine, SQLAlchemy and the Recorder."""

    AUDIT = """CREATE TABLE audit_log (
        seq INTEGER NOT NULL PRIMARY KEY, at DATETIME NOT NULL, kiosk_id VARCHAR(64) NOT NULL,
        actor VARCHAR(400) NOT NULL, action VARCHAR(64) NOT NULL, subject VARCHAR(200) NOT NULL,
        detail TEXT NOT NULL, prev_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL UNIQUE
    )"""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, name="chained.db")
        self.conn.execute(self.AUDIT)
        self.conn.execute("CREATE INDEX ix_audit_subject ON audit_log (subject)")

    def timed(self, row: tuple[Any, ...]) -> int:
        conn = self.conn
        t0 = time.perf_counter_ns()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(FLOOR_INSERT, row)
        head = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        at = datetime.now(UTC)
        facts = {
            "seq": head[0] + 1 if head else 1,
            "kiosk_id": KIOSK_ID,
            "actor": "patient",
            "action": "risk_acknowledged",
            "subject": row[0],
            "detail": json.dumps({"risk": row[1], "seconds": row[4]}, sort_keys=True),
            "prev_hash": head[1] if head else audit.GENESIS,
        }
        digest = audit.entry_hash(at=at, **facts)
        conn.execute(
            "INSERT INTO audit_log (seq, at, kiosk_id, actor, action, subject, detail, prev_hash, "
            "hash) VALUES (:seq, :at, :kiosk_id, :actor, :action, :subject, :detail, :prev_hash, "
            ":hash)",
            facts | {"at": at.replace(tzinfo=None).isoformat(sep=" "), "hash": digest},
        )
        conn.execute("COMMIT")
        elapsed = time.perf_counter_ns() - t0
        self.rows += 1
        return elapsed


# -- figures ---------------------------------------------------------------------------------


def p95(samples: Sequence[int]) -> int:
    """Nearest-rank 95th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class RunFigures:
    run: int
    real_median_ns: float
    real_p95_ns: int
    floor_median_ns: float
    floor_p95_ns: int

    @property
    def ratio(self) -> float:
        return self.real_median_ns / self.floor_median_ns


@dataclass
class Results:
    runs: list[RunFigures] = field(default_factory=list)
    real_ns: list[list[int]] = field(default_factory=list)
    floor_ns: list[list[int]] = field(default_factory=list)
    chained_ns: list[list[int]] = field(default_factory=list)

    def add(self, real: list[int], floor: list[int], chained: list[int]) -> RunFigures:
        figures = RunFigures(
            len(self.runs) + 1,
            statistics.median(real),
            p95(real),
            statistics.median(floor),
            p95(floor),
        )
        self.runs.append(figures)
        self.real_ns.append(real)
        self.floor_ns.append(floor)
        self.chained_ns.append(chained)
        return figures

    def summary(self) -> dict[str, float]:
        real = statistics.median(r.real_median_ns for r in self.runs)
        floor = statistics.median(r.floor_median_ns for r in self.runs)
        real95 = statistics.median(r.real_p95_ns for r in self.runs)
        floor95 = statistics.median(r.floor_p95_ns for r in self.runs)
        return {
            "real_median_ns": real,
            "floor_median_ns": floor,
            "ratio_median": real / floor,
            "real_p95_ns": real95,
            "floor_p95_ns": floor95,
            "ratio_p95": real95 / floor95,
            "real_overhead_median_ns": real - floor,
            "chained_median_ns": statistics.median(statistics.median(c) for c in self.chained_ns),
        }


# -- the machine -----------------------------------------------------------------------------


def machine(folder: Path) -> dict[str, Any]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count() or 0
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
        "code": f"kiosk/session + kiosk/store sha256 {code_fingerprint()}",
        "load_average_at_start": load_average(),
        "temp_dir": str(folder),
        "filesystem": filesystem_of(folder),
    }


def code_fingerprint() -> str:
    """SHA-256 (first 16 hex) over the sources on the measured path, to tell which code was timed."""
    digest = hashlib.sha256()
    for package in ("kiosk/session", "kiosk/store"):
        for source in sorted((ROOT / package).rglob("*.py")):
            digest.update(str(source.relative_to(ROOT)).encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def reproduce_command(argv: Sequence[str]) -> str:
    cwd = Path.cwd()
    python = Path(sys.executable)
    try:
        shown = str(python.relative_to(cwd))
    except ValueError:
        shown = str(python)
    return f"cd {shlex.quote(str(cwd))} && {shlex.join([shown, '-m', 'benchmarks.bench_store', *argv])}"


# -- running ---------------------------------------------------------------------------------


def interleaved(
    real: RealPath, floor: FloorPath, chained: ChainedFloorPath, count: int
) -> tuple[list[int], list[int], list[int]]:
    """`count` timed operations of each path, one of each in turn, rotating which goes first."""
    briefings = real.prepare(count)
    rows = floor.prepare(count)
    chained_rows = chained.prepare(count)
    gc.collect()
    real_ns: list[int] = []
    floor_ns: list[int] = []
    chained_ns: list[int] = []
    steps = (
        lambda i: real_ns.append(real.timed(briefings[i])),
        lambda i: floor_ns.append(floor.timed(rows[i])),
        lambda i: chained_ns.append(chained.timed(chained_rows[i])),
    )
    for i in range(count):
        for step in steps[i % 3 :] + steps[: i % 3]:
            step(i)
    return real_ns, floor_ns, chained_ns


def profile_real(real: RealPath, count: int, out: Path) -> None:
    """cProfile around the acknowledge_risk() calls only (prepared outside); stats saved to `out`."""
    briefings = real.prepare(count)
    profiler = cProfile.Profile()
    for b in briefings:
        profiler.enable()
        b.read_to_end()
        b.acknowledge_risk()
        profiler.disable()
    profiler.dump_stats(out)
    print(f"\ncProfile of {count} acknowledge_risk() calls (saved to {out}):")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)


def ms(ns: float) -> str:
    return f"{ns / 1e6:.3f} ms"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_store",
        description="Time one risk acknowledgement durably stored, beside a raw sqlite3 INSERT+COMMIT.",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs (default 5)")
    parser.add_argument(
        "--count",
        type=int,
        default=200,
        help="acknowledgements per run, and floor inserts likewise (default 200)",
    )
    parser.add_argument(
        "--warmup", type=int, default=10, help="untimed operations of each path first (default 10)"
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where to make the temporary folder (default: the system temp dir); pick the disk the kiosk's data lives on",
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="PATH", help="write the figures as JSON"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        metavar="PATH",
        help="after the runs, cProfile --count more acknowledge_risk() calls and save the stats to PATH",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.count < 1 or args.warmup < 0:
        parser.error("--runs and --count must be at least 1, --warmup at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    form = load_form(FORM_FILE)
    results = Results()

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-", dir=args.dir) as tmp:
        folder = Path(tmp)
        info = machine(folder)
        command = reproduce_command(argv)
        fs = info["filesystem"]
        print("One acknowledgement durably stored vs raw sqlite3 INSERT+COMMIT")
        print(f"  cpu:        {info['cpu']} ({info['cores']} cores, {info['cores_usable']} usable)")
        print(
            f"  os:         {info['os']}   load average (1/5/15 min): {info['load_average_at_start']}"
        )
        print(
            f"  python:     {info['python']}   sqlite: {info['sqlite']}   sqlalchemy: {info['sqlalchemy']}"
        )
        print(f"  code:       {info['code']}")
        print(f"  temp dir:   {folder}")
        print(
            f"  filesystem: {fs['type']} on {fs['device']} at {fs['mount_point']} ({fs['options']})"
        )
        print(f"  reproduce:  {command}")
        if fs["type"] in {"tmpfs", "ramfs"}:
            print(
                "  WARNING: the temp dir is in memory; fsync costs nothing there. Use --dir on a disk."
            )
        print(
            f"  method:     {args.runs} runs x {args.count} of each, interleaved one by one; "
            f"{args.warmup} untimed of each first; median of run medians (p95 likewise)\n",
            flush=True,
        )

        real = RealPath(folder, form)
        floor = FloorPath(folder)
        chained = ChainedFloorPath(folder)
        try:
            if args.warmup:
                interleaved(real, floor, chained, args.warmup)
            for _ in range(args.runs):
                r = results.add(*interleaved(real, floor, chained, args.count))
                print(
                    f"  run {r.run}: acknowledge_risk median {ms(r.real_median_ns)} p95 {ms(r.real_p95_ns)}"
                    f" | floor median {ms(r.floor_median_ns)} p95 {ms(r.floor_p95_ns)}"
                    f" | ratio {r.ratio:.2f}x",
                    flush=True,
                )
            stored, chain = real.check()
            expected = (args.runs * args.count) + args.warmup
            if stored != expected or floor.check() != expected or chain.startswith("BROKEN"):
                print(
                    f"ERROR: expected {expected} stored acknowledgements on each path and an intact "
                    f"audit chain; found {stored} (audit chain {chain}), floor {floor.check()}",
                    file=sys.stderr,
                )
                return 1
            info["load_average_at_end"] = load_average()
            print(f"  checked:    {stored} acknowledgements stored; audit chain {chain}")
            print(f"  load average at the end: {info['load_average_at_end']}\n")
            if args.profile:
                profile_real(real, args.count, args.profile)
        finally:
            real.close()
            floor.close()
            chained.close()

    s = results.summary()
    verdict = "PASS" if s["ratio_median"] <= TARGET_RATIO else "FAIL"
    rows = [
        ["what", "target", "measured", "floor", "ratio", "verdict"],
        [
            "one acknowledgement durably stored (median)",
            f"<= {TARGET_RATIO:.1f}x floor",
            ms(s["real_median_ns"]),
            ms(s["floor_median_ns"]),
            f"{s['ratio_median']:.2f}x",
            verdict,
        ],
        [
            "one acknowledgement durably stored (p95)",
            "(informative)",
            ms(s["real_p95_ns"]),
            ms(s["floor_p95_ns"]),
            f"{s['ratio_p95']:.2f}x",
            "-",
        ],
        [
            "... the kiosk's own work in raw sqlite3 (median)",
            "(informative)",
            ms(s["chained_median_ns"]),
            ms(s["floor_median_ns"]),
            f"{s['chained_median_ns'] / s['floor_median_ns']:.2f}x",
            "-",
        ],
    ]
    print(table(rows))
    print(
        f"\noverhead over the floor (median): {ms(s['real_overhead_median_ns'])} per acknowledgement"
    )
    fs = info["filesystem"]
    row = Row(
        "one acknowledgement durably stored",
        f"<= {TARGET_RATIO:.1f}x floor",
        ms(s["real_median_ns"]),
        f"{ms(s['floor_median_ns'])} (raw sqlite3)",
        f"{s['ratio_median']:.2f}x",
        verdict,
        args.runs,
        f"p95 {ms(s['real_p95_ns'])} vs {ms(s['floor_p95_ns'])}; {fs['type']} on {fs['device']}",
    )

    if args.json:
        payload = {
            "benchmark": "one acknowledgement durably stored",
            "target": {
                "ratio_max": TARGET_RATIO,
                "source": "benchmarks/targets.toml (PRODUCT.md, Targets)",
            },
            "verdict": verdict,
            "command": command,
            "machine": info,
            "method": {"runs": args.runs, "count": args.count, "warmup": args.warmup},
            "summary": s,
            "runs": [asdict(r) | {"ratio": r.ratio} for r in results.runs],
            "samples_ns": {
                "real": results.real_ns,
                "floor": results.floor_ns,
                "chained": results.chained_ns,
            },
            "rows": [asdict(row)],
        }
        write_figures(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
