"""The fault suite, on demand: every fault of docs/RELIABILITY.md, a row each, and what was lost.

    .venv/bin/python -m benchmarks.faults                       # everything: 500 kills, a 500-briefing soak
    .venv/bin/python -m benchmarks.faults --only sigkill --kills 50
    .venv/bin/python -m benchmarks.faults --only lock --only pgrestart --repeat 5
    .venv/bin/python -m benchmarks.faults --json out/faults.json --keep

Needs root for the disk-full fault (a tmpfs mounted in a private mount namespace) and the read-only
fault (the kiosk run as another user), and PostgreSQL's programs for the restart fault
(`bash .ci/postgres` installs them). Exit status 1 if anything failed or was lost.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from benchmarks.faults.common import Result, table

FAULTS = ("sigkill", "diskfull", "lock", "readonly", "pgrestart", "soak")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.faults", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=FAULTS,
        metavar="NAME",
        help=f"run only this fault (repeatable): {', '.join(FAULTS)}",
    )
    parser.add_argument("--kills", type=int, default=500, help="SIGKILL cycles (default 500)")
    parser.add_argument(
        "--most-lines",
        type=int,
        default=40,
        help="a kill comes after up to this many stored events of the kiosk (default 40, about two briefings)",
    )
    parser.add_argument(
        "--check-every",
        type=int,
        default=25,
        help="full checks (integrity, audit chain, PDFs) every N kills (default 25)",
    )
    parser.add_argument("--seed", type=int, default=20261124, help="the kill times' seed")
    parser.add_argument("--soak", type=int, default=500, help="briefings in the soak (default 500)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of the disk-full, lock, read-only and restart faults (default 3)",
    )
    parser.add_argument("--dir", type=Path, help="work folder (default: a new temporary folder)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (kiosk data, logs)"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    return parser.parse_args(argv)


def machine() -> str:
    from benchmarks.common import cpu_model

    return (
        f"{cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def merged(name: str, results: list[Result]) -> Result:
    """One row for several runs of the same fault."""
    row = Result(name)
    for r in results:
        row.runs += r.runs
        row.failures += r.failures
        row.reported += r.reported
        row.found += r.found
        row.lost += r.lost
        row.problems += r.problems
        row.seconds += r.seconds
        row.notes += [n for n in r.notes if n not in row.notes]
    return row


def runners(args: argparse.Namespace, work: Path) -> dict[str, Callable[[], Result]]:
    from benchmarks.faults import diskfull, lock, pgrestart, readonly, sigkill, soak

    def repeated(name: str, once: Callable[[Path], Result]) -> Callable[[], Result]:
        def run() -> Result:
            results = []
            for n in range(args.repeat):
                folder = work / f"{name}-{n + 1}"
                folder.mkdir(parents=True)
                results.append(once(folder))
            return merged(results[0].fault, results)

        return run

    def kills() -> Result:
        folder = work / "sigkill"
        folder.mkdir(parents=True)
        return sigkill.run(
            args.kills,
            folder,
            seed=args.seed,
            timing=sigkill.Timing(most_lines=args.most_lines),
            check_every=args.check_every,
            progress=lambda line: print(line, flush=True),
        )

    return {
        "sigkill": kills,
        "diskfull": repeated("diskfull", diskfull.run),
        "lock": repeated("lock", lambda f: lock.run(f)),
        "readonly": repeated("readonly", lambda _f: readonly.run()),
        "pgrestart": repeated("pgrestart", lambda f: pgrestart.run(f)),
        "soak": lambda: soak.run(args.soak, work),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = args.dir or Path(tempfile.mkdtemp(prefix="kiosk-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    chosen = [f for f in FAULTS if not args.only or f in args.only]
    command = " ".join(["python -m benchmarks.faults", *(sys.argv[1:] if argv is None else argv)])
    print(f"machine: {machine()}")
    print(f"command: {command}")
    print(f"work folder: {work}", flush=True)
    results: list[Result] = []
    began = time.monotonic()
    try:
        run = runners(args, work)
        for name in chosen:
            print(f"--- {name}", flush=True)
            result = run[name]()
            results.append(result)
            print(f"    {'ok' if result.ok else 'FAILED'} in {result.seconds:.1f} s", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(results))
    print(f"\ntotal {time.monotonic() - began:.0f} s")
    for r in results:
        for line in r.notes:
            print(f"{r.fault}: {line}")
    for r in results:
        for line in r.problems[:20]:
            print(f"PROBLEM {r.fault}: {line}")
        for line in r.lost[:20]:
            print(f"LOST {r.fault}: {line}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {"machine": machine(), "command": command, "results": [asdict(r) for r in results]},
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
