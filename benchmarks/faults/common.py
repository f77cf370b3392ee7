"""What every fault shares: a kiosk folder made as `kiosk init` makes it, a result row, the table."""

from __future__ import annotations

import contextlib
import io
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.cli import main as kiosk_main
from kiosk.config import Config, load_config, toml_value

KIOSK_ID = "fault-kiosk"


@dataclass
class Result:
    """One row of the table. `lost` must stay empty: each entry is something the kiosk said it had
    stored (or that was stored before the fault) and that is not in the record afterwards."""

    fault: str
    runs: int = 0
    failures: int = 0
    reported: int = 0
    """Acknowledgements the kiosk reported stored (a tap that returned, or a line it printed)."""
    found: int = 0
    """Of those, how many are in the database afterwards."""
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What went wrong, one sentence each (a failure is a run with at least one problem)."""
    notes: list[str] = field(default_factory=list)
    """What happened, for the document (where kills landed, the messages shown, the memory figures)."""
    seconds: float = 0.0

    def fail(self, problem: str) -> None:
        self.problems.append(problem)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.lost and self.found == self.reported


@contextlib.contextmanager
def timed(result: Result) -> Iterator[Result]:
    start = time.monotonic()
    try:
        yield result
    finally:
        result.seconds += time.monotonic() - start


def set_config(path: Path, **values: Any) -> None:
    """Change settings in a config file `kiosk init` wrote (each is there once, as `key = value`)."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {toml_value(value)}", text)
        if n != 1:
            raise ValueError(f"{key} is not in {path}")
    path.write_text(text, encoding="utf-8")


def kiosk_env(folder: Path) -> dict[str, str]:
    """The environment a kiosk in `folder` runs with (config and data folder, Qt offscreen)."""
    return {
        "KIOSK_CONFIG": str(folder / "kiosk.toml"),
        "KIOSK_DATA_DIR": str(folder / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def make_kiosk(folder: Path, **settings: Any) -> Config:
    """`kiosk init` in `folder` (config `folder/kiosk.toml`, data `folder/data`), walk-up mode on,
    `settings` applied; the environment points at it from now on, as it would for `kiosk`."""
    os.environ.update(kiosk_env(folder))
    with contextlib.redirect_stdout(io.StringIO()):
        if kiosk_main(["init"]) != 0:
            raise RuntimeError(f"kiosk init failed in {folder}")
    set_config(folder / "kiosk.toml", kiosk_id=KIOSK_ID, walk_up_mode=True, **settings)
    return load_config()


def table(results: list[Result]) -> str:
    """The results as a plain text table, one row per fault."""
    head = ("fault", "runs", "failures", "acks reported", "acks found", "lost", "time")
    rows = [
        (
            r.fault,
            str(r.runs),
            str(r.failures),
            str(r.reported),
            str(r.found),
            "nothing" if not r.lost else f"{len(r.lost)}: {', '.join(r.lost[:3])}",
            f"{r.seconds:.1f} s",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in [head, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
