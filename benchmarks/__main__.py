"""Every target in PRODUCT.md ("Targets") beside its floor, measured in one run: one table.

    .venv/bin/python -m benchmarks                 # the full run (about 10 to 20 minutes)
    .venv/bin/python -m benchmarks --quick         # fewer runs, smaller counts (about 2 minutes)
    .venv/bin/python -m benchmarks --json out/benchmarks.json --only start,tap

Each benchmark runs as a process of its own (`python -m benchmarks.bench_NAME ... --json FILE`),
so none of them shares a Qt platform, a heap or a warmed cache with another; their own printout
goes to a log file beside the JSON files (the path is printed), and their rows, collected from
the JSON, make the table. The machine line and the load average at the start and the end come
first and last: other work on the machine moves every figure here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import Row, cpu_model, filesystem_of, load_average, table

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Bench:
    name: str
    what: str
    full: tuple[str, ...]
    quick: tuple[str, ...]


BENCHES = (
    Bench("start", "cold start to first screen", ("--runs", "9"), ("--runs", "3")),
    Bench(
        "tap",
        "tap to next screen painted",
        ("--runs", "5", "--briefings", "4"),
        ("--runs", "2", "--briefings", "1"),
    ),
    Bench(
        "store",
        "one acknowledgement durably stored",
        ("--runs", "5", "--count", "200"),
        ("--runs", "3", "--count", "50"),
    ),
    Bench("pdf", "briefing PDF made and signed", ("--runs", "15"), ("--runs", "5")),
    Bench(
        "export",
        "export of briefings to CSV and FHIR",
        ("--count", "10000", "--runs", "5"),
        ("--count", "1000", "--runs", "3"),
    ),
    Bench("memory", "memory over briefings", ("--count", "500"), ("--count", "50")),
    Bench("listen", "Listen tapped to the first sound", ("--runs", "30"), ("--runs", "5")),
    Bench(
        "console",
        "console: briefings listed; dashboard",
        ("--count", "10000", "--runs", "5"),
        ("--count", "1000", "--runs", "3"),
    ),
)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import PySide6
    from PySide6.QtCore import qVersion

    temp = Path(tempfile.gettempdir())
    fs = filesystem_of(temp)
    device = Path(fs["device"]).name
    rotational = Path(f"/sys/block/{device}/queue/rotational")
    disk = fs["device"]
    if rotational.exists():  # as the kernel reports it (virtual disks often say rotational)
        disk += f" (rotational={rotational.read_text().strip()})"
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "ram": f"{_mem_total_gib():.1f} GiB",
        "temp_dir": f"{temp}: {fs['type']} on {disk}",
        "os": _os_name(),
        "python": platform.python_version(),
        "pyside6": f"{PySide6.__version__} (Qt {qVersion()})",
        "load_average_start": load_average(),
    }


def _mem_total_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return 0.0


def _os_name() -> str:
    name = f"{platform.system()} {platform.release()}"
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, {name}"
    except OSError:
        pass
    return name


def machine_line(info: dict[str, Any]) -> str:
    return (
        f"machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; temp dir "
        f"{info['temp_dir']}; {info['os']}; Python {info['python']}; PySide6 {info['pyside6']}; "
        f"load average (1/5/15 min) at start {info['load_average_start']}"
        + (f", at end {info['load_average_end']}" if "load_average_end" in info else "")
    )


def run_bench(bench: Bench, quick: bool, out: Path, echo: bool) -> dict[str, Any]:
    """Run one benchmark as its own process; its JSON payload (with "rows"), or the failure."""
    figures = out / f"{bench.name}.json"
    log = out / f"{bench.name}.log"
    command = [
        sys.executable,
        "-m",
        f"benchmarks.bench_{bench.name}",
        *(bench.quick if quick else bench.full),
        "--json",
        str(figures),
    ]
    print(f"  {bench.what:<40} ", end="", flush=True)
    t0 = time.perf_counter()
    with log.open("w", encoding="utf-8") as sink:
        sink.write(f"$ {shlex.join(command)}\n")
        sink.flush()
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        assert process.stdout is not None
        for line in process.stdout:
            sink.write(line)
            if echo:
                print(f"\n    {line.rstrip()}", end="", flush=True)
        code = process.wait()
    seconds = time.perf_counter() - t0
    if code != 0 or not figures.exists():
        print(f"FAILED (exit {code}, {seconds:.0f} s; see {log})", flush=True)
        return {"failed": f"exit {code}", "log": str(log), "command": shlex.join(command)}
    print(f"done in {seconds:.0f} s", flush=True)
    payload: dict[str, Any] = json.loads(figures.read_text(encoding="utf-8"))
    payload["command"] = shlex.join(command)
    payload["seconds"] = seconds
    return payload


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer runs, 1,000-briefing export, 50-briefing memory run (about 2 minutes)",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every figure as JSON")
    parser.add_argument(
        "--only",
        default="",
        metavar="NAMES",
        help=f"comma-separated subset of: {', '.join(b.name for b in BENCHES)}",
    )
    parser.add_argument(
        "--logs", type=Path, metavar="DIR", help="where each benchmark's printout goes"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="echo each benchmark's printout as it runs"
    )
    args = parser.parse_args(argv)
    names = {b.name for b in BENCHES}
    args.only = [n for n in args.only.split(",") if n] or [b.name for b in BENCHES]
    unknown = set(args.only) - names
    if unknown:
        parser.error(f"--only: unknown {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    info = machine()
    out = args.logs or Path(tempfile.mkdtemp(prefix="kiosk-benchmarks-"))
    out.mkdir(parents=True, exist_ok=True)
    print("Briefing kiosk: the targets of PRODUCT.md beside their floors, measured in one run")
    print(machine_line(info))
    print(f"{'quick' if args.quick else 'full'} run; each benchmark's printout and JSON in {out}\n")
    t0 = time.perf_counter()
    results = {
        b.name: run_bench(b, args.quick, out, args.verbose) for b in BENCHES if b.name in args.only
    }
    info["load_average_end"] = load_average()
    rows = [Row(**row) for r in results.values() for row in r.get("rows", [])]
    failed = [name for name, r in results.items() if "failed" in r]
    print(f"\n{machine_line(info)}")
    print(f"{'quick' if args.quick else 'full'} run in {time.perf_counter() - t0:.0f} s\n")
    print(table([list(Row.HEADER), *(r.cells() for r in rows)]))
    notes = [f"  {r.what}: {r.note}" for r in rows if r.note]
    if notes:
        print("\nnotes:\n" + "\n".join(notes))
    verdicts = [r.verdict for r in rows if r.verdict in ("PASS", "FAIL")]
    print(
        f"\n{verdicts.count('PASS')} of {len(verdicts)} verdicts PASS"
        + (f"; benchmarks that did not finish: {', '.join(failed)}" if failed else "")
    )
    if args.json:
        payload = {
            "command": shlex.join([".venv/bin/python", "-m", "benchmarks", *sys.argv[1:]]),
            "machine": info,
            "quick": args.quick,
            "rows": [r.__dict__ for r in rows],
            "benchmarks": results,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
