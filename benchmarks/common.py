"""What every benchmark prints and writes: the machine (CPU, filesystem, load average) and the
rows of the one table (a target beside its floor), written as JSON."""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith(("model name", "hardware", "processor\t: arm")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def filesystem_of(folder: Path) -> dict[str, str]:
    """The mount holding `folder` (longest matching mount point in /proc/mounts)."""
    best: dict[str, str] = {"mount_point": "", "type": "unknown", "device": "", "options": ""}
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return best
    where = str(folder.resolve())
    for line in lines:
        fields = line.split()
        if len(fields) < 4:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = where == mount_point or where.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best["mount_point"]):
            best = {
                "mount_point": mount_point,
                "type": fields[2],
                "device": fields[0],
                "options": fields[3],
            }
    return best


def load_average() -> str:
    """The 1/5/15-minute load averages: other work on the machine shows here, and in the figures."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "unknown"


@dataclass
class Row:
    """One line of the table `python -m benchmarks` prints: a target beside its floor, same run.

    Each benchmark puts its rows in its `--json` file under "rows", so the one command can run it
    as a process of its own and collect them."""

    what: str
    goal: str
    measured: str
    floor: str
    ratio: str
    verdict: str
    """PASS, FAIL, or "-" for a row that is there for information."""
    runs: int
    note: str = ""

    HEADER = ("target", "goal", "measured (median)", "floor", "ratio", "verdict", "runs")

    def cells(self) -> list[str]:
        return [
            self.what,
            self.goal,
            self.measured,
            self.floor,
            self.ratio,
            self.verdict,
            str(self.runs),
        ]


def write_figures(path: Path, payload: dict[str, Any]) -> None:
    """A benchmark's figures as JSON (`--json PATH`), for keeping beside the machine line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {path}")


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
