"""Export of 10,000 briefings to CSV and to FHIR, against the floor: `sqlite3 -csv` selecting the same rows.

Target (PRODUCT.md "Targets"; the figure in benchmarks/targets.toml, `csv.ratio`): export of
10,000 briefings to CSV within that ratio of `sqlite3 -csv` of the same rows. FHIR has no target
of its own: its row is informative, beside the same floor.

The data: `kiosk.demo.fill_demo(..., pdfs=False)` makes the briefings through the real engine
and store (prepared, walked screen by screen, every risk acknowledged, some flags, some wrong
answers, a drawn signature), so the database holds what a clinic's would: about 18 audit rows
and 8 acknowledgements per briefing. Making 10,000 takes minutes, so the database is kept in
a cache folder (`--cache`, default in the system temp dir) and reused by later runs.

Timed, each run, one after the other (the order rotates between runs):

- `csv`: `kiosk.records.export_csv` with every briefing, as `kiosk records export --format csv`
  does it: the query, the CSV written to a temporary file, fsynced, renamed, the audit row;
- `fhir`: `kiosk.records.export_fhir` (a Bundle), likewise;
- `json`: what bounds the FHIR export in Python: the same Bundle (read back from the file the
  export wrote, untimed) encoded as JSON the way the export encodes it and written to a file;
  the FHIR row shows it beside its own figure (it has no target);
- `floor`: the `sqlite3` command-line tool (`apt-get install sqlite3`) run as a process with
  `-csv -header`, selecting the same briefing rows with the same joins and counts from the
  same file into a file beside the others: what the CSV costs with no Python at all.

Each figure is the median of the runs; the verdicts use the median.

    .venv/bin/python -m benchmarks.bench_export [--count 10000] [--runs 5] [--profile]
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.common import Row, cpu_model, filesystem_of, load_average, table, write_figures
from benchmarks.targets import target, verdict
from kiosk.content import load_form
from kiosk.demo import fill_demo
from kiosk.records import Filters, export_csv, export_fhir, risk_totals
from kiosk.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FORM_FILE = ROOT / "forms" / "mild" / "en.toml"
CSV_RATIO = target("csv", "ratio")
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
BUILT = "BUILT"

FLOOR_SQL = """
SELECT b.id, p.name, p.date_of_birth, p.mrn, b.form_id, b.form_version, b.language, b.status, b.kiosk_id,
       b.started_at, b.ended_at,
       (SELECT count(*) FROM risk_acknowledgements a WHERE a.briefing_id = b.id),
       (SELECT count(*) FROM question_flags f WHERE f.briefing_id = b.id AND f.answered_at IS NULL),
       d.sha256
FROM briefings b
LEFT JOIN patients p ON p.id = b.patient_id
LEFT JOIN documents d ON d.briefing_id = b.id
ORDER BY coalesce(b.started_at, b.created_at), b.id;
"""


def demo_database(cache: Path, count: int, rebuild: bool) -> Path:
    """The cached demo folder with `count` briefings, made now if it is not there (or --rebuild)."""
    form = load_form(FORM_FILE)
    folder = cache / f"kiosk-bench-export-{count}-{form.content_sha256[:12]}"
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    if (folder / BUILT).exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)  # an earlier build was interrupted
    print(
        f"  making {count} briefings through the engine into {folder} (once; cached) ...",
        flush=True,
    )
    t0 = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % 1000 == 0 or done == total:
            print(f"    {done}/{total} ({time.perf_counter() - t0:.0f} s)", flush=True)

    fill_demo(folder, form, count, START, seed=7, pdfs=False, progress=progress)
    (folder / BUILT).write_text(f"{count} briefings\n", encoding="utf-8")
    return folder


def timed(work: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def floor(database: Path, target: Path) -> None:
    with target.open("wb") as out:
        subprocess.run(
            ["sqlite3", "-readonly", "-csv", "-header", str(database), FLOOR_SQL],
            stdout=out,
            check=True,
        )


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_export",
        description="Time the CSV and FHIR exports of N briefings beside sqlite3 -csv of the same rows.",
    )
    parser.add_argument("--count", type=int, default=10_000, help="briefings (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()),
        help="where the demo database is kept between runs (default: the system temp dir)",
    )
    parser.add_argument("--rebuild", action="store_true", help="make the demo database again")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the runs, one CSV and one FHIR export under pyinstrument, printed",
    )
    args = parser.parse_args(argv)
    if args.count < 1 or args.runs < 1:
        parser.error("--count and --runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if shutil.which("sqlite3") is None:
        print(
            "the floor needs the sqlite3 command-line tool: apt-get install sqlite3",
            file=sys.stderr,
        )
        return 1
    print(f"Export of {args.count} briefings vs sqlite3 -csv of the same rows")
    print(f"  cpu:        {cpu_model()}")
    print(f"  load average (1/5/15 min): {load_average()}")
    folder = demo_database(args.cache, args.count, args.rebuild)
    database = folder / "kiosk.db"
    fs = filesystem_of(folder)
    sqlite_version = subprocess.run(
        ["sqlite3", "--version"], capture_output=True, text=True
    ).stdout.split()[0]
    print(
        f"  database:   {database} ({database.stat().st_size // 2**20} MB; {fs['type']} on {fs['device']})"
    )
    print(f"  sqlite3:    {sqlite_version} (command-line tool)")
    print(
        f"  method:     {args.runs} runs, each: floor, csv, fhir in rotating order; median of runs\n",
        flush=True,
    )

    # The cached database is brought to this code's schema, as a kiosk upgrades its own on start.
    store = open_store(f"sqlite:///{database}", "bench-kiosk", create=True)
    totals = risk_totals([load_form(FORM_FILE)])
    samples: dict[str, list[float]] = {"floor": [], "csv": [], "fhir": [], "json": []}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-export-", dir=folder) as tmp:
        out = Path(tmp)
        work: dict[str, Callable[[], Any]] = {
            "floor": lambda: floor(database, out / "floor.csv"),
            "csv": lambda: export_csv(
                store,
                out / "records.csv",
                Filters(),
                by="bench",
                risk_totals=totals,
                overwrite=True,
            ),
            "fhir": lambda: export_fhir(
                store,
                out / "records.fhir.json",
                Filters(),
                by="bench",
                overwrite=True,
                documents=folder / "documents",
            ),
        }
        try:
            for name in work:  # warm: modules imported, the file in the page cache
                work[name]()
            written = json.loads((out / "records.fhir.json").read_text(encoding="utf-8"))
            gc.freeze()  # its millions of objects are not scanned by every collection after it
            work["json"] = lambda: encode_bundle(written, out / "bundle.json")
            for run in range(args.runs):
                order = list(work)[run % 4 :] + list(work)[: run % 4]
                figures = {name: timed(work[name]) for name in order}
                for name, seconds in figures.items():
                    samples[name].append(seconds)
                print(
                    f"  run {run + 1}: " + " | ".join(f"{n} {figures[n]:.3f} s" for n in samples),
                    flush=True,
                )
            csv_lines = (out / "records.csv").read_text(encoding="utf-8-sig").count("\n") - 1
            floor_lines = (out / "floor.csv").read_text(encoding="utf-8").count("\n") - 1
            bundle = json.loads((out / "records.fhir.json").read_text(encoding="utf-8"))
            consents = sum(e["resource"]["resourceType"] == "Consent" for e in bundle["entry"])
            if not csv_lines == floor_lines == consents == args.count:
                print(
                    f"ERROR: expected {args.count} rows everywhere; csv {csv_lines}, floor {floor_lines}, "
                    f"FHIR consents {consents}",
                    file=sys.stderr,
                )
                return 1
            print(
                f"  checked:    {csv_lines} CSV rows, {floor_lines} floor rows, {len(bundle['entry'])} FHIR "
                f"resources ({consents} Consents)"
            )
            if args.profile:
                profile(work)
        finally:
            store.close()
    print(f"  load average at the end: {load_average()}\n")
    return report(args, samples, folder)


def encode_bundle(bundle: Any, target: Path) -> None:
    """The Bundle encoded as kiosk.records.fhir_export encodes it (compact, UTF-8), written."""
    encoded = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode(bundle)
    with target.open("wb") as out:
        out.write(encoded.encode())


def profile(work: dict[str, Callable[[], Any]]) -> None:
    from pyinstrument import Profiler

    for name in ("csv", "fhir"):
        profiler = Profiler()
        profiler.start()
        work[name]()
        profiler.stop()
        print(f"\npyinstrument, one {name} export:")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


def report(args: argparse.Namespace, samples: dict[str, list[float]], folder: Path) -> int:
    median = {name: statistics.median(values) for name, values in samples.items()}
    rows = []
    verdicts = {}
    for name in ("csv", "fhir"):
        ratio = median[name] / median["floor"]
        verdicts[name] = verdict(ratio <= CSV_RATIO) if name == "csv" else "-"
        base, base_name = (
            (median["floor"], "sqlite3 -csv") if name == "csv" else (median["json"], "JSON encoded")
        )
        rows.append(
            Row(
                f"export {args.count} briefings to {name.upper()}",
                f"<= {CSV_RATIO:g}x floor" if name == "csv" else "(informative)",
                f"{median[name]:.3f} s",
                f"{base:.3f} s ({base_name})",
                f"{median[name] / base:.1f}x",
                verdicts[name],
                args.runs,
            )
        )
    print(table([list(Row.HEADER), *(r.cells() for r in rows)]))
    if args.json:
        payload = {
            "benchmark": "export of briefings",
            "count": args.count,
            "target_csv_ratio": CSV_RATIO,
            "median_s": median,
            "samples_s": samples,
            "verdicts": verdicts,
            "database": str(folder / "kiosk.db"),
            "rows": [asdict(r) for r in rows],
        }
        write_figures(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
