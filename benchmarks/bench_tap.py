"""Tap to the next screen painted, at 1920x1080, against a bare QStackedWidget switch.

Targets (PRODUCT.md, "Targets"; the figures in benchmarks/targets.toml): each kind of tap's p95
within `tap.p95_ratio` of the bare switch's p95 and under `tap.p95_ms` (one frame); the language
and text-size switches (`switch.p95_ms`) repainted within one frame at p95.

One kiosk process, its window at 1920x1080 (walk-up mode), runs whole briefings with
`benchmarks.robot`. Each timed tap is a real mouse press and release on the button
(`QTest.mouseClick`, through `robot.tap`), and its time runs from just before the press until the
event loop has finished painting everything the tap changed:

- what earlier taps left to paint is painted before the press (the untimed taps of the walk, a
  birth date's digits say, are tapped back to back without the event loop running between them,
  where a patient's taps are seconds apart): those paints are not the timed tap's;
- an application-wide event filter notes every Paint event delivered to a widget of the window;
- after the tap the script runs the event loop (`processEvents`) until the tap's paints have come
  and then nothing more was painted for 100 ms; the time is taken at the end of the
  `processEvents` call in which the last of those paints happened, so the whole repaint (every
  widget painted and the window's backing store flushed to the platform) is inside it;
- a tap that changes the screen must have painted the new page, or the run fails;
- before Sign, the walk waits HAND_MS with the event loop running, as a hand moving from the
  signature pad to Sign takes that long at the least (the pad makes the signature's image in that
  moment: a robot tapping Sign the instant the pen lifts would time work no patient waits for);
  and as long before the birth date's Next, where a patient has typed eight digits (seconds: the
  kiosk draws the first screen's picture meanwhile, as it draws each next screen's while the
  patient reads, and the robot reads no screen for longer than the settling below);
- after Sign, the done screen's own later update when the PDF has been made is not the tap's:
  paints from the moment the PDF's result arrives are left out (the tap's paints end there at
  the latest), while the PDF job competing for the interpreter with the screen is counted;
- widgets the last screen let go of (`deleteLater()`) are deleted inside the timed loop, as the
  kiosk's own event loop would in the same turn (`processEvents()` alone never deletes them).

Kinds of tap, each its own row: Next onto a reading screen (about, steps, options, precautions),
onto a risk screen, "I understand this risk" (stored at once, fsync included), Next onto a
question, an answer (stored), onto the review, onto the signing screen, Sign (signature stored,
the PDF job started on the worker thread) onto the done screen, and the birth date's Next onto
the first screen (identity stored).

- **floor**: a bare QStackedWidget of two QLabel pages and a QPushButton, 1920x1080, the button
  switching the page; the same tap, the same filter, the same measurement. The two kinds tapped
  after a pause (the birth date's Next, Sign) are set beside floor taps made after the same
  pause (PAUSED): a process idle for a third of a second finds its caches cold, and its next tap
  is slower (the bare switch by about a tenth, the kiosk's by a fifth to a quarter here), which
  taps back to back never show.

Runs: one untimed briefing first (every page shown once), then `--runs` runs of `--briefings`
briefings and of as many floor taps as the kiosk's run had; p50 and p95 per run and kind, and
the median over runs.

    .venv/bin/python -m benchmarks.bench_tap [--runs 5] [--briefings 4] [--platform auto|xcb|offscreen]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from time import perf_counter_ns
from typing import Any

from benchmarks.common import Row, cpu_model, load_average, table, write_figures
from benchmarks.targets import target, verdict

TAP_RATIO = target("tap", "p95_ratio")
TAP_MS = target("tap", "p95_ms")
SWITCH_MS = target("switch", "p95_ms")
SIZE = (1920, 1080)
SETTLE_NS = 100_000_000
"""After the last paint, this long without another before a tap's time is taken."""
HAND_MS = 300
"""Between the finger lifting from the signature pad and its tap on Sign: a hand crossing half a
screen takes a third of a second at the least (the pad makes the signature's image meanwhile)."""
GIVE_UP_NS = 5_000_000_000
PAUSED = ("identity", "done")
"""The kinds of tap the walk makes after HAND_MS with the event loop running (see above)."""
PAUSED_FLOOR_TAPS = 8
"""Floor taps after the same pause, per run."""
FIRST, LAST = 0, 1
"""Which figure of a tap: to the first paint of the new screen, to the last paint it caused."""

KINDS = {
    "identity": "birth date Next -> first screen (identity stored)",
    "reading": "Next -> reading screen",
    "risk": "Next -> risk screen",
    "acknowledge": "'I understand this risk' (stored)",
    "question": "Next -> question screen",
    "answer": "answer tapped (stored)",
    "review": "Next -> review screen",
    "sign": "Next -> signing screen",
    "done": "Sign -> done screen (signature stored)",
    "larger": "Larger text on or off (the whole window restyled)",
    "language": "a language chosen from the top of a screen (stored; every word redrawn)",
}
APART = frozenset({"larger", "language"})
"""Kinds not counted in "all taps" (a display choice, not a step of the briefing)."""


def percentile(samples: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


class Taps:
    """Times taps on the widgets of one window (see the module's docstring for what is timed)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication, QWidget

        paint = QEvent.Type.Paint
        painted: list[tuple[QWidget, int]] = []
        self.painted = painted

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == paint and isinstance(watched, QWidget):
                    painted.append((watched, perf_counter_ns()))
                return False

        self.filter = Filter()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.filter)

    def tap(self, widget: Any, shows: Any, later: list[int] | None = None) -> tuple[float, float]:
        """Tap `widget` (robot.tap) and run the event loop until `shows()` (the widget the tap
        must paint: the new screen's page, or what changed on this one) has been painted and
        then nothing for SETTLE_NS. Milliseconds to that paint, and to the last paint.

        `later` gets a time (perf_counter_ns) when an update of its own arrives that is not the
        tap's doing (the PDF made, after Sign): paints from then on are not counted, and the
        tap's paints end there at the latest.

        QTest.mouseClick delivers the press and release through Qt's window-system layer and may
        run the event loop itself, so the paint can come before the click returns: then the
        time is taken when it returns."""
        from PySide6.QtCore import QCoreApplication, QEvent

        from benchmarks import robot

        deferred = QEvent.Type.DeferredDelete
        painted = self.painted
        for _ in range(3):  # what earlier, untimed taps left to lay out and paint
            QCoreApplication.processEvents()
            QCoreApplication.sendPostedEvents(None, deferred)
        painted.clear()
        cut = later if later is not None else []
        t0 = perf_counter_ns()
        robot.tap(widget)
        target = shows()
        shown = last = perf_counter_ns() if painted else 0
        if shown and not any(w is target for w, _ in painted):
            shown = 0
        while not cut:
            before = len(painted)
            QCoreApplication.processEvents()
            # The kiosk's event loop deletes what deleteLater() left (the last screen's labels)
            # in the same turn; processEvents() alone never does.
            QCoreApplication.sendPostedEvents(None, deferred)
            now = perf_counter_ns()
            fresh = painted[before:]
            if cut:  # this turn brought the later update: only what was painted before it counts
                now = cut[0]
                fresh = [p for p in fresh if p[1] < now]
            if fresh:
                last = now
                if not shown and any(w is target for w, _ in fresh):
                    shown = now
            if shown and now - last > SETTLE_NS:
                break
            if not shown and (cut or now - t0 > GIVE_UP_NS):
                raise robot.RobotError(f"tapping {widget!r} did not paint {target!r}")
        return (shown - t0) / 1e6, (last - t0) / 1e6


def floor_window() -> Any:
    """The floor: a bare stack of two label pages, switched by a push button, at 1920x1080."""
    from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

    window = QWidget()
    window.setWindowTitle("floor")
    layout = QVBoxLayout(window)
    window.stack = stack = QStackedWidget()
    for text in ("First page", "Second page"):
        stack.addWidget(QLabel(text))
    window.button = button = QPushButton("Next")
    button.clicked.connect(lambda: stack.setCurrentIndex(1 - stack.currentIndex()))
    layout.addWidget(stack, 1)
    layout.addWidget(button)
    window.resize(*SIZE)
    return window


Samples = dict[str, list[tuple[float, float]]]
"""Per kind of tap, one pair per tap: ms to the screen painted, and to the last paint."""


def briefing(window: Any, taps: Taps | None, samples: Samples) -> None:
    """One whole briefing with robot's pieces; the taps of KINDS are timed when `taps` is given."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtTest import QTest

    from benchmarks import robot
    from kiosk.session import ScreenKind

    def tap(widget: Any, kind: str, shows: Any = None, later: list[int] | None = None) -> None:
        if taps is None:
            robot.tap(widget)
        else:
            samples[kind].append(taps.tap(widget, shows or window.stack.currentWidget, later))

    robot.tap(window.welcome.start_button)
    robot.type_name(window, "Robin Test")
    robot.tap(window.bottom.primary)
    for d in robot.DOB_DIGITS:
        robot.tap(robot.key(window.identity.keypad, d))
    if taps is not None:  # the eight digits took the patient seconds, the event loop running
        QTest.qWait(HAND_MS)
    tap(window.bottom.primary, "identity")
    # The text size, switched on and off on the first reading screen (a patient may do so anywhere).
    tap(window.top.larger_button, "larger")
    tap(window.top.larger_button, "larger")
    # The language, switched to Spanish and back there too: the globe opens the list (not timed),
    # the language's own name is the timed tap.
    for language in ("es", "en"):
        robot.tap(window.top.language_button)
        tap(window.language_chooser.buttons.buttons[language], "language")
    b = window.briefing
    while b.current.kind is not ScreenKind.SIGN:
        screen = b.current
        if screen.kind is ScreenKind.RISK and screen.id not in b.acknowledgements:
            robot.read_to_end(window.reading.body, window.reading.understand.isEnabled)
            tap(window.reading.understand, "acknowledge", lambda: window.reading.understood)
        elif screen.kind is ScreenKind.QUESTION and not b.answers_to(screen.id):
            button = window.question.buttons[b.form.question(screen.id).answer]
            window.question.choices.ensureWidgetVisible(button)
            tap(button, "answer", lambda: window.question.feedback)
        following = b.screens[b.screens.index(screen) + 1].kind
        kind = {
            ScreenKind.RISK: "risk",
            ScreenKind.QUESTION: "question",
            ScreenKind.REVIEW: "review",
            ScreenKind.SIGN: "sign",
        }.get(following, "reading")
        tap(window.bottom.primary, kind)
        if b.current == screen:
            raise robot.RobotError(f"stuck on {screen.id}: {robot.message(window)!r}")
    robot.sign_here(window)
    if taps is not None:  # the finger from the pad to Sign, the event loop running meanwhile
        QTest.qWait(HAND_MS)
    made: list[str] = []
    made_at: list[int] = []

    def arrived(briefing_id: str, *failed: str) -> None:
        made_at.append(perf_counter_ns())
        made.append(briefing_id if not failed else f"failed: {failed[0]}")

    window.pdf_finished.connect(arrived)
    window.pdf_failed.connect(arrived)
    try:
        # The PDF's own update of the done screen, when it comes, is not the tap's.
        tap(window.bottom.primary, "done", later=made_at)
        robot.wait_until(lambda: bool(made))
    finally:
        window.pdf_finished.disconnect(arrived)
        window.pdf_failed.disconnect(arrived)
    robot.tap(window.done.finish)
    QTest.qWait(0)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if window.briefing is not None or made[0] != b.briefing_id:
        raise robot.RobotError(f"the briefing did not end with its PDF made: {made}")


def measure(runs: int, briefings: int, folder: Path) -> dict[str, Any]:
    """Runs in this process (QT_QPA_PLATFORM must be set already); the samples by run and kind."""
    from PySide6.QtCore import QSize
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from benchmarks import robot
    from benchmarks.bench_memory import prepare_data_dir
    from kiosk.config import load_config
    from kiosk.memory import settle_start
    from kiosk.session import SystemClock
    from kiosk.station import Station
    from kiosk.ui.collector import KIOSK_FULL_APART_S, GuiCollector
    from kiosk.ui.fonts import load_fonts
    from kiosk.ui.window import KioskWindow

    config_file = prepare_data_dir(folder / "data")
    _app = QApplication.instance() or QApplication(["kiosk-bench-tap"])
    collector = GuiCollector(_app, full_apart_s=KIOSK_FULL_APART_S)  # as the kiosk runs
    load_fonts()
    station = Station.open(load_config(config_file), SystemClock())
    window = KioskWindow(station)
    window.show_at(QSize(*SIZE))
    load_fonts(fallbacks=True)  # as the kiosk does just after its first screen
    settle_start()
    robot.wait_until(window.isVisible)
    QTest.qWait(200)
    floor = floor_window()
    results: dict[str, Any] = {"kiosk": [], "floor": [], "floor_paused": []}
    try:
        briefing(window, None, defaultdict(list))  # every page shown once, untimed
        taps = Taps()
        for run in range(runs):
            samples: Samples = defaultdict(list)
            for _ in range(briefings):
                briefing(window, taps, samples)
            count = sum(len(v) for v in samples.values())
            floor.show()
            floor.raise_()
            robot.wait_until(floor.isVisible)
            QTest.qWait(100)
            floor_samples = [
                taps.tap(floor.button, floor.stack.currentWidget) for _ in range(count)
            ]
            paused: list[tuple[float, float]] = []
            for _ in range(PAUSED_FLOOR_TAPS):  # as the kiosk's taps after a hand's pause
                QTest.qWait(HAND_MS)
                paused.append(taps.tap(floor.button, floor.stack.currentWidget))
            floor.hide()
            QTest.qWait(100)
            results["kiosk"].append(dict(samples))
            results["floor"].append(floor_samples)
            results["floor_paused"].append(paused)
            shown = [t[0] for v in samples.values() for t in v]
            floor_shown = [t[0] for t in floor_samples]
            print(
                f"  run {run + 1}: {count} kiosk taps p50 {percentile(shown, 50):.1f} ms "
                f"p95 {percentile(shown, 95):.1f} ms | floor p50 "
                f"{percentile(floor_shown, 50):.1f} ms p95 {percentile(floor_shown, 95):.1f} ms"
                f" (after a pause: p95 {percentile([t[0] for t in paused], 95):.1f} ms)",
                flush=True,
            )
    finally:
        window.allow_close = True
        window.close()
        window.jobs.wait()
        station.close()
        collector.stop()
    return results


def summarise(results: dict[str, Any], platform: str) -> list[Row]:
    """One row for all taps, one per kind (median over runs of each run's p50 and p95, to the
    last paint of the tap), and one for all taps to the first paint of the new screen, for
    information: the kiosk paints some screens twice, the first time half drawn."""
    runs = len(results["floor"])

    def p50_p95(per_run: list[list[float]]) -> tuple[float, float]:
        return (
            statistics.median(percentile(s, 50) for s in per_run),
            statistics.median(percentile(s, 95) for s in per_run),
        )

    def cell(pair: tuple[float, float]) -> str:
        return f"{pair[0]:.1f} / {pair[1]:.1f} ms"

    floors = results["floor"]
    kiosk = results["kiosk"]
    everything = [[t for k, v in run.items() if k not in APART for t in v] for run in kiosk]
    paused_floors = results.get("floor_paused") or floors  # (older JSON: none made)
    groups: list[tuple[str, int, list[list[list[float]]], list[list[list[float]]]]] = [
        ("all taps", LAST, everything, floors),
        *(
            (
                KINDS[k],
                LAST,
                [run[k] for run in kiosk if run.get(k)],
                paused_floors if k in PAUSED else floors,
            )
            for k in KINDS
        ),
        ("all taps, to the first paint of the new screen", FIRST, everything, floors),
    ]
    rows = []
    for name, which, per_run, floor_runs in groups:
        if not per_run:
            continue
        measured = p50_p95([[t[which] for t in run] for run in per_run])
        base = p50_p95([[t[which] for t in run] for run in floor_runs])
        note = f"{sum(len(run) for run in per_run)} taps"
        if floor_runs is not floors:
            note += f"; floor tapped after the same {HAND_MS} ms pause"
        switch = name in (KINDS[k] for k in APART)
        if which != LAST:
            goal, passed = "(informative)", None
        elif switch:
            goal, passed = f"p95 < {SWITCH_MS:g} ms", measured[1] < SWITCH_MS
        else:
            goal = f"p95 <= {TAP_RATIO:g}x floor, < {TAP_MS:g} ms"
            passed = measured[1] <= TAP_RATIO * base[1] and measured[1] < TAP_MS
        rows.append(
            Row(
                f"tap: {name}",
                goal,
                cell(measured),
                cell(base),
                f"{measured[0] / base[0]:.1f}x / {measured[1] / base[1]:.1f}x",
                "-" if passed is None else verdict(passed),
                runs,
                f"{note}; {platform}" if name == "all taps" else note,
            )
        )
    return rows


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_tap", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=5, help="runs (default 5)")
    parser.add_argument(
        "--briefings", type=int, default=4, help="whole briefings per run (default 4)"
    )
    parser.add_argument(
        "--platform",
        choices=("auto", "xcb", "offscreen", "here"),
        default="auto",
        help="auto: xcb on an Xvfb of our own if Xvfb is installed, else offscreen; "
        "here: this process as it is (QT_QPA_PLATFORM, DISPLAY)",
    )
    parser.add_argument("--dir", type=Path, help="where the data folder goes (default: temp)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.briefings < 1:
        parser.error("--runs and --briefings must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from benchmarks.bench_start import platform_name, qt_platform

    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.platform != "here":
        # Qt's platform is chosen once per process: run again, in the environment asked for.
        with qt_platform(args.platform) as qt:
            env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
            again = [a for a in argv if not a.startswith("--platform")]
            if "--platform" in argv:
                i = argv.index("--platform")
                again = [*argv[:i], *argv[i + 2 :]]
            command = [sys.executable, "-m", "benchmarks.bench_tap", *again, "--platform", "here"]
            return subprocess.run(command, env=env | qt, check=False).returncode
    platform = (
        platform_name({"QT_QPA_PLATFORM": "xcb", "DISPLAY": os.environ.get("DISPLAY", "?")})
        if os.environ.get("QT_QPA_PLATFORM") == "xcb"
        else os.environ.get("QT_QPA_PLATFORM", "default")
    )
    print("Tap to the next screen painted, at 1920x1080, vs a bare QStackedWidget")
    print(f"  cpu:        {cpu_model()}   load average: {load_average()}")
    print(f"  platform:   {platform}")
    print(
        f"  method:     {args.runs} runs x {args.briefings} briefings (one untimed first); "
        f"each tap from press to the last paint it caused; median of run p50s and p95s",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-tap-", dir=args.dir) as tmp:
        results = measure(args.runs, args.briefings, Path(tmp))
    print(f"  load average at the end: {load_average()}\n")
    rows = summarise(results, platform)
    print(table([list(Row.HEADER), *(r.cells() for r in rows)]))
    if args.json:
        payload = {
            "benchmark": "tap to next screen painted",
            "platform": platform,
            "samples_ms": results,
            "rows": [asdict(r) for r in rows],
        }
        write_figures(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
