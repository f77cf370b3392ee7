"""Cold start to the first screen painted, against a bare PySide6 window's start: within the target.

Target (PRODUCT.md, "Targets"; the figure in benchmarks/targets.toml, `start.ratio`): cold start
to first screen within that ratio of a bare PySide6 window's start on the same machine.

- **measured**: the real `kiosk --exit-after-paint` process (the console script a clinic runs,
  fullscreen) on a data folder `kiosk init` made: Python starting, the imports the first screen
  needs (Qt, the settings, the log), the fonts, the window with its frame and Welcome built and
  shown; it quits once the window has painted Welcome. The kiosk paints Welcome before it opens
  the store (kiosk.ui.app), so the store's share is in the next row.
- **ready for the first patient** (informative): the same process with `--exit-when-ready`, which
  quits once the store has been opened, checked and migrated, crashes recovered, pending PDFs
  made, the forms and signing key loaded and every other screen built: from then on Start
  answers. A touch on Start before that waits and is answered then.
- **floor**: a bare PySide6 script in the same interpreter: QApplication, one QWidget shown
  fullscreen, quit on its first paint. Measured the same way.

All run on the same Qt platform: xcb on an Xvfb server this script starts (1920x1080), or
offscreen when Xvfb is not installed. Runs rotate the order of the three, after one untimed run
of each; the files are in the page cache by then, so "cold" means a new process, not a cold disk.
Bytecode is cached as an installed kiosk's is (a private PYTHONPYCACHEPREFIX, written by the
untimed run even where the shell sets PYTHONDONTWRITEBYTECODE).

    .venv/bin/python -m benchmarks.bench_start [--runs 9] [--platform auto|xcb|offscreen] [--json PATH]
    .venv/bin/python -m benchmarks.bench_start --importtime   # plus the kiosk's slowest imports
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path

from benchmarks.common import Row, cpu_model, load_average, table, write_figures
from benchmarks.targets import target

TARGET_RATIO = target("start", "ratio")
SCREEN = "1920x1080x24"

BARE_WINDOW = """\
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class QuitAfterPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is window:
            QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication(sys.argv[:1])
window = QWidget()
window.setWindowTitle("bare")
quitter = QuitAfterPaint()
window.installEventFilter(quitter)
window.setGeometry(app.primaryScreen().geometry())
window.showFullScreen()
sys.exit(app.exec())
"""


@contextlib.contextmanager
def qt_platform(wanted: str = "auto") -> Iterator[dict[str, str]]:
    """The environment for a Qt process: its own Xvfb server at 1920x1080 with the xcb platform,
    or the offscreen platform. Yields the variables to set (QT_QPA_PLATFORM, and DISPLAY)."""
    xvfb = shutil.which("Xvfb")
    if wanted == "offscreen" or (wanted == "auto" and xvfb is None):
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    if xvfb is None:
        raise SystemExit("--platform xcb needs Xvfb (apt-get install xvfb)")
    number = next(
        n
        for n in range(90, 200)
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists()
    )
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(10)


def platform_name(env: dict[str, str]) -> str:
    if env["QT_QPA_PLATFORM"] == "xcb":
        return f"xcb on Xvfb {env['DISPLAY']} ({SCREEN.rsplit('x', 1)[0]})"
    return "offscreen"


def kiosk_command() -> list[str]:
    """The `kiosk` console script beside this interpreter, as a clinic starts it."""
    script = Path(sys.executable).parent / "kiosk"
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]


def child_env(config_file: Path, qt: dict[str, str], pycache: Path) -> dict[str, str]:
    """The children's environment: the kiosk's settings, the Qt platform, and bytecode caches
    written and read (in `pycache`) whatever this shell says. A kiosk installed from its wheel
    has its modules compiled at install time; a development shell often sets
    PYTHONDONTWRITEBYTECODE, which would make every start compile the kiosk's own modules
    again (about 35 ms here) and time the compiler, not the kiosk. The untimed first run of
    each command fills the cache."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KIOSK_", "QT_"))
        and k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    }
    env.pop("DISPLAY", None)
    return env | qt | {"KIOSK_CONFIG": str(config_file), "PYTHONPYCACHEPREFIX": str(pycache)}


def timed_process(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the process to its exit; it must exit 0 within a minute."""
    t0 = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{command} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return seconds


def importtime(command: list[str], env: dict[str, str], top: int = 15) -> str:
    """The slowest imports of one kiosk start (`python -X importtime`), cumulative, in ms."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (part.strip() for part in line[12:].split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    rows.sort(reverse=True)
    return "\n".join(f"  {us / 1000:7.1f} ms  {name}" for us, name in rows[:top])


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_start", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each (default 9)")
    parser.add_argument(
        "--platform",
        choices=("auto", "xcb", "offscreen"),
        default="auto",
        help="auto: xcb on an Xvfb of our own if Xvfb is installed, else offscreen",
    )
    parser.add_argument("--dir", type=Path, help="where the data folder goes (default: temp)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    parser.add_argument(
        "--importtime", action="store_true", help="also print the kiosk's slowest imports"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from benchmarks.bench_memory import prepare_data_dir

    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    samples: dict[str, list[float]] = {"kiosk": [], "ready": [], "floor": []}
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-start-", dir=args.dir) as tmp,
        qt_platform(args.platform) as qt,
    ):
        config_file = prepare_data_dir(Path(tmp) / "data", walk_up=False)
        bare = Path(tmp) / "bare_window.py"
        bare.write_text(BARE_WINDOW, encoding="utf-8")
        env = child_env(config_file, qt, Path(tmp) / "pycache")
        commands = {
            "kiosk": [*kiosk_command(), "--exit-after-paint"],
            "ready": [*kiosk_command(), "--exit-when-ready"],
            "floor": [sys.executable, str(bare)],
        }
        print("Cold start to the first screen painted vs a bare PySide6 window")
        print(f"  cpu:        {cpu_model()}   load average: {load_average()}")
        print(f"  platform:   {platform_name(qt)}, fullscreen")
        print(f"  kiosk:      {' '.join(commands['kiosk'])}  (KIOSK_CONFIG={config_file})")
        print(f"  ready:      {' '.join(commands['ready'])}")
        print(f"  floor:      {sys.executable} bare_window.py (QApplication, QWidget, first paint)")
        print(
            f"  method:     wall time spawn to exit; {args.runs} runs of each, order rotating, "
            "after one untimed run of each; median of runs\n",
            flush=True,
        )
        names = list(samples)
        for name in names:
            timed_process(commands[name], env)
        for run in range(args.runs):
            for name in names[run % 3 :] + names[: run % 3]:
                samples[name].append(timed_process(commands[name], env))
            print(
                f"  run {run + 1}: kiosk {samples['kiosk'][-1]:.3f} s | ready "
                f"{samples['ready'][-1]:.3f} s | floor {samples['floor'][-1]:.3f} s",
                flush=True,
            )
        if args.importtime:
            print("\n  slowest imports of one kiosk start (cumulative, python -X importtime):")
            print(importtime(commands["kiosk"], env))
    print(f"  load average at the end: {load_average()}\n")
    kiosk, ready, floor = (statistics.median(samples[n]) for n in ("kiosk", "ready", "floor"))
    rows = [
        Row(
            "cold start to first screen painted",
            f"<= {TARGET_RATIO:.1f}x floor",
            f"{kiosk:.3f} s",
            f"{floor:.3f} s (bare window)",
            f"{kiosk / floor:.2f}x",
            "PASS" if kiosk / floor <= TARGET_RATIO else "FAIL",
            args.runs,
            f"platform {platform_name(qt)}",
        ),
        Row(
            "... and ready for the first patient (store open)",
            "(informative)",
            f"{ready:.3f} s",
            f"{floor:.3f} s (bare window)",
            f"{ready / floor:.2f}x",
            "-",
            args.runs,
            f"platform {platform_name(qt)}",
        ),
    ]
    print(table([list(Row.HEADER), *(r.cells() for r in rows)]))
    if args.json:
        payload = {
            "benchmark": "cold start to first screen painted",
            "platform": platform_name(qt),
            "samples_s": samples,
            "rows": [asdict(r) for r in rows],
        }
        write_figures(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
