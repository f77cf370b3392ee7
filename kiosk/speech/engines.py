"""The voice that renders a sentence to a WAV file: eSpeak NG, a separate program (GPL, run as a
program, never linked into the kiosk), offline, small, in every language the kiosk ships."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import parse_voices

ESPEAK_VOICES = {"en": "en-us", "es": "es-419", "ar": "ar"}
"""eSpeak NG's voice for each language the kiosk ships (Spanish: Latin American, as the text)."""


class SpeechError(Exception):
    """Audio could not be rendered; one sentence naming what and what to do."""


VOICE_TIMEOUT = 10
"""Seconds espeak-ng is given to load a voice (a moment, even an MBROLA one)."""


@dataclass(frozen=True)
class Espeak:
    """eSpeak NG at `program`, speaking at `words_per_minute` (slower than its 175 default: the
    patients who listen are often older, and anxious)."""

    program: str
    words_per_minute: int = 150
    voices: tuple[tuple[str, str], ...] = ()
    """The clinic's voice for a language, over ESPEAK_VOICES (the `speech_voices` setting)."""

    @classmethod
    def find(cls, voices: str = "") -> Espeak:
        """eSpeak NG on this machine, with the voices of the `speech_voices` setting."""
        program = shutil.which("espeak-ng")
        if program is None:
            raise SpeechError(
                "espeak-ng is not installed, so no audio can be rendered; install it "
                "(Debian: apt-get install espeak-ng; Windows: the installer from "
                "github.com/espeak-ng/espeak-ng/releases) and run the command again"
            )
        return cls(program, voices=tuple(parse_voices(voices).items()))

    @property
    def name(self) -> str:
        done = subprocess.run(
            [self.program, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
        words = done.stdout.split()
        version = next((w for w in words if w[:1].isdigit()), "")
        return f"espeak-ng {version}".strip()

    def voice(self, language: str) -> str:
        try:
            return dict(self.voices).get(language) or ESPEAK_VOICES[language]
        except KeyError:
            raise SpeechError(
                f"espeak-ng has no voice set for the language {language!r}; the kiosk knows "
                f"{', '.join(sorted(ESPEAK_VOICES))}"
            ) from None

    def cannot_load(self, voice: str) -> str | None:
        """Why espeak-ng cannot load `voice` (not installed, or an MBROLA voice without MBROLA),
        None when it can: it loads the voice and is given nothing to say, so no audio is made."""
        try:
            done = subprocess.run(
                [self.program, "-v", voice, "-q", ""],
                capture_output=True,
                text=True,
                timeout=VOICE_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc)
        if done.returncode == 0:
            return None
        if "mbrola" in done.stderr.lower():
            return "MBROLA or this MBROLA voice is not installed"
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        return lines[-1].removeprefix("Error: ").rstrip(".") if lines else "no such voice"

    def render(self, text: str, language: str, out: Path) -> None:
        """`text` spoken in `language`, written to the WAV file `out`."""
        done = subprocess.run(
            [
                self.program, "-v", self.voice(language), "-s", str(self.words_per_minute),
                "-w", str(out), "--", text,
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )  # fmt: skip
        if done.returncode != 0 or not out.exists():
            said = " ".join(done.stderr.split())[:200] or f"exit status {done.returncode}"
            chosen = dict(self.voices).get(language)
            fix = (
                f"; check the voice {chosen!r} for {language} in the speech_voices setting "
                "(`espeak-ng --voices` lists those installed)"
                if chosen
                else ""
            )
            raise SpeechError(f"espeak-ng could not render a sentence to {out} ({said}){fix}")
