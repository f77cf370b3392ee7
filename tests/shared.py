"""Helpers more than one test module uses (test modules never import each other)."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.station import Station
from tests.conftest import set_config
from tests.session.fakes import FakeClock


def open_station(tmp_path: Path, clock: FakeClock, **settings: object) -> Station:
    """A station on a data folder `kiosk init` made (run in a test's own folder), with these settings."""
    assert main(["init"]) == 0
    set_config(tmp_path / "config" / "kiosk.toml", **settings)
    return Station.open(load_config(), clock)


def fake_lp(folder: Path, script: str) -> None:
    """A print spooler `lp` in `folder` that runs `script` (put the folder first on PATH)."""
    folder.mkdir(exist_ok=True)
    lp = folder / "lp"
    lp.write_text(f"#!/bin/sh\n{script}\n")
    lp.chmod(0o755)
