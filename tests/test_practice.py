"""`kiosk practice` as a newcomer runs it: a practice folder beside the real one, set up from nothing,
never a real data folder used for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.practice import MARKER, PracticeError, write_settings


def test_kiosk_practice_sets_up_its_own_folder_and_opens_the_touchscreen(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_CONFIG": str(tmp_path / "config" / "kiosk.toml"),
    }
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("kiosk")),
            "practice",
            "--windowed",
            "--exit-when-ready",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "data-practice"
    assert f"practice  ready     {folder}" in done.stdout
    assert "Alex Sample, born March 14, 1951" in done.stdout and "PIN 2468" in done.stdout
    # No audio rendered on a new practice folder: why Listen is not there, and how to have it.
    settings_file = folder / "kiosk.toml"
    # KIOSK_DATA_DIR set (as here) wins over the settings file's folder: the command names the
    # practice folder too, or it rendered the audio into the real one (a reviewer).
    assert f"KIOSK_DATA_DIR={folder} kiosk --config {settings_file} speech render" in done.stdout
    # espeak-ng is said to be needed only where it is missing (an IT reviewer had it installed).
    missing = shutil.which("espeak-ng") is None
    assert ("needs espeak-ng" in done.stdout) is missing
    assert f"walk_up_mode = true in {settings_file}" in done.stdout  # how to try walk-up
    assert (folder / MARKER).exists() and (folder / "kiosk.db").exists()
    assert (folder / "keys" / "kiosk-key.pem").exists()
    settings = tomllib.loads((folder / "kiosk.toml").read_text())
    assert settings["kiosk_id"] == "practice" and settings["data_dir"] == str(folder)
    assert (folder / "kiosk.toml").stat().st_mode & 0o077 == 0  # the kiosk's user only
    assert not (tmp_path / "data").exists()  # the real data folder is not touched


def test_a_real_data_folder_is_never_taken_for_practice(tmp_path: Path) -> None:
    folder = tmp_path / "data-practice"
    folder.mkdir()
    (folder / "kiosk.db").write_bytes(b"real records")
    with pytest.raises(PracticeError, match="not practice data"):
        write_settings(folder)
    assert (folder / "kiosk.db").read_bytes() == b"real records"
    assert not (folder / "kiosk.toml").exists()


def test_the_command_says_so_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "data-practice"
    folder.mkdir()
    (folder / "kiosk.db").write_bytes(b"real records")
    assert main(["practice", "--exit-when-ready"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(folder) in err and "move it away" in err


def test_practice_never_writes_to_another_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A practice settings file edited to point at a real (shared) database is refused: practice
    records are never mixed with real ones."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    path = write_settings(tmp_path / "data-practice")
    text = path.read_text(encoding="utf-8")
    shared = "postgresql+psycopg://kiosk@db.clinic/kiosk"
    path.write_text(text.replace('database_url = ""', f'database_url = "{shared}"'))
    assert main(["practice", "--exit-when-ready"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "its own folder's database" in err and str(path) in err


def test_walk_up_can_be_tried_in_practice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Practice prepared the sample patient whenever none waited, so the walk-up path (the patient
    types their own name and birth date) could never be tried there. With walk_up_mode on in the
    practice settings, Start offers it; `kiosk practice` says how."""
    from datetime import UTC, datetime

    from kiosk.config import load_config
    from kiosk.practice import set_up
    from kiosk.session import Briefing
    from kiosk.station import Station
    from tests.session.fakes import FakeClock

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    path = write_settings(tmp_path / "data-practice")
    text = path.read_text(encoding="utf-8")
    assert "walk_up_mode = false" in text
    path.write_text(text.replace("walk_up_mode = false", "walk_up_mode = true"))
    set_up(path, datetime.now(UTC))
    with Station.open(load_config(path), FakeClock(datetime.now(UTC))) as station:
        offered = station.next_briefing()
        assert isinstance(offered, Briefing) and offered.patient is None  # they say who they are
    path.write_text(text)  # back off: the sample patient, prepared
    with Station.open(load_config(path), FakeClock(datetime.now(UTC))) as station:
        offered = station.next_briefing()
        assert isinstance(offered, Briefing) and offered.patient is not None
        assert offered.patient.name == "Alex Sample"
