"""The fault suite's short versions (docs/RELIABILITY.md): a few SIGKILLs of the real kiosk process,
a disk that fills mid-briefing, a lock held past the busy timeout, a read-only data folder, a
PostgreSQL restart mid-briefing, a short soak. Each must lose nothing the kiosk said it stored.

`python -m benchmarks.faults` runs the long versions (500 kills, a 500-briefing soak)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from benchmarks.faults import diskfull, lock, pgrestart, readonly, sigkill, soak
from benchmarks.faults.common import Result

pytestmark = pytest.mark.gui


def required(available: bool, why: str) -> None:
    """A fault this machine cannot stage: CI must (it runs as root, with PostgreSQL), so it fails there."""
    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"{why}: CI must run this fault")
        pytest.skip(why)


def nothing_lost(result: Result) -> None:
    assert result.problems == []
    assert result.lost == []
    assert result.reported > 0
    assert result.found == result.reported
    assert result.failures == 0


def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    timing = sigkill.Timing(startup_share=0.3, most_lines=20)  # a briefing is 17 lines
    result = sigkill.run(6, tmp_path, seed=7, timing=timing, check_every=3)
    nothing_lost(result)
    assert result.runs == 6


def test_a_disk_that_fills_mid_briefing_loses_nothing_and_the_pdf_is_made_later(
    tmp_path: Path,
) -> None:
    wrapper, why = diskfull.namespace()
    required(wrapper is not None, f"no small filesystem can be mounted here ({why})")
    result = diskfull.run(tmp_path)
    nothing_lost(result)
    notes = " ".join(result.notes)
    assert "could not be saved just now" in notes  # the patient's sentence
    assert "For staff: the PDF is pending." in notes and "No space left on device" in notes


def test_a_lock_held_past_the_busy_timeout_fails_the_tap_plainly_and_the_retry_works(
    qtbot: QtBot, tmp_path: Path
) -> None:
    result = lock.run(
        tmp_path, busy_timeout_ms=1000
    )  # the kiosk's own is 10 s; the path is the same
    nothing_lost(result)


def test_a_read_only_data_folder_stops_the_kiosk_with_one_sentence(tmp_path: Path) -> None:
    required(os.geteuid() == 0, "the kiosk is run as another user, which needs root")
    result = readonly.run()
    nothing_lost(result)


def test_a_postgresql_restart_mid_briefing_loses_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    try:
        pgrestart.bin_dir()
    except pgrestart.NoServer as exc:
        required(False, str(exc))
    result = pgrestart.run(tmp_path)
    nothing_lost(result)


def test_a_short_soak(qtbot: QtBot, tmp_path: Path) -> None:
    result = soak.run(12, tmp_path, limit=50 * 2**20)  # the 500-briefing run holds it to 5 MB
    nothing_lost(result)
    assert result.runs == 12
