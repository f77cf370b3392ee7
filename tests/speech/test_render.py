"""Read-aloud audio rendered with the real engine (eSpeak NG, as CI installs it): a WAV per sentence,
long enough for its words and not silent, in English and Spanish (and Arabic), with a manifest tied
to the content hash that `kiosk speech check` holds the files to."""

from __future__ import annotations

import array
import json
import os
import shutil
import stat
import wave
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.config import parse_voices
from kiosk.content import load_form
from kiosk.content.schema import Form
from kiosk.paths import bundled_forms_dir
from kiosk.speech.engines import Espeak, SpeechError
from kiosk.speech.render import MANIFEST, check_folder, render_form, speech_folder
from kiosk.speech.script import script, sentences
from tests.conftest import set_config

MILD = bundled_forms_dir() / "mild"


def engine() -> Espeak:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (Debian: apt-get install espeak-ng)")
    return Espeak.find()


def short(form: Form) -> Form:
    """The procedure cut to a few sentences of every kind of screen: quick to render."""
    return form.model_copy(
        update={
            "about": form.about.model_copy(update={"body": form.about.paragraphs()[0]}),
            "steps": form.steps[:1],
            "risks": form.risks[:1],
            "options": form.options.model_copy(update={"items": form.options.items[:1]}),
            "precautions": form.precautions.model_copy(
                update={"items": form.precautions.items[:1]}
            ),
            "questions": form.questions[:1],
        }
    )


def loudness(path: Path) -> float:
    """The root mean square of a 16-bit WAV's samples, 0 (silence) to 32767."""
    with wave.open(str(path)) as audio:
        assert audio.getsampwidth() == 2
        samples = array.array("h", audio.readframes(audio.getnframes()))
    every = samples[::8]  # a sample in eight: plenty for telling speech from silence
    return (sum(s * s for s in every) / max(len(every), 1)) ** 0.5


def test_sentences_split_where_a_reader_pauses() -> None:
    assert sentences("Step one.  It is short!\nIs it? Yes.") == [
        "Step one.",
        "It is short!",
        "Is it?",
        "Yes.",
    ]
    assert sentences("«Hola.» Adiós.") == ["«Hola.»", "Adiós."]
    assert sentences("ما هذا؟ إنه إجراء.") == ["ما هذا؟", "إنه إجراء."]
    assert sentences("A title") == ["A title"]


def test_the_script_reads_every_screen_in_the_patients_order() -> None:
    form = load_form(MILD / "en.toml")
    said = script(form)
    order = list(dict.fromkeys(s.screen_id for s in said))
    reading = [screen.id for _, screen in form.content_screens()]
    kiosk = ["welcome", "identity", "reading", "review", "sign", "done", "still-there", "refusals"]
    assert order == [*reading, *(q.id for q in form.questions), *kiosk]
    first = [s for s in said if s.screen_id == form.about.id]
    assert first[0].text == form.about.title and first[0].index == 0
    assert form.about.picture is not None  # its words read with its screen
    assert form.about.picture.alt.endswith(first[-1].text)
    q = form.questions[0]
    assert [s.text for s in said if s.screen_id == q.id][1:] == [c.text for c in q.choices]


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_each_sentence_is_rendered_to_audio_long_enough_for_its_words(
    tmp_path: Path, language: str
) -> None:
    little = short(load_form(MILD / f"{language}.toml"))
    done = render_form(little, tmp_path, engine())
    manifest: dict[str, Any] = json.loads((done.folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["content_sha256"] == little.content_sha256
    assert manifest["language"] == language and manifest["engine"].startswith("espeak-ng")
    assert [e["text"] for e in manifest["sentences"]] == [s.text for s in script(little)]
    for entry in manifest["sentences"]:
        path = done.folder / entry["file"]
        with wave.open(str(path)) as audio:
            seconds = audio.getnframes() / audio.getframerate()
        letters = sum(ch.isalpha() for ch in entry["text"])
        # eSpeak at 150 words a minute says about 12 letters a second: at least a third of that
        # long, and not ten times longer than it.
        assert letters / 36 < seconds < letters / 1.2 + 1, (entry["text"], seconds)
        assert loudness(path) > 300, entry["text"]  # speech, not silence
        assert path.stat().st_mode & 0o077 == 0
    assert check_folder(little, tmp_path) == []
    again = render_form(little, tmp_path, engine())
    assert again.made == 0 and again.sentences == done.sentences  # kept, vouched for


class Hum:
    """An engine that says every sentence as a tenth of a second of silence: quick, no eSpeak."""

    name = "hum"

    def voice(self, language: str) -> str:
        return language

    def render(self, text: str, language: str, out: Path) -> None:
        with wave.open(str(out), "wb") as audio:
            audio.setnchannels(1)
            audio.setsampwidth(2)
            audio.setframerate(8000)
            audio.writeframes(b"\0\0" * 800)


def test_every_folder_made_for_the_audio_is_the_kiosk_users_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    before = os.umask(0o022)  # the usual umask, which leaves a folder made without a mode 0755
    try:
        done = render_form(short(load_form(MILD / "en.toml")), data, Hum())
    finally:
        os.umask(before)
    for folder in (data / "speech", data / "speech" / "mild", done.folder):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_check_names_a_changed_file_a_missing_one_and_new_content(tmp_path: Path) -> None:
    little = short(load_form(MILD / "es.toml"))
    done = render_form(little, tmp_path, engine())
    files = sorted(done.folder.glob("*.wav"))
    audio = bytearray(files[0].read_bytes())
    audio[len(audio) // 2] ^= 0xFF  # one byte of the speech changed
    files[0].write_bytes(bytes(audio))
    files[1].unlink()
    problems = check_folder(little, tmp_path)
    assert [p.split(":")[0] for p in problems] == [str(files[0]), str(files[1])]
    assert "changed since it was rendered" in problems[0] and "missing" in problems[1]
    # Rendering again makes exactly those two.
    assert render_form(little, tmp_path, engine()).made == 2
    assert check_folder(little, tmp_path) == []
    # New content (a corrected sentence) is another folder, not yet rendered.
    fixed = little.model_copy(update={"summary": little.summary + " Corregido."})
    assert speech_folder(tmp_path, fixed) != done.folder
    assert "no audio rendered" in check_folder(fixed, tmp_path)[0]


def test_without_espeak_ng_one_sentence_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SpeechError, match="apt-get install espeak-ng"):
        Espeak.find()
    assert main(["speech", "render", "--language", "en"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "espeak-ng is not installed" in err


def test_a_voice_the_clinic_chose_is_used_and_one_not_installed_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    little = short(load_form(MILD / "en.toml"))
    chosen = Espeak.find("en=en-us+f3")  # eSpeak NG's own variant: installed wherever it is
    assert (chosen.voice("en"), chosen.voice("es")) == ("en-us+f3", "es-419")
    done = render_form(little, tmp_path, chosen)
    manifest = json.loads((done.folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["voice"] == "en-us+f3"
    assert render_form(little, tmp_path, engine()).made == done.sentences  # another voice: anew
    with pytest.raises(SpeechError) as refused:
        render_form(little, tmp_path / "other", Espeak.find("en=mb-us9"))
    said = str(refused.value)
    assert "'mb-us9' for en in the speech_voices setting" in said and "\n" not in said
    assert main(["init"]) == 0
    set_config(tmp_path / "config" / "kiosk.toml", speech_voices="en=mb-us9")
    capsys.readouterr()
    assert main(["speech", "render", "--language", "en"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "speech_voices setting" in err


def test_the_speech_voices_setting_is_read_or_refused_in_one_sentence() -> None:
    assert parse_voices("") == {}
    assert parse_voices("en=mb-us2, es = es-419") == {"en": "mb-us2", "es": "es-419"}
    for bad in ("en", "en=mb us2", "en=mb-us2, en=en-us", "English=en-us"):
        with pytest.raises(ValueError, match="LANGUAGE=VOICE"):
            parse_voices(bad)
