"""Memory over many briefings in one process, through the real widgets: growth under the target.

Target (PRODUCT.md, "Targets"; the figure in benchmarks/targets.toml, `memory.growth_mb`):
memory over 500 briefings in one process grows by under that.

One kiosk process (offscreen Qt platform, the window at 1920x1080, walk-up mode so no staff need
prepare anything) runs whole briefings back to back with `benchmarks.robot`: Start, the name on
the on-screen keyboard, the date of birth on the keypad, every screen (each risk acknowledged,
each question answered), a drawn signature, Sign, the PDF made and sealed on the worker thread
and waited for, Finish. The resident set size (RSS, from /proc/self/statm) is read at the
checkpoints, each time after the PDF job has finished and `gc.collect()`. Widgets a screen
let go of with `deleteLater()` are deleted after each briefing: the kiosk's own event loop
(`app.exec()`) deletes them at its next turn, but the robot drives Qt with `processEvents()`,
which never does, so without this a soak piles up about 160 dead widgets per briefing that the
kiosk itself never keeps.

- **measured**: RSS after 500 briefings minus RSS after 10 (the first ten warm the caches:
  fonts in the PDF, SQLAlchemy's compiled statements, Qt's glyph caches).
- **floor**: the RSS of the same process with the window shown and no briefing yet; what the
  kiosk costs idle, printed for scale.

`soak()` is also the fault suite's soak (500 briefings, no crash, memory flat).

    .venv/bin/python -m benchmarks.bench_memory [--count 500] [--checkpoints 10,100,500] [--json PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import itertools
import os
import statistics
import sys
import tempfile
import time
import types
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.common import Row, cpu_model, load_average, table, write_figures
from benchmarks.targets import target

GOAL_BYTES = target("memory", "growth_mb") * 2**20
SIZE = (1920, 1080)
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    """This process's resident set size now (Linux: /proc/self/statm, in pages)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE_BYTES


def prepare_data_dir(data_dir: Path, *, walk_up: bool = True) -> Path:
    """A kiosk data folder made as `kiosk init` makes one, its settings file inside it
    (`data_dir/kiosk.toml`, data_dir pointing at the folder itself, walk-up mode on unless told
    otherwise). Kept if it is there already. Returns the settings file."""
    from kiosk.cli import main as kiosk_main
    from kiosk.config import DATA_DIR_ENV, SETTINGS, load_config, render_config

    env = os.environ.get(DATA_DIR_ENV)
    if env and Path(env).resolve() != data_dir.resolve():
        raise ValueError(
            f"{DATA_DIR_ENV}={env} would win over {data_dir}; unset it to run the benchmark there"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    config_file = data_dir / "kiosk.toml"
    values = (
        dict(load_config(config_file).values)
        if config_file.exists()
        else {s.name: s.default for s in SETTINGS} | {"kiosk_id": "bench-kiosk"}
    )
    values |= {"data_dir": str(data_dir.resolve()), "walk_up_mode": walk_up}
    config_file.write_text(render_config(values), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()) as said:
        code = kiosk_main(["--config", str(config_file), "init"])
    if code != 0:
        raise RuntimeError(f"kiosk init failed in {data_dir}:\n{said.getvalue()}")
    return config_file


@contextlib.contextmanager
def raising_slot_errors() -> Iterator[list[BaseException]]:
    """An exception in a slot does not reach the caller in PySide6: it goes to sys.excepthook and
    Qt carries on. Gather them here, so a soak fails on them instead of printing and going on."""
    caught: list[BaseException] = []
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: types.TracebackType | None) -> None:
        caught.append(exc)
        previous(kind, exc, tb)

    sys.excepthook = hook
    try:
        yield caught
    finally:
        sys.excepthook = previous


def descendants_rss() -> dict[int, int]:
    """The RSS (bytes) of each process this one started and theirs (the PDFs' forkserver and the
    child waiting for the next PDF), by pid, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
    mine, found = {os.getpid()}, True
    while found:
        found = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                found = True
    sizes = {}
    for pid in mine - {os.getpid()}:
        with contextlib.suppress(OSError, ValueError, IndexError):
            statm = Path(f"/proc/{pid}/statm").read_text(encoding="ascii")
            sizes[pid] = int(statm.split()[1]) * PAGE_BYTES
    return sizes


def soak(
    count: int,
    checkpoints: Sequence[int],
    data_dir: Path,
    others: list[tuple[int, dict[int, int]]] | None = None,
) -> list[tuple[int, int]]:
    """Run `count` whole briefings back to back through the real widgets in this process, and read
    the resident set size (bytes) after each number of briefings in `checkpoints` (0: the window
    shown, no briefing yet). Returns (briefings done, RSS bytes) per checkpoint, in order.

    `data_dir` is the kiosk's data folder (made with its settings file inside it if needed). The
    PDFs' own process is started as the kiosk starts it; `others`, if given, gets the RSS of the
    processes it runs (`descendants_rss`) at each checkpoint.
    Uses the running QApplication, else makes one on the offscreen platform. Raises on anything
    that goes wrong: a tap that does not do what it should (robot.RobotError), an exception in a
    slot, a PDF that could not be made, a briefing not stored as completed with its PDF.
    """
    from PySide6.QtCore import QCoreApplication, QEvent, QSize
    from PySide6.QtWidgets import QApplication

    from benchmarks import robot
    from kiosk.config import load_config
    from kiosk.memory import settle_start
    from kiosk.session import SystemClock
    from kiosk.station import Station
    from kiosk.ui.collector import KIOSK_FULL_APART_S, GuiCollector
    from kiosk.ui.fonts import load_fonts
    from kiosk.ui.window import KioskWindow

    marks = sorted(set(checkpoints))
    if count < 0 or any(m < 0 or m > count for m in marks):
        raise ValueError(f"checkpoints must lie between 0 and {count}: {checkpoints}")
    config_file = prepare_data_dir(data_dir)
    _app = QApplication.instance() or QApplication(["kiosk-soak", "-platform", "offscreen"])
    collector = GuiCollector(_app, full_apart_s=KIOSK_FULL_APART_S)  # as the kiosk runs
    load_fonts()
    station = Station.open(load_config(config_file), SystemClock())
    window = KioskWindow(station)
    failures: list[str] = []
    window.pdf_failed.connect(lambda briefing_id, why: failures.append(f"{briefing_id}: {why}"))
    readings: list[tuple[int, int]] = []

    def settle() -> int:
        window.jobs.wait()
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        return rss_bytes()

    try:
        with raising_slot_errors() as errors:
            window.show_at(QSize(*SIZE))
            load_fonts(fallbacks=True)  # as the kiosk does just after its first screen
            settle_start()
            station.pdfs.start_drawing()  # (the kiosk: on its worker thread)
            robot.wait_until(window.isVisible)
            if 0 in marks:
                readings.append((0, settle()))
            done = 0
            ids = []
            for n in range(1, count + 1):
                ids.append(robot.complete(window))
                # The kiosk's event loop (app.exec) deletes what deleteLater() left at its next
                # turn; the robot's processEvents() never does, so do it here, as the kiosk would.
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                done = n
                if errors or failures:
                    break
                if n in marks:
                    readings.append((n, settle()))
                    if others is not None:
                        others.append((n, descendants_rss()))
            if errors:
                raise RuntimeError(
                    f"briefing {done}: an exception in a slot: {errors[0]!r}"
                ) from errors[0]
            if failures:
                raise RuntimeError(f"briefing {done}: the PDF was not made: {failures[0]}")
        _check_stored(station, ids)
    finally:
        window.allow_close = True
        window.close()
        window.jobs.wait()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        station.close()
        collector.stop()
    return readings


def _check_stored(station: Any, ids: list[str]) -> None:
    """Every briefing the robot finished is completed in the store, with its PDF made."""
    from sqlalchemy import func, select

    from kiosk.store.models import BriefingRow, Document

    with station.store.reading() as s:
        completed = s.execute(
            select(func.count()).select_from(BriefingRow).where(BriefingRow.status == "completed")
        ).scalar_one()
        made = s.execute(
            select(func.count()).select_from(Document).where(Document.status == "made")
        ).scalar_one()
    if completed < len(ids) or made < len(ids):
        raise RuntimeError(
            f"{len(ids)} briefings were finished, but the store holds {completed} completed and "
            f"{made} PDFs made"
        )


def mb(n: float) -> str:
    return f"{n / 2**20:.1f} MB"


def memory_row(readings: Sequence[tuple[int, int]], first: int, last: int) -> Row:
    at = dict(readings)
    growth = at[last] - at[first]
    return Row(
        f"memory growth, briefings {first} to {last} in one process",
        f"< {mb(GOAL_BYTES)}",
        f"{growth / 2**20:+.1f} MB",
        f"{mb(at[0])} RSS idle" if 0 in at else "n/a",
        f"RSS {at[last] / at[0]:.2f}x idle" if 0 in at else "n/a",
        "PASS" if growth < GOAL_BYTES else "FAIL",
        1,
        f"RSS {mb(at[first])} after {first}, {mb(at[last])} after {last}",
    )


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_memory", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--count", type=int, default=500, help="briefings (default 500)")
    parser.add_argument(
        "--checkpoints",
        default="",
        help="briefing counts at which to read RSS, comma-separated (default 0,10,100,...,COUNT)",
    )
    parser.add_argument(
        "--dir", type=Path, default=None, help="where the data folder goes (default: a temp dir)"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args(argv)
    if args.count < 10:
        parser.error("--count must be at least 10")
    return args


def default_checkpoints(count: int) -> list[int]:
    steps = [0, 10, *range(100, count, 100), count]
    return sorted({c for c in steps if c <= count})


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    marks = (
        sorted({0, 10, args.count, *(int(c) for c in args.checkpoints.split(","))})
        if args.checkpoints
        else default_checkpoints(args.count)
    )
    print(f"Memory over {args.count} briefings in one process, through the real widgets")
    print(f"  cpu:        {cpu_model()}   load average: {load_average()}")
    print(f"  method:     offscreen Qt, {SIZE[0]}x{SIZE[1]}, walk-up briefings by benchmarks.robot")
    print(f"              RSS (/proc/self/statm) after gc.collect() at {marks}", flush=True)
    t0 = time.perf_counter()
    others: list[tuple[int, dict[int, int]]] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-memory-", dir=args.dir) as tmp:
        readings = soak(args.count, marks, Path(tmp) / "data", others)
    seconds = time.perf_counter() - t0
    apart = dict(others)
    for n, rss in readings:
        sizes = sorted(apart.get(n, {}).values(), reverse=True)
        beside = f"   (the PDFs' processes: {', '.join(mb(x) for x in sizes)})" if sizes else ""
        print(f"  after {n:4d} briefings: RSS {mb(rss)}{beside}")
    per = seconds / args.count
    print(f"  {args.count} briefings in {seconds:.0f} s ({per:.2f} s each)")
    print(f"  load average at the end: {load_average()}\n")
    row = memory_row(readings, 10, args.count)
    print(table([list(Row.HEADER), row.cells()]))
    print(f"  {row.note}")
    steps = [b - a for (_, a), (_, b) in itertools.pairwise(readings[1:])]
    if steps:
        print(f"  median step between checkpoints: {statistics.median(steps) / 2**20:+.2f} MB")
    if args.json:
        payload = {
            "benchmark": "memory over briefings in one process",
            "count": args.count,
            "readings": readings,
            "pdf_processes_rss": others,
            "seconds": seconds,
            "rows": [asdict(row)],
        }
        write_figures(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
