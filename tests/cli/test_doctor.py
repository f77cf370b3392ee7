"""`kiosk doctor` as IT meets it: a fresh install passes; each broken setup fails, named in one line."""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.cli import store as store_cli
from kiosk.config import load_config
from kiosk.ui import probe
from tests.conftest import set_config

KIOSK = Path(sys.executable).with_name("kiosk")
LINE = re.compile(r"^(ok  |WARN|FAIL)  (\S.*?)  +(\S.*)$")


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
        found[match[2]] = (match[1] != "FAIL", match[3])  # a warning is not a failure
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
        "clinic_name",
        "mrn_system",
        "database",
        "migrations",
        "integrity",
        "audit chain",
        "audit anchor",
        "audit events",
        "PDF files",
        "staff",
        "free disk",
        "signing key",
        "fonts",
        "data folder",
        "PDF folder",
        "PDF copies",
        "log folder",
        "pending PDFs",
        "forms",
        "read-aloud",
        "at rest",
        "display",
    ]
    assert failed(found) == {}
    assert re.fullmatch(r"offscreen, \d+×\d+", found["display"][1])
    assert found["log folder"][1] == f"{tmp_path / 'data' / 'logs'} is writable"
    log = (tmp_path / "data" / "logs" / "commands.log").read_text(encoding="utf-8")
    assert "kiosk doctor: exit status 0" in log


def test_the_settings_a_pdf_and_the_fhir_export_print_are_warned_of_until_set(
    initialised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kiosk left as `kiosk init` wrote it works, but its PDFs name no clinic: said, not failed."""
    code, found, _ = doctor(capsys)
    assert code == 0
    assert found["clinic_name"] == (
        True,
        "clinic_name is not set, so briefing PDFs and the kiosk's certificate name no clinic; "
        f"set clinic_name in {initialised}",
    )
    assert found["mrn_system"][1].startswith("mrn_system is not set, so the FHIR export gives")
    set_config(
        initialised,
        clinic_name="Riverside Spine Clinic",
        mrn_system="urn:oid:2.16.840.1.113883.3.1",
    )
    code, found, _ = doctor(capsys)
    assert "clinic_name" not in found and "mrn_system" not in found


def test_a_data_folder_made_before_init_is_closed_to_others_and_the_doctor_names_a_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reviewer made the data folder first (755): `kiosk init` kept it so, with the patients'
    records in it, and the doctor said nothing. Init closes it to other users; a group IT gave it
    stays (init runs again), named by the doctor."""
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o755)
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert f"{data} (closed to other users of this machine: they could open it)" in out
    assert data.stat().st_mode & 0o777 == 0o750
    code, found, _ = doctor(capsys)
    ok, detail = found["data folder"]
    assert code == 0 and ok and "other users of this machine can open it (mode 750)" in detail
    assert f"chmod 700 {data}" in detail
    assert main(["init"]) == 0  # run again: the group's access is IT's to take away
    assert "closed to other" not in capsys.readouterr().out
    assert data.stat().st_mode & 0o777 == 0o750


def test_doctor_warns_where_no_audio_is_rendered_for_the_content_in_use(
    initialised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor"]) == 0  # a warning: the kiosk works, without Listen
    out = capsys.readouterr().out
    assert re.search(r"^WARN  read-aloud ", out, re.MULTILINE)
    detail = checks(out)["read-aloud"][1]
    assert detail.startswith("no audio for the content in use for mild ar, mild en, mild es: ")
    assert "kiosk speech render" in detail
    assert main(["speech", "render", "--language", "en"]) == 0
    capsys.readouterr()
    _, found, _ = doctor(capsys)
    assert found["read-aloud"][1].startswith(
        "no audio for the content in use for mild ar, mild es:"
    )


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
        "idle_warnign_seconds: is not a known setting (did you mean idle_warning_seconds? "
        "known: kiosk_id, "
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


ICCCM_MISSING = (
    "Qt's xcb platform cannot be loaded because libxcb-icccm.so.4 is missing: "
    "install libxcb-icccm4 (Debian)"
)


@pytest.fixture
def linux_without_display(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux, where Qt would use xcb, with no display variable set: whatever this machine has."""
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(name, raising=False)


def libraries_missing(monkeypatch: pytest.MonkeyPatch, *sonames: str) -> None:
    """What the kiosk finds missing of the xcb plugin's libraries, instead of what this machine lacks."""
    monkeypatch.setattr(probe, "missing_libraries", lambda: list(sonames))


def qt_answers(monkeypatch: pytest.MonkeyPatch, stdout: str = "", stderr: str = "") -> None:
    """The doctor's Qt probe (its own process) answers this, without Qt being asked."""

    def answer(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        assert command[1:] == ["-m", "kiosk.ui.probe"]
        return subprocess.CompletedProcess(command, 0 if stdout else 1, stdout, stderr)

    monkeypatch.setattr(store_cli.subprocess, "run", answer)


def qt_not_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        raise AssertionError(f"Qt was asked, though the kiosk knew the answer: {command}")

    monkeypatch.setattr(store_cli.subprocess, "run", refuse)


@pytest.mark.parametrize(
    ("platform", "named"),
    [
        ("", "no display: neither DISPLAY nor WAYLAND_DISPLAY is set; "),
        ("xcb", "no display: QT_QPA_PLATFORM is xcb but DISPLAY is not set; "),
    ],
)
@pytest.mark.usefixtures("initialised", "linux_without_display")
def test_no_display_is_named_with_what_to_do(
    platform: str, named: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if platform:
        monkeypatch.setenv("QT_QPA_PLATFORM", platform)
    qt_not_asked(monkeypatch)  # Qt would end the process it runs in; the kiosk says why itself
    code, found, _ = doctor(capsys)
    assert code == 1
    assert list(failed(found)) == ["display"]
    detail = failed(found)["display"]
    assert detail.startswith(named + "run it from the machine's desktop session, or set DISPLAY")
    assert detail.endswith("QT_QPA_PLATFORM=offscreen shows nothing and is for tests only")


@pytest.mark.usefixtures("initialised", "linux_without_display")
def test_doctor_over_ssh_may_leave_the_display_out(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An IT reviewer's monitoring over SSH: doctor always failed on the display, which is the
    kiosk's screen, not the SSH session's."""
    qt_not_asked(monkeypatch)
    assert main(["doctor", "--no-display"]) == 0
    out = capsys.readouterr().out
    assert "display" not in checks(out) and "check(s) failed" not in out


@pytest.mark.usefixtures("initialised", "linux_without_display")
def test_a_missing_xcb_library_is_named_with_its_package(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    libraries_missing(monkeypatch, "libxcb-icccm.so.4")
    qt_not_asked(monkeypatch)
    code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {"display": ICCCM_MISSING}


@pytest.mark.parametrize(
    "env",
    [{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "wayland"}],
    ids=["DISPLAY", "WAYLAND_DISPLAY", "wayland"],
)
@pytest.mark.usefixtures("initialised", "linux_without_display")
def test_a_display_with_its_libraries_is_left_to_qt(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    libraries_missing(monkeypatch)
    monkeypatch.setattr("kiosk.ui.probe.x_server_listening", lambda display: True)  # (an X server)
    qt_answers(monkeypatch, stdout="xcb 1920 1080 1.5\n")
    code, found, _ = doctor(capsys)
    assert (code, found["display"]) == (0, (True, "xcb, 1920×1080 at 1.5× scale"))


@pytest.mark.usefixtures("initialised")
def test_what_the_probe_finds_itself_is_passed_on_as_it_says_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    qt_answers(monkeypatch, stderr=f"{probe.PROBE}{ICCCM_MISSING}\n")
    code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {"display": ICCCM_MISSING}


def test_the_missing_libraries_are_read_from_ldd_and_named_with_their_packages() -> None:
    ldd = (
        "\tlinux-vdso.so.1 (0x00007ffd)\n"
        "\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f20)\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibxcb-icccm.so.4 => not found\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibnew-in-qt-7.so.1 => not found\n"
    )
    missing = probe.not_found(ldd)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libnew-in-qt-7.so.1"]
    assert probe.missing_sentence(missing) == (
        "Qt's xcb platform cannot be loaded because libxcb-cursor.so.0 and libxcb-icccm.so.4 and "
        "libnew-in-qt-7.so.1 are missing: install libxcb-cursor0 libxcb-icccm4 (Debian); install "
        "the package that provides libnew-in-qt-7.so.1 (apt-file search libnew-in-qt-7.so.1)"
    )


def test_without_ldd_each_known_library_is_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.touch()
    absent = {str(plugin), "libxcb-icccm.so.4", "libxcb-shape.so.0"}

    def load(name: str, *args: object, **kwargs: object) -> object:
        if name in absent:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        return object()

    monkeypatch.setattr(probe, "xcb_plugin", lambda: plugin)
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    monkeypatch.setattr(ctypes, "CDLL", load)
    assert probe.missing_libraries() == ["libxcb-icccm.so.4", "libxcb-shape.so.0"]
    absent.clear()
    assert probe.missing_libraries() == []


@pytest.mark.gui
@pytest.mark.usefixtures("linux_without_display")
def test_the_kiosk_without_a_display_says_so_before_qt_starts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--windowed"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(
        "kiosk touchscreen: no display: neither DISPLAY nor WAYLAND_DISPLAY is set; "
    )
    assert err.count("\n") == 1

    monkeypatch.setenv("DISPLAY", ":0")
    libraries_missing(monkeypatch, "libxcb-icccm.so.4")
    assert main(["--windowed"]) == 1
    assert capsys.readouterr().err == f"kiosk touchscreen: {ICCCM_MISSING}\n"


@pytest.mark.gui
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt uses xcb on Linux only")
def test_the_real_kiosk_without_a_display_exits_with_one_sentence_not_an_abort() -> None:
    unset = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")
    result = subprocess.run(
        [str(KIOSK), "--windowed"],
        env={name: value for name, value in os.environ.items() if name not in unset},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # Qt's own abort would be 134 (-6)
    assert result.stderr.startswith(
        "kiosk touchscreen: no display: neither DISPLAY nor WAYLAND_DISPLAY is set; "
    )
    assert result.stderr.count("\n") == 1


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
        "display": f"Qt did not open a display within 15 s; {probe.WHAT_TO_DO}"
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


@pytest.mark.parametrize("command", [["doctor"], ["records", "list"], ["init"]])
def test_a_data_dir_that_is_a_file_is_one_sentence(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    afile = tmp_path / "kiosk-data"
    afile.write_text("not a folder")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(afile))
    code = main(command)
    out, err = capsys.readouterr()
    assert code == 1
    sentence = f"KIOSK_DATA_DIR={afile} is a file, not a folder; point KIOSK_DATA_DIR at"
    assert sentence in out + err
    assert "kiosk init` first" not in out + err and "Traceback" not in err
    assert afile.read_text() == "not a folder"  # untouched


def test_a_data_folder_not_on_an_encrypted_volume_is_a_warning_not_a_failure(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.store.atrest import AtRest

    said = "/data is on sda2, which is not an encrypted volume: … (README: At rest)"
    monkeypatch.setattr(store_cli, "at_rest", lambda folder: AtRest(False, said))
    main(["doctor"])
    out = capsys.readouterr().out
    assert re.search(r"^WARN  at rest +/data is on sda2, which is not an encrypted", out, re.M)
    monkeypatch.setattr(store_cli, "at_rest", lambda folder: AtRest(True, "on LUKS"))
    main(["doctor"])
    out = capsys.readouterr().out
    assert re.search(r"^ok    at rest +on LUKS$", out, re.M)


def test_a_witness_required_that_is_not_true_or_false_is_one_sentence(
    initialised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_config(initialised, witness_required="yes")
    status, found, _ = doctor(capsys)
    assert status == 1
    ok, detail = found["config"]
    assert (
        not ok
        and detail
        == f"{initialised}: witness_required: must be true or false (lowercase, without quotes)."
    )


def test_a_folder_not_made_yet_is_not_said_to_be_writable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer pointed data_dir at a folder that did not exist: doctor said its PDF and log
    folders "are writable". They can be made; it says that."""
    monkeypatch.delenv("KIOSK_DATA_DIR")
    missing = tmp_path / "bad" / "missing"
    (tmp_path / "config" / "kiosk.toml").write_text(f'data_dir = "{missing}"\n', encoding="utf-8")
    code, found, _ = doctor(capsys)
    assert code == 1  # no database there yet
    assert found["PDF folder"] == (
        True,
        f"{missing / 'documents'} does not exist yet; it can be made in {tmp_path}",
    )
    assert found["log folder"][1].startswith(f"{missing / 'logs'} does not exist yet")
    assert not list(tmp_path.glob(".kiosk-doctor-*"))  # the trial folder went at once


def test_a_forms_dir_that_is_not_there_is_named(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reviewer set forms_dir = "/nonexistent/forms": doctor said ok, and the kiosk showed the
    shipped forms alone, the clinic's nowhere."""
    missing = tmp_path / "nonexistent" / "forms"
    set_config(initialised, forms_dir=str(missing))
    code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {
        "config": f"{initialised}: forms_dir: {missing} does not exist, so the kiosk shows only "
        "the procedures it ships; correct forms_dir to the folder of the clinic's procedure "
        "files, or leave it empty for the default."
    }
    missing.mkdir(parents=True)
    assert doctor(capsys)[0] == 0


def test_the_copies_folder_is_checked_like_the_others(
    initialised: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Staff found a copies_dir that could not be written only when they tapped Save."""
    _, found, _ = doctor(capsys)
    default = tmp_path / "data" / "copies"  # made when first used
    assert found["PDF copies"] == (
        True,
        f"{default} does not exist yet; it can be made in {default.parent}",
    )
    unplugged = tmp_path / "media" / "usb"  # a set folder is never made in its place
    set_config(initialised, copies_dir=str(unplugged))
    code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {
        "PDF copies": f"{unplugged} (copies_dir) does not exist, so staff cannot save copies "
        "there; connect the drive or share, or create the folder, or leave copies_dir empty for "
        "the default"
    }
    unplugged.mkdir(parents=True, mode=0o700)
    access = os.access  # read-only for the kiosk's user (faked: root may write anywhere)
    with monkeypatch.context() as patched:
        patched.setattr(
            store_cli.os, "access", lambda p, mode: Path(p) != unplugged and access(p, mode)
        )
        code, found, _ = doctor(capsys)
    assert code == 1
    assert failed(found) == {
        "PDF copies": f"{unplugged}: cannot be written; give the kiosk's user write access or "
        "set copies_dir"
    }
    assert doctor(capsys)[1]["PDF copies"] == (True, f"{unplugged} is writable")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_folder_that_cannot_be_made_in_proc_fails_even_as_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer set data_dir = "/proc/kiosk-data": doctor said the PDF and log folders "can be
    made in /proc" (root may write anywhere by the rights), while `kiosk init` could not make them."""
    monkeypatch.delenv("KIOSK_DATA_DIR")
    (tmp_path / "config" / "kiosk.toml").write_text(
        'data_dir = "/proc/kiosk-data"\n', encoding="utf-8"
    )
    code, found, _ = doctor(capsys)
    assert code == 1
    assert found["PDF folder"] == (
        False,
        "/proc/kiosk-data/documents does not exist and cannot be made in /proc (No such file or "
        "directory); give the kiosk's user write access or set documents_dir",
    )
    ok, detail = found["log folder"]
    assert not ok and detail.startswith("/proc/kiosk-data/logs does not exist and cannot be made")


@pytest.mark.parametrize("how", ["read-only disk", "no rights"])
def test_a_folder_that_cannot_be_made_on_a_read_only_disk_or_without_rights_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.delenv("KIOSK_DATA_DIR")
    parent = tmp_path / "mounted"
    parent.mkdir()
    (tmp_path / "config" / "kiosk.toml").write_text(
        f'data_dir = "{parent / "data"}"\n', encoding="utf-8"
    )
    if how == "read-only disk":  # as a read-only mount answers, which root cannot write either
        made = store_cli.tempfile.mkdtemp

        def refuse(prefix: str, dir: Path) -> str:
            if Path(dir) == parent:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
            return made(prefix=prefix, dir=dir)

        monkeypatch.setattr(store_cli.tempfile, "mkdtemp", refuse)
        why = os.strerror(errno.EROFS)
    else:  # the kiosk's user has no write access (faked: as root every folder is writable)
        access = os.access
        monkeypatch.setattr(
            store_cli.os, "access", lambda p, mode: Path(p) != parent and access(p, mode)
        )
        why = os.strerror(errno.EACCES)
    code, found, _ = doctor(capsys)
    assert code == 1
    assert found["PDF folder"] == (
        False,
        f"{parent / 'data' / 'documents'} does not exist and cannot be made in {parent} ({why}); "
        "give the kiosk's user write access or set documents_dir",
    )
    assert not found["log folder"][0]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder modes")
def test_a_folder_that_cannot_be_made_in_a_folder_without_write_rights_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIOSK_DATA_DIR")
    parent = tmp_path / "read-only"
    parent.mkdir()
    (tmp_path / "config" / "kiosk.toml").write_text(
        f'data_dir = "{parent / "data"}"\n', encoding="utf-8"
    )
    parent.chmod(0o500)
    try:
        code, found, _ = doctor(capsys)
    finally:
        parent.chmod(0o700)
    assert code == 1
    assert found["PDF folder"][0] is False
    assert "cannot be made in" in found["PDF folder"][1]


@pytest.mark.skipif(os.name != "posix", reason="folder modes are POSIX's")
def test_a_pdf_folder_others_can_open_is_a_warning_with_the_chmod_to_run(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kiosk upgraded from before its folders were made 700 kept a documents folder of 755: its
    file names (dates and briefing ids) were listable by every user of the machine."""
    folder = tmp_path / "data" / "documents"
    folder.mkdir(exist_ok=True)
    folder.chmod(0o755)
    code, found, _ = doctor(capsys)
    assert code == 0  # a warning: the PDFs themselves are the kiosk's user's alone (600)
    assert found["PDF folder"] == (
        True,
        f"{folder} is writable, but other users of this machine can open it (mode 755); "
        f"run: chmod 700 {folder}",
    )
    folder.chmod(0o700)
    _, found, _ = doctor(capsys)
    assert found["PDF folder"] == (True, f"{folder} is writable")


class _QtWithout:
    """Qt's first import failing as the dynamic loader fails it when a system library is gone."""

    def __init__(self, module: str, soname: str) -> None:
        self.module, self.soname = module, soname

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == self.module:
            raise ImportError(f"{self.soname}: cannot open shared object file: No such file")


@pytest.mark.parametrize(
    ("argv", "module", "said"),
    [
        (["--windowed"], "kiosk.ui.app", "kiosk touchscreen"),
        (["console"], "kiosk.ui.console.app", "kiosk console"),
    ],
)
def test_a_library_qt_itself_needs_missing_is_one_sentence_with_its_package(
    initialised: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    module: str,
    said: str,
) -> None:
    """An IT reviewer hid libEGL.so.1: `kiosk doctor` named it, but `kiosk --windowed`, `kiosk
    practice` and `kiosk console` each printed a traceback ending in the loader's words."""
    monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setattr(sys, "meta_path", [_QtWithout(module, "libEGL.so.1"), *sys.meta_path])
    capsys.readouterr()
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        f"{said}: Qt cannot be loaded because libEGL.so.1 is missing: install libegl1 (Debian)\n"
    )


def test_an_import_error_of_another_kind_is_not_taken_for_a_missing_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ImportError, match="no module"), probe.qt_loaded():
        raise ImportError("no module named PySide6")


def test_doctor_tells_it_a_kiosk_with_no_staff_account_cannot_have_a_briefing_prepared(
    initialised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where IT looks, not on Welcome: no staff account (Welcome asks the patient for staff)."""
    from datetime import UTC, datetime

    from kiosk.store import open_store
    from kiosk.store.staff import add_staff

    assert main(["doctor", "--no-display"]) == 0  # a warning: walk-up briefings still start
    out = capsys.readouterr().out
    assert re.search(r"^WARN  staff ", out, re.MULTILINE)
    assert "run `kiosk staff add NAME` on this computer" in checks(out)["staff"][1]
    store = open_store(load_config().database_url, load_config().kiosk_id)
    try:
        add_staff(store, "Sam Carter", "482916", datetime.now(UTC))
    finally:
        store.close()
    _, found, _ = doctor(capsys)
    assert found["staff"] == (True, "1 active account(s)")
