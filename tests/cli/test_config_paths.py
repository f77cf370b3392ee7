"""Where the settings and the data are, and reading the settings file, each said in one sentence:
a relative KIOSK_DATA_DIR, KIOSK_CONFIG or `kiosk demo --data-dir` is refused as a relative path in
the settings is (it had been taken as the current folder's); a settings file saved with a
byte-order mark is read; one that is not UTF-8, or a folder given as the file, is said for what it
is (a reviewer acting as IT had "is not valid TOML" and "cannot be read ([Errno 21] ...)")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.cli import main

RELATIVE = "is a relative path, which would name another place from each folder a command starts in"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder the command runs in: a relative path would have named a place in it."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("command", [["init"], ["config", "show"]])
def test_a_relative_data_folder_variable_is_refused(
    capsys: pytest.CaptureFixture[str],
    here: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", "data")
    code, _, err = run(capsys, *command)
    assert (code, err) == (
        1,
        f"kiosk {command[0]}: KIOSK_DATA_DIR=data {RELATIVE}; set KIOSK_DATA_DIR to an absolute "
        f"path, for example {here / 'data'}, or unset it.\n",
    )
    assert list(here.iterdir()) == []  # `kiosk init` had made ./data, its database and keys


def test_doctor_names_a_relative_data_folder_variable(
    capsys: pytest.CaptureFixture[str], here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", "data")
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert f"FAIL  config   KIOSK_DATA_DIR=data {RELATIVE};" in out


def test_a_relative_settings_file_variable_is_refused(
    capsys: pytest.CaptureFixture[str], here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", "kiosk.toml")
    said = (
        f"KIOSK_CONFIG=kiosk.toml {RELATIVE}; set KIOSK_CONFIG to an absolute path, for example "
        f"{here / 'kiosk.toml'}, or unset it.\n"
    )
    assert run(capsys, "init") == (1, "", f"kiosk init: {said}")
    assert list(here.iterdir()) == []  # `kiosk init` had written ./kiosk.toml
    assert run(capsys, "config", "show") == (1, "", f"kiosk config: {said}")


def test_a_relative_demo_folder_is_refused(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    assert run(capsys, "demo", "--briefings", "1", "--no-pdf", "--data-dir", "relative-demo") == (
        1,
        "",
        "kiosk demo: --data-dir relative-demo is a relative path; give the demo folder as an "
        f"absolute path, for example {here / 'relative-demo'}.\n",
    )
    assert list(here.iterdir()) == []


def test_a_settings_file_with_a_byte_order_mark_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = Path(os.environ["KIOSK_CONFIG"])  # as `kiosk init` writes it (tests/conftest.py)
    text = config.read_text(encoding="utf-8").replace('kiosk_id = "', 'kiosk_id = "front-desk', 1)
    config.write_bytes(text.encode("utf-8-sig"))  # as Notepad saves UTF-8
    code, out, err = run(capsys, "config", "show")
    assert (code, err) == (0, "")
    assert 'kiosk_id                = "front-desk' in out


def test_a_settings_file_not_in_utf8_is_said_to_be_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = Path(os.environ["KIOSK_CONFIG"])
    config.write_bytes('kiosk_id = "a"\nclinic_name = "Clínica Saint-Éloi"\n'.encode("cp1252"))
    assert run(capsys, "config", "show") == (
        1,
        "",
        f"kiosk config: {config}: is not UTF-8 text (line 2 holds a byte that UTF-8 does not "
        "allow there); save it as UTF-8 in your editor.\n",
    )


def test_a_folder_given_as_the_settings_file_is_said_to_be_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "settings"
    folder.mkdir()
    assert run(capsys, "--config", str(folder), "config", "show") == (
        1,
        "",
        f"kiosk config: --config {folder}: cannot be read, since it is a folder, not a file; "
        f"name the settings file itself, for example {folder / 'kiosk.toml'}.\n",
    )
    monkeypatch.setenv("KIOSK_CONFIG", str(folder))
    code, _, err = run(capsys, "config", "show")
    assert (code, err) == (
        1,
        f"kiosk config: KIOSK_CONFIG={folder}: cannot be read, since it is a folder, not a file; "
        f"name the settings file itself, for example {folder / 'kiosk.toml'}.\n",
    )


def test_config_show_says_where_the_data_folder_comes_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer read `data_dir = ""  # default` and then a data folder KIOSK_DATA_DIR had given,
    with nothing to say so; the copies folder was not among the folders in effect."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "elsewhere"))
    out = run(capsys, "config", "show")[1]
    assert f"#   data folder: {tmp_path / 'elsewhere'} (from KIOSK_DATA_DIR)\n" in out
    assert f"#   copies: {tmp_path / 'elsewhere' / 'copies'}\n" in out
    monkeypatch.delenv("KIOSK_DATA_DIR")
    assert "(the default)" in run(capsys, "config", "show")[1]
