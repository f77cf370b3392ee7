"""`kiosk doctor` names a voice in `speech_voices` that espeak-ng cannot load: with
`speech_voices = "en=nonexistent-voice"` it exited 0 without a word, while `kiosk speech render`
failed naming the voice (a reviewer acting as IT). It loads each voice with nothing to say: no
audio is rendered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from tests.conftest import set_config


@pytest.fixture(autouse=True)
def espeak() -> None:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (Debian: apt-get install espeak-ng)")


def read_aloud(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["doctor"])
    out = capsys.readouterr().out
    return code, next(line for line in out.splitlines() if " read-aloud " in line)


def test_a_voice_espeak_cannot_load_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    config = load_config().path
    set_config(config, speech_voices="en=nonexistent-voice")
    code, line = read_aloud(capsys)
    assert code == 0  # a warning: the kiosk works, without Listen in English
    assert line.startswith(
        "WARN  read-aloud    espeak-ng cannot load the voice speech_voices sets, "
        "'nonexistent-voice' for en (The specified espeak-ng voice does not exist), so `kiosk "
        "speech render` would fail; install it, or set voices `espeak-ng --voices` lists in "
        f"speech_voices in {config}; no audio for the content in use for "
    )
    set_config(config, speech_voices="en=en-gb, es=es-419")  # installed with espeak-ng itself
    _, line = read_aloud(capsys)
    assert "cannot load" not in line and "no audio for the content in use" in line


def test_without_espeak_the_voices_are_not_asked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    set_config(load_config().path, speech_voices="en=nonexistent-voice")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no espeak-ng: rendering says so
    _, line = read_aloud(capsys)
    assert "cannot load" not in line
