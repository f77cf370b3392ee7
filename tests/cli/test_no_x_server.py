"""DISPLAY naming a display where no X server runs (a kiosk started before the desktop session, a
mistyped number): one sentence and exit 1, never Qt's abort (exit 134) with its advice to
reinstall the application."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.ui.probe import x_server_listening

UNIX = """Num       RefCount Protocol Flags    Type St Inode Path
0000000000000000: 00000002 00000000 00010000 0001 01 74485 /tmp/.X11-unix/X62
0000000000000000: 00000002 00000000 00010000 0001 01 74484 @/tmp/.X11-unix/X63
0000000000000000: 00000003 00000000 00000000 0001 03 74500 /run/dbus/system_bus_socket
"""


def test_an_x_servers_socket_is_found_in_the_kernels_list(tmp_path: Path) -> None:
    listed = tmp_path / "unix"
    listed.write_text(UNIX)
    assert x_server_listening(":62", listed)  # its file
    assert x_server_listening(":63.0", listed)  # abstract only
    assert x_server_listening("unix:63", listed)
    assert not x_server_listening(":6", listed)  # (not X62's prefix)
    assert not x_server_listening(":4242", listed)
    assert x_server_listening("otherhost:0", listed)  # not this machine's: Qt's to find out
    assert x_server_listening(":4242", tmp_path / "missing")  # nothing to tell by


@pytest.mark.parametrize("command", [["--windowed"], ["console"]])
def test_a_display_with_no_x_server_is_one_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    monkeypatch.setenv("DISPLAY", ":4242")
    monkeypatch.setattr("sys.platform", "linux")
    assert main(command) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "DISPLAY=:4242" in err
