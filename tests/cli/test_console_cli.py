"""`kiosk console` as a command: listed in the help, and without a display one sentence, no traceback."""

from __future__ import annotations

import pytest

from kiosk.cli import main


def test_the_console_is_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "console" in capsys.readouterr().out


def test_without_a_display_it_says_so_in_one_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["console"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kiosk console: ") and err.count("\n") == 1
    assert "Traceback" not in err
