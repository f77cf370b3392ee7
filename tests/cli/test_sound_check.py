"""`kiosk doctor` says whether Listen can be heard: a kiosk with read-aloud audio and no sound
device reads each sentence on screen to nobody (a reviewer saw Listen mark sentence after
sentence, silent). A warning naming the fix, never a failure; no line where Listen is not offered."""

from __future__ import annotations

import pytest

from kiosk.cli import main
from kiosk.cli import store as store_cli
from kiosk.cli.speech import NO_SOUND, sound_check, sound_said
from kiosk.store.maintenance import Check


def test_no_sound_device_is_a_warning_that_says_what_to_do() -> None:
    said = sound_said(0, "0\n\n", "PulseAudioService: pa_context_connect() failed\n")
    assert (said.ok, said.warning, said.detail) == (True, True, NO_SOUND)
    assert "connect speakers or headphones" in said.detail and "\n" not in said.detail


def test_a_sound_device_is_named() -> None:
    assert sound_said(0, "1\nBuilt-in Audio Analog Stereo\n", "") == Check(
        "sound", True, "Listen plays on Built-in Audio Analog Stereo"
    )
    assert sound_said(0, "3\n\n", "").detail == "Listen plays on a sound output (and 2 more)"


@pytest.mark.parametrize(
    ("code", "out", "err", "why"),
    [
        (1, "", "ImportError: libpulse.so.0: cannot open shared object file\n", "libpulse.so.0"),
        (-6, "", "", "exit status -6"),
        (0, "oops\n", "", "exit status 0"),
    ],
)
def test_a_sound_check_that_fails_says_why_in_one_line(
    code: int, out: str, err: str, why: str
) -> None:
    said = sound_said(code, out, err)
    assert said.ok and said.warning and said.detail.startswith("the sound check failed: ")
    assert why in said.detail and "\n" not in said.detail


def test_the_probe_answers_on_this_machine() -> None:
    """Whatever this machine has, Qt Multimedia is asked and answers (a count, maybe none)."""
    said = sound_check()
    assert said.name == "sound" and said.ok
    assert said.detail == NO_SOUND or said.detail.startswith("Listen plays on "), said.detail


def test_doctor_asks_only_where_listen_is_offered(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    asked: list[bool] = []

    def probe() -> Check:
        asked.append(True)
        return Check("sound", True, NO_SOUND, warning=True)

    monkeypatch.setattr(store_cli, "sound_check", probe)
    main(["doctor", "--no-display"])
    assert "sound" not in capsys.readouterr().out and not asked  # no audio rendered: not offered
    monkeypatch.setattr(store_cli, "listen_offered", lambda *_: True)
    main(["doctor", "--no-display"])
    out = capsys.readouterr().out
    assert asked == [True]
    (line,) = [line for line in out.splitlines() if "  sound  " in line]
    assert line.startswith("WARN") and NO_SOUND in line
