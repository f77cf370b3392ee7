"""`kiosk doctor` as IT meets it: a fresh install passes; each broken setup fails, named in one line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.cli import store as store_cli
from kiosk.config import load_config
from tests.conftest import set_config

KIOSK = Path(sys.executable).with_name("kiosk")
LINE = re.compile(r"^(ok  |FAIL)  (\S.*?)  +(\S.*)$")


def kiosk(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process (KIOSK_CONFIG and KIOSK_DATA_DIR point at this test's folder)."""
    return subprocess.run(
        [str(KIOSK), *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def doctor(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, tuple[bool, str]], str]:
    """Run `kiosk doctor`: its exit status, each check's (ok, detail) by name, and stderr."""
    code = main(["doctor"])
    out, err = capsys.readouterr()
    return code, checks(out), err


def checks(out: str) -> dict[str, tuple[bool, str]]:
    found: dict[str, tuple[bool, str]] = {}
    for line in out.splitlines():
        match = LINE.match(line)
        assert match, f"not one line per check: {line!r}"
        assert match[2] not in found, f"{match[2]} reported twice"
        found[match[2]] = (match[1] == "ok  ", match[3])
    return found


def failed(found: dict[str, tuple[bool, str]]) -> dict[str, str]:
    return {name: detail for name, (ok, detail) in found.items() if not ok}


@pytest.fixture
def initialised(capsys: pytest.CaptureFixture[str]) -> Path:
    """`kiosk init` has run; returns the config file."""
    assert main(["init"]) == 0
    capsys.readouterr()
    return load_config().path


def test_a_fresh_init_passes_every_check(tmp_path: Path) -> None:
    assert kiosk("init").returncode == 0
    result = kiosk("doctor")
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    found = checks(result.stdout)
    assert list(found) == [
        "config",
        "database",
        "migrations",
        "integrity",
        "audit chain",
        "free disk",
        "signing key",
        "fonts",
        "PDF folder",
        "log folder",
        "pending PDFs",
        "display",
    ]
    assert failed(found) == {}
    assert re.fullmatch(r"offscreen, \d+×\d+", found["display"][1])
    assert found["log folder"][1] == f"{tmp_path / 'data' / 'logs'} is writable"
    log = (tmp_path / "data" / "logs" / "commands.log").read_text(encoding="utf-8")
    assert "kiosk doctor: exit status 0" in log


def test_a_bad_config_value_and_an_unknown_key_are_named_on_one_line(initialised: Path) -> None:
    set_config(initialised, idle_warning_seconds="soon")
    with initialised.open("a", encoding="utf-8") as f:
        f.write("idle_warnign_seconds = 60\n")
    result = kiosk("doctor")  # a real process: nothing but the checks reaches the console
    assert result.returncode == 1
    assert result.stderr == "1 check(s) failed.\n"
    found = checks(result.stdout)
    assert list(failed(found)) == ["config"]
    assert failed(found)["config"].startswith(
        f"{initialised}: idle_warning_seconds: must be a whole number; "
        "idle_warnign_seconds: is not a known setting (known: kiosk_id, "
    )
    assert found["display"][0]  # the checks that need no config still run


def _unreadable(key: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CI runs as root, for whom chmod 000 changes nothing: the read itself is refused instead."""
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == key:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)


@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        ("folder", "is a folder; correct signing_key."),
        ("garbage", "is not a PEM private key; restore it from a backup."),
        ("unreadable", "cannot be read (Permission denied); check its owner and permissions."),
    ],
)
@pytest.mark.usefixtures("initialised")
def test_a_key_file_that_cannot_be_used_is_named(
    breakage: str,
    named: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = load_config().signing_key
    if breakage == "folder":
        key.unlink()
        key.mkdir()
    elif breakage == "garbage":
        key.write_bytes(b"-----BEGIN NONSENSE-----\ngarbage\n")
    else:
        _unreadable(key, monkeypatch)
    code, found, err = doctor(capsys)
    assert code == 1
    assert failed(found) == {"signing key": f"The signing key {key} (signing_key) {named}"}
    assert err == "1 check(s) failed.\n"


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        ("garbage", "is not a kiosk database (it may be damaged or another file)"),
        ("torn", "the database is damaged (database disk image is malformed)"),
    ],
)
@pytest.mark.usefixtures("initialised")
def test_a_corrupt_database_is_named_once_and_left_untouched(
    tmp_path: Path, damage: str, named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "kiosk.db"
    whole = db.read_bytes()
    if damage == "garbage":
        broken = os.urandom(len(whole)).replace(b"SQLite", b"sqlite")
    else:  # the header is right, the pages after it are not
        broken = whole[:100] + b"\xff" * (len(whole) - 4196) + whole[-4096:]
    db.write_bytes(broken)
    code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {
        "database": f"{db}: {named}; it was left untouched: "
        + (
            "restore it from a backup (kiosk backup) or move it aside."
            if damage == "garbage"
            else "restore it from a backup (kiosk backup) and run `kiosk doctor`."
        )
    }
    assert "pending PDFs" not in found  # nothing to count in a database that cannot be read
    assert db.read_bytes() == broken


@pytest.mark.usefixtures("initialised")
def test_a_log_folder_that_cannot_be_written_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data" / "logs"
    for old in folder.iterdir():
        old.unlink()
    folder.rmdir()
    folder.write_text("a file where the folder should be")
    code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {"log folder": f"{folder}: is a file, not a folder; move it aside"}

    folder.unlink()
    folder.mkdir()
    access = os.access
    monkeypatch.setattr(  # as root everything is writable: the answer for this folder is faked
        store_cli.os, "access", lambda p, mode: Path(p) != folder and access(p, mode)
    )
    code, found, _ = doctor(capsys)
    assert failed(found) == {
        "log folder": f"{folder}: cannot be written; give the kiosk's user write access "
        "(until then the kiosk logs to stderr)",
    }


@pytest.mark.usefixtures("initialised")
def test_no_display_is_named_with_what_to_do(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    code, found, _ = doctor(capsys)  # Qt aborts the probe's process, never the doctor's
    assert code == 1
    assert list(failed(found)) == ["display"]
    detail = failed(found)["display"]
    assert detail.startswith("no display (Qt: could not connect to display")
    assert detail.endswith(": set DISPLAY / QT_QPA_PLATFORM, or run on the kiosk's desktop session")


@pytest.mark.usefixtures("initialised")
def test_a_display_that_never_answers_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def hang(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        assert command[1:] == ["-m", "kiosk.ui.probe"]
        assert kwargs["timeout"] == store_cli.DISPLAY_TIMEOUT == 15
        raise subprocess.TimeoutExpired(command, 15)

    monkeypatch.setattr(store_cli.subprocess, "run", hang)
    code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {
        "display": "Qt did not open a display within 15 s; set DISPLAY / QT_QPA_PLATFORM, "
        "or run on the kiosk's desktop session"
    }


@pytest.mark.usefixtures("initialised")
def test_a_probe_that_fails_for_another_reason_says_that_reason(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(
            command,
            1,
            "",
            "Traceback (most recent call last):\n  ...\n"
            "ImportError: libEGL.so.1: cannot open shared object file: No such file or directory\n",
        )

    monkeypatch.setattr(store_cli.subprocess, "run", broken)
    code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {
        "display": "the display check failed: ImportError: libEGL.so.1: cannot open shared "
        "object file: No such file or directory"
    }
