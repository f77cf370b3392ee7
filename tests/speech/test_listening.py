"""A screen's audio is looked up without reading the disk at every screen: content with no audio
is read again only once its manifest changes (a render writes it last), and found then."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.content import load_form
from kiosk.paths import bundled_forms_dir
from kiosk.speech import listening
from kiosk.speech.listening import Audio
from kiosk.speech.render import FORMAT, MANIFEST, speech_folder


def test_no_audio_is_not_looked_for_again_until_a_render_writes_its_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = load_form(bundled_forms_dir() / "mild" / "en.toml")
    reads: list[Path] = []
    real = listening.load_manifest

    def counted(folder: Path) -> dict[str, object] | None:
        reads.append(folder)
        return real(folder)

    monkeypatch.setattr(listening, "load_manifest", counted)
    audio = Audio(tmp_path)
    sentence = "The mild procedure is a fairly new type of back surgery."
    for _ in range(5):  # five screens drawn, no audio rendered
        assert audio.clips_for(form, [sentence]) == ()
    assert len(reads) == 1, f"the manifest was looked for {len(reads)} times for 5 screens"

    folder = speech_folder(tmp_path, form)
    folder.mkdir(parents=True)
    (folder / "0001.wav").write_bytes(b"RIFF")
    manifest = {
        "format": FORMAT,
        "content_sha256": form.content_sha256,
        "engine": "espeak-ng",
        "voice": "en",
        "sentences": [
            {"screen": "about", "text": sentence, "file": "0001.wav", "seconds": 2.5, "sha256": "0"}
        ],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (clip,) = audio.clips_for(form, [sentence])  # rendered meanwhile: found at the next screen
    assert clip.path == folder / "0001.wav" and clip.seconds == 2.5
    assert audio.clips_for(form, [sentence]) == (clip,) and len(reads) == 2
