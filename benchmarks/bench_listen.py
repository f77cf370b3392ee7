"""Listen tapped to the first sound, beside its floor: a bare QMediaPlayer told to play the same
file in the same process.

Target (PRODUCT.md "Targets", issue 15): under 200 ms (`benchmarks/targets.toml`, `listen`).

The kiosk's window is shown offscreen on a prepared briefing's first reading screen, its audio
rendered as `kiosk speech render` makes it (eSpeak NG). Each sample taps Listen and waits until
the player says it is playing with its media buffered (the sound has started), then taps it again
to stop. The first Listen of a process, which imports QtMultimedia and makes the player, is
timed apart (it comes once, after Welcome is painted). The floor is the same player told to play
the same WAV directly, without the kiosk's tap, screen and highlight around it: from `play()` to
the same moment.

    .venv/bin/python -m benchmarks.bench_listen [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.common import Row, cpu_model, load_average, table, write_figures
from benchmarks.targets import target, verdict


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_listen")
    parser.add_argument("--runs", type=int, default=20, help="timed Listens (default 20)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    return parser.parse_args(argv)


def sounding(player: Any) -> bool:
    """The player is playing, its media buffered: the sound has begun."""
    from PySide6.QtMultimedia import QMediaPlayer

    return bool(
        player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        and player.mediaStatus()
        in (QMediaPlayer.MediaStatus.BufferedMedia, QMediaPlayer.MediaStatus.BufferingMedia)
    )


def wait(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise AssertionError("no sound within 10 s")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)


def measure(runs: int, folder: Path) -> dict[str, Any]:
    from PySide6.QtCore import QSize, QUrl
    from PySide6.QtWidgets import QApplication

    from benchmarks import robot
    from benchmarks.bench_memory import prepare_data_dir
    from kiosk.config import load_config
    from kiosk.session import SystemClock
    from kiosk.speech.engines import Espeak
    from kiosk.speech.render import render_form
    from kiosk.station import Station
    from kiosk.ui.fonts import load_fonts
    from kiosk.ui.window import KioskWindow

    config_file = prepare_data_dir(folder / "data")
    _app = QApplication.instance() or QApplication(["kiosk-bench-listen"])
    load_fonts()
    config = load_config(config_file)
    station = Station.open(config, SystemClock())
    for form in station.forms.values():
        render_form(form, config.data_dir, Espeak.find())
    window = KioskWindow(station)
    window.show_at(QSize(1920, 1080))
    robot.wait_until(window.isVisible)
    robot.begin(window)
    button, speaker = window.top.listen_button, window.listening.speaker
    clips = window.listening.clips
    assert clips, "the first reading screen has no audio"

    def listen() -> float:
        t0 = time.perf_counter()
        robot.tap(button)
        wait(lambda: speaker.playing and sounding(speaker._player))
        elapsed = (time.perf_counter() - t0) * 1000
        robot.tap(button)  # stop
        return elapsed

    first = listen()
    bare = speaker._player  # the player itself, told to play without the kiosk around it

    def floor() -> float:
        bare.setSource(QUrl.fromLocalFile(str(clips[0].path)))
        t0 = time.perf_counter()
        bare.play()
        wait(lambda: sounding(bare))
        elapsed = (time.perf_counter() - t0) * 1000
        bare.pause()
        return elapsed

    floor()  # its own first play, untimed
    kiosk, floors = [], []
    try:
        for _ in range(runs):
            kiosk.append(listen())
            floors.append(floor())
    finally:
        window.allow_close = True
        window.close()
        window.jobs.wait()
        station.close()
    return {"first_ms": first, "kiosk_ms": kiosk, "floor_ms": floors}


def summarise(results: dict[str, Any]) -> list[Row]:
    goal = target("listen", "first_sound_ms")
    kiosk = statistics.median(results["kiosk_ms"])
    floor = statistics.median(results["floor_ms"])
    runs = len(results["kiosk_ms"])
    return [
        Row(
            "Listen tapped -> first sound",
            f"< {goal:g} ms",
            f"{kiosk:.1f} ms",
            f"{floor:.1f} ms (the player alone)",
            f"{kiosk / floor:.2f}x",
            verdict(kiosk < goal),
            runs,
        ),
        Row(
            "... the first Listen of a process (QtMultimedia loaded)",
            "(informative)",
            f"{results['first_ms']:.1f} ms",
            f"{floor:.1f} ms (the player alone)",
            f"{results['first_ms'] / floor:.2f}x",
            "-",
            1,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print("Listen tapped to the first sound, vs the player alone playing the same file")
    print(f"  cpu:        {cpu_model()}   load average: {load_average()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-listen-") as tmp:
        results = measure(args.runs, Path(tmp))
    print(f"  load average at the end: {load_average()}\n")
    rows = summarise(results)
    print(table([list(Row.HEADER), *(r.cells() for r in rows)]))
    if args.json:
        payload = {
            "benchmark": "Listen to the first sound",
            "samples": results,
            "rows": [asdict(r) for r in rows],
        }
        write_figures(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
