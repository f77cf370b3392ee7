"""The console's list and dashboard over 10,000 briefings, each beside its floor: the same queries
in plain SQLAlchemy, rows fetched and nothing more.

Targets (PRODUCT.md "Targets", issue 18): the console lists 10,000 briefings in under 300 ms (its
first read: a page of 100 and the count of all, as the Briefings view asks for them) and draws
the dashboard for them in under 1 s (the figures of the procedure version over every day; the
drawing itself is a few rectangles a row).

The data: the same cached demo database as `bench_export` (made once through the real engine and
store; `--cache`, `--rebuild`). Timed, each run, one after the other (the order rotates):

- `list`: `kiosk.records.desk.page` and `desk.count` in one read-only transaction, as
  `ConsoleDesk.listing` runs them; `list floor`: the same page SELECT and count in plain
  SQLAlchemy (`rows_query`, ordered, limited), rows fetched as tuples;
- `dashboard`: `kiosk.records.dashboard.figures` for the demo's version, every day; `dashboard
  floor`: its five SELECTs in plain SQLAlchemy, rows fetched, with no JSON read and no counting.

Then, on a copy of the database: a kiosk's acknowledgement (`bench_store`'s real path: the engine,
the recorder, one durable transaction) timed `--acks` times with nothing else on the file, and as
many times while a console runs in another process on the same file, reading without a pause
(the poll, the first page and count, the dashboard, over and over). The target is that the
console never delays a tap: the acknowledgement's median within 1.5x of the quiet one.

    .venv/bin/python -m benchmarks.bench_console [--count 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from benchmarks.bench_export import FORM_FILE, demo_database
from benchmarks.bench_store import Row, table, write_figures
from benchmarks.targets import target
from kiosk.content import load_form
from kiosk.records import dashboard, desk
from kiosk.records.desk import DeskFilters
from kiosk.records.query import Filters, risk_totals, rows_query
from kiosk.store import Store, open_store
from kiosk.store.models import (
    BriefingRow,
    ComprehensionAnswer,
    QuestionFlag,
    SignatureRow,
)

TARGETS = {
    "list": target("console", "list_ms") / 1000,
    "dashboard": target("console", "dashboard_ms") / 1000,
}
ACK_RATIO = target("console", "ack_ratio")
"""An acknowledgement while the console reads, against a quiet one."""
EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def listing(store: Store, totals: dict[str, int]) -> None:
    with store.reading() as session:
        found = desk.page(session, DeskFilters(), totals)
        desk.count(session, DeskFilters())
    assert len(found.rows) == desk.PAGE


def list_floor(store: Store) -> None:
    happened = func.coalesce(BriefingRow.started_at, BriefingRow.created_at)
    query = rows_query(Filters()).order_by(None).order_by(happened.desc(), BriefingRow.id.desc())
    with store.reading() as session:
        rows = session.execute(query.limit(desk.PAGE + 1)).all()
        session.execute(select(func.count()).select_from(BriefingRow)).scalar_one()
    assert len(rows) == desk.PAGE + 1


def figures(store: Store, version: dashboard.Version, form: Any) -> None:
    with store.reading() as session:
        found = dashboard.figures(session, version, *EVER, form)
    assert found.completed > 0


def dashboard_floor(store: Store, version: dashboard.Version) -> None:
    """The SELECTs `figures` runs (the demo has no abandoned briefing, so no audit read), rows
    fetched as tuples."""
    started = (
        BriefingRow.form_id == version.form_id,
        BriefingRow.content_sha256 == version.content_sha256,
        BriefingRow.started_at >= EVER[0],
        BriefingRow.started_at < EVER[1],
    )
    rows = select(BriefingRow.id, BriefingRow.status, BriefingRow.started_at, BriefingRow.ended_at)
    withdrawn = select(func.count()).where(
        BriefingRow.form_id == version.form_id, BriefingRow.end_reason == "withdrawn"
    )
    seconds = select(SignatureRow.screen_times_json).join(
        BriefingRow, BriefingRow.id == SignatureRow.briefing_id
    )
    flags = (
        select(QuestionFlag.screen_id, func.count())
        .join(BriefingRow, BriefingRow.id == QuestionFlag.briefing_id)
        .group_by(QuestionFlag.screen_id)
    )
    answers = (
        select(ComprehensionAnswer.question_id, ComprehensionAnswer.correct, func.count())
        .join(BriefingRow, BriefingRow.id == ComprehensionAnswer.briefing_id)
        .where(ComprehensionAnswer.attempt == 1)
        .group_by(ComprehensionAnswer.question_id, ComprehensionAnswer.correct)
    )
    with store.reading() as session:
        for query in (rows, seconds, flags, answers):
            session.execute(query.where(*started)).all()
        session.execute(withdrawn).scalar_one()


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_console",
        description="Time the console's list and dashboard over N briefings beside plain queries.",
    )
    parser.add_argument("--count", type=int, default=10_000, help="briefings (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()),
                        help="where the demo database is kept (shared with bench_export)")  # fmt: skip
    parser.add_argument("--rebuild", action="store_true", help="make the demo database again")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    parser.add_argument("--acks", type=int, default=100, help="acknowledgements timed each way")
    args = parser.parse_args(argv)
    if args.count < 1 or args.runs < 1 or args.acks < 1:
        parser.error("--count and --runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    folder = demo_database(args.cache, args.count, args.rebuild)
    form = load_form(FORM_FILE)
    # The cached database is brought to this code's schema, as a kiosk upgrades its own on start.
    store = open_store(f"sqlite:///{folder / 'kiosk.db'}", "bench-console", create=True)
    try:
        with store.reading() as session:
            version = next(
                v for v in dashboard.versions(session) if v.content_sha256 == form.content_sha256
            )
        totals = dict(risk_totals([form]))
        work: dict[str, Callable[[], None]] = {
            "list": lambda: listing(store, totals),
            "list floor": lambda: list_floor(store),
            "dashboard": lambda: figures(store, version, form),
            "dashboard floor": lambda: dashboard_floor(store, version),
        }
        for run in work.values():
            run()  # warm: the first read of the file, the statements compiled
        samples: dict[str, list[float]] = {name: [] for name in work}
        names = list(work)
        for n in range(args.runs):
            for name in names[n % len(names) :] + names[: n % len(names)]:
                t0 = time.perf_counter()
                work[name]()
                samples[name].append(time.perf_counter() - t0)
    finally:
        store.close()
    samples |= acknowledgements(folder / "kiosk.db", form, args.acks)
    return report(args, samples)


def console_reading(database: str, stop: Any) -> None:
    """A console's reads, over and over, until `stop` is set (run in a process of its own)."""
    store = open_store(database, "bench-desk", create=False)
    form = load_form(FORM_FILE)
    totals = dict(risk_totals([form]))
    with store.reading() as session:
        version = next(v for v in dashboard.versions(session) if v.form_id == form.id)
    while not stop.is_set():
        with store.reading() as session:
            desk.change_token(session)
        listing(store, totals)
        figures(store, version, form)
    store.close()


def acknowledgements(database: Path, form: Any, count: int) -> dict[str, list[float]]:
    """Acknowledgements timed on a copy of the database: quiet, then while a console reads."""
    import multiprocessing

    from benchmarks.bench_store import RealPath

    with tempfile.TemporaryDirectory(prefix="bench-console-") as folder:
        shutil.copy(database, Path(folder) / "kiosk.db")
        real = RealPath(Path(folder), form)
        try:
            waiting = real.prepare(2 * count)
            quiet = [real.timed(b) / 1e9 for b in waiting[:count]]
            stop = multiprocessing.Event()
            reader = multiprocessing.Process(
                target=console_reading, args=(f"sqlite:///{real.db}", stop)
            )
            reader.start()
            time.sleep(1.0)  # the console is up and reading
            busy = [real.timed(b) / 1e9 for b in waiting[count:]]
            stop.set()
            reader.join(60)
        finally:
            real.store.close()
    return {"ack quiet": quiet, "ack console": busy}


def report(args: argparse.Namespace, samples: dict[str, list[float]]) -> int:
    median = {name: statistics.median(values) for name, values in samples.items()}
    rows = []
    for name, what in (("list", "listed"), ("dashboard", "dashboard")):
        verdict = "PASS" if median[name] < TARGETS[name] else "FAIL"
        rows.append(
            Row(
                f"console: {args.count} briefings {what}",
                f"< {TARGETS[name] * 1000:.0f} ms",
                f"{median[name] * 1000:.0f} ms",
                f"{median[name + ' floor'] * 1000:.0f} ms (plain SQLAlchemy)",
                f"{median[name] / median[name + ' floor']:.1f}x",
                verdict,
                args.runs,
            )
        )
    ack, floor = median["ack console"], median["ack quiet"]
    rows.append(
        Row(
            "acknowledgement while the console reads",
            f"within {ACK_RATIO}x of quiet",
            f"{ack * 1000:.2f} ms",
            f"{floor * 1000:.2f} ms (no console)",
            f"{ack / floor:.2f}x",
            "PASS" if ack / floor <= ACK_RATIO else "FAIL",
            args.acks,
        )
    )
    print(table([list(Row.HEADER), *(r.cells() for r in rows)]))
    if args.json:
        write_figures(
            args.json,
            {
                "benchmark": "console list and dashboard",
                "count": args.count,
                "median_s": median,
                "samples_s": samples,
                "rows": [asdict(r) for r in rows],
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
