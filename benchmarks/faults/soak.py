"""The soak: briefings back to back in one process through the real widgets; no crash, memory flat.

The briefings are run by `benchmarks.bench_memory.soak` (the memory benchmark's own loop: walk-up
briefings through the real widgets, the PDF made for each, the resident set size read at
checkpoints, any exception in a slot or PDF failure raised). Here its result becomes a row: every
briefing completed with its PDF, eight acknowledgements each in the record, the record sound, and
the growth of the resident set between the 10th briefing and the last.
"""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.faults import record
from benchmarks.faults.common import Result, timed

GROWTH_LIMIT = 5 * 2**20
"""PRODUCT.md: memory over 500 briefings in one process grows by under 5 MB."""
WARM = 10
"""Briefings that warm the caches before memory is counted (as bench_memory counts it)."""


def run(count: int, folder: Path, *, limit: int | None = GROWTH_LIMIT) -> Result:
    """`count` briefings; with `limit`, a growth past it (bytes, after the first WARM) is a failure."""
    from benchmarks.bench_memory import soak
    from kiosk.config import load_config
    from kiosk.store import open_store

    result = Result(f"soak: {count} briefings in one process")
    data = folder / "soak"
    os.environ["KIOSK_DATA_DIR"] = str(data)  # bench_memory keeps its settings in the data folder
    os.environ["KIOSK_CONFIG"] = str(data / "kiosk.toml")
    first = min(WARM, count)
    marks = sorted({0, first, count // 2, count})
    with timed(result):
        result.runs = count
        try:
            readings = soak(count, marks, data)
        except Exception as exc:
            result.failures = 1
            result.fail(f"the soak stopped: {type(exc).__name__}: {exc}")
            readings = []
        config = load_config(data / "kiosk.toml")
        store = open_store(config.database_url, config.kiosk_id, create=False)
        try:
            states = record.statuses(store)
            completed = {b for b, (s, _) in states.items() if s == "completed"}
            stored = record.acks(store)
            result.reported = 8 * len(completed)  # the robot acknowledges every risk or raises
            result.found = len({a for a in stored if a[0] in completed})
            result.problems += record.sound(store, config.documents_dir)
            if readings and len(completed) != count:
                result.fail(f"{len(completed)} of {count} briefings are completed in the record")
        finally:
            store.close()
    if readings:
        rss = dict(readings)
        growth = rss[count] - rss[first]
        result.notes.append(
            "resident set: "
            + ", ".join(f"{rss[n] / 2**20:.1f} MB after {n}" for n in sorted(rss))
            + f"; growth after the first {first}: {growth / 2**20:+.1f} MB"
        )
        if limit is not None and growth >= limit:
            result.fail(f"memory grew by {growth / 2**20:.1f} MB over {count - first} briefings")
    result.failures = max(result.failures, 1 if result.problems else 0)
    return result
